//! `hudud within`: features inside a box, a governorate or a country.

use super::query::QueryArgs;
use crate::spatial::PointIndex;
use anyhow::bail;
use clap::Args;

/// Arguments of `hudud within`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hudud within --bbox 40,34,42,35.5 --layer output/incidents.geojson\n  \
hudud within --admin1 SY-DY --layer output/incidents.geojson --since 2025-01-01\n  \
hudud within --country IQ samples/articles --format csv")]
pub struct WithinArgs {
    /// A box: WEST,SOUTH,EAST,NORTH in degrees.
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// A governorate by ISO 3166-2 code (SY-DY, IQ-AN…).
    #[arg(long, value_name = "CODE")]
    pub admin1: Option<String>,
    /// A country by ISO 3166-1 alpha-2 code (SY, IQ…).
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Run the query.
pub fn run(args: &WithinArgs) -> anyhow::Result<()> {
    let chosen = [args.bbox.is_some(), args.admin1.is_some(), args.country.is_some()].iter().filter(|x| **x).count();
    if chosen != 1 {
        bail!("give exactly one of --bbox W,S,E,N, --admin1 CODE, --country CODE");
    }
    let g = args.query.gazetteer.load()?;
    let features = args.query.features(&g)?;
    let (keep, what): (Vec<usize>, String) = if let Some(b) = &args.bbox {
        let bbox = parse_bbox(b)?;
        let (positions, points): (Vec<usize>, Vec<[f64; 2]>) =
            features.iter().enumerate().filter_map(|(i, f)| f.point.map(|p| (i, p))).unzip();
        let hits = PointIndex::new(points).in_bbox(bbox).into_iter().map(|j| positions[j]).collect();
        (hits, format!("inside {b}"))
    } else {
        let (keys, code) = match (&args.admin1, &args.country) {
            (Some(a), _) => (&["admin1"][..], a.to_ascii_uppercase()),
            (_, Some(c)) => (&["country", "border_side"][..], c.to_ascii_uppercase()),
            _ => unreachable!("checked above"),
        };
        let hits = features
            .iter()
            .enumerate()
            .filter(|(_, f)| keys.iter().any(|k| f.feature.property(k).and_then(|v| v.as_str()) == Some(code.as_str())))
            .map(|(i, _)| i)
            .collect();
        (hits, format!("in {code}"))
    };
    let mut features: Vec<Option<geojson::Feature>> = features.into_iter().map(|f| Some(f.feature)).collect();
    let hits = keep.into_iter().filter_map(|i| features[i].take().map(|f| (f, None))).collect();
    args.query.print(hits, &what)
}

fn parse_bbox(s: &str) -> anyhow::Result<[f64; 4]> {
    let v: Vec<f64> = s.split(',').map(|x| x.trim().parse::<f64>()).collect::<Result<_, _>>().unwrap_or_default();
    match v.as_slice() {
        [w, so, e, n] if w <= e && so <= n => Ok([*w, *so, *e, *n]),
        _ => bail!("--bbox {s:?}: expected WEST,SOUTH,EAST,NORTH with west ≤ east and south ≤ north"),
    }
}
