//! What is read: a [`Document`] is one report's extracted text plus its outline.
//! Spans everywhere point into [`Document::text`].

pub mod decode;
pub mod html;

use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::outline::Outline;
use crate::span::LineIndex;

/// The input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown (read as text; `#`, `>` and `**` around lines are skipped).
    #[serde(rename = "md")]
    Markdown,
    /// A saved web page: its article text ([`html`]).
    Html,
}

impl Format {
    /// The format for a file name, or an error saying what to do instead.
    pub fn for_path(path: &Path) -> Result<Format, Error> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let help = match ext.as_str() {
            "txt" | "text" => return Ok(Format::Txt),
            "md" | "markdown" => return Ok(Format::Markdown),
            "docx" | "doc" | "wps" => {
                "本版本暂不能读取 Word/WPS 文档，请在 Word 或 WPS 中“另存为”纯文本（.txt，UTF-8）后再检查"
            }
            "html" | "htm" => return Ok(Format::Html),
            "pdf" => "不能读取 PDF，请将正文复制到 .txt 文件后再检查",
            _ => "目前支持 .txt、.md 和网页（.html、.htm）文件",
        };
        Err(Error::UnsupportedFormat {
            path: path.to_path_buf(),
            ext: if ext.is_empty() {
                "（无扩展名）".to_owned()
            } else {
                format!(".{ext}")
            },
            help: help.to_owned(),
        })
    }

    /// Whether a folder walk should pick this file up.
    pub fn is_report_file(path: &Path) -> bool {
        Format::for_path(path).is_ok()
    }
}

/// One report, decoded and outlined.
#[derive(Debug)]
pub struct Document {
    /// The path as given (relative stays relative).
    pub path: String,
    /// The input format.
    pub format: Format,
    /// The encoding it was read in.
    pub encoding: &'static str,
    /// The extracted text; the only thing spans point into.
    pub text: String,
    /// Line starts of `text`.
    pub lines: LineIndex,
    /// Title, sections, 落款, year.
    pub outline: Outline,
}

impl Document {
    /// Read a report file. The file is only read, never written.
    pub fn open(path: &Path) -> Result<Document, Error> {
        let format = Format::for_path(path)?;
        if !path.exists() {
            return Err(Error::NotFound {
                path: path.to_path_buf(),
            });
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        Document::from_bytes(&path.to_string_lossy(), format, &bytes).map_err(|kind| {
            Error::Decode {
                path: path.to_path_buf(),
                kind,
            }
        })
    }

    /// Decode bytes and build the outline.
    pub fn from_bytes(
        path: &str,
        format: Format,
        bytes: &[u8],
    ) -> Result<Document, decode::DecodeError> {
        let decoded = match format {
            Format::Html => {
                let page = html::decode(bytes)?;
                let text = html::extract(&page.text);
                if text.trim().is_empty() {
                    return Err(decode::DecodeError::NoText);
                }
                decode::Decoded {
                    text,
                    encoding: page.encoding,
                }
            }
            _ => decode::decode(bytes)?,
        };
        let mut doc = Document::from_text(path, format, decoded.text);
        doc.encoding = decoded.encoding;
        Ok(doc)
    }

    /// A document from decoded text; CRLF and CR line ends become `\n` so that line
    /// numbers agree with every editor.
    pub fn from_text(path: &str, format: Format, text: String) -> Document {
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        };
        let outline = Outline::parse(&text, format == Format::Markdown);
        Document {
            path: path.to_owned(),
            format,
            encoding: "utf-8",
            lines: LineIndex::new(&text),
            outline,
            text,
        }
    }

    /// The title text, if any.
    pub fn title(&self) -> Option<&str> {
        self.outline
            .title
            .as_ref()
            .map(|t| t.span.slice(&self.text))
    }
}
