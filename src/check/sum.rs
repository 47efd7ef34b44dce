//! `sum`: a total and its breakdown must agree — `共划分为41个网格（其中…38个网格，1个
//! 居委网格，1个…网格，1个…网格）`, `受理业务19.8万件（其中政务6.5万件，户政13.3万件）`.
//!
//! A breakdown opens with the pack's `breakdown` word (`其中`) and runs to the closing
//! bracket, or to the end of the sentence; its parts are the quantities in it with the
//! total's measure word, each following the previous one closely. The total is the last
//! quantity before the breakdown, in the same sentence and with the same measure word.
//! When the total names what it counts (`41个网格`), parts that count something else
//! (`11个行政村`) are not parts. Approximate figures (`30余件`) are not checked. Sums
//! are compared within the written precision: `tolerance` half-units of the last digit
//! of each rounded figure (19.8万 is 19.75万–19.85万); exact counts must add up exactly.
//! Parts that exceed the total are a finding at the rule's severity when they are
//! bracketed or listed with `、`; otherwise, and when parts fall short, only `info`: a
//! `其中` list may name just the main items, or successive stages (受理78件，审结72件)
//! rather than a partition. A breakdown ends at the next `其中`.
//!
//! ```yaml
//! check:
//!   sum: { breakdown: 其中, units: [件, 宗, 个], tolerance: 0.5 }
//! ```

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::quantity::{Quantity, bracketed, quantities, show};
use super::scope::{Hit, Scope, sentence_around};
use crate::pack::{Compiling, PackResult};
use crate::report::Severity;
use crate::span::Span;

/// A `sum` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawSum {
    /// The word that opens a breakdown (`其中`).
    pub breakdown: Spanned<String>,
    pub units: Vec<String>,
    pub tolerance: f64,
}

/// A compiled `sum` check.
#[derive(Clone, Debug)]
pub struct SumCheck {
    /// The word that opens a breakdown.
    pub breakdown: Regex,
    /// The quantity pattern built from the measure words.
    pub quantity: Regex,
    /// Allowed difference, in half-units of the last written digit of each figure.
    pub tolerance: f64,
}

/// A total with the parts that break it down.
#[derive(Clone, Debug)]
pub struct Breakdown {
    /// The total, if one stands before the breakdown.
    pub total: Option<Quantity>,
    /// The parts.
    pub parts: Vec<Quantity>,
    /// Bracketed, or listed with `、`: meant as the whole of the total. A comma-separated
    /// run after `其中` may be successive stages instead (`受理78件，审结72件`).
    pub enclosed: bool,
}

/// Most characters of text between two parts of one breakdown (bytes; ~16 characters).
const MAX_GAP: usize = 48;

/// Every breakdown in `span` (a sentence or more).
pub fn breakdowns(opener: &Regex, quantity: &Regex, text: &str, span: Span) -> Vec<Breakdown> {
    let brackets = bracketed(text, span);
    let openers: Vec<(usize, usize)> = opener
        .find_iter(span.slice(text))
        .map(|m| (span.start + m.start(), span.start + m.end()))
        .collect();
    let mut out = Vec::new();
    for (n, &(open_start, at)) in openers.iter().enumerate() {
        let sentence = sentence_around(text, Span::new(at, at));
        let bracket = brackets.iter().find(|b| b.start < at && at < b.end);
        // A breakdown ends at its closing bracket or the end of its sentence, and at the
        // next `其中` (which opens a breakdown of its own).
        let end = bracket
            .map_or(sentence.end, |b| b.end)
            .min(openers.get(n + 1).map_or(usize::MAX, |o| o.0));
        // A rate ends it too: `其中网上办理11000件，网上办理率88.3%，办结12398件` — the
        // clause with the rate, and what follows it, are no longer parts.
        let end = rate_clause_start(text, at, end.max(at)).unwrap_or(end);
        let mut parts: Vec<Quantity> = Vec::new();
        let mut last_end = at;
        let mut listed = true;
        for q in quantities(quantity, text, Span::new(at, end.max(at))) {
            if let Some(first) = parts.first()
                && (q.unit != first.unit || q.span.start - last_end > MAX_GAP)
            {
                if q.unit == first.unit {
                    break;
                }
                continue;
            }
            if !parts.is_empty() {
                let gap = &text[last_end..q.span.start];
                listed &= gap.contains('、') && !gap.contains(['，', ',', '；', ';']);
            }
            last_end = q.span.end;
            parts.push(q);
        }
        let before = Span::new(sentence.start.max(span.start).min(open_start), open_start);
        let total = quantities(quantity, text, before)
            .into_iter()
            .last()
            .filter(|t| parts.first().is_some_and(|p| p.unit == t.unit));
        if let Some(t) = &total {
            let head = noun_head(text, t.span.end);
            if !head.is_empty() {
                parts.retain(|p| {
                    let noun = noun_after(text, p.span.end);
                    noun.is_empty() || noun.ends_with(&head)
                });
            }
        }
        out.push(Breakdown {
            total,
            parts,
            enclosed: bracket.is_some() || listed,
        });
    }
    out
}

/// Where the first clause holding a percentage starts, between `from` and `to`.
fn rate_clause_start(text: &str, from: usize, to: usize) -> Option<usize> {
    let s = &text[from..to];
    let pct = s.find(['%', '％'])?;
    let boundary = s[..pct].rfind(['，', ',', '；', ';'])?;
    Some(from + boundary)
}

/// The words after a measure word, up to punctuation, a bracket or a digit.
fn noun_after(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = rest
        .find(|c: char| {
            c.is_ascii_digit() || "，,。；;、（）()：:！？ \n".contains(c) || is_cn_digit(c)
        })
        .unwrap_or(rest.len());
    &rest[..end]
}

fn is_cn_digit(c: char) -> bool {
    "一二三四五六七八九十两".contains(c)
}

/// The last two characters of the noun after a total (`网格` of `41个网格`).
fn noun_head(text: &str, at: usize) -> String {
    let noun: Vec<char> = noun_after(text, at).chars().collect();
    noun[noun.len().saturating_sub(2)..].iter().collect()
}

impl Kind for SumCheck {
    const NAME: &'static str = "sum";
    const LABEL: &'static str = "分项合计";
    type Raw = RawSum;

    fn compile(raw: &RawSum, cx: &Compiling<'_>) -> PackResult<Self> {
        cx.nonempty(&raw.units, "units")?;
        Ok(SumCheck {
            breakdown: cx.regex(&raw.breakdown)?,
            quantity: super::quantity::pattern(&raw.units),
            tolerance: raw.tolerance,
        })
    }
}

impl DocumentKind for SumCheck {
    /// Every breakdown whose parts do not add up to its total.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let text = cx.text();
        let mut hits = Vec::new();
        for b in breakdowns(&self.breakdown, &self.quantity, text, cx.outline.body) {
            let Some(total) = b.total else { continue };
            if b.parts.len() < 2 || total.approx || b.parts.iter().any(|p| p.approx) {
                continue;
            }
            let sum: f64 = b.parts.iter().map(|p| p.value).sum();
            let slack = self.tolerance / 0.5
                * (total.precision + b.parts.iter().map(|p| p.precision).sum::<f64>());
            if (sum - total.value).abs() <= slack + 1e-9 {
                continue;
            }
            let listed: Vec<String> = b
                .parts
                .iter()
                .map(|p| p.span.slice(text).to_owned())
                .collect();
            let short = sum < total.value;
            let partition = b.enclosed && !short;
            let mut hit = Hit::at(
                Some(total.span),
                format!(
                    "总数写作“{}”，其中各项（{}）合计为 {}{}{}",
                    total.span.slice(text),
                    listed.join("、"),
                    show(sum),
                    total.unit,
                    if short {
                        "，少于总数；如果分项本未列全，可忽略"
                    } else {
                        "，超过总数"
                    }
                ),
            );
            if !partition {
                hit.severity = Some(Severity::Info);
            }
            for p in &b.parts {
                hit = hit.label(p.span, "分项");
            }
            hits.push(hit);
        }
        hits
    }
}
