//! `pipeline::parse_date_field`: publication dates given as JSON Lines fields.
#![no_main]

use hudud::incidents::Date;
use hudud::pipeline::parse_date_field;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Some(d) = parse_date_field(s) {
        // A date that exists (days and months in range), printed as ISO.
        assert_eq!(Date::from_days(d.to_days()), d, "{s:?} gave {d:?}");
        let _ = d.to_string();
    }
});
