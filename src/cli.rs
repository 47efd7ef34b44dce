//! The command line: parse arguments, load packs, read and check files in parallel,
//! render, and decide the exit code. The only module that touches stdout and stderr.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use reportlint::check::{Checked, Engine};
use reportlint::render;
use reportlint::{Document, Error, Pack, Severity, walk};

const TEMPLATE: &str = "\
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
    subcommand_value_name = "命令"
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
    /// 检查报告文件或文件夹（文件夹中的 .txt、.md 会被逐一检查）
    #[command(help_template = TEMPLATE)]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// 要检查的报告文件或文件夹
    #[arg(required = true, value_name = "路径", help_heading = "参数")]
    paths: Vec<PathBuf>,
    /// 输出格式：human（便于阅读）或 json（供其他程序使用）
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, value_name = "格式", help_heading = "选项")]
    format: OutputFormat,
    /// 出现此级别及以上的问题时退出码为 1：error、warning、info 或 never
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "级别", help_heading = "选项")]
    fail_on: FailOn,
    /// 指定报告年度（默认从标题、开头一句或成文日期中识别）
    #[arg(long, value_name = "年份", value_parser = clap::value_parser!(i32).range(1990..=2200), help_heading = "选项")]
    year: Option<i32>,
    /// 追加规则包文件（YAML）；与内置规则包编号相同时替换之。可重复使用
    #[arg(long = "pack", value_name = "文件", help_heading = "选项")]
    packs: Vec<PathBuf>,
    /// 彩色输出：auto、always 或 never
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "何时", help_heading = "选项")]
    color: Color,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Parse the command line; usage errors are reported in Chinese with exit code 2.
pub(crate) fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        use clap::error::ErrorKind::*;
        let code = match e.kind() {
            DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            _ => ExitCode::from(2),
        };
        let what = match e.kind() {
            UnknownArgument => "未知的参数",
            InvalidValue | ValueValidation => "参数取值无效",
            MissingRequiredArgument => "缺少必需的参数",
            InvalidSubcommand => "未知的命令",
            MissingSubcommand => "缺少命令",
            _ => "命令行参数有误",
        };
        let detail = e.render().to_string();
        let detail = detail
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ");
        eprintln!("错误：{what}（{detail}）");
        eprintln!("用 `reportlint --help` 或 `reportlint check --help` 查看用法。");
        code
    })
}

/// Run a parsed command.
pub(crate) fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(args),
    }
}

fn report_error(err: impl Into<miette::Report>) {
    eprintln!("{:?}", err.into());
}

fn load_packs(paths: &[PathBuf]) -> Result<Vec<Pack>, Error> {
    let mut packs = Pack::builtin();
    for path in paths {
        let pack = Pack::load(path)?;
        match packs.iter_mut().find(|p| p.id == pack.id) {
            Some(slot) => *slot = pack,
            None => packs.push(pack),
        }
    }
    Ok(packs)
}

fn check(args: CheckArgs) -> ExitCode {
    let packs = match load_packs(&args.packs) {
        Ok(p) => p,
        Err(e) => {
            report_error(e);
            return ExitCode::from(2);
        }
    };
    let files = match walk::report_files(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            report_error(e);
            return ExitCode::from(2);
        }
    };
    let engine = Engine::new(packs);
    let results: Vec<Result<Checked, Error>> = files
        .par_iter()
        .map(|path| Document::open(path).map(|doc| engine.check(doc, args.year)))
        .collect();
    let mut failed = false;
    let mut checked = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(c) => checked.push(c),
            Err(e) => {
                failed = true;
                report_error(e);
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        OutputFormat::Json => render::json::render(&mut out, engine.packs(), &checked),
        OutputFormat::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let options = render::human::Options { color, width: 100 };
            render::human::render(&mut out, engine.packs(), &checked, options)
        }
    };
    if let Err(e) = written.and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("错误：无法写出结果（{e}）");
        return ExitCode::from(2);
    }
    if failed {
        return ExitCode::from(2);
    }
    let worst = checked
        .iter()
        .flat_map(|c| &c.findings)
        .map(|f| f.severity)
        .max();
    match (args.fail_on.threshold(), worst) {
        (Some(threshold), Some(worst)) if worst >= threshold => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// The command definition, for its self-check test.
#[cfg(test)]
pub(crate) fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
