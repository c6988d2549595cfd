//! Names the gazetteer does not know, found after a cue word ("قرية X").
//!
//! They are reported unresolved so users learn what to add with
//! `--gazetteer-extra`; they are never given coordinates.

use super::context::next_word;
use super::{Mention, RawMatch, ResolvedMention};
use crate::arabic::{cue_for_word, CueKind, Normalized};

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
];

/// Unknown names right after an indefinite cue word ("قرية", "بلدة"; not
/// "القرية", which refers back).
pub fn unknown_names(text: &str, norm: &Normalized, known: &[RawMatch]) -> Vec<ResolvedMention> {
    let t = &norm.text;
    let mut out = Vec::new();
    for (s, e) in word_spans(t) {
        let word = &t[s..e];
        let Some(cue) = cue_for_word(word) else {
            continue;
        };
        if word.contains(&format!("ال{}", cue.word)) || !names_follow(cue.kind) {
            continue;
        }
        let Some((ns, ne)) = next_word(t, e) else {
            break;
        };
        let compound = COMPOUND_HEADS.contains(&&t[ns..ne]);
        if known.iter().any(|k| k.word_start <= ns && ns < k.end) || !(compound || looks_like_name(&t[ns..ne])) {
            continue;
        }
        let end = match next_word(t, ne) {
            Some((_, e2)) if compound => e2,
            _ => ne,
        };
        let (start, end) = norm.source_span(ns, end);
        out.push(unresolved(text, start, end, cue));
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

fn looks_like_name(word: &str) -> bool {
    word.chars().count() >= 3 && word.chars().all(|c| c.is_alphabetic()) && !NOT_NAMES.contains(&word)
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
    fn compound_names_take_two_words() {
        let src = "في بلدة تل براك";
        let n = normalize(src);
        assert_eq!(unknown_names(src, &n, &[])[0].mention.surface, "تل براك");
    }
}
