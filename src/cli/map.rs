//! `hudud map INPUT... --out DIR`: the main job, articles in, layers out.

use super::GazetteerArgs;
use crate::geoparse::Geoparser;
use crate::input::{expand_inputs, read_document};
use crate::output::{border_lines, write_atomic, write_feature_collection, PlacesLayer};
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `hudud map`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  hudud map samples/articles --out output\n\nWrites DIR/places.geojson (one point per place mentioned) and DIR/border.geojson\n(the region's international borders). Open them in QGIS or any web map.")]
pub struct MapArgs {
    /// Articles: .txt/.md files, directories (read recursively), or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Directory to write the layers to (created if missing).
    #[arg(long, short, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Run the map job.
pub fn run(args: &MapArgs) -> anyhow::Result<()> {
    let g = args.gazetteer.load()?;
    let parser = Geoparser::new(&g)?;
    let mut places = PlacesLayer::new();
    let (mut read, mut failed, mut mentions) = (0usize, 0usize, 0usize);
    for path in expand_inputs(&args.inputs)? {
        let doc = match read_document(&path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("hudud: warning: {e}");
                failed += 1;
                continue;
            }
        };
        if doc.lossy {
            eprintln!("hudud: warning: {}: invalid UTF-8 replaced", doc.origin);
        }
        let found = parser.parse(&doc.text);
        mentions += found.len();
        places.add_document(&g, &doc.name, &found);
        read += 1;
    }
    std::fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    let places_path = args.out.join("places.geojson");
    let fc = places.to_geojson(&g);
    write_atomic(&places_path, |w| write_feature_collection(w, &fc))
        .with_context(|| format!("writing {}", places_path.display()))?;
    let border_path = args.out.join("border.geojson");
    let borders = border_lines().context("reading the built-in borders")?;
    write_atomic(&border_path, |w| write_feature_collection(w, &borders))
        .with_context(|| format!("writing {}", border_path.display()))?;
    eprintln!(
        "hudud: {read} article(s) read{}, {mentions} place mention(s), {} place(s) mapped → {}",
        if failed > 0 { format!(" ({failed} skipped)") } else { String::new() },
        places.len(),
        args.out.display()
    );
    Ok(())
}
