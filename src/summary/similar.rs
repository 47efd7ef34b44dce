//! Near-copies: the passages of the compared elements cut into jieba tokens, every
//! `shingle` consecutive tokens hashed, and two passages compared by the Jaccard
//! similarity of their shingle sets. An inverted index from shingle to passages means
//! only passages that share shingles are paired.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::{Row, Similar};
use crate::check::Checked;
use crate::pack::Similarity;
use crate::segment::Segmenter;

/// The shingle hashes of one element's passage in one report.
pub(super) fn shingles(c: &Checked, rule: &str, size: usize, segmenter: &Segmenter) -> Vec<u64> {
    let Some(span) = c
        .elements
        .iter()
        .find(|e| e.rule == rule)
        .and_then(|e| e.span)
    else {
        return Vec::new();
    };
    let tokens = segmenter.tokens(span.slice(&c.document.text));
    let mut out: Vec<u64> = tokens
        .windows(size.min(tokens.len().max(1)))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Shingles shared by more passages than this are stock phrases, not evidence.
const MAX_POSTINGS: usize = 64;

/// Passages shorter than this many shingles are too short to call copies.
pub(super) const MIN_SHINGLES: usize = 8;

pub(super) fn jaccard(shared: usize, a: usize, b: usize) -> f64 {
    shared as f64 / (a + b - shared) as f64
}

pub(super) fn within(
    rows: &[Row],
    sets: &[Vec<u64>],
    title: &str,
    sim: &Similarity,
) -> Vec<Similar> {
    let pair = |a: usize, b: usize, similarity: f64| Similar {
        element: title.to_owned(),
        a: rows[a].path.clone(),
        b: rows[b].path.clone(),
        similarity,
        previous: false,
    };
    // Identical passages first (one paragraph copied by many units): each copy is
    // paired with the first, so mass copying is reported without pairing every two.
    let mut identical: HashMap<&[u64], Vec<usize>> = HashMap::new();
    for (d, set) in sets
        .iter()
        .enumerate()
        .filter(|(_, s)| s.len() >= MIN_SHINGLES)
    {
        identical.entry(set.as_slice()).or_default().push(d);
    }
    let mut groups: Vec<Vec<usize>> = identical.into_values().collect();
    groups.sort();
    let mut out: Vec<Similar> = groups
        .iter()
        .flat_map(|g| g[1..].iter().map(|&b| pair(g[0], b, 1.0)))
        .collect();
    // Then near-copies among one passage of each group.
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for d in groups.iter().map(|g| g[0]) {
        for h in &sets[d] {
            index.entry(*h).or_default().push(d);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    // A shingle in very many passages is a stock phrase; it says nothing about copying
    // and would make pairing quadratic.
    for docs in index.values().filter(|d| d.len() <= MAX_POSTINGS) {
        for (i, &a) in docs.iter().enumerate() {
            for &b in &docs[i + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    out.extend(
        shared
            .into_iter()
            .map(|((a, b), n)| (a, b, jaccard(n, sets[a].len(), sets[b].len())))
            .filter(|&(_, _, s)| s >= sim.threshold)
            .map(|(a, b, s)| pair(a, b, s)),
    );
    out
}
