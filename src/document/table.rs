//! Tables as blocks of their own: rows and cells on the table's grid, each cell with its
//! span in the extracted text, so that a check can address a cell by row and column.
//!
//! Readers fill these while extracting text ([`super::docx`] from `w:tbl` with
//! `w:gridSpan`/`w:vMerge`, [`super::html`] from `<table>` with `rowspan`/`colspan`). The
//! text of a cell is part of the document's text (its words count for mentions and
//! evidence) but not of its outline: a numbered cell is not a heading.

use serde::Serialize;

use crate::span::Span;

/// One table of a document, nested tables included (each as a table of its own).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Table {
    /// From the first cell's text to the last one's.
    pub span: Span,
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// Read from plain text ([`super::text_table`]): each row holds the cells its line
    /// shows, left to right, and a cell's `column` is its place in the line, not on the
    /// original grid (merged cells were written once).
    pub copied: bool,
    /// Read from a Markdown table, which writes every position of its grid (a merged
    /// cell once, the positions it covered empty): a cell's `column` is its grid column.
    pub padded: bool,
    /// For a nested table, the index of the table whose cell holds it.
    pub parent: Option<usize>,
}

/// One row: the cells that start in it, left to right. A cell merged down from a row
/// above is not repeated; it is the upper cell, with its `rows` > 1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The cells.
    pub cells: Vec<Cell>,
}

/// One cell at its place on the grid (0-based, after merging).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The grid row it starts in.
    pub row: usize,
    /// The grid column it starts in.
    pub column: usize,
    /// How many grid rows it covers (`w:vMerge`, `rowspan`).
    pub rows: usize,
    /// How many grid columns it covers (`w:gridSpan`, `colspan`).
    pub columns: usize,
    /// Its text in the extracted text (all its paragraphs; empty at the cell's place for
    /// an empty cell).
    pub span: Span,
    /// A header cell (`<th>`, or a Word row repeated as the table header).
    pub header: bool,
}

impl Table {
    /// Every cell, row by row.
    pub fn cells(&self) -> impl Iterator<Item = &Cell> {
        self.rows.iter().flat_map(|r| r.cells.iter())
    }

    /// The cell covering grid position (`row`, `column`), merged cells included.
    pub fn cell_at(&self, row: usize, column: usize) -> Option<&Cell> {
        self.cells().find(|c| {
            (c.row..c.row + c.rows).contains(&row)
                && (c.column..c.column + c.columns).contains(&column)
        })
    }

    /// The number of grid columns.
    pub fn width(&self) -> usize {
        self.cells()
            .map(|c| c.column + c.columns)
            .max()
            .unwrap_or(0)
    }
}

/// What a cell holds, as a table of figures reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A figure: `12`, `1,234`, `0.5`, `3.2万元`.
    Number {
        /// Its value (in the unit written: `3.2万元` is 3.2).
        value: f64,
        /// Written without a decimal point.
        integer: bool,
    },
    /// Nothing in the cell.
    Blank,
    /// A mark written instead of a figure: `/`, `—`, `-`, `无`, `空`.
    NoFigure,
    /// Words.
    Text,
}

/// Read a cell's text as a figure, a blank, a mark for "no figure", or words.
pub fn value(text: &str) -> Value {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    if t.is_empty() {
        return Value::Blank;
    }
    if matches!(
        t,
        "/" | "／" | "—" | "——" | "-" | "－" | "–" | "―" | "无" | "空" | "暂无" | "\\" | "×"
    ) {
        return Value::NoFigure;
    }
    let t = t
        .strip_suffix("万元")
        .or_else(|| t.strip_suffix("元"))
        .or_else(|| t.strip_suffix('件'))
        .or_else(|| t.strip_suffix('万'))
        .unwrap_or(t)
        .trim();
    let digits: String = t.chars().filter(|&c| c != ',' && c != '，').collect();
    let body = digits.strip_prefix(['-', '－']).unwrap_or(&digits);
    let ok = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit());
    match digits.replace('－', "-").parse::<f64>() {
        Ok(v) if ok && v.is_finite() => Value::Number {
            value: v,
            integer: !body.contains('.'),
        },
        _ => Value::Text,
    }
}

/// Builds tables while a reader walks a document in order; handles nesting, column
/// spans and rows merged from above.
#[derive(Debug, Default)]
pub struct TableBuilder {
    /// Finished tables, in the order they were opened.
    pub tables: Vec<Table>,
    open: Vec<OpenTable>,
}

#[derive(Debug)]
struct OpenTable {
    index: usize,
    row: usize,
    column: usize,
    in_row: bool,
    /// For each grid column, the cell (row index in `rows`, cell index) that a cell
    /// merged from above continues, while the merge lasts.
    continuing: Vec<Option<(usize, usize)>>,
    /// For each grid column, the grid row before which a `rowspan` cell covers it.
    covered: Vec<usize>,
    cell: Option<OpenCell>,
}

#[derive(Debug)]
struct OpenCell {
    start: usize,
    end: Option<usize>,
    columns: usize,
    merge: Merge,
    header: bool,
}

/// How a cell takes part in a vertical merge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Merge {
    /// Not merged with the cell above.
    #[default]
    None,
    /// Starts a vertical merge (`w:vMerge w:val="restart"`).
    Restart,
    /// Continues the merge from the cell above (`w:vMerge` without a value).
    Continue,
    /// Covers this many rows from here (`rowspan`).
    Rows(usize),
}

impl TableBuilder {
    /// Whether a table is open (the reader is inside a table).
    pub fn in_table(&self) -> bool {
        !self.open.is_empty()
    }

    /// A table starts.
    pub fn start_table(&mut self) {
        let parent = self.open.last().map(|t| t.index);
        self.open.push(OpenTable {
            index: self.tables.len(),
            row: 0,
            column: 0,
            in_row: false,
            continuing: Vec::new(),
            covered: Vec::new(),
            cell: None,
        });
        self.tables.push(Table {
            parent,
            ..Table::default()
        });
    }

    /// A row starts; `skip` grid columns come before its first cell (`w:gridBefore`).
    pub fn start_row(&mut self, skip: usize) {
        let Some(t) = self.open.last_mut() else {
            return;
        };
        if t.in_row {
            t.row += 1;
        }
        t.in_row = true;
        t.column = next_free(t, skip);
        self.tables[t.index].rows.push(Row::default());
    }

    /// A row ends.
    pub fn end_row(&mut self) {
        if let Some(t) = self.open.last_mut()
            && t.in_row
        {
            t.row += 1;
            t.in_row = false;
        }
    }

    /// A cell starts at text offset `at`, spanning `columns` grid columns.
    pub fn start_cell(&mut self, at: usize, columns: usize, merge: Merge, header: bool) {
        if self.open.last().is_some_and(|t| !t.in_row) {
            self.start_row(0);
        }
        let Some(t) = self.open.last_mut() else {
            return;
        };
        t.cell = Some(OpenCell {
            start: at,
            end: None,
            columns: columns.clamp(1, MAX_SPAN),
            merge,
            header,
        });
    }

    /// Where the open cell's text ends so far (call after each of its paragraphs).
    pub fn extend_cell(&mut self, end: usize) {
        if let Some(c) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
            c.end = Some(end);
        }
    }

    /// The open cell ends.
    pub fn end_cell(&mut self) {
        let Some(t) = self.open.last_mut() else {
            return;
        };
        let Some(c) = t.cell.take() else {
            return;
        };
        let index = t.index;
        let column = t.column;
        let row = t.row;
        t.column = column + c.columns;
        let span = Span::new(c.start, c.end.unwrap_or(c.start).max(c.start));
        let table = &mut self.tables[index];
        let continued = (c.merge == Merge::Continue)
            .then(|| t.continuing.get(column).copied().flatten())
            .flatten();
        if let Some((r, k)) = continued {
            // A continuation adds a row to the cell above; its text (usually none)
            // joins that cell's.
            let above = &mut table.rows[r].cells[k];
            above.rows = row + 1 - above.row;
            if !span.is_empty() {
                above.span = above.span.cover(span);
            }
        } else {
            let rows = match c.merge {
                Merge::Rows(n) => n.clamp(1, MAX_SPAN),
                _ => 1,
            };
            let Some(current) = table.rows.len().checked_sub(1) else {
                return;
            };
            table.rows[current].cells.push(Cell {
                row,
                column,
                rows,
                columns: c.columns,
                span,
                header: c.header,
            });
            let at = (current, table.rows[current].cells.len() - 1);
            let follow = match c.merge {
                Merge::Restart => Some(at),
                Merge::Rows(n) if n > 1 => Some(at),
                _ => None,
            };
            let reach = column + c.columns;
            if t.continuing.len() < reach {
                t.continuing.resize(reach, None);
                t.covered.resize(reach, 0);
            }
            t.continuing[column..reach].fill(follow);
            if rows > 1 {
                t.covered[column..reach].fill(row + rows);
            }
        }
        t.column = next_free(t, t.column);
    }

    /// The open table ends; its span is set from its cells.
    pub fn end_table(&mut self) {
        self.end_cell();
        let Some(t) = self.open.pop() else {
            return;
        };
        let table = &mut self.tables[t.index];
        let first = table.cells().next().map(|c| c.span);
        if let Some(first) = first {
            table.span = table.cells().map(|c| c.span).fold(first, Span::cover);
        }
        // A nested table's text is part of the cell holding it.
        let span = self.tables[t.index].span;
        if let Some(c) = self.open.last_mut().and_then(|p| p.cell.as_mut()) {
            c.end = Some(c.end.unwrap_or(c.start).max(span.end));
        }
    }

    /// Close whatever is open (a truncated document) and hand over the tables.
    pub fn finish(mut self) -> Vec<Table> {
        while self.in_table() {
            self.end_table();
        }
        self.tables
    }
}

/// The largest row or column span taken from a document.
const MAX_SPAN: usize = 1000;

/// The first grid column at or after `from` not covered by a cell with `rowspan` from a
/// row above (a lower row's cells flow around it, as in a browser).
fn next_free(t: &OpenTable, mut from: usize) -> usize {
    while t.covered.get(from).is_some_and(|&until| until > t.row) {
        from += 1;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_values() {
        assert_eq!(
            value(" 1,234 "),
            Value::Number {
                value: 1234.0,
                integer: true
            }
        );
        assert_eq!(
            value("0.5万元"),
            Value::Number {
                value: 0.5,
                integer: false
            }
        );
        assert_eq!(
            value("-3"),
            Value::Number {
                value: -3.0,
                integer: true
            }
        );
        assert_eq!(value(""), Value::Blank);
        assert_eq!(value("\u{a0}"), Value::Blank);
        assert_eq!(value("／"), Value::NoFigure);
        assert_eq!(value("无"), Value::NoFigure);
        assert_eq!(value("总计"), Value::Text);
        assert_eq!(value("1.属于国家秘密"), Value::Text);
        assert_eq!(value("3."), Value::Text);
    }

    /// Cells of a 3-column table: a header spanning two columns, a cell merged down.
    #[test]
    fn grid_positions_after_merging() {
        let mut b = TableBuilder::default();
        b.start_table();
        b.start_row(0);
        b.start_cell(0, 1, Merge::Restart, true);
        b.extend_cell(2);
        b.end_cell();
        b.start_cell(3, 2, Merge::None, true);
        b.extend_cell(5);
        b.end_cell();
        b.end_row();
        b.start_row(0);
        b.start_cell(6, 1, Merge::Continue, false);
        b.end_cell();
        b.start_cell(6, 1, Merge::None, false);
        b.extend_cell(7);
        b.end_cell();
        b.start_cell(8, 1, Merge::None, false);
        b.extend_cell(9);
        b.end_cell();
        b.end_row();
        let tables = b.finish();
        let t = &tables[0];
        assert_eq!(t.width(), 3);
        assert_eq!(t.rows[0].cells[0].rows, 2);
        assert_eq!(t.rows[0].cells[1].columns, 2);
        assert_eq!(t.rows[1].cells.len(), 2);
        assert_eq!(t.rows[1].cells[0].column, 1);
        assert_eq!(t.cell_at(1, 0).unwrap().span, Span::new(0, 2));
        assert_eq!(t.span, Span::new(0, 9));
    }

    /// HTML: a cell with rowspan pushes the next row's first cell one column right.
    #[test]
    fn rowspan_cells_flow_around() {
        let mut b = TableBuilder::default();
        b.start_table();
        b.start_row(0);
        b.start_cell(0, 1, Merge::Rows(2), true);
        b.extend_cell(1);
        b.end_cell();
        b.start_cell(2, 1, Merge::None, true);
        b.extend_cell(3);
        b.end_cell();
        b.end_row();
        b.start_row(0);
        b.start_cell(4, 1, Merge::None, false);
        b.extend_cell(5);
        b.end_cell();
        b.end_row();
        let tables = b.finish();
        assert_eq!(tables[0].rows[1].cells[0].column, 1);
        assert_eq!(tables[0].cell_at(1, 0).unwrap().span, Span::new(0, 1));
    }
}
