//! The YAML schema of a rule pack, as written: strict (unknown keys are errors),
//! kebab-case, with spans kept on every value that validation may complain about.
//! `rules/README.md` documents each key; [`super::Pack::from_yaml`] validates them into checks.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::check::Region;
use crate::check::deadline::DeadlineDate;
use crate::check::structure::StructureFlag;
use crate::outline::date::DateForm;
use crate::report::Severity;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawPack {
    pub id: Spanned<String>,
    pub title: String,
    pub version: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub units: Vec<RawUnit>,
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    /// A pack this one builds on: a built-in pack id or a YAML file beside this one.
    #[serde(default)]
    pub extends: Option<Spanned<String>>,
    /// Changes to rules of the base pack.
    #[serde(default)]
    pub overrides: Vec<RawOverride>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
    /// Near-duplicate detection for `reportlint summary`.
    #[serde(default)]
    pub similarity: Option<Spanned<RawSimilarity>>,
    /// The skeleton `reportlint template` writes.
    #[serde(default)]
    pub template: Option<RawTemplate>,
    /// Text that stands in for content not yet written.
    #[serde(default)]
    pub placeholders: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawTemplate {
    pub title: String,
    pub opening: String,
    pub sections: Vec<RawTemplateSection>,
    pub closing: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawTemplateSection {
    pub rule: Spanned<String>,
    pub heading: String,
    #[serde(default)]
    pub guidance: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawSimilarity {
    pub elements: Vec<Spanned<String>>,
    pub threshold: f64,
    #[serde(default = "default_shingle")]
    pub shingle: usize,
}

fn default_shingle() -> usize {
    3
}

/// A change to an inherited rule: fields given replace the base's; `criteria` replace
/// criteria with the same id and add the others; `add-*` widen the locators.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawOverride {
    pub rule: Spanned<String>,
    #[serde(default)]
    pub disable: Option<bool>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub short: Option<Spanned<String>>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub basis: Option<String>,
    #[serde(default)]
    pub placement: Option<String>,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
    #[serde(default)]
    pub add_headings: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub add_cues: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub add_mentions: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub check: Option<Spanned<RawCheck>>,
    #[serde(default)]
    pub examples: Option<Spanned<RawExamples>>,
}

/// A kind of 报告主体 (township, department, …), recognised from the title or 落款.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawUnit {
    pub id: Spanned<String>,
    pub name: String,
    /// Matches the end of the subject's name (`街道办事处`, `局`).
    #[serde(rename = "match")]
    pub matcher: Spanned<String>,
    /// How such a unit refers to itself (`我街道`).
    #[serde(default)]
    pub self_ref: Option<Spanned<String>>,
    /// Other units whose self-references it may use (`我区` in a 街道 report).
    #[serde(default)]
    pub may_mention: Vec<Spanned<String>>,
    /// Kinds within the type, each with the self-references of its own (a 街道 says
    /// `我街道`, a 镇 `我镇`).
    #[serde(default)]
    pub variants: Vec<RawUnitVariant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawUnitVariant {
    pub name: String,
    #[serde(rename = "match")]
    pub matcher: Spanned<String>,
    pub self_ref: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawRule {
    pub id: Spanned<String>,
    pub title: String,
    /// A short name for table headers (element rules only).
    #[serde(default)]
    pub short: Option<Spanned<String>>,
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub basis: Option<String>,
    #[serde(default)]
    pub placement: Option<String>,
    pub check: Spanned<RawCheck>,
    pub examples: Spanned<RawExamples>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) enum RawCheck {
    Element(Box<RawElement>),
    Components(Box<RawComponents>),
    Forbid(Box<RawForbid>),
    Require(Box<RawRequire>),
    TimeRef(Box<RawTimeRef>),
    DoubledChar(Box<RawDoubledChar>),
    Rate(Box<RawRate>),
    Sum(Box<RawSum>),
    Structure(Box<RawStructure>),
    HeadingYear(Box<RawHeadingYear>),
    Order(Box<RawOrder>),
    ClosingDate(Box<RawClosingDate>),
    Deadline(Box<RawDeadline>),
    Subject(Box<RawSubject>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawMatcher {
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub exclude: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawElement {
    #[serde(default)]
    pub headings: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub max_depth: Option<Spanned<usize>>,
    #[serde(default)]
    pub cues: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub mentions: Option<Spanned<RawMatcher>>,
    #[serde(default)]
    pub not_within: Vec<Spanned<String>>,
    #[serde(default)]
    pub leading: bool,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
    #[serde(default)]
    pub cited: Option<RawCited>,
}

/// A document about the element, cited as implemented, where the element itself is not
/// written: found, but weak.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawCited {
    /// The cited title (inside 《》).
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    /// Words before it in its sentence that say it was implemented (`落实`).
    pub before: Spanned<String>,
    /// Why that is weak.
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawCriterion {
    pub id: Spanned<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub min_chars: Option<usize>,
    #[serde(default)]
    pub min_items: Option<RawMinItems>,
    #[serde(default)]
    pub count: Option<RawCount>,
    #[serde(default)]
    pub density: Option<RawDensity>,
    #[serde(default)]
    pub year_ref: Option<RawYearRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawMinItems {
    pub min: usize,
    pub what: String,
    #[serde(default)]
    pub sentences: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawCount {
    #[serde(rename = "match")]
    pub matcher: Spanned<RawMatcher>,
    pub min: usize,
    #[serde(default)]
    pub distinct: bool,
    pub what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawDensity {
    #[serde(rename = "match")]
    pub matcher: Spanned<RawMatcher>,
    pub min: f64,
    pub what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawYearRef {
    pub offset: i32,
    #[serde(default)]
    pub alternatives: Option<Spanned<String>>,
    #[serde(default)]
    pub what: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawComponents {
    #[serde(default)]
    pub umbrella: Option<Spanned<RawMatcher>>,
    pub parts: Vec<RawPart>,
    #[serde(default)]
    pub part_severity: Option<Severity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawPart {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(rename = "match")]
    pub matcher: Spanned<RawMatcher>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawExamples {
    #[serde(default)]
    pub pass: Vec<String>,
    #[serde(default)]
    pub fail: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawForbid {
    #[serde(default, rename = "in")]
    pub region: Region,
    pub what: String,
    pub patterns: Vec<RawForbidPattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawForbidPattern {
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub fix: Option<String>,
    #[serde(default)]
    pub unless: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawRequire {
    #[serde(rename = "in")]
    pub region: Region,
    #[serde(default, rename = "match")]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub what: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawTimeRef {
    pub refs: Vec<RawReference>,
    #[serde(default)]
    pub lists: Vec<RawList>,
}

/// An enumeration written with a shared head and tail (`二十届二中、三中、四中全会`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawList {
    /// The whole list, with groups `head`, `members` and `tail`.
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    /// One member within `members`.
    pub member: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawReference {
    pub name: String,
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub before: Option<Spanned<String>>,
    #[serde(default)]
    pub unless: Option<Spanned<String>>,
    #[serde(default)]
    pub valid_from: Option<Spanned<String>>,
    #[serde(default)]
    pub in_force_from: Option<Spanned<String>>,
    #[serde(default)]
    pub current_until: Option<Spanned<i32>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawDoubledChar {
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub words: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawRate {
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub exclude: Option<Spanned<String>>,
    #[serde(default)]
    pub breakdown: Option<Spanned<String>>,
    pub units: Vec<String>,
    pub tolerance: f64,
    #[serde(default)]
    pub capped: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawSum {
    /// The word that opens a breakdown (`其中`).
    pub breakdown: Spanned<String>,
    pub units: Vec<String>,
    pub tolerance: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawStructure {
    pub flag: StructureFlag,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawHeadingYear {
    pub element: Spanned<String>,
    pub offset: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawOrder {
    pub sequence: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawClosingDate {
    #[serde(default)]
    pub forms: Vec<DateForm>,
    #[serde(default)]
    pub year_offset: Option<Spanned<[i32; 2]>>,
    #[serde(default)]
    pub error_outside: Option<Spanned<[i32; 2]>>,
    #[serde(default)]
    pub info_from_month: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawDeadline {
    /// Which date is compared: the 成文日期 or the publication date.
    pub date: DeadlineDate,
    pub deadlines: Vec<RawDeadlineRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawDeadlineRow {
    #[serde(default)]
    pub units: Vec<Spanned<String>>,
    #[serde(default)]
    pub until_year: Option<i32>,
    #[serde(default)]
    pub from_year: Option<i32>,
    /// `MM-DD` of the year after the report year.
    pub by: Spanned<String>,
    pub what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawSubject {
    /// Also compare the report's references to itself (`我街道`).
    #[serde(default = "yes")]
    pub self_refs: bool,
}

fn yes() -> bool {
    true
}
