//! `reportlint template --year N [--unit 名称] [--pack 编号或文件] [--format md|txt|docx]
//! [-o FILE]`: a report skeleton from a pack's template, as Markdown, as plain text or as
//! a Word document.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use reportlint::pack::Pack;
use reportlint::template::{self, Unavailable};

use super::output::{self, Kind};
use super::{report_error, write_out};

#[derive(Debug, Args)]
pub(super) struct TemplateArgs {
    /// 报告年度（报告所写的那一年）
    #[arg(long, value_name = "年份", value_parser = super::usage::parse_year, help_heading = "选项")]
    year: i32,
    /// 单位名称，如“海安街道”；省略时留作待填写
    #[arg(long, value_name = "名称", help_heading = "选项")]
    unit: Option<String>,
    /// 输出格式：md（Markdown 文本，表格写成竖线表格）、txt（纯文本，表格每行一行、各格以制表符分隔）或 docx（Word 文档）；默认按 -o 的扩展名，否则为 md
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
    /// 用哪个规则包的 template：内置规则包的编号（如 fzzfjs）或规则包文件（YAML）；默认为第一个内置规则包
    #[arg(long, value_name = "编号或文件", help_heading = "选项")]
    pack: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SkeletonFormat {
    Md,
    Txt,
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
    let pack = match chosen(args.pack.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let Some(skeleton) = template::skeleton(&pack, args.year, args.unit.as_deref()) else {
        // `chosen` gives only a pack with a template.
        eprintln!("错误：{}", Unavailable::NoTemplate);
        return ExitCode::from(2);
    };
    let bytes = match format {
        SkeletonFormat::Md => skeleton.to_markdown().into_bytes(),
        SkeletonFormat::Txt => skeleton.to_text().into_bytes(),
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

/// The pack whose template is written: the built-in pack with id `value`, else the pack
/// file `value`; without `--pack`, the first built-in pack with a template. The Chinese
/// error is printed here.
fn chosen(value: Option<&str>) -> Result<Pack, ExitCode> {
    let fail = |message: String| {
        eprintln!("错误：{message}");
        ExitCode::from(2)
    };
    let builtin = Pack::builtin();
    let Some(value) = value else {
        return template::choose(&builtin, None)
            .cloned()
            .map_err(|why| fail(why.to_string()));
    };
    let path = Path::new(value);
    if !path.exists() {
        if builtin.iter().any(|p| p.id == value) {
            return template::choose(&builtin, Some(value))
                .cloned()
                .map_err(|why| fail(why.to_string()));
        }
        // Not a file name either: say which ids there are.
        if !value.contains(['.', '/', '\\']) {
            let ids: Vec<&str> = builtin.iter().map(|p| p.id.as_str()).collect();
            return Err(fail(format!(
                "没有编号为“{value}”的内置规则包，也没有名为“{value}”的文件；内置规则包：{}",
                ids.join("、")
            )));
        }
    }
    let pack = Pack::load(path).map_err(|e| {
        report_error(e);
        ExitCode::from(2)
    })?;
    if pack.template.is_none() {
        let with: Vec<String> = builtin
            .iter()
            .filter(|p| p.template.is_some())
            .map(|p| p.id.clone())
            .collect();
        return Err(fail(
            Unavailable::Without {
                id: value.to_owned(),
                with,
            }
            .to_string(),
        ));
    }
    Ok(pack)
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
        _ if output::extension(path).as_deref() == Some("txt") => SkeletonFormat::Txt,
        _ => SkeletonFormat::Md,
    });
    match (args.format, named) {
        (Some(f), Some(n)) if f != n => {
            let (flag, kind) = match f {
                SkeletonFormat::Docx => ("docx", Kind::Word),
                SkeletonFormat::Md => ("md", Kind::Markdown),
                SkeletonFormat::Txt => ("txt", Kind::Text),
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
