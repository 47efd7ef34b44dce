//! Tables while the main part is walked: `w:tbl`, `w:tr` and `w:tc` with the row and
//! cell properties that place cells on the grid (`w:gridBefore`, `w:gridSpan`,
//! `w:vMerge`, `w:tblHeader`), handed to a [`TableBuilder`].
//!
//! Row and cell properties come after the element they belong to opens, so a row starts
//! at its first cell and a cell at the end of its properties (or at its first content,
//! or at its end when it has none). No paragraph of the cell has been written by then,
//! so the cell starts where the text stands.

use super::super::numbering::is_on;
use super::super::xml::{Kind, Names, Node, attr};
use crate::document::table::{Merge, Table, TableBuilder};

/// The tables of a part being walked.
#[derive(Debug, Default)]
pub(super) struct Cells {
    builder: TableBuilder,
    open: Vec<OpenTable>,
}

#[derive(Debug, Default)]
struct OpenTable {
    row: Option<PendingRow>,
    cell: Option<PendingCell>,
}

#[derive(Debug)]
struct PendingRow {
    skip: usize,
    header: bool,
    started: bool,
}

#[derive(Debug)]
struct PendingCell {
    columns: usize,
    merge: Merge,
    started: bool,
}

/// The most grid columns taken from `w:gridBefore`/`w:gridSpan` (Word allows 63).
const MAX_COLUMNS: usize = 1000;

impl Cells {
    /// Whether a cell is open (the text being read belongs to a table).
    pub(super) fn in_table(&self) -> bool {
        self.builder.in_table()
    }

    /// Follow table structure; `at` is where the text stands. Returns whether the node
    /// was a table element (nothing else to do with it).
    pub(super) fn node(&mut self, local: &str, n: &Node<'_>, names: &Names, at: usize) -> bool {
        let val = || attr(n, names, "val");
        let number = || {
            val()
                .and_then(|v| v.trim().parse::<usize>().ok())
                .map(|v| v.min(MAX_COLUMNS))
        };
        match (local, n.kind) {
            ("tbl", Kind::Start) => {
                self.content(at);
                self.builder.start_table();
                self.open.push(OpenTable::default());
            }
            ("tbl", Kind::End) => {
                if self.open.pop().is_some() {
                    self.builder.end_table();
                }
            }
            ("tr", Kind::Start) => {
                if let Some(t) = self.open.last_mut() {
                    t.row = Some(PendingRow {
                        skip: 0,
                        header: false,
                        started: false,
                    });
                }
            }
            ("tr", Kind::End) => {
                if let Some(t) = self.open.last_mut()
                    && t.row.take().is_some_and(|r| r.started)
                {
                    self.builder.end_row();
                }
            }
            ("gridBefore", _) if n.is_start() => {
                if let Some(r) = self.row() {
                    r.skip = number().unwrap_or(0);
                }
            }
            ("tblHeader", _) if n.is_start() => {
                if let Some(r) = self.row() {
                    r.header = val().is_none_or(|v| is_on(&v));
                }
            }
            ("tc", Kind::Start) => {
                let Some(t) = self.open.last_mut() else {
                    return true;
                };
                let row = t.row.get_or_insert(PendingRow {
                    skip: 0,
                    header: false,
                    started: false,
                });
                if !row.started {
                    row.started = true;
                    self.builder.start_row(row.skip);
                }
                t.cell = Some(PendingCell {
                    columns: 1,
                    merge: Merge::None,
                    started: false,
                });
            }
            ("tc", Kind::End) => {
                self.content(at);
                if let Some(t) = self.open.last_mut()
                    && t.cell.take().is_some()
                {
                    self.builder.end_cell();
                }
            }
            ("gridSpan", _) if n.is_start() => {
                if let Some(c) = self.cell() {
                    c.columns = number().unwrap_or(1).max(1);
                }
            }
            ("vMerge", _) if n.is_start() => {
                if let Some(c) = self.cell() {
                    c.merge = match val().as_deref() {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    };
                }
            }
            ("tcPr", Kind::End | Kind::Empty) => self.content(at),
            ("tcPr" | "trPr" | "tblPr" | "tblGrid", _) => {}
            _ => return false,
        }
        true
    }

    /// The pending row of the innermost table, before its first cell.
    fn row(&mut self) -> Option<&mut PendingRow> {
        self.open.last_mut()?.row.as_mut().filter(|r| !r.started)
    }

    /// The cell of the innermost table whose properties are being read.
    fn cell(&mut self) -> Option<&mut PendingCell> {
        self.open.last_mut()?.cell.as_mut().filter(|c| !c.started)
    }

    /// Content (or the cell's end) is reached: the innermost cell starts at `at` if it
    /// has not yet.
    pub(super) fn content(&mut self, at: usize) {
        let header = self
            .open
            .last()
            .and_then(|t| t.row.as_ref())
            .is_some_and(|r| r.header);
        if let Some(c) = self.cell() {
            c.started = true;
            let (columns, merge) = (c.columns, c.merge);
            self.builder.start_cell(at, columns, merge, header);
        }
    }

    /// A paragraph of the open cell (if any) was written; its line ends at `end`.
    pub(super) fn extend(&mut self, end: usize) {
        self.builder.extend_cell(end);
    }

    /// The tables, whatever is left open closed.
    pub(super) fn finish(self) -> Vec<Table> {
        self.builder.finish()
    }
}
