//! A private folder under the system temp dir, removed when dropped: where
//! `hudud eval` lets `hudud map` write the layers it scores.

use std::hash::{BuildHasher, Hasher};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// A folder made for this process alone, removed with its contents on drop.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

/// Names tried before giving up (each is new and unpredictable).
const ATTEMPTS: u32 = 64;

impl TempDir {
    /// Make a new folder `PREFIX-<random>` in the system temp dir.
    ///
    /// It is created, not reused: a name that already exists (a file, a
    /// folder or a link someone placed) is passed over, and on Unix only
    /// the owner may enter it.
    pub fn new(prefix: &str) -> std::io::Result<Self> {
        let base = std::env::temp_dir();
        for attempt in 0..ATTEMPTS {
            let path = base.join(format!("{prefix}-{:016x}", random_name(attempt)));
            match create_private(&path) {
                Ok(()) => {
                    // Removed on SIGINT and SIGTERM too.
                    if let Err(e) = crate::tempfiles::register_dir(&path) {
                        let _ = std::fs::remove_dir(&path);
                        return Err(e);
                    }
                    return Ok(TempDir { path });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::new(ErrorKind::AlreadyExists, format!("no free name for a folder in {}", base.display())))
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Nothing to report to at this point; a folder left in the temp
        // dir is the system's to clean.
        let _ = std::fs::remove_dir_all(&self.path);
        crate::tempfiles::forget(&self.path);
    }
}

/// 64 bits no other process can guess: std's randomly keyed hasher over
/// the process id, the time and the attempt.
fn random_name(attempt: u32) -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u32(attempt);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.finish()
}

/// Create `path` (never an existing one); owner-only on Unix.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_private_and_removed_on_drop() {
        let dir = TempDir::new("hudud-test-tempdir").unwrap();
        let path = dir.path().to_path_buf();
        std::fs::write(path.join("x"), "x").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o700);
        }
        drop(dir);
        assert!(!path.exists());
    }

    #[test]
    fn two_folders_differ() {
        let (a, b) = (TempDir::new("hudud-test-tempdir").unwrap(), TempDir::new("hudud-test-tempdir").unwrap());
        assert_ne!(a.path(), b.path());
    }
}
