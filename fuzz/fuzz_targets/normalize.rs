//! `arabic::normalize`: the folded text and its offset map.
#![no_main]

use hudud::arabic::{fold_char, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let n = normalize(s);

    // Folding is per character.
    let by_char: String = s.chars().filter_map(fold_char).collect();
    assert_eq!(n.text, by_char);

    // The whole source maps to the whole folded text, and back into the source.
    assert_eq!(n.folded_range(0, s.len()), 0..n.text.len());
    let (a, b) = n.source_span(0, n.text.len());
    assert!(a <= b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b));

    // Each folded character points back to a source span that folds to it
    // (the character and the marks dropped after it).
    for (i, c) in n.text.char_indices() {
        let (a, b) = n.source_span(i, i + c.len_utf8());
        assert!(a < b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b));
        assert_eq!(normalize(&s[a..b]).text, c.to_string());
    }

    // A span on character boundaries folds as it would on its own; the
    // input's first and last characters choose the span.
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    let pick = |c: Option<char>| bounds[c.map_or(0, |c| c as usize) % bounds.len()];
    let (x, y) = (pick(s.chars().next()), pick(s.chars().next_back()));
    let (start, end) = (x.min(y), x.max(y));
    let r = n.folded_range(start, end);
    assert!(r.start <= r.end && r.end <= n.text.len());
    assert_eq!(n.slice_of(start, end), normalize(&s[start..end]).text);
});
