//! The border-zones layer: one polygon feature per band and side.

use super::round6;
use crate::spatial::Zone;
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, JsonValue};

/// Zones as a FeatureCollection (MultiPolygons, coordinates to 6 decimals).
pub fn zones_collection(border_id: &str, zones: &[Zone]) -> FeatureCollection {
    let features = zones
        .iter()
        .map(|z| {
            let mut props = JsonObject::new();
            props.insert("border".into(), JsonValue::from(border_id));
            props.insert("side".into(), JsonValue::from(z.side.as_str()));
            props.insert("band_km".into(), JsonValue::from(z.band_km));
            props.insert("inner_km".into(), JsonValue::from(z.inner_km));
            let rounded: geo::MultiPolygon<f64> =
                geo::MapCoords::map_coords(&z.area, |c| geo::Coord { x: round6(c.x), y: round6(c.y) });
            Feature {
                bbox: None,
                geometry: Some(Geometry::new(GeometryValue::from(&rounded))),
                id: None,
                properties: Some(props),
                foreign_members: None,
            }
        })
        .collect();
    FeatureCollection { bbox: None, features, foreign_members: None }
}
