//! The main document part (`word/document.xml`) to text, one line per paragraph.
//!
//! Paragraphs are read in document order wherever they stand: in the body, in table
//! cells (nested tables too), in content controls and in text boxes (a text box's
//! paragraphs come before the paragraph that anchors it). Within a paragraph, text is
//! taken from `w:t` in runs, hyperlinks, fields, smart tags and tracked insertions;
//! tracked deletions and moves away, superseded formatting, the fallback copy of
//! alternate content and hidden (`vanish`) runs are left out. `w:tab` becomes a tab,
//! `w:br`/`w:cr` a line break. Automatic numbering is written in front of the text as
//! Word shows it.
//!
//! Alongside the text, every paragraph keeps where it stands in the XML and which of its
//! children produced which piece of text, so that comments can be anchored there
//! ([`crate::annotate`]).

use std::ops::Range;

use super::numbering::{Numbering, is_on};
use super::styles::{Styles, outline_hint};
use super::xml::{Kind, Names, Node, Reader, attr};
use crate::outline::Hint;

/// A paragraph of the main part and where its text went.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// 1-based position among all paragraphs of the part, by where they start.
    pub ordinal: usize,
    /// Its line in the extracted text, without the line end.
    pub text: Range<usize>,
    /// The whole `w:p` element in the part.
    pub xml: Range<usize>,
    /// Where the paragraph's content starts in the part (after `w:pPr`); `None` for an
    /// empty-element `<w:p/>`.
    pub content: Option<usize>,
    /// Pieces of text and the child element of the paragraph each came from. The
    /// automatic number, if any, is a piece with an empty XML range at `content`.
    pub pieces: Vec<Piece>,
    /// Title or heading style.
    pub hint: Option<Hint>,
}

/// A piece of a paragraph's text and the paragraph child (run, hyperlink, insertion …)
/// that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Bytes in the extracted text.
    pub text: Range<usize>,
    /// Bytes of the child element in the part.
    pub xml: Range<usize>,
}

/// The text of a main document part.
#[derive(Clone, Debug, Default)]
pub struct Body {
    /// One line per paragraph, each ending in `\n`.
    pub text: String,
    /// The paragraphs, in text order.
    pub paragraphs: Vec<Paragraph>,
    /// The WordprocessingML prefix the part uses.
    pub prefix: String,
}

/// Elements whose content is not part of the visible text.
const SKIPPED: [&str; 11] = [
    "del",
    "moveFrom",
    "pPrChange",
    "rPrChange",
    "sectPr",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "numberingChange",
    "delInstrText",
];

#[derive(Debug)]
struct Open {
    ordinal: usize,
    depth: usize,
    xml_start: usize,
    content: Option<usize>,
    buf: String,
    pieces: Vec<Piece>,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    in_ppr: bool,
    /// The paragraph child being read: its start in the part and in `buf`.
    child: Option<(usize, usize)>,
}

struct Walker<'a> {
    names: Names,
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    body: Body,
    open: Vec<Open>,
    ordinal: usize,
    skip: Option<usize>,
    in_text: bool,
    hidden: bool,
    /// Depth of the run whose properties are being read.
    run_props: Option<usize>,
}

/// Extract the text of `xml`, numbering paragraphs with `numbering`.
pub(super) fn extract(
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
) -> Result<Body, quick_xml::Error> {
    let mut w = Walker {
        names: Names::default(),
        styles,
        numbering,
        body: Body::default(),
        open: Vec::new(),
        ordinal: 0,
        skip: None,
        in_text: false,
        hidden: false,
        run_props: None,
    };
    let mut reader = Reader::new(xml);
    while let Some(node) = reader.next()? {
        w.node(&node);
    }
    // A truncated part could leave paragraphs open; keep what they hold.
    while let Some(p) = w.open.pop() {
        w.close(p, xml.len());
    }
    w.body.prefix = w.names.w_prefix().to_owned();
    Ok(w.body)
}

impl Walker<'_> {
    fn node(&mut self, n: &Node<'_>) {
        if n.is_root() {
            self.names = Names::from_root(n);
        }
        if let Some(depth) = self.skip {
            if n.is_end() && n.depth == depth {
                self.skip = None;
            }
            return;
        }
        if n.kind == Kind::Text {
            if self.in_text && !self.hidden {
                self.push_text(n.text());
            }
            return;
        }
        if n.kind == Kind::Start && self.names.is_mc(n.name, "Fallback") {
            self.skip = Some(n.depth);
            return;
        }
        let Some(local) = self.names.w(n.name) else {
            return;
        };
        if n.kind == Kind::Start && SKIPPED.contains(&local) {
            self.skip = Some(n.depth);
            return;
        }
        if local == "p" {
            if n.is_start() {
                self.ordinal += 1;
                self.open.push(Open {
                    ordinal: self.ordinal,
                    depth: n.depth,
                    xml_start: n.at,
                    content: (n.kind == Kind::Start).then_some(n.end),
                    buf: String::new(),
                    pieces: Vec::new(),
                    style: None,
                    num_id: None,
                    ilvl: None,
                    outline: None,
                    in_ppr: false,
                    child: None,
                });
            }
            if n.is_end()
                && let Some(p) = self.open.pop()
            {
                self.close(p, n.end);
            }
            return;
        }
        let Some(p) = self.open.last_mut() else {
            return;
        };
        let child_level = n.depth == p.depth + 1;
        if local == "pPr" && child_level {
            p.in_ppr = n.kind == Kind::Start;
            if n.is_end() {
                p.content = Some(n.end);
            }
            return;
        }
        if p.in_ppr {
            let val = || attr(n, &self.names, "val");
            if n.is_start() {
                match local {
                    "pStyle" => p.style = val(),
                    "numId" => p.num_id = val(),
                    "ilvl" => p.ilvl = val().and_then(|v| v.parse().ok()),
                    "outlineLvl" => p.outline = val().and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
            return;
        }
        if child_level && n.is_start() {
            p.child = Some((n.at, p.buf.len()));
        }
        match (local, n.kind) {
            ("r", Kind::Start) => {
                self.hidden = false;
                self.run_props = None;
            }
            ("rPr", Kind::Start) if self.run_props.is_none() => self.run_props = Some(n.depth),
            ("rPr", Kind::End) if self.run_props == Some(n.depth) => self.run_props = None,
            ("vanish" | "specVanish", _) if n.is_start() && self.run_props.is_some() => {
                self.hidden = attr(n, &self.names, "val").is_none_or(|v| is_on(&v));
            }
            ("t", Kind::Start) => self.in_text = true,
            ("t", Kind::End) => self.in_text = false,
            ("tab" | "ptab", Kind::Empty) if !self.hidden => self.push_text("\t"),
            ("br" | "cr", Kind::Empty) if !self.hidden => self.push_text("\n"),
            ("noBreakHyphen", Kind::Empty) if !self.hidden => self.push_text("-"),
            _ => {}
        }
        let Some(p) = self.open.last_mut() else {
            return;
        };
        if child_level
            && n.is_end()
            && let Some((xml_start, buf_start)) = p.child.take()
            && p.buf.len() > buf_start
        {
            p.pieces.push(Piece {
                text: buf_start..p.buf.len(),
                xml: xml_start..n.end,
            });
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.open.last_mut() {
            p.buf.push_str(s);
        }
    }

    /// Number the paragraph, write its line and record where it went.
    fn close(&mut self, p: Open, xml_end: usize) {
        let (num_id, ilvl) = match (&p.num_id, p.ilvl) {
            (Some(id), ilvl) => (Some(id.clone()), ilvl),
            (None, _) => match self.styles.numbering(p.style.as_deref()) {
                Some((id, level, style)) => {
                    let level = level
                        .or(p.ilvl)
                        .or_else(|| self.numbering.level_for_style(&id, &style));
                    (Some(id), level)
                }
                None => (None, p.ilvl),
            },
        };
        let label = num_id
            .filter(|id| id != "0")
            .and_then(|id| self.numbering.label(&id, ilvl.unwrap_or(0)))
            .unwrap_or_default();
        let hint = match p.outline {
            Some(level) => outline_hint(level),
            None => self.styles.hint(p.style.as_deref()),
        };
        let text = &mut self.body.text;
        let start = text.len();
        text.push_str(&label);
        let offset = text.len();
        text.push_str(&p.buf);
        let mut pieces = Vec::with_capacity(p.pieces.len() + 1);
        if let (false, Some(at)) = (label.is_empty(), p.content) {
            pieces.push(Piece {
                text: start..offset,
                xml: at..at,
            });
        }
        pieces.extend(p.pieces.into_iter().map(|piece| Piece {
            text: piece.text.start + offset..piece.text.end + offset,
            xml: piece.xml,
        }));
        let end = text.len();
        text.push('\n');
        self.body.paragraphs.push(Paragraph {
            ordinal: p.ordinal,
            text: start..end,
            xml: p.xml_start..xml_end,
            content: p.content,
            pieces,
            hint,
        });
    }
}
