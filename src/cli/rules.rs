//! `reportlint rules`: what a pack checks and whether its examples hold.
//!
//! - `list` — id, severity, check kind (in Chinese) and title of every rule;
//! - `explain RULE` — title, why, basis, help, each criterion with its threshold as
//!   `[thresholds]` writes it, the reference table of a time rule, and the examples;
//! - `test [PACK]` — run every rule's examples (a `pass` text must not trigger the rule,
//!   a `fail` text must); exit 1 with each failing example shown.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use unicode_width::UnicodeWidthStr;

use reportlint::Pack;
use reportlint::check::criteria::{Criterion, CriterionKind};
use reportlint::check::time_ref::Reference;
use reportlint::check::{Engine, ExampleFailure};
use reportlint::outline::date::Date;
use reportlint::pack::{Check, Rule, threshold};

use super::{TEMPLATE, load_packs, report_error, write_out};

#[derive(Debug, Args)]
pub(super) struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// 列出规则：编号、级别、检查方式和标题
    #[command(help_template = TEMPLATE, override_usage = "reportlint rules list [选项]")]
    List(PackArgs),
    /// 说明一条规则：为什么要求、依据、如何修改，以及示例
    #[command(
        help_template = TEMPLATE,
        override_usage = "reportlint rules explain [选项] <规则>"
    )]
    Explain {
        /// 规则编号，如 fzzfjs/anachronism 或 anachronism
        #[arg(value_name = "规则", help_heading = "参数")]
        rule: String,
        #[command(flatten)]
        packs: PackArgs,
    },
    /// 运行规则包中每条规则的示例，检验规则是否按示例触发
    #[command(help_template = TEMPLATE)]
    Test {
        /// 规则包文件（YAML）；省略时测试内置规则包
        #[arg(value_name = "规则包", help_heading = "参数")]
        pack: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
struct PackArgs {
    /// 追加规则包文件（YAML），与 check 的同名选项相同。可重复使用
    #[arg(long = "pack", value_name = "文件", help_heading = "选项")]
    packs: Vec<PathBuf>,
}

pub(super) fn run(args: RulesArgs) -> ExitCode {
    match args.command {
        RulesCommand::List(p) => with_packs(&p, |packs| write_out(|out| list(out, packs))),
        RulesCommand::Explain { rule, packs } => with_packs(&packs, |all| explain(all, &rule)),
        RulesCommand::Test { pack } => test(pack),
    }
}

fn with_packs(args: &PackArgs, f: impl FnOnce(&[Pack]) -> Result<(), ExitCode>) -> ExitCode {
    match load_packs(&args.packs) {
        Ok((packs, _)) => f(&packs).err().unwrap_or(ExitCode::SUCCESS),
        Err(e) => {
            report_error(e);
            ExitCode::from(2)
        }
    }
}

fn pack_heading(out: &mut dyn Write, pack: &Pack) -> io::Result<()> {
    let base = pack
        .extends()
        .map_or_else(String::new, |b| format!("，继承 {b}"));
    let enabled = pack.enabled().count();
    let off = pack.rules.iter().filter(|r| r.disabled && r.opt_in).count();
    let off = if off > 0 {
        format!("，另有 {off} 条默认关闭")
    } else {
        String::new()
    };
    writeln!(
        out,
        "规则包 {}（版本 {}{base}）：{}，共 {enabled} 条规则{off}",
        pack.id, pack.version, pack.title
    )
}

fn list(out: &mut dyn Write, packs: &[Pack]) -> io::Result<()> {
    for pack in packs {
        pack_heading(out, pack)?;
        let width = pack
            .rules
            .iter()
            .map(|r| r.full_id.len())
            .max()
            .unwrap_or(0);
        let kind_width = pack
            .rules
            .iter()
            .map(|r| r.check.label().width())
            .max()
            .unwrap_or(0);
        for rule in &pack.rules {
            let off = off_label(rule);
            let kind = rule.check.label();
            writeln!(
                out,
                "  {:width$}  {}  {kind}{}  {}{off}",
                rule.full_id,
                rule.severity.label(),
                " ".repeat(kind_width - kind.width()),
                rule.title
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn find<'a>(packs: &'a [Pack], name: &str) -> Vec<&'a Rule> {
    packs
        .iter()
        .flat_map(|p| &p.rules)
        .filter(|r| r.full_id == name || r.id == name)
        .collect()
}

fn explain(packs: &[Pack], name: &str) -> Result<(), ExitCode> {
    let found = find(packs, name);
    let [rule] = found.as_slice() else {
        if found.is_empty() {
            let near: Vec<&str> = packs
                .iter()
                .flat_map(|p| &p.rules)
                .filter(|r| r.id.contains(name) || name.contains(r.id.as_str()))
                .map(|r| r.full_id.as_str())
                .take(5)
                .collect();
            eprintln!("错误：没有编号为 `{name}` 的规则");
            if !near.is_empty() {
                eprintln!("相近的规则：{}", near.join("、"));
            }
            eprintln!("用 `reportlint rules list` 查看全部规则。");
        } else {
            let ids: Vec<&str> = found.iter().map(|r| r.full_id.as_str()).collect();
            eprintln!(
                "错误：`{name}` 对应多条规则（{}），请写完整编号",
                ids.join("、")
            );
        }
        return Err(ExitCode::from(2));
    };
    write_out(|out| explain_rule(out, rule))
}

/// How a rule that is off is marked.
fn off_label(rule: &Rule) -> &'static str {
    match (rule.disabled, rule.opt_in) {
        (false, _) => "",
        (true, true) => "（默认关闭，可在配置文件中打开）",
        (true, false) => "（已停用）",
    }
}

fn explain_rule(out: &mut dyn Write, rule: &Rule) -> io::Result<()> {
    writeln!(out, "{}  {}", rule.full_id, rule.title)?;
    let off = off_label(rule);
    writeln!(
        out,
        "级别：{}{off}    检查方式：{}（规则包中写作 {}）",
        rule.severity.label(),
        rule.check.label(),
        rule.check.kind()
    )?;
    if let Some(short) = &rule.short {
        writeln!(out, "简称：{short}（汇总表的列名）")?;
    }
    writeln!(out, "提示：{}", rule.message)?;
    for (label, text) in [
        ("为什么", &rule.why),
        ("依据", &rule.basis),
        ("如何修改", &rule.help),
        ("通常位置", &rule.placement),
    ] {
        if let Some(t) = text {
            writeln!(out, "{label}：{t}")?;
        }
    }
    criteria(out, rule)?;
    if let Check::TimeRef(t) = &rule.check {
        writeln!(
            out,
            "\n提法和文件（共 {} 项；按报告年度和成文日期判断，超出有效范围即报告）：",
            t.refs.len()
        )?;
        for r in &t.refs {
            reference(out, r)?;
        }
    }
    for (label, examples) in [
        ("不应触发的示例", &rule.examples.pass),
        ("应当触发的示例", &rule.examples.fail),
    ] {
        writeln!(out, "\n{label}（{} 个）：", examples.len())?;
        for (i, text) in examples.iter().enumerate() {
            example(out, i, text)?;
        }
    }
    Ok(())
}

/// Each criterion with what it requires and, if it has one, its threshold as a line of
/// `[thresholds]`.
fn criteria(out: &mut dyn Write, rule: &Rule) -> io::Result<()> {
    let list = rule.criteria();
    if list.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n准则（每项不满足时，该部分判为“偏弱”；阈值可在 reportlint.toml 的 [thresholds] 中调整）："
    )?;
    for c in list {
        let value = threshold(c);
        let none = if value.is_none() {
            "；检查年份，没有阈值"
        } else {
            ""
        };
        writeln!(
            out,
            "  {}：{}（{}{none}）",
            c.id,
            requirement(c),
            c.severity.label()
        )?;
        if let Some(v) = value {
            writeln!(out, "    \"{}/{}\" = {v}", rule.full_id, c.id)?;
        }
    }
    Ok(())
}

/// What a criterion asks for, in words.
fn requirement(c: &Criterion) -> String {
    match &c.kind {
        CriterionKind::MinChars { min } => format!("正文不少于 {min} 个汉字"),
        CriterionKind::MinItems { min, what, .. } => format!("至少列出 {min} 条{what}"),
        CriterionKind::Count {
            min,
            distinct,
            what,
            ..
        } => {
            let unit = if *distinct { "种" } else { "处" };
            format!("{what}至少 {min} {unit}")
        }
        CriterionKind::Density { min, what, .. } => format!("{what}每千字至少 {min} 处"),
        CriterionKind::YearRef { offset, what, .. } => {
            let year = match offset {
                0 => "报告年度".to_owned(),
                1 => "报告年度的下一年".to_owned(),
                -1 => "报告年度的上一年".to_owned(),
                n => format!("报告年度{n:+}年"),
            };
            match what {
                Some(w) => format!("提及{year}，或有{w}"),
                None => format!("提及{year}"),
            }
        }
    }
}

fn date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// One row of a time rule's table: its name, the range in which it may be used, and
/// the conditions around it.
fn reference(out: &mut dyn Write, r: &Reference) -> io::Result<()> {
    let mut range = Vec::new();
    if let Some(d) = r.valid_from {
        range.push(format!(
            "成文日期不早于 {}（首次提出、召开或公布）",
            date(d)
        ));
    }
    if let Some(d) = r.in_force_from {
        range.push(format!("报告年度不早于 {} 年（{}起施行）", d.year, date(d)));
    }
    if let Some(y) = r.current_until {
        range.push(format!("报告年度不晚于 {y} 年（此后已不是现行依据）"));
    }
    writeln!(out, "  · {}　有效范围：{}", r.name, range.join("；"))?;
    // `before` bears on the in-force date and the last current year only.
    let when = match (r.in_force_from.is_some(), r.current_until.is_some()) {
        (true, true) => Some("施行之前、过时之后"),
        (true, false) => Some("施行之前"),
        (false, true) => Some("过时之后"),
        (false, false) => None,
    };
    if let (Some(b), Some(when)) = (&r.before, when) {
        writeln!(
            out,
            "    {when}的提及，只在前面约 20 字内有“{}”（作为工作依据）时报告",
            b.as_str()
        )?;
    }
    if let Some(u) = &r.unless {
        writeln!(out, "    所在句子含“{}”时不报告", u.as_str())?;
    }
    if let Some(n) = &r.note {
        writeln!(out, "    说明：{n}")?;
    }
    Ok(())
}

fn example(out: &mut dyn Write, i: usize, text: &str) -> io::Result<()> {
    writeln!(out, "  [{}]", i + 1)?;
    for line in text.lines() {
        writeln!(out, "    │ {line}")?;
    }
    Ok(())
}

fn test(path: Option<PathBuf>) -> ExitCode {
    let packs = match &path {
        None => Pack::builtin(),
        Some(p) => match Pack::load(p) {
            Ok(pack) => vec![pack],
            Err(e) => {
                report_error(e);
                return ExitCode::from(2);
            }
        },
    };
    let engine = Engine::new(packs);
    let failures = engine.run_examples();
    let written = write_out(|out| report_tests(out, &engine, &failures));
    match written {
        Err(code) => code,
        Ok(()) if failures.is_empty() => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(1),
    }
}

fn report_tests(
    out: &mut dyn Write,
    engine: &Engine,
    failures: &[ExampleFailure],
) -> io::Result<()> {
    let mut examples = 0;
    let mut rules = 0;
    for pack in engine.packs() {
        pack_heading(out, pack)?;
        for rule in pack.tested() {
            rules += 1;
            let n = rule.examples.pass.len() + rule.examples.fail.len();
            examples += n;
            let failed: Vec<&ExampleFailure> =
                failures.iter().filter(|f| f.rule == rule.full_id).collect();
            let mark = if failed.is_empty() { "✓" } else { "✗" };
            writeln!(out, "  {mark} {}（{n} 个示例）", rule.full_id)?;
            for f in failed {
                let (which, i) = f.which;
                let list = if which == "pass" {
                    &rule.examples.pass
                } else {
                    &rule.examples.fail
                };
                if which == "pass" {
                    writeln!(out, "    不应触发的示例 [{}] 触发了此规则：", i + 1)?;
                    for finding in &f.findings {
                        writeln!(out, "      · {}", finding.message)?;
                    }
                } else {
                    writeln!(out, "    应当触发的示例 [{}] 没有触发此规则：", i + 1)?;
                }
                for line in list[i].lines() {
                    writeln!(out, "      │ {line}")?;
                }
            }
        }
    }
    let failed = failures.len();
    if failed == 0 {
        writeln!(out, "\n全部通过：{rules} 条规则，{examples} 个示例。")
    } else {
        writeln!(
            out,
            "\n未通过：{failed} 个示例与规则的预期不符（共 {rules} 条规则，{examples} 个示例）。"
        )
    }
}
