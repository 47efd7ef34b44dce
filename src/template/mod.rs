//! `reportlint template`: a report skeleton built from a pack's `template` — the title,
//! an opening paragraph, each required part under its heading in the statutory order
//! with the rule's advice as guidance, and the 落款. Guidance and anything the drafter
//! must supply are written as `【请填写：……】`, which the shipped pack treats as a
//! placeholder: an unfilled skeleton fails the check; once filled, it can pass.

mod docx;

use crate::outline::marker;
use crate::pack::Pack;

/// What stands where the unit's name belongs when none is given.
pub const UNIT_PLACEHOLDER: &str = "【请填写：单位名称】";

/// A report skeleton: every line as it will be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skeleton {
    /// The title line.
    pub title: String,
    /// The opening paragraph.
    pub opening: String,
    /// Each part: its numbered heading (`一、……`) and its guidance paragraph.
    pub sections: Vec<(String, String)>,
    /// The 落款 lines: issuer, then date.
    pub closing: Vec<String>,
}

/// The skeleton for report year `year`, or `None` if no pack has a template.
pub fn skeleton(packs: &[Pack], year: i32, unit: Option<&str>) -> Option<Skeleton> {
    let pack = packs.iter().find(|p| p.template.is_some())?;
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
        .map(|(n, (rule, heading, guidance))| {
            let rule = &pack.rules[*rule];
            let number = marker::chinese_numeral(n as u32 + 1);
            let guidance = guidance
                .as_deref()
                .or(rule.help.as_deref())
                .unwrap_or(&rule.message);
            (
                format!("{number}、{}", fill(heading)),
                format!("【请填写：{}】", fill(guidance)),
            )
        })
        .collect();
    Some(Skeleton {
        title: fill(&t.title),
        opening: fill(&t.opening),
        sections,
        closing: t.closing.iter().map(|l| fill(l)).collect(),
    })
}

impl Skeleton {
    /// Plain text, one paragraph per line (it reads as Markdown too).
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n\n{}\n", self.title, self.opening);
        for (heading, guidance) in &self.sections {
            out.push_str(&format!("{heading}\n{guidance}\n"));
        }
        out.push('\n');
        for line in &self.closing {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}
