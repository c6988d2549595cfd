//! Finding gazetteer names in normalised text with one Aho-Corasick automaton.
//!
//! The automaton holds every normalised name (and, for names with the
//! article, the contracted "لل" form that ل + ال produces). Matches are kept
//! only on whole words, allowing proclitics before the name; overlapping
//! matches are settled longest-first.
//!
//! The automaton is daachorse's character-wise double array: it steps one
//! Arabic letter (two UTF-8 bytes) at a time, so over the ~45,000 names it
//! builds in about half the time of aho-corasick's contiguous NFA and scans
//! about three times as fast. It reports the same overlapping matches in the
//! same order (tests check this against aho-corasick).

use crate::arabic::{is_word_char, PROCLITICS};
use crate::gazetteer::Gazetteer;
use thiserror::Error;

// `build.rs` includes this module too, to build the automaton at compile
// time; writing one is for it (and the tests) only.
#[cfg_attr(not(test), allow(dead_code))]
#[path = "automaton.rs"]
mod automaton;
use automaton::{pattern_pieces, Automaton};

/// The automaton over the built-in gazetteer and [`crate::incidents::article_words`],
/// built by `build.rs` (empty if that failed).
static PREBUILT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/recognizer.bin"));

/// The automaton could not be built (only on absurd gazetteers).
#[derive(Debug, Error)]
#[error("cannot build the name automaton over {patterns} names: {reason}")]
pub struct RecognizerError {
    patterns: usize,
    reason: String,
}

/// One automaton pattern: which name it stands for.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// Position of the name in [`Gazetteer::arabic_names`].
    name_index: u32,
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
    automaton: Automaton,
    /// The names; pattern ids past them are extra words.
    patterns: Vec<Pattern>,
    /// Every name, one after another (one allocation rather than one per
    /// name); name `i` is `names[name_ends[i - 1]..name_ends[i]]`.
    names: String,
    name_ends: Vec<u32>,
}

impl Recognizer {
    /// Build the automaton over all Arabic names of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Result<Self, RecognizerError> {
        Self::with_words(gazetteer, &[])
    }

    /// Build the automaton over all Arabic names of `gazetteer` and the
    /// extra `words` (found anywhere, not only as whole words). The one
    /// `build.rs` made is used when its patterns are exactly these.
    pub fn with_words(gazetteer: &Gazetteer, words: &[&str]) -> Result<Self, RecognizerError> {
        let pieces = || pattern_pieces(gazetteer.arabic_names().map(|(n, _)| n), words.iter().copied());
        let automaton = match automaton::read_prebuilt(PREBUILT, pieces()) {
            Some(a) => a,
            None => {
                let texts: Vec<String> = pieces().map(|[a, b]| format!("{a}{b}")).collect();
                Automaton::build(&texts).map_err(|reason| RecognizerError { patterns: texts.len(), reason })?
            }
        };
        let (mut names, mut name_ends, mut patterns) = (String::new(), Vec::new(), Vec::new());
        for (i, (name, _)) in gazetteer.arabic_names().enumerate() {
            names.push_str(name);
            name_ends.push(names.len() as u32);
            patterns.push(Pattern { name_index: i as u32, lam_form: false });
            if automaton::lam_form_rest(name).is_some() {
                patterns.push(Pattern { name_index: i as u32, lam_form: true });
            }
        }
        Ok(Recognizer { automaton, patterns, names, name_ends })
    }

    /// Name `i` of [`Gazetteer::arabic_names`].
    fn name(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.name_ends[i - 1] as usize };
        &self.names[start..self.name_ends[i] as usize]
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
        self.automaton.for_each_match(text, |pattern, start, end| match pattern.checked_sub(self.patterns.len()) {
            Some(word) => words.push((word, start, end)),
            None => found.extend(self.accept(text, pattern, start, end)),
        });
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
        let mut n = 0;
        self.automaton.for_each_match(text, |_, _, _| n += 1);
        n
    }

    /// Keep a raw automaton hit only if it is a whole word (proclitics allowed).
    #[inline]
    fn accept(&self, text: &str, pattern: usize, start: usize, end: usize) -> Option<RawMatch<'_>> {
        let p = self.patterns[pattern];
        if text[end..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        let word_start = short_word_start(text, start)?;
        let prefix = &text[word_start..start];
        let proclitic = if p.lam_form { lam_form_proclitic(prefix)? } else { listed_proclitic(prefix)? };
        Some(RawMatch {
            word_start,
            start,
            end,
            name: self.name(p.name_index),
            name_index: p.name_index as usize,
            proclitic,
        })
    }
}

/// Longest proclitic sequence, in letters (see [`PROCLITICS`]).
const MAX_PROCLITIC_CHARS: usize = 2;

/// [`crate::arabic::word_start`] of `at`, or `None` when more than
/// [`MAX_PROCLITIC_CHARS`] word characters come before `at` in its word
/// (no proclitic is that long). Most raw hits are short names inside longer
/// words: this looks back three characters at most instead of to the
/// word's start.
#[inline]
fn short_word_start(text: &str, at: usize) -> Option<usize> {
    let mut start = at;
    let mut letters = 0;
    for (i, c) in text[..at].char_indices().rev() {
        if !is_word_char(c) {
            return Some(start);
        }
        letters += 1;
        if letters > MAX_PROCLITIC_CHARS {
            return None;
        }
        start = i;
    }
    Some(start)
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

    /// The pattern texts of a recogniser over `g` and `words`, joined.
    fn texts(g: &Gazetteer, words: &[&str]) -> Vec<String> {
        pattern_pieces(g.arabic_names().map(|(n, _)| n), words.iter().copied())
            .map(|[a, b]| format!("{a}{b}"))
            .collect()
    }

    /// The plain definition of the pattern texts, as the recogniser listed
    /// them before they were shared with `build.rs`.
    fn texts_by_definition(g: &Gazetteer, words: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for (name, _) in g.arabic_names() {
            out.push(name.to_string());
            if let Some(rest) = name.strip_prefix("ال") {
                if rest.chars().count() >= 2 {
                    out.push(format!("لل{rest}"));
                }
            }
        }
        out.extend(words.iter().map(|w| w.to_string()));
        out
    }

    const WORDS_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/geoparse/recognizer_words.txt");

    #[test]
    fn recognizer_words_file_lists_the_article_words() {
        let words = crate::incidents::article_words();
        assert!(words.iter().all(|w| !w.is_empty() && !w.contains('\n')));
        let want: String = words.iter().map(|w| format!("{w}\n")).collect();
        if std::env::var_os("HUDUD_UPDATE_RECOGNIZER_WORDS").is_some() {
            std::fs::write(WORDS_FILE, &want).unwrap();
        }
        let got = std::fs::read_to_string(WORDS_FILE).unwrap();
        assert!(got == want, "{WORDS_FILE} is stale: run the tests once with HUDUD_UPDATE_RECOGNIZER_WORDS=1");
    }

    #[test]
    fn prebuilt_automaton_is_the_one_built_at_run_time() {
        let g = Gazetteer::builtin().unwrap();
        let words = crate::incidents::article_words();
        let texts = texts(&g, &words);
        assert_eq!(texts, texts_by_definition(&g, &words));
        // Same patterns, same values, same double array, byte for byte.
        assert!(automaton::write_prebuilt(&texts).unwrap() == PREBUILT, "build.rs built another automaton");
        let pieces = pattern_pieces(g.arabic_names().map(|(n, _)| n), words.iter().copied());
        let prebuilt = automaton::read_prebuilt(PREBUILT, pieces).expect("the prebuilt automaton is used");
        let built = Automaton::build(&texts).unwrap();
        let r = Recognizer::with_words(&g, &words).unwrap();
        for (i, (name, _)) in g.arabic_names().enumerate() {
            assert_eq!(r.name(i as u32), name);
        }
        for dir in ["samples/articles", "samples/eval2"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let n = crate::arabic::normalize(&std::fs::read_to_string(entry.path()).unwrap_or_default()).text;
                assert_eq!(matches(&prebuilt, &n), matches(&built, &n));
                assert_eq!(matches(&r.automaton, &n), matches(&built, &n));
            }
        }
    }

    #[test]
    fn prebuilt_automaton_is_refused_for_other_patterns() {
        let g = Gazetteer::builtin().unwrap();
        let words = crate::incidents::article_words();
        let names = || g.arabic_names().map(|(n, _)| n);
        let read = |pieces: Vec<[&str; 2]>| automaton::read_prebuilt(PREBUILT, pieces.into_iter()).is_some();
        assert!(read(pattern_pieces(names(), words.iter().copied()).collect()));
        assert!(!read(pattern_pieces(names(), words.iter().copied().skip(1)).collect()));
        assert!(!read(pattern_pieces(names().skip(1), words.iter().copied()).collect()));
        assert!(!read(pattern_pieces(names(), words.iter().copied().chain(["كلمه"])).collect()));
        assert!(automaton::read_prebuilt(&PREBUILT[..PREBUILT.len() - 1], std::iter::empty()).is_none());
        // A gazetteer with one more name (as --gazetteer-extra gives) gets
        // an automaton of its own that finds it.
        let mut places = g.places().to_vec();
        places.extend(gaz(&["قريه جديده جدا"]).places().iter().cloned().map(|mut p| {
            p.id = "cur:new".into();
            p
        }));
        let g2 = Gazetteer::from_places(places, g.wordfreq().clone());
        let r = Recognizer::with_words(&g2, &words).unwrap();
        let text = crate::arabic::normalize("وصلوا الى قرية جديدة جدا").text;
        assert_eq!(r.find(&text).iter().map(|m| m.name).collect::<Vec<_>>(), vec!["قريه جديده جدا"]);
    }

    #[test]
    fn short_word_start_agrees_with_word_start() {
        assert!(PROCLITICS
            .iter()
            .chain(crate::arabic::LAM_PROCLITICS)
            .all(|p| p.chars().count() <= MAX_PROCLITIC_CHARS));
        let mut rng = crate::corpus::Rng::new(23);
        let pieces = ["و", "ب", "ل", " ", "x", "1", "،", "\u{200f}", "🙂", "ـ", "ا"];
        for _ in 0..3000 {
            let text: String = (0..rng.below(9)).map(|_| *rng.pick(&pieces)).collect();
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let ws = crate::arabic::word_start(&text, at);
                let want = (text[ws..at].chars().count() <= MAX_PROCLITIC_CHARS).then_some(ws);
                assert_eq!(short_word_start(&text, at), want, "{text:?} at {at}");
            }
        }
    }

    /// aho-corasick's overlapping matches, as the recogniser used them
    /// before: the definition the daachorse automaton must reproduce.
    fn matches_by_definition(ac: &aho_corasick::AhoCorasick, text: &str) -> Vec<(usize, usize, usize)> {
        ac.find_overlapping_iter(text).map(|m| (m.pattern().as_usize(), m.start(), m.end())).collect()
    }

    fn matches(a: &Automaton, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        a.for_each_match(text, |id, s, e| out.push((id, s, e)));
        out
    }

    #[test]
    fn automaton_agrees_with_aho_corasick_on_the_builtin_gazetteer() {
        let g = Gazetteer::builtin().unwrap();
        let texts = texts(&g, &crate::incidents::article_words());
        let ac =
            aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::Standard).build(&texts).unwrap();
        let ours = Automaton::build(&texts).unwrap();
        assert!(ours.groups() > 0, "the test should cover texts shared by several patterns");
        let mut docs: Vec<String> = Vec::new();
        for dir in ["samples/articles", "samples/eval2", "samples/dev3"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                docs.extend(std::fs::read_to_string(entry.path()).ok());
            }
        }
        // Names and words run together, cut mid-letter-sequence and mixed
        // with Latin, digits and marks.
        let mut rng = crate::corpus::Rng::new(3);
        let pieces = [" ", "و", "ب", "لل", "ال", "x", "٣", "\u{200f}", "🙂", "،"];
        for _ in 0..300 {
            let mut d = String::new();
            for _ in 0..20 {
                let name: &String = rng.pick(&texts);
                let piece: &&str = rng.pick(&pieces);
                d.push_str(name);
                d.push_str(piece);
            }
            docs.push(d);
        }
        let mut total = 0;
        for d in &docs {
            let n = crate::arabic::normalize(d).text;
            let want = matches_by_definition(&ac, &n);
            total += want.len();
            assert!(matches(&ours, &n) == want, "matches differ on {n}");
        }
        assert!(total > 10_000);
    }

    #[test]
    fn automaton_agrees_with_aho_corasick_on_small_sets() {
        let mut rng = crate::corpus::Rng::new(17);
        let letters = ["ا", "ل", "ب", "ر", " ", "a"];
        for _ in 0..500 {
            let word = |rng: &mut crate::corpus::Rng| -> String {
                let n = 1 + rng.below(4);
                (0..n).map(|_| *rng.pick(&letters)).collect()
            };
            let texts: Vec<String> = (0..1 + rng.below(12)).map(|_| word(&mut rng)).collect();
            let text: String = (0..30).map(|_| *rng.pick(&letters)).collect();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(&texts)
                .unwrap();
            let ours = Automaton::build(&texts).unwrap();
            assert_eq!(matches(&ours, &text), matches_by_definition(&ac, &text), "{texts:?} in {text:?}");
            let read = Automaton::from_bytes(&ours.to_bytes()).unwrap();
            assert_eq!(matches(&read, &text), matches(&ours, &text));
        }
        assert!(Automaton::build(&["".to_string()]).is_err());
    }

    #[test]
    fn never_panics_on_odd_text() {
        let g = gaz(&["دمشق"]);
        for t in ["", "\u{0640}\u{064E}", "دمشق\u{200F}", "ب", "🙂دمشق🙂", "a\u{0301}دمشق"] {
            let _ = names(&g, t);
        }
    }
}
