//! Balanced quotation marks in messages.
//!
//! Messages quote report text in “”, and the quoted text may hold quotation marks of its
//! own — whole (`“七五”普法`) or cut in half by the match (`七五”普法`). Wrapped as they
//! are, these give `““七五”普法”` or `“七五”普法”`, which a reader cannot pair. Here an
//! inner pair becomes ‘’, as GB/T 15834 has it for quotes within quotes, and a half
//! pair is completed where its other half was cut off: `“‘七五’普法”`.

use std::borrow::Cow;

use crate::report::Finding;

const OPEN: char = '“';
const CLOSE: char = '”';

/// `text` with its quotation marks paired and quotes within quotes as ‘’.
pub fn balanced(text: &str) -> Cow<'_, str> {
    if !text.contains(OPEN) && !text.contains(CLOSE) {
        return Cow::Borrowed(text);
    }
    let mut chars: Vec<char> = text.chars().collect();
    complete_halves(&mut chars);
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len() + 6);
    for c in chars {
        match c {
            OPEN => {
                depth += 1;
                out.push(if depth > 1 { '‘' } else { OPEN });
            }
            CLOSE if depth > 0 => {
                out.push(if depth > 1 { '’' } else { CLOSE });
                depth -= 1;
            }
            c => out.push(c),
        }
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Insert the missing half of each half pair, so that plain nesting pairs them all.
///
/// A close with nothing open follows a quote that ended early: that quote really
/// ended here, and its text began with the lone close's partner, cut off — so an open
/// goes just after the quote's own open. An open left unclosed at the end is the
/// reverse: the first quote opened after it ends early, so a close goes before that
/// quote's close.
fn complete_halves(chars: &mut Vec<char>) {
    let mut inserts: Vec<(usize, char)> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    // The last quote closed at the outermost level: (open, close).
    let mut last_outer: Option<(usize, usize)> = None;
    // Every pair: (open, close, depth at its open).
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            OPEN => stack.push(i),
            CLOSE => match stack.pop() {
                Some(open) => {
                    pairs.push((open, i, stack.len()));
                    if stack.is_empty() {
                        last_outer = Some((open, i));
                    }
                }
                None => {
                    if let Some((open, _)) = last_outer {
                        inserts.push((open + 1, OPEN));
                        last_outer = Some((open, i));
                    }
                }
            },
            _ => {}
        }
    }
    for (depth, open) in stack.into_iter().enumerate() {
        let first_inside = pairs
            .iter()
            .filter(|&&(o, _, d)| o > open && d == depth + 1)
            .min_by_key(|&&(o, _, _)| o);
        if let Some(&(_, close, _)) = first_inside {
            inserts.push((close, CLOSE));
        }
    }
    inserts.sort_by_key(|&(at, _)| std::cmp::Reverse(at));
    for (at, c) in inserts {
        chars.insert(at, c);
    }
}

/// Balance the quotation marks of a finding's message, labels and help.
pub fn balance(finding: &mut Finding) {
    let fix = |s: &mut String| {
        if let Cow::Owned(b) = balanced(s) {
            *s = b;
        }
    };
    fix(&mut finding.message);
    if let Some(help) = &mut finding.help {
        fix(help);
    }
    for label in &mut finding.labels {
        fix(&mut label.message);
    }
}

#[cfg(test)]
mod tests {
    use super::balanced;

    #[test]
    fn quotes_within_quotes_become_single() {
        assert_eq!(
            balanced("““七五”普法”（七五普法）"),
            "“‘七五’普法”（七五普法）"
        );
        assert_eq!(
            balanced("发现“开展好“七五”普法工作”"),
            "发现“开展好‘七五’普法工作”"
        );
    }

    #[test]
    fn a_cut_quote_is_completed() {
        // The match began after the opening mark.
        assert_eq!(
            balanced("“七五”普法”（七五普法）已过时；2021年起为“八五”普法"),
            "“‘七五’普法”（七五普法）已过时；2021年起为“八五”普法"
        );
        // The match ended before the closing mark.
        assert_eq!(
            balanced("第一行“开展“七五”已是正文"),
            "第一行“开展‘七五’”已是正文"
        );
        assert_eq!(
            balanced("甲“乙”与“丙”丁”，又见“戊”"),
            "甲“乙”与“‘丙’丁”，又见“戊”"
        );
    }

    #[test]
    fn balanced_text_is_left_alone() {
        for text in ["“存在的不足和原因”偏弱", "没有引号", "“甲”“乙”", "‘甲’"]
        {
            assert_eq!(balanced(text), text);
        }
        // Once balanced, always balanced.
        let once = balanced("“七五”普法”").into_owned();
        assert_eq!(balanced(&once), once);
    }
}
