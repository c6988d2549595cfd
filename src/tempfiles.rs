//! Temporary files: their names, and their removal when hudud is stopped.
//!
//! Every temporary file hudud makes (a layer being written, the incident
//! records of a corpus, a commit journal being written, the folder `eval`
//! maps into) is created through [`create`] or registered with
//! [`register_dir`], and so listed here until it is renamed into place or
//! removed. On SIGINT or SIGTERM a thread of ours (not the signal handler,
//! which only wakes it: `signal-hook` writes to a pipe) removes what is
//! listed and exits with 130 or 143. SIGKILL lets nothing run; the names
//! carry the process id, so a later run on the folder tells the leftovers
//! of a dead process from a live one's ([`owner_pid`], [`is_alive`]).

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

/// What the cleanup removes for one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A file.
    File,
    /// A folder and everything in it.
    Tree,
    /// A folder, only when empty (one this run created).
    EmptyDir,
}

/// The paths to remove if the process is stopped now.
static REGISTRY: Mutex<Vec<(PathBuf, Kind)>> = Mutex::new(Vec::new());

/// Held while a set of files is renamed into place: a signal's cleanup
/// waits for it (lock order: this, then [`REGISTRY`]).
static COMMIT: Mutex<()> = Mutex::new(());

fn registry() -> MutexGuard<'static, Vec<(PathBuf, Kind)>> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Create (or open, as `options` say) a temporary file at `path`, listed
/// for removal on SIGINT and SIGTERM until [`forget`] or [`remove`].
///
/// It is created while the list is locked, so a signal never finds a file
/// made but not yet listed.
pub fn create(path: &Path, options: &OpenOptions) -> std::io::Result<File> {
    install_handler()?;
    let mut list = registry();
    let file = options.open(path)?;
    list.push((path.to_path_buf(), Kind::File));
    Ok(file)
}

/// List a file this process made and holds (the lock file of a folder it
/// created), removed on SIGINT and SIGTERM until [`forget`].
pub fn register_file(path: &Path) -> std::io::Result<()> {
    install_handler()?;
    registry().push((path.to_path_buf(), Kind::File));
    Ok(())
}

/// List a folder made for this process alone, removed with its contents
/// on SIGINT and SIGTERM until [`forget`].
pub fn register_dir(path: &Path) -> std::io::Result<()> {
    install_handler()?;
    registry().push((path.to_path_buf(), Kind::Tree));
    Ok(())
}

/// List a folder this run created, removed on SIGINT and SIGTERM if it is
/// empty by then (after the files listed are gone), until [`forget`].
pub fn register_created_dir(path: &Path) -> std::io::Result<()> {
    install_handler()?;
    registry().push((path.to_path_buf(), Kind::EmptyDir));
    Ok(())
}

/// Take `path` off the list: it was renamed into place or removed.
pub fn forget(path: &Path) {
    registry().retain(|(p, _)| p != path);
}

/// Remove the temporary file `path` and take it off the list.
pub fn remove(path: &Path) {
    let mut list = registry();
    let _ = std::fs::remove_file(path);
    list.retain(|(p, _)| p != path);
}

/// While the returned guard lives, a signal's cleanup waits: for the few
/// renames that put a set of files in place, which must not be cut short
/// by removing the files they move.
pub fn hold_signals() -> MutexGuard<'static, ()> {
    COMMIT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Start the thread that cleans up on SIGINT and SIGTERM (once).
fn install_handler() -> std::io::Result<()> {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    let installed = INSTALLED.get_or_init(|| {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).map_err(|e| e.to_string())?;
        let spawned = std::thread::Builder::new().name("hudud-signals".into()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                clean_up_and_exit(signal);
            }
        });
        spawned.map(drop).map_err(|e| e.to_string())
    });
    installed.clone().map_err(|e| std::io::Error::other(format!("installing the signal handler: {e}")))
}

/// Remove every listed path and exit as a shell reports the signal.
fn clean_up_and_exit(signal: i32) -> ! {
    let _commit = hold_signals();
    let list = registry();
    let by_kind = |kind: Kind| list.iter().filter(move |(_, k)| *k == kind).map(|(p, _)| p);
    for path in by_kind(Kind::File) {
        let _ = std::fs::remove_file(path);
    }
    for path in by_kind(Kind::Tree) {
        let _ = std::fs::remove_dir_all(path);
    }
    for path in by_kind(Kind::EmptyDir) {
        let _ = std::fs::remove_dir(path);
    }
    let name = if signal == signal_hook::consts::SIGINT { "SIGINT" } else { "SIGTERM" };
    eprintln!("hudud: stopped by {name}; temporary files removed");
    // The guards stay held: nothing else may start a file or a rename now.
    std::process::exit(128 + signal)
}

/// The temporary name under which `name` is written by process `pid`:
/// `.NAME.tmp-PID`, hidden, beside it.
pub fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.tmp-{pid}")
}

/// The name of the `n`th incident record file of process `pid`.
pub fn records_name(pid: u32, n: u32) -> String {
    format!(".hudud-incidents-{pid}-{n}.tmp")
}

/// The process whose temporary file `name` is, if it is one hudud makes
/// in an output folder: `.NAME.tmp-PID` for a NAME of `finals`, or
/// incident records. Other names (a user's own files) give None.
pub fn owner_pid(name: &str, finals: &[&str]) -> Option<u32> {
    if let Some(rest) = name.strip_prefix(".hudud-incidents-").and_then(|r| r.strip_suffix(".tmp")) {
        let (pid, n) = rest.split_once('-')?;
        return n.parse::<u32>().ok().and(digits(pid));
    }
    let (stem, pid) = name.rsplit_once(".tmp-")?;
    let final_name = stem.strip_prefix('.')?;
    finals.contains(&final_name).then_some(())?;
    digits(pid)
}

/// A process id written in decimal digits only (no sign, no spaces).
fn digits(s: &str) -> Option<u32> {
    s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse().ok()).flatten()
}

/// Whether process `pid` may still be running. Only a process known to be
/// gone (no `/proc/PID`, or a zombie) is not; without `/proc` every
/// process counts as alive, so nothing of a live one is ever removed.
pub fn is_alive(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the name, which is in parentheses and may hold any byte.
        Ok(stat) => !matches!(stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next()), Some('Z' | 'X')),
        Err(_) => Path::new(&format!("/proc/{pid}")).exists(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FINALS: &[&str] = &["places.geojson", "mentions.csv"];

    #[test]
    fn owner_of_layer_temporaries() {
        assert_eq!(owner_pid(&temp_name("places.geojson", 42), FINALS), Some(42));
        assert_eq!(owner_pid(".mentions.csv.tmp-7", FINALS), Some(7));
    }

    #[test]
    fn owner_of_record_files() {
        assert_eq!(owner_pid(&records_name(42, 3), FINALS), Some(42));
        assert_eq!(owner_pid(".hudud-incidents-42-x.tmp", FINALS), None);
    }

    #[test]
    fn other_files_have_no_owner() {
        for name in ["notes.txt", ".my.txt.tmp-42", ".places.geojson.tmp-", ".places.geojson.tmp-+4", "places.geojson"]
        {
            assert_eq!(owner_pid(name, FINALS), None, "{name}");
        }
    }

    #[test]
    fn this_process_is_alive_and_a_reaped_one_is_not() {
        assert!(is_alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!is_alive(pid) || !Path::new("/proc/self").exists());
    }

    #[test]
    fn created_files_are_listed_until_removed() {
        let dir = std::env::temp_dir().join(format!("hudud-tempfiles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(temp_name("x", std::process::id()));
        create(&path, OpenOptions::new().write(true).create(true)).unwrap();
        assert!(registry().iter().any(|(p, _)| p == &path));
        remove(&path);
        assert!(!path.exists() && !registry().iter().any(|(p, _)| p == &path));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
