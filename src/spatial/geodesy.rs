//! Distances on the sphere: point to point, and point to line segment.
//!
//! All distances are great-circle (haversine, mean Earth radius) in km.
//! A point's distance to a segment is the haversine distance to the
//! segment's closest point, found in a plane tangent at the point: border
//! segments are a few km long, so the closest point is exact to metres.

use geo::{Distance, Haversine, Point};

/// Mean Earth radius (km) used by geo's Haversine.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Kilometres per degree of latitude on that sphere.
pub const KM_PER_DEGREE: f64 = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;

/// Great-circle distance in km between two `[lon, lat]` points.
///
/// ```
/// use hudud::spatial::haversine_km;
/// let d = haversine_km([40.141, 35.336], [40.918, 34.453]); // Deir ez-Zor – Albu Kamal
/// assert!((d - 121.0).abs() < 5.0);
/// ```
pub fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    Haversine.distance(Point::new(a[0], a[1]), Point::new(b[0], b[1])) / 1000.0
}

/// The point of segment `a`–`b` closest to `p` (all `[lon, lat]`).
pub fn closest_on_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    let c = p[1].to_radians().cos();
    let (ax, ay) = ((a[0] - p[0]) * c, a[1] - p[1]);
    let (bx, by) = ((b[0] - p[0]) * c, b[1] - p[1]);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0) };
    [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
}

/// Distance in km from `p` to the nearest point of segment `a`–`b`.
///
/// ```
/// use hudud::spatial::point_segment_km;
/// // 0.1° north of the middle of an east–west segment: about 11 km.
/// let d = point_segment_km([41.0, 34.1], [40.0, 34.0], [42.0, 34.0]);
/// assert!((d - 11.12).abs() < 0.05);
/// ```
pub fn point_segment_km(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    haversine_km(p, closest_on_segment(p, a, b))
}

/// Planar coordinates whose distances never exceed the true distance
/// (in degrees of latitude): longitude is scaled by the cosine of the
/// highest latitude the data reaches, so east–west gaps are never
/// overstated. R-tree queries in this plane find candidates that are then
/// confirmed in km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LowerBoundPlane {
    lon_scale: f64,
    max_abs_lat: f64,
}

impl LowerBoundPlane {
    /// A plane valid for latitudes up to `max_abs_lat` degrees.
    pub fn new(max_abs_lat: f64) -> Self {
        let max_abs_lat = max_abs_lat.abs().min(89.0);
        LowerBoundPlane { lon_scale: max_abs_lat.to_radians().cos(), max_abs_lat }
    }

    /// True when a point's latitude is within the plane's validity.
    pub fn covers(&self, p: [f64; 2]) -> bool {
        p[1].abs() <= self.max_abs_lat
    }

    /// Project a `[lon, lat]` point.
    pub fn project(&self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.lon_scale, p[1]]
    }

    /// A planar radius (degrees) that contains every point within `km`.
    /// The 1 % margin covers the sphere's curvature over regional distances.
    pub fn radius_for_km(&self, km: f64) -> f64 {
        km / KM_PER_DEGREE * 1.01 + 1e-9
    }

    /// A lower bound in km for the true distance of a planar distance.
    pub fn km_lower_bound(&self, planar: f64) -> f64 {
        (planar - 1e-9).max(0.0) * KM_PER_DEGREE / 1.01
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_point_is_an_endpoint_beyond_the_segment() {
        assert_eq!(closest_on_segment([45.0, 34.0], [40.0, 34.0], [42.0, 34.0]), [42.0, 34.0]);
    }

    #[test]
    fn planar_distance_never_exceeds_true_distance() {
        let plane = LowerBoundPlane::new(40.0);
        let mut rng = crate::corpus::Rng::new(7);
        let mut next = || rng.unit();
        for _ in 0..10_000 {
            let a = [34.0 + 15.0 * next(), 29.0 + 10.0 * next()];
            let b = [34.0 + 15.0 * next(), 29.0 + 10.0 * next()];
            let (pa, pb) = (plane.project(a), plane.project(b));
            let planar = ((pa[0] - pb[0]).powi(2) + (pa[1] - pb[1]).powi(2)).sqrt();
            assert!(plane.km_lower_bound(planar) <= haversine_km(a, b) + 1e-9, "{a:?} {b:?}");
        }
    }
}
