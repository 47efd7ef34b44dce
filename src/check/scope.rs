//! What the document-wide checks (every kind except `element` and `components`) see:
//! the text and its outline, the report year, the 成文日期 and publication date, the
//! 报告主体 type, and where the pack's elements were found. They answer with [`Hit`]s,
//! which the engine turns into findings under the rule's id and severity.

use serde::Deserialize;

use super::element::Found;
use super::matcher::Haystack;
use crate::outline::Outline;
use crate::outline::date::Date;
use crate::pack::Unit;
use crate::report::{Fix, Label, Severity};
use crate::span::Span;

/// Where a text check looks.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// The title line(s).
    Title,
    /// From the first body line to the 落款, headings included.
    #[default]
    Body,
    /// The 落款.
    Closing,
    /// Every heading line.
    Headings,
    /// The whole text, web chrome included.
    Document,
}

impl Region {
    /// Chinese name, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Region::Title => "标题",
            Region::Body => "正文",
            Region::Closing => "落款",
            Region::Headings => "各级标题",
            Region::Document => "全文",
        }
    }
}

/// How the 报告主体 type was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitSource {
    /// `--unit-type` on the command line.
    Override,
    /// The pack's `unit`.
    Pack,
    /// Recognised in the title.
    Title,
    /// Recognised in the 落款.
    Closing,
}

/// One document as the document-wide checks see it.
pub struct Scope<'a> {
    /// Text and word index.
    pub hay: Haystack<'a>,
    /// The shared segmenter (parts of speech).
    pub segmenter: &'a crate::segment::Segmenter,
    /// The outline.
    pub outline: &'a Outline,
    /// The report year, if known.
    pub year: Option<i32>,
    /// The pack's unit types.
    pub units: &'a [Unit],
    /// The 报告主体 type (index into `units`) and where it came from.
    pub unit: Option<(usize, UnitSource)>,
    /// Where the pack's element rules were found, by rule index.
    pub found: &'a [Option<Found>],
    /// The document's tables.
    pub tables: &'a [crate::document::table::Table],
    /// The text with the pack's placeholders blanked out (same byte positions): an
    /// unfilled `【请填写】` cell holds no figure.
    pub blanked: &'a str,
    /// A Word document's page and paragraph formatting; `None` for other formats.
    pub layout: Option<&'a crate::document::docx::Layout>,
}

/// One thing a check found; the engine adds rule id, severity and help.
#[derive(Clone, Debug)]
pub struct Hit {
    /// What was measured and what was expected (the rule's message is put before it).
    pub message: String,
    /// The primary place, if there is one.
    pub span: Option<Span>,
    /// Further places.
    pub labels: Vec<Label>,
    /// A severity other than the rule's, where the check grades its findings.
    pub severity: Option<Severity>,
    /// The correction, where the check knows it.
    pub fix: Option<Fix>,
    /// A formatting correction, where the check knows it.
    pub restyle: Option<crate::report::Restyle>,
}

impl Hit {
    /// A hit at one place.
    pub fn at(span: Option<Span>, message: String) -> Hit {
        Hit {
            message,
            span,
            labels: Vec::new(),
            severity: None,
            fix: None,
            restyle: None,
        }
    }

    /// Add a label.
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Hit {
        self.labels.push(Label {
            message: message.into(),
            span,
        });
        self
    }
}

impl Scope<'_> {
    /// The text.
    pub fn text(&self) -> &str {
        self.hay.text
    }

    /// The spans a region covers (none when the document lacks it).
    pub fn region(&self, region: Region) -> Vec<Span> {
        let o = self.outline;
        match region {
            Region::Title => o.title.iter().map(|t| t.span).collect(),
            Region::Body => vec![o.body],
            Region::Closing => o.closing.iter().map(|c| c.span).collect(),
            Region::Headings => o.sections.iter().map(|s| s.heading).collect(),
            Region::Document => vec![Span::new(0, self.hay.text.len())],
        }
    }

    /// The 成文日期: from the 落款, else from a labelled 成文日期 field.
    pub fn written(&self) -> Option<(Date, Span)> {
        let o = self.outline;
        o.closing
            .as_ref()
            .and_then(|c| Some((c.written?.0, c.date?)))
            .or_else(|| {
                o.meta_dates
                    .iter()
                    .find(|m| m.label.contains("成文"))
                    .map(|m| (m.date, m.span))
            })
    }

    /// The publication date from a labelled field (发布时间, 发布日期).
    pub fn published(&self) -> Option<(Date, Span)> {
        self.outline
            .meta_dates
            .iter()
            .find(|m| m.label.starts_with("发布") || m.label.starts_with("发文"))
            .map(|m| (m.date, m.span))
    }

    /// The 报告主体 type, if decided.
    pub fn unit(&self) -> Option<&Unit> {
        self.unit.map(|(i, _)| &self.units[i])
    }
}

/// The sentence around a span: from after the previous `。；！？` or line break to the
/// next one (the terminator included).
pub fn sentence_around(text: &str, span: Span) -> Span {
    const ENDS: [char; 6] = ['。', '；', ';', '！', '？', '\n'];
    let start = text[..span.start].rfind(ENDS).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[span.end..].find(ENDS).map_or(text.len(), |i| {
        span.end
            + i
            + text[span.end + i..]
                .chars()
                .next()
                .map_or(0, char::len_utf8)
    });
    Span::new(start, end)
}

/// Chinese name of a date: `2024年3月8日`.
pub fn date_label(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}
