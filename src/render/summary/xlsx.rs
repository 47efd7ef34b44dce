//! The workbook a reviewer hands on: sheet 汇总 (the report × element matrix, coloured;
//! one per group of reports checked by the same packs, 汇总-法治政府建设 and so on),
//! 问题清单 (every finding, with the advice, the Word paragraph and the rule's basis),
//! 规则统计 (per-rule totals) and 雷同 (near-copies), each with a frozen header row and
//! filters, and set up to print: A4 landscape, one page wide, the header row on every page.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::word;
use crate::report::{Severity, Status};
use crate::summary::{Group, Summary};

/// Excel's longest sheet name, in characters.
const SHEET_NAME: usize = 31;

/// The 汇总 sheet of each group: `汇总` alone, else `汇总-` and what the reports are,
/// without `年度报告` (`汇总-法治政府建设`), cut to Excel's 31 characters, made unique.
fn sheet_names(s: &Summary) -> Vec<String> {
    if s.groups.len() <= 1 {
        return vec!["汇总".to_owned()];
    }
    let mut names: Vec<String> = Vec::new();
    for g in &s.groups {
        let what: String = g
            .title
            .chars()
            .filter(|c| !"[]:*?/\\'".contains(*c))
            .collect();
        let what = ["工作年度报告", "年度报告", "情况报告", "报告"]
            .iter()
            .find_map(|end| what.strip_suffix(end).filter(|w| !w.is_empty()))
            .unwrap_or(&what)
            .replace("年度报告、", "、");
        let what = if what.is_empty() {
            g.packs.join("、")
        } else {
            what
        };
        let base: String = format!("汇总-{what}").chars().take(SHEET_NAME).collect();
        let mut name = base.clone();
        let mut n = 1;
        while names.contains(&name) {
            n += 1;
            let tag = format!("-{n}");
            let keep = SHEET_NAME - tag.chars().count();
            name = format!("{}{tag}", base.chars().take(keep).collect::<String>());
        }
        names.push(name);
    }
    names
}

/// One group's 汇总 sheet.
fn matrix(ws: &mut Worksheet, s: &Group) -> Result<(), XlsxError> {
    let last_row = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut titles: Vec<&str> = vec!["单位", "年度", "标题", "文件"];
    titles.extend(s.elements.iter().map(|c| c.title.as_str()));
    titles.extend(["错误", "警告", "提示"]);
    let mut widths = vec![22.0, 8.0, 40.0, 36.0];
    widths.extend(s.elements.iter().map(|_| 14.0));
    widths.extend([8.0, 8.0, 8.0]);
    header(ws, &titles, &widths)?;
    ws.set_row_height(0, 48)?;
    for (i, r) in s.rows.iter().enumerate() {
        let row = last_row(i + 1);
        ws.write_string(row, 0, &r.unit)?;
        if let Some(y) = r.year {
            ws.write_number(row, 1, f64::from(y))?;
        }
        ws.write_string(row, 2, r.title.as_deref().unwrap_or(""))?;
        ws.write_string(row, 3, &r.path)?;
        for (j, st) in r.statuses.iter().enumerate() {
            let col = u16::try_from(4 + j).unwrap_or(u16::MAX);
            ws.write_string_with_format(row, col, word(*st), &status_format(*st))?;
        }
        for (k, n) in r.counts.iter().enumerate() {
            let col = u16::try_from(4 + s.elements.len() + k).unwrap_or(u16::MAX);
            ws.write_number(row, col, *n as f64)?;
        }
    }
    let last_col = u16::try_from(titles.len() - 1).unwrap_or(u16::MAX);
    ws.autofilter(0, 0, last_row(s.rows.len()), last_col)?;
    Ok(())
}

fn header(ws: &mut Worksheet, titles: &[&str], widths: &[f64]) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    for (i, (t, w)) in titles.iter().zip(widths).enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, col, *t, &bold)?;
        ws.set_column_width(col, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    // Printed for a meeting: A4 (paper size 9) landscape, every column on the page,
    // as many pages down as it takes, the header row repeated on each.
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(0, 0)?;
    Ok(())
}

fn status_format(s: Option<Status>) -> Format {
    let (bg, fg) = match s {
        Some(Status::Present) => (0xE6F4EA, 0x137333),
        Some(Status::Weak) => (0xFEF7E0, 0xB06000),
        Some(Status::Missing) => (0xFCE8E6, 0xC5221F),
        None => (0xFFFFFF, 0x666666),
    };
    Format::new()
        .set_background_color(Color::RGB(bg))
        .set_font_color(Color::RGB(fg))
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
}

fn severity_word(s: Severity) -> &'static str {
    s.label()
}

/// The workbook as bytes.
pub fn render(s: &Summary) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let last_row = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);

    let empty = Group::default();
    let groups: Vec<&Group> = if s.groups.is_empty() {
        vec![&empty]
    } else {
        s.groups.iter().collect()
    };
    for (g, name) in groups.iter().zip(sheet_names(s)) {
        let ws = wb.add_worksheet().set_name(name)?;
        matrix(ws, g)?;
    }

    let ws = wb.add_worksheet().set_name("问题清单")?;
    header(
        ws,
        &[
            "单位", "文件", "规则", "级别", "段", "行", "列", "问题", "建议", "依据",
        ],
        &[18.0, 24.0, 26.0, 6.0, 6.0, 6.0, 6.0, 60.0, 44.0, 36.0],
    )?;
    // Long texts wrap, so that a printed page shows them whole.
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut n = 0;
    for r in s.rows() {
        for f in &r.findings {
            n += 1;
            let row = last_row(n);
            ws.write_string(row, 0, &r.unit)?;
            ws.write_string(row, 1, &r.path)?;
            ws.write_string(row, 2, &f.rule)?;
            ws.write_string(row, 3, severity_word(f.severity))?;
            if let Some(p) = f.paragraph {
                ws.write_number(row, 4, p as f64)?;
            }
            if let (Some(l), Some(c)) = (f.line, f.column) {
                ws.write_number(row, 5, l as f64)?;
                ws.write_number(row, 6, c as f64)?;
            }
            ws.write_string_with_format(row, 7, &f.message, &wrap)?;
            if let Some(h) = &f.help {
                ws.write_string_with_format(row, 8, h, &wrap)?;
            }
            if let Some(b) = s.basis.get(&f.rule) {
                ws.write_string_with_format(row, 9, b, &wrap)?;
            }
        }
    }
    ws.autofilter(0, 0, last_row(n), 9)?;

    let ws = wb.add_worksheet().set_name("规则统计")?;
    header(
        ws,
        &[
            "规则",
            "标题",
            "有问题的报告",
            "报告总数",
            "问题数",
            "缺失",
            "偏弱",
        ],
        &[34.0, 40.0, 12.0, 10.0, 10.0, 8.0, 8.0],
    )?;
    // 报告总数 is the group's: the reports the rule was applied to.
    let totals: Vec<(usize, &crate::summary::RuleTotal)> = s
        .groups
        .iter()
        .flat_map(|g| g.rules.iter().map(move |r| (g.rows.len(), r)))
        .collect();
    for (i, (reports, r)) in totals.iter().enumerate() {
        let row = last_row(i + 1);
        ws.write_string(row, 0, &r.rule)?;
        ws.write_string(row, 1, &r.title)?;
        ws.write_number(row, 2, r.reports as f64)?;
        ws.write_number(row, 3, *reports as f64)?;
        ws.write_number(row, 4, r.findings as f64)?;
        ws.write_number(row, 5, r.missing as f64)?;
        ws.write_number(row, 6, r.weak as f64)?;
    }
    ws.autofilter(0, 0, last_row(totals.len()), 6)?;

    let ws = wb.add_worksheet().set_name("雷同")?;
    header(
        ws,
        &["部分", "报告", "相比的报告", "相似度", "类型"],
        &[30.0, 36.0, 36.0, 10.0, 12.0],
    )?;
    let percent = Format::new().set_num_format("0%");
    let similar: Vec<&crate::summary::Similar> = s.groups.iter().flat_map(|g| &g.similar).collect();
    for (i, p) in similar.iter().enumerate() {
        let row = last_row(i + 1);
        ws.write_string(row, 0, &p.element)?;
        ws.write_string(row, 1, &p.a)?;
        ws.write_string(row, 2, &p.b)?;
        ws.write_number_with_format(row, 3, p.similarity, &percent)?;
        ws.write_string(
            row,
            4,
            if p.previous {
                "与上年雷同"
            } else {
                "同批雷同"
            },
        )?;
    }
    ws.autofilter(0, 0, last_row(similar.len()), 4)?;

    let carried: Vec<&crate::summary::Carried> = s.groups.iter().flat_map(|g| &g.carried).collect();
    if !carried.is_empty() {
        let ws = wb.add_worksheet().set_name("跨年度核对")?;
        header(
            ws,
            &[
                "报告",
                "表格",
                "行",
                "列",
                "本年",
                "上年报告",
                "上年的行",
                "上年",
            ],
            &[36.0, 30.0, 24.0, 14.0, 8.0, 36.0, 24.0, 8.0],
        )?;
        for (i, c) in carried.iter().enumerate() {
            let row = last_row(i + 1);
            for (k, v) in [
                &c.path,
                &c.table,
                &c.rows.0,
                &c.column,
                &c.this,
                &c.previous,
                &c.rows.1,
                &c.last,
            ]
            .into_iter()
            .enumerate()
            {
                ws.write_string(row, k as u16, v)?;
            }
        }
        ws.autofilter(0, 0, last_row(carried.len()), 7)?;
    }

    wb.save_to_buffer()
}
