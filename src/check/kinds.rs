//! What a kind of check is. Each kind is one module of [`check`](super) holding all of
//! it: its YAML shape (`Raw`, strict and kebab-case, with spans), its validation into the
//! compiled form (every rejection a [`PackError`](crate::error::PackError) pointing into
//! the YAML), the compiled form, its run, its Chinese name and its documentation (the
//! module doc, with the YAML shape and an example; `rules/README.md` documents it for
//! pack authors). [`Kind`] is what every kind implements; [`registry!`] lists the kinds
//! once and generates from the list the YAML's `check:` key ([`RawCheck`](super::RawCheck),
//! tagged by the kind's name), a rule's compiled check ([`Check`](super::Check)) and the
//! dispatch between them.
//!
//! Kinds are of two families, by what they answer:
//! - [`DocumentKind`] — document-wide checks (`forbid`, `rate`, …) report [`Hit`]s found
//!   anywhere, which the engine turns into findings under the rule's id and severity;
//! - [`ElementKind`] — `element` and `components` judge one part of the report: a
//!   [`Verdict`] with its status in the checklist (present, weak, missing) and its
//!   findings.
//!
//! Adding a kind (`table`):
//! 1. write `src/check/table.rs`: its module doc opening with `` `table` `` and showing
//!    its YAML in an example; `RawTable` (serde, `deny_unknown_fields`, kebab-case,
//!    `Spanned` where validation may complain); `TableCheck` with `impl Kind` (`NAME`
//!    `"table"`, `LABEL`, `compile`) and `impl DocumentKind` (or `ElementKind`);
//! 2. in `check/mod.rs`, declare it (`pub mod table;`, outside the registry so that
//!    rustfmt sees the file) and add `Table(table::TableCheck),` to the registry;
//! 3. give it a section `` ### `table`：… `` and a row in the table of 检查种类 in
//!    `rules/README.md`.
//!
//! The tests in `check/mod.rs` refuse a kind whose name is not its variant's, that is
//! undocumented in its module or in `rules/README.md`, or that is not registered.

use std::fmt::Debug;

use serde::de::DeserializeOwned;

use super::element::Found;
use super::matcher::{Haystack, Matcher};
use super::scope::{Hit, Scope};
use crate::outline::Outline;
use crate::pack::{Compiling, Pack, PackResult, Rule};
use crate::report::{ElementResult, Finding};

/// A kind of check: its YAML, its validation and its compiled form (the implementing
/// type).
pub(crate) trait Kind: Sized + Clone + Debug {
    /// The kind's key under `check:` in YAML (`time-ref`): the registry's variant name in
    /// kebab-case.
    const NAME: &'static str;
    /// The kind in Chinese, for people (`rules list`, `rules explain`).
    const LABEL: &'static str;
    /// The YAML under the kind's key, as written.
    type Raw: DeserializeOwned + Debug;

    /// Validate the YAML into the compiled check.
    fn compile(raw: &Self::Raw, cx: &Compiling<'_>) -> PackResult<Self>;

    /// What of the check needs the report year, and is skipped without it: the whole
    /// check (`Some(vec![])`), some of its criteria (their ids), or nothing.
    fn needs_year(&self) -> Option<Vec<&str>> {
        None
    }

    /// The matchers whose terms the segmenter must know.
    fn matchers(&self) -> Vec<&Matcher> {
        Vec::new()
    }

    /// Once every rule of the pack is compiled (overrides applied): take what the check
    /// shows of other rules, by rule index (their titles, for messages).
    fn link(&mut self, _titles: &[String]) {}
}

/// A document-wide kind: what it finds anywhere in the document.
pub(crate) trait DocumentKind: Kind {
    /// Every hit, in text order.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit>;
}

/// An element kind: it judges one part of the report, which has a verdict in the
/// checklist as well as findings. Element rules are judged before the document-wide
/// ones, in the pack's evaluation order.
pub(crate) trait ElementKind: Kind {
    /// The verdict of `rule`, whose check this is.
    fn judge(&self, rule: &Rule, cx: &Judging<'_>) -> Verdict;
}

/// What an element kind sees.
pub(crate) struct Judging<'a> {
    /// The text with the pack's placeholders blanked out (same byte positions: an
    /// unfilled skeleton's `【请填写：……】` is no content), and its word index.
    pub hay: Haystack<'a>,
    /// The text as written (placeholders kept).
    pub written: &'a str,
    /// The outline.
    pub outline: &'a Outline,
    /// The pack.
    pub pack: &'a Pack,
    /// The rule's index in the pack.
    pub index: usize,
    /// Where the pack's element rules judged so far were found, by rule index.
    pub found: &'a [Option<Found>],
    /// The report year, if known.
    pub year: Option<i32>,
}

/// What an element kind answers.
pub(crate) struct Verdict {
    /// The element's line in the checklist.
    pub result: ElementResult,
    /// Its findings.
    pub findings: Vec<Finding>,
    /// Where it was found, for the rules judged after it (`not-within`, `order`, …).
    pub found: Option<Found>,
}

/// The finding of an element rule whose element is missing.
pub(crate) fn missing(rule: &Rule) -> Finding {
    let help = match (&rule.help, &rule.placement) {
        (Some(h), Some(p)) => Some(format!("{h}。{p}")),
        (h, p) => h.clone().or_else(|| p.clone()),
    };
    Finding {
        rule: rule.full_id.clone(),
        criterion: None,
        severity: rule.severity,
        message: rule.message.clone(),
        help,
        span: None,
        labels: Vec::new(),
        fingerprint: String::new(),
        fix: None,
        restyle: None,
    }
}

/// Lists the kinds once, element kinds first, each as `Variant(module::Type)`, and
/// generates [`RawCheck`](super::RawCheck), [`Check`](super::Check), their dispatch and
/// [`KINDS`](super::KINDS). The YAML key of a kind is its variant name in kebab-case
/// (`TimeRef` → `time-ref`), as serde names it.
macro_rules! registry {
    (
        element { $($ev:ident($em:ident::$et:ident),)+ }
        document { $($dv:ident($dm:ident::$dt:ident),)+ }
    ) => {
        /// The YAML under `check:`: one kind's key and its settings.
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub(crate) enum RawCheck {
            $($ev(Box<<$em::$et as $crate::check::kinds::Kind>::Raw>),)+
            $($dv(Box<<$dm::$dt as $crate::check::kinds::Kind>::Raw>),)+
        }

        /// The kinds of check: a rule's compiled check.
        #[derive(Clone, Debug)]
        pub enum Check {
            $(#[doc = concat!("[`", stringify!($em), "`]: ", stringify!($et), ".")]
              $ev(Box<$em::$et>),)+
            $(#[doc = concat!("[`", stringify!($dm), "`]: ", stringify!($dt), ".")]
              $dv(Box<$dm::$dt>),)+
        }

        /// Every kind: its YAML key, its Chinese name and its module, in registry order.
        pub const KINDS: &[(&str, &str, &str)] = &[
            $((<$em::$et as $crate::check::kinds::Kind>::NAME,
               <$em::$et as $crate::check::kinds::Kind>::LABEL,
               stringify!($em)),)+
            $((<$dm::$dt as $crate::check::kinds::Kind>::NAME,
               <$dm::$dt as $crate::check::kinds::Kind>::LABEL,
               stringify!($dm)),)+
        ];

        /// Each variant's name as serde writes it: what [`Kind::NAME`] must say.
        #[cfg(test)]
        const VARIANTS: &[&str] = &[$(stringify!($ev),)+ $(stringify!($dv),)+];

        impl Check {
            /// Validate the YAML of a check.
            pub(crate) fn compile(
                raw: &RawCheck,
                cx: &$crate::pack::Compiling<'_>,
            ) -> $crate::pack::PackResult<Check> {
                use $crate::check::kinds::Kind;
                Ok(match raw {
                    $(RawCheck::$ev(r) => Check::$ev(Box::new($em::$et::compile(r, cx)?)),)+
                    $(RawCheck::$dv(r) => Check::$dv(Box::new($dm::$dt::compile(r, cx)?)),)+
                })
            }

            /// Whether the rule judges an element (and so has a verdict in the checklist).
            pub fn is_element(&self) -> bool {
                matches!(self, $(Check::$ev(_))|+)
            }

            /// The check kind in Chinese, for people (`rules list`, `rules explain`).
            pub fn label(&self) -> &'static str {
                use $crate::check::kinds::Kind;
                match self {
                    $(Check::$ev(_) => $em::$et::LABEL,)+
                    $(Check::$dv(_) => $dm::$dt::LABEL,)+
                }
            }

            /// The check kind as written in YAML.
            pub fn kind(&self) -> &'static str {
                use $crate::check::kinds::Kind;
                match self {
                    $(Check::$ev(_) => $em::$et::NAME,)+
                    $(Check::$dv(_) => $dm::$dt::NAME,)+
                }
            }

            /// What of the check needs the report year, and is skipped without it: the
            /// whole check (`Some(vec![])`), some of an element's criteria (their ids),
            /// or nothing.
            pub fn needs_year(&self) -> Option<Vec<&str>> {
                use $crate::check::kinds::Kind;
                match self {
                    $(Check::$ev(c) => c.needs_year(),)+
                    $(Check::$dv(c) => c.needs_year(),)+
                }
            }

            /// The matchers whose terms the segmenter must know.
            pub(crate) fn matchers(&self) -> Vec<&Matcher> {
                use $crate::check::kinds::Kind;
                match self {
                    $(Check::$ev(c) => c.matchers(),)+
                    $(Check::$dv(c) => c.matchers(),)+
                }
            }

            /// Take what the check shows of the pack's other rules.
            pub(crate) fn link(&mut self, titles: &[String]) {
                use $crate::check::kinds::Kind;
                match self {
                    $(Check::$ev(c) => c.link(titles),)+
                    $(Check::$dv(c) => c.link(titles),)+
                }
            }

            /// The verdict of an element rule; `None` for a document-wide one.
            pub(crate) fn judge(
                &self,
                rule: &Rule,
                cx: &$crate::check::kinds::Judging<'_>,
            ) -> Option<$crate::check::kinds::Verdict> {
                use $crate::check::kinds::ElementKind;
                match self {
                    $(Check::$ev(c) => Some(c.judge(rule, cx)),)+
                    $(Check::$dv(_))|+ => None,
                }
            }

            /// The hits of a document-wide rule; none for an element rule.
            pub(crate) fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
                use $crate::check::kinds::DocumentKind;
                match self {
                    $(Check::$ev(_))|+ => Vec::new(),
                    $(Check::$dv(c) => c.run(cx),)+
                }
            }
        }
    };
}

pub(crate) use registry;
