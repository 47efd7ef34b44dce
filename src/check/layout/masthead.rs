//! The 版头 (GB/T 9704-2012 7.2): the 发文机关标志 (a 版头 line ending in `文件`), whose
//! paragraph settings the rule's font, size, alignment and colour are held to, and the
//! 分隔线 under the 版头 (7.2.7), which Word and WPS draw as a paragraph border (under the
//! 发文字号, or on an empty paragraph before the title) or as a line shape anchored in
//! one of the 版头's paragraphs. A document without a 版头 gives no finding.

use super::LayoutCheck;
use super::words::{color_label, same_color};
use crate::check::scope::{Hit, Scope};
use crate::document::docx::{Layout, ParagraphLayout};
use crate::outline::PartKind;
use crate::span::Span;

/// The 版头's paragraphs (indices into the layout's paragraphs), from its first line to
/// the paragraph before the title, empty ones included.
fn masthead(layout: &Layout, cx: &Scope<'_>) -> Option<std::ops::Range<usize>> {
    let parts: Vec<Span> = cx.outline.parts_of(PartKind::Masthead).collect();
    let (first, last) = (parts.first()?, parts.last()?);
    let all = &layout.paragraphs;
    let start = all.iter().position(|p| p.text.start >= first.start)?;
    let last_line = all.iter().rposition(|p| {
        !p.runs.is_empty()
            && p.text.start >= last.start
            && p.text.start < last.end.max(last.start + 1)
    })?;
    // Up to the next paragraph with text (the title).
    let end = (last_line + 1..all.len())
        .find(|&i| !all[i].runs.is_empty())
        .unwrap_or(all.len());
    Some(start..end)
}

/// The 发文机关标志's paragraphs: 版头 lines ending in `文件`.
pub(super) fn issuer_mark<'l>(layout: &'l Layout, cx: &Scope<'_>) -> Vec<&'l ParagraphLayout> {
    let Some(range) = masthead(layout, cx) else {
        return Vec::new();
    };
    layout.paragraphs[range]
        .iter()
        .filter(|p| {
            let text: String = cx
                .hay
                .text
                .get(p.text.clone())
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            !p.runs.is_empty() && text.chars().count() > 2 && text.ends_with("文件")
        })
        .collect()
}

impl LayoutCheck {
    /// The finding on the 分隔线 under the 版头: none drawn, or none of the colour.
    pub(super) fn masthead_rule(&self, layout: &Layout, cx: &Scope<'_>) -> Vec<Hit> {
        let Some(want) = &self.separator else {
            return Vec::new();
        };
        let Some(range) = masthead(layout, cx) else {
            return Vec::new();
        };
        let all = &layout.paragraphs;
        let title = all.get(range.end);
        // Every line found: borders facing the gap under the 版头, and drawn lines.
        let mut found: Vec<Option<String>> = Vec::new();
        let mut below_text = false;
        for p in &all[range.clone()] {
            below_text |= !p.runs.is_empty();
            if p.border_bottom.is_some() && below_text {
                found.push(p.border_bottom_color.clone());
            }
            if p.border_top.is_some() && p.runs.is_empty() {
                found.push(p.border_top_color.clone());
            }
            found.extend(p.lines.iter().cloned());
        }
        if let Some(t) = title
            && t.border_top.is_some()
        {
            found.push(t.border_top_color.clone());
        }
        // At the 版头's last line (the 发文字号).
        let at = all[range]
            .iter()
            .rev()
            .find(|p| !p.runs.is_empty())
            .map(|p| Span::new(p.text.start, p.text.end));
        if found.is_empty() {
            return vec![Hit::at(
                at,
                format!("版头下没有分隔线，应有一条{}的分隔线", color_label(want)),
            )];
        }
        // A line of the colour, or one whose colour cannot be read (a theme's), is fine.
        let right = found
            .iter()
            .any(|c| c.as_deref().is_none_or(|c| same_color(want, c)));
        if right {
            return Vec::new();
        }
        let colour = found
            .iter()
            .flatten()
            .next()
            .map_or_else(String::new, |c| color_label(c));
        vec![Hit::at(
            at,
            format!("版头下的分隔线为{colour}，应为{}", color_label(want)),
        )]
    }
}
