//! Shared by the integration tests: one engine per test binary and the fixture names.
// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

pub(crate) mod comments;
pub(crate) mod http;
pub(crate) mod ooxml;
pub(crate) mod service;

use std::path::Path;
use std::sync::LazyLock;

use assert_cmd::Command;

use reportlint::report::{ElementResult, Status};
use reportlint::{Checked, Engine, Pack};

/// The shipped packs, built once (loading the segmenter's dictionary is the slow part).
pub(crate) static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Pack::builtin()));

/// The five real reports in `fixtures/reports/`, by file stem.
pub(crate) const FIXTURES: [&str; 5] = [
    "xixiang-2020",
    "wuqing-2020",
    "baoan-fgj-2020",
    "haian-2023",
    "shengshan-2019",
];

/// The built-in packs with every rule that is off by default (`opt-in`) switched on.
pub(crate) fn all_on() -> Vec<Pack> {
    let mut packs = Pack::builtin();
    for r in packs.iter_mut().flat_map(|p| p.rules.iter_mut()) {
        if r.opt_in {
            r.disabled = false;
        }
    }
    packs
}

/// `file` converted by LibreOffice (`soffice --headless --convert-to to`, with a profile
/// of its own under `dir`) into `dir/converted/`: the converted file. `None`, and says
/// so, on machines without `soffice`.
#[allow(clippy::print_stderr)] // A skipped conversion must say so.
pub(crate) fn libreoffice(dir: &Path, file: &Path, to: &str) -> Option<std::path::PathBuf> {
    let soffice = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("soffice"))
            .find(|p| p.is_file())
    });
    let Some(soffice) = soffice else {
        eprintln!("跳过：本机没有 LibreOffice（soffice）");
        return None;
    };
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let out_dir = dir.join("converted");
    let out = std::process::Command::new(soffice)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            to,
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = file.file_stem().expect("a file name").to_string_lossy();
    let extension = to.split(':').next().unwrap_or(to);
    Some(out_dir.join(format!("{stem}.{extension}")))
}

/// The verdict on element `id`.
pub(crate) fn element<'a>(c: &'a Checked, id: &str) -> &'a ElementResult {
    c.elements
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no element {id}"))
}

/// The status of element `id`.
pub(crate) fn status(c: &Checked, id: &str) -> Status {
    element(c, id).status
}

/// The built binary, colours off, 200 columns wide (so that messages naming temporary
/// files are not wrapped at a place that depends on the file's name).
pub(crate) fn reportlint() -> Command {
    let mut cmd = Command::cargo_bin("reportlint").unwrap();
    cmd.env("NO_COLOR", "1").env("COLUMNS", "200");
    cmd
}

/// What a run printed and how it ended.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Run the binary with `args`.
pub(crate) fn run(args: &[&str]) -> Run {
    run_in(Path::new("."), args)
}

/// Run the binary with `args` from folder `dir`.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = reportlint().current_dir(dir).args(args).output().unwrap();
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Run with `--format json` and parse the output.
pub(crate) fn json(args: &[&str]) -> serde_json::Value {
    let r = run(&[args, &["--format", "json"]].concat());
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

/// The WordprocessingML namespace.
pub(crate) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A `.docx` package around `body` (the inside of `w:body`), with optional styles and
/// numbering parts, as a word processor would write it.
pub(crate) fn docx(body: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
    let mut overrides = String::new();
    let mut rels = String::new();
    let mut parts: Vec<(String, String)> = Vec::new();
    for (k, (kind, name, xml)) in [
        ("styles", "styles.xml", styles),
        ("numbering", "numbering.xml", numbering),
    ]
    .into_iter()
    .enumerate()
    {
        if let Some(xml) = xml {
            overrides.push_str(&format!(
                r#"<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>"#
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>"#
            ));
            parts.push((
                format!("word/{name}"),
                format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">{xml}</w:{kind}>"#),
            ));
        }
    }
    parts.insert(0, ("[Content_Types].xml".to_owned(), format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>{overrides}</Types>"#
    )));
    parts.insert(1, ("_rels/.rels".to_owned(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_owned()));
    parts.push(("word/_rels/document.xml.rels".to_owned(), format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    )));
    parts.push(("word/document.xml".to_owned(), format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}</w:body></w:document>"#
    )));
    let parts: Vec<(String, Vec<u8>)> = parts
        .into_iter()
        .map(|(name, xml)| (name, xml.into_bytes()))
        .collect();
    zip_of(&parts)
}

/// A paragraph of plain text.
pub(crate) fn para(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// The parts of a package, in order, as text (binary parts lossily).
pub(crate) fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (
                f.name().unwrap().to_string(),
                String::from_utf8_lossy(&data).into_owned(),
            )
        })
        .collect()
}

/// The package with part `name` replaced by `f` of its text.
pub(crate) fn rewrite(bytes: &[u8], name: &str, f: impl Fn(&str) -> String) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = parts(bytes)
        .into_iter()
        .map(|(n, text)| {
            let text = if n == name { f(&text) } else { text };
            (n, text.into_bytes())
        })
        .collect();
    zip_of(&parts)
}

/// The package with one more part.
pub(crate) fn with_part(bytes: &[u8], name: &str, xml: &str) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = parts(bytes)
        .into_iter()
        .map(|(n, text)| (n, text.into_bytes()))
        .collect();
    parts.push((name.to_owned(), xml.as_bytes().to_vec()));
    zip_of(&parts)
}

/// A zip archive of `parts`, in order.
pub(crate) fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Whether `xml` is well-formed (tags balanced and properly nested).
pub(crate) fn well_formed(xml: &str) -> bool {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return depth == 0 && roots == 1,
            Ok(quick_xml::events::Event::Start(_)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Ok(quick_xml::events::Event::Empty(_)) if depth == 0 => roots += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}
