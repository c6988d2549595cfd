//! The fixed words incident extraction looks for, and where an article
//! holds them.
//!
//! Every entry goes into the geoparser's one scan of the article (see
//! [`article_words`]), so finding them costs nothing extra; a sentence is
//! then a window on the article's hits ([`Cues::within`]). Entries are
//! substrings of normalised text: a hit says the string occurs, and the
//! rules that need whole words check the word around it.

use super::actors::actor_entries;
use super::counts::{ARREST_WORDS, DEATH_WORDS};
use super::dates::{relative_entries, Relative};
use super::lexicon::{Hit, Lexicon};
use super::triggers::{role_markers, Tactic};
use super::Article;
use std::sync::OnceLock;

/// What the fixed word lists of this module say about a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// A multi-word trigger.
    Phrase(Tactic),
    /// What aircraft do to a target: makes "مسيرة" a drone and "غارة" a
    /// strike.
    Drone,
    /// Aircraft named: makes "قصف" and "ضربة" an air strike.
    Aircraft,
    /// Artillery named: makes "قصف" shelling even near aircraft words.
    Artillery,
    /// A force that bombards from the air: makes "قصف" an air strike.
    AirPower,
    /// Civilian victims.
    Civilian,
    /// Dismantling: with a cell word, a busted cell.
    Dismantle,
    /// A cell ("خلية").
    Cell,
    /// An operation ("عملية").
    Operation,
    /// A long period or a habit: a tally, not an event.
    Span,
    /// Someone a security operation goes after.
    Target,
    /// A prison, camp or detainees: what an escape escapes from.
    Custody,
    /// Part of a word that may report an event or a seizure (see
    /// [`role_markers`]): only such words are looked up.
    RoleMarker,
    /// An actor pattern (entry of [`actor_entries`]).
    Actor(u16),
    /// A relative-date phrase.
    Relative(Relative),
    /// Part of a word that may refer back to an event or place told
    /// before ([`EVENT_ANAPHORA`], [`PLACE_ANAPHORA`]).
    Anaphor,
    /// Part of an ordinal word ([`ORDINALS`]).
    Ordinal,
    /// A word deaths are counted from (entry of [`DEATH_WORDS`]).
    Deaths,
    /// A word arrests are counted from (entry of [`ARREST_WORDS`]).
    Arrests,
    /// A reflexive pronoun ("نفسه", "أنفسهم"): after a verb of detonating,
    /// a suicide bombing ("فجّر انتحاري نفسه").
    Reflexive,
}

/// Multi-word triggers (normalised).
const PHRASES: &[(&str, Tactic)] = &[
    ("عمليه امنيه", Tactic::Raid),
    ("عمليه عسكريه", Tactic::Raid),
    ("حمله امنيه", Tactic::Raid),
    ("تبادل لاطلاق النار", Tactic::Clash),
    // An armed dispute between tribes or families is a clash (not "النزاع
    // المسلح", the war as a whole).
    ("نزاع مسلح", Tactic::Clash),
    ("نزاعا مسلحا", Tactic::Clash),
    // A vigil of solidarity or protest is a peaceful protest.
    ("وقفه تضامنيه", Tactic::Protest),
    ("وقفات تضامنيه", Tactic::Protest),
    ("نزاعا عشايريا", Tactic::Clash),
    ("تبادل اطلاق النار", Tactic::Clash),
    ("نزاع عشايري", Tactic::Clash),
    ("اشتباكات عشايريه", Tactic::Clash),
    ("شجار مسلح", Tactic::Clash),
    // A beheading is a killing ("قطعوا رأس الشاب").
    ("قطع راس", Tactic::Killing),
    ("قطعوا راس", Tactic::Killing),
    ("بقطع راس", Tactic::Killing),
    ("اطلاق النار علي", Tactic::Shooting),
    ("اطلاق نار", Tactic::Shooting),
    ("اطلاق الرصاص", Tactic::Shooting),
    ("النار علي", Tactic::Shooting),
    ("اطلقوا النار", Tactic::Shooting),
    ("اطلق النار", Tactic::Shooting),
    ("اطلقت النار", Tactic::Shooting),
    ("اطلقوا الرصاص", Tactic::Shooting),
    ("اطلق الرصاص", Tactic::Shooting),
    ("الرصاص علي", Tactic::Shooting),
    ("سياره مفخخه", Tactic::Explosive),
    ("دراجه مفخخه", Tactic::Explosive),
    ("سياره ملغمه", Tactic::Explosive),
    ("حزام ناسف", Tactic::SuicideBomb),
    ("حزامه الناسف", Tactic::SuicideBomb),
    ("حزامها الناسف", Tactic::SuicideBomb),
    ("الحزام الناسف", Tactic::SuicideBomb),
    ("يفجر نفسه", Tactic::SuicideBomb),
    ("فجر حزام", Tactic::SuicideBomb),
    ("يفجر حزام", Tactic::SuicideBomb),
    ("تفجير حزام", Tactic::SuicideBomb),
    ("رمانه يدويه", Tactic::Grenade),
    ("قنبله يدويه", Tactic::Grenade),
    ("حزاما ناسفا", Tactic::SuicideBomb),
    ("سترات ناسفه", Tactic::SuicideBomb),
    ("فجر نفسه", Tactic::SuicideBomb),
    ("فجروا انفسهم", Tactic::SuicideBomb),
    ("تفجير نفسه", Tactic::SuicideBomb),
    ("بتفجير نفسه", Tactic::SuicideBomb),
    ("لتفجير نفسه", Tactic::SuicideBomb),
    ("ضربه جويه", Tactic::AirStrike),
    ("ضربات جويه", Tactic::AirStrike),
    ("غاره جويه", Tactic::AirStrike),
    ("غارات جويه", Tactic::AirStrike),
    ("قصف جوي", Tactic::AirStrike),
    ("طايره مسيره", Tactic::Drone),
    ("طايره بدون طيار", Tactic::Drone),
    ("طيران مسير", Tactic::Drone),
    ("علي جثه", Tactic::BodyFound),
    ("علي جثث", Tactic::BodyFound),
    ("علي جثتي", Tactic::BodyFound),
    ("علي جثتين", Tactic::BodyFound),
    ("علي جثامين", Tactic::BodyFound),
    ("علي جثمان", Tactic::BodyFound),
    ("علي رفات", Tactic::BodyFound),
    ("انتشال جثه", Tactic::BodyFound),
    ("انتشال جثث", Tactic::BodyFound),
    ("استعاده السيطره", Tactic::Territory),
    ("استعادت السيطره", Tactic::Territory),
    ("بسط السيطره", Tactic::Territory),
    ("بسطت سيطرتها", Tactic::Territory),
    ("سيطرت علي", Tactic::Territory),
    ("سيطروا علي", Tactic::Territory),
    ("تسيطر علي", Tactic::Territory),
    ("فرض السيطره علي", Tactic::Territory),
];

/// Words that make "مسيرة" a drone and "غارة" a strike: aircraft and what
/// aircraft do to a target. ("الطائرات المسيرة تعمل على مدار الساعة" is
/// surveillance, not a strike.)
const DRONE_CONTEXT: &[&str] = &[
    "استهدف",
    "استهداف",
    "تستهدف",
    "يستهدف",
    "قصف",
    "ضربه",
    "ضربات",
    "غاره",
    "غارات",
    "صاروخ",
    "مقتل",
    "قتل",
    "اصابه",
    "استشهد",
    "استشهاد",
    "هجوم",
    "هجمات",
    "هاجم",
    "انفجار",
];

/// Aircraft and air forces (normalised substrings).
const AIRCRAFT: &[&str] = &[
    "طيران",
    "طاير",
    "مروحي",
    "مقاتلات",
    "مقاتله حربيه",
    "حربي",
    "جوي",
    "مسير",
    "درون",
    "سلاح الجو",
    "f16",
    "f-16",
    "اف 16",
    "سوخوي",
    "بدون طيار",
];

/// Forces that bombard from the air: "قصف التحالف" is an air strike (but
/// "عملية للتحالف استهدفت خلية" is a raid).
const AIR_POWERS: &[&str] = &["التحالف"];

/// Artillery (normalised substrings).
const ARTILLERY: &[&str] = &["مدفعي", "مدافع", "هاون", "صاروخي", "راجمات", "قذايف", "قذيفه", "كاتيوشا"];

/// Words that mark civilian victims.
const CIVILIAN_WORDS: &[&str] = &[
    "مدني",
    "مدنيين",
    "رعاه",
    "راعي",
    "مواطن",
    "طفل",
    "اطفال",
    "امراه",
    "نساء",
    "معلم",
    "تاجر",
    "مدرس",
    "مزارع",
    "سيده",
    "فتاه",
    "شاب",
    "مختار",
    "صاحب محل",
    "عايله",
    "سايق",
    "مدرس",
    "موظف",
    "عامل",
];

/// Tallies over long periods ("أحبطت خلال العام أكثر من 12 مخططا") and
/// habits ("غالبا ما ينفذ ضربات") are not events.
const SPANS: &[&str] = &[
    "خلال العام",
    "خلال الاشهر",
    "خلال السنوات",
    "منذ بدايه العام",
    "منذ مطلع العام",
    "خلال السنه",
    "طوال العام",
    "خلال الاعوام",
    // A month's tally ("عن مقتل 26 شخصا خلال شهر شباط الماضي").
    "خلال شهر",
    "خلال الشهر",
    "منذ مطلع الشهر",
    "منذ بدايه الشهر",
    "غالبا ما",
    "عاده ما",
    "كثيرا ما",
    "بين الحين والاخر",
    "بين حين واخر",
    "بين فتره واخري",
    "بين فتره واخره",
    "حصيله يوميه",
    "حصيله اسبوعيه",
    "حصيله شهريه",
    "حصيله عمليات",
    "حصيله العمليات",
    "تكرار",
    "مناطق متفرقه",
];

/// Whom a security operation goes after.
const TARGETS: &[&str] = &[
    "خليه",
    "خلايا",
    "مطلوب",
    "عناصر",
    "عنصر",
    "قيادي",
    "ارهابي",
    "مشتبه",
    "متهم",
    "وكر",
    "اوكار",
    "مخبا",
    "مهرب",
    "امير",
    "متورط",
];

/// Where people are held: an escape from one is an event.
/// Reflexive pronouns (normalised).
pub(super) const REFLEXIVES: &[&str] = &["نفسه", "نفسها", "انفسهم", "انفسهما"];

const CUSTODY: &[&str] = &[
    "سجن",
    "سجون",
    "معتقل",
    "مخيم",
    "سجناء",
    "موقوف",
    "محتجز",
    "نزلاء",
    "السجن",
    "المخيم",
    "مركز احتجاز",
    "مراكز احتجاز",
    "مركز توقيف",
    "نظاره",
];

/// Definite nouns for an event already told: a report whose first trigger
/// comes after one of them ("وأسفر الهجوم عن مقتل…") tells that event again.
pub(super) const EVENT_ANAPHORA: &[&str] = &[
    "العمليه",
    "الهجوم",
    "الحادث",
    "الحادثه",
    "الاشتباكات",
    "الاشتباك",
    "الانفجار",
    "التفجير",
    "الكمين",
    "المداهمه",
    "الغاره",
    "الضربه",
    "القصف",
    "الاستهداف",
    "الاعتداء",
    "الجريمه",
    "الواقعه",
    "الحمله",
    "الهجمات",
];

/// Definite nouns for a place or an event named just before, which a
/// sentence naming no place of its own refers to.
pub(super) const PLACE_ANAPHORA: &[&str] =
    &["المنطقه", "البلده", "القريه", "المدينه", "هناك", "فيها", "السجن", "المخيم", "الموقع"];

/// Ordinal words (normalised) that number events in an enumeration.
pub(super) const ORDINALS: &[(&str, u8)] = &[
    ("الاولي", 1),
    ("الاول", 1),
    ("احداهما", 1),
    ("احدهما", 1),
    ("الثانيه", 2),
    ("الثاني", 2),
    ("الاخري", 2),
    ("الثالثه", 3),
    ("الثالث", 3),
    ("الرابعه", 4),
    ("الرابع", 4),
    ("الخامسه", 5),
];

/// The words and phrases extraction looks for in every article: give them
/// to [`crate::geoparse::Geoparser::with_words`] and the place-name scan
/// finds them too (see [`Article::words`]).
pub fn article_words() -> Vec<&'static str> {
    cue_entries().iter().map(|(w, _)| *w).collect()
}

/// Every cue entry with what it tells, in a fixed order.
fn cue_entries() -> &'static [(&'static str, Cue)] {
    static ENTRIES: OnceLock<Vec<(&'static str, Cue)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let lists: [(&[&str], Cue); 12] = [
            (AIR_POWERS, Cue::AirPower),
            (DRONE_CONTEXT, Cue::Drone),
            (AIRCRAFT, Cue::Aircraft),
            (ARTILLERY, Cue::Artillery),
            (CIVILIAN_WORDS, Cue::Civilian),
            (&["تفكيك", "فكك"], Cue::Dismantle),
            (&["خليه", "خلايا"], Cue::Cell),
            (&["عمليه"], Cue::Operation),
            (SPANS, Cue::Span),
            (TARGETS, Cue::Target),
            (CUSTODY, Cue::Custody),
            (REFLEXIVES, Cue::Reflexive),
        ];
        let mut entries: Vec<(&str, Cue)> = PHRASES.iter().map(|(p, t)| (*p, Cue::Phrase(*t))).collect();
        for (words, cue) in lists {
            entries.extend(words.iter().map(|w| (*w, cue)));
        }
        entries.extend(role_markers().into_iter().map(|m| (m, Cue::RoleMarker)));
        entries.extend(actor_entries().into_iter().enumerate().map(|(i, a)| (a, Cue::Actor(i as u16))));
        entries.extend(relative_entries().into_iter().map(|(p, r)| (p, Cue::Relative(r))));
        // Without the leading alef: a reading "ال…" may come from "لل…".
        let stem = |w: &'static str| w.strip_prefix('ا').unwrap_or(w);
        entries.extend(EVENT_ANAPHORA.iter().chain(PLACE_ANAPHORA).map(|w| (stem(w), Cue::Anaphor)));
        entries.extend(ORDINALS.iter().map(|(w, _)| (stem(w), Cue::Ordinal)));
        entries.extend(DEATH_WORDS.iter().map(|w| (*w, Cue::Deaths)));
        entries.extend(ARREST_WORDS.iter().map(|w| (*w, Cue::Arrests)));
        entries
    })
}

/// Trigger words inside a place name are part of the name ("قرية الرمانة"
/// holds a grenade, "رمانة"): the geoparser's names go first.
fn drop_words_inside_names(article: &Article, hits: &mut Vec<Hit<Cue>>) {
    let names: Vec<std::ops::Range<usize>> =
        article.mentions.iter().map(|m| article.norm.folded_range(m.mention.start, m.mention.end)).collect();
    let inside = |h: &Hit<Cue>| {
        let at = names.partition_point(|n| n.end <= h.start);
        names.get(at).is_some_and(|n| n.start <= h.start && h.end <= n.end)
    };
    hits.retain(|h| !matches!(h.tag, Cue::RoleMarker | Cue::Phrase(_)) || !inside(h));
}

/// The cues of a sentence or clause: a view of the article's, rebased.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cues<'a> {
    /// The article's cues that start inside the span.
    hits: &'a [Hit<Cue>],
    /// Where the span starts and ends in the article's normalised text.
    span: (usize, usize),
}

impl<'a> Cues<'a> {
    /// Every cue of a whole article, by start.
    pub(super) fn of_article(article: &Article) -> Vec<Hit<Cue>> {
        let entries = cue_entries();
        let mut hits = match article.words {
            Some(words) => {
                words.iter().map(|&(entry, start, end)| Hit { tag: entries[entry].1, entry, start, end }).collect()
            }
            None => {
                static LEXICON: OnceLock<Lexicon<Cue>> = OnceLock::new();
                LEXICON.get_or_init(|| Lexicon::new(entries)).find_all(&article.norm.text)
            }
        };
        hits.sort_by_key(|h| (h.start, h.end, h.entry));
        drop_words_inside_names(article, &mut hits);
        hits
    }

    /// The cues lying wholly inside `range` of the article, with offsets
    /// from its start.
    pub(super) fn within(article: &'a [Hit<Cue>], range: std::ops::Range<usize>) -> Self {
        let from = article.partition_point(|h| h.start < range.start);
        let to = article.partition_point(|h| h.start < range.end);
        Cues { hits: &article[from..to.max(from)], span: (range.start, range.end) }
    }

    /// The cues wholly inside the span, with offsets from its start.
    pub(super) fn iter(&self) -> impl Iterator<Item = Hit<Cue>> + 'a {
        let (start, end) = self.span;
        self.hits.iter().filter(move |h| h.end <= end).map(move |h| Hit {
            start: h.start - start,
            end: h.end - start,
            ..*h
        })
    }

    /// True when the span holds `cue`.
    pub(super) fn has(&self, cue: Cue) -> bool {
        self.iter().any(|h| h.tag == cue)
    }

    /// The relative-date phrases (which ones, not where: that is all
    /// the date rules ask).
    pub(super) fn relative_dates(&self) -> Vec<Relative> {
        self.iter().filter_map(|h| if let Cue::Relative(r) = h.tag { Some(r) } else { None }).collect()
    }

    /// The actor patterns, as (entry, start, end).
    pub(super) fn actors(&self) -> Vec<(usize, usize, usize)> {
        let actor = |h: Hit<Cue>| if let Cue::Actor(i) = h.tag { Some((usize::from(i), h.start, h.end)) } else { None };
        self.iter().filter_map(actor).collect()
    }
}

/// Every word list of this module (for the normalisation check).
#[cfg(test)]
pub(crate) fn lexicon() -> Vec<&'static str> {
    let phrases = PHRASES.iter().map(|(p, _)| *p);
    let lists = [
        DRONE_CONTEXT,
        AIRCRAFT,
        AIR_POWERS,
        ARTILLERY,
        CIVILIAN_WORDS,
        SPANS,
        TARGETS,
        CUSTODY,
        EVENT_ANAPHORA,
        PLACE_ANAPHORA,
    ];
    lists.into_iter().flatten().copied().chain(phrases).collect()
}
