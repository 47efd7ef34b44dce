//! Renderers: one model ([`Checked`](crate::Checked)), several outputs. Each writes to a
//! `&mut dyn Write` and never decides exit codes.

pub mod diagnostic;
pub mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod summary;

use crate::check::Checked;
use crate::report::Severity;

/// Findings counted by severity over a set of documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    /// Documents checked.
    pub documents: usize,
    /// Error findings.
    pub error: usize,
    /// Warning findings.
    pub warning: usize,
    /// Info findings.
    pub info: usize,
}

impl Totals {
    /// Count the findings of `checked`.
    pub fn of(checked: &[Checked]) -> Totals {
        let mut t = Totals::default();
        for c in checked {
            t.add(c);
        }
        t
    }

    /// Count one more document.
    pub fn add(&mut self, c: &Checked) {
        self.documents += 1;
        for f in &c.findings {
            match f.severity {
                Severity::Error => self.error += 1,
                Severity::Warning => self.warning += 1,
                Severity::Info => self.info += 1,
            }
        }
    }
}
