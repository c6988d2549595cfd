//! map.html: one self-contained page that shows the layers in a browser,
//! offline, from `file://` (no server, no CDN, no network).
//!
//! The page is written in three parts, so the incidents can stream into it
//! with the other incident layers: [`write_webmap_head`] (the styles and
//! the start of the incidents' data block), one row per
//! located incident, then [`write_webmap_tail`] (the context layers, the
//! vendored map library and the page's own script). All data sits in
//! `<script type="application/json">` blocks the page reads with
//! `JSON.parse`, escaped by [`push_script_safe`] so no text can close them;
//! the page puts text into the document only as text nodes.

use super::incidents::{Cell, INCIDENT_COLUMNS};
use super::round6;
use crate::acled::EventType;
use crate::gazetteer::Gazetteer;
use crate::incidents::Incident;
use geojson::FeatureCollection;
use std::io::Write;
use std::sync::OnceLock;

/// The web map's file name in the output folder.
pub const WEBMAP_FILE: &str = "map.html";

/// Leaflet and Leaflet.markercluster, vendored from npm by `web/vendor.mjs`
/// (versions and licences in `web/vendor/LICENSES.md`).
const LIBRARY_JS: &str = include_str!("../../web/vendor/leaflet.js");
/// Their styles, with Leaflet's images inlined.
const LIBRARY_CSS: &str = include_str!("../../web/vendor/leaflet.css");
/// The page's own script: reads the data blocks, draws the layers, the
/// legend and the date filter.
const PAGE_JS: &str = include_str!("../../web/map.js");
/// The page's own styles.
const PAGE_CSS: &str = include_str!("../../web/map.css");

/// The colour of each ACLED event type as CSS writes it ("#d62728"), in
/// [`EventType::ALL`] order: the palette QGIS styles use too
/// ([`super::EVENT_TYPE_COLOURS`]).
pub fn event_colours() -> Vec<String> {
    super::EVENT_TYPE_COLOURS.iter().map(|[r, g, b]| format!("#{r:02x}{g:02x}{b:02x}")).collect()
}

/// What is wrong with a `--tiles` template.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WebMapError {
    /// Tiles must come from the web: a page opened from `file://` cannot
    /// read other local files, and other schemes could run code.
    #[error("a tile URL must start with https:// or http:// (got {0:?})")]
    Scheme(String),
    /// An XYZ template names the tile by its zoom and column and row.
    #[error("a tile URL needs {{z}}, {{x}} and {{y}} (got {0:?})")]
    Placeholders(String),
}

/// Check a `--tiles` XYZ template such as
/// `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
pub fn tile_template(url: &str) -> Result<String, WebMapError> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(WebMapError::Scheme(url.to_string()));
    }
    if !["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p)) {
        return Err(WebMapError::Placeholders(url.to_string()));
    }
    Ok(url.to_string())
}

/// Copy JSON into `out` so that it cannot end or alter the `<script>`
/// element holding it: every `<` becomes `\u003c` (no `</script>`, no
/// `<!--`), and U+2028 and U+2029 become `\u2028` and `\u2029`. JSON has
/// `<` only inside strings, where the escape means the same character.
pub fn push_script_safe(out: &mut Vec<u8>, json: &[u8]) {
    let mut rest = json;
    while let Some(i) = rest.iter().position(|&b| b == b'<' || b == 0xE2) {
        out.extend_from_slice(&rest[..i]);
        let (escape, skip): (&[u8], usize) = match rest[i..] {
            [b'<', ..] => (b"\\u003c", 1),
            [0xE2, 0x80, 0xA8, ..] => (b"\\u2028", 3),
            [0xE2, 0x80, 0xA9, ..] => (b"\\u2029", 3),
            // Another character starting with this byte: kept as it is.
            _ => (&[0xE2], 1),
        };
        out.extend_from_slice(escape);
        rest = &rest[i + skip..];
    }
    out.extend_from_slice(rest);
}

/// The incident columns a row of the page's data holds, after the point
/// and the event type's index: what the popup shows and the filter reads.
pub const ROW_COLUMNS: [&str; 11] = [
    "event_date",
    "sub_event_type",
    "actor1",
    "actor2",
    "actor1_ar",
    "actor2_ar",
    "fatalities",
    "location",
    "location_ar",
    "source",
    "evidence",
];

/// Where each of [`ROW_COLUMNS`] sits in [`INCIDENT_COLUMNS`], found once.
fn row_positions() -> &'static [usize] {
    static POSITIONS: OnceLock<Vec<usize>> = OnceLock::new();
    POSITIONS.get_or_init(|| {
        let position = |name: &str| INCIDENT_COLUMNS.iter().position(|(n, _)| *n == name);
        ROW_COLUMNS.iter().filter_map(|name| position(name)).collect()
    })
}

/// Append a located incident to the page's data: `,\n` and a compact JSON
/// array (longitude, latitude, the event type's index in
/// [`EventType::ALL`], then [`ROW_COLUMNS`]), script-safe. `cells` are the
/// incident's values in [`INCIDENT_COLUMNS`] order. An unlocated incident
/// adds nothing: the map has no point for it.
pub(super) fn write_incident_row(
    out: &mut Vec<u8>,
    g: &Gazetteer,
    inc: &Incident,
    cells: &[Cell],
) -> std::io::Result<()> {
    let Some(place) = inc.place.map(|p| g.place(p)) else { return Ok(()) };
    let kind = EventType::ALL.iter().position(|t| *t == inc.event_type()).unwrap_or(0);
    let mut row = Vec::with_capacity(512);
    serde_json::to_writer(&mut row, &(round6(place.lon), round6(place.lat), kind))?;
    // The tuple's closing bracket makes way for the columns.
    row.pop();
    for &i in row_positions() {
        row.push(b',');
        cells.get(i).unwrap_or(&Cell::Null).write_json(&mut row)?;
    }
    row.push(b']');
    out.extend_from_slice(b",\n");
    push_script_safe(out, &row);
    Ok(())
}

/// Write the page up to the incidents' data: the document head with the
/// library's and the page's styles, the map's element, and the opening of
/// the incidents' JSON array. `tiles` widens the page's content policy to
/// images from the web.
pub fn write_webmap_head(w: &mut dyn Write, tiles: Option<&str>) -> std::io::Result<()> {
    // The page may load nothing but its own inline code and data: images
    // from the web only when a tile URL asks for them.
    let images = if tiles.is_some() { "data: https: http:" } else { "data:" };
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src {images}\">\n\
<title>hudud: incidents on the Iraq–Syria border</title>\n<style>\n{LIBRARY_CSS}\n{PAGE_CSS}</style>\n</head>\n\
<body data-state=\"loading\">\n<div id=\"map\"></div>\n\
<script type=\"application/json\" id=\"hudud-incidents\">["
    )
}

/// Everything the page shows besides the incidents, as [`write_webmap_tail`]
/// embeds it.
#[derive(Debug, Clone, Copy)]
pub struct WebMapContext<'a> {
    /// border.geojson, as written.
    pub border: &'a [u8],
    /// border_zones.geojson, as written.
    pub zones: &'a [u8],
    /// The places, from [`webmap_places`].
    pub places: &'a [u8],
    /// An XYZ tile template (checked with [`tile_template`]), or none.
    pub tiles: Option<&'a str>,
}

/// Close the incidents' data, then write the context layers' data block,
/// the vendored library and the page's script.
pub fn write_webmap_tail(w: &mut dyn Write, context: &WebMapContext) -> std::io::Result<()> {
    let mut data = Vec::with_capacity(context.border.len() + context.zones.len() + context.places.len() + 1024);
    data.extend_from_slice(b"{\"types\":");
    let types: Vec<(&str, String)> = EventType::ALL.iter().map(|t| t.label()).zip(event_colours()).collect();
    serde_json::to_writer(&mut data, &types)?;
    data.extend_from_slice(b",\"tiles\":");
    serde_json::to_writer(&mut data, &context.tiles)?;
    for (name, json) in [("border", context.border), ("zones", context.zones), ("places", context.places)] {
        write!(data, ",\"{name}\":")?;
        data.extend_from_slice(json.trim_ascii_end());
    }
    data.push(b'}');
    let mut safe = Vec::with_capacity(data.len());
    push_script_safe(&mut safe, &data);
    w.write_all(b"\n]</script>\n<script type=\"application/json\" id=\"hudud-layers\">")?;
    w.write_all(&safe)?;
    write!(w, "</script>\n<script>\n{LIBRARY_JS}\n</script>\n<script>\n{PAGE_JS}</script>\n</body>\n</html>\n")
}

/// The places for the page, from places.geojson's features: a JSON array of
/// `[longitude, latitude, Arabic name, English name, mentions, incidents]`.
pub fn webmap_places(places: &FeatureCollection) -> Vec<u8> {
    let rows: Vec<serde_json::Value> = places
        .features
        .iter()
        .filter_map(|f| {
            let (lon, lat) = match &f.geometry.as_ref()?.value {
                geojson::GeometryValue::Point { coordinates } => match coordinates.as_slice() {
                    [lon, lat, ..] => (*lon, *lat),
                    _ => return None,
                },
                _ => return None,
            };
            let prop = |name: &str| f.property(name).cloned().unwrap_or(serde_json::Value::Null);
            let fields = ["name_ar", "name_en", "mentions", "incident_count"].map(prop);
            let [ar, en, mentions, incidents] = fields;
            Some(serde_json::json!([lon, lat, ar, en, mentions, incidents]))
        })
        .collect();
    serde_json::to_vec(&rows).unwrap_or_else(|_| b"[]".to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(s: &str) -> String {
        let mut out = Vec::new();
        push_script_safe(&mut out, s.as_bytes());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn script_end_is_escaped() {
        assert_eq!(
            safe(r#"["</script><script>alert(1)</script>"]"#),
            r#"["\u003c/script>\u003cscript>alert(1)\u003c/script>"]"#
        );
    }

    #[test]
    fn comment_opening_is_escaped() {
        assert_eq!(safe(r#"["<!--"]"#), r#"["\u003c!--"]"#);
    }

    #[test]
    fn line_separators_are_escaped() {
        assert_eq!(safe("[\"a\u{2028}b\u{2029}c\"]"), r#"["a\u2028b\u2029c"]"#);
    }

    #[test]
    fn other_text_is_unchanged() {
        let arabic = r#"["قتل 3 — عناصر… ‹›"]"#;
        assert_eq!(safe(arabic), arabic);
    }

    #[test]
    fn escaped_json_reads_back_the_same() {
        let text = "<img src=x onerror=alert(1)> \u{2028} </SCRIPT > نص";
        let json = serde_json::to_string(&[text]).unwrap();
        let back: Vec<String> = serde_json::from_str(&safe(&json)).unwrap();
        assert_eq!(back, [text]);
    }

    #[test]
    fn tiles_need_a_web_scheme() {
        assert!(matches!(tile_template("javascript:alert(1)//{z}{x}{y}"), Err(WebMapError::Scheme(_))));
        assert!(matches!(tile_template("file:///tiles/{z}/{x}/{y}.png"), Err(WebMapError::Scheme(_))));
    }

    #[test]
    fn tiles_need_placeholders() {
        assert!(matches!(tile_template("https://a.tile/{z}/{x}.png"), Err(WebMapError::Placeholders(_))));
        assert!(tile_template("https://tile.openstreetmap.org/{z}/{x}/{y}.png").is_ok());
    }

    #[test]
    fn every_row_column_exists() {
        assert_eq!(row_positions().len(), ROW_COLUMNS.len());
    }

    #[test]
    fn unlocated_incident_adds_no_row() {
        let g = Gazetteer::builtin().unwrap();
        let coding =
            crate::incidents::Coding { sub_event_type: crate::acled::SubEventType::ArmedClash, state_acts: false };
        let inc = Incident::new(coding, "a.txt", "نص", 0);
        let mut out = Vec::new();
        write_incident_row(&mut out, &g, &inc, &super::super::incidents::incident_cells(&g, &inc)).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn located_incident_row_reads_back() {
        let g = Gazetteer::builtin().unwrap();
        let coding =
            crate::incidents::Coding { sub_event_type: crate::acled::SubEventType::ArmedClash, state_acts: false };
        let mut inc = Incident::new(coding, "a.txt", "<script>alert(1)</script>", 0);
        inc.place = Some(0);
        let mut out = Vec::new();
        write_incident_row(&mut out, &g, &inc, &super::super::incidents::incident_cells(&g, &inc)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(",\n[") && !text.contains('<'), "{text}");
        let row: Vec<serde_json::Value> = serde_json::from_str(&text[2..]).unwrap();
        assert_eq!(row.len(), 3 + ROW_COLUMNS.len());
        assert_eq!(row[2], 0, "Battles is the first type");
        assert_eq!(row.last().unwrap(), "<script>alert(1)</script>");
    }

    #[test]
    fn tail_embeds_types_and_tiles() {
        let context =
            WebMapContext { border: b"{}\n", zones: b"{}", places: b"[]", tiles: Some("https://t/{z}/{x}/{y}") };
        let mut out = Vec::new();
        write_webmap_tail(&mut out, &context).unwrap();
        let page = String::from_utf8(out).unwrap();
        let start = page.find("id=\"hudud-layers\">").unwrap() + 18;
        let data: serde_json::Value =
            serde_json::from_str(&page[start..page[start..].find("</script>").unwrap() + start]).unwrap();
        assert_eq!(data["types"][0], serde_json::json!(["Battles", "#d62728"]));
        assert_eq!(data["tiles"], "https://t/{z}/{x}/{y}");
    }
}
