//! `layout`: the 版式 of a Word document — page size and margins, and the font, size,
//! alignment, first-line indent, line spacing and colour of the title, the headings of
//! one level or the body paragraphs — compared with the values the pack states, each
//! with its tolerance. The properties are read as Word resolves them (document
//! defaults, styles and their `basedOn` chains, direct formatting; see
//! [`crate::document::docx::Layout`]), so the check only compares numbers. For text,
//! Markdown and web pages it finds nothing: they have no layout.
//!
//! Which paragraphs are meant comes from the outline: `title` the title's lines,
//! `heading` the headings of `level` standing on their own line, `body` the body
//! paragraphs (not headings, tables, the 落款, or centred or right-aligned lines;
//! the 主送 line is not held to a first-line indent). Paragraphs with the same wrong
//! value give one finding, at the first of them, with their count.
//!
//! ```yaml
//! check:
//!   layout:
//!     target: body                 # page | title | heading | body
//!     font: [仿宋_GB2312, 仿宋, FangSong, 方正仿宋_GBK, 方正仿宋简体]
//!     size: 16                     # 磅（三号）
//!     first-line-chars: 2
//!     line-spacing: { min: 28, max: 29.5 }
//! ```
//!
//! For `target: page`: `paper: { width: 210, height: 297, tolerance: 1 }` (millimetres,
//! portrait) and `margins: { top: 37, bottom: 35, left: 28, right: 26, tolerance: 1 }`.
//! Other settings: `align` (`left`, `center`, `right`, `both`), `color` (six hex digits;
//! unset or `auto` counts as `000000`), `level` (1–5, with `target: heading`).

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::document::docx::{Layout, LineSpacing, ParagraphLayout};
use crate::pack::{Compiling, PackResult};
use crate::span::Span;

/// Twips in a millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// A `layout` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawLayout {
    pub target: Spanned<Target>,
    #[serde(default)]
    pub level: Option<Spanned<u8>>,
    #[serde(default)]
    pub paper: Option<Paper>,
    #[serde(default)]
    pub margins: Option<Margins>,
    #[serde(default)]
    pub font: Vec<String>,
    #[serde(default)]
    pub size: Option<f64>,
    #[serde(default)]
    pub align: Option<Spanned<String>>,
    #[serde(default)]
    pub first_line_chars: Option<f64>,
    #[serde(default)]
    pub line_spacing: Option<Range>,
    #[serde(default)]
    pub color: Option<Spanned<String>>,
}

/// What a `layout` rule looks at.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// The page: paper and margins.
    Page,
    /// The title's paragraphs.
    Title,
    /// Headings of one level on their own line.
    Heading,
    /// Body paragraphs.
    Body,
}

impl Target {
    fn label(self, level: u8) -> String {
        match self {
            Target::Page => "页面".to_owned(),
            Target::Title => "标题".to_owned(),
            Target::Heading => format!(
                "{}级标题",
                ["一", "二", "三", "四", "五"][usize::from(level.clamp(1, 5)) - 1]
            ),
            Target::Body => "正文".to_owned(),
        }
    }
}

/// Paper size in millimetres, portrait.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Paper {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Allowed difference.
    #[serde(default = "one")]
    pub tolerance: f64,
}

/// Margins in millimetres.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Margins {
    /// 天头.
    pub top: f64,
    /// Bottom.
    pub bottom: f64,
    /// 订口.
    pub left: f64,
    /// Right.
    pub right: f64,
    /// Allowed difference.
    #[serde(default = "one")]
    pub tolerance: f64,
}

fn one() -> f64 {
    1.0
}

/// A range of points.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Range {
    /// Least.
    pub min: f64,
    /// Most.
    pub max: f64,
}

/// A compiled `layout` check.
#[derive(Clone, Debug)]
pub struct LayoutCheck {
    /// What it looks at.
    pub target: Target,
    /// The heading level (`target: heading`).
    pub level: u8,
    /// Paper size.
    pub paper: Option<Paper>,
    /// Margins.
    pub margins: Option<Margins>,
    /// Accepted East Asian fonts (any of them).
    pub font: Vec<String>,
    /// Size in points.
    pub size: Option<f64>,
    /// `w:jc` value.
    pub align: Option<String>,
    /// First-line indent in characters.
    pub first_line_chars: Option<f64>,
    /// Line spacing in points.
    pub line_spacing: Option<Range>,
    /// Text colour, six upper-case hex digits.
    pub color: Option<String>,
}

const ALIGNS: [&str; 4] = ["left", "center", "right", "both"];

impl Kind for LayoutCheck {
    const NAME: &'static str = "layout";
    const LABEL: &'static str = "版式";
    type Raw = RawLayout;

    fn compile(raw: &RawLayout, cx: &Compiling<'_>) -> PackResult<Self> {
        let target = raw.target.value;
        let page = raw.paper.is_some() || raw.margins.is_some();
        let text = !raw.font.is_empty()
            || raw.size.is_some()
            || raw.align.is_some()
            || raw.first_line_chars.is_some()
            || raw.line_spacing.is_some()
            || raw.color.is_some();
        if target == Target::Page && (text || !page) {
            return Err(cx.error(
                &raw.target,
                "`target: page` 只能检查 `paper` 和 `margins`，且至少要有其中一项".to_owned(),
                "此处",
                None,
            ));
        }
        if target != Target::Page && (page || !text) {
            return Err(cx.error(
                &raw.target,
                "段落的版式检查不能写 `paper`、`margins`，且至少要有 `font`、`size`、`align`、`first-line-chars`、`line-spacing`、`color` 中的一项".to_owned(),
                "此处",
                Some("页面设置写在 `target: page` 的规则里".to_owned()),
            ));
        }
        let level = match (&raw.level, target) {
            (Some(l), Target::Heading) if (1..=5).contains(&l.value) => l.value,
            (Some(l), Target::Heading) => {
                return Err(cx.error(l, "`level` 应为 1–5".to_owned(), "此处", None));
            }
            (None, Target::Heading) => {
                return Err(cx.error(
                    &raw.target,
                    "`target: heading` 须写明 `level`（1–5）".to_owned(),
                    "此处",
                    None,
                ));
            }
            (Some(l), _) => {
                return Err(cx.error(
                    l,
                    "只有 `target: heading` 可以写 `level`".to_owned(),
                    "此处",
                    None,
                ));
            }
            (None, _) => 0,
        };
        let align = match &raw.align {
            Some(a) if ALIGNS.contains(&a.value.as_str()) => Some(a.value.clone()),
            Some(a) => {
                return Err(cx.error(
                    a,
                    format!("`align` 的取值 `{}` 无效", a.value),
                    "此处",
                    Some(format!("可用的取值：{}", ALIGNS.join("、"))),
                ));
            }
            None => None,
        };
        let color = match &raw.color {
            Some(c) if c.value.len() == 6 && c.value.chars().all(|x| x.is_ascii_hexdigit()) => {
                Some(c.value.to_ascii_uppercase())
            }
            Some(c) => {
                return Err(cx.error(
                    c,
                    format!("`color` 的取值 `{}` 无效", c.value),
                    "此处",
                    Some("写六位十六进制颜色，如黑色 `'000000'`".to_owned()),
                ));
            }
            None => None,
        };
        if let Some(r) = &raw.line_spacing
            && !(r.min > 0.0 && r.min <= r.max)
        {
            return Err(cx.error_here(
                "`line-spacing` 的 `min` 应大于 0 且不大于 `max`".to_owned(),
                "此处",
                None,
            ));
        }
        Ok(LayoutCheck {
            target,
            level,
            paper: raw.paper.clone(),
            margins: raw.margins.clone(),
            font: raw.font.clone(),
            size: raw.size,
            align,
            first_line_chars: raw.first_line_chars,
            line_spacing: raw.line_spacing.clone(),
            color,
        })
    }
}

impl DocumentKind for LayoutCheck {
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let Some(layout) = cx.layout else {
            return Vec::new();
        };
        let title = cx.outline.title.as_ref().map(|t| t.span);
        if self.target == Target::Page {
            return self.page(layout, title);
        }
        let paragraphs = self.paragraphs(layout, cx);
        let what = self.target.label(self.level);
        let mut hits = Vec::new();
        if !self.font.is_empty() {
            hits.extend(grouped(
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
            ));
        }
        if let Some(size) = self.size {
            hits.extend(grouped(
                &paragraphs,
                |p| {
                    let found = f64::from(p.size()?) / 2.0;
                    ((found - size).abs() > 0.25).then(|| format!("{what}字号为 {}", points(found)))
                },
                &format!("应为 {}", points(size)),
            ));
        }
        if let Some(align) = &self.align {
            hits.extend(grouped(
                &paragraphs,
                |p| {
                    (!p.runs.is_empty() && p.align != *align)
                        .then(|| format!("{what}{}", align_label(&p.align)))
                },
                &format!("应为{}", align_label(align)),
            ));
        }
        if let Some(chars) = self.first_line_chars {
            let addressee = cx.outline.addressee;
            hits.extend(grouped(
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
            ));
        }
        if let Some(range) = &self.line_spacing {
            let pitch = layout.page.as_ref().and_then(|p| p.line_pitch);
            hits.extend(grouped(
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
            ));
        }
        if let Some(color) = &self.color {
            hits.extend(grouped(
                &paragraphs,
                |p| {
                    let other = p.runs.iter().find_map(|r| {
                        let c = r.color.as_deref().unwrap_or("auto").to_ascii_uppercase();
                        let c = if c == "AUTO" { "000000".to_owned() } else { c };
                        (c != *color).then_some(c)
                    })?;
                    Some(format!("{what}文字颜色为 {other}"))
                },
                &format!(
                    "应为 {color}{}",
                    if color == "000000" {
                        "（黑色）"
                    } else {
                        ""
                    }
                ),
            ));
        }
        hits
    }
}

impl LayoutCheck {
    fn page(&self, layout: &Layout, at: Option<Span>) -> Vec<Hit> {
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
                hits.push(Hit::at(
                    at,
                    format!(
                        "纸张为 {} × {} 毫米，应为 {} × {} 毫米 ±{}",
                        number(w),
                        number(h),
                        number(paper.width),
                        number(paper.height),
                        number(paper.tolerance)
                    ),
                ));
            } else if page.landscape || w > h {
                hits.push(Hit::at(at, "纸张为横向，应为纵向".to_owned()));
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
                    hits.push(Hit::at(
                        at,
                        format!(
                            "页边距（{side}）为 {} 毫米，应为 {} 毫米 ±{}",
                            number(found),
                            number(want),
                            number(m.tolerance)
                        ),
                    ));
                }
            }
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
            Target::Page => Vec::new(),
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

/// One hit per distinct wrong value: at the first paragraph with it, with their count.
fn grouped(
    paragraphs: &[&ParagraphLayout],
    wrong: impl Fn(&ParagraphLayout) -> Option<String>,
    expected: &str,
) -> Vec<Hit> {
    let mut found: Vec<(String, Span, usize)> = Vec::new();
    for p in paragraphs {
        let Some(what) = wrong(p) else { continue };
        match found.iter_mut().find(|(w, _, _)| *w == what) {
            Some((_, _, n)) => *n += 1,
            None => found.push((what, Span::new(p.text.start, p.text.end), 1)),
        }
    }
    found
        .into_iter()
        .map(|(what, span, n)| {
            let count = if n > 1 {
                format!("（共 {n} 段）")
            } else {
                String::new()
            };
            Hit::at(Some(span), format!("{what}{count}，{expected}"))
        })
        .collect()
}

/// The value most of a paragraph's text has; `None` without runs.
fn dominant<T: PartialEq + Clone>(
    p: &ParagraphLayout,
    value: impl Fn(&crate::document::docx::RunLayout) -> T,
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

/// Font names compared as Word lists them: case and spaces do not count.
fn same_font(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

fn fonts(list: &[String]) -> String {
    match list {
        [one] => format!("“{one}”"),
        [first, rest @ ..] => format!(
            "“{first}”（或{}{}）",
            rest.iter()
                .take(2)
                .map(|f| format!("“{f}”"))
                .collect::<Vec<_>>()
                .join("、"),
            if rest.len() > 2 { "等" } else { "" }
        ),
        [] => String::new(),
    }
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

/// Points, with the Chinese size name where there is one (`16 磅（三号）`).
fn points(pt: f64) -> String {
    const NAMES: [(f64, &str); 14] = [
        (42.0, "初号"),
        (36.0, "小初"),
        (26.0, "一号"),
        (24.0, "小一"),
        (22.0, "二号"),
        (18.0, "小二"),
        (16.0, "三号"),
        (15.0, "小三"),
        (14.0, "四号"),
        (12.0, "小四"),
        (10.5, "五号"),
        (9.0, "小五"),
        (7.5, "六号"),
        (6.5, "小六"),
    ];
    match NAMES.iter().find(|(p, _)| (p - pt).abs() < 0.01) {
        Some((_, name)) => format!("{} 磅（{name}）", number(pt)),
        None => format!("{} 磅", number(pt)),
    }
}

fn align_label(jc: &str) -> String {
    match jc {
        "left" => "左对齐",
        "center" => "居中",
        "right" => "右对齐",
        "both" => "两端对齐",
        "distribute" => "分散对齐",
        other => return format!("对齐方式为“{other}”"),
    }
    .to_owned()
}

/// A number with at most one decimal, without a trailing `.0`.
fn number(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}
