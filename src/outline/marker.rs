//! Heading markers of Chinese official documents (GB/T 9704-2012 §7.3.3) and the
//! variants real reports use.
//!
//! | level | standard | also accepted (flagged `variant` or `malformed`)            |
//! |-------|----------|-------------------------------------------------------------|
//! | 1     | `一、`   | `一.` `一．` `一，` (malformed punctuation)                  |
//! | 2     | `（一）` | `(一)` (half-width), `一）` `一)` (missing opening bracket)   |
//! | 3     | `1.`     | `1、` `１．` (variants), with or without a following space   |
//! | 4     | `（1）`  | `(1)`, `⑴`, `1）` `1)` (missing opening bracket)             |
//! | 5     | `①`      |                                                             |

use serde::Serialize;

/// How a marker was written, compared with GB/T 9704.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerForm {
    /// Exactly as the standard writes it (half-width brackets count as standard).
    Standard,
    /// A common, readable variant (`1、`, full-width digits, `⑴`).
    Variant,
    /// Broken punctuation: `一.`, `一）` without its opening bracket, `1)`.
    Malformed,
    /// No marker at all: a heading only by its paragraph style (Word's `标题 1`).
    Unnumbered,
    /// Multi-level decimal numbering (`1`, `1.1`, `1.1.1`) on a styled heading: a
    /// numbering system of its own, not GB/T 9704's.
    Decimal,
}

/// A parsed heading marker at the start of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    /// Outline level 1–5.
    pub level: u8,
    /// The number it shows (一 = 1, ③ = 3).
    pub number: u32,
    /// Standard, variant or malformed.
    pub form: MarkerForm,
    /// Bytes taken by the marker and the spaces after it.
    pub len: usize,
    /// Bytes taken by the marker alone.
    pub marker_len: usize,
}

/// A number from 1 to 99 in Chinese numerals (`三`, `十二`), as heading markers write it.
pub fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_owned(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// Value of a Chinese numeral from 一 to 九十九 (also 〇/零 digits are not used in markers).
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// A CJK ideograph.
pub fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn is_cn_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A multi-level decimal label (`1`, `1.1`, `1.1.1`) followed by a space or tab, as
/// Word's outline numbering writes it in front of a styled heading; the number is the
/// last part.
pub fn decimal_label(s: &str) -> Option<Marker> {
    let label = take_while(s, |c| c.is_ascii_digit() || c == '.');
    let parts: Vec<&str> = label.split('.').collect();
    if label.is_empty() || parts.len() > 9 || parts.iter().any(|p| p.is_empty() || p.len() > 3) {
        return None;
    }
    let rest = &s[label.len()..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t', '\u{3000}']).len();
    if spaces == 0 || rest.len() == spaces {
        return None;
    }
    Some(Marker {
        level: 1,
        number: parts.last()?.parse().ok()?,
        form: MarkerForm::Decimal,
        len: label.len() + spaces,
        marker_len: label.len(),
    })
}

/// Parse the marker at the start of `s`, if any. `s` must not start with whitespace.
pub fn parse(s: &str) -> Option<Marker> {
    let first = s.chars().next()?;
    let mut m = match first {
        '（' | '(' => bracketed(s)?,
        '①'..='⑳' => simple(
            5,
            first as u32 - '①' as u32 + 1,
            MarkerForm::Standard,
            first,
        ),
        '⑴'..='⒇' => simple(4, first as u32 - '⑴' as u32 + 1, MarkerForm::Variant, first),
        c if is_cn_digit(c) => chinese(s)?,
        c if ascii_digit(c).is_some() => arabic(s)?,
        _ => return None,
    };
    let rest = &s[m.marker_len..];
    let spaces: usize = rest
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    m.len = m.marker_len + spaces;
    // A marker must head something: not the end of the line, and an Arabic one not a
    // decimal number or a percentage ("1.5万", "3.2%").
    let next = s[m.len..].chars().next()?;
    let arabic_marker = ascii_digit(first).is_some();
    if arabic_marker && (ascii_digit(next).is_some() || matches!(next, '%' | '％')) {
        return None;
    }
    Some(m)
}

fn simple(level: u8, number: u32, form: MarkerForm, c: char) -> Marker {
    Marker {
        level,
        number,
        form,
        len: c.len_utf8(),
        marker_len: c.len_utf8(),
    }
}

fn take_while(s: &str, pred: impl Fn(char) -> bool) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn bracketed(s: &str) -> Option<Marker> {
    let open = s.chars().next()?;
    let inner_start = open.len_utf8();
    let rest = s[inner_start..].trim_start_matches(' ');
    let pad = s.len() - inner_start - rest.len();
    let cn = take_while(rest, is_cn_digit);
    let (level, number, digits) = if !cn.is_empty() {
        (2, chinese_number(cn)?, cn)
    } else {
        let ar = take_while(rest, |c| ascii_digit(c).is_some());
        if ar.is_empty() || ar.chars().count() > 2 {
            return None;
        }
        (4, arabic_value(ar), ar)
    };
    let after = rest[digits.len()..].trim_start_matches(' ');
    let close = after.chars().next()?;
    if !matches!(close, '）' | ')') {
        return None;
    }
    let marker_len = s.len() - after.len() + close.len_utf8();
    let form = if digits.chars().any(|c| ('０'..='９').contains(&c)) || pad > 0 {
        MarkerForm::Variant
    } else {
        MarkerForm::Standard
    };
    Some(Marker {
        level,
        number,
        form,
        len: marker_len,
        marker_len,
    })
}

fn chinese(s: &str) -> Option<Marker> {
    let digits = take_while(s, is_cn_digit);
    if digits.chars().count() > 3 {
        return None;
    }
    let number = chinese_number(digits)?;
    let punct = s[digits.len()..].chars().next()?;
    let (level, form) = match punct {
        '、' => (1, MarkerForm::Standard),
        '.' | '．' | '，' | ',' => (1, MarkerForm::Malformed),
        '）' | ')' => (2, MarkerForm::Malformed),
        _ => return None,
    };
    let marker_len = digits.len() + punct.len_utf8();
    Some(Marker {
        level,
        number,
        form,
        len: marker_len,
        marker_len,
    })
}

fn arabic_value(digits: &str) -> u32 {
    digits
        .chars()
        .filter_map(ascii_digit)
        .fold(0, |acc, d| acc * 10 + d)
}

fn arabic(s: &str) -> Option<Marker> {
    let digits = take_while(s, |c| ascii_digit(c).is_some());
    if digits.chars().count() > 2 {
        return None;
    }
    let number = arabic_value(digits);
    let full_width = digits.chars().any(|c| ('０'..='９').contains(&c));
    let punct = s[digits.len()..].chars().next()?;
    let (level, form) = match punct {
        '.' if !full_width => (3, MarkerForm::Standard),
        '.' | '．' | '、' => (3, MarkerForm::Variant),
        '）' | ')' => (4, MarkerForm::Malformed),
        _ => return None,
    };
    let marker_len = digits.len() + punct.len_utf8();
    Some(Marker {
        level,
        number,
        form,
        len: marker_len,
        marker_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use MarkerForm::*;

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
        ];
        for (s, n) in cases {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
        assert_eq!(chinese_number("十十"), None);
        assert_eq!(chinese_number(""), None);
    }

    #[test]
    fn markers_levels_and_forms() {
        let cases: &[(&str, u8, u32, MarkerForm, &str)] = &[
            ("一、主要举措和成效", 1, 1, Standard, "一、"),
            ("十二、其他", 1, 12, Standard, "十二、"),
            ("一、 主要工作开展情况", 1, 1, Standard, "一、 "),
            ("三.存在问题", 1, 3, Malformed, "三."),
            ("（一）加强组织领导。", 2, 1, Standard, "（一）"),
            ("(二)统筹部署工作", 2, 2, Standard, "(二)"),
            ("( 三 )优化法律服务", 2, 3, Variant, "( 三 )"),
            ("一）完善制度", 2, 1, Malformed, "一）"),
            ("1.完善重大行政执法审核制度。", 3, 1, Standard, "1."),
            ("4. 务实高效", 3, 4, Standard, "4. "),
            ("1、加强组织领导制度。", 3, 1, Variant, "1、"),
            ("１．强化规范性文件管理", 3, 1, Variant, "１．"),
            ("12.其他", 3, 12, Standard, "12."),
            ("（1）建立台账", 4, 1, Standard, "（1）"),
            ("(2)开展培训", 4, 2, Standard, "(2)"),
            ("⑶开展培训", 4, 3, Variant, "⑶"),
            ("3)开展培训", 4, 3, Malformed, "3)"),
            ("②明确责任", 5, 2, Standard, "②"),
        ];
        for &(line, level, number, form, prefix) in cases {
            let m = parse(line).unwrap_or_else(|| panic!("no marker in {line}"));
            assert_eq!((m.level, m.number, m.form), (level, number, form), "{line}");
            assert_eq!(&line[..m.len], prefix, "{line}");
        }
    }

    #[test]
    fn not_markers() {
        let cases = [
            "2019年以来，我镇法治政府建设工作",
            "2020.12月",
            "1.5万件",
            "十九大以来",
            "一是严格落实规范性文件制度。",
            "（此件公开发布）",
            "(综治中心+网格化)",
            "一、",
            "123.编号过长",
            "三项制度",
        ];
        for line in cases {
            assert_eq!(parse(line), None, "{line}");
        }
    }
}
