//! Cue words (مدينة، قرية، ريف، مخيم…) and directions (شرق، الشرقي…).
//!
//! A cue word before a name tells what kind of place it is, which both
//! licenses names that are also common words and picks among homonyms.

use super::clitics::for_each_reading;
use crate::FastMap;
use std::sync::OnceLock;

/// What a cue word says about the place after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CueKind {
    /// مدينة: a city or town.
    City,
    /// بلدة، قرية، ناحية: a town or village.
    Settlement,
    /// قضاء، منطقة: a district or area (often named after its seat).
    District,
    /// حي: a neighbourhood.
    Neighbourhood,
    /// محافظة، ولاية-free governorate cue.
    Governorate,
    /// ريف: the countryside around a city, i.e. its governorate or surroundings.
    Countryside,
    /// مخيم: a camp.
    Camp,
    /// سجن: a prison.
    Prison,
    /// قاعدة، مطار: a base or airfield.
    Base,
    /// معبر، منفذ: a border crossing.
    Crossing,
    /// حقل: an oil or gas field.
    Field,
    /// سد: a dam.
    Dam,
    /// بادية، صحراء: a desert.
    Desert,
    /// جبل، جبال: a mountain or range.
    Mountain,
    /// نهر: a river.
    River,
    /// وادي: a valley.
    Valley,
    /// جزيرة: an island (or a river-bend district named so).
    Island,
    /// تل: a tell or hill.
    Hill,
}

impl CueKind {
    /// True for landforms: a name after one is the landform's ("وادي X",
    /// "جبل X"), not the town called X elsewhere.
    pub fn is_landform(self) -> bool {
        matches!(
            self,
            CueKind::Valley | CueKind::Mountain | CueKind::Field | CueKind::Dam | CueKind::Island | CueKind::Hill
        )
    }

    /// Whether a gazetteer feature type fits this cue.
    pub fn fits(self, feature_type: &str) -> bool {
        let ft = feature_type;
        match self {
            CueKind::City => matches!(ft, "city" | "town" | "capital"),
            CueKind::Settlement => matches!(ft, "town" | "village" | "admin3" | "city"),
            CueKind::District => matches!(ft, "admin2" | "admin3" | "city" | "town" | "region" | "village"),
            CueKind::Neighbourhood => matches!(ft, "neighbourhood" | "village"),
            CueKind::Governorate => ft == "admin1",
            CueKind::Countryside => matches!(ft, "admin1" | "city" | "town" | "admin2"),
            CueKind::Camp => ft == "camp",
            CueKind::Prison => ft == "prison",
            CueKind::Base => matches!(ft, "base" | "airport"),
            CueKind::Crossing => ft == "crossing",
            CueKind::Field => matches!(ft, "oilfield" | "gasfield"),
            CueKind::Dam => ft == "dam",
            CueKind::Desert => matches!(ft, "desert" | "region" | "admin1"),
            CueKind::Mountain => ft == "mountain",
            CueKind::River => ft == "river",
            CueKind::Valley => ft == "valley",
            CueKind::Island => matches!(ft, "island" | "region"),
            CueKind::Hill => matches!(ft, "mountain" | "hill"),
        }
    }

    /// Short English label used in reasons and output.
    pub fn label(self) -> &'static str {
        match self {
            CueKind::City => "city",
            CueKind::Settlement => "settlement",
            CueKind::District => "district",
            CueKind::Neighbourhood => "neighbourhood",
            CueKind::Governorate => "governorate",
            CueKind::Countryside => "countryside",
            CueKind::Camp => "camp",
            CueKind::Prison => "prison",
            CueKind::Base => "base",
            CueKind::Crossing => "crossing",
            CueKind::Field => "field",
            CueKind::Dam => "dam",
            CueKind::Desert => "desert",
            CueKind::Mountain => "mountain",
            CueKind::River => "river",
            CueKind::Valley => "valley",
            CueKind::Island => "island",
            CueKind::Hill => "hill",
        }
    }
}

/// Normalised cue words and their kinds (singular, plural and construct forms).
const CUE_WORDS: &[(&str, CueKind)] = &[
    ("مدينه", CueKind::City),
    ("مدن", CueKind::City),
    ("بلده", CueKind::Settlement),
    ("بلدات", CueKind::Settlement),
    ("قريه", CueKind::Settlement),
    ("قري", CueKind::Settlement),
    ("ناحيه", CueKind::Settlement),
    ("بلدتي", CueKind::Settlement),
    ("قريتي", CueKind::Settlement),
    ("قضاء", CueKind::District),
    ("منطقه", CueKind::District),
    ("مناطق", CueKind::District),
    ("حي", CueKind::Neighbourhood),
    ("احياء", CueKind::Neighbourhood),
    ("محافظه", CueKind::Governorate),
    ("محافظات", CueKind::Governorate),
    ("محافظتي", CueKind::Governorate),
    ("ريف", CueKind::Countryside),
    ("ريفي", CueKind::Countryside),
    ("ارياف", CueKind::Countryside),
    ("مخيم", CueKind::Camp),
    ("مخيمات", CueKind::Camp),
    ("سجن", CueKind::Prison),
    ("قاعده", CueKind::Base),
    ("مطار", CueKind::Base),
    ("معبر", CueKind::Crossing),
    ("منفذ", CueKind::Crossing),
    ("حقل", CueKind::Field),
    ("حقول", CueKind::Field),
    ("سد", CueKind::Dam),
    ("باديه", CueKind::Desert),
    ("صحراء", CueKind::Desert),
    ("جبل", CueKind::Mountain),
    ("جبال", CueKind::Mountain),
    ("سلسله", CueKind::Mountain),
    ("نهر", CueKind::River),
    ("وادي", CueKind::Valley),
    ("جزيره", CueKind::Island),
    ("تل", CueKind::Hill),
];

/// Dual and plural cue words (normalised) that open a list of places
/// ("قرى X وY", "في بلدتي X وY", "في ريفي X وY").
const LIST_CUES: &[&str] = &[
    "قري",
    "بلدات",
    "قريتي",
    "بلدتي",
    "مدن",
    "مدينتي",
    "احياء",
    "حيي",
    "مخيمات",
    "مخيمي",
    "ناحيتي",
    "ريفي",
    "محافظتي",
];

/// True for a dual or plural cue word (normalised, no clitics or article)
/// that opens a list of places.
///
/// ```
/// assert!(hudud::arabic::is_list_cue("قري"));
/// assert!(!hudud::arabic::is_list_cue("قريه"));
/// ```
pub fn is_list_cue(word: &str) -> bool {
    LIST_CUES.contains(&word)
}

/// A cue word found before a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// What it says about the place.
    pub kind: CueKind,
    /// The cue as normalised, without proclitics.
    pub word: String,
}

/// The cue a (normalised) word expresses, proclitics allowed: "بريف" → ريف.
///
/// ```
/// use hudud::arabic::{cue_for_word, CueKind};
/// assert_eq!(cue_for_word("بريف").map(|c| c.kind), Some(CueKind::Countryside));
/// assert_eq!(cue_for_word("الكتاب"), None);
/// ```
pub fn cue_for_word(word: &str) -> Option<Cue> {
    let (cue, kind) = first_reading(word, cue_entry)?;
    Some(Cue { kind, word: cue.to_string() })
}

/// Every cue word (normalised, without article or clitics) with its kind.
pub fn cue_words() -> &'static [(&'static str, CueKind)] {
    CUE_WORDS
}

/// The [`CUE_WORDS`] entry one reading (article allowed) is, by a table
/// built once: a linear scan of the list ran for every word of every text.
fn cue_entry(reading: &str) -> Option<(&'static str, CueKind)> {
    static TABLE: OnceLock<FastMap<&'static str, CueKind>> = OnceLock::new();
    let table = TABLE.get_or_init(|| CUE_WORDS.iter().copied().collect());
    let w = reading.strip_prefix("ال").unwrap_or(reading);
    table.get_key_value(w).map(|(cue, kind)| (*cue, *kind))
}

/// The answer of `f` for the first proclitic reading of `word` that has
/// one, in [`super::strip_proclitics`] order, without collecting the
/// readings into owned strings.
fn first_reading<T>(word: &str, f: impl Fn(&str) -> Option<T>) -> Option<T> {
    let mut found = None;
    for_each_reading(word, &mut |r| {
        if found.is_none() {
            found = f(r);
        }
    });
    found
}

/// A compass direction stated next to a name ("شرق دير الزور", "الريف الشرقي").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// North.
    North,
    /// South.
    South,
    /// East.
    East,
    /// West.
    West,
}

impl Direction {
    /// English label.
    pub fn label(self) -> &'static str {
        match self {
            Direction::North => "north",
            Direction::South => "south",
            Direction::East => "east",
            Direction::West => "west",
        }
    }
}

/// The direction a (normalised) word expresses: شرق، شرقي، الشرقي، بشرق…
///
/// ```
/// use hudud::arabic::{direction_for_word, Direction};
/// assert_eq!(direction_for_word("الشرقي"), Some(Direction::East));
/// assert_eq!(direction_for_word("شمالي"), Some(Direction::North));
/// ```
pub fn direction_for_word(word: &str) -> Option<Direction> {
    first_reading(word, reading_direction)
}

/// The direction one reading (article and adjective ending allowed) names.
fn reading_direction(reading: &str) -> Option<Direction> {
    let w = reading.strip_prefix("ال").unwrap_or(reading);
    let stem = w.strip_suffix("يه").or_else(|| w.strip_suffix('ي')).unwrap_or(w);
    match stem {
        "شرق" => Some(Direction::East),
        "غرب" => Some(Direction::West),
        "شمال" => Some(Direction::North),
        "جنوب" => Some(Direction::South),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_with_article_and_clitic() {
        assert_eq!(cue_for_word("وبالمخيم").map(|c| c.kind), Some(CueKind::Camp));
    }

    #[test]
    fn cue_kind_fits_feature_types() {
        assert!(CueKind::Countryside.fits("admin1"));
        assert!(!CueKind::Camp.fits("village"));
    }

    #[test]
    fn feminine_direction() {
        assert_eq!(direction_for_word("الجنوبيه"), Some(Direction::South));
    }

    #[test]
    fn not_a_direction() {
        assert_eq!(direction_for_word("الشرقاط"), None);
    }

    /// The definition the table lookup must agree with: every reading from
    /// `strip_proclitics`, article removed, checked against the list in turn.
    fn cue_by_scan(word: &str) -> Option<Cue> {
        crate::arabic::strip_proclitics(word).into_iter().find_map(|w| {
            let w = w.strip_prefix("ال").unwrap_or(&w);
            CUE_WORDS.iter().find(|(cue, _)| *cue == w).map(|(cue, kind)| Cue { kind: *kind, word: (*cue).to_string() })
        })
    }

    /// The same reference definition for directions.
    fn direction_by_scan(word: &str) -> Option<Direction> {
        crate::arabic::strip_proclitics(word).into_iter().find_map(|w| reading_direction(&w))
    }

    /// Words built from cue words and direction stems with every proclitic
    /// and article spelling, plus seeded random strings of the letters
    /// involved (so that overlapping readings such as بلده / لده occur).
    fn probe_words() -> Vec<String> {
        let stems = ["شرق", "غرب", "شمال", "جنوب", "شرقي", "الغربيه", "لده", "ال", "ل"];
        let bases: Vec<&str> = CUE_WORDS.iter().map(|(c, _)| *c).chain(stems).collect();
        let leads = ["", "ال", "و", "ف", "ب", "ل", "ك", "وب", "بال", "وبال", "لل", "ولل", "فلل", "لب", "كال"];
        let mut out: Vec<String> = bases.iter().flat_map(|b| leads.iter().map(move |l| format!("{l}{b}"))).collect();
        let letters: Vec<char> = "وفبلكاهيقرحدنمشجغسط".chars().collect();
        let mut rng = crate::corpus::Rng::new(17);
        for _ in 0..20_000 {
            let len = 1 + rng.below(8);
            out.push((0..len).map(|_| *rng.pick(&letters)).collect());
        }
        out
    }

    #[test]
    fn table_lookup_agrees_with_scanning_every_reading() {
        for w in probe_words() {
            assert_eq!(cue_for_word(&w), cue_by_scan(&w), "{w}");
            assert_eq!(direction_for_word(&w), direction_by_scan(&w), "{w}");
        }
    }

    #[test]
    fn probes_find_cues_and_directions() {
        let words = probe_words();
        assert!(words.iter().filter(|w| cue_for_word(w).is_some()).count() > 300);
        assert!(words.iter().filter(|w| direction_for_word(w).is_some()).count() > 50);
    }
}
