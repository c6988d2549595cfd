//! Choosing one place for each name in an article, with a reason.
//!
//! Evidence, strongest first: a cue word that fits the feature type; a
//! container stated in the text ("ذيبان بريف دير الزور"); the countries and
//! governorates the article names; distance to the article's other places;
//! importance (type and population); a prior for the Iraq–Syria region.
//! One name keeps one sense throughout an article.

use super::{context, Mention};
use crate::arabic::{fold_char, CueKind};
use crate::gazetteer::{AdminLevel, Gazetteer, Place, PlaceIdx};
use geo::{Distance, Haversine, Point};
use std::collections::{BTreeMap, BTreeSet};

/// The resolution of one mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// The chosen place, or `None` when the name stays unresolved.
    pub place: Option<PlaceIdx>,
    /// How many places the name could denote.
    pub candidates: usize,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Short human-readable reason.
    pub reason: String,
}

/// What the article as a whole says: countries, governorates and points of
/// the places already resolved. Codes are borrowed from the gazetteer.
#[derive(Debug, Default)]
struct ArticleContext<'g> {
    countries: BTreeSet<&'g str>,
    admin1s: BTreeSet<&'g str>,
    /// One point per place, sorted by latitude.
    points: Vec<(PlaceIdx, Point<f64>)>,
}

impl<'g> ArticleContext<'g> {
    fn add(&mut self, idx: PlaceIdx, p: &'g Place) {
        self.countries.insert(&p.country);
        if !p.admin1.is_empty() {
            self.admin1s.insert(&p.admin1);
        }
        // A place named again adds no new distance: one point per place
        // keeps every candidate's nearest-place search short.
        if !p.is_country() && !self.points.iter().any(|&(i, _)| i == idx) {
            let at = self.points.partition_point(|(_, q)| q.y() < p.lat);
            self.points.insert(at, (idx, Point::new(p.lon, p.lat)));
        }
    }

    /// Distance in km from `p` to the nearest other place of the article.
    fn nearest_km(&self, idx: PlaceIdx, p: &Place) -> Option<f64> {
        nearest_km_from(Point::new(p.lon, p.lat), &self.points, idx)
    }
}

/// The smallest haversine distance in km from `here` to the points other
/// than `skip`'s, which are sorted by latitude (finite coordinates, as the
/// gazetteer loader ensures). Walks north and south from `here`'s latitude
/// and stops on each side at the first point whose latitude alone puts it
/// farther than the nearest so far: every later one is farther still.
fn nearest_km_from(here: Point<f64>, by_latitude: &[(PlaceIdx, Point<f64>)], skip: PlaceIdx) -> Option<f64> {
    let (south, north) = by_latitude.split_at(by_latitude.partition_point(|(_, q)| q.y() < here.y()));
    let mut nearest: Option<f64> = None;
    let mut visit = |side: &mut dyn Iterator<Item = &(PlaceIdx, Point<f64>)>| {
        for &(_, q) in side.filter(|(i, _)| *i != skip) {
            if nearest.is_some_and(|best| latitude_gap_km(here, q) > best) {
                break;
            }
            let km = Haversine.distance(here, q) / 1000.0;
            if nearest.is_none_or(|best| km.total_cmp(&best).is_lt()) {
                nearest = Some(km);
            }
        }
    };
    visit(&mut north.iter());
    visit(&mut south.iter().rev());
    nearest
}

/// A lower bound of the great-circle distance between two points in km:
/// the distance along a meridian covering their latitude difference, on a
/// sphere a little smaller than the Earth (so that rounding cannot make it
/// exceed a computed haversine distance).
fn latitude_gap_km(a: Point<f64>, b: Point<f64>) -> f64 {
    const BELOW_EARTH_RADIUS_KM: f64 = 6300.0;
    BELOW_EARTH_RADIUS_KM * (a.y() - b.y()).abs().to_radians()
}

/// The candidates of a mention after applying its cue: when some candidate
/// fits the cue, only those remain.
pub fn candidates_for(g: &Gazetteer, m: &Mention) -> Vec<PlaceIdx> {
    fitting_cue(g, g.arabic_candidates(&m.name), m)
}

/// [`candidates_for`] given the places the mention's name can denote.
pub(super) fn fitting_cue(g: &Gazetteer, all: &[PlaceIdx], m: &Mention) -> Vec<PlaceIdx> {
    let all = &units_as_named(g, all, m)[..];
    let Some(kind) = m.cue.as_ref().map(|c| c.kind) else {
        return known_first(g, all.to_vec());
    };
    // "ريف X": X's governorate when one has that name, else X itself.
    let has_admin1 = all.iter().any(|&i| g.place(i).is_admin1());
    let wanted = |p: &Place| {
        if kind == CueKind::Countryside && has_admin1 {
            p.is_admin1()
        } else {
            kind.fits(&p.feature_type)
        }
    };
    let fitting: Vec<PlaceIdx> = all.iter().copied().filter(|&i| wanted(g.place(i))).collect();
    let fitting = if fitting.is_empty() { all.to_vec() } else { fitting };
    // "في بلدة صيدا": a village's cue word asks for the village, not Sidon.
    if kind.fits("village") {
        fitting
    } else {
        known_first(g, fitting)
    }
}

/// A town this large is named in news far more often than any hamlet.
const PROMINENT_POPULATION: u64 = 50_000;

/// Villages only the full populated-place layer knows give way to a
/// prominent place of the same name ("أنقرة" is Ankara, "الفرات" the river,
/// not hamlets of those names): news names the prominent one far more often.
fn known_first(g: &Gazetteer, cands: Vec<PlaceIdx>) -> Vec<PlaceIdx> {
    let prominent = |p: &Place| {
        matches!(p.feature_type.as_str(), "country" | "admin1" | "city" | "capital" | "river" | "region")
            || p.population >= PROMINENT_POPULATION
    };
    if cands.iter().any(|&i| prominent(g.place(i))) {
        cands.into_iter().filter(|&i| !g.place(i).is_minor()).collect()
    } else {
        cands
    }
}

/// The level of administrative unit a cue word names: "قضاء X" a
/// district, "ناحية X" a sub-district ("منطقة X" is mostly "the area of X").
pub fn unit_level_named(m: &Mention) -> Option<AdminLevel> {
    match m.cue.as_ref().map(|c| c.word.as_str()) {
        Some("قضاء") => Some(AdminLevel::District),
        Some("ناحيه") => Some(AdminLevel::SubDistrict),
        _ => None,
    }
}

/// What "قضاء X" / "ناحية X" name: the town X that is the unit's seat,
/// as ACLED codes a district to its representative town (the unit's P-code
/// comes with the town), else the unit itself. A bare "X" is the town X
/// when there is one, as news means it.
fn units_as_named(g: &Gazetteer, all: &[PlaceIdx], m: &Mention) -> Vec<PlaceIdx> {
    if let Some(level) = unit_level_named(m) {
        // "قضاء تلعفر" may be listed whole as a variant of the town: the
        // district is named by the rest.
        let rest = m.name.split_once(' ').filter(|_| context::cue_inside(&m.name).is_some()).map(|(_, r)| r);
        let units_named = rest.map_or(&[][..], |r| g.arabic_candidates(r));
        let of_level: Vec<PlaceIdx> =
            all.iter().chain(units_named).copied().filter(|&i| g.place(i).admin_level() == Some(level)).collect();
        if !of_level.is_empty() {
            let unit_of = |i: PlaceIdx| g.place(i).admin[level as usize - 1];
            let seat_of = |i: PlaceIdx| {
                !g.place(i).is_admin_unit()
                    && unit_of(i).is_some()
                    && of_level.iter().any(|&u| unit_of(u) == unit_of(i))
            };
            // The seat may be listed under the bare name only ("ناحية
            // العبيدي": the town "العبيدي").
            let mut seats: Vec<PlaceIdx> = all.iter().chain(units_named).copied().filter(|&i| seat_of(i)).collect();
            seats.sort_unstable();
            seats.dedup();
            return if seats.is_empty() { of_level } else { seats };
        }
    }
    let not_units: Vec<PlaceIdx> = all.iter().copied().filter(|&i| !g.place(i).is_admin_unit()).collect();
    if not_units.is_empty() {
        all.to_vec()
    } else {
        not_units
    }
}

/// Resolve every mention of one article; `mentions` are in text order.
pub fn resolve_article(g: &Gazetteer, mentions: &[Mention]) -> Vec<Resolution> {
    let named: Vec<&[PlaceIdx]> = mentions.iter().map(|m| g.arabic_candidates(&m.name)).collect();
    resolve_named(g, mentions, &named)
}

/// [`resolve_article`] given the places each mention's name can denote
/// (`named[i]` is `g.arabic_candidates(&mentions[i].name)`).
pub(super) fn resolve_named(g: &Gazetteer, mentions: &[Mention], named: &[&[PlaceIdx]]) -> Vec<Resolution> {
    let cands: Vec<Vec<PlaceIdx>> = mentions.iter().zip(named).map(|(m, all)| fitting_cue(g, all, m)).collect();
    let mut ctx = ArticleContext::default();
    for c in cands.iter().filter(|c| c.len() == 1) {
        ctx.add(c[0], g.place(c[0]));
    }
    // One sense per name (and cue class) per article: group the mentions.
    let mut groups: BTreeMap<(&str, bool), Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        groups.entry((m.name.as_str(), is_area_cue(m))).or_default().push(i);
    }
    let mut out: Vec<Option<Resolution>> = vec![None; mentions.len()];
    // Unambiguous groups first, so their places inform the ambiguous ones.
    let mut order: Vec<&Vec<usize>> = groups.values().collect();
    order.sort_by_key(|members| (cands[members[0]].len() > 1, members[0]));
    for members in order {
        let res = resolve_group(g, mentions, &cands, members, &out, &ctx);
        if let Some(idx) = res.place {
            ctx.add(idx, g.place(idx));
        }
        for &i in members {
            out[i] = Some(res.clone());
        }
    }
    out.into_iter().flatten().collect()
}

fn is_area_cue(m: &Mention) -> bool {
    matches!(m.cue.as_ref().map(|c| c.kind), Some(CueKind::Countryside | CueKind::Governorate))
}

/// Score the candidates shared by a group of mentions of one name.
fn resolve_group(
    g: &Gazetteer,
    mentions: &[Mention],
    cands: &[Vec<PlaceIdx>],
    members: &[usize],
    done: &[Option<Resolution>],
    ctx: &ArticleContext,
) -> Resolution {
    let first = members[0];
    let options: BTreeSet<PlaceIdx> = members.iter().flat_map(|&i| cands[i].iter().copied()).collect();
    if options.is_empty() {
        return Resolution { place: None, candidates: 0, confidence: 0.0, reason: "no candidate".into() };
    }
    // A container not resolved yet counts when its name has one place.
    let container_place = |c: usize| match &done[c] {
        Some(res) => res.place,
        None => (cands[c].len() == 1).then(|| cands[c][0]),
    };
    let containers: Vec<PlaceIdx> =
        members.iter().filter_map(|&i| mentions[i].container).filter_map(container_place).collect();
    let close = members.iter().any(|&i| mentions[i].container.is_some() && mentions[i].close_to_container);
    let mut scored: Vec<(f64, PlaceIdx, Vec<&'static str>)> = options
        .iter()
        .map(|&idx| {
            let (s, why) = score_candidate(g, &mentions[first], idx, &containers, ctx);
            (s, idx, why)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(g.place(a.1).id.cmp(&g.place(b.1).id)));
    // A place the text says lies in or by another ("قرية بارانة شمال شرقي
    // مدينة سنجار") is none of the candidates that lie away from it.
    let candidates = scored.len();
    if !containers.is_empty() {
        let fitting: Vec<_> =
            scored.iter().filter(|s| containers.iter().any(|&c| lies_by(g, s.1, c, close))).cloned().collect();
        if fitting.is_empty() {
            let reason = "away from the place the text says it lies in".into();
            return Resolution { place: None, candidates, confidence: 0.0, reason };
        }
        scored = fitting;
    }
    let (best, idx, why) = &scored[0];
    if is_cut_landform(g, &mentions[first], *idx, ctx) {
        let reason = "a landform named like a place elsewhere".into();
        return Resolution { place: None, candidates, confidence: 0.0, reason };
    }
    let held = containers.iter().any(|&c| !g.place(c).admin1.is_empty() && g.place(c).admin1 == g.place(*idx).admin1);
    if !held && is_stray_village(g, *idx, ctx) {
        let reason = "a village named like one far from the article's places".into();
        return Resolution { place: None, candidates, confidence: 0.0, reason };
    }
    let margin = scored.get(1).map_or(3.0, |s| best - s.0);
    let confidence = if candidates == 1 { 0.9 } else { 0.5 + 0.45 * (1.0 - (-margin).exp()) };
    let mut reason = if candidates == 1 { vec!["only candidate"] } else { vec![] };
    reason.extend(why.iter().copied());
    if reason.is_empty() {
        reason.push("most important candidate");
    }
    Resolution {
        place: Some(*idx),
        candidates,
        confidence: (confidence * 1000.0).round() / 1000.0,
        reason: reason.join("; "),
    }
}

/// How far (km) a place may lie from a town or district the text says it
/// lies in or by ("X شمال غربي الموصل" reaches 100 km: Rabia), and from a
/// governorate's point when outside the governorate.
const CONTAINER_REACH_KM: f64 = 150.0;
const GOVERNORATE_REACH_KM: f64 = 150.0;
/// How far a place may lie from a town the text puts it close to ("بريف
/// تل تمر", "قرب الميادين"): a town's countryside.
const CLOSE_REACH_KM: f64 = 35.0;

/// True when place `idx` may lie where container `c` says: inside the
/// same governorate for a governorate, within reach of a town. A country
/// says nothing ("قرب الحدود مع العراق" names the neighbour), nor a river,
/// desert or region, whose point stands for a line or an area.
fn lies_by(g: &Gazetteer, idx: PlaceIdx, c: PlaceIdx, close: bool) -> bool {
    let (p, cp) = (g.place(idx), g.place(c));
    let extended = matches!(cp.feature_type.as_str(), "river" | "desert" | "region" | "lake" | "mountain" | "valley");
    // No town lies inside a smaller one of its country: "طريق دير الزور –
    // تدمر في منطقة الشولا" names the road's end, not a Palmyra near al-Shula.
    let larger = p.population > cp.population && p.country == cp.country;
    if idx == c || cp.is_country() || extended || larger {
        return true;
    }
    let km = crate::spatial::haversine_km([p.lon, p.lat], [cp.lon, cp.lat]);
    if cp.admin_level() == Some(crate::gazetteer::AdminLevel::Governorate) || cp.feature_type == "admin1" {
        return (!cp.admin1.is_empty() && cp.admin1 == p.admin1) || km <= GOVERNORATE_REACH_KM;
    }
    // "بريف حلب" is an area around a city, however far out: only a town's
    // countryside is close.
    let town = !matches!(cp.feature_type.as_str(), "city" | "capital" | "admin2" | "admin3");
    km <= if close && town { CLOSE_REACH_KM } else { CONTAINER_REACH_KM }
}

/// How near (km) the other places of the article must be for a landform
/// cut to its name ("وادي X" when only the town X is known) to keep X.
const LANDFORM_REACH_KM: f64 = 50.0;

/// True when a landform named before the name ("وادي حوران", "تل ملح")
/// was cut to a place of another kind that lies away from everything else
/// the article names: the landform is not that place.
fn is_cut_landform(g: &Gazetteer, m: &Mention, idx: PlaceIdx, ctx: &ArticleContext) -> bool {
    let Some(cue) = &m.cue else { return false };
    let p = g.place(idx);
    // A cue that starts the name itself ("جبل الشيخ") is part of it.
    let inside = m.name.starts_with(cue.word.as_str());
    if inside || !cue.kind.is_landform() || cue.kind.fits(&p.feature_type) {
        return false;
    }
    !ctx.nearest_km(idx, p).is_some_and(|km| km <= LANDFORM_REACH_KM)
}

/// How near (km) the article's other places must be to a village only the
/// full populated-place layer knows, when the text states no container.
const MINOR_REACH_KM: f64 = 75.0;

/// True when a minor village lies away from every place the article names
/// and outside its governorates: news about Hasakah naming "الدردارة" means
/// the hamlet there the gazetteer lacks, not the one near Tartus.
fn is_stray_village(g: &Gazetteer, idx: PlaceIdx, ctx: &ArticleContext) -> bool {
    let p = g.place(idx);
    if !p.is_minor() || ctx.points.is_empty() || ctx.admin1s.contains(p.admin1.as_str()) {
        return false;
    }
    !ctx.nearest_km(idx, p).is_some_and(|km| km <= MINOR_REACH_KM)
}

/// The evidence for one candidate, and what counted.
fn score_candidate(
    g: &Gazetteer,
    m: &Mention,
    idx: PlaceIdx,
    containers: &[PlaceIdx],
    ctx: &ArticleContext,
) -> (f64, Vec<&'static str>) {
    let p = g.place(idx);
    let mut why = Vec::new();
    let mut s = p.prior();
    // A name that is a place's main name beats one that is only a variant
    // of another place ("صلاح الدين": the governorate, not a resort town).
    if normalizes_to(&p.name_ar, &m.name) {
        s += 1.0;
    }
    if let Some(cue) = &m.cue {
        if cue.kind.fits(&p.feature_type) {
            s += 3.0;
            why.push("cue word fits");
        }
    }
    for &c in containers {
        let cp = g.place(c);
        let inside =
            if cp.is_country() { cp.country == p.country } else { !cp.admin1.is_empty() && cp.admin1 == p.admin1 };
        if inside && c != idx {
            s += 4.0;
            why.push("inside the place the text names");
        }
    }
    if !p.admin1.is_empty() && ctx.admin1s.contains(p.admin1.as_str()) {
        s += 2.5;
        why.push("governorate named in article");
    } else if ctx.countries.contains(p.country.as_str()) {
        s += 1.0;
        why.push("country named in article");
    }
    if let Some(km) = ctx.nearest_km(idx, p) {
        s += 2.5 * (-km / 100.0).exp();
        if km < 50.0 {
            why.push("near other places of the article");
        }
    }
    (s, why)
}

/// True when `normalize_name(name) == normalized`: folded and compared
/// char by char (whitespace runs as one space, none at the ends) instead
/// of building the normalised name for every candidate scored.
fn normalizes_to(name: &str, normalized: &str) -> bool {
    let mut expected = normalized.chars();
    let (mut in_gap, mut started) = (false, false);
    for c in name.chars().filter_map(fold_char) {
        if c.is_whitespace() {
            in_gap = started;
            continue;
        }
        if in_gap && expected.next() != Some(' ') {
            return false;
        }
        if expected.next() != Some(c) {
            return false;
        }
        (in_gap, started) = (false, true);
    }
    expected.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Place;

    fn place(id: &str, ar: &str, country: &str, admin1: &str, lat: f64, lon: f64, ft: &str) -> Place {
        Place {
            id: id.into(),
            name_ar: ar.into(),
            name_en: id.into(),
            alt_ar: vec![],
            alt_latin: vec![],
            lat,
            lon,
            feature_type: ft.into(),
            feature_code: String::new(),
            country: country.into(),
            admin1: admin1.into(),
            population: 0,
            geonameid: None,
            source: String::new(),
            admin: [None; 3],
        }
    }

    fn mention(name: &str) -> Mention {
        Mention { name: crate::arabic::normalize_name(name), ..Mention::default() }
    }

    fn gaz() -> Gazetteer {
        Gazetteer::from_places(
            vec![
                place("jo", "ذيبان", "JO", "JO-MD", 31.5, 35.78, "town"),
                place("sy", "ذيبان", "SY", "SY-DY", 35.0, 40.5, "village"),
                place("dz", "دير الزور", "SY", "SY-DY", 35.33, 40.14, "city"),
                place("md", "مادبا", "JO", "JO-MD", 31.7, 35.8, "city"),
            ],
            crate::gazetteer::WordFreq::default(),
        )
    }

    #[test]
    fn container_picks_the_syrian_dhiban() {
        let g = gaz();
        let mut a = mention("ذيبان");
        a.container = Some(1);
        let res = resolve_article(&g, &[a, mention("دير الزور")]);
        assert_eq!(g.place(res[0].place.unwrap()).id, "sy");
        assert_eq!(res[0].candidates, 2);
    }

    #[test]
    fn article_context_picks_the_jordanian_dhiban() {
        let g = gaz();
        let res = resolve_article(&g, &[mention("مادبا"), mention("ذيبان")]);
        assert_eq!(g.place(res[1].place.unwrap()).id, "jo");
    }

    #[test]
    fn skipping_far_latitudes_keeps_the_nearest_distance() {
        let mut rng = crate::corpus::Rng::new(0x5eed_0000_4ea4_0001);
        let mut point =
            |spread: f64| Point::new(rng.unit() * 2.0 * spread - spread, rng.unit() * spread - spread / 2.0);
        for round in 0..500 {
            let spread = if round % 2 == 0 { 180.0 } else { 8.0 };
            let here = point(spread);
            let mut points: Vec<(PlaceIdx, Point<f64>)> = (0..round % 13).map(|i| (i, point(spread))).collect();
            let skip = (round % 5) as PlaceIdx;
            let every = points
                .iter()
                .filter(|(i, _)| *i != skip)
                .map(|(_, q)| Haversine.distance(here, *q) / 1000.0)
                .min_by(f64::total_cmp);
            points.sort_by(|a, b| a.1.y().total_cmp(&b.1.y()));
            let walked = nearest_km_from(here, &points, skip);
            assert_eq!(every.map(f64::to_bits), walked.map(f64::to_bits));
        }
    }

    #[test]
    fn normalizes_to_agrees_with_normalize_name() {
        const ALPHABET: &[char] = &[
            'ا', 'أ', 'ة', 'ه', 'ي', 'ى', 'ب', ' ', ' ', '\t', '\u{00A0}', '\u{064E}', '\u{0640}', '\u{200F}', 'A', 'a',
        ];
        let mut rng = crate::corpus::Rng::new(0x5eed_0000_0a4e_0001);
        for _ in 0..3000 {
            let name: String = (0..rng.below(9)).map(|_| *rng.pick(ALPHABET)).collect();
            let other: String = (0..rng.below(6)).map(|_| *rng.pick(ALPHABET)).collect();
            let norm = crate::arabic::normalize_name(&name);
            assert!(normalizes_to(&name, &norm), "{name:?}");
            for candidate in [format!("{norm} "), format!(" {norm}"), other, norm.replace(' ', "  ")] {
                assert_eq!(normalizes_to(&name, &candidate), norm == candidate, "{name:?} vs {candidate:?}");
            }
        }
    }

    #[test]
    fn region_prior_without_context() {
        let g = gaz();
        let res = resolve_article(&g, &[mention("ذيبان")]);
        assert_eq!(g.place(res[0].place.unwrap()).id, "sy");
        assert!(res[0].confidence > 0.5 && res[0].confidence <= 1.0);
    }
}
