//! Criteria that make a found element *weak* when they fail. Each failed criterion is
//! its own finding, stating what was measured and what the pack expects.
//!
//! | kind        | measures                                                        |
//! |-------------|-----------------------------------------------------------------|
//! | `min-chars` | Chinese characters in the passage body (headings not counted)   |
//! | `min-items` | enumerated items (sub-headings, `一是…`), else matching sentences |
//! | `count`     | matches of a pattern or term list (or distinct terms)            |
//! | `density`   | matches per 1,000 Chinese characters                            |
//! | `year-ref`  | a reference to the report year plus an offset, or an alternative |

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::matcher::{Haystack, Matcher, RawMatcher};
use crate::pack::{Compiling, PackResult};
use crate::report::Severity;
use crate::span::Span;

/// A criterion as written in YAML: its id and exactly one measure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawCriterion {
    pub id: Spanned<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub min_chars: Option<usize>,
    #[serde(default)]
    pub min_items: Option<RawMinItems>,
    #[serde(default)]
    pub count: Option<RawCount>,
    #[serde(default)]
    pub density: Option<RawDensity>,
    #[serde(default)]
    pub year_ref: Option<RawYearRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawMinItems {
    pub min: usize,
    pub what: String,
    #[serde(default)]
    pub sentences: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawCount {
    #[serde(rename = "match")]
    pub matcher: Spanned<RawMatcher>,
    pub min: usize,
    #[serde(default)]
    pub distinct: bool,
    pub what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawDensity {
    #[serde(rename = "match")]
    pub matcher: Spanned<RawMatcher>,
    pub min: f64,
    pub what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawYearRef {
    pub offset: i32,
    #[serde(default)]
    pub alternatives: Option<Spanned<String>>,
    #[serde(default)]
    pub what: Option<String>,
}

/// Validate an element's criteria: unique ids, one measure each.
pub(crate) fn compile(raw: &[RawCriterion], cx: &Compiling<'_>) -> PackResult<Vec<Criterion>> {
    let mut out: Vec<Criterion> = Vec::new();
    for c in raw {
        let id = cx.id(&c.id, "准则")?;
        if out.iter().any(|o| o.id == id) {
            return Err(cx.error(&c.id, format!("准则编号 `{id}` 重复"), "重复的编号", None));
        }
        let mut kinds = Vec::new();
        if let Some(min) = c.min_chars {
            kinds.push(CriterionKind::MinChars { min });
        }
        if let Some(m) = &c.min_items {
            kinds.push(CriterionKind::MinItems {
                min: m.min,
                sentences: cx.opt_regex(m.sentences.as_ref())?,
                what: m.what.clone(),
            });
        }
        if let Some(m) = &c.count {
            kinds.push(CriterionKind::Count {
                matcher: Matcher::compile(&m.matcher, cx)?,
                min: m.min,
                distinct: m.distinct,
                what: m.what.clone(),
            });
        }
        if let Some(m) = &c.density {
            kinds.push(CriterionKind::Density {
                matcher: Matcher::compile(&m.matcher, cx)?,
                min: m.min,
                what: m.what.clone(),
            });
        }
        if let Some(m) = &c.year_ref {
            kinds.push(CriterionKind::YearRef {
                offset: m.offset,
                alternatives: cx.opt_regex(m.alternatives.as_ref())?,
                what: m.what.clone(),
            });
        }
        if kinds.len() != 1 {
            return Err(cx.error(
                &c.id,
                format!(
                    "准则 `{id}` 应当且只能指定一种度量（现有 {} 种）",
                    kinds.len()
                ),
                "此准则",
                Some("可用的度量：min-chars、min-items、count、density、year-ref".to_owned()),
            ));
        }
        out.push(Criterion {
            id,
            severity: c.severity.unwrap_or(Severity::Warning),
            help: c.help.clone(),
            kind: kinds.pop().expect("one kind"),
        });
    }
    Ok(out)
}

/// One compiled criterion.
#[derive(Clone, Debug)]
pub struct Criterion {
    /// Criterion id, unique within its rule.
    pub id: String,
    /// Severity of the finding when it fails.
    pub severity: Severity,
    /// Extra help for this criterion.
    pub help: Option<String>,
    /// What it measures.
    pub kind: CriterionKind,
}

/// The measurement a criterion makes.
#[derive(Clone, Debug)]
pub enum CriterionKind {
    /// At least `min` Chinese characters.
    MinChars {
        /// Threshold.
        min: usize,
    },
    /// At least `min` items; with no enumeration, sentences matching `sentences` count.
    MinItems {
        /// Threshold.
        min: usize,
        /// Which sentences count as items when nothing is enumerated.
        sentences: Option<Regex>,
        /// What an item is, for the message (`问题`, `工作安排`).
        what: String,
    },
    /// At least `min` matches (or distinct matched terms).
    Count {
        /// What to count.
        matcher: Matcher,
        /// Threshold.
        min: usize,
        /// Count distinct matched texts rather than matches.
        distinct: bool,
        /// What is counted, for the message.
        what: String,
    },
    /// At least `min` matches per 1,000 Chinese characters.
    Density {
        /// What to count.
        matcher: Matcher,
        /// Threshold per 1,000 characters.
        min: f64,
        /// What is counted, for the message.
        what: String,
    },
    /// Mentions year Y + `offset`, or matches `alternatives`.
    YearRef {
        /// Offset from the report year.
        offset: i32,
        /// Phrases accepted instead of the year (`下一步`, `下一年度`).
        alternatives: Option<Regex>,
        /// What the alternatives are, for the message (`“下一步”等表述`).
        what: Option<String>,
    },
}

/// What a passage offers for measuring.
pub struct Passage<'a> {
    /// Where to match.
    pub hay: Haystack<'a>,
    /// Heading and body.
    pub span: Span,
    /// Body only (the heading excluded).
    pub body: Span,
    /// Enumerated items within the passage.
    pub items: usize,
    /// Report year, if known.
    pub year: Option<i32>,
}

/// A failed criterion.
pub struct Failure {
    /// Measured value and threshold, in Chinese.
    pub message: String,
    /// Where the evidence points (defaults to the element's anchor).
    pub span: Option<Span>,
}

/// Chinese characters (CJK ideographs) in a string.
pub fn han_count(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(*c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
        .count()
}

/// Sentences of a span, split after 。！？ (the terminator included).
pub fn sentences(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let s = span.slice(text);
    let mut offset = span.start;
    s.split_inclusive(['。', '！', '？', '\n'])
        .filter_map(move |piece| {
            let start = offset;
            offset += piece.len();
            let trimmed = piece.trim();
            (!trimmed.is_empty()).then(|| {
                let lead = piece.len() - piece.trim_start().len();
                Span::new(start + lead, start + lead + trimmed.len())
            })
        })
}

impl Criterion {
    /// Measure the passage; `None` when the criterion holds.
    pub fn evaluate(&self, p: &Passage<'_>) -> Option<Failure> {
        let text = p.hay.text;
        match &self.kind {
            CriterionKind::MinChars { min } => {
                let n = han_count(p.body.slice(text));
                (n < *min).then(|| Failure {
                    message: format!("正文仅 {n} 字，应不少于 {min} 字"),
                    span: None,
                })
            }
            CriterionKind::MinItems {
                min,
                sentences: pattern,
                what,
            } => {
                let n = if p.items > 0 {
                    p.items
                } else {
                    sentences(text, p.body)
                        .filter(|s| pattern.as_ref().is_none_or(|re| re.is_match(s.slice(text))))
                        .count()
                };
                (n < *min).then(|| Failure {
                    message: format!("列出的{what}有 {n} 条，应至少 {min} 条"),
                    span: None,
                })
            }
            CriterionKind::Count {
                matcher,
                min,
                distinct,
                what,
            } => {
                let found = matcher.find(p.hay, p.body);
                let n = if *distinct {
                    let mut seen: Vec<&str> = found.iter().map(|s| s.slice(text)).collect();
                    seen.sort_unstable();
                    seen.dedup();
                    seen.len()
                } else {
                    found.len()
                };
                let unit = if *distinct { "种" } else { "处" };
                (n < *min).then(|| Failure {
                    message: if n == 0 {
                        format!("未见{what}（应至少 {min} {unit}）")
                    } else {
                        format!("{what}仅 {n} {unit}，应至少 {min} {unit}")
                    },
                    span: None,
                })
            }
            CriterionKind::Density { matcher, min, what } => {
                let chars = han_count(p.body.slice(text));
                let n = matcher.find(p.hay, p.body).len();
                let density = if chars == 0 {
                    0.0
                } else {
                    n as f64 * 1000.0 / chars as f64
                };
                (density < *min).then(|| Failure {
                    message: format!(
                        "{what}密度为每千字 {density:.1} 处（{n} 处 / {chars} 字），应不低于 {min:.1} 处"
                    ),
                    span: None,
                })
            }
            CriterionKind::YearRef {
                offset,
                alternatives,
                what,
            } => {
                let year = p.year? + offset;
                let s = p.span.slice(text);
                let mentions_year = crate::outline::years(s).any(|y| y == year);
                let alternative = alternatives.as_ref().is_some_and(|re| re.is_match(s));
                let or = what
                    .as_ref()
                    .map_or_else(String::new, |w| format!("，也没有{w}"));
                (!mentions_year && !alternative).then(|| Failure {
                    message: format!("未提及 {year} 年{or}"),
                    span: None,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_han_and_sentences() {
        assert_eq!(han_count("2020年，我局（ABC）完成3件。"), 6);
        let text = "一是不足。二是原因！\n三是？";
        let s: Vec<&str> = sentences(text, Span::new(0, text.len()))
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(s, ["一是不足。", "二是原因！", "三是？"]);
    }
}
