//! One coordinate system: byte ranges into [`Document::text`](crate::Document).
//!
//! Every span in the model is a [`Span`] of byte offsets. Line and column numbers are
//! derived only when rendering, through a [`LineIndex`] built once per document.
//! Lines are 1-based; columns are 1-based and count Unicode scalar values (characters),
//! not bytes, so that a reviewer's editor and our output agree on Chinese text.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use serde::Serialize;

/// A half-open byte range `start..end` into a document's text, on character boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (`start <= end`).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely within `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the byte offset lies within `self`.
    pub fn contains_offset(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// A 1-based line and 1-based character column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Start offsets of every line, for turning byte offsets into positions; in lines
/// longer than [`CHECKPOINT`] bytes, also checkpoints of the character count, so that
/// a column is counted from the nearest one, not from the start of a very long line.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters since its line's start)`, in text order.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between column checkpoints.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// Index the lines of `text` (lines end with `\n`).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            let (mut at, mut chars) = (start, 0);
            while end - at > CHECKPOINT {
                let mut next = at + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += text[at..next].chars().count();
                at = next;
                checkpoints.push((at, chars));
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// The nearest point at or before `offset` on 0-based `line` whose character column
    /// is known: `(byte offset, characters from the line start)`.
    fn checkpoint(&self, line: usize, offset: usize) -> (usize, usize) {
        let line_start = self.starts[line];
        let i = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, chars)) if at > line_start => (at, chars),
            _ => (line_start, 0),
        }
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte offset where 0-based line `line` starts (the text's length past the end).
    pub fn line_start(&self, line: usize, text: &str) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }

    /// The line and character column of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.line_of(offset);
        let offset = offset.min(text.len());
        let (from, chars) = self.checkpoint(line, offset);
        let column = chars + text[from..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

/// `span` widened to whole characters of `text`: its start moved back and its end
/// forward to character boundaries, and at least one character long (an error library
/// may give a span of one byte inside a Chinese character).
pub fn on_chars(text: &str, span: SourceSpan) -> SourceSpan {
    let mut start = span.offset().min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.offset() + span.len()).clamp(start, text.len());
    if end == start && end < text.len() {
        end += 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    SourceSpan::from((start, end - start))
}

/// Named text for miette that reports **character** columns.
///
/// miette prints `file:line:column` above an excerpt, taking the column from the
/// [`SourceCode`]; `str` would give a byte column, wrong after any Chinese character.
#[derive(Debug)]
pub struct SourceText<T> {
    /// The file name shown in the header.
    pub name: String,
    /// The text spans point into.
    pub text: T,
}

/// Longest line (bytes) shown whole in an error excerpt; a longer one (a pack or config
/// written on one line, a hostile file) is shown as a window around the span.
const MAX_SHOWN_LINE: usize = 240;

/// The part of a long line around `span` (about 60 characters each side), as the
/// excerpt of an error.
fn window<'a, T>(
    source: &'a SourceText<T>,
    text: &'a str,
    span: &SourceSpan,
    start: usize,
    line_start: usize,
    line_end: usize,
) -> MietteSpanContents<'a> {
    const SIDE: usize = 60;
    let mut end = (start + span.len()).min(line_end);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let from = text[line_start..start]
        .char_indices()
        .rev()
        .nth(SIDE - 1)
        .map_or(line_start, |(i, _)| line_start + i);
    let to = text[end..line_end]
        .char_indices()
        .nth(SIDE)
        .map_or(line_end, |(i, _)| end + i);
    let line = text[..line_start].matches('\n').count();
    let column = text[line_start..start].chars().count();
    MietteSpanContents::new_named(
        source.name.clone(),
        &text.as_bytes()[from..to],
        (from, to - from).into(),
        line,
        column,
        1,
    )
}

impl<T: AsRef<str> + Send + Sync> SourceCode for SourceText<T> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text.as_ref();
        let mut start = span.offset().min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if line_end - line_start > MAX_SHOWN_LINE {
            return Ok(Box::new(window(
                self, text, span, start, line_start, line_end,
            )));
        }
        let inner = text.read_span(span, before, after)?;
        let column = text[line_start..start].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "一、主要举措\n（一）加强组织领导。2020年\n";
        let index = LineIndex::new(text);
        let cases = [
            (0, 1, 1),
            ("一、".len(), 1, 3),
            (text.find('（').unwrap(), 2, 1),
            (text.find("2020").unwrap(), 2, 11),
        ];
        for (offset, line, column) in cases {
            assert_eq!(
                index.position(text, offset),
                Position { line, column },
                "offset {offset}"
            );
        }
    }

    #[test]
    fn offset_at_end_is_on_last_line() {
        let text = "甲\n乙";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 2, column: 2 }
        );
    }

    #[test]
    fn cover_and_contains() {
        let a = Span::new(3, 9);
        let b = Span::new(6, 12);
        assert_eq!(a.cover(b), Span::new(3, 12));
        assert!(a.cover(b).contains(a));
        assert!(!a.contains(b));
        assert!(a.contains_offset(3) && !a.contains_offset(9));
    }

    #[test]
    fn source_text_reports_character_columns() {
        let source = SourceText {
            name: "报告.txt".to_owned(),
            text: "一、标题\n（一）加强组织领导。",
        };
        let at = source.text.find("加强").unwrap();
        let read = source.read_span(&(at, 6).into(), 0, 0).unwrap();
        assert_eq!((read.line(), read.column()), (1, 3));
        // An offset inside a character is snapped back, not a panic.
        let read = source.read_span(&(at + 1, 2).into(), 0, 0).unwrap();
        assert_eq!(read.column(), 3);
    }

    /// A span of one byte inside a Chinese character (as an error library may give) is
    /// shown on a long line, and widened to the whole character.
    #[test]
    fn a_span_ending_inside_a_character_is_shown_and_widened() {
        let line = format!("{}错误{}", "甲".repeat(200), "乙".repeat(200));
        let source = SourceText {
            name: "包.yaml".to_owned(),
            text: format!("id: x\n{line}\n"),
        };
        let at = source.text.find("错误").unwrap();
        let read = source.read_span(&(at, 1).into(), 0, 0).unwrap();
        assert!(std::str::from_utf8(read.data()).unwrap().contains('错'));
        let widened = on_chars(&source.text, (at + 1, 0).into());
        assert_eq!((widened.offset(), widened.len()), (at, '错'.len_utf8()));
        let end = on_chars(&source.text, (source.text.len(), 0).into());
        assert_eq!((end.offset(), end.len()), (source.text.len(), 0));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_span() {
        let line = format!("{}错误{}", "甲".repeat(5000), "乙".repeat(5000));
        let source = SourceText {
            name: "包.yaml".to_owned(),
            text: format!("id: x\n{line}\n"),
        };
        let at = source.text.find("错误").unwrap();
        let read = source.read_span(&(at, "错误".len()).into(), 1, 1).unwrap();
        let data = std::str::from_utf8(read.data()).unwrap();
        assert!(
            data.contains("错误") && data.chars().count() <= 130,
            "{data}"
        );
        assert_eq!((read.line(), read.column()), (1, 5000));
        assert!(read.span().offset() <= at && at < read.span().offset() + read.span().len());
    }

    #[test]
    fn columns_on_very_long_lines_count_from_checkpoints() {
        let line: String = "法治a政府，".repeat(3000);
        let text = format!("标题\n{line}\n{line}");
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        for (offset, _) in text.char_indices().step_by(97) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let naive = text[line_start..offset].chars().count() + 1;
            assert_eq!(index.position(&text, offset).column, naive, "{offset}");
        }
    }
}
