//! Page numbers and the 版记 (rules `gbt9704/page-number` and `gbt9704/imprint`), which
//! are off until a config switches them on: footers made the ways Word and WPS make them
//! are read for where the number stands, what is beside it and its size; the 版记's rules
//! are read from paragraph borders. The `template` skeleton passes every rule of the pack.

mod common;

use common::all_on;
use reportlint::document::Format;
use reportlint::document::docx::example_docx;
use reportlint::{Document, Engine, Pack};

/// The findings of `rule` (`gbt9704/…`) on a .docx, as messages.
fn findings_of(packs: Vec<Pack>, rule: &str, bytes: &[u8]) -> Vec<String> {
    let engine = Engine::new(packs);
    let doc = Document::from_bytes("测试.docx", Format::Docx, bytes).expect("readable docx");
    engine
        .check(doc, None)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message)
        .collect()
}

const BODY: &str = r#"<w:p><w:r><w:t>江东区2023年法治政府建设情况报告</w:t></w:r></w:p><w:p><w:r><w:t>2023年，我区深入推进法治政府建设，各项工作取得新进展。</w:t></w:r></w:p>"#;
const SECT: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>"#;

/// A run of 四号 text.
fn run(inner: &str) -> String {
    format!(r#"<w:r><w:rPr><w:sz w:val="28"/></w:rPr>{inner}</w:r>"#)
}

/// `— PAGE —` as Word writes a complex field, in 四号.
fn dashed_number() -> String {
    [
        run(r#"<w:t xml:space="preserve">— </w:t>"#),
        run(r#"<w:fldChar w:fldCharType="begin"/>"#),
        run(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#),
        run(r#"<w:fldChar w:fldCharType="separate"/>"#),
        run("<w:t>1</w:t>"),
        run(r#"<w:fldChar w:fldCharType="end"/>"#),
        run(r#"<w:t xml:space="preserve"> —</w:t>"#),
    ]
    .concat()
}

fn footer(kind: &str, ppr: &str, content: &str) -> String {
    format!(r#"<w:ftr w:type="{kind}"><w:p><w:pPr>{ppr}</w:pPr>{content}</w:p></w:ftr>"#)
}

const EVEN_ODD: &str = "<w:settings><w:evenAndOddHeaders/></w:settings>";

const PAGE_NUMBER: &str = "页码不合公文格式";

#[test]
fn page_numbers_are_off_by_default() {
    let centred = footer("default", r#"<w:jc w:val="center"/>"#, &dashed_number());
    let bytes = example_docx(&format!("{centred}{BODY}{SECT}"));
    assert!(findings_of(Pack::builtin(), "gbt9704/page-number", &bytes).is_empty());
    assert_eq!(
        findings_of(all_on(), "gbt9704/page-number", &bytes),
        [format!(
            "{PAGE_NUMBER}：页码各页都居中（未设置奇偶页不同），应单页居右空一字、双页居左空一字（在“页眉和页脚”中勾选“奇偶页不同”）"
        )]
    );
}

#[test]
fn odd_right_and_even_left_between_dashes_in_size_four_is_right() {
    // Word: a complex field on odd pages; an even footer with a simple field.
    let odd = footer(
        "default",
        r#"<w:ind w:right="280"/><w:jc w:val="right"/>"#,
        &dashed_number(),
    );
    let even = footer(
        "even",
        r#"<w:ind w:left="280"/><w:jc w:val="left"/>"#,
        &[
            run(r#"<w:t xml:space="preserve">— </w:t>"#),
            format!(
                r#"<w:fldSimple w:instr=" PAGE   \* MERGEFORMAT ">{}</w:fldSimple>"#,
                run("<w:t>2</w:t>")
            ),
            run(r#"<w:t xml:space="preserve"> —</w:t>"#),
        ]
        .concat(),
    );
    let bytes = example_docx(&format!("{EVEN_ODD}{odd}{even}{BODY}{SECT}"));
    assert!(findings_of(all_on(), "gbt9704/page-number", &bytes).is_empty());
}

#[test]
fn a_frame_on_the_outside_is_right_as_wps_writes_it() {
    // WPS puts the number in a frame aligned to the outside edge, one footer for all.
    let framed = footer(
        "default",
        r#"<w:framePr w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:xAlign="outside" w:y="1"/>"#,
        &dashed_number(),
    );
    let bytes = example_docx(&format!("{framed}{BODY}{SECT}"));
    assert!(findings_of(all_on(), "gbt9704/page-number", &bytes).is_empty());
}

#[test]
fn words_plain_number_in_the_middle_gives_each_fault() {
    // Insert → Page Number → Bottom of Page → Plain Number 2: a content control around a
    // centred paragraph in the Footer style (小五 in Chinese Word), no dashes.
    let styles = r#"<w:styles><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="21"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4153"/><w:tab w:val="right" w:pos="8306"/></w:tabs><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style></w:styles>"#;
    let plain = r#"<w:ftr w:type="default"><w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Page Numbers (Bottom of Page)"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE   \* MERGEFORMAT</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:lang w:val="zh-CN"/></w:rPr><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt></w:ftr>"#;
    let bytes = example_docx(&format!("{styles}{plain}{BODY}{SECT}"));
    assert_eq!(
        findings_of(all_on(), "gbt9704/page-number", &bytes),
        [
            format!(
                "{PAGE_NUMBER}：页码各页都居中（未设置奇偶页不同），应单页居右空一字、双页居左空一字（在“页眉和页脚”中勾选“奇偶页不同”）"
            ),
            format!("{PAGE_NUMBER}：页码两侧没有一字线，应写作“— 1 —”"),
            format!("{PAGE_NUMBER}：页码字号为 9 磅（小五），应为 14 磅（四号）"),
        ]
    );
}

#[test]
fn hyphens_a_missing_even_number_and_a_text_box_are_read() {
    let hyphens = footer(
        "default",
        r#"<w:jc w:val="right"/>"#,
        &dashed_number().replace('—', "-"),
    );
    let bytes = example_docx(&format!("{EVEN_ODD}{hyphens}{BODY}{SECT}"));
    assert_eq!(
        findings_of(all_on(), "gbt9704/page-number", &bytes),
        [
            format!(
                "{PAGE_NUMBER}：双页页脚没有页码，应单页居右空一字、双页居左空一字（在“页眉和页脚”中勾选“奇偶页不同”）"
            ),
            format!("{PAGE_NUMBER}：页码写作“-1-”，两侧应为一字线“—”，如“— 1 —”"),
        ]
    );
    // A number in a text box centred under the text: the box's place counts, not the
    // paragraph's inside it.
    let boxed = format!(
        r#"<w:ftr w:type="default"><w:p><w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH><wps:txbx xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:txbxContent><w:p><w:pPr><w:jc w:val="right"/></w:pPr>{}</w:p></w:txbxContent></wps:txbx></wp:anchor></w:drawing></w:r></w:p></w:ftr>"#,
        dashed_number()
    );
    let bytes = example_docx(&format!("{boxed}{BODY}{SECT}"));
    assert_eq!(
        findings_of(all_on(), "gbt9704/page-number", &bytes),
        [format!(
            "{PAGE_NUMBER}：页码各页都居中（未设置奇偶页不同），应单页居右空一字、双页居左空一字（在“页眉和页脚”中勾选“奇偶页不同”）"
        )]
    );
    // No footer at all; a footer with only NUMPAGES is no page number either.
    let bytes = example_docx(&format!("{BODY}{SECT}"));
    let none = [format!(
        "{PAGE_NUMBER}：页脚中没有页码（PAGE 域），应在页脚插入页码（“插入 → 页码”）"
    )];
    assert_eq!(findings_of(all_on(), "gbt9704/page-number", &bytes), none);
    let total = footer(
        "default",
        "",
        r#"<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>"#,
    );
    let bytes = example_docx(&format!("{total}{BODY}{SECT}"));
    assert_eq!(findings_of(all_on(), "gbt9704/page-number", &bytes), none);
}

/// A report with a 落款 and a 版记 whose two entries carry `borders` (top of 抄送, bottom
/// of 抄送, bottom of 印发, in eighths of a point; 0 for none).
fn with_imprint(font_size: u32, borders: [u32; 3]) -> Vec<u8> {
    let bdr = |side: &str, w: u32| {
        if w == 0 {
            String::new()
        } else {
            format!(r#"<w:{side} w:val="single" w:sz="{w}" w:space="1" w:color="auto"/>"#)
        }
    };
    let entry = |top: u32, bottom: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pBdr>{}{}</w:pBdr></w:pPr><w:r><w:rPr><w:sz w:val="{font_size}"/></w:rPr><w:t>{text}</w:t></w:r></w:p>"#,
            bdr("top", top),
            bdr("bottom", bottom)
        )
    };
    example_docx(&format!(
        r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>{BODY}<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>江东区人民政府</w:t></w:r></w:p><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>2024年1月20日</w:t></w:r></w:p>{}{}{SECT}"#,
        entry(borders[0], borders[1], "抄送：市委依法治市办，市司法局。"),
        entry(0, borders[2], "江东区人民政府办公室 2024年1月20日印发"),
    ))
}

#[test]
fn the_imprint_rules_are_read_from_paragraph_borders() {
    let rule = "gbt9704/imprint";
    assert!(findings_of(all_on(), rule, &with_imprint(28, [8, 6, 8])).is_empty());
    assert!(findings_of(Pack::builtin(), rule, &with_imprint(32, [0, 0, 0])).is_empty());
    assert_eq!(
        findings_of(all_on(), rule, &with_imprint(32, [4, 0, 12])),
        [
            "版记不合公文格式：版记字号为 16 磅（三号）（共 2 段），应为 14 磅（四号）",
            "版记不合公文格式：版记首条分隔线粗 0.18 毫米，应为 0.35 毫米 ±0.05",
            "版记不合公文格式：版记末条分隔线粗 0.53 毫米，应为 0.35 毫米 ±0.05",
            "版记不合公文格式：版记没有中间的分隔线，应有一条 0.25 毫米的分隔线",
        ]
    );
}

#[test]
fn the_word_template_passes_every_rule_of_the_layout_pack() {
    let out = common::reportlint()
        .args([
            "template",
            "--year",
            "2023",
            "--unit",
            "江东区",
            "--format",
            "docx",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let engine = Engine::new(all_on());
    let doc = Document::from_bytes("骨架.docx", Format::Docx, &out.stdout).unwrap();
    let found: Vec<String> = engine
        .check(doc, None)
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("gbt9704/"))
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

/// A config switches a rule that is off by default on (only in its top-level `[rules]`),
/// and switches a whole pack off by its id.
#[test]
fn a_config_switches_page_numbers_on_and_the_layout_pack_off() {
    let dir = tempfile::tempdir().unwrap();
    let centred = footer("default", r#"<w:jc w:val="center"/>"#, &dashed_number());
    let report = dir.path().join("报告.docx");
    std::fs::write(&report, example_docx(&format!("{centred}{BODY}{SECT}"))).unwrap();
    let config = dir.path().join("reportlint.toml");
    let run = |toml: &str| {
        std::fs::write(&config, toml).unwrap();
        let out = common::reportlint()
            .args(["check", "--format", "json"])
            .arg(&report)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code(), stdout, stderr)
    };
    let (_, json, _) = run("");
    assert!(json.contains("gbt9704/margins") && !json.contains("gbt9704/page-number"));
    let (_, json, _) = run("[rules]\n\"gbt9704/page-number\" = \"error\"\n");
    assert!(json.contains("gbt9704/page-number"), "{json}");
    let (_, json, _) = run("[rules]\n\"gbt9704\" = \"off\"\n");
    assert!(!json.contains("gbt9704/"), "{json}");
    assert!(json.contains("fzzfjs/"), "{json}");
    let (code, _, err) = run(
        "[[overrides]]\npaths = [\"*.docx\"]\nrules = { \"gbt9704/page-number\" = \"warning\" }\n",
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("规则 `gbt9704/page-number` 默认关闭，只能在顶层的 [rules] 中打开"),
        "{err}"
    );
}

/// The example of a local house style: derived from `gbt9704`, it states its own margins
/// and centred page numbers, and its examples hold.
#[test]
fn a_local_house_style_states_its_own_values() {
    let local = Pack::load(std::path::Path::new("rules/examples/local-layout.yaml")).unwrap();
    assert_eq!(local.extends(), Some("gbt9704"));
    let packs = Pack::with_builtin(vec![local]).unwrap();
    assert!(
        packs.iter().all(|p| p.id != "gbt9704"),
        "it takes the place of gbt9704"
    );
    assert!(Engine::new(packs.clone()).run_examples().is_empty());
    let centred = footer("default", r#"<w:jc w:val="center"/>"#, &dashed_number());
    let sect = |top: u32, side: u32| {
        format!(
            r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{top}" w:right="{side}" w:bottom="{top}" w:left="{side}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#
        )
    };
    let local_doc = example_docx(&format!("{centred}{BODY}{}", sect(1587, 1531)));
    assert!(findings_of(packs.clone(), "gbt9704/margins", &local_doc).is_empty());
    assert!(findings_of(packs.clone(), "gbt9704/page-number", &local_doc).is_empty());
    let national_margins = example_docx(&format!("{centred}{BODY}{}", sect(2098, 1531)));
    assert_eq!(
        findings_of(packs, "gbt9704/margins", &national_margins),
        [
            "页边距与本地要求不符：页边距（上）为 37 毫米，应为 28 毫米 ±1",
            "页边距与本地要求不符：页边距（下）为 37 毫米，应为 28 毫米 ±1",
        ]
    );
}

/// Word's US default page: Letter with 1 inch and 1.25 inch margins.
const LETTER: &str = r#"<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" w:footer="720" w:gutter="0"/><w:cols w:space="720"/></w:sectPr>"#;

/// A short report on Word's Letter page written to `dir`, and `annotate --fix`'s copy of
/// it: (input, output).
fn letter_and_its_fixed_copy(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let input = dir.join("报告.docx");
    let output = dir.join("副本.docx");
    std::fs::write(&input, example_docx(&format!("{BODY}{LETTER}"))).unwrap();
    let out = common::reportlint()
        .args(["annotate", "--fix", "-o"])
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (input, output)
}

/// `annotate --fix` sets a Word-default page to the national one as a formatting
/// revision: the copy re-checks without the paper and margin findings and has no comment
/// for them; rejecting the revision (the old section properties back) brings them back.
#[test]
fn annotate_fix_writes_the_page_setup_as_a_formatting_revision() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = letter_and_its_fixed_copy(dir.path());
    let page_findings = |path: &std::path::Path| -> Vec<String> {
        let out = common::reportlint()
            .args(["check", "--format", "json"])
            .arg(path)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["documents"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                matches!(
                    f["rule"].as_str(),
                    Some("gbt9704/paper" | "gbt9704/margins")
                )
            })
            .map(|f| {
                assert_eq!(f["restyle"]["safety"], "safe", "{f}");
                f["message"].as_str().unwrap().to_owned()
            })
            .collect()
    };
    assert_eq!(page_findings(&input).len(), 5, "paper and four margins");
    let human = common::reportlint()
        .arg("check")
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&human.stdout)
            .contains("页边距（上）为 25.4 毫米，应为 37 毫米 ±1 [可自动修正]")
    );

    assert!(page_findings(&output).is_empty());
    let parts = common::parts(&std::fs::read(&output).unwrap());
    let part = |name: &str| {
        parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, x)| x.clone())
            .unwrap_or_default()
    };
    let document = part("word/document.xml");
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#),
        "{document}"
    );
    assert!(document.contains(r#"w:author="reportlint""#), "{document}");
    assert!(!part("word/comments.xml").contains("页边距"));

    // Reject the revision: the old section properties replace the new ones.
    let (before, rest) = document.split_once("<w:sectPr>").unwrap();
    let (_, after) = rest.split_once("</w:sectPr></w:body>").unwrap();
    let old = rest
        .split_once("<w:sectPr>")
        .and_then(|(_, x)| x.split_once("</w:sectPr></w:sectPrChange>"))
        .map(|(x, _)| x)
        .unwrap();
    let rejected = format!("{before}<w:sectPr>{old}</w:sectPr></w:body>{after}");
    let bytes = std::fs::read(&output).unwrap();
    let rejected_path = dir.path().join("拒绝.docx");
    std::fs::write(
        &rejected_path,
        common::rewrite(&bytes, "word/document.xml", |_| rejected.clone()),
    )
    .unwrap();
    assert_eq!(page_findings(&rejected_path), page_findings(&input));
}

/// LibreOffice, where installed, opens the copy whose page setup was revised and lays it
/// out on A4 (it applies section-property revisions without listing them). Skipped,
/// and says so, on machines without `soffice`.
#[test]
fn libreoffice_lays_out_the_revised_page_on_a4() {
    let dir = tempfile::tempdir().unwrap();
    let (_, output) = letter_and_its_fixed_copy(dir.path());
    let Some(pdf) = common::libreoffice(dir.path(), &output, "pdf") else {
        return;
    };
    let pdf = std::fs::read(pdf).unwrap();
    let pdf = String::from_utf8_lossy(&pdf);
    // A4 is 595.3 × 841.9 points; Letter would be 612 × 792.
    assert!(pdf.contains("595.3") && pdf.contains("841.8"), "not A4");
    assert!(!pdf.contains("0 0 612 792"));
}
