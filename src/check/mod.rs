//! Checking: run every rule of every pack over a [`Document`] and produce element
//! verdicts and findings.
//!
//! The [`Engine`] holds the compiled packs and the one shared [`Segmenter`]; it is built
//! once per run and used from many threads. Each document is segmented once.

pub mod closing_date;
pub mod components;
pub mod criteria;
pub mod deadline;
pub mod doubled;
pub mod element;
pub mod forbid;
pub mod heading_year;
pub mod matcher;
pub mod order;
pub mod quantity;
pub mod quotes;
pub mod rate;
pub mod require;
pub mod scope;
pub mod structure;
pub mod subject;
pub mod sum;
pub mod time_ref;

pub use scope::{Region, UnitSource};

use crate::document::Document;
use crate::outline::{ReportYear, YearSource};
use crate::pack::{Check, Pack, Rule};
use crate::report::{ElementResult, Finding, Label, Located, Severity, Status, sort_findings};
use crate::segment::Segmenter;
use crate::span::Span;
use element::{Context, ElementCheck, Found};
use matcher::{Haystack, Matcher};
use scope::{Hit, Scope};

/// Compiled packs plus the shared segmenter.
#[derive(Debug)]
pub struct Engine {
    packs: Vec<Pack>,
    segmenter: Segmenter,
    folder: crate::script::Folder,
}

/// Per-run settings that override what the document says.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The report year (else detected).
    pub year: Option<i32>,
    /// The 报告主体 type id (else the pack's, else recognised in the title or 落款).
    pub unit_type: Option<String>,
}

/// A document with its verdicts.
#[derive(Debug)]
pub struct Checked {
    /// The document checked.
    pub document: Document,
    /// The report year used (detected or overridden).
    pub year: Option<ReportYear>,
    /// One verdict per element rule of every pack, in pack order.
    pub elements: Vec<ElementResult>,
    /// Findings, sorted.
    pub findings: Vec<Finding>,
    /// Rules (`pack/rule`) and criteria (`pack/rule/criterion`) that need the report
    /// year and were skipped because none was found.
    pub skipped_without_year: Vec<String>,
}

impl Engine {
    /// Build the engine: the segmenter learns every term the packs name.
    pub fn new(packs: Vec<Pack>) -> Engine {
        let segmenter = Segmenter::new(packs.iter().flat_map(Pack::all_terms));
        Engine {
            packs,
            segmenter,
            folder: crate::script::Folder::new(),
        }
    }

    /// The packs, in application order.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The shared segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Check one document. `year` overrides the detected report year.
    pub fn check(&self, document: Document, year: Option<i32>) -> Checked {
        self.check_with(
            document,
            &Options {
                year,
                unit_type: None,
            },
        )
    }

    /// Check one document with per-run settings.
    pub fn check_with(&self, document: Document, options: &Options) -> Checked {
        self.check_packs(&self.packs, document, options)
    }

    /// Check one document against `packs` (the engine's own, or — for the fuzz
    /// oracles — others, whose terms its segmenter then does not know).
    pub(crate) fn check_packs(
        &self,
        packs: &[Pack],
        document: Document,
        options: &Options,
    ) -> Checked {
        let year = options
            .year
            .map(|value| ReportYear {
                value,
                source: YearSource::Override,
            })
            .or(document.outline.year);
        // Traditional script is matched on a simplified copy with the same offsets.
        let folded = self.folder.fold(&document.text);
        let text = folded.as_deref().unwrap_or(&document.text);
        let words = self.segmenter.words(text);
        let hay = Haystack {
            text,
            words: &words,
            skip_titles: true,
        };
        let mut elements = Vec::new();
        let mut findings = Vec::new();
        for pack in packs {
            let (e, f) = check_pack(
                pack,
                &document,
                &self.segmenter,
                hay,
                year.map(|y| y.value),
                options.unit_type.as_deref(),
            );
            elements.extend(e);
            findings.extend(f);
        }
        sort_findings(&mut findings);
        let skipped_without_year = if year.is_none() {
            packs
                .iter()
                .flat_map(Pack::enabled)
                .flat_map(|r| match r.check.needs_year() {
                    Some(ids) if ids.is_empty() => vec![r.full_id.clone()],
                    Some(ids) => ids.iter().map(|c| format!("{}/{c}", r.full_id)).collect(),
                    None => Vec::new(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let prints = crate::fingerprint::fingerprints(&document.text, &findings);
        for (f, print) in findings.iter_mut().zip(prints) {
            f.fingerprint = print;
            // Messages quote report text that may hold quotes of its own.
            quotes::balance(f);
        }
        Checked {
            document,
            year,
            elements,
            findings,
            skipped_without_year,
        }
    }

    /// Findings of one rule on an example text (the whole pack runs; only this rule's
    /// findings are kept).
    pub fn example_findings(&self, rule: &Rule, text: &str) -> Vec<Finding> {
        let doc = Document::from_text("示例", crate::document::Format::Txt, text.to_owned());
        self.check(doc, None)
            .findings
            .into_iter()
            .filter(|f| f.rule == rule.full_id)
            .collect()
    }
}

/// A rule example that did not behave as declared.
#[derive(Debug)]
pub struct ExampleFailure {
    /// `pack/rule`.
    pub rule: String,
    /// `pass` or `fail`, and the example's index.
    pub which: (&'static str, usize),
    /// The findings a pass example produced (empty for a fail example that produced none).
    pub findings: Vec<Finding>,
}

impl Engine {
    /// Run every rule's examples: a `pass` example must produce no finding of its
    /// rule, a `fail` example at least one.
    pub fn run_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for rule in self.packs.iter().flat_map(Pack::enabled) {
            for (i, text) in rule.examples.pass.iter().enumerate() {
                let findings = self.example_findings(rule, text);
                if !findings.is_empty() {
                    failures.push(ExampleFailure {
                        rule: rule.full_id.clone(),
                        which: ("pass", i),
                        findings,
                    });
                }
            }
            for (i, text) in rule.examples.fail.iter().enumerate() {
                if self.example_findings(rule, text).is_empty() {
                    failures.push(ExampleFailure {
                        rule: rule.full_id.clone(),
                        which: ("fail", i),
                        findings: Vec::new(),
                    });
                }
            }
        }
        failures
    }
}

fn check_pack(
    pack: &Pack,
    doc: &Document,
    segmenter: &Segmenter,
    hay: Haystack<'_>,
    year: Option<i32>,
    unit_type: Option<&str>,
) -> (Vec<ElementResult>, Vec<Finding>) {
    // Elements and components read the text with placeholders blanked out (same byte
    // positions): an unfilled skeleton's `【请填写：……】` is no content.
    let blanked = blank_placeholders(pack, hay.text);
    let element_hay = Haystack {
        text: blanked.as_deref().unwrap_or(hay.text),
        ..hay
    };
    let outline = &doc.outline;
    let mut found: Vec<Option<Found>> = vec![None; pack.rules.len()];
    let mut results: Vec<Option<ElementResult>> = vec![None; pack.rules.len()];
    let mut findings = Vec::new();
    for &i in &pack.order {
        let rule = &pack.rules[i];
        if rule.disabled {
            continue;
        }
        match &rule.check {
            Check::Element(check) => {
                let cx = Context {
                    hay: element_hay,
                    outline,
                    found: &found,
                    other_cues: other_cues(pack, i),
                };
                let mut hit = check.locate(&cx);
                if check.leading {
                    hit = check.leading_run(&cx, hit);
                }
                // A passage of placeholders only (`【请填写：……】` under its heading) is
                // not written yet.
                let hit = hit
                    .filter(|f| !unfilled(outline, hay.text, element_hay.text, f))
                    .or_else(|| check.by_citation(&cx));
                let (result, fs) = judge_element(rule, check, &cx, hit, year);
                results[i] = Some(result);
                findings.extend(fs);
                found[i] = hit;
            }
            Check::Components(check) => {
                let coverage = check.cover(element_hay, outline.body);
                let status = coverage.status();
                let anchor = coverage.anchor();
                findings.extend(component_findings(rule, check, &coverage, status, anchor));
                results[i] = Some(ElementResult {
                    id: rule.id.clone(),
                    status,
                    span: anchor,
                    anchor,
                    located: anchor.map(|_| Located::Components),
                    components: coverage.parts,
                });
            }
            _ => {}
        }
    }
    let scope = Scope {
        hay,
        segmenter,
        outline,
        year,
        units: &pack.units,
        unit: unit_of(pack, doc, unit_type),
        found: &found,
    };
    for rule in pack.enabled().filter(|r| !r.check.is_element()) {
        findings.extend(run_rule(rule, &scope).into_iter().map(|hit| Finding {
            rule: rule.full_id.clone(),
            criterion: None,
            severity: hit.severity.unwrap_or(rule.severity),
            message: format!("{}：{}", rule.message, hit.message),
            help: rule.help.clone(),
            span: hit.span,
            labels: hit.labels,
            fingerprint: String::new(),
        }));
    }
    (results.into_iter().flatten().collect(), findings)
}

/// The findings of one document-wide rule.
fn run_rule(rule: &Rule, cx: &Scope<'_>) -> Vec<Hit> {
    match &rule.check {
        Check::Element(_) | Check::Components(_) => Vec::new(),
        Check::Forbid(c) => c.run(cx),
        Check::Require(c) => c.run(cx),
        Check::TimeRef(c) => c.run(cx),
        Check::DoubledChar(c) => c.run(cx),
        Check::Rate(c) => c.run(cx),
        Check::Sum(c) => c.run(cx),
        Check::Structure(c) => c.run(cx),
        Check::HeadingYear(c) => c.run(cx),
        Check::Order(c) => c.run(cx),
        Check::ClosingDate(c) => c.run(cx),
        Check::Deadline(c) => c.run(cx),
        Check::Subject(c) => c.run(cx),
    }
}

/// The 报告主体 type: the command line's, the pack's, or the one the title or 落款
/// names.
fn unit_of(pack: &Pack, doc: &Document, unit_type: Option<&str>) -> Option<(usize, UnitSource)> {
    if let Some(id) = unit_type
        && let Some(i) = pack.units.iter().position(|u| u.id == id)
    {
        return Some((i, UnitSource::Override));
    }
    if let Some(i) = pack.unit {
        return Some((i, UnitSource::Pack));
    }
    let text = &doc.text;
    let outline = &doc.outline;
    subject::title_subject(text, outline)
        .and_then(|s| subject::recognise(&pack.units, s.slice(text)))
        .map(|i| (i, UnitSource::Title))
        .or_else(|| {
            let (_, name) = subject::issuer_name(text, outline)?;
            subject::recognise(&pack.units, name).map(|i| (i, UnitSource::Closing))
        })
}

fn other_cues(pack: &Pack, me: usize) -> Vec<&Matcher> {
    pack.rules
        .iter()
        .enumerate()
        .filter(|(j, r)| *j != me && !r.disabled)
        .filter_map(|(_, r)| match &r.check {
            Check::Element(e) if !e.cues.is_empty() => Some(&e.cues),
            _ => None,
        })
        .collect()
}

fn missing(rule: &Rule) -> Finding {
    let help = match (&rule.help, &rule.placement) {
        (Some(h), Some(p)) => Some(format!("{h}。{p}")),
        (h, p) => h.clone().or_else(|| p.clone()),
    };
    Finding {
        rule: rule.full_id.clone(),
        criterion: None,
        severity: rule.severity,
        message: rule.message.clone(),
        help,
        span: None,
        labels: Vec::new(),
        fingerprint: String::new(),
    }
}

fn how_label(how: Located) -> &'static str {
    match how {
        Located::Heading => "按标题识别",
        Located::Cue => "按提示语识别",
        Located::Mention => "按内容识别",
        Located::Leading => "按开头各部分识别",
        Located::Components => "按组成部分识别",
        Located::Cited => "只见引用的文件",
    }
}

/// The text with every character of the pack's placeholders replaced by a blank of the
/// same UTF-8 length, so that every span means the same in both; `None` when the pack
/// has no placeholders or the text none of them.
fn blank_placeholders(pack: &Pack, text: &str) -> Option<String> {
    let re = pack.placeholders.as_ref()?;
    let mut matches = re.find_iter(text).peekable();
    matches.peek()?;
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in matches {
        out.push_str(&text[at..m.start()]);
        out.extend(m.as_str().chars().map(|c| match c.len_utf8() {
            1 => ' ',
            2 => '\u{a0}',
            3 => '\u{3000}',
            _ => '\u{e0020}',
        }));
        at = m.end();
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// Whether a found passage is not written yet: the first line of its section's own body
/// (or the whole passage, when it is no section) holds text, all of it placeholders.
fn unfilled(outline: &crate::outline::Outline, text: &str, blanked: &str, f: &Found) -> bool {
    let han = |s: &str| {
        s.chars()
            .any(|c| criteria::han_count(c.encode_utf8(&mut [0; 4])) == 1)
    };
    let span = match f.section {
        Some(i) => {
            let body = outline.sections[i].body;
            let s = body.slice(text);
            let lead = s.len() - s.trim_start().len();
            let first = s[lead..].find('\n').map_or(s.len(), |n| lead + n);
            Span::new(body.start + lead, body.start + first)
        }
        None => f.body,
    };
    han(span.slice(text)) && !han(span.slice(blanked))
}

fn judge_element(
    rule: &Rule,
    check: &ElementCheck,
    cx: &Context<'_>,
    hit: Option<Found>,
    year: Option<i32>,
) -> (ElementResult, Vec<Finding>) {
    let Some(found) = hit else {
        let result = ElementResult {
            id: rule.id.clone(),
            status: Status::Missing,
            span: None,
            anchor: None,
            located: None,
            components: Vec::new(),
        };
        return (result, vec![missing(rule)]);
    };
    if let (Located::Cited, Some(cited)) = (found.how, &check.cited) {
        let finding = Finding {
            rule: rule.full_id.clone(),
            criterion: Some("cited".to_owned()),
            severity: Severity::Warning,
            message: format!("“{}”偏弱：{}", rule.title, cited.message),
            help: rule.help.clone(),
            span: Some(found.anchor),
            labels: Vec::new(),
            fingerprint: String::new(),
        };
        let result = ElementResult {
            id: rule.id.clone(),
            status: Status::Weak,
            span: Some(found.span),
            anchor: Some(found.anchor),
            located: Some(found.how),
            components: Vec::new(),
        };
        return (result, vec![finding]);
    }
    let passage = ElementCheck::passage(cx, &found, year);
    let findings: Vec<Finding> = check
        .criteria
        .iter()
        .filter_map(|c| {
            let failure = c.evaluate(&passage)?;
            Some(Finding {
                rule: rule.full_id.clone(),
                criterion: Some(c.id.clone()),
                severity: c.severity,
                message: format!("“{}”偏弱：{}", rule.title, failure.message),
                help: c.help.clone().or_else(|| rule.help.clone()),
                span: Some(failure.span.unwrap_or(found.anchor)),
                labels: vec![Label {
                    message: format!("找到的“{}”（{}）", rule.title, how_label(found.how)),
                    span: found.anchor,
                }],
                fingerprint: String::new(),
            })
        })
        .collect();
    let status = if findings.is_empty() {
        Status::Present
    } else {
        Status::Weak
    };
    let result = ElementResult {
        id: rule.id.clone(),
        status,
        span: Some(found.span),
        anchor: Some(found.anchor),
        located: Some(found.how),
        components: Vec::new(),
    };
    (result, findings)
}

fn component_findings(
    rule: &Rule,
    check: &components::ComponentsCheck,
    coverage: &components::Coverage,
    status: Status,
    anchor: Option<crate::span::Span>,
) -> Vec<Finding> {
    if status == Status::Missing {
        return vec![missing(rule)];
    }
    let seen: Vec<&str> = check
        .parts
        .iter()
        .zip(&coverage.parts)
        .filter(|(_, r)| r.status == Status::Present)
        .map(|(p, _)| p.title.as_str())
        .collect();
    let labels: Vec<Label> = check
        .parts
        .iter()
        .zip(&coverage.parts)
        .filter_map(|(p, r)| {
            Some(Label {
                message: format!("已见：{}", p.title),
                span: r.span?,
            })
        })
        .chain(coverage.umbrella.map(|span| Label {
            message: "总称".to_owned(),
            span,
        }))
        .collect();
    let total = check.parts.len();
    check
        .parts
        .iter()
        .zip(&coverage.parts)
        .filter(|(_, r)| r.status == Status::Missing)
        .map(|(p, _)| Finding {
            rule: rule.full_id.clone(),
            criterion: Some(p.id.clone()),
            severity: check.part_severity.unwrap_or(rule.severity),
            message: format!(
                "“{}”不完整：未见“{}”（已见 {}/{total}{}）",
                rule.title,
                p.title,
                seen.len(),
                if seen.is_empty() {
                    "，仅有总称".to_owned()
                } else {
                    format!("：{}", seen.join("、"))
                }
            ),
            help: rule.help.clone(),
            span: anchor,
            labels: labels.clone(),
            fingerprint: String::new(),
        })
        .collect()
}
