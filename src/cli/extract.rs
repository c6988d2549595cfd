//! `hudud extract INPUT...`: incidents to standard output, for pipelines.

use super::{process_inputs, GazetteerArgs, InputArgs};
use crate::incidents::Deduper;
use crate::output::{incident_feature, write_features, write_incidents_csv};
use crate::pipeline::Pipeline;
use crate::spatial::{BorderMeasure, Borders, DEFAULT_BORDER};
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::Write;

/// Output formats of `hudud extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One GeoJSON Feature per line (newline-delimited GeoJSON).
    Jsonl,
    /// One GeoJSON FeatureCollection.
    Geojson,
    /// CSV with longitude/latitude/wkt columns.
    Csv,
}

/// Arguments of `hudud extract`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hudud extract samples/articles --format csv > incidents.csv\n  cat article.txt | hudud extract - --published 2025-10-07"
)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Extract incidents (deduplicated across the inputs) and print them.
pub fn run(args: &ExtractArgs) -> anyhow::Result<()> {
    let g = args.gazetteer.load()?;
    let pipeline = Pipeline::new(&g, args.input.published()?)?;
    let mut dedup = Deduper::new(&g);
    let mut skipped = 0;
    process_inputs(&args.input, &pipeline, &mut skipped, |result| {
        dedup.push_article(result.incidents)?;
        Ok(())
    })?;
    let measure = BorderMeasure::new(Borders::builtin()?, DEFAULT_BORDER)?;
    let mut incidents = dedup.finish()?.into_vec()?;
    for inc in &mut incidents {
        inc.assign_id(&g);
        inc.measure_border(&g, &measure);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ExtractFormat::Jsonl => {
            for inc in &incidents {
                serde_json::to_writer(&mut out, &incident_feature(&g, inc))?;
                writeln!(out)?;
            }
        }
        ExtractFormat::Geojson => write_features(&mut out, incidents.iter().map(|i| incident_feature(&g, i)))?,
        ExtractFormat::Csv => write_incidents_csv(&mut out, &g, &incidents, false)?,
    }
    out.flush().context("writing to standard output")
}
