//! The skeleton as a Word document, laid out after GB/T 9704-2012 (党政机关公文格式):
//! A4, 三号仿宋 body with a two-character first-line indent and 28-point lines, the title
//! in 二号小标宋 centred, 一级 headings in 黑体, the 落款 right-aligned. Headings carry
//! Word's `标题 1` style (so they show in the navigation pane) with their numbers typed,
//! as the text skeleton has them. Every `【请填写：……】` is highlighted in yellow. Tables
//! follow their section's guidance, each under its caption, in 五号 text ([`table`]).
//! Page numbers are 四号 宋体 between 一字线 (`— 1 —`), odd pages right and even pages
//! left, one character in (7.5).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

mod table;

use super::Skeleton;
use crate::document::docx::escape;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PLACEHOLDER_OPEN: &str = "【请填写";

/// The text width of the page, in twentieths of a point: A4 less the margins.
const TEXT_WIDTH: u32 = 11906 - 1588 - 1474;

/// How a paragraph is set.
#[derive(Clone, Copy)]
pub(super) enum Role {
    Title,
    Heading,
    Body,
    Closing,
    Blank,
    /// A table's caption, centred above it.
    Caption,
    /// A table cell's text; a header cell's in bold.
    Cell {
        header: bool,
    },
}

impl Skeleton {
    /// The skeleton as a `.docx` package.
    pub fn to_docx(&self) -> Vec<u8> {
        let mut body = String::new();
        let para = |body: &mut String, role: Role, text: &str| {
            body.push_str(&paragraph(role, text));
        };
        para(&mut body, Role::Title, &self.title);
        para(&mut body, Role::Blank, "");
        para(&mut body, Role::Body, &self.opening);
        for section in &self.sections {
            para(&mut body, Role::Heading, &section.heading);
            para(&mut body, Role::Body, &section.guidance);
            for t in &section.tables {
                if let Some(caption) = &t.caption {
                    para(&mut body, Role::Caption, caption);
                }
                body.push_str(&table::table(t, TEXT_WIDTH));
                // Two tables in a row would run together in Word: a paragraph between.
                para(&mut body, Role::Blank, "");
            }
        }
        if self.sections.last().is_none_or(|s| s.tables.is_empty()) {
            para(&mut body, Role::Blank, "");
        }
        for line in &self.closing {
            para(&mut body, Role::Closing, line);
        }
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>{body}\
             <w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId2\"/>\
             <w:footerReference w:type=\"even\" r:id=\"rId3\"/>\
             <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
             <w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" \
             w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
        );
        let parts: [(&str, String); 8] = [
            ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
            ("_rels/.rels", PACKAGE_RELS.to_owned()),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
            ("word/styles.xml", styles()),
            ("word/settings.xml", SETTINGS.to_owned()),
            ("word/footer1.xml", footer("right")),
            ("word/footer2.xml", footer("left")),
        ];
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, xml) in parts {
            // Writing to memory cannot fail.
            let _ = zip.start_file(name, options);
            let _ = zip.write_all(xml.as_bytes());
        }
        zip.finish().map(Cursor::into_inner).unwrap_or_default()
    }
}

/// One paragraph; placeholder runs highlighted.
pub(super) fn paragraph(role: Role, text: &str) -> String {
    let style = match role {
        Role::Title => "<w:pStyle w:val=\"Title\"/>",
        Role::Heading => "<w:pStyle w:val=\"Heading1\"/>",
        Role::Closing => {
            "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\" w:right=\"1280\"/><w:jc w:val=\"right\"/>"
        }
        Role::Caption => "<w:pStyle w:val=\"Caption\"/>",
        Role::Cell { .. } => "<w:pStyle w:val=\"TableText\"/>",
        Role::Body | Role::Blank => "",
    };
    let bold = matches!(role, Role::Cell { header: true });
    let mut runs = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (plain, marked, after) = match rest.find(PLACEHOLDER_OPEN) {
            Some(i) => {
                let end = rest[i..]
                    .find('】')
                    .map_or(rest.len(), |j| i + j + '】'.len_utf8());
                (&rest[..i], &rest[i..end], &rest[end..])
            }
            None => (rest, "", ""),
        };
        for (s, highlight) in [(plain, false), (marked, true)] {
            if !s.is_empty() {
                let props = match (bold, highlight) {
                    (true, true) => "<w:rPr><w:b/><w:highlight w:val=\"yellow\"/></w:rPr>",
                    (true, false) => "<w:rPr><w:b/></w:rPr>",
                    (false, true) => "<w:rPr><w:highlight w:val=\"yellow\"/></w:rPr>",
                    (false, false) => "",
                };
                runs.push_str(&format!(
                    "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    escape(s)
                ));
            }
        }
        rest = after;
    }
    format!("<w:p><w:pPr>{style}</w:pPr>{runs}</w:p>")
}

/// A footer with the page number on side `jc` (`right` or `left`), one character (四号,
/// 280 twips) in from it: `— 1 —` in 四号 宋体.
fn footer(jc: &str) -> String {
    let run = |inner: &str| {
        format!(
            "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>{inner}</w:r>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:ftr xmlns:w=\"{W_NS}\"><w:p><w:pPr><w:ind w:{jc}=\"280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"{jc}\"/></w:pPr>\
{}{}{}{}{}{}{}</w:p></w:ftr>",
        run("<w:t xml:space=\"preserve\">— </w:t>"),
        run("<w:fldChar w:fldCharType=\"begin\"/>"),
        run("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"),
        run("<w:fldChar w:fldCharType=\"separate\"/>"),
        run("<w:t>1</w:t>"),
        run("<w:fldChar w:fldCharType=\"end\"/>"),
        run("<w:t xml:space=\"preserve\"> —</w:t>"),
    )
}

fn styles() -> String {
    let fonts = |east: &str| {
        format!(
            "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{east}\" w:cs=\"Times New Roman\"/>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"{W_NS}\">\
<w:docDefaults><w:rPrDefault><w:rPr>{body_font}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:line=\"700\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>\
<w:rPr>{title_font}<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>{heading_font}</w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>{heading_font}</w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:line=\"300\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>\
<w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>\
</w:styles>",
        body_font = fonts("仿宋_GB2312"),
        title_font = fonts("方正小标宋简体"),
        heading_font = fonts("黑体"),
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>\
<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
</Relationships>";

/// Odd and even pages have their own footers (page numbers right and left).
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:evenAndOddHeaders/></w:settings>";
