//! Word documents as Word and WPS write them: the paragraph numbers a reader counts,
//! what form fields show, and WPS packages.

use reportlint::Document;
use reportlint::document::docx;

use crate::common::ooxml::{package, paragraph, runs, styled_text, styles};

/// A text box anchored in a paragraph, written as Word writes it (a DrawingML shape and
/// its VML fallback).
fn text_box(text: &str) -> String {
    format!(
        r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:extent cx="914400" cy="304800"/><wp:docPr id="1" name="文本框 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>{p}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{p}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
        p = paragraph("", &runs(text, ""))
    )
}

/// A table-of-contents entry as Word's TOC field writes it: a hyperlink to the heading,
/// a tab, and the page number as a PAGEREF field.
fn toc_entry(style: &str, text: &str, page: u8) -> String {
    paragraph(
        &format!(
            r#"<w:pStyle w:val="{style}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs>"#
        ),
        &format!(
            r#"<w:hyperlink w:anchor="_Toc1{page}" w:history="1"><w:r><w:rPr><w:rStyle w:val="a6"/><w:noProof/></w:rPr><w:t>{text}</w:t></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:tab/></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:instrText xml:space="preserve"> PAGEREF _Toc1{page} \h </w:instrText></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:t>{page}</w:t></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>"#
        ),
    )
}

const TOC_STYLES: &str = r#"<w:style w:type="paragraph" w:styleId="TOC"><w:name w:val="TOC Heading"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:autoRedefine/><w:uiPriority w:val="39"/><w:unhideWhenUsed/></w:style><w:style w:type="paragraph" w:styleId="21"><w:name w:val="toc 2"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:autoRedefine/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:ind w:leftChars="200" w:left="420"/></w:pPr></w:style>"#;

#[test]
fn paragraphs_are_numbered_as_a_reader_counts_them() {
    let toc = [
        r#"<w:sdt><w:sdtPr><w:id w:val="-1742021415"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtEndPr><w:rPr><w:b/><w:bCs/></w:rPr></w:sdtEndPr><w:sdtContent>"#.to_owned(),
        styled_text("TOC", "目录"),
        toc_entry("11", "一、主要举措", 1).replacen(
            "<w:hyperlink",
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink"#,
            1,
        ),
        toc_entry("21", "（一）依法履职", 2),
        paragraph("", r#"<w:r><w:rPr><w:b/><w:bCs/><w:lang w:val="zh-CN"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>"#),
        "</w:sdtContent></w:sdt>".to_owned(),
    ]
    .concat();
    let body = [
        toc,
        // A TOC-styled entry outside a content control (an older or pasted contents list).
        toc_entry("11", "二、存在的不足", 5),
        styled_text("", "某区2023年法治政府建设情况报告"),
        paragraph("", ""),
        styled_text("", "一、主要举措"),
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4148"/><w:gridCol w:w="4148"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4148" w:type="dxa"/></w:tcPr>"#.to_owned(),
        styled_text("", "事项"),
        r#"</w:tc><w:tc><w:tcPr><w:tcW w:w="4148" w:type="dxa"/></w:tcPr>"#.to_owned(),
        styled_text("", "件数"),
        "</w:tc></w:tr></w:tbl>".to_owned(),
        paragraph("", &[runs("正文继续", ""), text_box("文本框甲")].concat()),
        // A text box anchored in an empty paragraph.
        paragraph("", &text_box("文本框乙")),
        styled_text("", "某区人民政府"),
    ]
    .concat();
    let bytes = package(&body, &styles(32, TOC_STYLES), None, false);
    let b = docx::extract(&bytes).unwrap().body;
    assert_eq!(
        b.text,
        "某区2023年法治政府建设情况报告\n\n一、主要举措\n事项\n件数\n文本框甲\n正文继续\n文本框乙\n\n某区人民政府\n",
        "the contents' text is not report text"
    );
    let numbers: Vec<(usize, usize)> = b.paragraphs.iter().map(|p| (p.ordinal, p.story)).collect();
    // 目录, 一、主要举措, （一）依法履职 (the field's closing paragraph is empty),
    // 二、存在的不足: four entries before the title.
    assert_eq!(
        numbers,
        [
            (5, 0),
            (6, 0),
            (6, 0),
            (7, 0),
            (8, 0),
            (9, 1),
            (9, 0),
            (10, 1),
            (10, 0),
            (10, 0)
        ]
    );
    let doc = Document::from_docx("报告.docx", &b).unwrap();
    let at = |s: &str| doc.paragraph_at(doc.text.find(s).unwrap());
    assert_eq!(at("某区人民政府"), Some(10));
    assert_eq!(at("件数"), Some(8));
    assert_eq!(at("文本框甲"), Some(9));
}

/// A legacy drop-down form field as Word writes it: the entries and the chosen one in
/// the field's data, the instruction, and no result text (with `separate`, an empty
/// result).
fn dropdown(result: Option<u8>, entries: &[&str], separate: bool) -> String {
    let result = result.map_or(String::new(), |r| format!(r#"<w:result w:val="{r}"/>"#));
    let entries: String = entries
        .iter()
        .map(|e| format!(r#"<w:listEntry w:val="{e}"/>"#))
        .collect();
    let separate = if separate {
        r#"<w:r w:rsidR="00D3A1C4"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>"#
    } else {
        ""
    };
    format!(
        r#"<w:r w:rsidR="00D3A1C4"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="下拉1"/><w:enabled/><w:calcOnExit w:val="0"/><w:ddList>{result}{entries}</w:ddList></w:ffData></w:fldChar></w:r><w:bookmarkStart w:id="0" w:name="下拉1"/><w:r w:rsidR="00D3A1C4"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r><w:r><w:rPr><w:lang w:eastAsia="zh-CN"/></w:rPr></w:r>{separate}<w:r w:rsidR="00D3A1C4"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r><w:bookmarkEnd w:id="0"/>"#
    )
}

#[test]
fn form_fields_show_what_word_shows() {
    let other_writer = dropdown(Some(1), &["是", "否"], true).replacen(
        r#"<w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>否</w:t></w:r>"#,
        1,
    );
    let form_text = r#"<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:enabled/><w:calcOnExit w:val="0"/><w:textInput><w:type w:val="number"/><w:default w:val="0"/></w:textInput></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:noProof/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:noProof/></w:rPr><w:t>2件</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
    let simple = r#"<w:fldSimple w:instr=" DOCPROPERTY  Company  \* MERGEFORMAT "><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>某区司法局</w:t></w:r></w:fldSimple>"#;
    let hidden = dropdown(None, &["隐藏项"], false).replace(
        r#"<w:rFonts w:hint="eastAsia"/></w:rPr><w:fldChar w:fldCharType="end"/>"#,
        r#"<w:rFonts w:hint="eastAsia"/><w:vanish/></w:rPr><w:fldChar w:fldCharType="end"/>"#,
    );
    let body = [
        paragraph(
            "",
            &[
                runs("执行情况：", ""),
                dropdown(Some(1), &["已完成", "未完成"], false),
                runs("。", ""),
            ]
            .concat(),
        ),
        paragraph(
            "",
            &[runs("是否公开：", ""), dropdown(None, &["是", "否"], true)].concat(),
        ),
        paragraph("", &[runs("结论：", ""), other_writer].concat()),
        paragraph(
            "",
            &[runs("共办理", ""), form_text.to_owned(), runs("。", "")].concat(),
        ),
        paragraph("", &[runs("报送单位：", ""), simple.to_owned()].concat()),
        paragraph("", &[runs("备注", ""), hidden].concat()),
    ]
    .concat();
    let bytes = package(&body, &styles(32, ""), None, false);
    let extracted = docx::extract(&bytes).unwrap();
    assert_eq!(
        extracted.body.text,
        "执行情况：未完成。\n是否公开：是\n结论：否\n共办理12件。\n报送单位：某区司法局\n备注\n"
    );
    // The chosen entry maps back to the run that ends the field.
    let p = &extracted.body.paragraphs[0];
    let piece = p
        .pieces
        .iter()
        .find(|piece| &extracted.body.text[piece.text.clone()] == "未完成")
        .expect("a piece of its own");
    assert!(extracted.xml[piece.xml.clone()].contains(r#"w:fldCharType="end""#));
}

#[test]
fn packages_written_by_wps_read_like_word_ones() {
    // WPS names its heading styles' ids by number, sets every run's fonts with an East
    // Asian hint and size, and keeps its own data in alternate content Word skips.
    let run_props = r#"<w:rFonts w:hint="eastAsia" w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:cs="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#;
    let wps_para = |style: &str, text: &str| {
        let style = if style.is_empty() {
            String::new()
        } else {
            format!(r#"<w:pStyle w:val="{style}"/>"#)
        };
        format!(
            r#"<w:p><w:pPr>{style}<w:keepNext w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640" w:firstLineChars="200"/><w:rPr>{run_props}</w:rPr></w:pPr>{}</w:p>"#,
            runs(text, run_props)
        )
    };
    let more = r#"<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:uiPriority w:val="0"/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:before="340" w:beforeLines="0" w:beforeAutospacing="0" w:after="330" w:afterLines="0" w:afterAutospacing="0" w:line="576" w:lineRule="auto"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:kern w:val="44"/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 2"/><w:basedOn w:val="2"/><w:next w:val="a"/><w:unhideWhenUsed/><w:qFormat/><w:uiPriority w:val="0"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>"#;
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5A2B1C3D"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="5A2B1C3D"/><w:lvl w:ilvl="0" w:tentative="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl><w:lvl w:ilvl="1" w:tentative="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let wps_data = r#"<mc:AlternateContent><mc:Choice Requires="wpsCustomData"><wpsCustomData:docfieldStart id="1" docfieldname="{&quot;key&quot;:&quot;unit&quot;}"/></mc:Choice></mc:AlternateContent>"#;
    let body = [
        format!(
            r#"<w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:pPr>{}</w:p>"#,
            runs("某区2023年法治政府建设情况报告", r#"<w:sz w:val="44"/><w:szCs w:val="44"/>"#)
        ),
        wps_para("", "区委、区政府："),
        wps_para("", "2023年，我区深入学习贯彻习近平法治思想，全面推进依法行政。"),
        wps_para("2", "主要举措和成效"),
        wps_para("3", "依法全面履行政府职能"),
        wps_para("", "全年办理行政复议案件12件。").replacen("<w:r ", &format!("{wps_data}<w:r "), 1),
        wps_para("2", "存在的不足"),
        wps_para("", "某区人民政府"),
    ]
    .concat();
    let bytes = package(&body, &styles(21, more), Some(numbering), true);
    let names: Vec<String> = crate::common::parts(&bytes)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    for part in [
        "customXml/item1.xml",
        "docProps/custom.xml",
        "word/settings.xml",
    ] {
        assert!(names.iter().any(|n| n == part), "{part}");
    }
    let extracted = docx::extract(&bytes).expect("a WPS package reads");
    assert_eq!(extracted.main_part, "word/document.xml");
    assert_eq!(
        extracted.body.text,
        "某区2023年法治政府建设情况报告\n区委、区政府：\n2023年，我区深入学习贯彻习近平法治思想，全面推进依法行政。\n一、主要举措和成效\n（一）依法全面履行政府职能\n全年办理行政复议案件12件。\n二、存在的不足\n某区人民政府\n"
    );
    use reportlint::outline::Hint::*;
    let hints: Vec<_> = extracted.body.paragraphs.iter().map(|p| p.hint).collect();
    assert_eq!(
        hints,
        [
            Some(Display),
            None,
            None,
            Some(Heading(1)),
            Some(Heading(2)),
            None,
            Some(Heading(1)),
            None
        ]
    );
    let doc = Document::from_bytes("报告.docx", reportlint::Format::Docx, &bytes).unwrap();
    assert_eq!(
        doc.title().as_deref(),
        Some("某区2023年法治政府建设情况报告")
    );
}
