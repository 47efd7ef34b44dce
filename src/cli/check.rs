//! `reportlint check`: read the files (in parallel), check them, render, and turn the
//! worst finding into the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use reportlint::baseline::{Applied, Baseline};
use reportlint::check::Checked;
use reportlint::error::io_reason;
use reportlint::render;
use reportlint::render::Totals;
use reportlint::{Document, Error, Severity, walk};

use super::setup::Setup;
use super::{report_error, write_out};

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// 要检查的报告文件或文件夹
    #[arg(required = true, value_name = "路径", help_heading = "参数")]
    paths: Vec<PathBuf>,
    /// 输出格式：human（便于阅读）、json（供其他程序使用）、sarif（GitHub 代码扫描等）或 github（GitHub Actions 注释）（默认 human）
    #[arg(long, value_enum, hide_default_value = true, hide_possible_values = true, default_value_t = OutputFormat::Human, value_name = "格式", help_heading = "选项")]
    format: OutputFormat,
    /// 出现此级别及以上的问题时退出码为 1：error、warning、info 或 never（默认 error）
    #[arg(long, value_enum, hide_default_value = true, hide_possible_values = true, default_value_t = FailOn::Error, value_name = "级别", help_heading = "选项")]
    fail_on: FailOn,
    #[command(flatten)]
    input: InputArgs,
    /// 只报告基线文件中没有的问题（基线由 --write-baseline 生成）；基线中已不再出现的记录会列出
    #[arg(
        long,
        value_name = "文件",
        conflicts_with = "write_baseline",
        help_heading = "选项"
    )]
    baseline: Option<PathBuf>,
    /// 把本次发现的全部问题记入基线文件（覆盖原文件），退出码为 0
    #[arg(long, value_name = "文件", help_heading = "选项")]
    write_baseline: Option<PathBuf>,
    /// 彩色输出：auto、always 或 never（默认 auto）
    #[arg(long, value_enum, hide_default_value = true, hide_possible_values = true, default_value_t = Color::Auto, value_name = "何时", help_heading = "选项")]
    color: Color,
}

/// What `check` and `summary` share: how reports are read and judged.
#[derive(Debug, Args)]
pub(super) struct InputArgs {
    /// 指定报告年度（默认从标题、开头一句或成文日期中识别）
    #[arg(long, value_name = "年份", value_parser = super::usage::parse_year, help_heading = "选项")]
    year: Option<i32>,
    /// 指定报告主体类型：街道、乡镇、区县、部门、省级等（或编号 township、county、department、province），决定报送期限等规则；默认从标题或落款识别
    #[arg(long, value_name = "类型", help_heading = "选项")]
    unit_type: Option<String>,
    /// 追加规则包文件（YAML）；与内置规则包编号相同时替换之。可重复使用
    #[arg(long = "pack", value_name = "文件", help_heading = "选项")]
    packs: Vec<PathBuf>,
    /// 配置文件（reportlint.toml）；默认从每个报告所在文件夹向上查找
    #[arg(long, value_name = "文件", help_heading = "选项")]
    config: Option<PathBuf>,
}

impl InputArgs {
    /// The input for `paths`.
    pub(super) fn input<'a>(&'a self, paths: &'a [PathBuf]) -> Input<'a> {
        Input {
            paths,
            config: self.config.as_deref(),
            packs: &self.packs,
            year: self.year,
            unit_type: self.unit_type.as_deref(),
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
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

pub(super) fn run(args: CheckArgs) -> ExitCode {
    if let Some(path) = &args.write_baseline
        && let Err(message) = super::output::writable(path, "reportlint-baseline.json")
    {
        eprintln!("{message}");
        return ExitCode::from(2);
    }
    let input = args.input.input(&args.paths);
    let setup = match prepare(&input) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let options = render::human::Options {
        color,
        width: super::stdout_width(),
    };
    let streaming = matches!(args.format, OutputFormat::Human | OutputFormat::Github)
        && args.baseline.is_none()
        && args.write_baseline.is_none();
    if streaming {
        return stream(&args, &setup, &input, options);
    }
    let mut checked: Vec<Checked> = Vec::new();
    let failed = check_chunks(&setup, &input, |c| checked.push(c));
    let packs = setup.packs();
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::record(&checked);
        let inputs: Vec<&std::path::Path> = setup.files.iter().map(|(_, p)| p.as_path()).collect();
        let json = serde_json::to_string_pretty(&baseline).unwrap_or_default() + "\n";
        if let Err(message) = super::output::save(path, json.as_bytes(), &inputs) {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
        eprintln!(
            "已把 {} 条问题记入基线 {}",
            baseline.findings.len(),
            path.display()
        );
    }
    if let Some(path) = &args.baseline {
        let baseline = match read_baseline(path) {
            Ok(b) => b,
            Err(message) => {
                eprintln!("错误：基线文件 {} {message}", path.display());
                return ExitCode::from(2);
            }
        };
        let applied = baseline.apply(&mut checked);
        report_baseline(path, &applied);
    }
    let written = write_out(|out| match args.format {
        OutputFormat::Json => render::json::render(out, &packs, &checked),
        OutputFormat::Sarif => render::sarif::render(out, &packs, &checked),
        OutputFormat::Github => render::github::render(out, &checked),
        OutputFormat::Human => render::human::render(out, &packs, &checked, options),
    });
    if let Err(code) = written {
        return code;
    }
    if args.write_baseline.is_some() && !failed {
        return ExitCode::SUCCESS;
    }
    let worst = checked
        .iter()
        .flat_map(|c| &c.findings)
        .map(|f| f.severity)
        .max();
    exit_code(failed, worst, args.fail_on)
}

/// Human and GitHub output, written report by report as chunks are checked, so that
/// memory does not grow with the number of files.
fn stream(
    args: &CheckArgs,
    setup: &Setup,
    input: &Input<'_>,
    options: render::human::Options,
) -> ExitCode {
    let packs = setup.packs();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut totals = Totals::default();
    let mut worst: Option<Severity> = None;
    let mut error: Option<std::io::Error> = None;
    let failed = check_chunks(setup, input, |c| {
        totals.add(&c);
        worst = worst.max(c.findings.iter().map(|f| f.severity).max());
        if error.is_none() {
            let written = match args.format {
                OutputFormat::Github => render::github::render(&mut out, std::slice::from_ref(&c)),
                _ => render::human::render_document(&mut out, &packs, &c, options),
            };
            error = written.err();
        }
    });
    if error.is_none() && matches!(args.format, OutputFormat::Human) {
        error = render::human::render_totals(&mut out, totals).err();
    }
    let error = error.or_else(|| std::io::Write::flush(&mut out).err());
    if let Some(e) = error
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("错误：无法写出结果：{}", io_reason(&e));
        return ExitCode::from(2);
    }
    exit_code(failed, worst, args.fail_on)
}

/// 2 when a file could not be read; else 1 when a finding reaches `--fail-on`.
fn exit_code(failed: bool, worst: Option<Severity>, fail_on: FailOn) -> ExitCode {
    if failed {
        return ExitCode::from(2);
    }
    match (fail_on.threshold(), worst) {
        (Some(threshold), Some(worst)) if worst >= threshold => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

fn read_baseline(path: &std::path::Path) -> Result<Baseline, String> {
    let bytes =
        reportlint::file::read(path, reportlint::file::Kind::Baseline).map_err(|e| match e {
            reportlint::Error::NotFound { .. } => {
                "不存在（可先用 --write-baseline 生成）".to_owned()
            }
            reportlint::Error::NotRegular { what, .. } => format!("{what}，不能作为基线读取"),
            reportlint::Error::TooLarge { limit_mib, .. } => {
                format!("过大（上限 {limit_mib} MiB）")
            }
            reportlint::Error::Io { reason, .. } => format!("无法读取：{reason}"),
            other => other.to_string(),
        })?;
    let text = String::from_utf8(bytes).map_err(|_| "不是 UTF-8 编码的 JSON".to_owned())?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
        use serde_json::error::Category;
        let what = match e.classify() {
            Category::Syntax => "不是有效的 JSON",
            Category::Eof => "不完整（提前结束）",
            Category::Data => "的内容与基线格式不符",
            Category::Io => "无法读取",
        };
        format!(
            "{what}（第 {} 行第 {} 列）；可用 --write-baseline 重新生成",
            e.line(),
            e.column()
        )
    })?;
    if baseline.schema != reportlint::baseline::SCHEMA {
        return Err(format!(
            "的 schema 是 `{}`，应为 `{}`",
            baseline.schema,
            reportlint::baseline::SCHEMA
        ));
    }
    Ok(baseline)
}

/// Say on stderr what the baseline absorbed and which entries are stale.
fn report_baseline(path: &std::path::Path, applied: &Applied) {
    eprintln!(
        "已按基线 {} 略去 {} 条已知问题",
        path.display(),
        applied.suppressed
    );
    if applied.foreign {
        eprintln!(
            "注意：基线中的文件路径与本次检查的文件都不相同；请在生成基线的同一目录下、用同样的路径运行"
        );
    }
    if applied.stale.is_empty() {
        return;
    }
    eprintln!(
        "基线中有 {} 条记录已不再出现（问题已修正，或其文字已改动），可用 --write-baseline 更新基线：",
        applied.stale.len()
    );
    const SHOWN: usize = 10;
    for e in applied.stale.iter().take(SHOWN) {
        eprintln!("  {}  {}  {}", e.path, e.rule, e.message);
    }
    if applied.stale.len() > SHOWN {
        eprintln!("  ……另有 {} 条", applied.stale.len() - SHOWN);
    }
}

/// What to check, as the command line gave it.
pub(super) struct Input<'a> {
    pub(super) paths: &'a [PathBuf],
    pub(super) config: Option<&'a std::path::Path>,
    pub(super) packs: &'a [PathBuf],
    pub(super) year: Option<i32>,
    pub(super) unit_type: Option<&'a str>,
}

/// Walk the paths and set up configs and engines; failures are reported and become
/// the exit code.
pub(super) fn prepare(input: &Input<'_>) -> Result<Setup, ExitCode> {
    let walked = walk::report_files(input.paths).map_err(|e| {
        report_error(e);
        ExitCode::from(2)
    })?;
    let mut setup = Setup::new(&walked.files, input.config, input.packs).map_err(|e| {
        report_error(e);
        ExitCode::from(2)
    })?;
    // Broken folder entries are told now; the rest is checked, and the run ends in 2.
    setup.broken = walked.broken.len();
    for e in walked.broken {
        report_error(e);
    }
    if let Some(unit) = input.unit_type {
        setup.set_unit_type(unit).map_err(|e| {
            eprintln!("{}", e.message(unit));
            ExitCode::from(2)
        })?;
    }
    Ok(setup)
}

/// Files checked at a time: enough to keep every core busy, few enough that memory
/// does not grow with the number of files.
const CHUNK: usize = 256;

/// Check every file, in parallel within chunks, and hand the results to `each` in
/// command-line order. Broken files are reported on stderr; returns whether any was.
pub(super) fn check_chunks(
    setup: &Setup,
    input: &Input<'_>,
    mut each: impl FnMut(Checked),
) -> bool {
    let mut failed = setup.broken > 0;
    // Unit types taken from paths (`{unit-type}`) that no pack defines.
    let unknown_units = std::sync::Mutex::new(std::collections::BTreeSet::new());
    for chunk in setup.files.chunks(CHUNK) {
        let results: Vec<Result<Checked, Error>> = chunk
            .par_iter()
            .map(|(g, path)| {
                let group = &setup.groups[*g];
                let (options, settings, unknown) = group.options(path, input);
                if let Some(u) = unknown
                    && let Ok(mut set) = unknown_units.lock()
                {
                    set.insert(u);
                }
                Document::open(path).map(|doc| {
                    let mut c = group.engine.check_with(doc, &options);
                    settings.apply(&mut c);
                    c
                })
            })
            .collect();
        for r in results {
            match r {
                Ok(c) => each(c),
                Err(e) => {
                    failed = true;
                    report_error(e);
                }
            }
        }
    }
    let mut known: Vec<&str> = setup
        .groups
        .iter()
        .flat_map(|g| g.engine.packs())
        .flat_map(|p| &p.units)
        .map(|u| u.id.as_str())
        .collect();
    known.sort_unstable();
    known.dedup();
    for unit in unknown_units.into_inner().unwrap_or_default() {
        eprintln!(
            "警告：路径模式给出的报告主体类型 `{unit}` 没有定义，已改为从标题或落款识别；可用的类型：{}",
            known.join("、")
        );
    }
    failed
}
