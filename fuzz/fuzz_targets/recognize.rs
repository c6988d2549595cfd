//! The place-name recogniser (`Recognizer::find_with_words`) and the
//! geoparser over it (`Geoparser::parse`, `parse_normalized`,
//! `parse_with_words`), on the built-in gazetteer.
#![no_main]

use hudud::arabic::{is_word_char, normalize, Normalized};
use hudud::gazetteer::Gazetteer;
use hudud::geoparse::{Geoparser, RawMatch, Recognizer, ResolvedMention};
use hudud::incidents::article_words;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// What every input is checked with, built once.
struct Setup {
    g: &'static Gazetteer,
    /// The gazetteer's names, by `RawMatch::name_index`.
    names: Vec<&'static str>,
    words: Vec<&'static str>,
    recognizer: Recognizer,
    plain: Geoparser<'static>,
    /// The geoparser the pipeline uses: it also finds `words`.
    with_words: Geoparser<'static>,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let g: &'static Gazetteer = Box::leak(Box::new(Gazetteer::builtin().expect("built-in gazetteer")));
        let words = article_words();
        Setup {
            g,
            names: g.arabic_names().map(|(n, _)| n).collect(),
            recognizer: Recognizer::with_words(g, &words).expect("recogniser"),
            plain: Geoparser::new(g).expect("geoparser"),
            with_words: Geoparser::with_words(g, &words).expect("geoparser with words"),
            words,
        }
    })
}

/// A raw match is a whole word of `text` holding its name after its proclitics.
fn check_raw(s: &Setup, text: &str, m: &RawMatch) {
    assert!(m.word_start <= m.start && m.start < m.end && m.end <= text.len(), "raw match {m:?}");
    for at in [m.word_start, m.start, m.end] {
        assert!(text.is_char_boundary(at), "raw match {m:?} off char boundaries");
    }
    assert_eq!(s.names.get(m.name_index).copied(), Some(m.name), "name index of {m:?}");
    let (prefix, found) = (&text[m.word_start..m.start], &text[m.start..m.end]);
    // The name as written, or its contracted "لل" form (ل + ال) after "", و or ف.
    let plain = prefix == m.proclitic && found == m.name;
    let lam = m
        .name
        .strip_prefix("ال")
        .is_some_and(|rest| found.strip_prefix("لل") == Some(rest) && m.proclitic.strip_suffix('ل') == Some(prefix));
    assert!(plain || lam, "raw match {m:?} reads {prefix:?} + {found:?}");
    assert!(!text[m.end..].chars().next().is_some_and(is_word_char), "raw match {m:?} ends inside a word");
    assert!(
        !text[..m.word_start].chars().next_back().is_some_and(is_word_char),
        "raw match {m:?} starts inside a word"
    );
}

/// Raw matches: in text order, disjoint, and each [`check_raw`].
fn check_raws(s: &Setup, norm: &Normalized) {
    let (raws, hits) = s.recognizer.find_with_words(&norm.text);
    for m in &raws {
        check_raw(s, &norm.text, m);
    }
    for pair in raws.windows(2) {
        assert!(pair[0].end <= pair[1].word_start, "raw matches overlap: {pair:?}");
    }
    for &(w, a, b) in &hits {
        assert!(a < b && b <= norm.text.len() && norm.text.is_char_boundary(a) && norm.text.is_char_boundary(b));
        assert_eq!(Some(&norm.text[a..b]), s.words.get(w).copied(), "word hit {w} at {a}..{b}");
    }
}

/// Resolved mentions: in bounds, slicing to their surface, in text order,
/// disjoint, resolved into the gazetteer, containers later mentions.
fn check_mentions(s: &Setup, text: &str, found: &[ResolvedMention]) {
    for (i, r) in found.iter().enumerate() {
        let m = &r.mention;
        assert!(
            m.start < m.end && m.end <= text.len(),
            "mention {i} at {}..{} of {} bytes",
            m.start,
            m.end,
            text.len()
        );
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "mention {i} off char boundaries");
        assert_eq!(&text[m.start..m.end], m.surface, "mention {i}'s surface");
        if let Some(p) = r.place {
            assert!((p as usize) < s.g.places().len(), "mention {i}: place index {p}");
            assert!(r.candidates > 0, "mention {i} resolved among no candidates");
        }
        assert!((0.0..=1.0).contains(&r.confidence), "mention {i}: confidence {}", r.confidence);
        if let Some(c) = m.container {
            assert!(c > i && c < found.len(), "mention {i}: container {c} of {}", found.len());
        }
    }
    for pair in found.windows(2) {
        let (a, b) = (&pair[0].mention, &pair[1].mention);
        assert!(a.end <= b.start, "mentions overlap or are out of order: {a:?} {b:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let s = setup();
    let norm = normalize(text);
    check_raws(s, &norm);

    let found = s.plain.parse(text);
    check_mentions(s, text, &found);
    // Deterministic, however it is asked.
    assert_eq!(s.plain.parse(text), found, "a second parse differs");
    assert_eq!(s.plain.parse_normalized(text, &norm), found, "parse_normalized differs");
    let (with_words, _) = s.with_words.parse_with_words(text, &norm);
    assert_eq!(with_words, found, "the geoparser with words finds other mentions");
});
