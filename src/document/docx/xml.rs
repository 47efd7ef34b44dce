//! A small pull reader over one XML part: elements with their byte positions, text with
//! entity and character references resolved, and the WordprocessingML prefixes.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// What a [`Node`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// `<a>`
    Start,
    /// `<a/>`: opens and closes at once.
    Empty,
    /// `</a>`
    End,
    /// Character data (with references resolved).
    Text,
}

/// One step through the part.
#[derive(Debug)]
pub(super) struct Node<'x> {
    /// The qualified element name (`w:p`); empty for text.
    pub(super) name: &'x str,
    /// What it is.
    pub(super) kind: Kind,
    /// Byte offset where it starts in the part.
    pub(super) at: usize,
    /// Byte offset just after it.
    pub(super) end: usize,
    /// Elements open around it (for an end tag: around the element it closes).
    pub(super) depth: usize,
    tag: Option<BytesStart<'x>>,
    text: Cow<'x, str>,
}

impl Node<'_> {
    /// Whether this opens an element (`<a>` or `<a/>`).
    pub(super) fn is_start(&self) -> bool {
        matches!(self.kind, Kind::Start | Kind::Empty)
    }

    /// Whether this closes an element (`</a>` or `<a/>`).
    pub(super) fn is_end(&self) -> bool {
        matches!(self.kind, Kind::End | Kind::Empty)
    }

    /// Whether this opens the root element.
    pub(super) fn is_root(&self) -> bool {
        self.is_start() && self.depth == 0
    }

    /// An attribute by its exact name (`Requires`), unescaped.
    pub(super) fn attribute(&self, name: &str) -> Option<String> {
        let tag = self.tag.as_ref()?;
        let a = tag.try_get_attribute(name).ok()??;
        Some(
            a.normalized_value(XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), Cow::into_owned),
        )
    }

    /// An attribute by its local name, whatever its prefix (`x:id` → `id`).
    pub(super) fn attribute_local(&self, wanted: &str) -> Option<String> {
        let tag = self.tag.as_ref()?;
        tag.attributes().with_checks(false).flatten().find_map(|a| {
            let key: &str = a.key.as_ref();
            (key.rsplit(':').next() == Some(wanted)).then(|| a.value.to_string())
        })
    }

    /// Every attribute, by local name (`w:val` → `val`), unescaped.
    pub(super) fn attributes_local(&self) -> Vec<(String, String)> {
        let Some(tag) = self.tag.as_ref() else {
            return Vec::new();
        };
        tag.attributes()
            .with_checks(false)
            .flatten()
            .map(|a| {
                let key: &str = a.key.as_ref();
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_or_else(|_| a.value.to_string(), Cow::into_owned);
                (key.rsplit(':').next().unwrap_or(key).to_owned(), value)
            })
            .collect()
    }

    /// The text of a text node.
    pub(super) fn text(&self) -> &str {
        &self.text
    }
}

/// Why a part is not well-formed XML.
#[derive(Debug)]
pub enum XmlError {
    /// What the XML parser found (a bad tag, a mismatched end tag, a bad reference).
    Parse(quick_xml::Error),
    /// An element still open at the end of the part.
    Unclosed,
    /// No root element at all.
    NoRoot,
    /// A second root element, or text outside the root.
    OutsideRoot,
    /// A start tag whose attributes cannot be read (`<a </b>`).
    BadAttribute,
}

impl From<quick_xml::Error> for XmlError {
    fn from(e: quick_xml::Error) -> XmlError {
        XmlError::Parse(e)
    }
}

impl XmlError {
    /// What is wrong, in Chinese.
    pub fn detail(&self) -> &'static str {
        use quick_xml::Error::*;
        match self {
            XmlError::Parse(Syntax(_) | IllFormed(_)) => "XML 结构不完整或有误",
            XmlError::Parse(Encoding(_)) => "含有无效的字符编码",
            XmlError::Parse(Escape(_)) => "含有无效的字符引用",
            XmlError::Parse(_) => "XML 无法解析",
            XmlError::Unclosed => "有元素直到部件末尾仍未闭合（文件可能被截断）",
            XmlError::NoRoot => "没有根元素",
            XmlError::OutsideRoot => "根元素之外还有元素或文字",
            XmlError::BadAttribute => "有标签的属性无法读取（标签内有多余的“<”或引号不配对）",
        }
    }
}

/// Pull reader over a part's text, checking as it goes that the part is well-formed:
/// one root, every element closed, nothing outside the root, readable attributes.
pub(super) struct Reader<'x> {
    xml: &'x str,
    inner: quick_xml::Reader<&'x [u8]>,
    depth: usize,
    /// The root element has been closed.
    root_done: bool,
    /// A root element was seen.
    rooted: bool,
}

impl<'x> Reader<'x> {
    pub(super) fn new(xml: &'x str) -> Reader<'x> {
        Reader {
            xml,
            inner: quick_xml::Reader::from_str(xml),
            depth: 0,
            root_done: false,
            rooted: false,
        }
    }

    /// Check a start tag at the current depth: inside the one root, attributes readable.
    fn opened(&mut self, tag: &BytesStart<'_>) -> Result<(), XmlError> {
        if self.depth == 0 {
            if self.root_done {
                return Err(XmlError::OutsideRoot);
            }
            self.rooted = true;
        }
        if tag.attributes().any(|a| a.is_err()) {
            return Err(XmlError::BadAttribute);
        }
        Ok(())
    }

    /// The next node, `None` at the end. Declarations, comments and processing
    /// instructions are passed over.
    pub(super) fn next(&mut self) -> Result<Option<Node<'x>>, XmlError> {
        loop {
            let at = self.position();
            let event = self.inner.read_event()?;
            let end = self.position();
            let node = |name: &'x str, kind, depth, tag, text| Node {
                name,
                kind,
                at,
                end,
                depth,
                tag,
                text,
            };
            return Ok(Some(match event {
                Event::Start(tag) => {
                    self.opened(&tag)?;
                    let name = self.name_at(at, tag.name().as_ref().len());
                    self.depth += 1;
                    node(
                        name,
                        Kind::Start,
                        self.depth - 1,
                        Some(tag),
                        Cow::Borrowed(""),
                    )
                }
                Event::Empty(tag) => {
                    self.opened(&tag)?;
                    if self.depth == 0 {
                        self.root_done = true;
                    }
                    let name = self.name_at(at, tag.name().as_ref().len());
                    node(name, Kind::Empty, self.depth, Some(tag), Cow::Borrowed(""))
                }
                Event::End(tag) => {
                    let name = self.name_at(at + 1, tag.name().as_ref().len());
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.root_done = true;
                    }
                    node(name, Kind::End, self.depth, None, Cow::Borrowed(""))
                }
                Event::Text(t) => {
                    if self.depth == 0 {
                        if t.as_ref()
                            .chars()
                            .any(|c| !c.is_whitespace() && c != '\u{feff}')
                        {
                            return Err(XmlError::OutsideRoot);
                        }
                        continue;
                    }
                    node("", Kind::Text, self.depth, None, t.xml10_content())
                }
                Event::CData(t) => node("", Kind::Text, self.depth, None, t.into_inner()),
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        _ => match &*r {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            _ => continue,
                        },
                    };
                    node("", Kind::Text, self.depth, None, Cow::Owned(c.to_string()))
                }
                Event::Eof if self.depth > 0 => return Err(XmlError::Unclosed),
                Event::Eof if !self.rooted => return Err(XmlError::NoRoot),
                Event::Eof => return Ok(None),
                _ => continue,
            }));
        }
    }

    /// Byte offset of the next unread byte.
    pub(super) fn position(&self) -> usize {
        usize::try_from(self.inner.buffer_position()).unwrap_or(usize::MAX)
    }

    /// The element name that starts one byte after `at` (after `<` or `</`).
    fn name_at(&self, at: usize, len: usize) -> &'x str {
        self.xml.get(at + 1..at + 1 + len).unwrap_or("")
    }
}

/// The prefixes a part binds to the WordprocessingML and markup-compatibility namespaces.
#[derive(Clone, Debug)]
pub(super) struct Names {
    /// Every prefix bound to WordprocessingML (`""` for the default namespace).
    w: Vec<String>,
    mc: String,
    namespace: &'static str,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            w: vec!["w".to_owned()],
            mc: "mc".to_owned(),
            namespace: W_NAMESPACES[0],
        }
    }
}

const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

impl Names {
    /// Read the namespace declarations of the root element.
    pub(super) fn from_root(root: &Node<'_>) -> Names {
        let mut names = Names::default();
        let Some(tag) = &root.tag else { return names };
        let mut w = Vec::new();
        for a in tag.attributes().with_checks(false).flatten() {
            let key: &str = a.key.as_ref();
            let prefix = match key.strip_prefix("xmlns") {
                Some("") => "",
                Some(p) if p.starts_with(':') => &p[1..],
                _ => continue,
            };
            if let Some(ns) = W_NAMESPACES
                .iter()
                .find(|ns| **ns == a.value.as_ref() as &str)
            {
                w.push(prefix.to_owned());
                names.namespace = ns;
            } else if *a.value == *MC_NAMESPACE {
                names.mc = prefix.to_owned();
            }
        }
        if !w.is_empty() {
            // A named prefix first: it is the one to write with.
            w.sort_by_key(String::is_empty);
            names.w = w;
        }
        names
    }

    /// The WordprocessingML prefix to write elements with (`w`); empty when the part
    /// binds the namespace only as its default.
    pub(super) fn w_prefix(&self) -> &str {
        &self.w[0]
    }

    /// The WordprocessingML namespace the part uses (transitional or strict).
    pub(super) fn namespace(&self) -> &'static str {
        self.namespace
    }

    /// The local name of a WordprocessingML element or attribute name (`w:p` → `p`).
    pub(super) fn w<'n>(&self, name: &'n str) -> Option<&'n str> {
        self.w.iter().find_map(|prefix| local(name, prefix))
    }

    /// Whether `name` is the markup-compatibility element `local`.
    pub(super) fn is_mc(&self, name: &str, wanted: &str) -> bool {
        local(name, &self.mc) == Some(wanted)
    }

    /// Whether every prefix in a `Requires` list is one Word knows.
    pub(super) fn understands(requires: &str) -> bool {
        requires
            .split_whitespace()
            .all(|p| KNOWN_PREFIXES.contains(&p))
    }
}

/// Extension namespaces (by their customary prefixes) that Word writes and reads.
const KNOWN_PREFIXES: [&str; 24] = [
    "wps", "wpg", "wpc", "wpi", "wp14", "wp", "w14", "w15", "w16", "w16se", "w16cid", "w16cex",
    "w16sdtdh", "v", "o", "m", "a", "a14", "pic", "c", "c14", "cx", "dgm", "aink",
];

fn local<'n>(name: &'n str, prefix: &str) -> Option<&'n str> {
    if prefix.is_empty() {
        return (!name.contains(':')).then_some(name);
    }
    name.strip_prefix(prefix)?.strip_prefix(':')
}

/// A WordprocessingML attribute of an element (`w:val`), unescaped.
pub(super) fn attr(node: &Node<'_>, names: &Names, wanted: &str) -> Option<String> {
    let tag = node.tag.as_ref()?;
    tag.attributes().with_checks(false).flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        let matches = names.w(key) == Some(wanted) || key == wanted;
        matches.then(|| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), Cow::into_owned)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_names_and_references() {
        let xml = r#"<x:doc xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:t x:val="a&amp;b">A&amp;B&#x4e00;</x:t><x:br/></x:doc>"#;
        let mut r = Reader::new(xml);
        let root = r.next().unwrap().unwrap();
        let names = Names::from_root(&root);
        assert_eq!(names.w(root.name), Some("doc"));
        let t = r.next().unwrap().unwrap();
        assert_eq!((t.name, t.kind, t.depth), ("x:t", Kind::Start, 1));
        assert_eq!(&xml[t.at..t.end], r#"<x:t x:val="a&amp;b">"#);
        assert_eq!(attr(&t, &names, "val").as_deref(), Some("a&b"));
        let mut text = String::new();
        loop {
            let n = r.next().unwrap().unwrap();
            if n.kind != Kind::Text {
                assert_eq!((n.name, n.kind, n.depth), ("x:t", Kind::End, 1));
                assert_eq!(&xml[n.at..n.end], "</x:t>");
                break;
            }
            text.push_str(n.text());
        }
        assert_eq!(text, "A&B一");
        let br = r.next().unwrap().unwrap();
        assert_eq!((names.w(br.name), br.kind), (Some("br"), Kind::Empty));
    }
}
