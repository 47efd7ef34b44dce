//! `reportlint annotate` on a copy it annotated before: reportlint's comments are
//! replaced, not doubled; other authors' comments, and Word's bookkeeping of them, stay.

mod common;

use reportlint::document::docx;

use common::comments::{annotate_bytes, part, range_texts, words_inside_runs};
use common::{docx as package, parts};

/// A package around `body` with a comments part holding `comments` (the inside of
/// `w:comments`), linked from the document.
fn with_comments(body: &str, comments: &str) -> Vec<u8> {
    let bytes = common::rewrite(
        &package(body, None, None),
        "word/_rels/document.xml.rels",
        |x| {
            x.replace(
                "</Relationships>",
                r#"<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#,
            )
        },
    );
    common::with_part(
        &bytes,
        "word/comments.xml",
        &format!(
            r#"<w:comments xmlns:w="{}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">{comments}</w:comments>"#,
            common::W_NS
        ),
    )
}

/// A colleague's comment on a sentence of its own.
const COLLEAGUE: (&str, &str) = (
    r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>本年度未发生行政诉讼案件。</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r></w:p>"#,
    r#"<w:comment w:id="0" w:author="科长"><w:p w14:paraId="0A000001"><w:r><w:t>请补充数据</w:t></w:r></w:p></w:comment>"#,
);

#[test]
fn annotating_an_annotated_copy_replaces_our_comments() {
    let body = words_inside_runs() + COLLEAGUE.0;
    let bytes = with_comments(&body, COLLEAGUE.1);
    let (once, checked) = annotate_bytes(&bytes);
    let (twice, _) = annotate_bytes(&once);
    let (once, twice) = (parts(&once), parts(&twice));
    let comments = part(&twice, "word/comments.xml");
    assert_eq!(
        comments.matches("<w:comment ").count(),
        checked.findings.len() + 1
    );
    assert_eq!(comments.matches("请补充数据").count(), 1);
    let document = part(&twice, "word/document.xml");
    assert_eq!(
        document.matches("<w:commentReference ").count(),
        checked.findings.len() + 1
    );
    let ranges = range_texts(document);
    assert_eq!(ranges["0"], "本年度未发生行政诉讼案件。");
    assert_eq!(ranges, range_texts(part(&once, "word/document.xml")));
    // Nothing else differs: the second copy is the first one.
    assert_eq!(once, twice);
    assert_eq!(
        docx::extract(&common::zip_of(
            &twice
                .iter()
                .map(|(n, x)| (n.clone(), x.clone().into_bytes()))
                .collect::<Vec<_>>()
        ))
        .unwrap()
        .body
        .text,
        checked.document.text
    );
}

/// A copy Word saved after annotation: paragraph ids on the comments, Word's extension
/// parts, a colleague's reply to one of ours. Ours leave every part; the colleague's
/// comment and reply stay, the reply no longer pointing at a comment that is gone.
#[test]
fn our_comments_leave_words_extension_parts_too() {
    let body = words_inside_runs() + COLLEAGUE.0;
    let (once, checked) = annotate_bytes(&with_comments(&body, COLLEAGUE.1));
    let reply = r#"<w:comment w:id="99" w:author="科长"><w:p w14:paraId="0A000099"><w:r><w:t>同意</w:t></w:r></w:p></w:comment>"#;
    // Word numbers every comment paragraph.
    let mut n = 0;
    let mut numbered = String::new();
    let once_parts = parts(&once);
    let mut rest = part(&once_parts, "word/comments.xml");
    while let Some(i) = rest.find("<w:p>") {
        n += 1;
        numbered.push_str(&rest[..i]);
        numbered.push_str(&format!(r#"<w:p w14:paraId="1B{n:06}">"#));
        rest = &rest[i + "<w:p>".len()..];
    }
    numbered.push_str(rest);
    let numbered = numbered.replace("</w:comments>", &format!("{reply}</w:comments>"));
    let saved = common::rewrite(&once, "word/comments.xml", |_| numbered.clone());
    let ours: Vec<String> = (1..=n).map(|k| format!("1B{k:06}")).collect();
    let ex = |id: &str, parent: Option<&str>| {
        let parent = parent.map_or(String::new(), |p| format!(r#" w15:paraIdParent="{p}""#));
        format!(r#"<w15:commentEx w15:paraId="{id}"{parent} w15:done="0"/>"#)
    };
    let mut extended = ex("0A000099", Some(&ours[2]));
    let mut ids = String::new();
    let mut extensible = String::new();
    for (k, id) in ours.iter().chain([&"0A000001".to_owned()]).enumerate() {
        extended.push_str(&ex(id, None));
        ids.push_str(&format!(
            r#"<w16cid:commentId w16cid:paraId="{id}" w16cid:durableId="7{k:07}"/>"#
        ));
        extensible.push_str(&format!(r#"<w16cex:commentExtensible w16cex:durableId="7{k:07}" w16cex:dateUtc="2024-01-02T00:00:00Z"/>"#));
    }
    let extension = |part: &str, root: &str, ns: &str, content: &str| {
        (
            part.to_owned(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} xmlns:{}="{ns}">{content}</{root}>"#,
                root.split(':').next().unwrap()
            ),
        )
    };
    let added = [
        extension(
            "word/commentsExtended.xml",
            "w15:commentsEx",
            "http://schemas.microsoft.com/office/word/2012/wordml",
            &extended,
        ),
        extension(
            "word/commentsIds.xml",
            "w16cid:commentsIds",
            "http://schemas.microsoft.com/office/word/2016/wordml/cid",
            &ids,
        ),
        extension(
            "word/commentsExtensible.xml",
            "w16cex:commentsExtensible",
            "http://schemas.microsoft.com/office/word/2018/wordml/cex",
            &extensible,
        ),
    ];
    let mut saved = common::rewrite(&saved, "word/_rels/document.xml.rels", |x| {
        x.replace("</Relationships>", concat!(
            r#"<Relationship Id="rId8" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>"#,
            r#"<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2016/09/relationships/commentsIds" Target="commentsIds.xml"/>"#,
            r#"<Relationship Id="rId10" Type="http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible" Target="commentsExtensible.xml"/>"#,
            "</Relationships>"
        ))
    });
    for (name, xml) in &added {
        saved = common::with_part(&saved, name, xml);
    }
    let (again, _) = annotate_bytes(&saved);
    let again = parts(&again);
    for (name, xml) in &again {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            assert!(common::well_formed(xml), "{name}\n{xml}");
        }
    }
    let comments = part(&again, "word/comments.xml");
    assert_eq!(
        comments.matches("<w:comment ").count(),
        checked.findings.len() + 2
    );
    assert!(comments.contains("请补充数据") && comments.contains("同意"));
    let extended = part(&again, "word/commentsExtended.xml");
    let ids = part(&again, "word/commentsIds.xml");
    let extensible = part(&again, "word/commentsExtensible.xml");
    for id in &ours {
        assert!(
            !extended.contains(id) && !ids.contains(id),
            "{id}\n{extended}\n{ids}"
        );
    }
    assert_eq!(extended.matches("<w15:commentEx ").count(), 2, "{extended}");
    assert!(
        extended.contains(r#"<w15:commentEx w15:paraId="0A000099" w15:done="0"/>"#),
        "{extended}"
    );
    assert_eq!(ids.matches("<w16cid:commentId ").count(), 1, "{ids}");
    assert!(ids.contains(&format!("7{:07}", ours.len())));
    assert_eq!(
        extensible.matches("<w16cex:commentExtensible ").count(),
        1,
        "{extensible}"
    );
    assert!(extensible.contains(&format!("7{:07}", ours.len())));
}
