//! The annotated copy is read back before it is handed out: a copy that Word (or
//! reportlint) could not open is never written. The oracle: every part that changed
//! is well-formed; each new comment has its range start, range end and reference in
//! the main part and its `w:comment` in the comments part, and every comment mark in
//! the main part names a comment; the comments part is related from the main part and
//! declared in `[Content_Types].xml`; and the copy reads to the same text as the input.

use crate::document::docx::{self, DocxError, Extracted, Package};
use crate::error::describe_docx;

/// An error when the package `out`, annotated from `extracted` with the comment ids
/// `new_ids`, does not read back as it should.
pub(super) fn read_back(
    out: &[u8],
    extracted: &Extracted,
    changed: &[&str],
    comments_part: &str,
    new_ids: &[usize],
) -> Result<(), DocxError> {
    let fail = |what: String| DocxError::ReadBack(what);
    let mut package = Package::open(out).map_err(|_| fail("副本不是有效的压缩包".to_owned()))?;
    let mut parts = Vec::with_capacity(changed.len());
    for &name in changed {
        let xml = package
            .part(name)?
            .ok_or_else(|| fail(format!("副本中缺少 {name}")))?;
        docx::check_xml(&xml, name).map_err(|e| fail(describe_docx(&e)))?;
        parts.push((name, xml));
    }
    let xml_of = |name: &str| {
        parts
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, x)| x.as_str())
    };
    let main = xml_of(&extracted.main_part).ok_or_else(|| fail("正文部件未写出".to_owned()))?;
    let comments = xml_of(comments_part).ok_or_else(|| fail("批注部件未写出".to_owned()))?;
    let marks = docx::comment_marks(main, &extracted.main_part)?;
    let defined: Vec<String> = docx::comment_marks(comments, comments_part)?
        .into_iter()
        .filter(|(kind, _)| *kind == "comment")
        .map(|(_, id)| id)
        .collect();
    if let Some((_, id)) = marks.iter().find(|(_, id)| !defined.contains(id)) {
        return Err(fail(format!(
            "正文中的批注标记 {id} 在批注部件中没有对应的批注"
        )));
    }
    for id in new_ids.iter().map(usize::to_string) {
        for kind in ["commentRangeStart", "commentRangeEnd", "commentReference"] {
            if !marks.iter().any(|(k, i)| *k == kind && *i == id) {
                return Err(fail(format!("批注 {id} 缺少 {kind}")));
            }
        }
    }
    // Related and declared: the copy reads as a Word document with that comments part.
    let rels = docx::rels_name(&extracted.main_part);
    let rels_xml = package
        .part(&rels)?
        .ok_or_else(|| fail(format!("副本中缺少 {rels}")))?;
    let related = docx::relationships(&rels_xml, &rels)?.into_iter().any(|r| {
        r.kind.ends_with("/comments")
            && docx::resolve(&extracted.main_part, &r.target).eq_ignore_ascii_case(comments_part)
    });
    if !related {
        return Err(fail("正文没有指向批注部件的关系".to_owned()));
    }
    let types = package
        .part("[Content_Types].xml")?
        .ok_or_else(|| fail("副本中缺少 [Content_Types].xml".to_owned()))?
        .to_ascii_lowercase();
    if !types.contains(&format!("/{}", comments_part.to_ascii_lowercase())) {
        return Err(fail("[Content_Types].xml 没有声明批注部件".to_owned()));
    }
    let again =
        docx::extract(out).map_err(|e| fail(format!("副本无法读取：{}", describe_docx(&e))))?;
    if again.body.text != extracted.body.text {
        return Err(fail("副本读出的文字与原文档不同".to_owned()));
    }
    Ok(())
}

/// An error unless the package `out`, whose main part `xml` has reportlint's fixes as
/// tracked changes, reads both ways as it should: with the revisions accepted (as the
/// reader reads it: insertions kept, deletions dropped) it gives `fixed`; with them
/// rejected (this run's insertions, ids from `first_id` on, dropped, its deletions kept
/// as text) it gives the text of `extracted`, the document before.
pub(super) fn revisions(
    out: &[u8],
    extracted: &Extracted,
    (xml, first_id): (&str, usize),
    fixed: &str,
) -> Result<(), DocxError> {
    let fail = |what: String| DocxError::ReadBack(what);
    docx::check_xml(xml, &extracted.main_part).map_err(|e| fail(describe_docx(&e)))?;
    let accepted =
        docx::extract(out).map_err(|e| fail(format!("副本无法读取：{}", describe_docx(&e))))?;
    if accepted.body.text != fixed {
        return Err(fail("接受修订后的文字与修正后的文字不同".to_owned()));
    }
    let prefix = if extracted.body.prefix.is_empty() {
        "w"
    } else {
        extracted.body.prefix.as_str()
    };
    let rejected_xml = reject(xml, prefix, first_id);
    let names = Package::open(out)?.names();
    let rejected =
        super::write_package(out, &names, &[(extracted.main_part.clone(), rejected_xml)])?;
    let rejected = docx::extract(&rejected)
        .map_err(|e| fail(format!("拒绝修订后的副本无法读取：{}", describe_docx(&e))))?;
    if rejected.body.text != extracted.body.text {
        return Err(fail("拒绝修订后的文字与原文档不同".to_owned()));
    }
    Ok(())
}

/// The main part with reportlint's revisions of this run (ids from `first_id` on)
/// rejected: its `w:ins` elements removed, its `w:del` elements unwrapped and their
/// `w:delText` made `w:t` again. Revisions of an earlier run stay as they are.
fn reject(xml: &str, w: &str, first_id: usize) -> String {
    let w = regex::escape(w);
    let author = regex::escape(super::AUTHOR);
    // The patterns take reportlint's revisions only; this run's have the later ids.
    let ours = |attrs: &str| super::revise::id_in(attrs).is_some_and(|i| i >= first_id);
    let ins = regex::Regex::new(&format!(
        r#"(?s)<{w}:ins\b([^>]*:author="{author}"[^>]*)>.*?</{w}:ins>"#
    ))
    .expect("valid regex");
    let del = regex::Regex::new(&format!(
        r#"(?s)<{w}:del\b([^>]*:author="{author}"[^>]*)>(.*?)</{w}:del>"#
    ))
    .expect("valid regex");
    let text = regex::Regex::new(&format!(r"<(/?){w}:delText\b")).expect("valid regex");
    let without = ins.replace_all(xml, |c: &regex::Captures<'_>| {
        if ours(&c[1]) {
            String::new()
        } else {
            c[0].to_owned()
        }
    });
    del.replace_all(&without, |c: &regex::Captures<'_>| {
        if ours(&c[1]) {
            text.replace_all(&c[2], format!("<${{1}}{w}:t"))
                .into_owned()
        } else {
            c[0].to_owned()
        }
    })
    .into_owned()
}
