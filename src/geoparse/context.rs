//! The words around a name: cue words, directions, containers, and the
//! contexts where a name is not a place at all (organisations, kunyas).

use super::recognize::RawMatch;
use crate::arabic::{cue_for_word, direction_for_word, is_word_char, Cue, Direction};

/// Characters skipped when walking to the neighbouring word: spaces and quotes.
fn is_soft_gap(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '”' | '«' | '»' | '„' | '‘' | '’' | '(' | ')' | '-' | '–')
}

/// The word ending right before `pos` (skipping spaces and quotes), as a
/// byte range, or `None` at a sentence boundary or the start of text.
pub fn prev_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let before = &text[..pos];
    let trimmed = before.trim_end_matches(is_soft_gap);
    let end = trimmed.len();
    let start = trimmed.char_indices().rev().take_while(|(_, c)| is_word_char(*c)).last().map(|(i, _)| i)?;
    Some((start, end))
}

/// The word starting right after `pos` (skipping spaces and quotes).
pub fn next_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let after = &text[pos..];
    let skipped = after.len() - after.trim_start_matches(is_soft_gap).len();
    let start = pos + skipped;
    let len: usize = text[start..].chars().take_while(|c| is_word_char(*c)).map(char::len_utf8).sum();
    (len > 0).then_some((start, start + len))
}

/// Words introducing an organisation, outlet or institution: a place name
/// right after them is part of a name ("ولاية الرقة", "معهد واشنطن").
const ORG_HEADS: &[&str] = &[
    "ولايه",
    "معهد",
    "جامعه",
    "تلفزيون",
    "قناه",
    "اذاعه",
    "صحيفه",
    "وكاله",
    "جريده",
    "منتخب",
    "نادي",
    "مركز",
    "موقع",
    "شبكه",
    "مجله",
    "منصه",
    "حزب",
    "تيار",
    "فيلق",
    "بنك",
    "مصرف",
    "شركه",
    // Security units and councils named after their area: "شرطة نينوى",
    // "قيادة عمليات الأنبار", "مجلس دير الزور العسكري".
    "شرطه",
    "عمليات",
    "مديريه",
    "حشد",
    "مجلس",
    // "قوات حكومة دمشق": a government, named after its capital.
    "حكومه",
    // "مراسل الميادين": a correspondent of an outlet.
    "مراسل",
    // "ساحة الكرامة", "شارع بغداد", "دوار النعيم": a square or street
    // named after a place lies in the town that has it.
    "ساحه",
    "شارع",
    "دوار",
    // "شعبة مكافحة إجرام الرمادي", "مكافحة إرهاب نينوى": departments.
    // ("والي تلعفر", a group's title, cannot be told from "وإلى" once
    // normalised.)
    "اجرام",
    "ارهاب",
];

/// Words after a name that make it part of an organisation's name
/// ("قوات سوريا الديمقراطية", "جيش سورية الحرة", "العراق والشام").
const ORG_TAILS: &[&str] = &["الديمقراطيه", "الحره", "والشام", "الاسلاميه", "اليوم", "الجديد", "نت"];

/// Words before a name that make it a person's name ("أبو زينب", "بن").
const PERSON_HEADS: &[&str] = &["ابو", "ام", "بن", "ابن", "بنت", "الشيخ", "السيد", "الحاج"];

/// Frequent given names (normalised). A place name right after one is a
/// family name ("أثير حمزة جاسم"). Names that are also common words once
/// normalised (علي = على, نور, سعيد, كريم…) are left out on purpose.
const GIVEN_NAMES: &[&str] = &[
    "محمد",
    "احمد",
    "محمود",
    "مصطفي",
    "حسين",
    "عمر",
    "خالد",
    "حمزه",
    "ابراهيم",
    "يوسف",
    "فواد",
    "ماجد",
    "فاضل",
    "عادل",
    "عامر",
    "عمار",
    "ياسر",
    "ناصر",
    "اثير",
    "فراس",
    "مازن",
    "هادي",
    "رامي",
    "سامي",
    "طارق",
    "زياد",
    "وليد",
    "بشار",
    "حافظ",
    "ماهر",
    "قاسم",
    "جاسم",
    "جعفر",
    "عباس",
    "كاظم",
    "مهدي",
    "مسعود",
    "نوري",
    "هشام",
    "ايمن",
    "سليمان",
    "داود",
    "موسي",
    "عيسي",
    "اسماعيل",
    "يحيي",
    "عثمان",
    "سلمان",
    "فيصل",
    "فهد",
    "عبدالله",
    "عبدالرحمن",
    "فرهاد",
    "مظلوم",
    "صدام",
    "نوري",
    "حيدر",
    "مقتدي",
    "قيس",
    "هيثم",
    "رياض",
    "صلاح",
    "جمعه",
    "عدنان",
    "توم",
];

/// Idioms that contain a place name's spelling but name no place
/// ("حُماة الحدود", border guards, is not Hama).
const IDIOMS: &[&str] = &["حماه الحدود", "حماه الديار", "حماه الوطن", "حماه الثوره", "الشرق الاوسط"];

/// Place names that are also common adjectives ("حملة جديدة", "قرية
/// جديدة"): after a noun they describe it; only a preposition makes them
/// a place ("في جديدة").
const ADJECTIVE_NAMES: &[&str] = &["جديده", "جديد", "كبيره", "صغيره", "قديمه", "اخري", "عديده", "بعيده"];

/// Prepositions that introduce a place.
const PLACE_PREPOSITIONS: &[&str] = &["في", "من", "الي", "قرب", "نحو", "باتجاه", "داخل", "الى", "حتي", "بين"];

/// True for a gazetteer variant that is itself a cue or direction word
/// ("مدينة" for al-Madinah): matched alone, it names nothing. Depends on
/// the name only, so the geoparser works it out once per name.
pub fn names_nothing_alone(name: &str) -> bool {
    !name.contains(' ') && (cue_for_word(name).is_some() || direction_for_word(name).is_some())
}

/// Why a match is not a place mention, judging by the words around it
/// (see also [`names_nothing_alone`]).
pub fn blocking_context(text: &str, m: &RawMatch) -> Option<&'static str> {
    if IDIOMS.iter().any(|i| text[m.start..].starts_with(i)) {
        return Some("part of an idiom");
    }
    if ADJECTIVE_NAMES.contains(&m.name) && m.proclitic.is_empty() {
        let after_preposition =
            prev_word(text, m.word_start).is_some_and(|(s, e)| PLACE_PREPOSITIONS.contains(&&text[s..e]));
        if !after_preposition {
            return Some("an adjective, not a place");
        }
    }
    if m.proclitic.is_empty() {
        if let Some((s, e)) = prev_word(text, m.word_start) {
            let w = &text[s..e];
            // "شرطة محافظة نينوى" is a unit; "مركز مدينة الرقة", "مركز ناحية
            // X" is the town's centre, a place.
            let unit_of_area = |(a, b): (usize, usize)| {
                let head = &text[a..b];
                is_org_head(head) && head.trim_start_matches('و').trim_start_matches("ب") != "مركز"
            };
            if is_org_head(w) || (cue_for_word(w).is_some() && prev_word(text, s).is_some_and(unit_of_area)) {
                return Some("part of an organisation's name");
            }
            if PERSON_HEADS.contains(&w) || GIVEN_NAMES.contains(&w) {
                return Some("part of a person's name");
            }
        }
    }
    if let Some((s, e)) = next_word(text, m.end) {
        let tail = &text[s..e];
        // "بغداد اليوم" is an outlet, but "في مدينة البوكمال اليوم" is a
        // place on this day.
        let today_here = tail == "اليوم" && (is_locative(text, m) || cue_before(text, m).is_some());
        if ORG_TAILS.contains(&tail) && !today_here {
            return Some("part of an organisation's name");
        }
    }
    None
}

/// True when `word` (proclitics and article allowed) opens an
/// organisation's or unit's name.
fn is_org_head(word: &str) -> bool {
    // Looked up for the word before every name: a set, not a list scan.
    static HEADS: std::sync::OnceLock<crate::FastMap<&'static str, ()>> = std::sync::OnceLock::new();
    let heads = HEADS.get_or_init(|| ORG_HEADS.iter().map(|h| (*h, ())).collect());
    let mut found = false;
    crate::arabic::for_each_reading(word, &mut |b| {
        found |= heads.contains_key(b) || heads.contains_key(b.trim_start_matches("ال"));
    });
    found
}

/// True when a locative preposition introduces the name ("في X", "بX").
pub fn is_locative(text: &str, m: &RawMatch) -> bool {
    const PREPOSITIONS: &[&str] = &["في", "من", "الي", "قرب", "نحو", "باتجاه", "داخل", "بمحيط", "محيط", "اطراف"];
    m.proclitic.contains('ب') || prev_word(text, m.word_start).is_some_and(|(s, e)| PREPOSITIONS.contains(&&text[s..e]))
}

/// The cue word right before a name ("بريف", "مدينة"), if any.
pub fn cue_before(text: &str, m: &RawMatch) -> Option<Cue> {
    if !m.proclitic.is_empty() {
        return None;
    }
    let (s, e) = prev_word(text, m.word_start)?;
    let cue = cue_for_word(&text[s..e]);
    if cue.is_some() {
        return cue;
    }
    // "ريف دير الزور" may be split by a direction: "ريف شرق X" is rare, but
    // "مدينتي X و Y" and "بلدتي" are handled as cue words themselves.
    None
}

/// A cue word the matched name itself starts with ("مخيم الهول").
pub fn cue_inside(name: &str) -> Option<Cue> {
    let (first, rest) = name.split_once(' ')?;
    (!rest.is_empty()).then(|| cue_for_word(first)).flatten()
}

/// A direction stated right before ("شرق دير الزور") or after
/// ("ريف دير الزور الشرقي") a name. A bare direction after it ("قرية
/// ارادن شرق الناحية") says where the named place lies from the next one:
/// it is no direction of this name.
pub fn direction_near(text: &str, m: &RawMatch) -> Option<Direction> {
    let adjective =
        |(s, e): (usize, usize)| text[s..e].starts_with("ال").then(|| direction_for_word(&text[s..e])).flatten();
    let after = next_word(text, m.end).and_then(adjective);
    after.or_else(|| {
        if !m.proclitic.is_empty() && m.proclitic != "ب" {
            return None;
        }
        let (s, e) = prev_word(text, m.word_start)?;
        direction_for_word(&text[s..e])
    })
}

/// Words allowed between a place and the place that contains it:
/// "X بريف Y", "X في محافظة Y", "X شرق Y", "X التابعة لـ Y".
fn is_containment_word(word: &str) -> bool {
    // "حمص وريف إدلب": "و" joins a list; it never says where a place lies.
    if word.strip_prefix('و').is_some_and(is_containment_word) {
        return false;
    }
    const LINKS: &[&str] = &["في", "قرب", "بالقرب", "من", "ضمن", "داخل", "التابعه", "التابع", "لمحافظه", "جنوب"];
    LINKS.contains(&word) || cue_for_word(word).is_some() || direction_for_word(word).is_some()
}

/// Words of a distance stated between a place and the place it lies
/// from ("نحو 25 كيلومتراً شرق مدينة الرقة", "على بعد 10 كم جنوب").
fn is_distance_word(word: &str) -> bool {
    const DISTANCE: &[&str] = &[
        "نحو",
        "حوالي",
        "قرابه",
        "علي",
        "بعد",
        "مسافه",
        "كم",
        "كلم",
        "كيلو",
        "كيلومتر",
        "كيلومترا",
        "كيلومترات",
        "مترا",
    ];
    DISTANCE.contains(&word) || word.chars().all(|c| c.is_ascii_digit())
}

/// True when only containment words (at most three, or six with a
/// distance) separate `inner` from `outer`, which follows it: `outer`
/// then names where `inner` lies. A comma may open the phrase when a
/// direction or a distance follows it ("بلدة السبخة، شرقي الرقة"); a
/// comma right before `outer` never does ("البصيرة، دير الزور").
pub fn is_container(text: &str, inner: &RawMatch, outer: &RawMatch) -> bool {
    if outer.word_start < inner.end {
        return false;
    }
    let mut pos = inner.end;
    let mut words = 0;
    let mut limit = 3;
    // A comma right after the name may open an apposition.
    let after = text[pos..].trim_start();
    let comma = after.strip_prefix('،').or_else(|| after.strip_prefix(','));
    if let Some(rest) = comma {
        let opens = next_word(rest, 0).is_some_and(|(s, e)| {
            let w = &rest[s..e];
            is_distance_word(w) || direction_for_word(w).is_some()
        });
        if !opens {
            return false;
        }
        pos = text.len() - rest.len();
    }
    while let Some((s, e)) = next_word(text, pos) {
        if s >= outer.word_start {
            // The gap holds no sentence punctuation.
            // Side by side with nothing between ("ذيبان مادبا") is a list or
            // a name, not containment, unless the outer name carries ب.
            let linked = words > 0 || outer.proclitic.contains('ب');
            return linked
                && !text[pos..s].chars().any(|c| matches!(c, '.' | '،' | ',' | '؛' | ';' | ':' | '!' | '?' | '؟'))
                && (s == outer.word_start);
        }
        let word = &text[s..e];
        let distance = is_distance_word(word);
        if distance {
            limit = 6;
        }
        if words == limit || !(is_containment_word(word) || distance) {
            return false;
        }
        if text[pos..s].chars().any(|c| matches!(c, '.' | '،' | ',' | '؛' | ';' | ':' | '\n')) {
            return false;
        }
        words += 1;
        pos = e;
    }
    false
}

/// True when the normalised text between a name and a later place holds
/// only containment words ("بريف", "شرقي", "في مدينة"; at most three) and
/// no punctuation: the later place says where the name lies.
pub fn links_to_container(gap: &str) -> bool {
    // As in [`is_container`]: a comma may open an apposition.
    let trimmed = gap.trim_start();
    let gap = trimmed.strip_prefix('،').or_else(|| trimmed.strip_prefix(',')).unwrap_or(gap);
    let apposition = gap.len() < trimmed.len();
    if gap.chars().any(|c| matches!(c, '.' | '،' | ',' | '؛' | ';' | ':' | '!' | '?' | '؟' | '\n')) {
        return false;
    }
    let words: Vec<&str> = gap.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect();
    let distance = words.iter().any(|w| is_distance_word(w));
    let opens = words.first().is_some_and(|w| is_distance_word(w) || direction_for_word(w).is_some());
    !words.is_empty()
        && words.len() <= if distance { 6 } else { 3 }
        && words.iter().all(|w| is_containment_word(w) || is_distance_word(w))
        && (!apposition || opens)
}

/// True when the name starting at `word_start` is an item of a list a
/// plural cue word opens ("قرى الصكار والحمدي وصبيح"), even when earlier
/// items are names the gazetteer does not know: going back, items of one
/// or two words are joined by "و" or commas up to the cue word.
pub fn in_cued_list(text: &str, word_start: usize) -> bool {
    let mut pos = word_start;
    let mut words_in_item = 1;
    let mut next_opens_item = next_word(text, word_start).is_some_and(|(s, e)| text[s..e].starts_with('و'));
    for _ in 0..16 {
        let Some((s, e)) = prev_word(text, pos) else { return false };
        let gap = &text[e..pos];
        if gap.chars().any(|c| matches!(c, '.' | '؛' | ';' | ':' | '\n' | '!' | '?' | '؟')) {
            return false;
        }
        let w = &text[s..e];
        if crate::arabic::is_list_cue(w.trim_start_matches('و').trim_start_matches("ال")) {
            return true;
        }
        if next_opens_item || gap.contains(['،', ',']) {
            words_in_item = 1;
        } else {
            words_in_item += 1;
            if words_in_item > 2 {
                return false; // an item of three words or more: no list
            }
        }
        next_opens_item = w.starts_with('و') && w.chars().count() > 2;
        pos = s;
    }
    false
}

/// True when the words between a place and its container say more than
/// "in" ("X بريف Y", "X شرقي Y", "X التابعة لـ Y", "X قرب Y"): evidence
/// enough that X is a place even when its name is also a common word.
pub fn strong_link(text: &str, inner: &RawMatch, outer: &RawMatch) -> bool {
    const WEAK: &[&str] = &["في", "من", "ضمن", "داخل"];
    if outer.word_start < inner.end {
        return false;
    }
    text[inner.end..outer.word_start]
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .any(|w| !WEAK.contains(&w))
}

/// Words that put a place close to its container: its countryside,
/// outskirts or surroundings ("بريف تل تمر", "قرب الميادين").
const CLOSE_LINKS: &[&str] = &["ريف", "قرب", "بالقرب", "محيط", "اطراف", "ضواحي", "اراضي"];

/// True when the words between `inner` and its container `outer` put it
/// close by ("X بريف Y", "X قرب Y"), not merely in a direction from it.
pub fn close_link(text: &str, inner: &RawMatch, outer: &RawMatch) -> bool {
    if outer.word_start < inner.end {
        return false;
    }
    text[inner.end..outer.word_start].split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).any(|w| {
        let mut close = false;
        crate::arabic::for_each_reading(w, &mut |r| close |= CLOSE_LINKS.contains(&r.trim_start_matches("ال")));
        close
    })
}

/// True when `next` follows `prev` as the next item of a list: only a
/// comma, "و" (on `next` itself or alone) or "أو" between them ("قرى X
/// وY"، "X، Y").
pub fn joined_in_list(text: &str, prev: &RawMatch, next: &RawMatch) -> bool {
    if next.word_start < prev.end {
        return false;
    }
    let gap = text[prev.end..next.word_start].trim_matches(|c: char| c.is_whitespace() || c == '،' || c == ',');
    let joined_by_waw = next.proclitic.starts_with('و') && gap.is_empty();
    let comma = gap.is_empty() && text[prev.end..next.word_start].contains(['،', ',']);
    joined_by_waw || comma || matches!(gap, "و" | "او")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize;

    fn raw<'a>(text: &str, name: &'a str) -> RawMatch<'a> {
        let start = text.find(name).unwrap();
        RawMatch { word_start: start, start, end: start + name.len(), name, name_index: 0, proclitic: "" }
    }

    #[test]
    fn wilaya_blocks_the_name() {
        let t = normalize("ما يسمى ولاية الرقة").text;
        assert!(blocking_context(&t, &raw(&t, "الرقه")).is_some());
        let t = normalize("انفجار في مركز مدينة الرقة").text;
        assert!(blocking_context(&t, &raw(&t, "الرقه")).is_none(), "a town's centre");
        let t = normalize("عناصر شرطة محافظة نينوى").text;
        assert!(blocking_context(&t, &raw(&t, "نينوي")).is_some(), "a unit");
        let t = normalize("وقفة احتجاجية في ساحة الكرامة وسط المدينة").text;
        assert!(blocking_context(&t, &raw(&t, "الكرامه")).is_some(), "a square's name");
        let t = normalize("وإلى ريف حمص الشرقي").text;
        assert!(blocking_context(&t, &raw(&t, "حمص")).is_none(), "و + إلى");
        let t = normalize("شعبة مكافحة إجرام الرمادي").text;
        assert!(blocking_context(&t, &raw(&t, "الرمادي")).is_some(), "a department");
    }

    #[test]
    fn units_named_after_their_area_block_the_name() {
        let t = normalize("عناصر من شرطة الأنبار").text;
        assert!(blocking_context(&t, &raw(&t, "الانبار")).is_some());
        let t = normalize("قيادة عمليات سامراء").text;
        assert!(blocking_context(&t, &raw(&t, "سامراء")).is_some());
        let t = normalize("مديرية شرطة محافظة نينوى").text;
        assert!(blocking_context(&t, &raw(&t, "نينوي")).is_some());
        let t = normalize("هجوم في محافظة نينوى").text;
        assert!(blocking_context(&t, &raw(&t, "نينوي")).is_none());
    }

    #[test]
    fn adjective_after_a_noun_is_not_a_place() {
        let t = normalize("شنت قسد حملة جديدة ودخلت قرية جديدة").text;
        let first = raw(&t, "جديده");
        assert!(blocking_context(&t, &first).is_some());
        let t = normalize("اشتباكات في جديدة").text;
        assert!(blocking_context(&t, &raw(&t, "جديده")).is_none());
    }

    #[test]
    fn a_place_today_is_no_outlet() {
        let t = normalize("قال مصدر لبغداد اليوم").text;
        assert!(blocking_context(&t, &raw(&t, "بغداد")).is_some(), "the outlet");
        let t = normalize("انفجرت عبوة في البوكمال اليوم").text;
        assert!(blocking_context(&t, &raw(&t, "البوكمال")).is_none());
        let t = normalize("انفجرت عبوة بمدينة البوكمال اليوم").text;
        assert!(blocking_context(&t, &raw(&t, "البوكمال")).is_none());
    }

    #[test]
    fn sdf_blocks_syria() {
        let t = normalize("قوات سوريا الديمقراطية").text;
        assert!(blocking_context(&t, &raw(&t, "سوريا")).is_some());
    }

    #[test]
    fn family_name_after_given_name_is_blocked() {
        let t = normalize("العميد أثير حمزة جاسم").text;
        assert!(blocking_context(&t, &raw(&t, "جاسم")).is_some());
        let t = normalize("هجوم على جاسم").text;
        assert!(blocking_context(&t, &raw(&t, "جاسم")).is_none());
    }

    #[test]
    fn plain_mention_is_not_blocked() {
        let t = normalize("في مدينة الرقة أمس").text;
        assert!(blocking_context(&t, &raw(&t, "الرقه")).is_none());
        assert_eq!(cue_before(&t, &raw(&t, "الرقه")).map(|c| c.word), Some("مدينه".to_string()));
    }

    #[test]
    fn a_bare_direction_after_a_name_locates_it_from_the_next() {
        let t = normalize("في قرية ارادن شرق الناحية").text;
        assert_eq!(direction_near(&t, &raw(&t, "ارادن")), None);
    }

    #[test]
    fn countryside_direction_after() {
        let t = normalize("بريف دير الزور الشرقي").text;
        assert_eq!(direction_near(&t, &raw(&t, "دير الزور")), Some(Direction::East));
    }

    #[test]
    fn containment_through_rif() {
        let t = normalize("بلدة “البصيرة” بريف دير الزور").text;
        assert!(is_container(&t, &raw(&t, "البصيره"), &raw(&t, "دير الزور")));
        let t = normalize("البصيرة، دير الزور").text;
        assert!(!is_container(&t, &raw(&t, "البصيره"), &raw(&t, "دير الزور")));
        let t = "غاره قرب بلده السبخه، شرقي الرقه".to_string();
        assert!(is_container(&t, &raw(&t, "السبخه"), &raw(&t, "الرقه")), "a direction after a comma");
        let t = "هاجموا نقطه عند بلده الكرامه، نحو 25 كيلومترا شرق مدينه الرقه".to_string();
        assert!(is_container(&t, &raw(&t, "الكرامه"), &raw(&t, "الرقه")), "a distance and a direction");
        let t = normalize("بين الحسكة ودير الزور وحمص وريف إدلب").text;
        assert!(!is_container(&t, &raw(&t, "حمص"), &raw(&t, "ادلب")), "a list");
        let t = "قتل اثنان في السبخه، والرقه".to_string();
        assert!(!is_container(&t, &raw(&t, "السبخه"), &raw(&t, "الرقه")), "a list");
    }

    #[test]
    fn countryside_and_near_are_close_links() {
        let t = normalize("قرية ريحانية بريف تل تمر").text;
        assert!(close_link(&t, &raw(&t, "ريحانيه"), &raw(&t, "تل تمر")));
        let t = normalize("ناحية ربيعة شمال غربي الموصل").text;
        assert!(!close_link(&t, &raw(&t, "ربيعه"), &raw(&t, "الموصل")));
    }

    #[test]
    fn in_alone_is_a_weak_link() {
        let text = "دور عباده في العاصمه";
        assert!(!strong_link(text, &raw(text, "عباده"), &raw(text, "العاصمه")));
        let text = "قريه الزر بريف الرقه";
        assert!(strong_link(text, &raw(text, "الزر"), &raw(text, "الرقه")));
        let text = "الشحيل شرقي دير الزور";
        assert!(strong_link(text, &raw(text, "الشحيل"), &raw(text, "دير الزور")));
    }

    #[test]
    fn list_items_follow_a_comma_or_waw() {
        let text = "قري الزر، عبيد او المثلث";
        assert!(joined_in_list(text, &raw(text, "الزر"), &raw(text, "عبيد")));
        assert!(joined_in_list(text, &raw(text, "عبيد"), &raw(text, "المثلث")));
        let text = "قريه الزر قرب عبيد";
        assert!(!joined_in_list(text, &raw(text, "الزر"), &raw(text, "عبيد")));
    }

    #[test]
    fn an_unknown_name_links_to_its_container() {
        assert!(links_to_container(" بريف "));
        assert!(links_to_container(" شرقي مدينه "));
        assert!(!links_to_container(" "));
        assert!(!links_to_container("، "));
        assert!(links_to_container("، شرقي "));
        assert!(links_to_container(" علي بعد 10 كم جنوب "));
        assert!(!links_to_container("، في "));
        assert!(!links_to_container(" قال مسؤول في "));
    }

    #[test]
    fn items_of_a_cued_list_count() {
        let t = "طالت قري الصكار والحمدي وصبيح وسرجين اضافه الي";
        assert!(in_cued_list(t, t.find("وسرجين").unwrap()));
        assert!(in_cued_list(t, t.find("الحمدي").unwrap() - "و".len()));
        let t = "في قريتي تل معروف وتل شعير";
        assert!(in_cued_list(t, t.find("وتل شعير").unwrap()));
        let t = "قري الصكار قال مصدر محلي ان صبيح";
        assert!(!in_cued_list(t, t.find("صبيح").unwrap()));
        let t = "قري الصكار. وصبيح";
        assert!(!in_cued_list(t, t.find("وصبيح").unwrap()));
    }
}
