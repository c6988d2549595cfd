//! Evaluation: score map layers against hand-made gold annotations, with
//! exactly the rules of the project's yardstick (`score.py` of the
//! evaluation kit), so users can measure hudud on articles of their own.
//!
//! [`gold`](GoldDoc) reads the annotations, [`SystemLayers`] the layers
//! `hudud map` wrote, [`score`] matches them document by document (an
//! optimal one-to-one assignment, [`min_cost_assignment`]) and the
//! [`Report`] prints as score.py prints ([`write_text`], [`write_json`]).

mod assign;
mod gold;
mod layers;
mod python;
mod report;
mod score;
mod tempdir;

pub use assign::{min_cost_assignment, CostMatrix};
pub use gold::{load_gold, parse_gold, GoldDoc, GoldIncident, GoldPlace};
pub use layers::{sources_of, LayerError, SystemIncident, SystemLayers, SystemPlace, IGNORED_FEATURE_TYPES};
pub use python::{doc_key, iso_day};
pub use report::{summary_line, write_json, write_text};
pub use score::{
    best_matching, haversine_km, incident_distance, place_distance, score, strict_distance, Counts, DocScore, Figures,
    GoldItem, Matching, Report, Tally, EARTH_RADIUS_KM,
};
pub use tempdir::TempDir;

use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why an evaluation could not run; every message names the file.
#[derive(Debug, Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("reading {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not JSON.
    #[error("{}: not valid JSON: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// Where and why.
        source: serde_json::Error,
    },
    /// A gold file holds JSON, but not gold annotations.
    #[error("{}: {at}: {message}", path.display())]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// The document and item.
        at: String,
        /// What is wrong.
        message: String,
    },
    /// The places layer is not there (score.py's "missing layer").
    #[error("missing layer {} (expected the output folder of `hudud map`)", path.display())]
    MissingLayer {
        /// Where it should be.
        path: PathBuf,
    },
    /// A layer is JSON, but not one score.py can read.
    #[error("{}: {source}", path.display())]
    Layer {
        /// The layer file.
        path: PathBuf,
        /// What is wrong.
        source: LayerError,
    },
}

/// Score the layers `hudud map` wrote to `dir` (places.geojson, and
/// incidents.geojson if present) against `gold`.
pub fn score_dir(gold: &[GoldDoc], dir: &Path) -> Result<Report, EvalError> {
    let places_path = dir.join("places.geojson");
    if !places_path.exists() {
        return Err(EvalError::MissingLayer { path: places_path });
    }
    let system = SystemLayers::default()
        .with_places(&read_json(&places_path)?)
        .map_err(|source| EvalError::Layer { path: places_path, source })?;
    let incidents_path = dir.join("incidents.geojson");
    let system = if incidents_path.exists() {
        system
            .with_incidents(&read_json(&incidents_path)?)
            .map_err(|source| EvalError::Layer { path: incidents_path, source })?
    } else {
        system
    };
    Ok(score(gold, &system))
}

/// A JSON file, parsed.
fn read_json(path: &Path) -> Result<serde_json::Value, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Read { path: path.into(), source })?;
    serde_json::from_slice(&bytes).map_err(|source| EvalError::Json { path: path.into(), source })
}
