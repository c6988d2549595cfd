//! The yardstick's rules: which system item may stand for which gold item,
//! the one-to-one matching, and the figures.

use super::assign::{min_cost_assignment, CostMatrix};
use super::gold::{GoldDoc, GoldIncident, GoldPlace};
use super::layers::{SystemIncident, SystemLayers, SystemPlace};
use super::python::{doc_key, round3, to_str};
use serde::Serialize;

/// Mean Earth radius (km) of the yardstick's haversine.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The weight of a required gold item found; an optional one weighs a
/// thousandth, so no number of optional items outweighs a required one.
const BIG: f64 = 1e6;

/// Closer pairs are preferred, up to this distance (km).
const MAX_PREFERRED_KM: f64 = 999.0;

/// Great-circle distance (km) between two points, computed as score.py
/// does, operation for operation.
///
/// ```
/// // One degree of latitude.
/// assert_eq!(format!("{:.3}", hudud::eval::haversine_km(35.0, 40.0, 36.0, 40.0)), "111.195");
/// ```
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    // Python's `x ** 2` goes through libm's pow, which gives x * x.
    let (s1, s2) = ((dp / 2.0).sin(), (dl / 2.0).sin());
    let a = s1 * s1 + p1.cos() * p2.cos() * (s2 * s2);
    let root = a.sqrt();
    // min(1.0, root) as Python takes it.
    2.0 * EARTH_RADIUS_KM * (if root < 1.0 { root } else { 1.0 }).asin()
}

/// A gold item that may be marked optional.
pub trait GoldItem {
    /// Neither rewarded nor counted as an error.
    fn optional(&self) -> bool;
}

impl GoldItem for GoldPlace {
    fn optional(&self) -> bool {
        self.optional
    }
}

impl GoldItem for GoldIncident {
    fn optional(&self) -> bool {
        self.optional
    }
}

/// How far a system place is from a gold place, if it may stand for it:
/// one of its GeoNames ids (distance 0), or within its tolerance.
pub fn place_distance(gold: &GoldPlace, place: &SystemPlace) -> Option<f64> {
    if place.geonameid.is_some_and(|id| gold.has_id(id)) {
        return Some(0.0);
    }
    let d = haversine_km(gold.lat, gold.lon, place.lat, place.lon);
    (d <= gold.tol_km).then_some(d)
}

/// How far a system incident is from a gold incident, if it may stand for
/// it: placed, one of its event types, and within its tolerance.
pub fn incident_distance(gold: &GoldIncident, incident: &SystemIncident) -> Option<f64> {
    let (lat, lon) = incident.point?;
    if !gold.event_types.iter().any(|t| incident.event_type.as_str() == Some(t)) {
        return None;
    }
    let d = haversine_km(gold.lat, gold.lon, lat, lon);
    (d <= gold.tol_km).then_some(d)
}

/// [`incident_distance`], with the date (where the gold has one) and the
/// sub-event type (where the gold lists them) right too.
pub fn strict_distance(gold: &GoldIncident, incident: &SystemIncident) -> Option<f64> {
    let d = incident_distance(gold, incident)?;
    let date_ok = !gold.has_date() || gold.date_agrees(incident.date);
    (date_ok && sub_event_agrees(gold, incident)).then_some(d)
}

/// The sub-event type is one the gold lists (any, if it lists none).
fn sub_event_agrees(gold: &GoldIncident, incident: &SystemIncident) -> bool {
    gold.sub_event_types.is_empty() || gold.sub_event_types.iter().any(|t| incident.sub_event_type.as_str() == Some(t))
}

/// One-to-one pairs (gold index, system index) and the system items left.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matching {
    /// Gold and system item paired.
    pub pairs: Vec<(usize, usize)>,
    /// System items paired with nothing, in layer order.
    pub extra: Vec<usize>,
}

/// score.py's `best_matching`: as many required gold items found as
/// possible, then optional ones, then the closest pairs, by an optimal
/// assignment (so an optional item never takes what a required one needed).
pub fn best_matching<G: GoldItem, S>(golds: &[G], systems: &[S], distance: impl Fn(&G, &S) -> Option<f64>) -> Matching {
    if golds.is_empty() || systems.is_empty() {
        return Matching { pairs: Vec::new(), extra: (0..systems.len()).collect() };
    }
    let weights: Vec<Vec<Option<f64>>> = golds
        .iter()
        .map(|g| systems.iter().map(|s| distance(g, s).map(|d| pair_weight(g.optional(), d))).collect())
        .collect();
    // A pair that may not be made costs 0: it gains nothing.
    let mut cost = CostMatrix::zeros(golds.len(), systems.len());
    for (gi, row) in weights.iter().enumerate() {
        for (si, w) in row.iter().enumerate() {
            if let Some(w) = w {
                cost.set(gi, si, -w);
            }
        }
    }
    let assigned = min_cost_assignment(&cost);
    let pairs: Vec<(usize, usize)> = (0..golds.len())
        .filter_map(|gi| assigned[gi].filter(|&si| weights[gi][si].is_some()).map(|si| (gi, si)))
        .collect();
    let mut used = vec![false; systems.len()];
    for &(_, si) in &pairs {
        used[si] = true;
    }
    Matching { pairs, extra: (0..systems.len()).filter(|&si| !used[si]).collect() }
}

fn pair_weight(optional: bool, distance: f64) -> f64 {
    let base = if optional { BIG / 1000.0 } else { BIG };
    // min(d, 999.0) as Python takes it.
    base - if MAX_PREFERRED_KM < distance { MAX_PREFERRED_KM } else { distance }
}

impl Matching {
    /// True and false positives and misses; optional gold items count for neither.
    pub fn counts<G: GoldItem>(&self, golds: &[G]) -> Counts {
        let tp = self.pairs.iter().filter(|&&(g, _)| !golds[g].optional()).count();
        let required = golds.iter().filter(|g| !g.optional()).count();
        Counts { tp, fp: self.extra.len(), fn_: required - tp }
    }

    /// The required gold items left unpaired, in gold order.
    pub fn missed<'g, G: GoldItem>(&self, golds: &'g [G]) -> Vec<&'g G> {
        let mut paired = vec![false; golds.len()];
        for &(g, _) in &self.pairs {
            paired[g] = true;
        }
        golds.iter().zip(paired).filter(|(g, paired)| !g.optional() && !paired).map(|(g, _)| g).collect()
    }
}

/// True positives, false positives and misses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Required gold items found.
    pub tp: usize,
    /// System items that stand for no gold item.
    pub fp: usize,
    /// Required gold items missed.
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        (self.tp, self.fp, self.fn_) = (self.tp + other.tp, self.fp + other.fp, self.fn_ + other.fn_);
    }

    /// Precision, recall and F1, rounded to three places as score.py prints them.
    pub fn figures(self) -> Figures {
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let (p, r) = (ratio(self.tp, self.tp + self.fp), ratio(self.tp, self.tp + self.fn_));
        let f1 = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let (tp, fp, fn_) = (self.tp, self.fp, self.fn_);
        Figures { precision: round3(p), recall: round3(r), f1: round3(f1), tp, fp, fn_ }
    }
}

/// Summary figures of one kind of item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// tp / (tp + fp), rounded to 3 places.
    pub precision: f64,
    /// tp / (tp + fn), rounded to 3 places.
    pub recall: f64,
    /// Their harmonic mean, rounded to 3 places.
    pub f1: f64,
    /// Required gold items found.
    pub tp: usize,
    /// System items that stand for no gold item.
    pub fp: usize,
    /// Required gold items missed.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

/// How many of the checked items were right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// Right.
    pub correct: usize,
    /// Checked.
    pub of: usize,
}

impl Tally {
    fn count(&mut self, right: bool) {
        self.of += 1;
        self.correct += usize::from(right);
    }
}

/// One document's figures and what it missed or added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocScore {
    /// The document's file name.
    pub doc: String,
    /// Places tp, fp, fn.
    pub places: [usize; 3],
    /// Incidents tp, fp, fn.
    pub incidents: [usize; 3],
    /// Names of the required gold places not found.
    pub missed_places: Vec<String>,
    /// System places that stand for no gold place (name, or lat,lon).
    pub extra_places: Vec<String>,
    /// Summaries (first 60 characters) of the required gold incidents not found.
    pub missed_incidents: Vec<String>,
    /// System incidents that stand for no gold incident ("type @ place").
    pub extra_incidents: Vec<String>,
}

/// The whole result, in score.py's `--json` structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Places.
    pub places: Figures,
    /// Incidents (type and place).
    pub incidents: Figures,
    /// Incidents with date and sub-event type right too.
    pub incidents_strict: Figures,
    /// Dates right among the found required incidents whose gold has one.
    pub dates: Tally,
    /// Sub-event types right among the found required incidents whose gold lists them.
    pub sub_event_types: Tally,
    /// Per document, in gold order.
    pub docs: Vec<DocScore>,
}

/// Running totals over the documents.
#[derive(Default)]
struct Totals {
    places: Counts,
    incidents: Counts,
    strict: Counts,
    dates: Tally,
    sub_events: Tally,
}

/// Score the system layers against the gold documents (matched by file
/// name; documents the gold does not list are not scored).
///
/// ```
/// use hudud::eval::{parse_gold, score, SystemLayers};
/// use serde_json::json;
/// let gold = parse_gold(
///     r#"[{"doc": "raid.txt", "incidents": [],
///          "places": [{"name": "البصيرة", "ids": [173927], "lat": 35.156, "lon": 40.427},
///                     {"name": "الدحلة", "lat": 35.24, "lon": 40.35, "tol_km": 15}]}]"#,
///     "gold.json".as_ref(),
/// )?;
/// let point = |lon: f64, lat: f64, props| json!({"type": "Feature", "properties": props,
///     "geometry": {"type": "Point", "coordinates": [lon, lat]}});
/// let places = json!({"type": "FeatureCollection", "features": [
///     point(40.43, 35.16, json!({"sources": ["in/raid.txt"], "geonameid": 173927})),
///     point(38.0, 34.0, json!({"sources": ["in/raid.txt"], "name_ar": "تدمر"})),
/// ]});
/// let report = score(&gold, &SystemLayers::default().with_places(&places)?);
/// assert_eq!((report.places.tp, report.places.fp, report.places.fn_), (1, 1, 1));
/// assert_eq!(report.places.f1, 0.5);
/// assert_eq!(report.docs[0].extra_places, ["تدمر"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score(gold: &[GoldDoc], system: &SystemLayers) -> Report {
    let mut t = Totals::default();
    let docs = gold.iter().map(|doc| score_doc(doc, system, &mut t)).collect();
    Report {
        places: t.places.figures(),
        incidents: t.incidents.figures(),
        incidents_strict: t.strict.figures(),
        dates: t.dates,
        sub_event_types: t.sub_events,
        docs,
    }
}

fn score_doc(doc: &GoldDoc, system: &SystemLayers, t: &mut Totals) -> DocScore {
    let key = doc_key(&doc.doc);
    let places = system.places.get(key).map_or(&[][..], Vec::as_slice);
    let incidents = system.incidents.get(key).map_or(&[][..], Vec::as_slice);
    let m = best_matching(&doc.places, places, place_distance);
    let place_counts = m.counts(&doc.places);
    t.places.add(place_counts);
    let missed_places = m.missed(&doc.places).into_iter().map(|g| g.name.clone()).collect();
    let extra_places = m.extra.iter().map(|&s| place_label(&places[s])).collect();
    let (incident_counts, missed_incidents, extra_incidents) = score_incidents(&doc.incidents, incidents, t);
    DocScore {
        doc: key.to_string(),
        places: [place_counts.tp, place_counts.fp, place_counts.fn_],
        incidents: [incident_counts.tp, incident_counts.fp, incident_counts.fn_],
        missed_places,
        extra_places,
        missed_incidents,
        extra_incidents,
    }
}

/// One document's incidents: counts, misses and extras; the strict figure,
/// dates and sub-event types go to the totals.
fn score_incidents(
    gold: &[GoldIncident],
    system: &[SystemIncident],
    t: &mut Totals,
) -> (Counts, Vec<String>, Vec<String>) {
    let m = best_matching(gold, system, incident_distance);
    t.strict.add(best_matching(gold, system, strict_distance).counts(gold));
    let counts = m.counts(gold);
    t.incidents.add(counts);
    // Dates and sub-events are judged on the pairs the lenient matching made.
    for (g, s) in m.pairs.iter().map(|&(g, s)| (&gold[g], &system[s])).filter(|(g, _)| !g.optional) {
        if g.has_date() {
            t.dates.count(g.date_agrees(s.date));
        }
        if !g.sub_event_types.is_empty() {
            t.sub_events.count(sub_event_agrees(g, s));
        }
    }
    let missed = m.missed(gold).into_iter().map(|g| g.summary.chars().take(60).collect()).collect();
    let extra = m.extra.iter().map(|&s| incident_label(&system[s])).collect();
    (counts, missed, extra)
}

fn place_label(p: &SystemPlace) -> String {
    if p.name.is_empty() {
        format!("{:.3},{:.3}", p.lat, p.lon)
    } else {
        p.name.clone()
    }
}

fn incident_label(i: &SystemIncident) -> String {
    format!("{} @ {}", to_str(&i.event_type), if i.place.is_empty() { "?" } else { &i.place })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::parse_gold;
    use serde_json::{json, Value};

    fn gold(doc: Value) -> Vec<GoldDoc> {
        parse_gold(&json!([doc]).to_string(), "g.json".as_ref()).unwrap()
    }

    fn place(lat: f64, lon: f64, id: Option<i64>, name: &str) -> SystemPlace {
        SystemPlace { lat, lon, geonameid: id, name: name.into() }
    }

    fn incident(lat: f64, lon: f64, kind: &str, sub: &str, date: &str) -> SystemIncident {
        let (event_type, sub_event_type) = (json!(kind), json!(sub));
        SystemIncident { point: Some((lat, lon)), event_type, sub_event_type, date: iso_day(date), place: "P".into() }
    }

    use crate::eval::iso_day;

    fn layers(doc: &str, places: Vec<SystemPlace>, incidents: Vec<SystemIncident>) -> SystemLayers {
        let mut l = SystemLayers::default();
        l.places.insert(doc.into(), places);
        l.incidents.insert(doc.into(), incidents);
        l
    }

    #[test]
    fn haversine_is_zero_on_a_point_and_symmetric() {
        assert_eq!(haversine_km(35.0, 40.0, 35.0, 40.0), 0.0);
        assert_eq!(haversine_km(35.0, 40.0, 34.0, 41.0), haversine_km(34.0, 41.0, 35.0, 40.0));
    }

    #[test]
    fn an_optional_item_never_takes_what_a_required_one_needed() {
        // Both gold places accept the one system place; the optional one is nearer.
        let g = gold(json!({"doc": "a.txt", "incidents": [], "places": [
            {"name": "req", "lat": 35.0, "lon": 40.05, "tol_km": 10},
            {"name": "opt", "lat": 35.0, "lon": 40.0, "tol_km": 10, "optional": true}]}));
        let r = score(&g, &layers("a.txt", vec![place(35.0, 40.0, None, "x")], vec![]));
        assert_eq!((r.places.tp, r.places.fp, r.places.fn_), (1, 0, 0));
    }

    #[test]
    fn the_closer_of_two_candidates_is_paired() {
        let g = gold(json!({"doc": "a.txt", "incidents": [], "places": [{"name": "g", "lat": 35.0, "lon": 40.0}]}));
        let sys = layers("a.txt", vec![place(35.0, 40.05, None, "far"), place(35.0, 40.01, None, "near")], vec![]);
        assert_eq!(score(&g, &sys).docs[0].extra_places, ["far"]);
    }

    #[test]
    fn a_geonames_id_matches_beyond_the_tolerance() {
        let g = gold(json!({"doc": "a.txt", "incidents": [], "places": [{"lat": 35.0, "lon": 40.0, "ids": [9]}]}));
        let r = score(&g, &layers("a.txt", vec![place(30.0, 30.0, Some(9), "")], vec![]));
        assert_eq!(r.places.tp, 1);
        let r = score(&g, &layers("a.txt", vec![place(30.0, 30.0, Some(8), "")], vec![]));
        assert_eq!((r.places.fp, r.docs[0].extra_places[0].as_str()), (1, "30.000,30.000"));
    }

    #[test]
    fn documents_match_by_file_name_only() {
        let g = gold(json!({"doc": "dir/a.txt", "incidents": [], "places": [{"lat": 35.0, "lon": 40.0}]}));
        let mut sys = layers("a.txt", vec![place(35.0, 40.0, None, "")], vec![]);
        sys.places.insert("other.txt".into(), vec![place(1.0, 1.0, None, "")]);
        let r = score(&g, &sys);
        assert_eq!((r.docs[0].doc.as_str(), r.places.tp, r.places.fp), ("a.txt", 1, 0));
    }

    #[test]
    fn strict_needs_date_and_sub_event_and_tallies_follow_lenient_pairs() {
        let g = gold(json!({"doc": "a.txt", "places": [], "incidents": [
            {"summary": "s", "event_types": ["Battles"], "sub_event_types": ["Armed clash"],
             "lat": 35.0, "lon": 40.0, "date": "2025-10-07"}]}));
        let run = |inc| score(&g, &layers("a.txt", vec![], vec![inc]));
        let right = run(incident(35.0, 40.0, "Battles", "Armed clash", "2025-10-08"));
        assert_eq!((right.incidents.tp, right.incidents_strict.tp, right.dates.correct), (1, 1, 1));
        let late = run(incident(35.0, 40.0, "Battles", "Armed clash", "2025-10-09"));
        assert_eq!((late.incidents.tp, late.incidents_strict.tp, late.dates), (1, 0, Tally { correct: 0, of: 1 }));
        let sub = run(incident(35.0, 40.0, "Battles", "Attack", "2025-10-07"));
        assert_eq!((sub.incidents_strict.fp, sub.sub_event_types), (1, Tally { correct: 0, of: 1 }));
        let wrong_type = run(incident(35.0, 40.0, "Riots", "Armed clash", "2025-10-07"));
        assert_eq!(wrong_type.docs[0].incidents, [0, 1, 1]);
        assert_eq!(wrong_type.docs[0].missed_incidents, ["s"]);
        assert_eq!(wrong_type.docs[0].extra_incidents, ["Riots @ P"]);
    }

    #[test]
    fn an_unplaced_incident_is_an_extra() {
        let g = gold(json!({"doc": "a.txt", "places": [], "incidents": []}));
        let mut inc = incident(0.0, 0.0, "Battles", "", "");
        (inc.point, inc.place) = (None, String::new());
        assert_eq!(score(&g, &layers("a.txt", vec![], vec![inc])).docs[0].extra_incidents, ["Battles @ ?"]);
    }

    #[test]
    fn figures_round_as_python() {
        let f = Counts { tp: 1, fp: 15, fn_: 0 }.figures();
        assert_eq!((f.precision, f.recall, f.f1), (0.062, 1.0, 0.118));
        assert_eq!(Counts::default().figures().f1, 0.0);
    }
}
