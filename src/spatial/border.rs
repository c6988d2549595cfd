//! The region's borders: named lines, country polygons, and fast exact
//! distance to a line through an R-tree of its segments.

use super::geodesy::{point_segment_km, LowerBoundPlane};
use crate::output::BORDERS_GEOJSON;
use geo::{BoundingRect, Contains, Intersects, MultiPolygon, Point, Rect};
use geojson::GeoJson;
use rstar::primitives::{GeomWithData, Line as RLine};
use rstar::RTree;
use thiserror::Error;

/// The default border: Iraq–Syria.
pub const DEFAULT_BORDER: &str = "iq-sy";

/// Border ids users may name.
pub const BORDER_IDS: &[&str] = &["iq-sy", "sy-tr", "iq-tr", "sy-jo", "iq-jo", "sy-lb"];

/// What can go wrong with the border data or a border name.
#[derive(Debug, Error)]
pub enum BorderError {
    /// The built-in borders file does not parse.
    #[error("built-in borders.geojson is malformed: {0}")]
    Data(String),
    /// No border has that id.
    #[error("unknown border `{0}`: expected one of iq-sy, sy-tr, iq-tr, sy-jo, iq-jo, sy-lb")]
    Unknown(String),
}

/// One border line.
#[derive(Debug, Clone)]
pub struct BorderLine {
    /// Id such as `iq-sy`.
    pub id: String,
    /// English name.
    pub name: String,
    /// Vertices, `[lon, lat]`.
    pub coords: Vec<[f64; 2]>,
}

/// The built-in borders and country polygons.
#[derive(Debug, Clone)]
pub struct Borders {
    /// Border lines, in file order.
    pub lines: Vec<BorderLine>,
    /// Country polygons by ISO2 code, in file order.
    pub countries: Vec<(String, MultiPolygon<f64>)>,
    /// The bounding box of each of `countries`: most points fall outside
    /// most of them, which a box tells without walking thousands of
    /// vertices.
    bounds: Vec<Option<Rect<f64>>>,
}

impl Borders {
    /// Parse the built-in borders file.
    pub fn builtin() -> Result<Self, BorderError> {
        let GeoJson::FeatureCollection(fc) =
            BORDERS_GEOJSON.parse::<GeoJson>().map_err(|e| BorderError::Data(e.to_string()))?
        else {
            return Err(BorderError::Data("not a FeatureCollection".into()));
        };
        let mut lines = Vec::new();
        let mut countries = Vec::new();
        for f in fc.features {
            let prop = |k: &str| f.property(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let (kind, id, name) = (prop("kind"), prop("id"), prop("name"));
            let Some(geometry) = f.geometry else { continue };
            let geom: geo::Geometry<f64> =
                geometry.try_into().map_err(|e: geojson::Error| BorderError::Data(e.to_string()))?;
            match (kind.as_str(), geom) {
                ("border", geo::Geometry::LineString(ls)) => {
                    lines.push(BorderLine { id, name, coords: ls.coords().map(|c| [c.x, c.y]).collect() })
                }
                ("border", geo::Geometry::MultiLineString(mls)) => lines.push(BorderLine {
                    id,
                    name,
                    coords: mls.0.iter().flat_map(|ls| ls.coords().map(|c| [c.x, c.y])).collect(),
                }),
                ("country", geo::Geometry::Polygon(p)) => countries.push((id, MultiPolygon::new(vec![p]))),
                ("country", geo::Geometry::MultiPolygon(mp)) => countries.push((id, mp)),
                _ => {}
            }
        }
        let bounds = countries.iter().map(|(_, mp)| mp.bounding_rect()).collect();
        Ok(Borders { lines, countries, bounds })
    }

    /// The border with this id (`iq-sy`; `sy-iq` is accepted too).
    pub fn line(&self, id: &str) -> Result<&BorderLine, BorderError> {
        let id = id.to_ascii_lowercase();
        let flipped: String = id.split('-').rev().collect::<Vec<_>>().join("-");
        self.lines.iter().find(|l| l.id == id || l.id == flipped).ok_or(BorderError::Unknown(id))
    }

    /// The country (ISO2) whose polygon holds the point, if any.
    pub fn country_at(&self, p: [f64; 2]) -> Option<&str> {
        let pt = Point::new(p[0], p[1]);
        let boxed = |i: usize| self.bounds.get(i).copied().flatten().is_none_or(|b| b.intersects(&pt));
        let mut countries = self.countries.iter().enumerate();
        countries.find(|(i, (_, mp))| boxed(*i) && mp.contains(&pt)).map(|(_, (id, _))| id.as_str())
    }

    /// The polygon of a country, if shipped.
    pub fn country(&self, iso2: &str) -> Option<&MultiPolygon<f64>> {
        self.countries.iter().find(|(id, _)| id == iso2).map(|(_, mp)| mp)
    }
}

type Segment = GeomWithData<RLine<[f64; 2]>, ([f64; 2], [f64; 2])>;

/// An R-tree over one border's segments for exact distance queries.
#[derive(Debug, Clone)]
pub struct BorderIndex {
    plane: LowerBoundPlane,
    tree: RTree<Segment>,
    segments: Vec<([f64; 2], [f64; 2])>,
}

impl BorderIndex {
    /// Index a line's segments.
    pub fn new(line: &BorderLine) -> Self {
        // Tight for the region (to 42°N): points beyond fall back to a scan.
        let max_lat = line.coords.iter().map(|c| c[1].abs()).fold(42.0, f64::max);
        let plane = LowerBoundPlane::new(max_lat);
        let segments: Vec<([f64; 2], [f64; 2])> = line.coords.windows(2).map(|w| (w[0], w[1])).collect();
        let items = segments
            .iter()
            .map(|&(a, b)| GeomWithData::new(RLine::new(plane.project(a), plane.project(b)), (a, b)))
            .collect();
        BorderIndex { plane, tree: RTree::bulk_load(items), segments }
    }

    /// Geodesic distance (km) from a `[lon, lat]` point to the nearest point
    /// of the line. Segments come from the tree nearest-first in a plane
    /// that never overstates distance; the search stops once the plane's
    /// lower bound passes the best true distance, so the answer equals a
    /// scan of every segment.
    ///
    /// ```
    /// use hudud::spatial::{BorderIndex, Borders};
    /// let b = Borders::builtin().unwrap();
    /// let idx = BorderIndex::new(b.line("iq-sy").unwrap());
    /// let albu_kamal = idx.distance_km([40.918, 34.453]);
    /// assert!(albu_kamal < 10.0);
    /// ```
    pub fn distance_km(&self, p: [f64; 2]) -> f64 {
        if !self.plane.covers(p) {
            return self.distance_km_brute_force(p);
        }
        let q = self.plane.project(p);
        let mut best = f64::INFINITY;
        for (seg, d2) in self.tree.nearest_neighbor_iter_with_distance_2(q) {
            if self.plane.km_lower_bound(d2.sqrt()) > best {
                break;
            }
            let (a, b) = seg.data;
            best = best.min(point_segment_km(p, a, b));
        }
        best
    }

    /// The same distance by scanning every segment (the reference).
    pub fn distance_km_brute_force(&self, p: [f64; 2]) -> f64 {
        self.segments.iter().map(|&(a, b)| point_segment_km(p, a, b)).fold(f64::INFINITY, f64::min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iq_sy() -> BorderIndex {
        let b = Borders::builtin().unwrap();
        BorderIndex::new(b.line("iq-sy").unwrap())
    }

    #[test]
    fn known_distances() {
        let idx = iq_sy();
        let albu_kamal = idx.distance_km([40.918, 34.453]);
        let qaim = idx.distance_km([40.989, 34.393]);
        let tanf = idx.distance_km([38.618, 33.506]);
        let deir = idx.distance_km([40.141, 35.336]);
        assert!(albu_kamal < 10.0 && qaim < 10.0, "{albu_kamal} {qaim}");
        assert!((10.0..35.0).contains(&tanf), "al-Tanf {tanf}");
        assert!(deir > 80.0, "Deir ez-Zor {deir}");
    }

    #[test]
    fn opposite_sides_of_the_border() {
        let b = Borders::builtin().unwrap();
        assert_eq!(b.country_at([40.918, 34.453]), Some("SY"));
        assert_eq!(b.country_at([40.989, 34.393]), Some("IQ"));
    }

    #[test]
    fn index_equals_brute_force_on_random_points() {
        let idx = iq_sy();
        let mut rng = crate::corpus::Rng::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5000 {
            let p = [34.0 + 15.0 * rng.unit(), 29.0 + 10.0 * rng.unit()];
            assert_eq!(idx.distance_km(p), idx.distance_km_brute_force(p), "{p:?}");
        }
    }

    #[test]
    fn unknown_border_is_named_in_the_error() {
        let b = Borders::builtin().unwrap();
        assert!(b.line("SY-IQ").is_ok());
        assert!(b.line("xx-yy").unwrap_err().to_string().contains("xx-yy"));
    }
}

/// Distance to the Iraq–Syria border and the side a point is on: what the
/// map layers attach to every place and incident.
#[derive(Debug, Clone)]
pub struct BorderMeasure {
    borders: Borders,
    index: BorderIndex,
}

impl BorderMeasure {
    /// Measure against the named border (default [`DEFAULT_BORDER`]).
    pub fn new(borders: Borders, border: &str) -> Result<Self, BorderError> {
        let index = BorderIndex::new(borders.line(border)?);
        Ok(BorderMeasure { borders, index })
    }

    /// `(km to the border, country the point lies in)`; the country is the
    /// polygon holding the point, else `fallback` (e.g. the gazetteer's).
    pub fn measure(&self, p: [f64; 2], fallback: &str) -> (f64, String) {
        let km = (self.index.distance_km(p) * 1000.0).round() / 1000.0;
        let side = self.borders.country_at(p).unwrap_or(fallback).to_string();
        (km, side)
    }

    /// The borders data.
    pub fn borders(&self) -> &Borders {
        &self.borders
    }

    /// The index of the measured line.
    pub fn index(&self) -> &BorderIndex {
        &self.index
    }
}
