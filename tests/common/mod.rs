//! Shared by the integration tests: one engine per test binary and the fixture names.
// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

use std::path::Path;
use std::sync::LazyLock;

use assert_cmd::Command;

use reportlint::report::{ElementResult, Status};
use reportlint::{Checked, Engine, Pack};

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

/// The verdict on element `id`.
pub(crate) fn element<'a>(c: &'a Checked, id: &str) -> &'a ElementResult {
    c.elements
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no element {id}"))
}

/// The status of element `id`.
pub(crate) fn status(c: &Checked, id: &str) -> Status {
    element(c, id).status
}

/// The built binary, colours off.
pub(crate) fn reportlint() -> Command {
    let mut cmd = Command::cargo_bin("reportlint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// What a run printed and how it ended.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Run the binary with `args`.
pub(crate) fn run(args: &[&str]) -> Run {
    run_in(Path::new("."), args)
}

/// Run the binary with `args` from folder `dir`.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = reportlint().current_dir(dir).args(args).output().unwrap();
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Run with `--format json` and parse the output.
pub(crate) fn json(args: &[&str]) -> serde_json::Value {
    let r = run(&[args, &["--format", "json"]].concat());
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}
