//! Across years (I7): a table row carried over from the previous year's report of the
//! same body — this year's 上年结转 must equal, column by column, last year's 结转下年度
//! (the pack's `tables[].carry-over`). Only the figures of that row are kept per report.

use crate::check::Checked;
use crate::check::table::row_figures;
use crate::pack::Pack;

/// A difference between this year's carried row and last year's.
#[derive(Clone, Debug, PartialEq)]
pub struct Carried {
    /// This year's report.
    pub path: String,
    /// Last year's report of the same body.
    pub previous: String,
    /// The table's name (`表2（……）`).
    pub table: String,
    /// This year's row and last year's, by name.
    pub rows: (String, String),
    /// The column's name.
    pub column: String,
    /// The figure this year's report states.
    pub this: String,
    /// The figure last year's report states.
    pub last: String,
}

/// The carried rows of one report: per table with `carry-over`, (table name, row name,
/// column name → (figure as written, value)).
pub(super) type Figures = Vec<(String, String, Vec<(String, String, f64)>)>;

/// The figures of `c` in the rows the packs `key` carry: this year's row (`this`) or
/// last year's (`!this`).
pub(super) fn figures(packs: &[Pack], key: &[usize], c: &Checked, this: bool) -> Figures {
    let mut out = Vec::new();
    for &i in key {
        for def in &packs[i].tables {
            let Some((previous, current)) = &def.carry_over else {
                continue;
            };
            let id = if this { current } else { previous };
            let Some(cells) = row_figures(def, &c.document, id) else {
                continue;
            };
            let row = def
                .formats
                .iter()
                .find_map(|f| f.row(id).map(|r| f.rows[r].name.clone()))
                .unwrap_or_else(|| id.clone());
            out.push((
                def.name.clone(),
                row,
                cells
                    .into_iter()
                    .map(|(c, shown, v, _)| (c, shown, v))
                    .collect(),
            ));
        }
    }
    out
}

/// Where this year's figures differ from last year's.
pub(super) fn compare(path: &str, this: &Figures, previous: &str, last: &Figures) -> Vec<Carried> {
    let mut out = Vec::new();
    for (table, row, cells) in this {
        let Some((_, last_row, last_cells)) = last.iter().find(|(t, _, _)| t == table) else {
            continue;
        };
        for (column, shown, value) in cells {
            let Some((_, last_shown, last_value)) = last_cells.iter().find(|(c, _, _)| c == column)
            else {
                continue;
            };
            if (value - last_value).abs() > 1e-9 {
                out.push(Carried {
                    path: path.to_owned(),
                    previous: previous.to_owned(),
                    table: table.clone(),
                    rows: (row.clone(), last_row.clone()),
                    column: column.clone(),
                    this: shown.clone(),
                    last: last_shown.clone(),
                });
            }
        }
    }
    out
}

impl Carried {
    /// In words, for the reviewer.
    pub fn line(&self) -> String {
        format!(
            "{}：{}“{}”的“{}”为 {}，上年报告 {} 的“{}”为 {}",
            self.path,
            self.table,
            self.rows.0,
            self.column,
            self.this,
            self.previous,
            self.rows.1,
            self.last
        )
    }
}
