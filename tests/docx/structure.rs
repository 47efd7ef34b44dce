//! Word documents as Word and WPS write them: numbering through styles.

use reportlint::document::docx;
use reportlint::outline::Hint;

use crate::common::ooxml::{package, paragraph, runs, styled_text, styles};

/// 标题 1 carries the list at level 0; 标题 2 is based on it and sets only level 1.
const HEADING_STYLES: &str = r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="10"/><w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="00B1402F"/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:bCs/><w:kern w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:next w:val="a"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/><w:b w:val="0"/></w:rPr></w:style>"#;

/// Abstract 0: `一、` then `（一）`; abstract 1: decimal `1`, `1.1`, `1.1.1`; abstract 2:
/// `1.` for cells.
const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0" w15:restartNumberingAfterBreak="0"><w:nsid w:val="2F1C6A8B"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="5E8A1C2A"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1" w15:restartNumberingAfterBreak="0"><w:nsid w:val="6D0B3F11"/><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="425" w:hanging="425"/></w:pPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:nsid w:val="1B2C3D4E"/><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0" w:tplc="0409000F"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>"#;

fn numbered(num_id: u8, ilvl: u8, more: &str, text: &str) -> String {
    paragraph(
        &format!(
            r#"<w:pStyle w:val="a"/><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>{more}"#
        ),
        &runs(text, ""),
    )
}

fn read(body: &str, more_styles: &str) -> docx::Body {
    let bytes = package(body, &styles(32, more_styles), Some(NUMBERING), false);
    docx::extract(&bytes).expect("readable").body
}

fn hints(body: &docx::Body) -> Vec<Option<Hint>> {
    body.paragraphs.iter().map(|p| p.hint).collect()
}

#[test]
fn numbering_through_styles_reads_as_word_shows_it() {
    let body = [
        styled_text("1", "主要举措和成效"),
        styled_text("2", "依法全面履行政府职能"),
        styled_text("2", "推进依法行政决策"),
        // The paragraph switches its style's numbering off.
        paragraph(
            r#"<w:pStyle w:val="2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>"#,
            &runs("不编号的二级标题", ""),
        ),
        styled_text("1", "存在的不足"),
        styled_text("", "正文内容"),
    ]
    .concat();
    let b = read(&body, HEADING_STYLES);
    assert_eq!(
        b.text,
        "一、主要举措和成效\n（一）依法全面履行政府职能\n（二）推进依法行政决策\n不编号的二级标题\n二、存在的不足\n正文内容\n"
    );
    use Hint::Heading;
    assert_eq!(
        hints(&b),
        [Some(Heading(1)), Some(Heading(2)), Some(Heading(2)), Some(Heading(2)), Some(Heading(1)), None]
    );
}

#[test]
fn a_decimal_multilevel_list_reads_as_word_shows_it() {
    let body = [
        numbered(2, 0, "", "总体情况"),
        numbered(2, 1, "", "制度建设"),
        numbered(2, 0, "", "工作举措"),
        numbered(2, 0, "", "下一步打算"),
        numbered(2, 2, "", "加强学习"),
    ]
    .concat();
    let b = read(&body, "");
    assert_eq!(
        b.text,
        "1 总体情况\n1.1 制度建设\n2 工作举措\n3 下一步打算\n3.1.1 加强学习\n"
    );
}
