//! `reportlint template --year N [--unit 名称] [--format md|docx] [-o FILE]`: a report
//! skeleton from the pack, as text (it reads as Markdown too) or as a Word document.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::{self, Kind};
use super::{load_packs, report_error, write_out};

#[derive(Debug, Args)]
pub(super) struct TemplateArgs {
    /// 报告年度（报告所写的那一年）
    #[arg(long, value_name = "年份", value_parser = super::usage::parse_year, help_heading = "选项")]
    year: i32,
    /// 单位名称，如“海安街道”；省略时留作待填写
    #[arg(long, value_name = "名称", help_heading = "选项")]
    unit: Option<String>,
    /// 输出格式：md（文本，也是 Markdown）或 docx（Word 文档）；默认按 -o 的扩展名，否则为 md
    #[arg(
        long,
        value_enum,
        hide_possible_values = true,
        value_name = "格式",
        help_heading = "选项"
    )]
    format: Option<SkeletonFormat>,
    /// 写入文件（.md、.txt 或 .docx）而不是标准输出
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SkeletonFormat {
    Md,
    Docx,
}

pub(super) fn run(args: TemplateArgs) -> ExitCode {
    let format = match format(&args) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let packs = match load_packs(&args.packs) {
        Ok((p, _)) => p,
        Err(e) => {
            report_error(e);
            return ExitCode::from(2);
        }
    };
    let Some(skeleton) = reportlint::template::skeleton(&packs, args.year, args.unit.as_deref())
    else {
        eprintln!("错误：所用的规则包都没有 template，无法生成报告骨架");
        return ExitCode::from(2);
    };
    let bytes = match format {
        SkeletonFormat::Md => skeleton.to_text().into_bytes(),
        SkeletonFormat::Docx => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                eprintln!("错误：Word 文档不能显示在终端里，请用 -o 指定文件，如 -o 骨架.docx");
                return ExitCode::from(2);
            }
            skeleton.to_docx()
        }
    };
    let written = match &args.output {
        Some(path) => super::output::save(path, &bytes, &[]).map_err(|message| {
            eprintln!("{message}");
            ExitCode::from(2)
        }),
        None => write_out(|out| out.write_all(&bytes)),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// The format: `--format`, else the one `-o`'s extension names, else text. A file
/// name of another kind, or a folder, is an error.
fn format(args: &TemplateArgs) -> Result<SkeletonFormat, String> {
    let Some(path) = &args.output else {
        return Ok(args.format.unwrap_or(SkeletonFormat::Md));
    };
    output::writable(path, "骨架.docx")?;
    let named = output::kind_of(path, &[Kind::Word, Kind::Markdown], "template")?;
    let named = named.map(|k| match k {
        Kind::Word => SkeletonFormat::Docx,
        _ => SkeletonFormat::Md,
    });
    match (args.format, named) {
        (Some(f), Some(n)) if f != n => {
            let (flag, kind) = match f {
                SkeletonFormat::Docx => ("docx", Kind::Word),
                SkeletonFormat::Md => ("md", Kind::Markdown),
            };
            output::require(
                path,
                kind,
                &format!("--format {flag} "),
                "，或去掉 --format 让扩展名决定格式",
            )?;
            Ok(f)
        }
        (Some(f), _) => Ok(f),
        (None, named) => Ok(named.unwrap_or(SkeletonFormat::Md)),
    }
}
