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
//! Invariants:
//! 1. One text, one coordinate system: a [`Span`] is a byte range into
//!    [`Document::text`]; line and character column are derived at the edge.
//! 2. The packs are data; the kinds of check are Rust ([`pack::Check`]).
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
#[doc(hidden)]
pub mod fuzzing;
pub mod outline;
pub mod pack;
pub mod render;
pub mod report;
pub mod script;
pub mod segment;
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
