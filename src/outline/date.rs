//! Calendar dates as reports write them: `2020年12月14日`, `2024-03-27`,
//! `二〇二四年三月八日`.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// A calendar date (not validated beyond month 1–12 and day 1–31).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    /// Year, e.g. 2020.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl Date {
    fn checked(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && (1..=31).contains(&day) && (1900..=2200).contains(&year))
            .then_some(Date { year, month, day })
    }
}

/// How a 成文日期 is written (GB/T 9704: Arabic numerals, full year, no zero padding).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateForm {
    /// `2024年3月8日`.
    Arabic,
    /// `2024年03月08日`.
    ZeroPadded,
    /// `二〇二四年三月八日`.
    ChineseNumerals,
    /// Numbers and separators without 年月日: `2025.1.20`, `2025-01-20`, `2025/1/20`.
    Numeric,
}

static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$").expect("valid regex")
});

static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$")
        .expect("valid regex")
});

/// Parse `2024-03-27`, `2024/3/27`, `2024年3月27日` (surrounding spaces allowed).
pub fn parse_numeric_date(s: &str) -> Option<Date> {
    let c = ARABIC.captures(s.trim())?;
    Date::checked(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// Parse a 成文日期 line in Arabic or Chinese numerals, with its written form.
pub fn parse_written_date(s: &str) -> Option<(Date, DateForm)> {
    let s = s.trim();
    if let Some(c) = ARABIC.captures(s) {
        let date = Date::checked(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        let padded = c[2].starts_with('0') || c[3].starts_with('0');
        let form = if !s.contains('年') {
            DateForm::Numeric
        } else if padded {
            DateForm::ZeroPadded
        } else {
            DateForm::Arabic
        };
        return Some((date, form));
    }
    let c = CHINESE.captures(s)?;
    let year = c[1].chars().try_fold(0i32, |acc, ch| {
        let d = "〇一二三四五六七八九"
            .chars()
            .position(|x| x == ch)
            .or(match ch {
                '○' | '零' => Some(0),
                _ => None,
            })?;
        Some(acc * 10 + d as i32)
    })?;
    let month = super::marker::chinese_number(&c[2])?;
    let day = super::marker::chinese_number(&c[3])?;
    Some((Date::checked(year, month, day)?, DateForm::ChineseNumerals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates() {
        let d = |year, month, day| Date { year, month, day };
        let cases = [
            ("2020年12月14日", d(2020, 12, 14), DateForm::Arabic),
            ("2024年 3月 8日", d(2024, 3, 8), DateForm::Arabic),
            ("2024年03月08日", d(2024, 3, 8), DateForm::ZeroPadded),
            (
                "二〇二四年三月八日",
                d(2024, 3, 8),
                DateForm::ChineseNumerals,
            ),
            (
                "二○二一年十二月三十一日",
                d(2021, 12, 31),
                DateForm::ChineseNumerals,
            ),
        ];
        for (s, date, form) in cases {
            assert_eq!(parse_written_date(s), Some((date, form)), "{s}");
        }
        for s in ["2025.1.20", "2025-01-20", "2025/1/20", "2025. 1. 20"] {
            assert_eq!(
                parse_written_date(s),
                Some((d(2025, 1, 20), DateForm::Numeric)),
                "{s}"
            );
        }
        assert_eq!(parse_written_date("2020年13月1日"), None);
        assert_eq!(parse_written_date("2025.13.1"), None);
        assert_eq!(parse_written_date("2020年度"), None);
        assert_eq!(parse_numeric_date("2024-03-27"), Some(d(2024, 3, 27)));
    }
}
