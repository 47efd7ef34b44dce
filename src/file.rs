//! Reading input files — reports, packs, configs, baselines — through one door: only
//! regular files (a named pipe, a device or a socket is refused at once, before any
//! read could block), and never more bytes than the file's kind allows, counted as they
//! are read (the size the file system reports is 0 for `/dev/zero` and for pipes).

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// What is read, and how much of it at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A report (.docx, .html, .txt, .md): 64 MiB.
    Report,
    /// A rule pack (YAML): 4 MiB.
    Pack,
    /// A `reportlint.toml`: 1 MiB.
    Config,
    /// A baseline (JSON): 64 MiB.
    Baseline,
}

impl Kind {
    /// The most bytes read.
    pub const fn limit(self) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self {
            Kind::Report | Kind::Baseline => 64 * MIB,
            Kind::Pack => 4 * MIB,
            Kind::Config => MIB,
        }
    }
}

/// The bytes of `path`, if it is a regular file (links followed) of at most
/// `kind.limit()` bytes.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_path_buf(),
        },
        _ => Error::io(path, &e),
    })?;
    regular(path, &meta)?;
    let limit = kind.limit();
    if meta.len() > limit {
        return Err(too_large(path, meta.len(), limit));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    // The file may have been swapped between the look and the open.
    regular(path, &file.metadata().map_err(|e| Error::io(path, &e))?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// [`read`] as UTF-8 text; `None` when the bytes are not UTF-8 (the caller says what
/// that means for its kind of file).
pub fn read_text(path: &Path, kind: Kind) -> Result<Option<String>, Error> {
    Ok(String::from_utf8(read(path, kind)?).ok())
}

fn regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), Error> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    let what = if t.is_dir() {
        "是一个文件夹"
    } else {
        special_kind(&t)
    };
    Err(Error::NotRegular {
        path: path.to_path_buf(),
        what,
    })
}

#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "是命名管道（FIFO）"
    } else if t.is_char_device() || t.is_block_device() {
        "是设备文件"
    } else if t.is_socket() {
        "是套接字"
    } else {
        "不是普通文件"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "不是普通文件"
}

fn too_large(path: &Path, size: u64, limit: u64) -> Error {
    Error::TooLarge {
        path: path.to_path_buf(),
        size_mib: size.div_ceil(1024 * 1024),
        limit_mib: limit / (1024 * 1024),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_and_a_folder_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "报告").unwrap();
        assert_eq!(read(&file, Kind::Report).unwrap(), "报告".as_bytes());
        let e = read(dir.path(), Kind::Report).unwrap_err().to_string();
        assert!(e.contains("是一个文件夹"), "{e}");
        let e = read(&dir.path().join("none.txt"), Kind::Pack).unwrap_err();
        assert!(matches!(e, Error::NotFound { .. }));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        // `/dev/zero` reports size 0 and never ends; it must be refused, not read.
        let e = read(Path::new("/dev/zero"), Kind::Report)
            .unwrap_err()
            .to_string();
        assert!(e.contains("设备文件"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.yaml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let e = read(&link, Kind::Pack).unwrap_err().to_string();
        assert!(e.contains("设备文件") && e.contains("zero.yaml"), "{e}");
    }
}
