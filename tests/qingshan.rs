//! A careful 街道 report (`fixtures/examples/qingshan-2024.txt`) gives no finding, and
//! each single edit a reviewer would catch gives exactly its own finding and no other;
//! edits that keep the report correct (full-width digits, a short plan heading, a 版记)
//! give none.

mod common;

use reportlint::{Checked, Document, Format, Severity};

use common::ENGINE;

const REPORT: &str = include_str!("../fixtures/examples/qingshan-2024.txt");

fn check(text: &str) -> Checked {
    ENGINE.check(
        Document::from_text("qingshan.txt", Format::Txt, text.to_owned()),
        None,
    )
}

/// The report with `from` replaced by `to` (which must occur).
fn edit(from: &str, to: &str) -> String {
    assert!(REPORT.contains(from), "{from}");
    REPORT.replacen(from, to, 1)
}

/// Rule ids and severities of the findings, in order.
fn findings(c: &Checked) -> Vec<(String, Severity)> {
    c.findings
        .iter()
        .map(|f| (f.rule.clone(), f.severity))
        .collect()
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            c => c,
        })
        .collect()
}

#[test]
fn the_careful_report_gives_no_finding() {
    let c = check(REPORT);
    assert_eq!(findings(&c), []);
    assert!(
        c.elements
            .iter()
            .all(|e| e.status == reportlint::Status::Present)
    );
}

#[test]
fn each_mistake_gives_exactly_its_finding() {
    use Severity::*;
    let cases: Vec<(&str, String, &str, Severity, &str)> = vec![
        (
            "二十届四中全会 in a 2024 report",
            edit("二十届二中、三中全会", "二十届二中、三中、四中全会"),
            "fzzfjs/anachronism",
            Error,
            "“二十届四中全会”始于2025年10月20日",
        ),
        (
            "“七五”普法 in a 2024 report: the message pairs its quotes",
            edit("落实“八五”普法规划", "落实“七五”普法规划"),
            "fzzfjs/dated-reference",
            Warning,
            "“‘七五’普法”",
        ),
        (
            "我镇 in a 街道 report",
            edit("审查合同42份", "我镇审查合同42份"),
            "fzzfjs/subject-consistency",
            Warning,
            "正文却以“我镇”自称",
        ),
        (
            "区政府法制办 after 2018",
            edit("配合区司法局", "配合区政府法制办"),
            "fzzfjs/dated-reference",
            Warning,
            "“政府法制办”只适用到2018年度",
        ),
        (
            "法治法治",
            edit(
                "扎实推进法治政府建设各项工作",
                "扎实推进法治法治政府建设各项工作",
            ),
            "fzzfjs/doubled-char",
            Warning,
            "“法治”连续出现两次",
        ),
        (
            "合同合同",
            edit("审查合同42份", "审查合同合同42份"),
            "fzzfjs/doubled-char",
            Warning,
            "“合同”连续出现两次",
        ),
        (
            "XX份",
            edit("审查合同42份", "审查合同XX份"),
            "fzzfjs/placeholder",
            Error,
            "“XX份”",
        ),
        (
            "出庭应诉率150%",
            edit("出庭应诉率100%", "出庭应诉率150%"),
            "fzzfjs/rate-arithmetic",
            Error,
            "出庭应诉率写作 150%，超过 100%",
        ),
        (
            "公式执法主体",
            edit("公示执法主体", "公式执法主体"),
            "fzzfjs/confusable-words",
            Warning,
            "“公式执法”应为“公示执法”",
        ),
        (
            "2025.1.20",
            edit("2025年1月20日", "2025.1.20"),
            "fzzfjs/closing-date-format",
            Warning,
            "应写作“2025年1月20日”",
        ),
        (
            "dated in December of the report year",
            edit("2025年1月20日", "2024年12月14日"),
            "fzzfjs/closing-date-year",
            Info,
            "成文日期为2024年12月14日",
        ),
    ];
    for (what, text, rule, severity, words) in cases {
        let c = check(&text);
        assert_eq!(findings(&c), [(rule.to_owned(), severity)], "{what}");
        assert!(
            c.findings[0].message.contains(words),
            "{what}: {}",
            c.findings[0].message
        );
        assert!(c.findings[0].span.is_some(), "{what}: points at the text");
    }
}

#[test]
fn correct_variants_give_no_finding() {
    let cases = [
        ("full-width digits throughout", full_width(REPORT)),
        (
            "a short plan heading",
            edit("四、2025年推进法治政府建设的主要安排", "四、主要安排"),
        ),
        (
            "下步打算",
            edit("四、2025年推进法治政府建设的主要安排", "四、下步打算"),
        ),
        (
            "a 版记 after the 落款",
            format!(
                "{}\n——————————————\n抄送：区委依法治区办，区司法局。\n青山街道党政办公室　　2025年1月20日印发\n——————————————\n",
                REPORT.trim_end()
            ),
        ),
        (
            "a rate inside a 其中 sentence",
            edit(
                "受理各类事项12460件，办结12398件",
                "受理各类事项12460件，其中网上办理11000件，网上办理率88.3%，办结12398件",
            ),
        ),
        (
            "reduplicated verbs",
            edit(
                "主持召开党工委会议专题研究",
                "主持召开党工委会议专题研究研究",
            ),
        ),
    ];
    for (what, text) in cases {
        let c = check(&text);
        assert_eq!(findings(&c), [], "{what}");
        assert!(
            c.elements
                .iter()
                .all(|e| e.status == reportlint::Status::Present),
            "{what}"
        );
    }
    // Full-width digits still give the year, the date and the figures.
    let c = check(&full_width(REPORT));
    assert_eq!(c.year.map(|y| y.value), Some(2024));
    let closing = c.document.outline.closing.as_ref().unwrap();
    assert_eq!(closing.written.unwrap().0.year, 2025);
}

/// The 第一责任人 part written in other words, a citation only, and an unfilled plan.
#[test]
fn real_phrasing_gives_the_verdicts_reviewers_give() {
    use reportlint::Status::*;
    let h3 = "三、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况\n";
    let start = REPORT.find(h3).unwrap();
    let end = REPORT.find("四、2025年").unwrap();
    let part3 = &REPORT[start..end];
    // The heading no longer names the element; the sentence must.
    let with = |sentence: &str| {
        let body = part3.replacen(h3, "三、加强组织领导情况\n", 1).replacen(
            "街道党工委书记、办事处主任认真履行推进法治建设第一责任人职责",
            sentence,
            1,
        );
        REPORT.replacen(part3, &body, 1)
    };
    let cases = [
        ("街道党工委书记认真履行推进法治建设第一责任职责", Present),
        (
            "街道党工委书记、办事处主任切实履行法治建设第一责任",
            Present,
        ),
        ("街道主要负责人切实履行推进法治建设职责", Present),
    ];
    for (sentence, want) in cases {
        let c = check(&with(sentence));
        assert_eq!(
            common::status(&c, "first-responsible-person"),
            want,
            "{sentence}"
        );
    }
    // Only the regulation cited as implemented: found, weak, with its own message.
    let cited = REPORT.replacen(
        part3,
        "三、加强组织领导情况\n街道认真落实《党政主要负责人履行推进法治建设第一责任人职责规定》，法治建设各项工作有序推进。\n\n",
        1,
    );
    let c = check(&cited);
    assert_eq!(common::status(&c, "first-responsible-person"), Weak);
    let f = c
        .findings
        .iter()
        .find(|f| f.rule == "fzzfjs/first-responsible-person")
        .unwrap();
    assert!(f.message.contains("只引用了"), "{}", f.message);
    // A list of documents studied is not the element.
    let studied = REPORT.replacen(
        part3,
        "三、加强组织领导情况\n党工委中心组学习《中华人民共和国行政处罚法》《党政主要负责人履行推进法治建设第一责任人职责规定》。\n\n",
        1,
    );
    assert_eq!(
        common::status(&check(&studied), "first-responsible-person"),
        Missing
    );
    // 公示 described by what is published.
    let publicity = edit(
        "严格落实行政执法公示制度，通过区政府门户网站公示执法主体",
        "通过区政府门户网站公示执法主体",
    );
    let c = check(&publicity);
    let three = common::element(&c, "three-enforcement-systems");
    assert!(three.components.iter().all(|p| p.status == Present));
    // An unfilled plan is missing, not present.
    let plan_start = REPORT
        .find("四、2025年推进法治政府建设的主要安排\n")
        .unwrap();
    let plan_body_start = plan_start + "四、2025年推进法治政府建设的主要安排\n".len();
    let plan_end = REPORT.find("五、其他").unwrap();
    let unfilled = format!(
        "{}【请填写：下一年度的主要安排】\n\n{}",
        &REPORT[..plan_body_start],
        &REPORT[plan_end..]
    );
    assert_eq!(common::status(&check(&unfilled), "next-year-plan"), Missing);
}

/// A page pasted as one paragraph: the headings inside the long line are split out, every
/// element is found, and the lost line breaks are one finding, not one per heading.
#[test]
fn a_report_that_lost_its_line_breaks() {
    let one_line = REPORT.replace('\n', " ");
    let c = check(&one_line);
    assert!(
        c.elements
            .iter()
            .all(|e| e.status == reportlint::Status::Present),
        "{:?}",
        c.elements
    );
    let levels: Vec<u8> = c
        .document
        .outline
        .sections
        .iter()
        .map(|s| s.level)
        .collect();
    assert_eq!(levels, [1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1]);
    let merged: Vec<&str> = c
        .findings
        .iter()
        .filter(|f| f.rule == "fzzfjs/merged-heading")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(merged.len(), 1, "{merged:?}");
    assert!(merged[0].contains("共 11 个标题"), "{}", merged[0]);
    // The title, the addressee and the 落款 are read off the ends of the one line: the
    // lost breaks are the only finding.
    let outline = &c.document.outline;
    let title = outline.title.as_ref().expect("title");
    assert_eq!(
        title.span.slice(&c.document.text),
        "青山街道2024年法治政府建设情况报告"
    );
    assert_eq!(
        outline.addressee.map(|a| a.slice(&c.document.text)),
        Some("区委依法治区办：")
    );
    let closing = outline.closing.as_ref().expect("落款");
    assert_eq!(
        closing.date.map(|d| d.slice(&c.document.text)),
        Some("2025年1月20日")
    );
    assert_eq!(
        closing.issuer.map(|d| d.slice(&c.document.text)),
        Some("青山街道办事处")
    );
    assert_eq!(
        findings(&c),
        [("fzzfjs/merged-heading".to_owned(), Severity::Warning)]
    );
}

/// The report republished in traditional script (as copy sites do) reads as the original:
/// matching runs on a simplified copy, and spans point at the traditional text.
#[test]
fn traditional_script_reads_as_simplified() {
    let traditional = include_str!("../fixtures/examples/qingshan-2024-traditional.txt");
    assert!(traditional.contains("第一責任人職責"));
    let c = check(traditional);
    assert_eq!(findings(&c), []);
    assert!(
        c.elements
            .iter()
            .all(|e| e.status == reportlint::Status::Present)
    );
    let e = common::element(&c, "first-responsible-person");
    assert!(e.span.unwrap().slice(&c.document.text).contains("責任"));
    // A mistake in traditional script is still caught, and quoted where it stands.
    let c = check(&traditional.replacen("二十屆二中、三中全會", "二十屆二中、三中、四中全會", 1));
    assert_eq!(
        findings(&c),
        [("fzzfjs/anachronism".to_owned(), Severity::Error)]
    );
    let span = c.findings[0].span.unwrap();
    assert_eq!(span.slice(&c.document.text), "四中");
}

/// A preamble that only lists the report's parts locates none of them, and a slogan
/// about the future is not a plan.
#[test]
fn lists_of_parts_and_slogans_are_not_the_parts() {
    let a = REPORT
        .find("二、2024年推进法治政府建设存在的不足和原因")
        .unwrap();
    let b = REPORT.find("三、党政主要负责人").unwrap();
    let c = REPORT.find("四、2025年").unwrap();
    let d = REPORT.find("五、其他").unwrap();
    let without = format!("{}{}{}", &REPORT[..a], &REPORT[b..c], &REPORT[d..]);
    let listed = without.replacen(
        "现将有关情况报告如下。",
        "本报告包括主要举措和成效、存在的差距和不足及2025年工作安排等部分，现将有关情况报告如下。",
        1,
    );
    let c1 = check(&listed);
    assert_eq!(
        common::status(&c1, "shortcomings"),
        reportlint::Status::Missing
    );
    assert_eq!(
        common::status(&c1, "next-year-plan"),
        reportlint::Status::Missing
    );
    let slogan = without.replacen(
        "扎实推进法治政府建设各项工作。",
        "扎实推进法治政府建设各项工作，法治政府建设是今后一个时期的首要政治任务。",
        1,
    );
    assert_eq!(
        common::status(&check(&slogan), "next-year-plan"),
        reportlint::Status::Missing
    );
}

/// One heading naming two elements (`一、主要举措、成效和不足`) locates both.
#[test]
fn one_heading_for_two_elements() {
    let h2 = "二、2024年推进法治政府建设存在的不足和原因\n";
    let a = REPORT.find(h2).unwrap();
    let b = REPORT.find("三、党政主要负责人").unwrap();
    let body = REPORT[a + h2.len()..b].trim();
    let joined = format!("{}{body}\n\n{}", &REPORT[..a], &REPORT[b..])
        .replacen(
            "一、2024年推进法治政府建设的主要举措和成效",
            "一、主要举措、成效和不足",
            1,
        )
        .replacen("三、党政主要", "二、党政主要", 1)
        .replacen("四、2025年", "三、2025年", 1)
        .replacen("五、其他", "四、其他", 1);
    let c = check(&joined);
    assert_eq!(
        common::status(&c, "measures-and-results"),
        reportlint::Status::Present
    );
    assert_eq!(
        common::status(&c, "shortcomings"),
        reportlint::Status::Present
    );
    let heading = |id: &str| common::element(&c, id).anchor.unwrap().start;
    assert_eq!(heading("measures-and-results"), heading("shortcomings"));
}

/// A report that opens with the 第一责任人 part and writes the year's measures as its
/// subsections: the subsections are the measures (judged by their criteria), not missing.
#[test]
fn measures_under_an_opening_duty_section() {
    let lines: Vec<&str> = REPORT.lines().collect();
    let at = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix)).unwrap();
    let (measures, shortcomings, duty, plan) = (at("一、"), at("二、"), at("三、"), at("四、"));
    let mut text: Vec<String> = lines[..measures].iter().map(|l| l.to_string()).collect();
    text.push(lines[duty].replacen("三、", "一、", 1));
    text.extend(lines[duty + 1..plan].iter().map(|l| l.to_string()));
    text.extend(
        lines[measures + 1..shortcomings]
            .iter()
            .map(|l| l.to_string()),
    );
    text.extend(lines[shortcomings..duty].iter().map(|l| l.to_string()));
    text.extend(
        lines[plan..]
            .iter()
            .map(|l| l.replacen("四、", "三、", 1).replacen("五、", "四、", 1)),
    );
    let text = text.join("\n") + "\n";
    let c = check(&text);
    let measures = common::element(&c, "measures-and-results");
    assert_eq!(measures.status, reportlint::Status::Present, "{measures:?}");
    let span = measures.span.expect("span");
    assert!(
        span.slice(&c.document.text)
            .starts_with("（一）依法全面履行政府职能"),
        "{}",
        span.slice(&c.document.text)
    );
    assert_eq!(findings(&c), []);

    // Without the subsections the measures are missing, as they are.
    let bare: String = text
        .lines()
        .filter(|l| !l.starts_with('（'))
        .map(|l| format!("{l}\n"))
        .collect();
    let c = check(&bare);
    assert_eq!(
        common::element(&c, "measures-and-results").status,
        reportlint::Status::Missing
    );
}
