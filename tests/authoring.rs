//! Pack authors' tools: `rules list`, `rules explain`, `rules test`, layered packs
//! (`extends` + `overrides`) and their errors, and `--unit-type`.

use std::fs;

mod common;

use common::run;

const LAYERED: &str = "rules/examples/shenzhen-guide.yaml";

#[test]
fn list_shows_every_rule_with_severity_and_kind() {
    let r = run(&["rules", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "规则包 fzzfjs",
        "fzzfjs/next-year-plan",
        "fzzfjs/rate-arithmetic",
        "警告",
    ] {
        assert!(r.stdout.contains(needle), "{needle}\n{}", r.stdout);
    }
    // The check kind is named in Chinese.
    let kind = |id: &str| {
        let line = r.stdout.lines().find(|l| l.contains(id)).unwrap();
        line.split_whitespace().nth(2).unwrap().to_owned()
    };
    assert_eq!(kind("fzzfjs/shortcomings "), "要素");
    assert_eq!(kind("fzzfjs/three-enforcement-systems"), "分项要素");
    assert_eq!(kind("fzzfjs/anachronism"), "时效提法");
    assert_eq!(kind("fzzfjs/placeholder"), "禁用写法");
    assert_eq!(kind("fzzfjs/rate-arithmetic"), "比率核算");
    assert!(!r.stdout.contains("time-ref"), "{}", r.stdout);
    let r = run(&["rules", "list", "--pack", LAYERED]);
    assert!(
        r.stdout
            .contains("规则包 shenzhen（版本 2026.1，继承 fzzfjs）"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("shenzhen/guide-items"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("规则包 fzzfjs"),
        "the base is replaced:\n{}",
        r.stdout
    );
}

#[test]
fn explain_gives_why_basis_help_and_examples() {
    let r = run(&["rules", "explain", "anachronism"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "fzzfjs/anachronism",
        "级别：错误",
        "为什么：",
        "依据：",
        "如何修改：",
        "应当触发的示例",
        "习近平法治思想",
    ] {
        assert!(r.stdout.contains(needle), "{needle}\n{}", r.stdout);
    }
    let r = run(&["rules", "explain", "fzzfjs/rate-arithmetic"]);
    assert!(r.stdout.contains("调解成功率"), "{}", r.stdout);
    assert!(
        r.stdout.contains("检查方式：比率核算（规则包中写作 rate）"),
        "{}",
        r.stdout
    );
    let r = run(&["rules", "explain", "rate"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("没有编号为 `rate` 的规则"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("fzzfjs/rate-arithmetic"), "{}", r.stderr);
}

#[test]
fn test_runs_the_examples_and_fails_on_a_broken_one() {
    let r = run(&["rules", "test"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("全部通过"), "{}", r.stdout);
    let r = run(&["rules", "test", LAYERED]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("✓ shenzhen/guide-items"), "{}", r.stdout);

    // Tighten a threshold without updating the examples: the shared good report no
    // longer passes, and the failing example is shown.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("strict.yaml");
    fs::write(
        &path,
        "id: strict\nextends: fzzfjs\ntitle: 严格\nversion: '1'\noverrides:\n  - rule: shortcomings\n    criteria:\n      - { id: length, min-chars: 500 }\n",
    )
    .unwrap();
    let r = run(&["rules", "test", path.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    for needle in [
        "✗ fzzfjs/shortcomings",
        "不应触发的示例 [1] 触发了此规则",
        "应不少于 500 字",
        "│ 江东区2023年法治政府建设情况报告",
        "未通过",
    ] {
        assert!(r.stdout.contains(needle), "{needle}\n{}", r.stdout);
    }
}

#[test]
fn a_layered_pack_changes_and_adds_rules() {
    let r = run(&[
        "check",
        "--format",
        "json",
        "--pack",
        LAYERED,
        "fixtures/reports/haian-2023.txt",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["packs"][0]["id"], "shenzhen");
    let doc = &v["documents"][0];
    let ids: Vec<&str> = doc["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"guide-items") && ids.contains(&"next-year-plan"),
        "{ids:?}"
    );
    // other-matters: info in fzzfjs, warning in the layered pack.
    let other = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "fzzfjs/other-matters")
        .unwrap();
    assert_eq!(other["severity"], "warning");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quiet.yaml");
    fs::write(
        &path,
        "id: quiet\nextends: fzzfjs\ntitle: 静\nversion: '1'\noverrides:\n  - { rule: confusable-words, disable: true }\n",
    )
    .unwrap();
    let r = run(&[
        "check",
        "--format",
        "json",
        "--pack",
        path.to_str().unwrap(),
        "fixtures/reports/haian-2023.txt",
    ]);
    assert!(!r.stdout.contains("confusable-words"), "{}", r.stdout);
    assert!(r.stdout.contains("fzzfjs/dated-reference"), "{}", r.stdout);
}

/// Packs given together: one building on another is applied once (in either order);
/// two building on the same pack would check its rules twice and are refused.
#[test]
fn packs_given_together_apply_each_rule_once() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, yaml: &str| {
        let path = dir.path().join(name);
        fs::write(&path, yaml).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let a = write(
        "a.yaml",
        "id: a\nextends: fzzfjs\ntitle: 甲\nversion: '1'\n",
    );
    let b = write(
        "b.yaml",
        "id: b\nextends: a.yaml\ntitle: 乙\nversion: '1'\n",
    );
    let c = write(
        "c.yaml",
        "id: c\nextends: fzzfjs\ntitle: 丙\nversion: '1'\n",
    );
    let elements = |packs: &[&str]| {
        let mut args = vec!["check", "--format", "json"];
        for p in packs {
            args.extend(["--pack", p]);
        }
        args.push("fixtures/reports/haian-2023.txt");
        let r = run(&args);
        assert_ne!(r.code, 2, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let packs: Vec<String> = v["packs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect();
        (
            packs,
            v["documents"][0]["elements"].as_array().unwrap().len(),
        )
    };
    let (_, once) = elements(&[]);
    // b carries a (and fzzfjs under it); zfxxgk stays a candidate for other reports.
    let with_b = vec![
        "b".to_owned(),
        "zfxxgk".to_owned(),
        "gbt9704".to_owned(),
        "gbt15834".to_owned(),
    ];
    assert_eq!(elements(&[&a, &b]), (with_b.clone(), once));
    assert_eq!(elements(&[&b, &a]), (with_b, once));

    let r = run(&[
        "check",
        "--pack",
        &a,
        "--pack",
        &c,
        "fixtures/reports/haian-2023.txt",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("都继承 `fzzfjs`") && r.stderr.contains("c.yaml"),
        "{}",
        r.stderr
    );
}

#[test]
fn layered_pack_mistakes_point_into_the_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let head = "id: bad\ntitle: 错\nversion: '1'\n";
    let cases = [
        (
            "unknown-base.yaml",
            format!("{head}extends: nosuch\n"),
            "找不到被继承的规则包 `nosuch`",
        ),
        (
            "unknown-rule.yaml",
            format!("{head}extends: fzzfjs\noverrides:\n  - {{ rule: nosuch, severity: error }}\n"),
            "要修改的规则 `nosuch` 不存在",
        ),
        (
            "no-extends.yaml",
            format!("{head}overrides:\n  - {{ rule: shortcomings, severity: error }}\n"),
            "只有用 `extends` 继承",
        ),
        (
            "criteria-on-forbid.yaml",
            format!(
                "{head}extends: fzzfjs\noverrides:\n  - rule: placeholder\n    criteria:\n      - {{ id: length, min-chars: 5 }}\n"
            ),
            "不是 element 类规则",
        ),
        (
            "self-extends.yaml",
            format!("{head}extends: self-extends.yaml\n"),
            "继承层数超过",
        ),
        (
            "bad-date.yaml",
            format!(
                "{head}extends: fzzfjs\nrules:\n  - id: x\n    title: x\n    severity: error\n    message: x\n    check:\n      time-ref:\n        refs:\n          - {{ name: x, match: x, valid-from: '2020-13-01' }}\n    examples: {{ pass: [a], fail: [x] }}\n"
            ),
            "日期 `2020-13-01` 无法识别",
        ),
        (
            "unknown-unit.yaml",
            format!("{head}extends: fzzfjs\nunit: city\n"),
            "报告主体类型 `city` 未在 `units` 中定义",
        ),
    ];
    for (name, text, needle) in cases {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        let r = run(&[
            "check",
            "--pack",
            path.to_str().unwrap(),
            "fixtures/reports/haian-2023.txt",
        ]);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{name}: {}", r.stderr);
        assert!(r.stderr.contains(name), "{name}: {}", r.stderr);
    }
}

#[test]
fn unit_type_sets_the_deadline() {
    // 西乡街道's report dated 2021年3月20日: late for a 街道 (3月1日), on time for a
    // province (4月1日).
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("fixtures/reports/xixiang-2020.txt")
        .unwrap()
        .replace("2020年12月14日", "2021年3月20日");
    let path = dir.path().join("late.txt");
    fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    let late = |args: &[&str]| run(args).stdout.contains("submission-deadline");
    assert!(late(&["check", "--format", "json", p]));
    // The type by id, by its name in the pack, or by a short Chinese name.
    for province in ["province", "省级党委政府", "省级"] {
        assert!(
            !late(&["check", "--format", "json", "--unit-type", province, p]),
            "{province}"
        );
    }
    for township in ["街道", "乡镇"] {
        assert!(
            late(&["check", "--format", "json", "--unit-type", township, p]),
            "{township}"
        );
    }
    let r = run(&["check", "--unit-type", "政府", p]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("可能指多种报告主体类型"), "{}", r.stderr);
    let r = run(&["check", "--unit-type", "city", p]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("“city”不是已知的报告主体类型")
            && r.stderr.contains("township")
            && r.stderr.contains("乡镇（街道）"),
        "{}",
        r.stderr
    );
}

#[test]
fn explain_lists_criteria_with_thresholds_and_the_reference_table() {
    let r = run(&["rules", "explain", "shortcomings"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "准则（",
        "items：至少列出 2 条问题（警告）",
        "\"fzzfjs/shortcomings/items\" = 2",
        "length：正文不少于 60 个汉字（警告）",
    ] {
        assert!(r.stdout.contains(needle), "{needle}\n{}", r.stdout);
    }
    let r = run(&["rules", "explain", "next-year-plan"]);
    assert!(
        r.stdout.contains("提及报告年度的下一年") && r.stdout.contains("检查年份，没有阈值"),
        "{}",
        r.stdout
    );

    // The threshold line, pasted into reportlint.toml with a new value, takes effect.
    let r = run(&["rules", "explain", "shortcomings"]);
    let line = r
        .stdout
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("\"fzzfjs/shortcomings/length\" = "))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (key, _) = line.split_once(" = ").unwrap();
    fs::write(
        dir.path().join("reportlint.toml"),
        format!("[thresholds]\n{key} = 2000\n"),
    )
    .unwrap();
    fs::copy(
        "fixtures/reports/haian-2023.txt",
        dir.path().join("haian.txt"),
    )
    .unwrap();
    let r = common::run_in(dir.path(), &["check", "haian.txt"]);
    assert!(
        r.stdout.contains("应不少于 2000 字"),
        "{}{}",
        r.stdout,
        r.stderr
    );

    // A time rule lists its table with each entry's range.
    let r = run(&["rules", "explain", "dated-reference"]);
    for needle in [
        "提法和文件（共",
        "· 《信访条例》　有效范围：报告年度不晚于 2022 年",
        "说明：2022年5月1日起施行《信访工作条例》",
        "· 七五普法",
    ] {
        assert!(r.stdout.contains(needle), "{needle}\n{}", r.stdout);
    }
    let r = run(&["rules", "explain", "anachronism"]);
    assert!(
        r.stdout
            .contains("· 习近平法治思想　有效范围：成文日期不早于 2020年11月16日"),
        "{}",
        r.stdout
    );
    // Other kinds have neither.
    let r = run(&["rules", "explain", "placeholder"]);
    assert!(
        !r.stdout.contains("准则（") && !r.stdout.contains("提法和文件"),
        "{}",
        r.stdout
    );
}
