//! Each document-wide check kind used from a small pack of its own, as any pack author
//! would: the kinds are general, not tied to the shipped pack.

use reportlint::report::{Safety, Severity};
use reportlint::{Document, Engine, Format, Pack};

/// A pack with the given rules (YAML list items, indented by two spaces).
fn engine(rules: &str) -> Engine {
    let yaml = format!(
        "id: t\ntitle: 测试\nversion: '1'\nunits:\n  - {{ id: township, name: 乡镇（街道）, match: '(街道|镇)(办事处)?$', self-ref: '我(街道|镇)' }}\n  - {{ id: department, name: 政府部门, match: '局$', self-ref: '我局' }}\nrules:\n{rules}"
    );
    Engine::new(vec![
        Pack::from_yaml(&yaml, "t.yaml").unwrap_or_else(|e| panic!("{e:?}")),
    ])
}

fn rule(id: &str, check: &str) -> String {
    format!(
        "  - id: {id}\n    title: {id}\n    severity: warning\n    message: 问题\n    check: {check}\n    examples: {{ pass: ['x'], fail: ['y'] }}\n"
    )
}

/// (message, severity, text at span) of every finding.
fn run(engine: &Engine, text: &str) -> Vec<(String, Severity, String)> {
    let c = engine.check(Document::from_text("t", Format::Txt, text.to_owned()), None);
    c.findings
        .iter()
        .map(|f| {
            let at = f
                .span
                .map_or_else(String::new, |s| s.slice(&c.document.text).to_owned());
            (f.message.clone(), f.severity, at)
        })
        .collect()
}

#[test]
fn numbering_allows_run_on_third_level_and_flags_gaps_and_repeats() {
    let e = engine(&rule("n", "{ structure: { flag: numbering } }"));
    let good = "2023年工作总结\n一、甲\n（一）子\n1.一\n2.二\n（二）丑\n3.三\n二、乙\n（一）寅\n1.重新编号\n";
    assert_eq!(run(&e, good), []);
    let bad = "2023年工作总结\n一、甲\n（一）子\n（三）寅\n（三）卯\n三、丙\n";
    let found: Vec<String> = run(&e, bad).into_iter().map(|f| f.2).collect();
    assert_eq!(found, ["（三）", "（三）", "三、"]);
    let msgs: Vec<String> = run(&e, bad).into_iter().map(|f| f.0).collect();
    assert!(msgs[0].contains("缺少“（二）”"), "{msgs:?}");
    assert!(msgs[1].contains("重复"), "{msgs:?}");
    assert!(msgs[2].contains("缺少“二、”"), "{msgs:?}");
}

#[test]
fn doubled_char_allows_listed_phrases() {
    let e = engine(&rule("d", "{ doubled-char: { allow: [会会议] } }"));
    assert_eq!(run(&e, "2023年，传达部署会会议精神，常常调研。\n"), []);
    let found = run(&e, "2023年，我局的的工作。\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2, "的的");
}

#[test]
fn time_ref_conditions() {
    let e = engine(&rule(
        "r",
        "{ time-ref: { refs: [ { name: 条例, match: '《甲条例》', in-force-from: '2020-01-01' }, { name: 旧办法, match: '《乙办法》', current-until: 2019, unless: '原' } ] } }",
    ));
    assert_eq!(run(&e, "2019年，我局依据《乙办法》开展工作。\n").len(), 0);
    assert_eq!(
        run(
            &e,
            "2020年，我局依据《甲条例》开展工作，原《乙办法》废止。\n"
        )
        .len(),
        0
    );
    let found = run(&e, "2019年，我局依据《甲条例》开展工作。\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].0.contains("2020年1月1日起施行"), "{found:?}");
    let found = run(&e, "2021年，我局依据《乙办法》开展工作。\n");
    assert!(found[0].0.contains("只适用到2019年度"), "{found:?}");
}

#[test]
fn closing_date_grades_by_distance() {
    let e = engine(&rule(
        "c",
        "{ closing-date: { forms: [zero-padded], year-offset: [1, 1], error-outside: [0, 1] } }",
    ));
    let doc =
        |date: &str| format!("甲镇2023年工作报告\n2023年，我镇开展工作。\n甲镇人民政府\n{date}\n");
    assert_eq!(run(&e, &doc("2024年2月1日")), []);
    assert_eq!(run(&e, &doc("2023年12月1日"))[0].1, Severity::Warning);
    assert_eq!(run(&e, &doc("2022年12月1日"))[0].1, Severity::Error);
    let padded = run(&e, &doc("2024年02月01日"));
    assert_eq!(padded.len(), 1);
    assert!(padded[0].0.contains("应写作“2024年2月1日”"), "{padded:?}");
}

#[test]
fn deadline_rows_by_year_and_unit() {
    let e = engine(&rule(
        "dl",
        "{ deadline: { date: written, deadlines: [ { until-year: 2018, by: 03-31, what: 第一季度 }, { units: [department], by: 02-01, what: 部门 }, { by: 03-01, what: 其他 } ] } }",
    ));
    let doc = |unit: &str, year: i32, date: &str| {
        format!("{unit}{year}年工作报告\n{year}年，开展工作。\n{unit}\n{date}\n")
    };
    assert_eq!(run(&e, &doc("甲镇", 2018, "2019年3月20日")), []);
    assert_eq!(run(&e, &doc("甲镇", 2023, "2024年2月20日")), []);
    assert_eq!(run(&e, &doc("甲镇", 2023, "2024年3月20日")).len(), 1);
    let late = run(&e, &doc("甲区司法局", 2023, "2024年2月20日"));
    assert_eq!(late.len(), 1);
    assert!(late[0].0.contains("报告主体：政府部门"), "{late:?}");
}

#[test]
fn subject_compares_title_closing_and_self_references() {
    let with = engine(&rule("s", "{ subject: { self-refs: true } }"));
    let without = engine(&rule("s", "{ subject: { self-refs: false } }"));
    let doc =
        "甲镇2023年工作报告\n2023年，我局开展工作，我镇开展工作。\n甲镇人民政府\n2024年2月1日\n";
    assert_eq!(run(&with, doc)[0].2, "我局");
    assert_eq!(run(&without, doc), []);
    let mismatch = "甲镇2023年工作报告\n2023年，我镇开展工作。\n甲区司法局\n2024年2月1日\n";
    assert_eq!(run(&without, mismatch)[0].2, "甲区司法局");
}

#[test]
fn forbid_fix_and_require_in_a_region() {
    let e = engine(&format!(
        "{}{}",
        rule(
            "f",
            "{ forbid: { what: 错词, patterns: [ { match: '(?:^|[^示])(?P<hit>范文)' }, { match: '公式(平台)', fix: '公示$1' } ] } }"
        ),
        rule(
            "q",
            "{ require: { in: headings, match: '安排', what: 安排部分 } }"
        ),
    ));
    let found = run(
        &e,
        "2023年工作报告\n一、工作\n编写示范文本和范文，登录公式平台。\n",
    );
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("问题：各级标题中未见安排部分", "一、工作"),
            ("问题：发现错词“范文”", "范文"),
            ("问题：“公式平台”应为“公示平台”（错词）", "公式平台"),
        ]
    );
}

/// A stuck key or a pasted fill (`中` 12,000 times) is one finding, not thousands.
#[test]
fn doubled_char_reports_a_long_run_once() {
    let e = engine(&rule("d", "{ doubled-char: { words: true } }"));
    let text = format!(
        "2023年工作总结\n全年办理案件12件。{}。经济特特区。\n",
        "中".repeat(12_000)
    );
    let found = run(&e, &text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].0.contains("连续出现 12000 次"), "{found:?}");
    assert_eq!(found[1].2, "特特");
}

/// A `table` rule on a pack's own table, from a text copy: identities per column and per
/// row (a family of rows `B.*`), each finding on the cell with the figures it read.
#[test]
fn table_identities_on_a_small_table() {
    let yaml = r#"
id: t
title: 测试
version: '1'
tables:
  - id: stock
    name: 库存表
    find: '^期初$'
    formats:
      - id: one
        name: 唯一格式
        columns:
          - { id: 甲, label: '^甲$' }
          - { id: 乙, label: '^乙$' }
          - { id: 合计, label: '^合计$' }
        rows:
          - { id: A, name: 期初, label: '期初' }
          - { id: B.1, name: 入库, label: '入库' }
          - { id: B.2, name: 调入, label: '调入' }
          - { id: C, name: 期末, label: '期末' }
rules:
  - id: balance
    title: 期初加入库等于期末
    severity: error
    message: 库存不平衡
    check:
      table:
        table: stock
        identities:
          - { sum: [A, B.*], equals: [C], per: column }
          - { sum: [甲, 乙], equals: [合计], per: row }
    examples: { pass: ['x'], fail: ['y'] }
"#;
    let e = Engine::new(vec![
        Pack::from_yaml(yaml, "t.yaml").unwrap_or_else(|e| panic!("{e:?}")),
    ]);
    let good =
        "库存\n项目\t甲\t乙\t合计\n期初\t1\t2\t3\n入库\t1\t0\t1\n调入\t0\t1\t1\n期末\t2\t3\t5\n";
    assert_eq!(run(&e, good), []);
    let bad = good.replace("期末\t2\t3\t5", "期末\t2\t4\t5");
    let found = run(&e, &bad);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0]
            .0
            .contains("乙一列，A+B.1+B.2=2+0+1=3，C=4，相差 1"),
        "{found:?}"
    );
    assert_eq!(found[0].2, "4");
    assert!(
        found[1]
            .0
            .contains("“期末”一行，甲+乙=2+4=6，合计=5，相差 1"),
        "{found:?}"
    );
    assert_eq!(found[1].2, "5");
}

/// Mistakes in a `table` rule point into the YAML with a Chinese message.
#[test]
fn table_rule_mistakes_are_pack_errors() {
    let pack = |check: &str| {
        format!(
            "id: t\ntitle: 测试\nversion: '1'\ntables:\n  - id: stock\n    name: 库存表\n    find: 期初\n    formats:\n      - id: one\n        name: 格式\n        rows: [{{ id: A, label: 期初 }}]\n        columns: [{{ id: 甲, label: 甲 }}]\nrules:\n  - id: r\n    title: r\n    severity: error\n    message: m\n    check:\n      table: {check}\n    examples: {{ pass: ['x'], fail: ['y'] }}\n"
        )
    };
    let error = |check: &str| {
        let e = Pack::from_yaml(&pack(check), "t.yaml").expect_err("should be refused");
        (e.to_string(), format!("{:?}", miette::Report::new(*e)))
    };
    let (msg, _) = error("{ table: nope, filled: true }");
    assert!(msg.contains("没有表格 `nope`"), "{msg}");
    let (msg, _) =
        error("{ table: stock, identities: [{ sum: [A, Z], equals: [A], per: column }] }");
    assert!(msg.contains("找不到等式里的某个行"), "{msg}");
    let (msg, _) = error("{ table: stock, filled: true, layout: true }");
    assert!(msg.contains("只写一项"), "{msg}");
    let (msg, shown) = error("{ table: stock, prose: [{ match: '共(\\d+)件', column: 乙 }] }");
    assert!(msg.contains("没有这一格"), "{msg}");
    assert!(shown.contains("t.yaml"), "{shown}");
    Pack::from_yaml(&pack("{ table: stock, filled: true }"), "t.yaml").expect("valid");
}

/// A `forbid` fix is unsafe unless the pack says `safe`; `safety` needs a `fix`; the fix
/// replaces the reported span (the `hit` group), not the whole match.
#[test]
fn forbid_fixes_carry_their_safety() {
    let e = engine(&rule(
        "words",
        r#"{ forbid: { what: 词, patterns: [{ match: '布署', fix: '部署', safety: safe }, { match: '(?P<hit>公式)(?:[，。])', fix: '公示' }, { match: '小编' }] } }"#,
    ));
    let c = e.check(
        Document::from_text("t", Format::Txt, "完成布署。执法公式，小编。".to_owned()),
        None,
    );
    let fixes: Vec<_> = c
        .findings
        .iter()
        .map(|f| {
            f.fix.as_ref().map(|x| {
                (
                    x.span.slice(&c.document.text).to_owned(),
                    x.replacement.clone(),
                    x.safety,
                )
            })
        })
        .collect();
    assert_eq!(
        fixes,
        [
            Some(("布署".to_owned(), "部署".to_owned(), Safety::Safe)),
            Some(("公式".to_owned(), "公示".to_owned(), Safety::Unsafe)),
            None,
        ]
    );
    let yaml = format!(
        "id: t\ntitle: 测试\nversion: '1'\nrules:\n{}",
        rule(
            "words",
            "{ forbid: { what: 词, patterns: [{ match: '小编', safety: safe }] } }"
        )
    );
    let err = Pack::from_yaml(&yaml, "t.yaml").expect_err("safety without fix");
    assert!(err.to_string().contains("没有 fix"), "{err}");
}
