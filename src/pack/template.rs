//! A pack's `template`, compiled: the skeleton `reportlint template` writes. Each
//! section is an element rule's heading, its guidance and the tables to fill in, each
//! table on its grid after merging ([`TemplateTable`]).

/// A report skeleton: `{year}`, `{next-year}` and `{unit}` are filled in; each section
/// is an element rule's heading followed by its `help` as the guidance to replace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// The title line.
    pub title: String,
    /// The opening paragraph.
    pub opening: String,
    /// The sections, in the order they are written.
    pub sections: Vec<TemplateSection>,
    /// The 落款 lines.
    pub closing: Vec<String>,
}

/// One section of a skeleton.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateSection {
    /// The element rule's index in the pack.
    pub rule: usize,
    /// The heading, without its number.
    pub heading: String,
    /// What to write (else the rule's help).
    pub guidance: Option<String>,
    /// Tables written after the guidance.
    pub tables: Vec<TemplateTable>,
}

/// A table of a skeleton: its cells on the grid, merged cells spanning rows and columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateTable {
    /// A line written above the table (`表1 ……`).
    pub caption: Option<String>,
    /// How many rows at the top are headers (repeated on each page in Word).
    pub header_rows: usize,
    /// Grid rows.
    pub rows: usize,
    /// Grid columns.
    pub columns: usize,
    /// Every cell, in the order of their top-left positions, row by row.
    pub cells: Vec<TemplateCell>,
}

/// One cell of a [`TemplateTable`] (0-based grid positions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateCell {
    /// The grid row it starts in.
    pub row: usize,
    /// The grid column it starts in.
    pub column: usize,
    /// How many grid rows it covers.
    pub rows: usize,
    /// How many grid columns it covers.
    pub columns: usize,
    /// Its text; empty for an empty cell.
    pub text: String,
}

/// A grid position covered by a cell that starts at another one: `"<"` to the right of
/// the cell's first column, `"^"` below its first row (its first column only).
pub const SAME_AS_LEFT: &str = "<";
/// See [`SAME_AS_LEFT`].
pub const SAME_AS_ABOVE: &str = "^";

impl TemplateTable {
    /// The cell covering grid position (`row`, `column`).
    pub fn cell_at(&self, row: usize, column: usize) -> Option<&TemplateCell> {
        self.cells.iter().find(|c| {
            (c.row..c.row + c.rows).contains(&row)
                && (c.column..c.column + c.columns).contains(&column)
        })
    }

    /// The cells that start in grid row `row`, left to right.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &TemplateCell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// The grid as a pack writes it: each position the text of the cell starting
    /// there, `"<"` where the cell on the left goes on, `"^"` where the one above does
    /// (and `"<"` right of that `"^"`, for a cell spanning rows and columns).
    pub fn grid(&self) -> Vec<Vec<String>> {
        (0..self.rows)
            .map(|r| {
                (0..self.columns)
                    .map(|c| match self.cell_at(r, c) {
                        Some(cell) if cell.column != c => SAME_AS_LEFT.to_owned(),
                        Some(cell) if cell.row != r => SAME_AS_ABOVE.to_owned(),
                        Some(cell) => cell.text.clone(),
                        None => String::new(),
                    })
                    .collect()
            })
            .collect()
    }

    /// The same table with `f` applied to the caption and every cell's text.
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> TemplateTable {
        TemplateTable {
            caption: self.caption.as_deref().map(&f),
            cells: self
                .cells
                .iter()
                .map(|c| TemplateCell {
                    text: f(&c.text),
                    ..c.clone()
                })
                .collect(),
            ..self.clone()
        }
    }
}
