//! Spelling variants generated from a gazetteer name.
//!
//! Writers join two words when the first ends in a letter that does not
//! connect leftwards (ا د ذ ر ز و): "دير خبية" looks almost the same as
//! "ديرخبية", and "أبو كمال" as "أبوكمال". So every such space may vanish.

use crate::arabic::normalize_name;

/// Letters that never join the following letter.
const NON_CONNECTING: &[char] = &['ا', 'د', 'ذ', 'ر', 'ز', 'و', 'ء'];

/// Shortest name (in letters) the recogniser will look for.
pub const MIN_NAME_CHARS: usize = 3;

/// Normalised variants of one Arabic name: the name itself, and the forms
/// with spaces after non-connecting letters removed.
///
/// ```
/// use hudud::gazetteer::arabic_variants;
/// let v = arabic_variants("دير خبية");
/// assert!(v.contains(&"دير خبيه".to_string()));
/// assert!(v.contains(&"ديرخبيه".to_string()));
/// ```
pub fn arabic_variants(name: &str) -> Vec<String> {
    let base = normalize_name(name);
    // Stop at the letter that makes it long enough: Unicode lookups add up
    // over a whole gazetteer.
    if base.chars().filter(|c| c.is_alphabetic()).nth(MIN_NAME_CHARS - 1).is_none() {
        return Vec::new();
    }
    let mut out = vec![base.clone()];
    let words: Vec<&str> = base.split(' ').collect();
    if words.len() < 2 || words.len() > 4 {
        return out;
    }
    // Join at each eligible gap independently, then at all of them.
    let joinable: Vec<usize> =
        (0..words.len() - 1).filter(|&i| words[i].ends_with(NON_CONNECTING) && words[i].chars().count() >= 2).collect();
    let mut masks: Vec<Vec<usize>> = joinable.iter().map(|&i| vec![i]).collect();
    if joinable.len() > 1 {
        masks.push(joinable.clone());
    }
    for mask in masks {
        let mut s = String::new();
        for (i, w) in words.iter().enumerate() {
            s.push_str(w);
            if i + 1 < words.len() && !mask.contains(&i) {
                s.push(' ');
            }
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abu_kamal_joins() {
        assert!(arabic_variants("البو كمال").contains(&"البوكمال".to_string()));
    }

    #[test]
    fn connecting_letters_do_not_join() {
        assert_eq!(arabic_variants("عين العرب"), vec!["عين العرب".to_string()]);
    }

    #[test]
    fn too_short_names_are_skipped() {
        assert!(arabic_variants("اب").is_empty());
    }
}
