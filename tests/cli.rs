//! The command line as users run it: exit codes 0/1/2, Chinese errors naming the file,
//! bad input never panicking, and the input files left untouched.

use std::fs;
use std::path::Path;

mod common;

use common::{Run, json, run};

#[test]
fn exit_codes_follow_fail_on() {
    let all = run(&["check", "fixtures/reports"]);
    assert_eq!(all.code, 1, "{}", all.stderr);
    assert!(all.stdout.contains("共检查 5 份报告"), "{}", all.stdout);
    // 海安街道 has warnings and infos but no error.
    let haian = "fixtures/reports/haian-2023.txt";
    assert_eq!(run(&["check", haian]).code, 0);
    assert_eq!(run(&["check", haian, "--fail-on", "warning"]).code, 1);
    assert_eq!(
        run(&["check", "fixtures/reports", "--fail-on", "never"]).code,
        0
    );
}

#[test]
fn json_follows_the_contract() {
    let v = json(&["check", "fixtures/reports/shengshan-2019.txt"]);
    assert_eq!(v["schema"], "reportlint/v1");
    assert_eq!(v["tool"]["name"], "reportlint");
    assert_eq!(v["packs"][0]["id"], "fzzfjs");
    let doc = &v["documents"][0];
    assert_eq!(doc["path"], "fixtures/reports/shengshan-2019.txt");
    assert_eq!(doc["format"], "txt");
    assert_eq!(doc["encoding"], "utf-8");
    assert_eq!(doc["title"], serde_json::Value::Null);
    assert_eq!(doc["year"], 2019);
    let ids: Vec<&str> = doc["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "measures-and-results",
            "shortcomings",
            "first-responsible-person",
            "next-year-plan",
            "other-matters",
            "three-enforcement-systems"
        ]
    );
    let missing = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "fzzfjs/next-year-plan")
        .unwrap();
    assert_eq!(missing["severity"], "error");
    assert_eq!(missing["span"], serde_json::Value::Null);
    assert_eq!(v["summary"]["documents"], 1);
    assert_eq!(v["summary"]["error"], 2);
}

#[test]
fn spans_carry_character_columns() {
    let v = json(&["check", "fixtures/reports/haian-2023.txt"]);
    let doc = &v["documents"][0];
    let text = fs::read_to_string("fixtures/reports/haian-2023.txt").unwrap();
    for f in doc["findings"].as_array().unwrap() {
        let Some(span) = f["span"].as_object() else {
            continue;
        };
        let start = span["start"].as_u64().unwrap() as usize;
        let line = span["line"].as_u64().unwrap() as usize;
        let column = span["column"].as_u64().unwrap() as usize;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(text[..start].matches('\n').count() + 1, line);
        assert_eq!(text[line_start..start].chars().count() + 1, column);
    }
}

#[test]
fn year_override() {
    let v = json(&[
        "check",
        "fixtures/reports/shengshan-2019.txt",
        "--year",
        "2021",
    ]);
    assert_eq!(v["documents"][0]["year"], 2021);
    assert_eq!(v["documents"][0]["year_source"], "override");
}

#[test]
fn gbk_and_utf16_reports_read_like_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("fixtures/reports/wuqing-2020.txt").unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gbk_path = dir.path().join("wuqing-gbk.txt");
    fs::write(&gbk_path, &gbk).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let utf16_path = dir.path().join("wuqing-utf16.txt");
    fs::write(&utf16_path, utf16).unwrap();
    let base = json(&["check", "fixtures/reports/wuqing-2020.txt"]);
    for (path, encoding) in [(&gbk_path, "gbk"), (&utf16_path, "utf-16le")] {
        let v = json(&["check", path.to_str().unwrap()]);
        let doc = &v["documents"][0];
        assert_eq!(doc["encoding"], encoding);
        assert_eq!(
            doc["elements"], base["documents"][0]["elements"],
            "{encoding}"
        );
    }
}

fn assert_failed(r: &Run, needles: &[&str]) {
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    for n in needles {
        assert!(
            r.stderr.contains(n),
            "missing {n:?} in stderr:\n{}",
            r.stderr
        );
    }
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn bad_input_is_a_chinese_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    fs::write(p("empty.txt"), b"").unwrap();
    fs::write(p("blank.txt"), "\n  \r\n").unwrap();
    fs::write(p("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(p("report.docx"), b"PK\x03\x04").unwrap();
    fs::write(p("report.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    fs::write(p("latin1.txt"), b"caf\xe9 cr\xe8me br\xfbl\xe9e").unwrap();
    fs::create_dir(p("empty-folder")).unwrap();

    assert_failed(
        &run(&["check", &p("nothing.txt")]),
        &["找不到文件或文件夹", "nothing.txt"],
    );
    assert_failed(
        &run(&["check", &p("empty.txt")]),
        &["文件为空", "empty.txt"],
    );
    assert_failed(
        &run(&["check", &p("blank.txt")]),
        &["文件为空", "blank.txt"],
    );
    assert_failed(
        &run(&["check", &p("binary.txt")]),
        &["不是文本文件", "binary.txt"],
    );
    assert_failed(
        &run(&["check", &p("report.docx")]),
        &["已损坏或不完整", "report.docx", "压缩包结构不完整"],
    );
    assert_failed(
        &run(&["check", &p("report.doc")]),
        &["不支持的文件类型", ".doc", "另存为"],
    );
    assert_failed(
        &run(&["check", &p("latin1.txt")]),
        &["无法识别文件编码", "latin1.txt"],
    );
    assert_failed(
        &run(&["check", &p("empty-folder")]),
        &["没有可检查的报告", "empty-folder"],
    );
}

#[test]
fn one_broken_file_does_not_hide_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, b"").unwrap();
    let r = run(&[
        "check",
        "fixtures/reports/haian-2023.txt",
        empty.to_str().unwrap(),
    ]);
    assert_failed(&r, &["文件为空"]);
    assert!(r.stdout.contains("haian-2023.txt"), "{}", r.stdout);
}

#[test]
fn malformed_packs_point_into_the_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fs::read_to_string("rules/fzzfjs.yaml").unwrap();
    let cases = [
        (
            "unknown-key.yaml",
            pack.replacen(
                "    leading: true",
                "    leading: true\n        colour: red",
                1,
            ),
            "未知的键 `colour`",
        ),
        (
            "bad-regex.yaml",
            pack.replacen("pattern: '三项制度'", "pattern: '(三项制度'", 1),
            "正则表达式无效",
        ),
        (
            "duplicate-id.yaml",
            pack.replacen("  - id: other-matters", "  - id: shortcomings", 1),
            "规则编号 `shortcomings` 重复",
        ),
        ("not-yaml.yaml", "id: [".to_owned(), "这里应为一段文字"),
    ];
    for (name, text, message) in cases {
        assert_ne!(text, pack, "{name}: edit did not apply");
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        let r = run(&[
            "check",
            "fixtures/reports/haian-2023.txt",
            "--pack",
            path.to_str().unwrap(),
        ]);
        assert_failed(&r, &["规则包", name, message]);
    }
    let r = run(&[
        "check",
        "fixtures/reports/haian-2023.txt",
        "--pack",
        "no-such-pack.yaml",
    ]);
    assert_failed(&r, &["找不到文件或文件夹", "no-such-pack.yaml"]);
}

#[test]
fn pack_error_rendering() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fs::read_to_string("rules/fzzfjs.yaml").unwrap();
    let path = dir.path().join("bad-regex.yaml");
    fs::write(
        &path,
        pack.replacen("pattern: '三项制度'", "pattern: '(三项制度'", 1),
    )
    .unwrap();
    let r = run(&[
        "check",
        "fixtures/reports/haian-2023.txt",
        "--pack",
        path.to_str().unwrap(),
    ]);
    let stderr = r.stderr.replace(dir.path().to_str().unwrap(), "[tmp]");
    insta::assert_snapshot!("bad-regex-pack", stderr);
}

#[test]
fn a_replacing_pack_takes_effect() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fs::read_to_string("rules/fzzfjs.yaml").unwrap().replacen(
        "    severity: info\n",
        "    severity: error\n",
        1,
    );
    let path = dir.path().join("strict.yaml");
    fs::write(&path, pack).unwrap();
    // 海安街道 lacks 其他需要报告的情况: info in the shipped pack, error in this one.
    let r = run(&[
        "check",
        "fixtures/reports/haian-2023.txt",
        "--pack",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn usage_errors_and_help_are_chinese() {
    let r = run(&["check", "fixtures/reports", "--format", "xml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--format 的取值“xml”无效"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("可用的取值：human、json、sarif、github"),
        "{}",
        r.stderr
    );
    let r = run(&["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("缺少 <路径>"), "{}", r.stderr);
    assert!(
        r.stderr.contains("用法：reportlint check [选项] <路径>..."),
        "{}",
        r.stderr
    );
    let r = run(&["lint"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("没有“lint”这个命令"), "{}", r.stderr);
    let r = run(&["check", "--help"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("用法") && r.stdout.contains("--fail-on"),
        "{}",
        r.stdout
    );
    for command in [
        &["check", "--help"][..],
        &["summary", "--help"],
        &["template", "--help"],
        &["rules", "test", "--help"],
        &["config", "show", "--help"],
        &["--help"],
        &["help"],
        &["help", "check"],
        &[],
    ] {
        let r = run(command);
        assert_eq!(r.code, 0, "{command:?}");
        assert!(r.stdout.contains("用法："), "{command:?}: {}", r.stdout);
        assert!(!r.stdout.contains(":\n"), "{command:?}: {}", r.stdout);
        for english in [
            "[default",
            "possible values",
            "Usage",
            "Options",
            "Arguments",
            "[OPTIONS]",
            "Commands:",
        ] {
            assert!(
                !r.stdout.contains(english),
                "{command:?}: {english}\n{}",
                r.stdout
            );
        }
    }
}

#[test]
fn input_files_are_not_modified() {
    let path = Path::new("fixtures/reports/xixiang-2020.txt");
    let before = fs::read(path).unwrap();
    let modified = fs::metadata(path).unwrap().modified().unwrap();
    run(&["check", path.to_str().unwrap()]);
    assert_eq!(fs::read(path).unwrap(), before);
    assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), modified);
}

#[test]
fn pack_error_columns_count_characters() {
    let dir = tempfile::tempdir().unwrap();
    let pack = fs::read_to_string("rules/fzzfjs.yaml").unwrap();
    let bad = pack.replacen(
        "umbrella: { pattern: '三项制度' }",
        "umbrella: { pattern: '三项制度', exclude: '(试点' }",
        1,
    );
    let path = dir.path().join("cjk-column.yaml");
    fs::write(&path, &bad).unwrap();
    let r = run(&[
        "check",
        "fixtures/reports/haian-2023.txt",
        "--pack",
        path.to_str().unwrap(),
    ]);
    let at = bad.find("'(试点'").unwrap();
    let line_start = bad[..at].rfind('\n').unwrap() + 1;
    let line = bad[..at].matches('\n').count() + 1;
    let column = bad[line_start..at].chars().count() + 1;
    assert_ne!(
        column,
        at - line_start + 1,
        "the line must have Chinese before the value"
    );
    assert_failed(&r, &[&format!("cjk-column.yaml:{line}:{column}]")]);
}

/// Without a report year, the header says once which checks were skipped for that
/// reason, and JSON lists them; with `--year` nothing is skipped.
#[test]
fn checks_skipped_without_a_year_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("无年份.txt");
    fs::write(&path, "一、主要举措和成效\n制定制度3项，审核合同12件。\n").unwrap();
    let p = path.to_str().unwrap();
    let r = run(&["check", p]);
    let lines: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("因报告年度未能确定，以下检查未做："))
        .collect();
    assert_eq!(lines.len(), 1, "{}", r.stdout);
    assert!(
        lines[0].contains("fzzfjs/closing-date-year"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("fzzfjs/next-year-plan/year"),
        "{}",
        lines[0]
    );
    let j = json(&["check", p]);
    let skipped = j["documents"][0]["skipped_without_year"]
        .as_array()
        .unwrap();
    assert!(skipped.iter().any(|s| s == "fzzfjs/anachronism"));
    let j = json(&["check", p, "--year", "2024"]);
    assert!(j["documents"][0].get("skipped_without_year").is_none());
    assert!(
        !run(&["check", p, "--year", "2024"])
            .stdout
            .contains("以下检查未做")
    );
}
