//! `doubled-char`: a character typed twice (`经济特特区`). Segmentation tells the typo
//! from the word: a doubled character is flagged only where the pair straddles a word
//! boundary and one of the two stands alone as a one-character word (`特|特区`). Pairs
//! inside one word (`常常`, `人人`) and pairs split across two real words (`工作|作风`,
//! `学习|习近平`) are left alone, as are doubled numerals (`十五五`); `allow` lists further legitimate pairs, or longer
//! phrases around a pair (`会会议`: 常委会会议).
//!
//! With `words: true`, a word typed twice is flagged too (`法治法治建设`, `审查合同合同42份`):
//! two neighbouring segments of two to four characters that are the same word. A verb
//! said twice (`研究研究`, `讨论讨论`) is reduplication, real usage: the segmenter's part
//! of speech decides.
//!
//! ```yaml
//! check:
//!   doubled-char: { allow: [常常, 层层], words: true }
//! ```

use super::criteria::han_count;
use super::kinds::{DocumentKind, Kind};
use super::scope::{Hit, Scope};
use crate::pack::{Compiling, PackResult};
use crate::span::Span;
use serde::Deserialize;

/// A `doubled-char` check as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawDoubledChar {
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub words: bool,
}

/// A compiled `doubled-char` check.
#[derive(Clone, Debug, Default)]
pub struct DoubledCharCheck {
    /// Pairs that are words (`常常`).
    pub allow: Vec<String>,
    /// Also flag a word typed twice.
    pub words: bool,
}

impl Kind for DoubledCharCheck {
    const NAME: &'static str = "doubled-char";
    const LABEL: &'static str = "重复字";
    type Raw = RawDoubledChar;

    fn compile(raw: &RawDoubledChar, _: &Compiling<'_>) -> PackResult<Self> {
        Ok(DoubledCharCheck {
            allow: raw.allow.clone(),
            words: raw.words,
        })
    }
}

impl DocumentKind for DoubledCharCheck {
    /// Every suspicious doubled character in the body.
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let text = cx.text();
        let body = cx.outline.body;
        let words = cx.hay.words;
        let mut hits = Vec::new();
        let mut prev: Option<(usize, char)> = None;
        for (i, c) in body.slice(text).char_indices() {
            let at = body.start + i;
            if let Some((p, pc)) = prev
                && pc == c
                && han_count(c.encode_utf8(&mut [0; 4])) == 1
                && !NUMERALS.contains(c)
            {
                let len = c.len_utf8();
                let pair = &text[p..at + len];
                let first_alone = words.starts_at(p) && words.starts_at(at);
                let second_alone = words.starts_at(at) && words.starts_at(at + len);
                if (first_alone || second_alone) && !self.allowed(text, p, pair) {
                    let span = Span::new(p, at + len);
                    let context = context(text, span);
                    hits.push(Hit::at(
                        Some(span),
                        format!("“{context}”中“{c}”字连续出现两次，疑为笔误"),
                    ));
                }
            }
            prev = Some((at, c));
        }
        if self.words {
            hits.extend(self.doubled_words(cx));
        }
        hits.sort_by_key(|h| h.span);
        hits
    }
}

impl DoubledCharCheck {
    /// Words of two to four characters typed twice in a row, verbs excepted.
    fn doubled_words(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let text = cx.text();
        let body = cx.outline.body;
        let words = cx.hay.words;
        let mut hits = Vec::new();
        let mut skip_to = 0;
        for (i, _) in body.slice(text).char_indices() {
            let at = body.start + i;
            if at < skip_to || !words.starts_at(at) {
                continue;
            }
            for chars in 2..=4 {
                let Some(len) = text[at..].char_indices().nth(chars).map(|(k, _)| k) else {
                    break;
                };
                let word = &text[at..at + len];
                if at + 2 * len > body.end
                    || !text[at + len..].starts_with(word)
                    || han_count(word) != chars
                    || !words.starts_at(at + len)
                    || !words.starts_at(at + 2 * len)
                {
                    continue;
                }
                let pair = &text[at..at + 2 * len];
                let verb = cx
                    .segmenter
                    .part_of_speech(word)
                    .is_some_and(|pos| pos.starts_with('v'));
                if verb || self.allowed(text, at, pair) {
                    continue;
                }
                let span = Span::new(at, at + 2 * len);
                hits.push(Hit::at(
                    Some(span),
                    format!("“{}”中“{word}”连续出现两次，疑为笔误", context(text, span)),
                ));
                skip_to = span.end;
                break;
            }
        }
        hits
    }
}

impl DoubledCharCheck {
    /// Whether an `allow` entry covers the pair at `at` (an entry may be longer than
    /// the pair: `会会议` allows `常委会会议`).
    fn allowed(&self, text: &str, at: usize, pair: &str) -> bool {
        self.allow.iter().any(|a| {
            a.match_indices(pair).any(|(k, _)| {
                at.checked_sub(k)
                    .and_then(|start| text.get(start..start + a.len()))
                    .is_some_and(|t| t == a)
            })
        })
    }
}

/// Chinese numerals: a doubled one is a number (`十五五`, `二〇二二`), not a typo.
const NUMERALS: &str = "〇零一二两三四五六七八九十百千万亿";

/// The pair with a Chinese character on each side, where there is one.
fn context(text: &str, span: Span) -> &str {
    let is_han = |c: &char| han_count(c.encode_utf8(&mut [0; 4])) == 1;
    let start = text[..span.start]
        .chars()
        .next_back()
        .filter(is_han)
        .map_or(span.start, |c| span.start - c.len_utf8());
    let end = text[span.end..]
        .chars()
        .next()
        .filter(is_han)
        .map_or(span.end, |c| span.end + c.len_utf8());
    &text[start..end]
}
