//! The YAML library's errors, translated into Chinese with their location kept and
//! the allowed keys or values listed.

use miette::SourceSpan;
use serde_saphyr::{MessageFormatter, UserMessageFormatter};

use super::pack_error;
use crate::error::PackError;
use crate::translate::parser_message;

/// Translate the YAML library's (English) error into Chinese, keeping its location.
pub(super) fn error(err: &serde_saphyr::Error, src: &str, name: &str) -> Box<PackError> {
    let span = err.location().and_then(|loc| {
        let s = loc.span();
        match (s.byte_offset(), s.byte_len()) {
            (Some(offset), Some(len)) => {
                Some(SourceSpan::from((offset as usize, len.max(1) as usize)))
            }
            // Parser errors carry only a line and a column (in characters).
            _ => at_line_column(src, loc.line(), loc.column()),
        }
    });
    let english = UserMessageFormatter.format_message(err);
    let t = parser_message(&english, "YAML");
    Box::new(pack_error(name, src, span, &t.message, "此处", t.help))
}

/// The character at 1-based `line` and `column`, as a span of one character.
fn at_line_column(src: &str, line: u64, column: u64) -> Option<SourceSpan> {
    let line_start = match line.checked_sub(1)? {
        0 => 0,
        n => src.match_indices('\n').nth(usize::try_from(n - 1).ok()?)?.0 + 1,
    };
    let rest = &src[line_start..];
    let skip = usize::try_from(column.saturating_sub(1)).ok()?;
    let (at, c) = rest
        .char_indices()
        .take_while(|&(_, c)| c != '\n')
        .nth(skip)
        .unwrap_or((rest.find('\n').unwrap_or(rest.len()), ' '));
    Some(SourceSpan::from((line_start + at, c.len_utf8())))
}

#[cfg(test)]
mod tests {
    use super::at_line_column;

    #[test]
    fn line_and_column_count_characters() {
        let src = "甲: 1\n乙乙: 2\n";
        let s = at_line_column(src, 2, 3).unwrap();
        assert_eq!(&src[s.offset()..s.offset() + s.len()], ":");
        // Past the end of a line: the line's end.
        let s = at_line_column(src, 1, 40).unwrap();
        assert_eq!(s.offset(), src.find('\n').unwrap());
        assert!(at_line_column(src, 9, 1).is_none());
    }
}
