//! Number formats of Word's automatic numbering (`w:numFmt`): how the counter value of
//! a level is written — 三, 十二, 一百零五, 丙, ③, ⑵, １２, XIV.

use crate::outline::marker::chinese_numeral;

/// The number formats Word offers that Chinese reports use, plus the common Western ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum NumFormat {
    #[default]
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    ChineseCounting,
    ChineseThousand,
    ChineseLegal,
    IdeographDigital,
    IdeographTraditional,
    IdeographZodiac,
    Circle,
    Paren,
    FullStop,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    Bullet,
    None,
}

impl NumFormat {
    pub(super) fn from_word(name: &str) -> NumFormat {
        use NumFormat::*;
        match name {
            "decimalZero" => DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => DecimalFullWidth,
            "chineseCounting" | "japaneseCounting" | "taiwaneseCounting" | "koreanCounting" => {
                ChineseCounting
            }
            "chineseCountingThousand"
            | "taiwaneseCountingThousand"
            | "koreanDigital"
            | "japaneseDigitalTenThousand" => ChineseThousand,
            "chineseLegalSimplified" | "ideographLegalTraditional" | "japaneseLegal" => {
                ChineseLegal
            }
            "ideographDigital" | "taiwaneseDigital" | "koreanDigital2" => IdeographDigital,
            "ideographTraditional" => IdeographTraditional,
            "ideographZodiac" | "ideographZodiacTraditional" => IdeographZodiac,
            "decimalEnclosedCircle"
            | "decimalEnclosedCircleChinese"
            | "ideographEnclosedCircle" => Circle,
            "decimalEnclosedParen" => Paren,
            "decimalEnclosedFullstop" => FullStop,
            "upperLetter" => UpperLetter,
            "lowerLetter" => LowerLetter,
            "upperRoman" => UpperRoman,
            "lowerRoman" => LowerRoman,
            "bullet" => Bullet,
            "none" => None,
            _ => Decimal,
        }
    }

    /// A `custom` format names its first numbers (`一, 二, 三, ...`, `001, 002, ...`).
    pub(super) fn from_custom(sample: &str) -> Option<NumFormat> {
        use NumFormat::*;
        let first = sample.split(',').next()?.trim();
        Some(match first.chars().next()? {
            '0' => DecimalZero,
            '1' => Decimal,
            '１' => DecimalFullWidth,
            '一' => ChineseCounting,
            '壹' => ChineseLegal,
            '甲' => IdeographTraditional,
            '子' => IdeographZodiac,
            '①' => Circle,
            '⑴' => Paren,
            '⒈' => FullStop,
            _ => return Option::None,
        })
    }

    pub(super) fn render(self, n: u32) -> String {
        use NumFormat::*;
        match self {
            Decimal => n.to_string(),
            DecimalZero => format!("{n:02}"),
            DecimalFullWidth => n
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect(),
            ChineseCounting if n < 100 => chinese_numeral(n),
            ChineseCounting | IdeographDigital => digits(n, "〇一二三四五六七八九"),
            ChineseThousand => positional(n, "零一二三四五六七八九", "十百千", false),
            ChineseLegal => positional(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟", true),
            IdeographTraditional => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
            IdeographZodiac => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
            Circle => enclosed(n),
            Paren if (1..=20).contains(&n) => shifted('⑴', n),
            FullStop if (1..=20).contains(&n) => shifted('⒈', n),
            Paren | FullStop => n.to_string(),
            UpperLetter => letters(n, b'A'),
            LowerLetter => letters(n, b'a'),
            UpperRoman => roman(n),
            LowerRoman => roman(n).to_lowercase(),
            Bullet | None => String::new(),
        }
    }
}

fn shifted(first: char, n: u32) -> String {
    char::from_u32(first as u32 + n - 1).map_or_else(|| n.to_string(), String::from)
}

fn enclosed(n: u32) -> String {
    match n {
        1..=20 => shifted('①', n),
        21..=35 => shifted('㉑', n - 20),
        36..=50 => shifted('㊱', n - 35),
        _ => n.to_string(),
    }
}

fn digits(n: u32, glyphs: &str) -> String {
    let glyphs: Vec<char> = glyphs.chars().collect();
    n.to_string()
        .bytes()
        .map(|b| glyphs[(b - b'0') as usize])
        .collect()
}

/// 一百零五, 壹仟贰佰 (below 10,000; larger numbers digit by digit). With `legal`, ten
/// is 壹拾, as on cheques; otherwise 十.
fn positional(n: u32, glyphs: &str, units: &str, legal: bool) -> String {
    if n == 0 || n >= 10_000 {
        return digits(n, glyphs);
    }
    let glyphs: Vec<char> = glyphs.chars().collect();
    let units: Vec<char> = units.chars().collect();
    let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in parts.iter().enumerate() {
        let unit = 3 - i;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(glyphs[0]);
            zero = false;
        }
        // 十五, not 一十五, when ten leads.
        if !(unit == 1 && d == 1 && out.is_empty() && !legal) {
            out.push(glyphs[d as usize]);
        }
        if unit > 0 {
            out.push(units[unit - 1]);
        }
    }
    out
}

fn cycle(n: u32, glyphs: &str) -> String {
    let glyphs: Vec<char> = glyphs.chars().collect();
    match n as usize {
        i @ 1.. if i <= glyphs.len() => glyphs[i - 1].to_string(),
        _ => n.to_string(),
    }
}

fn letters(n: u32, base: u8) -> String {
    if n == 0 || n > 26 * 4 {
        return n.to_string();
    }
    let letter = (base + ((n - 1) % 26) as u8) as char;
    letter.to_string().repeat(((n - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, glyph) in TABLE {
        while n >= value {
            out.push_str(glyph);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_formats() {
        assert_eq!(NumFormat::ChineseCounting.render(3), "三");
        assert_eq!(NumFormat::ChineseCounting.render(12), "十二");
        assert_eq!(NumFormat::ChineseCounting.render(20), "二十");
        assert_eq!(NumFormat::ChineseThousand.render(15), "十五");
        assert_eq!(NumFormat::ChineseThousand.render(105), "一百零五");
        assert_eq!(NumFormat::ChineseThousand.render(1010), "一千零一十");
        assert_eq!(NumFormat::ChineseLegal.render(12), "壹拾贰");
        assert_eq!(NumFormat::IdeographTraditional.render(3), "丙");
        assert_eq!(NumFormat::IdeographTraditional.render(11), "11");
        assert_eq!(NumFormat::Circle.render(3), "③");
        assert_eq!(NumFormat::Circle.render(21), "㉑");
        assert_eq!(NumFormat::Paren.render(2), "⑵");
        assert_eq!(NumFormat::DecimalFullWidth.render(12), "１２");
        assert_eq!(NumFormat::UpperRoman.render(14), "XIV");
        assert_eq!(NumFormat::LowerLetter.render(28), "bb");
        assert_eq!(
            NumFormat::from_custom("一, 二, 三, ..."),
            Some(NumFormat::ChineseCounting)
        );
        assert_eq!(
            NumFormat::from_custom("001, 002, 003, ..."),
            Some(NumFormat::DecimalZero)
        );
    }
}
