//! Word documents as Word and WPS write them: numbering through styles, what paragraph
//! formatting says a paragraph is, and tables on their grid.

use reportlint::document::docx;
use reportlint::document::table::Table;
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
        [
            Some(Heading(1)),
            Some(Heading(2)),
            Some(Heading(2)),
            Some(Heading(2)),
            Some(Heading(1)),
            None
        ]
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
    assert!(
        hints(&b).iter().all(|h| *h == Some(Hint::List)),
        "{:?}",
        hints(&b)
    );
}

#[test]
fn formatting_says_what_a_paragraph_is() {
    let more = r#"<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="60"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="dbt"><w:name w:val="大标题"/><w:basedOn w:val="a"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>"#;
    let more = format!("{more}{HEADING_STYLES}");
    let big = r#"<w:sz w:val="44"/><w:szCs w:val="44"/>"#;
    let body = [
        paragraph(
            r#"<w:jc w:val="center"/>"#,
            &runs("某区2023年法治政府建设情况报告", big),
        ),
        styled_text("dbt", "（2024年3月）"),
        styled_text("", "区委、区政府："),
        styled_text(
            "",
            "2023年，我区深入学习贯彻习近平法治思想，全面推进依法行政。",
        ),
        paragraph("", &runs("关于工作的总体说明", r#"<w:sz w:val="36"/>"#)),
        paragraph("", &runs("只大半磅", r#"<w:sz w:val="33"/>"#)),
        // One larger run in the middle of a paragraph.
        paragraph("", &[runs("正文之中", ""), runs("一段大字", big)].concat()),
        // A larger run that is hidden, and a larger paragraph mark, do not count.
        paragraph(
            r#"<w:rPr><w:sz w:val="44"/></w:rPr>"#,
            &[
                runs("正文", ""),
                format!(r#"<w:r><w:rPr><w:vanish/>{big}</w:rPr><w:t>隐藏</w:t></w:r>"#),
            ]
            .concat(),
        ),
        styled_text("a3", "标题样式的标题"),
        paragraph(
            r#"<w:pStyle w:val="1"/><w:jc w:val="center"/>"#,
            &runs("居中的一级标题", big),
        ),
        numbered(3, 0, r#"<w:jc w:val="center"/>"#, "编号且居中"),
        paragraph(r#"<w:jc w:val="center"/>"#, ""),
    ]
    .concat();
    let b = read(&body, &more);
    use Hint::*;
    assert_eq!(
        hints(&b),
        [
            Some(Display),
            Some(Display),
            None,
            None,
            Some(Display),
            None,
            Some(Display),
            None,
            Some(Title),
            Some(Heading(1)),
            Some(List),
            None
        ],
        "{}",
        b.text
    );
}

#[test]
fn the_body_size_is_the_size_most_text_is_set_in() {
    // Normal is 五号 (10.5 pt) but every run is set to 三号 by hand, the title to 二号.
    let body_size = r#"<w:sz w:val="32"/><w:szCs w:val="32"/>"#;
    let body = [
        paragraph(
            "",
            &runs("某区2023年法治政府建设情况报告", r#"<w:sz w:val="44"/>"#),
        ),
        paragraph("", &runs("区委、区政府：", body_size)),
        paragraph(
            "",
            &runs(
                "2023年，我区深入学习贯彻习近平法治思想，全面推进依法行政。",
                body_size,
            ),
        ),
        paragraph("", &runs("一、主要举措和成效", body_size)),
    ]
    .concat();
    let bytes = package(&body, &styles(21, ""), None, false);
    let b = docx::extract(&bytes).unwrap().body;
    assert_eq!(hints(&b), [Some(Hint::Display), None, None, None]);
}

fn cell(props: &str, content: &str) -> String {
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="2840" w:type="dxa"/>{props}<w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>"#
    )
}

fn row(props: &str, cells: &[String]) -> String {
    let props = if props.is_empty() {
        String::new()
    } else {
        format!("<w:trPr>{props}</w:trPr>")
    };
    format!(
        r#"<w:tr w:rsidR="00B1402F" w14:paraId="0A0B0C0D" w14:textId="77777777">{props}{}</w:tr>"#,
        cells.concat()
    )
}

fn table(rows: &[String]) -> String {
    format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="a5"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="2840"/><w:gridCol w:w="2841"/><w:gridCol w:w="2841"/></w:tblGrid>{}</w:tbl>"#,
        rows.concat()
    )
}

fn centred(text: &str) -> String {
    paragraph(r#"<w:jc w:val="center"/>"#, &runs(text, ""))
}

fn slice<'t>(text: &'t str, t: &Table, row: usize, column: usize) -> &'t str {
    let c = t.cell_at(row, column).expect("a cell there");
    &text[c.span.start..c.span.end]
}

#[test]
fn tables_come_with_rows_columns_and_spans() {
    let text_box = r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:extent cx="914400" cy="304800"/><wp:docPr id="1" name="文本框 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#;
    let nested = table(&[row(
        "",
        &[cell("", &centred("维持")), cell("", &centred("9件"))],
    )]);
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let span2 = r#"<w:gridSpan w:val="2"/>"#;
    let header = r#"<w:tblHeader/>"#;
    let body = [
        styled_text("", "表1 行政复议和诉讼情况"),
        table(&[
            row(
                header,
                &[
                    cell(restart, &centred("事项")),
                    cell(span2, &centred("办理情况")),
                ],
            ),
            row(
                header,
                &[
                    cell("<w:vMerge/>", "<w:p/>"),
                    cell("", &centred("件数")),
                    cell("", &centred("占比")),
                ],
            ),
            row(
                "",
                &[
                    cell("", &numbered(3, 0, "", "行政复议")),
                    cell("", &centred("12件")),
                    cell("", &format!("{nested}<w:p/>")),
                ],
            ),
            row(
                "",
                &[
                    cell(
                        "",
                        &paragraph(
                            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>"#,
                            &format!("{}{text_box}", runs("行政诉讼", "")),
                        ),
                    ),
                    cell("", &centred("8件")),
                    cell("", "<w:p/>"),
                ],
            ),
            row(
                r#"<w:gridBefore w:val="1"/><w:wBefore w:w="2840" w:type="dxa"/>"#,
                &[cell(span2, &centred("合计20件"))],
            ),
        ]),
        styled_text("", "表后正文"),
    ]
    .concat();
    let b = read(&body, "");
    let text = b.text.as_str();
    assert_eq!(
        text,
        "表1 行政复议和诉讼情况\n事项\n办理情况\n\n件数\n占比\n1.行政复议\n12件\n维持\n9件\n\n文本框内容\n2.行政诉讼\n8件\n\n合计20件\n表后正文\n"
    );
    assert_eq!(b.tables.len(), 2);
    let (t, inner) = (&b.tables[0], &b.tables[1]);
    assert_eq!((t.parent, inner.parent), (None, Some(0)));
    assert_eq!((t.rows.len(), t.width()), (5, 3));
    // The header: a cell merged down two rows, a cell across two columns.
    let merged = t.cell_at(0, 0).unwrap();
    assert_eq!(
        (slice(text, t, 1, 0), merged.rows, merged.header),
        ("事项", 2, true)
    );
    assert_eq!(t.cell_at(0, 1).unwrap().columns, 2);
    assert_eq!(slice(text, t, 0, 2), "办理情况");
    assert_eq!(t.rows[1].cells.len(), 2, "a merged cell is not repeated");
    assert_eq!(
        (t.rows[1].cells[0].column, slice(text, t, 1, 1)),
        (1, "件数")
    );
    assert!(t.rows[1].cells[0].header && !t.rows[2].cells[0].header);
    // Numbered cells keep their numbers; a cell holds its nested table's text.
    assert_eq!(slice(text, t, 2, 0), "1.行政复议");
    assert_eq!(slice(text, t, 2, 2), "维持\n9件\n");
    assert_eq!(slice(text, inner, 0, 1), "9件");
    assert_eq!(&text[inner.span.start..inner.span.end], "维持\n9件");
    // A text box in a cell is the cell's text.
    assert_eq!(slice(text, t, 3, 0), "文本框内容\n2.行政诉讼");
    assert!(t.cell_at(3, 2).unwrap().span.is_empty());
    // A row that starts one column in.
    assert!(t.cell_at(4, 0).is_none());
    assert_eq!(
        (t.rows[4].cells[0].column, slice(text, t, 4, 2)),
        (1, "合计20件")
    );
    assert_eq!(
        &text[t.span.start..t.span.end],
        &text[text.find("事项").unwrap()..text.find("\n表后").unwrap()]
    );
    // The document carries them, for checks to address cells.
    let doc = reportlint::Document::from_docx("表.docx", &b).unwrap();
    assert_eq!(doc.tables, b.tables);
}
