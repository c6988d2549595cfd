//! Integration tests: drive the real `hudud` binary on files written for
//! the project (samples/ and tests/fixtures/).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn hudud(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hudud")).args(args).output().expect("run hudud")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hudud-it-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn lookup_ids(name: &str) -> Vec<String> {
    let o = hudud(&["gazetteer", "lookup", name, "--json", "--limit", "20"]);
    assert!(o.status.success(), "lookup {name}: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    v.as_array().expect("array").iter().map(|h| h["id"].as_str().unwrap_or_default().to_string()).collect()
}

fn first_point(name: &str) -> (f64, f64) {
    let o = hudud(&["gazetteer", "lookup", name, "--json", "--limit", "1"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    (v[0]["lat"].as_f64().unwrap_or(0.0), v[0]["lon"].as_f64().unwrap_or(0.0))
}

#[test]
fn lookup_deir_ez_zor_in_arabic_and_latin() {
    for name in ["دير الزور", "Deir ez-Zor", "Dayr az Zawr", "deir ezzor"] {
        let ids = lookup_ids(name);
        assert!(ids.contains(&"gn:170794".to_string()), "{name}: city missing in {ids:?}");
        assert!(ids.contains(&"gn:170792".to_string()), "{name}: governorate missing in {ids:?}");
    }
    let (lat, lon) = first_point("دير الزور");
    assert!((lat - 35.336).abs() < 0.02 && (lon - 40.141).abs() < 0.02, "{lat},{lon}");
}

#[test]
fn lookup_other_acceptance_names() {
    let cases: [(&str, &str, f64, f64); 10] = [
        ("الحسكة", "al-Hasakah", 36.50, 40.75),
        ("Al-Hasakah", "al-Hasakah", 36.50, 40.75),
        ("التنف", "al-Tanf", 33.50, 38.62),
        ("al-Tanf", "al-Tanf", 33.50, 38.62),
        ("البصيرة", "al-Busayrah", 35.16, 40.43),
        ("al-Busayrah", "al-Busayrah", 35.16, 40.43),
        ("الكسوة", "al-Kiswah", 33.36, 36.24),
        ("al-Kiswah", "al-Kiswah", 33.36, 36.24),
        ("قاعدة التنف", "al-Tanf", 33.50, 38.62),
        ("بالحسكة", "al-Hasakah", 36.50, 40.75),
    ];
    for (query, label, lat, lon) in cases {
        let (la, lo) = first_point(query);
        assert!((la - lat).abs() < 0.1 && (lo - lon).abs() < 0.1, "{query} ({label}) → {la},{lo}");
    }
}

#[test]
fn lookup_table_and_no_match() {
    let o = hudud(&["gazetteer", "lookup", "Hassakeh"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("gn:173811"), "{}", stdout(&o));
    // An unknown name: see unknown_name_is_an_error_with_near_spellings.
}

#[test]
fn geoparse_handles_clitics_cues_and_joined_names() {
    let o = hudud(&["geoparse", &fixture("clitics.txt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ids: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("jsonl"))
        .filter_map(|v| v["id"].as_str().map(String::from))
        .collect();
    for want in ["gn:173811", "gn:173927", "gn:170792", "gn:173598"] {
        assert!(ids.iter().any(|i| i == want), "{want} missing from {ids:?}");
    }
}

#[test]
fn geoparse_offsets_point_at_the_surface() {
    let text = std::fs::read_to_string(fixture("clitics.txt")).expect("fixture");
    let chars: Vec<char> = text.chars().collect();
    let o = hudud(&["geoparse", &fixture("clitics.txt")]);
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("jsonl");
        let (s, e) = (v["start"].as_u64().unwrap_or(0) as usize, v["end"].as_u64().unwrap_or(0) as usize);
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice, v["surface"].as_str().unwrap_or_default());
    }
}

#[test]
fn map_writes_layers_deterministically() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles");
    let (a, b) = (temp_dir("map-a"), temp_dir("map-b"));
    for out in [&a, &b] {
        let o = hudud(&["map", &samples.display().to_string(), "--out", &out.display().to_string()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for layer in ["places.geojson", "border.geojson"] {
        let x = std::fs::read(a.join(layer)).expect("layer a");
        let y = std::fs::read(b.join(layer)).expect("layer b");
        assert_eq!(x, y, "{layer} differs between runs");
        let v: serde_json::Value = serde_json::from_slice(&x).expect("geojson");
        assert_eq!(v["type"], "FeatureCollection");
        assert!(!v["features"].as_array().expect("features").is_empty(), "{layer} is empty");
    }
    let places: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.join("places.geojson")).expect("places")).expect("json");
    for f in places["features"].as_array().expect("features") {
        let c = &f["geometry"]["coordinates"];
        let (lon, lat) = (c[0].as_f64().unwrap_or(0.0), c[1].as_f64().unwrap_or(0.0));
        assert!((30.0..50.0).contains(&lon) && (28.0..39.0).contains(&lat), "outside region: {f}");
        assert_ne!(f["properties"]["feature_type"], "country");
    }
}

#[test]
fn map_reads_stdin() {
    let out = temp_dir("stdin");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hudud"))
        .args(["map", "-", "--out", &out.display().to_string()])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all("قتل مسلحون في مدينة الميادين أمس".as_bytes()).expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "{}", stderr(&o));
    let layer = std::fs::read_to_string(out.join("places.geojson")).expect("layer");
    assert!(layer.contains("\"stdin\""), "{layer}");
}

#[test]
fn gazetteer_extra_adds_places() {
    let o = hudud(&["geoparse", "--gazetteer-extra", &fixture("extra.tsv"), &fixture("extra_article.txt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("cur:test-wadi-example"), "{}", stdout(&o));
}

#[test]
fn bad_gazetteer_row_names_file_line_and_field() {
    let o = hudud(&["gazetteer", "lookup", "x", "--gazetteer-extra", &fixture("bad_extra.tsv")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad_extra.tsv:3: field `lon`"), "{err}");
}

#[test]
fn missing_input_is_a_clear_error() {
    let o = hudud(&["map", "/no/such/article.txt", "--out", &temp_dir("missing").display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/article.txt"));
}

#[test]
fn binary_input_is_skipped_with_a_warning() {
    let dir = temp_dir("binary");
    std::fs::write(dir.join("blob.txt"), [0u8, 159, 146, 150]).expect("write");
    std::fs::write(dir.join("ok.txt"), "في الرقة").expect("write");
    let o = hudud(&["map", &dir.display().to_string(), "--out", &dir.join("out").display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("blob.txt"));
}

#[test]
fn help_teaches() {
    let o = hudud(&["map", "--help"]);
    assert!(stdout(&o).contains("--out"));
    assert!(stdout(&o).contains("--gazetteer-extra"));
}

fn extract_rows(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["extract"];
    all.extend_from_slice(args);
    let o = hudud(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().map(|l| serde_json::from_str(l).expect("geojson line")).collect()
}

#[test]
fn extract_codes_arrests_and_bombing() {
    let rows = extract_rows(&[&fixture("incident_article.txt")]);
    let props: Vec<&serde_json::Value> = rows.iter().map(|r| &r["properties"]).collect();
    let arrest = props.iter().find(|p| p["sub_event_type"] == "Arrests").expect("arrests incident");
    assert_eq!(arrest["event_type"], "Strategic developments");
    assert_eq!(arrest["event_date"], "2025-10-11");
    assert_eq!(arrest["date_basis"], "relative");
    assert_eq!(arrest["gazetteer_id"], "gn:173927");
    assert_eq!(arrest["actor1"], "SDF");
    assert_eq!(arrest["actor2"], "ISIS");
    assert_eq!(arrest["arrests"], 5);
    let bomb = props.iter().find(|p| p["event_type"] == "Explosions/Remote violence").expect("bombing");
    assert_eq!(bomb["sub_event_type"], "Remote explosive/landmine/IED");
    assert_eq!(bomb["event_date"], "2025-10-12");
    assert_eq!(bomb["fatalities"], 3);
    // The analyst's generic remark is not an incident.
    assert_eq!(props.iter().filter(|p| p["evidence"].as_str().unwrap_or("").contains("محلل")).count(), 0);
}

#[test]
fn an_event_in_the_capital_after_every_named_place_is_extracted() {
    // Found by the pipeline_writers fuzz target (fuzz/regressions/
    // pipeline_writers/): "العاصمة" after the article's last place name
    // made extraction index past its mentions and panic.
    let dir = temp_dir("capital");
    let article = dir.join("capital.txt");
    let text = "قتل ثلاثة مدنيين بقصف على مدينة البوكمال شرقي دير الزور.\nوانفجرت سيارة مفخخة في العاصمة صباح اليوم.\n";
    std::fs::write(&article, text).expect("write article");
    let rows = extract_rows(&[article.to_str().expect("utf-8 path")]);
    let places: Vec<&str> = rows.iter().filter_map(|r| r["properties"]["location_ar"].as_str()).collect();
    assert!(places.contains(&"العاصمة"), "{places:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_office_holders_area_does_not_locate_the_event() {
    // "والي تلعفر" is a group's governor of Tal Afar, arrested in Baghdad;
    // "مدير ناحية بامرني" speaks for his sub-district, the strike hit a
    // village east of it, and "the shelling killed two" is that strike.
    let dir = temp_dir("office");
    let governor = dir.join("governor.txt");
    std::fs::write(&governor, "اعتقلت الاستخبارات والي \"تلعفر\" التابع لداعش في عملية أمنية ضمن محافظة بغداد.\n")
        .expect("write article");
    let director = dir.join("director.txt");
    let text = "وصرح مدير ناحية بامرني شمال محافظة دهوك بأن الطائرات التركية استهدفت سيارة في قرية ارادن شرق الناحية.\nوأكد أن القصف أدى إلى مقتل اثنين وجرح آخر.\n";
    std::fs::write(&director, text).expect("write article");
    let rows = extract_rows(&[governor.to_str().expect("utf-8 path")]);
    let places: Vec<&str> = rows.iter().filter_map(|r| r["properties"]["location_ar"].as_str()).collect();
    assert_eq!(places, ["محافظة بغداد"]);
    let rows = extract_rows(&[director.to_str().expect("utf-8 path")]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["properties"]["location_ar"], "ارادن");
    assert_eq!(rows[0]["properties"]["fatalities"], 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn extract_evidence_offsets_slice_the_source() {
    let text = std::fs::read_to_string(fixture("incident_article.txt")).expect("fixture");
    let chars: Vec<char> = text.chars().collect();
    for r in extract_rows(&[&fixture("incident_article.txt")]) {
        let p = &r["properties"];
        let (s, e) =
            (p["evidence_start"].as_u64().unwrap_or(0) as usize, p["evidence_end"].as_u64().unwrap_or(0) as usize);
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice.split_whitespace().collect::<Vec<_>>().join(" "), p["evidence"].as_str().unwrap_or_default());
    }
}

#[test]
fn published_flag_overrides_header_dates() {
    let rows = extract_rows(&[&fixture("incident_article.txt"), "--published", "2024-01-07"]);
    assert!(rows.iter().any(|r| r["properties"]["event_date"] == "2024-01-06"));
    let o = hudud(&["extract", &fixture("incident_article.txt"), "--published", "tomorrow"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--published"));
}

#[test]
fn incident_ids_are_stable() {
    let a = extract_rows(&[&fixture("incident_article.txt")]);
    let b = extract_rows(&[&fixture("incident_article.txt")]);
    let ids = |rows: &[serde_json::Value]| {
        rows.iter().map(|r| r["properties"]["incident_id"].to_string()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
    assert!(ids(&a).iter().all(|i| i.starts_with("\"inc-")));
}

#[test]
fn map_writes_every_layer_with_csv_sidecar() {
    let out = temp_dir("layers");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let o = hudud(&[
        "map",
        &samples.join("articles").display().to_string(),
        &samples.join("news.jsonl").display().to_string(),
        "--out",
        &out.display().to_string(),
        "--excel",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "places.geojson",
        "incidents.geojson",
        "incidents.csv",
        "incidents.csvt",
        "incidents.prj",
        "mentions.csv",
        "mentions.csvt",
        "mentions.prj",
        "incidents_acled.csv",
        "incidents_acled.csvt",
        "incidents_acled.prj",
        "border.geojson",
        "border_zones.geojson",
        "map.html",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    let csv = std::fs::read(out.join("incidents.csv")).expect("csv");
    assert!(csv.starts_with("\u{feff}incident_id,".as_bytes()), "BOM and header expected");
    let csvt = std::fs::read_to_string(out.join("incidents.csvt")).expect("csvt");
    let header = String::from_utf8_lossy(&csv).lines().next().unwrap_or_default().split(',').count();
    assert_eq!(csvt.trim().split(',').count(), header);
    let places: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("places.geojson")).expect("places")).expect("json");
    assert!(places["features"]
        .as_array()
        .expect("features")
        .iter()
        .any(|f| f["properties"]["incident_count"].as_u64() > Some(0)));
    assert!(stderr(&o).contains("incident(s)"), "{}", stderr(&o));
}

#[test]
fn bad_jsonl_line_is_reported_and_the_run_goes_on() {
    let dir = temp_dir("jsonl");
    let file = dir.join("feed.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"a\",\"text\":\"اشتباكات في البصيرة أمس\",\"published\":\"2025-10-07\"}\n{broken\n",
    )
    .expect("write");
    let o = hudud(&["extract", &file.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("feed.jsonl:2: not valid JSON: key must be a string at column 2"), "{}", stderr(&o));
    assert!(stdout(&o).contains("2025-10-06"), "{}", stdout(&o));
}

fn mapped_samples(tag: &str) -> PathBuf {
    let out = temp_dir(tag);
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles");
    let o = hudud(&["map", &samples.display().to_string(), "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

fn collection(o: &Output) -> Vec<serde_json::Value> {
    assert!(o.status.success(), "{}", stderr(o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("geojson");
    v["features"].as_array().cloned().unwrap_or_default()
}

#[test]
fn near_border_sorts_by_distance_and_filters() {
    let out = mapped_samples("near");
    let layer = out.join("incidents.geojson").display().to_string();
    let hits = collection(&hudud(&["near", "--border", "--km", "40", "--layer", &layer, "--format", "geojson"]));
    assert!(!hits.is_empty());
    let d: Vec<f64> = hits.iter().map(|f| f["properties"]["distance_km"].as_f64().unwrap_or(f64::NAN)).collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]) && d.iter().all(|x| *x <= 40.0), "{d:?}");
    let arrests = collection(&hudud(&[
        "near", "--border", "--km", "40", "--layer", &layer, "--format", "geojson", "--type", "Arrests",
    ]));
    assert!(arrests.iter().all(|f| f["properties"]["sub_event_type"] == "Arrests"));
    assert!(arrests.len() < hits.len());
}

#[test]
fn near_place_and_nearest_agree() {
    let out = mapped_samples("nearest");
    let layer = out.join("places.geojson").display().to_string();
    let near =
        collection(&hudud(&["near", "--place", "البوكمال", "--km", "20", "--layer", &layer, "--format", "geojson"]));
    let nearest =
        collection(&hudud(&["nearest", "--place", "Albu Kamal", "-k", "1", "--layer", &layer, "--format", "geojson"]));
    assert_eq!(near[0]["properties"]["id"], nearest[0]["properties"]["id"]);
}

#[test]
fn within_and_empty_results() {
    let out = mapped_samples("within");
    let layer = out.join("incidents.geojson").display().to_string();
    let dy = collection(&hudud(&["within", "--admin1", "SY-DY", "--layer", &layer, "--format", "geojson"]));
    assert!(!dy.is_empty() && dy.iter().all(|f| f["properties"]["admin1"] == "SY-DY"));
    let none = hudud(&["within", "--bbox", "0,0,1,1", "--layer", &layer, "--format", "table"]);
    assert!(none.status.success());
    assert!(stdout(&none).starts_with("no features"), "{}", stdout(&none));
    let bad = hudud(&["within", "--bbox", "5,5,1,1", "--layer", &layer]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--bbox"));
}

#[test]
fn threads_do_not_change_output() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let (a, b) = (temp_dir("t1"), temp_dir("t2"));
    for (out, n) in [(&a, "1"), (&b, "2")] {
        let o = hudud(&["map", &samples, "--out", &out.display().to_string(), "--threads", n]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for f in ["incidents.geojson", "places.geojson", "incidents.csv", "mentions.csv", "map.html"] {
        assert_eq!(std::fs::read(a.join(f)).expect("a"), std::fs::read(b.join(f)).expect("b"), "{f}");
    }
}

/// The evaluation kit's scorer, when it and python3 are there.
fn score_py() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/score.py");
    let python = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    (script.exists() && python).then_some(script)
}

fn json_of(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("json")
}

#[test]
fn eval_gives_score_py_numbers_on_both_sample_sets() {
    let Some(script) = score_py() else {
        eprintln!("skipped: ../shared/eval/score.py or python3 is missing");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (gold, input, tag) in
        [("samples/gold.json", "samples/articles", "eval-1"), ("samples/eval2/gold.json", "samples/eval2", "eval-2")]
    {
        let (gold, input, out) = (root.join(gold), root.join(input), temp_dir(tag));
        let (gold, input, out) = (gold.display().to_string(), input.display().to_string(), out.display().to_string());
        let mapped = hudud(&["map", &input, "--out", &out]);
        assert!(mapped.status.success(), "{}", stderr(&mapped));
        let theirs = json_of(
            &Command::new("python3")
                .arg(&script)
                .args(["--json", "--gold", &gold, "--out", &out])
                .output()
                .expect("python3"),
        );
        let ours = json_of(&hudud(&["eval", "--json", "--gold", &gold, &input]));
        for key in ["places", "incidents", "incidents_strict", "dates", "sub_event_types"] {
            assert_eq!(ours[key], theirs[key], "{input}: {key}");
        }
        let docs = |v: &serde_json::Value| v["docs"].as_array().cloned().unwrap_or_default();
        let (our_docs, their_docs) = (docs(&ours), docs(&theirs));
        assert_eq!(our_docs.len(), their_docs.len(), "{input}: documents");
        for (a, b) in our_docs.iter().zip(&their_docs) {
            for key in ["doc", "places", "incidents"] {
                assert_eq!(a[key], b[key], "{input}: {} {key}", b["doc"]);
            }
        }
        // Misses and extras too: the whole structure is score.py's.
        assert_eq!(ours, theirs, "{input}");
    }
}

#[test]
fn eval_scores_written_layers_as_it_scores_a_run() {
    let out = mapped_samples("eval-layers");
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/gold.json").display().to_string();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let from_layers = hudud(&["eval", "--gold", &gold, "--layers", &out.display().to_string()]);
    assert!(from_layers.status.success(), "{}", stderr(&from_layers));
    let text = stdout(&from_layers);
    let summary = text.lines().last().unwrap_or_default();
    assert!(summary.starts_with("places P=") && summary.contains("| strict incidents F1="), "{text}");
    assert!(text.contains("01_deir_ezzor_raid.txt: places tp/fp/fn=["), "{text}");
    assert_eq!(stdout(&hudud(&["eval", "--gold", &gold, &samples])), text);
    let missing = hudud(&["eval", "--gold", &gold, "--layers", "/no/such/dir"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("missing layer /no/such/dir/places.geojson"), "{}", stderr(&missing));
    let both = hudud(&["eval", "--gold", &gold, "--layers", "/no/such/dir", &samples]);
    assert_eq!(both.status.code(), Some(2), "--layers and INPUT together");
}

#[test]
fn eval_names_a_malformed_gold_file() {
    let dir = temp_dir("eval-gold");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let bad = dir.join("bad-gold.json");
    std::fs::write(
        &bad,
        r#"[{"doc": "01_deir_ezzor_raid.txt", "places": [{"name": "الدحلة", "lon": 40.35}], "incidents": []}]"#,
    )
    .expect("write");
    let o = hudud(&["eval", "--gold", &bad.display().to_string(), &samples]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bad-gold.json: document 1 (01_deir_ezzor_raid.txt), place 1 (الدحلة): missing field `lat`"),
        "{err}"
    );
    assert!(!err.contains("article(s) read"), "the gold is checked before mapping: {err}");
    std::fs::write(&bad, "[{\"doc\": ").expect("write");
    let o = hudud(&["eval", "--gold", &bad.display().to_string(), &samples]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad-gold.json: not valid JSON"), "{}", stderr(&o));
}

#[test]
fn eval_help_teaches() {
    let o = hudud(&["eval", "--help"]);
    let help = stdout(&o);
    assert!(help.contains("hudud eval --gold samples/gold.json samples/articles"), "{help}");
    assert!(help.contains("--layers") && help.contains("--threads") && help.contains("--gazetteer-extra"), "{help}");
}

// ───────────────────────────────────────────────────────────────────────
// Issue 11, items 5, 6 and 9: walking folders, JSON Lines, --threads.
// ───────────────────────────────────────────────────────────────────────

/// Run hudud with stdin from `input` (if any) and give up after `secs`
/// seconds (None: it was still running, and was killed). Output goes to
/// files, so a child that blocks cannot block the test on a full pipe.
fn hudud_within(secs: u64, args: &[&str], input: Option<&[u8]>) -> Option<Output> {
    hudud_cmd_within(secs, Command::new(env!("CARGO_BIN_EXE_hudud")).args(args), input)
}

fn hudud_cmd_within(secs: u64, cmd: &mut Command, input: Option<&[u8]>) -> Option<Output> {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = temp_dir(&format!("within-{}", RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    let (out, err) = (dir.join("stdout"), dir.join("stderr"));
    let mut child = cmd
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(std::fs::File::create(&out).expect("stdout file"))
        .stderr(std::fs::File::create(&err).expect("stderr file"))
        .spawn()
        .expect("spawn hudud");
    if let Some(bytes) = input {
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(bytes).expect("write stdin");
    }
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed().as_secs() >= secs {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let output = status.map(|status| Output {
        status,
        stdout: std::fs::read(&out).unwrap_or_default(),
        stderr: std::fs::read(&err).unwrap_or_default(),
    });
    let _ = std::fs::remove_dir_all(&dir);
    output
}

fn article_count(o: &Output) -> usize {
    let err = stderr(o);
    let at = err.find(" article(s) read").unwrap_or_else(|| panic!("no summary: {err}"));
    err[..at].rsplit(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{err}"))
}

fn sample_article() -> String {
    std::fs::read_to_string(fixture("incident_article.txt")).expect("fixture")
}

#[cfg(unix)]
#[test]
fn walk_symlink_loops_read_each_file_once_and_end() {
    let dir = temp_dir("i11-loops");
    let d = dir.join("in");
    std::fs::create_dir_all(d.join("x")).expect("mkdir");
    std::fs::create_dir_all(d.join("y")).expect("mkdir");
    std::fs::write(d.join("x/a.txt"), sample_article()).expect("write");
    // One link back to its own folder, and two folders linking to each other.
    std::os::unix::fs::symlink(".", d.join("x/self")).expect("link");
    std::os::unix::fs::symlink("../y", d.join("x/to-y")).expect("link");
    std::os::unix::fs::symlink("../x", d.join("y/to-x")).expect("link");
    let out = dir.join("out").display().to_string();
    let o = hudud_within(120, &["map", &d.display().to_string(), "--out", &out], None).expect("map never ended");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(article_count(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("walked once"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn walk_fifo_in_a_folder_is_skipped_with_a_warning() {
    let dir = temp_dir("i11-fifo");
    let d = dir.join("in");
    std::fs::create_dir_all(&d).expect("mkdir");
    std::fs::write(d.join("ok.txt"), sample_article()).expect("write");
    let made = Command::new("mkfifo").arg(d.join("pipe.txt")).status().expect("mkfifo");
    assert!(made.success());
    let out = dir.join("out").display().to_string();
    let o =
        hudud_within(120, &["map", &d.display().to_string(), "--out", &out], None).expect("map blocked on the FIFO");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("pipe.txt: not a regular file, skipped"), "{}", stderr(&o));
    assert_eq!(article_count(&o), 1);
    assert!(stderr(&o).contains("1 article(s) read, 1 skipped"), "the summary counts the FIFO: {}", stderr(&o));
}

/// The uid of this process (Linux: the owner of /proc/self).
#[cfg(unix)]
fn uid() -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

#[cfg(unix)]
#[test]
fn walk_unlistable_folder_warns_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("i11-unlistable");
    let d = dir.join("in");
    std::fs::create_dir_all(d.join("locked")).expect("mkdir");
    std::fs::write(d.join("ok.txt"), sample_article()).expect("write");
    std::fs::write(d.join("locked/hidden.txt"), sample_article()).expect("write");
    std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let args = ["map", &d.display().to_string(), "--out", &out.display().to_string()].map(String::from);
    // Root lists any folder: run as nobody then, when nobody may run the
    // binary and reach the folders (a clone under /root may not allow it).
    if uid() == Some(0) {
        let probe = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_hudud"), "--version"])
            .output();
        let can_list_ok = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "ls"])
            .arg(&d)
            .output()
            .is_ok_and(|o| o.status.success());
        if !probe.is_ok_and(|o| o.status.success()) || !can_list_ok {
            eprintln!("skipped: cannot run hudud as nobody here (setpriv missing or paths not reachable)");
            std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o755)).expect("chmod back");
            return;
        }
    }
    let mut cmd = if uid() == Some(0) {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_hudud")]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_hudud"))
    };
    let o = hudud_cmd_within(120, cmd.args(&args), None).expect("map never ended");
    std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("locked: Permission denied"), "{}", stderr(&o));
    assert_eq!(article_count(&o), 1);
    assert!(stderr(&o).contains("1 skipped"), "{}", stderr(&o));
}

#[test]
fn walk_missing_path_among_good_ones_warns_and_goes_on() {
    let dir = temp_dir("i11-missing");
    std::fs::write(dir.join("ok.txt"), sample_article()).expect("write");
    let out = dir.join("out").display().to_string();
    let o = hudud(&["map", &dir.join("ok.txt").display().to_string(), "/no/such/article.txt", "--out", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("/no/such/article.txt"), "{}", stderr(&o));
    assert_eq!(article_count(&o), 1);
}

#[test]
fn no_article_at_all_fails_and_keeps_the_old_layers() {
    let dir = temp_dir("i11-nothing");
    std::fs::write(dir.join("ok.txt"), sample_article()).expect("write");
    std::fs::create_dir_all(dir.join("empty")).expect("mkdir");
    let out = dir.join("out");
    let o = hudud(&["map", &dir.join("ok.txt").display().to_string(), "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before: Vec<(String, Vec<u8>)> = layer_files(&out);
    for inputs in [vec![dir.join("empty")], vec![PathBuf::from("/no/such/article.txt")]] {
        let mut args = vec!["map".to_string()];
        args.extend(inputs.iter().map(|p| p.display().to_string()));
        args.extend(["--out".to_string(), out.display().to_string()]);
        let o = Command::new(env!("CARGO_BIN_EXE_hudud")).args(&args).output().expect("run");
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("no article"), "{}", stderr(&o));
        assert_eq!(layer_files(&out), before, "{args:?} changed the layers");
    }
    // A folder the failed run would have created is not left behind.
    let fresh = dir.join("fresh");
    let o = hudud(&["map", &dir.join("empty").display().to_string(), "--out", &fresh.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!fresh.exists());
}

fn layer_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("out")
        .map(|e| e.expect("entry").path())
        .map(|p| (p.file_name().unwrap_or_default().to_string_lossy().into_owned(), std::fs::read(&p).expect("read")))
        .collect();
    files.sort();
    files
}

fn news_jsonl() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/news.jsonl").display().to_string()
}

#[test]
fn jsonl_byte_order_mark_keeps_the_first_record() {
    let dir = temp_dir("i11-bom");
    let feed = std::fs::read(news_jsonl()).expect("news");
    let records = feed.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    let file = dir.join("bom.jsonl");
    std::fs::write(&file, ["\u{feff}".as_bytes(), &feed].concat()).expect("write");
    let out = dir.join("out").display().to_string();
    let o = hudud(&["map", &file.display().to_string(), "--out", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(article_count(&o), records, "{}", stderr(&o));
    assert!(!stderr(&o).contains("bom.jsonl:1:"), "{}", stderr(&o));
}

#[test]
fn jsonl_on_stdin_and_in_a_json_file_is_read_as_json_lines() {
    let by_name = hudud(&["extract", &news_jsonl()]);
    assert!(by_name.status.success(), "{}", stderr(&by_name));
    let feed = std::fs::read(news_jsonl()).expect("news");
    let piped = hudud_within(120, &["extract", "-"], Some(&feed)).expect("extract - never ended");
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert_eq!(stdout(&piped), stdout(&by_name), "stdin differs from the .jsonl file");
    let dir = temp_dir("i11-json");
    let json = dir.join("feed.json");
    std::fs::write(&json, &feed).expect("write");
    let o = hudud(&["extract", &json.display().to_string()]);
    assert_eq!(stdout(&o), stdout(&by_name), ".json differs from the .jsonl file: {}", stderr(&o));
    // --input-format says otherwise: one plain-text article.
    let out = dir.join("out").display().to_string();
    let o = hudud(&["map", "--input-format", "text", &news_jsonl(), "--out", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(article_count(&o), 1);
    let txt = dir.join("feed.txt");
    std::fs::write(&txt, &feed).expect("write");
    let o = hudud(&["extract", "--input-format", "jsonl", &txt.display().to_string()]);
    assert_eq!(stdout(&o), stdout(&by_name), "{}", stderr(&o));
}

#[test]
fn jsonl_duplicate_ids_are_reported_and_told_apart() {
    let dir = temp_dir("i11-dup");
    let text = sample_article().replace('\n', " ").replace('"', "'");
    let record = |id: &str| format!("{{\"id\":\"{id}\",\"text\":\"{text}\",\"published\":\"2025-10-07\"}}\n");
    let file = dir.join("dup.jsonl");
    std::fs::write(&file, [record("a"), record("b"), record("a")].concat()).expect("write");
    let out = dir.join("out");
    let o = hudud(&["map", &file.display().to_string(), "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("dup.jsonl:3: id \"a\" already used at") && err.contains("dup.jsonl:1"), "{err}");
    let mentions = std::fs::read_to_string(out.join("mentions.csv")).expect("mentions");
    let docs: std::collections::BTreeSet<&str> = mentions.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), ["a", "a#2", "b"], "{mentions}");
}

#[test]
fn jsonl_unreadable_published_value_is_reported() {
    let dir = temp_dir("i11-date");
    let text = sample_article().replace('\n', " ").replace('"', "'");
    let file = dir.join("dates.jsonl");
    let feed = format!(
        "{{\"id\":\"a\",\"text\":\"{text}\",\"published\":\"2025-10-07\"}}\n{{\"id\":\"b\",\"text\":\"{text}\",\"published\":\"next Tuesday-ish\"}}\n"
    );
    std::fs::write(&file, feed).expect("write");
    let o = hudud(&["extract", &file.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("dates.jsonl:2: published value \"next Tuesday-ish\""), "{}", stderr(&o));
    assert!(!stderr(&o).contains("dates.jsonl:1:"), "{}", stderr(&o));
}

#[test]
fn threads_beyond_the_cap_are_capped_with_a_note() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let (a, b) = (temp_dir("i11-threads-a"), temp_dir("i11-threads-b"));
    let many = ["map", &samples, "--out", &a.display().to_string(), "--threads", "100000"];
    let o = hudud_within(300, &many, None).expect("--threads 100000 never ended");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("--threads 100000 is more than 4 per core"), "{}", stderr(&o));
    let one = hudud(&["map", &samples, "--out", &b.display().to_string(), "--threads", "1"]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(layer_files(&a), layer_files(&b));
    let help = stdout(&hudud(&["map", "--help"]));
    assert!(help.contains("at most 4 per core"), "{help}");
    // No thread at all is a usage error, before anything is read.
    let o = hudud(&["map", &samples, "--out", &b.display().to_string(), "--threads", "0"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("invalid value '0' for '--threads <N>'"), "{}", stderr(&o));
}

#[test]
fn samples_map_identically_across_runs_and_thread_counts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (articles, news) = (root.join("samples/articles").display().to_string(), news_jsonl());
    let mut sets = Vec::new();
    for (tag, threads) in
        [("i11-same-a", None), ("i11-same-b", None), ("i11-same-1", Some("1")), ("i11-same-2", Some("2"))]
    {
        let out = temp_dir(tag).display().to_string();
        let mut args = vec!["map", &articles, &news, "--out", &out];
        args.extend(threads.iter().flat_map(|n| ["--threads", *n]));
        let o = hudud(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        sets.push(layer_files(Path::new(&out)));
    }
    assert!(sets.windows(2).all(|w| w[0] == w[1]), "layers differ between runs or thread counts");
}

// ---------------------------------------------------------------------------
// Issue 11 (CSV writers, query commands, lookup, error texts): i11-csv branch.
// ---------------------------------------------------------------------------

/// Values a spreadsheet would run as formulas (OWASP's CSV-injection cases).
const HOSTILE_ID: &str = "=cmd|' /C calc'!A0";
const HOSTILE_URL: &str = "@SUM(1+1)*cmd|' /C calc'!A0";

/// A JSON Lines feed whose ids, URLs and sentences start like formulas.
fn hostile_feed(dir: &Path) -> String {
    let text = "اعتقلت قوات سوريا الديمقراطية (قسد)، فجر أمس السبت، خمسة عناصر من تنظيم داعش خلال مداهمة في بلدة البصيرة بريف دير الزور الشرقي.\n\
@قُتل ثلاثة مدنيين بانفجار عبوة ناسفة على طريق الميادين اليوم الأحد.";
    let records = [
        serde_json::json!({"id": HOSTILE_ID, "published": "2025-10-12", "text": text}),
        serde_json::json!({"id": "-2+3", "url": HOSTILE_URL, "published": "2025-10-12", "text": text}),
        // Some spreadsheets also run a cell that opens with a tab or a CR.
        serde_json::json!({"id": "\tTAB", "published": "2025-10-12", "text": text}),
        serde_json::json!({"id": "x", "url": "\rCR", "published": "2025-10-12", "text": text}),
    ];
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    let path = dir.join("hostile.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write feed");
    path.display().to_string()
}

/// Parse CSV text and check that no cell starts like a formula unless it
/// is a number; return the cells, to look for the neutralised values.
fn cells_without_formulas(csv_text: &str) -> Vec<String> {
    let csv_text = csv_text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_text.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        for cell in record.expect("valid CSV").iter() {
            let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(!formula || cell.parse::<f64>().is_ok(), "cell read as a formula: {cell:?}");
            cells.push(cell.to_string());
        }
    }
    assert!(!cells.is_empty());
    cells
}

fn assert_neutralised(cells: &[String], value: &str) {
    let quoted = format!("'{value}");
    assert!(cells.iter().any(|c| c.starts_with(&quoted)), "{value:?} not found as {quoted:?} in {cells:?}");
}

#[test]
fn map_csv_layers_neutralise_formulas_with_and_without_excel() {
    let dir = temp_dir("i11-inject-map");
    let feed = hostile_feed(&dir);
    for excel in [false, true] {
        let out = dir.join(format!("out-{excel}"));
        let mut args = vec!["map", &feed, "--out"];
        let out_s = out.display().to_string();
        args.push(&out_s);
        if excel {
            args.push("--excel");
        }
        let o = hudud(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let incidents = cells_without_formulas(&std::fs::read_to_string(out.join("incidents.csv")).expect("csv"));
        assert_neutralised(&incidents, HOSTILE_ID);
        assert_neutralised(&incidents, HOSTILE_URL);
        assert_neutralised(&incidents, "@قُتل");
        let mentions = cells_without_formulas(&std::fs::read_to_string(out.join("mentions.csv")).expect("csv"));
        assert_neutralised(&mentions, HOSTILE_ID);
        assert_neutralised(&mentions, HOSTILE_URL);
        let acled = cells_without_formulas(&std::fs::read_to_string(out.join("incidents_acled.csv")).expect("csv"));
        assert!(!std::fs::read(out.join("incidents_acled.csv")).expect("csv").starts_with(b"\xef\xbb\xbf"), "no BOM");
        assert_neutralised(&acled, HOSTILE_ID);
        assert_neutralised(&mentions, "\tTAB");
        assert_neutralised(&mentions, "\rCR");
        // Coordinates stay numbers: a longitude west of Greenwich would keep its minus.
        assert!(incidents.iter().any(|c| c.parse::<f64>().is_ok_and(|x| (35.0..36.0).contains(&x))));
    }
}

#[test]
fn extract_csv_neutralises_formulas() {
    let dir = temp_dir("i11-inject-extract");
    let o = hudud(&["extract", &hostile_feed(&dir), "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cells = cells_without_formulas(&stdout(&o));
    assert_neutralised(&cells, HOSTILE_ID);
    assert_neutralised(&cells, "@قُتل");
}

/// The samples' incidents layer with hostile and broken features added,
/// and the features repeated `copies` times (a long output for pipes).
fn doctored_layer(dir: &Path, copies: usize) -> String {
    // Each test maps into a folder of its own: tests run at the same time.
    let tag = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let out = mapped_samples(&format!("{tag}-map"));
    let text = std::fs::read_to_string(out.join("incidents.geojson")).expect("layer");
    let mut fc: serde_json::Value = serde_json::from_str(&text).expect("geojson");
    let features = fc["features"].as_array().cloned().unwrap_or_default();
    let mut all: Vec<serde_json::Value> = (0..copies).flat_map(|_| features.clone()).collect();
    let mut evil = features[0].clone();
    evil["properties"]["source"] = HOSTILE_ID.into();
    evil["properties"]["evidence"] = "+قُتل".into();
    all.push(evil);
    for geometry in [
        serde_json::Value::Null,
        serde_json::json!({"type": "Polygon", "coordinates": [[[40, 35], [41, 35], [41, 36], [40, 35]]]}),
        serde_json::json!({"type": "Point", "coordinates": [400, 95]}),
    ] {
        let mut f = features[0].clone();
        f["geometry"] = geometry;
        all.push(f);
    }
    fc["features"] = all.into();
    let path = dir.join("doctored.geojson");
    std::fs::write(&path, fc.to_string()).expect("write layer");
    path.display().to_string()
}

#[test]
fn query_csv_neutralises_formulas_in_every_command() {
    let dir = temp_dir("i11-inject-query");
    let layer = doctored_layer(&dir, 1);
    for args in [
        &["near", "--border", "--km", "500"][..],
        &["near", "--point", "35,40.5", "--km", "500"],
        &["within", "--bbox", "30,28,50,40"],
        &["within", "--country", "SY"],
        &["nearest", "--point", "35,40.5", "-k", "1000"],
    ] {
        let o = hudud(&[args, &["--layer", &layer, "--format", "csv"]].concat());
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let cells = cells_without_formulas(&stdout(&o));
        assert_neutralised(&cells, HOSTILE_ID);
        assert_neutralised(&cells, "+قُتل");
    }
}

#[test]
fn query_reports_features_it_cannot_place() {
    let dir = temp_dir("i11-geometries");
    let layer = doctored_layer(&dir, 1);
    let o = hudud(&["nearest", "--point", "35,40.5", "-k", "1000", "--layer", &layer, "--format", "geojson"]);
    let err = stderr(&o);
    assert!(err.contains("doctored.geojson") && err.contains("3 of"), "{err}");
    for why in ["null geometry", "Polygon", "outside"] {
        assert!(err.contains(why), "{why}: {err}");
    }
    // The point at [400, 95] is not a hit, however near the query.
    let hits = collection(&o);
    assert!(hits.iter().all(|f| f["geometry"]["coordinates"][0].as_f64().is_some_and(|x| x <= 180.0)));
}

#[test]
fn query_csv_stopped_by_head_is_silent() {
    let dir = temp_dir("i11-pipe");
    let layer = doctored_layer(&dir, 100);
    for args in [
        &["near", "--border", "--km", "500"][..],
        &["within", "--country", "SY"],
        &["nearest", "--point", "35,40.5", "-k", "100000"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hudud"))
            .args([args, &["--layer", &layer, "--format", "csv"]].concat())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = [0u8; 16];
        std::io::Read::read_exact(child.stdout.as_mut().expect("stdout"), &mut first).expect("read");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("Broken pipe"), "{args:?}: {}", stderr(&o));
    }
}

fn csv_header(args: &[&str]) -> String {
    let o = hudud(&[args, &["--format", "csv"]].concat());
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o).lines().next().unwrap_or_default().to_string()
}

#[test]
fn query_csv_header_is_the_same_for_any_result() {
    let out = mapped_samples("i11-header");
    let dir = temp_dir("i11-header-empty");
    let empty = r#"{"type":"FeatureCollection","features":[]}"#;
    for name in ["incidents", "places"] {
        let layer = out.join(format!("{name}.geojson")).display().to_string();
        let normal = csv_header(&["nearest", "--point", "35,40.5", "-k", "3", "--layer", &layer]);
        assert!(normal.ends_with(",longitude,latitude,distance_km"), "{normal}");
        let none = csv_header(&["nearest", "--point", "35,40.5", "-k", "0", "--layer", &layer]);
        assert_eq!(none, normal, "{name}: -k 0");
        let far = csv_header(&["within", "--bbox", "0,0,1,1", "--layer", &layer]);
        assert_eq!(far, normal, "{name}: nothing inside");
        let empty_layer = dir.join(format!("{name}.geojson"));
        std::fs::write(&empty_layer, empty).expect("write");
        let empty_header =
            csv_header(&["nearest", "--point", "35,40.5", "--layer", &empty_layer.display().to_string()]);
        assert_eq!(empty_header, normal, "{name}: empty layer");
    }
}

#[test]
fn unknown_codes_and_boxes_outside_the_world_are_errors() {
    let out = mapped_samples("i11-codes");
    let layer = out.join("incidents.geojson").display().to_string();
    let o = hudud(&["within", "--admin1", "SY-DZ", "--layer", &layer]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--admin1 SY-DZ") && stderr(&o).contains("SY-DY"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let o = hudud(&["within", "--country", "SYR", "--layer", &layer]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--country SYR") && stderr(&o).contains("SY"), "{}", stderr(&o));
    // A known code with no features is an empty answer, not an error.
    let o = hudud(&["within", "--admin1", "IQ-BA", "--layer", &layer, "--format", "table"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = hudud(&["within", "--bbox", "200,0,210,10", "--layer", &layer]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("outside the world"), "{}", stderr(&o));
}

#[test]
fn coordinates_state_their_order_and_catch_swaps() {
    for (cmd, flag, order) in [
        ("near", "--point", "latitude first"),
        ("nearest", "--point", "latitude first"),
        ("within", "--bbox", "longitude first"),
    ] {
        let help = stdout(&hudud(&[cmd, "--help"]));
        let text: String = help.split_whitespace().collect::<Vec<_>>().join(" ");
        let at = text.find(&format!("{flag} <")).unwrap_or_else(|| panic!("{cmd}: no {flag} in {help}"));
        assert!(text[at..].chars().take(200).collect::<String>().contains(order), "{cmd} {flag}: {help}");
    }
    for cmd in [&["nearest"][..], &["near", "--km", "5"]] {
        let o = hudud(&[cmd, &["--point", "120,35", "samples/articles"]].concat());
        assert_eq!(o.status.code(), Some(1), "{cmd:?}");
        assert!(stderr(&o).contains("35,120 would be valid"), "{cmd:?}: {}", stderr(&o));
    }
    let o = hudud(&["within", "--bbox", "34,100,35,120", "samples/articles"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--bbox 100,34,120,35"), "{}", stderr(&o));
}

#[test]
fn zones_refuse_bands_that_make_no_zone() {
    let dir = temp_dir("i11-zones");
    let out = dir.display().to_string();
    for bad in ["0", "-5", "nan", "inf", "5000", "10,,25"] {
        let o = hudud(&["map", "samples/articles", "--out", &out, &format!("--zones={bad}")]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("--zones") && stderr(&o).contains("at most 1000 km"), "{bad}: {}", stderr(&o));
        assert!(!dir.join("border_zones.geojson").exists(), "{bad}");
    }
    let help = stdout(&hudud(&["map", "--help"]));
    assert!(help.contains("[default: 10,25,50]"), "{help}");
}

#[test]
fn unknown_name_is_an_error_with_near_spellings() {
    let o = hudud(&["gazetteer", "lookup", "Qqqqzzzz"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert!(stderr(&o).contains("no place named \"Qqqqzzzz\""), "{}", stderr(&o));
    let o = hudud(&["gazetteer", "lookup", "البوكمالل"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("near spellings: البوكمال"), "{}", stderr(&o));
    // JSON readers still get JSON.
    let o = hudud(&["gazetteer", "lookup", "Qqqqzzzz", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn error_texts_do_not_repeat_their_cause() {
    let dir = temp_dir("i11-repeat");
    let out = dir.display().to_string();
    for args in [
        &["map", "no-such-file.txt", "--out", &out][..],
        &["map", "samples/articles", "--out", &out, "--gazetteer-extra", "no-such.tsv"],
        &["near", "--border", "--km", "5", "--layer", "no-such.geojson"],
    ] {
        let o = hudud(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        let parts: Vec<&str> = err.trim().split(": ").collect();
        let repeated = parts.windows(2).any(|w| w[0].eq_ignore_ascii_case(w[1]) || w[0].ends_with(w[1]));
        assert!(!repeated, "{args:?}: {err}");
    }
}

// ---------------------------------------------------------------------------
// Issue 11, item 7: offsets are absolute in a document processed in parts.
// ---------------------------------------------------------------------------

#[test]
fn offsets_in_a_long_text_count_from_its_start() {
    let dir = temp_dir("i11-long-offsets");
    // Over 4 MB of place-free lines, then a sentence naming al-Mayadin.
    let filler = "وقال المتحدث إن الاجتماع بحث سبل التعاون في مجالات عدة.\n".repeat(48_000);
    let tail = "انفجرت عبوة ناسفة في مدينة الميادين اليوم.\n";
    let text = format!("{filler}{tail}");
    assert!(text.len() > 4 * 1024 * 1024);
    let path = dir.join("long.txt");
    std::fs::write(&path, &text).expect("write");
    let out = dir.join("out");
    let o = hudud(&["map", &path.display().to_string(), "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mentions = std::fs::read_to_string(out.join("mentions.csv")).expect("mentions.csv");
    let row = mentions.lines().find(|l| l.contains("الميادين")).expect("al-Mayadin found");
    let start: usize = row.split(',').nth(1).and_then(|s| s.parse().ok()).expect("start offset");
    let expected = text[..text.find("الميادين").expect("in text")].chars().count();
    assert_eq!(start, expected, "{row}");
}

#[test]
fn near_border_taking_the_input_as_its_name_says_how_to_write_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let articles = root.join("samples/articles").display().to_string();
    let o = hudud(&["near", "--border", &articles, "--km", "25"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("that is an input, not a border"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--border iq-sy"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------
// Issue 11, item 8: --gazetteer-extra with a known id only adds names.
// ---------------------------------------------------------------------------

fn extra_file(dir: &Path, rows: &[&str]) -> String {
    let header = "id\tname_ar\tname_en\talt_ar\talt_latin\tlat\tlon\tfeature_type\tfeature_code\tcountry\tadmin1\tpopulation\tgeonameid\tsource";
    let path = dir.join("extra.tsv");
    std::fs::write(&path, format!("{header}\n{}\n", rows.join("\n"))).expect("write extra");
    path.display().to_string()
}

#[test]
fn gazetteer_extra_with_a_known_id_adds_names_and_keeps_coordinates() {
    let dir = temp_dir("i11-extra-known");
    let row = "gn:174448\tبوكمال الحدودية\tAbu Kamal\t\t\t0\t0\tvillage\t\tSY\t\t0\t\ttest";
    let extra = extra_file(&dir, &[row]);
    let o = hudud(&["gazetteer", "lookup", "بوكمال الحدودية", "--json", "--gazetteer-extra", &extra]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let lat = hits[0]["lat"].as_f64().expect("lat");
    assert!(lat > 34.0, "the new name found the place, at its own coordinates: {hits}");
    let o = hudud(&[
        "gazetteer",
        "lookup",
        "بوكمال الحدودية",
        "--json",
        "--gazetteer-extra",
        &extra,
        "--gazetteer-replace",
    ]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(hits[0]["lat"].as_f64(), Some(0.0), "replacing is explicit: {hits}");
}

#[test]
fn gazetteer_extra_with_an_id_twice_is_an_error() {
    let dir = temp_dir("i11-extra-dup");
    let a = "cur:x\tقرية الاختبار\tTest village\t\t\t35.1\t40.2\tvillage\t\tSY\tSY-DY\t0\t\ttest";
    let b = "cur:x\tقرية أخرى\tOther\t\t\t35.2\t40.3\tvillage\t\tSY\tSY-DY\t0\t\ttest";
    let extra = extra_file(&dir, &[a, b]);
    let o = hudud(&["gazetteer", "lookup", "الاختبار", "--gazetteer-extra", &extra]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("id `cur:x` is on two rows"), "{}", stderr(&o));
}

#[test]
fn a_dateline_line_is_no_section_heading() {
    // "بغداد- أ ش أ:" says where the wire was filed: a report after it that
    // names no place is not placed in Baghdad.
    let dir = temp_dir("dateline-heading");
    let file = dir.join("wire.txt");
    let text = "طائرات تركية تقصف مواقع\n\nبغداد- أ ش أ:\n\nوالأسبوع الماضي قتل ثلاثة جنود من الجيش العراقي جراء قصف تركي مماثل.\n";
    std::fs::write(&file, text).expect("write");
    let rows = extract_rows(&[file.to_str().expect("utf-8 path")]);
    assert!(rows.iter().all(|r| r["properties"]["gazetteer_id"] != "gn:98182"), "{rows:?}");
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------------------
// Issue 11, items 1-3: the layers change as one set, one writer per folder,
// no temporary left behind (i11-atomic branch).
// ---------------------------------------------------------------------------

/// The files `hudud map` writes, in the order `layer_set` lists them.
const LAYERS: [&str; 8] = [
    "border.geojson",
    "border_zones.geojson",
    "incidents.csv",
    "incidents.csvt",
    "incidents.geojson",
    "map.html",
    "mentions.csv",
    "places.geojson",
];

/// The layers in `dir` (a missing one reads as empty).
fn layer_set(dir: &Path) -> Vec<Vec<u8>> {
    LAYERS.iter().map(|n| std::fs::read(dir.join(n)).unwrap_or_default()).collect()
}

/// Hidden files in `dir` other than the lock file: temporaries, a journal.
fn leftovers(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".hudud.lock")
        .collect();
    names.sort();
    names
}

/// What `dir` holds, for a failure message: names and sizes.
fn names_and_sizes(dir: &Path) -> String {
    let files = layer_files(dir);
    files.iter().map(|(n, bytes)| format!("{n} ({} bytes)", bytes.len())).collect::<Vec<_>>().join(", ")
}

/// A synthetic JSON Lines corpus from `hudud bench generate`.
fn generated_corpus(dir: &Path, size: &str, seed: u32) -> String {
    let path = dir.join(format!("corpus-{seed}-{size}.jsonl")).display().to_string();
    let o = hudud(&["bench", "generate", "--size", size, "--seed", &seed.to_string(), "--out", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    path
}

/// Map `input` into a fresh folder `dir/name`; its layers.
fn reference_set(dir: &Path, name: &str, input: &str) -> Vec<Vec<u8>> {
    let out = dir.join(name);
    let o = hudud(&["map", input, "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    layer_set(&out)
}

/// Start `hudud map INPUT --out OUT` with stderr to `log`.
fn spawn_map(input: &str, out: &Path, log: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_hudud"))
        .args(["map", input, "--out", &out.display().to_string()])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).expect("log"))
        .spawn()
        .expect("spawn hudud")
}

/// Poll `done` every millisecond for up to `secs` seconds.
fn wait_until(secs: u64, mut done: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed().as_secs() < secs {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    false
}

#[test]
fn full_disk_while_writing_changes_nothing_of_the_old_set() {
    // Disk full, without a mount: a file-size limit makes the largest new
    // layer fail to write (EFBIG) after the smaller ones were written.
    let dir = temp_dir("i11-full");
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let new = reference_set(&dir, "ref", &articles);
    let mut sizes: Vec<usize> = new.iter().map(Vec::len).collect();
    sizes.sort_unstable();
    let limit_kb = (sizes[6] - 1) / 1024;
    assert!(sizes[5] < limit_kb * 1024, "the sample layers no longer suit this test: {sizes:?}");
    let out = dir.join("out");
    let o = hudud(&["map", &news_jsonl(), "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = layer_files(&out);
    let script = format!("trap '' XFSZ; ulimit -f {limit_kb}; exec \"$0\" \"$@\"");
    let o = Command::new("bash")
        .args(["-c", &script, env!("CARGO_BIN_EXE_hudud"), "map", &articles, "--out", &out.display().to_string()])
        .output()
        .expect("run bash");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("File too large"), "{}", stderr(&o));
    assert!(layer_files(&out) == before, "a failed run changed the old layers: {}", names_and_sizes(&out));
}

#[test]
fn a_run_killed_while_renaming_is_completed_by_the_next_hudud_on_the_folder() {
    let dir = temp_dir("i11-halfway");
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let (old, new) = (reference_set(&dir, "old", &news_jsonl()), reference_set(&dir, "new", &articles));
    let out = dir.join("out");
    let out_s = out.display().to_string();
    for settle in ["near", "map"] {
        assert!(hudud(&["map", &news_jsonl(), "--out", &out_s]).status.success());
        let o = Command::new(env!("CARGO_BIN_EXE_hudud"))
            .args(["map", &articles, "--out", &out_s])
            .env("HUDUD_TEST_CRASH_AFTER_RENAMES", "3")
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(137), "{}", stderr(&o));
        let mixed = layer_set(&out);
        assert!(mixed != old && mixed != new, "three renames of seven should leave a mix");
        assert!(leftovers(&out).contains(&".hudud-commit".to_string()), "{:?}", leftovers(&out));
        let o = if settle == "near" {
            let layer = out.join("places.geojson").display().to_string();
            hudud(&["near", "--point", "35,40", "--km", "1", "--layer", &layer])
        } else {
            hudud(&["map", &news_jsonl(), "--out", &out_s])
        };
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("completed the update"), "{}", stderr(&o));
        let want = if settle == "near" { &new } else { &old };
        assert!(&layer_set(&out) == want, "after {settle}: {}", names_and_sizes(&out));
        assert_eq!(leftovers(&out), Vec::<String>::new());
    }
}

#[test]
fn a_second_run_into_a_locked_folder_waits_and_says_so() {
    let dir = temp_dir("i11-lock");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    let lock = std::fs::File::create(out.join(".hudud.lock")).expect("lock file");
    lock.lock().expect("lock");
    let log = dir.join("log");
    let mut child = spawn_map(&news_jsonl(), &out, &log);
    let said = wait_until(30, || std::fs::read_to_string(&log).unwrap_or_default().contains("waiting for another"));
    std::thread::sleep(std::time::Duration::from_millis(200));
    let written_meanwhile = layer_set(&out).iter().any(|l| !l.is_empty()) || !leftovers(&out).is_empty();
    lock.unlock().expect("unlock");
    let status = child.wait().expect("wait");
    assert!(said, "no note: {}", std::fs::read_to_string(&log).unwrap_or_default());
    assert!(!written_meanwhile, "wrote to a folder another run holds");
    assert!(status.success());
    assert!(std::fs::read_to_string(&log).unwrap_or_default().contains(&out.display().to_string()));
    assert!(layer_set(&out) == reference_set(&dir, "ref", &news_jsonl()), "{}", names_and_sizes(&out));
}

#[test]
fn two_runs_into_one_folder_leave_one_complete_set() {
    let dir = temp_dir("i11-two");
    let (a, b) = (generated_corpus(&dir, "2M", 1), generated_corpus(&dir, "2M", 2));
    let (set_a, set_b) = (reference_set(&dir, "ref-a", &a), reference_set(&dir, "ref-b", &b));
    let out = dir.join("out");
    for round in 0..3 {
        let mut first = spawn_map(&a, &out, &dir.join("log-a"));
        let mut second = spawn_map(&b, &out, &dir.join("log-b"));
        assert!(first.wait().expect("wait").success() && second.wait().expect("wait").success());
        let now = layer_set(&out);
        assert!(now == set_a || now == set_b, "round {round}: the layers mix two runs");
        assert_eq!(leftovers(&out), Vec::<String>::new());
    }
}

/// A small deterministic generator for the kill delays.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn sigkill_at_random_moments_leaves_a_whole_old_or_new_set() {
    let dir = temp_dir("i11-sigkill");
    let inputs = [generated_corpus(&dir, "6M", 1), generated_corpus(&dir, "6M", 2)];
    let start = std::time::Instant::now();
    let sets = [reference_set(&dir, "ref-0", &inputs[0]), reference_set(&dir, "ref-1", &inputs[1])];
    let run_ms = start.elapsed().as_millis() as u64 / 2;
    let out = dir.join("out");
    assert!(hudud(&["map", &inputs[0], "--out", &out.display().to_string()]).status.success());
    let (mut current, mut rng, mut outcomes) = (0, Lcg(11), [0usize; 3]);
    for kill in 0..24 {
        let next = 1 - current;
        let mut child = spawn_map(&inputs[next], &out, &dir.join("log"));
        if kill % 2 == 0 {
            // Anywhere in the run: loading, reading, writing, renaming.
            std::thread::sleep(std::time::Duration::from_millis(rng.below(run_ms * 6 / 5)));
        } else {
            // While the layers are written or renamed.
            let writing = format!(".incidents.geojson.tmp-{}", child.id());
            wait_until(20, || out.join(&writing).exists() || child.try_wait().ok().flatten().is_some());
            std::thread::sleep(std::time::Duration::from_micros(rng.below(30_000)));
        }
        let _ = child.kill();
        let _ = child.wait();
        let journal = out.join(".hudud-commit").exists();
        if journal {
            let layer = out.join("places.geojson").display().to_string();
            assert!(hudud(&["near", "--point", "35,40", "--km", "1", "--layer", &layer]).status.success());
        }
        let now = layer_set(&out);
        assert!(now == sets[current] || now == sets[next], "kill {kill}: neither the old nor the new set");
        assert!(!journal || now == sets[next], "kill {kill}: a journal was not rolled forward");
        let outcome = if journal { 2 } else { usize::from(now == sets[next]) };
        outcomes[outcome] += 1;
        current = if now == sets[next] { next } else { current };
    }
    eprintln!(
        "24 kills: {} kept the old set, {} found the new one, {} completed from a journal",
        outcomes[0], outcomes[1], outcomes[2]
    );
    let o = hudud(&["map", &inputs[1 - current], "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(layer_set(&out) == sets[1 - current], "{}", names_and_sizes(&out));
    assert_eq!(leftovers(&out), Vec::<String>::new(), "temporaries remain after the next run");
}

#[test]
fn sigterm_and_sigint_remove_temporaries_and_keep_the_old_set() {
    let dir = temp_dir("i11-signals");
    let corpus = generated_corpus(&dir, "20M", 3);
    let out = dir.join("out");
    assert!(hudud(&["map", &news_jsonl(), "--out", &out.display().to_string()]).status.success());
    let before = layer_files(&out);
    let fresh = dir.join("fresh");
    for (signal, code, folder) in [("TERM", 143, &out), ("INT", 130, &out), ("INT", 130, &fresh)] {
        let log = dir.join("log");
        let mut child = spawn_map(&corpus, folder, &log);
        let reading = format!(".mentions.csv.tmp-{}", child.id());
        assert!(wait_until(30, || folder.join(&reading).exists()), "the run never started writing");
        let sent = Command::new("kill").args(["-s", signal, &child.id().to_string()]).status().expect("kill");
        assert!(sent.success());
        let status = child.wait().expect("wait");
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        assert_eq!(status.code(), Some(code), "SIG{signal}: {said}");
        assert!(said.contains(&format!("stopped by SIG{signal}")), "{said}");
        if folder == &out {
            assert!(layer_files(&out) == before, "SIG{signal} changed the folder: {}", names_and_sizes(&out));
        } else {
            assert!(!fresh.exists(), "a folder the stopped run created is left behind");
        }
    }
}

#[test]
fn a_later_run_removes_temporaries_of_dead_runs_and_nothing_else() {
    let dir = temp_dir("i11-stale");
    let out = dir.join("out");
    assert!(hudud(&["map", &news_jsonl(), "--out", &out.display().to_string()]).status.success());
    let mut gone = Command::new("true").spawn().expect("spawn");
    let dead = gone.id();
    gone.wait().expect("wait");
    let live = std::process::id();
    let stale = [format!(".places.geojson.tmp-{dead}"), format!(".hudud-incidents-{dead}-0.tmp")];
    let kept = [format!(".mentions.csv.tmp-{live}"), format!(".notes.txt.tmp-{dead}"), "notes.txt".to_string()];
    for name in stale.iter().chain(&kept) {
        std::fs::write(out.join(name), "x").expect("write");
    }
    let o = hudud(&["map", &news_jsonl(), "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("removed 2 temporary file(s)"), "{}", stderr(&o));
    for name in &stale {
        assert!(!out.join(name).exists(), "{name} of a dead run is still there");
    }
    for name in &kept {
        assert!(out.join(name).exists(), "{name} was removed");
    }
}

// ---------------------------------------------------------------------------
// Issue 13: the ACLED export and lossless conversions with GDAL.
// ---------------------------------------------------------------------------

/// ACLED's export columns, in ACLED's order (REFERENCE.md, "ACLED CSV columns").
const ACLED_HEADER: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// A CSV file's header and records, as maps from column to cell.
fn csv_records(path: &Path) -> (Vec<String>, Vec<std::collections::BTreeMap<String, String>>) {
    let text = std::fs::read_to_string(path).expect("csv");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| header.iter().cloned().zip(r.expect("record").iter().map(str::to_string)).collect())
        .collect();
    (header, rows)
}

#[test]
fn acled_export_has_acleds_header_and_codes_each_row_from_its_incident() {
    let out = mapped_samples("i13-acled");
    let text = std::fs::read_to_string(out.join("incidents_acled.csv")).expect("incidents_acled.csv");
    assert_eq!(text.lines().next(), Some(ACLED_HEADER.join(",").as_str()), "the header is ACLED's, byte for byte");
    let (header, rows) = csv_records(&out.join("incidents_acled.csv"));
    assert_eq!(header, ACLED_HEADER);
    let (_, incidents) = csv_records(&out.join("incidents.csv"));
    let region = ["SY", "IQ", "JO", "LB", "TR"];
    let located = incidents.iter().filter(|r| region.contains(&r["country"].as_str()) && !r["longitude"].is_empty());
    assert_eq!(rows.len(), located.count(), "one ACLED row per located incident in the region");
    let by_id: std::collections::BTreeMap<&str, _> = incidents.iter().map(|r| (r["incident_id"].as_str(), r)).collect();
    for row in &rows {
        let (prefix, number) = row["event_id_cnty"].split_at(3);
        let id = format!("inc-{:016x}", number.parse::<u64>().expect("event_id_cnty: ISO3 code and a number"));
        let inc = by_id.get(id.as_str()).unwrap_or_else(|| panic!("no incident {id} for {row:?}"));
        let want = match inc["country"].as_str() {
            "SY" => ("SYR", "Syria", "760"),
            "IQ" => ("IRQ", "Iraq", "368"),
            "JO" => ("JOR", "Jordan", "400"),
            "LB" => ("LBN", "Lebanon", "422"),
            _ => ("TUR", "Turkey", "792"),
        };
        assert_eq!((prefix, row["country"].as_str(), row["iso"].as_str()), want, "{id}");
        for (acled, ours) in [
            ("event_date", "event_date"),
            ("time_precision", "time_precision"),
            ("event_type", "event_type"),
            ("sub_event_type", "sub_event_type"),
            ("actor1", "actor1"),
            ("actor2", "actor2"),
            ("admin1", "admin1_name"),
            ("admin2", "admin2_name"),
            ("admin3", "admin3_name"),
            ("location", "location"),
            ("geo_precision", "geo_precision"),
            ("fatalities", "fatalities"),
            ("source", "source"),
        ] {
            assert_eq!(row[acled], inc[ours], "{acled} of {id}");
        }
        assert_eq!(row["year"], inc["event_date"].get(..4).unwrap_or_default());
        assert_eq!(row["region"], "Middle East");
        for axis in ["latitude", "longitude"] {
            let (a, b): (f64, f64) = (row[axis].parse().expect("number"), inc[axis].parse().expect("number"));
            assert!(
                (a - b).abs() <= 0.000_050_001 && row[axis].split('.').nth(1).map_or(0, str::len) <= 4,
                "{axis}: {a} {b}"
            );
        }
        assert!(row["notes"].starts_with("On ") || row["notes"].starts_with("In "), "{}", row["notes"]);
        for unknown in ["assoc_actor_1", "assoc_actor_2", "source_scale", "tags"] {
            assert_eq!(row[unknown], "", "{unknown} is left empty: hudud cannot know it");
        }
    }
    let raid = rows.iter().find(|r| r["location"] == "al-Dahla").expect("the al-Dahla raid of 01_deir_ezzor_raid.txt");
    let want = [
        ("event_date", "2025-10-07"),
        ("year", "2025"),
        ("time_precision", "1"),
        ("disorder_type", "Strategic developments"),
        ("sub_event_type", "Arrests"),
        ("actor1", "SDF"),
        ("inter1", "2"),
        ("actor2", "ISIS"),
        ("inter2", "2"),
        ("interaction", "22"),
        ("civilian_targeting", ""),
        ("iso", "760"),
        ("country", "Syria"),
        ("admin1", "Deir ez-Zor"),
        ("latitude", "35.205"),
        ("longitude", "40.375"),
        ("geo_precision", "1"),
        ("source", "01_deir_ezzor_raid.txt"),
        ("fatalities", "0"),
        ("timestamp", "1759795200"),
    ];
    for (column, value) in want {
        assert_eq!(raid[column], value, "{column}");
    }
    assert!(raid["event_id_cnty"].starts_with("SYR"));
    assert_eq!(
        raid["notes"],
        "On 7 October 2025, arrests by SDF targeting ISIS in al-Dahla, Deir ez-Zor, Syria; 3 arrested."
    );
}

/// Appends the rows of an incidents_acled.csv (argv[1]) to an ACLED-style
/// download (ACLED's header, argv[2], and one row of ACLED's own), reads
/// the whole with Python's csv module, and checks every record has ACLED's
/// 31 fields with ACLED's types and equals the row as read from our file.
const ACLED_APPEND_PY: &str = r#"
import csv, datetime, io, sys
ours_path, header = sys.argv[1], sys.argv[2].split(",")
download = io.StringIO()
w = csv.writer(download, lineterminator="\r\n")
w.writerow(header)
w.writerow(["SYR100001", "2024-01-05", "2024", "1", "Political violence", "Battles", "Armed clash",
            "Military Forces of Syria (2000-2024)", "", "1", "IS: Islamic State", "", "2", "12", "", "760",
            "Middle East", "Syria", "Deir ez-Zor", "Deir ez-Zor", "Deir ez-Zor", "Deir ez-Zor", "35.3359", "40.1408",
            "1", "SOHR", "Other", "On 5 January 2024, clashes.", "2", "", "1704844800"])
with open(ours_path, encoding="utf-8", newline="") as f:
    ours = f.read()
first, _, rows = ours.partition("\n")
assert first == ",".join(header), first
merged = list(csv.DictReader(io.StringIO(download.getvalue() + rows)))
with open(ours_path, encoding="utf-8", newline="") as f:
    direct = list(csv.DictReader(f))
assert merged[1:] == direct, "appended rows read differently"
ints = ["year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities", "timestamp"]
for r in merged:
    assert None not in r and None not in r.values() and list(r) == header, r
    for c in ints:
        assert r[c] == "" or str(int(r[c])) == r[c], (c, r[c])
    float(r["latitude"]), float(r["longitude"])
    assert r["event_date"] == "" or datetime.date.fromisoformat(r["event_date"]).year == int(r["year"])
print(len(merged) - 1)
"#;

#[test]
fn acled_rows_append_to_an_acled_download_and_read_back_in_python() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 not found");
        return;
    }
    let out = mapped_samples("i13-acled-py");
    let path = out.join("incidents_acled.csv");
    let o = Command::new("python3")
        .args(["-c", ACLED_APPEND_PY, &path.display().to_string(), &ACLED_HEADER.join(",")])
        .output()
        .expect("run python3");
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, rows) = csv_records(&path);
    assert_eq!(stdout(&o).trim(), rows.len().to_string());
    assert!(!rows.is_empty());
}

/// Features GDAL counts in the one layer of `path` (`ogrinfo -so -al`), and
/// the whole summary.
fn ogr_feature_count(path: &Path) -> (usize, String) {
    let o = Command::new("ogrinfo").args(["-ro", "-so", "-al"]).arg(path).output().expect("run ogrinfo");
    assert!(o.status.success(), "ogrinfo {}: {}", path.display(), stderr(&o));
    let text = stdout(&o);
    let count = text.lines().find_map(|l| l.strip_prefix("Feature Count: ")).and_then(|n| n.trim().parse().ok());
    (count.unwrap_or_else(|| panic!("no feature count for {}: {text}", path.display())), text)
}

#[test]
fn every_layer_converts_to_geopackage_and_flatgeobuf_keeping_counts_without_warnings() {
    if Command::new("ogr2ogr").arg("--version").output().is_err() {
        eprintln!("skipped: ogr2ogr not found (apt-get install gdal-bin)");
        return;
    }
    let out = temp_dir("i13-ogr");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let (articles, news) = (samples.join("articles").display().to_string(), news_jsonl());
    // An incident placed only in a country: a row without coordinates in
    // the CSV, a feature with null geometry in the GeoJSON (--keep-unlocated).
    let unlocated = out.join("unlocated.txt");
    std::fs::write(&unlocated, "دمشق - 2025-10-05\nقتل ثلاثة مدنيين بانفجار عبوة ناسفة في سوريا اليوم الأحد.\n")
        .expect("write");
    let unlocated = unlocated.display().to_string();
    let layers = out.join("layers");
    let o = hudud(&["map", &articles, &news, &unlocated, "--keep-unlocated", "--out", &layers.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["places.geojson", "incidents.geojson", "border.geojson", "border_zones.geojson"] {
        let text = std::fs::read_to_string(layers.join(name)).expect("layer");
        let json: serde_json::Value = serde_json::from_str(&text).expect("json");
        let features = json["features"].as_array().cloned().unwrap_or_default();
        let located = features.iter().filter(|f| !f["geometry"].is_null()).count();
        assert!(!features.is_empty(), "{name} is empty");
        converts(&layers.join(name), features.len(), located);
    }
    for name in ["incidents.csv", "mentions.csv", "incidents_acled.csv"] {
        let (_, rows) = csv_records(&layers.join(name));
        let located = rows.iter().filter(|r| !r["longitude"].is_empty()).count();
        let (_, summary) = ogr_feature_count(&layers.join(name));
        assert!(summary.contains("ID[\"EPSG\",4326]"), "{name}: GDAL reads no WGS 84 from the .prj:\n{summary}");
        assert!(summary.contains("Geometry: Point"), "{name}: not read as points:\n{summary}");
        converts(&layers.join(name), rows.len(), located);
    }
}

/// GDAL's version as (major, minor, patch), from `ogr2ogr --version`.
fn gdal_version() -> (u32, u32, u32) {
    let o = Command::new("ogr2ogr").arg("--version").output().expect("run ogr2ogr");
    let text = stdout(&o);
    let v: Vec<u32> =
        text.split([' ', ',']).nth(1).unwrap_or_default().split('.').filter_map(|n| n.parse().ok()).collect();
    (v.first().copied().unwrap_or(0), v.get(1).copied().unwrap_or(0), v.get(2).copied().unwrap_or(0))
}

/// Convert `layer` (`rows` features, `located` of them with a geometry)
/// with ogr2ogr to GeoPackage and FlatGeobuf; each must take no warning or
/// error. GeoPackage keeps every feature. FlatGeobuf cannot index a
/// feature without geometry: GDAL before 3.6.4 drops such features
/// silently, later versions keep them without a spatial index
/// (`-lco SPATIAL_INDEX=NO`, which the conversion then asks for).
fn converts(layer: &Path, rows: usize, located: usize) {
    let name = layer.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let keeps_null_geometries = gdal_version() >= (3, 6, 4);
    let fgb = if located == rows || keeps_null_geometries { rows } else { located };
    for (ext, want) in [("gpkg", rows), ("fgb", fgb)] {
        let target = layer.with_file_name(format!("converted-{name}.{ext}"));
        let mut cmd = Command::new("ogr2ogr");
        if ext == "fgb" && located < rows {
            cmd.args(["-lco", "SPATIAL_INDEX=NO"]);
        }
        let o = cmd.arg(&target).arg(layer).output().expect("run ogr2ogr");
        let err = stderr(&o);
        assert!(o.status.success() && err.trim().is_empty(), "ogr2ogr {name} to {ext}: {err}");
        let (count, _) = ogr_feature_count(&target);
        assert_eq!(count, want, "{name} as {ext}: feature count");
        eprintln!("ok  {name} -> {ext}: {count} of {rows} features, no warnings");
    }
}
// Issue 11 audit: what the earlier branches left out.
// ---------------------------------------------------------------------------

#[test]
fn geoparse_reads_inputs_as_map_does() {
    // JSON Lines, by name and on standard input, are articles, not one text
    // of raw JSON: offsets count in each article's title and text.
    let by_name = hudud(&["geoparse", &news_jsonl()]);
    assert!(by_name.status.success(), "{}", stderr(&by_name));
    let rows: Vec<serde_json::Value> =
        stdout(&by_name).lines().map(|l| serde_json::from_str(l).expect("jsonl")).collect();
    let docs: std::collections::BTreeSet<&str> = rows.iter().filter_map(|r| r["document"].as_str()).collect();
    assert_eq!(docs.len(), 4, "one name per record (its url, else its id): {docs:?}");
    assert!(docs.contains("jl-004") && !docs.contains("news.jsonl"), "{docs:?}");
    let feed = std::fs::read(news_jsonl()).expect("news");
    let piped = hudud_within(120, &["geoparse", "-"], Some(&feed)).expect("geoparse - never ended");
    assert_eq!(stdout(&piped), stdout(&by_name), "{}", stderr(&piped));
    // Nothing to read is an error, as for map and extract.
    let dir = temp_dir("i11-geoparse-empty");
    for input in [dir.display().to_string(), "/no/such/article.txt".to_string()] {
        let o = hudud(&["geoparse", &input]);
        assert_eq!(o.status.code(), Some(1), "{input}: {}", stderr(&o));
        assert!(stderr(&o).contains("no article"), "{}", stderr(&o));
    }
}

#[test]
fn an_output_folder_hudud_cannot_use_is_named_once() {
    let dir = temp_dir("i11-out-file");
    let file = dir.join("layers.txt");
    std::fs::write(&file, "mine").expect("write");
    let under_file = file.join("sub");
    for (out, cause) in [(&file, "not a folder"), (&under_file, "Not a directory")] {
        let out_s = out.display().to_string();
        let o = hudud(&["map", &fixture("incident_article.txt"), "--out", &out_s]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(&format!("cannot use the output folder: {out_s}: {cause}")), "{err}");
        assert_eq!(err.matches(&out_s).count(), 1, "{err}");
    }
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
}

#[test]
fn eval_of_no_article_names_no_private_folder() {
    let dir = temp_dir("i11-eval-empty");
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/gold.json").display().to_string();
    let o = hudud(&["eval", "--gold", &gold, &dir.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).trim(), "hudud: error: no article found in the inputs");
}

#[test]
fn the_names_to_add_hint_lists_only_unknown_names() {
    let dir = temp_dir("i11-hint");
    let text = "داهمت قوة من الجيش قرية الطكيحي بريف دير الزور الشرقي أثناء حملة أمنية يوم الثلاثاء، وقام عناصر حاجز بإطلاق النار على سيارة مدنية.\n\
ويضم الحقل أكبر قاعدة للتحالف الدولي، فيما يقيم نازحون في مخيم للنازحين وفي مخيمات النزوح بمحافظة دهوك.\n\
سقطت ثلاث قذائف، اثنتان منها داخل السياج الخارجي للقاعدة والثالث في أرض خالية قربها.\n\
ويُعد الهول أكبر مخيم لعائلات عناصر التنظيم، وقصف يطال قرى شمالها.\n\
هل تنجح بغداد ودمشق في سدّ الثغرات؟ وانفجرت عبوة ناسفة في مدينة البوكمال اليوم.\n";
    let file = dir.join("hint.txt");
    std::fs::write(&file, text).expect("write");
    let o = hudud(&["map", &file.display().to_string(), "--out", &dir.join("out").display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let hint = err.lines().find(|l| l.contains("unresolved names")).unwrap_or_else(|| panic!("no hint: {err}"));
    // A village the gazetteer lacks is listed; ordinary words and names the
    // gazetteer has (البوكمال, not read as a place here) are not.
    assert!(hint.ends_with("--gazetteer-extra): الطكيحي (1)"), "{hint}");
}

/// `hudud ARGS` as the user nobody with at most `nproc` processes and
/// threads of that user (root only: the limit does not bind root).
#[cfg(unix)]
fn hudud_as_nobody_with_nproc(nproc: u32, args: &[&str]) -> std::io::Result<Output> {
    Command::new("prlimit")
        .arg(format!("--nproc={nproc}"))
        .args(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_hudud")])
        .args(args)
        .output()
}

#[cfg(unix)]
#[test]
fn a_thread_that_cannot_start_is_a_clear_error_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("i11-nproc");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let out = dir.join("out");
    let out_s = out.display().to_string();
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let map = ["map", &articles, "--out", &out_s, "--threads", "8"];
    // The old set, written as nobody; where that cannot be, skip.
    let ready = uid() == Some(0) && hudud_as_nobody_with_nproc(256, &map).is_ok_and(|o| o.status.success());
    if !ready {
        eprintln!("skipped: needs root, prlimit and setpriv, and paths nobody can reach");
        return;
    }
    let before = layer_files(&out);
    let mut failed = 0;
    for nproc in 1..=16 {
        let o = hudud_as_nobody_with_nproc(nproc, &map).expect("run");
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "nproc {nproc}: {err}");
        if o.status.success() {
            continue;
        }
        failed += 1;
        assert_eq!(o.status.code(), Some(1), "nproc {nproc}: {err}");
        assert!(err.contains("hudud: error: ") && err.contains("starting "), "nproc {nproc}: {err}");
        assert!(layer_files(&out) == before, "nproc {nproc}: a failed run changed the layers");
        assert_eq!(leftovers(&out), Vec::<String>::new(), "nproc {nproc}");
    }
    assert!(failed > 0, "no run hit the limit");
}

/// The `hudud …` lines of the README's `sh` blocks, comments removed.
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let (mut in_sh, mut lines) = (false, Vec::new());
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
        } else if in_sh && line.starts_with("hudud ") {
            lines.push(line.split(" # ").next().unwrap_or(line).trim().to_string());
        }
    }
    lines
}

#[cfg(unix)]
#[test]
fn readme_quick_start_is_complete_and_its_examples_run_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let version = manifest.lines().find_map(|l| l.strip_prefix("rust-version = ")).expect("rust-version");
    assert!(readme.contains(&format!("Rust {} or newer", version.trim_matches('"'))), "README: Rust version");
    assert!(readme.contains("cargo install --path ."), "README: how `hudud` gets on the PATH");
    // Each example, in a fresh folder holding the samples, with `hudud` on
    // the PATH as `cargo install` puts it. The benchmarks (a gigabyte of
    // text, a million points) are left out.
    let dir = temp_dir("i11-readme");
    std::os::unix::fs::symlink(root.join("samples"), dir.join("samples")).expect("link samples");
    let bin = Path::new(env!("CARGO_BIN_EXE_hudud")).parent().expect("bin dir").display().to_string();
    let path = format!("{bin}:{}", std::env::var("PATH").unwrap_or_default());
    let examples: Vec<String> = readme_examples().into_iter().filter(|l| !l.starts_with("hudud bench")).collect();
    assert!(examples.len() >= 10, "{examples:?}");
    for line in &examples {
        let o = Command::new("sh").args(["-c", line]).current_dir(&dir).env("PATH", &path).output().expect("sh");
        assert!(o.status.success(), "README example failed: {line}\n{}", stderr(&o));
        assert!(!stderr(&o).contains("warning"), "{line}: {}", stderr(&o));
    }
}

/// A small tmpfs mounted for a test, unmounted when dropped.
#[cfg(target_os = "linux")]
struct SmallDisk(PathBuf);

#[cfg(target_os = "linux")]
impl SmallDisk {
    /// Mount a tmpfs of `size` at `at`; None where that cannot be (not root).
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let o = Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(at).output();
        o.is_ok_and(|o| o.status.success()).then(|| SmallDisk(at.to_path_buf()))
    }
}

#[cfg(target_os = "linux")]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_keeps_the_old_set_as_the_issue_reproduced_it() {
    // mount -t tmpfs -o size=200k tmpfs F; hudud map one.txt --out F;
    // hudud map samples/articles --out F: places had 90 features, incidents 2.
    let dir = temp_dir("i11-tmpfs");
    // 200k in the issue; the web map and the GeoPackage (about 470 KB of
    // their own) need more for the first set, and the second set (about
    // 1 MB) still does not fit beside it.
    let Some(disk) = SmallDisk::mount(&dir.join("F"), "1200k") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let out = disk.0.display().to_string();
    let o = hudud(&["map", &fixture("incident_article.txt"), "--out", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = layer_files(&disk.0);
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let o = hudud(&["map", &articles, "--out", &out]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The OS's words, or SQLite's for hudud.gpkg.
    let full = ["No space left on device", "database or disk is full"];
    assert!(full.iter().any(|f| stderr(&o).contains(f)), "{}", stderr(&o));
    assert!(layer_files(&disk.0) == before, "the old set changed: {}", names_and_sizes(&disk.0));
    // A folder the failed run would have made on the full disk is removed.
    let fresh = disk.0.join("new");
    let o = hudud(&["map", &articles, "--out", &fresh.display().to_string()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!fresh.exists());
}

#[test]
fn a_json_document_is_not_read_as_an_article() {
    // A .json export (an array of article objects) was one plain-text
    // article of raw JSON: 1 article, 4 incidents instead of 5.
    let dir = temp_dir("i11-json-array");
    let records: Vec<serde_json::Value> = std::fs::read_to_string(news_jsonl())
        .expect("news")
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    let file = dir.join("feed.json");
    std::fs::write(&file, serde_json::to_string_pretty(&records).expect("json")).expect("write");
    let file_s = file.display().to_string();
    let o = hudud(&["extract", &file_s]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("feed.json: a JSON document, not JSON Lines"), "{}", stderr(&o));
    let out = dir.join("out").display().to_string();
    let o = hudud(&["map", &file_s, &fixture("incident_article.txt"), "--out", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 article(s) read, 1 skipped"), "{}", stderr(&o));
    // Asked for, it is read as text.
    let o = hudud(&["extract", "--input-format", "text", &file_s]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn query_filters_that_would_keep_all_or_nothing_are_refused() {
    let out = mapped_samples("i11-filters");
    let layer = out.join("incidents.geojson").display().to_string();
    for (flag, value, says) in [
        ("--since", "garbage", "expected a date as YYYY-MM-DD"),
        ("--until", "nope", "expected a date as YYYY-MM-DD"),
        ("--since", "2025-02-30", "expected a date as YYYY-MM-DD"),
        ("--type", "Nope", "no ACLED event or sub-event type contains it"),
        ("--min-precision", "4", "not in 1..=3"),
    ] {
        let o = hudud(&["within", "--country", "SY", flag, value, "--layer", &layer, "--format", "csv"]);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{flag} {value}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    // Written without leading zeros, a date still compares as a date.
    let rows = |args: &[&str]| {
        stdout(&hudud(&[&["within", "--country", "SY", "--layer", &layer][..], args].concat())).lines().count()
    };
    assert_eq!(rows(&["--since", "2025-1-1", "--format", "csv"]), rows(&["--since", "2025-01-01", "--format", "csv"]));
    assert_eq!(rows(&["--type", "arrests", "--format", "csv"]), rows(&["--type", "Arrests", "--format", "csv"]));
}

// ---------------------------------------------------------------------------
// Issue 13, item 1: the web map, loaded from file:// in headless Chromium.
// ---------------------------------------------------------------------------

/// Text an article may hold that must reach map.html as text only: were it
/// taken as HTML, the script would run and the image's handler would mark
/// the page.
const INJECTED_SCRIPT: &str = "<script>alert(1)</script>";
const INJECTED_IMG: &str = "<img src=x onerror=document.body.dataset.injected=1>";

/// Headless Chromium (Debian's `chromium`), if installed.
fn chromium() -> Option<&'static str> {
    let ok = Command::new("chromium").arg("--version").output().is_ok_and(|o| o.status.success());
    ok.then_some("chromium")
}

/// `page` (with `fragment`) loaded from file:// in headless Chromium: the
/// DOM after the page's scripts ran, and the console messages it logged.
fn load_in_chromium(browser: &str, page: &Path, fragment: &str) -> (String, Vec<String>) {
    let profile = temp_dir(&format!("chromium-profile{}", fragment.len()));
    let url = format!("file://{}{fragment}", page.display());
    let mut cmd = Command::new(browser);
    cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .args(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(&url);
    let o = hudud_cmd_within(120, &mut cmd, None).expect("chromium did not finish in 120 s");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(o.status.success(), "chromium {url}: {}", stderr(&o));
    // With --enable-logging, every console message (log, error, uncaught
    // exception, failed resource load) is a line with ":CONSOLE".
    let console = stderr(&o).lines().filter(|l| l.contains(":CONSOLE")).map(str::to_string).collect();
    (stdout(&o), console)
}

/// The (type, count) pairs of the page's legend.
fn legend_counts(dom: &str) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for item in dom.split("<li data-type=\"").skip(1) {
        let (label, rest) = item.split_once('"').expect("legend item");
        let count = rest.split_once("data-count=\"").and_then(|(_, c)| c.split_once('"')).expect("data-count").0;
        counts.insert(label.replace("&amp;", "&"), count.parse().expect("count"));
    }
    counts
}

/// The samples plus an article whose incident sentence carries HTML.
fn mapped_with_injection(tag: &str) -> PathBuf {
    let out = temp_dir(tag);
    let article = out.join("injection.txt");
    let text = format!(
        "قُتل ثلاثة مدنيين بانفجار عبوة ناسفة على طريق الميادين بريف دير الزور الشرقي يوم الأحد 12 تشرين الأول 2025 \
         {INJECTED_SCRIPT} {INJECTED_IMG} وفق مصادر محلية.\n"
    );
    std::fs::write(&article, text).expect("write article");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles");
    let layers = out.join("layers");
    let o = hudud(&[
        "map",
        &samples.display().to_string(),
        &article.display().to_string(),
        "--out",
        &layers.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    layers
}

#[test]
fn web_map_opens_offline_with_legend_counts_and_injects_nothing() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let layers = mapped_with_injection("i13-webmap");
    let page = layers.join("map.html");
    let incidents: serde_json::Value =
        serde_json::from_slice(&std::fs::read(layers.join("incidents.geojson")).expect("incidents")).expect("json");
    let features = incidents["features"].as_array().expect("features");
    let mut want = std::collections::BTreeMap::new();
    for f in features {
        *want.entry(f["properties"]["event_type"].as_str().expect("event_type").to_string()).or_insert(0) += 1;
    }
    let (dom, console) = load_in_chromium(browser, &page, "");
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(dom.contains("data-state=\"ready\""), "the page did not finish: {}", &dom[..dom.len().min(400)]);
    let shown = legend_counts(&dom);
    assert_eq!(shown.len(), 6, "a legend line per ACLED event type: {shown:?}");
    for (kind, n) in &shown {
        assert_eq!(*n, want.get(kind).copied().unwrap_or(0), "legend count of {kind}");
    }
    assert_eq!(shown.values().sum::<usize>(), features.len());
    // The injected incident's popup, opened by its link: the text is there, as text.
    let index =
        features.iter().position(|f| f["properties"]["evidence"].as_str().is_some_and(|e| e.contains(INJECTED_SCRIPT)));
    let index = index.expect("the article's incident is in incidents.geojson");
    let (dom, console) = load_in_chromium(browser, &page, &format!("#incident={index}"));
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(dom.contains("data-state=\"ready\""), "the page did not finish");
    let popup = dom.split_once("class=\"evidence\"").expect("the popup is open").1;
    assert!(
        popup.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=document.body.dataset.injected=1&gt;"
        ),
        "{popup}"
    );
    assert!(!dom.contains("data-injected") && !dom.contains("<img src=\"x\""), "an injected element was created");
    assert!(!dom.contains(INJECTED_SCRIPT), "an injected script element was created");
    std::fs::remove_dir_all(layers.parent().expect("parent")).ok();
}

/// The JSON data block `id` of a map.html page.
fn page_data(page: &str, id: &str) -> serde_json::Value {
    let start = format!("<script type=\"application/json\" id=\"{id}\">");
    let block = page.split_once(&start).and_then(|(_, rest)| rest.split_once("</script>")).expect("data block").0;
    serde_json::from_str(block).expect("the data block is JSON")
}

#[test]
fn web_map_without_incidents_holds_an_empty_list() {
    let dir = temp_dir("i13-webmap-empty");
    let article = dir.join("quiet.txt");
    std::fs::write(&article, "زار وفد من الجامعة مدينة الرقة لبحث برامج التعليم.\n").expect("write article");
    let out = dir.join("layers");
    let o = hudud(&["map", &article.display().to_string(), "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.join("map.html")).expect("map.html");
    assert_eq!(page_data(&page, "hudud-incidents"), serde_json::json!([]));
    let layers = page_data(&page, "hudud-layers");
    assert_eq!(layers["types"].as_array().map(Vec::len), Some(6));
    assert_eq!(layers["tiles"], serde_json::Value::Null);
    assert!(page.contains("img-src data:\">"), "no tiles, no images from the web");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn web_map_tiles_are_checked_and_embedded() {
    let dir = temp_dir("i13-webmap-tiles");
    let out = dir.join("layers").display().to_string();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    for bad in ["javascript:alert(1)//{z}/{x}/{y}", "https://tiles.example/{z}/{x}.png"] {
        let o = hudud(&["map", &samples, "--tiles", bad, "--out", &out]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("--tiles"), "{}", stderr(&o));
    }
    let template = "https://{s}.tile.example.org/{z}/{x}/{y}.png?a=1&b=</script>";
    let o = hudud(&["map", &samples, "--tiles", template, "--out", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.join("layers/map.html")).expect("map.html");
    assert_eq!(page_data(&page, "hudud-layers")["tiles"], template);
    assert!(page.contains("img-src data: https: http:"), "web images allowed with --tiles");
    std::fs::remove_dir_all(&dir).ok();
}

/// Whether QGIS's Python (Debian's python3-qgis, on the system python) is
/// installed; the QGIS checks skip with a message without it.
fn pyqgis() -> bool {
    let ok = Command::new("/usr/bin/python3")
        .args(["-c", "import qgis.core"])
        .env("QT_QPA_PLATFORM", "offscreen")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("skipped: /usr/bin/python3 cannot import qgis.core (apt-get install python3-qgis qgis-providers)");
    }
    ok
}

#[test]
fn qgis_styles_project_and_geopackage_are_byte_identical_across_threads() {
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/articles").display().to_string();
    let (a, b) = (temp_dir("qgis-t1"), temp_dir("qgis-t2"));
    for (out, n) in [(&a, "1"), (&b, "2")] {
        let o = hudud(&["map", &articles, "--out", &out.display().to_string(), "--threads", n]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for f in hudud::output::QGIS_FILES.into_iter().chain([hudud::output::GPKG_FILE]) {
        assert_eq!(std::fs::read(a.join(f)).expect("a"), std::fs::read(b.join(f)).expect("b"), "{f}");
    }
    let project = std::fs::read_to_string(a.join("hudud.qgs")).expect("project");
    assert!(project.contains("<datasource>./incidents.geojson</datasource>"), "relative paths expected");
    assert!(!project.contains(&a.display().to_string()), "no absolute path in the project");
}

#[test]
fn qgis_loads_the_project_with_every_layer_valid_and_styled() {
    if !pyqgis() {
        return;
    }
    let out = temp_dir("qgis");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let (articles, news) = (samples.join("articles").display().to_string(), news_jsonl());
    let o = hudud(&["map", &articles, &news, "--out", &out.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Opened from elsewhere: the layers are found relative to the project.
    let moved = out.with_file_name(format!("{}-moved", out.file_name().and_then(|n| n.to_str()).unwrap_or("qgis")));
    let _ = std::fs::remove_dir_all(&moved);
    std::fs::rename(&out, &moved).expect("move the folder");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/qgis_check.py");
    let o = Command::new("/usr/bin/python3")
        .arg(&script)
        .arg(&moved)
        .env("QT_QPA_PLATFORM", "offscreen")
        .output()
        .expect("run qgis_check.py");
    eprintln!("{}", stdout(&o));
    assert!(o.status.success(), "QGIS check failed:\n{}\n{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("ok   incidents.geojson alone picks up incidents.qml"), "{}", stdout(&o));
}

/// GDAL's GeoPackage validator, where Debian's python3-gdal put it.
const VALIDATE_GPKG: &str = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";

#[test]
fn geopackage_holds_every_layer_typed_and_indexed_without_gdal_warnings() {
    if Command::new("ogrinfo").arg("--version").output().is_err() {
        eprintln!("skipped: ogrinfo not found (apt-get install gdal-bin)");
        return;
    }
    let out = temp_dir("gpkg");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let unlocated = out.join("unlocated.txt");
    std::fs::write(&unlocated, "دمشق - 2025-10-05\nقتل ثلاثة مدنيين بانفجار عبوة ناسفة في سوريا اليوم الأحد.\n")
        .expect("write");
    let layers = out.join("layers");
    let args = [&samples.join("articles").display().to_string(), &news_jsonl(), &unlocated.display().to_string()];
    let o = hudud(&["map", args[0], args[1], args[2], "--keep-unlocated", "--out", &layers.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let gpkg = layers.join("hudud.gpkg");
    let count = |name: &str| -> usize {
        let text = std::fs::read_to_string(layers.join(name)).expect("layer");
        if name.ends_with(".csv") {
            return csv_records(&layers.join(name)).1.len();
        }
        let json: serde_json::Value = serde_json::from_str(&text).expect("json");
        json["features"].as_array().map_or(0, Vec::len)
    };
    for (layer, file, geometry) in [
        ("incidents", "incidents.geojson", "Point"),
        ("places", "places.geojson", "Point"),
        ("mentions", "mentions.csv", "Point"),
        ("border", "border.geojson", "Line String"),
        ("border_zones", "border_zones.geojson", "Multi Polygon"),
    ] {
        let o = Command::new("ogrinfo").args(["-so", "-ro"]).arg(&gpkg).arg(layer).output().expect("ogrinfo");
        assert!(o.status.success() && stderr(&o).trim().is_empty(), "{layer}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains(&format!("Feature Count: {}\n", count(file))), "{layer} count vs {file}:\n{text}");
        assert!(text.contains(&format!("Geometry: {geometry}\n")), "{layer}:\n{text}");
        assert!(text.contains("ID[\"EPSG\",4326]"), "{layer}:\n{text}");
    }
    let o = Command::new("ogrinfo").args(["-so", "-ro"]).arg(&gpkg).arg("incidents").output().expect("ogrinfo");
    for field in ["event_date: Date", "fatalities: Integer64", "confidence: Real", "evidence: String"] {
        assert!(stdout(&o).contains(field), "{field}:\n{}", stdout(&o));
    }
    let o = Command::new("ogrinfo").args(["-ro", "-al", "-q"]).arg(&gpkg).output().expect("ogrinfo");
    assert!(o.status.success() && stderr(&o).trim().is_empty(), "reading every feature: {}", stderr(&o));
    // The spatial index answers a box query (ogrinfo -spat uses the R-tree).
    let o = Command::new("ogrinfo")
        .args(["-ro", "-q", "-spat", "40", "34", "41.5", "35"])
        .arg(&gpkg)
        .arg("incidents")
        .output()
        .expect("ogrinfo");
    assert!(stdout(&o).contains("OGRFeature(incidents)"), "{}", stdout(&o));
    if Path::new(VALIDATE_GPKG).exists() {
        let o = Command::new("/usr/bin/python3").arg(VALIDATE_GPKG).arg(&gpkg).output().expect("validate_gpkg.py");
        assert!(o.status.success() && stdout(&o).trim().is_empty(), "{}{}", stdout(&o), stderr(&o));
    } else {
        eprintln!(
            "note: {VALIDATE_GPKG} not found (python3-gdal); the GeoPackage was not validated by GDAL's validator"
        );
    }
}
