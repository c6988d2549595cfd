//! Incident extraction: what happened (ACLED types), where, when, who, how
//! many, and the sentence that says so.

mod actors;
mod classify;
mod clause;
mod coref;
mod counts;
mod date;
mod dates;
mod dedup;
mod extract;
mod layout;
mod lexicon;
mod location;
mod modality;
mod sentences;
mod store;
mod triggers;
mod victims;
mod words;

pub use actors::{actor_type, assign_roles, find_actors, Actor, Side};
pub use classify::{classify, Agent, Circumstances, Coding};
pub use coref::{merge_reports, relation, Opener, Relation, Report};
pub use counts::{arrests, fatalities};
pub use date::Date;
pub use dates::{full_dates, publication_date, sentence_date, DateBasis, FoundDate};
pub use dedup::{dedup_incidents, Deduped, Deduper, DEDUP_DAYS, DEDUP_KM};
pub use extract::{extract_incidents, Article};
pub use layout::{dateline_end, Zone};
pub use lexicon::{starts_with_any, Hit, Lexicon};
pub use location::{role_of, Role};
pub use sentences::{event_segments, split_sentences, Sentence};
pub use store::{RecordStore, StoreError};
pub use triggers::{trigger_for_word, word_role, Tactic, WordRole};
pub use victims::{first_target, Target};
pub use words::article_words;

use crate::acled::{EventType, GeoPrecision, LocationLevel, SubEventType};
use crate::gazetteer::{Gazetteer, PlaceIdx};
use crate::geoparse::ResolvedMention;

/// One incident, ready for the layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// Stable id derived from content.
    pub incident_id: String,
    /// ACLED sub-event type (which fixes the event type).
    pub sub_event_type: SubEventType,
    /// When, with precision and basis.
    pub date: Option<FoundDate>,
    /// Where (`None`: not mappable below country level).
    pub place: Option<PlaceIdx>,
    /// ACLED geo precision; `None` unlocated.
    pub geo_precision: Option<GeoPrecision>,
    /// UCDP-style location level, from the exact place to the country.
    pub loc_level: LocationLevel,
    /// The place name as written.
    pub location_ar: String,
    /// Country (ISO2) of the location, or of the article when unlocated.
    pub country: String,
    /// Acting side: (English, Arabic as written).
    pub actor1: Option<(String, String)>,
    /// Target side: (English, Arabic as written).
    pub actor2: Option<(String, String)>,
    /// Deaths stated (lowest figure).
    pub fatalities: u32,
    /// Arrests stated.
    pub arrests: u32,
    /// Documents reporting it (file names or URLs).
    pub sources: Vec<String>,
    /// The sentence that reports it best.
    pub evidence: String,
    /// The other sentences of its (first) source that report it: a
    /// headline, a caption, a detail, a quote.
    pub evidence_other: Vec<String>,
    /// Character offset of the evidence in its (first) source.
    pub evidence_start: usize,
    /// Character offset just past the evidence.
    pub evidence_end: usize,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Sentence number in the first source.
    pub sentence_index: usize,
    /// Great-circle km to the Iraq–Syria border (located incidents).
    pub border_distance_km: Option<f64>,
    /// Country the incident lies in (`SY`, `IQ`, …), by polygon.
    pub border_side: String,
}

impl Incident {
    /// A new unlocated incident reported by `evidence`, which starts at
    /// character `evidence_start` of its source.
    pub fn new(coding: Coding, source: &str, evidence: &str, evidence_start: usize) -> Self {
        Incident {
            incident_id: String::new(),
            sub_event_type: coding.sub_event_type,
            date: None,
            place: None,
            geo_precision: None,
            loc_level: LocationLevel::Country,
            location_ar: String::new(),
            country: String::new(),
            actor1: None,
            actor2: None,
            fatalities: 0,
            arrests: 0,
            sources: vec![source.to_string()],
            evidence: collapse_whitespace(evidence),
            evidence_other: Vec::new(),
            evidence_start,
            evidence_end: evidence_start + evidence.chars().count(),
            confidence: 0.5,
            sentence_index: 0,
            border_distance_km: None,
            border_side: String::new(),
        }
    }

    /// Locate the incident at a resolved mention.
    pub fn set_place(&mut self, g: &Gazetteer, m: &ResolvedMention) {
        let Some(idx) = m.place else { return };
        let p = g.place(idx);
        self.place = Some(idx);
        self.geo_precision = m.geo_precision;
        self.location_ar = m.mention.surface.clone();
        self.country = p.country.clone();
        self.loc_level = match (p.feature_type.as_str(), m.geo_precision) {
            ("admin1", _) => LocationLevel::Admin1,
            ("region" | "desert" | "river", _) => LocationLevel::Region,
            ("admin2", _) => LocationLevel::Admin2,
            (_, Some(GeoPrecision::NearTown)) => LocationLevel::Near,
            _ => LocationLevel::Exact,
        };
    }

    /// Attach the border distance and side (located incidents only).
    pub fn measure_border(&mut self, g: &Gazetteer, measure: &crate::spatial::BorderMeasure) {
        if let Some(p) = self.place.map(|i| g.place(i)) {
            let (km, side) = measure.measure([p.lon, p.lat], &p.country);
            self.border_distance_km = Some(km);
            self.border_side = side;
        }
    }

    /// ACLED event type.
    pub fn event_type(&self) -> EventType {
        self.sub_event_type.event_type()
    }

    /// The date as `YYYY-MM-DD`, if known.
    pub fn event_date(&self) -> Option<String> {
        self.date.map(|d| d.date.to_string())
    }

    /// Compute the content-derived id: same content, same id, every run.
    pub fn assign_id(&mut self, g: &Gazetteer) {
        let place = self.place.map(|p| g.place(p).id.as_str()).unwrap_or("");
        let date = self.event_date().unwrap_or_default();
        let source = self.sources.first().map(String::as_str).unwrap_or("");
        // FNV-1a of "type|sub-type|date|place|source|evidence", fed piece by piece.
        let fields = [self.event_type().label(), self.sub_event_type.label(), &date, place, source, &self.evidence];
        let mut h = FNV_OFFSET;
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                h = fnv1a_from(h, b"|");
            }
            h = fnv1a_from(h, field.as_bytes());
        }
        self.incident_id = format!("inc-{h:016x}");
    }
}

/// `text` with every run of white space made one space, trimmed.
fn collapse_whitespace(text: &str) -> String {
    if is_collapsed(text) {
        return text.to_string();
    }
    collapse_word_by_word(text)
}

/// True when [`collapse_whitespace`] leaves `text` as it is: its only white
/// space is single spaces between other characters. Evidence sentences
/// mostly are, and bytes are checked faster than characters decoded: only
/// the lead bytes of non-ASCII white space (U+0085 … U+3000) need a look.
fn is_collapsed(text: &str) -> bool {
    // A space at the start counts as following one.
    let mut after_space = true;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match b {
            b' ' if after_space => return false,
            b' ' => {}
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 if text[i..].chars().next().is_some_and(char::is_whitespace) => return false,
            _ => {}
        }
        after_space = b == b' ';
    }
    !after_space || text.is_empty()
}

/// [`collapse_whitespace`] by splitting into words and joining them.
fn collapse_word_by_word(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a: tiny, stable across platforms and Rust versions.
#[cfg(test)]
fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(FNV_OFFSET, bytes)
}

/// FNV-1a continued from the hash `h` of what came before.
fn fnv1a_from(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b"hudud"), fnv1a(b"hudud"));
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }

    #[test]
    fn collapsed_text_is_recognised() {
        let pieces =
            ["قتل", " ", "  ", "\n", "\t", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}", "–", "«", "x", "\u{1c}"];
        let mut rng = crate::corpus::Rng::new(23);
        let mut collapsed = 0;
        for _ in 0..20000 {
            let text: String = (0..rng.below(10)).map(|_| pieces[rng.below(pieces.len())]).collect();
            assert_eq!(is_collapsed(&text), collapse_word_by_word(&text) == text, "{text:?}");
            collapsed += usize::from(is_collapsed(&text));
        }
        assert!(collapsed > 1000, "too few collapsed texts to test anything: {collapsed}");
    }
}

#[cfg(test)]
mod lexicon_tests {
    //! Every lexicon is matched against normalised text, so every entry
    //! must already be in normalised form (ئ → ي, ة → ه, no hamza on alef…).
    use crate::arabic::normalize_name;

    fn assert_normalised(list: &[&str]) {
        for w in list {
            assert_eq!(normalize_name(w), *w, "lexicon entry {w:?} is not normalised");
        }
    }

    #[test]
    fn trigger_lexicons_are_normalised() {
        assert_normalised(super::triggers::SEIZURE_WORDS);
        assert_normalised(super::triggers::WEAPON_WORDS);
        assert_normalised(&super::triggers::stems());
        assert_normalised(&super::actors::patterns());
        assert_normalised(&super::words::lexicon());
        assert_normalised(&super::clause::lexicon());
        assert_normalised(&super::modality::lexicon());
        assert_normalised(&super::victims::lexicon());
        assert_normalised(&super::location::lexicon());
        assert_normalised(&super::extract::lexicon());
    }
}
