//! `reportlint template`: a report skeleton built from a pack's `template` — the title,
//! an opening paragraph, each required part under its heading in the statutory order
//! with the rule's advice as guidance and the tables to fill in, and the 落款. Guidance
//! and anything the drafter must supply are written as `【请填写：……】`, which the
//! shipped pack treats as a placeholder: an unfilled skeleton fails the check; once
//! filled, it can pass. Table cells hold what the pack wrote; this module invents none.
//!
//! Written as Markdown (tables as pipe tables), as plain text (tables as a browser
//! copies them: a line per row, cells separated by tabs) or as a Word document
//! ([`Skeleton::to_docx`]: real Word tables with merged cells).

mod docx;
mod text;

use std::fmt;

use crate::outline::marker;
use crate::pack::{Pack, TemplateTable};

/// What stands where the unit's name belongs when none is given.
pub const UNIT_PLACEHOLDER: &str = "【请填写：单位名称】";

/// A report skeleton: every line as it will be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skeleton {
    /// The title line.
    pub title: String,
    /// The opening paragraph.
    pub opening: String,
    /// Each part, in order.
    pub sections: Vec<SkeletonSection>,
    /// The 落款 lines: issuer, then date.
    pub closing: Vec<String>,
}

/// One part of a skeleton.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkeletonSection {
    /// The numbered heading (`一、……`).
    pub heading: String,
    /// The guidance paragraph (`【请填写：……】`).
    pub guidance: String,
    /// Tables written after the guidance, `{year}`, `{next-year}` and `{unit}` filled in.
    pub tables: Vec<TemplateTable>,
}

/// Why no skeleton can be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// No pack in use has a template.
    NoTemplate,
    /// No pack has the id asked for.
    Unknown {
        /// The id asked for.
        id: String,
        /// The ids there are.
        known: Vec<String>,
    },
    /// The pack asked for has no template.
    Without {
        /// The pack's id.
        id: String,
        /// The ids of the packs that have one.
        with: Vec<String>,
    },
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::NoTemplate => {
                write!(f, "所用的规则包都没有 template，无法生成报告骨架")
            }
            Unavailable::Unknown { id, known } => {
                write!(f, "没有编号为“{id}”的规则包")?;
                if !known.is_empty() {
                    write!(f, "；可用的规则包：{}", known.join("、"))?;
                }
                Ok(())
            }
            Unavailable::Without { id, with } => {
                write!(f, "规则包“{id}”没有 template，无法生成报告骨架")?;
                if !with.is_empty() {
                    write!(f, "；有 template 的规则包：{}", with.join("、"))?;
                }
                Ok(())
            }
        }
    }
}

/// The pack whose template is written: the one with id `id`, or without an id the
/// first that has a template.
pub fn choose<'a>(packs: &'a [Pack], id: Option<&str>) -> Result<&'a Pack, Unavailable> {
    let Some(id) = id else {
        return packs
            .iter()
            .find(|p| p.template.is_some())
            .ok_or(Unavailable::NoTemplate);
    };
    let Some(pack) = packs.iter().find(|p| p.id == id) else {
        return Err(Unavailable::Unknown {
            id: id.to_owned(),
            known: packs.iter().map(|p| p.id.clone()).collect(),
        });
    };
    if pack.template.is_none() {
        return Err(Unavailable::Without {
            id: id.to_owned(),
            with: packs
                .iter()
                .filter(|p| p.template.is_some())
                .map(|p| p.id.clone())
                .collect(),
        });
    }
    Ok(pack)
}

/// The skeleton of `pack` for report year `year`, or `None` if it has no template.
pub fn skeleton(pack: &Pack, year: i32, unit: Option<&str>) -> Option<Skeleton> {
    let t = pack.template.as_ref()?;
    let unit = unit
        .filter(|u| !u.trim().is_empty())
        .unwrap_or(UNIT_PLACEHOLDER);
    let fill = |s: &str| {
        s.replace("{year}", &year.to_string())
            .replace("{next-year}", &(year + 1).to_string())
            .replace("{unit}", unit)
    };
    let sections = t
        .sections
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let rule = &pack.rules[s.rule];
            let number = marker::chinese_numeral(n as u32 + 1);
            let guidance = s
                .guidance
                .as_deref()
                .or(rule.help.as_deref())
                .unwrap_or(&rule.message);
            SkeletonSection {
                heading: format!("{number}、{}", fill(&s.heading)),
                guidance: format!("【请填写：{}】", fill(guidance)),
                tables: s.tables.iter().map(|t| t.map_text(fill)).collect(),
            }
        })
        .collect();
    Some(Skeleton {
        title: fill(&t.title),
        opening: fill(&t.opening),
        sections,
        closing: t.closing.iter().map(|l| fill(l)).collect(),
    })
}
