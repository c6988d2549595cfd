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
        let mut w = BufWriter::new(File::create(&tmp)?);
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

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
