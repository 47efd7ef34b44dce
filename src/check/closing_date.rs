//! `closing-date`: the 成文日期 of the 落款. GB/T 9704-2012 §7.3.5 asks for Arabic
//! numerals, the full year and no zero padding (`2024年3月8日`); `forms` lists the
//! written forms to flag (`zero-padded`, `chinese-numerals`, `numeric` for `2025.1.20`). `year-offset: [a, b]` is
//! the range of years, relative to the report year, the date may fall in (a report on
//! 2023 is normally dated in 2024); `error-outside` a wider range beyond which the
//! finding is an error rather than the rule's severity. `info-from-month: 12` makes a date
//! in the report year itself, from that month on, information only: reports dated in
//! mid-December exist (the year's work is then mostly done).
//!
//! A flagged form carries its fix, the date written as the standard asks: certain
//! (`safe`) for a zero-padded date, which only loses its zeros; `unsafe` for the others
//! (a date in Chinese numerals or in figures alone is rewritten, and a person should see it).
//!
//! ```yaml
//! check:
//!   closing-date: { year-offset: [1, 1], error-outside: [0, 1], info-from-month: 12 }
//! ```

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope, date_label};
use crate::outline::date::DateForm;
use crate::pack::{Compiling, PackResult};
use crate::report::{Fix, Safety, Severity};
use crate::span::Span;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// A `closing-date` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawClosingDate {
    #[serde(default)]
    pub forms: Vec<DateForm>,
    #[serde(default)]
    pub year_offset: Option<Spanned<[i32; 2]>>,
    #[serde(default)]
    pub error_outside: Option<Spanned<[i32; 2]>>,
    #[serde(default)]
    pub info_from_month: Option<Spanned<u32>>,
}

/// A compiled `closing-date` check.
#[derive(Clone, Debug, Default)]
pub struct ClosingDateCheck {
    /// Written forms to flag.
    pub forms: Vec<DateForm>,
    /// Allowed years relative to the report year.
    pub year_offset: Option<(i32, i32)>,
    /// Beyond this range the finding is an error.
    pub error_outside: Option<(i32, i32)>,
    /// A date in the report year from this month on is information only.
    pub info_from_month: Option<u32>,
}

impl Kind for ClosingDateCheck {
    const NAME: &'static str = "closing-date";
    const LABEL: &'static str = "成文日期";
    type Raw = RawClosingDate;

    fn compile(raw: &RawClosingDate, cx: &Compiling<'_>) -> PackResult<Self> {
        Ok(ClosingDateCheck {
            forms: raw.forms.clone(),
            year_offset: raw.year_offset.as_ref().map(|r| range(cx, r)).transpose()?,
            error_outside: raw
                .error_outside
                .as_ref()
                .map(|r| range(cx, r))
                .transpose()?,
            info_from_month: match &raw.info_from_month {
                Some(m) if !(1..=12).contains(&m.value) => {
                    return Err(cx.error(
                        m,
                        format!("月份 {} 无效", m.value),
                        "此处",
                        Some("写 1 到 12 之间的月份".to_owned()),
                    ));
                }
                m => m.as_ref().map(|m| m.value),
            },
        })
    }

    fn needs_year(&self) -> Option<Vec<&str>> {
        self.year_offset.is_some().then(Vec::new)
    }
}

/// A range of years `[a, b]` with `a <= b`.
fn range(cx: &Compiling<'_>, r: &Spanned<[i32; 2]>) -> PackResult<(i32, i32)> {
    let [a, b] = r.value;
    if a > b {
        return Err(cx.error(r, "范围的下限大于上限".to_owned(), "此处", None));
    }
    Ok((a, b))
}

impl DocumentKind for ClosingDateCheck {
    /// One hit for a flagged form, one for an implausible year.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let Some(closing) = &cx.outline.closing else {
            return Vec::new();
        };
        let (Some((date, form)), Some(at)) = (closing.written, closing.date) else {
            return Vec::new();
        };
        let text = cx.text();
        let mut hits = Vec::new();
        if self.forms.contains(&form) {
            let how = match form {
                DateForm::ZeroPadded => "月、日编了虚位（前面补 0）",
                DateForm::ChineseNumerals => "用汉字书写",
                DateForm::Arabic => "用阿拉伯数字书写",
                DateForm::Numeric => "只用数字和分隔符书写，没有写“年”“月”“日”",
            };
            let written = at.slice(text).trim();
            let expected = date_label(date);
            let mut hit = Hit::at(
                Some(at),
                format!("成文日期“{written}”{how}，应写作“{expected}”"),
            );
            if written != expected {
                let start = at.start + (at.slice(text).len() - at.slice(text).trim_start().len());
                hit.fix = Some(Fix {
                    span: Span::new(start, start + written.len()),
                    replacement: expected,
                    safety: if form == DateForm::ZeroPadded {
                        Safety::Safe
                    } else {
                        Safety::Unsafe
                    },
                });
            }
            hits.push(hit);
        }
        if let (Some((lo, hi)), Some(year)) = (self.year_offset, cx.year) {
            let off = date.year - year;
            if !(lo..=hi).contains(&off) {
                let expected = if lo == hi {
                    format!("{}年", year + lo)
                } else {
                    format!("{}—{}年", year + lo, year + hi)
                };
                let mut hit = Hit::at(
                    Some(at),
                    format!(
                        "成文日期为{}，本报告为{year}年度报告，成文日期通常应在{expected}",
                        date_label(date)
                    ),
                );
                if self
                    .error_outside
                    .is_some_and(|(a, b)| !(a..=b).contains(&off))
                {
                    hit.severity = Some(Severity::Error);
                } else if off == 0 && self.info_from_month.is_some_and(|m| date.month >= m) {
                    hit.severity = Some(Severity::Info);
                }
                hits.push(hit);
            }
        }
        hits
    }
}
