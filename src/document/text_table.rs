//! Tables in plain text: a table copied from a page or a document arrives as one row per
//! line, its cells separated by tabs (or by runs of two or more spaces), and a cell merged
//! across columns or rows written only once. Markdown writes pipe tables
//! (`| a | b |`, with a `|---|` line under the header).
//!
//! Markdown has no merged cells: a merged cell is written once and the positions it
//! covered are left empty, so empty cells at the end of a Markdown row are dropped (and
//! those before a row's first label are passed over when the table is read).
//!
//! What is read is only what the text shows: the cells of each line, left to right
//! ([`Table::copied`]). Where a cell stands on the original grid is not known — a line
//! may have fewer cells because of merging — so checks that need columns line the cells
//! up themselves (numbers from the right) and say so when they cannot.
//!
//! A table is a run of at least two tabular lines. A short line without separators
//! (`第二十条第（一）项`, a block's title spanning the whole table) belongs to the table
//! when it stands between two tabular lines, or just before the first one and is not a
//! heading (`三、……情况`), a sentence or the table's caption (`……统计表`).

use super::table::{Cell, Row, Table, Value, value};
use crate::span::Span;

/// The tables of `text`, in text order; `markdown` reads pipe tables as well.
pub fn read(text: &str, markdown: bool) -> Vec<Table> {
    let lines = lines(text);
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let cells = |l: &(usize, &str)| split(l.1, l.0, markdown);
        if cells(&lines[i]).is_none() {
            i += 1;
            continue;
        }
        // A run of tabular lines, with single short lines between them.
        let mut end = i;
        let mut j = i;
        let mut tabular = 0;
        while j < lines.len() {
            if cells(&lines[j]).is_some() {
                tabular += 1;
                end = j + 1;
            } else if !caption_like(lines[j].1) || heading_like(lines[j].1) {
                break;
            }
            j += 1;
        }
        if tabular < 2 {
            i = end.max(i + 1);
            continue;
        }
        let start = if i > 0
            && caption_like(lines[i - 1].1)
            && !heading_like(lines[i - 1].1)
            && !is_caption(lines[i - 1].1)
        {
            i - 1
        } else {
            i
        };
        let mut table = Table {
            copied: true,
            padded: markdown && lines[i].1.trim_start().starts_with('|'),
            ..Table::default()
        };
        for &(at, line) in &lines[start..end] {
            let spans = match split(line, at, markdown) {
                Some(cells) => cells,
                None if line.trim().is_empty() => continue,
                None => vec![trimmed(line, at)],
            };
            if markdown && spans.iter().all(|s| is_rule(s.slice(text))) {
                continue;
            }
            let row = table.rows.len();
            table.rows.push(Row {
                cells: spans
                    .into_iter()
                    .enumerate()
                    .map(|(column, span)| Cell {
                        row,
                        column,
                        rows: 1,
                        columns: 1,
                        span,
                        header: false,
                    })
                    .collect(),
            });
        }
        let first = table.cells().next().map(|c| c.span);
        let last = table.cells().last().map(|c| c.span);
        if let (Some(first), Some(last)) = (first, last) {
            table.span = Span::new(first.start, last.end.max(first.start));
        }
        tables.push(table);
        i = end;
    }
    tables
}

/// Each line with its start offset (line end not included).
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split('\n')
        .map(|l| {
            let start = at;
            at += l.len() + 1;
            (start, l)
        })
        .collect()
}

/// The cells of a tabular line (at least two), or `None`.
fn split(line: &str, at: usize, markdown: bool) -> Option<Vec<Span>> {
    let body = line.trim_end();
    if markdown && body.trim_start().starts_with('|') {
        let lead = body.len() - body.trim_start().len();
        let inner = &body[lead + 1..];
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let mut cells = Vec::new();
        let mut from = at + lead + 1;
        for part in inner.split('|') {
            cells.push(trimmed(part, from));
            from += part.len() + 1;
        }
        let width = cells.len();
        // A Markdown row is padded to the table's width: the empty cells at its end
        // stand where a merged cell spread (Markdown cannot merge).
        while cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        return (width >= 2).then_some(cells);
    }
    if body.contains('\t') {
        let mut cells = Vec::new();
        let mut from = at;
        for part in body.split('\t') {
            cells.push(trimmed(part, from));
            from += part.len() + 1;
        }
        // Leading tabs indent the line; they are no empty cells.
        while cells.first().is_some_and(|c| c.is_empty()) && body.starts_with('\t') {
            cells.remove(0);
        }
        return (cells.len() >= 2).then_some(cells);
    }
    // Runs of two or more spaces (ASCII or ideographic) between non-blank text, on a line
    // with a figure: a table laid out with spaces. Leading spaces indent.
    let lead = body.len() - body.trim_start().len();
    let inner = &body[lead..];
    let mut cells = Vec::new();
    let mut start = 0;
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == ' ' || c == '\u{3000}' {
            let mut end = i + c.len_utf8();
            let mut run = 1;
            while let Some(&(j, d)) = chars.peek() {
                if d == ' ' || d == '\u{3000}' {
                    run += 1;
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if run >= 2 || c == '\u{3000}' {
                cells.push(Span::new(at + lead + start, at + lead + i));
                start = end;
            }
        }
    }
    cells.push(Span::new(at + lead + start, at + lead + inner.len()));
    let figures = cells
        .iter()
        .any(|s| matches!(value(&line[s.start - at..s.end - at]), Value::Number { .. }));
    (cells.len() >= 2 && figures && !inner.contains('。')).then_some(cells)
}

/// The span of `part` (starting at `at`) without its surrounding blanks.
fn trimmed(part: &str, at: usize) -> Span {
    let lead = part.len() - part.trim_start().len();
    let body = part.trim();
    Span::new(at + lead, at + lead + body.len())
}

/// A short line that may be a caption or a block title inside a table.
fn caption_like(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().count() <= 30 && !t.contains(['。', '；', ';', '，', ','])
}

/// A table's caption above it (`……统计表`, `表1 ……`): not a row of the table.
fn is_caption(line: &str) -> bool {
    let t = line.trim();
    t.ends_with('表') || t.starts_with('表') || t.starts_with("附表")
}

/// A line that opens a section (`三、……`, `（一）……`), not part of a table.
fn heading_like(line: &str) -> bool {
    crate::outline::marker::parse(line.trim()).is_some()
}

/// A Markdown table's rule line cell (`---`, `:---:`).
fn is_rule(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.span.slice(text).to_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn tab_separated_rows_with_a_block_title() {
        let text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\n规章\t0\t0\n第二十条第（五）项\n行政许可\t4127\n\n三、收到和处理\n";
        let tables = read(text, false);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            texts(text, &tables[0]),
            vec![
                vec!["第二十条第（一）项"],
                vec!["信息内容", "本年制发件数", "本年废止件数"],
                vec!["规章", "0", "0"],
                vec!["第二十条第（五）项"],
                vec!["行政许可", "4127"],
            ]
        );
        assert!(tables[0].copied);
    }

    #[test]
    fn empty_cells_between_tabs_are_cells() {
        let text = "a\t1\t\t3\nb\t4\t5\t6\n";
        let t = &read(text, false)[0];
        assert_eq!(texts(text, t)[0], vec!["a", "1", "", "3"]);
        assert!(t.rows[0].cells[2].span.is_empty());
        assert_eq!(t.rows[0].cells[2].span.start, 4);
    }

    #[test]
    fn a_heading_before_the_table_is_not_in_it() {
        let text = "三、收到和处理政府信息公开申请情况\n自然人\t总计\n一、本年新收\t1\t1\n";
        let t = &read(text, false)[0];
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn one_tabular_line_is_no_table() {
        assert!(read("甲\t乙\n正文。\n", false).is_empty());
    }

    #[test]
    fn markdown_pipe_tables() {
        let text = "| 行政复议 | 总计 |\n|---|:--:|\n| 1 | 2 |\n";
        let t = &read(text, true)[0];
        assert_eq!(
            texts(text, t),
            vec![vec!["行政复议", "总计"], vec!["1", "2"]]
        );
    }

    #[test]
    fn space_aligned_rows_need_a_figure() {
        let text = "规章    0    0\n行政规范性文件    1    6\n";
        let t = &read(text, false)[0];
        assert_eq!(texts(text, t)[1], vec!["行政规范性文件", "1", "6"]);
        assert!(read("这是  一句话  没有数字\n那是  另一句\n", false).is_empty());
    }
}
