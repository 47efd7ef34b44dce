//! Human output: per document a checklist of elements, then each finding rendered by
//! miette with the rule id, a labelled excerpt and help.
//!
//! Excerpts are cut by [`Excerpt`]: the words around the span, within its line and the
//! width, and a `file:line:column` header that counts characters, as every other
//! output does. Quotation marks in messages are balanced ([`balanced`]).

use std::fmt;
use std::io::{self, Write};

use miette::{Diagnostic, LabeledSpan, SourceCode};

use super::Totals;
use super::diagnostic::Handler;
use super::excerpt::{Excerpt, Label};
use crate::check::Checked;
use crate::check::quotes::balanced;
use crate::document::Format;
use crate::outline::YearSource;
use crate::pack::{Check, Pack};
use crate::report::{Finding, Severity, Status};

/// Presentation options.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// ANSI colours.
    pub color: bool,
    /// Line width for wrapping.
    pub width: usize,
}

/// One finding as a miette diagnostic.
struct View<'a> {
    finding: &'a Finding,
    /// The excerpt with its labels (none when repeated for a further finding at the
    /// same place).
    excerpt: Option<Excerpt>,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("View")
            .field("rule", &self.finding.rule)
            .finish()
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&balanced(&self.finding.message))?;
        match self.finding.fix_safety() {
            Some(safety) => write!(f, " {}", safety.mark()),
            None => Ok(()),
        }
    }
}

impl std::error::Error for View<'_> {}

impl Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(balanced(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|e| e as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.excerpt.as_ref()?.labels()))
    }
}

/// The labels of a finding with a span: its own place first, then the others.
fn labels(f: &Finding, paragraph: Option<usize>) -> Vec<Label> {
    let Some(primary) = f.span else {
        return Vec::new();
    };
    let text = match paragraph {
        Some(n) => format!("{}（Word 第 {n} 段）", short_label(f)),
        None => short_label(f),
    };
    let mut labels = vec![Label {
        span: primary,
        text: Some(balanced(&text).into_owned()),
        primary: true,
    }];
    labels.extend(
        f.labels
            .iter()
            .filter(|l| l.span != primary)
            .map(|l| Label {
                span: l.span,
                text: Some(balanced(&l.message).into_owned()),
                primary: false,
            }),
    );
    labels
}

fn short_label(f: &Finding) -> String {
    f.labels
        .first()
        .filter(|l| Some(l.span) == f.span)
        .map_or_else(|| "此处".to_owned(), |l| l.message.clone())
}

fn year_source(source: YearSource) -> &'static str {
    match source {
        YearSource::Title => "取自标题",
        YearSource::Opening => "取自开头一句",
        YearSource::Headings => "取自各部分标题",
        YearSource::Closing => "按成文日期推算",
        YearSource::Override => "由 --year 或 reportlint.toml 指定",
        YearSource::Path => "取自路径",
    }
}

/// Write every document's checklist and findings, then a summary line.
pub fn render(
    out: &mut dyn Write,
    packs: &[Pack],
    checked: &[Checked],
    options: Options,
) -> io::Result<()> {
    for c in checked {
        render_document(out, packs, c, options)?;
    }
    render_totals(out, Totals::of(checked))
}

/// One document's checklist and findings (for output written as documents come).
pub fn render_document(
    out: &mut dyn Write,
    packs: &[Pack],
    c: &Checked,
    options: Options,
) -> io::Result<()> {
    let handler = Handler::new(options.color, options.width, 0);
    document(out, &handler, packs, c, options.width)
}

/// The closing line with the counts.
pub fn render_totals(out: &mut dyn Write, t: Totals) -> io::Result<()> {
    writeln!(
        out,
        "共检查 {} 份报告：错误 {} 个，警告 {} 个，提示 {} 个。",
        t.documents, t.error, t.warning, t.info
    )
}

fn document(
    out: &mut dyn Write,
    handler: &Handler,
    packs: &[Pack],
    c: &Checked,
    width: usize,
) -> io::Result<()> {
    let doc = &c.document;
    writeln!(out, "━━ {} ━━", doc.path)?;
    let year = c.year.map_or_else(
        || "未能确定（可用 --year 指定）".to_owned(),
        |y| format!("{}（{}）", y.value, year_source(y.source)),
    );
    let form = match doc.format {
        Format::Docx => {
            "格式：Word 文档（行号按提取出的文字计，段号为 Word 中的段落序号）".to_owned()
        }
        Format::Html => format!(
            "格式：网页（行号按提取出的正文文字计）　编码：{}",
            doc.encoding
        ),
        _ => format!("编码：{}", doc.encoding),
    };
    writeln!(
        out,
        "标题：{}　报告年度：{year}　{form}",
        doc.title().as_deref().unwrap_or("（未找到）"),
    )?;
    let applied: Vec<&Pack> = c
        .packs
        .iter()
        .filter_map(|id| packs.iter().find(|p| &p.id == id))
        .collect();
    if !applied.is_empty() {
        let named: Vec<String> = applied
            .iter()
            .map(|p| format!("{}（{}）", p.id, p.short_title()))
            .collect();
        writeln!(out, "规则包：{}", named.join("、"))?;
    }
    if !c.skipped_without_year.is_empty() {
        writeln!(
            out,
            "因报告年度未能确定，以下检查未做：{}",
            c.skipped_without_year.join("、")
        )?;
    }
    let rules: Vec<&crate::pack::Rule> = applied
        .iter()
        .flat_map(|p| p.enabled())
        .filter(|r| r.check.is_element())
        .collect();
    for e in &c.elements {
        let Some(rule) = rules.iter().find(|r| r.full_id == e.rule) else {
            continue;
        };
        let place = e
            .anchor
            .map_or_else(String::new, |s| match doc.paragraph_at(s.start) {
                Some(n) => format!("，第 {n} 段"),
                None => format!("，第 {} 行", doc.lines.position(&doc.text, s.start).line),
            });
        let extra = match &rule.check {
            Check::Components(_) if e.status != Status::Missing => {
                let found = e
                    .components
                    .iter()
                    .filter(|p| p.status == Status::Present)
                    .count();
                format!("（{found}/{}{place}）", e.components.len())
            }
            _ if place.is_empty() => String::new(),
            _ => format!("（{}）", &place["，".len()..]),
        };
        writeln!(out, "  {} {}{extra}", e.status.mark(), rule.title)?;
    }
    writeln!(out)?;
    let mut previous: Option<&Finding> = None;
    for finding in &c.findings {
        let repeat = previous.is_some_and(|p| p.rule == finding.rule && p.span == finding.span);
        previous = Some(finding);
        let excerpt = if repeat {
            None
        } else {
            let paragraph = finding.span.and_then(|s| doc.paragraph_at(s.start));
            let labels = labels(finding, paragraph);
            Excerpt::new(&doc.path, &doc.text, &doc.lines, &labels, width)
        };
        let view = View { finding, excerpt };
        let mut s = String::new();
        handler.render(&mut s, &view).map_err(io::Error::other)?;
        out.write_all(s.as_bytes())?;
        writeln!(out)?;
    }
    Ok(())
}
