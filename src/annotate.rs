//! Findings as Word comments: a copy of a `.docx` package with one comment per finding.
//!
//! A finding's span is mapped back to the paragraph children (runs, hyperlinks,
//! insertions) its first and last characters came from, and the comment range is put
//! around them (`w:commentRangeStart` … `w:commentRangeEnd`, then a run holding the
//! `w:commentReference`). Where the span cannot be narrowed (an automatic number, a
//! paragraph without runs) the whole paragraph is the range; a finding without a span (a
//! missing element) is a comment on the title, or on the first paragraph with text.
//!
//! Only three parts change: the main document, its relationships (a comments part is
//! added) and `[Content_Types].xml`; a comments part already in the document keeps its
//! comments and gets ours after them. Every other part is copied byte for byte, still
//! compressed. The input bytes are only read.

use std::io::{Cursor, Write};
use std::ops::Range;

use zip::write::SimpleFileOptions;

use crate::document::docx::{self, DocxError, Extracted, Package, Paragraph};
use crate::report::Finding;
use crate::{Checked, Document};

/// The comment author shown in Word.
pub const AUTHOR: &str = "reportlint";

const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const RELS_CONTENT_TYPE: &str = "application/vnd.openxmlformats-package.relationships+xml";

/// A copy of the package in `bytes` with every finding of `checked` as a comment, and
/// how many comments were written. `extracted` must come from the same bytes, and
/// `checked` from its text.
pub fn annotate(
    bytes: &[u8],
    extracted: &Extracted,
    checked: &Checked,
) -> Result<(Vec<u8>, usize), DocxError> {
    let body = &extracted.body;
    let mut package = Package::open(bytes)?;
    let names = package.names();
    let (rels_part, rels_xml) = &extracted.rels;
    let related = match rels_xml {
        Some(xml) => docx::relationships(xml, rels_part)?,
        None => Vec::new(),
    };
    let linked = related
        .iter()
        .find(|(kind, _)| kind.ends_with("/comments"))
        .map(|(_, target)| docx::resolve(&extracted.main_part, target));
    let existing = match linked {
        Some(name) => package.part(&name)?.map(|xml| (name, xml)),
        None => None,
    };
    let (comments_part, old_comments) = match existing {
        Some((name, xml)) => (name, Some(xml)),
        None => (free_name(&names, &extracted.main_part), None),
    };
    let first_id = docx::next_comment_id(&[&extracted.xml, old_comments.as_deref().unwrap_or("")]);

    // Elements are written with the part's own prefix; where it binds Word's namespace
    // only as the default, each inserted element declares `w` itself.
    let (w, declare) = if body.prefix.is_empty() {
        ("w", format!(" xmlns:w=\"{}\"", body.namespace))
    } else {
        (body.prefix.as_str(), String::new())
    };
    let mut marks: Vec<(usize, u8, usize, String)> = Vec::new();
    let mut comments = String::new();
    for (k, finding) in checked.findings.iter().enumerate() {
        let id = first_id + k;
        let Some(range) = place(&checked.document, body, &extracted.xml, finding) else {
            continue;
        };
        let tag = |name: &str| qualified(w, name);
        marks.push((
            range.start,
            0,
            id,
            format!(
                "<{}{declare} {}=\"{id}\"/>",
                tag("commentRangeStart"),
                tag("id")
            ),
        ));
        marks.push((
            range.end,
            1,
            id,
            format!(
                "<{end}{declare} {idattr}=\"{id}\"/><{r}{declare}><{reference} {idattr}=\"{id}\"/></{r}>",
                end = tag("commentRangeEnd"),
                idattr = tag("id"),
                r = tag("r"),
                reference = tag("commentReference"),
            ),
        ));
        comments.push_str(&comment_xml(id, finding, body.namespace));
    }
    marks.sort_by_key(|m| (m.0, m.1, m.2));
    let mut document = String::with_capacity(extracted.xml.len() + marks.len() * 96);
    let mut at = 0;
    for (offset, _, _, text) in &marks {
        document.push_str(&extracted.xml[at..*offset]);
        document.push_str(text);
        at = *offset;
    }
    document.push_str(&extracted.xml[at..]);

    let comments_xml = match &old_comments {
        Some(old) => insert_before_close(old, "comments", &comments),
        None => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:comments xmlns:w=\"{}\">{comments}</w:comments>",
            body.namespace
        ),
    };
    let mut changed: Vec<(String, String)> = vec![
        (extracted.main_part.clone(), document),
        (comments_part.clone(), comments_xml),
    ];
    if old_comments.is_none() {
        let target = relative_target(&extracted.main_part, &comments_part);
        let rel = |id: &str| {
            format!("<Relationship Id=\"{id}\" Type=\"{COMMENTS_TYPE}\" Target=\"{target}\"/>")
        };
        let rels = match rels_xml {
            Some(xml) => insert_before_close(xml, "Relationships", &rel(&free_rel_id(xml))),
            None => format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
                 <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{}</Relationships>",
                rel("rId1")
            ),
        };
        changed.push((rels_part.clone(), rels));
    }
    let types = package
        .part("[Content_Types].xml")?
        .ok_or(DocxError::NoDocument)?;
    let declared = {
        let lower = types.to_ascii_lowercase();
        let part = comments_part.to_ascii_lowercase();
        lower.contains(&format!("partname=\"/{part}\""))
            || lower.contains(&format!("partname='/{part}'"))
    };
    let mut overrides = if declared {
        String::new()
    } else {
        format!("<Override PartName=\"/{comments_part}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>")
    };
    if old_comments.is_none()
        && !types.contains("Extension=\"rels\"")
        && !types.contains("Extension='rels'")
    {
        overrides.push_str(&format!(
            "<Default Extension=\"rels\" ContentType=\"{RELS_CONTENT_TYPE}\"/>"
        ));
    }
    if !overrides.is_empty() {
        changed.push((
            "[Content_Types].xml".to_owned(),
            insert_before_close(&types, "Types", &overrides),
        ));
    }
    let written = marks.len() / 2;
    Ok((write_package(bytes, &names, &changed)?, written))
}

/// The main-part range a finding's comment covers.
fn place(doc: &Document, body: &docx::Body, xml: &str, f: &Finding) -> Option<Range<usize>> {
    let Some(span) = f.span else {
        let at = doc
            .outline
            .title
            .as_ref()
            .map(|t| t.span.start)
            .or_else(|| doc.text.find(|c: char| !c.is_whitespace()))?;
        let p = paragraph_at(body, at)?;
        return whole(p, xml);
    };
    let first = paragraph_at(body, span.start)?;
    let last_offset = if span.is_empty() {
        span.start
    } else {
        span.end - 1
    };
    let last = paragraph_at(body, last_offset).unwrap_or(first);
    if first.story != last.story {
        // From a text box into the body (or back): the paragraph alone.
        return whole(first, xml);
    }
    let start = piece_at(first, span.start).map(|x| x.start);
    let end = piece_at(last, last_offset).map(|x| x.end);
    match (start, end) {
        (Some(start), Some(end)) if start < end => Some(start..end),
        (Some(start), None) if std::ptr::eq(first, last) => whole(first, xml).map(|r| start..r.end),
        _ => whole(first, xml).or_else(|| whole(last, xml)),
    }
}

/// The paragraph whose line holds `offset`.
fn paragraph_at(body: &docx::Body, offset: usize) -> Option<&Paragraph> {
    let i = body
        .paragraphs
        .partition_point(|p| p.text.start <= offset)
        .checked_sub(1)?;
    let p = &body.paragraphs[i];
    (offset <= p.text.end).then_some(p)
}

/// The XML range of the paragraph child that produced the character at `offset`.
fn piece_at(p: &Paragraph, offset: usize) -> Option<Range<usize>> {
    p.pieces
        .iter()
        .find(|piece| piece.text.contains(&offset) && !piece.xml.is_empty())
        .map(|piece| piece.xml.clone())
}

/// From the paragraph's content start to its end tag.
fn whole(p: &Paragraph, xml: &str) -> Option<Range<usize>> {
    let start = p.content?;
    let end = xml[..p.xml.end].rfind("</")?;
    (start <= end).then_some(start..end)
}

fn qualified(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}:{name}")
    }
}

/// One `w:comment`: the message (with rule and severity) and the help, as paragraphs.
fn comment_xml(id: usize, f: &Finding, namespace: &str) -> String {
    // The namespace is declared on each comment, whatever prefix an existing comments
    // part uses.
    let mut out = format!(
        "<w:comment xmlns:w=\"{namespace}\" w:id=\"{id}\" w:author=\"{AUTHOR}\" w:initials=\"RL\">{}",
        paragraph_xml(&format!("【{}】{}", f.severity.label(), f.message), true)
    );
    if let Some(help) = &f.help {
        out.push_str(&paragraph_xml(&format!("建议：{help}"), false));
    }
    out.push_str(&paragraph_xml(&format!("规则：{}", f.rule), false));
    out.push_str("</w:comment>");
    out
}

fn paragraph_xml(text: &str, first: bool) -> String {
    let reference = if first {
        "<w:r><w:annotationRef/></w:r>"
    } else {
        ""
    };
    format!(
        "<w:p>{reference}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        docx::escape(text)
    )
}

/// `word/comments.xml`, or a numbered name if the package has one not linked as comments.
fn free_name(names: &[String], main_part: &str) -> String {
    let dir = main_part.rsplit_once('/').map_or("", |(d, _)| d);
    (0..)
        .map(|k| {
            let file = if k == 0 {
                "comments.xml".to_owned()
            } else {
                format!("comments{k}.xml")
            };
            if dir.is_empty() {
                file
            } else {
                format!("{dir}/{file}")
            }
        })
        .find(|n| !names.iter().any(|m| m.eq_ignore_ascii_case(n)))
        .unwrap_or_default()
}

fn relative_target(main_part: &str, part: &str) -> String {
    let dir = main_part.rsplit_once('/').map_or("", |(d, _)| d);
    match part.strip_prefix(dir).and_then(|p| p.strip_prefix('/')) {
        Some(rest) if !dir.is_empty() => rest.to_owned(),
        _ => format!("/{part}"),
    }
}

/// A relationship id not used in `rels`.
fn free_rel_id(rels: &str) -> String {
    (1..)
        .map(|k| format!("rIdReportlint{k}"))
        .find(|id| !rels.contains(&format!("\"{id}\"")))
        .unwrap_or_default()
}

/// Insert `content` before the closing tag of the root element `local`; a root written
/// as an empty element (`<Relationships …/>`) is opened up first.
fn insert_before_close(xml: &str, local: &str, content: &str) -> String {
    let close = xml
        .rfind(&format!(":{local}>"))
        .and_then(|i| xml[..i].rfind("</"))
        .or_else(|| xml.rfind(&format!("</{local}>")));
    if let Some(i) = close {
        return format!("{}{content}{}", &xml[..i], &xml[i..]);
    }
    // The root's start tag: the first `<` that is not a declaration or comment.
    let mut from = 0;
    while let Some(lt) = xml[from..].find('<').map(|i| from + i) {
        if xml[lt + 1..].starts_with(['?', '!']) {
            from = lt + 1;
            continue;
        }
        let Some(gt) = xml[lt..].find('>').map(|i| lt + i) else {
            break;
        };
        let name: String = xml[lt + 1..gt]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        let Some(open_end) = xml[..gt].strip_suffix('/').map(str::len) else {
            break;
        };
        return format!("{}>{content}</{name}>{}", &xml[..open_end], &xml[gt + 1..]);
    }
    format!("{xml}{content}")
}

/// The XML with its declaration saying UTF-8, which is how it is written (a part read
/// as UTF-16 is written back as UTF-8).
fn utf8_declared(xml: &str) -> std::borrow::Cow<'_, str> {
    let decl_end = if xml.starts_with("<?xml") {
        xml.find("?>").unwrap_or(0)
    } else {
        0
    };
    let decl = &xml[..decl_end];
    let lower = decl.to_ascii_lowercase();
    match lower.find("utf-16") {
        Some(i) => format!("{}UTF-8{}", &xml[..i], &xml[i + "utf-16".len()..]).into(),
        None => xml.into(),
    }
}

/// The package with `changed` parts replaced (or added at the end) and every other entry
/// copied raw.
fn write_package(
    bytes: &[u8],
    names: &[String],
    changed: &[(String, String)],
) -> Result<Vec<u8>, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 16 * 1024)));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let replacement = |name: &str| {
        changed
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, xml)| xml)
    };
    for (i, name) in names.iter().enumerate() {
        match replacement(name) {
            Some(xml) => {
                out.start_file(name.as_str(), options)?;
                out.write_all(utf8_declared(xml).as_bytes())?;
            }
            None => {
                let file = archive.by_index_raw(i)?;
                out.raw_copy_file(file)?;
            }
        }
    }
    for (name, xml) in changed {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            out.start_file(name.as_str(), options)?;
            out.write_all(xml.as_bytes())?;
        }
    }
    out.finish()
        .map(Cursor::into_inner)
        .map_err(DocxError::from)
}
