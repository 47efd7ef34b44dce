#!/bin/sh
# 启动 reportlint 网页版：在本机浏览器中打开检查页面。关闭本窗口（或按 Ctrl+C）即停止服务。
# 服务只在本机（127.0.0.1）监听，不联网，不上传任何文件。
cd "$(dirname "$0")" || exit 1
echo "正在启动 reportlint 网页版，浏览器会自动打开检查页面。"
echo "使用期间请不要关闭本窗口；用完后关闭本窗口或按 Ctrl+C 即可停止。"
if [ -t 0 ]; then
    # 在终端窗口中运行（双击或 reportlint.desktop）：出错时停住，让人看得到提示。
    ./reportlint serve "$@"
    status=$?
    if [ "$status" -ne 0 ]; then
        printf '\n启动失败（退出码 %s）：请把上面的提示截图发给信息中心或维护人员。按回车键关闭窗口。' "$status"
        read -r _
    fi
    exit "$status"
fi
exec ./reportlint serve "$@"
