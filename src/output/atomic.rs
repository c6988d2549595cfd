//! Atomic file writes: a file is either complete or absent, never half.
//! For a set of files that must change together, see [`super::commit`].

use crate::tempfiles;
use std::fs::{File, OpenOptions};
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
    let mut file = AtomicFile::create(path)?;
    // Dropped on error, the temporary goes; the original stays untouched.
    fill(file.writer())?;
    file.commit()
}

/// A file being written in place of `path`: it appears under its name only
/// when [`AtomicFile::commit`] succeeds (or when [`super::commit_set`] puts
/// it in place with others); dropped before, it vanishes.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    /// None once flushed and synced.
    writer: Option<BufWriter<File>>,
    /// Whether the temporary is removed on drop: until it is renamed, or
    /// listed in a commit journal that needs it.
    owns_tmp: bool,
}

impl AtomicFile {
    /// Start writing `path` (through a temporary file beside it, named
    /// `.NAME.tmp-PID`).
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let tmp = temp_path(path);
        let file = tempfiles::create(&tmp, OpenOptions::new().write(true).create(true).truncate(true))?;
        let writer = Some(BufWriter::with_capacity(WRITE_BUFFER, file));
        Ok(AtomicFile { path: path.to_path_buf(), tmp, writer, owns_tmp: true })
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self.writer.as_mut() {
            Some(w) => w,
            None => unreachable!("AtomicFile written after it was synced"),
        }
    }

    /// Where the file goes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where it is written meanwhile.
    pub fn temp(&self) -> &Path {
        &self.tmp
    }

    /// Flush and sync the temporary to disk (once; later calls do nothing).
    pub fn sync(&mut self) -> std::io::Result<()> {
        if let Some(w) = self.writer.take() {
            let file = w.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
        }
        Ok(())
    }

    /// From now on the temporary outlives this value: a commit journal
    /// lists it, and only the renames (or the next run) may move it.
    pub(super) fn keep_temp(&mut self) {
        self.owns_tmp = false;
        tempfiles::forget(&self.tmp);
    }

    /// Flush, sync and move the file into place, alone.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.sync()?;
        std::fs::rename(&self.tmp, &self.path)?;
        self.owns_tmp = false;
        tempfiles::forget(&self.tmp);
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.owns_tmp {
            tempfiles::remove(&self.tmp);
        }
    }
}

/// Layers are written in large pieces: fewer system calls on a corpus.
const WRITE_BUFFER: usize = 1 << 20;

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(tempfiles::temp_name(&name, std::process::id()))
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
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "temporary file left behind");
        let mut f = AtomicFile::create(&path).unwrap();
        f.writer().write_all(b"whole").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "whole");
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
