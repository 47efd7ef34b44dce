//! `subject`: the 报告主体 must be the same throughout — in the title, in the 落款 and in
//! the report's references to itself (`我街道`, `我局`). The pack's `units` say how each
//! type of unit is named (`…街道办事处`, `…局`) and refers to itself, and which other
//! units' self-references it may use (a 街道 report may say `我市`). A report whose
//! title names a 街道 but that speaks of `我局` was most likely copied from another
//! unit's report. Without a title or 落款, the self-reference used most sets the
//! subject.
//!
//! ```yaml
//! units:
//!   - { id: township, name: 乡镇（街道）, match: '(街道|镇|乡)(办事处)?$', self-ref: '我(街道|镇|乡)' }
//! rules:
//!   - id: subject-consistency
//!     check: { subject: { self-refs: true } }
//! ```

use serde::Deserialize;
use std::sync::LazyLock;

use regex::Regex;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::outline::Outline;
use crate::pack::Unit;
use crate::pack::{Compiling, PackResult};
use crate::span::Span;

/// A `subject` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawSubject {
    /// Also compare the report's references to itself (`我街道`).
    #[serde(default = "yes")]
    pub self_refs: bool,
}

fn yes() -> bool {
    true
}

/// A compiled `subject` check.
#[derive(Clone, Copy, Debug, Default)]
pub struct SubjectCheck {
    /// Also compare the report's references to itself.
    pub self_refs: bool,
}

static TITLE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)^(?:中共)?(.*?)\s*(?:关于|(?:19|20)\d{2}\s*年|法治政府)").expect("valid regex")
});
static AFTER_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:19|20)\d{2}\s*年度?\s*(.*?)\s*(?:法治政府|关于)").expect("valid regex")
});

/// The subject named in the title (`海安市海安街道`), with its span. Of a title over
/// several lines, the lines before `关于……` or the year name it (`中共青山街道工作委员会
/// 青山街道办事处` over `关于2024年度……的报告`).
pub fn title_subject(text: &str, outline: &Outline) -> Option<Span> {
    let title = outline.title.as_ref()?.span;
    let s = title.slice(text);
    let c = TITLE_SUBJECT
        .captures(s)
        .filter(|c| !c[1].trim().is_empty())
        .or_else(|| AFTER_YEAR.captures(s))?;
    let m = c.get(1)?;
    (!m.as_str().trim().is_empty())
        .then(|| Span::new(title.start + m.start(), title.start + m.end()))
}

/// The issuer named in the 落款, with its span — of a joint 落款 (党委 on one line,
/// 政府 on the next), the last line.
pub fn issuer_name<'a>(text: &'a str, outline: &Outline) -> Option<(Span, &'a str)> {
    let span = outline.closing.as_ref()?.issuer?;
    let last = span.slice(text).lines().last()?.trim();
    (!last.is_empty()).then_some((span, last))
}

impl SubjectCheck {
    /// Self-references of another kind within the subject's own type (`我镇` in a
    /// 街道 report), where the pack names the kinds.
    fn variant_hits(
        &self,
        cx: &Scope<'_>,
        own: &Unit,
        title: Option<(Span, usize)>,
        issuer: Option<(Span, usize)>,
    ) -> Vec<Hit> {
        let text = cx.text();
        let Some(own_ref) = &own.self_ref else {
            return Vec::new();
        };
        let name = title
            .map(|t| t.0.slice(text))
            .or_else(|| issuer.map(|i| i.0.slice(text)))
            .map(|n| n.split_whitespace().last().unwrap_or(n));
        let Some(kind) = name.and_then(|n| own.variants.iter().find(|v| v.matcher.is_match(n)))
        else {
            return Vec::new();
        };
        let body = cx.outline.body;
        let foreign: Vec<Span> = own_ref
            .find_iter(body.slice(text))
            .filter(|m| !kind.self_ref.is_match(m.as_str()))
            .map(|m| Span::new(body.start + m.start(), body.start + m.end()))
            .collect();
        let Some(&first) = foreign.first() else {
            return Vec::new();
        };
        let mut hit = Hit::at(
            Some(first),
            format!(
                "本报告的报告主体是{}，正文却以“{}”自称（共 {} 处）",
                kind.name,
                first.slice(text),
                foreign.len()
            ),
        );
        for s in foreign.iter().skip(1).take(4) {
            hit = hit.label(*s, "同样的自称");
        }
        vec![hit]
    }
}

/// The first unit type whose name pattern matches `name` — of a joint name
/// (`北京市委 北京市人民政府`), the last.
pub fn recognise(units: &[Unit], name: &str) -> Option<usize> {
    let name = name.split_whitespace().last()?;
    units.iter().position(|u| u.matcher.is_match(name))
}

impl Kind for SubjectCheck {
    const NAME: &'static str = "subject";
    const LABEL: &'static str = "报告主体";
    type Raw = RawSubject;

    fn compile(raw: &RawSubject, cx: &Compiling<'_>) -> PackResult<Self> {
        if cx.units().is_empty() {
            return Err(cx.error_here(
                "`subject` 检查需要规则包定义 `units`".to_owned(),
                "此处",
                None,
            ));
        }
        Ok(SubjectCheck {
            self_refs: raw.self_refs,
        })
    }
}

impl DocumentKind for SubjectCheck {
    /// A hit for a title/落款 mismatch, and one per foreign self-reference.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let text = cx.text();
        let units = cx.units;
        let mut hits = Vec::new();
        let title = title_subject(text, cx.outline)
            .and_then(|s| Some((s, recognise(units, s.slice(text))?)));
        let issuer =
            issuer_name(text, cx.outline).and_then(|(s, name)| Some((s, recognise(units, name)?)));
        if let (Some((ts, tu)), Some((is, iu))) = (title, issuer)
            && tu != iu
        {
            hits.push(
                Hit::at(
                    Some(is),
                    format!(
                        "标题中的报告主体“{}”是{}，落款“{}”却是{}",
                        ts.slice(text).trim(),
                        units[tu].name,
                        is.slice(text).trim(),
                        units[iu].name
                    ),
                )
                .label(ts, "标题中的报告主体"),
            );
        }
        if !self.self_refs {
            return hits;
        }
        // Self-references, by unit type.
        let body = cx.outline.body;
        let mut refs: Vec<(usize, Vec<Span>)> = Vec::new();
        for (i, u) in units.iter().enumerate() {
            let Some(re) = &u.self_ref else { continue };
            let found: Vec<Span> = re
                .find_iter(body.slice(text))
                .map(|m| Span::new(body.start + m.start(), body.start + m.end()))
                .collect();
            if !found.is_empty() {
                refs.push((i, found));
            }
        }
        let subject = title
            .map(|t| t.1)
            .or(issuer.map(|i| i.1))
            .or(cx.unit.map(|u| u.0))
            .or_else(|| refs.iter().max_by_key(|(_, f)| f.len()).map(|r| r.0));
        let Some(subject) = subject else {
            return hits;
        };
        let own = &units[subject];
        hits.extend(self.variant_hits(cx, own, title, issuer));
        // What the subject itself may say (`我办` of a 街道办事处) is never foreign.
        let own_spans: Vec<Span> = refs
            .iter()
            .filter(|(i, _)| *i == subject)
            .flat_map(|(_, f)| f.iter().copied())
            .collect();
        for (i, found) in &refs {
            if *i == subject || own.may_mention.contains(i) {
                continue;
            }
            let found: Vec<Span> = found
                .iter()
                .copied()
                .filter(|s| !own_spans.iter().any(|o| o.start < s.end && s.start < o.end))
                .collect();
            let Some(&first) = found.first() else {
                continue;
            };
            let mut hit = Hit::at(
                Some(first),
                format!(
                    "本报告的报告主体是{}，正文却以“{}”自称（共 {} 处），像是{}的说法",
                    own.name,
                    first.slice(text),
                    found.len(),
                    units[*i].name
                ),
            );
            for s in found.iter().skip(1).take(4) {
                hit = hit.label(*s, "同样的自称");
            }
            hits.push(hit);
        }
        hits
    }
}
