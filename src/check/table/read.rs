//! Reading one of a report's tables as a format of a pack's table: which rows hold
//! figures, what each is labelled, which column each figure stands in, and which of the
//! format's rows and columns they are.
//!
//! A row of figures is a row with a figure (or a blank or `/` after its label); its
//! label path is the text cells before its first figure — on a Word or web grid the
//! cells covering the row, merged ones included (`三、本年度办理结果` / `（三）不予公开` /
//! `1.属于国家秘密`); in a text copy, where merged cells appear once, the path is rebuilt
//! from the labels' numbering (`一、` over `（一）` over `1.`). A column's header path is
//! the text cells above its first figure, up to the previous figure (so that each block
//! of a table made of blocks has its own header). A Markdown table keeps its grid
//! positions (but writes a merged cell once, its other positions empty), so its columns
//! are read as on a grid and its labels as in a text copy. In a text copy the figures of a row are
//! lined up from the right, and the format's columns are taken in order only when the
//! row holds as many figures as the format has columns and the header names each one;
//! otherwise the columns are [`Columns::Unknown`].

use super::format::{Format, Line, TableDef};
use crate::document::table::{Cell, Table, Value, value};
use crate::outline::marker;
use crate::span::Span;

/// A row of figures.
#[derive(Clone, Debug)]
pub struct DataRow {
    /// Its label cells' spans, outer to inner.
    pub labels: Vec<Span>,
    /// Its figures: (column, span, value), the column on the grid (or, in a text copy,
    /// counted from the right edge).
    pub values: Vec<(usize, Span, Value)>,
}

/// How the format's columns stand in the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Columns {
    /// The format names no columns.
    Unnamed,
    /// For each of the format's columns, the column it stands in, if found.
    Named(Vec<Option<usize>>),
    /// A text copy whose header cannot be lined up with the format's columns.
    Unknown,
}

/// A table read as one format.
#[derive(Clone, Debug)]
pub struct Read {
    /// The table's index among the document's tables.
    pub index: usize,
    /// The format's index in the table definition.
    pub format: usize,
    /// Every row of figures, top to bottom.
    pub data: Vec<DataRow>,
    /// For each of the format's rows, the row of figures that is it (index into
    /// `data`); with no rows in the format, every row of figures.
    pub rows: Vec<Option<usize>>,
    /// The format's columns.
    pub columns: Columns,
    /// Cells matching one of the format's marks, in mark order (first match).
    pub marks: Vec<Option<Span>>,
}

/// Find the table of `def` among `tables` and read it in the format it fits best.
pub fn find(def: &TableDef, tables: &[Table], text: &str) -> Option<Read> {
    let index = tables.iter().position(|t| {
        t.parent.is_none() && t.cells().any(|c| def.find.is_match(c.span.slice(text)))
    })?;
    let table = &tables[index];
    let grid = Grid::new(table, text)?;
    let mut reads: Vec<(usize, Read)> = def
        .formats
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let r = grid.read(index, i, f);
            let score = 10 * r.marks.iter().flatten().count()
                + r.rows.iter().flatten().count()
                + match &r.columns {
                    Columns::Named(c) => c.iter().flatten().count(),
                    _ => 0,
                };
            (score, r)
        })
        .collect();
    // The best score; the first format on a tie.
    let best = reads
        .iter()
        .enumerate()
        .max_by_key(|(i, (score, _))| (*score, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)?;
    Some(reads.swap_remove(best).1)
}

/// Most grid positions of a table read (a larger one is not read: a hostile document's
/// table should not cost more than its text).
const MAX_POSITIONS: usize = 1 << 22;

/// A table's cells as figures and labels.
struct Grid<'a> {
    table: &'a Table,
    text: &'a str,
    /// The cell at each grid position, row by row (`width` per row).
    at: Vec<Option<&'a Cell>>,
    width: usize,
    /// Rows of figures: (the table row, the row).
    data: Vec<(usize, DataRow)>,
    /// Each data row's label texts, outer to inner.
    paths: Vec<Vec<&'a str>>,
}

fn is_figure(v: &Value) -> bool {
    !matches!(v, Value::Text)
}

impl<'a> Grid<'a> {
    fn new(table: &'a Table, text: &'a str) -> Option<Grid<'a>> {
        let mut data = Vec::new();
        let mut paths = Vec::new();
        // A Markdown table keeps its positions; a text copy does not.
        let positional = !table.copied || table.padded;
        let rows = if table.copied {
            table.rows.len()
        } else {
            table.cells().map(|c| c.row + c.rows).max().unwrap_or(0)
        };
        let grid_width = if positional { table.width() } else { 0 };
        if rows.saturating_mul(grid_width) > MAX_POSITIONS {
            return None;
        }
        let mut at: Vec<Option<&Cell>> = vec![None; rows * grid_width];
        for c in table.cells() {
            for r in c.row..(c.row + c.rows).min(rows) {
                for k in c.column..(c.column + c.columns).min(grid_width) {
                    at[r * grid_width + k] = Some(c);
                }
            }
        }
        let mut stack: Vec<(u8, &str)> = Vec::new();
        let mut width = 0;
        for r in 0..rows {
            let cells: Vec<&Cell> = if !positional {
                table.rows[r].cells.iter().collect()
            } else {
                let mut row: Vec<&Cell> = Vec::new();
                for c in at[r * grid_width..(r + 1) * grid_width].iter().flatten() {
                    if row.last().is_none_or(|l| !std::ptr::eq(*l, *c)) {
                        row.push(c);
                    }
                }
                row
            };
            let mut cells = cells;
            let mut values: Vec<Value> = cells.iter().map(|c| value(c.span.slice(text))).collect();
            if table.copied {
                // Empty cells before the first label stand where a cell merged from
                // above was (a Markdown table writes every position).
                let lead = values
                    .iter()
                    .take_while(|v| matches!(v, Value::Blank))
                    .count();
                if values.get(lead) == Some(&Value::Text) {
                    cells.drain(..lead);
                    values.drain(..lead);
                }
            }
            let Some(first) = values.iter().position(is_figure) else {
                continue;
            };
            // A row of figures has a figure; or, unfilled, a label and then only blanks
            // (a header row with an empty cell has words after it).
            let figures = values[first..]
                .iter()
                .any(|v| matches!(v, Value::Number { .. } | Value::NoFigure));
            let blank_row = first > 0 && values[first..].iter().all(is_figure);
            if !figures && !blank_row {
                continue;
            }
            let labels: Vec<Span> = cells[..first].iter().map(|c| c.span).collect();
            let path: Vec<&str> = if table.copied {
                for l in &labels {
                    let t = l.slice(text).trim();
                    let level = marker::parse(t).map_or(u8::MAX, |m| m.level);
                    stack.retain(|&(lv, _)| lv < level);
                    stack.push((level, t));
                }
                stack.iter().map(|&(_, t)| t).collect()
            } else {
                labels.iter().map(|s| s.slice(text).trim()).collect()
            };
            let values: Vec<(usize, Span, Value)> = cells[first..]
                .iter()
                .zip(values[first..].iter().cloned())
                .enumerate()
                .map(|(k, (c, v))| (if positional { c.column } else { k }, c.span, v))
                .collect();
            width = width.max(values.len());
            data.push((r, DataRow { labels, values }));
            paths.push(path);
        }
        if !positional {
            // Figures line up from the right edge.
            for (_, row) in &mut data {
                let n = row.values.len();
                for v in &mut row.values {
                    v.0 += width - n;
                }
            }
        }
        Some(Grid {
            table,
            text,
            at,
            width: grid_width,
            data,
            paths,
        })
    }

    /// The cell covering grid position (`row`, `column`).
    fn cell_at(&self, row: usize, column: usize) -> Option<&'a Cell> {
        if column >= self.width {
            return None;
        }
        *self.at.get(row * self.width + column)?
    }

    fn read(&self, index: usize, format: usize, f: &Format) -> Read {
        let text = self.text;
        let marks = f
            .marks
            .iter()
            .map(|m| {
                self.table
                    .cells()
                    .find(|c| m.is_match(c.span.slice(text)))
                    .map(|c| c.span)
            })
            .collect();
        let rows = if f.rows.is_empty() {
            (0..self.data.len()).map(Some).collect()
        } else {
            self.match_rows(&f.rows)
        };
        let columns = if f.columns.is_empty() {
            Columns::Unnamed
        } else if self.table.copied && !self.table.padded {
            self.copied_columns(f)
        } else {
            self.grid_columns(f, &rows)
        };
        Read {
            index,
            format,
            data: self.data.iter().map(|(_, d)| d.clone()).collect(),
            rows,
            columns,
            marks,
        }
    }

    /// Each format row's row of figures: in order where possible, else anywhere.
    fn match_rows(&self, lines: &[Line]) -> Vec<Option<usize>> {
        let mut taken = vec![false; self.data.len()];
        let mut next = 0;
        lines
            .iter()
            .map(|line| {
                let fits = |i: &usize| !taken[*i] && line.matches(&self.paths[*i]);
                let found = (next..self.data.len())
                    .find(fits)
                    .or_else(|| (0..self.data.len()).find(fits))?;
                taken[found] = true;
                next = found + 1;
                Some(found)
            })
            .collect()
    }

    /// Columns on a grid: the header above each column of figures.
    fn grid_columns(&self, f: &Format, rows: &[Option<usize>]) -> Columns {
        let Some(&(r0, ref first)) = rows
            .iter()
            .flatten()
            .next()
            .map(|&i| &self.data[i])
            .or_else(|| self.data.first())
        else {
            return Columns::Named(vec![None; f.columns.len()]);
        };
        let heads: Vec<(usize, Vec<&str>)> = first
            .values
            .iter()
            .map(|&(c, _, _)| (c, self.header(r0, c)))
            .collect();
        let mut next = 0;
        Columns::Named(
            f.columns
                .iter()
                .map(|line| {
                    let k = (next..heads.len()).find(|&k| line.matches(&heads[k].1))?;
                    next = k + 1;
                    Some(heads[k].0)
                })
                .collect(),
        )
    }

    /// The header cells above grid position (`row`, `column`), outer to inner: past the
    /// figures right above it, up to the next figure.
    fn header(&self, row: usize, column: usize) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        let mut last: Option<Span> = None;
        for r in (0..row).rev() {
            let Some(mut c) = self.cell_at(r, column) else {
                continue;
            };
            if self.table.padded && c.span.is_empty() {
                // Markdown writes a header cell spread over columns once, at its left.
                match (0..column)
                    .rev()
                    .filter_map(|k| self.cell_at(r, k))
                    .find(|l| !l.span.is_empty())
                {
                    Some(left) if matches!(value(left.span.slice(self.text)), Value::Text) => {
                        c = left;
                    }
                    _ => continue,
                }
            }
            let t = c.span.slice(self.text).trim();
            if is_figure(&value(t)) {
                if out.is_empty() {
                    continue;
                }
                break;
            }
            if last != Some(c.span) {
                out.push(t);
                last = Some(c.span);
            }
        }
        out.reverse();
        out
    }

    /// Columns in a text copy: the format's, in order, when the rows hold as many
    /// figures as it has columns and the header names every one.
    fn copied_columns(&self, f: &Format) -> Columns {
        let width = self.data.iter().map(|(_, d)| d.values.len()).max();
        let first = self.data.first().map_or(0, |(r, _)| *r);
        let header: Vec<&str> = self.table.rows[..first]
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.span.slice(self.text).trim()))
            .collect();
        let named = |line: &Line| {
            header.iter().any(|h| line.label.is_match(h))
                && line
                    .under
                    .as_ref()
                    .is_none_or(|u| header.iter().any(|h| u.is_match(h)))
        };
        if width == Some(f.columns.len()) && f.columns.iter().all(named) {
            Columns::Named((0..f.columns.len()).map(Some).collect())
        } else {
            Columns::Unknown
        }
    }
}

impl Read {
    /// The figure of data row `data` in column `column`.
    pub fn at(&self, data: usize, column: usize) -> Option<(Span, &Value)> {
        self.data[data]
            .values
            .iter()
            .find(|(c, _, _)| *c == column)
            .map(|(_, s, v)| (*s, v))
    }

    /// The figure of the format's row `row` (its data row) in the format's column `col`.
    pub fn cell(&self, row: usize, col: usize) -> Option<(Span, &Value)> {
        let data = (*self.rows.get(row)?)?;
        let Columns::Named(cols) = &self.columns else {
            return None;
        };
        self.at(data, (*cols.get(col)?)?)
    }

    /// The label of a data row as written (its cells joined by `/`).
    pub fn label(&self, data: usize, text: &str) -> String {
        let labels: Vec<&str> = self.data[data]
            .labels
            .iter()
            .map(|s| s.slice(text).trim())
            .collect();
        labels.join("/")
    }
}
