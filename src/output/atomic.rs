//! Atomic file writes: a layer is either complete or absent, never half.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Write a file through `fill`, into a temporary file beside `path` that is
/// renamed over `path` only when everything was written and flushed.
///
/// ```
/// let dir = std::env::temp_dir().join("hudud-doc-atomic");
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("x.txt");
/// hudud::output::write_atomic(&path, |w| w.write_all(b"ok")).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "ok");
/// ```
pub fn write_atomic(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut w = BufWriter::with_capacity(WRITE_BUFFER, File::create(&tmp)?);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        // Leave nothing half-written behind; the original stays untouched.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A file being written in place of `path`: it appears under its name only
/// when [`AtomicFile::commit`] succeeds; dropped uncommitted, it vanishes.
/// For layers written while the input is still being read.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Start writing `path` (through a temporary file beside it).
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let tmp = temp_path(path);
        let writer = Some(BufWriter::with_capacity(WRITE_BUFFER, File::create(&tmp)?));
        Ok(AtomicFile { path: path.to_path_buf(), tmp, writer })
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self.writer.as_mut() {
            Some(w) => w,
            None => unreachable!("AtomicFile used after commit"),
        }
    }

    /// Flush, sync and move the file into place.
    pub fn commit(mut self) -> std::io::Result<()> {
        if let Some(w) = self.writer.take() {
            let file = w.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            std::fs::rename(&self.tmp, &self.path)?;
        }
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Commit several files at once: each is synced on a thread of its own,
/// so the waits for the disk overlap. On failure the error names the file;
/// the files that failed are left uncommitted (and removed).
pub fn commit_all(files: Vec<AtomicFile>) -> std::io::Result<()> {
    let commit = |f: AtomicFile| {
        let path = f.path.clone();
        f.commit().map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    };
    let slots: Vec<std::sync::Mutex<Option<AtomicFile>>> =
        files.into_iter().map(|f| std::sync::Mutex::new(Some(f))).collect();
    let take = |slot: &std::sync::Mutex<Option<AtomicFile>>| slot.lock().ok().and_then(|mut f| f.take());
    let results: Vec<std::io::Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = slots
            .iter()
            .map(|slot| std::thread::Builder::new().spawn_scoped(scope, move || take(slot).map_or(Ok(()), commit)))
            .collect();
        // A thread that could not be started leaves its file in its slot:
        // it is committed here instead, never lost.
        handles
            .into_iter()
            .zip(&slots)
            .map(|(h, slot)| match h {
                Ok(h) => h.join().unwrap_or_else(|_| Err(std::io::Error::other("a commit thread panicked"))),
                Err(_) => take(slot).map_or(Ok(()), commit),
            })
            .collect()
    });
    results.into_iter().collect()
}

/// Layers are written in large pieces: fewer system calls on a corpus.
const WRITE_BUFFER: usize = 1 << 20;

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_file_vanishes() {
        let dir = std::env::temp_dir().join(format!("hudud-atomicfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("mentions.csv");
        {
            let mut f = AtomicFile::create(&path).unwrap();
            f.writer().write_all(b"half").unwrap();
        }
        assert!(!path.exists());
        let mut f = AtomicFile::create(&path).unwrap();
        f.writer().write_all(b"whole").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "whole");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn commit_all_moves_every_file_into_place() {
        let dir = std::env::temp_dir().join(format!("hudud-commitall-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let files: Vec<AtomicFile> = (0..3)
            .map(|i| {
                let mut f = AtomicFile::create(&dir.join(format!("{i}.txt"))).unwrap();
                f.writer().write_all(i.to_string().as_bytes()).unwrap();
                f
            })
            .collect();
        commit_all(files).unwrap();
        for i in 0..3 {
            assert_eq!(std::fs::read_to_string(dir.join(format!("{i}.txt"))).unwrap(), i.to_string());
        }
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3, "temporary files left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn failed_write_leaves_old_file() {
        let dir = std::env::temp_dir().join(format!("hudud-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("layer.geojson");
        std::fs::write(&path, "old").unwrap();
        let r = write_atomic(&path, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("crash"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
