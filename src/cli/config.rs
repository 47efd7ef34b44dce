//! `reportlint config show [PATH]`: which `reportlint.toml` applies to a file or folder,
//! and what it sets — as a whole and, for a file, the settings that apply to it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use reportlint::config::{Config, FILE_NAME};

use super::{TEMPLATE, load_packs, report_error, write_out};

#[derive(Debug, Args)]
pub(super) struct ConfigArgs {
    #[command(subcommand)]
    command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// 显示对某个报告文件或文件夹生效的配置
    #[command(
        help_template = TEMPLATE,
        override_usage = "reportlint config show [选项] [路径]"
    )]
    Show {
        /// 报告文件或文件夹；默认为当前文件夹
        #[arg(
            value_name = "路径",
            default_value = ".",
            hide_default_value = true,
            help_heading = "参数"
        )]
        path: PathBuf,
        /// 指定配置文件，不再向上查找
        #[arg(long, value_name = "文件", help_heading = "选项")]
        config: Option<PathBuf>,
    },
}

pub(super) fn run(args: ConfigArgs) -> ExitCode {
    let ConfigCommand::Show { path, config } = args.command;
    let Some(file) = config.or_else(|| Config::find(&path)) else {
        return match write_out(|out| {
            writeln!(
                out,
                "未找到 {FILE_NAME}（从 {} 向上查找）；使用默认设置：内置规则包，不改动任何规则。",
                path.display()
            )
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        };
    };
    let loaded = Config::load(&file).and_then(|c| {
        let mut packs = load_packs(&c.packs)?;
        c.apply_thresholds(&mut packs)?;
        c.validate(&packs)?;
        Ok(c)
    });
    let c = match loaded {
        Ok(c) => c,
        Err(e) => {
            report_error(e);
            return ExitCode::from(2);
        }
    };
    let written = write_out(|out| {
        writeln!(out, "# 配置文件：{}", file.display())?;
        write!(out, "{}", c.show())?;
        if path.is_file() {
            let e = c.for_file(&path);
            writeln!(out, "\n# 对 {} 生效的设置", path.display())?;
            let shown = toml::to_string(&e).unwrap_or_default();
            for line in shown.lines() {
                writeln!(out, "# {line}")?;
            }
        }
        Ok(())
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
