//! Writers for the map layers; every file is written atomically, and the
//! layers of a folder are replaced as one set (see [`commit_set`]).

mod atomic;
mod border;
mod commit;
mod csv_line;
mod incidents;
mod lock;
mod mentions;
mod places;
mod zones;

pub use atomic::{write_atomic, AtomicFile};
pub use border::{border_lines, BORDERS_GEOJSON};
pub use commit::{commit_set, recover, settle, OutputError, Recovery, JOURNAL};
pub use csv_line::CsvLine;
pub use incidents::{
    incident_feature, incident_values, incidents_csvt, render_incident_batch, render_incidents, write_incidents_csv,
    write_incidents_csv_header, ColumnType, RenderedIncidents, INCIDENT_COLUMNS,
};
pub use lock::{FolderLock, LOCK_FILE};
pub use mentions::{mention_rows, MENTION_COLUMNS};
pub use places::{counted_mentions, round6, PlacesLayer, PLACE_COLUMNS};
pub use zones::zones_collection;

use std::io::Write;

/// The files `hudud map` writes to its folder, replaced together.
pub const LAYER_FILES: [&str; 7] = [
    "places.geojson",
    "incidents.geojson",
    "incidents.csv",
    "incidents.csvt",
    "mentions.csv",
    "border.geojson",
    "border_zones.geojson",
];

/// Serialise a FeatureCollection as GeoJSON, one feature per line, so
/// diffs stay readable and files stream well.
pub fn write_feature_collection(w: &mut dyn Write, fc: &geojson::FeatureCollection) -> std::io::Result<()> {
    w.write_all(FEATURES_START)?;
    for (i, f) in fc.features.iter().enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut *w, f)?;
    }
    w.write_all(FEATURES_END)
}

/// Write features as a FeatureCollection as they are produced: only one
/// feature is in memory at a time.
pub fn write_features(w: &mut dyn Write, features: impl Iterator<Item = geojson::Feature>) -> std::io::Result<()> {
    w.write_all(FEATURES_START)?;
    for (i, f) in features.enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut *w, &f)?;
    }
    w.write_all(FEATURES_END)
}

/// What opens a FeatureCollection written by [`write_features`].
pub const FEATURES_START: &[u8] = b"{\"type\":\"FeatureCollection\",\"features\":[\n";
/// What closes it.
pub const FEATURES_END: &[u8] = b"\n]}\n";
