//! Paragraph styles (`word/styles.xml`): which numbering a style applies, whether it is
//! a heading or the title, its alignment and font size, following `basedOn` chains down
//! to the document defaults (`w:docDefaults`).

use std::collections::HashMap;

use super::numbering::is_on;
use super::xml::{Kind, Names, Node, Reader, attr};
use crate::outline::Hint;

#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    /// `w:jc` is `center`.
    centred: Option<bool>,
    /// `w:sz`, in half-points.
    size: Option<u32>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
    default: Option<String>,
    /// `w:docDefaults`: paragraph and run properties under every style.
    defaults: Style,
}

/// How deep a `basedOn` chain is followed (chains can be cyclic in broken files).
const MAX_CHAIN: usize = 16;

/// Word's font size where nothing sets one: 10 pt, in half-points.
const WORD_DEFAULT_SIZE: u32 = 20;

/// Word's largest font size (1638 pt), in half-points.
const MAX_SIZE: u32 = 3276;

/// The numbering a paragraph shows: the instance and the level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NumberingRef {
    /// `w:numId` (never `0`).
    pub(super) num_id: String,
    /// `w:ilvl`, 0–8.
    pub(super) ilvl: u8,
}

/// Where in a style (or in the defaults) the reader is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Props {
    Paragraph,
    Run,
}

/// `w:jc` says the paragraph is centred (`center`; `centre` and `middle` from other
/// writers).
pub(super) fn is_centred(jc: &str) -> bool {
    matches!(jc, "center" | "centre" | "middle")
}

/// A `w:sz` value in half-points, if it is one.
pub(super) fn half_points(v: &str) -> Option<u32> {
    let n = v.trim().parse::<f64>().ok()?;
    (n.is_finite() && n > 0.0).then(|| (n.round() as u32).min(MAX_SIZE))
}

impl Styles {
    /// Parse `styles.xml`; paragraph and numbering styles and the defaults are kept.
    pub(super) fn parse(xml: &str) -> Result<Styles, super::xml::XmlError> {
        let mut styles = Styles::default();
        let mut reader = Reader::new(xml);
        let mut names = Names::default();
        // The style being read and the depth of its element.
        let mut current: Option<(String, Style, usize)> = None;
        // Inside `w:rPrDefault`/`w:pPrDefault`.
        let mut in_defaults = false;
        // The `w:pPr`/`w:rPr` being read, and its depth.
        let mut props: Option<(Props, usize)> = None;
        // Depth of a change record whose contents are not the style's own.
        let mut skip: Option<usize> = None;
        while let Some(ev) = reader.next()? {
            if ev.is_root() {
                names = Names::from_root(&ev);
            }
            if let Some(depth) = skip {
                if ev.is_end() && ev.depth == depth {
                    skip = None;
                }
                continue;
            }
            let Some(local) = names.w(ev.name) else {
                continue;
            };
            if ev.kind == Kind::Start && matches!(local, "pPrChange" | "rPrChange" | "tblStylePr") {
                skip = Some(ev.depth);
                continue;
            }
            if matches!(local, "pPr" | "rPr") {
                let owner_depth = match &current {
                    Some((_, _, depth)) => Some(depth + 1),
                    None => in_defaults.then_some(ev.depth),
                };
                if owner_depth == Some(ev.depth) {
                    let which = if local == "pPr" {
                        Props::Paragraph
                    } else {
                        Props::Run
                    };
                    props = (ev.kind == Kind::Start).then_some((which, ev.depth));
                }
                continue;
            }
            if matches!(local, "rPrDefault" | "pPrDefault") {
                in_defaults = ev.kind == Kind::Start;
                continue;
            }
            if local == "style" {
                if ev.is_start() {
                    current = style_start(&ev, &names, &mut styles.default);
                }
                if ev.is_end()
                    && let Some((id, style, _)) = current.take()
                {
                    styles.styles.insert(id, style);
                }
                props = None;
                continue;
            }
            if !ev.is_start() {
                continue;
            }
            let target = match &mut current {
                Some((_, style, _)) => style,
                None if in_defaults => &mut styles.defaults,
                None => continue,
            };
            read_property(target, local, props.map(|(p, _)| p), &ev, &names);
        }
        Ok(styles)
    }

    /// The styles from `id` (or the default paragraph style) up its `basedOn` chain. A
    /// style the document does not define stands for the default one, as in Word.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = (&'s str, &'s Style)> {
        let known = id.filter(|id| self.styles.contains_key(*id));
        let mut next = known.or(self.default.as_deref());
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.styles.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
        .take(MAX_CHAIN)
    }

    /// The numbering instance a style applies (the nearest `w:numId` up its chain; `0`
    /// included), as numbering style links need it.
    pub(super) fn num_id(&self, id: &str) -> Option<String> {
        if !self.styles.contains_key(id) {
            return None;
        }
        self.chain(Some(id)).find_map(|(_, s)| s.num_id.clone())
    }

    /// The numbering a paragraph shows, resolved as Word does: `w:numId` and `w:ilvl`
    /// each from the nearest place that sets it — the paragraph, then its style up the
    /// `basedOn` chain — so a style that sets only a level takes the instance from its
    /// base. A `w:numId` of `0` switches numbering off. Without a level anywhere, the
    /// level of the instance's definition linked to the style (`w:pStyle`, `linked`
    /// answers for an instance and a style id), nearest style first, else level 0.
    pub(super) fn numbering(
        &self,
        style: Option<&str>,
        num_id: Option<&str>,
        ilvl: Option<u8>,
        linked: impl Fn(&str, &str) -> Option<u8>,
    ) -> Option<NumberingRef> {
        let num_id = match num_id {
            Some(id) => id.to_owned(),
            None => self.chain(style).find_map(|(_, s)| s.num_id.clone())?,
        };
        let num_id = num_id.trim();
        if num_id.is_empty() || num_id == "0" {
            return None;
        }
        let ilvl = ilvl
            .or_else(|| self.chain(style).find_map(|(_, s)| s.ilvl))
            .or_else(|| self.chain(style).find_map(|(sid, _)| linked(num_id, sid)))
            .unwrap_or(0);
        Some(NumberingRef {
            num_id: num_id.to_owned(),
            ilvl: ilvl.min(8),
        })
    }

    /// Whether the style centres its paragraphs (through its chain and the defaults).
    pub(super) fn centred(&self, id: Option<&str>) -> bool {
        self.chain(id)
            .find_map(|(_, s)| s.centred)
            .or(self.defaults.centred)
            .unwrap_or(false)
    }

    /// The font size of the style's text in half-points (through its chain and the
    /// defaults; Word's 10 pt where nothing sets one).
    pub(super) fn size(&self, id: Option<&str>) -> u32 {
        self.chain(id)
            .find_map(|(_, s)| s.size)
            .or(self.defaults.size)
            .unwrap_or(WORD_DEFAULT_SIZE)
    }

    /// Whether the style is one Word gives table-of-contents entries (`toc 1`, `目录 1`).
    pub(super) fn is_toc(&self, id: Option<&str>) -> bool {
        // Word's own ids for them (TOC1 … TOC9), even where the style is not defined.
        let word_id = id.is_some_and(|id| {
            let lower = id.to_ascii_lowercase();
            lower
                .strip_prefix("toc")
                .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
        });
        if word_id {
            return true;
        }
        let id = id.or(self.default.as_deref());
        let Some(style) = id.and_then(|id| self.styles.get(id)) else {
            return false;
        };
        let name = style.name.to_lowercase();
        ["toc ", "目录 ", "toc heading"]
            .iter()
            .any(|p| name.starts_with(p))
    }

    /// Whether the style is the title or a heading (`标题 1`, `Heading 2`, or an outline
    /// level).
    pub(super) fn hint(&self, id: Option<&str>) -> Option<Hint> {
        for (_, s) in self.chain(id) {
            let name = s.name.to_lowercase();
            if matches!(name.as_str(), "title" | "标题") {
                return Some(Hint::Title);
            }
            if let Some(n) = name
                .strip_prefix("heading")
                .or_else(|| name.strip_prefix("标题"))
                .and_then(|rest| rest.trim().parse::<u8>().ok())
                .filter(|n| (1..=9).contains(n))
            {
                return Some(Hint::Heading(n));
            }
            if let Some(level) = s.outline {
                return outline_hint(level);
            }
        }
        None
    }
}

/// A `w:style` element: its id and an empty style, if it is a paragraph or numbering
/// style (abstract numberings link to numbering styles); notes the default one.
fn style_start(
    ev: &Node<'_>,
    names: &Names,
    default: &mut Option<String>,
) -> Option<(String, Style, usize)> {
    let kind = attr(ev, names, "type");
    let paragraph = kind.as_deref().is_none_or(|t| t == "paragraph");
    let id =
        attr(ev, names, "styleId").filter(|_| paragraph || kind.as_deref() == Some("numbering"))?;
    // Only a paragraph style is the default paragraph style (`NoList`, the default
    // numbering style, is not).
    if paragraph && attr(ev, names, "default").is_some_and(|d| is_on(&d)) && default.is_none() {
        *default = Some(id.clone());
    }
    Some((id, Style::default(), ev.depth))
}

/// One property element of a style (or of the defaults) read into `style`.
fn read_property(
    style: &mut Style,
    local: &str,
    props: Option<Props>,
    ev: &Node<'_>,
    names: &Names,
) {
    let val = || attr(ev, names, "val");
    match (props, local) {
        (None, "name") => style.name = val().unwrap_or_default(),
        (None, "basedOn") => style.based_on = val(),
        (Some(Props::Paragraph), "numId") => style.num_id = val(),
        (Some(Props::Paragraph), "ilvl") => style.ilvl = val().and_then(|v| v.parse().ok()),
        (Some(Props::Paragraph), "outlineLvl") => {
            style.outline = val().and_then(|v| v.parse().ok());
        }
        (Some(Props::Paragraph), "jc") => style.centred = val().map(|v| is_centred(&v)),
        (Some(Props::Run), "sz") => style.size = val().and_then(|v| half_points(&v)),
        _ => {}
    }
}

/// A `w:outlineLvl` value (0-based; 9 is body text) as a hint.
pub(super) fn outline_hint(level: u8) -> Option<Hint> {
    (level < 9).then_some(Hint::Heading(level + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn parse(styles: &str) -> Styles {
        Styles::parse(&format!("<w:styles {W}>{styles}</w:styles>")).unwrap()
    }

    #[test]
    fn chains_names_and_hints() {
        let s = parse(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>
  <w:rPr><w:outlineLvl w:val="5"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="my"><w:name w:val="我的一级"/><w:basedOn w:val="1"/></w:style>
<w:style w:type="paragraph" w:styleId="lvl"><w:name w:val="要点"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
<w:style w:type="character" w:styleId="c"><w:name w:val="heading 1 Char"/></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="nl"><w:name w:val="No List"/></w:style>
<w:style w:type="paragraph" w:styleId="loop"><w:name w:val="x"/><w:basedOn w:val="loop"/></w:style>"#,
        );
        assert_eq!(s.hint(Some("my")), Some(Hint::Heading(1)));
        assert_eq!(s.hint(Some("lvl")), Some(Hint::Heading(2)));
        assert_eq!(s.hint(Some("a3")), Some(Hint::Title));
        assert_eq!(s.hint(None), None);
        assert_eq!(s.hint(Some("c")), None, "character styles are not kept");
        assert_eq!(s.hint(Some("loop")), None);
        assert_eq!(
            s.default.as_deref(),
            Some("a"),
            "not the default numbering style"
        );
        assert_eq!(s.num_id("my").as_deref(), Some("3"));
        // A paragraph in a style the document lacks is in the default style, but a
        // numbering style link to a missing style leads nowhere.
        let numbered_default = parse(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>"#,
        );
        assert_eq!(
            numbered_default.numbering(Some("gone"), None, None, no_links),
            at("9", 0)
        );
        assert_eq!(numbered_default.num_id("gone"), None);
    }

    /// 标题 1 carries numId 1 at level 0; 标题 2 is based on it and sets only level 1.
    const NUMBERED: &str = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="Normal" w:rsidR="00A1"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:link w:val="1Char"/><w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="00A1"/>
  <w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="plain"><w:name w:val="无编号一级"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="linked"><w:name w:val="条款"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="sub"><w:name w:val="条款正文"/><w:basedOn w:val="linked"/></w:style>"#;

    fn at(num_id: &str, ilvl: u8) -> Option<NumberingRef> {
        Some(NumberingRef {
            num_id: num_id.to_owned(),
            ilvl,
        })
    }

    fn no_links(_: &str, _: &str) -> Option<u8> {
        None
    }

    #[test]
    fn a_style_that_sets_only_the_level_takes_the_instance_from_its_base() {
        let s = parse(NUMBERED);
        assert_eq!(s.numbering(Some("1"), None, None, no_links), at("1", 0));
        assert_eq!(s.numbering(Some("2"), None, None, no_links), at("1", 1));
        // The paragraph's own instance keeps the level its style gives.
        assert_eq!(
            s.numbering(Some("2"), Some("7"), None, no_links),
            at("7", 1)
        );
        assert_eq!(s.numbering(None, None, None, no_links), None);
        assert_eq!(s.numbering(None, Some("4"), None, no_links), at("4", 0));
    }

    #[test]
    fn num_id_zero_switches_numbering_off() {
        let s = parse(NUMBERED);
        assert_eq!(s.numbering(Some("2"), Some("0"), None, no_links), None);
        assert_eq!(s.numbering(Some("1"), Some("0"), Some(1), no_links), None);
        // A style nearer the paragraph than the numbered one.
        assert_eq!(s.numbering(Some("plain"), None, None, no_links), None);
        // The paragraph can switch it back on.
        assert_eq!(
            s.numbering(Some("plain"), Some("1"), None, no_links),
            at("1", 0)
        );
    }

    #[test]
    fn the_paragraph_level_comes_before_the_style_level() {
        let s = parse(NUMBERED);
        assert_eq!(s.numbering(Some("2"), None, Some(3), no_links), at("1", 3));
        assert_eq!(s.numbering(Some("1"), None, Some(2), no_links), at("1", 2));
        assert_eq!(
            s.numbering(Some("1"), None, Some(200), no_links),
            at("1", 8)
        );
    }

    #[test]
    fn without_a_level_the_level_linked_to_the_style_counts() {
        let s = parse(NUMBERED);
        let linked = |num: &str, style: &str| (num == "5" && style == "linked").then_some(2);
        assert_eq!(s.numbering(Some("linked"), None, None, linked), at("5", 2));
        assert_eq!(s.numbering(Some("sub"), None, None, linked), at("5", 2));
        assert_eq!(
            s.numbering(Some("linked"), None, None, no_links),
            at("5", 0)
        );
        // A level set anywhere comes first.
        assert_eq!(
            s.numbering(Some("linked"), None, Some(1), linked),
            at("5", 1)
        );
    }

    #[test]
    fn alignment_and_size_through_chains_and_defaults() {
        let s = parse(
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="t"><w:name w:val="大标题"/><w:basedOn w:val="a"/><w:pPr><w:jc w:val="center"/><w:pPrChange w:id="1" w:author="a"><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange></w:pPr><w:rPr><w:sz w:val="44"/><w:rPrChange w:id="2" w:author="a"><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrChange></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="t2"><w:name w:val="副标题"/><w:basedOn w:val="t"/><w:pPr><w:jc w:val="left"/></w:pPr></w:style>
<w:style w:type="table" w:styleId="g"><w:name w:val="Table Grid"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>"#,
        );
        assert_eq!(s.size(None), 32);
        assert_eq!(s.size(Some("a")), 32);
        assert_eq!(
            s.size(Some("t")),
            44,
            "not the size before a tracked change"
        );
        assert_eq!(s.size(Some("t2")), 44);
        assert_eq!(
            s.size(Some("undefined")),
            32,
            "an unknown style is the default one"
        );
        assert!(!s.centred(None));
        assert!(s.centred(Some("t")));
        assert!(!s.centred(Some("t2")));
        assert!(!s.centred(Some("g")));
        let bare = parse(
            r#"<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>"#,
        );
        assert_eq!(bare.size(None), WORD_DEFAULT_SIZE);
        assert_eq!(half_points("21.5"), Some(22));
        assert_eq!(half_points("-3"), None);
        assert_eq!(half_points("99999"), Some(MAX_SIZE));
    }
}
