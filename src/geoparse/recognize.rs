//! Finding gazetteer names in normalised text with one Aho-Corasick automaton.
//!
//! The automaton holds every normalised name (and, for names with the
//! article, the contracted "لل" form that ل + ال produces). Matches are kept
//! only on whole words, allowing proclitics before the name; overlapping
//! matches are settled longest-first.

use crate::arabic::{is_word_char, PROCLITICS};
use crate::gazetteer::Gazetteer;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use thiserror::Error;

/// The automaton could not be built (only on absurd gazetteers).
#[derive(Debug, Error)]
#[error("cannot build the name automaton over {patterns} names: {source}")]
pub struct RecognizerError {
    patterns: usize,
    source: aho_corasick::BuildError,
}

/// One automaton pattern: which name it stands for.
#[derive(Debug, Clone)]
struct Pattern {
    /// The normalised gazetteer name (key into the Arabic index).
    name: String,
    /// Position of the name in [`Gazetteer::arabic_names`].
    name_index: usize,
    /// True for the contracted "لل…" form of an article name.
    lam_form: bool,
}

/// A name found in the text, before resolution. It borrows the name from
/// the recogniser, so a hit costs no allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch<'r> {
    /// Byte offset (normalised text) where the word holding the name starts.
    pub word_start: usize,
    /// Byte offset where the name itself starts (after proclitics).
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// The normalised gazetteer name.
    pub name: &'r str,
    /// Position of the name in [`Gazetteer::arabic_names`] (of the
    /// gazetteer the recogniser was built over).
    pub name_index: usize,
    /// Proclitics stripped from the front (e.g. "وب"), normalised.
    pub proclitic: &'static str,
}

/// Occurrences of a recogniser's extra words in a text: (word index,
/// start, end), overlapping ones included.
pub type WordHits = Vec<(usize, usize, usize)>;

/// The name recogniser: one automaton over every gazetteer name, and over
/// any extra words later stages look for, so the text is scanned once.
#[derive(Debug, Clone)]
pub struct Recognizer {
    automaton: AhoCorasick,
    /// The names; pattern ids past them are extra words.
    patterns: Vec<Pattern>,
}

impl Recognizer {
    /// Build the automaton over all Arabic names of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Result<Self, RecognizerError> {
        Self::with_words(gazetteer, &[])
    }

    /// Build the automaton over all Arabic names of `gazetteer` and the
    /// extra `words` (found anywhere, not only as whole words).
    pub fn with_words(gazetteer: &Gazetteer, words: &[&str]) -> Result<Self, RecognizerError> {
        let mut patterns = Vec::new();
        for (name_index, (name, _)) in gazetteer.arabic_names().enumerate() {
            patterns.push(Pattern { name: name.to_string(), name_index, lam_form: false });
            if let Some(rest) = name.strip_prefix("ال") {
                if rest.chars().count() >= 2 {
                    patterns.push(Pattern { name: name.to_string(), name_index, lam_form: true });
                }
            }
        }
        let mut texts: Vec<String> = patterns
            .iter()
            .map(|p| if p.lam_form { format!("لل{}", &p.name["ال".len()..]) } else { p.name.clone() })
            .collect();
        texts.extend(words.iter().map(|w| w.to_string()));
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .dense_depth(6)
            .build(&texts)
            .map_err(|source| RecognizerError { patterns: texts.len(), source })?;
        Ok(Recognizer { automaton, patterns })
    }

    /// All whole-word name matches in `text` (normalised), longest first,
    /// without overlaps, in text order.
    ///
    /// ```
    /// use hudud::{arabic::normalize, gazetteer::Gazetteer, geoparse::Recognizer};
    /// let g = Gazetteer::builtin().unwrap();
    /// let r = Recognizer::new(&g).unwrap();
    /// let n = normalize("اشتباكات بالحسكة");
    /// let m = r.find(&n.text);
    /// assert_eq!(m[0].name, "الحسكه");
    /// assert_eq!(m[0].proclitic, "ب");
    /// ```
    pub fn find(&self, text: &str) -> Vec<RawMatch<'_>> {
        self.find_with_words(text).0
    }

    /// [`Recognizer::find`], and the occurrences of the extra words.
    pub fn find_with_words(&self, text: &str) -> (Vec<RawMatch<'_>>, WordHits) {
        let mut found: Vec<RawMatch> = Vec::new();
        let mut words: WordHits = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let pattern = m.pattern().as_usize();
            match pattern.checked_sub(self.patterns.len()) {
                Some(word) => words.push((word, m.start(), m.end())),
                None => found.extend(self.accept(text, pattern, m.start(), m.end())),
            }
        }
        // Longest reading first (proclitics included), then fewer proclitics.
        found.sort_by(|a, b| {
            (b.end - b.word_start)
                .cmp(&(a.end - a.word_start))
                .then((a.start - a.word_start).cmp(&(b.start - b.word_start)))
                .then(a.start.cmp(&b.start))
        });
        // Kept spans are disjoint, so the one starting last before a
        // candidate's end is the only one it can overlap: a map keeps this
        // check logarithmic however many names a text holds.
        let mut spans: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        let mut kept: Vec<RawMatch> = Vec::new();
        for m in found {
            let overlaps = spans.range(..m.end).next_back().is_some_and(|(_, &end)| end > m.word_start);
            if !overlaps {
                spans.insert(m.word_start, m.end);
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.start);
        (kept, words)
    }

    /// Raw automaton hits in `text`, before any word-boundary check: the
    /// cost floor of recognition, for benchmarks.
    pub fn count_matches(&self, text: &str) -> usize {
        self.automaton.find_overlapping_iter(text).count()
    }

    /// Keep a raw automaton hit only if it is a whole word (proclitics allowed).
    fn accept(&self, text: &str, pattern: usize, start: usize, end: usize) -> Option<RawMatch<'_>> {
        let p = &self.patterns[pattern];
        if text[end..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        let word_start = crate::arabic::word_start(text, start);
        let prefix = &text[word_start..start];
        let proclitic = if p.lam_form { lam_form_proclitic(prefix)? } else { listed_proclitic(prefix)? };
        Some(RawMatch { word_start, start, end, name: &p.name, name_index: p.name_index, proclitic })
    }
}

/// The proclitics a prefix stands for before the contracted "لل" form:
/// the ل of "لل" itself, after nothing, و or ف (see
/// [`crate::arabic::LAM_PROCLITICS`]); `None` for any other prefix.
fn lam_form_proclitic(prefix: &str) -> Option<&'static str> {
    match prefix {
        "" => Some("ل"),
        "و" => Some("ول"),
        "ف" => Some("فل"),
        _ => None,
    }
}

/// The prefix itself when it is empty or a proclitic sequence, as a
/// static string; `None` otherwise.
fn listed_proclitic(prefix: &str) -> Option<&'static str> {
    if prefix.is_empty() {
        return Some("");
    }
    PROCLITICS.iter().copied().find(|&p| p == prefix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Place;

    fn gaz(names: &[&str]) -> Gazetteer {
        let places = names
            .iter()
            .enumerate()
            .map(|(i, n)| Place {
                id: format!("cur:{i}"),
                name_ar: n.to_string(),
                name_en: String::new(),
                alt_ar: vec![],
                alt_latin: vec![],
                lat: 35.0,
                lon: 40.0,
                feature_type: "village".into(),
                feature_code: String::new(),
                country: "SY".into(),
                admin1: String::new(),
                population: 0,
                geonameid: None,
                source: String::new(),
                admin: [None; 3],
            })
            .collect();
        Gazetteer::from_places(places, crate::gazetteer::WordFreq::default())
    }

    fn names(g: &Gazetteer, text: &str) -> Vec<String> {
        let r = Recognizer::new(g).unwrap();
        r.find(&crate::arabic::normalize(text).text).into_iter().map(|m| m.name.to_string()).collect()
    }

    #[test]
    fn longest_multiword_name_wins() {
        let g = gaz(&["دير الزور", "الزور"]);
        assert_eq!(names(&g, "بريف دير الزور الشرقي"), vec!["دير الزور"]);
    }

    #[test]
    fn inside_a_word_is_not_a_match() {
        let g = gaz(&["كمال"]);
        assert!(names(&g, "البوكمال").is_empty());
    }

    #[test]
    fn suffix_breaks_the_match() {
        let g = gaz(&["العراق"]);
        assert!(names(&g, "القوات العراقية").is_empty());
    }

    #[test]
    fn whole_form_beats_stripped_form() {
        let g = gaz(&["لبنان", "بنان"]);
        assert_eq!(names(&g, "في لبنان"), vec!["لبنان"]);
    }

    #[test]
    fn lam_lam_contraction_matches() {
        let g = gaz(&["الرقة"]);
        assert_eq!(names(&g, "وصل وللرقة"), vec!["الرقه"]);
    }

    #[test]
    fn joined_spelling_matches() {
        let g = gaz(&["دير خبية"]);
        assert_eq!(names(&g, "منها ديرخبية"), vec!["ديرخبيه"]);
    }

    #[test]
    fn static_proclitics_agree_with_the_lists() {
        use crate::arabic::{is_proclitic, LAM_PROCLITICS};
        let mut prefixes: Vec<&str> = vec!["", "ال", "لل", "ب ", "x"];
        prefixes.extend(PROCLITICS);
        for prefix in prefixes {
            let lam_allowed = prefix.is_empty() || LAM_PROCLITICS.contains(&prefix);
            assert_eq!(lam_form_proclitic(prefix).map(String::from), lam_allowed.then(|| format!("{prefix}ل")));
            let allowed = prefix.is_empty() || is_proclitic(prefix);
            assert_eq!(listed_proclitic(prefix), allowed.then_some(prefix));
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        let g = gaz(&["دمشق"]);
        for t in ["", "\u{0640}\u{064E}", "دمشق\u{200F}", "ب", "🙂دمشق🙂", "a\u{0301}دمشق"] {
            let _ = names(&g, t);
        }
    }
}
