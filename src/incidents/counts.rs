//! Counting the dead and the arrested: "مقتل ثلاثة عناصر", "اعتقال 7 من
//! عناصرها", "أحد قياديي". The lowest figure stated wins; vague words get
//! ACLED's conventional numbers ("عدد من", several = 3; "عشرات", dozens = 12).

/// Number words (normalised) and their values.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("احد", 1),
    ("واحد", 1),
    ("اثنين", 2),
    ("اثنان", 2),
    ("ثلاثه", 3),
    ("ثلاث", 3),
    ("اربعه", 4),
    ("اربع", 4),
    ("خمسه", 5),
    ("خمس", 5),
    ("سته", 6),
    ("ست", 6),
    ("سبعه", 7),
    ("سبع", 7),
    ("ثمانيه", 8),
    ("ثماني", 8),
    ("تسعه", 9),
    ("تسع", 9),
    ("عشره", 10),
    ("عشر", 10),
    ("عشرات", 12),
    ("عده", 3),
    ("عدد", 3),
    ("بضعه", 3),
    ("ميات", 100),
];

/// Nouns for people (singular): one person when no number is given.
const PERSON_SINGULAR: &[&str] = &[
    "عنصر",
    "عنصرا",
    "قيادي",
    "قياديا",
    "شخص",
    "شخصا",
    "مدني",
    "مدنيا",
    "جندي",
    "جنديا",
    "ضابط",
    "ضابطا",
    "طفل",
    "امراه",
    "رجل",
    "مقاتل",
    "مسلح",
    "متهم",
    "مطلوب",
    "امير",
    "مسوول",
    "شاب",
    "راعي",
    "عضو",
    "ارهابي",
];

/// Person nouns whose plural is broken ("عناصر", "أشخاص"): a form ending in
/// "ي" is their dual in construct, never a plural.
const BROKEN_PLURAL_NOUNS: &[&str] = &["عنصر", "شخص", "ضابط", "جندي", "طفل", "رجل", "شاب", "عضو"];

/// Words that introduce deaths and arrests.
pub(super) const DEATH_WORDS: &[&str] = &[
    "مقتل",
    "قتل",
    "مصرع",
    "قتلي",
    "اغتيال",
    "اعدام",
    "وقتل",
    "ومقتل",
    "قتله",
    "بمقتل",
    "بمصرع",
    "مقتلهما",
    "مصرعهما",
    "استشهاد",
    "باستشهاد",
];
pub(super) const ARREST_WORDS: &[&str] =
    &["اعتقال", "اعتقل", "اعتقلت", "القبض", "توقيف", "احتجاز", "اسر", "باعتقال", "بالقبض"];

/// Plural nouns for people: a number right before one is a head count.
const PERSON_PLURAL: &[&str] = &[
    "عناصر",
    "اشخاص",
    "مدنيين",
    "مسلحين",
    "اعضاء",
    "جنود",
    "ضباط",
    "قياديين",
    "مقاتلين",
    "متهمين",
    "مطلوبين",
    "شبان",
    "رجال",
    "اطفال",
    "نساء",
    "افراد",
    "ارهابيين",
    "مشتبهين",
    "قتلي",
    "من",
];

/// The count stated after a death or arrest word in a normalised sentence:
/// a number followed by a word for people within the next ten words
/// ("اعتقلت قسد، فجر أمس، خمسة عناصر"), or a singular or dual noun for a
/// person right after the word ("مقتل قيادي", "اعتقال شخصين"), or a dual
/// pronoun on the word itself ("ما أسفر عن مقتلهما").
fn count_after(words: &[&str], heads: &[&str]) -> Option<u32> {
    let mut best: Option<u32> = None;
    for (i, w) in words.iter().enumerate() {
        let bare = w.strip_prefix('و').filter(|r| heads.contains(r)).unwrap_or(w);
        if !heads.contains(&bare) {
            continue;
        }
        let window: Vec<&str> = words.iter().skip(i + 1).take(10).copied().filter(|w| *w != "علي").collect();
        let counted = number_at(&window)
            .or_else(|| (0..window.len()).find_map(|j| head_count(&window[j..])))
            .or_else(|| person_noun(&window))
            .or_else(|| bare.ends_with("هما").then_some(2));
        if let Some(n) = counted {
            best = Some(best.map_or(n, |b| b.min(n)));
        }
    }
    best
}

/// A number right after the word ("مقتل 3", "مقتل اثنين وجرح آخر": the
/// people left unsaid), unless a month follows (a date).
fn number_at(window: &[&str]) -> Option<u32> {
    let first = *window.first()?;
    let n: u32 = first.parse().ok().filter(|n| *n < 10_000).or_else(|| exact_number_word(first))?;
    let next = window.get(1).copied().unwrap_or("");
    (!super::dates::is_month_name(next)).then_some(n)
}

/// The value of a number word that states an exact figure ("اثنين",
/// "خمسة"; not "عدد", "عشرات").
fn exact_number_word(word: &str) -> Option<u32> {
    let vague = matches!(word, "عشرات" | "عده" | "عدد" | "بضعه" | "ميات");
    NUMBER_WORDS.iter().find(|(w, _)| *w == word && !vague).map(|(_, n)| *n)
}

/// A number followed by a people word ("خمسة عناصر", "7 من").
fn head_count(window: &[&str]) -> Option<u32> {
    let first = *window.first()?;
    let n = first
        .parse::<u32>()
        .ok()
        .filter(|n| *n < 10_000)
        .or_else(|| NUMBER_WORDS.iter().find(|(w, _)| *w == first).map(|(_, n)| *n))?;
    let next = window.get(1).map(|w| w.strip_prefix("ال").unwrap_or(w))?;
    (PERSON_PLURAL.contains(&next) || PERSON_SINGULAR.contains(&next)).then_some(n)
}

/// A singular (one) or dual (two) person noun right after the word.
fn person_noun(window: &[&str]) -> Option<u32> {
    let first = *window.first()?;
    if NUMBER_WORDS.iter().any(|(w, _)| *w == first) && first == "احد" {
        return Some(1);
    }
    let bare = first.strip_prefix("ال").unwrap_or(first);
    if PERSON_SINGULAR.contains(&bare) {
        return Some(1);
    }
    // A dual before its complement drops its "ن" ("مقتل عنصري أمن"): only
    // for nouns whose plural is broken, since "مقاتلي داعش" is a plural.
    if bare.strip_suffix('ي').is_some_and(|stem| BROKEN_PLURAL_NOUNS.contains(&stem)) {
        return Some(2);
    }
    // Duals: "عنصرين", "شخصين" (but "مدنيين" is a plural).
    let stem = bare.strip_suffix("ين").or_else(|| bare.strip_suffix("ان"))?;
    (PERSON_SINGULAR.contains(&stem) && !stem.ends_with('ي')).then_some(2)
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

/// [`fatalities`] and [`arrests`] of one normalised sentence, given
/// whether it holds an entry of [`DEATH_WORDS`] and of [`ARREST_WORDS`]
/// anywhere (a scan of the whole article finds them): a word counted from
/// is one of them, alone or after "و", so a sentence that holds none
/// counts nothing. Most incident sentences hold neither and are not split
/// into words; the others are split once for both counts.
pub(crate) fn fatalities_and_arrests(sentence: &str, holds_death_word: bool, holds_arrest_word: bool) -> (u32, u32) {
    if !holds_death_word && !holds_arrest_word {
        return (0, 0);
    }
    let words = words(sentence);
    let count = |holds: bool, heads: &[&str]| if holds { count_after(&words, heads).unwrap_or(0) } else { 0 };
    (count(holds_death_word, DEATH_WORDS), count(holds_arrest_word, ARREST_WORDS))
}

/// Arrests stated in a normalised sentence (0 when none is stated).
///
/// ```
/// use hudud::incidents::arrests;
/// assert_eq!(arrests("اعتقال 7 من عناصرها"), 7);
/// assert_eq!(arrests("القبض علي عنصرين"), 2); // normalised: على → علي
/// ```
pub fn arrests(sentence: &str) -> u32 {
    count_after(&words(sentence), ARREST_WORDS).unwrap_or(0)
}

fn words(sentence: &str) -> Vec<&str> {
    crate::arabic::words(sentence).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowest_figure_wins() {
        assert_eq!(fatalities("مقتل 5 عناصر وفي رواية اخري مقتل 3"), 3);
    }

    #[test]
    fn a_number_word_alone_counts_people() {
        assert_eq!(fatalities("ادي القصف الي مقتل اثنين وجرح اخر"), 2);
        assert_eq!(fatalities("مقتل عدد وجرح اخرين"), 0);
        assert_eq!(fatalities("بمقتل عنصري امن واصابه ثالث"), 2);
        assert_eq!(fatalities("والهجوم يسفر عن استشهاد 7 مواطنين"), 7);
        assert_eq!(fatalities("اطلقوا النار علي الشابين ما اسفر عن مقتلهما علي الفور"), 2);
        assert_eq!(fatalities("مقتل مقاتلي التنظيم"), 0, "a plural in construct is no dual");
    }

    #[test]
    fn vague_several() {
        assert_eq!(arrests("القبض علي عدد من افراد الخليه"), 3);
    }

    #[test]
    fn scan_first_agrees_with_counting_every_sentence() {
        let pieces = [
            " ",
            "مقتل ",
            "وقتل ",
            "قتلي",
            "اسرائيل ",
            "اعتقال ",
            "بالقبض ",
            "علي ",
            "3 ",
            "ثلاثه ",
            "عناصر ",
            "شخصين",
            "قيادي ",
        ];
        let mut rng = crate::corpus::Rng::new(29);
        let mut counted = 0;
        for _ in 0..20000 {
            let text: String = (0..rng.below(14)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let holds = |heads: &[&str]| heads.iter().any(|h| text.contains(h));
            let both = fatalities_and_arrests(&text, holds(DEATH_WORDS), holds(ARREST_WORDS));
            assert_eq!(both, (fatalities(&text), arrests(&text)), "{text:?}");
            counted += usize::from(both != (0, 0));
        }
        assert!(counted > 1000, "too few sentences count anything to test: {counted}");
    }

    #[test]
    fn singular_person() {
        assert_eq!(arrests("اعتقال قيادي في الخلايا"), 1);
    }
}
