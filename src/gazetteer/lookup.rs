//! Name lookup for `hudud gazetteer lookup`: Arabic or Latin, forgiving.

use super::{edit_distance, latin_key, latin_skeleton, Gazetteer, PlaceIdx};
use crate::arabic::{cue_for_word, normalize_name, strip_proclitics};
use serde::Serialize;
use std::collections::BTreeMap;

/// How a lookup hit matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The normalised name is exactly the query.
    Exact,
    /// The query matched after removing proclitics, a cue word or the article.
    Stripped,
    /// Same Latin consonant skeleton.
    Variant,
    /// Within a small edit distance.
    Fuzzy,
}

/// One candidate returned by a lookup.
#[derive(Debug, Clone, Serialize)]
pub struct LookupHit {
    /// The place.
    #[serde(skip)]
    pub idx: PlaceIdx,
    /// How it matched.
    pub matched: MatchKind,
    /// Edit distance between the query's key and the matched name's key.
    pub distance: usize,
}

impl Gazetteer {
    /// Places whose name matches `query` (Arabic or Latin), best first.
    ///
    /// ```
    /// let g = hudud::gazetteer::Gazetteer::builtin().unwrap();
    /// let hits = g.lookup("Dayr az Zawr", 10);
    /// assert!(hits.iter().any(|h| g.place(h.idx).id == "gn:170794"));
    /// ```
    pub fn lookup(&self, query: &str, limit: usize) -> Vec<LookupHit> {
        let mut best: BTreeMap<PlaceIdx, (MatchKind, usize)> = BTreeMap::new();
        let mut add = |idx: PlaceIdx, kind: MatchKind, dist: usize| {
            let e = best.entry(idx).or_insert((kind, dist));
            if (kind, dist) < *e {
                *e = (kind, dist);
            }
        };
        if query.chars().any(is_arabic_letter) {
            for (form, kind) in arabic_forms(query) {
                for &i in self.arabic_candidates(&form) {
                    add(i, kind, 0);
                }
            }
        } else {
            self.latin_matches(query, &mut add);
        }
        let mut hits: Vec<LookupHit> =
            best.into_iter().map(|(idx, (matched, distance))| LookupHit { idx, matched, distance }).collect();
        // Typo-tolerant hits only when nothing closer matched.
        if hits.iter().any(|h| h.matched < MatchKind::Fuzzy) {
            hits.retain(|h| h.matched < MatchKind::Fuzzy);
        }
        hits.sort_by(|a, b| {
            (a.matched, a.distance)
                .cmp(&(b.matched, b.distance))
                .then_with(|| self.place(b.idx).prior().total_cmp(&self.place(a.idx).prior()))
                .then_with(|| self.place(a.idx).id.cmp(&self.place(b.idx).id))
        });
        hits.truncate(limit);
        hits
    }

    fn latin_matches(&self, query: &str, add: &mut impl FnMut(PlaceIdx, MatchKind, usize)) {
        let key = latin_key(query);
        if key.is_empty() {
            return;
        }
        let mut found = false;
        for &i in self.latin_index().keys.get(&key).into_iter().flatten() {
            add(i, MatchKind::Exact, 0);
            found = true;
        }
        // Same skeleton, and not too far in spelling: vowels may differ, the
        // length of the name may not much.
        for (k, i) in self.latin_index().skeletons.get(&latin_skeleton(query)).into_iter().flatten() {
            let d = edit_distance(&key, k);
            if d <= 2.max(key.len().max(k.len()) / 3) {
                add(*i, MatchKind::Variant, d);
                found = true;
            }
        }
        if found {
            return;
        }
        // A last resort for typos: a small edit distance on the folded key.
        let budget = if key.len() >= 8 { 2 } else { 1 };
        for (k, list) in &self.latin_index().keys {
            if k.len().abs_diff(key.len()) <= budget {
                let d = edit_distance(&key, k);
                if d <= budget {
                    for &i in list {
                        add(i, MatchKind::Fuzzy, d);
                    }
                }
            }
        }
    }
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFF}')
}

/// Normalised forms to try for an Arabic query: as written, without
/// proclitics, without a leading cue word, with and without the article.
fn arabic_forms(query: &str) -> Vec<(String, MatchKind)> {
    let norm = normalize_name(query);
    let mut forms = vec![(norm.clone(), MatchKind::Exact)];
    let words: Vec<&str> = norm.split(' ').collect();
    let mut bases = vec![norm.clone()];
    if words.len() > 1 && cue_for_word(words[0]).is_some() {
        bases.push(words[1..].join(" "));
    }
    for base in bases {
        let (first, rest) = base.split_once(' ').map_or((base.as_str(), ""), |(f, r)| (f, r));
        for stripped in strip_proclitics(first) {
            let joined = if rest.is_empty() { stripped.clone() } else { format!("{stripped} {rest}") };
            forms.push((joined.clone(), MatchKind::Stripped));
            match joined.strip_prefix("ال") {
                Some(bare) => forms.push((bare.to_string(), MatchKind::Stripped)),
                None => forms.push((format!("ال{joined}"), MatchKind::Stripped)),
            }
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_forms_strip_cue_and_clitic() {
        let forms: Vec<String> = arabic_forms("بمحافظة الحسكة").into_iter().map(|f| f.0).collect();
        assert!(forms.contains(&"محافظه الحسكه".to_string()));
        let forms: Vec<String> = arabic_forms("قاعدة التنف").into_iter().map(|f| f.0).collect();
        assert!(forms.contains(&"التنف".to_string()));
    }
}
