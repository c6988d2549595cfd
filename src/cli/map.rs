//! `hudud map INPUT... --out DIR`: the main job, articles in, layers out.

use super::{process_inputs_with, thread_pool, GazetteerArgs, InputArgs};
use crate::gazetteer::{Gazetteer, PlaceIdx};
use crate::incidents::{Deduped, Deduper, RecordStore};
use crate::output::{
    acled_csvt, border_lines, commit_set, counted_mentions, incidents_csvt, mention_rows, mentions_csvt, qgis_files,
    recover, render_incident_batch, webmap_places, write_acled_header, write_feature_collection,
    write_incidents_csv_header, write_webmap_head, write_webmap_tail, AtomicFile, FolderLock, PlacesLayer,
    RenderedIncidents, WebMapContext, ACLED_FILE, FEATURES_END, FEATURES_START, LAYER_FILES, MENTION_COLUMNS,
    WEBMAP_FILE, WGS84_PRJ,
};
use crate::output::{
    csv_rows, incidents_layer, layer_of, mentions_layer, rows_of, zones_collection, GeoPackage, GpkgRow, GPKG_FILE,
};
use crate::pipeline::{DocumentResult, Pipeline};
use crate::spatial::{border_zones, BorderMeasure, Borders, DEFAULT_BORDER};
use crate::FastMap;
use anyhow::Context;
use clap::Args;
use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Arguments of `hudud map`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  hudud map samples/articles --out output\n\n\
Writes to DIR: places.geojson (one point per place mentioned), incidents.geojson\n\
(one point per incident, ACLED-coded), incidents.csv (the same incidents for\n\
spreadsheets and QGIS, with longitude/latitude/wkt), mentions.csv (every place\n\
mention: the audit trail), incidents_acled.csv (the located incidents in ACLED's\n\
export format, to append to an ACLED download), border.geojson (the region's\n\
borders), border_zones.geojson (bands along the Iraq–Syria border, per side) and\n\
map.html (a web map of it all that opens offline, by double-click).\n\
Each CSV has a .csvt (column types) and a .prj (WGS 84) beside it for GDAL.\n\
Beside each layer NAME.qml styles it in QGIS, and hudud.qgs opens them all styled;\n\
hudud.gpkg holds every layer in one GeoPackage.\n\
Incidents that cannot be placed below country level are listed in incidents.csv\n\
with empty coordinates (add --keep-unlocated to put them in incidents.geojson with\n\
null geometry too).")]
pub struct MapArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Directory to write the layers to (created if missing). One run at a
    /// time writes to it (another waits), and its layers are replaced
    /// together: after a failure or a kill it holds the old set or the new.
    #[arg(long, short, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// Start incidents.csv with a UTF-8 byte-order mark, so spreadsheet
    /// programs show Arabic correctly on double-click.
    #[arg(long)]
    pub excel: bool,
    /// Also put incidents without a mappable place in incidents.geojson,
    /// with null geometry.
    #[arg(long)]
    pub keep_unlocated: bool,
    /// Border-zone bands (km) for border_zones.geojson, comma-separated,
    /// each more than 0 and at most 1000.
    #[arg(long, value_name = "KM,KM,…", value_delimiter = ',', default_value = "10,25,50",
          value_parser = crate::spatial::parse_band_km)]
    pub zones: Vec<f64>,
    /// Show map tiles under map.html's layers, from an XYZ template such as
    /// https://tile.openstreetmap.org/{z}/{x}/{y}.png (the page then loads
    /// them from the web; without this option it needs no network).
    #[arg(long, value_name = "URL", value_parser = crate::output::tile_template)]
    pub tiles: Option<String>,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

/// Everything the job gathers before writing.
struct Gathered<'g> {
    places: PlacesLayer,
    /// Incidents, deduplicated as they arrive; their text waits on disk.
    dedup: Deduper<'g>,
    unresolved: BTreeMap<String, usize>,
    articles: usize,
    skipped: usize,
}

/// One article's results with its mentions.csv rows already rendered (on
/// the worker threads).
struct Prepared {
    result: DocumentResult,
    mention_rows: Vec<u8>,
    /// The mentions the places layer counts.
    counted: Vec<usize>,
}

/// The context of a failure while reading the inputs: the layers in the
/// folder were left as they were. `eval`, which maps into a private
/// folder, leaves it out of its message.
#[derive(Debug)]
pub struct NothingWritten(pub PathBuf);

impl std::fmt::Display for NothingWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "nothing written to {}", self.0.display())
    }
}

/// Run the map job. `--out` is locked for the whole run (a second run
/// waits) and its layers are replaced as one set ([`commit_set`]): when the
/// job fails or is stopped, the layers in `--out` are as they were (and a
/// folder it created is removed again if empty).
pub fn run(args: &MapArgs) -> anyhow::Result<()> {
    // The border layers and measures owe nothing to the articles: they are
    // made on a thread of their own while the articles are read.
    let zones = args.zones.clone();
    let fixed = if args.input.single_threaded() {
        None
    } else {
        let spawned =
            std::thread::Builder::new().name("hudud-borders".into()).spawn(move || FixedLayers::build(&zones));
        Some(spawned.context("starting a thread for the border layers")?)
    };
    let g = args.gazetteer.load()?;
    let pipeline = Pipeline::new(&g, args.input.published()?)?;
    let lock = lock_out(&args.out)?;
    let result = map_inputs(args, &g, &pipeline, &lock, fixed);
    if result.is_err() {
        lock.remove_if_created();
    }
    result
}

/// Lock `--out` (waiting, with a note, while another run writes there),
/// then complete or clean up what an interrupted run left in it.
fn lock_out(out: &Path) -> anyhow::Result<FolderLock> {
    let wait = || eprintln!("hudud: waiting for another hudud run writing to {} to finish…", out.display());
    let lock = FolderLock::acquire(out, wait).context("cannot use the output folder")?;
    let found = recover(&lock, &LAYER_FILES).with_context(|| format!("cleaning up {}", out.display()))?;
    if found.completed {
        eprintln!("hudud: note: {}: completed the update of the layers an interrupted run left", out.display());
    }
    if found.removed > 0 {
        let n = found.removed;
        eprintln!("hudud: note: {}: removed {n} temporary file(s) left by stopped runs", out.display());
    }
    Ok(lock)
}

fn map_inputs(
    args: &MapArgs,
    g: &Gazetteer,
    pipeline: &Pipeline,
    lock: &FolderLock,
    fixed: Option<std::thread::JoinHandle<anyhow::Result<FixedLayers>>>,
) -> anyhow::Result<()> {
    let mut job = Gathered {
        places: PlacesLayer::new(),
        dedup: Deduper::with_store(g, RecordStore::temp_file(&args.out)?),
        unresolved: BTreeMap::new(),
        articles: 0,
        skipped: 0,
    };
    // Mentions stream to disk as articles are read: memory stays flat.
    let mentions_path = args.out.join("mentions.csv");
    let mut mentions_file =
        AtomicFile::create(&mentions_path).with_context(|| format!("writing {}", mentions_path.display()))?;
    {
        let mentions = mentions_file.writer();
        let mut header = csv::Writer::from_writer(&mut *mentions);
        header.write_record(MENTION_COLUMNS)?;
        header.flush()?;
        drop(header);
        let prepare = |result: DocumentResult| {
            let mention_rows = mention_rows(g, &result.name, &result.mentions, &result.char_offsets);
            let counted = counted_mentions(g, &result.mentions);
            Prepared { result, mention_rows, counted }
        };
        let mut skipped = 0;
        process_inputs_with(&args.input, pipeline, &mut skipped, prepare, |p| gather(p, &mut job, mentions))
            .with_context(|| NothingWritten(args.out.clone()))?;
        job.skipped = skipped;
        mentions.flush().with_context(|| format!("writing {}", mentions_path.display()))?;
    }
    let fixed = match fixed {
        Some(thread) => thread.join().map_err(|_| anyhow::anyhow!("building the border layers failed"))??,
        None => FixedLayers::build(&args.zones)?,
    };
    let Gathered { mut places, dedup, unresolved, articles, skipped } = job;
    let incidents = dedup.finish()?;
    places.set_incident_counts(incidents.places().flatten());
    let mut layers = write_layers(args, g, &places, &incidents, &fixed, mentions_file.temp())?;
    layers.push(mentions_file);
    commit_set(lock, layers).with_context(|| format!("writing the layers in {}", args.out.display()))?;
    let summary = Summary { places: &places, unresolved: &unresolved, articles, skipped };
    print_summary(&summary, &incidents, &args.out);
    Ok(())
}

fn gather(p: Prepared, job: &mut Gathered, mentions: &mut dyn Write) -> anyhow::Result<()> {
    let r = p.result;
    job.articles += 1;
    job.places.add_counted(&r.name, &r.mentions, &p.counted);
    job.dedup.push_article(r.incidents)?;
    // Only names the gazetteer does not know at all (a known name read
    // otherwise here is no name to add).
    for m in r.mentions.iter().filter(|m| m.place.is_none() && m.candidates == 0) {
        *job.unresolved.entry(m.mention.surface.clone()).or_default() += 1;
    }
    mentions.write_all(&p.mention_rows).context("writing mentions.csv")?;
    Ok(())
}

/// The layers and measures that do not depend on the articles.
struct FixedLayers {
    measure: BorderMeasure,
    /// border.geojson, rendered.
    border: Vec<u8>,
    /// border_zones.geojson, rendered.
    zones: Vec<u8>,
    /// The two layers as features, for hudud.gpkg.
    border_fc: geojson::FeatureCollection,
    zones_fc: geojson::FeatureCollection,
    /// The QGIS styles and project, by file name: they depend only on
    /// the bands.
    qgis: Vec<(&'static str, String)>,
}

impl FixedLayers {
    fn build(zones: &[f64]) -> anyhow::Result<Self> {
        let measure = BorderMeasure::new(Borders::builtin()?, DEFAULT_BORDER)?;
        let mut border = Vec::new();
        let border_fc = border_lines().context("reading the built-in borders")?;
        write_feature_collection(&mut border, &border_fc)?;
        let line = measure.borders().line(DEFAULT_BORDER)?;
        let mut zones_json = Vec::new();
        let zones_fc = zones_collection(&line.id, &border_zones(measure.borders(), line, zones));
        write_feature_collection(&mut zones_json, &zones_fc)?;
        Ok(FixedLayers { measure, border, zones: zones_json, border_fc, zones_fc, qgis: qgis_files(zones) })
    }
}

/// Write every layer but mentions.csv (read back from its temporary file
/// `mentions` for hudud.gpkg); they come back written but not yet
/// committed (see [`commit_set`]).
fn write_layers(
    args: &MapArgs,
    g: &Gazetteer,
    places: &PlacesLayer,
    incidents: &Deduped,
    fixed: &FixedLayers,
    mentions: &Path,
) -> anyhow::Result<Vec<AtomicFile>> {
    let pool = thread_pool(args.input.threads)?;
    let layer_places = places.places().chain(incidents.places().flatten());
    let border = pool.install(|| measure_places(g, layer_places, &fixed.measure));
    let (gpkg_file, gpkg) = create_gpkg(&args.out)?;
    let (mut files, web_places, [geo, csv, acled, mut web]) = if args.input.single_threaded() {
        let ((places_tx, places_rx), (tx, rx)) = (mpsc::channel(), mpsc::channel());
        let (files, places_fc) = write_small_layers(&args.out, g, places, &border, fixed)?;
        let web_places = webmap_places(&places_fc);
        let _ = places_tx.send(places_fc);
        let big = write_incident_layers(args, &pool, g, incidents, &border, &|rows| send(&tx, rows))?;
        drop(tx);
        write_gpkg(gpkg, fixed, mentions, places_rx, rx).with_context(|| gpkg_context(&args.out))?;
        (files, web_places, big)
    } else {
        std::thread::scope(|scope| {
            let shared = Shared { args, g, places, fixed, border: &border };
            write_layers_in_parallel(scope, shared, incidents, mentions, &pool, gpkg)
        })?
    };
    // map.html ends with the layers the incidents are seen against.
    let context =
        WebMapContext { border: &fixed.border, zones: &fixed.zones, places: &web_places, tiles: args.tiles.as_deref() };
    let web_path = web.path().to_owned();
    write_webmap_tail(web.writer(), &context).with_context(|| format!("writing {}", web_path.display()))?;
    files.extend([geo, csv, acled, web]);
    files.push(gpkg_file);
    Ok(files)
}

/// What the threads of [`write_layers_in_parallel`] share.
#[derive(Clone, Copy)]
struct Shared<'a> {
    args: &'a MapArgs,
    g: &'a Gazetteer,
    places: &'a PlacesLayer,
    fixed: &'a FixedLayers,
    border: &'a FastMap<PlaceIdx, (f64, String)>,
}

/// [`write_layers`] on threads: the small layers on one of their own, and
/// hudud.gpkg on another (sent the places by the first, and the incident
/// rows as they are rendered), while this thread writes the incident
/// layers.
fn write_layers_in_parallel<'s>(
    scope: &'s std::thread::Scope<'s, '_>,
    s: Shared<'s>,
    incidents: &Deduped,
    mentions: &'s Path,
    pool: &rayon::ThreadPool,
    gpkg: GeoPackage,
) -> anyhow::Result<(Vec<AtomicFile>, Vec<u8>, [AtomicFile; 4])> {
    // A few chunks of rows may wait for the GeoPackage thread; more would
    // only hold memory.
    let ((places_tx, places_rx), (tx, rx)) = (mpsc::channel(), mpsc::sync_channel(16));
    let spawn = |name: &str| std::thread::Builder::new().name(name.into());
    let package = spawn("hudud-gpkg")
        .spawn_scoped(scope, move || {
            write_gpkg(gpkg, s.fixed, mentions, places_rx, rx).with_context(|| gpkg_context(&s.args.out))
        })
        .context("starting a thread for hudud.gpkg")?;
    let small = spawn("hudud-layers")
        .spawn_scoped(scope, move || {
            let (files, places_fc) = write_small_layers(&s.args.out, s.g, s.places, s.border, s.fixed)?;
            let web_places = webmap_places(&places_fc);
            // A failed send means the GeoPackage thread has stopped: its
            // error comes from its join.
            let _ = places_tx.send(places_fc);
            anyhow::Ok((files, web_places))
        })
        .context("starting a thread for the place and border layers")?;
    let big = write_incident_layers(s.args, pool, s.g, incidents, s.border, &|rows| send(&tx, rows));
    drop(tx);
    let small = small.join().map_err(|_| anyhow::anyhow!("writing the place and border layers failed"))?;
    let package = package.join().map_err(|_| anyhow::anyhow!("writing hudud.gpkg failed"));
    // The first cause: a stopped GeoPackage thread also stops the incidents.
    let ((files, web_places), big) = (small?, package.and_then(|p| p).and(big)?);
    Ok((files, web_places, big))
}

fn send(tx: &impl GpkgSender, rows: Vec<GpkgRow>) -> anyhow::Result<()> {
    tx.send_rows(rows).map_err(|_| anyhow::anyhow!("writing hudud.gpkg stopped"))
}

/// Either kind of channel sender: unbounded when one thread does all.
trait GpkgSender {
    fn send_rows(&self, rows: Vec<GpkgRow>) -> Result<(), ()>;
}

impl GpkgSender for mpsc::Sender<Vec<GpkgRow>> {
    fn send_rows(&self, rows: Vec<GpkgRow>) -> Result<(), ()> {
        self.send(rows).map_err(|_| ())
    }
}

impl GpkgSender for mpsc::SyncSender<Vec<GpkgRow>> {
    fn send_rows(&self, rows: Vec<GpkgRow>) -> Result<(), ()> {
        self.send(rows).map_err(|_| ())
    }
}

/// hudud.gpkg, started: its temporary file (committed with the layers)
/// and the GeoPackage written into it.
fn create_gpkg(out: &Path) -> anyhow::Result<(AtomicFile, GeoPackage)> {
    let path = out.join(GPKG_FILE);
    let file = AtomicFile::create(&path).with_context(|| format!("writing {}", path.display()))?;
    let gpkg = GeoPackage::create(file.temp())?;
    Ok((file, gpkg))
}

/// What a failure writing hudud.gpkg in `out` says first.
fn gpkg_context(out: &Path) -> String {
    format!("writing {}", out.join(GPKG_FILE).display())
}

/// Fill hudud.gpkg, always in this order: mentions, border, border zones
/// (known before the incidents are written), the places when `places`
/// brings them, then the incidents as `incidents` brings them; then its
/// index triggers and metadata.
fn write_gpkg(
    mut gpkg: GeoPackage,
    fixed: &FixedLayers,
    mentions: &Path,
    places: mpsc::Receiver<geojson::FeatureCollection>,
    incidents: mpsc::Receiver<Vec<GpkgRow>>,
) -> anyhow::Result<()> {
    let layer = mentions_layer();
    gpkg.add_layer(&layer)?;
    gpkg.insert(&layer, csv_rows(mentions, &layer.columns)?)?;
    for (name, fc) in [("border", &fixed.border_fc), ("border_zones", &fixed.zones_fc)] {
        add_collection(&mut gpkg, name, fc)?;
    }
    let places = places.recv().map_err(|_| anyhow::anyhow!("the places layer was not written"))?;
    add_collection(&mut gpkg, "places", &places)?;
    drop(places);
    let layer = incidents_layer();
    gpkg.add_layer(&layer)?;
    for rows in incidents {
        gpkg.insert(&layer, rows)?;
    }
    Ok(gpkg.finish()?)
}

fn add_collection(gpkg: &mut GeoPackage, name: &str, fc: &geojson::FeatureCollection) -> anyhow::Result<()> {
    let layer = layer_of(name, fc, &[]);
    gpkg.add_layer(&layer)?;
    Ok(gpkg.insert(&layer, rows_of(&layer, fc))?)
}

/// places.geojson, the CSV sidecars (`.csvt`, `.prj`), border.geojson and
/// border_zones.geojson, written and synced, not yet committed; and the
/// places as map.html shows them.
fn write_small_layers(
    out: &Path,
    g: &Gazetteer,
    places: &PlacesLayer,
    border: &FastMap<PlaceIdx, (f64, String)>,
    fixed: &FixedLayers,
) -> anyhow::Result<(Vec<AtomicFile>, geojson::FeatureCollection)> {
    let write = |name: &str, fill: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| -> anyhow::Result<AtomicFile> {
        let path = out.join(name);
        let context = || format!("writing {}", path.display());
        let mut file = AtomicFile::create(&path).with_context(context)?;
        fill(file.writer()).with_context(context)?;
        // Synced here, on this thread, while the incidents are written.
        file.sync().with_context(context)?;
        Ok(file)
    };
    let measured = |i: PlaceIdx| border.get(&i).cloned().unwrap_or_else(|| measure_place(g, i, &fixed.measure));
    let places = places.to_geojson_with(g, &measured);
    let mut files = vec![
        write("places.geojson", &|w| write_feature_collection(w, &places))?,
        write("incidents.csvt", &|w| w.write_all(incidents_csvt().as_bytes()))?,
        write("mentions.csvt", &|w| w.write_all(mentions_csvt().as_bytes()))?,
        write("incidents_acled.csvt", &|w| w.write_all(acled_csvt().as_bytes()))?,
        write("border.geojson", &|w| w.write_all(&fixed.border))?,
        write("border_zones.geojson", &|w| w.write_all(&fixed.zones))?,
    ];
    for prj in ["incidents.prj", "mentions.prj", "incidents_acled.prj"] {
        files.push(write(prj, &|w| w.write_all(WGS84_PRJ.as_bytes()))?);
    }
    for (name, text) in &fixed.qgis {
        files.push(write(name, &|w| w.write_all(text.as_bytes()))?);
    }
    Ok((files, places))
}

/// How many incidents are read back and rendered while the ones before
/// are written: small enough that reading the first and writing the last
/// hold up little, large enough to share among the threads.
const WRITE_CHUNK: usize = 2048;

/// How many incidents one pool task reads back and renders.
const RENDER_BATCH: usize = 256;

/// incidents.geojson, incidents.csv, incidents_acled.csv and map.html's
/// incidents in one pass over the stored incidents: read back, measured and
/// rendered a chunk at a time on the pool, and written in order by this
/// thread meanwhile. The files come back uncommitted, map.html unfinished
/// (see [`write_webmap_tail`]).
fn write_incident_layers(
    args: &MapArgs,
    pool: &rayon::ThreadPool,
    g: &Gazetteer,
    incidents: &Deduped,
    border: &FastMap<PlaceIdx, (f64, String)>,
    gpkg: &dyn Fn(Vec<GpkgRow>) -> anyhow::Result<()>,
) -> anyhow::Result<[AtomicFile; 4]> {
    let mut sinks = IncidentSinks { files: incident_files(args)?, first: [true, true] };
    let mut write_parts = |parts: Vec<RenderedIncidents>| {
        parts.into_iter().try_for_each(|part| {
            sinks.write(&part)?;
            gpkg(part.gpkg)
        })
    };
    let render = |chunk: Range<usize>| render_chunk(g, incidents, border, chunk, args.keep_unlocated);
    let mut rendered: Vec<RenderedIncidents> = Vec::new();
    for start in (0..incidents.len()).step_by(WRITE_CHUNK) {
        let chunk = start..(start + WRITE_CHUNK).min(incidents.len());
        if args.input.single_threaded() {
            write_parts(pool.install(|| render(chunk))?)?;
            continue;
        }
        let mut now = Ok(Vec::new());
        let written = pool.in_place_scope(|scope| {
            scope.spawn(|_| now = render(chunk));
            write_parts(std::mem::take(&mut rendered))
        });
        written?;
        rendered = now?;
    }
    write_parts(rendered)?;
    let [mut geo, csv, acled, web] = sinks.files;
    let geo_path = geo.path().to_owned();
    geo.writer().write_all(FEATURES_END).with_context(|| format!("writing {}", geo_path.display()))?;
    Ok([geo, csv, acled, web])
}

/// The incident files as rendered parts are written to them, in order:
/// incidents.geojson, incidents.csv, incidents_acled.csv, map.html.
struct IncidentSinks {
    files: [AtomicFile; 4],
    /// Whether no feature (of incidents.geojson) and no row (of map.html)
    /// has been written yet.
    first: [bool; 2],
}

impl IncidentSinks {
    fn write(&mut self, part: &RenderedIncidents) -> anyhow::Result<()> {
        // Every feature and map.html row comes with a leading ",\n"; the first one without.
        let mut lead = |i: usize, bytes: &'_ [u8]| -> usize {
            let skip = if self.first[i] { bytes.len().min(2) } else { 0 };
            self.first[i] &= bytes.is_empty();
            skip
        };
        let (features, rows) = (&part.features[lead(0, &part.features)..], &part.web[lead(1, &part.web)..]);
        for (file, bytes) in self.files.iter_mut().zip([features, &part.rows[..], &part.acled[..], rows]) {
            let path = file.path().to_owned();
            file.writer().write_all(bytes).with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
    }
}

/// The incident files, created, each with what opens it: the start of the
/// FeatureCollection, the CSV headers (with a BOM for `--excel`; the ACLED
/// file never has one, its header must equal ACLED's), map.html's head.
fn incident_files(args: &MapArgs) -> anyhow::Result<[AtomicFile; 4]> {
    let create = |name: &str, start: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| -> anyhow::Result<AtomicFile> {
        let path = args.out.join(name);
        let context = || format!("writing {}", path.display());
        let mut file = AtomicFile::create(&path).with_context(context)?;
        start(file.writer()).with_context(context)?;
        Ok(file)
    };
    let csv_start = |w: &mut dyn Write| {
        if args.excel {
            w.write_all("\u{feff}".as_bytes())?;
        }
        write_incidents_csv_header(w)
    };
    Ok([
        create("incidents.geojson", &|w| w.write_all(FEATURES_START))?,
        create("incidents.csv", &csv_start)?,
        create(ACLED_FILE, &|w| write_acled_header(w))?,
        create(WEBMAP_FILE, &|w| write_webmap_head(w, args.tiles.as_deref()))?,
    ])
}

/// Incidents `chunk` read back, given ids and border measures, and
/// rendered, in [`RENDER_BATCH`] parts on the current pool.
fn render_chunk(
    g: &Gazetteer,
    incidents: &Deduped,
    border: &FastMap<PlaceIdx, (f64, String)>,
    chunk: Range<usize>,
    keep_unlocated: bool,
) -> anyhow::Result<Vec<RenderedIncidents>> {
    use rayon::prelude::*;
    let batches: Vec<Range<usize>> =
        chunk.clone().step_by(RENDER_BATCH).map(|s| s..(s + RENDER_BATCH).min(chunk.end)).collect();
    batches
        .into_par_iter()
        .map(|batch| {
            let mut batch = incidents.incidents(batch)?;
            for inc in &mut batch {
                inc.assign_id(g);
                if let Some((km, side)) = inc.place.and_then(|p| border.get(&p)) {
                    (inc.border_distance_km, inc.border_side) = (Some(*km), side.clone());
                }
            }
            Ok(render_incident_batch(g, &batch, keep_unlocated)?)
        })
        .collect()
}

/// Border distance and side of every place in `places` (the places layer
/// and the incidents share most), each measured once, on the current pool.
fn measure_places(
    g: &Gazetteer,
    places: impl Iterator<Item = PlaceIdx>,
    measure: &BorderMeasure,
) -> FastMap<PlaceIdx, (f64, String)> {
    use rayon::prelude::*;
    let mut places: Vec<PlaceIdx> = places.collect();
    places.sort_unstable();
    places.dedup();
    places.par_iter().map(|&i| (i, measure_place(g, i, measure))).collect()
}

fn measure_place(g: &Gazetteer, i: PlaceIdx, measure: &BorderMeasure) -> (f64, String) {
    let p = g.place(i);
    measure.measure([p.lon, p.lat], &p.country)
}

/// What the summary line reports besides the incidents.
struct Summary<'a> {
    places: &'a PlacesLayer,
    unresolved: &'a BTreeMap<String, usize>,
    articles: usize,
    skipped: usize,
}

fn print_summary(job: &Summary, incidents: &Deduped, out: &Path) {
    let mut by_type: BTreeMap<crate::acled::EventType, usize> = BTreeMap::new();
    for t in incidents.event_types() {
        *by_type.entry(t).or_default() += 1;
    }
    let unlocated = incidents.places().filter(Option::is_none).count();
    eprintln!(
        "hudud: {} article(s) read{}; {} incident(s) ({} without a mappable place); {} place(s) mapped → {}{}",
        job.articles,
        if job.skipped > 0 { format!(", {} skipped", job.skipped) } else { String::new() },
        incidents.len(),
        unlocated,
        job.places.len(),
        out.display(),
        peak_rss_mb().map(|m| format!("; peak RSS {m} MB")).unwrap_or_default()
    );
    for (t, n) in &by_type {
        eprintln!("  {n:>5}  {t}");
    }
    if !job.unresolved.is_empty() {
        let mut names: Vec<(&String, &usize)> = job.unresolved.iter().collect();
        names.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = names.iter().take(20).map(|(n, c)| format!("{n} ({c})")).collect();
        eprintln!("  unresolved names (add them with --gazetteer-extra): {}", list.join(", "));
    }
}

/// Peak resident memory of this process in MB (Linux), for the summary.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
