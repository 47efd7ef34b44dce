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

/// Every cut of the corpus's text forms (two-line titles, 版头, 附注, 附件, 版记,
/// full-width digits), and the outline with table regions and hints over every cut.
#[test]
fn every_cut_of_the_corpus_texts() {
    use reportlint::outline::{Hint, Layout, Outline};
    use reportlint::span::Span;
    for entry in std::fs::read_dir("fixtures/corpus").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(53).collect();
        for &at in &cuts {
            check_all(&text[..at]);
            check_all(&text[at..]);
        }
        // Table regions and hints at arbitrary (char-boundary) places.
        for &at in cuts.iter().step_by(3) {
            let end = cuts
                .iter()
                .copied()
                .find(|&c| c > at + 40)
                .unwrap_or(text.len());
            let tables = [Span::new(at, end)];
            let hints = [
                (0, Hint::Display),
                (at, Hint::List),
                (end, Hint::Heading(2)),
            ];
            let layout = Layout {
                tables: &tables,
                hints: &hints,
                no_chrome: at % 2 == 0,
                ..Layout::default()
            };
            let o = Outline::parse_with(&text, &layout);
            for s in o
                .sections
                .iter()
                .map(|s| s.heading)
                .chain(o.parts.iter().map(|p| p.span))
            {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
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
        "附件1",
        "附件1\n",
        "附件\n附件\n附件",
        "签发：\n附件1：\n〔2025〕号",
        "青山街道\n报告",
        "中共\n\n关于的报告",
        "（联系人：）\n抄送：\n印发",
        "青山街道办事处\n2025.1.20\n（）\n附件\n抄送：。\n————",
        "2025.13.45",
        "２０２５年１月２０日",
        "１．\n２．\n１）",
        "存在以下不足：\n1）；\n2）。\n3）",
        "：\n1.\n2.",
        "扫一扫\n无障碍\n字体：[大 中 小]",
        "———\n抄送：\n———\n———",
    ];
    for s in scraps {
        check_all(s);
    }
    let long_line = "一、".to_owned() + &"法治".repeat(20_000);
    check_all(&long_line);
    let many_headings: String = (1..200).map(|i| format!("{i}.标题{i}。内容。\n")).collect();
    check_all(&many_headings);
}

/// Every cut of the corpus's Word documents and pages (tables with merged cells, text
/// boxes, form fields, 版记) reads or fails with an error, never a panic; where it
/// reads, every table cell's span lies on character boundaries of the text.
#[test]
fn every_cut_of_the_corpus_documents() {
    for entry in std::fs::read_dir("fixtures/corpus").unwrap() {
        let path = entry.unwrap().path();
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("docx") => Format::Docx,
            Some("html") => Format::Html,
            _ => continue,
        };
        let bytes = std::fs::read(&path).unwrap();
        let step = if format == Format::Docx { 389 } else { 97 };
        for at in (0..bytes.len()).step_by(step) {
            for piece in [&bytes[..at], &bytes[at..]] {
                let Ok(doc) = Document::from_bytes("片段", format, piece) else {
                    continue;
                };
                for cell in doc.tables.iter().flat_map(|t| t.cells()) {
                    assert!(cell.span.end <= doc.text.len(), "{}", path.display());
                    assert!(doc.text.is_char_boundary(cell.span.start));
                    assert!(doc.text.is_char_boundary(cell.span.end));
                }
                ENGINE.check(doc, None);
            }
        }
    }
}
