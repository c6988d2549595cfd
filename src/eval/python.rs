//! How the yardstick's Python reads JSON values, where a rule depends on it:
//! truth values, `str()`, `strip()`, file names, `int()` of a GeoNames id,
//! `float()` of a coordinate, `date.fromisoformat` and `round(x, 3)`.
//!
//! score.py is the reference; these readings keep `hudud eval` giving its
//! numbers on layers and gold files written by other tools too.

use crate::incidents::Date;
use serde_json::Value;
use std::borrow::Cow;

/// Python's truth value of a JSON value (`if x:`): null, false, 0, "" and
/// empty lists and objects are false, everything else true.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's `str()` of a JSON value as far as reports show it: a string as
/// it is, null as `None`, booleans as `True`/`False`, numbers as written.
pub fn to_str(v: &Value) -> Cow<'_, str> {
    match v {
        Value::String(s) => Cow::Borrowed(s),
        Value::Null => Cow::Borrowed("None"),
        Value::Bool(true) => Cow::Borrowed("True"),
        Value::Bool(false) => Cow::Borrowed("False"),
        other => Cow::Owned(other.to_string()),
    }
}

/// Python's white space (`str.isspace`): Unicode's, plus the separators
/// U+001C–U+001F, which Python counts and Rust's `trim` does not.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()`.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `str.lstrip()`.
pub fn strip_start(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

/// score.py's `doc_key`: the file name of a source (what follows the last
/// `/`, as `os.path.basename` on POSIX), stripped.
///
/// ```
/// use hudud::eval::doc_key;
/// assert_eq!(doc_key("samples/articles/01_raid.txt "), "01_raid.txt");
/// ```
pub fn doc_key(s: &str) -> &str {
    strip(s.rfind('/').map_or(s, |i| &s[i + 1..]))
}

/// A place's `geonameid` as score.py reads it: `int(x)` of anything but
/// null and "", and no id where Python's `int()` fails. Strings are read
/// with ASCII digits only (Python also takes other scripts' digits).
pub fn geonameid(v: &Value) -> Option<i64> {
    match v {
        // int() of a float truncates toward zero.
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|x| x.abs() < 9.2e18).map(|x| x.trunc() as i64)),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::String(s) => parse_int(s),
        _ => None,
    }
}

/// Python's `int(str)`: white space around, an optional sign, and digits
/// that single underscores may separate.
fn parse_int(s: &str) -> Option<i64> {
    let s = strip(s);
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let well_placed = !digits.starts_with('_') && !digits.ends_with('_') && !digits.contains("__");
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if !well_placed || clean.is_empty() || !clean.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = clean.parse().ok()?;
    Some(if negative { -n } else { n })
}

/// Python's `float()` of a coordinate: a number, or a string holding one.
pub fn float(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => strip(s).parse().ok(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// score.py's `parse_date` of a JSON value, `date.fromisoformat(str(x)[:10])`,
/// as days since 1970-01-01; None where Python fails.
pub fn day_of(v: &Value) -> Option<i64> {
    match v {
        Value::String(s) => iso_day(s),
        Value::Number(_) => iso_day(&v.to_string()),
        _ => None,
    }
}

/// `date.fromisoformat(text[:10])` of Python 3.11 as days since 1970-01-01:
/// `YYYY-MM-DD`, `YYYYMMDD`, and ISO weeks `YYYY-Www[-D]`, `YYYYWww[D]`.
/// Like CPython, it takes 7, 8 or 10 bytes and ignores what follows a
/// complete date within them ("2025100712" is 7 October 2025).
///
/// ```
/// use hudud::eval::iso_day;
/// assert_eq!(iso_day("2025-10-07T08:15:00"), iso_day("2025-W41-2"));
/// assert_eq!(iso_day("2025-02-29"), None);
/// ```
pub fn iso_day(text: &str) -> Option<i64> {
    let head = text.char_indices().nth(10).map_or(text, |(i, _)| &text[..i]);
    let b = head.as_bytes();
    if ![7, 8, 10].contains(&b.len()) {
        return None;
    }
    let mut at = 0;
    let year = digits(b, &mut at, 4)?;
    let dashed = eat(b, &mut at, b'-');
    if eat(b, &mut at, b'W') {
        let week = digits(b, &mut at, 2)?;
        let weekday = if at < b.len() {
            if dashed && !eat(b, &mut at, b'-') {
                return None;
            }
            digits(b, &mut at, 1)?
        } else {
            1
        };
        return week_day(year, week, weekday);
    }
    let month = digits(b, &mut at, 2)?;
    if dashed && !eat(b, &mut at, b'-') {
        return None;
    }
    let day = digits(b, &mut at, 2)?;
    civil_day(year, month, day)
}

/// `n` ASCII digits at `at`, as a number; None if the text ends first.
fn digits(b: &[u8], at: &mut usize, n: usize) -> Option<u32> {
    let part = b.get(*at..*at + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    *at += n;
    Some(part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

/// Step over `byte` if it is next.
fn eat(b: &[u8], at: &mut usize, byte: u8) -> bool {
    let found = b.get(*at) == Some(&byte);
    *at += usize::from(found);
    found
}

/// Days since 1970-01-01 of a valid date in Python's years 1–9999.
fn civil_day(year: u32, month: u32, day: u32) -> Option<i64> {
    let date = Date { year: i32::try_from(year).ok()?, month, day };
    // A day past the month's end comes back as another date.
    let valid = (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1;
    let days = date.to_days();
    (valid && Date::from_days(days) == date).then_some(days)
}

/// Days since 1970-01-01 of ISO week `week`, day `weekday` (1 = Monday)
/// of ISO year `year`, with Python's checks.
fn week_day(year: u32, week: u32, weekday: u32) -> Option<i64> {
    let jan1 = civil_day(year, 1, 1)?;
    // 0 = Monday; 1970-01-01 was a Thursday.
    let jan1_weekday = (jan1 + 3).rem_euclid(7);
    let leap = civil_day(year, 2, 29).is_some();
    let weeks = if jan1_weekday == 3 || (jan1_weekday == 2 && leap) { 53 } else { 52 };
    if !(1..=weeks).contains(&week) || !(1..=7).contains(&weekday) {
        return None;
    }
    // Week 1 holds the year's first Thursday.
    let week1 = jan1 - jan1_weekday + if jan1_weekday > 3 { 7 } else { 0 };
    let days = week1 + i64::from((week - 1) * 7 + weekday - 1);
    (1..=9999).contains(&Date::from_days(days).year).then_some(days)
}

/// Python's `round(x, 3)`: the decimal with three places nearest to the
/// exact binary value, ties to even. Rust's fixed-precision formatting
/// rounds the same way, so the value goes through it.
pub fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn truth_values_follow_python() {
        for v in [json!(null), json!(false), json!(0), json!(0.0), json!(""), json!([]), json!({})] {
            assert!(!truthy(&v), "{v}");
        }
        for v in [json!(true), json!(2), json!("no"), json!([0]), json!({"a": 1})] {
            assert!(truthy(&v), "{v}");
        }
    }

    #[test]
    fn strip_counts_python_separators() {
        assert_eq!(strip("\u{1f} a.txt\u{a0}\n"), "a.txt");
        assert_eq!(strip_start("  [1]"), "[1]");
    }

    #[test]
    fn doc_key_takes_the_file_name() {
        assert_eq!(doc_key("a/b/c.txt"), "c.txt");
        assert_eq!(doc_key("c.txt"), "c.txt");
        // A trailing slash leaves an empty name, as in Python.
        assert_eq!(doc_key("dir/ "), "");
    }

    #[test]
    fn geonameid_reads_like_int() {
        assert_eq!(geonameid(&json!(170794)), Some(170794));
        assert_eq!(geonameid(&json!(170794.9)), Some(170794));
        assert_eq!(geonameid(&json!(" 170_794 ")), Some(170794));
        assert_eq!(geonameid(&json!("-3")), Some(-3));
        assert_eq!(geonameid(&json!(true)), Some(1));
        for v in [json!(null), json!(""), json!("12.0"), json!("1__2"), json!("_1"), json!("gn:1"), json!([1])] {
            assert_eq!(geonameid(&v), None, "{v}");
        }
    }

    #[test]
    fn float_reads_numbers_and_numeric_strings() {
        assert_eq!(float(&json!(36)), Some(36.0));
        assert_eq!(float(&json!(" 36.5")), Some(36.5));
        assert_eq!(float(&json!("east")), None);
        assert_eq!(float(&json!(null)), None);
    }

    #[test]
    fn iso_dates_as_python_311_reads_them() {
        let oct7 = civil_day(2025, 10, 7);
        assert!(oct7.is_some());
        for s in ["2025-10-07", "20251007", "2025-W41-2", "2025W412", "2025100712", "2025W4123x", "2025-10-07 09:00"] {
            assert_eq!(iso_day(s), oct7, "{s}");
        }
        assert_eq!(iso_day("2025-W41"), civil_day(2025, 10, 6));
        assert_eq!(iso_day("2026-W53-1"), civil_day(2026, 12, 28));
        assert_eq!(iso_day("2020-W53-7"), civil_day(2021, 1, 3));
        for s in ["2025-1007", "2025-10-7", "2025-10", "0000-01-01", "2025-13-01", "2025-W53-1", "2025-W01-8"] {
            assert_eq!(iso_day(s), None, "{s}");
        }
        // Ten characters but more bytes: Python's length check is on UTF-8.
        assert_eq!(iso_day("2025-10-0é"), None);
        assert_eq!(iso_day("9999-W52-7"), None);
        assert_eq!(day_of(&json!(20251007)), oct7);
        assert_eq!(day_of(&json!(null)), None);
    }

    #[test]
    fn round3_ties_to_even_on_the_binary_value() {
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.3125), 0.312);
        assert_eq!(round3(0.9375), 0.938);
        assert_eq!(round3(2.0 / 3.0), 0.667);
        assert_eq!(round3(1.0), 1.0);
    }
}
