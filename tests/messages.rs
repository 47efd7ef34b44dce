//! Every message a user can reach with a bad command line, a missing or wrong file, or
//! a broken pack or config is Chinese: no English sentence (two English words in a
//! row, apart from names such as flags, file names, rule ids and product names), and
//! the run fails with exit code 2. Help is Chinese too and exits 0.

use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

mod common;

use common::{Run, reportlint, run};

const REPORT: &str = "fixtures/reports/haian-2023.txt";

/// Names that may stand next to each other in a Chinese message: the program and its
/// commands, flags, rule ids, file names and product names.
static ALLOWED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        reportlint(\s+(check|summary|template|annotate|rules|config|help|list|explain|test|show))*
        | --?[A-Za-z][A-Za-z-]*
        | [A-Za-z0-9_.-]*/[A-Za-z0-9_./-]+      # paths and rule ids
        | [A-Za-z0-9_-]+\.[A-Za-z0-9]+          # file names
        | GitHub\s+Actions | JSON | SARIF | Word | WPS | Excel | YAML | TOML | UTF-8
        ",
    )
    .unwrap()
});

static ENGLISH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}").unwrap());

/// The English sentences left in `text` once the allowed names are taken out.
fn english(text: &str) -> Vec<String> {
    let rest = ALLOWED.replace_all(text, "　");
    ENGLISH
        .find_iter(&rest)
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// `args` run from `dir`; it fails with exit code 2 and says `expected`, in Chinese.
#[track_caller]
fn fails(dir: &Path, args: &[&str], expected: &str) -> Run {
    let r = common::run_in(dir, args);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert_eq!(r.code, 2, "{args:?}\n{all}");
    assert!(all.contains(expected), "{args:?}: want {expected:?}\n{all}");
    assert!(!all.contains("panicked"), "{args:?}\n{all}");
    let found = english(&all);
    assert!(found.is_empty(), "{args:?}: English {found:?}\n{all}");
    r
}

#[test]
fn the_english_detector_finds_english() {
    assert!(!english("error: unexpected argument '--fromat' found").is_empty());
    assert!(!english("错误：缺少参数（the following required arguments）").is_empty());
    assert!(!english("TOML 格式错误（invalid table header）").is_empty());
    assert!(english("错误：没有 --fromat 这个选项\n是否想用 --format？").is_empty());
    assert!(english("更多信息请运行 reportlint rules explain --help").is_empty());
    assert!(english("规则包 /tmp/a b/x.yaml 有误：fzzfjs/shortcomings").is_empty());
}

#[test]
fn help_and_no_arguments_show_chinese_help() {
    let commands: &[&[&str]] = &[
        &[],
        &["help"],
        &["--help"],
        &["rules"],
        &["config"],
        &["help", "check"],
        &["summary", "--help"],
        &["template", "--help"],
        &["annotate", "--help"],
        &["rules", "list", "--help"],
        &["rules", "explain", "--help"],
        &["help", "rules", "test"],
        &["config", "show", "--help"],
    ];
    for args in commands {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}\n{}", r.stderr);
        assert!(
            r.stdout.contains("用法：reportlint"),
            "{args:?}\n{}",
            r.stdout
        );
        assert!(r.stderr.is_empty(), "{args:?}\n{}", r.stderr);
        let found = english(&r.stdout);
        assert!(found.is_empty(), "{args:?}: {found:?}\n{}", r.stdout);
    }
}

#[test]
fn command_line_mistakes() {
    let here = Path::new(".");
    let cases: &[(&[&str], &str)] = &[
        (&["check"], "缺少 <路径>"),
        (&["summary"], "缺少 <路径>"),
        (&["template"], "缺少 --year <年份>"),
        (&["annotate"], "缺少 --output <文件>、<文档>"),
        (&["rules", "explain"], "缺少 <规则>"),
        (&["lint", REPORT], "没有“lint”这个命令"),
        (&["chek", REPORT], "是否想用 check？"),
        (&["rules", "lst"], "是否想用"),
        (
            &["check", REPORT, "--fromat", "json"],
            "是否想用 --format？",
        ),
        (&["--format", "json", "check", REPORT], "请写在 check 之后"),
        (
            &["check", REPORT, "--format", "xml"],
            "可用的取值：human、json、sarif、github",
        ),
        (&["check", REPORT, "--format", "jsno"], "是否想用 json？"),
        (
            &["check", REPORT, "--fail-on", "sometimes"],
            "可用的取值：error、warning、info、never",
        ),
        (
            &["check", REPORT, "--color", "often"],
            "可用的取值：auto、always、never",
        ),
        (
            &["summary", REPORT, "--format", "pdf"],
            "可用的取值：table、md、csv、html、xlsx",
        ),
        (
            &["template", "--year", "2024", "--format", "pdf"],
            "可用的取值：md、txt、docx",
        ),
        (
            &["template", "--year", "2024", "--pack", "a", "--pack", "b"],
            "--pack 只能使用一次",
        ),
        (&["check", REPORT, "--year", "abc"], "应为四位数字的年份"),
        (
            &["check", REPORT, "--year", "1800"],
            "年份应在 1990 到 2200 之间",
        ),
        (
            &["template", "--year", "20245"],
            "年份应在 1990 到 2200 之间",
        ),
        (&["check", REPORT, "--year"], "--year 后面缺少 <年份>"),
        (
            &["check", REPORT, "--year", "2020", "--year", "2021"],
            "只能使用一次",
        ),
        (
            &["check", REPORT, "--baseline", "a", "--write-baseline", "b"],
            "不能与",
        ),
        (
            &["check", REPORT, "--unit-type"],
            "--unit-type 后面缺少 <类型>",
        ),
        (
            &["template", "--year", "2024", "extra"],
            "多余的参数“extra”",
        ),
        (&["check", ""], "<路径> 不能为空"),
    ];
    for (args, expected) in cases {
        let r = fails(here, args, expected);
        assert!(
            r.stderr.contains("用法：reportlint"),
            "{args:?}\n{}",
            r.stderr
        );
    }
    // The usage names the subcommand that was run.
    let r = fails(here, &["summary", REPORT, "--format", "pdf"], "无效");
    assert!(
        r.stderr
            .contains("用法：reportlint summary [选项] <路径>..."),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("更多信息请运行 reportlint summary --help"),
        "{}",
        r.stderr
    );
}

#[test]
fn missing_and_wrong_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let report = fs::canonicalize(REPORT).unwrap();
    let report = report.to_str().unwrap();
    let docx = fs::canonicalize("fixtures/docx/haian-2023.docx").unwrap();
    let docx = docx.to_str().unwrap();
    fs::create_dir(d.join("空文件夹")).unwrap();
    fs::write(d.join("baseline.json"), "{").unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["check", "没有这个文件.txt"], "找不到文件或文件夹"),
        (&["check", "空文件夹"], "没有可检查的报告"),
        (
            &["check", report, "--pack", "没有.yaml"],
            "找不到文件或文件夹",
        ),
        (
            &["check", report, "--config", "没有.toml"],
            "找不到文件或文件夹",
        ),
        (&["check", report, "--baseline", "没有.json"], "不存在"),
        (&["check", report, "--baseline", "baseline.json"], "不完整"),
        (
            &["check", report, "--write-baseline", "空文件夹"],
            "是一个文件夹",
        ),
        (
            &["template", "--year", "2024", "-o", "空文件夹"],
            "是一个文件夹",
        ),
        (
            &["template", "--year", "2024", "-o", "没有/骨架.md"],
            "文件夹 没有 不存在",
        ),
        (
            &["template", "--year", "2024", "-o", "骨架.pdf"],
            "不能写出 .pdf 文件",
        ),
        (
            &[
                "template",
                "--year",
                "2024",
                "--format",
                "docx",
                "-o",
                "骨架.md",
            ],
            "请改为 骨架.docx",
        ),
        (&["annotate", docx, "-o", "批注.txt"], "请改为 批注.docx"),
        (&["annotate", docx, "-o", "空文件夹"], "是一个文件夹"),
        (&["annotate", report, "-o", "批注.docx"], "不是 Word 文档"),
        (
            &["summary", report, "--format", "xlsx", "-o", "汇总.csv"],
            "请改为 汇总.xlsx",
        ),
        (&["summary", report, "-o", "汇总.pdf"], "不能写出 .pdf 文件"),
        (
            &["summary", report, "--format", "xlsx"],
            "请用 -o 指定输出文件",
        ),
        (&["summary", report, "-o", "没有/汇总.xlsx"], "不存在"),
        (&["rules", "test", "没有.yaml"], "找不到文件或文件夹"),
        (
            &["check", report, "--unit-type", "city"],
            "不是已知的报告主体类型",
        ),
        (
            &["check", report, "--unit-type", "政府"],
            "可能指多种报告主体类型",
        ),
    ];
    for (args, expected) in cases {
        fails(d, args, expected);
    }
    // No file of the wrong kind was written.
    for name in [
        "骨架.pdf",
        "骨架.md",
        "批注.txt",
        "批注.docx",
        "汇总.csv",
        "汇总.pdf",
    ] {
        assert!(!d.join(name).exists(), "{name}");
    }
}

#[test]
fn broken_packs_and_configs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let report = fs::canonicalize(REPORT).unwrap();
    let report = report.to_str().unwrap();
    let pack = fs::read_to_string("rules/fzzfjs.yaml").unwrap();
    let packs = [
        (
            "键.yaml",
            pack.replacen(
                "    leading: true",
                "    leading: true\n        colour: red",
                1,
            ),
            "未知的键 `colour`",
        ),
        (
            "级别.yaml",
            pack.replacen("severity: error", "severity: loud", 1),
            "可用的取值：`info`、`warning`、`error`",
        ),
        (
            "类型.yaml",
            pack.replacen("severity: error", "severity: [a]", 1),
            "这里应为单个取值",
        ),
        (
            "制表符.yaml",
            pack.replacen("    leading: true", "\tleading: true", 1),
            "制表符",
        ),
        (
            "冒号.yaml",
            pack.replacen("title: 上一年度", "title: 上一年度: 推进", 1),
            "不能再写“键: 值”",
        ),
        (
            "重复.yaml",
            pack.replacen(
                "    severity: error\n",
                "    severity: error\n    severity: error\n",
                1,
            ),
            "重复的键 `severity`",
        ),
        ("括号.yaml", "id: [".to_owned(), "这里应为一段文字"),
        ("空.yaml", String::new(), "文件意外结束"),
    ];
    for (name, text, expected) in packs {
        fs::write(d.join(name), text).unwrap();
        let r = fails(d, &["check", report, "--pack", name], expected);
        assert!(
            r.stderr.contains(&format!("规则包 {name} 有误")),
            "{}",
            r.stderr
        );
    }
    let configs = [
        ("pack = []\n", "未知的键 `pack`"),
        ("year = \"x\"\n", "这里应为整数"),
        ("year = 2024\nyear = 2025\n", "重复的键"),
        ("[rules\n", "表头缺少右方括号"),
        ("x\n", "键后面缺少 = 和取值"),
        ("[rules]\n\"fzzfjs/placeholder\" = \"loud\"\n", "可用的设置"),
        ("year = 2024\n[[overrides]]\npaths = [\"[\"]\n", "路径模式"),
    ];
    for (text, expected) in configs {
        fs::write(d.join("reportlint.toml"), text).unwrap();
        let r = fails(
            d,
            &["check", report, "--config", "reportlint.toml"],
            expected,
        );
        assert!(
            r.stderr.contains("配置文件 reportlint.toml 有误"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("[reportlint.toml:"),
            "points into the file: {}",
            r.stderr
        );
    }
}

/// Not a terminal and no `COLUMNS`: 80 columns, and the excerpt holds the words around
/// the span, cut with `…`.
#[test]
fn excerpts_fit_80_columns_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报告.txt");
    fs::write(
        &path,
        "一、主要举措和成效\n今年以来，我街道坚持以习近平法治思想为指导，认真开展特特色普法宣传活动，全年共开展活动12场，受教育群众达3000人次，群众满意度明显提升。\n",
    )
    .unwrap();
    let out = reportlint()
        .env_remove("COLUMNS")
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let row = stdout
        .lines()
        .find(|l| l.contains("特特色"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        row.contains("认真开展特特色普法") && row.contains('…'),
        "{stdout}"
    );
    use unicode_width::UnicodeWidthStr;
    let width = UnicodeWidthStr::width;
    for line in stdout
        .lines()
        .filter(|l| l.contains('│') || l.contains('·'))
    {
        assert!(width(line) <= 80, "{}: {line}", width(line));
    }
}

/// Runs of four or more ASCII letters in the message lines of `text` (not the excerpt
/// of the user's own file, nor what is quoted in backticks), apart from the allowed
/// names and the format names.
fn english_words(text: &str) -> Vec<String> {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z]{4,}").unwrap());
    static TICKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`]*`").unwrap());
    const NAMES: [&str; 10] = [
        "json", "sarif", "docx", "xlsx", "html", "yaml", "toml", "human", "github", "never",
    ];
    text.lines()
        .filter(|l| !l.contains(['│', '╭', '╰', '·', '┬']))
        .flat_map(|line| {
            let line = TICKED.replace_all(line, "　");
            let line = ALLOWED.replace_all(&line, "　").into_owned();
            WORD.find_iter(&line)
                .map(|m| m.as_str().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|w| !NAMES.contains(&w.to_ascii_lowercase().as_str()))
        .collect()
}

/// `args` run from `dir` fail with exit code 2, say `expected`, and show no English
/// word from the system or a library.
#[track_caller]
fn fails_in_chinese(dir: &Path, args: &[&str], expected: &str) {
    let r = common::run_in(dir, args);
    assert_eq!(r.code, 2, "{args:?}\n{}", r.stderr);
    assert!(
        r.stderr.contains(expected),
        "{args:?}: want {expected:?}\n{}",
        r.stderr
    );
    let found = english_words(&r.stderr);
    assert!(
        found.is_empty(),
        "{args:?}: English {found:?}\n{}",
        r.stderr
    );
}

#[test]
fn the_word_detector_finds_library_words() {
    assert!(
        !english_words("错误：无法写入 a.txt：No space left on device (os error 28)").is_empty()
    );
    assert!(!english_words("规则包 a.yaml 有误：YAML 格式错误（invalid enum variant）").is_empty());
    assert!(english_words("错误：无法写入 f.txt/out.docx：f.txt 不是文件夹").is_empty());
    assert!(
        english_words(" 3 │ severity: !!int error\n  建议：可用的取值：`info`、`error`").is_empty()
    );
}

/// What the system or a parser library says when a file, an address or a pack is
/// wrong reaches the user in Chinese, never in the library's English.
#[test]
fn system_and_library_errors_are_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let report = fs::canonicalize(REPORT).unwrap();
    let report = report.to_str().unwrap();
    let docx = fs::canonicalize("fixtures/docx/haian-2023.docx").unwrap();
    let docx = docx.to_str().unwrap();
    fs::write(d.join("文件.txt"), "不是文件夹").unwrap();
    fs::create_dir(d.join("文件夹")).unwrap();
    fs::write(d.join("基线.json"), "[1, 2]").unwrap();
    let pack = fs::read_to_string("rules/fzzfjs.yaml").unwrap();
    fs::write(
        d.join("标注.yaml"),
        pack.replacen("severity: error", "severity: !!int error", 1),
    )
    .unwrap();
    for (name, text) in [
        ("表头.toml", "[a]]\n"),
        ("多行.toml", "a = \"\"\"\n"),
        ("花括号.toml", "rules = { x = 1 \n"),
    ] {
        fs::write(d.join(name), text).unwrap();
    }
    let cases: &[(&[&str], &str)] = &[
        // A path under a file: ENOTDIR from the system.
        (
            &["annotate", docx, "-o", "文件.txt/批注.docx"],
            "不是文件夹",
        ),
        (&["fix", report, "-o", "文件.txt/修正.txt"], "不是文件夹"),
        (
            &[
                "summary",
                report,
                "--format",
                "xlsx",
                "-o",
                "文件.txt/汇总.xlsx",
            ],
            "不是文件夹",
        ),
        (
            &["summary", report, "-o", "文件.txt/汇总.csv"],
            "不是文件夹",
        ),
        (
            &["check", report, "--write-baseline", "文件.txt/基线.json"],
            "不是文件夹",
        ),
        // Folders and devices where a file is read.
        (&["check", report, "--pack", "文件夹"], "是一个文件夹"),
        (&["check", report, "--config", "文件夹"], "是一个文件夹"),
        (&["check", report, "--baseline", "文件夹"], "是一个文件夹"),
        (&["check", report, "--config", "/dev/zero"], "设备文件"),
        // JSON of the wrong shape.
        (
            &["check", report, "--baseline", "基线.json"],
            "与基线格式不符",
        ),
        // Parser messages without a Chinese wording of their own.
        (&["check", report, "--pack", "标注.yaml"], "无效的取值"),
        (
            &["check", report, "--config", "表头.toml"],
            "多余的键或取值",
        ),
        (&["check", report, "--config", "多行.toml"], "三个引号"),
        (
            &["check", report, "--config", "花括号.toml"],
            "花括号 { 没有闭合",
        ),
        // An address this computer does not have (TEST-NET-1).
        (
            &["serve", "--listen", "192.0.2.1:8080", "--no-open"],
            "本机没有这个网络地址",
        ),
    ];
    for (args, expected) in cases {
        fails_in_chinese(d, args, expected);
    }
    // A port another program listens on.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    fails_in_chinese(
        d,
        &["serve", "--port", &port, "--no-open"],
        "地址或端口已被占用",
    );
}

/// A full disk under the results: the reason in Chinese.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_in_chinese() {
    let report = fs::canonicalize(REPORT).unwrap();
    for args in [&["check"][..], &["summary"][..]] {
        // Not through `reportlint()`: it would catch stdout in a pipe.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_reportlint"))
            .env("NO_COLOR", "1")
            .args(args)
            .arg(&report)
            .stdout(fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("磁盘空间不足"), "{stderr}");
        let found = english_words(&stderr);
        assert!(found.is_empty(), "{found:?}\n{stderr}");
    }
}
