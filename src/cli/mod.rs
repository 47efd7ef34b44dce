//! The command line: parse arguments, run a command, decide the exit code. The only
//! module that touches stdout and stderr. One file per command: [`check`] (read and
//! check files in parallel, render), [`summary`], [`template`], [`annotate`] (Word
//! comments), [`rules`] (list, explain and test a pack's rules), [`config`], [`serve`]
//! (the local web page).

mod annotate;
mod check;
mod config;
mod fix;
mod output;
mod rules;
mod serve;
mod setup;
mod summary;
mod template;
mod usage;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use reportlint::{Error, Pack};

pub(crate) const TEMPLATE: &str = "\
{before-help}{about-with-newline}
用法：{usage}

{all-args}{after-help}";

/// 法治政府建设年度报告检查工具
#[derive(Debug, Parser)]
#[command(
    name = "reportlint",
    version,
    about = "检查《法治政府建设情况报告》是否写全法定内容、各部分是否具体有据",
    help_template = TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    after_help = "用 reportlint help <命令> 或 reportlint <命令> --help 查看一个命令的用法。"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short, long, action = clap::ArgAction::Help, global = true, help_heading = "通用选项")]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = clap::ArgAction::Version, help_heading = "通用选项")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查报告文件或文件夹（文件夹中的 .docx、.html、.txt、.md 会被逐一检查）
    #[command(help_template = TEMPLATE, override_usage = "reportlint check [选项] <路径>...")]
    Check(check::CheckArgs),
    /// 汇总多份报告：每份报告各部分的情况、各规则的统计和雷同内容（表格、md、csv、html、xlsx）
    #[command(help_template = TEMPLATE, override_usage = "reportlint summary [选项] <路径>...")]
    Summary(summary::SummaryArgs),
    /// 生成报告骨架：按规定顺序列出各部分和填写说明，替换说明后即可检查
    #[command(
        help_template = TEMPLATE,
        override_usage = "reportlint template [选项] --year <年份>"
    )]
    Template(template::TemplateArgs),
    /// 检查 Word 文档，并把每个问题作为批注写入文档副本（原文档不改动）
    #[command(
        help_template = TEMPLATE,
        override_usage = "reportlint annotate <文档.docx> -o <输出.docx> [选项]"
    )]
    Annotate(annotate::AnnotateArgs),
    /// 修正文本报告（.txt、.md）中确定无误的问题，写入副本并列出改动（原文件不改动）
    #[command(
        help_template = TEMPLATE,
        override_usage = "reportlint fix <文件> -o <输出文件> [选项]"
    )]
    Fix(fix::FixArgs),
    /// 查看、说明和测试规则包中的规则
    #[command(
        help_template = TEMPLATE,
        subcommand_help_heading = "命令",
        subcommand_value_name = "命令",
        disable_help_subcommand = true
    )]
    Rules(rules::RulesArgs),
    /// 启动网页版：在浏览器中选择报告文件即可检查，无需命令行（只在本机提供服务）
    #[command(help_template = TEMPLATE, override_usage = "reportlint serve [选项]")]
    Serve(serve::ServeArgs),
    /// 查看生效的配置（reportlint.toml）
    #[command(
        help_template = TEMPLATE,
        subcommand_help_heading = "命令",
        subcommand_value_name = "命令",
        disable_help_subcommand = true
    )]
    Config(config::ConfigArgs),
}

/// Parse the command line. Help goes to stdout (exit code 0); usage errors are reported
/// in Chinese on stderr with exit code 2.
pub(crate) fn parse() -> Result<Cli, ExitCode> {
    match usage::parse(std::env::args_os().collect()) {
        usage::Outcome::Run(cli) => Ok(cli),
        usage::Outcome::Show(text) => Err(write_out(|out| out.write_all(text.as_bytes()))
            .err()
            .unwrap_or(ExitCode::SUCCESS)),
        usage::Outcome::Fail(text) => {
            eprint!("{text}");
            Err(ExitCode::from(2))
        }
    }
}

/// Run a parsed command.
pub(crate) fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Summary(args) => summary::run(args),
        Command::Template(args) => template::run(args),
        Command::Annotate(args) => annotate::run(args),
        Command::Fix(args) => fix::run(args),
        Command::Config(args) => config::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

fn report_error(err: impl Into<miette::Report>) {
    eprintln!("{:?}", err.into());
}

/// The built-in packs plus those given with `--pack` (or a config): a pack replaces the
/// one with its id, and one that `extends` another replaces its base (it carries the
/// base's rules); and the ids of the packs given, for [`reportlint::Engine::with_given`].
fn load_packs(paths: &[PathBuf]) -> Result<(Vec<Pack>, Vec<String>), Error> {
    let loaded = paths
        .iter()
        .map(|p| Pack::load(p))
        .collect::<Result<Vec<_>, _>>()?;
    let given = loaded.iter().map(|p| p.id.clone()).collect();
    Ok((Pack::with_builtin(loaded)?, given))
}

/// Columns of the terminal on stdout; when it is not a terminal, `COLUMNS` or 80.
pub(crate) fn stdout_width() -> usize {
    columns(terminal_size::terminal_size_of(std::io::stdout()))
}

/// Columns of the terminal on stderr; when it is not a terminal, `COLUMNS` or 80.
pub(crate) fn stderr_width() -> usize {
    columns(terminal_size::terminal_size_of(std::io::stderr()))
}

fn columns(size: Option<(terminal_size::Width, terminal_size::Height)>) -> usize {
    let columns = size.map(|(w, _)| usize::from(w.0)).or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse().ok())
    });
    columns.unwrap_or(80).max(40)
}

/// Write to stdout; a closed pipe is not an error, anything else is exit code 2.
fn write_out(
    f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match f(&mut out).and_then(|()| std::io::Write::flush(&mut out)) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("错误：无法写出结果：{}", reportlint::error::io_reason(&e));
            Err(ExitCode::from(2))
        }
        _ => Ok(()),
    }
}

/// The command definition, for its self-check test.
#[cfg(test)]
pub(crate) fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
