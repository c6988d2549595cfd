//! Checks on the hand-curated rows: each lies in the country and the
//! governorate it claims.
//!
//! The country is checked against the Natural Earth polygons of
//! gazetteer/borders.geojson. Governorate polygons are not shipped, so the
//! governorate is checked by its GeoNames neighbours: the nearest GeoNames
//! place of the claimed governorate must be at most 40 km (or, in empty
//! deserts, twice) farther than the nearest GeoNames place of the country. Regions, deserts, rivers and mountains
//! span governorates and are exempt from that second check.

use super::{Gazetteer, Place};
use geo::{Contains, Distance, Haversine, MultiPolygon, Point};
use geojson::GeoJson;
use std::collections::HashMap;

fn country_polygons() -> HashMap<String, MultiPolygon<f64>> {
    let Ok(GeoJson::FeatureCollection(fc)) = crate::output::BORDERS_GEOJSON.parse::<GeoJson>() else {
        panic!("borders.geojson does not parse");
    };
    let mut out = HashMap::new();
    for f in fc.features {
        if f.property("kind").and_then(|k| k.as_str()) != Some("country") {
            continue;
        }
        let id = f.property("id").and_then(|k| k.as_str()).unwrap_or_default().to_string();
        let geom: geo::Geometry<f64> = f.geometry.expect("country geometry").try_into().expect("geo geometry");
        let mp = match geom {
            geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
            geo::Geometry::MultiPolygon(mp) => mp,
            other => panic!("unexpected country geometry {other:?}"),
        };
        out.insert(id, mp);
    }
    out
}

/// Distance (km) from a point to a segment, in a local equirectangular
/// projection: plenty for a few-km tolerance.
fn segment_km(p: Point<f64>, l: geo::Line<f64>) -> f64 {
    let k = 111.32;
    let c = p.y().to_radians().cos();
    let (px, py) = (p.x() * k * c, p.y() * k);
    let (ax, ay, bx, by) = (l.start.x * k * c, l.start.y * k, l.end.x * k * c, l.end.y * k);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0) };
    ((px - ax - t * dx).powi(2) + (py - ay - t * dy).powi(2)).sqrt()
}

fn curated(g: &Gazetteer) -> impl Iterator<Item = &Place> {
    g.places().iter().filter(|p| p.id.starts_with("cur:"))
}

#[test]
fn curated_rows_lie_in_their_country() {
    let g = Gazetteer::builtin().expect("gazetteer");
    let polygons = country_polygons();
    // Natural Earth 1:10m is coarse at the borders (vertices a few km
    // apart): allow a point near the line, and a border crossing on it, to
    // fall a little outside.
    let near_border_km = |p: &Place| if p.feature_type == "crossing" { 10.0 } else { 5.0 };
    let mut bad = Vec::new();
    for p in curated(&g).filter(|p| !CHECKED_BY_HAND.iter().any(|(id, _)| *id == p.id)) {
        let Some(poly) = polygons.get(&p.country) else {
            continue;
        };
        let pt = Point::new(p.lon, p.lat);
        if poly.contains(&pt) {
            continue;
        }
        let close = poly.iter().flat_map(|pg| pg.exterior().lines()).any(|l| segment_km(pt, l) < near_border_km(p));
        if !close {
            bad.push(format!("{} {} ({}, {}) claims {}", p.id, p.name_ar, p.lat, p.lon, p.country));
        }
    }
    assert!(bad.is_empty(), "curated rows outside their country:\n{}", bad.join("\n"));
}

/// Rows checked by hand that the neighbour test cannot confirm, with why.
const CHECKED_BY_HAND: &[(&str, &str)] = &[
    ("cur:al-rahhaliya", "an Anbar town 25 km from Karbala's Ain al-Tamur; no Anbar GeoNames place within 70 km"),
    (
        "cur:golan-heights",
        "Natural Earth draws the Golan inside Israel's de facto polygon; ISO 3166 places it in Syria",
    ),
];

/// How much farther (metres) the claimed governorate's nearest place may be
/// than the nearest place overall.
const SLACK_M: f64 = 40_000.0;

#[test]
fn curated_rows_lie_in_their_governorate() {
    let g = Gazetteer::builtin().expect("gazetteer");
    let reference: Vec<&Place> = g
        .places()
        .iter()
        .filter(|p| p.id.starts_with("gn:") && !p.admin1.is_empty() && !p.is_admin1() && !p.is_country())
        .collect();
    let exempt = ["region", "desert", "river", "mountain", "valley", "lake"];
    let mut bad = Vec::new();
    let by_hand = |p: &Place| CHECKED_BY_HAND.iter().any(|(id, _)| *id == p.id);
    for p in curated(&g).filter(|p| !exempt.contains(&p.feature_type.as_str()) && !p.admin1.is_empty() && !by_hand(p)) {
        let here = Point::new(p.lon, p.lat);
        let mut near: Vec<(f64, &str)> = reference
            .iter()
            .filter(|r| r.country == p.country)
            .map(|r| (Haversine.distance(here, Point::new(r.lon, r.lat)), r.admin1.as_str()))
            .collect();
        if near.is_empty() {
            continue;
        }
        near.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Near a boundary the nearest neighbour may lie across it: accept the
        // claim when a place of the claimed governorate is nearly as close.
        let nearest_claimed = near.iter().find(|(_, a)| *a == p.admin1).map(|(d, _)| *d);
        // In empty deserts the neighbours are far: allow twice the nearest distance.
        let ok = nearest_claimed.is_some_and(|d| d <= near[0].0 + SLACK_M.max(near[0].0));
        if !ok {
            bad.push(format!("{} {} claims {}, neighbours say {}", p.id, p.name_ar, p.admin1, near[0].1));
        }
    }
    assert!(bad.is_empty(), "curated rows outside their governorate:\n{}", bad.join("\n"));
}
