//! incidents_acled.csv: the located incidents in ACLED's export format,
//! ACLED's 31 columns in ACLED's order with ACLED's values, so the rows
//! append to an ACLED download (see `/work/shared/docs/REFERENCE.md` and the
//! README's column table).
//!
//! Only what hudud knows is written: a value it cannot know (associated
//! actors, source scale, tags) stays empty rather than guessed.

use super::incidents::{Cell, ColumnType};
use super::CsvLine;
use crate::acled::{ActorType, Country, EventType, TimePrecision};
use crate::gazetteer::{Gazetteer, Place};
use crate::incidents::{actor_type, FoundDate, Incident};
use std::borrow::Cow;
use std::io::Write;

/// The file `hudud map` writes the ACLED rows to.
pub const ACLED_FILE: &str = "incidents_acled.csv";

/// ACLED's export columns, in ACLED's order, with their types (for the
/// `.csvt` sidecar: the coordinates are typed as coordinates so GDAL reads
/// the file as points).
pub const ACLED_COLUMNS: [(&str, ColumnType); 31] = [
    ("event_id_cnty", ColumnType::String),
    ("event_date", ColumnType::Date),
    ("year", ColumnType::Integer),
    ("time_precision", ColumnType::Integer),
    ("disorder_type", ColumnType::String),
    ("event_type", ColumnType::String),
    ("sub_event_type", ColumnType::String),
    ("actor1", ColumnType::String),
    ("assoc_actor_1", ColumnType::String),
    ("inter1", ColumnType::Integer),
    ("actor2", ColumnType::String),
    ("assoc_actor_2", ColumnType::String),
    ("inter2", ColumnType::Integer),
    ("interaction", ColumnType::Integer),
    ("civilian_targeting", ColumnType::String),
    ("iso", ColumnType::Integer),
    ("region", ColumnType::String),
    ("country", ColumnType::String),
    ("admin1", ColumnType::String),
    ("admin2", ColumnType::String),
    ("admin3", ColumnType::String),
    ("location", ColumnType::String),
    ("latitude", ColumnType::CoordY),
    ("longitude", ColumnType::CoordX),
    ("geo_precision", ColumnType::Integer),
    ("source", ColumnType::String),
    ("source_scale", ColumnType::String),
    ("notes", ColumnType::String),
    ("fatalities", ColumnType::Integer),
    ("tags", ColumnType::String),
    ("timestamp", ColumnType::Integer64),
];

/// ACLED's `event_id_cnty`: the country's ISO 3166-1 alpha-3 code and a
/// number, here the 64-bit content hash of hudud's `incident_id`
/// (`inc-<16 hex digits>`) in decimal, so it is unique and the same on
/// every run. `None` for an id hudud did not make.
pub fn event_id_cnty(country: Country, incident_id: &str) -> Option<String> {
    let hex = incident_id.strip_prefix("inc-")?;
    let number = u64::from_str_radix(hex, 16).ok()?;
    Some(format!("{}{number}", country.iso3()))
}

/// ACLED's `timestamp` (Unix time of the row's last change), made
/// deterministic: 00:00 UTC of the event date, so the same input gives the
/// same bytes. hudud cannot know when ACLED would have uploaded the row.
pub fn timestamp(date: &FoundDate) -> i64 {
    date.date.to_days() * 86_400
}

/// ACLED's `civilian_targeting`: true when civilians were the main or only
/// target, i.e. the event is violence against civilians or its second
/// actor is civilians.
pub fn civilian_targeting(inc: &Incident) -> bool {
    let target_is_civilian = inc.actor2.as_ref().and_then(|(name, _)| actor_type(name)) == Some(ActorType::Civilians);
    inc.event_type() == EventType::ViolenceAgainstCivilians || target_is_civilian
}

/// A coordinate to four decimals, as ACLED writes them.
pub fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "On 3 October 2025", "In the week of 3 October 2025", "In October
/// 2025": the opening of the notes, by time precision.
pub fn date_phrase(date: Option<&FoundDate>) -> String {
    let Some(d) = date else { return "On an unknown date".to_string() };
    let month = MONTHS.get(d.date.month.saturating_sub(1) as usize).copied().unwrap_or("");
    match d.precision {
        TimePrecision::Day => format!("On {} {month} {}", d.date.day, d.date.year),
        TimePrecision::Week => format!("In the week of {} {month} {}", d.date.day, d.date.year),
        TimePrecision::Month => format!("In {month} {}", d.date.year),
    }
}

/// ACLED's `notes`: a short English summary made from the coded fields,
/// e.g. "On 3 October 2025, armed clash between ISIS and SDF in Dhiban,
/// Deir ez-Zor, Syria; 2 fatalities."
pub fn notes(inc: &Incident, place: &[&str]) -> String {
    let label = inc.sub_event_type.label();
    let what = match label.split_at_checked(1) {
        Some((first, rest)) => format!("{}{rest}", first.to_lowercase()),
        None => label.to_string(),
    };
    let name = |a: &Option<(String, String)>| a.as_ref().map(|(en, _)| en.clone());
    let actors = match (name(&inc.actor1), name(&inc.actor2)) {
        (Some(a), Some(b)) if inc.event_type() == EventType::Battles => format!(" between {a} and {b}"),
        (Some(a), Some(b)) => format!(" by {a} targeting {b}"),
        (Some(a), None) => format!(" by {a}"),
        (None, Some(b)) => format!(" targeting {b}"),
        (None, None) => String::new(),
    };
    let mut out = format!("{}, {what}{actors}", date_phrase(inc.date.as_ref()));
    let place: Vec<&str> = place.iter().copied().filter(|p| !p.is_empty()).collect();
    if !place.is_empty() {
        out.push_str(" in ");
        out.push_str(&place.join(", "));
    }
    match inc.fatalities {
        0 => {}
        1 => out.push_str("; 1 fatality"),
        n => out.push_str(&format!("; {n} fatalities")),
    }
    if inc.arrests > 0 {
        out.push_str(&format!("; {} arrested", inc.arrests));
    }
    out.push('.');
    out
}

/// The place names of a row: location, then the admin1 to admin3 names
/// ACLED writes (the gazetteer's English names; empty where unknown).
fn place_names<'a>(g: &'a Gazetteer, p: &'a Place) -> [&'a str; 4] {
    let units = g.admin_of(p);
    let unit = |i: usize| units.get(i).copied().flatten().map_or("", |u| u.name_en.as_str());
    [p.name_en.as_str(), unit(0), unit(1), unit(2)]
}

/// The 31 cells of an incident's ACLED row, in [`ACLED_COLUMNS`] order;
/// `None` when ACLED would not hold it: no place below country level (ACLED
/// maps no country-only event), or a country outside the region.
pub fn acled_cells<'a>(g: &'a Gazetteer, inc: &'a Incident) -> Option<Vec<Cell<'a>>> {
    let p = g.place(inc.place?);
    let country = Country::from_iso2(&p.country)?;
    let [location, admin1, admin2, admin3] = place_names(g, p);
    let text = |s: &'a str| Cell::text(s);
    let int = |i: Option<i64>| i.map_or(Cell::Null, Cell::Int);
    let actor = |a: &'a Option<(String, String)>| a.as_ref().map_or(Cell::Null, |(en, _)| text(en));
    let inter = |a: &Option<(String, String)>| a.as_ref().and_then(|(en, _)| actor_type(en));
    let (inter1, inter2) = (inter(&inc.actor1), inter(&inc.actor2));
    let date = inc.date.as_ref();
    let place_line = [location, if admin1 == location { "" } else { admin1 }, country.name()];
    Some(vec![
        event_id_cnty(country, &inc.incident_id).map_or(Cell::Null, |id| Cell::Text(Cow::Owned(id))),
        date.map_or(Cell::Null, |d| Cell::Text(Cow::Owned(d.date.to_string()))),
        int(date.map(|d| i64::from(d.date.year))),
        int(date.map(|d| i64::from(d.precision.code()))),
        text(inc.event_type().disorder_type().label()),
        text(inc.event_type().label()),
        text(inc.sub_event_type.label()),
        actor(&inc.actor1),
        Cell::Null,
        int(inter1.map(|t| i64::from(t.code()))),
        actor(&inc.actor2),
        Cell::Null,
        int(inter2.map(|t| i64::from(t.code()))),
        int(ActorType::interaction(inter1, inter2).map(i64::from)),
        if civilian_targeting(inc) { text("Civilian targeting") } else { Cell::Null },
        Cell::Int(i64::from(country.iso_numeric())),
        text(country.region()),
        text(country.name()),
        text(admin1),
        text(admin2),
        text(admin3),
        text(location),
        Cell::Real(round4(p.lat)),
        Cell::Real(round4(p.lon)),
        int(inc.geo_precision.map(|g| i64::from(g.code()))),
        Cell::Text(Cow::Owned(inc.sources.join("; "))),
        Cell::Null,
        Cell::Text(Cow::Owned(notes(inc, &place_line))),
        Cell::Int(i64::from(inc.fatalities)),
        Cell::Null,
        int(date.map(timestamp)),
    ])
}

/// Append the incident's ACLED row to `out` (nothing when [`acled_cells`]
/// leaves it out). Text cells that start like a formula are neutralised as
/// in every CSV hudud writes.
pub fn write_acled_row(out: &mut Vec<u8>, g: &Gazetteer, inc: &Incident) {
    let Some(cells) = acled_cells(g, inc) else { return };
    let mut line = CsvLine::new(out);
    cells.iter().for_each(|c| c.write_csv(&mut line));
    line.end();
}

/// The header line of incidents_acled.csv: ACLED's column names.
pub fn write_acled_header(w: &mut dyn Write) -> std::io::Result<()> {
    let names: Vec<&str> = ACLED_COLUMNS.iter().map(|(n, _)| *n).collect();
    w.write_all(names.join(",").as_bytes())?;
    w.write_all(b"\n")
}

/// The `.csvt` sidecar of incidents_acled.csv.
pub fn acled_csvt() -> String {
    super::incidents::csvt_line(ACLED_COLUMNS.iter().map(|(_, t)| *t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acled::{GeoPrecision, SubEventType};
    use crate::gazetteer::PlaceIdx;
    use crate::incidents::{Coding, Date, DateBasis};

    fn found(y: i32, m: u32, d: u32, precision: TimePrecision) -> FoundDate {
        FoundDate { date: Date::new(y, m, d).unwrap(), precision, basis: DateBasis::Explicit }
    }

    fn incident(sub: SubEventType) -> Incident {
        Incident::new(Coding { sub_event_type: sub, state_acts: false }, "a.txt", "نص", 0)
    }

    #[test]
    fn event_id_is_the_iso3_code_and_the_hash_in_decimal() {
        assert_eq!(event_id_cnty(Country::Syria, "inc-00000000000000ff").as_deref(), Some("SYR255"));
        assert_eq!(event_id_cnty(Country::Iraq, "inc-ffffffffffffffff").as_deref(), Some("IRQ18446744073709551615"));
        assert_eq!(event_id_cnty(Country::Iraq, "not-an-id"), None);
        assert_eq!(event_id_cnty(Country::Iraq, "inc-xyz"), None);
    }

    #[test]
    fn timestamp_is_midnight_utc_of_the_event_date() {
        assert_eq!(timestamp(&found(1970, 1, 2, TimePrecision::Day)), 86_400);
        assert_eq!(timestamp(&found(2025, 10, 3, TimePrecision::Week)), 1_759_449_600);
    }

    #[test]
    fn civilians_targeted_by_type_or_by_target() {
        assert!(civilian_targeting(&incident(SubEventType::Attack)));
        let mut strike = incident(SubEventType::AirDroneStrike);
        assert!(!civilian_targeting(&strike));
        strike.actor2 = Some(("Civilians".into(), "مدنيين".into()));
        assert!(civilian_targeting(&strike));
        strike.actor2 = Some(("ISIS".into(), "داعش".into()));
        assert!(!civilian_targeting(&strike));
    }

    #[test]
    fn coordinates_to_four_decimals() {
        assert_eq!(round4(40.451_54), 40.4515);
        assert_eq!(round4(-0.000_04), -0.0);
        assert_eq!(round4(35.01982), 35.0198);
    }

    #[test]
    fn date_phrase_follows_the_precision() {
        assert_eq!(date_phrase(Some(&found(2025, 10, 3, TimePrecision::Day))), "On 3 October 2025");
        assert_eq!(date_phrase(Some(&found(2025, 1, 15, TimePrecision::Week))), "In the week of 15 January 2025");
        assert_eq!(date_phrase(Some(&found(2025, 12, 15, TimePrecision::Month))), "In December 2025");
        assert_eq!(date_phrase(None), "On an unknown date");
    }

    #[test]
    fn notes_summarise_the_fields() {
        let mut clash = incident(SubEventType::ArmedClash);
        clash.date = Some(found(2025, 10, 3, TimePrecision::Day));
        clash.actor1 = Some(("ISIS".into(), "داعش".into()));
        clash.actor2 = Some(("SDF".into(), "قسد".into()));
        clash.fatalities = 2;
        assert_eq!(
            notes(&clash, &["Dhiban", "Deir ez-Zor", "Syria"]),
            "On 3 October 2025, armed clash between ISIS and SDF in Dhiban, Deir ez-Zor, Syria; 2 fatalities."
        );
        let mut arrests = incident(SubEventType::Arrests);
        arrests.actor1 = Some(("SDF".into(), "قسد".into()));
        arrests.arrests = 5;
        assert_eq!(notes(&arrests, &["", "", "Iraq"]), "On an unknown date, arrests by SDF in Iraq; 5 arrested.");
        let mut ied = incident(SubEventType::RemoteExplosiveLandmineIed);
        ied.actor2 = Some(("Civilians".into(), "مدنيين".into()));
        ied.fatalities = 1;
        assert_eq!(
            notes(&ied, &[]),
            "On an unknown date, remote explosive/landmine/IED targeting Civilians; 1 fatality."
        );
    }

    #[test]
    fn a_located_incident_fills_every_column_hudud_knows() {
        let g = Gazetteer::builtin().unwrap();
        let idx =
            g.places().iter().position(|p| p.admin1 == "SY-DY" && p.feature_type != "admin1").map(|i| i as PlaceIdx);
        let mut inc = incident(SubEventType::AirDroneStrike);
        inc.place = idx;
        inc.geo_precision = Some(GeoPrecision::Town);
        inc.date = Some(found(2025, 10, 3, TimePrecision::Day));
        inc.actor1 = Some(("International coalition".into(), "التحالف الدولي".into()));
        inc.actor2 = Some(("ISIS".into(), "داعش".into()));
        inc.assign_id(&g);
        let cells = acled_cells(&g, &inc).expect("a located Syrian incident has a row");
        let cell = |name: &str| cells[ACLED_COLUMNS.iter().position(|(n, _)| *n == name).unwrap()].clone();
        let text = |s: &str| Cell::Text(Cow::Owned(s.to_string()));
        assert_eq!(cells.len(), 31);
        assert!(matches!(cell("event_id_cnty"), Cell::Text(ref s) if s.starts_with("SYR")));
        assert_eq!(cell("year"), Cell::Int(2025));
        assert_eq!(cell("disorder_type"), text("Political violence"));
        assert_eq!((cell("inter1"), cell("inter2"), cell("interaction")), (Cell::Int(8), Cell::Int(2), Cell::Int(28)));
        assert_eq!(
            (cell("iso"), cell("region"), cell("country")),
            (Cell::Int(760), text("Middle East"), text("Syria"))
        );
        assert_eq!(cell("admin1"), text("Deir ez-Zor"));
        assert_eq!((cell("assoc_actor_1"), cell("source_scale"), cell("tags")), (Cell::Null, Cell::Null, Cell::Null));
        assert_eq!(cell("civilian_targeting"), Cell::Null);
        assert_eq!(cell("timestamp"), Cell::Int(1_759_449_600));
        inc.place = None;
        assert!(acled_cells(&g, &inc).is_none(), "an unlocated incident has no ACLED row");
    }

    #[test]
    fn csvt_types_every_column() {
        let line = acled_csvt();
        assert_eq!(line.trim().split(',').count(), ACLED_COLUMNS.len());
        assert!(line.contains("\"CoordY\",\"CoordX\""), "{line}");
    }
}
