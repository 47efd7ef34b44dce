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

use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::pack::{Compiling, PackResult};
use crate::report::Located;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// A `order` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawOrder {
    pub sequence: Vec<Spanned<String>>,
}

/// A compiled `order` check.
#[derive(Clone, Debug)]
pub struct OrderCheck {
    /// Rule indices and titles of the elements, in the required order.
    pub sequence: Vec<(usize, String)>,
}

impl Kind for OrderCheck {
    const NAME: &'static str = "order";
    const LABEL: &'static str = "要素顺序";
    type Raw = RawOrder;

    fn compile(raw: &RawOrder, cx: &Compiling<'_>) -> PackResult<Self> {
        if raw.sequence.len() < 2 {
            return Err(cx.error_here("`sequence` 至少要列出两个要素".to_owned(), "此处", None));
        }
        let sequence = raw
            .sequence
            .iter()
            .map(|id| Ok((cx.element_ref(id)?, String::new())))
            .collect::<PackResult<Vec<_>>>()?;
        Ok(OrderCheck { sequence })
    }

    fn link(&mut self, titles: &[String]) {
        for (i, title) in &mut self.sequence {
            *title = titles[*i].clone();
        }
    }
}

impl DocumentKind for OrderCheck {
    /// Each headed element that stands before one it must follow.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
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
