//! The outline of a report: title, 主送 line, preamble, numbered headings and their
//! sections, inline enumerations (一是…二是…), the 落款, web chrome, and the report year.
//!
//! The outline is built from the text alone, line by line, in one pass plus a pass to
//! close sections. Lines are paragraphs. A heading is a line (or, when a marker was
//! pasted onto the end of the previous paragraph, a part of one) that starts with a
//! marker from [`marker`]; its title runs to the first `。`/`：` and any text after that
//! is body text on the same line (a run-in heading).

mod chrome;
mod closing;
pub mod date;
mod head;
pub mod marker;
mod parts;
mod styled;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

pub use chrome::MetaDate;
use date::{Date, DateForm};
use marker::MarkerForm;
pub use parts::{Part, PartKind};

use crate::span::Span;

/// The parsed structure of one report.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// The title line(s), if the report has one.
    pub title: Option<Title>,
    /// The 主送 line (`区委、区政府：`).
    pub addressee: Option<Span>,
    /// Body text before the first heading.
    pub preamble: Option<Span>,
    /// Every heading, in document order, with the section it opens.
    pub sections: Vec<Section>,
    /// Body text pieces (lines, or the text after a run-in heading), in order.
    pub paragraphs: Vec<Paragraph>,
    /// Inline enumeration items (`一是…`), in order.
    pub items: Vec<Item>,
    /// The 落款: issuer and 成文日期.
    pub closing: Option<Closing>,
    /// 版头 lines, the 附件说明, and the 附注, 附件 and 版记 after the 落款, in order.
    pub parts: Vec<Part>,
    /// Lines of web-page chrome kept out of the body.
    pub chrome: Vec<Span>,
    /// Labelled dates found in the chrome (发布时间 …).
    pub meta_dates: Vec<MetaDate>,
    /// Lines with no text at all (a lone `|`).
    pub stray: Vec<Span>,
    /// From the first body line to the last one before the 落款.
    pub body: Span,
    /// The year the report is about.
    pub year: Option<ReportYear>,
}

/// What a word processor's paragraph style says a line is: a hint the outline follows
/// where the text alone does not decide (a heading without a number, a title without
/// 报告 in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// The Title style (`标题`).
    Title,
    /// A heading style or outline level, 1–9 as the word processor counts.
    Heading(u8),
    /// Set off as a title is, without a style saying so: centred, or larger than the
    /// body text. Counts only among the report's first lines.
    Display,
    /// Numbered by a list (automatic numbering) in a paragraph no heading style
    /// carries: a list item, not a heading, where the document's headings are styled
    /// or where the number is a list form such as `1）`.
    List,
}

/// What a reader knows about the text besides its characters.
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout<'a> {
    /// Markdown: leading `#`, `>` and `**` are skipped when reading a line.
    pub markdown: bool,
    /// Paragraph-style hints, by the byte offset of the line they belong to (sorted).
    pub hints: &'a [(usize, Hint)],
    /// Where table cells' text lies (sorted, not overlapping): content, not outline.
    pub tables: &'a [Span],
    /// The text cannot carry web-page chrome (a Word document): no line is set apart
    /// as chrome.
    pub no_chrome: bool,
}

/// The report's title.
#[derive(Clone, Debug)]
pub struct Title {
    /// The title's lines (one to three), line ends included.
    pub span: Span,
    /// A four-digit year written in the title.
    pub year: Option<i32>,
}

/// A numbered heading and the section it opens.
#[derive(Clone, Debug)]
pub struct Section {
    /// Outline level 1–5 (`一、` = 1 … `①` = 5).
    pub level: u8,
    /// The number its marker shows.
    pub number: u32,
    /// How the marker is written.
    pub form: MarkerForm,
    /// The marker itself (`（一）`).
    pub marker: Span,
    /// The heading text after the marker, without its closing `。`/`：`.
    pub title: Span,
    /// Marker, title and closing punctuation.
    pub heading: Span,
    /// Everything after the heading up to the next heading of the same or a higher level.
    pub body: Span,
    /// The enclosing section.
    pub parent: Option<usize>,
    /// Body text follows the heading on the same line.
    pub run_in: bool,
    /// The marker stood inside the previous paragraph (`…水平。 3.强化…`).
    pub merged: bool,
}

impl Section {
    /// Heading and body together.
    pub fn span(&self) -> Span {
        self.heading.cover(self.body)
    }
}

/// A piece of body text.
#[derive(Clone, Copy, Debug)]
pub struct Paragraph {
    /// The text, trimmed.
    pub span: Span,
    /// The innermost section it belongs to.
    pub section: Option<usize>,
}

/// An inline enumeration item: `一是…`, `二是…`.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    /// The ordinal (一 = 1).
    pub number: u32,
    /// The `一是` marker.
    pub marker: Span,
    /// From the marker to the next item or the end of the paragraph.
    pub span: Span,
}

/// The 落款 at the end of a report.
#[derive(Clone, Debug)]
pub struct Closing {
    /// The issuing body's name.
    pub issuer: Option<Span>,
    /// The 成文日期 as written.
    pub date: Option<Span>,
    /// The 成文日期 parsed, with how it is written.
    pub written: Option<(Date, DateForm)>,
    /// Issuer through date.
    pub span: Span,
}

/// Where the report year came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearSource {
    /// A year in the title.
    Title,
    /// The first year in the opening sentence.
    Opening,
    /// The earliest year in a top-level heading.
    Headings,
    /// The year before the 成文日期.
    Closing,
    /// Given on the command line (or by `year` in `reportlint.toml`).
    Override,
    /// Taken from the file's path by the `path-pattern` of `reportlint.toml`.
    Path,
}

/// The year the report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ReportYear {
    /// The year.
    pub value: i32,
    /// Where it was found.
    pub source: YearSource,
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*年").expect("valid regex"));
static ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[。；;：:，,！？\s])([一二三四五六七八九十]{1,2})是").expect("valid regex")
});
/// A heading title longer than this (in characters) that holds a space was most likely
/// joined with its body when the line breaks were lost.
const MAX_RUN_ON_TITLE_CHARS: usize = 60;
/// The shortest title cut at such a space.
const MIN_TITLE_CHARS: usize = 6;

static MERGE_POINT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[。！？；：:][ \t\u{3000}]*").expect("valid regex"));

impl Outline {
    /// Build the outline of `text`. With `markdown`, leading `#`, `>` and `**` are
    /// skipped when reading a line.
    pub fn parse(text: &str, markdown: bool) -> Outline {
        Outline::parse_with(
            text,
            &Layout {
                markdown,
                ..Layout::default()
            },
        )
    }

    /// Build the outline of `text` with what the reader knows of its layout.
    pub fn parse_with(text: &str, layout: &Layout<'_>) -> Outline {
        let mut lines = split_lines(text, layout.markdown);
        head::split_run_on_edges(text, &mut lines);
        let mut b = Builder {
            text,
            outline: Outline::default(),
            stack: Vec::new(),
            hints: layout.hints,
            tables: layout.tables,
            no_chrome: layout.no_chrome,
            styled_headings: layout
                .hints
                .iter()
                .any(|(_, h)| matches!(h, Hint::Heading(_))),
            lead_in: None,
            styled_levels: Vec::new(),
        };
        b.styled_levels = b.styled_levels(&lines);
        let (head_end, tail_start) = b.edges(&lines);
        for &line in &lines[head_end..tail_start] {
            b.body_line(line);
        }
        b.finish(&lines[head_end..tail_start]);
        b.outline
    }

    /// The smallest level used by any heading (the report's top level).
    pub fn top_level(&self) -> Option<u8> {
        self.sections.iter().map(|s| s.level).min()
    }

    /// The spans of the parts of one kind, in order.
    pub fn parts_of(&self, kind: PartKind) -> impl Iterator<Item = Span> + '_ {
        self.parts
            .iter()
            .filter(move |p| p.kind == kind)
            .map(|p| p.span)
    }

    /// The paragraph containing a byte offset.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.start <= offset);
        (i > 0 && offset <= self.paragraphs[i - 1].span.end).then(|| i - 1)
    }
}

struct Builder<'t> {
    text: &'t str,
    outline: Outline,
    /// Open sections, outermost first.
    stack: Vec<usize>,
    hints: &'t [(usize, Hint)],
    tables: &'t [Span],
    no_chrome: bool,
    /// Some line carries a heading style.
    styled_headings: bool,
    /// After a paragraph ending in `：` (a lead-in), the level and number of the list
    /// entry last read under it (0: none yet).
    lead_in: Option<(u8, u32)>,
    /// Outline level for each heading-style level (index 0 = style level 1).
    styled_levels: Vec<u8>,
}

impl Builder<'_> {
    fn slice(&self, span: Span) -> &str {
        span.slice(self.text)
    }

    fn push_chrome(&mut self, span: Span) {
        let line = self.slice(span);
        self.outline
            .meta_dates
            .extend(chrome::labelled_dates(line, span.start));
        self.outline.chrome.push(span);
    }

    fn body_line(&mut self, span: Span) {
        if self.in_table(span) {
            // A table cell is content, never outline.
            self.push_paragraph(span);
            return;
        }
        let s = span.slice(self.text);
        if is_stray(s) {
            self.outline.stray.push(span);
            return;
        }
        if !self.no_chrome && chrome::is_chrome(s, false) {
            self.push_chrome(span);
            return;
        }
        let lead_in = self.lead_in.take();
        match marker::parse(s) {
            Some(m) if self.list_item(span, m) || continues_list(s, m, lead_in) => {
                self.list_entry(span, m);
            }
            Some(m) => self.heading(span, m, false),
            None => {
                if !self.styled_heading(span) {
                    self.paragraph(span);
                    if s.ends_with(['：', ':']) {
                        // Level 0: no entry read yet.
                        self.lead_in = Some((0, 0));
                    }
                }
            }
        }
    }

    /// A numbered list entry: body text and an enumeration item, not a heading.
    fn list_entry(&mut self, span: Span, m: marker::Marker) {
        let marker = Span::new(span.start, span.start + m.marker_len);
        self.outline.items.push(Item {
            number: m.number,
            marker,
            span: trim_punct(self.text, span),
        });
        self.push_paragraph(span);
        self.lead_in = Some((m.level, m.number));
    }

    /// Open a heading whose marker starts at `span.start`.
    fn heading(&mut self, span: Span, m: marker::Marker, merged: bool) {
        let rest_start = span.start + m.len;
        let rest = &self.text[rest_start..span.end];
        let stop = rest
            .char_indices()
            .find(|&(_, c)| matches!(c, '。' | '：' | ':' | '！' | '？'));
        // A report that lost its line breaks: the first sub-heading follows the title
        // after a space (`一、主要举措和成效 （一）加强组织领导。`).
        let child = rest[..stop.map_or(rest.len(), |(i, _)| i)]
            .char_indices()
            .filter(|&(i, c)| i > 0 && is_blank(c))
            .map(|(i, c)| i + c.len_utf8())
            .find(|&q| {
                !rest[q..].starts_with(is_blank)
                    && marker::parse(&rest[q..]).is_some_and(|c| c.number == 1 && c.level > m.level)
            });
        // Or the body did, after a space, where the title would run on far too long.
        let body_after_space = || {
            let limit = stop.map_or(rest.len(), |(i, _)| i);
            if rest[..limit].chars().count() <= MAX_RUN_ON_TITLE_CHARS {
                return None;
            }
            let mut prev = ' ';
            rest[..limit]
                .char_indices()
                .enumerate()
                .find_map(|(n, (i, c))| {
                    let cut = n >= MIN_TITLE_CHARS && is_blank(c) && marker::han(prev);
                    prev = c;
                    cut.then_some(i + c.len_utf8())
                })
        };
        let stop = match child.or_else(body_after_space) {
            Some(q) => {
                let title = trim(self.text, Span::new(rest_start, rest_start + q));
                Some((title.end - rest_start, ' '))
            }
            None => stop,
        };
        let (title, heading_end) = match stop {
            Some((i, ' ')) => (Span::new(rest_start, rest_start + i), rest_start + i),
            Some((i, c)) => (
                Span::new(rest_start, rest_start + i),
                rest_start + i + c.len_utf8(),
            ),
            None => (Span::new(rest_start, span.end), span.end),
        };
        while self
            .stack
            .last()
            .is_some_and(|&top| self.outline.sections[top].level >= m.level)
        {
            self.stack.pop();
        }
        let index = self.outline.sections.len();
        let remainder = trim(self.text, Span::new(heading_end, span.end));
        self.outline.sections.push(Section {
            level: m.level,
            number: m.number,
            form: m.form,
            marker: Span::new(span.start, span.start + m.marker_len),
            title: trim(self.text, title),
            heading: Span::new(span.start, heading_end),
            body: Span::new(heading_end, heading_end),
            parent: self.stack.last().copied(),
            run_in: !remainder.is_empty(),
            merged,
        });
        self.stack.push(index);
        if !remainder.is_empty() {
            self.paragraph(remainder);
        }
    }

    /// Body text; splits off a heading marker pasted after a sentence end when it is the
    /// next number expected at its level.
    fn paragraph(&mut self, span: Span) {
        let s = span.slice(self.text);
        // What followed a heading's title on its line may open the next heading.
        if let Some(m) = marker::parse(s)
            && !self.outline.sections.is_empty()
            && self.expects(m.level, m.number)
        {
            self.heading(span, m, true);
            return;
        }
        for m in MERGE_POINT.find_iter(s) {
            let at = span.start + m.end();
            let Some(next) = marker::parse(&self.text[at..span.end]) else {
                continue;
            };
            if self.expects(next.level, next.number) {
                let before = trim(self.text, Span::new(span.start, at));
                self.push_paragraph(before);
                self.heading(Span::new(at, span.end), next, true);
                return;
            }
        }
        self.push_paragraph(span);
    }

    /// Whether a heading at `level` numbered `number` comes next: the next sibling of an
    /// open section, the first child of the innermost one, or the report's first heading.
    fn expects(&self, level: u8, number: u32) -> bool {
        let sibling = self.stack.iter().any(|&i| {
            let s = &self.outline.sections[i];
            s.level == level && s.number + 1 == number
        });
        let first_child = number == 1
            && match self.stack.last() {
                Some(&i) => self.outline.sections[i].level + 1 == level,
                None => self.outline.sections.is_empty() && level == 1,
            };
        sibling || first_child
    }

    fn push_paragraph(&mut self, span: Span) {
        if span.is_empty() {
            return;
        }
        let s = self.slice(span);
        let mut markers: Vec<(u32, Span)> = ENUMERATOR
            .captures_iter(s)
            .filter_map(|c| {
                let digits = c.get(1)?;
                let number = marker::chinese_number(digits.as_str())?;
                let start = span.start + digits.start();
                Some((number, Span::new(start, start + digits.len() + "是".len())))
            })
            .collect();
        markers.dedup_by_key(|(_, m)| m.start);
        for (k, &(number, marker)) in markers.iter().enumerate() {
            let end = markers.get(k + 1).map_or(span.end, |(_, m)| m.start);
            let item = trim(self.text, Span::new(marker.start, end));
            self.outline.items.push(Item {
                number,
                marker,
                span: trim_punct(self.text, item),
            });
        }
        self.outline.paragraphs.push(Paragraph {
            span,
            section: self.stack.last().copied(),
        });
    }

    fn finish(&mut self, body_lines: &[Span]) {
        let body_end = body_lines.last().map_or(0, |l| l.end);
        let body_start = body_lines.first().map_or(body_end, |l| l.start);
        self.outline.body = Span::new(body_start, body_end);
        // Close sections: each runs to the next heading of the same or a higher level.
        let n = self.outline.sections.len();
        for i in 0..n {
            let level = self.outline.sections[i].level;
            let next = self.outline.sections[i + 1..]
                .iter()
                .find(|s| s.level <= level)
                .map_or(body_end, |s| s.heading.start);
            let start = self.outline.sections[i].heading.end;
            let end = self.text[..next].trim_end().len().max(start);
            self.outline.sections[i].body = Span::new(start, end);
        }
        let first_heading = self.outline.sections.first().map(|s| s.heading.start);
        let preamble: Vec<Span> = self
            .outline
            .paragraphs
            .iter()
            .filter(|p| p.section.is_none() && first_heading.is_none_or(|h| p.span.end <= h))
            .map(|p| p.span)
            .collect();
        if let (Some(first), Some(last)) = (preamble.first(), preamble.last()) {
            self.outline.preamble = Some(first.cover(*last));
        }
        self.outline.stray.sort();
        self.outline.chrome.sort();
        self.outline.year = self.year();
    }

    fn year(&self) -> Option<ReportYear> {
        let o = &self.outline;
        if let Some(value) = o.title.as_ref().and_then(|t| t.year) {
            return Some(ReportYear {
                value,
                source: YearSource::Title,
            });
        }
        let opening = o.preamble.or_else(|| o.paragraphs.first().map(|p| p.span));
        if let Some(span) = opening {
            let s = self.slice(span);
            let first_sentence = s.split_inclusive(['。', '！', '？']).next().unwrap_or(s);
            if let Some(value) = first_year(first_sentence) {
                return Some(ReportYear {
                    value,
                    source: YearSource::Opening,
                });
            }
        }
        let top = o.top_level();
        let heading_year = o
            .sections
            .iter()
            .filter(|s| Some(s.level) == top)
            .filter_map(|s| first_year(self.slice(s.title)))
            .min();
        if let Some(value) = heading_year {
            return Some(ReportYear {
                value,
                source: YearSource::Headings,
            });
        }
        let closing = o.closing.as_ref()?.written?.0.year;
        Some(ReportYear {
            value: closing - 1,
            source: YearSource::Closing,
        })
    }
}

/// Whether a numbered line continues the list a lead-in (`……存在以下不足：`) opened: an
/// Arabic-numbered entry (`1.` `1、` `1）` `（1）`) with the next number, written as one
/// clause or sentence (ending in `；` or `。`, with no sentence end or colon before it, so
/// not a run-in heading such as `1.健全机制。成立……`).
fn continues_list(s: &str, m: marker::Marker, lead_in: Option<(u8, u32)>) -> bool {
    let Some((level, last)) = lead_in else {
        return false;
    };
    let arabic = matches!(m.level, 3 | 4);
    let same_list = (level == 0 && m.number == 1) || (level == m.level && m.number == last + 1);
    let body = s.trim_end();
    let Some(inner) = body.strip_suffix(['；', ';', '。']) else {
        return false;
    };
    arabic && same_list && !inner.contains(['。', '：', ':', '！', '？'])
}

/// The first year written as `2020年` that is not inside 《…》 and not the end of a
/// range (`2015—2020年`).
pub fn first_year(s: &str) -> Option<i32> {
    YEAR.captures_iter(s).find_map(|c| {
        let m = c.get(1)?;
        let before = &s[..m.start()];
        let in_title = before.matches('《').count() > before.matches('》').count();
        let range_end = before
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|ch| "—–-－~～至到".contains(ch));
        (!in_title && !range_end).then(|| m.as_str().parse().ok())?
    })
}

fn split_lines(text: &str, markdown: bool) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let mut span = trim(text, Span::new(start, start + raw.len()));
        if markdown {
            span = strip_markdown(text, span);
        }
        if !span.is_empty() {
            lines.push(span);
        }
    }
    lines
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}'
}

/// Trim whitespace (including U+3000) from both ends of a span.
pub fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start_matches(is_blank).len();
    let trail = s.trim_end_matches(is_blank).len();
    if trail <= lead {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.start + trail)
}

fn trim_punct(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let kept = s.trim_end_matches(['；', ';', '，', ',', ' ']).len();
    Span::new(span.start, span.start + kept)
}

fn strip_markdown(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let inner = s.trim_start_matches(['#', '>']).trim_start();
    let inner = inner.strip_prefix("**").unwrap_or(inner);
    let inner = inner.strip_suffix("**").unwrap_or(inner);
    let start = span.start + (s.len() - s.trim_start_matches(['#', '>']).trim_start().len());
    let start = if s[start - span.start..].starts_with("**") {
        start + 2
    } else {
        start
    };
    trim(text, Span::new(start, start + inner.len()))
}

/// A line with no letter, digit or ideograph (`|`, `---`).
fn is_stray(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;

/// Every year written as `2020年` (or `2020 年度`) in a string.
pub fn years(s: &str) -> impl Iterator<Item = i32> + '_ {
    YEAR.captures_iter(s).filter_map(|c| c[1].parse().ok())
}
