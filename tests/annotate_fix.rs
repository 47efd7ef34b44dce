//! `reportlint annotate --fix`: fixes written as Word tracked changes. Rejecting every
//! revision gives back the input's text, accepting them gives the fixed text, which
//! re-checks without the fixed findings; the others stay comments.

mod common;

use quick_xml::events::Event;
use reportlint::annotate::{Revise, annotate_with};
use reportlint::document::docx;
use reportlint::{Document, Finding};

use common::comments::{part, words_inside_runs};
use common::{ENGINE, docx as package, para, parts, run};

/// A report with confusable words inside runs (one run, three runs, a hyperlink,
/// another author's insertion, after `&`), and a 落款 dated `date`.
fn report(date: &str) -> Vec<u8> {
    package(
        &format!(
            "{}{}{}",
            words_inside_runs(),
            para("某街道办事处"),
            para(date)
        ),
        None,
        None,
    )
}

/// The text of a main part, a line per paragraph, read with revisions by reportlint
/// accepted (`accept`) or rejected; other authors' revisions are left as they show.
fn view(xml: &str, accept: bool) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    // Per open element: whether its content is hidden in this view.
    let mut hidden: Vec<bool> = Vec::new();
    let mut text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(t) => {
                let ours = t
                    .try_get_attribute("w:author")
                    .unwrap()
                    .is_some_and(|a| &*a.value == "reportlint");
                let hide = match t.name().as_ref() {
                    "w:ins" => ours && !accept,
                    "w:del" => accept || !ours,
                    _ => false,
                };
                let name = t.name();
                text = matches!(name.as_ref(), "w:t" | "w:delText");
                hidden.push(hide || hidden.last().copied().unwrap_or(false));
            }
            Event::End(t) => {
                hidden.pop();
                text = false;
                if t.name().as_ref() == "w:p" {
                    out.push('\n');
                }
            }
            Event::Text(t) if text && !hidden.last().copied().unwrap_or(false) => {
                out.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if text && !hidden.last().copied().unwrap_or(false) => {
                match r.resolve_char_ref().unwrap() {
                    Some(c) => out.push(c),
                    None => out.push(match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        _ => '\'',
                    }),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The package with the main part's reportlint revisions accepted: its insertions
/// unwrapped, its deletions removed.
fn accepted(bytes: &[u8]) -> Vec<u8> {
    let ins =
        regex::Regex::new(r#"(?s)<w:ins [^>]*w:author="reportlint"[^>]*>(.*?)</w:ins>"#).unwrap();
    let del =
        regex::Regex::new(r#"(?s)<w:del [^>]*w:author="reportlint"[^>]*>.*?</w:del>"#).unwrap();
    common::rewrite(bytes, "word/document.xml", |xml| {
        del.replace_all(&ins.replace_all(xml, "$1"), "")
            .into_owned()
    })
}

fn findings(bytes: &[u8]) -> Vec<Finding> {
    let extracted = docx::extract(bytes).unwrap();
    let doc = Document::from_docx("报告.docx", &extracted.body).unwrap();
    ENGINE.check(doc, None).findings
}

fn fixed_rules(findings: &[Finding]) -> Vec<(String, String)> {
    findings
        .iter()
        .filter_map(|f| Some((f.rule.clone(), f.fix.as_ref()?.replacement.clone())))
        .collect()
}

#[test]
fn rejecting_the_revisions_gives_the_input_and_accepting_them_the_fixed_text() {
    let input = report("2024年01月20日");
    let before = findings(&input);
    let fixable = fixed_rules(&before);
    assert_eq!(fixable.len(), 6, "{fixable:?}");

    let dir = tempfile::tempdir().unwrap();
    let (in_path, out_path) = (dir.path().join("报告.docx"), dir.path().join("修订.docx"));
    std::fs::write(&in_path, &input).unwrap();
    let r = run(&[
        "annotate",
        in_path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
        "--fix",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Four text fixes, and six of the layout (the bare package's body and title in
    // Word's defaults).
    assert!(r.stderr.contains("10 处修正已写成修订"), "{}", r.stderr);
    assert_eq!(std::fs::read(&in_path).unwrap(), input, "input untouched");
    let out = std::fs::read(&out_path).unwrap();
    let parts_out = parts(&out);
    let xml = part(&parts_out, "word/document.xml");
    let original = part(&parts(&input), "word/document.xml").to_owned();

    // Rejected: the input's text. Accepted: the input's text with the fixes applied.
    assert_eq!(view(xml, false), view(&original, true));
    let fixed_view = view(xml, true);
    for (from, to) in [
        ("截止目前均", "截至目前均"),
        ("截止2023年", "截至2023年"),
        ("2024年01月20日", "2024年1月20日"),
    ] {
        assert!(
            !fixed_view.contains(from) && fixed_view.contains(to),
            "{fixed_view}"
        );
    }
    assert!(
        fixed_view.contains("受理投诉 8件，截至目前已办结。"),
        "{fixed_view}"
    );
    // Left as comments: in a hyperlink, in another author's insertion.
    assert!(fixed_view.contains("公告：截止目前已公开"), "{fixed_view}");
    assert!(fixed_view.contains("截止目前共培训3次"), "{fixed_view}");

    // Every revision by reportlint, dated, with an id of its own.
    let tag = regex::Regex::new(r#"<w:(ins|del) ([^>]*)>"#).unwrap();
    let date = regex::Regex::new(r#"w:date="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ""#).unwrap();
    let id = regex::Regex::new(r#"w:id="(\d+)""#).unwrap();
    let mut ids = Vec::new();
    for c in tag.captures_iter(xml) {
        let attrs = &c[2];
        if attrs.contains("科长") {
            continue;
        }
        assert!(attrs.contains(r#"w:author="reportlint""#), "{attrs}");
        assert!(date.is_match(attrs), "{attrs}");
        ids.push(id.captures(attrs).unwrap()[1].to_owned());
    }
    // Four insertions; the fix across three runs deletes in three.
    assert_eq!(ids.len(), 4 + 6, "{xml}");
    let comment_ids = regex::Regex::new(r#"<w:commentRangeStart w:id="(\d+)""#).unwrap();
    ids.extend(comment_ids.captures_iter(xml).map(|c| c[1].to_owned()));
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(
        xml.contains("<w:delText xml:space=\"preserve\">止目</w:delText>"),
        "{xml}"
    );

    // The fixed copy re-checks without the fixed findings; the two left as comments
    // are still found, and commented.
    let after = findings(&accepted(&out));
    let left = fixed_rules(&after);
    assert_eq!(
        left,
        vec![("fzzfjs/confusable-words".to_owned(), "截至目前".to_owned()); 2],
        "{left:?}"
    );
    assert_eq!(after.len(), before.len() - 4);
    let comments = part(&parts_out, "word/comments.xml");
    // The text re-checked has no layout; the copy's layout findings (gbt9704, which the
    // fixes do not touch) are comments besides.
    assert_eq!(
        comments.matches("<w:comment ").count() - comments.matches("规则：gbt9704/").count(),
        after.len(),
        "{comments}"
    );
    assert_eq!(
        comments.matches("“截止目前”应为“截至目前”").count(),
        2,
        "{comments}"
    );
    assert!(!comments.contains("2024年01月20日"), "{comments}");
}

#[test]
fn unsafe_fixes_are_revisions_only_when_asked() {
    let input = report("2024.1.20");
    let extracted = docx::extract(&input).unwrap();
    let doc = Document::from_docx("报告.docx", &extracted.body).unwrap();
    let checked = ENGINE.check(doc, None);
    let safe = annotate_with(&input, &extracted, &checked, Revise::Safe).unwrap();
    let all = annotate_with(&input, &extracted, &checked, Revise::All).unwrap();
    assert_eq!((safe.revisions, all.revisions), (3, 4));
    assert_eq!(safe.comments, all.comments + 1);
    let xml = |b: &[u8]| part(&parts(b), "word/document.xml").to_owned();
    assert!(view(&xml(&safe.bytes), true).contains("\n2024.1.20\n"));
    assert!(view(&xml(&all.bytes), true).contains("\n2024年1月20日\n"));
    assert_eq!(view(&xml(&all.bytes), false), view(&xml(&input), true));
    // Without --fix, nothing is revised.
    let none = annotate_with(&input, &extracted, &checked, Revise::Nothing).unwrap();
    assert_eq!((none.revisions, none.comments), (0, checked.findings.len()));
    assert!(!xml(&none.bytes).contains("w:author=\"reportlint\""));
}

/// LibreOffice, where installed, converts the revised copy. Skipped (and says so) on
/// machines without `soffice`.
#[test]
fn libreoffice_opens_the_revised_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (in_path, out_path) = (dir.path().join("报告.docx"), dir.path().join("修订.docx"));
    std::fs::write(&in_path, report("2024年01月20日")).unwrap();
    let r = run(&[
        "annotate",
        in_path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
        "--fix",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let Some(txt) = common::libreoffice(dir.path(), &out_path, "txt:Text") else {
        return;
    };
    let txt = std::fs::read_to_string(txt).unwrap();
    assert!(txt.contains("截至目前均已审结"), "{txt}");
}

/// `annotate --fix` on a document with nothing it can fix says so (the skeleton's
/// findings are missing content, which no fix can write).
#[test]
fn nothing_to_fix_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let (skeleton, out) = (dir.path().join("骨架.docx"), dir.path().join("副本.docx"));
    let r = run(&[
        "template",
        "--year",
        "2025",
        "-o",
        skeleton.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&[
        "annotate",
        "--fix",
        "-o",
        out.to_str().unwrap(),
        skeleton.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("没有可以写成修订的修正，问题均为批注"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("0 处修正"), "{}", r.stderr);
}

/// Where the only fixes need a person, `annotate --fix` says how to write them.
#[test]
fn only_unsafe_fixes_say_how_to_ask_for_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("副本.docx");
    // Its headings are in 仿宋 (a fix to confirm); nothing else has a fix.
    let r = run(&[
        "annotate",
        "--fix",
        "-o",
        out.to_str().unwrap(),
        "fixtures/docx/xixiang-2020.docx",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("没有可自动修正的问题；另有 2 处需确认的修正，加 --unsafe-fixes 才写成修订"),
        "{}",
        r.stderr
    );
}
