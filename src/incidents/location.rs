//! Where an event happened: the site among the places a sentence names.
//!
//! A sentence names places in several roles: the site of the event, where
//! the report was filed (a dateline), where the wounded were taken, where
//! shells came from, where attackers fled, where a victim came from. Only
//! the site locates the event; toponyms inside unit and organisation names
//! never reach this stage (the geoparser drops them).

use super::sentences::Sentence;
use crate::acled::GeoPrecision;
use crate::arabic::Normalized;
use crate::gazetteer::Gazetteer;
use crate::geoparse::{Mention, ResolvedMention};
use std::ops::Range;

/// Distance (km) beyond which listed places are separate sites.
const SEPARATE_SITES_KM: f64 = 15.0;

/// The role a place plays in the sentence that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Where the event happened (the default reading).
    Site,
    /// Where a person involved comes from ("من أبناء بلدة X"): the site
    /// only when the sentence names no other.
    PersonOrigin,
    /// Where a person's family comes from ("يتحدر من ريف دير الزور"):
    /// never the site.
    Descent,
    /// Where someone or something went from the site: the hospital, the
    /// prison detainees were taken to, where attackers fled.
    Destination,
    /// An end of a road named after the towns it joins ("طريق تدمر –
    /// السخنة"): the site only when the sentence names no other.
    Road,
    /// Where shells or drones were launched from.
    Origin,
    /// The place of a dateline: where the report was filed.
    Dateline,
    /// A capital standing for its government ("بغداد تطالب دمشق").
    Metonymy,
    /// A place that only says where another lies ("مطيبيجة الواقعة بين
    /// محافظتي صلاح الدين وديالى"): the site only when the sentence names
    /// no other.
    Describes,
    /// The area an office holder answers for ("مدير ناحية بامرني", "والي
    /// تلعفر"): the site only when the sentence names no other.
    Office,
}

/// Words after a place that describe where it lies: places after them
/// locate it rather than the event.
const LYING: &[&str] = &["الواقعه", "الواقع", "الواقعتين", "الواقعين", "المحاذيه", "المحاذي"];

/// Verbs a government is the subject or object of: a capital next to one
/// stands for its government.
const GOVERNMENT_VERBS: &[&str] = &[
    "طالب",
    "تطالب",
    "يطالب",
    "طالبت",
    "دعت",
    "دعا",
    "تدعو",
    "يدعو",
    "اتهمت",
    "تتهم",
    "اتهم",
    "ترفض",
    "رفضت",
    "تحذر",
    "حذرت",
    "تنسق",
    "نسقت",
    "تسعي",
    "ابلغت",
    "طلبت",
    "حملت",
    "تحمل",
    "وافقت",
    "توافق",
    "تتهم",
    "تحاول",
    "قررت",
    "تعتبر",
    "اعتبرت",
    "ادانت",
    "تدين",
    "نفت",
    "تنفي",
    "ردت",
    "ترد",
    "ابلغ",
];

/// Words that move people away from the event's site; a place after
/// "إلى/نحو/باتجاه" following one of them is a destination.
const MOVEMENT: &[&str] = &[
    "نقل",
    "نقلوا",
    "نقلت",
    "نقله",
    "نقلهم",
    "نقلها",
    "نقلا",
    "اسعف",
    "اسعاف",
    "اسعافه",
    "اسعافهم",
    "فر",
    "فروا",
    "فرار",
    "الفرار",
    "انسحب",
    "انسحبوا",
    "انسحاب",
    "لاذ",
    "لاذوا",
    "هرب",
    "هربوا",
    "تراجع",
    "تراجعوا",
    "اقتاد",
    "اقتادوا",
    "اقتيد",
    "اقتادته",
    "اقتادتهم",
    "اقتادوه",
    "اقتادوهم",
    "ترحيل",
    "رحلت",
    "ادخل",
    "ادخال",
    "تحويل",
    "حول",
    "حولت",
    "نقلوه",
    "يقتادونه",
    "نقلهما",
    "اسعافهما",
    "اقتادتهما",
    "سلم",
    "تسليم",
    "سلمت",
];

/// Words after which a place is a destination.
const TOWARDS: &[&str] = &["الي", "نحو", "باتجاه", "صوب", "لمستشفي", "لمشفي"];

/// Words right before a place that make it a hospital's or prison's name:
/// where the wounded or detainees were taken, not the site.
const INSTITUTIONS: &[&str] = &["مستشفي", "مشفي", "المستشفي", "المشفي", "بمستشفي", "بمشفي", "لمستشفي", "لمشفي"];

/// Words that, with "من" before a place, make it where fire came from.
const LAUNCH: &[&str] = &[
    "مصدرها",
    "مصدره",
    "مصدر",
    "اطلقت",
    "اطلق",
    "اطلقها",
    "انطلقت",
    "انطلاقا",
    "قادمه",
    "قادما",
    "قادمين",
    "قادمون",
    // "من جهة بلدة ذيبان", "من اتجاه القرية": the direction fire or
    // attackers came from.
    "جهه",
    "اتجاه",
    "مواقعها",
    "مواقعه",
    "مواقع",
    "قواعد",
    "قاعدتها",
    "نقاطها",
    "نقاط",
    "مصادرها",
];

/// Words that make a place later in the clause where the attacker stands
/// or fire came from, whatever preposition follows ("مصدره مواقع الجيش
/// في منطقة X", "المتمركزون في مدينة X").
const STATIONED: &[&str] = &[
    "مصدرها",
    "مصدره",
    "مصادرها",
    "المتمركز",
    "المتمركزه",
    "المتمركزون",
    "المتمركزين",
    "المتواجده",
    "المنتشره",
    "انطلاقا",
    "انطلقت",
    "اطلقت",
];

/// Words before a place that make it a person's home, not the site.
const ORIGIN_OF_PERSON: &[&str] = &["ابناء", "اهالي", "سكان", "ابن", "اهل"];

/// Offices held over an area: a place right after one (or after its unit
/// word, "مدير ناحية X") is the office holder's area. ("والي", a group's
/// governor, reads as "وإلى" once normalised: see [`Locator`].)
const OFFICES: &[&str] = &["مدير", "محافظ", "قايممقام", "قايمقام", "امير", "مختار", "رييس", "مسوول"];

/// Unit words between an office and its area ("قائممقام قضاء X").
const OFFICE_UNITS: &[&str] = &["ناحيه", "قضاء", "بلديه", "محافظه", "قريه", "بلده", "مدينه", "منطقه"];

/// True when the words right before a place (nearest first) name an
/// office over it.
fn after_office(near: &[&str]) -> bool {
    match near {
        [w, ..] if OFFICES.contains(w) => true,
        [u, w, ..] => OFFICE_UNITS.contains(u) && OFFICES.contains(w),
        _ => false,
    }
}

/// Words before a place that make it where a person's family comes from
/// ("يتحدر من ريف دير الزور"): never where the event was.
const DESCENT: &[&str] = &["ينحدر", "المنحدر", "يتحدر", "المتحدر", "تنحدر", "تتحدر", "المنحدره", "المتحدره"];

/// The role of the place named by `m` in the clause whose normalised text
/// starts at `clause_at` of `norm`.
pub fn role_of(norm: &Normalized, clause_at: usize, m: &Mention, datelines: &[Range<usize>]) -> Role {
    if datelines.iter().any(|d| d.contains(&m.start)) {
        return Role::Dateline;
    }
    let at = norm.folded_range(m.start, m.end).start;
    // The words before, nearest first, without a leading "و".
    let before: Vec<&str> =
        words_back(&norm.text[clause_at.min(at)..at]).take(8).map(|w| w.strip_prefix('و').unwrap_or(w)).collect();
    let near = &before[..before.len().min(3)];
    if near.first().is_some_and(|w| INSTITUTIONS.contains(w)) {
        return Role::Destination;
    }
    // Up to the target's preposition ("على Y"): past it, the place is hit.
    let to_target = before.iter().position(|w| matches!(*w, "علي" | "استهدف" | "استهدفت")).unwrap_or(before.len());
    let towards = before[..before.len().min(6)].iter().any(|w| TOWARDS.contains(w));
    if towards && before.iter().any(|w| is_movement(w)) {
        return Role::Destination;
    }
    let road = |w: &str| matches!(w, "طريق" | "الطريق" | "اوتوستراد" | "اوتستراد");
    let road_end = near.first().is_some_and(|w| road(w)) || (near.len() >= 2 && road(near[1]));
    if road_end || is_far_road_end(norm, clause_at, at, &before) {
        return Role::Road;
    }
    if before.iter().take(6).any(|w| LYING.contains(w)) {
        return Role::Describes;
    }
    let from = near.contains(&"من");
    let launched = before.iter().take(4).any(|w| LAUNCH.contains(w));
    let stationed = before[..to_target].iter().any(|w| STATIONED.contains(w));
    if near.iter().any(|w| w.starts_with("مصدر")) || (from && launched) || stationed {
        return Role::Origin;
    }
    // "يتحدر من ريف مدينة الميادين": the family's home lies a few words on.
    if before.iter().take(5).any(|w| DESCENT.contains(w)) {
        return Role::Descent;
    }
    if near.iter().any(|w| ORIGIN_OF_PERSON.contains(w)) {
        return Role::PersonOrigin;
    }
    if after_office(near) {
        return Role::Office;
    }
    Role::Site
}

/// True when the place at `at` is the far end of a road named by two
/// towns ("طريق دير الزور – تدمر"): a dash joins it to a road word at most
/// four words back.
fn is_far_road_end(norm: &Normalized, clause_at: usize, at: usize, before: &[&str]) -> bool {
    if !before.iter().take(4).any(|w| matches!(*w, "طريق" | "الطريق")) {
        return false;
    }
    let span = &norm.text[clause_at.min(at)..at];
    span.rfind("طريق").is_some_and(|r| span[r..].contains(['–', '-', '—']))
}

/// True for a word that moves people away from a site: a verb of the
/// lists above, in any person ("ينسحبوا", "انسحبت", "نقلتهم").
fn is_movement(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "انسحب",
        "ينسحب",
        "تنسحب",
        "نقل",
        "ينقل",
        "اسعف",
        "هرب",
        "يهرب",
        "لاذ",
        "يلوذ",
        "تراجع",
        "يتراجع",
        "اقتاد",
        "اقتيد",
        "يقتاد",
        "فروا",
        "يفر",
        "رحل",
        "ترحيل",
        "حول",
        "تحويل",
        "سلم",
        "تسليم",
        "ادخل",
        "ادخال",
    ];
    // "على التراجع إلى", "بعد الانسحاب نحو": the verbal noun too.
    let bare = word.strip_prefix("ال").unwrap_or(word);
    MOVEMENT.contains(&word)
        || super::lexicon::starts_with_any(word, STEMS)
        || super::lexicon::starts_with_any(bare, STEMS)
}

/// The words of `text`, last first.
fn words_back(text: &str) -> impl Iterator<Item = &str> {
    text.rsplit(|c: char| !crate::arabic::is_word_char(c)).filter(|w| !w.is_empty())
}

/// Everything needed to find the site of a sentence's events.
pub struct Locator<'a> {
    /// The gazetteer.
    pub g: &'a Gazetteer,
    /// The article's text.
    pub text: &'a str,
    /// The article's normalised text.
    pub norm: &'a Normalized,
    /// The article's resolved mentions, by start.
    pub mentions: &'a [ResolvedMention],
    /// The article's sentences.
    pub sentences: &'a [Sentence],
    /// Source byte ranges of the article's datelines.
    pub datelines: Vec<Range<usize>>,
    /// The country most of the article's places lie in.
    pub country: Option<&'a str>,
}

impl Locator<'_> {
    /// The site of the event a stretch of source text reports, given where
    /// its trigger is: the first mapped site after the trigger (the place
    /// the trigger governs), else the most specific and nearest site before
    /// it, else a person's home place, else "the capital"; a governorate
    /// gives way to a more specific site inside it.
    pub fn site(&self, start: usize, end: usize, trigger: usize) -> Option<ResolvedMention> {
        self.site_and_role(start, end, trigger).map(|(m, _)| m)
    }

    /// [`Locator::site`], with the role the place plays (a site, or only a
    /// road's end or a person's home when the sentence names no site).
    pub fn site_and_role(&self, start: usize, end: usize, trigger: usize) -> Option<(ResolvedMention, Role)> {
        let clause_at = self.norm.folded_range(start, end).start;
        let (first, within) = mentions_within_at(self.mentions, start, end);
        let roles: Vec<(usize, &ResolvedMention, Role)> = within
            .iter()
            .enumerate()
            .filter(|(_, m)| m.place.is_some_and(|p| self.g.place(p).is_mapped()))
            .map(|(i, m)| {
                let role = if self.stands_for_government(m) {
                    Role::Metonymy
                } else if self.after_group_governor(&m.mention) {
                    Role::Office
                } else {
                    role_of(self.norm, clause_at, &m.mention, &self.datelines)
                };
                (first + i, m, role)
            })
            .collect();
        // A place that the text says holds another known place of the
        // clause ("مخيم الهول شرقي الحسكة", "قرية X بريف Y") only says
        // where that one is. One holding a place the gazetteer does not
        // know ("جزيرة الخالدية شرقي مدينة الرمادي") is the nearest known
        // site, as ACLED codes it; one near a road's end ("طريق الميادين –
        // البوكمال بالقرب من بلدة القورية") is the site.
        let holds_a_site = |i: usize| roles.iter().any(|(_, m, r)| *r != Role::Road && m.mention.container == Some(i));
        let here: Vec<(&ResolvedMention, Role)> =
            roles.iter().filter(|(i, _, _)| !holds_a_site(*i)).map(|(_, m, r)| (*m, *r)).collect();
        // A description locates the site when the place it describes is
        // unknown ("وادي زغيتون الواقع بين ناحيتي الرياض والرشاد").
        let described = |m: &ResolvedMention| here.iter().any(|(d, r)| *r == Role::Site && self.describes(d, m));
        let sites: Vec<&ResolvedMention> = here
            .iter()
            .filter(|(m, r)| matches!(r, Role::Site | Role::Describes) && !described(m))
            .map(|(m, _)| *m)
            .collect();
        let precision = |m: &ResolvedMention| m.geo_precision.unwrap_or(GeoPrecision::Region);
        let before = || {
            let nearest = sites
                .iter()
                .enumerate()
                .filter(|(_, m)| m.mention.start < trigger)
                .min_by_key(|(_, m)| (precision(m), trigger - m.mention.start))?;
            Some(&sites[self.list_head(&sites, nearest.0)])
        };
        let weaker =
            here.iter().find(|(_, r)| matches!(r, Role::Road | Role::PersonOrigin | Role::Describes | Role::Office));
        // "خطف مسلحون تاجراً من أبناء بلدة السبخة": the victim's town is
        // where it happened rather than an area named before the trigger.
        let home_after = here.iter().find(|(m, r)| *r == Role::PersonOrigin && m.mention.start >= trigger);
        if let (None, Some((m, r))) = (sites.iter().find(|m| m.mention.start >= trigger), home_after) {
            return Some(((*m).clone(), *r));
        }
        let Some(chosen) = sites.iter().find(|m| m.mention.start >= trigger).or_else(before) else {
            return match weaker {
                Some((m, role)) => Some(((*m).clone(), *role)),
                None => self.capital_in(start, end).map(|m| (m, Role::Site)),
            };
        };
        if precision(chosen) >= GeoPrecision::Region {
            let admin1 = chosen.place.map(|p| self.g.place(p).admin1.as_str()).unwrap_or_default();
            let finer = sites.iter().find(|m| {
                precision(m) < GeoPrecision::Region && m.place.is_some_and(|p| self.g.place(p).admin1 == admin1)
            });
            if let Some(f) = finer {
                return Some((self.coded_near_unknown(f, within, first), Role::Site));
            }
        }
        Some((self.coded_near_unknown(chosen, within, first), Role::Site))
    }

    /// The chosen site, at precision 2 ("near") when it stands for a place
    /// inside it the gazetteer does not know.
    fn coded_near_unknown(
        &self,
        chosen: &ResolvedMention,
        within: &[ResolvedMention],
        first: usize,
    ) -> ResolvedMention {
        let mut out = chosen.clone();
        let index = within.iter().position(|m| std::ptr::eq(m, chosen)).map(|i| first + i);
        let holds_unknown =
            index.is_some_and(|i| within.iter().any(|m| m.place.is_none() && m.mention.container == Some(i)));
        if holds_unknown && out.geo_precision == Some(GeoPrecision::Town) {
            out.geo_precision = Some(GeoPrecision::NearTown);
        }
        out
    }

    /// True when the text after `place` describes where it lies and
    /// names `other` ("مطيبيجة الواقعة بين محافظتي صلاح الدين وديالى").
    fn describes(&self, place: &ResolvedMention, other: &ResolvedMention) -> bool {
        if place.mention.end > other.mention.start {
            return false;
        }
        let between = self.norm.folded_range(place.mention.end, other.mention.start);
        let mut words = crate::arabic::words(&self.norm.text[between]);
        // Within the description's few words ("بين محافظتي X وY").
        words.next().is_some_and(|first| LYING.contains(&first)) && words.nth(10).is_none()
    }

    /// True when a capital is the subject or object of a government's verb
    /// ("بغداد تطالب", "تتهم دمشق"): the government, not the city.
    fn stands_for_government(&self, m: &ResolvedMention) -> bool {
        let capital = m.place.is_some_and(|p| self.g.place(p).feature_code == "PPLC");
        if !capital {
            return false;
        }
        let at = self.norm.folded_range(m.mention.start, m.mention.end);
        let before = words_back(&self.norm.text[..at.start]).next();
        let verb = |w: Option<&str>| w.is_some_and(|w| GOVERNMENT_VERBS.contains(&w.strip_prefix('و').unwrap_or(w)));
        verb(before) || verb(crate::arabic::words(&self.norm.text[at.end..]).next())
    }

    /// True when the word before a place is "والي" as written (a group's
    /// governor, "والي \"تلعفر\""), which normalised text cannot tell from
    /// "وإلى" (and to).
    fn after_group_governor(&self, m: &Mention) -> bool {
        let before = self.text.get(..m.start).unwrap_or_default();
        let word = words_back(before).next().unwrap_or_default();
        matches!(word, "والي" | "الوالي" | "لوالي")
    }

    /// The first place of the list ("الكسوة وديرخبية والمقيليبة") that
    /// `sites[i]` ends: a list names its main place first.
    fn list_head(&self, sites: &[&ResolvedMention], mut i: usize) -> usize {
        while i > 0 {
            let (prev, this) = (&sites[i - 1].mention, &sites[i].mention);
            let gap = self.text.get(prev.end..this.start).unwrap_or("x");
            let joined = gap.chars().all(|c| c.is_whitespace() || matches!(c, '،' | ',' | 'و'));
            if !joined || gap.chars().filter(|&c| c == 'و').count() > 1 {
                break;
            }
            i -= 1;
        }
        i
    }

    /// The places listed with `head` after it ("في بلدتي البصيرة والشحيل")
    /// within the span ending at `end`, head first, when the list names
    /// separate sites: after a dual or plural cue word ("بلدتي", "قرى"), or
    /// places far apart. ACLED codes an event per site; a list of nearby
    /// quarters of one area ("الكسوة وديرخبية والمقيليبة") stays one site.
    pub fn listed_sites(&self, head: &ResolvedMention, end: usize) -> Vec<ResolvedMention> {
        let at = self.mentions.partition_point(|m| m.mention.start < head.mention.start);
        let mut list = vec![head.clone()];
        // A head that is no mention of the article ("العاصمة", the capital)
        // may come after all of them.
        let after = self.mentions.get(at + 1..).unwrap_or_default();
        for m in after.iter().take_while(|m| m.mention.end <= end) {
            let prev = &list[list.len() - 1].mention;
            let gap = self.text.get(prev.end..m.mention.start).unwrap_or("x");
            let joined = gap.chars().all(|c| c.is_whitespace() || matches!(c, '،' | ',' | 'و'));
            if !joined || !m.place.is_some_and(|p| self.g.place(p).is_mapped()) {
                break;
            }
            list.push(m.clone());
        }
        let plural_cue = head.mention.cue.as_ref().is_some_and(|c| crate::arabic::is_list_cue(&c.word));
        // "الطريق بين بلدتي X وY": one place between two towns.
        let at_norm = self.norm.folded_range(head.mention.start, head.mention.end).start;
        if words_back(&self.norm.text[..at_norm]).take(2).any(|w| w == "بين") {
            return vec![head.clone()];
        }
        let point = |m: &ResolvedMention| m.place.map(|p| [self.g.place(p).lon, self.g.place(p).lat]);
        let far = |m: &ResolvedMention| match (point(head), point(m)) {
            (Some(a), Some(b)) => crate::spatial::haversine_km(a, b) > SEPARATE_SITES_KM,
            _ => false,
        };
        if list.len() > 1 && (plural_cue || list[1..].iter().any(far)) {
            list
        } else {
            vec![head.clone()]
        }
    }

    /// "العاصمة" names the capital of the article's country.
    fn capital_in(&self, start: usize, end: usize) -> Option<ResolvedMention> {
        let range = self.norm.folded_range(start, end);
        let at = range.start + self.norm.text[range].find("العاصمه")?;
        let place = self.g.capital(self.country?)?;
        let (s, e) = self.norm.source_span(at, at + "العاصمه".len());
        let surface = self.text[s..e].to_string();
        let mention = Mention { start: s, end: e, surface, ..Mention::default() };
        Some(ResolvedMention {
            mention,
            place: Some(place),
            candidates: 1,
            confidence: 0.6,
            reason: "the capital of the article's country".into(),
            geo_precision: Some(GeoPrecision::Town),
        })
    }

    /// The site of one of the two sentences before sentence `index` (for a
    /// sentence that refers back to "المنطقة" or "العملية").
    pub fn earlier_site(&self, index: usize) -> Option<ResolvedMention> {
        (index.saturating_sub(2)..index).rev().find_map(|j| {
            let s = self.sentences[j];
            self.site(s.start, s.end, s.start)
        })
    }
}

/// The mentions inside a source span. Mentions are sorted by start, so a
/// binary search finds them: long articles stay linear, not quadratic.
pub fn mentions_within(mentions: &[ResolvedMention], start: usize, end: usize) -> &[ResolvedMention] {
    mentions_within_at(mentions, start, end).1
}

/// [`mentions_within`], with the index of the first among all mentions.
fn mentions_within_at(mentions: &[ResolvedMention], start: usize, end: usize) -> (usize, &[ResolvedMention]) {
    let a = mentions.partition_point(|m| m.mention.start < start);
    let b = mentions.partition_point(|m| m.mention.start < end);
    let inside = &mentions[a..b.max(a)];
    let last = inside.iter().rposition(|m| m.mention.end <= end).map_or(0, |i| i + 1);
    (a, &inside[..last])
}

/// Every word list of this module (for the normalisation check).
#[cfg(test)]
pub(crate) fn lexicon() -> Vec<&'static str> {
    [
        MOVEMENT,
        TOWARDS,
        INSTITUTIONS,
        LAUNCH,
        STATIONED,
        ORIGIN_OF_PERSON,
        DESCENT,
        LYING,
        GOVERNMENT_VERBS,
        OFFICES,
        OFFICE_UNITS,
    ]
    .into_iter()
    .flatten()
    .copied()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize;

    fn role(text: &str, name: &str) -> Role {
        let norm = normalize(text);
        let start = text.find(name).expect("name in text");
        let m = Mention { start, end: start + name.len(), ..Mention::default() };
        role_of(&norm, 0, &m, &[])
    }

    #[test]
    fn hospital_is_a_destination() {
        assert_eq!(role("ونقل الجرحى إلى مستشفى الميادين", "الميادين"), Role::Destination);
        assert_eq!(role("ونقل الجرحى إلى الميادين", "الميادين"), Role::Destination);
        assert_eq!(role("انفجرت عبوة في الميادين", "الميادين"), Role::Site);
    }

    #[test]
    fn where_shells_came_from() {
        assert_eq!(role("قذائف مصدرها تل أبيض سقطت على عين عيسى", "تل أبيض"), Role::Origin);
        assert_eq!(role("قذائف مصدرها تل أبيض سقطت على عين عيسى", "عين عيسى"), Role::Site);
        assert_eq!(role("قصفت القوات التركية القرية من مواقعها في رأس العين", "رأس العين"), Role::Origin);
        let stationed = "قصف الجيش التركي المتمركز في مدينة رأس العين قرية الدردارة";
        assert_eq!(role(stationed, "رأس العين"), Role::Origin);
        let source = "تعرضت قرى في محيط تل تمر لقصف مصدره مواقع الجيش التركي في منطقة رأس العين";
        assert_eq!(role(source, "رأس العين"), Role::Origin);
        assert_eq!(role("وجرى تحويل الموقوفين إلى إدارة المكافحة في العاصمة عمان", "عمان"), Role::Destination);
    }

    #[test]
    fn an_office_holders_area_is_not_the_site() {
        assert_eq!(role("وصرح مدير ناحية بامرني بأن الطائرات قصفت قرية", "بامرني"), Role::Office);
        assert_eq!(role("وقال قائممقام قضاء سنجار إن", "سنجار"), Role::Office);
        assert_eq!(role("أعلن محافظ الأنبار مقتل", "الأنبار"), Role::Office);
        assert_eq!(role("قصفت الطائرات قرية بامرني", "بامرني"), Role::Site);
    }

    #[test]
    fn descent_reaches_past_countryside_and_city() {
        assert_eq!(role("اعتقلت رجلا يتحدر من ريف مدينه الميادين", "الميادين"), Role::Descent);
    }

    #[test]
    fn the_direction_attackers_came_from() {
        assert_eq!(role("هاجموا حاجزا من جهه بلده ذيبان", "ذيبان"), Role::Origin);
    }

    #[test]
    fn retreat_and_home_town() {
        assert_eq!(role("وانسحب المهاجمون باتجاه البادية", "البادية"), Role::Destination);
        assert_eq!(role("أجبروا على التراجع إلى مواقعهم في محيط مدينة كري سبي", "كري سبي"), Role::Destination);
        assert_eq!(role("قبل أن ينسحبوا باتجاه سلسلة جبال حمرين", "حمرين"), Role::Destination);
        assert_eq!(role("عبوة على جانب طريق تدمر – السخنة قرب حقل آراك", "تدمر"), Role::Road);
        assert_eq!(role("عبوة على جانب طريق تدمر – السخنة قرب حقل آراك", "السخنة"), Role::Road);
        assert_eq!(role("اختطف شاب من أبناء بلدة هجين", "هجين"), Role::PersonOrigin);
        assert_eq!(role("قتل مسلحون رجلاً يتحدر من ريف دير الزور", "دير الزور"), Role::Descent);
    }

    #[test]
    fn where_a_place_lies_is_not_the_site() {
        let text = "خلال تفتيشها منطقة مطيبيجة الواقعة على الحدود الإدارية بين محافظتي صلاح الدين وديالى، عثرت";
        assert_eq!(role(text, "صلاح الدين"), Role::Describes);
        assert_eq!(role(text, "مطيبيجة"), Role::Site);
    }

    #[test]
    fn both_ends_of_a_road() {
        let text = "هجوم على حافلة على طريق دير الزور – تدمر في منطقة الشولا";
        assert_eq!(role(text, "دير الزور"), Role::Road);
        assert_eq!(role(text, "تدمر"), Role::Road);
        assert_eq!(role(text, "الشولا"), Role::Site);
        assert_eq!(role("على طريق الرقة قرب بلدة الكرامة", "الكرامة"), Role::Site);
    }

    #[test]
    fn dateline_place() {
        let text = "الحسكة (رويترز) - قتل";
        let m = Mention { start: 0, end: "الحسكة".len(), ..Mention::default() };
        let dateline = 0..20;
        assert_eq!(role_of(&normalize(text), 0, &m, std::slice::from_ref(&dateline)), Role::Dateline);
    }
}
