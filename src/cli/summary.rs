//! `reportlint summary`: check many reports and write the reviewer's summary — a
//! terminal table, Markdown, CSV, one HTML page or an Excel workbook.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use reportlint::render::summary;
use reportlint::summary::Builder;

use super::check::{InputArgs, check_chunks, prepare};
use super::output::{self, Kind};
use super::write_out;

#[derive(Debug, Args)]
pub(super) struct SummaryArgs {
    /// 要汇总的报告文件或文件夹
    #[arg(required = true, value_name = "路径", help_heading = "参数")]
    paths: Vec<PathBuf>,
    /// 输出格式：table（终端表格）、md、csv（Excel 可直接打开）、html（单个网页）或 xlsx（Excel 工作簿）；默认按 -o 的扩展名，否则为 table
    #[arg(
        long,
        value_enum,
        hide_possible_values = true,
        value_name = "格式",
        help_heading = "选项"
    )]
    format: Option<SummaryFormat>,
    /// 写入文件（.xlsx、.csv、.html、.md 或 .txt）而不是标准输出（xlsx 必须指定）
    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        help_heading = "选项"
    )]
    output: Option<PathBuf>,
    /// 上一年度报告所在的文件或文件夹：按单位逐部分比较，列出与上年雷同的部分
    #[arg(long, value_name = "路径", help_heading = "选项")]
    previous: Vec<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SummaryFormat {
    Table,
    Md,
    Csv,
    Html,
    Xlsx,
}

pub(super) fn run(args: SummaryArgs) -> ExitCode {
    let format = match format(&args) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let current = args.input.input(&args.paths);
    let setup = match prepare(&current) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let packs = setup.packs();
    let mut builder = Builder::new(&packs, setup.groups[0].engine.segmenter());
    // Reports are checked a chunk at a time and reduced to their rows at once.
    let mut failed = check_chunks(&setup, &current, |c| builder.add(&c));
    let mut previous_files = Vec::new();
    if !args.previous.is_empty() {
        let mut last_year = args.input.input(&args.previous);
        last_year.year = None;
        let previous = match prepare(&last_year) {
            Ok(s) => s,
            Err(code) => return code,
        };
        failed |= check_chunks(&previous, &last_year, |c| builder.add_previous(&c));
        previous_files = previous.files;
    }
    let summary = builder.finish();
    let bytes: std::io::Result<Vec<u8>> = match format {
        SummaryFormat::Xlsx => match summary::xlsx::render(&summary) {
            Ok(b) => Ok(b),
            // The library's reason is English; what it can refuse is the size of the
            // sheet or of a cell.
            Err(_) => {
                eprintln!(
                    "错误：无法生成 xlsx 工作簿（内容超出了 Excel 表格的限制）；问题太多时可改用 csv 或 html"
                );
                return ExitCode::from(2);
            }
        },
        format => {
            let mut buf = Vec::new();
            match format {
                SummaryFormat::Table => summary::table(&mut buf, &summary),
                SummaryFormat::Md => summary::md(&mut buf, &summary),
                SummaryFormat::Csv => summary::csv(&mut buf, &summary),
                _ => summary::html::render(&mut buf, &summary),
            }
            .map(|()| buf)
        }
    };
    let written = bytes.map(|b| match &args.output {
        Some(path) => {
            let inputs: Vec<&std::path::Path> = setup
                .files
                .iter()
                .chain(previous_files.iter())
                .map(|(_, p)| p.as_path())
                .collect();
            match super::output::save(path, &b, &inputs) {
                Ok(()) => {
                    eprintln!("已写入 {}（{} 份报告）", path.display(), summary.reports());
                    None
                }
                Err(message) => {
                    eprintln!("{message}");
                    Some(ExitCode::from(2))
                }
            }
        }
        // write_out reports its own failure.
        None => write_out(|out| out.write_all(&b)).err(),
    });
    match written {
        Ok(None) => {}
        Ok(Some(code)) => return code,
        Err(e) => {
            let to = args
                .output
                .as_ref()
                .map_or_else(|| "标准输出".to_owned(), |p| p.display().to_string());
            eprintln!("错误：无法写入 {to}：{}", reportlint::error::io_reason(&e));
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// The format: `--format`, else the one `-o`'s extension names, else the terminal
/// table. A file name of another kind, a folder, or xlsx without a file is an error.
fn format(args: &SummaryArgs) -> Result<SummaryFormat, String> {
    use SummaryFormat::*;
    let kinds = [
        Kind::Excel,
        Kind::Csv,
        Kind::Html,
        Kind::Markdown,
        Kind::Text,
    ];
    let Some(path) = &args.output else {
        return match args.format {
            Some(Xlsx) => {
                Err("错误：xlsx 是二进制文件，请用 -o 指定输出文件，如 `-o 汇总.xlsx`".to_owned())
            }
            f => Ok(f.unwrap_or(Table)),
        };
    };
    output::writable(path, "汇总.xlsx")?;
    let named = output::kind_of(path, &kinds, "summary")?;
    let Some(format) = args.format else {
        return Ok(match named {
            Some(Kind::Excel) => Xlsx,
            Some(Kind::Csv) => Csv,
            Some(Kind::Html) => Html,
            Some(Kind::Markdown) if output::extension(path).as_deref() != Some("txt") => Md,
            _ => Table,
        });
    };
    let (flag, kind) = match format {
        Xlsx => ("xlsx", Kind::Excel),
        Csv => ("csv", Kind::Csv),
        Html => ("html", Kind::Html),
        Md => ("md", Kind::Markdown),
        Table => ("table", Kind::Text),
    };
    if named.is_some() {
        output::require(
            path,
            kind,
            &format!("--format {flag} "),
            "，或去掉 --format 让扩展名决定格式",
        )?;
    }
    Ok(format)
}
