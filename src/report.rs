//! What a check produces: element statuses and findings. Plain data, sorted, no text.

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a finding is. Ordered, so `--fail-on` is a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never a defect by itself.
    Info,
    /// Weak or questionable; a reviewer would ask for more.
    Warning,
    /// A required element is missing or wrong.
    Error,
}

impl Severity {
    /// Chinese name for people.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

/// A labelled place in the text that a finding points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// What is here.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// One problem found in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Full rule id, `pack/rule`.
    pub rule: String,
    /// The failed criterion or missing component, if the finding is about one.
    pub criterion: Option<String>,
    /// Severity after any pack or command-line adjustment.
    pub severity: Severity,
    /// What was measured and what was expected, in Chinese.
    pub message: String,
    /// What to add or change.
    pub help: Option<String>,
    /// The primary place; `None` for something missing altogether.
    pub span: Option<Span>,
    /// Further places.
    pub labels: Vec<Label>,
    /// Stable identity across edits elsewhere in the file ([`crate::fingerprint`]),
    /// set by the engine once the document's findings are complete.
    pub fingerprint: String,
    /// The correction, where the check knows it.
    pub fix: Option<Fix>,
    /// A formatting correction of a Word document, where the check knows it.
    pub restyle: Option<Restyle>,
}

impl Finding {
    /// How certain its correction is, text or formatting; `None` without one.
    pub fn fix_safety(&self) -> Option<Safety> {
        self.fix
            .as_ref()
            .map(|x| x.safety)
            .or(self.restyle.as_ref().map(|r| r.safety))
    }
}

/// A formatting correction of a Word document: the page setup or the formatting of some
/// paragraphs set to the pack's values. `annotate --fix` writes it as a formatting
/// revision (`w:sectPrChange`, `w:pPrChange`, `w:rPrChange`), so that rejecting it
/// restores the old formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restyle {
    /// Whether it is certain.
    pub safety: Safety,
    /// What to set.
    pub change: Change,
}

impl Restyle {
    /// Whether it is applied when unsafe fixes are (`true`) or are not allowed.
    pub fn applies(&self, unsafe_fixes: bool) -> bool {
        unsafe_fixes || self.safety == Safety::Safe
    }
}

/// What a [`Restyle`] sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The page setup of the last section.
    Page(PageSetup),
    /// The formatting of the paragraphs whose text is at `at` (each a whole paragraph of
    /// the main text).
    Paragraphs {
        /// The paragraphs' text.
        at: Vec<Span>,
        /// What to set on them.
        set: ParagraphSetup,
    },
}

/// Paragraph and character formatting to set on whole paragraphs; `None`: left as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParagraphSetup {
    /// East Asian font (`w:rFonts/@w:eastAsia`) of every run.
    pub font: Option<String>,
    /// Size of every run, in half-points (`w:sz`, `w:szCs`).
    pub size: Option<u32>,
    /// Text colour of every run: six hex digits, or `auto`.
    pub color: Option<String>,
    /// Alignment (`w:jc`).
    pub align: Option<String>,
    /// First-line indent in hundredths of a character (`w:ind/@w:firstLineChars`; 0
    /// takes the indent away).
    pub first_line_chars: Option<u32>,
    /// Exact line spacing in twips (`w:spacing/@w:line`, `@w:lineRule="exact"`).
    pub line_exact: Option<u32>,
}

impl ParagraphSetup {
    /// Whether `other` sets a value these set otherwise.
    pub fn clashes(&self, other: &ParagraphSetup) -> bool {
        fn differ<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
            matches!((a, b), (Some(x), Some(y)) if x != y)
        }
        differ(&self.font, &other.font)
            || differ(&self.size, &other.size)
            || differ(&self.color, &other.color)
            || differ(&self.align, &other.align)
            || differ(&self.first_line_chars, &other.first_line_chars)
            || differ(&self.line_exact, &other.line_exact)
    }

    /// `other`'s values over these.
    pub fn merge(&mut self, other: &ParagraphSetup) {
        macro_rules! over {
            ($($f:ident),*) => {$(
                if other.$f.is_some() {
                    self.$f.clone_from(&other.$f);
                }
            )*};
        }
        over!(font, size, color, align, first_line_chars, line_exact);
    }
}

/// Page size (portrait) and margins of the last section, in twips.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageSetup {
    /// `w:pgSz` `w:w` and `w:h`.
    pub paper: Option<(u32, u32)>,
    /// `w:pgMar` `w:top`.
    pub top: Option<u32>,
    /// `w:pgMar` `w:bottom`.
    pub bottom: Option<u32>,
    /// `w:pgMar` `w:left`.
    pub left: Option<u32>,
    /// `w:pgMar` `w:right`.
    pub right: Option<u32>,
}

impl PageSetup {
    /// `other`'s values over these.
    pub fn merge(&mut self, other: &PageSetup) {
        self.paper = other.paper.or(self.paper);
        self.top = other.top.or(self.top);
        self.bottom = other.bottom.or(self.bottom);
        self.left = other.left.or(self.left);
        self.right = other.right.or(self.right);
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// Certain: a confusable word, a zero-padded date. `fix` and `annotate --fix` apply it.
    Safe,
    /// Likely but needs a person: applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Safety {
    /// The mark `check` shows after a finding that has such a fix.
    pub fn mark(self) -> &'static str {
        match self {
            Safety::Safe => "[可自动修正]",
            Safety::Unsafe => "[可修正，需确认]",
        }
    }
}

/// A correction: the text at `span` (exactly the text replaced) becomes `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The text replaced.
    pub span: Span,
    /// What it becomes.
    pub replacement: String,
    /// Whether it is certain.
    pub safety: Safety,
}

impl Fix {
    /// Whether the fix is applied when unsafe fixes are (`true`) or are not allowed.
    pub fn applies(&self, unsafe_fixes: bool) -> bool {
        unsafe_fixes || self.safety == Safety::Safe
    }
}

/// Whether a required element was found, and how well.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Found, and every criterion holds.
    Present,
    /// Found, but at least one criterion fails.
    Weak,
    /// Neither a section nor a substantive mention was found.
    Missing,
}

impl Status {
    /// The reviewer's mark: ✓ △ ✗.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Present => "✓",
            Status::Weak => "△",
            Status::Missing => "✗",
        }
    }
}

/// How an element was located.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Located {
    /// A heading matched one of its aliases.
    Heading,
    /// A cue sentence opened an unheaded passage.
    Cue,
    /// A sentence or item mentions it.
    Mention,
    /// The leading sections before any other element.
    Leading,
    /// Its components were found across the document.
    Components,
    /// Only a document about it is cited as implemented.
    Cited,
}

/// One component of an element (e.g. 行政执法公示 of the 三项制度).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentResult {
    /// Component id.
    pub id: String,
    /// Present or missing.
    pub status: Status,
    /// The first place it is mentioned.
    pub span: Option<Span>,
}

/// The verdict on one element of a pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementResult {
    /// Element id (the rule's short id).
    pub id: String,
    /// The rule's full id (`pack/rule`): unique where two packs share an element id.
    pub rule: String,
    /// Present, weak or missing.
    pub status: Status,
    /// The whole passage.
    pub span: Option<Span>,
    /// Its heading, cue sentence or mention.
    pub anchor: Option<Span>,
    /// How it was located.
    pub located: Option<Located>,
    /// Components, for elements that have them.
    pub components: Vec<ComponentResult>,
}

/// Sort findings: spanless ones (missing elements) first in pack order, then by
/// position, then by rule id. Stable, so pack order breaks the remaining ties.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| f.span.map(|s| (s.start, s.end));
        key(a).cmp(&key(b))
    });
}
