//! The five real reports: the verdicts a careful reviewer gives them, and snapshots of
//! the rendered human and JSON output.

mod common;

use reportlint::render::{human, json};
use reportlint::report::Status::{self, Missing, Present, Weak};
use reportlint::{Checked, Document};
use std::path::Path;

use common::{ENGINE, FIXTURES, element, status};

fn check(name: &str) -> Checked {
    let path = format!("fixtures/reports/{name}.txt");
    ENGINE.check(
        Document::open(Path::new(&path)).expect("fixture reads"),
        None,
    )
}

fn components(c: &Checked) -> Vec<(&str, Status)> {
    let e = element(c, "three-enforcement-systems");
    e.components
        .iter()
        .map(|p| (p.id.as_str(), p.status))
        .collect()
}

/// (element, statuses a careful reviewer accepts) per fixture, from the table.
#[test]
fn verdicts_match_a_careful_reviewer() {
    type Row = (&'static str, [(&'static str, &'static [Status]); 5]);
    let table: [Row; 5] = [
        (
            "xixiang-2020",
            [
                ("measures-and-results", &[Present]),
                ("shortcomings", &[Weak, Missing]),
                ("first-responsible-person", &[Missing]),
                ("next-year-plan", &[Present]),
                ("three-enforcement-systems", &[Present]),
            ],
        ),
        (
            "wuqing-2020",
            [
                ("measures-and-results", &[Present]),
                ("shortcomings", &[Present, Weak]),
                ("first-responsible-person", &[Present, Weak]),
                ("next-year-plan", &[Present]),
                ("three-enforcement-systems", &[Present]),
            ],
        ),
        (
            "baoan-fgj-2020",
            [
                ("measures-and-results", &[Present]),
                ("shortcomings", &[Weak]),
                ("first-responsible-person", &[Present, Weak]),
                ("next-year-plan", &[Present]),
                ("three-enforcement-systems", &[Present]),
            ],
        ),
        (
            "haian-2023",
            [
                ("measures-and-results", &[Present]),
                ("shortcomings", &[Present]),
                ("first-responsible-person", &[Present, Weak]),
                ("next-year-plan", &[Present]),
                ("three-enforcement-systems", &[Weak]),
            ],
        ),
        (
            "shengshan-2019",
            [
                ("measures-and-results", &[Present]),
                ("shortcomings", &[Present, Weak]),
                ("first-responsible-person", &[Missing]),
                ("next-year-plan", &[Missing]),
                ("three-enforcement-systems", &[Present]),
            ],
        ),
    ];
    for (name, row) in table {
        let c = check(name);
        for (id, accepted) in row {
            let got = status(&c, id);
            assert!(
                accepted.contains(&got),
                "{name} {id}: {got:?}, expected one of {accepted:?}"
            );
        }
    }
}

#[test]
fn enforcement_components_are_found_separately() {
    for name in [
        "xixiang-2020",
        "wuqing-2020",
        "baoan-fgj-2020",
        "shengshan-2019",
    ] {
        assert!(
            components(&check(name)).iter().all(|(_, s)| *s == Present),
            "{name}"
        );
    }
    let haian = check("haian-2023");
    assert_eq!(
        components(&haian),
        [
            ("enforcement-publicity", Missing),
            ("full-process-recording", Present),
            ("legal-review", Missing),
        ]
    );
}

#[test]
fn how_elements_were_found() {
    use reportlint::report::Located;
    let located = |c: &Checked, id: &str| element(c, id).located;
    // 胜山镇: the shortcomings open inline with "存在一些差距，主要表现在：".
    let shengshan = check("shengshan-2019");
    assert_eq!(located(&shengshan, "shortcomings"), Some(Located::Cue));
    assert_eq!(
        located(&shengshan, "measures-and-results"),
        Some(Located::Leading)
    );
    // 武清区: 第一责任人 is the first subsection of the measures, not the plan's item.
    let wuqing = check("wuqing-2020");
    let e3 = element(&wuqing, "first-responsible-person");
    let anchor = e3.anchor.unwrap().slice(&wuqing.document.text);
    assert_eq!(anchor, "(一)党政主要负责人履行推进法治建设第一责任人职责");
    // Each weak finding states the measured value and the threshold.
    let baoan = check("baoan-fgj-2020");
    let items = baoan
        .findings
        .iter()
        .find(|f| f.criterion.as_deref() == Some("items"))
        .unwrap();
    assert!(
        items.message.contains("1 条") && items.message.contains("至少 2 条"),
        "{}",
        items.message
    );
}

#[test]
fn report_years_and_outline_facts() {
    let years: Vec<i32> = FIXTURES
        .iter()
        .map(|n| check(n).year.unwrap().value)
        .collect();
    assert_eq!(years, [2020, 2020, 2020, 2023, 2019]);
    let haian = check("haian-2023");
    assert_eq!(
        haian.document.title().as_deref(),
        Some("海安市海安街道2023年法治政府建设情况报告")
    );
    assert_eq!(haian.document.outline.chrome.len(), 1);
    let xixiang = check("xixiang-2020");
    assert!(xixiang.document.outline.closing.is_some());
    let shengshan = check("shengshan-2019");
    assert_eq!(shengshan.document.outline.stray.len(), 1);
    assert!(shengshan.document.outline.sections.iter().any(|s| s.merged));
}

#[test]
fn snapshots_of_rendered_output() {
    for name in FIXTURES {
        let c = check(name);
        let mut out = Vec::new();
        let options = human::Options {
            color: false,
            width: 100,
        };
        human::render(&mut out, ENGINE.packs(), std::slice::from_ref(&c), options).unwrap();
        insta::assert_snapshot!(format!("{name}.human"), String::from_utf8(out).unwrap());
        let mut out = Vec::new();
        json::render(&mut out, ENGINE.packs(), std::slice::from_ref(&c)).unwrap();
        insta::assert_snapshot!(format!("{name}.json"), String::from_utf8(out).unwrap());
    }
}
