//! Web-page chrome pasted along with a report (domain brief §7.3): source and date
//! lines, font-size widgets, view counters, breadcrumbs, filing numbers, and copy-site
//! watermarks on lines of their own ([`crate::document::watermark`]).
//!
//! Chrome lines are kept in the text (so line numbers still match the file) but are
//! kept out of the title, preamble and sections. Labelled dates (发布时间, 成文日期 …)
//! are kept as metadata; site clocks such as 今天是… are not dates of the report.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::date::{Date, parse_numeric_date};
use super::marker;
use crate::document::watermark::is_watermark_line;
use crate::span::Span;

/// A date found in a labelled metadata field of the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MetaDate {
    /// The label as written, e.g. `发布时间`.
    pub label: String,
    /// The date.
    pub date: Date,
    /// Where the date is written.
    pub span: Span,
}

const LABELS: &str = "来源|文章来源|信息来源|发布时间|发布日期|更新时间|发文日期|成文日期|浏览次数|点击次数|点击数|阅读次数|累计次数|访问量|字体|字号|作者|索引号|主题分类|体裁分类|发文字号|文号|有效性|发布机构|发文机构|公开方式|时间|日期";

/// One label at the start of a short line (`来源: 海安高新区`).
static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^[\[【•·\s]*(?:{LABELS})\s*[】\]]?\s*[:：]")).expect("valid regex")
});

/// A label anywhere in the line; two distinct ones make a line chrome.
static ANY_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:{LABELS})\s*[】\]]?\s*[:：]")).expect("valid regex"));

/// Site furniture a whole line may consist of: widgets, links and notices that only a
/// page's frame carries. A line is furniture when nothing but these (and brackets,
/// separators and spaces) is left of it — `（一）推行“扫码入企”` is not.
static FURNITURE_TOKENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:字体|字号)\s*[:：]?|大\s*中\s*小|打印本页|打印整页|打印内容|打印|关闭窗口|关闭|收藏|",
        r"返回顶部|返回首页|返回列表|分享到?|微信|微博|",
        r"扫一扫在手机(?:上)?(?:打开|浏览|阅读)(?:当前页|本页|此页)?|扫码使用手机浏览本页(?:内容)?|",
        r"(?:使用)?手机扫码(?:阅读|浏览)?|扫一扫|",
        r"无障碍(?:浏览|阅读|模式)?|关怀版|长者模式|适老化|简体|繁体|默认|",
        r"[\[\]【】()（）|｜/、:：·•\s]"
    ))
    .expect("valid regex")
});

/// Furniture recognised by a phrase of its own (a breadcrumb, a site clock, filing
/// numbers), in a line without a sentence end.
static FURNITURE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:您|你)?(?:当前|现在|所在){1,2}的?位置\s*[:：]|^今天是|ICP备|公网安备|网站标识码",
    )
    .expect("valid regex")
});

/// A labelled date: `发布时间:2024-03-27 10:15`, `成文日期：2021年3月1日`.
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(发布时间|发布日期|成文日期|更新时间|发文日期)\s*[】\]]?\s*[:：]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?)")
        .expect("valid regex")
});

const MAX_CHROME_CHARS: usize = 160;

/// Whether a trimmed line is web-page chrome. `edge` is true for lines before the
/// report's first paragraph or after its 落款, the only places a page's frame leaves
/// chrome; in the body only a copy site's watermark line and a metadata line of several
/// labels are chrome. A numbered heading never is.
pub(super) fn is_chrome(line: &str, edge: bool) -> bool {
    if line.chars().count() > MAX_CHROME_CHARS || marker::parse(line).is_some() {
        return false;
    }
    if is_watermark_line(line) {
        return true;
    }
    let sentence = line.contains('。');
    let mut labels: Vec<&str> = ANY_LABEL.find_iter(line).map(|m| m.as_str()).collect();
    labels.dedup();
    if labels.len() >= 2 && !sentence {
        return true;
    }
    if !edge || sentence {
        return false;
    }
    FURNITURE_PHRASE.is_match(line)
        || LEADING_LABEL.is_match(line)
        || (FURNITURE_TOKENS.replace_all(line, "").is_empty()
            && line.chars().any(|c| c.is_alphanumeric()))
}

/// Labelled dates in a chrome line; `offset` is the line's byte offset in the text.
pub(super) fn labelled_dates(line: &str, offset: usize) -> Vec<MetaDate> {
    LABELLED_DATE
        .captures_iter(line)
        .filter_map(|c| {
            let value = c.get(2)?;
            Some(MetaDate {
                label: c[1].to_owned(),
                date: parse_numeric_date(value.as_str())?,
                span: Span::new(offset + value.start(), offset + value.end()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_chrome_lines() {
        let chrome = [
            (
                "来源: 海安高新区 发布时间:2024-03-27 10:15 累计次数: 字体:[ ]",
                false,
            ),
            (
                "文章来源：静海区司法局 更新时间：2021/03/29 09:12:33",
                false,
            ),
            ("【字体：大 中 小】【打印】", true),
            (
                "您当前所在位置：首页>政务公开>法治政府建设报告>乡镇街道",
                true,
            ),
            ("今天是：2019年10月31日 星期三", true),
            ("苏ICP备05009044号", true),
            ("扫一扫在手机打开当前页", true),
            ("无障碍浏览", true),
            ("无障碍 | 关怀版 | 返回首页", true),
            ("字号：【大】【中】【小】 打印本页 关闭窗口", true),
            ("来源：区司法局", true),
            ("索引号：11320621MB1234567X/2024-00012", true),
        ];
        for (line, edge) in chrome {
            assert!(is_chrome(line, edge), "{line}");
        }
    }

    #[test]
    fn keeps_report_text() {
        let text = [
            ("来源：区司法局", false),
            (
                "2020年,武清区坚持以习近平新时代中国特色社会主义思想为指导。",
                true,
            ),
            ("一、2020年法治政府建设工作基本情况", true),
            ("（一）规范信息来源：严格审核发布时间：确保准确。", false),
            ("深圳市宝安区西乡街道办事处", true),
            ("（一）推行“扫码入企”，减少对企业的干扰", true),
            ("（二）加强无障碍环境建设", true),
            ("推行扫码入企", true),
            ("无障碍环境建设有序推进", true),
            ("【字体：大 中 小】【打印】", false),
            ("扫一扫在手机打开当前页", false),
        ];
        for (line, edge) in text {
            assert!(!is_chrome(line, edge), "{line}");
        }
    }

    #[test]
    fn keeps_labelled_dates_only() {
        let line = "来源: 海安高新区 发布时间:2024-03-27 10:15 累计次数:";
        let dates = labelled_dates(line, 100);
        assert_eq!(dates.len(), 1);
        assert_eq!(dates[0].label, "发布时间");
        assert_eq!(
            dates[0].date,
            Date {
                year: 2024,
                month: 3,
                day: 27
            }
        );
        assert_eq!(
            dates[0].span.slice(&format!("{}{line}", " ".repeat(100))),
            "2024-03-27"
        );
        assert!(labelled_dates("今天是：2019年10月31日 星期三", 0).is_empty());
    }
}
