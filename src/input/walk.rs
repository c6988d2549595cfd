//! Turning command-line inputs into the list of files to read: folders are
//! walked recursively, every file is read once, and nothing that cannot be
//! listed or read stops the others.

use super::{InputError, ARTICLE_EXTENSIONS};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Something worth telling the user about the inputs that skips nothing
/// they asked for, or skips only what could not be read as an article.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum WalkNote {
    /// A folder reached again through a symbolic link (a loop, or two links
    /// to one folder): it was walked the first time only.
    #[error("{path}: same folder as {first} (through a symbolic link), walked once")]
    FolderAgain {
        /// The path that leads to the folder again.
        path: String,
        /// Where it was walked.
        first: String,
    },
    /// A file reached again (through a link, or named twice): read once.
    #[error("{path}: same file as {first}, read once")]
    FileAgain {
        /// The second path to the file.
        path: String,
        /// The path it is read under.
        first: String,
    },
    /// A FIFO, socket or device with an article's name inside a folder:
    /// reading it could block forever, so it is skipped.
    #[error("{path}: not a regular file, skipped")]
    NotRegular {
        /// The path.
        path: String,
    },
}

impl WalkNote {
    /// True when the note leaves out something with an article's name (a
    /// FIFO, socket or device), which the run's summary counts as skipped;
    /// a folder or file reached again is read once, and skips nothing.
    pub fn skips(&self) -> bool {
        matches!(self, WalkNote::NotRegular { .. })
    }
}

/// What walking the inputs found: the files to read, in order, and what
/// went wrong or was worth a note on the way.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files to read, `-` for standard input, in a fixed order: inputs as
    /// given, each folder's files sorted by path.
    pub paths: Vec<PathBuf>,
    /// Inputs that could not be listed or found; each one skips what it names.
    pub skipped: Vec<InputError>,
    /// Notes about links, repeated files and special files.
    pub notes: Vec<WalkNote>,
}

/// Identity of a file or folder on disk, whatever path leads to it.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

#[cfg(unix)]
fn file_key(_path: &Path, meta: &std::fs::Metadata) -> FileKey {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_key(path: &Path, _meta: &std::fs::Metadata) -> FileKey {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Expand command-line inputs into the files to read. Folders are walked
/// recursively for article files ([`ARTICLE_EXTENSIONS`]), following
/// symbolic links but never into a folder already walked; each file is
/// listed once. A file named on the command line is read whatever it is (a
/// pipe from `<(…)` too); inside folders only regular files are.
pub fn walk_inputs(inputs: &[PathBuf]) -> Walked {
    let mut walker = Walker::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            walker.out.paths.push(input.clone());
            continue;
        }
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walker.folder(input, &meta),
            Ok(meta) => walker.file(input, &meta),
            Err(source) => walker.out.skipped.push(io_error(input, source)),
        }
    }
    walker.out
}

fn io_error(path: &Path, source: std::io::Error) -> InputError {
    InputError::Io { path: path.display().to_string(), source }
}

#[derive(Default)]
struct Walker {
    out: Walked,
    /// Folders walked and files listed, with the path first seen.
    seen: HashMap<FileKey, PathBuf>,
}

impl Walker {
    /// List a file unless it is listed already.
    fn file(&mut self, path: &Path, meta: &std::fs::Metadata) {
        match self.seen.get(&file_key(path, meta)) {
            Some(first) => self
                .out
                .notes
                .push(WalkNote::FileAgain { path: path.display().to_string(), first: first.display().to_string() }),
            None => {
                self.seen.insert(file_key(path, meta), path.to_path_buf());
                self.out.paths.push(path.to_path_buf());
            }
        }
    }

    /// Walk a folder unless walked already, its entries in name order (the
    /// order sorting the full paths would give).
    fn folder(&mut self, dir: &Path, meta: &std::fs::Metadata) {
        if let Some(first) = self.seen.get(&file_key(dir, meta)) {
            let (path, first) = (dir.display().to_string(), first.display().to_string());
            self.out.notes.push(WalkNote::FolderAgain { path, first });
            return;
        }
        self.seen.insert(file_key(dir, meta), dir.to_path_buf());
        let mut entries = match list(dir) {
            Ok(entries) => entries,
            Err(e) => return self.out.skipped.push(e),
        };
        entries.sort();
        for path in entries {
            self.entry(&path);
        }
    }

    /// One folder entry: a folder to walk, an article file to list, or
    /// something to skip.
    fn entry(&mut self, path: &Path) {
        // Links are followed; a broken one is reported if it looks like an article.
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if is_article_name(path) => return self.out.skipped.push(io_error(path, e)),
            Err(_) => return,
        };
        if meta.is_dir() {
            self.folder(path, &meta);
        } else if !is_article_name(path) {
            // Not ours: images, gold files and the like are left alone.
        } else if meta.is_file() {
            self.file(path, &meta);
        } else {
            self.out.notes.push(WalkNote::NotRegular { path: path.display().to_string() });
        }
    }
}

/// The entries of a folder; an error names the folder.
fn list(dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        entries.push(entry.map_err(|e| io_error(dir, e))?.path());
    }
    Ok(entries)
}

fn is_article_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hudud-walk-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn missing_input_is_skipped_and_the_rest_listed() {
        let d = temp("missing");
        std::fs::write(d.join("a.txt"), "x").unwrap();
        let w = walk_inputs(&[PathBuf::from("/no/such/dir"), d.clone()]);
        assert_eq!(w.paths, vec![d.join("a.txt")]);
        assert!(w.skipped[0].to_string().starts_with("/no/such/dir"), "{:?}", w.skipped);
    }

    #[test]
    fn folders_are_walked_in_sorted_path_order() {
        let d = temp("order");
        for f in ["b.txt", "b/c.txt", "a.md", "z.jsonl", "skip.png"] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "x").unwrap();
        }
        let w = walk_inputs(std::slice::from_ref(&d));
        let mut sorted = w.paths.clone();
        sorted.sort();
        assert_eq!(w.paths, sorted);
        assert_eq!(w.paths.len(), 4);
    }

    #[cfg(unix)]
    #[test]
    fn links_lead_to_each_file_once() {
        let d = temp("links");
        std::fs::create_dir_all(d.join("x")).unwrap();
        std::fs::create_dir_all(d.join("y")).unwrap();
        std::fs::write(d.join("x/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink("../y", d.join("x/l1")).unwrap();
        std::os::unix::fs::symlink("../x", d.join("y/l2")).unwrap();
        std::os::unix::fs::symlink("a.txt", d.join("x/same.txt")).unwrap();
        let w = walk_inputs(&[d.clone(), d.join("x/a.txt")]);
        assert_eq!(w.paths, vec![d.join("x/a.txt")]);
        assert!(w.notes.iter().any(|n| matches!(n, WalkNote::FolderAgain { .. })), "{:?}", w.notes);
        assert!(w.notes.iter().any(|n| matches!(n, WalkNote::FileAgain { .. })), "{:?}", w.notes);
    }
}
