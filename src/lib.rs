//! `reportlint` checks Chinese annual reports on rule-of-law government construction
//! (《法治政府建设情况报告》) against declarative YAML rule packs.
//!
//! ```text
//! .txt/.md ─ document::decode ─┐
//! .html    ─ document::html   ─┼─▶ Document { text, outline } ─ check::Engine ─▶ Checked
//! .docx    ─ document::docx   ─┘                                   ▲              │
//!                        rules/*.yaml ─ pack::Pack::from_yaml ──────┘              ▼
//!                     render::{human, json, sarif, github, summary}, annotate (Word comments)
//! ```
//!
//! A rule's `check:` is one of the kinds of check, each a module of [`check`]
//! (`check::forbid`, `check::element`, …) holding its YAML, its validation (called by
//! `pack` while loading), its compiled form and its run (called by the engine); the
//! registry in `check` lists them once.
//!
//! [`serve`] puts the same pipeline behind a local web page and JSON API: uploads are
//! read from memory ([`Document::from_bytes`]) and checked by one shared [`Engine`].
//!
//! Invariants:
//! 1. One text, one coordinate system: a [`Span`] is a byte range into
//!    [`Document::text`]; line and character column are derived at the edge.
//! 2. The packs are data; the kinds of check are Rust ([`pack::Check`]), one module
//!    each: adding a kind is its module and a line in the registry.
//! 3. One [`segment::Segmenter`] (jieba) per run, shared across threads; each document
//!    is segmented once.
//! 4. Output is deterministic: findings are sorted, no hash order reaches output.
//! 5. The library never prints and never exits; errors are [`Error`] values.

pub mod annotate;
pub mod baseline;
pub mod check;
pub mod config;
pub mod document;
pub mod error;
pub mod file;
pub mod fingerprint;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod outline;
pub mod pack;
pub mod render;
pub mod report;
pub mod script;
pub mod segment;
pub mod serve;
pub mod span;
pub mod summary;
pub mod template;
mod translate;
pub mod walk;

pub use check::{Checked, Engine};
pub use document::{Document, Format};
pub use error::Error;
pub use pack::Pack;
pub use report::{Finding, Severity, Status};
pub use span::Span;
