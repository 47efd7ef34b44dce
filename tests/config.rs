//! The repository settings a report repository keeps: the README's `reportlint.toml`
//! works as written (a derived pack with `[thresholds]` on inherited rules, the year
//! from the path), `config show` tells what applies to a file, and the pre-commit hook
//! covers every report format.

mod common;

use std::fs;

use common::run_in;

/// The README's `reportlint.toml`, with the derived pack it names, in a folder of
/// reports laid out as its `path-pattern` says.
fn readme_repository() -> tempfile::TempDir {
    let readme = fs::read_to_string("README.md").unwrap();
    let from = readme.find("**配置文件**").unwrap();
    let start = from + readme[from..].find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + readme[start..].find("```\n").unwrap();
    let example = fs::read_to_string("fixtures/config/reportlint.toml").unwrap();
    assert_eq!(
        &readme[start..end],
        example,
        "fixtures/config/reportlint.toml is a copy of the README's example"
    );
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("rules")).unwrap();
    fs::create_dir_all(dir.path().join("reports/2023/departments")).unwrap();
    fs::write(dir.path().join("reportlint.toml"), &example).unwrap();
    fs::copy(
        "fixtures/config/rules/local.yaml",
        dir.path().join("rules/local.yaml"),
    )
    .unwrap();
    fs::copy(
        "fixtures/reports/haian-2023.txt",
        dir.path().join("reports/2023/海安街道.txt"),
    )
    .unwrap();
    fs::copy(
        "fixtures/reports/baoan-fgj-2020.txt",
        dir.path().join("reports/2023/departments/法规局.txt"),
    )
    .unwrap();
    dir
}

#[test]
fn the_readme_config_works_as_written() {
    let dir = readme_repository();
    let r = run_in(dir.path(), &["check", "--format", "json", "reports"]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let haian = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("海安街道.txt"))
        .unwrap();
    assert_eq!(haian["year"], 2023);
    assert_eq!(haian["year_source"], "path");
    // The derived pack re-levels other-matters; stray-line is off by the config.
    assert!(!r.stdout.contains("fzzfjs/stray-line"), "{}", r.stdout);

    // The human header says where the year came from.
    let r = run_in(dir.path(), &["check", "reports/2023/海安街道.txt"]);
    assert!(
        r.stdout.contains("报告年度：2023（取自路径）"),
        "{}",
        r.stdout
    );
    // `--year` wins, and the header says so.
    let r = run_in(
        dir.path(),
        &["check", "--year", "2023", "reports/2023/海安街道.txt"],
    );
    assert!(
        r.stdout
            .contains("报告年度：2023（由 --year 或 reportlint.toml 指定）"),
        "{}",
        r.stdout
    );
}

#[test]
fn thresholds_reach_rules_a_derived_pack_carries() {
    let dir = readme_repository();
    let config = dir.path().join("reportlint.toml");
    let text = fs::read_to_string(&config).unwrap();
    let strict = text.replace(
        "\"fzzfjs/shortcomings/length\" = 100",
        "\"fzzfjs/shortcomings/length\" = 2000",
    );
    assert_ne!(strict, text);
    fs::write(&config, strict).unwrap();
    let r = run_in(
        dir.path(),
        &["check", "--format", "json", "reports/2023/海安街道.txt"],
    );
    assert_ne!(r.code, 2, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let doc = &v["documents"][0];
    let shortcomings = doc["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "shortcomings")
        .unwrap();
    assert_eq!(shortcomings["status"], "weak", "{}", r.stdout);
    assert!(r.stdout.contains("应不少于 2000 字"), "{}", r.stdout);
    // The derived pack's own change holds as well.
    let other = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "fzzfjs/other-matters");
    if let Some(other) = other {
        assert_eq!(other["severity"], "warning");
    }

    // A rule neither the base nor the derived pack has is still an error in the file.
    fs::write(
        &config,
        "packs = [\"rules/local.yaml\"]\n[thresholds]\n\"local/nothing/length\" = 5\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["check", "reports"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("规则 `local/nothing` 不存在")
            && r.stderr.contains("reportlint.toml:3:1"),
        "{}",
        r.stderr
    );
}

/// `unit-type` in the config takes the Chinese names `--unit-type` takes; a name that
/// fits no type points into the file and lists the types.
#[test]
fn unit_type_in_the_config_takes_chinese_names() {
    let dir = readme_repository();
    let config = dir.path().join("reportlint.toml");
    let text = fs::read_to_string(&config).unwrap();
    assert!(text.contains("unit-type = \"部门\""));
    // The 法规局 report says 我局: right for a 部门, a copied report for a 街道.
    let subject = |dir: &std::path::Path| {
        let r = run_in(
            dir,
            &[
                "check",
                "--format",
                "json",
                "reports/2023/departments/法规局.txt",
            ],
        );
        assert_ne!(r.code, 2, "{}", r.stderr);
        r.stdout.contains("fzzfjs/subject-consistency")
    };
    assert!(!subject(dir.path()));
    fs::write(
        &config,
        text.replace("unit-type = \"部门\"", "unit-type = \"街道\""),
    )
    .unwrap();
    assert!(subject(dir.path()));

    fs::write(
        &config,
        text.replace("unit-type = \"部门\"", "unit-type = \"居委会\""),
    )
    .unwrap();
    let r = run_in(dir.path(), &["check", "reports"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("unit-type 的取值 `居委会` 不是已知的报告主体类型")
            && r.stderr.contains("reportlint.toml:15:")
            && r.stderr.contains("部门（department）"),
        "{}",
        r.stderr
    );
}

#[test]
fn config_show_lists_what_applies_to_a_file() {
    let dir = readme_repository();
    let r = run_in(dir.path(), &["config", "show", "reports/2023/海安街道.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("config-show-file", r.stdout);
    // The levels and thresholds are TOML a user can paste into the config.
    let body = r
        .stdout
        .split("\n\n")
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n\n");
    let table: toml::Table = toml::from_str(&body).unwrap_or_else(|e| panic!("{e}\n{body}"));
    assert_eq!(table["rules"]["fzzfjs/stray-line"].as_str(), Some("off"));
    assert_eq!(
        table["thresholds"]["fzzfjs/shortcomings/length"].as_integer(),
        Some(100)
    );

    // A department's report under the override: its unit type and rule.
    let r = run_in(
        dir.path(),
        &["config", "show", "reports/2023/departments/法规局.txt"],
    );
    assert!(
        r.stdout.contains("# 报告主体类型：department（")
            && r.stdout.contains("由配置文件指定")
            && r.stdout
                .contains("\"fzzfjs/three-enforcement-systems\" = \"off\"  # 配置文件设置"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("# 报告年度：从报告中识别"),
        "{}",
        r.stdout
    );

    // For a folder: the config as written, pack paths relative to it.
    let r = run_in(dir.path(), &["config", "show"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("packs = [\"rules/local.yaml\"]")
            && r.stdout.contains("# 规则包 local（版本 1，继承 fzzfjs）")
            && r.stdout.contains("文件 rules/local.yaml"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_pre_commit_hook_covers_every_report_format() {
    let hooks = fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let value = |key: &str| -> String {
        let line = hooks
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{key}:")))
            .unwrap_or_else(|| panic!("no {key}: {hooks}"));
        let v = line.split_once(':').unwrap().1.trim();
        v.trim_matches('\'').to_owned()
    };
    // Human output, as a committer reads it in the terminal.
    assert_eq!(value("entry"), "reportlint check");
    // pre-commit's patterns are Python regexes; these use nothing the regex crate lacks.
    let files = regex::Regex::new(&value("files")).unwrap();
    let exclude = regex::Regex::new(&value("exclude")).unwrap();
    let checked = |p: &str| files.is_match(p) && !exclude.is_match(p);
    for p in [
        "reports/2024/海安街道.docx",
        "reports/a.html",
        "reports/b.HTM",
        "c.txt",
        "d.md",
    ] {
        assert!(checked(p), "{p}");
    }
    for p in [
        "README.md",
        "reports/readme.md",
        "reports/~$海安街道.docx",
        "a.pdf",
        "a.doc",
    ] {
        assert!(!checked(p), "{p}");
    }
    // The README's example does not name a tag that does not exist.
    let readme = fs::read_to_string("README.md").unwrap();
    let example = readme
        .split("# 报告仓库的 .pre-commit-config.yaml")
        .nth(1)
        .unwrap();
    let rev = example
        .lines()
        .find(|l| l.trim_start().starts_with("rev:"))
        .unwrap();
    assert!(rev.contains("<提交哈希>"), "{rev}");
}

/// An element rule switched off leaves its own line out of the checklist; the lines
/// after it keep their names.
#[test]
fn an_element_switched_off_leaves_the_others_in_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("reportlint.toml"),
        "[rules]\n\"fzzfjs/other-matters\" = \"off\"\n",
    )
    .unwrap();
    fs::copy(
        "fixtures/reports/haian-2023.txt",
        dir.path().join("haian.txt"),
    )
    .unwrap();
    let r = run_in(dir.path(), &["check", "haian.txt"]);
    let checklist: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("  ✓") || l.starts_with("  △") || l.starts_with("  ✗"))
        .collect();
    assert_eq!(checklist.len(), 5, "{}", r.stdout);
    assert!(
        !checklist.iter().any(|l| l.contains("其他需要报告的情况")),
        "{}",
        r.stdout
    );
    assert!(
        checklist[4].starts_with("  △ 行政执法三项制度（"),
        "{}",
        r.stdout
    );
}
