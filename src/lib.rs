//! hudud (حدود, "borders"): turn Arabic news about security incidents in the
//! Iraq–Syria border region into maps.
//!
//! [`acled`] holds ACLED's codes as types, for every stage. The pipeline
//! flows one way: [`arabic`] normalises text, [`gazetteer`]
//! knows places, [`geoparse`] finds and resolves place names, [`input`]
//! reads articles, and [`output`] writes GeoJSON layers atomically;
//! [`tempfiles`] keeps track of the temporary files on the way.

pub mod acled;
pub mod arabic;
pub mod cli;
pub mod corpus;
pub mod eval;
pub mod gazetteer;
pub mod geoparse;
pub mod incidents;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod spatial;
pub mod tempfiles;

/// A fast, deterministic hasher for small keys: the lexicon, memo and
/// word-frequency lookups run per word, where SipHash showed up in
/// profiles. It takes eight bytes per step (the multiply-rotate of rustc's
/// FxHasher). Not for keys an adversary chooses.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves its entropy in the high bits; the table
        // indexes by the low ones.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// A HashMap using [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;
