//! `hudud nearest`: the k features nearest to a point or place.

use super::query::{parse_lat_lon, place_point, QueryArgs};
use crate::spatial::PointIndex;
use anyhow::bail;
use clap::Args;

/// Arguments of `hudud nearest`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hudud nearest --point 35.15,40.43 -k 5 --layer output/incidents.geojson\n  \
hudud nearest --place \"al-Tanf\" --layer output/places.geojson")]
pub struct NearestArgs {
    /// From a point: LAT,LON in degrees, latitude first (unlike --bbox of
    /// `within`, which is WEST,SOUTH,EAST,NORTH), e.g. 34.45,40.92.
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
    pub point: Option<String>,
    /// From a place the gazetteer knows (Arabic or Latin).
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// How many features.
    #[arg(short, long, default_value_t = 5)]
    pub k: usize,
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Run the query.
pub fn run(args: &NearestArgs) -> anyhow::Result<()> {
    let g = args.query.gazetteer.load()?;
    let (center, label) = match (&args.place, &args.point) {
        (Some(name), None) => place_point(&g, name)?,
        (None, Some(p)) => (parse_lat_lon(p)?, p.clone()),
        _ => bail!("give exactly one of --point LAT,LON or --place NAME"),
    };
    let loaded = args.query.features(&g)?;
    let features = loaded.features;
    let (positions, points): (Vec<usize>, Vec<[f64; 2]>) =
        features.iter().enumerate().filter_map(|(i, f)| f.point.map(|p| (i, p))).unzip();
    let hits: Vec<(usize, f64)> =
        PointIndex::new(points).nearest(center, args.k).into_iter().map(|(j, d)| (positions[j], d)).collect();
    let mut features: Vec<Option<geojson::Feature>> = features.into_iter().map(|f| Some(f.feature)).collect();
    let hits = hits.into_iter().filter_map(|(i, d)| features[i].take().map(|f| (f, Some(d)))).collect();
    args.query.print(hits, &loaded.columns, &format!("near {label}"))
}
