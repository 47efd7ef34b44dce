//! One self-contained HTML page: the report matrix with sortable columns (click a
//! header), each report expanding to its findings, then per-rule totals and near-copies;
//! a section of each for every group of reports checked by the same packs.
//! No external files, scripts or fonts: it opens from a USB stick or an e-mail.

use std::io::{self, Write};

use super::{CARRIED, carried_lines, groups, mark, rule_lines, similar_lines, title};
use crate::report::{Severity, Status};
use crate::summary::{Group, Summary};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}\
th{background:#f2f2f2;cursor:pointer;position:sticky;top:0}th:hover{background:#e4e4e4}\
td.s{text-align:center;font-weight:bold}.present{background:#e6f4ea;color:#137333}.weak{background:#fef7e0;color:#b06000}\
.missing{background:#fce8e6;color:#c5221f}.error{color:#c5221f}.warning{color:#b06000}.info{color:#555}\
details summary{cursor:pointer}ul{margin:.3em 0;padding-left:1.2em}td.n{text-align:right}\
.help{color:#555;font-size:.92em;margin:.1em 0 .3em}";

const SCRIPT: &str = "document.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){\
var t=th.closest('table'),b=t.tBodies[0],rows=Array.from(b.rows),asc=th.dataset.asc!=='1';\
rows.sort(function(x,y){var a=x.cells[i].dataset.k||x.cells[i].innerText,c=y.cells[i].dataset.k||y.cells[i].innerText;\
var na=parseFloat(a),nc=parseFloat(c);var r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c,'zh');return asc?r:-r;});\
rows.forEach(function(r){b.appendChild(r);});th.dataset.asc=asc?'1':'0';});});";

fn class(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Present) => "present",
        Some(Status::Weak) => "weak",
        Some(Status::Missing) => "missing",
        None => "",
    }
}

/// Sort key: missing first when sorting ascending.
fn key(s: Option<Status>) -> u8 {
    match s {
        Some(Status::Missing) => 0,
        Some(Status::Weak) => 1,
        Some(Status::Present) => 2,
        None => 3,
    }
}

/// Write the page.
pub fn render(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let title = esc(&title(s));
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>"
    )?;
    writeln!(out, "<h1>{title}</h1>")?;
    let several = s.groups.len() > 1;
    let groups_note = if several {
        format!("，按所用规则包分为 {} 组", s.groups.len())
    } else {
        String::new()
    };
    writeln!(
        out,
        "<p>共 {} 份报告{groups_note}。✓ 已写　△ 偏弱　✗ 缺失。点击表头排序，点击单位名称展开问题清单。</p>",
        s.reports()
    )?;
    for (n, g) in groups(s).into_iter().enumerate() {
        if several {
            writeln!(
                out,
                "<h2>{}</h2>\n<p>共 {} 份报告。</p>",
                esc(&g.heading()),
                g.rows.len()
            )?;
        }
        // The first table keeps the id it had before there were groups.
        let id = match n {
            0 => "reports".to_owned(),
            n => format!("reports-{}", n + 1),
        };
        group(out, g, &id, if several { "h3" } else { "h2" })?;
    }
    writeln!(out, "<script>{SCRIPT}</script></body></html>")
}

/// One group's matrix, totals and near-copies; `h` heads its sections.
fn group(out: &mut dyn Write, s: &Group, id: &str, h: &str) -> io::Result<()> {
    write!(
        out,
        "<table id=\"{id}\"><thead><tr><th>单位</th><th>年度</th><th>文件</th>"
    )?;
    for c in &s.elements {
        write!(
            out,
            "<th title=\"{}\">{}</th>",
            esc(&c.title),
            esc(c.name())
        )?;
    }
    writeln!(
        out,
        "<th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>"
    )?;
    for r in &s.rows {
        write!(
            out,
            "<tr><td data-k=\"{}\"><details><summary>{}</summary><ul>",
            esc(&r.unit),
            esc(&r.unit)
        )?;
        if let Some(t) = &r.title {
            write!(out, "<li><b>{}</b></li>", esc(t))?;
        }
        for f in &r.findings {
            let (cls, label) = match f.severity {
                Severity::Error => ("error", "错误"),
                Severity::Warning => ("warning", "警告"),
                Severity::Info => ("info", "提示"),
            };
            // A Word document's place is its paragraph, as Word counts them.
            let at = match (f.paragraph, f.line) {
                (Some(p), _) => format!("第 {p} 段 "),
                (None, Some(l)) => format!("第 {l} 行 "),
                (None, None) => String::new(),
            };
            write!(
                out,
                "<li class=\"{cls}\">[{label}] {at}{}（{}）",
                esc(&f.message),
                esc(&f.rule)
            )?;
            if let Some(h) = &f.help {
                write!(out, "<div class=\"help\">建议：{}</div>", esc(h))?;
            }
            write!(out, "</li>")?;
        }
        if r.findings.is_empty() {
            write!(out, "<li>没有问题</li>")?;
        }
        write!(
            out,
            "</ul></details></td><td>{}</td><td>{}</td>",
            r.year.map_or_else(String::new, |y| y.to_string()),
            esc(&r.path)
        )?;
        for st in &r.statuses {
            write!(
                out,
                "<td class=\"s {}\" data-k=\"{}\">{}</td>",
                class(*st),
                key(*st),
                mark(*st)
            )?;
        }
        for n in r.counts {
            write!(out, "<td class=\"n\">{n}</td>")?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")?;
    if let Some(l) = super::legend(s) {
        writeln!(out, "<p>{}</p>", esc(&l))?;
    }
    for (title, lines) in [
        ("按规则统计", rule_lines(s)),
        ("雷同", similar_lines(s)),
        (CARRIED, carried_lines(s)),
    ] {
        if !lines.is_empty() {
            writeln!(out, "<{h}>{title}</{h}><ul>")?;
            for l in lines {
                writeln!(out, "<li>{}</li>", esc(&l))?;
            }
            writeln!(out, "</ul>")?;
        }
    }
    Ok(())
}
