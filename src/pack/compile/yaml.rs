//! The YAML library's errors, translated into Chinese with their location kept and
//! the allowed keys or values listed.

use miette::SourceSpan;

use super::pack_error;
use crate::error::PackError;

/// Translate the YAML library's (English) error into Chinese, keeping its location.
pub(super) fn error(err: &serde_saphyr::Error, src: &str, name: &str) -> Box<PackError> {
    let span = err.location().and_then(|loc| {
        let s = loc.span();
        Some(SourceSpan::from((
            s.byte_offset()? as usize,
            s.byte_len()?.max(1) as usize,
        )))
    });
    let detail = err.to_string();
    let first = detail.lines().next().unwrap_or_default();
    let first = first.trim_start_matches("error: ");
    // Drop the library's own "line N column M: " prefix; the span carries the place.
    let first = match first.find(": ") {
        Some(i) if first.starts_with("line ") => &first[i + 2..],
        _ => first,
    };
    let first = first.split(" at line ").next().unwrap_or(first);
    let tick = |s: &str| -> Vec<String> {
        s.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, t)| t.to_owned())
            .collect()
    };
    let names = tick(first);
    let allowed = first
        .split("expected one of ")
        .nth(1)
        .map(|list| {
            list.split(", ")
                .map(|n| format!("`{}`", n.trim_matches('`')))
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default();
    let (message, help) = if first.contains("unknown field") {
        let field = names.first().cloned().unwrap_or_default();
        (
            format!("未知的键 `{field}`"),
            Some(format!("此处可用的键：{allowed}")),
        )
    } else if first.contains("missing field") {
        let field = names.first().cloned().unwrap_or_default();
        (format!("缺少必填的键 `{field}`"), None)
    } else if first.contains("unknown variant") {
        let value = names.first().cloned().unwrap_or_default();
        (
            format!("无效的取值 `{value}`"),
            Some(format!("可用的取值：{allowed}")),
        )
    } else if first.contains("duplicate") {
        (
            "重复的键".to_owned(),
            Some("同一层级中每个键只能出现一次".to_owned()),
        )
    } else if first.contains("invalid type") || first.starts_with("invalid") {
        let expected = if first.contains("u64")
            || first.contains("usize")
            || first.contains("i32")
            || first.contains("i64")
        {
            "应为整数"
        } else if first.contains("f64") {
            "应为数字"
        } else if first.contains("bool") {
            "应为 true 或 false"
        } else {
            first
        };
        (format!("取值类型不对（{expected}）"), None)
    } else {
        (format!("YAML 格式错误（{first}）"), None)
    };
    Box::new(pack_error(name, src, span, &message, "此处", help))
}
