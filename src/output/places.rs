//! The places layer: one Point feature per resolved place, with how often
//! and where it was mentioned.

use crate::gazetteer::{AdminUnit, Gazetteer, Place, PlaceIdx};
use crate::geoparse::ResolvedMention;
use crate::spatial::BorderMeasure;
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue};
use std::collections::{BTreeMap, BTreeSet};

/// How many source names a place lists (the first by name); `source_count`
/// has the full number. A corpus names Deir ez-Zor in a hundred thousand
/// articles: listing them all would bloat the layer and the memory.
pub const SOURCES_LISTED: usize = 50;

/// The properties of a places.geojson feature, in order: the columns a
/// query over an empty places layer still writes.
pub const PLACE_COLUMNS: &[&str] = &[
    "id",
    "name_ar",
    "name_en",
    "feature_type",
    "country",
    "admin1",
    "admin1_name",
    "admin1_ar",
    "admin1_pcode",
    "admin2_name",
    "admin2_ar",
    "admin2_pcode",
    "admin3_name",
    "admin3_ar",
    "admin3_pcode",
    "geonameid",
    "population",
    "mentions",
    "incident_count",
    "source_count",
    "sources",
    "sources_joined",
    "surface_forms",
    "surface_forms_joined",
    "border_distance_km",
    "border_side",
];

#[derive(Debug, Default)]
struct Tally {
    mentions: usize,
    incidents: usize,
    /// Documents that mention the place.
    source_count: usize,
    /// The number of the last document counted.
    last_document: usize,
    /// The first [`SOURCES_LISTED`] source names, in name order.
    sources: BTreeSet<String>,
    surface_forms: BTreeSet<String>,
}

/// The mentions of one document that the places layer counts: mapped
/// places, except a governorate named like its capital ("الرقة") when the
/// document also names the city, which then stands for both.
pub fn counted_mentions(g: &Gazetteer, mentions: &[ResolvedMention]) -> Vec<usize> {
    let cities: Vec<&Place> =
        mentions.iter().filter_map(|m| m.place).map(|i| g.place(i)).filter(|p| !p.is_admin1()).collect();
    let named_like_a_city =
        |p: &Place| p.is_admin1() && cities.iter().any(|c| c.admin1 == p.admin1 && c.name_ar == p.name_ar);
    let counted =
        |m: &ResolvedMention| m.place.is_some_and(|i| g.place(i).is_mapped() && !named_like_a_city(g.place(i)));
    mentions.iter().enumerate().filter(|(_, m)| counted(m)).map(|(i, _)| i).collect()
}

/// Accumulates resolved mentions over documents into the places layer.
#[derive(Debug, Default)]
pub struct PlacesLayer {
    tallies: BTreeMap<PlaceIdx, Tally>,
    documents: usize,
}

impl PlacesLayer {
    /// An empty layer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Count the mapped places one document mentions. A governorate named
    /// like its capital ("الرقة") counts only once per document: when the
    /// document also names the city, the city stands for both.
    pub fn add_document(&mut self, g: &Gazetteer, doc: &str, mentions: &[ResolvedMention]) {
        self.add_counted(doc, mentions, &counted_mentions(g, mentions));
    }

    /// [`PlacesLayer::add_document`] given [`counted_mentions`] (which can
    /// be worked out on another thread).
    pub fn add_counted(&mut self, doc: &str, mentions: &[ResolvedMention], counted: &[usize]) {
        for m in counted.iter().filter_map(|&i| mentions.get(i)) {
            let Some(idx) = m.place else { continue };
            let t = self.tallies.entry(idx).or_default();
            t.mentions += 1;
            if t.last_document != self.documents + 1 {
                t.last_document = self.documents + 1;
                t.source_count += 1;
            }
            if t.sources.len() < SOURCES_LISTED || t.sources.last().is_some_and(|last| doc < last.as_str()) {
                t.sources.insert(doc.to_string());
                if t.sources.len() > SOURCES_LISTED {
                    t.sources.pop_last();
                }
            }
            if !t.surface_forms.contains(&m.mention.surface) {
                t.surface_forms.insert(m.mention.surface.clone());
            }
        }
        self.documents += 1;
    }

    /// Count, for each place, the incidents located there.
    pub fn set_incident_counts(&mut self, places: impl Iterator<Item = PlaceIdx>) {
        for t in self.tallies.values_mut() {
            t.incidents = 0;
        }
        for p in places {
            if let Some(t) = self.tallies.get_mut(&p) {
                t.incidents += 1;
            }
        }
    }

    /// The places in the layer, by gazetteer index.
    pub fn places(&self) -> impl Iterator<Item = PlaceIdx> + '_ {
        self.tallies.keys().copied()
    }

    /// Number of places in the layer.
    pub fn len(&self) -> usize {
        self.tallies.len()
    }

    /// True when no place was found.
    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty()
    }

    /// The layer as a GeoJSON FeatureCollection, features ordered by id,
    /// each with its distance to the border and its side.
    pub fn to_geojson(&self, g: &Gazetteer, measure: &BorderMeasure) -> FeatureCollection {
        self.to_geojson_with(g, &|i| {
            let p = g.place(i);
            measure.measure([p.lon, p.lat], &p.country)
        })
    }

    /// [`PlacesLayer::to_geojson`] given each place's border distance and
    /// side (measured beforehand, in parallel or once for several layers).
    pub fn to_geojson_with(&self, g: &Gazetteer, border: &dyn Fn(PlaceIdx) -> (f64, String)) -> FeatureCollection {
        let mut rows: Vec<(PlaceIdx, &Place, &Tally)> =
            self.tallies.iter().map(|(i, t)| (*i, g.place(*i), t)).collect();
        rows.sort_by(|a, b| a.1.id.cmp(&b.1.id));
        let features = rows
            .into_iter()
            .map(|(i, p, t)| {
                let mut f = place_feature(p, g.admin_of(p), t);
                let (km, side) = border(i);
                if let Some(props) = f.properties.as_mut() {
                    props.insert("border_distance_km".into(), JsonValue::from(km));
                    props.insert("border_side".into(), JsonValue::from(side));
                }
                f
            })
            .collect();
        FeatureCollection { bbox: None, features, foreign_members: None }
    }
}

fn place_feature(p: &Place, units: [Option<&AdminUnit>; 3], t: &Tally) -> Feature {
    let mut props = JsonObject::new();
    let s = |v: &str| JsonValue::from(v);
    props.insert("id".into(), s(&p.id));
    props.insert("name_ar".into(), s(&p.name_ar));
    props.insert("name_en".into(), s(&p.name_en));
    props.insert("feature_type".into(), s(&p.feature_type));
    props.insert("country".into(), s(&p.country));
    props.insert("admin1".into(), s(&p.admin1));
    for (level, unit) in units.iter().enumerate() {
        let n = level + 1;
        let field = |f: fn(&AdminUnit) -> &str| unit.map_or(JsonValue::Null, |u| JsonValue::from(f(u)));
        props.insert(format!("admin{n}_name"), field(|u| &u.name_en));
        props.insert(format!("admin{n}_ar"), field(|u| &u.name_ar));
        props.insert(format!("admin{n}_pcode"), field(|u| &u.pcode));
    }
    props.insert("geonameid".into(), p.geonameid.map_or(JsonValue::Null, JsonValue::from));
    props.insert("population".into(), JsonValue::from(p.population));
    props.insert("mentions".into(), JsonValue::from(t.mentions));
    props.insert("incident_count".into(), JsonValue::from(t.incidents));
    props.insert("source_count".into(), JsonValue::from(t.source_count));
    // Lists as JSON text plus a joined string: scalars every driver keeps.
    for (name, list) in [("sources", &t.sources), ("surface_forms", &t.surface_forms)] {
        let (json, joined) = super::list_properties(list.iter().map(String::as_str));
        props.insert(name.into(), JsonValue::from(json));
        props.insert(format!("{name}_joined"), JsonValue::from(joined));
    }
    Feature {
        bbox: None,
        geometry: Some(Geometry::new_point(vec![round6(p.lon), round6(p.lat)])),
        id: None,
        properties: Some(props),
        foreign_members: None,
    }
}

/// Round a coordinate to 6 decimals (about 0.1 m), as RFC 7946 advises.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_lists_the_first_sources_and_counts_them_all() {
        let g = Gazetteer::builtin().unwrap();
        let text = "اشتباكات في البوكمال";
        let parser = crate::geoparse::Geoparser::new(&g).unwrap();
        let mentions = parser.parse_normalized(text, &crate::arabic::normalize(text));
        assert_eq!(mentions.iter().filter(|m| m.place.is_some()).count(), 1);
        let mut layer = PlacesLayer::new();
        for i in (0..SOURCES_LISTED + 20).rev() {
            layer.add_document(&g, &format!("doc-{i:03}"), &mentions);
            layer.add_document(&g, &format!("doc-{i:03}"), &mentions[..0]);
        }
        let t = layer.tallies.values().next().unwrap();
        assert_eq!(t.source_count, SOURCES_LISTED + 20);
        assert_eq!(t.sources.len(), SOURCES_LISTED);
        assert_eq!(t.sources.first().map(String::as_str), Some("doc-000"));
        assert_eq!(t.sources.last().cloned(), Some(format!("doc-{:03}", SOURCES_LISTED - 1)));
    }

    #[test]
    fn list_properties_are_json_text_and_a_joined_string() {
        let g = Gazetteer::builtin().unwrap();
        let text = "اشتباكات في البوكمال";
        let parser = crate::geoparse::Geoparser::new(&g).unwrap();
        let mentions = parser.parse_normalized(text, &crate::arabic::normalize(text));
        let mut layer = PlacesLayer::new();
        layer.add_document(&g, "b.txt", &mentions);
        layer.add_document(&g, "a; \"x\".txt", &mentions);
        let fc = layer.to_geojson_with(&g, &|_| (1.0, "SY".into()));
        let props = fc.features[0].properties.as_ref().unwrap();
        assert_eq!(props["sources"], JsonValue::from(r#"["a; \"x\".txt","b.txt"]"#));
        assert_eq!(props["sources_joined"], JsonValue::from("a; \"x\".txt; b.txt"));
        assert_eq!(props["surface_forms"], JsonValue::from(r#"["البوكمال"]"#));
        assert_eq!(props["surface_forms_joined"], JsonValue::from("البوكمال"));
        assert!(props.values().all(|v| !v.is_array() && !v.is_object()), "only scalars: {props:?}");
    }

    #[test]
    fn place_columns_name_the_properties_in_order() {
        let g = Gazetteer::builtin().unwrap();
        let text = "اشتباكات في البوكمال";
        let parser = crate::geoparse::Geoparser::new(&g).unwrap();
        let mentions = parser.parse_normalized(text, &crate::arabic::normalize(text));
        let mut layer = PlacesLayer::new();
        layer.add_document(&g, "doc", &mentions);
        let fc = layer.to_geojson_with(&g, &|_| (1.0, "SY".into()));
        let keys: Vec<&str> = fc.features[0].properties.iter().flat_map(|p| p.keys()).map(String::as_str).collect();
        assert_eq!(keys, PLACE_COLUMNS);
    }
}
