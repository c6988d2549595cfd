//! Reading articles: files, directories (recursively) and standard input.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use thiserror::Error;

mod jsonl;
mod walk;

pub use jsonl::{is_json_document, Event, InputFormat, InputWarning, Reader};
pub use walk::{walk_inputs, WalkNote, Walked};

/// File endings read as articles when a directory is walked.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "jsonl", "ndjson"];

/// Lines longer than this (bytes) in JSON Lines input are skipped as absurd.
pub const MAX_JSONL_LINE: usize = 64 * 1024 * 1024;

/// What can go wrong reading input.
#[derive(Debug, Error)]
pub enum InputError {
    /// A path could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A JSON Lines record is malformed.
    #[error("{path}:{line}: {why}")]
    Json {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        why: String,
    },
    /// A whole JSON document (an array, or an object over several lines)
    /// read with `--input-format auto`: neither JSON Lines nor an article's
    /// text, so reading it as text would put raw JSON in the outputs.
    #[error(
        "{path}: a JSON document, not JSON Lines (one article object per line) nor text, skipped; convert it (jq -c '.[]') or read it as text with --input-format text"
    )]
    JsonDocument {
        /// The path.
        path: String,
    },
    /// A file holds NUL bytes: not a text article.
    #[error("{path}: looks like a binary file (NUL bytes), skipped")]
    Binary {
        /// The path.
        path: String,
    },
}

/// One article to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Short name used in outputs: the file name (`stdin` for `-`).
    pub name: String,
    /// Where it came from, for messages.
    pub origin: String,
    /// The text (invalid UTF-8 replaced by U+FFFD).
    pub text: String,
    /// True when invalid UTF-8 had to be replaced.
    pub lossy: bool,
    /// Publication date as given by the input (JSON Lines `published`).
    pub published: Option<String>,
    /// Title, when the input gives one separately (JSON Lines).
    pub title: Option<String>,
    /// Characters of the document before this text, when the text is a
    /// part of an over-long document ([`split_oversized`]): offsets in the
    /// outputs add it, so they always count from the document's start.
    pub char_base: usize,
}

/// Read one input file (or standard input for `-`) as a plain-text article.
pub fn read_document(path: &Path) -> Result<Document, InputError> {
    let origin = path.display().to_string();
    let mut bytes = Vec::new();
    open(path)?.read_to_end(&mut bytes).map_err(|source| InputError::Io { path: origin.clone(), source })?;
    document_from_bytes(document_name(path), origin, bytes)
}

/// The name a plain-text article goes by in outputs: its file name.
fn document_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Open a file, or standard input for `-`, buffered.
fn open(path: &Path) -> Result<Box<dyn BufRead>, InputError> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let file =
        std::fs::File::open(path).map_err(|source| InputError::Io { path: path.display().to_string(), source })?;
    Ok(Box::new(std::io::BufReader::new(file)))
}

/// Build a document from raw bytes: rejects binary data, repairs bad UTF-8.
pub fn document_from_bytes(name: String, origin: String, bytes: Vec<u8>) -> Result<Document, InputError> {
    if bytes.contains(&0) {
        return Err(InputError::Binary { path: origin });
    }
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(t) => (t, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    Ok(Document { name, origin, text, lossy, published: None, title: None, char_base: 0 })
}

/// Read every input in order (as [`Reader`] does with `--input-format
/// auto`), handing each article, or the error that kept it from being
/// read, to `visit`; warnings are dropped.
pub fn for_each_document(paths: &[PathBuf], mut visit: impl FnMut(Result<Document, InputError>)) {
    let mut reader = Reader::new(InputFormat::Auto);
    for path in paths {
        reader.read(path, &mut |event| match event {
            Event::Article(doc) => visit(Ok(doc)),
            Event::Skipped(e) => visit(Err(e)),
            Event::Warning(_) => {}
        });
    }
}

/// Articles longer than this (bytes) are processed in parts of at most this
/// size, cut at line or sentence ends: no news article is this long, and a
/// part bounds the memory one article takes.
pub const MAX_ARTICLE_BYTES: usize = 4 * 1024 * 1024;

/// Split an over-long document into parts that keep its name (so places
/// and incidents still cite the file); short documents come back whole.
pub fn split_oversized(doc: Document) -> Vec<Document> {
    if doc.text.len() <= MAX_ARTICLE_BYTES {
        return vec![doc];
    }
    let mut parts = Vec::new();
    let mut rest = doc.text.as_str();
    let mut char_base = doc.char_base;
    while !rest.is_empty() {
        let mut cut = rest.len().min(MAX_ARTICLE_BYTES);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut < rest.len() {
            // Prefer a line end, then a sentence end, in the last quarter
            // (which starts on a character boundary: Arabic letters are two
            // bytes).
            let mut from = cut * 3 / 4;
            while !rest.is_char_boundary(from) {
                from += 1;
            }
            let window = &rest[from..cut];
            let at = window.rfind('\n').or_else(|| window.rfind(". ")).map(|i| from + i + 1);
            cut = at.unwrap_or(cut);
        }
        let (part, tail) = rest.split_at(cut);
        parts.push(Document { text: part.to_string(), char_base, ..doc.clone() });
        char_base += part.chars().count();
        rest = tail;
    }
    parts
}

/// True for paths read as JSON Lines (one article per line).
pub fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jsonl" | "ndjson"))
}

/// One article of a JSON Lines file: `id`, `url`, `title`, `published`,
/// `text`; unknown fields are ignored, optional ones may be missing.
pub fn document_from_json_line(line: &str, file: &str, line_no: usize) -> Result<Document, InputError> {
    let bad = |why: String| InputError::Json { path: file.to_string(), line: line_no, why };
    if line.len() > MAX_JSONL_LINE {
        return Err(bad(format!("line of {} bytes is too long", line.len())));
    }
    let article: JsonArticle = serde_json::from_str(line).map_err(|e| bad(json_error(&e)))?;
    // serde also reads the fields from an array (`["نص"]`): only an object names them.
    if !line.trim_start().starts_with('{') {
        return Err(bad("not a JSON object".into()));
    }
    let text = article.text.0.ok_or_else(|| bad("no `text` string field".into()))?;
    let title = article.title.0;
    let name = article.url.0.or(article.id.0).unwrap_or_else(|| format!("{file}:{line_no}"));
    let full = match &title {
        Some(t) if !text.starts_with(t.as_str()) => [t.as_str(), "\n", &text].concat(),
        _ => text,
    };
    Ok(Document {
        name,
        origin: format!("{file}:{line_no}"),
        text: full,
        lossy: false,
        published: article.published.0,
        title,
        char_base: 0,
    })
}

/// What is wrong with a JSON Lines line, without serde_json's "at line 1"
/// (the file's own line is named already) but with the column.
fn json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let what = text.split(" at line ").next().unwrap_or(&text);
    let kind = if e.is_syntax() || e.is_eof() { "not valid JSON: " } else { "" };
    format!("{kind}{what} at column {}", e.column())
}

/// The fields of a JSON Lines article hudud reads; others are skipped
/// without being built.
#[derive(serde::Deserialize)]
struct JsonArticle {
    #[serde(default)]
    text: StringField,
    #[serde(default)]
    title: StringField,
    #[serde(default)]
    url: StringField,
    #[serde(default)]
    id: StringField,
    #[serde(default, alias = "date", alias = "pubDate", alias = "published_at", alias = "datePublished")]
    published: DateField,
}

/// A publication date field: a string as written, or a number of seconds
/// (or milliseconds) since 1970 written as `@SECONDS` for the date parser.
/// Any other value (`true`, `1.5e9`, an object) is kept as JSON text, so
/// that the reader can report it as a date it cannot read; `null` is no date.
#[derive(Default)]
struct DateField(Option<String>);

impl<'de> serde::Deserialize<'de> for DateField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(DateField(match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            serde_json::Value::Number(n) if n.is_i64() => n.as_i64().map(|t| {
                // Milliseconds when too large to be seconds of this era.
                let seconds = if t.abs() > 100_000_000_000 { t / 1000 } else { t };
                format!("@{seconds}")
            }),
            other => Some(other.to_string()),
        }))
    }
}

/// A field kept when it is a string and ignored otherwise (an `id` may be
/// a number).
#[derive(Default)]
struct StringField(Option<String>);

impl<'de> serde::Deserialize<'de> for StringField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(StringField(match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Some(s),
            _ => None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_as_a_number_or_under_another_name() {
        let d = document_from_json_line(r#"{"id":"a","text":"نص","published":1707040800}"#, "f.jsonl", 1).unwrap();
        assert_eq!(d.published.as_deref(), Some("@1707040800"));
        let ms = document_from_json_line(r#"{"id":"a","text":"نص","date":1707040800000}"#, "f.jsonl", 2).unwrap();
        assert_eq!(ms.published.as_deref(), Some("@1707040800"));
        let s = document_from_json_line(r#"{"id":"a","text":"نص","pubDate":"2024-02-04T10:00:00Z"}"#, "f.jsonl", 3)
            .unwrap();
        assert_eq!(s.published.as_deref(), Some("2024-02-04T10:00:00Z"));
    }

    #[test]
    fn json_fields_of_other_types_are_ignored() {
        let d = document_from_json_line(r#"{"id":17,"title":null,"text":"نص","tags":["x"]}"#, "f.jsonl", 4).unwrap();
        assert_eq!((d.name.as_str(), d.text.as_str()), ("f.jsonl:4", "نص"));
        assert!(document_from_json_line(r#"{"text":5}"#, "f.jsonl", 5).is_err());
    }

    #[test]
    fn a_json_array_is_no_article() {
        // Found by the jsonl fuzz target: serde read ["نص"] as {"text": "نص"}.
        for line in [r#"["نص"]"#, r#" ["نص", "عنوان", "u", "i", "2025-01-01"]"#] {
            let e = document_from_json_line(line, "f.jsonl", 2).unwrap_err().to_string();
            assert_eq!(e, "f.jsonl:2: not a JSON object");
        }
    }

    #[test]
    fn a_line_that_is_no_json_names_its_file_line_and_column_once() {
        let e = document_from_json_line("not json", "f.jsonl", 3).unwrap_err().to_string();
        assert_eq!(e, "f.jsonl:3: not valid JSON: expected ident at column 2");
        let e = document_from_json_line(r#"{"text": "نص""#, "f.jsonl", 4).unwrap_err().to_string();
        assert!(e.starts_with("f.jsonl:4: not valid JSON: EOF while parsing an object at column"), "{e}");
    }

    #[test]
    fn json_line_with_extra_and_missing_fields() {
        let d = document_from_json_line(r#"{"id":"a1","text":"نص","lang":"ar"}"#, "f.jsonl", 3).unwrap();
        assert_eq!(d.name, "a1");
        assert!(d.published.is_none());
        let e = document_from_json_line("{oops", "f.jsonl", 4).unwrap_err().to_string();
        assert!(e.starts_with("f.jsonl:4:"), "{e}");
    }

    #[test]
    fn oversized_documents_split_at_line_ends() {
        let line = "سطر من النص.\n";
        let text = line.repeat(MAX_ARTICLE_BYTES / line.len() * 2 + 3);
        let doc = document_from_bytes("big.txt".into(), "big.txt".into(), text.clone().into_bytes()).unwrap();
        let parts = split_oversized(doc);
        assert!(parts.len() >= 2);
        assert!(parts.iter().all(|p| p.text.len() <= MAX_ARTICLE_BYTES && p.name == "big.txt"));
        assert_eq!(parts.iter().map(|p| p.text.as_str()).collect::<String>(), text);
        assert!(parts[0].text.ends_with('\n'));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let r = document_from_bytes("a".into(), "a".into(), vec![0x50, 0, 0x4b]);
        assert!(matches!(r, Err(InputError::Binary { .. })));
    }

    #[test]
    fn invalid_utf8_is_repaired() {
        let d = document_from_bytes("a".into(), "a".into(), vec![0xd8, 0xa7, 0xff]).unwrap();
        assert!(d.lossy);
        assert!(d.text.starts_with('ا'));
    }
}
