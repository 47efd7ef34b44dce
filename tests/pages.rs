//! Saved web pages read like the report they carry: the same verdicts and findings as
//! the text fixture, in UTF-8 and in GBK declared by `<meta>`, with the site's
//! navigation, share bar and footer left out and its 发布时间 kept as metadata.

mod common;

use reportlint::{Checked, Document, Format};

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

/// The statistics table of a 政府信息公开 annual report as sites publish it: a corner
/// header over two rows and three columns, a header over three columns, row headers
/// merged down, numbered cells; and a checklist of √ and ×.
const TABLES: &str = r#"
<p style="text-indent:2em;">表1 收到和处理政府信息公开申请情况</p>
<table border="1" cellspacing="0">
<thead class="table-header">
<tr><th colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="3">申请人情况</th></tr>
<tr><th class="header">自然人</th><th>法人或其他组织</th><th>总计</th></tr>
</thead>
<tbody>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>12</td><td>3</td><td>15</td></tr>
<tr><td rowspan="4">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>5</td><td>1</td><td>6</td></tr>
<tr><td rowspan="3">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td><td>1</td><td>0</td><td>1</td></tr>
<tr><td>3.危及“三安全一稳定”</td><td>0</td><td>0</td><td>0</td></tr>
</tbody>
</table>
<table><caption>表2 清单公开情况</caption>
<tr><th>事项<th>是否公开
<tr><td>权力清单<td>√
<tr><td>责任&nbsp;清单<td><p>×</p><p>（正在修订）</p>
</table>
"#;

fn with_tables(page: &str, tables: &str) -> Document {
    let at = page
        .find("<p style=\"text-indent:2em;\">2、")
        .expect("a paragraph");
    let html = format!("{}{tables}{}", &page[..at], &page[at..]);
    Document::from_bytes("统计表.html", Format::Html, html.as_bytes()).unwrap()
}

/// Every cell's text is on lines of its own, and its span is exactly that text.
fn cell(doc: &Document, table: usize, row: usize, column: usize) -> (&str, usize, usize, bool) {
    let t = &doc.tables[table];
    let c = t
        .cell_at(row, column)
        .unwrap_or_else(|| panic!("no cell at {row},{column}"));
    let text = c.span.slice(&doc.text);
    if !text.is_empty() {
        assert!(doc.text[..c.span.start].ends_with('\n'), "{text}");
        assert!(doc.text[c.span.end..].starts_with('\n'), "{text}");
    }
    (text, c.rows, c.columns, c.header)
}

#[test]
fn a_statistics_table_keeps_its_grid() {
    let page = std::fs::read_to_string("fixtures/pages/haian-2023.html").unwrap();
    let doc = with_tables(&page, TABLES);
    assert_eq!(doc.tables.len(), 2, "{:?}", doc.tables);
    let stats = &doc.tables[0];
    assert_eq!(stats.width(), 6);
    assert_eq!(stats.rows.len(), 7);
    assert_eq!(stats.parent, None);
    let corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    assert_eq!(cell(&doc, 0, 1, 2), (corner, 2, 3, true));
    assert_eq!(cell(&doc, 0, 0, 5), ("申请人情况", 1, 3, true));
    assert_eq!(cell(&doc, 0, 1, 3), ("自然人", 1, 1, true));
    assert_eq!(cell(&doc, 0, 1, 5), ("总计", 1, 1, true));
    assert_eq!(
        cell(&doc, 0, 2, 0),
        ("一、本年新收政府信息公开申请数量", 1, 3, false)
    );
    assert_eq!(cell(&doc, 0, 2, 5), ("15", 1, 1, false));
    assert_eq!(cell(&doc, 0, 6, 0), ("三、本年度办理结果", 4, 1, false));
    assert_eq!(cell(&doc, 0, 3, 2), ("（一）予以公开", 1, 2, false));
    assert_eq!(cell(&doc, 0, 6, 1), ("（三）不予公开", 3, 1, false));
    assert_eq!(cell(&doc, 0, 4, 2), ("1.属于国家秘密", 1, 1, false));
    assert_eq!(cell(&doc, 0, 5, 3), ("1", 1, 1, false));
    assert_eq!(cell(&doc, 0, 6, 2), ("3.危及“三安全一稳定”", 1, 1, false));
    assert_eq!(cell(&doc, 0, 6, 5), ("0", 1, 1, false));
    // End tags left out, a caption, a cell of two paragraphs.
    assert_eq!(doc.tables[1].width(), 2);
    assert_eq!(cell(&doc, 1, 0, 1), ("是否公开", 1, 1, true));
    assert_eq!(cell(&doc, 1, 1, 1), ("√", 1, 1, false));
    assert_eq!(cell(&doc, 1, 2, 0), ("责任 清单", 1, 1, false));
    assert_eq!(cell(&doc, 1, 2, 1), ("×\n（正在修订）", 1, 1, false));
    assert!(doc.text.contains("\n表2 清单公开情况\n事项\n"));
    // The outline is told where the tables are; the page still reads as before.
    assert!(
        doc.text
            .contains("\n1.属于国家秘密\n0\n0\n0\n2.其他法律行政法规禁止公开\n")
    );
    assert_eq!(
        doc.title().as_deref(),
        Some("海安市海安街道2023年法治政府建设情况报告")
    );
}

/// A watermark pasted into the page before the table and inside a cell moves to a line
/// of its own; the spans are those of the final text.
#[test]
fn cell_spans_hold_after_watermarks_move() {
    let page = std::fs::read_to_string("fixtures/pages/haian-2023.html").unwrap();
    let mark = "秘书之家—全网资源每日更新www.mishuzj.com";
    let at = page.find("第一责任人").unwrap() + "第一".len();
    let page = format!("{}{mark}{}", &page[..at], &page[at..]);
    let tables = TABLES.replace("<td>2.其他", &format!("<td>2.其他{mark}"));
    let doc = with_tables(&page, &tables);
    assert!(!doc.text.contains("第一秘书之家"));
    assert_eq!(doc.text.matches(mark).count(), 2);
    let (text, ..) = cell(&doc, 0, 5, 2);
    assert_eq!(text, "2.其他法律行政法规禁止公开");
    assert_eq!(cell(&doc, 0, 5, 3).0, "1");
    assert!(
        doc.text
            .contains(&format!("\n2.其他法律行政法规禁止公开\n{mark}\n1\n"))
    );
    // Every cell of both tables slices to text of its own.
    for t in &doc.tables {
        for c in t.cells() {
            let text = c.span.slice(&doc.text);
            assert!(!text.contains(mark) && !text.starts_with('\n') && !text.ends_with('\n'));
        }
    }
}

/// A page laid out with a table (the article in one cell), a data table in it, a table
/// nested in a cell of that one, and a cell of site furniture.
#[test]
fn layout_tables_are_not_report_tables() {
    let article: String = (1..=30).map(|k| format!("<p>第{k}段正文。</p>")).collect();
    let html = format!(
        r#"<html><body><table width="100%"><tr><td class="nav-cell">首页</td></tr><tr><td>
<h1>某街道2023年法治政府建设情况报告</h1>{article}
<table><tr><th>指标<th>数值<th>说明<tr><td class="share">分享</td><td>12<td>见下表<table><tr><td>内1</td><td>内2</td></tr></table>
</table>
</td></tr></table></body></html>"#
    );
    let doc = Document::from_bytes("版式.html", Format::Html, html.as_bytes()).unwrap();
    assert_eq!(doc.tables.len(), 2, "{:?}", doc.tables);
    assert_eq!(doc.tables[0].parent, None);
    assert_eq!(doc.tables[1].parent, Some(0));
    assert_eq!(cell(&doc, 0, 0, 2), ("说明", 1, 1, true));
    // The furniture cell is dropped but keeps its place.
    assert_eq!(cell(&doc, 0, 1, 0), ("", 1, 1, false));
    assert_eq!(cell(&doc, 0, 1, 1), ("12", 1, 1, false));
    assert_eq!(cell(&doc, 0, 1, 2), ("见下表\n内1\n内2", 1, 1, false));
    assert_eq!(cell(&doc, 1, 0, 1), ("内2", 1, 1, false));
    assert!(!doc.text.contains("首页") && !doc.text.contains("分享"));
    assert_eq!(
        doc.title().as_deref(),
        Some("某街道2023年法治政府建设情况报告")
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
