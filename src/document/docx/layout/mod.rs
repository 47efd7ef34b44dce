//! The formatting of a Word document as Word resolves it, for the `layout` check: the
//! page (the last section's `w:pgSz`, `w:pgMar` and `w:docGrid`) and, for every
//! paragraph of the main text, its alignment, first-line indent, line spacing and the
//! East Asian font, size and colour of each of its runs with text.
//!
//! A property is taken from the most specific place that sets it: document defaults
//! (`w:docDefaults`) → the paragraph style and its `w:basedOn` chain (the default
//! paragraph style when none is named) → the run style and its chain → the direct
//! paragraph and run properties. A theme font (`w:eastAsiaTheme`) is looked up in the
//! theme part. Superseded formatting (`w:pPrChange`, `w:rPrChange`) is not read. Values
//! stay in the units of the file (twips, half-points); the check converts them.

mod example;
mod footer;
mod props;

use std::ops::Range;

use super::body::Paragraph;
use super::xml::{Kind, Reader};
pub use example::example_docx;
pub(super) use footer::references as footer_references;
pub use footer::{Footer, FooterKind, PageNumber};
use props::{El, Font, ParaProps, RunProps, Sheet, local, theme_fonts, tree};

/// A Word document's page and paragraph formatting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The page of the last (or only) section; `None` when the document has no
    /// `w:sectPr` with a page size.
    pub page: Option<Page>,
    /// The paragraphs of the main text (text boxes left out), in text order.
    pub paragraphs: Vec<ParagraphLayout>,
    /// The footers of the last section (default, even, first page), in that order.
    pub footers: Vec<Footer>,
    /// Whether odd and even pages have their own headers and footers
    /// (`w:settings/w:evenAndOddHeaders`).
    pub even_and_odd: bool,
}

/// Page size, margins and grid, in twips (1/20 pt).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// `w:pgSz/@w:w`.
    pub width: u32,
    /// `w:pgSz/@w:h`.
    pub height: u32,
    /// `w:pgSz/@w:orient="landscape"`.
    pub landscape: bool,
    /// `w:pgMar/@w:top` (its magnitude: a negative top margin is a fixed one).
    pub top: u32,
    /// `w:pgMar/@w:bottom`.
    pub bottom: u32,
    /// `w:pgMar/@w:left`.
    pub left: u32,
    /// `w:pgMar/@w:right`.
    pub right: u32,
    /// `w:docGrid/@w:linePitch` when the grid fixes lines (`type` `lines` or
    /// `linesAndChars`).
    pub line_pitch: Option<u32>,
}

/// How a paragraph's lines are spaced (`w:spacing/@w:line` by `@w:lineRule`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineSpacing {
    /// A multiple of single spacing, in 240ths (`360` = 1.5 lines).
    Multiple(u32),
    /// Exactly this many twips.
    Exact(u32),
    /// At least this many twips.
    AtLeast(u32),
}

/// A paragraph's resolved formatting.
#[derive(Clone, Debug, PartialEq)]
pub struct ParagraphLayout {
    /// Its line in the extracted text (without the line end).
    pub text: Range<usize>,
    /// `w:jc` (`left` when unset; `start`/`end` read as `left`/`right`).
    pub align: String,
    /// First-line indent in hundredths of a character (`w:firstLineChars`, negative for
    /// `w:hangingChars`), when set in characters.
    pub first_line_chars: Option<i32>,
    /// First-line indent in twips (`w:firstLine`, negative for `w:hanging`).
    pub first_line: i32,
    /// Left indent in hundredths of a character (`w:leftChars`), when set in characters.
    pub left_chars: Option<i32>,
    /// Left indent in twips (`w:left`).
    pub left: i32,
    /// Line spacing.
    pub spacing: LineSpacing,
    /// The width of its top border (`w:pBdr/w:top`) in eighths of a point, if it has one.
    pub border_top: Option<u32>,
    /// The width of its bottom border, likewise.
    pub border_bottom: Option<u32>,
    /// The colour of its top border (`w:color`, upper case), when it has one that is not
    /// automatic.
    pub border_top_color: Option<String>,
    /// The colour of its bottom border, likewise.
    pub border_bottom_color: Option<String>,
    /// The lines drawn in shapes anchored in it (a VML `v:line`, or a DrawingML shape of
    /// geometry `line` or a straight connector), each with its colour as six upper-case
    /// hex digits when it has one that can be read.
    pub lines: Vec<Option<String>>,
    /// Whether it draws a line instead of holding text: a shape, or only dashes or
    /// underscores (a 版记 rule made by hand).
    pub rule: bool,
    /// The runs with text, in order.
    pub runs: Vec<RunLayout>,
}

/// A run's resolved character formatting.
#[derive(Clone, Debug, PartialEq)]
pub struct RunLayout {
    /// The East Asian font (`w:rFonts/@w:eastAsia`, or the theme's); `None` when nothing
    /// sets it.
    pub font: Option<String>,
    /// Size in half-points (`w:sz`; 20 when nothing sets it).
    pub size: u32,
    /// `w:color/@w:val` (`None`: unset, that is automatic).
    pub color: Option<String>,
    /// Characters of text.
    pub chars: usize,
}

impl ParagraphLayout {
    /// The size most of its text is in, in half-points.
    pub fn size(&self) -> Option<u32> {
        dominant_size(&self.runs)
    }
}

/// The size most of the text of `runs` is in, in half-points; `None` without runs.
pub fn dominant_size(runs: &[RunLayout]) -> Option<u32> {
    let mut by: Vec<(u32, usize)> = Vec::new();
    for r in runs {
        match by.iter_mut().find(|(s, _)| *s == r.size) {
            Some((_, n)) => *n += r.chars,
            None => by.push((r.size, r.chars)),
        }
    }
    by.iter().max_by_key(|(_, n)| *n).map(|(s, _)| *s)
}

/// The parts a layout is read from besides the main part. Parts that are absent or
/// cannot be read count as absent (the reader has already refused ill-formed ones).
#[derive(Default)]
pub(super) struct Parts<'a> {
    /// The styles part.
    pub styles: Option<&'a str>,
    /// The theme part.
    pub theme: Option<&'a str>,
    /// The settings part.
    pub settings: Option<&'a str>,
    /// The footers of the last section: their `w:footerReference/@w:type` and XML.
    pub footers: Vec<(String, String)>,
}

/// Resolves a paragraph's and its runs' formatting as Word does.
struct Resolver {
    sheet: Sheet,
    minor: Option<String>,
    major: Option<String>,
}

/// A paragraph's resolved properties and the run properties its runs start from.
struct Resolved {
    para: ParaProps,
    run_base: RunProps,
}

impl Resolver {
    fn new(styles: Option<&str>, theme: Option<&str>) -> Resolver {
        let (minor, major) = theme_fonts(theme);
        Resolver {
            sheet: Sheet::read(styles),
            minor,
            major,
        }
    }

    /// The paragraph `el`'s properties: defaults, its style chain, its own.
    fn paragraph(&self, el: &El) -> Resolved {
        let direct = ParaProps::read(el.child("pPr"));
        let style_id = direct
            .style
            .clone()
            .or_else(|| self.sheet.default_para.clone());
        let mut para = self.sheet.para.clone();
        let mut run_base = self.sheet.run.clone();
        for s in self.sheet.chain(style_id.as_deref()) {
            para.over(&s.para);
            run_base.over(&s.run);
        }
        para.over(&direct);
        Resolved { para, run_base }
    }

    /// The run `r`'s formatting in a paragraph resolved as `p`, with `chars` characters.
    fn run(&self, p: &Resolved, r: &El, chars: usize) -> RunLayout {
        let direct = RunProps::read(r.child("rPr"));
        let mut props = p.run_base.clone();
        for s in self.sheet.chain(direct.style.as_deref()) {
            props.over(&s.run);
        }
        props.over(&direct);
        let font = match &props.font {
            Some(Font::Named(n)) if !n.is_empty() => Some(n.clone()),
            Some(Font::Theme(t)) if t.starts_with("major") => self.major.clone(),
            Some(Font::Theme(_)) => self.minor.clone(),
            _ => None,
        };
        RunLayout {
            font,
            size: props.size.unwrap_or(20),
            color: props.color,
            chars,
        }
    }
}

/// `w:jc` as a side: `left` when unset, `start`/`end` read as `left`/`right`.
fn align_of(jc: Option<&str>) -> String {
    match jc {
        None | Some("start") => "left".to_owned(),
        Some("end") => "right".to_owned(),
        Some(j) => j.to_owned(),
    }
}

/// Read the layout of the main part `xml`, whose `paragraphs` the body reader found,
/// with the other parts it depends on.
pub(super) fn read(xml: &str, parts: &Parts<'_>, paragraphs: &[Paragraph]) -> Layout {
    let resolver = Resolver::new(parts.styles, parts.theme);
    let mut out = Layout {
        page: page(xml),
        paragraphs: Vec::new(),
        footers: footer::read(&resolver, &parts.footers),
        even_and_odd: footer::even_and_odd(parts.settings),
    };
    for p in paragraphs.iter().filter(|p| p.story == 0) {
        let Some(el) = xml.get(p.xml.clone()).and_then(tree) else {
            continue;
        };
        let resolved = resolver.paragraph(&el);
        let mut runs = Vec::new();
        let mut dashes = true;
        collect_runs(&el, &mut |r: &El| {
            let chars: usize = text_of(r);
            if chars > 0 {
                runs.push(resolver.run(&resolved, r, chars));
                dashes &= r
                    .children
                    .iter()
                    .filter(|c| c.name == "t")
                    .flat_map(|t| t.text.chars())
                    .all(|c| c.is_whitespace() || "—─━-_－＿―".contains(c));
            }
        });
        let rule = if runs.is_empty() {
            draws(&el)
        } else {
            dashes && runs.iter().map(|r| r.chars).sum::<usize>() >= 3
        };
        let para = &resolved.para;
        let line = para.line.unwrap_or(240);
        let spacing = match para.line_rule.as_deref() {
            Some("exact") => LineSpacing::Exact(line),
            Some("atLeast") => LineSpacing::AtLeast(line),
            _ => LineSpacing::Multiple(line),
        };
        out.paragraphs.push(ParagraphLayout {
            text: p.text.clone(),
            align: align_of(para.jc.as_deref()),
            first_line_chars: para.first_line_chars,
            first_line: para.first_line.unwrap_or(0),
            left_chars: para.left_chars,
            left: para.left.unwrap_or(0),
            spacing,
            border_top: width(&para.border_top),
            border_bottom: width(&para.border_bottom),
            border_top_color: color(&para.border_top),
            border_bottom_color: color(&para.border_bottom),
            lines: lines(&el),
            rule,
            runs,
        });
    }
    out
}

/// Every run of a paragraph with visible text: inside hyperlinks, fields, insertions and
/// content controls, not inside deletions, superseded formatting, nested paragraphs
/// (text boxes) or the fallback of alternate content.
fn collect_runs(el: &El, each: &mut dyn FnMut(&El)) {
    for c in &el.children {
        match c.name.as_str() {
            "r" => each(c),
            "p" | "del" | "moveFrom" | "pPr" | "rPrChange" | "pPrChange" | "Fallback" => {}
            _ => collect_runs(c, each),
        }
    }
}

/// The width of a border side that draws something.
fn width(side: &Option<(u32, Option<String>)>) -> Option<u32> {
    side.as_ref().map(|(w, _)| *w).filter(|&w| w > 0)
}

/// The colour of a border side that draws something.
fn color(side: &Option<(u32, Option<String>)>) -> Option<String> {
    side.as_ref()
        .filter(|(w, _)| *w > 0)
        .and_then(|(_, c)| c.clone())
}

/// The lines drawn in an element and their colours: VML `v:line` (`strokecolor`) and
/// DrawingML shapes of geometry `line` or `straightConnector1` (`a:ln`'s solid fill).
/// Alternate content is read once (its first choice).
fn lines(el: &El) -> Vec<Option<String>> {
    fn visit(e: &El, out: &mut Vec<Option<String>>) {
        match e.name.as_str() {
            "Fallback" | "txbxContent" => {}
            // VML's default stroke is black.
            "line" => out.push(match e.attr("strokecolor") {
                None => Some("000000".to_owned()),
                Some(c) => vml_color(c),
            }),
            "wsp" | "cxnSp" => {
                let geometry = find(e, "prstGeom").and_then(|g| g.attr("prst"));
                if matches!(geometry, Some("line" | "straightConnector1")) || e.name == "cxnSp" {
                    let fill = find(e, "ln").and_then(|l| l.child("solidFill"));
                    out.push(fill.and_then(|f| {
                        f.child("srgbClr")
                            .and_then(|c| c.attr("val"))
                            .map(str::to_ascii_uppercase)
                            .or_else(|| {
                                f.child("prstClr")
                                    .and_then(|c| c.attr("val"))
                                    .and_then(vml_color)
                            })
                    }));
                }
            }
            _ => {
                for c in &e.children {
                    visit(c, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    visit(el, &mut out);
    out
}

/// The first descendant of `e` named `name`.
fn find<'e>(e: &'e El, name: &str) -> Option<&'e El> {
    e.children.iter().find_map(|c| {
        if c.name == name {
            Some(c)
        } else {
            find(c, name)
        }
    })
}

/// A VML or preset colour (`#FF0000`, `#f00`, `red`, `red [3213]`) as six upper-case
/// hex digits.
fn vml_color(v: &str) -> Option<String> {
    let v = v.split_whitespace().next()?.trim_start_matches('#');
    let hex = |s: &str| s.len() == 6 && s.chars().all(|c| c.is_ascii_hexdigit());
    if hex(v) {
        return Some(v.to_ascii_uppercase());
    }
    if v.len() == 3 && v.chars().all(|c| c.is_ascii_hexdigit()) {
        return Some(
            v.chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_uppercase(),
        );
    }
    let named = match v.to_ascii_lowercase().as_str() {
        "red" => "FF0000",
        "darkred" => "8B0000",
        "black" => "000000",
        "white" => "FFFFFF",
        "blue" => "0000FF",
        "green" => "008000",
        "yellow" => "FFFF00",
        "gray" | "grey" => "808080",
        _ => return None,
    };
    Some(named.to_owned())
}

/// Whether an element holds a shape (DrawingML or VML).
fn draws(el: &El) -> bool {
    el.children
        .iter()
        .any(|c| matches!(c.name.as_str(), "drawing" | "pict") || draws(c))
}

/// Characters of visible text in a run (its `w:t`; hidden runs count none).
fn text_of(run: &El) -> usize {
    let hidden = run
        .child("rPr")
        .and_then(|p| p.child("vanish"))
        .is_some_and(|v| !matches!(v.attr("val"), Some("0" | "false" | "off")));
    if hidden {
        return 0;
    }
    run.children
        .iter()
        .filter(|c| c.name == "t")
        .map(|t| t.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// The page of the body's last `w:sectPr` (a child of `w:body`).
fn page(xml: &str) -> Option<Page> {
    let mut reader = Reader::new(xml);
    let mut last: Option<Range<usize>> = None;
    let mut open: Option<usize> = None;
    while let Ok(Some(node)) = reader.next() {
        if local(node.name) != "sectPr" || node.depth != 2 {
            continue;
        }
        match node.kind {
            Kind::Start => open = Some(node.at),
            Kind::Empty => last = Some(node.at..node.end),
            Kind::End => last = open.take().map(|s| s..node.end),
            Kind::Text => {}
        }
    }
    let sect = tree(xml.get(last?)?)?;
    let size = sect.child("pgSz")?;
    let dim = |el: Option<&El>, name: &str| {
        el.and_then(|e| e.int(name))
            .map_or(0, |v| u32::try_from(v.unsigned_abs()).unwrap_or(0))
    };
    let margins = sect.child("pgMar");
    let grid = sect.child("docGrid");
    let line_pitch = grid
        .filter(|g| {
            matches!(
                g.attr("type"),
                Some("lines" | "linesAndChars" | "snapToChars")
            )
        })
        .and_then(|g| g.int("linePitch"))
        .and_then(|v| u32::try_from(v).ok());
    Some(Page {
        width: dim(Some(size), "w"),
        height: dim(Some(size), "h"),
        landscape: size.attr("orient") == Some("landscape"),
        top: dim(margins, "top"),
        bottom: dim(margins, "bottom"),
        left: dim(margins, "left"),
        right: dim(margins, "right"),
        line_pitch,
    })
}
