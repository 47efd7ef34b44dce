//! The 政府信息公开工作年度报告 fixtures (`fixtures/xxgk/`, issue 13): each report in each
//! form (.docx with real Word tables, .html as published, a text copy) checked with the
//! `zfxxgk` pack gives exactly the faults its `.expect.yaml` plants — none for a correct
//! report — and each table finding points at the planted cell: on the grid (docx, html)
//! by row and column, in the text copy by the cell's text on the right line.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;

use reportlint::document::table::{Value, value};
use reportlint::{Document, Engine, Pack, Span};

/// The built-in zfxxgk pack alone.
static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let pack = Pack::builtin()
        .into_iter()
        .find(|p| p.id == "zfxxgk")
        .expect("zfxxgk is built in");
    Engine::new(vec![pack])
});

#[derive(Deserialize)]
struct Expect {
    forms: Vec<String>,
    tables: Vec<ExpectTable>,
    faults: Vec<Fault>,
    #[serde(flatten)]
    _rest: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct ExpectTable {
    which: usize,
    grid: Vec<Vec<String>>,
    #[serde(flatten)]
    _rest: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct Fault {
    check: String,
    message: String,
    table: Option<usize>,
    cell: Option<[usize; 2]>,
    text: Option<String>,
    #[serde(flatten)]
    _rest: BTreeMap<String, serde_json::Value>,
}

/// The rule that reports a planted fault.
fn rule_of(f: &Fault) -> &'static str {
    match (f.check.as_str(), f.table) {
        ("I1", _) => "zfxxgk/applications-balance",
        ("I2", _) => "zfxxgk/applications-outcomes-total",
        ("I3", _) => "zfxxgk/applications-row-total",
        ("I4", _) => "zfxxgk/review-litigation-totals",
        ("I6", Some(1)) => "zfxxgk/active-table-filled",
        ("I6", Some(2)) => "zfxxgk/applications-filled",
        ("I6", Some(3)) => "zfxxgk/review-litigation-filled",
        ("I9", Some(2)) => "zfxxgk/applications-prose",
        ("I9", Some(3)) => "zfxxgk/review-litigation-prose",
        ("F1", _) if f.message.contains("存在的主要问题") => "zfxxgk/problems",
        ("F2", _) => "zfxxgk/applications-rows",
        ("F3", _) => "zfxxgk/active-table-format",
        ("F4", _) => "zfxxgk/statistical-period",
        ("F5", _) => "zfxxgk/publication-deadline",
        ("F6", _) if f.message.contains("考核") => "zfxxgk/assessment-results",
        (other, t) => panic!("no rule for fault {other} (table {t:?})"),
    }
}

/// What a position of the expected grid shows: left past `<`, up past `^`.
fn shown(grid: &[Vec<String>], mut r: usize, mut c: usize) -> &str {
    loop {
        match grid[r][c].as_str() {
            "<" => c -= 1,
            "^" => r -= 1,
            s => return s,
        }
    }
}

/// The last label (non-figure text) of a grid row: what names it.
fn row_label(grid: &[Vec<String>], r: usize) -> Option<&str> {
    (0..grid[r].len())
        .rev()
        .map(|c| shown(grid, r, c))
        .find(|s| matches!(value(s), Value::Text))
}

/// The grid row (0-based) of table 2's `（七）总计`.
fn total_row(grid: &[Vec<String>]) -> usize {
    (0..grid.len())
        .find(|&r| row_label(grid, r) == Some("（七）总计"))
        .expect("（七）总计 row")
}

/// Whether `span` is the cell the fault planted (or, for I2, the `（七）总计` cell of its
/// column, which the identity's finding points at).
fn at_cell(doc: &Document, span: Span, f: &Fault, table: &ExpectTable) -> Result<(), String> {
    let [r, c] = f.cell.expect("cell");
    let (r, c) = (r - 1, c - 1);
    let r = if f.check == "I2" {
        total_row(&table.grid)
    } else {
        r
    };
    let Some((_, row, column)) = doc.cell_of(span) else {
        return Err(format!("“{}”不是表格的一格", span.slice(&doc.text)));
    };
    let written = span.slice(&doc.text).trim();
    let expected = shown(&table.grid, r, c);
    if written != expected {
        return Err(format!("指向“{written}”，应为“{expected}”"));
    }
    if doc.format == reportlint::document::Format::Txt {
        // A text copy has no grid: the line must be the row's.
        let line = doc.lines.position(&doc.text, span.start).line;
        let text_line = doc.text.lines().nth(line - 1).unwrap_or_default();
        if let Some(label) = row_label(&table.grid, r)
            && !text_line.contains(label)
        {
            return Err(format!("指向的行“{text_line}”不是“{label}”一行"));
        }
        Ok(())
    } else if (row, column) == (r, c) {
        Ok(())
    } else {
        Err(format!(
            "指向第 {} 行第 {} 列，应为第 {} 行第 {} 列",
            row + 1,
            column + 1,
            r + 1,
            c + 1
        ))
    }
}

#[test]
fn each_report_gives_exactly_its_planted_faults_in_every_form() {
    let dir = Path::new("fixtures/xxgk");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/xxgk")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".expect.yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 16, "the xxgk fixtures are missing");
    for path in paths {
        let yaml = std::fs::read_to_string(&path).expect("read");
        let expect: Expect =
            serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path
            .to_string_lossy()
            .trim_end_matches(".expect.yaml")
            .to_owned();
        for form in &expect.forms {
            let file = format!("{stem}.{form}");
            let doc = Document::open(Path::new(&file)).expect("open");
            let c = ENGINE.check(doc, None);
            checked += 1;
            let mut got: Vec<&str> = c.findings.iter().map(|f| f.rule.as_str()).collect();
            let mut want: Vec<&str> = expect.faults.iter().map(rule_of).collect();
            got.sort();
            want.sort();
            if got != want {
                let all: Vec<String> = c
                    .findings
                    .iter()
                    .map(|f| format!("{}：{}", f.rule, f.message))
                    .collect();
                failures.push(format!(
                    "{file}\n  读到 {got:?}\n  应为 {want:?}\n  {}",
                    all.join("\n  ")
                ));
                continue;
            }
            for fault in &expect.faults {
                let rule = rule_of(fault);
                let found: Vec<_> = c.findings.iter().filter(|f| f.rule == rule).collect();
                let problems: Vec<String> = if let Some(t) = fault.table
                    && fault.cell.is_some()
                    && fault.check != "I9"
                {
                    let table = expect
                        .tables
                        .iter()
                        .find(|x| x.which == t)
                        .expect("expected table");
                    // One of the rule's findings points at the planted cell.
                    let tries: Vec<Result<(), String>> = found
                        .iter()
                        .map(|f| {
                            f.span
                                .ok_or_else(|| "没有位置".to_owned())
                                .and_then(|s| at_cell(&c.document, s, fault, table))
                        })
                        .collect();
                    if tries.iter().any(Result::is_ok) {
                        Vec::new()
                    } else {
                        tries.into_iter().filter_map(Result::err).collect()
                    }
                } else if let Some(text) = &fault.text
                    && matches!(fault.check.as_str(), "F4" | "I9")
                {
                    // The finding points into the phrase the fault planted.
                    let ok = found.iter().any(|f| {
                        f.span
                            .is_some_and(|s| text.contains(s.slice(&c.document.text).trim()))
                    });
                    if ok {
                        Vec::new()
                    } else {
                        vec![format!("没有指向“{text}”")]
                    }
                } else {
                    Vec::new()
                };
                for p in problems {
                    failures.push(format!("{file} {}（{rule}）：{p}", fault.check));
                }
            }
        }
    }
    assert!(checked >= 48, "only {checked} documents checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The pack's skeleton fails while unfilled — in .docx with real Word tables, Markdown
/// and text — and passes once every `【请填写…】` is replaced (figures as 0).
#[test]
fn the_template_fails_unfilled_and_passes_filled() {
    use reportlint::document::Format;
    let pack = &ENGINE.packs()[0];
    let skeleton = reportlint::template::skeleton(pack, 2024, Some("青山区交通运输局"))
        .expect("zfxxgk has a template");
    let forms = [
        ("docx", Format::Docx, skeleton.to_docx()),
        ("md", Format::Markdown, skeleton.to_markdown().into_bytes()),
        ("txt", Format::Txt, skeleton.to_text().into_bytes()),
    ];
    for (name, format, bytes) in forms {
        let doc = Document::from_bytes(&format!("模板.{name}"), format, &bytes).expect("read");
        assert_eq!(doc.tables.len(), 3, "{name}: the three tables");
        let c = ENGINE.check(doc, None);
        for rule in [
            "zfxxgk/overview",
            "zfxxgk/applications-filled",
            "zfxxgk/active-table-filled",
        ] {
            assert!(
                c.findings.iter().any(|f| f.rule == rule),
                "{name}: an unfilled skeleton should fail {rule}"
            );
        }
        if format == Format::Docx {
            continue;
        }
        let text = String::from_utf8(bytes).expect("utf-8");
        let body = "本年度主动公开政府信息100条，依申请公开工作规范，加强政府信息管理，推进政府网站平台建设，强化监督保障，组织培训2次。一是解读形式单一；二是答复说理不充分。";
        let mut filled = text.replace("【请填写】", "0");
        while let Some(at) = filled.find("【请填写：") {
            let end = at + filled[at..].find('】').expect("closed") + '】'.len_utf8();
            let with = if filled[at..end].contains("成文日期") {
                "2025年1月20日"
            } else {
                body
            };
            filled.replace_range(at..end, with);
        }
        let doc = Document::from_text(&format!("填好.{name}"), format, filled);
        let c = ENGINE.check(doc, None);
        let all: Vec<String> = c
            .findings
            .iter()
            .map(|f| format!("{}：{}", f.rule, f.message))
            .collect();
        assert!(
            all.is_empty(),
            "{name}: a filled skeleton should pass:\n{}",
            all.join("\n")
        );
    }
}

/// I7 across years: `summary --previous` compares this year's 上年结转 with last year's
/// 结转下年度继续办理 of the same body, column by column, and lists each difference.
#[test]
fn summary_compares_the_carried_row_with_last_years_report() {
    let dir = tempfile::tempdir().unwrap();
    let this = dir.path().join("2023");
    let last = dir.path().join("2022");
    std::fs::create_dir_all(&this).unwrap();
    std::fs::create_dir_all(&last).unwrap();
    std::fs::copy(
        "fixtures/xxgk/department-2023.txt",
        this.join("市场监管局.txt"),
    )
    .unwrap();
    // Last year's report of the same body; this year's 上年结转 is 2 1 0 0 0 0 3.
    let text = std::fs::read_to_string("fixtures/xxgk/department-2023.txt").unwrap();
    let last_year = |r4: &str| {
        let lines: Vec<String> = text
            .replace("2023年", "2022年")
            .lines()
            .map(|l| {
                if l.starts_with("四、结转下年度继续办理\t") {
                    format!("四、结转下年度继续办理\t{r4}")
                } else {
                    l.to_owned()
                }
            })
            .collect();
        lines.join("\n")
    };
    let summary = |r4: &str| {
        std::fs::write(last.join("市场监管局.txt"), last_year(r4)).unwrap();
        let out = assert_cmd::Command::cargo_bin("reportlint")
            .unwrap()
            .args(["summary", "--format", "md", "--previous"])
            .arg(&last)
            .arg(&this)
            .output()
            .unwrap();
        assert!(
            out.status.code() != Some(2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let agreeing = summary("2\t1\t0\t0\t0\t0\t3");
    assert!(!agreeing.contains("跨年度核对"), "{agreeing}");
    let differing = summary("1\t1\t0\t0\t0\t0\t2");
    let lines: Vec<&str> = differing
        .lines()
        .filter(|l| l.contains("的“四、结转下年度继续办理”为"))
        .collect();
    assert_eq!(lines.len(), 2, "{differing}");
    assert!(
        lines[0].contains("“二、上年结转政府信息公开申请数量”的“自然人”为 2")
            && lines[0].contains("“四、结转下年度继续办理”为 1"),
        "{differing}"
    );
    assert!(
        lines[1].contains("“总计”为 3") && lines[1].contains("为 2"),
        "{differing}"
    );
}
