//! Spatial questions near the border: distances to a border line, border
//! zones, and radius, box and nearest-neighbour queries over features.
//!
//! Coordinates are WGS84 `[lon, lat]`; distances are great-circle km. R-trees
//! work in a plane that never overstates distance ([`LowerBoundPlane`]): they
//! give candidates, and every answer is confirmed in km, so results equal a
//! brute-force scan.

mod border;
mod geodesy;
mod index;
mod zones;

pub use border::{BorderError, BorderIndex, BorderLine, BorderMeasure, Borders, BORDER_IDS, DEFAULT_BORDER};
pub use geodesy::{
    closest_on_segment, haversine_km, point_segment_km, LowerBoundPlane, EARTH_RADIUS_KM, KM_PER_DEGREE,
};
pub use index::PointIndex;
pub use zones::{border_zones, geodesic_buffer, parse_band_km, BandError, Zone, DEFAULT_BANDS, MAX_BAND_KM};
