//! The pieces Word resolves formatting from: a small element tree of a part, run and
//! paragraph properties as one level sets them, the styles part and the theme's fonts.

use std::collections::HashMap;

use super::super::xml::{Kind, Reader};

/// An element of a part as a small tree: local name, attributes by local name,
/// children, text.
#[derive(Clone, Debug, Default)]
pub(super) struct El {
    pub(super) name: String,
    pub(super) attrs: Vec<(String, String)>,
    pub(super) children: Vec<El>,
    pub(super) text: String,
}

pub(super) fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl El {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    pub(super) fn int(&self, name: &str) -> Option<i64> {
        self.attr(name)?
            .trim()
            .parse::<f64>()
            .ok()
            .map(|v| v as i64)
    }
}

/// The tree of one XML element (a whole part or a slice holding one element).
pub(super) fn tree(xml: &str) -> Option<El> {
    let mut reader = Reader::new(xml);
    let mut stack = vec![El::default()];
    while let Ok(Some(node)) = reader.next() {
        match node.kind {
            Kind::Start | Kind::Empty => {
                let el = El {
                    name: local(node.name).to_owned(),
                    attrs: node.attributes_local(),
                    ..El::default()
                };
                if node.kind == Kind::Start {
                    stack.push(el);
                } else {
                    stack.last_mut()?.children.push(el);
                }
            }
            Kind::End => {
                let el = stack.pop()?;
                stack.last_mut()?.children.push(el);
            }
            Kind::Text => stack.last_mut()?.text.push_str(node.text()),
        }
    }
    stack.pop()?.children.into_iter().next()
}

/// A font as set: by name, or by theme slot (`minorEastAsia`).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Font {
    Named(String),
    Theme(String),
}

/// Run properties as one level sets them.
#[derive(Clone, Debug, Default)]
pub(super) struct RunProps {
    pub(super) font: Option<Font>,
    pub(super) size: Option<u32>,
    pub(super) color: Option<String>,
    pub(super) style: Option<String>,
}

impl RunProps {
    pub(super) fn read(rpr: Option<&El>) -> RunProps {
        let Some(rpr) = rpr else {
            return RunProps::default();
        };
        let font = rpr.child("rFonts").and_then(|f| {
            f.attr("eastAsiaTheme")
                .map(|t| Font::Theme(t.to_owned()))
                .or_else(|| f.attr("eastAsia").map(|n| Font::Named(n.trim().to_owned())))
        });
        RunProps {
            font,
            size: rpr
                .child("sz")
                .and_then(|s| s.int("val"))
                .and_then(|v| u32::try_from(v).ok()),
            color: rpr
                .child("color")
                .and_then(|c| c.attr("val"))
                .map(str::to_owned),
            style: rpr
                .child("rStyle")
                .and_then(|s| s.attr("val"))
                .map(str::to_owned),
        }
    }

    pub(super) fn over(&mut self, top: &RunProps) {
        if top.font.is_some() {
            self.font.clone_from(&top.font);
        }
        if top.size.is_some() {
            self.size = top.size;
        }
        if top.color.is_some() {
            self.color.clone_from(&top.color);
        }
    }
}

/// Paragraph properties as one level sets them.
#[derive(Clone, Debug, Default)]
pub(super) struct ParaProps {
    pub(super) jc: Option<String>,
    pub(super) first_line: Option<i32>,
    pub(super) first_line_chars: Option<i32>,
    /// `w:ind/@w:left` (or `@w:start`), twips.
    pub(super) left: Option<i32>,
    /// `w:ind/@w:leftChars` (or `@w:startChars`), hundredths of a character.
    pub(super) left_chars: Option<i32>,
    pub(super) line: Option<u32>,
    pub(super) line_rule: Option<String>,
    pub(super) style: Option<String>,
    /// `w:framePr/@w:xAlign`: where a framed paragraph stands.
    pub(super) frame: Option<String>,
    /// `w:pBdr/w:top`: `@w:sz` (eighths of a point; 0 for `none`) and `@w:color`.
    pub(super) border_top: Option<(u32, Option<String>)>,
    /// `w:pBdr/w:bottom`, likewise.
    pub(super) border_bottom: Option<(u32, Option<String>)>,
}

impl ParaProps {
    pub(super) fn read(ppr: Option<&El>) -> ParaProps {
        let Some(ppr) = ppr else {
            return ParaProps::default();
        };
        let ind = ppr.child("ind");
        let num = |name: &str| {
            ind.and_then(|i| i.int(name))
                .and_then(|v| i32::try_from(v).ok())
        };
        // A hanging indent is a negative first-line one, and wins over `firstLine`.
        let first_line = num("hanging").map(|v| -v).or_else(|| num("firstLine"));
        let first_line_chars = num("hangingChars")
            .map(|v| -v)
            .or_else(|| num("firstLineChars"));
        let spacing = ppr.child("spacing");
        ParaProps {
            left: num("left").or_else(|| num("start")),
            left_chars: num("leftChars").or_else(|| num("startChars")),
            jc: ppr
                .child("jc")
                .and_then(|j| j.attr("val"))
                .map(str::to_owned),
            first_line,
            first_line_chars,
            line: spacing
                .and_then(|s| s.int("line"))
                .and_then(|v| u32::try_from(v).ok()),
            line_rule: spacing.and_then(|s| s.attr("lineRule")).map(str::to_owned),
            style: ppr
                .child("pStyle")
                .and_then(|s| s.attr("val"))
                .map(str::to_owned),
            frame: ppr
                .child("framePr")
                .and_then(|f| f.attr("xAlign"))
                .map(str::to_owned),
            border_top: border(ppr, "top"),
            border_bottom: border(ppr, "bottom"),
        }
    }

    pub(super) fn over(&mut self, top: &ParaProps) {
        if top.jc.is_some() {
            self.jc.clone_from(&top.jc);
        }
        if top.first_line.is_some() {
            self.first_line = top.first_line;
        }
        if top.first_line_chars.is_some() {
            self.first_line_chars = top.first_line_chars;
        }
        if top.left.is_some() {
            self.left = top.left;
        }
        if top.left_chars.is_some() {
            self.left_chars = top.left_chars;
        }
        if top.line.is_some() {
            self.line = top.line;
        }
        if top.line_rule.is_some() {
            self.line_rule.clone_from(&top.line_rule);
        }
        if top.frame.is_some() {
            self.frame.clone_from(&top.frame);
        }
        if top.border_top.is_some() {
            self.border_top.clone_from(&top.border_top);
        }
        if top.border_bottom.is_some() {
            self.border_bottom.clone_from(&top.border_bottom);
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(super) struct Style {
    pub(super) based_on: Option<String>,
    pub(super) para: ParaProps,
    pub(super) run: RunProps,
}

/// The styles part: document defaults and styles by id.
#[derive(Debug, Default)]
pub(super) struct Sheet {
    pub(super) para: ParaProps,
    pub(super) run: RunProps,
    pub(super) styles: HashMap<String, Style>,
    pub(super) default_para: Option<String>,
}

impl Sheet {
    pub(super) fn read(xml: Option<&str>) -> Sheet {
        let mut sheet = Sheet::default();
        let Some(root) = xml.and_then(tree) else {
            return sheet;
        };
        if let Some(d) = root.child("docDefaults") {
            sheet.run = RunProps::read(d.child("rPrDefault").and_then(|r| r.child("rPr")));
            sheet.para = ParaProps::read(d.child("pPrDefault").and_then(|p| p.child("pPr")));
        }
        for s in root.children.iter().filter(|c| c.name == "style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let kind = s.attr("type").unwrap_or("paragraph");
            if kind == "paragraph"
                && matches!(s.attr("default"), Some("1" | "true" | "on"))
                && sheet.default_para.is_none()
            {
                sheet.default_para = Some(id.to_owned());
            }
            sheet.styles.insert(
                id.to_owned(),
                Style {
                    based_on: s
                        .child("basedOn")
                        .and_then(|b| b.attr("val"))
                        .map(str::to_owned),
                    para: ParaProps::read(s.child("pPr")),
                    run: RunProps::read(s.child("rPr")),
                },
            );
        }
        sheet
    }

    /// A style and its bases, the most basic first (a loop is cut).
    pub(super) fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let mut at = id.map(str::to_owned);
        while let Some(id) = at {
            if seen.contains(&id) || seen.len() > 32 {
                break;
            }
            let Some(style) = self.styles.get(&id) else {
                break;
            };
            out.push(style);
            seen.push(id);
            at = style.based_on.clone();
        }
        out.reverse();
        out
    }
}

/// The theme's East Asian fonts: (minor, major).
pub(super) fn theme_fonts(xml: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(root) = xml.and_then(tree) else {
        return (None, None);
    };
    let scheme = root
        .child("themeElements")
        .and_then(|t| t.child("fontScheme"));
    let pick = |which: &str| {
        let set = scheme?.child(which)?;
        let hans = set
            .children
            .iter()
            .find(|f| f.name == "font" && f.attr("script") == Some("Hans"))
            .and_then(|f| f.attr("typeface"));
        let ea = set.child("ea").and_then(|f| f.attr("typeface"));
        ea.filter(|t| !t.is_empty())
            .or(hans)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    (pick("minorFont"), pick("majorFont"))
}

/// The width of one side of a paragraph's border (`w:pBdr/w:top`), in eighths of a
/// point (0 when the side is set to none), and its colour (`None`: automatic).
fn border(ppr: &El, side: &str) -> Option<(u32, Option<String>)> {
    let b = ppr.child("pBdr")?.child(side)?;
    if matches!(b.attr("val"), Some("none" | "nil")) {
        return Some((0, None));
    }
    let width = b.int("sz").and_then(|v| u32::try_from(v).ok()).unwrap_or(4);
    let color = b
        .attr("color")
        .filter(|c| !c.eq_ignore_ascii_case("auto"))
        .map(str::to_ascii_uppercase);
    Some((width, color))
}
