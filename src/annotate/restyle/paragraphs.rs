//! Paragraph formatting fixes: the alignment, first-line indent and line spacing of a
//! paragraph (`w:pPr`, the old properties kept in a `w:pPrChange`) and the East Asian
//! font, size and colour of each of its runs (`w:rPr`, the old ones in a `w:rPrChange`).
//! Elements are inserted where the schema puts them (Word refuses a part whose property
//! elements are out of order); an element already there gets the new attribute values
//! and keeps its others.
//!
//! Written only where it is certain to come out right: the paragraph and its runs carry
//! no formatting revision already, every property element to change is an empty
//! element, and the part names Word's namespace with a prefix. A finding is written
//! whole or not at all: when one of its paragraphs cannot be revised, it stays a
//! comment.

use std::collections::BTreeMap;
use std::ops::Range;

use quick_xml::events::Event;

use super::{AUTHOR, Restyled, Tags, chosen, with_attr, without_attr};
use crate::report::{Change, Finding, ParagraphSetup};
use crate::span::Span;

/// A paragraph to revise: where its `w:p` starts in the part and the size most of its
/// text is in (half-points), for an indent given in characters.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target {
    pub(crate) start: usize,
    pub(crate) size: Option<u32>,
}

/// Paragraph properties in schema order (`CT_PPr`).
const PARAGRAPH_ORDER: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// Run properties in schema order (`CT_RPr`).
const RUN_ORDER: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

/// Write the paragraph formatting of `findings` (safe ones; with `unsafe_fixes` the
/// others too) into `xml`, finding each paragraph by its text with `target`. Revision
/// ids from `first_id` on. `None` when nothing can be written.
pub(in crate::annotate) fn paragraphs(
    xml: &str,
    findings: &[Finding],
    unsafe_fixes: bool,
    target: impl Fn(Span) -> Option<Target>,
    tags: &Tags<'_>,
    first_id: usize,
    date: &str,
) -> Option<Restyled> {
    if !tags.prefixed() {
        return None;
    }
    let mut read: BTreeMap<usize, Option<Paragraph>> = BTreeMap::new();
    let mut plan: BTreeMap<usize, (ParagraphSetup, Option<u32>)> = BTreeMap::new();
    let mut applied = Vec::new();
    for (i, change) in chosen(findings, unsafe_fixes) {
        let Change::Paragraphs { at, set } = change else {
            continue;
        };
        let targets: Option<Vec<Target>> = at.iter().map(|s| target(*s)).collect();
        let Some(targets) = targets.filter(|t| !t.is_empty()) else {
            continue;
        };
        let readable = targets.iter().all(|t| {
            read.entry(t.start)
                .or_insert_with(|| Paragraph::read(xml, t.start, tags.w))
                .is_some()
        });
        // A finding that would undo part of another on the same paragraph stays a
        // comment.
        let clashes = targets
            .iter()
            .any(|t| plan.get(&t.start).is_some_and(|(p, _)| p.clashes(set)));
        if !readable || clashes {
            continue;
        }
        for t in targets {
            plan.entry(t.start)
                .or_insert_with(|| (ParagraphSetup::default(), t.size))
                .0
                .merge(set);
        }
        applied.push(i);
    }
    if applied.is_empty() {
        return None;
    }
    let mut id = first_id;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (start, (set, size)) in &plan {
        let Some(Some(p)) = read.get(start) else {
            continue;
        };
        p.revise(xml, set, *size, tags, &mut id, date, &mut edits);
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(xml.len() + edits.len() * 256);
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(&xml[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&xml[at..]);
    Some(Restyled {
        xml: out,
        applied,
        next_id: id,
    })
}

/// A property element to set: its local name and its attributes, each with the value
/// to set or, `None`, to take away.
type Setting<'a> = (&'a str, Vec<(String, Option<String>)>);

/// A properties element (`w:pPr`, `w:rPr`) and its children.
#[derive(Debug)]
struct Props {
    /// The whole element.
    whole: Range<usize>,
    /// Its start tag (the whole element when it is empty).
    open: Range<usize>,
    empty: bool,
    children: Vec<Child>,
    /// Whether it holds reportlint's own change record already.
    revised: bool,
}

/// A child of a properties element.
#[derive(Debug, Clone)]
struct Child {
    /// Its local name when it is a WordprocessingML element; `None` for others
    /// (extensions, which follow the standard elements).
    name: Option<String>,
    xml: Range<usize>,
}

/// A run: the end of its start tag, its properties, and whether an element other than
/// its properties came in it yet.
#[derive(Debug)]
struct Run {
    open_end: usize,
    props: Option<Props>,
    content: bool,
}

/// A paragraph as far as its formatting goes.
#[derive(Debug)]
struct Paragraph {
    open_end: usize,
    props: Option<Props>,
    runs: Vec<Run>,
}

impl Paragraph {
    /// The paragraph whose `w:p` starts at `start`; `None` when it is not one, is empty,
    /// or holds a formatting revision already.
    fn read(xml: &str, start: usize, w: &str) -> Option<Paragraph> {
        let mut reader = quick_xml::Reader::from_str(xml.get(start..)?);
        let local = |name: &str| -> Option<String> {
            name.strip_prefix(w)?.strip_prefix(':').map(str::to_owned)
        };
        // The open elements, by local name (`None`: not Word's).
        let mut stack: Vec<Option<String>> = Vec::new();
        let mut paragraph: Option<Paragraph> = None;
        // The properties element being read: paragraph's (true) or a run's, and its depth.
        let mut open_props: Option<(bool, usize, Props)> = None;
        loop {
            let at = start + usize::try_from(reader.buffer_position()).ok()?;
            let event = reader.read_event().ok()?;
            let end = start + usize::try_from(reader.buffer_position()).ok()?;
            let (name, opens) = match &event {
                Event::Start(t) => (local(t.name().into_inner()), true),
                Event::Empty(t) => (local(t.name().into_inner()), false),
                Event::End(_) => {
                    stack.pop();
                    if let Some((own, depth, props)) = open_props.take() {
                        if stack.len() == depth {
                            let mut props = props;
                            props.whole.end = end;
                            let p = paragraph.as_mut()?;
                            if own {
                                p.props = Some(props);
                            } else {
                                p.runs.last_mut()?.props = Some(props);
                            }
                        } else {
                            let mut props = props;
                            if stack.len() == depth + 1
                                && let Some(c) = props.children.last_mut()
                            {
                                c.xml.end = end;
                            }
                            open_props = Some((own, depth, props));
                        }
                    }
                    if stack.is_empty() {
                        return paragraph;
                    }
                    continue;
                }
                Event::Eof => return None,
                _ => continue,
            };
            let depth = stack.len();
            if depth == 0 {
                if name.as_deref() != Some("p") || !opens {
                    return None;
                }
                paragraph = Some(Paragraph {
                    open_end: end,
                    props: None,
                    runs: Vec::new(),
                });
                stack.push(name);
                continue;
            }
            // Revisions of formatting already in the paragraph: another author's leave
            // it alone; reportlint's own (an earlier run's) keep the original formatting,
            // and the new values go over the current ones.
            if matches!(name.as_deref(), Some("pPrChange" | "rPrChange")) {
                let ours = match &event {
                    Event::Start(t) | Event::Empty(t) => t
                        .try_get_attribute(format!("{w}:author").as_str())
                        .ok()
                        .flatten()
                        .is_some_and(|a| &*a.value == AUTHOR),
                    _ => false,
                };
                match &mut open_props {
                    Some((_, pdepth, props)) if ours && depth == *pdepth + 1 => {
                        props.revised = true;
                    }
                    _ => return None,
                }
            }
            if let Some((own, pdepth, props)) = &mut open_props {
                // A tracked change inside the paragraph's properties (say, of its
                // numbering) would be copied into the change record, id and all.
                let in_mark = props.children.last().and_then(|c| c.name.as_deref()) == Some("rPr");
                if *own
                    && depth > *pdepth + 1
                    && !in_mark
                    && matches!(name.as_deref(), Some("ins" | "del" | "moveFrom" | "moveTo"))
                {
                    return None;
                }
                if depth == *pdepth + 1 {
                    props.children.push(Child {
                        name: name.clone(),
                        xml: at..end,
                    });
                }
            } else {
                // Inside a nested paragraph (a text box) nothing is this paragraph's.
                let nested = stack.iter().skip(1).any(|n| n.as_deref() == Some("p"));
                let parent = stack.last().and_then(Clone::clone);
                let props = |at: usize, end: usize| Props {
                    whole: at..end,
                    open: at..end,
                    empty: !opens,
                    children: Vec::new(),
                    revised: false,
                };
                match (name.as_deref(), parent.as_deref()) {
                    (Some("pPr"), Some("p")) if depth == 1 => {
                        if opens {
                            open_props = Some((true, depth, props(at, end)));
                        } else {
                            paragraph.as_mut()?.props = Some(props(at, end));
                        }
                    }
                    (Some("r"), _) if !nested => {
                        if !opens {
                            // An empty run shows nothing.
                        } else {
                            paragraph.as_mut()?.runs.push(Run {
                                open_end: end,
                                props: None,
                                content: false,
                            });
                        }
                    }
                    (Some("rPr"), Some("r")) if !nested => {
                        let run = paragraph.as_mut()?.runs.last_mut()?;
                        // Only a run's first element holds its properties.
                        if !run.content {
                            run.content = true;
                            if opens {
                                open_props = Some((false, depth, props(at, end)));
                            } else {
                                run.props = Some(props(at, end));
                            }
                        }
                    }
                    (_, Some("r")) if !nested => {
                        if let Some(run) = paragraph.as_mut()?.runs.last_mut() {
                            run.content = true;
                        }
                    }
                    _ => {}
                }
            }
            if opens {
                stack.push(name);
            }
        }
    }

    /// The edits that give the paragraph `set` (its text mostly `size` half-points),
    /// each change with the next id.
    #[allow(clippy::too_many_arguments)]
    fn revise(
        &self,
        xml: &str,
        set: &ParagraphSetup,
        size: Option<u32>,
        tags: &Tags<'_>,
        id: &mut usize,
        date: &str,
        edits: &mut Vec<(Range<usize>, String)>,
    ) {
        let a = |name: &str| tags.tag(name);
        let mut para: Vec<Setting<'_>> = Vec::new();
        if let Some(align) = &set.align {
            para.push(("jc", vec![(a("val"), Some(align.clone()))]));
        }
        if let Some(chars) = set.first_line_chars {
            let size = set.size.or(size).unwrap_or(21);
            para.push((
                "ind",
                vec![
                    (a("firstLineChars"), Some(chars.to_string())),
                    (a("firstLine"), Some((chars * size / 10).to_string())),
                    (a("hangingChars"), None),
                    (a("hanging"), None),
                ],
            ));
        }
        if let Some(line) = set.line_exact {
            para.push((
                "spacing",
                vec![
                    (a("line"), Some(line.to_string())),
                    (a("lineRule"), Some("exact".to_owned())),
                ],
            ));
        }
        let mut run: Vec<Setting<'_>> = Vec::new();
        if let Some(font) = &set.font {
            run.push((
                "rFonts",
                vec![
                    (a("eastAsia"), Some(font.clone())),
                    (a("eastAsiaTheme"), None),
                ],
            ));
        }
        if let Some(size) = set.size {
            for name in ["sz", "szCs"] {
                run.push((name, vec![(a("val"), Some(size.to_string()))]));
            }
        }
        if let Some(color) = &set.color {
            run.push((
                "color",
                vec![
                    (a("val"), Some(color.clone())),
                    (a("themeColor"), None),
                    (a("themeTint"), None),
                    (a("themeShade"), None),
                ],
            ));
        }
        if !para.is_empty() {
            // The old paragraph properties, as a change holds them: without the
            // paragraph mark's run properties and section properties.
            let kept = |c: &Child| !matches!(c.name.as_deref(), Some("rPr" | "sectPr"));
            edits.push(revised(
                xml,
                self.props.as_ref(),
                self.open_end,
                ("pPr", "pPrChange", PARAGRAPH_ORDER),
                &para,
                &kept,
                tags,
                id,
                date,
            ));
        }
        if !run.is_empty() {
            for r in &self.runs {
                edits.push(revised(
                    xml,
                    r.props.as_ref(),
                    r.open_end,
                    ("rPr", "rPrChange", RUN_ORDER),
                    &run,
                    &|_| true,
                    tags,
                    id,
                    date,
                ));
            }
        }
    }
}

/// One properties element revised: `props` (or, without one, a new element at
/// `insert_at`) with the elements `set` (name, attributes to set or, `None`, to take
/// away), and a change of kind `names.1` holding the old children `kept` lets through.
#[allow(clippy::too_many_arguments)]
fn revised(
    xml: &str,
    props: Option<&Props>,
    insert_at: usize,
    (element, change, order): (&str, &str, &[&str]),
    set: &[Setting<'_>],
    kept: &dyn Fn(&Child) -> bool,
    tags: &Tags<'_>,
    id: &mut usize,
    date: &str,
) -> (Range<usize>, String) {
    let children: &[Child] = props.map_or(&[], |p| p.children.as_slice());
    // (name, xml) of the new children.
    let mut new: Vec<(Option<String>, String)> = children
        .iter()
        .map(|c| (c.name.clone(), xml[c.xml.clone()].to_owned()))
        .collect();
    let rank = |name: &Option<String>| match name {
        Some(n) => order.iter().position(|o| o == n),
        None => Some(order.len()),
    };
    for (name, attrs) in set {
        let position = new.iter().position(|(n, _)| n.as_deref() == Some(name));
        let old = position.map_or_else(|| format!("<{}/>", tags.tag(name)), |i| new[i].1.clone());
        // A property element with content (none has any in the schema) is rewritten
        // as the empty element its start tag describes.
        let mut e = if old.ends_with("/>") {
            old
        } else {
            let head = &old[..old.find('>').unwrap_or(old.len())];
            format!("{}/>", head.trim_end_matches('/'))
        };
        for (attr, value) in attrs {
            e = match value {
                Some(v) => with_attr(&e, attr, v),
                None => without_attr(&e, attr),
            };
        }
        match position {
            Some(i) => new[i].1 = e,
            None => {
                let mine = rank(&Some((*name).to_owned()));
                let at = new
                    .iter()
                    .position(|(n, _)| match (rank(n), mine) {
                        (Some(r), Some(m)) => r > m,
                        _ => false,
                    })
                    .unwrap_or(new.len());
                new.insert(at, (Some((*name).to_owned()), e));
            }
        }
    }
    let old: String = children
        .iter()
        .filter(|c| kept(c))
        .map(|c| &xml[c.xml.clone()])
        .collect();
    let tag = tags.tag(element);
    // An earlier run's record (among the children) keeps the original.
    let record = if props.is_some_and(|p| p.revised) {
        String::new()
    } else {
        *id += 1;
        format!(
            "<{c}{attrs}><{tag}>{old}</{tag}></{c}>",
            c = tags.tag(change),
            attrs = tags.change(*id - 1, date),
        )
    };
    let body: String = new.into_iter().map(|(_, x)| x).collect();
    match props {
        Some(p) => {
            let head = &xml[p.open.clone()];
            let head = if p.empty {
                format!("{}>", head.trim_end_matches("/>").trim_end())
            } else {
                head.to_owned()
            };
            (p.whole.clone(), format!("{head}{body}{record}</{tag}>"))
        }
        None => (
            insert_at..insert_at,
            format!("<{tag}>{body}{record}</{tag}>"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Restyle, Safety};

    const W: Tags<'static> = Tags {
        w: "w",
        declare: "",
    };

    fn finding(at: Vec<Span>, set: ParagraphSetup, safety: Safety) -> Finding {
        Finding {
            rule: "gbt9704/body-font".to_owned(),
            criterion: None,
            severity: crate::report::Severity::Error,
            message: String::new(),
            help: None,
            span: at.first().copied(),
            labels: Vec::new(),
            fingerprint: String::new(),
            fix: None,
            restyle: Some(Restyle {
                safety,
                change: Change::Paragraphs { at, set },
            }),
        }
    }

    /// Paragraphs found by the text's offset standing for the paragraph's start.
    fn at(xml: &str) -> impl Fn(Span) -> Option<Target> + '_ {
        move |s: Span| {
            let start = xml.match_indices("<w:p>").chain(xml.match_indices("<w:p "));
            let mut starts: Vec<usize> = start.map(|(i, _)| i).collect();
            starts.sort_unstable();
            Some(Target {
                start: *starts.get(s.start)?,
                size: Some(24),
            })
        }
    }

    const DOC: &str = concat!(
        r#"<w:body><w:p w:rsidR="1"><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:before="0" w:line="360" w:lineRule="auto"/><w:rPr><w:b/></w:rPr></w:pPr>"#,
        r#"<w:r><w:rPr><w:rFonts w:ascii="Times" w:eastAsiaTheme="minorEastAsia"/><w:b/><w:lang w:val="en-US"/></w:rPr><w:t>一</w:t></w:r>"#,
        r#"<w:ins w:id="3"><w:r><w:t>二</w:t></w:r></w:ins></w:p>"#,
        r#"<w:p><w:r><w:rPr><w:color w:val="FF0000" w:themeColor="accent1"/></w:rPr><w:t>三</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pPrChange w:id="9"><w:pPr/></w:pPrChange></w:pPr><w:r><w:t>四</w:t></w:r></w:p></w:body>"#,
    );

    #[test]
    fn paragraph_and_run_properties_are_set_in_schema_order_with_the_old_ones_kept() {
        let set = ParagraphSetup {
            font: Some("仿宋_GB2312".to_owned()),
            size: Some(32),
            first_line_chars: Some(200),
            ..ParagraphSetup::default()
        };
        let f = [finding(vec![Span::new(0, 1)], set, Safety::Safe)];
        let r = paragraphs(DOC, &f, false, at(DOC), &W, 10, "D").unwrap();
        assert_eq!(r.applied, [0]);
        assert_eq!(r.next_id, 13);
        let first = &r.xml[..r.xml.find("</w:p>").unwrap()];
        assert_eq!(
            first,
            concat!(
                r#"<w:body><w:p w:rsidR="1"><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:before="0" w:line="360" w:lineRule="auto"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:rPr><w:b/></w:rPr>"#,
                r#"<w:pPrChange w:id="10" w:author="reportlint" w:date="D"><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:before="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrChange></w:pPr>"#,
                r#"<w:r><w:rPr><w:rFonts w:ascii="Times" w:eastAsia="仿宋_GB2312"/><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US"/>"#,
                r#"<w:rPrChange w:id="11" w:author="reportlint" w:date="D"><w:rPr><w:rFonts w:ascii="Times" w:eastAsiaTheme="minorEastAsia"/><w:b/><w:lang w:val="en-US"/></w:rPr></w:rPrChange></w:rPr><w:t>一</w:t></w:r>"#,
                r#"<w:ins w:id="3"><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/>"#,
                r#"<w:rPrChange w:id="12" w:author="reportlint" w:date="D"><w:rPr></w:rPr></w:rPrChange></w:rPr><w:t>二</w:t></w:r></w:ins>"#,
            )
        );
        // The other paragraphs are as they were.
        assert!(r.xml.ends_with(&DOC[DOC.find("</w:p>").unwrap()..]));
    }

    #[test]
    fn colour_and_alignment_replace_theme_colours_and_add_a_paragraph_properties_element() {
        let set = ParagraphSetup {
            color: Some("auto".to_owned()),
            align: Some("center".to_owned()),
            ..ParagraphSetup::default()
        };
        let f = [finding(vec![Span::new(1, 2)], set, Safety::Unsafe)];
        assert!(paragraphs(DOC, &f, false, at(DOC), &W, 1, "D").is_none());
        let r = paragraphs(DOC, &f, true, at(DOC), &W, 1, "D").unwrap();
        assert!(r.xml.contains(concat!(
            r#"<w:p><w:pPr><w:jc w:val="center"/><w:pPrChange w:id="1" w:author="reportlint" w:date="D"><w:pPr></w:pPr></w:pPrChange></w:pPr>"#,
            r#"<w:r><w:rPr><w:color w:val="auto"/><w:rPrChange w:id="2" w:author="reportlint" w:date="D"><w:rPr><w:color w:val="FF0000" w:themeColor="accent1"/></w:rPr></w:rPrChange></w:rPr><w:t>三</w:t></w:r></w:p>"#
        )), "{}", r.xml);
    }

    #[test]
    fn a_finding_with_a_paragraph_revised_already_is_not_written() {
        let set = ParagraphSetup {
            align: Some("center".to_owned()),
            ..ParagraphSetup::default()
        };
        let f = [
            finding(
                vec![Span::new(1, 2), Span::new(2, 3)],
                set.clone(),
                Safety::Safe,
            ),
            finding(vec![Span::new(2, 3)], set, Safety::Safe),
        ];
        assert!(paragraphs(DOC, &f, false, at(DOC), &W, 1, "D").is_none());
        // Nor in a part whose namespace is the default one.
        let f = [finding(
            vec![Span::new(1, 2)],
            ParagraphSetup::default(),
            Safety::Safe,
        )];
        let default = Tags {
            w: "w",
            declare: " xmlns:w=\"x\"",
        };
        assert!(paragraphs(DOC, &f, false, at(DOC), &default, 1, "D").is_none());
    }

    /// `findings` written on the first paragraph of `xml`, whatever their spans.
    fn on_first(xml: &str, findings: &[Finding]) -> Option<Restyled> {
        let start = xml.find("<w:p")?;
        let target = |_| {
            Some(Target {
                start,
                size: Some(24),
            })
        };
        paragraphs(xml, findings, false, target, &W, 1, "D")
    }

    fn one(xml: &str, set: ParagraphSetup) -> Option<Restyled> {
        on_first(xml, &[finding(vec![Span::new(0, 1)], set, Safety::Safe)])
    }

    #[test]
    fn an_indented_run_keeps_one_properties_element() {
        let xml = "<w:body><w:p>\n  <w:r>\n    <w:rPr><w:b/></w:rPr>\n    <w:t>一</w:t>\n  </w:r>\n</w:p></w:body>";
        let set = ParagraphSetup {
            font: Some("仿宋".to_owned()),
            ..ParagraphSetup::default()
        };
        let out = one(xml, set).unwrap().xml;
        assert_eq!(
            out,
            "<w:body><w:p>\n  <w:r>\n    <w:rPr><w:rFonts w:eastAsia=\"仿宋\"/><w:b/><w:rPrChange w:id=\"1\" w:author=\"reportlint\" w:date=\"D\"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr>\n    <w:t>一</w:t>\n  </w:r>\n</w:p></w:body>"
        );
    }

    #[test]
    fn a_tracked_change_in_the_numbering_leaves_the_paragraph_alone() {
        let xml = r#"<w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/><w:ins w:id="7" w:author="a" w:date="D"/></w:numPr></w:pPr><w:r><w:t>一</w:t></w:r></w:p></w:body>"#;
        let set = ParagraphSetup {
            align: Some("center".to_owned()),
            ..ParagraphSetup::default()
        };
        assert!(one(xml, set).is_none());
        // One in the paragraph mark's properties is no hindrance.
        let mark = r#"<w:body><w:p><w:pPr><w:rPr><w:ins w:id="7" w:author="a" w:date="D"/></w:rPr></w:pPr><w:r><w:t>一</w:t></w:r></w:p></w:body>"#;
        let set = ParagraphSetup {
            align: Some("center".to_owned()),
            ..ParagraphSetup::default()
        };
        let out = one(mark, set).unwrap().xml;
        assert_eq!(out.matches(r#"w:id="7""#).count(), 1, "{out}");
    }

    #[test]
    fn a_finding_that_would_undo_another_stays_a_comment() {
        let xml = "<w:body><w:p><w:r><w:t>一</w:t></w:r></w:p></w:body>";
        let centre = ParagraphSetup {
            align: Some("center".to_owned()),
            first_line_chars: Some(0),
            ..ParagraphSetup::default()
        };
        let indent = ParagraphSetup {
            first_line_chars: Some(200),
            ..ParagraphSetup::default()
        };
        let f = [
            finding(vec![Span::new(0, 1)], centre, Safety::Safe),
            finding(vec![Span::new(0, 1)], indent, Safety::Safe),
        ];
        let r = on_first(xml, &f).unwrap();
        assert_eq!(r.applied, [0]);
        assert!(r.xml.contains(r#"w:firstLineChars="0""#), "{}", r.xml);
    }
}
