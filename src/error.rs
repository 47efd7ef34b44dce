//! Errors: the run itself failed (exit code 2). Every message is Chinese and names the
//! file; pack errors carry the YAML source and a span for miette.

use std::path::PathBuf;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::document::decode::DecodeError;
use crate::span::SourceText;

/// Why a run could not be completed.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("找不到文件或文件夹：{}", path.display())]
    #[diagnostic(code(reportlint::not_found), help("请检查路径是否正确"))]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },

    /// Reading failed.
    #[error("无法读取 {}：{reason}", path.display())]
    #[diagnostic(code(reportlint::io))]
    Io {
        /// The file.
        path: PathBuf,
        /// Why, in Chinese where the cause is known.
        reason: String,
    },

    /// The bytes are not a text report.
    #[error("{}：{}", path.display(), describe_decode(kind))]
    #[diagnostic(code(reportlint::decode), help("{}", decode_help(kind)))]
    Decode {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        kind: DecodeError,
    },

    /// A file type this version does not read.
    #[error("{}：不支持的文件类型“{ext}”", path.display())]
    #[diagnostic(code(reportlint::unsupported_format), help("{help}"))]
    UnsupportedFormat {
        /// The file.
        path: PathBuf,
        /// Its extension.
        ext: String,
        /// What to do instead.
        help: String,
    },

    /// A folder with no report in it.
    #[error("文件夹 {} 中没有可检查的报告（.txt、.md、.html）", path.display())]
    #[diagnostic(
        code(reportlint::no_input),
        help("隐藏文件，以及 .gitignore、.ignore 排除的文件不检查")
    )]
    NoInput {
        /// The folder.
        path: PathBuf,
    },

    /// A rule pack is invalid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Pack(#[from] Box<PackError>),

    /// A `reportlint.toml` is invalid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),
}

/// An invalid `reportlint.toml`, pointing into it.
#[derive(Debug, Error, Diagnostic)]
#[error("配置文件 {file} 有误：{message}")]
#[diagnostic(code(reportlint::config))]
pub struct ConfigError {
    /// The config file.
    pub file: String,
    /// What is wrong.
    pub message: String,
    /// The TOML source.
    #[source_code]
    pub src: SourceText<String>,
    /// Where.
    #[label("此处")]
    pub span: Option<SourceSpan>,
    /// How to fix it.
    #[help]
    pub help: Option<String>,
}

/// An invalid rule pack, pointing into its YAML.
#[derive(Debug, Error, Diagnostic)]
#[error("规则包 {file} 有误：{message}")]
#[diagnostic(code(reportlint::pack))]
pub struct PackError {
    /// The pack file name.
    pub file: String,
    /// What is wrong.
    pub message: String,
    /// The YAML source.
    #[source_code]
    pub src: SourceText<String>,
    /// Where.
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    /// The label text at the span.
    pub label: String,
    /// How to fix it.
    #[help]
    pub help: Option<String>,
}

fn describe_decode(kind: &DecodeError) -> String {
    match kind {
        DecodeError::Empty => "文件为空，没有可检查的内容".to_owned(),
        DecodeError::Binary => "不是文本文件（含有二进制内容）".to_owned(),
        DecodeError::UnknownEncoding(guess) => {
            format!("无法识别文件编码（疑似 {guess}），只支持 UTF-8、UTF-16 和 GBK/GB18030")
        }
        DecodeError::NoText => "网页中没有正文文字（只有脚本、样式或导航）".to_owned(),
    }
}

fn decode_help(kind: &DecodeError) -> &'static str {
    match kind {
        DecodeError::Empty => "请确认选择了正确的报告文件",
        DecodeError::Binary => "请将报告另存为纯文本（.txt）后再检查",
        DecodeError::UnknownEncoding(_) => "请在编辑器中将文件另存为 UTF-8 编码",
        DecodeError::NoText => {
            "请在浏览器中打开网页，确认正文已显示后另存为“网页，完整”或“网页，仅 HTML”"
        }
    }
}

impl Error {
    /// An I/O error on `path`, with the common causes in Chinese.
    pub fn io(path: impl Into<PathBuf>, err: &std::io::Error) -> Error {
        use std::io::ErrorKind::*;
        let reason = match err.kind() {
            NotFound => "文件不存在".to_owned(),
            PermissionDenied => "没有读取权限".to_owned(),
            IsADirectory => "这是一个文件夹".to_owned(),
            InvalidData => "内容无效".to_owned(),
            _ => format!("读取失败（{err}）"),
        };
        Error::Io {
            path: path.into(),
            reason,
        }
    }
}
