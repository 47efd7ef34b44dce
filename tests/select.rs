//! Choosing the packs per report (`applies-to`): a folder mixing 法治政府建设 reports and
//! 政府信息公开 reports is checked with the right pack per file, by the library, by
//! `check`, and summarised per pack by `summary`.
//!
//! The second pack here is a small one written for the test, under the id of the
//! built-in `zfxxgk` so that it stands in for it (a pack given with the id of a built-in
//! one replaces it): one element, which keeps these tests about choosing rather than
//! about that pack's rules. The 政府信息公开 reports are the real ones under
//! `fixtures/xxgk/`; the first test also runs the real built-in packs.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::run;
use reportlint::{Document, Engine, Format, Pack};

/// A 政府信息公开 pack: one element whose short id is also one of `fzzfjs`'s, compared
/// for near-copies as `fzzfjs` compares its own.
const XXTEST: &str = r#"
id: zfxxgk
title: 政府信息公开工作年度报告（测试）
version: "1"
applies-to: '政府信息公开'
similarity:
  elements: [shortcomings]
  threshold: 0.5
rules:
  - id: shortcomings
    title: 存在的主要问题及改进情况
    short: 问题改进
    severity: error
    message: 缺少“存在的主要问题及改进情况”
    check:
      element:
        headings: { pattern: '不足|问题' }
    examples:
      pass:
        - "一、存在的主要问题及改进情况\n政策解读形式单一。\n"
      fail:
        - "一、总体情况\n做了工作。\n"
"#;

fn zfxxgk() -> Pack {
    Pack::from_yaml(XXTEST, "zfxxgk.yaml").unwrap()
}

fn fzzfjs() -> Pack {
    Pack::builtin()
        .into_iter()
        .find(|p| p.id == "fzzfjs")
        .unwrap()
}

/// The ids of the packs `engine` chooses for the file at `path`.
fn chosen(engine: &Engine, path: &Path) -> Vec<String> {
    let doc = Document::open(path).unwrap();
    engine
        .packs_for(&doc)
        .into_iter()
        .map(|i| engine.packs()[i].id.clone())
        .collect()
}

fn files(dir: &str, ext: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| ext.contains(&x.to_str().unwrap()))
        })
        .collect();
    out.sort();
    out
}

/// Every 法治政府建设 fixture is claimed by `fzzfjs`'s `applies-to` (in its title, or in
/// the opening of one without a title; traditional script read as simplified), and every
/// 政府信息公开 fixture by the other pack's alone — the test pack standing first (so a
/// fixture `fzzfjs` did not claim would fall to it as the default), and the built-in
/// packs as shipped.
#[test]
fn every_fixture_is_claimed_by_the_pack_of_its_kind() {
    for engine in [
        Engine::new(vec![zfxxgk(), fzzfjs()]),
        Engine::new(Pack::builtin()),
    ] {
        claims(&engine);
    }
}

fn claims(engine: &Engine) {
    let mut fzzf = Vec::new();
    for dir in ["fixtures/reports", "fixtures/pages", "fixtures/docx"] {
        fzzf.extend(files(dir, &["txt", "html", "docx"]));
    }
    fzzf.extend(files("fixtures/corpus", &["txt"]));
    fzzf.extend(files("fixtures/examples", &["txt"]));
    assert!(fzzf.len() > 20, "{fzzf:?}");
    // A Word document is checked for its layout too, when the engine has a layout pack.
    let layout = engine.packs().iter().any(|p| p.layout);
    // Every report is checked for punctuation too, when the engine has the companion.
    let companion = engine.packs().iter().any(|p| p.companion && !p.layout);
    let want = |kind: &'static str, path: &Path| -> Vec<&'static str> {
        let mut want = vec![kind];
        if layout && path.extension().is_some_and(|x| x == "docx") {
            want.push("gbt9704");
        }
        if companion {
            want.push("gbt15834");
        }
        want
    };
    for path in &fzzf {
        assert_eq!(
            chosen(engine, path),
            want("fzzfjs", path),
            "{}",
            path.display()
        );
    }
    let xxgk = files("fixtures/xxgk", &["txt", "html", "docx"]);
    assert!(xxgk.len() > 20, "{xxgk:?}");
    for path in &xxgk {
        assert_eq!(
            chosen(engine, path),
            want("zfxxgk", path),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_report_is_checked_and_listed_by_its_own_packs_only() {
    let engine = Engine::new(Pack::with_builtin(vec![zfxxgk()]).unwrap());
    let haian = engine.check(
        Document::open(Path::new("fixtures/reports/haian-2023.txt")).unwrap(),
        None,
    );
    // The companion (`gbt15834`) checks it too; haian has no punctuation findings.
    assert_eq!(haian.packs, ["fzzfjs", "gbt15834"]);
    assert_eq!(haian.elements.len(), 6);
    assert!(haian.elements.iter().all(|e| e.rule.starts_with("fzzfjs/")));
    assert!(haian.findings.iter().all(|f| f.rule.starts_with("fzzfjs/")));

    let dept = engine.check(
        Document::open(Path::new("fixtures/xxgk/department-2023.txt")).unwrap(),
        None,
    );
    assert_eq!(dept.packs, ["zfxxgk", "gbt15834"]);
    let elements: Vec<(&str, &str)> = dept
        .elements
        .iter()
        .map(|e| (e.id.as_str(), e.rule.as_str()))
        .collect();
    assert_eq!(elements, [("shortcomings", "zfxxgk/shortcomings")]);
    assert!(
        dept.findings.iter().all(|f| f.rule.starts_with("zfxxgk/")),
        "{:?}",
        dept.findings
    );
    // Nothing needed the year of a pack that was not applied.
    assert!(
        dept.skipped_without_year
            .iter()
            .all(|r| r.starts_with("zfxxgk/"))
    );
}

/// A rule's examples run with its own pack, whatever the example's title: here none
/// names 政府信息公开, which would send them to `fzzfjs` as the default.
#[test]
fn examples_run_with_their_own_pack() {
    let engine = Engine::new(vec![fzzfjs(), zfxxgk()]);
    let text = "一、总体情况\n做了工作。\n";
    assert_eq!(
        chosen_text(&engine, text),
        ["fzzfjs"],
        "the example would be checked by fzzfjs as a report"
    );
    let failures: Vec<String> = engine
        .run_examples()
        .iter()
        .map(|f| format!("{} {}[{}]", f.rule, f.which.0, f.which.1))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
}

fn chosen_text(engine: &Engine, text: &str) -> Vec<String> {
    let doc = Document::from_text("t.txt", Format::Txt, text.to_owned());
    engine
        .packs_for(&doc)
        .into_iter()
        .map(|i| engine.packs()[i].id.clone())
        .collect()
}

/// A derived pack takes its base's place, and so its place as the default for reports
/// that name no known kind, also when not given.
#[test]
fn a_derived_pack_takes_the_place_of_its_base() {
    let local = Pack::from_yaml(
        "id: local\nextends: fzzfjs\ntitle: 本地\nversion: \"1\"\n",
        "local.yaml",
    )
    .unwrap();
    let packs = Pack::combine(vec![fzzfjs(), zfxxgk()], vec![local]).unwrap();
    let ids: Vec<&str> = packs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["local", "zfxxgk"]);
    let engine = Engine::new(packs);
    assert_eq!(
        chosen_text(&engine, "某区2023年工作总结\n\n一、主要工作\n做了工作。\n"),
        ["local"]
    );
    assert_eq!(
        chosen(&engine, Path::new("fixtures/reports/haian-2023.txt")),
        ["local"],
        "its base's applies-to is inherited"
    );
}

/// A title in traditional script is read as simplified, as the checks read the text.
#[test]
fn a_title_in_traditional_script_is_read_as_simplified() {
    let engine = Engine::new(vec![fzzfjs(), zfxxgk()]);
    let text = "某區2023年政府信息公開工作年度報告\n\n一、總體情況\n做了工作。\n";
    assert_eq!(chosen_text(&engine, text), ["zfxxgk"]);
}

/// The test pack in `dir`, as a user would give it with `--pack`.
fn pack_file(dir: &Path) -> String {
    let path = dir.join("zfxxgk.yaml");
    fs::write(&path, XXTEST).unwrap();
    path.display().to_string()
}

#[test]
fn check_names_the_packs_of_each_report() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_file(dir.path());
    let neither = dir.path().join("neither.txt");
    fs::write(&neither, "某区2023年工作总结\n\n一、主要工作\n做了工作。\n").unwrap();
    let neither = neither.display().to_string();
    let args = [
        "check",
        "fixtures/reports/haian-2023.txt",
        "fixtures/xxgk/department-2023.txt",
        &neither,
        "--pack",
        &pack,
    ];
    let v = common::json(&args);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect()
    };
    let candidates: Vec<&str> = v["packs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(candidates, ["fzzfjs", "zfxxgk", "gbt9704", "gbt15834"]);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(ids(&docs[0]["packs"]), ["fzzfjs", "gbt15834"]);
    assert_eq!(ids(&docs[1]["packs"]), ["zfxxgk", "gbt15834"]);
    // A report that names neither kind: the pack given with --pack decides.
    assert_eq!(ids(&docs[2]["packs"]), ["zfxxgk", "gbt15834"]);
    let elements = |d: &serde_json::Value| -> Vec<String> {
        d["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(elements(&docs[0]).len(), 6);
    assert!(elements(&docs[0]).iter().all(|r| r.starts_with("fzzfjs/")));
    assert_eq!(elements(&docs[1]), ["zfxxgk/shortcomings"]);
    let rules: Vec<&str> = docs[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.iter().all(|r| r.starts_with("zfxxgk/")), "{rules:?}");

    // Without --pack, the report that names neither is checked by fzzfjs.
    let v = common::json(&["check", &neither]);
    assert_eq!(ids(&v["documents"][0]["packs"]), ["fzzfjs", "gbt15834"]);

    // The terminal names the pack under each report's title.
    let r = run(&args);
    let heads: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("规则包："))
        .collect();
    assert_eq!(
        heads,
        [
            "规则包：fzzfjs（法治政府建设年度报告）、gbt15834（公文标点符号和数字用法）",
            "规则包：zfxxgk（政府信息公开工作年度报告）、gbt15834（公文标点符号和数字用法）",
            "规则包：zfxxgk（政府信息公开工作年度报告）、gbt15834（公文标点符号和数字用法）",
        ],
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("✓ 存在的主要问题及改进情况"),
        "{}",
        r.stdout
    );

    // SARIF lists each file with its packs.
    let r = run(&[&args[..], &["--format", "sarif"]].concat());
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let artifacts = sarif["runs"][0]["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 3);
    assert_eq!(
        ids(&artifacts[1]["properties"]["reportlint/packs"]),
        ["zfxxgk", "gbt15834"]
    );
}

/// A pack without `applies-to` given with --pack checks every report, beside the pack
/// its title chooses.
#[test]
fn a_given_pack_for_any_report_checks_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_file(dir.path());
    let any = dir.path().join("any.yaml");
    fs::write(
        &any,
        XXTEST
            .replace("id: zfxxgk", "id: anytest")
            .replace("applies-to: '政府信息公开'\n", "")
            .replace(
                "similarity:\n  elements: [shortcomings]\n  threshold: 0.5\n",
                "",
            ),
    )
    .unwrap();
    let v = common::json(&[
        "check",
        "fixtures/reports/haian-2023.txt",
        "fixtures/xxgk/department-2023.txt",
        "--pack",
        &pack,
        "--pack",
        any.to_str().unwrap(),
    ]);
    let packs: Vec<serde_json::Value> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["packs"].clone())
        .collect();
    assert_eq!(
        packs,
        [
            serde_json::json!(["fzzfjs", "gbt15834", "anytest"]),
            serde_json::json!(["zfxxgk", "gbt15834", "anytest"])
        ]
    );
}

/// `summary` over a mixed batch: one section per pack, each with its own columns;
/// near-copies only within a pack, last year's report of the same unit and kind.
#[test]
fn summary_groups_reports_by_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_file(dir.path());
    let reports = dir.path().join("reports");
    let previous = dir.path().join("previous");
    fs::create_dir_all(&reports).unwrap();
    fs::create_dir_all(&previous).unwrap();
    let haian = fs::read_to_string("fixtures/reports/haian-2023.txt").unwrap();
    let as_xxgk = |text: &str| text.replace("法治政府建设情况报告", "政府信息公开工作年度报告");
    fs::write(reports.join("a-haian.txt"), &haian).unwrap();
    // The same text under a 政府信息公开 title: its 不足 section is the same passage, but
    // it is another kind of report.
    fs::write(reports.join("b-haian-xxgk.txt"), as_xxgk(&haian)).unwrap();
    fs::copy(
        "fixtures/xxgk/department-2023.txt",
        reports.join("c-department.txt"),
    )
    .unwrap();
    fs::copy(
        "fixtures/xxgk/department-2023-i1.txt",
        reports.join("d-department-i1.txt"),
    )
    .unwrap();
    // Last year: the same unit's 政府信息公开 report only.
    fs::write(
        previous.join("haian-2022-xxgk.txt"),
        as_xxgk(&haian).replace("2023年", "2022年"),
    )
    .unwrap();
    let reports = reports.display().to_string();
    let previous = previous.display().to_string();

    let r = run(&[
        "summary",
        &reports,
        "--pack",
        &pack,
        "--previous",
        &previous,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = &r.stdout;
    let first = out
        .find("━━ 法治政府建设年度报告（规则包 fzzfjs）：1 份报告 ━━")
        .unwrap_or_else(|| panic!("{out}"));
    let second = out
        .find("━━ 政府信息公开工作年度报告（规则包 zfxxgk）：3 份报告 ━━")
        .unwrap_or_else(|| panic!("{out}"));
    assert!(first < second, "{out}");
    let (fzzf, xxgk) = out[first..].split_at(second - first);
    assert!(
        fzzf.contains("举措成效") && !fzzf.contains("问题改进"),
        "{fzzf}"
    );
    assert!(
        xxgk.contains("问题改进") && !xxgk.contains("举措成效"),
        "{xxgk}"
    );
    assert!(fzzf.contains("a-haian.txt") && !fzzf.contains("b-haian-xxgk.txt"));
    // Compared within the 政府信息公开 group (the two department reports share their
    // 问题 section), never across groups, and with last year's report of the same kind.
    let similar: Vec<&str> = out.lines().filter(|l| l.contains("雷同：")).collect();
    assert!(
        similar
            .iter()
            .any(|l| l.contains("c-department.txt") && l.contains("d-department-i1.txt")),
        "{out}"
    );
    assert!(
        similar
            .iter()
            .any(|l| l.starts_with("  与上年雷同：") && l.contains("b-haian-xxgk.txt")),
        "{out}"
    );
    assert!(
        !similar.iter().any(|l| l.contains("a-haian.txt")),
        "a 法治政府建设 report is not compared with the others: {out}"
    );

    let r = run(&["summary", &reports, "--pack", &pack, "--format", "md"]);
    assert!(r.stdout.starts_with("# 年度报告检查汇总"), "{}", r.stdout);
    for needle in [
        "\n## 法治政府建设年度报告（规则包 fzzfjs）\n",
        "\n## 政府信息公开工作年度报告（规则包 zfxxgk）\n",
        "| 单位 | 年度 | 文件 | 问题改进 | 错误 | 警告 | 提示 |",
    ] {
        assert!(r.stdout.contains(needle), "{needle}\n{}", r.stdout);
    }

    let csv = dir.path().join("s.csv");
    let r = run(&[
        "summary",
        &reports,
        "--pack",
        &pack,
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "法治政府建设年度报告（规则包 fzzfjs）");
    assert!(
        lines[1].starts_with("单位,年度,文件,标题,上一年度"),
        "{text}"
    );
    let second = lines
        .iter()
        .position(|l| *l == "政府信息公开工作年度报告（规则包 zfxxgk）")
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(lines[second - 1], "", "a blank line between groups");
    assert_eq!(
        lines[second + 1],
        "单位,年度,文件,标题,存在的主要问题及改进情况,错误,警告,提示"
    );

    let html = dir.path().join("s.html");
    let r = run(&[
        "summary",
        &reports,
        "--pack",
        &pack,
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains("<h2>政府信息公开工作年度报告（规则包 zfxxgk）</h2>"));
    assert!(page.contains("<table id=\"reports\">") && page.contains("<table id=\"reports-2\">"));
    assert_eq!(page.matches("<details>").count(), 4);

    let xlsx = dir.path().join("s.xlsx");
    let r = run(&[
        "summary",
        &reports,
        "--pack",
        &pack,
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut zip = zip::ZipArchive::new(fs::File::open(&xlsx).unwrap()).unwrap();
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    let sheets: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        sheets,
        [
            "汇总-法治政府建设",
            "汇总-政府信息公开",
            "问题清单",
            "规则统计",
            "雷同"
        ]
    );
}

/// The web service chooses as the command line does: a pack uploaded with the files is
/// given, the 法治政府建设 report keeps `fzzfjs`, and the summary has a sheet per pack.
#[test]
fn the_service_chooses_per_file_too() {
    let s = common::service::Service::start();
    let a = fs::read("fixtures/reports/haian-2023.txt").unwrap();
    let b = fs::read("fixtures/xxgk/department-2023.txt").unwrap();
    let files: [common::http::Part<'_>; 3] = [
        ("file", Some("a.txt"), &a),
        ("file", Some("b.txt"), &b),
        ("pack", None, XXTEST.as_bytes()),
    ];
    let reply = s.post(
        "/api/check",
        &[&files[..], &[("review", None, b"1".as_slice())]].concat(),
    );
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let v = reply.json();
    let packs: Vec<&serde_json::Value> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["packs"])
        .collect();
    assert_eq!(
        packs,
        [
            &serde_json::json!(["fzzfjs", "gbt15834"]),
            &serde_json::json!(["zfxxgk", "gbt15834"])
        ]
    );
    let rules: Vec<&str> = v["review"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"fzzfjs/other-matters"), "{rules:?}");

    let xlsx = s.post(
        "/api/summary",
        &[&files[..], &[("format", None, b"xlsx".as_slice())]].concat(),
    );
    assert_eq!(xlsx.status, 200, "{}", String::from_utf8_lossy(&xlsx.body));
    let workbook = common::parts(&xlsx.body)
        .into_iter()
        .find(|(name, _)| name == "xl/workbook.xml")
        .expect("a workbook")
        .1;
    for sheet in ["汇总-法治政府建设", "汇总-政府信息公开"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{workbook}"
        );
    }
}
