//! `table`: the figures of a statistics table — identities over its rows or columns,
//! blanks where a figure belongs, figures that must be non-negative integers, the rows and
//! columns of its format, the format against the report year, and figures in the prose
//! that must equal a cell. The table is one the pack declares under `tables:` (how to find
//! it, its formats and their rows and columns: see [`format`]); [`read`] says how a
//! report's table is read, from a Word or web grid or from a text copy.
//!
//! Each rule asserts one thing, so that each defect has its own rule id:
//!
//! - `identities` — sums that must be equal, per column (`sum: [R1, R2]`,
//!   `equals: [R3.7, R4]`: for every column, R1+R2 = R3.7+R4) or per row (terms are
//!   columns). A row id ending in `.*` stands for every row whose id starts so
//!   (`R3.3.*`). Cells without a figure are left to `filled`. The finding points at the
//!   last term of `equals` and gives the stated figures and sums:
//!   `R1+R2=41+2=43，R3.7+R4=41+1=42，相差 1`.
//! - `filled: true` — a blank, `/`, `—` or `无` where the format expects a figure.
//! - `numbers: { integer: true, min: 0 }` — figures must be whole (except in rows or
//!   columns marked `amount`) and not below `min`.
//! - `layout: true` — the format's rows and columns are all there (a dropped row, an
//!   extra one); a text copy whose header cannot be lined up is said once (info), and a
//!   report without the table is a finding.
//! - `format-year: true` — the format the table is written in must be valid for the
//!   report year (the 2019 trial table in a 2022 report).
//! - `prose` — a figure in the text (the pattern's first group, or the group `n`) must
//!   equal a cell (`row` and `column`; a list of columns: their sum).
//!
//! `formats` limits the rule to tables read in those formats.
//!
//! ```yaml
//! check:
//!   table:
//!     table: applications
//!     identities:
//!       - { sum: [R1, R2], equals: [R3.7, R4], per: column }
//! ```

pub mod format;
pub mod read;
mod run;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::pack::{Compiling, PackResult};
use format::{Format, TableDef};

/// A `table` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawTable {
    /// The id of a table under the pack's `tables:`.
    pub table: Spanned<String>,
    #[serde(default)]
    pub formats: Vec<Spanned<String>>,
    #[serde(default)]
    pub identities: Vec<Spanned<RawIdentity>>,
    #[serde(default)]
    pub filled: bool,
    #[serde(default)]
    pub numbers: Option<RawNumbers>,
    #[serde(default)]
    pub layout: bool,
    #[serde(default)]
    pub format_year: bool,
    #[serde(default)]
    pub prose: Vec<RawProse>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawIdentity {
    #[serde(default)]
    pub name: Option<String>,
    pub sum: Vec<String>,
    pub equals: Vec<String>,
    pub per: Per,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawNumbers {
    #[serde(default)]
    pub integer: bool,
    #[serde(default)]
    pub min: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawProse {
    #[serde(rename = "match")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub row: Option<Spanned<String>>,
    pub column: Spanned<OneOrMany>,
}

/// One column, or several whose cells are added.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Whether an identity holds for every column (its terms are rows) or every row.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    /// For every column: the terms are rows.
    Column,
    /// For every row: the terms are columns.
    Row,
}

/// A compiled `table` check.
#[derive(Clone, Debug)]
pub struct TableCheck {
    /// The table.
    pub table: TableDef,
    /// Format ids the rule is limited to (empty: all).
    pub formats: Vec<String>,
    /// What it asserts.
    pub assert: Assert,
}

/// What a `table` rule asserts.
#[derive(Clone, Debug)]
pub enum Assert {
    /// Sums that must be equal.
    Identities(Vec<Identity>),
    /// A figure wherever the format expects one.
    Filled,
    /// Whole figures, not below a minimum.
    Numbers {
        /// Whole numbers only (except amounts).
        integer: bool,
        /// The least figure.
        min: Option<f64>,
    },
    /// The format's rows and columns.
    Layout,
    /// The format fits the report year.
    FormatYear,
    /// Figures in the text equal to cells.
    Prose(Vec<Prose>),
}

/// Sums that must be equal.
#[derive(Clone, Debug)]
pub struct Identity {
    /// What it is, put before the formula (else the column's or row's name).
    pub name: Option<String>,
    /// Terms of the left side (row or column ids; `R3.3.*` for a family of rows).
    pub sum: Vec<String>,
    /// Terms of the right side.
    pub equals: Vec<String>,
    /// For every column or every row.
    pub per: Per,
}

/// A figure in the text that must equal a cell.
#[derive(Clone, Debug)]
pub struct Prose {
    /// Finds the figure: its first group or the group `n`.
    pub pattern: Regex,
    /// The row (none: the first row of figures).
    pub row: Option<String>,
    /// The columns whose cells add up to it.
    pub columns: Vec<String>,
}

impl Identity {
    /// The ids of `terms` in `lines` (a family `X.*` is every id starting `X.`); `None`
    /// if one is missing.
    pub fn resolve(terms: &[String], lines: &[format::Line]) -> Option<Vec<usize>> {
        let mut out = Vec::new();
        for t in terms {
            if let Some(prefix) = t.strip_suffix('*') {
                let family: Vec<usize> = (0..lines.len())
                    .filter(|&i| lines[i].id.starts_with(prefix))
                    .collect();
                if family.is_empty() {
                    return None;
                }
                out.extend(family);
            } else {
                out.push(lines.iter().position(|l| l.id == *t)?);
            }
        }
        Some(out)
    }

    fn fits(&self, f: &Format) -> bool {
        let lines = match self.per {
            Per::Column => &f.rows,
            Per::Row => &f.columns,
        };
        Identity::resolve(&self.sum, lines).is_some()
            && Identity::resolve(&self.equals, lines).is_some()
    }
}

impl Kind for TableCheck {
    const NAME: &'static str = "table";
    const LABEL: &'static str = "统计表";
    type Raw = RawTable;

    fn compile(raw: &RawTable, cx: &Compiling<'_>) -> PackResult<Self> {
        let Some(table) = cx.tables().iter().find(|t| t.id == raw.table.value) else {
            let known: Vec<String> = cx.tables().iter().map(|t| format!("`{}`", t.id)).collect();
            return Err(cx.error(
                &raw.table,
                format!("规则包的 `tables` 中没有表格 `{}`", raw.table.value),
                "此处",
                Some(if known.is_empty() {
                    "先在规则包的 `tables:` 中声明表格".to_owned()
                } else {
                    format!("已声明的表格：{}", known.join("、"))
                }),
            ));
        };
        for f in &raw.formats {
            if !table.formats.iter().any(|x| x.id == f.value) {
                return Err(cx.error(
                    f,
                    format!("表格 `{}` 没有格式 `{}`", table.id, f.value),
                    "此处",
                    None,
                ));
            }
        }
        let formats: Vec<String> = raw.formats.iter().map(|f| f.value.clone()).collect();
        let applies: Vec<&Format> = table
            .formats
            .iter()
            .filter(|f| formats.is_empty() || formats.contains(&f.id))
            .collect();
        let mut asserts = Vec::new();
        if !raw.identities.is_empty() {
            let mut ids = Vec::new();
            for i in &raw.identities {
                let v = &i.value;
                let identity = Identity {
                    name: v.name.clone(),
                    sum: v.sum.clone(),
                    equals: v.equals.clone(),
                    per: v.per,
                };
                if v.sum.is_empty() || v.equals.is_empty() {
                    return Err(cx.error(
                        i,
                        "`sum` 和 `equals` 都不能为空".to_owned(),
                        "此等式",
                        None,
                    ));
                }
                if !applies.iter().any(|f| identity.fits(f)) {
                    let what = match v.per {
                        Per::Column => "行",
                        Per::Row => "列",
                    };
                    return Err(cx.error(
                        i,
                        format!("表格 `{}` 的格式中找不到等式里的某个{what}", table.id),
                        "此等式",
                        Some(format!(
                            "`per: {}` 的等式由{what}组成，请写表格格式中{what}的编号",
                            match v.per {
                                Per::Column => "column",
                                Per::Row => "row",
                            }
                        )),
                    ));
                }
                ids.push(identity);
            }
            asserts.push(Assert::Identities(ids));
        }
        if raw.filled {
            asserts.push(Assert::Filled);
        }
        if let Some(n) = &raw.numbers {
            asserts.push(Assert::Numbers {
                integer: n.integer,
                min: n.min,
            });
        }
        if raw.layout {
            asserts.push(Assert::Layout);
        }
        if raw.format_year {
            asserts.push(Assert::FormatYear);
        }
        if !raw.prose.is_empty() {
            let mut out = Vec::new();
            for p in &raw.prose {
                let columns = match &p.column.value {
                    OneOrMany::One(c) => vec![c.clone()],
                    OneOrMany::Many(c) => c.clone(),
                };
                let row = p.row.as_ref().map(|r| r.value.clone());
                let known = applies.iter().any(|f| {
                    row.as_ref().is_none_or(|r| f.row(r).is_some())
                        && columns.iter().all(|c| f.column(c).is_some())
                });
                if !known {
                    return Err(cx.error(
                        &p.column,
                        format!("表格 `{}` 的格式中没有这一格（行或列的编号有误）", table.id),
                        "此处",
                        None,
                    ));
                }
                let pattern = cx.regex(&p.pattern)?;
                if pattern.captures_len() < 2 {
                    return Err(cx.error(
                        &p.pattern,
                        "正则表达式要用一对圆括号（或命名组 `n`）括出数字".to_owned(),
                        "此处",
                        None,
                    ));
                }
                out.push(Prose {
                    pattern,
                    row,
                    columns,
                });
            }
            asserts.push(Assert::Prose(out));
        }
        if asserts.len() != 1 {
            return Err(cx.error(
                &raw.table,
                "每条 `table` 规则只写一项：`identities`、`filled`、`numbers`、`layout`、`format-year` 或 `prose`".to_owned(),
                "此规则",
                Some("不同的核对写成不同的规则，各有自己的编号和级别".to_owned()),
            ));
        }
        Ok(TableCheck {
            table: table.clone(),
            formats,
            assert: asserts.remove(0),
        })
    }

    fn needs_year(&self) -> Option<Vec<&str>> {
        matches!(self.assert, Assert::FormatYear).then(Vec::new)
    }
}

impl DocumentKind for TableCheck {
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        run::run(self, cx)
    }
}

/// The figures of row `row` of `def`'s table in a document, column by column: (the
/// column's name, the figure as written, its value, where); `None` when the table, the
/// row or its columns cannot be read.
pub fn row_figures(
    def: &TableDef,
    document: &crate::document::Document,
    row: &str,
) -> Option<Vec<(String, String, f64, crate::span::Span)>> {
    let text = &document.text;
    let r = read::find(def, &document.tables, text)?;
    let f = &def.formats[r.format];
    let i = f.row(row)?;
    (0..f.columns.len())
        .map(|j| {
            let (span, v) = r.cell(i, j)?;
            let crate::document::table::Value::Number { value, .. } = v else {
                return None;
            };
            Some((
                f.columns[j].name.clone(),
                span.slice(text).trim().to_owned(),
                *value,
                span,
            ))
        })
        .collect()
}
