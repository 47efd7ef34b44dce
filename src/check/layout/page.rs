//! The `layout` checks of the page: paper and margins, and the page numbers in the
//! footers.

use super::words::{number, points};
use super::{LayoutCheck, Placement, TWIPS_PER_MM};
use crate::check::scope::Hit;
use crate::document::docx::{Footer, FooterKind, Layout, PageNumber, dominant_size};
use crate::report::{Change, PageSetup, Restyle};
use crate::span::Span;

impl LayoutCheck {
    pub(super) fn page(&self, layout: &Layout, at: Option<Span>) -> Vec<Hit> {
        let Some(page) = &layout.page else {
            return Vec::new();
        };
        let mm = |t: u32| f64::from(t) / TWIPS_PER_MM;
        let mut hits = Vec::new();
        if let Some(paper) = &self.paper {
            let (w, h) = (mm(page.width), mm(page.height));
            let (short, long) = (w.min(h), w.max(h));
            if (short - paper.width).abs() > paper.tolerance
                || (long - paper.height).abs() > paper.tolerance
            {
                let set = PageSetup {
                    paper: Some((twips(paper.width), twips(paper.height))),
                    ..PageSetup::default()
                };
                hits.push(self.restyled(
                    Hit::at(
                        at,
                        format!(
                            "纸张为 {} × {} 毫米，应为 {} × {} 毫米 ±{}",
                            number(w),
                            number(h),
                            number(paper.width),
                            number(paper.height),
                            number(paper.tolerance)
                        ),
                    ),
                    set,
                ));
            } else if page.landscape || w > h {
                let set = PageSetup {
                    paper: Some((twips(paper.width), twips(paper.height))),
                    ..PageSetup::default()
                };
                hits.push(self.restyled(Hit::at(at, "纸张为横向，应为纵向".to_owned()), set));
            }
        }
        if let Some(m) = &self.margins {
            for (side, found, want) in [
                ("上", page.top, m.top),
                ("下", page.bottom, m.bottom),
                ("左", page.left, m.left),
                ("右", page.right, m.right),
            ] {
                let found = mm(found);
                if (found - want).abs() > m.tolerance {
                    let v = Some(twips(want));
                    let set = match side {
                        "上" => PageSetup {
                            top: v,
                            ..PageSetup::default()
                        },
                        "下" => PageSetup {
                            bottom: v,
                            ..PageSetup::default()
                        },
                        "左" => PageSetup {
                            left: v,
                            ..PageSetup::default()
                        },
                        _ => PageSetup {
                            right: v,
                            ..PageSetup::default()
                        },
                    };
                    hits.push(self.restyled(
                        Hit::at(
                            at,
                            format!(
                                "页边距（{side}）为 {} 毫米，应为 {} 毫米 ±{}",
                                number(found),
                                number(want),
                                number(m.tolerance)
                            ),
                        ),
                        set,
                    ));
                }
            }
        }
        hits
    }

    /// `hit` with the page setup that corrects it, when the rule may fix.
    fn restyled(&self, mut hit: Hit, page: PageSetup) -> Hit {
        hit.restyle = self.fix.map(|safety| Restyle {
            safety,
            change: Change::Page(page),
        });
        hit
    }
}

/// Millimetres in twips.
fn twips(mm: f64) -> u32 {
    (mm * TWIPS_PER_MM).round() as u32
}

impl LayoutCheck {
    /// The page numbers: present, placed, between 一字线, of the size.
    pub(super) fn page_number(&self, layout: &Layout, at: Option<Span>) -> Vec<Hit> {
        let numbered: Vec<(&Footer, &PageNumber)> = layout
            .footers
            .iter()
            .filter(|f| f.kind != FooterKind::First)
            .filter_map(|f| Some((f, f.number.as_ref()?)))
            .collect();
        let Some(&(_, odd)) = numbered.iter().find(|(f, _)| f.kind == FooterKind::Default) else {
            return vec![Hit::at(
                at,
                "页脚中没有页码（PAGE 域），应在页脚插入页码（“插入 → 页码”）".to_owned(),
            )];
        };
        // The odd and even footers often share a fault: each is said once.
        let mut found: Vec<String> = Vec::new();
        let mut add = |m: String| {
            if !found.contains(&m) {
                found.push(m);
            }
        };
        if let Some(placement) = self.placement
            && let Some(m) = placed(placement, layout.even_and_odd, odd, &numbered)
        {
            add(m);
        }
        for (_, n) in &numbered {
            if self.dashes
                && let Some(m) = dashes(n)
            {
                add(m);
            }
            if let Some(size) = self.size
                && let Some(got) = dominant_size(&n.runs).map(|s| f64::from(s) / 2.0)
                && (got - size).abs() > 0.25
            {
                add(format!("页码字号为 {}，应为 {}", points(got), points(size)));
            }
        }
        found.into_iter().map(|m| Hit::at(at, m)).collect()
    }
}

/// What is wrong with where the numbers stand.
fn placed(
    placement: Placement,
    even_and_odd: bool,
    odd: &PageNumber,
    numbered: &[(&Footer, &PageNumber)],
) -> Option<String> {
    let side = |a: &str| match a {
        "center" => "居中",
        "right" | "end" => "居右",
        "outside" => "在外侧",
        "inside" => "在内侧",
        _ => "居左",
    };
    let want = match placement {
        Placement::Outside => {
            "应单页居右空一字、双页居左空一字（在“页眉和页脚”中勾选“奇偶页不同”）"
        }
        Placement::Center => "应居中",
        Placement::Right => "应居右",
        Placement::Left => "应居左",
    };
    let is = |a: &str, s: &[&str]| s.contains(&a);
    match placement {
        Placement::Outside => {
            if odd.align == "outside" {
                return None;
            }
            if !even_and_odd {
                return Some(format!(
                    "页码各页都{}（未设置奇偶页不同），{want}",
                    side(&odd.align)
                ));
            }
            let even = numbered
                .iter()
                .find(|(f, _)| f.kind == FooterKind::Even)
                .map(|(_, n)| *n);
            let odd_ok = is(&odd.align, &["right"]);
            match even {
                None => Some(format!("双页页脚没有页码，{want}")),
                Some(e) if odd_ok && is(&e.align, &["left", "outside"]) => None,
                Some(e) => Some(format!(
                    "页码单页{}、双页{}，{want}",
                    side(&odd.align),
                    side(&e.align)
                )),
            }
        }
        _ => {
            let name = match placement {
                Placement::Center => "center",
                Placement::Right => "right",
                _ => "left",
            };
            numbered
                .iter()
                .find(|(_, n)| n.align != name)
                .map(|(_, n)| format!("页码{}，{want}", side(&n.align)))
        }
    }
}

/// What stands beside the number, when it is not a 一字线 on each side.
fn dashes(n: &PageNumber) -> Option<String> {
    let blank = |c: char| c.is_whitespace() || c == '\u{3000}';
    let before = n.before.trim_end_matches(blank).chars().last();
    let after = n.after.trim_start_matches(blank).chars().next();
    let dash = |c: Option<char>| matches!(c, Some('—' | '―'));
    if dash(before) && dash(after) {
        return None;
    }
    let shown = |c: Option<char>| c.map_or(String::new(), |c| c.to_string());
    Some(match (before, after) {
        (None, None) => "页码两侧没有一字线，应写作“— 1 —”".to_owned(),
        _ => format!(
            "页码写作“{}1{}”，两侧应为一字线“—”，如“— 1 —”",
            shown(before),
            shown(after)
        ),
    })
}
