//! The parts of a news page: headline, photo captions, "related news"
//! blocks, datelines and page furniture. What a line is decides whether it
//! may report an event and how it relates to the others (a headline or a
//! caption restates the body).

use super::sentences::Sentence;
use crate::arabic::Normalized;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, StartKind};
use std::ops::Range;
use std::sync::OnceLock;

/// What part of the page a sentence belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The title (and a repeated title or subtitle right after it).
    Headline,
    /// A photo or video caption.
    Caption,
    /// A "related news" / "read also" block: other articles' headlines.
    Teaser,
    /// The article's text.
    Body,
    /// A line of hashtags ("#دير_الزور #عبوة_ناسفة"): labels, not text.
    Tags,
}

impl Zone {
    /// True when a sentence of this zone may report an event of the
    /// article (teasers report other articles').
    pub fn may_report(self) -> bool {
        !matches!(self, Zone::Teaser | Zone::Tags)
    }

    /// True when the zone only restates what the body tells.
    pub fn restates(self) -> bool {
        matches!(self, Zone::Headline | Zone::Caption)
    }
}

/// Markers (normalised) that open a block of other articles' headlines.
const TEASER_MARKERS: &[&str] = &[
    "اقرا ايضا",
    "اقرا المزيد",
    "اقرا كذلك",
    "اقرا اكثر",
    "ذات صله",
    "ذات علاقه",
    "شاهد ايضا",
    "المزيد من الاخبار",
    "الاكثر قراءه",
    "الاكثر مشاهده",
    "قد يهمك",
    "قد يعجبك",
    "اخترنا لك",
    "مواضيع ذات",
    "روابط ذات",
    "اخر الاخبار",
    "اخبار متعلقه",
    "مقالات متعلقه",
    "تابع ايضا",
    "اقرا المزيد من",
    "اخبار اخري",
];

/// Words (normalised) a caption line starts with.
const CAPTION_OPENERS: &[&str] = &["صوره", "الصوره", "صور", "فيديو", "بالفيديو", "بالصور", "شاهد", "لقطه", "ارشيفيه"];

/// The zone of every sentence of an article.
pub fn zones(text: &str, norm: &Normalized, sentences: &[Sentence], norm_ranges: &[Range<usize>]) -> Vec<Zone> {
    let mut out = vec![Zone::Body; sentences.len()];
    let mut in_block = false;
    let headline = headline_sentences(text, sentences);
    for (i, (s, range)) in sentences.iter().zip(norm_ranges).enumerate() {
        let raw = &text[s.start..s.end];
        let line = norm.text[range.clone()].trim_start_matches(|c: char| !crate::arabic::is_word_char(c));
        // "أخبار ذات صلة", "مقالات ذات صلة": the marker may follow one word.
        let second = first_space(line).map_or("", |i| &line[i + 1..]);
        if opens_teaser(line) || opens_teaser(second) {
            in_block = true;
            out[i] = Zone::Teaser;
            continue;
        }
        let bullet = raw.starts_with(['-', '•', '–', '*', '·', '▪', '►', '◄', '»']);
        let title_like = || !raw.ends_with(['.', '،', ':']) && shorter_than(raw, 140);
        in_block = in_block && (bullet || title_like());
        out[i] = if is_tag_line(raw) {
            Zone::Tags
        } else if in_block || (bullet && shorter_than(raw, 160) && !ends_sentence(raw)) {
            Zone::Teaser
        } else if headline.contains(&i) {
            Zone::Headline
        } else if is_caption(raw, line) {
            Zone::Caption
        } else {
            Zone::Body
        };
    }
    out
}

/// True for a line of hashtags: two or more words, at least half of them
/// tags.
fn is_tag_line(raw: &str) -> bool {
    // Most lines hold no "#" at all: one byte search says so.
    if memchr::memchr(b'#', raw.as_bytes()).is_none() {
        return false;
    }
    let (mut words, mut tags) = (0, 0);
    for w in raw.split_whitespace() {
        words += 1;
        tags += usize::from(w.starts_with('#'));
    }
    tags >= 2 && tags * 2 >= words
}

/// True when `line` opens with one of the [`TEASER_MARKERS`]: one anchored
/// pass of an automaton over the first bytes, where trying each marker in
/// turn cost a few hundred instructions a line.
fn opens_teaser(line: &str) -> bool {
    static MARKERS: OnceLock<AhoCorasick> = OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        let builder = AhoCorasick::builder()
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::DFA))
            .build(TEASER_MARKERS);
        builder.unwrap_or_else(|e| panic!("teaser markers do not build an automaton: {e}"))
    });
    markers.is_match(Input::new(line).anchored(Anchored::Yes))
}

/// Where the first space of `line` is. A plain loop: the space is a few
/// bytes in, where a searcher costs more to set up than it saves.
fn first_space(line: &str) -> Option<usize> {
    line.bytes().position(|b| b == b' ')
}

/// True when a raw line ends like a sentence of running text.
fn ends_sentence(raw: &str) -> bool {
    raw.ends_with(['.', '؟', '!', '?', '"', '”', '»'])
}

/// The headline: the first line of the page that reads like a title (no
/// final full stop, short) once page furniture is passed (an outlet's name,
/// a date line), every sentence of it, any later copy of it, and the
/// subtitle lines right after it (title-like lines before the body starts).
fn headline_sentences(text: &str, sentences: &[Sentence]) -> Vec<usize> {
    let lines = first_lines(sentences, 6);
    let line_text = |l: &[usize]| &text[sentences[l[0]].start..sentences[l[l.len() - 1]].end];
    // Lines may be long paragraphs: nothing here reads further than it must.
    // A title may end with ".." or "…", never with one full stop.
    let title_like = |t: &str| (!t.ends_with('.') || t.ends_with("..")) && shorter_than(t, 160);
    // An outlet's or author's name, a date line: short, dated or marked.
    let dated = |t: &str| t.chars().any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c));
    let marked = |t: &str| t.contains(['–', '|', '«', '@', '/', '©']);
    let furniture = |t: &str| {
        let words = words_up_to(t, 10);
        words <= 2 || (words <= 10 && (dated(t) || (marked(t) && words <= 6)))
    };
    let Some(at) = lines.iter().take(4).position(|l| !furniture(line_text(l))) else { return Vec::new() };
    let title = line_text(&lines[at]);
    if !title_like(title) {
        return Vec::new();
    }
    let mut out = lines[at].clone();
    let mut in_titles = true;
    for l in &lines[at + 1..] {
        let t = line_text(l);
        // Once the titles end, the later lines are only compared with the title.
        in_titles = in_titles && (furniture(t) || (title_like(t) && shorter_than(t, 120)) || t == title);
        if in_titles || t == title {
            out.extend(l);
        }
    }
    out
}

/// The words of `text` (split at white space), counted up to `n + 1`: a
/// plain loop over the characters, which costs less than splitting.
fn words_up_to(text: &str, n: usize) -> usize {
    let (mut words, mut in_word) = (0, false);
    for c in text.chars() {
        let space = c.is_whitespace();
        if !space && !in_word {
            words += 1;
            if words > n {
                break;
            }
        }
        in_word = !space;
    }
    words
}

/// True when `text` has fewer than `n` characters. A character takes one
/// to four bytes, so the length alone tells most lines; otherwise the
/// bytes that start a character are counted.
fn shorter_than(text: &str, n: usize) -> bool {
    text.len() < n || (text.len() < 4 * n && text.bytes().filter(|&b| (b as i8) >= -0x40).count() < n)
}

/// The sentence indices of the first `n` lines (paragraphs), line by line.
fn first_lines(sentences: &[Sentence], n: usize) -> Vec<Vec<usize>> {
    let mut lines: Vec<Vec<usize>> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let same_line = lines.last().is_some_and(|l| sentences[l[0]].paragraph == s.paragraph);
        if same_line {
            lines.last_mut().into_iter().for_each(|l| l.push(i));
        } else if lines.len() == n {
            break;
        } else {
            lines.push(vec![i]);
        }
    }
    lines
}

/// A photo or video caption: a short line opening with a caption word, or
/// closing with an agency or archive credit in brackets.
fn is_caption(raw: &str, norm_line: &str) -> bool {
    let first = norm_line.split(|c: char| !crate::arabic::is_word_char(c)).next().unwrap_or("");
    let opens = CAPTION_OPENERS.contains(&first)
        && norm_line[first.len()..].trim_start().starts_with([':', '|', '(', '-', '–']);
    let credit = raw.trim_end().ends_with(')') && (norm_line.contains("ارشيف") || norm_line.contains("صوره"));
    (opens || credit || raw.starts_with("📷") || raw.starts_with("(صورة")) && shorter_than(raw, 220)
}

/// News agencies and outlets (normalised) that follow a dateline's dash.
const AGENCIES: &[&str] = &[
    "سانا",
    "واع",
    "رويترز",
    "ا ف ب",
    "اف ب",
    "الاناضول",
    "نورث برس",
    "خاص",
    "هاوار",
    "وكالات",
    "رووداو",
    "روداو",
    "بترا",
    "شفق نيوز",
    "كوردستان",
    "كردستان",
    "شينخوا",
    "سبوتنيك",
    "المدي",
    "السومريه",
    "الوكالات",
    "متابعات",
];

/// Where the dateline of a (normalised) line ends: "الحسكه (رويترز) -",
/// "دمشق-سانا", "بغداد/ شفق نيوز:", "اربيل (كوردستان 24) –". The place a
/// dateline names is where the report was filed, not where the event
/// happened. Returns the byte offset just past the dateline; `None` when
/// the line opens with no dateline ("دير الزور: مقتل شاب" is a heading
/// that names the event's place, not a dateline).
pub fn dateline_end(line: &str) -> Option<usize> {
    let (dash_at, dash) = line.char_indices().take(60).find(|(_, c)| matches!(c, '-' | '–' | '—' | ':'))?;
    let before = &line[..dash_at];
    let words = before.split(|c: char| !crate::arabic::is_word_char(c)).filter(|w| !w.is_empty()).count();
    if words == 0 || words > 6 {
        return None;
    }
    let mut end = dash_at + dash.len_utf8();
    let after = line[end..].trim_start();
    let agency_after = AGENCIES.iter().find(|a| after.starts_with(*a));
    if let Some(a) = agency_after {
        // "دمشق-سانا:": the agency and its own colon belong to the dateline.
        end = line.len() - after.len() + a.len();
        let rest = &line[end..];
        end += rest.len() - rest.trim_start_matches([' ', ':', '-', '–', '—']).len();
    }
    let agency_before = before.contains('(') || before.contains('/');
    // An agency not listed, closed by a colon: "بغداد- أ ش أ:", "-عمان:".
    let credit = agency_after.is_none() && dash != ':' && words <= 3;
    let credited = credit.then(|| credit_end(line, end)).flatten();
    if let Some(e) = credited {
        return Some(e);
    }
    (agency_before || agency_after.is_some()).then_some(end)
}

/// Where a short credit closed by a colon ends ("أ ش أ:", "قنا:"), when
/// one follows the dash at `from`: an acronym or one short name.
fn credit_end(line: &str, from: usize) -> Option<usize> {
    let colon = line[from..].char_indices().take(16).find(|(_, c)| *c == ':').map(|(i, _)| from + i)?;
    let credit = &line[from..colon];
    let words: Vec<&str> = credit.split(|c: char| !crate::arabic::is_word_char(c)).filter(|w| !w.is_empty()).collect();
    // An acronym ("أ ش أ", "ا ف ب") or one short name ("قنا", "بترا").
    let acronym = words.len() <= 3 && words.iter().any(|w| w.chars().count() == 1);
    let short_name = words.len() == 1 && words[0].chars().count() <= 5;
    let rest = &line[colon + 1..];
    (acronym || short_name).then(|| line.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize;
    use crate::incidents::split_sentences;

    fn zones_of(text: &str) -> Vec<Zone> {
        let norm = normalize(text);
        let sentences = split_sentences(text);
        let ranges: Vec<_> = sentences.iter().map(|s| norm.folded_range(s.start, s.end)).collect();
        zones(text, &norm, &sentences, &ranges)
    }

    #[test]
    fn related_news_block_is_teasers() {
        let z = zones_of(
            "مقتل شاب في هجوم مسلح\nنص الخبر الأول.\nأخبار ذات صلة\nمقتل عنصر في هجوم\nاعتقال خلية\nنص آخر طويل ينتهي بنقطة.",
        );
        assert_eq!(z, vec![Zone::Headline, Zone::Body, Zone::Teaser, Zone::Teaser, Zone::Teaser, Zone::Body]);
    }

    #[test]
    fn inline_teaser_marker() {
        let z = zones_of("نص.\nأخبار ذات علاقة مقتل عنصر أمن إثر هجوم\nنص آخر.");
        assert_eq!(z[1], Zone::Teaser);
    }

    #[test]
    fn hashtags_are_labels() {
        let z = zones_of("نص الخبر ينتهي بنقطة.\n#دير_الزور #الشحيل #عبوة_ناسفة\nنص.");
        assert_eq!(z[1], Zone::Tags);
        assert!(!Zone::Tags.may_report());
    }

    #[test]
    fn caption_line() {
        let z =
            zones_of("مقتل شاب في هجوم مسلح\nنص الخبر الطويل ينتهي بنقطة.\nصورة: عناصر من قسد في دورية (أرشيف)\nنص.");
        assert_eq!(z[2], Zone::Caption);
    }

    #[test]
    fn title_with_dots_is_headline() {
        assert_eq!(zones_of("مسيرة تستهدف سيارة في سنوني..\nنص الخبر.")[0], Zone::Headline);
    }

    #[test]
    fn headline_after_the_outlet_and_date_lines() {
        let z = zones_of("دهوك – «شبكة كاني»\nالخميس 4 أيلول 2025\nمقتل ثلاثة بغارة قرب سنوني.. ومتظاهرون: أوقفوا الاستهداف\nقتل عنصران من الوحدات، مساء أمس، بغارة.");
        assert_eq!(z[2..], [Zone::Headline, Zone::Headline, Zone::Body]);
    }

    #[test]
    fn subtitle_is_headline() {
        let z = zones_of(
            "ضربات جوية على أوكار داعش..\nوعبوة تقتل جنديا قرب الرطبة\nنص الخبر الطويل ينتهي بنقطة.\nسطر قصير",
        );
        assert_eq!(z, vec![Zone::Headline, Zone::Headline, Zone::Body, Zone::Body]);
    }

    #[test]
    fn repeated_title_is_headline() {
        let z = zones_of("هجوم على حاجز\nهجوم على حاجز\nنص الخبر الطويل ينتهي بنقطة.");
        assert_eq!(z, vec![Zone::Headline, Zone::Headline, Zone::Body]);
    }

    #[test]
    fn teaser_markers_agree_with_starts_with_any() {
        // Every marker, its words, and each cut short by a letter.
        let mut pieces: Vec<String> = vec![" ".into(), "x".into(), "ال".into()];
        for m in TEASER_MARKERS {
            pieces.push(m.to_string());
            pieces.extend(m.split(' ').map(str::to_string));
            pieces.push(m.chars().take(m.chars().count() - 1).collect());
        }
        let mut rng = crate::corpus::Rng::new(3);
        for _ in 0..20_000 {
            let line: String = (0..rng.below(5)).map(|_| pieces[rng.below(pieces.len())].as_str()).collect();
            let by_prefix = crate::incidents::starts_with_any(&line, TEASER_MARKERS);
            assert_eq!(opens_teaser(&line), by_prefix, "{line:?}");
        }
    }

    #[test]
    fn words_up_to_agrees_with_split_whitespace() {
        let pieces = [
            "قتل", "x", " ", "  ", "\u{a0}", "\u{0b}", "\u{3000}", "\u{2003}", "\n", "،", "\u{85}", "\u{1680}",
            "\u{205f}", "\u{2060}", "ª", "€", "ᚁ", "😀", "\u{1c}",
        ];
        let mut rng = crate::corpus::Rng::new(23);
        for _ in 0..4000 {
            let text: String = (0..rng.below(30)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let n = rng.below(12);
            assert_eq!(words_up_to(&text, n), text.split_whitespace().take(n + 1).count(), "{text:?} {n}");
        }
    }

    #[test]
    fn shorter_than_counts_characters() {
        let pieces = ["ق", "x", " ", "€", "📷", "تل"];
        let mut rng = crate::corpus::Rng::new(19);
        for _ in 0..4000 {
            let text: String = (0..rng.below(40)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let n = 1 + rng.below(60);
            assert_eq!(shorter_than(&text, n), text.chars().count() < n, "{text:?} {n}");
        }
    }

    #[test]
    fn datelines() {
        let n = |t: &str| normalize(t).text;
        let at = |t: &str| dateline_end(&n(t));
        assert_eq!(at("الحسكة (رويترز) - قتل"), Some(n("الحسكة (رويترز) -").len()));
        assert_eq!(at("دمشق-سانا: أعلنت"), Some(n("دمشق-سانا: ").len()));
        assert_eq!(at("بغداد/ شفق نيوز: قال"), Some(n("بغداد/ شفق نيوز:").len()));
        assert_eq!(at("القامشلي – نورث برس"), Some(n("القامشلي – نورث برس").len()));
        assert_eq!(at("دير الزور: مقتل شاب برصاص مجهولين"), None);
        assert_eq!(at("بغداد- أ ش أ: شنت طائرات"), Some(n("بغداد- أ ش أ: ").len()));
        assert_eq!(at("القامشلي - قتل شاب: قال مصدر"), None);
        // A bulletin's item names the event's place.
        assert_eq!(at("- دير الزور: مقتل شاب"), None);
        assert_eq!(at("قتل ثلاثة عناصر من قوات الأمن في هجوم على حاجز - مصادر"), None);
    }
}
