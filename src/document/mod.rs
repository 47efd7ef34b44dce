//! What is read: a [`Document`] is one report's extracted text plus its outline.
//! Spans everywhere point into [`Document::text`].

pub mod decode;
pub mod docx;
pub mod html;
pub mod table;
pub mod text_table;
pub mod watermark;

use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::outline::{Layout, Outline};
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
    /// A Word document: its paragraphs, numbering rendered ([`docx`]).
    Docx,
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
            "docx" | "docm" => return Ok(Format::Docx),
            "doc" | "wps" | "wpt" | "dot" => LEGACY_WORD_HELP,
            "html" | "htm" => return Ok(Format::Html),
            "pdf" => {
                "不能读取 PDF，请检查报告的 Word 原稿（.docx），或将正文复制到 .txt 文件后再检查"
            }
            _ => "目前支持 Word 文档（.docx）、网页（.html、.htm）、.txt 和 .md 文件",
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

    /// Whether a folder walk should pick this file up. Word's lock files (`~$报告.docx`,
    /// left beside a document that is open) are not reports.
    pub fn is_report_file(path: &Path) -> bool {
        let lock_file = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("~$"));
        !lock_file && Format::for_path(path).is_ok()
    }
}

/// What to do with a legacy Word or WPS file.
pub const LEGACY_WORD_HELP: &str = "这是旧版 Word/WPS 格式，请在 Word 或 WPS 中打开，选择“文件 → 另存为 → Word 文档（*.docx）”后检查 .docx 文件";

/// The largest input file read, in bytes.
pub const MAX_FILE: u64 = crate::file::Kind::Report.limit();

/// The bytes of a report file: a regular file of at most [`MAX_FILE`] bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    crate::file::read(path, crate::file::Kind::Report)
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
    /// Tables (Word and web documents), each cell with its span in `text`.
    pub tables: Vec<table::Table>,
    /// Every table cell by its span, sorted, built on first use by [`Document::cell_of`]
    /// (so that placing many findings costs a search each, not a pass over the tables).
    pub cell_index: std::sync::OnceLock<Vec<(crate::Span, usize, usize, usize)>>,
    /// For a Word document: the text offset where each paragraph's line starts and the
    /// paragraph's 1-based position in the document, in text order. Empty otherwise.
    pub paragraphs: Vec<(usize, usize)>,
    /// For a Word document: its page and paragraph formatting as Word resolves it (what
    /// `layout` rules check). `None` for text, Markdown and web pages.
    pub layout: Option<docx::Layout>,
}

impl Document {
    /// Read a report file. The file is only read, never written.
    pub fn open(path: &Path) -> Result<Document, Error> {
        let format = Format::for_path(path)?;
        let bytes = read(path)?;
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
            Format::Docx => {
                let extracted = docx::extract(bytes).map_err(decode::DecodeError::Docx)?;
                let mut doc = Document::from_docx(path, &extracted.body)?;
                doc.layout = Some(extracted.layout);
                return Ok(doc);
            }
            Format::Html => {
                let page = html::decode(bytes)?;
                let page_text = decode::fold_digits(page.text);
                let html::Extracted { text, tables } = html::extract(&page_text);
                if text.trim().is_empty() {
                    return Err(decode::DecodeError::NoText);
                }
                let cells = table_text(&tables);
                let layout = Layout {
                    tables: &cells,
                    ..Layout::default()
                };
                return Ok(Document {
                    path: path.to_owned(),
                    format,
                    encoding: page.encoding,
                    lines: LineIndex::new(&text),
                    outline: Outline::parse_with(&text, &layout),
                    paragraphs: Vec::new(),
                    layout: None,
                    tables,
                    cell_index: std::sync::OnceLock::new(),
                    text,
                });
            }
            _ => decode::decode(bytes)?,
        };
        let mut doc = Document::from_text(path, format, decoded.text);
        doc.encoding = decoded.encoding;
        Ok(doc)
    }

    /// A document from a Word document's paragraphs; their styles are outline hints. Its
    /// [`layout`](Document::layout) is left to the caller (`None`).
    pub fn from_docx(path: &str, body: &docx::Body) -> Result<Document, decode::DecodeError> {
        if body.text.trim().is_empty() {
            return Err(decode::DecodeError::Docx(docx::DocxError::NoText));
        }
        let hints: Vec<_> = body
            .paragraphs
            .iter()
            .filter_map(|p| Some((p.text.start, p.hint?)))
            .collect();
        let cells = table_text(&body.tables);
        let outline = Outline::parse_with(
            &body.text,
            &Layout {
                hints: &hints,
                tables: &cells,
                no_chrome: true,
                ..Layout::default()
            },
        );
        Ok(Document {
            path: path.to_owned(),
            format: Format::Docx,
            encoding: "utf-8",
            lines: LineIndex::new(&body.text),
            outline,
            paragraphs: body
                .paragraphs
                .iter()
                .map(|p| (p.text.start, p.ordinal))
                .collect(),
            tables: body.tables.clone(),
            cell_index: std::sync::OnceLock::new(),
            text: body.text.clone(),
            layout: None,
        })
    }

    /// The table cell whose text is exactly `span`: (table index, row, column), 0-based.
    pub fn cell_of(&self, span: crate::Span) -> Option<(usize, usize, usize)> {
        let index = self.cell_index.get_or_init(|| {
            let mut cells: Vec<_> = self
                .tables
                .iter()
                .enumerate()
                .flat_map(|(i, t)| t.cells().map(move |c| (c.span, i, c.row, c.column)))
                .collect();
            cells.sort_by_key(|c| (c.0.start, c.0.end));
            cells
        });
        let at = index.partition_point(|c| (c.0.start, c.0.end) < (span.start, span.end));
        index
            .get(at)
            .filter(|c| c.0 == span)
            .map(|c| (c.1, c.2, c.3))
    }

    /// The 1-based Word paragraph holding a byte offset (Word documents only).
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self
            .paragraphs
            .partition_point(|&(start, _)| start <= offset);
        Some(self.paragraphs.get(i.checked_sub(1)?)?.1)
    }

    /// A document from decoded text; CRLF and CR line ends become `\n` so that line
    /// numbers agree with every editor.
    pub fn from_text(path: &str, format: Format, text: String) -> Document {
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        };
        let text = decode::fold_digits(text);
        let markdown = format == Format::Markdown;
        // A table copied as text (one row per line) is content, not outline: its
        // `一、本年新收……\t52` rows are no headings.
        let tables = text_table::read(&text, markdown);
        let cells = table_text(&tables);
        let outline = Outline::parse_with(
            &text,
            &Layout {
                markdown,
                tables: &cells,
                ..Layout::default()
            },
        );
        Document {
            path: path.to_owned(),
            format,
            encoding: "utf-8",
            lines: LineIndex::new(&text),
            outline,
            paragraphs: Vec::new(),
            layout: None,
            tables,
            cell_index: std::sync::OnceLock::new(),
            text,
        }
    }

    /// The title as one line: a title over several lines (an organ's name over
    /// `关于……的报告`, or a line broken by hand) is read as written on one line.
    pub fn title(&self) -> Option<String> {
        let span = self.outline.title.as_ref()?.span;
        Some(span.slice(&self.text).lines().map(str::trim).collect())
    }
}

/// Where the text of top-level tables lies (nested tables lie within them), sorted.
pub fn table_text(tables: &[table::Table]) -> Vec<crate::Span> {
    let mut spans: Vec<_> = tables
        .iter()
        .filter(|t| t.parent.is_none() && !t.span.is_empty())
        .map(|t| t.span)
        .collect();
    spans.sort();
    spans
}
