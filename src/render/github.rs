//! `--format github`: GitHub Actions workflow commands, one line per finding —
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` — which the
//! runner shows as annotations on the pull request. `info` becomes `notice`; a finding
//! without a place is a file-level annotation. Columns count characters.

use std::io::{self, Write};

use crate::check::Checked;
use crate::report::Severity;

/// Write one workflow command per finding, documents in order.
pub fn render(out: &mut dyn Write, checked: &[Checked]) -> io::Result<()> {
    for c in checked {
        let doc = &c.document;
        let file = property(&doc.path.replace('\\', "/"));
        for f in &c.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = format!("file={file}");
            if let Some(span) = f.span {
                let start = doc.lines.position(&doc.text, span.start);
                let end = doc.lines.position(&doc.text, span.end);
                props.push_str(&format!(
                    ",line={},col={},endLine={},endColumn={}",
                    start.line, start.column, end.line, end.column
                ));
            }
            props.push_str(&format!(",title={}", property(&f.rule)));
            let mut message = f.message.clone();
            if let Some(help) = &f.help {
                message.push_str(&format!("\n建议：{help}"));
            }
            writeln!(out, "::{command} {props}::{}", data(&message))?;
        }
    }
    Ok(())
}

/// Escape a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(data("50%\n下一行"), "50%25%0A下一行");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
