//! Fixed word lists found in one pass: every list of a module goes into one
//! Aho-Corasick automaton, so a sentence is scanned once instead of once
//! per word (`str::contains` builds a searcher per call, which profiling
//! showed to cost more than the whole place-name scan).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// One occurrence of a list entry in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<T> {
    /// The tag the entry was registered with.
    pub tag: T,
    /// Index of the entry among all entries, in registration order.
    pub entry: usize,
    /// Byte offset where the occurrence starts.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

/// Tagged literal entries, searched together.
#[derive(Debug, Clone)]
pub struct Lexicon<T> {
    automaton: AhoCorasick,
    tags: Vec<T>,
}

impl<T: Copy> Lexicon<T> {
    /// Build from `(entry, tag)` pairs. The entries are the crate's own
    /// constant lists, so a failure is a programming error.
    pub fn new(entries: &[(&str, T)]) -> Self {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(entries.iter().map(|(e, _)| e))
            .unwrap_or_else(|e| panic!("built-in word lists do not build an automaton: {e}"));
        Lexicon { automaton, tags: entries.iter().map(|(_, t)| *t).collect() }
    }

    /// True when any entry occurs in `text`.
    pub fn has_any(&self, text: &str) -> bool {
        self.automaton.is_match(text)
    }

    /// Every occurrence of every entry, overlapping ones included, ordered
    /// by end then entry (the automaton's order).
    ///
    /// ```
    /// use hudud::incidents::Lexicon;
    /// let lex = Lexicon::new(&[("قتل", 1), ("مقتل", 2)]);
    /// let tags: Vec<i32> = lex.find_all("نبا مقتل").iter().map(|h| h.tag).collect();
    /// assert_eq!(tags, vec![2, 1]);
    /// ```
    pub fn find_all(&self, text: &str) -> Vec<Hit<T>> {
        self.automaton
            .find_overlapping_iter(text)
            .map(|m| {
                let entry = m.pattern().as_usize();
                Hit { tag: self.tags[entry], entry, start: m.start(), end: m.end() }
            })
            .collect()
    }
}
/// True when `text` starts with one of `prefixes`. Each is compared only
/// when its first two bytes are the text's (an Arabic letter is two bytes):
/// most are not, and a byte pair costs less than a string comparison.
///
/// ```
/// use hudud::incidents::starts_with_any;
/// assert!(starts_with_any("في سياق متصل، قتل", &["الي ذلك", "في سياق"]));
/// assert!(!starts_with_any("قتل", &["في سياق"]));
/// ```
pub fn starts_with_any(text: &str, prefixes: &[&str]) -> bool {
    let head = text.as_bytes().get(..2);
    prefixes.iter().any(|p| p.as_bytes().get(..2).is_none_or(|h| Some(h) == head) && text.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_any_agrees_with_starts_with() {
        let pieces = ["في", " ", "سياق", "ف", "ا", "x", "xy", "،", ""];
        let prefixes = ["في سياق", "ف", "", "x", "فيx", "ا"];
        let mut rng = crate::corpus::Rng::new(5);
        for _ in 0..3000 {
            let text: String = (0..rng.below(6)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let list = &prefixes[..rng.below(prefixes.len() + 1)];
            assert_eq!(starts_with_any(&text, list), list.iter().any(|p| text.starts_with(p)), "{text:?} {list:?}");
        }
    }
}
