@echo off
chcp 65001 >nul
rem 启动 reportlint 网页版：在本机浏览器中打开检查页面。关闭本窗口即停止服务。
rem 服务只在本机（127.0.0.1）监听，不联网，不上传任何文件。
cd /d "%~dp0"
title reportlint 网页版
echo 正在启动 reportlint 网页版，浏览器会自动打开检查页面。
echo 使用期间请不要关闭本窗口；用完后关闭本窗口即可停止。
echo.
reportlint.exe serve %*
if errorlevel 1 (
  echo.
  echo 启动失败：请把上面的提示截图发给信息中心或维护人员。
  pause
)
