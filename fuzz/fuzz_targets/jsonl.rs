//! The JSON Lines reader (`input::Reader::read_from`) on arbitrary bytes,
//! as JSON Lines and as an input whose format is sniffed.
#![no_main]

use hudud::input::{is_json_document, Document, Event, InputError, InputFormat, InputWarning, Reader};
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::path::Path;

const BOM: &[u8] = "\u{feff}".as_bytes();

/// What one event says, comparable.
#[derive(Debug, PartialEq)]
enum Seen {
    Article(Document),
    Skipped(String),
    Warning(InputWarning),
}

/// Read `data` as the input `name` with `reader`.
fn read(reader: &mut Reader, name: &str, data: &[u8]) -> Vec<(Seen, Option<usize>)> {
    let mut seen = Vec::new();
    let input = Box::new(std::io::Cursor::new(data.to_vec()));
    reader.read_from(Path::new(name), input, &mut |e| {
        seen.push(match e {
            Event::Article(d) => (Seen::Article(d), None),
            Event::Skipped(e @ InputError::Json { line, .. }) => (Seen::Skipped(e.to_string()), Some(line)),
            Event::Skipped(e) => (Seen::Skipped(e.to_string()), None),
            Event::Warning(w) => (Seen::Warning(w), None),
        })
    });
    seen
}

/// The line number at the end of `origin` ("feed.txt:12"), which must be
/// of the input `name`.
fn line_of(origin: &str, name: &str) -> usize {
    let n = origin.strip_prefix(name).and_then(|o| o.strip_prefix(':')).and_then(|n| n.parse().ok());
    n.unwrap_or_else(|| panic!("origin {origin:?} names no line of {name}"))
}

/// The lines the reader looks at: (1-based number, trimmed text, whether
/// its bytes were valid UTF-8), blank ones left out.
fn records(data: &[u8]) -> Vec<(usize, String, bool)> {
    let body = data.strip_suffix(b"\n").unwrap_or(data);
    if data.is_empty() {
        return Vec::new();
    }
    let lines = body.split(|&b| b == b'\n').enumerate().map(|(i, line)| {
        let line = if i == 0 { line.strip_prefix(BOM).unwrap_or(line) } else { line };
        (i + 1, String::from_utf8_lossy(line).trim().to_string(), std::str::from_utf8(line).is_ok())
    });
    lines.filter(|(_, l, _)| !l.is_empty()).collect()
}

/// An article read from `line` holds what the line's JSON object says.
fn check_article(doc: &Document, line: &str, renamed: Option<&str>, name: &str, no: usize) {
    let value: serde_json::Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("line {no}: not JSON ({e}) but read"));
    let object = value.as_object().unwrap_or_else(|| panic!("line {no}: {value} is no object but read"));
    let field = |k: &str| object.get(k).and_then(|v| v.as_str());
    let text = field("text").unwrap_or_else(|| panic!("line {no}: no text string but read"));
    assert_eq!(doc.title.as_deref(), field("title"), "line {no}: title");
    let full = match field("title") {
        Some(t) if !text.starts_with(t) => format!("{t}\n{text}"),
        _ => text.to_string(),
    };
    assert_eq!(doc.text, full, "line {no}: text");
    let given = field("url").or(field("id")).map_or_else(|| format!("{name}:{no}"), str::to_string);
    assert_eq!(doc.name, renamed.map_or(given, str::to_string), "line {no}: name");
}

/// A warning names a line of the input `name` of `lines` lines (and the
/// line of the first use of a name, for a duplicate); a duplicate's new name
/// comes back.
fn check_warning(w: &InputWarning, name: &str, lines: usize) -> Option<String> {
    let (origin, first, renamed) = match w {
        InputWarning::DuplicateId { origin, first, renamed, .. } => (origin, Some(first), Some(renamed.clone())),
        InputWarning::BadDate { origin, .. } => (origin, None, None),
    };
    let no = line_of(origin, name);
    assert!(no >= 1 && no <= lines, "warning at line {no} of {lines}");
    let first = first.map(|f| f.rsplit_once(':').and_then(|(_, n)| n.parse::<usize>().ok()));
    assert!(first.is_none_or(|f| f.is_some_and(|f| f >= 1)), "{w}");
    renamed
}

/// Every non-blank line gives one article or one skipped record, in line
/// order; warnings name the line of the article they come before.
/// `taken` holds the names read so far: every article's is new.
fn check_lines(seen: &[(Seen, Option<usize>)], data: &[u8], name: &str, taken: &mut HashSet<String>) {
    let records = records(data);
    let lines = data.strip_suffix(b"\n").unwrap_or(data).split(|&b| b == b'\n').count();
    let mut next = records.iter();
    let mut renamed: Option<String> = None;
    for (event, json_line) in seen {
        let mut record = |no: usize| {
            let r = next.next().unwrap_or_else(|| panic!("event for line {no} past the records: {event:?}"));
            assert_eq!(r.0, no, "events out of line order: {event:?}");
            (&r.1, r.2)
        };
        match event {
            Seen::Warning(w) => {
                if let Some(r) = check_warning(w, name, lines) {
                    renamed = Some(r);
                }
            }
            Seen::Article(doc) => {
                let no = line_of(&doc.origin, name);
                let (line, valid) = record(no);
                assert_eq!(doc.lossy, !valid, "line {no}: lossy");
                check_article(doc, line, renamed.take().as_deref(), name, no);
                assert!(taken.insert(doc.name.clone()), "name {:?} given twice", doc.name);
            }
            Seen::Skipped(e) => {
                let no = json_line.unwrap_or_else(|| panic!("a record skipped without a line: {e}"));
                record(no);
                assert!(renamed.is_none(), "a rename for a skipped record");
            }
        }
    }
    assert!(next.next().is_none(), "a record was lost: {seen:?}");
}

fuzz_target!(|data: &[u8]| {
    let name = "feed.txt";
    let mut reader = Reader::new(InputFormat::Jsonl);
    let mut taken = HashSet::new();
    let lines = read(&mut reader, name, data);
    check_lines(&lines, data, name, &mut taken);
    // The same records again, as another file: all renamed, none lost.
    let again = read(&mut reader, "again.txt", data);
    check_lines(&again, data, "again.txt", &mut taken);

    // Sniffed: the JSON Lines reading, or one plain-text article (or none,
    // for binary data and a whole JSON document).
    let sniffed = read(&mut Reader::new(InputFormat::Auto), name, data);
    if sniffed != lines {
        match &sniffed[..] {
            [(Seen::Article(d), None)] => {
                assert!(d.name == name && d.text == String::from_utf8_lossy(data), "plain: {d:?}")
            }
            [(Seen::Skipped(e), None)] => assert!(data.contains(&0) || is_json_document(data), "skipped: {e}"),
            other => panic!("sniffed as neither: {other:?}"),
        }
    }

    // A byte-order mark in front changes nothing read as JSON Lines.
    if !data.starts_with(BOM) {
        let with_bom = [BOM, data].concat();
        assert!(read(&mut Reader::new(InputFormat::Jsonl), name, &with_bom) == lines, "a BOM changed the records");
        if sniffed == lines {
            let sniffed_bom = read(&mut Reader::new(InputFormat::Auto), name, &with_bom);
            assert!(sniffed_bom == lines, "a BOM changed the sniffed format");
        }
    }
});
