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
