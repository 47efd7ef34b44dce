//! `reportlint annotate IN.docx -o OUT.docx [--fix [--unsafe-fixes]]`: check a Word
//! document and write a copy with every finding as a Word comment, or, with `--fix`,
//! the fixes as tracked changes and the other findings as comments. The input file is
//! never written.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use reportlint::document::Format;
use reportlint::render::Totals;
use reportlint::report::Safety;
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
    /// 把确定无误的修正写成修订（Word 的“修订”：接受即修正，拒绝即恢复原文），这些问题不再加批注
    #[arg(long, help_heading = "选项")]
    fix: bool,
    /// 与 --fix 同用：需要人工确认的修正也写成修订
    #[arg(long, requires = "fix", help_heading = "选项")]
    unsafe_fixes: bool,
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
    output::not_an_input(&args.output, &[path]).map_err(|message| {
        eprintln!("{message}");
        ExitCode::from(2)
    })?;
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
        revised,
    } = annotate::check_and_annotate(
        &group.engine,
        &file.to_string_lossy(),
        &bytes,
        &options,
        match (args.fix, args.unsafe_fixes) {
            (false, _) => annotate::Revise::Nothing,
            (true, false) => annotate::Revise::Safe,
            (true, true) => annotate::Revise::All,
        },
        |c| settings.apply(c),
    )
    .map_err(|kind| {
        fail(Error::Decode {
            path: file.clone(),
            kind,
        })
    })?;
    output::save(&args.output, &annotated, &[path]).map_err(|message| {
        eprintln!("{message}");
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
    if args.fix && revised > 0 {
        eprintln!("{revised} 处修正已写成修订（作者 reportlint），在 Word 中可逐条接受或拒绝");
    } else if args.fix {
        let unsafe_only = checked
            .findings
            .iter()
            .filter(|f| f.fix_safety() == Some(Safety::Unsafe))
            .count();
        if unsafe_only > 0 && !args.unsafe_fixes {
            eprintln!(
                "没有可自动修正的问题；另有 {unsafe_only} 处需确认的修正，加 --unsafe-fixes 才写成修订"
            );
        } else {
            eprintln!("没有可以写成修订的修正，问题均为批注");
        }
    }
    let unplaced = checked.findings.len() - written - revised;
    if unplaced > 0 {
        eprintln!("另有 {unplaced} 条问题在文档中找不到可加批注的段落，未写入");
    }
    Ok(())
}
