//! The `hudud` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

/// Extraction allocates many small strings on every worker thread; mimalloc
/// serves them from per-thread pools (measured: see README, Dependencies).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = hudud::cli::Cli::parse();
    match hudud::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hudud: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// A closed pipe (`hudud geoparse … | head`) is the reader's choice, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}
