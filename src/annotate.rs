//! Findings as Word comments: a copy of a `.docx` package with one comment per finding.
//!
//! A finding's span is mapped back to the runs its first and last characters came from,
//! and the comment range (`w:commentRangeStart` … `w:commentRangeEnd`, then a run holding
//! the `w:commentReference`) is put exactly around those characters, a run being cut in
//! two where the span starts or ends inside it ([`runs`]). Where a paragraph child is
//! not a run of text (a field, an automatic number) the range is the child, and where
//! the span cannot be placed at all the whole paragraph. A finding without a span (a
//! missing element) is a comment on the title, or on the first paragraph with text, of
//! the main text: never in a text box, where some word processors drop comments.
//!
//! Only the main document, the comments part, its relationships and
//! `[Content_Types].xml` change; a comments part already in the document keeps other
//! authors' comments, loses reportlint's own from an earlier run ([`own`]) and gets the
//! new ones after them. Every other part is copied byte for byte, still compressed. The
//! input bytes are only read.

mod own;
mod place;
mod restyle;
mod revise;
mod runs;
mod verify;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::check::Options;
use crate::document::decode::DecodeError;
use crate::document::docx::{self, DocxError, Extracted, Package};
use crate::report::{Finding, Fix};
use crate::{Checked, Document, Engine};

use place::{Mark, Placer, Point};

/// The comment author shown in Word.
pub const AUTHOR: &str = "reportlint";

const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const RELS_CONTENT_TYPE: &str = "application/vnd.openxmlformats-package.relationships+xml";

/// A Word document checked and annotated.
#[derive(Debug)]
pub struct Annotated {
    /// The annotated copy.
    pub bytes: Vec<u8>,
    /// The verdicts its comments show.
    pub checked: Checked,
    /// How many comments were written (findings without a place are left out).
    pub written: usize,
    /// How many fixes were written as tracked changes (their findings get no comment).
    pub revised: usize,
}

/// Which fixes [`annotate_with`] writes as tracked changes (the others stay comments).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Revise {
    /// None: every finding is a comment.
    #[default]
    Nothing,
    /// The safe ones (`annotate --fix`).
    Safe,
    /// Safe and unsafe ones (`annotate --fix --unsafe-fixes`).
    All,
}

/// An annotated copy: its bytes, how many comments and how many revisions it got.
#[derive(Debug)]
pub struct Written {
    /// The copy.
    pub bytes: Vec<u8>,
    /// Comments written.
    pub comments: usize,
    /// Fixes written as tracked changes.
    pub revisions: usize,
}

/// Check the Word document in `bytes` (named `path` in the result) and annotate a copy:
/// extract, check with `options`, let `adjust` re-level findings (a config's settings),
/// then [`annotate`]. What `reportlint annotate`
/// and the web service's `/api/annotate` both do.
/// With `revise`, fixes are written as tracked changes ([`annotate_with`]).
pub fn check_and_annotate(
    engine: &Engine,
    path: &str,
    bytes: &[u8],
    options: &Options,
    revise: Revise,
    adjust: impl FnOnce(&mut Checked),
) -> Result<Annotated, DecodeError> {
    let extracted = docx::extract(bytes).map_err(DecodeError::Docx)?;
    let mut doc = Document::from_docx(path, &extracted.body)?;
    doc.layout = Some(extracted.layout.clone());
    let mut checked = engine.check_with(doc, options);
    adjust(&mut checked);
    let written = annotate_with(bytes, &extracted, &checked, revise).map_err(DecodeError::Docx)?;
    Ok(Annotated {
        bytes: written.bytes,
        checked,
        written: written.comments,
        revised: written.revisions,
    })
}

/// A copy of the package in `bytes` with every finding of `checked` as a comment, and
/// how many comments were written. `extracted` must come from the same bytes, and
/// `checked` from its text.
///
/// A copy reportlint annotated before gets the new comments in place of its old ones;
/// other authors' comments stay.
pub fn annotate(
    bytes: &[u8],
    extracted: &Extracted,
    checked: &Checked,
) -> Result<(Vec<u8>, usize), DocxError> {
    annotate_with(bytes, extracted, checked, Revise::Nothing).map(|w| (w.bytes, w.comments))
}

/// [`annotate`], with the fixes `revise` names written as tracked changes
/// ([`revise`](self::revise)) and the other findings as comments. The copy with
/// revisions is read back both ways before it is commented: accepting them gives the
/// fixed text, rejecting them the original.
pub fn annotate_with(
    bytes: &[u8],
    extracted: &Extracted,
    checked: &Checked,
    revise: Revise,
) -> Result<Written, DocxError> {
    if let Some(clean) = own::strip(bytes, extracted)? {
        let again = docx::extract(&clean)?;
        // Taking comments out changes no text, so the findings' spans still hold.
        if again.body.text == extracted.body.text {
            return revise_and_comment(&clean, &again, checked, revise);
        }
    }
    revise_and_comment(bytes, extracted, checked, revise)
}

/// The prefix inserted elements are written with, and the namespace declaration each
/// needs where the part binds Word's namespace only as the default.
fn prefix(body: &docx::Body) -> (&str, String) {
    if body.prefix.is_empty() {
        ("w", format!(" xmlns:w=\"{}\"", body.namespace))
    } else {
        (body.prefix.as_str(), String::new())
    }
}

fn revise_and_comment(
    bytes: &[u8],
    extracted: &Extracted,
    checked: &Checked,
    revise: Revise,
) -> Result<Written, DocxError> {
    let doc = &checked.document;
    let uncommented = |bytes: &[u8], extracted: &Extracted| {
        comment(bytes, extracted, doc, &checked.findings, 0).map(|(bytes, comments)| Written {
            bytes,
            comments,
            revisions: 0,
        })
    };
    if revise == Revise::Nothing {
        return uncommented(bytes, extracted);
    }
    let body = &extracted.body;
    let (w, declare) = prefix(body);
    let mut placer = Placer::new(doc, body, &extracted.xml);
    let mut revised = revise::revise(
        &mut placer,
        doc,
        body,
        &extracted.xml,
        &checked.findings,
        revise == Revise::All,
        w,
        &declare,
    );
    // Formatting fixes after the text revisions: paragraphs, found by their text in the
    // input and moved past the text revisions, then the page.
    let tags = restyle::Tags {
        w,
        declare: &declare,
    };
    let date = revise::now();
    let mut xml = std::mem::take(&mut revised.xml);
    let mut next_id = revised.next_id;
    let mut styled = Vec::new();
    // The main text's paragraphs by their text, with the size most of it is in.
    let sizes: std::collections::HashMap<(usize, usize), Option<u32>> = extracted
        .layout
        .paragraphs
        .iter()
        .map(|l| ((l.text.start, l.text.end), l.size()))
        .collect();
    let starts: std::collections::HashMap<(usize, usize), usize> = body
        .paragraphs
        .iter()
        .filter(|p| p.story == 0)
        .map(|p| ((p.text.start, p.text.end), p.xml.start))
        .collect();
    let target = |span: crate::Span| {
        let key = (span.start, span.end);
        Some(restyle::Target {
            start: revised.moved(*starts.get(&key)?),
            size: sizes.get(&key).copied().flatten(),
        })
    };
    let unsafe_fixes = revise == Revise::All;
    if let Some(r) = restyle::paragraphs(
        &xml,
        &checked.findings,
        unsafe_fixes,
        target,
        &tags,
        next_id,
        &date,
    ) {
        (xml, next_id) = (r.xml, r.next_id);
        styled.extend(r.applied);
    }
    if let Some(r) = restyle::page(&xml, &checked.findings, unsafe_fixes, &tags, next_id, &date) {
        (xml, next_id) = (r.xml, r.next_id);
        styled.extend(r.applied);
    }
    if revised.applied.is_empty() && styled.is_empty() {
        return uncommented(bytes, extracted);
    }
    let mut fixes: Vec<&Fix> = revised
        .applied
        .iter()
        .filter_map(|&i| checked.findings[i].fix.as_ref())
        .collect();
    fixes.sort_by_key(|x| x.span.start);
    let fixed_text = crate::fix::apply(&body.text, &fixes);
    let names = Package::open(bytes)?.names();
    let main = [(extracted.main_part.clone(), xml)];
    let revised_bytes = write_package(bytes, &names, &main)?;
    verify::revisions(
        &revised_bytes,
        extracted,
        (&main[0].1, revised.first_id),
        &fixed_text,
    )?;
    let again = docx::extract(&revised_bytes)?;
    let fixed_doc = Document::from_docx(&doc.path, &again.body)
        .map_err(|_| DocxError::ReadBack("修订后的副本无法读取".to_owned()))?;
    let shift = |o: usize| shifted(o, &fixes);
    let rest: Vec<Finding> = checked
        .findings
        .iter()
        .enumerate()
        .filter(|(i, _)| !revised.applied.contains(i) && !styled.contains(i))
        .map(|(_, f)| {
            let mut f = f.clone();
            f.span = f
                .span
                .map(|s| crate::Span::new(shift(s.start), shift(s.end)));
            for l in &mut f.labels {
                l.span = crate::Span::new(shift(l.span.start), shift(l.span.end));
            }
            f.fix = None;
            f.restyle = None;
            f
        })
        .collect();
    let (bytes, comments) = comment(&revised_bytes, &again, &fixed_doc, &rest, next_id)?;
    Ok(Written {
        bytes,
        comments,
        revisions: revised.applied.len() + styled.len(),
    })
}

/// Where offset `o` of the text is once `fixes` (in text order) are applied: after a
/// fix it moves by the fix's change in length; inside one it goes to the end of the
/// replacement.
fn shifted(o: usize, fixes: &[&Fix]) -> usize {
    let mut delta: isize = 0;
    for x in fixes {
        let grown = x.replacement.len().cast_signed() - x.span.len().cast_signed();
        if x.span.end <= o {
            delta += grown;
        } else if x.span.start < o {
            return (x.span.start + x.replacement.len()).saturating_add_signed(delta);
        } else {
            break;
        }
    }
    o.saturating_add_signed(delta)
}

/// [`annotate`], old comments left as they are; comment ids from `min_id` on at least.
fn comment(
    bytes: &[u8],
    extracted: &Extracted,
    doc: &Document,
    findings: &[Finding],
    min_id: usize,
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
        .find(|r| r.kind.ends_with("/comments"))
        .map(|r| docx::resolve(&extracted.main_part, &r.target));
    let existing = match linked {
        Some(name) => package.part(&name)?.map(|xml| (name, xml)),
        None => None,
    };
    let (comments_part, old_comments) = match existing {
        Some((name, xml)) => (name, Some(xml)),
        None => (free_name(&names, &extracted.main_part), None),
    };
    let first_id =
        docx::next_comment_id(&[&extracted.xml, old_comments.as_deref().unwrap_or("")]).max(min_id);

    // Elements are written with the part's own prefix; where it binds Word's namespace
    // only as the default, each inserted element declares `w` itself.
    let (w, declare) = prefix(body);
    let mut placer = Placer::new(doc, body, &extracted.xml);
    let mut marks: Vec<(Point, Mark, usize)> = Vec::new();
    let mut comments = String::new();
    let mut written = 0;
    let mut new_ids = Vec::new();
    for (k, finding) in findings.iter().enumerate() {
        let id = first_id + k;
        let Some(anchor) = placer.place(finding) else {
            continue;
        };
        new_ids.push(id);
        marks.push((anchor.start, Mark::Start, id));
        marks.push((anchor.end, Mark::End, id));
        marks.push((anchor.reference, Mark::Reference, id));
        comments.push_str(&comment_xml(id, finding, body.namespace));
        written += 1;
    }
    let mark = |kind: Mark, id: usize| {
        let tag = |name: &str| qualified(w, name);
        let idattr = tag("id");
        match kind {
            Mark::Start => format!("<{}{declare} {idattr}=\"{id}\"/>", tag("commentRangeStart")),
            Mark::End => format!("<{}{declare} {idattr}=\"{id}\"/>", tag("commentRangeEnd")),
            Mark::Reference => format!(
                "<{r}{declare}><{reference} {idattr}=\"{id}\"/></{r}>",
                r = tag("r"),
                reference = tag("commentReference"),
            ),
        }
    };
    let document = placer.write(marks, mark);
    // Above every id in the part (revisions of other authors included).
    let free = revise::next_id(&document).max(first_id + findings.len());
    let document = restyle::distinct_ids(document, w, free);

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
    let out = write_package(bytes, &names, &changed)?;
    let changed_names: Vec<&str> = changed.iter().map(|(n, _)| n.as_str()).collect();
    verify::read_back(&out, extracted, &changed_names, &comments_part, &new_ids)?;
    Ok((out, written))
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
                out.write_all(docx::declare_utf8(xml).as_bytes())?;
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
