//! `reportlint annotate`: a copy of the Word document with one comment per finding,
//! anchored at the runs the finding points at; a valid package; the input untouched.

mod common;

use std::path::Path;

use reportlint::document::docx;

use common::comments::{annotate_bytes, part, range_texts, span_text, words_inside_runs};
use common::{FIXTURES, docx as package, para, parts, run};

/// Annotate `input` into a temporary folder; the output's bytes and the JSON findings.
fn annotate(input: &Path, dir: &Path) -> (Vec<u8>, Vec<serde_json::Value>) {
    let out = dir.join("批注.docx");
    let before = std::fs::read(input).unwrap();
    let r = run(&[
        "annotate",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read(input).unwrap(), before, "input untouched");
    let v = common::json(&["check", input.to_str().unwrap()]);
    let findings = v["documents"][0]["findings"].as_array().unwrap().clone();
    assert!(
        r.stderr.contains(&format!("{} 条批注", findings.len())),
        "{}",
        r.stderr
    );
    (std::fs::read(&out).unwrap(), findings)
}

#[test]
fn one_comment_per_finding_on_every_fixture() {
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        for file in [format!("{name}.docx"), format!("{name}-autonum.docx")] {
            let input = Path::new("fixtures/docx").join(&file);
            let (bytes, findings) = annotate(&input, dir.path());
            let n = findings.len();
            assert!(n > 0, "{file}");
            let out = parts(&bytes);
            let document = part(&out, "word/document.xml");
            let comments = part(&out, "word/comments.xml");
            for tag in [
                "<w:commentRangeStart ",
                "<w:commentRangeEnd ",
                "<w:commentReference ",
            ] {
                assert_eq!(document.matches(tag).count(), n, "{file}: {tag}");
            }
            assert_eq!(comments.matches("<w:comment ").count(), n, "{file}");
            assert_eq!(
                comments.matches("w:author=\"reportlint\"").count(),
                n,
                "{file}"
            );
            for f in &findings {
                let message = f["message"].as_str().unwrap();
                assert!(comments.contains(&escape(message)), "{file}: {message}");
            }
            assert!(part(&out, "[Content_Types].xml").contains("/word/comments.xml"));
            assert!(part(&out, "word/_rels/document.xml.rels").contains("relationships/comments"));
            // Every other part is carried over unchanged.
            let original = parts(&std::fs::read(&input).unwrap());
            for (name, xml) in &original {
                if !matches!(
                    name.as_str(),
                    "word/document.xml" | "[Content_Types].xml" | "word/_rels/document.xml.rels"
                ) {
                    assert_eq!(part(&out, name), xml, "{file}: {name}");
                }
            }
            // The comments add no text: the annotated copy reads exactly as the original.
            let text = docx::extract(&std::fs::read(&input).unwrap())
                .unwrap()
                .body
                .text;
            assert_eq!(docx::extract(&bytes).unwrap().body.text, text, "{file}");
            // Each comment covers its finding's words (typed numbers: no span starts
            // in a number Word writes).
            let ranges = range_texts(document);
            for (k, f) in findings.iter().enumerate() {
                let (Some(start), Some(end)) =
                    (f["span"]["start"].as_u64(), f["span"]["end"].as_u64())
                else {
                    continue;
                };
                let expected = &text[start as usize..end as usize];
                let expected = expected.strip_suffix('\n').unwrap_or(expected);
                if !file.contains("autonum") {
                    assert_eq!(ranges[&k.to_string()], expected, "{file}: {f}");
                }
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn comments_sit_around_the_words_they_are_about() {
    // 截止目前 is a confusable-word finding in a run of its own.
    let body = [
        r#"<w:p><w:r><w:t>某街道2023年法治政府建设情况报告</w:t></w:r></w:p>"#.to_owned(),
        para("一、2023年推进法治政府建设的主要举措和成效"),
        r#"<w:p><w:r><w:t>全年办理行政复议案件12件，</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>截止目前</w:t></w:r><w:r><w:t>均已审结。</w:t></w:r></w:p>"#.to_owned(),
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.docx");
    std::fs::write(&input, package(&body, None, None)).unwrap();
    let (bytes, findings) = annotate(&input, dir.path());
    let document = parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let confusable = findings
        .iter()
        .position(|f| f["rule"] == "fzzfjs/confusable-words")
        .expect("截止目前 found");
    let id = confusable;
    let start = document
        .find(&format!("<w:commentRangeStart w:id=\"{id}\"/>"))
        .unwrap();
    let end = document
        .find(&format!("<w:commentRangeEnd w:id=\"{id}\"/>"))
        .unwrap();
    assert_eq!(
        &document[start..end],
        format!(
            "<w:commentRangeStart w:id=\"{id}\"/><w:r><w:rPr><w:b/></w:rPr><w:t>截止目前</w:t></w:r>"
        )
    );
    // Missing parts are comments on the title paragraph.
    let missing = findings
        .iter()
        .position(|f| f["span"].is_null())
        .expect("something missing");
    let title_start = document.find("<w:p>").unwrap();
    let mark = document
        .find(&format!("<w:commentRangeStart w:id=\"{missing}\"/>"))
        .unwrap();
    let title_end = document.find("</w:p>").unwrap();
    assert!(title_start < mark && mark < title_end, "{document}");
}

#[test]
fn existing_comments_are_kept_and_ids_continue() {
    let body = [
        para("某街道2023年法治政府建设情况报告"),
        r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>截止目前，已审结。</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#.to_owned(),
    ]
    .concat();
    let mut bytes = package(&body, None, None);
    // Add a comments part from a colleague, linked from the document.
    bytes = common::rewrite(&bytes, "word/_rels/document.xml.rels", |x| {
        x.replace(
            "</Relationships>",
            r#"<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#,
        )
    });
    bytes = common::with_part(
        &bytes,
        "word/comments.xml",
        &format!(
            r#"<w:comments xmlns:w="{}"><w:comment w:id="0" w:author="科长"><w:p><w:r><w:t>请补充数据</w:t></w:r></w:p></w:comment></w:comments>"#,
            common::W_NS
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.docx");
    std::fs::write(&input, &bytes).unwrap();
    let (out, findings) = annotate(&input, dir.path());
    let out = parts(&out);
    let comments = part(&out, "word/comments.xml");
    assert!(comments.contains("请补充数据"));
    assert_eq!(comments.matches("<w:comment ").count(), findings.len() + 1);
    assert!(comments.contains(r#"w:id="1" w:author="reportlint""#));
    assert!(!comments.contains(r#"w:id="0" w:author="reportlint""#));
    // No second comments part, no second relationship.
    assert_eq!(
        out.iter().filter(|(n, _)| n.contains("comments")).count(),
        1
    );
    assert_eq!(
        part(&out, "word/_rels/document.xml.rels")
            .matches("relationships/comments")
            .count(),
        1
    );
}

/// Parts other word processors write in their own way: a comments part with another
/// prefix and single-quoted ids, or an empty one; empty relationships; a content-type
/// override left over for a comments part that is gone.
#[test]
fn unusual_packages_stay_valid() {
    let body = [
        para("某街道2023年法治政府建设情况报告"),
        para("截止目前，已审结。"),
    ]
    .concat();
    let base = package(&body, None, None);
    let link = |rels: &str| {
        rels.replace(
            "</Relationships>",
            r#"<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#,
        )
    };
    let x_prefix = common::with_part(
        &common::rewrite(&base, "word/_rels/document.xml.rels", link),
        "word/comments.xml",
        &format!(
            r#"<x:comments xmlns:x="{}"><x:comment x:id='7' x:author='科长'><x:p><x:r><x:t>请核实</x:t></x:r></x:p></x:comment></x:comments>"#,
            common::W_NS
        ),
    );
    let empty_comments = common::with_part(
        &common::rewrite(&base, "word/_rels/document.xml.rels", link),
        "word/comments.xml",
        &format!(
            r#"<?xml version="1.0"?><w:comments xmlns:w="{}"/>"#,
            common::W_NS
        ),
    );
    let empty_rels = common::rewrite(&base, "word/_rels/document.xml.rels", |_| {
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#.to_owned()
    });
    let stale_override = common::rewrite(&base, "[Content_Types].xml", |x| {
        x.replace(
            "</Types>",
            r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#,
        )
    });
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, old) in [
        ("x-prefix", x_prefix, 1),
        ("empty-comments", empty_comments, 0),
        ("empty-rels", empty_rels, 0),
        ("stale-override", stale_override, 0),
    ] {
        let input = dir.path().join(format!("{name}.docx"));
        std::fs::write(&input, &bytes).unwrap();
        let (out, findings) = annotate(&input, dir.path());
        let out = parts(&out);
        for (part_name, xml) in &out {
            if part_name.ends_with(".xml") || part_name.ends_with(".rels") {
                assert!(common::well_formed(xml), "{name}: {part_name}\n{xml}");
            }
        }
        let comments = part(&out, "word/comments.xml");
        assert_eq!(
            comments.matches("comment ").count(),
            findings.len() + old,
            "{name}: {comments}"
        );
        if name == "x-prefix" {
            assert!(
                comments.contains(r#"w:id="8""#),
                "ids continue after 7: {comments}"
            );
        }
        let types = part(&out, "[Content_Types].xml");
        assert_eq!(
            types.matches("/word/comments.xml").count(),
            1,
            "{name}: {types}"
        );
        assert_eq!(
            part(&out, "word/_rels/document.xml.rels")
                .matches("relationships/comments")
                .count(),
            1,
            "{name}"
        );
    }
}

#[test]
fn the_input_is_never_the_output_and_must_be_word() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.docx");
    std::fs::copy("fixtures/docx/haian-2023.docx", &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let same = dir.path().join(".").join("报告.docx");
    let r = run(&[
        "annotate",
        input.to_str().unwrap(),
        "-o",
        same.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("是同一个文件"), "{}", r.stderr);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let r = run(&[
        "annotate",
        "fixtures/reports/haian-2023.txt",
        "-o",
        dir.path().join("x.docx").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("只能给 .docx 文件加批注"), "{}", r.stderr);
    let broken = dir.path().join("坏.docx");
    std::fs::write(&broken, &before[..before.len() / 3]).unwrap();
    let r = run(&[
        "annotate",
        broken.to_str().unwrap(),
        "-o",
        dir.path().join("y.docx").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("已损坏或不完整"), "{}", r.stderr);
    assert!(!dir.path().join("y.docx").exists());
}

/// LibreOffice, where installed, opens every annotated copy and exports its comments
/// to PDF. Skipped (and says so) on machines without `soffice`.
#[test]
#[allow(clippy::print_stderr)] // A skipped conversion must say so.
fn annotated_copies_convert_to_pdf_with_their_comments() {
    let soffice = std::process::Command::new("soffice")
        .arg("--version")
        .output();
    if soffice.is_err() {
        eprintln!("跳过：本机没有 LibreOffice（soffice）");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for name in FIXTURES {
        let input = Path::new("fixtures/docx").join(format!("{name}-autonum.docx"));
        let (bytes, findings) = annotate(&input, dir.path());
        let copy = dir.path().join(format!("{name}.docx"));
        std::fs::write(&copy, bytes).unwrap();
        expected.push((name, findings.len()));
    }
    let profile = format!("file://{}", dir.path().join("profile").display());
    let mut cmd = std::process::Command::new("soffice");
    cmd.arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to"])
        .arg(r#"pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}"#)
        .arg("--outdir")
        .arg(dir.path().join("pdf"));
    for (name, _) in &expected {
        cmd.arg(dir.path().join(format!("{name}.docx")));
    }
    let status = cmd.output().unwrap();
    assert!(status.status.success(), "{status:?}");
    for (name, n) in expected {
        let pdf = std::fs::read(dir.path().join("pdf").join(format!("{name}.pdf")))
            .unwrap_or_else(|e| panic!("{name}.pdf: {e}"));
        // Each comment is a /Text annotation with its popup; they sit in the page
        // dictionaries, which LibreOffice writes uncompressed.
        let text = String::from_utf8_lossy(&pdf);
        let notes = text.matches("/Subtype/Text").count() + text.matches("/Subtype /Text").count();
        assert_eq!(notes, n, "{name}.pdf");
    }
}

#[test]
fn comment_ranges_cover_exactly_the_words_of_the_finding() {
    let bytes = package(&words_inside_runs(), None, None);
    let (out, checked) = annotate_bytes(&bytes);
    let parts = parts(&out);
    let document = part(&parts, "word/document.xml");
    assert!(common::well_formed(document), "{document}");
    let ranges = range_texts(document);
    let text = &checked.document.text;
    let mut confusable = 0;
    for (k, f) in checked.findings.iter().enumerate() {
        let Some(expected) = span_text(text, f) else {
            continue;
        };
        assert_eq!(
            ranges[&k.to_string()],
            expected,
            "{}: {}",
            f.rule,
            f.message
        );
        if f.rule == "fzzfjs/confusable-words" {
            confusable += 1;
        }
    }
    assert_eq!(confusable, 5, "{:?}", checked.findings);
    // Split runs keep their properties and stay inside their hyperlink or insertion;
    // the reference run follows the hyperlink or insertion.
    assert!(document.contains(r#"<w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">受理投诉 8件，</w:t></w:r><w:commentRangeStart"#), "{document}");
    let hyperlink =
        &document[document.find("<w:hyperlink").unwrap()..document.find("</w:hyperlink>").unwrap()];
    assert!(hyperlink.contains("<w:commentRangeStart") && hyperlink.contains("<w:commentRangeEnd"));
    assert!(!hyperlink.contains("<w:commentReference"));
    assert_eq!(
        hyperlink
            .matches(r#"<w:rStyle w:val="Hyperlink"/>"#)
            .count(),
        3
    );
    let ins = &document[document.find("<w:ins ").unwrap()..document.find("</w:ins>").unwrap()];
    assert!(ins.contains("<w:commentRangeStart") && ins.contains("<w:commentRangeEnd"));
    assert!(!ins.contains("<w:commentReference"));
    // References stay as written, and count as the one character they stand for.
    assert!(
        document.contains("&amp;D&#x9879;目</w:t></w:r><w:commentRangeStart"),
        "{document}"
    );
    // The copy reads exactly as the original.
    assert_eq!(docx::extract(&out).unwrap().body.text, *text);
}

/// A red-letter header in a text box before the title, or the title itself in one: the
/// comments on the whole document (missing elements) stay in the main text.
#[test]
fn comments_on_the_whole_document_are_not_put_in_a_text_box() {
    let text_box = |lines: &[&str]| {
        let inner: String = lines.iter().map(|l| para(l)).collect();
        format!(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#
        )
    };
    let title = "某街道2023年法治政府建设情况报告";
    let heading = "一、2023年推进法治政府建设的主要举措和成效";
    for (case, body, anchor) in [
        (
            "header in a text box",
            [text_box(&["某街道办事处文件"]), para(title), para(heading)].concat(),
            title,
        ),
        (
            "title in a text box",
            [text_box(&["某街道办事处文件", title]), para(heading)].concat(),
            heading,
        ),
    ] {
        let body = body + &para("全年办理行政复议案件12件。");
        let (out, checked) = annotate_bytes(&package(&body, None, None));
        let parts = parts(&out);
        let document = part(&parts, "word/document.xml");
        let boxes: Vec<(usize, usize)> = document
            .match_indices("<w:txbxContent>")
            .map(|(i, _)| (i, i + document[i..].find("</w:txbxContent>").unwrap()))
            .collect();
        let ranges = range_texts(document);
        let whole: Vec<usize> = (0..checked.findings.len())
            .filter(|&k| checked.findings[k].span.is_none())
            .collect();
        assert!(!whole.is_empty(), "{case}: something is missing");
        for k in whole {
            let mark = document
                .find(&format!("<w:commentRangeStart w:id=\"{k}\"/>"))
                .unwrap();
            assert!(
                boxes.iter().all(|&(s, e)| !(s..e).contains(&mark)),
                "{case}: comment {k} in a text box"
            );
            assert_eq!(ranges[&k.to_string()], anchor, "{case}: comment {k}");
        }
    }
}

/// Through the command line, on a real report: the second run writes as many comments
/// as the first, not twice as many.
#[test]
fn the_command_replaces_its_own_comments() {
    let dir = tempfile::tempdir().unwrap();
    let first_dir = dir.path().join("1");
    std::fs::create_dir(&first_dir).unwrap();
    let (first, findings) = annotate(
        Path::new("fixtures/docx/haian-2023-autonum.docx"),
        &first_dir,
    );
    let copy = dir.path().join("已批注.docx");
    std::fs::write(&copy, &first).unwrap();
    let (second, again) = annotate(&copy, dir.path());
    assert_eq!(again.len(), findings.len());
    let count = |bytes: &[u8]| {
        part(&parts(bytes), "word/comments.xml")
            .matches("<w:comment ")
            .count()
    };
    assert_eq!(count(&first), findings.len());
    assert_eq!(count(&second), findings.len());
    assert_eq!(first, second);
}
