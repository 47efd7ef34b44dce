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
use crate::report::{Change, Finding, Safety};

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
        (unsafe_fixes || r.safety == Safety::Safe).then_some((i, &r.change))
    })
}

/// `xml` with every run-property revision (`w:rPrChange`) that repeats an id seen
/// before it given a new one, from `next` on: cutting a run in two (for a comment
/// range) copies its properties, revision and all, and Word wants each revision's id
/// once.
pub(in crate::annotate) fn distinct_ids(xml: String, w: &str, mut next: usize) -> String {
    let open = format!("<{}", Tags { w, declare: "" }.tag("rPrChange"));
    if !xml.contains(&open) {
        return xml;
    }
    let id_name = Tags { w, declare: "" }.tag("id");
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(xml.len());
    let mut at = 0;
    let mut from = 0;
    while let Some(i) = xml[from..].find(&open).map(|i| from + i) {
        from = i + open.len();
        let Some(end) = xml[i..].find('>').map(|e| i + e) else {
            break;
        };
        let tag = &xml[i..end];
        let Some(value) = attr_at(tag, &id_name) else {
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

/// Element `e` (`<x …/>`) with attribute `name` set to `value` (escaped).
fn with_attr(e: &str, name: &str, value: impl Display) -> String {
    let value = crate::document::docx::escape(&value.to_string());
    match attr_at(e, name) {
        Some(r) => format!("{}{value}{}", &e[..r.start], &e[r.end..]),
        None => {
            let head = e.strip_suffix("/>").unwrap_or(e).trim_end();
            format!("{head} {name}=\"{value}\"/>")
        }
    }
}

/// Element `e` without attribute `name`.
fn without_attr(e: &str, name: &str) -> String {
    match attr_at(e, name) {
        // From the space before the name to the closing quote.
        Some(r) => {
            let from = e[..r.start - name.len() - 2].trim_end().len();
            format!("{}{}", &e[..from], &e[r.end + 1..])
        }
        None => e.to_owned(),
    }
}

/// Where the value of attribute `name` (`name="…"`, after white space) is in tag `e`.
fn attr_at(e: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let key = format!("{name}=\"");
    let mut from = 0;
    while let Some(i) = e[from..].find(&key).map(|i| from + i) {
        if e[..i].ends_with(char::is_whitespace) {
            let start = i + key.len();
            let end = start + e[start..].find('"')?;
            return Some(start..end);
        }
        from = i + key.len();
    }
    None
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
    }
}
