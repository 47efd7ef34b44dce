//! `closing-date`: the 成文日期 of the 落款. GB/T 9704-2012 §7.3.5 asks for Arabic
//! numerals, the full year and no zero padding (`2024年3月8日`); `forms` lists the
//! written forms to flag (`zero-padded`, `chinese-numerals`, `numeric` for `2025.1.20`). `year-offset: [a, b]` is
//! the range of years, relative to the report year, the date may fall in (a report on
//! 2023 is normally dated in 2024); `error-outside` a wider range beyond which the
//! finding is an error rather than the rule's severity. `info-from-month: 12` makes a date
//! in the report year itself, from that month on, information only: reports dated in
//! mid-December exist (the year's work is then mostly done).
//!
//! ```yaml
//! check:
//!   closing-date: { year-offset: [1, 1], error-outside: [0, 1], info-from-month: 12 }
//! ```

use super::scope::{Hit, Scope, date_label};
use crate::outline::date::DateForm;
use crate::report::Severity;

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

impl ClosingDateCheck {
    /// One hit for a flagged form, one for an implausible year.
    pub fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
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
            hits.push(Hit::at(
                Some(at),
                format!(
                    "成文日期“{}”{how}，应写作“{}”",
                    at.slice(text).trim(),
                    date_label(date)
                ),
            ));
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
