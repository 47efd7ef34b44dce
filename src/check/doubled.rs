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
    /// Every suspicious doubled character in the body; a character repeated three
    /// times or more is one finding for the whole run (a stuck key, a pasted fill).
    fn run(&self, cx: &Scope<'_>) -> Vec<Hit> {
        let text = cx.text();
        let body = cx.outline.body;
        let words = cx.hay.words;
        let mut hits = Vec::new();
        // Runs of one character: (start, char, count), the last one still open.
        let mut run: Option<(usize, char, usize)> = None;
        let chars = body
            .slice(text)
            .char_indices()
            .map(|(i, c)| (body.start + i, Some(c)))
            .chain(std::iter::once((body.end, None)));
        for (at, c) in chars {
            if let (Some((_, rc, n)), Some(c)) = (run.as_mut(), c)
                && *rc == c
            {
                *n += 1;
                continue;
            }
            if let Some((start, rc, n)) = run.take()
                && n >= 2
                && han_count(rc.encode_utf8(&mut [0; 4])) == 1
                && !NUMERALS.contains(rc)
            {
                hits.extend(self.repeated(text, words, start, rc, n));
            }
            run = c.map(|c| (at, c, 1));
        }
        if self.words {
            hits.extend(self.doubled_words(cx));
        }
        hits.sort_by_key(|h| h.span);
        hits
    }
}

impl DoubledCharCheck {
    /// The finding for `n` copies of `c` from `start`: a pair that straddles a word
    /// boundary with one of the two standing alone (`特|特区`), or any longer run.
    fn repeated(
        &self,
        text: &str,
        words: &crate::segment::Words,
        start: usize,
        c: char,
        n: usize,
    ) -> Option<Hit> {
        let len = c.len_utf8();
        let span = Span::new(start, start + n * len);
        if n > 2 {
            return Some(Hit::at(
                Some(span),
                format!("“{c}”字连续出现 {n} 次，疑为笔误或误粘贴"),
            ));
        }
        let at = start + len;
        let pair = span.slice(text);
        let first_alone = words.starts_at(start) && words.starts_at(at);
        let second_alone = words.starts_at(at) && words.starts_at(at + len);
        ((first_alone || second_alone) && !self.allowed(text, start, pair)).then(|| {
            Hit::at(
                Some(span),
                format!("“{}”中“{c}”字连续出现两次，疑为笔误", context(text, span)),
            )
        })
    }

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
                // One character over and over is a run, reported as one.
                let mut cs = word.chars();
                let first = cs.next();
                if cs.all(|c| Some(c) == first) {
                    continue;
                }
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
