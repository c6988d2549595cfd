//! The Arabic name index: normalised surface form → places it can name.
//!
//! Built once per start-up over every variant of every Arabic name (tens of
//! thousands), so it is a sorted table rather than a tree: collecting the
//! (form, place) pairs and sorting them once costs a fraction of inserting
//! each into a `BTreeMap`, and a lookup is one binary search.

use super::{arabic_variants, Place, PlaceIdx};

/// Sorted, unique forms with the places of each (sorted, unique).
#[derive(Debug, Clone, Default)]
pub(super) struct ArabicIndex {
    /// The forms in byte order (the order `BTreeMap<String, _>` iterates).
    forms: Vec<String>,
    /// `places[ends[i - 1]..ends[i]]` are the places of `forms[i]`.
    ends: Vec<u32>,
    places: Vec<PlaceIdx>,
}

impl ArabicIndex {
    /// Index every variant ([`arabic_variants`]) of every Arabic name.
    pub(super) fn build(places: &[Place]) -> Self {
        let mut pairs: Vec<(String, PlaceIdx)> = Vec::with_capacity(places.len() * 2);
        for (i, p) in places.iter().enumerate() {
            for name in p.arabic_names() {
                pairs.extend(arabic_variants(name).into_iter().map(|v| (v, i as PlaceIdx)));
            }
        }
        let mut ix = ArabicIndex { forms: Vec::new(), ends: Vec::new(), places: Vec::with_capacity(pairs.len()) };
        for i in sorted_order(&pairs) {
            // Each pair is visited once, so its form can be moved out.
            let (form, place) = std::mem::take(&mut pairs[i as usize]);
            if ix.forms.last() == Some(&form) {
                // Equal pairs (a name listed twice) are neighbours.
                if ix.places.last() == Some(&place) {
                    continue;
                }
            } else {
                if !ix.forms.is_empty() {
                    ix.ends.push(ix.places.len() as u32);
                }
                ix.forms.push(form);
            }
            ix.places.push(place);
        }
        if !ix.forms.is_empty() {
            ix.ends.push(ix.places.len() as u32);
        }
        ix
    }

    /// The places of form `i`.
    fn places_of(&self, i: usize) -> &[PlaceIdx] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.places[start..self.ends[i] as usize]
    }

    /// Places an exact normalised form names (empty when none).
    pub(super) fn get(&self, form: &str) -> &[PlaceIdx] {
        match self.forms.binary_search_by(|f| f.as_str().cmp(form)) {
            Ok(i) => self.places_of(i),
            Err(_) => &[],
        }
    }

    /// Every form with its places, in sorted order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &[PlaceIdx])> {
        self.forms.iter().enumerate().map(|(i, f)| (f.as_str(), self.places_of(i)))
    }
}

/// Positions of `pairs` in (form, place) order, which groups each form
/// and orders its places. Comparing the first 16 bytes of the forms as one
/// number settles most comparisons without a `memcmp` call (tens of
/// thousands of forms share the article's first bytes).
fn sorted_order(pairs: &[(String, PlaceIdx)]) -> Vec<u32> {
    let mut keyed: Vec<(u128, u32)> = pairs.iter().enumerate().map(|(i, (f, _))| (prefix_key(f), i as u32)).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| pairs[a.1 as usize].cmp(&pairs[b.1 as usize])));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The first 16 bytes of `s`, zero-padded, big-endian: if two keys differ,
/// the strings compare as their keys do (equal keys say nothing).
fn prefix_key(s: &str) -> u128 {
    let mut b = [0u8; 16];
    let n = s.len().min(16);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u128::from_be_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The plain definition: every variant inserted into a sorted map, each
    /// list sorted and deduplicated.
    fn by_definition(places: &[Place]) -> BTreeMap<String, Vec<PlaceIdx>> {
        let mut map: BTreeMap<String, Vec<PlaceIdx>> = BTreeMap::new();
        for (i, p) in places.iter().enumerate() {
            for name in p.arabic_names() {
                for v in arabic_variants(name) {
                    map.entry(v).or_default().push(i as PlaceIdx);
                }
            }
        }
        for list in map.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        map
    }

    #[test]
    fn sorted_order_is_the_order_of_the_pairs() {
        let forms =
            ["", "a", "a\0", "ab", "aaaaaaaaaaaaaaaab", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa\0", "دير", "ديرالزور"];
        let mut pairs: Vec<(String, PlaceIdx)> = Vec::new();
        for (i, f) in forms.iter().enumerate() {
            pairs.push((f.to_string(), (9 - i) as PlaceIdx));
            pairs.push((f.to_string(), 3));
        }
        let mut want = pairs.clone();
        want.sort();
        let got: Vec<_> = sorted_order(&pairs).into_iter().map(|i| pairs[i as usize].clone()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn agrees_with_a_sorted_map_on_the_builtin_gazetteer() {
        let g = crate::gazetteer::Gazetteer::builtin().unwrap();
        let expected = by_definition(g.places());
        let ix = ArabicIndex::build(g.places());
        let got: Vec<(&str, &[PlaceIdx])> = ix.iter().collect();
        let want: Vec<(&str, &[PlaceIdx])> = expected.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
        assert!(got.len() > 30_000);
        assert!(got == want, "index differs from the BTreeMap definition");
        for (k, v) in expected.iter().step_by(7) {
            assert_eq!(ix.get(k), v.as_slice());
            assert!(ix.get(&format!("{k}x")).is_empty() || expected.contains_key(&format!("{k}x")));
        }
        assert!(ix.get("").is_empty());
        assert!(ArabicIndex::build(&[]).get("دمشق").is_empty());
    }
}
