//! The reviewer's summary of several reports as JSON, for the page's matrix: each
//! report's unit, the per-rule totals and the near-copies (of every group of reports
//! checked by the same packs, one after another) — the same
//! [`Builder`](crate::summary::Builder) the xlsx, csv and html summaries come from.

use serde::Serialize;

use crate::check::{Checked, Engine};
use crate::summary::Builder;

#[derive(Serialize)]
struct Review<'a> {
    /// Per report, in order: path and unit.
    reports: Vec<Report<'a>>,
    rules: Vec<RuleTotal<'a>>,
    similar: Vec<Similar<'a>>,
}

#[derive(Serialize)]
struct Report<'a> {
    path: &'a str,
    unit: &'a str,
}

#[derive(Serialize)]
struct RuleTotal<'a> {
    rule: &'a str,
    title: &'a str,
    reports: usize,
    findings: usize,
    missing: usize,
    weak: usize,
}

#[derive(Serialize)]
struct Similar<'a> {
    element: &'a str,
    a: &'a str,
    b: &'a str,
    similarity: f64,
}

/// The summary of `checked` as a JSON value.
pub(crate) fn review(engine: &Engine, checked: &[Checked]) -> serde_json::Value {
    let mut builder = Builder::new(engine.packs(), engine.segmenter());
    for c in checked {
        builder.add(c);
    }
    let s = builder.finish();
    let review = Review {
        reports: s
            .rows()
            .map(|r| Report {
                path: &r.path,
                unit: &r.unit,
            })
            .collect(),
        rules: s
            .groups
            .iter()
            .flat_map(|g| &g.rules)
            .map(|r| RuleTotal {
                rule: &r.rule,
                title: &r.title,
                reports: r.reports,
                findings: r.findings,
                missing: r.missing,
                weak: r.weak,
            })
            .collect(),
        similar: s
            .groups
            .iter()
            .flat_map(|g| &g.similar)
            .map(|p| Similar {
                element: &p.element,
                a: &p.a,
                b: &p.b,
                similarity: p.similarity,
            })
            .collect(),
    };
    serde_json::to_value(review).unwrap_or_default()
}
