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
