//! `stated-year`: a phrase that states a year — the statistical period
//! (`本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止`) — must state the report
//! year plus `offset`. The pattern marks the year with the group `year` (and, for a
//! range, its end with the group `end`); every match in the body is checked. With
//! `required: true` a body without the phrase is a finding too.
//!
//! ```yaml
//! check:
//!   stated-year:
//!     match: '(?P<year>\d{4})\s*年\s*1\s*月\s*1\s*日\s*起?\s*(至|到)\s*((?P<end>\d{4})\s*年\s*)?12\s*月\s*31\s*日'
//!     what: 统计期限
//!     offset: 0
//!     required: true
//! ```

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::pack::{Compiling, PackResult};
use crate::span::Span;

/// A `stated-year` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawStatedYear {
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    pub what: String,
    #[serde(default)]
    pub offset: i32,
    #[serde(default)]
    pub required: bool,
}

/// A compiled `stated-year` check.
#[derive(Clone, Debug)]
pub struct StatedYearCheck {
    /// The phrase, with the groups `year` and (optionally) `end`.
    pub pattern: Regex,
    /// What the phrase is (`统计期限`), for messages.
    pub what: String,
    /// Stated year minus the report year.
    pub offset: i32,
    /// A report without the phrase is a finding.
    pub required: bool,
}

impl Kind for StatedYearCheck {
    const NAME: &'static str = "stated-year";
    const LABEL: &'static str = "写明的年份";
    type Raw = RawStatedYear;

    fn compile(raw: &RawStatedYear, cx: &Compiling<'_>) -> PackResult<Self> {
        let pattern = cx.regex(&raw.pattern)?;
        if !pattern.capture_names().any(|n| n == Some("year")) {
            return Err(cx.error(
                &raw.pattern,
                "正则表达式要用命名组 `(?P<year>…)` 标出年份".to_owned(),
                "此处",
                None,
            ));
        }
        Ok(StatedYearCheck {
            pattern,
            what: raw.what.clone(),
            offset: raw.offset,
            required: raw.required,
        })
    }

    fn needs_year(&self) -> Option<Vec<&str>> {
        Some(Vec::new())
    }
}

impl DocumentKind for StatedYearCheck {
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let Some(year) = cx.year else {
            return Vec::new();
        };
        let expected = year + self.offset;
        let body = cx.outline.body;
        let text = body.slice(cx.text());
        let mut hits = Vec::new();
        let mut seen = false;
        for caps in self.pattern.captures_iter(text) {
            seen = true;
            for group in ["year", "end"] {
                let Some(m) = caps.name(group) else { continue };
                if m.as_str().trim().parse::<i32>().ok() == Some(expected) {
                    continue;
                }
                let whole = caps.get(0).map_or("", |w| w.as_str());
                hits.push(Hit::at(
                    Some(Span::new(body.start + m.start(), body.start + m.end())),
                    format!(
                        "{}写作“{whole}”，本报告为{year}年度报告，年份应为{expected}年",
                        self.what
                    ),
                ));
                break;
            }
        }
        if !seen && self.required {
            hits.push(Hit::at(None, format!("没有写明{}", self.what)));
        }
        hits
    }
}
