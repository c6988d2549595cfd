//! One gazetteer row: a named place with coordinates and admin codes.

use serde::Serialize;

/// Countries whose places hudud maps; the region prior favours them.
pub const FOCUS_COUNTRIES: &[&str] = &["SY", "IQ", "JO", "LB", "TR"];

/// Bounding box of the region hudud maps: Syria, Iraq, Jordan, Lebanon and
/// the Turkish border strip (west, south, east, north).
pub const REGION_BBOX: [f64; 4] = [34.0, 28.5, 49.0, 38.6];

/// A place the gazetteer knows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Stable id: `gn:<geonameid>` or `cur:<slug>`.
    pub id: String,
    /// Main Arabic name as written in news.
    pub name_ar: String,
    /// Main Latin name.
    pub name_en: String,
    /// Other Arabic spellings.
    pub alt_ar: Vec<String>,
    /// Other Latin spellings.
    pub alt_latin: Vec<String>,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// hudud's feature type: city, town, village, admin1, camp, base…
    pub feature_type: String,
    /// GeoNames feature code (PPL, ADM1, MILB…), possibly empty.
    pub feature_code: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// ISO 3166-2 code of the first-level subdivision, possibly empty.
    pub admin1: String,
    /// Population, 0 when unknown.
    pub population: u64,
    /// GeoNames id, when the place comes from or matches GeoNames.
    pub geonameid: Option<u64>,
    /// Where the row (and its coordinates) come from.
    pub source: String,
    /// The governorate, district and sub-district the place lies in
    /// (indexes into [`super::Gazetteer::admin_units`]), where known.
    #[serde(skip)]
    pub admin: [Option<super::admin::UnitIdx>; 3],
}

impl Place {
    /// All Arabic names: the main one first, then the variants.
    pub fn arabic_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_ar.as_str()).chain(self.alt_ar.iter().map(String::as_str)).filter(|n| !n.is_empty())
    }

    /// All Latin names: the main one first, then the variants.
    pub fn latin_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_en.as_str())
            .chain(self.alt_latin.iter().map(String::as_str))
            .filter(|n| !n.is_empty())
    }

    /// True for countries (never pinned as incident locations).
    pub fn is_country(&self) -> bool {
        self.feature_type == "country"
    }

    /// True for places the map layers show: sub-national places of the
    /// region ([`FOCUS_COUNTRIES`] inside [`REGION_BBOX`]), rivers excepted.
    /// Countries and places far away (Washington, Moscow) are recognised so
    /// that they are not mistaken for villages, but they are not mapped.
    pub fn is_mapped(&self) -> bool {
        let [w, s, e, n] = REGION_BBOX;
        // A river is a line, not a point: one pin for the Euphrates misleads.
        !self.is_country()
            && self.feature_type != "river"
            && FOCUS_COUNTRIES.contains(&self.country.as_str())
            && (w..=e).contains(&self.lon)
            && (s..=n).contains(&self.lat)
    }

    /// True for a place known only from the full populated-place layer
    /// (Who's On First / GeoNames, no population): a village or quarter
    /// whose name alone is weak evidence.
    pub fn is_minor(&self) -> bool {
        self.population == 0 && self.id.starts_with("wof:")
    }

    /// The administrative level a district or sub-district is (none for a
    /// governorate, which is a region, or any other place).
    pub fn admin_level(&self) -> Option<super::AdminLevel> {
        match self.feature_type.as_str() {
            "admin2" => Some(super::AdminLevel::District),
            "admin3" => Some(super::AdminLevel::SubDistrict),
            _ => None,
        }
    }

    /// True for a district or sub-district.
    pub fn is_admin_unit(&self) -> bool {
        self.admin_level().is_some()
    }

    /// True for first-level subdivisions (governorates).
    pub fn is_admin1(&self) -> bool {
        self.feature_type == "admin1"
    }

    /// A rough importance used as a prior when names collide: bigger and
    /// higher-level places are mentioned more often.
    pub fn importance(&self) -> f64 {
        let type_weight = match self.feature_type.as_str() {
            "country" => 3.0,
            "admin1" => 2.5,
            "city" | "capital" => 1.5,
            "camp" | "prison" | "base" | "crossing" | "oilfield" | "gasfield" | "dam" => 1.2,
            "region" | "desert" | "mountain" | "valley" | "admin2" => 1.0,
            "town" => 0.8,
            _ => 0.3,
        };
        type_weight + (self.population as f64 + 1.0).log10() / 3.0
    }

    /// Importance plus hudud's regional prior: places in Syria and Iraq
    /// first, then the rest of the region, then the world.
    pub fn prior(&self) -> f64 {
        let region = match self.country.as_str() {
            "SY" | "IQ" => 3.0,
            "JO" | "LB" | "TR" => 1.0,
            _ => 0.0,
        };
        self.importance() + region
    }
}
