//! An R-tree over feature points for radius, box and nearest queries.

use super::geodesy::{LowerBoundPlane, EARTH_RADIUS_KM};
use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};

/// What a tree entry carries: the point's position in the caller's list and
/// its unit vector, so confirming a candidate touches no other memory.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    index: u32,
    unit: [f64; 3],
}

type Item = GeomWithData<[f64; 2], Entry>;

/// Wider nodes than rstar's default: fewer levels, better cache use when a
/// query returns thousands of points.
#[derive(Debug, Clone, Copy)]
struct WideNodes;

impl rstar::RTreeParams for WideNodes {
    const MIN_SIZE: usize = 8;
    const MAX_SIZE: usize = 24;
    const REINSERTION_COUNT: usize = 6;
    type DefaultInsertionStrategy = rstar::RStarInsertionStrategy;
}

/// The point on the unit sphere.
fn unit_vector(p: [f64; 2]) -> [f64; 3] {
    let (lon, lat) = (p[0].to_radians(), p[1].to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Squared chord between two unit vectors: monotonic in great-circle
/// distance and free of trigonometry, so radius tests compare it directly.
/// Summing squared differences keeps it accurate for nearby points.
fn chord2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let (x, y, z) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    x * x + y * y + z * z
}

/// Great-circle km of a squared chord.
fn chord2_km(c2: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * (c2.sqrt() / 2.0).min(1.0).asin()
}

/// The squared chord of a great-circle distance in km.
fn km_chord2(km: f64) -> f64 {
    let half = (km / (2.0 * EARTH_RADIUS_KM)).min(std::f64::consts::FRAC_PI_2);
    let c = 2.0 * half.sin();
    c * c
}

/// Points (`[lon, lat]`, each with its position in the caller's list) in
/// an R-tree. Queries return `(position, distance_km)` sorted by distance,
/// then position, exactly as a scan of every point would.
#[derive(Debug, Clone)]
pub struct PointIndex {
    plane: LowerBoundPlane,
    tree: RTree<Item, WideNodes>,
    points: Vec<[f64; 2]>,
    /// Unit vector of each point (for the scans).
    units: Vec<[f64; 3]>,
}

impl PointIndex {
    /// Index the points.
    ///
    /// ```
    /// use hudud::spatial::PointIndex;
    /// let idx = PointIndex::new(vec![[40.14, 35.34], [40.92, 34.45], [44.40, 33.34]]);
    /// let near = idx.within_km([40.9, 34.4], 25.0);
    /// assert_eq!(near.len(), 1);
    /// assert_eq!(near[0].0, 1);
    /// ```
    pub fn new(points: Vec<[f64; 2]>) -> Self {
        // The plane is tight for the data's own latitudes; queries from
        // farther north or south fall back to a scan.
        let max_lat = points.iter().map(|p| p[1].abs()).fold(0.0, f64::max);
        let plane = LowerBoundPlane::new(max_lat);
        let units: Vec<[f64; 3]> = points.iter().map(|p| unit_vector(*p)).collect();
        let items = points
            .iter()
            .zip(&units)
            .enumerate()
            .map(|(i, (p, u))| GeomWithData::new(plane.project(*p), Entry { index: i as u32, unit: *u }))
            .collect();
        PointIndex { plane, tree: RTree::bulk_load_with_params(items), points, units }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Points within `km` of `center`: candidates from the tree (the square
    /// around the planar circle), each confirmed by great-circle distance.
    pub fn within_km(&self, center: [f64; 2], km: f64) -> Vec<(usize, f64)> {
        if !self.plane.covers(center) {
            return self.within_km_brute_force(center, km);
        }
        let q = self.plane.project(center);
        let r = self.plane.radius_for_km(km);
        let (c, limit) = (unit_vector(center), km_chord2(km));
        let env = AABB::from_corners([q[0] - r, q[1] - r], [q[0] + r, q[1] + r]);
        let mut out: Vec<(usize, f64)> = self
            .tree
            .locate_in_envelope(env)
            .filter_map(|it| {
                let c2 = chord2(&c, &it.data.unit);
                (c2 <= limit).then(|| (it.data.index as usize, chord2_km(c2)))
            })
            .collect();
        sort_hits(&mut out);
        out
    }

    /// The `k` points nearest to `center` (ties broken by position).
    pub fn nearest(&self, center: [f64; 2], k: usize) -> Vec<(usize, f64)> {
        if k == 0 {
            return Vec::new();
        }
        if !self.plane.covers(center) {
            return self.nearest_brute_force(center, k);
        }
        let q = self.plane.project(center);
        let c = unit_vector(center);
        let mut best: Vec<(usize, f64)> = Vec::new();
        for (it, d2) in self.tree.nearest_neighbor_iter_with_distance_2(q) {
            if best.len() >= k && self.plane.km_lower_bound(d2.sqrt()) > best[k - 1].1 {
                break;
            }
            best.push((it.data.index as usize, chord2_km(chord2(&c, &it.data.unit))));
            sort_hits(&mut best);
        }
        best.truncate(k);
        best
    }

    /// Points inside a `[west, south, east, north]` box, by position.
    pub fn in_bbox(&self, bbox: [f64; 4]) -> Vec<usize> {
        let [w, s, e, n] = bbox;
        let env = AABB::from_corners(self.plane.project([w, s]), self.plane.project([e, n]));
        let mut out: Vec<usize> = self.tree.locate_in_envelope(env).map(|it| it.data.index as usize).collect();
        out.sort_unstable();
        out
    }

    /// Reference: radius query by scanning every point.
    pub fn within_km_brute_force(&self, center: [f64; 2], km: f64) -> Vec<(usize, f64)> {
        let (c, limit) = (unit_vector(center), km_chord2(km));
        let mut out: Vec<(usize, f64)> = self
            .units
            .iter()
            .enumerate()
            .filter_map(|(i, u)| {
                let c2 = chord2(&c, u);
                (c2 <= limit).then(|| (i, chord2_km(c2)))
            })
            .collect();
        sort_hits(&mut out);
        out
    }

    /// Reference: nearest by scanning every point.
    pub fn nearest_brute_force(&self, center: [f64; 2], k: usize) -> Vec<(usize, f64)> {
        let c = unit_vector(center);
        let mut all: Vec<(usize, f64)> =
            self.units.iter().enumerate().map(|(i, u)| (i, chord2_km(chord2(&c, u)))).collect();
        sort_hits(&mut all);
        all.truncate(k);
        all
    }

    /// Reference: box query by scanning every point.
    pub fn in_bbox_brute_force(&self, bbox: [f64; 4]) -> Vec<usize> {
        let [w, s, e, n] = bbox;
        (0..self.points.len())
            .filter(|&i| {
                let p = self.points[i];
                (w..=e).contains(&p[0]) && (s..=n).contains(&p[1])
            })
            .collect()
    }
}

/// Nearest first, then by position. Distances are never negative, and the
/// bits of a non-negative float sort like the float: integer keys are faster.
fn sort_hits(hits: &mut [(usize, f64)]) {
    hits.sort_unstable_by_key(|&(i, d)| (d.to_bits(), i));
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::Rng;

    /// A random point over the region.
    fn point(rng: &mut Rng) -> [f64; 2] {
        [34.0 + 15.0 * rng.unit(), 29.0 + 9.6 * rng.unit()]
    }

    fn random_index(n: usize, seed: u64) -> (PointIndex, Rng) {
        let mut rng = Rng::new(seed);
        let pts: Vec<[f64; 2]> = (0..n).map(|_| point(&mut rng)).collect();
        (PointIndex::new(pts), rng)
    }

    #[test]
    fn radius_equals_brute_force() {
        let (idx, mut rng) = random_index(5000, 11);
        for km in [1.0, 10.0, 25.0, 100.0, 400.0] {
            for _ in 0..40 {
                let c = point(&mut rng);
                assert_eq!(idx.within_km(c, km), idx.within_km_brute_force(c, km), "{c:?} {km}");
            }
        }
    }

    #[test]
    fn nearest_equals_brute_force() {
        let (idx, mut rng) = random_index(5000, 12);
        for k in [1, 5, 50] {
            for _ in 0..50 {
                let c = point(&mut rng);
                assert_eq!(idx.nearest(c, k), idx.nearest_brute_force(c, k), "{c:?} {k}");
            }
        }
    }

    #[test]
    fn bbox_equals_brute_force() {
        let (idx, mut rng) = random_index(5000, 13);
        for _ in 0..100 {
            let (a, b) = (point(&mut rng), point(&mut rng));
            let bbox = [a[0].min(b[0]), a[1].min(b[1]), a[0].max(b[0]), a[1].max(b[1])];
            assert_eq!(idx.in_bbox(bbox), idx.in_bbox_brute_force(bbox));
        }
    }

    #[test]
    fn distances_agree_with_geo_haversine() {
        let idx = PointIndex::new(vec![[40.92, 34.45]]);
        let d = idx.within_km([40.14, 35.34], 500.0)[0].1;
        assert!((d - super::super::haversine_km([40.14, 35.34], [40.92, 34.45])).abs() < 1e-6);
    }

    #[test]
    fn empty_and_zero_k() {
        let idx = PointIndex::new(vec![]);
        assert!(idx.within_km([40.0, 35.0], 10.0).is_empty());
        assert!(idx.nearest([40.0, 35.0], 0).is_empty());
    }
}
