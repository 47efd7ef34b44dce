//! Page numbers: the footers of the last section, where each shows its `PAGE` field,
//! what stands beside the number (the 一字线 of `— 1 —`) and its size; and whether odd
//! and even pages have footers of their own.
//!
//! Where the number stands is the first of: the horizontal alignment of the shape or
//! frame that holds it (`wp:positionH/wp:align`, VML `mso-position-horizontal`,
//! `w:framePr/@w:xAlign`, which may be `outside` or `inside`), the alignment of its
//! paragraph. A number placed with tab stops is read by its paragraph's alignment.

use super::super::xml::{Kind, Reader};
use super::props::{El, local, tree};
use super::{Resolved, Resolver, RunLayout, align_of};

/// Which pages a footer is for (`w:footerReference/@w:type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FooterKind {
    /// Every page (odd pages when odd and even differ).
    Default,
    /// Even pages.
    Even,
    /// The first page.
    First,
}

/// A footer and the page number in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Footer {
    /// Which pages it is for.
    pub kind: FooterKind,
    /// The page number, when the footer has a `PAGE` field.
    pub number: Option<PageNumber>,
}

/// A `PAGE` field in a footer.
#[derive(Clone, Debug, PartialEq)]
pub struct PageNumber {
    /// Where it stands: `left`, `center`, `right`, `both`, `outside` or `inside`.
    pub align: String,
    /// The text before the field in its paragraph (tabs as `\t`).
    pub before: String,
    /// The text after it.
    pub after: String,
    /// The formatting of the field's shown result (or of the paragraph's text, when the
    /// field shows none).
    pub runs: Vec<RunLayout>,
}

/// The footer references of the last section: its type and relationship id, the last
/// reference of each type in the document (a section without one inherits the
/// previous section's).
pub(in crate::document::docx) fn references(xml: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut reader = Reader::new(xml);
    while let Ok(Some(node)) = reader.next() {
        if node.kind == Kind::End || local(node.name) != "footerReference" {
            continue;
        }
        let attrs = node.attributes_local();
        let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let (Some(id), kind) = (get("id"), get("type").unwrap_or_else(|| "default".into())) else {
            continue;
        };
        out.retain(|(k, _)| *k != kind);
        out.push((kind, id));
    }
    out
}

/// Whether the settings part turns on different odd and even pages.
pub(super) fn even_and_odd(settings: Option<&str>) -> bool {
    settings
        .and_then(tree)
        .and_then(|s| {
            s.child("evenAndOddHeaders")
                .map(|e| !matches!(e.attr("val"), Some("0" | "false" | "off")))
        })
        .unwrap_or(false)
}

/// The footers, default first, then even, then first page.
pub(super) fn read(resolver: &Resolver, footers: &[(String, String)]) -> Vec<Footer> {
    let mut out: Vec<Footer> = footers
        .iter()
        .filter_map(|(kind, xml)| {
            let kind = match kind.as_str() {
                "even" => FooterKind::Even,
                "first" => FooterKind::First,
                _ => FooterKind::Default,
            };
            let root = tree(xml)?;
            Some(Footer {
                kind,
                number: number_in(resolver, &root, None),
            })
        })
        .collect();
    out.sort_by_key(|f| match f.kind {
        FooterKind::Default => 0,
        FooterKind::Even => 1,
        FooterKind::First => 2,
    });
    out
}

/// The first page number under `el`; `placed` is the alignment of the shape around it.
fn number_in(resolver: &Resolver, el: &El, placed: Option<&str>) -> Option<PageNumber> {
    if el.name == "p"
        && let Some(n) = paragraph_number(resolver, el, placed)
    {
        return Some(n);
    }
    let placed = shape_align(el).or(placed.map(str::to_owned));
    el.children
        .iter()
        .find_map(|c| number_in(resolver, c, placed.as_deref()))
}

/// The horizontal alignment a shape gives its content.
fn shape_align(el: &El) -> Option<String> {
    match el.name.as_str() {
        "anchor" => {
            let h = el.child("positionH")?;
            Some(h.child("align")?.text.trim().to_owned()).filter(|a| !a.is_empty())
        }
        "shape" | "rect" | "roundrect" => {
            let style = el.attr("style")?;
            style.split(';').find_map(|d| {
                let (k, v) = d.split_once(':')?;
                (k.trim() == "mso-position-horizontal").then(|| v.trim().to_owned())
            })
        }
        _ => None,
    }
}

/// Where a run stands relative to a complex field.
#[derive(Clone, Copy, PartialEq)]
enum At {
    Before,
    Code,
    Result,
    After,
}

/// The page number in paragraph `p`, if it holds a `PAGE` field.
fn paragraph_number(resolver: &Resolver, p: &El, placed: Option<&str>) -> Option<PageNumber> {
    let resolved = resolver.paragraph(p);
    let mut walk = Walk {
        resolver,
        para: &resolved,
        at: At::Before,
        code: String::new(),
        is_page: false,
        before: String::new(),
        after: String::new(),
        runs: Vec::new(),
        all: Vec::new(),
    };
    walk.children(p);
    if !walk.is_page {
        return None;
    }
    let runs = if walk.runs.is_empty() {
        walk.all
    } else {
        walk.runs
    };
    let align = placed
        .map(str::to_owned)
        .or_else(|| resolved.para.frame.clone())
        .unwrap_or_else(|| align_of(resolved.para.jc.as_deref()));
    Some(PageNumber {
        align,
        before: walk.before,
        after: walk.after,
        runs,
    })
}

/// A pass over a paragraph's runs in order, following complex fields.
struct Walk<'a> {
    resolver: &'a Resolver,
    para: &'a Resolved,
    at: At,
    code: String,
    is_page: bool,
    before: String,
    after: String,
    /// The field result's runs.
    runs: Vec<RunLayout>,
    /// Every run with text.
    all: Vec<RunLayout>,
}

fn is_page_code(code: &str) -> bool {
    code.split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("PAGE"))
}

impl Walk<'_> {
    fn children(&mut self, el: &El) {
        for c in &el.children {
            match c.name.as_str() {
                "r" => self.run(c),
                "fldSimple" if !self.is_page && is_page_code(c.attr("instr").unwrap_or("")) => {
                    self.is_page = true;
                    self.at = At::Result;
                    self.children(c);
                    self.at = At::After;
                }
                "p" | "del" | "moveFrom" | "pPr" | "rPrChange" | "pPrChange" | "Fallback"
                | "txbxContent" => {}
                _ => self.children(c),
            }
        }
    }

    fn run(&mut self, r: &El) {
        let mut text = String::new();
        for c in &r.children {
            match c.name.as_str() {
                "fldChar" => match c.attr("fldCharType") {
                    Some("begin") if self.at != At::After || !self.is_page => {
                        self.at = At::Code;
                        self.code.clear();
                    }
                    Some("separate") if self.at == At::Code => {
                        if !self.is_page && is_page_code(&self.code) {
                            self.is_page = true;
                            self.at = At::Result;
                        } else {
                            // Another field: its result is ordinary text.
                            self.at = if self.is_page { At::After } else { At::Before };
                        }
                    }
                    Some("end") => {
                        if self.at == At::Code && !self.is_page && is_page_code(&self.code) {
                            self.is_page = true;
                        }
                        self.at = if self.is_page { At::After } else { At::Before };
                    }
                    _ => {}
                },
                "instrText" if self.at == At::Code => self.code.push_str(&c.text),
                "t" => text.push_str(&c.text),
                "tab" | "ptab" => text.push('\t'),
                _ => {}
            }
        }
        let hidden = r
            .child("rPr")
            .and_then(|p| p.child("vanish"))
            .is_some_and(|v| !matches!(v.attr("val"), Some("0" | "false" | "off")));
        if text.is_empty() || hidden {
            return;
        }
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        if chars > 0 {
            let layout = self.resolver.run(self.para, r, chars);
            if self.at == At::Result {
                self.runs.push(layout.clone());
            }
            self.all.push(layout);
        }
        match self.at {
            At::Before => self.before.push_str(&text),
            At::After => self.after.push_str(&text),
            At::Code | At::Result => {}
        }
    }
}
