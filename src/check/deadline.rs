//! `deadline`: the 成文日期 (or the publication date, or the publication date where the
//! page states one and else the 成文日期: `published-or-written`) against the deadline for the
//! report year and the 报告主体 type (domain brief §1.4): 3月1日 of Y+1 for most units,
//! 4月1日 for provinces reporting to the centre, 第一季度 for report years up to 2018.
//! The first row that fits the unit type and year applies; rows without `units` fit
//! every unit, including an undetermined one. No date, no year, or no fitting row: no
//! finding.
//!
//! ```yaml
//! check:
//!   deadline:
//!     date: written
//!     deadlines:
//!       - { until-year: 2018, by: 03-31, what: 次年第一季度 }
//!       - { units: [province], by: 04-01, what: 次年4月1日前 }
//!       - { by: 03-01, what: 次年3月1日前 }
//! ```

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope, date_label};
use crate::outline::date::Date;
use crate::pack::{Compiling, PackResult};

/// The date a `deadline` rule compares.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DeadlineDate {
    /// The 成文日期 of the 落款 (or a labelled 成文日期 field).
    Written,
    /// A labelled publication date (发布时间/发布日期).
    Published,
    /// The publication date where the page states one, else the 成文日期 (one finding
    /// for one late report, whichever form it is read in).
    PublishedOrWritten,
}

/// A `deadline` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawDeadline {
    /// Which date is compared: the 成文日期 or the publication date.
    pub date: DeadlineDate,
    pub deadlines: Vec<RawDeadlineRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawDeadlineRow {
    #[serde(default)]
    pub units: Vec<Spanned<String>>,
    #[serde(default)]
    pub until_year: Option<i32>,
    #[serde(default)]
    pub from_year: Option<i32>,
    /// `MM-DD` of the year after the report year.
    pub by: Spanned<String>,
    pub what: String,
}

/// A compiled `deadline` check.
#[derive(Clone, Debug)]
pub struct DeadlineCheck {
    /// Which date.
    pub date: DeadlineDate,
    /// The table, first fitting row wins.
    pub rows: Vec<DeadlineRow>,
}

/// One row of the deadline table.
#[derive(Clone, Debug)]
pub struct DeadlineRow {
    /// Unit indices it applies to (empty: all).
    pub units: Vec<usize>,
    /// Report years it applies to.
    pub years: (i32, i32),
    /// Month and day in the year after the report year.
    pub by: (u32, u32),
    /// The deadline in words.
    pub what: String,
}

impl Kind for DeadlineCheck {
    const NAME: &'static str = "deadline";
    const LABEL: &'static str = "期限";
    type Raw = RawDeadline;

    fn compile(raw: &RawDeadline, cx: &Compiling<'_>) -> PackResult<Self> {
        cx.nonempty(&raw.deadlines, "deadlines")?;
        let mut rows = Vec::new();
        for row in &raw.deadlines {
            rows.push(DeadlineRow {
                units: row
                    .units
                    .iter()
                    .map(|u| cx.unit_ref(u))
                    .collect::<PackResult<Vec<_>>>()?,
                years: (
                    row.from_year.unwrap_or(i32::MIN),
                    row.until_year.unwrap_or(i32::MAX),
                ),
                by: month_day(cx, &row.by)?,
                what: row.what.clone(),
            });
        }
        Ok(DeadlineCheck {
            date: raw.date,
            rows,
        })
    }

    fn needs_year(&self) -> Option<Vec<&str>> {
        Some(Vec::new())
    }
}

/// A deadline written `MM-DD`.
fn month_day(cx: &Compiling<'_>, s: &Spanned<String>) -> PackResult<(u32, u32)> {
    let parsed = s.value.trim().split_once('-').and_then(|(m, d)| {
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
    });
    parsed.ok_or_else(|| {
        cx.error(
            s,
            format!("期限 `{}` 无法识别", s.value),
            "此处",
            Some("请写作“月-日”，如 `03-01`".to_owned()),
        )
    })
}

impl DocumentKind for DeadlineCheck {
    /// One hit when the date is after the deadline.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let Some(year) = cx.year else {
            return Vec::new();
        };
        let published = || cx.published().map(|d| (d, "发布日期"));
        let written = || cx.written().map(|d| (d, "成文日期"));
        let (date, at, which) = match self.date {
            DeadlineDate::Written => written(),
            DeadlineDate::Published => published(),
            DeadlineDate::PublishedOrWritten => published().or_else(written),
        }
        .map_or((None, None, ""), |((d, s), which)| {
            (Some(d), Some(s), which)
        });
        let Some(date) = date else {
            return Vec::new();
        };
        let unit = cx.unit.map(|(i, _)| i);
        let Some(row) = self.rows.iter().find(|r| {
            (r.units.is_empty() || unit.is_some_and(|u| r.units.contains(&u)))
                && (r.years.0..=r.years.1).contains(&year)
        }) else {
            return Vec::new();
        };
        let deadline = Date {
            year: year + 1,
            month: row.by.0,
            day: row.by.1,
        };
        if date <= deadline {
            return Vec::new();
        }
        let whose = cx
            .unit()
            .map_or_else(String::new, |u| format!("（报告主体：{}）", u.name));
        vec![Hit::at(
            at,
            format!(
                "{which}为{}，晚于{year}年度报告的期限{}{whose}：{}",
                date_label(date),
                date_label(deadline),
                row.what
            ),
        )]
    }
}
