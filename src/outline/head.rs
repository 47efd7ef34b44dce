//! The edges of a report: what comes before the body (版头 lines, the title over one to
//! three lines, the 主送 line, page chrome) and after it (the 附件说明, the 落款, then
//! 附注, 附件 and 版记).

use std::sync::LazyLock;

use regex::Regex;

use super::date::parse_written_date;
use super::parts::{self, Part, PartKind};
use super::{Builder, Hint, Title, chrome, closing, first_year, is_stray, marker};
use crate::span::Span;

/// Longest title line, in characters.
const MAX_TITLE_CHARS: usize = 60;
/// Longest line above the title's last line (an issuing organ, a unit name).
const MAX_ORGAN_CHARS: usize = 40;
/// Most lines a title runs over.
const MAX_TITLE_LINES: usize = 3;
/// Most 附注 lines between the 落款 and what follows it.
const MAX_NOTES: usize = 3;

static TITLE_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"报告|总结|汇报|情况|法治政府").expect("valid regex"));

impl Builder<'_> {
    /// Classify the head (stray, chrome, 版头, title, addressee) and the tail (版记,
    /// 附件, 附注, 落款, 附件说明, chrome). Returns the range of lines that form the body.
    pub(super) fn edges(&mut self, lines: &[Span]) -> (usize, usize) {
        let mut end = lines.len();
        // Chrome and rules after everything (a rule under a 版记 is the 版记's).
        let mut rules = Vec::new();
        while end > 0 {
            let line = lines[end - 1];
            let s = self.slice(line);
            if self.in_table(line) {
                break;
            }
            if is_stray(s) {
                rules.push(line);
            } else if self.chrome_allowed() && chrome::is_chrome(s, true) {
                self.push_chrome(line);
            } else {
                break;
            }
            end -= 1;
        }
        end = self.tail(lines, end, &mut rules);
        self.outline.stray.extend(rules);
        let start = self.head(lines, end);
        self.outline.stray.sort();
        self.outline.chrome.sort();
        self.outline.parts.sort_by_key(|p| p.span);
        (start, end)
    }

    fn chrome_allowed(&self) -> bool {
        !self.no_chrome
    }

    fn head(&mut self, lines: &[Span], end: usize) -> usize {
        let mut start = 0;
        let mut title_done = false;
        while start < end {
            let span = lines[start];
            let s = self.slice(span);
            if self.in_table(span) {
                // A published page's information table (索引号, 发布机构, …) above the
                // title is the page's, not the report's.
                if self.outline.title.is_none() && !title_done && chrome_allowed_meta(self, s) {
                    let until = self.table_end(span);
                    while start < end && lines[start].start <= until {
                        self.push_chrome(lines[start]);
                        start += 1;
                    }
                    continue;
                }
                break;
            }
            if is_stray(s) {
                self.outline.stray.push(span);
            } else if self.chrome_allowed() && chrome::is_chrome(s, true) {
                self.push_chrome(span);
            } else if !title_done
                && self.outline.title.is_none()
                && parts::is_masthead(s)
                && self.title_lines(lines, start + 1, end).is_some()
            {
                self.push_part(PartKind::Masthead, span);
            } else if !title_done && let Some(n) = self.title_lines(lines, start, end) {
                let title = lines[start].cover(lines[start + n - 1]);
                let year = first_year(self.slice(title));
                self.outline.title = Some(Title { span: title, year });
                title_done = true;
                start += n - 1;
            } else if self.outline.addressee.is_none() && is_addressee(s) {
                self.outline.addressee = Some(span);
                title_done = true;
            } else {
                break;
            }
            start += 1;
        }
        start
    }

    /// How many lines from `lines[i]` form the title, if they do: one line, or up to
    /// three where the last reads as a title's end (`…的报告`) and those above it are
    /// short (an issuing organ, a unit's name), or the lines a word processor sets off
    /// as a title (the Title style; centred or larger type).
    fn title_lines(&self, lines: &[Span], i: usize, end: usize) -> Option<usize> {
        let candidates = lines[i..end]
            .iter()
            .take(MAX_TITLE_LINES)
            .take_while(|&&l| !self.in_table(l) && is_title_line(self.slice(l)))
            .count();
        if candidates == 0 {
            return None;
        }
        let joined_is_title = |n: usize| {
            let s = self.slice(lines[i].cover(lines[i + n - 1]));
            TITLE_WORDS.is_match(s)
        };
        // Lines set off by style or layout.
        let hinted = lines[i..i + candidates]
            .iter()
            .take_while(|&&l| matches!(self.hint(l), Some(Hint::Title | Hint::Display)))
            .count();
        let styled_title = self.hint(lines[i]) == Some(Hint::Title);
        if hinted > 0 && (styled_title || joined_is_title(hinted)) {
            // A title ends at its `…报告` line, even when a centred line follows.
            let ends = (1..=hinted).find(|&n| ends_like_title(self.slice(lines[i + n - 1])));
            return Some(ends.unwrap_or(hinted));
        }
        for n in 1..=candidates {
            let last = self.slice(lines[i + n - 1]);
            if ends_like_title(last) {
                let organs_short = lines[i..i + n - 1]
                    .iter()
                    .all(|&l| self.slice(l).chars().count() <= MAX_ORGAN_CHARS);
                if organs_short && joined_is_title(n) {
                    return Some(n);
                }
                break;
            }
        }
        is_title(self.slice(lines[i])).then_some(1)
    }

    /// The 版记, 附件 and 附注 after the 落款, the 落款, and the 附件说明 before it.
    /// Returns the new end of the body.
    /// `rules` are the rules below `lines[end]`; those right under a 版记 join it.
    fn tail(&mut self, lines: &[Span], mut end: usize, rules: &mut Vec<Span>) -> usize {
        if let Some(first) = parts::imprint_start(self.text, lines, end) {
            let mut span = lines[first].cover(lines[end - 1]);
            let mut k = end;
            while let Some(&l) = lines.get(k)
                && rules.contains(&l)
            {
                span = span.cover(l);
                rules.retain(|r| *r != l);
                k += 1;
            }
            self.push_part(PartKind::Imprint, span);
            end = first;
        }
        // Attachments follow the 落款: the first attachment line with a 落款 (and
        // perhaps 附注) right above it starts them.
        let starts: Vec<usize> = (0..end)
            .filter(|&k| {
                let l = lines[k];
                !self.in_table(l) && parts::is_attachment_start(self.slice(l))
            })
            .collect();
        for (n, &k) in starts.iter().enumerate() {
            if let Some(first) = self.closing_before(lines, k) {
                let bounds: Vec<usize> = starts[n..].iter().copied().chain([end]).collect();
                for w in bounds.windows(2) {
                    self.push_part(PartKind::Attachment, lines[w[0]].cover(lines[w[1] - 1]));
                }
                return self.attachment_list(lines, first);
            }
        }
        match self.closing_before(lines, end) {
            Some(first) => self.attachment_list(lines, first),
            None => end,
        }
    }

    /// Find the 落款 ending right before `lines[end]`, with any 附注 lines between;
    /// returns the index of its first line.
    fn closing_before(&mut self, lines: &[Span], end: usize) -> Option<usize> {
        let mut j = end;
        while j > 0 && end - j < MAX_NOTES && parts::is_note(self.slice(lines[j - 1])) {
            j -= 1;
        }
        let (found, first) = closing::find(self.text, lines, j)?;
        self.outline.closing = Some(found);
        for &note in &lines[j..end] {
            self.push_part(PartKind::Note, note);
        }
        Some(first)
    }

    /// The 附件说明 right before the 落款, if any; returns the new end of the body.
    fn attachment_list(&mut self, lines: &[Span], end: usize) -> usize {
        match parts::attachment_list_start(self.text, lines, end) {
            Some(first) => {
                self.push_part(PartKind::AttachmentList, lines[first].cover(lines[end - 1]));
                first
            }
            None => end,
        }
    }

    fn push_part(&mut self, kind: PartKind, span: Span) {
        self.outline.parts.push(Part { kind, span });
    }

    /// Where the table holding `span` ends.
    fn table_end(&self, span: Span) -> usize {
        let i = self.tables.partition_point(|t| t.end < span.start);
        self.tables.get(i).map_or(span.end, |t| t.end)
    }

    /// Whether the line lies in a table's text.
    pub(super) fn in_table(&self, span: Span) -> bool {
        let i = self.tables.partition_point(|t| t.end < span.start);
        self.tables
            .get(i)
            .is_some_and(|t| t.start <= span.start && span.start <= t.end)
    }
}

/// The first cell of a published page's information table (`索引号：`, `发布机构：`).
static PAGE_INFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(信息)?索\s*引\s*号|^(发布|发文|公开)(机构|机关|单位|日期|方式|范围)\s*[：:]|^(主题分类|主题词|发文字号|文号|成文日期|生成日期|有效性)\s*[：:]")
        .expect("valid regex")
});

/// A page's information table may be set apart (not in a Word document).
fn chrome_allowed_meta(b: &Builder<'_>, s: &str) -> bool {
    b.chrome_allowed() && PAGE_INFO.is_match(s.trim())
}

/// A line that may be (part of) a title: short, no sentence end, no heading number,
/// not ending as an addressee or a clause, not a date.
fn is_title_line(s: &str) -> bool {
    s.chars().count() <= MAX_TITLE_CHARS
        && !s.contains('。')
        && !s.ends_with(['：', ':', '，', ','])
        && marker::parse(s).is_none()
        && parse_written_date(s.trim_matches(['（', '）', '(', ')'])).is_none()
}

/// A one-line title.
pub(super) fn is_title(s: &str) -> bool {
    is_title_line(s) && TITLE_WORDS.is_match(s)
}

fn ends_like_title(s: &str) -> bool {
    s.ends_with("报告") || s.ends_with("总结") || s.ends_with("汇报") || s.ends_with('》')
}

fn is_addressee(s: &str) -> bool {
    s.chars().count() <= 40
        && s.ends_with(['：', ':'])
        && !s.contains('。')
        && marker::parse(s).is_none()
}

/// A report whose line breaks were lost (a page pasted as one paragraph) keeps its title
/// at the start of its first line and its 落款 at the end of its last. Cut them off as
/// lines of their own, at the blanks that stood for the lost breaks: a title-like start
/// (then an addressee), and after the last sentence end an organ and a written date.
pub(super) fn split_run_on_edges(text: &str, lines: &mut Vec<Span>) {
    if let Some(&first) = lines.first() {
        let mut pieces = run_on_head(text, first);
        if pieces.len() > 1 {
            pieces.extend(lines.drain(1..));
            *lines = pieces;
        }
    }
    if let Some(&last) = lines.last() {
        let pieces = run_on_closing(text, last);
        if pieces.len() > 1 {
            lines.pop();
            lines.extend(pieces);
        }
    }
}

fn blank(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{3000}'
}

/// The title (and addressee) pasted before the body on one line, and the rest.
fn run_on_head(text: &str, line: Span) -> Vec<Span> {
    let s = line.slice(text);
    if s.chars().count() <= MAX_TITLE_CHARS || !s.contains('。') {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut at = 0;
    // The first cut after a title's end (`…报告`), within a title's length.
    let title_end = s
        .char_indices()
        .take(MAX_TITLE_CHARS + 1)
        .filter(|&(i, c)| blank(c) && i > 0)
        .map(|(i, _)| i)
        .find(|&i| is_title(&s[..i]) && ends_like_title(&s[..i]));
    if let Some(end) = title_end {
        out.push(Span::new(line.start, line.start + end));
        at = end + s[end..].len() - s[end..].trim_start_matches(blank).len();
    }
    let rest = &s[at..];
    if let Some(colon) = rest.find(['：', ':']) {
        let after = colon + rest[colon..].chars().next().map_or(1, char::len_utf8);
        let addressee = &rest[..after];
        if rest[after..].starts_with(blank)
            && is_addressee(addressee)
            && addressee.chars().count() > 2
        {
            out.push(Span::new(line.start + at, line.start + at + after));
            at += after + rest[after..].len() - rest[after..].trim_start_matches(blank).len();
        }
    }
    if out.is_empty() {
        return vec![line];
    }
    out.push(Span::new(line.start + at, line.end));
    out
}

/// The body and, after its last sentence end, an organ and a written date pasted on
/// the same line.
fn run_on_closing(text: &str, line: Span) -> Vec<Span> {
    let s = line.slice(text);
    let Some(stop) = s.rfind(['。', '！', '？']) else {
        return vec![line];
    };
    let body_end = stop + '。'.len_utf8();
    let tail = &s[body_end..];
    if tail.chars().count() > MAX_ORGAN_CHARS * 2 || !tail.starts_with(blank) {
        return vec![line];
    }
    let mut pieces: Vec<Span> = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in tail.char_indices().chain([(tail.len(), ' ')]) {
        match (blank(c), word) {
            (true, Some(w)) => {
                let start = line.start + body_end;
                pieces.push(Span::new(start + w, start + i));
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
    }
    let dated = pieces
        .last()
        .is_some_and(|d| parse_written_date(d.slice(text)).is_some());
    let organs_ok = pieces[..pieces.len().saturating_sub(1)]
        .iter()
        .all(|p| closing::is_organ(p.slice(text)));
    if pieces.len() < 2 || !dated || !organs_ok {
        return vec![line];
    }
    let mut out = vec![Span::new(line.start, line.start + body_end)];
    out.extend(pieces);
    out
}
