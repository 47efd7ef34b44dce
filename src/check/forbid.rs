//! `forbid`: text that must not be there — unfilled placeholders (`XX市`, `*次`),
//! template-site residue (`小编`, `供大家参考`), known confusions (`公式平台` for
//! `公示平台`). Every match is a finding that quotes it and, where the pack gives a
//! `fix`, the correction. A named group `hit` narrows the reported span (a pattern may
//! consume a neighbouring character to tell `范文` from `示范文件`); `unless` drops a
//! match whose sentence matches it.
//!
//! A `fix` replaces exactly the reported span (the `hit` group, else the whole match),
//! with `$1`-style references to the match's groups. `safety: safe` marks it certain
//! (a confusable word: `reportlint fix` and `annotate --fix` apply it); without it a fix
//! is `unsafe`, applied only with `--unsafe-fixes`: a pack author says so when a fix
//! is certain, not the other way round.
//!
//! ```yaml
//! check:
//!   forbid:
//!     in: body
//!     what: 易混淆词
//!     patterns:
//!       - { match: '公式(平台|栏)', fix: '公示$1', safety: safe }
//! ```

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Region, Scope, sentence_around};
use crate::pack::{Compiling, PackResult};
use crate::report::{Fix, Safety};
use crate::span::Span;

/// A `forbid` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawForbid {
    #[serde(default, rename = "in")]
    pub region: Region,
    pub what: String,
    pub patterns: Vec<RawForbidPattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawForbidPattern {
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub fix: Option<String>,
    #[serde(default)]
    pub safety: Option<Spanned<Safety>>,
    #[serde(default)]
    pub unless: Option<Spanned<String>>,
}

/// A compiled `forbid` check.
#[derive(Clone, Debug)]
pub struct ForbidCheck {
    /// Where to look.
    pub region: Region,
    /// What such text is (`模板占位符`), for messages.
    pub what: String,
    /// The patterns.
    pub patterns: Vec<ForbidPattern>,
}

/// One forbidden pattern.
#[derive(Clone, Debug)]
pub struct ForbidPattern {
    /// What to find.
    pub regex: Regex,
    /// The correction of the reported span, with `$1`-style references to the match's
    /// groups.
    pub fix: Option<String>,
    /// Whether the correction is certain (`unsafe` unless the pack says `safe`).
    pub safety: Safety,
    /// A sentence matching this is left alone.
    pub unless: Option<Regex>,
}

impl Kind for ForbidCheck {
    const NAME: &'static str = "forbid";
    const LABEL: &'static str = "禁用写法";
    type Raw = RawForbid;

    fn compile(raw: &RawForbid, cx: &Compiling<'_>) -> PackResult<Self> {
        cx.nonempty(&raw.patterns, "patterns")?;
        let patterns = raw
            .patterns
            .iter()
            .map(|p| {
                if let (None, Some(safety)) = (&p.fix, &p.safety) {
                    return Err(cx.error(
                        safety,
                        "没有 fix 的写法不能标注 safety".to_owned(),
                        "此处",
                        Some("写出修正后的文字（fix），或删去 safety".to_owned()),
                    ));
                }
                Ok(ForbidPattern {
                    regex: cx.regex(&p.pattern)?,
                    fix: p.fix.clone(),
                    safety: p.safety.as_ref().map_or(Safety::Unsafe, |s| s.value),
                    unless: cx.opt_regex(p.unless.as_ref())?,
                })
            })
            .collect::<PackResult<Vec<_>>>()?;
        Ok(ForbidCheck {
            region: raw.region,
            what: raw.what.clone(),
            patterns,
        })
    }
}

impl DocumentKind for ForbidCheck {
    /// Every forbidden match, in text order.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let text = cx.text();
        // Hits by start; their spans are disjoint, so a new match overlaps one only if it
        // overlaps the last that starts before it ends.
        let mut hits: std::collections::BTreeMap<usize, (usize, Hit)> =
            std::collections::BTreeMap::new();
        for region in cx.region(self.region) {
            let s = region.slice(text);
            for p in &self.patterns {
                for caps in p.regex.captures_iter(s) {
                    let m = caps.name("hit").or_else(|| caps.get(0)).expect("match");
                    if m.is_empty() {
                        continue;
                    }
                    let span = Span::new(region.start + m.start(), region.start + m.end());
                    if hits
                        .range(..span.end)
                        .next_back()
                        .is_some_and(|(_, (end, _))| span.start < *end)
                    {
                        continue;
                    }
                    if let Some(unless) = &p.unless
                        && unless.is_match(sentence_around(text, span).slice(text))
                    {
                        continue;
                    }
                    let found = m.as_str();
                    let hit = match &p.fix {
                        Some(fix) => {
                            let mut fixed = String::new();
                            caps.expand(fix, &mut fixed);
                            let message = format!("“{found}”应为“{fixed}”（{}）", self.what);
                            let mut hit = Hit::at(Some(span), message);
                            if fixed != found {
                                hit.fix = Some(Fix {
                                    span,
                                    replacement: fixed,
                                    safety: p.safety,
                                });
                            }
                            hit
                        }
                        None => Hit::at(Some(span), format!("发现{}“{found}”", self.what)),
                    };
                    hits.insert(span.start, (span.end, hit));
                }
            }
        }
        hits.into_values().map(|(_, h)| h).collect()
    }
}
