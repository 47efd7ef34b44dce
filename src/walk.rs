//! Expanding command-line paths into report files: files as given, folders walked
//! recursively for `.txt`/`.md` (hidden entries skipped), in sorted order.

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
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if Format::is_report_file(&path) && !is_readme(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// `README.md` in a folder of reports documents the folder; it is not a report.
fn is_readme(path: &Path) -> bool {
    path.file_stem()
        .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case("readme"))
}
