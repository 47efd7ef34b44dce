//! Fixes applied to a text report (`reportlint fix`): the findings' fixes written into a
//! copy of the file, in the file's own encoding and line ends, and a diff of the lines
//! they change.
//!
//! Findings' spans point into the document's text, whose line ends are `\n` and whose
//! full-width digits are folded ([`Document::from_text`](crate::Document::from_text)).
//! Each span is mapped back to the decoded file text; a fix whose text there is not the
//! text the finding quotes (full-width digits), or that crosses a line end, is left out,
//! as is one overlapping a fix before it. The rest are applied from the end, so that
//! earlier offsets stay valid.

use encoding_rs::{BIG5, Encoding, GBK};

use crate::document::decode::{self, DecodeError};
use crate::report::{Finding, Fix};
use crate::span::Span;

/// The fixes of `findings` that may be applied (safe ones, and unsafe ones with
/// `unsafe_fixes`), in text order, none overlapping another and none crossing a line
/// end; and how many were left out for that.
pub fn chosen(findings: &[Finding], unsafe_fixes: bool) -> (Vec<&Fix>, usize) {
    let mut fixes: Vec<&Fix> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|x| x.applies(unsafe_fixes))
        .collect();
    fixes.sort_by_key(|x| (x.span.start, x.span.end));
    let mut out: Vec<&Fix> = Vec::with_capacity(fixes.len());
    let mut skipped = 0;
    for x in fixes {
        let overlaps = out.last().is_some_and(|prev| x.span.start < prev.span.end);
        if overlaps || x.replacement.contains('\n') || out.iter().any(|p| p.span == x.span) {
            skipped += 1;
        } else {
            out.push(x);
        }
    }
    (out, skipped)
}

/// `text` with `fixes` (in text order, not overlapping) applied from the end.
pub fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut out = text.to_owned();
    for x in fixes.iter().rev() {
        out.replace_range(x.span.start..x.span.end, &x.replacement);
    }
    out
}

/// Why a text file could not be fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixError {
    /// The file could not be read as text.
    Decode(DecodeError),
    /// The file's encoding cannot hold the fixed text, or does not give back its own
    /// bytes: writing it would change more than the fixes.
    Encoding(&'static str),
}

impl FixError {
    /// The reason in Chinese.
    pub fn message(&self) -> String {
        match self {
            FixError::Decode(_) => "文件无法作为文字读取".to_owned(),
            FixError::Encoding(name) => format!(
                "文件的编码为 {name}，修正后的文字无法按原编码原样写回（会改动修正以外的内容）；\
                 请先把文件另存为 UTF-8 编码，再运行 reportlint fix"
            ),
        }
    }
}

/// A text file with fixes applied.
#[derive(Debug)]
pub struct Fixed {
    /// The file's new bytes, in its own encoding (a byte-order mark kept).
    pub bytes: Vec<u8>,
    /// The fixes applied, in text order.
    pub applied: Vec<Fix>,
    /// Fixes left out because their text in the file is not what the finding quotes
    /// (full-width digits), or they cross a line end.
    pub skipped: usize,
}

/// Apply `fixes` (spans into `text`, the document text read from `bytes`) to the file
/// `bytes`.
pub fn fix_file(bytes: &[u8], text: &str, fixes: &[&Fix]) -> Result<Fixed, FixError> {
    let decoded = decode::decode(bytes).map_err(FixError::Decode)?;
    let raw = decoded.text.as_str();
    let map = offsets(raw, text);
    let mut applied: Vec<Fix> = Vec::new();
    let mut raw_fixes: Vec<Fix> = Vec::new();
    let mut skipped = 0;
    for x in fixes {
        let at = |o: usize| {
            map.binary_search_by_key(&o, |&(n, _)| n)
                .ok()
                .map(|i| map[i].1)
        };
        let mapped = at(x.span.start).zip(at(x.span.end)).filter(|(s, e)| {
            raw.get(*s..*e) == text.get(x.span.start..x.span.end)
                && !raw[*s..*e].contains(['\n', '\r'])
        });
        match mapped {
            Some((s, e)) => {
                raw_fixes.push(Fix {
                    span: Span::new(s, e),
                    ..(*x).clone()
                });
                applied.push((*x).clone());
            }
            None => skipped += 1,
        }
    }
    let refs: Vec<&Fix> = raw_fixes.iter().collect();
    let new_text = apply(raw, &refs);
    let bytes = encode(bytes, decoded.encoding, raw, &new_text)?;
    Ok(Fixed {
        bytes,
        applied,
        skipped,
    })
}

/// For each character boundary of `text` (the document text), the offset in `raw` (the
/// decoded file) where the same character starts: `\r\n` and `\r` there are `\n` here,
/// full-width digits ASCII ones. Ascending in both.
fn offsets(raw: &str, text: &str) -> Vec<(usize, usize)> {
    let mut map = Vec::with_capacity(text.len() / 2 + 1);
    let mut r = raw.char_indices().peekable();
    for (n, c) in text.char_indices() {
        let Some((ri, rc)) = r.next() else {
            break;
        };
        map.push((n, ri));
        if rc == '\r' && c == '\n' {
            r.next_if(|&(_, next)| next == '\n');
        }
    }
    map.push((text.len(), raw.len()));
    map
}

/// `new_text` in the encoding `encoding` that `bytes` (decoded to `old_text`) were in,
/// with their byte-order mark; an error when that does not give back `bytes` for
/// `old_text` or cannot hold `new_text`.
fn encode(
    bytes: &[u8],
    encoding: &'static str,
    old_text: &str,
    new_text: &str,
) -> Result<Vec<u8>, FixError> {
    let bom: &[u8] = match Encoding::for_bom(bytes) {
        Some((_, len)) => &bytes[..len],
        None => &[],
    };
    let body = |text: &str| -> Option<Vec<u8>> {
        let mut out = bom.to_vec();
        match encoding {
            "utf-8" => out.extend_from_slice(text.as_bytes()),
            "utf-16le" => out.extend(text.encode_utf16().flat_map(u16::to_le_bytes)),
            "utf-16be" => out.extend(text.encode_utf16().flat_map(u16::to_be_bytes)),
            "gbk" | "big5" => {
                let enc = if encoding == "gbk" { GBK } else { BIG5 };
                let (b, _, errors) = enc.encode(text);
                if errors {
                    return None;
                }
                out.extend_from_slice(&b);
            }
            _ => return None,
        }
        Some(out)
    };
    match (body(old_text), body(new_text)) {
        (Some(old), Some(new)) if old == bytes => Ok(new),
        _ => Err(FixError::Encoding(encoding)),
    }
}

/// A unified-style diff of the lines the fixes change, with Chinese headers: `old_name`
/// and `new_name` are the files, `text` the document text and `fixes` (in text order)
/// what is applied to it.
pub fn diff(old_name: &str, new_name: &str, text: &str, fixes: &[Fix]) -> String {
    let mut out = format!("--- 原文 {old_name}\n+++ 修正后 {new_name}\n");
    let line_of = |o: usize| text[..o].matches('\n').count();
    let mut i = 0;
    while i < fixes.len() {
        let line = line_of(fixes[i].span.start);
        let mut j = i;
        while j < fixes.len() && line_of(fixes[j].span.start) == line {
            j += 1;
        }
        let start = text[..fixes[i].span.start].rfind('\n').map_or(0, |k| k + 1);
        let end = text[fixes[i].span.start..]
            .find('\n')
            .map_or(text.len(), |k| fixes[i].span.start + k);
        let old = &text[start..end];
        let mut new = old.to_owned();
        for x in fixes[i..j].iter().rev() {
            new.replace_range(x.span.start - start..x.span.end - start, &x.replacement);
        }
        let n = line + 1;
        out.push_str(&format!("@@ 第 {n} 行 @@\n-{old}\n+{new}\n"));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Safety;

    fn fix(start: usize, end: usize, r: &str) -> Fix {
        Fix {
            span: Span::new(start, end),
            replacement: r.to_owned(),
            safety: Safety::Safe,
        }
    }

    #[test]
    fn crlf_and_full_width_digits_map_back_to_the_file() {
        let raw = "甲\r\n２０２４年公式平台\r乙";
        let text = "甲\n2024年公式平台\n乙";
        let at = text.find("公式").unwrap();
        let x = fix(at, at + "公式".len(), "公示");
        let fixed = fix_file(raw.as_bytes(), text, &[&x]).unwrap();
        assert_eq!(
            String::from_utf8(fixed.bytes).unwrap(),
            "甲\r\n２０２４年公示平台\r乙"
        );
        // A fix of text written with full-width digits is left out.
        let y = fix(text.find("2024").unwrap(), text.find('年').unwrap(), "2025");
        let fixed = fix_file(raw.as_bytes(), text, &[&y]).unwrap();
        assert_eq!((fixed.applied.len(), fixed.skipped), (0, 1));
        assert_eq!(fixed.bytes, raw.as_bytes());
    }

    #[test]
    fn byte_order_marks_and_gbk_are_kept() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("布署".as_bytes());
        let fixed = fix_file(&bytes, "布署", &[&fix(0, 6, "部署")]).unwrap();
        assert_eq!(&fixed.bytes[..3], b"\xEF\xBB\xBF");
        assert_eq!(&fixed.bytes[3..], "部署".as_bytes());

        let (gbk, _, _) = GBK.encode("截止目前，完成布署。");
        let fixed = fix_file(&gbk, "截止目前，完成布署。", &[&fix(0, 6, "截至")]).unwrap();
        assert_eq!(GBK.decode(&fixed.bytes).0, "截至目前，完成布署。");
        // A replacement GBK cannot hold is refused, not written as a reference.
        let err = fix_file(&gbk, "截止目前，完成布署。", &[&fix(0, 6, "😀")]).unwrap_err();
        assert!(err.message().contains("UTF-8"), "{}", err.message());
    }

    #[test]
    fn overlapping_fixes_are_left_out_and_the_rest_applied_from_the_end() {
        let text = "公式平台与公式栏";
        let a = fix(0, 6, "公示");
        let b = fix(3, 9, "X");
        let c = fix(15, 21, "公示");
        let f = |x: &Fix| Finding {
            rule: "p/r".into(),
            criterion: None,
            severity: crate::Severity::Warning,
            message: String::new(),
            help: None,
            span: Some(x.span),
            labels: Vec::new(),
            fingerprint: String::new(),
            fix: Some(x.clone()),
            restyle: None,
        };
        let findings = [f(&c), f(&b), f(&a)];
        let (chosen, skipped) = chosen(&findings, false);
        assert_eq!(skipped, 1);
        assert_eq!(apply(text, &chosen), "公示平台与公示栏");
        let owned: Vec<Fix> = chosen.into_iter().cloned().collect();
        assert_eq!(
            diff("a.txt", "b.txt", text, &owned),
            "--- 原文 a.txt\n+++ 修正后 b.txt\n@@ 第 1 行 @@\n-公式平台与公式栏\n+公示平台与公示栏\n"
        );
    }
}
