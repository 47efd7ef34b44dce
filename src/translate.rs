//! Chinese for the English messages of the YAML and TOML libraries (rule packs and
//! `reportlint.toml`). Both speak serde's vocabulary (`unknown field`, `invalid type`,
//! `expected …`) plus their own parser messages. A message not recognised here is kept,
//! after a Chinese sentence saying what kind of mistake it is, so nothing is lost.

/// A library message in Chinese, with advice where there is some.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Translated {
    /// What is wrong.
    pub(crate) message: String,
    /// How to fix it.
    pub(crate) help: Option<String>,
}

impl Translated {
    fn new(message: impl Into<String>, help: Option<String>) -> Translated {
        Translated {
            message: message.into(),
            help,
        }
    }
}

/// Translate one message of the `format` ("YAML" or "TOML") library.
pub(crate) fn parser_message(message: &str, format: &str) -> Translated {
    let first = message.lines().next().unwrap_or(message).trim();
    let ticked = ticked(first);
    let quoted = |i: usize| ticked.get(i).copied().unwrap_or_default();
    if let Some(rest) = first.strip_prefix("unknown field ") {
        let allowed = expected_list(rest);
        let help = if allowed.is_empty() {
            "此处不能有键".to_owned()
        } else {
            format!("此处可用的键：{allowed}")
        };
        return Translated::new(format!("未知的键 `{}`", quoted(0)), Some(help));
    }
    if first.starts_with("missing field") {
        return Translated::new(format!("缺少必填的键 `{}`", quoted(0)), None);
    }
    if let Some(rest) = first.strip_prefix("unknown variant ") {
        return Translated::new(
            format!("无效的取值 `{}`", quoted(0)),
            Some(format!("可用的取值：{}", expected_list(rest))),
        );
    }
    if first.starts_with("duplicate") {
        let key = first
            .strip_prefix("duplicate mapping key: ")
            .map(|k| k.split(',').next().unwrap_or(k))
            .or(ticked.first().copied());
        let message = key.map_or_else(|| "重复的键".to_owned(), |k| format!("重复的键 `{k}`"));
        return Translated::new(message, Some("同一层级中每个键只能出现一次".to_owned()));
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = first.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            let message = match (noun(expected), found_value(found)) {
                // The right type, out of range (`99999999999` for a year).
                (Some(want), Some(got)) if got.starts_with(want.as_str()) => {
                    format!("取值超出范围：这个{want}太大或太小")
                }
                (Some(want), Some(got)) => format!("取值类型不对：这里应为{want}，写的是{got}"),
                (Some(want), None) => format!("取值类型不对：这里应为{want}"),
                (None, Some(got)) => format!("取值类型不对：这里不能写{got}"),
                (None, None) => "取值类型不对".to_owned(),
            };
            return Translated::new(message, None);
        }
    }
    if let Some(ty) = first.strip_prefix("invalid ")
        && (!ty.contains(' ') || ty == "floating point")
    {
        let message = noun(ty).map_or_else(
            || "取值类型不对".to_owned(),
            |want| format!("取值类型不对：这里应为{want}"),
        );
        return Translated::new(message, None);
    }
    match known(first) {
        Some((message, help)) => Translated::new(message, help.map(str::to_owned)),
        // The parser's own words are English; the user sees where (the excerpt) and
        // what to look for, in Chinese.
        None => Translated::new(
            format!("{format} 格式错误"),
            Some("请对照其他行检查此处的缩进、冒号、引号和括号是否成对".to_owned()),
        ),
    }
}

/// Parser messages with a fixed wording: what is wrong, and advice.
fn known(first: &str) -> Option<(&'static str, Option<&'static str>)> {
    let table: &[(&str, &str, Option<&str>)] = &[
        ("unexpected end of", "文件意外结束：内容不完整或为空", None),
        (
            "mapping values are not allowed",
            "此处不能再写“键: 值”",
            Some("检查上一行的缩进；取值中含有“: ”时请用引号括起来"),
        ),
        (
            "found a tab",
            "缩进中有制表符（Tab）",
            Some("YAML 只能用空格缩进"),
        ),
        (
            "tabs disallowed",
            "缩进中有制表符（Tab）",
            Some("YAML 只能用空格缩进"),
        ),
        (
            "multiline quoted scalar",
            "引号没有闭合",
            Some("检查此处的引号是否成对"),
        ),
        (
            "trailing content after",
            "引号后面还有多余的内容",
            Some("检查引号是否成对；单引号中的单引号要写成两个（''）"),
        ),
        ("unclosed bracket '['", "方括号 [ 没有闭合", None),
        ("unclosed bracket '{'", "花括号 { 没有闭合", None),
        (
            "unknown escape character",
            "双引号中有无效的转义（反斜杠 \\ 后的字符）",
            Some("含反斜杠的文字（如正则表达式）请用单引号括起来"),
        ),
        (
            "expected string scalar",
            "这里应为一段文字，不能是列表或映射",
            None,
        ),
        (
            "expected sequence start",
            "这里应为列表（每项一行，以“- ”开头，或写作 [甲, 乙]）",
            None,
        ),
        ("expected mapping start", "这里应为“键: 值”形式的映射", None),
        ("externally tagged enum", "这里应为单个取值", None),
        (
            "only single YAML document",
            "文件中只能有一个 YAML 文档",
            Some("删去多余的 --- 分隔行"),
        ),
        (
            "reference to unknown value",
            "引用了没有定义的锚点（*名称）",
            None,
        ),
        (
            "did not find expected",
            "缩进不对，或缺少键、短横线",
            Some("同一层级的行应对齐"),
        ),
        (
            "indentation",
            "缩进不对",
            Some("同一层级的行应对齐，下一层多缩进两个空格"),
        ),
        ("unclosed table", "表头缺少右方括号 ]", None),
        ("unclosed array", "数组缺少右方括号 ]", None),
        (
            "string values must be quoted",
            "取值缺失，或文字取值没有用引号括起来",
            Some("文字写作 \"……\"，数字和 true/false 不加引号"),
        ),
        ("key with no value", "键后面缺少 = 和取值", None),
        ("invalid literal string", "单引号没有闭合", None),
        ("invalid basic string", "双引号没有闭合", None),
        (
            "invalid multi-line",
            "多行文字（三个引号）没有闭合",
            Some("检查此处的三个引号是否成对"),
        ),
        ("unclosed inline table", "花括号 { 没有闭合", None),
        (
            "unexpected key or value",
            "此处有多余的键或取值",
            Some("检查表头的方括号是否成对，每行只写一个“键 = 值”"),
        ),
        (
            "budget breached",
            "别名（*名称）展开的内容过多或层数过深，已停止读取",
            Some("规则包中不要用锚点（&名称）和别名（*名称）构造大量重复的内容"),
        ),
        (
            "alias replay",
            "别名（*名称）展开的内容过多或层数过深，已停止读取",
            Some("规则包中不要用锚点（&名称）和别名（*名称）构造大量重复的内容"),
        ),
        (
            "alias expansion",
            "别名（*名称）展开的内容过多或层数过深，已停止读取",
            Some("规则包中不要用锚点（&名称）和别名（*名称）构造大量重复的内容"),
        ),
        ("unknown anchor", "引用了没有定义的锚点（*名称）", None),
        (
            "tag `",
            "不支持的类型标注（以 ! 开头）",
            Some("删去此处以 ! 或 !! 开头的标注"),
        ),
        (
            "invalid enum variant",
            "无效的取值",
            Some("删去此处以 ! 或 !! 开头的标注，只写取值本身"),
        ),
        ("invalid length", "列表的项数不对", None),
        (
            "not valid UTF-8",
            "文件不是 UTF-8 编码",
            Some("请在编辑器中将文件另存为 UTF-8 编码"),
        ),
    ];
    table
        .iter()
        .find(|(english, _, _)| first.contains(english))
        .map(|&(_, message, help)| (message, help))
}

/// The parts of `s` between backticks.
fn ticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// The list after `expected one of` (or `expected`), as `` `a`、`b` ``.
fn expected_list(rest: &str) -> String {
    let Some((_, list)) = rest.split_once("expected ") else {
        return String::new();
    };
    let list = list.trim_start_matches("one of ");
    list.split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|n| n.trim().trim_matches('`'))
        .filter(|n| !n.is_empty())
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join("、")
}

/// What serde says it expected, as a Chinese noun.
fn noun(expected: &str) -> Option<String> {
    let e = expected
        .trim()
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    let known = match e {
        "u8" | "u16" | "u32" | "u64" | "usize" => "不小于 0 的整数",
        "i8" | "i16" | "i32" | "i64" | "isize" | "integer" => "整数",
        "f32" | "f64" | "floating point" => "数字",
        "bool" | "boolean" => "true 或 false",
        "string" | "str" | "char" => "文字",
        "map" | "mapping" => "“键: 值”形式的映射",
        "sequence" | "seq" => "列表",
        _ if e.starts_with("struct") => "“键: 值”形式的映射",
        _ if e.starts_with("sequence") || e.starts_with("list") => "列表",
        // Any other type serde names is English (`a unit type`, `tuple struct`).
        _ => return None,
    };
    Some(known.to_owned())
}

/// What serde says it found (`string "x"`, `` integer `1` ``), in Chinese.
fn found_value(found: &str) -> Option<String> {
    let (kind, value) = found.split_once(' ').unwrap_or((found, ""));
    let value = value.trim_matches('`');
    let kind = match kind {
        "string" => "文字",
        "integer" => "整数",
        "floating" => {
            return Some(format!(
                "数字 {}",
                value.trim_start_matches("point ").trim_matches('`')
            ));
        }
        "boolean" => "true/false",
        "map" => "映射",
        "sequence" => "列表",
        "unit" | "null" => "空值",
        "char" => "文字",
        // Other kinds serde names (`bytes`, `enum`, `newtype struct`) are English.
        _ => return None,
    };
    Some(match kind {
        "映射" | "列表" | "空值" => kind.to_owned(),
        _ => format!("{kind} {value}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(english: &str) -> String {
        let t = parser_message(english, "YAML");
        match t.help {
            Some(h) => format!("{}｜{h}", t.message),
            None => t.message,
        }
    }

    #[test]
    fn serde_messages() {
        assert_eq!(
            t("unknown field `zz`, expected one of a, b"),
            "未知的键 `zz`｜此处可用的键：`a`、`b`"
        );
        assert_eq!(
            t("unknown field `pack`, expected one of `packs`, `year`"),
            "未知的键 `pack`｜此处可用的键：`packs`、`year`"
        );
        assert_eq!(
            t("unknown field `x`, expected `a` or `b`"),
            "未知的键 `x`｜此处可用的键：`a`、`b`"
        );
        assert_eq!(t("missing field `id`"), "缺少必填的键 `id`");
        assert_eq!(
            t("unknown variant `loud`, expected one of error, warning"),
            "无效的取值 `loud`｜可用的取值：`error`、`warning`"
        );
        assert_eq!(
            t("duplicate mapping key `a` is not allowed here"),
            "重复的键 `a`｜同一层级中每个键只能出现一次"
        );
        assert_eq!(t("duplicate key"), "重复的键｜同一层级中每个键只能出现一次");
        assert_eq!(
            t("invalid type: string \"x\", expected i32"),
            "取值类型不对：这里应为整数，写的是文字 \"x\""
        );
        assert_eq!(
            t("invalid type: integer `1`, expected a string"),
            "取值类型不对：这里应为文字，写的是整数 1"
        );
        assert_eq!(
            t("invalid value: integer `99999999999`, expected i32"),
            "取值超出范围：这个整数太大或太小"
        );
        assert_eq!(t("invalid u32"), "取值类型不对：这里应为不小于 0 的整数");
        assert_eq!(t("invalid floating point"), "取值类型不对：这里应为数字");
    }

    #[test]
    fn parser_messages() {
        assert_eq!(
            t("mapping values are not allowed in this context"),
            "此处不能再写“键: 值”｜检查上一行的缩进；取值中含有“: ”时请用引号括起来"
        );
        assert_eq!(t("unclosed bracket '['"), "方括号 [ 没有闭合");
        assert_eq!(
            t("unexpected end of file"),
            "文件意外结束：内容不完整或为空"
        );
        assert_eq!(
            parser_message("key with no value, expected `=`", "TOML").message,
            "键后面缺少 = 和取值"
        );
    }

    #[test]
    fn unknown_messages_become_a_chinese_sentence_without_the_english() {
        let t = parser_message("something new happened", "TOML");
        assert_eq!(t.message, "TOML 格式错误");
        assert!(t.help.is_some());
    }

    #[test]
    fn library_limits_and_tags() {
        assert_eq!(
            t("budget breached: MaxTotalReplayedEvents { total: 9, max: 8 }"),
            "别名（*名称）展开的内容过多或层数过深，已停止读取｜规则包中不要用锚点（&名称）和别名（*名称）构造大量重复的内容"
        );
        assert_eq!(
            t("unsupported tag `!foo`"),
            "不支持的类型标注（以 ! 开头）｜删去此处以 ! 或 !! 开头的标注"
        );
        assert_eq!(
            t("invalid type: newtype variant, expected a unit struct"),
            "取值类型不对"
        );
        assert_eq!(
            t("invalid type: newtype struct, expected a string"),
            "取值类型不对：这里应为文字"
        );
        assert_eq!(
            t("invalid type: map, expected tuple struct Pair"),
            "取值类型不对：这里不能写映射"
        );
    }
}
