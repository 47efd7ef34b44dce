#!/usr/bin/env bash
# 运行全部测试：先装好测试要用的东西（缺少时），再运行 cargo test。
# 浏览器测试（tests/browser.rs 调用 tests/browser/ 下的 Playwright 测试）需要 Debian 的 chromium、
# 中文字体和锁定版本的 npm 依赖；以 root 运行时自动安装，否则说明如何安装。
set -euo pipefail
cd "$(dirname "$0")/.."

have_browser() {
  command -v chromium >/dev/null &&
    dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q 'ok installed'
}
if ! have_browser; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    echo "浏览器测试需要 chromium 和中文字体：请以管理员身份运行 apt-get install chromium fonts-wqy-microhei，" >&2
    echo "或用 CHROMIUM_PATH 指定已有的 Chromium；只想跑其余测试时设 REPORTLINT_SKIP_BROWSER=1。" >&2
    [ "${REPORTLINT_SKIP_BROWSER:-}" = 1 ] || [ -n "${CHROMIUM_PATH:-}" ] || exit 2
  fi
fi
if [ "${REPORTLINT_SKIP_BROWSER:-}" != 1 ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
cargo test "$@"
