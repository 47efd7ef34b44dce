//! Fixes as tracked changes (`annotate --fix`): the text a fix replaces is deleted
//! (`w:del`, its `w:t` become `w:delText`) and the replacement inserted after it
//! (`w:ins`, a run with the deleted run's properties), both by [`AUTHOR`] with the
//! date, so that Word's “拒绝所有修订” gives back the original and “接受所有修订” the
//! fixed text. A run is cut where a fix starts or ends inside it ([`runs::revise`]).
//!
//! A fix is written only where it is certain to come out right: its text lies in one
//! paragraph, wholly in runs that are direct children of it (not in a hyperlink, a
//! field or another author's revision), and is text (no tab or break). Any other fix
//! stays a comment.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::AUTHOR;
use super::place::{Placer, RunPart};
use super::runs::{self, Deletion, PROPS};
use crate::Document;
use crate::document::docx;
use crate::report::Finding;

/// The main part with the fixes written as revisions, and the findings whose fixes
/// were written (indices into the findings).
pub(super) struct Revised {
    pub(super) xml: String,
    pub(super) applied: Vec<usize>,
    /// The first id of this run's revisions (every id in the part is below it).
    pub(super) first_id: usize,
    /// The first annotation id not used by a revision.
    pub(super) next_id: usize,
    /// What was replaced, in order: where each replaced range of the input part ends,
    /// and how far everything after it has moved (bytes added, less bytes removed, up
    /// to and including it).
    replaced: Vec<(usize, isize)>,
}

impl Revised {
    /// Where offset `o` of the input part, outside every replaced range, is in the
    /// revised part.
    pub(super) fn moved(&self, o: usize) -> usize {
        let before = self.replaced.partition_point(|(end, _)| *end <= o);
        match before.checked_sub(1) {
            Some(i) => o.saturating_add_signed(self.replaced[i].1),
            None => o,
        }
    }
}

/// Write the fixes of `findings` (safe ones; with `unsafe_fixes` the others too) into
/// the main part `xml`, read into `body` (whose text `doc` holds) and modelled by
/// `placer`. `w` is the prefix to write elements with, `declare` the namespace
/// declaration they need (empty when the part binds `w` itself).
#[allow(clippy::too_many_arguments)]
pub(super) fn revise(
    placer: &mut Placer<'_>,
    doc: &Document,
    body: &docx::Body,
    xml: &str,
    findings: &[Finding],
    unsafe_fixes: bool,
    w: &str,
    declare: &str,
) -> Revised {
    let first_id = next_id(xml);
    // Candidates in text order, none overlapping another.
    let mut order: Vec<usize> = (0..findings.len())
        .filter(|&i| {
            findings[i]
                .fix
                .as_ref()
                .is_some_and(|x| x.applies(unsafe_fixes))
        })
        .collect();
    order.sort_by_key(|&i| findings[i].fix.as_ref().map(|x| (x.span.start, x.span.end)));
    let mut planned: Vec<(usize, Vec<RunPart>)> = Vec::new();
    let mut last_end = 0;
    for i in order {
        let Some(fix) = &findings[i].fix else {
            continue;
        };
        let span = fix.span;
        if span.start < last_end
            || doc.text.get(span.start..span.end) != body.text.get(span.start..span.end)
        {
            continue;
        }
        if let Some(parts) = placer.revision_runs(span) {
            last_end = span.end;
            planned.push((i, parts));
        }
    }
    let date = now();
    let tag = |name: &str| {
        if w.is_empty() {
            name.to_owned()
        } else {
            format!("{w}:{name}")
        }
    };
    let attrs = |id: usize| {
        format!(
            "{declare} {}=\"{id}\" {}=\"{AUTHOR}\" {}=\"{date}\"",
            tag("id"),
            tag("author"),
            tag("date")
        )
    };
    // A run that cannot be revised drops every fix touching it; the others are planned
    // again without them.
    loop {
        let mut id = first_id;
        let mut by_run: BTreeMap<(usize, usize), Vec<(usize, Deletion)>> = BTreeMap::new();
        for (k, (i, parts)) in planned.iter().enumerate() {
            let fix = findings[*i].fix.as_ref().expect("planned fixes have a fix");
            for (n, part) in parts.iter().enumerate() {
                let del_id = id;
                id += 1;
                let insert = (n + 1 == parts.len()).then(|| {
                    id += 1;
                    format!(
                        "<{ins}{}><{r}>{PROPS}<{t} xml:space=\"preserve\">{}</{t}></{r}></{ins}>",
                        attrs(id - 1),
                        docx::escape(&fix.replacement),
                        ins = tag("ins"),
                        r = tag("r"),
                        t = tag("t"),
                    )
                });
                by_run.entry((part.piece, part.run)).or_default().push((
                    k,
                    Deletion {
                        range: part.range.clone(),
                        open: format!("<{}{}>", tag("del"), attrs(del_id)),
                        close: format!("</{}>", tag("del")),
                        insert,
                    },
                ));
            }
        }
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        let mut failed: Vec<usize> = Vec::new();
        for ((piece, r), mut dels) in by_run {
            dels.sort_by_key(|(_, d)| d.range.start);
            let (ks, dels): (Vec<usize>, Vec<Deletion>) = dels.into_iter().unzip();
            let written = placer.run_model(piece, r).and_then(|run| {
                Some((
                    run.xml.clone(),
                    runs::revise(xml, run, &dels, &tag("delText"))?,
                ))
            });
            match written {
                Some((range, text)) => edits.push((range, text)),
                None => failed.extend(ks),
            }
        }
        if failed.is_empty() {
            edits.sort_by_key(|(r, _)| r.start);
            let mut out = String::with_capacity(xml.len() + edits.len() * 512);
            let mut at = 0;
            let mut replaced = Vec::with_capacity(edits.len());
            let mut moved: isize = 0;
            for (range, text) in edits {
                out.push_str(&xml[at..range.start]);
                out.push_str(&text);
                at = range.end;
                moved += text.len().cast_signed() - range.len().cast_signed();
                replaced.push((range.end, moved));
            }
            out.push_str(&xml[at..]);
            return Revised {
                xml: out,
                applied: planned.iter().map(|(i, _)| *i).collect(),
                first_id,
                next_id: id,
                replaced,
            };
        }
        let mut k = 0;
        planned.retain(|_| {
            k += 1;
            !failed.contains(&(k - 1))
        });
    }
}

/// An `id="…"` attribute (`w:id` whatever the prefix).
static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\bid="(\d{1,15})""#).expect("valid regex"));

/// The first `id` attribute in `tag`'s text.
pub(super) fn id_in(tag: &str) -> Option<usize> {
    ID.captures(tag).and_then(|c| c[1].parse().ok())
}

/// An annotation id above every `w:id` in the part (comments, bookmarks, revisions
/// share one space in Word).
pub(super) fn next_id(xml: &str) -> usize {
    ID.captures_iter(xml)
        .filter_map(|c| c[1].parse::<usize>().ok())
        .max()
        .map_or(1, |m| m + 1)
}

/// The revisions' date: now, in UTC (`SOURCE_DATE_EPOCH`, seconds, when set, for
/// reproducible copies), as Word writes it: `2025-01-20T08:30:00Z`.
pub(super) fn now() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    date_of(secs)
}

/// `secs` since 1970 as a UTC date and time.
fn date_of(secs: i64) -> String {
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil_utc() {
        for (secs, expected) in [
            (0, "1970-01-01T00:00:00Z"),
            (1_737_361_800, "2025-01-20T08:30:00Z"),
            (1_709_164_800, "2024-02-29T00:00:00Z"),
        ] {
            assert_eq!(date_of(secs), expected);
        }
    }

    #[test]
    fn ids_are_above_every_annotation() {
        assert_eq!(
            next_id(r#"<w:bookmarkStart w:id="7"/><w:ins w:id="12"/>"#),
            13
        );
        assert_eq!(next_id("<w:p/>"), 1);
    }
}
