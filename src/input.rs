//! Reading articles: files, directories (recursively) and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// File endings read as articles when a directory is walked.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md"];

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
}

/// Expand command-line inputs into a sorted list of files (`-` kept as is).
/// Directories are walked recursively for `.txt` and `.md` files.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(input.clone());
        } else if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)?;
            found.sort();
            out.extend(found);
        } else if input.exists() {
            out.push(input.clone());
        } else {
            return Err(InputError::Io {
                path: input.display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let io = |source| InputError::Io { path: dir.display().to_string(), source };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Read one input file (or standard input for `-`) as an article.
pub fn read_document(path: &Path) -> Result<Document, InputError> {
    let origin = path.display().to_string();
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    result.map_err(|source| InputError::Io { path: origin.clone(), source })?;
    let name = if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.file_name().map_or_else(|| origin.clone(), |n| n.to_string_lossy().into_owned())
    };
    document_from_bytes(name, origin, bytes)
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
    Ok(Document { name, origin, text, lossy })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn missing_path_is_an_error_naming_it() {
        let err = expand_inputs(&[PathBuf::from("/no/such/dir")]).unwrap_err();
        assert!(err.to_string().starts_with("/no/such/dir"));
    }
}
