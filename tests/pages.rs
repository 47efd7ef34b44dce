//! Saved web pages read like the report they carry: the same verdicts and findings as
//! the text fixture, in UTF-8 and in GBK declared by `<meta>`, with the site's
//! navigation, share bar and footer left out and its 发布时间 kept as metadata.

mod common;

use reportlint::{Checked, Document};

use common::{ENGINE, run};

fn check(path: &str) -> Checked {
    ENGINE.check(Document::open(std::path::Path::new(path)).unwrap(), None)
}

fn verdicts(c: &Checked) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = c
        .elements
        .iter()
        .map(|e| (e.id.clone(), format!("{:?}", e.status)))
        .chain(
            c.findings
                .iter()
                .map(|f| (f.rule.clone(), f.message.clone())),
        )
        .collect();
    v.sort();
    v
}

#[test]
fn pages_read_like_the_text_fixture() {
    let txt = check("fixtures/reports/haian-2023.txt");
    for (path, encoding) in [
        ("fixtures/pages/haian-2023.html", "utf-8"),
        ("fixtures/pages/haian-2023-gbk.html", "gbk"),
    ] {
        let page = check(path);
        assert_eq!(page.document.encoding, encoding, "{path}");
        assert_eq!(page.document.title(), txt.document.title(), "{path}");
        assert_eq!(verdicts(&page), verdicts(&txt), "{path}");
        let text = &page.document.text;
        for furniture in ["首页", "分享到", "ICP备", "var _hmt", "【打印本页】"] {
            let kept = page
                .document
                .outline
                .chrome
                .iter()
                .any(|s| s.slice(text).contains(furniture));
            assert!(!text.contains(furniture) || kept, "{path}: {furniture}");
        }
        let published: Vec<String> = page
            .document
            .outline
            .meta_dates
            .iter()
            .map(|m| {
                format!(
                    "{} {}-{}-{}",
                    m.label, m.date.year, m.date.month, m.date.day
                )
            })
            .collect();
        assert!(
            published.contains(&"发布时间 2024-3-27".to_owned()),
            "{published:?}"
        );
    }
}

#[test]
fn a_page_without_text_is_a_chinese_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("空页面.html");
    std::fs::write(&path, "<html><head><script>var x = 1;</script><style>p{}</style></head><body><div class=\"nav\">首页</div></body></html>").unwrap();
    let r = run(&["check", path.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("空页面.html") && r.stderr.contains("网页中没有正文文字"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_copy_site_watermark_no_longer_splits_the_sentence_but_is_still_reported() {
    let page = std::fs::read_to_string("fixtures/pages/haian-2023.html").unwrap();
    let at = page.find("第一责任人").expect("the phrase") + "第一".len();
    let marked = format!(
        "{}秘书之家—全网资源每日更新www.mishuzj.com{}",
        &page[..at],
        &page[at..]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("转载.html");
    std::fs::write(&path, marked).unwrap();
    let copied = check(path.to_str().unwrap());
    let original = check("fixtures/pages/haian-2023.html");
    let text = &copied.document.text;
    assert!(
        !text.contains("第一秘书之家"),
        "the sentence is whole again"
    );
    assert_eq!(
        text.matches("第一责任人").count(),
        original.document.text.matches("第一责任人").count()
    );
    let statuses = |c: &Checked| -> Vec<String> {
        c.elements
            .iter()
            .map(|e| format!("{} {:?}", e.id, e.status))
            .collect()
    };
    assert_eq!(statuses(&copied), statuses(&original));
    let residue = copied
        .findings
        .iter()
        .find(|f| f.rule == "fzzfjs/template-residue")
        .expect("the watermark is reported");
    assert!(
        residue
            .span
            .unwrap()
            .slice(text)
            .contains("全网资源每日更新")
    );
    // The watermark's own line is page chrome, not a paragraph of the report.
    assert!(
        copied
            .document
            .outline
            .chrome
            .iter()
            .any(|s| s.slice(text).contains("mishuzj"))
    );
}

#[test]
fn the_header_says_lines_count_the_extracted_text() {
    let r = run(&["check", "fixtures/pages/haian-2023-gbk.html"]);
    let header = r.stdout.lines().nth(1).unwrap_or_default();
    assert!(
        header.contains("格式：网页（行号按提取出的正文文字计）　编码：gbk"),
        "{header}"
    );
    // A text file's header names only its encoding.
    let r = run(&["check", "fixtures/reports/haian-2023.txt"]);
    let header = r.stdout.lines().nth(1).unwrap_or_default();
    assert!(header.ends_with("编码：utf-8"), "{header}");
}
