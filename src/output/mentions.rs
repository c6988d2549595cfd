//! mentions.csv: every place mention, the audit trail of the geoparser.

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
) -> std::io::Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    for (m, (cs, ce)) in mentions.iter().zip(char_offsets) {
        let p = m.place.map(|i| g.place(i));
        let text = |f: fn(&Place) -> String| p.map(f).unwrap_or_default();
        let row = [
            document.to_string(),
            cs.to_string(),
            ce.to_string(),
            m.mention.surface.clone(),
            text(|p| p.id.clone()),
            text(|p| p.name_ar.clone()),
            text(|p| p.name_en.clone()),
            text(|p| p.lat.to_string()),
            text(|p| p.lon.to_string()),
            text(|p| p.feature_type.clone()),
            m.candidates.to_string(),
            m.confidence.to_string(),
            m.reason.clone(),
        ];
        csv.write_record(&row).map_err(std::io::Error::other)?;
    }
    csv.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}
