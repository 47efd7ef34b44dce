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

use serde::Deserialize;
use serde_saphyr::Spanned;
use std::sync::LazyLock;

use regex::Regex;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::pack::{Compiling, PackResult};
use crate::report::Located;

/// A year in a heading; `以来` marks the start of a period (`2021年以来`), not the
/// year the section is about.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*年度?(以来)?").expect("valid regex"));

/// A `heading-year` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawHeadingYear {
    pub element: Spanned<String>,
    pub offset: i32,
}

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

impl Kind for HeadingYearCheck {
    const NAME: &'static str = "heading-year";
    const LABEL: &'static str = "标题年份";
    type Raw = RawHeadingYear;

    fn compile(raw: &RawHeadingYear, cx: &Compiling<'_>) -> PackResult<Self> {
        Ok(HeadingYearCheck {
            element: cx.element_ref(&raw.element)?,
            element_title: String::new(),
            offset: raw.offset,
        })
    }

    fn needs_year(&self) -> Option<Vec<&str>> {
        Some(Vec::new())
    }

    fn link(&mut self, titles: &[String]) {
        self.element_title = titles[self.element].clone();
    }
}

impl DocumentKind for HeadingYearCheck {
    /// Each heading of the element that names only other years.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
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
