//! `--format json`: the `reportlint/v1` contract (see the design notes in the README).
//!
//! ```text
//! { "schema": "reportlint/v1", "tool": {name, version}, "packs": [{id, version}],
//!   "documents": [{ path, format, encoding, title, year, year_source, packs: [id],
//!                   elements: [{id, rule, status, located, span, components: [{id, status, span}]}],
//!                   findings: [{rule, criterion, severity, message, help, span, labels: [{message, span}],
//!                              fix?: {replacement, safety, span},
//!                              restyle?: {safety, page?: {paper?: [w, h], top?, bottom?, left?, right?},
//!                                         paragraphs?: [span], set?: {font?, size?, color?, align?,
//!                                                                     first-line-chars?, line-exact?}}}] }],
//!   "summary": {documents, error, warning, info} }
//! ```
//! A span is `{start, end, line, column}`: bytes into the extracted text, 1-based line,
//! 1-based character column of `start`; for a Word document also `paragraph`, the
//! 1-based position of the paragraph `start` falls in among all of the document's
//! paragraphs (table cells and text boxes included); for a span that is a table cell
//! also `cell`: `{table, row, column}`, 1-based (the table in document order, the cell's
//! grid position after merging; for a table read from text, its line in the table and
//! its place on the line). The run's `packs` are the candidates; a document's `packs`
//! are the ids of those applied to it, and its `elements` are theirs. A `restyle` is in
//! the units of the file: the page in twips, `size` in half-points, `first-line-chars`
//! in hundredths of a character, `line-exact` in twips; `paragraphs` are the spans of
//! the paragraphs whose formatting it sets. Key order is fixed; output is deterministic.

use std::io::{self, Write};

use serde::Serialize;

use super::Totals;
use crate::check::Checked;
use crate::document::{Document, Format};
use crate::outline::YearSource;
use crate::pack::Pack;
use crate::report::{Change, Located, Safety, Severity, Status};
use crate::span::Span;

#[derive(Serialize)]
struct Output<'a> {
    schema: &'static str,
    tool: Tool,
    packs: Vec<PackRef<'a>>,
    documents: Vec<Doc<'a>>,
    summary: Totals,
    /// Files that could not be read (only when the caller collects them, as `serve` does).
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a [FileError]>,
    /// The reviewer's summary of the documents (only when the caller adds one).
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<&'a serde_json::Value>,
}

/// A file that could not be read: its path and a Chinese message saying why and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The path (or upload name) as given.
    pub path: String,
    /// Why it could not be checked, and what to do.
    pub message: String,
}

/// What the web service adds to the `reportlint/v1` document: each document's extracted
/// `text` (the spans' coordinate system) and the run's `errors[]`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Extras<'a> {
    /// Add each document's extracted text as `text`.
    pub text: bool,
    /// Add `errors` (also when empty).
    pub errors: Option<&'a [FileError]>,
    /// Add `review`: the reviewer's summary, as the web service builds it.
    pub review: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct PackRef<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Doc<'a> {
    path: &'a str,
    format: Format,
    encoding: &'a str,
    title: Option<String>,
    year: Option<i32>,
    year_source: Option<YearSource>,
    /// Ids of the packs applied to it.
    packs: &'a [String],
    /// Rules that need the report year, skipped because none was found.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    skipped_without_year: &'a [String],
    elements: Vec<Element<'a>>,
    findings: Vec<FindingOut<'a>>,
    /// The extracted text the spans index (only with [`Extras::text`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

#[derive(Serialize)]
struct Element<'a> {
    id: &'a str,
    /// The rule's full id (`pack/rule`), as findings name it.
    rule: &'a str,
    status: Status,
    located: Option<Located>,
    span: Option<SpanOut>,
    components: Vec<Component<'a>>,
}

#[derive(Serialize)]
struct Component<'a> {
    id: &'a str,
    status: Status,
    span: Option<SpanOut>,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    criterion: Option<&'a str>,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    span: Option<SpanOut>,
    labels: Vec<LabelOut<'a>>,
    /// The correction, for findings whose check knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixOut<'a>>,
    /// The formatting correction of a Word document (page setup, in twips).
    #[serde(skip_serializing_if = "Option::is_none")]
    restyle: Option<RestyleOut<'a>>,
}

#[derive(Serialize)]
struct RestyleOut<'a> {
    safety: Safety,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<PageOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraphs: Option<Vec<SpanOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    set: Option<SetOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SetOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    font: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    align: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_line_chars: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line_exact: Option<u32>,
}

#[derive(Serialize)]
struct PageOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    paper: Option<(u32, u32)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bottom: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    left: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    right: Option<u32>,
}

#[derive(Serialize)]
struct FixOut<'a> {
    replacement: &'a str,
    safety: Safety,
    span: SpanOut,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    message: &'a str,
    span: SpanOut,
}

/// A span with its derived position.
#[derive(Serialize)]
pub struct SpanOut {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    /// The 1-based Word paragraph (Word documents only).
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    /// The table cell the span is, if it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<CellOut>,
}

/// A table cell: 1-based table (in document order), row and column (grid positions
/// after merging; for a table read from plain text, the line in the table and the
/// cell's place on it).
#[derive(Serialize)]
struct CellOut {
    table: usize,
    row: usize,
    column: usize,
}

impl SpanOut {
    /// The span of `doc` with line and character column of its start.
    pub fn new(doc: &Document, span: Span) -> SpanOut {
        let pos = doc.lines.position(&doc.text, span.start);
        SpanOut {
            start: span.start,
            end: span.end,
            line: pos.line,
            column: pos.column,
            paragraph: doc.paragraph_at(span.start),
            cell: doc.cell_of(span).map(|(table, row, column)| CellOut {
                table: table + 1,
                row: row + 1,
                column: column + 1,
            }),
        }
    }
}

/// Write the JSON document for `checked`, followed by a newline.
pub fn render(out: &mut dyn Write, packs: &[Pack], checked: &[Checked]) -> io::Result<()> {
    render_with(out, packs, checked, Extras::default())
}

/// [`render`] with the fields `extras` asks for.
pub fn render_with(
    out: &mut dyn Write,
    packs: &[Pack],
    checked: &[Checked],
    extras: Extras<'_>,
) -> io::Result<()> {
    let documents = checked
        .iter()
        .map(|c| {
            let doc = &c.document;
            let span = |s: Span| SpanOut::new(doc, s);
            Doc {
                path: &doc.path,
                format: doc.format,
                encoding: doc.encoding,
                title: doc.title(),
                year: c.year.map(|y| y.value),
                year_source: c.year.map(|y| y.source),
                packs: &c.packs,
                skipped_without_year: &c.skipped_without_year,
                elements: c
                    .elements
                    .iter()
                    .map(|e| Element {
                        id: &e.id,
                        rule: &e.rule,
                        status: e.status,
                        located: e.located,
                        span: e.span.map(span),
                        components: e
                            .components
                            .iter()
                            .map(|p| Component {
                                id: &p.id,
                                status: p.status,
                                span: p.span.map(span),
                            })
                            .collect(),
                    })
                    .collect(),
                findings: c
                    .findings
                    .iter()
                    .map(|f| FindingOut {
                        rule: &f.rule,
                        criterion: f.criterion.as_deref(),
                        severity: f.severity,
                        message: &f.message,
                        help: f.help.as_deref(),
                        span: f.span.map(span),
                        labels: f
                            .labels
                            .iter()
                            .map(|l| LabelOut {
                                message: &l.message,
                                span: span(l.span),
                            })
                            .collect(),
                        fix: f.fix.as_ref().map(|x| FixOut {
                            replacement: &x.replacement,
                            safety: x.safety,
                            span: span(x.span),
                        }),
                        restyle: f.restyle.as_ref().map(|r| match &r.change {
                            Change::Page(p) => RestyleOut {
                                safety: r.safety,
                                page: Some(PageOut {
                                    paper: p.paper,
                                    top: p.top,
                                    bottom: p.bottom,
                                    left: p.left,
                                    right: p.right,
                                }),
                                paragraphs: None,
                                set: None,
                            },
                            Change::Paragraphs { at, set } => RestyleOut {
                                safety: r.safety,
                                page: None,
                                paragraphs: Some(at.iter().map(|s| span(*s)).collect()),
                                set: Some(SetOut {
                                    font: set.font.as_deref(),
                                    size: set.size,
                                    color: set.color.as_deref(),
                                    align: set.align.as_deref(),
                                    first_line_chars: set.first_line_chars,
                                    line_exact: set.line_exact,
                                }),
                            },
                        }),
                    })
                    .collect(),
                text: extras.text.then_some(doc.text.as_str()),
            }
        })
        .collect();
    let output = Output {
        schema: "reportlint/v1",
        tool: Tool {
            name: "reportlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        packs: packs
            .iter()
            .map(|p| PackRef {
                id: &p.id,
                version: &p.version,
            })
            .collect(),
        documents,
        summary: Totals::of(checked),
        errors: extras.errors,
        review: extras.review,
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
