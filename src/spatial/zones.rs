//! Border zones: bands of 10, 25, 50 km (or any) along a border, per side.
//!
//! The band edge is a buffer of the line, built in a plane (sinusoidal
//! around the border's mean longitude) and then corrected on the sphere:
//! each vertex is pushed along its direction from the nearest point of the
//! line until its great-circle distance is the band distance. Rings are the
//! differences of consecutive buffers, clipped to each side's country.

use super::border::{BorderIndex, BorderLine, Borders};
use super::geodesy::{closest_on_segment, haversine_km, KM_PER_DEGREE};
use geo::{BooleanOps, Buffer, Coord, LineString, MultiPolygon, Orient, Polygon};

/// Default band distances (km).
pub const DEFAULT_BANDS: &[f64] = &[10.0, 25.0, 50.0];

/// The widest band accepted (km): wider ones cover the whole region and
/// are surely a slip (metres for kilometres, say).
pub const MAX_BAND_KM: f64 = 1000.0;

/// A band distance that makes no zone.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
// The value is not in the text: clap, which shows this error, names it already.
#[error("a band width must be more than 0 km and at most {MAX_BAND_KM} km")]
pub struct BandError {
    /// The text as given.
    pub value: String,
}

/// Parse one band width in km, refusing what would give an empty or
/// broken band (0, negative, NaN, infinite) or an absurd one.
///
/// ```
/// use hudud::spatial::parse_band_km;
/// assert_eq!(parse_band_km(" 25 "), Ok(25.0));
/// assert!(parse_band_km("0").is_err() && parse_band_km("nan").is_err() && parse_band_km("5000").is_err());
/// ```
pub fn parse_band_km(text: &str) -> Result<f64, BandError> {
    match text.trim().parse::<f64>() {
        Ok(km) if km > 0.0 && km <= MAX_BAND_KM => Ok(km),
        _ => Err(BandError { value: text.to_string() }),
    }
}

/// One band on one side of the border.
#[derive(Debug, Clone)]
pub struct Zone {
    /// Country (ISO2) the band lies in.
    pub side: String,
    /// Outer distance from the border, km.
    pub band_km: f64,
    /// Inner distance (0 for the first band), km.
    pub inner_km: f64,
    /// The band, clipped to the country, rings oriented per RFC 7946.
    pub area: MultiPolygon<f64>,
}

/// Build the zones of `line` for the given bands on the two countries its
/// id names (`iq-sy` → IQ and SY).
pub fn border_zones(borders: &Borders, line: &BorderLine, bands: &[f64]) -> Vec<Zone> {
    let index = BorderIndex::new(line);
    let mut bands: Vec<f64> = bands.iter().copied().filter(|b| *b > 0.0).collect();
    bands.sort_by(f64::total_cmp);
    bands.dedup();
    let buffers: Vec<MultiPolygon<f64>> = bands.iter().map(|&d| geodesic_buffer(line, &index, d)).collect();
    let mut zones = Vec::new();
    for side in line.id.split('-').map(str::to_ascii_uppercase) {
        let Some(country) = borders.country(&side) else { continue };
        for (i, &band) in bands.iter().enumerate() {
            let ring = if i == 0 { buffers[0].clone() } else { buffers[i].difference(&buffers[i - 1]) };
            let area = ring.intersection(country).orient(geo::orient::Direction::Default);
            zones.push(Zone {
                side: side.clone(),
                band_km: band,
                inner_km: if i == 0 { 0.0 } else { bands[i - 1] },
                area,
            });
        }
    }
    zones
}

/// A buffer of `distance_km` around the line, corrected on the sphere.
pub fn geodesic_buffer(line: &BorderLine, index: &BorderIndex, distance_km: f64) -> MultiPolygon<f64> {
    let lon0 = line.coords.iter().map(|c| c[0]).sum::<f64>() / line.coords.len().max(1) as f64;
    let plane: LineString<f64> = line.coords.iter().map(|c| to_plane(*c, lon0)).collect();
    let buffered = plane.buffer(distance_km);
    let polys = buffered
        .0
        .into_iter()
        .map(|p| {
            let fix = |ls: &LineString<f64>| -> LineString<f64> {
                ls.coords().map(|c| correct(from_plane(*c, lon0), line, index, distance_km)).map(Coord::from).collect()
            };
            Polygon::new(fix(p.exterior()), p.interiors().iter().map(fix).collect())
        })
        .collect();
    MultiPolygon(polys)
}

fn to_plane(p: [f64; 2], lon0: f64) -> Coord<f64> {
    Coord { x: (p[0] - lon0) * p[1].to_radians().cos() * KM_PER_DEGREE, y: p[1] * KM_PER_DEGREE }
}

fn from_plane(c: Coord<f64>, lon0: f64) -> [f64; 2] {
    let lat = c.y / KM_PER_DEGREE;
    [lon0 + c.x / (lat.to_radians().cos() * KM_PER_DEGREE), lat]
}

/// Move `p` along the direction from its nearest line point until its
/// great-circle distance to the line is `target` km.
fn correct(mut p: [f64; 2], line: &BorderLine, index: &BorderIndex, target: f64) -> [f64; 2] {
    for _ in 0..4 {
        let d = index.distance_km(p);
        if (d - target).abs() < 0.01 || d <= 0.0 {
            break;
        }
        let c = nearest_point(p, line);
        let k = target / haversine_km(p, c).max(1e-9);
        let cos = c[1].to_radians().cos();
        let (dx, dy) = ((p[0] - c[0]) * cos, p[1] - c[1]);
        p = [c[0] + dx * k / cos, c[1] + dy * k];
    }
    p
}

fn nearest_point(p: [f64; 2], line: &BorderLine) -> [f64; 2] {
    line.coords
        .windows(2)
        .map(|w| closest_on_segment(p, w[0], w[1]))
        .min_by(|a, b| haversine_km(p, *a).total_cmp(&haversine_km(p, *b)))
        .unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Validation;

    #[test]
    fn buffer_edge_is_at_the_band_distance() {
        let b = Borders::builtin().unwrap();
        let line = b.line("iq-sy").unwrap();
        let index = BorderIndex::new(line);
        for d in [10.0, 50.0] {
            let buf = geodesic_buffer(line, &index, d);
            for p in &buf.0 {
                for c in p.exterior().coords() {
                    let got = index.distance_km([c.x, c.y]);
                    assert!((got - d).abs() <= 0.5, "vertex {c:?} at {got} km, band {d}");
                }
            }
        }
    }

    #[test]
    fn zones_are_valid_and_within_their_band() {
        let b = Borders::builtin().unwrap();
        let line = b.line("iq-sy").unwrap();
        let index = BorderIndex::new(line);
        let zones = border_zones(&b, line, DEFAULT_BANDS);
        assert_eq!(zones.len(), 6);
        for z in &zones {
            assert!(z.area.is_valid(), "{} {} invalid", z.side, z.band_km);
            assert!(!z.area.0.is_empty());
            for p in &z.area.0 {
                for c in p.exterior().coords() {
                    let got = index.distance_km([c.x, c.y]);
                    assert!(got <= z.band_km + 0.5, "{} {}: vertex at {got} km", z.side, z.band_km);
                }
            }
        }
    }
}
