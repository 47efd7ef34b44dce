//! The excerpt under a finding: the words around its span, within its line, cut to the
//! width of the terminal with `…` on each side where text is left out.
//!
//! miette shows the text a [`SourceCode`] hands it, whole lines of it. Here that text is
//! built for the one finding: each line of its span, cut around the span, with `…` in
//! place of what is left out. Labels are moved into the cut text, and line numbers and
//! the `file:line:column` header still name the place in the report (columns count
//! characters, as every other output does). Widths are display columns: a Chinese
//! character takes two, so the underline stays under its text.

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use unicode_width::UnicodeWidthChar;

use crate::span::{LineIndex, Span};

/// Characters of context shown on each side of a span, when the width allows.
pub const CONTEXT: usize = 25;

const ELLIPSIS: char = '…';

/// One label of a finding: where, what it says, whether it is the main one.
#[derive(Clone, Debug)]
pub struct Label {
    /// Where in the report text.
    pub span: Span,
    /// What it says.
    pub text: Option<String>,
    /// The finding's own place (the others explain it).
    pub primary: bool,
}

/// The cut text of one finding, for miette.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    /// The shown lines, `\n` between them.
    text: String,
    /// The 0-based report line of the first shown line.
    first_line: usize,
    /// Per shown line: the report bytes kept and where they start in `text`.
    kept: Vec<Kept>,
    /// Report column (0-based, in characters) of each label start, by its offset in `text`.
    columns: Vec<(usize, usize)>,
    labels: Vec<LabeledSpan>,
}

#[derive(Clone, Copy, Debug)]
struct Kept {
    start: usize,
    end: usize,
    at: usize,
}

/// The width of a character on a terminal (a tab as miette shows it, at most four).
fn columns(c: char) -> usize {
    if c == '\t' { 4 } else { c.width().unwrap_or(0) }
}

fn width(s: &str) -> usize {
    s.chars().map(columns).sum()
}

impl Excerpt {
    /// The excerpt of `labels` (at least one) in `text`, for a report named `name`,
    /// shown in `width` columns.
    pub fn new(
        name: &str,
        text: &str,
        lines: &LineIndex,
        labels: &[Label],
        width: usize,
    ) -> Option<Excerpt> {
        let primary = labels.iter().find(|l| l.primary).or(labels.first())?;
        let cover = labels.iter().fold(primary.span, |c, l| c.cover(l.span));
        let (first, last) = line_range(lines, labels);
        // When all the labels do not fit on one line, show the main one.
        let wide = first == last && self::width(cover.slice(text)) + 2 > budget(width, last, false);
        let (region, (first, last)) = if wide {
            (
                primary.span,
                line_range(lines, std::slice::from_ref(primary)),
            )
        } else {
            (cover, (first, last))
        };
        let budget = budget(width, last, first != last);
        let mut excerpt = Excerpt {
            name: name.to_owned(),
            text: String::new(),
            first_line: first,
            kept: Vec::new(),
            columns: Vec::new(),
            labels: Vec::new(),
        };
        for line in first..=last {
            let start = lines.line_start(line, text);
            let end = line_end(text, lines.line_start(line + 1, text).max(start));
            let from = if line == first {
                region.start.max(start)
            } else {
                start
            };
            let from = boundary(text, from.min(end));
            let to = if line == last {
                region.end.clamp(from, end)
            } else {
                end
            };
            let to = boundary(text, to);
            let (ws, we) = window(
                text,
                start,
                end,
                from,
                to,
                budget,
                line == first,
                line == last,
            );
            if line > first {
                excerpt.text.push('\n');
            }
            if ws > start {
                excerpt.text.push(ELLIPSIS);
            }
            excerpt.kept.push(Kept {
                start: ws,
                end: we,
                at: excerpt.text.len(),
            });
            excerpt.text.push_str(&text[ws..we]);
            if we < end {
                excerpt.text.push(ELLIPSIS);
            }
        }
        // The main label first: the header takes its column.
        let ordered = labels
            .iter()
            .filter(|l| l.primary)
            .chain(labels.iter().filter(|l| !l.primary));
        for label in ordered {
            let start = excerpt.map(lines, label.span.start, false);
            let end = excerpt.map(lines, label.span.end, true).max(start);
            if end == start && !label.span.is_empty() && !label.primary {
                continue; // Entirely in the cut-off text.
            }
            let column = lines
                .position(text, boundary(text, label.span.start))
                .column
                - 1;
            excerpt.columns.push((start, column));
            let span: SourceSpan = (start, end - start).into();
            excerpt.labels.push(if label.primary {
                LabeledSpan::new_primary_with_span(label.text.clone(), span)
            } else {
                LabeledSpan::new_with_span(label.text.clone(), span)
            });
        }
        Some(excerpt)
    }

    /// The labels, in the excerpt's offsets.
    pub fn labels(&self) -> impl Iterator<Item = LabeledSpan> + '_ {
        self.labels.iter().cloned()
    }

    /// Where report offset `offset` is in the excerpt: within its line's kept text, or
    /// at the nearer end of it. An end offset at a line start belongs to the line before.
    fn map(&self, lines: &LineIndex, offset: usize, end: bool) -> usize {
        let line = if end && offset > 0 {
            lines.line_of(offset - 1)
        } else {
            lines.line_of(offset)
        };
        let Some(k) = line.checked_sub(self.first_line) else {
            return 0;
        };
        let Some(kept) = self.kept.get(k) else {
            return self.text.len();
        };
        kept.at + offset.clamp(kept.start, kept.end) - kept.start
    }
}

/// `at`, or the start of the character it falls in.
fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first and last line the labels touch (an empty span, the line it is on).
fn line_range(lines: &LineIndex, labels: &[Label]) -> (usize, usize) {
    let first = labels.iter().map(|l| lines.line_of(l.span.start)).min();
    let last = labels
        .iter()
        .map(|l| lines.line_of(l.span.end.saturating_sub(1).max(l.span.start)))
        .max();
    (first.unwrap_or(0), last.unwrap_or(0))
}

/// Columns left for the text after miette's gutter (` 41 │ `, and two more per
/// highlight that crosses lines).
fn budget(width: usize, last_line: usize, multi_line: bool) -> usize {
    let digits = (last_line + 1).to_string().len();
    let gutter = digits + 4 + if multi_line { 4 } else { 0 };
    width.saturating_sub(gutter).max(20)
}

/// The end of the line's text (before `\n` and a `\r`).
fn line_end(text: &str, next_line_start: usize) -> usize {
    let s = &text[..next_line_start];
    let s = s.strip_suffix('\n').unwrap_or(s);
    s.strip_suffix('\r').unwrap_or(s).len()
}

/// The part of the line `start..end` to show for the span part `from..to`: up to
/// [`CONTEXT`] characters on either side (before only on the span's first line, after
/// only on its last), within `budget` columns including the `…` marks.
#[allow(clippy::too_many_arguments)]
fn window(
    text: &str,
    start: usize,
    end: usize,
    from: usize,
    to: usize,
    budget: usize,
    first: bool,
    last: bool,
) -> (usize, usize) {
    let marks = |ws: usize, we: usize| usize::from(ws > start) + usize::from(we < end);
    if width(&text[from..to]) + marks(from, to) > budget {
        // The span alone is too wide: on its last line show how it ends, else how it
        // begins.
        if last && !first {
            let mut ws = to;
            for (i, _) in text[start..to].char_indices().rev() {
                if width(&text[start + i..to]) + marks(start + i, to) > budget {
                    break;
                }
                ws = start + i;
            }
            return (ws, to);
        }
        let mut we = from;
        for (i, c) in text[from..end].char_indices() {
            let next = from + i + c.len_utf8();
            if width(&text[from..next]) + marks(from, next) > budget {
                break;
            }
            we = next;
        }
        return (from, we);
    }
    let (mut ws, mut we) = (from, to);
    let mut used = width(&text[from..to]);
    let (mut left, mut right) = (0, 0);
    loop {
        let mut grew = false;
        if first && left < CONTEXT && ws > start {
            let c = text[start..ws].chars().next_back().unwrap_or(' ');
            let w = columns(c);
            if used + w + marks(ws - c.len_utf8(), we) <= budget {
                ws -= c.len_utf8();
                used += w;
                left += 1;
                grew = true;
            }
        }
        if last && right < CONTEXT && we < end {
            let c = text[we..end].chars().next().unwrap_or(' ');
            let w = columns(c);
            if used + w + marks(ws, we + c.len_utf8()) <= budget {
                we += c.len_utf8();
                used += w;
                right += 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (
        whole_word_start(text, start, ws, from),
        whole_word_end(text, end, we, to),
    )
}

/// A cut does not leave part of a number or Latin word: `…64宗` would read as another
/// number.
fn whole_word_start(text: &str, line_start: usize, ws: usize, from: usize) -> usize {
    let inside = |i: usize| {
        text[i..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    };
    if ws == line_start || !inside(ws) || !text[..ws].ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return ws;
    }
    let mut at = ws;
    while at < from && inside(at) {
        at += 1;
    }
    at
}

fn whole_word_end(text: &str, line_end: usize, we: usize, to: usize) -> usize {
    let before = |i: usize| text[..i].ends_with(|c: char| c.is_ascii_alphanumeric());
    if we == line_end || !before(we) || !text[we..].starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return we;
    }
    let mut at = we;
    while at > to && before(at) {
        at -= 1;
    }
    at
}

impl SourceCode for Excerpt {
    /// The whole shown lines that `span` touches; line and column name the report's.
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text.as_str();
        let offset = span.offset().min(text.len());
        let end = (span.offset() + span.len()).clamp(offset, text.len());
        let data_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let data_end = text[end.max(offset)..]
            .find('\n')
            .map_or(text.len(), |i| end + i);
        let line = self.first_line + text[..data_start].matches('\n').count();
        // Only the header reads a column: that of the main label.
        let column = self
            .columns
            .iter()
            .find(|&&(at, _)| at == offset)
            .map_or(0, |&(_, c)| c);
        let data = &text[data_start..data_end];
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data.as_bytes(),
            (data_start, data.len()).into(),
            line,
            column,
            line + data.matches('\n').count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use std::fmt;

    use miette::Diagnostic;

    use super::*;
    use crate::render::diagnostic::Handler;

    #[derive(Debug)]
    struct Shown(Excerpt);

    impl fmt::Display for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("问题")
        }
    }

    impl std::error::Error for Shown {}

    impl Diagnostic for Shown {
        fn source_code(&self) -> Option<&dyn SourceCode> {
            Some(&self.0)
        }

        fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
            Some(Box::new(self.0.labels()))
        }
    }

    fn render(text: &str, spans: &[(&str, usize)], width: usize) -> String {
        let lines = LineIndex::new(text);
        let labels: Vec<Label> = spans
            .iter()
            .enumerate()
            .map(|(i, &(needle, nth))| {
                let start = text.match_indices(needle).nth(nth).unwrap().0;
                Label {
                    span: Span::new(start, start + needle.len()),
                    text: Some(format!("标签{i}")),
                    primary: i == 0,
                }
            })
            .collect();
        let excerpt = Excerpt::new("报告.txt", text, &lines, &labels, width).unwrap();
        let mut out = String::new();
        Handler::new(false, width, 0)
            .render(&mut out, &Shown(excerpt))
            .unwrap();
        out
    }

    fn text_row(out: &str) -> &str {
        out.lines().find(|l| l.contains(" │ ")).unwrap()
    }

    /// The display column where `needle` starts in the text row, and where the
    /// underline starts in the row below it.
    fn columns_of(out: &str, needle: &str) -> (usize, usize) {
        let row = text_row(out);
        let text_at = width(&row[..row.find(needle).unwrap()]);
        let under = out
            .lines()
            .skip_while(|l| !l.contains(" │ "))
            .nth(1)
            .unwrap();
        let under_at = width(&under[..under.find(['─', '┬']).unwrap()]);
        (text_at, under_at)
    }

    const LONG: &str = "一、主要举措\n今年以来，我街道坚持以习近平法治思想为指导，认真开展特特色普法宣传活动，全年共开展活动12场，受教育群众达3000人次，通过政府网站公式平台公开行政执法信息，群众满意度明显提升。\n二、不足\n";

    #[test]
    fn a_short_span_is_shown_in_its_sentence_within_the_width() {
        for width in [60, 80, 100] {
            let out = render(LONG, &[("特特", 0)], width);
            let row = text_row(&out);
            assert!(row.contains("认真开展特特色普法"), "{out}");
            assert!(row.contains(" │ …") && row.ends_with('…'), "{out}");
            assert!(
                out.lines().all(|l| width >= self::width(l)),
                "{width}\n{out}"
            );
            let (text_at, under_at) = columns_of(&out, "特特");
            assert_eq!(text_at, under_at, "{out}");
            assert!(out.contains("[报告.txt:2:27]"), "{out}");
        }
    }

    #[test]
    fn context_is_at_most_a_few_words_on_each_side() {
        let out = render(LONG, &[("公式平台", 0)], 200);
        let row = text_row(&out);
        let shown = row.split(" │ ").nth(1).unwrap();
        let before = shown
            .split("公式平台")
            .next()
            .unwrap()
            .trim_start_matches('…');
        let after = shown
            .split("公式平台")
            .nth(1)
            .unwrap()
            .trim_end_matches('…');
        assert_eq!(before.chars().count(), CONTEXT, "{out}");
        assert!(after.chars().count() <= CONTEXT, "{out}");
        let (text_at, under_at) = columns_of(&out, "公式平台");
        assert_eq!(text_at, under_at, "{out}");
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let out = render(LONG, &[("不足", 0)], 80);
        assert!(text_row(&out).ends_with("│ 二、不足"), "{out}");
        let out = render(LONG, &[("今年以来", 0)], 80);
        let row = text_row(&out);
        assert!(row.contains("│ 今年以来") && row.ends_with('…'), "{out}");
    }

    #[test]
    fn labels_far_apart_show_the_main_one() {
        let out = render(LONG, &[("公式平台", 0), ("今年以来", 0)], 60);
        assert!(out.contains("标签0") && !out.contains("标签1"), "{out}");
        let (text_at, under_at) = columns_of(&out, "公式平台");
        assert_eq!(text_at, under_at, "{out}");
        // Near enough, both are shown.
        let out = render(LONG, &[("3000", 0), ("12", 0)], 80);
        assert!(out.contains("标签0") && out.contains("标签1"), "{out}");
    }

    #[test]
    fn a_span_wider_than_the_terminal_is_cut_at_its_end() {
        let text = format!("{}\n", "法治政府建设".repeat(30));
        let lines = LineIndex::new(&text);
        let labels = [Label {
            span: Span::new(0, text.len() - 1),
            text: None,
            primary: true,
        }];
        let excerpt = Excerpt::new("a", &text, &lines, &labels, 50).unwrap();
        let mut out = String::new();
        Handler::new(false, 50, 0)
            .render(&mut out, &Shown(excerpt))
            .unwrap();
        assert!(
            text_row(&out).ends_with("建设…") || text_row(&out).ends_with('…'),
            "{out}"
        );
        assert!(out.lines().all(|l| width(l) <= 50), "{out}");
    }

    #[test]
    fn numbers_are_not_cut_in_half() {
        let text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥1234567890共计十二项工作";
        let lines = LineIndex::new(text);
        let at = text.find("共计").unwrap();
        let labels = [Label {
            span: Span::new(at, at + "共计".len()),
            text: None,
            primary: true,
        }];
        let excerpt = Excerpt::new("a", text, &lines, &labels, 30).unwrap();
        let row = excerpt.text.clone();
        assert!(
            row.starts_with("…共计") || row.starts_with("…1234567890"),
            "{row}"
        );
    }

    #[test]
    fn any_span_renders_without_panicking() {
        let text = "第一行\n二、标题很长很长很长很长很长很长很长很长很长很长\r\n\n末行没有换行";
        let lines = LineIndex::new(text);
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        for &start in &offsets {
            for &end in offsets.iter().filter(|&&e| e >= start) {
                let labels = [
                    Label {
                        span: Span::new(start, end),
                        text: Some("此处".to_owned()),
                        primary: true,
                    },
                    Label {
                        span: Span::new(0, 3),
                        text: Some("开头".to_owned()),
                        primary: false,
                    },
                ];
                let excerpt = Excerpt::new("a", text, &lines, &labels, 24).unwrap();
                let mut out = String::new();
                Handler::new(false, 24, 0)
                    .render(&mut out, &Shown(excerpt))
                    .unwrap();
                let line = lines.position(text, start).line;
                assert!(
                    out.contains(&format!("[a:{line}:")),
                    "{start}..{end}\n{out}"
                );
            }
        }
    }
}
