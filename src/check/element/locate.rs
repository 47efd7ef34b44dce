//! Locating an element: by heading, leading run, cue or mention, and by citation (see
//! the [module docs](super)); and what its criteria measure of the passage found.

use super::{Context, ElementCheck, Found, MAX_HEADING_CHARS};
use crate::check::criteria::{Passage, sentences};
use crate::check::matcher::{Haystack, book_titles};
use crate::report::Located;
use crate::span::Span;

impl Context<'_> {
    fn depth(&self, mut section: usize) -> usize {
        let mut depth = 1;
        while let Some(parent) = self.outline.sections[section].parent {
            depth += 1;
            section = parent;
        }
        depth
    }

    fn is_top(&self, section: usize) -> bool {
        self.outline.sections[section].parent.is_none()
    }
}

impl ElementCheck {
    /// Locate the element by heading, cue or mention. A `leading` element is located by
    /// heading only here; [`ElementCheck::leading_run`] extends or replaces it.
    pub fn locate(&self, cx: &Context<'_>) -> Option<Found> {
        let excluded: Vec<Span> = self
            .not_within
            .iter()
            .filter_map(|&i| cx.found[i].map(|f| f.span))
            .collect();
        let outside = |span: Span| !excluded.iter().any(|e| e.contains(span));
        let heading = self.by_heading(cx, &outside);
        if self.leading {
            // The leading run starts from the heading or from the first free section.
            return heading;
        }
        heading
            .or_else(|| self.by_cue(cx, &outside))
            .or_else(|| self.by_mention(cx, &outside))
    }

    /// The first sentence that says a document about the element was implemented.
    pub fn by_citation(&self, cx: &Context<'_>) -> Option<Found> {
        let cited = self.cited.as_ref()?;
        let text = cx.hay.text;
        let body = cx.outline.body;
        book_titles(text, body).into_iter().find_map(|title| {
            if !cited.pattern.is_match(title.slice(text)) {
                return None;
            }
            let sentence = sentences(text, body).find(|s| s.contains(title))?;
            let lead = &text[sentence.start..title.start];
            // Only the words right before the title: `学习《A》《B》` lists studies.
            let near = lead
                .rsplit(['，', ',', '；', ';', '》'])
                .next()
                .unwrap_or(lead);
            cited.before.is_match(near).then_some(Found {
                span: sentence,
                body: sentence,
                anchor: sentence,
                how: Located::Cited,
                section: None,
            })
        })
    }

    fn by_heading(&self, cx: &Context<'_>, outside: &dyn Fn(Span) -> bool) -> Option<Found> {
        if self.headings.is_empty() {
            return None;
        }
        let text = cx.hay.text;
        cx.outline
            .sections
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                cx.depth(*i) <= self.max_depth
                    && s.title.slice(text).chars().count() <= MAX_HEADING_CHARS
                    && outside(s.heading)
                    && self.headings.first(cx.hay, s.title).is_some()
            })
            .min_by_key(|(i, _)| cx.depth(*i))
            .map(|(i, s)| Found {
                span: s.span(),
                body: s.body,
                anchor: s.heading,
                how: Located::Heading,
                section: Some(i),
            })
    }

    fn by_cue(&self, cx: &Context<'_>, outside: &dyn Fn(Span) -> bool) -> Option<Found> {
        if self.cues.is_empty() {
            return None;
        }
        let text = cx.hay.text;
        for p in &cx.outline.paragraphs {
            let Some(cue) = self
                .cues
                .find(cx.hay, p.span)
                .into_iter()
                .find(|m| outside(*m))
            else {
                continue;
            };
            let sentence = sentences(text, p.span).find(|s| s.contains_offset(cue.start))?;
            let mut end = p.span.end;
            for later in sentences(text, Span::new(sentence.end, p.span.end)) {
                if cx
                    .other_cues
                    .iter()
                    .any(|m| m.first(cx.hay, later).is_some())
                {
                    end = later.start;
                    break;
                }
            }
            if end == p.span.end && p.span.slice(text).ends_with(['：', ':']) {
                end = next_top_heading(cx, p.span.end).unwrap_or(cx.outline.body.end);
            }
            let end = sentence.start + text[sentence.start..end].trim_end().len();
            let span = Span::new(sentence.start, end);
            return Some(Found {
                span,
                body: span,
                anchor: sentence,
                how: Located::Cue,
                section: None,
            });
        }
        None
    }

    fn by_mention(&self, cx: &Context<'_>, outside: &dyn Fn(Span) -> bool) -> Option<Found> {
        if self.mentions.is_empty() {
            return None;
        }
        let text = cx.hay.text;
        let o = cx.outline;
        let in_heading =
            o.sections.iter().enumerate().find(|(_, s)| {
                outside(s.heading) && self.mentions.first(cx.hay, s.title).is_some()
            });
        let in_paragraph = o.paragraphs.iter().find_map(|p| {
            self.mentions
                .find(cx.hay, p.span)
                .into_iter()
                .find(|m| outside(*m))
        });
        match (in_heading, in_paragraph) {
            (Some((i, s)), p) if p.is_none_or(|m| s.heading.start < m.start) => Some(Found {
                span: s.span(),
                body: s.body,
                anchor: s.heading,
                how: Located::Mention,
                section: Some(i),
            }),
            (_, Some(m)) => {
                let unit = o
                    .items
                    .iter()
                    .find(|it| it.span.contains(m))
                    .map(|it| it.span)
                    .or_else(|| {
                        let p = o.paragraph_at(m.start)?;
                        sentences(text, o.paragraphs[p].span).find(|s| s.contains(m))
                    })?;
                Some(Found {
                    span: unit,
                    body: unit,
                    anchor: unit,
                    how: Located::Mention,
                    section: None,
                })
            }
            _ => None,
        }
    }

    /// The leading run of top-level sections (see the module docs). `heading` is the
    /// element's own heading match, if any.
    pub fn leading_run(&self, cx: &Context<'_>, heading: Option<Found>) -> Option<Found> {
        let o = cx.outline;
        let boundaries: Vec<usize> = cx
            .found
            .iter()
            .flatten()
            .filter(|f| f.how == Located::Cue || f.section.is_some_and(|s| cx.is_top(s)))
            .map(|f| f.span.start)
            .collect();
        let start = match heading {
            Some(f) if f.section.is_some_and(|s| cx.is_top(s)) => f.section?,
            Some(f) => return Some(f),
            None => match (0..o.sections.len())
                .find(|&i| cx.is_top(i) && !boundaries.contains(&o.sections[i].heading.start))
            {
                Some(i) => i,
                None => return opening_subsections(cx, &boundaries),
            },
        };
        let first = &o.sections[start];
        let limit = boundaries
            .iter()
            .copied()
            .filter(|&b| b > first.heading.start)
            .min()
            .unwrap_or(o.body.end);
        let end = first.heading.start + cx.hay.text[first.heading.start..limit].trim_end().len();
        let span = Span::new(first.heading.start, end);
        let body = if heading.is_some() {
            Span::new(first.heading.end, end.max(first.heading.end))
        } else {
            span
        };
        Some(Found {
            span,
            body,
            anchor: first.heading,
            how: if heading.is_some() {
                Located::Heading
            } else {
                Located::Leading
            },
            section: Some(start),
        })
    }

    /// Items enumerated in a passage: the larger of the number of outermost headings
    /// and the number of inline `一是…` items within its body.
    pub fn items(cx: &Context<'_>, found: &Found) -> usize {
        let o = cx.outline;
        let headings = o
            .sections
            .iter()
            .filter(|s| {
                found.body.contains(s.heading)
                    && s.parent
                        .is_none_or(|p| !found.body.contains(o.sections[p].heading))
            })
            .count();
        let inline = o
            .items
            .iter()
            .filter(|it| found.body.contains(it.marker))
            .count();
        headings.max(inline)
    }

    /// Everything the criteria need about a found passage.
    pub fn passage<'a>(cx: &Context<'a>, found: &Found, year: Option<i32>) -> Passage<'a> {
        Passage {
            hay: Haystack {
                skip_titles: false,
                ..cx.hay
            },
            span: found.span,
            body: found.body,
            items: Self::items(cx, found),
            year,
        }
    }
}

/// A report that opens with another element's section (`一、党政主要负责人履行……职责情况`)
/// and writes the year's measures as its subsections (`（一）依法全面履行政府职能`…),
/// with no top-level section of their own: the subsections are the measures.
fn opening_subsections(cx: &Context<'_>, boundaries: &[usize]) -> Option<Found> {
    let o = cx.outline;
    let first = (0..o.sections.len()).find(|&i| cx.is_top(i))?;
    let opening = &o.sections[first];
    // Only when that section opens the body: no element found before it.
    if boundaries.iter().any(|&b| b < opening.heading.start) {
        return None;
    }
    let children: Vec<usize> = (first + 1..o.sections.len())
        .filter(|&i| o.sections[i].parent == Some(first))
        .collect();
    if children.len() < MIN_OPENING_SUBSECTIONS {
        return None;
    }
    let start = o.sections[children[0]].heading.start;
    let end = opening.span().end;
    let end = start + cx.hay.text[start..end].trim_end().len();
    let span = Span::new(start, end);
    Some(Found {
        span,
        body: span,
        anchor: o.sections[children[0]].heading,
        how: Located::Leading,
        section: Some(children[0]),
    })
}

/// Subsections an opening section needs for them to be read as the year's measures.
const MIN_OPENING_SUBSECTIONS: usize = 2;

fn next_top_heading(cx: &Context<'_>, after: usize) -> Option<usize> {
    cx.outline
        .sections
        .iter()
        .enumerate()
        .find(|(i, s)| s.heading.start >= after && cx.is_top(*i))
        .map(|(_, s)| s.heading.start)
}
