//! Bad or odd input never panics: every prefix and suffix of the real reports (cut at
//! character boundaries), and hostile scraps of text, are checked without a panic.

mod common;

use common::{ENGINE, FIXTURES};
use reportlint::{Document, Format};

fn check_all(text: &str) {
    for format in [Format::Txt, Format::Markdown] {
        let c = ENGINE.check(Document::from_text("片段", format, text.to_owned()), None);
        for f in &c.findings {
            if let Some(span) = f.span {
                assert!(c.document.text.is_char_boundary(span.start), "{text:?}");
                assert!(c.document.text.is_char_boundary(span.end), "{text:?}");
            }
        }
    }
}

#[test]
fn every_cut_of_the_real_reports() {
    for name in FIXTURES {
        let text = std::fs::read_to_string(format!("fixtures/reports/{name}.txt")).unwrap();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(37).collect();
        for &at in &cuts {
            check_all(&text[..at]);
            check_all(&text[at..]);
        }
    }
}

#[test]
fn hostile_scraps() {
    let scraps = [
        "",
        "\n",
        "一、",
        "（一",
        "(一)",
        "1.",
        "①",
        "一是",
        "《",
        "》",
        "《《《",
        "年",
        "2020年",
        "：",
        "。。。",
        "一、：",
        "（一）。",
        "1.。",
        "二〇二〇年一月一日",
        "2020年13月45日",
        "来源：",
        "| \n|",
        "# \n## 一、",
        "**",
        "****",
        "一、二、三、",
        "十九、二十、",
        "\u{3000}\u{3000}一、标题\u{3000}",
        "一是。二是；三是，",
        "但是存在差距，主要表现在：",
        "但是存在差距，主要表现在：\n（一）",
        "下一步，将",
        "第一责任人",
        "《第一责任人》",
        "x\u{0301}一、é",
        "\u{feff}一、标题",
        "一、\r\n（一）\r二、",
    ];
    for s in scraps {
        check_all(s);
    }
    let long_line = "一、".to_owned() + &"法治".repeat(20_000);
    check_all(&long_line);
    let many_headings: String = (1..200).map(|i| format!("{i}.标题{i}。内容。\n")).collect();
    check_all(&many_headings);
}
