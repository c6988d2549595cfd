//! Merging reports of the same incident.
//!
//! The rule: two incidents are one when their places are compatible and
//! - they come from the same article and have the same event type, in
//!   consecutive sentences (a report names the operation, then elaborates
//!   where and how), or as headline and body (same sub-event, same place or
//!   one telling undated), or on the same stated day; or
//! - they come from the same article, are both violent (not Strategic
//!   developments) and happened on the same stated day: one episode told by
//!   its tactics (a car bomb, then the clashes); ACLED precedence picks the
//!   type; or
//! - they come from different articles, have the same event type, are both
//!   dated at most [`DEDUP_DAYS`] apart, both located at most [`DEDUP_KM`]
//!   apart, and their actors overlap (or one names none).
//!
//! Places are compatible when equal, within [`DEDUP_KM`], or when one is a
//! governorate or region holding the other. The merged incident keeps the
//! most precise place, the most precise date and all sources.

use super::{DateBasis, Incident, STRATEGIC};
use crate::gazetteer::Gazetteer;
use geo::{Distance, Haversine, Point};
use std::collections::HashMap;

/// Greatest distance between two reports of one incident, km.
pub const DEDUP_KM: f64 = 25.0;
/// How many earlier incidents of the same article are compared.
const ARTICLE_WINDOW: usize = 64;

/// How many incidents of one event type and day (the latest) are compared
/// across articles: a real news day has far fewer; a flood stays linear.
const DAY_WINDOW: usize = 1024;

/// Greatest difference between the dates of two reports of one incident.
pub const DEDUP_DAYS: i64 = 3;

/// Merge duplicates, keeping first-seen order. Each incident is compared
/// only with those that could match it, found through two indexes: the
/// latest incidents of the same article, and the latest of the same event
/// type within [`DEDUP_DAYS`].
pub fn dedup_incidents(g: &Gazetteer, incidents: Vec<Incident>) -> Vec<Incident> {
    let mut d = Deduper::new(g);
    for inc in incidents {
        d.push(inc);
    }
    d.finish()
}

/// Deduplication as a stream: push incidents as articles are read; memory
/// holds the distinct incidents only. Same result as [`dedup_incidents`].
pub struct Deduper<'g> {
    g: &'g Gazetteer,
    out: Vec<Incident>,
    by_source: HashMap<String, Vec<usize>>,
    by_day: HashMap<(&'static str, i64), Vec<usize>>,
}

impl<'g> Deduper<'g> {
    /// An empty deduplicator.
    pub fn new(g: &'g Gazetteer) -> Self {
        Deduper { g, out: Vec::new(), by_source: HashMap::new(), by_day: HashMap::new() }
    }

    /// Add one incident: merged into an earlier report of the same event,
    /// or kept as a new one.
    pub fn push(&mut self, inc: Incident) {
        let target = self.candidates(&inc).into_iter().find(|&i| same_incident(self.g, &self.out[i], &inc));
        let target = match target {
            Some(t) => {
                merge(&mut self.out[t], inc);
                t
            }
            None => {
                self.out.push(inc);
                self.out.len() - 1
            }
        };
        self.index(target);
    }

    /// The distinct incidents, in first-seen order.
    pub fn finish(self) -> Vec<Incident> {
        self.out
    }

    /// Earlier incidents that could be the same event, in first-seen order.
    fn candidates(&self, inc: &Incident) -> Vec<usize> {
        // Within an article only the latest incidents can be a retelling
        // worth checking: the window keeps a huge article linear.
        let mut candidates: Vec<usize> = inc
            .sources
            .iter()
            .flat_map(|s| self.by_source.get(s))
            .flat_map(|list| list[list.len().saturating_sub(ARTICLE_WINDOW)..].iter().copied())
            .collect();
        if let (Some(d), Some(_)) = (inc.date, inc.place) {
            let day = d.date.to_days();
            for k in day - DEDUP_DAYS..=day + DEDUP_DAYS {
                if let Some(list) = self.by_day.get(&(inc.event_type, k)) {
                    candidates.extend(&list[list.len().saturating_sub(DAY_WINDOW)..]);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    fn index(&mut self, target: usize) {
        let o = &self.out[target];
        for s in &o.sources {
            let list = self.by_source.entry(s.clone()).or_default();
            if !list[list.len().saturating_sub(ARTICLE_WINDOW)..].contains(&target) {
                list.push(target);
            }
        }
        if let (Some(d), Some(_)) = (o.date, o.place) {
            let list = self.by_day.entry((o.event_type, d.date.to_days())).or_default();
            if !list[list.len().saturating_sub(DAY_WINDOW)..].contains(&target) {
                list.push(target);
            }
        }
    }
}

fn same_incident(g: &Gazetteer, a: &Incident, b: &Incident) -> bool {
    let same_article = a.sources.iter().any(|s| b.sources.contains(s));
    if same_article {
        return retold_in_article(g, a, b);
    }
    if a.event_type != b.event_type || !places_compatible(g, a, b) {
        return false;
    }
    let dates_close = match (a.date, b.date) {
        (Some(x), Some(y)) => (x.date.to_days() - y.date.to_days()).abs() <= DEDUP_DAYS,
        _ => false,
    };
    let actors = |i: &Incident| [&i.actor1, &i.actor2].into_iter().flatten().map(|x| x.0.clone()).collect::<Vec<_>>();
    let (x, y) = (actors(a), actors(b));
    let actors_overlap = x.is_empty() || y.is_empty() || x.iter().any(|n| y.contains(n));
    dates_close && a.place.is_some() && b.place.is_some() && actors_overlap
}

/// One article telling one event twice: in consecutive sentences (the
/// operation, then where and how); as headline and body (same place and
/// sub-event, no conflicting days); or the same violent episode on the
/// same day at compatible places (a car bomb, then the clashes it opened).
fn retold_in_article(g: &Gazetteer, a: &Incident, b: &Incident) -> bool {
    if !places_compatible(g, a, b) {
        return false;
    }
    let stated = |i: &Incident| i.date.filter(|d| d.basis != DateBasis::Publication).map(|d| d.date.to_days());
    let located = a.place.is_some() && b.place.is_some();
    let same_day = stated(a).is_some() && stated(a) == stated(b);
    let one_undated = stated(a).is_some() != stated(b).is_some();
    if a.event_type == b.event_type {
        let adjacent = a.sentence_index.abs_diff(b.sentence_index) == 1 && a.place.is_some() == b.place.is_some();
        let headline = located && a.sub_event_type == b.sub_event_type && (a.place == b.place || one_undated);
        return adjacent || headline || (located && same_day);
    }
    let violent = |i: &Incident| i.event_type != STRATEGIC;
    located && violent(a) && violent(b) && same_day
}

fn places_compatible(g: &Gazetteer, a: &Incident, b: &Incident) -> bool {
    let (Some(pa), Some(pb)) = (a.place, b.place) else {
        return a.place.is_none() && b.place.is_none();
    };
    if pa == pb {
        return true;
    }
    let (x, y) = (g.place(pa), g.place(pb));
    let coarse = |i: &Incident| i.geo_precision.unwrap_or(3) >= 3;
    if (coarse(a) || coarse(b)) && !x.admin1.is_empty() && x.admin1 == y.admin1 {
        return true;
    }
    Haversine.distance(Point::new(x.lon, x.lat), Point::new(y.lon, y.lat)) / 1000.0 <= DEDUP_KM
}

/// ACLED precedence of event types (lower wins when one episode is merged).
fn precedence(event_type: &str) -> u8 {
    match event_type {
        "Battles" => 0,
        "Protests" => 1,
        "Riots" => 2,
        "Explosions/Remote violence" => 3,
        "Violence against civilians" => 4,
        _ => 5,
    }
}

fn merge(into: &mut Incident, other: Incident) {
    if precedence(other.event_type) < precedence(into.event_type) {
        into.event_type = other.event_type;
        into.sub_event_type = other.sub_event_type;
    }
    let finer = other.geo_precision.unwrap_or(9) < into.geo_precision.unwrap_or(9);
    if finer {
        into.place = other.place;
        into.geo_precision = other.geo_precision;
        into.loc_level = other.loc_level;
        into.location_ar = other.location_ar.clone();
        into.country = other.country.clone();
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
    into.actor1 = into.actor1.take().or(other.actor1);
    into.actor2 = into.actor2.take().or(other.actor2);
    // ACLED: the lowest reported figure, among reports that state one.
    into.fatalities = min_stated(into.fatalities, other.fatalities);
    into.arrests = min_stated(into.arrests, other.arrests);
    into.confidence = into.confidence.max(other.confidence);
    for s in other.sources {
        if !into.sources.contains(&s) {
            into.sources.push(s);
        }
    }
}

fn min_stated(a: u32, b: u32) -> u32 {
    match (a, b) {
        (0, x) | (x, 0) => x,
        (x, y) => x.min(y),
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
        ty: &'static str,
    ) -> Incident {
        let coding = Coding { event_type: ty, sub_event_type: "x", state_acts: false };
        let mut i = Incident::new(coding, source, "نص", 0);
        i.sentence_index = sentence;
        let idx = g.places().iter().position(|p| p.id == place).expect("place") as u32;
        i.place = Some(idx);
        i.geo_precision = Some(1);
        i.date = day.map(|d| FoundDate {
            date: Date::new(2025, 10, d).expect("date"),
            precision: 1,
            basis: DateBasis::Explicit,
        });
        i
    }

    #[test]
    fn two_outlets_same_day_same_town_merge() {
        let g = gaz();
        let a = incident(&g, "a.txt", 3, "gn:173927", Some(7), "Battles");
        let b = incident(&g, "b.txt", 9, "gn:173927", Some(8), "Battles");
        let out = dedup_incidents(&g, vec![a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].sources, vec!["a.txt", "b.txt"]);
    }

    #[test]
    fn different_days_stay_apart() {
        let g = gaz();
        let a = incident(&g, "a.txt", 3, "gn:173927", Some(1), "Battles");
        let b = incident(&g, "b.txt", 3, "gn:173927", Some(9), "Battles");
        assert_eq!(dedup_incidents(&g, vec![a, b]).len(), 2);
    }

    #[test]
    fn far_apart_places_stay_apart() {
        let g = gaz();
        let a = incident(&g, "a.txt", 3, "gn:173927", Some(7), "Battles");
        let b = incident(&g, "b.txt", 3, "gn:173377", Some(7), "Battles");
        assert_eq!(dedup_incidents(&g, vec![a, b]).len(), 2);
    }

    #[test]
    fn one_episode_in_one_article_takes_acled_precedence() {
        let g = gaz();
        let a = incident(&g, "a.txt", 2, "gn:173811", Some(20), "Explosions/Remote violence");
        let b = incident(&g, "a.txt", 6, "gn:173811", Some(20), "Battles");
        let out = dedup_incidents(&g, vec![a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].event_type, "Battles");
    }

    #[test]
    fn arrests_after_a_bombing_stay_separate() {
        let g = gaz();
        let a = incident(&g, "a.txt", 2, "gn:173811", Some(20), "Explosions/Remote violence");
        let b = incident(&g, "a.txt", 6, "gn:173811", Some(20), STRATEGIC);
        assert_eq!(dedup_incidents(&g, vec![a, b]).len(), 2);
    }

    #[test]
    fn lowest_stated_figure() {
        assert_eq!(min_stated(0, 4), 4);
        assert_eq!(min_stated(5, 3), 3);
    }
}
