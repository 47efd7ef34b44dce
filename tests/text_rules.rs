//! The built-in companion pack `gbt15834` (公文标点符号和数字用法): realistic sentences
//! that must and must not trigger each rule, a `fix` round trip on a .txt report, and
//! the companion treatment (it checks every report, .txt and .docx, and leaves the
//! summary grouped by content pack).

mod common;

use std::path::Path;

use common::{docx, json, para, run};
use reportlint::{Document, Engine, Pack};

fn engine() -> Engine {
    Engine::new(Pack::with_builtin(Vec::new()).unwrap())
}

/// The `gbt15834` findings of a report with `body` as its text, as `rule 原文`.
fn findings(engine: &Engine, body: &str) -> Vec<String> {
    let text = format!(
        "某区2024年法治政府建设情况报告\n一、主要举措和成效\n{body}\n某区人民政府\n2025年3月1日\n"
    );
    let checked = engine.check(
        Document::from_text("t.txt", reportlint::document::Format::Txt, text.clone()),
        None,
    );
    checked
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("gbt15834/"))
        .map(|f| {
            let at = f
                .span
                .map_or(String::new(), |s| text[s.start..s.end].to_owned());
            format!("{} {at}", f.rule.trim_start_matches("gbt15834/"))
        })
        .collect()
}

#[test]
fn faulty_sentences_are_found() {
    let e = engine();
    let cases: &[(&str, &[&str])] = &[
        (
            "我局贯彻《关于加强行政规范性文件管理的通知》（国办发[2018]37号）。",
            &["doc-number-brackets [2018]"],
        ),
        (
            "按照粤府办（2023）12号和京政发【2024】3号文件要求开展工作。",
            &[
                "doc-number-brackets （2023）",
                "doc-number-brackets 【2024】",
            ],
        ),
        (
            "修订《行政执法公示办法》、《行政执法全过程记录办法》两项制度。",
            &["title-list-comma 》、《"],
        ),
        (
            "开展“以案释法”、“送法进社区”活动。",
            &["title-list-comma ”、“"],
        ),
        (
            "我局召开专题会议,研究部署法治政府建设工作，落实各项任务。",
            &["half-width-punctuation ,"],
        ),
        (
            "我局完善制度;健全机制，规范执法。",
            &["half-width-punctuation ;"],
        ),
        (
            "制定《行政执法公示制度(试行)》，全面推行。",
            &["half-width-punctuation (", "half-width-punctuation )"],
        ),
        ("开展学法、普法、用法...各项活动。", &["ellipsis ..."]),
        ("开展学法、普法、用法。。。各项活动。", &["ellipsis 。。。"]),
        ("开展学法、普法、用法…各项活动。", &["ellipsis …"]),
        ("24年3月，我局召开专题会议。", &["abbreviated-year 24年"]),
        ("完成23年度行政执法案卷评查。", &["abbreviated-year 23年"]),
        ("整理九〇年以来的执法档案。", &["abbreviated-year 九〇年"]),
        (
            "组织培训约30人左右。",
            &["stacked-approximation 约30人左右"],
        ),
        (
            "节省经费大约5万元左右，办理案件近百件左右。",
            &[
                "stacked-approximation 大约5万元左右",
                "stacked-approximation 近百件左右",
            ],
        ),
        (
            "对照《某区法治政府建设规划（2021-2025年）》制定计划。",
            &["number-range-dash 2021-2025"],
        ),
        (
            "贯彻国发〔2024〕1号《国务院关于加强法治政府建设的意见》。",
            &["citation-order 〔2024〕1号"],
        ),
    ];
    for (body, want) in cases {
        assert_eq!(findings(&e, body), *want, "{body}");
    }
}

#[test]
fn correct_and_tricky_sentences_are_left_alone() {
    let e = engine();
    for body in [
        // 六角括号；案号（年份后接汉字）；年份加括号后不是顺序号。
        "贯彻《关于加强行政规范性文件管理的通知》（国办发〔2018〕37号）。",
        "行政诉讼案件（2024）京0105行初12号已审结，（2024）年度计划12项。",
        // 书名号之间有括注时宜用顿号；不用顿号的并列。
        "制定《行政处罚裁量基准》（试行）、《行政执法案卷评查办法》（修订）。",
        "修订《行政执法公示办法》《行政执法全过程记录办法》，开展“八五”普法。",
        // 数字、时刻、比例、网址、外文、Markdown 链接。
        "受理申请1,000件，比例为3:1，会议于8:30召开，详见http://www.gov.cn/zhengce/。",
        "推进PPP(Public-Private Partnership)项目，参阅[国务院文件](https://www.gov.cn/)。",
        // 整句都是半角标点（网站转载时整体替换）。
        "2020年,在区委区政府的正确领导下,我局认真贯彻落实法治政府建设部署(详见附件)。",
        // 规范的省略号、页码、目录点线。
        "开展学法、普法、用法……各项活动，见第1...5页。",
        "一、主要举措和成效..............................3",
        // 时长、完整的年份。
        "建成24年来首个法治文化公园，近20年来复议纠错率最低，24年间无一起败诉。",
        "连续10年度考核优秀，服务满18年3月的职工12人，2024年3月完成23个项目。",
        "二〇二四年三月，我局召开会议。",
        // 只用一种概数说法；“节约”“最近”不是概数。
        "培训约30人，参加人数30人左右，节约100万元左右，最近3年左右的案卷已归档。",
        // 一字线、电话号码。
        "对照《法治政府建设实施纲要（2021—2025年）》，联系电话0571-86001234。",
        // 标题在前、文号在后。
        "贯彻《国务院关于加强法治政府建设的意见》（国发〔2024〕1号）《某市实施办法》。",
        // 左边一项不只是引号（“A”→“B”的并列）；Markdown 的行内代码。
        "改正易混淆词（“公式平台”→“公示平台”、“截止目前”→“截至目前”）。",
        "启用服务时加 `--listen 地址:端口`，标题写作 `(一)`、`《A》、《B》`。",
        // 表格中相邻的格（文号一格、标题一格；数字一格、“年度”一格）不连成一处。
        "文号\t文件名称\n国发〔2024〕1号\t《国务院关于加强法治政府建设的意见》",
        "项目\t数量\n培训场次\t12\n年度考核\t优秀",
    ] {
        assert_eq!(findings(&e, body), Vec::<String>::new(), "{body}");
    }
}

#[test]
fn the_careful_report_has_no_punctuation_findings() {
    let text = std::fs::read_to_string("fixtures/examples/qingshan-2024.txt").unwrap();
    let checked = engine().check(
        Document::from_text("q.txt", reportlint::document::Format::Txt, text),
        None,
    );
    assert!(checked.packs.iter().any(|p| p == "gbt15834"));
    assert!(checked.findings.is_empty(), "{:?}", checked.findings);
}

const REPORT: &str = "某某街道2024年法治政府建设情况报告\n\n\
一、主要举措和成效\n\
2024年，我街道贯彻国办发[2018]37号文件，修订《行政执法公示办法》、《法律顾问工作规则》,开展学法、普法、用法...各项活动，培训约30人左右。\n\n\
某某街道办事处\n2025年1月20日\n";

/// The `gbt15834` findings of `check` on `path`, as (rule, safety or "", replacement).
fn text_findings(path: &Path) -> Vec<(String, String, String)> {
    let v = json(&["check", path.to_str().unwrap()]);
    v["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("gbt15834/"))
        .map(|f| {
            let fix = |k: &str| f["fix"][k].as_str().unwrap_or_default().to_owned();
            (
                f["rule"].as_str().unwrap().to_owned(),
                fix("safety"),
                fix("replacement"),
            )
        })
        .collect()
}

#[test]
fn fix_applies_the_safe_corrections_and_the_copy_rechecks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.txt");
    std::fs::write(&input, REPORT).unwrap();
    let owned = |v: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        v.iter()
            .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
            .collect()
    };
    assert_eq!(
        text_findings(&input),
        owned(&[
            ("gbt15834/doc-number-brackets", "safe", "〔2018〕"),
            ("gbt15834/title-list-comma", "safe", "》《"),
            ("gbt15834/half-width-punctuation", "safe", "，"),
            ("gbt15834/ellipsis", "safe", "……"),
            ("gbt15834/stacked-approximation", "unsafe", "约30人"),
        ])
    );
    let out = dir.path().join("修正.txt");
    let r = run(&["fix", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(out.exists(), "{}{}", r.stdout, r.stderr);
    let fixed = std::fs::read_to_string(&out).unwrap();
    assert!(
        fixed.contains(
            "贯彻国办发〔2018〕37号文件，修订《行政执法公示办法》《法律顾问工作规则》，开展学法、普法、用法……各项活动，培训约30人左右。"
        ),
        "{fixed}"
    );
    // Only the unsafe correction is left.
    assert_eq!(
        text_findings(&out),
        owned(&[("gbt15834/stacked-approximation", "unsafe", "约30人")])
    );
}

#[test]
fn the_companion_checks_text_and_word_reports_beside_the_content_pack() {
    let e = engine();
    let pack = e.packs().iter().find(|p| p.id == "gbt15834").unwrap();
    assert!(pack.companion && !pack.layout && pack.applies_to.is_none());
    let body = [
        "某区2024年法治政府建设情况报告",
        "一、主要举措和成效",
        "2024年，我区修订《行政执法公示办法》、《法律顾问工作规则》。",
    ]
    .map(para)
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("某区.docx");
    std::fs::write(&word, docx(&body, None, None)).unwrap();
    let text = dir.path().join("某局.txt");
    std::fs::write(
        &text,
        "某局2024年法治政府建设情况报告\n一、主要举措和成效\n2024年，我局修订《执法办法》、《复议办法》。\n",
    )
    .unwrap();
    let xxgk = dir.path().join("某县.txt");
    std::fs::write(
        &xxgk,
        "某县2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我县修订《公开指南》、《公开目录》。\n",
    )
    .unwrap();
    let v = json(&[
        "check",
        word.to_str().unwrap(),
        text.to_str().unwrap(),
        xxgk.to_str().unwrap(),
    ]);
    let docs = v["documents"].as_array().unwrap();
    let packs = |i: usize| -> Vec<&str> {
        docs[i]["packs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect()
    };
    assert_eq!(packs(0), ["fzzfjs", "gbt9704", "gbt15834"]);
    assert_eq!(packs(1), ["fzzfjs", "gbt15834"]);
    assert_eq!(packs(2), ["zfxxgk", "gbt15834"]);
    for (i, d) in docs.iter().enumerate() {
        assert!(
            d["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == "gbt15834/title-list-comma"),
            "document {i}"
        );
    }
}

#[test]
fn the_summary_groups_by_content_pack_whatever_the_companions() {
    let e = engine();
    let body = [
        "某区2024年法治政府建设情况报告",
        "一、主要举措和成效",
        "2024年，我区推进依法行政。",
    ]
    .map(para)
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("某区.docx");
    std::fs::write(&word, docx(&body, None, None)).unwrap();
    let txt = |name: &str, text: &str| {
        Document::from_text(name, reportlint::document::Format::Txt, text.to_owned())
    };
    let checked = [
        e.check(Document::open(&word).unwrap(), None),
        e.check(
            txt(
                "某局.txt",
                "某局2024年法治政府建设情况报告\n一、主要举措和成效\n2024年，我局推进依法行政。\n",
            ),
            None,
        ),
        e.check(
            txt(
                "某县.txt",
                "某县2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我县做好公开工作。\n",
            ),
            None,
        ),
    ];
    assert!(
        checked
            .iter()
            .all(|c| c.packs.iter().any(|p| p == "gbt15834"))
    );
    let mut b = reportlint::summary::Builder::new(e.packs(), e.segmenter());
    for c in &checked {
        b.add(c);
    }
    let summary = b.finish();
    let groups: Vec<(Vec<String>, usize)> = summary
        .groups
        .iter()
        .map(|g| (g.packs.clone(), g.rows.len()))
        .collect();
    assert_eq!(
        groups,
        [
            (vec!["fzzfjs".to_owned()], 2),
            (vec!["zfxxgk".to_owned()], 1)
        ]
    );
}

#[test]
fn a_companion_cannot_name_a_kind_and_a_derived_pack_inherits_the_flag() {
    let pack = |head: &str| {
        format!(
            "id: local\ntitle: 本地标点\nversion: \"1\"\n{head}rules:\n  - id: dots\n    title: 省略号\n    severity: info\n    message: 省略号写法不规范\n    check:\n      forbid: {{ what: 省略号, patterns: [{{ match: '\\.\\.\\.' }}] }}\n    examples:\n      pass: [\"做好工作。\"]\n      fail: [\"做好工作...\"]\n"
        )
    };
    let err = Pack::from_yaml(
        &pack("companion: true\napplies-to: '法治政府'\n"),
        "local.yaml",
    )
    .unwrap_err();
    assert!(err.to_string().contains("伴随规则包"), "{err}");
    let derived = Pack::from_yaml(&pack("extends: gbt15834\n"), "local.yaml").unwrap();
    assert!(derived.companion && derived.applies_to.is_none());
    // A 版式 pack is a companion (for Word documents only).
    let gbt9704 = Pack::builtin()
        .into_iter()
        .find(|p| p.id == "gbt9704")
        .unwrap();
    assert!(gbt9704.layout && gbt9704.companion);
}
