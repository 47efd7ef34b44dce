//! Hostile input through the binary: special files are refused at once, the input is
//! never written, and a folder run survives its bad entries.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::reportlint;

/// A run that must end by itself: a read that blocks would hang here, so the guard
/// kills it (a guard against hanging, not a speed test).
fn run_guarded(args: &[&str]) -> (i32, String) {
    let out = reportlint()
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo");
}

const REPORT: &str = "fixtures/reports/haian-2023.txt";

#[test]
fn pipes_and_devices_are_refused_as_every_kind_of_input() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("报告.txt");
    mkfifo(&fifo);
    let zero = dir.path().join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let fifo = fifo.to_str().unwrap();
    let zero = zero.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["check", fifo], "是命名管道"),
        (&["check", "--pack", fifo, REPORT], "是命名管道"),
        (&["check", "--pack", zero, REPORT], "是设备文件"),
        (&["check", "--config", fifo, REPORT], "是命名管道"),
        (&["check", "--config", "/dev/null", REPORT], "是设备文件"),
        (&["check", "--baseline", fifo, REPORT], "是命名管道"),
        (&["summary", fifo], "是命名管道"),
    ];
    for (args, said) in cases {
        let (code, stderr) = run_guarded(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(!stderr.contains("不存在"), "{args:?}: {stderr}");
    }
    // A report named .txt that links to /dev/zero is a device, not 64 MiB of zeros.
    let link = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let (code, stderr) = run_guarded(&["check", link.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("是设备文件"), "{stderr}");
}

/// Every way of naming the input again as the output is refused, and the input's bytes
/// stay as they were; a good output is written whole.
#[test]
fn the_input_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.docx");
    std::fs::copy("fixtures/docx/haian-2023.docx", &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let hard = dir.path().join("硬链接.docx");
    std::fs::hard_link(&input, &hard).unwrap();
    let soft = dir.path().join("软链接.docx");
    std::os::unix::fs::symlink(&input, &soft).unwrap();
    let dotted = dir.path().join(".").join("报告.docx");
    let input_s = input.to_str().unwrap();
    for out in [&hard, &soft, &dotted, &input] {
        let (code, stderr) = run_guarded(&["annotate", input_s, "-o", out.to_str().unwrap()]);
        assert_eq!(code, 2, "{}: {stderr}", out.display());
        assert!(stderr.contains("是同一个文件"), "{stderr}");
    }
    // summary -o and check --write-baseline over a report are refused too.
    let txt = dir.path().join("报告.txt");
    std::fs::copy(REPORT, &txt).unwrap();
    let txt_before = std::fs::read(&txt).unwrap();
    let linked = dir.path().join("汇总.csv");
    std::fs::hard_link(&txt, &linked).unwrap();
    let txt_s = txt.to_str().unwrap();
    let (code, stderr) = run_guarded(&["summary", txt_s, "-o", linked.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("是同一个文件"), "{stderr}");
    let (code, stderr) = run_guarded(&["check", txt_s, "--write-baseline", txt_s]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("是同一个文件"), "{stderr}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert_eq!(std::fs::read(&txt).unwrap(), txt_before);

    // A real output: written whole, readable by everyone the folder allows, no
    // temporary file left beside it.
    let out = dir.path().join("批注.docx");
    let (code, stderr) = run_guarded(&["annotate", input_s, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read(&out).unwrap();
    assert!(zip::ZipArchive::new(std::io::Cursor::new(written)).is_ok());
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

/// A broken link and a link loop in a folder are each reported with their path, and
/// the folder's reports are still checked (exit 2, as for any broken file).
#[test]
fn a_folder_run_survives_its_bad_entries() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::copy(REPORT, root.join("a.txt")).unwrap();
    std::fs::copy("fixtures/reports/wuqing-2020.txt", root.join("sub/b.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", root.join("失效.txt")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/loop")).unwrap();
    let out = reportlint()
        .args(["check", "--format", "json", root.to_str().unwrap()])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("失效.txt") && stderr.contains("链接失效"),
        "{stderr}"
    );
    assert!(
        stderr.contains("loop") && stderr.contains("链接形成循环"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2, "{v}");
}

/// Parts that are not well-formed XML are refused by `check` and `annotate` with the
/// part named; a part in a declared legacy encoding is read in it and written back as
/// UTF-8 with a matching declaration.
#[test]
fn ill_formed_parts_are_refused_and_declared_encodings_honoured() {
    use common::{docx, para, parts, rewrite};
    let good = docx(
        &[
            para("某区2023年法治政府建设情况报告"),
            para("一、主要举措和成效"),
            para("全年办理案件12件。"),
        ]
        .concat(),
        None,
        None,
    );
    let dir = tempfile::tempdir().unwrap();
    type Break = fn(&str) -> String;
    let broken: [(&str, Break); 4] = [
        ("unclosed", |x| x.replace("</w:body></w:document>", "")),
        ("no-root", |_| "<?xml version=\"1.0\"?>\n".to_owned()),
        ("lt-in-tag", |x| x.replacen("<w:p>", "<w:p </w:r>", 1)),
        ("two-roots", |x| format!("{x}<w:document/>")),
    ];
    for (name, f) in broken {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, rewrite(&good, "word/document.xml", f)).unwrap();
        let p = path.to_str().unwrap();
        let (code, stderr) = run_guarded(&["check", p]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(
            stderr.contains("word/document.xml 格式错误"),
            "{name}: {stderr}"
        );
        let out = dir.path().join(format!("{name}-批注.docx"));
        let (code, stderr) = run_guarded(&["annotate", p, "-o", out.to_str().unwrap()]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(!out.exists(), "{name}");
    }

    // The same document with its main part in GBK, declared so.
    let gbk = {
        let xml = parts(&good)
            .into_iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1
            .replace("encoding=\"UTF-8\"", "encoding=\"GBK\"");
        let (bytes, _, _) = encoding_rs::GBK.encode(&xml);
        let mut all: Vec<(String, Vec<u8>)> = parts(&good)
            .into_iter()
            .filter(|(n, _)| n != "word/document.xml")
            .map(|(n, t)| (n, t.into_bytes()))
            .collect();
        all.push(("word/document.xml".to_owned(), bytes.into_owned()));
        common::zip_of(&all)
    };
    let path = dir.path().join("gbk.docx");
    std::fs::write(&path, &gbk).unwrap();
    let p = path.to_str().unwrap();
    let r = common::run(&["check", "--format", "json", p]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["documents"][0]["title"], "某区2023年法治政府建设情况报告");
    let out = dir.path().join("gbk-批注.docx");
    let (code, stderr) = run_guarded(&["annotate", p, "-o", out.to_str().unwrap()]);
    assert!(code == 0 || code == 1, "{stderr}");
    let written = std::fs::read(&out).unwrap();
    let main = parts(&written)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert!(
        main.contains("encoding=\"UTF-8\"") && main.contains("法治政府"),
        "{main}"
    );
    let (code, _) = run_guarded(&["check", out.to_str().unwrap()]);
    assert_ne!(code, 2);
}

/// A subfolder the user may not read is reported with its path, in Chinese, and the rest
/// of the folder is still checked (exit 2). As root every folder is readable, so there
/// the run is made as the unprivileged user `nobody` (with `setpriv`), from a copy of
/// the binary it may execute.
#[test]
#[allow(clippy::print_stderr)] // A skipped test must say so.
fn an_unreadable_subfolder_is_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let root_user = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root_user
        && std::process::Command::new("setpriv")
            .arg("--help")
            .output()
            .is_err()
    {
        eprintln!("跳过：以 root 运行且本机没有 setpriv，无法造出读不了的文件夹");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    };
    mode(root, 0o755);
    std::fs::create_dir(root.join("locked")).unwrap();
    std::fs::copy(REPORT, root.join("a.txt")).unwrap();
    std::fs::copy(
        "fixtures/reports/wuqing-2020.txt",
        root.join("locked/b.txt"),
    )
    .unwrap();
    mode(&root.join("a.txt"), 0o644);
    mode(&root.join("locked"), 0o000);
    let mut cmd = if root_user {
        let bin = root.join("reportlint");
        std::fs::copy(env!("CARGO_BIN_EXE_reportlint"), &bin).unwrap();
        mode(&bin, 0o755);
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_reportlint"))
    };
    let out = cmd
        .env("NO_COLOR", "1")
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .unwrap();
    mode(&root.join("locked"), 0o755);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("locked") && stderr.contains("没有权限"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("a.txt"), "{paths:?}");
}

/// An output that exists and is not a regular file (a pipe here; a device such as
/// `/dev/null` alike) is refused at once: writing would replace it with a file.
#[test]
fn an_output_that_is_a_pipe_or_device_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("副本.docx");
    mkfifo(&pipe);
    for args in [
        vec!["annotate", "fixtures/docx/haian-2023.docx", "-o"],
        vec!["template", "--year", "2024", "--format", "docx", "-o"],
    ] {
        let out = reportlint()
            .args(&args)
            .arg(&pipe)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("不是普通文件"), "{args:?}: {stderr}");
        assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
    }
}
