//! Shared by the integration tests: one engine per test binary and the fixture names.
// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

use std::sync::LazyLock;

use reportlint::{Engine, Pack};

/// The shipped packs, built once (loading the segmenter's dictionary is the slow part).
pub(crate) static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Pack::builtin()));

/// The five real reports in `fixtures/reports/`, by file stem.
pub(crate) const FIXTURES: [&str; 5] = [
    "xixiang-2020",
    "wuqing-2020",
    "baoan-fgj-2020",
    "haian-2023",
    "shengshan-2019",
];
