//! The `layout` checks of paragraphs: which paragraphs a target means, and their font,
//! size, alignment, first-line indent, line spacing and colour.

use super::words::{align_label, color_label, fonts, number, points, same_color, same_font};
use super::{LayoutCheck, Target};
use crate::check::scope::{Hit, Scope};
use crate::document::docx::{Layout, LineSpacing, ParagraphLayout, RunLayout};
use crate::outline::PartKind;
use crate::report::{Change, ParagraphSetup, Restyle};
use crate::span::Span;

impl LayoutCheck {
    /// The findings on the paragraphs of the rule's target.
    pub(super) fn paragraph_hits(&self, layout: &Layout, cx: &Scope<'_>) -> Vec<Hit> {
        let paragraphs = self.paragraphs(layout, cx);
        let what = self.target.label(self.level);
        let mut hits = Vec::new();
        if !self.font.is_empty() {
            hits.extend(self.grouped(
                &paragraphs,
                |p| {
                    let font = dominant(p, |r| r.font.clone())?;
                    match font {
                        Some(f) if self.font.iter().any(|a| same_font(a, &f)) => None,
                        Some(f) => Some(format!("{what}字体为“{f}”")),
                        None => Some(format!("{what}未指定中文字体（Word 按默认字体显示）")),
                    }
                },
                &format!("应为{}", fonts(&self.font)),
                ParagraphSetup {
                    font: self.font.first().cloned(),
                    ..ParagraphSetup::default()
                },
            ));
        }
        if let Some(size) = self.size {
            hits.extend(self.grouped(
                &paragraphs,
                |p| {
                    let found = f64::from(p.size()?) / 2.0;
                    ((found - size).abs() > 0.25).then(|| format!("{what}字号为 {}", points(found)))
                },
                &format!("应为 {}", points(size)),
                ParagraphSetup {
                    size: Some(half_points(size)),
                    ..ParagraphSetup::default()
                },
            ));
        }
        if let Some(align) = &self.align
            && self.target == Target::Closing
            && align == "right"
        {
            // The 落款 stands on the right however it was put there.
            let width = text_width(layout);
            hits.extend(self.grouped(
                &paragraphs,
                |p| {
                    let line = cx.hay.text.get(p.text.clone()).unwrap_or("");
                    (!stands_right(p, line, width))
                        .then(|| format!("{what}{}", align_label(&p.align)))
                },
                "应在右侧（右对齐，或缩进到右侧）",
                ParagraphSetup::default(),
            ));
        } else if let Some(align) = &self.align {
            hits.extend(self.grouped(
                &paragraphs,
                |p| {
                    (!p.runs.is_empty() && p.align != *align)
                        .then(|| format!("{what}{}", align_label(&p.align)))
                },
                &format!("应为{}", align_label(align)),
                ParagraphSetup {
                    align: Some(align.clone()),
                    // A centred or right-aligned line has no first-line indent.
                    first_line_chars: matches!(align.as_str(), "center" | "right").then_some(0),
                    ..ParagraphSetup::default()
                },
            ));
        }
        if let Some(chars) = self.first_line_chars {
            let addressee = cx.outline.addressee;
            hits.extend(self.grouped(
                &paragraphs,
                |p| {
                    if addressee.is_some_and(|a| {
                        a.start >= p.text.start && a.start < p.text.end.max(p.text.start + 1)
                    }) {
                        return None;
                    }
                    let found = indent_chars(p)?;
                    ((found - chars).abs() > 0.25)
                        .then(|| format!("{what}首行缩进为 {} 字符", number(found)))
                },
                &format!("应为 {} 字符", number(chars)),
                ParagraphSetup {
                    first_line_chars: Some((chars * 100.0).round() as u32),
                    ..ParagraphSetup::default()
                },
            ));
        }
        if let Some(range) = &self.line_spacing {
            let pitch = layout.page.as_ref().and_then(|p| p.line_pitch);
            hits.extend(self.grouped(
                &paragraphs,
                |p| {
                    if p.runs.is_empty() {
                        return None;
                    }
                    let within = |pt: f64| pt >= range.min - 0.05 && pt <= range.max + 0.05;
                    let found = match p.spacing {
                        LineSpacing::Exact(t) if within(f64::from(t) / 20.0) => return None,
                        LineSpacing::AtLeast(t) if within(f64::from(t) / 20.0) => return None,
                        LineSpacing::Multiple(240)
                            if pitch.is_some_and(|g| within(f64::from(g) / 20.0)) =>
                        {
                            return None;
                        }
                        LineSpacing::Exact(t) => {
                            format!("固定值 {} 磅", number(f64::from(t) / 20.0))
                        }
                        LineSpacing::AtLeast(t) => {
                            format!("最小值 {} 磅", number(f64::from(t) / 20.0))
                        }
                        LineSpacing::Multiple(240) => "单倍行距".to_owned(),
                        LineSpacing::Multiple(m) => {
                            format!(" {} 倍行距", number(f64::from(m) / 240.0))
                        }
                    };
                    Some(format!("{what}行距为{found}"))
                },
                &format!(
                    "应为固定值 {}–{} 磅（或单倍行距配每行 {}–{} 磅的文档网格）",
                    number(range.min),
                    number(range.max),
                    number(range.min),
                    number(range.max)
                ),
                ParagraphSetup {
                    line_exact: Some((range.min * 20.0).round() as u32),
                    ..ParagraphSetup::default()
                },
            ));
        }
        if let Some(color) = &self.color {
            hits.extend(self.grouped(
                &paragraphs,
                |p| {
                    let other = p.runs.iter().find_map(|r| {
                        let c = r.color.as_deref().unwrap_or("auto").to_ascii_uppercase();
                        let c = if c == "AUTO" { "000000".to_owned() } else { c };
                        (!same_color(color, &c)).then_some(c)
                    })?;
                    Some(format!("{what}文字颜色为 {other}"))
                },
                &format!(
                    "应为{}{}",
                    if color == "red" { "" } else { " " },
                    color_label(color)
                ),
                ParagraphSetup {
                    color: Some(match color.as_str() {
                        "000000" => "auto".to_owned(),
                        "red" => "FF0000".to_owned(),
                        c => c.to_owned(),
                    }),
                    ..ParagraphSetup::default()
                },
            ));
        }
        hits
    }

    /// The paragraphs the rule looks at.
    fn paragraphs<'l>(&self, layout: &'l Layout, cx: &Scope<'_>) -> Vec<&'l ParagraphLayout> {
        let outline = cx.outline;
        let holds = |p: &ParagraphLayout, at: usize| {
            p.text.start <= at && at < p.text.end.max(p.text.start + 1)
        };
        let with_text = layout.paragraphs.iter().filter(|p| !p.runs.is_empty());
        match self.target {
            Target::Page | Target::PageNumber => Vec::new(),
            Target::Imprint => imprint(layout, cx).map(|i| &layout.paragraphs[i]).collect(),
            Target::Masthead => super::masthead::issuer_mark(layout, cx),
            Target::Closing => {
                let Some(c) = outline.closing.as_ref().map(|c| c.span) else {
                    return Vec::new();
                };
                // A 落款 set in a table stands where its cell does, which is not read.
                with_text
                    .filter(|p| {
                        p.text.start < c.end
                            && c.start < p.text.end
                            && !cx
                                .tables
                                .iter()
                                .any(|t| t.span.start <= p.text.start && p.text.start < t.span.end)
                    })
                    .collect()
            }
            Target::Title => {
                let Some(t) = outline.title.as_ref().map(|t| t.span) else {
                    return Vec::new();
                };
                with_text
                    .filter(|p| p.text.start < t.end && t.start < p.text.end)
                    .collect()
            }
            Target::Heading => with_text
                .filter(|p| {
                    outline.sections.iter().any(|s| {
                        s.level == self.level && !s.run_in && !s.merged && holds(p, s.heading.start)
                    })
                })
                .collect(),
            Target::Body => {
                let closing = outline.closing.as_ref().map(|c| c.span);
                with_text
                    .filter(|p| {
                        outline.paragraphs.iter().any(|b| holds(p, b.span.start))
                            && !outline
                                .sections
                                .iter()
                                .any(|s| !s.run_in && holds(p, s.heading.start))
                            && !closing
                                .is_some_and(|c| p.text.start < c.end && c.start < p.text.end)
                            && !cx
                                .tables
                                .iter()
                                .any(|t| t.span.start <= p.text.start && p.text.start < t.span.end)
                            && !matches!(p.align.as_str(), "center" | "right")
                    })
                    .collect()
            }
        }
    }
}

impl LayoutCheck {
    /// One hit per distinct wrong value: at the first paragraph with it, with their
    /// count; when the rule may fix, with `set` to write on all of them.
    fn grouped(
        &self,
        paragraphs: &[&ParagraphLayout],
        wrong: impl Fn(&ParagraphLayout) -> Option<String>,
        expected: &str,
        set: ParagraphSetup,
    ) -> Vec<Hit> {
        let mut found: Vec<(String, Vec<Span>)> = Vec::new();
        for p in paragraphs {
            let Some(what) = wrong(p) else { continue };
            let span = Span::new(p.text.start, p.text.end);
            match found.iter_mut().find(|(w, _)| *w == what) {
                Some((_, at)) => at.push(span),
                None => found.push((what, vec![span])),
            }
        }
        found
            .into_iter()
            .map(|(what, at)| {
                let count = if at.len() > 1 {
                    format!("（共 {} 段）", at.len())
                } else {
                    String::new()
                };
                let mut hit = Hit::at(at.first().copied(), format!("{what}{count}，{expected}"));
                hit.restyle = self.fix.map(|safety| Restyle {
                    safety,
                    change: Change::Paragraphs {
                        at,
                        set: set.clone(),
                    },
                });
                hit
            })
            .collect()
    }
}

/// The width of the lines of text (page width less the side margins), in twips; the
/// 版心's 156 mm when the page is not known.
fn text_width(layout: &Layout) -> f64 {
    layout
        .page
        .as_ref()
        .map(|p| f64::from(p.width) - f64::from(p.left) - f64::from(p.right))
        .filter(|w| *w > 0.0)
        .unwrap_or(156.0 * 1440.0 / 25.4)
}

/// Whether a line stands on the right of a text `width` twips wide: aligned right, put
/// there with a tab, or starting (indents and leading spaces) past three tenths of it.
fn stands_right(p: &ParagraphLayout, line: &str, width: f64) -> bool {
    if matches!(p.align.as_str(), "right" | "end") {
        return true;
    }
    let lead: Vec<char> = line.chars().take_while(|c| c.is_whitespace()).collect();
    if lead.contains(&'\t') {
        return true;
    }
    // A character of the paragraph's size, in twips.
    let char_width = f64::from(p.size().unwrap_or(32)) * 10.0;
    let left = match p.left_chars {
        Some(c) if c != 0 => f64::from(c) / 100.0 * char_width,
        _ => f64::from(p.left),
    };
    let first = indent_chars(p).map_or(0.0, |c| c * char_width);
    let spaces: f64 = lead
        .iter()
        .map(|&c| if c == '\u{3000}' { 1.0 } else { 0.5 })
        .sum::<f64>()
        * char_width;
    left + first + spaces >= 0.3 * width
}

/// Points in half-points.
fn half_points(pt: f64) -> u32 {
    (pt * 2.0).round() as u32
}

/// The value most of a paragraph's text has; `None` without runs.
fn dominant<T: PartialEq + Clone>(
    p: &ParagraphLayout,
    value: impl Fn(&RunLayout) -> T,
) -> Option<T> {
    let mut by: Vec<(T, usize)> = Vec::new();
    for r in &p.runs {
        let v = value(r);
        match by.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += r.chars,
            None => by.push((v, r.chars)),
        }
    }
    let most = by.iter().map(|(_, n)| *n).max()?;
    by.into_iter().find(|(_, n)| *n == most).map(|(v, _)| v)
}

/// The first-line indent in characters of the paragraph's size.
fn indent_chars(p: &ParagraphLayout) -> Option<f64> {
    match p.first_line_chars {
        Some(c) if c != 0 => Some(f64::from(c) / 100.0),
        _ => {
            let size = f64::from(p.size()?) * 10.0;
            Some(f64::from(p.first_line) / size)
        }
    }
}

/// The paragraphs with text of the 版记 (indices into the layout's paragraphs).
pub(super) fn imprint<'l>(layout: &'l Layout, cx: &Scope<'_>) -> impl Iterator<Item = usize> + 'l {
    let spans: Vec<Span> = cx.outline.parts_of(PartKind::Imprint).collect();
    let holds = move |p: &ParagraphLayout| {
        !p.runs.is_empty()
            && !p.rule
            && spans
                .iter()
                .any(|s| s.start <= p.text.start && p.text.start < s.end)
    };
    (0..layout.paragraphs.len()).filter(move |&i| holds(&layout.paragraphs[i]))
}
