//! Names the gazetteer does not know, found after a cue word ("قرية X").
//!
//! They are reported unresolved so users learn what to add with
//! `--gazetteer-extra`; they are never given coordinates.

use super::context::next_word;
use super::{Mention, RawMatch, ResolvedMention};
use crate::arabic::{cue_for_word, cue_words, is_word_char, CueKind, Normalized};
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// Cue kinds that introduce a proper name right after them.
fn names_follow(kind: CueKind) -> bool {
    matches!(
        kind,
        CueKind::Settlement
            | CueKind::Neighbourhood
            | CueKind::Camp
            | CueKind::Prison
            | CueKind::Base
            | CueKind::Crossing
            | CueKind::Field
            | CueKind::Dam
            | CueKind::City
    )
}

/// First words of compound names: the name goes on to the next word.
const COMPOUND_HEADS: &[&str] = &[
    "ابو",
    "ام",
    "تل",
    "عين",
    "دير",
    "جسر",
    "راس",
    "بير",
    "خربه",
    "كفر",
    "بيت",
    "جب",
    "مزرعه",
    "البو",
    "رسم",
    "قبر",
    "محشيه",
];

/// Words that never start a name.
const NOT_NAMES: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "التي",
    "الذي",
    "هذه",
    "هذا",
    "تلك",
    "ذلك",
    "واحده",
    "اخري",
    "اخر",
    "قرب",
    "بين",
    "داخل",
    "خارج",
    "حيث",
    "او",
    "ثم",
    "كل",
    "بعض",
    "عده",
    "تابعه",
    "تابع",
    "التابعه",
    "الواقعه",
    "الحدودي",
    "الحدوديه",
    "الجديده",
    "الجديد",
    "القديمه",
    "القديم",
    "المجاوره",
    "نفسها",
    "نفسه",
    "المذكوره",
    "الامريكيه",
    "لها",
    "له",
    "لهم",
    "ريف",
    "نهر",
    "عسكريه",
    "عسكري",
    "سكني",
    "سكنيه",
    "زراعيه",
    "التحالف",
    // "مخيمات النزوح": displacement camps; "سد الثغرات": closing the gaps.
    "النزوح",
    "الثغرات",
];

/// Unknown names right after an indefinite cue word ("قرية", "بلدة"; not
/// "القرية", which refers back).
pub fn unknown_names(text: &str, norm: &Normalized, known: &[RawMatch]) -> Vec<ResolvedMention> {
    let t = &norm.text;
    let mut out = Vec::new();
    for (s, e) in cue_word_candidates(t) {
        let word = &t[s..e];
        let Some(cue) = cue_for_word(word) else {
            continue;
        };
        if is_definite_cue(word, &cue.word) || !names_follow(cue.kind) {
            continue;
        }
        let Some((ns, ne)) = next_word(t, e) else {
            break;
        };
        let compound = COMPOUND_HEADS.contains(&&t[ns..ne]);
        let end = match next_word(t, ne) {
            Some((_, e2)) if compound => e2,
            _ => ne,
        };
        // A known name in any of its words ("تل" + a known place) wins.
        if known.iter().any(|k| k.word_start < end && ns < k.end) || !(compound || looks_like_name(&t[ns..ne])) {
            continue;
        }
        let (start, end) = norm.source_span(ns, end);
        out.push(unresolved(text, start, end, cue));
    }
    out
}

/// The words of `t` that end with a cue word introducing a name, in text
/// order: every word [`cue_for_word`] could read as such a cue (a cue word
/// is what is left after proclitics and the article, so it ends the word).
/// One pass of a small automaton instead of a look-up per word; tested
/// against [`word_spans`].
fn cue_word_candidates(t: &str) -> Vec<(usize, usize)> {
    static ENDINGS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let endings = ENDINGS.get_or_init(|| {
        let words = cue_words().iter().filter(|(_, kind)| names_follow(*kind)).map(|(w, _)| *w);
        AhoCorasick::builder().kind(Some(aho_corasick::AhoCorasickKind::DFA)).build(words).ok()
    });
    let Some(endings) = endings else { return word_spans(t).collect() };
    let mut out: Vec<(usize, usize)> = Vec::new();
    for hit in endings.find_overlapping_iter(t) {
        if t[hit.end()..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        let start = t[..hit.start()].char_indices().rev().take_while(|(_, c)| is_word_char(*c)).last();
        let span = (start.map_or(hit.start(), |(i, _)| i), hit.end());
        if out.last() != Some(&span) {
            out.push(span);
        }
    }
    out
}

/// The byte ranges of the words of `t`, across punctuation (a name after
/// the first comma is still a name).
fn word_spans(t: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos + t[pos..].find(crate::arabic::is_word_char)?;
        let (s, e) = next_word(t, start)?;
        pos = e;
        Some((s, e))
    })
}

/// True for a cue word with the article ("القرية", and "للقاعدة" where
/// the preposition li- swallowed the article's alif): it refers back to a
/// place named before, so the next word is no name.
fn is_definite_cue(word: &str, cue: &str) -> bool {
    word.contains(&format!("ال{cue}")) || word.contains(&format!("لل{cue}"))
}

fn looks_like_name(word: &str) -> bool {
    word.chars().count() >= 3
        // li- + the article: "مخيم للنازحين" (a camp for the displaced).
        && !word.starts_with("لل")
        && word.chars().all(|c| c.is_alphabetic())
        && !NOT_NAMES.contains(&word)
        && cue_for_word(word).is_none()
        && crate::arabic::direction_for_word(word).is_none()
        && !is_indefinite_adjective(word)
        && !is_everyday_with_clitic(word)
}

/// True for an everyday word with li- before it ("مخيم لعائلات", a camp for
/// families) or a pronoun after it ("قرى شمالها", villages north of it).
fn is_everyday_with_clitic(word: &str) -> bool {
    let stems = [word.strip_prefix('ل'), word.strip_suffix("ها"), word.strip_suffix("هم")];
    stems.into_iter().flatten().any(|stem| stem.chars().count() >= 4 && is_everyday_word(stem))
}

/// Everyday Arabic words that are no gazetteer name, folded
/// (`gazetteer/common_words_ar.txt`, derived from wordfreq by the rebuild
/// script): "قاعدة بيانات", "من ناحية ثالثة", "معسكر الاعتقال" name no
/// place; the villages the gazetteer lacks are rare words, or said to lie
/// somewhere ("قرية المثالية بريف حلب").
const EVERYDAY_WORDS: &str = include_str!("../../gazetteer/common_words_ar.txt");

/// True when `word` (normalised) is an everyday word of that list.
pub(super) fn is_everyday_word(word: &str) -> bool {
    static WORDS: OnceLock<crate::FastMap<&'static str, ()>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        EVERYDAY_WORDS.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|w| (w, ())).collect()
    });
    words.contains_key(word)
}

/// True for an adjective of relation without the article ("معبر حدودي",
/// "قاعدة عسكرية", "مخيم عشوائي"), or an everyday feminine word without it
/// ("قرية صغيرة", "بلدة كبيرة"): after a cue word it describes the place
/// rather than naming it. Names take the article ("مخيم الهول").
fn is_indefinite_adjective(word: &str) -> bool {
    !word.starts_with("ال")
        && (word.ends_with("يه")
            || (word.ends_with('ي') && word.chars().count() >= 5)
            || (word.ends_with('ه') && is_everyday_word(word)))
}

fn unresolved(text: &str, start: usize, end: usize, cue: crate::arabic::Cue) -> ResolvedMention {
    ResolvedMention {
        mention: Mention { start, end, surface: text[start..end].to_string(), cue: Some(cue), ..Mention::default() },
        place: None,
        candidates: 0,
        confidence: 0.0,
        reason: "not in the gazetteer".into(),
        geo_precision: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize;

    #[test]
    fn village_after_cue_is_reported() {
        let src = "داهمت قوة قرية المثالية الصغرى فجرا";
        let n = normalize(src);
        let u = unknown_names(src, &n, &[]);
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].mention.surface, "المثالية");
        assert!(u[0].place.is_none());
    }

    #[test]
    fn everyday_words_are_listed() {
        assert!(is_everyday_word("بيانات") && is_everyday_word("ثالثه") && is_everyday_word("الاعتقال"));
        assert!(!is_everyday_word("الطكيحي"));
    }

    #[test]
    fn anaphoric_cue_is_ignored() {
        let src = "دخلوا القرية المجاورة";
        let n = normalize(src);
        assert!(unknown_names(src, &n, &[]).is_empty());
    }

    #[test]
    fn names_after_punctuation_are_reported() {
        let src = "قتل عنصر، برصاص مجهولين ببلدة الخوابي بريف المدينة.";
        let n = normalize(src);
        let u = unknown_names(src, &n, &[]);
        assert_eq!(u.iter().map(|m| m.mention.surface.as_str()).collect::<Vec<_>>(), ["الخوابي"]);
    }

    #[test]
    fn cue_word_candidates_hold_every_cue_word() {
        let text = "داهمت قوة قرية المثالية، وفي بلدتي الخوابي وحي السلام، والقريتين وسد الموصل ومخيمات حسد؛ حيث قرى";
        let n = normalize(text);
        let plain: Vec<(usize, usize)> = word_spans(&n.text)
            .filter(|&(s, e)| cue_for_word(&n.text[s..e]).is_some_and(|c| names_follow(c.kind)))
            .collect();
        let fast: Vec<(usize, usize)> = cue_word_candidates(&n.text)
            .into_iter()
            .filter(|&(s, e)| cue_for_word(&n.text[s..e]).is_some_and(|c| names_follow(c.kind)))
            .collect();
        assert_eq!(plain.len(), 6);
        assert_eq!(fast, plain);
    }

    #[test]
    fn unknown_names_on_the_sample_articles_match_the_plain_scan() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            let n = normalize(&text);
            let cue = |&(s, e): &(usize, usize)| cue_for_word(&n.text[s..e]).is_some_and(|c| names_follow(c.kind));
            let plain: Vec<_> = word_spans(&n.text).filter(cue).collect();
            let fast: Vec<_> = cue_word_candidates(&n.text).into_iter().filter(cue).collect();
            assert_eq!(fast, plain, "{}", entry.path().display());
            seen += plain.len();
        }
        assert!(seen > 20);
    }

    #[test]
    fn prepositional_phrases_after_a_cue_are_no_names() {
        for src in [
            "يضم أكبر قاعدة للتحالف الدولي",
            "كانا يقيمان في مخيم للنازحين",
            "داخل السياج الخارجي للقاعدة والثالث في أرض خالية",
            "يعيشون في مخيمات النزوح بمحافظة دهوك",
            "هل تنجح بغداد ودمشق في سدّ الثغرات؟",
            "داهمت قوة قرية صغيرة فجرا",
            "ويُعد الهول أكبر مخيم لعائلات عناصر التنظيم",
            "وقصف يطال قرى شمالها",
        ] {
            let n = normalize(src);
            assert!(unknown_names(src, &n, &[]).is_empty(), "{src}");
        }
    }

    #[test]
    fn cue_words_directions_and_adjectives_are_no_names() {
        for src in ["عند معبر حدودي مغلق", "في مخيم الشمال", "داخل قاعدة عسكرية", "قرية وبلدات"]
        {
            let n = normalize(src);
            assert!(unknown_names(src, &n, &[]).is_empty(), "{src}");
        }
    }

    #[test]
    fn compound_names_take_two_words() {
        let src = "في بلدة تل براك";
        let n = normalize(src);
        assert_eq!(unknown_names(src, &n, &[])[0].mention.surface, "تل براك");
    }
}
