//! Validation: raw YAML values become compiled checks. Regexes are built, ids checked,
//! rule references resolved and the evaluation order fixed, once, at load time. Every
//! rejection is a [`PackError`] whose span points at the offending YAML value. Each
//! rule's check is validated by its kind ([`Check::compile`]), which sees the pack
//! through [`Compiling`].

use miette::SourceSpan;
use regex::Regex;
use serde_saphyr::Spanned;

mod context;
mod layer;
mod refs;
mod table;
mod yaml;

use std::path::Path;

use crate::check::table::format::TableDef;
pub(crate) use context::Compiling;
use context::RuleNames;

use super::raw::{RawPack, RawRule};
use super::{Check, Examples, Pack, Rule, Unit};
use crate::check::RawCheck;
use crate::error::PackError;
use crate::span::SourceText;

/// Parse and validate pack YAML; `name` is used in messages, `dir` resolves a relative
/// `extends`, `depth` counts the packs extending this one.
pub(super) fn compile(src: &str, name: &str, dir: Option<&Path>, depth: usize) -> PackResult<Pack> {
    let raw: RawPack = serde_saphyr::from_str(src).map_err(|e| yaml::error(&e, src, name))?;
    Compiler {
        src,
        name,
        dir,
        depth,
    }
    .pack(raw)
}

pub(super) fn pack_error(
    name: &str,
    src: &str,
    span: Option<SourceSpan>,
    message: &str,
    label: &str,
    help: Option<String>,
) -> PackError {
    PackError {
        file: name.to_owned(),
        message: message.to_owned(),
        src: SourceText {
            name: name.to_owned(),
            text: src.to_owned(),
        },
        span: span.map(|s| crate::span::on_chars(src, s)),
        label: label.to_owned(),
        help,
    }
}

fn span_of<T>(s: &Spanned<T>) -> Option<SourceSpan> {
    let sp = s.referenced.span();
    Some(SourceSpan::from((
        sp.byte_offset()? as usize,
        sp.byte_len()?.max(1) as usize,
    )))
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Validates one pack file.
pub(crate) struct Compiler<'a> {
    src: &'a str,
    name: &'a str,
    dir: Option<&'a Path>,
    depth: usize,
}

/// Most characters in an element's short name.
const MAX_SHORT: usize = 8;

pub(crate) type PackResult<T> = std::result::Result<T, Box<PackError>>;

impl Compiler<'_> {
    /// An error at a YAML value: `message`, with `label` at the value and `help`.
    pub(crate) fn error<T>(
        &self,
        at: &Spanned<T>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Box<PackError> {
        self.error_at(span_of(at), message, label, help)
    }

    fn error_at(
        &self,
        span: Option<SourceSpan>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> Box<PackError> {
        Box::new(pack_error(self.name, self.src, span, &message, label, help))
    }

    /// What the check of `rule` at `at` is validated with.
    fn compiling<'a, T>(
        &'a self,
        at: Option<&Spanned<T>>,
        rule: &'a str,
        rules: &'a RuleNames,
        units: &'a [Unit],
        tables: &'a [TableDef],
    ) -> Compiling<'a> {
        Compiling {
            compiler: self,
            at: at.and_then(span_of),
            rule,
            rules,
            units,
            tables,
        }
    }

    /// A kebab-case id; `what` names its kind in the error (`组成部分`).
    pub(crate) fn id(&self, id: &Spanned<String>, what: &str) -> PackResult<String> {
        if is_kebab(&id.value) {
            Ok(id.value.clone())
        } else {
            Err(self.error(
                id,
                format!("{what}编号 `{}` 不合规范", id.value),
                "此处",
                Some("编号只能用小写英文字母、数字和连字符，如 `next-year-plan`".to_owned()),
            ))
        }
    }

    /// A regex, or an error at the pattern saying (in Chinese) what is wrong with it.
    pub(crate) fn regex(&self, pattern: &Spanned<String>) -> PackResult<Regex> {
        Regex::new(&pattern.value).map_err(|e| {
            let detail = match &e {
                regex::Error::Syntax(s) => s.lines().last().unwrap_or(s).trim().to_owned(),
                other => other.to_string(),
            };
            let detail = detail.trim_start_matches("error: ");
            let known = [
                ("unclosed group", "圆括号没有闭合"),
                ("unopened group", "多出一个右圆括号"),
                ("unclosed character class", "方括号没有闭合"),
                (
                    "repetition operator missing expression",
                    "重复符号前缺少内容",
                ),
                ("unrecognized escape sequence", "无法识别的转义符"),
                ("invalid escape sequence", "无效的转义符"),
                ("look-around", "不支持前后断言（look-around）"),
                ("backreferences are not supported", "不支持反向引用"),
            ];
            let reason = known
                .iter()
                .find(|(en, _)| detail.contains(en))
                .map_or_else(|| detail.to_owned(), |(_, zh)| (*zh).to_owned());
            self.error(pattern, "正则表达式无效".to_owned(), &reason, None)
        })
    }

    fn pack(&self, raw: RawPack) -> PackResult<Pack> {
        let id = self.id(&raw.id, "规则包")?;
        let base = match &raw.extends {
            Some(name) => Some(self.base(name)?),
            None => None,
        };
        if base.is_none()
            && let Some(o) = raw.overrides.first()
        {
            return Err(self.error(
                &o.rule,
                "只有用 `extends` 继承其他规则包时才能写 `overrides`".to_owned(),
                "此处",
                None,
            ));
        }
        let (mut rules, base_units, base_unit, mut terms) = match &base {
            Some(b) => (b.rules.clone(), b.units.clone(), b.unit, b.terms.clone()),
            None => (Vec::new(), Vec::new(), None, Vec::new()),
        };
        let base_similarity = base.as_ref().and_then(|b| b.similarity.clone());
        let base_template = base.as_ref().and_then(|b| b.template.clone());
        let base_placeholders = base.as_ref().and_then(|b| b.placeholders.clone());
        let applies_to = match &raw.applies_to {
            Some(p) => Some(self.regex(p)?),
            None => base.as_ref().and_then(|b| b.applies_to.clone()),
        };
        let layout = match &raw.layout {
            Some(l) => l.value,
            None => base.as_ref().is_some_and(|b| b.layout),
        };
        if let (true, Some(at)) = (layout, &raw.applies_to) {
            return Err(self.error(
                at,
                "版式规则包（`layout: true`）检查所有 Word 文档，不能写 `applies-to`".to_owned(),
                "此处",
                None,
            ));
        }
        // A 版式 pack is a companion too (for Word documents only).
        let companion = layout
            || match &raw.companion {
                Some(c) => c.value,
                None => base.as_ref().is_some_and(|b| b.companion),
            };
        if let (true, Some(at)) = (companion, &raw.applies_to) {
            return Err(self.error(
                at,
                "伴随规则包（`companion: true`）检查每一份报告，不能写 `applies-to`".to_owned(),
                "此处",
                None,
            ));
        }
        let inherited = rules.len();
        let mut ids: Vec<&Spanned<String>> = Vec::new();
        for rule in &raw.rules {
            self.id(&rule.id, "规则")?;
            if ids.iter().any(|seen| seen.value == rule.id.value) {
                return Err(self.error(
                    &rule.id,
                    format!("规则编号 `{}` 重复", rule.id.value),
                    "重复的编号",
                    None,
                ));
            }
            if rules.iter().any(|r| r.id == rule.id.value) {
                return Err(self.error(
                    &rule.id,
                    format!("规则 `{}` 已在被继承的规则包中", rule.id.value),
                    "重复的编号",
                    Some("要修改继承来的规则，请写在 `overrides` 中".to_owned()),
                ));
            }
            ids.push(&rule.id);
        }
        let names = RuleNames {
            names: rules
                .iter()
                .map(|r| r.id.clone())
                .chain(raw.rules.iter().map(|r| r.id.value.clone()))
                .collect(),
            element: rules
                .iter()
                .map(|r| matches!(r.check, Check::Element(_)))
                .chain(
                    raw.rules
                        .iter()
                        .map(|r| matches!(r.check.value, RawCheck::Element(_))),
                )
                .collect(),
        };
        let units = self.units(base_units, &raw.units)?;
        let tables = crate::check::table::format::compile(
            self,
            base.as_ref().map(|b| b.tables.clone()).unwrap_or_default(),
            &raw.tables,
        )?;
        let unit = match &raw.unit {
            Some(u) => Some(self.unit_ref(&units, u)?),
            None => base_unit,
        };
        for rule in &raw.rules {
            rules.push(self.rule(&id, rule, &names, &units, &tables)?);
        }
        for o in &raw.overrides {
            self.apply(o, &mut rules, &names, &units, &tables)?;
        }
        let titles: Vec<String> = rules.iter().map(|r| r.title.clone()).collect();
        for rule in &mut rules {
            rule.check.link(&titles);
        }
        let raw_ids: Vec<Option<&Spanned<String>>> = (0..inherited)
            .map(|_| None)
            .chain(raw.rules.iter().map(|r| Some(&r.id)))
            .collect();
        let order = self.order(&raw_ids, &rules)?;
        let similarity = match &raw.similarity {
            Some(sim) => Some(self.similarity(sim, &names)?),
            None => base_similarity,
        };
        let template = match &raw.template {
            Some(t) => Some(self.template(t, &names)?),
            None => base_template,
        };
        let placeholders = match &raw.placeholders {
            Some(p) => Some(self.regex(p)?),
            None => base_placeholders,
        };
        terms.extend(raw.terms);
        Ok(Pack {
            id,
            title: raw.title,
            version: raw.version,
            description: raw.description,
            applies_to,
            companion,
            layout,
            bases: base
                .as_ref()
                .map(|b| {
                    std::iter::once(b.id.clone())
                        .chain(b.bases.clone())
                        .collect()
                })
                .unwrap_or_default(),
            file: None,
            terms,
            units,
            unit,
            tables,
            rules,
            similarity,
            template,
            placeholders,
            order,
        })
    }

    fn rule(
        &self,
        pack: &str,
        raw: &RawRule,
        rules: &RuleNames,
        units: &[Unit],
        tables: &[TableDef],
    ) -> PackResult<Rule> {
        let check = Check::compile(
            &raw.check.value,
            &self.compiling(Some(&raw.check), &raw.id.value, rules, units, tables),
        )?;
        let ex = &raw.examples.value;
        if ex.pass.is_empty() || ex.fail.is_empty() {
            return Err(self.error(
                &raw.examples,
                format!("规则 `{}` 缺少示例", raw.id.value),
                "此处",
                Some("每条规则都要同时给出不应触发（pass）和应当触发（fail）的示例".to_owned()),
            ));
        }
        Ok(Rule {
            id: raw.id.value.clone(),
            full_id: format!("{pack}/{}", raw.id.value),
            title: raw.title.clone(),
            short: self.short(raw.short.as_ref(), &check)?,
            severity: raw.severity,
            message: raw.message.clone(),
            help: raw.help.clone(),
            why: raw.why.clone(),
            basis: raw.basis.clone(),
            placement: raw.placement.clone(),
            units: raw
                .units
                .iter()
                .map(|u| self.unit_ref(units, u))
                .collect::<PackResult<_>>()?,
            check,
            examples: Examples {
                pass: ex.pass.clone(),
                fail: ex.fail.clone(),
            },
            disabled: raw.opt_in,
            opt_in: raw.opt_in,
        })
    }

    /// An element's short name for table headers: one line of at most
    /// [`MAX_SHORT`] characters.
    fn short(&self, at: Option<&Spanned<String>>, check: &Check) -> PackResult<Option<String>> {
        let Some(at) = at else { return Ok(None) };
        if !check.is_element() {
            return Err(self.error(
                at,
                "`short` 只用于要素类规则（element、components）".to_owned(),
                "此处",
                Some("简称用作 `reportlint summary` 表头中该部分的列名".to_owned()),
            ));
        }
        let value = at.value.trim();
        if value.is_empty() || value.contains('\n') || value.chars().count() > MAX_SHORT {
            return Err(self.error(
                at,
                format!("简称 `{}` 应为一行、1 至 {MAX_SHORT} 个字", at.value),
                "此处",
                Some("如 `不足原因`、`第一责任人`".to_owned()),
            ));
        }
        Ok(Some(value.to_owned()))
    }

    /// Evaluation order: a rule after the rules it must stay out of; leading elements
    /// last (they stop where the others begin). Rejects cycles.
    fn order(&self, raw: &[Option<&Spanned<String>>], rules: &[Rule]) -> PackResult<Vec<usize>> {
        let deps = |i: usize| match &rules[i].check {
            Check::Element(e) => e.not_within.clone(),
            _ => Vec::new(),
        };
        let leading = |i: usize| matches!(&rules[i].check, Check::Element(e) if e.leading);
        let mut order = Vec::with_capacity(rules.len());
        let mut state = vec![0u8; rules.len()]; // 0 new, 1 visiting, 2 done
        fn visit(
            i: usize,
            deps: &dyn Fn(usize) -> Vec<usize>,
            state: &mut [u8],
            order: &mut Vec<usize>,
        ) -> std::result::Result<(), usize> {
            match state[i] {
                2 => return Ok(()),
                1 => return Err(i),
                _ => {}
            }
            state[i] = 1;
            for d in deps(i) {
                visit(d, deps, state, order)?;
            }
            state[i] = 2;
            order.push(i);
            Ok(())
        }
        for pass_leading in [false, true] {
            for i in 0..rules.len() {
                if leading(i) == pass_leading
                    && let Err(at) = visit(i, &deps, &mut state, &mut order)
                {
                    let message = "`not-within` 形成了循环引用".to_owned();
                    return Err(match raw[at] {
                        Some(id) => self.error(id, message, "循环中的规则", None),
                        None => Box::new(pack_error(self.name, self.src, None, &message, "", None)),
                    });
                }
            }
        }
        Ok(order)
    }
}
