//! One writer per output folder at a time: an exclusive lock on
//! `DIR/.hudud.lock`, released by the system when the process ends
//! (however it ends: `flock` semantics).

use super::OutputError;
use crate::tempfiles;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The lock file's name in an output folder. It stays there (empty)
/// after a run: removing it could let two runs lock two different files.
pub const LOCK_FILE: &str = ".hudud.lock";

/// An exclusive hold on an output folder, for as long as it lives.
#[derive(Debug)]
pub struct FolderLock {
    dir: PathBuf,
    file: File,
    /// Whether this run made the folder (then a failed run removes it).
    created: bool,
}

impl FolderLock {
    /// Create `dir` if need be and lock it, waiting while another process
    /// holds it; `on_wait` is called once, before the wait, to say so.
    ///
    /// The lock is advisory: it keeps hudud runs apart, not other programs.
    pub fn acquire(dir: &Path, on_wait: impl FnOnce()) -> Result<FolderLock, OutputError> {
        if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
            return Err(OutputError::NotAFolder { path: dir.to_path_buf() });
        }
        let created = !dir.exists();
        let mut on_wait = Some(on_wait);
        let path = dir.join(LOCK_FILE);
        let io = |e| OutputError::io(&path, e);
        loop {
            std::fs::create_dir_all(dir).map_err(|e| OutputError::io(dir, e))?;
            let file =
                OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    if let Some(say) = on_wait.take() {
                        say();
                    }
                    file.lock().map_err(io)?;
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
            }
            // A run that failed in a folder it made removes the folder,
            // lock file and all, while holding the lock: the file locked
            // here may be gone. Then lock the new one.
            if is_same_file(&file, &path) {
                if created {
                    register_created(dir, &path).map_err(io)?;
                }
                return Ok(FolderLock { dir: dir.to_path_buf(), file, created });
            }
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// After a failed run: remove the folder again if this run made it and
    /// nothing else is in it but the lock file; then unlock.
    pub fn remove_if_created(self) {
        if self.created {
            let entries = std::fs::read_dir(&self.dir).map(|d| d.filter_map(Result::ok).count());
            if entries.is_ok_and(|n| n == 1) {
                let _ = std::fs::remove_file(self.dir.join(LOCK_FILE));
                let _ = std::fs::remove_dir(&self.dir);
            }
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if self.created {
            tempfiles::forget(&self.dir.join(LOCK_FILE));
            tempfiles::forget(&self.dir);
        }
        // Closing the file releases the lock; unlocking first says so.
        let _ = self.file.unlock();
    }
}

/// A folder this run made goes again if the run is stopped by a signal.
fn register_created(dir: &Path, lock: &Path) -> std::io::Result<()> {
    tempfiles::register_file(lock)?;
    tempfiles::register_created_dir(dir)
}

#[cfg(unix)]
fn is_same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hudud-lock-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn second_holder_waits_for_the_first() {
        let d = dir("wait");
        let first = FolderLock::acquire(&d, || panic!("nobody holds it yet")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let d2 = d.clone();
        let waiter = std::thread::spawn(move || {
            let _second = FolderLock::acquire(&d2, || tx.send("waiting").unwrap()).unwrap();
        });
        assert_eq!(rx.recv().unwrap(), "waiting");
        drop(first);
        waiter.join().unwrap();
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_created_folder_is_removed_after_a_failure() {
        let d = dir("created");
        FolderLock::acquire(&d, || {}).unwrap().remove_if_created();
        assert!(!d.exists());
    }

    #[test]
    fn a_folder_with_files_stays() {
        let d = dir("kept");
        let lock = FolderLock::acquire(&d, || {}).unwrap();
        std::fs::write(d.join("notes.txt"), "mine").unwrap();
        lock.remove_if_created();
        assert!(d.join("notes.txt").exists() && d.join(LOCK_FILE).exists());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
