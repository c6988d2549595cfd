//! Turning one article into incidents: find the reports of events sentence
//! by sentence (triggers, coding, site, date, actors, counts), then let
//! coreference merge the reports of each event into one incident.

use super::actors::assign_roles;
use super::classify::Coding;
use super::clause::SentenceFacts;
use super::coref::{merge_reports, Opener, Report};
use super::counts::fatalities_and_arrests;
use super::date::Date;
use super::dates::{named_weekday, sentence_date_with, DateBasis, FoundDate};
use super::layout::{dateline_end, zones, Zone};
use super::lexicon::starts_with_any;
use super::lexicon::Hit;
use super::location::{mentions_within, Locator, Role};
use super::sentences::{event_segments, split_sentences, Sentence};
use super::triggers::Tactic;
use super::words::{Cue, Cues, EVENT_ANAPHORA, ORDINALS, PLACE_ANAPHORA};
use super::Incident;
use crate::acled::TimePrecision;
use crate::arabic::{for_each_reading, Normalized};
use crate::gazetteer::Gazetteer;
use crate::geoparse::ResolvedMention;
use std::ops::Range;

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
    /// Where the [`super::article_words`] occur in `norm`, when the
    /// geoparser's scan found them ([`crate::geoparse::Geoparser::with_words`]);
    /// `None` scans the text again.
    pub words: Option<&'a [(usize, usize, usize)]>,
}

/// Extract the incidents one article reports, one per event.
pub fn extract_incidents(g: &Gazetteer, article: &Article) -> Vec<Incident> {
    let lines = split_sentences(article.text);
    let line_ranges: Vec<Range<usize>> = lines.iter().map(|s| article.norm.folded_range(s.start, s.end)).collect();
    let line_zones = zones(article.text, article.norm, &lines, &line_ranges);
    let datelines = datelines(article, &lines, &line_ranges, &line_zones);
    // From here on a "sentence" is a stretch that may tell an event of its
    // own, in the zone of the sentence it was cut from.
    let segments = event_segments(article.text, article.norm, &lines, &line_ranges);
    let zones: Vec<Zone> = segments.iter().map(|&(_, i)| line_zones[i]).collect();
    let sentences: Vec<Sentence> = segments.into_iter().map(|(s, _)| s).collect();
    let norm_ranges: Vec<Range<usize>> = sentences.iter().map(|s| article.norm.folded_range(s.start, s.end)).collect();
    let country = article_country(g, article.mentions);
    let locator = Locator {
        g,
        text: article.text,
        norm: article.norm,
        mentions: article.mentions,
        sentences: &sentences,
        datelines,
        country: country.as_deref(),
    };
    let doc = ArticleScan {
        article,
        cues: Cues::of_article(article),
        sentences: &sentences,
        norm_ranges: &norm_ranges,
        zones: &zones,
        headings: section_headings(&locator, article, &sentences, &norm_ranges),
        locator,
        chars: std::cell::RefCell::new(CharCursor { text: article.text, ..CharCursor::default() }),
        dates: std::cell::RefCell::new(vec![None; sentences.len()]),
    };
    let reports: Vec<Report> = (0..sentences.len()).flat_map(|i| doc.reports(i)).collect();
    merge_reports(g, reports)
}

/// One article, read: its sentences, their zones and cues, and where
/// places are.
struct ArticleScan<'a> {
    article: &'a Article<'a>,
    cues: Vec<Hit<Cue>>,
    sentences: &'a [Sentence],
    norm_ranges: &'a [Range<usize>],
    zones: &'a [Zone],
    /// For each sentence, the place of the section heading above it
    /// ("دير الزور:" in a bulletin), if any.
    headings: Vec<Option<ResolvedMention>>,
    locator: Locator<'a>,
    chars: std::cell::RefCell<CharCursor<'a>>,
    /// Dates of sentences, computed at most once each (`None`: not yet).
    dates: std::cell::RefCell<Vec<Option<Option<FoundDate>>>>,
}

impl ArticleScan<'_> {
    /// The reports of events sentence `i` holds: none, one, or one per
    /// clause when its clauses tell events at different places.
    fn reports(&self, i: usize) -> Vec<Report> {
        let zone = self.zones[i];
        if !zone.may_report() {
            return Vec::new();
        }
        let facts = SentenceFacts::of(self.article, &self.cues, self.norm_ranges[i].clone(), true);
        if facts.tactics.is_empty() {
            return Vec::new();
        }
        let background = is_background(facts.norm, self.article.published) || is_aside(facts.norm);
        if background || facts.tells_a_span() {
            return Vec::new();
        }
        let actors = facts.actors(self.locator.country, &|a, b| self.source_text(facts.norm_at + a, facts.norm_at + b));
        let Some(coding) = facts.coding(&actors) else { return Vec::new() };
        if is_bare_operation(&facts) {
            return Vec::new();
        }
        // Without a publication date a sentence's date only tells days apart.
        let dated = self.article.published.is_some();
        let own_date = facts.date();
        self.dates.borrow_mut()[i] = Some(own_date);
        let date = if dated { own_date.or_else(|| self.inherited_date(i)) } else { None };
        let sentence = self.sentences[i];
        let anchor = self.article.published.unwrap_or(super::clause::DAY_ANCHOR);
        let sites = self.sites(i, &facts, coding);
        sites
            .into_iter()
            .map(|site| {
                let mut incident = self.incident(&facts, &actors, &site, (sentence.start, sentence.end), i);
                incident.date = date;
                Report {
                    incident,
                    zone,
                    refers_back: refers_back(&facts),
                    weak_coding: facts.only_back_references,
                    opener: opener(site.clause_norm(self)),
                    ordinal: if facts.cues.has(Cue::Ordinal) { ordinal(site.clause_norm(self)) } else { None },
                    day: own_date
                        .filter(|d| !is_announcement_day(facts.norm, d, self.article.published))
                        .map(|d| d.date.to_days()),
                    days_back: own_date.map(|d| anchor.to_days() - d.date.to_days()),
                    anchored: !dated && own_date.is_some_and(|d| d.basis == DateBasis::Relative),
                    weekday: if dated || own_date.is_none() { None } else { named_weekday(facts.norm) },
                    lead: false,
                    own_place: site.here || site.referred,
                    detail_place: if site.mention.is_none() { self.detail_site(i) } else { None },
                }
            })
            .collect()
    }

    /// The source text of a stretch of the article's normalised text.
    fn source_text(&self, a: usize, b: usize) -> String {
        let (x, y) = self.article.norm.source_span(a, b);
        self.article.text[x..y].to_string()
    }

    /// A date for a sentence that states none: one of the two sentences
    /// before it, else the publication date.
    fn inherited_date(&self, i: usize) -> Option<FoundDate> {
        (i.saturating_sub(2)..i)
            .rev()
            .find_map(|j| {
                let mut cache = self.dates.borrow_mut();
                *cache[j].get_or_insert_with(|| {
                    let range = self.norm_ranges[j].clone();
                    // The article's scan found the relative dates already.
                    let relative = Cues::within(&self.cues, range.clone()).relative_dates();
                    sentence_date_with(&self.article.norm.text[range], self.article.published, Some(&relative))
                })
            })
            .or_else(|| {
                let published = self.article.published?;
                Some(FoundDate { date: published, precision: TimePrecision::Week, basis: DateBasis::Publication })
            })
    }

    /// Where the sentence's events happened and how each is coded: one per
    /// clause when later clauses open with a coordinator ("والآخر", "كما",
    /// "فيما") and each clause names a trigger and a different site
    /// ("أحدهما في X، والآخر في Y"), else one for the sentence.
    fn sites(&self, i: usize, facts: &SentenceFacts, coding: Coding) -> Vec<Site> {
        let s = self.sentences[i];
        let per_clause = self.clause_sites(i, coding);
        if per_clause.len() >= 2 {
            return per_clause;
        }
        let trigger = self.source_offset(facts.norm_at + facts.first_trigger.min(facts.norm.len()));
        let whole = s.start..s.end;
        match self.locator.site_and_role(s.start, s.end, trigger) {
            // A road's end or a person's home place stands in for the site,
            // but is no evidence of where the event was.
            Some((m, role)) => self
                .locator
                .listed_sites(&m, s.end)
                .into_iter()
                .map(|m| Site {
                    mention: Some(m),
                    here: role == Role::Site,
                    referred: false,
                    coding,
                    clause: whole.clone(),
                })
                .collect(),
            None => {
                let (mention, referred) = self.fallback(i, facts);
                vec![Site { mention, here: false, referred, coding, clause: whole }]
            }
        }
    }

    /// The source offset of a normalised offset.
    fn source_offset(&self, norm_at: usize) -> usize {
        self.article.norm.source_span(norm_at, norm_at).0
    }

    /// One site per clause that opens a new event (the first with a
    /// trigger, then those opening with a coordinator) and names a trigger
    /// and a site of its own.
    fn clause_sites(&self, i: usize, coding: Coding) -> Vec<Site> {
        let s = self.sentences[i];
        // Most sentences hold no coordinator at all: one scan says so.
        if !coordinator_lexicon().has_any(&self.article.norm.text[self.norm_ranges[i].clone()]) {
            return Vec::new();
        }
        let clauses = clause_ranges(self.article.text, s.start, s.end);
        let norm = self.article.norm;
        let opening = |cs: usize, ce: usize, words: &[&str]| {
            let own = norm.text[norm.folded_range(cs, ce)].trim_start();
            starts_with_any(own, words)
        };
        let coordinated: Vec<bool> = clauses.iter().map(|&(cs, ce)| opening(cs, ce, COORDINATORS)).collect();
        let mut out: Vec<Site> = Vec::new();
        // A second site needs a later clause opening with a coordinator.
        if !coordinated.iter().skip(1).any(|&c| c) {
            return out;
        }
        for (&(cs, ce), &coordinated) in clauses.iter().zip(&coordinated) {
            if !(out.is_empty() || coordinated) {
                continue;
            }
            let own = SentenceFacts::of(self.article, &self.cues, norm.folded_range(cs, ce), false);
            if own.tactics.is_empty() {
                continue;
            }
            // A foiling verb governs every clause ("أحبطت هجومين، أحدهما…
            // والآخر محاولة تفجير"); otherwise each clause says what it says.
            let foiled = coding.sub_event_type == crate::acled::SubEventType::DisruptedWeaponsUse;
            let clause_coding = if foiled { Some(coding) } else { own.coding(&[]) }.unwrap_or(coding);
            // "هجوم في X، أعقب ذلك قصف جوي": another kind of event that
            // followed, even at the same site, is another event ("فيما أقدم
            // السادس على تفجير نفسه" is part of the raid).
            let sequel = opening(cs, ce, SEQUELS);
            let another_kind =
                sequel && out.first().is_some_and(|f: &Site| f.coding.event_type() != clause_coding.event_type());
            let trigger = self.source_offset(own.norm_at + own.first_trigger.min(own.norm.len()));
            let site = self.locator.site(cs, ce, trigger).or_else(|| {
                let first = out.first().filter(|_| another_kind && !own.only_back_references)?;
                first.mention.clone()
            });
            let Some(m) = site else { continue };
            if !another_kind && out.iter().any(|l| l.mention.as_ref().and_then(|p| p.place) == m.place) {
                continue;
            }
            out.push(Site { mention: Some(m), here: true, referred: false, coding: clause_coding, clause: cs..ce });
        }
        out
    }

    /// No site in the sentence: when it refers back ("العملية",
    /// "المنطقة"), the site of one of the two sentences before it (and
    /// true: the text says it is that place); else the place of the
    /// section heading above it.
    fn fallback(&self, i: usize, facts: &SentenceFacts) -> (Option<ResolvedMention>, bool) {
        let back = refers_back_to_place(facts).then(|| self.locator.earlier_site(i)).flatten();
        match back.or_else(|| self.kind_referred_to(i)) {
            Some(m) => (Some(m), true),
            None => (self.headings[i].clone(), false),
        }
    }

    /// The site named by the sentence right before sentence `i`, for a
    /// detail sentence that names none ("…حاصرت القوات عجلة في مدينة X.
    /// فقام الانتحاري بتفجير نفسه").
    fn detail_site(&self, i: usize) -> Option<ResolvedMention> {
        let j = i.checked_sub(1)?;
        let s = self.sentences[j];
        self.locator.site(s.start, s.end, s.start)
    }

    /// The place a kind of place names by reference ("المخيم", "السجن")
    /// in sentence `i` or the one before: the last place of that kind the
    /// article named before it ("…داخل المخيم. فقد عُثر على جثة امرأة
    /// داخل خيمتها").
    fn kind_referred_to(&self, i: usize) -> Option<ResolvedMention> {
        let text = |j: usize| &self.article.norm.text[self.norm_ranges[j].clone()];
        // The article's scan says which sentences hold an anaphor at all.
        let has_anaphor = |j: usize| Cues::within(&self.cues, self.norm_ranges[j].clone()).has(Cue::Anaphor);
        let kinds = (i.saturating_sub(1)..=i).rev().filter(|&j| has_anaphor(j)).find_map(|j| {
            crate::arabic::words(text(j)).find_map(|w| TYPED_ANAPHORA.iter().find(|(a, _)| reads_as(w, &[a])))
        })?;
        let before = mentions_within(self.article.mentions, 0, self.sentences[i].start);
        before
            .iter()
            .rev()
            .find(|m| m.place.is_some_and(|p| kinds.1.contains(&self.locator.g.place(p).feature_type.as_str())))
            .cloned()
    }

    fn incident(
        &self,
        facts: &SentenceFacts,
        actors: &[super::Actor],
        site: &Site,
        (start, end): (usize, usize),
        index: usize,
    ) -> Incident {
        let g = self.locator.g;
        let (a1, a2) = assign_roles(actors, site.coding.state_acts);
        let source_text = &self.article.text[start..end];
        let mut inc = Incident::new(site.coding, self.article.name, source_text, self.chars.borrow_mut().at(start));
        match &site.mention {
            Some(m) => inc.set_place(g, m),
            None => inc.country = self.locator.country.unwrap_or_default().to_string(),
        }
        inc.actor1 = a1.map(|a| (a.name.to_string(), a.arabic.clone()));
        inc.actor2 = a2.map(|a| (a.name.to_string(), a.arabic.clone()));
        (inc.fatalities, inc.arrests) =
            fatalities_and_arrests(facts.norm, facts.cues.has(Cue::Deaths), facts.cues.has(Cue::Arrests));
        inc.sentence_index = index;
        let mut confidence: f64 = 0.45;
        confidence += match (&site.mention, site.here) {
            (Some(_), true) => 0.2,
            (Some(_), false) => 0.1,
            (None, _) => 0.0,
        };
        confidence += if facts.date().is_some() { 0.1 } else { 0.0 };
        confidence += if a1.is_some() { 0.1 } else { 0.0 };
        confidence += if inc.fatalities + inc.arrests > 0 { 0.05 } else { 0.0 };
        inc.confidence = (confidence.min(0.95) * 100.0).round() / 100.0;
        inc
    }
}

/// Where one report of a sentence happened and how it is coded.
struct Site {
    mention: Option<ResolvedMention>,
    /// True when the place is named in the sentence itself.
    here: bool,
    /// True when the sentence names the place by reference ("المنطقة").
    referred: bool,
    coding: Coding,
    /// The source span of the clause (the whole sentence when not split).
    clause: Range<usize>,
}

impl Site {
    /// The normalised text of the site's clause.
    fn clause_norm<'a>(&self, doc: &'a ArticleScan) -> &'a str {
        let norm = doc.article.norm;
        &norm.text[norm.folded_range(self.clause.start, self.clause.end)]
    }
}

/// Sentences about earlier years ("منذ 2019", "في عام 2014") are background.
fn is_background(norm: &str, published: Option<Date>) -> bool {
    let Some(p) = published else { return false };
    norm.split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1990..=2100).contains(y))
        .any(|y| y < p.year - 1 || (y == p.year - 1 && p.month > 3))
}

/// A security operation with no outcome and no target named is not coded.
fn is_bare_operation(f: &SentenceFacts) -> bool {
    f.tactics.iter().all(|t| *t == Tactic::Raid) && !f.cues.has(Cue::Target) && !f.cues.has(Cue::Cell)
}

/// Openers (normalised) of an aside that recalls earlier events or the
/// background ("يذكر أن…", "يشار إلى أن…").
const ASIDES: &[&str] =
    &["يشار الي", "يذكر ان", "جدير بالذكر", "الجدير بالذكر", "وتجدر الاشاره", "تجدر الاشاره", "يذكر بان"];

/// Verbs of opinion and expectation: a sentence led by one ("اعتبر الخبير
/// أن…", "ويرى مراقبون…") comments, it does not report.
const OPINION: &[&str] =
    &["اعتبر", "يعتبر", "راي", "يري", "تري", "توقع", "يتوقع", "رجح", "يرجح", "استبعد", "يستبعد", "وصف", "يصف"];

/// Words that introduce whose view follows ("من جهته، اعتبر…").
const ATTRIBUTION: &[&str] = &["من", "جهته", "جانبه", "بدوره", "جهتها", "جانبها", "بدورها"];

/// Present-tense verbs of witnessing: "وتشهد المنطقة هجمات" tells what
/// keeps happening, not an event.
const HABITUAL: &[&str] =
    &["تشهد", "يشهد", "وتشهد", "ويشهد", "يعاني", "تعاني", "ويعاني", "وتعاني", "لطالما", "ولطالما"];

/// Words of warning: a sentence that warns within its first words ("وجددت
/// الجهات تحذير المواطنين من الألغام") tells a danger, not an event.
const WARNINGS: &[&str] = &["تحذير", "تحذيرها", "تحذيره", "تحذيرات", "حذرت", "حذر", "تحذر", "يحذر", "ناشدت", "تناشد"];

/// True when a sentence is an aside on the background, a comment, or a
/// description of what keeps happening.
fn is_aside(norm: &str) -> bool {
    let lead = norm.trim_start_matches(|c: char| !crate::arabic::is_word_char(c));
    let lead = lead.strip_prefix('و').filter(|l| starts_with_any(l, ASIDES)).unwrap_or(lead);
    if starts_with_any(lead, ASIDES) {
        return true;
    }
    let mut words =
        crate::arabic::words(lead).map(|w| w.strip_prefix('و').filter(|b| OPINION.contains(b)).unwrap_or(w));
    let opinion = words.by_ref().take(3).find(|w| !ATTRIBUTION.contains(w)).is_some_and(|w| OPINION.contains(&w));
    let warning = crate::arabic::words(lead).take(5).any(|w| WARNINGS.contains(&w.trim_start_matches('و')));
    opinion || warning || crate::arabic::words(norm).take(8).any(|w| HABITUAL.contains(&w))
}

/// True when a report refers to an event already told: all its triggers
/// refer back, or an event anaphor comes before its first trigger.
fn refers_back(facts: &SentenceFacts) -> bool {
    if facts.only_back_references {
        return true;
    }
    // Most sentences hold no anaphor: the article's scan says so.
    if !facts.cues.has(Cue::Anaphor) {
        return false;
    }
    // Only the words holding an anaphor hit are looked at.
    let norm = facts.norm;
    let head_end = facts.first_new_trigger.min(norm.len());
    let mut anaphors = facts.cues.iter().filter(|h| h.tag == Cue::Anaphor).filter_map(|h| {
        let (s, e) = (crate::arabic::word_start(norm, h.start), crate::arabic::word_end(norm, h.end));
        reads_as(&norm[s..e], EVENT_ANAPHORA).then_some(s)
    });
    // Before the first new trigger, or "اعتقلت خلال العملية شخصين": during
    // the operation told before.
    let during = |s: usize| {
        let before = norm[..s].trim_end_matches(|c: char| !crate::arabic::is_word_char(c));
        let prev = &before[crate::arabic::word_start(before, before.len())..];
        matches!(prev, "خلال" | "اثناء" | "اثر")
    };
    anaphors.any(|s| s < head_end || during(s))
}

/// Words that name a kind of place by reference, and the gazetteer's
/// feature types of that kind.
const TYPED_ANAPHORA: &[(&str, &[&str])] = &[
    ("المخيم", &["camp"]),
    ("السجن", &["prison"]),
    ("القريه", &["village"]),
    ("البلده", &["town", "village"]),
    ("المدينه", &["city", "town"]),
];

/// True when a sentence names a place or event only by reference.
fn refers_back_to_place(facts: &SentenceFacts) -> bool {
    let anaphor = facts.cues.has(Cue::Anaphor)
        && crate::arabic::words(facts.norm).any(|w| reads_as(w, EVENT_ANAPHORA) || reads_as(w, PLACE_ANAPHORA));
    anaphor || continues(facts.norm)
}

/// Words that open a sentence carrying on the one before ("…مجزرة في
/// مدينة البوكمال. حيث شنّت فجر اليوم غارات…"): it happened there too.
const CONTINUATIONS: &[&str] = &["حيث", "اذ"];

/// True when a sentence opens with a continuation word.
fn continues(norm: &str) -> bool {
    crate::arabic::words(norm).next().is_some_and(|w| CONTINUATIONS.contains(&w))
}

/// True when `word`, or one of its readings without proclitics, is in `list`.
fn reads_as(word: &str, list: &[&str]) -> bool {
    let mut found = false;
    for_each_reading(word, &mut |b| found |= list.contains(&b));
    found
}

/// Openers (normalised) of a sentence that tells another event.
const OPENERS: &[&str] = &[
    "في السياق",
    "في سياق متصل",
    "في سياق اخر",
    "في سياق منفصل",
    "في غضون ذلك",
    "تزامن ذلك",
    "وتزامن ذلك",
    "من جهه اخري",
    "من جهه ثانيه",
    "من ناحيه اخري",
    "في حادث اخر",
    "في حادث منفصل",
    "في حادثه اخري",
    "في حادثه منفصله",
    "في تطور اخر",
    "في الاثناء",
    "الي ذلك",
    "بالتزامن",
    "في سياق مختلف",
    "علي صعيد اخر",
    "علي صعيد متصل",
    "في ذات السياق",
    "في شان اخر",
];

/// Words that, opening a sentence, tell an event before the one told
/// ("وسبق ذلك…", "وقبلها…").
const EARLIER_EVENT_WORDS: &[&str] = &["سبق", "وسبق", "سبقت", "وسبقت", "قبلها", "وقبلها"];

/// Words that, opening a sentence, add something: another event or more
/// of the same ("كما نفذت…", "كما أدى الانفجار…").
const ALSO_WORDS: &[&str] = &["كما", "وكما", "كذلك", "وكذلك"];

/// How a clause opens, as far as telling a new event goes.
fn opener(norm: &str) -> Opener {
    let lead = norm.trim_start_matches(|c: char| !crate::arabic::is_word_char(c));
    let bare = lead.strip_prefix('و').filter(|l| starts_with_any(l, OPENERS)).unwrap_or(lead);
    if starts_with_any(bare, OPENERS) {
        return Opener::NewEvent;
    }
    let mut words = crate::arabic::words(lead);
    let first = words.next().unwrap_or("");
    let next: Vec<&str> = words.take(6).collect();
    let pluperfect = matches!(first, "كان" | "كانت" | "وكان" | "وكانت") && next.contains(&"قد");
    // "وبعد أربعة أيام من…", "بعد ساعات": a later event.
    let later = matches!(first, "بعد" | "وبعد") && next.iter().take(2).any(|w| TIME_UNITS.contains(w));
    if pluperfect || later || EARLIER_EVENT_WORDS.contains(&first) {
        Opener::NewEvent
    } else if ALSO_WORDS.contains(&first) {
        Opener::Also
    } else {
        Opener::None
    }
}

/// Verbs that open a statement ("أعلنت الخلية، اليوم…").
const ANNOUNCING_VERBS: &[&str] = &[
    "اعلن",
    "اعلنت",
    "ذكر",
    "ذكرت",
    "قال",
    "قالت",
    "افاد",
    "افادت",
    "كشف",
    "كشفت",
    "صرح",
    "اكد",
    "اكدت",
    "اوضح",
    "اوضحت",
    "نشر",
    "نشرت",
    "بث",
    "بثت",
];

/// True when the day a sentence states is that of a statement it opens
/// with ("أعلنت الخلية، اليوم الثلاثاء، تنفيذ ضربة"): the event may be
/// the day before, so the day does not tell it from other reports.
fn is_announcement_day(norm: &str, date: &FoundDate, published: Option<Date>) -> bool {
    // After a dateline ("قامشلو (كوردستان24)- أعلنت…").
    let opening = dateline_end(norm).map_or(norm, |e| &norm[e..]);
    let first = crate::arabic::words(opening).next().unwrap_or("");
    let first = first.strip_prefix('و').filter(|w| ANNOUNCING_VERBS.contains(w)).unwrap_or(first);
    // "اليوم الثلاثاء", or the publication's own weekday ("الأربعاء").
    let today = norm.contains("اليوم") || published == Some(date.date);
    date.basis == DateBasis::Relative && ANNOUNCING_VERBS.contains(&first) && today
}

/// True when a clause opens with a new-event opener.
#[cfg(test)]
fn opens_new_event(norm: &str) -> bool {
    opener(norm) == Opener::NewEvent
}

/// Units of time ("بعد ساعات", "بعد أربعة أيام").
const TIME_UNITS: &[&str] =
    &["ساعات", "ساعه", "ساعتين", "ايام", "يوم", "يومين", "اسبوع", "اسبوعين", "شهر", "دقايق", "اشهر"];

/// Event nouns an ordinal may follow ("العملية الثانية").
const ENUMERATED: &[&str] = &["العمليه", "الهجوم", "الغاره", "الضربه", "المداهمه", "الحادثه", "العبوه", "الحمله"];

/// The place of a clause in an enumeration of events: an ordinal opening
/// the clause ("والثانية في قرية…", "أحدهما…") or right after an event
/// noun ("العملية الأولى").
fn ordinal(norm: &str) -> Option<u8> {
    let words: Vec<&str> = crate::arabic::words(norm).take(12).collect();
    let value = |w: &str| {
        let w = w.strip_prefix('و').filter(|b| ORDINALS.iter().any(|(o, _)| o == b)).unwrap_or(w);
        ORDINALS.iter().find(|(o, _)| *o == w).map(|(_, n)| *n)
    };
    if let Some(n) = words.first().and_then(|w| value(w)) {
        return Some(n);
    }
    words.windows(2).find(|p| reads_as(p[0], ENUMERATED)).and_then(|p| value(p[1]))
}

/// Words that open a clause reporting another event of the same sentence.
const COORDINATORS: &[&str] = &[
    "والاخر",
    "والثاني",
    "والثانيه",
    "كما",
    "فيما",
    "بينما",
    "وكذلك",
    "في حين",
    "واخر",
    "اعقب",
    "واعقب",
    "تلاه",
    "وتلاه",
    "تبعه",
    "وتبعه",
    "ثم",
];

/// [`COORDINATORS`], searched together.
fn coordinator_lexicon() -> &'static super::lexicon::Lexicon<()> {
    static LEXICON: std::sync::OnceLock<super::lexicon::Lexicon<()>> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| super::lexicon::Lexicon::new(&COORDINATORS.iter().map(|c| (*c, ())).collect::<Vec<_>>()))
}

/// Coordinators of a clause telling what followed ("أعقب ذلك", "ثم").
const SEQUELS: &[&str] = &["اعقب", "واعقب", "تلاه", "وتلاه", "تبعه", "وتبعه", "ثم"];

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

/// The source ranges of the article's datelines: at the start of one of
/// its first body lines, up to the first line of running text (page
/// furniture may come before it: "إعلان", a time, an app's name).
fn datelines(
    article: &Article,
    sentences: &[Sentence],
    norm_ranges: &[Range<usize>],
    zones: &[Zone],
) -> Vec<Range<usize>> {
    let line_start = |s: &Sentence| s.start == 0 || article.text[..s.start].ends_with(['\n', ' ', '\t']);
    let running = |range: &Range<usize>| crate::arabic::words(&article.norm.text[range.clone()]).nth(11).is_some();
    // A dateline on a line of its own under the title ("عمان (بترا) -")
    // may be taken for a subtitle: every zone that may report counts.
    let body_lines = sentences.iter().zip(norm_ranges).zip(zones).filter(|((s, _), z)| z.may_report() && line_start(s));
    // The lines up to the first of running text, that one included.
    let mut before_text = true;
    let first_lines = body_lines.take(12).take_while(|((_, range), zone)| {
        // A title is no running text of the body: the dateline may follow it.
        std::mem::replace(&mut before_text, !(**zone == Zone::Body && running(range)))
    });
    first_lines
        .filter_map(|((s, range), _)| {
            let end = dateline_end(&article.norm.text[range.clone()])?;
            let (_, source_end) = article.norm.source_span(range.start, range.start + end);
            Some(s.start..source_end)
        })
        .collect()
}

/// For each sentence, the place of the section heading above it: a short
/// line ending with a colon that names a place ("دير الزور:", "الحسكة:"),
/// as bulletins head the events of each governorate.
fn section_headings(
    locator: &Locator,
    article: &Article,
    sentences: &[Sentence],
    norm_ranges: &[Range<usize>],
) -> Vec<Option<ResolvedMention>> {
    let mut current: Option<ResolvedMention> = None;
    let mut out = Vec::with_capacity(sentences.len());
    for (s, range) in sentences.iter().zip(norm_ranges) {
        let norm = article.norm.text[range.clone()].trim_end();
        // "بغداد- أ ش أ:" is a dateline: where the report was filed.
        let dateline =
            || dateline_end(norm).is_some() || locator.datelines.iter().any(|d| d.start < s.end && s.start < d.end);
        if norm.ends_with(':') && crate::arabic::words(norm).take(5).count() <= 4 && !dateline() {
            let here = mentions_within(article.mentions, s.start, s.end);
            current = here.iter().find(|m| m.place.is_some_and(|p| locator.g.place(p).is_mapped())).cloned();
        }
        out.push(current.clone());
    }
    out
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

/// Every word list of this module (for the normalisation check).
#[cfg(test)]
pub(crate) fn lexicon() -> Vec<&'static str> {
    let ordinals = ORDINALS.iter().map(|(o, _)| *o);
    EVENT_ANAPHORA
        .iter()
        .chain(PLACE_ANAPHORA)
        .chain(OPENERS)
        .chain(EARLIER_EVENT_WORDS)
        .chain(ALSO_WORDS)
        .chain(TIME_UNITS)
        .chain(ASIDES)
        .chain(OPINION)
        .chain(ATTRIBUTION)
        .chain(HABITUAL)
        .chain(CONTINUATIONS)
        .chain(WARNINGS)
        .chain(ENUMERATED)
        .chain(COORDINATORS)
        .chain(SEQUELS)
        .copied()
        .chain(ordinals)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize;

    fn n(t: &str) -> String {
        normalize(t).text
    }

    #[test]
    fn a_day_opening_a_statement_is_the_statements() {
        let today = FoundDate {
            date: Date::new(2025, 9, 16).unwrap(),
            precision: TimePrecision::Day,
            basis: DateBasis::Relative,
        };
        assert!(is_announcement_day(&n("أعلنت خلية الإعلام الأمني، اليوم الثلاثاء، تنفيذ ضربة جوية"), &today, None));
        assert!(is_announcement_day(&n("وذكرت الخلية اليوم أن طائرات نفذت ضربة"), &today, None));
        assert!(!is_announcement_day(&n("نفذت طائرات اليوم الثلاثاء ضربة جوية"), &today, None));
        let stated = FoundDate { basis: DateBasis::Explicit, ..today };
        assert!(!is_announcement_day(&n("أعلنت الخلية في 16 أيلول تنفيذ ضربة"), &stated, None));
        // After a dateline, on the publication's own weekday.
        let wire = n("قامشلو (كوردستان24)- أعلنت قوى الأمن الداخلي، الأربعاء، إحباط مخطط");
        assert!(is_announcement_day(&wire, &today, Some(today.date)));
        assert!(!is_announcement_day(&wire, &today, None));
    }

    #[test]
    fn a_kind_of_place_named_by_reference() {
        let kinds = |w: &str| TYPED_ANAPHORA.iter().find(|(a, _)| reads_as(w, &[a])).map(|(_, k)| *k);
        assert_eq!(kinds(&n("بالمخيم")), Some(&["camp"][..]));
        assert_eq!(kinds(&n("داخل")), None);
        assert_eq!(kinds(&n("والسجن")), Some(&["prison"][..]));
    }

    #[test]
    fn openers_of_another_event() {
        assert!(opens_new_event(&n("وفي سياق متصل، داهمت قوة مشتركة قرية أخرى")));
        assert!(opens_new_event(&n("في غضون ذلك، قتل شاب")));
        assert!(!opens_new_event(&n("وأضاف المصدر أن القوة داهمت قرية أخرى")));
        assert_eq!(opener(&n("كما نفذت قوات التحالف قبل أسبوعين عملية")), Opener::Also);
        assert!(opens_new_event(&n("وكانت قسد قد اعتقلت الشهر الماضي")));
        assert!(!opens_new_event(&n("وكانت العملية قاسية")));
        assert!(opens_new_event(&n("وبعد أربعة أيام فقط من هذا الإنزال، اشتبكت")));
        assert!(!opens_new_event(&n("وبعد الانفجار، اندلعت اشتباكات")));
    }

    #[test]
    fn a_continuation_takes_the_place_before() {
        assert!(continues("حيث شنت فجر اليوم عده غارات جويه"));
        assert!(!continues("وشنت الطايرات غارات حيث"));
    }

    #[test]
    fn asides_comments_and_habits_are_not_events() {
        assert!(is_aside(&n("يذكر أن قسد كانت قد اعتقلت")));
        assert!(is_aside(&n("من جهته، اعتبر الخبير العسكري أن الضربات")));
        assert!(is_aside(&n("وتشهد محافظة كركوك بين فترة وأخرى هجمات")));
        assert!(is_aside(&n("ولطالما تشن طائرات تركية قصفاً على مواقع عراقية")));
        assert!(!is_aside(&n("وأكد المصدر أن القوات اعتقلت ثلاثة")));
        assert!(!is_aside(&n("استشهد مدنيان في القصف")));
    }

    #[test]
    fn enumerated_operations() {
        assert_eq!(ordinal(&n("العملية الأولى نفذت يوم الأحد")), Some(1));
        assert_eq!(ordinal(&n("والثانية في قرية الصبحة")), Some(2));
        assert_eq!(ordinal(&n("للمرة الأولى منذ سنوات")), None);
        assert_eq!(ordinal(&n("في 3 تشرين الثاني")), None);
    }

    #[test]
    fn dateline_places_are_found_in_the_first_lines() {
        let text = "عنوان\nالحسكة (رويترز) - قتل ثلاثة عناصر في هجوم.";
        let norm = normalize(text);
        let sentences = split_sentences(text);
        let ranges: Vec<_> = sentences.iter().map(|s| norm.folded_range(s.start, s.end)).collect();
        let zones = zones(text, &norm, &sentences, &ranges);
        let article = Article { name: "a", text, norm: &norm, published: None, mentions: &[], words: None };
        let found = datelines(&article, &sentences, &ranges, &zones);
        assert_eq!(found.len(), 1);
        assert!(text[found[0].clone()].starts_with("الحسكة (رويترز) -"));
        // On a line of its own under a long title, taken for a subtitle.
        let text = "الجيش يسقط طائرة مسيرة محملة بالمخدرات ويحبط محاولة تهريب على الواجهة الشمالية للمملكة\n\nعمان (بترا) - \n\nأسقطت قوات حرس الحدود فجر اليوم طائرة مسيرة.";
        let norm = normalize(text);
        let sentences = split_sentences(text);
        let ranges: Vec<_> = sentences.iter().map(|s| norm.folded_range(s.start, s.end)).collect();
        let zoned = super::zones(text, &norm, &sentences, &ranges);
        let article = Article { name: "a", text, norm: &norm, published: None, mentions: &[], words: None };
        let found = datelines(&article, &sentences, &ranges, &zoned);
        assert_eq!(found.len(), 1, "{zoned:?}");
        assert!(text[found[0].clone()].starts_with("عمان (بترا) -"));
    }
}
