//! The rules of the 版记 (GB/T 9704-2012 7.4.1): a rule above its first entry and below
//! its last, as wide as the 版心 and 0.35 mm thick, and a thinner one (0.25 mm) between
//! the entries (抄送 and 印发). Word draws them as paragraph borders, on the entries
//! themselves or on empty paragraphs beside them; a rule typed as a line of dashes or
//! drawn as a shape counts as present (its width cannot be read).

use super::LayoutCheck;
use super::paragraphs::imprint;
use super::words::number;
use crate::check::scope::{Hit, Scope};
use crate::document::docx::{Layout, ParagraphLayout};
use crate::span::Span;

/// Millimetres in an eighth of a point (the unit of `w:pBdr` widths).
const MM_PER_EIGHTH: f64 = 25.4 / 72.0 / 8.0;

/// A rule as found: its width in eighths of a point, when it is a border.
#[derive(Clone, Copy)]
enum Found {
    Border(u32),
    Drawn,
}

impl LayoutCheck {
    /// The findings on the 版记's rules.
    pub(super) fn imprint_rules(&self, layout: &Layout, cx: &Scope<'_>) -> Vec<Hit> {
        let Some(rules) = &self.rules else {
            return Vec::new();
        };
        let all = &layout.paragraphs;
        let entries: Vec<usize> = imprint(layout, cx).collect();
        let (Some(&first), Some(&last)) = (entries.first(), entries.last()) else {
            return Vec::new();
        };
        let at = |i: usize| Some(Span::new(all[i].text.start, all[i].text.end));
        let mut hits = Vec::new();
        let mut check = |found: Option<Found>, which: &str, want: f64, i: usize| match found {
            None => hits.push(Hit::at(
                at(i),
                format!(
                    "版记没有{which}分隔线，应有一条 {} 毫米的分隔线",
                    number2(want)
                ),
            )),
            Some(Found::Border(w)) => {
                let mm = f64::from(w) * MM_PER_EIGHTH;
                if (mm - want).abs() > rules.tolerance + 1e-9 {
                    hits.push(Hit::at(
                        at(i),
                        format!(
                            "版记{which}分隔线粗 {} 毫米，应为 {} 毫米 ±{}",
                            number2(mm),
                            number2(want),
                            number2(rules.tolerance)
                        ),
                    ));
                }
            }
            Some(Found::Drawn) => {}
        };
        check(above(all, first), "首条", rules.outer, first);
        check(below(all, last), "末条", rules.outer, last);
        // Between entries: a rule under one entry, over the next, or on an empty
        // paragraph between them. Only entries of different kinds (抄送 → 印发) need one.
        for pair in entries.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if !starts_entry(&cx_text(cx, all, b)) {
                continue;
            }
            let between = (a..=b).find_map(|i| {
                let p = &all[i];
                let bottom = (i < b).then_some(p.border_bottom).flatten();
                let top = (i > a).then_some(p.border_top).flatten();
                bottom
                    .or(top)
                    .map(Found::Border)
                    .or_else(|| (i > a && i < b && p.rule).then_some(Found::Drawn))
            });
            check(between, "中间的", rules.inner, b);
        }
        hits
    }
}

/// The text of paragraph `i`.
fn cx_text(cx: &Scope<'_>, all: &[ParagraphLayout], i: usize) -> String {
    cx.hay
        .text
        .get(all[i].text.clone())
        .unwrap_or("")
        .trim()
        .to_owned()
}

/// An entry that a rule separates from the one before: a 印发 line after 抄送 lines.
fn starts_entry(text: &str) -> bool {
    !text.starts_with("抄送") && text.contains("印发")
}

/// The rule above paragraph `i`: its top border, or the bottom border or drawn line of
/// the paragraphs just above it that hold no text.
fn above(all: &[ParagraphLayout], i: usize) -> Option<Found> {
    beside(all[i].border_top, all[..i].iter().rev(), |p| {
        p.border_bottom
    })
}

/// The rule below paragraph `i`, likewise.
fn below(all: &[ParagraphLayout], i: usize) -> Option<Found> {
    beside(all[i].border_bottom, all[i + 1..].iter(), |p| p.border_top)
}

/// A paragraph's own border on one side (`own`), else the first of `neighbours` (going
/// away from it) with a border facing it (`facing`) or drawing a line (a shape, or
/// dashes typed as text), up to the first paragraph with text.
fn beside<'a>(
    own: Option<u32>,
    neighbours: impl Iterator<Item = &'a ParagraphLayout>,
    facing: impl Fn(&ParagraphLayout) -> Option<u32>,
) -> Option<Found> {
    if let Some(w) = own {
        return Some(Found::Border(w));
    }
    for p in neighbours {
        if let Some(w) = facing(p) {
            return Some(Found::Border(w));
        }
        if p.rule {
            return Some(Found::Drawn);
        }
        if !p.runs.is_empty() {
            break;
        }
    }
    None
}

/// Millimetres with two decimals, without trailing zeros.
fn number2(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() {
        number(0.0)
    } else {
        s.to_owned()
    }
}
