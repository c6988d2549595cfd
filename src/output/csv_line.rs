//! CSV lines written straight into a byte buffer.
//!
//! The layers hold millions of cells; a `csv::Writer` per part and an
//! owned string per cell cost more than the text itself. The quoting is
//! the csv crate's default (`QuoteStyle::Necessary`, `\n` terminator), so
//! files read the same and headers can still come from the csv crate.

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

    /// A text field, quoted when it holds a comma, a quote or a line break.
    pub fn text(&mut self, field: &str) {
        self.separate();
        let bytes = field.as_bytes();
        if !any_byte(bytes, |b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
            self.out.extend_from_slice(bytes);
            return;
        }
        self.out.push(b'"');
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

    /// End the line.
    pub fn end(self) {
        self.out.push(b'\n');
    }
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
    fn quotes_only_what_needs_it() {
        let rows =
            vec![vec!["a".to_string(), "b c".into(), "x,y".into(), "say \"hi\"".into(), "l1\nl2".into(), "".into()]];
        assert_eq!(by_hand(&rows), by_csv_crate(&rows));
    }

    #[test]
    fn same_bytes_as_the_csv_crate_on_random_fields() {
        let alphabet = ['a', ',', '"', '\n', '\r', ' ', 'ب', '\\', '#', '\''];
        let mut rng = Rng::new(7);
        let rows: Vec<Vec<String>> = (0..2000)
            .map(|_| {
                let fields = 2 + rng.below(6);
                (0..fields).map(|_| (0..rng.below(6)).map(|_| alphabet[rng.below(alphabet.len())]).collect()).collect()
            })
            .collect();
        assert_eq!(by_hand(&rows), by_csv_crate(&rows));
    }
}
