//! The reviewer's view of many reports: one row per report (unit, year, title, file)
//! with a verdict per element and counts per severity; totals per rule ("12 of 40
//! reports lack 第一责任人"); and passages that are near-copies of each other, within
//! the batch or of the same unit's previous report ("与上年雷同").
//!
//! Near-copies are found as the pack's `similarity` says: the passages of the listed
//! elements are cut into jieba tokens, every `shingle` consecutive tokens hashed, and
//! two passages compared by the Jaccard similarity of their shingle sets. An inverted
//! index from shingle to passages means only passages that share shingles are paired.
//!
//! A row keeps only what the renderers print, so memory grows with the rows, not with
//! the reports' text.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::check::Checked;
use crate::check::subject::{issuer_name, title_subject};
use crate::pack::{Pack, Similarity};
use crate::report::{Severity, Status};
use crate::segment::Segmenter;

/// The whole summary.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// The element columns, in pack order.
    pub elements: Vec<Column>,
    /// One row per report, in input order.
    pub rows: Vec<Row>,
    /// Per-rule totals, in pack order, rules with no finding left out.
    pub rules: Vec<RuleTotal>,
    /// Near-copies, most similar first.
    pub similar: Vec<Similar>,
    /// Each rule's legal or normative basis (`basis`), by full rule id.
    pub basis: BTreeMap<String, String>,
}

/// One element column of the report matrix.
#[derive(Clone, Debug)]
pub struct Column {
    /// Element (rule) id.
    pub id: String,
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

/// Builds a [`Summary`] one report at a time, keeping per report only its row and
/// the shingle sets of the passages it compares.
pub struct Builder<'a> {
    packs: &'a [Pack],
    segmenter: &'a Segmenter,
    elements: Vec<Column>,
    /// Element id, title and settings of each comparison.
    compare: Vec<(String, String, Similarity)>,
    rows: Vec<Row>,
    /// Per comparison, per row: the passage's shingle set.
    sets: Vec<Vec<Vec<u64>>>,
    /// Last year's reports by unit: path and one shingle set per comparison.
    previous: HashMap<String, (String, Vec<Vec<u64>>)>,
}

impl<'a> Builder<'a> {
    /// A builder for reports checked with `packs`.
    pub fn new(packs: &'a [Pack], segmenter: &'a Segmenter) -> Builder<'a> {
        let elements = packs
            .iter()
            .flat_map(Pack::enabled)
            .filter(|r| r.check.is_element())
            .map(|r| Column {
                id: r.id.clone(),
                title: r.title.clone(),
                short: r.short.clone(),
            })
            .collect();
        let compare: Vec<(String, String, Similarity)> = packs
            .iter()
            .filter_map(|p| Some((p, p.similarity.as_ref()?)))
            .flat_map(|(p, sim)| {
                sim.elements.iter().map(move |e| {
                    let title = p
                        .rules
                        .iter()
                        .find(|r| &r.id == e)
                        .map_or_else(|| e.clone(), |r| r.title.clone());
                    (e.clone(), title, sim.clone())
                })
            })
            .collect();
        Builder {
            packs,
            segmenter,
            elements,
            sets: vec![Vec::new(); compare.len()],
            compare,
            rows: Vec::new(),
            previous: HashMap::new(),
        }
    }

    /// Add one report of this year.
    pub fn add(&mut self, c: &Checked) {
        self.rows.push(row(c, &self.elements));
        for (i, (element, _, sim)) in self.compare.iter().enumerate() {
            self.sets[i].push(shingles(c, element, sim.shingle, self.segmenter));
        }
    }

    /// Add one report of the previous year (compared with this year's by unit).
    pub fn add_previous(&mut self, c: &Checked) {
        let sets = self
            .compare
            .iter()
            .map(|(element, _, sim)| shingles(c, element, sim.shingle, self.segmenter))
            .collect();
        self.previous
            .entry(unit_of(c))
            .or_insert_with(|| (c.document.path.clone(), sets));
    }

    /// Totals and near-copies over everything added.
    pub fn finish(self) -> Summary {
        let rows = self.rows;
        let mut rules = Vec::new();
        for rule in self.packs.iter().flat_map(Pack::enabled) {
            let with: Vec<&Row> = rows
                .iter()
                .filter(|r| r.findings.iter().any(|f| f.rule == rule.full_id))
                .collect();
            if with.is_empty() {
                continue;
            }
            let column = self
                .elements
                .iter()
                .position(|c| c.id == rule.id && rule.check.is_element());
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
        for (i, (_, title, sim)) in self.compare.iter().enumerate() {
            similar.extend(within(&rows, &self.sets[i], title, sim));
            for (r, set) in rows.iter().zip(&self.sets[i]) {
                let Some((path, sets)) = self.previous.get(&r.unit) else {
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
                        element: title.clone(),
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
        let basis = self
            .packs
            .iter()
            .flat_map(Pack::enabled)
            .filter_map(|r| Some((r.full_id.clone(), r.basis.clone()?)))
            .collect();
        Summary {
            elements: self.elements,
            rows,
            rules,
            similar,
            basis,
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
            .map(|col| c.elements.iter().find(|e| e.id == col.id).map(|e| e.status))
            .collect(),
        counts,
        findings,
    }
}

/// The shingle hashes of one element's passage in one report.
fn shingles(c: &Checked, element: &str, size: usize, segmenter: &Segmenter) -> Vec<u64> {
    let Some(span) = c
        .elements
        .iter()
        .find(|e| e.id == element)
        .and_then(|e| e.span)
    else {
        return Vec::new();
    };
    let tokens = segmenter.tokens(span.slice(&c.document.text));
    let mut out: Vec<u64> = tokens
        .windows(size.min(tokens.len().max(1)))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Shingles shared by more passages than this are stock phrases, not evidence.
const MAX_POSTINGS: usize = 64;

/// Passages shorter than this many shingles are too short to call copies.
const MIN_SHINGLES: usize = 8;

fn jaccard(shared: usize, a: usize, b: usize) -> f64 {
    shared as f64 / (a + b - shared) as f64
}

fn within(rows: &[Row], sets: &[Vec<u64>], title: &str, sim: &Similarity) -> Vec<Similar> {
    let pair = |a: usize, b: usize, similarity: f64| Similar {
        element: title.to_owned(),
        a: rows[a].path.clone(),
        b: rows[b].path.clone(),
        similarity,
        previous: false,
    };
    // Identical passages first (one paragraph copied by many units): each copy is
    // paired with the first, so mass copying is reported without pairing every two.
    let mut identical: HashMap<&[u64], Vec<usize>> = HashMap::new();
    for (d, set) in sets
        .iter()
        .enumerate()
        .filter(|(_, s)| s.len() >= MIN_SHINGLES)
    {
        identical.entry(set.as_slice()).or_default().push(d);
    }
    let mut groups: Vec<Vec<usize>> = identical.into_values().collect();
    groups.sort();
    let mut out: Vec<Similar> = groups
        .iter()
        .flat_map(|g| g[1..].iter().map(|&b| pair(g[0], b, 1.0)))
        .collect();
    // Then near-copies among one passage of each group.
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for d in groups.iter().map(|g| g[0]) {
        for h in &sets[d] {
            index.entry(*h).or_default().push(d);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    // A shingle in very many passages is a stock phrase; it says nothing about copying
    // and would make pairing quadratic.
    for docs in index.values().filter(|d| d.len() <= MAX_POSTINGS) {
        for (i, &a) in docs.iter().enumerate() {
            for &b in &docs[i + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    out.extend(
        shared
            .into_iter()
            .map(|((a, b), n)| (a, b, jaccard(n, sets[a].len(), sets[b].len())))
            .filter(|&(_, _, s)| s >= sim.threshold)
            .map(|(a, b, s)| pair(a, b, s)),
    );
    out
}
