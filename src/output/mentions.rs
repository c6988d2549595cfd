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
