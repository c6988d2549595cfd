//! `hudud eval --gold GOLD.json INPUT...`: measure hudud on annotated
//! articles, with the rules of the project's yardstick (score.py).

use super::map::{self, MapArgs};
use super::{GazetteerArgs, InputArgs};
use crate::eval::{load_gold, score_dir, write_json, write_text, TempDir};
use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `hudud eval`.
#[derive(Debug, Args)]
#[command(
    mut_arg("inputs", |a| a.required(false).required_unless_present("layers")),
    after_help = "Examples:\n  \
hudud eval --gold samples/gold.json samples/articles\n  \
hudud eval --gold samples/eval2/gold.json samples/eval2 --verbose\n  \
hudud map samples/articles --out output\n  \
hudud eval --gold samples/gold.json --layers output --json\n\n\
With INPUT, the articles are mapped as `hudud map` maps them (same options) into a\n\
temporary folder that is removed afterwards; with --layers, the places.geojson and\n\
incidents.geojson that `hudud map` wrote are scored as they are.\n\n\
GOLD.json is a list of documents: {\"doc\": file name, \"places\": [{\"name\", \"lat\",\n\
\"lon\", \"ids\": GeoNames ids, \"tol_km\" (10), \"optional\"}], \"incidents\": [{\"summary\",\n\
\"event_types\", \"sub_event_types\", \"lat\", \"lon\", \"tol_km\" (25), \"date\",\n\
\"date_tol_days\" (1), \"optional\"}]}. Documents are matched by file name. A gold place\n\
is found by one of its ids or within tol_km; a gold incident by one of its event\n\
types within tol_km. Matching is one-to-one and optimal (required items first, then\n\
optional ones, then the closest pairs); optional items count neither way. Places of\n\
type country or continent are not scored.\n\n\
The last line reads: places P=… R=… F1=… | incidents P=… R=… F1=… | dates a/b\n\
(found incidents with the date right) | sub-events c/d | strict incidents F1=… (date\n\
and sub-event type right too). The figures are those of the evaluation kit's\n\
score.py; --json prints its --json structure."
)]
pub struct EvalArgs {
    /// Gold annotations (JSON, the evaluation kit's format; see below).
    #[arg(long, value_name = "GOLD.json")]
    pub gold: PathBuf,
    /// Score the layers `hudud map` already wrote to DIR instead of mapping INPUT.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["inputs", "published", "threads", "input_format", "keep_unlocated"])]
    pub layers: Option<PathBuf>,
    /// Print the whole result as JSON (score.py --json's structure and numbers).
    #[arg(long)]
    pub json: bool,
    /// Under each document, list the gold items it missed and the extras it added.
    #[arg(long)]
    pub verbose: bool,
    /// Map incidents without a mappable place too, as `hudud map
    /// --keep-unlocated` does (they can only count as extras).
    #[arg(long)]
    pub keep_unlocated: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Run the evaluation.
pub fn run(args: &EvalArgs) -> anyhow::Result<()> {
    // A bad gold file stops the run before any mapping.
    let gold = load_gold(&args.gold)?;
    let report = match &args.layers {
        Some(dir) => {
            super::settle_layers(dir);
            score_dir(&gold, dir)?
        }
        None => {
            let tmp = TempDir::new("hudud-eval").context("creating a temporary folder for the layers")?;
            map::run(&MapArgs {
                input: args.input.clone(),
                out: tmp.path().to_path_buf(),
                excel: false,
                keep_unlocated: args.keep_unlocated,
                // Border bands are not scored.
                zones: Vec::new(),
                tiles: None,
                gazetteer: args.gazetteer.clone(),
            })
            .map_err(without_private_folder)?;
            score_dir(&gold, tmp.path())?
        }
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        write_json(&report, &mut out)?;
    } else {
        write_text(&report, args.verbose, &mut out)?;
    }
    out.flush()?;
    Ok(())
}

/// A failure to read the inputs, without naming the private folder the
/// layers were to be written to (the user gave no folder).
fn without_private_folder(e: anyhow::Error) -> anyhow::Error {
    if e.downcast_ref::<map::NothingWritten>().is_none() {
        return e;
    }
    let causes: Vec<String> = e.chain().skip(1).map(ToString::to_string).collect();
    anyhow::anyhow!(causes.join(": "))
}
