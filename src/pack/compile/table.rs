//! Validation of a pack's `template`: each section's rule reference and its tables.
//! A table's grid is checked position by position, so that every merged cell is a
//! rectangle: rows of one width, `"<"` never in the first column, `"^"` never in the
//! first row and only under a cell's first column, and the row under a merged cell
//! covering exactly the columns it covers.

use serde_saphyr::Spanned;

use super::context::RuleNames;
use super::{Compiler, PackResult};
use crate::pack::raw::{RawTemplate, RawTemplateTable};
use crate::pack::{
    SAME_AS_ABOVE, SAME_AS_LEFT, Template, TemplateCell, TemplateSection, TemplateTable,
};

/// The most grid columns a table may have (Word's limit).
pub(super) const MAX_COLUMNS: usize = 63;

/// How to write merged cells, for the help of grid errors.
const GRID_HELP: &str = "每个位置写一个字符串：单元格的文字（合并单元格写在左上角），“<”表示与左边是同一个单元格，“^”表示与上面是同一个单元格；既跨行又跨列的单元格，下面各行在最左一格写“^”，其右各格写“<”";

impl Compiler<'_> {
    /// The skeleton: sections resolved to element rules, tables validated.
    pub(super) fn template(&self, raw: &RawTemplate, names: &RuleNames) -> PackResult<Template> {
        let sections = raw
            .sections
            .iter()
            .map(|s| {
                Ok(TemplateSection {
                    rule: self.element_ref(&s.rule, names)?,
                    heading: s.heading.clone(),
                    guidance: s.guidance.clone(),
                    tables: s
                        .tables
                        .iter()
                        .map(|t| self.table(t))
                        .collect::<PackResult<_>>()?,
                })
            })
            .collect::<PackResult<_>>()?;
        Ok(Template {
            title: raw.title.clone(),
            opening: raw.opening.clone(),
            sections,
            closing: raw.closing.clone(),
        })
    }

    /// One table: its grid made into cells, each merged cell a rectangle.
    pub(super) fn table(&self, raw: &Spanned<RawTemplateTable>) -> PackResult<TemplateTable> {
        let grid = &raw.value.grid;
        let Some(first) = grid.value.first() else {
            return Err(self.error(
                grid,
                "表格的 `grid` 没有行".to_owned(),
                "此处",
                Some(GRID_HELP.to_owned()),
            ));
        };
        let width = first.value.len();
        if width == 0 {
            return Err(self.error(first, "表格的行不能为空".to_owned(), "此行", None));
        }
        if width > MAX_COLUMNS {
            return Err(self.error(
                first,
                format!("表格有 {width} 列，最多 {MAX_COLUMNS} 列（Word 的上限）"),
                "此行",
                None,
            ));
        }
        for (r, row) in grid.value.iter().enumerate() {
            if row.value.len() != width {
                return Err(self.error(
                    row,
                    format!(
                        "表格第 {} 行有 {} 格，与第 1 行的 {width} 格不一致",
                        r + 1,
                        row.value.len()
                    ),
                    "此行",
                    Some(format!(
                        "每行的格数都要相同，被合并覆盖的位置也要写出。{GRID_HELP}"
                    )),
                ));
            }
        }
        let rows: Vec<Vec<&Spanned<String>>> = grid
            .value
            .iter()
            .map(|row| row.value.iter().collect())
            .collect();
        let cells = self.cells(&rows)?;
        let header_rows = match &raw.value.header_rows {
            Some(h) => self.header_rows(h, rows.len(), &cells)?,
            None => 0,
        };
        Ok(TemplateTable {
            caption: raw.value.caption.clone(),
            header_rows,
            rows: rows.len(),
            columns: width,
            cells,
        })
    }

    /// The cells of a grid whose rows all have the same, non-zero width.
    fn cells(&self, grid: &[Vec<&Spanned<String>>]) -> PackResult<Vec<TemplateCell>> {
        let mut cells: Vec<TemplateCell> = Vec::new();
        let mut owner: Vec<Vec<usize>> = Vec::with_capacity(grid.len());
        let at = |r: usize, c: usize| format!("表格第 {} 行第 {} 列", r + 1, c + 1);
        for (r, row) in grid.iter().enumerate() {
            let mut owners: Vec<usize> = Vec::with_capacity(row.len());
            for (c, spanned) in row.iter().enumerate() {
                let value = spanned.value.as_str();
                let k = if value == SAME_AS_LEFT {
                    if c == 0 {
                        return Err(self.error(
                            spanned,
                            format!("{}是“<”，但第 1 列的左边没有单元格", at(r, c)),
                            "左边没有单元格",
                            Some(GRID_HELP.to_owned()),
                        ));
                    }
                    let k = owners[c - 1];
                    if cells[k].row == r {
                        cells[k].columns += 1;
                    }
                    k
                } else if value == SAME_AS_ABOVE {
                    if r == 0 {
                        return Err(self.error(
                            spanned,
                            format!("{}是“^”，但第 1 行的上面没有单元格", at(r, c)),
                            "上面没有单元格",
                            Some(GRID_HELP.to_owned()),
                        ));
                    }
                    if grid[r - 1][c].value == SAME_AS_LEFT {
                        return Err(self.error(
                            spanned,
                            format!(
                                "{}是“^”，但它上面一格是“<”：“^”只写在合并单元格最左一列的下面",
                                at(r, c)
                            ),
                            "应为“<”或另一个单元格",
                            Some(GRID_HELP.to_owned()),
                        ));
                    }
                    let k = owner[r - 1][c];
                    cells[k].rows += 1;
                    self.continued(grid, r, c, &cells[k])?;
                    k
                } else {
                    if value.contains('\n') {
                        return Err(self.error(
                            spanned,
                            format!("{}的文字换了行；单元格文字只能是一行", at(r, c)),
                            "此处",
                            None,
                        ));
                    }
                    cells.push(TemplateCell {
                        row: r,
                        column: c,
                        rows: 1,
                        columns: 1,
                        text: value.to_owned(),
                    });
                    cells.len() - 1
                };
                owners.push(k);
            }
            owner.push(owners);
        }
        Ok(cells)
    }

    /// Row `r` goes on with `cell` from grid column `c` (a `"^"` there): the positions
    /// right of it that the cell covers must be `"<"`, and the next one must not be.
    fn continued(
        &self,
        grid: &[Vec<&Spanned<String>>],
        r: usize,
        c: usize,
        cell: &TemplateCell,
    ) -> PackResult<()> {
        let end = cell.column + cell.columns;
        let columns = if cell.columns == 1 {
            format!("第 {} 列", cell.column + 1)
        } else {
            format!("第 {} 至 {} 列", cell.column + 1, end)
        };
        let what = format!(
            "第 {} 行第 {} 列起的合并单元格占{columns}",
            cell.row + 1,
            cell.column + 1
        );
        if let Some(short) = (c + 1..end).find(|&i| grid[r][i].value != SAME_AS_LEFT) {
            return Err(self.error(
                grid[r][short],
                format!(
                    "表格第 {} 行第 {} 列应为“<”：{what}，下面续行的各格也要占同样的列",
                    r + 1,
                    short + 1
                ),
                "应为“<”",
                Some(GRID_HELP.to_owned()),
            ));
        }
        if let Some(wide) = grid[r].get(end).filter(|s| s.value == SAME_AS_LEFT) {
            return Err(self.error(
                *wide,
                format!(
                    "表格第 {} 行第 {} 列的“<”使合并单元格比上面宽：{what}",
                    r + 1,
                    end + 1
                ),
                "多出的“<”",
                Some(GRID_HELP.to_owned()),
            ));
        }
        Ok(())
    }

    /// `header-rows`: at most the table's rows, and not ending inside a merged cell.
    fn header_rows(
        &self,
        at: &Spanned<usize>,
        rows: usize,
        cells: &[TemplateCell],
    ) -> PackResult<usize> {
        let n = at.value;
        if n > rows {
            return Err(self.error(
                at,
                format!("表头行数 {n} 超过了表格的行数 {rows}"),
                "此处",
                None,
            ));
        }
        if let Some(cell) = cells.iter().find(|c| c.row < n && c.row + c.rows > n) {
            return Err(self.error(
                at,
                format!(
                    "表头到第 {n} 行为止，但第 {} 行第 {} 列的单元格“{}”纵向合并到了第 {} 行",
                    cell.row + 1,
                    cell.column + 1,
                    cell.text,
                    cell.row + cell.rows
                ),
                "表头在合并单元格中间截断",
                Some("表头行数要包括整个合并单元格".to_owned()),
            ));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests;
