//! Layout fixes as formatting revisions (`annotate --fix`): on a report laid out as a
//! user's Word leaves it, the safe layout fixes of `gbt9704` are written as
//! `w:pPrChange`/`w:rPrChange` (with the text fixes as `w:del`/`w:ins` in the same
//! runs), the copy re-checks without the fixed findings, rejecting every formatting
//! revision gives back the input's layout findings, and the text reads the same.

mod common;

use common::ooxml::{package, paragraph, runs, styles};
use reportlint::annotate::{Revise, check_and_annotate};
use reportlint::check::Options;
use reportlint::document::Format;
use reportlint::{Document, Engine, Pack};

/// Run properties Word writes on a run whose font the user set.
fn set_font(font: &str, size: u32) -> String {
    format!(
        r#"<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hint="eastAsia"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#
    )
}

/// A run as Word writes it, with `props` inside `w:rPr`.
fn run(props: &str, text: &str) -> String {
    format!(
        r#"<w:r w:rsidRPr="00C71E2"><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
    )
}

/// A report as a user's Word leaves it on the national page: body text in the
/// default 小四 and the theme's font, without indent; a title in 黑体 三号, left;
/// headings in a style set to 黑体 三号; a red note; and `截止目前` for a text fix.
fn wrong_report() -> Vec<u8> {
    let heading = r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/><w:sz w:val="32"/></w:rPr></w:style>"#;
    let body = [
        paragraph(
            r#"<w:jc w:val="left"/>"#,
            &run(&set_font("黑体", 32), "江东区2023年法治政府建设情况报告"),
        ),
        paragraph(
            "",
            &runs(
                "2023年，我区深入推进法治政府建设，各项工作取得新进展。现将有关情况报告如下。",
                "",
            ),
        ),
        paragraph(r#"<w:pStyle w:val="1"/>"#, &runs("一、主要举措和成效", "")),
        paragraph(
            "",
            &format!(
                "{}{}",
                runs(
                    "全年办理行政复议案件45件，截止目前均已审结，纠错率12%。",
                    ""
                ),
                run(
                    r#"<w:rFonts w:hint="eastAsia"/><w:color w:val="FF0000"/>"#,
                    "（数据待核实）"
                )
            ),
        ),
        paragraph(
            r#"<w:spacing w:before="156"/>"#,
            &runs(
                "严格落实重大行政决策程序，重大决策全部经过合法性审查和集体讨论。",
                "",
            ),
        ),
    ]
    .concat();
    package(&body, &styles(24, heading), None, false)
}

fn engine() -> Engine {
    Engine::new(Pack::builtin())
}

/// The layout findings of a Word document, as `rule message` lines in order.
fn layout_findings(bytes: &[u8]) -> Vec<String> {
    let doc = Document::from_bytes("报告.docx", Format::Docx, bytes).expect("readable");
    engine()
        .check(doc, None)
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("gbt9704/"))
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect()
}

fn annotated(bytes: &[u8], revise: Revise) -> (Vec<u8>, usize) {
    let a = check_and_annotate(
        &engine(),
        "报告.docx",
        bytes,
        &Options::default(),
        revise,
        |_| {},
    )
    .expect("annotated");
    (a.bytes, a.revised)
}

fn document_xml(bytes: &[u8]) -> String {
    common::parts(bytes)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .map(|(_, x)| x)
        .expect("main part")
}

/// What Word's “拒绝所有修订” does to formatting: every run and paragraph gets the
/// properties its change holds (the paragraph keeps its mark's run properties).
fn reject_formatting(xml: &str) -> String {
    let mut xml = xml.to_owned();
    for (element, change) in [("w:rPr", "w:rPrChange"), ("w:pPr", "w:pPrChange")] {
        let close = format!("</{element}></{change}></{element}>");
        while let Some(at) = xml.find(&format!("<{change} ")) {
            let start = xml[..at].rfind(&format!("<{element}>")).unwrap();
            let old_from =
                at + xml[at..].find(&format!("<{element}>")).unwrap() + element.len() + 2;
            let end = at + xml[at..].find(&close).unwrap();
            let old = xml[old_from..end].to_owned();
            let current = &xml[start + element.len() + 2..at];
            let mark = match (current.find("<w:rPr>"), current.find("</w:rPr>")) {
                (Some(s), Some(e)) if element == "w:pPr" => current[s..e + 8].to_owned(),
                _ => String::new(),
            };
            xml.replace_range(
                start..end + close.len(),
                &format!("<{element}>{old}{mark}</{element}>"),
            );
        }
    }
    xml
}

/// The text of a Word document as reportlint reads it.
fn text(bytes: &[u8]) -> String {
    Document::from_bytes("报告.docx", Format::Docx, bytes)
        .expect("readable")
        .text
}

#[test]
fn safe_layout_fixes_are_formatting_revisions_that_reject_back_to_the_input() {
    let input = wrong_report();
    let before = layout_findings(&input);
    assert_eq!(
        before,
        [
            "gbt9704/title-font 标题不是二号小标宋：标题字体为“黑体”，应为“方正小标宋简体”（或“方正小标宋_GBK”、“方正小标宋”等）",
            "gbt9704/title-font 标题不是二号小标宋：标题字号为 16 磅（三号），应为 22 磅（二号）",
            "gbt9704/title-centred 标题没有居中：标题左对齐，应为居中",
            "gbt9704/body-font 正文不是三号仿宋：正文未指定中文字体（Word 按默认字体显示）（共 3 段），应为“仿宋_GB2312”（或“仿宋”、“FangSong”等）",
            "gbt9704/body-font 正文不是三号仿宋：正文字号为 12 磅（小四）（共 3 段），应为 16 磅（三号）",
            "gbt9704/first-line-indent 正文段落没有首行缩进二字：正文首行缩进为 0 字符（共 3 段），应为 2 字符",
            "gbt9704/body-color 正文中有非黑色文字：正文文字颜色为 FF0000，应为 000000（黑色）",
        ]
    );
    let (copy, revised) = annotated(&input, Revise::Safe);
    // Six layout findings and the 截止目前 fix.
    assert_eq!(revised, 7);
    // The colour is an unsafe fix: it stays, as a comment.
    assert_eq!(
        layout_findings(&copy),
        ["gbt9704/body-color 正文中有非黑色文字：正文文字颜色为 FF0000，应为 000000（黑色）"]
    );
    let comments = common::parts(&copy)
        .into_iter()
        .find(|(n, _)| n == "word/comments.xml")
        .map(|(_, x)| x)
        .unwrap_or_default();
    assert!(comments.contains("非黑色文字"), "{comments}");
    assert!(
        !comments.contains("仿宋") && !comments.contains("居中"),
        "{comments}"
    );

    let xml = document_xml(&copy);
    assert!(
        xml.contains(r#"<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#),
        "{xml}"
    );
    assert!(xml.contains(r#"w:eastAsia="方正小标宋简体""#), "{xml}");
    assert!(
        xml.contains(r#"<w:delText xml:space="preserve">截止目前</w:delText>"#),
        "{xml}"
    );
    // Each revision has its own id, also where a comment cut a revised run in two.
    let ids: Vec<&str> = xml
        .split("<w:rPrChange w:id=\"")
        .skip(1)
        .map(|x| x.split('"').next().unwrap())
        .collect();
    let mut distinct = ids.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(ids.len(), distinct.len(), "{ids:?}");
    assert!(common::well_formed(&xml));

    // Accepting gives the fixed text; rejecting the formatting, the input's layout.
    assert_eq!(text(&copy), text(&input).replace("截止目前", "截至目前"));
    let rejected = common::rewrite(&copy, "word/document.xml", reject_formatting);
    assert_eq!(layout_findings(&rejected), before);
}

#[test]
fn unsafe_fixes_set_the_colour_too() {
    let (copy, _) = annotated(&wrong_report(), Revise::All);
    assert_eq!(layout_findings(&copy), Vec::<String>::new());
    let xml = document_xml(&copy);
    assert!(xml.contains(r#"<w:color w:val="auto"/>"#), "{xml}");
}

#[test]
fn a_paragraph_revised_by_another_author_keeps_its_finding_as_a_comment() {
    let input = common::rewrite(&wrong_report(), "word/document.xml", |x| {
        x.replacen(
            r#"<w:jc w:val="left"/>"#,
            r#"<w:jc w:val="left"/><w:pPrChange w:id="90" w:author="张三" w:date="2024-01-02T00:00:00Z"><w:pPr/></w:pPrChange>"#,
            1,
        )
    });
    let (copy, _) = annotated(&input, Revise::Safe);
    let left = layout_findings(&copy);
    assert!(
        left.iter().any(|f| f.starts_with("gbt9704/title-centred")),
        "{left:?}"
    );
    // The body is revised all the same.
    assert!(
        !left.iter().any(|f| f.starts_with("gbt9704/body-font")),
        "{left:?}"
    );
}

/// A copy fixed before is checked and annotated again: nothing is left to fix, and the
/// earlier revisions stay as they are.
#[test]
fn a_fixed_copy_can_be_annotated_again() {
    let (copy, _) = annotated(&wrong_report(), Revise::Safe);
    let (again, revised) = annotated(&copy, Revise::Safe);
    assert_eq!(revised, 0);
    assert_eq!(text(&again), text(&copy));
    assert_eq!(
        document_xml(&again).matches("<w:rPrChange ").count(),
        document_xml(&copy).matches("<w:rPrChange ").count()
    );
    // With unsafe fixes the colour is left to fix: the new revision is checked on its
    // own, the earlier ones kept.
    let (again, revised) = annotated(&copy, Revise::All);
    assert_eq!(revised, 1);
    assert_eq!(layout_findings(&again), Vec::<String>::new());
    assert!(
        document_xml(&again).contains("<w:delText xml:space=\"preserve\">截止目前</w:delText>")
    );
    // The earlier run's records still hold the original formatting.
    let rejected = common::rewrite(&again, "word/document.xml", reject_formatting);
    assert_eq!(layout_findings(&rejected), layout_findings(&wrong_report()));
}

/// Properties written as XML allows but Word does not (single quotes, indented runs)
/// are revised all the same.
#[test]
fn single_quotes_and_indentation_are_read() {
    let input = common::rewrite(&wrong_report(), "word/document.xml", |x| {
        x.replacen(r#"<w:jc w:val="left"/>"#, "<w:jc w:val='left'/>", 1)
            .replacen(
                r#"<w:r w:rsidRPr="00C71E2"><w:rPr>"#,
                "<w:r w:rsidRPr=\"00C71E2\">\n      <w:rPr>",
                1,
            )
    });
    let (copy, _) = annotated(&input, Revise::Safe);
    assert_eq!(
        layout_findings(&copy),
        ["gbt9704/body-color 正文中有非黑色文字：正文文字颜色为 FF0000，应为 000000（黑色）"]
    );
    let xml = document_xml(&copy);
    assert!(xml.contains("<w:jc w:val='center'/>"), "{xml}");
    let title_run = &xml[xml.find("00C71E2").unwrap()..xml.find("</w:r>").unwrap()];
    assert_eq!(
        title_run.matches("<w:rPr>").count(),
        2,
        "the run's properties and the old ones in the change: {title_run}"
    );
}

/// Ids stay distinct in a plain annotated copy too, where a comment cuts a run with
/// another author's formatting revision in a part full of revisions.
#[test]
fn a_cut_revision_gets_an_id_no_other_annotation_has() {
    let input = common::rewrite(&wrong_report(), "word/document.xml", |x| {
        let i = x.find("截止目前").unwrap();
        let rpr = x[..i].rfind("</w:rPr>").unwrap();
        let mut x = x.to_owned();
        x.insert_str(
            rpr,
            r#"<w:rPrChange w:id="41" w:author="张三" w:date="2024-01-02T00:00:00Z"><w:rPr/></w:rPrChange>"#,
        );
        let dels: String = (1..=40)
            .map(|k| format!(r#"<w:del w:id="{k}" w:author="张三" w:date="2024-01-02T00:00:00Z"><w:r><w:delText>旧</w:delText></w:r></w:del>"#))
            .collect();
        let end = x.rfind("</w:p>").unwrap();
        x.insert_str(end, &dels);
        x
    });
    let (copy, _) = annotated(&input, Revise::Nothing);
    let xml = document_xml(&copy);
    let ids: Vec<&str> = ["<w:rPrChange w:id=\"", "<w:del w:id=\"", "<w:ins w:id=\""]
        .iter()
        .flat_map(|p| xml.split(p).skip(1).map(|x| x.split('"').next().unwrap()))
        .collect();
    let mut distinct = ids.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(ids.len(), distinct.len(), "{ids:?}");
}

/// LibreOffice, where installed, opens the copy and lists its formatting revisions
/// (as ODF format changes) beside the text ones. Skipped, and says so, on machines
/// without `soffice`.
#[test]
fn libreoffice_lists_the_formatting_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let (copy, _) = annotated(&wrong_report(), Revise::Safe);
    let path = dir.path().join("修订.docx");
    std::fs::write(&path, copy).unwrap();
    let Some(fodt) = common::libreoffice(dir.path(), &path, "fodt") else {
        return;
    };
    let fodt = std::fs::read_to_string(fodt).unwrap();
    // Run formatting comes through as format changes (paragraph formatting, which ODF
    // has no element for, under another name), the text fix as a deletion and an
    // insertion, every one by reportlint.
    assert!(fodt.matches("<text:format-change").count() > 1, "{fodt}");
    assert_eq!(fodt.matches("<text:deletion").count(), 1);
    assert_eq!(fodt.matches("<text:insertion").count(), 1);
    let changes = fodt
        .split_once("<text:tracked-changes")
        .and_then(|(_, x)| x.split_once("</text:tracked-changes>"))
        .map(|(x, _)| x)
        .expect("tracked changes");
    assert_eq!(
        changes
            .matches("<dc:creator>reportlint</dc:creator>")
            .count(),
        changes.matches("<text:changed-region ").count(),
        "{changes}"
    );
}
