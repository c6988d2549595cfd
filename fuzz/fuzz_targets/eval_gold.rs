//! `eval::parse_gold`: the gold annotations `hudud eval` reads.
#![no_main]

use hudud::eval::{doc_key, iso_day, parse_gold};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    // An error is a fine answer; it must print.
    let docs = match parse_gold(s, Path::new("gold.json")) {
        Ok(docs) => docs,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    // What scoring asks of every document and item.
    for doc in &docs {
        let _ = doc_key(&doc.doc);
        for p in &doc.places {
            let _ = p.has_id(170794);
        }
        for i in &doc.incidents {
            if i.has_date() {
                let day = i.date.as_deref().and_then(iso_day);
                let _ = i.date_agrees(day);
                let _ = i.date_agrees(Some(20_368));
            }
        }
    }
});
