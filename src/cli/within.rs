//! `hudud within`: features inside a box, a governorate or a country.

use super::query::{is_latitude, is_longitude, Located, QueryArgs};
use crate::gazetteer::{edit_distance, Gazetteer};
use crate::spatial::PointIndex;
use anyhow::bail;
use clap::Args;
use std::collections::BTreeSet;

/// Arguments of `hudud within`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hudud within --bbox 40,34,42,35.5 --layer output/incidents.geojson\n  \
hudud within --admin1 SY-DY --layer output/incidents.geojson --since 2025-01-01\n  \
hudud within --country IQ samples/articles --format csv")]
pub struct WithinArgs {
    /// A box: WEST,SOUTH,EAST,NORTH in degrees, longitude first (unlike
    /// --point of `near` and `nearest`, which is LAT,LON), e.g. 40,34,42,35.5.
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
    // A bad box is a mistake in the command line: say so before loading anything.
    let bbox = args.bbox.as_deref().map(parse_bbox).transpose()?;
    let g = args.query.gazetteer.load()?;
    let loaded = args.query.features(&g)?;
    let features = loaded.features;
    let (keep, what): (Vec<usize>, String) = if let (Some(bbox), Some(b)) = (bbox, &args.bbox) {
        let (positions, points): (Vec<usize>, Vec<[f64; 2]>) =
            features.iter().enumerate().filter_map(|(i, f)| f.point.map(|p| (i, p))).unzip();
        let hits = PointIndex::new(points).in_bbox(bbox).into_iter().map(|j| positions[j]).collect();
        (hits, format!("inside {b}"))
    } else {
        let (keys, flag, code) = match (&args.admin1, &args.country) {
            (Some(a), _) => (&["admin1"][..], "--admin1", a.to_ascii_uppercase()),
            (_, Some(c)) => (&["country", "border_side"][..], "--country", c.to_ascii_uppercase()),
            _ => unreachable!("checked above"),
        };
        check_code(&g, &features, keys[0], flag, &code)?;
        let has = |f: &Located| keys.iter().any(|k| f.feature.property(k).and_then(|v| v.as_str()) == Some(&code));
        (features.iter().enumerate().filter(|(_, f)| has(f)).map(|(i, _)| i).collect(), format!("in {code}"))
    };
    let mut features: Vec<Option<geojson::Feature>> = features.into_iter().map(|f| Some(f.feature)).collect();
    let hits = keep.into_iter().filter_map(|i| features[i].take().map(|f| (f, None))).collect();
    args.query.print(hits, &loaded.columns, &what)
}

/// Fail on a code that neither the gazetteer nor the features know: a typo
/// would otherwise look like a quiet area. The error lists close codes.
fn check_code(g: &Gazetteer, features: &[Located], key: &str, flag: &str, code: &str) -> anyhow::Result<()> {
    let from_places = g.places().iter().map(|p| if key == "admin1" { &p.admin1 } else { &p.country });
    let from_features = features.iter().filter_map(|f| f.feature.property(key).and_then(|v| v.as_str()));
    let known: BTreeSet<&str> =
        from_places.map(String::as_str).chain(from_features).filter(|c| !c.is_empty()).collect();
    if known.contains(code) {
        return Ok(());
    }
    let close = close_codes(code, &known);
    let hint = if close.is_empty() { String::new() } else { format!("; did you mean {}?", close.join(", ")) };
    bail!("{flag} {code}: no such code in the gazetteer or the features{hint}")
}

/// Up to five known codes near `code`: same code after the country prefix
/// ("DY" → "SY-DY"), or at most two edits away; closest first, and among
/// equals those of the same country.
fn close_codes<'a>(code: &str, known: &BTreeSet<&'a str>) -> Vec<&'a str> {
    let country = |c: &str| c.split('-').next().unwrap_or_default().to_string();
    let mut scored: Vec<(usize, bool, &str)> = known
        .iter()
        .filter_map(|k| {
            let suffix = k.split_once('-').is_some_and(|(_, rest)| rest == code);
            let d = if suffix { 0 } else { edit_distance(code, k) };
            (d <= 2).then_some((d, country(k) != country(code), *k))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(5).map(|(_, _, k)| k).collect()
}

/// Parse "W,S,E,N". Out-of-world values are an error, with a hint when
/// the numbers would fit latitude first (the order --point takes).
fn parse_bbox(s: &str) -> anyhow::Result<[f64; 4]> {
    let v: Vec<f64> = s.split(',').map(|x| x.trim().parse::<f64>()).collect::<Result<_, _>>().unwrap_or_default();
    let [w, so, e, n] = v[..] else {
        bail!("--bbox {s:?}: expected four numbers WEST,SOUTH,EAST,NORTH in degrees, e.g. 40,34,42,35.5")
    };
    if !(is_longitude(w) && is_longitude(e) && is_latitude(so) && is_latitude(n)) {
        let hint = if is_latitude(w) && is_latitude(e) && is_longitude(so) && is_longitude(n) {
            format!("; as SOUTH,WEST,NORTH,EAST it would be valid: was it --bbox {so},{w},{n},{e}?")
        } else {
            String::new()
        };
        bail!(
            "--bbox {s:?}: outside the world: WEST,SOUTH,EAST,NORTH takes longitudes (-180..180) first and \
             third, latitudes (-90..90) second and fourth{hint}"
        );
    }
    if w > e || so > n {
        bail!("--bbox {s:?}: expected WEST,SOUTH,EAST,NORTH with west ≤ east and south ≤ north");
    }
    Ok([w, so, e, n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_outside_the_world_are_refused_with_the_likely_order() {
        assert_eq!(parse_bbox("40,34,42,35.5").unwrap(), [40.0, 34.0, 42.0, 35.5]);
        let err = parse_bbox("34,100,35,120").unwrap_err().to_string();
        assert!(err.contains("outside the world") && err.contains("was it --bbox 100,34,120,35?"), "{err}");
        let err = parse_bbox("200,0,210,10").unwrap_err().to_string();
        assert!(err.contains("outside the world") && !err.contains("was it"), "{err}");
        assert!(parse_bbox("nan,0,1,1").is_err());
        assert!(parse_bbox("5,5,1,1").is_err());
    }

    #[test]
    fn close_codes_put_the_nearest_first() {
        let known: BTreeSet<&str> = ["SY-DY", "SY-DR", "SY-HA", "IQ-AN", "SY"].into();
        assert_eq!(close_codes("SY-DZ", &known)[..2], ["SY-DR", "SY-DY"]);
        assert_eq!(close_codes("DY", &known)[0], "SY-DY");
        assert!(close_codes("XX-QQQQ", &known).is_empty());
    }
}
