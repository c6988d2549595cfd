//! Where the text of incidents waits while a corpus streams through.
//!
//! Deduplication compares dates, places, types and actors; it never reads
//! an incident's evidence sentence or the names as written, which are most
//! of its bytes. Those go to a record store, in memory for small jobs or in
//! a temporary file for a corpus, and come back when the layers are written.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The record file could not be written or read back.
#[derive(Debug, Error)]
#[error("incident records in {path}: {source}")]
pub struct StoreError {
    path: String,
    source: std::io::Error,
}

/// The text parts of one incident, as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The sentence that reports it.
    pub evidence: String,
    /// Character offset of the evidence in its source.
    pub evidence_start: usize,
    /// Character offset just past the evidence.
    pub evidence_end: usize,
    /// The place name as written.
    pub location_ar: String,
    /// Country of the location (or of the article).
    pub country: String,
    /// Acting side (English, Arabic as written).
    pub actor1: Option<(String, String)>,
    /// Target side (English, Arabic as written).
    pub actor2: Option<(String, String)>,
}

/// Records appended in order, each found again by its offset.
#[derive(Debug)]
pub enum RecordStore {
    /// In memory (small jobs, tests).
    Memory(Vec<u8>),
    /// In a temporary file, removed when the store is dropped.
    File(SpillFile),
}

/// The temporary file of a [`RecordStore`], removed when dropped.
#[derive(Debug)]
pub struct SpillFile {
    path: PathBuf,
    /// Buffered appends (taken when reading starts).
    writer: Option<BufWriter<File>>,
    /// Bytes written so far.
    len: u64,
}

impl Drop for SpillFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl RecordStore {
    /// A store in memory.
    pub fn memory() -> Self {
        RecordStore::Memory(Vec::new())
    }

    /// A store in a new temporary file inside `dir` (the output folder,
    /// which has room for the layers; `/tmp` may be memory).
    pub fn temp_file(dir: &Path) -> Result<Self, StoreError> {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = dir.join(format!(".hudud-incidents-{}-{n}.tmp", std::process::id()));
        let file = File::options().read(true).write(true).create_new(true).open(&path).map_err(|e| err(&path, e))?;
        Ok(RecordStore::File(SpillFile { path, writer: Some(BufWriter::with_capacity(1 << 16, file)), len: 0 }))
    }

    /// Append a record; its offset finds it again.
    pub fn append(&mut self, r: &Record) -> Result<u64, StoreError> {
        let mut bytes = Vec::with_capacity(r.evidence.len() + 64);
        encode(r, &mut bytes);
        match self {
            RecordStore::Memory(buf) => {
                let at = buf.len() as u64;
                buf.extend_from_slice(&bytes);
                Ok(at)
            }
            RecordStore::File(spill) => {
                let at = spill.len;
                let writer = spill.writer.as_mut().ok_or_else(|| err(&spill.path, std::io::ErrorKind::Other.into()))?;
                writer.write_all(&bytes).map_err(|e| err(&spill.path, e))?;
                spill.len += bytes.len() as u64;
                Ok(at)
            }
        }
    }

    /// Finish appending and open the records for reading.
    pub fn into_reader(self) -> Result<RecordReader, StoreError> {
        match self {
            RecordStore::Memory(buf) => Ok(RecordReader::Memory(buf)),
            RecordStore::File(mut spill) => {
                let writer = spill.writer.take().ok_or_else(|| err(&spill.path, std::io::ErrorKind::Other.into()))?;
                let file = writer.into_inner().map_err(|e| err(&spill.path, e.into_error()))?;
                // From here the reader owns the file and removes it.
                Ok(RecordReader::File(TempFile { path: std::mem::take(&mut spill.path), file }))
            }
        }
    }
}

/// A temporary file deleted on drop.
#[derive(Debug)]
pub struct TempFile {
    path: PathBuf,
    file: File,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Stored records, read back by offset.
#[derive(Debug)]
pub enum RecordReader {
    /// In memory.
    Memory(Vec<u8>),
    /// In a temporary file.
    File(TempFile),
}

impl RecordReader {
    /// The record stored at `offset`.
    pub fn read(&mut self, offset: u64) -> Result<Record, StoreError> {
        match self {
            RecordReader::Memory(buf) => {
                let mut slice = buf.get(offset as usize..).unwrap_or_default();
                decode(&mut slice).map_err(|e| err(Path::new("memory"), e))
            }
            RecordReader::File(t) => {
                t.file.seek(SeekFrom::Start(offset)).map_err(|e| err(&t.path, e))?;
                decode(&mut std::io::BufReader::with_capacity(1024, &t.file)).map_err(|e| err(&t.path, e))
            }
        }
    }
}

fn err(path: &Path, source: std::io::Error) -> StoreError {
    StoreError { path: path.display().to_string(), source }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_actor(out: &mut Vec<u8>, a: &Option<(String, String)>) {
    match a {
        Some((en, ar)) => {
            out.push(1);
            put_str(out, en);
            put_str(out, ar);
        }
        None => out.push(0),
    }
}

/// Layout: evidence, location, country (each u32 length + UTF-8), the two
/// actors (a presence byte, then English and Arabic), the evidence span (u64s).
fn encode(r: &Record, out: &mut Vec<u8>) {
    put_str(out, &r.evidence);
    put_str(out, &r.location_ar);
    put_str(out, &r.country);
    put_actor(out, &r.actor1);
    put_actor(out, &r.actor2);
    out.extend_from_slice(&(r.evidence_start as u64).to_le_bytes());
    out.extend_from_slice(&(r.evidence_end as u64).to_le_bytes());
}

fn get_u64(r: &mut impl Read) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn get_str(r: &mut impl Read) -> std::io::Result<String> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    let mut bytes = vec![0u8; u32::from_le_bytes(b) as usize];
    r.read_exact(&mut bytes)?;
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

fn get_actor(r: &mut impl Read) -> std::io::Result<Option<(String, String)>> {
    let mut flag = [0u8; 1];
    r.read_exact(&mut flag)?;
    Ok(if flag[0] == 1 { Some((get_str(r)?, get_str(r)?)) } else { None })
}

fn decode(r: &mut impl Read) -> std::io::Result<Record> {
    Ok(Record {
        evidence: get_str(r)?,
        location_ar: get_str(r)?,
        country: get_str(r)?,
        actor1: get_actor(r)?,
        actor2: get_actor(r)?,
        evidence_start: get_u64(r)? as usize,
        evidence_end: get_u64(r)? as usize,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize) -> Record {
        Record {
            evidence: format!("اعتقلت قوات الأمن {n} أشخاص في البوكمال."),
            evidence_start: n,
            evidence_end: n + 40,
            location_ar: "البوكمال".into(),
            country: "SY".into(),
            actor1: (n % 2 == 0).then(|| ("SDF".to_string(), "قسد".to_string())),
            actor2: None,
        }
    }

    fn round_trip(mut store: RecordStore) {
        let offsets: Vec<u64> = (0..50).map(|n| store.append(&sample(n)).unwrap()).collect();
        let mut reader = store.into_reader().unwrap();
        // Out of order, as merged incidents read them.
        for n in (0..50).rev().step_by(3).chain(0..50) {
            assert_eq!(reader.read(offsets[n]).unwrap(), sample(n));
        }
    }

    #[test]
    fn memory_round_trip() {
        round_trip(RecordStore::memory());
    }

    #[test]
    fn file_round_trip_and_cleanup() {
        let dir = std::env::temp_dir().join(format!("hudud-store-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        round_trip(RecordStore::temp_file(&dir).unwrap());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "temporary file left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
