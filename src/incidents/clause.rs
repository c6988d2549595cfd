//! What one sentence or clause says happened: its triggers, the
//! circumstances ACLED coding needs, and its date.

use super::actors::{find_actors_in, Actor, Side};
use super::classify::{classify, Agent, Circumstances, Coding};
use super::counts::fatalities_and_arrests;
use super::dates::{sentence_date_with, FoundDate};
use super::lexicon::Hit;
use super::modality::{after_another_event, in_accusation_clause, is_accusation, is_modal, SentenceWords};
use super::triggers::{word_role, Tactic, HELD_PLACES};
use super::victims::first_target;
use super::words::{Cue, Cues};
use super::Article;
use std::collections::BTreeSet;
use std::ops::Range;

/// How many words after a trigger its victim is looked for.
const TARGET_REACH: usize = 4;

/// Words that introduce who did it, not whom it hit.
const PERPETRATOR: &[&str] = &["يد", "برصاص", "بنيران", "قبل", "ايدي", "بيد", "بايدي", "نفذه", "نفذها"];

/// What one sentence (or clause) says, before it becomes an incident.
#[derive(Debug)]
pub(super) struct SentenceFacts<'a> {
    /// The normalised text, a slice of the article's.
    pub norm: &'a str,
    /// Where `norm` starts in the article's normalised text.
    pub norm_at: usize,
    /// The article's cues inside the span.
    pub cues: Cues<'a>,
    /// What the triggers report.
    pub tactics: BTreeSet<Tactic>,
    /// Offset (in `norm`) of the first trigger.
    pub first_trigger: usize,
    /// True when every trigger is a definite noun ("الهجوم", "العملية")
    /// or a verb of repelling: the sentence refers to an event told before
    /// rather than telling one.
    pub only_back_references: bool,
    /// The date the span states (see [`SentenceFacts::date`]), worked out
    /// on first use: most spans with triggers turn out to report nothing.
    date: std::cell::OnceCell<Option<FoundDate>>,
    /// The day relative dates count from.
    anchor: super::date::Date,
    /// Offset in `norm` of the first trigger that is not a definite noun.
    pub first_new_trigger: usize,
    /// The span's words and clauses (split only when it holds a trigger
    /// word).
    pub words: SentenceWords<'a>,
}

/// The day relative dates are worked out from when an article has no
/// publication date: any fixed day will do to tell "أمس" from "الأحد
/// الماضي" (an article without a publication date holds no full date).
pub const DAY_ANCHOR: crate::incidents::Date = crate::incidents::Date { year: 2000, month: 6, day: 15 };

impl<'a> SentenceFacts<'a> {
    /// The facts of the span whose normalised text is `range`; its date
    /// only when `with_date` and it has triggers.
    pub fn of(article: &Article<'a>, cues: &'a [Hit<Cue>], range: Range<usize>, with_date: bool) -> Self {
        let date = std::cell::OnceCell::new();
        if !with_date {
            let _ = date.set(None);
        }
        let norm = &article.norm.text[range.clone()];
        let cues = Cues::within(cues, range.clone());
        let marked = cues.iter().any(|h| matches!(h.tag, Cue::RoleMarker | Cue::Phrase(_) | Cue::Reflexive));
        let words = if marked { SentenceWords::new(norm) } else { SentenceWords::default() };
        let mut found = Triggers::find(norm, &cues, &words);
        // "تمكنت قواتنا من تفكيك خلية": a busted cell is a security
        // operation (its members arrested) even with no other trigger.
        if found.tactics.is_empty() && cues.has(Cue::Dismantle) && cues.has(Cue::Cell) && dismantles_a_cell(norm) {
            let at = cues.iter().find(|h| h.tag == Cue::Dismantle).map_or(0, |h| h.start);
            found.add(Tactic::Raid, at);
            found.first_new = found.first_new.min(at);
            found.only_back_references = false;
        }
        if found.tactics.is_empty() {
            let _ = date.set(None);
        }
        SentenceFacts {
            norm,
            norm_at: range.start,
            cues,
            tactics: found.tactics,
            first_trigger: found.first,
            only_back_references: found.only_back_references,
            date,
            anchor: article.published.unwrap_or(DAY_ANCHOR),
            first_new_trigger: found.first_new,
            words,
        }
    }

    /// The date the span states, explicit or relative, against the
    /// publication date or, when the article has none, against
    /// [`DAY_ANCHOR`]: such a date tells days apart within the article
    /// but is never output. `None` for spans without triggers.
    pub fn date(&self) -> Option<FoundDate> {
        *self.date.get_or_init(|| sentence_date_with(self.norm, Some(self.anchor), Some(&self.cues.relative_dates())))
    }

    /// True when the span tells a long period or a habit ("خلال العام",
    /// "غالباً ما"): a tally, not an event. A period inside what someone is
    /// accused of ("تورطت في اغتيالات خلال الأشهر الماضية") does not count.
    pub fn tells_a_span(&self) -> bool {
        if !self.cues.has(Cue::Span) {
            return false;
        }
        // Rare: the words are split afresh rather than kept for every span.
        let words = SentenceWords::new(self.norm);
        self.cues.iter().filter(|h| h.tag == Cue::Span).any(|h| !in_accusation_clause(&words, words.index_at(h.start)))
    }

    /// The actors the span names, in order.
    pub fn actors(&self, country: Option<&str>, source_of: &dyn Fn(usize, usize) -> String) -> Vec<Actor> {
        find_actors_in(self.norm, self.cues.actors(), country, source_of)
    }

    /// ACLED coding of the span, given the actors it names.
    pub fn coding(&self, actors: &[Actor]) -> Option<Coding> {
        let cues = &self.cues;
        let cell_dismantled = cues.has(Cue::Dismantle) && cues.has(Cue::Cell) && dismantles_a_cell(self.norm);
        let mut tactics = self.tactics.clone();
        // "غارة ... أدت إلى اعتقال": an air-landed raid, not a strike.
        let deaths = || fatalities_and_arrests(self.norm, cues.has(Cue::Deaths), false).0;
        if tactics.contains(&Tactic::AirStrike) && tactics.contains(&Tactic::Arrest) && deaths() == 0 {
            tactics.remove(&Tactic::AirStrike);
            tactics.remove(&Tactic::Drone);
        }
        // "العملية التي انتهت بمقتل قيادي": a killing in an operation is a fight.
        if tactics.contains(&Tactic::Killing) && cues.has(Cue::Operation) && cues.has(Cue::Target) {
            tactics.insert(Tactic::Raid);
        }
        if cell_dismantled {
            tactics.insert(Tactic::Raid);
        }
        // "أحبطت هجوماً… أسفر عن استشهاد سبعة": an attack that killed was
        // not foiled.
        if tactics.contains(&Tactic::Disrupted) && !cues.has(Cue::Dismantle) && deaths() > 0 {
            tactics.remove(&Tactic::Disrupted);
        }
        let circumstances = Circumstances {
            drone_context: cues.has(Cue::Drone),
            aircraft: cues.has(Cue::Aircraft),
            artillery: cues.has(Cue::Artillery),
            air_power: cues.has(Cue::AirPower),
            cell_dismantled,
            target: self.target(),
            agent: agent(self.norm, actors, self.first_trigger),
            custody: cues.has(Cue::Custody) && escapes_custody(self.norm),
        };
        classify(&tactics, &circumstances)
    }

    /// The victims or target: named within a few words after the first
    /// trigger ("مقتل مدرّس"), else the nearest before it in its clause
    /// ("تعرضت دورية لإطلاق نار"), else civilians named anywhere.
    fn target(&self) -> Option<super::victims::Target> {
        let i = self.words.index_at(self.first_trigger.min(self.norm.len()));
        // Up to the perpetrator ("على يد عنصر", "برصاص مسلحين").
        let after = self.words.after(i).take(TARGET_REACH).take_while(|w| !PERPETRATOR.contains(w));
        // Before the trigger stands who acted, unless something was done to
        // it ("تعرضت دورية لإطلاق نار") or it is the subject of a passive
        // right before ("شاباً مدنياً قتل").
        let exposed = self.words.before(i).any(|w| w.trim_start_matches('و').contains("تعرض"));
        // A verb in the plural of those who did it ("مسلحون أطلقوا النار")
        // has its doers before it, not its victims.
        let doers_before = self.words.word(i).ends_with("وا");
        let reach = if exposed {
            TARGET_REACH * 2
        } else if doers_before {
            0
        } else {
            2
        };
        first_target(after)
            .or_else(|| first_target(self.words.before(i).take(reach)))
            .or_else(|| self.killed_later(i))
            .or_else(|| {
                let civilian = self.cues.has(Cue::Civilian);
                civilian.then_some(super::victims::Target::Civilian)
            })
    }

    /// Who a later death word names ("أحبطت محاولة تسلل… فيما أشارت إلى
    /// مقتل أحد المتسللين"), when the first trigger names nobody.
    fn killed_later(&self, first: usize) -> Option<super::victims::Target> {
        let later = (first + 1..).take_while(|&j| !self.words.word(j).is_empty());
        let dies = |w: &str| matches!(w.trim_start_matches('و'), "مقتل" | "بمقتل" | "مصرع" | "استشهاد" | "باستشهاد");
        let death = later.into_iter().find(|&j| dies(self.words.word(j)))?;
        first_target(self.words.after(death).take(TARGET_REACH).take_while(|w| !PERPETRATOR.contains(w)))
    }
}

/// Words for a cell or network, which "تفكيك" breaks up (its people are
/// arrested) rather than defuses.
const CELLS: &[&str] = &["خليه", "خلايا", "الخليه", "الخلايا", "خليتين", "شبكه", "الشبكه", "عصابه", "العصابه"];

/// True when a dismantling verb's object, within two words, is a cell
/// ("تفكيك خلية", "فككت القوات خلية"), not a bomb ("تفكيك عبوة").
fn dismantles_a_cell(norm: &str) -> bool {
    let words: Vec<&str> = crate::arabic::words(norm).collect();
    let dismantling = |w: &str| {
        let mut found = false;
        crate::arabic::for_each_reading(w, &mut |r| found |= matches!(r, "تفكيك" | "فكك" | "فككت" | "تفكك" | "يفكك"));
        found
    };
    let cell = |w: &str| {
        let mut found = false;
        crate::arabic::for_each_reading(w, &mut |r| found |= CELLS.contains(&r));
        found
    };
    words.iter().enumerate().any(|(i, w)| dismantling(w) && words[i + 1..].iter().take(3).any(|x| cell(x)))
}

/// Words for people held.
const DETAINEES: &[&str] = &[
    "سجناء",
    "السجناء",
    "موقوفين",
    "الموقوفين",
    "موقوفون",
    "معتقلين",
    "المعتقلين",
    "محتجزين",
    "المحتجزين",
    "نزلاء",
    "النزلاء",
    "سجينا",
    "سجين",
    "موقوفا",
    "عوايل",
    "سجينان",
    "سجينين",
    "محتجزون",
    "معتقلون",
    "المحتجزون",
    "المعتقلون",
    "الموقوفون",
];

/// Words for where people are held.
const HOLDING_PLACES: &[&str] =
    &["سجن", "السجن", "مخيم", "المخيم", "معتقل", "احتجاز", "توقيف", "الاحتجاز", "التوقيف", "نظاره", "الاصلاحيه", "مركز"];

/// True when an escape told is one from custody: detainees escaping ("فرار
/// سجناء"), or an escape from a prison or camp ("الفرار من مركز احتجاز"),
/// not attackers fleeing ("ثم لاذوا بالفرار").
fn escapes_custody(norm: &str) -> bool {
    let words: Vec<&str> = crate::arabic::words(norm).collect();
    let bare = |w: &str| {
        let w = w.trim_start_matches('و');
        w.strip_prefix("بال").map_or_else(|| w.to_string(), |r| format!("ال{r}"))
    };
    let escape = |w: &str| {
        let w = bare(w);
        ["فرار", "الفرار", "هروب", "الهروب", "فر", "فروا", "هرب", "هربوا", "يفر"].contains(&w.as_str())
    };
    words.iter().enumerate().filter(|(_, w)| escape(w)).any(|(i, _)| {
        // "تمكن المحتجزون الخمسة ليل الأحد من الفرار": the subject may
        // stand several words before.
        let people_before = words[i.saturating_sub(10)..i].iter().any(|w| DETAINEES.contains(&bare(w).as_str()));
        let after: Vec<String> = words[i + 1..].iter().take(6).map(|w| bare(w)).collect();
        let from_custody = after.first().is_some_and(|w| w == "من")
            && after[1..]
                .iter()
                .take(3)
                .any(|w| HOLDING_PLACES.contains(&w.as_str()) || DETAINEES.contains(&w.as_str()));
        let people_after = after.iter().any(|w| DETAINEES.contains(&w.as_str()));
        people_before || from_custody || people_after
    })
}

/// Who acts: the first actor named before the trigger, or right after it
/// as the subject of a verb ("اعتقل تنظيم داعش"), that is not what the
/// operation was against ("خلية تتبع لتنظيم داعش").
fn agent(norm: &str, actors: &[Actor], trigger: usize) -> Option<Agent> {
    let acting = actors
        .iter()
        .filter(|a| a.side != Side::Civilian && !is_targeted_group(norm, a.at))
        .find(|a| a.at <= trigger + 24)?;
    Some(match acting.side {
        Side::Militant => Agent::ArmedGroup,
        _ if super::actors::is_de_facto(acting.name) => Agent::DeFacto,
        _ => Agent::Government,
    })
}

/// True when a control phrase ends on a pronoun ("المناطق التي تسيطر
/// عليها قسد"): a relative clause on who holds an area, not its capture.
fn holds_as_a_state(after: &str) -> bool {
    matches!(after.split(|c: char| !crate::arabic::is_word_char(c)).next(), Some("ها" | "ه" | "هم" | "هما"))
}

/// Verbs and words listing what a store or a find holds: weapons named
/// after them are its contents, not attacks.
const INVENTORY: &[&str] = &["يحتوي", "تحتوي", "احتوي", "احتوت", "يضم", "تضم", "تضمنت", "تضمن"];

/// Verbs of wearing or carrying: a weapon named after them is what someone
/// had on them ("اعتقل أثناء ارتدائه حزاماً ناسفاً"), not an explosion.
const WEARING: &[&str] = &[
    "ارتدايه",
    "يرتدي",
    "يرتدون",
    "مرتديا",
    "مرتدين",
    "ارتدي",
    "يحمل",
    "يحملون",
    "حاملا",
    "بحوزته",
    "بحوزتهم",
    "بحوزتها",
];

/// Verbs of detonating: with a reflexive pronoun after them, a suicide
/// bombing ("فجّر انتحاري نفسه", "أقدموا على تفجير أنفسهم").
const DETONATING: &[&str] = &["فجر", "يفجر", "تفجر", "فجرت", "فجروا", "يفجرون", "تفجير", "بتفجير", "لتفجير"];

/// Where a verb of detonating stands that a reflexive pronoun at most
/// three words after it makes a suicide bombing (not a plan: "حاول
/// تفجير نفسه" is no event).
fn self_detonation(cues: &Cues, words: &SentenceWords) -> Option<usize> {
    cues.iter().filter(|h| h.tag == Cue::Reflexive).find_map(|hit| {
        let i = words.index_at(hit.start);
        let whole = words.word(i).strip_prefix('و').unwrap_or(words.word(i));
        if !super::words::REFLEXIVES.contains(&whole) {
            return None;
        }
        // Within the pronoun's clause: "…تفجير نفسه" across a comma is not.
        let detonates =
            |w: &str| DETONATING.contains(&w) || w.strip_prefix(['و', 'ف']).is_some_and(|v| DETONATING.contains(&v));
        // Found before the subtraction: the pronoun may be word 0.
        let back = words.before(i).take(3).position(detonates)?;
        let verb = i - 1 - back;
        (!is_modal(words, verb)).then(|| words.start_of(verb))
    })
}

/// True for a noun of casualties ("قتلى", "وقتلى"): it tells an event's
/// toll, and an event of its own only with another trigger.
fn is_toll(word: &str) -> bool {
    matches!(word.strip_prefix(['و', 'ب']).unwrap_or(word), "قتلي" | "القتلي")
}

/// True when word `i` comes right after a verb of wearing or carrying.
fn is_worn(words: &SentenceWords, i: usize) -> bool {
    words.before(i).take(2).any(|w| WEARING.contains(&w.strip_prefix('و').unwrap_or(w)))
}

/// Words after an event noun that make it a pattern, not one event.
const RECURRING: &[&str] = &["متكرره", "المتكرره", "متواصله", "المتواصله", "مستمره", "المستمره", "يوميه", "اليوميه"];

/// Words before "احتجاج" that make it a government's formal protest.
const DIPLOMATIC_NOTES: &[&str] = &["مذكره", "مذكرات", "بمذكره", "رساله", "برساله"];

/// Words after "قنبلة" that make it no grenade: a figure of speech
/// ("قنبلة موقوتة"), flares, smoke or gas.
const NOT_GRENADES: &[&str] = &["موقوته", "مضيئه", "مضيئات", "دخانيه", "غاز", "الغاز", "مسيله", "صوتيه", "ضوييه"];

/// True when the words after a shell word name an RPG ("آر بي جي",
/// "RPG"), written in Arabic letters or Latin.
fn is_rpg<'a>(mut after: impl Iterator<Item = &'a str>) -> bool {
    match after.next() {
        Some("ار") => after.next() == Some("بي"),
        Some(w) => w.eq_ignore_ascii_case("rpg") || w == "الار",
        None => false,
    }
}

/// Words after "تفجير"/"انفجار" that make it a figure of speech: the
/// situation blowing up, not a bomb.
const SITUATIONS: &[&str] = &["الاوضاع", "الوضع", "الموقف", "الازمه", "الصراع", "الاحتقان", "المنطقه"];

/// True for a verb of throwing ("ألقى", "رموا", "إلقاء").
fn is_throw(word: &str) -> bool {
    let w = word.strip_prefix('و').unwrap_or(word);
    ["القي", "القوا", "يلقي", "القاء", "رمي", "رموا", "يرمي", "قذف", "قذفوا"].iter().any(|t| w.starts_with(t))
}

/// Stores of weapons or contraband: taking control of one is a seizure.
const CACHES: &[&str] =
    &["مستودع", "مستودعات", "مخزن", "مخازن", "مخبا", "مخابي", "شحنه", "كميه", "كميات", "اسلحه", "ذخاير"];

/// True when the words after a control phrase name a cache ("على مستودع
/// للأسلحة"), not a place.
fn takes_a_cache(after: &str) -> bool {
    let mut next = after.split(|c: char| !crate::arabic::is_word_char(c)).filter(|w| !w.is_empty());
    next.next().is_some_and(|w| CACHES.contains(&w.strip_prefix("ال").unwrap_or(w)))
}

/// Words before a group that make it what an operation was against: its
/// cells and members, or what they belong to.
const MEMBERSHIP: &[&str] = &[
    "خليه",
    "خلايا",
    "عناصر",
    "عنصر",
    "عنصرا",
    "افراد",
    "مسلحي",
    "قيادي",
    "قياديا",
    "امير",
    "ينتمي",
    "ينتمون",
    "تتبع",
    "يتبع",
    "التابعه",
    "التابع",
    "تابعه",
    "تابع",
    "بقايا",
    "فلول",
    "لتنظيم",
    "لعصابات",
    "بتنظيم",
];

/// True when the group named at `at` is what the operation was against
/// ("خلية إرهابية تتبع لتنظيم داعش", "اعتقال عنصرين من داعش").
fn is_targeted_group(norm: &str, at: usize) -> bool {
    let at = at.min(norm.len());
    let at = (0..=at).rev().find(|&i| norm.is_char_boundary(i)).unwrap_or(0);
    let before = norm[..at]
        .rsplit(|c: char| !crate::arabic::is_word_char(c))
        .filter(|w| !w.is_empty())
        .skip_while(|w| *w == "ل");
    // "لداعش": the group itself written with "ل".
    let head = &norm[..at];
    let attached =
        head.strip_suffix('ل').is_some_and(|h| h.chars().next_back().is_none_or(|c| !crate::arabic::is_word_char(c)));
    attached || before.take(3).any(|w| MEMBERSHIP.contains(&w))
}

/// The triggers of a span, as [`Triggers::find`] reads them.
struct Triggers {
    tactics: BTreeSet<Tactic>,
    first: usize,
    /// The first trigger that is not a definite noun.
    first_new: usize,
    only_back_references: bool,
}

impl Triggers {
    /// Trigger tactics of a normalised text, where the first is, and
    /// whether all of them only refer back.
    fn find(norm: &str, cues: &Cues, words: &SentenceWords) -> Self {
        let mut found =
            Triggers { tactics: BTreeSet::new(), first: usize::MAX, first_new: usize::MAX, only_back_references: true };
        let mut seizure_at = None;
        let mut weapons = false;
        let mut specific = false;
        let mut accused = Vec::new();
        for (at, word) in marked_words(norm, cues) {
            let role = word_role(word);
            let i = words.index_at(at);
            if role.seizure && !is_modal(words, i) {
                seizure_at.get_or_insert(at);
            }
            weapons |= role.weapon;
            // "استعادت وحدات الجيش، فجر أمس، السيطرة على نقطة".
            let retaken = || words.after(i).take(12).any(|w| HELD_PLACES.contains(&w.strip_prefix('و').unwrap_or(w)));
            if role.recovery && !is_modal(words, i) && retaken() {
                found.add(Tactic::Retaking, at);
                found.first_new = found.first_new.min(at);
                specific = true;
                found.only_back_references = false;
            }
            let Some(t) = role.trigger else { continue };
            if is_modal(words, i) || after_another_event(words, i, &found.tactics) {
                continue;
            }
            // "مستودع يحتوي على قذائف هاون": what a store holds.
            if words.before(i).take(4).any(|w| INVENTORY.contains(&w)) {
                continue;
            }
            // "أثناء ارتدائه حزاماً ناسفاً": what someone wore or carried.
            if is_worn(words, i) {
                continue;
            }
            // "قنبلة موقوتة", "قنابل مضيئة": a figure of speech, a flare.
            if t == Tactic::Grenade && words.after(i).next().is_some_and(|n| NOT_GRENADES.contains(&n)) {
                continue;
            }
            // "قذائف آر بي جي": a hand-held launcher fired in a ground
            // attack, not shelling.
            if t == Tactic::Shelling && is_rpg(words.after(i).take(3)) {
                continue;
            }
            // "تفجير الأوضاع", "انفجار الوضع": a situation, not a bomb.
            if t == Tactic::Explosive && words.after(i).next().is_some_and(|n| SITUATIONS.contains(&n)) {
                continue;
            }
            // "تتعرض المنطقة لهجمات متكررة": what keeps happening.
            if words.after(i).next().is_some_and(|n| RECURRING.contains(&n)) {
                continue;
            }
            // "تسليمه مذكرة احتجاج": a diplomatic note, not a demonstration.
            if t == Tactic::Protest && words.before(i).next().is_some_and(|w| DIPLOMATIC_NOTES.contains(&w)) {
                continue;
            }
            if t != Tactic::Arrest && is_accusation(words, i) {
                accused.push((t, at, role));
                continue;
            }
            found.add(t, at);
            specific |= !role.generic_plural;
            // "سقوط قتلى وجرحى": the toll of an event, not a kind of event.
            let toll = is_toll(words.word(i));
            found.only_back_references &= role.definite || toll;
            if !role.definite && !toll {
                found.first_new = found.first_new.min(at);
            }
        }
        // "اعتقال ستة متورطين بجرائم قتل": with an arrest, the crimes named
        // are what the arrested are accused of, not events.
        if !found.tactics.contains(&Tactic::Arrest) {
            for (t, at, role) in accused {
                found.add(t, at);
                specific |= !role.generic_plural;
                found.only_back_references &= role.definite;
                if !role.definite {
                    found.first_new = found.first_new.min(at);
                }
            }
        }
        if let (Some(at), true) = (seizure_at, weapons) {
            found.add(Tactic::Disrupted, at);
            found.first_new = found.first_new.min(at);
            specific = true;
            found.only_back_references = false;
        }
        for hit in cues.iter() {
            if let Cue::Phrase(t) = hit.tag {
                let held = t == Tactic::Territory && holds_as_a_state(&norm[hit.end.min(norm.len())..]);
                if !held && !is_modal(words, words.index_at(hit.start)) {
                    // "سيطرت القوات على مستودع للأسلحة": a seizure.
                    let t = if t == Tactic::Territory && takes_a_cache(&norm[hit.end.min(norm.len())..]) {
                        Tactic::Disrupted
                    } else if t == Tactic::SuicideBomb && is_worn(words, words.index_at(hit.start)) {
                        // A belt worn makes a suicide attacker, not a bombing.
                        Tactic::SuicideAttacker
                    } else {
                        t
                    };
                    found.add(t, hit.start);
                    found.first_new = found.first_new.min(hit.start);
                    specific = true;
                    found.only_back_references = false;
                }
            }
        }
        if let Some(at) = self_detonation(cues, words) {
            found.add(Tactic::SuicideBomb, at);
            found.first_new = found.first_new.min(at);
            specific = true;
            found.only_back_references = false;
        }
        if !specific {
            // Only "الاغتيالات والتفجيرات"-style plurals: talk about violence in
            // general, not a report of an event.
            found.tactics.clear();
        }
        // A bomb named alone ("قنبلة الهول") is a figure of speech unless
        // it is thrown ("ألقى مجهولون قنبلة").
        let only_grenade = found.tactics.len() == 1 && found.tactics.contains(&Tactic::Grenade);
        if only_grenade && !words.after(0).chain(std::iter::once(words.word(0))).any(is_throw) {
            found.tactics.clear();
        }
        found
    }

    fn add(&mut self, t: Tactic, at: usize) {
        self.tactics.insert(t);
        self.first = self.first.min(at);
    }
}

/// The words of `norm` holding a role marker, each once, in order.
fn marked_words<'n>(norm: &'n str, cues: &Cues) -> Vec<(usize, &'n str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    for hit in cues.iter().filter(|h| h.tag == Cue::RoleMarker) {
        let (start, end) = (crate::arabic::word_start(norm, hit.start), crate::arabic::word_end(norm, hit.end));
        if !out.iter().any(|(s, _)| *s == start) {
            out.push((start, &norm[start..end]));
        }
    }
    out.sort_unstable();
    out
}

/// Every word list of this module (for the normalisation check).
#[cfg(test)]
pub(crate) fn lexicon() -> Vec<&'static str> {
    PERPETRATOR
        .iter()
        .chain(CELLS)
        .chain(DETAINEES)
        .chain(HOLDING_PLACES)
        .chain(DIPLOMATIC_NOTES)
        .chain(RECURRING)
        .chain(SITUATIONS)
        .chain(WEARING)
        .chain(DETONATING)
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escape_from_custody_not_attackers_fleeing() {
        assert!(escapes_custody("تمكن خمسه موقوفين من الفرار من مركز احتجاز"));
        assert!(escapes_custody("ان المحتجزين الخمسه تمكنوا ليل الاحد الاثنين الماضي من الفرار عبر فتحه"));
        assert!(escapes_custody("احبطت محاوله هروب من مخيم الهول"));
        assert!(!escapes_custody("هاجم مسلحون خيمه في المخيم ثم لاذوا بالفرار"));
    }

    /// The tactics SentenceFacts finds in a one-sentence text.
    fn tactics_of(text: &str) -> BTreeSet<Tactic> {
        let norm = crate::arabic::normalize(text);
        let article = Article { name: "t", text, norm: &norm, published: None, mentions: &[], words: None };
        let cues = Cues::of_article(&article);
        SentenceFacts::of(&article, &cues, 0..norm.text.len(), false).tactics
    }

    #[test]
    fn a_reflexive_pronoun_opening_a_sentence_is_no_bombing() {
        // Found by the pipeline_writers fuzz target: with the pronoun first,
        // "word before it" underflowed (a panic where overflow is checked,
        // as in `cargo test` without --release and the fuzz build).
        for text in ["نفسها", "نفسه فجر"] {
            assert!(tactics_of(text).is_empty(), "{text}");
        }
        assert!(tactics_of("فجر انتحاري نفسه").contains(&Tactic::SuicideBomb));
    }

    #[test]
    fn a_time_bomb_is_a_figure_of_speech() {
        assert!(tactics_of("بقاء الأطفال في بيئة مغلقة يشكل قنبلة موقوتة").is_empty());
    }

    #[test]
    fn what_a_store_holds_is_no_attack() {
        let found = tactics_of("سيطرت على مستودع للأسلحة مخبأ داخل مزرعة يحتوي على قذائف هاون وصواريخ");
        assert!(!found.contains(&Tactic::Shelling), "{found:?}");
    }

    #[test]
    fn recurring_attacks_are_no_event() {
        assert!(tactics_of("وتتعرض مناطق شمال وشرق سوريا لهجمات متكررة من جيش الاحتلال").is_empty());
    }

    #[test]
    fn a_months_tally_is_no_event() {
        let text = "وأسفرت عمليات الاغتيال في درعا عن مقتل 26 شخصا خلال شهر شباط الماضي";
        let norm = crate::arabic::normalize(text);
        let article = Article { name: "t", text, norm: &norm, published: None, mentions: &[], words: None };
        let cues = Cues::of_article(&article);
        assert!(SentenceFacts::of(&article, &cues, 0..norm.text.len(), false).tells_a_span());
    }

    #[test]
    fn who_holds_an_area_is_no_capture() {
        assert!(tactics_of("ومناطق ريف الحسكة التي تسيطر عليها قوات سوريا الديمقراطية").is_empty());
        assert!(tactics_of("سيطرت فصائل الجيش الوطني، الخميس، بعد اشتباكات، ثم سيطرت على قرية العريشة")
            .contains(&Tactic::Territory));
    }

    #[test]
    fn a_diplomatic_protest_note_is_no_demonstration() {
        assert!(tactics_of("استدعت الخارجية السفير وسلمته مذكرة احتجاج شديدة اللهجة").is_empty());
        assert!(tactics_of("نظم الأهالي وقفة احتجاج أمام المبنى").contains(&Tactic::Protest));
        assert!(tactics_of("ألقى مجهولون قنبلة على منزل").contains(&Tactic::Grenade));
        assert!(tactics_of("قنبلة الهول").is_empty());
        assert!(tactics_of("أصيب طفلان بانفجار قنبلة يدوية").contains(&Tactic::Explosive));
    }

    #[test]
    fn control_of_a_cache_is_a_seizure() {
        assert!(takes_a_cache(" مستودع للاسلحه والذخاير"));
        assert!(takes_a_cache(" المخزن"));
        assert!(!takes_a_cache(" قريه الكوم"));
    }

    #[test]
    fn the_group_an_operation_is_against_does_not_act() {
        let n = "تمكنت وحدات الامن من تفكيك خليه ارهابيه تتبع لتنظيم داعش والقاء القبض علي افرادها";
        assert!(is_targeted_group(n, n.find("داعش").unwrap()));
        let n = "اعتقلت القوات خمسه اشخاص بتهمه الانتماء لداعش";
        assert!(is_targeted_group(n, n.find("داعش").unwrap()));
        let n = "اختطف تنظيم داعش راعيين";
        assert!(!is_targeted_group(n, n.find("تنظيم").unwrap()));
    }

    #[test]
    fn a_cell_is_dismantled_a_bomb_is_defused() {
        assert!(dismantles_a_cell("فككت القوات خليه تابعه لداعش"));
        assert!(!dismantles_a_cell("اعلنت الداخليه تفكيك عبوه ناسفه"));
    }

    #[test]
    fn a_worn_belt_is_no_bombing_a_detonated_self_is() {
        let arrested = tactics_of("ألقت القوات القبض على الإرهابي أثناء ارتدائه حزاماً ناسفاً");
        assert!(!arrested.contains(&Tactic::SuicideBomb) && !arrested.contains(&Tactic::Explosive), "{arrested:?}");
        assert!(tactics_of("فجر انتحاري نفسه قرب حاجز للجيش").contains(&Tactic::SuicideBomb));
        assert!(tactics_of("حيث أقدموا على تفجير أنفسهم أثناء الحصار").contains(&Tactic::SuicideBomb));
        assert!(!tactics_of("كان يخطط لتفجير نفسه وسط السوق").contains(&Tactic::SuicideBomb), "a plan");
    }

    /// The sub-event type SentenceFacts codes a one-sentence text as.
    fn coded_as(text: &str) -> Option<crate::acled::SubEventType> {
        let norm = crate::arabic::normalize(text);
        let article = Article { name: "t", text, norm: &norm, published: None, mentions: &[], words: None };
        let cues = Cues::of_article(&article);
        let facts = SentenceFacts::of(&article, &cues, 0..norm.text.len(), false);
        let actors = facts.actors(Some("SY"), &|a, b| norm.text[a..b].to_string());
        facts.coding(&actors).map(|c| c.sub_event_type)
    }

    #[test]
    fn who_fired_is_not_who_was_hit() {
        use crate::acled::SubEventType;
        let shot = coded_as("مسلحين مجهولين أطلقوا النار على سيارة موظف في دائرة الكهرباء");
        assert_eq!(shot, Some(SubEventType::Attack));
        let border = coded_as("أعلنت قوات الحدود إحباط محاولة تسلل، فيما أشارت إلى مقتل أحد المتسللين");
        assert_eq!(border, Some(SubEventType::ArmedClash), "infiltrators killed later in the sentence");
        let teacher = coded_as("بعد ساعات على اغتيال المدرّس برصاص مسلحين مجهولين أمام منزله");
        assert_eq!(teacher, Some(SubEventType::Attack), "the gunmen fired, the teacher died");
        let vigil = coded_as("نظّم العشرات من النازحين وقفة تضامنية في المخيم");
        assert_eq!(vigil, Some(SubEventType::PeacefulProtest), "a vigil");
        let tribes = coded_as("نزاعاً مسلحاً اندلع بين عشيرتين أسفر عن مقتل شاب");
        assert_eq!(tribes, Some(SubEventType::ArmedClash));
    }

    #[test]
    fn a_toll_is_no_kind_of_event() {
        let facts_of = |text: &str| {
            let norm = crate::arabic::normalize(text);
            let article = Article { name: "t", text, norm: &norm, published: None, mentions: &[], words: None };
            let cues = Cues::of_article(&article);
            SentenceFacts::of(&article, &cues, 0..norm.text.len(), false).only_back_references
        };
        assert!(facts_of("سقوط قتلى وجرحى وحالة من الذعر تسود المدينة"));
        assert!(!facts_of("مقتل ثلاثة مدنيين في قصف على القرية"));
    }

    #[test]
    fn a_busted_cell_is_an_operation_and_its_record_no_tally() {
        use crate::acled::SubEventType;
        assert_eq!(coded_as("تمكنت قواتنا من تفكيك خلية لداعش في بلدة أبو حمام"), Some(SubEventType::Arrests));
        let text = "تمكنت قواتنا من تفكيك خلية تورطت في اغتيال عدد من المدنيين خلال الأشهر الماضية";
        let norm = crate::arabic::normalize(text);
        let article = Article { name: "t", text, norm: &norm, published: None, mentions: &[], words: None };
        let cues = Cues::of_article(&article);
        assert!(!SentenceFacts::of(&article, &cues, 0..norm.text.len(), false).tells_a_span());
        let text = "أحبطت القوات خلال العام أكثر من 12 مخططا";
        let norm = crate::arabic::normalize(text);
        let article = Article { name: "t", text, norm: &norm, published: None, mentions: &[], words: None };
        let cues = Cues::of_article(&article);
        assert!(SentenceFacts::of(&article, &cues, 0..norm.text.len(), false).tells_a_span());
    }

    #[test]
    fn seized_by_an_armed_group_a_situation_blowing_up_arrests_not_announced() {
        use crate::acled::SubEventType;
        let seized = coded_as("أقدمت مجموعة مسلحة محلية في مدينة شهبا على احتجاز رجلين");
        assert_eq!(seized, Some(SubEventType::AbductionForcedDisappearance));
        assert!(!tactics_of("قد تؤدي الحوادث إلى تفجير الأوضاع مجددا").contains(&Tactic::Explosive));
        assert!(!tactics_of("ونفذت حملة تفتيش في المزارع، دون الإعلان عن اعتقالات").contains(&Tactic::Arrest));
        assert!(!tactics_of("أثناء توجههم للمشاركة في اعتصام مدني قرب السد").contains(&Tactic::Protest));
        assert!(!tactics_of("مستخدمين أسلحة رشاشة وقذائف آر بي جي").contains(&Tactic::Shelling), "an RPG");
    }
}
