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

use std::collections::HashMap;
use std::ops::Range;

use super::body::Paragraph;
use super::xml::{Kind, Reader};

/// A Word document's page and paragraph formatting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The page of the last (or only) section; `None` when the document has no
    /// `w:sectPr` with a page size.
    pub page: Option<Page>,
    /// The paragraphs of the main text (text boxes left out), in text order.
    pub paragraphs: Vec<ParagraphLayout>,
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
    /// Line spacing.
    pub spacing: LineSpacing,
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
        let mut by: Vec<(u32, usize)> = Vec::new();
        for r in &self.runs {
            match by.iter_mut().find(|(s, _)| *s == r.size) {
                Some((_, n)) => *n += r.chars,
                None => by.push((r.size, r.chars)),
            }
        }
        by.iter().max_by_key(|(_, n)| *n).map(|(s, _)| *s)
    }
}

/// An element of a part as a small tree: local name, attributes by local name,
/// children, text.
#[derive(Clone, Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<El>,
    text: String,
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    fn int(&self, name: &str) -> Option<i64> {
        self.attr(name)?
            .trim()
            .parse::<f64>()
            .ok()
            .map(|v| v as i64)
    }
}

/// The tree of one XML element (a whole part or a slice holding one element).
fn tree(xml: &str) -> Option<El> {
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
enum Font {
    Named(String),
    Theme(String),
}

/// Run properties as one level sets them.
#[derive(Clone, Debug, Default)]
struct RunProps {
    font: Option<Font>,
    size: Option<u32>,
    color: Option<String>,
    style: Option<String>,
}

impl RunProps {
    fn read(rpr: Option<&El>) -> RunProps {
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

    fn over(&mut self, top: &RunProps) {
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
struct ParaProps {
    jc: Option<String>,
    first_line: Option<i32>,
    first_line_chars: Option<i32>,
    line: Option<u32>,
    line_rule: Option<String>,
    style: Option<String>,
}

impl ParaProps {
    fn read(ppr: Option<&El>) -> ParaProps {
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
        }
    }

    fn over(&mut self, top: &ParaProps) {
        if top.jc.is_some() {
            self.jc.clone_from(&top.jc);
        }
        if top.first_line.is_some() {
            self.first_line = top.first_line;
        }
        if top.first_line_chars.is_some() {
            self.first_line_chars = top.first_line_chars;
        }
        if top.line.is_some() {
            self.line = top.line;
        }
        if top.line_rule.is_some() {
            self.line_rule.clone_from(&top.line_rule);
        }
    }
}

#[derive(Clone, Debug, Default)]
struct Style {
    based_on: Option<String>,
    para: ParaProps,
    run: RunProps,
}

/// The styles part: document defaults and styles by id.
#[derive(Debug, Default)]
struct Sheet {
    para: ParaProps,
    run: RunProps,
    styles: HashMap<String, Style>,
    default_para: Option<String>,
}

impl Sheet {
    fn read(xml: Option<&str>) -> Sheet {
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
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
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
fn theme_fonts(xml: Option<&str>) -> (Option<String>, Option<String>) {
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

/// Read the layout of the main part `xml`, whose `paragraphs` the body reader found,
/// with its styles and theme parts. Parts that cannot be read count as absent.
pub(super) fn read(
    xml: &str,
    styles: Option<&str>,
    theme: Option<&str>,
    paragraphs: &[Paragraph],
) -> Layout {
    let sheet = Sheet::read(styles);
    let (minor, major) = theme_fonts(theme);
    let resolve_font = |f: &Option<Font>| match f {
        Some(Font::Named(n)) if !n.is_empty() => Some(n.clone()),
        Some(Font::Theme(t)) if t.starts_with("major") => major.clone(),
        Some(Font::Theme(_)) => minor.clone(),
        _ => None,
    };
    let mut out = Layout {
        page: page(xml),
        paragraphs: Vec::new(),
    };
    for p in paragraphs.iter().filter(|p| p.story == 0) {
        let Some(el) = xml.get(p.xml.clone()).and_then(tree) else {
            continue;
        };
        let direct = ParaProps::read(el.child("pPr"));
        let style_id = direct.style.clone().or_else(|| sheet.default_para.clone());
        let chain = sheet.chain(style_id.as_deref());
        let mut para = sheet.para.clone();
        let mut run_base = sheet.run.clone();
        for s in &chain {
            para.over(&s.para);
            run_base.over(&s.run);
        }
        para.over(&direct);
        let mut runs = Vec::new();
        collect_runs(&el, &mut |r: &El| {
            let chars: usize = text_of(r);
            if chars == 0 {
                return;
            }
            let direct = RunProps::read(r.child("rPr"));
            let mut props = run_base.clone();
            for s in sheet.chain(direct.style.as_deref()) {
                props.over(&s.run);
            }
            props.over(&direct);
            runs.push(RunLayout {
                font: resolve_font(&props.font),
                size: props.size.unwrap_or(20),
                color: props.color,
                chars,
            });
        });
        let line = para.line.unwrap_or(240);
        let spacing = match para.line_rule.as_deref() {
            Some("exact") => LineSpacing::Exact(line),
            Some("atLeast") => LineSpacing::AtLeast(line),
            _ => LineSpacing::Multiple(line),
        };
        let align = match para.jc.as_deref() {
            None | Some("start") => "left".to_owned(),
            Some("end") => "right".to_owned(),
            Some(j) => j.to_owned(),
        };
        out.paragraphs.push(ParagraphLayout {
            text: p.text.clone(),
            align,
            first_line_chars: para.first_line_chars,
            first_line: para.first_line.unwrap_or(0),
            spacing,
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

/// A `.docx` package whose main part's body is `body` (WordprocessingML with the `w:`
/// prefix: paragraphs and a `w:sectPr`), for the examples of `layout` rules. A leading
/// `<w:styles>…</w:styles>` element becomes the styles part (document defaults and
/// styles).
pub fn example_docx(body: &str) -> Vec<u8> {
    use std::io::{Cursor, Write};
    const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let body = body.trim();
    let (styles, body) = match body
        .strip_prefix("<w:styles>")
        .and_then(|s| s.split_once("</w:styles>"))
    {
        Some((styles, rest)) => (Some(styles), rest.trim()),
        None => (None, body),
    };
    let mut parts = vec![
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
</Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>"
                .to_owned(),
        ),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W_NS}\"><w:body>{body}</w:body></w:document>"
            ),
        ),
    ];
    if let Some(styles) = styles {
        parts.push((
            "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>"
                .to_owned(),
        ));
        parts.push((
            "word/styles.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W_NS}\">{styles}</w:styles>"),
        ));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, xml) in parts {
        // Writing to memory cannot fail.
        let _ = zip.start_file(name, options);
        let _ = zip.write_all(xml.as_bytes());
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}
