use super::*;

const VALID: &str = r#"
id: demo
title: 示例
version: "1"
rules:
  - id: plan
    title: 下一年度安排
    severity: error
    message: 缺少安排
    check:
      element:
        headings: { pattern: '安排' }
        criteria:
          - id: items
            min-items: { min: 3, what: 工作安排 }
    examples:
      pass: ["一、2024年工作安排\n一是甲；二是乙；三是丙。"]
      fail: ["一、主要举措"]
"#;

/// Load `src`, expect an error, return its message and the YAML text its span covers.
fn rejected(src: &str) -> (String, String) {
    let err = Pack::from_yaml(src, "demo.yaml").expect_err("pack should be rejected");
    let span = err.span.expect("error has a span");
    let at = src[span.offset()..span.offset() + span.len()].to_owned();
    (err.message, at)
}

#[test]
fn valid_pack_compiles() {
    let pack = Pack::from_yaml(VALID, "demo.yaml").unwrap();
    assert_eq!(pack.rules[0].full_id, "demo/plan");
    assert_eq!(pack.order, vec![0]);
}

#[test]
fn builtin_pack_is_valid() {
    let packs = Pack::builtin();
    assert_eq!(packs[0].id, "fzzfjs");
    let ids: Vec<&str> = packs[0].rules.iter().map(|r| r.id.as_str()).collect();
    for id in [
        "measures-and-results",
        "shortcomings",
        "first-responsible-person",
        "next-year-plan",
        "other-matters",
        "three-enforcement-systems",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
}

#[test]
fn rejections_point_into_the_yaml() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "unknown key",
            "        headings: { pattern: '安排' }",
            "        headings: { pattern: '安排', colour: red }",
            "未知的键 `colour`",
        ),
        (
            "invalid regex",
            "pattern: '安排'",
            "pattern: '(安排'",
            "正则表达式无效",
        ),
        ("wrong type", "min: 3,", "min: 三,", "取值类型不对"),
        (
            "bad severity",
            "severity: error",
            "severity: fatal",
            "无效的取值 `fatal`",
        ),
        (
            "bad id",
            "  - id: plan",
            "  - id: Plan_1",
            "规则编号 `Plan_1` 不合规范",
        ),
        (
            "unknown target",
            "        criteria:",
            "        not-within: [nothing]\n        criteria:",
            "`not-within` 指向的规则 `nothing` 不存在",
        ),
        (
            "self target",
            "        criteria:",
            "        not-within: [plan]\n        criteria:",
            "`not-within` 不能指向规则自身",
        ),
        (
            "depth",
            "        criteria:",
            "        max-depth: 9\n        criteria:",
            "`max-depth` 应在 1 到 5 之间",
        ),
        (
            "two kinds",
            "            min-items: { min: 3, what: 工作安排 }",
            "            min-items: { min: 3, what: 工作安排 }\n            min-chars: 10",
            "准则 `items` 应当且只能指定一种度量（现有 2 种）",
        ),
        (
            "no examples",
            "      fail: [\"一、主要举措\"]",
            "      fail: []",
            "规则 `plan` 缺少示例",
        ),
    ];
    for &(name, from, to, message) in cases {
        let src = VALID.replacen(from, to, 1);
        assert_ne!(src, VALID, "{name}: replacement did not apply");
        let (got, at) = rejected(&src);
        assert!(got.contains(message), "{name}: {got}");
        assert!(!at.trim().is_empty(), "{name}: empty span");
    }
}

#[test]
fn spans_cover_the_offending_value() {
    let (_, at) = rejected(&VALID.replacen("pattern: '安排'", "pattern: '(安排'", 1));
    assert_eq!(at, "'(安排'");
    let (_, at) = rejected(&VALID.replacen("  - id: plan", "  - id: Plan_1", 1));
    assert_eq!(at, "Plan_1");
}

#[test]
fn duplicate_rule_ids_and_cycles() {
    let rule = VALID.split("rules:\n").nth(1).unwrap();
    let twice = format!("{VALID}{rule}");
    let (message, at) = rejected(&twice);
    assert!(message.contains("规则编号 `plan` 重复"), "{message}");
    assert_eq!(at, "plan");

    let a = rule.replacen("headings:", "not-within: [other]\n        headings:", 1);
    let b = rule.replacen("id: plan", "id: other", 1).replacen(
        "headings:",
        "not-within: [plan]\n        headings:",
        1,
    );
    let src = format!("{}rules:\n{a}{b}", VALID.split("rules:\n").next().unwrap());
    let (message, _) = rejected(&src);
    assert!(message.contains("循环引用"), "{message}");
}

/// Load `VALID` with `from` replaced by `to`; the pack must be rejected.
fn reject(from: &str, to: &str) -> Box<PackError> {
    let src = VALID.replacen(from, to, 1);
    assert_ne!(src, VALID, "replacement of {from:?} did not apply");
    Pack::from_yaml(&src, "demo.yaml").expect_err("pack should be rejected")
}

#[test]
fn hints_list_what_is_allowed() {
    let err = reject("severity: error", "severity: fatal");
    assert_eq!(
        err.help.as_deref(),
        Some("可用的取值：`info`、`warning`、`error`")
    );
    let err = reject("version: \"1\"", "version: \"1\"\ncolour: red");
    assert!(
        err.help.as_deref().unwrap().contains("`rules`"),
        "{:?}",
        err.help
    );
}

#[test]
fn empty_matchers_are_rejected() {
    let (message, at) =
        rejected(&VALID.replacen("headings: { pattern: '安排' }", "headings: {}", 1));
    assert!(message.contains("匹配条件为空"), "{message}");
    assert!(at.starts_with('{'), "{at}");
}

#[test]
fn missing_key_and_broken_yaml() {
    let err = reject("    message: 缺少安排\n", "");
    assert!(
        err.message.contains("缺少必填的键 `message`"),
        "{}",
        err.message
    );
    let err = Pack::from_yaml("id: [unclosed", "demo.yaml").unwrap_err();
    assert!(err.message.contains("这里应为一段文字"), "{}", err.message);
    assert!(err.span.is_some());
    // Parser errors carry a line and column only; the span is found from them.
    let err = Pack::from_yaml("id: demo\ntitle: 甲: 乙\n", "demo.yaml").unwrap_err();
    assert!(err.message.contains("不能再写“键: 值”"), "{}", err.message);
    assert_eq!(
        err.span.map(|s| s.offset()),
        Some("id: demo\ntitle: 甲".len())
    );
}

#[test]
fn short_names_are_for_elements_and_short() {
    let src = VALID.replacen(
        "    title: 下一年度安排\n",
        "    title: 下一年度安排\n    short: 下年安排\n",
        1,
    );
    let pack = Pack::from_yaml(&src, "demo.yaml").unwrap();
    assert_eq!(pack.rules[0].short.as_deref(), Some("下年安排"));
    let builtin = Pack::builtin();
    let shorts: Vec<&str> = builtin[0]
        .rules
        .iter()
        .filter_map(|r| r.short.as_deref())
        .collect();
    assert_eq!(
        shorts,
        [
            "举措成效",
            "不足原因",
            "第一责任人",
            "下年安排",
            "其他情况",
            "三项制度"
        ]
    );

    let (message, at) = rejected(&VALID.replacen(
        "    title: 下一年度安排\n",
        "    title: 下一年度安排\n    short: 下一年度推进法治政府建设的主要安排\n",
        1,
    ));
    assert!(message.contains("1 至 8 个字"), "{message}");
    assert_eq!(at, "下一年度推进法治政府建设的主要安排");
    let (message, _) = rejected(&VALID.replacen(
        "    title: 下一年度安排\n",
        "    title: 下一年度安排\n    short: ''\n",
        1,
    ));
    assert!(message.contains("1 至 8 个字"), "{message}");

    // Only element rules have a column to name.
    let forbid = "id: demo\ntitle: 示例\nversion: \"1\"\nrules:\n  - id: x\n    title: 占位符\n    short: 占位\n    severity: error\n    message: 占位符\n    check:\n      forbid: { what: 占位符, patterns: [{ match: 'XX' }] }\n    examples: { pass: [甲], fail: [XX] }\n";
    let (message, at) = rejected(forbid);
    assert!(message.contains("`short` 只用于要素类规则"), "{message}");
    assert_eq!(at, "占位");

    // A derived pack may name an inherited element.
    let derived = "id: d\nextends: fzzfjs\ntitle: 派生\nversion: \"1\"\noverrides:\n  - { rule: shortcomings, short: 问题 }\n";
    let pack = Pack::from_yaml(derived, "d.yaml").unwrap();
    let rule = pack.rules.iter().find(|r| r.id == "shortcomings").unwrap();
    assert_eq!(rule.short.as_deref(), Some("问题"));
}
