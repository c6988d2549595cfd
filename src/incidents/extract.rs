//! Turning one article's sentences into incidents.

use super::actors::{actor_entries, assign_roles, find_actors_in};
use super::classify::{classify, Coding};
use super::counts::{fatalities, fatalities_and_arrests, ARREST_WORDS, DEATH_WORDS};
use super::date::Date;
use super::dates::{relative_entries, sentence_date, sentence_date_with, DateBasis, FoundDate, Relative};
use super::lexicon::{Hit, Lexicon};
use super::sentences::{split_sentences, Sentence};
use super::triggers::{role_markers, word_role, Tactic};
use super::Incident;
use crate::acled::{GeoPrecision, SubEventType, TimePrecision};
use crate::arabic::{for_each_reading, strip_proclitics, Normalized};
use crate::gazetteer::Gazetteer;
use crate::geoparse::{Mention, ResolvedMention};
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

/// True when every trigger word of a normalised sentence carries the
/// article ("وأشار الأهالي إلى أن القذائف سقطت…"): the sentence refers back
/// to an event already told rather than reporting a new one.
fn only_definite_triggers(norm: &str) -> bool {
    let triggers: Vec<&str> = crate::arabic::words(norm).filter(|w| word_role(w).trigger.is_some()).collect();
    !triggers.is_empty()
        && triggers.iter().all(|w| strip_proclitics(w).iter().any(|b| b.starts_with("ال")) || w.starts_with("ال"))
}

/// Words that negate the trigger right after them.
const NEGATIONS: &[&str] = &["لم", "لن", "عدم", "دون", "بدون", "ولم", "ولن", "نفي", "نفت"];

/// Multi-word triggers (normalised).
const PHRASES: &[(&str, Tactic)] = &[
    ("عمليه امنيه", Tactic::Raid),
    ("عمليه عسكريه", Tactic::Raid),
    ("حمله امنيه", Tactic::Raid),
    ("تبادل لاطلاق النار", Tactic::Clash),
    ("تبادل اطلاق النار", Tactic::Clash),
    ("اطلاق النار علي", Tactic::Killing),
    ("اطلاق نار", Tactic::Killing),
    ("سياره مفخخه", Tactic::Explosive),
    ("حزام ناسف", Tactic::SuicideBomb),
    ("ضربه جويه", Tactic::AirStrike),
    ("قصف جوي", Tactic::AirStrike),
];

/// One article to extract from: its name, text, publication date and the
/// place mentions the geoparser found in it.
pub struct Article<'a> {
    /// Document name (file name or URL).
    pub name: &'a str,
    /// Full text.
    pub text: &'a str,
    /// The text normalised (`normalize(text)`), shared with the geoparser.
    pub norm: &'a Normalized,
    /// Publication date, if known.
    pub published: Option<Date>,
    /// Resolved place mentions, in text order.
    pub mentions: &'a [ResolvedMention],
    /// Where the [`article_words`] occur in `norm`, when the geoparser's
    /// scan found them ([`crate::geoparse::Geoparser::with_words`]); `None`
    /// scans the text again.
    pub words: Option<&'a [(usize, usize, usize)]>,
}

/// What one sentence (or clause) says, before it becomes an incident.
#[derive(Debug)]
struct SentenceFacts<'a> {
    /// The normalised text, a slice of the article's.
    norm: &'a str,
    /// Where `norm` starts in the article's normalised text.
    norm_at: usize,
    cues: Cues<'a>,
    tactics: BTreeSet<Tactic>,
    first_trigger: usize,
    date: Option<FoundDate>,
}

impl<'a> SentenceFacts<'a> {
    /// The facts of the source span `start..end`; its date only when it has
    /// triggers (the date matters only for incidents).
    fn of(article: &Article<'a>, cues: &'a [Hit<Cue>], start: usize, end: usize, with_date: bool) -> Self {
        Self::of_folded(article, cues, article.norm.folded_range(start, end), with_date)
    }

    /// [`SentenceFacts::of`] the span whose normalised text is `range`.
    fn of_folded(article: &Article<'a>, cues: &'a [Hit<Cue>], range: Range<usize>, with_date: bool) -> Self {
        let norm = &article.norm.text[range.clone()];
        let cues = Cues::within(cues, range.clone());
        let (tactics, first_trigger) = tactics_in(norm, &cues);
        let date = if with_date && !tactics.is_empty() {
            sentence_date_with(norm, article.published, Some(&cues.relative_dates()))
        } else {
            None
        };
        SentenceFacts { norm, norm_at: range.start, cues, tactics, first_trigger, date }
    }
}

/// What the fixed word lists of this module say about a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A multi-word trigger.
    Phrase(Tactic),
    /// Makes "مسيرة" a drone and "غارة" a strike.
    Drone,
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
    /// Part of a word that may report an event or a seizure (see
    /// [`role_markers`]): only such words are looked up.
    RoleMarker,
    /// An actor pattern (entry of [`actor_entries`]).
    Actor(u16),
    /// A relative-date phrase.
    Relative(Relative),
    /// A word deaths are counted from (entry of [`DEATH_WORDS`]).
    Deaths,
    /// A word arrests are counted from (entry of [`ARREST_WORDS`]).
    Arrests,
}

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
        let lists: [(&[&str], Cue); 7] = [
            (DRONE_CONTEXT, Cue::Drone),
            (CIVILIAN_WORDS, Cue::Civilian),
            (&["تفكيك", "فكك"], Cue::Dismantle),
            (&["خليه", "خلايا"], Cue::Cell),
            (&["عمليه"], Cue::Operation),
            (SPANS, Cue::Span),
            (TARGETS, Cue::Target),
        ];
        let mut entries: Vec<(&str, Cue)> = PHRASES.iter().map(|(p, t)| (*p, Cue::Phrase(*t))).collect();
        for (words, cue) in lists {
            entries.extend(words.iter().map(|w| (*w, cue)));
        }
        entries.extend(role_markers().into_iter().map(|m| (m, Cue::RoleMarker)));
        entries.extend(actor_entries().into_iter().enumerate().map(|(i, a)| (a, Cue::Actor(i as u16))));
        entries.extend(relative_entries().into_iter().map(|(p, r)| (p, Cue::Relative(r))));
        entries.extend(DEATH_WORDS.iter().map(|w| (*w, Cue::Deaths)));
        entries.extend(ARREST_WORDS.iter().map(|w| (*w, Cue::Arrests)));
        entries
    })
}

/// The cues of a sentence or clause: a view of the article's, rebased.
#[derive(Debug, Clone, Copy)]
struct Cues<'a> {
    /// The article's cues that start inside the span.
    hits: &'a [Hit<Cue>],
    /// Where the span starts and ends in the article's normalised text.
    span: (usize, usize),
}

impl<'a> Cues<'a> {
    /// Every cue of a whole article, by start.
    fn of_article(article: &Article) -> Vec<Hit<Cue>> {
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
        hits
    }

    /// The cues lying wholly inside `range` of the article, with offsets
    /// from its start.
    fn within(article: &'a [Hit<Cue>], range: std::ops::Range<usize>) -> Self {
        let from = article.partition_point(|h| h.start < range.start);
        let to = article.partition_point(|h| h.start < range.end);
        Cues { hits: &article[from..to.max(from)], span: (range.start, range.end) }
    }

    /// The cues wholly inside the span, with offsets from its start.
    fn iter(&self) -> impl Iterator<Item = Hit<Cue>> + 'a {
        let (start, end) = self.span;
        self.hits.iter().filter(move |h| h.end <= end).map(move |h| Hit {
            start: h.start - start,
            end: h.end - start,
            ..*h
        })
    }

    fn has(&self, cue: Cue) -> bool {
        self.iter().any(|h| h.tag == cue)
    }

    /// The relative-date phrases (which ones, not where: that is all
    /// the date rules ask).
    fn relative_dates(&self) -> Vec<Relative> {
        self.iter().filter_map(|h| if let Cue::Relative(r) = h.tag { Some(r) } else { None }).collect()
    }

    /// The actor patterns, as (entry, start, end).
    fn actors(&self) -> Vec<(usize, usize, usize)> {
        let actor = |h: Hit<Cue>| if let Cue::Actor(i) = h.tag { Some((usize::from(i), h.start, h.end)) } else { None };
        self.iter().filter_map(actor).collect()
    }
}

/// Extract the incidents one article reports.
pub fn extract_incidents(g: &Gazetteer, article: &Article) -> Vec<Incident> {
    let sentences = split_sentences(article.text);
    let country = article_country(g, article.mentions);
    let mut out: Vec<Incident> = Vec::new();
    // Where each sentence lies in the normalised text, found once.
    let norm_ranges: Vec<Range<usize>> = sentences.iter().map(|s| article.norm.folded_range(s.start, s.end)).collect();
    let teasers = teaser_sentences(article.text, &article.norm.text, &sentences, &norm_ranges);
    let cues = Cues::of_article(article);
    let chars = std::cell::RefCell::new(CharCursor { text: article.text, ..CharCursor::default() });
    // Dates of sentences without triggers are only needed when a following
    // incident inherits one: computed then, at most once each.
    let mut dates: Vec<Option<Option<FoundDate>>> = vec![None; sentences.len()];
    for (i, s) in sentences.iter().enumerate() {
        let facts = SentenceFacts::of_folded(article, &cues, norm_ranges[i].clone(), true);
        if !facts.tactics.is_empty() {
            dates[i] = Some(facts.date);
        }
        if teasers[i]
            || facts.tactics.is_empty()
            || is_background(facts.norm, article.published)
            || facts.cues.has(Cue::Span)
        {
            continue;
        }
        let Some(coding) = code_sentence(&facts) else {
            continue;
        };
        if is_bare_operation(&facts) {
            continue;
        }
        let follows_incident = out.last().is_some_and(|o| i - o.sentence_index <= 2);
        if follows_incident && only_definite_triggers(facts.norm) && !has_place(article, s) {
            continue;
        }
        let date = facts
            .date
            .or_else(|| {
                (i.saturating_sub(2)..i).rev().find_map(|j| sentence_date_cached(article, &norm_ranges, &mut dates, j))
            })
            .or_else(|| {
                article.published.map(|date| FoundDate {
                    date,
                    precision: TimePrecision::Week,
                    basis: DateBasis::Publication,
                })
            });
        let ctx = SentenceContext {
            g,
            article,
            cues: &cues,
            sentences: &sentences,
            index: i,
            country: country.as_deref(),
            chars: &chars,
        };
        let range = (s.start, s.end);
        for loc in ctx.locations(&facts, coding) {
            let mut inc = ctx.incident(&facts, loc.coding, loc.mention.as_ref(), loc.here, range);
            inc.date = date;
            out.push(inc);
        }
    }
    drop_restated_headline(g, out)
}

/// A headline restates the body: an incident from the first sentence goes
/// when the body reports one at the same or a nearby place (the body's
/// coding, with its context, is the more reliable).
fn drop_restated_headline(g: &Gazetteer, mut incidents: Vec<Incident>) -> Vec<Incident> {
    let near = |a: &Incident, b: &Incident| match (a.place, b.place) {
        (Some(x), Some(y)) => {
            let (p, q) = (g.place(x), g.place(y));
            x == y
                || (!p.admin1.is_empty() && p.admin1 == q.admin1)
                || crate::spatial::haversine_km([p.lon, p.lat], [q.lon, q.lat]) <= super::DEDUP_KM
        }
        _ => false,
    };
    let restated: Vec<bool> = incidents
        .iter()
        .map(|h| h.sentence_index == 0 && incidents.iter().any(|b| b.sentence_index > 0 && near(h, b)))
        .collect();
    let mut keep = restated.iter().map(|r| !r);
    incidents.retain(|_| keep.next().unwrap_or(true));
    incidents
}

/// The mentions inside a source span. Mentions are sorted by start, so a
/// binary search finds them: long articles stay linear, not quadratic.
fn mentions_within(mentions: &[ResolvedMention], start: usize, end: usize) -> &[ResolvedMention] {
    let a = mentions.partition_point(|m| m.mention.start < start);
    let b = mentions.partition_point(|m| m.mention.start < end);
    let inside = &mentions[a..b.max(a)];
    let last = inside.iter().rposition(|m| m.mention.end <= end).map_or(0, |i| i + 1);
    &inside[..last]
}

/// True when a mapped place is named inside the sentence.
fn has_place(article: &Article, s: &Sentence) -> bool {
    mentions_within(article.mentions, s.start, s.end).iter().any(|m| m.place.is_some())
}

/// The date sentence `j` states, computed on first use.
fn sentence_date_cached(
    article: &Article,
    norm_ranges: &[Range<usize>],
    cache: &mut [Option<Option<FoundDate>>],
    j: usize,
) -> Option<FoundDate> {
    *cache[j].get_or_insert_with(|| sentence_date(&article.norm.text[norm_ranges[j].clone()], article.published))
}

/// The words of `norm` holding a role marker, each once, in order.
fn marked_words<'n>(norm: &'n str, cues: &Cues) -> Vec<(usize, &'n str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    for hit in cues.iter().filter(|h| h.tag == Cue::RoleMarker) {
        let (start, end) = word_around(norm, hit.start, hit.end);
        if !out.iter().any(|(s, _)| *s == start) {
            out.push((start, &norm[start..end]));
        }
    }
    out.sort_unstable();
    out
}

/// The word holding the bytes `start..end`.
fn word_around(norm: &str, start: usize, end: usize) -> (usize, usize) {
    (crate::arabic::word_start(norm, start), crate::arabic::word_end(norm, end))
}

/// The two words before the word starting at `at` ("" when there are none).
fn two_words_before(norm: &str, at: usize) -> (&str, &str) {
    let mut before = norm[..at].rsplit(|c: char| !crate::arabic::is_word_char(c)).filter(|w| !w.is_empty());
    (before.next().unwrap_or(""), before.next().unwrap_or(""))
}

/// Trigger tactics of a normalised text and the offset of the first one.
fn tactics_in(norm: &str, cues: &Cues) -> (BTreeSet<Tactic>, usize) {
    let mut tactics = BTreeSet::new();
    let mut first = usize::MAX;
    let mut seizure_at = None;
    let mut weapons = false;
    let mut specific = false;
    for (at, word) in marked_words(norm, cues) {
        let role = word_role(word);
        let (prev, prev_prev) = two_words_before(norm, at);
        if role.seizure {
            seizure_at.get_or_insert(at);
        }
        weapons |= role.weapon;
        if let Some(t) = role.trigger {
            // "بعد جريمة قتل": what came before the event, not the event.
            let earlier = prev == "بعد" || prev_prev == "بعد";
            if !NEGATIONS.contains(&prev) && (!earlier || tactics.is_empty()) {
                tactics.insert(t);
                first = first.min(at);
                specific |= !role.generic_plural;
            }
        }
    }
    if let (Some(at), true) = (seizure_at, weapons) {
        tactics.insert(Tactic::Disrupted);
        first = first.min(at);
        specific = true;
    }
    for hit in cues.iter() {
        if let Cue::Phrase(t) = hit.tag {
            tactics.insert(t);
            first = first.min(hit.start);
            specific = true;
        }
    }
    if !specific {
        // Only "الاغتيالات والتفجيرات"-style plurals: talk about violence in
        // general, not a report of an event.
        tactics.clear();
    }
    (tactics, first)
}

/// Markers of "read also" blocks that list other articles' headlines.
const TEASER_MARKERS: &[&str] =
    &["اقرا ايضا", "اقرا المزيد", "اقرا كذلك", "ذات صله", "شاهد ايضا", "المزيد من الاخبار", "الاكثر قراءه"];

/// Sentences that belong to "read also" blocks: the marker line itself and
/// the bullet or headline lines right after it.
fn teaser_sentences(text: &str, norm_text: &str, sentences: &[Sentence], norm_ranges: &[Range<usize>]) -> Vec<bool> {
    let mut out = vec![false; sentences.len()];
    let mut in_block = false;
    for (i, (s, range)) in sentences.iter().zip(norm_ranges).enumerate() {
        let raw = &text[s.start..s.end];
        let norm = &norm_text[range.clone()];
        if TEASER_MARKERS.iter().any(|m| norm.starts_with(m)) {
            in_block = true;
            out[i] = true;
            continue;
        }
        let bullet = raw.starts_with(['-', '•', '–', '*', '·', '▪']);
        // Characters are counted only when the answer depends on them:
        // most sentences are neither in a block nor bullets.
        let headline = || !raw.ends_with(['.', '،']) && raw.chars().count() < 120;
        in_block = in_block && (bullet || headline());
        out[i] = in_block || bullet && raw.chars().count() < 160;
    }
    out
}

/// Words that make "مسيرة" a drone and "غارة" a strike.
/// ("الطائرات المسيرة تعمل على مدار الساعة" is surveillance, not a strike.)
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
];

/// Words that mark civilian victims.
const CIVILIAN_WORDS: &[&str] =
    &["مدني", "مدنيين", "رعاه", "مواطن", "طفل", "اطفال", "امراه", "نساء", "معلم", "تاجر", "مدرس"];

/// Every word list of this module (for the normalisation check).
#[cfg(test)]
pub(crate) fn lexicon() -> Vec<&'static str> {
    let phrases = PHRASES.iter().map(|(p, _)| *p);
    DRONE_CONTEXT.iter().chain(CIVILIAN_WORDS).chain(NEGATIONS).chain(ANAPHORA).copied().chain(phrases).collect()
}

fn code_sentence(f: &SentenceFacts) -> Option<Coding> {
    let cues = &f.cues;
    let cell = cues.has(Cue::Dismantle) && cues.has(Cue::Cell);
    let mut tactics = f.tactics.clone();
    // "غارة ... أدت إلى اعتقال": an air-landed raid, not a strike.
    if tactics.contains(&Tactic::AirStrike) && tactics.contains(&Tactic::Arrest) && fatalities(f.norm) == 0 {
        tactics.remove(&Tactic::AirStrike);
    }
    // "العملية التي انتهت بمقتل قيادي": a killing in an operation is a fight.
    if tactics.contains(&Tactic::Killing) && cues.has(Cue::Operation) {
        tactics.insert(Tactic::Raid);
    }
    classify(&tactics, cues.has(Cue::Drone), cell, cues.has(Cue::Civilian))
}

/// Sentences about earlier years ("منذ 2019", "في عام 2014") are background.
fn is_background(norm: &str, published: Option<Date>) -> bool {
    let Some(p) = published else { return false };
    norm.split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1990..=2100).contains(y))
        .any(|y| y < p.year - 1 || (y == p.year - 1 && p.month > 3))
}

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
    "غالبا ما",
    "عاده ما",
    "كثيرا ما",
    "حصيله يوميه",
    "حصيله اسبوعيه",
    "مناطق متفرقه",
];

/// Whom a security operation goes after.
const TARGETS: &[&str] =
    &["خليه", "خلايا", "مطلوب", "عناصر", "عنصر", "قيادي", "ارهابي", "مشتبه", "متهم", "وكر", "اوكار", "مخبا"];

/// A security operation with no outcome and no target named is not coded.
fn is_bare_operation(f: &SentenceFacts) -> bool {
    f.tactics.iter().all(|t| *t == Tactic::Raid) && !f.cues.has(Cue::Target)
}

/// Words that refer back to a place or event named just before.
const ANAPHORA: &[&str] = &[
    "العمليه",
    "الهجوم",
    "المنطقه",
    "البلده",
    "القريه",
    "المدينه",
    "هناك",
    "فيها",
    "الحادث",
    "الحادثه",
    "السجن",
    "المخيم",
    "الاشتباكات",
    "الاشتباك",
    "الانفجار",
    "التفجير",
    "الكمين",
    "المداهمه",
    "الموقع",
];

/// True when a word of a normalised sentence, or one of its readings
/// without proclitics, refers back ([`ANAPHORA`]).
fn refers_back(norm: &str) -> bool {
    // Each anaphor without a leading alef: a reading "ال…" may come from
    // "لل…", which holds that. A sentence holding none has no anaphor, and
    // most do not: the scan spares splitting them into words.
    static KEYS: OnceLock<Lexicon<()>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        Lexicon::new(&ANAPHORA.iter().map(|a| (a.strip_prefix('ا').unwrap_or(a), ())).collect::<Vec<_>>())
    });
    keys.has_any(norm) && refers_back_word_by_word(norm)
}

/// [`refers_back`], reading every word.
fn refers_back_word_by_word(norm: &str) -> bool {
    crate::arabic::words(norm).any(|w| {
        let mut found = false;
        for_each_reading(w, &mut |b| found |= ANAPHORA.contains(&b));
        found
    })
}

/// Words that open a clause reporting another event of the same sentence.
const COORDINATORS: &[&str] = &["والاخر", "والثاني", "والثانيه", "كما", "فيما", "بينما", "وكذلك", "في حين", "واخر"];

/// Where one incident of a sentence happened and how it is coded.
struct Location {
    mention: Option<ResolvedMention>,
    /// True when the place is named in the sentence itself.
    here: bool,
    coding: Coding,
}

/// Byte → character offsets for one text, moving forward: sentences come
/// in order, so the whole article is counted once, not once per incident.
#[derive(Debug, Default)]
struct CharCursor<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl CharCursor<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Everything needed to turn one sentence into incidents.
struct SentenceContext<'a> {
    g: &'a Gazetteer,
    article: &'a Article<'a>,
    cues: &'a [Hit<Cue>],
    sentences: &'a [Sentence],
    index: usize,
    country: Option<&'a str>,
    chars: &'a std::cell::RefCell<CharCursor<'a>>,
}

impl SentenceContext<'_> {
    /// Where the sentence's incidents happened, and how each is coded: one
    /// per clause when later clauses open with a coordinator ("والآخر",
    /// "كما", "فيما") and each clause names a trigger and a different place
    /// ("أحدهما في X، والآخر في Y"), else one for the sentence.
    fn locations(&self, facts: &SentenceFacts, coding: Coding) -> Vec<Location> {
        let s = self.sentences[self.index];
        let per_clause = self.clause_locations(coding);
        if per_clause.len() >= 2 {
            return per_clause;
        }
        let trigger = s.start + facts.first_trigger.min(s.end - s.start);
        match self.locate(s.start, s.end, trigger) {
            Some(m) => vec![Location { mention: Some(m), here: true, coding }],
            None => vec![Location { mention: self.fallback(facts), here: false, coding }],
        }
    }

    /// One location per clause that opens a new event (the first with a
    /// trigger, then those opening with a coordinator) and names a trigger
    /// and a place of its own.
    fn clause_locations(&self, coding: Coding) -> Vec<Location> {
        let s = self.sentences[self.index];
        let clauses = clause_ranges(self.article.text, s.start, s.end);
        let norm = self.article.norm;
        let coordinated: Vec<bool> = clauses
            .iter()
            .map(|&(cs, ce)| {
                let own = norm.text[norm.folded_range(cs, ce)].trim_start();
                COORDINATORS.iter().any(|c| own.starts_with(c))
            })
            .collect();
        let mut per_clause: Vec<Location> = Vec::new();
        // A second location needs a later clause opening with a coordinator:
        // without one there is at most one, which the caller drops, so no
        // clause's facts need computing.
        if !coordinated.iter().skip(1).any(|&c| c) {
            return per_clause;
        }
        for (&(cs, ce), &coordinated) in clauses.iter().zip(&coordinated) {
            // Checked before the facts: whether a clause opens a new event
            // needs only its text.
            if !(per_clause.is_empty() || coordinated) {
                continue;
            }
            let own = SentenceFacts::of(self.article, self.cues, cs, ce, false);
            if own.tactics.is_empty() {
                continue;
            }
            let Some(m) = self.locate(cs, ce, cs + own.first_trigger.min(ce - cs)) else { continue };
            if per_clause.iter().any(|l| l.mention.as_ref().and_then(|p| p.place) == m.place) {
                continue;
            }
            // A foiling verb governs every clause ("أحبطت هجومين، أحدهما…
            // والآخر محاولة تفجير"); otherwise each clause says what it says.
            let clause_coding = if coding.sub_event_type == SubEventType::DisruptedWeaponsUse {
                Some(coding)
            } else {
                code_sentence(&own)
            };
            per_clause.push(Location { mention: Some(m), here: true, coding: clause_coding.unwrap_or(coding) });
        }
        per_clause
    }

    /// The place a stretch of text locates: the first mapped place after
    /// the trigger (the place the trigger governs), else the last one
    /// before it, else "the capital"; a governorate gives way to a more
    /// specific place inside it.
    fn locate(&self, start: usize, end: usize, trigger: usize) -> Option<ResolvedMention> {
        let g = self.g;
        let here: Vec<&ResolvedMention> = mentions_within(self.article.mentions, start, end)
            .iter()
            .filter(|m| m.place.is_some_and(|p| g.place(p).is_mapped()))
            .collect();
        // Before the trigger, the most specific place wins, then the nearest.
        let before = || {
            here.iter()
                .filter(|m| m.mention.start < trigger)
                .min_by_key(|m| (m.geo_precision.unwrap_or(GeoPrecision::Region), trigger - m.mention.start))
        };
        let Some(chosen) = here.iter().find(|m| m.mention.start >= trigger).or_else(before) else {
            return self.capital_in(start, end);
        };
        if chosen.geo_precision.unwrap_or(GeoPrecision::Region) >= GeoPrecision::Region {
            let admin1 = chosen.place.map(|p| g.place(p).admin1.clone()).unwrap_or_default();
            let finer = here.iter().find(|m| {
                m.geo_precision.unwrap_or(GeoPrecision::Region) < GeoPrecision::Region
                    && m.place.is_some_and(|p| g.place(p).admin1 == admin1)
            });
            if let Some(f) = finer {
                return Some((*f).clone());
            }
        }
        Some((*chosen).clone())
    }

    /// "العاصمة" names the capital of the article's country.
    fn capital_in(&self, start: usize, end: usize) -> Option<ResolvedMention> {
        let norm = self.article.norm;
        let range = norm.folded_range(start, end);
        let at = range.start + norm.text[range].find("العاصمه")?;
        let place = self.g.capital(self.country?)?;
        let (s, e) = norm.source_span(at, at + "العاصمه".len());
        let surface = self.article.text[s..e].to_string();
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

    /// No place in the sentence: when it refers back ("العملية", "المنطقة"),
    /// the place of one of the two sentences before it.
    fn fallback(&self, facts: &SentenceFacts) -> Option<ResolvedMention> {
        if !refers_back(facts.norm) {
            return None;
        }
        (self.index.saturating_sub(2)..self.index).rev().find_map(|j| {
            let s = self.sentences[j];
            self.locate(s.start, s.end, s.start)
        })
    }

    fn incident(
        &self,
        facts: &SentenceFacts,
        coding: Coding,
        place: Option<&ResolvedMention>,
        located_here: bool,
        (start, end): (usize, usize),
    ) -> Incident {
        let source_text = &self.article.text[start..end];
        let norm = self.article.norm;
        let actors = find_actors_in(facts.norm, facts.cues.actors(), self.country, &|a, b| {
            let (x, y) = norm.source_span(facts.norm_at + a, facts.norm_at + b);
            self.article.text[x..y].to_string()
        });
        let (a1, a2) = assign_roles(&actors, coding.state_acts);
        let mut inc = Incident::new(coding, self.article.name, source_text, self.chars.borrow_mut().at(start));
        match place {
            Some(m) => inc.set_place(self.g, m),
            None => inc.country = self.country.unwrap_or_default().to_string(),
        }
        inc.actor1 = a1.map(|a| (a.name.to_string(), a.arabic.clone()));
        inc.actor2 = a2.map(|a| (a.name.to_string(), a.arabic.clone()));
        (inc.fatalities, inc.arrests) =
            fatalities_and_arrests(facts.norm, facts.cues.has(Cue::Deaths), facts.cues.has(Cue::Arrests));
        inc.sentence_index = self.index;
        let mut confidence: f64 = 0.45;
        confidence += if located_here {
            0.2
        } else if place.is_some() {
            0.1
        } else {
            0.0
        };
        confidence += if facts.date.is_some() { 0.1 } else { 0.0 };
        confidence += if a1.is_some() { 0.1 } else { 0.0 };
        confidence += if inc.fatalities + inc.arrests > 0 { 0.05 } else { 0.0 };
        inc.confidence = (confidence.min(0.95) * 100.0).round() / 100.0;
        inc
    }
}

/// Clauses of a sentence: pieces between commas and semicolons.
fn clause_ranges(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    for (i, c) in text[start..end].char_indices() {
        if matches!(c, '،' | ',' | '؛' | ';') {
            out.push((from, start + i));
            from = start + i + c.len_utf8();
        }
    }
    out.push((from, end));
    out.retain(|(s, e)| e > s);
    out
}

/// The country most places of the article lie in (SY or IQ when present).
fn article_country(g: &Gazetteer, mentions: &[ResolvedMention]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in mentions.iter().filter_map(|m| m.place) {
        let c = &g.place(m).country;
        match counts.iter_mut().find(|(k, _)| k == c) {
            Some(e) => e.1 += 1,
            None => counts.push((c.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.into_iter().map(|(c, _)| c).next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refers_back_agrees_with_word_by_word() {
        let pieces =
            [" ", "،", "و", "ف", "ب", "ل", "لل", "ال", "عمليه", "المنطقه", "هناك", "فيها", "منطقه", "قريه", "x"];
        let mut rng = crate::corpus::Rng::new(19);
        let mut found = 0;
        for _ in 0..20000 {
            let text: String = (0..rng.below(12)).map(|_| pieces[rng.below(pieces.len())]).collect();
            assert_eq!(refers_back(&text), refers_back_word_by_word(&text), "{text:?}");
            found += usize::from(refers_back(&text));
        }
        assert!(found > 1000, "too few texts refer back to test anything: {found}");
    }
}
