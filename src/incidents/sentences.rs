//! Splitting an article into sentences and paragraphs, with byte offsets.

/// A sentence of the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of its first character in the source.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// Index of the paragraph (block of text between line breaks) it is in.
    pub paragraph: usize,
}

/// Sentences of `text`: split at line breaks and at . ! ? ؟ ؛ followed by
/// space (so "3.5" and "U.S" stay whole); empty pieces are dropped.
///
/// ```
/// let s = hudud::incidents::split_sentences("قتل اثنان. واعتقل ثالث!\nفقرة ثانية");
/// assert_eq!(s.len(), 3);
/// assert_eq!(s[2].paragraph, 1);
/// ```
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    for at in delimiter_bytes(bytes) {
        let (b, end) = (bytes[at], at + 1);
        // ؛ and ؟ are D8 9B and D8 9F: other characters end in those bytes too.
        if b >= 0x80 && (at == 0 || bytes[at - 1] != 0xD8) {
            continue;
        }
        let newline = b == b'\n';
        let ends =
            text[end..].chars().next().is_none_or(char::is_whitespace) && !(b == b'.' && after_initial(text, at));
        if newline || ends {
            out.extend(trimmed(text, start, if newline { at } else { end }, paragraph));
            start = end;
            if newline && out.last().is_some_and(|s: &Sentence| s.paragraph == paragraph) {
                paragraph += 1;
            }
        }
    }
    out.extend(trimmed(text, start, text.len(), paragraph));
    out
}

/// The offsets of the bytes that may end a delimiter (\n . ! ? and the last
/// bytes of ؟ ؛, 0x9F 0x9B), in order. Bytes, not chars: UTF-8 never
/// reuses ASCII bytes inside another character. Two vectorised scans for
/// three bytes each, merged: most of an article has none of them.
fn delimiter_bytes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut common = memchr::memchr3_iter(b'\n', b'.', 0x9F, bytes).peekable();
    let mut rare = memchr::memchr3_iter(b'!', b'?', 0x9B, bytes).peekable();
    std::iter::from_fn(move || match (common.peek(), rare.peek()) {
        (Some(&a), Some(&b)) if b < a => rare.next(),
        (Some(_), _) => common.next(),
        (None, _) => rare.next(),
    })
}

/// True when the period at byte `dot` ends an initial or abbreviation of
/// one letter ("(م. ع.)", "د. أحمد"), not a sentence.
fn after_initial(text: &str, dot: usize) -> bool {
    let mut before = text[..dot].chars().rev();
    let (last, one_before) = (before.next(), before.next());
    // What stands before the letter is looked at first: it is cheaper to
    // tell, and it rules out most words.
    let alone = one_before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '.' | '«' | '"'));
    alone && last.is_some_and(char::is_alphabetic)
}

/// Words (normalised) that, after a comma, open a new stretch of a long
/// sentence telling another event: bulletins string several events into
/// one sentence ("…، وفي الطبقة هاجم مسلحون…، أما في ريف الرقة الغربي…").
const SEGMENT_OPENERS: &[&str] = &[
    "وفي ",
    "اما ",
    "واما ",
    "وتزامن",
    "تزامنا",
    "بالتزامن",
    "الي ذلك",
    "والي ذلك",
    // "من جهة أخرى" opens another matter; "من جهة بلدة ذيبان" is a
    // direction.
    "من جهه اخري",
    "ومن جهه اخري",
    "علي صعيد",
    "وعلي صعيد",
    "في غضون",
];

/// The stretches of each sentence that may tell an event of their own:
/// the sentence cut at every comma (or semicolon) that a segment opener
/// follows. Each stretch keeps its sentence's paragraph and comes with the
/// index of the sentence it was cut from. `norm_ranges` are the
/// sentences' ranges in `norm.text` (`norm` is `normalize(text)`).
///
/// ```
/// use hudud::arabic::normalize;
/// use hudud::incidents::{event_segments, split_sentences};
/// let text = "قتل شاب في الرقة، وفي الطبقة هاجم مسلحون حاجزاً.";
/// let norm = normalize(text);
/// let sentences = split_sentences(text);
/// let ranges: Vec<_> = sentences.iter().map(|s| norm.folded_range(s.start, s.end)).collect();
/// let parts: Vec<&str> = event_segments(text, &norm, &sentences, &ranges).iter().map(|(s, _)| &text[s.start..s.end]).collect();
/// assert_eq!(parts, vec!["قتل شاب في الرقة", "وفي الطبقة هاجم مسلحون حاجزاً."]);
/// ```
pub fn event_segments(
    text: &str,
    norm: &crate::arabic::Normalized,
    sentences: &[Sentence],
    norm_ranges: &[std::ops::Range<usize>],
) -> Vec<(Sentence, usize)> {
    let mut out = Vec::with_capacity(sentences.len());
    for (i, (s, range)) in sentences.iter().zip(norm_ranges).enumerate() {
        let folded = &norm.text[range.clone()];
        let mut start = s.start;
        for (at, len) in commas(folded) {
            let rest = folded[at + len..].trim_start();
            if !super::lexicon::starts_with_any(rest, SEGMENT_OPENERS) {
                continue;
            }
            let (cut, after) = norm.source_span(range.start + at, range.start + at + len);
            if cut > start && after <= s.end {
                out.extend(trimmed(text, start, cut, s.paragraph).map(|p| (p, i)));
                start = after;
            }
        }
        out.extend(trimmed(text, start, s.end, s.paragraph).map(|p| (p, i)));
    }
    out
}

/// The commas and semicolons of a text (",", "،", "؛"), as offsets and
/// byte lengths. "،" and "؛" are D8 8C and D8 9B in UTF-8; those second
/// bytes follow D8 in no other character.
fn commas(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b',', 0x8C, 0x9B, bytes).filter_map(move |i| match bytes[i] {
        b',' => Some((i, 1)),
        _ if i > 0 && bytes[i - 1] == 0xD8 => Some((i - 1, 2)),
        _ => None,
    })
}

/// The piece `start..end` of `text` without its leading and trailing
/// white space, unless nothing is left.
fn trimmed(text: &str, start: usize, end: usize, paragraph: usize) -> Option<Sentence> {
    let piece = &text[start..end];
    let rest = piece.trim_start();
    let kept = rest.trim_end();
    let s = start + piece.len() - rest.len();
    (!kept.is_empty()).then_some(Sentence { start: s, end: s + kept.len(), paragraph })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulletin_sentence_is_cut_before_each_new_event() {
        let text =
            "خطف مسلحون تاجراً، واقتادوه إلى جهة مجهولة، وفي الطبقة هاجم مسلحون حاجزاً، أما في المنصورة فاعتُقل شاب.";
        let norm = crate::arabic::normalize(text);
        let sentences = split_sentences(text);
        let ranges: Vec<_> = sentences.iter().map(|s| norm.folded_range(s.start, s.end)).collect();
        let parts: Vec<&str> =
            event_segments(text, &norm, &sentences, &ranges).iter().map(|(s, _)| &text[s.start..s.end]).collect();
        assert_eq!(
            parts,
            vec![
                "خطف مسلحون تاجراً، واقتادوه إلى جهة مجهولة",
                "وفي الطبقة هاجم مسلحون حاجزاً",
                "أما في المنصورة فاعتُقل شاب."
            ]
        );
    }

    #[test]
    fn commas_agree_with_chars() {
        let text = "قتل، اثنان, ثم؛ ٌ ،،x, ڛ ٌ";
        let by_chars: Vec<(usize, usize)> =
            text.char_indices().filter(|(_, c)| matches!(c, '،' | ',' | '؛')).map(|(i, c)| (i, c.len_utf8())).collect();
        assert_eq!(commas(text).collect::<Vec<_>>(), by_chars);
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(split_sentences("بلغت 3.5 مليون. ثم").len(), 2);
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(split_sentences("اغتيال المدرس (م. ع.)، البالغ 46 عاماً. ثم").len(), 2);
        assert_eq!(split_sentences("قال د. أحمد إن").len(), 1);
        assert_eq!(split_sentences("قتل اثنان في الحسكة. ثم").len(), 2);
    }

    #[test]
    fn offsets_slice_the_source() {
        let t = "  أولى؛ ثانية  \n\nثالثة";
        let s = split_sentences(t);
        let texts: Vec<&str> = s.iter().map(|x| &t[x.start..x.end]).collect();
        assert_eq!(texts, vec!["أولى؛", "ثانية", "ثالثة"]);
    }

    /// The definition, one char at a time.
    fn split_by_chars(text: &str) -> Vec<Sentence> {
        let (mut out, mut paragraph, mut start) = (Vec::new(), 0, 0);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
            let initial = c == '.' && after_initial(text, i);
            let ends = c == '\n' || (matches!(c, '.' | '!' | '?' | '؟' | '؛') && next_is_space && !initial);
            if ends {
                out.extend(trimmed(text, start, if c == '\n' { i } else { i + c.len_utf8() }, paragraph));
                start = i + c.len_utf8();
                if c == '\n' && out.last().is_some_and(|s: &Sentence| s.paragraph == paragraph) {
                    paragraph += 1;
                }
            }
        }
        out.extend(trimmed(text, start, text.len(), paragraph));
        out
    }

    #[test]
    fn initials_agree_with_their_first_reading() {
        // The letter was looked at first, then what stands before it.
        let first_reading = |text: &str, dot: usize| {
            let mut before = text[..dot].chars().rev();
            let letter = before.next().is_some_and(char::is_alphabetic);
            letter && before.next().is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '.' | '«' | '"'))
        };
        let pieces = ["م", ".", " ", "(", "«", "\"", "x", "5", "\n", "د", "ab"];
        let mut rng = crate::corpus::Rng::new(11);
        for _ in 0..4000 {
            let text: String = (0..rng.below(12)).map(|_| pieces[rng.below(pieces.len())]).collect();
            for (dot, _) in text.match_indices('.') {
                assert_eq!(after_initial(&text, dot), first_reading(&text, dot), "{text:?} {dot}");
            }
        }
    }

    #[test]
    fn bytes_agree_with_chars_on_random_text() {
        // ٟ and ڛ end in the same bytes as ؟ and ؛ after another lead byte.
        let pieces = ["قتل", " ", ".", "!", "?", "؟", "؛", "\n", "3.5", "\u{a0}", "ؤ", "x", "،", "\u{2003}", "ٟ", "ڛ"];
        let mut rng = crate::corpus::Rng::new(7);
        for _ in 0..4000 {
            // Long enough to cross several blocks, at every alignment.
            let text: String = (0..rng.below(120)).map(|_| pieces[rng.below(pieces.len())]).collect();
            assert_eq!(split_sentences(&text), split_by_chars(&text), "{text:?}");
        }
    }
}
