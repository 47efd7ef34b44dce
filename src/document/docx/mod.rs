//! Word documents (`.docx`): the zip package, opened with limits, and its body text.
//!
//! Only three parts are decompressed: the main document (found through the package
//! relationships), its styles and its numbering. Each is read through a cap, whatever
//! size the archive declares, so a zip bomb ends in [`DocxError::TooLarge`], not in an
//! exhausted machine. A legacy `.doc`/`.wps` (or password-protected) file renamed to
//! `.docx` is recognised by its compound-file signature and named as such.

mod body;
mod layout;
mod numbering;
mod numformat;
mod styles;
mod xml;

use std::io::{Cursor, Read};

pub use body::{Body, Paragraph, Piece};
pub use layout::{
    Footer, FooterKind, Layout, LineSpacing, Page, PageNumber, ParagraphLayout, RunLayout,
    dominant_size, example_docx,
};
use numbering::Numbering;
use styles::Styles;
use xml::Reader;
pub use xml::XmlError;

/// The largest part decompressed, in bytes (a long report's body is well under 5 MiB).
pub const MAX_PART: u64 = 32 * 1024 * 1024;
/// The most decompressed in all, in bytes.
pub const MAX_TOTAL: u64 = 64 * 1024 * 1024;

/// Why a file could not be read as a Word document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocxError {
    /// A compound file: legacy Word/WPS (`.doc`, `.wps`) under a `.docx` name.
    Legacy,
    /// A compound file holding an encrypted package: the document has a password.
    Encrypted,
    /// Not a zip archive at all (carries what it looks like, if known).
    NotZip(Option<&'static str>),
    /// A zip archive that cannot be read: truncated or damaged (carries why, in Chinese).
    Damaged(String),
    /// A zip archive without a Word main document (another Office file, or not Office).
    NoDocument,
    /// A part larger than the limits when decompressed.
    TooLarge {
        /// The part.
        part: String,
        /// The limit that was hit, in MiB.
        limit_mib: u64,
    },
    /// A document without any text.
    NoText,
    /// The annotated copy did not read back (carries what failed, in Chinese).
    ReadBack(String),
    /// A part that is not well-formed XML.
    BadXml {
        /// The part.
        part: String,
        /// What is wrong, in Chinese.
        detail: String,
    },
}

/// A Word document's text and the map back into its main part.
#[derive(Debug)]
pub struct Extracted {
    /// The main part's name in the package (`word/document.xml`).
    pub main_part: String,
    /// The main part's XML.
    pub xml: String,
    /// The main part's relationships part, if it has one: its name and XML.
    pub rels: (String, Option<String>),
    /// Text and paragraphs.
    pub body: Body,
    /// Page and paragraph formatting.
    pub layout: Layout,
}

/// Read the text of a `.docx` held in `bytes`.
pub fn extract(bytes: &[u8]) -> Result<Extracted, DocxError> {
    let mut package = Package::open(bytes)?;
    let main_part = package.main_part()?;
    let rels = rels_name(&main_part);
    let rels_xml = package.part(&rels)?;
    let related = match &rels_xml {
        Some(xml) => relationships(xml, &rels)?,
        None => Vec::new(),
    };
    let target = |kind: &str| {
        related
            .iter()
            .find(|r| r.kind.ends_with(kind))
            .map(|r| resolve(&main_part, &r.target))
    };
    let styles_part = target("/styles");
    let styles_xml = match &styles_part {
        Some(name) => package.part(name)?,
        None => None,
    };
    let styles = match (&styles_part, &styles_xml) {
        (Some(name), Some(xml)) => Styles::parse(xml).map_err(|e| bad_xml(name, &e))?,
        _ => Styles::default(),
    };
    // The theme only names fonts: a theme part that cannot be read counts as absent.
    let theme_xml = target("/theme").and_then(|name| package.part(&name).ok().flatten());
    let mut numbering = package.parsed(target("/numbering"), Numbering::parse)?;
    numbering.resolve_links(|style| styles.num_id(style));
    let xml = package.part(&main_part)?.ok_or(DocxError::NoDocument)?;
    let body = body::extract(&xml, &styles, &mut numbering).map_err(|e| bad_xml(&main_part, &e))?;
    // Settings and footers matter only to the layout; they must still be well-formed.
    let mut checked = |name: Option<String>| -> Result<Option<String>, DocxError> {
        let Some(name) = name else { return Ok(None) };
        let Some(xml) = package.part(&name)? else {
            return Ok(None);
        };
        let mut reader = Reader::new(&xml);
        while reader.next().map_err(|e| bad_xml(&name, &e))?.is_some() {}
        Ok(Some(xml))
    };
    let settings = checked(target("/settings"))?;
    let mut footers = Vec::new();
    for (kind, id) in layout::footer_references(&xml) {
        let part = related
            .iter()
            .find(|r| r.id == id)
            .map(|r| resolve(&main_part, &r.target));
        if let Some(x) = checked(part)? {
            footers.push((kind, x));
        }
    }
    let parts = layout::Parts {
        styles: styles_xml.as_deref(),
        theme: theme_xml.as_deref(),
        settings: settings.as_deref(),
        footers,
    };
    let layout = layout::read(&xml, &parts, &body.paragraphs);
    Ok(Extracted {
        main_part,
        xml,
        rels: (rels, rels_xml),
        body,
        layout,
    })
}

impl From<zip::result::ZipError> for DocxError {
    fn from(e: zip::result::ZipError) -> DocxError {
        use zip::result::ZipError::*;
        let password = match &e {
            InvalidPassword => true,
            UnsupportedArchive(m) => m.to_ascii_lowercase().contains("password"),
            _ => false,
        };
        if password {
            return DocxError::Encrypted;
        }
        DocxError::Damaged(
            match e {
                Io(_) => "读取中断",
                InvalidArchive(_) | FileNotFound => "压缩包结构不完整",
                UnsupportedArchive(_) | CompressionMethodNotSupported(_) => {
                    "使用了不支持的压缩方式"
                }
                _ => "无法解压",
            }
            .to_owned(),
        )
    }
}

impl From<std::io::Error> for DocxError {
    fn from(_: std::io::Error) -> DocxError {
        DocxError::Damaged("解压时数据出错".to_owned())
    }
}

fn bad_xml(part: &str, e: &XmlError) -> DocxError {
    DocxError::BadXml {
        part: part.to_owned(),
        detail: e.detail().to_owned(),
    }
}

/// A part's text: by its byte-order mark, else by the encoding its XML declaration
/// names (`encoding="GBK"`), else UTF-8 — as an XML parser reads it.
fn decode_part(bytes: &[u8], part: &str) -> Result<String, DocxError> {
    let bad = |detail: &str| DocxError::BadXml {
        part: part.to_owned(),
        detail: detail.to_owned(),
    };
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return if errors {
            Err(bad("含有无效的字符编码"))
        } else {
            Ok(text.into_owned())
        };
    }
    let encoding = match declared_encoding(bytes) {
        Some(label) => encoding_rs::Encoding::for_label(label.as_bytes())
            .ok_or_else(|| bad(&format!("声明了无法识别的编码“{label}”")))?,
        None => encoding_rs::UTF_8,
    };
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
        .ok_or_else(|| bad("含有无效的字符编码"))
}

/// The `encoding` of an XML declaration at the start of `bytes`, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.strip_prefix(b"<?xml")?;
    let decl = &head[..head.windows(2).position(|w| w == b"?>")?];
    let decl = std::str::from_utf8(decl).ok()?;
    let at = decl.find("encoding")? + "encoding".len();
    let value = decl[at..].trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &value[1..];
    Some(value[..value.find(quote)?].trim().to_owned())
}

/// `xml` (decoded text) with the encoding its declaration names changed to UTF-8, as it
/// is written back.
pub fn declare_utf8(xml: &str) -> std::borrow::Cow<'_, str> {
    let Some(label) = declared_encoding(xml.as_bytes()) else {
        return xml.into();
    };
    if label.eq_ignore_ascii_case("utf-8") {
        return xml.into();
    }
    let decl_end = xml.find("?>").unwrap_or(0);
    match xml[..decl_end].find(label.as_str()) {
        Some(i) => format!("{}UTF-8{}", &xml[..i], &xml[i + label.len()..]).into(),
        None => xml.into(),
    }
}

/// An opened package: the archive and how much has been decompressed so far.
pub struct Package<'b> {
    archive: zip::ZipArchive<Cursor<&'b [u8]>>,
    total: u64,
}

const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl<'b> Package<'b> {
    /// Open the archive, telling legacy and encrypted files from damaged ones.
    pub fn open(bytes: &'b [u8]) -> Result<Package<'b>, DocxError> {
        if bytes.starts_with(&COMPOUND_FILE) {
            let marker: Vec<u8> = "EncryptedPackage"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
            let encrypted = bytes.windows(marker.len()).any(|w| w == marker.as_slice());
            return Err(if encrypted {
                DocxError::Encrypted
            } else {
                DocxError::Legacy
            });
        }
        if !bytes.starts_with(b"PK") {
            let trimmed = bytes.trim_ascii_start();
            let looks_like = if trimmed.starts_with(b"{\\rtf") {
                Some("RTF")
            } else if trimmed.starts_with(b"%PDF") {
                Some("PDF")
            } else if trimmed.starts_with(b"<") {
                Some("XML/HTML")
            } else {
                None
            };
            return Err(DocxError::NotZip(looks_like));
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes))?;
        Ok(Package { archive, total: 0 })
    }

    /// The names of all entries, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect()
    }

    /// The decompressed text of a part (names compare case-insensitively, as in OPC), or
    /// `None` if the package has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let index = match self.archive.index_for_name(name) {
            Some(i) => i,
            None => match self
                .names()
                .iter()
                .position(|n| n.eq_ignore_ascii_case(name))
            {
                Some(i) => i,
                None => return Ok(None),
            },
        };
        let too_large = |budget: u64| DocxError::TooLarge {
            part: name.to_owned(),
            limit_mib: if budget < MAX_PART {
                MAX_TOTAL
            } else {
                MAX_PART
            } / (1024 * 1024),
        };
        let budget = MAX_PART.min(MAX_TOTAL.saturating_sub(self.total));
        let file = self.archive.by_index(index)?;
        if !matches!(
            file.compression(),
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
        ) {
            return Err(DocxError::Damaged("使用了不支持的压缩方式".to_owned()));
        }
        if file.size() > budget {
            return Err(too_large(budget));
        }
        let mut bytes = Vec::new();
        file.take(budget + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > budget {
            return Err(too_large(budget));
        }
        self.total += bytes.len() as u64;
        decode_part(&bytes, name).map(Some)
    }

    /// A related part parsed with `parse`, or the default when there is none.
    fn parsed<T: Default>(
        &mut self,
        name: Option<String>,
        parse: impl Fn(&str) -> Result<T, XmlError>,
    ) -> Result<T, DocxError> {
        let Some(name) = name else {
            return Ok(T::default());
        };
        match self.part(&name)? {
            Some(xml) => parse(&xml).map_err(|e| bad_xml(&name, &e)),
            None => Ok(T::default()),
        }
    }

    /// The main document part, from the package relationships (`word/document.xml` when
    /// they do not say).
    pub fn main_part(&mut self) -> Result<String, DocxError> {
        let from_rels = match self.part("_rels/.rels")? {
            Some(xml) => relationships(&xml, "_rels/.rels")?
                .into_iter()
                .find(|r| r.kind.ends_with("/officeDocument"))
                .map(|r| resolve("", &r.target)),
            None => None,
        };
        let name = from_rels.unwrap_or_else(|| "word/document.xml".to_owned());
        if self.archive.index_for_name(&name).is_some()
            || self.names().iter().any(|n| n.eq_ignore_ascii_case(&name))
        {
            Ok(name)
        } else {
            Err(DocxError::NoDocument)
        }
    }
}

/// One more than the largest comment id used in any of `parts` (comments, ranges and
/// references), so that new comments never reuse one.
pub fn next_comment_id(parts: &[&str]) -> usize {
    let mut next = 0;
    for xml in parts {
        let mut reader = Reader::new(xml);
        while let Ok(Some(n)) = reader.next() {
            let local = n.name.rsplit(':').next().unwrap_or(n.name);
            if n.is_start()
                && matches!(
                    local,
                    "comment" | "commentRangeStart" | "commentRangeEnd" | "commentReference"
                )
                && let Some(id) = n
                    .attribute_local("id")
                    .and_then(|v| v.trim().parse::<usize>().ok())
            {
                next = next.max(id.saturating_add(1));
            }
        }
    }
    next
}

/// An error when `xml` (part `part`) is not well-formed.
pub fn check_xml(xml: &str, part: &str) -> Result<(), DocxError> {
    let mut reader = Reader::new(xml);
    while reader.next().map_err(|e| bad_xml(part, &e))?.is_some() {}
    Ok(())
}

/// The comment marks of a part, by local name (`comment`, `commentRangeStart`,
/// `commentRangeEnd`, `commentReference`) with their ids, in document order.
pub fn comment_marks(xml: &str, part: &str) -> Result<Vec<(&'static str, String)>, DocxError> {
    const NAMES: [&str; 4] = [
        "comment",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
    ];
    let mut out = Vec::new();
    let mut reader = Reader::new(xml);
    while let Some(n) = reader.next().map_err(|e| bad_xml(part, &e))? {
        let local = n.name.rsplit(':').next().unwrap_or(n.name);
        if n.is_start()
            && let Some(name) = NAMES.iter().find(|&&x| x == local)
            && let Some(id) = n.attribute_local("id")
        {
            out.push((*name, id.trim().to_owned()));
        }
    }
    Ok(out)
}

/// The relationships part of `part` (`word/document.xml` → `word/_rels/document.xml.rels`).
pub fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// An internal relationship of a `.rels` part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relationship {
    /// `Id`.
    pub id: String,
    /// `Type`.
    pub kind: String,
    /// `Target`, relative to the part the relationships are of.
    pub target: String,
}

/// Every internal relationship in a `.rels` part.
pub fn relationships(xml: &str, part: &str) -> Result<Vec<Relationship>, DocxError> {
    let mut out = Vec::new();
    let mut reader = Reader::new(xml);
    while let Some(n) = reader.next().map_err(|e| bad_xml(part, &e))? {
        let local = n.name.rsplit(':').next().unwrap_or(n.name);
        if n.is_start() && local == "Relationship" {
            let get = |k: &str| n.attribute(k);
            if get("TargetMode").is_some_and(|m| m == "External") {
                continue;
            }
            if let (Some(kind), Some(target)) = (get("Type"), get("Target")) {
                out.push(Relationship {
                    id: get("Id").unwrap_or_default(),
                    kind,
                    target,
                });
            }
        }
    }
    Ok(out)
}

/// A relationship target relative to the part that holds it, as a package part name.
pub fn resolve(source: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(absolute) = target.strip_prefix('/') {
        return normalise(absolute.split('/').collect());
    } else {
        source
            .rsplit_once('/')
            .map_or(Vec::new(), |(dir, _)| dir.split('/').collect())
    };
    parts.extend(target.split('/'));
    normalise(parts)
}

fn normalise(parts: Vec<&str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts {
        match p {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    out.join("/")
}

/// Escape text for XML content and attribute values; drop characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_source() {
        assert_eq!(
            resolve("word/document.xml", "styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/a.xml"),
            "customXml/a.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve("word/document.xml", "/word/numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn not_a_package() {
        let legacy = [COMPOUND_FILE.as_slice(), &[0; 64]].concat();
        assert_eq!(Package::open(&legacy).err(), Some(DocxError::Legacy));
        assert_eq!(
            Package::open(b"{\\rtf1 abc}").err(),
            Some(DocxError::NotZip(Some("RTF")))
        );
        assert!(matches!(
            Package::open(b"PK\x03\x04 truncated"),
            Err(DocxError::Damaged(_))
        ));
    }
}
