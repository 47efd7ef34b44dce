//! The 版头 (rules `gbt9704/issuer-mark`, `gbt9704/issuer-mark-font` and
//! `gbt9704/masthead-rule`, off until a config switches them on): 发文机关标志 and the red
//! 分隔线 made the ways WPS and Word make them — a line shape (DrawingML with a VML
//! fallback) anchored in the 发文字号, a red bottom border on an empty paragraph — are
//! read as a careful reader sees them; a black or missing line, a black or left-aligned
//! mark give exactly their findings; and `annotate --fix` sets the mark red and centred.

mod common;

use common::all_on;
use common::ooxml::{package, paragraph, runs, styles};
use reportlint::annotate::{Revise, check_and_annotate};
use reportlint::check::Options;
use reportlint::document::Format;
use reportlint::{Document, Engine, Pack};

/// The 版头 findings of a .docx, as `rule message` lines, and the title read.
fn masthead_findings(bytes: &[u8]) -> (Vec<String>, String) {
    let engine = Engine::new(all_on());
    let doc = Document::from_bytes("报告.docx", Format::Docx, bytes).expect("readable docx");
    let checked = engine.check(doc, None);
    let title = checked
        .document
        .outline
        .title
        .as_ref()
        .map(|t| t.span.slice(&checked.document.text).to_owned())
        .unwrap_or_default();
    let found = checked
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.rule.as_str(),
                "gbt9704/issuer-mark" | "gbt9704/issuer-mark-font" | "gbt9704/masthead-rule"
            )
        })
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect();
    (found, title)
}

/// The 发文机关标志 as WPS writes it: 方正小标宋简体, red, narrowed and spaced, centred.
fn issuer_mark(color: &str, align: &str) -> String {
    paragraph(
        &format!(r#"<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="{align}"/>"#),
        &format!(
            r#"<w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:hAnsi="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hint="eastAsia"/><w:color w:val="{color}"/><w:spacing w:val="20"/><w:w w:val="70"/><w:sz w:val="110"/><w:szCs w:val="110"/></w:rPr><w:t>江东区人民政府文件</w:t></w:r>"#
        ),
    )
}

/// A straight connector drawn as WPS writes it: DrawingML (line colour `color`) with
/// a VML fallback.
fn drawn_line(color: &str) -> String {
    format!(
        r##"<w:r><w:rPr><w:sz w:val="32"/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>-12700</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>377190</wp:posOffset></wp:positionV><wp:extent cx="5615940" cy="0"/><wp:effectExtent l="0" t="9525" r="0" b="9525"/><wp:wrapNone/><wp:docPr id="2" name="直接连接符 2"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5615940" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="19050" cap="flat" cmpd="sng"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:prstDash val="solid"/><a:headEnd type="none" w="med" len="med"/><a:tailEnd type="none" w="med" len="med"/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:line id="直接连接符 2" o:spid="_x0000_s1026" style="position:absolute;left:0;margin-left:-1pt;margin-top:29.7pt;height:0pt;width:442.2pt;z-index:251659264" coordsize="21600,21600" strokecolor="#{color}" strokeweight="1.5pt"/></w:pict></mc:Fallback></mc:AlternateContent></w:r>"##
    )
}

/// A report with a 版头: the mark, an empty line, the 发文字号 (with `after_number`
/// appended to its runs), then `between` (paragraphs), the title, 主送 and body.
fn report(mark: &str, after_number: &str, between: &str) -> Vec<u8> {
    let body = [
        mark.to_owned(),
        paragraph(r#"<w:jc w:val="center"/>"#, ""),
        paragraph(
            r#"<w:jc w:val="center"/>"#,
            &format!("{}{after_number}", runs("江府发〔2024〕3号", "")),
        ),
        between.to_owned(),
        paragraph(
            r#"<w:jc w:val="center"/>"#,
            &runs(
                "江东区人民政府关于2023年法治政府建设情况的报告",
                r#"<w:sz w:val="44"/>"#,
            ),
        ),
        paragraph("", &runs("市人民政府：", "")),
        paragraph(
            r#"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#,
            &runs(
                "2023年，我区深入推进法治政府建设，各项工作取得新进展。现将有关情况报告如下。",
                "",
            ),
        ),
    ]
    .concat();
    package(&body, &styles(32, ""), None, true)
}

const TITLE: &str = "江东区人民政府关于2023年法治政府建设情况的报告";

#[test]
fn a_wps_masthead_with_a_red_connector_is_right() {
    let bytes = report(
        &issuer_mark("FF0000", "center"),
        &drawn_line("FF0000"),
        &paragraph(r#"<w:jc w:val="center"/>"#, ""),
    );
    assert_eq!(masthead_findings(&bytes), (Vec::new(), TITLE.to_owned()));
}

#[test]
fn a_word_masthead_with_a_red_border_on_an_empty_line_is_right() {
    let border = paragraph(
        r#"<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="1" w:color="C00000"/></w:pBdr><w:jc w:val="center"/>"#,
        "",
    );
    let bytes = report(&issuer_mark("E60012", "center"), "", &border);
    assert_eq!(masthead_findings(&bytes), (Vec::new(), TITLE.to_owned()));
}

#[test]
fn a_black_line_a_black_left_mark_and_no_line_give_their_findings() {
    let bytes = report(&issuer_mark("000000", "left"), &drawn_line("000000"), "");
    let (found, title) = masthead_findings(&bytes);
    assert_eq!(title, TITLE);
    assert_eq!(
        found,
        [
            "gbt9704/issuer-mark 发文机关标志不合公文格式：发文机关标志左对齐，应为居中",
            "gbt9704/issuer-mark 发文机关标志不合公文格式：发文机关标志文字颜色为 000000，应为红色",
            "gbt9704/masthead-rule 版头中的分隔线不合公文格式：版头下的分隔线为000000（黑色），应为红色",
        ]
    );
    let bytes = report(&issuer_mark("FF0000", "center"), "", "");
    assert_eq!(
        masthead_findings(&bytes).0,
        [
            "gbt9704/masthead-rule 版头中的分隔线不合公文格式：版头下没有分隔线，应有一条红色的分隔线"
        ]
    );
}

#[test]
fn a_report_without_a_masthead_gives_none_and_the_rules_are_off_by_default() {
    let body = [
        paragraph(r#"<w:jc w:val="center"/>"#, &runs(TITLE, "")),
        paragraph("", &runs("市人民政府：", "")),
        paragraph("", &runs("2023年，我区深入推进法治政府建设。", "")),
    ]
    .concat();
    let bytes = package(&body, &styles(32, ""), None, false);
    assert_eq!(masthead_findings(&bytes).0, Vec::<String>::new());

    let wrong = report(&issuer_mark("000000", "left"), "", "");
    let engine = Engine::new(Pack::builtin());
    let doc = Document::from_bytes("报告.docx", Format::Docx, &wrong).unwrap();
    let checked = engine.check(doc, None);
    assert!(
        !checked
            .findings
            .iter()
            .any(|f| f.rule.starts_with("gbt9704/issuer") || f.rule == "gbt9704/masthead-rule")
    );
}

#[test]
fn annotate_fix_sets_the_mark_red_and_centred() {
    let input = report(&issuer_mark("000000", "left"), &drawn_line("FF0000"), "");
    let annotated = check_and_annotate(
        &Engine::new(all_on()),
        "报告.docx",
        &input,
        &Options::default(),
        Revise::Safe,
        |_| {},
    )
    .unwrap();
    assert_eq!(masthead_findings(&annotated.bytes).0, Vec::<String>::new());
    let xml = common::parts(&annotated.bytes)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert!(xml.contains(r#"<w:color w:val="FF0000"/>"#), "{xml}");
    assert!(xml.contains(r#"<w:pPrChange"#), "{xml}");
}
