//! Reading inputs one after another: plain text or JSON Lines (by name,
//! by `--input-format`, or by a look at the first line), with the checks
//! that span records: ids used twice and dates that cannot be read.

use super::{document_from_bytes, document_from_json_line, document_name, is_jsonl, open, Document, InputError};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, Read};
use std::path::Path;
use thiserror::Error;

/// How inputs are read (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    /// `.jsonl`/`.ndjson` files are JSON Lines; any other input (`-`, `.json`,
    /// `.txt`) is JSON Lines when its first non-blank line is a JSON object
    /// with a `text` string, and plain text otherwise.
    #[default]
    Auto,
    /// Every input is one plain-text article.
    Text,
    /// Every input is JSON Lines, one article per line.
    Jsonl,
}

/// What reading an input yields, in input order.
#[derive(Debug)]
pub enum Event {
    /// An article.
    Article(Document),
    /// Something that could not be read as an article (a file, or one
    /// JSON Lines record), and was skipped.
    Skipped(InputError),
    /// An article was read, but not quite as given.
    Warning(InputWarning),
}

/// Something read with a change worth telling: nothing is skipped.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum InputWarning {
    /// A JSON Lines record names an article already named (by `url`, else
    /// `id`): it gets the name with `#2`, `#3`… added, so outputs tell them apart.
    #[error("{origin}: id {id:?} already used at {first}; this article is named {renamed:?} in the outputs")]
    DuplicateId {
        /// File and line of the record.
        origin: String,
        /// The name as given.
        id: String,
        /// File and line of the first record with that name.
        first: String,
        /// The name it goes by.
        renamed: String,
    },
    /// A `published` value that is no date hudud can read: the article's
    /// date is looked for in its text instead.
    #[error("{origin}: published value {value:?} is not a date; the date is looked for in the text")]
    BadDate {
        /// File and line of the record.
        origin: String,
        /// The value as given.
        value: String,
    },
}

/// Reads inputs one after another, remembering the names JSON Lines
/// articles have taken so that each name is given once.
pub struct Reader {
    format: InputFormat,
    /// Labels of the JSON Lines inputs read, for the `first` of a duplicate.
    labels: Vec<String>,
    /// Names taken, by a 128-bit hash (memory stays small on millions of
    /// records; a collision is as likely as none at all): where the name
    /// was first used (label index, line), and the next suffix to try.
    names: HashMap<u128, (usize, usize, usize)>,
}

impl Reader {
    /// A reader of inputs in `format`.
    pub fn new(format: InputFormat) -> Self {
        Reader { format, labels: Vec::new(), names: HashMap::new() }
    }

    /// Read one input (`-` for standard input), handing what it yields to `visit`.
    pub fn read(&mut self, path: &Path, visit: &mut dyn FnMut(Event)) {
        match open(path) {
            Ok(input) => self.read_from(path, input, visit),
            Err(e) => visit(Event::Skipped(e)),
        }
    }

    /// [`Reader::read`] of an input already opened: `path` names it, and
    /// chooses the format (by its ending) as it would there.
    pub fn read_from(&mut self, path: &Path, mut input: Box<dyn BufRead>, visit: &mut dyn FnMut(Event)) {
        let label = if path.as_os_str() == "-" { "stdin".to_string() } else { path.display().to_string() };
        let io = |source| Event::Skipped(InputError::Io { path: label.clone(), source });
        let jsonl = match self.format {
            InputFormat::Text => false,
            InputFormat::Jsonl => true,
            InputFormat::Auto if is_jsonl(path) => true,
            InputFormat::Auto => match sniff(&mut input) {
                Ok((head, jsonl)) => {
                    input = Box::new(std::io::Cursor::new(head).chain(input));
                    jsonl
                }
                Err(e) => return visit(io(e)),
            },
        };
        if jsonl {
            if let Err(e) = self.stream(input, &label, visit) {
                visit(io(e));
            }
        } else {
            let mut bytes = Vec::new();
            match input.read_to_end(&mut bytes) {
                Ok(_) if self.format == InputFormat::Auto && is_json_document(&bytes) => {
                    visit(Event::Skipped(InputError::JsonDocument { path: label.clone() }))
                }
                Ok(_) => visit(
                    document_from_bytes(document_name(path), label, bytes).map_or_else(Event::Skipped, Event::Article),
                ),
                Err(e) => visit(io(e)),
            }
        }
    }

    /// One article per line; a byte-order mark before the first is dropped.
    fn stream(
        &mut self,
        mut input: Box<dyn BufRead>,
        label: &str,
        visit: &mut dyn FnMut(Event),
    ) -> std::io::Result<()> {
        self.labels.push(label.to_string());
        let mut buf = Vec::new();
        let mut line_no = 0;
        loop {
            buf.clear();
            if input.read_until(b'\n', &mut buf)? == 0 {
                return Ok(());
            }
            line_no += 1;
            let bytes = if line_no == 1 { buf.strip_prefix(BOM).unwrap_or(&buf) } else { &buf };
            // Valid UTF-8 (nearly every line) is checked by the faster validator.
            let line = match std::str::from_utf8(bytes) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(bytes),
            };
            if line.trim().is_empty() {
                continue;
            }
            match document_from_json_line(line.trim_end(), label, line_no) {
                Ok(mut doc) => {
                    // Repaired bytes are told, as for a plain-text file.
                    doc.lossy = matches!(line, std::borrow::Cow::Owned(_));
                    self.checked(doc, line_no, visit)
                }
                Err(e) => visit(Event::Skipped(e)),
            }
        }
    }

    /// Hand on a JSON Lines article with a name of its own, after the
    /// warnings its name and date call for.
    fn checked(&mut self, mut doc: Document, line_no: usize, visit: &mut dyn FnMut(Event)) {
        if let Some(value) = doc.published.as_deref().filter(|v| crate::pipeline::parse_date_field(v).is_none()) {
            visit(Event::Warning(InputWarning::BadDate { origin: doc.origin.clone(), value: value.to_string() }));
        }
        if let Some((file, line)) = self.take_name(&doc.name, line_no) {
            let renamed = self.rename(&doc.name, line_no);
            let first = format!("{}:{line}", self.labels[file]);
            let id = std::mem::replace(&mut doc.name, renamed.clone());
            visit(Event::Warning(InputWarning::DuplicateId { origin: doc.origin.clone(), id, first, renamed }));
        }
        visit(Event::Article(doc));
    }

    /// Take `name` for the record at `line_no` of the current input; when
    /// it is taken already, where it was first taken.
    fn take_name(&mut self, name: &str, line_no: usize) -> Option<(usize, usize)> {
        let file = self.labels.len() - 1;
        match self.names.entry(name_key(name)) {
            std::collections::hash_map::Entry::Occupied(taken) => Some((taken.get().0, taken.get().1)),
            std::collections::hash_map::Entry::Vacant(free) => {
                free.insert((file, line_no, 2));
                None
            }
        }
    }

    /// The first of `name#2`, `name#3`… not taken yet, taken for this record.
    fn rename(&mut self, name: &str, line_no: usize) -> String {
        loop {
            let n = self.names.get_mut(&name_key(name)).map_or(2, |e| {
                e.2 += 1;
                e.2 - 1
            });
            let candidate = format!("{name}#{n}");
            if self.take_name(&candidate, line_no).is_none() {
                return candidate;
            }
        }
    }
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// A name's key: two different SipHash keys make 128 bits.
fn name_key(name: &str) -> u128 {
    let half = |seed: u64| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        seed.hash(&mut h);
        name.hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

/// True when `bytes` (after a byte-order mark) are one whole JSON array or
/// object, as a `.json` export is: not JSON Lines (its first line is no
/// article object) and no article's text either.
///
/// ```
/// use hudud::input::is_json_document;
/// assert!(is_json_document(b"[\n {\"text\": \"x\"}\n]\n"));
/// assert!(!is_json_document("[عاجل] نص الخبر".as_bytes()));
/// ```
pub fn is_json_document(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    body.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| matches!(b, b'[' | b'{'))
        && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
}

/// Read up to the first non-blank line and tell whether it opens JSON
/// Lines: a JSON object with a `text` string. The lines read come back, to
/// be read again.
fn sniff(input: &mut Box<dyn BufRead>) -> std::io::Result<(Vec<u8>, bool)> {
    let mut head = Vec::new();
    loop {
        let start = head.len();
        if input.read_until(b'\n', &mut head)? == 0 {
            return Ok((head, false));
        }
        let line = &head[start..];
        let line = if start == 0 { line.strip_prefix(BOM).unwrap_or(line) } else { line };
        let Ok(text) = std::str::from_utf8(line) else { return Ok((head, false)) };
        let text = text.trim();
        if !text.is_empty() {
            let jsonl = text.starts_with('{') && document_from_json_line(text, "", 1).is_ok();
            return Ok((head, jsonl));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(format: InputFormat, name: &str, content: &str) -> Vec<Event> {
        let dir = std::env::temp_dir().join(format!("hudud-reader-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let mut events = Vec::new();
        Reader::new(format).read(&path, &mut |e| events.push(e));
        events
    }

    fn names(events: &[Event]) -> Vec<&str> {
        events.iter().filter_map(|e| if let Event::Article(d) = e { Some(d.name.as_str()) } else { None }).collect()
    }

    #[test]
    fn json_lines_are_recognised_by_their_first_line() {
        let feed = "\n{\"id\":\"a\",\"text\":\"نص\"}\n{\"id\":\"b\",\"text\":\"نص\"}\n";
        assert_eq!(names(&read(InputFormat::Auto, "feed.json", feed)), ["a", "b"]);
        assert_eq!(names(&read(InputFormat::Text, "feed2.json", feed)), ["feed2.json"]);
        assert_eq!(names(&read(InputFormat::Auto, "plain.txt", "{ليس JSON}\nنص")), ["plain.txt"]);
        assert_eq!(names(&read(InputFormat::Jsonl, "feed.txt", feed)), ["a", "b"]);
    }

    #[test]
    fn a_json_document_is_skipped_unless_read_as_text() {
        let array = "[\n  {\"id\": \"a\", \"text\": \"نص\"}\n]\n";
        let events = read(InputFormat::Auto, "feed.json", array);
        assert!(matches!(&events[..], [Event::Skipped(InputError::JsonDocument { .. })]), "{events:?}");
        assert_eq!(names(&read(InputFormat::Text, "feed.json", array)), ["feed.json"]);
        // Brackets opening a text are no JSON.
        assert_eq!(names(&read(InputFormat::Auto, "a.txt", "[عاجل] نص الخبر")), ["a.txt"]);
    }

    #[test]
    fn a_byte_order_mark_keeps_the_first_record() {
        let feed = "\u{feff}{\"id\":\"a\",\"text\":\"نص\"}\n{\"id\":\"b\",\"text\":\"نص\"}\n";
        assert_eq!(names(&read(InputFormat::Auto, "bom.jsonl", feed)), ["a", "b"]);
        assert_eq!(names(&read(InputFormat::Auto, "bom.json", feed)), ["a", "b"]);
    }

    #[test]
    fn repeated_ids_get_numbered_names_and_a_warning() {
        let line = |id: &str| format!("{{\"id\":\"{id}\",\"text\":\"نص\"}}\n");
        let feed = [line("a"), line("a#2"), line("a"), line("a")].concat();
        let events = read(InputFormat::Auto, "dup.jsonl", &feed);
        assert_eq!(names(&events), ["a", "a#2", "a#3", "a#4"]);
        let warning = events.iter().find_map(|e| if let Event::Warning(w) = e { Some(w.to_string()) } else { None });
        let warning = warning.unwrap();
        assert!(warning.contains("dup.jsonl:3") && warning.contains("dup.jsonl:1"), "{warning}");
    }

    #[test]
    fn a_record_with_invalid_utf8_is_flagged() {
        let dir = std::env::temp_dir().join(format!("hudud-reader-{}-utf8", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.jsonl");
        std::fs::write(&path, b"{\"id\":\"a\",\"text\":\"\xff \xd8\xa7\"}\n{\"id\":\"b\",\"text\":\"ok\"}\n").unwrap();
        let mut lossy = Vec::new();
        Reader::new(InputFormat::Auto).read(&path, &mut |e| {
            if let Event::Article(d) = e {
                lossy.push((d.name, d.lossy, d.text));
            }
        });
        let expected = [("a".to_string(), true, "\u{fffd} ا".to_string()), ("b".to_string(), false, "ok".to_string())];
        assert_eq!(lossy, expected);
    }

    #[test]
    fn unreadable_dates_are_reported_with_the_value() {
        let feed = "{\"id\":\"a\",\"text\":\"نص\",\"published\":\"soon\"}\n{\"id\":\"b\",\"text\":\"نص\",\"published\":true}\n";
        let events = read(InputFormat::Auto, "dates.jsonl", feed);
        let warnings: Vec<String> =
            events.iter().filter_map(|e| if let Event::Warning(w) = e { Some(w.to_string()) } else { None }).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("dates.jsonl:1") && warnings[0].contains("\"soon\""), "{warnings:?}");
        assert!(warnings[1].contains("dates.jsonl:2") && warnings[1].contains("true"), "{warnings:?}");
    }
}
