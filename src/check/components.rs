//! `components`: an element made of parts that must each be covered somewhere in the
//! report, such as the 行政执法三项制度 (公示, 全过程记录, 法制审核).
//!
//! Each part is looked for separately over the whole body, 《titles》 included (a unit
//! that issued 《…行政执法公示制度》 has covered 公示). The element is `present` when every
//! part is found, `weak` when some are, or when only the umbrella phrase (三项制度) is,
//! and `missing` when neither a part nor the umbrella appears. Each missing part of a
//! weak element is its own finding. Exclusions keep look-alikes out: 合法性审查 of
//! decisions and documents is not 法制审核 of enforcement decisions.
//!
//! ```yaml
//! check:
//!   components:
//!     umbrella: { pattern: 三项制度 }
//!     parts:
//!       - id: legal-review
//!         title: 重大执法决定法制审核
//!         match: { pattern: 法制审核, exclude: 合法性审 }
//! ```

use super::matcher::{Haystack, Matcher};
use crate::report::{ComponentResult, Severity, Status};
use crate::span::Span;

/// A compiled `components` check.
#[derive(Clone, Debug, Default)]
pub struct ComponentsCheck {
    /// The collective name; alone it makes the element weak, not present.
    pub umbrella: Matcher,
    /// The parts.
    pub parts: Vec<Part>,
    /// Severity of a finding for one missing part.
    pub part_severity: Option<Severity>,
}

/// One part of a `components` element.
#[derive(Clone, Debug)]
pub struct Part {
    /// Part id, e.g. `legal-review`.
    pub id: String,
    /// Chinese name.
    pub title: String,
    /// How it is mentioned.
    pub matcher: Matcher,
}

/// The outcome of a `components` check.
pub struct Coverage {
    /// One result per part, in pack order.
    pub parts: Vec<ComponentResult>,
    /// First mention of the umbrella phrase.
    pub umbrella: Option<Span>,
}

impl Coverage {
    /// Present when all parts are found; weak with some or only the umbrella.
    pub fn status(&self) -> Status {
        let found = self
            .parts
            .iter()
            .filter(|p| p.status == Status::Present)
            .count();
        if found == self.parts.len() && found > 0 {
            Status::Present
        } else if found > 0 || self.umbrella.is_some() {
            Status::Weak
        } else {
            Status::Missing
        }
    }

    /// The first place anything of the element is mentioned.
    pub fn anchor(&self) -> Option<Span> {
        self.parts
            .iter()
            .filter_map(|p| p.span)
            .chain(self.umbrella)
            .min()
    }
}

impl ComponentsCheck {
    /// Look for every part (and the umbrella) in `body`.
    pub fn cover(&self, hay: Haystack<'_>, body: Span) -> Coverage {
        let hay = Haystack {
            skip_titles: false,
            ..hay
        };
        Coverage {
            parts: self
                .parts
                .iter()
                .map(|part| {
                    let span = part.matcher.first(hay, body);
                    ComponentResult {
                        id: part.id.clone(),
                        status: if span.is_some() {
                            Status::Present
                        } else {
                            Status::Missing
                        },
                        span,
                    }
                })
                .collect(),
            umbrella: self.umbrella.first(hay, body),
        }
    }
}
