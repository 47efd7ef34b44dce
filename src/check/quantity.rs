//! Counted quantities in running text — `3864宗`, `19.8万件`, `三个`, `30余件` — for the
//! arithmetic checks ([`rate`](super::rate), [`sum`](super::sum)). A quantity is a
//! number (Arabic, or Chinese numerals up to 9999) with an optional 万/亿 and one of the
//! pack's measure words. Approximate ones (`约`, `近`, `超过`, `余`, `多`) are kept but
//! marked, so that checks can leave them alone.

use regex::Regex;

use crate::span::Span;

/// One counted quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Its value, 万 and 亿 applied.
    pub value: f64,
    /// Half a unit of its last written digit, 万 and 亿 applied (0 for exact counts).
    pub precision: f64,
    /// The measure word (`宗`).
    pub unit: String,
    /// Written as approximate.
    pub approx: bool,
    /// The number through the measure word.
    pub span: Span,
}

/// Builds the quantity pattern for a list of measure words (longest first, so that
/// `人次` wins over `人`).
pub fn pattern(units: &[String]) -> Regex {
    let mut units: Vec<&String> = units.iter().collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
    let alternatives: Vec<String> = units.iter().map(|u| regex::escape(u)).collect();
    Regex::new(&format!(
        r"(?P<approx>约|近|超过|超|逾|共约)?(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?P<mag>万|亿)?\s*(?P<more>余|多)?\s*(?P<unit>{})",
        alternatives.join("|")
    ))
    .expect("escaped alternatives form a valid regex")
}

/// Every quantity in `span`.
pub fn quantities(re: &Regex, text: &str, span: Span) -> Vec<Quantity> {
    let s = span.slice(text);
    re.captures_iter(s)
        .filter_map(|c| {
            let num = c.name("num")?.as_str();
            let (mut value, decimals) = match num.parse::<f64>() {
                Ok(v) => (v, num.split('.').nth(1).map_or(0, str::len)),
                Err(_) => (f64::from(chinese_count(num)?), 0),
            };
            let mag = match c.name("mag").map(|m| m.as_str()) {
                Some("万") => 1e4,
                Some("亿") => 1e8,
                _ => 1.0,
            };
            value *= mag;
            let precision = if decimals > 0 || mag > 1.0 {
                0.5 * 10f64.powi(-(decimals as i32)) * mag
            } else {
                0.0
            };
            let whole = c.get(0)?;
            Some(Quantity {
                value,
                precision,
                unit: c.name("unit")?.as_str().to_owned(),
                approx: c.name("approx").is_some() || c.name("more").is_some(),
                span: Span::new(span.start + whole.start(), span.start + whole.end()),
            })
        })
        .collect()
}

/// Value of a Chinese count up to 9999 (`三`, `十二`, `两千三百`, `一〇五`).
pub fn chinese_count(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '两' => Some(2),
        _ => "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1),
    };
    if !s.chars().any(|c| "十百千".contains(c)) {
        // Digit by digit (`一〇五`), or a single digit.
        return s
            .chars()
            .try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let (mut total, mut current) = (0u32, None::<u32>);
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                current = Some(digit(c)?);
                continue;
            }
        };
        total = total.checked_add(current.unwrap_or(1) * unit)?;
        current = None;
    }
    total.checked_add(current.unwrap_or(0))
}

/// Byte ranges inside round brackets `（…）`/`(…)` within `span`.
pub fn bracketed(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in span.slice(text).char_indices() {
        match c {
            '（' | '(' if open.is_none() => open = Some(span.start + i),
            '）' | ')' => {
                if let Some(o) = open.take() {
                    out.push(Span::new(o, span.start + i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    out
}

/// Format a value for a message: `95.3`, `19.8万`, `41`.
pub fn show(value: f64) -> String {
    if value >= 1e4 && (value / 1e4 * 100.0).fract().abs() < 1e-6 {
        return format!("{}万", trim(value / 1e4, 2));
    }
    trim(value, 2)
}

/// Round to `decimals` places and drop trailing zeros.
pub fn trim(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_counts_magnitudes_and_approximations() {
        let units: Vec<String> = ["件", "宗", "人", "人次", "个", "万元"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let re = pattern(&units);
        let text =
            "受理3864宗，接待2652人次，业务19.8万件，约7102万元，30余件，三个清楚，两千三百件";
        let q = quantities(&re, text, Span::new(0, text.len()));
        let got: Vec<(f64, &str, bool)> = q
            .iter()
            .map(|q| (q.value, q.unit.as_str(), q.approx))
            .collect();
        assert_eq!(
            got,
            vec![
                (3864.0, "宗", false),
                (2652.0, "人次", false),
                (198000.0, "件", false),
                (7102.0, "万元", true),
                (30.0, "件", true),
                (3.0, "个", false),
                (2300.0, "件", false),
            ]
        );
        assert_eq!(q[2].precision, 500.0);
        assert_eq!(q[0].precision, 0.0);
        assert_eq!(chinese_count("十二"), Some(12));
        assert_eq!(chinese_count("一〇五"), Some(105));
        assert_eq!(show(95.2639), "95.26");
        assert_eq!(show(198000.0), "19.8万");
    }
}
