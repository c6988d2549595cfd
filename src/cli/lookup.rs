//! `hudud gazetteer lookup NAME`: show the places a name can denote.

use super::GazetteerArgs;
use crate::gazetteer::{edit_distance, latin_key, Gazetteer, LookupHit};
use anyhow::{bail, Context};
use clap::Args;
use std::io::Write;

/// Arguments of `hudud gazetteer lookup`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hudud gazetteer lookup \"دير الزور\"\n  hudud gazetteer lookup \"Dayr az Zawr\" --json\n  hudud gazetteer lookup \"قاعدة التنف\""
)]
pub struct LookupArgs {
    /// The name, in Arabic (clitics and cue words allowed: "بالحسكة",
    /// "قاعدة التنف") or Latin (any transliteration: "Deir ez-Zor").
    pub name: String,
    /// Print JSON (one array of candidates) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many candidates.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Run the lookup and print the candidates. No candidate is an error
/// (exit 1, message on stderr with near spellings), so scripts can tell;
/// with `--json`, an empty array is printed first.
pub fn run(args: &LookupArgs) -> anyhow::Result<()> {
    let g = args.gazetteer.load()?;
    let hits = g.lookup(&args.name, args.limit);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let rows: Vec<serde_json::Value> = hits.iter().map(|h| hit_json(&g, h)).collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else if !hits.is_empty() {
        print_table(&mut out, &g, &hits)?;
    }
    out.flush().context("writing to standard output")?;
    if hits.is_empty() {
        let near = near_spellings(&g, &args.name);
        let hint = if near.is_empty() {
            "; add it with --gazetteer-extra FILE".to_string()
        } else {
            format!("; near spellings: {}", near.join(", "))
        };
        bail!("no place named {:?} in the gazetteer{hint}", args.name);
    }
    Ok(())
}

/// Up to five names of the gazetteer spelled a few edits from `query`
/// (in its script), the most prominent places first: what to try next
/// when the lookup, whose own typo tolerance is tight, finds nothing.
fn near_spellings(g: &Gazetteer, query: &str) -> Vec<String> {
    let arabic = query.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let key = |s: &str| if arabic { crate::arabic::normalize_name(s) } else { latin_key(s) };
    let wanted = key(query);
    let len = wanted.chars().count();
    if len == 0 {
        return Vec::new();
    }
    let budget = 2.max(len / 3);
    let mut found: Vec<(usize, f64, &str)> = Vec::new();
    for p in g.places() {
        let names: Vec<&String> = if arabic {
            [&p.name_ar].into_iter().chain(&p.alt_ar).collect()
        } else {
            [&p.name_en].into_iter().chain(&p.alt_latin).collect()
        };
        let best = names
            .into_iter()
            .map(|n| (key(n), n))
            .filter(|(k, _)| k.chars().count().abs_diff(len) <= budget)
            .map(|(k, n)| (edit_distance(&wanted, &k), n))
            .min_by_key(|(d, _)| *d);
        if let Some((d, name)) = best.filter(|(d, _)| *d <= budget) {
            found.push((d, -p.prior(), name.as_str()));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut names: Vec<String> = Vec::new();
    for (_, _, name) in found {
        if !names.iter().any(|n| n == name) && names.len() < 5 {
            names.push(name.to_string());
        }
    }
    names
}

fn hit_json(g: &Gazetteer, h: &LookupHit) -> serde_json::Value {
    let p = g.place(h.idx);
    serde_json::json!({
        "id": p.id, "name_ar": p.name_ar, "name_en": p.name_en,
        "alt_ar": p.alt_ar, "alt_latin": p.alt_latin,
        "feature_type": p.feature_type, "feature_code": p.feature_code,
        "country": p.country, "admin1": p.admin1,
        "lat": p.lat, "lon": p.lon, "population": p.population,
        "geonameid": p.geonameid, "source": p.source, "matched": h.matched,
        "admin_units": g.admin_of(p).iter().flatten().map(|u| serde_json::json!({
            "level": u.level as u8, "pcode": u.pcode, "name_ar": u.name_ar, "name_en": u.name_en,
        })).collect::<Vec<_>>(),
    })
}

/// "Nineveh › Sinjar › Sinuni (IQG15Q05R02)": the place's units, when known.
fn units_line(g: &Gazetteer, p: &crate::gazetteer::Place) -> Option<String> {
    let units: Vec<_> = g.admin_of(p).into_iter().flatten().collect();
    let last = units.last()?;
    let names: Vec<&str> = units.iter().map(|u| u.name_en.as_str()).collect();
    Some(format!("{} ({})", names.join(" › "), last.pcode))
}

fn print_table(out: &mut dyn Write, g: &Gazetteer, hits: &[LookupHit]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<22} {:<10} {:<9} {:>9} {:>9} {:>9}  {:<8} name",
        "id", "type", "admin1", "lat", "lon", "pop", "match"
    )?;
    for h in hits {
        let p = g.place(h.idx);
        let admin = if p.admin1.is_empty() { p.country.as_str() } else { p.admin1.as_str() };
        writeln!(
            out,
            "{:<22} {:<10} {:<9} {:>9.4} {:>9.4} {:>9}  {:<8} {} / {}",
            p.id,
            p.feature_type,
            admin,
            p.lat,
            p.lon,
            p.population,
            format!("{:?}", h.matched).to_lowercase(),
            p.name_ar,
            p.name_en
        )?;
        if let Some(units) = units_line(g, p) {
            writeln!(out, "{:<22} in {units}", "")?;
        }
    }
    Ok(())
}
