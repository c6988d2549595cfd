//! Event coreference within one article: which reports tell the same
//! event.
//!
//! An article tells one event several times (headline, lead, detail
//! sentences, a caption, an official's quote, "the attack was repelled")
//! and tells several events alike ("the first operation… the second…",
//! "in a related context, a joint force raided another village"). For
//! every pair of reports [`relation`] decides *same*, *distinct* or
//! *unknown* from the evidence below; [`merge_reports`] then groups the
//! reports, each joining the nearest earlier group that one of its members
//! says is the same event and none says is distinct.
//!
//! Same event: a definite back-reference ("الهجوم", "العملية"); a
//! headline or caption restating a body report; the same place (equal, or
//! one holding the other) with no conflicting dates; the same casualty or
//! arrest figures; a detail sentence right after its lead with no date or
//! place of its own. Distinct: different stated dates; an enumeration
//! ("الأولى… الثانية"); places apart; an opener such as "وفي سياق متصل" with
//! a place of its own; unrelated kinds of event (arrests after a bombing).

use super::layout::Zone;
use super::{DateBasis, Incident};
use crate::acled::{GeoPrecision, SubEventType};
use crate::gazetteer::Gazetteer;

/// One report of an event: a sentence or clause that says it happened,
/// with what coreference needs to know about its telling.
#[derive(Debug, Clone)]
pub struct Report {
    /// The event as this report alone tells it (`sentence_index` set).
    pub incident: Incident,
    /// Where on the page the report is.
    pub zone: Zone,
    /// The report refers to an event already told: a definite event noun
    /// ("الهجوم", "العملية") comes before any new trigger, or every
    /// trigger is one.
    pub refers_back: bool,
    /// The report's coding comes only from such back-references: it adds
    /// no kind of event of its own.
    pub weak_coding: bool,
    /// How the report opens.
    pub opener: Opener,
    /// The report's place in an enumeration ("الأولى" 1, "الثانية" 2).
    pub ordinal: Option<u8>,
    /// The day the report itself states (explicit or relative), as days
    /// from an epoch; without a publication date, against a fixed anchor,
    /// which tells days apart within the article.
    pub day: Option<i64>,
    /// How many days before publication (or the anchor) that day is.
    pub days_back: Option<i64>,
    /// The day was counted from the anchor, not a publication date (a
    /// weekday in an undated article): comparable only with other such
    /// days, never with a date the text writes out.
    pub anchored: bool,
    /// The weekday the report names (0 Sunday … 6 Saturday), if any: an
    /// anchored day and a written-out date naming the same weekday may be
    /// the same day ("مساء يوم السبت", "مساء السبت 6 أغسطس").
    pub weekday: Option<u32>,
    /// The report comes from the article's first body sentence that tells
    /// an event: a lead that may sum up events told later one by one
    /// (set by [`merge_reports`]).
    pub lead: bool,
    /// The place is named in the report itself, not inherited.
    pub own_place: bool,
    /// For a report that names no place, the site of the sentence right
    /// before it: it only refines a coarser place of the event the report
    /// joins ("في محافظة الأنبار" … "في مدينة الرمادي". "فجّر نفسه"), and is
    /// no evidence of a site of its own.
    pub detail_place: Option<crate::geoparse::ResolvedMention>,
}

/// How a report opens, as far as telling a new event goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    /// No opener.
    None,
    /// "كما", "وكذلك": more of the same or another event: another event
    /// when it names a site of its own.
    Also,
    /// "وفي سياق متصل", "في غضون ذلك", "وسبق ذلك", "وكانت… قد", "وبعد
    /// أيام": another event.
    NewEvent,
}

/// What the evidence says of two reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same event, and why.
    Same(&'static str),
    /// Two events, and why.
    Distinct(&'static str),
    /// Nothing links them: two events unless another report joins them.
    Unknown,
}

/// Kinds of event that one event's reports may be coded as: violence of
/// any kind (one episode is told by its tactics: a car bomb, then the
/// clashes), arrests and seizures, and each other strategic development.
fn family(s: SubEventType) -> u8 {
    match s {
        _ if s.event_type().is_violent() => 0,
        SubEventType::Arrests | SubEventType::DisruptedWeaponsUse => 1,
        other => 2 + other as u8,
    }
}

/// Greatest distance (km) between two places taken for one site: the
/// same town in two gazetteer rows.
const SAME_SITE_KM: f64 = 3.0;

/// Greatest distance (km) between a place stated as near a town ("شمال
/// بغداد", "بريف حلب") and a site taken for the same.
const NEAR_SITE_KM: f64 = 40.0;

/// How two reports' places relate within one article.
fn places_agree(g: &Gazetteer, a: &Incident, b: &Incident) -> Option<bool> {
    let (Some(pa), Some(pb)) = (a.place, b.place) else { return None };
    if pa == pb {
        return Some(true);
    }
    let (x, y) = (g.place(pa), g.place(pb));
    let coarse = |i: &Incident| i.geo_precision.is_none_or(|p| p >= GeoPrecision::Region);
    // A governorate or region holds every place inside it.
    if (coarse(a) || coarse(b)) && !x.admin1.is_empty() && x.admin1 == y.admin1 {
        return Some(true);
    }
    // "شمال بغداد": near a city, which covers its surroundings; a village
    // with a direction after it ("الشحيل شرقي دير الزور") is the village.
    let city = |p: &crate::gazetteer::Place| matches!(p.feature_type.as_str(), "city" | "capital" | "admin2");
    let near = |i: &Incident, p: &crate::gazetteer::Place| i.geo_precision == Some(GeoPrecision::NearTown) && city(p);
    let reach = if near(a, x) || near(b, y) { NEAR_SITE_KM } else { SAME_SITE_KM };
    Some(crate::spatial::haversine_km([x.lon, x.lat], [y.lon, y.lat]) <= reach)
}

/// The day a report states itself.
fn stated_day(r: &Report) -> Option<i64> {
    r.day
}

/// How many days before publication an event must lie to be told apart
/// from an undated one ("قبل أسبوعين" against a report of the day).
const EARLIER_DAYS: i64 = 6;

/// The same, for a report of another sub-event type ("قبل أيام" is 3).
const EARLIER_DAYS_OTHER_KIND: i64 = 2;

/// Why a headline or caption joins a body report.
const RESTATES: &str = "headline or caption restates";

/// Why a detail sentence joins the report before it.
const DETAIL: &str = "a detail of the report before";

/// What the evidence says of report `a` and the later report `b`.
pub fn relation(g: &Gazetteer, a: &Report, b: &Report) -> Relation {
    let (ia, ib) = (&a.incident, &b.incident);
    if let (Some(x), Some(y)) = (stated_day(a), stated_day(b)) {
        // Two days stated, even a day apart ("الاثنين"، "وفي اليوم التالي،
        // الثلاثاء"), are two events.
        let same_weekday = a.anchored != b.anchored && a.weekday.is_some() && a.weekday == b.weekday;
        // A toll updated on a later day ("ومع وفاة أحد الجرحى صباح
        // الاثنين، ترتفع حصيلة قتلى الهجوم") tells the same event.
        let update = b.weak_coding && b.refers_back;
        if x != y && !same_weekday && !update {
            return Relation::Distinct("different dates");
        }
    }
    if let (Some(x), Some(y)) = (a.ordinal, b.ordinal) {
        if x != y {
            return Relation::Distinct("enumerated apart");
        }
    }
    // A place inherited from an earlier sentence is no evidence of a
    // different site.
    let places = places_agree(g, ia, ib).filter(|&agree| agree || (a.own_place && b.own_place));
    let restatement = b.weak_coding && b.refers_back && b.opener == Opener::None;
    if places == Some(false) && !restatement {
        return Relation::Distinct("different places");
    }
    // "…فيما اعتقلت قوة مطلوباً في قضاء تلعفر" in the lead, then "وفي
    // سياق منفصل… اعتقلت… في حي الخضراء بقضاء تلعفر": the opener sets the
    // event apart from the one told before it, not from the lead's sum.
    let summed_in_lead = a.lead && ia.sub_event_type == ib.sub_event_type && places == Some(true);
    let opens = match b.opener {
        Opener::NewEvent => (!b.refers_back || b.own_place) && !summed_in_lead,
        // "كما" adds more of the same as often as another event: only a
        // site of its own tells, and the places rule has judged that.
        Opener::Also => false,
        Opener::None => false,
    };
    if opens {
        return Relation::Distinct("a new event opens");
    }
    let same_kind = family(ia.sub_event_type) == family(ib.sub_event_type);
    // A report told only by referring back ("وبعد الهجوم…") adds no event.
    if b.weak_coding && b.refers_back && (same_kind || places != Some(false)) {
        return Relation::Same("refers back");
    }
    if b.refers_back && (same_kind || b.weak_coding) && places != Some(false) {
        return Relation::Same("refers back");
    }
    // "…توجهت إلى موقع الضربة، وعثرت على جثث الإرهابيين وأسلحة": what was
    // found where the event struck is part of it (arrests are not).
    let found_there = ib.sub_event_type == SubEventType::DisruptedWeaponsUse && ia.event_type().is_violent();
    if b.refers_back && found_there && places != Some(false) && b.opener == Opener::None {
        return Relation::Same("refers back");
    }
    if a.day.is_none() && b.days_back.is_some_and(|d| d >= EARLIER_DAYS) {
        return Relation::Distinct("an earlier event");
    }
    // "…وهي الموقع الذي شهد قبل أيام ضربة جوية": another kind of event
    // days before a report of the day is another event.
    let other_type = ia.sub_event_type != ib.sub_event_type;
    if a.day.is_none() && other_type && b.days_back.is_some_and(|d| d >= EARLIER_DAYS_OTHER_KIND) {
        return Relation::Distinct("an earlier event of another kind");
    }
    if !same_kind {
        return Relation::Distinct("unrelated kinds of event");
    }
    let same_type = ia.sub_event_type == ib.sub_event_type;
    // A headline sums up: it restates a body report of its kind at its
    // place, or of its very type.
    if (a.zone.restates() || b.zone.restates()) && a.zone != b.zone && (same_type || places == Some(true)) {
        return Relation::Same(RESTATES);
    }
    let figures = |x: u32, y: u32| x > 0 && x == y;
    if figures(ia.fatalities, ib.fatalities) || figures(ia.arrests, ib.arrests) {
        return Relation::Same("the same figures");
    }
    let same_day = stated_day(a).is_some() && stated_day(a) == stated_day(b);
    let both_dated = a.day.is_some() && b.day.is_some();
    if places == Some(true) && (same_day || (same_type && ia.place == ib.place && !both_dated)) {
        return Relation::Same("the same place");
    }
    let near = ib.sentence_index.saturating_sub(ia.sentence_index) <= 2;
    // Two headline lines may sum up two events; details are in the body.
    let told = (a.zone == Zone::Body && b.zone == Zone::Body) || ia.sub_event_type == ib.sub_event_type;
    // A detail may tell what followed (an explosion, then clashes); one
    // that adds ("كما اختطف مسلحون…") another kind of event tells another.
    let adds_another_kind = b.opener == Opener::Also && !same_type && !a.weak_coding && !b.weak_coding;
    // Nor one naming a site of its own away from where the report before
    // was placed ("وفي الطبقة هاجم مسلحون…").
    let moves_on = b.own_place && !same_type && places_agree(g, ia, ib) == Some(false);
    if near && told && !adds_another_kind && !moves_on && b.opener != Opener::NewEvent {
        return Relation::Same(DETAIL);
    }
    Relation::Unknown
}

/// Group an article's reports into events (see the module's rules) and
/// merge each group into one incident, in order of first report.
pub fn merge_reports(g: &Gazetteer, mut reports: Vec<Report>) -> Vec<Incident> {
    let lead = reports.iter().filter(|r| r.zone == Zone::Body).map(|r| r.incident.sentence_index).min();
    for r in &mut reports {
        r.lead = r.zone == Zone::Body && Some(r.incident.sentence_index) == lead;
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for b in 0..reports.len() {
        match joining_group(g, &reports, &groups, b) {
            Some(i) => groups[i].push(b),
            None => groups.push(vec![b]),
        }
    }
    // A headline or caption that joined no body report of its kind sums
    // up what the body tells another way: it adds no event of its own.
    let body_kinds: Vec<u8> =
        reports.iter().filter(|r| r.zone == Zone::Body).map(|r| family(r.incident.sub_event_type)).collect();
    groups.retain(|group| {
        let restated = group.iter().all(|&i| reports[i].zone.restates());
        !restated || !group.iter().any(|&i| body_kinds.contains(&family(reports[i].incident.sub_event_type)))
    });
    groups.into_iter().map(|group| merge_group(g, group.iter().map(|&i| &reports[i]).collect())).collect()
}

/// The group report `b` joins: the one that says most firmly it is the
/// same event, among equals the nearest. Groups are looked at from the
/// nearest back, so a firm link there ends the search (as long articles
/// need: most reports join the event just told).
fn joining_group(g: &Gazetteer, reports: &[Report], groups: &[Vec<usize>], b: usize) -> Option<usize> {
    let mut detail = None;
    for i in (0..groups.len()).rev() {
        match join_strength(g, reports, &groups[i], b) {
            Some(1..) => return Some(i),
            Some(_) => detail = detail.or(Some(i)),
            None => {}
        }
    }
    detail
}

/// How firmly `group` says report `b` tells its event, or `None` when
/// no member says so or one that may keeps it out. A detail sentence
/// next to a report is the weakest link: a back-reference, equal figures,
/// or the same place elsewhere outweigh it (and a headline's summing up) ("…شهد
/// قبل أيام ضربة جوية". "…انفجرت إحدى العبوات، ما أدى إلى مقتل اثنين"
/// belongs to the lead's "مقتل عنصرين بانفجار عبوة").
fn join_strength(g: &Gazetteer, reports: &[Report], group: &[usize], b: usize) -> Option<u8> {
    let mut strength = None;
    for &a in group {
        match relation(g, &reports[a], &reports[b]) {
            Relation::Distinct(_) if can_keep_out(&reports[a], &reports[b]) => return None,
            Relation::Same(why) => strength = strength.max(Some(u8::from(why != DETAIL && why != RESTATES))),
            _ => {}
        }
    }
    strength
}

/// True when member `a` of a group may keep report `b` out of it. A
/// member that only restates ("وبعد الهجوم…") tells nothing of the event's
/// kind or site; nor does a headline or caption of a body report: it sums
/// up ("قصف تركي على دهوك") where the body tells the village.
fn can_keep_out(a: &Report, b: &Report) -> bool {
    let sums_up = a.zone.restates() && b.zone == Zone::Body;
    !(a.weak_coding || sums_up)
}

/// One incident from the reports of one event: the coding of the
/// strongest reports by ACLED precedence, the most precise place, the
/// best-founded date, the lowest stated figures, and the evidence of the
/// best report with the others listed.
fn merge_group(g: &Gazetteer, group: Vec<&Report>) -> Incident {
    let best = best_report(&group);
    let mut out = group[best].incident.clone();
    out.sub_event_type = merged_coding(&group, best);
    // The date the event's own reports state beats one inherited from a
    // date line or an earlier sentence.
    if let Some(dated) =
        group.iter().filter(|r| r.day.is_some() && r.incident.date.is_some()).min_by_key(|r| r.zone != Zone::Body)
    {
        out.date = dated.incident.date;
    }
    let own_date = group.iter().any(|r| r.day.is_some() && r.incident.date.is_some());
    // The body's places first: a headline's place ("قصف على دهوك") only
    // refines one the body leaves coarser.
    let mut tellers = group.clone();
    tellers.sort_by_key(|r| r.zone.restates());
    for r in &tellers {
        // A restatement's place ("وبعد الهجوم، وصلت تعزيزات إلى X") may be
        // where something else happened: it only refines a place it agrees
        // with ("الانفجار وقع في قرية X" after "بريف دير الزور").
        let restates = r.weak_coding && r.refers_back;
        if !restates || out.place.is_none() || places_agree(g, &out, &r.incident) == Some(true) {
            merge_place(&mut out, &r.incident);
        }
        if !own_date {
            merge_date(&mut out, &r.incident);
        }
        merge_people(&mut out, &r.incident);
    }
    refine_by_details(g, &mut out, &group);
    out.evidence_other =
        group.iter().enumerate().filter(|(i, _)| *i != best).map(|(_, r)| r.incident.evidence.clone()).collect();
    if group.len() > 1 {
        out.confidence = (out.confidence + 0.05).min(0.95);
    }
    out
}

/// A governorate-wide place gives way to a finer site inside it that the
/// sentence before one of the event's placeless reports names.
fn refine_by_details(g: &Gazetteer, out: &mut Incident, group: &[&Report]) {
    if out.geo_precision.is_none_or(|p| p < GeoPrecision::Region) {
        return;
    }
    for m in group.iter().filter_map(|r| r.detail_place.as_ref()) {
        let mut detail = out.clone();
        detail.set_place(g, m);
        if places_agree(g, out, &detail) == Some(true) {
            merge_place(out, &detail);
        }
    }
}

/// The coding of a merged event: the coding of the report that tells it
/// best, among those that tell it afresh (a report referring back tells
/// its outcome, not its kind; a headline sums it up). Fighting told in
/// another sentence is as often another event, or the same one seen from
/// elsewhere, as a turn of this one: it does not recode the event.
fn merged_coding(group: &[&Report], best: usize) -> SubEventType {
    let fresh = |r: &Report| !r.weak_coding && !r.refers_back && r.zone == Zone::Body;
    let lead = if fresh(group[best]) { best } else { (0..group.len()).find(|&i| fresh(group[i])).unwrap_or(best) };
    let coding = group[lead].incident.sub_event_type;
    // An explosion that another report says a suicide attacker set off
    // ("فجّر سترته الناسفة") is a suicide bombing: the finer kind wins.
    let suicide = group.iter().any(|r| r.incident.sub_event_type == SubEventType::SuicideBomb);
    if coding == SubEventType::RemoteExplosiveLandmineIed && suicide {
        return SubEventType::SuicideBomb;
    }
    coding
}

/// The report whose sentence best tells the event: a body report naming
/// its own place, then any body report, then the first.
fn best_report(group: &[&Report]) -> usize {
    let rank = |r: &Report| (r.zone != Zone::Body, !r.own_place, r.weak_coding);
    (0..group.len()).min_by_key(|&i| (rank(group[i]), i)).unwrap_or(0)
}

/// Keep the more precise of two places (any place is more precise than
/// none).
fn merge_place(into: &mut Incident, other: &Incident) {
    let finer = match (other.geo_precision, into.geo_precision) {
        (Some(o), Some(i)) => o < i,
        (o, _) => o.is_some() && into.place.is_none(),
    };
    if finer && other.place.is_some() {
        into.place = other.place;
        into.geo_precision = other.geo_precision;
        into.loc_level = other.loc_level;
        into.location_ar = other.location_ar.clone();
        into.country = other.country.clone();
    }
}

/// Keep the best-founded date: stated over relative over the publication
/// date; the more precise of two alike.
fn merge_date(into: &mut Incident, other: &Incident) {
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
}

/// Fill actors the kept report lacks; keep the lowest stated figures
/// (ACLED: the lowest reported figure, among reports that state one).
fn merge_people(into: &mut Incident, other: &Incident) {
    if into.actor1.is_none() {
        into.actor1 = other.actor1.clone();
    }
    if into.actor2.is_none() && other.actor2 != into.actor1 {
        into.actor2 = other.actor2.clone();
    }
    into.fatalities = min_stated(into.fatalities, other.fatalities);
    into.arrests = min_stated(into.arrests, other.arrests);
    into.confidence = into.confidence.max(other.confidence);
}

/// The lower of two figures, where 0 means "not stated".
pub(super) fn min_stated(a: u32, b: u32) -> u32 {
    match (a, b) {
        (0, x) | (x, 0) => x,
        (x, y) => x.min(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acled::{EventType, TimePrecision};
    use crate::incidents::{Coding, Date, FoundDate};

    fn gaz() -> Gazetteer {
        Gazetteer::builtin().expect("gazetteer")
    }

    fn report(g: &Gazetteer, sentence: usize, place: Option<&str>, day: Option<u32>, ty: SubEventType) -> Report {
        let mut i = Incident::new(Coding { sub_event_type: ty, state_acts: false }, "a.txt", "نص", 0);
        i.sentence_index = sentence;
        if let Some(id) = place {
            i.place = g.places().iter().position(|p| p.id == id).map(|x| x as u32);
            i.geo_precision = Some(GeoPrecision::Town);
        }
        i.date = day.map(|d| FoundDate {
            date: Date::new(2025, 10, d).expect("date"),
            precision: TimePrecision::Day,
            basis: DateBasis::Explicit,
        });
        let day = i.date.map(|d| d.date.to_days());
        // Reported the day after, unless a test says otherwise.
        let days_back = day.map(|_| 1);
        Report {
            incident: i,
            zone: Zone::Body,
            refers_back: false,
            weak_coding: false,
            opener: Opener::None,
            ordinal: None,
            day,
            days_back,
            anchored: false,
            weekday: None,
            lead: false,
            own_place: place.is_some(),
            detail_place: None,
        }
    }

    const BUSAYRAH: &str = "gn:173927";
    const QAMISHLI: &str = "gn:173377";

    #[test]
    fn different_stated_dates_are_two_events() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::Arrests);
        let b = report(&g, 2, Some(BUSAYRAH), Some(9), SubEventType::Arrests);
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("different dates"));
    }

    #[test]
    fn an_undated_weekday_and_a_written_date_of_that_weekday_may_be_one_day() {
        let g = gaz();
        // In an undated article "السبت" is counted from an anchor: its day
        // number says nothing against "السبت 6 أغسطس".
        let mut a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::AirDroneStrike);
        (a.anchored, a.weekday) = (true, Some(6));
        let mut b = report(&g, 2, Some(BUSAYRAH), Some(9), SubEventType::AirDroneStrike);
        b.weekday = Some(6);
        assert_ne!(relation(&g, &a, &b), Relation::Distinct("different dates"));
        b.weekday = Some(1);
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("different dates"));
    }

    #[test]
    fn a_toll_updated_on_a_later_day_is_the_same_event() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::ArmedClash);
        let mut b = report(&g, 4, Some(BUSAYRAH), Some(4), SubEventType::ArmedClash);
        (b.weak_coding, b.refers_back) = (true, true);
        assert_ne!(relation(&g, &a, &b), Relation::Distinct("different dates"));
    }

    #[test]
    fn a_new_event_opener_does_not_part_a_report_from_the_lead_that_sums_it() {
        let g = gaz();
        let mut a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::Arrests);
        a.lead = true;
        let mut b = report(&g, 5, Some(BUSAYRAH), None, SubEventType::Arrests);
        b.opener = Opener::NewEvent;
        assert_ne!(relation(&g, &a, &b), Relation::Distinct("a new event opens"));
        a.lead = false;
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("a new event opens"));
    }

    #[test]
    fn enumeration_is_two_events() {
        let g = gaz();
        let mut a = report(&g, 1, None, None, SubEventType::Arrests);
        let mut b = report(&g, 1, None, None, SubEventType::Arrests);
        (a.ordinal, b.ordinal) = (Some(1), Some(2));
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("enumerated apart"));
    }

    #[test]
    fn places_apart_are_two_events() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::Arrests);
        let b = report(&g, 2, Some(QAMISHLI), None, SubEventType::Arrests);
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("different places"));
    }

    #[test]
    fn an_inherited_place_is_no_evidence_of_another_site() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::Arrests);
        let mut b = report(&g, 2, Some(QAMISHLI), None, SubEventType::Arrests);
        b.own_place = false;
        assert_eq!(relation(&g, &a, &b), Relation::Same("a detail of the report before"));
    }

    #[test]
    fn the_same_place_needs_the_same_sub_event_type() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::DisruptedWeaponsUse);
        let b = report(&g, 7, Some(BUSAYRAH), Some(3), SubEventType::Arrests);
        assert_eq!(relation(&g, &a, &b), Relation::Unknown);
        let c = report(&g, 7, Some(BUSAYRAH), Some(3), SubEventType::DisruptedWeaponsUse);
        assert_eq!(relation(&g, &a, &c), Relation::Same("the same place"));
    }

    #[test]
    fn opener_with_a_new_place_is_a_new_event() {
        let g = gaz();
        let a = report(&g, 1, None, None, SubEventType::Arrests);
        let mut b = report(&g, 2, Some(QAMISHLI), None, SubEventType::Arrests);
        b.opener = Opener::NewEvent;
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("a new event opens"));
    }

    #[test]
    fn a_report_of_weeks_before_is_another_event() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::Arrests);
        let mut b = report(&g, 2, None, Some(10), SubEventType::Arrests);
        b.days_back = Some(14);
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("an earlier event"));
    }

    #[test]
    fn another_kind_days_before_a_report_of_the_day_is_another_event() {
        let g = gaz();
        let a = report(&g, 1, None, None, SubEventType::RemoteExplosiveLandmineIed);
        let mut strike = report(&g, 2, Some(BUSAYRAH), Some(10), SubEventType::AirDroneStrike);
        strike.days_back = Some(3);
        assert_eq!(relation(&g, &a, &strike), Relation::Distinct("an earlier event of another kind"));
        let mut same_kind = report(&g, 2, Some(BUSAYRAH), Some(10), SubEventType::RemoteExplosiveLandmineIed);
        same_kind.days_back = Some(3);
        assert!(matches!(relation(&g, &a, &same_kind), Relation::Same(_)));
    }

    #[test]
    fn what_is_found_where_the_event_struck_is_part_of_it() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::AirDroneStrike);
        let mut found = report(&g, 2, None, None, SubEventType::DisruptedWeaponsUse);
        found.refers_back = true;
        assert_eq!(relation(&g, &a, &found), Relation::Same("refers back"));
        let mut arrests = report(&g, 2, None, None, SubEventType::Arrests);
        arrests.refers_back = true;
        assert_eq!(relation(&g, &a, &arrests), Relation::Distinct("unrelated kinds of event"));
    }

    #[test]
    fn a_firm_link_outweighs_a_nearer_detail() {
        let g = gaz();
        // The lead: two killed by an IED; then a strike days before; then
        // "one of the charges went off, killing two".
        let mut lead = report(&g, 1, None, None, SubEventType::RemoteExplosiveLandmineIed);
        lead.incident.fatalities = 2;
        let mut strike = report(&g, 2, None, None, SubEventType::AirDroneStrike);
        strike.opener = Opener::NewEvent;
        let mut charge = report(&g, 3, None, None, SubEventType::RemoteExplosiveLandmineIed);
        charge.incident.fatalities = 2;
        let reports = vec![lead, strike, charge];
        let groups = [vec![0], vec![1]];
        assert_eq!(join_strength(&g, &reports, &groups[0], 2), Some(1), "the same figures");
        assert_eq!(join_strength(&g, &reports, &groups[1], 2), Some(0), "a detail");
        assert_eq!(merge_reports(&g, reports).len(), 2);
    }

    #[test]
    fn also_with_another_site_is_another_event() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::Arrests);
        let mut b = report(&g, 5, Some(QAMISHLI), None, SubEventType::Arrests);
        b.opener = Opener::Also;
        b.own_place = true;
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("different places"));
        let mut c = report(&g, 2, None, None, SubEventType::Arrests);
        c.opener = Opener::Also;
        assert_eq!(relation(&g, &a, &c), Relation::Same("a detail of the report before"));
    }

    #[test]
    fn arrests_after_a_bombing_are_another_event() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::RemoteExplosiveLandmineIed);
        let b = report(&g, 2, Some(BUSAYRAH), Some(3), SubEventType::Arrests);
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("unrelated kinds of event"));
    }

    #[test]
    fn back_reference_is_the_same_event() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::RemoteExplosiveLandmineIed);
        let mut b = report(&g, 4, None, None, SubEventType::ArmedClash);
        b.refers_back = true;
        assert_eq!(relation(&g, &a, &b), Relation::Same("refers back"));
    }

    #[test]
    fn headline_restates_the_body() {
        let g = gaz();
        let mut a = report(&g, 0, None, None, SubEventType::ArmedClash);
        a.zone = Zone::Headline;
        let b = report(&g, 3, Some(BUSAYRAH), None, SubEventType::ArmedClash);
        assert_eq!(relation(&g, &a, &b), Relation::Same("headline or caption restates"));
        // A headline of another type, with no place to agree on, says nothing.
        let c = report(&g, 3, Some(BUSAYRAH), None, SubEventType::AbductionForcedDisappearance);
        assert_eq!(relation(&g, &a, &c), Relation::Unknown);
    }

    #[test]
    fn same_figures_are_the_same_event() {
        let g = gaz();
        let mut a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::Arrests);
        let mut b = report(&g, 5, None, None, SubEventType::Arrests);
        (a.incident.arrests, b.incident.arrests) = (8, 8);
        assert_eq!(relation(&g, &a, &b), Relation::Same("the same figures"));
    }

    #[test]
    fn another_kind_at_a_site_of_its_own_is_another_event() {
        let g = gaz();
        let mut a = report(&g, 1, Some(QAMISHLI), None, SubEventType::AbductionForcedDisappearance);
        a.own_place = false;
        let b = report(&g, 2, Some(BUSAYRAH), None, SubEventType::ArmedClash);
        assert_eq!(relation(&g, &a, &b), Relation::Unknown);
    }

    #[test]
    fn another_kind_added_next_to_an_event_is_another_event() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), None, SubEventType::RemoteExplosiveLandmineIed);
        let mut b = report(&g, 2, None, None, SubEventType::AbductionForcedDisappearance);
        b.opener = Opener::Also;
        assert_eq!(relation(&g, &a, &b), Relation::Unknown);
    }

    #[test]
    fn days_stated_a_day_apart_are_two_events() {
        let g = gaz();
        let a = report(&g, 1, None, Some(6), SubEventType::Attack);
        let b = report(&g, 2, None, Some(7), SubEventType::Attack);
        assert_eq!(relation(&g, &a, &b), Relation::Distinct("different dates"));
    }

    #[test]
    fn detail_sentence_joins_its_lead() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::Arrests);
        let b = report(&g, 2, None, None, SubEventType::DisruptedWeaponsUse);
        assert_eq!(relation(&g, &a, &b), Relation::Same("a detail of the report before"));
        let mut within = report(&g, 2, Some(BUSAYRAH), None, SubEventType::DisruptedWeaponsUse);
        within.incident.place = g.places().iter().position(|p| p.id == "gn:170792").map(|x| x as u32);
        within.incident.geo_precision = Some(GeoPrecision::Region);
        assert_eq!(relation(&g, &a, &within), Relation::Same("a detail of the report before"));
        let far = report(&g, 6, None, None, SubEventType::DisruptedWeaponsUse);
        assert_eq!(relation(&g, &a, &far), Relation::Unknown);
    }

    fn mention_of(g: &Gazetteer, id: &str) -> crate::geoparse::ResolvedMention {
        crate::geoparse::ResolvedMention {
            place: g.places().iter().position(|p| p.id == id).map(|x| x as u32),
            geo_precision: Some(GeoPrecision::Town),
            mention: Default::default(),
            candidates: 1,
            confidence: 1.0,
            reason: String::new(),
        }
    }

    #[test]
    fn a_detail_place_refines_only_a_governorate_holding_it() {
        let g = gaz();
        let mut lead = report(&g, 1, Some("gn:170792"), Some(3), SubEventType::SuicideBomb);
        lead.incident.geo_precision = Some(GeoPrecision::Region);
        let mut detail = report(&g, 2, None, None, SubEventType::SuicideBomb);
        detail.detail_place = Some(mention_of(&g, BUSAYRAH));
        let out = merge_reports(&g, vec![lead.clone(), detail.clone()]);
        assert_eq!(out[0].place.map(|p| g.place(p).id.as_str()), Some(BUSAYRAH));
        detail.detail_place = Some(mention_of(&g, QAMISHLI));
        let out = merge_reports(&g, vec![lead, detail]);
        assert_eq!(out[0].place.map(|p| g.place(p).id.as_str()), Some("gn:170792"), "another governorate");
    }

    #[test]
    fn merged_event_takes_the_lead_coding_place_and_every_sentence() {
        let g = gaz();
        let a = report(&g, 1, None, Some(3), SubEventType::RemoteExplosiveLandmineIed);
        let mut b = report(&g, 2, Some(BUSAYRAH), None, SubEventType::ArmedClash);
        b.incident.evidence = "ثم اندلعت اشتباكات".into();
        let out = merge_reports(&g, vec![a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].event_type(), EventType::Battles);
        assert_eq!(out[0].place.map(|p| g.place(p).id.as_str()), Some(BUSAYRAH), "the report naming its site leads");
        assert_eq!(out[0].evidence, "ثم اندلعت اشتباكات");
        assert_eq!(out[0].evidence_other, vec!["نص".to_string()]);
        assert_eq!(out[0].date.map(|d| d.date.day), Some(3));
    }

    #[test]
    fn a_headline_neither_keeps_a_body_report_out_nor_beats_its_place() {
        let g = gaz();
        let mut h = report(&g, 0, Some(QAMISHLI), None, SubEventType::AirDroneStrike);
        h.zone = Zone::Headline;
        let mut lead = report(&g, 2, Some(BUSAYRAH), None, SubEventType::AirDroneStrike);
        lead.incident.geo_precision = Some(GeoPrecision::Region);
        let detail = report(&g, 3, Some(BUSAYRAH), None, SubEventType::AirDroneStrike);
        assert!(!can_keep_out(&h, &detail), "a headline sums up");
        assert!(can_keep_out(&lead, &detail));
        let out = merge_group(&g, vec![&h, &lead, &detail]);
        assert_eq!(
            out.place.map(|p| g.place(p).id.as_str()),
            Some(BUSAYRAH),
            "the body's village, not the headline's town"
        );
    }

    #[test]
    fn a_suicide_attacker_told_later_makes_the_explosion_a_suicide_bombing() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::RemoteExplosiveLandmineIed);
        let b = report(&g, 2, None, None, SubEventType::SuicideBomb);
        let out = merge_reports(&g, vec![a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].sub_event_type, SubEventType::SuicideBomb);
    }

    #[test]
    fn the_lead_codes_the_event() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::AirDroneStrike);
        let b = report(&g, 2, None, None, SubEventType::ArmedClash);
        let out = merge_reports(&g, vec![a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].sub_event_type, SubEventType::AirDroneStrike);
    }

    #[test]
    fn a_headline_alone_with_its_kind_in_the_body_adds_nothing() {
        let g = gaz();
        let mut a = report(&g, 0, Some(QAMISHLI), None, SubEventType::Arrests);
        a.zone = Zone::Headline;
        let b = report(&g, 3, Some(BUSAYRAH), None, SubEventType::Arrests);
        let out = merge_reports(&g, vec![a.clone(), b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].place.map(|p| g.place(p).id.as_str()), Some(BUSAYRAH));
        // With nothing of its kind in the body, the headline is the report.
        let c = report(&g, 3, Some(BUSAYRAH), None, SubEventType::AirDroneStrike);
        assert_eq!(merge_reports(&g, vec![a, c]).len(), 2);
    }

    #[test]
    fn a_distinct_member_keeps_a_report_out() {
        let g = gaz();
        let a = report(&g, 1, Some(BUSAYRAH), Some(3), SubEventType::Arrests);
        let b = report(&g, 2, None, None, SubEventType::Arrests);
        let c = report(&g, 3, Some(BUSAYRAH), Some(9), SubEventType::Arrests);
        assert_eq!(merge_reports(&g, vec![a, b, c]).len(), 2);
    }
}
