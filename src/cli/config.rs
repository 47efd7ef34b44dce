//! `reportlint config show [PATH]`: which `reportlint.toml` applies to a file or folder,
//! and what it sets. For a folder, the config as written; for a report file, what
//! applies to it — the year, unit and unit type the path gives, and every rule's level
//! and every criterion's threshold in TOML, ready to paste into `reportlint.toml`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use reportlint::Pack;
use reportlint::check::subject::recognise;
use reportlint::config::{Config, Effective, FILE_NAME, Setting};
use reportlint::pack::threshold;

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
        /// 报告文件或文件夹；默认为当前文件夹。给出报告文件时，列出对它生效的年度、单位和各规则的级别
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
                "# 未找到 {FILE_NAME}（从 {} 向上查找）；使用默认设置：内置规则包，不改动任何规则。",
                path.display()
            )?;
            if path.is_file() {
                effective(
                    out,
                    &path,
                    None,
                    &Effective::default(),
                    &Pack::builtin(),
                    &[],
                )?;
            }
            Ok(())
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        };
    };
    let loaded = Config::load(&file).and_then(|c| {
        let (mut packs, given) = load_packs(&c.packs)?;
        c.apply_to_packs(&mut packs)?;
        c.validate(&packs)?;
        Ok((c, packs, given))
    });
    let (c, packs, given) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            report_error(e);
            return ExitCode::from(2);
        }
    };
    let written = write_out(|out| {
        writeln!(out, "# 配置文件：{}", shown(&file))?;
        if path.is_file() {
            effective(out, &path, Some(&c), &c.for_file(&path), &packs, &given)
        } else {
            pack_lines(out, &packs)?;
            writeln!(
                out,
                "# 给出一份报告文件（reportlint config show 报告.docx），可查看对它生效的年度、单位和各规则的级别。\n"
            )?;
            write!(out, "{}", c.show())
        }
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// A path relative to the current folder when it lies below it, else as it is.
fn shown(path: &Path) -> String {
    let below = |p: &Path, cwd: &Path| p.strip_prefix(cwd).ok().map(Path::to_path_buf);
    let rel = std::env::current_dir().ok().and_then(|cwd| {
        below(path, &cwd).or_else(|| {
            // The same folder reached through a symbolic link.
            below(&path.canonicalize().ok()?, &cwd.canonicalize().ok()?)
        })
    });
    rel.unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

fn pack_lines(out: &mut dyn Write, packs: &[Pack]) -> io::Result<()> {
    for p in packs {
        let base = p
            .extends()
            .map_or_else(String::new, |b| format!("，继承 {b}"));
        let from = p
            .file
            .as_ref()
            .map_or_else(|| "内置".to_owned(), |f| format!("文件 {}", shown(f)));
        writeln!(
            out,
            "# 规则包 {}（版本 {}{base}）：{}；{from}",
            p.id, p.version, p.title
        )?;
    }
    Ok(())
}

/// What applies to one report file.
fn effective(
    out: &mut dyn Write,
    file: &Path,
    config: Option<&Config>,
    e: &Effective,
    packs: &[Pack],
    given: &[String],
) -> io::Result<()> {
    // The packs that check this report (as `check` chooses them), when it can be read.
    let chosen: Vec<Pack>;
    let packs = match reportlint::Document::open(file) {
        Ok(doc) => {
            let given: Vec<bool> = packs.iter().map(|p| given.contains(&p.id)).collect();
            let head = reportlint::check::select::Head::of(&doc, &doc.text);
            let mut indices = reportlint::check::select::choose(packs, &given, &head);
            reportlint::check::select::keep_layout_for_word(packs, &mut indices, &doc);
            chosen = indices.into_iter().map(|i| packs[i].clone()).collect();
            &chosen
        }
        // Unread, by its name: a 版式 pack checks only Word documents.
        Err(_) => {
            let word = file
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("docx"));
            chosen = packs
                .iter()
                .filter(|p| word || !p.layout)
                .cloned()
                .collect();
            &chosen
        }
    };
    pack_lines(out, packs)?;
    writeln!(out, "#\n# 对 {} 生效的设置：", file.display())?;
    let pattern = config
        .and_then(Config::path_pattern)
        .map_or_else(String::new, |p| format!("，path-pattern = \"{p}\""));
    let year = match e.year {
        Some(y) if e.year_from_path => format!("{y}（取自路径{pattern}）"),
        Some(y) => format!("{y}（配置文件中的 year）"),
        None => "从报告中识别（标题、开头一句、各部分标题或成文日期）".to_owned(),
    };
    writeln!(out, "# 报告年度：{year}")?;
    match &e.unit {
        Some(u) => writeln!(out, "# 单位名称：{u}（取自路径）")?,
        None => writeln!(out, "# 单位名称：未从路径取得")?,
    }
    writeln!(out, "# 报告主体类型：{}", unit_type(e, packs))?;
    writeln!(
        out,
        "#\n# 以下是各规则的级别和各准则的阈值（已计入配置文件的设置），可复制到 {FILE_NAME} 中修改。\n"
    )?;
    writeln!(out, "[rules]")?;
    for rule in packs.iter().flat_map(|p| &p.rules) {
        let pack_level = if rule.disabled {
            "off"
        } else {
            level(Setting::Level(rule.severity))
        };
        match e.setting(&rule.full_id) {
            Some(s) if level(s) != pack_level => writeln!(
                out,
                "\"{}\" = \"{}\"  # 配置文件设置；规则包中为 \"{pack_level}\"",
                rule.full_id,
                level(s)
            )?,
            Some(s) => writeln!(
                out,
                "\"{}\" = \"{}\"  # 配置文件设置",
                rule.full_id,
                level(s)
            )?,
            None => writeln!(out, "\"{}\" = \"{pack_level}\"", rule.full_id)?,
        }
    }
    writeln!(out, "\n[thresholds]")?;
    for rule in packs.iter().flat_map(|p| &p.rules) {
        for c in rule.criteria() {
            let Some(value) = threshold(c) else { continue };
            let key = format!("{}/{}", rule.full_id, c.id);
            let note = if config.is_some_and(|cf| cf.sets_threshold(&key)) {
                "  # 配置文件设置"
            } else {
                ""
            };
            writeln!(out, "\"{key}\" = {value}{note}")?;
        }
    }
    Ok(())
}

fn level(s: Setting) -> &'static str {
    match s {
        Setting::Off => "off",
        Setting::Level(l) => match l {
            reportlint::report::Severity::Error => "error",
            reportlint::report::Severity::Warning => "warning",
            reportlint::report::Severity::Info => "info",
        },
    }
}

/// The 报告主体 type and where it comes from, in the order `check` decides it (short
/// of `--unit-type`).
fn unit_type(e: &Effective, packs: &[Pack]) -> String {
    let all = || packs.iter().flat_map(|p| &p.units);
    let name = |given: &str| {
        let id = reportlint::pack::units::resolve_unit(packs, given).ok()?;
        all()
            .find(|u| u.id == id)
            .map(|u| format!("{id}（{}）", u.name))
    };
    let mut unknown = String::new();
    if let Some(id) = &e.unit_type {
        let from = if e.unit_type_from_path {
            "取自路径"
        } else {
            "由配置文件指定"
        };
        match name(id) {
            Some(n) => return format!("{n}，{from}"),
            None => unknown = format!("（{from}的 `{id}` 没有定义，不用）"),
        }
    }
    if let Some(unit) = &e.unit
        && let Some(u) = packs
            .iter()
            .find_map(|p| recognise(&p.units, unit).and_then(|i| p.units.get(i)))
    {
        return format!("{}（{}），按单位名称“{unit}”识别{unknown}", u.id, u.name);
    }
    if let Some((p, u)) = packs.iter().find_map(|p| Some((p, p.units.get(p.unit?)?))) {
        return format!("{}（{}），由规则包 {} 指定{unknown}", u.id, u.name, p.id);
    }
    format!("从标题或落款识别{unknown}")
}
