//! Packs put together and unit types named: what `--pack` and `--unit-type` (and the
//! web service's `pack` and `unit-type` fields) resolve to.

use super::{Pack, Unit};

/// A unit type given that names no unit type, or several.
#[derive(Clone, Debug)]
pub struct UnitError {
    /// Several types fit.
    pub ambiguous: bool,
    /// Every type: name and id.
    pub known: Vec<(String, String)>,
}

impl UnitError {
    /// What is wrong with the name given.
    pub fn problem(&self) -> &'static str {
        if self.ambiguous {
            "可能指多种报告主体类型"
        } else {
            "不是已知的报告主体类型"
        }
    }

    /// Every type on one line: `名称（编号）、……`.
    pub fn known_inline(&self) -> String {
        let known: Vec<String> = self
            .known
            .iter()
            .map(|(name, id)| format!("{name}（{id}）"))
            .collect();
        known.join("、")
    }
}

/// The unit type `given` names among the packs' units: its id, its name, part of its
/// name (`街道`, `部门`, `省级`) or a unit name its pattern recognises (`区县`, `海安街道`).
pub fn resolve_unit(packs: &[Pack], given: &str) -> Result<String, UnitError> {
    let units: Vec<&Unit> = packs.iter().flat_map(|p| &p.units).collect();
    let given = given.trim();
    if let Some(u) = units
        .iter()
        .find(|u| u.id.eq_ignore_ascii_case(given) || u.name == given)
    {
        return Ok(u.id.clone());
    }
    let mut ids: Vec<&str> = units
        .iter()
        .filter(|u| {
            (given.chars().count() >= 2 && u.name.contains(given)) || u.matcher.is_match(given)
        })
        .map(|u| u.id.as_str())
        .collect();
    ids.dedup();
    match ids.as_slice() {
        [id] => Ok((*id).to_owned()),
        _ => Err(UnitError {
            ambiguous: ids.len() > 1,
            known: units
                .iter()
                .map(|u| (u.name.clone(), u.id.clone()))
                .collect(),
        }),
    }
}

/// A report year given by hand: four digits, 1990 to 2200. The error is Chinese.
pub fn parse_year(s: &str) -> Result<i32, String> {
    let year: i32 = s
        .trim()
        .parse()
        .map_err(|_| "应为四位数字的年份，如 2024".to_owned())?;
    if (1990..=2200).contains(&year) {
        Ok(year)
    } else {
        Err("年份应在 1990 到 2200 之间".to_owned())
    }
}
