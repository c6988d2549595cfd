//! `hudud bench`: benchmarks that print throughput (never timed tests).

use crate::corpus::Rng;
use crate::spatial::{haversine_km, BorderIndex, Borders, PointIndex, DEFAULT_BORDER};
use clap::{Args, Subcommand};
use std::hint::black_box;
use std::time::Instant;

/// Benchmarks.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Write a reproducible synthetic corpus (JSON Lines) of about SIZE.
    Generate(GenerateArgs),
    /// Throughput of `map` on a corpus: 1 thread and all cores, peak RSS,
    /// gazetteer load time, lookup latency, and the scan-only floor.
    Corpus(CorpusBenchArgs),
    /// Spatial queries on random points over the region: R-tree build,
    /// border distance, radius queries, each against a brute-force scan.
    Spatial(SpatialBenchArgs),
}

/// Arguments of `hudud bench spatial`.
#[derive(Debug, Args)]
pub struct SpatialBenchArgs {
    /// Random points over the region.
    #[arg(long, default_value_t = 1_000_000)]
    pub points: usize,
    /// Radius queries to run.
    #[arg(long, default_value_t = 10_000)]
    pub queries: usize,
    /// Query radius, km.
    #[arg(long, default_value_t = 25.0)]
    pub km: f64,
    /// Random seed (same seed, same points).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

/// Arguments of `hudud bench generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Size to write: 10M, 500M, 1G, 5G…
    #[arg(long, default_value = "100M")]
    pub size: String,
    /// Random seed (same seed and size, same bytes).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output file (.jsonl).
    #[arg(long, short)]
    pub out: std::path::PathBuf,
}

/// Arguments of `hudud bench corpus`.
#[derive(Debug, Args)]
pub struct CorpusBenchArgs {
    /// The corpus (JSON Lines or article files; see `bench generate`).
    #[arg(required = true)]
    pub inputs: Vec<std::path::PathBuf>,
    /// Where the map runs write (a temporary folder by default).
    #[arg(long)]
    pub work: Option<std::path::PathBuf>,
    /// Time each measure this many times and keep the fastest run (the
    /// least disturbed by whatever else the machine is doing); peak RSS is
    /// the largest seen.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
}

/// Run a benchmark.
pub fn run(cmd: &BenchCommand) -> anyhow::Result<()> {
    match cmd {
        BenchCommand::Spatial(args) => spatial(args),
        BenchCommand::Generate(args) => generate(args),
        BenchCommand::Corpus(args) => super::bench_corpus::run(args),
    }
}

/// Parse a size such as `100M`, `1G`, `10MB`, `2048`.
pub fn parse_size(s: &str) -> anyhow::Result<u64> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.strip_suffix('B').unwrap_or(&t);
    let (num, mult) = match t.chars().last() {
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    let n: f64 = num.parse().map_err(|_| anyhow::anyhow!("--size {s:?}: expected a size like 100M or 1G"))?;
    Ok((n * mult as f64) as u64)
}

fn generate(args: &GenerateArgs) -> anyhow::Result<()> {
    use anyhow::Context;
    let bytes = parse_size(&args.size)?;
    let g = crate::gazetteer::Gazetteer::builtin()?;
    let mut writer = crate::corpus::CorpusWriter::new(&g, args.seed);
    let t = Instant::now();
    let mut file =
        crate::output::AtomicFile::create(&args.out).with_context(|| format!("writing {}", args.out.display()))?;
    let (articles, text) = writer.write(file.writer(), bytes)?;
    file.commit().with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "wrote {} articles ({:.1} MB of text) to {} in {:.1} s",
        articles,
        text as f64 / 1e6,
        args.out.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A random point over Syria, Iraq and their neighbours' border strips.
fn region_point(rng: &mut Rng) -> [f64; 2] {
    [35.0 + 13.0 * rng.unit(), 29.5 + 8.0 * rng.unit()]
}

fn spatial(args: &SpatialBenchArgs) -> anyhow::Result<()> {
    let mut rng = Rng::new(args.seed);
    let points: Vec<[f64; 2]> = (0..args.points).map(|_| region_point(&mut rng)).collect();
    let queries: Vec<[f64; 2]> = (0..args.queries).map(|_| region_point(&mut rng)).collect();
    println!(
        "hudud bench spatial: {} points, {} queries of {} km, seed {}",
        args.points, args.queries, args.km, args.seed
    );

    let t = Instant::now();
    let index = PointIndex::new(points.clone());
    println!("  R-tree build                {:>10.3} s", t.elapsed().as_secs_f64());

    let borders = Borders::builtin()?;
    let border = BorderIndex::new(borders.line(DEFAULT_BORDER)?);
    let t = Instant::now();
    let total: f64 = points.iter().map(|p| border.distance_km(*p)).sum();
    let indexed = t.elapsed().as_secs_f64();
    black_box(total);
    let sample = points.len().min(20_000);
    let t = Instant::now();
    let brute: f64 = points[..sample].iter().map(|p| border.distance_km_brute_force(*p)).sum();
    let brute_all = t.elapsed().as_secs_f64() * points.len() as f64 / sample.max(1) as f64;
    black_box(brute);
    println!(
        "  border distance, all points {:>10.3} s  ({:.1} M points/s; brute force ~{:.1} s, {:.0}x)",
        indexed,
        points.len() as f64 / indexed / 1e6,
        brute_all,
        brute_all / indexed
    );

    let t = Instant::now();
    let found: usize = queries.iter().map(|q| index.within_km(*q, args.km).len()).sum();
    let tree_time = t.elapsed().as_secs_f64();
    let brute_n = queries.len().min(50);
    let scale = queries.len() as f64 / brute_n.max(1) as f64;
    // The classic brute force: the haversine distance to every point.
    let t = Instant::now();
    let haversine_found: usize =
        queries[..brute_n].iter().map(|q| points.iter().filter(|p| haversine_km(*q, **p) <= args.km).count()).sum();
    let haversine_time = t.elapsed().as_secs_f64() * scale;
    black_box(haversine_found);
    // The reference the tests compare with: the same trig-free distance
    // the index confirms with, on every point.
    let t = Instant::now();
    let scan_found: usize = queries[..brute_n].iter().map(|q| index.within_km_brute_force(*q, args.km).len()).sum();
    let scan_time = t.elapsed().as_secs_f64() * scale;
    black_box(scan_found);
    println!(
        "  radius queries              {:>10.3} s  ({:.0} queries/s, {} hits)",
        tree_time,
        queries.len() as f64 / tree_time,
        found
    );
    println!(
        "    vs haversine scan         {:>10.1} s  ({:.0}x faster with the R-tree)",
        haversine_time,
        haversine_time / tree_time
    );
    println!(
        "    vs unit-vector scan       {:>10.1} s  ({:.0}x; same arithmetic as the index, so identical results)",
        scan_time,
        scan_time / tree_time
    );
    println!("  (brute-force times are measured on {sample} points and {brute_n} queries and scaled)");
    Ok(())
}
