//! A report repository behind a CI gate: record a baseline, then fail only on new
//! findings; edits elsewhere keep old findings matched; fixed ones are reported stale;
//! a broken file is reported without hiding the others.

mod common;

use std::fs;

use common::{run, run_in};

fn findings(stdout: &str) -> Vec<(String, String)> {
    let v: serde_json::Value =
        serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            let path = d["path"].as_str().unwrap().to_owned();
            d["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |f| (path.clone(), f["rule"].as_str().unwrap().to_owned()))
        })
        .collect()
}

#[test]
fn baseline_gate() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).unwrap();
    let haian = fs::read_to_string("fixtures/reports/haian-2023.txt").unwrap();
    fs::write(reports.join("haian.txt"), &haian).unwrap();
    fs::copy(
        "fixtures/reports/xixiang-2020.txt",
        reports.join("xixiang.txt"),
    )
    .unwrap();
    let base = dir.path().join("baseline.json");
    // The repository's config re-levels a rule; baselines match regardless of level.
    fs::write(
        dir.path().join("reportlint.toml"),
        "[rules]\n\"fzzfjs/confusable-words\" = \"error\"\n",
    )
    .unwrap();
    let (r, b) = (reports.to_str().unwrap(), base.to_str().unwrap());
    let gate = |extra: &[&str]| {
        run(&[
            &[
                "check",
                r,
                "--format",
                "json",
                "--fail-on",
                "warning",
                "--baseline",
                b,
            ],
            extra,
        ]
        .concat())
    };

    // Without a baseline the gate fails on today's findings, the config's error among them.
    assert_eq!(run(&["check", r, "--fail-on", "warning"]).code, 1);
    assert_eq!(
        run(&["check", r]).code,
        1,
        "截止目前 is an error by the config"
    );
    let w = run(&["check", r, "--format", "json", "--write-baseline", b]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    assert!(w.stderr.contains("条问题记入基线"), "{}", w.stderr);
    let recorded: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(recorded["schema"], "reportlint-baseline/v1");
    assert_eq!(
        recorded["findings"].as_array().unwrap().len(),
        findings(&w.stdout).len()
    );

    // With it, the gate passes.
    let g = gate(&[]);
    assert_eq!(g.code, 0, "{}\n{}", g.stdout, g.stderr);
    assert!(findings(&g.stdout).is_empty());
    assert!(g.stderr.contains("略去"), "{}", g.stderr);

    // An edit elsewhere moves every line below it; the old findings still match.
    let moved = haian.replacen(
        "(一)加强依法行政制度落实落",
        "2023年，街道新增一项工作。\n(一)加强依法行政制度落实落",
        1,
    );
    fs::write(reports.join("haian.txt"), &moved).unwrap();
    assert_eq!(gate(&[]).code, 0);

    // A new finding fails the gate, and only it is reported.
    let added = moved.replacen("街道共受理122件案件", "街道共受理XX件案件", 1);
    assert_ne!(added, moved);
    fs::write(reports.join("haian.txt"), &added).unwrap();
    let g = gate(&[]);
    assert_eq!(g.code, 1);
    assert_eq!(
        findings(&g.stdout),
        [(format!("{r}/haian.txt"), "fzzfjs/placeholder".to_owned())]
    );

    // A fixed finding leaves a stale entry, which is reported.
    fs::write(
        reports.join("haian.txt"),
        moved.replacen("截止目前", "截至目前", 1),
    )
    .unwrap();
    let g = gate(&[]);
    assert_eq!(g.code, 0);
    assert!(
        g.stderr.contains("基线中有 1 条记录已不再出现"),
        "{}",
        g.stderr
    );
    assert!(g.stderr.contains("fzzfjs/confusable-words"), "{}", g.stderr);

    // A broken file is reported; the others are still checked and printed.
    fs::write(reports.join("broken.txt"), [0u8, 159, 146, 150, 0, 0, 1]).unwrap();
    let g = gate(&[]);
    assert_eq!(g.code, 2);
    assert!(g.stderr.contains("broken.txt"), "{}", g.stderr);
    let v: serde_json::Value = serde_json::from_str(&g.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);

    // A baseline that is not one is a Chinese error.
    fs::remove_file(reports.join("broken.txt")).unwrap();
    fs::write(&base, "{\"schema\": \"other\", \"findings\": []}").unwrap();
    let g = gate(&[]);
    assert_eq!(g.code, 2);
    assert!(
        g.stderr.contains("基线文件") && g.stderr.contains("reportlint-baseline/v1"),
        "{}",
        g.stderr
    );
    let g = run(&[
        "check",
        r,
        "--baseline",
        dir.path().join("none.json").to_str().unwrap(),
    ]);
    assert_eq!(g.code, 2);
    assert!(g.stderr.contains("不存在"), "{}", g.stderr);
}

#[test]
fn folders_respect_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    fs::create_dir_all(reports.join("drafts")).unwrap();
    for name in ["a.txt", "b.md", "drafts/old.txt", "notes.tmp.txt"] {
        fs::copy("fixtures/reports/haian-2023.txt", reports.join(name)).unwrap();
    }
    fs::write(reports.join(".gitignore"), "drafts/\n*.tmp.txt\n").unwrap();
    let r = run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        reports.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    let names: Vec<&str> = paths
        .iter()
        .map(|p| p.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, ["a.txt", "b.md"]);
}

#[test]
fn config_found_above_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let year_dir = dir.path().join("reports/2023");
    fs::create_dir_all(&year_dir).unwrap();
    let text = fs::read_to_string("fixtures/reports/haian-2023.txt").unwrap();
    // The title is gone: the year must come from the path.
    let untitled = text.replacen("海安市海安街道2023年法治政府建设情况报告\n", "", 1);
    assert_ne!(untitled, text);
    fs::write(year_dir.join("海安街道.txt"), &untitled).unwrap();
    fs::write(
        dir.path().join("reportlint.toml"),
        "path-pattern = \"reports/{year}/{unit}.txt\"\n\n[rules]\n\"fzzfjs/other-matters\" = \"off\"\n\"fzzfjs/confusable-words\" = \"error\"\n\n[[overrides]]\npaths = [\"reports/2023/**\"]\nrules = { \"fzzfjs/closing-missing\" = \"off\" }\n",
    )
    .unwrap();
    let r = run(&["check", "--format", "json", year_dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["year"], 2023);
    let rules: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert!(
        rules.contains(&("fzzfjs/confusable-words", "error")),
        "{rules:?}"
    );
    assert!(
        !rules
            .iter()
            .any(|r| r.0 == "fzzfjs/other-matters" || r.0 == "fzzfjs/closing-missing"),
        "{rules:?}"
    );
    let elements: Vec<&str> = doc["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(!elements.contains(&"other-matters"), "{elements:?}");

    let shown = run(&[
        "config",
        "show",
        year_dir.join("海安街道.txt").to_str().unwrap(),
    ]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(
        shown.stdout.contains("\"fzzfjs/other-matters\" = \"off\""),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains("# 报告年度：2023（取自路径"),
        "{}",
        shown.stdout
    );

    // A threshold raised in the config makes 海安's shortcomings (present by default) weak.
    let strict = dir.path().join("strict.toml");
    fs::write(
        &strict,
        "[thresholds]\n\"fzzfjs/shortcomings/length\" = 2000\n",
    )
    .unwrap();
    let r = run(&[
        "check",
        "--format",
        "json",
        "--config",
        strict.to_str().unwrap(),
        year_dir.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let shortcomings = v["documents"][0]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "shortcomings")
        .unwrap();
    assert_eq!(shortcomings["status"], "weak");
    assert!(r.stdout.contains("应不少于 2000 字"), "{}", r.stdout);
    fs::write(
        &strict,
        "[thresholds]\n\"fzzfjs/shortcomings/lenght\" = 20\n",
    )
    .unwrap();
    let r = run(&[
        "check",
        "--config",
        strict.to_str().unwrap(),
        year_dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("没有准则 `lenght`") && r.stderr.contains("`length`"),
        "{}",
        r.stderr
    );

    // Mistakes point into the file.
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "[rules]\n\"fzzfjs/no-such-rule\" = \"off\"\n").unwrap();
    let r = run(&[
        "check",
        "--config",
        bad.to_str().unwrap(),
        year_dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bad.toml") && r.stderr.contains("规则 `fzzfjs/no-such-rule` 不存在"),
        "{}",
        r.stderr
    );
    fs::write(&bad, "fail-on = \"warning\"\n").unwrap();
    let r = run(&[
        "check",
        "--config",
        bad.to_str().unwrap(),
        year_dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("未知的键 `fail-on`") && r.stderr.contains("bad.toml:1:1"),
        "{}",
        r.stderr
    );
}

#[test]
fn config_and_baseline_paths_from_inside_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("reports/2023")).unwrap();
    fs::copy("fixtures/reports/haian-2023.txt", root.join("top.txt")).unwrap();
    fs::copy(
        "fixtures/reports/haian-2023.txt",
        root.join("reports/2023/a.txt"),
    )
    .unwrap();
    fs::write(
        root.join("reportlint.toml"),
        "[rules]\n\"fzzfjs/confusable-words\" = \"off\"\n\n[[overrides]]\npaths = [\"reports/*.txt\"]\nrules = { \"fzzfjs/dated-reference\" = \"off\" }\n",
    )
    .unwrap();
    let rules = |r: &common::Run| -> Vec<String> {
        findings(&r.stdout)
            .into_iter()
            .map(|(_, rule)| rule)
            .collect()
    };
    // A bare file name in the repository root finds the config beside it.
    let r = run_in(root, &["check", "--format", "json", "top.txt"]);
    assert!(
        !rules(&r).contains(&"fzzfjs/confusable-words".to_owned()),
        "{:?}",
        rules(&r)
    );
    // `*` stays within a folder: reports/*.txt does not reach reports/2023/a.txt.
    let r = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--config",
            "reportlint.toml",
            "reports/2023/a.txt",
        ],
    );
    assert!(
        rules(&r).contains(&"fzzfjs/dated-reference".to_owned()),
        "{:?}",
        rules(&r)
    );
    // From a subfolder, with `..` in the path, the same config applies.
    let r = run_in(
        &root.join("reports/2023"),
        &["check", "--format", "json", "../2023/a.txt"],
    );
    assert!(
        !rules(&r).contains(&"fzzfjs/confusable-words".to_owned()),
        "{:?}",
        rules(&r)
    );

    // A baseline recorded as ./reports matches a run on reports.
    let w = run_in(root, &["check", "./reports", "--write-baseline", "b.json"]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    let g = run_in(
        root,
        &[
            "check",
            "reports",
            "--baseline",
            "b.json",
            "--fail-on",
            "info",
        ],
    );
    assert_eq!(g.code, 0, "{}\n{}", g.stdout, g.stderr);
    // Recorded elsewhere: nothing matches, and the run says why.
    let g = run_in(
        &root.join("reports"),
        &["check", ".", "--baseline", "../b.json", "--fail-on", "info"],
    );
    assert_eq!(g.code, 1);
    assert!(
        g.stderr
            .contains("基线中的文件路径与本次检查的文件都不相同"),
        "{}",
        g.stderr
    );
}

#[test]
fn an_unknown_unit_type_from_the_path_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("reports/dept")).unwrap();
    fs::copy(
        "fixtures/reports/xixiang-2020.txt",
        dir.path().join("reports/dept/x.txt"),
    )
    .unwrap();
    fs::write(
        dir.path().join("reportlint.toml"),
        "path-pattern = \"reports/{unit-type}/*.txt\"\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["check", "--fail-on", "never", "reports"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("报告主体类型 `dept` 没有定义").count(),
        1,
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("township"), "{}", r.stderr);
}
