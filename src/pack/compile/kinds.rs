//! Validation of the document-wide check kinds and of the pack's unit types.

use regex::Regex;
use serde_saphyr::Spanned;

use super::{Compiler, PackResult};
use crate::check::closing_date::ClosingDateCheck;
use crate::check::deadline::{DeadlineCheck, DeadlineRow};
use crate::check::doubled::DoubledCharCheck;
use crate::check::forbid::{ForbidCheck, ForbidPattern};
use crate::check::heading_year::HeadingYearCheck;
use crate::check::order::OrderCheck;
use crate::check::quantity;
use crate::check::rate::RateCheck;
use crate::check::require::RequireCheck;
use crate::check::structure::StructureCheck;
use crate::check::subject::SubjectCheck;
use crate::check::sum::SumCheck;
use crate::check::time_ref::{Enumeration, Reference, TimeRefCheck};
use crate::outline::date::Date;
use crate::pack::UnitVariant;
use crate::pack::raw::{RawCheck, RawSimilarity, RawUnit};
use crate::pack::{Check, Similarity, Unit};

const DEFAULT_BREAKDOWN: &str = "其中";

impl Compiler<'_> {
    /// The base pack's units, then this pack's.
    pub(super) fn units(&self, base: Vec<Unit>, raw: &[RawUnit]) -> PackResult<Vec<Unit>> {
        let inherited = base.len();
        let mut units: Vec<Unit> = base;
        for u in raw {
            let id = self.id(&u.id, "报告主体类型")?;
            if units.iter().any(|v| v.id == id) {
                return Err(self.error(
                    &u.id,
                    format!("报告主体类型 `{id}` 重复"),
                    "重复的编号",
                    None,
                ));
            }
            units.push(Unit {
                id,
                name: u.name.clone(),
                matcher: self.regex(&u.matcher)?,
                self_ref: u.self_ref.as_ref().map(|r| self.regex(r)).transpose()?,
                may_mention: Vec::new(),
                variants: u
                    .variants
                    .iter()
                    .map(|v| {
                        Ok(UnitVariant {
                            name: v.name.clone(),
                            matcher: self.regex(&v.matcher)?,
                            self_ref: self.regex(&v.self_ref)?,
                        })
                    })
                    .collect::<PackResult<Vec<_>>>()?,
            });
        }
        for (i, u) in raw.iter().enumerate() {
            let mentions = u
                .may_mention
                .iter()
                .map(|m| self.unit_ref(&units, m))
                .collect::<PackResult<Vec<usize>>>()?;
            units[inherited + i].may_mention = mentions;
        }
        Ok(units)
    }

    pub(super) fn unit_ref(&self, units: &[Unit], id: &Spanned<String>) -> PackResult<usize> {
        units.iter().position(|u| u.id == id.value).ok_or_else(|| {
            let known: Vec<String> = units.iter().map(|u| format!("`{}`", u.id)).collect();
            self.error(
                id,
                format!("报告主体类型 `{}` 未在 `units` 中定义", id.value),
                "未知的类型",
                Some(if known.is_empty() {
                    "规则包还没有 `units`".to_owned()
                } else {
                    format!("已定义的类型：{}", known.join("、"))
                }),
            )
        })
    }

    pub(super) fn element_ref(
        &self,
        id: &Spanned<String>,
        index_of: &dyn Fn(&str) -> Option<usize>,
        element_rules: &[bool],
    ) -> PackResult<usize> {
        match index_of(&id.value) {
            Some(i) if element_rules[i] => Ok(i),
            Some(_) => Err(self.error(
                id,
                format!("`{}` 不是 element 类规则", id.value),
                "此处",
                None,
            )),
            None => Err(self.error(
                id,
                format!("规则 `{}` 不存在", id.value),
                "未知的规则编号",
                None,
            )),
        }
    }

    fn date(&self, s: &Spanned<String>) -> PackResult<Date> {
        let parts: Vec<&str> = s.value.trim().split('-').collect();
        let num = |i: usize, default: u32| -> Option<u32> {
            parts.get(i).map_or(Some(default), |p| p.parse().ok())
        };
        let date = (|| {
            if parts.len() > 3 || parts[0].len() != 4 {
                return None;
            }
            let (year, month, day) = (num(0, 0)? as i32, num(1, 1)?, num(2, 1)?);
            ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date {
                year,
                month,
                day,
            })
        })();
        date.ok_or_else(|| {
            self.error(
                s,
                format!("日期 `{}` 无法识别", s.value),
                "此处",
                Some("请写作 `2020-11-16` 或 `2020-11`".to_owned()),
            )
        })
    }

    fn month_day(&self, s: &Spanned<String>) -> PackResult<(u32, u32)> {
        let parsed = s.value.trim().split_once('-').and_then(|(m, d)| {
            let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
            ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
        });
        parsed.ok_or_else(|| {
            self.error(
                s,
                format!("期限 `{}` 无法识别", s.value),
                "此处",
                Some("请写作“月-日”，如 `03-01`".to_owned()),
            )
        })
    }

    fn range(&self, r: &Spanned<[i32; 2]>) -> PackResult<(i32, i32)> {
        let [a, b] = r.value;
        if a > b {
            return Err(self.error(r, "范围的下限大于上限".to_owned(), "此处", None));
        }
        Ok((a, b))
    }

    fn nonempty<T, U>(&self, list: &[T], at: &Spanned<U>, key: &str) -> PackResult<()> {
        if list.is_empty() {
            return Err(self.error(at, format!("`{key}` 不能为空"), "此处", None));
        }
        Ok(())
    }

    /// The document-wide kinds (everything but `element` and `components`).
    pub(super) fn kind(
        &self,
        raw: &RawCheck,
        at: &Spanned<RawCheck>,
        index_of: &dyn Fn(&str) -> Option<usize>,
        element_rules: &[bool],
        units: &[Unit],
    ) -> PackResult<Check> {
        Ok(match raw {
            RawCheck::Element(_) | RawCheck::Components(_) => {
                unreachable!("element kinds are compiled by the caller")
            }
            RawCheck::Forbid(f) => {
                self.nonempty(&f.patterns, at, "patterns")?;
                let patterns = f
                    .patterns
                    .iter()
                    .map(|p| {
                        Ok(ForbidPattern {
                            regex: self.regex(&p.pattern)?,
                            fix: p.fix.clone(),
                            unless: p.unless.as_ref().map(|u| self.regex(u)).transpose()?,
                        })
                    })
                    .collect::<PackResult<Vec<_>>>()?;
                Check::Forbid(ForbidCheck {
                    region: f.region,
                    what: f.what.clone(),
                    patterns,
                })
            }
            RawCheck::Require(r) => Check::Require(RequireCheck {
                region: r.region,
                pattern: r.pattern.as_ref().map(|p| self.regex(p)).transpose()?,
                what: r.what.clone(),
            }),
            RawCheck::TimeRef(t) => {
                self.nonempty(&t.refs, at, "refs")?;
                let mut refs = Vec::new();
                for r in &t.refs {
                    let reference = Reference {
                        name: r.name.clone(),
                        regex: self.regex(&r.pattern)?,
                        before: r.before.as_ref().map(|b| self.regex(b)).transpose()?,
                        unless: r.unless.as_ref().map(|u| self.regex(u)).transpose()?,
                        valid_from: r.valid_from.as_ref().map(|d| self.date(d)).transpose()?,
                        in_force_from: r
                            .in_force_from
                            .as_ref()
                            .map(|d| self.date(d))
                            .transpose()?,
                        current_until: r.current_until.as_ref().map(|y| y.value),
                        note: r.note.clone(),
                    };
                    if reference.valid_from.is_none()
                        && reference.in_force_from.is_none()
                        && reference.current_until.is_none()
                    {
                        return Err(self.error(
                            &r.pattern,
                            format!("引用“{}”没有时间条件", r.name),
                            "此引用",
                            Some(
                                "请给出 `valid-from`、`in-force-from` 或 `current-until`"
                                    .to_owned(),
                            ),
                        ));
                    }
                    refs.push(reference);
                }
                let mut lists = Vec::new();
                for l in &t.lists {
                    let whole = self.regex(&l.pattern)?;
                    let names: Vec<&str> = whole.capture_names().flatten().collect();
                    if let Some(missing) = ["head", "members", "tail"]
                        .into_iter()
                        .find(|g| !names.contains(g))
                    {
                        return Err(self.error(
                            &l.pattern,
                            format!("列举写法缺少命名分组 `(?P<{missing}>…)`"),
                            "此写法",
                            Some("列举写法要用 head、members、tail 三个命名分组标出共同的开头、各项和共同的结尾".to_owned()),
                        ));
                    }
                    lists.push(Enumeration {
                        whole,
                        member: self.regex(&l.member)?,
                    });
                }
                Check::TimeRef(TimeRefCheck { refs, lists })
            }
            RawCheck::DoubledChar(d) => Check::DoubledChar(DoubledCharCheck {
                allow: d.allow.clone(),
                words: d.words,
            }),
            RawCheck::Rate(r) => {
                self.nonempty(&r.units, at, "units")?;
                let pattern = self.regex(&r.pattern)?;
                if !pattern.capture_names().any(|n| n == Some("value")) {
                    return Err(self.error(
                        &r.pattern,
                        "比率的正则表达式缺少命名分组 `value`".to_owned(),
                        "此处",
                        Some("用 `(?P<value>\\d+(?:\\.\\d+)?)` 标出百分数的数值".to_owned()),
                    ));
                }
                Check::Rate(RateCheck {
                    pattern,
                    exclude: r.exclude.as_ref().map(|e| self.regex(e)).transpose()?,
                    quantity: quantity::pattern(&r.units),
                    breakdown: self.breakdown(r.breakdown.as_ref())?,
                    tolerance: r.tolerance,
                    capped: r.capped.as_ref().map(|c| self.regex(c)).transpose()?,
                })
            }
            RawCheck::Sum(s) => {
                self.nonempty(&s.units, at, "units")?;
                Check::Sum(SumCheck {
                    breakdown: self.breakdown(Some(&s.breakdown))?,
                    quantity: quantity::pattern(&s.units),
                    tolerance: s.tolerance,
                })
            }
            RawCheck::Structure(s) => Check::Structure(StructureCheck { flag: s.flag }),
            RawCheck::HeadingYear(h) => {
                let element = self.element_ref(&h.element, index_of, element_rules)?;
                Check::HeadingYear(HeadingYearCheck {
                    element,
                    element_title: String::new(),
                    offset: h.offset,
                })
            }
            RawCheck::Order(o) => {
                if o.sequence.len() < 2 {
                    return Err(self.error(
                        at,
                        "`sequence` 至少要列出两个要素".to_owned(),
                        "此处",
                        None,
                    ));
                }
                let sequence = o
                    .sequence
                    .iter()
                    .map(|id| {
                        Ok((
                            self.element_ref(id, index_of, element_rules)?,
                            String::new(),
                        ))
                    })
                    .collect::<PackResult<Vec<_>>>()?;
                Check::Order(OrderCheck { sequence })
            }
            RawCheck::ClosingDate(c) => Check::ClosingDate(ClosingDateCheck {
                forms: c.forms.clone(),
                year_offset: c.year_offset.as_ref().map(|r| self.range(r)).transpose()?,
                error_outside: c
                    .error_outside
                    .as_ref()
                    .map(|r| self.range(r))
                    .transpose()?,
                info_from_month: match &c.info_from_month {
                    Some(m) if !(1..=12).contains(&m.value) => {
                        return Err(self.error(
                            m,
                            format!("月份 {} 无效", m.value),
                            "此处",
                            Some("写 1 到 12 之间的月份".to_owned()),
                        ));
                    }
                    m => m.as_ref().map(|m| m.value),
                },
            }),
            RawCheck::Deadline(d) => {
                self.nonempty(&d.deadlines, at, "deadlines")?;
                let mut rows = Vec::new();
                for row in &d.deadlines {
                    rows.push(DeadlineRow {
                        units: row
                            .units
                            .iter()
                            .map(|u| self.unit_ref(units, u))
                            .collect::<PackResult<Vec<_>>>()?,
                        years: (
                            row.from_year.unwrap_or(i32::MIN),
                            row.until_year.unwrap_or(i32::MAX),
                        ),
                        by: self.month_day(&row.by)?,
                        what: row.what.clone(),
                    });
                }
                Check::Deadline(DeadlineCheck { date: d.date, rows })
            }
            RawCheck::Subject(sub) => {
                if units.is_empty() {
                    return Err(self.error(
                        at,
                        "`subject` 检查需要规则包定义 `units`".to_owned(),
                        "此处",
                        None,
                    ));
                }
                Check::Subject(SubjectCheck {
                    self_refs: sub.self_refs,
                })
            }
        })
    }

    pub(super) fn similarity(
        &self,
        raw: &Spanned<RawSimilarity>,
        index_of: &dyn Fn(&str) -> Option<usize>,
        element_rules: &[bool],
    ) -> PackResult<Similarity> {
        let s = &raw.value;
        if !(s.threshold > 0.0 && s.threshold <= 1.0) {
            return Err(self.error(
                raw,
                "`threshold` 应在 0 到 1 之间（不含 0）".to_owned(),
                "此处",
                None,
            ));
        }
        if !(1..=8).contains(&s.shingle) {
            return Err(self.error(raw, "`shingle` 应在 1 到 8 之间".to_owned(), "此处", None));
        }
        self.nonempty(&s.elements, raw, "elements")?;
        for e in &s.elements {
            self.element_ref(e, index_of, element_rules)?;
        }
        Ok(Similarity {
            elements: s.elements.iter().map(|e| e.value.clone()).collect(),
            threshold: s.threshold,
            shingle: s.shingle,
        })
    }

    fn breakdown(&self, raw: Option<&Spanned<String>>) -> PackResult<Regex> {
        match raw {
            Some(p) => self.regex(p),
            None => Ok(Regex::new(DEFAULT_BREAKDOWN).expect("valid regex")),
        }
    }
}
