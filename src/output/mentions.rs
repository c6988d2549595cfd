//! mentions.csv: every place mention, the audit trail of the geoparser.

use super::CsvLine;
use crate::gazetteer::{Gazetteer, Place};
use crate::geoparse::ResolvedMention;

/// Columns of mentions.csv.
pub const MENTION_COLUMNS: &[&str] = &[
    "document",
    "start",
    "end",
    "surface",
    "gazetteer_id",
    "name_ar",
    "name_en",
    "latitude",
    "longitude",
    "feature_type",
    "candidates",
    "confidence",
    "reason",
];

/// The `.csvt` sidecar of mentions.csv: offsets and counts are integers,
/// the coordinates GDAL's point (empty for an unresolved mention, which
/// GDAL reads as a feature without geometry).
pub fn mentions_csvt() -> String {
    super::csvt_line(MENTION_TYPES.into_iter())
}

/// The type of each of [`MENTION_COLUMNS`].
pub const MENTION_TYPES: [super::ColumnType; 13] = {
    use super::ColumnType::{CoordX, CoordY, Integer, Real, String};
    [String, Integer, Integer, String, String, String, String, CoordY, CoordX, String, Integer, Real, String]
};

/// The mentions.csv rows of one document (no header): `char_offsets` holds
/// the character span of each mention.
pub fn mention_rows(
    g: &Gazetteer,
    document: &str,
    mentions: &[ResolvedMention],
    char_offsets: &[(usize, usize)],
) -> Vec<u8> {
    let mut out = Vec::new();
    for (m, (cs, ce)) in mentions.iter().zip(char_offsets) {
        let p = m.place.map(|i| g.place(i));
        let mut line = CsvLine::new(&mut out);
        line.text(document);
        line.integer(*cs);
        line.integer(*ce);
        line.text(&m.mention.surface);
        let text = |line: &mut CsvLine, f: fn(&Place) -> &str| line.text(p.map_or("", f));
        text(&mut line, |p| &p.id);
        text(&mut line, |p| &p.name_ar);
        text(&mut line, |p| &p.name_en);
        match p {
            Some(p) => {
                line.decimal(p.lat);
                line.decimal(p.lon);
            }
            None => (0..2).for_each(|_| line.text("")),
        }
        text(&mut line, |p| &p.feature_type);
        line.integer(m.candidates);
        line.decimal(m.confidence);
        line.text(&m.reason);
        line.end();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csvt_types_every_column_and_the_point() {
        let line = mentions_csvt();
        let types: Vec<&str> = line.trim().split(',').collect();
        assert_eq!(types.len(), MENTION_COLUMNS.len());
        let at = |name: &str| MENTION_COLUMNS.iter().position(|c| *c == name).unwrap();
        assert_eq!((types[at("latitude")], types[at("longitude")]), ("\"CoordY\"", "\"CoordX\""));
        assert_eq!(types[at("start")], "\"Integer\"");
    }
}
