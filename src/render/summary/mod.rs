//! Renderers of a [`Summary`]: `table` (terminal, aligned by display width, so that
//! Chinese counts as two columns), `md`, `csv` (UTF-8 with BOM so that Excel opens it),
//! [`html`] (one self-contained page) and [`xlsx`] (a workbook).
//!
//! Each group of reports (those checked by the same packs) has its own section, headed
//! by what the reports are; a summary of one group reads as one without groups.

pub mod html;
pub mod xlsx;

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::report::Status;
use crate::summary::{Group, Row, Summary};

/// The reviewer's mark for a status; `-` when the element was not checked.
pub fn mark(s: Option<Status>) -> &'static str {
    s.map_or("-", Status::mark)
}

/// The status in words, for CSV and spreadsheets.
pub fn word(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Present) => "已写",
        Some(Status::Weak) => "偏弱",
        Some(Status::Missing) => "缺失",
        None => "未检查",
    }
}

/// The title of the whole summary: `法治政府建设年度报告检查汇总` for one group.
fn title(s: &Summary) -> String {
    match s.groups.as_slice() {
        [g] if !g.title.is_empty() => format!("{}检查汇总", g.title),
        _ => "年度报告检查汇总".to_owned(),
    }
}

/// The groups to show: an empty one when there are none, so that the table has a head.
fn groups(s: &Summary) -> Vec<&Group> {
    static EMPTY: Group = Group {
        packs: Vec::new(),
        title: String::new(),
        elements: Vec::new(),
        rows: Vec::new(),
        rules: Vec::new(),
        similar: Vec::new(),
        carried: Vec::new(),
    };
    if s.groups.is_empty() {
        vec![&EMPTY]
    } else {
        s.groups.iter().collect()
    }
}

/// The header of the report matrix.
fn header(s: &Group) -> Vec<String> {
    let mut h: Vec<String> = ["单位", "年度", "文件"]
        .iter()
        .map(|x| (*x).to_owned())
        .collect();
    h.extend(s.elements.iter().map(|c| c.name().to_owned()));
    h.extend(["错误", "警告", "提示"].iter().map(|x| (*x).to_owned()));
    h
}

/// What the short column names stand for (“举措成效（上一年度……）”), if any is used.
fn legend(s: &Group) -> Option<String> {
    let named: Vec<String> = s
        .elements
        .iter()
        .filter(|c| c.name() != c.title)
        .map(|c| format!("{}（{}）", c.name(), c.title))
        .collect();
    (!named.is_empty()).then(|| format!("列名：{}", named.join("、")))
}

fn cells(r: &Row, status: fn(Option<Status>) -> &'static str) -> Vec<String> {
    let mut c = vec![
        r.unit.clone(),
        r.year.map_or_else(String::new, |y| y.to_string()),
        r.path.clone(),
    ];
    c.extend(r.statuses.iter().map(|s| status(*s).to_owned()));
    c.extend(r.counts.iter().map(ToString::to_string));
    c
}

/// Per-rule lines: “12 / 40 份报告缺少……”.
fn rule_lines(s: &Group) -> Vec<String> {
    let n = s.rows.len();
    s.rules
        .iter()
        .map(|r| {
            let mut line = format!(
                "{}（{}）：{} / {n} 份报告有问题，共 {} 条",
                r.title, r.rule, r.reports, r.findings
            );
            if r.missing > 0 {
                line.push_str(&format!("；{} 份缺失", r.missing));
            }
            if r.weak > 0 {
                line.push_str(&format!("；{} 份偏弱", r.weak));
            }
            line
        })
        .collect()
}

/// The heading of the differences across years.
const CARRIED: &str = "跨年度核对（上年结转与上年报告的结转下年度）";

fn carried_lines(s: &Group) -> Vec<String> {
    s.carried
        .iter()
        .map(crate::summary::Carried::line)
        .collect()
}

fn similar_lines(s: &Group) -> Vec<String> {
    s.similar
        .iter()
        .map(|p| {
            let other = if p.previous {
                format!("上年报告 {}", p.b)
            } else {
                p.b.clone()
            };
            let what = if p.previous {
                "与上年雷同"
            } else {
                "内容雷同"
            };
            format!(
                "{what}：{} 的“{}”与 {other} 相似度 {:.0}%",
                p.a,
                p.element,
                p.similarity * 100.0
            )
        })
        .collect()
}

/// Aligned text tables for the terminal, one per group.
pub fn table(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let several = s.groups.len() > 1;
    for (n, g) in groups(s).into_iter().enumerate() {
        if several {
            if n > 0 {
                writeln!(out)?;
            }
            writeln!(out, "━━ {}：{} 份报告 ━━", g.heading(), g.rows.len())?;
        }
        group_table(out, g)?;
    }
    Ok(())
}

fn group_table(out: &mut dyn Write, s: &Group) -> io::Result<()> {
    let head = header(s);
    let rows: Vec<Vec<String>> = s.rows.iter().map(|r| cells(r, mark)).collect();
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].width())
                .chain([head[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut dyn Write, cells: &[String]| -> io::Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(out, &head)?;
    writeln!(
        out,
        "{}",
        "─".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
    )?;
    for r in &rows {
        line(out, r)?;
    }
    writeln!(
        out,
        "\n✓ 已写　△ 偏弱　✗ 缺失　- 未检查；共 {} 份报告",
        s.rows.len()
    )?;
    if let Some(l) = legend(s) {
        writeln!(out, "{l}")?;
    }
    for (title, lines) in [
        ("按规则统计", rule_lines(s)),
        ("雷同", similar_lines(s)),
        (CARRIED, carried_lines(s)),
    ] {
        if !lines.is_empty() {
            writeln!(out, "\n{title}：")?;
            for l in lines {
                writeln!(out, "  {l}")?;
            }
        }
    }
    Ok(())
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown tables, one section per group.
pub fn md(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    writeln!(out, "# {}\n", title(s))?;
    if s.groups.len() <= 1 {
        writeln!(out, "共 {} 份报告。✓ 已写　△ 偏弱　✗ 缺失\n", s.reports())?;
        return md_group(out, groups(s)[0], "##");
    }
    writeln!(
        out,
        "共 {} 份报告，按所用规则包分为 {} 组。✓ 已写　△ 偏弱　✗ 缺失",
        s.reports(),
        s.groups.len()
    )?;
    for g in &s.groups {
        writeln!(out, "\n## {}\n", md_escape(&g.heading()))?;
        writeln!(out, "共 {} 份报告。\n", g.rows.len())?;
        md_group(out, g, "###")?;
    }
    Ok(())
}

/// One group's tables; `level` heads its sections.
fn md_group(out: &mut dyn Write, s: &Group, level: &str) -> io::Result<()> {
    let head = header(s);
    writeln!(
        out,
        "| {} |",
        head.iter()
            .map(|h| md_escape(h))
            .collect::<Vec<_>>()
            .join(" | ")
    )?;
    writeln!(out, "|{}|", vec!["---"; head.len()].join("|"))?;
    for r in &s.rows {
        let c: Vec<String> = cells(r, mark).iter().map(|c| md_escape(c)).collect();
        writeln!(out, "| {} |", c.join(" | "))?;
    }
    if let Some(l) = legend(s) {
        writeln!(out, "\n{}", md_escape(&l))?;
    }
    if !s.rules.is_empty() {
        writeln!(out, "\n{level} 按规则统计\n")?;
        writeln!(out, "| 规则 | 标题 | 有问题的报告 | 问题数 | 缺失 | 偏弱 |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for r in &s.rules {
            writeln!(
                out,
                "| {} | {} | {} / {} | {} | {} | {} |",
                r.rule,
                md_escape(&r.title),
                r.reports,
                s.rows.len(),
                r.findings,
                r.missing,
                r.weak
            )?;
        }
    }
    if !s.similar.is_empty() {
        writeln!(out, "\n{level} 雷同\n")?;
        for l in similar_lines(s) {
            writeln!(out, "- {}", md_escape(&l))?;
        }
    }
    if !s.carried.is_empty() {
        writeln!(out, "\n{level} {CARRIED}\n")?;
        for l in carried_lines(s) {
            writeln!(out, "- {}", md_escape(&l))?;
        }
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// CSV, UTF-8 with a byte-order mark, one row per report; several groups each under
/// a line with their heading, a blank line between them.
pub fn csv(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let several = s.groups.len() > 1;
    for (n, g) in groups(s).into_iter().enumerate() {
        if several {
            if n > 0 {
                write!(out, "\r\n")?;
            }
            write!(out, "{}\r\n", csv_field(&g.heading()))?;
        }
        csv_group(out, g)?;
    }
    Ok(())
}

fn csv_group(out: &mut dyn Write, s: &Group) -> io::Result<()> {
    let mut head = header(s);
    // Full titles in CSV: the spreadsheet can wrap them.
    for (i, c) in s.elements.iter().enumerate() {
        head[3 + i] = c.title.clone();
    }
    head.insert(3, "标题".to_owned());
    // CRLF line ends, as RFC 4180 and Excel expect.
    write!(
        out,
        "{}\r\n",
        head.iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(",")
    )?;
    for r in &s.rows {
        let mut c = cells(r, word);
        c.insert(3, r.title.clone().unwrap_or_default());
        write!(
            out,
            "{}\r\n",
            c.iter().map(|x| csv_field(x)).collect::<Vec<_>>().join(",")
        )?;
    }
    Ok(())
}
