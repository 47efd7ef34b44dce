//! `layout`: the 版式 of a Word document — page size and margins, and the font, size,
//! alignment, first-line indent, line spacing and colour of the title, the headings of
//! one level or the body paragraphs — compared with the values the pack states, each
//! with its tolerance. The properties are read as Word resolves them (document
//! defaults, styles and their `basedOn` chains, direct formatting; see
//! [`crate::document::docx::Layout`]), so the check only compares numbers. For text,
//! Markdown and web pages it finds nothing: they have no layout.
//!
//! Which paragraphs are meant comes from the outline: `title` the title's lines,
//! `heading` the headings of `level` standing on their own line, `closing` the lines of
//! the 落款 (where `align: right` means standing on the right: aligned right, or moved
//! there by indents, leading spaces or a tab), `body` the body
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
//!
//! `target: page-number` looks at the `PAGE` field in the footers: `placement`
//! (`outside`: odd pages right and even pages left, which needs different odd and even
//! footers; or `center`, `right`, `left`), `dashes: true` (a 一字线 `—` on each side,
//! `— 1 —`) and `size`. `target: imprint` looks at the 版记 (抄送 and 印发 lines after
//! the 落款): the paragraph settings above, and `rules: { outer: 0.35, inner: 0.25,
//! tolerance: 0.05 }` (millimetres): the rules above and below it and between its
//! entries, as paragraph borders. A document without page numbers gives a finding; one
//! without a 版记 gives none. `target: masthead` looks at the 版头: the paragraph
//! settings on the 发文机关标志 (a 版头 line ending in `文件`), and `separator: red` (or
//! six hex digits) for the 分隔线 under it, a paragraph border or a drawn line. `color`
//! and `separator` take `red` for any red.
//!
//! A rule may say `fix: safe` (or `unsafe`): its findings then carry the formatting to
//! set ([`crate::report::Restyle`]) — the page setup, or on every paragraph the finding
//! counts the pack's first font, its size, alignment (a centred or right-aligned line
//! loses its first-line indent), first-line indent, the least line spacing as an exact
//! one, or the colour (black as “automatic”) — which `annotate --fix` writes as a
//! formatting revision. Page numbers and the 版记's rules have no fix.

mod imprint;
mod masthead;
mod page;
mod paragraphs;
mod words;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::pack::{Compiling, PackResult};

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
    #[serde(default)]
    pub placement: Option<Spanned<String>>,
    #[serde(default)]
    pub dashes: Option<bool>,
    #[serde(default)]
    pub rules: Option<Rules>,
    #[serde(default)]
    pub separator: Option<Spanned<String>>,
    #[serde(default)]
    pub fix: Option<Spanned<crate::report::Safety>>,
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
    /// The page numbers in the footers.
    PageNumber,
    /// The 版记.
    Imprint,
    /// The 版头: the 发文机关标志 and the 分隔线 under it.
    Masthead,
    /// The 落款: 署名 and 成文日期.
    Closing,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Page => "page",
            Target::Title => "title",
            Target::Heading => "heading",
            Target::Body => "body",
            Target::PageNumber => "page-number",
            Target::Imprint => "imprint",
            Target::Masthead => "masthead",
            Target::Closing => "closing",
        }
    }

    fn label(self, level: u8) -> String {
        match self {
            Target::Page => "页面".to_owned(),
            Target::Title => "标题".to_owned(),
            Target::Heading => format!(
                "{}级标题",
                ["一", "二", "三", "四", "五"][usize::from(level.clamp(1, 5)) - 1]
            ),
            Target::Body => "正文".to_owned(),
            Target::PageNumber => "页码".to_owned(),
            Target::Imprint => "版记".to_owned(),
            Target::Masthead => "发文机关标志".to_owned(),
            Target::Closing => "落款".to_owned(),
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

/// The widths of the 版记's rules, in millimetres.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rules {
    /// The first and last rule.
    pub outer: f64,
    /// The rules between its entries.
    pub inner: f64,
    /// Allowed difference.
    #[serde(default = "rule_tolerance")]
    pub tolerance: f64,
}

fn rule_tolerance() -> f64 {
    0.05
}

/// Where page numbers stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Odd pages right, even pages left.
    Outside,
    /// Centred.
    Center,
    /// Right on every page.
    Right,
    /// Left on every page.
    Left,
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
    /// Text colour: six upper-case hex digits, or `red` (any red).
    pub color: Option<String>,
    /// Where page numbers stand.
    pub placement: Option<Placement>,
    /// Page numbers between 一字线.
    pub dashes: bool,
    /// The 版记's rules.
    pub rules: Option<Rules>,
    /// The colour of the 分隔线 under the 版头 (`red`, or six upper-case hex digits).
    pub separator: Option<String>,
    /// Whether `annotate --fix` may set the page to the pack's values (`target: page`).
    pub fix: Option<crate::report::Safety>,
}

const ALIGNS: [&str; 4] = ["left", "center", "right", "both"];

impl Kind for LayoutCheck {
    const NAME: &'static str = "layout";
    const LABEL: &'static str = "版式";
    type Raw = RawLayout;

    fn compile(raw: &RawLayout, cx: &Compiling<'_>) -> PackResult<Self> {
        let target = raw.target.value;
        let page = raw.paper.is_some() || raw.margins.is_some();
        let numbers = raw.placement.is_some() || raw.dashes.is_some();
        let text = !raw.font.is_empty()
            || raw.align.is_some()
            || raw.first_line_chars.is_some()
            || raw.line_spacing.is_some()
            || raw.color.is_some();
        let (allowed, forbidden, any) = match target {
            Target::Page => (
                "`paper`、`margins`",
                text || numbers || raw.size.is_some() || raw.rules.is_some(),
                page,
            ),
            Target::PageNumber => (
                "`placement`、`dashes`、`size`",
                page || text || raw.rules.is_some(),
                numbers || raw.size.is_some(),
            ),
            Target::Imprint => (
                "`font`、`size`、`align`、`first-line-chars`、`line-spacing`、`color`、`rules`",
                page || numbers || raw.separator.is_some(),
                text || raw.size.is_some() || raw.rules.is_some(),
            ),
            Target::Masthead => (
                "`font`、`size`、`align`、`first-line-chars`、`line-spacing`、`color`、`separator`",
                page || numbers || raw.rules.is_some(),
                text || raw.size.is_some() || raw.separator.is_some(),
            ),
            _ => (
                "`font`、`size`、`align`、`first-line-chars`、`line-spacing`、`color`",
                page || numbers || raw.rules.is_some() || raw.separator.is_some(),
                text || raw.size.is_some(),
            ),
        };
        if forbidden || !any {
            return Err(cx.error(
                &raw.target,
                format!("`target: {}` 的版式检查只能写 {allowed}，且至少要有其中一项", target.name()),
                "此处",
                Some("页面设置写在 `target: page`，页码写在 `target: page-number`，版记的分隔线写在 `target: imprint` 的规则里".to_owned()),
            ));
        }
        let placement = match &raw.placement {
            None => None,
            Some(p) => Some(match p.value.as_str() {
                "outside" => Placement::Outside,
                "center" => Placement::Center,
                "right" => Placement::Right,
                "left" => Placement::Left,
                other => {
                    return Err(cx.error(
                        p,
                        format!("`placement` 的取值 `{other}` 无效"),
                        "此处",
                        Some(
                            "可用的取值：outside（单页居右、双页居左）、center、right、left"
                                .to_owned(),
                        ),
                    ));
                }
            }),
        };
        if let Some(f) = &raw.fix
            && (target == Target::PageNumber
                || (target == Target::Imprint && !text && raw.size.is_none()))
        {
            return Err(cx.error(
                f,
                format!("`target: {}` 的版式检查不能写 `fix`", target.name()),
                "此处",
                Some("页码和版记分隔线的修订尚不支持；页面设置和段落格式（字体、字号、对齐、首行缩进、行距、颜色）可以写 `fix`".to_owned()),
            ));
        }
        if let Some(r) = &raw.rules
            && !(r.outer > 0.0 && r.inner > 0.0 && r.tolerance >= 0.0)
        {
            return Err(cx.error_here(
                "`rules` 的 `outer`、`inner` 应大于 0，`tolerance` 不小于 0".to_owned(),
                "此处",
                None,
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
        let colour = |c: &Option<Spanned<String>>, key: &str| match c {
            Some(c) if c.value == "red" => Ok(Some("red".to_owned())),
            Some(c) if c.value.len() == 6 && c.value.chars().all(|x| x.is_ascii_hexdigit()) => {
                Ok(Some(c.value.to_ascii_uppercase()))
            }
            Some(c) => Err(cx.error(
                c,
                format!("`{key}` 的取值 `{}` 无效", c.value),
                "此处",
                Some("写六位十六进制颜色，如黑色 `'000000'`；或写 `red`，任何红色都算".to_owned()),
            )),
            None => Ok(None),
        };
        let color = colour(&raw.color, "color")?;
        let separator = colour(&raw.separator, "separator")?;
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
            placement,
            dashes: raw.dashes.unwrap_or(false),
            rules: raw.rules.clone(),
            separator,
            fix: raw.fix.as_ref().map(|f| f.value),
        })
    }
}

impl DocumentKind for LayoutCheck {
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let Some(layout) = cx.layout else {
            return Vec::new();
        };
        let title = cx.outline.title.as_ref().map(|t| t.span);
        match self.target {
            Target::Page => self.page(layout, title),
            Target::PageNumber => self.page_number(layout, title),
            Target::Imprint => {
                let mut hits = self.paragraph_hits(layout, cx);
                hits.extend(self.imprint_rules(layout, cx));
                hits
            }
            Target::Masthead => {
                let mut hits = self.paragraph_hits(layout, cx);
                hits.extend(self.masthead_rule(layout, cx));
                hits
            }
            _ => self.paragraph_hits(layout, cx),
        }
    }
}
