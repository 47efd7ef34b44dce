#!/usr/bin/env bash
# 构建离线安装包：dist/reportlint-<版本>-<目标>.tar.gz（Windows 目标为 .zip）及其 .sha256。
#
# 用法：scripts/dist.sh [--target 目标三元组]
#   不给 --target 时为本机（rustc -vV 的 host）。
#   环境变量 CARGO 可换用 cross 等（如 CARGO=cross scripts/dist.sh --target aarch64-unknown-linux-musl）。
#   SOURCE_DATE_EPOCH 默认取最后一次提交的时间，用作包内所有文件的修改时间，使同一提交打出的包尽量一致。
#
# 包内有一个顶层文件夹 reportlint-<版本>-<目标>/：程序、README.md、CHANGELOG.md、LICENSE-MIT、
# LICENSE-APACHE、rules/、启动网页版的脚本（Windows：启动网页版.bat；Linux：启动网页版.sh 与
# reportlint.desktop；macOS：启动网页版.command），以及 SHA256SUMS（包内每个文件的 SHA-256，
# 可用 sha256sum -c SHA256SUMS 核对）。
#
# 只用 Debian 与 GitHub Actions 运行器上已有的工具：bash、tar、gzip，打 .zip 时依次尝试
# python3/python（zipfile）、7z、zip。
set -euo pipefail

die() {
    echo "dist.sh：$*" >&2
    exit 2
}

usage() {
    sed -n '2,8s/^# \{0,1\}//p' "$0"
}

target=""
while [ $# -gt 0 ]; do
    case "$1" in
        --target)
            [ $# -ge 2 ] || die "--target 后缺少目标三元组"
            target="$2"
            shift 2
            ;;
        --target=*)
            target="${1#--target=}"
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) die "不认识的参数：$1（用法见 scripts/dist.sh --help）" ;;
    esac
done

cd "$(dirname "$0")/.."
cargo="${CARGO:-cargo}"

host="$(rustc -vV | sed -n 's/^host: //p')"
[ -n "$host" ] || die "无法从 rustc -vV 得到本机目标三元组"
explicit_target="$target"
target="${target:-$host}"

# 版本号：Cargo.toml 中 [package] 一节的 version。
version="$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)"
[ -n "$version" ] || die "无法从 Cargo.toml 读出版本号"

case "$target" in
    *-windows-*) exe=".exe" archive_ext="zip" ;;
    *) exe="" archive_ext="tar.gz" ;;
esac

name="reportlint-$version-$target"
echo "dist.sh：构建 $name（$cargo build --profile dist --locked${explicit_target:+ --target $explicit_target}）" >&2

# profile dist（见 Cargo.toml）即 release 去掉调试信息。只在明确给出 --target 时传给 cargo，
# 这样本机打包时沿用 target/dist/，不必另编一份。
build_args=(build --profile dist --locked)
[ -n "$explicit_target" ] && build_args+=(--target "$explicit_target")
"$cargo" "${build_args[@]}"

# 包内文件的时间。构建之后才设，免得 SOURCE_DATE_EPOCH 的变化让 zstd-sys 等重新编译。
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || date +%s)"
fi
export SOURCE_DATE_EPOCH

target_dir="${CARGO_TARGET_DIR:-target}"
if [ -n "$explicit_target" ]; then
    binary="$target_dir/$explicit_target/dist/reportlint$exe"
else
    binary="$target_dir/dist/reportlint$exe"
fi
[ -f "$binary" ] || die "构建后找不到程序：$binary"

# sha256sum（Linux、Git Bash）或 shasum -a 256（macOS），输出格式相同。
sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$@"
    else
        shasum -a 256 "$@"
    fi
}

mkdir -p dist
stage="dist/.stage-$target"
rm -rf "$stage" "dist/$name.$archive_ext" "dist/$name.$archive_ext.sha256"
pkg="$stage/$name"
mkdir -p "$pkg"

cp "$binary" "$pkg/reportlint$exe"
chmod 755 "$pkg/reportlint$exe"
cp README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE "$pkg/"
cp -R rules "$pkg/rules"

# 启动脚本：模板在 scripts/package/。.bat 一律写成 CRLF，其余一律 LF，
# 不论 git 检出时怎样转换了换行。
case "$target" in
    *-windows-*)
        sed 's/\r*$/\r/' "scripts/package/启动网页版.bat" >"$pkg/启动网页版.bat"
        ;;
    *-apple-*)
        tr -d '\r' <"scripts/package/启动网页版.sh" >"$pkg/启动网页版.command"
        chmod 755 "$pkg/启动网页版.command"
        ;;
    *)
        tr -d '\r' <"scripts/package/启动网页版.sh" >"$pkg/启动网页版.sh"
        tr -d '\r' <"scripts/package/reportlint.desktop" >"$pkg/reportlint.desktop"
        chmod 755 "$pkg/启动网页版.sh" "$pkg/reportlint.desktop"
        ;;
esac

# 目录与普通文件的权限统一（不受本机 umask 影响）。
find "$pkg" -type d -exec chmod 755 {} +
find "$pkg" -type f ! -perm -u+x -exec chmod 644 {} +

# SHA256SUMS：包内除它自身外的每个文件，相对路径，按字节序排列。
(
    cd "$pkg"
    find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort >../files.txt
    files=()
    while IFS= read -r f; do files+=("$f"); done <../files.txt
    sha256 "${files[@]}" >SHA256SUMS
    rm ../files.txt
)
chmod 644 "$pkg/SHA256SUMS"

# 所有文件的修改时间统一为 SOURCE_DATE_EPOCH。
stamp="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y%m%d%H%M.%S 2>/dev/null ||
    date -u -r "$SOURCE_DATE_EPOCH" +%Y%m%d%H%M.%S)"
find "$pkg" -exec env TZ=UTC touch -h -t "$stamp" {} +

archive="dist/$name.$archive_ext"

# 打 .zip：python 的 zipfile 为中文文件名设置 UTF-8 标志（Windows 资源管理器据此正确显示），
# 并可固定顺序与时间；没有 python 时用 7z，再退而用 zip。
make_zip() {
    local py=""
    local candidate
    for candidate in python3 python; do
        # Windows 上的 python3 可能只是应用商店的占位程序，先试着运行。
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import zipfile' >/dev/null 2>&1; then
            py="$candidate"
            break
        fi
    done
    if [ -n "$py" ]; then
        # 路径都用相对路径（从 $stage 看，安装包在 ../），免得 Git Bash 转换路径。
        (cd "$stage" && "$py" - "$name" "../$name.zip" <<'PY'
import os, sys, time, zipfile

top, out = sys.argv[1], sys.argv[2]
epoch = max(int(os.environ["SOURCE_DATE_EPOCH"]), 315532800)  # zip dates start in 1980
date_time = time.gmtime(epoch)[:6]
paths = []
for dirpath, dirnames, filenames in os.walk(top):
    paths.append(dirpath)
    paths.extend(os.path.join(dirpath, f) for f in filenames)
paths.sort(key=lambda p: p.replace(os.sep, "/").encode("utf-8"))
with zipfile.ZipFile(out, "w") as z:
    for p in paths:
        arc = p.replace(os.sep, "/")
        if os.path.isdir(p):
            info = zipfile.ZipInfo(arc + "/", date_time)
            info.external_attr = (0o40755 << 16) | 0x10
            z.writestr(info, b"")
        else:
            info = zipfile.ZipInfo(arc, date_time)
            mode = 0o755 if os.access(p, os.X_OK) else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(p, "rb") as f:
                z.writestr(info, f.read(), compresslevel=9)
PY
        )
    elif command -v 7z >/dev/null 2>&1; then
        (cd "$stage" && 7z a -tzip -mx=9 -mcu=on "../$name.zip" "$name" >/dev/null)
    elif command -v zip >/dev/null 2>&1; then
        (cd "$stage" && find "$name" | LC_ALL=C sort | zip -X -q -9 "../$name.zip" -@)
    else
        die "打 .zip 需要 python3、7z 或 zip 之一"
    fi
}

# 打 .tar.gz：GNU tar（Linux 上的 tar，macOS 上若有则用 gtar）按名称排序、固定属主与时间；
# 否则（macOS 的 bsdtar）按排好序的文件清单打包。gzip -n 不写入时间与文件名。
make_tar() {
    local gnutar=""
    for candidate in tar gtar; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" --version 2>/dev/null | grep -q 'GNU tar'; then
            gnutar="$candidate"
            break
        fi
    done
    if [ -n "$gnutar" ]; then
        (cd "$stage" && "$gnutar" --sort=name --owner=0 --group=0 --numeric-owner \
            --mtime="@$SOURCE_DATE_EPOCH" --format=gnu -cf - "$name") | gzip -9n >"$archive"
    else
        (cd "$stage" && find "$name" | LC_ALL=C sort >files.txt &&
            tar --uid 0 --gid 0 --uname root --gname root -n -cf - -T files.txt) | gzip -9n >"$archive"
    fi
}

case "$archive_ext" in
    zip) make_zip ;;
    *) make_tar ;;
esac
rm -rf "$stage"

(cd dist && sha256 "$name.$archive_ext" >"$name.$archive_ext.sha256")

echo "dist.sh：已写出 dist/$name.$archive_ext（$(wc -c <"$archive" | tr -d ' ') 字节）" >&2
echo "dist.sh：SHA-256 $(cut -d' ' -f1 "dist/$name.$archive_ext.sha256")" >&2
echo "dist/$name.$archive_ext"
