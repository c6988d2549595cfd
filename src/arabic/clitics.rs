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
    let mut out = vec![word.to_string()];
    for lead in ["", "و", "ف"] {
        if let Some(rest) = word.strip_prefix(lead).and_then(|w| w.strip_prefix("لل")) {
            if rest.chars().count() >= 2 {
                out.push(format!("ال{rest}"));
            }
        }
    }
    let mut by_length: Vec<&&str> = PROCLITICS.iter().collect();
    by_length.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in by_length {
        if let Some(rest) = word.strip_prefix(*p) {
            if rest.chars().count() >= 2 && !out.iter().any(|o| o == rest) {
                out.push(rest.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waw_ba_strips_to_bare_word() {
        assert!(strip_proclitics("وبالحسكه").contains(&"الحسكه".to_string()));
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
