//! The command-line interface: one file per subcommand.
//!
//! Library modules return typed errors; this layer adds context with
//! `anyhow` and decides what the user sees.

mod geoparse;
mod lookup;
mod map;

use crate::gazetteer::Gazetteer;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// hudud (حدود): map Arabic news about security incidents in the Iraq–Syria
/// border region.
///
/// Typical use: `hudud map samples/articles --out output` writes GeoJSON
/// layers you can open in QGIS; `hudud gazetteer lookup "دير الزور"` shows
/// what a name resolves to.
#[derive(Debug, Parser)]
#[command(name = "hudud", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Query the gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Print every place mention found in articles, with its resolution.
    Geoparse(geoparse::GeoparseArgs),
    /// The main job: read articles and write map layers to a directory.
    Map(map::MapArgs),
}

/// Gazetteer subcommands.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Find places by Arabic or Latin name (tolerant of spelling variants).
    Lookup(lookup::LookupArgs),
}

/// Options every command that reads the gazetteer shares.
#[derive(Debug, Clone, Args)]
pub struct GazetteerArgs {
    /// Extra gazetteer file (TSV, same columns as gazetteer/places.tsv) merged
    /// with the built-in data; rows with a known id add variants. Repeatable.
    #[arg(long = "gazetteer-extra", value_name = "FILE", global = true)]
    pub gazetteer_extra: Vec<PathBuf>,
}

impl GazetteerArgs {
    /// Load the built-in gazetteer merged with the extra files.
    pub fn load(&self) -> anyhow::Result<Gazetteer> {
        let extra: Vec<&std::path::Path> = self.gazetteer_extra.iter().map(PathBuf::as_path).collect();
        Ok(Gazetteer::with_extra(&extra)?)
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Gazetteer(GazetteerCommand::Lookup(args)) => lookup::run(&args),
        Command::Geoparse(args) => geoparse::run(&args),
        Command::Map(args) => map::run(&args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
