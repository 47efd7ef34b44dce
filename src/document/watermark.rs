//! Watermarks that copy-and-paste sites insert into article text, sometimes in the
//! middle of a sentence (domain brief §7.3: “第一秘书之家—全网资源每日更新
//! www.mishuzj.com责任人职责”, where the report said 第一责任人职责). Left in place they
//! split the very words the checks look for.
//!
//! [`set_apart`] moves each watermark out of its sentence onto a line of its own after
//! it, so the sentence reads as the report wrote it while the watermark stays in the
//! text: the outline treats that line as page chrome, and the pack's template-residue
//! rule still reports it.

use std::sync::LazyLock;

use regex::Regex;

/// A watermark: an optional site name, the slogan and the site's address.
static WATERMARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:秘书之家|范文网|公文网|文秘网|秘书网|写作网|文库)?\s*[—–-]{0,2}\s*全网资源每日更新\s*",
        r"(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org)(?:/[A-Za-z0-9/._-]*)?"
    ))
    .expect("valid regex")
});

/// Whether a trimmed line is nothing but watermarks.
pub fn is_watermark_line(line: &str) -> bool {
    !line.is_empty() && WATERMARK.replace_all(line, "").trim().is_empty()
}

/// The text with every watermark moved from inside its line to a line of its own just
/// after it. Text without watermarks is returned unchanged.
///
/// Only saved web pages are treated so: in a text file the lines must stay the file's
/// lines, and in a Word document each line maps back to its paragraph's runs.
pub fn set_apart(text: String) -> String {
    if !WATERMARK.is_match(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let mut kept = String::with_capacity(body.len());
        let mut marks = Vec::new();
        let mut at = 0;
        for m in WATERMARK.find_iter(body) {
            kept.push_str(&body[at..m.start()]);
            marks.push(m.as_str().trim());
            at = m.end();
        }
        kept.push_str(&body[at..]);
        if marks.is_empty() || kept.trim().is_empty() {
            out.push_str(line);
            continue;
        }
        out.push_str(&kept);
        for mark in marks {
            out.push('\n');
            out.push_str(mark);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watermarks_leave_the_sentence_they_split() {
        let text =
            "履行推进法治建设第一秘书之家—全网资源每日更新www.mishuzj.com责任人职责。\n下一段\n";
        assert_eq!(
            set_apart(text.to_owned()),
            "履行推进法治建设第一责任人职责。\n秘书之家—全网资源每日更新www.mishuzj.com\n下一段\n"
        );
        assert!(is_watermark_line(
            "秘书之家—全网资源每日更新www.mishuzj.com"
        ));
        assert!(!is_watermark_line("在www.haian.gov.cn公开"));
        let plain = "在www.haian.gov.cn公开政府信息。\n".to_owned();
        assert_eq!(set_apart(plain.clone()), plain);
    }
}
