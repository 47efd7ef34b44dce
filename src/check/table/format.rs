//! The tables a pack knows (the pack's `tables:`): how to find each in a report, and its
//! formats — the rows and columns each version of the table has, and the report years it
//! is valid for. `table` rules name a table by its id and check what they assert against
//! the format the report's table is read in.

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::pack::PackResult;
use crate::pack::compile::Compiler;

/// A table as written under the pack's `tables:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawTableDef {
    pub id: Spanned<String>,
    pub name: String,
    /// A pattern some cell of the table matches (a header cell's words).
    pub find: Spanned<String>,
    pub formats: Vec<RawFormat>,
    /// A row carried over from the previous year's report of the same body.
    #[serde(default)]
    pub carry_over: Option<Spanned<RawCarry>>,
}

/// `carry-over: { previous: R4, this: R2 }`: this year's row `this` equals, column by
/// column, last year's row `previous`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawCarry {
    pub previous: String,
    pub this: String,
}

/// One version of a table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawFormat {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub from_year: Option<i32>,
    #[serde(default)]
    pub until_year: Option<i32>,
    /// Patterns of cells that only this format has.
    #[serde(default)]
    pub marks: Vec<Spanned<String>>,
    #[serde(default)]
    pub rows: Vec<RawLine>,
    #[serde(default)]
    pub columns: Vec<RawLine>,
}

/// A row or a column of a format.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawLine {
    pub id: Spanned<String>,
    #[serde(default)]
    pub name: Option<String>,
    pub label: Spanned<String>,
    #[serde(default)]
    pub under: Option<Spanned<String>>,
    #[serde(default)]
    pub amount: bool,
}

/// A table the pack knows.
#[derive(Clone, Debug)]
pub struct TableDef {
    /// Id, as `table` rules name it.
    pub id: String,
    /// Chinese name for messages (`表2`).
    pub name: String,
    /// Some cell of the table matches this.
    pub find: Regex,
    /// Its versions, in the pack's order.
    pub formats: Vec<Format>,
    /// The row carried over from last year's report (last year's id, this year's id),
    /// compared by `reportlint summary --previous`.
    pub carry_over: Option<(String, String)>,
}

/// One version of a table.
#[derive(Clone, Debug)]
pub struct Format {
    /// Id (`"2021"`).
    pub id: String,
    /// Chinese name (`2021年格式（国办公开办函〔2021〕30号）`).
    pub name: String,
    /// First report year it is valid for.
    pub from_year: Option<i32>,
    /// Last report year it is valid for.
    pub until_year: Option<i32>,
    /// Cells only this format has.
    pub marks: Vec<Regex>,
    /// Its rows, top to bottom (none: every row of figures is a row).
    pub rows: Vec<Line>,
    /// Its columns of figures, left to right (none: columns are not named).
    pub columns: Vec<Line>,
}

/// A row or a column of a format.
#[derive(Clone, Debug)]
pub struct Line {
    /// Id, as rules name it and as formulas show it (`R1`, `自然人`).
    pub id: String,
    /// Chinese name for messages (`一、本年新收政府信息公开申请数量`); the id if none.
    pub name: String,
    /// Matches its label (a row's innermost label cell, a column's lowest header cell).
    pub label: Regex,
    /// Matches an outer label or header cell (`（三）不予公开`, `法人或其他组织`).
    pub under: Option<Regex>,
    /// Its figures are amounts (may have decimals).
    pub amount: bool,
}

impl Format {
    /// Whether the format is valid for report year `year`.
    pub fn fits(&self, year: i32) -> bool {
        self.from_year.is_none_or(|y| year >= y) && self.until_year.is_none_or(|y| year <= y)
    }

    /// The years it is valid for, in Chinese (`2021年度起`).
    pub fn years(&self) -> String {
        match (self.from_year, self.until_year) {
            (Some(a), Some(b)) => format!("{a}—{b}年度"),
            (Some(a), None) => format!("{a}年度起"),
            (None, Some(b)) => format!("{b}年度及以前"),
            (None, None) => "各年度".to_owned(),
        }
    }

    /// The index of row `id`.
    pub fn row(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }

    /// The index of column `id`.
    pub fn column(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }
}

impl Line {
    /// Whether a label path (outer to inner) is this line's.
    pub fn matches(&self, path: &[&str]) -> bool {
        let Some((inner, outer)) = path.split_last() else {
            return false;
        };
        self.label.is_match(inner)
            && self
                .under
                .as_ref()
                .is_none_or(|u| outer.iter().any(|o| u.is_match(o)))
    }
}

/// Validate the pack's tables, after those of its base.
pub(crate) fn compile(
    cx: &Compiler<'_>,
    mut tables: Vec<TableDef>,
    raw: &[RawTableDef],
) -> PackResult<Vec<TableDef>> {
    for t in raw {
        let id = cx.id(&t.id, "表格")?;
        if tables.iter().any(|x| x.id == id) {
            return Err(cx.error(&t.id, format!("表格编号 `{id}` 重复"), "重复的编号", None));
        }
        if t.formats.is_empty() {
            return Err(cx.error(
                &t.id,
                "表格至少要有一种格式（`formats`）".to_owned(),
                "此处",
                None,
            ));
        }
        let mut formats: Vec<Format> = Vec::new();
        for f in &t.formats {
            if formats.iter().any(|x| x.id == f.id.value) {
                return Err(cx.error(
                    &f.id,
                    format!("格式编号 `{}` 重复", f.id.value),
                    "重复的编号",
                    None,
                ));
            }
            if let (Some(a), Some(b)) = (f.from_year, f.until_year)
                && a > b
            {
                return Err(cx.error(
                    &f.id,
                    format!("`from-year`（{a}）晚于 `until-year`（{b}）"),
                    "此格式",
                    None,
                ));
            }
            formats.push(Format {
                id: f.id.value.clone(),
                name: f.name.clone(),
                from_year: f.from_year,
                until_year: f.until_year,
                marks: f
                    .marks
                    .iter()
                    .map(|m| cx.regex(m))
                    .collect::<PackResult<_>>()?,
                rows: lines(cx, &f.rows, "行")?,
                columns: lines(cx, &f.columns, "列")?,
            });
        }
        let carry_over = match &t.carry_over {
            Some(c) => {
                let has = |id: &str| formats.iter().any(|f| f.row(id).is_some());
                if !has(&c.value.previous)
                    || !has(&c.value.this)
                    || formats.iter().all(|f| f.columns.is_empty())
                {
                    return Err(cx.error(
                        c,
                        format!("表格 `{id}` 的格式中没有 `carry-over` 所写的行，或格式没有列"),
                        "此处",
                        Some(
                            "`previous`、`this` 写格式中行的编号，如 `{ previous: R4, this: R2 }`"
                                .to_owned(),
                        ),
                    ));
                }
                Some((c.value.previous.clone(), c.value.this.clone()))
            }
            None => None,
        };
        tables.push(TableDef {
            id,
            name: t.name.clone(),
            find: cx.regex(&t.find)?,
            formats,
            carry_over,
        });
    }
    Ok(tables)
}

fn lines(cx: &Compiler<'_>, raw: &[RawLine], what: &str) -> PackResult<Vec<Line>> {
    let mut out: Vec<Line> = Vec::new();
    for l in raw {
        let id = l.id.value.trim();
        if id.is_empty() || id.contains(char::is_whitespace) || id.contains(['+', '=', '*']) {
            return Err(cx.error(
                &l.id,
                format!("{what}编号 `{}` 不合规范", l.id.value),
                "此处",
                Some("编号不能为空，不能含空白和 + = * 符号，如 `R3.1`、`自然人`".to_owned()),
            ));
        }
        if out.iter().any(|x| x.id == id) {
            return Err(cx.error(&l.id, format!("{what}编号 `{id}` 重复"), "重复的编号", None));
        }
        out.push(Line {
            id: id.to_owned(),
            name: l.name.clone().unwrap_or_else(|| id.to_owned()),
            label: cx.regex(&l.label)?,
            under: l.under.as_ref().map(|u| cx.regex(u)).transpose()?,
            amount: l.amount,
        });
    }
    Ok(out)
}
