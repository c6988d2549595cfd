//! `hudud.gpkg`: every layer in one OGC GeoPackage (1.2), written with
//! SQLite (rusqlite, bundled) table by table: typed columns (DATE, INTEGER,
//! REAL, TEXT; list fields stay JSON text), GeoPackage geometry blobs with
//! their envelope, and an R-tree spatial index per layer (the
//! `gpkg_rtree_index` extension, filled as rows are written, with the
//! spec's triggers for later edits).
//!
//! The same layers give the same bytes: a fixed page size, rows in a fixed
//! order, no journal, and no clock: `gpkg_contents.last_change` is the
//! latest incident date (see [`GeoPackage::finish`]).

use super::ColumnType;
use geojson::{FeatureCollection, GeometryValue as GeoValue, JsonValue, Position};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};

/// The GeoPackage file `hudud map` writes beside the layers.
pub const GPKG_FILE: &str = "hudud.gpkg";

/// What can go wrong writing a GeoPackage.
#[derive(Debug, thiserror::Error)]
pub enum GpkgError {
    /// SQLite refused a statement.
    #[error("{path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    /// A layer's file could not be read back.
    #[error("reading {path} for the GeoPackage: {source}")]
    Read { path: PathBuf, source: csv::Error },
}

/// One row: its point or other geometry, and its values in column order.
#[derive(Debug, Clone, PartialEq)]
pub struct GpkgRow {
    /// The geometry, or `None` for a feature without one.
    pub geometry: Option<GeoValue>,
    /// The attribute values, in the layer's column order.
    pub values: Vec<Value>,
}

/// A layer's table: its name, geometry type (`POINT`, `LINESTRING`,
/// `MULTIPOLYGON`, `GEOMETRY`) and typed columns.
#[derive(Debug, Clone, PartialEq)]
pub struct GpkgLayer {
    /// Table name, also the layer name GDAL and QGIS show.
    pub name: String,
    /// The geometry type name of `gpkg_geometry_columns`.
    pub geometry_type: &'static str,
    /// Column names and types.
    pub columns: Vec<(String, ColumnType)>,
}

/// The SQL type of a column: the GeoPackage names GDAL maps back to its
/// field types (DATE to Date, INTEGER to Integer64, REAL to Real).
pub fn sql_type(t: ColumnType) -> &'static str {
    match t {
        ColumnType::String => "TEXT",
        ColumnType::Integer | ColumnType::Integer64 => "INTEGER",
        ColumnType::Real | ColumnType::CoordX | ColumnType::CoordY => "REAL",
        ColumnType::Date => "DATE",
    }
}

/// A GeoPackage being written; nothing is visible to others until the
/// caller commits the file (it is written to a temporary path).
pub struct GeoPackage {
    conn: Connection,
    path: PathBuf,
    /// Per layer written: name, envelope of its geometries.
    layers: Vec<(String, Option<[f64; 4]>)>,
    /// The latest `YYYY-MM-DD` date seen, for `last_change`.
    latest: String,
}

const WGS84_WKT: &str = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,\
AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],\
UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";

/// The GeoPackage system tables (spec 1.2, tables 1.1.2–1.1.4 and the
/// extensions table) and their required coordinate systems.
const SCHEMA: &str = "
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
  definition TEXT NOT NULL, scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
";

impl GeoPackage {
    /// Start a GeoPackage at `path` (an empty or missing file).
    pub fn create(path: &Path) -> Result<Self, GpkgError> {
        let err = |source| GpkgError::Sqlite { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(err)?;
        // No journal and no syncs: the file is a temporary one, synced and
        // renamed into place by the caller, or removed on failure. A 16 MB
        // page cache keeps SQLite from writing pages out one by one.
        conn.execute_batch(
            "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384;
             PRAGMA application_id = 1196444487; PRAGMA user_version = 10200; BEGIN;",
        )
        .map_err(err)?;
        conn.execute_batch(SCHEMA).map_err(err)?;
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, ?1, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')",
            [WGS84_WKT],
        )
        .map_err(err)?;
        Ok(GeoPackage { conn, path: path.to_path_buf(), layers: Vec::new(), latest: String::new() })
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> GpkgError + '_ {
        move |source| GpkgError::Sqlite { path: self.path.clone(), source }
    }

    /// Create a layer's table, its R-tree and its metadata rows; rows are
    /// then added with [`GeoPackage::insert`].
    pub fn add_layer(&mut self, layer: &GpkgLayer) -> Result<(), GpkgError> {
        let t = &layer.name;
        let mut ddl =
            format!("CREATE TABLE {} (fid INTEGER PRIMARY KEY NOT NULL, geom {}", quote(t), layer.geometry_type);
        for (name, ty) in &layer.columns {
            ddl.push_str(&format!(", {} {}", quote(name), sql_type(*ty)));
        }
        ddl.push_str(");");
        ddl.push_str(&format!(
            "CREATE VIRTUAL TABLE {} USING rtree(id, minx, maxx, miny, maxy);",
            quote(&format!("rtree_{t}_geom"))
        ));
        self.conn.execute_batch(&ddl).map_err(self.err())?;
        self.conn
            .execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) VALUES (?1, 'features', ?1, '', '', 4326)", [t])
            .map_err(self.err())?;
        self.conn
            .execute(
                "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, 4326, 0, 0)",
                params![t, layer.geometry_type],
            )
            .map_err(self.err())?;
        self.conn
            .execute(
                "INSERT INTO gpkg_extensions VALUES (?1, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
                [t],
            )
            .map_err(self.err())?;
        self.layers.push((t.clone(), None));
        Ok(())
    }

    /// Add rows to the layer added last, in order (their fid is their
    /// position, from 1), each indexed in the layer's R-tree. The latest
    /// value of a DATE column is kept for `last_change`.
    pub fn insert<R: std::borrow::Borrow<GpkgRow>>(
        &mut self,
        layer: &GpkgLayer,
        rows: impl IntoIterator<Item = R>,
    ) -> Result<(), GpkgError> {
        let dates: Vec<usize> =
            layer.columns.iter().enumerate().filter(|(_, (_, t))| *t == ColumnType::Date).map(|(i, _)| i).collect();
        let mut extent = self.layers.last().and_then(|l| l.1);
        let mut latest = std::mem::take(&mut self.latest);
        {
            let (mut insert, mut index) = self.statements(layer)?;
            let err = |source| GpkgError::Sqlite { path: self.path.clone(), source };
            for row in rows {
                let row = row.borrow();
                for &i in &dates {
                    if let Some(Value::Text(d)) = row.values.get(i) {
                        if d.len() == 10 && d.as_str() > latest.as_str() {
                            latest.clone_from(d);
                        }
                    }
                }
                let (geom, env) = match row.geometry.as_ref().and_then(gp_blob) {
                    Some((blob, env)) => (Value::Blob(blob), Some(env)),
                    None => (Value::Null, None),
                };
                insert.execute(rusqlite::params_from_iter(std::iter::once(&geom).chain(&row.values))).map_err(err)?;
                if let Some([x0, x1, y0, y1]) = env {
                    index.execute(params![self.conn.last_insert_rowid(), x0, x1, y0, y1]).map_err(err)?;
                    extent = Some(
                        extent.map_or([x0, x1, y0, y1], |e| [e[0].min(x0), e[1].max(x1), e[2].min(y0), e[3].max(y1)]),
                    );
                }
            }
        }
        self.latest = latest;
        if let Some(last) = self.layers.last_mut() {
            last.1 = extent;
        }
        Ok(())
    }

    /// The prepared inserts into a layer's table and its R-tree.
    fn statements(
        &self,
        layer: &GpkgLayer,
    ) -> Result<(rusqlite::CachedStatement<'_>, rusqlite::CachedStatement<'_>), GpkgError> {
        let t = &layer.name;
        let marks: Vec<String> = (0..=layer.columns.len()).map(|i| format!("?{}", i + 1)).collect();
        let sql = format!("INSERT INTO {} VALUES (NULL, {})", quote(t), marks.join(", "));
        let rtree = format!("INSERT INTO {} VALUES (?1, ?2, ?3, ?4, ?5)", quote(&format!("rtree_{t}_geom")));
        let insert = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let index = self.conn.prepare_cached(&rtree).map_err(self.err())?;
        Ok((insert, index))
    }

    /// Fill each layer's extent and `last_change` (the latest incident
    /// date at 00:00 UTC, or 1970-01-01 without one: a value derived from
    /// the data, where a clock would make runs differ), add the R-tree
    /// triggers the spec asks for (they call functions GDAL and QGIS
    /// provide, so they come after the rows), and close the file.
    pub fn finish(self) -> Result<(), GpkgError> {
        let date = if self.latest.is_empty() { "1970-01-01" } else { &self.latest };
        let stamp = format!("{date}T00:00:00.000Z");
        for (t, extent) in &self.layers {
            let e = extent.unwrap_or([0.0; 4]);
            let (x0, x1, y0, y1) = if extent.is_some() {
                (Some(e[0]), Some(e[1]), Some(e[2]), Some(e[3]))
            } else {
                (None, None, None, None)
            };
            self.conn
                .execute(
                    "UPDATE gpkg_contents SET last_change = ?2, min_x = ?3, max_x = ?4, min_y = ?5, max_y = ?6 WHERE table_name = ?1",
                    params![t, stamp, x0, x1, y0, y1],
                )
                .map_err(self.err())?;
            self.conn.execute_batch(&rtree_triggers(t)).map_err(self.err())?;
        }
        self.conn.execute_batch("COMMIT;").map_err(self.err())?;
        let path = self.path.clone();
        self.conn.close().map_err(|(_, source)| GpkgError::Sqlite { path, source })
    }
}

/// `name` as an SQL identifier.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The R-tree triggers of GeoPackage 1.2 (extension F.3) for `t`.`geom`.
fn rtree_triggers(t: &str) -> String {
    let r = quote(&format!("rtree_{t}_geom"));
    let n = |suffix: &str| quote(&format!("rtree_{t}_geom_{suffix}"));
    let t = quote(t);
    let values = "NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)";
    format!(
        "CREATE TRIGGER {i} AFTER INSERT ON {t} WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN INSERT OR REPLACE INTO {r} VALUES ({values}); END;
CREATE TRIGGER {u1} AFTER UPDATE OF geom ON {t} WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN INSERT OR REPLACE INTO {r} VALUES ({values}); END;
CREATE TRIGGER {u2} AFTER UPDATE OF geom ON {t} WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
BEGIN DELETE FROM {r} WHERE id = OLD.fid; END;
CREATE TRIGGER {u3} AFTER UPDATE ON {t} WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN DELETE FROM {r} WHERE id = OLD.fid; INSERT OR REPLACE INTO {r} VALUES ({values}); END;
CREATE TRIGGER {u4} AFTER UPDATE ON {t} WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
BEGIN DELETE FROM {r} WHERE id IN (OLD.fid, NEW.fid); END;
CREATE TRIGGER {d} AFTER DELETE ON {t} WHEN old.geom NOT NULL
BEGIN DELETE FROM {r} WHERE id = OLD.fid; END;",
        i = n("insert"),
        u1 = n("update1"),
        u2 = n("update2"),
        u3 = n("update3"),
        u4 = n("update4"),
        d = n("delete"),
    )
}

/// A geometry as a GeoPackage blob (header `GP`, version 0, little-endian,
/// SRS 4326, an XY envelope except for points, then WKB) with its envelope
/// (min x, max x, min y, max y); `None` for a type GeoPackage layers here
/// do not hold (collections) or no coordinates.
pub fn gp_blob(geometry: &GeoValue) -> Option<(Vec<u8>, [f64; 4])> {
    let mut wkb = Vec::with_capacity(64);
    let mut env = [f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY];
    write_wkb(&mut wkb, geometry, &mut env)?;
    if !env[0].is_finite() {
        return None;
    }
    let point = matches!(geometry, GeoValue::Point { .. });
    let mut out = Vec::with_capacity(wkb.len() + 40);
    out.extend_from_slice(b"GP\0");
    // Flags: bit 0 little-endian; bits 1-3 envelope type (1: XY).
    out.push(if point { 0x01 } else { 0x03 });
    out.extend_from_slice(&4326i32.to_le_bytes());
    if !point {
        env.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
    }
    out.extend_from_slice(&wkb);
    Some((out, env))
}

fn write_wkb(out: &mut Vec<u8>, g: &GeoValue, env: &mut [f64; 4]) -> Option<()> {
    match g {
        GeoValue::Point { coordinates } => write_point(out, coordinates, env),
        GeoValue::LineString { coordinates } => write_line(out, coordinates, env),
        GeoValue::Polygon { coordinates } => write_polygon(out, coordinates, env),
        GeoValue::MultiPoint { coordinates } => write_multi(out, 4, coordinates, write_point, env),
        GeoValue::MultiLineString { coordinates } => {
            write_multi(out, 5, coordinates, |o, l, e| write_line(o, l, e), env)
        }
        GeoValue::MultiPolygon { coordinates } => {
            write_multi(out, 6, coordinates, |o, p, e| write_polygon(o, p, e), env)
        }
        GeoValue::GeometryCollection { .. } => None,
    }
}

/// A WKB geometry's start: little-endian, then its type code.
fn wkb_header(out: &mut Vec<u8>, code: u32) {
    out.push(1);
    out.extend_from_slice(&code.to_le_bytes());
}

fn write_count(out: &mut Vec<u8>, n: usize) -> Option<()> {
    out.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
    Some(())
}

fn write_point(out: &mut Vec<u8>, p: &Position, env: &mut [f64; 4]) -> Option<()> {
    wkb_header(out, 1);
    write_position(out, p, env)
}

fn write_line(out: &mut Vec<u8>, line: &[Position], env: &mut [f64; 4]) -> Option<()> {
    wkb_header(out, 2);
    write_count(out, line.len())?;
    line.iter().try_for_each(|p| write_position(out, p, env))
}

fn write_polygon(out: &mut Vec<u8>, rings: &[Vec<Position>], env: &mut [f64; 4]) -> Option<()> {
    wkb_header(out, 3);
    write_count(out, rings.len())?;
    for ring in rings {
        write_count(out, ring.len())?;
        ring.iter().try_for_each(|p| write_position(out, p, env))?;
    }
    Some(())
}

/// A multi-geometry of type `code`: its parts, each a whole WKB geometry.
fn write_multi<P>(
    out: &mut Vec<u8>,
    code: u32,
    parts: &[P],
    each: impl Fn(&mut Vec<u8>, &P, &mut [f64; 4]) -> Option<()>,
    env: &mut [f64; 4],
) -> Option<()> {
    wkb_header(out, code);
    write_count(out, parts.len())?;
    parts.iter().try_for_each(|p| each(out, p, env))
}

fn write_position(out: &mut Vec<u8>, p: &Position, env: &mut [f64; 4]) -> Option<()> {
    let (&x, &y) = (p.as_slice().first()?, p.as_slice().get(1)?);
    out.extend_from_slice(&x.to_le_bytes());
    out.extend_from_slice(&y.to_le_bytes());
    *env = [env[0].min(x), env[1].max(x), env[2].min(y), env[3].max(y)];
    Some(())
}

/// A layer for the features of `fc`, its columns those of the first
/// feature, each typed by the values it holds (text if any is text, else
/// integer if all are, else real) unless `types` names it.
pub fn layer_of(name: &str, fc: &FeatureCollection, types: &[(&str, ColumnType)]) -> GpkgLayer {
    let names: Vec<String> = fc
        .features
        .first()
        .and_then(|f| f.properties.as_ref())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    let columns = names
        .into_iter()
        .map(|n| {
            let given = types.iter().find(|(t, _)| *t == n).map(|(_, ty)| *ty);
            let ty = given.unwrap_or_else(|| infer_type(fc, &n));
            (n, ty)
        })
        .collect();
    GpkgLayer { name: name.to_string(), geometry_type: geometry_type_of(fc), columns }
}

fn infer_type(fc: &FeatureCollection, column: &str) -> ColumnType {
    let values = fc.features.iter().filter_map(|f| f.property(column)).filter(|v| !v.is_null());
    let (mut numbers, mut integers, mut any) = (true, true, false);
    for v in values {
        any = true;
        numbers &= v.is_number();
        integers &= v.is_i64() || v.is_u64();
    }
    match (any && numbers, integers) {
        (true, true) => ColumnType::Integer,
        (true, false) => ColumnType::Real,
        _ => ColumnType::String,
    }
}

/// The one geometry type of all features, or `GEOMETRY` when they differ.
fn geometry_type_of(fc: &FeatureCollection) -> &'static str {
    let name = |g: &GeoValue| match g {
        GeoValue::Point { .. } => "POINT",
        GeoValue::LineString { .. } => "LINESTRING",
        GeoValue::Polygon { .. } => "POLYGON",
        GeoValue::MultiPoint { .. } => "MULTIPOINT",
        GeoValue::MultiLineString { .. } => "MULTILINESTRING",
        GeoValue::MultiPolygon { .. } => "MULTIPOLYGON",
        GeoValue::GeometryCollection { .. } => "GEOMETRY",
    };
    let mut types = fc.features.iter().filter_map(|f| f.geometry.as_ref()).map(|g| name(&g.value));
    let first = types.next().unwrap_or("GEOMETRY");
    if types.all(|t| t == first) {
        first
    } else {
        "GEOMETRY"
    }
}

/// The rows of `fc` for `layer`: values by column name, typed as the
/// column is (a JSON list or object is kept as its JSON text).
pub fn rows_of<'a>(layer: &'a GpkgLayer, fc: &'a FeatureCollection) -> impl Iterator<Item = GpkgRow> + 'a {
    fc.features.iter().map(move |f| GpkgRow {
        geometry: f.geometry.as_ref().map(|g| g.value.clone()),
        values: layer.columns.iter().map(|(n, ty)| sql_value(f.property(n), *ty)).collect(),
    })
}

fn sql_value(v: Option<&JsonValue>, ty: ColumnType) -> Value {
    match v {
        None | Some(JsonValue::Null) => Value::Null,
        Some(JsonValue::String(s)) => Value::Text(s.clone()),
        Some(JsonValue::Bool(b)) => Value::Integer(i64::from(*b)),
        Some(JsonValue::Number(n)) => match (sql_type(ty), n.as_i64()) {
            ("INTEGER", Some(i)) => Value::Integer(i),
            ("TEXT", _) => Value::Text(n.to_string()),
            _ => n.as_f64().map_or(Value::Null, Value::Real),
        },
        Some(other) => Value::Text(other.to_string()),
    }
}

/// The rows of a CSV layer (with a header; `longitude`/`latitude` columns
/// give the point) as typed by `columns`; `None` where the file has no
/// such column.
pub fn csv_rows(path: &Path, columns: &[(String, ColumnType)]) -> Result<Vec<GpkgRow>, GpkgError> {
    let read_err = |source| GpkgError::Read { path: path.to_path_buf(), source };
    let mut reader = csv::Reader::from_path(path).map_err(read_err)?;
    let header = reader.headers().map_err(read_err)?.clone();
    let at = |name: &str| header.iter().position(|h| h == name);
    let index: Vec<Option<usize>> = columns.iter().map(|(n, _)| at(n)).collect();
    let (lon, lat) = (at("longitude"), at("latitude"));
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(read_err)?;
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).filter(|s| !s.is_empty());
        let coordinate = |i| cell(i).and_then(|s| s.parse::<f64>().ok());
        let geometry =
            coordinate(lon).zip(coordinate(lat)).map(|(x, y)| GeoValue::Point { coordinates: [x, y].into() });
        let values = index.iter().zip(columns).map(|(i, (_, ty))| csv_value(cell(*i), *ty)).collect();
        rows.push(GpkgRow { geometry, values });
    }
    Ok(rows)
}

fn csv_value(cell: Option<&str>, ty: ColumnType) -> Value {
    let Some(s) = cell else { return Value::Null };
    match sql_type(ty) {
        "INTEGER" => s.parse().map_or_else(|_| Value::Text(s.to_string()), Value::Integer),
        "REAL" => s.parse().map_or_else(|_| Value::Text(s.to_string()), Value::Real),
        _ => Value::Text(unneutralised(s).to_string()),
    }
}

/// A CSV text cell as the value it stands for: hudud's CSV writers put a
/// `'` before text that a spreadsheet would run as a formula (see
/// `CsvLine`); the GeoPackage, like the GeoJSON, keeps the value as given.
fn unneutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The incidents layer: [`INCIDENT_COLUMNS`](super::INCIDENT_COLUMNS) as
/// typed there (`event_date` a DATE), points.
pub fn incidents_layer() -> GpkgLayer {
    let columns = super::INCIDENT_COLUMNS.iter().map(|(n, t)| (n.to_string(), *t)).collect();
    GpkgLayer { name: "incidents".to_string(), geometry_type: "POINT", columns }
}

/// The mentions layer: mentions.csv's columns and types, points.
pub fn mentions_layer() -> GpkgLayer {
    let columns = super::MENTION_COLUMNS.iter().zip(super::MENTION_TYPES).map(|(n, t)| (n.to_string(), t)).collect();
    GpkgLayer { name: "mentions".to_string(), geometry_type: "POINT", columns }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, y: f64) -> GeoValue {
        GeoValue::Point { coordinates: [x, y].into() }
    }

    #[test]
    fn a_point_blob_is_header_srs_and_wkb() {
        let (blob, env) = gp_blob(&point(40.5, 35.25)).unwrap();
        assert_eq!(&blob[..4], b"GP\0\x01", "magic, version 0, little-endian, no envelope");
        assert_eq!(&blob[4..8], &4326i32.to_le_bytes());
        assert_eq!(blob[8], 1, "WKB little-endian");
        assert_eq!(&blob[9..13], &1u32.to_le_bytes(), "WKB point");
        assert_eq!(&blob[13..21], &40.5f64.to_le_bytes());
        assert_eq!(blob.len(), 8 + 21);
        assert_eq!(env, [40.5, 40.5, 35.25, 35.25]);
    }

    #[test]
    fn other_blobs_carry_their_envelope() {
        let line = GeoValue::LineString { coordinates: vec![[1.0, 5.0].into(), [3.0, -2.0].into()] };
        let (blob, env) = gp_blob(&line).unwrap();
        assert_eq!(blob[3], 0x03, "little-endian, XY envelope");
        assert_eq!(env, [1.0, 3.0, -2.0, 5.0]);
        assert_eq!(&blob[8..16], &1.0f64.to_le_bytes(), "envelope min x first");
        assert_eq!(blob.len(), 8 + 32 + 1 + 4 + 4 + 2 * 16);
        assert!(gp_blob(&GeoValue::GeometryCollection { geometries: vec![] }).is_none());
    }

    #[test]
    fn columns_are_typed_by_their_values() {
        let fc: FeatureCollection = serde_json::from_str(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"n":1,"x":1.5,"s":"a","e":null,"d":"2025-01-02"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[3,4]},"properties":{"n":2,"x":2,"s":"b","e":null,"d":null}}]}"#,
        )
        .unwrap();
        let layer = layer_of("t", &fc, &[("d", ColumnType::Date)]);
        let types: Vec<&str> = layer.columns.iter().map(|(_, t)| sql_type(*t)).collect();
        assert_eq!(types, ["INTEGER", "REAL", "TEXT", "TEXT", "DATE"]);
        assert_eq!(layer.geometry_type, "POINT");
        let rows: Vec<GpkgRow> = rows_of(&layer, &fc).collect();
        assert_eq!(rows[1].values[1], Value::Real(2.0));
        assert_eq!(rows[0].values[3], Value::Null);
    }

    #[test]
    fn formula_guards_are_taken_off() {
        assert_eq!(unneutralised("'=cmd"), "=cmd");
        assert_eq!(unneutralised("'quoted"), "'quoted");
        assert_eq!(unneutralised("-1"), "-1");
    }

    #[test]
    fn a_written_package_reads_back_with_its_index_and_dates() {
        let dir = std::env::temp_dir().join(format!("hudud-gpkg-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.gpkg");
        let _ = std::fs::remove_file(&path);
        let layer = GpkgLayer {
            name: "t".into(),
            geometry_type: "POINT",
            columns: vec![("day".into(), ColumnType::Date), ("n".into(), ColumnType::Integer)],
        };
        let row = |x, day: &str| GpkgRow {
            geometry: Some(point(x, 1.0)),
            values: vec![Value::Text(day.into()), Value::Integer(7)],
        };
        let mut gpkg = GeoPackage::create(&path).unwrap();
        gpkg.add_layer(&layer).unwrap();
        gpkg.insert(
            &layer,
            [
                row(1.0, "2025-03-01"),
                row(2.0, "2025-04-30"),
                GpkgRow { geometry: None, values: vec![Value::Null, Value::Null] },
            ],
        )
        .unwrap();
        gpkg.finish().unwrap();
        let conn = Connection::open(&path).unwrap();
        let q = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, String>(0)).unwrap();
        assert_eq!(q("SELECT last_change FROM gpkg_contents"), "2025-04-30T00:00:00.000Z");
        assert_eq!(q("SELECT min_x || ',' || max_x FROM gpkg_contents"), "1.0,2.0");
        assert_eq!(q("SELECT count(*) || '' FROM rtree_t_geom"), "2");
        assert_eq!(q("SELECT count(*) || '' FROM t"), "3");
        assert_eq!(q("SELECT typeof(day) || typeof(n) FROM t LIMIT 1"), "textinteger");
        let id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
        assert_eq!(id, 0x4750_4B47, "'GPKG'");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
