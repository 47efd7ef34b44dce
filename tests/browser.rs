//! The local page in a real browser: runs `tests/browser/page.test.mjs` (Playwright
//! driving Debian's headless Chromium, node's own test runner) against the binary this
//! build made. `scripts/test.sh` installs what it needs; without it the test says how,
//! and `REPORTLINT_SKIP_BROWSER=1` leaves it out on purpose.

use std::path::Path;
use std::process::Command;

#[test]
fn the_page_works_in_a_real_browser() {
    if std::env::var_os("REPORTLINT_SKIP_BROWSER").is_some_and(|v| v == "1") {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").is_dir(),
        "浏览器测试的 npm 依赖没有安装：请运行 bash scripts/test.sh（或在 tests/browser 中运行 npm ci）"
    );
    let chromium = std::env::var_os("CHROMIUM_PATH").unwrap_or_else(|| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "没有找到 Chromium（{}）：请运行 bash scripts/test.sh，或 apt-get install chromium fonts-wqy-microhei",
        Path::new(&chromium).display()
    );
    let status = Command::new("node")
        .args(["--test", "--test-reporter=spec"])
        .current_dir(&dir)
        .env("REPORTLINT_BIN", env!("CARGO_BIN_EXE_reportlint"))
        .env("CHROMIUM_PATH", &chromium)
        .status()
        .expect("无法运行 node（需要 Node.js 20 及以上）");
    assert!(status.success(), "浏览器测试未通过（见上方 node 的输出）");
}
