//! Heading wording seen in real reports (domain brief §6) is recognised: a report that
//! has the element under any of these headings must never be told it is missing.

mod common;

use common::{ENGINE, element};
use reportlint::report::Status;
use reportlint::{Document, Format};

const FILLER: &str =
    "我单位制定《规范性文件管理办法》，办理行政许可3120件，开展执法检查358次，公示执法信息1360条。";

/// Status of `id` in a small report where `heading` opens the section under test.
fn status_under(heading: &str, id: &str) -> Status {
    let text = format!(
        "2023年，某区扎实推进法治政府建设。\n一、主要举措和成效\n{FILLER}\n{heading}\n一是问题甲；二是问题乙。原因是重视不够。区长主持召开会议3次。\n"
    );
    let c = ENGINE.check(Document::from_text("标题", Format::Txt, text), None);
    element(&c, id).status
}

/// Every heading in `headings` gets element `id` found; all misses are listed at once.
fn assert_found(id: &str, headings: &[&str]) {
    let missed: Vec<&str> = headings
        .iter()
        .copied()
        .filter(|h| status_under(h, id) == Status::Missing)
        .collect();
    assert!(missed.is_empty(), "{id} not found under: {missed:?}");
}

#[test]
fn shortcomings_headings() {
    assert_found(
        "shortcomings",
        &[
            "二、存在的不足和原因",
            "二、存在的问题",
            "二、存在不足",
            "二、存在的问题及原因",
            "二、存在的主要问题",
            "二、问题与不足",
            "二、存在的短板和不足",
            "二、差距和不足",
            "二、存在的困难和问题",
            "二、工作中存在的不足",
            "二、存在的短板弱项",
            "二、存在问题",
        ],
    );
}

#[test]
fn plan_headings() {
    assert_found(
        "next-year-plan",
        &[
            "二、2024年推进法治政府建设的主要安排",
            "二、下一年度推进法治政府建设的主要安排",
            "二、下一步工作打算",
            "二、下步打算",
            "二、下一步工作安排",
            "二、2024年工作计划",
            "二、2024年工作思路",
            "二、2024年工作打算",
            "二、今后工作打算",
            "二、下一步工作重点",
            "二、2024年重点工作",
            "二、下一步工作措施",
        ],
    );
}

#[test]
fn first_responsible_person_headings() {
    assert_found(
        "first-responsible-person",
        &[
            "二、区政府主要负责同志履行推进法治建设第一责任人职责情况",
            "二、2023年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
            "（一）切实履行党政主要负责人推进法治建设第一责任人职责",
            "（一）党政主要负责人严格履行推进法治建设第一责任人职责",
            "（一）履行法治第一责任人职责，推进法治政府建设",
            "（一）坚持落实主要负责人法治建设工作第一责任人责任",
            "（三）履行推进法治建设第一责任人职责制度",
            "2.落实第一责任人职责。",
            "2.压实第一责任人职责。",
            "二是扛牢法治建设第一责任人职责。",
        ],
    );
}

#[test]
fn measures_headings() {
    for h in [
        "一、2020年推进法治政府建设的主要举措和成效",
        "一、2021年度推进法治政府建设的主要举措和成效",
        "一、推进法治建设的主要举措和突出成效",
        "一、主要工作举措及成效",
        "一、 主要工作开展情况",
        "一、2025年推进法治政府建设总体情况",
        "一、推进法治政府建设情况",
        "一、2022年法治政府建设工作情况",
        "一、工作完成情况",
        "一、2020年度主要工作成效",
        "一、2022年度法治政府建设成效显著：",
        "一、坚持党的领导，坚决扛牢法治政府建设政治责任",
        "一、依法全面履行政府职能。",
    ] {
        let text = format!(
            "2023年，某区扎实推进法治政府建设。\n{h}\n{FILLER}{FILLER}{FILLER}{FILLER}\n二、存在的不足和原因\n一是甲；二是乙。\n"
        );
        let c = ENGINE.check(Document::from_text("标题", Format::Txt, text), None);
        let e1 = element(&c, "measures-and-results");
        assert_ne!(e1.status, Status::Missing, "{h}");
        assert!(
            e1.anchor
                .unwrap()
                .slice(&c.document.text)
                .starts_with(h.trim_end_matches(['：', '。'])),
            "{h}"
        );
    }
}
