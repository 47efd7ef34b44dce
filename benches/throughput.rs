//! Throughput benchmark for `reportlint`.
//!
//! Run it with
//!
//! ```text
//! cargo bench --bench throughput
//! REPORTLINT_BENCH_DOCS=3000 cargo bench --bench throughput   # corpus size (default 3000)
//! ```
//!
//! It measures, and prints as one table:
//!
//! 1. **Whole process, one report.** The release binary `target/release/reportlint`
//!    (built with `cargo build --release` if missing; `cargo bench` builds it anyway)
//!    runs `reportlint check fixtures/reports/haian-2023.txt --format json`
//!    [`CLI_RUNS`] times with stdout discarded; min and median wall time are reported.
//!    This is dominated by start-up: parsing the packs and loading jieba's dictionary.
//!    If GNU `/usr/bin/time` exists, one extra run under `time -v` gives the child's
//!    peak RSS.
//! 2. **In process.** The reports in `fixtures/reports/*.txt` are repeated into a
//!    corpus of `REPORTLINT_BENCH_DOCS` documents (each copy with its own path). Timed:
//!    building the packs and the [`Engine`] once; then decoding and checking the whole
//!    corpus sequentially on the calling thread, and in parallel with rayon's
//!    `par_iter` on the default pool. Each document is decoded from its bytes inside
//!    the timed loop (as the CLI does) and each [`Checked`](reportlint::Checked) is
//!    dropped as soon as its findings are counted, so memory stays flat. Decoding
//!    alone is timed too, to show its share. Rates are reports/s and MB/s of input.
//! 3. **Word documents**: unzipping, numbering and outline of `fixtures/docx`.
//! 4. **Web pages** (issue 15): reading, and reading plus checking, a 1 MB page whose
//!    second half is 100,000 unclosed `<nav>` elements (and the same as
//!    `<div class="nav">` blocks, 1.7 MB of them) beside a 1 MB plain page, each the
//!    best of three runs. Reading is linear whatever the nesting, so these stay close.
//! 5. **Peak memory** of this process: `VmHWM` from `/proc/self/status`, read after
//!    the in-process runs (it includes the engine and rayon's threads).
//!
//! Each throughput row also shows the cores actually used (process CPU time over
//! wall time, from `/proc/self/stat`), and the table starts with the load average:
//! on a shared machine a parallel speed-up well under the core count together with
//! fewer cores used than threads means other processes held the CPUs, not that the
//! engine contends with itself.
//!
//! There are no assertions on timing. Under `cargo test --benches` (no `--bench`
//! argument) it only runs a quick in-process smoke pass over the fixtures.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use reportlint::{Document, Engine, Format, Pack};

mod common;
use common::{release_binary, root, run_measured};

/// How many times the whole-process run is repeated.
const CLI_RUNS: usize = 20;
/// The report the whole-process run checks, relative to the package root.
const CLI_REPORT: &str = "fixtures/reports/haian-2023.txt";
/// Corpus size when `REPORTLINT_BENCH_DOCS` is unset.
const DEFAULT_DOCS: usize = 3000;
/// Shortest phase for which the cores used are reported.
const MIN_SECS_FOR_CPU: f64 = 0.2;
/// Where the fixture reports live, relative to the package root.
const FIXTURES: &str = "fixtures/reports";

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not.
    let full = std::env::args().any(|a| a == "--bench");
    let mut table = Table::default();
    if let Some(load) = load_average() {
        table.row("开始时系统负载（1 分钟）", load);
    }

    if full {
        cli_single_report(&mut table);
    }

    let docs = if full { corpus_size() } else { 5 };
    in_process(&mut table, docs);
    word_documents(&mut table, docs);
    web_pages(&mut table, full);

    let hwm = vm_hwm_kib().map_or_else(|| "不可用".to_owned(), format_kib);
    table.row("本进程峰值内存 VmHWM", hwm);

    let title = if full {
        "reportlint 吞吐量"
    } else {
        "reportlint 吞吐量（冒烟测试：未传 --bench，数字无意义）"
    };
    table.print(title);
}

/// Part 1: time the release binary on one report.
fn cli_single_report(table: &mut Table) {
    let binary = release_binary();
    let run = || {
        let mut command = Command::new(&binary);
        command
            .args(["check", CLI_REPORT, "--format", "json"])
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        command
    };

    let mut times = Vec::with_capacity(CLI_RUNS);
    for _ in 0..CLI_RUNS {
        let start = Instant::now();
        let status = run().status().expect("run reportlint");
        times.push(start.elapsed());
        // 0 = clean, 1 = findings at or above --fail-on; 2 = an error.
        assert!(
            matches!(status.code(), Some(0 | 1)),
            "reportlint check failed: {status}"
        );
    }
    times.sort();
    table.row(
        &format!("单份报告（整个进程，{CLI_RUNS} 次）最短"),
        format_duration(times[0]),
    );
    table.row(
        "单份报告（整个进程）中位数",
        format_duration(median(&times)),
    );

    let (_, rss) = run_measured(&binary, &["check", CLI_REPORT, "--format", "json"]);
    let rss = match rss {
        Some(kib) => format_kib(kib),
        None => "跳过（无 GNU /usr/bin/time）".to_owned(),
    };
    table.row("单份报告子进程峰值 RSS", rss);
}

/// Part 2: engine construction and corpus throughput.
fn in_process(table: &mut Table, docs: usize) {
    let fixtures = read_fixtures(FIXTURES, "txt");
    // The corpus: (path, bytes) pairs cycling through the fixtures. The bytes are
    // borrowed, so the corpus itself costs only the path strings.
    let corpus: Vec<(String, &[u8])> = fixtures
        .iter()
        .cycle()
        .take(docs)
        .enumerate()
        .map(|(i, (name, bytes))| (format!("corpus/{i:05}/{name}"), bytes.as_slice()))
        .collect();
    let corpus_bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();

    let (packs, packs_time) = timed(Pack::builtin);
    let (engine, engine_time) = timed(|| Engine::new(packs));
    table.row(
        "解析内置规则包 Pack::builtin",
        format_duration(packs_time.wall),
    );
    table.row(
        "构建引擎 Engine::new（jieba）",
        format_duration(engine_time.wall),
    );

    // Warm-up: touch every fixture once so lazy state and caches are not timed.
    let warm: usize = corpus
        .iter()
        .take(fixtures.len())
        .map(|d| check_one(&engine, d))
        .sum();
    std::hint::black_box(warm);

    table.row(
        "语料",
        format!(
            "{docs} 份，{:.1} MB（{} 份样本循环）",
            mb(corpus_bytes),
            fixtures.len()
        ),
    );

    let (decoded, decode_time) = timed(|| {
        corpus
            .iter()
            .map(|(path, bytes)| {
                let doc = Document::from_bytes(path, Format::Txt, bytes).expect("fixture decodes");
                std::hint::black_box(doc).text.len()
            })
            .sum::<usize>()
    });
    std::hint::black_box(decoded);
    table.rate("仅解码与提纲（1 线程）", docs, corpus_bytes, decode_time);

    let (sequential, sequential_time) =
        timed(|| corpus.iter().map(|d| check_one(&engine, d)).sum::<usize>());
    table.rate("解码+检查（1 线程）", docs, corpus_bytes, sequential_time);

    let threads = rayon::current_num_threads();
    let (parallel, parallel_time) = timed(|| {
        corpus
            .par_iter()
            .map(|d| check_one(&engine, d))
            .sum::<usize>()
    });
    table.rate(
        &format!("解码+检查（rayon，{threads} 线程）"),
        docs,
        corpus_bytes,
        parallel_time,
    );
    table.row(
        "并行加速比",
        format!(
            "{:.2}×",
            sequential_time.wall.as_secs_f64() / parallel_time.wall.as_secs_f64()
        ),
    );

    // Not a timing assertion: both passes must have done the same work.
    assert_eq!(
        sequential, parallel,
        "sequential and parallel runs disagree"
    );
    table.row("发现问题总数（每遍）", sequential.to_string());
}

/// Part 3: reading Word documents (unzip, numbering, outline), no checking.
fn word_documents(table: &mut Table, docs: usize) {
    let files = read_fixtures("fixtures/docx", "docx");
    let corpus: Vec<&(String, Vec<u8>)> = files.iter().cycle().take(docs).collect();
    let bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    let (chars, time) = timed(|| {
        corpus
            .iter()
            .map(|(name, bytes)| {
                let doc = Document::from_bytes(name, Format::Docx, bytes).expect("fixture reads");
                std::hint::black_box(doc).text.len()
            })
            .sum::<usize>()
    });
    std::hint::black_box(chars);
    table.rate("Word 文档解压、编号与提纲（1 线程）", docs, bytes, time);
}

/// Part 4 (issue 15): reading and checking a 1 MB saved page whose second half is
/// 100,000 unclosed `<nav>` elements, beside a 1 MB plain page, and the same furniture
/// as `<div class="nav">` blocks. Reading must stay linear whatever the nesting, so
/// the furniture pages should take about as long as the plain one, not minutes.
fn web_pages(table: &mut Table, full: bool) {
    let furniture = if full { 100_000 } else { 1_000 };
    let size = if full { 1_000_000 } else { 10_000 };
    let head = "<html><head><meta charset=\"utf-8\"><title>某区2023年法治政府建设情况报告</title></head><body>\
                <p>某区2023年法治政府建设情况报告</p><p>一、主要举措和成效</p>";
    let paragraph =
        "<p>全年办理行政复议案件12件，依法行政水平不断提高，执法规范化建设持续推进。</p>";
    let page = |text_bytes: usize, element: &str, count: usize| {
        let mut page = String::with_capacity(size + count * element.len() + 1024);
        page.push_str(head);
        while page.len() < text_bytes {
            page.push_str(paragraph);
        }
        for _ in 0..count {
            page.push_str(element);
        }
        page.push_str("</body></html>");
        page.into_bytes()
    };
    let nav_len = "<nav>".len() * furniture;
    let pages = [
        ("普通网页", 0, page(size, "", 0)),
        (
            "未闭合 <nav> 网页",
            furniture,
            page(size - nav_len, "<nav>", furniture),
        ),
        (
            "未闭合 <div class=\"nav\"> 网页",
            furniture,
            page(size - nav_len, "<div class=\"nav\">", furniture),
        ),
    ];
    let engine = Engine::new(Pack::builtin());
    for (name, count, bytes) in &pages {
        let runs = if full { 3 } else { 1 };
        let best = |f: &dyn Fn() -> usize| {
            (0..runs)
                .map(|_| timed(|| std::hint::black_box(f())).1.wall)
                .min()
                .unwrap_or_default()
        };
        let read = best(&|| {
            Document::from_bytes("page.html", Format::Html, bytes)
                .expect("page reads")
                .text
                .len()
        });
        let checked = best(&|| {
            let doc = Document::from_bytes("page.html", Format::Html, bytes).expect("page reads");
            engine.check(doc, None).findings.len()
        });
        let elements = if *count == 0 {
            String::new()
        } else {
            format!("，{count} 个元素")
        };
        table.row(
            &format!("{name}（{:.2} MB{elements}）", mb(bytes.len())),
            format!(
                "读取 {}，读取+检查 {}（{runs} 次取最短）",
                format_duration(read),
                format_duration(checked)
            ),
        );
    }
}

/// Wall time and, where `/proc` has it, this process's CPU time (all threads).
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
}

/// Run `f` once and time it.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Timing) {
    let cpu_before = process_cpu_time();
    let start = Instant::now();
    let value = f();
    let wall = start.elapsed();
    let cpu = process_cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    (value, Timing { wall, cpu })
}

/// User plus system time of this process from `/proc/self/stat` (Linux; `None`
/// elsewhere). Counted in clock ticks, assumed 100 per second (`USER_HZ` on every
/// mainstream Linux), so good to about 10 ms.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 14th and
    // 15th fields overall, i.e. the 12th and 13th here.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Decode and check one document; keep only its number of findings.
fn check_one(engine: &Engine, (path, bytes): &(String, &[u8])) -> usize {
    let doc = Document::from_bytes(path, Format::Txt, bytes).expect("fixture decodes");
    engine.check(doc, None).findings.len()
}

/// The fixtures in `folder` with extension `ext`, sorted by file name: (file name, bytes).
fn read_fixtures(folder: &str, ext: &str) -> Vec<(String, Vec<u8>)> {
    let dir = root().join(folder);
    let mut fixtures: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("read fixture entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
            (name, bytes)
        })
        .collect();
    assert!(
        !fixtures.is_empty(),
        "no *.{ext} reports in {}",
        dir.display()
    );
    fixtures.sort();
    fixtures
}

/// `REPORTLINT_BENCH_DOCS`, or the default.
fn corpus_size() -> usize {
    match std::env::var("REPORTLINT_BENCH_DOCS") {
        Ok(v) => match v.trim().parse() {
            Ok(n) if n > 0 => n,
            _ => panic!("REPORTLINT_BENCH_DOCS must be a positive integer, got {v:?}"),
        },
        Err(_) => DEFAULT_DOCS,
    }
}

/// The 1-minute load average from `/proc/loadavg`, to judge whether the machine was
/// quiet; `None` where absent.
fn load_average() -> Option<String> {
    let loadavg = std::fs::read_to_string("/proc/loadavg").ok()?;
    let one = loadavg.split_whitespace().next()?;
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    Some(format!("{one}（{cores} 个 CPU）"))
}

/// `VmHWM` (peak resident set size) of this process in KiB, on Linux.
fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The median of sorted durations.
fn median(sorted: &[Duration]) -> Duration {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn format_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.1} ms")
    }
}

fn format_kib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// A two-column table whose labels may be Chinese.
#[derive(Default)]
struct Table {
    rows: Vec<(String, String)>,
}

impl Table {
    fn row(&mut self, label: &str, value: String) {
        self.rows.push((label.to_owned(), value));
    }

    /// A throughput row: wall time, reports/s, MB/s, and the cores actually used
    /// (CPU time / wall time), which shows when other processes took the CPUs.
    fn rate(&mut self, label: &str, docs: usize, bytes: usize, timing: Timing) {
        let secs = timing.wall.as_secs_f64();
        let mut value = format!(
            "{}，{:.0} 份/秒，{:.2} MB/s",
            format_duration(timing.wall),
            docs as f64 / secs,
            mb(bytes) / secs
        );
        // CPU time comes in 10 ms ticks: meaningless for short phases.
        if let Some(cpu) = timing.cpu.filter(|_| secs >= MIN_SECS_FOR_CPU) {
            value += &format!("，占用 {:.2} 核", cpu.as_secs_f64() / secs);
        }
        self.row(label, value);
    }

    fn print(&self, title: &str) {
        let width = self
            .rows
            .iter()
            .map(|(l, _)| display_width(l))
            .max()
            .unwrap_or(0);
        println!();
        println!("{title}");
        println!("{}", "─".repeat(width + 40));
        for (label, value) in &self.rows {
            let pad = " ".repeat(width - display_width(label));
            println!("{label}{pad}  {value}");
        }
    }
}

/// Terminal columns: CJK and full-width characters take two, ASCII one.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}
