//! Realistic variants of the real reports: what a drafting office or a web page does to
//! a report (a section deleted or moved, 第一责任人 reduced to one sentence, punctuation
//! converted, the file saved as GBK, CRLF or Markdown, site chrome pasted in), and the
//! verdicts a careful reviewer would give.

mod common;

use reportlint::report::Status::{self, Missing, Present, Weak};
use reportlint::{Checked, Document, Format};

use common::{ENGINE, FIXTURES, element, status};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("fixtures/reports/{name}.txt")).unwrap()
}

fn check_text(text: &str, format: Format) -> Checked {
    ENGINE.check(Document::from_text("变体", format, text.to_owned()), None)
}

fn check_bytes(bytes: &[u8]) -> Checked {
    ENGINE.check(
        Document::from_bytes("变体", Format::Txt, bytes).unwrap(),
        None,
    )
}

fn statuses(c: &Checked) -> Vec<(String, Status)> {
    c.elements
        .iter()
        .map(|e| (e.id.clone(), e.status))
        .collect()
}

/// Remove the section whose heading line starts with `heading`, up to the next line
/// starting with `next`.
fn delete_section(text: &str, heading: &str, next: &str) -> String {
    let start = text.find(heading).unwrap_or_else(|| panic!("{heading}"));
    let end = start + text[start..].find(next).unwrap_or_else(|| panic!("{next}"));
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn deleting_a_section_makes_it_missing() {
    let baoan = fixture("baoan-fgj-2020");
    let c = check_text(
        &delete_section(&baoan, "三、党政主要负责人", "四、2021年度"),
        Format::Txt,
    );
    assert_eq!(status(&c, "first-responsible-person"), Missing);

    let haian = fixture("haian-2023");
    let start = haian.find("四、2024年推进").unwrap();
    let c = check_text(&haian[..start], Format::Txt);
    assert_eq!(status(&c, "next-year-plan"), Missing);
    assert_eq!(status(&c, "shortcomings"), Present);

    // Without its heading and body, only the plan's "仍然存在差距" remains: not a real section.
    let c = check_text(
        &delete_section(&baoan, "二、存在的不足和原因", "三、党政主要负责人"),
        Format::Txt,
    );
    assert!(matches!(status(&c, "shortcomings"), Weak | Missing));
}

#[test]
fn first_responsible_person_as_a_subsection() {
    let haian = fixture("haian-2023");
    let moved = haian.replacen(
        "二、主要负责人履行推进法治建设第一责任人职责情况",
        "(七)主要负责人履行推进法治建设第一责任人职责情况",
        1,
    );
    let c = check_text(&moved, Format::Txt);
    assert!(matches!(
        status(&c, "first-responsible-person"),
        Present | Weak
    ));
    assert_eq!(status(&c, "measures-and-results"), Present);
    let e3 = element(&c, "first-responsible-person");
    assert!(
        e3.anchor
            .unwrap()
            .slice(&c.document.text)
            .starts_with("(七)")
    );
}

/// 西乡街道 (no 第一责任人 part) with `sentence` added to its (二) subsection.
fn xixiang_with(sentence: &str) -> Checked {
    let edited = fixture("xixiang-2020").replacen(
        "(二)统筹部署工作。",
        &format!("(二)统筹部署工作。{sentence}"),
        1,
    );
    check_text(&edited, Format::Txt)
}

#[test]
fn first_responsible_person_as_one_inline_sentence() {
    let e3 = "first-responsible-person";
    let sentence = "街道党工委书记切实履行推进法治建设第一责任人职责，主持召开专题会议研究法治政府建设3次，带头述法。";
    let c = xixiang_with(sentence);
    assert_eq!(status(&c, e3), Present);
    assert_eq!(
        element(&c, e3).span.unwrap().slice(&c.document.text),
        sentence
    );

    // A sentence that only names the duty is found, but weak: no acts, no numbers.
    let vague = xixiang_with("街道切实履行推进法治建设第一责任人职责。");
    assert_eq!(status(&vague, e3), Weak);

    // Saying the regulation was implemented is the element found, and weak: only the
    // regulation is cited, not what the leaders did.
    let cited = xixiang_with("严格落实《党政主要负责人履行推进法治建设第一责任人职责规定》。");
    assert_eq!(status(&cited, e3), Weak);
}

#[test]
fn full_width_punctuation_gives_the_same_verdicts() {
    for name in FIXTURES {
        let text = fixture(name);
        let full: String = text
            .chars()
            .map(|c| match c {
                ',' => '，',
                '(' => '（',
                ')' => '）',
                ':' => '：',
                ';' => '；',
                '!' => '！',
                '?' => '？',
                c => c,
            })
            .collect();
        assert_ne!(full, text, "{name}: nothing converted");
        let a = check_text(&text, Format::Txt);
        let b = check_text(&full, Format::Txt);
        assert_eq!(statuses(&a), statuses(&b), "{name}");
        assert_eq!(a.findings.len(), b.findings.len(), "{name}");
    }
}

#[test]
fn encodings_and_line_ends_give_the_same_verdicts() {
    for name in FIXTURES {
        let text = fixture(name);
        let base = statuses(&check_text(&text, Format::Txt));
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let gbk = check_bytes(&gbk);
        assert_eq!(gbk.document.encoding, "gbk", "{name}");
        assert_eq!(statuses(&gbk), base, "{name} gbk");
        let crlf = check_bytes(text.replace('\n', "\r\n").as_bytes());
        assert_eq!(statuses(&crlf), base, "{name} crlf");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(statuses(&check_bytes(&bom)), base, "{name} bom");
    }
}

#[test]
fn markdown_version_gives_the_same_verdicts() {
    for name in FIXTURES {
        let text = fixture(name);
        let md: String = text
            .lines()
            .map(|line| {
                let t = line.trim_start();
                let level = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
                    .iter()
                    .any(|n| t.starts_with(&format!("{n}、")));
                if level {
                    format!("## {t}\n\n")
                } else {
                    format!("{line}\n\n")
                }
            })
            .collect();
        let a = check_text(&text, Format::Txt);
        let b = check_text(&md, Format::Markdown);
        assert_eq!(statuses(&a), statuses(&b), "{name}");
    }
}

#[test]
fn pasted_site_chrome_changes_nothing() {
    let text = fixture("xixiang-2020");
    let page = format!(
        "您当前所在位置：首页>政务公开>法治政府建设年度报告\n西乡街道2020年法治政府建设情况报告\n来源：西乡街道办 发布时间：2021-01-15 09:30 浏览次数：1203\n【字体：大 中 小】【打印】\n{text}\n打印本页 关闭窗口\n粤ICP备12345678号\n"
    );
    let a = check_text(&text, Format::Txt);
    let b = check_text(&page, Format::Txt);
    assert_eq!(statuses(&a), statuses(&b));
    let o = &b.document.outline;
    assert_eq!(
        b.document.title().as_deref(),
        Some("西乡街道2020年法治政府建设情况报告")
    );
    assert_eq!(o.chrome.len(), 5);
    assert_eq!(o.meta_dates.len(), 1);
    assert!(o.closing.is_some(), "落款 still found before the footer");
}

#[test]
fn a_plan_for_the_wrong_year_is_weak() {
    let haian = fixture("haian-2023");
    let stale = haian
        .replace(
            "四、2024年推进法治政府建设的主要安排",
            "四、2023年推进法治政府建设的主要安排",
        )
        .replace("2024年,海安街道将", "海安街道将");
    let c = check_text(&stale, Format::Txt);
    assert_eq!(status(&c, "next-year-plan"), Weak);
    assert!(
        c.findings
            .iter()
            .any(|f| f.criterion.as_deref() == Some("year") && f.message.contains("2024"))
    );
}

#[test]
fn a_vague_shortcomings_section_with_causes_added_becomes_present() {
    let wuqing = fixture("wuqing-2020");
    let c = check_text(&wuqing, Format::Txt);
    assert_eq!(status(&c, "shortcomings"), Weak);
    let fixed = wuqing.replacen(
        "宣传实效有待进一步提升。",
        "宣传实效有待进一步提升。究其原因,主要是部分单位对法治政府建设重视不够,专业人才配备不足。",
        1,
    );
    assert_eq!(
        status(&check_text(&fixed, Format::Txt), "shortcomings"),
        Present
    );
}

#[test]
fn statuses_cover_every_element_in_pack_order() {
    let c = check_text(&fixture("haian-2023"), Format::Txt);
    let ids: Vec<String> = statuses(&c).into_iter().map(|(id, _)| id).collect();
    let pack: Vec<String> = ENGINE.packs()[0]
        .rules
        .iter()
        .filter(|r| r.check.is_element())
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids, pack);
}
