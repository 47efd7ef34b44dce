//! `require`: a part of the document that must exist (the title, the 落款), or a phrase
//! that must appear in it (the title names 法治政府建设 and a year). Without `match`, the
//! finding is that the region is absent; with `match`, that the region lacks the phrase
//! (an absent region is left to the rule that requires it, so one defect is one finding).
//!
//! ```yaml
//! check:
//!   require: { in: title, match: '法治政府建设', what: '“法治政府建设”字样' }
//! ```

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Region, Scope};
use crate::pack::{Compiling, PackResult};
use crate::span::Span;

/// A `require` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawRequire {
    #[serde(rename = "in")]
    pub region: Region,
    #[serde(default, rename = "match")]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub what: Option<String>,
}

/// A compiled `require` check.
#[derive(Clone, Debug)]
pub struct RequireCheck {
    /// The region.
    pub region: Region,
    /// The phrase it must contain.
    pub pattern: Option<Regex>,
    /// What the phrase is, for messages.
    pub what: Option<String>,
}

impl Kind for RequireCheck {
    const NAME: &'static str = "require";
    const LABEL: &'static str = "必备内容";
    type Raw = RawRequire;

    fn compile(raw: &RawRequire, cx: &Compiling<'_>) -> PackResult<Self> {
        Ok(RequireCheck {
            region: raw.region,
            pattern: cx.opt_regex(raw.pattern.as_ref())?,
            what: raw.what.clone(),
        })
    }
}

impl DocumentKind for RequireCheck {
    /// One hit when the region or the phrase is missing.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let spans = cx.region(self.region);
        let Some(re) = &self.pattern else {
            return if spans.is_empty() {
                vec![self.absent(cx)]
            } else {
                Vec::new()
            };
        };
        let Some(&first) = spans.first() else {
            return Vec::new();
        };
        if spans.iter().any(|s| re.is_match(s.slice(cx.text()))) {
            return Vec::new();
        }
        let what = self
            .what
            .clone()
            .unwrap_or_else(|| format!("“{}”", re.as_str()));
        vec![Hit::at(
            Some(first),
            format!("{}中未见{what}", self.region.label()),
        )]
    }
}

impl RequireCheck {
    /// The finding for an absent region, pointing where it should have been.
    fn absent(&self, cx: &Scope<'_>) -> Hit {
        let text = cx.text();
        let o = cx.outline;
        let line = |s: Option<crate::span::Span>| {
            s.map(|s| {
                let t = s.slice(text);
                let t = t.lines().next().unwrap_or_default();
                (s, t.chars().take(20).collect::<String>())
            })
        };
        let first = line(
            o.paragraphs
                .first()
                .map(|p| p.span)
                .or(o.sections.first().map(|s| s.heading)),
        );
        let last = line(o.paragraphs.last().map(|p| p.span));
        match (self.region, first, last) {
            (Region::Title, Some((s, t)), _) => Hit::at(
                Some(Span::new(s.start, s.start + t.len())),
                format!("第一行“{t}”已是正文，前面没有标题"),
            ),
            (Region::Closing, _, Some((s, _))) => {
                let tail: String = {
                    let t = s.slice(text);
                    let chars: Vec<char> = t.chars().collect();
                    chars[chars.len().saturating_sub(20)..].iter().collect()
                };
                Hit::at(
                    Some(Span::new(s.end - tail.len(), s.end)),
                    format!("正文以“{tail}”结束，其后没有发文机关署名和成文日期"),
                )
            }
            _ => Hit::at(None, format!("未找到{}", self.region.label())),
        }
    }
}
