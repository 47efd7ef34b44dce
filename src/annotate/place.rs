//! Where a comment goes: a finding's span mapped back to the main part.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::runs;
use crate::Document;
use crate::document::docx::{self, Paragraph, Piece};
use crate::report::Finding;
use crate::span::Span;

/// Where a comment mark goes in the main part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Point {
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
pub(super) enum Mark {
    Start,
    End,
    Reference,
}

/// Marks to write inside one run: offset into its text, mark, comment id.
type RunMarks = Vec<(usize, Mark, usize)>;

/// Part of a run's text that a fix deletes.
#[derive(Clone, Debug)]
pub(super) struct RunPart {
    /// The paragraph child holding the run, by where it starts in the part.
    pub(super) piece: usize,
    /// The run's index in the child.
    pub(super) run: usize,
    /// The deleted text, as offsets into the run's text.
    pub(super) range: Range<usize>,
}

/// Where a comment's range starts and ends, and where its reference run goes.
#[derive(Debug)]
pub(super) struct Anchor {
    pub(super) start: Point,
    pub(super) end: Point,
    pub(super) reference: Point,
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
pub(super) struct Placer<'a> {
    doc: &'a Document,
    body: &'a docx::Body,
    xml: &'a str,
    /// The runs of each paragraph child looked at, by where the child starts in the
    /// part (`None`: not modelled).
    pieces: HashMap<usize, Option<Vec<runs::Run>>>,
}

impl<'a> Placer<'a> {
    /// A placer for the main part `xml`, read into `body`, whose text `doc` holds.
    pub(super) fn new(doc: &'a Document, body: &'a docx::Body, xml: &'a str) -> Placer<'a> {
        Placer {
            doc,
            body,
            xml,
            pieces: HashMap::new(),
        }
    }

    /// Where a finding's comment goes: exactly around its span where the span's ends lie
    /// in runs, else around the paragraph children (or paragraph) holding them.
    pub(super) fn place(&mut self, f: &Finding) -> Option<Anchor> {
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
        let Some(r) = run_at(runs, at) else {
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
        let Some(r) = run_at(runs, end - 1) else {
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

    /// The runs a fix of the text at `span` deletes, each with the part of its text
    /// (offsets into the run's text): the span lies in one paragraph and is shown
    /// wholly by runs that are direct children of it (not in a hyperlink, field or
    /// another author's insertion). `None` otherwise: the fix stays a comment.
    pub(super) fn revision_runs(&mut self, span: Span) -> Option<Vec<RunPart>> {
        let body = self.body;
        if span.is_empty() || body.text.get(span.start..span.end)?.contains('\n') {
            return None;
        }
        let p = paragraph_at(body, span.start)?;
        if span.end > p.text.end {
            return None;
        }
        let mut parts = Vec::new();
        let mut covered = 0;
        for piece in p
            .pieces
            .iter()
            .filter(|piece| piece.text.start < span.end && span.start < piece.text.end)
        {
            let plain = piece.xml.clone();
            let runs = self.runs(piece)?;
            for (r, run) in runs.iter().enumerate() {
                let (lo, hi) = (run.text.start.max(span.start), run.text.end.min(span.end));
                if lo >= hi {
                    continue;
                }
                if run.xml != plain || !run.splittable {
                    return None;
                }
                covered += hi - lo;
                parts.push(RunPart {
                    piece: plain.start,
                    run: r,
                    range: lo - run.text.start..hi - run.text.start,
                });
            }
        }
        (covered == span.len()).then_some(parts)
    }

    /// The model of run `run` of the paragraph child at `piece`.
    pub(super) fn run_model(&self, piece: usize, run: usize) -> Option<&runs::Run> {
        self.run(piece, run)
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
    pub(super) fn write(
        &self,
        marks: Vec<(Point, Mark, usize)>,
        text: impl Fn(Mark, usize) -> String,
    ) -> String {
        let xml = self.xml;
        // (start, end, mark, id, text): insertions and replaced runs.
        let mut edits: Vec<(usize, usize, Mark, usize, String)> = Vec::new();
        let mut cut: BTreeMap<(usize, usize), RunMarks> = BTreeMap::new();
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
    let i = p.pieces.partition_point(|piece| piece.text.end <= offset);
    p.pieces
        .get(i)
        .filter(|piece| piece.text.contains(&offset) && !piece.xml.is_empty())
}

/// The index of the run (in text order) that shows the character at `offset`.
fn run_at(runs: &[runs::Run], offset: usize) -> Option<usize> {
    let i = runs.partition_point(|r| r.text.end <= offset);
    runs.get(i)
        .is_some_and(|r| r.text.contains(&offset))
        .then_some(i)
}

/// From the paragraph's content start to its end tag.
fn whole(p: &Paragraph, xml: &str) -> Option<Range<usize>> {
    let start = p.content?;
    let end = xml[..p.xml.end].rfind("</")?;
    (start <= end).then_some(start..end)
}
