//! CSV lines written straight into a byte buffer.
//!
//! The layers hold millions of cells; a `csv::Writer` per part and an
//! owned string per cell cost more than the text itself. The quoting is
//! the csv crate's default (`QuoteStyle::Necessary`, `\n` terminator), so
//! files read the same and headers can still come from the csv crate.
//!
//! # Formula injection
//!
//! Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@`
//! as a formula (some after a leading tab or carriage return), so a
//! document id such as `=cmd|' /C calc'!A0` in a CSV would run a command
//! on the reader's machine. Following the OWASP guidance on CSV
//! injection, every *text* cell ([`CsvLine::text`]) that starts with one of
//! those six characters is written with a single quote `'` in front and in
//! double quotes: `"'=cmd|' /C calc'!A0"`; a spreadsheet shows it as text,
//! and a script sees the value with one `'` more. The rule goes by column
//! type, never by value: numeric cells ([`CsvLine::integer`],
//! [`CsvLine::decimal`], [`CsvLine::number`], [`CsvLine::plain`]) are
//! written as they are, so a longitude of -0.5 stays the number -0.5,
//! while a text cell reading "-0.5" is neutralised like any other text.

use std::fmt::Display;
use std::io::Write;

/// One CSV line being written into `out`: add the fields, then [`CsvLine::end`].
///
/// ```
/// use hudud::output::CsvLine;
/// let mut out = Vec::new();
/// let mut line = CsvLine::new(&mut out);
/// line.text("قال \"مصدر\", أمس");
/// line.number(42);
/// line.text("");
/// line.end();
/// assert_eq!(String::from_utf8(out).unwrap(), "\"قال \"\"مصدر\"\", أمس\",42,\n");
/// ```
#[derive(Debug)]
pub struct CsvLine<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> CsvLine<'a> {
    /// Start a line at the end of `out`.
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        CsvLine { out, first: true }
    }

    fn separate(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// A text field, quoted when it holds a comma, a quote or a line break;
    /// one a spreadsheet would take for a formula gets a `'` in front and
    /// quotes (see [the module documentation](self)).
    pub fn text(&mut self, field: &str) {
        self.separate();
        let bytes = field.as_bytes();
        let formula = starts_like_formula(field);
        if !formula && !any_byte(bytes, |b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
            self.out.extend_from_slice(bytes);
            return;
        }
        self.out.push(b'"');
        if formula {
            self.out.push(b'\'');
        }
        for piece in bytes.split_inclusive(|&b| b == b'"') {
            self.out.extend_from_slice(piece);
            if piece.last() == Some(&b'"') {
                self.out.push(b'"');
            }
        }
        self.out.push(b'"');
    }

    /// A field as its `Display` shows it: for numbers, which never need quotes.
    pub fn number(&mut self, value: impl Display) {
        self.separate();
        // Writing to a Vec cannot fail.
        let _ = write!(self.out, "{value}");
    }

    /// A whole number (as `Display` shows it, without the formatting machinery).
    pub fn integer(&mut self, value: impl itoa::Integer) {
        self.separate();
        self.out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// A decimal number exactly as `Display` shows it ("36", "36.5"), by
    /// the faster shortest-digits formatter serde_json uses.
    pub fn decimal(&mut self, value: f64) {
        self.separate();
        push_decimal(self.out, value);
    }

    /// Bytes that need no quoting (numbers already formatted).
    pub fn plain(&mut self, bytes: &[u8]) {
        self.separate();
        self.out.extend_from_slice(bytes);
    }

    /// End the line.
    pub fn end(self) {
        self.out.push(b'\n');
    }
}

/// True when a spreadsheet would read a text cell starting so as a formula:
/// `=`, `+`, `-`, `@`, tab or carriage return first (OWASP's list).
pub fn starts_like_formula(field: &str) -> bool {
    matches!(field.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// Append `value` as `Display` shows it. Both print the shortest digits
/// that read back as the same number, and with at most 15 significant
/// digits there is only one such (any two 15-digit decimals are different
/// doubles). In the range where serde_json writes no exponent, they then
/// differ only in the ".0" it adds to whole numbers; anything else (a
/// coordinate never) goes through `Display`.
pub fn push_decimal(out: &mut Vec<u8>, value: f64) {
    let start = out.len();
    let plain = value == 0.0 || (1e-4..1e15).contains(&value.abs());
    if plain && serde_json::to_writer(&mut *out, &value).is_ok() && significant_digits(&out[start..]) <= 15 {
        if out.ends_with(b".0") {
            out.truncate(out.len() - 2);
        }
        return;
    }
    out.truncate(start);
    let _ = write!(out, "{value}");
}

/// Significant digits of a plain decimal ("-0.0120" has 3).
fn significant_digits(number: &[u8]) -> usize {
    let digits = number.iter().filter(|b| b.is_ascii_digit());
    digits.skip_while(|&&b| b == b'0').count()
}

/// True when some byte of `bytes` satisfies `test`: a block at a time,
/// without stopping inside a block, which the compiler turns into vector
/// code (long Arabic sentences rarely hold any of the bytes sought).
pub fn any_byte(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    bytes.chunks(32).any(|block| block.iter().fold(false, |found, &b| found | test(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Rng;

    fn by_csv_crate(rows: &[Vec<String>]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for r in rows {
            w.write_record(r).unwrap();
        }
        w.into_inner().unwrap()
    }

    fn by_hand(rows: &[Vec<String>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in rows {
            let mut line = CsvLine::new(&mut out);
            r.iter().for_each(|f| line.text(f));
            line.end();
        }
        out
    }

    #[test]
    fn decimals_as_display_shows_them() {
        let mut rng = Rng::new(11);
        let fixed = [0.0, -0.0, 1.0, -36.0, 1e-4, 9.99e-5, 1e15, 123456789012345.6, 0.1 + 0.2, 36.123456, f64::NAN];
        let random = (0..200_000).map(|_| {
            let x = (rng.unit() - 0.5) * 10f64.powi(rng.below(24) as i32 - 8);
            if rng.below(4) == 0 {
                (x * 1e6).round() / 1e6
            } else {
                x
            }
        });
        for x in fixed.into_iter().chain(random) {
            let mut out = Vec::new();
            push_decimal(&mut out, x);
            assert_eq!(String::from_utf8(out).unwrap(), x.to_string(), "{x:e}");
        }
    }

    #[test]
    fn text_that_reads_as_a_formula_is_neutralised() {
        for (field, cell) in [
            ("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""),
            ("+1", "\"'+1\""),
            ("-0.5", "\"'-0.5\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tx", "\"'\tx\""),
            ("\r=1", "\"'\r=1\""),
            ("=\"a\",b", "\"'=\"\"a\"\",b\""),
            ("a=1", "a=1"),
            ("نص", "نص"),
        ] {
            assert_eq!(
                String::from_utf8(by_hand(&[vec![field.to_string()]])).unwrap(),
                format!("{cell}\n"),
                "{field:?}"
            );
        }
    }

    #[test]
    fn numeric_cells_stay_numbers() {
        let mut out = Vec::new();
        let mut line = CsvLine::new(&mut out);
        line.decimal(-0.5);
        line.integer(-3);
        line.number(-1.25);
        line.plain(b"-7");
        line.end();
        assert_eq!(String::from_utf8(out).unwrap(), "-0.5,-3,-1.25,-7\n");
    }

    #[test]
    fn quotes_only_what_needs_it() {
        let rows =
            vec![vec!["a".to_string(), "b c".into(), "x,y".into(), "say \"hi\"".into(), "l1\nl2".into(), "".into()]];
        assert_eq!(by_hand(&rows), by_csv_crate(&rows));
    }

    fn random_rows(alphabet: &[char], seed: u64) -> Vec<Vec<String>> {
        let mut rng = Rng::new(seed);
        (0..2000)
            .map(|_| {
                let fields = 2 + rng.below(6);
                (0..fields).map(|_| (0..rng.below(6)).map(|_| alphabet[rng.below(alphabet.len())]).collect()).collect()
            })
            .collect()
    }

    #[test]
    fn same_bytes_as_the_csv_crate_on_random_fields() {
        let alphabet = ['a', ',', '"', '\n', '\r', ' ', 'ب', '\\', '#', '\'', '=', '-', '@', '\t', '+'];
        // The csv crate knows nothing of formulas: compare on the other fields.
        let mut rows = random_rows(&alphabet, 7);
        for f in rows.iter_mut().flatten().filter(|f| starts_like_formula(f)) {
            f.insert(0, 'x');
        }
        assert_eq!(by_hand(&rows), by_csv_crate(&rows));
    }

    #[test]
    fn random_fields_read_back_with_formulas_neutralised() {
        let alphabet = ['a', ',', '"', '\n', '\r', ' ', 'ب', '\'', '=', '-', '@', '\t', '+'];
        let rows = random_rows(&alphabet, 8);
        let written = by_hand(&rows);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&written[..]);
        let read: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        let expected: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|f| if starts_like_formula(f) { format!("'{f}") } else { f.clone() }).collect())
            .collect();
        // A lone empty field is an empty line, which readers skip.
        let expected: Vec<Vec<String>> = expected.into_iter().filter(|r| r != &[String::new()]).collect();
        assert!(read == expected, "written CSV does not read back as neutralised rows");
    }
}
