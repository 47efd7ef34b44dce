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
