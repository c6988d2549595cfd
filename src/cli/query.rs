//! What `near`, `within` and `nearest` share: where features come from,
//! the filters users ask for, and the output formats.

use super::{process_inputs, GazetteerArgs, InputArgs};
use crate::gazetteer::Gazetteer;
use crate::incidents::dedup_incidents;
use crate::output::{incident_feature, write_feature_collection};
use crate::pipeline::Pipeline;
use crate::spatial::{BorderMeasure, Borders, DEFAULT_BORDER};
use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use geojson::{Feature, FeatureCollection, GeoJson, JsonValue};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

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
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Keep events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Keep events on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Keep events whose actor (English or Arabic) contains this text.
    #[arg(long, value_name = "TEXT")]
    pub actor: Option<String>,
    /// Keep events located at least this precisely (1 = the place itself,
    /// 2 = near it, 3 = governorate or region).
    #[arg(long, value_name = "1|2|3")]
    pub min_precision: Option<u8>,
    /// Output format (default: table on a terminal, GeoJSON otherwise).
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// A feature with its point (if any), ready for queries.
pub struct Located {
    /// The feature.
    pub feature: Feature,
    /// Its `[lon, lat]`, if it has a point geometry.
    pub point: Option<[f64; 2]>,
}

impl QueryArgs {
    /// Load, extract and filter the features.
    pub fn features(&self, g: &Gazetteer) -> anyhow::Result<Vec<Located>> {
        let features = match (&self.layer, self.inputs.is_empty()) {
            (Some(path), _) => read_layer(path)?,
            (None, false) => extract_features(g, &self.inputs)?,
            (None, true) => bail!("give a --layer FILE written by `hudud map`, or articles to read"),
        };
        Ok(features
            .into_iter()
            .filter(|f| self.keeps(f))
            .map(|feature| Located { point: point_of(&feature), feature })
            .collect())
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

    /// Print the hits (feature, distance km) in the chosen format;
    /// `what` describes the query for the empty-result message.
    pub fn print(&self, hits: Vec<(Feature, Option<f64>)>, what: &str) -> anyhow::Result<()> {
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
            QueryFormat::Csv => write_csv(&mut out, hits)?,
            QueryFormat::Table if hits.is_empty() => writeln!(out, "no features {what}")?,
            QueryFormat::Table => write_table(&mut out, &hits)?,
        }
        out.flush().context("writing to standard output")
    }
}

fn read_layer(path: &PathBuf) -> anyhow::Result<Vec<Feature>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    match text.parse::<GeoJson>().with_context(|| format!("{}: not GeoJSON", path.display()))? {
        GeoJson::FeatureCollection(fc) => Ok(fc.features),
        _ => bail!("{}: expected a FeatureCollection", path.display()),
    }
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

fn point_of(f: &Feature) -> Option<[f64; 2]> {
    match &f.geometry.as_ref()?.value {
        geojson::GeometryValue::Point { coordinates } => {
            Some([*coordinates.as_slice().first()?, *coordinates.as_slice().get(1)?])
        }
        _ => None,
    }
}

fn with_distance(mut f: Feature, d: Option<f64>) -> Feature {
    if let (Some(d), Some(props)) = (d, f.properties.as_mut()) {
        props.insert("distance_km".into(), JsonValue::from((d * 1000.0).round() / 1000.0));
    }
    f
}

fn write_csv(out: &mut dyn Write, hits: Vec<(Feature, Option<f64>)>) -> anyhow::Result<()> {
    let mut keys: Vec<String> = Vec::new();
    for (f, _) in &hits {
        for k in f.properties.iter().flat_map(|p| p.keys()) {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    let mut w = csv::Writer::from_writer(out);
    let mut header = keys.clone();
    header.extend(["longitude", "latitude", "distance_km"].map(String::from));
    w.write_record(&header)?;
    for (f, d) in &hits {
        let mut row: Vec<String> = keys.iter().map(|k| cell(f.property(k))).collect();
        let p = point_of(f);
        row.push(p.map(|p| p[0].to_string()).unwrap_or_default());
        row.push(p.map(|p| p[1].to_string()).unwrap_or_default());
        row.push(d.map(|d| format!("{:.3}", d)).unwrap_or_default());
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
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

/// Parse "LAT,LON" into `[lon, lat]`.
pub fn parse_lat_lon(s: &str) -> anyhow::Result<[f64; 2]> {
    let parts: Vec<f64> =
        s.split(',').map(|x| x.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| bad_point(s))?;
    match parts.as_slice() {
        [lat, lon] if (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon) => Ok([*lon, *lat]),
        _ => Err(bad_point(s)),
    }
}

fn bad_point(s: &str) -> anyhow::Error {
    anyhow::anyhow!("--point {s:?}: expected LAT,LON in degrees, e.g. 34.45,40.92")
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
    }
}
