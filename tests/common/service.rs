//! The `serve` tests' services: the binary started with `--no-open` (its URL line read
//! as a user would), or the library's server in-process with small caps.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Stdio};

use reportlint::Pack;
use reportlint::serve::{Limits, Server, Settings};

use super::http::{Part, Reply, multipart, request};

/// The binary, serving until dropped; run in a temp folder, with another temp folder as
/// its TMPDIR, so that anything it writes would show.
pub(crate) struct Service {
    child: Child,
    pub(crate) addr: SocketAddr,
    pub(crate) token: String,
    pub(crate) cwd: tempfile::TempDir,
    pub(crate) tmp: tempfile::TempDir,
}

impl Service {
    pub(crate) fn start() -> Service {
        let cwd = tempfile::tempdir().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_reportlint"))
            .args(["serve", "--no-open"])
            .current_dir(cwd.path())
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = &line[line.find("http://").expect("a URL on stdout")..];
        let url = url.split_whitespace().next().unwrap();
        let (base, token) = url.split_once("/?token=").unwrap();
        assert!(token.len() >= 32 && token.chars().all(|c| c.is_ascii_alphanumeric()));
        Service {
            child,
            addr: base.trim_start_matches("http://").parse().unwrap(),
            token: token.to_owned(),
            cwd,
            tmp,
        }
    }

    pub(crate) fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }

    /// A multipart POST with the token.
    pub(crate) fn post(&self, path: &str, parts: &[Part<'_>]) -> Reply {
        post(self.addr, &self.bearer(), path, parts)
    }
}

impl Service {
    /// Send SIGTERM (as a service manager or `kill` would) and wait for the exit.
    #[cfg(unix)]
    pub(crate) fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        self.child.wait().unwrap()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn post(addr: SocketAddr, bearer: &str, path: &str, parts: &[Part<'_>]) -> Reply {
    let (kind, body) = multipart(parts);
    request(
        addr,
        "POST",
        path,
        &[("Authorization", bearer), ("Content-Type", &kind)],
        &body,
    )
}

/// The library's server on a free port with `limits`, token `t0ken`.
pub(crate) fn in_process(limits: Limits) -> SocketAddr {
    let settings = Settings {
        packs: Pack::builtin(),
        given: Vec::new(),
        limits,
        token: Some("t0ken".to_owned()),
    };
    let server = Server::bind("127.0.0.1:0".parse().unwrap(), settings).unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(server.run(std::future::pending()))
    });
    addr
}
