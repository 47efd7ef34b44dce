//! Stable fingerprints of findings, for SARIF's `partialFingerprints` (and baselines):
//! a finding keeps its fingerprint when text elsewhere in the report is edited, because
//! it is built from the rule id, the criterion and the finding's own text — the words at
//! its span with spacing and punctuation removed — never from line numbers. Identical
//! findings in one document are told apart by their order.

use crate::report::Finding;

/// Characters of the finding's own text that go into its fingerprint.
const MAX_CHARS: usize = 64;

/// One fingerprint per finding, in the findings' order: 16 hex digits and, for the
/// second and later identical findings, `:n`.
pub fn fingerprints(text: &str, findings: &[Finding]) -> Vec<String> {
    let mut seen: Vec<u64> = Vec::with_capacity(findings.len());
    findings
        .iter()
        .map(|f| {
            let hash = hash(f, text);
            let n = seen.iter().filter(|h| **h == hash).count();
            seen.push(hash);
            if n == 0 {
                format!("{hash:016x}")
            } else {
                format!("{hash:016x}:{n}")
            }
        })
        .collect()
}

/// FNV-1a over the rule, criterion and normalised local text.
fn hash(f: &Finding, text: &str) -> u64 {
    let local: String = match f.span {
        Some(s) => {
            let words: String = s
                .slice(text)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(MAX_CHARS)
                .collect();
            if words.is_empty() {
                // Only symbols (a stray `|`, `××`): add the words of the line around it.
                let start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
                let end = text[s.end..].find('\n').map_or(text.len(), |i| s.end + i);
                let line: String = text[start..end]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .take(MAX_CHARS)
                    .collect();
                format!("{}\u{0}{line}", s.slice(text))
            } else {
                words
            }
        }
        None => f.message.clone(),
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        f.rule.as_str(),
        f.criterion.as_deref().unwrap_or(""),
        &local,
    ] {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;
    use crate::span::Span;

    fn finding(rule: &str, span: Span) -> Finding {
        Finding {
            rule: rule.to_owned(),
            criterion: None,
            severity: Severity::Warning,
            message: "m".to_owned(),
            help: None,
            span: Some(span),
            labels: Vec::new(),
            fingerprint: String::new(),
            fix: None,
            restyle: None,
        }
    }

    #[test]
    fn survives_edits_elsewhere_and_separates_repeats() {
        let before = "一、工作\n登录公式平台。\n";
        let after = "一、2023年工作情况\n新增一段。\n登录公式平台。\n";
        let at = |t: &str| {
            let i = t.find("公式平台").unwrap();
            Span::new(i, i + "公式平台".len())
        };
        let a = fingerprints(before, &[finding("p/x", at(before))]);
        let b = fingerprints(after, &[finding("p/x", at(after))]);
        assert_eq!(a, b);
        let other = fingerprints(after, &[finding("p/y", at(after))]);
        assert_ne!(a, other);
        let twice = fingerprints(
            after,
            &[finding("p/x", at(after)), finding("p/x", at(after))],
        );
        assert_eq!(twice[1], format!("{}:1", twice[0]));
    }
}
