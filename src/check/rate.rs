//! `rate`: a stated rate must match the counts beside it — `受理3864宗，成功调处3681宗，
//! 调解成功率达94%` is 95.3%, not 94%.
//!
//! Within a sentence, the counts a rate is computed from are the last two quantities
//! before it (after the previous rate) that share a measure word, the whole first and the
//! part second, and the words between them must contain what the rate measures
//! (`成功` of `调解成功率` in `成功调处`, `结案` of `结案率` in `已结案`), so that two
//! unrelated neighbouring figures are not taken for its terms. Counts in brackets, the parts of a multi-part `其中` breakdown,
//! and approximate figures are not candidates; where no such pair exists, or the "part"
//! is larger than the "whole", the rate is not checked. `exclude` drops rates that are not
//! shares (增长率). The stated and computed figures may differ by `tolerance`
//! percentage points (0.5 covers rounding to whole percent), and rounded counts (1.2万)
//! widen the range by their own precision.
//!
//! ```yaml
//! check:
//!   rate:
//!     match: '(?P<name>[\p{Han}]{1,8}?率)[为是达到均]{0,3}\s*(?P<value>\d+(?:\.\d+)?)\s*[%％]'
//!     units: [件, 宗]
//!     tolerance: 0.5
//!     capped: '成功率|办结率|合格率'
//! ```
//!
//! `capped` names rates that are shares of a whole (`办结率`, `出庭应诉率`): one written
//! above 100% is an error whatever stands beside it.

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::criteria::sentences;
use super::kinds::{DocumentKind, Kind};
use super::quantity::{Quantity, bracketed, quantities, trim};
use super::scope::{Hit, Scope};
use super::sum::breakdowns;
use crate::pack::{Compiling, PackResult};
use crate::report::Severity;
use crate::span::Span;

/// A `rate` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawRate {
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub exclude: Option<Spanned<String>>,
    #[serde(default)]
    pub breakdown: Option<Spanned<String>>,
    pub units: Vec<String>,
    pub tolerance: f64,
    #[serde(default)]
    pub capped: Option<Spanned<String>>,
}

/// A compiled `rate` check.
#[derive(Clone, Debug)]
pub struct RateCheck {
    /// A rate: named groups `name` (optional) and `value` (the percentage).
    pub pattern: Regex,
    /// Rates whose name matches this are not shares.
    pub exclude: Option<Regex>,
    /// The quantity pattern built from the measure words.
    pub quantity: Regex,
    /// The breakdown opener (`其中`).
    pub breakdown: Regex,
    /// Allowed difference in percentage points.
    pub tolerance: f64,
    /// Rates that are shares of a whole and cannot exceed 100% (`办结率`, `出庭应诉率`).
    pub capped: Option<Regex>,
}

impl Kind for RateCheck {
    const NAME: &'static str = "rate";
    const LABEL: &'static str = "比率核算";
    type Raw = RawRate;

    fn compile(raw: &RawRate, cx: &Compiling<'_>) -> PackResult<Self> {
        cx.nonempty(&raw.units, "units")?;
        let pattern = cx.regex(&raw.pattern)?;
        if !pattern.capture_names().any(|n| n == Some("value")) {
            return Err(cx.error(
                &raw.pattern,
                "比率的正则表达式缺少命名分组 `value`".to_owned(),
                "此处",
                Some("用 `(?P<value>\\d+(?:\\.\\d+)?)` 标出百分数的数值".to_owned()),
            ));
        }
        Ok(RateCheck {
            pattern,
            exclude: cx.opt_regex(raw.exclude.as_ref())?,
            quantity: super::quantity::pattern(&raw.units),
            breakdown: match &raw.breakdown {
                Some(p) => cx.regex(p)?,
                None => Regex::new(DEFAULT_BREAKDOWN).expect("valid regex"),
            },
            tolerance: raw.tolerance,
            capped: cx.opt_regex(raw.capped.as_ref())?,
        })
    }
}

/// The word that opens a breakdown when the pack names none.
const DEFAULT_BREAKDOWN: &str = "其中";

impl DocumentKind for RateCheck {
    /// Every rate that its counts contradict.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let text = cx.text();
        let mut hits = Vec::new();
        for sentence in sentences(text, cx.outline.body).flat_map(|s| clauses(text, s)) {
            if !sentence.slice(text).contains(['%', '％']) {
                continue;
            }
            let brackets = bracketed(text, sentence);
            let parts: Vec<Span> = breakdowns(&self.breakdown, &self.quantity, text, sentence)
                .into_iter()
                .filter(|b| b.parts.len() > 1)
                .flat_map(|b| b.parts.into_iter().map(|p| p.span))
                .collect();
            let mut from = sentence.start;
            for c in self.pattern.captures_iter(sentence.slice(text)) {
                let whole = c.get(0).expect("match");
                let span = Span::new(sentence.start + whole.start(), sentence.start + whole.end());
                let window = Span::new(from, span.start);
                from = span.end;
                if let Some(hit) = self.over_cap(&c, span) {
                    hits.push(hit);
                    continue;
                }
                if let (Some(ex), Some(name)) = (&self.exclude, c.name("name"))
                    && ex.is_match(name.as_str())
                {
                    continue;
                }
                let Some(value) = c.name("value").and_then(|v| v.as_str().parse::<f64>().ok())
                else {
                    continue;
                };
                let candidates: Vec<Quantity> = quantities(&self.quantity, text, window)
                    .into_iter()
                    .filter(|q| !q.approx)
                    .filter(|q| !brackets.iter().any(|b| b.contains(q.span)))
                    .filter(|q| !parts.contains(&q.span))
                    .collect();
                let Some((part, rest)) = candidates.split_last() else {
                    continue;
                };
                let Some(whole_q) = rest.iter().rev().find(|q| q.unit == part.unit) else {
                    continue;
                };
                if whole_q.value <= 0.0 || part.value > whole_q.value || value > 100.0 {
                    continue;
                }
                let label = &text[whole_q.span.end..part.span.start];
                if let Some(name) = c.name("name")
                    && !names_the_part(name.as_str(), label)
                {
                    continue;
                }
                let computed = part.value / whole_q.value * 100.0;
                // Rounded figures (1.2万) stand for a range; the rate may be any ratio
                // within it.
                let low = (part.value - part.precision) / (whole_q.value + whole_q.precision);
                let high = (part.value + part.precision) / (whole_q.value - whole_q.precision);
                let (low, high) = (low * 100.0, (high * 100.0).min(100.0));
                if value >= low - self.tolerance - 1e-9 && value <= high + self.tolerance + 1e-9 {
                    continue;
                }
                let decimals = c
                    .name("value")
                    .and_then(|v| v.as_str().split('.').nth(1))
                    .map_or(1, |d| d.len().max(1));
                let name = c.name("name").map_or("比率", |n| n.as_str());
                hits.push(
                    Hit::at(
                        Some(span),
                        format!(
                            "{name}写作 {}%，按“{}”÷“{}”计算为 {}%（允许误差 ±{} 个百分点）",
                            trim(value, 2),
                            part.span.slice(text),
                            whole_q.span.slice(text),
                            trim(computed, decimals),
                            trim(self.tolerance, 2)
                        ),
                    )
                    .label(whole_q.span, "分母")
                    .label(part.span, "分子"),
                );
            }
        }
        hits
    }
}

impl RateCheck {
    /// An error for a capped rate above 100%, counts or not.
    fn over_cap(&self, c: &regex::Captures<'_>, span: Span) -> Option<Hit> {
        let name = c.name("name")?.as_str();
        if !self.capped.as_ref()?.is_match(name) {
            return None;
        }
        let value: f64 = c.name("value")?.as_str().parse().ok()?;
        (value > 100.0).then(|| {
            let mut hit = Hit::at(
                Some(span),
                format!(
                    "{name}写作 {}%，超过 100%；{name}是占总数的比例，不会超过 100%",
                    trim(value, 2)
                ),
            );
            hit.severity = Some(Severity::Error);
            hit
        })
    }
}

/// Whether the words before the part contain the last two characters of the rate's
/// name — what it measures (`成功` of `调解成功率` in `成功调处`, `结案` of `结案率` in
/// `已结案`): the counts are that rate's terms, not two neighbouring figures
/// (`评查案卷210份，优秀案卷50份，案卷合格率96%`).
fn names_the_part(name: &str, label: &str) -> bool {
    let chars: Vec<char> = name.trim_end_matches('率').chars().collect();
    let head: String = chars[chars.len().saturating_sub(2)..].iter().collect();
    label.contains(&head)
}

/// A sentence split further at semicolons.
fn clauses(text: &str, sentence: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    for (i, c) in sentence.slice(text).char_indices() {
        if c == '；' || c == ';' {
            let end = sentence.start + i + c.len_utf8();
            out.push(Span::new(start, end));
            start = end;
        }
    }
    if start < sentence.end {
        out.push(Span::new(start, sentence.end));
    }
    out
}
