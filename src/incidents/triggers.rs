//! The incident trigger lexicon: Arabic words (with their morphological
//! variants) that report an event, mapped to ACLED event types.

use crate::arabic::for_each_reading;
use crate::FastMap;
use std::sync::OnceLock;

/// What a trigger word reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tactic {
    /// Armed clash, exchange of fire.
    Clash,
    /// An attack on forces or a position (coded as a clash).
    Attack,
    /// Air or drone strike ("غارة").
    AirStrike,
    /// A drone ("مسيرة"): a drone strike only when what drones do to a
    /// target is told ("طائرة مسيرة رافقت القوة" is no strike).
    Drone,
    /// Suicide bombing.
    SuicideBomb,
    /// A suicide attacker named ("انتحاري"): a suicide bombing when an
    /// attack or explosion is told too ("نقل الانتحاريين" is not one).
    SuicideAttacker,
    /// Artillery, rockets, mortars.
    Shelling,
    /// IED, landmine, car bomb, explosion.
    Explosive,
    /// Hand grenade.
    Grenade,
    /// Killing, assassination, shooting of a person.
    Killing,
    /// Abduction, kidnapping.
    Abduction,
    /// Arrest, detention, capture.
    Arrest,
    /// Raid, security operation, sweep (outcome decides the type).
    Raid,
    /// Foiled attack, seized or defused weapons.
    Disrupted,
    /// Escape or escape attempt (prison, camp).
    Escape,
    /// Shooting at someone ("أطلق مسلحون النار على").
    Shooting,
    /// Bombardment ("قصف"): from the air with aircraft named, else shelling.
    Bombardment,
    /// A body found ("العثور على جثة"): a killing, victim unknown.
    BodyFound,
    /// Something shot down or intercepted: a drone or missile when
    /// aircraft or rockets are named ("أسقطت طائرة مسيرة").
    Intercept,
    /// Control of territory taken ("سيطرت على").
    Territory,
    /// Control of territory taken back ("استعادت السيطرة على نقطة"): by a
    /// government unless an armed group is named as the one acting.
    Retaking,
    /// A strike ("ضربة", "ضربات"): an air strike when aircraft are named,
    /// else nothing (a "blow" to a group is a figure of speech).
    Strike,
    /// Targeting ("استهدفت", "استهداف"): an air strike when aircraft are
    /// the subject, else nothing of its own (what was used tells).
    Targeting,
    /// A demonstration, protest or sit-in.
    Protest,
    /// Rioting: stones thrown, tyres burnt, property smashed.
    Riot,
}

/// A trigger stem: a word matches when, after removing proclitics and the
/// article, it starts with `stem` and what follows is a short suffix.
struct Stem {
    stem: &'static str,
    tactic: Tactic,
    /// The word must be exactly the stem (plus allowed suffixes), not longer.
    exact: bool,
}

const fn s(stem: &'static str, tactic: Tactic) -> Stem {
    Stem { stem, tactic, exact: false }
}

const fn x(stem: &'static str, tactic: Tactic) -> Stem {
    Stem { stem, tactic, exact: true }
}

/// Normalised stems (hamza folded, ة → ه, ى → ي).
const STEMS: &[Stem] = &[
    s("اشتباك", Tactic::Clash),
    s("اشتبك", Tactic::Clash),
    x("مواجهات", Tactic::Clash),
    x("معارك", Tactic::Clash),
    s("اقتتال", Tactic::Clash),
    x("هجوم", Tactic::Attack),
    x("هجمات", Tactic::Attack),
    x("هجوما", Tactic::Attack),
    s("هاجم", Tactic::Attack),
    x("كمين", Tactic::Attack),
    x("كمينا", Tactic::Attack),
    x("غاره", Tactic::AirStrike),
    x("غارات", Tactic::AirStrike),
    x("مسيره", Tactic::Drone),
    x("مسيرات", Tactic::Drone),
    x("انتحاري", Tactic::SuicideAttacker),
    x("انتحاريه", Tactic::SuicideAttacker),
    x("انتحاريا", Tactic::SuicideAttacker),
    x("انغماسي", Tactic::SuicideAttacker),
    x("قذايف", Tactic::Shelling),
    x("قذيفه", Tactic::Shelling),
    x("هاون", Tactic::Shelling),
    x("مدفعي", Tactic::Shelling),
    x("مدفعيه", Tactic::Shelling),
    x("صاروخي", Tactic::Shelling),
    x("صاروخيه", Tactic::Shelling),
    x("عبوه", Tactic::Explosive),
    x("عبوات", Tactic::Explosive),
    x("لغم", Tactic::Explosive),
    x("الغام", Tactic::Explosive),
    x("مفخخه", Tactic::Explosive),
    x("مفخخات", Tactic::Explosive),
    x("ملغمه", Tactic::Explosive),
    s("تفجير", Tactic::Explosive),
    s("انفجار", Tactic::Explosive),
    x("ناسفه", Tactic::Explosive),
    s("تظاهر", Tactic::Protest),
    s("متظاهر", Tactic::Protest),
    s("محتج", Tactic::Protest),
    x("مظاهره", Tactic::Protest),
    x("مظاهرات", Tactic::Protest),
    s("احتجاج", Tactic::Protest),
    s("اعتصم", Tactic::Protest),
    s("اعتصام", Tactic::Protest),
    s("رشق", Tactic::Riot),
    x("شغب", Tactic::Riot),
    s("استهدف", Tactic::Targeting),
    s("استهداف", Tactic::Targeting),
    s("تستهدف", Tactic::Targeting),
    s("يستهدف", Tactic::Targeting),
    x("ضربه", Tactic::Strike),
    x("ضربات", Tactic::Strike),
    x("قنبله", Tactic::Grenade),
    x("قنابل", Tactic::Grenade),
    s("قصف", Tactic::Bombardment),
    s("يقصف", Tactic::Bombardment),
    s("تقصف", Tactic::Bombardment),
    x("صاروخ", Tactic::Shelling),
    x("صواريخ", Tactic::Shelling),
    x("صاروخين", Tactic::Shelling),
    x("راجمه", Tactic::Shelling),
    x("كاتيوشا", Tactic::Shelling),
    x("قتل", Tactic::Killing),
    x("مقتول", Tactic::Killing),
    x("مقتوله", Tactic::Killing),
    x("طعنا", Tactic::Killing),
    s("طعن", Tactic::Killing),
    x("ذبح", Tactic::Killing),
    x("ذبحا", Tactic::Killing),
    x("نحرا", Tactic::Killing),
    x("خنقا", Tactic::Killing),
    s("اسقط", Tactic::Intercept),
    s("يسقط", Tactic::Intercept),
    s("تسقط", Tactic::Intercept),
    s("اسقاط", Tactic::Intercept),
    s("اعترض", Tactic::Intercept),
    s("اعتراض", Tactic::Intercept),
    x("قتلت", Tactic::Killing),
    x("قتلوا", Tactic::Killing),
    x("مقتل", Tactic::Killing),
    x("مصرع", Tactic::Killing),
    // The death of someone just named ("ما أسفر عن مقتلهما").
    x("مقتله", Tactic::Killing),
    x("مقتلها", Tactic::Killing),
    x("مقتلهما", Tactic::Killing),
    x("مقتلهم", Tactic::Killing),
    x("مصرعه", Tactic::Killing),
    x("مصرعها", Tactic::Killing),
    x("مصرعهما", Tactic::Killing),
    x("مصرعهم", Tactic::Killing),
    x("قتلي", Tactic::Killing),
    x("قنص", Tactic::Killing),
    x("قناص", Tactic::Killing),
    s("اعتداء", Tactic::Attack),
    s("اغتيال", Tactic::Killing),
    s("اغتال", Tactic::Killing),
    x("برصاص", Tactic::Killing),
    x("اعدام", Tactic::Killing),
    x("اعدم", Tactic::Killing),
    s("اختطاف", Tactic::Abduction),
    s("اختطف", Tactic::Abduction),
    x("خطف", Tactic::Abduction),
    x("خطفت", Tactic::Abduction),
    x("خطفوا", Tactic::Abduction),
    s("تعتقل", Tactic::Arrest),
    s("يعتقل", Tactic::Arrest),
    s("تحبط", Tactic::Disrupted),
    s("يحبط", Tactic::Disrupted),
    s("تداهم", Tactic::Raid),
    s("يداهم", Tactic::Raid),
    s("تهاجم", Tactic::Attack),
    s("يهاجم", Tactic::Attack),
    s("اعتقال", Tactic::Arrest),
    s("اعتقل", Tactic::Arrest),
    x("القبض", Tactic::Arrest),
    x("قبض", Tactic::Arrest),
    s("توقيف", Tactic::Arrest),
    s("اوقف", Tactic::Arrest),
    s("احتجاز", Tactic::Arrest),
    s("احتجز", Tactic::Arrest),
    x("دهم", Tactic::Raid),
    x("صد", Tactic::Clash),
    x("صدت", Tactic::Clash),
    s("تصدت", Tactic::Clash),
    s("تصدي", Tactic::Clash),
    s("مداهم", Tactic::Raid),
    s("داهم", Tactic::Raid),
    x("انزال", Tactic::Raid),
    s("احباط", Tactic::Disrupted),
    s("احبط", Tactic::Disrupted),
    x("فرار", Tactic::Escape),
    x("هروب", Tactic::Escape),
    x("الفرار", Tactic::Escape),
    s("هرب", Tactic::Escape),
];

/// Words that report a seizure or a defused device only when weapons are
/// their object ("ضبط أسلحة", "تفكيك عبوة"; not "ضبط الحدود", "تفكيك خلية").
pub const SEIZURE_WORDS: &[&str] = &[
    "ضبط",
    "ضبطت",
    "ضبطوا",
    "تضبط",
    "يضبط",
    "تفكيك",
    "فككت",
    "فكك",
    "تفكك",
    "يفكك",
    "مصادره",
    "صادرت",
    "العثور",
    "عثرت",
    "عثر",
    "عثروا",
    "يعثر",
    "ضبطها",
    "تصادر",
];

/// Verbs of taking back ("استعادت"): control of territory when what is
/// taken back is a position or control itself (see [`HELD_PLACES`]).
pub const RECOVERY_WORDS: &[&str] = &["استعاد", "استعادت", "يستعيد", "تستعيد", "استعاده", "استعادوا"];

/// What a force takes back when it regains territory.
pub const HELD_PLACES: &[&str] = &[
    "السيطره",
    "نقطه",
    "قريه",
    "بلده",
    "مدينه",
    "موقع",
    "مواقع",
    "تله",
    "تلال",
    "حي",
    "منطقه",
    "مناطق",
    "قري",
    "بلدات",
    "مقر",
    "قاعده",
];

/// Weapons, explosives and contraband that make a seizure an event.
pub const WEAPON_WORDS: &[&str] = &[
    "اسلحه",
    "سلاح",
    "ذخاير",
    "ذخيره",
    "متفجرات",
    "عبوه",
    "عبوات",
    "صواريخ",
    "صاروخ",
    "قذايف",
    "مخدرات",
    "حبوب",
    "كبتاغون",
    "الكبتاغون",
    "بنادق",
    "مستودع",
    "مخزن",
    "الغام",
    "لغم",
    "مفخخه",
    "ملغمه",
    "ناسفه",
    "ناسفا",
    "احزمه",
    "سترات",
    "قنابل",
];

/// All trigger stems (for checks).
#[cfg(test)]
pub(crate) fn stems() -> Vec<&'static str> {
    STEMS.iter().map(|s| s.stem).collect()
}

/// Strings every word with a [`WordRole`] contains: the stems, seizure and
/// weapon words, and each of them without its article ("للقبض" holds
/// "قبض", not "القبض"). A word holding none has no role, so a scan for
/// these finds every word worth looking up.
pub(crate) fn role_markers() -> Vec<&'static str> {
    let all =
        STEMS.iter().map(|s| s.stem).chain(SEIZURE_WORDS.iter().chain(WEAPON_WORDS).chain(RECOVERY_WORDS).copied());
    // A construct form ("غارت") holds its stem without the final letter:
    // the stems' own first letters cover it only through that prefix.
    let construct = STEMS.iter().filter(|s| s.exact).filter_map(|s| s.stem.strip_suffix('ه'));
    let mut out: Vec<&'static str> =
        all.flat_map(|w| [Some(w), w.strip_prefix("ال")]).flatten().chain(construct).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Suffixes a stem may carry (verb persons, plural and pronoun endings).
const SUFFIXES: &[&str] = &[
    "", "ت", "وا", "ا", "ات", "ه", "ها", "هم", "ين", "ون", "يه", "تا", "ان", "هما", "ي", "وه", "وها", "وهم", "ته",
    "تها", "تهم",
];

/// The tactic a (normalised) word reports, if it is a trigger.
///
/// ```
/// use hudud::incidents::{trigger_for_word, Tactic};
/// assert_eq!(trigger_for_word("واعتقلت"), Some(Tactic::Arrest));
/// assert_eq!(trigger_for_word("بالقبض"), Some(Tactic::Arrest));
/// assert_eq!(trigger_for_word("الاشتباكات"), Some(Tactic::Clash));
/// assert_eq!(trigger_for_word("المسيرة"), None); // needs normalised input
/// ```
pub fn trigger_for_word(word: &str) -> Option<Tactic> {
    // Every stem is at least two letters: shorter words cannot match.
    if word.len() < 4 {
        return None;
    }
    let mut found = None;
    for_each_reading(word, &mut |r: &str| {
        if found.is_none() {
            found = match_stems(r).or_else(|| r.strip_prefix("ال").and_then(match_stems));
        }
    });
    found
}

/// What one normalised word tells the trigger scan of a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordRole {
    /// The tactic the word reports, if it is a trigger.
    pub trigger: Option<Tactic>,
    /// A definite plural ("الهجمات", "والاغتيالات"): a category of events
    /// rather than one event.
    pub generic_plural: bool,
    /// A definite noun ("الهجوم", "للعملية"): it names an event, often one
    /// already told.
    pub definite: bool,
    /// A seizure or defusing verb (see [`SEIZURE_WORDS`]).
    pub seizure: bool,
    /// A weapon or contraband noun (see [`WEAPON_WORDS`]).
    pub weapon: bool,
    /// A verb of taking back (see [`RECOVERY_WORDS`]).
    pub recovery: bool,
}

/// The role of a normalised word in a sentence's triggers.
///
/// News repeats its vocabulary, so each thread remembers the words it has
/// seen: the morphology is worked out once per word form, not once per
/// occurrence (the memory is bounded: the memo starts afresh when full).
///
/// ```
/// use hudud::incidents::{word_role, Tactic};
/// assert_eq!(word_role("واعتقلت").trigger, Some(Tactic::Arrest));
/// assert!(word_role("الهجمات").generic_plural);
/// assert!(word_role("اسلحه").weapon);
/// ```
pub fn word_role(word: &str) -> WordRole {
    const MEMO_LIMIT: usize = 1 << 18;
    thread_local! {
        static MEMO: std::cell::RefCell<FastMap<Box<str>, WordRole>> = Default::default();
    }
    MEMO.with_borrow_mut(|memo| {
        if let Some(role) = memo.get(word) {
            return *role;
        }
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        let role = work_out_role(word);
        memo.insert(word.into(), role);
        role
    })
}

fn work_out_role(word: &str) -> WordRole {
    let mut role = WordRole { trigger: trigger_for_word(word), ..WordRole::default() };
    for_each_reading(word, &mut |b: &str| {
        role.seizure |= SEIZURE_WORDS.contains(&b);
        role.recovery |= RECOVERY_WORDS.contains(&b);
        role.weapon |= WEAPON_WORDS.contains(&b) || WEAPON_WORDS.contains(&b.trim_start_matches("ال"));
        role.generic_plural |= b.starts_with("ال") && b.ends_with("ات");
        // "القبض" is the verbal phrase "ألقى القبض", never a back-reference.
        role.definite |= b.starts_with("ال") && b != "القبض";
    });
    role
}

/// Stems by their text, for prefix lookups. A stem ending in taa marbuta
/// (normalised ه) is also listed in its construct form, with ت: the form
/// duals and pronouns attach to ("غارتين", "عبوتين", "مسيرتها").
fn stem_index() -> &'static FastMap<String, Vec<(&'static Stem, bool)>> {
    static INDEX: OnceLock<FastMap<String, Vec<(&'static Stem, bool)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: FastMap<String, Vec<(&'static Stem, bool)>> = FastMap::default();
        for st in STEMS {
            m.entry(st.stem.to_string()).or_default().push((st, false));
            if let Some(base) = st.stem.strip_suffix('ه').filter(|_| st.exact) {
                m.entry(format!("{base}ت")).or_default().push((st, true));
            }
        }
        m
    })
}

/// What may follow a construct form ("غارت" + "ين").
const CONSTRUCT_SUFFIXES: &[&str] = &["ين", "ان", "ه", "ها", "هم", "هما", "ي"];

/// The tactic of the first stem (in lexicon order) that `form` starts with,
/// followed by an allowed suffix.
fn match_stems(form: &str) -> Option<Tactic> {
    let index = stem_index();
    let mut best: Option<(usize, Tactic)> = None;
    let ends = form.char_indices().map(|(i, _)| i).skip(1).chain([form.len()]);
    for end in ends {
        let Some(stems) = index.get(&form[..end]) else { continue };
        let rest = &form[end..];
        for &(st, construct) in stems {
            let ok = if construct {
                CONSTRUCT_SUFFIXES.contains(&rest)
            } else if st.exact {
                rest.is_empty() || matches!(rest, "ات" | "ا" | "ين" | "ها" | "وه" | "وها" | "وهم")
            } else {
                SUFFIXES.contains(&rest)
            };
            let order = STEMS.iter().position(|x| std::ptr::eq(x, st)).unwrap_or(usize::MAX);
            if ok && best.is_none_or(|(o, _)| order < o) {
                best = Some((order, st.tactic));
            }
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize_name;

    fn t(w: &str) -> Option<Tactic> {
        trigger_for_word(&normalize_name(w))
    }

    #[test]
    fn verbs_and_nouns() {
        assert_eq!(t("اغتيال"), Some(Tactic::Killing));
        assert_eq!(t("بعبوة"), Some(Tactic::Explosive));
        assert_eq!(t("غارة"), Some(Tactic::AirStrike));
        assert_eq!(t("أحبطت"), Some(Tactic::Disrupted));
        assert_eq!(t("مداهمة"), Some(Tactic::Raid));
        assert_eq!(t("انتحاري"), Some(Tactic::SuicideAttacker));
        assert_eq!(t("ملغمة"), Some(Tactic::Explosive), "booby-trapped, as مفخخة");
        assert_eq!(t("اقتتال"), Some(Tactic::Clash), "infighting");
    }

    #[test]
    fn every_word_with_a_role_holds_a_marker() {
        let markers = role_markers();
        let words = ["واعتقلت", "للقبض", "بالاسلحه", "وللالغام", "والعثور", "الاشتباكات", "فهاجموا", "بالكبتاغون"];
        for w in words {
            assert_ne!(word_role(w), WordRole::default(), "{w} has a role");
            assert!(markers.iter().any(|m| w.contains(m)), "{w} holds no marker");
        }
    }

    #[test]
    fn verbs_with_an_object_pronoun() {
        assert_eq!(t("فقتلوه"), Some(Tactic::Killing));
        assert_eq!(t("واعتقلوهم"), Some(Tactic::Arrest));
        assert_eq!(t("اختطفته"), Some(Tactic::Abduction));
    }

    #[test]
    fn construct_forms_of_taa_marbuta_stems() {
        assert_eq!(t("غارتين"), Some(Tactic::AirStrike));
        assert_eq!(t("بعبوتين"), Some(Tactic::Explosive));
        assert_eq!(t("مسيّرتين"), Some(Tactic::Drone));
        assert_eq!(t("غارتان"), Some(Tactic::AirStrike));
        assert_eq!(t("غارت"), None);
    }

    #[test]
    fn unrelated_words_are_not_triggers() {
        for w in ["الهجرة", "اعتقاد", "ضبطية", "قبضة", "الهجومية", "فرارهم"] {
            assert_ne!(t(w), Some(Tactic::Arrest), "{w}");
        }
        assert_eq!(t("الكتاب"), None);
    }
}
