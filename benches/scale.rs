//! Scale benchmark: several thousand realistic reports through the release binary.
//!
//! `REPORTLINT_BENCH_SCALE=4000 cargo bench --bench scale`
//!
//! The corpus is generated from the five fixtures: each copy gets another unit name,
//! its years shifted by 0–3, a share of its figures changed, and now and then a
//! paragraph dropped — realistic variety, deterministic (a fixed seed). Two corpora, a
//! quarter and the full size, go through `reportlint summary --format csv`,
//! `reportlint check --format json` and `reportlint check` (human output); for each,
//! wall time, reports per second on this machine's cores, and the child's peak RSS
//! (GNU `time -v`). Summary and human output stream, so their memory should stay nearly
//! flat between the two sizes; JSON holds every result to print one document.
//! Without `--bench` (as under `cargo test --benches`) it runs a tiny corpus once.
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use regex::Regex;

mod common;
use common::{release_binary, root, run_measured};

const DEFAULT_SCALE: usize = 4000;
const FIXTURES: &str = "fixtures/reports";

/// xorshift64*: deterministic, good enough to vary a corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The unit names written in the fixtures, replaced in the copies.
const UNITS: [&str; 6] = [
    "海安街道",
    "西乡街道",
    "胜山镇",
    "武清区",
    "宝安区",
    "海安市",
];
const SYLLABLES: [&str; 16] = [
    "东", "西", "南", "北", "新", "安", "平", "和", "兴", "宁", "丰", "清", "河", "山", "城", "桥",
];
const SUFFIXES: [&str; 4] = ["街道", "镇", "区", "乡"];

fn variant(text: &str, rng: &mut Rng, year: &Regex, figure: &Regex) -> String {
    let name = format!(
        "{}{}{}",
        SYLLABLES[rng.below(16) as usize],
        SYLLABLES[rng.below(16) as usize],
        SUFFIXES[rng.below(4) as usize]
    );
    let mut out = text.to_owned();
    for unit in UNITS {
        out = out.replace(unit, &name);
    }
    let shift = rng.below(4) as i32;
    out = year
        .replace_all(&out, |c: &regex::Captures<'_>| {
            format!("{}年", c[1].parse::<i32>().unwrap_or(2020) + shift)
        })
        .into_owned();
    out = figure
        .replace_all(&out, |c: &regex::Captures<'_>| {
            if rng.below(5) == 0 {
                (c[0].parse::<u64>().unwrap_or(1) + rng.below(9) + 1).to_string()
            } else {
                c[0].to_owned()
            }
        })
        .into_owned();
    let lines: Vec<&str> = out.lines().collect();
    let drop = (rng.below(4) == 0).then(|| 2 + rng.below(lines.len().max(3) as u64 - 2) as usize);
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != drop)
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n")
}

fn corpus(dir: &Path, n: usize) {
    let fixtures: Vec<String> = std::fs::read_dir(root().join(FIXTURES))
        .expect("fixtures")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("fixture"))
        .collect();
    let year = Regex::new(r"((?:19|20)\d{2})年").expect("valid regex");
    let figure = Regex::new(r"\d{2,5}").expect("valid regex");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    std::fs::create_dir_all(dir).expect("corpus dir");
    for i in 0..n {
        let text = variant(&fixtures[i % fixtures.len()], &mut rng, &year, &figure);
        std::fs::write(dir.join(format!("r{i:05}.txt")), text).expect("write report");
    }
}

/// Wall seconds and peak RSS (KiB, when GNU time is there) of one run.
fn measure(binary: &Path, args: &[&str]) -> (f64, Option<u64>) {
    let start = Instant::now();
    let (_, rss) = run_measured(binary, args);
    (start.elapsed().as_secs_f64(), rss)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full {
        std::env::var("REPORTLINT_BENCH_SCALE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_SCALE)
    } else {
        20
    };
    let binary = release_binary();
    let dir = tempfile::tempdir().expect("temp dir");
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let mut report = String::new();
    let _ = writeln!(report, "reportlint 规模测试（{cores} 个 CPU）");
    for size in [n / 4, n] {
        let corpus_dir = dir.path().join(format!("c{size}"));
        corpus(&corpus_dir, size);
        let c = corpus_dir.to_string_lossy().into_owned();
        let csv = dir.path().join("s.csv");
        let runs: [(&str, Vec<&str>); 3] = [
            (
                "summary --format csv",
                vec![
                    "summary",
                    &c,
                    "--format",
                    "csv",
                    "-o",
                    csv.to_str().unwrap_or("s.csv"),
                ],
            ),
            (
                "check --format json",
                vec!["check", &c, "--format", "json", "--fail-on", "never"],
            ),
            (
                "check --format human",
                vec!["check", &c, "--color", "never", "--fail-on", "never"],
            ),
        ];
        for (label, args) in runs {
            let (secs, rss) = measure(&binary, &args);
            let rss = rss.map_or_else(
                || "不可用".to_owned(),
                |k| format!("{:.1} MiB", k as f64 / 1024.0),
            );
            let _ = writeln!(
                report,
                "{size:>6} 份  {label:<22} {secs:>7.2} s  {:>7.0} 份/秒  峰值 RSS {rss}",
                size as f64 / secs
            );
        }
    }
    if !full {
        let _ = writeln!(report, "（冒烟测试：未传 --bench，数字无意义）");
    }
    print!("{report}");
}
