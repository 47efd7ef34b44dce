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
use crate::fingerprint::fingerprints;

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
}

fn path_key(path: &str) -> String {
    path.replace('\\', "/")
}

impl Baseline {
    /// Record every finding of `checked`.
    pub fn record(checked: &[Checked]) -> Baseline {
        let mut findings: Vec<Entry> = checked
            .iter()
            .flat_map(|c| {
                let path = path_key(&c.document.path);
                let prints = fingerprints(&c.document.text, &c.findings);
                c.findings
                    .iter()
                    .zip(prints)
                    .map(move |(f, fingerprint)| Entry {
                        path: path.clone(),
                        rule: f.rule.clone(),
                        fingerprint,
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
            let prints = fingerprints(&c.document.text, &c.findings);
            let findings = std::mem::take(&mut c.findings);
            for (f, fingerprint) in findings.into_iter().zip(prints) {
                match left.get_mut(&(path.clone(), f.rule.clone(), fingerprint)) {
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
