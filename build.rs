//! Builds the name recogniser's automaton for the built-in gazetteer at
//! compile time: building it at start-up cost about as much as loading the
//! gazetteer, reading it back costs a few milliseconds.
//!
//! The names come straight from the gazetteer files (every Arabic name and
//! variant of every row; merging rows by id keeps each name, so the set is
//! the same), the words from `src/geoparse/recognizer_words.txt`. Nothing
//! here has to be right for hudud to be right: the recogniser uses this
//! automaton only if its pattern list is exactly the one it needs, and
//! builds its own otherwise; a test checks that it is used.

#[allow(dead_code)]
#[path = "src/geoparse/automaton.rs"]
mod automaton;
#[allow(dead_code)]
#[path = "src/arabic/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/gazetteer/variants.rs"]
mod variants;

/// What `variants.rs` takes from the crate's `arabic` module.
mod arabic {
    pub use crate::normalize::fold_char;
}

use std::collections::BTreeSet;
use std::path::Path;

/// A gazetteer file with the columns of its Arabic names.
struct Source {
    path: &'static str,
    /// The column of the Arabic name, and of its `|`-separated variants.
    name: usize,
    alts: usize,
    /// A column and a value that make a row not a place.
    skip: Option<(usize, &'static str)>,
}

const SOURCES: [Source; 4] = [
    Source { path: "gazetteer/places.tsv", name: 1, alts: 3, skip: None },
    Source { path: "gazetteer/curated.tsv", name: 1, alts: 3, skip: None },
    Source { path: "gazetteer/levant.tsv", name: 1, alts: 3, skip: None },
    // Governorates (level 1) are units, not places.
    Source { path: "gazetteer/admin_units.tsv", name: 4, alts: 6, skip: Some((2, "1")) },
];

const WORDS: &str = "src/geoparse/recognizer_words.txt";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let sources = SOURCES.iter().map(|s| s.path);
    for path in ["src/geoparse/automaton.rs", "src/arabic/normalize.rs", "src/gazetteer/variants.rs", WORDS]
        .into_iter()
        .chain(sources)
    {
        println!("cargo:rerun-if-changed={path}");
    }
    // A missing file or a failed build leaves an empty blob: the
    // recogniser then builds its own automaton.
    let blob = prebuilt().unwrap_or_default();
    let out = std::env::var("OUT_DIR").map(|d| Path::new(&d).join("recognizer.bin"));
    if let Err(e) = out.map_err(|e| e.to_string()).and_then(|p| std::fs::write(p, blob).map_err(|e| e.to_string())) {
        panic!("cannot write the prebuilt recogniser: {e}");
    }
}

/// The prebuilt automaton over the built-in gazetteer's names and the words.
fn prebuilt() -> Option<Vec<u8>> {
    let mut forms: BTreeSet<String> = BTreeSet::new();
    for s in &SOURCES {
        for n in arabic_names(&std::fs::read_to_string(s.path).ok()?, s) {
            forms.extend(variants::arabic_variants(n));
        }
    }
    let words = std::fs::read_to_string(WORDS).ok()?;
    let texts: Vec<String> =
        automaton::pattern_pieces(forms.iter().map(String::as_str), words.lines().filter(|w| !w.is_empty()))
            .map(|[a, b]| format!("{a}{b}"))
            .collect();
    automaton::write_prebuilt(&texts).ok()
}

/// The trimmed Arabic names and `|`-separated variants of every data row.
fn arabic_names<'a>(text: &'a str, source: &Source) -> Vec<&'a str> {
    let mut out = Vec::new();
    let rows = text.lines().skip_while(|l| l.trim_start_matches('\u{feff}').starts_with('#')).skip(1);
    for line in rows {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if source.skip.is_some_and(|(col, value)| f.get(col).map(|v| v.trim()) == Some(value)) {
            continue;
        }
        out.extend(f.get(source.name).map(|n| n.trim()).filter(|n| !n.is_empty()));
        out.extend(f.get(source.alts).into_iter().flat_map(|a| a.split('|')).map(str::trim).filter(|n| !n.is_empty()));
    }
    out
}
