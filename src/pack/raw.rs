//! The YAML schema of a rule pack, as written: strict (unknown keys are errors),
//! kebab-case, with spans kept on every value that validation may complain about.
//! `rules/README.md` documents each key; [`super::Pack::from_yaml`] validates them into checks.

use serde::Deserialize;
use serde_saphyr::Spanned;

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
    pub rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawRule {
    pub id: Spanned<String>,
    pub title: String,
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
