//! What a `table` rule finds in one report.

use super::format::{Format, Line};
use super::read::{self, Columns, Read};
use super::{Assert, Identity, Per, Prose, TableCheck};
use crate::check::quantity::trim;
use crate::check::scope::{Hit, Scope};
use crate::document::table::Value;
use crate::report::Severity;
use crate::span::Span;

/// Most cells listed one by one before a rule sums them up in one finding.
const MAX_LISTED: usize = 5;

pub(super) fn run(check: &TableCheck, cx: &Scope<'_>) -> Vec<Hit> {
    // Placeholders (`【请填写】`) read as blanks.
    let text = cx.blanked;
    let def = &check.table;
    let Some(read) = read::find(def, cx.tables, text) else {
        return match check.assert {
            Assert::Layout => vec![Hit::at(None, format!("没有找到{}", def.name))],
            _ => Vec::new(),
        };
    };
    let f = &def.formats[read.format];
    if !check.formats.is_empty() && !check.formats.contains(&f.id) {
        return Vec::new();
    }
    let t = Reading {
        read: &read,
        f,
        text,
        name: &def.name,
    };
    match &check.assert {
        Assert::Identities(ids) => ids.iter().flat_map(|i| t.identity(i)).collect(),
        Assert::Filled => t.filled(),
        Assert::Numbers { integer, min } => t.numbers(*integer, *min),
        Assert::Layout => t.layout(cx.tables[read.index].span),
        Assert::FormatYear => cx
            .year
            .map(|year| t.format_year(year, &def.formats, cx.tables[read.index].span))
            .unwrap_or_default(),
        Assert::Prose(list) => list
            .iter()
            .flat_map(|p| t.prose(p, cx.outline.body, &table_spans(cx)))
            .collect(),
    }
}

fn table_spans(cx: &Scope<'_>) -> Vec<Span> {
    cx.tables.iter().map(|t| t.span).collect()
}

/// A figure's value.
fn figure(v: &Value) -> Option<f64> {
    match v {
        Value::Number { value, .. } => Some(*value),
        _ => None,
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// One side of an identity as stated: `R1+R2=41+2=43`, or `总计=191`.
/// A side of more than [`MAX_TERMS`] terms names its first and last (`R3.1+…+R3.6.3（21
/// 项）`) and lists the figures in full.
fn side(ids: &[&str], shown: &[String], sum: f64) -> String {
    match ids {
        [one] => format!("{one}={}", shown[0]),
        [first, .., last] if ids.len() > MAX_TERMS => format!(
            "{first}+…+{last}（{} 项）={}={}",
            ids.len(),
            shown.join("+"),
            trim(sum, 4)
        ),
        _ => format!("{}={}={}", ids.join("+"), shown.join("+"), trim(sum, 4)),
    }
}

/// Most terms of an identity's side named one by one.
const MAX_TERMS: usize = 6;

/// A place the format expects a figure: the row's name, the row and column (where the
/// format names them), the cell and what it holds.
type Position<'a> = (String, Option<&'a Line>, Option<&'a Line>, Span, &'a Value);

struct Reading<'a> {
    read: &'a Read,
    f: &'a Format,
    text: &'a str,
    name: &'a str,
}

impl Reading<'_> {
    fn shown(&self, span: Span) -> String {
        span.slice(self.text).trim().to_owned()
    }

    /// A format row's name, or a data row's label.
    fn row_name(&self, i: usize) -> String {
        match self.f.rows.get(i) {
            Some(l) => l.name.clone(),
            None => match self.read.rows.get(i).copied().flatten() {
                Some(d) => self.read.label(d, self.text),
                None => String::new(),
            },
        }
    }

    /// The figure at format row `i`, format column `j`.
    fn cell(&self, i: usize, j: usize) -> Option<(Span, &Value)> {
        self.read.cell(i, j)
    }

    fn identity(&self, id: &Identity) -> Vec<Hit> {
        if !matches!(self.read.columns, Columns::Named(_)) {
            return Vec::new();
        }
        let lines = match id.per {
            Per::Column => &self.f.rows,
            Per::Row => &self.f.columns,
        };
        let (Some(sum), Some(equals)) = (
            Identity::resolve(&id.sum, lines),
            Identity::resolve(&id.equals, lines),
        ) else {
            return Vec::new();
        };
        let across = match id.per {
            Per::Column => self.f.columns.len(),
            Per::Row => self.read.rows.len(),
        };
        let mut hits = Vec::new();
        for k in 0..across {
            let at = |term: usize| match id.per {
                Per::Column => self.cell(term, k),
                Per::Row => self.cell(k, term),
            };
            let cells = |terms: &[usize]| -> Option<Vec<(Span, f64)>> {
                terms
                    .iter()
                    .map(|&t| at(t).and_then(|(s, v)| Some((s, figure(v)?))))
                    .collect()
            };
            let (Some(left), Some(right)) = (cells(&sum), cells(&equals)) else {
                continue;
            };
            let l: f64 = left.iter().map(|c| c.1).sum();
            let r: f64 = right.iter().map(|c| c.1).sum();
            if same(l, r) {
                continue;
            }
            let ids = |terms: &[usize]| -> Vec<&str> {
                terms.iter().map(|&t| lines[t].id.as_str()).collect()
            };
            let shown = |cs: &[(Span, f64)]| -> Vec<String> {
                cs.iter().map(|c| self.shown(c.0)).collect()
            };
            let place = id.name.clone().unwrap_or_else(|| match id.per {
                Per::Column => format!("{}一列", self.f.columns[k].name),
                Per::Row => {
                    let row = self.row_name(k);
                    if row.is_empty() {
                        "数据行".to_owned()
                    } else {
                        format!("“{row}”一行")
                    }
                }
            });
            let Some(&(primary, _)) = right.last() else {
                continue;
            };
            let mut hit = Hit::at(
                Some(primary),
                format!(
                    "{place}，{}，{}，相差 {}",
                    side(&ids(&sum), &shown(&left), l),
                    side(&ids(&equals), &shown(&right), r),
                    trim((l - r).abs(), 4)
                ),
            );
            let labelled = right[..right.len() - 1]
                .iter()
                .zip(&equals)
                .chain(left.iter().zip(&sum).filter(|_| sum.len() <= 4));
            for (c, &t) in labelled {
                hit = hit.label(c.0, lines[t].id.clone());
            }
            hits.push(hit);
        }
        hits
    }

    /// Every place the format expects a figure.
    fn positions(&self) -> Vec<Position<'_>> {
        let mut out = Vec::new();
        for (i, d) in self.read.rows.iter().enumerate() {
            let Some(d) = *d else { continue };
            let row = self.f.rows.get(i);
            match &self.read.columns {
                Columns::Named(cols) => {
                    for (j, c) in cols.iter().enumerate() {
                        if let Some((s, v)) = c.and_then(|c| self.read.at(d, c)) {
                            out.push((self.row_name(i), row, self.f.columns.get(j), s, v));
                        }
                    }
                }
                _ => {
                    for (_, s, v) in &self.read.data[d].values {
                        out.push((self.row_name(i), row, None, *s, v));
                    }
                }
            }
        }
        out
    }

    fn filled(&self) -> Vec<Hit> {
        let empty: Vec<_> = self
            .positions()
            .into_iter()
            .filter(|p| matches!(p.4, Value::Blank | Value::NoFigure))
            .collect();
        let what = |s: Span| {
            let t = self.shown(s);
            if t.is_empty() {
                "空白".to_owned()
            } else {
                format!("写了“{t}”")
            }
        };
        if empty.len() > MAX_LISTED {
            let mut hit = Hit::at(
                Some(empty[0].3),
                format!(
                    "{}有 {} 个应填数字的格空白或只写了符号，应填数字（没有的填 0）",
                    self.name,
                    empty.len()
                ),
            );
            for p in empty.iter().skip(1).take(10) {
                hit = hit.label(p.3, what(p.3));
            }
            return vec![hit];
        }
        empty
            .into_iter()
            .map(|(row, _, col, span, _)| {
                Hit::at(
                    Some(span),
                    format!(
                        "“{row}”一行{}{}，应填数字（没有的填 0）",
                        col.map(|c| format!("“{}”一格", c.name)).unwrap_or_default(),
                        what(span)
                    ),
                )
            })
            .collect()
    }

    fn numbers(&self, integer: bool, min: Option<f64>) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (row, rl, cl, span, v) in self.positions() {
            let place = format!(
                "“{row}”一行{}",
                cl.map(|c| format!("“{}”一格", c.name)).unwrap_or_default()
            );
            let amount = rl.is_some_and(|l| l.amount) || cl.is_some_and(|l| l.amount);
            let shown = self.shown(span);
            let problem = match v {
                Value::Number { value, .. } if min.is_some_and(|m| *value < m) => {
                    format!("写作 {shown}，不能小于 {}", trim(min.unwrap_or(0.0), 4))
                }
                Value::Number { integer: false, .. } if integer && !amount => {
                    format!("写作 {shown}，件数应为整数")
                }
                Value::Text => format!("写作“{shown}”，应填阿拉伯数字"),
                _ => continue,
            };
            hits.push(Hit::at(Some(span), format!("{place}{problem}")));
        }
        hits
    }

    fn layout(&self, table: Span) -> Vec<Hit> {
        let mut hits = Vec::new();
        // A row is shown by its innermost label (`1.本机关不掌握相关政府信息`, not the
        // merged `三、本年度办理结果` beside it).
        let first_label = |d: usize| {
            let row = &self.read.data[d];
            row.labels
                .last()
                .or(row.values.first().map(|v| &v.1))
                .copied()
        };
        if !self.f.rows.is_empty() {
            for (i, found) in self.read.rows.iter().enumerate() {
                if found.is_some() {
                    continue;
                }
                let after = self.read.rows[i + 1..].iter().flatten().next();
                let before = (0..i).rev().find(|&k| self.read.rows[k].is_some());
                let at = after
                    .and_then(|&d| first_label(d))
                    .or_else(|| before.and_then(|k| self.read.rows[k].and_then(first_label)))
                    .unwrap_or(table);
                let place = before
                    .map(|k| format!("（应在“{}”之后）", self.f.rows[k].name))
                    .unwrap_or_default();
                hits.push(Hit::at(
                    Some(at),
                    format!("缺少“{}”一行{place}", self.f.rows[i].name),
                ));
            }
            for d in 0..self.read.data.len() {
                if self.read.rows.contains(&Some(d)) {
                    continue;
                }
                hits.push(Hit::at(
                    first_label(d),
                    format!(
                        "多出一行“{}”：{}中没有这一行",
                        self.read.label(d, self.text),
                        self.f.name
                    ),
                ));
            }
        }
        match &self.read.columns {
            Columns::Named(cols) => {
                for (j, c) in cols.iter().enumerate() {
                    if c.is_none() {
                        hits.push(Hit::at(
                            Some(table),
                            format!("缺少“{}”一列", self.f.columns[j].name),
                        ));
                    }
                }
            }
            Columns::Unknown => {
                let mut hit = Hit::at(
                    Some(table),
                    format!(
                        "{}是从纯文本读出的，表头有合并的格，无法确定各列，按列的核对没有做；请检查 .docx 或网页原件",
                        self.name
                    ),
                );
                hit.severity = Some(Severity::Info);
                hits.push(hit);
            }
            Columns::Unnamed => {}
        }
        hits
    }

    fn format_year(&self, year: i32, formats: &[Format], table: Span) -> Vec<Hit> {
        if self.f.fits(year) {
            return Vec::new();
        }
        let at = self
            .read
            .marks
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(table);
        let fitting = formats
            .iter()
            .find(|f| f.fits(year))
            .map(|f| format!("，{year}年度报告应使用{}", f.name))
            .unwrap_or_default();
        vec![Hit::at(
            Some(at),
            format!(
                "{}用的是{}（适用于{}）{fitting}",
                self.name,
                self.f.name,
                self.f.years()
            ),
        )]
    }

    fn prose(&self, p: &Prose, body: Span, tables: &[Span]) -> Vec<Hit> {
        let row = match &p.row {
            Some(r) => self.f.row(r),
            None => (!self.read.rows.is_empty()).then_some(0),
        };
        let Some(row) = row else { return Vec::new() };
        let cells: Option<Vec<(Span, f64)>> = p
            .columns
            .iter()
            .map(|c| {
                let (s, v) = self.cell(row, self.f.column(c)?)?;
                Some((s, figure(v)?))
            })
            .collect();
        let Some(cells) = cells else {
            return Vec::new();
        };
        let expected: f64 = cells.iter().map(|c| c.1).sum();
        let scope = body.slice(self.text);
        let mut hits = Vec::new();
        for caps in p.pattern.captures_iter(scope) {
            let Some(n) = caps.name("n").or_else(|| caps.get(1)) else {
                continue;
            };
            let span = Span::new(body.start + n.start(), body.start + n.end());
            if tables
                .iter()
                .any(|t| t.start <= span.start && span.end <= t.end)
            {
                continue;
            }
            let digits: String = n.as_str().chars().filter(|c| *c != ',').collect();
            let Ok(stated) = digits.parse::<f64>() else {
                continue;
            };
            if same(stated, expected) {
                continue;
            }
            let whole = caps.get(0).map_or("", |m| m.as_str());
            let cols: Vec<&str> = p
                .columns
                .iter()
                .filter_map(|c| self.f.column(c).map(|j| self.f.columns[j].name.as_str()))
                .collect();
            let mut hit = Hit::at(
                Some(span),
                format!(
                    "正文写“{whole}”，{}中“{}”一行“{}”为 {}",
                    self.name,
                    self.row_name(row),
                    cols.join("”加“"),
                    trim(expected, 4)
                ),
            );
            for c in &cells {
                hit = hit.label(c.0, format!("表中为 {}", self.shown(c.0)));
            }
            hits.push(hit);
        }
        hits
    }
}
