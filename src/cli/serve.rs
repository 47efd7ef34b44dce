//! `reportlint serve`: start the local page and JSON API, print its address (one line
//! on stdout, for people and for scripts), open the browser, and stop cleanly on
//! Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use reportlint::serve::{Server, Settings};

use super::{load_packs, report_error};

#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    /// 端口号（默认自动选择一个空闲端口）
    #[arg(
        long,
        value_name = "端口",
        value_parser = parse_port,
        conflicts_with = "listen",
        help_heading = "选项"
    )]
    port: Option<u16>,
    /// 在指定地址上提供服务，如 0.0.0.0:8080，供局域网内的其他电脑访问（仍需访问口令）；默认只允许本机访问
    #[arg(long, value_name = "地址:端口", value_parser = parse_listen, help_heading = "选项")]
    listen: Option<SocketAddr>,
    /// 不自动打开浏览器
    #[arg(long, help_heading = "选项")]
    no_open: bool,
    /// 追加规则包文件（YAML）；与内置规则包编号相同时替换之。可重复使用
    #[arg(
        long = "pack",
        visible_alias = "rules",
        value_name = "文件",
        help_heading = "选项"
    )]
    packs: Vec<PathBuf>,
}

fn parse_port(s: &str) -> Result<u16, String> {
    s.trim()
        .parse()
        .map_err(|_| "应为 0 到 65535 之间的整数，如 8080".to_owned())
}

fn parse_listen(s: &str) -> Result<SocketAddr, String> {
    s.trim()
        .parse()
        .map_err(|_| "应写作“IP 地址:端口”，如 0.0.0.0:8080 或 192.168.1.10:8080".to_owned())
}

pub(super) fn run(args: ServeArgs) -> ExitCode {
    let (packs, given) = match load_packs(&args.packs) {
        Ok(p) => p,
        Err(e) => {
            report_error(e);
            return ExitCode::from(2);
        }
    };
    let addr = args
        .listen
        .unwrap_or_else(|| SocketAddr::new(Ipv4Addr::LOCALHOST.into(), args.port.unwrap_or(0)));
    let settings = Settings {
        packs,
        given,
        limits: Default::default(),
        token: None,
    };
    let server = match Server::bind(addr, settings) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "错误：无法在 {addr} 上启动服务：{}",
                reportlint::error::io_reason(&e)
            );
            if e.kind() == std::io::ErrorKind::AddrInUse {
                eprintln!("可换一个 --port，或不指定端口让程序自动选择");
            }
            if e.kind() == std::io::ErrorKind::AddrNotAvailable {
                eprintln!("--listen 中的 IP 地址应是本机的地址，如 0.0.0.0 或 127.0.0.1");
            }
            return ExitCode::from(2);
        }
    };
    let url = match server.url() {
        Ok(u) => u,
        Err(e) => {
            eprintln!("错误：无法启动服务：{}", reportlint::error::io_reason(&e));
            return ExitCode::from(2);
        }
    };
    if args.listen.is_some_and(|a| !a.ip().is_loopback()) {
        eprintln!(
            "警告：服务在 {addr} 上开放，同一网络中的其他电脑也能访问（它们应使用本机在该网络中的 IP 地址代替下面地址中的 127.0.0.1）；请只把含口令的完整地址告诉需要的人，用完及时关闭（Ctrl+C）。通信未加密，请勿在不可信的网络上使用。"
        );
    }
    let printed = {
        let mut out = std::io::stdout().lock();
        writeln!(out, "reportlint 网页版已启动：{url}").and_then(|()| out.flush())
    };
    if printed.is_err() {
        return ExitCode::from(2);
    }
    eprintln!("请在浏览器中打开上面的地址；关闭本窗口或按 Ctrl+C 停止服务。");
    if !args.no_open
        && let Err(why) = open_browser(&url)
    {
        eprintln!("警告：无法自动打开浏览器（{why}）；请手动复制上面的地址到浏览器中打开");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：无法启动服务：{}", reportlint::error::io_reason(&e));
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(server.run(stopped())) {
        Ok(()) => {
            eprintln!("服务已停止");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：服务异常停止：{}", reportlint::error::io_reason(&e));
            ExitCode::from(2)
        }
    }
}

/// Completes on Ctrl-C, or on SIGTERM where there is one.
async fn stopped() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = ctrl_c => {}
            () = term => {}
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

/// Open `url` in the system's browser; the reason in Chinese when that fails.
fn open_browser(url: &str) -> Result<(), String> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(_) => Ok(()),
        Err(e) => Err(reportlint::error::io_reason(&e)),
    }
}
