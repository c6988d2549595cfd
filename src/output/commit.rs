//! Replacing a set of files in a folder as one: after any failure, full
//! disk or kill, the folder holds all the old files or all the new ones.
//!
//! The folder may be a mount point and may hold the user's own files, so
//! it cannot be swapped for another; each file keeps its name, so no link
//! or sub-folder can stand in for the set. Instead:
//!
//! 1. every new file is written beside its target as `.NAME.tmp-PID` and
//!    synced; a failure here (a full disk) removes them, and nothing of the
//!    old set has changed;
//! 2. a journal, `.hudud-commit`, listing the renames is written to a
//!    temporary, synced and renamed into place, and the folder synced:
//!    from this moment the new set is committed;
//! 3. the temporaries are renamed over their targets, the folder synced,
//!    the journal removed and the folder synced again.
//!
//! Whoever next locks the folder ([`recover`], at the start of every
//! `hudud map` on it; [`settle`], before a layer is read from it) finds a
//! journal only if step 3 was cut short, and finishes it: the renames
//! left are done, whatever the process that wrote it was doing. With no
//! journal, temporaries are leftovers of an update that never committed,
//! and those of dead processes are removed.
//!
//! What a reader that opens the files on its own (QGIS) may see: during
//! step 3, which takes well under a millisecond for a few files, some new
//! files beside old ones; and if the process is killed within step 3, that
//! mix until hudud next runs on the folder. No single rename of the
//! folder's own entries can do better while the files stay where they are.

use super::lock::FolderLock;
use super::AtomicFile;
use crate::tempfiles::{is_alive, owner_pid};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The journal of an update under way, in the folder it updates.
pub const JOURNAL: &str = ".hudud-commit";

/// A file or folder could not be locked, written, synced or renamed.
#[derive(Debug, Error)]
pub enum OutputError {
    /// An operation on `path` failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A journal hudud cannot read: it did not write it so.
    #[error("{}: not a commit journal written by hudud ({why}); move it away and run hudud again", path.display())]
    BadJournal {
        /// The journal.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// The output path exists and is no folder (a file, say).
    #[error("{}: not a folder", path.display())]
    NotAFolder {
        /// The path given as the output folder.
        path: PathBuf,
    },
    /// The renames of step 3 failed part way; the journal stays.
    #[error(
        "{}: only some of the new files are in place ({cause}); the next hudud run on this folder completes the update",
        dir.display()
    )]
    Halfway {
        /// The folder.
        dir: PathBuf,
        /// Why a rename failed.
        cause: std::io::Error,
    },
}

impl OutputError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        OutputError::Io { path: path.to_path_buf(), source }
    }
}

/// Put `files` (all in the locked folder) in place together, as the module
/// documentation describes. Dropped uncommitted on an error before the
/// journal is written, their temporaries are removed.
pub fn commit_set(lock: &FolderLock, mut files: Vec<AtomicFile>) -> Result<(), OutputError> {
    let dir = lock.dir();
    sync_files(&mut files)?;
    let mut renames = Vec::with_capacity(files.len());
    for f in &files {
        renames.push(rename_of(dir, f)?);
    }
    // A signal's cleanup waits from here to the end: it must not remove
    // temporaries the journal needs.
    let _held = crate::tempfiles::hold_signals();
    write_journal(dir, &renames)?;
    for f in &mut files {
        f.keep_temp();
    }
    let crash_after = test_crash_point();
    for (done, (tmp, name)) in renames.iter().enumerate() {
        if crash_after == Some(done) {
            // Test only: die here as a kill would, running nothing of ours.
            std::process::exit(137);
        }
        std::fs::rename(dir.join(tmp), dir.join(name))
            .map_err(|cause| OutputError::Halfway { dir: dir.to_path_buf(), cause })?;
    }
    finish_journal(dir)
}

/// `HUDUD_TEST_CRASH_AFTER_RENAMES=N`, for the tests only: the process
/// exits after N renames of step 3, leaving what a kill there leaves.
fn test_crash_point() -> Option<usize> {
    std::env::var("HUDUD_TEST_CRASH_AFTER_RENAMES").ok()?.parse().ok()
}

/// The rename that puts `f` in place, as names inside `dir`.
fn rename_of(dir: &Path, f: &AtomicFile) -> Result<(String, String), OutputError> {
    let name = |p: &Path| {
        let inside = p.parent() == Some(dir);
        p.file_name().and_then(|n| n.to_str()).filter(|_| inside).map(String::from)
    };
    let not_inside = || std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("not in {}", dir.display()));
    let (tmp, target) = (name(f.temp()), name(f.path()));
    let (Some(tmp), Some(target)) = (tmp, target) else { return Err(OutputError::io(f.path(), not_inside())) };
    if f.path().is_dir() {
        let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "a folder has the name of this file");
        return Err(OutputError::io(f.path(), e));
    }
    Ok((tmp, target))
}

/// Flush and sync every file, each on a thread of its own so the waits
/// for the disk overlap. The error names the file.
fn sync_files(files: &mut [AtomicFile]) -> Result<(), OutputError> {
    let sync = |f: &mut AtomicFile| f.sync().map_err(|e| OutputError::io(f.path(), e));
    let results: Vec<Result<(), OutputError>> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            files.iter_mut().map(|f| std::thread::Builder::new().spawn_scoped(scope, move || sync(f))).collect();
        let joined = handles.into_iter().filter_map(Result::ok).map(|h| h.join());
        joined
            .map(|r| r.unwrap_or_else(|_| Err(OutputError::io(Path::new("sync"), std::io::Error::other("panic")))))
            .collect()
    });
    results.into_iter().collect::<Result<(), _>>()?;
    // A file whose thread could not be started is synced here (a synced
    // file is not synced twice).
    files.iter_mut().try_for_each(sync)
}

/// Step 2: the journal, in place and on disk.
fn write_journal(dir: &Path, renames: &[(String, String)]) -> Result<(), OutputError> {
    let path = dir.join(JOURNAL);
    let mut text = String::from("hudud-commit 1\n");
    for (tmp, name) in renames {
        text.push_str(&format!("rename {tmp} {name}\n"));
    }
    text.push_str("end\n");
    let mut file = AtomicFile::create(&path).map_err(|e| OutputError::io(&path, e))?;
    file.writer().write_all(text.as_bytes()).map_err(|e| OutputError::io(&path, e))?;
    file.commit().map_err(|e| OutputError::io(&path, e))?;
    sync_dir(dir)
}

/// The end of step 3: the renames on disk, then the journal gone.
fn finish_journal(dir: &Path) -> Result<(), OutputError> {
    sync_dir(dir)?;
    let path = dir.join(JOURNAL);
    std::fs::remove_file(&path).map_err(|e| OutputError::io(&path, e))?;
    // Else a journal that came back after a power cut could rename the
    // temporaries of a later run that reused this process id.
    sync_dir(dir)
}

/// Make the folder's renames durable.
fn sync_dir(dir: &Path) -> Result<(), OutputError> {
    match std::fs::File::open(dir).and_then(|d| d.sync_all()) {
        Ok(()) => Ok(()),
        // Some file systems cannot sync a folder; the renames stand all the same.
        Err(e) if matches!(e.kind(), std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported) => Ok(()),
        Err(e) => Err(OutputError::io(dir, e)),
    }
}

/// What [`recover`] found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// An update cut short in step 3 was completed.
    pub completed: bool,
    /// Temporary files of dead processes removed.
    pub removed: usize,
}

/// Before writing to a locked folder: complete an update a killed run left
/// half done, and remove the temporaries of dead processes (only those
/// named after `finals`, the files the update writes, or incident records;
/// a live process's are kept).
pub fn recover(lock: &FolderLock, finals: &[&str]) -> Result<Recovery, OutputError> {
    let completed = roll_forward(lock.dir())?;
    let removed = remove_stale(lock.dir(), finals)?;
    Ok(Recovery { completed, removed })
}

/// Before reading layers from `dir`: complete an update a killed run left
/// half done there (then [`recover`] it all). Takes the folder's lock only
/// when a journal is there; `on_wait` says when it must wait for it.
pub fn settle(dir: &Path, finals: &[&str], on_wait: impl FnOnce()) -> Result<Recovery, OutputError> {
    if !dir.join(JOURNAL).exists() {
        return Ok(Recovery::default());
    }
    let lock = FolderLock::acquire(dir, on_wait)?;
    recover(&lock, finals)
}

/// Finish the renames a journal in `dir` lists; true if there was one.
fn roll_forward(dir: &Path) -> Result<bool, OutputError> {
    let path = dir.join(JOURNAL);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(OutputError::io(&path, e)),
    };
    let bad = |why: &str| OutputError::BadJournal { path: path.clone(), why: why.to_string() };
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8"))?;
    let renames = parse_journal(&text).map_err(bad)?;
    for (tmp, name) in renames {
        match std::fs::rename(dir.join(tmp), dir.join(name)) {
            // Gone: renamed before the run stopped.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            r => r.map_err(|e| OutputError::io(&dir.join(name), e))?,
        }
    }
    finish_journal(dir)?;
    Ok(true)
}

/// The renames a journal lists, checked: each moves `.NAME.tmp-PID` to
/// NAME, a plain name inside the folder.
fn parse_journal(text: &str) -> Result<Vec<(&str, &str)>, &'static str> {
    let mut lines = text.lines();
    if lines.next() != Some("hudud-commit 1") {
        return Err("no 'hudud-commit 1' header");
    }
    let mut renames = Vec::new();
    for line in lines.by_ref() {
        if line == "end" {
            return Ok(renames);
        }
        let Some(("rename", pair)) = line.split_once(' ') else { return Err("a line is no rename") };
        let Some((tmp, name)) = pair.split_once(' ') else { return Err("a rename without a target") };
        let plain = !name.is_empty() && !name.contains(['/', '\\', ' ', '\0']) && name != "." && name != "..";
        if !plain || owner_pid(tmp, &[name]).is_none() {
            return Err("a rename of names hudud does not write");
        }
        renames.push((tmp, name));
    }
    Err("no 'end' line")
}

/// Remove the temporaries of dead processes in `dir`; how many.
fn remove_stale(dir: &Path, finals: &[&str]) -> Result<usize, OutputError> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| OutputError::io(dir, e))? {
        let entry = entry.map_err(|e| OutputError::io(dir, e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let owner = owner_pid(name, finals).or_else(|| owner_pid(name, &[JOURNAL]));
        if owner.is_some_and(|pid| !is_alive(pid)) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(OutputError::io(&entry.path(), e)),
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tempfiles::{records_name, temp_name};

    fn folder(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hudud-commit-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn files(dir: &Path, text: &str) -> Vec<AtomicFile> {
        ["a.txt", "b.txt", "c.txt"]
            .iter()
            .map(|n| {
                let mut f = AtomicFile::create(&dir.join(n)).unwrap();
                f.writer().write_all(format!("{text} {n}").as_bytes()).unwrap();
                f
            })
            .collect()
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_set_replaces_the_old_one_and_leaves_no_temporaries() {
        let d = folder("set");
        let lock = FolderLock::acquire(&d, || {}).unwrap();
        commit_set(&lock, files(&d, "old")).unwrap();
        commit_set(&lock, files(&d, "new")).unwrap();
        assert_eq!(std::fs::read_to_string(d.join("b.txt")).unwrap(), "new b.txt");
        assert_eq!(listing(&d), [".hudud.lock", "a.txt", "b.txt", "c.txt"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_journal_cut_short_is_rolled_forward() {
        let d = folder("forward");
        let lock = FolderLock::acquire(&d, || {}).unwrap();
        commit_set(&lock, files(&d, "old")).unwrap();
        // What a kill after the first rename leaves: a.txt new, b and c old.
        std::fs::write(d.join("a.txt"), "new a.txt").unwrap();
        for n in ["b.txt", "c.txt"] {
            std::fs::write(d.join(temp_name(n, 1)), format!("new {n}")).unwrap();
        }
        let journal =
            "hudud-commit 1\nrename .a.txt.tmp-1 a.txt\nrename .b.txt.tmp-1 b.txt\nrename .c.txt.tmp-1 c.txt\nend\n";
        std::fs::write(d.join(JOURNAL), journal).unwrap();
        assert_eq!(recover(&lock, &["a.txt", "b.txt", "c.txt"]).unwrap(), Recovery { completed: true, removed: 0 });
        for n in ["a.txt", "b.txt", "c.txt"] {
            assert_eq!(std::fs::read_to_string(d.join(n)).unwrap(), format!("new {n}"));
        }
        assert_eq!(listing(&d), [".hudud.lock", "a.txt", "b.txt", "c.txt"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn stale_temporaries_of_the_dead_go_and_others_stay() {
        let d = folder("stale");
        let lock = FolderLock::acquire(&d, || {}).unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let me = std::process::id();
        let names = [temp_name("a.txt", dead), records_name(dead, 0), temp_name("a.txt", me), temp_name("mine", dead)];
        for n in &names {
            std::fs::write(d.join(n), "x").unwrap();
        }
        assert_eq!(recover(&lock, &["a.txt"]).unwrap().removed, 2);
        let mut kept = vec![".hudud.lock".to_string(), names[2].clone(), names[3].clone()];
        kept.sort();
        assert_eq!(listing(&d), kept);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn journals_hudud_did_not_write_are_refused() {
        for bad in [
            "",
            "hudud-commit 1\nrename .a.tmp-1 a\n",
            "hudud-commit 1\nrename .a.tmp-1 ../a\nend\n",
            "hudud-commit 1\nrename notes.txt a\nend\n",
            "hudud-commit 1\nrm a\nend\n",
        ] {
            assert!(parse_journal(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_journal("hudud-commit 1\nrename .a.tmp-1 a\nend\n"), Ok(vec![(".a.tmp-1", "a")]));
    }

    #[test]
    fn a_target_taken_by_a_folder_leaves_the_old_set() {
        let d = folder("fail");
        let lock = FolderLock::acquire(&d, || {}).unwrap();
        commit_set(&lock, files(&d, "old")).unwrap();
        let mut new = files(&d, "new");
        std::fs::create_dir(d.join("d.txt")).unwrap();
        new.push(AtomicFile::create(&d.join("d.txt")).unwrap());
        assert!(commit_set(&lock, new).is_err());
        assert_eq!(std::fs::read_to_string(d.join("a.txt")).unwrap(), "old a.txt");
        assert_eq!(listing(&d), [".hudud.lock", "a.txt", "b.txt", "c.txt", "d.txt"]);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
