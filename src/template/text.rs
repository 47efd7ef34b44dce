//! The skeleton as text, one paragraph per line: Markdown, whose tables are pipe
//! tables, and plain text, whose tables are written as a browser copies a web page's
//! table. Without tables the two are the same text.

use super::Skeleton;
use crate::pack::TemplateTable;

impl Skeleton {
    /// Markdown: one paragraph per line; each table a pipe table between blank lines,
    /// its caption above it. Markdown has no merged cells: a merged cell's text stands
    /// in its top-left position and the positions it covers are left empty. The first
    /// grid row is the pipe table's header row.
    pub fn to_markdown(&self) -> String {
        self.render("\n", |out, table| {
            out.push('\n');
            if let Some(caption) = &table.caption {
                out.push_str(caption);
                out.push_str("\n\n");
            }
            out.push_str(&pipe_table(table));
        })
    }

    /// Plain text: one paragraph per line; a table's caption on a line, then a line per
    /// grid row holding the cells that start in that row, separated by tabs (positions
    /// covered by a merged cell give nothing, as when a web page's table is copied).
    pub fn to_text(&self) -> String {
        self.render("", |out, table| {
            if let Some(caption) = &table.caption {
                out.push_str(caption);
                out.push('\n');
            }
            out.push_str(&tab_table(table));
        })
    }

    /// The skeleton with each table written by `table`, and `after` the last table of
    /// a section.
    fn render(&self, after: &str, table: impl Fn(&mut String, &TemplateTable)) -> String {
        let mut out = format!("{}\n\n{}\n", self.title, self.opening);
        for section in &self.sections {
            out.push_str(&format!("{}\n{}\n", section.heading, section.guidance));
            for t in &section.tables {
                table(&mut out, t);
            }
            if !section.tables.is_empty() {
                out.push_str(after);
            }
        }
        // One blank line before the 落款 (a section's tables may have left one).
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        for line in &self.closing {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// A pipe table: the first grid row as the header row, each merged cell's text in its
/// top-left position.
fn pipe_table(table: &TemplateTable) -> String {
    let mut out = String::new();
    for r in 0..table.rows {
        let cells: Vec<String> = (0..table.columns)
            .map(|c| match table.cell_at(r, c) {
                Some(cell) if cell.row == r && cell.column == c => cell.text.replace('|', "\\|"),
                _ => String::new(),
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if r == 0 {
            out.push_str(&format!("|{}\n", " --- |".repeat(table.columns)));
        }
    }
    out
}

/// A line per grid row: the cells starting in it, separated by tabs.
fn tab_table(table: &TemplateTable) -> String {
    let mut out = String::new();
    for r in 0..table.rows {
        let cells: Vec<&str> = table.row(r).map(|c| c.text.as_str()).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::TemplateCell;
    use crate::template::SkeletonSection;

    /// One section ending with a 2 × 2 table whose first column is merged down.
    fn skeleton() -> Skeleton {
        let cell = |row, column, rows, text: &str| TemplateCell {
            row,
            column,
            rows,
            columns: 1,
            text: text.to_owned(),
        };
        Skeleton {
            title: "标题".to_owned(),
            opening: "开头。".to_owned(),
            sections: vec![SkeletonSection {
                heading: "一、情况".to_owned(),
                guidance: "【请填写：说明】".to_owned(),
                tables: vec![TemplateTable {
                    caption: None,
                    header_rows: 0,
                    rows: 2,
                    columns: 2,
                    cells: vec![
                        cell(0, 0, 2, "项目"),
                        cell(0, 1, 1, "甲"),
                        cell(1, 1, 1, "【请填写】"),
                    ],
                }],
            }],
            closing: vec!["某局".to_owned()],
        }
    }

    #[test]
    fn a_table_at_the_end_leaves_one_blank_line_before_the_closing() {
        let s = skeleton();
        assert_eq!(
            s.to_markdown(),
            "标题\n\n开头。\n一、情况\n【请填写：说明】\n\n\
             | 项目 | 甲 |\n| --- | --- |\n|  | 【请填写】 |\n\n某局\n"
        );
        assert_eq!(
            s.to_text(),
            "标题\n\n开头。\n一、情况\n【请填写：说明】\n项目\t甲\n【请填写】\n\n某局\n"
        );
    }
}
