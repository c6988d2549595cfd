//! `hudud bench corpus`: end-to-end and scan-only throughput on a corpus.

use super::bench::CorpusBenchArgs;
use crate::arabic::normalize;
use crate::gazetteer::Gazetteer;
use crate::geoparse::Recognizer;
use crate::input::{for_each_document, walk_inputs};
use anyhow::Context;
use std::process::Command;
use std::time::Instant;

/// Run the corpus benchmark.
pub fn run(args: &CorpusBenchArgs) -> anyhow::Result<()> {
    let walked = walk_inputs(&args.inputs);
    if let Some(e) = walked.skipped.into_iter().next() {
        return Err(e.into());
    }
    let paths = walked.paths;
    let bytes: u64 = paths.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!(
        "hudud bench corpus: {:.1} MB in {} file(s), {} cores, best of {} run(s)",
        bytes as f64 / 1e6,
        paths.len(),
        cores,
        args.runs
    );

    let t = Instant::now();
    let g = Gazetteer::builtin()?;
    let load = t.elapsed().as_secs_f64();
    let t = Instant::now();
    // The automaton `map` scans with: every name, and the words extraction needs.
    let recognizer = Recognizer::with_words(&g, &crate::incidents::article_words())?;
    let automaton = t.elapsed().as_secs_f64();
    println!(
        "  gazetteer load              {:>8.1} ms  (+ automaton {:.1} ms = ready in {:.1} ms)",
        load * 1e3,
        automaton * 1e3,
        (load + automaton) * 1e3
    );
    lookup_latency(&g);

    let (articles, text_bytes, mut scan) = scan_only(&paths, &recognizer);
    for _ in 1..args.runs {
        scan = scan.min(scan_only(&paths, &recognizer).2);
    }
    let mb = text_bytes as f64 / 1e6;
    println!(
        "  scan only (1 thread)        {:>8.1} MB/s  {:>9.0} articles/s  ({} articles, {:.1} MB of text)",
        mb / scan,
        articles as f64 / scan,
        articles,
        mb
    );

    let work = match &args.work {
        Some(w) => w.clone(),
        None => std::env::temp_dir().join(format!("hudud-bench-{}", std::process::id())),
    };
    let one = best_map_run(&args.inputs, &work.join("t1"), Run { threads: 1, pinned: false }, args.runs)?;
    println!(
        "  map end to end, 1 thread    {:>8.1} MB/s  {:>9.0} articles/s  peak RSS {}  (--threads 1: reading, work and merging on one thread)",
        mb / one.0,
        articles as f64 / one.0,
        one.1
    );
    // The same held to one CPU: a check that nothing else ran beside it.
    let pinned = best_map_run(&args.inputs, &work.join("c1"), Run { threads: 1, pinned: true }, args.runs);
    match &pinned {
        Ok(p) => println!(
            "  map end to end, 1 core      {:>8.1} MB/s  {:>9.0} articles/s  peak RSS {}  (--threads 1 under taskset -c 0)",
            mb / p.0,
            articles as f64 / p.0,
            p.1
        ),
        Err(e) => println!("  map end to end, 1 core      not measured: {e:#}"),
    }
    let all = best_map_run(&args.inputs, &work.join("tn"), Run { threads: cores, pinned: false }, args.runs)?;
    println!(
        "  map end to end, {} threads   {:>8.1} MB/s  {:>9.0} articles/s  peak RSS {}",
        cores,
        mb / all.0,
        articles as f64 / all.0,
        all.1
    );
    let per_core = pinned.as_ref().map_or(String::new(), |p| format!("  ({:.2}x over 1 core)", p.0 / all.0));
    println!("  speed-up {} threads / 1      {:>8.2}x{}", cores, one.0 / all.0, per_core);
    let per_core = pinned.as_ref().map_or(String::new(), |p| format!("  ({:.2}x on 1 core)", p.0 / scan));
    println!("  end to end / scan only      {:>8.2}x  (1 thread){}", one.0 / scan, per_core);
    let same = dirs_identical(&work.join("t1"), &work.join("tn"))?;
    println!("  outputs identical for 1 and {} threads: {}", cores, if same { "yes" } else { "NO" });
    if args.work.is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
    Ok(())
}

fn lookup_latency(g: &Gazetteer) {
    let names: Vec<&str> = g
        .places()
        .iter()
        .take(2000)
        .flat_map(|p| [p.name_ar.as_str(), p.name_en.as_str()])
        .filter(|n| !n.is_empty())
        .collect();
    let t = Instant::now();
    let hits: usize = names.iter().map(|n| g.lookup(n, 5).len()).sum();
    let per = t.elapsed().as_secs_f64() / names.len().max(1) as f64;
    std::hint::black_box(hits);
    println!("  lookup latency              {:>8.1} µs  (mean over {} Arabic and Latin names)", per * 1e6, names.len());
}

/// The floor: normalise every article and run the one automaton over it.
fn scan_only(paths: &[std::path::PathBuf], recognizer: &Recognizer) -> (u64, u64, f64) {
    let (mut articles, mut bytes, mut matches) = (0u64, 0u64, 0usize);
    let t = Instant::now();
    for_each_document(paths, |doc| {
        if let Ok(d) = doc {
            articles += 1;
            bytes += d.text.len() as u64;
            matches += recognizer.count_matches(&normalize(&d.text).text);
        }
    });
    std::hint::black_box(matches);
    (articles, bytes, t.elapsed().as_secs_f64())
}

/// How a map run is made: worker threads, and whether it is held to one CPU.
#[derive(Debug, Clone, Copy)]
struct Run {
    threads: usize,
    pinned: bool,
}

/// The fastest of `runs` map runs, with the largest peak RSS seen.
fn best_map_run(
    inputs: &[std::path::PathBuf],
    out: &std::path::Path,
    run: Run,
    runs: u32,
) -> anyhow::Result<(f64, String)> {
    let mut best = f64::INFINITY;
    let mut rss: Option<u64> = None;
    for _ in 0..runs {
        let (secs, mb) = map_run(inputs, out, run)?;
        best = best.min(secs);
        rss = rss.max(mb);
    }
    Ok((best, rss.map_or("?".to_string(), |m| format!("{m} MB"))))
}

/// Run `hudud map` as a child process; (seconds, peak RSS in MB as it reports it).
fn map_run(inputs: &[std::path::PathBuf], out: &std::path::Path, run: Run) -> anyhow::Result<(f64, Option<u64>)> {
    let exe = std::env::current_exe().context("locating the hudud binary")?;
    let mut command = if run.pinned {
        let mut c = Command::new("taskset");
        c.args(["-c", "0"]).arg(exe);
        c
    } else {
        Command::new(exe)
    };
    let t = Instant::now();
    let o = command
        .arg("map")
        .args(inputs)
        .args(["--out", &out.display().to_string(), "--threads", &run.threads.to_string()])
        .output()
        .with_context(|| if run.pinned { "running taskset (util-linux)" } else { "running hudud map" })?;
    let secs = t.elapsed().as_secs_f64();
    anyhow::ensure!(o.status.success(), "hudud map failed: {}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let rss = stderr.split("peak RSS ").nth(1).and_then(|r| r.split_whitespace().next()).and_then(|r| r.parse().ok());
    Ok((secs, rss))
}

fn dirs_identical(a: &std::path::Path, b: &std::path::Path) -> anyhow::Result<bool> {
    let mut names: Vec<_> = std::fs::read_dir(a)?.filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    names.sort();
    for n in names {
        if std::fs::read(a.join(&n))? != std::fs::read(b.join(&n))? {
            return Ok(false);
        }
    }
    Ok(true)
}
