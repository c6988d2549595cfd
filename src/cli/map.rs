//! `hudud map INPUT... --out DIR`: the main job, articles in, layers out.

use super::{process_inputs, GazetteerArgs, InputArgs};
use crate::gazetteer::Gazetteer;
use crate::incidents::{Deduper, Incident};
use crate::output::zones_collection;
use crate::output::{
    border_lines, incident_feature, incidents_csvt, write_atomic, write_feature_collection, write_features,
    write_incidents_csv, AtomicFile, PlacesLayer,
};
use crate::pipeline::{DocumentResult, Pipeline};
use crate::spatial::{border_zones, BorderMeasure, Borders, DEFAULT_BORDER};
use anyhow::Context;
use clap::Args;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `hudud map`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  hudud map samples/articles --out output\n\n\
Writes to DIR: places.geojson (one point per place mentioned), incidents.geojson\n\
(one point per incident, ACLED-coded), incidents.csv + incidents.csvt (the same\n\
incidents for spreadsheets and QGIS, with longitude/latitude/wkt), mentions.csv\n\
(every place mention: the audit trail), border.geojson (the region's borders) and
border_zones.geojson (bands along the Iraq–Syria border, per side).\n\
Incidents that cannot be placed below country level are listed in incidents.csv\n\
with empty coordinates (add --keep-unlocated to put them in incidents.geojson with\n\
null geometry too).")]
pub struct MapArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Directory to write the layers to (created if missing).
    #[arg(long, short, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// Start incidents.csv with a UTF-8 byte-order mark, so spreadsheet
    /// programs show Arabic correctly on double-click.
    #[arg(long)]
    pub excel: bool,
    /// Also put incidents without a mappable place in incidents.geojson,
    /// with null geometry.
    #[arg(long)]
    pub keep_unlocated: bool,
    /// Border-zone bands (km) for border_zones.geojson.
    #[arg(long, value_name = "KM,KM,…", value_delimiter = ',', default_values_t = vec![10.0, 25.0, 50.0])]
    pub zones: Vec<f64>,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Everything the job gathers before writing.
struct Gathered<'g> {
    places: PlacesLayer,
    /// Incidents, deduplicated as they arrive (taken when reading ends).
    dedup: Option<Deduper<'g>>,
    unresolved: BTreeMap<String, usize>,
    articles: usize,
    skipped: usize,
}

/// Run the map job.
pub fn run(args: &MapArgs) -> anyhow::Result<()> {
    let g = args.gazetteer.load()?;
    let pipeline = Pipeline::new(&g, args.input.published()?)?;
    let mut job = Gathered {
        places: PlacesLayer::new(),
        dedup: Some(Deduper::new(&g)),
        unresolved: BTreeMap::new(),
        articles: 0,
        skipped: 0,
    };
    std::fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    // Mentions stream to disk as articles are read: memory stays flat.
    let mentions_path = args.out.join("mentions.csv");
    let mut mentions_file =
        AtomicFile::create(&mentions_path).with_context(|| format!("writing {}", mentions_path.display()))?;
    {
        let mut mentions = csv::Writer::from_writer(mentions_file.writer());
        mentions.write_record(MENTION_COLUMNS)?;
        let mut skipped = 0;
        process_inputs(&args.input, &pipeline, &mut skipped, |result| gather(&g, result, &mut job, &mut mentions))?;
        job.skipped = skipped;
        mentions.flush().with_context(|| format!("writing {}", mentions_path.display()))?;
    }
    let measure = BorderMeasure::new(Borders::builtin()?, DEFAULT_BORDER)?;
    let mut incidents = job.dedup.take().map(Deduper::finish).unwrap_or_default();
    for inc in &mut incidents {
        inc.assign_id(&g);
        inc.measure_border(&g, &measure);
    }
    job.places.set_incident_counts(incidents.iter().filter_map(|i| i.place));
    write_layers(args, &g, &job, &incidents, &measure)?;
    mentions_file.commit().with_context(|| format!("writing {}", mentions_path.display()))?;
    print_summary(&job, &incidents, &args.out);
    Ok(())
}

/// Columns of mentions.csv.
const MENTION_COLUMNS: &[&str] = &[
    "document",
    "start",
    "end",
    "surface",
    "gazetteer_id",
    "name_ar",
    "name_en",
    "latitude",
    "longitude",
    "feature_type",
    "candidates",
    "confidence",
    "reason",
];

fn gather(
    g: &Gazetteer,
    r: DocumentResult,
    job: &mut Gathered,
    mentions: &mut csv::Writer<&mut dyn Write>,
) -> anyhow::Result<()> {
    job.articles += 1;
    job.places.add_document(g, &r.name, &r.mentions);
    if let Some(d) = job.dedup.as_mut() {
        for inc in r.incidents {
            d.push(inc);
        }
    }
    for (m, (cs, ce)) in r.mentions.iter().zip(&r.char_offsets) {
        let p = m.place.map(|i| g.place(i));
        if p.is_none() {
            *job.unresolved.entry(m.mention.surface.clone()).or_default() += 1;
        }
        let text = |f: fn(&crate::gazetteer::Place) -> String| p.map(f).unwrap_or_default();
        let row = [
            r.name.clone(),
            cs.to_string(),
            ce.to_string(),
            m.mention.surface.clone(),
            text(|p| p.id.clone()),
            text(|p| p.name_ar.clone()),
            text(|p| p.name_en.clone()),
            text(|p| p.lat.to_string()),
            text(|p| p.lon.to_string()),
            text(|p| p.feature_type.clone()),
            m.candidates.to_string(),
            m.confidence.to_string(),
            m.reason.clone(),
        ];
        mentions.write_record(&row).context("writing mentions.csv")?;
    }
    Ok(())
}

fn write_layers(
    args: &MapArgs,
    g: &Gazetteer,
    job: &Gathered,
    incidents: &[Incident],
    measure: &BorderMeasure,
) -> anyhow::Result<()> {
    let out = &args.out;
    let write = |name: &str, fill: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| -> anyhow::Result<()> {
        let path = out.join(name);
        write_atomic(&path, |w| fill(w)).with_context(|| format!("writing {}", path.display()))
    };
    let places = job.places.to_geojson(g, measure);
    write("places.geojson", &|w| write_feature_collection(w, &places))?;
    let mapped = incidents.iter().filter(|i| args.keep_unlocated || i.place.is_some());
    let mapped: Vec<&Incident> = mapped.collect();
    write("incidents.geojson", &|w| write_features(w, mapped.iter().map(|i| incident_feature(g, i))))?;
    write("incidents.csv", &|w| write_incidents_csv(w, g, incidents, args.excel))?;
    write("incidents.csvt", &|w| w.write_all(incidents_csvt().as_bytes()))?;
    let borders = border_lines().context("reading the built-in borders")?;
    write("border.geojson", &|w| write_feature_collection(w, &borders))?;
    let line = measure.borders().line(DEFAULT_BORDER)?;
    let zones = zones_collection(&line.id, &border_zones(measure.borders(), line, &args.zones));
    write("border_zones.geojson", &|w| write_feature_collection(w, &zones))
}

fn print_summary(job: &Gathered, incidents: &[Incident], out: &Path) {
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for i in incidents {
        *by_type.entry(i.event_type).or_default() += 1;
    }
    let unlocated = incidents.iter().filter(|i| i.place.is_none()).count();
    eprintln!(
        "hudud: {} article(s) read{}; {} incident(s) ({} without a mappable place); {} place(s) mapped → {}{}",
        job.articles,
        if job.skipped > 0 { format!(", {} skipped", job.skipped) } else { String::new() },
        incidents.len(),
        unlocated,
        job.places.len(),
        out.display(),
        peak_rss_mb().map(|m| format!("; peak RSS {m} MB")).unwrap_or_default()
    );
    for (t, n) in &by_type {
        eprintln!("  {n:>5}  {t}");
    }
    if !job.unresolved.is_empty() {
        let mut names: Vec<(&String, &usize)> = job.unresolved.iter().collect();
        names.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = names.iter().take(20).map(|(n, c)| format!("{n} ({c})")).collect();
        eprintln!("  unresolved names (add them with --gazetteer-extra): {}", list.join(", "));
    }
}

/// Peak resident memory of this process in MB (Linux), for the summary.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
