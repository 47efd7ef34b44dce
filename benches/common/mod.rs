//! Shared by the benchmarks: the repository root, the release binary they time, and
//! the peak memory of a run of it.
// Each benchmark compiles this module and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root.
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/release/reportlint`, built (or brought up to date) first, so that a stale
/// binary is never the one measured.
pub(crate) fn release_binary() -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet"])
        .current_dir(root())
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cargo build --release failed: {status}");
    target.join("release").join("reportlint")
}

/// Run `binary args` (from the repository root, output discarded) under GNU
/// `time -v` where it is installed; returns the exit code and the peak RSS in KiB.
pub(crate) fn run_measured(binary: &Path, args: &[&str]) -> (Option<i32>, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(binary);
        c
    } else {
        Command::new(binary)
    };
    let out = cmd
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .output()
        .expect("run reportlint");
    // GNU time writes its report to stderr, after the child's own.
    let rss = String::from_utf8_lossy(&out.stderr).lines().find_map(|l| {
        l.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|v| v.trim().parse().ok())
    });
    (out.status.code(), rss)
}
