//! The command-line interface: one file per subcommand.
//!
//! Library modules return typed errors; this layer adds context with
//! `anyhow` and decides what the user sees.

mod bench;
mod bench_corpus;
mod eval;
mod extract;
mod geoparse;
mod lookup;
mod map;
mod near;
mod nearest;
mod query;
mod within;

use crate::gazetteer::Gazetteer;
use anyhow::Context;
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
    /// Stream the incidents of articles to standard output (for pipelines).
    Extract(extract::ExtractArgs),
    /// Score hudud on annotated articles (the evaluation kit's rules).
    Eval(eval::EvalArgs),
    /// Features within N km of a border, a place or a point, nearest first.
    Near(near::NearArgs),
    /// Features inside a box, a governorate or a country.
    Within(within::WithinArgs),
    /// The k features nearest to a point or a place.
    Nearest(nearest::NearestArgs),
    /// Benchmarks that print throughput.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
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
    /// with the built-in data: a new id adds a place, a known id only adds
    /// its names as variants; an id twice in one file is an error. Repeatable.
    #[arg(long = "gazetteer-extra", value_name = "FILE", global = true)]
    pub gazetteer_extra: Vec<PathBuf>,
    /// Let --gazetteer-extra rows with a known id replace that place's
    /// coordinates and other fields (without it they only add names).
    #[arg(long = "gazetteer-replace", global = true)]
    pub gazetteer_replace: bool,
}

impl GazetteerArgs {
    /// Load the built-in gazetteer merged with the extra files.
    pub fn load(&self) -> anyhow::Result<Gazetteer> {
        let extra: Vec<&std::path::Path> = self.gazetteer_extra.iter().map(PathBuf::as_path).collect();
        let g = if self.gazetteer_replace {
            Gazetteer::with_extra_replacing(&extra)?
        } else {
            Gazetteer::with_extra(&extra)?
        };
        Ok(g)
    }
}

/// Where articles come from, shared by the commands that read them.
#[derive(Debug, Clone, Default, Args)]
pub struct InputArgs {
    /// Articles: .txt/.md files, .jsonl/.ndjson files (one article per line:
    /// id, url, title, published, text), directories (read recursively), or -
    /// for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for every article, overriding dates
    /// found in headers or JSON Lines fields; relative dates ("أمس") resolve
    /// against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Worker threads (default: all cores; at most 4 per core, more are
    /// capped with a note). With 1, everything runs on this one thread; with
    /// more, a reader and a merger thread run beside the workers. Output is
    /// identical for any number.
    #[arg(long, value_name = "N", value_parser = threads_arg)]
    pub threads: Option<usize>,
    /// How to read the inputs: auto reads .jsonl/.ndjson files as JSON Lines
    /// and any other input (-, .json, .txt) as JSON Lines when its first
    /// non-blank line is a JSON object with a "text" field, else as one
    /// plain-text article (a whole JSON document, such as an array of
    /// articles, is skipped with a warning); text and jsonl read every input
    /// so.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = crate::input::InputFormat::Auto)]
    pub input_format: crate::input::InputFormat,
}

/// `--threads`: a whole number of at least 1 (0 is a usage error, not a
/// failure while reading).
fn threads_arg(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number of threads, at least 1".to_string()),
    }
}

/// At most this many worker threads per core: more only adds switching,
/// and enough of them exhaust memory (each has its own stacks).
pub const MAX_THREADS_PER_CORE: usize = 4;

impl InputArgs {
    /// Bring `--threads` down to [`MAX_THREADS_PER_CORE`] × the cores,
    /// saying so on stderr.
    pub fn cap_threads(&mut self) {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let max = MAX_THREADS_PER_CORE * cores;
        if let Some(n) = self.threads.filter(|&n| n > max) {
            eprintln!(
                "hudud: note: --threads {n} is more than {MAX_THREADS_PER_CORE} per core ({cores} cores); using {max}"
            );
            self.threads = Some(max);
        }
    }

    /// True for `--threads 1`: no thread beside the calling one does work.
    pub fn single_threaded(&self) -> bool {
        self.threads == Some(1)
    }

    /// The `--published` override, checked.
    pub fn published(&self) -> anyhow::Result<Option<crate::incidents::Date>> {
        self.published
            .as_deref()
            .map(|s| parse_ymd(s).ok_or_else(|| anyhow::anyhow!("--published {s:?}: expected a date as YYYY-MM-DD")))
            .transpose()
    }
}

/// A calendar date written YYYY-MM-DD on the command line (None for
/// anything else, or a day the calendar lacks).
pub fn parse_ymd(s: &str) -> Option<crate::incidents::Date> {
    let p: Vec<&str> = s.split('-').collect();
    let num = |i: usize| p.get(i).and_then(|x| x.parse::<u32>().ok());
    match (p.len(), num(0), num(1), num(2)) {
        (3, Some(y), Some(m), Some(d)) => crate::incidents::Date::new(i32::try_from(y).ok()?, m, d),
        _ => None,
    }
}

/// Articles are handed to workers in batches of about this much text.
const BATCH_BYTES: usize = 1024 * 1024;

/// Read the inputs in batches and process each batch on a thread pool;
/// `visit` sees the results in input order, so output does not depend on
/// the number of threads. Memory holds a few batches of articles at a time.
pub fn process_inputs(
    input: &InputArgs,
    pipeline: &crate::pipeline::Pipeline,
    skipped: &mut usize,
    visit: impl FnMut(crate::pipeline::DocumentResult) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    process_inputs_with(input, pipeline, skipped, |r| r, visit)
}

/// [`process_inputs`] with a `prepare` step that runs on the pool too
/// (rendering output rows, say), so `visit`, which runs on one thread,
/// has little left to do.
///
/// Three stages overlap: a reader thread fills the next batch, the pool
/// works on the current one, and this thread visits the results of the
/// one before. With `--threads 1` each article goes through all three in
/// turn, on this thread.
pub fn process_inputs_with<T: Send>(
    input: &InputArgs,
    pipeline: &crate::pipeline::Pipeline,
    skipped: &mut usize,
    prepare: impl Fn(crate::pipeline::DocumentResult) -> T + Sync,
    mut visit: impl FnMut(T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    if input.single_threaded() {
        return load_inputs(input, skipped, |doc| visit(prepare(pipeline.process(&doc))));
    }
    let pool = thread_pool(input.threads)?;
    let (batches, to_process) = std::sync::mpsc::sync_channel::<Vec<crate::input::Document>>(1);
    let (results, to_visit) = std::sync::mpsc::sync_channel::<Vec<T>>(1);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let reader = std::thread::Builder::new().name("hudud-reader".into()).spawn_scoped(
            scope,
            move || -> anyhow::Result<usize> {
                let (mut read_skipped, mut batch, mut batch_bytes) = (0, Vec::new(), 0);
                load_inputs(input, &mut read_skipped, |doc| {
                    batch_bytes += doc.text.len();
                    batch.push(doc);
                    if batch_bytes >= BATCH_BYTES {
                        batch_bytes = 0;
                        // The receiver is gone only when processing failed.
                        batches.send(std::mem::take(&mut batch)).map_err(|_| anyhow::anyhow!("processing stopped"))?;
                    }
                    Ok(())
                })?;
                if !batch.is_empty() {
                    let _ = batches.send(batch);
                }
                Ok(read_skipped)
            },
        );
        let reader = reader.context("starting the input reader thread")?;
        let (pool, prepare) = (&pool, &prepare);
        // If this thread cannot start, its receiver is dropped with it and the reader stops.
        std::thread::Builder::new()
            .name("hudud-feeder".into())
            .spawn_scoped(scope, move || {
                for batch in to_process {
                    let done = pool.install(|| batch.par_iter().map(|d| prepare(pipeline.process(d))).collect());
                    drop(batch);
                    if results.send(done).is_err() {
                        break;
                    }
                }
            })
            .context("starting a worker thread")?;
        let visited = to_visit.iter().try_for_each(|done| done.into_iter().try_for_each(&mut visit));
        // On failure, closing the channel stops the workers and the reader.
        drop(to_visit);
        let read = reader.join().map_err(|_| anyhow::anyhow!("the input reader panicked"))?;
        visited?;
        *skipped = read?;
        Ok(())
    })
}

/// Before reading layers from `dir`: complete an update of its layers that
/// a stopped `hudud map` left half done, so the layers read are of one run.
/// A folder that cannot be settled (read-only, say) is read as it is, with
/// a warning.
pub fn settle_layers(dir: &std::path::Path) {
    let dir = if dir.as_os_str().is_empty() { std::path::Path::new(".") } else { dir };
    let wait = || eprintln!("hudud: waiting for another hudud run writing to {} to finish…", dir.display());
    match crate::output::settle(dir, &crate::output::LAYER_FILES, wait) {
        Ok(found) if found.completed => {
            eprintln!("hudud: note: {}: completed the update of the layers an interrupted run left", dir.display());
        }
        Ok(_) => {}
        Err(e) => eprintln!(
            "hudud: warning: {}: the layers may mix two runs, an interrupted update could not be completed: {e}",
            dir.display()
        ),
    }
}

/// A rayon pool of `threads` workers (default: one per core). A thread
/// that cannot be started is an error, not a panic.
pub fn thread_pool(threads: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        anyhow::ensure!(n > 0, "--threads {n}: expected at least 1");
        builder = builder.num_threads(n);
    }
    let n = threads.map_or_else(|| "the worker".to_string(), |n| n.to_string());
    // rayon's error shows its cause and gives it as its source too: one is enough.
    builder.build().map_err(|e| anyhow::anyhow!("starting {n} threads (try fewer with --threads): {e}"))
}

/// Read every article of the inputs, calling `visit` on each. Unreadable
/// inputs and articles are reported on stderr and counted in `skipped`,
/// and the run goes on; when no article at all could be read, that is an
/// error, so that no command writes results of nothing.
pub fn load_inputs(
    input: &InputArgs,
    skipped: &mut usize,
    mut visit: impl FnMut(crate::input::Document) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let walked = crate::input::walk_inputs(&input.inputs);
    for e in &walked.skipped {
        eprintln!("hudud: warning: {e}, skipped");
    }
    *skipped += walked.skipped.len() + walked.notes.iter().filter(|n| n.skips()).count();
    for note in &walked.notes {
        eprintln!("hudud: warning: {note}");
    }
    let progress = progress_bar(&walked.paths);
    let mut reader = crate::input::Reader::new(input.input_format);
    let (mut articles, mut failure) = (0, Ok(()));
    for path in &walked.paths {
        if failure.is_err() {
            break;
        }
        reader.read(path, &mut |event| {
            if failure.is_ok() {
                failure = take_event(event, skipped, progress.as_ref(), &mut |doc| {
                    articles += 1;
                    visit(doc)
                });
            }
        });
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    failure?;
    match (articles, *skipped) {
        (0, 0) => anyhow::bail!("no article found in the inputs"),
        (0, n) => anyhow::bail!("no article could be read from the inputs ({n} skipped, see the warnings above)"),
        _ => Ok(()),
    }
}

/// Report what reading yielded, and hand an article on to `visit` (in
/// parts, when it is too long to be one).
fn take_event(
    event: crate::input::Event,
    skipped: &mut usize,
    progress: Option<&indicatif::ProgressBar>,
    visit: &mut dyn FnMut(crate::input::Document) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use crate::input::Event;
    let d = match event {
        Event::Article(d) => d,
        Event::Warning(w) => {
            eprintln!("hudud: warning: {w}");
            return Ok(());
        }
        Event::Skipped(e) => {
            eprintln!("hudud: warning: {e}");
            *skipped += 1;
            return Ok(());
        }
    };
    if let Some(bar) = progress {
        bar.inc(d.text.len() as u64);
    }
    if d.lossy {
        eprintln!("hudud: warning: {}: invalid UTF-8 replaced", d.origin);
    }
    if d.text.trim().is_empty() {
        eprintln!("hudud: warning: {}: empty article, skipped", d.origin);
        *skipped += 1;
        Ok(())
    } else if d.text.len() > crate::input::MAX_ARTICLE_BYTES {
        eprintln!("hudud: warning: {}: {} MB is not one article; read in parts", d.origin, d.text.len() >> 20);
        crate::input::split_oversized(d).into_iter().try_for_each(visit)
    } else {
        visit(d)
    }
}

/// Inputs larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_MIN_BYTES: u64 = 20 * 1024 * 1024;

/// A progress bar over the input bytes, only for a person watching a
/// terminal and a corpus large enough to wait for.
fn progress_bar(paths: &[PathBuf]) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = paths.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    if total < PROGRESS_MIN_BYTES {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}");
    if let Ok(style) = style {
        bar.set_style(style);
    }
    Some(bar)
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Gazetteer(GazetteerCommand::Lookup(args)) => lookup::run(&args),
        Command::Geoparse(args) => geoparse::run(&args),
        Command::Map(mut args) => {
            args.input.cap_threads();
            map::run(&args)
        }
        Command::Extract(mut args) => {
            args.input.cap_threads();
            extract::run(&args)
        }
        Command::Eval(mut args) => {
            args.input.cap_threads();
            eval::run(&args)
        }
        Command::Near(args) => near::run(&args),
        Command::Within(args) => within::run(&args),
        Command::Nearest(args) => nearest::run(&args),
        Command::Bench(cmd) => bench::run(&cmd),
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
