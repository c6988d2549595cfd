//! Where the text of incidents waits while a corpus streams through.
//!
//! Deduplication compares dates, places, types and actors; it never reads
//! an incident's evidence sentence or the names as written, which are most
//! of its bytes. Those go to a record store, in memory for small jobs or in
//! a temporary file for a corpus, and come back when the layers are written.

use super::Incident;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The record file could not be written or read back.
#[derive(Debug, Error)]
#[error("incident records in {path}: {source}")]
pub struct StoreError {
    path: String,
    source: std::io::Error,
}

/// The text parts of one incident, as stored and read back: what
/// deduplication never compares, kept out of memory while a corpus
/// streams through (the rest of the incident is summarised in memory).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct IncidentText {
    /// The sentence that reports it.
    pub evidence: String,
    /// The other sentences of its article that report it.
    pub evidence_other: Vec<String>,
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
    /// Reused encoding buffer.
    scratch: Vec<u8>,
}

impl Drop for SpillFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            crate::tempfiles::remove(&self.path);
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
        let path = dir.join(crate::tempfiles::records_name(std::process::id(), n));
        let mut options = File::options();
        options.read(true).write(true).create_new(true);
        let file = crate::tempfiles::create(&path, &options).map_err(|e| err(&path, e))?;
        let writer = Some(BufWriter::with_capacity(1 << 16, file));
        Ok(RecordStore::File(SpillFile { path, writer, len: 0, scratch: Vec::new() }))
    }

    /// Append the text of an incident; its offset finds it again.
    pub fn append(&mut self, r: &Incident) -> Result<u64, StoreError> {
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
                let file = writer.into_inner().map_err(|e| err(&spill.path, e.into_error()))?;
                // From here the reader owns the file and removes it.
                let path = std::mem::take(&mut spill.path);
                Ok(RecordReader::File(TempFile { path, file, len: spill.len }))
            }
        }
    }
}

/// A temporary file deleted on drop, read at offsets (no shared cursor,
/// so threads read back different incidents at once).
#[derive(Debug)]
pub struct TempFile {
    path: PathBuf,
    file: File,
    len: u64,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        crate::tempfiles::remove(&self.path);
    }
}

/// Stored records, read back by byte range, from any thread.
#[derive(Debug)]
pub enum RecordReader {
    /// In memory.
    Memory(Vec<u8>),
    /// In a temporary file.
    File(TempFile),
}

impl RecordReader {
    /// Bytes stored: where a record appended next would start.
    pub fn len(&self) -> u64 {
        match self {
            RecordReader::Memory(buf) => buf.len() as u64,
            RecordReader::File(t) => t.len,
        }
    }

    /// True when nothing was stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The stored bytes of `range` (one or more whole records).
    pub fn bytes(&self, range: std::ops::Range<u64>) -> Result<Cow<'_, [u8]>, StoreError> {
        match self {
            RecordReader::Memory(buf) => buf
                .get(range.start as usize..range.end as usize)
                .map(Cow::Borrowed)
                .ok_or_else(|| err(Path::new("memory"), std::io::ErrorKind::UnexpectedEof.into())),
            RecordReader::File(t) => {
                let mut bytes = vec![0u8; (range.end - range.start) as usize];
                read_exact_at(&t.file, &mut bytes, range.start).map_err(|e| err(&t.path, e))?;
                Ok(Cow::Owned(bytes))
            }
        }
    }

    /// The record stored in `range` (its offset and the next record's).
    pub(super) fn read(&self, range: std::ops::Range<u64>) -> Result<IncidentText, StoreError> {
        let bytes = self.bytes(range)?;
        decode_record(&bytes).map_err(|e| self.error(e))
    }

    /// A read-back error, naming where the records are.
    pub fn error(&self, source: std::io::Error) -> StoreError {
        match self {
            RecordReader::Memory(_) => err(Path::new("memory"), source),
            RecordReader::File(t) => err(&t.path, source),
        }
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
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
/// actors (a presence byte, then English and Arabic), the evidence span
/// (u64s), the other evidence (a u32 count, then each string).
fn encode(r: &Incident, out: &mut Vec<u8>) {
    put_str(out, &r.evidence);
    put_str(out, &r.location_ar);
    put_str(out, &r.country);
    put_actor(out, &r.actor1);
    put_actor(out, &r.actor2);
    out.extend_from_slice(&(r.evidence_start as u64).to_le_bytes());
    out.extend_from_slice(&(r.evidence_end as u64).to_le_bytes());
    out.extend_from_slice(&(r.evidence_other.len() as u32).to_le_bytes());
    for e in &r.evidence_other {
        put_str(out, e);
    }
}

/// Decode the record `bytes` hold (exactly one, as [`encode`] wrote it).
pub(super) fn decode_record(mut bytes: &[u8]) -> std::io::Result<IncidentText> {
    let r = &mut bytes;
    let mut record = IncidentText {
        evidence: get_str(r)?,
        location_ar: get_str(r)?,
        country: get_str(r)?,
        actor1: get_actor(r)?,
        actor2: get_actor(r)?,
        evidence_start: get_u64(r)? as usize,
        evidence_end: get_u64(r)? as usize,
        evidence_other: Vec::new(),
    };
    let b = take(r, 4)?;
    let others = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    for _ in 0..others {
        record.evidence_other.push(get_str(r)?);
    }
    if r.is_empty() {
        Ok(record)
    } else {
        Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "record longer than its fields"))
    }
}

fn take<'a>(r: &mut &'a [u8], n: usize) -> std::io::Result<&'a [u8]> {
    if r.len() < n {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let (head, rest) = r.split_at(n);
    *r = rest;
    Ok(head)
}

fn get_u64(r: &mut &[u8]) -> std::io::Result<u64> {
    let b = take(r, 8)?;
    Ok(u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
}

fn get_str(r: &mut &[u8]) -> std::io::Result<String> {
    let b = take(r, 4)?;
    let len = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
    let text =
        std::str::from_utf8(take(r, len)?).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(text.to_string())
}

fn get_actor(r: &mut &[u8]) -> std::io::Result<Option<(String, String)>> {
    Ok(if take(r, 1)?[0] == 1 { Some((get_str(r)?, get_str(r)?)) } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize) -> IncidentText {
        IncidentText {
            evidence: format!("اعتقلت قوات الأمن {n} أشخاص في البوكمال."),
            evidence_other: (0..n % 3).map(|k| format!("وأضاف المصدر {k}")).collect(),
            evidence_start: n,
            evidence_end: n + 40,
            location_ar: "البوكمال".into(),
            country: "SY".into(),
            actor1: n.is_multiple_of(2).then(|| ("SDF".to_string(), "قسد".to_string())),
            actor2: None,
        }
    }

    fn incident(t: &IncidentText) -> Incident {
        let coding = crate::incidents::Coding { sub_event_type: crate::acled::SubEventType::Arrests, state_acts: true };
        let mut i = Incident::new(coding, "a.txt", &t.evidence, t.evidence_start);
        i.evidence_other = t.evidence_other.clone();
        i.evidence_end = t.evidence_end;
        (i.location_ar, i.country) = (t.location_ar.clone(), t.country.clone());
        (i.actor1, i.actor2) = (t.actor1.clone(), t.actor2.clone());
        i
    }

    fn round_trip(mut store: RecordStore) {
        let records: Vec<IncidentText> = (0..50).map(sample).collect();
        let mut offsets: Vec<u64> = records.iter().map(|r| store.append(&incident(r)).unwrap()).collect();
        let reader = store.into_reader().unwrap();
        offsets.push(reader.len());
        // Out of order, as merged incidents read them.
        for n in (0..50).rev().step_by(3).chain(0..50) {
            assert_eq!(reader.read(offsets[n]..offsets[n + 1]).unwrap(), sample(n));
        }
        // Several at once, then each from the span.
        let span = reader.bytes(offsets[10]..offsets[20]).unwrap();
        let one = (offsets[12] - offsets[10]) as usize..(offsets[13] - offsets[10]) as usize;
        assert_eq!(decode_record(&span[one]).unwrap(), sample(12));
        assert!(decode_record(&span[..]).is_err(), "ten records are not one");
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
