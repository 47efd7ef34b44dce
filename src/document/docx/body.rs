//! The main document part (`word/document.xml`) to text, one line per paragraph.
//!
//! Paragraphs are read in document order wherever they stand: in the body, in table
//! cells (nested tables too), in content controls and in text boxes (a text box's
//! paragraphs come before the paragraph that anchors it). Within a paragraph, text is
//! taken from `w:t` in runs, hyperlinks, fields, smart tags and tracked insertions;
//! tracked deletions and moves away, superseded formatting, the fallback copy of
//! alternate content and hidden (`vanish`) runs are left out. `w:tab` becomes a tab,
//! `w:br`/`w:cr` a line break; a drop-down form field shows its chosen entry
//! ([`fields`]). Automatic numbering is written in front of the text as Word shows it.
//!
//! Tables are recorded on their grid as their cells are read ([`cells`]), and each
//! paragraph gets a hint from its style and formatting when it ends ([`close`]), and its
//! number as a reader counts paragraphs ([`Paragraph::ordinal`]). A table of contents is
//! walked for that count, but its entries are not report text and are left out.
//!
//! Alongside the text, every paragraph keeps where it stands in the XML and which of its
//! children produced which piece of text, so that comments can be anchored there
//! ([`crate::annotate`]).

mod cells;
mod close;
mod fields;

use std::collections::HashMap;
use std::ops::Range;

use super::numbering::{Numbering, is_on};
use super::styles::{Styles, half_points, is_centred};
use super::xml::{Kind, Names, Node, Reader, attr};
use crate::outline::Hint;

/// A paragraph of the main part and where its text went.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// The paragraph's number as a reader counts them (shown as “第 N 段”): the
    /// paragraphs of the main text that show something (text or an automatic number), in
    /// document order — body, table cells and table-of-contents entries (whose text is
    /// not extracted) alike; empty paragraphs are not counted, as Word's word count does
    /// not count them. A paragraph in a text box is not part of that sequence: it has the
    /// number of the paragraph the text box is anchored in (of the next counted one when
    /// that paragraph is empty), and a `story` above 0.
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
    /// What the paragraph's formatting says it is: title or heading (its style or
    /// outline level); else a list item (it has an automatic number); else set off for
    /// display (centred, or its text larger than the body text).
    pub hint: Option<Hint>,
    /// 0 in the main story; 1 or more inside (nested) text boxes.
    pub story: usize,
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
    /// The WordprocessingML prefix the part uses (empty if only as default namespace).
    pub prefix: String,
    /// The WordprocessingML namespace the part uses.
    pub namespace: &'static str,
    /// The tables, each cell with its span in `text` (nested tables too).
    pub tables: Vec<crate::document::table::Table>,
}

/// Elements whose content is not part of the visible text.
const SKIPPED: [&str; 12] = [
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
    "rt",
];

/// Run state of an enclosing paragraph, kept while a text box interrupts its run:
/// hidden, the run's properties, its font size.
type RunState = (bool, Option<usize>, Option<u32>);

#[derive(Debug)]
struct Open {
    /// The number it will have if it shows something (see [`Paragraph::ordinal`]).
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
    /// Its own `w:jc`: centred or not.
    centred: Option<bool>,
    in_ppr: bool,
    /// The paragraph mark is a tracked deletion: Word joins it to the next paragraph.
    mark_deleted: bool,
    /// The paragraph child being read: its start in the part and in `buf`.
    child: Option<(usize, usize)>,
    saved_run: RunState,
    /// The text-box nesting the paragraph stands in (0: the main story).
    story: usize,
    /// In a table-of-contents content control.
    toc: bool,
    /// In a table cell.
    in_table: bool,
    /// Visible characters by the font size their run sets (`None`: the style's).
    sizes: Vec<(Option<u32>, usize)>,
    fields: fields::Fields,
}

struct Walker<'a> {
    names: Names,
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    body: Body,
    open: Vec<Open>,
    /// Paragraphs of the main story counted so far (see [`Paragraph::ordinal`]).
    counted: usize,
    skip: Option<usize>,
    in_text: bool,
    hidden: bool,
    /// Depth of the run whose properties are being read.
    run_props: Option<usize>,
    /// The font size the current run sets, in half-points.
    run_size: Option<u32>,
    /// Open `mc:AlternateContent` elements: their depth and whether a choice was taken.
    alternates: Vec<(usize, bool)>,
    /// The next `w:sdtContent` is a table of contents.
    toc_sdt: bool,
    /// The depth of the table-of-contents `w:sdtContent` being read.
    toc_depth: Option<usize>,
    /// Open text boxes.
    stories: usize,
    cells: cells::Cells,
    /// Characters of body text (main story, outside tables) by font size.
    size_chars: HashMap<u32, usize>,
    /// Paragraphs without a hint and the largest font size in each, by index.
    largest: Vec<(usize, u32)>,
}

/// Extract the text of `xml`, numbering paragraphs with `numbering`.
pub(super) fn extract(
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
) -> Result<Body, super::xml::XmlError> {
    let mut w = Walker {
        names: Names::default(),
        styles,
        numbering,
        body: Body::default(),
        open: Vec::new(),
        counted: 0,
        skip: None,
        in_text: false,
        hidden: false,
        run_props: None,
        run_size: None,
        alternates: Vec::new(),
        toc_sdt: false,
        toc_depth: None,
        stories: 0,
        cells: cells::Cells::default(),
        size_chars: HashMap::new(),
        largest: Vec::new(),
    };
    let mut reader = Reader::new(xml);
    while let Some(node) = reader.next()? {
        w.node(&node);
    }
    // A truncated part could leave paragraphs open; keep what they hold.
    while let Some(p) = w.open.pop() {
        w.close(p, xml.len());
    }
    w.finish();
    w.body.prefix = w.names.w_prefix().to_owned();
    w.body.namespace = w.names.namespace();
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
                // A line end typed into `w:t` shows as a space in Word.
                let text = n.text();
                if text.contains(['\n', '\r']) {
                    self.visible_text(&text.replace(['\n', '\r'], " "));
                } else {
                    self.visible_text(text);
                }
            }
            return;
        }
        if self.alternate(n) {
            return;
        }
        let Some(local) = self.names.w(n.name) else {
            return;
        };
        if n.kind == Kind::Start && SKIPPED.contains(&local) {
            self.skip = Some(n.depth);
            return;
        }
        match (local, n.kind) {
            ("txbxContent", Kind::Start) => self.stories += 1,
            ("txbxContent", Kind::End) => self.stories = self.stories.saturating_sub(1),
            ("docPartGallery", _) if n.is_start() => {
                self.toc_sdt = attr(n, &self.names, "val")
                    .is_some_and(|v| v.eq_ignore_ascii_case("Table of Contents"));
            }
            ("sdtContent", Kind::Start) if self.toc_sdt && self.toc_depth.is_none() => {
                self.toc_sdt = false;
                self.toc_depth = Some(n.depth);
            }
            ("sdtContent", Kind::End) if self.toc_depth == Some(n.depth) => {
                self.toc_depth = None;
            }
            _ => {}
        }
        if self.cells.node(local, n, &self.names, self.body.text.len()) {
            return;
        }
        if local == "p" {
            if n.is_start() {
                self.open_paragraph(n);
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
                    "ilvl" => p.ilvl = val().and_then(|v| v.trim().parse().ok()),
                    "outlineLvl" => p.outline = val().and_then(|v| v.trim().parse().ok()),
                    "jc" => p.centred = val().map(|v| is_centred(&v)),
                    "del" | "moveFrom" => p.mark_deleted = true,
                    _ => {}
                }
            }
            return;
        }
        if child_level && n.is_start() {
            p.child = Some((n.at, p.buf.len()));
        }
        self.inline(local, n);
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

    /// A `w:p` starts: its number if it turns out to show something, or the number of
    /// the paragraph its text box is anchored in.
    fn open_paragraph(&mut self, n: &Node<'_>) {
        let ordinal = match self.open.first() {
            Some(anchor) if self.stories > 0 => anchor.ordinal,
            _ => self.counted + 1,
        };
        self.cells.content(self.body.text.len());
        let saved_run = (self.hidden, self.run_props, self.run_size);
        self.hidden = false;
        self.run_props = None;
        self.run_size = None;
        self.open.push(Open {
            ordinal,
            depth: n.depth,
            xml_start: n.at,
            content: (n.kind == Kind::Start).then_some(n.end),
            buf: String::new(),
            pieces: Vec::new(),
            style: None,
            num_id: None,
            ilvl: None,
            outline: None,
            centred: None,
            in_ppr: false,
            mark_deleted: false,
            child: None,
            saved_run,
            story: self.stories,
            toc: self.toc_depth.is_some(),
            in_table: self.cells.in_table(),
            sizes: Vec::new(),
            fields: fields::Fields::default(),
        });
    }

    /// Elements inside a paragraph's content: runs and what they hold.
    fn inline(&mut self, local: &str, n: &Node<'_>) {
        let val = || attr(n, &self.names, "val");
        match (local, n.kind) {
            ("r", Kind::Start) => {
                self.hidden = false;
                self.run_props = None;
                self.run_size = None;
            }
            ("rPr", Kind::Start) if self.run_props.is_none() => self.run_props = Some(n.depth),
            ("rPr", Kind::End) if self.run_props == Some(n.depth) => self.run_props = None,
            ("vanish" | "specVanish", _) if n.is_start() && self.run_props.is_some() => {
                self.hidden = val().is_none_or(|v| is_on(&v));
            }
            ("sz", _) if n.is_start() && self.run_props.is_some() => {
                self.run_size = val().and_then(|v| half_points(&v));
            }
            ("t", Kind::Start) => self.in_text = true,
            ("t", Kind::End) => self.in_text = false,
            ("tab" | "ptab", Kind::Empty) if !self.hidden => {
                self.push_text("\t");
            }
            ("br" | "cr", Kind::Empty) if !self.hidden => {
                self.push_text("\n");
            }
            ("noBreakHyphen", Kind::Empty) if !self.hidden => {
                self.push_text("-");
            }
            ("sym", _) if n.is_start() && !self.hidden => {
                // Symbol-font characters (F000–F0FF) have no Unicode meaning of their own.
                let c = attr(n, &self.names, "char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .filter(|c| !(0xF000..=0xF0FF).contains(c))
                    .and_then(char::from_u32);
                if let Some(c) = c {
                    self.visible_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            ("fldChar", _) if n.is_start() => {
                let kind = attr(n, &self.names, "fldCharType").unwrap_or_default();
                let shown = self.open.last_mut().and_then(|p| p.fields.char(&kind));
                if let Some(text) = shown
                    && !self.hidden
                {
                    self.visible_text(&text);
                }
            }
            ("ddList", _) => {
                let opens = n.kind == Kind::Start;
                if let Some(p) = self.open.last_mut() {
                    p.fields.list(opens);
                }
            }
            ("listEntry" | "result" | "default", _) if n.is_start() => {
                let v = val();
                if let Some(p) = self.open.last_mut() {
                    p.fields.list_item(local, v);
                }
            }
            _ => {}
        }
    }

    /// Markup compatibility: of an `mc:AlternateContent`, read the first `mc:Choice`
    /// whose requirements Word knows, else the `mc:Fallback`. Returns whether the node
    /// was consumed.
    fn alternate(&mut self, n: &Node<'_>) -> bool {
        let names = &self.names;
        if names.is_mc(n.name, "AlternateContent") {
            match n.kind {
                Kind::Start => self.alternates.push((n.depth, false)),
                Kind::End => {
                    self.alternates.pop();
                }
                _ => {}
            }
            return true;
        }
        let inside = self
            .alternates
            .last()
            .is_some_and(|&(depth, _)| n.depth == depth + 1);
        if !inside || n.kind != Kind::Start {
            return false;
        }
        let taken = self.alternates.last().is_some_and(|&(_, t)| t);
        let read = if names.is_mc(n.name, "Choice") {
            let requires = n
                .attribute("Requires")
                .is_some_and(|r| Names::understands(&r));
            !taken && requires
        } else {
            names.is_mc(n.name, "Fallback") && !taken
        };
        if read {
            if let Some(last) = self.alternates.last_mut() {
                last.1 = true;
            }
        } else {
            self.skip = Some(n.depth);
        }
        true
    }

    /// Characters the reader sees, in the current run's font size.
    fn visible_text(&mut self, s: &str) {
        let size = self.run_size;
        if !self.push_text(s) {
            return;
        }
        let chars = s.chars().filter(|c| !c.is_whitespace()).count();
        if let Some(p) = self.open.last_mut()
            && chars > 0
        {
            match p.sizes.iter_mut().find(|(s, _)| *s == size) {
                Some((_, n)) => *n += chars,
                None => p.sizes.push((size, chars)),
            }
        }
    }

    /// Add to the open paragraph's text; whether it was added.
    fn push_text(&mut self, s: &str) -> bool {
        match self.open.last_mut() {
            Some(p) if !p.fields.suppressed() => {
                // Full-width digits read as digits, one character for one (as for text).
                if s.contains(|c: char| ('０'..='９').contains(&c)) {
                    p.buf
                        .push_str(&crate::document::decode::fold_digits(s.to_owned()));
                } else {
                    p.buf.push_str(s);
                }
                true
            }
            _ => false,
        }
    }
}
