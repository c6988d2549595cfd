//! Counting the dead and the arrested: "مقتل ثلاثة عناصر", "اعتقال 7 من
//! عناصرها", "أحد قياديي". The lowest figure stated wins; vague words get
//! ACLED's conventional numbers ("عدد من", several = 3; "عشرات", dozens = 12).

/// Number words (normalised) and their values.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("احد", 1), ("واحد", 1), ("اثنين", 2), ("اثنان", 2), ("ثلاثه", 3), ("ثلاث", 3), ("اربعه", 4), ("اربع", 4),
    ("خمسه", 5), ("خمس", 5), ("سته", 6), ("ست", 6), ("سبعه", 7), ("سبع", 7), ("ثمانيه", 8), ("ثماني", 8),
    ("تسعه", 9), ("تسع", 9), ("عشره", 10), ("عشر", 10), ("عشرات", 12), ("عده", 3), ("عدد", 3), ("بضعه", 3),
    ("ميات", 100),
];

/// Nouns for people (singular): one person when no number is given.
const PERSON_SINGULAR: &[&str] = &[
    "عنصر", "عنصرا", "قيادي", "قياديا", "شخص", "شخصا", "مدني", "مدنيا", "جندي", "جنديا", "ضابط", "ضابطا", "طفل", "امراه",
    "رجل", "مقاتل", "مسلح", "متهم", "مطلوب", "امير", "مسوول", "شاب", "راعي", "عضو", "ارهابي",
];

/// Words that introduce deaths and arrests.
const DEATH_WORDS: &[&str] = &["مقتل", "قتل", "مصرع", "قتلي", "اغتيال", "اعدام", "وقتل", "ومقتل", "قتله"];
const ARREST_WORDS: &[&str] = &["اعتقال", "اعتقل", "اعتقلت", "القبض", "توقيف", "احتجاز", "اسر", "باعتقال", "بالقبض"];

/// The count stated after a death or arrest word in a normalised sentence.
fn count_after(words: &[&str], heads: &[&str]) -> Option<u32> {
    let mut best: Option<u32> = None;
    for (i, w) in words.iter().enumerate() {
        let bare = w.strip_prefix('و').filter(|r| heads.contains(r)).unwrap_or(w);
        if !heads.contains(&bare) {
            continue;
        }
        let window: Vec<&str> = words.iter().skip(i + 1).take(4).copied().filter(|w| *w != "علي").collect();
        if let Some(n) = count_in(&window) {
            best = Some(best.map_or(n, |b| b.min(n)));
        }
    }
    best
}

fn count_in(window: &[&str]) -> Option<u32> {
    let first = *window.first()?;
    if let Ok(n) = first.parse::<u32>() {
        return Some(n).filter(|n| *n < 10_000);
    }
    if let Some((_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == first) {
        return Some(*n);
    }
    let bare = first.strip_prefix("ال").unwrap_or(first);
    if PERSON_SINGULAR.contains(&bare) {
        return Some(1);
    }
    // Dual nouns: "عنصرين", "شخصين", "مدنيين" is plural, so only known singulars + ين.
    if let Some(stem) = bare.strip_suffix("ين") {
        if PERSON_SINGULAR.contains(&stem) && !stem.ends_with('ي') {
            return Some(2);
        }
    }
    None
}

/// Fatalities stated in a normalised sentence (0 when none is stated).
///
/// ```
/// use hudud::incidents::fatalities;
/// assert_eq!(fatalities("اسفرت عن مقتل ثلاثه عناصر"), 3);
/// assert_eq!(fatalities("مقتل احد قياديي التنظيم"), 1);
/// assert_eq!(fatalities("لا اصابات"), 0);
/// ```
pub fn fatalities(sentence: &str) -> u32 {
    count_after(&words(sentence), DEATH_WORDS).unwrap_or(0)
}

/// Arrests stated in a normalised sentence (0 when none is stated).
///
/// ```
/// use hudud::incidents::arrests;
/// assert_eq!(arrests("اعتقال 7 من عناصرها"), 7);
/// assert_eq!(arrests("القبض على عنصرين"), 2);
/// ```
pub fn arrests(sentence: &str) -> u32 {
    count_after(&words(sentence), ARREST_WORDS).unwrap_or(0)
}

fn words(sentence: &str) -> Vec<&str> {
    sentence.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowest_figure_wins() {
        assert_eq!(fatalities("مقتل 5 عناصر وفي رواية اخري مقتل 3"), 3);
    }

    #[test]
    fn vague_several() {
        assert_eq!(arrests("القبض علي عدد من افراد الخليه"), 3);
    }

    #[test]
    fn singular_person() {
        assert_eq!(arrests("اعتقال قيادي في الخلايا"), 1);
    }
}
