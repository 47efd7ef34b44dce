//! Grid validation: each rejection points at the offending position; merged cells
//! compile to rectangles and back to the grid as written.

use crate::pack::{Pack, TemplateCell};

/// A pack whose one template section has one table: `table` is the YAML under
/// `tables: - `, indented by six spaces.
fn pack(table: &str) -> String {
    format!(
        r#"
id: demo
title: 示例
version: "1"
rules:
  - id: plan
    title: 下一年度安排
    severity: error
    message: 缺少安排
    check:
      element:
        headings: {{ pattern: '安排' }}
    examples:
      pass: ["一、2024年工作安排\n一是甲；二是乙；三是丙。"]
      fail: ["一、主要举措"]
template:
  title: "{{unit}}{{year}}年报告"
  opening: 现将有关情况报告如下。
  sections:
    - rule: plan
      heading: 工作安排
      tables:
        - {table}
  closing: ["{{unit}}"]
"#
    )
}

/// A 3 × 4 table: a header spanning three columns over a label spanning two rows.
const MERGED: &str = r#"caption: 表1 办理情况
          header-rows: 1
          grid:
            - [项目, 件数, "<", "<"]
            - [申请, 新收, 结转, 合计]
            - ["^", 【请填写】, 【请填写】, 【请填写】]"#;

/// The error message for `table` and the YAML text from where its span starts (a
/// sequence's span is its opening bracket), as long as the span or `wanted`.
fn rejected(table: &str, wanted: &str) -> (String, String) {
    let src = pack(table);
    let err = Pack::from_yaml(&src, "demo.yaml").expect_err("table should be rejected");
    let span = err.span.expect("error has a span");
    let len = span.len().max(wanted.len());
    let at = src.get(span.offset()..span.offset() + len).unwrap_or("");
    (err.message, at.to_owned())
}

fn cell(row: usize, column: usize, rows: usize, columns: usize, text: &str) -> TemplateCell {
    TemplateCell {
        row,
        column,
        rows,
        columns,
        text: text.to_owned(),
    }
}

#[test]
fn merged_cells_compile_to_rectangles() {
    let p = Pack::from_yaml(&pack(MERGED), "demo.yaml").unwrap();
    let t = &p.template.unwrap().sections[0].tables[0];
    assert_eq!((t.rows, t.columns, t.header_rows), (3, 4, 1));
    assert_eq!(t.caption.as_deref(), Some("表1 办理情况"));
    assert_eq!(
        t.cells,
        vec![
            cell(0, 0, 1, 1, "项目"),
            cell(0, 1, 1, 3, "件数"),
            cell(1, 0, 2, 1, "申请"),
            cell(1, 1, 1, 1, "新收"),
            cell(1, 2, 1, 1, "结转"),
            cell(1, 3, 1, 1, "合计"),
            cell(2, 1, 1, 1, "【请填写】"),
            cell(2, 2, 1, 1, "【请填写】"),
            cell(2, 3, 1, 1, "【请填写】"),
        ]
    );
    assert_eq!(t.cell_at(2, 0).map(|c| c.text.as_str()), Some("申请"));
    assert_eq!(t.cell_at(0, 3).map(|c| c.text.as_str()), Some("件数"));
}

#[test]
fn a_cell_spanning_rows_and_columns_reads_back_as_written() {
    let table = r#"header-rows: 2
          grid:
            - [说明, "<", 申请人情况, "<", "<"]
            - ["^", "<", 自然人, 法人, 总计]
            - [一、新收, "", "1", "", "2"]
            - [二、结转, "<", "0", "0", "0"]"#;
    let p = Pack::from_yaml(&pack(table), "demo.yaml").unwrap();
    let t = &p.template.unwrap().sections[0].tables[0];
    assert_eq!(t.cells[0], cell(0, 0, 2, 2, "说明"));
    let written: Vec<Vec<&str>> = vec![
        vec!["说明", "<", "申请人情况", "<", "<"],
        vec!["^", "<", "自然人", "法人", "总计"],
        vec!["一、新收", "", "1", "", "2"],
        vec!["二、结转", "<", "0", "0", "0"],
    ];
    assert_eq!(t.grid(), written);
}

#[test]
fn numbers_in_the_grid_are_text() {
    let table = "grid:\n            - [年份, 件数]\n            - [2023, 0]";
    let p = Pack::from_yaml(&pack(table), "demo.yaml").unwrap();
    let t = &p.template.unwrap().sections[0].tables[0];
    assert_eq!(t.grid()[1], vec!["2023", "0"]);
}

#[test]
fn each_grid_mistake_is_rejected_where_it_stands() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("no rows", "grid: []", "没有行", "[]"),
        ("empty row", "grid:\n            - []", "行不能为空", "[]"),
        (
            "ragged rows",
            "grid:\n            - [甲, 乙]\n            - [丙]",
            "表格第 2 行有 1 格，与第 1 行的 2 格不一致",
            "[丙]",
        ),
        (
            "< in column 1",
            "grid:\n            - [甲, 乙]\n            - [\"<\", 丙]",
            "表格第 2 行第 1 列是“<”，但第 1 列的左边没有单元格",
            "\"<\"",
        ),
        (
            "^ in row 1",
            "grid:\n            - [甲, \"^\"]",
            "表格第 1 行第 2 列是“^”，但第 1 行的上面没有单元格",
            "\"^\"",
        ),
        (
            "^ under <",
            "grid:\n            - [甲, \"<\"]\n            - [丙, \"^\"]",
            "表格第 2 行第 2 列是“^”，但它上面一格是“<”",
            "\"^\"",
        ),
        (
            "narrower below",
            "grid:\n            - [甲, \"<\", 乙]\n            - [\"^\", 丙, 丁]",
            "表格第 2 行第 2 列应为“<”：第 1 行第 1 列起的合并单元格占第 1 至 2 列",
            "丙",
        ),
        (
            "wider below",
            "grid:\n            - [甲, 乙]\n            - [\"^\", \"<\"]",
            "表格第 2 行第 2 列的“<”使合并单元格比上面宽：第 1 行第 1 列起的合并单元格占第 1 列",
            "\"<\"",
        ),
        (
            "line break in a cell",
            "grid:\n            - [\"甲\\n乙\"]",
            "表格第 1 行第 1 列的文字换了行",
            "\"甲\\n乙\"",
        ),
        (
            "too many header rows",
            "header-rows: 3\n          grid:\n            - [甲]\n            - [乙]",
            "表头行数 3 超过了表格的行数 2",
            "3",
        ),
        (
            "header ends inside a merged cell",
            "header-rows: 1\n          grid:\n            - [甲, 乙]\n            - [\"^\", 丙]",
            "表头到第 1 行为止，但第 1 行第 1 列的单元格“甲”纵向合并到了第 2 行",
            "1",
        ),
        (
            "unknown key",
            "grid: [[甲]]\n          colour: red",
            "未知的键 `colour`",
            "colour",
        ),
    ];
    let mut wrong = Vec::new();
    for (name, table, message, at) in cases {
        let (got, span) = rejected(table, at);
        if !got.contains(message) || &span != at {
            wrong.push(format!("{name}: {got} at {span:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn too_many_columns_are_rejected() {
    let row = vec!["格"; super::MAX_COLUMNS + 1].join(", ");
    let (got, _) = rejected(&format!("grid:\n            - [{row}]"), "");
    assert!(got.contains("最多 63 列"), "{got}");
}
