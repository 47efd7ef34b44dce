//! One report, every form it arrives in: each fixture as text, as a Word document with
//! typed heading numbers, as one whose headings Word numbers automatically, and as a
//! saved web page gives the same element verdicts — and the same findings at the same
//! lines, since every form keeps one paragraph per line of the text.

mod common;

use std::path::Path;

use reportlint::{Checked, Document};

use common::{ENGINE, FIXTURES};

fn check(path: &str) -> Checked {
    let doc = Document::open(Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    ENGINE.check(doc, None)
}

fn verdicts(c: &Checked) -> Vec<String> {
    c.elements
        .iter()
        .map(|e| format!("{} {:?}", e.id, e.status))
        .collect()
}

/// Each finding with the line its span starts on.
fn findings(c: &Checked) -> Vec<String> {
    let d = &c.document;
    // The layout (`gbt9704`) is the .docx form's alone: tests/layout.rs checks it.
    let mut v: Vec<String> = c
        .findings
        .iter()
        .filter(|f| !f.rule.starts_with("gbt9704/"))
        .map(|f| {
            let line = f.span.map(|s| d.lines.position(&d.text, s.start).line);
            format!("{} {line:?} {}", f.rule, f.message)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_form_of_every_fixture_reads_alike() {
    for name in FIXTURES {
        let txt = check(&format!("fixtures/reports/{name}.txt"));
        for form in [
            format!("fixtures/docx/{name}.docx"),
            format!("fixtures/docx/{name}-autonum.docx"),
            format!("fixtures/pages/{name}.html"),
        ] {
            let other = check(&form);
            assert_eq!(other.document.title(), txt.document.title(), "{form}");
            assert_eq!(other.year, txt.year, "{form}");
            assert_eq!(verdicts(&other), verdicts(&txt), "{form}");
            if !form.contains("pages") {
                // Web pages set the site's chrome lines apart, which shifts line numbers.
                assert_eq!(findings(&other), findings(&txt), "{form}");
            } else {
                let strip = |v: Vec<String>| -> Vec<String> {
                    v.into_iter()
                        .map(|f| {
                            let (rule, rest) = f.split_once(' ').unwrap();
                            let message = rest.split_once(") ").map_or(rest, |(_, m)| m);
                            format!("{rule} {message}")
                        })
                        .collect()
                };
                assert_eq!(strip(findings(&other)), strip(findings(&txt)), "{form}");
            }
        }
    }
}

#[test]
fn auto_numbered_fixtures_really_are_numbered_by_word() {
    for name in FIXTURES {
        let path = format!("fixtures/docx/{name}-autonum.docx");
        let bytes = std::fs::read(&path).unwrap();
        let parts = common::parts(&bytes);
        let part = |n: &str| {
            parts
                .iter()
                .find(|(p, _)| p == n)
                .map(|(_, x)| x.as_str())
                .unwrap_or_else(|| panic!("{path}: no {n}"))
        };
        let numbering = part("word/numbering.xml");
        assert!(
            numbering.contains("chineseCounting"),
            "{path}: Chinese counting numbering"
        );
        // The first heading's number is not typed in the document's text runs.
        let document = part("word/document.xml");
        assert!(!document.contains(">一、"), "{path}: 一、 typed");
        let doc = Document::open(Path::new(&path)).unwrap();
        assert!(
            doc.outline
                .sections
                .iter()
                .any(|s| s.level == 1 && s.number == 1),
            "{path}: 一、 rendered"
        );
    }
}
