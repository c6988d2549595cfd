//! `hudud near`: features within N km of a border, a place or a point.

use super::query::{parse_lat_lon, place_point, QueryArgs};
use crate::spatial::{BorderIndex, Borders, PointIndex, DEFAULT_BORDER};
use anyhow::bail;
use clap::Args;

/// Arguments of `hudud near`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hudud near --border --km 25 --layer output/incidents.geojson\n  \
hudud near --border sy-tr --km 10 samples/articles --type Arrests\n  \
hudud near --place \"البوكمال\" --km 30 --layer output/incidents.geojson --format csv\n  \
hudud near --point 34.45,40.92 --km 50 --layer output/places.geojson")]
pub struct NearArgs {
    /// Measure from a border: iq-sy (default), sy-tr, iq-tr, sy-jo, iq-jo, sy-lb.
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = DEFAULT_BORDER)]
    pub border: Option<String>,
    /// Measure from a place the gazetteer knows (Arabic or Latin).
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Measure from a point: LAT,LON in degrees, latitude first (unlike
    /// --bbox of `within`, which is WEST,SOUTH,EAST,NORTH), e.g. 34.45,40.92.
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
    pub point: Option<String>,
    /// Radius in km (great-circle).
    #[arg(long)]
    pub km: f64,
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Run the query.
pub fn run(args: &NearArgs) -> anyhow::Result<()> {
    if !(args.km >= 0.0 && args.km.is_finite()) {
        bail!("--km {}: expected a distance of 0 or more", args.km);
    }
    let chosen = [args.border.is_some(), args.place.is_some(), args.point.is_some()].iter().filter(|x| **x).count();
    if chosen != 1 {
        bail!("give exactly one of --border [NAME], --place NAME, --point LAT,LON");
    }
    // A mistyped point is refused before articles are read.
    let point = args.point.as_deref().map(parse_lat_lon).transpose()?;
    // So is an unknown border name, from borders read once.
    let borders = args.border.as_deref().map(checked_borders).transpose()?;
    let g = args.query.gazetteer.load()?;
    let loaded = args.query.features(&g)?;
    let features = loaded.features;
    let (hits, what): (Vec<(usize, f64)>, String) = if let (Some(name), Some(borders)) = (&args.border, &borders) {
        let line = borders.line(name)?;
        let index = BorderIndex::new(line);
        let mut hits: Vec<(usize, f64)> = features
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.point.map(|p| (i, index.distance_km(p))))
            .filter(|(_, d)| *d <= args.km)
            .collect();
        hits.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        (hits, format!("within {} km of the {}", args.km, line.name))
    } else {
        let (center, label) = match (&args.place, point, &args.point) {
            (Some(name), _, _) => place_point(&g, name)?,
            (_, Some(center), Some(p)) => (center, p.clone()),
            _ => unreachable!("checked above"),
        };
        let (positions, points): (Vec<usize>, Vec<[f64; 2]>) =
            features.iter().enumerate().filter_map(|(i, f)| f.point.map(|p| (i, p))).unzip();
        let index = PointIndex::new(points);
        let hits = index.within_km(center, args.km).into_iter().map(|(j, d)| (positions[j], d)).collect();
        (hits, format!("within {} km of {label}", args.km))
    };
    let mut features: Vec<Option<geojson::Feature>> = features.into_iter().map(|f| Some(f.feature)).collect();
    let hits = hits.into_iter().filter_map(|(i, d)| features[i].take().map(|f| (f, Some(d)))).collect();
    args.query.print(hits, &loaded.columns, &what)
}

/// The borders, once `name` is known to be one of them: an unknown name is
/// refused before anything is read; when it is a path ("--border
/// samples/articles": the optional value took the input), say how to write it.
fn checked_borders(name: &str) -> anyhow::Result<Borders> {
    let borders = Borders::builtin()?;
    let Err(e) = borders.line(name) else { return Ok(borders) };
    if std::path::Path::new(name).exists() {
        bail!(
            "--border {name}: that is an input, not a border; --border takes an optional border name, so write \
             `--border {DEFAULT_BORDER} {name}` (or put the inputs before --border)"
        );
    }
    Err(e.into())
}
