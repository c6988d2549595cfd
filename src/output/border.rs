//! The border layer: international boundary lines of the region.

use geojson::{FeatureCollection, GeoJson};

/// The built-in borders file (Natural Earth 1:10m via world-atlas).
pub const BORDERS_GEOJSON: &str = include_str!("../../gazetteer/borders.geojson");

/// The boundary-line features (`kind` = `border`) of the built-in borders,
/// in file order: the Iraq–Syria border first.
///
/// ```
/// let fc = hudud::output::border_lines().unwrap();
/// let first = fc.features[0].properties.as_ref().unwrap();
/// assert_eq!(first["id"], "iq-sy");
/// ```
pub fn border_lines() -> Result<FeatureCollection, geojson::Error> {
    let GeoJson::FeatureCollection(all) = BORDERS_GEOJSON.parse::<GeoJson>()? else {
        return Err(geojson::Error::ExpectedType { expected: "FeatureCollection".into(), actual: "other".into() });
    };
    let features =
        all.features.into_iter().filter(|f| f.property("kind").and_then(|k| k.as_str()) == Some("border")).collect();
    Ok(FeatureCollection { bbox: None, features, foreign_members: None })
}
