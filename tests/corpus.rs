//! Documents built the way Word and WPS build them (`fixtures/corpus/make-corpus.py`),
//! each with a reviewed expectation file saying what a careful reader sees: title lines,
//! 版头, 主送机关, every heading with its level, the 落款, the parts after it, the tables,
//! the element verdicts and the findings a reviewer agrees with. Every form of every
//! document must read exactly so.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use reportlint::document::decode::fold_digits;
use reportlint::outline::PartKind;
use reportlint::{Checked, Document};

use common::ENGINE;

const CORPUS: &str = "fixtures/corpus";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    forms: Vec<String>,
    title: Vec<String>,
    masthead: Vec<String>,
    addressee: Option<String>,
    year: Option<i32>,
    headings: Vec<(u8, String)>,
    closing: Option<ExpectClosing>,
    trailer: Vec<(String, String)>,
    tables: Vec<(usize, usize)>,
    elements: BTreeMap<String, String>,
    findings: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct ExpectClosing {
    issuer: Option<String>,
    date: Option<String>,
}

/// What reportlint read, in the expectation's terms.
#[derive(Debug)]
struct Read {
    title: Vec<String>,
    masthead: Vec<String>,
    addressee: Option<String>,
    year: Option<i32>,
    headings: Vec<(u8, String)>,
    closing: Option<ExpectClosing>,
    trailer: Vec<(String, String)>,
    tables: Vec<(usize, usize)>,
    elements: BTreeMap<String, String>,
    findings: Vec<String>,
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.trim_matches([' ', '\u{3000}', '\t']).to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

fn read(c: &Checked) -> Read {
    let d = &c.document;
    let o = &d.outline;
    let text = d.text.as_str();
    let slice = |s: reportlint::Span| s.slice(text).to_owned();
    let first_line =
        |s: reportlint::Span| lines(s.slice(text)).into_iter().next().unwrap_or_default();
    let kind = |k: PartKind| match k {
        PartKind::Note => "note",
        PartKind::Attachment => "attachment",
        PartKind::Imprint => "imprint",
        PartKind::Masthead => "masthead",
        PartKind::AttachmentList => "attachment-list",
    };
    Read {
        title: o
            .title
            .as_ref()
            .map(|t| lines(t.span.slice(text)))
            .unwrap_or_default(),
        masthead: o
            .parts
            .iter()
            .filter(|p| p.kind == PartKind::Masthead)
            .map(|p| slice(p.span))
            .collect(),
        addressee: o.addressee.map(slice),
        year: c.year.map(|y| y.value),
        headings: o
            .sections
            .iter()
            .map(|s| {
                let shown = text[s.marker.start..s.title.end].replace('\t', " ");
                (s.level, shown)
            })
            .collect(),
        closing: o.closing.as_ref().map(|cl| ExpectClosing {
            issuer: cl.issuer.map(|s| lines(s.slice(text)).join(" ")),
            date: cl.date.map(slice),
        }),
        trailer: o
            .parts
            .iter()
            .filter(|p| {
                matches!(
                    p.kind,
                    PartKind::Note | PartKind::Attachment | PartKind::Imprint
                )
            })
            .map(|p| (kind(p.kind).to_owned(), first_line(p.span)))
            .collect(),
        tables: d
            .tables
            .iter()
            .filter(|t| t.parent.is_none())
            .map(|t| (t.rows.len(), t.width()))
            .collect(),
        elements: c
            .elements
            .iter()
            .map(|e| {
                let status = serde_json::to_value(e.status).unwrap();
                (e.id.clone(), status.as_str().unwrap().to_owned())
            })
            .collect(),
        findings: {
            // Every form reads alike; the layout of the .docx form alone (`gbt9704`) is
            // tested in tests/layout.rs.
            let mut f: Vec<String> = c
                .findings
                .iter()
                .filter(|f| !f.rule.starts_with("gbt9704/"))
                .map(|f| f.rule.clone())
                .collect();
            f.sort();
            f
        },
    }
}

/// The expectation, with full-width digits as the extracted text holds them (one ASCII
/// digit for each, so lines and columns are unchanged).
fn expected(e: &Expect) -> Read {
    let fold = |s: &String| fold_digits(s.clone());
    let fold_all = |v: &Vec<String>| v.iter().map(fold).collect::<Vec<_>>();
    let mut findings = e.findings.clone();
    findings.sort();
    Read {
        title: fold_all(&e.title),
        masthead: fold_all(&e.masthead),
        addressee: e.addressee.as_ref().map(fold),
        year: e.year,
        headings: e.headings.iter().map(|(l, h)| (*l, fold(h))).collect(),
        closing: e.closing.as_ref().map(|c| ExpectClosing {
            issuer: c.issuer.as_ref().map(fold),
            date: c.date.as_ref().map(fold),
        }),
        trailer: e
            .trailer
            .iter()
            .map(|(k, l)| (k.clone(), fold(l)))
            .collect(),
        tables: e.tables.clone(),
        elements: e.elements.clone(),
        findings,
    }
}

fn expectations() -> Vec<(String, Expect)> {
    let mut v: Vec<(String, Expect)> = std::fs::read_dir(CORPUS)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".expect.yaml")?
                .to_owned();
            let yaml = std::fs::read_to_string(&path).unwrap();
            let expect: Expect =
                serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Some((name, expect))
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn every_document_of_the_corpus_reads_as_its_expectation_says() {
    let all = expectations();
    assert!(
        all.len() >= 10,
        "corpus has {} expectation files",
        all.len()
    );
    let mut failures = Vec::new();
    for (name, expect) in &all {
        let want = expected(expect);
        for form in &expect.forms {
            let path = format!("{CORPUS}/{name}.{form}");
            let doc = Document::open(Path::new(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
            let got = read(&ENGINE.check(doc, None));
            let mut diffs = Vec::new();
            macro_rules! field {
                ($($f:ident),*) => {$(
                    if got.$f != want.$f {
                        diffs.push(format!(
                            "  {}:\n    读到 {:?}\n    应为 {:?}",
                            stringify!($f), got.$f, want.$f
                        ));
                    }
                )*};
            }
            field!(
                title, masthead, addressee, year, headings, closing, trailer, tables, elements,
                findings
            );
            if !diffs.is_empty() {
                failures.push(format!("{path}\n{}", diffs.join("\n")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
