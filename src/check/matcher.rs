//! A [`Matcher`] finds phrases in a stretch of text: by regular expression, by a term
//! list matched at word starts, or both, minus matches that overlap an `exclude` pattern
//! and, where asked, matches inside 《book titles》.

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::pack::{Compiling, PackResult};
use crate::segment::Words;
use crate::span::Span;

/// A matcher as written in YAML.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawMatcher {
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub exclude: Option<Spanned<String>>,
}

/// Compiled phrase matcher.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    /// Regular expression alternatives.
    pub pattern: Option<Regex>,
    /// Literal terms, matched where a word starts.
    pub terms: Vec<String>,
    /// Matches overlapping a match of this pattern are dropped.
    pub exclude: Option<Regex>,
}

/// Where matching looks, and what it skips.
#[derive(Clone, Copy, Debug)]
pub struct Haystack<'a> {
    /// The whole document text.
    pub text: &'a str,
    /// Word starts of the whole text.
    pub words: &'a Words,
    /// Skip matches that lie inside 《…》.
    pub skip_titles: bool,
}

impl Matcher {
    /// Validate a matcher: its regexes, and that it looks for something.
    pub(crate) fn compile(at: &Spanned<RawMatcher>, cx: &Compiling<'_>) -> PackResult<Matcher> {
        let raw = &at.value;
        let m = Matcher {
            pattern: cx.opt_regex(raw.pattern.as_ref())?,
            terms: raw
                .terms
                .iter()
                .filter(|t| !t.is_empty())
                .cloned()
                .collect(),
            exclude: cx.opt_regex(raw.exclude.as_ref())?,
        };
        if m.is_empty() {
            return Err(cx.error(
                at,
                "匹配条件为空".to_owned(),
                "此处",
                Some("请给出 `pattern` 或 `terms`".to_owned()),
            ));
        }
        Ok(m)
    }

    /// [`Matcher::compile`] of an optional matcher; none finds nothing.
    pub(crate) fn compile_opt(
        at: Option<&Spanned<RawMatcher>>,
        cx: &Compiling<'_>,
    ) -> PackResult<Matcher> {
        at.map_or_else(|| Ok(Matcher::default()), |m| Matcher::compile(m, cx))
    }

    /// Whether the matcher has anything to look for.
    pub fn is_empty(&self) -> bool {
        self.pattern.is_none() && self.terms.is_empty()
    }

    /// Every match within `span`, in text order.
    pub fn find(&self, hay: Haystack<'_>, span: Span) -> Vec<Span> {
        let s = span.slice(hay.text);
        let mut found: Vec<Span> = Vec::new();
        if let Some(re) = &self.pattern {
            found.extend(
                re.find_iter(s)
                    .filter(|m| !m.is_empty())
                    .map(|m| Span::new(span.start + m.start(), span.start + m.end())),
            );
        }
        for term in &self.terms {
            found.extend(
                s.match_indices(term.as_str())
                    .map(|(i, t)| Span::new(span.start + i, span.start + i + t.len()))
                    .filter(|m| hay.words.starts_at(m.start)),
            );
        }
        if let Some(ex) = &self.exclude {
            let excluded: Vec<Span> = ex
                .find_iter(s)
                .map(|m| Span::new(span.start + m.start(), span.start + m.end()))
                .collect();
            found.retain(|m| !excluded.iter().any(|e| e.start < m.end && m.start < e.end));
        }
        if hay.skip_titles {
            let titles = book_titles(hay.text, span);
            found.retain(|m| !titles.iter().any(|t| t.contains(*m)));
        }
        found.sort();
        found.dedup_by(|b, a| a.contains(*b));
        found
    }

    /// The first match within `span`.
    pub fn first(&self, hay: Haystack<'_>, span: Span) -> Option<Span> {
        self.find(hay, span).into_iter().next()
    }
}

/// Spans of 《…》 inside `span` (unbalanced brackets end at the span's end).
pub fn book_titles(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in span.slice(text).char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    start = span.start + i;
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(Span::new(start, span.start + i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        out.push(Span::new(start, span.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    #[test]
    fn terms_patterns_exclusions_and_titles() {
        let seg = Segmenter::new(["第一责任人"]);
        let text = "落实《党政主要负责人履行推进法治建设第一责任人职责规定》，区长履行第一责任人职责，社区长远发展，合法性审核与法制审核。";
        let words = seg.words(text);
        let hay = Haystack {
            text,
            words: &words,
            skip_titles: true,
        };
        let all = Span::new(0, text.len());
        let m = Matcher {
            terms: vec!["第一责任人".into(), "区长".into()],
            ..Default::default()
        };
        let found: Vec<&str> = m.find(hay, all).iter().map(|s| s.slice(text)).collect();
        assert_eq!(found, ["区长", "第一责任人"]);
        let review = Matcher {
            pattern: Some(Regex::new("审核").unwrap()),
            exclude: Some(Regex::new("合法性审核").unwrap()),
            ..Default::default()
        };
        let found = review.find(hay, all);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start - 6..found[0].end], "法制审核");
    }

    #[test]
    fn book_title_spans() {
        let text = "按照《纲要（2015—2020年）》和《规定》要求";
        let titles: Vec<&str> = book_titles(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(titles, ["《纲要（2015—2020年）》", "《规定》"]);
    }
}
