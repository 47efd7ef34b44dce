//! `reportlint fix IN -o OUT`: check a text report (.txt/.md) and write a copy with its
//! safe fixes applied (`--unsafe-fixes`: the unsafe ones too), in the file's own
//! encoding and line ends, and print the changed lines as a diff. The input file is
//! never written; the copy is checked again, and its remaining findings decide the exit
//! code as `check`'s do.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use reportlint::document::Format;
use reportlint::render::Totals;
use reportlint::{Document, Error, Severity, fix};

use super::check::{InputArgs, prepare};
use super::output::{self, Kind};
use super::report_error;

#[derive(Debug, Args)]
pub(super) struct FixArgs {
    /// 要修正的文本报告（.txt 或 .md）
    #[arg(value_name = "文件", help_heading = "参数")]
    input_file: PathBuf,
    /// 写入修正后的副本；不能与原文件相同
    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        required = true,
        help_heading = "选项"
    )]
    output: PathBuf,
    /// 同时应用需要人工确认的修正（默认只应用确定无误的修正）
    #[arg(long, help_heading = "选项")]
    unsafe_fixes: bool,
    /// 修正后仍有此级别及以上的问题时退出码为 1：error、warning、info 或 never（默认 error）
    #[arg(long, value_parser = ["error", "warning", "info", "never"], hide_possible_values = true, default_value = "error", hide_default_value = true, value_name = "级别", help_heading = "选项")]
    fail_on: String,
    #[command(flatten)]
    input: InputArgs,
}

pub(super) fn run(args: FixArgs) -> ExitCode {
    match fix_file(&args) {
        Ok(code) => code,
        Err(code) => code,
    }
}

fn refuse(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

fn fix_file(args: &FixArgs) -> Result<ExitCode, ExitCode> {
    let path = &args.input_file;
    let format = Format::for_path(path).map_err(|e| {
        report_error(e);
        ExitCode::from(2)
    })?;
    if !matches!(format, Format::Txt | Format::Markdown) {
        return Err(refuse(format!(
            "错误：{} 不是文本文件；fix 只修正 .txt 和 .md 文件，Word 文档请用 reportlint annotate {} -o 副本.docx --fix（修正写成修订）",
            path.display(),
            path.display()
        )));
    }
    output::writable(&args.output, "修正后.txt")
        .and_then(|()| output::require(&args.output, Kind::Text, "fix ", ""))
        .and_then(|()| output::not_an_input(&args.output, &[path]))
        .map_err(refuse)?;
    let paths = [path.clone()];
    let input = args.input.input(&paths);
    let setup = prepare(&input)?;
    let (g, file) = setup.files.first().ok_or(ExitCode::from(2))?;
    let group = &setup.groups[*g];
    let (options, settings, _) = group.options(file, &input);
    let check = |doc: Document| {
        let mut c = group.engine.check_with(doc, &options);
        settings.apply(&mut c);
        c
    };
    let decode_error = |kind| {
        report_error(Error::Decode {
            path: file.clone(),
            kind,
        });
        ExitCode::from(2)
    };

    let bytes = reportlint::document::read(file).map_err(|e| {
        report_error(e);
        ExitCode::from(2)
    })?;
    let name = file.to_string_lossy();
    let doc = Document::from_bytes(&name, format, &bytes).map_err(decode_error)?;
    let checked = check(doc);
    let (fixes, overlapping) = fix::chosen(&checked.findings, args.unsafe_fixes);
    let fixed = fix::fix_file(&bytes, &checked.document.text, &fixes).map_err(|e| {
        refuse(format!(
            "错误：无法修正 {}：{}",
            path.display(),
            e.message()
        ))
    })?;
    output::save(&args.output, &fixed.bytes, &[path]).map_err(refuse)?;

    print!(
        "{}",
        fix::diff(
            &path.display().to_string(),
            &args.output.display().to_string(),
            &checked.document.text,
            &fixed.applied
        )
    );
    let waiting = checked
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|x| !x.applies(args.unsafe_fixes))
        .count();
    let again = Document::from_bytes(&args.output.to_string_lossy(), format, &fixed.bytes)
        .map_err(decode_error)?;
    let rechecked = check(again);
    let totals = Totals::of(std::slice::from_ref(&rechecked));
    eprintln!(
        "已写入 {}：修正 {} 处；修正后仍有 {} 个问题（错误 {}，警告 {}，提示 {}）",
        args.output.display(),
        fixed.applied.len(),
        rechecked.findings.len(),
        totals.error,
        totals.warning,
        totals.info
    );
    if waiting > 0 {
        eprintln!("另有 {waiting} 处修正需要人工确认，未应用；确认后可加 --unsafe-fixes 一并应用");
    }
    let left = overlapping + fixed.skipped;
    if left > 0 {
        eprintln!("另有 {left} 处修正与其他修正重叠、跨行或原文用全角数字书写，未应用，请手工修改");
    }
    let threshold = match args.fail_on.as_str() {
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        "never" => None,
        _ => Some(Severity::Error),
    };
    let failing = threshold.is_some_and(|t| rechecked.findings.iter().any(|f| f.severity >= t));
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
