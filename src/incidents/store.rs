//! Where the text of incidents waits while a corpus streams through.
//!
//! Deduplication compares dates, places, types and actors; it never reads
//! an incident's evidence sentence or the names as written, which are most
//! of its bytes. Those go to a record store, in memory for small jobs or in
//! a temporary file for a corpus, and come back when the layers are written.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
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

/// A record to store, borrowed from the incident (no copies).
#[derive(Debug, Clone, Copy)]
pub struct RecordRef<'a> {
    /// See [`Record::evidence`].
    pub evidence: &'a str,
    /// See [`Record::evidence_start`].
    pub evidence_start: usize,
    /// See [`Record::evidence_end`].
    pub evidence_end: usize,
    /// See [`Record::location_ar`].
    pub location_ar: &'a str,
    /// See [`Record::country`].
    pub country: &'a str,
    /// See [`Record::actor1`].
    pub actor1: Option<(&'a str, &'a str)>,
    /// See [`Record::actor2`].
    pub actor2: Option<(&'a str, &'a str)>,
}

impl<'a> From<&'a Record> for RecordRef<'a> {
    fn from(r: &'a Record) -> Self {
        RecordRef {
            evidence: &r.evidence,
            evidence_start: r.evidence_start,
            evidence_end: r.evidence_end,
            location_ar: &r.location_ar,
            country: &r.country,
            actor1: actor_ref(&r.actor1),
            actor2: actor_ref(&r.actor2),
        }
    }
}

/// An actor pair, borrowed.
pub fn actor_ref(a: &Option<(String, String)>) -> Option<(&str, &str)> {
    a.as_ref().map(|(x, y)| (x.as_str(), y.as_str()))
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
    /// Reused encoding buffer.
    scratch: Vec<u8>,
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
        let writer = Some(BufWriter::with_capacity(1 << 16, file));
        Ok(RecordStore::File(SpillFile { path, writer, len: 0, scratch: Vec::new() }))
    }

    /// Append a record; its offset finds it again.
    pub fn append(&mut self, r: RecordRef) -> Result<u64, StoreError> {
        match self {
            RecordStore::Memory(buf) => {
                let at = buf.len() as u64;
                encode(r, buf);
                Ok(at)
            }
            RecordStore::File(spill) => {
                let at = spill.len;
                let mut bytes = std::mem::take(&mut spill.scratch);
                bytes.clear();
                encode(r, &mut bytes);
                let writer = spill.writer.as_mut().ok_or_else(|| err(&spill.path, std::io::ErrorKind::Other.into()))?;
                writer.write_all(&bytes).map_err(|e| err(&spill.path, e))?;
                spill.len += bytes.len() as u64;
                spill.scratch = bytes;
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
                let mut file = writer.into_inner().map_err(|e| err(&spill.path, e.into_error()))?;
                file.rewind().map_err(|e| err(&spill.path, e))?;
                // Opened again, not cloned: a clone would share the offset.
                let jumps = File::open(&spill.path).map_err(|e| err(&spill.path, e))?;
                // From here the reader owns the file and removes it.
                let path = std::mem::take(&mut spill.path);
                Ok(RecordReader::File(TempFile {
                    path,
                    ahead: Cursor { reader: BufReader::with_capacity(AHEAD_BUFFER, file), at: 0 },
                    jumps: Cursor { reader: BufReader::with_capacity(1024, jumps), at: 0 },
                }))
            }
        }
    }
}

/// A temporary file deleted on drop. Incidents are read back in the order
/// they were first stored, so a large buffer reads ahead for them; the
/// records a merge points to lie anywhere, and a small buffer serves those
/// jumps (a large one would reread a whole buffer for each).
#[derive(Debug)]
pub struct TempFile {
    path: PathBuf,
    ahead: Cursor,
    jumps: Cursor,
}

/// How far the read-ahead buffer reaches.
const AHEAD_BUFFER: usize = 1 << 16;

/// A buffered reader and the offset it stands at.
#[derive(Debug)]
pub struct Cursor {
    reader: BufReader<File>,
    at: u64,
}

impl Cursor {
    fn read(&mut self, offset: u64) -> std::io::Result<Record> {
        // Within the buffer this moves no file offset.
        self.reader.seek_relative(offset as i64 - self.at as i64)?;
        let record = decode(&mut self.reader)?;
        self.at = offset + encoded_len(&record);
        Ok(record)
    }
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
                let ahead = (t.ahead.at..t.ahead.at + AHEAD_BUFFER as u64).contains(&offset);
                let cursor = if ahead { &mut t.ahead } else { &mut t.jumps };
                cursor.read(offset).map_err(|e| err(&t.path, e))
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

fn put_actor(out: &mut Vec<u8>, a: Option<(&str, &str)>) {
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
fn encode(r: RecordRef, out: &mut Vec<u8>) {
    put_str(out, r.evidence);
    put_str(out, r.location_ar);
    put_str(out, r.country);
    put_actor(out, r.actor1);
    put_actor(out, r.actor2);
    out.extend_from_slice(&(r.evidence_start as u64).to_le_bytes());
    out.extend_from_slice(&(r.evidence_end as u64).to_le_bytes());
}

/// Bytes [`encode`] writes for `r`.
fn encoded_len(r: &Record) -> u64 {
    let actor = |a: &Option<(String, String)>| a.as_ref().map_or(1, |(en, ar)| 1 + 8 + en.len() + ar.len());
    (12 + r.evidence.len() + r.location_ar.len() + r.country.len() + actor(&r.actor1) + actor(&r.actor2) + 16) as u64
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
        let records: Vec<Record> = (0..50).map(sample).collect();
        let offsets: Vec<u64> = records.iter().map(|r| store.append(r.into()).unwrap()).collect();
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
