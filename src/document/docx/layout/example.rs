//! Word documents made from a few lines of WordprocessingML, for the examples of
//! `layout` rules.

use std::io::{Cursor, Write};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// A `.docx` package whose main part's body is `body` (WordprocessingML with the `w:`
/// prefix: paragraphs and a `w:sectPr`), for the examples of `layout` rules. Before the
/// paragraphs may stand, in any order:
///
/// - `<w:styles>…</w:styles>`: the styles part (document defaults and styles);
/// - `<w:settings>…</w:settings>`: the settings part (`<w:evenAndOddHeaders/>`);
/// - `<w:ftr w:type="default">…</w:ftr>` (or `even`, `first`), any number: footer
///   parts, referenced from the body's last `w:sectPr`.
pub fn example_docx(body: &str) -> Vec<u8> {
    let mut rest = body.trim();
    let mut styles = None;
    let mut settings = None;
    let mut footers: Vec<(String, String)> = Vec::new();
    loop {
        if let Some((inner, after)) = element(rest, "w:styles") {
            styles = Some(inner);
            rest = after;
        } else if let Some((inner, after)) = element(rest, "w:settings") {
            settings = Some(inner);
            rest = after;
        } else if let Some(after) = rest.strip_prefix("<w:ftr")
            && let Some((open, after)) = after.split_once('>')
            && let Some((inner, after)) = after.split_once("</w:ftr>")
        {
            let kind = open
                .split_once("w:type=\"")
                .and_then(|(_, v)| v.split_once('"'))
                .map_or("default", |(v, _)| v);
            footers.push((kind.to_owned(), inner.to_owned()));
            rest = after.trim_start();
        } else {
            break;
        }
    }
    let references: String = footers
        .iter()
        .enumerate()
        .map(|(i, (kind, _))| {
            format!("<w:footerReference w:type=\"{kind}\" r:id=\"rIdFooter{i}\"/>")
        })
        .collect();
    let body = match rest.rfind("<w:sectPr") {
        Some(at) if !references.is_empty() => {
            let close = rest[at..].find('>').map_or(rest.len(), |c| at + c);
            if rest[..close].ends_with('/') {
                format!(
                    "{}>{references}</w:sectPr>{}",
                    &rest[..close - 1],
                    &rest[close + 1..]
                )
            } else {
                format!("{}{references}{}", &rest[..=close], &rest[close + 1..])
            }
        }
        _ => rest.to_owned(),
    };

    let mut types = vec![format!(
        "<Override PartName=\"/word/document.xml\" ContentType=\"{CT}.document.main+xml\"/>"
    )];
    let mut rels = Vec::new();
    let mut parts = vec![(
        "word/document.xml".to_owned(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>{body}</w:body></w:document>"
        ),
    )];
    let mut add = |name: String, id: String, kind: &str, root: &str, inner: &str| {
        types.push(format!(
            "<Override PartName=\"/word/{name}\" ContentType=\"{CT}.{kind}+xml\"/>"
        ));
        rels.push(format!(
            "<Relationship Id=\"{id}\" Type=\"{REL}/{kind}\" Target=\"{name}\"/>"
        ));
        parts.push((
            format!("word/{name}"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:{root} xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">{inner}</w:{root}>"
            ),
        ));
    };
    if let Some(s) = styles {
        add(
            "styles.xml".into(),
            "rIdStyles".into(),
            "styles",
            "styles",
            s,
        );
    }
    if let Some(s) = settings {
        add(
            "settings.xml".into(),
            "rIdSettings".into(),
            "settings",
            "settings",
            s,
        );
    }
    for (i, (_, inner)) in footers.iter().enumerate() {
        add(
            format!("footer{i}.xml"),
            format!("rIdFooter{i}"),
            "footer",
            "ftr",
            inner,
        );
    }
    parts.push((
        "[Content_Types].xml".to_owned(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>{}</Types>",
            types.concat()
        ),
    ));
    parts.push((
        "_rels/.rels".to_owned(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>"
        ),
    ));
    if !rels.is_empty() {
        parts.push((
            "word/_rels/document.xml.rels".to_owned(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{}</Relationships>",
                rels.concat()
            ),
        ));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, xml) in parts {
        // Writing to memory cannot fail.
        let _ = zip.start_file(name, options);
        let _ = zip.write_all(xml.as_bytes());
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// The inside of a leading `<tag>…</tag>` of `text`, and what follows it.
fn element<'a>(text: &'a str, tag: &str) -> Option<(&'a str, &'a str)> {
    let inner = text
        .strip_prefix('<')?
        .strip_prefix(tag)?
        .strip_prefix('>')?;
    let (inner, rest) = inner.split_once(&format!("</{tag}>"))?;
    Some((inner, rest.trim_start()))
}
