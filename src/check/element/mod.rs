//! `element`: find a required part of the report and judge whether it is substantive.
//!
//! An element is located, in this order, by:
//! 1. **heading** — a heading (up to `max-depth` levels deep) whose title matches one of
//!    its aliases; the passage is that section;
//! 2. **leading** — for the measures-and-results part only (`leading: true`): the run of
//!    top-level sections from its heading, or from the first top-level section no other
//!    element claims, up to the next element's section or cue passage; or, when every
//!    top-level section is another element's and the first of them has subsections,
//!    those subsections (a report opening with the 第一责任人 part that writes the year's
//!    measures under it);
//! 3. **cue** — a sentence such as `与上级要求还是存在一些差距，主要表现在：` that opens an
//!    unheaded passage: the rest of its paragraph, stopping before another element's cue,
//!    and, when the paragraph ends with `：`, the items that follow up to the next
//!    top-level heading;
//! 4. **mention** — a sentence or enumerated item (`二是扛牢法治建设第一责任人职责。`).
//!
//! Matches inside 《book titles》 never count: citing 《…第一责任人职责规定》 is not the
//! element. `not-within` keeps an element out of another one (the 第一责任人 item of next
//! year's plan is a plan, not a report on this year). A located element is `weak` when
//! any of its [criteria] fails, and `present` otherwise.
//!
//! ```yaml
//! check:
//!   element:
//!     headings: { pattern: '存在的?(主要)?(问题|不足|短板)' }
//!     cues: { pattern: '(但|但是)[^。]{0,30}(存在|还有)[^。]{0,12}(差距|不足|问题)' }
//!     criteria:
//!       - id: causes
//!         count: { pattern: '原因|由于|导致', min: 1, what: 原因分析 }
//! ```

mod locate;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::criteria::{self, Criterion, CriterionKind, RawCriterion, han_count};
use super::kinds::{ElementKind, Judging, Kind, Verdict, missing};
use super::matcher::{Haystack, Matcher, RawMatcher};
use crate::outline::Outline;
use crate::pack::{Compiling, Pack, PackResult, Rule};
use crate::report::{ElementResult, Finding, Label, Located, Severity, Status};
use crate::span::Span;

/// An `element` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawElement {
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
pub(crate) struct RawCited {
    /// The cited title (inside 《》).
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    /// Words before it in its sentence that say it was implemented (`落实`).
    pub before: Spanned<String>,
    /// Why that is weak.
    pub message: String,
}

/// Longest heading title (in characters) that is matched against aliases; longer
/// "titles" are the first sentence of a numbered paragraph.
pub const MAX_HEADING_CHARS: usize = 60;

/// A compiled `element` check.
#[derive(Clone, Debug, Default)]
pub struct ElementCheck {
    /// Heading aliases.
    pub headings: Matcher,
    /// How deep a matching heading may be (1 = top level only).
    pub max_depth: usize,
    /// Cue sentences that open an unheaded passage.
    pub cues: Matcher,
    /// Mentions that make a sentence or item the element.
    pub mentions: Matcher,
    /// Rule indices (same pack) whose passages this element must not lie in.
    pub not_within: Vec<usize>,
    /// Extend over the leading top-level sections (the measures-and-results part).
    pub leading: bool,
    /// Criteria for `weak`.
    pub criteria: Vec<Criterion>,
    /// A document about the element cited as implemented: found, and weak.
    pub cited: Option<Cited>,
}

/// A document about the element (`《党政主要负责人履行推进法治建设第一责任人职责规定》`)
/// that a sentence says was implemented (`认真落实《……》`), where the element itself is
/// not written. The element is found (not missing) and weak, with `message`. A list of
/// documents studied does not count.
#[derive(Clone, Debug)]
pub struct Cited {
    /// The cited title.
    pub pattern: Regex,
    /// Words before the title in its sentence that say it was implemented.
    pub before: Regex,
    /// Why this is weak.
    pub message: String,
}

/// Where an element was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The whole passage, heading included.
    pub span: Span,
    /// The passage without its heading.
    pub body: Span,
    /// The heading, cue sentence or mention.
    pub anchor: Span,
    /// How it was found.
    pub how: Located,
    /// The section it is, if it is one.
    pub section: Option<usize>,
}

/// What locating needs to know about the document and the other elements.
pub struct Context<'a> {
    /// Text and word index.
    pub hay: Haystack<'a>,
    /// The outline.
    pub outline: &'a Outline,
    /// Where the pack's other elements were found (by rule index), so far.
    pub found: &'a [Option<Found>],
    /// Cue matchers of the pack's other elements: a cue passage stops before them.
    pub other_cues: Vec<&'a Matcher>,
}

impl Kind for ElementCheck {
    const NAME: &'static str = "element";
    const LABEL: &'static str = "要素";
    type Raw = RawElement;

    fn compile(raw: &RawElement, cx: &Compiling<'_>) -> PackResult<Self> {
        let mut not_within = Vec::new();
        for target in &raw.not_within {
            match cx.rule_index(&target.value) {
                Some(_) if target.value == cx.rule_id() => {
                    return Err(cx.error(
                        target,
                        "`not-within` 不能指向规则自身".to_owned(),
                        "此处",
                        None,
                    ));
                }
                Some(i) if !cx.is_element_rule(i) => {
                    return Err(cx.error(
                        target,
                        format!(
                            "`not-within` 只能指向 element 类规则，`{}` 不是",
                            target.value
                        ),
                        "此处",
                        None,
                    ));
                }
                Some(i) => not_within.push(i),
                None => {
                    return Err(cx.error(
                        target,
                        format!("`not-within` 指向的规则 `{}` 不存在", target.value),
                        "未知的规则编号",
                        None,
                    ));
                }
            }
        }
        let max_depth = match &raw.max_depth {
            Some(d) if !(1..=5).contains(&d.value) => {
                return Err(cx.error(d, "`max-depth` 应在 1 到 5 之间".to_owned(), "此处", None));
            }
            Some(d) => d.value,
            None => 1,
        };
        let element = ElementCheck {
            headings: Matcher::compile_opt(raw.headings.as_ref(), cx)?,
            max_depth,
            cues: Matcher::compile_opt(raw.cues.as_ref(), cx)?,
            mentions: Matcher::compile_opt(raw.mentions.as_ref(), cx)?,
            not_within,
            leading: raw.leading,
            criteria: criteria::compile(&raw.criteria, cx)?,
            cited: match &raw.cited {
                Some(c) => Some(Cited {
                    pattern: cx.regex(&c.pattern)?,
                    before: cx.regex(&c.before)?,
                    message: c.message.clone(),
                }),
                None => None,
            },
        };
        if element.headings.is_empty()
            && element.cues.is_empty()
            && element.mentions.is_empty()
            && !element.leading
        {
            return Err(cx.error_here(
                "要素没有任何定位方式".to_owned(),
                "此处",
                Some(
                    "请至少给出 `headings`、`cues`、`mentions` 或 `leading: true` 之一".to_owned(),
                ),
            ));
        }
        Ok(element)
    }

    /// The criteria that compare with the report year (`year-ref`).
    fn needs_year(&self) -> Option<Vec<&str>> {
        let ids: Vec<&str> = self
            .criteria
            .iter()
            .filter(|c| matches!(c.kind, CriterionKind::YearRef { .. }))
            .map(|c| c.id.as_str())
            .collect();
        (!ids.is_empty()).then_some(ids)
    }

    fn matchers(&self) -> Vec<&Matcher> {
        let mut matchers = vec![&self.headings, &self.cues, &self.mentions];
        matchers.extend(self.criteria.iter().filter_map(|c| match &c.kind {
            CriterionKind::Count { matcher, .. } | CriterionKind::Density { matcher, .. } => {
                Some(matcher)
            }
            _ => None,
        }));
        matchers
    }
}

impl ElementKind for ElementCheck {
    /// Locate the element (a passage of placeholders only is not written yet), then
    /// judge it by its criteria.
    fn judge(&self, rule: &Rule, cx: &Judging<'_>) -> Verdict {
        let lx = Context {
            hay: cx.hay,
            outline: cx.outline,
            found: cx.found,
            other_cues: other_cues(cx.pack, cx.index),
        };
        let mut hit = self.locate(&lx);
        if self.leading {
            hit = self.leading_run(&lx, hit);
        }
        let hit = hit
            .filter(|f| !unfilled(cx.outline, cx.written, cx.hay.text, f))
            .or_else(|| self.by_citation(&lx));
        let (result, findings) = self.verdict(rule, &lx, hit, cx.year);
        Verdict {
            result,
            findings,
            found: hit,
        }
    }
}

impl ElementCheck {
    /// The element's line in the checklist and its findings: missing, weak when only cited
    /// or when a criterion fails, present otherwise.
    fn verdict(
        &self,
        rule: &Rule,
        cx: &Context<'_>,
        hit: Option<Found>,
        year: Option<i32>,
    ) -> (ElementResult, Vec<Finding>) {
        let Some(found) = hit else {
            let result = ElementResult {
                id: rule.id.clone(),
                rule: rule.full_id.clone(),
                status: Status::Missing,
                span: None,
                anchor: None,
                located: None,
                components: Vec::new(),
            };
            return (result, vec![missing(rule)]);
        };
        if let (Located::Cited, Some(cited)) = (found.how, &self.cited) {
            let finding = Finding {
                rule: rule.full_id.clone(),
                criterion: Some("cited".to_owned()),
                severity: Severity::Warning,
                message: format!("“{}”偏弱：{}", rule.title, cited.message),
                help: rule.help.clone(),
                span: Some(found.anchor),
                labels: Vec::new(),
                fingerprint: String::new(),
                fix: None,
                restyle: None,
            };
            let result = ElementResult {
                id: rule.id.clone(),
                rule: rule.full_id.clone(),
                status: Status::Weak,
                span: Some(found.span),
                anchor: Some(found.anchor),
                located: Some(found.how),
                components: Vec::new(),
            };
            return (result, vec![finding]);
        }
        let passage = ElementCheck::passage(cx, &found, year);
        let findings: Vec<Finding> = self
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
                    fix: None,
                    restyle: None,
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
            rule: rule.full_id.clone(),
            status,
            span: Some(found.span),
            anchor: Some(found.anchor),
            located: Some(found.how),
            components: Vec::new(),
        };
        (result, findings)
    }
}

/// The cues of the pack's other elements: a cue passage stops before them.
fn other_cues(pack: &Pack, me: usize) -> Vec<&Matcher> {
    pack.rules
        .iter()
        .enumerate()
        .filter(|(j, r)| *j != me && !r.disabled)
        .filter_map(|(_, r)| match &r.check {
            crate::check::Check::Element(e) if !e.cues.is_empty() => Some(&e.cues),
            _ => None,
        })
        .collect()
}

/// How an element was found, in Chinese, for the label of its findings.
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

/// Whether a found passage is not written yet: the first line of its section's own body
/// (or the whole passage, when it is no section) holds text, all of it placeholders.
fn unfilled(outline: &Outline, text: &str, blanked: &str, f: &Found) -> bool {
    let han = |s: &str| {
        s.chars()
            .any(|c| han_count(c.encode_utf8(&mut [0; 4])) == 1)
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
