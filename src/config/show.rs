//! `reportlint config show` without a file: the config as TOML, as it is written
//! (pack paths relative to the file, empty tables left out).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Config, RuleSetting, Setting};

impl Config {
    /// The config as TOML, for `reportlint config show`.
    pub fn show(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct Shown<'a> {
            #[serde(skip_serializing_if = "<[String]>::is_empty")]
            packs: &'a [String],
            #[serde(skip_serializing_if = "Option::is_none")]
            path_pattern: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            unit_type: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            year: Option<i32>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            rules: BTreeMap<&'a str, Setting>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            thresholds: BTreeMap<&'a str, Number>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            overrides: Vec<ShownOverride<'a>>,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct ShownOverride<'a> {
            paths: &'a [String],
            #[serde(skip_serializing_if = "Option::is_none")]
            unit_type: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            year: Option<i32>,
            rules: BTreeMap<&'a str, Setting>,
        }
        fn rules(r: &[RuleSetting]) -> BTreeMap<&str, Setting> {
            r.iter().map(|r| (r.rule.as_str(), r.setting)).collect()
        }
        let shown = Shown {
            packs: &self.pack_names,
            path_pattern: self.pattern.as_ref().map(|p| p.0.as_str()),
            unit_type: self.unit_type.as_ref().map(|u| u.0.as_str()),
            year: self.year,
            rules: rules(&self.rules),
            thresholds: self
                .thresholds
                .iter()
                .map(|(k, v, _)| (k.as_str(), Number::of(*v)))
                .collect(),
            overrides: self
                .overrides
                .iter()
                .map(|o| ShownOverride {
                    paths: &o.patterns,
                    unit_type: o.unit_type.as_ref().map(|u| u.0.as_str()),
                    year: o.year,
                    rules: rules(&o.rules),
                })
                .collect(),
        };
        toml::to_string(&shown).unwrap_or_default()
    }
}

/// A threshold as written: `100`, not `100.0`.
#[derive(Serialize)]
#[serde(untagged)]
enum Number {
    Whole(i64),
    Fraction(f64),
}

impl Number {
    fn of(v: f64) -> Number {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            Number::Whole(v as i64)
        } else {
            Number::Fraction(v)
        }
    }
}
