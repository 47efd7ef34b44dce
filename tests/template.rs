//! `reportlint template`: the skeleton fails the check while its guidance stands, and
//! passes once a drafting office has replaced the guidance with real content.

mod common;

use common::run;

fn skeleton(args: &[&str]) -> String {
    let r = run(&[&["template", "--year", "2023"], args].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

/// What a drafting office writes in place of each guidance line, in order.
const FILLED: [&str; 7] = [
    "坚持以习近平法治思想为指导，扎实推进法治政府建设",
    "（一）依法全面履行政府职能。制定《江东区权责清单管理办法》，梳理职权事项524项，办理行政许可3120件，网上办理率98%，企业开办压缩至1个工作日。深化“放管服”改革，取消证明事项46项，清理规范性文件32件，修改5件、废止3件。\n（二）严格规范公正文明执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，公示执法信息1360条，开展重大执法决定法制审核36件，组织执法人员培训6期、参训420人次。\n（三）依法化解矛盾纠纷。受理行政复议案件129件，审结121件；办理行政应诉案件35件，负责人出庭应诉率100%。人民调解组织调处纠纷4432件，调解成功率98.7%。",
    "一是行政决策合法性审查力量不足，专业人员仅3人；二是基层执法规范化水平不高，执法案卷评查合格率有待提高。究其原因，主要是法治培训针对性不强，基层法治人才引进渠道较少。",
    "区委书记、区长带头履行第一责任人职责，主持召开区委常委会会议专题研究法治政府建设4次，听取法治建设工作汇报2次，带队开展法治专题调研3次，在年终述职中专题述法。",
    "一是健全重大行政决策程序，年内出台决策事项目录；二是开展执法案卷评查，组织执法人员培训4期；三是加强法治人才队伍建设，新增公职律师5名。",
    "无。",
    "2024年2月20日",
];

#[test]
fn unfilled_fails_filled_passes() {
    let text = skeleton(&["--unit", "江东区"]);
    assert!(
        text.starts_with("江东区2023年法治政府建设情况报告\n"),
        "{text}"
    );
    assert!(
        text.contains("四、2024年推进法治政府建设的主要安排"),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("骨架.md");
    std::fs::write(&blank, &text).unwrap();
    let r = run(&["check", "--format", "json", blank.to_str().unwrap()]);
    assert_eq!(r.code, 1, "an unfilled skeleton must fail");
    assert!(r.stdout.contains("fzzfjs/placeholder"), "{}", r.stdout);
    // Guidance in 【请填写：……】 is no content: every element is missing.
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for e in v["documents"][0]["elements"].as_array().unwrap() {
        assert_eq!(e["status"], "missing", "{e}");
    }

    // Replace each 【请填写：……】 in order.
    let mut filled = String::new();
    let mut rest = text.as_str();
    for content in FILLED {
        let start = rest.find("【请填写").expect("a guidance left to fill");
        let end = start + rest[start..].find('】').unwrap() + '】'.len_utf8();
        filled.push_str(&rest[..start]);
        filled.push_str(content);
        rest = &rest[end..];
    }
    filled.push_str(rest);
    assert!(!filled.contains("【请填写"), "{filled}");
    let done = dir.path().join("报告.md");
    std::fs::write(&done, &filled).unwrap();
    let r = run(&["check", "--format", "json", done.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}\n{}", filled, r.stdout);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for e in v["documents"][0]["elements"].as_array().unwrap() {
        assert_eq!(e["status"], "present", "{e}");
    }
}

#[test]
fn without_a_unit_the_name_is_left_to_fill() {
    let text = skeleton(&[]);
    assert!(text.starts_with("【请填写：单位名称】2023年"), "{text}");
}

#[test]
fn the_word_skeleton_reads_as_the_text_one_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("骨架.docx");
    let r = run(&[
        "template",
        "--year",
        "2023",
        "--unit",
        "江东区",
        "-o",
        blank.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&blank).unwrap();
    let body = reportlint::document::docx::extract(&bytes).unwrap().body;
    assert_eq!(body.text, skeleton(&["--unit", "江东区"]));
    // Headings carry Word's heading style; the title its title style.
    let document = common::parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert_eq!(
        document.matches(r#"<w:pStyle w:val="Heading1"/>"#).count(),
        5
    );
    assert_eq!(
        document.matches(r#"<w:highlight w:val="yellow"/>"#).count(),
        7
    );
    let r = run(&["check", "--format", "json", blank.to_str().unwrap()]);
    assert_eq!(r.code, 1, "an unfilled skeleton must fail");
    assert!(r.stdout.contains("fzzfjs/placeholder"), "{}", r.stdout);
    // Guidance in 【请填写：……】 is no content: every element is missing.
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for e in v["documents"][0]["elements"].as_array().unwrap() {
        assert_eq!(e["status"], "missing", "{e}");
    }

    // Type over each highlighted guidance run, a paragraph per line.
    let mut filled = document.clone();
    for content in FILLED {
        let start = filled.find("【请填写").expect("a guidance left to fill");
        let end = start + filled[start..].find('】').unwrap() + '】'.len_utf8();
        let xml = content.replace(
            '\n',
            r#"</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">"#,
        );
        filled.replace_range(start..end, &xml);
    }
    let done = dir.path().join("报告.docx");
    std::fs::write(
        &done,
        common::rewrite(&bytes, "word/document.xml", |_| filled.clone()),
    )
    .unwrap();
    let r = run(&["check", "--format", "json", done.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for e in v["documents"][0]["elements"].as_array().unwrap() {
        assert_eq!(e["status"], "present", "{e}");
    }
}

#[test]
fn format_follows_the_file_name_and_word_output_can_be_piped() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("骨架.md");
    let r = run(&["template", "--year", "2023", "-o", md.to_str().unwrap()]);
    assert_eq!(r.code, 0);
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("【请填写：单位名称】")
    );
    // Piped (not a terminal), --format docx writes the package to stdout.
    let out = common::reportlint()
        .args(["template", "--year", "2023", "--format", "docx"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
}
