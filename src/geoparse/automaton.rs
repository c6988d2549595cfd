//! The recogniser's pattern automaton, kept free of the rest of the crate
//! (only `std` and daachorse) so that `build.rs` can include this file and
//! build the automaton for the built-in gazetteer at compile time.
//!
//! daachorse takes each pattern text once; several patterns may share a
//! text (two names normalising alike, a word that is also a name). Such a
//! text's value points into a table of all its pattern ids, so matches are
//! reported as aho-corasick's overlapping search did: by end, then longest
//! first, then by id.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// Automaton values with this bit set index [`Automaton::group_starts`]
/// instead of naming one pattern.
const SHARED: u32 = 1 << 31;

/// The pattern automaton.
#[derive(Clone)]
pub struct Automaton {
    pma: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Group `g` of patterns sharing a text is
    /// `group_ids[group_starts[g]..group_starts[g + 1]]`, ascending.
    group_starts: Vec<u32>,
    group_ids: Vec<u32>,
}

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Automaton").field("bytes", &self.pma.heap_bytes()).field("shared", &self.groups()).finish()
    }
}

impl Automaton {
    /// Build over `texts`; pattern `i` is `texts[i]`.
    pub fn build<S: AsRef<str>>(texts: &[S]) -> Result<Self, String> {
        if texts.iter().any(|t| t.as_ref().is_empty()) {
            // daachorse would match an empty pattern alone and drop the rest.
            return Err("an empty pattern".to_string());
        }
        if u32::try_from(texts.len()).map_or(true, |n| n >= SHARED) {
            return Err("too many patterns".to_string());
        }
        // Text → every pattern id it stands for, in first-seen order.
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(texts.len());
        let mut ids: Vec<Vec<u32>> = Vec::with_capacity(texts.len());
        for (i, t) in texts.iter().enumerate() {
            let slot = *first.entry(t.as_ref()).or_insert_with(|| {
                ids.push(Vec::with_capacity(1));
                ids.len() - 1
            });
            ids[slot].push(i as u32);
        }
        let mut group_starts = vec![0u32];
        let mut group_ids = Vec::new();
        let values: Vec<(&str, u32)> = ids
            .iter()
            .map(|list| {
                let text = texts[list[0] as usize].as_ref();
                if list.len() == 1 {
                    return (text, list[0]);
                }
                group_ids.extend_from_slice(list);
                group_starts.push(group_ids.len() as u32);
                (text, SHARED | (group_starts.len() as u32 - 2))
            })
            .collect();
        let pma = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(values)
            .map_err(|e| e.to_string())?;
        Ok(Automaton { pma, group_starts, group_ids })
    }

    /// How many texts stand for several patterns.
    pub fn groups(&self) -> usize {
        self.group_starts.len() - 1
    }

    /// Every (pattern id, start, end) occurrence, overlapping ones included.
    #[inline]
    pub fn for_each_match(&self, text: &str, mut visit: impl FnMut(usize, usize, usize)) {
        for m in self.pma.find_overlapping_iter(text) {
            let v = m.value();
            if v & SHARED == 0 {
                visit(v as usize, m.start(), m.end());
            } else {
                for &id in self.group(v & !SHARED) {
                    visit(id as usize, m.start(), m.end());
                }
            }
        }
    }

    /// The pattern ids of shared group `g` (empty if there is none).
    fn group(&self, g: u32) -> &[u32] {
        let g = g as usize;
        match (self.group_starts.get(g), self.group_starts.get(g + 1)) {
            (Some(&a), Some(&b)) => self.group_ids.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The automaton as bytes for [`Automaton::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for list in [&self.group_starts, &self.group_ids] {
            out.extend_from_slice(&(list.len() as u32).to_le_bytes());
            list.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        }
        out.extend_from_slice(&self.pma.serialize());
        out
    }

    /// Read [`Automaton::to_bytes`]; `None` if the bytes are not a whole,
    /// valid automaton (daachorse checks its part).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let (group_starts, rest) = read_u32s(bytes)?;
        let (group_ids, rest) = read_u32s(rest)?;
        let (pma, rest) = CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(rest).ok()?;
        let ordered = group_starts.first() == Some(&0) && group_starts.windows(2).all(|w| w[0] <= w[1]);
        let fits = group_starts.last().is_some_and(|&end| end as usize == group_ids.len());
        (rest.is_empty() && ordered && fits).then_some(Automaton { pma, group_starts, group_ids })
    }
}

/// A length-prefixed little-endian u32 list, and the bytes after it.
fn read_u32s(bytes: &[u8]) -> Option<(Vec<u32>, &[u8])> {
    let word = |b: &[u8]| b.try_into().ok().map(u32::from_le_bytes);
    let n = word(bytes.get(..4)?)? as usize;
    let body = bytes.get(4..4 + n.checked_mul(4)?)?;
    let list = body.chunks_exact(4).filter_map(word).collect();
    Some((list, &bytes[4 + 4 * n..]))
}

/// The contracted "لل…" pattern of an article name ("الرقه" → "للرقه"):
/// the rest of the name after its "ال", when that rest is long enough for
/// the contraction to be read as the name.
pub fn lam_form_rest(name: &str) -> Option<&str> {
    name.strip_prefix("ال").filter(|rest| rest.chars().nth(1).is_some())
}

/// The pattern texts of a recogniser, each in up to two pieces to join:
/// every name (and "لل" + the rest of an article name), then every word.
pub fn pattern_pieces<'a>(
    names: impl Iterator<Item = &'a str> + 'a,
    words: impl Iterator<Item = &'a str> + 'a,
) -> impl Iterator<Item = [&'a str; 2]> + 'a {
    let names = names.flat_map(|n| std::iter::once([n, ""]).chain(lam_form_rest(n).map(|rest| ["لل", rest])));
    names.chain(words.map(|w| [w, ""]))
}

/// A prebuilt automaton: its pattern texts (each length-prefixed), then
/// the automaton, so a reader can check it was built over the patterns it
/// needs before using it.
pub fn write_prebuilt(texts: &[String]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    out.extend_from_slice(&(texts.len() as u32).to_le_bytes());
    for t in texts {
        out.extend_from_slice(&(t.len() as u32).to_le_bytes());
        out.extend_from_slice(t.as_bytes());
    }
    out.extend_from_slice(&Automaton::build(texts)?.to_bytes());
    Ok(out)
}

/// The automaton of a [`write_prebuilt`] blob, if it was built over
/// exactly the texts `expected` yields (in order); `None` otherwise.
pub fn read_prebuilt<'a>(blob: &[u8], expected: impl Iterator<Item = [&'a str; 2]>) -> Option<Automaton> {
    let word = |b: &[u8], at: usize| b.get(at..at + 4)?.try_into().ok().map(u32::from_le_bytes);
    let count = word(blob, 0)? as usize;
    let mut at = 4;
    let mut seen = 0;
    for [a, b] in expected {
        let len = word(blob, at)? as usize;
        let text = blob.get(at + 4..at + 4 + len)?;
        if len != a.len() + b.len() || !text.starts_with(a.as_bytes()) || !text.ends_with(b.as_bytes()) {
            return None;
        }
        at += 4 + len;
        seen += 1;
    }
    if seen != count {
        return None;
    }
    Automaton::from_bytes(blob.get(at..)?)
}
