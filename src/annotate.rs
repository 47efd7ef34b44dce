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
//! `[Content_Types].xml` change; a comments part already in the document keeps its
//! comments and gets ours after them. Every other part is copied byte for byte, still compressed. The
//! input bytes are only read.

mod runs;

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write};
use std::ops::Range;

use zip::write::SimpleFileOptions;

use crate::document::docx::{self, DocxError, Extracted, Package, Paragraph, Piece};
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
    comment(bytes, extracted, checked)
}

/// [`annotate`], old comments left as they are.
fn comment(
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
    let mut placer = Placer {
        doc: &checked.document,
        body,
        xml: &extracted.xml,
        pieces: HashMap::new(),
    };
    let mut marks: Vec<(Point, Mark, usize)> = Vec::new();
    let mut comments = String::new();
    let mut written = 0;
    for (k, finding) in checked.findings.iter().enumerate() {
        let id = first_id + k;
        let Some(anchor) = placer.place(finding) else {
            continue;
        };
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
    Ok((write_package(bytes, &names, &changed)?, written))
}

/// Where a comment mark goes in the main part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Point {
    /// At this byte offset, between elements.
    At(usize),
    /// Inside a run, which is cut there: the run `run` of the paragraph child starting at
    /// `piece` in the part, `offset` bytes into the run's text.
    In {
        piece: usize,
        run: usize,
        offset: usize,
    },
}

/// The marks of one comment, in the order they are written where they meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Start,
    End,
    Reference,
}

/// Where a comment's range starts and ends, and where its reference run goes.
#[derive(Debug)]
struct Anchor {
    start: Point,
    end: Point,
    reference: Point,
}

impl Anchor {
    /// Around the bytes `range` of the part.
    fn around(range: Range<usize>) -> Anchor {
        Anchor {
            start: Point::At(range.start),
            end: Point::At(range.end),
            reference: Point::At(range.end),
        }
    }
}

/// Places comments: maps findings' spans back to the main part.
struct Placer<'a> {
    doc: &'a Document,
    body: &'a docx::Body,
    xml: &'a str,
    /// The runs of each paragraph child looked at, by where the child starts in the
    /// part (`None`: not modelled).
    pieces: HashMap<usize, Option<Vec<runs::Run>>>,
}

impl Placer<'_> {
    /// Where a finding's comment goes: exactly around its span where the span's ends lie
    /// in runs, else around the paragraph children (or paragraph) holding them.
    fn place(&mut self, f: &Finding) -> Option<Anchor> {
        let body = self.body;
        let Some(span) = f.span else {
            return whole(self.main_paragraph()?, self.xml).map(Anchor::around);
        };
        // A line end closing the span lies in no run.
        let text = body.text.as_bytes();
        let mut end = span.end.min(text.len());
        while end > span.start && text[end - 1] == b'\n' {
            end -= 1;
        }
        let first = paragraph_at(body, span.start)?;
        if end <= span.start {
            return match piece_at(first, span.start) {
                Some(piece) => Some(Anchor::around(piece.xml.clone())),
                None => whole(first, self.xml).map(Anchor::around),
            };
        }
        let last = paragraph_at(body, end - 1).unwrap_or(first);
        if first.story != last.story {
            // From a text box into the body (or back): the paragraph alone.
            return whole(first, self.xml).map(Anchor::around);
        }
        let start = piece_at(first, span.start).map(|piece| self.start_point(piece, span.start));
        let finish = piece_at(last, end - 1).map(|piece| self.end_point(piece, end));
        match (start, finish) {
            (Some(start), Some((end, reference))) if self.key(start) < self.key(end) => {
                Some(Anchor {
                    start,
                    end,
                    reference,
                })
            }
            (Some(start), None) if std::ptr::eq(first, last) => {
                whole(first, self.xml).map(|r| Anchor {
                    start,
                    ..Anchor::around(r)
                })
            }
            _ => whole(first, self.xml)
                .or_else(|| whole(last, self.xml))
                .map(Anchor::around),
        }
    }

    /// The paragraph a comment on the whole document goes on: the title, else the first
    /// paragraph with text, of the main text (a comment in a text box is lost in some
    /// word processors).
    fn main_paragraph(&self) -> Option<&Paragraph> {
        let body = self.body;
        let main = |p: &&Paragraph| p.story == 0 && p.content.is_some();
        let title = self.doc.outline.title.as_ref();
        title
            .and_then(|t| paragraph_at(body, t.span.start))
            .filter(main)
            .or_else(|| {
                body.paragraphs.iter().filter(main).find(|p| {
                    body.text
                        .get(p.text.clone())
                        .is_some_and(|t| !t.trim().is_empty())
                })
            })
    }

    /// The runs of a paragraph child, modelled once.
    fn runs(&mut self, piece: &Piece) -> Option<&[runs::Run]> {
        let (body, xml) = (self.body, self.xml);
        self.pieces
            .entry(piece.xml.start)
            .or_insert_with(|| {
                let expected = body.text.get(piece.text.clone())?;
                runs::runs(
                    xml,
                    piece.xml.clone(),
                    &body.prefix,
                    expected,
                    piece.text.start,
                )
            })
            .as_deref()
    }

    /// Where a range starting at text offset `at` (in `piece`) starts.
    fn start_point(&mut self, piece: &Piece, at: usize) -> Point {
        let fallback = Point::At(piece.xml.start);
        let Some(runs) = self.runs(piece) else {
            return fallback;
        };
        let Some(r) = runs.iter().position(|r| r.text.contains(&at)) else {
            return fallback;
        };
        let run = &runs[r];
        if at == run.text.start || !run.splittable {
            return Point::At(run.xml.start);
        }
        Point::In {
            piece: piece.xml.start,
            run: r,
            offset: at - run.text.start,
        }
    }

    /// Where a range ending before text offset `end` (its last character in `piece`)
    /// ends, and where the comment's reference goes: after the range, outside the
    /// hyperlink or insertion the range ends in.
    fn end_point(&mut self, piece: &Piece, end: usize) -> (Point, Point) {
        let after = Point::At(piece.xml.end);
        let Some(runs) = self.runs(piece) else {
            return (after, after);
        };
        let Some(r) = runs.iter().position(|r| r.text.contains(&(end - 1))) else {
            return (after, after);
        };
        let run = &runs[r];
        let point = if end == run.text.end || !run.splittable {
            Point::At(run.xml.end)
        } else {
            Point::In {
                piece: piece.xml.start,
                run: r,
                offset: end - run.text.start,
            }
        };
        let plain_run = run.xml == piece.xml;
        (point, if plain_run { point } else { after })
    }

    /// A key ordering points as they stand in the part.
    fn key(&self, p: Point) -> (usize, usize) {
        match p {
            Point::At(x) => (x, 0),
            Point::In { piece, run, offset } => {
                let at = self.run(piece, run).map_or(0, |r| r.xml.start);
                (at + 1, offset)
            }
        }
    }

    fn run(&self, piece: usize, run: usize) -> Option<&runs::Run> {
        self.pieces.get(&piece)?.as_ref()?.get(run)
    }

    /// The main part with the marks written in: at their offsets, and inside runs that
    /// are cut for them.
    fn write(
        &self,
        marks: Vec<(Point, Mark, usize)>,
        text: impl Fn(Mark, usize) -> String,
    ) -> String {
        let xml = self.xml;
        // (start, end, mark, id, text): insertions and replaced runs.
        let mut edits: Vec<(usize, usize, Mark, usize, String)> = Vec::new();
        let mut cut: BTreeMap<(usize, usize), Vec<(usize, Mark, usize)>> = BTreeMap::new();
        for (point, kind, id) in marks {
            match point {
                Point::At(x) => edits.push((x, x, kind, id, text(kind, id))),
                Point::In { piece, run, offset } => {
                    cut.entry((piece, run))
                        .or_default()
                        .push((offset, kind, id));
                }
            }
        }
        for ((piece, r), mut cuts) in cut {
            let Some(run) = self.run(piece, r) else {
                continue;
            };
            cuts.sort_unstable();
            let mut grouped: Vec<(usize, String)> = Vec::new();
            for &(offset, kind, id) in &cuts {
                match grouped.last_mut() {
                    Some((o, s)) if *o == offset => s.push_str(&text(kind, id)),
                    _ => grouped.push((offset, text(kind, id))),
                }
            }
            match runs::split(xml, run, &grouped) {
                Some(split) => edits.push((run.xml.start, run.xml.end, Mark::Start, 0, split)),
                None => {
                    // Not cut after all: the marks go around the run.
                    for (_, kind, id) in cuts {
                        let x = if kind == Mark::Start {
                            run.xml.start
                        } else {
                            run.xml.end
                        };
                        edits.push((x, x, kind, id, text(kind, id)));
                    }
                }
            }
        }
        edits.sort_unstable_by_key(|e| (e.0, e.1, e.2, e.3));
        let mut out = String::with_capacity(xml.len() + edits.len() * 96);
        let mut at = 0;
        for (start, end, _, _, text) in &edits {
            let Some(before) = xml.get(at..*start) else {
                // Overlapping edits cannot be made; none are planned.
                continue;
            };
            out.push_str(before);
            out.push_str(text);
            at = *end;
        }
        out.push_str(xml.get(at..).unwrap_or_default());
        out
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

/// The paragraph child that produced the character at `offset` (not an automatic
/// number, which has no element of its own).
fn piece_at(p: &Paragraph, offset: usize) -> Option<&Piece> {
    p.pieces
        .iter()
        .find(|piece| piece.text.contains(&offset) && !piece.xml.is_empty())
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
