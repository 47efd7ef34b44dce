//! A skeleton table as a Word table, written the way Word writes one: a `w:tblGrid` of
//! column widths summing to the text width, a merged cell as one `w:tc` with
//! `w:gridSpan` in the row it starts in and, in each row below that it covers, a `w:tc`
//! with the same `w:gridSpan` and `w:vMerge` (the first one `w:val="restart"`); single
//! borders all round and inside; header rows repeated on each page (`w:tblHeader`).

use super::{Role, paragraph};
use crate::pack::TemplateTable;

/// Fewest and most characters a column's width is reckoned from.
const WEIGHT: (usize, usize) = (2, 12);

/// Left and right cell margins, in twentieths of a point.
const CELL_MARGIN: u32 = 57;

/// The table's XML.
pub(super) fn table(t: &TemplateTable, width: u32) -> String {
    let widths = widths(t, width);
    let grid: String = widths
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|side| {
            format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
        })
        .collect();
    let mut xml = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{width}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
         <w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
         <w:tblCellMar><w:left w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/>\
         <w:right w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>\
         <w:tblGrid>{grid}</w:tblGrid>"
    );
    for r in 0..t.rows {
        let header = r < t.header_rows;
        xml.push_str(if header {
            "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"397\"/><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"397\"/></w:trPr>"
        });
        let mut c = 0;
        while c < t.columns {
            let Some(cell) = t.cell_at(r, c) else {
                // A compiled table covers every position.
                c += 1;
                continue;
            };
            let w: u32 = widths[c..c + cell.columns].iter().sum();
            let span = if cell.columns > 1 {
                format!("<w:gridSpan w:val=\"{}\"/>", cell.columns)
            } else {
                String::new()
            };
            let merge = if cell.row != r {
                "<w:vMerge/>"
            } else if cell.rows > 1 {
                "<w:vMerge w:val=\"restart\"/>"
            } else {
                ""
            };
            let text = if cell.row == r {
                cell.text.as_str()
            } else {
                ""
            };
            xml.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{span}{merge}\
                 <w:vAlign w:val=\"center\"/></w:tcPr>{}</w:tc>",
                paragraph(Role::Cell { header }, text)
            ));
            c += cell.columns;
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// Column widths summing to `total`, each in proportion to the longest text of the
/// cells that lie in that column alone (between [`WEIGHT`]'s bounds), so that label
/// columns are wider than columns of figures.
fn widths(t: &TemplateTable, total: u32) -> Vec<u32> {
    let mut weight = vec![WEIGHT.0; t.columns];
    for cell in t.cells.iter().filter(|c| c.columns == 1) {
        let chars = cell.text.chars().count().clamp(WEIGHT.0, WEIGHT.1);
        weight[cell.column] = weight[cell.column].max(chars);
    }
    let sum: usize = weight.iter().sum();
    let mut widths: Vec<u32> = weight
        .iter()
        .map(|&w| (u64::from(total) * w as u64 / sum as u64) as u32)
        .collect();
    let short = total - widths.iter().sum::<u32>();
    for w in widths.iter_mut().take(short as usize) {
        *w += 1;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::TemplateCell;

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
    fn widths_sum_to_the_text_width_and_follow_the_labels() {
        let t = TemplateTable {
            caption: None,
            header_rows: 1,
            rows: 2,
            columns: 3,
            cells: vec![
                cell(0, 0, 1, 3, "一个横跨三列的很长很长很长很长的表头"),
                cell(1, 0, 1, 1, "本年新收政府信息公开申请数量"),
                cell(1, 1, 1, 1, "1"),
                cell(1, 2, 1, 1, "【请填写】"),
            ],
        };
        let w = widths(&t, 8844);
        assert_eq!(w.iter().sum::<u32>(), 8844);
        // 12 : 2 : 5 — the spanning header counts for none of them.
        // 8844 × 12/19, × 2/19, × 5/19 rounded down; the 2 twips left go to the first two.
        assert_eq!(w, vec![5586, 931, 2327]);
    }
}
