//! Baselines: today's findings recorded once (`check --write-baseline FILE`), so that a
//! CI gate fails only on new ones (`check --baseline FILE`).
//!
//! An entry is the file path (as given, `/`-separated), the rule id and the finding's
//! [fingerprint](crate::fingerprint) — rule, criterion and the words at the finding, not
//! line numbers — so entries survive edits elsewhere in the file. The message is kept
//! for people reading the file. Entries of checked files that no finding matches any
//! more are *stale*: fixed, or their text changed.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::check::Checked;

/// The baseline file's schema name.
pub const SCHEMA: &str = "reportlint-baseline/v1";

/// A recorded set of findings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Entries, sorted by path, rule and fingerprint.
    pub findings: Vec<Entry>,
}

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, as given on the command line, `/`-separated.
    pub path: String,
    /// Full rule id.
    pub rule: String,
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// The message when recorded (for people; not compared).
    pub message: String,
}

/// What applying a baseline did.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    /// Findings dropped because the baseline has them.
    pub suppressed: usize,
    /// Entries for the checked files that no finding matched.
    pub stale: Vec<Entry>,
    /// No entry names a checked file: most likely the baseline was recorded with other
    /// paths (another folder, `./reports` against `reports`, absolute paths).
    pub foreign: bool,
}

/// A path as entries store it: `/`-separated, without `./` segments.
fn path_key(path: &str) -> String {
    let p = path.replace('\\', "/");
    let parts: Vec<&str> = p.split('/').filter(|s| *s != ".").collect();
    let joined = parts.join("/");
    if p.starts_with('/') && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

impl Baseline {
    /// Record every finding of `checked`.
    pub fn record(checked: &[Checked]) -> Baseline {
        let mut findings: Vec<Entry> = checked
            .iter()
            .flat_map(|c| {
                let path = path_key(&c.document.path);
                c.findings.iter().map(move |f| Entry {
                    path: path.clone(),
                    rule: f.rule.clone(),
                    fingerprint: f.fingerprint.clone(),
                    message: f.message.clone(),
                })
            })
            .collect();
        findings.sort();
        Baseline {
            schema: SCHEMA.to_owned(),
            findings,
        }
    }

    /// Drop the findings the baseline has from `checked`, and list its stale entries.
    /// Each entry absorbs one finding.
    pub fn apply(&self, checked: &mut [Checked]) -> Applied {
        let key = |e: &Entry| (e.path.clone(), e.rule.clone(), e.fingerprint.clone());
        let mut left: HashMap<(String, String, String), usize> = HashMap::new();
        for e in &self.findings {
            *left.entry(key(e)).or_default() += 1;
        }
        let mut applied = Applied::default();
        for c in checked.iter_mut() {
            let path = path_key(&c.document.path);
            let findings = std::mem::take(&mut c.findings);
            for f in findings {
                match left.get_mut(&(path.clone(), f.rule.clone(), f.fingerprint.clone())) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        applied.suppressed += 1;
                    }
                    _ => c.findings.push(f),
                }
            }
        }
        let checked_paths: HashSet<String> =
            checked.iter().map(|c| path_key(&c.document.path)).collect();
        applied.foreign = !self.findings.is_empty()
            && !self
                .findings
                .iter()
                .any(|e| checked_paths.contains(&e.path));
        for e in &self.findings {
            if let Some(n) = left.get_mut(&key(e))
                && *n > 0
                && checked_paths.contains(&e.path)
            {
                *n -= 1;
                applied.stale.push(e.clone());
            }
        }
        applied
    }
}
