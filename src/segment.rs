//! Word segmentation with one shared jieba instance.
//!
//! Segmentation makes term matching accurate where raw substrings are not: `区长` must
//! not be found in `社区长远`, nor `局长` in `副局长`. A term list therefore matches only
//! where a word starts. Every term a pack names is added to the dictionary as a user
//! word, so that `第一责任人` or `党工委书记` stay one word. The [`Segmenter`] is built
//! once per run (loading the dictionary takes tens of milliseconds) and shared across
//! threads; each document is segmented once into a [`Words`] index.

use jieba_rs::Jieba;

/// The shared segmenter: jieba's default dictionary plus the packs' terms.
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

impl Segmenter {
    /// Load the default dictionary and add `terms` as user words.
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut jieba = Jieba::new();
        for term in terms {
            if !term.trim().is_empty() && term.chars().count() > 1 {
                jieba.add_word(term, None, None);
            }
        }
        Segmenter { jieba }
    }

    /// Segment `text` (in bounded pieces, see [`pieces`]) into an index of word starts.
    pub fn words(&self, text: &str) -> Words {
        let mut starts = Vec::with_capacity(text.len() / 4);
        for (offset, piece) in pieces(text) {
            for token in self.jieba.cut(piece, true) {
                starts.push(offset + token.byte_start);
            }
        }
        starts.push(text.len());
        Words { starts }
    }
}

impl Segmenter {
    /// The part of speech of a single word (`v`, `vn`, `n` …), where the dictionary
    /// reads it as one word.
    pub fn part_of_speech<'s>(&'s self, word: &'s str) -> Option<&'s str> {
        match self.jieba.tag(word, false).as_slice() {
            [one] => Some(one.tag),
            _ => None,
        }
    }

    /// The words of `text`, punctuation and spaces left out.
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<&'a str> {
        pieces(text)
            .flat_map(|(_, piece)| self.jieba.cut(piece, true))
            .map(|t| t.word)
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect()
    }
}

/// The most bytes segmented at once. Segmenting a whole line costs many times its
/// size; a report pasted as one 50 MB line would need gigabytes.
const MAX_PIECE: usize = 16 * 1024;

/// `text` cut into pieces of at most [`MAX_PIECE`] bytes, with their offsets: at line
/// ends, then after the last sentence end (`。！？；`) that keeps a piece within the
/// bound, else at a character boundary. Ordinary lines are one piece each, so word
/// boundaries are exactly those of segmenting line by line.
pub fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    std::iter::from_fn(move || {
        let rest = &text[offset..];
        if rest.is_empty() {
            return None;
        }
        let line = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let len = if line <= MAX_PIECE {
            line
        } else {
            let mut cut = MAX_PIECE;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            rest[..cut]
                .rfind(['。', '！', '？', '；', '\n'])
                .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
                .filter(|&end| end > MAX_PIECE / 4)
                .unwrap_or(cut)
        };
        let start = offset;
        offset += len;
        Some((start, &text[start..offset]))
    })
}

/// Where words start in one document's text (byte offsets, ascending).
#[derive(Clone, Debug, Default)]
pub struct Words {
    starts: Vec<usize>,
}

impl Words {
    /// Whether a word starts at this byte offset.
    pub fn starts_at(&self, offset: usize) -> bool {
        self.starts.binary_search(&offset).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_lines_and_long_lines_are_cut_at_sentence_ends() {
        let text = "第一行。\n第二行\n";
        let got: Vec<(usize, &str)> = pieces(text).collect();
        assert_eq!(got, [(0, "第一行。\n"), (13, "第二行\n")]);
        // One long line: every piece within the bound, cut after a sentence end, and
        // together they are the text.
        let line = "推进法治政府建设。".repeat(5000);
        let got: Vec<(usize, &str)> = pieces(&line).collect();
        assert!(got.len() > 1);
        assert!(
            got.iter()
                .all(|(_, p)| p.len() <= MAX_PIECE && p.ends_with('。'))
        );
        assert_eq!(got.iter().map(|(_, p)| *p).collect::<String>(), line);
        // No sentence end at all: cut at a character boundary.
        let run = "法".repeat(20_000);
        let got: Vec<(usize, &str)> = pieces(&run).collect();
        assert!(got.iter().all(|(_, p)| p.len() <= MAX_PIECE));
        assert_eq!(got.iter().map(|(_, p)| p.len()).sum::<usize>(), run.len());
    }

    #[test]
    fn word_starts_reject_substrings_inside_words() {
        let seg = Segmenter::new(["第一责任人", "党工委书记"]);
        let cases = [
            ("社区长远发展的规划部署", "区长", false),
            ("区长信箱", "区长", true),
            ("副局长带队调研", "局长", false),
            ("严格落实第一责任人职责", "第一责任人", true),
            ("街道党工委书记带头述法", "党工委书记", true),
            ("办公室主任听取汇报", "听取", true),
        ];
        for (text, term, expected) in cases {
            let words = seg.words(text);
            let at = text.find(term).unwrap();
            assert_eq!(words.starts_at(at), expected, "{term} in {text}");
        }
    }
}
