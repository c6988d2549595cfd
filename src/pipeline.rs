//! One article through every stage: geoparse, date, extract incidents.

use crate::arabic::normalize;
use crate::gazetteer::Gazetteer;
use crate::geoparse::{Geoparser, RecognizerError, ResolvedMention};
use crate::incidents::{article_words, extract_incidents, full_dates, publication_date, Article, Date, Incident};
use crate::input::Document;

/// What one article yields.
#[derive(Debug, Clone)]
pub struct DocumentResult {
    /// Document name (file name or URL).
    pub name: String,
    /// Publication date used.
    pub published: Option<Date>,
    /// Place mentions, resolved or not, in text order.
    pub mentions: Vec<ResolvedMention>,
    /// Incidents, before cross-article deduplication.
    pub incidents: Vec<Incident>,
    /// Character offsets (start, end) of each mention.
    pub char_offsets: Vec<(usize, usize)>,
}

/// The reusable machinery: geoparser and options.
pub struct Pipeline<'g> {
    parser: Geoparser<'g>,
    published_override: Option<Date>,
}

impl<'g> Pipeline<'g> {
    /// Build the pipeline; `published` overrides every article's date.
    pub fn new(g: &'g Gazetteer, published: Option<Date>) -> Result<Self, RecognizerError> {
        Ok(Pipeline { parser: Geoparser::with_words(g, &article_words())?, published_override: published })
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.parser.gazetteer()
    }

    /// Process one article.
    pub fn process(&self, doc: &Document) -> DocumentResult {
        let published = self
            .published_override
            .or_else(|| doc.published.as_deref().and_then(parse_date_field))
            .or_else(|| publication_date(&doc.text));
        let norm = normalize(&doc.text);
        // One scan finds the place names and the words extraction needs.
        let (mentions, words) = self.parser.parse_with_words(&doc.text, &norm);
        let article = Article {
            name: &doc.name,
            text: &doc.text,
            norm: &norm,
            published,
            mentions: &mentions,
            words: Some(&words),
        };
        let incidents = extract_incidents(self.gazetteer(), &article);
        let char_offsets = char_offsets(&doc.text, &mentions);
        DocumentResult { name: doc.name.clone(), published, mentions, incidents, char_offsets }
    }
}

/// A date given as a field (`2025-10-07`, `2025-10-07T11:53:41Z`, or any
/// form the article parser knows).
pub fn parse_date_field(s: &str) -> Option<Date> {
    iso_date_prefix(s).or_else(|| full_dates(&normalize(s).text).into_iter().next().map(|(_, d)| d))
}

/// `YYYY-MM-DD` at the start of a field (the usual form in JSON Lines),
/// read without the general date parser.
fn iso_date_prefix(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r.clone()).filter(|d| d.iter().all(u8::is_ascii_digit)).map(|_| &s[r]);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (y, m, d) = (digits(0..4)?.parse().ok()?, digits(5..7)?.parse().ok()?, digits(8..10)?.parse().ok()?);
    Date::new(y, m, d)
}

/// Character (not byte) offsets of each mention, in one pass over the text.
pub fn char_offsets(text: &str, mentions: &[ResolvedMention]) -> Vec<(usize, usize)> {
    let mut bytes = 0;
    let mut chars = 0;
    let mut to_chars = |target: usize| {
        if target < bytes {
            bytes = 0;
            chars = 0;
        }
        chars += text[bytes..target].chars().count();
        bytes = target;
        chars
    };
    mentions
        .iter()
        .map(|m| {
            let s = to_chars(m.mention.start);
            (s, to_chars(m.mention.end))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_fields() {
        assert_eq!(parse_date_field("2025-10-07T11:53:41Z").map(|d| d.to_string()).as_deref(), Some("2025-10-07"));
        assert!(parse_date_field("soon").is_none());
        assert_eq!(parse_date_field("2025-10-07").map(|d| d.to_string()).as_deref(), Some("2025-10-07"));
        assert_eq!(parse_date_field("7 أكتوبر 2025").map(|d| d.to_string()).as_deref(), Some("2025-10-07"));
        assert!(iso_date_prefix("2025-13-07").is_none());
        assert!(iso_date_prefix("2025-10-071").is_none());
    }
}
