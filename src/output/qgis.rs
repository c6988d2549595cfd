//! QGIS styles and project: a `NAME.qml` beside each layer (QGIS applies
//! it by itself when the layer `NAME.geojson` or `NAME.csv` is opened) and
//! `hudud.qgs`, a project that opens the layers styled, by relative paths.
//!
//! The XML is written by hand, in the subset QGIS 3 reads: symbol-layer
//! properties as `<prop k v>` (read by every QGIS 3 release; newer ones
//! also write `<Option>` maps), and nothing that depends on the clock or
//! the machine, so the files are the same on every run.

use crate::acled::EventType;
use std::fmt::Write;

/// The project file `hudud map` writes beside the layers.
pub const PROJECT_FILE: &str = "hudud.qgs";

/// The QGIS files `hudud map` writes, in the order [`qgis_files`] gives them.
pub const QGIS_FILES: [&str; 7] = [
    "incidents.qml",
    "incidents_acled.qml",
    "places.qml",
    "mentions.qml",
    "border.qml",
    "border_zones.qml",
    PROJECT_FILE,
];

/// A colour per ACLED event type, in [`EventType::ALL`] order, for the
/// QGIS styles and the web map alike: hues that stay apart for the common
/// colour blindnesses.
pub const EVENT_TYPE_COLOURS: [[u8; 3]; 6] = [
    [0xd6, 0x27, 0x28],
    [0x1f, 0x77, 0xb4],
    [0xff, 0x7f, 0x0e],
    [0x94, 0x67, 0xbd],
    [0xe7, 0xa6, 0x00],
    [0x2c, 0xa0, 0x2c],
];

/// Marker diameter (mm) of an incident from its fatalities: the area grows
/// with the toll (square root), from 2.4 mm for none to at most 10 mm.
pub const FATALITY_SIZE: &str = "min(2.4 + 1.2 * sqrt(coalesce(\"fatalities\", 0)), 10)";

/// The version QGIS writes into the files; any QGIS 3 reads them.
const QGIS_VERSION: &str = "3.22.16-Białowieża";

/// How a layer looks: what QGIS keeps in a `.qml` and in a project's
/// `<maplayer>`.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerStyle {
    /// The `<renderer-v2>` element.
    pub renderer: String,
    /// The `<labeling>` element, when the layer has labels.
    pub labeling: Option<String>,
    /// The HTML shown on hover (QGIS map tips), with `[% expression %]`s.
    pub map_tip: String,
}

/// The `.qml` files and the project, by file name, for zones of `bands` km.
pub fn qgis_files(bands: &[f64]) -> Vec<(&'static str, String)> {
    let layers = project_layers(bands);
    let style = |file: &str| layers.iter().find(|l| l.style_file == file).map(|l| qml(&l.style));
    let mut files: Vec<(&'static str, String)> = Vec::with_capacity(QGIS_FILES.len());
    for name in QGIS_FILES {
        let text = match name {
            PROJECT_FILE => project(&layers),
            "incidents_acled.qml" => qml(&acled_style()),
            other => style(other).unwrap_or_default(),
        };
        files.push((name, text));
    }
    files
}

/// A style as a `.qml` document.
pub fn qml(style: &LayerStyle) -> String {
    let mut out = String::with_capacity(style.renderer.len() + 2048);
    out.push_str("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
    let labels = u8::from(style.labeling.is_some());
    let _ = writeln!(
        out,
        "<qgis version=\"{QGIS_VERSION}\" styleCategories=\"Symbology|Labeling|MapTips\" labelsEnabled=\"{labels}\">"
    );
    push_style_body(&mut out, style);
    out.push_str("</qgis>\n");
    out
}

fn push_style_body(out: &mut String, style: &LayerStyle) {
    out.push_str(&style.renderer);
    if let Some(labeling) = &style.labeling {
        out.push_str(labeling);
    }
    let _ = writeln!(out, "  <mapTip>{}</mapTip>", xml_escape(&style.map_tip));
}

/// Incidents: one category per ACLED event type, coloured by type, the
/// marker sized by fatalities ([`FATALITY_SIZE`]); the largest are drawn
/// first so that small markers stay visible on top of them.
pub fn incidents_style() -> LayerStyle {
    LayerStyle {
        renderer: event_type_renderer(),
        labeling: None,
        map_tip: "<b>[% \"event_type\" %]</b>: [% \"sub_event_type\" %], [% \"event_date\" %]<br>\
[% \"actor1\" %] / [% \"actor2\" %]; fatalities [% \"fatalities\" %]<br>\
[% \"location\" %] <span dir=\"rtl\">[% \"location_ar\" %]</span><br>\
<div dir=\"rtl\">[% \"evidence\" %]</div>[% \"source\" %]"
            .to_string(),
    }
}

/// incidents_acled.csv: the incidents' renderer (ACLED's columns have the
/// same `event_type` and `fatalities`), ACLED's notes on hover.
pub fn acled_style() -> LayerStyle {
    LayerStyle {
        renderer: event_type_renderer(),
        labeling: None,
        map_tip: "<b>[% \"event_type\" %]</b>: [% \"sub_event_type\" %]<br>[% \"notes\" %]".to_string(),
    }
}

fn event_type_renderer() -> String {
    let categories: Vec<(String, Symbol)> = EventType::ALL
        .iter()
        .zip(EVENT_TYPE_COLOURS)
        .map(|(t, rgb)| {
            let props = marker_props(&rgba(rgb, 230), "255,255,255,255", "2.4");
            (t.label().to_string(), symbol("marker", &symbol_layer("SimpleMarker", &props, Some(FATALITY_SIZE))))
        })
        .collect();
    categorized("event_type", &categories, Some("\"fatalities\""))
}

/// Places: small dark points labelled with their Arabic name (`name_ar`),
/// with a white halo; QGIS shapes right-to-left text itself.
pub fn places_style() -> LayerStyle {
    let props = marker_props("60,60,60,255", "255,255,255,255", "1.8");
    LayerStyle {
        renderer: single(&symbol("marker", &symbol_layer("SimpleMarker", &props, None))),
        labeling: Some(arabic_labels("name_ar")),
        map_tip: "<b dir=\"rtl\">[% \"name_ar\" %]</b> [% \"name_en\" %] ([% \"feature_type\" %])<br>\
mentions [% \"mentions\" %], incidents [% \"incident_count\" %]"
            .to_string(),
    }
}

/// Mentions (mentions.csv): faint points, the audit trail under the rest.
pub fn mentions_style() -> LayerStyle {
    let props = marker_props("120,120,120,150", "0,0,0,0", "1.2");
    LayerStyle {
        renderer: single(&symbol("marker", &symbol_layer("SimpleMarker", &props, None))),
        labeling: None,
        map_tip: "<span dir=\"rtl\">[% \"surface\" %]</span> → [% \"name_en\" %]<br>[% \"document\" %]".to_string(),
    }
}

/// Borders: lines, the Iraq–Syria border (`id` `iq-sy`) wider and darker
/// than the others (the empty category takes every other value).
pub fn border_style() -> LayerStyle {
    let line =
        |colour: &str, width: &str| symbol("line", &symbol_layer("SimpleLine", &line_props(colour, width), None));
    let categories =
        vec![("iq-sy".to_string(), line("90,20,20,255", "0.9")), (String::new(), line("110,110,110,255", "0.45"))];
    LayerStyle { renderer: categorized("id", &categories, None), labeling: None, map_tip: "[% \"name\" %]".to_string() }
}

/// Border zones: graduated on `band_km`, one range per band (`inner` to
/// `band` km), half-transparent fills from dark red (nearest) to yellow.
pub fn zones_style(bands: &[f64]) -> LayerStyle {
    let mut bands: Vec<f64> = bands.iter().copied().filter(|b| *b > 0.0).collect();
    bands.sort_by(f64::total_cmp);
    bands.dedup();
    let mut ranges = Vec::with_capacity(bands.len());
    for (i, &band) in bands.iter().enumerate() {
        let lower = if i == 0 { 0.0 } else { bands[i - 1] };
        let rgb = ramp(i, bands.len());
        let props = fill_props(&rgba(rgb, 80), &rgba(rgb, 200));
        ranges.push((lower, band, symbol("fill", &symbol_layer("SimpleFill", &props, None))));
    }
    LayerStyle {
        renderer: graduated("band_km", &ranges),
        labeling: None,
        map_tip: "[% \"side\" %]: [% \"inner_km\" %]–[% \"band_km\" %] km from the border".to_string(),
    }
}

/// Colour `i` of `n` on a ramp from dark red to light yellow.
fn ramp(i: usize, n: usize) -> [u8; 3] {
    let (near, far) = ([189.0, 0.0, 38.0], [254.0, 204.0, 92.0]);
    let t = if n > 1 { i as f64 / (n - 1) as f64 } else { 0.0 };
    let mix = |k: usize| (near[k] + (far[k] - near[k]) * t).round() as u8;
    [mix(0), mix(1), mix(2)]
}

fn rgba(rgb: [u8; 3], alpha: u8) -> String {
    format!("{},{},{},{alpha}", rgb[0], rgb[1], rgb[2])
}

fn marker_props(colour: &str, outline: &str, size: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "circle".into()),
        ("color", colour.into()),
        ("outline_color", outline.into()),
        ("outline_style", "solid".into()),
        ("outline_width", "0.2".into()),
        ("outline_width_unit", "MM".into()),
        ("size", size.into()),
        ("size_unit", "MM".into()),
        ("scale_method", "diameter".into()),
    ]
}

fn line_props(colour: &str, width: &str) -> Vec<(&'static str, String)> {
    vec![
        ("line_color", colour.into()),
        ("line_style", "solid".into()),
        ("line_width", width.into()),
        ("line_width_unit", "MM".into()),
        ("capstyle", "round".into()),
        ("joinstyle", "round".into()),
    ]
}

fn fill_props(colour: &str, outline: &str) -> Vec<(&'static str, String)> {
    vec![
        ("color", colour.into()),
        ("style", "solid".into()),
        ("outline_color", outline.into()),
        ("outline_style", "solid".into()),
        ("outline_width", "0.3".into()),
        ("outline_width_unit", "MM".into()),
    ]
}

/// One symbol layer; `size` is an expression for a data-defined size.
fn symbol_layer(class: &str, props: &[(&str, String)], size: Option<&str>) -> String {
    let mut out = format!("        <layer class=\"{class}\" enabled=\"1\" locked=\"0\" pass=\"0\">\n");
    for (k, v) in props {
        let _ = writeln!(out, "          <prop k=\"{k}\" v=\"{}\"/>", xml_escape(v));
    }
    if let Some(expression) = size {
        out.push_str("          <data_defined_properties><Option type=\"Map\">");
        out.push_str("<Option name=\"name\" type=\"QString\" value=\"\"/><Option name=\"properties\" type=\"Map\">");
        out.push_str("<Option name=\"size\" type=\"Map\"><Option name=\"active\" type=\"bool\" value=\"true\"/>");
        let _ = write!(out, "<Option name=\"expression\" type=\"QString\" value=\"{}\"/>", xml_escape(expression));
        out.push_str("<Option name=\"type\" type=\"int\" value=\"3\"/></Option></Option>");
        out.push_str(
            "<Option name=\"type\" type=\"QString\" value=\"collection\"/></Option></data_defined_properties>\n",
        );
    }
    out.push_str("        </layer>\n");
    out
}

/// A symbol of one symbol layer (`marker`, `line` or `fill`).
#[derive(Debug, Clone, PartialEq)]
struct Symbol {
    kind: &'static str,
    layer: String,
}

fn symbol(kind: &'static str, layer: &str) -> Symbol {
    Symbol { kind, layer: layer.to_string() }
}

/// The `<symbols>` of a renderer, named by their position, as the
/// categories and ranges refer to them.
fn symbols<'a>(list: impl Iterator<Item = &'a Symbol>) -> String {
    let mut out = String::from("    <symbols>\n");
    for (i, s) in list.enumerate() {
        let kind = s.kind;
        let _ = writeln!(
            out,
            "      <symbol type=\"{kind}\" name=\"{i}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
        );
        out.push_str(&s.layer);
        out.push_str("      </symbol>\n");
    }
    out.push_str("    </symbols>\n");
    out
}

fn single(symbol: &Symbol) -> String {
    format!(
        "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n{}  </renderer-v2>\n",
        symbols(std::iter::once(symbol))
    )
}

/// A categorised renderer over `attr`: (value, symbol) pairs, labelled by
/// value; `order_by` draws features by that expression, largest first.
fn categorized(attr: &str, categories: &[(String, Symbol)], order_by: Option<&str>) -> String {
    let ordered = u8::from(order_by.is_some());
    let mut out = format!(
        "  <renderer-v2 type=\"categorizedSymbol\" attr=\"{}\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"{ordered}\">\n    <categories>\n",
        xml_escape(attr)
    );
    for (i, (value, _)) in categories.iter().enumerate() {
        let value = xml_escape(value);
        let _ = writeln!(out, "      <category render=\"true\" value=\"{value}\" label=\"{value}\" symbol=\"{i}\"/>");
    }
    out.push_str("    </categories>\n");
    out.push_str(&symbols(categories.iter().map(|(_, s)| s)));
    if let Some(expression) = order_by {
        let clause = xml_escape(expression);
        let _ =
            writeln!(out, "    <orderby><orderByClause asc=\"0\" nullsFirst=\"0\">{clause}</orderByClause></orderby>");
    }
    out.push_str("  </renderer-v2>\n");
    out
}

/// A graduated renderer over `attr`: (lower, upper, symbol) ranges,
/// labelled `lower–upper km`.
fn graduated(attr: &str, ranges: &[(f64, f64, Symbol)]) -> String {
    let mut out = format!(
        "  <renderer-v2 type=\"graduatedSymbol\" attr=\"{}\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n    <ranges>\n",
        xml_escape(attr)
    );
    for (i, (lower, upper, _)) in ranges.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <range render=\"true\" lower=\"{lower}\" upper=\"{upper}\" label=\"{lower}–{upper} km\" symbol=\"{i}\"/>"
        );
    }
    out.push_str("    </ranges>\n");
    out.push_str(&symbols(ranges.iter().map(|(_, _, s)| s)));
    out.push_str("  </renderer-v2>\n");
    out
}

/// Labels from `field`, around the point, with a white halo. No font is
/// named: QGIS's default font falls back to one with Arabic glyphs.
fn arabic_labels(field: &str) -> String {
    let field = xml_escape(field);
    format!(
        "  <labeling type=\"simple\">\n    <settings calloutType=\"simple\">\n\
      <text-style fieldName=\"{field}\" isExpression=\"0\" fontSize=\"8\" fontSizeUnit=\"Point\" textColor=\"30,30,30,255\" textOpacity=\"1\">\n\
        <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"0.85\" bufferNoFill=\"1\" bufferJoinStyle=\"128\"/>\n\
      </text-style>\n\
      <placement placement=\"6\" dist=\"0.8\" distUnits=\"MM\" predefinedPositionOrder=\"TR,TL,BR,BL,R,L,TSR,BSR\" priority=\"5\"/>\n\
      <rendering drawLabels=\"1\" obstacle=\"1\" obstacleType=\"1\" displayAll=\"0\" upsidedownLabels=\"0\"/>\n\
    </settings>\n  </labeling>\n"
    )
}

/// One layer of the project: its file, how QGIS reads it, its style.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectLayer {
    /// The layer id inside the project (fixed, so the file is too).
    pub id: &'static str,
    /// The name in the layers panel.
    pub name: &'static str,
    /// The data file, relative to the project.
    pub source: &'static str,
    /// `Point`, `Line` or `Polygon`.
    pub geometry: &'static str,
    /// Whether the layer is shown when the project opens.
    pub visible: bool,
    /// The `.qml` beside the data file, with the same style.
    pub style_file: &'static str,
    /// The style.
    pub style: LayerStyle,
}

/// The project's layers, top (drawn last) to bottom.
pub fn project_layers(bands: &[f64]) -> Vec<ProjectLayer> {
    let layer = |id, name, source, geometry, visible, style_file, style| ProjectLayer {
        id,
        name,
        source,
        geometry,
        visible,
        style_file,
        style,
    };
    vec![
        layer("hudud_incidents", "incidents", "./incidents.geojson", "Point", true, "incidents.qml", incidents_style()),
        layer("hudud_places", "places", "./places.geojson", "Point", true, "places.qml", places_style()),
        layer("hudud_mentions", "mentions", "./mentions.csv", "Point", false, "mentions.qml", mentions_style()),
        layer("hudud_border", "border", "./border.geojson", "Line", true, "border.qml", border_style()),
        layer(
            "hudud_zones",
            "border zones",
            "./border_zones.geojson",
            "Polygon",
            true,
            "border_zones.qml",
            zones_style(bands),
        ),
    ]
}

/// The map's initial view (west, south, east, north): the Iraq–Syria
/// border region, from Aleppo to Baghdad.
pub const PROJECT_EXTENT: [f64; 4] = [37.0, 32.0, 45.0, 37.5];

/// WGS 84 as QGIS writes a coordinate system (its internal id 3452 and the
/// EPSG code are what it reads back).
const WGS84_SRS: &str = "<spatialrefsys><proj4>+proj=longlat +datum=WGS84 +no_defs</proj4><srsid>3452</srsid>\
<srid>4326</srid><authid>EPSG:4326</authid><description>WGS 84</description><projectionacronym>longlat</projectionacronym>\
<ellipsoidacronym>EPSG:7030</ellipsoidacronym><geographicflag>true</geographicflag></spatialrefsys>";

/// The project file: every layer styled, by paths relative to the project
/// (`Paths/Absolute` false), in EPSG:4326.
pub fn project(layers: &[ProjectLayer]) -> String {
    let mut out = String::from("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
    let _ = writeln!(out, "<qgis projectname=\"hudud\" version=\"{QGIS_VERSION}\">");
    out.push_str("  <title>hudud</title>\n");
    let _ = writeln!(out, "  <projectCrs>{WGS84_SRS}</projectCrs>");
    push_layer_tree(&mut out, layers);
    push_view(&mut out);
    out.push_str("  <projectlayers>\n");
    for layer in layers {
        push_map_layer(&mut out, layer);
    }
    out.push_str("  </projectlayers>\n  <layerorder>\n");
    for layer in layers {
        let _ = writeln!(out, "    <layer id=\"{}\"/>", layer.id);
    }
    out.push_str("  </layerorder>\n  <properties>\n");
    out.push_str("    <Paths><Absolute type=\"bool\">false</Absolute></Paths>\n");
    out.push_str("    <SpatialRefSys><ProjectionsEnabled type=\"int\">1</ProjectionsEnabled></SpatialRefSys>\n");
    out.push_str("  </properties>\n</qgis>\n");
    out
}

fn push_layer_tree(out: &mut String, layers: &[ProjectLayer]) {
    out.push_str("  <layer-tree-group>\n");
    for l in layers {
        let checked = if l.visible { "Qt::Checked" } else { "Qt::Unchecked" };
        let _ = writeln!(
            out,
            "    <layer-tree-layer id=\"{}\" name=\"{}\" source=\"{}\" providerKey=\"ogr\" checked=\"{checked}\" expanded=\"1\"/>",
            l.id,
            xml_escape(l.name),
            xml_escape(l.source)
        );
    }
    out.push_str("  </layer-tree-group>\n");
}

/// The initial view, for the QGIS window (`mapcanvas`) and for the
/// project's default view (`DefaultViewExtent`, read by scripts too).
fn push_view(out: &mut String) {
    let [w, s, e, n] = PROJECT_EXTENT;
    let _ = writeln!(
        out,
        "  <mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\"><units>degrees</units>\
<extent><xmin>{w}</xmin><ymin>{s}</ymin><xmax>{e}</xmax><ymax>{n}</ymax></extent><rotation>0</rotation>\
<destinationsrs>{WGS84_SRS}</destinationsrs><rendermaptile>0</rendermaptile></mapcanvas>"
    );
    let _ = writeln!(
        out,
        "  <ProjectViewSettings UseProjectScales=\"0\"><Scales/>\
<DefaultViewExtent xmin=\"{w}\" ymin=\"{s}\" xmax=\"{e}\" ymax=\"{n}\">{WGS84_SRS}</DefaultViewExtent></ProjectViewSettings>"
    );
}

fn push_map_layer(out: &mut String, l: &ProjectLayer) {
    let labels = u8::from(l.style.labeling.is_some());
    let _ = writeln!(out, "    <maplayer type=\"vector\" geometry=\"{}\" labelsEnabled=\"{labels}\">", l.geometry);
    let _ = writeln!(out, "      <id>{}</id>", l.id);
    let _ = writeln!(out, "      <datasource>{}</datasource>", xml_escape(l.source));
    let _ = writeln!(out, "      <layername>{}</layername>", xml_escape(l.name));
    let _ = writeln!(out, "      <srs>{WGS84_SRS}</srs>");
    out.push_str("      <provider encoding=\"UTF-8\">ogr</provider>\n");
    push_style_body(out, &l.style);
    out.push_str("    </maplayer>\n");
}

/// `text` with XML's five special characters escaped, for attribute
/// values and element text alike.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `xml` is well formed as far as tags go: every element
    /// closed in order, nothing left open.
    fn balanced(xml: &str) -> bool {
        let mut open: Vec<&str> = Vec::new();
        let mut rest = xml;
        while let Some(start) = rest.find('<') {
            let Some(end) = rest[start..].find('>') else { return false };
            let tag = &rest[start + 1..start + end];
            rest = &rest[start + end + 1..];
            if tag.starts_with('!') || tag.ends_with('/') {
                continue;
            }
            let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or_default();
            if tag.starts_with('/') {
                if open.pop() != Some(name) {
                    return false;
                }
            } else {
                open.push(name);
            }
        }
        open.is_empty()
    }

    #[test]
    fn every_file_is_well_formed_and_listed() {
        let files = qgis_files(&[10.0, 25.0, 50.0]);
        let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, QGIS_FILES);
        for (name, text) in &files {
            assert!(balanced(text), "{name} is not well formed");
            assert!(crate::output::LAYER_FILES.contains(name), "{name} is not in the committed set");
        }
    }

    #[test]
    fn incidents_have_a_category_and_colour_per_event_type() {
        let style = qml(&incidents_style());
        for t in EventType::ALL {
            assert!(style.contains(&format!("value=\"{}\"", t.label())), "{t}");
        }
        assert_eq!(style.matches("<category ").count(), EventType::ALL.len());
        assert!(style.contains("attr=\"event_type\""));
        assert!(style.contains(&xml_escape(FATALITY_SIZE)));
        let mut colours = EVENT_TYPE_COLOURS.to_vec();
        colours.dedup();
        assert_eq!(colours.len(), EventType::ALL.len());
    }

    #[test]
    fn zones_get_a_range_per_band_sorted() {
        let style = zones_style(&[50.0, 10.0, 25.0, 10.0]);
        assert_eq!(style.renderer.matches("<range ").count(), 3);
        assert!(style.renderer.contains("lower=\"0\" upper=\"10\""));
        assert!(style.renderer.contains("lower=\"10\" upper=\"25\""));
        assert!(style.renderer.contains("lower=\"25\" upper=\"50\""));
        // Transparent fills: alpha 80 of 255.
        assert!(style.renderer.contains(&format!("v=\"{}\"", rgba(ramp(0, 3), 80))));
        assert_eq!(ramp(0, 3), [189, 0, 38]);
        assert_eq!(ramp(2, 3), [254, 204, 92]);
    }

    #[test]
    fn places_are_labelled_in_arabic() {
        let style = qml(&places_style());
        assert!(style.contains("labelsEnabled=\"1\""));
        assert!(style.contains("fieldName=\"name_ar\""));
        assert!(qml(&border_style()).contains("labelsEnabled=\"0\""));
    }

    #[test]
    fn the_project_uses_relative_paths_and_wgs84() {
        let layers = project_layers(&[10.0]);
        let text = project(&layers);
        for l in &layers {
            assert!(l.source.starts_with("./"), "{}", l.source);
            assert!(text.contains(&format!("<datasource>{}</datasource>", l.source)));
        }
        assert!(text.contains("<Absolute type=\"bool\">false</Absolute>"));
        assert!(text.contains("<authid>EPSG:4326</authid>"));
        assert_eq!(text, project(&project_layers(&[10.0])), "the same bands give the same bytes");
    }

    #[test]
    fn xml_special_characters_are_escaped() {
        assert_eq!(xml_escape(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    }
}
