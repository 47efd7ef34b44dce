//! Comments reportlint wrote before: a copy annotated again gets a new set in place of
//! the old one, and other authors' comments stay.
//!
//! Ours are the comments whose author is [`AUTHOR`]. They leave the comments part; their
//! range marks and the runs holding their references leave the main part; and where
//! Word added its extension parts on saving (`commentsExtended`, `commentsIds`,
//! `commentsExtensible`), their entries leave those too, a reply keeping its text but no
//! longer pointing at a removed comment.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use quick_xml::events::{BytesStart, Event};
use regex::Regex;

use super::{AUTHOR, write_package};
use crate::document::docx::{self, DocxError, Extracted, Package};

/// The package in `bytes` (read into `extracted`) without reportlint's comments, or
/// `None` when it has none.
pub(super) fn strip(bytes: &[u8], extracted: &Extracted) -> Result<Option<Vec<u8>>, DocxError> {
    let (rels_part, rels_xml) = &extracted.rels;
    let Some(rels_xml) = rels_xml else {
        return Ok(None);
    };
    let related = docx::relationships(rels_xml, rels_part)?;
    let part_of = |kind: &str| {
        related
            .iter()
            .find(|r| r.kind.ends_with(kind))
            .map(|r| docx::resolve(&extracted.main_part, &r.target))
    };
    let Some(comments_part) = part_of("/comments") else {
        return Ok(None);
    };
    let mut package = Package::open(bytes)?;
    let Some(comments) = package.part(&comments_part)? else {
        return Ok(None);
    };
    let ours = Ours::find(&comments);
    if ours.ids.is_empty() {
        return Ok(None);
    }
    let mut changed = vec![
        (comments_part, cut(&comments, &ours.comments)),
        (
            extracted.main_part.clone(),
            cut(&extracted.xml, &marks(&extracted.xml, &ours.ids)),
        ),
    ];
    // Word's extension parts, by paragraph id and durable id.
    let mut durable = HashSet::new();
    if let Some(name) = part_of("/commentsIds")
        && let Some(xml) = package.part(&name)?
    {
        let ranges = elements(&xml, |local, tag| {
            let hit = local == "commentId"
                && attr(tag, "paraId").is_some_and(|p| ours.paras.contains(&p));
            if hit && let Some(d) = attr(tag, "durableId") {
                durable.insert(d);
            }
            hit
        });
        changed.push((name, cut(&xml, &ranges)));
    }
    if let Some(name) = part_of("/commentsExtensible")
        && let Some(xml) = package.part(&name)?
    {
        let ranges = elements(&xml, |local, tag| {
            local == "commentExtensible"
                && attr(tag, "durableId").is_some_and(|d| durable.contains(&d))
        });
        changed.push((name, cut(&xml, &ranges)));
    }
    if let Some(name) = part_of("/commentsExtended")
        && let Some(xml) = package.part(&name)?
    {
        let ranges = elements(&xml, |local, tag| {
            local == "commentEx" && attr(tag, "paraId").is_some_and(|p| ours.paras.contains(&p))
        });
        let kept = cut(&xml, &ranges);
        changed.push((name, orphan_replies(&kept, &ours.paras)));
    }
    let names = package.names();
    write_package(bytes, &names, &changed).map(Some)
}

/// Our comments in a comments part.
#[derive(Debug, Default)]
struct Ours {
    /// Their ids.
    ids: HashSet<String>,
    /// Their elements.
    comments: Vec<Range<usize>>,
    /// The Word paragraph ids (`w14:paraId`) of their paragraphs.
    paras: HashSet<String>,
}

impl Ours {
    fn find(xml: &str) -> Ours {
        let mut ours = Ours::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        // The comment being read, if it is ours: its start and depth.
        let mut open: Option<(usize, usize)> = None;
        let mut depth = 0;
        loop {
            let at = position(&reader);
            let Ok(event) = reader.read_event() else {
                // A damaged part: nothing is taken out of it.
                return Ours::default();
            };
            let end = position(&reader);
            match &event {
                Event::Start(tag) | Event::Empty(tag) => {
                    let local = local(tag);
                    if local == "comment"
                        && attr(tag, "author").as_deref() == Some(AUTHOR)
                        && let Some(id) = attr(tag, "id")
                    {
                        ours.ids.insert(id.trim().to_owned());
                        if matches!(event, Event::Empty(_)) {
                            ours.comments.push(at..end);
                        } else {
                            open = Some((at, depth));
                        }
                    } else if open.is_some()
                        && local == "p"
                        && let Some(p) = attr(tag, "paraId")
                    {
                        ours.paras.insert(p);
                    }
                    if matches!(event, Event::Start(_)) {
                        depth += 1;
                    }
                }
                Event::End(_) => {
                    depth -= 1;
                    if let Some((start, d)) = open
                        && d == depth
                    {
                        ours.comments.push(start..end);
                        open = None;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        ours
    }
}

/// In the main part: the range marks of the comments `ids`, and the runs holding their
/// references (only the reference where its run holds more).
fn marks(xml: &str, ids: &HashSet<String>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    // Open runs: start, and whether they hold anything but properties and a reference
    // of ours (`None` until a reference of ours is seen).
    let mut runs: Vec<(usize, usize, RunContent)> = Vec::new();
    let mut depth = 0;
    loop {
        let at = position(&reader);
        let Ok(event) = reader.read_event() else {
            return Vec::new();
        };
        let end = position(&reader);
        match &event {
            Event::Start(tag) | Event::Empty(tag) => {
                let local = local(tag);
                let ours = || attr(tag, "id").is_some_and(|id| ids.contains(id.trim()));
                let child_of_run = runs.last().is_some_and(|r| r.1 + 1 == depth);
                match local.as_str() {
                    "commentRangeStart" | "commentRangeEnd" if ours() => out.push(at..end),
                    "commentReference" if ours() => {
                        if let Some(run) = runs.last_mut().filter(|_| child_of_run) {
                            run.2.reference = Some(at..end);
                        } else {
                            out.push(at..end);
                        }
                    }
                    "r" if matches!(event, Event::Start(_)) => {
                        runs.push((at, depth, RunContent::default()));
                    }
                    "rPr" => {}
                    _ => {
                        if let Some(run) = runs.last_mut().filter(|_| child_of_run) {
                            run.2.more = true;
                        }
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth -= 1;
                if runs.last().is_some_and(|r| r.1 == depth) {
                    let (start, _, content) = runs.pop().unwrap_or_default();
                    if let Some(reference) = content.reference {
                        out.push(if content.more { reference } else { start..end });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[derive(Debug, Default)]
struct RunContent {
    reference: Option<Range<usize>>,
    more: bool,
}

/// The elements of `xml` (whole, with their content) for which `wanted(local name, tag)`.
fn elements(xml: &str, mut wanted: impl FnMut(&str, &BytesStart<'_>) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Option<(usize, usize)> = None;
    let mut depth = 0;
    loop {
        let at = position(&reader);
        let Ok(event) = reader.read_event() else {
            return Vec::new();
        };
        let end = position(&reader);
        match &event {
            Event::Start(tag) | Event::Empty(tag) => {
                let hit = open.is_none() && wanted(&local(tag), tag);
                match &event {
                    Event::Start(_) => {
                        if hit {
                            open = Some((at, depth));
                        }
                        depth += 1;
                    }
                    _ if hit => out.push(at..end),
                    _ => {}
                }
            }
            Event::End(_) => {
                depth -= 1;
                if let Some((start, d)) = open
                    && d == depth
                {
                    out.push(start..end);
                    open = None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// `xml` without the byte ranges `ranges` (ascending, not overlapping).
fn cut(xml: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut at = 0;
    for r in ranges {
        if let Some(kept) = xml.get(at..r.start) {
            out.push_str(kept);
            at = r.end;
        }
    }
    out.push_str(xml.get(at..).unwrap_or_default());
    out
}

/// Replies to removed comments (`w15:paraIdParent` naming one) stand alone.
fn orphan_replies(xml: &str, paras: &HashSet<String>) -> String {
    static PARENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\s+(?:[\w.-]+:)?paraIdParent\s*=\s*(?:"([^"]*)"|'([^']*)')"#)
            .expect("valid regex")
    });
    PARENT
        .replace_all(xml, |c: &regex::Captures<'_>| {
            let value = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            if paras.contains(value) {
                String::new()
            } else {
                c[0].to_owned()
            }
        })
        .into_owned()
}

/// The local name of an element.
fn local(tag: &BytesStart<'_>) -> String {
    let name: &str = tag.name().into_inner();
    name.rsplit(':').next().unwrap_or(name).to_owned()
}

/// An attribute by its local name, whatever its prefix.
fn attr(tag: &BytesStart<'_>, wanted: &str) -> Option<String> {
    tag.attributes().with_checks(false).flatten().find_map(|a| {
        let key: &str = a.key.into_inner();
        (key.rsplit(':').next() == Some(wanted)).then(|| a.value.to_string())
    })
}

fn position(reader: &quick_xml::Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}
