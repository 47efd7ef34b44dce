//! The fuzz regressions, replayed on stable: every file under
//! `fuzz/regressions/<target>/` (inputs that once crashed a fuzz target or broke one of
//! its oracles, minimal inputs for the defects of issue 15, and a small curated corpus)
//! goes through the same oracle as the fuzz target of that name
//! (`reportlint::fuzzing`). A failure names the file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use reportlint::fuzzing::TARGETS;

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

/// Replay every file of `fuzz/regressions/<target>/` through its oracle.
fn replay(target: &str) {
    let (_, oracle) = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no fuzz target {target}"));
    let dir = regressions().join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no inputs", dir.display());
    let failed: Vec<String> = files
        .iter()
        .filter(|file| {
            let bytes = std::fs::read(file).unwrap();
            catch_unwind(AssertUnwindSafe(|| oracle(&bytes))).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(failed.is_empty(), "broke the {target} oracle: {failed:#?}");
}

#[test]
fn text() {
    replay("text");
}

#[test]
fn docx() {
    replay("docx");
}

#[test]
fn xml_part() {
    replay("xml_part");
}

#[test]
fn html() {
    replay("html");
}

#[test]
fn pack() {
    replay("pack");
}

#[test]
fn config() {
    replay("config");
}

#[test]
fn annotate() {
    replay("annotate");
}

/// Every folder of regressions is a target that is replayed, and every target has its
/// folder and its fuzz target.
#[test]
fn every_target_has_its_folder_and_fuzz_target() {
    let folders: Vec<String> = std::fs::read_dir(regressions())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for folder in &folders {
        assert!(
            TARGETS.iter().any(|(name, _)| name == folder),
            "fuzz/regressions/{folder} is not a fuzz target"
        );
    }
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/Cargo.toml"))
            .unwrap();
    for (name, _) in TARGETS {
        assert!(
            folders.iter().any(|f| f == name),
            "no fuzz/regressions/{name}"
        );
        assert!(
            manifest.contains(&format!("path = \"fuzz_targets/{name}.rs\"")),
            "no fuzz target {name} in fuzz/Cargo.toml"
        );
    }
}
