//! The fuzz oracles, shared by the cargo-fuzz targets in `fuzz/` (nightly, libFuzzer)
//! and by `tests/fuzz_regressions.rs`, which replays the inputs kept under
//! `fuzz/regressions/<target>/` on stable.
//!
//! Each function takes the fuzzer's bytes, runs one entry point of the library and
//! panics when a promise breaks: besides never panicking itself, every span lies on
//! character boundaries of the text it points into, JSON and SARIF output parses, a
//! GitHub workflow command stays on one line, an error's source span lies within its
//! source, and `annotate` either fails or returns a package that reads back to the same
//! text. Errors for bad input are the expected outcome, not a failure.
//!
//! Not part of the supported API.

use std::io::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use crate::check::Checked;
use crate::config::Config;
use crate::document::{Document, Format, docx};
use crate::render::diagnostic::Handler;
use crate::span::Span;
use crate::{Engine, Pack, annotate as annotate_docx, render};

/// The built-in packs' engine, built once per process (the dictionary is the slow part).
static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Pack::builtin()));

/// An oracle: runs one entry point on the fuzzer's bytes, panics when a promise breaks.
pub type Oracle = fn(&[u8]);

/// The fuzz targets, by the name of their folder under `fuzz/regressions/`.
pub const TARGETS: [(&str, Oracle); 7] = [
    ("text", text),
    ("docx", docx_file),
    ("xml_part", xml_part),
    ("html", html),
    ("pack", pack),
    ("config", config),
    ("annotate", annotate),
];

/// Text decode, outline and check, through every renderer (as `.txt`); the outline
/// of the same bytes read as Markdown.
pub fn text(data: &[u8]) {
    if let Ok(doc) = Document::from_bytes("fuzz.md", Format::Markdown, data) {
        document_spans(&doc);
    }
    if let Ok(doc) = Document::from_bytes("fuzz.txt", Format::Txt, data) {
        check_and_render(doc);
    }
}

/// A `.docx` package read and checked.
pub fn docx_file(data: &[u8]) {
    let Ok(extracted) = docx::extract(data) else {
        return;
    };
    body_spans(&extracted);
    if let Ok(doc) = Document::from_docx("fuzz.docx", &extracted.body) {
        check_and_render(doc);
    }
}

/// One XML part read through the Word reader, in turn as the main document
/// (`word/document.xml`), as its styles and as its numbering, each time inside a
/// minimal package ([`package`]).
pub fn xml_part(data: &[u8]) {
    let packages = [
        package(data, STYLES.as_bytes(), NUMBERING.as_bytes()),
        package(DOCUMENT.as_bytes(), data, NUMBERING.as_bytes()),
        package(DOCUMENT.as_bytes(), STYLES.as_bytes(), data),
    ];
    for bytes in packages {
        let Ok(extracted) = docx::extract(&bytes) else {
            continue;
        };
        body_spans(&extracted);
        if let Ok(doc) = Document::from_docx("fuzz.docx", &extracted.body) {
            document_spans(&doc);
        }
    }
}

/// A saved web page read and checked.
pub fn html(data: &[u8]) {
    if let Ok(doc) = Document::from_bytes("fuzz.html", Format::Html, data) {
        check_and_render(doc);
    }
}

/// A rule pack's YAML: compiled, or refused with an error that renders.
pub fn pack(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    match Pack::from_yaml(src, "fuzz.yaml") {
        Ok(pack) => {
            let _ = pack.all_terms();
            for rule in &pack.rules {
                let _ = (rule.check.label(), rule.check.kind(), rule.criteria());
                let _ = rule.check.needs_year();
            }
            // The pack checks its own examples and a short report (with the shared
            // segmenter, which does not know the pack's terms: only the
            // checking itself is under test, not its verdicts).
            let examples = pack
                .enabled()
                .flat_map(|r| r.examples.pass.iter().chain(&r.examples.fail))
                .take(8)
                .map(String::as_str);
            for text in examples.chain([REPORT]) {
                let doc = Document::from_text("fuzz.txt", Format::Txt, text.to_owned());
                let checked = ENGINE.check_packs(&[&pack], doc, &crate::check::Options::default());
                checked_spans(&checked);
            }
            if let Err(e) = Pack::with_builtin(vec![pack]) {
                error_renders(&crate::Error::Pack(e), src);
            }
        }
        Err(e) => error_renders(&crate::Error::Pack(e), src),
    }
}

/// A `reportlint.toml`: parsed and validated against the built-in packs, or refused
/// with an error that renders.
pub fn config(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let config = match Config::parse(src, Path::new("reports/reportlint.toml")) {
        Ok(config) => config,
        Err(e) => return error_renders(&e, src),
    };
    if let Err(e) = config.validate(ENGINE.packs()) {
        error_renders(&e, src);
    }
    // Compiling the built-in packs takes far longer than parsing a config: copy them.
    let mut packs = ENGINE.packs().to_vec();
    if let Err(e) = config.apply_to_packs(&mut packs) {
        error_renders(&e, src);
    }
    let _ = config.path_pattern();
    for file in [
        "reports/2023/某区司法局/2023年法治政府建设情况报告.docx",
        "reports/县/报告.txt",
        "elsewhere/a.html",
    ] {
        let effective = config.for_file(Path::new(file));
        let _ = effective.setting("fzzfjs/other-matters");
    }
}

/// `annotate` with its read-back as the oracle: a package (bytes starting with `PK`)
/// or a main document part wrapped in a minimal package is read, checked and
/// annotated; the annotation either fails or gives a package that reads back to the
/// same text — and annotating that copy again does too; with every fix written as a
/// revision, the copy reads back.
pub fn annotate(data: &[u8]) {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        package(data, STYLES.as_bytes(), NUMBERING.as_bytes())
    };
    let Ok(extracted) = docx::extract(&bytes) else {
        return;
    };
    let Ok(doc) = Document::from_docx("fuzz.docx", &extracted.body) else {
        return;
    };
    let checked = ENGINE.check(doc, None);
    let Ok((out, written)) = annotate_docx::annotate(&bytes, &extracted, &checked) else {
        return;
    };
    assert!(
        written <= checked.findings.len(),
        "more comments than findings"
    );
    let again = docx::extract(&out)
        .unwrap_or_else(|e| panic!("annotate reported success but the copy does not read: {e:?}"));
    assert_eq!(
        again.body.text, extracted.body.text,
        "the annotated copy reads to another text"
    );
    // Annotating the copy replaces reportlint's own comments: the same promise.
    if let Ok((twice, _)) = annotate_docx::annotate(&out, &again, &checked) {
        let third = docx::extract(&twice).unwrap_or_else(|e| {
            panic!("annotating an annotated copy gave a copy that does not read: {e:?}")
        });
        assert_eq!(
            third.body.text, extracted.body.text,
            "annotating an annotated copy changed its text"
        );
    }
    // With every fix written as a revision (text and page setup): the copy reads back
    // (annotate checks that the accepted text is the fixed text before it writes).
    if let Ok(revised) =
        annotate_docx::annotate_with(&bytes, &extracted, &checked, annotate_docx::Revise::All)
    {
        let copy = docx::extract(&revised.bytes).unwrap_or_else(|e| {
            panic!("annotate --fix reported success but the copy does not read: {e:?}")
        });
        assert!(
            formatting_faults(&copy.xml) <= formatting_faults(&extracted.xml),
            "annotate --fix wrote a property twice or repeated a revision id"
        );
    }
}

/// How often a main part breaks the rules formatting revisions must keep: a properties
/// element (`w:pPr`, `w:rPr`) holding one of the elements `annotate --fix` sets twice,
/// a run with two `w:rPr`, two formatting revisions with one id.
fn formatting_faults(xml: &str) -> usize {
    use quick_xml::events::Event;
    const SET: [&str; 10] = [
        "jc",
        "ind",
        "spacing",
        "rFonts",
        "sz",
        "szCs",
        "color",
        "rPrChange",
        "pPrChange",
        "rPr",
    ];
    let local = |name: &str| -> String { name.rsplit(':').next().unwrap_or_default().to_owned() };
    let mut reader = quick_xml::Reader::from_str(xml);
    // Per open element: its local name and the children seen, by name.
    let mut open: Vec<(String, Vec<String>)> = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut faults = 0;
    loop {
        let (name, empty, id) = match reader.read_event() {
            Ok(Event::Start(t)) => (local(t.name().into_inner()), false, attr_id(&t)),
            Ok(Event::Empty(t)) => (local(t.name().into_inner()), true, attr_id(&t)),
            Ok(Event::End(_)) => {
                open.pop();
                continue;
            }
            Ok(Event::Eof) | Err(_) => return faults,
            Ok(_) => continue,
        };
        if let Some((parent, seen)) = open.last_mut() {
            // Inside a change record the old properties sit one level down.
            if matches!(parent.as_str(), "pPr" | "rPr" | "r") && SET.contains(&name.as_str()) {
                if seen.contains(&name) {
                    faults += 1;
                }
                seen.push(name.clone());
            }
        }
        if matches!(name.as_str(), "pPrChange" | "rPrChange")
            && let Some(id) = id
            && !ids.insert(id)
        {
            faults += 1;
        }
        if !empty {
            open.push((name, Vec::new()));
        }
    }
}

/// The `w:id` of a tag.
fn attr_id(t: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    t.attributes().with_checks(false).flatten().find_map(|a| {
        let key: &str = a.key.into_inner();
        (key.rsplit(':').next() == Some("id")).then(|| a.value.to_string())
    })
}

/// A short report the fuzzed packs check.
const REPORT: &str = include_str!("../fixtures/examples/qingshan-2024.txt");

/// A minimal Word package (stored, not compressed) with `document` as
/// `word/document.xml` and `styles` and `numbering` as its related parts.
pub fn package(document: &[u8], styles: &[u8], numbering: &[u8]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let parts: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        zip.start_file(name, options).expect("in-memory zip");
        zip.write_all(bytes).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// A main part that uses a heading style and a numbered list, so that fuzzed styles and
/// numbering parts are consulted.
const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>某区2023年法治政府建设情况报告</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>主要举措和成效</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>全年办理行政复议案件12件。</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>存在的不足</w:t></w:r></w:p></w:body></w:document>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// Check `doc` with the built-in packs and render the result in every format.
fn check_and_render(doc: Document) {
    document_spans(&doc);
    let checked = ENGINE.check(doc, None);
    checked_spans(&checked);
    let packs = ENGINE.packs();
    let all = std::slice::from_ref(&checked);

    for (color, width) in [(false, 80), (true, 24)] {
        let mut out = Vec::new();
        render::human::render(
            &mut out,
            packs,
            all,
            render::human::Options { color, width },
        )
        .expect("human output renders");
        assert!(String::from_utf8(out).is_ok(), "human output is not UTF-8");
    }

    let mut out = Vec::new();
    render::json::render(&mut out, packs, all).expect("JSON output renders");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON output parses");
    let findings = json["documents"][0]["findings"]
        .as_array()
        .expect("JSON output has the document's findings");
    assert_eq!(findings.len(), checked.findings.len(), "JSON findings");

    let mut out = Vec::new();
    render::sarif::render(&mut out, packs, all).expect("SARIF output renders");
    let sarif: serde_json::Value = serde_json::from_slice(&out).expect("SARIF output parses");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(checked.findings.len()),
        "SARIF results"
    );

    let mut out = Vec::new();
    render::github::render(&mut out, all).expect("GitHub output renders");
    let out = String::from_utf8(out).expect("GitHub output is UTF-8");
    // One workflow command per finding: a line break in a message would end it early.
    assert_eq!(out.lines().count(), checked.findings.len(), "{out}");
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
}

/// Panics unless `span` is a range of `text` on character boundaries.
fn span_in(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} {span:?} is not a range on character boundaries of a text of {} bytes",
        text.len()
    );
}

/// Every span of the document's outline and tables.
fn document_spans(doc: &Document) {
    let text = doc.text.as_str();
    let o = &doc.outline;
    let span = |s: Span, what: &str| span_in(text, s, what);
    if let Some(t) = &o.title {
        span(t.span, "title");
    }
    for s in o.addressee.iter().chain(&o.preamble) {
        span(*s, "addressee/preamble");
    }
    for s in &o.sections {
        for (x, what) in [
            (s.marker, "section marker"),
            (s.title, "section title"),
            (s.heading, "section heading"),
            (s.body, "section body"),
        ] {
            span(x, what);
        }
        assert!(s.parent.is_none_or(|p| p < o.sections.len()), "parent");
    }
    for p in &o.paragraphs {
        span(p.span, "paragraph");
    }
    for i in &o.items {
        span(i.marker, "item marker");
        span(i.span, "item");
    }
    if let Some(c) = &o.closing {
        span(c.span, "closing");
        for s in c.issuer.iter().chain(&c.date) {
            span(*s, "closing issuer/date");
        }
    }
    for p in &o.parts {
        span(p.span, "part");
    }
    for s in o.chrome.iter().chain(&o.stray) {
        span(*s, "chrome/stray line");
    }
    for d in &o.meta_dates {
        span(d.span, "meta date");
    }
    span(o.body, "body");
    for t in &doc.tables {
        span(t.span, "table");
        assert!(
            t.parent.is_none_or(|p| p < doc.tables.len()),
            "table parent"
        );
        for c in t.cells() {
            span(c.span, "table cell");
        }
    }
    for &(start, _) in &doc.paragraphs {
        span(Span { start, end: start }, "Word paragraph start");
    }
}

/// Every span of the verdicts and findings.
fn checked_spans(checked: &Checked) {
    let text = checked.document.text.as_str();
    for e in &checked.elements {
        for s in e.span.iter().chain(&e.anchor) {
            span_in(text, *s, "element");
        }
        for c in &e.components {
            if let Some(s) = c.span {
                span_in(text, s, "component");
            }
        }
    }
    for f in &checked.findings {
        if let Some(s) = f.span {
            span_in(text, s, &f.rule);
        }
        for l in &f.labels {
            span_in(text, l.span, &f.rule);
        }
    }
}

/// The Word reader's map between the text and the main part.
fn body_spans(extracted: &docx::Extracted) {
    let body = &extracted.body;
    let text = body.text.as_str();
    let xml = extracted.xml.as_str();
    let range = |s: &str, r: &std::ops::Range<usize>, what: &str| {
        span_in(
            s,
            Span {
                start: r.start,
                end: r.end,
            },
            what,
        );
    };
    for p in &body.paragraphs {
        range(text, &p.text, "Word paragraph text");
        range(xml, &p.xml, "Word paragraph XML");
        if let Some(c) = p.content {
            assert!(p.xml.start <= c && c <= p.xml.end, "paragraph content");
        }
        for piece in &p.pieces {
            range(text, &piece.text, "piece text");
            range(xml, &piece.xml, "piece XML");
        }
    }
    for t in &body.tables {
        for c in t.cells() {
            span_in(text, c.span, "Word table cell");
        }
    }
}

/// Panics unless the error renders as the command line shows it, and any span it
/// points at lies within `src` on a character boundary.
fn error_renders(e: &crate::Error, src: &str) {
    use miette::Diagnostic as _;
    if let Some(labels) = e.labels() {
        for l in labels {
            assert!(
                l.offset() <= src.len() && src.is_char_boundary(l.offset()),
                "error span {:?} outside a source of {} bytes",
                l.inner(),
                src.len()
            );
        }
    }
    let mut out = String::new();
    Handler::new(false, 80, 1)
        .render(&mut out, e)
        .expect("error renders");
    assert!(!out.is_empty(), "error renders empty");
}
