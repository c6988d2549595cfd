//! Writers for the map layers; every file is written atomically, and the
//! layers of a folder are replaced as one set (see [`commit_set`]).

mod acled;
mod atomic;
mod border;
mod commit;
mod csv_line;
mod gpkg;
mod incidents;
mod lock;
mod mentions;
mod places;
mod qgis;
mod webmap;
mod zones;

pub use acled::{
    acled_cells, acled_csvt, civilian_targeting, date_phrase, event_id_cnty, notes, round4, timestamp,
    write_acled_header, write_acled_row, ACLED_COLUMNS, ACLED_FILE,
};
pub use atomic::{write_atomic, AtomicFile};
pub use border::{border_lines, BORDERS_GEOJSON};
pub use commit::{commit_set, recover, settle, OutputError, Recovery, JOURNAL};
pub use csv_line::CsvLine;
pub use gpkg::{
    csv_rows, gp_blob, incidents_layer, layer_of, mentions_layer, rows_of, sql_type, GeoPackage, GpkgError, GpkgLayer,
    GpkgRow, GPKG_FILE,
};
pub use incidents::{
    csvt_line, incident_feature, incident_values, incidents_csvt, render_incident_batch, render_incidents,
    write_incidents_csv, write_incidents_csv_header, ColumnType, RenderedIncidents, INCIDENT_COLUMNS,
};
pub use lock::{FolderLock, LOCK_FILE};
pub use mentions::{mention_rows, mentions_csvt, MENTION_COLUMNS, MENTION_TYPES};
pub use places::{counted_mentions, round6, PlacesLayer, PLACE_COLUMNS};
pub use qgis::{
    acled_style, border_style, incidents_style, mentions_style, places_style, project, project_layers, qgis_files, qml,
    xml_escape, zones_style, LayerStyle, ProjectLayer, EVENT_TYPE_COLOURS, FATALITY_SIZE, PROJECT_EXTENT, PROJECT_FILE,
    QGIS_FILES,
};
pub use webmap::{
    event_colours, push_script_safe, tile_template, webmap_places, write_webmap_head, write_webmap_tail, WebMapContext,
    WebMapError, ROW_COLUMNS, WEBMAP_FILE,
};
pub use zones::zones_collection;

use std::io::Write;

/// The files `hudud map` writes to its folder, replaced together: the
/// layers, the sidecars GDAL reads beside the CSV files (`.csvt` column
/// types, `.prj` coordinate system), the web map, and the QGIS styles
/// and project ([`QGIS_FILES`]) and the GeoPackage.
pub const LAYER_FILES: [&str; 22] = [
    "places.geojson",
    "incidents.geojson",
    "incidents.csv",
    "incidents.csvt",
    "incidents.prj",
    "mentions.csv",
    "mentions.csvt",
    "mentions.prj",
    ACLED_FILE,
    "incidents_acled.csvt",
    "incidents_acled.prj",
    "border.geojson",
    "border_zones.geojson",
    WEBMAP_FILE,
    "incidents.qml",
    "incidents_acled.qml",
    "places.qml",
    "mentions.qml",
    "border.qml",
    "border_zones.qml",
    PROJECT_FILE,
    GPKG_FILE,
];

/// The `.prj` sidecar of every CSV layer: WGS 84 (EPSG:4326) as WKT 1 with
/// its EPSG authority, which GDAL's CSV driver reads as the layer's
/// coordinate system (it ignores the CRS otherwise; QGIS takes it from the
/// delimited-text URI).
pub const WGS84_PRJ: &str = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,\
AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],\
UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]\n";

/// What separates the items of a list property in its `_joined` form.
pub const LIST_SEPARATOR: &str = "; ";

/// A list property as two scalar properties every GDAL driver keeps (a
/// JSON list is read as a string list, which GeoPackage turns to text with
/// a warning and FlatGeobuf cannot write): the list as JSON text, exact,
/// and its items joined with [`LIST_SEPARATOR`], for reading and labels.
///
/// ```
/// let (json, joined) = hudud::output::list_properties(["a.txt", "b; c"]);
/// assert_eq!(json, r#"["a.txt","b; c"]"#);
/// assert_eq!(joined, "a.txt; b; c");
/// ```
pub fn list_properties<'a>(items: impl IntoIterator<Item = &'a str>) -> (String, String) {
    let items: Vec<&str> = items.into_iter().collect();
    // A list of strings always serialises; the fallback is never taken.
    let json = serde_json::to_string(&items).unwrap_or_else(|_| "[]".to_string());
    (json, items.join(LIST_SEPARATOR))
}

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
