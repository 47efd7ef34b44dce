//! `reportlint serve` over a real socket: the binary started with `--no-open` (its URL
//! line parsed as a user's browser would get it), or the library's server in-process
//! with small caps. Each endpoint's result is compared with the command line's.

mod common;

use std::path::Path;

use common::http::{Part, Reply, request};
use common::service::{Service, in_process, post};
use reportlint::serve::Limits;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Whether a message is Chinese (and so not a framework's English).
fn chinese(message: &str) -> bool {
    message
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The result without what the service adds (`text`, `errors`, `review`).
fn as_cli(mut v: serde_json::Value) -> serde_json::Value {
    let object = v.as_object_mut().unwrap();
    object.remove("errors");
    object.remove("review");
    for doc in v["documents"].as_array_mut().unwrap() {
        doc.as_object_mut().unwrap().remove("text");
    }
    v
}

#[test]
fn check_equals_the_command_line() {
    let s = Service::start();
    let files = [
        "fixtures/reports/haian-2023.txt",
        "fixtures/docx/wuqing-2020.docx",
    ];
    let contents: Vec<Vec<u8>> = files.iter().map(|f| read(f)).collect();
    let parts: Vec<Part<'_>> = files
        .iter()
        .zip(&contents)
        .map(|(f, c)| ("file", Some(*f), c.as_slice()))
        .collect();
    let reply = s.post("/api/check", &parts);
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let got = reply.json();
    assert_eq!(got["errors"], serde_json::json!([]));
    // Every span indexes the UTF-8 text the service adds.
    for doc in got["documents"].as_array().unwrap() {
        let text = doc["text"].as_str().unwrap();
        for f in doc["findings"].as_array().unwrap() {
            if let Some(span) = f["span"].as_object() {
                let (a, b) = (
                    span["start"].as_u64().unwrap(),
                    span["end"].as_u64().unwrap(),
                );
                assert!(text.get(a as usize..b as usize).is_some(), "{f}");
            }
        }
    }
    let cli = common::run(&[&["check", "--format", "json"], &files[..]].concat());
    let want: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
    assert_eq!(as_cli(got), want);
}

#[test]
fn annotate_gives_a_word_document_with_comments() {
    let s = Service::start();
    let docx = read("fixtures/docx/haian-2023.docx");
    let reply = s.post("/api/annotate", &[("file", Some("海安街道.docx"), &docx)]);
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let disposition = reply.header("content-disposition").unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(
        disposition.contains("%E6%89%B9%E6%B3%A8.docx"),
        "{disposition}"
    );
    let parts = common::parts(&reply.body);
    let comments = parts
        .iter()
        .find(|(name, _)| name == "word/comments.xml")
        .expect("a comments part");
    assert!(comments.1.contains("reportlint"));

    // Only Word documents get comments.
    let txt = read("fixtures/reports/haian-2023.txt");
    let reply = s.post("/api/annotate", &[("file", Some("a.txt"), &txt)]);
    assert_eq!(reply.status, 415);
    assert!(chinese(&reply.error()));
}

#[test]
fn summary_files_are_what_the_command_line_writes() {
    let s = Service::start();
    let a = read("fixtures/reports/haian-2023.txt");
    let b = read("fixtures/reports/wuqing-2020.txt");
    let files: [Part<'_>; 2] = [("file", Some("a.txt"), &a), ("file", Some("b.txt"), &b)];
    let xlsx = s.post(
        "/api/summary",
        &[&files[..], &[("format", None, b"xlsx".as_slice())]].concat(),
    );
    assert_eq!(xlsx.status, 200, "{}", String::from_utf8_lossy(&xlsx.body));
    let workbook = common::parts(&xlsx.body)
        .into_iter()
        .find(|(name, _)| name == "xl/workbook.xml")
        .expect("a workbook")
        .1;
    for sheet in ["汇总", "问题清单", "规则统计", "雷同"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet}");
    }
    let csv = s.post(
        "/api/summary",
        &[&files[..], &[("format", None, b"csv".as_slice())]].concat(),
    );
    assert_eq!(csv.status, 200);
    let csv_text = String::from_utf8(csv.body).unwrap();
    assert!(csv_text.contains("a.txt") && csv_text.contains("b.txt"));
    let html = s.post(
        "/api/summary",
        &[&files[..], &[("format", None, b"html".as_slice())]].concat(),
    );
    assert_eq!(html.status, 200);
    assert!(
        html.header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    let bad = s.post(
        "/api/summary",
        &[&files[..], &[("format", None, b"pdf".as_slice())]].concat(),
    );
    assert_eq!(bad.status, 400);
    assert!(chinese(&bad.error()));
}

#[test]
fn template_is_the_skeleton() {
    let s = Service::start();
    let reply = request(
        s.addr,
        "POST",
        "/api/template",
        &[
            ("Authorization", &s.bearer()),
            ("Content-Type", "application/json"),
        ],
        r#"{"year": "2024", "unit": "海安街道", "format": "md"}"#.as_bytes(),
    );
    assert_eq!(reply.status, 200);
    let md = String::from_utf8(reply.body).unwrap();
    let cli = common::run(&["template", "--year", "2024", "--unit", "海安街道"]);
    assert_eq!(md, cli.stdout);
    let reply = s.post(
        "/api/template",
        &[("year", None, b"2024"), ("format", None, b"docx")],
    );
    assert_eq!(reply.status, 200);
    assert!(
        common::parts(&reply.body)
            .iter()
            .any(|(n, _)| n == "word/document.xml")
    );
    let reply = s.post("/api/template", &[("year", None, b"24")]);
    assert_eq!(reply.status, 400);
    assert!(chinese(&reply.error()));
    // `pack` names the pack whose template is written; `txt` is the plain-text form.
    let reply = s.post(
        "/api/template",
        &[
            ("year", None, b"2024"),
            ("pack", None, b"fzzfjs"),
            ("format", None, b"txt"),
        ],
    );
    assert_eq!(reply.status, 200);
    let cli = common::run(&["template", "--year", "2024", "--format", "txt"]);
    assert_eq!(String::from_utf8(reply.body).unwrap(), cli.stdout);
    let reply = s.post(
        "/api/template",
        &[("year", None, b"2024"), ("pack", None, b"zfxx")],
    );
    assert_eq!(reply.status, 400);
    assert!(
        reply.error().contains("没有编号为“zfxx”的规则包"),
        "{}",
        reply.error()
    );
}

#[test]
fn unreadable_files_are_errors_while_the_others_are_checked() {
    let s = Service::start();
    let good = read("fixtures/reports/haian-2023.txt");
    let reply = s.post(
        "/api/check",
        &[
            ("file", Some("旧报告.doc"), b"\xd0\xcf\x11\xe0 legacy"),
            ("file", Some("扫描件.pdf"), b"%PDF-1.4"),
            ("file", Some("坏的.docx"), b"not a zip at all"),
            ("file", Some("好的.txt"), &good),
        ],
    );
    assert_eq!(reply.status, 200);
    let v = reply.json();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert_eq!(v["documents"][0]["path"], "好的.txt");
    let errors = v["errors"].as_array().unwrap();
    let paths: Vec<&str> = errors.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["旧报告.doc", "扫描件.pdf", "坏的.docx"]);
    for e in errors {
        assert!(chinese(e["message"].as_str().unwrap()), "{e}");
    }
    assert!(errors[0]["message"].as_str().unwrap().contains("另存为"));
    assert!(errors[1]["message"].as_str().unwrap().contains("PDF"));
}

#[test]
fn bad_requests_get_chinese_errors_with_their_status() {
    let s = Service::start();
    let txt = read("fixtures/reports/haian-2023.txt");
    let cases: Vec<(u16, Reply)> = vec![
        (400, s.post("/api/check", &[("year", None, b"2024")])),
        (
            400,
            s.post(
                "/api/check",
                &[("file", Some("a.txt"), &txt), ("year", None, b"abc")],
            ),
        ),
        (
            400,
            s.post(
                "/api/check",
                &[
                    ("file", Some("a.txt"), &txt),
                    ("unit-type", None, "外星".as_bytes()),
                ],
            ),
        ),
        (
            422,
            s.post(
                "/api/check",
                &[
                    ("file", Some("a.txt"), &txt),
                    ("pack", None, b"id: [unclosed"),
                ],
            ),
        ),
        (
            415,
            request(
                s.addr,
                "POST",
                "/api/check",
                &[("Authorization", &s.bearer())],
                b"x",
            ),
        ),
        (
            404,
            request(
                s.addr,
                "GET",
                "/etc/passwd",
                &[("Authorization", &s.bearer())],
                b"",
            ),
        ),
        (
            405,
            request(
                s.addr,
                "GET",
                "/api/check",
                &[("Authorization", &s.bearer())],
                b"",
            ),
        ),
    ];
    for (status, reply) in cases {
        assert_eq!(
            reply.status,
            status,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        let message = reply.error();
        assert!(chinese(&message), "{status}: {message}");
    }
}

#[test]
fn wrong_host_origin_or_token_is_refused() {
    let s = Service::start();
    let host = s.addr.to_string();
    let bearer = s.bearer();
    let cookie = format!("reportlint-token={}", s.token);
    let ok = |headers: &[(&str, &str)]| request(s.addr, "GET", "/api/version", headers, b"");
    assert_eq!(ok(&[("Authorization", &bearer)]).status, 200);
    assert_eq!(ok(&[("Cookie", &cookie)]).status, 200);
    let origin = format!("http://{host}");
    assert_eq!(ok(&[("Cookie", &cookie), ("Origin", &origin)]).status, 200);
    let refused: Vec<Vec<(&str, &str)>> = vec![
        vec![],
        vec![("Authorization", "Bearer wrong")],
        vec![("Cookie", "reportlint-token=wrong")],
        // DNS rebinding: a name that resolves to 127.0.0.1 but is not ours.
        vec![("Authorization", &bearer), ("Host", "evil.example:80")],
        vec![("Authorization", &bearer), ("Host", "evil.example")],
        // A cross-site form or fetch.
        vec![("Cookie", &cookie), ("Origin", "http://evil.example")],
        vec![("Cookie", &cookie), ("Origin", "null")],
    ];
    for headers in refused {
        let reply = ok(&headers);
        assert_eq!(reply.status, 403, "{headers:?}");
        assert!(chinese(&reply.error()));
    }
    // The page: the token in the address sets the cookie; without it, a Chinese page.
    let page = request(s.addr, "GET", &format!("/?token={}", s.token), &[], b"");
    assert_eq!(page.status, 200);
    let set = page.header("set-cookie").unwrap();
    assert!(set.contains(&cookie) && set.contains("HttpOnly") && set.contains("SameSite=Strict"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    let no_token = request(s.addr, "GET", "/", &[], b"");
    assert_eq!(no_token.status, 403);
    assert!(chinese(&String::from_utf8_lossy(&no_token.body)));
    for asset in ["/app.js", "/app.css"] {
        assert_eq!(request(s.addr, "GET", asset, &[], b"").status, 403);
        assert_eq!(
            request(s.addr, "GET", asset, &[("Cookie", &cookie)], b"").status,
            200
        );
    }
}

#[test]
fn an_oversized_upload_is_refused_before_it_is_read() {
    let s = Service::start();
    let reply = request(
        s.addr,
        "POST",
        "/api/check",
        &[
            ("Authorization", &s.bearer()),
            ("Content-Type", "multipart/form-data; boundary=x"),
            ("Content-Length", "300000000"),
        ],
        b"",
    );
    assert_eq!(reply.status, 413);
    assert!(chinese(&reply.error()));
}

#[test]
fn caps_on_files_and_zips() {
    let limits = Limits {
        file: 300_000,
        zip_total: 1_000_000,
        zip_entries: 5,
        files: 3,
        ..Limits::default()
    };
    let addr = in_process(limits);
    let bearer = "Bearer t0ken";
    let good = read("fixtures/reports/haian-2023.txt");
    let big = vec![b'a'; 400_000];
    let reply = post(
        addr,
        bearer,
        "/api/check",
        &[
            ("file", Some("大.txt"), &big),
            ("file", Some("好.txt"), &good),
        ],
    );
    assert_eq!(reply.status, 200);
    let v = reply.json();
    assert_eq!(v["documents"][0]["path"], "好.txt");
    assert_eq!(v["errors"][0]["path"], "大.txt");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("超过上限")
    );

    let too_many = vec![("file", Some("a.txt"), good.as_slice()); 4];
    let reply = post(addr, bearer, "/api/check", &too_many);
    assert_eq!(reply.status, 413);
    assert!(chinese(&reply.error()));

    // A zip: folders flattened to labels, other files skipped, a .doc explained.
    let zip = common::zip_of(&[
        ("报告/海安.txt".to_owned(), good.clone()),
        ("报告/图片.png".to_owned(), vec![0; 10]),
        ("报告/旧.doc".to_owned(), vec![1; 10]),
        ("__MACOSX/报告/._海安.txt".to_owned(), vec![0; 10]),
    ]);
    let reply = post(
        addr,
        bearer,
        "/api/check",
        &[("file", Some("批量.zip"), &zip)],
    );
    let v = reply.json();
    assert_eq!(v["documents"][0]["path"], "批量.zip/报告/海安.txt");
    assert_eq!(v["errors"][0]["path"], "批量.zip/报告/旧.doc");

    // A bomb: small compressed, more than the cap inflated; counted while inflating.
    let zeros = vec![b' '; 250_000];
    let entries: Vec<(String, Vec<u8>)> = (0..5)
        .map(|i| (format!("r{i}.txt"), zeros.clone()))
        .collect();
    let bomb = common::zip_of(&entries);
    assert!(bomb.len() < 50_000);
    let reply = post(
        addr,
        bearer,
        "/api/check",
        &[
            ("file", Some("bomb.zip"), &bomb),
            ("file", Some("好.txt"), &good),
        ],
    );
    assert_eq!(reply.status, 200);
    let v = reply.json();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("压缩炸弹"), "{message}");

    let entries: Vec<(String, Vec<u8>)> =
        (0..6).map(|i| (format!("{i}.txt"), vec![b'x'])).collect();
    let crowded = common::zip_of(&entries);
    let reply = post(
        addr,
        bearer,
        "/api/check",
        &[("file", Some("多.zip"), &crowded)],
    );
    assert!(
        reply.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("超过上限")
    );
}

#[test]
fn eight_uploads_at_once_all_get_their_own_result() {
    let s = Service::start();
    let names = [
        "haian-2023",
        "wuqing-2020",
        "xixiang-2020",
        "baoan-fgj-2020",
    ];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let s = &s;
                scope.spawn(move || {
                    let name = names[i % names.len()];
                    let bytes = read(&format!("fixtures/reports/{name}.txt"));
                    let label = format!("{name}.txt");
                    let reply = s.post("/api/check", &[("file", Some(&label), &bytes)]);
                    (label, reply.json())
                })
            })
            .collect();
        for h in handles {
            let (name, v) = h.join().unwrap();
            assert_eq!(v["documents"][0]["path"], name);
        }
    });
}

/// Every file under `dir`, recursively.
fn listing(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(listing(&path));
        }
        out.push(path);
    }
    out.sort();
    out
}

#[test]
fn nothing_reaches_the_disk() {
    let s = Service::start();
    let docx = read("fixtures/docx/haian-2023.docx");
    let zip = common::zip_of(&[("a/海安.docx".to_owned(), docx.clone())]);
    let files: [Part<'_>; 2] = [
        ("file", Some("海安.docx"), &docx),
        ("file", Some("包.zip"), &zip),
    ];
    assert_eq!(s.post("/api/check", &files).status, 200);
    assert_eq!(s.post("/api/annotate", &files[..1]).status, 200);
    let xlsx = [&files[..], &[("format", None, b"xlsx".as_slice())]].concat();
    assert_eq!(s.post("/api/summary", &xlsx).status, 200);
    // A path in a name is a label, never opened.
    let reply = s.post("/api/check", &[("file", Some("../../etc/passwd.txt"), b"")]);
    assert_eq!(reply.json()["errors"][0]["path"], "../../etc/passwd.txt");
    assert_eq!(listing(s.cwd.path()), Vec::<std::path::PathBuf>::new());
    assert_eq!(listing(s.tmp.path()), Vec::<std::path::PathBuf>::new());
}

#[test]
fn the_command_line_says_in_chinese_what_is_wrong() {
    let r = common::run(&["serve", "--port", "abc"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("应为 0 到 65535"), "{}", r.stderr);
    let r = common::run(&["serve", "--listen", "localhost"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("IP 地址:端口"), "{}", r.stderr);
    // A port in use: a Chinese error and exit code 2.
    let s = Service::start();
    let port = s.addr.port().to_string();
    let r = common::run(&["serve", "--no-open", "--port", &port]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("无法在") && r.stderr.contains("已被占用"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_service_cleanly() {
    let s = Service::start();
    assert_eq!(
        request(
            s.addr,
            "GET",
            "/api/version",
            &[("Authorization", &s.bearer())],
            b""
        )
        .status,
        200
    );
    assert!(s.terminate().success());
}

#[test]
fn the_page_gets_names_and_the_reviewers_summary() {
    let s = Service::start();
    let packs = request(
        s.addr,
        "GET",
        "/api/packs",
        &[("Authorization", &s.bearer())],
        b"",
    );
    assert_eq!(packs.status, 200);
    let rules = &packs.json()["packs"][0]["rules"];
    let element = |id: &str| {
        rules
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(element("shortcomings")["title"], "存在的不足和原因");
    let parts = element("three-enforcement-systems")["components"].clone();
    assert_eq!(parts.as_array().unwrap().len(), 3);
    let a = read("fixtures/reports/haian-2023.txt");
    let b = read("fixtures/reports/wuqing-2020.txt");
    let reply = s.post(
        "/api/check",
        &[
            ("file", Some("a.txt"), &a),
            ("file", Some("b.txt"), &b),
            ("review", None, b"1"),
        ],
    );
    let review = &reply.json()["review"];
    let paths: Vec<&str> = review["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a.txt", "b.txt"]);
    assert!(!review["rules"].as_array().unwrap().is_empty());
    assert!(review["similar"].is_array());
}

/// The page's “修订” download: with `fix`, the safe fixes come back as tracked changes in
/// a copy named “-修订.docx”; a wrong `fix` is a Chinese error.
#[test]
fn annotate_writes_safe_fixes_as_revisions_when_asked() {
    let s = Service::start();
    let docx = common::docx(
        &[
            common::para("某街道2023年法治政府建设情况报告"),
            common::para("一、2023年推进法治政府建设的主要举措和成效"),
            common::para("全年办理行政复议案件12件，截止目前均已审结。"),
        ]
        .concat(),
        None,
        None,
    );
    let reply = s.post(
        "/api/annotate",
        &[("file", Some("某街道.docx"), &docx), ("fix", None, b"safe")],
    );
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let disposition = reply.header("content-disposition").unwrap();
    assert!(
        disposition.contains("%E4%BF%AE%E8%AE%A2.docx"),
        "{disposition}"
    );
    let parts = common::parts(&reply.body);
    let document = &parts
        .iter()
        .find(|(name, _)| name == "word/document.xml")
        .unwrap()
        .1;
    assert!(document.contains("w:author=\"reportlint\""), "{document}");
    assert!(
        document.contains(r#"<w:delText xml:space="preserve">截止目前</w:delText>"#),
        "{document}"
    );
    assert!(
        document.contains(r#"<w:t xml:space="preserve">截至目前</w:t></w:r></w:ins>"#),
        "{document}"
    );
    // Without `fix` the same document gets comments and no revision.
    let reply = s.post("/api/annotate", &[("file", Some("某街道.docx"), &docx)]);
    let parts = common::parts(&reply.body);
    let document = &parts
        .iter()
        .find(|(name, _)| name == "word/document.xml")
        .unwrap()
        .1;
    assert!(!document.contains("<w:ins "), "{document}");
    let reply = s.post(
        "/api/annotate",
        &[("file", Some("某街道.docx"), &docx), ("fix", None, b"yes")],
    );
    assert_eq!(reply.status, 400);
    assert!(chinese(&reply.error()), "{}", reply.error());
}
