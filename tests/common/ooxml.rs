//! Word documents written the way Word and WPS write them: paragraphs with revision ids
//! (`w:rsid*`), runs with East Asian font hints and `w:lang w:eastAsia="zh-CN"`, text split
//! into runs mid-word (as editing leaves it), proofing marks and bookmarks between runs,
//! styles with `basedOn` over document defaults, and the packages' extra parts.

use super::{W_NS, zip_of};

const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces Word 2016 declares on `w:document`, with `mc:Ignorable`.
fn root_namespaces(wps: bool) -> String {
    let mut ns = format!(
        r#"xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="{MC_NS}" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#
    );
    if wps {
        ns.push_str(
            r#" xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData""#,
        );
    }
    ns.push_str(r#" mc:Ignorable="w14 w15 wp14""#);
    ns
}

/// Run properties Word writes on Chinese text.
const RUN_PROPS: &str =
    r#"<w:rFonts w:hint="eastAsia"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#;

/// Runs for `text`, split mid-word into up to three runs with a proofing mark between,
/// each with `extra` run properties (`<w:sz w:val="44"/>`) after Word's own.
pub(crate) fn runs(text: &str, extra: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let cuts = [0, chars.len() / 3, chars.len() * 2 / 3, chars.len()];
    let mut out = String::new();
    for (k, w) in cuts.windows(2).enumerate() {
        if w[0] == w[1] {
            continue;
        }
        let piece: String = chars[w[0]..w[1]].iter().collect();
        if k == 1 {
            out.push_str(r#"<w:proofErr w:type="gramStart"/>"#);
        }
        out.push_str(&format!(
            r#"<w:r w:rsidRPr="00C7{k}1E2"><w:rPr>{RUN_PROPS}{extra}</w:rPr><w:t xml:space="preserve">{piece}</w:t></w:r>"#
        ));
        if k == 1 {
            out.push_str(r#"<w:proofErr w:type="gramEnd"/>"#);
        }
    }
    out
}

/// A paragraph with properties `ppr` (the inside of `w:pPr`, may be empty) and `content`
/// (runs), as Word writes it.
pub(crate) fn paragraph(ppr: &str, content: &str) -> String {
    let ppr = if ppr.is_empty() {
        String::new()
    } else {
        format!("<w:pPr>{ppr}<w:rPr>{RUN_PROPS}</w:rPr></w:pPr>")
    };
    format!(
        r#"<w:p w:rsidR="00B1402F" w:rsidRDefault="00B1402F" w:rsidP="00D3A1C4" w14:paraId="1A2B3C4D" w14:textId="77777777">{ppr}{content}</w:p>"#
    )
}

/// A paragraph of `text` in style `style` (empty: none), split into runs.
pub(crate) fn styled_text(style: &str, text: &str) -> String {
    let ppr = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pStyle w:val="{style}"/>"#)
    };
    paragraph(&ppr, &runs(text, ""))
}

/// `w:styles` content as Word writes it: document defaults (仿宋 三号 unless `size`
/// says otherwise, in half-points), latent styles, and the default paragraph style
/// `Normal` (id `a`), followed by `more`.
pub(crate) fn styles(size: u32, more: &str) -> String {
    format!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults><w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376"><w:lsdException w:name="Normal" w:uiPriority="0" w:qFormat="1"/><w:lsdException w:name="heading 1" w:uiPriority="9" w:qFormat="1"/></w:latentStyles><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:rsid w:val="00B1402F"/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style><w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style><w:style w:type="numbering" w:default="1" w:styleId="a2"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>{more}"#
    )
}

/// A package as Word writes it (`wps`: as WPS Office writes it, with its custom XML
/// item, custom properties naming its build and its settings namespaces).
pub(crate) fn package(body: &str, styles: &str, numbering: Option<&str>, wps: bool) -> Vec<u8> {
    let decl = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
    let ct = "application/vnd.openxmlformats-officedocument";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut types = format!(
        r#"{decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{ct}.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{ct}.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{ct}.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/>"#
    );
    let mut package_rels = format!(
        r#"<Relationship Id="rId3" Type="{rel}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/>"#
    );
    let mut doc_rels = format!(
        r#"<Relationship Id="rId2" Type="{rel}/settings" Target="settings.xml"/><Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/>"#
    );
    let mut parts: Vec<(String, String)> = Vec::new();
    if let Some(numbering) = numbering {
        types.push_str(&format!(
            r#"<Override PartName="/word/numbering.xml" ContentType="{ct}.wordprocessingml.numbering+xml"/>"#
        ));
        doc_rels.push_str(&format!(
            r#"<Relationship Id="rId5" Type="{rel}/numbering" Target="numbering.xml"/>"#
        ));
        parts.push((
            "word/numbering.xml".to_owned(),
            format!(
                r#"{decl}<w:numbering {ns}>{numbering}</w:numbering>"#,
                ns = root_namespaces(wps)
            ),
        ));
    }
    let settings_ns = if wps {
        r#" xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main" xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData""#
    } else {
        ""
    };
    parts.push((
        "word/settings.xml".to_owned(),
        format!(
            r#"{decl}<w:settings xmlns:w="{W_NS}" xmlns:mc="{MC_NS}"{settings_ns} mc:Ignorable="w14"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="156"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:rsids><w:rsidRoot w:val="00B1402F"/><w:rsid w:val="00B1402F"/></w:rsids><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#
        ),
    ));
    if wps {
        types.push_str(&format!(
            r#"<Override PartName="/docProps/custom.xml" ContentType="{ct}.custom-properties+xml"/><Override PartName="/customXml/itemProps1.xml" ContentType="{ct}.customXmlProperties+xml"/>"#
        ));
        package_rels.push_str(&format!(
            r#"<Relationship Id="rId4" Type="{rel}/custom-properties" Target="docProps/custom.xml"/>"#
        ));
        doc_rels.push_str(&format!(
            r#"<Relationship Id="rId9" Type="{rel}/customXml" Target="../customXml/item1.xml"/>"#
        ));
        let custom = "http://www.wps.cn/officeDocument/2013/wpsCustomData";
        parts.extend([
            ("customXml/item1.xml".to_owned(), format!(r#"{decl}<s:customData xmlns="{custom}" xmlns:s="{custom}"><customSectProps><customSectPr/></customSectProps><customShpExts><customShpInfo spid="_x0000_s1026"/></customShpExts></s:customData>"#)),
            ("customXml/itemProps1.xml".to_owned(), format!(r#"{decl}<ds:datastoreItem ds:itemID="{{B1977F7D-205B-4081-913C-38D41E755F92}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="{custom}"/></ds:schemaRefs></ds:datastoreItem>"#)),
            ("customXml/_rels/item1.xml.rels".to_owned(), format!(r#"{decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/customXmlProps" Target="itemProps1.xml"/></Relationships>"#)),
            ("docProps/custom.xml".to_owned(), format!(r#"{decl}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16729</vt:lpwstr></property><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="3" name="ICV"><vt:lpwstr>5C2F8D3E6A1B4F0C9D7E2A1B3C4D5E6F_12</vt:lpwstr></property></Properties>"#)),
        ]);
    }
    types.push_str("</Types>");
    let app = if wps {
        "WPS Office_12.1.0.16729"
    } else {
        "Microsoft Office Word"
    };
    parts.extend([
        ("[Content_Types].xml".to_owned(), types),
        ("_rels/.rels".to_owned(), format!(r#"{decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{package_rels}</Relationships>"#)),
        ("docProps/app.xml".to_owned(), format!(r#"{decl}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><Application>{app}</Application></Properties>"#)),
        ("docProps/core.xml".to_owned(), format!(r#"{decl}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>办公室</dc:creator></cp:coreProperties>"#)),
        ("word/_rels/document.xml.rels".to_owned(), format!(r#"{decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{doc_rels}</Relationships>"#)),
        ("word/styles.xml".to_owned(), format!(r#"{decl}<w:styles {ns}>{styles}</w:styles>"#, ns = root_namespaces(wps))),
        ("word/document.xml".to_owned(), format!(r#"{decl}<w:document {ns}><w:body>{body}<w:sectPr w:rsidR="00B1402F"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr></w:body></w:document>"#, ns = root_namespaces(wps))),
    ]);
    let parts: Vec<(String, Vec<u8>)> = parts
        .into_iter()
        .map(|(name, xml)| (name, xml.into_bytes()))
        .collect();
    zip_of(&parts)
}
