//! Rule packs: YAML parsed into [`raw`] types, then validated once into [`Pack`]s whose
//! checks are compiled (regexes built, rule references resolved, order fixed).
//! Every mistake is a [`PackError`] pointing into the YAML. What stands under a rule's
//! `check:` belongs to its kind: each kind's module in [`check`](crate::check) has its
//! YAML and validates it ([`Check`], through `Compiling`); this module owns the rest
//! (rules, units, `extends` and `overrides`, templates, the evaluation order).

pub(crate) mod compile;
mod raw;
mod template;
pub mod units;

pub(crate) use compile::{Compiling, PackResult};
pub use template::{
    SAME_AS_ABOVE, SAME_AS_LEFT, Template, TemplateCell, TemplateSection, TemplateTable,
};

use std::path::Path;

use regex::Regex;

pub use crate::check::Check;
use crate::check::criteria::{Criterion, CriterionKind};
use crate::check::matcher::Matcher;
use crate::error::{Error, PackError};
use crate::report::Severity;

/// The shipped packs, embedded so the tool works with no files beside it.
pub const BUILTIN: &[(&str, &str)] = &[
    ("fzzfjs.yaml", include_str!("../../rules/fzzfjs.yaml")),
    ("zfxxgk.yaml", include_str!("../../rules/zfxxgk.yaml")),
    ("gbt9704.yaml", include_str!("../../rules/gbt9704.yaml")),
    ("gbt15834.yaml", include_str!("../../rules/gbt15834.yaml")),
];

/// A validated rule pack.
#[derive(Clone, Debug)]
pub struct Pack {
    /// Pack id, e.g. `fzzfjs`.
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// Pack version.
    pub version: String,
    /// Longer description.
    pub description: Option<String>,
    /// Which reports it is for (`applies-to`): a pattern found in the title, or in the
    /// opening lines of a report without a recognised title. `None`: any report.
    pub applies_to: Option<Regex>,
    /// A companion pack (`companion: true`, or a 版式 pack): it checks reports beside the
    /// content pack and is no kind of report (never the default, summary groups leave
    /// it out).
    pub companion: bool,
    /// A 版式 pack (`layout: true`): a companion that checks only Word documents.
    pub layout: bool,
    /// Every pack it builds on: its `extends` first, then that pack's, and so on.
    pub bases: Vec<String>,
    /// The file it was read from; `None` for a built-in pack (or one given as text).
    pub file: Option<std::path::PathBuf>,
    /// Extra user words for segmentation.
    pub terms: Vec<String>,
    /// Types of 报告主体, in recognition order.
    pub units: Vec<Unit>,
    /// The 报告主体 type to assume (index into `units`), if the pack fixes one.
    pub unit: Option<usize>,
    /// Statistics tables its `table` rules check.
    pub tables: Vec<crate::check::table::format::TableDef>,
    /// Rules in pack order.
    pub rules: Vec<Rule>,
    /// How `reportlint summary` finds near-duplicate passages, if the pack says.
    pub similarity: Option<Similarity>,
    /// The skeleton `reportlint template` writes, if the pack has one.
    pub template: Option<Template>,
    /// Placeholders (`【请填写：……】`, `XX`): never an element's content, a component
    /// or evidence.
    pub placeholders: Option<Regex>,
    /// Rule indices in the order they must be evaluated (`not-within` targets and
    /// non-leading elements first).
    pub order: Vec<usize>,
}

/// Near-duplicate detection: which elements' passages to compare, over word
/// shingles of how many jieba tokens, and the Jaccard similarity that counts as a copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Similarity {
    /// Element ids.
    pub elements: Vec<String>,
    /// Similarity from which two passages are reported.
    pub threshold: f64,
    /// Tokens per shingle.
    pub shingle: usize,
}

/// A type of 报告主体 (乡镇街道, 政府部门, …).
#[derive(Clone, Debug)]
pub struct Unit {
    /// Id, e.g. `township`.
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// Matches the end of such a unit's name.
    pub matcher: Regex,
    /// How such a unit refers to itself (`我街道`).
    pub self_ref: Option<Regex>,
    /// Unit indices whose self-references it may also use.
    pub may_mention: Vec<usize>,
    /// Kinds within the type with self-references of their own.
    pub variants: Vec<UnitVariant>,
}

/// A kind within a unit type (`街道` and `镇` are both 乡镇（街道）): its name pattern and
/// how it refers to itself. A report whose subject is of one kind and that uses the
/// type's self-reference of another (`我镇` in a 街道 report) was likely copied.
#[derive(Clone, Debug)]
pub struct UnitVariant {
    /// Chinese name (`街道`).
    pub name: String,
    /// Matches the end of such a unit's name.
    pub matcher: Regex,
    /// Its own self-references.
    pub self_ref: Regex,
}

/// A validated rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Short id (the element id for element rules).
    pub id: String,
    /// `pack/rule`.
    pub full_id: String,
    /// Chinese title.
    pub title: String,
    /// A short name for table headers (`不足原因`); element rules only.
    pub short: Option<String>,
    /// Severity of its main finding (a missing element).
    pub severity: Severity,
    /// Message of its main finding.
    pub message: String,
    /// What to add.
    pub help: Option<String>,
    /// Why the rule exists.
    pub why: Option<String>,
    /// Legal or normative basis.
    pub basis: Option<String>,
    /// Where the element usually stands in a report.
    pub placement: Option<String>,
    /// The 报告主体 types (indices into the pack's units) it is for; empty: every
    /// report. A rule for some types is skipped when the type is not known.
    pub units: Vec<usize>,
    /// What it checks.
    pub check: Check,
    /// Texts that must not and must trigger it.
    pub examples: Examples,
    /// Switched off: by a pack that extends this one, or because it is `opt-in` and
    /// nothing switched it on.
    pub disabled: bool,
    /// Off unless switched on (`opt-in: true`): by a config's `[rules]` giving it a
    /// level, or by a pack that extends this one (`disable: false`).
    pub opt_in: bool,
}

impl Rule {
    /// The criteria of an element rule, in order; none for other kinds.
    pub fn criteria(&self) -> &[Criterion] {
        match &self.check {
            Check::Element(e) => &e.criteria,
            _ => &[],
        }
    }
}

/// The number a criterion compares against, as `[thresholds]` in `reportlint.toml`
/// sets it; `None` for `year-ref`, which has none.
pub fn threshold(c: &Criterion) -> Option<f64> {
    match &c.kind {
        CriterionKind::MinChars { min }
        | CriterionKind::MinItems { min, .. }
        | CriterionKind::Count { min, .. } => Some(*min as f64),
        CriterionKind::Density { min, .. } => Some(*min),
        CriterionKind::YearRef { .. } => None,
    }
}

/// A rule's own test cases.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    /// Must produce no finding of this rule.
    pub pass: Vec<String>,
    /// Must produce at least one finding of this rule.
    pub fail: Vec<String>,
}

impl Pack {
    /// Every term the pack names, for the segmenter's dictionary.
    pub fn all_terms(&self) -> Vec<&str> {
        let matchers: Vec<&Matcher> = self.rules.iter().flat_map(|r| r.check.matchers()).collect();
        self.terms
            .iter()
            .chain(matchers.into_iter().flat_map(|m| &m.terms))
            .map(String::as_str)
            .collect()
    }

    /// Set the number a criterion compares against (`min-chars`, `min-items`, `count`,
    /// `density`), as a config file may. `rule` is the full rule id.
    pub fn set_threshold(&mut self, rule: &str, criterion: &str, value: f64) -> Result<(), String> {
        let Some(r) = self.rules.iter_mut().find(|r| r.full_id == rule) else {
            return Err(format!("规则 `{rule}` 不存在"));
        };
        let Check::Element(e) = &mut r.check else {
            return Err(format!(
                "规则 `{rule}` 没有可调的准则（只有 element 类规则有）"
            ));
        };
        let known: Vec<String> = e.criteria.iter().map(|c| format!("`{}`", c.id)).collect();
        let Some(c) = e.criteria.iter_mut().find(|c| c.id == criterion) else {
            return Err(format!(
                "规则 `{rule}` 没有准则 `{criterion}`（有：{}）",
                known.join("、")
            ));
        };
        let whole = || {
            (value >= 0.0 && value.fract() == 0.0)
                .then_some(value as usize)
                .ok_or_else(|| format!("准则 `{criterion}` 的阈值应为非负整数"))
        };
        match &mut c.kind {
            CriterionKind::MinChars { min }
            | CriterionKind::MinItems { min, .. }
            | CriterionKind::Count { min, .. } => *min = whole()?,
            CriterionKind::Density { min, .. } if value >= 0.0 => *min = value,
            CriterionKind::Density { .. } => return Err("阈值不能为负数".to_owned()),
            CriterionKind::YearRef { .. } => {
                return Err(format!("准则 `{criterion}` 检查年份，没有阈值"));
            }
        }
        Ok(())
    }

    /// The embedded packs.
    pub fn builtin() -> Vec<Pack> {
        BUILTIN
            .iter()
            .map(|(name, src)| {
                Pack::from_yaml(src, &format!("rules/{name}")).expect("embedded pack is valid")
            })
            .collect()
    }

    /// Read and validate a pack file.
    pub fn load(path: &Path) -> std::result::Result<Pack, Error> {
        let bytes = crate::file::read(path, crate::file::Kind::Pack)?;
        let name = path.display().to_string();
        let dir = path.parent().map(Path::to_path_buf);
        let src = String::from_utf8(bytes).map_err(|_| {
            Box::new(compile::pack_error(
                &name,
                "",
                None,
                "文件不是 UTF-8 编码",
                "",
                None,
            ))
        })?;
        let mut pack = compile::compile(&src, &name, dir.as_deref(), 0)?;
        pack.file = Some(path.to_path_buf());
        Ok(pack)
    }

    /// The title without a bracketed addition: `法治政府建设年度报告` of
    /// `法治政府建设年度报告（督察工作规定五项内容与行政执法三项制度）`.
    pub fn short_title(&self) -> &str {
        let cut = self.title.find(['（', '(']).unwrap_or(self.title.len());
        match self.title[..cut].trim() {
            "" => &self.title,
            short => short,
        }
    }

    /// The pack it builds on (`extends`), whose rules it carries.
    pub fn extends(&self) -> Option<&str> {
        self.bases.first().map(String::as_str)
    }

    /// The packs a run applies: the built-in ones and `loaded` (see [`Pack::combine`]).
    pub fn with_builtin(loaded: Vec<Pack>) -> Result<Vec<Pack>, Box<PackError>> {
        Pack::combine(Pack::builtin(), loaded)
    }

    /// `base` with `loaded` put in: a loaded pack replaces one of the same id, and a pack
    /// another one builds on is left out (the derived pack carries its rules) — the
    /// derived pack takes its place in the order, and so its place as the default for
    /// reports no pack's `applies-to` claims. Two packs that build on the same one would
    /// check its rules twice: an error naming both.
    pub fn combine(base: Vec<Pack>, loaded: Vec<Pack>) -> Result<Vec<Pack>, Box<PackError>> {
        let mut packs = base;
        for pack in loaded {
            if let Some(slot) = packs.iter_mut().find(|p| p.id == pack.id) {
                *slot = pack;
            } else if let Some(i) = packs.iter().position(|p| pack.bases.contains(&p.id)) {
                packs.insert(i, pack);
            } else {
                packs.push(pack);
            }
        }
        let carried: Vec<String> = packs.iter().flat_map(|p| p.bases.clone()).collect();
        packs.retain(|p| !carried.contains(&p.id));
        for (i, a) in packs.iter().enumerate() {
            for b in &packs[i + 1..] {
                if let Some(shared) = a.bases.iter().find(|x| b.bases.contains(x)) {
                    let name = |p: &Pack| {
                        p.file
                            .as_ref()
                            .map_or_else(|| p.id.clone(), |f| f.display().to_string())
                    };
                    return Err(Box::new(compile::pack_error(
                        &name(b),
                        "",
                        None,
                        &format!(
                            "与规则包 {} 都继承 `{shared}`，同时使用会把 `{shared}` 的规则检查两遍",
                            name(a)
                        ),
                        "",
                        Some(format!(
                            "让其中一个继承另一个（如 `extends: {}`），或只用其中一个",
                            a.file
                                .as_ref()
                                .and_then(|f| f.file_name())
                                .map_or_else(|| a.id.clone(), |f| f.to_string_lossy().into_owned())
                        )),
                    )));
                }
            }
        }
        Ok(packs)
    }

    /// Parse and validate pack YAML; `name` is used in messages. `extends` may name
    /// only a built-in pack here (there is no folder to look in).
    pub fn from_yaml(src: &str, name: &str) -> Result<Pack, Box<PackError>> {
        compile::compile(src, name, None, 0)
    }

    /// The enabled rules, in pack order.
    pub fn enabled(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| !r.disabled)
    }

    /// The rules whose examples are run: the enabled ones and those off until a config
    /// switches them on.
    pub fn tested(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| !r.disabled || r.opt_in)
    }
}

#[cfg(test)]
mod tests;
