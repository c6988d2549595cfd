//! Whether a trigger word tells something that happened: not negated,
//! not a purpose, plan, threat or condition, not the crime someone is
//! accused of, not what came before the event.
//!
//! The checks look back from the trigger within its clause; a sentence's
//! words are split once ([`SentenceWords`]) so that each look is a slice.

use super::lexicon::starts_with_any;
use super::triggers::Tactic;
use std::collections::BTreeSet;

/// Words that negate the trigger right after them.
const NEGATIONS: &[&str] = &["لم", "لن", "عدم", "دون", "بدون", "ولم", "ولن", "نفي", "نفت", "ينفي", "تنفي"];

/// Words that make the trigger after them (within a few words of one
/// clause) something that did not happen: a purpose ("لمنع فرار"), a
/// prevention, a condition ("في حال"), a threat, a warning or a plan.
const MODALS: &[&str] = &[
    // "أثناء توجههم للمشاركة في اعتصام": where they were going, not what
    // happened.
    "للمشاركه",
    // "دون الإعلان عن اعتقالات", "بدون وقوع اشتباكات".
    "دون",
    "بدون",
    // "وتخشى أوساط من أن تؤدي عمليات الخطف…": a fear.
    "تخشي",
    "يخشي",
    "يخشون",
    "مخاوف",
    "لمنع",
    "منعا",
    "بهدف",
    "تحسبا",
    "خشيه",
    "لتفادي",
    "لتجنب",
    "حال",
    "اذا",
    "لو",
    "سوف",
    "يخطط",
    "تخطط",
    "خطط",
    "يخططون",
    "ينوي",
    "تنوي",
    "يعتزم",
    "تعتزم",
    "تهدد",
    "يهدد",
    "هدد",
    "هددت",
    "تهديد",
    "تهديدات",
    "توعد",
    "توعدت",
    "حذر",
    "حذرت",
    "يحذر",
    "تحذر",
    "تحذير",
    "تحذيرات",
    "مخاوف",
    "احتمال",
    "احتماليه",
    "امكانيه",
    "لمواجهه",
    "مواجهه",
    "لمكافحه",
    "مكافحه",
    "للحد",
    "لملاحقه",
    "ملاحقه",
    "لصد",
    "للتصدي",
    "منع",
    "لاحباط",
    "يستعد",
    "تستعد",
    "استعدادا",
    "يتوقع",
    "تتوقع",
    "تجنبا",
    "خطر",
    "مخطط",
    "مخططا",
    "ضد",
];

/// Present-tense verbs of waging attacks: with a spread or a period they
/// tell what keeps happening ("وينفذون منها هجمات متفرقة", "وتشن تركيا
/// منذ أسابيع هجمات جوية"), not an event.
const ONGOING_VERBS: &[&str] = &["ينفذ", "تنفذ", "ينفذون", "يشن", "تشن", "يشنون", "يواصل", "تواصل", "يواصلون"];

/// Words after a plural attack noun that spread it over time.
const SPREAD: &[&str] = &["متفرقه", "متكرره", "متقطعه", "متواصله", "مستمره"];

/// How many words before a trigger a negation or modal word may stand.
const MODAL_REACH: usize = 3;

/// Verbs of result: a trigger with "ل" after one ("أدت لاعتقال") tells
/// what happened, not a purpose ("للقبض على" after an effort).
const RESULTS: &[&str] = &["ادت", "ادي", "اسفرت", "اسفر", "افضت", "انتهت", "تسببت", "تسبب", "ما", "مما"];

/// Nouns of what happens rather than what someone does: after "ل" they
/// are "of" ("حصيلة أولية لانفجار"), never a purpose.
const HAPPENINGS: &[&str] = &["انفجار", "اشتباك"];

/// Words (stems, after "و", "ب" or "ل") that make the crime after them
/// an accusation: "بتهمة", "بجرائم", "بتورطهم في", "المسؤولين عن".
const ACCUSATIONS: &[&str] = &[
    "تهمه",
    "تهم",
    "جرايم",
    "جريمه",
    "تورط",
    "متورط",
    "متهم",
    "اتهام",
    "قضايا",
    "قضيه",
    "مسوول",
    "منفذ",
    "مشارك",
    "ارتكاب",
    "الضلوع",
    "ضلوع",
    "بالضلوع",
    "يشتبه",
    "مشتبه",
];

/// The words of a normalised sentence, where each starts, and the first
/// word of the clause each lies in (clauses end at commas, colons, full
/// stops, brackets and quotes).
#[derive(Debug, Default)]
pub(super) struct SentenceWords<'n> {
    words: Vec<(usize, &'n str)>,
    clause_of: Vec<usize>,
}

impl<'n> SentenceWords<'n> {
    /// Split `norm` into words and clauses.
    pub fn new(norm: &'n str) -> Self {
        // One pass over the characters: a word ends at a non-word
        // character, and an edge between two words opens a clause.
        let mut out = SentenceWords { words: Vec::with_capacity(32), clause_of: Vec::with_capacity(32) };
        let (mut clause, mut edge_seen, mut start) = (0, false, None);
        for (i, c) in norm.char_indices() {
            if crate::arabic::is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                    if edge_seen {
                        clause = out.words.len();
                        edge_seen = false;
                    }
                }
            } else {
                if let Some(s) = start.take() {
                    out.push(s, &norm[s..i], clause);
                }
                edge_seen |= is_clause_edge(c);
            }
        }
        if let Some(s) = start {
            out.push(s, &norm[s..], clause);
        }
        out
    }

    fn push(&mut self, at: usize, word: &'n str, clause: usize) {
        self.words.push((at, word));
        self.clause_of.push(clause);
    }

    /// The index of the word holding byte `at` (or the first after it).
    pub fn index_at(&self, at: usize) -> usize {
        self.words.partition_point(|(s, w)| s + w.len() <= at)
    }

    /// Word `i`, or "" past the end.
    pub fn word(&self, i: usize) -> &'n str {
        self.words.get(i).map_or("", |(_, w)| w)
    }

    /// Where word `i` starts (the sentence's end past the last word).
    pub fn start_of(&self, i: usize) -> usize {
        self.words.get(i).map_or_else(|| self.words.last().map_or(0, |(s, w)| s + w.len()), |(s, _)| *s)
    }

    /// The words of word `i`'s clause before it, nearest first.
    pub fn before(&self, i: usize) -> impl Iterator<Item = &'n str> + '_ {
        let i = i.min(self.words.len());
        let start = self.clause_of.get(i).copied().unwrap_or_else(|| self.clause_of.last().copied().unwrap_or(0));
        self.words[start.min(i)..i].iter().rev().map(|(_, w)| *w)
    }

    /// The words after word `i` (to the sentence's end), nearest first.
    pub fn after(&self, i: usize) -> impl Iterator<Item = &'n str> + '_ {
        self.words.get(i + 1..).unwrap_or_default().iter().map(|(_, w)| *w)
    }
}

/// True for the marks that end a clause: commas, colons, full stops,
/// brackets and quotes.
fn is_clause_edge(c: char) -> bool {
    matches!(c, '،' | ',' | '؛' | ';' | ':' | '.' | '(' | ')' | '"' | '«' | '»')
}

/// "بعد جريمة قتل": what came before the event, not the event (unless
/// nothing else is reported).
pub(super) fn after_another_event(w: &SentenceWords, i: usize, so_far: &BTreeSet<Tactic>) -> bool {
    let mut before = w.before(i);
    let (prev, prev_prev) = (before.next().unwrap_or(""), before.next().unwrap_or(""));
    (prev == "بعد" || prev_prev == "بعد") && !so_far.is_empty()
}

/// True when a negation stands right before word `i`, or a modal word
/// (purpose, prevention, condition, threat, warning, plan) within
/// [`MODAL_REACH`] words before it in its clause, or the word is a purpose
/// itself ("للقبض", "لاعتقال" not after a verb of result).
pub(super) fn is_modal(w: &SentenceWords, i: usize) -> bool {
    if w.before(i).next().is_some_and(|b| NEGATIONS.contains(&b)) {
        return true;
    }
    let word = w.word(i);
    let purpose = (word.starts_with("لل") || word.starts_with("لا"))
        && word.chars().count() > 4
        && !starts_with_any(&word['ل'.len_utf8()..], HAPPENINGS);
    let result = || w.before(i).take(2).any(|b| RESULTS.contains(&b.strip_prefix('و').unwrap_or(b)));
    // "تعرضت دورية لإطلاق نار": what a thing was subjected to happened.
    let exposed = || w.before(i).any(|b| b.trim_start_matches('و').contains("تعرض"));
    if purpose && !result() && !exposed() {
        return true;
    }
    let modal = w.before(i).take(MODAL_REACH).any(|b| {
        let bare = b.strip_prefix('و').filter(|x| MODALS.contains(x)).unwrap_or(b);
        MODALS.contains(&bare)
    });
    modal || is_ongoing(w, i)
}

/// True when word `i` is attacks someone keeps waging: a present-tense
/// verb of waging before it, and a spread after it or a period ("منذ")
/// before it.
fn is_ongoing(w: &SentenceWords, i: usize) -> bool {
    let waged = w.before(i).take(4).any(|b| ONGOING_VERBS.contains(&b.strip_prefix('و').unwrap_or(b)));
    waged && (w.after(i).take(2).any(|a| SPREAD.contains(&a)) || w.before(i).take(3).any(|b| b == "منذ"))
}

/// True when an accusation word stands within four words before word `i`.
pub(super) fn is_accusation(w: &SentenceWords, i: usize) -> bool {
    w.before(i).take(4).any(|b| {
        let b = b.trim_start_matches('و');
        let bare = b
            .strip_prefix("بال")
            .or_else(|| b.strip_prefix("لل"))
            .or_else(|| b.strip_prefix('ب'))
            .or_else(|| b.strip_prefix('ل'))
            .unwrap_or(b);
        let bare = bare.strip_prefix("ال").unwrap_or(bare);
        starts_with_any(bare, ACCUSATIONS) || starts_with_any(b, ACCUSATIONS)
    })
}

/// True when an accusation word stands anywhere before word `i` in its
/// clause ("تورطت في اغتيال عدد من المدنيين خلال الأشهر الماضية": the
/// period is the accused's record, not the report's).
pub(super) fn in_accusation_clause(w: &SentenceWords, i: usize) -> bool {
    w.before(i).any(|b| {
        let b = b.trim_start_matches('و');
        starts_with_any(b, ACCUSATIONS) || b.strip_prefix('ب').is_some_and(|x| starts_with_any(x, ACCUSATIONS))
    })
}

/// Every word list of this module (for the normalisation check).
#[cfg(test)]
pub(crate) fn lexicon() -> Vec<&'static str> {
    NEGATIONS
        .iter()
        .chain(MODALS)
        .chain(ONGOING_VERBS)
        .chain(SPREAD)
        .chain(RESULTS)
        .chain(HAPPENINGS)
        .chain(ACCUSATIONS)
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_modal`] of the word at byte `at` of `norm`.
    fn modal(norm: &str, at: usize) -> bool {
        let w = SentenceWords::new(norm);
        is_modal(&w, w.index_at(at))
    }

    #[test]
    fn purpose_clause_is_not_an_event() {
        assert!(modal("اغلقت الطرق لمنع فرار المطلوبين", "اغلقت الطرق لمنع ".len()));
        assert!(!modal("اغلقت الطرق، فرار المطلوبين", "اغلقت الطرق، ".len()));
    }

    #[test]
    fn threat_and_warning_are_not_events() {
        let t = "حذر المسوول من هجمات";
        assert!(modal(t, "حذر المسوول من ".len()));
        assert!(modal("في حال تكرار الاعتداء", "في حال تكرار ".len()));
    }

    #[test]
    fn purpose_of_an_effort() {
        assert!(modal("تتواصل الجهود للقبض علي شخص ثالث", "تتواصل الجهود ".len()));
        assert!(!modal("ما ادي لاعتقال شخصين", "ما ادي ".len()));
        assert!(!modal("تعرضت دوريه لاطلاق نار", "تعرضت دوريه ".len()));
        assert!(!modal("حصيله اوليه لانفجار سياره", "حصيله اوليه ".len()), "a happening is no purpose");
    }

    #[test]
    fn attacks_someone_keeps_waging_are_no_event() {
        let t = "كانوا يتخذون منها ملاذا لهم وينفذون منها هجمات متفرقه علي القطعات";
        assert!(modal(t, t.find("هجمات").unwrap_or(0)));
        let u = "وتشن تركيا منذ اسابيع هجمات جويه";
        assert!(modal(u, u.find("هجمات").unwrap_or(0)));
        let v = "شنت الطايرات هجمات متفرقه علي القريه";
        assert!(!modal(v, v.find("هجمات").unwrap_or(0)), "past tense: it happened");
    }

    #[test]
    fn negation_right_before() {
        assert!(modal("لم يسفر الانفجار عن", "لم ".len()));
        assert!(!modal("وقع الانفجار", "وقع ".len()));
    }

    #[test]
    fn crimes_of_the_arrested_are_accusations() {
        let t = "اعتقلت القوات سته اشخاص يشتبه بتورطهم في عمليات قتل";
        let w = SentenceWords::new(t);
        assert!(is_accusation(&w, w.index_at(t.find("قتل").unwrap_or(0))));
        let u = SentenceWords::new("قتل شاب في هجوم");
        assert!(!is_accusation(&u, 0));
    }

    /// The definition: words, and an edge anywhere between two words.
    fn words_and_clauses_plainly(norm: &str) -> (Vec<(usize, &str)>, Vec<usize>) {
        let (mut words, mut clauses, mut clause, mut prev_end) = (Vec::new(), Vec::new(), 0, 0);
        for (at, w) in crate::arabic::word_spans(norm) {
            if norm[prev_end..at].contains(is_clause_edge) {
                clause = words.len();
            }
            clauses.push(clause);
            words.push((at, w));
            prev_end = at + w.len();
        }
        (words, clauses)
    }

    #[test]
    fn one_pass_agrees_with_the_definition() {
        let pieces = ["قتل", " ", "،", ".", "(", "x", "12", "«", "\u{64b}", "؟", ":", "و"];
        let mut rng = crate::corpus::Rng::new(21);
        for _ in 0..3000 {
            let text: String = (0..rng.below(30)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let got = SentenceWords::new(&text);
            assert_eq!((got.words, got.clause_of), words_and_clauses_plainly(&text), "{text:?}");
        }
    }

    #[test]
    fn clauses_bound_the_look_back() {
        let w = SentenceWords::new("قال المصدر، لمنع ذلك: وقع انفجار");
        let at = w.index_at("قال المصدر، لمنع ذلك: وقع ".len());
        assert_eq!(w.before(at).collect::<Vec<_>>(), vec!["وقع"]);
        assert_eq!(w.word(at), "انفجار");
    }
}
