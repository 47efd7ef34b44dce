//! Rule packs: YAML parsed into [`raw`] types, then validated once into [`Pack`]s whose
//! checks are compiled (regexes built, rule references resolved, order fixed).
//! Every mistake is a [`PackError`] pointing into the YAML.

mod compile;
mod raw;

use std::path::Path;

use crate::check::components::ComponentsCheck;
use crate::check::criteria::CriterionKind;
use crate::check::element::ElementCheck;
use crate::check::matcher::Matcher;
use crate::error::{Error, PackError};
use crate::report::Severity;

/// The shipped pack, embedded so the tool works with no files beside it.
pub const BUILTIN: &[(&str, &str)] = &[("fzzfjs.yaml", include_str!("../../rules/fzzfjs.yaml"))];

/// A validated rule pack.
#[derive(Clone, Debug)]
pub struct Pack {
    /// Pack id, e.g. `fzzfjs`.
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// Pack version.
    pub version: String,
    /// Longer description.
    pub description: Option<String>,
    /// Extra user words for segmentation.
    pub terms: Vec<String>,
    /// Rules in pack order.
    pub rules: Vec<Rule>,
    /// Rule indices in the order they must be evaluated (`not-within` targets and
    /// non-leading elements first).
    pub order: Vec<usize>,
}

/// A validated rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Short id (the element id for element rules).
    pub id: String,
    /// `pack/rule`.
    pub full_id: String,
    /// Chinese title.
    pub title: String,
    /// Severity of its main finding (a missing element).
    pub severity: Severity,
    /// Message of its main finding.
    pub message: String,
    /// What to add.
    pub help: Option<String>,
    /// Why the rule exists.
    pub why: Option<String>,
    /// Legal or normative basis.
    pub basis: Option<String>,
    /// Where the element usually stands in a report.
    pub placement: Option<String>,
    /// What it checks.
    pub check: Check,
    /// Texts that must not and must trigger it.
    pub examples: Examples,
}

/// The kinds of check.
#[derive(Clone, Debug)]
pub enum Check {
    /// A required part of the report ([`ElementCheck`]).
    Element(Box<ElementCheck>),
    /// Parts covered anywhere ([`ComponentsCheck`]).
    Components(ComponentsCheck),
}

/// A rule's own test cases.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    /// Must produce no finding of this rule.
    pub pass: Vec<String>,
    /// Must produce at least one finding of this rule.
    pub fail: Vec<String>,
}

impl Pack {
    /// Every term the pack names, for the segmenter's dictionary.
    pub fn all_terms(&self) -> Vec<&str> {
        let mut matchers: Vec<&Matcher> = Vec::new();
        for rule in &self.rules {
            match &rule.check {
                Check::Element(e) => {
                    matchers.extend([&e.headings, &e.cues, &e.mentions]);
                    matchers.extend(e.criteria.iter().filter_map(|c| match &c.kind {
                        CriterionKind::Count { matcher, .. }
                        | CriterionKind::Density { matcher, .. } => Some(matcher),
                        _ => None,
                    }));
                }
                Check::Components(c) => {
                    matchers.push(&c.umbrella);
                    matchers.extend(c.parts.iter().map(|p| &p.matcher));
                }
            }
        }
        self.terms
            .iter()
            .chain(matchers.into_iter().flat_map(|m| &m.terms))
            .map(String::as_str)
            .collect()
    }

    /// The embedded packs.
    pub fn builtin() -> Vec<Pack> {
        BUILTIN
            .iter()
            .map(|(name, src)| {
                Pack::from_yaml(src, &format!("rules/{name}")).expect("embedded pack is valid")
            })
            .collect()
    }

    /// Read and validate a pack file.
    pub fn load(path: &Path) -> std::result::Result<Pack, Error> {
        if !path.exists() {
            return Err(Error::NotFound {
                path: path.to_path_buf(),
            });
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        let name = path.display().to_string();
        let src = String::from_utf8(bytes).map_err(|_| {
            Box::new(compile::pack_error(
                &name,
                "",
                None,
                "文件不是 UTF-8 编码",
                "",
                None,
            ))
        })?;
        Ok(Pack::from_yaml(&src, &name)?)
    }

    /// Parse and validate pack YAML; `name` is used in messages.
    pub fn from_yaml(src: &str, name: &str) -> Result<Pack, Box<PackError>> {
        compile::compile(src, name)
    }
}

#[cfg(test)]
mod tests;
