//! `reportlint annotate IN.docx -o OUT.docx`: check a Word document and write a copy
//! with every finding as a Word comment. The input file is never written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use reportlint::document::Format;
use reportlint::error::io_reason;
use reportlint::render::Totals;
use reportlint::{Error, annotate};

use super::check::{InputArgs, prepare};
use super::output::{self, Kind};
use super::report_error;

#[derive(Debug, Args)]
pub(super) struct AnnotateArgs {
    /// 要检查的 Word 文档（.docx）
    #[arg(value_name = "文档", help_heading = "参数")]
    input_file: PathBuf,
    /// 写入带批注的副本（.docx）；不能与原文档相同
    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        required = true,
        help_heading = "选项"
    )]
    output: PathBuf,
    #[command(flatten)]
    input: InputArgs,
}

pub(super) fn run(args: AnnotateArgs) -> ExitCode {
    match annotate_file(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

fn fail(e: impl Into<miette::Report>) -> ExitCode {
    report_error(e);
    ExitCode::from(2)
}

fn annotate_file(args: &AnnotateArgs) -> Result<(), ExitCode> {
    let path = &args.input_file;
    output::writable(&args.output, "批注.docx")
        .and_then(|()| output::require(&args.output, Kind::Word, "annotate ", ""))
        .map_err(|message| {
            eprintln!("{message}");
            ExitCode::from(2)
        })?;
    if Format::for_path(path).map_err(fail)? != Format::Docx {
        eprintln!(
            "错误：{} 不是 Word 文档；annotate 只能给 .docx 文件加批注，其他格式请用 reportlint check",
            path.display()
        );
        return Err(ExitCode::from(2));
    }
    if same_file(path, &args.output) {
        eprintln!(
            "错误：输出文件 {} 就是原文档；为保护原文档，请用 -o 指定另一个文件名",
            args.output.display()
        );
        return Err(ExitCode::from(2));
    }
    let paths = [path.clone()];
    let input = args.input.input(&paths);
    let setup = prepare(&input)?;
    let (g, file) = setup.files.first().ok_or(ExitCode::from(2))?;
    let group = &setup.groups[*g];
    let (options, settings, unknown) = group.options(file, &input);
    if let Some(unit) = unknown {
        eprintln!("警告：路径模式给出的报告主体类型 `{unit}` 没有定义，已改为从标题或落款识别");
    }

    let bytes = reportlint::document::read(file).map_err(fail)?;
    let annotate::Annotated {
        bytes: annotated,
        checked,
        written,
    } = annotate::check_and_annotate(
        &group.engine,
        &file.to_string_lossy(),
        &bytes,
        &options,
        |c| settings.apply(c),
    )
    .map_err(|kind| {
        fail(Error::Decode {
            path: file.clone(),
            kind,
        })
    })?;
    std::fs::write(&args.output, annotated).map_err(|e| {
        eprintln!(
            "错误：无法写入 {}：{}",
            args.output.display(),
            io_reason(&e)
        );
        ExitCode::from(2)
    })?;
    let totals = Totals::of(std::slice::from_ref(&checked));
    eprintln!(
        "已写入 {}：{written} 条批注（错误 {}，警告 {}，提示 {}）",
        args.output.display(),
        totals.error,
        totals.warning,
        totals.info
    );
    let unplaced = checked.findings.len() - written;
    if unplaced > 0 {
        eprintln!("另有 {unplaced} 条问题在文档中找不到可加批注的段落，未写入");
    }
    Ok(())
}

/// Whether two paths name the same file (also through links or `..`).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
