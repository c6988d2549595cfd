//! The incidents layer, as GeoJSON and as CSV (with a QGIS `.csvt`).
//!
//! Both formats share one flat schema, [`INCIDENT_COLUMNS`], so a column
//! means the same thing in QGIS, a spreadsheet and a script.

use super::csv_line::{any_byte, push_decimal};
use super::{round6, CsvLine, GpkgRow};
use crate::gazetteer::{AdminUnit, Gazetteer};
use crate::incidents::Incident;
use geojson::{Feature, Geometry, JsonObject, JsonValue};
use rusqlite::types::Value as SqlValue;
use std::borrow::Cow;
use std::io::Write;

/// Column types, as GDAL's `.csvt` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    String,
    /// Whole number.
    Integer,
    /// Decimal number.
    Real,
    /// `YYYY-MM-DD`.
    Date,
    /// Whole number that may not fit 32 bits (Unix times).
    Integer64,
    /// Longitude of the row's point.
    CoordX,
    /// Latitude of the row's point.
    CoordY,
}

impl ColumnType {
    /// GDAL's name of the type, as a `.csvt` file writes it.
    pub fn csvt(self) -> &'static str {
        match self {
            ColumnType::String => "String",
            ColumnType::Integer => "Integer",
            ColumnType::Real => "Real",
            ColumnType::Date => "Date",
            ColumnType::Integer64 => "Integer64",
            ColumnType::CoordX => "CoordX",
            ColumnType::CoordY => "CoordY",
        }
    }
}

/// A `.csvt` line: the quoted type names, comma-separated.
pub fn csvt_line(types: impl Iterator<Item = ColumnType>) -> String {
    let quoted: Vec<String> = types.map(|t| format!("\"{}\"", t.csvt())).collect();
    format!("{}\n", quoted.join(","))
}

/// The incident properties, in output order, with their types.
pub const INCIDENT_COLUMNS: &[(&str, ColumnType)] = &[
    ("incident_id", ColumnType::String),
    ("event_date", ColumnType::Date),
    ("time_precision", ColumnType::Integer),
    ("date_basis", ColumnType::String),
    ("event_type", ColumnType::String),
    ("sub_event_type", ColumnType::String),
    ("actor1", ColumnType::String),
    ("actor2", ColumnType::String),
    ("actor1_ar", ColumnType::String),
    ("actor2_ar", ColumnType::String),
    ("country", ColumnType::String),
    ("admin1", ColumnType::String),
    ("admin1_name", ColumnType::String),
    ("admin1_ar", ColumnType::String),
    ("admin1_pcode", ColumnType::String),
    ("admin2_name", ColumnType::String),
    ("admin2_ar", ColumnType::String),
    ("admin2_pcode", ColumnType::String),
    ("admin3_name", ColumnType::String),
    ("admin3_ar", ColumnType::String),
    ("admin3_pcode", ColumnType::String),
    ("location", ColumnType::String),
    ("location_ar", ColumnType::String),
    ("gazetteer_id", ColumnType::String),
    ("geonameid", ColumnType::Integer),
    ("geo_precision", ColumnType::Integer),
    ("loc_level", ColumnType::Integer),
    ("fatalities", ColumnType::Integer),
    ("arrests", ColumnType::Integer),
    ("source", ColumnType::String),
    ("sources_count", ColumnType::Integer),
    ("evidence", ColumnType::String),
    ("evidence_start", ColumnType::Integer),
    ("evidence_end", ColumnType::Integer),
    ("evidence_other", ColumnType::String),
    ("confidence", ColumnType::Real),
    ("border_distance_km", ColumnType::Real),
    ("border_side", ColumnType::String),
];

/// One property value, borrowed from the incident or the gazetteer where
/// it can be (the layers of a corpus hold millions of them).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// No value (JSON `null`, an empty CSV cell).
    Null,
    /// Text.
    Text(Cow<'a, str>),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Real(f64),
}

impl Cell<'_> {
    /// Text, or [`Cell::Null`] when empty.
    pub fn text(s: &str) -> Cell<'_> {
        if s.is_empty() {
            Cell::Null
        } else {
            Cell::Text(Cow::Borrowed(s))
        }
    }

    /// As a JSON value (non-finite numbers become `null`, as in serde_json).
    pub fn json(&self) -> JsonValue {
        match self {
            Cell::Null => JsonValue::Null,
            Cell::Text(s) => JsonValue::from(s.as_ref()),
            Cell::Int(i) => JsonValue::from(*i),
            Cell::Real(f) => JsonValue::from(*f),
        }
    }

    /// Append the value as serde_json writes it.
    pub(super) fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        match self {
            Cell::Null => {
                out.extend_from_slice(b"null");
                Ok(())
            }
            Cell::Text(s) => write_json_str(out, s),
            Cell::Int(i) => serde_json::to_writer(out, i),
            Cell::Real(f) => serde_json::to_writer(out, f),
        }
    }

    /// Add the CSV cell: what the JSON value shows, without quotes; empty for null.
    pub fn write_csv(&self, line: &mut CsvLine) {
        match self {
            Cell::Null => line.text(""),
            Cell::Text(s) => line.text(s),
            Cell::Int(i) => line.integer(*i),
            Cell::Real(f) if f.is_finite() => {
                let mut json = Vec::with_capacity(24);
                match serde_json::to_writer(&mut json, f) {
                    Ok(()) => line.plain(&json),
                    Err(_) => line.text(""),
                }
            }
            Cell::Real(_) => line.text(""),
        }
    }
}

/// `s` as a JSON string, as serde_json writes it: most text needs no
/// escape at all and is copied whole.
fn write_json_str(out: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    if any_byte(s.as_bytes(), |b| b < 0x20 || b == b'"' || b == b'\\') {
        return serde_json::to_writer(out, s);
    }
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
    Ok(())
}

/// The flat property values of an incident, in [`INCIDENT_COLUMNS`] order.
pub fn incident_cells<'a>(g: &'a Gazetteer, inc: &'a Incident) -> Vec<Cell<'a>> {
    let place = inc.place.map(|p| g.place(p));
    let opt = |s: Option<&'a str>| s.map_or(Cell::Null, Cell::text);
    let actor = |a: &'a Option<(String, String)>, arabic: bool| {
        opt(a.as_ref().map(|(en, ar)| if arabic { ar.as_str() } else { en.as_str() }))
    };
    let int = |i: Option<i64>| i.map_or(Cell::Null, Cell::Int);
    let sources = match inc.sources.as_slice() {
        [one] => Cow::Borrowed(one.as_str()),
        many => Cow::Owned(many.join("; ")),
    };
    let units = place.map_or([None; 3], |p| g.admin_of(p));
    let mut cells = vec![
        Cell::Text(Cow::Borrowed(&inc.incident_id)),
        inc.event_date().map_or(Cell::Null, |d| Cell::Text(Cow::Owned(d))),
        int(inc.date.map(|d| i64::from(d.precision.code()))),
        inc.date.map_or(Cell::Null, |d| Cell::Text(Cow::Borrowed(d.basis.label()))),
        Cell::Text(Cow::Borrowed(inc.event_type().label())),
        Cell::Text(Cow::Borrowed(inc.sub_event_type.label())),
        actor(&inc.actor1, false),
        actor(&inc.actor2, false),
        actor(&inc.actor1, true),
        actor(&inc.actor2, true),
        Cell::text(&inc.country),
        opt(place.map(|p| p.admin1.as_str())),
    ];
    cells.extend(admin_cells(units));
    cells.extend([
        opt(place.map(|p| p.name_en.as_str())),
        Cell::text(&inc.location_ar),
        opt(place.map(|p| p.id.as_str())),
        int(place.and_then(|p| p.geonameid).map(|id| id as i64)),
        int(inc.geo_precision.map(|p| i64::from(p.code()))),
        Cell::Int(i64::from(inc.loc_level.code())),
        Cell::Int(i64::from(inc.fatalities)),
        Cell::Int(i64::from(inc.arrests)),
        Cell::Text(sources),
        Cell::Int(inc.sources.len() as i64),
        Cell::Text(Cow::Borrowed(&inc.evidence)),
        Cell::Int(inc.evidence_start as i64),
        Cell::Int(inc.evidence_end as i64),
        // The other sentences that tell the same event, in text order.
        if inc.evidence_other.is_empty() { Cell::Null } else { Cell::Text(Cow::Owned(inc.evidence_other.join(" | "))) },
        Cell::Real(inc.confidence),
        inc.border_distance_km.map_or(Cell::Null, Cell::Real),
        Cell::text(&inc.border_side),
    ]);
    cells
}

/// English name, Arabic name and P-code of each of a place's three
/// administrative units (empty where unknown).
pub fn admin_cells(units: [Option<&AdminUnit>; 3]) -> impl Iterator<Item = Cell<'_>> {
    units.into_iter().flat_map(|u| match u {
        Some(u) => [Cell::text(&u.name_en), Cell::text(&u.name_ar), Cell::text(&u.pcode)],
        None => [Cell::Null, Cell::Null, Cell::Null],
    })
}

/// The flat property values of an incident, in [`INCIDENT_COLUMNS`] order.
pub fn incident_values(g: &Gazetteer, inc: &Incident) -> Vec<JsonValue> {
    incident_cells(g, inc).iter().map(Cell::json).collect()
}

/// One GeoJSON feature for an incident (null geometry when unlocated).
pub fn incident_feature(g: &Gazetteer, inc: &Incident) -> Feature {
    feature_of(g, inc, &incident_values(g, inc))
}

/// The bytes `serde_json` writes for [`incident_feature`], without
/// building the property map (the layers of a corpus hold millions).
fn write_feature_json(out: &mut Vec<u8>, g: &Gazetteer, inc: &Incident, cells: &[Cell]) -> std::io::Result<()> {
    out.extend_from_slice(b"{\"type\":\"Feature\",\"geometry\":");
    match inc.place.map(|p| g.place(p)) {
        Some(p) => {
            out.extend_from_slice(b"{\"type\":\"Point\",\"coordinates\":");
            serde_json::to_writer(&mut *out, &[round6(p.lon), round6(p.lat)])?;
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"properties\":{");
    for (i, ((name, _), v)) in INCIDENT_COLUMNS.iter().zip(cells).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Column names are plain ASCII: nothing to escape.
        out.push(b'"');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
        v.write_json(out)?;
    }
    out.extend_from_slice(b"}}");
    Ok(())
}

fn feature_of(g: &Gazetteer, inc: &Incident, values: &[JsonValue]) -> Feature {
    let mut props = JsonObject::new();
    for ((name, _), v) in INCIDENT_COLUMNS.iter().zip(values) {
        props.insert((*name).to_string(), v.clone());
    }
    let geometry = inc.place.map(|p| {
        let p = g.place(p);
        Geometry::new_point(vec![round6(p.lon), round6(p.lat)])
    });
    Feature { bbox: None, geometry, id: None, properties: Some(props), foreign_members: None }
}

/// Write incidents as CSV: the schema plus `longitude`, `latitude` and `wkt`.
/// `bom` prefixes a UTF-8 byte-order mark for spreadsheet double-click.
pub fn write_incidents_csv(w: &mut dyn Write, g: &Gazetteer, incidents: &[Incident], bom: bool) -> std::io::Result<()> {
    if bom {
        w.write_all("\u{feff}".as_bytes())?;
    }
    write_incidents_csv_header(w)?;
    let mut rows = Vec::new();
    for inc in incidents {
        write_csv_row(&mut rows, g, inc, &incident_cells(g, inc));
    }
    w.write_all(&rows)
}

/// The header line of incidents.csv.
pub fn write_incidents_csv_header(w: &mut dyn Write) -> std::io::Result<()> {
    let mut header: Vec<&str> = INCIDENT_COLUMNS.iter().map(|(n, _)| *n).collect();
    header.extend(["longitude", "latitude", "wkt"]);
    let mut csv = csv::Writer::from_writer(w);
    csv.write_record(&header).map_err(std::io::Error::other)?;
    csv.flush()
}

/// One incidents.csv row: the property `cells` plus coordinates and WKT.
fn write_csv_row(out: &mut Vec<u8>, g: &Gazetteer, inc: &Incident, cells: &[Cell]) {
    let mut line = CsvLine::new(out);
    cells.iter().for_each(|c| c.write_csv(&mut line));
    match inc.place.map(|p| g.place(p)) {
        Some(p) => {
            // Each coordinate is formatted once, for its column and the WKT.
            let (mut lon, mut lat) = (Vec::with_capacity(16), Vec::with_capacity(16));
            push_decimal(&mut lon, round6(p.lon));
            push_decimal(&mut lat, round6(p.lat));
            line.plain(&lon);
            line.plain(&lat);
            line.plain(&[b"POINT (", &lon[..], b" ", &lat[..], b")"].concat());
        }
        None => (0..3).for_each(|_| line.text("")),
    }
    line.end();
}

/// Some incidents rendered for both layers: GeoJSON features, each
/// preceded by `,\n` (see [`write_features`](super::write_features)), and
/// CSV rows.
#[derive(Debug, Default)]
pub struct RenderedIncidents {
    /// Features, each preceded by `,\n`.
    pub features: Vec<u8>,
    /// CSV rows, without header.
    pub rows: Vec<u8>,
    /// incidents_acled.csv rows, without header (located incidents only).
    pub acled: Vec<u8>,
    /// map.html's data rows, each preceded by `,\n` (located incidents only).
    pub web: Vec<u8>,
    /// hudud.gpkg rows: the features of incidents.geojson, typed.
    pub gpkg: Vec<GpkgRow>,
}

/// Render incidents for incidents.geojson (the located ones, or all with
/// `keep_unlocated`) and incidents.csv (all), in parts to write in order
/// (joining them would only copy). Runs in parallel on the current rayon
/// pool; the bytes are the same for any number of threads.
pub fn render_incidents(
    g: &Gazetteer,
    incidents: &[Incident],
    keep_unlocated: bool,
) -> std::io::Result<Vec<RenderedIncidents>> {
    use rayon::prelude::*;
    let parts: Vec<std::io::Result<RenderedIncidents>> =
        incidents.par_chunks(256).map(|chunk| render_incident_batch(g, chunk, keep_unlocated)).collect();
    parts.into_iter().collect()
}

/// Render incidents as [`render_incidents`] does, on this thread, as one part.
pub fn render_incident_batch(
    g: &Gazetteer,
    incidents: &[Incident],
    keep_unlocated: bool,
) -> std::io::Result<RenderedIncidents> {
    let mut out = RenderedIncidents::default();
    for inc in incidents {
        let cells = incident_cells(g, inc);
        if keep_unlocated || inc.place.is_some() {
            out.features.extend_from_slice(b",\n");
            write_feature_json(&mut out.features, g, inc, &cells)?;
            out.gpkg.push(gpkg_row(g, inc, &cells));
        }
        write_csv_row(&mut out.rows, g, inc, &cells);
        super::acled::write_acled_row(&mut out.acled, g, inc);
        super::webmap::write_incident_row(&mut out.web, g, inc, &cells)?;
    }
    Ok(out)
}

/// An incident as a hudud.gpkg row: its point and typed values.
fn gpkg_row(g: &Gazetteer, inc: &Incident, cells: &[Cell]) -> GpkgRow {
    let geometry = inc
        .place
        .map(|p| g.place(p))
        .map(|p| geojson::GeometryValue::Point { coordinates: [round6(p.lon), round6(p.lat)].into() });
    let values = cells
        .iter()
        .map(|c| match c {
            Cell::Null => SqlValue::Null,
            Cell::Text(s) => SqlValue::Text(s.to_string()),
            Cell::Int(i) => SqlValue::Integer(*i),
            Cell::Real(f) if f.is_finite() => SqlValue::Real(*f),
            Cell::Real(_) => SqlValue::Null,
        })
        .collect();
    GpkgRow { geometry, values }
}

/// The `.csvt` sidecar line matching [`write_incidents_csv`].
pub fn incidents_csvt() -> String {
    // The wkt column is typed String: typed WKT, GDAL would take it as the
    // geometry and, with empty cells for unlocated incidents, call the layer
    // "Unknown" instead of Point.
    let extra = [ColumnType::CoordX, ColumnType::CoordY, ColumnType::String];
    csvt_line(INCIDENT_COLUMNS.iter().map(|(_, t)| *t).chain(extra))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_feature_json_matches_serde() {
        let g = Gazetteer::builtin().unwrap();
        let coding =
            crate::incidents::Coding { sub_event_type: crate::acled::SubEventType::ArmedClash, state_acts: false };
        let mut located = Incident::new(coding, "a.txt", "نص \"مقتبس\"\n", 3);
        located.place = Some(0);
        located.actor1 = Some(("SDF".into(), "قسد".into()));
        for inc in [Incident::new(coding, "b.txt", "x", 0), located] {
            let mut direct = Vec::new();
            write_feature_json(&mut direct, &g, &inc, &incident_cells(&g, &inc)).unwrap();
            assert_eq!(String::from_utf8(direct).unwrap(), serde_json::to_string(&incident_feature(&g, &inc)).unwrap());
        }
    }

    #[test]
    fn csv_numbers_read_as_json_shows_them() {
        let mut rng = crate::corpus::Rng::new(3);
        for _ in 0..2000 {
            let f = (rng.unit() - 0.5) * 10f64.powi(rng.below(12) as i32 - 6);
            let mut out = Vec::new();
            let mut line = CsvLine::new(&mut out);
            Cell::Real(f).write_csv(&mut line);
            Cell::Int(f as i64).write_csv(&mut line);
            line.end();
            let json = format!("{},{}\n", serde_json::to_string(&f).unwrap(), f as i64);
            assert_eq!(String::from_utf8(out).unwrap(), json);
        }
    }

    #[test]
    fn json_strings_as_serde_writes_them() {
        for s in ["", "نص عادي", "a\"b", "back\\slash", "tab\there", "\u{7f}\u{1}", "line\n"] {
            let mut out = Vec::new();
            write_json_str(&mut out, s).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn csvt_has_one_type_per_column() {
        let line = incidents_csvt();
        assert_eq!(line.trim().split(',').count(), INCIDENT_COLUMNS.len() + 3);
        assert!(line.starts_with("\"String\",\"Date\""));
    }
}
