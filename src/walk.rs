//! Expanding command-line paths into report files: files as given, folders walked
//! recursively for `.txt`/`.md`/`.html`, in sorted order, skipping hidden entries and whatever
//! `.gitignore` (also outside a git checkout), `.git/info/exclude` or `.ignore` excludes
//! — a report repository's drafts and exports stay out when it says so.

use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::error::Error;

/// The report files named by `paths`, in order; a missing path or an empty folder is
/// an error.
pub fn report_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path: path.clone() },
            _ => Error::io(path, &e),
        })?;
        if meta.is_dir() {
            let before = out.len();
            walk(path, &mut out)?;
            if out.len() == before {
                return Err(Error::NoInput { path: path.clone() });
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
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
            // An unreadable folder or file is the user's to know about …
            Err(e) if e.io_error().is_some() => {
                let path = match &e {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => dir.to_path_buf(),
                };
                return Err(Error::io(&path, e.io_error().expect("checked")));
            }
            // … a malformed `.gitignore` line only loses that line.
            Err(_) => continue,
        };
        let path = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file())
            && Format::is_report_file(path)
            && !is_readme(path)
        {
            out.push(path.to_path_buf());
        }
    }
    Ok(())
}

/// `README.md` in a folder of reports documents the folder; it is not a report.
fn is_readme(path: &Path) -> bool {
    path.file_stem()
        .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case("readme"))
}
