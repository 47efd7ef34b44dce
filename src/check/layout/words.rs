//! How `layout` findings write values: points with the Chinese size name, font lists,
//! alignments, numbers.

/// Font names compared as Word lists them: case and spaces do not count.
pub(super) fn same_font(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

pub(super) fn fonts(list: &[String]) -> String {
    match list {
        [one] => format!("“{one}”"),
        [first, rest @ ..] => format!(
            "“{first}”（或{}{}）",
            rest.iter()
                .take(2)
                .map(|f| format!("“{f}”"))
                .collect::<Vec<_>>()
                .join("、"),
            if rest.len() > 2 { "等" } else { "" }
        ),
        [] => String::new(),
    }
}

/// Points, with the Chinese size name where there is one (`16 磅（三号）`).
pub(super) fn points(pt: f64) -> String {
    const NAMES: [(f64, &str); 14] = [
        (42.0, "初号"),
        (36.0, "小初"),
        (26.0, "一号"),
        (24.0, "小一"),
        (22.0, "二号"),
        (18.0, "小二"),
        (16.0, "三号"),
        (15.0, "小三"),
        (14.0, "四号"),
        (12.0, "小四"),
        (10.5, "五号"),
        (9.0, "小五"),
        (7.5, "六号"),
        (6.5, "小六"),
    ];
    match NAMES.iter().find(|(p, _)| (p - pt).abs() < 0.01) {
        Some((_, name)) => format!("{} 磅（{name}）", number(pt)),
        None => format!("{} 磅", number(pt)),
    }
}

pub(super) fn align_label(jc: &str) -> String {
    match jc {
        "left" => "左对齐",
        "center" => "居中",
        "right" => "右对齐",
        "both" => "两端对齐",
        "distribute" => "分散对齐",
        other => return format!("对齐方式为“{other}”"),
    }
    .to_owned()
}

/// A number with at most one decimal, without a trailing `.0`.
pub(super) fn number(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Whether colour `found` (six hex digits) is `want`: the same digits, or for `red`
/// any red (a strong red channel, green and blue under half of it).
pub(super) fn same_color(want: &str, found: &str) -> bool {
    if want == "red" {
        is_red(found)
    } else {
        want.eq_ignore_ascii_case(found)
    }
}

fn is_red(hex: &str) -> bool {
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|c| u8::from_str_radix(c, 16).ok())
    };
    match (channel(0), channel(2), channel(4)) {
        (Some(r), Some(g), Some(b)) => {
            r >= 0x80 && u16::from(g) * 2 < u16::from(r) && u16::from(b) * 2 < u16::from(r)
        }
        _ => false,
    }
}

/// A colour as a finding names it: `红色` for any red wanted, else its digits with the
/// colour's name where it is black or a red.
pub(super) fn color_label(c: &str) -> String {
    if c == "red" {
        "红色".to_owned()
    } else if c == "000000" {
        "000000（黑色）".to_owned()
    } else if is_red(c) {
        format!("{c}（红色）")
    } else {
        c.to_owned()
    }
}
