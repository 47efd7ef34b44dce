//! The runs of one paragraph child, character by character, so that a comment range can
//! start or end inside a run: the run is split there, every part keeping the run's
//! properties, and stays where it was (inside its hyperlink or insertion).
//!
//! A paragraph child is modelled when it is a run, or a hyperlink, insertion, smart tag
//! or custom-XML element holding runs (nested in one another too). The model repeats
//! the reader's rules for what a run shows (`w:t` with references resolved and line ends
//! as spaces, tabs, breaks, non-breaking hyphens, symbols; nothing from a hidden run)
//! and is used only when the text it gives is exactly the text the reader took from
//! that child. Any other child (a field, a content control, math …) is not modelled and
//! keeps a child-level range.

use std::ops::Range;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// A run of a modelled paragraph child.
#[derive(Debug)]
pub(super) struct Run {
    /// The whole `w:r` element in the part.
    pub(super) xml: Range<usize>,
    /// Its text in the extracted text.
    pub(super) text: Range<usize>,
    /// Whether it may be cut: not when hidden, nor when it holds a drawing or object with
    /// paragraphs of its own (they would be cut apart from their anchor).
    pub(super) splittable: bool,
    hidden: bool,
    open: Range<usize>,
    props: Option<Range<usize>>,
    children: Vec<Child>,
    close: Range<usize>,
}

/// A child of a run: what it shows and, for `w:t`, where its content is.
#[derive(Debug)]
struct Child {
    xml: Range<usize>,
    shown: String,
    t: Option<TextElement>,
}

#[derive(Debug)]
struct TextElement {
    open: Range<usize>,
    content: Range<usize>,
    close: Range<usize>,
}

/// Paragraph children whose runs are modelled.
const CONTAINERS: [&str; 5] = ["hyperlink", "ins", "moveTo", "smartTag", "customXml"];

#[derive(Debug)]
enum Open {
    Container,
    Run,
    Props,
    /// A `w:t` of a run.
    Text,
    /// Any other child of a run.
    Child,
    Other,
}

/// The runs of the paragraph child at `range` of `xml`, or `None` when it is not
/// modelled or its model does not give `expected`, the text the reader took from it.
/// `text_start` is where that text starts in the extracted text; `prefix` is the
/// part's WordprocessingML prefix.
pub(super) fn runs(
    xml: &str,
    range: Range<usize>,
    prefix: &str,
    expected: &str,
    text_start: usize,
) -> Option<Vec<Run>> {
    let base = range.start;
    let mut reader = quick_xml::Reader::from_str(xml.get(range)?);
    let mut runs: Vec<Run> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    loop {
        let at = base + position(&reader);
        let event = reader.read_event().ok()?;
        let end = base + position(&reader);
        let (tag, opens) = match &event {
            Event::Start(t) => (t, true),
            Event::Empty(t) => (t, false),
            Event::End(_) => {
                close(stack.pop()?, runs.last_mut(), at..end)?;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name: &str = tag.name().into_inner();
        let local = w_local(name, prefix);
        let what = match (stack.last(), local) {
            (None | Some(Open::Container), Some("r")) => {
                runs.push(Run {
                    xml: at..end,
                    text: 0..0,
                    splittable: true,
                    hidden: false,
                    open: at..end,
                    props: None,
                    children: Vec::new(),
                    close: end..end,
                });
                Open::Run
            }
            (None | Some(Open::Container), Some(l)) if CONTAINERS.contains(&l) => Open::Container,
            (None, _) => return None,
            (Some(Open::Container), _) => Open::Other,
            (Some(Open::Run), Some("rPr")) => {
                runs.last_mut()?.props = Some(at..end);
                Open::Props
            }
            (Some(Open::Run), local) => {
                let run = runs.last_mut()?;
                let (shown, t) = match local {
                    Some("t") if opens => (
                        String::new(),
                        Some(TextElement {
                            open: at..end,
                            content: end..end,
                            close: end..end,
                        }),
                    ),
                    Some("tab" | "ptab") => ("\t".to_owned(), None),
                    Some("br" | "cr") => ("\n".to_owned(), None),
                    Some("noBreakHyphen") => ("-".to_owned(), None),
                    Some("sym") => (symbol(tag).map(String::from).unwrap_or_default(), None),
                    _ => (String::new(), None),
                };
                let is_text = t.is_some();
                run.children.push(Child {
                    xml: at..end,
                    shown,
                    t,
                });
                if is_text { Open::Text } else { Open::Child }
            }
            (Some(Open::Props), Some("vanish" | "specVanish")) => {
                if is_on(tag) {
                    let run = runs.last_mut()?;
                    run.hidden = true;
                    run.splittable = false;
                }
                Open::Other
            }
            (Some(_), Some("p")) => {
                // A paragraph inside a run: a text box or the like.
                runs.last_mut()?.splittable = false;
                Open::Other
            }
            (Some(_), _) => Open::Other,
        };
        if opens {
            stack.push(what);
        }
    }
    finish(xml, runs, expected, text_start)
}

/// Close the element `open`, whose end tag is at `tag`.
fn close(open: Open, run: Option<&mut Run>, tag: Range<usize>) -> Option<()> {
    match open {
        Open::Run => {
            let run = run?;
            run.xml.end = tag.end;
            run.close = tag;
        }
        Open::Props => {
            if let Some(props) = run?.props.as_mut() {
                props.end = tag.end;
            }
        }
        Open::Text => {
            let child = run?.children.last_mut()?;
            child.xml.end = tag.end;
            let t = child.t.as_mut()?;
            t.content.end = tag.start;
            t.close = tag;
        }
        Open::Child => run?.children.last_mut()?.xml.end = tag.end,
        Open::Container | Open::Other => {}
    }
    Some(())
}

/// Each run's text from its children, checked against `expected`.
fn finish(xml: &str, mut runs: Vec<Run>, expected: &str, text_start: usize) -> Option<Vec<Run>> {
    let mut got = String::with_capacity(expected.len());
    for run in &mut runs {
        let start = got.len();
        for c in &mut run.children {
            if run.hidden {
                c.shown.clear();
            } else if let Some(t) = &c.t {
                c.shown = decode(xml.get(t.content.clone())?)?;
            }
            got.push_str(&c.shown);
        }
        run.text = text_start + start..text_start + got.len();
    }
    (got == expected).then_some(runs)
}

fn position(reader: &quick_xml::Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// The local name of a WordprocessingML element written with `prefix`.
fn w_local<'n>(name: &'n str, prefix: &str) -> Option<&'n str> {
    if prefix.is_empty() {
        return (!name.contains(':')).then_some(name);
    }
    name.strip_prefix(prefix)?.strip_prefix(':')
}

/// An attribute of `tag` by its local name, unescaped.
fn attribute(tag: &BytesStart<'_>, wanted: &str) -> Option<String> {
    tag.attributes().with_checks(false).flatten().find_map(|a| {
        let key: &str = a.key.into_inner();
        (key.rsplit(':').next() == Some(wanted))
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// A toggle property that is on (`w:vanish`, `w:vanish w:val="1"`).
fn is_on(tag: &BytesStart<'_>) -> bool {
    attribute(tag, "val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

/// The character of a `w:sym`, unless it is one of the symbol fonts' private ones.
fn symbol(tag: &BytesStart<'_>) -> Option<char> {
    let code = u32::from_str_radix(&attribute(tag, "char")?, 16).ok()?;
    if (0xF000..=0xF0FF).contains(&code) {
        return None;
    }
    char::from_u32(code)
}

/// The text a `w:t` shows from its raw content: references resolved, each line end a
/// space. `None` for content the model does not read (CDATA, comments).
pub(super) fn decode(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (c, next) = step(raw, i)?;
        out.extend(c);
        i = next;
    }
    Some(out)
}

/// The character shown by the raw content at byte `i` (none for an unknown entity
/// reference) and where the next one starts.
fn step(raw: &str, i: usize) -> Option<(Option<char>, usize)> {
    let rest = raw.get(i..)?;
    let c = rest.chars().next()?;
    Some(match c {
        '<' => return None,
        '&' => {
            let semi = rest.find(';')?;
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    code.and_then(char::from_u32)
                }
            };
            (c, i + semi + 1)
        }
        '\r' if rest.starts_with("\r\n") => (Some(' '), i + 2),
        '\r' | '\n' => (Some(' '), i + 1),
        c => (Some(c), i + c.len_utf8()),
    })
}

/// The raw offset in `raw` where the first `shown` bytes of its text end, walking on from
/// `from` (a raw offset where `done` bytes of text had been shown).
fn raw_offset(raw: &str, mut from: usize, mut done: usize, shown: usize) -> Option<usize> {
    while done < shown {
        let (c, next) = step(raw, from)?;
        done += c.map_or(0, char::len_utf8);
        from = next;
    }
    (done == shown).then_some(from)
}

/// A `w:t` start tag that keeps leading and trailing spaces.
fn preserving(open: &str) -> String {
    if open.contains("xml:space") {
        return open.to_owned();
    }
    let body = open.strip_suffix('>').unwrap_or(open);
    format!("{body} xml:space=\"preserve\">")
}

/// The run cut at each of `cuts` (offsets into its text, ascending, strictly inside),
/// with the text paired with a cut written between the parts. Every part repeats the
/// run's start tag and properties; a `w:t` cut in two keeps its spaces.
pub(super) fn split(xml: &str, run: &Run, cuts: &[(usize, String)]) -> Option<String> {
    let part = |r: &Range<usize>| xml.get(r.clone());
    let open = part(&run.open)?;
    let props = match &run.props {
        Some(p) => part(p)?,
        None => "",
    };
    let close = part(&run.close)?;
    let mut out = String::with_capacity(run.xml.len() + cuts.len() * (run.open.len() + 96));
    out.push_str(open);
    out.push_str(props);
    let cut = |out: &mut String, insert: &str| {
        out.push_str(close);
        out.push_str(insert);
        out.push_str(open);
        out.push_str(props);
    };
    let mut cuts = cuts.iter().peekable();
    let mut at = 0;
    for c in &run.children {
        // Cuts before this child (a child without text at a cut goes after it).
        while let Some((_, insert)) = cuts.next_if(|(k, _)| *k <= at) {
            cut(&mut out, insert);
        }
        let end = at + c.shown.len();
        let inner = cuts.peek().is_some_and(|(k, _)| *k < end);
        match (&c.t, inner) {
            (_, false) => out.push_str(part(&c.xml)?),
            (None, true) => return None,
            (Some(t), true) => {
                let raw = part(&t.content)?;
                let t_open = preserving(part(&t.open)?);
                let t_close = part(&t.close)?;
                let (mut raw_at, mut done) = (0, 0);
                out.push_str(&t_open);
                while let Some((k, insert)) = cuts.next_if(|(k, _)| *k < end) {
                    let r = raw_offset(raw, raw_at, done, k - at)?;
                    out.push_str(&raw[raw_at..r]);
                    out.push_str(t_close);
                    cut(&mut out, insert);
                    out.push_str(&t_open);
                    (raw_at, done) = (r, k - at);
                }
                out.push_str(&raw[raw_at..]);
                out.push_str(t_close);
            }
        }
        at = end;
    }
    out.push_str(close);
    // Cuts at the very end (none are made there) go after the run.
    for (_, insert) in cuts {
        out.push_str(insert);
    }
    Some(out)
}

/// Where an insertion's run takes the properties of the run it follows.
pub(super) const PROPS: &str = "\u{0}props\u{0}";

/// A deletion in a run: the run's text `range` (offsets into its text) is deleted
/// inside `open` (a `w:del` start tag, closed by `close`), and `insert` (a whole
/// `w:ins` element, whose run gets this run's properties at [`PROPS`]) follows it.
pub(super) struct Deletion {
    pub(super) range: Range<usize>,
    pub(super) open: String,
    pub(super) close: String,
    pub(super) insert: Option<String>,
}

/// The run with each of `deletions` (ascending, not overlapping, inside its text)
/// written as a tracked deletion: the run is cut at their ends, every part keeping the
/// run's start tag and properties, the deleted parts' `w:t` becoming `w:delText`
/// (`delete_text` is its qualified name). `None` where a deletion would cut or delete
/// anything but text (a tab, a break, a symbol, a field character), or the run may not
/// be cut.
pub(super) fn revise(
    xml: &str,
    run: &Run,
    deletions: &[Deletion],
    delete_text: &str,
) -> Option<String> {
    if !run.splittable || run.hidden {
        return None;
    }
    let part = |r: &Range<usize>| xml.get(r.clone());
    let open = part(&run.open)?;
    let props = match &run.props {
        Some(p) => part(p)?,
        None => "",
    };
    let close = part(&run.close)?;
    if close.is_empty() {
        return None;
    }
    let total: usize = run.children.iter().map(|c| c.shown.len()).sum();
    // Segments of the run's text: kept, or the index of a deletion.
    let mut segments: Vec<(Range<usize>, Option<usize>)> = Vec::new();
    let mut pos = 0;
    for (i, d) in deletions.iter().enumerate() {
        if d.range.start < pos || d.range.end > total || d.range.is_empty() {
            return None;
        }
        if d.range.start > pos {
            segments.push((pos..d.range.start, None));
        }
        segments.push((d.range.clone(), Some(i)));
        pos = d.range.end;
    }
    if pos < total || segments.is_empty() {
        segments.push((pos..total, None));
    }
    // Each child without text goes into the first kept segment it touches.
    let mut at = 0;
    let mut empty_home: Vec<Option<usize>> = Vec::with_capacity(run.children.len());
    for c in &run.children {
        if c.shown.is_empty() {
            let home = segments
                .iter()
                .position(|(r, d)| d.is_none() && r.start <= at && at <= r.end)?;
            empty_home.push(Some(home));
        } else {
            empty_home.push(None);
        }
        at += c.shown.len();
    }
    let mut out = String::with_capacity(run.xml.len() * 2 + 256);
    for (k, (range, deletion)) in segments.iter().enumerate() {
        let deleted = deletion.map(|i| &deletions[i]);
        let mut body = String::new();
        let mut at = 0;
        for (c, home) in run.children.iter().zip(&empty_home) {
            let end = at + c.shown.len();
            if c.shown.is_empty() {
                if *home == Some(k) {
                    body.push_str(part(&c.xml)?);
                }
                continue;
            }
            let (lo, hi) = (at.max(range.start), end.min(range.end));
            if lo < hi {
                let whole = lo == at && hi == end;
                match (&c.t, deleted) {
                    (_, None) if whole => body.push_str(part(&c.xml)?),
                    (Some(t), _) => {
                        let raw = part(&t.content)?;
                        let a = raw_offset(raw, 0, 0, lo - at)?;
                        let b = raw_offset(raw, a, lo - at, hi - at)?;
                        match deleted {
                            Some(_) => {
                                body.push_str(&format!(
                                    "<{delete_text} xml:space=\"preserve\">{}</{delete_text}>",
                                    &raw[a..b]
                                ));
                            }
                            None => {
                                body.push_str(&preserving(part(&t.open)?));
                                body.push_str(&raw[a..b]);
                                body.push_str(part(&t.close)?);
                            }
                        }
                    }
                    (None, _) => return None,
                }
            }
            at = end;
        }
        if let Some(d) = deleted {
            out.push_str(&d.open);
        }
        out.push_str(open);
        out.push_str(props);
        out.push_str(&body);
        out.push_str(close);
        if let Some(d) = deleted {
            out.push_str(&d.close);
            if let Some(insert) = &d.insert {
                out.push_str(&insert.replace(PROPS, props));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(xml: &str, expected: &str) -> Option<Vec<Run>> {
        runs(xml, 0..xml.len(), "w", expected, 0)
    }

    #[test]
    fn runs_inside_containers_are_cut_with_their_properties() {
        let xml = concat!(
            r#"<w:ins w:id="1"><w:r><w:t>甲</w:t></w:r><w:customXml><w:customXmlPr>"#,
            r#"<w:attr w:name="a" w:val="b"/></w:customXmlPr><w:proofErr/><w:r><w:rPr><w:b/>"#,
            r#"</w:rPr><w:t>乙丙</w:t><w:tab/></w:r></w:customXml></w:ins>"#
        );
        let runs = model(xml, "甲乙丙\t").unwrap();
        assert_eq!(runs.len(), 2);
        assert_eq!(&xml[runs[0].xml.clone()], "<w:r><w:t>甲</w:t></w:r>");
        assert_eq!(runs[1].text, 3..10);
        let cut = split(xml, &runs[1], &[(3, "[1]".into()), (6, "[2]".into())]).unwrap();
        assert_eq!(
            cut,
            concat!(
                r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">乙</w:t></w:r>[1]"#,
                r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">丙</w:t></w:r>[2]"#,
                r#"<w:r><w:rPr><w:b/></w:rPr><w:tab/></w:r>"#
            )
        );
    }

    #[test]
    fn deletions_cut_the_run_and_keep_its_properties() {
        let xml = r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>在公式平台&amp;公式栏</w:t><w:lastRenderedPageBreak/></w:r>"#;
        let runs = model(xml, "在公式平台&公式栏").unwrap();
        let del = |start: usize, id: u32| Deletion {
            range: start..start + 6,
            open: format!("<w:del w:id=\"{id}\">"),
            close: "</w:del>".into(),
            insert: Some(format!(
                "<w:ins w:id=\"{}\"><w:r>{PROPS}<w:t>公示</w:t></w:r></w:ins>",
                id + 1
            )),
        };
        let out = revise(xml, &runs[0], &[del(3, 1), del(16, 3)], "w:delText").unwrap();
        let open = r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr>"#;
        assert_eq!(
            out,
            [
                format!(r#"{open}<w:t xml:space="preserve">在</w:t></w:r>"#),
                format!(r#"<w:del w:id="1">{open}<w:delText xml:space="preserve">公式</w:delText></w:r></w:del>"#),
                r#"<w:ins w:id="2"><w:r><w:rPr><w:b/></w:rPr><w:t>公示</w:t></w:r></w:ins>"#.to_owned(),
                format!(r#"{open}<w:t xml:space="preserve">平台&amp;</w:t></w:r>"#),
                format!(r#"<w:del w:id="3">{open}<w:delText xml:space="preserve">公式</w:delText></w:r></w:del>"#),
                r#"<w:ins w:id="4"><w:r><w:rPr><w:b/></w:rPr><w:t>公示</w:t></w:r></w:ins>"#.to_owned(),
                format!(r#"{open}<w:t xml:space="preserve">栏</w:t><w:lastRenderedPageBreak/></w:r>"#),
            ]
            .concat()
        );
        // A tab is not text to delete.
        let tab = r#"<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r>"#;
        let runs = model(tab, "甲\t乙").unwrap();
        let d = Deletion {
            range: 3..4,
            open: "<w:del>".into(),
            close: "</w:del>".into(),
            insert: None,
        };
        assert!(revise(tab, &runs[0], &[d], "w:delText").is_none());
    }

    #[test]
    fn references_and_line_ends_count_as_what_they_show() {
        let xml = "<w:r><w:t xml:space=\"preserve\">a&amp;b\r\nc&#x4e00;</w:t></w:r>";
        let runs = model(xml, "a&b c一").unwrap();
        let cut = split(xml, &runs[0], &[(2, "|".into()), (4, "|".into())]).unwrap();
        assert_eq!(
            cut,
            concat!(
                "<w:r><w:t xml:space=\"preserve\">a&amp;</w:t></w:r>|",
                "<w:r><w:t xml:space=\"preserve\">b\r\n</w:t></w:r>|",
                "<w:r><w:t xml:space=\"preserve\">c&#x4e00;</w:t></w:r>"
            )
        );
        // A cut inside a character is refused.
        assert_eq!(split(xml, &runs[0], &[(6, "|".into())]), None);
    }

    #[test]
    fn what_is_not_modelled() {
        // A field, also inside a hyperlink; text that is not what the reader took.
        let field = r#"<w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>"#;
        assert!(model(field, "1").is_none());
        assert!(model(&format!("<w:hyperlink>{field}</w:hyperlink>"), "1").is_none());
        assert!(model("<w:r><w:t>甲</w:t></w:r>", "乙").is_none());
        assert!(model("<w:r><w:t><![CDATA[甲]]></w:t></w:r>", "甲").is_none());
        // A hidden run shows nothing and is never cut.
        let hidden = model(r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t></w:r>"#, "").unwrap();
        assert!(!hidden[0].splittable);
        assert!(
            model(
                r#"<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显</w:t></w:r>"#,
                "显"
            )
            .is_some()
        );
        // A run anchoring a text box keeps its text but is not cut.
        let anchor = model(
            r#"<w:r><w:t>字</w:t><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>"#,
            "字",
        )
        .unwrap();
        assert!(!anchor[0].splittable);
        // Symbols, breaks and hyphens.
        let marks = r#"<w:r><w:sym w:font="SimSun" w:char="2460"/><w:sym w:font="Wingdings" w:char="F0FC"/><w:br/><w:noBreakHyphen/></w:r>"#;
        assert!(model(marks, "①\n-").is_some());
    }
}
