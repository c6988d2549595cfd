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
        let mut incidents = extract_incidents(self.gazetteer(), &article);
        // A part of an over-long document counts from the document's start.
        for inc in &mut incidents {
            inc.evidence_start += doc.char_base;
            inc.evidence_end += doc.char_base;
        }
        let char_offsets = char_offsets(&doc.text, &mentions)
            .into_iter()
            .map(|(s, e)| (s + doc.char_base, e + doc.char_base))
            .collect();
        DocumentResult { name: doc.name.clone(), published, mentions, incidents, char_offsets }
    }
}

/// Hours the region's clocks are ahead of UTC (Syria, Iraq and Jordan keep
/// UTC+3 all year): a timestamp with a time zone is read as the date it
/// was there, which is the date "أمس" and "اليوم" count from.
const REGION_UTC_OFFSET_HOURS: i64 = 3;

/// A date given as a field (`2025-10-07`, `2025-10-07T11:53:41Z`,
/// `2025-10-07T23:10:00-04:00`, `@1759831200` seconds since 1970, or any
/// form the article parser knows). A timestamp with a time zone gives the
/// date in the region's time.
///
/// ```
/// use hudud::pipeline::parse_date_field;
/// let d = |s: &str| parse_date_field(s).map(|d| d.to_string());
/// assert_eq!(d("2025-10-07T22:30:00Z").as_deref(), Some("2025-10-08"));
/// assert_eq!(d("2025-10-07T22:30:00").as_deref(), Some("2025-10-07"));
/// assert_eq!(d("@1759876200").as_deref(), Some("2025-10-08"));
/// ```
pub fn parse_date_field(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(seconds) = s.strip_prefix('@').and_then(|n| n.parse::<i64>().ok()) {
        let date = in_region(Date::from_days(seconds.div_euclid(86_400)), seconds.rem_euclid(86_400) / 60);
        // Dates of news: the years the text parser accepts too.
        return (1900..=2100).contains(&date.year).then_some(date);
    }
    iso_timestamp(s).or_else(|| full_dates(&normalize(s).text).into_iter().next().map(|(_, d)| d))
}

/// The region's date at `minutes` past midnight UTC of `day`.
fn in_region(day: Date, minutes: i64) -> Date {
    day.add_days((minutes + REGION_UTC_OFFSET_HOURS * 60).div_euclid(24 * 60))
}

/// `YYYY-MM-DD`, optionally followed by a time and a time zone (`Z`,
/// `+03:00`, `-0400`): the date as written, or in the region's time when
/// the zone is given.
fn iso_timestamp(s: &str) -> Option<Date> {
    let date = iso_date_prefix(s)?;
    let rest = s.get(10..).unwrap_or("");
    let Some(time) = rest.strip_prefix(['T', ' ']) else { return Some(date) };
    let digits =
        |r: std::ops::Range<usize>| time.get(r).filter(|t| t.bytes().all(|b| b.is_ascii_digit()))?.parse::<i64>().ok();
    let (Some(h), Some(m)) = (digits(0..2), digits(3..5)) else { return Some(date) };
    if h > 23 || m > 59 {
        // Not a time: the date as written.
        return Some(date);
    }
    let zone_at = time.find(['Z', 'z', '+', '-']);
    let Some(zone) = zone_at.map(|i| &time[i..]) else { return Some(date) };
    let offset = if zone.starts_with(['Z', 'z']) {
        0
    } else {
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let z: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
        let (zh, zm) =
            (z.get(0..2)?.parse::<i64>().ok()?, z.get(2..4).and_then(|m| m.parse::<i64>().ok()).unwrap_or(0));
        sign * (zh * 60 + zm)
    };
    Some(in_region(date, h * 60 + m - offset))
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
        let d = |s: &str| parse_date_field(s).map(|d| d.to_string());
        assert_eq!(d("2024-02-04T23:30:00+03:00").as_deref(), Some("2024-02-04"));
        assert_eq!(d("2024-02-04T23:30:00-05:00").as_deref(), Some("2024-02-05"));
        assert_eq!(d("2024-02-04 10:00:00+0300").as_deref(), Some("2024-02-04"));
        assert_eq!(d("Sun, 04 Feb 2024 20:30:00 +0000").as_deref(), Some("2024-02-04"));
        assert!(iso_date_prefix("2025-10-071").is_none());
    }

    #[test]
    fn timestamps_out_of_range_are_no_dates() {
        let d = |s: &str| parse_date_field(s).map(|d| d.to_string());
        assert_eq!(d("@1759838021").as_deref(), Some("2025-10-07"));
        assert!(d("@9223372036854775807").is_none());
        assert!(d("@-9223372036854775808").is_none());
        assert_eq!(d("2025-10-07T99:99+00:00").as_deref(), Some("2025-10-07"));
    }
}
