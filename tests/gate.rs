//! A report repository behind a CI gate: record a baseline, then fail only on new
//! findings; edits elsewhere keep old findings matched; fixed ones are reported stale;
//! a broken file is reported without hiding the others.

mod common;

use std::fs;

use common::run;

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

    // Without a baseline the gate fails on today's findings.
    assert_eq!(run(&["check", r, "--fail-on", "warning"]).code, 1);
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
