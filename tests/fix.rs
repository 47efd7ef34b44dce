//! `reportlint fix`: a fixed copy of a text report, the input untouched, a diff of the
//! changed lines, the file's own encoding and line ends kept.

mod common;

use common::{json, run};

const REPORT: &str = "某某街道2023年法治政府建设情况报告\n\n\
2023年，我街道在行政执法信息公式平台公示执法信息，截止目前公示1360条，执法公式，全面推进。\n\n\
某某街道办事处\n2024年01月20日\n";

/// The findings of `check` on `path` that carry a fix, as (rule, safety, replacement).
fn fixable(path: &std::path::Path) -> Vec<(String, String, String)> {
    let v = json(&["check", path.to_str().unwrap()]);
    v["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("fix").is_some())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["fix"]["safety"].as_str().unwrap().to_owned(),
                f["fix"]["replacement"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_fixed_copy_rechecks_without_the_safe_findings_and_the_input_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.txt");
    std::fs::write(&input, REPORT).unwrap();
    let before = fixable(&input);
    assert_eq!(
        before,
        [
            ("fzzfjs/confusable-words", "safe", "公示平台"),
            ("fzzfjs/confusable-words", "safe", "截至目前"),
            ("fzzfjs/confusable-words", "safe", "执法公示"),
            ("fzzfjs/closing-date-format", "safe", "2024年1月20日"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    let human = run(&["check", input.to_str().unwrap()]);
    assert_eq!(
        human.stdout.matches("[可自动修正]").count(),
        4,
        "{}",
        human.stdout
    );

    let out = dir.path().join("修正.txt");
    let r = run(&["fix", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), REPORT);
    let fixed = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        fixed,
        REPORT
            .replace("公式平台", "公示平台")
            .replace("截止目前", "截至目前")
            .replace("执法公式，", "执法公示，")
            .replace("2024年01月20日", "2024年1月20日")
    );
    assert!(fixable(&out).is_empty());
    // The diff: headers, one hunk per changed line.
    assert!(r.stdout.starts_with("--- 原文 "), "{}", r.stdout);
    assert!(r.stdout.contains("\n+++ 修正后 "), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("@@ 第 3 行 @@\n-2023年，我街道在行政执法信息公式平台"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("@@ 第 6 行 @@\n-2024年01月20日\n+2024年1月20日\n"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("修正 4 处"), "{}", r.stderr);
    // The rest of the skeleton is missing: errors remain, exit code 1 as `check`.
    assert_eq!(r.code, 1, "{}", r.stderr);
    let never = run(&[
        "fix",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--fail-on",
        "never",
    ]);
    assert_eq!(never.code, 0, "{}", never.stderr);
}

#[test]
fn the_input_is_never_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.txt");
    std::fs::write(&input, REPORT).unwrap();
    let r = run(&[
        "fix",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("是同一个文件"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), REPORT);
    // A Word document is told to use annotate --fix.
    let docx = dir.path().join("报告.docx");
    std::fs::write(&docx, b"PK").unwrap();
    let r = run(&[
        "fix",
        docx.to_str().unwrap(),
        "-o",
        dir.path().join("x.txt").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("annotate"), "{}", r.stderr);
}

#[test]
fn unsafe_fixes_wait_for_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.txt");
    let report = REPORT.replace("2024年01月20日", "2024.1.20");
    std::fs::write(&input, &report).unwrap();
    assert!(fixable(&input).contains(&(
        "fzzfjs/closing-date-format".to_owned(),
        "unsafe".to_owned(),
        "2024年1月20日".to_owned()
    )));
    let human = run(&["check", input.to_str().unwrap()]);
    assert!(
        human.stdout.contains("[可修正，需确认]"),
        "{}",
        human.stdout
    );
    let out = dir.path().join("修正.txt");
    let r = run(&["fix", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let fixed = std::fs::read_to_string(&out).unwrap();
    assert!(
        fixed.ends_with("2024.1.20\n") && fixed.contains("公示平台"),
        "{fixed}"
    );
    assert!(r.stderr.contains("1 处修正需要人工确认"), "{}", r.stderr);
    run(&[
        "fix",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--unsafe-fixes",
    ]);
    let fixed = std::fs::read_to_string(&out).unwrap();
    assert!(fixed.ends_with("2024年1月20日\n"), "{fixed}");
}

#[test]
fn a_gbk_file_with_crlf_is_written_back_in_gbk_with_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.txt");
    let report = REPORT.replace('\n', "\r\n");
    let (gbk, _, errors) = encoding_rs::GBK.encode(&report);
    assert!(!errors);
    std::fs::write(&input, &gbk).unwrap();
    let out = dir.path().join("修正.txt");
    run(&["fix", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read(&input).unwrap(), gbk.as_ref());
    let bytes = std::fs::read(&out).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "still GBK, not UTF-8");
    let (text, _, errors) = encoding_rs::GBK.decode(&bytes);
    assert!(!errors);
    assert_eq!(
        text,
        report
            .replace("公式平台", "公示平台")
            .replace("截止目前", "截至目前")
            .replace("执法公式，", "执法公示，")
            .replace("2024年01月20日", "2024年1月20日")
    );
    assert!(fixable(&out).is_empty());
}
