//! Word comments read back: annotating through the library, the text each comment's
//! range covers, and a report whose flagged words start and end inside runs.

use std::collections::BTreeMap;

use reportlint::document::docx;
use reportlint::{Checked, Document};

use super::{ENGINE, para};

/// A part of a package by name.
pub(crate) fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, x)| x.as_str())
        .unwrap_or_else(|| panic!("no part {name}"))
}

/// Annotate through the library: the copy and what was checked.
pub(crate) fn annotate_bytes(bytes: &[u8]) -> (Vec<u8>, Checked) {
    let extracted = docx::extract(bytes).unwrap();
    let doc = Document::from_docx("报告.docx", &extracted.body).unwrap();
    let checked = ENGINE.check(doc, None);
    let (out, written) = reportlint::annotate::annotate(bytes, &extracted, &checked).unwrap();
    assert_eq!(written, checked.findings.len());
    (out, checked)
}

/// The text between each comment's range marks, read back from a main part: `w:t`
/// text, tabs and breaks, a line end after each paragraph.
pub(crate) fn range_texts(document: &str) -> BTreeMap<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(document);
    let mut open: BTreeMap<String, String> = BTreeMap::new();
    let mut done = BTreeMap::new();
    let mut in_t = false;
    let id = |tag: &quick_xml::events::BytesStart<'_>| {
        tag.try_get_attribute("w:id")
            .unwrap()
            .map(|a| a.value.to_string())
            .unwrap()
    };
    let add = |open: &mut BTreeMap<String, String>, s: &str| {
        for text in open.values_mut() {
            text.push_str(s);
        }
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(t) if t.name().as_ref() == "w:t" => in_t = true,
            Event::End(t) if t.name().as_ref() == "w:t" => in_t = false,
            Event::End(t) if t.name().as_ref() == "w:p" => add(&mut open, "\n"),
            Event::Empty(t) => match t.name().as_ref() {
                "w:commentRangeStart" => {
                    open.insert(id(&t), String::new());
                }
                "w:commentRangeEnd" => {
                    let k = id(&t);
                    let text = open.remove(&k).expect("range started");
                    done.insert(k, text);
                }
                "w:tab" => add(&mut open, "\t"),
                "w:br" => add(&mut open, "\n"),
                _ => {}
            },
            Event::Text(t) if in_t => add(&mut open, &t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        _ => '\'',
                    },
                };
                add(&mut open, c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "ranges never closed: {open:?}");
    done
}

/// What a finding's comment should cover: its span, less a closing line end.
pub(crate) fn span_text<'a>(text: &'a str, f: &reportlint::Finding) -> Option<&'a str> {
    let s = f.span?.slice(text);
    Some(s.strip_suffix('\n').unwrap_or(s))
}

/// A report whose 截止目前 (a confusable-word finding) starts and ends inside runs: in
/// one run, across three, inside a hyperlink, inside a tracked insertion, after an
/// escaped `&`.
pub(crate) fn words_inside_runs() -> String {
    [
        para("某街道2023年法治政府建设情况报告"),
        para("一、2023年推进法治政府建设的主要举措和成效"),
        r#"<w:p><w:r><w:t>全年办理行政复议案件12件，截止目前均已审结。</w:t></w:r></w:p>"#.to_owned(),
        r#"<w:p><w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">受理投诉 8件，截</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>止目</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>前已办结。</w:t></w:r></w:p>"#.to_owned(),
        r#"<w:p><w:r><w:t>详见</w:t></w:r><w:hyperlink w:anchor="gg"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>公告：截止目前已公开</w:t></w:r></w:hyperlink><w:r><w:t>。</w:t></w:r></w:p>"#.to_owned(),
        r#"<w:p><w:r><w:t>组织培训，</w:t></w:r><w:ins w:id="90" w:author="科长" w:date="2024-01-02T00:00:00Z"><w:r><w:t>截止目前共培训3次</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>"#.to_owned(),
        r#"<w:p><w:r><w:t>R&amp;D&#x9879;目截止2023年底已完成&lt;验收&gt;。</w:t></w:r></w:p>"#.to_owned(),
    ]
    .concat()
}
