//! Reading an upload: a multipart body part by part, each file held in memory under its
//! cap, then (off the async threads) .zip files opened in memory and their entries
//! inflated with every byte counted — an entry's declared size is never trusted. Names
//! are labels only: nothing is written and no path is opened.

use std::io::{Cursor, Read};

use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;

use super::Limits;
use super::respond::ApiError;
use crate::document::Format;
use crate::error::Error;
use crate::render::json::FileError;

/// Text fields larger than this are refused (a derived pack is a field too).
const FIELD_CAP: u64 = 4 * 1024 * 1024;

/// A file as uploaded.
pub(crate) struct Part {
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

/// A report to check: its label, format and bytes.
pub(crate) struct Input {
    pub(crate) path: String,
    pub(crate) format: Format,
    pub(crate) bytes: Vec<u8>,
}

/// A request's files and fields.
#[derive(Default)]
pub(crate) struct Upload {
    pub(crate) parts: Vec<Part>,
    /// Files refused while reading (too large).
    pub(crate) errors: Vec<FileError>,
    /// Text fields, by name (`year`, `unit-type`, `unit`, `format`, `pack`).
    pub(crate) fields: Vec<(String, String)>,
}

impl Upload {
    /// A text field, trimmed; empty counts as absent.
    pub(crate) fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// A multipart error in Chinese: the body cap (413) or a malformed body (400).
fn multipart_error(e: &MultipartError, limits: &Limits) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::too_large_body(limits)
    } else {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "上传内容不完整或格式不对（应为 multipart/form-data），请重新上传。",
        )
    }
}

/// The bytes of `field`, or `None` when they pass `cap` (the rest is read and dropped).
async fn read_capped(
    field: &mut Field<'_>,
    cap: u64,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, ApiError> {
    let mut bytes = Vec::new();
    let mut over = false;
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| multipart_error(&e, limits))?
    {
        if over {
            continue;
        }
        if (bytes.len() + chunk.len()) as u64 > cap {
            over = true;
            bytes = Vec::new();
        } else {
            bytes.extend_from_slice(&chunk);
        }
    }
    Ok((!over).then_some(bytes))
}

/// Read a multipart body: every part with a file name is a file (`pack` excepted),
/// every other part a text field.
pub(crate) async fn read(mut multipart: Multipart, limits: &Limits) -> Result<Upload, ApiError> {
    let mut upload = Upload::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e, limits))?
    {
        let name = field.name().unwrap_or("").to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file) if name != "pack" => {
                if upload.parts.len() + upload.errors.len() >= limits.files {
                    return Err(ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        format!(
                            "一次最多上传 {} 个文件；文件更多时请打包成 .zip 上传或分批上传。",
                            limits.files
                        ),
                    ));
                }
                let file = label(&file);
                match read_capped(&mut field, limits.file, limits).await? {
                    Some(bytes) => upload.parts.push(Part { name: file, bytes }),
                    None => upload.errors.push(too_large(&file, limits)),
                }
            }
            _ => {
                let Some(bytes) = read_capped(&mut field, FIELD_CAP, limits).await? else {
                    return Err(ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        format!(
                            "字段“{name}”超过 {} MiB，无法处理。",
                            FIELD_CAP / 1024 / 1024
                        ),
                    ));
                };
                let Ok(text) = String::from_utf8(bytes) else {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        format!("字段“{name}”不是 UTF-8 文字。"),
                    ));
                };
                upload.fields.push((name, text));
            }
        }
    }
    Ok(upload)
}

/// A file name as a label: `\` as `/`, no leading `/`.
fn label(name: &str) -> String {
    name.replace('\\', "/").trim_start_matches('/').to_owned()
}

fn too_large(path: &str, limits: &Limits) -> FileError {
    FileError {
        path: path.to_owned(),
        message: format!(
            "文件超过上限 {} MiB，未检查。请确认选择的是报告本身；Word 文档中的大图片可删除或压缩后再检查。",
            limits.file / 1024 / 1024
        ),
    }
}

/// A read error as a Chinese message without the path (the path is its own field),
/// with what to do.
pub(crate) fn file_error(path: &str, e: &Error) -> FileError {
    let text = e.to_string();
    let text = text
        .strip_prefix(&format!("{path}："))
        .unwrap_or(&text)
        .to_owned();
    let message = match miette::Diagnostic::help(e) {
        Some(help) => format!("{text}。{help}"),
        None => text,
    };
    FileError {
        path: path.to_owned(),
        message,
    }
}

/// The reports among the parts: plain files by their extension, .zip files by their
/// entries. What cannot be checked becomes an error naming the file.
pub(crate) fn expand(parts: Vec<Part>, limits: &Limits) -> (Vec<Input>, Vec<FileError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for part in parts {
        if extension(&part.name) == "zip" {
            unzip(&part.name, &part.bytes, limits, &mut inputs, &mut errors);
            continue;
        }
        match Format::for_path(std::path::Path::new(&part.name)) {
            Ok(format) => inputs.push(Input {
                path: part.name,
                format,
                bytes: part.bytes,
            }),
            Err(e) => errors.push(file_error(&part.name, &e)),
        }
    }
    (inputs, errors)
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default()
}

/// An entry's name: UTF-8 when it is (the zip's UTF-8 flag or not), else GB18030, as
/// written by the Chinese edition of Windows.
fn entry_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(raw).0.into_owned(),
    }
}

/// Add the reports in the .zip `bytes` (named `zip`) to `inputs`.
fn unzip(
    zip: &str,
    bytes: &[u8],
    limits: &Limits,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<FileError>,
) {
    let error = |message: String| FileError {
        path: zip.to_owned(),
        message,
    };
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        errors.push(error(
            "压缩包已损坏或不是 .zip 文件，无法解压。请重新压缩后上传（Windows：右键文件夹 → 发送到 → 压缩文件夹）。".to_owned(),
        ));
        return;
    };
    if archive.len() > limits.zip_entries {
        errors.push(error(format!(
            "压缩包中有 {} 个条目，超过上限 {}；请分成几个压缩包上传。",
            archive.len(),
            limits.zip_entries
        )));
        return;
    }
    let mut found = Vec::new();
    let mut own_errors = Vec::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(zip::result::ZipError::UnsupportedArchive(_)) => {
                own_errors.push(error(format!(
                    "压缩包中第 {} 个文件已加密或使用了不支持的压缩方式，未检查；请用不设密码的普通 .zip 压缩。",
                    i + 1
                )));
                continue;
            }
            Err(_) => {
                errors.push(error(
                    "压缩包已损坏，无法解压。请重新压缩后上传。".to_owned(),
                ));
                return;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry_name(entry.name_raw());
        let path = format!("{zip}/{}", label(&name));
        let base = name.rsplit(['/', '\\']).next().unwrap_or("");
        let hidden = name
            .split(['/', '\\'])
            .any(|c| c.starts_with('.') || c == "__MACOSX")
            || base.starts_with("~$");
        if hidden {
            continue;
        }
        let format = match extension(base).as_str() {
            "zip" => {
                own_errors.push(FileError {
                    path,
                    message: "压缩包中的压缩包不展开；请先解压，再把其中的报告直接放进压缩包。"
                        .to_owned(),
                });
                continue;
            }
            "doc" | "wps" | "wpt" | "dot" | "pdf" => {
                if let Err(e) = Format::for_path(std::path::Path::new(&path)) {
                    own_errors.push(file_error(&path, &e));
                }
                continue;
            }
            _ => match Format::for_path(std::path::Path::new(base)) {
                Ok(f) => f,
                // Pictures, spreadsheets and the like beside the reports.
                Err(_) => continue,
            },
        };
        // Never more than the entry cap, nor more than is left of the zip's cap.
        let room = limits.zip_total.saturating_sub(total);
        let cap = limits.file.min(room);
        let mut content = Vec::new();
        let read = (&mut entry).take(cap + 1).read_to_end(&mut content);
        total += content.len() as u64;
        if read.is_err() {
            own_errors.push(FileError {
                path,
                message: "压缩包中的这个文件已损坏，无法解压；请重新压缩后上传。".to_owned(),
            });
            continue;
        }
        if content.len() as u64 > cap {
            if cap == limits.file && room > limits.file {
                own_errors.push(too_large(&path, limits));
                continue;
            }
            errors.push(error(format!(
                "压缩包解压后超过 {} MiB，疑似压缩炸弹，已停止读取，其中的文件都未检查。请确认文件来源可靠，或分成几个压缩包上传。",
                limits.zip_total / 1024 / 1024
            )));
            return;
        }
        found.push(Input {
            path,
            format,
            bytes: content,
        });
    }
    if found.is_empty() && own_errors.is_empty() {
        errors.push(error(
            "压缩包中没有可检查的报告（.docx、.html、.htm、.txt、.md）。".to_owned(),
        ));
    }
    inputs.extend(found);
    errors.extend(own_errors);
}
