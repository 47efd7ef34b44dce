//! `structure`: the numbering and layout of headings (GB/T 9704-2012 §7.3.3), one
//! `flag` per rule so that each defect has its own rule id:
//!
//! - `numbering` — siblings that skip a number (`一、` then `三、`), repeat one, or go
//!   back; a first sibling that does not start at 1. Level-3 and deeper numbers may run
//!   on across parent sections (1. 2. under （一）, 3. under （二）), as real reports do.
//! - `marker-form` — markers with broken punctuation (`一）`, `一.`, `1)`), with the
//!   standard form to use.
//! - `merged` — a heading marker stuck to the end of the previous paragraph
//!   (`…执政为民的水平。 3.强化规范性文件管理。`).
//! - `stray` — lines with no text (a lone `|` left by copying from a web page).
//!
//! ```yaml
//! check:
//!   structure: { flag: numbering }
//! ```

use serde::Deserialize;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::outline::marker::MarkerForm;
use crate::outline::{Outline, Section};
use crate::pack::{Compiling, PackResult};

/// What a `structure` rule looks at.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum StructureFlag {
    /// Siblings numbered with a gap, twice, or backwards.
    Numbering,
    /// Markers with broken punctuation.
    MarkerForm,
    /// A marker stuck to the end of the previous paragraph.
    Merged,
    /// Lines with no text.
    Stray,
}

/// A `structure` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawStructure {
    pub flag: StructureFlag,
}

/// A compiled `structure` check.
#[derive(Clone, Copy, Debug)]
pub struct StructureCheck {
    /// What it flags.
    pub flag: StructureFlag,
}

impl Kind for StructureCheck {
    const NAME: &'static str = "structure";
    const LABEL: &'static str = "编号版式";
    type Raw = RawStructure;

    fn compile(raw: &RawStructure, _: &Compiling<'_>) -> PackResult<Self> {
        Ok(StructureCheck { flag: raw.flag })
    }
}

impl DocumentKind for StructureCheck {
    /// Every defect of the flagged kind.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let text = cx.text();
        let o = cx.outline;
        match self.flag {
            StructureFlag::Numbering => numbering(o, text),
            StructureFlag::MarkerForm => decimal(o, text)
                .into_iter()
                .chain(
                    o.sections
                        .iter()
                        .filter(|s| s.form == MarkerForm::Malformed)
                        .map(|s| {
                            Hit::at(
                                Some(s.marker),
                                format!(
                                    "序号“{}”标点不规范，第{}层序号应写作“{}”",
                                    s.marker.slice(text).trim(),
                                    s.level,
                                    standard(s.level, s.number)
                                ),
                            )
                        }),
                )
                .collect(),
            StructureFlag::Merged
                if o.sections.iter().filter(|s| s.merged).count() > MAX_MERGED =>
            {
                lost_line_breaks(o, text).into_iter().collect()
            }
            StructureFlag::Merged => o
                .sections
                .iter()
                .filter(|s| s.merged)
                .map(|s| {
                    Hit::at(
                        Some(s.marker),
                        format!(
                            "标题序号“{}”接在上一段末尾，没有另起一段",
                            s.marker.slice(text).trim()
                        ),
                    )
                })
                .collect(),
            StructureFlag::Stray => o
                .stray
                .iter()
                .map(|&s| {
                    Hit::at(
                        Some(s),
                        format!("“{}”独占一行，没有文字，疑为转载残留", s.slice(text).trim()),
                    )
                })
                .collect(),
        }
    }
}

/// More headings than this run on from the paragraph before them: the text lost its
/// line breaks, one finding says so.
const MAX_MERGED: usize = 3;

fn lost_line_breaks(o: &Outline, text: &str) -> Option<Hit> {
    let merged: Vec<&Section> = o.sections.iter().filter(|s| s.merged).collect();
    let first = merged.first()?;
    let mut hit = Hit::at(
        Some(first.marker),
        format!(
            "共 {} 个标题（如“{}”）接在上一段末尾，没有另起一段；全文疑似丢失了换行，请按标题和段落重新分段",
            merged.len(),
            first.marker.slice(text).trim()
        ),
    );
    for s in merged.iter().skip(1).take(4) {
        hit = hit.label(s.marker, "同样接在上一段末尾");
    }
    Some(hit)
}

/// One hit for headings numbered `1`, `1.1`, `1.1.1` (one numbering system, not one
/// slip per heading), at the first of them.
fn decimal(o: &Outline, text: &str) -> Option<Hit> {
    let found: Vec<&Section> = o
        .sections
        .iter()
        .filter(|s| s.form == MarkerForm::Decimal)
        .collect();
    let first = found.first()?;
    let mut hit = Hit::at(
        Some(first.marker),
        format!(
            "标题用多级数字编号（如“{}”，共 {} 处），各层序号应依次写作“一、”“（一）”“1.”“（1）”",
            first.marker.slice(text),
            found.len()
        ),
    );
    for s in found.iter().skip(1).take(4) {
        hit = hit.label(s.marker, "同样的编号");
    }
    Some(hit)
}

/// The standard marker for a level and number: `三、`, `（三）`, `3.`, `（3）`, `③`.
pub fn standard(level: u8, number: u32) -> String {
    let cn = crate::outline::marker::chinese_numeral(number);
    match level {
        1 => format!("{cn}、"),
        2 => format!("（{cn}）"),
        3 => format!("{number}."),
        4 => format!("（{number}）"),
        _ => char::from_u32(0x2460 + number.clamp(1, 20) - 1)
            .map_or_else(|| format!("({number})"), String::from),
    }
}

fn numbering(o: &Outline, text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    // Last number seen at each level in the whole document, for run-on numbering.
    let mut last_at_level = [0u32; 6];
    for (i, s) in o.sections.iter().enumerate() {
        let prev = o.sections[..i]
            .iter()
            .rev()
            .find(|p| p.level == s.level && p.parent == s.parent);
        let expected = match prev {
            Some(p) => p.number + 1,
            None => 1,
        };
        let run_on =
            prev.is_none() && s.level >= 3 && s.number == last_at_level[s.level as usize] + 1;
        if s.number != expected && !run_on {
            hits.push(gap(s, prev, expected, text));
        }
        last_at_level[s.level as usize] = s.number;
    }
    hits
}

fn gap(s: &Section, prev: Option<&Section>, expected: u32, text: &str) -> Hit {
    let marker = s.marker.slice(text).trim();
    let want = standard(s.level, expected);
    let message = match prev {
        Some(p) if s.number == p.number => {
            format!("序号“{marker}”与上一个同级标题重复，应为“{want}”")
        }
        Some(p) if s.number < p.number => {
            format!(
                "序号“{marker}”排在“{}”之后，顺序颠倒",
                p.marker.slice(text).trim()
            )
        }
        Some(p) => format!(
            "序号“{}”之后是“{marker}”，缺少“{want}”",
            p.marker.slice(text).trim()
        ),
        None => format!("本层第一个序号是“{marker}”，应从“{want}”开始"),
    };
    let hit = Hit::at(Some(s.marker), message);
    match prev {
        Some(p) => hit.label(p.marker, "上一个同级序号"),
        None => hit,
    }
}
