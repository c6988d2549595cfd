//! hudud (حدود, "borders"): turn Arabic news about security incidents in the
//! Iraq–Syria border region into maps.
//!
//! The pipeline flows one way: [`arabic`] normalises text, [`gazetteer`]
//! knows places, [`geoparse`] finds and resolves place names, [`input`]
//! reads articles, and [`output`] writes GeoJSON layers atomically.

pub mod arabic;
pub mod cli;
pub mod corpus;
pub mod gazetteer;
pub mod geoparse;
pub mod incidents;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod spatial;

/// A fast, deterministic hasher for small string keys (FNV-1a): the
/// lexicon and word-frequency lookups run per word, where SipHash showed up
/// in profiles. Not for keys an adversary chooses.
#[derive(Debug, Clone, Copy)]
pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A HashMap using [`FnvHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FnvHasher>>;
