//! Tables in a pack's template: `reportlint template --pack` writes them as real Word
//! tables (merged cells, header rows) that the project's own reader reads back to the
//! very grid the pack wrote, as Markdown pipe tables and as tab-separated text.

mod common;

use common::run;
use reportlint::document::table::Table;
use reportlint::document::{Document, Format};

/// A pack with a template of two sections: the first with two tables — 3 × 4 with a
/// header spanning three columns over a label spanning two rows, then one with a cell
/// spanning two rows and two columns — the second with none.
const PACK: &str = r#"
id: demo
title: 示例
version: "1"
placeholders: '【请填写[^】]*】'
rules:
  - id: requests
    title: 收到和处理申请情况
    severity: error
    message: 缺少收到和处理申请情况
    check:
      element:
        headings: { pattern: '申请' }
    examples:
      pass: ["一、收到和处理申请情况\n共收到申请5件。"]
      fail: ["一、主要举措"]
  - id: problems
    title: 存在的主要问题
    severity: error
    message: 缺少存在的主要问题
    check:
      element:
        headings: { pattern: '问题' }
    examples:
      pass: ["一、存在的主要问题\n一是甲；二是乙。"]
      fail: ["一、主要举措"]
template:
  title: "{unit}{year}年政府信息公开工作年度报告"
  opening: 本报告由{unit}编制。
  sections:
    - rule: requests
      heading: 收到和处理政府信息公开申请情况
      guidance: 填写下表
      tables:
        - caption: "表1 {year}年申请情况"
          header-rows: 1
          grid:
            - [项目, 件数, "<", "<"]
            - [申请 | 办理, 新收, 结转, 合计]
            - ["^", 【请填写】, 【请填写】, ""]
        - header-rows: 2
          grid:
            - [说明, "<", 申请人情况]
            - ["^", "<", 自然人]
            - [一、新收, 二、结转, 【请填写】]
    - rule: problems
      heading: 存在的主要问题及改进情况
  closing: ["{unit}", "【请填写：成文日期】"]
"#;

/// The grids the pack writes, `{year}` filled in.
const GRIDS: [&[&[&str]]; 2] = [
    &[
        &["项目", "件数", "<", "<"],
        &["申请 | 办理", "新收", "结转", "合计"],
        &["^", "【请填写】", "【请填写】", ""],
    ],
    &[
        &["说明", "<", "申请人情况"],
        &["^", "<", "自然人"],
        &["一、新收", "二、结转", "【请填写】"],
    ],
];

/// The pack written to a fresh folder; the folder is kept alive by the caller.
fn pack_file() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.yaml");
    std::fs::write(&path, PACK).unwrap();
    let path = path.to_str().unwrap().to_owned();
    (dir, path)
}

/// A table read back as a pack writes a grid: each cell's text at its top-left, `"<"`
/// right of it, `"^"` below it (and `"<"` right of that).
fn grid_of(table: &Table, text: &str) -> Vec<Vec<String>> {
    let rows = table.rows.len();
    (0..rows)
        .map(|r| {
            (0..table.width())
                .map(|c| {
                    let cell = table.cell_at(r, c).expect("every position is covered");
                    if cell.column != c {
                        "<".to_owned()
                    } else if cell.row != r {
                        "^".to_owned()
                    } else {
                        cell.span.slice(text).trim().to_owned()
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn word_tables_read_back_as_the_grid_the_pack_wrote() {
    let (dir, pack) = pack_file();
    let out = dir.path().join("骨架.docx");
    let r = run(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "青山区",
        "--pack",
        &pack,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&out).unwrap();
    let doc = Document::from_bytes("骨架.docx", Format::Docx, &bytes).unwrap();
    assert_eq!(doc.tables.len(), 2, "two tables, not run together");
    for (table, grid) in doc.tables.iter().zip(GRIDS) {
        assert_eq!(grid_of(table, &doc.text), grid);
    }
    // Header rows are repeated on each page; the other rows are not headers.
    let headers: Vec<Vec<bool>> = doc.tables[0]
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.header).collect())
        .collect();
    assert_eq!(
        headers,
        vec![vec![true, true], vec![false; 4], vec![false; 3]]
    );
    assert!(doc.tables[1].rows[1].cells.iter().all(|c| c.header));
    assert!(doc.tables[1].rows[2].cells.iter().all(|c| !c.header));
    assert!(doc.text.contains("表1 2023年申请情况\n"), "{}", doc.text);

    let document = common::parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    // Column widths sum to the text width of an A4 page with 公文 margins.
    for grid in document.split("<w:tblGrid>").skip(1) {
        let grid = &grid[..grid.find("</w:tblGrid>").unwrap()];
        let sum: u32 = grid
            .split("w:w=\"")
            .skip(1)
            .map(|w| w[..w.find('"').unwrap()].parse::<u32>().unwrap())
            .sum();
        assert_eq!(sum, 11906 - 1588 - 1474, "{grid}");
    }
    assert_eq!(document.matches("<w:tblHeader/>").count(), 3);
    assert_eq!(
        document.matches(r#"<w:vMerge w:val="restart"/>"#).count(),
        2
    );
    assert_eq!(document.matches("<w:vMerge/>").count(), 2);
    assert_eq!(document.matches("<w:tblBorders>").count(), 2);
    // Two guidance paragraphs, the three placeholder cells and the 落款 date.
    assert_eq!(
        document.matches(r#"<w:highlight w:val="yellow"/>"#).count(),
        6
    );
}

#[test]
fn markdown_writes_pipe_tables() {
    let (_dir, pack) = pack_file();
    let r = run(&["template", "--year", "2023", "--pack", &pack]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("template-tables-md", r.stdout);
}

#[test]
fn text_writes_a_line_per_row_as_a_browser_copies_it() {
    let (dir, pack) = pack_file();
    let out = dir.path().join("骨架.txt");
    let r = run(&[
        "template",
        "--year",
        "2023",
        "--pack",
        &pack,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let expected = "【请填写：填写下表】\n\
        表1 2023年申请情况\n\
        项目\t件数\n\
        申请 | 办理\t新收\t结转\t合计\n\
        【请填写】\t【请填写】\t\n\
        说明\t申请人情况\n\
        自然人\n\
        一、新收\t二、结转\t【请填写】\n\
        二、存在的主要问题及改进情况\n";
    assert!(text.contains(expected), "{text}");
    // --format txt writes the same to standard output.
    let r = run(&[
        "template", "--year", "2023", "--pack", &pack, "--format", "txt",
    ]);
    assert_eq!(r.stdout, text);
}

#[test]
fn pack_names_a_builtin_or_a_file() {
    let default = run(&["template", "--year", "2023"]);
    let named = run(&["template", "--year", "2023", "--pack", "fzzfjs"]);
    assert_eq!(named.code, 0, "{}", named.stderr);
    assert_eq!(named.stdout, default.stdout);

    let r = run(&["template", "--year", "2023", "--pack", "zfxx"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("没有编号为“zfxx”的内置规则包，也没有名为“zfxx”的文件；内置规则包：fzzfjs"),
        "{}",
        r.stderr
    );

    // A pack file without a template.
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare.yaml");
    let without = PACK[..PACK.find("template:").unwrap()].to_owned();
    std::fs::write(&bare, without).unwrap();
    let r = run(&[
        "template",
        "--year",
        "2023",
        "--pack",
        bare.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("没有 template，无法生成报告骨架；有 template 的规则包：fzzfjs"),
        "{}",
        r.stderr
    );

    let r = run(&["template", "--year", "2023", "--pack", "没有.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("没有.yaml"), "{}", r.stderr);
}
