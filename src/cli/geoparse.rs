//! `hudud geoparse INPUT...`: every place mention with its resolution.

use super::{load_inputs, GazetteerArgs, InputArgs};
use crate::gazetteer::Gazetteer;
use crate::geoparse::{Geoparser, ResolvedMention};
use crate::input::InputFormat;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `hudud geoparse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GeoparseFormat {
    /// One JSON object per mention and line.
    Jsonl,
    /// An aligned table for reading.
    Table,
}

/// Arguments of `hudud geoparse`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  hudud geoparse samples/articles --format table")]
pub struct GeoparseArgs {
    /// Articles: .txt/.md files, .jsonl/.ndjson files (one article per line:
    /// id, url, title, published, text), directories (read recursively), or -
    /// for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GeoparseFormat::Jsonl)]
    pub format: GeoparseFormat,
    /// How to read the inputs: auto reads .jsonl/.ndjson files as JSON Lines
    /// and any other input (-, .json, .txt) as JSON Lines when its first
    /// non-blank line is a JSON object with a "text" field, else as one
    /// plain-text article (a whole JSON document, such as an array of
    /// articles, is skipped with a warning); text and jsonl read every input
    /// so.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Geoparse the inputs and print one record per mention. Inputs are read
/// as `map` reads them (JSON Lines, standard input, long texts in parts),
/// and reading no article at all is an error.
pub fn run(args: &GeoparseArgs) -> anyhow::Result<()> {
    let g = args.gazetteer.load()?;
    let parser = Geoparser::new(&g)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let input = InputArgs { inputs: args.inputs.clone(), input_format: args.input_format, ..InputArgs::default() };
    load_inputs(&input, &mut 0, |doc| {
        let mentions = parser.parse(&doc.text);
        let offsets = crate::pipeline::char_offsets(&doc.text, &mentions);
        for (m, (cs, ce)) in mentions.iter().zip(offsets) {
            let (cs, ce) = (cs + doc.char_base, ce + doc.char_base);
            match args.format {
                GeoparseFormat::Jsonl => {
                    serde_json::to_writer(&mut out, &mention_json(&g, &doc.name, m, cs, ce))?;
                    writeln!(out)?;
                }
                GeoparseFormat::Table => write_row(&mut out, &g, &doc.name, m, cs)?,
            }
        }
        Ok(())
    })?;
    out.flush().context("writing to standard output")
}

/// The JSON record of one mention.
pub fn mention_json(g: &Gazetteer, doc: &str, m: &ResolvedMention, cs: usize, ce: usize) -> serde_json::Value {
    let place = m.place.map(|i| g.place(i));
    serde_json::json!({
        "document": doc,
        "start": cs,
        "end": ce,
        "surface": m.mention.surface,
        "id": place.map(|p| p.id.as_str()),
        "name_ar": place.map(|p| p.name_ar.as_str()),
        "name_en": place.map(|p| p.name_en.as_str()),
        "lat": place.map(|p| p.lat),
        "lon": place.map(|p| p.lon),
        "feature_type": place.map(|p| p.feature_type.as_str()),
        "country": place.map(|p| p.country.as_str()),
        "admin1": place.map(|p| p.admin1.as_str()),
        "geonameid": place.and_then(|p| p.geonameid),
        "cue": m.mention.cue.as_ref().map(|c| c.kind.label()),
        "direction": m.mention.direction.map(|d| d.label()),
        "geo_precision": m.geo_precision.map(|p| p.code()),
        "candidates": m.candidates,
        "confidence": m.confidence,
        "reason": m.reason,
    })
}

fn write_row(out: &mut dyn Write, g: &Gazetteer, doc: &str, m: &ResolvedMention, cs: usize) -> std::io::Result<()> {
    let (id, name, where_) = match m.place.map(|i| g.place(i)) {
        Some(p) => (p.id.as_str(), p.name_en.as_str(), format!("{:.4},{:.4}", p.lat, p.lon)),
        None => ("unresolved", "", String::new()),
    };
    writeln!(
        out,
        "{doc:<28} {cs:>6}  {:<22} {id:<20} {name:<24} {where_:<17} {:.2}  {}",
        m.mention.surface, m.confidence, m.reason
    )
}
