//! Machine formats for CI: SARIF 2.1.0 (valid against the official schema, character
//! columns, stable fingerprints) and GitHub workflow commands.

mod common;

use std::fs;
use std::path::Path;

use common::run;
use serde_json::Value;

/// The official schema is not part of the project; where it is absent the validation
/// is skipped (and says so).
const SCHEMA: &str = "../shared/reference/sarif-schema-2.1.0.json";

fn sarif(args: &[&str]) -> Value {
    let r = run(&[&["check", "--format", "sarif"], args].concat());
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

#[test]
#[allow(clippy::print_stderr)] // A skipped validation must say so.
fn sarif_validates_against_the_official_schema() {
    let dir = tempfile::tempdir().unwrap();
    // A Chinese file name, to exercise URI encoding.
    let named = dir.path().join("海安街道 2023.txt");
    fs::copy("fixtures/reports/haian-2023.txt", &named).unwrap();
    let log = sarif(&[
        "fixtures/reports",
        named.to_str().unwrap(),
        "fixtures/docx/haian-2023-autonum.docx",
        "fixtures/pages/wuqing-2020.html",
    ]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 20, "{}", results.len());
    // Word and web regions say that they count in the extracted text.
    let word = results
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"])
        .find(|l| {
            l["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with(".docx")
                && l["region"].get("snippet").is_some()
        })
        .expect("a Word finding with a place");
    let properties = &word["region"]["properties"];
    assert_eq!(properties["reportlint/extracted-text"], true);
    assert!(properties["reportlint/paragraph"].as_u64().unwrap() > 0);
    if !Path::new(SCHEMA).exists() {
        eprintln!("跳过：未找到 SARIF 2.1.0 官方 schema（{SCHEMA}），只检查了输出结构");
        return;
    }
    let schema: Value = serde_json::from_str(&fs::read_to_string(SCHEMA).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the official schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The validation can fail: a level SARIF does not know is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_rules_results_and_character_columns() {
    let log = sarif(&["fixtures/reports/haian-2023.txt"]);
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"fzzfjs/next-year-plan") && ids.contains(&"fzzfjs/confusable-words"));
    let rule = rules
        .iter()
        .find(|r| r["id"] == "fzzfjs/dated-reference")
        .unwrap();
    assert_eq!(
        rule["shortDescription"]["text"],
        "已被取代的提法或文件作为现行依据"
    );
    assert!(rule["help"]["text"].as_str().unwrap().contains("依据："));

    let results = run0["results"].as_array().unwrap();
    let hit = results
        .iter()
        .find(|r| r["ruleId"] == "fzzfjs/confusable-words")
        .unwrap();
    assert_eq!(
        rules[hit["ruleIndex"].as_u64().unwrap() as usize]["id"],
        hit["ruleId"]
    );
    assert_eq!(hit["level"], "warning");
    let region = &hit["locations"][0]["physicalLocation"]["region"];
    // Count characters ourselves: the column is the character position on the line.
    let text = fs::read_to_string("fixtures/reports/haian-2023.txt").unwrap();
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("截止目前"))
        .unwrap();
    let column = line[..line.find("截止目前").unwrap()].chars().count() + 1;
    assert_eq!(region["startLine"], n + 1);
    assert_eq!(region["startColumn"], column);
    assert_eq!(region["endColumn"], column + 4);
    assert_eq!(region["snippet"]["text"], "截止目前");
    assert!(
        column < line[..line.find("截止目前").unwrap()].len(),
        "bytes would differ"
    );
    assert_eq!(
        hit["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "fixtures/reports/haian-2023.txt"
    );
    // A missing element points at the file.
    let missing = results
        .iter()
        .find(|r| r["ruleId"] == "fzzfjs/other-matters")
        .unwrap();
    assert_eq!(missing["level"], "note");
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
}

#[test]
fn fingerprints_survive_edits_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    let text = fs::read_to_string("fixtures/reports/haian-2023.txt").unwrap();
    let prints = |t: &str| -> Vec<(String, String)> {
        fs::write(&path, t).unwrap();
        let log = sarif(&[path.to_str().unwrap()]);
        let mut v: Vec<(String, String)> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_owned(),
                    r["partialFingerprints"]["reportlint/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = prints(&text);
    // A paragraph inserted near the top moves every line below it.
    let edited = text.replacen(
        "(一)加强依法行政制度落实落",
        "2023年，街道新增一项工作。\n(一)加强依法行政制度落实落",
        1,
    );
    assert_ne!(edited, text);
    assert_eq!(prints(&edited), before);
}

#[test]
fn github_annotations() {
    let r = run(&[
        "check",
        "--format",
        "github",
        "fixtures/reports/haian-2023.txt",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("::")), "{}", r.stdout);
    let hit = lines
        .iter()
        .find(|l| l.contains("confusable-words"))
        .unwrap();
    assert!(
        hit.starts_with("::warning file=fixtures/reports/haian-2023.txt,line=26,col="),
        "{hit}"
    );
    assert!(
        hit.contains("title=fzzfjs/confusable-words::疑似用错了词"),
        "{hit}"
    );
    assert!(lines.iter().any(|l| l.starts_with(
        "::notice file=fixtures/reports/haian-2023.txt,title=fzzfjs/other-matters::"
    )));
    assert!(!r.stdout.contains("\n\n"));
}
