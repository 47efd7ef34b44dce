//! Which packs check a report. A pack may say which reports it is for (`applies-to`: a
//! pattern found in the title, or in the opening of a report without a recognised
//! title); the run's packs are the candidates, and each report is checked by
//!
//! - every candidate without `applies-to` (a pack for any report);
//! - the candidates whose `applies-to` is found: in a title, all that match; in an
//!   opening (running prose that may mention other kinds of work in passing), those
//!   found first;
//! - when no `applies-to` is found, the default: the candidates given by `--pack` or a
//!   config that have `applies-to` (declared or inherited from their base), else the
//!   first candidate — `fzzfjs`, or the pack that replaces or extends it (it takes its
//!   place, see [`Pack::combine`]) — so a report that names no known kind is checked as
//!   before there were several packs.
//!
//! A companion pack (`companion: true`, such as `gbt15834`) has no `applies-to`: it
//! checks every report beside the content pack, names no kind of report and is never
//! the default. A 版式 pack (`layout: true`, such as `gbt9704`) is a companion for Word
//! documents only ([`keep_layout_for_word`]).
//!
//! A pack given by `--pack` or a config without `applies-to` thus checks every report;
//! one that extends a built-in pack inherits its `applies-to` and takes its place.
//! The text is read as the engine matches it: traditional script folded to simplified.

use crate::document::Document;
use crate::pack::Pack;

/// How many bytes of a report without a recognised title are its opening.
pub const OPENING: usize = 300;

/// What a report's kind is recognised by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Head<'a> {
    /// The title, as one line.
    Title(String),
    /// The first [`OPENING`] bytes (cut at a character boundary) of a report without a
    /// recognised title.
    Opening(&'a str),
}

impl<'a> Head<'a> {
    /// The head of `doc`, read from `text`: the document's text or a copy of it with
    /// every character in its place (the engine's simplified-script copy).
    pub fn of(doc: &Document, text: &'a str) -> Head<'a> {
        if let Some(title) = &doc.outline.title
            && let Some(written) = text.get(title.span.start..title.span.end)
        {
            return Head::Title(written.lines().map(str::trim).collect());
        }
        let mut end = OPENING.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Head::Opening(&text[..end])
    }

    /// The text to look in.
    pub fn text(&self) -> &str {
        match self {
            Head::Title(t) => t,
            Head::Opening(t) => t,
        }
    }
}

/// The candidates (indices into `packs`, in order) that check a report with this
/// head. `given[i]` says whether pack `i` was given by `--pack` or a config (missing
/// entries: not given).
pub fn choose(packs: &[Pack], given: &[bool], head: &Head<'_>) -> Vec<usize> {
    let text = head.text();
    let is_given = |i: usize| given.get(i).copied().unwrap_or(false);
    // Where each pack with `applies-to` is first found.
    let found: Vec<(usize, usize)> = packs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, p.applies_to.as_ref()?.find(text)?.start())))
        .collect();
    let first = found.iter().map(|&(_, at)| at).min();
    let claimed: Vec<usize> = found
        .iter()
        .filter(|&&(_, at)| matches!(head, Head::Title(_)) || Some(at) == first)
        .map(|&(i, _)| i)
        .collect();
    let default: Vec<usize> = if !claimed.is_empty() {
        Vec::new()
    } else {
        let given_typed: Vec<usize> = (0..packs.len())
            .filter(|&i| is_given(i) && packs[i].applies_to.is_some())
            .collect();
        if given_typed.is_empty() {
            packs
                .iter()
                .position(|p| !p.companion)
                .into_iter()
                .collect()
        } else {
            given_typed
        }
    };
    (0..packs.len())
        .filter(|&i| packs[i].applies_to.is_none() || claimed.contains(&i) || default.contains(&i))
        .collect()
}

/// Leave the 版式 packs out of `chosen` unless `doc` is a Word document: only a Word
/// document has a layout to check, and a text report checked by them would be grouped
/// apart from the others in a summary for nothing.
pub fn keep_layout_for_word(packs: &[Pack], chosen: &mut Vec<usize>, doc: &Document) {
    if doc.format != crate::document::Format::Docx {
        chosen.retain(|&i| !packs[i].layout);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn pack(id: &str, applies_to: Option<&str>) -> Pack {
        let applies = applies_to.map_or_else(String::new, |p| format!("applies-to: '{p}'\n"));
        let src = format!(
            "id: {id}\ntitle: 测试{id}\nversion: \"1\"\n{applies}rules:\n  - id: plan\n    title: 工作安排\n    severity: error\n    message: 缺少工作安排\n    check:\n      element:\n        headings: {{ pattern: '安排' }}\n    examples:\n      pass: [\"一、下一步安排\\n做好工作。\"]\n      fail: [\"一、其他\\n无。\"]\n"
        );
        Pack::from_yaml(&src, id).expect("test pack")
    }

    fn doc(text: &str) -> Document {
        Document::from_text("t.txt", Format::Txt, text.to_owned())
    }

    fn chosen(packs: &[Pack], given: &[bool], text: &str) -> Vec<String> {
        let d = doc(text);
        let head = Head::of(&d, &d.text);
        choose(packs, given, &head)
            .into_iter()
            .map(|i| packs[i].id.clone())
            .collect()
    }

    const FZZF: &str = "某区2023年法治政府建设情况报告\n\n一、主要举措\n做了工作。\n";
    const XXGK: &str = "某区2023年政府信息公开工作年度报告\n\n一、总体情况\n做了工作。\n";
    const NEITHER: &str = "某区2023年工作总结\n\n一、主要工作\n做了工作。\n";

    #[test]
    fn the_title_decides_and_the_first_pack_is_the_default() {
        let packs = [
            pack("fz", Some("法治政府建设|依法行政")),
            pack("xx", Some("政府信息公开")),
        ];
        assert_eq!(chosen(&packs, &[], FZZF), ["fz"]);
        assert_eq!(chosen(&packs, &[], XXGK), ["xx"]);
        assert_eq!(chosen(&packs, &[], NEITHER), ["fz"]);
        // A title naming both kinds is checked by both.
        let both = "某区2023年法治政府建设和政府信息公开工作情况报告\n\n一、工作\n做了。\n";
        assert_eq!(chosen(&packs, &[], both), ["fz", "xx"]);
    }

    #[test]
    fn without_a_title_the_kind_named_first_in_the_opening_decides() {
        let packs = [
            pack("fz", Some("法治政府建设|依法行政")),
            pack("xx", Some("政府信息公开")),
        ];
        let d = doc("2020年，我局深入推进依法行政，做好政府信息公开，各项工作取得成效。");
        assert!(matches!(Head::of(&d, &d.text), Head::Opening(_)));
        assert_eq!(
            chosen(
                &packs,
                &[],
                "2020年，我局深入推进依法行政，做好政府信息公开，各项工作取得成效。"
            ),
            ["fz"]
        );
        assert_eq!(
            chosen(
                &packs,
                &[],
                "2020年，我局认真做好政府信息公开，推进依法行政，各项工作取得成效。"
            ),
            ["xx"]
        );
        // Only the opening counts: a kind named after it does not.
        let late = format!("{}政府信息公开", "各项工作取得成效。".repeat(20));
        assert_eq!(
            chosen(&packs, &[], &late),
            ["fz"],
            "beyond the opening: the default"
        );
    }

    #[test]
    fn the_opening_is_cut_at_a_character_boundary() {
        // 100 three-byte characters then more: 300 bytes is exactly 100 of them.
        let text = format!("{}政府信息公开", "汉".repeat(99));
        let d = doc(&text);
        let Head::Opening(o) = Head::of(&d, &d.text) else {
            panic!("no title expected");
        };
        assert!(o.len() <= OPENING && o.chars().count() == 100, "{o}");
        let text = format!("a{}", "汉".repeat(200));
        let d = doc(&text);
        let Head::Opening(o) = Head::of(&d, &d.text) else {
            panic!("no title expected");
        };
        assert_eq!(o.len(), 298, "1 + 99 × 3 bytes");
    }

    #[test]
    fn packs_for_any_report_check_every_report() {
        let packs = [
            pack("fz", Some("法治政府建设")),
            pack("xx", Some("政府信息公开")),
            pack("any", None),
        ];
        assert_eq!(chosen(&packs, &[], FZZF), ["fz", "any"]);
        assert_eq!(chosen(&packs, &[], XXGK), ["xx", "any"]);
        assert_eq!(chosen(&packs, &[], NEITHER), ["fz", "any"]);
        // Given, too: checked beside the pack the title chooses.
        assert_eq!(chosen(&packs, &[false, false, true], XXGK), ["xx", "any"]);
        // With none but such packs, all check every report.
        let packs = [pack("a", None), pack("b", None)];
        assert_eq!(chosen(&packs, &[], NEITHER), ["a", "b"]);
    }

    #[test]
    fn a_given_pack_with_applies_to_is_the_default() {
        // `--pack local.yaml` extending `fz` replaces it (and inherits its pattern):
        // 信息公开 reports keep their pack, reports that name neither take the given one.
        let packs = [
            pack("xx", Some("政府信息公开")),
            pack("local", Some("法治政府建设")),
        ];
        let given = [false, true];
        assert_eq!(chosen(&packs, &given, FZZF), ["local"]);
        assert_eq!(chosen(&packs, &given, XXGK), ["xx"]);
        assert_eq!(chosen(&packs, &given, NEITHER), ["local"]);
        // Not given, the first candidate would have been the default.
        assert_eq!(chosen(&packs, &[], NEITHER), ["xx"]);
    }

    #[test]
    fn a_companion_checks_every_report_and_is_never_the_default() {
        let src = "id: punct\ntitle: 标点\nversion: \"1\"\ncompanion: true\nrules:\n  - id: dots\n    title: 省略号\n    severity: info\n    message: 省略号\n    check:\n      forbid: { what: 省略号, patterns: [{ match: '\\.\\.\\.' }] }\n    examples:\n      pass: [\"做好工作。\"]\n      fail: [\"做好工作...\"]\n";
        let companion = Pack::from_yaml(src, "punct").expect("companion pack");
        assert!(companion.companion && !companion.layout);
        let packs = [
            companion,
            pack("fz", Some("法治政府建设")),
            pack("xx", Some("政府信息公开")),
        ];
        assert_eq!(chosen(&packs, &[], FZZF), ["punct", "fz"]);
        assert_eq!(chosen(&packs, &[], XXGK), ["punct", "xx"]);
        // Listed first, it is still not the default kind: the first content pack is.
        assert_eq!(chosen(&packs, &[], NEITHER), ["punct", "fz"]);
        // A text report keeps it (only 版式 packs are for Word documents alone).
        let d = doc(FZZF);
        let head = Head::of(&d, &d.text);
        let mut c = choose(&packs, &[], &head);
        keep_layout_for_word(&packs, &mut c, &d);
        assert_eq!(c, [0, 1]);
    }

    #[test]
    fn no_packs_no_choice() {
        assert!(chosen(&[], &[], FZZF).is_empty());
    }
}
