//! Errors: the run itself failed (exit code 2). Every message is Chinese and names the
//! file; pack errors carry the YAML source and a span for miette.

use std::path::PathBuf;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::document::LEGACY_WORD_HELP;
use crate::document::decode::DecodeError;
use crate::document::docx::DocxError;
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

    /// A named pipe, device, socket or folder where a file is read.
    #[error("{}：{what}，不能作为文件读取", path.display())]
    #[diagnostic(
        code(reportlint::not_regular),
        help("请给出普通文件的路径（报告、规则包、配置文件或基线文件）")
    )]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is instead (`是命名管道（FIFO）`).
        what: &'static str,
    },

    /// A file larger than its kind allows.
    #[error("{}：文件过大（{size_mib} MiB），超过上限 {limit_mib} MiB", path.display())]
    #[diagnostic(
        code(reportlint::too_large),
        help("请确认选择的是报告本身；Word 文档中的大图片可删除或压缩后再检查")
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size_mib: u64,
        /// The limit.
        limit_mib: u64,
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
    #[error("文件夹 {} 中没有可检查的报告（.docx、.html、.txt、.md）", path.display())]
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

pub(crate) fn describe_decode(kind: &DecodeError) -> String {
    match kind {
        DecodeError::Empty => "文件为空，没有可检查的内容".to_owned(),
        DecodeError::Binary => "不是文本文件（含有二进制内容）".to_owned(),
        DecodeError::UnknownEncoding(guess) => {
            format!("无法识别文件编码（疑似 {guess}），只支持 UTF-8、UTF-16 和 GBK/GB18030")
        }
        DecodeError::NoText => "网页中没有正文文字（只有脚本、样式或导航）".to_owned(),
        DecodeError::Docx(e) => describe_docx(e),
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
        DecodeError::Docx(e) => docx_help(e),
    }
}

pub(crate) fn describe_docx(e: &DocxError) -> String {
    match e {
        DocxError::Legacy => "扩展名是 .docx，内容却是旧版 Word/WPS 文档（.doc/.wps）".to_owned(),
        DocxError::Encrypted => "Word 文档设置了打开密码，无法读取".to_owned(),
        DocxError::NotZip(Some(kind)) => format!("不是 Word 文档（.docx），内容像是 {kind}"),
        DocxError::NotZip(None) => "不是 Word 文档（.docx）".to_owned(),
        DocxError::Damaged(detail) => {
            format!("Word 文档已损坏或不完整，无法解压（{detail}）")
        }
        DocxError::NoDocument => {
            "压缩包中没有 Word 正文（word/document.xml），不是 Word 文档".to_owned()
        }
        DocxError::TooLarge { part, limit_mib } => {
            format!("Word 文档中的 {part} 解压后超过 {limit_mib} MiB，疑似压缩炸弹，已停止读取")
        }
        DocxError::NoText => "Word 文档中没有正文文字".to_owned(),
        DocxError::ReadBack(detail) => {
            format!("写出的批注副本读回校验未通过（{detail}），为免生成打不开的文件，未写出")
        }
        DocxError::BadXml { part, detail } => {
            format!("Word 文档中的 {part} 格式错误（{detail}）")
        }
    }
}

fn docx_help(e: &DocxError) -> &'static str {
    match e {
        DocxError::Legacy => LEGACY_WORD_HELP,
        DocxError::Encrypted => {
            "请在 Word 或 WPS 中取消密码（文件 → 信息 → 保护文档）后另存一份再检查"
        }
        DocxError::NotZip(_) | DocxError::NoDocument => {
            "请在 Word 或 WPS 中打开该文件，另存为 Word 文档（*.docx）后再检查"
        }
        DocxError::Damaged(_) | DocxError::BadXml { .. } => {
            "文件可能未下载或复制完整；请重新获取原文件，或在 Word/WPS 中打开后另存一份再检查"
        }
        DocxError::TooLarge { .. } => "请确认文件来源可靠；正常报告的正文不会这么大",
        DocxError::NoText => "请确认选择了正确的报告文件；文字若在图片中，无法检查",
        DocxError::ReadBack(_) => {
            "原文档可能有 Word 能容忍而本工具无法处理的结构；可在 Word 中另存一份后再试，并把原文档报告给维护者"
        }
    }
}

impl Error {
    /// An I/O error on `path`, with the common causes in Chinese.
    pub fn io(path: impl Into<PathBuf>, err: &std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            reason: io_reason(err),
        }
    }
}

/// Why a file operation failed, in Chinese. Causes without a name here keep the
/// system's error code, which is what an administrator would look up.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let reason = match err.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有权限",
        IsADirectory => "这是一个文件夹，不是文件",
        NotADirectory => "路径中有一级不是文件夹",
        AlreadyExists => "文件已存在",
        StorageFull => "磁盘空间不足",
        QuotaExceeded => "超出了磁盘配额",
        ReadOnlyFilesystem => "所在的磁盘是只读的",
        FileTooLarge => "文件过大",
        InvalidFilename => "文件名无效（过长或含有不允许的字符）",
        ResourceBusy | ExecutableFileBusy => "文件正被其他程序占用",
        InvalidData => "内容无效",
        UnexpectedEof => "文件不完整（提前结束）",
        WriteZero => "无法继续写入",
        BrokenPipe => "接收输出的程序已关闭",
        Interrupted => "操作被中断",
        TimedOut => "操作超时",
        OutOfMemory => "内存不足",
        AddrInUse => "地址或端口已被占用",
        AddrNotAvailable => "本机没有这个网络地址",
        StaleNetworkFileHandle | NetworkDown | NetworkUnreachable | HostUnreachable => {
            "网络文件夹无法访问"
        }
        _ => return other_reason(err),
    };
    reason.to_owned()
}

fn other_reason(err: &std::io::Error) -> String {
    match err.raw_os_error() {
        // Windows: another program (Word, WPS, Excel) has the file open.
        Some(32 | 33) if cfg!(windows) => {
            "文件正被其他程序（如 Word、WPS、Excel）打开，请先关闭".to_owned()
        }
        Some(code) => format!("系统错误（错误码 {code}）"),
        None => "系统错误".to_owned(),
    }
}
