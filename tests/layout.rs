//! The 版式 of Word documents (`layout` rules of the built-in `gbt9704` pack): documents
//! made as users make them give exactly their layout findings, a document laid out to
//! GB/T 9704 gives none, and text gives none. (The `template` skeleton, checked with
//! every rule of the pack on, is in `tests/page_numbers.rs`.)

mod common;

use reportlint::document::Format;
use reportlint::document::docx::example_docx;
use reportlint::{Document, Engine, Pack};

/// The layout findings of a .docx, as `rule message` lines in order.
fn layout_findings(bytes: &[u8]) -> Vec<String> {
    let engine = Engine::new(Pack::builtin());
    let doc = Document::from_bytes("测试.docx", Format::Docx, bytes).expect("readable docx");
    let checked = engine.check(doc, None);
    assert!(
        checked.packs.iter().any(|p| p == "gbt9704"),
        "{:?}",
        checked.packs
    );
    checked
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("gbt9704/"))
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect()
}

fn docx(styles: &str, body: &str, sect: &str) -> Vec<u8> {
    example_docx(&format!("<w:styles>{styles}</w:styles>{body}{sect}"))
}

fn p(style: Option<&str>, run_props: &str, text: &str) -> String {
    let ppr = style.map_or_else(String::new, |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    let rpr = if run_props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{run_props}</w:rPr>")
    };
    format!("<w:p>{ppr}<w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>")
}

/// A short report: title, opening, 一级 and 二级 headings with body under them.
fn report(title_props: &str) -> String {
    [
        p(
            Some("Title"),
            title_props,
            "江东区2023年法治政府建设情况报告",
        ),
        p(
            None,
            "",
            "2023年，我区深入推进法治政府建设，各项工作取得新进展。现将有关情况报告如下。",
        ),
        p(Some("Heading1"), "", "一、主要举措和成效"),
        p(Some("Heading2"), "", "（一）完善依法行政制度体系"),
        p(
            None,
            "",
            "全年审查规范性文件12件，清理规章和规范性文件35件，全部向社会公布。",
        ),
        p(
            None,
            "",
            "严格落实重大行政决策程序，重大决策全部经过合法性审查和集体讨论。",
        ),
    ]
    .concat()
}

const A4_NATIONAL: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#;
/// Word's own default page in the US: Letter, 1 inch top and bottom, 1.25 inch sides.
const LETTER_WORD: &str = r#"<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>"#;
/// Chinese Word's default page: A4, 2.54 cm top and bottom, 3.18 cm sides.
const A4_WORD: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>"#;

/// Styles laid out to GB/T 9704: body 三号仿宋 at a fixed 28 pt with a two-character
/// indent (in docDefaults), title 二号小标宋 centred, headings 黑体 and 楷体.
const NATIONAL_STYLES: &str = r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>"#;

/// Styles as a user's Word leaves them: the East Asian font only in docDefaults (宋体),
/// the size (小四) and 1.5 line spacing only in the Normal style, no indent; headings
/// bold in the body font; a title style that only centres nothing (left as Normal).
const WORD_STYLES: &str = r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:eastAsia="宋体"/><w:sz w:val="21"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体"/><w:sz w:val="32"/></w:rPr></w:style>"#;

#[test]
fn a_document_laid_out_to_the_standard_gives_no_layout_finding() {
    let bytes = docx(NATIONAL_STYLES, &report(""), A4_NATIONAL);
    assert_eq!(layout_findings(&bytes), Vec::<String>::new());
}

#[test]
fn word_defaults_give_each_of_their_layout_findings_and_nothing_else() {
    // Body 宋体 (docDefaults) 小四 (Normal), 1.5 lines, no indent; title left-aligned in
    // 黑体 三号 set on its run; Letter paper with Word's margins.
    let bytes = docx(
        WORD_STYLES,
        &report(r#"<w:rFonts w:eastAsia="黑体"/><w:sz w:val="32"/>"#),
        LETTER_WORD,
    );
    let body_fonts = "“仿宋_GB2312”（或“仿宋”、“FangSong”等）";
    assert_eq!(
        layout_findings(&bytes),
        [
            "gbt9704/paper 纸张不是 A4 纵向：纸张为 215.9 × 279.4 毫米，应为 210 × 297 毫米 ±1".to_owned(),
            "gbt9704/margins 页边距与版心尺寸不符：页边距（上）为 25.4 毫米，应为 37 毫米 ±1".to_owned(),
            "gbt9704/margins 页边距与版心尺寸不符：页边距（下）为 25.4 毫米，应为 35 毫米 ±1".to_owned(),
            "gbt9704/margins 页边距与版心尺寸不符：页边距（左）为 31.7 毫米，应为 28 毫米 ±1".to_owned(),
            "gbt9704/margins 页边距与版心尺寸不符：页边距（右）为 31.7 毫米，应为 26 毫米 ±1".to_owned(),
            "gbt9704/title-font 标题不是二号小标宋：标题字体为“黑体”，应为“方正小标宋简体”（或“方正小标宋_GBK”、“方正小标宋”等）".to_owned(),
            "gbt9704/title-font 标题不是二号小标宋：标题字号为 16 磅（三号），应为 22 磅（二号）".to_owned(),
            "gbt9704/title-centred 标题没有居中：标题两端对齐，应为居中".to_owned(),
            format!("gbt9704/body-font 正文不是三号仿宋：正文字体为“宋体”（共 3 段），应为{body_fonts}"),
            "gbt9704/body-font 正文不是三号仿宋：正文字号为 12 磅（小四）（共 3 段），应为 16 磅（三号）".to_owned(),
            "gbt9704/first-line-indent 正文段落没有首行缩进二字：正文首行缩进为 0 字符（共 3 段），应为 2 字符".to_owned(),
            "gbt9704/line-spacing 正文行距不合每面 22 行：正文行距为 1.5 倍行距（共 3 段），应为固定值 28–29.5 磅（或单倍行距配每行 28–29.5 磅的文档网格）".to_owned(),
        ]
    );
}

#[test]
fn a4_with_word_margins_gives_only_the_margins() {
    let bytes = docx(NATIONAL_STYLES, &report(""), A4_WORD);
    let found = layout_findings(&bytes);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        found.iter().all(|f| f.starts_with("gbt9704/margins ")),
        "{found:#?}"
    );
    // Chinese Word's grid of 15.6 pt lines does not count: the styles fix 28 pt lines.
}

#[test]
fn single_spacing_on_a_22_line_grid_is_right_and_on_another_grid_is_not() {
    let styles = NATIONAL_STYLES.replace(r#"<w:spacing w:line="560" w:lineRule="exact"/>"#, "");
    let grid = |pitch: u32| {
        A4_NATIONAL.replace(
            "</w:sectPr>",
            &format!(r#"<w:docGrid w:type="lines" w:linePitch="{pitch}"/></w:sectPr>"#),
        )
    };
    assert_eq!(
        layout_findings(&docx(&styles, &report(""), &grid(579))),
        Vec::<String>::new()
    );
    let found = layout_findings(&docx(&styles, &report(""), &grid(312)));
    assert_eq!(
        found,
        [
            "gbt9704/line-spacing 正文行距不合每面 22 行：正文行距为单倍行距（共 3 段），应为固定值 28–29.5 磅（或单倍行距配每行 28–29.5 磅的文档网格）"
        ]
    );
}

#[test]
fn direct_formatting_overrides_the_styles() {
    // One body paragraph in 宋体 red by direct formatting, its indent taken away; the
    // title's style is national but its paragraph is set left.
    let body = [
        r#"<w:p><w:pPr><w:pStyle w:val="Title"/><w:jc w:val="left"/></w:pPr><w:r><w:t>江东区2023年法治政府建设情况报告</w:t></w:r></w:p>"#.to_owned(),
        p(None, "", "2023年，我区深入推进法治政府建设，各项工作取得新进展。现将有关情况报告如下。"),
        p(Some("Heading1"), "", "一、主要举措和成效"),
        r#"<w:p><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="宋体"/><w:color w:val="FF0000"/></w:rPr><w:t>全年审查规范性文件12件，清理规章和规范性文件35件，全部向社会公布。</w:t></w:r></w:p>"#.to_owned(),
    ]
    .concat();
    let found = layout_findings(&docx(NATIONAL_STYLES, &body, A4_NATIONAL));
    assert_eq!(
        found,
        [
            "gbt9704/title-centred 标题没有居中：标题左对齐，应为居中",
            "gbt9704/body-font 正文不是三号仿宋：正文字体为“宋体”，应为“仿宋_GB2312”（或“仿宋”、“FangSong”等）",
            "gbt9704/body-color 正文中有非黑色文字：正文文字颜色为 FF0000，应为 000000（黑色）",
            "gbt9704/first-line-indent 正文段落没有首行缩进二字：正文首行缩进为 0 字符，应为 2 字符",
        ]
    );
}

#[test]
fn text_has_no_layout_and_is_not_checked_for_it() {
    let engine = Engine::new(Pack::builtin());
    let doc = Document::open(std::path::Path::new("fixtures/reports/haian-2023.txt")).unwrap();
    let checked = engine.check(doc, None);
    // Not the 版式 pack; the companion for every report (`gbt15834`) checks it.
    assert_eq!(checked.packs, ["fzzfjs", "gbt15834"]);
    // Given the layout pack anyway, a text report gives no layout finding.
    let gbt = Pack::builtin()
        .into_iter()
        .find(|p| p.id == "gbt9704")
        .unwrap();
    assert!(gbt.layout);
    let text = std::fs::read_to_string("fixtures/reports/haian-2023.txt").unwrap();
    let doc = Document::from_text("t.txt", Format::Txt, text);
    let only = Engine::new(vec![gbt]);
    assert!(only.check(doc, None).findings.is_empty());
}

/// The examples of a `layout` rule are Word documents and can fail: a `fail` example laid
/// out correctly, or one that is not WordprocessingML, does not count as triggering it.
#[test]
fn layout_examples_are_checked_as_word_documents() {
    let pack = |fail: &str| {
        let src = format!(
            "id: t\ntitle: 测试\nversion: \"1\"\nlayout: true\nrules:\n  - id: margins\n    title: 页边距\n    severity: error\n    message: 页边距不符\n    check:\n      layout:\n        target: page\n        margins: {{ top: 37, bottom: 35, left: 28, right: 26 }}\n    examples:\n      pass: ['<w:p><w:r><w:t>某区2023年法治政府建设情况报告</w:t></w:r></w:p>{A4_NATIONAL}']\n      fail: ['{fail}']\n"
        );
        Pack::from_yaml(&src, "t.yaml").expect("test pack")
    };
    let failures = |p: Pack| -> Vec<(&'static str, usize)> {
        Engine::new(vec![p])
            .run_examples()
            .into_iter()
            .map(|f| f.which)
            .collect()
    };
    let title = "<w:p><w:r><w:t>某区2023年法治政府建设情况报告</w:t></w:r></w:p>";
    assert!(failures(pack(&format!("{title}{A4_WORD}"))).is_empty());
    assert_eq!(
        failures(pack(&format!("{title}{A4_NATIONAL}"))),
        [("fail", 0)]
    );
    assert_eq!(failures(pack("<w:p><w:r><w:t>未闭合")), [("fail", 0)]);
}

/// The report with a 落款 of two paragraphs, each given `props` (the inside of `w:pPr`)
/// and `lead` before its text.
fn with_closing(props: [&str; 2], lead: [&str; 2]) -> Vec<u8> {
    let line = |ppr: &str, lead: &str, text: &str| {
        let ppr = if ppr.is_empty() {
            String::new()
        } else {
            format!("<w:pPr>{ppr}</w:pPr>")
        };
        format!(
            r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{lead}</w:t></w:r><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let closing = format!(
        "{}{}",
        line(props[0], lead[0], "江东区人民政府"),
        line(props[1], lead[1], "2024年1月20日")
    );
    docx(
        NATIONAL_STYLES,
        &format!("{}{closing}", report("")),
        A4_NATIONAL,
    )
}

/// The `closing-right` findings, once the 落款 is read as one.
fn closing_findings(bytes: &[u8]) -> Vec<String> {
    let doc = Document::from_bytes("测试.docx", Format::Docx, bytes).expect("readable docx");
    let closing = doc.outline.closing.as_ref().expect("a 落款").span;
    assert!(closing.slice(&doc.text).contains("江东区人民政府"));
    assert!(closing.slice(&doc.text).contains("2024年1月20日"));
    layout_findings(bytes)
        .into_iter()
        .filter(|f| f.starts_with("gbt9704/closing-right"))
        .collect()
}

#[test]
fn a_closing_put_on_the_right_by_alignment_indent_spaces_or_tab_is_right() {
    // Word: right-aligned, 右空二字 by a right indent.
    let right =
        r#"<w:ind w:right="640" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>"#;
    assert!(closing_findings(&with_closing([right, right], ["", ""])).is_empty());
    // A first-line indent of 18 characters, and full-width spaces before the date.
    let indented = r#"<w:ind w:firstLineChars="1800" w:firstLine="5760"/>"#;
    let spaces = "\u{3000}".repeat(20);
    assert!(closing_findings(&with_closing([indented, ""], ["", &spaces])).is_empty());
    // Tabs to a right tab stop.
    let tab = r#"<w:tabs><w:tab w:val="right" w:pos="8200"/></w:tabs>"#;
    let bytes = example_docx(&format!(
        "<w:styles>{NATIONAL_STYLES}</w:styles>{}<w:p><w:pPr>{tab}</w:pPr><w:r><w:tab/><w:t>江东区人民政府</w:t></w:r></w:p><w:p><w:pPr>{tab}</w:pPr><w:r><w:tab/><w:t>2024年1月20日</w:t></w:r></w:p>{A4_NATIONAL}",
        report("")
    ));
    assert!(closing_findings(&bytes).is_empty());
}

#[test]
fn a_closing_at_the_left_or_in_the_middle_is_found() {
    let left = r#"<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>"#;
    assert_eq!(
        closing_findings(&with_closing([left, left], ["", ""])),
        [
            "gbt9704/closing-right 落款不在右侧：落款左对齐（共 2 段），应在右侧（右对齐，或缩进到右侧）"
        ]
    );
    // The body's two-character indent does not put it on the right.
    assert_eq!(
        closing_findings(&with_closing(["", ""], ["", ""])),
        [
            "gbt9704/closing-right 落款不在右侧：落款两端对齐（共 2 段），应在右侧（右对齐，或缩进到右侧）"
        ]
    );
    let centre = r#"<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#;
    assert_eq!(
        closing_findings(&with_closing([centre, centre], ["", ""])),
        [
            "gbt9704/closing-right 落款不在右侧：落款居中（共 2 段），应在右侧（右对齐，或缩进到右侧）"
        ]
    );
}

/// A 落款 set in a borderless table (a common way to put it on the right) is read as a
/// 落款 and not held to an alignment: where its cell stands is not read.
#[test]
fn a_closing_in_a_table_is_not_held_to_an_alignment() {
    let cell = |text: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="4400" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
        )
    };
    let row = |text: &str| format!("<w:tr>{}{}</w:tr>", cell(""), cell(text));
    let table = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="8800" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="4400"/><w:gridCol w:w="4400"/></w:tblGrid>{}{}</w:tbl>"#,
        row("江东区人民政府"),
        row("2024年1月20日")
    );
    let bytes = docx(
        NATIONAL_STYLES,
        &format!("{}{table}", report("")),
        A4_NATIONAL,
    );
    let doc = Document::from_bytes("测试.docx", Format::Docx, &bytes).expect("readable docx");
    let found: Vec<String> = layout_findings(&bytes)
        .into_iter()
        .filter(|f| f.starts_with("gbt9704/closing-right"))
        .collect();
    assert!(doc.outline.closing.is_some(), "the 落款 is read");
    assert_eq!(found, Vec::<String>::new());
}
