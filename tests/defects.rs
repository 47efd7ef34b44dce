//! The real defects of the real reports, found and pointed at — and nothing else: each
//! fixture's document-wide findings (everything but the element verdicts) are listed in
//! full, so a new false finding on an unchanged report fails here. Then realistic edits
//! a drafting office makes (an old slogan kept, a year not updated, a figure changed, a
//! placeholder left) are each caught by the rule meant for them.

mod common;

use reportlint::{Checked, Document, Format};

use common::ENGINE;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("fixtures/reports/{name}.txt")).unwrap()
}

fn check_text(text: &str) -> Checked {
    ENGINE.check(
        Document::from_text("变体", Format::Txt, text.to_owned()),
        None,
    )
}

/// Findings of rules that are not element rules: (rule id, the text at its span).
fn document_findings(c: &Checked) -> Vec<(String, String)> {
    let elements: Vec<&str> = c.elements.iter().map(|e| e.id.as_str()).collect();
    c.findings
        .iter()
        .filter(|f| !elements.iter().any(|e| f.rule == format!("fzzfjs/{e}")))
        .map(|f| {
            let at = f
                .span
                .map_or_else(String::new, |s| s.slice(&c.document.text).to_owned());
            (f.rule.trim_start_matches("fzzfjs/").to_owned(), at)
        })
        .collect()
}

fn message(c: &Checked, rule: &str) -> Vec<String> {
    c.findings
        .iter()
        .filter(|f| f.rule == format!("fzzfjs/{rule}"))
        .map(|f| f.message.clone())
        .collect()
}

fn assert_findings(name: &str, expected: &[(&str, &str)]) -> Checked {
    let c = check_text(&fixture(name));
    let mut got = document_findings(&c);
    got.sort();
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(r, t)| ((*r).to_owned(), (*t).to_owned()))
        .collect();
    want.sort();
    assert_eq!(got, want, "{name}");
    c
}

#[test]
fn xixiang_2020_wrong_rates_found_correct_figures_quiet() {
    let c = assert_findings(
        "xixiang-2020",
        &[
            ("title-missing", "根据国家、省、市、区工作部署,按照《法治"),
            ("rate-arithmetic", "调解成功率达94%"),
            ("rate-arithmetic", "结案率为88%"),
            ("closing-date-year", "2020年12月14日"),
        ],
    );
    let rates = message(&c, "rate-arithmetic");
    assert!(
        rates[0].contains("94%") && rates[0].contains("95.3%"),
        "{rates:?}"
    );
    assert!(
        rates[1].contains("88%") && rates[1].contains("91.8%"),
        "{rates:?}"
    );
}

#[test]
fn baoan_2020_confusion_and_typo() {
    let c = assert_findings(
        "baoan-fgj-2020",
        &[
            ("title-missing", "2020年,在区委区政府的正确领导下,在"),
            ("closing-missing", "定程序,确保规范性文件的科学性和民主性。"),
            ("doubled-char", "特特"),
            ("confusable-words", "公式平台"),
            // Two quoted items in a list: “以案释法讲《民法典》”、“宪法法治专题讲座”.
            ("gbt15834/title-list-comma", "”、“"),
        ],
    );
    assert!(message(&c, "confusable-words")[0].contains("公示平台"));
}

#[test]
fn haian_2023_repealed_regulation_as_basis() {
    let c = assert_findings(
        "haian-2023",
        &[
            ("closing-missing", "照规定及时作出权威回应,维护政府公信力。"),
            ("confusable-words", "截止目前"),
            ("dated-reference", "《信访条例》"),
        ],
    );
    assert!(message(&c, "dated-reference")[0].contains("信访工作条例"));
}

#[test]
fn shengshan_2019_merged_heading_and_stray_line_correct_sum_quiet() {
    assert_findings(
        "shengshan-2019",
        &[
            ("title-missing", "2019年以来,我镇法治政府建设工作在镇"),
            ("closing-missing", "法治手段平缓解决社会矛盾,维护社会稳定。"),
            ("stray-line", "|"),
            ("merged-heading", "3."),
            ("dated-reference", "市法制办"),
            // 《网格基础工作清单》、《网格信息工作清单》、《“最多跑一次”服务清单》.
            ("gbt15834/title-list-comma", "》、《"),
            ("gbt15834/title-list-comma", "》、《"),
        ],
    );
}

#[test]
fn wuqing_2020_only_title_and_closing() {
    assert_findings(
        "wuqing-2020",
        &[
            ("title-missing", "2020年,武清区坚持以习近平新时代中国"),
            ("closing-missing", "治意识,提升业务能力,培育村居普法骨干。"),
        ],
    );
}

/// Apply `edit` to a fixture and return the new findings of `rule` with their text.
fn after(name: &str, from: &str, to: &str, rule: &str) -> Vec<String> {
    let text = fixture(name);
    assert!(text.contains(from), "{name}: {from}");
    let before = check_text(&text);
    let edited = check_text(&text.replacen(from, to, 1));
    let count = |c: &Checked| {
        document_findings(c)
            .into_iter()
            .filter(|f| f.0 == rule)
            .count()
    };
    assert!(
        count(&edited) > count(&before),
        "{rule} not triggered by {from} → {to}: {:?}",
        document_findings(&edited)
    );
    document_findings(&edited)
        .into_iter()
        .filter(|f| f.0 == rule)
        .map(|f| f.1)
        .collect()
}

#[test]
fn old_and_new_phrasing_against_the_report_year() {
    // 七五普法 as current work in a 2023 report.
    let found = after(
        "haian-2023",
        "海安街道严格按照《信访条例》",
        "海安街道深入开展七五普法,严格按照《信访条例》",
        "dated-reference",
    );
    assert!(found.contains(&"七五普法".to_owned()), "{found:?}");
    // 习近平法治思想 in a 2019 report (first set out in November 2020).
    let found = after(
        "shengshan-2019",
        "2019年以来,我镇法治政府建设工作",
        "2019年以来,我镇坚持以习近平法治思想为指导,法治政府建设工作",
        "anachronism",
    );
    assert_eq!(found, ["习近平法治思想"]);
    // A historical mention of the old 纲要 is not a citation of the current basis.
    let text = fixture("haian-2023").replacen(
        "海安街道严格按照",
        "《法治政府建设实施纲要（2015—2020年）》实施5年来,海安街道严格按照",
        1,
    );
    let c = check_text(&text);
    assert_eq!(
        document_findings(&c)
            .iter()
            .filter(|f| f.1.contains("纲要"))
            .count(),
        0
    );
}

#[test]
fn structure_edits() {
    // The plan headed with the report year instead of the next.
    let found = after(
        "baoan-fgj-2020",
        "四、2021年度推进法治政府建设",
        "四、2020年度推进法治政府建设",
        "heading-year-plan",
    );
    assert_eq!(found.len(), 1);
    // A top-level section renumbered: 一、二、 then 四、.
    after(
        "haian-2023",
        "三、存在不足和原因",
        "五、存在不足和原因",
        "heading-numbering",
    );
    // A marker without its opening bracket.
    after(
        "wuqing-2020",
        "(三)推进依法科学民主决策",
        "三)推进依法科学民主决策",
        "heading-marker-form",
    );
    // Shortcomings moved after the plan.
    let text = fixture("haian-2023");
    let start = text.find("三、存在不足和原因").unwrap();
    let end = text.find("四、2024年推进法治政府建设").unwrap();
    let moved = format!("{}{}\n{}", &text[..start], &text[end..], &text[start..end]);
    let c = check_text(&moved);
    assert!(
        document_findings(&c).iter().any(|f| f.0 == "element-order"),
        "{:?}",
        document_findings(&c)
    );
}

#[test]
fn figure_edits() {
    // A correct rate changed by two points.
    let found = after(
        "xixiang-2020",
        "结案率95.65%",
        "结案率97.65%",
        "rate-arithmetic",
    );
    assert!(found.contains(&"结案率97.65%".to_owned()), "{found:?}");
    // A total that no longer matches its breakdown.
    let found = after(
        "shengshan-2019",
        "41个网格(其中",
        "42个网格(其中",
        "sum-arithmetic",
    );
    assert_eq!(found, ["42个"]);
    let found = after(
        "xixiang-2020",
        "19.8万件(其中",
        "18.8万件(其中",
        "sum-arithmetic",
    );
    assert_eq!(found, ["18.8万件"]);
    // Approximate totals are not checked.
    let text = fixture("shengshan-2019").replacen("41个网格(其中", "40余个网格(其中", 1);
    assert!(
        !document_findings(&check_text(&text))
            .iter()
            .any(|f| f.0 == "sum-arithmetic")
    );
}

#[test]
fn wording_and_closing_edits() {
    let found = after(
        "xixiang-2020",
        "我街道收到市、区人大代表建议109件",
        "我街道收到市、区人大代表建议XX件",
        "placeholder",
    );
    assert_eq!(found, ["XX件"]);
    after(
        "xixiang-2020",
        "今年以来,我街道收到",
        "下面是小编为大家整理的范文。今年以来,我街道收到",
        "template-residue",
    );
    // Copied from a department's report: 我局 in a 街道 report.
    let found = after(
        "xixiang-2020",
        "今年以来,我街道收到",
        "今年以来,我局收到",
        "subject-consistency",
    );
    assert_eq!(found, ["我局"]);
    // Zero-padded 成文日期, and one after the 3月1日 deadline of a 街道.
    after(
        "xixiang-2020",
        "2020年12月14日",
        "2021年01月14日",
        "closing-date-format",
    );
    let found = after(
        "xixiang-2020",
        "2020年12月14日",
        "2021年3月20日",
        "submission-deadline",
    );
    assert_eq!(found, ["2021年3月20日"]);
}

/// A report of `unit` for `year` with `body`, title and 落款 complete.
fn report(unit: &str, year: i32, body: &str) -> String {
    format!(
        "{unit}{year}年法治政府建设情况报告\n{body}\n{unit}人民政府\n{}年2月20日\n",
        year + 1
    )
}

#[test]
fn realistic_phrasing_stays_quiet() {
    let cases = [
        (
            2023,
            "一、2021年以来法治政府建设情况\n全面推进规范文明执法，加强规范文件管理，对XX公司违法排污行为立案查处。",
        ),
        (
            2023,
            "2023年，组织学习新修订的《行政复议法》，为2024年1月1日起施行做好准备。",
        ),
        (2019, "2019年，组织学习宣传《优化营商环境条例》。"),
        (
            2021,
            "2021年，以优异成绩迎接党的二十大胜利召开，奋力开创中国式现代化新道路。",
        ),
        (2025, "2025年，科学谋划“十五五”时期法治政府建设。"),
        (
            2023,
            "2023年，收到行政复议申请85件，其中受理78件，审结72件。",
        ),
        (
            2023,
            "2023年，受理矛盾纠纷1.2万件，调处成功1.1万件，调处成功率93.5%。行政诉讼案件45件，负责人出庭应诉30件，出庭应诉率100%。",
        ),
        (
            2023,
            "2023年：\n* 区委常委会听取法治建设汇报2次；\n* 市司法局来我镇调研1次。",
        ),
    ];
    for (year, body) in cases {
        let c = check_text(&report("江东镇", year, body));
        let loud: Vec<(String, String)> = document_findings(&c)
            .into_iter()
            .filter(|(rule, _)| {
                c.findings.iter().any(|f| {
                    f.rule.ends_with(&format!("/{rule}"))
                        && f.severity > reportlint::report::Severity::Info
                })
            })
            .collect();
        assert!(loud.is_empty(), "{body}\n{loud:?}");
    }
    // A 街道办事处 calls itself 我办.
    let text = "西湖街道2023年法治政府建设情况报告\n2023年，我办认真推进法治政府建设。\n西湖街道办事处\n2024年2月20日\n";
    assert!(document_findings(&check_text(text)).is_empty());
    // A joint report of a municipality directly under the central government.
    let text = "中共北京市委 北京市人民政府关于2023年法治政府建设情况的报告\n2023年，我市认真推进法治政府建设。\n中共北京市委\n北京市人民政府\n2024年3月20日\n";
    assert!(
        document_findings(&check_text(text)).is_empty(),
        "{:?}",
        document_findings(&check_text(text))
    );
}
