//! Traditional script (`第一責任人`, `法製審核`), as copy sites republish reports: matched
//! on a copy folded to simplified characters. The copy keeps every character's place and
//! UTF-8 length, so a span found in it means the same in the original text.

use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// Characters common in these reports that only traditional script writes: the cheap
/// test that decides whether a text is converted at all.
const TRADITIONAL: &str = "這們與為會國說對從進過時實現發當開關於區縣鎮務構責職體還個來機導議記審執設條規續報級論範權總決書黨領務檢訴訟監處罰條辦據應證屬專項彙參幹";

static TRADITIONAL_SORTED: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = TRADITIONAL.chars().collect();
    v.sort_unstable();
    v.dedup();
    v
});

fn is_traditional(c: char) -> bool {
    c >= '\u{4e00}' && TRADITIONAL_SORTED.binary_search(&c).is_ok()
}

/// Folds traditional characters to simplified ones.
pub struct Folder {
    opencc: Option<OpenCC>,
}

impl std::fmt::Debug for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folder").finish_non_exhaustive()
    }
}

impl Default for Folder {
    fn default() -> Self {
        Folder::new()
    }
}

impl Folder {
    /// The converter, with OpenCC's traditional-to-simplified tables (built into the
    /// binary; nothing is read from disk).
    pub fn new() -> Folder {
        Folder {
            opencc: OpenCC::from_config(BuiltinConfig::T2s).ok(),
        }
    }

    /// A copy of `text` in simplified characters with every character in its place, or
    /// `None` when the text has no traditional characters.
    pub fn fold(&self, text: &str) -> Option<String> {
        let opencc = self.opencc.as_ref()?;
        let traditional = text.chars().filter(|&c| is_traditional(c)).take(2).count();
        if traditional < 2 {
            return None;
        }
        let converted = opencc.convert(text);
        if converted == text {
            return None;
        }
        let same_shape = converted.chars().count() == text.chars().count();
        let mut out = String::with_capacity(text.len());
        if same_shape {
            for (o, c) in text.chars().zip(converted.chars()) {
                out.push(if o.len_utf8() == c.len_utf8() { c } else { o });
            }
        } else {
            // A phrase converted to a different length: fold one character at a time.
            let mut buf = [0; 4];
            for o in text.chars() {
                let one = opencc.convert(o.encode_utf8(&mut buf));
                let mut chars = one.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if c.len_utf8() == o.len_utf8() => out.push(c),
                    _ => out.push(o),
                }
            }
        }
        debug_assert_eq!(out.len(), text.len());
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_in_place() {
        let f = Folder::new();
        let text =
            "街道黨工委書記認真履行推進法治建設第一責任人職責，落實重大執法決定法製審核制度。";
        let folded = f.fold(text).expect("traditional");
        assert_eq!(
            folded,
            "街道党工委书记认真履行推进法治建设第一责任人职责，落实重大执法决定法制审核制度。"
        );
        assert_eq!(folded.len(), text.len());
        assert!(text.char_indices().all(|(i, _)| folded.is_char_boundary(i)));
        assert_eq!(f.fold("街道党工委书记认真履行职责。"), None);
    }
}
