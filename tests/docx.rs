//! Word documents: text in document order from every place Word keeps it, automatic
//! numbering read as typed, heading styles as outline hints, and hostile or broken files
//! refused with a Chinese error and exit code 2.

mod common;
#[path = "docx/structure.rs"]
mod structure;
#[path = "docx/visible.rs"]
mod visible;

use reportlint::document::docx::{self, DocxError};
use reportlint::{Document, Format};

use common::{ENGINE, docx, para, rewrite, run};

fn text_of(bytes: &[u8]) -> String {
    docx::extract(bytes).expect("readable").body.text
}

#[test]
fn text_comes_from_every_place_word_keeps_it() {
    let body = [
        r#"<w:p><w:pPr><w:pStyle w:val="Title"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>某区</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>2023年</w:t></w:r><w:r><w:t>工作报告</w:t></w:r></w:p>"#,
        // A table with a merged cell and a nested table.
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>事项</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>件数</w:t></w:r></w:p></w:tc></w:tr>
           <w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>复议</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12件</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"#,
        // Hyperlink, tracked insertion kept, deletion and move-away dropped, field code skipped.
        r#"<w:p><w:r><w:t xml:space="preserve">详见</w:t></w:r><w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>政府网站</w:t></w:r></w:hyperlink><w:ins w:id="1" w:author="a"><w:r><w:t>公开栏</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>旧栏目</w:delText></w:r></w:del><w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        // Content controls, block and inline; a tab and a line break; hidden text.
        r#"<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent><w:p><w:sdt><w:sdtContent><w:r><w:t>海安街道</w:t></w:r></w:sdtContent></w:sdt><w:r><w:tab/><w:t>司法所</w:t><w:br/><w:t>第二行</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        // A text box: Word writes it twice, the fallback for old readers is skipped.
        r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>继续</w:t></w:r></w:p>"#,
        // Entities and a paragraph whose formatting change history is not text.
        r#"<w:p><w:pPr><w:pPrChange w:id="5" w:author="a"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>A&amp;B &lt;规定&gt;</w:t></w:r><w:r><w:noBreakHyphen/><w:t>1</w:t></w:r></w:p>"#,
    ]
    .concat();
    let bytes = docx(&body, None, None);
    let extracted = docx::extract(&bytes).unwrap();
    assert_eq!(
        extracted.body.text,
        "某区2023年工作报告\n事项\n件数\n复议\n12件\n\n详见政府网站公开栏3\n海安街道\t司法所\n第二行显示\n文本框\n正文继续\nA&B <规定>-1\n"
    );
    let ordinals: Vec<usize> = extracted
        .body
        .paragraphs
        .iter()
        .map(|p| p.ordinal)
        .collect();
    // Paragraphs as a reader counts them: the empty one in the nested table is not
    // counted (it has the next one's number); the text box's paragraph, which comes
    // before its anchor, has the anchor's number.
    assert_eq!(ordinals, [1, 2, 3, 4, 5, 6, 6, 7, 8, 8, 9]);
    // Every piece of text maps back to the XML element it came from.
    let xml = &extracted.xml;
    for p in &extracted.body.paragraphs {
        for piece in &p.pieces {
            let text = &extracted.body.text[piece.text.clone()];
            let element = &xml[piece.xml.clone()];
            assert!(element.starts_with("<w:"), "{element}");
            let first = text.chars().find(|c| c.is_alphanumeric());
            assert!(
                first.is_none_or(|c| element.contains(c)),
                "{text:?} not from {element}"
            );
        }
    }
}

const NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="Heading1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="space"/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
 <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%5"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;

const STYLES: &str = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>"#;

fn numbered(ilvl: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn styled(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

#[test]
fn automatic_numbering_reads_as_typed() {
    let body = [
        styled("Heading1", "主要举措"),
        numbered(1, "依法履职"),
        numbered(2, "制度建设"),
        numbered(3, "规范文件"),
        numbered(4, "备案审查"),
        numbered(4, "清理"),
        numbered(2, "决策"),
        numbered(1, "执法"),
        numbered(2, "公示"),
        styled("Heading1", "不足"),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>甲项</w:t></w:r></w:p>"#.to_owned(),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>乙项</w:t></w:r></w:p>"#.to_owned(),
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>"#.to_owned(),
    ]
    .concat();
    let text = text_of(&docx(&body, Some(STYLES), Some(NUMBERING)));
    assert_eq!(
        text,
        "一、主要举措\n（一）依法履职\n1.制度建设\n（1）规范文件\n①备案审查\n②清理\n2.决策\n（二）执法\n1.公示\n二、不足\n甲.甲项\n乙.乙项\n不编号\n"
    );
}

/// A fixture's text made into a Word document whose level-1 and level-2 headings that
/// stand on their own line carry only a heading style: their typed numbers are gone.
/// (Run-in headings, with body text after them, keep their numbers.)
fn unnumbered_styles(name: &str) -> (Vec<u8>, usize) {
    let txt = std::fs::read_to_string(format!("fixtures/reports/{name}.txt")).unwrap();
    let mut body = String::new();
    let mut styled_lines = 0;
    for (i, line) in txt.lines().enumerate() {
        let line = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let m = reportlint::outline::marker::parse(line.trim_start());
        match m {
            Some(m) if m.level <= 2 && standalone(&line[m.len..]) => {
                let style = if m.level == 1 { "Heading1" } else { "2" };
                body.push_str(&styled(style, &line[m.len..]));
                styled_lines += 1;
            }
            _ if i == 0 => body.push_str(&styled("a3", &line)),
            _ => body.push_str(&para(&line)),
        }
    }
    let styles = STYLES.replace(r#"<w:numPr><w:numId w:val="1"/></w:numPr>"#, "");
    (docx(&body, Some(&styles), None), styled_lines)
}

/// A heading alone on its line: no sentence ends before its last character.
fn standalone(title: &str) -> bool {
    let t = title.trim_end_matches(['。', '：', ':']);
    !t.contains(['。', '：', ':', '；']) && t.chars().count() <= 60
}

#[test]
fn heading_styles_stand_in_for_missing_numbers() {
    for name in common::FIXTURES {
        let txt = ENGINE.check(
            Document::open(std::path::Path::new(&format!(
                "fixtures/reports/{name}.txt"
            )))
            .unwrap(),
            None,
        );
        let (bytes, styled_lines) = unnumbered_styles(name);
        let body = docx::extract(&bytes).unwrap().body;
        let doc = Document::from_docx("styled.docx", &body).unwrap();
        let styled_headings = doc
            .outline
            .sections
            .iter()
            .filter(|s| s.form == reportlint::outline::marker::MarkerForm::Unnumbered)
            .count();
        assert!(
            styled_headings == styled_lines && styled_headings > 0,
            "{name}: {styled_headings} headings from {styled_lines} styled lines"
        );
        let styled = ENGINE.check(doc, None);
        let statuses = |c: &reportlint::Checked| -> Vec<String> {
            c.elements
                .iter()
                .map(|e| format!("{} {:?}", e.id, e.status))
                .collect()
        };
        assert_eq!(statuses(&styled), statuses(&txt), "{name}");
    }
}

#[test]
fn spans_record_their_word_paragraph() {
    // A line break inside the third paragraph: lines and paragraphs part ways.
    let body = [
        para("某区2023年法治政府建设情况报告"),
        para("一、2023年推进法治政府建设的主要举措和成效"),
        "<w:p><w:r><w:t>全年办理行政复议案件12件。</w:t><w:br/><w:t>截止目前均已审结。</w:t></w:r></w:p>"
            .to_owned(),
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.docx");
    std::fs::write(&path, docx(&body, None, None)).unwrap();
    let v = common::json(&["check", path.to_str().unwrap()]);
    let doc = &v["documents"][0];
    assert_eq!(doc["format"], "docx");
    let confusable = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "fzzfjs/confusable-words")
        .expect("截止目前 found");
    assert_eq!(confusable["span"]["line"], 4);
    assert_eq!(confusable["span"]["paragraph"], 3);
    // Text files have no paragraphs to record.
    let txt = common::json(&["check", "fixtures/reports/haian-2023.txt"]);
    let span = txt["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["span"])
        .find(|s| s.is_object())
        .expect("a finding with a place");
    assert!(span.get("line").is_some() && span.get("paragraph").is_none());
}

fn refused(bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.docx");
    std::fs::write(&path, bytes).unwrap();
    let r = run(&["check", path.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(expected), "{expected}: {}", r.stderr);
    assert!(
        r.stderr.contains("报告.docx"),
        "names the file: {}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn broken_and_hostile_files_are_refused_in_chinese() {
    let good = std::fs::read("fixtures/docx/haian-2023.docx").unwrap();
    refused(&good[..good.len() / 2], "已损坏或不完整");
    refused(&good[..40], "已损坏或不完整");
    // A zip without a Word body (an Excel workbook, say).
    let workbook = common::zip_of(&[("xl/workbook.xml".to_owned(), b"<workbook/>".to_vec())]);
    refused(&workbook, "没有 Word 正文");
    // A legacy .doc saved under a .docx name: the compound-file signature.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend(std::iter::repeat_n(0u8, 4096));
    refused(&doc, "旧版 Word/WPS");
    refused(b"{\\rtf1\\ansi hello}", "RTF");
    refused(&docx("", None, None), "没有正文文字");
    refused(
        &rewrite(&good, "word/document.xml", |x| x.replace("</w:body>", "")),
        "格式错误",
    );
}

#[test]
fn a_zip_bomb_is_stopped_at_the_cap() {
    use std::io::Write;
    // 40 MiB of one byte deflates to some 40 KiB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", deflate).unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..40 {
        zip.write_all(&chunk).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    assert!(matches!(
        docx::extract(&bytes),
        Err(DocxError::TooLarge { .. })
    ));
    refused(&bytes, "疑似压缩炸弹");
}

#[test]
fn legacy_word_files_are_asked_to_be_saved_as_docx() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["报告.doc", "报告.wps"] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"\xD0\xCF\x11\xE0").unwrap();
        let r = run(&["check", path.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{name}");
        assert!(r.stderr.contains("另存为"), "{}", r.stderr);
        assert!(r.stderr.contains("*.docx"), "{}", r.stderr);
    }
}

#[test]
fn folders_pick_up_word_documents_but_not_word_lock_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "fixtures/docx/haian-2023.docx",
        dir.path().join("海安.docx"),
    )
    .unwrap();
    // Word leaves `~$` owner files beside open documents.
    std::fs::write(dir.path().join("~$海安.docx"), [0u8; 162]).unwrap();
    let r = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert_eq!(
        Format::for_path(std::path::Path::new("a.DOCX")).unwrap(),
        Format::Docx
    );
}

#[test]
fn every_cut_of_a_word_document_ends_without_panic() {
    let good = std::fs::read("fixtures/docx/xixiang-2020-autonum.docx").unwrap();
    for cut in (0..good.len()).step_by(257) {
        let _ = Document::from_bytes("cut.docx", Format::Docx, &good[..cut]);
    }
    // Cuts inside the XML of a well-formed package: truncated main parts.
    let xml = common::parts(&good)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    for cut in (0..xml.len()).step_by(997) {
        let Some(prefix) = xml.get(..cut) else {
            continue;
        };
        let bytes = rewrite(&good, "word/document.xml", |_| prefix.to_owned());
        let _ = Document::from_bytes("cut.docx", Format::Docx, &bytes);
    }
}

#[test]
fn snapshot_of_a_word_document_in_the_terminal() {
    use reportlint::render::human;
    let path = "fixtures/docx/shengshan-2019-autonum.docx";
    let c = ENGINE.check(Document::open(std::path::Path::new(path)).unwrap(), None);
    let mut out = Vec::new();
    let options = human::Options {
        color: false,
        width: 100,
    };
    human::render(&mut out, ENGINE.packs(), std::slice::from_ref(&c), options).unwrap();
    insta::assert_snapshot!(
        "shengshan-2019-autonum.human",
        String::from_utf8(out).unwrap()
    );
}

#[test]
fn what_word_does_not_show_is_not_read() {
    let styles = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>"#;
    let numbering = r#"
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let numbered = |text: &str, deleted: bool| {
        let mark = if deleted {
            r#"<w:rPr><w:del w:id="9" w:author="a"/></w:rPr>"#
        } else {
            ""
        };
        let run = if deleted {
            format!(
                r#"<w:del w:id="8" w:author="a"><w:r><w:delText>{text}</w:delText></w:r></w:del>"#
            )
        } else {
            format!("<w:r><w:t>{text}</w:t></w:r>")
        };
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>{mark}</w:pPr>{run}</w:p>"#
        )
    };
    let body = [
        // A table of contents, as a content control and as TOC-styled paragraphs.
        r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>一、主要举措	3</w:t></w:r></w:p></w:sdtContent></w:sdt>"#.to_owned(),
        styled("TOC1", "二、存在的不足	5"),
        numbered("主要举措", false),
        // A paragraph deleted with its mark in tracked changes: neither line nor number.
        numbered("删掉的一段", true),
        numbered("存在的不足", false),
        // A line end typed inside w:t shows as a space.
        "<w:p><w:r><w:t>成效如下\n二、不是标题</w:t></w:r></w:p>".to_owned(),
        // Only the first choice Word understands is read; an unknown one falls back.
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>甲</w:t></mc:Choice><mc:Choice Requires="wps"><w:t>乙</w:t></mc:Choice><mc:Fallback><w:t>丙</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#.to_owned(),
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="xyz"><w:t>未知</w:t></mc:Choice><mc:Fallback><w:t>替代</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#.to_owned(),
        // A hidden run stays hidden after a text box inside it; symbols and ruby.
        r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing><w:t>藏</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="SimSun" w:char="2460"/></w:r><w:r><w:ruby><w:rt><w:r><w:t>hàn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>汉</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>"#.to_owned(),
    ]
    .concat();
    let text = text_of(&docx(&body, Some(styles), Some(numbering)));
    assert_eq!(
        text,
        "一、主要举措\n二、存在的不足\n成效如下 二、不是标题\n甲\n替代\n框\n①汉\n"
    );
}

#[test]
fn word_as_the_default_namespace() {
    let xml = |body: &str| {
        format!(
            r#"<document xmlns="{ns}" xmlns:w="{ns}"><body>{body}</body></document>"#,
            ns = common::W_NS
        )
    };
    let numbering = r#"
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let bytes = docx(&para("x"), None, Some(numbering));
    let bytes = rewrite(&bytes, "word/document.xml", |_| {
        xml(
            r#"<p><pPr><numPr><ilvl w:val="0"/><numId w:val="1"/></numPr></pPr><r><t>主要举措</t></r></p>"#,
        )
    });
    let extracted = docx::extract(&bytes).unwrap();
    assert_eq!(extracted.body.text, "一、主要举措\n");
    assert_eq!(extracted.body.prefix, "w");
}

#[test]
fn parts_in_utf16_read_like_utf8() {
    let utf8 = docx(&para("某区2023年法治政府建设情况报告"), None, None);
    let parts: Vec<(String, Vec<u8>)> = common::parts(&utf8)
        .into_iter()
        .map(|(name, xml)| {
            if name == "word/document.xml" {
                let xml = xml.replace("UTF-8", "UTF-16");
                let mut bytes = vec![0xFF, 0xFE];
                bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
                (name, bytes)
            } else {
                (name, xml.into_bytes())
            }
        })
        .collect();
    let utf16 = common::zip_of(&parts);
    assert_eq!(text_of(&utf16), text_of(&utf8));
}
