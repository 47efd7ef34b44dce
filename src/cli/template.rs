//! `reportlint template --year N [--unit 名称] [-o FILE]`: a report skeleton from the
//! pack, as text (it reads as Markdown too). Word output is not available yet.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{load_packs, report_error, write_out};

#[derive(Debug, Args)]
pub(super) struct TemplateArgs {
    /// 报告年度（报告所写的那一年）
    #[arg(long, value_name = "年份", value_parser = clap::value_parser!(i32).range(1990..=2200), help_heading = "选项")]
    year: i32,
    /// 单位名称，如“海安街道”；省略时留作待填写
    #[arg(long, value_name = "名称", help_heading = "选项")]
    unit: Option<String>,
    /// 写入文件（.md 或 .txt）而不是标准输出
    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        help_heading = "选项"
    )]
    output: Option<PathBuf>,
    /// 使用的规则包文件（YAML），取其中的 template；可重复使用
    #[arg(long = "pack", value_name = "文件", help_heading = "选项")]
    packs: Vec<PathBuf>,
}

pub(super) fn run(args: TemplateArgs) -> ExitCode {
    let packs = match load_packs(&args.packs) {
        Ok(p) => p,
        Err(e) => {
            report_error(e);
            return ExitCode::from(2);
        }
    };
    let Some(text) = reportlint::template::render(&packs, args.year, args.unit.as_deref()) else {
        eprintln!("错误：所用的规则包都没有 template，无法生成报告骨架");
        return ExitCode::from(2);
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &text).map_err(|e| {
            eprintln!("错误：无法写入 {}（{e}）", path.display());
            ExitCode::from(2)
        }),
        None => write_out(|out| out.write_all(text.as_bytes())),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
