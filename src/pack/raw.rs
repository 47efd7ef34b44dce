//! The YAML schema of a rule pack, as written: strict (unknown keys are errors),
//! kebab-case, with spans kept on every value that validation may complain about.
//! `rules/README.md` documents each key; [`super::Pack::from_yaml`] validates them into checks.
//! What stands under a rule's `check:` is each kind's own ([`RawCheck`]).

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::check::RawCheck;
use crate::check::criteria::RawCriterion;
use crate::check::matcher::RawMatcher;
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
    /// Which reports the pack is for: a pattern found in the title (or, without a
    /// recognised title, in the opening lines).
    #[serde(default)]
    pub applies_to: Option<Spanned<String>>,
    /// A 版式 pack (`layout` rules only): checks Word documents beside the content
    /// pack, and names no kind of report.
    #[serde(default)]
    pub layout: Option<Spanned<bool>>,
    /// A companion pack: checks every report (any format) beside the content pack,
    /// and names no kind of report.
    #[serde(default)]
    pub companion: Option<Spanned<bool>>,
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
    /// Statistics tables the report carries, for `table` rules.
    #[serde(default)]
    pub tables: Vec<crate::check::table::format::RawTableDef>,
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
    /// Tables to fill in, written after the guidance.
    #[serde(default)]
    pub tables: Vec<Spanned<RawTemplateTable>>,
}

/// A table of a template section: its grid, one list of strings per row, `"<"` where
/// the cell on the left goes on and `"^"` where the one above does.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawTemplateTable {
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub header_rows: Option<Spanned<usize>>,
    pub grid: Spanned<Vec<Spanned<Vec<Spanned<String>>>>>,
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
    /// The 报告主体 types the rule is for (empty: every report).
    #[serde(default)]
    pub units: Vec<Spanned<String>>,
    /// Off unless a config (or a pack that extends this one) switches it on.
    #[serde(default)]
    pub opt_in: bool,
    pub check: Spanned<RawCheck>,
    pub examples: Spanned<RawExamples>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawExamples {
    #[serde(default)]
    pub pass: Vec<String>,
    #[serde(default)]
    pub fail: Vec<String>,
}
