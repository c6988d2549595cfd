//! How common a written form is as an ordinary Arabic word.
//!
//! Folding hamza and taa marbuta makes everyday words collide with place
//! names ("عنه" about him / عنة Anah; "حديثه" his talk / حديثة Haditha), and
//! proclitic stripping finds names inside words ("كبيرين" = ك + بيرين). The
//! built-in table (derived from wordfreq, see gazetteer/SOURCES.md) gives the
//! Zipf frequency of such forms so the geoparser can ask for more evidence.

use crate::arabic::fold_char;
use crate::FastMap;

const BUILTIN: &str = include_str!("../../gazetteer/wordfreq_ar.tsv");

/// Zipf frequencies (6 = once per thousand words) keyed by light form.
#[derive(Debug, Clone, Default)]
pub struct WordFreq {
    zipf: FastMap<String, f32>,
}

impl WordFreq {
    /// The built-in table.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN)
    }

    /// Parse `word<TAB>zipf` lines (`#` starts a comment line).
    pub fn parse(text: &str) -> Self {
        let zipf = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, z) = l.split_once('\t')?;
                Some((w.to_string(), z.trim().parse().ok()?))
            })
            .collect();
        WordFreq { zipf }
    }

    /// Zipf frequency of a written form (0 when unknown or rare).
    ///
    /// ```
    /// let wf = hudud::gazetteer::WordFreq::builtin();
    /// assert!(wf.zipf("عنه") > 5.0);
    /// assert_eq!(wf.zipf("لا-توجد-كلمة-كهذه"), 0.0);
    /// ```
    pub fn zipf(&self, written: &str) -> f32 {
        self.zipf.get(&light_form(written)).copied().unwrap_or(0.0)
    }
}

/// A written form without diacritics and tatweel, letters untouched:
/// the form word-frequency lists use.
///
/// ```
/// assert_eq!(hudud::gazetteer::light_form("حَدِيثَة"), "حديثة");
/// ```
pub fn light_form(written: &str) -> String {
    written.chars().filter(|&c| fold_char(c).is_some()).collect()
}
