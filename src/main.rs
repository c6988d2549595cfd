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
            eprintln!("hudud: error: {}", error_text(&err));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, joined by ": " as `{:#}` shows them, but
/// without a cause whose text the message before already ends with: an
/// error type that prints its source and also returns it from `source()`
/// would otherwise show it twice ("No such file or directory (os error
/// 2): No such file or directory (os error 2)").
fn error_text(err: &anyhow::Error) -> String {
    let mut text = String::new();
    let mut last = String::new();
    for cause in err.chain() {
        let this = cause.to_string();
        if !last.is_empty() && last.ends_with(&this) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&this);
        last = this;
    }
    text
}

/// A closed pipe (`hudud geoparse … | head`) is the reader's choice, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<csv::Error>()
                .is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe))
            || e.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Wrapper(std::io::Error);

    impl std::fmt::Display for Wrapper {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "x.tsv: cannot read: {}", self.0)
        }
    }

    impl std::error::Error for Wrapper {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_cause_already_shown_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let err = anyhow::Error::new(Wrapper(io)).context("loading the gazetteer");
        assert_eq!(error_text(&err), "loading the gazetteer: x.tsv: cannot read: no such file");
    }
}
