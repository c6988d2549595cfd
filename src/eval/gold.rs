//! Gold annotations in the yardstick's format: a JSON list of documents,
//! each with the places and incidents a reader finds in it.
//!
//! Fields score.py reads with a default have the same default here; a
//! field it cannot do without (a place's `lat`, an incident's
//! `event_types`) is an error that names the document and the item.

use super::python::{iso_day, truthy};
use super::EvalError;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::path::Path;

/// One annotated document.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// The document, by file name (a path counts by its file name).
    pub doc: String,
    /// The sub-national places it mentions.
    pub places: Vec<GoldPlace>,
    /// The incidents it reports.
    pub incidents: Vec<GoldIncident>,
}

/// A place a document mentions.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPlace {
    /// Its name, shown when it is missed.
    #[serde(default)]
    pub name: String,
    /// GeoNames ids that count as this place (numbers; anything else
    /// never matches, as in score.py).
    #[serde(default, deserialize_with = "list_or_null")]
    pub ids: Vec<Value>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// How far (km) a found place may lie from it.
    #[serde(default = "place_tol_km")]
    pub tol_km: f64,
    /// Neither rewarded nor counted as an error (metonymy, rivers, vague regions).
    #[serde(default, deserialize_with = "python_truth")]
    pub optional: bool,
}

/// An incident a document reports.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldIncident {
    /// What happened, shown (its first 60 characters) when it is missed.
    #[serde(default)]
    pub summary: String,
    /// ACLED event types that count.
    pub event_types: Vec<String>,
    /// ACLED sub-event types that count for the strict figure (none: any).
    #[serde(default, deserialize_with = "list_or_null")]
    pub sub_event_types: Vec<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// How far (km) a found incident may lie from it.
    #[serde(default = "incident_tol_km")]
    pub tol_km: f64,
    /// Its date (YYYY-MM-DD), if the text gives one.
    #[serde(default)]
    pub date: Option<String>,
    /// How many days a found date may be off.
    #[serde(default = "one_day")]
    pub date_tol_days: f64,
    /// Neither rewarded nor counted as an error (background events).
    #[serde(default, deserialize_with = "python_truth")]
    pub optional: bool,
}

impl GoldPlace {
    /// Whether `id` is one of the place's GeoNames ids.
    pub fn has_id(&self, id: i64) -> bool {
        // Python compares numbers by value: 170794 == 170794.0.
        self.ids.iter().any(|v| v.as_i64() == Some(id) || (v.is_f64() && v.as_f64() == Some(id as f64)))
    }
}

impl GoldIncident {
    /// Whether the gold gives a date to check (score.py: `if gold.get("date")`).
    pub fn has_date(&self) -> bool {
        self.date.as_deref().is_some_and(|d| !d.is_empty())
    }

    /// Whether a found date (days since 1970-01-01) is within the tolerance;
    /// false when either date is unreadable.
    pub fn date_agrees(&self, found: Option<i64>) -> bool {
        match (self.date.as_deref().and_then(iso_day), found) {
            (Some(gold), Some(found)) => (gold - found).unsigned_abs() as f64 <= self.date_tol_days,
            _ => false,
        }
    }
}

fn place_tol_km() -> f64 {
    10.0
}

fn incident_tol_km() -> f64 {
    25.0
}

fn one_day() -> f64 {
    1.0
}

/// `optional` and the like are read for their Python truth value.
fn python_truth<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(truthy(&Value::deserialize(d)?))
}

/// score.py reads `gold.get("ids") or []`: null is an empty list.
fn list_or_null<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// Read a gold file.
pub fn load_gold(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read { path: path.into(), source })?;
    parse_gold(&text, path)
}

/// Parse gold annotations; `path` names them in errors.
pub fn parse_gold(text: &str, path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let json: Value = serde_json::from_str(text).map_err(|source| EvalError::Json { path: path.into(), source })?;
    let bad = |at: String, message: String| EvalError::Gold { path: path.into(), at, message };
    let Value::Array(docs) = json else {
        return Err(bad("the top level".into(), "expected a list of documents".into()));
    };
    docs.into_iter().enumerate().map(|(i, doc)| gold_doc(doc, i + 1).map_err(|(at, m)| bad(at, m))).collect()
}

/// One document; an error says where (document and item) and what is wrong.
fn gold_doc(doc: Value, number: usize) -> Result<GoldDoc, (String, String)> {
    let name = doc.get("doc").and_then(Value::as_str).map(str::to_string);
    let at = match &name {
        Some(n) => format!("document {number} ({n})"),
        None => format!("document {number}"),
    };
    let Some(name) = name else {
        return Err((at, "`doc` must name the document's file".into()));
    };
    let places = items(&doc, "places", &at)?;
    let incidents = items(&doc, "incidents", &at)?;
    Ok(GoldDoc { doc: name, places, incidents })
}

/// The list `key` of a document, item by item.
fn items<T: for<'de> Deserialize<'de>>(doc: &Value, key: &str, at: &str) -> Result<Vec<T>, (String, String)> {
    let Some(Value::Array(list)) = doc.get(key) else {
        return Err((at.to_string(), format!("`{key}` must be a list")));
    };
    let kind = key.trim_end_matches('s');
    list.iter()
        .enumerate()
        .map(|(i, item)| {
            T::deserialize(item).map_err(|e| (format!("{at}, {kind} {}{}", i + 1, label(item)), e.to_string()))
        })
        .collect()
}

/// An item's name or summary, to find it in the file.
fn label(item: &Value) -> String {
    let text = item.get("name").or_else(|| item.get("summary")).and_then(Value::as_str).unwrap_or_default();
    match text.chars().count() {
        0 => String::new(),
        n if n > 40 => format!(" ({}…)", text.chars().take(40).collect::<String>()),
        _ => format!(" ({text})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<GoldDoc>, EvalError> {
        parse_gold(text, Path::new("g.json"))
    }

    #[test]
    fn defaults_follow_score_py() {
        let docs = parse(
            r#"[{"doc": "a.txt", "places": [{"lat": 1, "lon": 2, "ids": null, "optional": 0}],
                 "incidents": [{"event_types": ["Battles"], "lat": 1, "lon": 2, "optional": "yes"}]}]"#,
        )
        .unwrap();
        let (p, i) = (&docs[0].places[0], &docs[0].incidents[0]);
        assert_eq!((p.tol_km, p.optional, p.ids.len()), (10.0, false, 0));
        assert_eq!((i.tol_km, i.date_tol_days, i.optional, i.has_date()), (25.0, 1.0, true, false));
    }

    #[test]
    fn ids_compare_by_value() {
        let docs = parse(r#"[{"doc": "a", "places": [{"lat": 1, "lon": 2, "ids": [5, 6.0, "7"]}], "incidents": []}]"#)
            .unwrap();
        let p = &docs[0].places[0];
        assert!(p.has_id(5) && p.has_id(6) && !p.has_id(7));
    }

    #[test]
    fn dates_agree_within_tolerance() {
        let docs = parse(
            r#"[{"doc": "a", "places": [], "incidents": [{"event_types": [], "lat": 1, "lon": 2,
                 "date": "2025-10-07", "date_tol_days": 2}]}]"#,
        )
        .unwrap();
        let i = &docs[0].incidents[0];
        let day = iso_day("2025-10-09");
        assert!(i.has_date() && i.date_agrees(day) && !i.date_agrees(day.map(|d| d + 1)) && !i.date_agrees(None));
    }

    #[test]
    fn a_missing_coordinate_names_document_and_place() {
        let err = parse(r#"[{"doc": "a.txt", "places": [{"name": "الرقة", "lon": 2}], "incidents": []}]"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("g.json: document 1 (a.txt), place 1 (الرقة): missing field `lat`"), "{err}");
    }

    #[test]
    fn shape_errors_are_named() {
        let top = parse(r#"{"doc": "a"}"#).unwrap_err().to_string();
        assert!(top.contains("g.json: the top level: expected a list"), "{top}");
        let list = parse(r#"[{"doc": "a", "places": {}}]"#).unwrap_err().to_string();
        assert!(list.contains("document 1 (a): `places` must be a list"), "{list}");
        let syntax = parse("[{").unwrap_err().to_string();
        assert!(syntax.starts_with("g.json: not valid JSON"), "{syntax}");
    }
}
