//! Page setup fixes: the last section's `w:pgSz` and `w:pgMar` get the values the
//! findings carry, and a `w:sectPrChange` keeps the old section properties.
//!
//! Written only where it is certain to come out right: the body ends with one
//! `w:sectPr` that has a `w:pgSz` (and a `w:pgMar` when margins change) and no revision
//! of its own. Otherwise the findings stay comments.

use std::sync::LazyLock;

use regex::Regex;

use super::{AUTHOR, Restyled, Tags, chosen, with_attr, without_attr};
use crate::report::{Change, Finding, PageSetup};

/// Write the page setup of `findings` (safe ones; with `unsafe_fixes` the others too)
/// into `xml` as one formatting revision with id `id` dated `date`. `None` when there
/// is nothing to write or it cannot be written safely.
pub(in crate::annotate) fn page(
    xml: &str,
    findings: &[Finding],
    unsafe_fixes: bool,
    tags: &Tags<'_>,
    id: usize,
    date: &str,
) -> Option<Restyled> {
    if !tags.prefixed() {
        return None;
    }
    let mut applied = Vec::new();
    let mut set = PageSetup::default();
    for (i, change) in chosen(findings, unsafe_fixes) {
        if let Change::Page(p) = change {
            set.merge(p);
            applied.push(i);
        }
    }
    if applied.is_empty() {
        return None;
    }
    let tag = |name: &str| tags.tag(name);
    let declare = tags.declare;
    // The body's own section properties: the last `sectPr` before the body ends.
    let body_end = xml.rfind(&format!("</{}>", tag("body")))?;
    let open = format!("<{}", tag("sectPr"));
    let close = format!("</{}>", tag("sectPr"));
    let start = xml[..body_end].rfind(&open)?;
    let head_end = start + xml[start..].find('>')?;
    if xml[..=head_end].ends_with("/>") {
        return None;
    }
    let end = start + xml[start..].find(&close)?;
    if end > body_end {
        return None;
    }
    let inner = &xml[head_end + 1..end];
    if inner.contains("sectPrChange") || inner.contains(&open) {
        return None;
    }
    let size = element(inner, &tag("pgSz"))?;
    let margins = element(inner, &tag("pgMar"));
    let wants_margins =
        set.top.is_some() || set.bottom.is_some() || set.left.is_some() || set.right.is_some();
    if wants_margins && margins.is_none() {
        return None;
    }
    let mut new_inner = inner.to_owned();
    if let Some((width, height)) = set.paper {
        let old = &inner[size.clone()];
        let mut e = with_attr(old, &tag("w"), width);
        e = with_attr(&e, &tag("h"), height);
        e = without_attr(&e, &tag("orient"));
        new_inner = new_inner.replacen(old, &e, 1);
    }
    if let Some(m) = margins {
        let old = &inner[m];
        let mut e = old.to_owned();
        for (name, v) in [
            ("top", set.top),
            ("bottom", set.bottom),
            ("left", set.left),
            ("right", set.right),
        ] {
            if let Some(v) = v {
                e = with_attr(&e, &tag(name), v);
            }
        }
        new_inner = new_inner.replacen(old, &e, 1);
    }
    // The old properties, without the header and footer references (not section
    // properties of the change).
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"<(?:[A-Za-z_][\w.-]*:)?(?:header|footer)Reference\b[^>]*/>")
            .expect("valid regex")
    });
    let old_props = REFERENCE.replace_all(inner, "");
    let change = format!(
        "<{c}{declare} {id_attr}=\"{id}\" {author}=\"{AUTHOR}\" {date_attr}=\"{date}\"><{s}>{old_props}</{s}></{c}>",
        c = tag("sectPrChange"),
        s = tag("sectPr"),
        id_attr = tag("id"),
        author = tag("author"),
        date_attr = tag("date"),
    );
    let out = format!("{}{new_inner}{change}{}", &xml[..=head_end], &xml[end..]);
    Some(Restyled {
        xml: out,
        applied,
        next_id: id + 1,
    })
}

/// The range of the first empty element `<tag …/>` in `xml`.
fn element(xml: &str, tag: &str) -> Option<std::ops::Range<usize>> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(at) = xml[from..].find(&open).map(|i| from + i) {
        let next = xml[at + open.len()..].chars().next();
        if matches!(next, Some(' ' | '/' | '>' | '\t' | '\n' | '\r')) {
            let end = at + xml[at..].find('>')? + 1;
            return xml[..end].ends_with("/>").then_some(at..end);
        }
        from = at + open.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Restyle, Safety};

    const W: Tags<'static> = Tags {
        w: "w",
        declare: "",
    };

    fn finding(page: PageSetup, safety: Safety) -> Finding {
        Finding {
            rule: "gbt9704/margins".to_owned(),
            criterion: None,
            severity: crate::report::Severity::Error,
            message: String::new(),
            help: None,
            span: None,
            labels: Vec::new(),
            fingerprint: String::new(),
            fix: None,
            restyle: Some(Restyle {
                safety,
                change: Change::Page(page),
            }),
        }
    }

    const DOC: &str = r#"<w:document><w:body><w:p/><w:sectPr w:rsidR="1"><w:footerReference w:type="default" r:id="rId2"/><w:pgSz w:w="12240" w:h="15840" w:orient="landscape"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" w:footer="720" w:gutter="0"/><w:cols w:space="720"/></w:sectPr></w:body></w:document>"#;

    #[test]
    fn the_page_is_set_and_the_old_setup_kept_in_a_revision() {
        let findings = [
            finding(
                PageSetup {
                    paper: Some((11906, 16838)),
                    ..PageSetup::default()
                },
                Safety::Safe,
            ),
            finding(
                PageSetup {
                    top: Some(2098),
                    ..PageSetup::default()
                },
                Safety::Safe,
            ),
            finding(
                PageSetup {
                    left: Some(1587),
                    ..PageSetup::default()
                },
                Safety::Unsafe,
            ),
        ];
        let r = page(DOC, &findings, false, &W, 7, "2025-01-20T08:30:00Z").unwrap();
        assert_eq!(r.applied, [0, 1]);
        assert_eq!(
            r.xml,
            r#"<w:document><w:body><w:p/><w:sectPr w:rsidR="1"><w:footerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" w:footer="720" w:gutter="0"/><w:cols w:space="720"/><w:sectPrChange w:id="7" w:author="reportlint" w:date="2025-01-20T08:30:00Z"><w:sectPr><w:pgSz w:w="12240" w:h="15840" w:orient="landscape"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" w:footer="720" w:gutter="0"/><w:cols w:space="720"/></w:sectPr></w:sectPrChange></w:sectPr></w:body></w:document>"#
        );
        // With unsafe fixes the left margin too.
        let r = page(DOC, &findings, true, &W, 7, "d").unwrap();
        assert!(r.xml.contains(r#"w:left="1587""#), "{}", r.xml);
    }

    #[test]
    fn a_section_with_a_revision_or_without_a_page_size_is_left_alone() {
        let f = [finding(
            PageSetup {
                top: Some(2098),
                ..PageSetup::default()
            },
            Safety::Safe,
        )];
        let revised = DOC.replace(
            "<w:cols",
            r#"<w:sectPrChange w:id="1"><w:sectPr/></w:sectPrChange><w:cols"#,
        );
        assert!(page(&revised, &f, false, &W, 7, "d").is_none());
        let bare = "<w:document><w:body><w:p/><w:sectPr/></w:body></w:document>";
        assert!(page(bare, &f, false, &W, 7, "d").is_none());
        assert!(page(DOC, &[], false, &W, 7, "d").is_none());
        // A part with Word's namespace as the default one has unprefixed attributes.
        let default = Tags {
            w: "w",
            declare: " xmlns:w=\"x\"",
        };
        assert!(page(DOC, &f, false, &default, 7, "d").is_none());
    }
}
