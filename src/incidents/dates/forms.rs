//! The written date forms, read by hand.
//!
//! Each form was a regex (they are kept in the tests as the definition,
//! and the tests compare the two on random text). Their Unicode `\b` kept
//! the regex crate on its bounded backtracker, and compiling them cost as
//! much as searching a 2 MB run with them. Each reader below follows its regex
//! step by step: `\d`, `\w` and `\s` are Unicode's (see [`is_digit`],
//! [`is_word`]), month names match under `(?i)` (see [`same_letter`]), an
//! alternation takes the first name that lets the rest match, and a form
//! finds its matches leftmost first without overlapping its own.

use super::MONTHS;
use regex::Regex;
use std::sync::OnceLock;

/// A written date form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// `2025-10-07`, `2025/07/29`.
    Iso,
    /// `14/12/2025`, `02/14/2024`.
    Dmy,
    /// `25 يناير 2022`, `21 آب/أغسطس 2024`, `5 تشرين الأول (أكتوبر) 2025`,
    /// and `20 يناير` without a year.
    Named,
    /// `May 26, 2025`.
    English,
    /// `4th, February 2024`, `1st of March 2023`.
    Ordinal,
}

/// The parts of a date as a form writes them (`month` is digits or a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written<'t> {
    /// Where the match starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The day (for [`Form::Dmy`], the first number).
    pub day: &'t str,
    /// The month (for [`Form::Dmy`], the second number).
    pub month: &'t str,
    /// The year: always there but in [`Form::Named`].
    pub year: Option<&'t str>,
}

/// Every match of the forms in `text`, as each form's regex would find
/// them, form by form in text order. The Latin forms ([`Form::English`],
/// [`Form::Ordinal`]) are read only when `latin`.
pub(super) fn each_match<'t>(text: &'t str, latin: bool, found: &mut dyn FnMut(Form, Written<'t>)) {
    const DIGIT_FORMS: &[Form] = &[Form::Iso, Form::Dmy, Form::Named];
    const LATIN_DIGIT_FORMS: &[Form] = &[Form::Iso, Form::Dmy, Form::Named, Form::Ordinal];
    // Where each form may match again (its last match's end).
    let mut free = [0usize; 5];
    for (at, digit) in starts(text, latin) {
        let forms = match (digit, latin) {
            (true, false) => DIGIT_FORMS,
            (true, true) => LATIN_DIGIT_FORMS,
            (false, _) => &[Form::English],
        };
        for &form in forms {
            if at < free[form as usize] {
                continue;
            }
            if let Some(w) = read(form, text, at) {
                free[form as usize] = w.end;
                found(form, w);
            }
        }
    }
}

/// Where a form may start in `text`, and whether with a digit: every form
/// opens with `\b` and a digit, but the English one with a month name
/// (looked for only when `latin`).
fn starts(text: &str, latin: bool) -> impl Iterator<Item = (usize, bool)> + '_ {
    let mut before = None;
    text.char_indices().filter_map(move |(at, c)| {
        let prev = before.replace(c);
        let digit = is_digit(c);
        // The character before is looked at last: it may be a rare one.
        let start = (digit || (latin && may_start_month(c))) && !prev.is_some_and(is_word);
        start.then_some((at, digit))
    })
}

/// A match of `form` starting at `at`, a word start.
fn read(form: Form, text: &str, at: usize) -> Option<Written<'_>> {
    match form {
        Form::Iso => iso(text, at),
        Form::Dmy => dmy(text, at),
        Form::Named => named(text, at),
        Form::English => english(text, at),
        Form::Ordinal => ordinal(text, at),
    }
}

/// `\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^0-9]|$)`.
fn iso(text: &str, start: usize) -> Option<Written<'_>> {
    const SEPARATORS: &[char] = &['-', '/', '.'];
    let year_end = year(text, start)?;
    let month_at = one_of(text, year_end, SEPARATORS)?;
    let month_end = digits(text, month_at, 2)?;
    let day_at = one_of(text, month_end, SEPARATORS)?;
    let day_end = digits(text, day_at, 2)?;
    // `(?:[^0-9]|$)`. Before an ASCII digit `\d{1,2}` took two digits (it
    // would have taken this one) and gives one back: the second then
    // stands for `[^0-9]` when it is a digit outside ASCII.
    let (day_end, end) = match char_at(text, day_end) {
        None => (day_end, day_end),
        Some(c) if !c.is_ascii_digit() => (day_end, day_end + c.len_utf8()),
        Some(_) => {
            let first_end = day_at + char_at(text, day_at)?.len_utf8();
            let second = char_at(text, first_end).filter(|c| !c.is_ascii_digit())?;
            (first_end, first_end + second.len_utf8())
        }
    };
    let (year, month, day) = (&text[start..year_end], &text[month_at..month_end], &text[day_at..day_end]);
    Some(Written { start, end, day, month, year: Some(year) })
}

/// `\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})\b`
/// ("14/12/2025", "٢٣ / ١٢ / ٢٠٢٥").
fn dmy(text: &str, start: usize) -> Option<Written<'_>> {
    const SEPARATORS: &[char] = &['/', '.', '-'];
    let first_end = digits(text, start, 2)?;
    let second_at = spaces(text, one_of(text, spaces(text, first_end), SEPARATORS)?);
    let second_end = digits(text, second_at, 2)?;
    let year_at = spaces(text, one_of(text, spaces(text, second_end), SEPARATORS)?);
    let end = year(text, year_at).filter(|&e| word_ends_at(text, e))?;
    let (day, month, year) = (&text[start..first_end], &text[second_at..second_end], &text[year_at..end]);
    Some(Written { start, end, day, month, year: Some(year) })
}

/// `(?i)\b(\d{1,2})\s*[/\-.]?\s*({months})\b` then, when they follow,
/// `(?:\s*/\s*(?:{months})\b|\s*\(\s*(?:{months})\s*\)|\s+(?:{months})\b)`
/// ("15 أيلول/سبتمبر", "15 أيلول (سبتمبر)", "17 أغسطس آب") and
/// `\s*[/\-.،,]?\s*((?:19|20)\d{2})\b`.
fn named(text: &str, start: usize) -> Option<Written<'_>> {
    let day_end = digits(text, start, 2)?;
    let month_at = spaces(text, after_optional(text, spaces(text, day_end), &['/', '-', '.']));
    let month_end = month_then(text, month_at, |e| word_ends_at(text, e).then_some(e))?;
    let mut end = month_end;
    let second = slashed_month(text, end).or_else(|| bracketed_month(text, end)).or_else(|| spaced_month(text, end));
    if let Some(e) = second {
        end = e;
    }
    let year_at = spaces(text, after_optional(text, spaces(text, end), &['/', '-', '.', '،', ',']));
    let year_end = year(text, year_at).filter(|&e| word_ends_at(text, e));
    let (day, month) = (&text[start..day_end], &text[month_at..month_end]);
    let year = year_end.map(|e| &text[year_at..e]);
    Some(Written { start, end: year_end.unwrap_or(end), day, month, year })
}

/// `\s*/\s*(?:{months})\b` at `at`: its end.
fn slashed_month(text: &str, at: usize) -> Option<usize> {
    let at = spaces(text, one_of(text, spaces(text, at), &['/'])?);
    month_then(text, at, |e| word_ends_at(text, e).then_some(e))
}

/// `\s+(?:{months})\b` at `at`: its end.
fn spaced_month(text: &str, at: usize) -> Option<usize> {
    let at = spaces_after(text, at)?;
    month_then(text, at, |e| word_ends_at(text, e).then_some(e))
}

/// `\s*\(\s*(?:{months})\s*\)` at `at`: its end.
fn bracketed_month(text: &str, at: usize) -> Option<usize> {
    let at = spaces(text, one_of(text, spaces(text, at), &['('])?);
    month_then(text, at, |e| one_of(text, spaces(text, e), &[')']))
}

/// `(?i)\b({months})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`.
fn english(text: &str, start: usize) -> Option<Written<'_>> {
    month_then(text, start, |month_end| {
        let day_at = spaces_after(text, after_optional(text, month_end, &['.']))?;
        let day_end = digits(text, day_at, 2)?;
        let suffix_end = ORDINAL_SUFFIXES.iter().find_map(|s| name_at(text, day_end, s)).unwrap_or(day_end);
        let year_at = spaces_after(text, after_optional(text, suffix_end, &[',']))?;
        let end = year(text, year_at).filter(|&e| word_ends_at(text, e))?;
        let (day, month, year) = (&text[day_at..day_end], &text[start..month_end], &text[year_at..end]);
        Some(Written { start, end, day, month, year: Some(year) })
    })
}

/// `(?i)\b(\d{1,2})(?:st|nd|rd|th),?\s+(?:of\s+)?({months})\.?,?\s+((?:19|20)\d{2})\b`.
fn ordinal(text: &str, start: usize) -> Option<Written<'_>> {
    let day_end = digits(text, start, 2)?;
    let suffix_end = ORDINAL_SUFFIXES.iter().find_map(|s| name_at(text, day_end, s))?;
    let words_at = spaces_after(text, after_optional(text, suffix_end, &[',']))?;
    // `(?:of\s+)?` is greedy: "of" is tried first.
    let after_of = name_at(text, words_at, "of").and_then(|e| spaces_after(text, e));
    let month_at = |at: usize| {
        month_then(text, at, |month_end| {
            let year_at = spaces_after(text, after_optional(text, after_optional(text, month_end, &['.']), &[',']))?;
            let end = year(text, year_at).filter(|&e| word_ends_at(text, e))?;
            Some((month_end, year_at, end))
        })
    };
    let (month_start, (month_end, year_at, end)) =
        after_of.and_then(|at| Some((at, month_at(at)?))).or_else(|| Some((words_at, month_at(words_at)?)))?;
    let (day, month, year) = (&text[start..day_end], &text[month_start..month_end], &text[year_at..end]);
    Some(Written { start, end, day, month, year: Some(year) })
}

/// `(?:st|nd|rd|th)`.
const ORDINAL_SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];

/// A phrase naming part of a month ("مطلع ايلول/ سبتمبر الفايت"), as
/// written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MonthPart<'t> {
    /// The word for the part ("مطلع", "اواخر").
    pub opener: &'t str,
    /// The month: a name, "الشهر" or "العام".
    pub month: &'t str,
    /// The word that says which one ("الماضي"), if any.
    pub which: Option<&'t str>,
}

/// Words that say which month a [`MonthPart`] means.
const WHICH_MONTH: [&str; 5] = ["الجاري", "الحالي", "الماضي", "المنصرم", "الفايت"];

/// The first `({openers})\s+(الشهر|العام|{months})\b(?:\s*/\s*(?:{months}))?\s*({WHICH_MONTH})?`
/// in `text` (no `(?i)` here).
pub(super) fn month_part<'t>(text: &'t str, openers: &[&str]) -> Option<MonthPart<'t>> {
    // No opener is a prefix of another, so at most one starts at a place:
    // the first place any completes is the match.
    let first = |o: &&str| text.match_indices(*o).find_map(|(at, o)| Some((at, month_part_at(text, at, o)?)));
    openers.iter().filter_map(first).min_by_key(|&(at, _)| at).map(|(_, part)| part)
}

/// A [`MonthPart`] whose opener `opener` is at `at`.
fn month_part_at<'t>(text: &'t str, at: usize, opener: &'t str) -> Option<MonthPart<'t>> {
    let month_at = spaces_after(text, at + opener.len())?;
    let names = ["الشهر", "العام"].into_iter().chain(MONTHS.iter().map(|(m, _)| *m));
    let rest = &text[month_at..];
    let month_end =
        names.filter(|n| rest.starts_with(n)).map(|n| month_at + n.len()).find(|&e| word_ends_at(text, e))?;
    let mut end = month_end;
    if let Some(after_slash) = one_of(text, spaces(text, end), &['/']) {
        let second_at = spaces(text, after_slash);
        if let Some((m, _)) = MONTHS.iter().find(|(m, _)| text[second_at..].starts_with(m)) {
            end = second_at + m.len();
        }
    }
    let which_at = spaces(text, end);
    let which = WHICH_MONTH.iter().find(|w| text[which_at..].starts_with(*w));
    let which = which.map(|w| &text[which_at..which_at + w.len()]);
    Some(MonthPart { opener, month: &text[month_at..month_end], which })
}

/// `(?:19|20)\d{2}` at `at`: its end.
fn year(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    if !(rest.starts_with("19") || rest.starts_with("20")) {
        return None;
    }
    let mut end = at + 2;
    for _ in 0..2 {
        end += char_at(text, end).filter(|&c| is_digit(c))?.len_utf8();
    }
    Some(end)
}

/// `\d{1,max}` at `at`, greedy: its end, `None` without a digit.
fn digits(text: &str, at: usize, max: usize) -> Option<usize> {
    let mut end = at;
    for c in text[at..].chars().take(max).take_while(|&c| is_digit(c)) {
        end += c.len_utf8();
    }
    (end > at).then_some(end)
}

/// `\s*` at `at`: its end.
fn spaces(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start_matches(char::is_whitespace).len()
}

/// `\s+` at `at`: its end, `None` without white space.
fn spaces_after(text: &str, at: usize) -> Option<usize> {
    Some(spaces(text, at)).filter(|&e| e > at)
}

/// `[…]` at `at`: past the character when it is one of `set`.
fn one_of(text: &str, at: usize, set: &[char]) -> Option<usize> {
    char_at(text, at).filter(|c| set.contains(c)).map(|c| at + c.len_utf8())
}

/// `[…]?` at `at`: past the character when it is one of `set`, else `at`.
fn after_optional(text: &str, at: usize, set: &[char]) -> usize {
    one_of(text, at, set).unwrap_or(at)
}

/// `({months})` then `rest`: what `rest` reads after the first month name
/// (in [`MONTHS`] order, under `(?i)`) at `at` that lets it match.
fn month_then<T>(text: &str, at: usize, rest: impl Fn(usize) -> Option<T>) -> Option<T> {
    // Most places hold no month name: one letter tells.
    if !char_at(text, at).is_some_and(may_start_month) {
        return None;
    }
    MONTHS.iter().find_map(|(m, _)| rest(name_at(text, at, m)?))
}

/// True when a month name may start with `c` under `(?i)`.
pub(super) fn may_start_month(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'j' | 'f' | 'm' | 'a' | 's' | 'o' | 'n' | 'd' | '\u{17F}')
        || matches!(c, 'ا' | 'ي' | 'ف' | 'م' | 'س' | 'ن' | 'د' | 'ك' | 'ت' | 'ش' | 'ح')
}

/// The name (lowercase) at `at` under `(?i)`: its end.
fn name_at(text: &str, at: usize, name: &str) -> Option<usize> {
    let mut chars = text[at..].chars();
    let mut end = at;
    for p in name.chars() {
        let c = chars.next().filter(|&c| same_letter(c, p))?;
        end += c.len_utf8();
    }
    Some(end)
}

/// True when `c` matches the pattern letter `p` (lowercase) under `(?i)`:
/// Unicode simple case folding, which joins two letters outside ASCII to
/// ASCII ones, KELVIN SIGN to "k" and LONG S to "s".
fn same_letter(c: char, p: char) -> bool {
    c == p
        || (p.is_ascii_lowercase() && c.to_ascii_lowercase() == p)
        || (p == 'k' && c == '\u{212A}')
        || (p == 's' && c == '\u{17F}')
}

/// The character at `at`.
fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// True when no word character follows `at`: `\b` after a word character.
fn word_ends_at(text: &str, at: usize) -> bool {
    !char_at(text, at).is_some_and(is_word)
}

/// `\d`: a Unicode decimal digit. ASCII and the Arabic block are answered
/// here; elsewhere only numeric characters can be digits, and the regex
/// crate's table tells which.
pub(super) fn is_digit(c: char) -> bool {
    match c {
        '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => true,
        _ if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) => false,
        _ => c.is_numeric() && unicode_class(c, r"\d"),
    }
}

/// `\w`: a Unicode word character (letters, marks, decimal digits,
/// connector punctuation, joiners). Where dates are written (ASCII,
/// Latin-1, the Arabic block, general punctuation) it is answered here,
/// elsewhere by the regex crate's table.
pub(super) fn is_word(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric() || c == '_',
        '\u{0080}'..='\u{00FF}' => c.is_alphabetic(),
        '\u{0600}'..='\u{06FF}' => is_arabic_word(c),
        '\u{2000}'..='\u{206F}' => matches!(c, '\u{200C}' | '\u{200D}' | '\u{203F}' | '\u{2040}' | '\u{2054}'),
        _ => unicode_class(c, r"\w"),
    }
}

/// `\w` in the Arabic block: letters, marks and digits, not its
/// punctuation, signs and symbols.
fn is_arabic_word(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{0620}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06FC}' | '\u{06FF}')
}

/// True when `c` is in the regex class `class` (`\d` or `\w`), asked of
/// the regex crate: its Unicode tables are the definition, and characters
/// outside the ranges answered by hand are rare next to dates.
fn unicode_class(c: char, class: &'static str) -> bool {
    static DIGIT: OnceLock<Regex> = OnceLock::new();
    static WORD: OnceLock<Regex> = OnceLock::new();
    let cell = if class == r"\d" { &DIGIT } else { &WORD };
    let re = cell.get_or_init(|| {
        Regex::new(&format!("^{class}$")).unwrap_or_else(|e| panic!("built-in character class is invalid: {e}"))
    });
    re.is_match(c.encode_utf8(&mut [0; 4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character, for checks against the regex crate's classes.
    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFF).filter_map(char::from_u32)
    }

    #[test]
    fn classes_agree_with_the_regex_crate() {
        let digit = Regex::new(r"^\d$").unwrap();
        let word = Regex::new(r"^\w$").unwrap();
        let space = Regex::new(r"^\s$").unwrap();
        for c in all_chars() {
            let s = c.to_string();
            assert_eq!(is_digit(c), digit.is_match(&s), "\\d {c:?} U+{:04X}", c as u32);
            assert_eq!(is_word(c), word.is_match(&s), "\\w {c:?} U+{:04X}", c as u32);
            assert_eq!(c.is_whitespace(), space.is_match(&s), "\\s {c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn month_names_start_with_their_first_letters() {
        for (m, _) in MONTHS {
            let first = m.chars().next().unwrap();
            for c in all_chars().filter(|&c| same_letter(c, first)) {
                assert!(may_start_month(c), "{m} {c:?}");
            }
        }
    }

    #[test]
    fn case_folding_agrees_with_the_regex_crate() {
        let letters: std::collections::BTreeSet<char> =
            MONTHS.iter().flat_map(|(m, _)| m.chars()).chain("stndrhof".chars()).collect();
        for p in letters {
            let re = Regex::new(&format!("(?i)^{}$", regex::escape(&p.to_string()))).unwrap();
            for c in all_chars().take_while(|&c| c <= '\u{FFFF}') {
                assert_eq!(same_letter(c, p), re.is_match(&c.to_string()), "{p:?} {c:?}");
            }
        }
    }
}
