//! Layered packs: `extends` names a base pack (a built-in id or a YAML file beside the
//! extending one), whose rules the new pack carries under their own ids; `overrides`
//! change them — severity, wording, thresholds (criteria by id), aliases (`add-*`
//! widen a locator), a whole `check`, examples — or switch them off.

use regex::Regex;
use serde_saphyr::Spanned;

use super::context::RuleNames;
use super::{Compiler, PackResult, compile};
use crate::check::criteria;
use crate::check::matcher::{Matcher, RawMatcher};
use crate::pack::raw::RawOverride;
use crate::pack::{BUILTIN, Check, Examples, Pack, Rule, Unit};

/// Most packs in an `extends` chain.
const MAX_DEPTH: usize = 4;

impl Compiler<'_> {
    /// The pack named by `extends`.
    pub(super) fn base(&self, name: &Spanned<String>) -> PackResult<Pack> {
        if self.depth + 1 >= MAX_DEPTH {
            return Err(self.error(
                name,
                format!("继承层数超过 {MAX_DEPTH} 层，可能存在循环继承"),
                "此处",
                None,
            ));
        }
        let value = name.value.trim();
        if let Some((file, src)) = BUILTIN
            .iter()
            .find(|(file, _)| file.trim_end_matches(".yaml") == value)
        {
            return compile(src, &format!("rules/{file}"), None, self.depth + 1);
        }
        let path = self.dir.map(|d| d.join(value));
        let Some(path) = path.filter(|p| p.is_file()) else {
            let builtin: Vec<String> = BUILTIN
                .iter()
                .map(|(f, _)| format!("`{}`", f.trim_end_matches(".yaml")))
                .collect();
            return Err(self.error(
                name,
                format!("找不到被继承的规则包 `{value}`"),
                "此处",
                Some(format!(
                    "可以写内置规则包的编号（{}），或与本文件同一目录下的 YAML 文件名",
                    builtin.join("、")
                )),
            ));
        };
        let src = crate::file::read_text(&path, crate::file::Kind::Pack)
            .map_err(|e| e.to_string())
            .and_then(|s| s.ok_or_else(|| "文件不是 UTF-8 编码".to_owned()))
            .map_err(|why| {
                self.error(
                    name,
                    format!("无法读取被继承的规则包 `{value}`（{why}）"),
                    "此处",
                    None,
                )
            })?;
        compile(
            &src,
            &path.display().to_string(),
            path.parent(),
            self.depth + 1,
        )
    }

    /// Apply one override to the combined rule list.
    pub(super) fn apply(
        &self,
        o: &RawOverride,
        rules: &mut [Rule],
        names: &RuleNames,
        units: &[Unit],
        tables: &[crate::check::table::format::TableDef],
    ) -> PackResult<()> {
        let Some(i) = rules.iter().position(|r| r.id == o.rule.value) else {
            return Err(self.error(
                &o.rule,
                format!("要修改的规则 `{}` 不存在", o.rule.value),
                "未知的规则编号",
                Some("用 `reportlint rules list` 查看可用的规则编号".to_owned()),
            ));
        };
        let rule = &mut rules[i];
        let rule_id = rule.id.clone();
        if let Some(off) = o.disable {
            rule.disabled = off;
        }
        let text = |field: &mut String, new: &Option<String>| {
            if let Some(v) = new {
                v.clone_into(field);
            }
        };
        text(&mut rule.title, &o.title);
        text(&mut rule.message, &o.message);
        for (field, new) in [
            (&mut rule.help, &o.help),
            (&mut rule.why, &o.why),
            (&mut rule.basis, &o.basis),
            (&mut rule.placement, &o.placement),
        ] {
            if new.is_some() {
                field.clone_from(new);
            }
        }
        if let Some(s) = o.severity {
            rule.severity = s;
        }
        if let Some(ex) = &o.examples {
            if ex.value.pass.is_empty() || ex.value.fail.is_empty() {
                return Err(self.error(
                    ex,
                    format!("规则 `{}` 的示例不完整", o.rule.value),
                    "此处",
                    Some("替换示例时要同时给出 pass 和 fail".to_owned()),
                ));
            }
            rule.examples = Examples {
                pass: ex.value.pass.clone(),
                fail: ex.value.fail.clone(),
            };
        }
        if let Some(c) = &o.check {
            let check = Check::compile(
                &c.value,
                &self.compiling(Some(c), &rule_id, names, units, tables),
            )?;
            if check.is_element() != rule.check.is_element() {
                return Err(self.error(
                    c,
                    "替换后的检查种类与原规则不相容".to_owned(),
                    "此处",
                    Some(
                        "要素类（element、components）只能换成要素类，其他只能换成其他".to_owned(),
                    ),
                ));
            }
            rule.check = check;
        }
        if let Some(short) = &o.short {
            rule.short = self.short(Some(short), &rule.check)?;
        }
        let element_changes = !o.criteria.is_empty()
            || o.add_headings.is_some()
            || o.add_cues.is_some()
            || o.add_mentions.is_some();
        if !element_changes {
            return Ok(());
        }
        let Check::Element(element) = &mut rule.check else {
            return Err(self.error(
                &o.rule,
                format!(
                    "规则 `{}` 不是 element 类规则，不能修改 criteria 或 add-*",
                    o.rule.value
                ),
                "此处",
                None,
            ));
        };
        let cx = self.compiling(Some(&o.rule), &rule_id, names, units, tables);
        for c in criteria::compile(&o.criteria, &cx)? {
            match element.criteria.iter_mut().find(|e| e.id == c.id) {
                Some(slot) => *slot = c,
                None => element.criteria.push(c),
            }
        }
        for (slot, add) in [
            (&mut element.headings, &o.add_headings),
            (&mut element.cues, &o.add_cues),
            (&mut element.mentions, &o.add_mentions),
        ] {
            if let Some(add) = add {
                let extra = Matcher::compile(add, &cx)?;
                *slot = self.widen(slot, extra, add)?;
            }
        }
        Ok(())
    }
}

impl Compiler<'_> {
    /// A matcher that finds what either finds; exclusions of both still apply.
    fn widen(
        &self,
        base: &Matcher,
        extra: Matcher,
        at: &Spanned<RawMatcher>,
    ) -> PackResult<Matcher> {
        let either = |a: &Option<Regex>, b: &Option<Regex>| match (a, b) {
            (Some(a), Some(b)) => Regex::new(&format!("(?:{})|(?:{})", a.as_str(), b.as_str()))
                .map(Some)
                .map_err(|_| {
                    self.error(
                        at,
                        "与原有条件合并后的正则表达式无效".to_owned(),
                        "此处",
                        Some("两个正则中不能有同名的命名分组".to_owned()),
                    )
                }),
            (a, b) => Ok(a.clone().or_else(|| b.clone())),
        };
        let mut terms = base.terms.clone();
        terms.extend(extra.terms);
        Ok(Matcher {
            pattern: either(&base.pattern, &extra.pattern)?,
            terms,
            exclude: either(&base.exclude, &extra.exclude)?,
        })
    }
}
