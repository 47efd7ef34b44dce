//! Command-line mistakes and help, in Chinese. clap's own messages are English, so a
//! parse error is rendered here from its kind and context: what is wrong, the nearest
//! command, option or value when there is one, the allowed values, and the usage of the
//! command that was run.
//!
//! `reportlint help [命令]` is `reportlint [命令] --help`; a command that has
//! subcommands, run without one (`reportlint`, `reportlint rules`), shows its help.

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, CommandFactory, FromArgMatches};

use super::Cli;

/// What parsing the command line came to.
pub(super) enum Outcome {
    /// A command to run.
    Run(Cli),
    /// Text for standard output (help, version); exit code 0.
    Show(String),
    /// A usage error for standard error; exit code 2.
    Fail(String),
}

/// Parse `args` (the program name first).
pub(super) fn parse(args: Vec<OsString>) -> Outcome {
    let args = help_alias(args);
    let mut root = Cli::command();
    root.build();
    let parsed = root
        .clone()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => Outcome::Run(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                Outcome::Show(localize_help(&e.render().to_string()))
            }
            ErrorKind::DisplayVersion => Outcome::Show(e.render().to_string()),
            _ => Outcome::Fail(message(&root, &args, &e)),
        },
    }
}

/// `reportlint help [命令…]` as `reportlint [命令…] --help`.
fn help_alias(mut args: Vec<OsString>) -> Vec<OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

/// clap's help with the few English bits its layout hard-codes made Chinese: the colon
/// after each heading and the `[OPTIONS]` of a generated usage line.
pub(super) fn localize_help(help: &str) -> String {
    let mut out = String::with_capacity(help.len());
    for line in help.split_inclusive('\n') {
        let text = line.trim_end_matches('\n');
        if !text.starts_with(' ') && text.ends_with(':') && !text.contains(' ') {
            out.push_str(&text[..text.len() - 1]);
            out.push('：');
            out.push_str(&line[text.len()..]);
        } else {
            out.push_str(&line.replace("[OPTIONS]", "[选项]"));
        }
    }
    out
}

/// The commands `args` name, from the top: `reportlint rules list --pack x` gives
/// `reportlint`, `rules`, `list`.
fn located<'c>(root: &'c Command, args: &[OsString]) -> Vec<&'c Command> {
    let mut path = vec![root];
    for arg in args.iter().skip(1) {
        let current = path[path.len() - 1];
        let Some(arg) = arg.to_str() else { break };
        if !current.has_subcommands() {
            break;
        }
        if arg.starts_with('-') {
            continue;
        }
        match current.find_subcommand(arg) {
            Some(sub) => path.push(sub),
            None => break,
        }
    }
    path
}

/// The Chinese message for a usage error, ending with the usage of the command run.
fn message(root: &Command, args: &[OsString], e: &clap::Error) -> String {
    let path = located(root, args);
    let command = path[path.len() - 1];
    let mut out = format!("错误：{}\n", what(command, e));
    for tip in tips(command, e) {
        let _ = writeln!(out, "{tip}");
    }
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let name = command.get_bin_name().unwrap_or("reportlint");
    let _ = write!(
        out,
        "\n用法：{}\n更多信息请运行 {name} --help\n",
        usage.replace("[OPTIONS]", "[选项]")
    );
    out
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.as_str()],
        Some(ContextValue::Strings(v)) => v.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    }
}

/// `--format <格式>` → `--format`; `<路径>...` → `<路径>`.
fn flag(arg: &str) -> &str {
    let arg = arg.trim_end_matches("...");
    if arg.starts_with('-') {
        arg.split(' ').next().unwrap_or(arg)
    } else {
        arg
    }
}

/// The first line: what is wrong.
fn what(command: &Command, e: &clap::Error) -> String {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() && arg.starts_with('-') => {
            let wanted = arg.split_once(' ').map_or("取值", |(_, v)| v);
            format!("{} 后面缺少 {wanted}", flag(arg))
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{} 不能为空", flag(arg)),
        ErrorKind::InvalidValue => format!("{} 的取值“{value}”无效", flag(arg)),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map_or_else(String::new, |s| format!("：{s}"));
            format!("{} 的取值“{value}”无效{why}", flag(arg))
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("没有 {arg} 这个选项")
        }
        ErrorKind::UnknownArgument => format!("多余的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("没有“{sub}”这个命令")
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = strings(e, ContextKind::InvalidArg)
                .into_iter()
                .map(|a| a.trim_end_matches("...").to_owned())
                .collect();
            match missing.as_slice() {
                [one] => match arg_help(command, one) {
                    Some(help) => format!("缺少 {one}：{help}"),
                    None => format!("缺少 {one}"),
                },
                _ => format!("缺少 {}", missing.join("、")),
            }
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_owned(),
        ErrorKind::ArgumentConflict => {
            let prior = strings(e, ContextKind::PriorArg);
            if prior.is_empty() || prior == [arg] {
                format!("{} 只能使用一次", flag(arg))
            } else {
                let prior: Vec<&str> = prior.into_iter().map(flag).collect();
                format!("{} 不能与 {} 同时使用", flag(arg), prior.join("、"))
            }
        }
        ErrorKind::TooManyValues => format!("{} 多给了取值“{value}”", flag(arg)),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{} 的取值个数不对", flag(arg))
        }
        ErrorKind::NoEquals => format!("{} 的取值要用等号连接，如 {}=取值", flag(arg), flag(arg)),
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符（不是 UTF-8 编码）".to_owned(),
        _ => "命令行参数有误".to_owned(),
    }
}

/// The help of the argument clap names `shown` (`<路径>`, `--output <文件>`).
fn arg_help(command: &Command, shown: &str) -> Option<String> {
    command.get_arguments().find_map(|a| {
        let matches = match a.get_long() {
            Some(long) => flag(shown) == format!("--{long}"),
            None => a
                .get_value_names()
                .and_then(|v| v.first())
                .is_some_and(|v| shown == format!("<{v}>")),
        };
        matches.then(|| a.get_help().map(ToString::to_string))?
    })
}

/// Lines after the first: the nearest command, option or value, and the allowed ones.
fn tips(command: &Command, e: &clap::Error) -> Vec<String> {
    let mut tips = Vec::new();
    if e.kind() == ErrorKind::MissingRequiredArgument {
        let missing = strings(e, ContextKind::InvalidArg);
        if missing.len() > 1 {
            for a in missing {
                let a = a.trim_end_matches("...");
                if let Some(help) = arg_help(command, a) {
                    tips.push(format!("  {a}：{help}"));
                }
            }
        }
    }
    let suggested = strings(e, ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        tips.push(format!("是否想用 {}？", suggested.join(" 或 ")));
    } else if e.kind() == ErrorKind::InvalidSubcommand || e.kind() == ErrorKind::MissingSubcommand {
        let names: Vec<&str> = command
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(Command::get_name)
            .collect();
        tips.push(format!("可用的命令：{}", names.join("、")));
    }
    if let Some(arg) = string(e, ContextKind::SuggestedArg) {
        tips.push(format!("是否想用 {}？", flag(arg)));
    }
    if let Some(value) = string(e, ContextKind::SuggestedValue) {
        tips.push(format!("是否想用 {value}？"));
    }
    let valid = strings(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        tips.push(format!("可用的取值：{}", valid.join("、")));
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = e.get(ContextKind::Suggested) {
        tips.extend(
            suggestions
                .iter()
                .filter_map(|s| suggestion(&s.to_string())),
        );
    }
    tips
}

/// clap's other suggestions, recognised by their quoted parts: an option of a
/// subcommand given before it, a value that looks like an option, a stray `--`.
fn suggestion(english: &str) -> Option<String> {
    let quoted: Vec<&str> = english.split('\'').skip(1).step_by(2).collect();
    if english.contains("as a value") {
        let value = quoted.first()?;
        Some(format!(
            "若“{value}”是报告文件名而不是选项，请在它前面加上 --，写成 -- {value}"
        ))
    } else if english.ends_with("exists") {
        let (sub, option) = quoted.first()?.rsplit_once(' ')?;
        Some(format!("{option} 是 {sub} 命令的选项，请写在 {sub} 之后"))
    } else if english.contains("remove the") {
        let sub = quoted.first()?;
        Some(format!("{sub} 是命令；要使用它，请去掉它前面的 --"))
    } else {
        None
    }
}

/// `--year`: a year this tool can judge.
pub(super) fn parse_year(s: &str) -> Result<i32, String> {
    reportlint::pack::units::parse_year(s)
}
