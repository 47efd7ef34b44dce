//! Validation of the pack's unit types, of references to unit types and to element
//! rules, and of the near-duplicate settings.

use serde_saphyr::Spanned;

use super::context::RuleNames;
use super::{Compiler, PackResult};
use crate::pack::UnitVariant;
use crate::pack::raw::{RawSimilarity, RawUnit};
use crate::pack::{Similarity, Unit};

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

    pub(super) fn element_ref(&self, id: &Spanned<String>, rules: &RuleNames) -> PackResult<usize> {
        match rules.index_of(&id.value) {
            Some(i) if rules.element[i] => Ok(i),
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

    pub(super) fn similarity(
        &self,
        raw: &Spanned<RawSimilarity>,
        rules: &RuleNames,
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
        if s.elements.is_empty() {
            return Err(self.error(raw, "`elements` 不能为空".to_owned(), "此处", None));
        }
        for e in &s.elements {
            self.element_ref(e, rules)?;
        }
        Ok(Similarity {
            elements: s.elements.iter().map(|e| e.value.clone()).collect(),
            threshold: s.threshold,
            shingle: s.shingle,
        })
    }
}
