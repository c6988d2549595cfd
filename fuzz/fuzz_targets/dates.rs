//! Article dates: `publication_date`, `sentence_date` and `dateline_end`.
#![no_main]

use hudud::arabic::normalize;
use hudud::incidents::{dateline_end, full_dates, publication_date, sentence_date, Date};
use libfuzzer_sys::fuzz_target;

/// A calendar date that exists (days and months in range).
fn valid(d: Date) -> bool {
    Date::from_days(d.to_days()) == d
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let published = Date::new(2025, 10, 7);

    if let Some(d) = publication_date(s) {
        assert!(valid(d), "publication date {d:?}");
    }

    let norm = normalize(s);
    if let Some(found) = sentence_date(&norm.text, published) {
        assert!(valid(found.date), "sentence date {found:?}");
    }
    let _ = sentence_date(&norm.text, None);

    for (at, d) in full_dates(&norm.text) {
        assert!(at <= norm.text.len() && norm.text.is_char_boundary(at), "full date at {at}");
        assert!(valid(d), "full date {d:?}");
    }

    // The whole text, and each of its lines, as the dateline's line.
    for line in std::iter::once(norm.text.as_str()).chain(norm.text.lines()) {
        if let Some(end) = dateline_end(line) {
            assert!(end <= line.len() && line.is_char_boundary(end), "dateline end {end} of {} bytes", line.len());
        }
    }
});
