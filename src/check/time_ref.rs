//! `time-ref`: references that are only right at certain times, keyed to the report
//! year Y and the 成文日期 (domain brief §4). Each reference may carry:
//!
//! - `valid-from` — the date it first existed (习近平法治思想, 2020-11-16). Citing it in
//!   a report written before that date is an anachronism. Without a 成文日期 the report
//!   is taken as written by the end of April of Y+1 (the latest usual date), so the rule
//!   errs towards silence.
//! - `in-force-from` — the date a law or regulation took effect; applying it to the
//!   work of a year that ended before that is an anachronism (studying it before it
//!   takes effect is not: see `before`).
//! - `current-until` — the last report year for which it is the current reference
//!   (七五普法 → 2020). Citing it in a later report is dated.
//! - `before` — for `in-force-from` and `current-until`: the reference counts only
//!   where this matches the text before it in its sentence (`按照`, `依据`), i.e. where
//!   it is used as the basis of the work. A historical mention
//!   (`《纲要（2015—2020年）》实施5年来`) or study ahead of time is not.
//! - `unless` — a sentence matching it is left alone (`原法制办`).
//!
//! `lists` declares enumerations that share a head and a tail (`二十届二中、三中、四中全会`):
//! the pattern marks them with the groups `head`, `members` and `tail`, and `member` one
//! member; each member is checked as if written in full (`二十届四中全会`), and a finding
//! points at the member.
//!
//! ```yaml
//! check:
//!   time-ref:
//!     refs:
//!       - name: 习近平法治思想
//!         match: 习近平法治思想
//!         valid-from: 2020-11-16
//!     lists:
//!       - match: '(?P<head>二十届)(?P<members>(?:[一二三四五六七]中[、和]\s*)+[一二三四五六七]中)(?P<tail>全会)'
//!         member: '[一二三四五六七]中'
//! ```

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope, date_label, sentence_around};
use crate::outline::date::Date;
use crate::pack::{Compiling, PackResult};
use crate::span::Span;

/// A `time-ref` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawTimeRef {
    pub refs: Vec<RawReference>,
    #[serde(default)]
    pub lists: Vec<RawList>,
}

/// An enumeration written with a shared head and tail (`二十届二中、三中、四中全会`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawList {
    /// The whole list, with groups `head`, `members` and `tail`.
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    /// One member within `members`.
    pub member: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawReference {
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

/// A compiled `time-ref` check.
#[derive(Clone, Debug)]
pub struct TimeRefCheck {
    /// The references.
    pub refs: Vec<Reference>,
    /// Enumerations whose members are checked as if written in full.
    pub lists: Vec<Enumeration>,
}

/// An enumeration with a shared head and tail.
#[derive(Clone, Debug)]
pub struct Enumeration {
    /// The whole list, with groups `head`, `members` and `tail`.
    pub whole: Regex,
    /// One member.
    pub member: Regex,
}

impl Enumeration {
    /// Each member of each list in `span`: its span and its text written in full.
    fn members(&self, text: &str, span: Span) -> Vec<(Span, String)> {
        let mut out = Vec::new();
        for c in self.whole.captures_iter(span.slice(text)) {
            let (Some(head), Some(members), Some(tail)) =
                (c.name("head"), c.name("members"), c.name("tail"))
            else {
                continue;
            };
            for m in self.member.find_iter(members.as_str()) {
                let start = span.start + members.start() + m.start();
                out.push((
                    Span::new(start, start + m.len()),
                    format!("{}{}{}", head.as_str(), m.as_str(), tail.as_str()),
                ));
            }
        }
        out
    }
}

/// One time-bound reference.
#[derive(Clone, Debug)]
pub struct Reference {
    /// Its name, for messages.
    pub name: String,
    /// How it is written.
    pub regex: Regex,
    /// Text that must come before it in its sentence for `current-until` to apply.
    pub before: Option<Regex>,
    /// A sentence matching this is left alone.
    pub unless: Option<Regex>,
    /// First day it existed.
    pub valid_from: Option<Date>,
    /// First day it was in force.
    pub in_force_from: Option<Date>,
    /// Last report year it is current for.
    pub current_until: Option<i32>,
    /// What replaced it, or other context for the message.
    pub note: Option<String>,
}

/// Bytes of sentence before a match that `before` looks at (about 20 characters).
const BEFORE_WINDOW: usize = 60;

impl Kind for TimeRefCheck {
    const NAME: &'static str = "time-ref";
    const LABEL: &'static str = "时效提法";
    type Raw = RawTimeRef;

    fn compile(raw: &RawTimeRef, cx: &Compiling<'_>) -> PackResult<Self> {
        cx.nonempty(&raw.refs, "refs")?;
        let mut refs = Vec::new();
        for r in &raw.refs {
            let reference = Reference {
                name: r.name.clone(),
                regex: cx.regex(&r.pattern)?,
                before: cx.opt_regex(r.before.as_ref())?,
                unless: cx.opt_regex(r.unless.as_ref())?,
                valid_from: r.valid_from.as_ref().map(|d| date(cx, d)).transpose()?,
                in_force_from: r.in_force_from.as_ref().map(|d| date(cx, d)).transpose()?,
                current_until: r.current_until.as_ref().map(|y| y.value),
                note: r.note.clone(),
            };
            if reference.valid_from.is_none()
                && reference.in_force_from.is_none()
                && reference.current_until.is_none()
            {
                return Err(cx.error(
                    &r.pattern,
                    format!("引用“{}”没有时间条件", r.name),
                    "此引用",
                    Some("请给出 `valid-from`、`in-force-from` 或 `current-until`".to_owned()),
                ));
            }
            refs.push(reference);
        }
        let mut lists = Vec::new();
        for l in &raw.lists {
            let whole = cx.regex(&l.pattern)?;
            let names: Vec<&str> = whole.capture_names().flatten().collect();
            if let Some(missing) = ["head", "members", "tail"]
                .into_iter()
                .find(|g| !names.contains(g))
            {
                return Err(cx.error(
                    &l.pattern,
                    format!("列举写法缺少命名分组 `(?P<{missing}>…)`"),
                    "此写法",
                    Some("列举写法要用 head、members、tail 三个命名分组标出共同的开头、各项和共同的结尾".to_owned()),
                ));
            }
            lists.push(Enumeration {
                whole,
                member: cx.regex(&l.member)?,
            });
        }
        Ok(TimeRefCheck { refs, lists })
    }

    fn needs_year(&self) -> Option<Vec<&str>> {
        Some(Vec::new())
    }
}

/// A date written `2020-11-16` or `2020-11` (the first of the month).
fn date(cx: &Compiling<'_>, s: &Spanned<String>) -> PackResult<Date> {
    let parts: Vec<&str> = s.value.trim().split('-').collect();
    let num = |i: usize, default: u32| -> Option<u32> {
        parts.get(i).map_or(Some(default), |p| p.parse().ok())
    };
    let date = (|| {
        if parts.len() > 3 || parts[0].len() != 4 {
            return None;
        }
        let (year, month, day) = (num(0, 0)? as i32, num(1, 1)?, num(2, 1)?);
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    })();
    date.ok_or_else(|| {
        cx.error(
            s,
            format!("日期 `{}` 无法识别", s.value),
            "此处",
            Some("请写作 `2020-11-16` 或 `2020-11`".to_owned()),
        )
    })
}

impl DocumentKind for TimeRefCheck {
    /// Every out-of-time reference, in text order.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let Some(year) = cx.year else {
            return Vec::new();
        };
        let text = cx.text();
        let body = cx.outline.body;
        let written = cx.written();
        let mut hits = Vec::new();
        let members: Vec<(Span, String)> = self
            .lists
            .iter()
            .flat_map(|l| l.members(text, body))
            .collect();
        for r in &self.refs {
            let written_out = r.regex.find_iter(body.slice(text)).map(|m| {
                let span = Span::new(body.start + m.start(), body.start + m.end());
                (span, span.slice(text).to_owned())
            });
            let listed = members
                .iter()
                .filter(|(_, full)| r.regex.is_match(full))
                .cloned();
            let mut seen: Vec<Span> = Vec::new();
            for (span, quoted) in written_out.chain(listed) {
                if seen
                    .iter()
                    .any(|s| s.start < span.end && span.start < s.end)
                {
                    continue;
                }
                seen.push(span);
                let sentence = sentence_around(text, span);
                if r.unless
                    .as_ref()
                    .is_some_and(|u| u.is_match(sentence.slice(text)))
                {
                    continue;
                }
                let judged = r.judge(text, (span, &quoted), sentence, year, written.map(|w| w.0));
                if let Some(message) = judged {
                    let mut hit = Hit::at(Some(span), message);
                    if let Some((_, at)) = written {
                        hit = hit.label(at, "成文日期");
                    }
                    hits.push(hit);
                }
            }
        }
        hits.sort_by_key(|h| h.span);
        hits
    }
}

impl Reference {
    /// `at` is where the reference stands and how it reads in full.
    fn judge(
        &self,
        text: &str,
        at: (Span, &str),
        sentence: Span,
        year: i32,
        written: Option<Date>,
    ) -> Option<String> {
        let (span, quoted) = at;
        let what = if quoted == self.name {
            format!("“{quoted}”")
        } else {
            format!("“{quoted}”（{}）", self.name)
        };
        let note = self
            .note
            .as_ref()
            .map_or_else(String::new, |n| format!("；{n}"));
        if let Some(from) = self.valid_from {
            let (date, how) = match written {
                Some(d) => (d, format!("本报告成文于{}", date_label(d))),
                None => (
                    Date {
                        year: year + 1,
                        month: 4,
                        day: 30,
                    },
                    format!(
                        "本报告为{year}年度报告，未见成文日期，按最迟{}年4月底成文推算",
                        year + 1
                    ),
                ),
            };
            if date < from {
                return Some(format!("{what}始于{}，{how}{note}", date_label(from)));
            }
        }
        let as_basis = || {
            let mut start = sentence.start.max(span.start.saturating_sub(BEFORE_WINDOW));
            while !text.is_char_boundary(start) {
                start += 1;
            }
            self.before
                .as_ref()
                .is_none_or(|b| b.is_match(&text[start..span.start]))
        };
        if let Some(from) = self.in_force_from
            && year < from.year
            && as_basis()
        {
            return Some(format!(
                "{}自{}起施行，不能适用于{year}年度的工作{note}",
                self.name,
                date_label(from)
            ));
        }
        if let Some(until) = self.current_until
            && year > until
            && as_basis()
        {
            return Some(format!(
                "本报告为{year}年度报告，{what}只适用到{until}年度{note}"
            ));
        }
        None
    }
}
