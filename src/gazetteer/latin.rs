//! Latin-script name matching tolerant of transliteration variants.
//!
//! "Deir ez-Zor", "Dayr az Zawr" and "deir ezzor" are one name written by
//! different conventions. Two keys capture that: a *folded* key (ASCII,
//! articles dropped, no separators) for exact matches and a consonant
//! *skeleton* for variant matches, ranked by edit distance.

use std::borrow::Cow;

/// Article tokens dropped from Latin names ("al-Hasakah" → "hasakah").
const ARTICLES: &[&str] =
    &["al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "et", "ez", "il"];

fn fold_letter(c: char) -> Option<char> {
    // Lowercase first so capitals with diacritics (Ḩ, Ş) fold too.
    let c = c.to_lowercase().next().unwrap_or(c);
    let ascii = match c {
        'ā' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ă' | 'ą' => 'a',
        'ē' | 'é' | 'è' | 'ê' | 'ë' | 'ė' | 'ę' | 'ə' => 'e',
        'ī' | 'í' | 'ì' | 'î' | 'ï' | 'ı' | 'į' => 'i',
        'ō' | 'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ū' | 'ú' | 'ù' | 'û' | 'ü' | 'ů' => 'u',
        'ḩ' | 'ḥ' | 'ħ' | 'ḫ' | 'ẖ' => 'h',
        'ş' | 'ṣ' | 'ś' | 'š' => 's',
        'ţ' | 'ṭ' | 'ť' => 't',
        'ḑ' | 'ḍ' | 'ď' | 'đ' => 'd',
        'ẓ' | 'ż' | 'ž' | 'ź' => 'z',
        'ç' | 'č' | 'ć' => 'c',
        'ğ' | 'ġ' => 'g',
        'ñ' | 'ń' => 'n',
        'ý' | 'ÿ' => 'y',
        'ł' => 'l',
        // Ayn, hamza and apostrophes carry no letter in a search key.
        '‘' | '’' | '\'' | '`' | 'ʿ' | 'ʾ' | 'ʼ' | '‛' | '′' | '´' => return None,
        c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
        c if c.is_alphabetic() => c.to_lowercase().next().unwrap_or(c),
        _ => ' ',
    };
    Some(ascii)
}

/// Tokens of a Latin name: lowercase, diacritics off, split on non-letters.
fn tokens(name: &str) -> Vec<String> {
    let folded: String = name.chars().filter_map(fold_letter).collect();
    folded.split_whitespace().map(String::from).collect()
}

/// The folded key: tokens without articles, joined without separators.
///
/// ```
/// use hudud::gazetteer::latin_key;
/// assert_eq!(latin_key("Deir ez-Zor"), "deirzor");
/// assert_eq!(latin_key("Al Ḩasakah"), "hasakah");
/// ```
pub fn latin_key(name: &str) -> String {
    let toks = tokens(name);
    let kept: Vec<&str> =
        toks.iter().map(String::as_str).filter(|t| toks.len() == 1 || !ARTICLES.contains(t)).collect();
    kept.concat()
}

/// The consonant skeleton of a name, for variant matching.
///
/// ```
/// use hudud::gazetteer::latin_skeleton;
/// assert_eq!(latin_skeleton("Deir ez-Zor"), latin_skeleton("Dayr az Zawr"));
/// assert_eq!(latin_skeleton("deir ezzor"), latin_skeleton("Deir ez-Zor"));
/// assert_eq!(latin_skeleton("al-Hasakah"), latin_skeleton("Hassakeh"));
/// ```
pub fn latin_skeleton(name: &str) -> String {
    let toks: Vec<String> =
        tokens(name).into_iter().map(|t| strip_glued_article(&t)).filter(|t| !t.is_empty()).collect();
    let mut joined = String::new();
    for t in &toks {
        let t = t.strip_suffix('h').filter(|r| r.ends_with(['a', 'e'])).unwrap_or(t);
        // The replacements in turn, copying only when one applies: the
        // Latin index spells tens of thousands of names.
        let mut t = Cow::Borrowed(t);
        for (from, to) in [("kh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ph", "f")] {
            if t.contains(from) {
                t = Cow::Owned(t.replace(from, to));
            }
        }
        if t.contains(['q', 'c']) {
            t = Cow::Owned(t.replace(['q', 'c'], "k"));
        }
        if t.contains('j') {
            t = Cow::Owned(t.replace('j', "g"));
        }
        joined.push_str(&t);
    }
    let mut out = String::new();
    for c in joined.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Drops an article token, or an article glued to the word ("ezzor" → "zor").
fn strip_glued_article(token: &str) -> String {
    if ARTICLES.contains(&token) {
        return String::new();
    }
    // Sun-letter assimilation doubles the letter: "ezzor", "assukhnah".
    for art in ["a", "e"] {
        if let Some(rest) = token.strip_prefix(art) {
            let mut chars = rest.chars();
            if let (Some(x), Some(y)) = (chars.next(), chars.next()) {
                if x == y && "tdrzsnl".contains(x) && rest.len() > 4 {
                    return rest[1..].to_string();
                }
            }
        }
    }
    token.to_string()
}

/// Levenshtein distance over chars, for ranking skeleton matches.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skeleton as first written: every replacement copies.
    fn skeleton_by_definition(name: &str) -> String {
        let toks: Vec<String> =
            tokens(name).into_iter().map(|t| strip_glued_article(&t)).filter(|t| !t.is_empty()).collect();
        let joined = toks
            .iter()
            .map(|t| {
                let t = t.strip_suffix('h').filter(|r| r.ends_with(['a', 'e'])).unwrap_or(t);
                t.replace("kh", "k")
                    .replace("sh", "s")
                    .replace("th", "t")
                    .replace("dh", "d")
                    .replace("gh", "g")
                    .replace("ph", "f")
                    .replace(['q', 'c'], "k")
                    .replace('j', "g")
            })
            .collect::<String>();
        let mut out = String::new();
        for c in joined.chars() {
            if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') || out.ends_with(c) {
                continue;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn skeleton_agrees_with_its_definition() {
        let g = crate::gazetteer::Gazetteer::builtin().unwrap();
        let mut names: Vec<String> = g.places().iter().flat_map(|p| p.latin_names().map(String::from)).collect();
        let pieces = ["k", "h", "s", "t", "d", "g", "p", "q", "c", "j", "a", "e", " ", "-", "al", "sh", "Ḩ", "zz"];
        let mut rng = crate::corpus::Rng::new(29);
        for _ in 0..20_000 {
            names.push((0..1 + rng.below(10)).map(|_| *rng.pick(&pieces)).collect());
        }
        for name in &names {
            assert_eq!(latin_skeleton(name), skeleton_by_definition(name), "{name:?}");
        }
    }

    #[test]
    fn tanf_variants_share_skeleton() {
        assert_eq!(latin_skeleton("al-Tanf"), latin_skeleton("At Tanf"));
    }

    #[test]
    fn busayrah_variants_share_skeleton() {
        assert_eq!(latin_skeleton("al-Busayrah"), latin_skeleton("Al Buşayrah"));
        assert_eq!(latin_skeleton("Busaira"), latin_skeleton("al-Busayrah"));
    }

    #[test]
    fn capital_letters_with_diacritics_fold() {
        assert_eq!(latin_key("Al Ḩasakah"), "hasakah");
        assert_eq!(latin_key("ŞALĀḨ AD DĪN"), "salahdin");
    }

    #[test]
    fn kiswah_key() {
        assert_eq!(latin_key("al-Kiswah"), latin_key("Al Kiswah"));
    }

    #[test]
    fn single_token_article_is_kept() {
        assert_eq!(latin_key("As"), "as");
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
