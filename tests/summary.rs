//! `reportlint summary` for reviewers: the report × element matrix, per-rule totals and
//! near-copies, in all five formats.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;

use common::run;

/// The fixtures plus a near-copy of 西乡 (date changed) and last year's 海安.
fn batch(dir: &Path) -> (String, String) {
    let reports = dir.join("reports");
    let previous = dir.join("previous");
    fs::create_dir_all(&reports).unwrap();
    fs::create_dir_all(&previous).unwrap();
    for entry in fs::read_dir("fixtures/reports").unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, reports.join(p.file_name().unwrap())).unwrap();
    }
    let xixiang = fs::read_to_string("fixtures/reports/xixiang-2020.txt").unwrap();
    fs::write(
        reports.join("xixiang-copy.txt"),
        xixiang.replace("2020年12月14日", "2021年1月14日"),
    )
    .unwrap();
    let haian = fs::read_to_string("fixtures/reports/haian-2023.txt").unwrap();
    fs::write(
        previous.join("haian-2022.txt"),
        haian.replace("2023年", "2022年"),
    )
    .unwrap();
    (
        reports.display().to_string(),
        previous.display().to_string(),
    )
}

#[test]
fn table_md_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, previous) = batch(dir.path());
    let r = run(&["summary", &reports, "--previous", &previous]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "海安市海安街道",
        "按规则统计",
        "党政主要负责人履行推进法治建设第一责任人职责情况（fzzfjs/first-responsible-person）：6 / 6 份报告有问题",
        "内容雷同：",
        "xixiang-copy.txt",
        "与上年雷同：",
        "haian-2022.txt",
    ] {
        assert!(r.stdout.contains(needle), "{needle}\n{}", r.stdout);
    }
    // The header names each element by the pack's short name, in full, and says what
    // each stands for.
    let lines: Vec<&str> = r.stdout.lines().collect();
    let names = [
        "举措成效",
        "不足原因",
        "第一责任人",
        "下年安排",
        "其他情况",
        "三项制度",
    ];
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header[3..9], names, "{}", lines[0]);
    assert!(!lines[0].contains('…'), "{}", lines[0]);
    assert!(
        r.stdout.contains("列名：举措成效（上一年度推进法治政府建设的主要举措和成效）、不足原因（存在的不足和原因）"),
        "{}",
        r.stdout
    );
    // Columns line up by display width: the first element column starts at the same
    // terminal column in the header and in every row.
    let header = unicode_width(lines[0].split("举措成效").next().unwrap());
    for row in &lines[2..8] {
        let prefix = row.split(['✓', '△', '✗']).next().unwrap();
        assert_eq!(unicode_width(prefix), header, "{row}");
    }

    let r = run(&["summary", &reports, "--format", "md"]);
    assert!(
        r.stdout.starts_with("# 法治政府建设年度报告检查汇总"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("| 单位 | 年度 | 文件 | 举措成效 | 不足原因 | 第一责任人 | 下年安排 | 其他情况 | 三项制度 | 错误 | 警告 | 提示 |"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("列名：举措成效（"), "{}", r.stdout);
    assert!(r.stdout.contains("## 按规则统计"), "{}", r.stdout);

    let out = dir.path().join("s.csv");
    let r = run(&[
        "summary",
        &reports,
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let csv = fs::read(&out).unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()), "BOM for Excel");
    let text = String::from_utf8(csv).unwrap();
    let rows: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 7, "{text}");
    assert!(rows[0].contains("党政主要负责人履行推进法治建设第一责任人职责情况"));
    assert!(text.contains(",缺失,") && text.contains(",偏弱,") && text.contains(",已写,"));
}

fn unicode_width(s: &str) -> usize {
    // CJK characters take two columns in a terminal.
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

#[test]
fn html_page_and_xlsx_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, _) = batch(dir.path());
    let html = dir.path().join("s.html");
    let r = run(&[
        "summary",
        &reports,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "self-contained"
    );
    assert_eq!(page.matches("<details>").count(), 6);
    assert!(page.contains("<script>") && page.contains("addEventListener('click'"));
    assert!(
        page.contains("调解成功率写作 94%"),
        "findings are in the page"
    );
    assert!(
        page.contains("<th title=\"存在的不足和原因\">不足原因</th>"),
        "short names head the columns, full titles on hover"
    );
    // Each finding carries its advice.
    assert!(
        page.contains("<div class=\"help\">建议：逐条列出具体问题"),
        "{}",
        &page[..page.len().min(3000)]
    );

    let r = run(&["summary", &reports, "--format", "xlsx"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("-o"), "{}", r.stderr);
    let xlsx = dir.path().join("s.xlsx");
    let r = run(&[
        "summary",
        &reports,
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut zip = zip::ZipArchive::new(fs::File::open(&xlsx).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = part("xl/workbook.xml");
    for sheet in ["汇总", "问题清单", "规则统计", "雷同"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{workbook}"
        );
    }
    for n in 1..=4 {
        let sheet = part(&format!("xl/worksheets/sheet{n}.xml"));
        assert!(sheet.contains("state=\"frozen\""), "sheet{n} header frozen");
        assert!(sheet.contains("<autoFilter"), "sheet{n} has filters");
    }
    // 问题清单 prints on A4 landscape, one page wide (fitToWidth is 1 by default and
    // so not written; fitToHeight 0 lets it run to as many pages as needed), with the
    // header row on every page.
    let findings = part("xl/worksheets/sheet2.xml");
    let setup = findings
        .split("<pageSetup")
        .nth(1)
        .and_then(|s| s.split("/>").next())
        .unwrap_or_else(|| panic!("no pageSetup: {findings}"));
    assert!(setup.contains("orientation=\"landscape\""), "{setup}");
    assert!(setup.contains("paperSize=\"9\""), "{setup}");
    assert!(setup.contains("fitToHeight=\"0\""), "{setup}");
    assert!(
        !setup.contains("fitToWidth") || setup.contains("fitToWidth=\"1\""),
        "{setup}"
    );
    assert!(
        findings.contains("<pageSetUpPr fitToPage=\"1\"/>"),
        "{findings}"
    );
    assert!(
        workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">问题清单!$1:$1</definedName>"),
        "{workbook}"
    );
    let shared = part("xl/sharedStrings.xml");
    assert!(shared.contains("缺失") && shared.contains("fzzfjs/rate-arithmetic"));
    // Its columns: advice, Word paragraph and the rule's basis, filled in.
    for column in ["<t>建议</t>", "<t>段</t>", "<t>依据</t>"] {
        assert!(shared.contains(column), "{column}");
    }
    assert!(shared.contains("逐条列出具体问题"), "advice");
    assert!(shared.contains("厅字〔2019〕28号"), "basis");
}

#[test]
fn a_paragraph_copied_by_many_units_is_reported_once_per_copy() {
    let dir = tempfile::tempdir().unwrap();
    let xixiang = fs::read_to_string("fixtures/reports/xixiang-2020.txt").unwrap();
    for i in 0..80 {
        fs::write(
            dir.path().join(format!("r{i:02}.txt")),
            xixiang.replace("2020年12月14日", &format!("2021年1月{}日", i % 28 + 1)),
        )
        .unwrap();
    }
    let r = run(&["summary", dir.path().to_str().unwrap(), "--format", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // 79 copies of each compared passage, each paired with the first — not 80×79/2 pairs.
    let copies = r.stdout.matches("内容雷同").count();
    assert_eq!(copies, 2 * 79, "{}", &r.stdout[..r.stdout.len().min(2000)]);
}

#[test]
fn word_paragraphs_and_packs_without_short_names() {
    // A Word document's findings are placed by paragraph in the page and the workbook.
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("s.html");
    let r = run(&[
        "summary",
        "fixtures/docx/haian-2023.docx",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains("[警告] 第 14 段 疑似用错了词"), "{page}");
    assert!(!page.contains(" 行 "), "no line numbers for Word: {page}");

    // An element a derived pack adds without a short name is headed by its full title.
    let r = run(&[
        "summary",
        "fixtures/reports/haian-2023.txt",
        "--pack",
        "rules/examples/shenzhen-guide.yaml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let header = r.stdout.lines().next().unwrap();
    assert!(header.contains("举措成效"), "{header}");
    // Eleven characters: cut to eight before short names existed.
    assert!(header.contains("事项指引的8个一级事项"), "{header}");
    assert!(!header.contains('…'), "{header}");
}
