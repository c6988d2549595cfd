//! Merging reports of the same incident from different articles.
//!
//! Within one article, which reports tell the same event is decided by
//! coreference ([`super::coref`]) before incidents get here; this stage
//! never merges two incidents of one article. Two incidents of different
//! articles are one when they have the same event type, are both dated at
//! most [`DEDUP_DAYS`] apart, both located at compatible places, and their
//! actors overlap (or one names none). Places are compatible when equal,
//! within [`DEDUP_KM`], or when one is a governorate or region holding the
//! other. The merged incident keeps the most precise place, the most
//! precise date and all sources.
//!
//! Memory holds a compact summary of each distinct incident ([`Kept`]:
//! what the comparison reads, with its strings interned); the text of each
//! incident waits in a [`RecordStore`] until the layers are written.

use super::coref::min_stated;
use super::store::{decode_record, IncidentText, RecordReader, RecordStore, StoreError};
use super::{DateBasis, FoundDate, Incident};
use crate::acled::{EventType, GeoPrecision, LocationLevel, SubEventType};
use crate::gazetteer::{Gazetteer, PlaceIdx};
use crate::FastMap;
use geo::{Distance, Haversine, Point};
use std::collections::VecDeque;

/// Greatest distance between two reports of one incident, km.
pub const DEDUP_KM: f64 = 25.0;
/// How many incidents of one event type and day (the latest) are compared
/// across articles: a real news day has far fewer; a flood stays linear.
const DAY_WINDOW: usize = 1024;

/// How many of the latest source names keep their index for interning:
/// the incidents of one article arrive together, so only recent names are
/// looked up; the rest bounds memory on a corpus.
const RECENT_ARTICLES: usize = 64;

/// `Kept::first_source` of an incident that names no source.
const NO_SOURCE: u32 = u32::MAX;

/// Greatest difference between the dates of two reports of one incident.
pub const DEDUP_DAYS: i64 = 3;

/// Merge duplicates across articles, keeping first-seen order (in memory;
/// see [`Deduper`]). Consecutive incidents with the same first source are
/// one article's.
pub fn dedup_incidents(g: &Gazetteer, incidents: Vec<Incident>) -> Result<Vec<Incident>, StoreError> {
    let mut d = Deduper::new(g);
    let mut article: Vec<Incident> = Vec::new();
    for inc in incidents {
        if article.last().is_some_and(|a| a.sources.first() != inc.sources.first()) {
            d.push_article(std::mem::take(&mut article))?;
        }
        article.push(inc);
    }
    d.push_article(article)?;
    d.finish()?.into_vec()
}

/// What deduplication compares of an incident, in about 64 bytes; the text
/// (evidence, names as written) waits in the record store.
#[derive(Debug, Clone)]
struct Kept {
    /// Index into [`Tables::codings`].
    coding: u16,
    date: Option<FoundDate>,
    place: Option<PlaceIdx>,
    geo_precision: Option<GeoPrecision>,
    loc_level: LocationLevel,
    /// 1 + index into [`Tables::actor_names`], 0 for none.
    actors: [u16; 2],
    fatalities: u32,
    arrests: u32,
    /// Confidence in hundredths (incidents carry two decimals).
    confidence: u16,
    sentence_index: u32,
    /// The number of the last article that added to it: an article's
    /// incidents are distinct events (coreference decided), so none of
    /// them merges into another's.
    article: u32,
    /// Index into [`Tables::sources`].
    first_source: u32,
    /// Index into [`Tables::more_sources`], `u32::MAX` for none.
    more_sources: u32,
    /// The record with the evidence.
    record: u32,
    /// The record whose place name and country stand (the finest place).
    place_record: u32,
    /// The records whose actor1 and actor2 stand.
    actor_records: [u32; 2],
}

/// Strings shared by many incidents, stored once.
#[derive(Debug, Default)]
struct Tables {
    codings: Vec<SubEventType>,
    /// For each coding, the first coding with its event type: the event
    /// type's key in the by-day index.
    events: Vec<u16>,
    actor_names: Vec<String>,
    sources: Vec<Box<str>>,
    /// Names of the latest articles → their index (the others are done).
    recent_sources: FastMap<Box<str>, u32>,
    recent_order: VecDeque<u32>,
    more_sources: Vec<Vec<u32>>,
    /// Governorate codes → small ids for the by-day index.
    admin1: FastMap<String, u16>,
}

impl Tables {
    fn coding(&mut self, key: SubEventType) -> u16 {
        let i = self.codings.iter().position(|c| *c == key).unwrap_or_else(|| {
            let event =
                self.codings.iter().position(|c| c.event_type() == key.event_type()).unwrap_or(self.codings.len());
            self.codings.push(key);
            self.events.push(event as u16);
            self.codings.len() - 1
        });
        i as u16
    }

    fn actor(&mut self, actor: &Option<(String, String)>) -> u16 {
        let Some((name, _)) = actor else { return 0 };
        let i = self.actor_names.iter().position(|n| n == name).unwrap_or_else(|| {
            self.actor_names.push(name.clone());
            self.actor_names.len() - 1
        });
        i as u16 + 1
    }

    /// The index of an article by name; a new name may retire the oldest
    /// recent one from the lookup.
    fn source(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.recent_sources.get(name) {
            return i;
        }
        let i = self.sources.len() as u32;
        self.sources.push(name.into());
        self.recent_sources.insert(name.into(), i);
        self.recent_order.push_back(i);
        let retired = (self.recent_order.len() > RECENT_ARTICLES).then(|| self.recent_order.pop_front()).flatten();
        if let Some(r) = retired {
            self.recent_sources.remove(&self.sources[r as usize]);
        }
        i
    }

    fn sources_of<'a>(&'a self, k: &Kept) -> impl Iterator<Item = u32> + 'a {
        let more = self.more_sources.get(k.more_sources as usize).map(Vec::as_slice).unwrap_or_default();
        std::iter::once(k.first_source).filter(|&s| s != NO_SOURCE).chain(more.iter().copied())
    }
}

/// Deduplication as a stream: push incidents as articles are read, each
/// article's incidents together. Memory holds a compact summary of each
/// distinct incident; the text goes to a [`RecordStore`] (a temporary file
/// for a corpus), so a gigabyte of news fits in a few hundred megabytes.
pub struct Deduper<'g> {
    g: &'g Gazetteer,
    kept: Vec<Kept>,
    tables: Tables,
    records: RecordStore,
    offsets: Vec<u64>,
    by_day: FastMap<(u16, i64), Vec<DayEntry>>,
    /// How many articles have been pushed.
    articles: u32,
}

impl<'g> Deduper<'g> {
    /// An empty deduplicator keeping the text in memory.
    pub fn new(g: &'g Gazetteer) -> Self {
        Self::with_store(g, RecordStore::memory())
    }

    /// An empty deduplicator keeping the text in `store`.
    pub fn with_store(g: &'g Gazetteer, store: RecordStore) -> Self {
        Deduper {
            g,
            kept: Vec::new(),
            tables: Tables::default(),
            records: store,
            offsets: Vec::new(),
            by_day: FastMap::default(),
            articles: 0,
        }
    }

    /// Add the incidents of one article (already distinct events): each is
    /// merged into an earlier article's report of the same event, or kept
    /// as a new one.
    pub fn push_article(&mut self, incidents: Vec<Incident>) -> Result<(), StoreError> {
        self.articles += 1;
        incidents.into_iter().try_for_each(|inc| self.push(inc))
    }

    /// Add one incident of the current article.
    fn push(&mut self, inc: Incident) -> Result<(), StoreError> {
        let new = self.summarise(&inc)?;
        let g = self.g;
        let target = self.candidates(&new).into_iter().find(|&i| same_incident(g, &self.tables, &self.kept[i], &new));
        let target = match target {
            Some(t) => {
                merge(&mut self.tables, &mut self.kept[t], &new);
                t
            }
            None => {
                self.kept.push(new);
                self.kept.len() - 1
            }
        };
        self.kept[target].article = self.articles;
        self.index(target);
        Ok(())
    }

    /// Store the text of an incident and summarise the rest.
    fn summarise(&mut self, inc: &Incident) -> Result<Kept, StoreError> {
        let at = self.records.append(inc)?;
        let id = self.offsets.len() as u32;
        self.offsets.push(at);
        let mut sources = inc.sources.iter().map(|s| self.tables.source(s));
        let first_source = sources.next().unwrap_or(NO_SOURCE);
        let rest: Vec<u32> = sources.collect();
        let more_sources = if rest.is_empty() {
            u32::MAX
        } else {
            self.tables.more_sources.push(rest);
            self.tables.more_sources.len() as u32 - 1
        };
        Ok(Kept {
            coding: self.tables.coding(inc.sub_event_type),
            date: inc.date,
            place: inc.place,
            geo_precision: inc.geo_precision,
            loc_level: inc.loc_level,
            actors: [self.tables.actor(&inc.actor1), self.tables.actor(&inc.actor2)],
            fatalities: inc.fatalities,
            arrests: inc.arrests,
            confidence: (inc.confidence * 100.0).round().clamp(0.0, 100.0) as u16,
            sentence_index: inc.sentence_index as u32,
            article: self.articles,
            first_source,
            more_sources,
            record: id,
            place_record: id,
            actor_records: [id, id],
        })
    }

    /// The distinct incidents, in first-seen order, ready to be read back.
    pub fn finish(self) -> Result<Deduped, StoreError> {
        let reader = self.records.into_reader()?;
        Ok(Deduped { kept: self.kept, tables: self.tables, offsets: self.offsets, reader })
    }

    /// Earlier articles' incidents that could be the same event, in
    /// first-seen order.
    fn candidates(&self, inc: &Kept) -> Vec<usize> {
        let mut candidates: Vec<usize> = Vec::new();
        if let (Some(d), Some(_)) = (inc.date, inc.place) {
            let day = d.date.to_days();
            let event = self.tables.events[inc.coding as usize];
            let me = DayEntry::of(self.g, &self.tables.admin1, u32::MAX, inc);
            for k in day - DEDUP_DAYS..=day + DEDUP_DAYS {
                if let Some(list) = self.by_day.get(&(event, k)) {
                    let recent = &list[list.len().saturating_sub(DAY_WINDOW)..];
                    let open = |e: &&DayEntry| self.kept[e.index as usize].article != self.articles;
                    candidates
                        .extend(recent.iter().filter(open).filter(|e| e.may_match(&me)).map(|e| e.index as usize));
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    fn index(&mut self, target: usize) {
        let o = &self.kept[target];
        let t = target as u32;
        if let (Some(d), Some(p)) = (o.date, o.place) {
            let event = self.tables.events[o.coding as usize];
            let region = &self.g.place(p).admin1;
            if !region.is_empty() && !self.tables.admin1.contains_key(region) {
                let id = self.tables.admin1.len() as u16 + 1;
                self.tables.admin1.insert(region.clone(), id);
            }
            let entry = DayEntry::of(self.g, &self.tables.admin1, t, o);
            let list = self.by_day.entry((event, d.date.to_days())).or_default();
            let from = list.len().saturating_sub(DAY_WINDOW);
            // A merge may have moved the incident to a finer place.
            match list[from..].iter_mut().find(|e| e.index == t) {
                Some(e) => *e = entry,
                None => list.push(entry),
            }
        }
    }
}

/// An incident in the by-day index, with what it takes to pass over it
/// without reading its summary (most of a busy day is far away).
#[derive(Debug, Clone, Copy)]
struct DayEntry {
    index: u32,
    place: PlaceIdx,
    /// The governorate, interned (0: none).
    admin1: u16,
    lat: f32,
    lon: f32,
    /// A governorate or region: compatible with anything inside it.
    coarse: bool,
}

impl DayEntry {
    fn of(g: &Gazetteer, admin1: &FastMap<String, u16>, index: u32, k: &Kept) -> Self {
        let place = k.place.unwrap_or(PlaceIdx::MAX);
        let (lat, lon, region) = k.place.map_or((f32::NAN, f32::NAN, ""), |p| {
            let p = g.place(p);
            (p.lat as f32, p.lon as f32, p.admin1.as_str())
        });
        let admin1 = admin1.get(region).copied().unwrap_or(0);
        DayEntry {
            index,
            place,
            admin1,
            lat,
            lon,
            coarse: k.geo_precision.unwrap_or(GeoPrecision::Region) >= GeoPrecision::Region,
        }
    }

    /// [`places_compatible`] from the entries alone, erring towards yes
    /// (coordinates are `f32` here): a no is certain.
    fn may_match(&self, other: &DayEntry) -> bool {
        if self.place == other.place
            || ((self.coarse || other.coarse) && self.admin1 != 0 && self.admin1 == other.admin1)
        {
            return true;
        }
        if f64::from((self.lat - other.lat).abs()) * 110.5 > DEDUP_KM + 0.5 {
            return false;
        }
        let (a, b) = (
            Point::new(f64::from(self.lon), f64::from(self.lat)),
            Point::new(f64::from(other.lon), f64::from(other.lat)),
        );
        Haversine.distance(a, b) / 1000.0 <= DEDUP_KM + 0.5
    }
}

/// The distinct incidents of a [`Deduper`], read back one at a time.
pub struct Deduped {
    kept: Vec<Kept>,
    tables: Tables,
    offsets: Vec<u64>,
    reader: RecordReader,
}

impl Deduped {
    /// How many distinct incidents there are.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The place of each incident, in order (without reading the text).
    pub fn places(&self) -> impl Iterator<Item = Option<PlaceIdx>> + '_ {
        self.kept.iter().map(|k| k.place)
    }

    /// The event type of each incident, in order.
    pub fn event_types(&self) -> impl Iterator<Item = EventType> + '_ {
        self.kept.iter().map(|k| self.tables.codings[k.coding as usize].event_type())
    }

    /// Incidents `range` in full (without ids or border measures). Their
    /// own records lie in one stretch of the store, read at once; safe to
    /// call from several threads.
    pub fn incidents(&self, range: std::ops::Range<usize>) -> Result<Vec<Incident>, StoreError> {
        let kept = self.kept.get(range.clone()).unwrap_or_default();
        let (Some(first), Some(last)) = (kept.first(), kept.last()) else { return Ok(Vec::new()) };
        let span_at = self.record_bytes(first.record).start;
        let span = self.reader.bytes(span_at..self.record_bytes(last.record).end)?;
        let read = |r: u32| -> Result<IncidentText, StoreError> {
            let at = self.record_bytes(r);
            // A record before the span (none today: merges only point to
            // later records) is read on its own, like one past its end.
            let within = at.start.checked_sub(span_at).map(|s| s as usize..(at.end - span_at) as usize);
            match within.and_then(|w| span.get(w)) {
                Some(bytes) => decode_record(bytes).map_err(|e| self.reader.error(e)),
                None => self.reader.read(at),
            }
        };
        range.zip(kept).map(|(i, k)| self.assemble(i, k, &read)).collect()
    }

    /// Where record `r` lies in the store.
    fn record_bytes(&self, r: u32) -> std::ops::Range<u64> {
        let r = r as usize;
        self.offsets[r]..self.offsets.get(r + 1).copied().unwrap_or_else(|| self.reader.len())
    }

    /// Incident `i` from its summary `k` and its records.
    fn assemble(
        &self,
        i: usize,
        k: &Kept,
        read: &dyn Fn(u32) -> Result<IncidentText, StoreError>,
    ) -> Result<Incident, StoreError> {
        let own = read(k.record)?;
        let located = if k.place_record == k.record { None } else { Some(read(k.place_record)?) };
        let actor1 = if k.actors[0] == 0 { None } else { read(k.actor_records[0])?.actor1 };
        let actor2 = if k.actors[1] == 0 { None } else { read(k.actor_records[1])?.actor2 };
        let sub_event_type = self.tables.codings[k.coding as usize];
        let (location_ar, country) = match located {
            Some(l) => (l.location_ar, l.country),
            None => (own.location_ar, own.country),
        };
        Ok(Incident {
            incident_id: String::new(),
            sub_event_type,
            date: k.date,
            place: k.place,
            geo_precision: k.geo_precision,
            loc_level: k.loc_level,
            location_ar,
            country,
            actor1,
            actor2,
            fatalities: k.fatalities,
            arrests: k.arrests,
            sources: self.source_names(i),
            evidence: own.evidence,
            evidence_other: own.evidence_other,
            evidence_start: own.evidence_start,
            evidence_end: own.evidence_end,
            confidence: f64::from(k.confidence) / 100.0,
            sentence_index: k.sentence_index as usize,
            border_distance_km: None,
            border_side: String::new(),
        })
    }

    /// The names of the sources of incident `i`, each once (a name seen
    /// again long after its article was done counts as a new article).
    fn source_names(&self, i: usize) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for s in self.tables.sources_of(&self.kept[i]) {
            let name = &self.tables.sources[s as usize];
            if !names.iter().any(|n| **n == **name) {
                names.push(name.to_string());
            }
        }
        names
    }

    /// Every incident in full, in order.
    pub fn into_vec(self) -> Result<Vec<Incident>, StoreError> {
        self.incidents(0..self.len())
    }
}

fn same_incident(g: &Gazetteer, t: &Tables, a: &Kept, b: &Kept) -> bool {
    if event_type(t, a) != event_type(t, b) || !places_compatible(g, a, b) {
        return false;
    }
    let dates_close = match (a.date, b.date) {
        (Some(x), Some(y)) => (x.date.to_days() - y.date.to_days()).abs() <= DEDUP_DAYS,
        _ => false,
    };
    let named = |k: &Kept| k.actors.into_iter().filter(|&n| n != 0);
    let none = |k: &Kept| named(k).next().is_none();
    let actors_overlap = none(a) || none(b) || named(a).any(|n| named(b).any(|m| m == n));
    dates_close && a.place.is_some() && b.place.is_some() && actors_overlap
}

fn event_type(t: &Tables, k: &Kept) -> EventType {
    t.codings[k.coding as usize].event_type()
}

fn places_compatible(g: &Gazetteer, a: &Kept, b: &Kept) -> bool {
    let (Some(pa), Some(pb)) = (a.place, b.place) else {
        return a.place.is_none() && b.place.is_none();
    };
    if pa == pb {
        return true;
    }
    let (x, y) = (g.place(pa), g.place(pb));
    let coarse = |k: &Kept| k.geo_precision.unwrap_or(GeoPrecision::Region) >= GeoPrecision::Region;
    if (coarse(a) || coarse(b)) && !x.admin1.is_empty() && x.admin1 == y.admin1 {
        return true;
    }
    // A degree of latitude is at least 110.5 km anywhere: most pairs are
    // told apart without trigonometry.
    if (x.lat - y.lat).abs() * 110.5 > DEDUP_KM {
        return false;
    }
    Haversine.distance(Point::new(x.lon, x.lat), Point::new(y.lon, y.lat)) / 1000.0 <= DEDUP_KM
}

fn merge(t: &mut Tables, into: &mut Kept, other: &Kept) {
    // ACLED precedence: the type declared first wins.
    if event_type(t, other) < event_type(t, into) {
        into.coding = other.coding;
    }
    // Any precision is finer than none.
    let finer = match (other.geo_precision, into.geo_precision) {
        (Some(o), Some(i)) => o < i,
        (o, i) => o.is_some() && i.is_none(),
    };
    if finer {
        into.place = other.place;
        into.geo_precision = other.geo_precision;
        into.loc_level = other.loc_level;
        into.place_record = other.record;
    }
    let rank = |b: DateBasis| match b {
        DateBasis::Explicit => 0,
        DateBasis::Relative => 1,
        DateBasis::Publication => 2,
    };
    if let Some(d) = other.date {
        if into.date.is_none_or(|x| (rank(d.basis), d.precision) < (rank(x.basis), x.precision)) {
            into.date = Some(d);
        }
    }
    for side in 0..2 {
        if into.actors[side] == 0 && other.actors[side] != 0 {
            into.actors[side] = other.actors[side];
            into.actor_records[side] = other.record;
        }
    }
    // ACLED: the lowest reported figure, among reports that state one.
    into.fatalities = min_stated(into.fatalities, other.fatalities);
    into.arrests = min_stated(into.arrests, other.arrests);
    into.confidence = into.confidence.max(other.confidence);
    let mut sources: Vec<u32> = t.sources_of(into).collect();
    let before = sources.len();
    for s in t.sources_of(other) {
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    if sources.len() > before {
        add_sources(t, into, &sources[1..]);
    }
}

/// Replace the extra sources of `into` with `rest`.
fn add_sources(t: &mut Tables, into: &mut Kept, rest: &[u32]) {
    match t.more_sources.get_mut(into.more_sources as usize) {
        Some(list) => *list = rest.to_vec(),
        None => {
            t.more_sources.push(rest.to_vec());
            into.more_sources = t.more_sources.len() as u32 - 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incidents::{Coding, Date, FoundDate};

    fn gaz() -> Gazetteer {
        Gazetteer::builtin().expect("gazetteer")
    }

    fn incident(
        g: &Gazetteer,
        source: &str,
        sentence: usize,
        place: &str,
        day: Option<u32>,
        ty: SubEventType,
    ) -> Incident {
        let coding = Coding { sub_event_type: ty, state_acts: false };
        let mut i = Incident::new(coding, source, "نص", 0);
        i.sentence_index = sentence;
        let idx = g.places().iter().position(|p| p.id == place).expect("place") as u32;
        i.place = Some(idx);
        i.geo_precision = Some(GeoPrecision::Town);
        i.date = day.map(|d| FoundDate {
            date: Date::new(2025, 10, d).expect("date"),
            precision: crate::acled::TimePrecision::Day,
            basis: DateBasis::Explicit,
        });
        i
    }

    #[test]
    fn two_outlets_same_day_same_town_merge() {
        let g = gaz();
        let a = incident(&g, "a.txt", 3, "gn:173927", Some(7), SubEventType::ArmedClash);
        let b = incident(&g, "b.txt", 9, "gn:173927", Some(8), SubEventType::ArmedClash);
        let out = dedup_incidents(&g, vec![a, b]).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].sources, vec!["a.txt", "b.txt"]);
    }

    #[test]
    fn different_days_stay_apart() {
        let g = gaz();
        let a = incident(&g, "a.txt", 3, "gn:173927", Some(1), SubEventType::ArmedClash);
        let b = incident(&g, "b.txt", 3, "gn:173927", Some(9), SubEventType::ArmedClash);
        assert_eq!(dedup_incidents(&g, vec![a, b]).unwrap().len(), 2);
    }

    #[test]
    fn far_apart_places_stay_apart() {
        let g = gaz();
        let a = incident(&g, "a.txt", 3, "gn:173927", Some(7), SubEventType::ArmedClash);
        let b = incident(&g, "b.txt", 3, "gn:173377", Some(7), SubEventType::ArmedClash);
        assert_eq!(dedup_incidents(&g, vec![a, b]).unwrap().len(), 2);
    }

    #[test]
    fn one_article_never_merges_its_own_events() {
        let g = gaz();
        let a = incident(&g, "a.txt", 2, "gn:173811", Some(20), SubEventType::ArmedClash);
        let b = incident(&g, "a.txt", 6, "gn:173811", Some(20), SubEventType::ArmedClash);
        assert_eq!(dedup_incidents(&g, vec![a.clone(), b.clone()]).unwrap().len(), 2);
        // The same article read again is another article: its events merge.
        let out = dedup_incidents(&g, vec![a.clone(), b.clone(), c_of(&a), c_of(&b)]).unwrap();
        assert_eq!(out.len(), 2);
    }

    /// `i` as told by another article.
    fn c_of(i: &Incident) -> Incident {
        Incident { sources: vec!["c.txt".into()], ..i.clone() }
    }

    #[test]
    fn merged_type_takes_acled_precedence() {
        let g = gaz();
        let a = incident(&g, "a.txt", 2, "gn:173811", Some(20), SubEventType::AirDroneStrike);
        let b = incident(&g, "b.txt", 6, "gn:173811", Some(20), SubEventType::AirDroneStrike);
        let out = dedup_incidents(&g, vec![a, b]).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].event_type(), EventType::ExplosionsRemoteViolence);
    }

    #[test]
    fn merged_text_comes_from_the_report_that_gave_each_field() {
        let g = gaz();
        // A coarse report without actors, then a precise one naming them.
        let mut a = incident(&g, "a.txt", 1, "gn:173927", Some(7), SubEventType::ArmedClash);
        a.geo_precision = Some(GeoPrecision::Region);
        a.location_ar = "ريف".into();
        let mut b = incident(&g, "b.txt", 4, "gn:173927", Some(7), SubEventType::ArmedClash);
        b.location_ar = "البلدة".into();
        b.country = "SY".into();
        b.actor1 = Some(("SDF".into(), "قسد".into()));
        b.evidence = "نص آخر".into();
        let dir = std::env::temp_dir().join(format!("hudud-dedup-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut d = Deduper::with_store(&g, RecordStore::temp_file(&dir).unwrap());
        d.push_article(vec![a.clone()]).unwrap();
        d.push_article(vec![b.clone()]).unwrap();
        let out = d.finish().unwrap().into_vec().unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].evidence, a.evidence);
        assert_eq!((out[0].location_ar.as_str(), out[0].country.as_str()), ("البلدة", "SY"));
        assert_eq!(out[0].actor1, b.actor1);
        assert_eq!(out[0].geo_precision, Some(GeoPrecision::Town));
        assert_eq!(out, dedup_incidents(&g, vec![a, b]).unwrap(), "file and memory stores agree");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "temporary file left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The by-day index may pass over an incident only when the exact
    /// place test says no: checked on random pairs of gazetteer places,
    /// half of them near each other.
    #[test]
    fn day_index_never_passes_over_a_compatible_place() {
        let g = gaz();
        let mut tables = Tables::default();
        let n = g.places().len();
        let mut rng = crate::corpus::Rng::new(5);
        let kept = |place: usize, precision: GeoPrecision| Kept {
            coding: 0,
            date: None,
            place: Some(place as PlaceIdx),
            geo_precision: Some(precision),
            loc_level: LocationLevel::Exact,
            actors: [0, 0],
            fatalities: 0,
            arrests: 0,
            confidence: 0,
            sentence_index: 0,
            article: 0,
            first_source: 0,
            more_sources: NO_SOURCE,
            record: 0,
            place_record: 0,
            actor_records: [0, 0],
        };
        for p in g.places() {
            if !p.admin1.is_empty() && !tables.admin1.contains_key(&p.admin1) {
                let id = tables.admin1.len() as u16 + 1;
                tables.admin1.insert(p.admin1.clone(), id);
            }
        }
        let (mut compatible, mut checked) = (0, 0);
        while checked < 20_000 {
            let a = rng.below(n);
            // Every other pair: the nearest of a handful of random places.
            let b = if checked % 2 == 0 {
                rng.below(n)
            } else {
                let pa = g.place(a as PlaceIdx);
                (0..64)
                    .map(|_| rng.below(n))
                    .min_by(|&x, &y| {
                        let d = |i: usize| {
                            (g.place(i as PlaceIdx).lat - pa.lat).abs() + (g.place(i as PlaceIdx).lon - pa.lon).abs()
                        };
                        d(x).total_cmp(&d(y))
                    })
                    .unwrap_or(a)
            };
            let precision = |k: usize| [GeoPrecision::Town, GeoPrecision::NearTown, GeoPrecision::Region][k];
            let (ka, kb) = (kept(a, precision(rng.below(3))), kept(b, precision(rng.below(3))));
            let exact = places_compatible(&g, &ka, &kb);
            let (ea, eb) = (DayEntry::of(&g, &tables.admin1, 0, &ka), DayEntry::of(&g, &tables.admin1, 1, &kb));
            assert!(
                !exact || ea.may_match(&eb),
                "passed over {} ~ {}",
                g.place(a as PlaceIdx).id,
                g.place(b as PlaceIdx).id
            );
            compatible += usize::from(exact);
            checked += 1;
        }
        assert!(compatible > 1000, "the test must see compatible pairs ({compatible})");
    }

    #[test]
    fn lowest_stated_figure() {
        assert_eq!(min_stated(0, 4), 4);
        assert_eq!(min_stated(5, 3), 3);
    }
}
