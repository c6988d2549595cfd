//! Proclitics: the one-letter particles Arabic writes joined to the next word.
//!
//! Every string here is in normalised form (see [`crate::arabic::normalize`]).

/// Proclitic sequences that may stand before a name written with or without
/// its article: و (and), ف (so), ب (in/by), ل (for), ك (like) and their
/// combinations.
pub const PROCLITICS: &[&str] = &["و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك", "لب"];

/// Proclitics allowed before the contracted "لل" form of an article name
/// (ل + الحسكة is written للحسكة).
pub const LAM_PROCLITICS: &[&str] = &["و", "ف"];

/// True when `prefix` is a proclitic sequence allowed before a name.
///
/// ```
/// use hudud::arabic::is_proclitic;
/// assert!(is_proclitic("وب"));
/// assert!(!is_proclitic("ال"));
/// ```
pub fn is_proclitic(prefix: &str) -> bool {
    PROCLITICS.contains(&prefix)
}

/// The proclitic-stripped readings of a word: the word itself first, then
/// each reading left after removing a proclitic sequence (longest first),
/// with "لل" restored to "ال".
///
/// ```
/// use hudud::arabic::strip_proclitics;
/// assert_eq!(strip_proclitics("بريف"), vec!["بريف", "ريف"]);
/// assert_eq!(strip_proclitics("للحسكه")[1], "الحسكه");
/// ```
pub fn strip_proclitics(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for_each_reading(word, &mut |r| {
        if !out.iter().any(|o| o == r) {
            out.push(r.to_string());
        }
    });
    out
}

/// Proclitic sequences, longest first (the order readings are tried in).
const PROCLITICS_LONGEST_FIRST: &[&str] = &["وب", "فب", "ول", "فل", "وك", "فك", "لب", "و", "ف", "ب", "ل", "ك"];

/// Call `f` on the word and on each reading without proclitics, in the
/// order [`strip_proclitics`] lists them (which may repeat a reading),
/// allocating only for "لل" → "ال". For hot loops over every word.
pub fn for_each_reading(word: &str, f: &mut dyn FnMut(&str)) {
    f(word);
    // Most words start with no proclitic letter: they have no other reading.
    if !word.starts_with(PROCLITIC_LETTERS) {
        return;
    }
    for lead in ["", "و", "ف"] {
        if let Some(rest) = word.strip_prefix(lead).and_then(|w| w.strip_prefix("لل")) {
            if has_two_chars(rest) {
                f(&format!("ال{rest}"));
            }
        }
    }
    for p in PROCLITICS_LONGEST_FIRST {
        if let Some(rest) = word.strip_prefix(p) {
            if has_two_chars(rest) {
                f(rest);
            }
        }
    }
}

/// The letters every proclitic sequence (and "لل") starts with.
const PROCLITIC_LETTERS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// True when `rest` holds at least two characters (a reading is never
/// shorter), without counting the whole string.
fn has_two_chars(rest: &str) -> bool {
    rest.chars().nth(1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waw_ba_strips_to_bare_word() {
        assert!(strip_proclitics("وبالحسكه").contains(&"الحسكه".to_string()));
    }

    #[test]
    fn longest_first_lists_every_proclitic() {
        let mut a: Vec<&str> = PROCLITICS.to_vec();
        let mut b: Vec<&str> = PROCLITICS_LONGEST_FIRST.to_vec();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        assert!(PROCLITICS_LONGEST_FIRST.windows(2).all(|w| w[0].len() >= w[1].len()));
    }

    #[test]
    fn every_proclitic_starts_with_a_proclitic_letter() {
        for p in PROCLITICS.iter().chain(LAM_PROCLITICS).chain(&["لل"]) {
            assert!(p.starts_with(PROCLITIC_LETTERS), "{p}");
        }
    }

    #[test]
    fn short_words_are_not_stripped_to_nothing() {
        assert_eq!(strip_proclitics("بل"), vec!["بل"]);
    }

    #[test]
    fn lam_lam_restores_article() {
        let r = strip_proclitics("وللرقه");
        assert!(r.contains(&"الرقه".to_string()));
    }
}
