//! Bytes to text: BOM, UTF-8, then detection of legacy Chinese encodings.
//!
//! Order: a byte-order mark decides (UTF-8, UTF-16LE/BE); otherwise valid UTF-8 is
//! taken as is; otherwise `chardetng` guesses from the first 64 KiB (fed with
//! `last = false`, because a truncated prefix must not look like a broken tail) and
//! only the Chinese encodings it can name (GBK/GB18030, Big5) are accepted. Line ends
//! are left as they are; [`Document::from_text`](super::Document::from_text) normalises them.

use encoding_rs::{Encoding, GBK, UTF_8, UTF_16LE};

/// Decoded text and the name of the encoding it was read in.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without BOM.
    pub text: String,
    /// Lower-case encoding label: `utf-8`, `utf-16le`, `utf-16be`, `gbk`, `big5`.
    pub encoding: &'static str,
}

/// Full-width digits (`２０２４`) as the ASCII digits they are, and a full-width point
/// between digits (`９５．３`) as `.`, so that years, dates and figures read alike
/// however they were typed. One character stays one character: lines and columns
/// still match the file.
pub fn fold_digits(text: String) -> String {
    let full = |c: char| ('０'..='９').contains(&c);
    if !text.chars().any(full) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let folded = match c {
            c if full(c) => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' if out.ends_with(|p: char| p.is_ascii_digit())
                && chars.peek().is_some_and(|&n| n.is_ascii_digit() || full(n)) =>
            {
                '.'
            }
            c => c,
        };
        out.push(folded);
    }
    out
}

/// Why bytes could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing but whitespace.
    Empty,
    /// NUL bytes or control characters: not a text file.
    Binary,
    /// Not valid in any encoding we accept; carries the detector's guess.
    UnknownEncoding(&'static str),
    /// A web page with no text outside scripts, styles and page furniture.
    NoText,
    /// A Word document that cannot be read.
    Docx(super::docx::DocxError),
}

const DETECT_PREFIX: usize = 64 * 1024;

/// Decode a whole file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if enc == UTF_8 {
            let text = std::str::from_utf8(body).map_err(|_| binary_or_unknown(body))?;
            (text.to_owned(), "utf-8")
        } else {
            let (text, had_errors) = enc.decode_without_bom_handling(body);
            if had_errors {
                return Err(DecodeError::Binary);
            }
            let name = if enc == UTF_16LE {
                "utf-16le"
            } else {
                "utf-16be"
            };
            (text.into_owned(), name)
        }
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary);
        }
        (text.to_owned(), "utf-8")
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary);
        }
        let enc = detect(bytes);
        let name = match enc.name() {
            "GBK" | "gb18030" => "gbk",
            "Big5" => "big5",
            other => return Err(DecodeError::UnknownEncoding(label_of(other))),
        };
        let enc = if name == "gbk" { GBK } else { enc };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(DecodeError::UnknownEncoding(name));
        }
        (text.into_owned(), name)
    };
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding })
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let prefix = &bytes[..bytes.len().min(DETECT_PREFIX)];
    detector.feed(prefix, prefix.len() == bytes.len());
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn binary_or_unknown(bytes: &[u8]) -> DecodeError {
    if bytes.contains(&0) {
        DecodeError::Binary
    } else {
        DecodeError::UnknownEncoding("utf-8")
    }
}

/// Lower-case labels for the detector's names that we refuse, for the error message.
fn label_of(name: &str) -> &'static str {
    match name {
        "windows-1252" => "windows-1252",
        "Shift_JIS" => "shift_jis",
        "EUC-KR" => "euc-kr",
        "EUC-JP" => "euc-jp",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        _ => "unknown",
    }
}

/// Text files have no NUL and few C0 controls besides tab, newline and form feed.
fn looks_binary(text: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(DETECT_PREFIX) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            controls += 1;
        }
    }
    total > 0 && controls * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "二、存在的不足和原因\r\n法治宣传形式较为单一。\r主要原因是……\n";

    fn encode(enc: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, errors) = enc.encode(text);
        assert!(!errors);
        bytes.into_owned()
    }

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        let mut out = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            let bytes = if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        out
    }

    #[test]
    fn decodes_each_supported_encoding() {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("utf-8", SAMPLE.as_bytes().to_vec(), "utf-8"),
            ("utf-8 带 BOM", bom, "utf-8"),
            ("utf-16le", utf16(SAMPLE, true), "utf-16le"),
            ("utf-16be", utf16(SAMPLE, false), "utf-16be"),
            ("gbk", encode(GBK, SAMPLE), "gbk"),
            ("gb18030", encode(encoding_rs::GB18030, SAMPLE), "gbk"),
        ];
        for (name, bytes, expected) in cases {
            let decoded = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(decoded.text, SAMPLE, "{name}");
            assert_eq!(decoded.encoding, expected, "{name}");
        }
    }

    #[test]
    fn short_gbk_is_detected_not_assumed() {
        let bytes = encode(GBK, "下一年度推进法治政府建设的主要安排");
        assert_eq!(decode(&bytes).unwrap().encoding, "gbk");
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(
            decode(" \r\n\t\n".as_bytes()).unwrap_err(),
            DecodeError::Empty
        );
        assert_eq!(decode(&[0xEF, 0xBB, 0xBF]).unwrap_err(), DecodeError::Empty);
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00\x00\x00").unwrap_err(),
            DecodeError::Binary
        );
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0xFF, 0xD8,
        ];
        assert_eq!(decode(&png).unwrap_err(), DecodeError::Binary);
    }

    #[test]
    fn full_width_digits_fold_one_for_one() {
        let text = "２０２４年，合格率９５．３％，共１２．５万件。１．加强";
        let folded = fold_digits(text.to_owned());
        assert_eq!(folded, "2024年，合格率95.3％，共12.5万件。1．加强");
        assert_eq!(folded.chars().count(), text.chars().count());
        let plain = "没有全角数字".to_owned();
        assert_eq!(fold_digits(plain.clone()), plain);
    }
}
