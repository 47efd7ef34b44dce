//! `reportlint template`: a report skeleton built from a pack's `template` — the title,
//! an opening paragraph, each required part under its heading in the statutory order
//! with the rule's advice as guidance, and the 落款. Guidance and anything the drafter
//! must supply are written as `【请填写：……】`, which the shipped pack treats as a
//! placeholder: an unfilled skeleton fails the check; once filled, it can pass.

use crate::outline::marker;
use crate::pack::Pack;

/// What stands where the unit's name belongs when none is given.
pub const UNIT_PLACEHOLDER: &str = "【请填写：单位名称】";

/// The skeleton text for report year `year`, or `None` if no pack has a template.
pub fn render(packs: &[Pack], year: i32, unit: Option<&str>) -> Option<String> {
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
    let mut out = String::new();
    out.push_str(&fill(&t.title));
    out.push_str("\n\n");
    out.push_str(&fill(&t.opening));
    out.push('\n');
    for (n, (rule, heading, guidance)) in t.sections.iter().enumerate() {
        let rule = &pack.rules[*rule];
        let number = marker::chinese_numeral(n as u32 + 1);
        out.push_str(&format!("{number}、{}\n", fill(heading)));
        let guidance = guidance
            .as_deref()
            .or(rule.help.as_deref())
            .unwrap_or(&rule.message);
        out.push_str(&format!("【请填写：{}】\n", fill(guidance)));
    }
    out.push('\n');
    for line in &t.closing {
        out.push_str(&fill(line));
        out.push('\n');
    }
    Some(out)
}
