//! The parts of a 公文 around the report's body (GB/T 9704-2012 §7.2, §7.3.4–7.3.6,
//! §7.4): 版头 lines before the title (`附件1`, `签发：张三`, a 发文字号), the 附件说明
//! before the 落款, and after it the 附注 (`（联系人：张三，电话：12345678）`), the 附件
//! (an `附件1` line and what follows it) and the 版记 (`抄送：……`, `……印发`). None of
//! them is body text: their lines open no section and their dates are not the 成文日期.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::is_stray;
use crate::span::Span;

/// What a part of the document around the body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    /// A 版头 line before the title: 附件 number, 份号, 密级, 紧急程度, 发文机关标志,
    /// 发文字号, 签发人.
    Masthead,
    /// The 附件说明 (`附件：1.……`) between the body and the 落款.
    AttachmentList,
    /// A 附注 after the 落款, in brackets.
    Note,
    /// An attachment: its `附件1` line and everything up to the next part.
    Attachment,
    /// The 版记: 抄送, 印发机关和印发日期, and the rules around them.
    Imprint,
}

/// A part of the document outside the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// What it is.
    pub kind: PartKind,
    /// Its lines.
    pub span: Span,
}

const NUMBER: &str = "[0-9一二三四五六七八九十]{0,3}";

static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:附\s*件\s*{NUMBER}\s*[:：]?|签\s*发\s*人?\s*[:：].{{0,20}}|[0-9]{{6}}|(?:绝密|机密|秘密)(?:\s*★.{{0,8}})?|特急|加急|特提|平急|.{{1,16}}[〔\[［(（]\s*(?:19|20)[0-9]{{2}}\s*[〕\]］)）]\s*[0-9]{{1,4}}\s*号|.{{2,30}}文件)$"
    ))
    .expect("valid regex")
});

static ATTACHMENT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^附\s*件\s*{NUMBER}\s*(?:[:：]\s*)?[^。]{{0,60}}$"
    ))
    .expect("valid regex")
});

static ATTACHMENT_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^附\s*件\s*[:：]").expect("valid regex"));

static LIST_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{1,2}\s*[.．、]").expect("valid regex"));

static IMPRINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:抄\s*送\s*[:：]|主\s*送\s*[:：].*。$|主题词\s*[:：]|关键词\s*[:：]|[（(]?共印\s*[0-9]+\s*份|",
        r".{0,40}?(?:19|20)[0-9]{2}\s*[年.\-/]\s*[0-9]{1,2}\s*[月.\-/]\s*[0-9]{1,2}\s*日?\s*印\s*发$)"
    ))
    .expect("valid regex")
});

static NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(][^（()）]{2,80}[）)]$").expect("valid regex"));

/// Longest line read as a 版头 line, in characters.
const MAX_MASTHEAD_CHARS: usize = 40;

/// A 版头 line (the title is not one).
pub(super) fn is_masthead(s: &str) -> bool {
    s.chars().count() <= MAX_MASTHEAD_CHARS
        && !s.contains(['。', '，'])
        && !s.ends_with("报告")
        && MASTHEAD.is_match(s)
}

/// A bracketed 附注 line (`（联系人：张三，电话：12345678）`, `（此件公开发布）`).
pub(super) fn is_note(s: &str) -> bool {
    NOTE.is_match(s)
}

fn is_imprint(s: &str) -> bool {
    IMPRINT.is_match(s)
}

/// The 版记 at the end of `lines[..end]`: the index of its first line, if there is one.
/// Rules (lines of `—`) around and between its lines belong to it.
pub(super) fn imprint_start(text: &str, lines: &[Span], end: usize) -> Option<usize> {
    let mut start = end;
    let mut found = None;
    while start > 0 {
        let s = lines[start - 1].slice(text);
        if is_imprint(s) {
            found = Some(start - 1);
        } else if !is_stray(s) {
            break;
        }
        start -= 1;
    }
    let first = found?;
    // Rules directly above the first 版记 line are its top rule.
    let mut top = first;
    while top > 0 && is_stray(lines[top - 1].slice(text)) {
        top -= 1;
    }
    Some(top)
}

/// Whether the line opens an attachment (`附件1`, `附件2：2024年执法数据统计表`).
pub(super) fn is_attachment_start(s: &str) -> bool {
    ATTACHMENT_START.is_match(s) && !LIST_ENTRY.is_match(s)
}

/// The 附件说明 ending right before `lines[end]`: the index of its first line. It is an
/// `附件：` line, possibly followed by numbered entries on lines of their own.
pub(super) fn attachment_list_start(text: &str, lines: &[Span], end: usize) -> Option<usize> {
    let mut i = end;
    while i > 0 && end - i < 10 {
        let s = lines[i - 1].slice(text);
        if ATTACHMENT_LIST.is_match(s) {
            return Some(i - 1);
        }
        if !LIST_ENTRY.is_match(s) || s.contains('。') {
            return None;
        }
        i -= 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masthead_lines() {
        for s in [
            "附件1",
            "附件1：",
            "附件",
            "签发：张三",
            "签发人：张三",
            "青街发〔2025〕3号",
            "浙卫〔2024〕3号",
            "000123",
            "机密★1年",
            "特急",
            "青山街道办事处文件",
        ] {
            assert!(is_masthead(s), "{s}");
        }
        for s in [
            "青山街道2024年法治政府建设情况报告",
            "关于2024年度法治政府建设情况的报告",
            "区委、区政府：",
            "一、主要举措和成效",
        ] {
            assert!(!is_masthead(s), "{s}");
        }
    }

    #[test]
    fn notes_attachments_and_imprints() {
        assert!(is_note("（联系人：张三，电话：12345678）"));
        assert!(is_note("（此件公开发布）"));
        assert!(!is_note("（一）加强组织领导"));
        assert!(is_attachment_start("附件1"));
        assert!(is_attachment_start("附件2：2024年行政执法数据统计表"));
        assert!(!is_attachment_start("附件中的数据已经核实。"));
        assert!(is_imprint("抄送：区委依法治区办，区司法局。"));
        assert!(is_imprint("青山街道党政办公室　　2025年1月20日印发"));
        assert!(is_imprint("青山街道党政办公室 2025.1.20印发"));
        assert!(!is_imprint("2025年1月20日"));
    }
}
