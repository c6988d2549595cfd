//! Whom an attack hits: armed people or civilians.
//!
//! ACLED codes an armed group's attack on armed forces as a battle and an
//! attack on unarmed people as violence against civilians (docs/ACLED.md,
//! rule V1), so the words naming the victims or the target decide.

use crate::arabic::for_each_reading;

/// What kind of victim or target a sentence names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Soldiers, police, fighters, checkpoints, bases, patrols.
    Armed,
    /// Unarmed people: civilians, children, farmers, shepherds.
    Civilian,
}

/// Nouns (normalised, without the article) for armed people and military
/// objects, with their plural and dual forms.
const ARMED: &[&str] = &[
    "عنصر",
    "عنصرا",
    "عنصرين",
    "عناصر",
    "جندي",
    "جنديا",
    "جنديين",
    "جنود",
    "ضابط",
    "ضابطا",
    "ضابطين",
    "ضباط",
    "عسكري",
    "عسكريا",
    "عسكريين",
    "مقاتل",
    "مقاتلا",
    "مقاتلين",
    "منتسب",
    "منتسبي",
    "منتسبين",
    "مراتب",
    "شرطي",
    "شرطيا",
    "شرطيين",
    "حاجز",
    "حاجزا",
    "حواجز",
    "نقطه",
    "نقاط",
    "دوريه",
    "دوريات",
    "رتل",
    "ارتال",
    "ثكنه",
    "مقر",
    "مقرا",
    "مقرات",
    "قاعده",
    "موقع",
    "موقعا",
    "مواقع",
    "اليه",
    "اليات",
    "اليتين",
    "اليه عسكريه",
    "عجله",
    "قوه",
    "قوات",
    "مسلح",
    "مسلحين",
    "مسلحا",
    "ارهابي",
    "ارهابيا",
    "ارهابيين",
    "قيادي",
    "قياديا",
    "قياديين",
    "امير",
    "حراس",
    "حارس",
    "عنصري",
    "مخفر",
    "مخفرا",
    "كتيبه",
    "فوج",
    "لواء",
    "سريه",
    "حرس",
    // Infiltrators and smugglers met by border forces fight back: the
    // encounter is a clash ("مقتل أحد المتسللين").
    "متسلل",
    "متسللين",
    "متسللا",
    "مهرب",
    "مهربين",
    "مهربا",
];

/// Nouns (normalised, without the article) for unarmed people.
const CIVILIAN: &[&str] = &[
    "مدني",
    "مدنيا",
    "مدنيين",
    "مدنيان",
    "مواطن",
    "مواطنا",
    "مواطنين",
    "طفل",
    "طفلا",
    "طفلين",
    "اطفال",
    "امراه",
    "نساء",
    "سيده",
    "فتاه",
    "رجل",
    "رجلا",
    "رجال",
    "شاب",
    "شابا",
    "شابين",
    "شبان",
    "مزارع",
    "مزارعا",
    "مزارعين",
    "راعي",
    "رعاه",
    "راعيا",
    "تاجر",
    "تاجرا",
    "معلم",
    "مدرس",
    "مدرسا",
    "مختار",
    "سايق",
    "عامل",
    "عمال",
    "طالب",
    "طبيب",
    "صحفي",
    "ناشط",
    "عايله",
    "اسره",
    "مسن",
    "نازح",
    "نازحين",
    "لاجي",
    "صاحب",
    "اهالي",
    "سكان",
    "جامعي",
    "باعه",
    "بايع",
    "ممرض",
    "وجيه",
    "شيخ",
];

/// The kind of the first victim or target noun among `words` (each read
/// with and without proclitics and article).
///
/// ```
/// use hudud::incidents::{first_target, Target};
/// assert_eq!(first_target(["مقتل", "عنصرين", "من", "قسد"]), Some(Target::Armed));
/// assert_eq!(first_target(["مقتل", "مدني", "برصاص"]), Some(Target::Civilian));
/// assert_eq!(first_target(["اشتباكات", "عنيفه"]), None);
/// ```
pub fn first_target<'w>(words: impl IntoIterator<Item = &'w str>) -> Option<Target> {
    words.into_iter().find_map(target_of_word)
}

/// The nouns of [`ARMED`] and [`CIVILIAN`] with their kind, looked up in
/// one probe.
fn nouns() -> &'static crate::FastMap<&'static str, Target> {
    static NOUNS: std::sync::OnceLock<crate::FastMap<&'static str, Target>> = std::sync::OnceLock::new();
    NOUNS.get_or_init(|| {
        let armed = ARMED.iter().map(|n| (*n, Target::Armed));
        // A noun on both lists is armed ("مسلح" is not a civilian).
        CIVILIAN.iter().map(|n| (*n, Target::Civilian)).chain(armed).collect()
    })
}

/// The kind of victim one normalised word names, if any (duals read as
/// their singular: "الراعيين", "جنديين").
fn target_of_word(word: &str) -> Option<Target> {
    let nouns = nouns();
    let mut found = None;
    for_each_reading(word, &mut |r| {
        if found.is_some() {
            return;
        }
        let bare = r.strip_prefix("ال").unwrap_or(r);
        found = nouns.get(bare).copied().or_else(|| {
            let single = bare.strip_suffix("ين").or_else(|| bare.strip_suffix("ان"))?;
            (single.chars().count() >= 3).then(|| nouns.get(single).copied()).flatten()
        });
    });
    found
}

/// Every word list of this module (for the normalisation check).
#[cfg(test)]
pub(crate) fn lexicon() -> Vec<&'static str> {
    ARMED.iter().chain(CIVILIAN).copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_and_article_are_read_through() {
        assert_eq!(target_of_word("والجنود"), Some(Target::Armed));
        assert_eq!(target_of_word("لمدنيين"), Some(Target::Civilian));
        assert_eq!(target_of_word("بالحاجز"), Some(Target::Armed));
    }

    /// The lists read in order, as first written: armed before civilian.
    fn target_by_scanning(word: &str) -> Option<Target> {
        let mut found = None;
        for_each_reading(word, &mut |r| {
            let bare = r.strip_prefix("ال").unwrap_or(r);
            let single = bare.strip_suffix("ين").or_else(|| bare.strip_suffix("ان")).filter(|s| s.chars().count() >= 3);
            let known = |w: &str| ARMED.contains(&w) || CIVILIAN.contains(&w);
            let bare = match single {
                Some(s) if !known(bare) => s,
                _ => bare,
            };
            if found.is_none() {
                found = if ARMED.contains(&bare) {
                    Some(Target::Armed)
                } else if CIVILIAN.contains(&bare) {
                    Some(Target::Civilian)
                } else {
                    None
                };
            }
        });
        found
    }

    #[test]
    fn the_table_agrees_with_scanning_the_lists() {
        let pieces = ["و", "ب", "ل", "ال", "ين", "ان", "ا"];
        let mut rng = crate::corpus::Rng::new(41);
        for noun in ARMED.iter().chain(CIVILIAN) {
            for _ in 0..4 {
                let word = format!("{}{noun}{}", pieces[rng.below(4)], pieces[4 + rng.below(3)]);
                assert_eq!(target_of_word(&word), target_by_scanning(&word), "{word}");
            }
            assert_eq!(target_of_word(noun), target_by_scanning(noun), "{noun}");
        }
    }

    #[test]
    fn duals_read_as_singulars() {
        assert_eq!(target_of_word("الراعيين"), Some(Target::Civilian));
        assert_eq!(target_of_word("جنديين"), Some(Target::Armed));
    }

    #[test]
    fn first_noun_decides() {
        assert_eq!(first_target(["استهدف", "مدنيين", "قرب", "حاجز"]), Some(Target::Civilian));
        assert_eq!(first_target(["هاجموا", "حاجزا", "وقتلوا", "مدنيا"]), Some(Target::Armed));
    }
}
