//! Saved web pages (`.html`, `.htm`): the article text of a report as a government site
//! publishes it.
//!
//! Decoding follows a browser's order: a byte-order mark, then a `<meta charset>` (or
//! `http-equiv` content type) near the top — GBK pages are common — then detection.
//! Extraction keeps the text of the page in reading order, one line per block element
//! (`p`, `div`, `br`, `li`, headings …) and per table cell, with entities decoded, and
//! leaves out what is never the report: scripts, styles, `head`, forms, and elements
//! whose tag or `class`/`id` marks navigation, headers, footers, share bars,
//! breadcrumbs or sidebars. What remains of the site chrome (来源/发布时间/字体 lines,
//! 您当前所在位置, 网安备) is what the outline already sets aside as chrome, keeping the
//! labelled dates as metadata. Copy-site watermarks are moved off each line as it is
//! written ([`watermark::set_apart`]), so offsets taken while reading hold in the final
//! text.
//!
//! Tables are read onto their grid ([`Table`], with `rowspan`/`colspan`, `<th>` and
//! `<thead>` as headers, nested tables, end tags left out as HTML allows), each cell's
//! span covering its lines. A table that only lays the page out (one column, or a cell
//! holding a whole article) is not one of the report's tables.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::Regex;

use super::decode::{self, DecodeError, Decoded};
use super::table::{Merge, Table, TableBuilder};
use super::watermark;

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

/// Elements that have no end tag (never skipped as a whole).
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Parts of a data table that a `class` such as `table-header` does not make furniture.
const TABLE_PARTS: &[&str] = &["thead", "tbody", "tfoot", "th", "caption"];

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
    "caption",
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

/// A page's text and the tables in it.
#[derive(Debug, Default)]
pub struct Extracted {
    /// One line per block (and per table cell), watermarks set apart
    /// ([`watermark::set_apart`]).
    pub text: String,
    /// The tables holding data, each cell with its span in `text` (layout tables, which
    /// only place the page's parts, are left out).
    pub tables: Vec<Table>,
}

/// The page's text, one line per block and per table cell, and its tables.
pub fn extract(html: &str) -> Extracted {
    // Lower-cased once, for finding the ends of skipped elements (same byte offsets).
    let lower = html.to_ascii_lowercase();
    let mut w = Writer::default();
    let mut tables = Tables::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        w.text(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            // A bare `<` in the text.
            w.text("<");
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
        let skipped = !closing
            && !tag.ends_with('/')
            && !VOID_TAGS.contains(&name.as_str())
            && (SKIP_TAGS.contains(&name.as_str())
                || (!TABLE_PARTS.contains(&name.as_str())
                    && ATTR.captures_iter(tag).any(|c| FURNITURE.is_match(&c[1]))));
        if skipped {
            if matches!(name.as_str(), "td" | "th") {
                // Furniture in a cell: the cell stays on the grid, empty.
                tables.tag(&mut w, &name, false, tag);
                tables.tag(&mut w, &name, true, tag);
            }
            let at = html.len() - rest.len();
            rest = skip_element(rest, &lower[at..], &name);
            w.end_line();
            continue;
        }
        if !tables.tag(&mut w, &name, closing, tag) && BLOCK_TAGS.contains(&name.as_str()) {
            w.end_line();
        }
    }
    w.text(rest);
    let tables = tables.finish(&mut w);
    let text = w.finish();
    let tables = data_tables(tables, &text);
    Extracted { text, tables }
}

/// Skip to after the element's matching close tag (nested same-name elements counted),
/// in one pass over the element.
fn skip_element<'a>(rest: &'a str, lower: &str, name: &str) -> &'a str {
    let open = format!("<{name}");
    let close = format!("</{name}");
    // The next start or end tag of this name at or after `from`.
    let find = |pattern: &str, from: usize| {
        let mut from = from;
        while let Some(i) = lower.get(from..)?.find(pattern) {
            let at = from + i;
            from = at + pattern.len();
            if lower[from..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric())
            {
                return Some(at);
            }
        }
        None
    };
    let mut depth = 1;
    let mut at = 0;
    let mut next_open = find(&open, 0);
    let mut next_close = find(&close, 0);
    while depth > 0 {
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                at = o + open.len();
                next_open = find(&open, at);
            }
            (_, Some(c)) => {
                depth -= 1;
                at = c + close.len();
                next_close = find(&close, at);
            }
            _ => return "",
        }
    }
    lower[at..].find('>').map_or("", |i| &rest[at + i + 1..])
}

/// Builds the text line by line, as it will be: HTML whitespace collapsed, each line
/// trimmed, empty lines left out, watermarks moved off their line as soon as the line
/// is done, so that an offset taken while writing is an offset into the final text.
#[derive(Debug, Default)]
struct Writer {
    out: String,
    /// Where the current line starts.
    line: usize,
    /// The last character written is a collapsed space.
    space: bool,
    /// Where the text of the last finished line ends (before its moved watermarks).
    last_end: usize,
}

impl Writer {
    /// Append text with HTML whitespace collapsed and entities decoded.
    fn text(&mut self, raw: &str) {
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
            if ch.is_whitespace() && self.out.len() == self.line {
                // Nothing at the start of a line is blank.
            } else if ch.is_whitespace() && ch != '\u{3000}' {
                if !self.space {
                    self.out.push(' ');
                    self.space = true;
                }
            } else {
                self.out.push(ch);
                self.space = false;
            }
        }
    }

    /// End the current line: trimmed, set apart from its watermarks, or dropped when
    /// blank.
    fn end_line(&mut self) {
        let kept = self.out[self.line..].trim_end().len();
        self.out.truncate(self.line + kept);
        self.space = false;
        if kept == 0 {
            return;
        }
        self.out.push('\n');
        let line = &self.out[self.line..];
        let moved = watermark::set_apart(line.to_owned());
        self.last_end = self.line + moved.find('\n').unwrap_or(kept);
        if moved != line {
            self.out.truncate(self.line);
            self.out.push_str(&moved);
        }
        self.line = self.out.len();
    }

    fn finish(mut self) -> String {
        self.end_line();
        if self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

/// The tables being read: `<table>`, `<tr>`, `<td>`/`<th>` with `rowspan`/`colspan`,
/// `<thead>`, nested tables; end tags HTML lets a page leave out are implied.
#[derive(Debug, Default)]
struct Tables {
    builder: TableBuilder,
    open: Vec<OpenTable>,
}

#[derive(Debug, Default)]
struct OpenTable {
    /// Inside `<thead>`.
    head: bool,
    /// A row is open.
    row: bool,
    /// The open cell's start in the text.
    cell: Option<usize>,
}

impl Tables {
    /// Take a table tag; whether it was one (its line is then ended).
    fn tag(&mut self, w: &mut Writer, name: &str, closing: bool, tag: &str) -> bool {
        if !matches!(
            name,
            "table" | "tr" | "td" | "th" | "thead" | "tbody" | "tfoot"
        ) {
            return false;
        }
        w.end_line();
        if name == "table" && !closing {
            self.builder.start_table();
            self.open.push(OpenTable::default());
            return true;
        }
        if self.open.is_empty() {
            return true;
        }
        match (name, closing) {
            ("table", _) => self.close_table(w),
            ("thead", false) => self.set_head(true),
            ("thead", true) | ("tbody" | "tfoot", false) => {
                self.close_row(w);
                self.set_head(false);
            }
            ("tbody" | "tfoot", true) => self.close_row(w),
            ("tr", false) => {
                self.close_row(w);
                self.builder.start_row(0);
                if let Some(t) = self.open.last_mut() {
                    t.row = true;
                }
            }
            ("tr", true) => self.close_row(w),
            (_, false) => {
                self.close_cell(w);
                let span = |which: &str| {
                    SPAN_ATTR
                        .captures_iter(tag)
                        .find(|c| c[1].eq_ignore_ascii_case(which))
                        .map_or(1, |c| c[2].parse().unwrap_or(MAX_SPAN))
                };
                let rows = span("rowspan");
                let merge = if rows > 1 {
                    Merge::Rows(rows)
                } else {
                    Merge::None
                };
                let start = w.out.len();
                let head = self.open.last().is_some_and(|t| t.head);
                self.builder
                    .start_cell(start, span("colspan"), merge, name == "th" || head);
                if let Some(t) = self.open.last_mut() {
                    t.row = true;
                    t.cell = Some(start);
                }
            }
            (_, true) => self.close_cell(w),
        }
        true
    }

    fn set_head(&mut self, head: bool) {
        if let Some(t) = self.open.last_mut() {
            t.head = head;
        }
    }

    fn close_cell(&mut self, w: &mut Writer) {
        if let Some(start) = self.open.last_mut().and_then(|t| t.cell.take()) {
            w.end_line();
            self.builder.extend_cell(w.last_end.max(start));
            self.builder.end_cell();
        }
    }

    fn close_row(&mut self, w: &mut Writer) {
        self.close_cell(w);
        if let Some(t) = self.open.last_mut()
            && t.row
        {
            t.row = false;
            self.builder.end_row();
        }
    }

    fn close_table(&mut self, w: &mut Writer) {
        self.close_cell(w);
        self.builder.end_table();
        self.open.pop();
    }

    /// Close what the page left open and hand over the tables.
    fn finish(mut self, w: &mut Writer) -> Vec<Table> {
        while !self.open.is_empty() {
            self.close_table(w);
        }
        self.builder.finish()
    }
}

/// The largest `rowspan`/`colspan` taken from a page (the table model clamps further).
const MAX_SPAN: usize = 1000;

static SPAN_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(rowspan|colspan)\s*=\s*["']?\s*(\d+)"#).expect("valid regex")
});

/// A table that only lays out the page: a single column, or a cell holding what reads
/// as a whole article. Its cells are no table of the report, and its text must stay
/// open to the outline.
fn is_layout(table: &Table, text: &str) -> bool {
    table.width() < 2
        || table.cells().any(|c| {
            c.span.len() > LAYOUT_CELL_BYTES
                || c.span.slice(text).lines().count() > LAYOUT_CELL_LINES
        })
}

/// A cell with more lines than this holds an article, not a datum.
const LAYOUT_CELL_LINES: usize = 20;
/// A cell with more text than this (in UTF-8 bytes: some 2,000 Chinese characters)
/// holds an article, not a datum.
const LAYOUT_CELL_BYTES: usize = 6000;

/// The tables that hold data, nested ones pointing at the nearest one kept.
fn data_tables(tables: Vec<Table>, text: &str) -> Vec<Table> {
    let keep: Vec<bool> = tables.iter().map(|t| !is_layout(t, text)).collect();
    // For each table, the nearest kept table holding it (parents come first).
    let mut holder: Vec<Option<usize>> = Vec::with_capacity(tables.len());
    let mut index: Vec<Option<usize>> = Vec::with_capacity(tables.len());
    let mut kept = 0;
    for (i, t) in tables.iter().enumerate() {
        let parent = t.parent.filter(|&p| p < i);
        holder.push(parent.and_then(|p| if keep[p] { Some(p) } else { holder[p] }));
        index.push(keep[i].then_some(kept));
        kept += usize::from(keep[i]);
    }
    tables
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| keep[i])
        .map(|(i, mut t)| {
            t.parent = holder[i].and_then(|p| index[p]);
            t
        })
        .collect()
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
<img class="header-logo" src="logo.png"><h1>海安街道2023年法治政府建设情况报告</h1>
<div class="info">来源：海安高新区&nbsp;&nbsp;发布时间：2024-03-27</div>
<div id="zoom"><p>2023年，街道&ldquo;一网通办&rdquo;受理&#26696;件122件。</p><p>一、主要举措</p><!-- <p>隐藏</p> --></div>
<div class="share-bar">分享到</div><footer>苏ICP备</footer></body></html>"#;
        let text = extract(page).text;
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
            "<table><tr><td rowspan=99999999999999999999 colspan=0>x",
            "</td></tr></table><td>",
            "<table><table><caption>a</table>b<tr><th>c",
            "<td class=nav>x</td><tr><table><thead><td>y",
        ] {
            extract(scrap);
            for t in extract(scrap).tables {
                assert!(t.cells().all(|c| c.rows >= 1 && c.columns >= 1));
            }
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
