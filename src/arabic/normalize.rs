//! Orthographic normalisation of Arabic text with a map back to the source.
//!
//! News spells the same name many ways: with or without hamza and diacritics,
//! with taa marbuta or haa, with Persian/Kurdish letters, with Eastern Arabic
//! digits. Matching happens on a folded form; the offset map lets every match
//! point back to its exact span in the original text.

/// Text folded for matching, with the original byte offset of every byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the byte offset in the source of the character that
    /// produced byte `i` of `text`; one extra entry holds the source length.
    origin: Vec<u32>,
}

impl Normalized {
    /// The folded text of the source byte span `start..end` (folding is
    /// per character, so this equals folding the span on its own).
    ///
    /// ```
    /// let src = "قال: في الحَسَكة";
    /// let n = hudud::arabic::normalize(src);
    /// assert_eq!(n.slice_of(src.find("في").unwrap(), src.len()), "في الحسكه");
    /// ```
    pub fn slice_of(&self, start: usize, end: usize) -> &str {
        &self.text[self.folded_range(start, end)]
    }

    /// Byte range in the folded text of the source byte span `start..end`.
    ///
    /// ```
    /// let src = "قال: في الحَسَكة";
    /// let n = hudud::arabic::normalize(src);
    /// let r = n.folded_range(src.find("في").unwrap(), src.len());
    /// assert_eq!(&n.text[r], "في الحسكه");
    /// ```
    pub fn folded_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let a = self.origin.partition_point(|&o| (o as usize) < start).min(self.text.len());
        let b = self.origin.partition_point(|&o| (o as usize) < end).min(self.text.len()).max(a);
        a..b
    }

    /// Byte span in the source text of the folded byte span `start..end`.
    ///
    /// ```
    /// use hudud::arabic::normalize;
    /// let source = "في الحَسَكة";
    /// let n = normalize(source);
    /// let at = n.text.find("الحسكه").unwrap();
    /// let (s, e) = n.source_span(at, at + "الحسكه".len());
    /// assert_eq!(&source[s..e], "الحَسَكة");
    /// ```
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.origin[start.min(self.origin.len() - 1)] as usize;
        // The end maps to the start of the next kept character, so any
        // dropped marks after the last letter stay inside the span.
        let e = self.origin[end.min(self.origin.len() - 1)] as usize;
        (s, e.max(s))
    }
}

/// Fold one character; `None` drops it (diacritics, tatweel, invisible marks).
pub fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        // Tashkeel, Quranic marks, superscript alef, tatweel.
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => return None,
        '\u{06D6}'..='\u{06ED}' | '\u{0640}' => return None,
        // Zero-width and bidirectional controls that editors leave in text.
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
        'ة' => 'ه',
        'ى' | 'ئ' | 'ی' | 'ې' | 'ێ' => 'ي',
        'ؤ' | 'ۆ' | 'ۇ' | 'ۈ' => 'و',
        'ک' | 'گ' => 'ك',
        'ھ' | 'ە' | 'ہ' => 'ه',
        'ڕ' => 'ر',
        'ڵ' => 'ل',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    };
    Some(folded)
}

/// Normalise `source` for matching and keep the offset map.
///
/// ```
/// use hudud::arabic::normalize;
/// assert_eq!(normalize("إدلب").text, "ادلب");
/// assert_eq!(normalize("مُحافَظَة").text, "محافظه");
/// assert_eq!(normalize("٢٠٢٥").text, "2025");
/// ```
pub fn normalize(source: &str) -> Normalized {
    let table = arabic_block_folds();
    let bytes = source.as_bytes();
    let mut text = String::with_capacity(source.len());
    let mut origin = Vec::with_capacity(source.len() + 1);
    let mut keep = |text: &mut String, f: char, at: usize| {
        text.push(f);
        origin.extend(std::iter::repeat_n(at as u32, f.len_utf8()));
    };
    let mut at = 0;
    // ASCII and the Arabic block (two bytes, lead 0xD8–0xDB) are folded
    // from tables; anything else goes through `fold_char`.
    while let Some(&b) = bytes.get(at) {
        let (folded, len) = match (b, bytes.get(at + 1)) {
            (..0x80, _) => (Some(char::from(b.to_ascii_lowercase())), 1),
            (0xD8..=0xDB, Some(&b1)) => (table[usize::from(b & 0x03) << 6 | usize::from(b1 & 0x3F)], 2),
            _ => {
                let c = source[at..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                (fold_char(c), c.len_utf8())
            }
        };
        if let Some(f) = folded {
            keep(&mut text, f, at);
        }
        at += len;
    }
    origin.push(source.len() as u32);
    Normalized { text, origin }
}

/// `fold_char` for U+0600–U+06FF, by offset in the block.
fn arabic_block_folds() -> &'static [Option<char>; 256] {
    static TABLE: std::sync::OnceLock<[Option<char>; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|i| char::from_u32(0x600 + i as u32).and_then(fold_char)))
}

/// Normalise a name (no offsets kept), collapsing runs of white space.
///
/// ```
/// assert_eq!(hudud::arabic::normalize_name("  دير   الزّور "), "دير الزور");
/// ```
pub fn normalize_name(name: &str) -> String {
    let folded: String = name.chars().filter_map(fold_char).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for characters that belong inside a word (letters and digits).
/// ASCII and the Arabic block are answered from ranges: the general
/// Unicode table lookup was a third of the run time on Arabic text.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06FC}' | '\u{06FF}' => true,
        '\u{0600}'..='\u{06FF}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Split text into words (maximal runs of word characters), dropping the
/// empty pieces between separators.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
}

/// Where the word holding byte `at` starts: `at` itself when no word
/// character comes right before it (`at` must be a char boundary).
///
/// ```
/// assert_eq!(hudud::arabic::word_start("في البوكمال", "في البو".len()), "في ".len());
/// ```
pub fn word_start(text: &str, at: usize) -> usize {
    text[..at].rfind(|c: char| !is_word_char(c)).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8))
}

/// Where the word holding byte `at` ends: `at` itself when no word
/// character follows (`at` must be a char boundary).
///
/// ```
/// assert_eq!(hudud::arabic::word_end("البوكمال اليوم", "البو".len()), "البوكمال".len());
/// ```
pub fn word_end(text: &str, at: usize) -> usize {
    text[at..].find(|c: char| !is_word_char(c)).map_or(text.len(), |i| at + i)
}

/// [`words`] with the byte offset of each word in `text`.
///
/// ```
/// let spans: Vec<(usize, &str)> = hudud::arabic::word_spans("قال، في").collect();
/// assert_eq!(spans, vec![(0, "قال"), ("قال، ".len(), "في")]);
/// ```
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // Every word is a subslice of `text`: its offset is the pointer distance.
    words(text).map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_agree_with_fold_char_on_random_text() {
        let pieces = ["أ", "ة", "ً", "ـ", "٣", "A", "z", " ", "\u{200f}", "é", "😀", "ۆ", "ی", "ﻻ", "ۿ", "؟"];
        let mut rng = crate::corpus::Rng::new(11);
        for _ in 0..2000 {
            let source: String = (0..rng.below(20)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let n = normalize(&source);
            let expected: String = source.chars().filter_map(fold_char).collect();
            assert_eq!(n.text, expected, "{source:?}");
            assert_eq!(n.origin.len(), n.text.len() + 1);
            for (i, c) in n.text.char_indices() {
                let from = n.origin[i] as usize;
                assert_eq!(fold_char(source[from..].chars().next().unwrap()), Some(c));
            }
        }
    }

    #[test]
    fn hamza_forms_fold_to_bare_alef() {
        assert_eq!(normalize_name("أإآٱ"), "اااا");
    }

    #[test]
    fn taa_marbuta_and_alef_maqsura_fold() {
        assert_eq!(normalize_name("الرقة"), "الرقه");
        assert_eq!(normalize_name("مصطفى"), "مصطفي");
    }

    #[test]
    fn persian_and_kurdish_letters_fold() {
        assert_eq!(normalize_name("کوبانی"), "كوباني");
        assert_eq!(normalize_name("گ"), "ك");
    }

    #[test]
    fn tatweel_and_diacritics_vanish() {
        assert_eq!(normalize_name("لـ\u{064E}داعش"), "لداعش");
    }

    #[test]
    fn persian_digits_fold() {
        assert_eq!(normalize("۱۲").text, "12");
    }

    #[test]
    fn word_chars_agree_with_unicode_on_arabic() {
        // On normalised text: the marks normalisation drops never reach it.
        let mut bad = Vec::new();
        for c in ('\u{0600}'..='\u{06FF}')
            .chain('a'..='z')
            .chain(['٣', '،', '؟', 'é', '中'])
            .filter(|c| fold_char(*c) == Some(*c))
        {
            let expect = c.is_alphanumeric();
            if is_word_char(c) != expect {
                bad.push(format!("U+{:04X}", c as u32));
            }
        }
        assert!(bad.is_empty(), "disagree: {bad:?}");
    }

    #[test]
    fn offsets_point_back_to_source() {
        let src = "قال: بِالحَسَكَةِ أمس";
        let n = normalize(src);
        let at = n.text.find("الحسكه").unwrap();
        let (s, e) = n.source_span(at, at + "الحسكه".len());
        assert_eq!(&src[s..e], "الحَسَكَةِ");
    }

    #[test]
    fn span_at_end_of_text_is_valid() {
        let src = "دمشق";
        let n = normalize(src);
        assert_eq!(n.source_span(0, n.text.len()), (0, src.len()));
    }
}
