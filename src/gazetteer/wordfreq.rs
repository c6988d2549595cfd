//! How common a written form is as an ordinary Arabic word.
//!
//! Folding hamza and taa marbuta makes everyday words collide with place
//! names ("عنه" about him / عنة Anah; "حديثه" his talk / حديثة Haditha), and
//! proclitic stripping finds names inside words ("كبيرين" = ك + بيرين). The
//! built-in table (derived from wordfreq, see gazetteer/SOURCES.md) gives the
//! Zipf frequency of such forms so the geoparser can ask for more evidence.

use crate::arabic::fold_char;
use crate::FastMap;
use std::borrow::Cow;

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
        self.zipf_of_light(&light_form_cow(written))
    }

    /// [`WordFreq::zipf`] of a form already made light by [`light_form_cow`]
    /// or [`light_form`], for callers that need the light form themselves.
    pub fn zipf_of_light(&self, light: &str) -> f32 {
        self.zipf.get(light).copied().unwrap_or(0.0)
    }
}

/// A written form without diacritics and tatweel, letters untouched:
/// the form word-frequency lists use.
///
/// ```
/// assert_eq!(hudud::gazetteer::light_form("حَدِيثَة"), "حديثة");
/// ```
pub fn light_form(written: &str) -> String {
    light_form_cow(written).into_owned()
}

/// [`light_form`], borrowing the written form when it has nothing to drop
/// (almost every word in news text), so a lookup allocates nothing.
///
/// ```
/// use std::borrow::Cow;
/// assert!(matches!(hudud::gazetteer::light_form_cow("حديثة"), Cow::Borrowed("حديثة")));
/// ```
pub fn light_form_cow(written: &str) -> Cow<'_, str> {
    if written.chars().all(|c| fold_char(c).is_some()) {
        Cow::Borrowed(written)
    } else {
        Cow::Owned(written.chars().filter(|&c| fold_char(c).is_some()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lookup must agree with its definition: the table entry of the
    /// collected light form.
    fn zipf_by_definition(wf: &WordFreq, written: &str) -> f32 {
        let light: String = written.chars().filter(|&c| fold_char(c).is_some()).collect();
        wf.zipf.get(&light).copied().unwrap_or(0.0)
    }

    #[test]
    fn zipf_agrees_with_collecting_the_light_form() {
        let wf = WordFreq::builtin();
        let marks = ['\u{064E}', '\u{0651}', '\u{0640}', '\u{200F}', '\u{0670}'];
        let mut rng = crate::corpus::Rng::new(29);
        let mut words: Vec<String> = wf.zipf.keys().cloned().collect();
        words.sort_unstable();
        let mut checked = 0;
        for w in &words {
            // Each word as listed, and with marks put between random letters.
            let marked: String =
                w.chars().flat_map(|c| [Some(c), (rng.below(3) == 0).then(|| *rng.pick(&marks))]).flatten().collect();
            // A letter added makes most forms unlisted: the 0.0 path.
            let longer = format!("{marked}ز");
            for form in [w.as_str(), marked.as_str(), longer.as_str()] {
                assert_eq!(wf.zipf(form).to_bits(), zipf_by_definition(&wf, form).to_bits(), "{form}");
                assert_eq!(light_form(form), light_form_cow(form), "{form}");
                checked += 1;
            }
        }
        assert!(checked > 1000);
    }
}
