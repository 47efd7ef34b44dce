//! Checking: run every rule of the packs that apply to a [`Document`] and produce element
//! verdicts and findings.
//!
//! The [`Engine`] holds the compiled packs and the one shared [`Segmenter`]; it is built
//! once per run and used from many threads. Which of its packs check a document is
//! [`select`]ed by the report's title. Each document is segmented once. Per pack,
//! the element rules are judged first, in the pack's evaluation order, each seeing where
//! the ones before it were found; then the document-wide rules run over a [`Scope`].
//!
//! The kinds of check are the modules listed in the registry below, one module each:
//! its YAML, validation, compiled form, run and docs (`kinds.rs` says what a kind is
//! and how to add one). Beside them, what they share:
//! [`matcher`] (finding phrases), [`criteria`] (what makes an element weak),
//! [`quantity`] (counted figures), [`scope`] (what document-wide kinds see and answer)
//! and [`quotes`] (pairing the quotes of messages).

pub mod criteria;
pub(crate) mod kinds;
pub mod matcher;
pub mod quantity;
pub mod quotes;
pub mod scope;
pub mod select;

pub mod closing_date;
pub mod components;
pub mod deadline;
pub mod doubled;
pub mod element;
pub mod forbid;
pub mod heading_year;
pub mod layout;
pub mod order;
pub mod rate;
pub mod require;
pub mod stated_year;
pub mod structure;
pub mod subject;
pub mod sum;
pub mod table;
pub mod time_ref;

// Every kind: `Variant(module::Type)`. The YAML key is the variant in kebab-case.
kinds::registry! {
    element {
        Element(element::ElementCheck),
        Components(components::ComponentsCheck),
    }
    document {
        Forbid(forbid::ForbidCheck),
        Require(require::RequireCheck),
        TimeRef(time_ref::TimeRefCheck),
        DoubledChar(doubled::DoubledCharCheck),
        Rate(rate::RateCheck),
        Sum(sum::SumCheck),
        Structure(structure::StructureCheck),
        HeadingYear(heading_year::HeadingYearCheck),
        Order(order::OrderCheck),
        ClosingDate(closing_date::ClosingDateCheck),
        Deadline(deadline::DeadlineCheck),
        Subject(subject::SubjectCheck),
        Table(table::TableCheck),
        StatedYear(stated_year::StatedYearCheck),
        Layout(layout::LayoutCheck),
    }
}

pub use scope::{Region, UnitSource};

use crate::document::Document;
use crate::outline::{ReportYear, YearSource};
use crate::pack::{Pack, Rule};
use crate::report::{ElementResult, Finding, sort_findings};
use crate::segment::Segmenter;
use element::Found;
use kinds::Judging;
use matcher::{Haystack, Matcher};
use scope::{Hit, Scope};

/// Compiled packs plus the shared segmenter.
#[derive(Debug)]
pub struct Engine {
    packs: Vec<Pack>,
    /// Per pack: given by `--pack` or a config (see [`select`]).
    given: Vec<bool>,
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
    /// Ids of the packs applied to it, in the engine's order.
    pub packs: Vec<String>,
    /// The report year used (detected or overridden).
    pub year: Option<ReportYear>,
    /// One verdict per element rule of every pack applied, in pack order.
    pub elements: Vec<ElementResult>,
    /// Findings, sorted.
    pub findings: Vec<Finding>,
    /// Rules (`pack/rule`) and criteria (`pack/rule/criterion`) that need the report
    /// year and were skipped because none was found.
    pub skipped_without_year: Vec<String>,
}

impl Engine {
    /// Build the engine: the segmenter learns every term the packs name. No pack counts
    /// as given (see [`Engine::with_given`]).
    pub fn new(packs: Vec<Pack>) -> Engine {
        Engine::with_given(packs, &[])
    }

    /// Build the engine for packs of which those with an id in `given` were named by
    /// `--pack` or a config: with `applies-to`, they are the default for reports that
    /// name no known kind (see [`select`]).
    pub fn with_given(packs: Vec<Pack>, given: &[String]) -> Engine {
        let segmenter = Segmenter::new(packs.iter().flat_map(Pack::all_terms));
        Engine {
            given: packs.iter().map(|p| given.contains(&p.id)).collect(),
            packs,
            segmenter,
            folder: crate::script::Folder::new(),
        }
    }

    /// The packs (the candidates for every document), in application order.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// Ids of the packs given by `--pack` or a config.
    pub fn given(&self) -> Vec<String> {
        self.packs
            .iter()
            .zip(&self.given)
            .filter(|(_, g)| **g)
            .map(|(p, _)| p.id.clone())
            .collect()
    }

    /// The packs that check `document` (indices into [`Engine::packs`]).
    pub fn packs_for(&self, document: &Document) -> Vec<usize> {
        let folded = self.folder.fold(&document.text);
        let head = select::Head::of(document, folded.as_deref().unwrap_or(&document.text));
        let mut chosen = select::choose(&self.packs, &self.given, &head);
        select::keep_layout_for_word(&self.packs, &mut chosen, document);
        chosen
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

    /// Check one document with per-run settings, by the packs that apply to it.
    pub fn check_with(&self, document: Document, options: &Options) -> Checked {
        // Traditional script is matched on a simplified copy with the same offsets.
        let folded = self.folder.fold(&document.text);
        let head = select::Head::of(&document, folded.as_deref().unwrap_or(&document.text));
        let mut chosen = select::choose(&self.packs, &self.given, &head);
        select::keep_layout_for_word(&self.packs, &mut chosen, &document);
        let packs: Vec<&Pack> = chosen.iter().map(|&i| &self.packs[i]).collect();
        self.check_folded(&packs, document, folded, options)
    }

    /// Check one document against `packs` (the engine's own, or — for the fuzz
    /// oracles — others, whose terms its segmenter then does not know), all of them.
    pub(crate) fn check_packs(
        &self,
        packs: &[&Pack],
        document: Document,
        options: &Options,
    ) -> Checked {
        let folded = self.folder.fold(&document.text);
        self.check_folded(packs, document, folded, options)
    }

    fn check_folded(
        &self,
        packs: &[&Pack],
        document: Document,
        folded: Option<String>,
        options: &Options,
    ) -> Checked {
        let year = options
            .year
            .map(|value| ReportYear {
                value,
                source: YearSource::Override,
            })
            .or(document.outline.year);
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
                .flat_map(|p| p.enabled())
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
            packs: packs.iter().map(|p| p.id.clone()).collect(),
            year,
            elements,
            findings,
            skipped_without_year,
        }
    }

    /// Findings of one rule on an example: the rule's pack runs, whatever the example's
    /// title (an example need not name its kind of report); only this rule's findings
    /// are kept. An example of a `layout` rule is the body of a Word document (see
    /// [`crate::document::docx::example_docx`]); one that cannot be read gives a finding
    /// saying why.
    pub fn example_findings(&self, rule: &Rule, text: &str) -> Vec<Finding> {
        self.example_outcome(rule, text).unwrap_or_else(|why| {
            vec![Finding {
                rule: rule.full_id.clone(),
                criterion: None,
                severity: rule.severity,
                message: why,
                help: None,
                span: None,
                labels: Vec::new(),
                fingerprint: String::new(),
                fix: None,
                restyle: None,
            }]
        })
    }

    /// The findings of `rule` on an example, or why the example cannot be read.
    fn example_outcome(&self, rule: &Rule, text: &str) -> Result<Vec<Finding>, String> {
        let doc = if matches!(rule.check, Check::Layout(_)) {
            let bytes = crate::document::docx::example_docx(text);
            Document::from_bytes("示例.docx", crate::document::Format::Docx, &bytes).map_err(
                |e| {
                    format!(
                        "示例不是可读的 Word 文档正文（{}）",
                        crate::error::describe_decode(&e)
                    )
                },
            )?
        } else {
            Document::from_text("示例", crate::document::Format::Txt, text.to_owned())
        };
        let pack = self
            .packs
            .iter()
            .find(|p| p.rules.iter().any(|r| std::ptr::eq(r, rule)))
            .or_else(|| {
                self.packs
                    .iter()
                    .find(|p| p.rules.iter().any(|r| r.full_id == rule.full_id))
            });
        // A rule that is off until switched on runs in a copy of its pack with it on.
        let switched_on = pack.filter(|_| rule.disabled).map(|p| {
            let mut p = p.clone();
            for r in p.rules.iter_mut().filter(|r| r.full_id == rule.full_id) {
                r.disabled = false;
            }
            p
        });
        let packs: Vec<&Pack> = switched_on.as_ref().or(pack).into_iter().collect();
        Ok(self
            .check_packs(&packs, doc, &Options::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == rule.full_id)
            .collect())
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
        for rule in self.packs.iter().flat_map(Pack::tested) {
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
                // An example that cannot be read does not count as triggering the rule.
                if !matches!(self.example_outcome(rule, text), Ok(f) if !f.is_empty()) {
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
    let unit = unit_of(pack, doc, unit_type);
    // A rule for some 报告主体 types only runs when the report is of one of them.
    let applies = |r: &Rule| r.units.is_empty() || unit.is_some_and(|(u, _)| r.units.contains(&u));
    let mut found: Vec<Option<Found>> = vec![None; pack.rules.len()];
    let mut results: Vec<Option<ElementResult>> = vec![None; pack.rules.len()];
    let mut findings = Vec::new();
    for &i in &pack.order {
        let rule = &pack.rules[i];
        if rule.disabled || !applies(rule) {
            continue;
        }
        let cx = Judging {
            hay: element_hay,
            written: hay.text,
            outline,
            pack,
            index: i,
            found: &found,
            year,
        };
        if let Some(verdict) = rule.check.judge(rule, &cx) {
            results[i] = Some(verdict.result);
            findings.extend(verdict.findings);
            found[i] = verdict.found;
        }
    }
    let scope = Scope {
        hay,
        segmenter,
        outline,
        year,
        units: &pack.units,
        unit,
        found: &found,
        tables: &doc.tables,
        blanked: element_hay.text,
        layout: doc.layout.as_ref(),
    };
    for rule in pack
        .enabled()
        .filter(|r| !r.check.is_element() && applies(r))
    {
        findings.extend(rule.check.run(&scope).into_iter().map(|hit| Finding {
            rule: rule.full_id.clone(),
            criterion: None,
            severity: hit.severity.unwrap_or(rule.severity),
            message: format!("{}：{}", rule.message, hit.message),
            help: rule.help.clone(),
            span: hit.span,
            labels: hit.labels,
            fingerprint: String::new(),
            fix: hit.fix,
            restyle: hit.restyle,
        }));
    }
    (results.into_iter().flatten().collect(), findings)
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

#[cfg(test)]
mod tests {
    use super::{KINDS, VARIANTS};

    /// A variant name as serde's `kebab-case` writes it (`TimeRef` → `time-ref`).
    fn kebab(variant: &str) -> String {
        let mut out = String::new();
        for (i, c) in variant.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    #[test]
    fn each_kind_is_named_as_its_yaml_key() {
        assert_eq!(KINDS.len(), VARIANTS.len());
        for ((name, _, _), variant) in KINDS.iter().zip(VARIANTS) {
            assert_eq!(*name, kebab(variant), "Kind::NAME of {variant}");
        }
    }

    /// The module of every kind opens with its YAML key and shows an example; the user
    /// docs have a section for it and list its Chinese name.
    #[test]
    fn each_kind_is_documented() {
        let readme = include_str!("../../rules/README.md");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check");
        for (name, label, module) in KINDS {
            let file = dir.join(format!("{module}.rs"));
            let file = if file.exists() {
                file
            } else {
                dir.join(module).join("mod.rs")
            };
            let src = std::fs::read_to_string(&file).expect("kind module");
            assert!(
                src.starts_with(&format!("//! `{name}`")),
                "{}: the module doc should open with `{name}`",
                file.display()
            );
            assert!(
                src.contains("//! ```yaml"),
                "{}: the module doc should show the YAML of a `{name}` check",
                file.display()
            );
            assert!(
                readme.contains(&format!("### `{name}`：")),
                "rules/README.md has no section `### `{name}`：…`"
            );
            assert!(
                readme.contains(&format!("| `{name}` | {label} |")),
                "rules/README.md does not list `{name}` as {label} in 检查种类"
            );
        }
    }

    /// A module implementing a kind is in the registry.
    #[test]
    fn each_kind_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check");
        for entry in std::fs::read_dir(&dir).expect("src/check") {
            let path = entry.expect("entry").path();
            let (module, file) = if path.is_dir() {
                (path.file_name(), path.join("mod.rs"))
            } else {
                (path.file_stem(), path.clone())
            };
            let module = module.and_then(|m| m.to_str()).expect("name").to_owned();
            let src = std::fs::read_to_string(&file).unwrap_or_default();
            if src.lines().any(|l| l.starts_with("impl Kind for ")) {
                assert!(
                    KINDS.iter().any(|(_, _, m)| *m == module),
                    "{module} implements Kind but is not in the registry (check/mod.rs)"
                );
            }
        }
    }
}
