//! Paragraph styles (`word/styles.xml`): which numbering a style applies and whether it
//! is a heading or the title, following `basedOn` chains.

use std::collections::HashMap;

use super::numbering::is_on;
use super::xml::{Names, Reader, attr};
use crate::outline::Hint;

#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
    default: Option<String>,
}

/// How deep a `basedOn` chain is followed (chains can be cyclic in broken files).
const MAX_CHAIN: usize = 16;

impl Styles {
    /// Parse `styles.xml`; paragraph and numbering styles are kept.
    pub(super) fn parse(xml: &str) -> Result<Styles, quick_xml::Error> {
        let mut styles = Styles::default();
        let mut reader = Reader::new(xml);
        let mut names = Names::default();
        let mut current: Option<(String, Style)> = None;
        // Depth of a `pPrChange`/`rPr` whose contents are not the style's own.
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
            if ev.kind == super::xml::Kind::Start && matches!(local, "pPrChange" | "rPr") {
                skip = Some(ev.depth);
                continue;
            }
            if !ev.is_start() {
                if local == "style"
                    && let Some((id, style)) = current.take()
                {
                    styles.styles.insert(id, style);
                }
                continue;
            }
            let val = || attr(&ev, &names, "val");
            match local {
                "style" => {
                    // Numbering styles too: abstract numberings link to them.
                    let paragraph = attr(&ev, &names, "type")
                        .is_none_or(|t| t == "paragraph" || t == "numbering");
                    let id = attr(&ev, &names, "styleId");
                    current = match (paragraph, id) {
                        (true, Some(id)) => {
                            if attr(&ev, &names, "default").is_some_and(|d| is_on(&d)) {
                                styles.default = Some(id.clone());
                            }
                            Some((id, Style::default()))
                        }
                        _ => None,
                    };
                    if ev.is_end()
                        && let Some((id, style)) = current.take()
                    {
                        styles.styles.insert(id, style);
                    }
                }
                _ => {
                    let Some((_, style)) = current.as_mut() else {
                        continue;
                    };
                    match local {
                        "name" => style.name = val().unwrap_or_default(),
                        "basedOn" => style.based_on = val(),
                        "numId" => style.num_id = val(),
                        "ilvl" => style.ilvl = val().and_then(|v| v.parse().ok()),
                        "outlineLvl" => style.outline = val().and_then(|v| v.parse().ok()),
                        _ => {}
                    }
                }
            }
        }
        Ok(styles)
    }

    /// The styles from `id` (or the default paragraph style) up its `basedOn` chain.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = (&'s str, &'s Style)> {
        let mut next = id.or(self.default.as_deref());
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.styles.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
        .take(MAX_CHAIN)
    }

    /// The numbering a style applies: instance, explicit level, and the style that set it.
    pub(super) fn numbering(&self, id: Option<&str>) -> Option<(String, Option<u8>, String)> {
        self.chain(id).find_map(|(sid, s)| {
            s.num_id
                .as_ref()
                .map(|n| (n.clone(), s.ilvl, sid.to_owned()))
        })
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

/// A `w:outlineLvl` value (0-based; 9 is body text) as a hint.
pub(super) fn outline_hint(level: u8) -> Option<Hint> {
    (level < 9).then_some(Hint::Heading(level + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_names_and_numbering() {
        let xml = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>
  <w:rPr><w:outlineLvl w:val="5"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="my"><w:name w:val="我的一级"/><w:basedOn w:val="1"/></w:style>
<w:style w:type="paragraph" w:styleId="lvl"><w:name w:val="要点"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
<w:style w:type="character" w:styleId="c"><w:name w:val="heading 1 Char"/></w:style>
<w:style w:type="paragraph" w:styleId="loop"><w:name w:val="x"/><w:basedOn w:val="loop"/></w:style>
</w:styles>"#;
        let s = Styles::parse(xml).unwrap();
        assert_eq!(s.hint(Some("my")), Some(Hint::Heading(1)));
        assert_eq!(s.hint(Some("lvl")), Some(Hint::Heading(2)));
        assert_eq!(s.hint(Some("a3")), Some(Hint::Title));
        assert_eq!(s.hint(None), None);
        assert_eq!(s.hint(Some("c")), None);
        assert_eq!(s.hint(Some("loop")), None);
        assert_eq!(
            s.numbering(Some("my")),
            Some(("3".to_owned(), None, "1".to_owned()))
        );
        assert_eq!(s.numbering(None), None);
    }
}
