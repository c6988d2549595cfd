//! The layers under test, as score.py reads them: places and incidents
//! grouped by the documents (file names) they came from.

use super::python::{day_of, doc_key, float, geonameid, strip, strip_start, to_str, truthy};
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use thiserror::Error;

/// Place types that are not scored.
pub const IGNORED_FEATURE_TYPES: [&str; 2] = ["country", "continent"];

/// What is wrong with a layer (the caller adds which file).
#[derive(Debug, Error)]
pub enum LayerError {
    /// Not `{"type": "FeatureCollection", …}`.
    #[error("is not a FeatureCollection")]
    NotCollection,
    /// `features` is neither a list nor null.
    #[error("`features` is not a list")]
    FeaturesNotList,
    /// A feature (counted from 1) that is not a JSON object.
    #[error("feature {0} is not an object")]
    NotFeature(usize),
    /// A Point (feature counted from 1) whose coordinates are not two numbers.
    #[error("feature {0}: a Point needs two numeric coordinates")]
    BadPoint(usize),
}

/// A place of the places layer.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemPlace {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Its GeoNames id, if any.
    pub geonameid: Option<i64>,
    /// `name_ar` or `name` (shown when it is an extra).
    pub name: String,
}

/// An incident of the incidents layer.
#[derive(Debug, Clone)]
pub struct SystemIncident {
    /// (lat, lon), or None without a Point geometry.
    pub point: Option<(f64, f64)>,
    /// `event_type` as written.
    pub event_type: Value,
    /// `sub_event_type` as written.
    pub sub_event_type: Value,
    /// `event_date` (or `date`), as days since 1970-01-01 where readable.
    pub date: Option<i64>,
    /// `place_name_ar` or `location` (shown when it is an extra).
    pub place: String,
}

/// Both layers, by document file name.
#[derive(Debug, Clone, Default)]
pub struct SystemLayers {
    /// Places per document, without repeats.
    pub places: HashMap<String, Vec<SystemPlace>>,
    /// Incidents per document, in layer order.
    pub incidents: HashMap<String, Vec<SystemIncident>>,
}

impl SystemLayers {
    /// Add the places layer (a parsed places.geojson).
    pub fn with_places(mut self, layer: &Value) -> Result<Self, LayerError> {
        self.places = system_places(features(layer)?)?;
        Ok(self)
    }

    /// Add the incidents layer (without one, no incidents are scored).
    pub fn with_incidents(mut self, layer: &Value) -> Result<Self, LayerError> {
        self.incidents = system_incidents(features(layer)?)?;
        Ok(self)
    }
}

/// The features of a FeatureCollection.
fn features(layer: &Value) -> Result<&[Value], LayerError> {
    if layer.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(LayerError::NotCollection);
    }
    match layer.get("features") {
        Some(Value::Array(list)) => Ok(list),
        // score.py: `fc.get("features") or []`.
        Some(v) if !truthy(v) => Ok(&[]),
        None => Ok(&[]),
        Some(_) => Err(LayerError::FeaturesNotList),
    }
}

/// A feature's properties (none when absent or not an object).
fn properties(f: &Value, i: usize) -> Result<Option<&Map<String, Value>>, LayerError> {
    let f = f.as_object().ok_or(LayerError::NotFeature(i))?;
    Ok(f.get("properties").and_then(Value::as_object))
}

/// A Point feature's (lat, lon); None for other geometries or none.
fn point_of(f: &Value, i: usize) -> Result<Option<(f64, f64)>, LayerError> {
    let Some(g) = f.get("geometry").filter(|g| g.is_object()) else { return Ok(None) };
    if g.get("type").and_then(Value::as_str) != Some("Point") {
        return Ok(None);
    }
    let c = g.get("coordinates").and_then(Value::as_array).ok_or(LayerError::BadPoint(i))?;
    match (c.first().and_then(float), c.get(1).and_then(float)) {
        (Some(lon), Some(lat)) => Ok(Some((lat, lon))),
        _ => Err(LayerError::BadPoint(i)),
    }
}

/// A property, or null.
fn prop<'a>(props: Option<&'a Map<String, Value>>, key: &str) -> &'a Value {
    props.and_then(|p| p.get(key)).unwrap_or(&Value::Null)
}

/// The first of `keys` with a true value, as text ("" if none).
fn first_text(props: Option<&Map<String, Value>>, keys: &[&str]) -> String {
    keys.iter().map(|k| prop(props, k)).find(|v| truthy(v)).map(|v| to_str(v).into_owned()).unwrap_or_default()
}

/// The documents a feature names in `sources` and `source`: a list (of
/// names, or objects with `source` or `doc`), a JSON list written as a
/// string, or names joined by ';' or '|'.
pub fn sources_of(props: Option<&Map<String, Value>>) -> BTreeSet<String> {
    let mut out: Vec<Value> = Vec::new();
    for key in ["sources", "source"] {
        let v = prop(props, key);
        let parsed = match v {
            Value::String(s) if strip_start(s).starts_with('[') => serde_json::from_str::<Value>(s).ok(),
            _ => None,
        };
        match parsed.as_ref().unwrap_or(v) {
            Value::Array(items) => out.extend(items.iter().map(source_item)),
            Value::String(s) => out.extend(s.replace('|', ";").split(';').map(|p| Value::String(p.to_string()))),
            _ => {}
        }
    }
    out.iter().filter(|s| truthy(s) && !strip(&to_str(s)).is_empty()).map(|s| doc_key(&to_str(s)).to_string()).collect()
}

/// A list item of `sources`: an object stands for its `source` (or `doc`).
fn source_item(x: &Value) -> Value {
    match x {
        Value::Object(o) => o.get("source").or_else(|| o.get("doc")).cloned().unwrap_or(Value::Null),
        other => other.clone(),
    }
}

/// Places by document: countries and continents left out, and a place
/// counted once per document (same point to 1e-6° and same id).
fn system_places(features: &[Value]) -> Result<HashMap<String, Vec<SystemPlace>>, LayerError> {
    let mut by_doc: HashMap<String, Vec<SystemPlace>> = HashMap::new();
    for (i, f) in (1..).zip(features) {
        let props = properties(f, i)?;
        // score.py: str(props.get("feature_type", "")).lower(); a null reads "none".
        let kind = props.and_then(|p| p.get("feature_type")).map_or(String::new(), |v| to_str(v).to_lowercase());
        if IGNORED_FEATURE_TYPES.contains(&kind.as_str()) {
            continue;
        }
        let Some((lat, lon)) = point_of(f, i)? else { continue };
        let id = prop(props, "geonameid");
        let geonameid = if id.is_null() || id.as_str() == Some("") { None } else { geonameid(id) };
        let place = SystemPlace { lat, lon, geonameid, name: first_text(props, &["name_ar", "name"]) };
        for doc in sources_of(props) {
            let list = by_doc.entry(doc).or_default();
            if !list.iter().any(|x| same_place(x, &place)) {
                list.push(place.clone());
            }
        }
    }
    Ok(by_doc)
}

fn same_place(a: &SystemPlace, b: &SystemPlace) -> bool {
    (a.lat - b.lat).abs() < 1e-6 && (a.lon - b.lon).abs() < 1e-6 && a.geonameid == b.geonameid
}

/// Incidents by document, every one (without a point too: it can only be
/// an extra).
fn system_incidents(features: &[Value]) -> Result<HashMap<String, Vec<SystemIncident>>, LayerError> {
    let mut by_doc: HashMap<String, Vec<SystemIncident>> = HashMap::new();
    for (i, f) in (1..).zip(features) {
        let props = properties(f, i)?;
        // score.py: props.get("event_date", props.get("date")); a null event_date stays null.
        let date = props.and_then(|p| p.get("event_date").or_else(|| p.get("date"))).unwrap_or(&Value::Null);
        let incident = SystemIncident {
            point: point_of(f, i)?,
            event_type: prop(props, "event_type").clone(),
            sub_event_type: prop(props, "sub_event_type").clone(),
            date: day_of(date),
            place: first_text(props, &["place_name_ar", "location"]),
        };
        for doc in sources_of(props) {
            by_doc.entry(doc).or_default().push(incident.clone());
        }
    }
    Ok(by_doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(v: Value) -> Option<Map<String, Value>> {
        v.as_object().cloned()
    }

    fn layer(features: Value) -> Value {
        json!({"type": "FeatureCollection", "features": features})
    }

    fn place(lon: f64, lat: f64, props: Value) -> Value {
        json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props})
    }

    #[test]
    fn sources_in_every_written_form() {
        let keys = |v: Value| sources_of(props(v).as_ref()).into_iter().collect::<Vec<_>>();
        assert_eq!(keys(json!({"sources": ["x/a.txt", "b.txt", ""]})), ["a.txt", "b.txt"]);
        assert_eq!(keys(json!({"sources": "a.txt; dir/b.txt|c.txt"})), ["a.txt", "b.txt", "c.txt"]);
        assert_eq!(keys(json!({"sources": "[\"a.txt\"]", "source": "b.txt"})), ["a.txt", "b.txt"]);
        assert_eq!(keys(json!({"sources": [{"source": "a.txt"}, {"doc": "b.txt"}, {"other": 1}]})), ["a.txt", "b.txt"]);
        assert_eq!(keys(json!({"sources": "[not json"})), ["[not json"]);
        assert!(keys(json!({"sources": 7})).is_empty());
    }

    #[test]
    fn countries_are_skipped_and_repeats_counted_once() {
        let places = layer(json!([
            place(40.0, 35.0, json!({"sources": ["a.txt"], "feature_type": "Country"})),
            place(40.1, 35.1, json!({"sources": ["a.txt"], "geonameid": "7", "name_ar": "س"})),
            place(40.1, 35.1, json!({"sources": "a.txt;b.txt", "geonameid": 7})),
            place(40.1, 35.1, json!({"sources": ["a.txt"], "geonameid": null, "name": "n"})),
        ]));
        let sys = SystemLayers::default().with_places(&places).unwrap();
        let a = &sys.places["a.txt"];
        assert_eq!(a.iter().map(|p| (p.geonameid, p.name.as_str())).collect::<Vec<_>>(), [(Some(7), "س"), (None, "n")]);
        assert_eq!(sys.places["b.txt"].len(), 1);
    }

    #[test]
    fn incidents_keep_dates_types_and_unplaced_ones() {
        let incidents = layer(json!([
            {"type": "Feature", "geometry": null, "properties": {"source": "a.txt", "event_type": "Battles", "date": "2025-01-02"}},
            place(40.0, 35.0, json!({"sources": "a.txt", "event_date": null, "date": "2025-01-02", "location": "L"})),
        ]));
        let sys = SystemLayers::default().with_incidents(&incidents).unwrap();
        let a = &sys.incidents["a.txt"];
        assert_eq!((a[0].point, a[0].date.is_some(), a[0].event_type.as_str()), (None, true, Some("Battles")));
        assert_eq!((a[1].point, a[1].date, a[1].place.as_str()), (Some((35.0, 40.0)), None, "L"));
    }

    #[test]
    fn bad_layers_are_named() {
        let err = |places: Value| SystemLayers::default().with_places(&places).unwrap_err().to_string();
        assert_eq!(err(json!({"type": "Feature"})), "is not a FeatureCollection");
        assert_eq!(err(layer(json!([1]))), "feature 1 is not an object");
        let bad = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": ["x", 1]}});
        assert_eq!(err(layer(json!([bad]))), "feature 1: a Point needs two numeric coordinates");
        assert!(SystemLayers::default().with_places(&json!({"type": "FeatureCollection", "features": null})).is_ok());
    }
}
