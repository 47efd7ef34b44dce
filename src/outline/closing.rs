//! The 落款 at the end of a report (GB/T 9704-2012 §7.3.5): the issuing body's name and
//! the 成文日期, on two lines or on one, with up to two issuer lines for joint 党委 and
//! 政府 reports. What follows it (附注, 附件, 版记) is found by [`super::head`].

use std::sync::LazyLock;

use regex::Regex;

use super::Closing;
use super::date::parse_written_date;
use super::marker;
use crate::span::Span;

static ISSUER_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(政府|办事处|街道|镇|乡|局|委员会|委|办公室|办|管委会|党委|党工委|中心|所|厅|院)$")
        .expect("valid regex")
});
static ISSUER_AND_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(.{2,40}?)[ \t\u{3000}]+(\S*\d{4}\s*[年.\-/].*|[〇○零一二三四五六七八九]{4}年.*)$",
    )
    .expect("valid regex")
});

const MAX_ISSUER_CHARS: usize = 40;

/// Find the 落款 among the trimmed `lines[..end]`; returns it and the index of its first
/// line (the new end of the body).
pub(super) fn find(text: &str, lines: &[Span], end: usize) -> Option<(Closing, usize)> {
    let mut i = end;
    let line = *lines[..i].last()?;
    let s = line.slice(text);
    let (inline_issuer, date) = if parse_written_date(s).is_some() {
        (None, line)
    } else if let Some(c) = ISSUER_AND_DATE.captures(s)
        && parse_written_date(&c[2]).is_some()
        && is_issuer(&c[1])
    {
        let at = |g: usize| {
            let m = c.get(g).expect("group matched");
            Span::new(line.start + m.start(), line.start + m.end())
        };
        (Some(at(1)), at(2))
    } else if is_issuer(s) && ISSUER_SUFFIX.is_match(s) && i >= 2 {
        // No date: only a short organisation name ends a report.
        let closing = Closing {
            issuer: Some(line),
            date: None,
            written: None,
            span: line,
        };
        return Some((closing, i - 1));
    } else {
        return None;
    };
    i -= 1;
    let mut issuer = inline_issuer;
    if issuer.is_none() {
        // Up to two issuer lines (joint 党委 and 政府 reports).
        for _ in 0..2 {
            let Some(&prev) = lines[..i].last() else {
                break;
            };
            if !is_issuer(prev.slice(text)) || marker::parse(prev.slice(text)).is_some() {
                break;
            }
            issuer = Some(issuer.map_or(prev, |s| prev.cover(s)));
            i -= 1;
        }
    }
    let start = issuer.unwrap_or(date).start;
    let closing = Closing {
        issuer,
        date: Some(date),
        written: parse_written_date(date.slice(text)),
        span: Span::new(start, date.end),
    };
    Some((closing, i))
}

/// A short line without sentence punctuation that is not a date.
fn is_issuer(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= MAX_ISSUER_CHARS
        && !s.contains(['。', '，', ',', '；', '：', ':', '、'])
        && parse_written_date(s).is_none()
}

/// An issuer named as an organ (`……人民政府`, `……办事处`, `……局`): what a 落款 pasted
/// at the end of a body line must look like to be cut off it.
pub(super) fn is_organ(s: &str) -> bool {
    is_issuer(s) && ISSUER_SUFFIX.is_match(s.trim())
}
