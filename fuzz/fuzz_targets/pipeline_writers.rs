//! The whole article pipeline, then the layers `hudud map` writes from it
//! (incidents GeoJSON and CSV, places GeoJSON, mentions CSV), read back.
//! The input's first line is the document's name (so names such as
//! `=cmd|' /C calc'!A0` reach every writer), the rest its text; an input of
//! one line is the text of `fuzz.txt`.
#![no_main]

use geojson::FeatureCollection;
use hudud::gazetteer::Gazetteer;
use hudud::incidents::{dedup_incidents, Incident};
use hudud::input::Document;
use hudud::output::{
    incident_feature, incident_values, mention_rows, render_incident_batch, round6, write_feature_collection,
    write_features, write_incidents_csv, PlacesLayer, FEATURES_END, FEATURES_START, INCIDENT_COLUMNS, MENTION_COLUMNS,
    PLACE_COLUMNS,
};
use hudud::pipeline::{DocumentResult, Pipeline};
use hudud::spatial::{BorderMeasure, Borders, DEFAULT_BORDER};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::sync::OnceLock;

/// The built-in gazetteer, the pipeline and the border measure, built once.
struct Setup {
    g: &'static Gazetteer,
    pipeline: Pipeline<'static>,
    measure: BorderMeasure,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let g: &'static Gazetteer = Box::leak(Box::new(Gazetteer::builtin().expect("built-in gazetteer")));
        let borders = Borders::builtin().expect("built-in borders");
        Setup {
            g,
            pipeline: Pipeline::new(g, None).expect("pipeline"),
            measure: BorderMeasure::new(borders, DEFAULT_BORDER).expect("border measure"),
        }
    })
}

/// A text cell as the README says CSV writes it: one a spreadsheet would
/// take for a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a `'` in front.
fn neutralised(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// No text cell may start like a formula.
fn check_text_cell(cell: &str, source: &str, what: &str) {
    assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{what}: {cell:?} starts like a formula");
    assert_eq!(cell, neutralised(source), "{what}: the cell is not its source");
}

/// Parse `csv` (without BOM), checking its header and that every record
/// has as many fields.
fn read_csv(csv: &[u8], header: &[&str], what: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let read_header = reader.headers().unwrap_or_else(|e| panic!("{what}: header: {e}")).clone();
    assert_eq!(read_header.iter().collect::<Vec<_>>(), header, "{what}: header");
    let records: Vec<csv::StringRecord> =
        reader.records().map(|r| r.unwrap_or_else(|e| panic!("{what}: does not read back: {e}"))).collect();
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r.len(), header.len(), "{what}: record {i} has {} fields", r.len());
    }
    records
}

/// Parse a written FeatureCollection back.
fn read_geojson(bytes: &[u8], what: &str) -> FeatureCollection {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{what} does not parse back: {e}"))
}

/// The incidents as `hudud map` finishes them: merged, with ids and border measures.
fn finished(s: &Setup, r: &DocumentResult) -> Vec<Incident> {
    let mut incidents = dedup_incidents(s.g, r.incidents.clone()).expect("deduplication in memory");
    for inc in &mut incidents {
        inc.assign_id(s.g);
        inc.measure_border(s.g, &s.measure);
    }
    incidents
}

/// incidents.geojson: the bytes serde_json writes for each feature, one per
/// (located) incident, with every text property as given.
fn check_incidents_geojson(s: &Setup, incidents: &[Incident], keep_unlocated: bool) {
    let rendered = render_incident_batch(s.g, incidents, keep_unlocated).expect("rendering into memory");
    let features = rendered.features.get(2..).unwrap_or_default();
    let written = [FEATURES_START, features, FEATURES_END].concat();
    let kept: Vec<&Incident> = incidents.iter().filter(|i| keep_unlocated || i.place.is_some()).collect();
    let mut by_serde = Vec::new();
    write_features(&mut by_serde, kept.iter().map(|i| incident_feature(s.g, i))).expect("writing into memory");
    assert!(written == by_serde, "incidents.geojson differs from serde_json's");
    let fc = read_geojson(&written, "incidents.geojson");
    assert_eq!(fc.features.len(), kept.len(), "incidents.geojson: feature count");
    for (f, inc) in fc.features.iter().zip(&kept) {
        assert_eq!(f.geometry.is_some(), inc.place.is_some(), "incident geometry");
        let props = f.properties.as_ref().expect("incident properties");
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        assert!(keys.iter().copied().eq(INCIDENT_COLUMNS.iter().map(|(n, _)| *n)), "incident property names");
        for ((name, _), v) in INCIDENT_COLUMNS.iter().zip(incident_values(s.g, inc)) {
            if v.is_string() {
                assert_eq!(props.get(*name), Some(&v), "incident property {name}");
            }
        }
    }
}

/// map.html's incident rows: script-safe (no `<`, U+2028 or U+2029 as
/// such), one JSON array per located incident, the evidence as given.
fn check_webmap_rows(s: &Setup, incidents: &[Incident]) {
    let web = render_incident_batch(s.g, incidents, false).expect("rendering into memory").web;
    let text = std::str::from_utf8(&web).expect("map.html rows are UTF-8");
    assert!(!text.contains(['<', '\u{2028}', '\u{2029}']), "map.html rows could end their <script>: {text}");
    let rows: Vec<Vec<Value>> = serde_json::from_str(&format!("[{}]", text.get(2..).unwrap_or_default()))
        .unwrap_or_else(|e| panic!("map.html rows do not parse: {e}"));
    let located: Vec<&Incident> = incidents.iter().filter(|i| i.place.is_some()).collect();
    assert_eq!(rows.len(), located.len(), "map.html: one row per located incident");
    for (row, inc) in rows.iter().zip(located) {
        assert_eq!(row.last(), Some(&Value::from(inc.evidence.as_str())), "map.html: the evidence as given");
    }
}

/// incidents.csv (with and without BOM): reads back with one record per
/// incident, each cell the value of its column.
fn check_incidents_csv(s: &Setup, incidents: &[Incident]) {
    let mut csv = Vec::new();
    write_incidents_csv(&mut csv, s.g, incidents, false).expect("writing into memory");
    let mut with_bom = Vec::new();
    write_incidents_csv(&mut with_bom, s.g, incidents, true).expect("writing into memory");
    assert!(with_bom.strip_prefix("\u{feff}".as_bytes()) == Some(&csv[..]), "--excel adds more than a BOM");
    let rows = render_incident_batch(s.g, incidents, false).expect("rendering into memory").rows;
    assert!(csv.ends_with(&rows), "incidents.csv differs from the rendered rows");
    let mut header: Vec<&str> = INCIDENT_COLUMNS.iter().map(|(n, _)| *n).collect();
    header.extend(["longitude", "latitude", "wkt"]);
    let records = read_csv(&csv, &header, "incidents.csv");
    assert_eq!(records.len(), incidents.len(), "incidents.csv: record count");
    for (r, inc) in records.iter().zip(incidents) {
        for (j, v) in incident_values(s.g, inc).iter().enumerate() {
            let what = format!("incidents.csv column {}", header[j]);
            match v {
                Value::Null => assert_eq!(&r[j], "", "{what}"),
                Value::String(text) => check_text_cell(&r[j], text, &what),
                other => assert_eq!(r[j], other.to_string(), "{what}"),
            }
        }
        let coordinates: Vec<String> = r.iter().skip(header.len() - 3).map(String::from).collect();
        check_coordinates(s, inc, &coordinates);
    }
}

/// longitude, latitude and wkt of an incidents.csv record.
fn check_coordinates(s: &Setup, inc: &Incident, cells: &[String]) {
    let Some(p) = inc.place.map(|i| s.g.place(i)) else {
        assert!(cells.iter().all(String::is_empty), "unlocated incident with coordinates {cells:?}");
        return;
    };
    let (lon, lat) = (&cells[0], &cells[1]);
    assert_eq!(lon.parse::<f64>().ok(), Some(round6(p.lon)), "longitude");
    assert_eq!(lat.parse::<f64>().ok(), Some(round6(p.lat)), "latitude");
    assert_eq!(cells[2], format!("POINT ({lon} {lat})"), "wkt");
}

/// mentions.csv: one record per mention, cells as the mention says.
fn check_mentions_csv(s: &Setup, r: &DocumentResult) {
    let mut csv = Vec::new();
    let mut header = csv::Writer::from_writer(&mut csv);
    header.write_record(MENTION_COLUMNS).expect("writing into memory");
    drop(header);
    csv.extend(mention_rows(s.g, &r.name, &r.mentions, &r.char_offsets));
    let records = read_csv(&csv, MENTION_COLUMNS, "mentions.csv");
    assert_eq!(records.len(), r.mentions.len(), "mentions.csv: record count");
    for ((rec, m), (cs, ce)) in records.iter().zip(&r.mentions).zip(&r.char_offsets) {
        let p = m.place.map(|i| s.g.place(i));
        let text = |j: usize, source: &str| check_text_cell(&rec[j], source, MENTION_COLUMNS[j]);
        text(0, &r.name);
        assert_eq!((&rec[1], &rec[2]), (&cs.to_string()[..], &ce.to_string()[..]), "mention offsets");
        text(3, &m.mention.surface);
        text(4, p.map_or("", |p| &p.id));
        text(5, p.map_or("", |p| &p.name_ar));
        text(6, p.map_or("", |p| &p.name_en));
        let coordinates = (rec[7].parse::<f64>().ok(), rec[8].parse::<f64>().ok());
        assert_eq!(coordinates, (p.map(|p| p.lat), p.map(|p| p.lon)), "mention coordinates");
        text(9, p.map_or("", |p| &p.feature_type));
        assert_eq!(rec[10], m.candidates.to_string(), "candidates");
        assert_eq!(rec[11].parse::<f64>().ok(), Some(m.confidence), "confidence");
        text(12, &m.reason);
    }
}

/// places.geojson: one feature per place counted, in id order, naming the document.
fn check_places(s: &Setup, r: &DocumentResult, incidents: &[Incident]) {
    let mut layer = PlacesLayer::new();
    layer.add_document(s.g, &r.name, &r.mentions);
    layer.set_incident_counts(incidents.iter().filter_map(|i| i.place));
    let mut written = Vec::new();
    write_feature_collection(&mut written, &layer.to_geojson(s.g, &s.measure)).expect("writing into memory");
    let fc = read_geojson(&written, "places.geojson");
    assert_eq!(fc.features.len(), layer.len(), "places.geojson: feature count");
    let mut ids = Vec::new();
    for f in &fc.features {
        let props = f.properties.as_ref().expect("place properties");
        assert!(props.keys().map(String::as_str).eq(PLACE_COLUMNS.iter().copied()), "place property names");
        let id = props.get("id").and_then(Value::as_str).expect("place id");
        assert!(s.g.by_id(id).is_some(), "place {id} not in the gazetteer");
        // Lists are JSON text (plus a joined string) so every GDAL driver keeps them.
        let list = |key: &str| -> Vec<Value> {
            let text = props.get(key).and_then(Value::as_str).expect("a list property is JSON text");
            serde_json::from_str(text).expect("a list property parses as a JSON list")
        };
        assert_eq!(list("sources"), vec![Value::from(r.name.clone())], "place {id}: sources");
        assert_eq!(props.get("sources_joined"), Some(&Value::from(r.name.clone())), "place {id}: sources_joined");
        let forms = list("surface_forms");
        for form in &forms {
            assert!(r.mentions.iter().any(|m| form.as_str() == Some(&m.mention.surface)), "place {id}: form {form}");
        }
        ids.push(id.to_string());
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "places not in id order: {ids:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (name, text) = input.split_once('\n').unwrap_or(("fuzz.txt", input));
    let s = setup();
    let doc = Document {
        name: name.to_string(),
        origin: "fuzz".into(),
        text: text.to_string(),
        lossy: false,
        published: None,
        title: None,
        char_base: 0,
    };
    let r = s.pipeline.process(&doc);
    let incidents = finished(s, &r);
    check_incidents_geojson(s, &incidents, false);
    check_incidents_geojson(s, &incidents, true);
    check_incidents_csv(s, &incidents);
    check_mentions_csv(s, &r);
    check_places(s, &r, &incidents);
    check_webmap_rows(s, &incidents);
});
