//! Saved web pages (`.html`, `.htm`): the article text of a report as a government site
//! publishes it.
//!
//! Decoding follows a browser's order: a byte-order mark, then a `<meta charset>` (or
//! `http-equiv` content type) near the top — GBK pages are common — then detection.
//! Extraction keeps the text of the page in reading order, one line per block element
//! (`p`, `div`, `br`, `li`, `tr`, headings …), with entities decoded, and leaves out what
//! is never the report: scripts, styles, `head`, forms, and elements whose tag or
//! `class`/`id` marks navigation, headers, footers, share bars, breadcrumbs or
//! sidebars. What remains of the site chrome (来源/发布时间/字体 lines, 您当前所在位置,
//! 网安备) is what the outline already sets aside as chrome, keeping the labelled dates
//! as metadata.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::Regex;

use super::decode::{self, DecodeError, Decoded};

/// How far into the page a `<meta charset>` is looked for.
const META_WINDOW: usize = 4096;

static CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)"#).expect("valid regex")
});

/// Tags whose whole content is skipped.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "footer", "header", "aside", "form",
    "select", "button", "iframe", "svg", "object",
];

/// Tags that end a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
    "center",
    "title",
];

/// `class`/`id` values of page furniture.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[\w-]*(nav|menu|header|footer|breadcrumb|crumb|share|sidebar|copyright|toolbar|topbar|fenxiang)[\w-]*\b")
        .expect("valid regex")
});

static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:class|id)\s*=\s*["']([^"']*)["']"#).expect("valid regex")
});

/// Decode a page's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if Encoding::for_bom(bytes).is_none() {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(META_WINDOW)]);
        if let Some(enc) = CHARSET
            .captures(&head)
            .and_then(|c| Encoding::for_label(c[1].as_bytes()))
        {
            // GB2312 pages often use GBK characters; GB18030 reads both.
            let enc = if enc == encoding_rs::GBK {
                encoding_rs::GB18030
            } else {
                enc
            };
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if !had_errors {
                let name = match enc.name() {
                    "UTF-8" => "utf-8",
                    "gb18030" => "gbk",
                    "Big5" => "big5",
                    _ => "other",
                };
                if name != "other" {
                    return Ok(Decoded {
                        text: text.into_owned(),
                        encoding: name,
                    });
                }
            }
        }
    }
    decode::decode(bytes)
}

/// The page's text, one line per block.
pub fn extract(html: &str) -> String {
    // Lower-cased once, for finding the ends of skipped elements (same byte offsets).
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 3);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            // A bare `<` in the text.
            text(&mut out, "<");
            rest = &rest[1..];
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let furniture = !closing && ATTR.captures_iter(tag).any(|c| FURNITURE.is_match(&c[1]));
        if !closing && !tag.ends_with('/') && (SKIP_TAGS.contains(&name.as_str()) || furniture) {
            let at = html.len() - rest.len();
            rest = skip_element(rest, &lower[at..], &name);
            newline(&mut out);
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            newline(&mut out);
        } else if name == "td" || name == "th" {
            out.push(' ');
        }
    }
    text(&mut out, rest);
    let lines: Vec<&str> = out
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n") + "\n"
}

/// Skip to after the element's matching close tag (nested same-name elements counted).
fn skip_element<'a>(rest: &'a str, lower: &str, name: &str) -> &'a str {
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut depth = 1;
    let mut at = 0;
    while depth > 0 {
        let next_open = lower[at..].find(&open).map(|i| at + i);
        let next_close = lower[at..].find(&close).map(|i| at + i);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                let after = lower[o + open.len()..].chars().next();
                if after.is_some_and(|ch| !ch.is_ascii_alphanumeric()) {
                    depth += 1;
                }
                at = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                at = c + close.len();
            }
            _ => return "",
        }
    }
    lower[at..].find('>').map_or("", |i| &rest[at + i + 1..])
}

fn newline(out: &mut String) {
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Append text with HTML whitespace collapsed and entities decoded.
fn text(out: &mut String, raw: &str) {
    let mut last_space = out.ends_with([' ', '\n']);
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ch = if c == '&' {
            match entity(&raw[i..]) {
                Some((decoded, len)) => {
                    for _ in 1..len {
                        chars.next();
                    }
                    decoded
                }
                None => '&',
            }
        } else {
            c
        };
        if ch.is_whitespace() && ch != '\u{3000}' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(ch);
            last_space = false;
        }
    }
}

/// A character reference at the start of `s`, with its length in characters.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.char_indices().take(12).find(|(_, c)| *c == ';')?.0;
    let body = &s[1..end];
    let c = match body {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "middot" => '·',
        "hellip" => '…',
        _ => {
            let n = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                body.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(n)?
        }
    };
    Some((c, s[..=end].chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_the_furniture() {
        let page = r#"<html><head><title>站点</title><script>var a="<p>";</script></head><body>
<div class="top-nav"><ul><li>首页</li><li><div>政务公开</div></li></ul></div>
<h1>海安街道2023年法治政府建设情况报告</h1>
<div class="info">来源：海安高新区&nbsp;&nbsp;发布时间：2024-03-27</div>
<div id="zoom"><p>2023年，街道&ldquo;一网通办&rdquo;受理&#26696;件122件。</p><p>一、主要举措</p><!-- <p>隐藏</p> --></div>
<div class="share-bar">分享到</div><footer>苏ICP备</footer></body></html>"#;
        let text = extract(page);
        assert_eq!(
            text,
            "海安街道2023年法治政府建设情况报告\n来源：海安高新区 发布时间：2024-03-27\n2023年，街道“一网通办”受理案件122件。\n一、主要举措\n"
        );
    }

    #[test]
    fn any_cut_of_a_page_extracts_without_panicking() {
        let page = include_str!("../../fixtures/pages/haian-2023.html");
        let cuts: Vec<usize> = page.char_indices().map(|(i, _)| i).step_by(37).collect();
        for &i in &cuts {
            extract(&page[..i]);
            extract(&page[i..]);
        }
        for scrap in [
            "<",
            "&",
            "&#",
            "&#x;",
            "&#99999999;",
            "<!--",
            "<a",
            "</",
            "<<>>",
            "&amp",
            "<script>",
            "< 3 >",
        ] {
            extract(scrap);
        }
    }

    #[test]
    fn meta_charset_decides_the_encoding() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gb2312\"><p>法治政府建设</p>");
        let d = decode(&gbk).unwrap();
        assert_eq!(d.encoding, "gbk");
        assert!(d.text.contains("法治政府建设"));
    }
}
