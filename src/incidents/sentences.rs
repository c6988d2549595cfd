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
    // Bytes, not chars: every delimiter is ASCII or ends in 0x9B/0x9F after
    // 0xD8 (؛ ؟), and UTF-8 never reuses those bytes inside another
    // character. Looking at the last byte of each delimiter lets whole
    // blocks without one be skipped: most of an article.
    let bytes = text.as_bytes();
    for (block_at, block) in bytes.chunks(BLOCK).enumerate().map(|(k, b)| (k * BLOCK, b)) {
        if !block.iter().fold(false, |found, &b| found | matches!(b, b'\n' | b'.' | b'!' | b'?' | 0x9B | 0x9F)) {
            continue;
        }
        for (j, &b) in block.iter().enumerate() {
            let end = block_at + j + 1;
            let newline = match b {
                b'\n' => true,
                b'.' | b'!' | b'?' => false,
                0x9B | 0x9F if end >= 2 && bytes[end - 2] == 0xD8 => false,
                _ => continue,
            };
            if newline || text[end..].chars().next().is_none_or(char::is_whitespace) {
                push_trimmed(text, start, if newline { end - 1 } else { end }, paragraph, &mut out);
                start = end;
                if newline && out.last().is_some_and(|s: &Sentence| s.paragraph == paragraph) {
                    paragraph += 1;
                }
            }
        }
    }
    push_trimmed(text, start, text.len(), paragraph, &mut out);
    out
}

/// Bytes looked at together when skipping text without delimiters.
const BLOCK: usize = 32;

fn push_trimmed(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + lead;
        out.push(Sentence { start: s, end: s + trimmed.len(), paragraph });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(split_sentences("بلغت 3.5 مليون. ثم").len(), 2);
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
            let ends = c == '\n' || (matches!(c, '.' | '!' | '?' | '؟' | '؛') && next_is_space);
            if ends {
                push_trimmed(text, start, if c == '\n' { i } else { i + c.len_utf8() }, paragraph, &mut out);
                start = i + c.len_utf8();
                if c == '\n' && out.last().is_some_and(|s: &Sentence| s.paragraph == paragraph) {
                    paragraph += 1;
                }
            }
        }
        push_trimmed(text, start, text.len(), paragraph, &mut out);
        out
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
