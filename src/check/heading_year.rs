//! `heading-year`: the years written in an element's headings must be the report year
//! plus `offset` — the measures of a 2025 report are headed `2025年`, its plan `2026年`.
//! The headings checked are the one that located the element and, for a run of leading
//! sections, each top-level heading in the run. A heading with no year, with the
//! expected year among others, or with a period start (`2021年以来`), passes.
//!
//! ```yaml
//! check:
//!   heading-year: { element: next-year-plan, offset: 1 }
//! ```

use std::sync::LazyLock;

use regex::Regex;

use super::scope::{Hit, Scope};
use crate::report::Located;

/// A year in a heading; `以来` marks the start of a period (`2021年以来`), not the
/// year the section is about.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*年度?(以来)?").expect("valid regex"));

/// A compiled `heading-year` check.
#[derive(Clone, Debug)]
pub struct HeadingYearCheck {
    /// Rule index of the element (same pack).
    pub element: usize,
    /// Its title, for messages.
    pub element_title: String,
    /// Expected year minus the report year.
    pub offset: i32,
}

impl HeadingYearCheck {
    /// Each heading of the element that names only other years.
    pub fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let (Some(year), Some(Some(found))) = (cx.year, cx.found.get(self.element)) else {
            return Vec::new();
        };
        let expected = year + self.offset;
        let text = cx.text();
        let o = cx.outline;
        let headings: Vec<usize> = match found.how {
            Located::Leading => {
                let top = o.top_level();
                o.sections
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| Some(s.level) == top && found.span.contains(s.heading))
                    .map(|(i, _)| i)
                    .collect()
            }
            Located::Heading => found.section.into_iter().collect(),
            _ => Vec::new(),
        };
        headings
            .into_iter()
            .filter_map(|i| {
                let s = &o.sections[i];
                let written: Vec<i32> = YEAR
                    .captures_iter(s.title.slice(text))
                    .filter(|c| c.get(2).is_none())
                    .filter_map(|c| c[1].parse().ok())
                    .collect();
                if written.is_empty() || written.contains(&expected) {
                    return None;
                }
                let shown: Vec<String> = written.iter().map(|y| format!("{y}年")).collect();
                Some(Hit::at(
                    Some(s.title),
                    format!(
                        "“{}”的标题写的是{}，本报告为{year}年度报告，应为{expected}年",
                        self.element_title,
                        shown.join("、")
                    ),
                ))
            })
            .collect()
    }
}
