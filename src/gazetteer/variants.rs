//! Spelling variants generated from a gazetteer name.
//!
//! Writers join two words when the first ends in a letter that does not
//! connect leftwards (ا د ذ ر ز و): "دير خبية" looks almost the same as
//! "ديرخبية", and "أبو كمال" as "أبوكمال". So every such space may vanish.

use crate::arabic::fold_char;
#[cfg(test)]
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
    let base = normalize_name_fast(name);
    // Stop at the letter that makes it long enough: Unicode lookups add up
    // over a whole gazetteer.
    if base.chars().filter(|&c| is_alphabetic(c)).nth(MIN_NAME_CHARS - 1).is_none() {
        return Vec::new();
    }
    let spellings = other_spellings(&base);
    let mut out = joined_variants(base);
    for s in spellings {
        for v in joined_variants(s) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// Adjectives that follow a village's name to tell it from its namesake
/// ("غارية الشرقية"); news gives the name its article ("الغارية الشرقية").
const DISTINGUISHING_ADJECTIVES: &[&str] = &[
    "الشرقيه",
    "الغربيه",
    "الشماليه",
    "الجنوبيه",
    "الكبيره",
    "الصغيره",
    "الكبري",
    "الصغري",
    "الفوقاني",
    "التحتاني",
    "الفوقانيه",
    "التحتانيه",
    "القبلي",
    "القبليه",
    "البحري",
    "البحريه",
    "الجديده",
    "القديمه",
];

/// First words of compound names that news writes both apart and joined
/// ("تل كيف" / "تلكيف", "سيدكان" / "سيد كان", "كفر نبل" / "كفرنبل"): a
/// hill, spring, well, shrine, inn or village of.
const COMPOUND_HEADS: &[&str] = &["تل", "عين", "سيد", "خان", "كفر", "بير", "قره", "كاني", "دير"];

/// Letters the second part of a compound needs before it is split off.
const MIN_COMPOUND_TAIL: usize = 3;

/// The compound written the other way: split after its head when joined,
/// joined when apart (not before the article: "عين العرب").
fn compound_other_way(base: &str) -> Option<String> {
    if let Some((head, rest)) = base.split_once(' ') {
        let tail = rest.split(' ').next().unwrap_or(rest);
        return (COMPOUND_HEADS.contains(&head) && !tail.starts_with("ال")).then(|| format!("{head}{rest}"));
    }
    let head = COMPOUND_HEADS.iter().find(|h| base.starts_with(**h))?;
    let tail = &base[head.len()..];
    let long_enough = tail.chars().nth(MIN_COMPOUND_TAIL - 1).is_some();
    (long_enough && !tail.starts_with("ال")).then(|| format!("{head} {tail}"))
}

/// Other spellings news uses for a normalised name: "داوود" for "داود"
/// (and back), the article on a name followed by a distinguishing
/// adjective ("غاريه الشرقيه" → "الغاريه الشرقيه"), and a compound
/// written apart or joined ([`COMPOUND_HEADS`]).
fn other_spellings(base: &str) -> Vec<String> {
    let mut out: Vec<String> = compound_other_way(base).into_iter().collect();
    if base.contains("اوود") {
        out.push(base.replace("اوود", "اود"));
    } else if base.contains("اود") {
        out.push(base.replace("اود", "اوود"));
    }
    if let Some((first, adjective)) = base.split_once(' ') {
        if DISTINGUISHING_ADJECTIVES.contains(&adjective) && !first.starts_with("ال") {
            out.push(format!("ال{base}"));
        }
    }
    out
}

/// A normalised name and its forms with spaces after non-connecting
/// letters removed.
fn joined_variants(base: String) -> Vec<String> {
    // Most names are one word: nothing to join, no copy to make.
    if !base.contains(' ') {
        return vec![base];
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

/// [`normalize_name`] in one pass: fold each character and collapse runs
/// of white space as they come, instead of collecting, splitting and
/// joining (three allocations per name, over tens of thousands of names).
fn normalize_name_fast(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for f in name.chars().filter_map(fold_char) {
        if f.is_whitespace() {
            gap = !out.is_empty();
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(f);
        }
    }
    out
}

/// `char::is_alphabetic`, answering the Arabic letters names are made of
/// from a range (the general table lookup is slow).
#[inline]
fn is_alphabetic(c: char) -> bool {
    match c {
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition the fast paths must agree with: the joined
    /// forms of the name, then of each other spelling.
    fn variants_by_definition(name: &str) -> Vec<String> {
        let base = normalize_name(name);
        if base.chars().filter(|c| c.is_alphabetic()).nth(MIN_NAME_CHARS - 1).is_none() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for spelling in std::iter::once(base.clone()).chain(other_spellings(&base)) {
            for v in joined_by_definition(spelling) {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
        out
    }

    fn joined_by_definition(base: String) -> Vec<String> {
        let mut out = vec![base.clone()];
        let words: Vec<&str> = base.split(' ').collect();
        if words.len() < 2 || words.len() > 4 {
            return out;
        }
        let joinable: Vec<usize> = (0..words.len() - 1)
            .filter(|&i| words[i].ends_with(NON_CONNECTING) && words[i].chars().count() >= 2)
            .collect();
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

    #[test]
    fn fast_paths_agree_with_the_definition() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
        let g = crate::gazetteer::Gazetteer::builtin().unwrap();
        let mut names: Vec<String> = g.places().iter().flat_map(|p| p.arabic_names().map(String::from)).collect();
        let pieces =
            ["دير", " ", "  ", "\t", "ً", "ـ", "أبو", "\u{200f}", "ة", "a", "\u{3000}", "ز", "و", "٣", "\u{a0}"];
        let mut rng = crate::corpus::Rng::new(5);
        for _ in 0..20_000 {
            let n = 1 + rng.below(8);
            names.push((0..n).map(|_| *rng.pick(&pieces)).collect());
        }
        for name in &names {
            assert_eq!(normalize_name_fast(name), normalize_name(name), "{name:?}");
            assert_eq!(arabic_variants(name), variants_by_definition(name), "{name:?}");
        }
    }

    #[test]
    fn abu_kamal_joins() {
        assert!(arabic_variants("البو كمال").contains(&"البوكمال".to_string()));
    }

    #[test]
    fn connecting_letters_do_not_join() {
        assert_eq!(arabic_variants("عين العرب"), vec!["عين العرب".to_string()]);
    }

    #[test]
    fn dawud_is_spelled_both_ways() {
        assert!(arabic_variants("الداودية").contains(&"الداووديه".to_string()));
        assert!(arabic_variants("الداوودية").contains(&"الداوديه".to_string()));
    }

    #[test]
    fn a_distinguished_village_takes_the_article() {
        assert!(arabic_variants("غارية الشرقية").contains(&"الغاريه الشرقيه".to_string()));
        assert!(!arabic_variants("عبد الله").iter().any(|v| v.starts_with("العبد")));
    }

    #[test]
    fn compounds_are_written_apart_and_joined() {
        assert!(arabic_variants("سيدكان").contains(&"سيد كان".to_string()));
        assert!(arabic_variants("تل كيف").contains(&"تلكيف".to_string()));
        assert!(arabic_variants("تلعفر").contains(&"تل عفر".to_string()));
        assert_eq!(arabic_variants("تلول"), vec!["تلول".to_string()], "too short a tail");
        assert!(!arabic_variants("عين العرب").contains(&"عينالعرب".to_string()), "not before the article");
    }

    #[test]
    fn too_short_names_are_skipped() {
        assert!(arabic_variants("اب").is_empty());
    }
}
