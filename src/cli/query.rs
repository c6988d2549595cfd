//! What `near`, `within` and `nearest` share: where features come from,
//! the filters users ask for, and the output formats.

use super::{process_inputs, GazetteerArgs, InputArgs};
use crate::gazetteer::Gazetteer;
use crate::incidents::dedup_incidents;
use crate::output::{incident_feature, write_feature_collection, CsvLine, INCIDENT_COLUMNS, PLACE_COLUMNS};
use crate::pipeline::Pipeline;
use crate::spatial::{BorderMeasure, Borders, DEFAULT_BORDER};
use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use geojson::{Feature, FeatureCollection, GeoJson, GeometryValue, JsonValue};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Output formats of the query commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// A GeoJSON FeatureCollection.
    Geojson,
    /// CSV with longitude/latitude.
    Csv,
    /// A readable table.
    Table,
}

/// Where the features come from, and which to keep.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A layer written by `hudud map` (incidents.geojson or places.geojson).
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    pub layer: Option<PathBuf>,
    /// Articles to extract incidents from on the fly (instead of --layer).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Keep event or sub-event types containing this text ("Arrests", "Battles").
    #[arg(long = "type", value_name = "TYPE", value_parser = event_type_arg)]
    pub event_type: Option<String>,
    /// Keep events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub since: Option<String>,
    /// Keep events on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub until: Option<String>,
    /// Keep events whose actor (English or Arabic) contains this text.
    #[arg(long, value_name = "TEXT")]
    pub actor: Option<String>,
    /// Keep events located at least this precisely (1 = the place itself,
    /// 2 = near it, 3 = governorate or region).
    #[arg(long, value_name = "1|2|3", value_parser = clap::value_parser!(u8).range(1..=3))]
    pub min_precision: Option<u8>,
    /// Output format (default: table on a terminal, GeoJSON otherwise).
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// `--since`/`--until`: a calendar date, written YYYY-MM-DD as event dates
/// are (they compare as text in that form). Anything else would keep
/// every event or none, silently.
fn date_arg(s: &str) -> Result<String, String> {
    super::parse_ymd(s).map(|d| d.to_string()).ok_or_else(|| "expected a date as YYYY-MM-DD".to_string())
}

/// `--type`: text that some ACLED event or sub-event type contains (any
/// case); other text would keep no event, silently.
fn event_type_arg(s: &str) -> Result<String, String> {
    use crate::acled::{EventType, SubEventType};
    let fits = |label: &str| label.to_lowercase().contains(&s.to_lowercase());
    let types = EventType::ALL.map(EventType::label);
    if types.iter().any(|t| fits(t)) || SubEventType::ALL.iter().any(|t| fits(t.label())) {
        return Ok(s.to_string());
    }
    Err(format!("no ACLED event or sub-event type contains it; the event types are {}", types.join(", ")))
}

/// A feature with its point (if any), ready for queries.
pub struct Located {
    /// The feature.
    pub feature: Feature,
    /// Its `[lon, lat]`, if it has a point geometry.
    pub point: Option<[f64; 2]>,
}

/// The features of a query, filtered, with the columns of their source.
pub struct Loaded {
    /// The features the filters keep.
    pub features: Vec<Located>,
    /// The property names of every feature of the source, before any
    /// filter: the CSV header is the same whatever a query finds.
    pub columns: Vec<String>,
}

impl QueryArgs {
    /// Load, extract and filter the features.
    pub fn features(&self, g: &Gazetteer) -> anyhow::Result<Loaded> {
        let (features, columns) = match (&self.layer, self.inputs.is_empty()) {
            (Some(path), _) => {
                let features = read_layer(path)?;
                let columns = columns_of(&features, layer_schema(path));
                (features, columns)
            }
            (None, false) => (extract_features(g, &self.inputs)?, schema_columns(Schema::Incidents)),
            (None, true) => bail!("give a --layer FILE written by `hudud map`, or articles to read"),
        };
        let features = features
            .into_iter()
            .filter(|f| self.keeps(f))
            .map(|feature| Located { point: point_of(&feature), feature })
            .collect();
        Ok(Loaded { features, columns })
    }

    fn keeps(&self, f: &Feature) -> bool {
        let text = |k: &str| f.property(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let contains = |hay: &str, needle: &str| hay.to_lowercase().contains(&needle.to_lowercase());
        if let Some(t) = &self.event_type {
            if !contains(&text("event_type"), t) && !contains(&text("sub_event_type"), t) {
                return false;
            }
        }
        let date = text("event_date");
        if self.since.as_ref().is_some_and(|s| date.is_empty() || date.as_str() < s.as_str()) {
            return false;
        }
        if self.until.as_ref().is_some_and(|u| date.is_empty() || date.as_str() > u.as_str()) {
            return false;
        }
        if let Some(a) = &self.actor {
            if !["actor1", "actor2", "actor1_ar", "actor2_ar"].iter().any(|k| contains(&text(k), a)) {
                return false;
            }
        }
        if let Some(p) = self.min_precision {
            let got = f.property("geo_precision").and_then(JsonValue::as_u64);
            if got.is_none_or(|g| g > u64::from(p)) {
                return false;
            }
        }
        true
    }

    /// Print the hits (feature, distance km) in the chosen format; `columns`
    /// head the CSV (see [`Loaded::columns`]), `what` describes the query
    /// for the empty-result message.
    pub fn print(&self, hits: Vec<(Feature, Option<f64>)>, columns: &[String], what: &str) -> anyhow::Result<()> {
        let format = self.format.unwrap_or(if std::io::stdout().is_terminal() {
            QueryFormat::Table
        } else {
            QueryFormat::Geojson
        });
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        match format {
            QueryFormat::Geojson => {
                let features = hits.into_iter().map(|(f, d)| with_distance(f, d)).collect();
                write_feature_collection(&mut out, &FeatureCollection { bbox: None, features, foreign_members: None })?;
            }
            QueryFormat::Csv => write_csv(&mut out, columns, &hits)?,
            QueryFormat::Table if hits.is_empty() => writeln!(out, "no features {what}")?,
            QueryFormat::Table => write_table(&mut out, &hits)?,
        }
        out.flush().context("writing to standard output")
    }
}

fn read_layer(path: &Path) -> anyhow::Result<Vec<Feature>> {
    super::settle_layers(path.parent().unwrap_or(Path::new(".")));
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let features = match text.parse::<GeoJson>().with_context(|| format!("{}: not GeoJSON", path.display()))? {
        GeoJson::FeatureCollection(fc) => fc.features,
        _ => bail!("{}: expected a FeatureCollection", path.display()),
    };
    warn_unplaced(path, &features);
    Ok(features)
}

/// Tell on stderr how many features of the layer at `path` the spatial
/// queries leave out, and why: a layer edited by hand or by another tool
/// may hold null or non-point geometries, or points outside the world,
/// and a silent gap in the answer would be taken for an empty area.
fn warn_unplaced(path: &Path, features: &[Feature]) {
    let mut why: BTreeMap<&str, usize> = BTreeMap::new();
    for problem in features.iter().filter_map(geometry_problem) {
        *why.entry(problem).or_default() += 1;
    }
    if why.is_empty() {
        return;
    }
    let total: usize = why.values().sum();
    let list: Vec<String> = why.iter().map(|(w, n)| format!("{n} with {w}")).collect();
    eprintln!(
        "hudud: warning: {}: {total} of {} feature(s) left out of spatial queries: {}",
        path.display(),
        features.len(),
        list.join(", ")
    );
}

/// Why a feature takes no part in spatial queries, if it does not.
fn geometry_problem(f: &Feature) -> Option<&'static str> {
    let Some(geometry) = &f.geometry else { return Some("a null geometry") };
    match &geometry.value {
        GeometryValue::Point { coordinates } => match coordinates.as_slice() {
            [lon, lat, ..] if in_world(*lon, *lat) => None,
            [_, _, ..] => Some("a point outside longitude -180..180, latitude -90..90"),
            _ => Some("a point of fewer than two coordinates"),
        },
        GeometryValue::MultiPoint { .. } => Some("a MultiPoint geometry"),
        GeometryValue::LineString { .. } => Some("a LineString geometry"),
        GeometryValue::MultiLineString { .. } => Some("a MultiLineString geometry"),
        GeometryValue::Polygon { .. } => Some("a Polygon geometry"),
        GeometryValue::MultiPolygon { .. } => Some("a MultiPolygon geometry"),
        GeometryValue::GeometryCollection { .. } => Some("a GeometryCollection geometry"),
    }
}

/// True for a longitude and latitude on the globe.
fn in_world(lon: f64, lat: f64) -> bool {
    is_longitude(lon) && is_latitude(lat)
}

/// The two layers `hudud map` writes that queries read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Schema {
    Incidents,
    Places,
}

/// The layer a file most likely is, by its name: it decides the columns
/// of an empty layer, which has no features to show them.
fn layer_schema(path: &Path) -> Schema {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    if name.starts_with("places") {
        Schema::Places
    } else {
        Schema::Incidents
    }
}

fn schema_columns(schema: Schema) -> Vec<String> {
    match schema {
        Schema::Incidents => INCIDENT_COLUMNS.iter().map(|(n, _)| (*n).to_string()).collect(),
        Schema::Places => PLACE_COLUMNS.iter().map(|n| (*n).to_string()).collect(),
    }
}

/// Every property name of `features`, in first-seen order; the schema's
/// when there are no features.
fn columns_of(features: &[Feature], schema: Schema) -> Vec<String> {
    if features.is_empty() {
        return schema_columns(schema);
    }
    let mut seen = std::collections::HashSet::new();
    let mut columns = Vec::new();
    for k in features.iter().flat_map(|f| f.properties.iter().flat_map(|p| p.keys())) {
        if seen.insert(k.as_str()) {
            columns.push(k.clone());
        }
    }
    columns
}

fn extract_features(g: &Gazetteer, inputs: &[PathBuf]) -> anyhow::Result<Vec<Feature>> {
    let pipeline = Pipeline::new(g, None)?;
    let input = InputArgs { inputs: inputs.to_vec(), ..InputArgs::default() };
    let mut found = Vec::new();
    let mut skipped = 0;
    process_inputs(&input, &pipeline, &mut skipped, |result| {
        found.extend(result.incidents);
        Ok(())
    })?;
    let measure = BorderMeasure::new(Borders::builtin()?, DEFAULT_BORDER)?;
    let mut incidents = dedup_incidents(g, found)?;
    for inc in &mut incidents {
        inc.assign_id(g);
        inc.measure_border(g, &measure);
    }
    Ok(incidents.iter().map(|i| incident_feature(g, i)).collect())
}

/// The `[lon, lat]` of a point feature on the globe; none for anything
/// [`geometry_problem`] reports.
fn point_of(f: &Feature) -> Option<[f64; 2]> {
    match &f.geometry.as_ref()?.value {
        GeometryValue::Point { coordinates } => match coordinates.as_slice() {
            [lon, lat, ..] if in_world(*lon, *lat) => Some([*lon, *lat]),
            _ => None,
        },
        _ => None,
    }
}

fn with_distance(mut f: Feature, d: Option<f64>) -> Feature {
    if let (Some(d), Some(props)) = (d, f.properties.as_mut()) {
        props.insert("distance_km".into(), JsonValue::from((d * 1000.0).round() / 1000.0));
    }
    f
}

/// The hits as CSV: the `columns`, then longitude, latitude and distance.
/// Text cells go through [`CsvLine::text`], which neutralises formulas;
/// JSON numbers and booleans are written as numbers.
fn write_csv(out: &mut dyn Write, columns: &[String], hits: &[(Feature, Option<f64>)]) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut line = CsvLine::new(&mut buf);
    for name in columns.iter().map(String::as_str).chain(["longitude", "latitude", "distance_km"]) {
        line.text(name);
    }
    line.end();
    for (f, d) in hits {
        let mut line = CsvLine::new(&mut buf);
        for k in columns {
            csv_cell(&mut line, f.property(k));
        }
        match point_of(f) {
            Some([lon, lat]) => {
                line.number(lon);
                line.number(lat);
            }
            None => (0..2).for_each(|_| line.text("")),
        }
        match d {
            Some(d) => line.number(format_args!("{d:.3}")),
            None => line.text(""),
        }
        line.end();
        // Written a line at a time: a reader that stops early (`| head`) stops us early.
        out.write_all(&buf)?;
        buf.clear();
    }
    out.write_all(&buf)
}

/// One property as a CSV cell, typed by its JSON value.
fn csv_cell(line: &mut CsvLine, v: Option<&JsonValue>) {
    match v {
        None | Some(JsonValue::Null) => line.text(""),
        Some(JsonValue::String(s)) => line.text(s),
        Some(n @ (JsonValue::Number(_) | JsonValue::Bool(_))) => line.number(n),
        Some(other) => line.text(&other.to_string()),
    }
}

fn cell(v: Option<&JsonValue>) -> String {
    match v {
        None | Some(JsonValue::Null) => String::new(),
        Some(JsonValue::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn write_table(out: &mut dyn Write, hits: &[(Feature, Option<f64>)]) -> std::io::Result<()> {
    writeln!(out, "{:>9}  {:<10}  {:<28}  {:<24}  what", "km", "date", "type", "where")?;
    for (f, d) in hits {
        let s = |k: &str| cell(f.property(k));
        let kind = if s("sub_event_type").is_empty() { s("feature_type") } else { s("sub_event_type") };
        let place = [s("location"), s("name_en")].into_iter().find(|x| !x.is_empty()).unwrap_or_default();
        let what: String = [s("evidence"), s("name_ar")]
            .into_iter()
            .find(|x| !x.is_empty())
            .unwrap_or_default()
            .chars()
            .take(70)
            .collect();
        let km = d.map(|d| format!("{d:.1}")).unwrap_or_else(|| "-".into());
        writeln!(out, "{km:>9}  {:<10}  {kind:<28}  {place:<24}  {what}", s("event_date"))?;
    }
    Ok(())
}

/// Parse "LAT,LON" into `[lon, lat]`. Latitude comes first, as in most
/// map applications; a point that is only valid the other way round gets
/// an error that says so, since that is the likely slip.
pub fn parse_lat_lon(s: &str) -> anyhow::Result<[f64; 2]> {
    let parts: Vec<f64> =
        s.split(',').map(|x| x.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| bad_point(s, ""))?;
    let [lat, lon] = parts[..] else { return Err(bad_point(s, "")) };
    if is_latitude(lat) && is_longitude(lon) {
        return Ok([lon, lat]);
    }
    let hint = if is_latitude(lon) && is_longitude(lat) {
        format!("; {lat} is no latitude, but {lon},{lat} would be valid: was it LON,LAT?")
    } else {
        String::new()
    };
    Err(bad_point(s, &hint))
}

fn bad_point(s: &str, hint: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "--point {s:?}: expected LAT,LON in degrees, latitude (-90..90) first, then longitude (-180..180), \
         e.g. 34.45,40.92{hint}"
    )
}

/// True for a latitude in degrees (never NaN).
pub fn is_latitude(x: f64) -> bool {
    (-90.0..=90.0).contains(&x)
}

/// True for a longitude in degrees (never NaN).
pub fn is_longitude(x: f64) -> bool {
    (-180.0..=180.0).contains(&x)
}

/// The point of a place name (Arabic or Latin), its best gazetteer match.
pub fn place_point(g: &Gazetteer, name: &str) -> anyhow::Result<([f64; 2], String)> {
    let hit = g
        .lookup(name, 1)
        .into_iter()
        .next()
        .with_context(|| format!("--place {name:?}: no such place in the gazetteer"))?;
    let p = g.place(hit.idx);
    Ok(([p.lon, p.lat], format!("{} ({})", p.name_en, p.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lat_lon_order_and_errors() {
        assert_eq!(parse_lat_lon("34.45, 40.92").unwrap(), [40.92, 34.45]);
        assert!(parse_lat_lon("40.92").is_err());
        assert!(parse_lat_lon("95,40").is_err());
        assert!(parse_lat_lon("nan,40").is_err());
    }

    #[test]
    fn a_point_valid_only_swapped_is_called_so() {
        let err = parse_lat_lon("120,35").unwrap_err().to_string();
        assert!(err.contains("35,120 would be valid"), "{err}");
        let err = parse_lat_lon("120,200").unwrap_err().to_string();
        assert!(!err.contains("would be valid"), "{err}");
    }

    #[test]
    fn bad_geometries_are_named() {
        let point = |c: Vec<f64>| Feature::from(geojson::Geometry::new_point(c));
        assert_eq!(geometry_problem(&point(vec![40.0, 35.0])), None);
        assert!(geometry_problem(&point(vec![400.0, 95.0])).is_some_and(|w| w.contains("outside")));
        assert!(point_of(&point(vec![400.0, 95.0])).is_none());
        let null = Feature { geometry: None, ..point(vec![0.0, 0.0]) };
        assert_eq!(geometry_problem(&null), Some("a null geometry"));
    }
}
