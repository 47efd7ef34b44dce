//! miette's graphical reports, in Chinese.
//!
//! miette writes a fixed English `help:` before a diagnostic's help; here it becomes
//! `建议：`, which takes the same six columns, so wrapped lines stay aligned. The codes
//! of run errors (`reportlint::pack`, …) name no rule and repeat what the message says,
//! so they are left out; rule ids (`fzzfjs/shortcomings`) stay.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, ReportHandler, Severity,
    SourceCode,
};

/// Renders diagnostics as miette's graphical handler does, with Chinese labels.
#[derive(Debug, Clone)]
pub struct Handler {
    inner: GraphicalReportHandler,
}

impl Handler {
    /// A handler for `width` columns, in colour or not, showing `context` lines around
    /// each excerpt.
    pub fn new(color: bool, width: usize, context: usize) -> Handler {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Handler {
            inner: GraphicalReportHandler::new_themed(theme)
                .with_width(width)
                .with_context_lines(context),
        }
    }

    /// Render one diagnostic.
    pub fn render(&self, out: &mut impl fmt::Write, diagnostic: &dyn Diagnostic) -> fmt::Result {
        let mut s = String::new();
        self.inner.render_report(&mut s, &Chinese(diagnostic))?;
        out.write_str(&relabel_help(&s))
    }
}

impl ReportHandler for Handler {
    fn debug(&self, diagnostic: &dyn Diagnostic, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return fmt::Debug::fmt(diagnostic, f);
        }
        self.render(f, diagnostic)
    }
}

/// miette's `  help: ` (after any colour codes) at the start of a line as `  建议：`.
/// Wrapped help lines are indented further, so text that merely starts with `help:`
/// is left alone.
fn relabel_help(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        let mut rest = line;
        while let Some(r) = rest.strip_prefix('\u{1b}') {
            rest = r.find('m').map_or(r, |i| &r[i + 1..]);
        }
        match rest.strip_prefix("  help: ") {
            Some(after) => {
                out.push_str(&line[..line.len() - rest.len()]);
                out.push_str("  建议：");
                out.push_str(after);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// A diagnostic as shown: everything but a run error's code.
struct Chinese<'a>(&'a dyn Diagnostic);

impl fmt::Debug for Chinese<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Chinese<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl std::error::Error for Chinese<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl Diagnostic for Chinese<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let code = self.0.code()?;
        if code.to_string().starts_with("reportlint::") {
            None
        } else {
            Some(code)
        }
    }

    fn severity(&self) -> Option<Severity> {
        self.0.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.help()
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        self.0.related()
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.0.diagnostic_source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error, miette::Diagnostic)]
    #[error("规则包 a.yaml 有误")]
    #[diagnostic(
        code(reportlint::pack),
        help("请逐条列出具体问题（一是……二是……），每条写明表现在哪里，并分析原因")
    )]
    struct Sample;

    #[test]
    fn help_label_is_chinese_and_run_error_codes_are_left_out() {
        for color in [false, true] {
            let mut s = String::new();
            Handler::new(color, 40, 0).render(&mut s, &Sample).unwrap();
            assert!(s.contains("建议："), "{s}");
            assert!(!s.contains("help:"), "{s}");
            assert!(!s.contains("reportlint::pack"), "{s}");
            if !color {
                // Wrapped lines start under the help text, as after miette's `help: `.
                let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
                let help = lines.iter().position(|l| l.contains("建议：")).unwrap();
                assert!(lines.len() > help + 1, "{s}");
                assert!(
                    lines[help + 1].starts_with("        ")
                        && !lines[help + 1].starts_with("         ")
                );
            }
        }
    }

    #[test]
    fn only_line_starts_are_relabelled() {
        assert_eq!(
            relabel_help("  help: 甲\n 3 │ help: 乙\n        help: 丙\n"),
            "  建议：甲\n 3 │ help: 乙\n        help: 丙\n"
        );
        assert_eq!(
            relabel_help("\u{1b}[36m  help: \u{1b}[0m丙"),
            "\u{1b}[36m  建议：\u{1b}[0m丙"
        );
    }
}
