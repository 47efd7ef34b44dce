//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! - `tool.driver.rules` lists every enabled rule of every pack with its Chinese title
//!   (`shortDescription`), why it exists (`fullDescription`), what to do and its basis
//!   (`help`), and its default level; results refer to them by id and index.
//! - Regions are 1-based; `columnKind` is `unicodeCodePoints`, and columns count
//!   characters, as everywhere in reportlint. `endColumn` is the column after the span.
//!   A finding without a place (a missing element) points at line 1 of its file.
//! - For Word documents and web pages, lines and columns count in the extracted text,
//!   not in the file; the region's properties say so (`reportlint/extracted-text`) and,
//!   for Word, give the paragraph (`reportlint/paragraph`, 1-based).
//! - URIs are the paths as given, relative stays relative (repository-relative when run
//!   from the repository root), with `/` separators and non-ASCII percent-encoded.
//! - `partialFingerprints["reportlint/v1"]` is the [fingerprint](crate::fingerprint),
//!   so an alert survives edits elsewhere in the file.
//! - `artifacts` lists every file checked, with the ids of the packs applied to it in
//!   its properties (`reportlint/packs`).

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::check::Checked;
use crate::document::Format;
use crate::pack::{Pack, Rule};
use crate::report::{Finding, Safety, Severity};
use crate::span::Span;

/// Write one SARIF log with one run.
pub fn render(out: &mut dyn Write, packs: &[Pack], checked: &[Checked]) -> io::Result<()> {
    let rules: Vec<&Rule> = packs.iter().flat_map(Pack::enabled).collect();
    let descriptors: Vec<Value> = rules.iter().map(|r| descriptor(r)).collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for c in checked {
        let uri = uri(&c.document.path);
        artifacts.push(json!({
            "location": {"uri": uri},
            "properties": {"reportlint/packs": c.packs},
        }));
        for f in &c.findings {
            let index = rules.iter().position(|r| r.full_id == f.rule);
            results.push(result(c, f, &uri, index, &f.fingerprint));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reportlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// SARIF's name for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(r: &Rule) -> Value {
    let mut help = r.help.clone().unwrap_or_else(|| r.message.clone());
    if let Some(basis) = &r.basis {
        help.push_str(&format!("\n依据：{basis}"));
    }
    json!({
        "id": r.full_id,
        "name": r.id,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": r.why.as_deref().unwrap_or(&r.message)},
        "help": {"text": help},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"tags": ["reportlint", r.check.kind()]},
    })
}

fn region(c: &Checked, span: Span) -> Value {
    let doc = &c.document;
    let start = doc.lines.position(&doc.text, span.start);
    let end = doc.lines.position(&doc.text, span.end);
    let mut region = json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "snippet": {"text": span.slice(&doc.text)},
    });
    if doc.format != Format::Txt && doc.format != Format::Markdown {
        let mut properties = json!({"reportlint/extracted-text": true});
        if let Some(n) = doc.paragraph_at(span.start) {
            properties["reportlint/paragraph"] = json!(n);
        }
        region["properties"] = properties;
    }
    region
}

fn location(c: &Checked, uri: &str, span: Option<Span>) -> Value {
    let region = span.map_or_else(|| json!({"startLine": 1}), |s| region(c, s));
    json!({"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}})
}

fn result(c: &Checked, f: &Finding, uri: &str, index: Option<usize>, print: &str) -> Value {
    let mut text = f.message.clone();
    if f.span.is_none() {
        text.push_str("（针对全文）");
    }
    if let Some(help) = &f.help {
        text.push_str(&format!("\n建议：{help}"));
    }
    let related: Vec<Value> = f
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut loc = location(c, uri, Some(l.span));
            loc["id"] = json!(i + 1);
            loc["message"] = json!({"text": l.message});
            loc
        })
        .collect();
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [location(c, uri, f.span)],
        "partialFingerprints": {"reportlint/v1": print},
    });
    if let Some(i) = index {
        r["ruleIndex"] = json!(i);
    }
    if !related.is_empty() {
        r["relatedLocations"] = json!(related);
    }
    // A fix of a text file: its region is the file's own (a Word document's is in the
    // extracted text, which no SARIF consumer can edit).
    if let Some(fix) = &f.fix
        && matches!(c.document.format, Format::Txt | Format::Markdown)
    {
        let what = match fix.safety {
            Safety::Safe => "可自动修正",
            Safety::Unsafe => "可修正，需确认",
        };
        r["fixes"] = json!([{
            "description": {"text": format!("改为“{}”（{what}）", fix.replacement)},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{
                    "deletedRegion": region(c, fix.span),
                    "insertedContent": {"text": fix.replacement},
                }],
            }],
        }]);
    }
    r
}

/// A path as a URI reference: relative to the current folder where it lies below it
/// (else a `file://` URI), `/` separators, RFC 3986 unreserved characters kept,
/// everything else percent-encoded (UTF-8).
pub fn uri(path: &str) -> String {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        let cwd = std::env::current_dir().unwrap_or_default();
        return match p.strip_prefix(&cwd) {
            Ok(rel) => uri(&rel.to_string_lossy()),
            Err(_) => format!("file://{}", encode(&path.replace('\\', "/"))),
        };
    }
    let path = path.replace('\\', "/");
    encode(path.strip_prefix("./").unwrap_or(&path))
}

fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_encoded_references() {
        assert_eq!(
            uri("fixtures/reports/haian-2023.txt"),
            "fixtures/reports/haian-2023.txt"
        );
        assert_eq!(uri("./报告 2023.txt"), "%E6%8A%A5%E5%91%8A%202023.txt");
        assert_eq!(uri("a\\b.txt"), "a/b.txt");
    }
}
