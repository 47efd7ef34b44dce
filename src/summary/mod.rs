//! The reviewer's view of many reports, grouped by the packs applied to them (a
//! 法治政府建设 report and a 政府信息公开 report have different elements). Per group: one
//! row per report (unit, year, title, file) with a verdict per element of its packs and
//! counts per severity; totals per rule ("12 of 40 reports lack 第一责任人"); and passages
//! that are near-copies of each other, within the group or of the same unit's previous
//! report of the same kind ("与上年雷同").
//!
//! Near-copies are found as the pack's `similarity` says (see `summary/similar.rs`); with
//! last year's reports, a table row carried over from last year is compared too
//! (`summary/carry.rs`: this year's 上年结转 against last year's 结转下年度).
//!
//! A row keeps only what the renderers print, so memory grows with the rows, not with
//! the reports' text.

mod carry;
mod similar;

pub use carry::Carried;

use std::collections::{BTreeMap, HashMap};

use crate::check::Checked;
use crate::check::subject::{issuer_name, title_subject};
use crate::pack::{Pack, Similarity};
use crate::report::{Severity, Status};
use crate::segment::Segmenter;
use similar::{MIN_SHINGLES, jaccard, shingles, within};

/// The whole summary.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// One group per set of packs applied, in pack order.
    pub groups: Vec<Group>,
    /// Each rule's legal or normative basis (`basis`), by full rule id.
    pub basis: BTreeMap<String, String>,
}

impl Summary {
    /// How many reports, in all groups.
    pub fn reports(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    /// Every report's row, group by group.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.groups.iter().flat_map(|g| &g.rows)
    }
}

/// The reports checked by the same packs.
#[derive(Clone, Debug, Default)]
pub struct Group {
    /// Ids of the packs applied to them.
    pub packs: Vec<String>,
    /// What the reports are: the packs' titles without their bracketed additions
    /// (`法治政府建设年度报告`), joined by “、”.
    pub title: String,
    /// The element columns, in pack order.
    pub elements: Vec<Column>,
    /// One row per report, in input order.
    pub rows: Vec<Row>,
    /// Per-rule totals, in pack order, rules with no finding left out.
    pub rules: Vec<RuleTotal>,
    /// Near-copies, most similar first.
    pub similar: Vec<Similar>,
    /// Carried-over rows that differ from last year's report, in report order.
    pub carried: Vec<Carried>,
}

impl Group {
    /// The group's heading: `法治政府建设年度报告（规则包 fzzfjs）`.
    pub fn heading(&self) -> String {
        format!("{}（规则包 {}）", self.title, self.packs.join("、"))
    }
}

/// One element column of the report matrix.
#[derive(Clone, Debug)]
pub struct Column {
    /// Element (rule) id.
    pub id: String,
    /// The rule's full id (`pack/rule`).
    pub rule: String,
    /// The element's full title.
    pub title: String,
    /// The pack's short name for it, if any.
    pub short: Option<String>,
}

impl Column {
    /// The column's name in a table header: the pack's short name, else the full title.
    pub fn name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.title)
    }
}

/// One report.
#[derive(Clone, Debug)]
pub struct Row {
    /// The file, as given.
    pub path: String,
    /// The unit: the subject of the title, else the issuer of the 落款, else the file name.
    pub unit: String,
    /// The report year.
    pub year: Option<i32>,
    /// The title.
    pub title: Option<String>,
    /// One status per element column (`None`: the element's rule was not applied).
    pub statuses: Vec<Option<Status>>,
    /// Findings per severity: error, warning, info.
    pub counts: [usize; 3],
    /// Every finding, in order.
    pub findings: Vec<FindingRow>,
}

/// One finding, flattened for tables.
#[derive(Clone, Debug)]
pub struct FindingRow {
    /// Full rule id.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// Line (1-based), if the finding has a place.
    pub line: Option<usize>,
    /// Character column (1-based).
    pub column: Option<usize>,
    /// The message.
    pub message: String,
    /// What to add or change.
    pub help: Option<String>,
    /// The Word paragraph (1-based), for Word documents.
    pub paragraph: Option<usize>,
}

/// How one rule fared across the reports.
#[derive(Clone, Debug)]
pub struct RuleTotal {
    /// Full rule id.
    pub rule: String,
    /// Its title.
    pub title: String,
    /// Reports with at least one finding of it.
    pub reports: usize,
    /// Its findings in all.
    pub findings: usize,
    /// For element rules: reports where the element is missing.
    pub missing: usize,
    /// For element rules: reports where it is weak.
    pub weak: usize,
}

/// Two passages that are near-copies.
#[derive(Clone, Debug)]
pub struct Similar {
    /// The element's title.
    pub element: String,
    /// One report's path.
    pub a: String,
    /// The other's path.
    pub b: String,
    /// Jaccard similarity of their shingle sets, 0–1.
    pub similarity: f64,
    /// `b` is the same unit's report of the previous year.
    pub previous: bool,
}

/// One comparison of near-copies: the element's rule, its title and the settings.
#[derive(Clone, Debug)]
struct Compare {
    rule: String,
    title: String,
    similarity: Similarity,
}

/// A group being built.
struct Building {
    /// Indices of its packs.
    key: Vec<usize>,
    elements: Vec<Column>,
    compare: Vec<Compare>,
    rows: Vec<Row>,
    /// Per comparison, per row: the passage's shingle set.
    sets: Vec<Vec<Vec<u64>>>,
    /// Per row: the figures of its carried rows.
    carried: Vec<carry::Figures>,
}

/// Builds a [`Summary`] one report at a time, keeping per report only its row and
/// the shingle sets of the passages it compares.
pub struct Builder<'a> {
    packs: &'a [Pack],
    segmenter: &'a Segmenter,
    groups: Vec<Building>,
    /// Last year's reports by packs and unit.
    previous: HashMap<(Vec<usize>, String), Previous>,
}

/// A report of the previous year: its path, one shingle set per comparison and the
/// figures of the rows carried over from it.
type Previous = (String, Vec<Vec<u64>>, carry::Figures);

/// The element columns of the packs `key`.
fn columns(packs: &[Pack], key: &[usize]) -> Vec<Column> {
    key.iter()
        .flat_map(|&i| packs[i].enabled())
        .filter(|r| r.check.is_element())
        .map(|r| Column {
            id: r.id.clone(),
            rule: r.full_id.clone(),
            title: r.title.clone(),
            short: r.short.clone(),
        })
        .collect()
}

/// The comparisons the packs `key` ask for.
fn comparisons(packs: &[Pack], key: &[usize]) -> Vec<Compare> {
    key.iter()
        .map(|&i| &packs[i])
        .filter_map(|p| Some((p, p.similarity.as_ref()?)))
        .flat_map(|(p, sim)| {
            sim.elements.iter().map(move |e| {
                let rule = p.rules.iter().find(|r| &r.id == e);
                Compare {
                    rule: rule.map_or_else(|| format!("{}/{e}", p.id), |r| r.full_id.clone()),
                    title: rule.map_or_else(|| e.clone(), |r| r.title.clone()),
                    similarity: sim.clone(),
                }
            })
        })
        .collect()
}

impl<'a> Builder<'a> {
    /// A builder for reports checked with (some of) `packs`.
    pub fn new(packs: &'a [Pack], segmenter: &'a Segmenter) -> Builder<'a> {
        Builder {
            packs,
            segmenter,
            groups: Vec::new(),
            previous: HashMap::new(),
        }
    }

    /// The indices of the packs applied to `c`, but for companion packs (版式 and the
    /// like): reports are grouped by what kind of report they are, whether they came as
    /// Word documents or not.
    fn key(&self, c: &Checked) -> Vec<usize> {
        c.packs
            .iter()
            .filter_map(|id| self.packs.iter().position(|p| &p.id == id))
            .filter(|&i| !self.packs[i].companion)
            .collect()
    }

    /// Add one report of this year.
    pub fn add(&mut self, c: &Checked) {
        let key = self.key(c);
        let g = match self.groups.iter().position(|g| g.key == key) {
            Some(g) => g,
            None => {
                let compare = comparisons(self.packs, &key);
                self.groups.push(Building {
                    elements: columns(self.packs, &key),
                    sets: vec![Vec::new(); compare.len()],
                    compare,
                    rows: Vec::new(),
                    carried: Vec::new(),
                    key,
                });
                self.groups.len() - 1
            }
        };
        let carried = carry::figures(self.packs, &self.groups[g].key, c, true);
        let group = &mut self.groups[g];
        group.rows.push(row(c, &group.elements));
        group.carried.push(carried);
        for (i, cmp) in group.compare.iter().enumerate() {
            let set = shingles(c, &cmp.rule, cmp.similarity.shingle, self.segmenter);
            group.sets[i].push(set);
        }
    }

    /// Add one report of the previous year (compared with this year's of the same unit
    /// checked by the same packs).
    pub fn add_previous(&mut self, c: &Checked) {
        let key = self.key(c);
        let sets = comparisons(self.packs, &key)
            .iter()
            .map(|cmp| shingles(c, &cmp.rule, cmp.similarity.shingle, self.segmenter))
            .collect();
        let carried = carry::figures(self.packs, &key, c, false);
        self.previous
            .entry((key, unit_of(c)))
            .or_insert_with(|| (c.document.path.clone(), sets, carried));
    }

    /// Totals and near-copies over everything added.
    pub fn finish(mut self) -> Summary {
        self.groups.sort_by(|a, b| a.key.cmp(&b.key));
        let groups = std::mem::take(&mut self.groups)
            .into_iter()
            .map(|g| self.group(g))
            .collect();
        let basis = self
            .packs
            .iter()
            .flat_map(Pack::enabled)
            .filter_map(|r| Some((r.full_id.clone(), r.basis.clone()?)))
            .collect();
        Summary { groups, basis }
    }

    fn group(&self, g: Building) -> Group {
        let rows = g.rows;
        let mut rules = Vec::new();
        for rule in g.key.iter().flat_map(|&i| self.packs[i].enabled()) {
            let with: Vec<&Row> = rows
                .iter()
                .filter(|r| r.findings.iter().any(|f| f.rule == rule.full_id))
                .collect();
            if with.is_empty() {
                continue;
            }
            let column = g.elements.iter().position(|c| c.rule == rule.full_id);
            let status_count = |s: Status| {
                column.map_or(0, |i| {
                    rows.iter().filter(|r| r.statuses[i] == Some(s)).count()
                })
            };
            rules.push(RuleTotal {
                rule: rule.full_id.clone(),
                title: rule.title.clone(),
                reports: with.len(),
                findings: with
                    .iter()
                    .map(|r| r.findings.iter().filter(|f| f.rule == rule.full_id).count())
                    .sum(),
                missing: status_count(Status::Missing),
                weak: status_count(Status::Weak),
            });
        }
        let mut similar = Vec::new();
        for (i, cmp) in g.compare.iter().enumerate() {
            let sim = &cmp.similarity;
            similar.extend(within(&rows, &g.sets[i], &cmp.title, sim));
            for (r, set) in rows.iter().zip(&g.sets[i]) {
                let Some((path, sets, _)) = self.previous.get(&(g.key.clone(), r.unit.clone()))
                else {
                    continue;
                };
                if *path == r.path || set.len() < MIN_SHINGLES || sets[i].len() < MIN_SHINGLES {
                    continue;
                }
                let shared = set
                    .iter()
                    .filter(|h| sets[i].binary_search(h).is_ok())
                    .count();
                let s = jaccard(shared, set.len(), sets[i].len());
                if s >= sim.threshold {
                    similar.push(Similar {
                        element: cmp.title.clone(),
                        a: r.path.clone(),
                        b: path.clone(),
                        similarity: s,
                        previous: true,
                    });
                }
            }
        }
        similar.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| (&a.a, &a.b).cmp(&(&b.a, &b.b)))
        });
        let mut carried = Vec::new();
        for (r, figures) in rows.iter().zip(&g.carried) {
            if let Some((path, _, last)) = self.previous.get(&(g.key.clone(), r.unit.clone()))
                && *path != r.path
            {
                carried.extend(carry::compare(&r.path, figures, path, last));
            }
        }
        let titles: Vec<&str> = g.key.iter().map(|&i| self.packs[i].short_title()).collect();
        Group {
            packs: g.key.iter().map(|&i| self.packs[i].id.clone()).collect(),
            title: titles.join("、"),
            elements: g.elements,
            rows,
            rules,
            similar,
            carried,
        }
    }
}

/// The unit a report is from.
pub fn unit_of(c: &Checked) -> String {
    let doc = &c.document;
    title_subject(&doc.text, &doc.outline)
        .map(|s| s.slice(&doc.text).trim().to_owned())
        .or_else(|| Some(issuer_name(&doc.text, &doc.outline)?.1.to_owned()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| {
            std::path::Path::new(&doc.path)
                .file_stem()
                .map_or_else(|| doc.path.clone(), |s| s.to_string_lossy().into_owned())
        })
}

fn row(c: &Checked, elements: &[Column]) -> Row {
    let doc = &c.document;
    let mut counts = [0; 3];
    let findings = c
        .findings
        .iter()
        .map(|f| {
            counts[match f.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
            let pos = f.span.map(|s| doc.lines.position(&doc.text, s.start));
            FindingRow {
                rule: f.rule.clone(),
                severity: f.severity,
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                message: f.message.clone(),
                help: f.help.clone(),
                paragraph: f.span.and_then(|s| doc.paragraph_at(s.start)),
            }
        })
        .collect();
    Row {
        path: doc.path.clone(),
        unit: unit_of(c),
        year: c.year.map(|y| y.value),
        title: doc.title(),
        statuses: elements
            .iter()
            .map(|col| {
                c.elements
                    .iter()
                    .find(|e| e.rule == col.rule)
                    .map(|e| e.status)
            })
            .collect(),
        counts,
        findings,
    }
}
