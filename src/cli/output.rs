//! Output files (`-o`, `--write-baseline`), checked before any report is read: a
//! folder, a folder that does not exist, or a name whose extension says another kind
//! of file is an error (exit code 2), never a file of the wrong kind.

use std::path::Path;

/// The kinds of file the commands write, with the extensions that name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A Word document.
    Word,
    /// An Excel workbook.
    Excel,
    /// CSV.
    Csv,
    /// One web page.
    Html,
    /// Markdown text.
    Markdown,
    /// Plain text.
    Text,
}

impl Kind {
    /// What the kind is called.
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Word => "Word 文档",
            Kind::Excel => "Excel 工作簿",
            Kind::Csv => "CSV 表格",
            Kind::Html => "网页",
            Kind::Markdown | Kind::Text => "文本",
        }
    }

    /// The extensions a file of this kind has, the usual one first.
    pub(super) fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Word => &["docx", "docm"],
            Kind::Excel => &["xlsx"],
            Kind::Csv => &["csv"],
            Kind::Html => &["html", "htm"],
            Kind::Markdown => &["md", "markdown", "txt"],
            Kind::Text => &["txt", "md"],
        }
    }
}

/// The extension of `path`, in lower case.
pub(super) fn extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// The kind among `kinds` that `path`'s extension names; `Ok(None)` without an
/// extension; an error naming the allowed extensions otherwise.
pub(super) fn kind_of(path: &Path, kinds: &[Kind], command: &str) -> Result<Option<Kind>, String> {
    let Some(ext) = extension(path) else {
        return Ok(None);
    };
    if let Some(kind) = kinds
        .iter()
        .find(|k| k.extensions().contains(&ext.as_str()))
    {
        return Ok(Some(*kind));
    }
    let mut allowed: Vec<String> = Vec::new();
    for kind in kinds {
        let exts: Vec<String> = kind
            .extensions()
            .iter()
            .filter(|e| !allowed.iter().any(|a| a.contains(&format!(".{e}"))))
            .map(|e| format!(".{e}"))
            .collect();
        if !exts.is_empty() {
            allowed.push(format!("{}（{}）", exts.join("、"), kind.name()));
        }
    }
    Err(format!(
        "错误：{command} 不能写出 .{ext} 文件。-o 的文件名可以用这些扩展名：{}",
        allowed.join("；")
    ))
}

/// An error unless `path` ends with one of `kind`'s extensions: `what` (`annotate `,
/// `--format xlsx `) writes that kind; `hint` says what else the user may do.
pub(super) fn require(path: &Path, kind: Kind, what: &str, hint: &str) -> Result<(), String> {
    match extension(path) {
        Some(ext) if kind.extensions().contains(&ext.as_str()) => Ok(()),
        ext => {
            let ext = ext.map_or_else(|| "没有扩展名".to_owned(), |e| format!("以 .{e} 结尾"));
            let name = kind.name();
            let space = if name.starts_with(|c: char| c.is_ascii()) {
                " "
            } else {
                ""
            };
            Err(format!(
                "错误：{what}写出的是{space}{name}，但 -o 给出的文件名 {} {ext}；请改为 {}{hint}",
                path.display(),
                path.with_extension(kind.extensions()[0]).display()
            ))
        }
    }
}

/// An error when `path` cannot be a file to write: it is a folder, or its folder is
/// missing.
pub(super) fn writable(path: &Path, example: &str) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!(
            "错误：{} 是一个文件夹；请写出文件名，如 {}",
            path.display(),
            path.join(example).display()
        ));
    }
    not_special(path)?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    match parent {
        Some(dir) if !dir.exists() => Err(format!(
            "错误：无法写入 {}：文件夹 {} 不存在；请先建立该文件夹，或换一个位置",
            path.display(),
            dir.display()
        )),
        Some(dir) if !dir.is_dir() => Err(format!(
            "错误：无法写入 {}：{} 不是文件夹",
            path.display(),
            dir.display()
        )),
        _ => Ok(()),
    }
}

/// An error when `path` exists and is neither a regular file nor a folder (a device such
/// as `/dev/null`, a pipe, a socket): writing would replace it with a file.
fn not_special(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Err(format!(
            "错误：{} 不是普通文件（是设备、管道或套接字），不能用作输出文件；请换一个文件名",
            path.display()
        )),
        _ => Ok(()),
    }
}

/// An error when `output` is one of `inputs`: the same file by device and inode, so
/// also through a hard link, a symbolic link or `./`.
pub(super) fn not_an_input(output: &Path, inputs: &[&Path]) -> Result<(), String> {
    match inputs
        .iter()
        .find(|i| same_file::is_same_file(i, output).unwrap_or(false))
    {
        Some(input) => Err(format!(
            "错误：输出文件 {} 与输入文件 {} 是同一个文件（同名、链接或硬链接）；为保护原文件，\
             请用 -o 指定另一个文件名",
            output.display(),
            input.display()
        )),
        None => Ok(()),
    }
}

/// Write `bytes` to `path` whole or not at all: into a temporary file beside it, then
/// renamed over it, so a failure leaves no half-written file. `inputs` are checked
/// again first (a file may have been linked since the run began).
pub(super) fn save(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), String> {
    not_an_input(path, inputs)?;
    not_special(path)?;
    let fail = |e: &std::io::Error| {
        format!(
            "错误：无法写入 {}：{}",
            path.display(),
            reportlint::error::io_reason(e)
        )
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".reportlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(&e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| fail(&e))?;
    keep_permissions(path, tmp.as_file()).map_err(|e| fail(&e))?;
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

/// The temporary file is private; the output gets the permissions of the file it
/// replaces, or the usual ones of a new document.
#[cfg(unix)]
fn keep_permissions(path: &Path, tmp: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
    tmp.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_permissions(_: &Path, _: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_name_kinds() {
        let kinds = [Kind::Word, Kind::Markdown];
        assert_eq!(
            kind_of(Path::new("a.DOCX"), &kinds, "template"),
            Ok(Some(Kind::Word))
        );
        assert_eq!(kind_of(Path::new("a"), &kinds, "template"), Ok(None));
        let err = kind_of(Path::new("a.pdf"), &kinds, "template").unwrap_err();
        assert!(
            err.contains(".pdf") && err.contains(".docx") && err.contains(".md"),
            "{err}"
        );
        assert!(require(Path::new("a.docx"), Kind::Word, "annotate ", "").is_ok());
        let err = require(Path::new("a.txt"), Kind::Word, "annotate ", "").unwrap_err();
        assert!(
            err.contains("以 .txt 结尾") && err.contains("a.docx"),
            "{err}"
        );
        assert!(require(Path::new("a"), Kind::Word, "annotate ", "").is_err());
    }

    #[test]
    fn folders_are_not_files() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            writable(dir.path(), "x.txt")
                .unwrap_err()
                .contains("是一个文件夹")
        );
        let missing = dir.path().join("no").join("x.txt");
        assert!(writable(&missing, "x.txt").unwrap_err().contains("不存在"));
        assert!(writable(&dir.path().join("x.txt"), "x.txt").is_ok());
        assert!(writable(Path::new("x.txt"), "x.txt").is_ok());
    }
}
