//! Geoparsing: find place names in Arabic text and resolve them to places.
//!
//! ```
//! use hudud::{gazetteer::Gazetteer, geoparse::Geoparser};
//! let g = Gazetteer::builtin().unwrap();
//! let parser = Geoparser::new(&g).unwrap();
//! let found = parser.parse("اشتباكات في مدينة البصيرة بريف دير الزور الشرقي");
//! let ids: Vec<&str> = found.iter().filter_map(|m| m.place).map(|i| g.place(i).id.as_str()).collect();
//! assert!(ids.contains(&"gn:173927"));
//! ```

mod context;
mod recognize;
mod resolve;
mod unknown;

pub use recognize::{RawMatch, Recognizer, RecognizerError, WordHits};
pub use resolve::{candidates_for, resolve_article, Resolution};

use crate::acled::GeoPrecision;
use crate::arabic::{fold_char, normalize, Cue, CueKind, Direction, Normalized};
use crate::gazetteer::{light_form_cow, Gazetteer, PlaceIdx};
use std::sync::OnceLock;

/// A place name found in a text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mention {
    /// Byte offset of the name in the source text.
    pub start: usize,
    /// Byte offset just past the name in the source text.
    pub end: usize,
    /// The name as written in the source (proclitics excluded).
    pub surface: String,
    /// The normalised gazetteer name it matched.
    pub name: String,
    /// Proclitics written before it ("وب"), normalised.
    pub proclitic: String,
    /// The cue word before it, or the one it starts with ("مخيم الهول").
    pub cue: Option<Cue>,
    /// A direction stated next to it ("الشرقي").
    pub direction: Option<Direction>,
    /// Index (among the article's mentions) of the place the text says
    /// contains it ("X بريف Y").
    pub container: Option<usize>,
    /// The text puts it close to its container ("بريف Y", "قرب Y"), not
    /// only in a direction from it ("شمال غربي Y").
    pub close_to_container: bool,
    /// True after a locative preposition ("في X", "بX", "قرب X").
    pub locative: bool,
}

/// A mention with its resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedMention {
    /// The mention.
    pub mention: Mention,
    /// The chosen place (`None`: unresolved).
    pub place: Option<PlaceIdx>,
    /// Number of candidate places.
    pub candidates: usize,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Why this place was chosen.
    pub reason: String,
    /// ACLED's geo precision: the place itself, near it or part of a
    /// region, or a governorate or large region; `None` for countries.
    pub geo_precision: Option<GeoPrecision>,
}

/// A reusable geoparser over one gazetteer.
#[derive(Debug, Clone)]
pub struct Geoparser<'g> {
    gazetteer: &'g Gazetteer,
    recognizer: Recognizer,
    /// The places each name can denote, by [`RawMatch::name_index`]:
    /// a match needs no search of the gazetteer's index.
    name_places: Vec<&'g [PlaceIdx]>,
    /// Whether each name, alone, is a cue or direction word (see
    /// [`context::names_nothing_alone`]), worked out the first time the
    /// name is matched: most names never are.
    name_is_cue_word: Vec<OnceLock<bool>>,
}

impl<'g> Geoparser<'g> {
    /// Build the recogniser over the gazetteer's names.
    pub fn new(gazetteer: &'g Gazetteer) -> Result<Self, RecognizerError> {
        Self::with_words(gazetteer, &[])
    }

    /// A geoparser whose one scan of the text also finds `words` (see
    /// [`Geoparser::parse_with_words`]).
    pub fn with_words(gazetteer: &'g Gazetteer, words: &[&str]) -> Result<Self, RecognizerError> {
        let name_places: Vec<&'g [PlaceIdx]> = gazetteer.arabic_names().map(|(_, places)| places).collect();
        let name_is_cue_word = name_places.iter().map(|_| OnceLock::new()).collect();
        Ok(Geoparser {
            gazetteer,
            recognizer: Recognizer::with_words(gazetteer, words)?,
            name_places,
            name_is_cue_word,
        })
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gazetteer
    }

    /// Find and resolve the place mentions of one article, in text order.
    /// Names after a cue word that the gazetteer does not know ("قرية X")
    /// come back unresolved (`place` is `None`), never pinned anywhere.
    pub fn parse(&self, text: &str) -> Vec<ResolvedMention> {
        self.parse_normalized(text, &normalize(text))
    }

    /// [`Geoparser::parse`] for a text already normalised (`norm` must be
    /// `normalize(text)`), so later stages can reuse the normalisation.
    pub fn parse_normalized(&self, text: &str, norm: &Normalized) -> Vec<ResolvedMention> {
        self.parse_with_words(text, norm).0
    }

    /// [`Geoparser::parse_normalized`], and where the extra words of
    /// [`Geoparser::with_words`] occur in `norm`.
    pub fn parse_with_words(&self, text: &str, norm: &Normalized) -> (Vec<ResolvedMention>, WordHits) {
        let (raws, words) = self.recognize(text, norm);
        let unknown = unknown::unknown_names(text, norm, &raws);
        let (mentions, named) = self.build_mentions(text, norm, &raws);
        let resolutions = resolve::resolve_named(self.gazetteer, &mentions, &named);
        let mut out: Vec<ResolvedMention> = mentions
            .into_iter()
            .zip(resolutions)
            .map(|(mention, r)| {
                let geo_precision = r.place.and_then(|p| self.precision(&mention, p));
                ResolvedMention {
                    mention,
                    place: r.place,
                    candidates: r.candidates,
                    confidence: r.confidence,
                    reason: r.reason,
                    geo_precision,
                }
            })
            .collect();
        let unknown = self.count_known(unknown);
        merge_unknown(&mut out, unknown);
        link_unknown_to_containers(norm, &mut out);
        drop_everyday_words(norm, &mut out);
        (out, words)
    }

    /// Names found after a cue word but not read as places: a name the
    /// gazetteer knows (read otherwise here, "مركز مدينة X" in a unit's name)
    /// gets its candidate count, so only names it lacks are offered as
    /// names to add.
    fn count_known(&self, mut unknown: Vec<ResolvedMention>) -> Vec<ResolvedMention> {
        for m in &mut unknown {
            let name = crate::arabic::normalize_name(&m.mention.surface);
            m.candidates = self.gazetteer.arabic_candidates(&name).len();
            if m.candidates > 0 {
                m.reason = "a known name, not read as a place here".into();
            }
        }
        unknown
    }

    /// Whole-word name matches that are not part of an organisation or
    /// person name, and whose proclitic reading is plausible.
    fn recognize(&self, text: &str, norm: &Normalized) -> (Vec<RawMatch<'_>>, WordHits) {
        let (names, words) = self.recognizer.find_with_words(&norm.text);
        let names = names
            .into_iter()
            .filter(|m| !self.names_nothing_alone(m) && context::blocking_context(&norm.text, m).is_none())
            .filter(|m| {
                m.proclitic.is_empty() || {
                    let (ws, we) = norm.source_span(m.word_start, m.end);
                    let (s, _) = norm.source_span(m.start, m.end);
                    !self.proclitic_reading_is_wrong(m.proclitic, &text[s..we], &text[ws..we])
                }
            })
            .collect();
        (names, words)
    }

    /// [`context::names_nothing_alone`] for a match's name, remembered.
    fn names_nothing_alone(&self, m: &RawMatch) -> bool {
        *self.name_is_cue_word[m.name_index].get_or_init(|| context::names_nothing_alone(m.name))
    }

    /// Mentions with their cue, direction and container, keeping only the
    /// licensed ones, each with the places its name can denote.
    fn build_mentions(&self, text: &str, norm: &Normalized, raws: &[RawMatch]) -> (Vec<Mention>, Vec<&'g [PlaceIdx]>) {
        let mut mentions: Vec<Mention> = raws
            .iter()
            .map(|m| {
                let (start, end) = norm.source_span(m.start, m.end);
                Mention {
                    start,
                    end,
                    surface: text[start..end].to_string(),
                    name: m.name.to_string(),
                    proclitic: m.proclitic.to_string(),
                    cue: context::cue_inside(m.name).or_else(|| context::cue_before(&norm.text, m)),
                    direction: context::direction_near(&norm.text, m),
                    container: None,
                    close_to_container: false,
                    locative: context::is_locative(&norm.text, m),
                }
            })
            .collect();
        // "في ريفي الحسكة ودير الزور", "قريتي X وY": the items of a list a
        // dual or plural cue word opens share its cue.
        for i in 1..raws.len() {
            let shared = mentions[i - 1].cue.clone().filter(|c| crate::arabic::is_list_cue(&c.word));
            if mentions[i].cue.is_none()
                && shared.is_some()
                && context::joined_in_list(&norm.text, &raws[i - 1], &raws[i])
            {
                mentions[i].cue = shared;
            }
        }
        for i in 0..raws.len().saturating_sub(1) {
            if context::is_container(&norm.text, &raws[i], &raws[i + 1]) {
                mentions[i].container = Some(i + 1);
                mentions[i].close_to_container = context::close_link(&norm.text, &raws[i], &raws[i + 1]);
            }
        }
        let named: Vec<&'g [PlaceIdx]> = raws.iter().map(|m| self.name_places[m.name_index]).collect();
        let keep = self.licensed_all(norm, raws, &mentions, &named);
        let named = named.into_iter().zip(&keep).filter(|(_, &k)| k).map(|(places, _)| places).collect();
        (reindex(mentions, &keep, |m| &mut m.container), named)
    }

    /// Which mentions count: [`Geoparser::licensed`] for each, and a
    /// village only the full populated-place layer knows (no population,
    /// no curated entry) only where the article supports it: a cue word or
    /// a stated known container at the mention itself; or, when its name is
    /// no common word, a place of the same list ("قرى X وY") or another
    /// mention of the same name so supported. Thousands of such villages
    /// are named like everyday words, people and months.
    fn licensed_all(&self, norm: &Normalized, raws: &[RawMatch], all: &[Mention], named: &[&[PlaceIdx]]) -> Vec<bool> {
        let g = self.gazetteer;
        // Judged once per mention: the candidates after the cue is applied.
        let minor: Vec<bool> = (0..all.len())
            .map(|i| {
                let considered = resolve::fitting_cue(g, named[i], &all[i]);
                !considered.is_empty() && considered.iter().all(|&p| g.place(p).is_minor())
            })
            .collect();
        let direct: Vec<bool> = (0..all.len()).map(|i| self.supported_at(norm, raws, all, named, i, &minor)).collect();
        let backed: std::collections::HashSet<&str> =
            (0..all.len()).filter(|&i| direct[i]).map(|i| all[i].name.as_str()).collect();
        // "قرى الزر وعبيد والمثلث": the cue word covers the whole list.
        let listed = |i: usize| {
            (i > 0 && direct[i - 1] && context::joined_in_list(&norm.text, &raws[i - 1], &raws[i]))
                || context::in_cued_list(&norm.text, raws[i].word_start)
        };
        let heads_a_name = |i: usize| {
            raws.get(i + 1).is_some_and(|next| {
                next.proclitic.is_empty()
                    && next.word_start >= raws[i].end
                    && norm.text[raws[i].end..next.word_start].chars().all(char::is_whitespace)
            })
        };
        (0..all.len())
            .map(|i| match minor[i] {
                true if g.wordfreq().zipf(&all[i].surface) >= FUNCTION_WORD_ZIPF => false,
                true if self.introduced(&norm.text, &raws[i], &all[i], named[i]) => true,
                true if self.is_doubtful(&all[i], named[i]) => false,
                // "قرب ضفة نهر الفرات": a word bound to the name after it
                // is the head of a phrase, not a hamlet of its spelling.
                true if heads_a_name(i) => false,
                true => direct[i] || listed(i) || backed.contains(all[i].name.as_str()),
                // Judged as the known places it can be: a hamlet spelled
                // exactly so does not make a common word a likelier name.
                false if named[i].iter().any(|&p| g.place(p).is_minor()) => {
                    let known: Vec<PlaceIdx> = named[i].iter().copied().filter(|&p| !g.place(p).is_minor()).collect();
                    self.licensed(i, all, &known)
                }
                false => self.licensed(i, all, named[i]),
            })
            .collect()
    }

    /// True when mention `i` itself has a cue word or a known container
    /// with more than "in" between ("X بريف Y"), or holds a cued place.
    /// Two minor villages do not vouch for each other ("دور عبادة في
    /// العاصمة").
    fn supported_at(
        &self,
        norm: &Normalized,
        raws: &[RawMatch],
        all: &[Mention],
        named: &[&[PlaceIdx]],
        i: usize,
        minor: &[bool],
    ) -> bool {
        let m = &all[i];
        let known_container =
            m.container.is_some_and(|c| !minor[c] && context::strong_link(&norm.text, &raws[i], &raws[c]));
        let cued_inside = i > 0 && all[i - 1].container == Some(i) && all[i - 1].cue.is_some();
        self.introduced(&norm.text, &raws[i], m, named[i]) || known_container || cued_inside
    }

    /// True when an indefinite cue word that fits one of the places
    /// introduces the name ("قرية X", "بلدة X"), not one with the article
    /// ("القضاء على": "القضاء" is no district there) nor one of another
    /// kind ("قاعدة العشرين": a rule, not a village).
    fn introduced(&self, text: &str, raw: &RawMatch, m: &Mention, cands: &[PlaceIdx]) -> bool {
        let Some(cue) = &m.cue else { return false };
        // "تل كعبة": a name that starts with a landform word is a name.
        if context::cue_inside(&m.name).is_some() {
            return true;
        }
        if !cands.iter().any(|&p| cue.kind.fits(&self.gazetteer.place(p).feature_type)) {
            return false;
        }
        // The cue word is the word before, so its reading ends it:
        // "القضاء", "للقضاء" (ل + ال) have the article.
        let before = context::prev_word(text, raw.word_start).map_or("", |(s, e)| &text[s..e]);
        let head = before.strip_suffix(cue.word.as_str());
        !head.is_some_and(|h| h.ends_with("ال") || h.ends_with("لل"))
    }

    /// A reading that is also a common word ("عنه", "حديثه", "السجن")
    /// counts only with a cue word or a container stated next to it.
    fn licensed(&self, i: usize, all: &[Mention], named: &[PlaceIdx]) -> bool {
        let m = &all[i];
        // A container is always the next mention.
        let contains_another = i > 0 && all[i - 1].container == Some(i);
        m.cue.is_some() || m.container.is_some() || contains_another || !self.is_doubtful(m, named)
    }

    /// True when the written form is more common as an ordinary word than a
    /// place of this size would be as a name. Zipf frequencies of real place
    /// names grow roughly as 1.8 + 0.45·log10(population); a form well above
    /// that is mostly something else. A form that matches only after folding
    /// hamza or taa marbuta (حديثه for حديثة) is held to a stricter bar.
    /// `cands` are the places the mention's name can denote.
    fn is_doubtful(&self, m: &Mention, cands: &[PlaceIdx]) -> bool {
        let g = self.gazetteer;
        let never = |i: &PlaceIdx| {
            let p = g.place(*i);
            p.is_country() || p.is_admin1() || p.feature_code == "PPLC"
        };
        if cands.is_empty() || cands.iter().any(never) || m.surface.contains(' ') {
            return false;
        }
        // Made once for the lookup and the comparison with listed names.
        let light = light_form_cow(&m.surface);
        let freq = g.wordfreq().zipf_of_light(&light);
        // Below the lowest bar there is nothing more to weigh.
        if freq <= doubt_bar(0, false, false) {
            return false;
        }
        let pop = cands.iter().map(|&i| g.place(i).population).max().unwrap_or(0);
        // Compared char by char: a light form per listed name would allocate.
        let kept = |n: &str| n.chars().filter(|&c| fold_char(c).is_some()).eq(light.chars());
        let spelled_as_listed = cands.iter().any(|&i| g.place(i).arabic_names().any(kept));
        freq > doubt_bar(pop, spelled_as_listed, m.locative)
    }

    /// A proclitic reading ("ك" + "بيرين", "ب" + "ادل") loses to the whole
    /// word when the whole word is itself an attested word, unless the bare
    /// name is far more common (a known place: "بالحسكة" is ب + الحسكة).
    /// "و"/"ف" join almost any word, so their whole forms are attested for
    /// every common name: for them the whole word must beat the bare name.
    fn proclitic_reading_is_wrong(&self, proclitic: &str, surface: &str, whole_word: &str) -> bool {
        let wf = self.gazetteer.wordfreq();
        let whole = wf.zipf(whole_word);
        // The bare name is looked up only when the whole word is common
        // enough to matter (most whole words are not in the table at all).
        if matches!(proclitic, "و" | "ف") {
            whole >= 3.0 && whole > wf.zipf(surface) + 0.3
        } else {
            whole >= 2.0 && wf.zipf(surface) < whole + 1.0
        }
    }

    fn precision(&self, m: &Mention, idx: PlaceIdx) -> Option<GeoPrecision> {
        let p = self.gazetteer.place(idx);
        match p.feature_type.as_str() {
            "country" => None,
            "admin1" | "region" | "desert" | "river" => Some(GeoPrecision::Region),
            _ if m.cue.as_ref().is_some_and(|c| c.kind == CueKind::Countryside) => Some(GeoPrecision::NearTown),
            _ if m.direction.is_some() => Some(GeoPrecision::NearTown),
            "mountain" | "valley" | "admin2" | "admin3" => Some(GeoPrecision::NearTown),
            _ => Some(GeoPrecision::Town),
        }
    }
}

/// The word frequency above which a one-word reading of a place of
/// `population` is doubtful (see [`Geoparser::is_doubtful`]). It grows with
/// the population and is lowest for a small place not spelled as listed.
fn doubt_bar(population: u64, spelled_as_listed: bool, locative: bool) -> f32 {
    let pop = population.max(300) as f32;
    let mut bar = 1.8 + 0.45 * pop.log10() + 0.8;
    if !spelled_as_listed {
        bar -= 1.5;
    } else if locative {
        // "في حديثة", "بحديثة": a place reading is what the grammar expects.
        bar += 0.5;
    }
    bar
}

/// Words this common ("على", "في", "من") are never a village's name, cue
/// word or not ("مناطق على الشريط"): Zipf 6.5 is about once in 300 words.
const FUNCTION_WORD_ZIPF: f32 = 6.5;

/// An unknown name with a known place right after it as its container
/// ("قرية العزبة بريف دير الزور"): it lies there. Incidents are then coded
/// to the container at precision 2, and mentions.csv says so.
fn link_unknown_to_containers(norm: &Normalized, out: &mut [ResolvedMention]) {
    for i in 0..out.len().saturating_sub(1) {
        let next = &out[i + 1];
        if out[i].place.is_some() || next.place.is_none() || out[i].candidates > 0 {
            continue;
        }
        let gap = norm.folded_range(out[i].mention.end, next.mention.start);
        if context::links_to_container(&norm.text[gap]) {
            let reason = format!("not in the gazetteer; lies in {}", next.mention.surface);
            out[i].mention.container = Some(i + 1);
            out[i].reason = reason;
        }
    }
}

/// Drop unknown names that are everyday words said to lie nowhere ("قاعدة
/// بيانات وطنية", "من ناحية ثالثة"); keep "قرية المثالية بريف حلب".
fn drop_everyday_words(norm: &Normalized, out: &mut Vec<ResolvedMention>) {
    let everyday = |m: &ResolvedMention| {
        let at = norm.folded_range(m.mention.start, m.mention.end);
        m.place.is_none() && m.mention.container.is_none() && unknown::is_everyday_word(&norm.text[at])
    };
    if !out.iter().any(everyday) {
        return;
    }
    let keep: Vec<bool> = out.iter().map(|m| !everyday(m)).collect();
    *out = reindex(std::mem::take(out), &keep, |m| &mut m.mention.container);
}

/// Add the unknown names to the resolved mentions in text order, keeping
/// each container link pointing at the same mention.
fn merge_unknown(out: &mut Vec<ResolvedMention>, unknown: Vec<ResolvedMention>) {
    if unknown.is_empty() {
        return;
    }
    let mut all: Vec<(usize, ResolvedMention)> = std::mem::take(out).into_iter().enumerate().collect();
    all.extend(unknown.into_iter().map(|m| (usize::MAX, m)));
    all.sort_by_key(|(_, m)| m.mention.start);
    let mut new_index = vec![0; all.len()];
    for (new, (old, _)) in all.iter().enumerate() {
        if *old != usize::MAX {
            new_index[*old] = new;
        }
    }
    *out = all
        .into_iter()
        .map(|(_, mut m)| {
            m.mention.container = m.mention.container.map(|c| new_index[c]);
            m
        })
        .collect();
}

/// Drop the items `keep` rejects and renumber the container links (reached
/// through `container`) to the items kept.
fn reindex<T>(items: Vec<T>, keep: &[bool], container: impl Fn(&mut T) -> &mut Option<usize>) -> Vec<T> {
    let mut new_index = vec![None; items.len()];
    let mut n = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(_, mut m)| {
            let link = container(&mut m);
            *link = link.and_then(|c| new_index[c]);
            m
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    /// Characters that stress the parser: Arabic letters and marks, tatweel,
    /// digits, bidi controls, quotes, emoji, combining marks, Latin, CJK.
    const ALPHABET: &[char] = &[
        'ا',
        'ل',
        'ب',
        'و',
        'ف',
        'ك',
        'ة',
        'ه',
        'أ',
        'إ',
        'ى',
        'ي',
        'د',
        'ر',
        'ز',
        'م',
        'ن',
        'س',
        'ح',
        'ق',
        'ش',
        'ت',
        'ع',
        'ء',
        'ئ',
        'ؤ',
        '\u{064E}',
        '\u{0651}',
        '\u{0640}',
        '\u{200F}',
        '\u{200C}',
        '\u{FEFF}',
        '٣',
        '۷',
        '5',
        ' ',
        ' ',
        '\n',
        '،',
        '.',
        '“',
        '”',
        '«',
        '🙂',
        'e',
        '\u{0301}',
        '中',
        '\u{10FFFF}',
        'ـ',
        'ک',
        'ی',
        'ۆ',
    ];

    #[test]
    fn never_panics_on_random_text() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let parser = Geoparser::new(&g).expect("parser");
        let mut rng = crate::corpus::Rng::new(0x5eed_1234_abcd_0001);
        for _ in 0..300 {
            let len = rng.below(200);
            let text: String = (0..len).map(|_| *rng.pick(ALPHABET)).collect();
            let found = parser.parse(&text);
            assert_disjoint(&found);
            for m in found {
                assert!(m.mention.start <= m.mention.end && m.mention.end <= text.len());
                assert!(text.is_char_boundary(m.mention.start) && text.is_char_boundary(m.mention.end));
            }
        }
    }

    /// Mentions are in text order and never overlap.
    fn assert_disjoint(found: &[ResolvedMention]) {
        for pair in found.windows(2) {
            let (a, b) = (&pair[0].mention, &pair[1].mention);
            assert!(a.end <= b.start, "{:?} overlaps {:?}", a.surface, b.surface);
        }
    }

    #[test]
    fn an_unknown_compound_name_never_holds_a_known_one() {
        // Found by fuzzing (fuzz/regressions/recognize/): "تل" heads an
        // unknown two-word name whose second word is a known place.
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let parser = Geoparser::new(&g).expect("parser");
        let fuzzed = "\0\0نف2رع سنجار,قري - تل تلعفر\0\0";
        for text in [fuzzed, "قصف على قرى تل تلعفر", "اشتباكات في قرية تل تلعفر"] {
            let found = parser.parse(text);
            assert_disjoint(&found);
            assert!(found.iter().any(|m| m.mention.surface == "تلعفر"), "{text}: {found:?}");
        }
    }

    #[test]
    fn no_doubt_bar_is_below_the_lowest() {
        let lowest = doubt_bar(0, false, false);
        let mut rng = crate::corpus::Rng::new(0x5eed_0000_ba40_0001);
        for _ in 0..2000 {
            let pop = rng.next_u64() >> rng.below(64);
            let bar = doubt_bar(pop, rng.below(2) == 1, rng.below(2) == 1);
            assert!(bar >= lowest, "{pop}: {bar} < {lowest}");
        }
    }

    #[test]
    fn containers_survive_unknown_names() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let parser = Geoparser::new(&g).expect("parser");
        let found = parser.parse("قرية زبزبون الصغيرة ثم هجوم في ناحية الشدادي بمحافظة الحسكة");
        let shaddadi = found.iter().position(|m| m.mention.surface == "الشدادي").expect("al-Shaddadi");
        let container = found[shaddadi].mention.container.map(|c| found[c].mention.surface.as_str());
        assert_eq!(container, Some("محافظة الحسكة"));
    }

    #[test]
    fn countryside_resolves_to_the_governorate() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let parser = Geoparser::new(&g).expect("parser");
        let found = parser.parse("عملية أمنية بريف دير الزور الشرقي");
        let place = found[0].place.map(|i| g.place(i).id.clone());
        assert_eq!(place.as_deref(), Some("gn:170792"));
        assert_eq!(found[0].geo_precision, Some(GeoPrecision::Region));
    }

    #[test]
    fn common_word_reading_needs_a_cue() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let parser = Geoparser::new(&g).expect("parser");
        assert!(parser.parse("وقال في حديثه للصحفيين إنه لا يعرف عنه شيئا").iter().all(|m| m.place.is_none()));
    }

    fn ids(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        let parser = Geoparser::new(g).expect("parser");
        parser
            .parse(text)
            .iter()
            .filter_map(|m| Some((m.mention.surface.clone(), g.place(m.place?).id.clone())))
            .collect()
    }

    fn id_of(found: &[(String, String)], surface: &str) -> Option<String> {
        found.iter().find(|(s, _)| s == surface).map(|(_, id)| id.clone())
    }

    #[test]
    fn a_minor_village_counts_only_with_a_cue() {
        // الدشيشة: a village only the full populated-place layer knows.
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        assert_eq!(id_of(&ids(&g, "وقال الدشيشة إن الوضع هادئ"), "الدشيشة"), None);
        let cued = ids(&g, "داهمت قوة قرية الدشيشة جنوب الحسكة");
        assert_eq!(id_of(&cued, "الدشيشة").as_deref(), Some("wof:1259893839"));
    }

    #[test]
    fn a_minor_village_named_again_counts() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let found = ids(&g, "داهمت قوة قرية الدشيشة جنوب الحسكة. واعتقلت في الدشيشة ثلاثة");
        assert_eq!(found.iter().filter(|(s, _)| s == "الدشيشة").count(), 2);
    }

    #[test]
    fn a_cue_word_covers_its_list() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let found = ids(&g, "داهمت قوة قريتي الدشيشة والشولا");
        assert_eq!(id_of(&found, "الشولا").as_deref(), Some("wof:1209406525"));
    }

    #[test]
    fn function_words_are_never_villages() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        assert!(ids(&g, "عمليات أمنية في مناطق على الشريط الحدودي").iter().all(|(s, _)| s != "على"));
    }

    #[test]
    fn a_definite_cue_word_introduces_no_name() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        assert!(ids(&g, "تعمل القوات على القضاء على الشولا").iter().all(|(s, _)| s != "الشولا"));
    }

    #[test]
    fn two_minor_villages_do_not_vouch_for_each_other() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        assert!(ids(&g, "خططوا لاستهداف دور عبادة في العاصمة").is_empty());
    }

    #[test]
    fn a_prominent_place_beats_a_hamlet_of_its_name() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        assert_eq!(id_of(&ids(&g, "أعلنت أنقرة قصف مواقع"), "أنقرة").as_deref(), Some("gn:323786"));
    }

    #[test]
    fn a_district_cue_names_the_district() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        // The district's seat, as ACLED codes it; a district without a
        // same-named seat is the district itself.
        assert_eq!(id_of(&ids(&g, "هجوم في قضاء تلعفر"), "قضاء تلعفر").as_deref(), Some("gn:90393"));
        let zab = ids(&g, "هجوم في ناحية الزاب");
        let zab = id_of(&zab, "الزاب").and_then(|id| g.by_id(&id)).map(|p| g.admin_of(p)[2].map(|u| u.pcode.clone()));
        assert_eq!(zab.flatten().as_deref(), Some("IQG13Q01N02"));
        assert_eq!(id_of(&ids(&g, "هجوم في تلعفر"), "تلعفر").as_deref(), Some("gn:90393"));
        // A seat the gazetteer lists under the bare name only (the town
        // "العبيدي" for "ناحية العبيدي"), not the sub-district's label point.
        let ubaydi = ids(&g, "انفجار لغم جنوب ناحية العبيدي");
        let seat = id_of(&ubaydi, "ناحية العبيدي").and_then(|id| g.by_id(&id));
        assert!(seat.is_some_and(|p| !p.is_admin_unit() && p.lon < 41.3), "{ubaydi:?}");
    }

    #[test]
    fn a_place_is_none_of_its_namesakes_away_from_where_the_text_puts_it() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        // The only بارانة known lies in Erbil, 250 km from Sinjar.
        let found = ids(&g, "استهدفت مسيرة منزلاً في قرية بارانة شمال شرقي مدينة سنجار");
        assert_eq!(id_of(&found, "بارانة"), None, "{found:?}");
        assert!(id_of(&found, "سنجار").is_some());
        // A town 100 km away in the direction stated is still where it lies.
        let found = ids(&g, "قرب ناحية ربيعة شمال غربي الموصل");
        assert!(id_of(&found, "ناحية ربيعة").is_some(), "{found:?}");
        // "بريف تل تمر": a town's countryside, not 45 km away, nor Reyhanlı.
        let found = ids(&g, "اشتباكات عنيفة في قرية ريحانية بريف تل تمر الشمالي");
        assert_eq!(id_of(&found, "ريحانية"), None, "{found:?}");
    }

    #[test]
    fn everyday_words_after_a_cue_name_no_place_unless_said_to_lie_somewhere() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let parser = Geoparser::new(&g).expect("parser");
        for text in ["تعتمد على قاعدة بيانات وطنية", "ويؤكد من ناحية ثالثة على حجم", "نقل إلى معسكر الاعتقال"]
        {
            assert!(parser.parse(text).iter().all(|m| m.place.is_some()), "{text}");
        }
        let found = parser.parse("داهمت قوة قرية المثالية بريف حلب");
        assert!(found.iter().any(|m| m.mention.surface == "المثالية" && m.mention.container.is_some()), "{found:?}");
    }

    #[test]
    fn the_items_of_a_dual_cue_share_it() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let found = ids(&g, "تنفيذ عمليتين أمنيتين في ريفي الحسكة ودير الزور");
        let kind = |name: &str| id_of(&found, name).and_then(|id| g.by_id(&id)).map(|p| p.feature_type.clone());
        assert_eq!(kind("الحسكة").as_deref(), Some("admin1"), "{found:?}");
        assert_eq!(kind("دير الزور").as_deref(), Some("admin1"), "{found:?}");
    }

    #[test]
    fn a_word_bound_to_the_name_after_it_is_no_hamlet() {
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let found = ids(&g, "جثة مرمية على أطراف بلدة الحوايج قرب ضفة نهر الفرات بريف دير الزور");
        assert_eq!(id_of(&found, "ضفة"), None, "{found:?}");
        assert!(id_of(&found, "الحوايج").is_some(), "{found:?}");
    }

    #[test]
    fn a_far_hamlet_of_the_same_name_is_not_pinned() {
        // The gazetteer knows two الدردارة, both near Tartus, not the one
        // by Tal Tamr the text means.
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let found = ids(&g, "قصفت المدفعية قرية الدردارة قرب بلدة تل تمر بريف الحسكة");
        assert_eq!(id_of(&found, "الدردارة"), None);
        assert!(id_of(&found, "تل تمر").is_some());
    }

    #[test]
    fn a_cue_word_of_another_kind_introduces_no_village() {
        // "قاعدة" is a base or a rule, and العشرين a hamlet in Dhi Qar.
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        assert!(ids(&g, "ينصح الأطباء بما يسمى قاعدة العشرين").is_empty());
    }

    #[test]
    fn a_hamlet_spelled_as_written_does_not_license_a_common_word() {
        // بركة (a pond; a blessing) names a town and, spelled so, hamlets.
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        assert!(ids(&g, "وقال إن في ذلك بركة للجميع").is_empty());
    }

    #[test]
    fn a_village_cue_asks_for_the_village_not_the_city() {
        // Sayda in Daraa, not Sidon in Lebanon.
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let found = ids(&g, "انفجرت عبوة في بلدة صيدا بريف درعا الشرقي");
        let sayda = id_of(&found, "صيدا").and_then(|id| g.by_id(&id).map(|p| p.country.clone()));
        assert_eq!(sayda.as_deref(), Some("SY"));
    }

    #[test]
    fn a_list_after_a_plural_cue_counts_past_unknown_items() {
        // زبزبون is no place the gazetteer knows; الشولا after it still is.
        let g = Gazetteer::builtin().expect("builtin gazetteer");
        let found = ids(&g, "طالت المداهمات قرى زبزبون والشولا");
        assert_eq!(id_of(&found, "الشولا").as_deref(), Some("wof:1209406525"));
    }
}
