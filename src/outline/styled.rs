//! Word's paragraph styles as outline hints: a line styled as a heading but carrying no
//! number still opens a section, at the level its style maps to.

use super::marker::{self, MarkerForm};
use super::{Builder, Hint};
use crate::span::Span;

/// Longest line a heading style alone makes a heading, in characters.
const MAX_STYLED_HEADING_CHARS: usize = 80;

impl Builder<'_> {
    /// The style hint of the line whose text is `span`.
    pub(super) fn hint(&self, span: Span) -> Option<Hint> {
        let i = self.hints.partition_point(|&(at, _)| at <= span.start);
        let &(at, hint) = self.hints.get(i.checked_sub(1)?)?;
        (!self.text[at..span.start].contains('\n')).then_some(hint)
    }

    /// An automatically numbered list paragraph that is an item, not a heading: in a
    /// document whose headings are set by style (a WPS habit: headings by style, lists
    /// by numbering), or where the number is a list form (`1）`, `1)`).
    pub(super) fn list_item(&self, span: Span, m: marker::Marker) -> bool {
        self.hint(span) == Some(Hint::List)
            && (self.styled_headings || (m.level == 4 && m.form == MarkerForm::Malformed))
    }

    /// Outline levels for heading styles: where numbered lines carry a style, the style
    /// level maps to their marker's level; otherwise the highest style used is level 1.
    pub(super) fn styled_levels(&self, lines: &[Span]) -> Vec<u8> {
        if self.hints.is_empty() {
            return Vec::new();
        }
        let mut known: Option<(u8, u8)> = None;
        let mut highest = u8::MAX;
        for &line in lines {
            if let Some(Hint::Heading(style)) = self.hint(line) {
                highest = highest.min(style);
                if let Some(m) = marker::parse(self.slice(line))
                    && known.is_none_or(|(s, _)| style < s)
                {
                    known = Some((style, m.level));
                }
            }
        }
        let (style0, level0) = known.unwrap_or((highest, 1));
        (1..=9u8)
            .map(|style| {
                let level = i16::from(level0) + i16::from(style) - i16::from(style0);
                level.clamp(1, 5) as u8
            })
            .collect()
    }

    /// Open a section for a line without a marker whose style makes it a heading.
    /// Returns whether it did.
    pub(super) fn styled_heading(&mut self, span: Span) -> bool {
        let Some(Hint::Heading(style)) = self.hint(span) else {
            return false;
        };
        if self.slice(span).chars().count() > MAX_STYLED_HEADING_CHARS {
            return false;
        }
        let level = self.styled_levels[usize::from(style.clamp(1, 9)) - 1];
        let m = match marker::decimal_label(self.slice(span)) {
            Some(m) => marker::Marker { level, ..m },
            None => marker::Marker {
                level,
                number: self.next_number(level),
                form: MarkerForm::Unnumbered,
                len: 0,
                marker_len: 0,
            },
        };
        self.heading(span, m, false);
        true
    }

    /// The number the next heading at `level` would carry in the open section.
    fn next_number(&self, level: u8) -> u32 {
        let parent = self
            .stack
            .iter()
            .rev()
            .copied()
            .find(|&i| self.outline.sections[i].level < level);
        self.outline.sections[parent.map_or(0, |p| p + 1)..]
            .iter()
            .rev()
            .find(|s| s.level == level && s.parent == parent)
            .map_or(1, |s| s.number + 1)
    }
}
