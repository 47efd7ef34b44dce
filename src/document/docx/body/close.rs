//! A paragraph ends: its automatic number, its line in the text, its hint and its
//! number among the paragraphs a reader counts; and what is settled once the whole part
//! is read (which paragraphs are larger than the body text).

use super::super::styles::outline_hint;
use super::{Open, Paragraph, Piece, Walker};
use crate::outline::Hint;

/// How many half-points larger than the body text a paragraph's text must be to be set
/// off for display (1 pt: 三号 is 32, 小二 36, 二号 44).
const DISPLAY_STEP: u32 = 2;

fn blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

impl Walker<'_> {
    /// Number the paragraph, write its line and record where it went. A paragraph in a
    /// table of contents is counted but not written; one deleted with its mark in tracked
    /// changes is neither.
    pub(super) fn close(&mut self, p: Open, xml_end: usize) {
        (self.hidden, self.run_props, self.run_size) = p.saved_run;
        let main = p.story == 0;
        let style = p.style.as_deref();
        if p.toc || self.styles.is_toc(style) {
            if main && !blank(&p.buf) {
                self.counted += 1;
            }
            return;
        }
        if p.mark_deleted && blank(&p.buf) {
            return;
        }
        let styles = self.styles;
        let resolved = if p.mark_deleted {
            None
        } else {
            let numbering = &*self.numbering;
            styles.numbering(style, p.num_id.as_deref(), p.ilvl, |num, s| {
                numbering.level_for_style(num, s)
            })
        };
        let label = resolved
            .and_then(|r| self.numbering.label(&r.num_id, r.ilvl))
            .unwrap_or_default();
        let shows = !label.is_empty() || !blank(&p.buf);
        let ordinal = if main && shows {
            self.counted += 1;
            self.counted
        } else {
            p.ordinal
        };
        let heading = match p.outline {
            Some(level) => outline_hint(level),
            None => styles.hint(style),
        };
        let centred = p.centred.unwrap_or_else(|| styles.centred(style));
        let hint = heading
            .or_else(|| (!label.is_empty()).then_some(Hint::List))
            .or_else(|| (centred && !blank(&p.buf)).then_some(Hint::Display));
        // Font sizes: the largest in the paragraph, and the body text's by characters.
        let style_size = styles.size(style);
        let largest = p
            .sizes
            .iter()
            .map(|&(size, _)| size.unwrap_or(style_size))
            .max();
        if main && !p.in_table && matches!(hint, None | Some(Hint::List)) {
            for &(size, chars) in &p.sizes {
                *self
                    .size_chars
                    .entry(size.unwrap_or(style_size))
                    .or_default() += chars;
            }
        }
        if let (None, Some(largest)) = (hint, largest) {
            self.largest.push((self.body.paragraphs.len(), largest));
        }
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
        self.cells.extend(end);
        self.body.paragraphs.push(Paragraph {
            ordinal,
            story: p.story,
            text: start..end,
            xml: p.xml_start..xml_end,
            content: p.content,
            pieces,
            hint,
        });
    }

    /// Once the part is read: paragraphs whose text is larger than the body text are set
    /// off for display, the tables are handed over, and a text box anchored after the
    /// last counted paragraph takes that paragraph's number.
    pub(super) fn finish(&mut self) {
        let body_size = self.body_size();
        for &(i, largest) in &self.largest {
            if largest >= body_size.saturating_add(DISPLAY_STEP) {
                self.body.paragraphs[i].hint = Some(Hint::Display);
            }
        }
        let last = self.counted.max(1);
        for p in &mut self.body.paragraphs {
            p.ordinal = p.ordinal.min(last);
        }
        self.body.tables = std::mem::take(&mut self.cells).finish();
    }

    /// The font size of the body text, in half-points: the size most of the main text
    /// outside tables, titles, headings and centred lines is set in (the larger on a
    /// tie), else the default paragraph style's. Many reports set every run's size by
    /// hand over a default style of another size, so the style alone would make every
    /// line “larger”.
    fn body_size(&self) -> u32 {
        self.size_chars
            .iter()
            .max_by_key(|&(&size, &chars)| (chars, size))
            .map_or_else(|| self.styles.size(None), |(&size, _)| size)
    }
}
