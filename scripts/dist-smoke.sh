#!/usr/bin/env bash
# 冒烟测试一个离线安装包（scripts/dist.sh 的输出），像信息中心和使用者那样用它：
# 在新建的临时文件夹中解包，核对 SHA256SUMS，运行 reportlint --version，用包内的程序和
# 包内的规则包检查一份随附报告，再启动 reportlint serve --no-open，取回页面（须 200 且是 HTML），
# 不带令牌须 403，最后停止服务（须退出码 0）。临时文件夹在退出时删除。
#
# 用法：scripts/dist-smoke.sh dist/reportlint-<版本>-<目标>.tar.gz（或 .zip）
# 中文引号“”是提示文字的一部分；A && B || fail 正是想要的写法。
# shellcheck disable=SC1111,SC2015
set -euo pipefail

fail() {
    echo "✗ $*" >&2
    exit 1
}
ok() {
    echo "✓ $*"
}

[ $# -eq 1 ] || {
    echo "用法：scripts/dist-smoke.sh <安装包.tar.gz|.zip>" >&2
    exit 2
}
archive="$1"
[ -f "$archive" ] || fail "找不到安装包：$archive"
archive="$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive")"
repo="$(cd "$(dirname "$0")/.." && pwd)"
fixture="$repo/fixtures/reports/haian-2023.txt"
[ -f "$fixture" ] || fail "找不到随附报告：$fixture"

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sha256_check() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum -c --quiet "$@"
    else
        shasum -a 256 -c --quiet "$@"
    fi
}

# 1. 安装包本身的 .sha256（若在旁边）。
if [ -f "$archive.sha256" ]; then
    (cd "$(dirname "$archive")" && sha256_check "$(basename "$archive").sha256") ||
        fail "安装包与 $(basename "$archive").sha256 不符"
    ok "安装包的 SHA-256 与 $(basename "$archive").sha256 相符"
fi

# 2. 解包到新建的临时文件夹。
mkdir "$tmp/unpacked"
case "$archive" in
    *.tar.gz | *.tgz) tar -xzf "$archive" -C "$tmp/unpacked" ;;
    *.zip)
        if command -v unzip >/dev/null 2>&1; then
            unzip -q "$archive" -d "$tmp/unpacked"
        else
            python3 -m zipfile -e "$archive" "$tmp/unpacked"
        fi
        ;;
    *) fail "不认识的安装包格式：$archive" ;;
esac
tops=("$tmp"/unpacked/*)
[ ${#tops[@]} -eq 1 ] && [ -d "${tops[0]}" ] || fail "安装包中应只有一个顶层文件夹"
pkg="${tops[0]}"
top="$(basename "$pkg")"
case "$(basename "$archive")" in
    "$top".tar.gz | "$top".zip) ;;
    *) fail "顶层文件夹 $top 与安装包名 $(basename "$archive") 不一致" ;;
esac
ok "已解包：$top/"
cd "$pkg"

# 3. SHA256SUMS：每个文件都列出，且都相符。
[ -f SHA256SUMS ] || fail "包内没有 SHA256SUMS"
sha256_check SHA256SUMS || fail "SHA256SUMS 核对不通过"
# 第二个空格在 Windows 上可能是 *（二进制模式）。
listed="$(sed 's/^[0-9a-f]\{64\} [ *]//' SHA256SUMS | LC_ALL=C sort)"
present="$(find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort)"
[ "$listed" = "$present" ] || fail "SHA256SUMS 与包内文件不一致：
$(diff <(echo "$listed") <(echo "$present") || true)"
ok "SHA256SUMS 核对通过（$(wc -l <SHA256SUMS | tr -d ' ') 个文件）"

for f in README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE rules/fzzfjs.yaml; do
    [ -f "$f" ] || fail "包内缺少 $f"
done
if [ -f reportlint.exe ]; then
    bin=./reportlint.exe
    [ -f 启动网页版.bat ] || fail "包内缺少 启动网页版.bat"
    grep -q $'\r$' 启动网页版.bat || fail "启动网页版.bat 应为 CRLF 换行"
else
    bin=./reportlint
    [ -x "$bin" ] || fail "包内的 reportlint 不可执行"
    if [ -f 启动网页版.sh ]; then
        [ -x 启动网页版.sh ] && [ -f reportlint.desktop ] || fail "启动网页版.sh 不可执行或缺少 reportlint.desktop"
    else
        [ -x 启动网页版.command ] || fail "包内缺少启动脚本"
    fi
fi
ok "包内文件齐全：$(ls | tr '\n' ' ')"

# 4. --version：与包名中的版本一致。
version="${top#reportlint-}"
version="${version%%-*}"
out="$("$bin" --version)" || fail "reportlint --version 失败"
[ "$out" = "reportlint $version" ] || fail "reportlint --version 输出“$out”，应为“reportlint $version”"
ok "$out"

# 5. 用包内的规则包检查随附报告：--pack rules/fzzfjs.yaml 替换内置的同编号规则包。
#    退出码 0 或 1（有错误级问题）都算运行正常，2 为出错。
"$bin" rules test rules/fzzfjs.yaml >"$tmp/rules-test.txt" 2>&1 ||
    fail "reportlint rules test rules/fzzfjs.yaml 失败：$(tail -n 20 "$tmp/rules-test.txt")"
ok "包内规则包的示例全部通过（reportlint rules test rules/fzzfjs.yaml）"
status=0
"$bin" check --pack rules/fzzfjs.yaml --format json "$fixture" >"$tmp/check.json" 2>"$tmp/check.err" || status=$?
[ "$status" -le 1 ] || fail "reportlint check 退出码 $status：$(cat "$tmp/check.err")"
grep -q '"schema": *"reportlint/v1"' "$tmp/check.json" || fail "check 的 JSON 输出不对：$(head -c 300 "$tmp/check.json")"
grep -q '"id": *"fzzfjs"' "$tmp/check.json" || fail "check 的结果中没有规则包 fzzfjs"
findings="$(grep -c '"rule":' "$tmp/check.json" || true)"
[ "$findings" -gt 0 ] || fail "检查 $(basename "$fixture") 没有发现任何问题，规则包似乎没有生效"
ok "用包内规则检查 $(basename "$fixture")：退出码 $status，$findings 个问题"

# 6. serve：取得地址，取回页面，不带令牌须 403，停止后退出码 0。
"$bin" serve --no-open >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do # 至多等 20 秒
    url="$(grep -Eo 'http://[^[:space:]]+\?token=[A-Za-z0-9_-]+' "$tmp/serve.out" | head -n 1 || true)"
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "reportlint serve 提前退出：$(cat "$tmp/serve.err")"
    sleep 0.2
done
[ -n "$url" ] || fail "20 秒内 reportlint serve 没有输出地址：$(cat "$tmp/serve.out" "$tmp/serve.err")"
case "$url" in
    http://127.0.0.1:* | http://localhost:*) ;;
    *) fail "serve 默认应只在本机监听，却给出 $url" ;;
esac
ok "reportlint serve 已启动：${url%%\?*}?token=…"

curl_code() { # 只访问本机服务；--noproxy 以免经过代理。
    curl --noproxy '*' --silent --show-error --max-time 20 -o "$1" -w '%{http_code}' "${@:2}"
}
code="$(curl_code "$tmp/page.html" "$url")" || fail "取回页面失败"
[ "$code" = 200 ] || fail "带令牌取回页面应为 200，却是 $code"
grep -qi '<html' "$tmp/page.html" || fail "页面不是 HTML：$(head -c 300 "$tmp/page.html")"
ok "带令牌取回页面：200，$(wc -c <"$tmp/page.html" | tr -d ' ') 字节 HTML"

base="${url%%\?*}"
code="$(curl_code "$tmp/denied.html" "$base")" || fail "访问服务失败"
[ "$code" = 403 ] || fail "不带令牌应为 403，却是 $code"
ok "不带令牌：403"

token="${url##*token=}"
code="$(curl_code "$tmp/version.json" -H "Authorization: Bearer $token" "${base%/}/api/version")" || fail "访问 /api/version 失败"
[ "$code" = 200 ] && grep -q "\"$version\"" "$tmp/version.json" ||
    fail "/api/version 应为 200 且含版本 $version，却是 $code：$(head -c 300 "$tmp/version.json")"
ok "/api/version：$(cat "$tmp/version.json")"

kill -TERM "$server_pid"
status=0
for _ in $(seq 1 50); do # 至多等 10 秒
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
done
kill -0 "$server_pid" 2>/dev/null && fail "reportlint serve 收到 SIGTERM 后 10 秒仍未退出"
wait "$server_pid" || status=$?
server_pid=""
[ "$status" -eq 0 ] || fail "reportlint serve 收到 SIGTERM 后退出码 $status，应为 0：$(cat "$tmp/serve.err")"
ok "reportlint serve 收到 SIGTERM 后退出，退出码 0"

echo "冒烟测试通过：$(basename "$archive")"
