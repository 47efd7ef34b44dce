//! Expanding command-line paths into report files: files as given, folders walked
//! recursively for `.txt`/`.md`/`.html`, in sorted order, skipping hidden entries and whatever
//! `.gitignore` (also outside a git checkout), `.git/info/exclude` or `.ignore` excludes
//! — a report repository's drafts and exports stay out when it says so.

use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::error::Error;

/// What walking the paths found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The report files, in order.
    pub files: Vec<PathBuf>,
    /// Entries of the folders that could not be walked (a broken or looping link, an
    /// unreadable folder): reported, while the rest is still checked.
    pub broken: Vec<Error>,
}

/// The report files named by `paths`, in order; a missing path or a folder with no
/// report is an error.
pub fn report_files(paths: &[PathBuf]) -> Result<Walked, Error> {
    let mut out = Vec::new();
    let mut broken = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path: path.clone() },
            _ => Error::io(path, &e),
        })?;
        if meta.is_dir() {
            let (before, broken_before) = (out.len(), broken.len());
            walk(path, &mut out, &mut broken);
            if out.len() == before && broken.len() == broken_before {
                return Err(Error::NoInput { path: path.clone() });
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(Walked { files: out, broken })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, broken: &mut Vec<Error>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            // A broken entry is the user's to know about …
            Err(e) => {
                if let Some(b) = broken_entry(&e, dir) {
                    broken.push(b);
                }
                // … a malformed `.gitignore` line only loses that line.
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file())
            && Format::is_report_file(path)
            && !is_readme(path)
        {
            out.push(path.to_path_buf());
        }
    }
}

/// The Chinese error for an entry the walk could not enter or follow; `None` for a
/// mistake in an ignore file, which only loses its line.
fn broken_entry(e: &ignore::Error, dir: &Path) -> Option<Error> {
    match e {
        ignore::Error::WithPath { path, err } => match broken_entry(err, path)? {
            Error::Io { reason, .. } => Some(Error::Io {
                path: path.clone(),
                reason,
            }),
            other => Some(other),
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            broken_entry(err, dir)
        }
        ignore::Error::Loop { ancestor, child } => Some(Error::Io {
            path: child.clone(),
            reason: format!(
                "链接形成循环（指向上级文件夹 {}），已跳过",
                ancestor.display()
            ),
        }),
        ignore::Error::Io(io) => Some(if io.kind() == std::io::ErrorKind::NotFound {
            Error::Io {
                path: dir.to_path_buf(),
                reason: "链接失效（指向的文件或文件夹不存在），已跳过".to_owned(),
            }
        } else {
            Error::io(dir, io)
        }),
        _ => None,
    }
}

/// `README.md` in a folder of reports documents the folder; it is not a report.
fn is_readme(path: &Path) -> bool {
    path.file_stem()
        .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case("readme"))
}
