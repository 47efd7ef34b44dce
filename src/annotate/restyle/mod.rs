//! Formatting fixes as formatting revisions (`annotate --fix`): the findings'
//! [`crate::report::Restyle`]s set the page setup ([`page`]: `w:sectPrChange`) or the
//! formatting of whole paragraphs ([`paragraphs`]: `w:pPrChange` on the paragraph,
//! `w:rPrChange` on each of its runs), each change by [`AUTHOR`] with the date and the
//! old properties inside it, so that Word's “拒绝所有修订” gives back the old formatting
//! and “接受所有修订” keeps the new one. What cannot be written with certainty is left
//! out, and its findings stay comments.

mod page;
mod paragraphs;

use std::fmt::Display;

use super::AUTHOR;
use crate::report::{Change, Finding};

pub(super) use page::page;

pub(super) use paragraphs::{Target, paragraphs};

/// The main part with formatting revised, the findings it fixes (indices into the
/// findings), and the first annotation id it left unused.
pub(in crate::annotate) struct Restyled {
    pub(in crate::annotate) xml: String,
    pub(in crate::annotate) applied: Vec<usize>,
    pub(in crate::annotate) next_id: usize,
}

/// How inserted elements are named: the WordprocessingML prefix, and the namespace
/// declaration each needs where the part binds Word's namespace only as the default.
pub(in crate::annotate) struct Tags<'a> {
    pub(in crate::annotate) w: &'a str,
    pub(in crate::annotate) declare: &'a str,
}

impl Tags<'_> {
    /// Whether the part names Word's namespace with a prefix of its own, which new
    /// attributes of existing elements can use; where it binds it only as the default,
    /// formatting is left alone.
    fn prefixed(&self) -> bool {
        self.declare.is_empty() && !self.w.is_empty()
    }

    /// `name` with the prefix.
    pub(super) fn tag(&self, name: &str) -> String {
        if self.w.is_empty() {
            name.to_owned()
        } else {
            format!("{}:{name}", self.w)
        }
    }

    /// The attributes of a revision: id, author, date.
    fn change(&self, id: usize, date: &str) -> String {
        format!(
            "{} {}=\"{id}\" {}=\"{AUTHOR}\" {}=\"{date}\"",
            self.declare,
            self.tag("id"),
            self.tag("author"),
            self.tag("date")
        )
    }
}

/// The findings whose formatting fix is to be written (safe ones; with `unsafe_fixes`
/// the others too) and what each changes.
fn chosen(findings: &[Finding], unsafe_fixes: bool) -> impl Iterator<Item = (usize, &Change)> {
    findings.iter().enumerate().filter_map(move |(i, f)| {
        let r = f.restyle.as_ref()?;
        r.applies(unsafe_fixes).then_some((i, &r.change))
    })
}

/// `xml` with every run-property revision (`w:rPrChange`) that repeats an id seen
/// before it given a new one, from `next` on: cutting a run in two (for a comment
/// range) copies its properties, revision and all, and Word wants each revision's id
/// once.
pub(in crate::annotate) fn distinct_ids(xml: String, w: &str, mut next: usize) -> String {
    let tags = Tags { w, declare: "" };
    let open = format!("<{}", tags.tag("rPrChange"));
    if !xml.contains(&open) {
        return xml;
    }
    let id_name = tags.tag("id");
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(xml.len());
    let mut at = 0;
    let mut from = 0;
    while let Some(i) = xml[from..].find(&open).map(|i| from + i) {
        from = i + open.len();
        let Some(end) = tag_end(&xml, i) else {
            break;
        };
        let tag = &xml[i..end];
        let Some((value, _)) = attr_at(tag, &id_name) else {
            continue;
        };
        if !seen.insert(tag[value.clone()].to_owned()) {
            out.push_str(&xml[at..i + value.start]);
            out.push_str(&next.to_string());
            next += 1;
            at = i + value.end;
        }
    }
    out.push_str(&xml[at..]);
    out
}

/// Where the tag starting at `start` ends (after its `>`), quoted values passed over.
fn tag_end(xml: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in xml[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

/// Element `e` (`<x …/>`) with attribute `name` set to `value` (escaped).
fn with_attr(e: &str, name: &str, value: impl Display) -> String {
    let value = crate::document::docx::escape(&value.to_string()).replace('\'', "&apos;");
    match attr_at(e, name) {
        Some((r, _)) => format!("{}{value}{}", &e[..r.start], &e[r.end..]),
        None => {
            let head = e.strip_suffix("/>").unwrap_or(e).trim_end();
            format!("{head} {name}=\"{value}\"/>")
        }
    }
}

/// Element `e` without attribute `name`.
fn without_attr(e: &str, name: &str) -> String {
    match attr_at(e, name) {
        // From the white space before the name to the closing quote.
        Some((value, name_start)) => {
            let from = e[..name_start].trim_end().len();
            format!("{}{}", &e[..from], &e[value.end + 1..])
        }
        None => e.to_owned(),
    }
}

/// Where the value of attribute `name` is in tag `e` (inside its quotes, either kind,
/// white space around `=` allowed), and where the name starts.
fn attr_at(e: &str, name: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let bytes = e.as_bytes();
    // Past `<` and the element's name.
    let mut i = e.find(|c: char| c.is_whitespace())?;
    loop {
        while i < e.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let name_start = i;
        while i < e.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'/' | b'>')
        {
            i += 1;
        }
        if i == name_start {
            return None;
        }
        let this = &e[name_start..i];
        while i < e.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while i < e.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let quote = *bytes.get(i)?;
        if !matches!(quote, b'"' | b'\'') {
            return None;
        }
        let start = i + 1;
        let end = start + e[start..].find(char::from(quote))?;
        if this == name {
            return Some((start..end, name_start));
        }
        i = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_revision_id_gets_a_new_one() {
        let xml = r#"<w:r><w:rPr><w:rPrChange w:id="4" w:author="a"><w:rPr/></w:rPrChange></w:rPr></w:r><w:r><w:rPr><w:rPrChange w:id="4" w:author="a"><w:rPr/></w:rPrChange></w:rPr></w:r><w:rPrChange w:id="5"/>"#;
        assert_eq!(
            distinct_ids(xml.to_owned(), "w", 30),
            xml.replacen(r#"w:id="4""#, "\u{0}", 1)
                .replacen(r#"w:id="4""#, r#"w:id="30""#, 1)
                .replacen('\u{0}', r#"w:id="4""#, 1)
        );
        assert_eq!(distinct_ids("<w:p/>".to_owned(), "w", 1), "<w:p/>");
        // An id after a value holding `>`, in single quotes.
        let odd = r#"<w:rPrChange w:author="a>b" w:id='4'/><w:rPrChange w:author="a>b" w:id='4'/>"#;
        assert_eq!(
            distinct_ids(odd.to_owned(), "w", 9),
            r#"<w:rPrChange w:author="a>b" w:id='4'/><w:rPrChange w:author="a>b" w:id='9'/>"#
        );
    }

    #[test]
    fn attributes_are_set_added_and_taken_away() {
        let e = r#"<w:ind w:left="0" w:firstLine="480" w:hanging="2"/>"#;
        assert_eq!(
            with_attr(e, "w:firstLine", 640),
            r#"<w:ind w:left="0" w:firstLine="640" w:hanging="2"/>"#
        );
        assert_eq!(
            with_attr(e, "w:firstLineChars", 200),
            r#"<w:ind w:left="0" w:firstLine="480" w:hanging="2" w:firstLineChars="200"/>"#
        );
        assert_eq!(
            without_attr(e, "w:hanging"),
            r#"<w:ind w:left="0" w:firstLine="480"/>"#
        );
        assert_eq!(
            without_attr(e, "w:left"),
            r#"<w:ind w:firstLine="480" w:hanging="2"/>"#
        );
        assert_eq!(without_attr(e, "w:right"), e);
        // A name that ends another is not it.
        assert_eq!(
            with_attr(r#"<w:ind w:firstLineChars="0"/>"#, "w:firstLine", 0),
            r#"<w:ind w:firstLineChars="0" w:firstLine="0"/>"#
        );
        assert_eq!(
            with_attr(r#"<w:rFonts w:eastAsia="宋体"/>"#, "w:eastAsia", "A&B"),
            r#"<w:rFonts w:eastAsia="A&amp;B"/>"#
        );
        // Single quotes and white space around `=` are XML too.
        assert_eq!(
            with_attr("<w:jc w:val='left'/>", "w:val", "center"),
            "<w:jc w:val='center'/>"
        );
        assert_eq!(
            with_attr(r#"<w:sz w:val = "24"/>"#, "w:val", 32),
            r#"<w:sz w:val = "32"/>"#
        );
        assert_eq!(
            without_attr(r#"<w:ind w:hanging = '2' w:left="0"/>"#, "w:hanging"),
            r#"<w:ind w:left="0"/>"#
        );
        // A value holding `>` or the other quote.
        assert_eq!(
            with_attr(r#"<w:x w:a='say "x>y"' w:b="1"/>"#, "w:b", 2),
            r#"<w:x w:a='say "x>y"' w:b="2"/>"#
        );
    }
}
