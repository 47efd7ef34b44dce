//! `reportlint.toml`: a report repository's settings, found by walking up from each
//! checked file (or given with `--config`).
//!
//! ```toml
//! packs = ["rules/local.yaml"]              # extra packs, relative to this file
//! path-pattern = "reports/{year}/{unit}.txt"  # year and unit from the path
//! unit-type = "township"                    # or the 报告主体 type for every report
//!
//! [rules]                                   # re-level or switch off rules
//! "fzzfjs/other-matters" = "warning"
//! "fzzfjs/stray-line" = "off"
//! "gbt9704/page-number" = "warning"         # switch on a rule that is off by default
//! # "gbt9704" = "off"                       # a pack id: all its rules
//!
//! [[overrides]]                             # per-path settings, by glob
//! paths = ["reports/*/departments/**"]
//! unit-type = "department"
//! rules = { "fzzfjs/three-enforcement-systems" = "off" }
//!
//! [thresholds]                              # criteria thresholds, rule/criterion
//! "fzzfjs/shortcomings/length" = 100
//! ```
//!
//! Thresholds apply to every report under the config (they change the packs the
//! engine is built from); anything deeper is a layered pack (`extends: fzzfjs`) listed
//! under `packs`. Unknown keys, bad values, unknown rule ids or criteria and bad globs
//! are errors that point into the file.

mod show;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use miette::SourceSpan;
use regex::Regex;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::check::Checked;
use crate::error::{ConfigError, Error};
use crate::outline::YearSource;
use crate::pack::Pack;
use crate::report::Severity;
use crate::span::SourceText;

/// The file name looked for.
pub const FILE_NAME: &str = "reportlint.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    packs: Vec<Spanned<String>>,
    #[serde(default)]
    path_pattern: Option<Spanned<String>>,
    #[serde(default)]
    unit_type: Option<Spanned<String>>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    thresholds: BTreeMap<Spanned<String>, Spanned<f64>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    unit_type: Option<Spanned<String>>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// What to do with a rule's findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    /// Drop them (and the element's verdict).
    Off,
    /// Give them this severity.
    #[serde(untagged)]
    Level(Severity),
}

/// A rule setting with where it was written.
#[derive(Clone, Debug)]
struct RuleSetting {
    rule: String,
    setting: Setting,
    at: Range<usize>,
}

/// Per-path settings.
#[derive(Clone, Debug)]
struct Override {
    globs: GlobSet,
    patterns: Vec<String>,
    unit_type: Option<(String, Range<usize>)>,
    year: Option<i32>,
    rules: Vec<RuleSetting>,
}

/// A loaded `reportlint.toml`.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file.
    pub path: PathBuf,
    src: String,
    /// Extra pack files (resolved against the config's folder).
    pub packs: Vec<PathBuf>,
    /// The same, as written in the file.
    pack_names: Vec<String>,
    pattern: Option<(String, Regex)>,
    unit_type: Option<(String, Range<usize>)>,
    year: Option<i32>,
    rules: Vec<RuleSetting>,
    thresholds: Vec<(String, f64, Range<usize>)>,
    overrides: Vec<Override>,
}

/// The settings that apply to one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Effective {
    /// The report year, if the config or the path gives one.
    pub year: Option<i32>,
    /// Whether that year was taken from the path (`path-pattern`), not a `year` key.
    #[serde(skip)]
    pub year_from_path: bool,
    /// The 报告主体 type id, if set.
    pub unit_type: Option<String>,
    /// Whether that type was taken from the path (`{unit-type}`).
    #[serde(skip)]
    pub unit_type_from_path: bool,
    /// The unit's name taken from the path (`{unit}`), if any.
    pub unit: Option<String>,
    /// Rule settings, later ones winning.
    pub rules: Vec<(String, Setting)>,
}

impl Config {
    /// The nearest `reportlint.toml` in `file`'s folder or above.
    pub fn find(file: &Path) -> Option<PathBuf> {
        let start = if file.is_dir() { file } else { file.parent()? };
        let start = clean(start);
        start
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Read and validate a config file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let src =
            crate::file::read_text(path, crate::file::Kind::Config)?.ok_or_else(|| Error::Io {
                path: path.to_path_buf(),
                reason: "文件不是 UTF-8 编码".to_owned(),
            })?;
        Config::parse(&src, path)
    }

    /// Parse and validate config text; `path` names it and resolves relative paths.
    pub fn parse(src: &str, path: &Path) -> Result<Config, Error> {
        let fail = |message: String, at: Option<Range<usize>>, help: Option<String>| {
            Error::Config(Box::new(ConfigError {
                file: path.display().to_string(),
                message,
                src: SourceText {
                    name: path.display().to_string(),
                    text: src.to_owned(),
                },
                span: at.map(|r| crate::span::on_chars(src, SourceSpan::from((r.start, r.len())))),
                help,
            }))
        };
        let raw: RawConfig = toml::from_str(src).map_err(|e| {
            let (message, help) = translate(e.message());
            fail(message, e.span(), help)
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let rules = |map: &BTreeMap<Spanned<String>, Spanned<String>>| {
            map.iter()
                .map(|(k, v)| {
                    let setting = match v.get_ref().as_str() {
                        "off" => Setting::Off,
                        "error" => Setting::Level(Severity::Error),
                        "warning" => Setting::Level(Severity::Warning),
                        "info" => Setting::Level(Severity::Info),
                        other => {
                            return Err(fail(
                                format!("规则 `{}` 的设置 `{other}` 无效", k.get_ref()),
                                Some(v.span()),
                                Some("可用的设置：off、error、warning、info".to_owned()),
                            ));
                        }
                    };
                    Ok(RuleSetting {
                        rule: k.get_ref().clone(),
                        setting,
                        at: k.span(),
                    })
                })
                .collect::<Result<Vec<_>, Error>>()
        };
        let pattern = raw
            .path_pattern
            .as_ref()
            .map(|p| {
                path_regex(p.get_ref()).map(|re| (p.get_ref().clone(), re)).ok_or_else(|| {
                    fail(
                        "`path-pattern` 无效".to_owned(),
                        Some(p.span()),
                        Some("可用的占位：{year}（四位年份）、{unit}（单位名称）、{unit-type}（报告主体类型编号）；* 与 ** 为通配符".to_owned()),
                    )
                })
            })
            .transpose()?;
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            let mut set = GlobSetBuilder::new();
            for g in &o.paths {
                // `*` stays within one folder, as in `path-pattern`; `**` crosses folders.
                let glob = GlobBuilder::new(g.get_ref())
                    .literal_separator(true)
                    .build()
                    .map_err(|e| {
                        fail(
                            format!("路径模式 `{}` 无效：{}", g.get_ref(), glob_reason(e.kind())),
                            Some(g.span()),
                            None,
                        )
                    })?;
                set.add(glob);
            }
            overrides.push(Override {
                globs: set.build().map_err(|e| {
                    fail(
                        format!("路径模式无效：{}", glob_reason(e.kind())),
                        None,
                        None,
                    )
                })?,
                patterns: o.paths.iter().map(|g| g.get_ref().clone()).collect(),
                unit_type: o
                    .unit_type
                    .as_ref()
                    .map(|u| (u.get_ref().clone(), u.span())),
                year: o.year,
                rules: rules(&o.rules)?,
            });
        }
        Ok(Config {
            path: path.to_path_buf(),
            src: src.to_owned(),
            packs: raw.packs.iter().map(|p| dir.join(p.get_ref())).collect(),
            pack_names: raw.packs.iter().map(|p| p.get_ref().clone()).collect(),
            pattern,
            unit_type: raw
                .unit_type
                .as_ref()
                .map(|u| (u.get_ref().clone(), u.span())),
            year: raw.year,
            rules: rules(&raw.rules)?,
            thresholds: raw
                .thresholds
                .iter()
                .map(|(k, v)| (k.get_ref().clone(), *v.get_ref(), k.span()))
                .collect(),
            overrides,
        })
    }

    fn error(&self, message: String, at: &Range<usize>, help: Option<String>) -> Error {
        Error::Config(Box::new(ConfigError {
            file: self.path.display().to_string(),
            message,
            src: SourceText {
                name: self.path.display().to_string(),
                text: self.src.clone(),
            },
            span: Some(crate::span::on_chars(
                &self.src,
                SourceSpan::from((at.start, at.len())),
            )),
            help,
        }))
    }

    /// Change the packs as the config says: switch on the rules that are off until
    /// switched on (`opt-in`) and that the top-level `[rules]` gives a level, and set the
    /// criteria thresholds it names (`"fzzfjs/shortcomings/length" = 100`).
    pub fn apply_to_packs(&self, packs: &mut [Pack]) -> Result<(), Error> {
        for r in &self.rules {
            if let Setting::Level(_) = r.setting {
                for rule in packs
                    .iter_mut()
                    .flat_map(|p| p.rules.iter_mut())
                    .filter(|x| x.opt_in && x.full_id == r.rule)
                {
                    rule.disabled = false;
                }
            }
        }
        for (key, value, at) in &self.thresholds {
            let Some((rule, criterion)) = key.rsplit_once('/') else {
                return Err(self.error(
                    format!("阈值的键 `{key}` 应写作“规则编号/准则编号”"),
                    at,
                    Some("如 `\"fzzfjs/shortcomings/length\" = 100`；用 `reportlint rules explain` 查看准则".to_owned()),
                ));
            };
            // A rule keeps its pack's prefix when a derived pack (`extends: fzzfjs`)
            // carries it, so the prefix does not name the pack that holds it: look the
            // rule up in every pack.
            let holders: Vec<&mut Pack> = packs
                .iter_mut()
                .filter(|p| p.rules.iter().any(|r| r.full_id == rule))
                .collect();
            if holders.is_empty() {
                return Err(self.error(
                    format!("规则 `{rule}` 不存在"),
                    at,
                    Some("规则编号要写完整，如 `fzzfjs/shortcomings`；用 `reportlint rules list` 查看".to_owned()),
                ));
            }
            for p in holders {
                p.set_threshold(rule, criterion, *value)
                    .map_err(|message| self.error(message, at, None))?;
            }
        }
        Ok(())
    }

    /// Check rule ids and unit types against the packs in use.
    pub fn validate(&self, packs: &[Pack]) -> Result<(), Error> {
        // A rule that is off by default (and no pack switched on) is switched on for
        // every file or for none: one engine checks them all.
        let on_at_top = |rule: &str| {
            self.rules
                .iter()
                .any(|t| t.rule == rule && matches!(t.setting, Setting::Level(_)))
        };
        for r in self.overrides.iter().flat_map(|o| &o.rules) {
            let opt_in = packs
                .iter()
                .flat_map(|p| &p.rules)
                .any(|x| x.full_id == r.rule && x.opt_in && x.disabled);
            if opt_in && matches!(r.setting, Setting::Level(_)) && !on_at_top(&r.rule) {
                return Err(self.error(
                    format!("规则 `{}` 默认关闭，只能在顶层的 [rules] 中打开", r.rule),
                    &r.at,
                    Some("在顶层 [rules] 中写明级别打开它；需要时再在 [[overrides]] 中对部分路径写 \"off\"".to_owned()),
                ));
            }
        }
        let all_rules = self
            .rules
            .iter()
            .chain(self.overrides.iter().flat_map(|o| &o.rules));
        for r in all_rules {
            // A pack id stands for all its rules (`"gbt9704" = "off"`).
            let is_pack = packs.iter().any(|p| p.id == r.rule);
            if !is_pack
                && !packs
                    .iter()
                    .flat_map(|p| &p.rules)
                    .any(|x| x.full_id == r.rule)
            {
                return Err(self.error(
                    format!("规则 `{}` 不存在", r.rule),
                    &r.at,
                    Some("规则编号要写完整，如 `fzzfjs/other-matters`；用 `reportlint rules list` 查看".to_owned()),
                ));
            }
        }
        let units = self
            .unit_type
            .iter()
            .chain(self.overrides.iter().filter_map(|o| o.unit_type.as_ref()));
        for (unit, at) in units {
            if let Err(e) = crate::pack::units::resolve_unit(packs, unit) {
                return Err(self.error(
                    format!("unit-type 的取值 `{unit}` {}", e.problem()),
                    at,
                    Some(format!(
                        "可用的类型（写名称或编号均可）：{}",
                        e.known_inline()
                    )),
                ));
            }
        }
        Ok(())
    }

    /// The settings for one file.
    pub fn for_file(&self, file: &Path) -> Effective {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let rel = abs
            .strip_prefix(std::path::absolute(dir).unwrap_or_default())
            .unwrap_or(&abs);
        let rel = rel.to_string_lossy().replace('\\', "/");
        let mut e = Effective {
            year: self.year,
            year_from_path: false,
            unit_type: self.unit_type.as_ref().map(|u| u.0.clone()),
            unit_type_from_path: false,
            unit: None,
            rules: self
                .rules
                .iter()
                .map(|r| (r.rule.clone(), r.setting))
                .collect(),
        };
        if let Some((_, re)) = &self.pattern
            && let Some(c) = re.captures(&rel)
        {
            if let Some(y) = c.name("year").and_then(|y| y.as_str().parse().ok()) {
                e.year = Some(y);
                e.year_from_path = true;
            }
            e.unit = c.name("unit").map(|u| u.as_str().to_owned());
            if let Some(t) = c.name("unit_type") {
                e.unit_type = Some(t.as_str().to_owned());
                e.unit_type_from_path = true;
            }
        }
        for o in self.overrides.iter().filter(|o| o.globs.is_match(&rel)) {
            if o.year.is_some() {
                e.year = o.year;
                e.year_from_path = false;
            }
            if let Some((u, _)) = &o.unit_type {
                e.unit_type = Some(u.clone());
                e.unit_type_from_path = false;
            }
            e.rules
                .extend(o.rules.iter().map(|r| (r.rule.clone(), r.setting)));
        }
        e
    }

    /// The `path-pattern`, as written.
    pub fn path_pattern(&self) -> Option<&str> {
        self.pattern.as_ref().map(|p| p.0.as_str())
    }

    /// Whether `[thresholds]` sets `key` (`rule/criterion`).
    pub fn sets_threshold(&self, key: &str) -> bool {
        self.thresholds.iter().any(|(k, _, _)| k == key)
    }
}

impl Effective {
    /// The setting for a rule (`pack/rule`), if the config gives one; the last wins.
    pub fn setting(&self, rule: &str) -> Option<Setting> {
        self.rules
            .iter()
            .rev()
            .find(|(r, _)| r == rule)
            .map(|(_, s)| *s)
    }

    /// Re-level or drop findings (and the verdicts of switched-off elements), and say
    /// where a report year the settings gave came from.
    pub fn apply(&self, checked: &mut Checked) {
        if self.year_from_path
            && let Some(y) = checked.year.as_mut()
            && y.source == YearSource::Override
            && Some(y.value) == self.year
        {
            y.source = YearSource::Path;
        }
        for (rule, setting) in &self.rules {
            // A rule by its id, or every rule of a pack by the pack's.
            let of = |id: &str| {
                id == rule
                    || id
                        .strip_prefix(rule.as_str())
                        .is_some_and(|r| r.starts_with('/'))
            };
            match setting {
                Setting::Off => {
                    checked.findings.retain(|f| !of(&f.rule));
                    checked.elements.retain(|e| !of(&e.rule));
                }
                Setting::Level(level) => {
                    for f in checked.findings.iter_mut().filter(|f| of(&f.rule)) {
                        f.severity = *level;
                    }
                }
            }
        }
    }
}

/// An absolute path without `.` and `..` segments (an empty path is the current folder).
fn clean(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `reports/{year}/{unit}.txt` as a regular expression over `/`-separated paths.
fn path_regex(pattern: &str) -> Option<Regex> {
    let mut re = String::from("^");
    let mut rest = pattern;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("{year}") {
            re.push_str(r"(?P<year>(?:19|20)\d{2})");
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{unit-type}") {
            re.push_str("(?P<unit_type>[^/]+?)");
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{unit}") {
            re.push_str("(?P<unit>[^/]+?)");
            rest = r;
        } else if let Some(r) = rest.strip_prefix("**") {
            re.push_str(".*");
            rest = r;
        } else if let Some(r) = rest.strip_prefix('*') {
            re.push_str("[^/]*");
            rest = r;
        } else if rest.starts_with('{') {
            return None;
        } else {
            let c = rest.chars().next()?;
            re.push_str(&regex::escape(&c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
    }
    re.push('$');
    Regex::new(&re).ok()
}

/// The TOML library's (English) message in Chinese.
/// Why globset rejected a pattern, in Chinese.
fn glob_reason(kind: &globset::ErrorKind) -> String {
    use globset::ErrorKind::*;
    match kind {
        InvalidRecursive => "** 只能单独作为路径中的一段（如 reports/**/x.txt）".to_owned(),
        UnclosedClass => "方括号 [ 没有闭合".to_owned(),
        InvalidRange(a, b) => format!("字符范围 {a}-{b} 无效"),
        UnopenedAlternates => "多了一个右花括号 }".to_owned(),
        UnclosedAlternates => "花括号 { 没有闭合".to_owned(),
        NestedAlternates => "花括号不能嵌套".to_owned(),
        DanglingEscape => "末尾多了一个反斜杠 \\".to_owned(),
        _ => "无法识别".to_owned(),
    }
}

fn translate(message: &str) -> (String, Option<String>) {
    let t = crate::translate::parser_message(message, "TOML");
    (t.message, t.help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_patterns() {
        let re = path_regex("reports/{year}/{unit}.txt").unwrap();
        let c = re.captures("reports/2023/海安街道.txt").unwrap();
        assert_eq!(&c["year"], "2023");
        assert_eq!(&c["unit"], "海安街道");
        assert!(re.captures("reports/x/海安街道.txt").is_none());
        assert!(path_regex("reports/{yr}.txt").is_none());
    }

    #[test]
    fn unknown_keys_point_into_the_file() {
        let src = "packs = []\n[rules]\n\"fzzfjs/x\" = \"loud\"\n";
        let err = Config::parse(src, Path::new("reportlint.toml")).unwrap_err();
        let Error::Config(e) = err else { panic!() };
        assert!(e.message.contains("loud"), "{}", e.message);
        assert_eq!(e.span.unwrap().offset(), src.find("\"loud\"").unwrap());
        let err = Config::parse("pack = []\n", Path::new("reportlint.toml")).unwrap_err();
        let Error::Config(e) = err else { panic!() };
        assert!(e.message.contains("未知的键 `pack`"), "{}", e.message);
        assert_eq!(e.span.unwrap().offset(), 0);
        assert!(e.help.unwrap().contains("`packs`"));
    }
}
