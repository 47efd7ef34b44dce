//! `order`: elements must follow the statutory order where the report gives them their
//! own headings — shortcomings and plans after the measures, the plan after the
//! shortcomings. Elements found only by a cue or a mention are not placed (the
//! 第一责任人 item may stand anywhere, and a one-sentence 不足 inside the plan is judged
//! by its own rule).
//!
//! ```yaml
//! check:
//!   order: { sequence: [measures-and-results, shortcomings, next-year-plan] }
//! ```

use super::scope::{Hit, Scope};
use crate::report::Located;

/// A compiled `order` check.
#[derive(Clone, Debug)]
pub struct OrderCheck {
    /// Rule indices and titles of the elements, in the required order.
    pub sequence: Vec<(usize, String)>,
}

impl OrderCheck {
    /// Each headed element that stands before one it must follow.
    pub fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let placed: Vec<(usize, &String, crate::span::Span)> = self
            .sequence
            .iter()
            .enumerate()
            .filter_map(|(k, (i, title))| {
                let f = cx.found.get(*i)?.as_ref()?;
                matches!(f.how, Located::Heading | Located::Leading).then_some((k, title, f.anchor))
            })
            .collect();
        let mut hits = Vec::new();
        for (n, &(_, title, at)) in placed.iter().enumerate() {
            if let Some(&(_, earlier, earlier_at)) =
                placed[..n].iter().find(|(_, _, e)| e.start > at.start)
            {
                hits.push(
                    Hit::at(Some(at), format!("“{title}”排在“{earlier}”之前，应在其后"))
                        .label(earlier_at, format!("“{earlier}”在此")),
                );
            }
        }
        hits
    }
}
