//! `components`: an element made of parts that must each be covered somewhere in the
//! report, such as the 行政执法三项制度 (公示, 全过程记录, 法制审核).
//!
//! Each part is looked for separately over the whole body, 《titles》 included (a unit
//! that issued 《…行政执法公示制度》 has covered 公示). The element is `present` when every
//! part is found, `weak` when some are, or when only the umbrella phrase (三项制度) is,
//! and `missing` when neither a part nor the umbrella appears. Each missing part of a
//! weak element is its own finding. Exclusions keep look-alikes out: 合法性审查 of
//! decisions and documents is not 法制审核 of enforcement decisions.
//!
//! ```yaml
//! check:
//!   components:
//!     umbrella: { pattern: 三项制度 }
//!     parts:
//!       - id: legal-review
//!         title: 重大执法决定法制审核
//!         match: { pattern: 法制审核, exclude: 合法性审 }
//! ```

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{ElementKind, Judging, Kind, Verdict, missing};
use super::matcher::{Haystack, Matcher, RawMatcher};
use crate::pack::{Compiling, PackResult, Rule};
use crate::report::{ComponentResult, ElementResult, Finding, Label, Located, Severity, Status};
use crate::span::Span;

/// A `components` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawComponents {
    #[serde(default)]
    pub umbrella: Option<Spanned<RawMatcher>>,
    pub parts: Vec<RawPart>,
    #[serde(default)]
    pub part_severity: Option<Severity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawPart {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(rename = "match")]
    pub matcher: Spanned<RawMatcher>,
}

/// A compiled `components` check.
#[derive(Clone, Debug, Default)]
pub struct ComponentsCheck {
    /// The collective name; alone it makes the element weak, not present.
    pub umbrella: Matcher,
    /// The parts.
    pub parts: Vec<Part>,
    /// Severity of a finding for one missing part.
    pub part_severity: Option<Severity>,
}

/// One part of a `components` element.
#[derive(Clone, Debug)]
pub struct Part {
    /// Part id, e.g. `legal-review`.
    pub id: String,
    /// Chinese name.
    pub title: String,
    /// How it is mentioned.
    pub matcher: Matcher,
}

/// The outcome of a `components` check.
pub struct Coverage {
    /// One result per part, in pack order.
    pub parts: Vec<ComponentResult>,
    /// First mention of the umbrella phrase.
    pub umbrella: Option<Span>,
}

impl Coverage {
    /// Present when all parts are found; weak with some or only the umbrella.
    pub fn status(&self) -> Status {
        let found = self
            .parts
            .iter()
            .filter(|p| p.status == Status::Present)
            .count();
        if found == self.parts.len() && found > 0 {
            Status::Present
        } else if found > 0 || self.umbrella.is_some() {
            Status::Weak
        } else {
            Status::Missing
        }
    }

    /// The first place anything of the element is mentioned.
    pub fn anchor(&self) -> Option<Span> {
        self.parts
            .iter()
            .filter_map(|p| p.span)
            .chain(self.umbrella)
            .min()
    }
}

impl Kind for ComponentsCheck {
    const NAME: &'static str = "components";
    const LABEL: &'static str = "分项要素";
    type Raw = RawComponents;

    fn compile(raw: &RawComponents, cx: &Compiling<'_>) -> PackResult<Self> {
        if raw.parts.is_empty() {
            return Err(cx.error_here(
                "`components` 至少要有一个 `parts`".to_owned(),
                "此处",
                None,
            ));
        }
        let mut parts: Vec<Part> = Vec::new();
        for p in &raw.parts {
            let id = cx.id(&p.id, "组成部分")?;
            if parts.iter().any(|q| q.id == id) {
                return Err(cx.error(
                    &p.id,
                    format!("组成部分编号 `{id}` 重复"),
                    "重复的编号",
                    None,
                ));
            }
            parts.push(Part {
                id,
                title: p.title.clone(),
                matcher: Matcher::compile(&p.matcher, cx)?,
            });
        }
        Ok(ComponentsCheck {
            umbrella: Matcher::compile_opt(raw.umbrella.as_ref(), cx)?,
            parts,
            part_severity: raw.part_severity,
        })
    }

    fn matchers(&self) -> Vec<&Matcher> {
        std::iter::once(&self.umbrella)
            .chain(self.parts.iter().map(|p| &p.matcher))
            .collect()
    }
}

impl ElementKind for ComponentsCheck {
    /// Covered where every part is found anywhere in the body; each missing part of a
    /// weak element is its own finding.
    fn judge(&self, rule: &Rule, cx: &Judging<'_>) -> Verdict {
        let coverage = self.cover(cx.hay, cx.outline.body);
        let status = coverage.status();
        let anchor = coverage.anchor();
        let findings = self.findings(rule, &coverage, status, anchor);
        Verdict {
            result: ElementResult {
                id: rule.id.clone(),
                rule: rule.full_id.clone(),
                status,
                span: anchor,
                anchor,
                located: anchor.map(|_| Located::Components),
                components: coverage.parts,
            },
            findings,
            found: None,
        }
    }
}

impl ComponentsCheck {
    /// Look for every part (and the umbrella) in `body`.
    pub fn cover(&self, hay: Haystack<'_>, body: Span) -> Coverage {
        let hay = Haystack {
            skip_titles: false,
            ..hay
        };
        Coverage {
            parts: self
                .parts
                .iter()
                .map(|part| {
                    let span = part.matcher.first(hay, body);
                    ComponentResult {
                        id: part.id.clone(),
                        status: if span.is_some() {
                            Status::Present
                        } else {
                            Status::Missing
                        },
                        span,
                    }
                })
                .collect(),
            umbrella: self.umbrella.first(hay, body),
        }
    }

    fn findings(
        &self,
        rule: &Rule,
        coverage: &Coverage,
        status: Status,
        anchor: Option<Span>,
    ) -> Vec<Finding> {
        if status == Status::Missing {
            return vec![missing(rule)];
        }
        let seen: Vec<&str> = self
            .parts
            .iter()
            .zip(&coverage.parts)
            .filter(|(_, r)| r.status == Status::Present)
            .map(|(p, _)| p.title.as_str())
            .collect();
        let labels: Vec<Label> = self
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
        let total = self.parts.len();
        self.parts
            .iter()
            .zip(&coverage.parts)
            .filter(|(_, r)| r.status == Status::Missing)
            .map(|(p, _)| Finding {
                rule: rule.full_id.clone(),
                criterion: Some(p.id.clone()),
                severity: self.part_severity.unwrap_or(rule.severity),
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
                fix: None,
                restyle: None,
            })
            .collect()
    }
}
