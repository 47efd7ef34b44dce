//! `reportlint rules`: what a pack checks and whether its examples hold.
//!
//! - `list` — id, severity, check kind and title of every rule;
//! - `explain RULE` — title, why, basis, help and the rule's own examples;
//! - `test [PACK]` — run every rule's examples (a `pass` text must not trigger the rule,
//!   a `fail` text must); exit 1 with each failing example shown.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use reportlint::Pack;
use reportlint::check::{Engine, ExampleFailure};
use reportlint::pack::Rule;

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
        Ok(packs) => f(&packs).err().unwrap_or(ExitCode::SUCCESS),
        Err(e) => {
            report_error(e);
            ExitCode::from(2)
        }
    }
}

fn pack_heading(out: &mut dyn Write, pack: &Pack) -> io::Result<()> {
    let base = pack
        .extends
        .as_ref()
        .map_or_else(String::new, |b| format!("，继承 {b}"));
    let enabled = pack.enabled().count();
    writeln!(
        out,
        "规则包 {}（版本 {}{base}）：{}，共 {enabled} 条规则",
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
        for rule in &pack.rules {
            let off = if rule.disabled { "（已停用）" } else { "" };
            writeln!(
                out,
                "  {:width$}  {}  {:12}  {}{off}",
                rule.full_id,
                rule.severity.label(),
                rule.check.kind(),
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

fn explain_rule(out: &mut dyn Write, rule: &Rule) -> io::Result<()> {
    writeln!(out, "{}  {}", rule.full_id, rule.title)?;
    let off = if rule.disabled { "（已停用）" } else { "" };
    writeln!(
        out,
        "级别：{}{off}    检查方式：{}",
        rule.severity.label(),
        rule.check.kind()
    )?;
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
        for rule in pack.enabled() {
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
