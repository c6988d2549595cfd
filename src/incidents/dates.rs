//! Dates as Arabic outlets write them, explicit and relative.
//!
//! Works on normalised text (digits ASCII, hamza and taa marbuta folded):
//! `2025-10-07 11:53:41`, `الثلاثاء 25/يناير/2022`, `٢٦ أكتوبر ٢٠٢٥`,
//! `3 تشرين الثاني 2025`, `21 آب/أغسطس 2024`, `May 26, 2025`, and relative
//! expressions (أمس، الثلاثاء الماضي، قبل يومين، الأسبوع الماضي، مطلع الشهر…)
//! resolved against the publication date.

use super::date::{days_in_month, Date};
use super::lexicon::Lexicon;
use crate::acled::TimePrecision;
use crate::arabic::normalize;
use forms::{Form, Written};
use regex::{Captures, Regex};
use std::sync::OnceLock;

mod forms;

/// How a date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasis {
    /// Written out in the sentence.
    Explicit,
    /// Relative to the publication date (أمس، الأسبوع الماضي…).
    Relative,
    /// No date in the sentence: the publication date stands in.
    Publication,
}

impl DateBasis {
    /// Lowercase label used in outputs.
    pub fn label(self) -> &'static str {
        match self {
            DateBasis::Explicit => "explicit",
            DateBasis::Relative => "relative",
            DateBasis::Publication => "publication",
        }
    }
}

/// A date found in text, with ACLED's time precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date (midpoint or first day when only a week or month is known).
    pub date: Date,
    /// Whether the day, the week or only the month is known.
    pub precision: TimePrecision,
    /// How it was found.
    pub basis: DateBasis,
}

/// Month names (normalised) → month number: Gregorian Arabic, Levantine,
/// and English. Longer names first so "كانون الثاني" wins over parts.
const MONTHS: &[(&str, u32)] = &[
    ("كانون الثاني", 1),
    ("كانون الاول", 12),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("افريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("ايلول", 9),
    ("اب", 8),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday names (normalised), 0 = Sunday.
const WEEKDAYS: &[(&str, u32)] =
    &[("الاحد", 0), ("الاثنين", 1), ("الثلاثاء", 2), ("الاربعاء", 3), ("الخميس", 4), ("الجمعه", 5), ("السبت", 6)];

/// True when `word` names a month (in any of the forms dates use).
pub(crate) fn is_month_name(word: &str) -> bool {
    month_number(word).is_some()
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim().to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|(_, n)| *n)
}

fn num(c: &Captures, i: usize) -> Option<u32> {
    c.get(i)?.as_str().parse().ok()
}

/// Full dates (with a year) written in normalised `text`, in text order.
pub fn full_dates(text: &str) -> Vec<(usize, Date)> {
    read_windows(&date_windows(text)).dates
}

/// What the date windows of a text hold.
struct Reading<'t> {
    /// The full dates (see [`full_dates`]), in text order.
    dates: Vec<(usize, Date)>,
    /// The first match of [`Form::Named`] of each window that has one,
    /// with the window's index (see [`day_month`]).
    first_named: Vec<(usize, Written<'t>)>,
}

/// The full dates of the text the windows were cut from, and the first
/// day and month named in each window, in one reading.
fn read_windows<'t>(windows: &[DateWindow<'t>]) -> Reading<'t> {
    let mut reading = Reading { dates: Vec::new(), first_named: Vec::new() };
    // Every form has digits: only the stretches around them are read.
    for (i, &DateWindow { at, text }) in windows.iter().enumerate() {
        let latin = has_latin(text);
        let mut month_named = None;
        forms::each_match(text, latin, &mut |form, m| {
            if form == Form::Named && reading.first_named.last().is_none_or(|&(w, _)| w != i) {
                reading.first_named.push((i, m));
            }
            let Some(date) = written_date(form, &m) else { return };
            // The forms with a month name count only where one stands as
            // a whole word (see `has_month_word`).
            if matches!(form, Form::Iso | Form::Dmy) || *month_named.get_or_insert_with(|| has_month_word(text)) {
                reading.dates.push((at + m.start, date));
            }
        });
    }
    reading.dates.sort();
    reading
}

/// The date a match of `form` writes, if it is one.
fn written_date(form: Form, m: &Written) -> Option<Date> {
    let number = |s: &str| s.parse::<u32>().ok();
    match form {
        Form::Iso => {
            let (year, month, day) = (m.year.and_then(number), number(m.month), number(m.day));
            Date::new(year.unwrap_or(0) as i32, month.unwrap_or(0), day.unwrap_or(0))
        }
        Form::Dmy => {
            let (first, second) = (number(m.day).unwrap_or(0), number(m.month).unwrap_or(0));
            let year = m.year.and_then(number).unwrap_or(0) as i32;
            // Day first, as Arabic outlets write it; month first ("02/14/2024",
            // pages in English style) when the day-first reading is no date.
            Date::new(year, second, first).or_else(|| Date::new(year, first, second))
        }
        Form::Named | Form::English | Form::Ordinal => {
            Date::new(number(m.year?)? as i32, month_number(m.month)?, number(m.day)?)
        }
    }
}

/// True when `text` has Latin letters: the English forms need them.
fn has_latin(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_alphabetic())
}

/// True when a month name stands as a whole word in `text` (Latin names
/// in any case): "آب" is August, not the "اب" of "ارهابي" or "اصابه". The
/// forms with a month name are read only in windows that have one.
fn has_month_word(text: &str) -> bool {
    let is_month =
        |w: &str| w.starts_with(forms::may_start_month) && MONTHS.iter().any(|(m, _)| m.eq_ignore_ascii_case(w));
    let mut words = crate::arabic::word_spans(text).peekable();
    while let Some((at, word)) = words.next() {
        // Two-word names ("كانون الثاني") span the next word and one space.
        let two = words.peek().is_some_and(|&(next, second)| is_month(&text[at..next + second.len()]));
        if two || is_month(word) {
            return true;
        }
    }
    false
}

/// A stretch of text that may hold a date (see [`date_windows`]).
struct DateWindow<'t> {
    /// Where the stretch starts in the text.
    at: usize,
    /// The stretch.
    text: &'t str,
}

/// The stretches of `text` around its digits, with their offsets: wide
/// enough to hold any date form around a digit, merged when they overlap,
/// and cut where a word ends, so `\b`, `^` and `$` mean inside a stretch
/// what they mean in the whole text.
fn date_windows(text: &str) -> Vec<DateWindow<'_>> {
    // A month name with separators before the day ("September "), and
    // separators, month names and the year after it.
    const BEFORE: usize = 48;
    const AFTER: usize = 96;
    let window = |start: usize, reach: usize| {
        let end = word_edge_after(text, reach);
        DateWindow { at: start, text: &text[start..end] }
    };
    let mut windows = Vec::new();
    // The stretch being grown: its start, and how far its last digit
    // reaches (it ends at the first word edge from there).
    let mut open: Option<(usize, usize)> = None;
    for i in ascii_digits(text) {
        let from = i.saturating_sub(BEFORE);
        open = Some(match open {
            // This digit's stretch starts inside the open one: it only
            // extends it, and neither edge need be found yet.
            Some((start, reach)) if from <= reach => (start, i + AFTER),
            Some((start, reach)) => {
                let own_start = word_edge_before(text, from);
                if own_start <= word_edge_after(text, reach) {
                    (start, i + AFTER)
                } else {
                    windows.push(window(start, reach));
                    (own_start, i + AFTER)
                }
            }
            None => (word_edge_before(text, from), i + AFTER),
        });
    }
    windows.extend(open.map(|(start, reach)| window(start, reach)));
    windows
}

/// The offsets of the ASCII digits of `text`. Blocks of bytes without one
/// are passed over together: most sentences have few digits, or none.
fn ascii_digits(text: &str) -> impl Iterator<Item = usize> + '_ {
    const BLOCK: usize = 32;
    let blocks = text.as_bytes().chunks(BLOCK).enumerate();
    let with_digit = blocks.filter(|(_, block)| block.iter().fold(false, |found, b| found | b.is_ascii_digit()));
    with_digit.flat_map(|(k, block)| {
        block.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(move |(j, _)| k * BLOCK + j)
    })
}

/// The nearest offset at or before `at` that no word character precedes.
fn word_edge_before(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    crate::arabic::word_start(text, at)
}

/// The nearest offset at or after `at` that no word character follows.
fn word_edge_after(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    crate::arabic::word_end(text, at)
}

/// The publication date of an article: the first full date in its header
/// lines (title, dateline, byline), else the latest full date in the text.
///
/// ```
/// use hudud::incidents::publication_date;
/// let d = publication_date("عنوان\nالخميس ١٦ / أكتوبر / ٢٠٢٥\nنص").unwrap();
/// assert_eq!(d.to_string(), "2025-10-16");
/// ```
pub fn publication_date(text: &str) -> Option<Date> {
    let header: String = text.lines().filter(|l| !l.trim().is_empty()).take(6).collect::<Vec<_>>().join("\n");
    let header = normalize(&header).text;
    if let Some((_, d)) = full_dates(&header).into_iter().next() {
        return Some(d);
    }
    full_dates(&normalize(text).text).into_iter().map(|(_, d)| d).max()
}

/// The date an incident sentence states, explicit or relative to `published`.
pub fn sentence_date(sentence: &str, published: Option<Date>) -> Option<FoundDate> {
    sentence_date_with(sentence, published, None)
}

/// [`sentence_date`] given the relative-date phrases of the sentence, when
/// a scan of the whole article already found them (see [`relative_entries`]).
pub(crate) fn sentence_date_with(
    sentence: &str,
    published: Option<Date>,
    phrases: Option<&[Relative]>,
) -> Option<FoundDate> {
    let windows = date_windows(sentence);
    let reading = read_windows(&windows);
    if let Some(&(_, d)) = reading.dates.first() {
        return Some(FoundDate { date: d, precision: TimePrecision::Day, basis: DateBasis::Explicit });
    }
    let published = published?;
    if let Some(date) = day_month(&windows, &reading.first_named, published) {
        return Some(FoundDate { date, precision: TimePrecision::Day, basis: DateBasis::Explicit });
    }
    match phrases {
        Some(phrases) => relative(sentence, published, phrases),
        None => relative(sentence, published, &relative_phrases(sentence)),
    }
}

/// "20 يناير" without a year, in the windows of a text: the latest such
/// day not after publication. `first_named` are the windows' first
/// matches of the named form (see [`read_windows`]).
fn day_month(windows: &[DateWindow], first_named: &[(usize, Written)], published: Date) -> Option<Date> {
    let (_, m) = first_named.iter().find(|&&(w, _)| has_month_word(windows[w].text))?;
    let month = month_number(m.month)?;
    let day = m.day.parse().ok()?;
    let this_year = Date::new(published.year, month, day)?;
    if this_year.to_days() > published.to_days() + 2 {
        Date::new(published.year - 1, month, day)
    } else {
        Some(this_year)
    }
}

/// The phrases relative dates are made of, found in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relative {
    Month,
    Opener,
    Weekday,
    DayBeforeYesterday,
    Yesterday,
    TwoDaysAgo,
    Before,
    TwoWeeksAgo,
    LastWeek,
    /// "قبل أيام": a few days before.
    DaysAgo,
    LastMonth,
    Today,
}

/// The relative-date phrases with what each says.
pub(crate) fn relative_entries() -> Vec<(&'static str, Relative)> {
    let mut entries: Vec<(&str, Relative)> = vec![
        ("الشهر", Relative::Month),
        ("اول امس", Relative::DayBeforeYesterday),
        ("اول من امس", Relative::DayBeforeYesterday),
        ("امس", Relative::Yesterday),
        ("البارحه", Relative::Yesterday),
        ("قبل يومين", Relative::TwoDaysAgo),
        ("قبل ", Relative::Before),
        ("قبل اسبوعين", Relative::TwoWeeksAgo),
        ("الاسبوع الماضي", Relative::LastWeek),
        ("قبل اسبوع", Relative::LastWeek),
        ("الاسبوع الفايت", Relative::LastWeek),
        ("الاسبوع المنصرم", Relative::LastWeek),
        ("قبل ايام", Relative::DaysAgo),
        ("منذ ايام", Relative::DaysAgo),
        ("قبل بضعه ايام", Relative::DaysAgo),
        ("قبل ساعات", Relative::Today),
        ("منذ ساعات", Relative::Today),
        ("الشهر الفايت", Relative::LastMonth),
        ("الشهر المنصرم", Relative::LastMonth),
        ("الشهر الماضي", Relative::LastMonth),
        ("اليوم", Relative::Today),
        ("هذا الصباح", Relative::Today),
    ];
    entries.extend(MONTH_OPENERS.iter().map(|o| (*o, Relative::Opener)));
    entries.extend(WEEKDAYS.iter().map(|(w, _)| (*w, Relative::Weekday)));
    entries
}

fn relative_phrases(text: &str) -> Vec<Relative> {
    static LEXICON: OnceLock<Lexicon<Relative>> = OnceLock::new();
    let lexicon = LEXICON.get_or_init(|| Lexicon::new(&relative_entries()));
    let mut found: Vec<Relative> = lexicon.find_all(text).into_iter().map(|h| h.tag).collect();
    found.dedup();
    found
}

fn relative(text: &str, published: Date, phrases: &[Relative]) -> Option<FoundDate> {
    if phrases.is_empty() {
        return None;
    }
    let has = |r: Relative| phrases.contains(&r);
    // The words are read only for the rules that ask.
    let has_word = |w: &str| crate::arabic::words(text).any(|x| x == w || x.strip_prefix('و') == Some(w));
    let rel = |date: Date, precision: TimePrecision| Some(FoundDate { date, precision, basis: DateBasis::Relative });
    if let Some(d) = has(Relative::Month).then(|| this_month_day(text, published)).flatten() {
        return rel(d, TimePrecision::Day);
    }
    if let Some(d) = has(Relative::Opener).then(|| start_of_month(text, published)).flatten() {
        return rel(d, TimePrecision::Month);
    }
    let weekday = || weekday(&crate::arabic::words(text).collect::<Vec<_>>(), published);
    if let Some(d) = has(Relative::Weekday).then(weekday).flatten() {
        return rel(d, TimePrecision::Day);
    }
    let days_ago = |n: i64| published.add_days(-n);
    if has(Relative::DayBeforeYesterday) {
        return rel(days_ago(2), TimePrecision::Day);
    }
    if has(Relative::Yesterday) && (has_word("امس") || has_word("البارحه")) {
        return rel(days_ago(1), TimePrecision::Day);
    }
    if has(Relative::TwoDaysAgo) {
        return rel(days_ago(2), TimePrecision::Day);
    }
    if let Some(n) = has(Relative::Before).then(|| days_before(text)).flatten() {
        return rel(days_ago(n), TimePrecision::Day);
    }
    if has(Relative::DaysAgo) {
        // A few days: the middle of the week before, to a week's precision.
        return rel(days_ago(3), TimePrecision::Week);
    }
    if has(Relative::TwoWeeksAgo) {
        return rel(days_ago(14), TimePrecision::Week);
    }
    if has(Relative::LastWeek) {
        return rel(days_ago(7), TimePrecision::Week);
    }
    if has(Relative::LastMonth) {
        return rel(Date { day: 15, ..published.previous_month() }, TimePrecision::Month);
    }
    let hours_ago = || text.contains("قبل ساعات") || text.contains("منذ ساعات");
    if has(Relative::Today) && (has_word("اليوم") || text.contains("هذا الصباح") || hours_ago()) {
        return rel(published, TimePrecision::Day);
    }
    None
}

/// Ordinal day numbers as words (normalised), 1 to 31: "في الثالث من
/// الشهر الجاري".
const ORDINAL_DAYS: &[(&str, u32)] = &[
    ("الحادي والثلاثين", 31),
    ("الثلاثين", 30),
    ("التاسع والعشرين", 29),
    ("الثامن والعشرين", 28),
    ("السابع والعشرين", 27),
    ("السادس والعشرين", 26),
    ("الخامس والعشرين", 25),
    ("الرابع والعشرين", 24),
    ("الثالث والعشرين", 23),
    ("الثاني والعشرين", 22),
    ("الحادي والعشرين", 21),
    ("العشرين", 20),
    ("التاسع عشر", 19),
    ("الثامن عشر", 18),
    ("السابع عشر", 17),
    ("السادس عشر", 16),
    ("الخامس عشر", 15),
    ("الرابع عشر", 14),
    ("الثالث عشر", 13),
    ("الثاني عشر", 12),
    ("الحادي عشر", 11),
    ("العاشر", 10),
    ("التاسع", 9),
    ("الثامن", 8),
    ("السابع", 7),
    ("السادس", 6),
    ("الخامس", 5),
    ("الرابع", 4),
    ("الثالث", 3),
    ("الثاني", 2),
    ("الاول", 1),
];

/// "في 14 من الشهر الجاري", "في الـ/18/ من الشهر", "في الثالث من الشهر
/// الماضي".
fn this_month_day(text: &str, published: Date) -> Option<Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let words = ORDINAL_DAYS.iter().map(|(w, _)| regex::escape(w)).collect::<Vec<_>>().join("|");
        Regex::new(&format!(
            r"(?:^|[^0-9])(?:(\d{{1,2}})|({words}))[\s/]*\s+من\s+الشهر\s+(الجاري|الحالي|نفسه|ذاته|الماضي|المنصرم|الفايت)"
        ))
        .unwrap_or_else(|e| panic!("built-in pattern: {e}"))
    });
    let c = re.captures(text)?;
    let day = num(&c, 1).or_else(|| {
        let word = c.get(2)?.as_str();
        ORDINAL_DAYS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
    })?;
    let base = if matches!(c.get(3)?.as_str(), "الماضي" | "المنصرم" | "الفايت") {
        published.previous_month()
    } else {
        published
    };
    Date::new(base.year, base.month, day)
}

/// Words that open "the start/end of a month" phrases.
const MONTH_OPENERS: &[&str] = &["مطلع", "بدايه", "اوائل", "مستهل", "نهايه", "اواخر", "منتصف"];

/// "مطلع الشهر", "مطلع أيلول الفائت", "أواخر الشهر الماضي".
fn start_of_month(text: &str, published: Date) -> Option<Date> {
    let part = forms::month_part(text, MONTH_OPENERS)?;
    // "منذ مطلع الشهر الماضي": since then, the start of a span told in
    // passing, not the event's date.
    let since = text.match_indices(part.opener).any(|(at, _)| text[..at].trim_end().ends_with("منذ"));
    if part.month == "العام" || since {
        return None;
    }
    let past = matches!(part.which, Some("الماضي" | "المنصرم" | "الفايت"));
    let (year, month) = match month_number(part.month) {
        Some(m) if m > published.month || (past && m == published.month) => (published.year - 1, m),
        Some(m) => (published.year, m),
        None if past => (published.previous_month().year, published.previous_month().month),
        None => (published.year, published.month),
    };
    let day = match part.opener {
        "نهايه" | "اواخر" => days_in_month(year, month),
        "منتصف" => 15,
        _ => 1,
    };
    Date::new(year, month, day)
}

/// The first weekday a normalised text names (0 Sunday … 6 Saturday),
/// with or without "و", "ب" or "ل" before it.
pub(super) fn named_weekday(norm: &str) -> Option<u32> {
    crate::arabic::words(norm).find_map(|w| {
        let bare = w.strip_prefix(['و', 'ب', 'ل']).filter(|b| b.starts_with("ال")).unwrap_or(w);
        WEEKDAYS.iter().find(|(n, _)| *n == bare).map(|(_, d)| *d)
    })
}

/// A weekday name: the most recent such day not after publication (or
/// strictly before it with "الماضي"); with "امس" the day nearest yesterday.
fn weekday(words: &[&str], published: Date) -> Option<Date> {
    fn bare(w: &str) -> &str {
        if WEEKDAYS.iter().any(|(n, _)| *n == w) {
            w
        } else {
            w.strip_prefix('و').unwrap_or(w)
        }
    }
    // The first weekday told: later ones are usually what came before
    // ("فجر أمس السبت… إثر هجوم شنوه مساء الخميس الماضي").
    let (i, wd) = words.iter().enumerate().find_map(|(i, w)| {
        let w = bare(w);
        WEEKDAYS.iter().find(|(n, _)| *n == w).map(|(_, d)| (i, *d))
    })?;
    let next = words.get(i + 1).copied().unwrap_or("");
    let strictly_before = matches!(next, "الماضي" | "المنصرم" | "الفايت");
    let yesterday = words[i.saturating_sub(2)..i].iter().any(|w| bare(w) == "امس");
    let anchor = if yesterday { published.add_days(-1) } else { published };
    let mut back = (i64::from(anchor.weekday()) - i64::from(wd)).rem_euclid(7);
    if strictly_before && back == 0 && !yesterday {
        back = 7;
    }
    if yesterday && back > 3 {
        // "أمس الاثنين" when the anchor is off by a day or two: go forward.
        back -= 7;
    }
    Some(anchor.add_days(-back))
}

/// "قبل 3 أيام", "قبل ثلاثة أيام".
fn days_before(text: &str) -> Option<i64> {
    const WORDS: &[(&str, i64)] = &[("ثلاثه", 3), ("اربعه", 4), ("خمسه", 5), ("سته", 6), ("سبعه", 7), ("عشره", 10)];
    let rest = text.split("قبل ").nth(1)?;
    let mut parts = rest.split_whitespace();
    let n = parts.next()?;
    let unit = parts.next()?;
    if unit != "ايام" {
        return None;
    }
    n.parse().ok().or_else(|| WORDS.iter().find(|(w, _)| *w == n).map(|(_, v)| *v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        let p: Vec<u32> = s.split('-').map(|x| x.parse().unwrap()).collect();
        Date::new(p[0] as i32, p[1], p[2]).unwrap()
    }

    fn pubdate(text: &str) -> String {
        publication_date(text).map(|d| d.to_string()).unwrap_or_default()
    }

    fn rel(text: &str, published: &str) -> Option<String> {
        sentence_date(&normalize(text).text, Some(d(published))).map(|f| f.date.to_string())
    }

    #[test]
    fn iso_timestamp() {
        assert_eq!(pubdate("عنوان\n📅 2025-10-07 11:53:41 | كاتب"), "2025-10-07");
    }

    #[test]
    fn slashed_month_name() {
        assert_eq!(pubdate("عنوان\nالثلاثاء 25/يناير/2022 - 06:54 م"), "2022-01-25");
        assert_eq!(pubdate("عنوان\nالثلاثاء ٢٣ / ١٢ / ٢٠٢٥"), "2025-12-23", "spaced slashes");
    }

    #[test]
    fn eastern_digits_and_month() {
        assert_eq!(pubdate("● أخبار ٢٦ أكتوبر ٢٠٢٥"), "2025-10-26");
        assert_eq!(pubdate("الخميس ١٦ / أكتوبر / ٢٠٢٥"), "2025-10-16");
    }

    #[test]
    fn levantine_months() {
        assert_eq!(pubdate("3 تشرين الثاني 2025"), "2025-11-03");
        assert_eq!(pubdate("١٢ كانون الثاني ٢٠٢٤"), "2024-01-12");
        assert_eq!(pubdate("21 آب/أغسطس 2024 - 17:40"), "2024-08-21");
        assert_eq!(pubdate("17 أيار 2024"), "2024-05-17");
        assert_eq!(pubdate("1 شباط 2023"), "2023-02-01");
    }

    #[test]
    fn month_in_brackets() {
        assert_eq!(pubdate("بيروت – الأحد 5 تشرين الأول (أكتوبر) 2025"), "2025-10-05");
    }

    #[test]
    fn english_ordinals_and_month_first() {
        assert_eq!(pubdate("4th, February 2024"), "2024-02-04");
        assert_eq!(pubdate("February 4th, 2024"), "2024-02-04");
        assert_eq!(pubdate("1st of March 2023"), "2023-03-01");
        assert_eq!(pubdate("02/14/2024"), "2024-02-14");
        assert_eq!(pubdate("04/02/2024"), "2024-02-04");
    }

    #[test]
    fn english_and_numeric() {
        assert_eq!(pubdate("— tv (@x) May 26, 2025"), "2025-05-26");
        assert_eq!(pubdate("2025/07/29"), "2025-07-29");
        assert_eq!(pubdate("14/12/2025"), "2025-12-14");
    }

    #[test]
    fn relative_days() {
        assert_eq!(rel("قتل أمس مسلحان", "2025-05-27").as_deref(), Some("2025-05-26"));
        assert_eq!(rel("وأمس الاثنين، أعلنت الوزارة", "2025-05-27").as_deref(), Some("2025-05-26"));
        assert_eq!(rel("هاجموا الثلاثاء الماضي", "2025-10-16").as_deref(), Some("2025-10-14"));
        assert_eq!(rel("قبل يومين", "2025-10-16").as_deref(), Some("2025-10-14"));
        assert_eq!(rel("قبل 3 أيام", "2025-10-16").as_deref(), Some("2025-10-13"));
        assert_eq!(rel("قبل أيام", "2025-10-16").as_deref(), Some("2025-10-13"));
        assert_eq!(rel("الأسبوع الفائت", "2025-10-26").as_deref(), Some("2025-10-19"));
        assert_eq!(rel("قبل ساعات", "2025-10-26").as_deref(), Some("2025-10-26"));
        assert_eq!(rel("الأسبوع الماضي", "2025-10-26").as_deref(), Some("2025-10-19"));
        assert_eq!(rel("في 14 من الشهر الجاري", "2025-10-26").as_deref(), Some("2025-10-14"));
        assert_eq!(rel("في الثالث من الشهر الجاري", "2025-11-12").as_deref(), Some("2025-11-03"));
        assert_eq!(rel("في الـ/18/ من الشهر الجاري", "2025-11-22").as_deref(), Some("2025-11-18"));
        assert_eq!(rel("في الحادي والعشرين من الشهر الماضي", "2025-11-12").as_deref(), Some("2025-10-21"));
    }

    #[test]
    fn a_span_since_the_start_of_a_month_is_no_date() {
        let text = "عثر صباح الثلاثاء الماضي على جثة امرأة في جريمة هي الرابعة منذ مطلع الشهر الماضي";
        assert_eq!(rel(text, "2025-10-11").as_deref(), Some("2025-10-07"));
    }

    #[test]
    fn two_month_names_side_by_side() {
        assert_eq!(pubdate("خبر\nنص\nنُشر في 17 أغسطس آب 2025"), "2025-08-17");
    }

    #[test]
    fn the_first_weekday_told_dates_the_event() {
        let text = "استعادت وحدات الجيش فجر أمس السبت السيطرة على نقطة تسللوا إليها إثر هجوم مساء الخميس الماضي";
        assert_eq!(rel(text, "2024-04-21").as_deref(), Some("2024-04-20"));
    }

    #[test]
    fn month_starts() {
        assert_eq!(rel("مطلع أيلول/ سبتمبر الفائت", "2025-10-07").as_deref(), Some("2025-09-01"));
        assert_eq!(rel("مطلع الشهر", "2025-10-07").as_deref(), Some("2025-10-01"));
        let f = sentence_date(&normalize("مطلع الشهر").text, Some(d("2025-10-07"))).unwrap();
        assert_eq!(f.precision, TimePrecision::Month);
    }

    #[test]
    fn explicit_beats_relative() {
        let f = sentence_date(&normalize("هاجموا الخميس 20 يناير 2022 أمس").text, Some(d("2022-01-25"))).unwrap();
        assert_eq!(f.date.to_string(), "2022-01-20");
        assert_eq!(f.basis, DateBasis::Explicit);
    }

    #[test]
    fn day_month_without_year() {
        assert_eq!(rel("في 20 يناير", "2022-01-25").as_deref(), Some("2022-01-20"));
        assert_eq!(rel("في 28 ديسمبر", "2022-01-05").as_deref(), Some("2021-12-28"));
    }

    /// The stretches as first defined: one per digit, merged.
    fn windows_digit_by_digit(text: &str) -> Vec<(usize, usize)> {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (i, _) in text.bytes().enumerate().filter(|(_, b)| b.is_ascii_digit()) {
            let (start, end) = (word_edge_before(text, i.saturating_sub(48)), word_edge_after(text, i + 96));
            match spans.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => spans.push((start, end)),
            }
        }
        spans
    }

    #[test]
    fn windows_agree_with_digit_by_digit() {
        let pieces =
            ["قتل", " ", "الاسبوع", "2025", "7", "/", "-", "يناير", "May", "،", "x", "\n", "12345678901234567890"];
        let mut rng = crate::corpus::Rng::new(13);
        for _ in 0..4000 {
            let text: String = (0..rng.below(150)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let found: Vec<(usize, usize)> = date_windows(&text).iter().map(|w| (w.at, w.at + w.text.len())).collect();
            assert_eq!(found, windows_digit_by_digit(&text), "{text:?}");
        }
    }

    /// The date forms as first written: one regex each, run over the
    /// windows that hold what the form needs.
    mod by_regex {
        use super::super::*;

        pub struct Patterns {
            pub named: Regex,
            iso: Regex,
            dmy: Regex,
            english: Regex,
            ordinal: Regex,
        }

        pub fn patterns() -> &'static Patterns {
            static P: OnceLock<Patterns> = OnceLock::new();
            P.get_or_init(|| {
                let months = MONTHS.iter().map(|(m, _)| regex::escape(m)).collect::<Vec<_>>().join("|");
                let build = |p: &str| Regex::new(p).unwrap();
                Patterns {
                    named: build(&format!(
                        r"(?i)\b(\d{{1,2}})\s*[/\-.]?\s*({months})\b(?:\s*/\s*(?:{months})\b|\s*\(\s*(?:{months})\s*\)|\s+(?:{months})\b)?(?:\s*[/\-.،,]?\s*((?:19|20)\d{{2}})\b)?"
                    )),
                    iso: build(r"\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^0-9]|$)"),
                    dmy: build(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})\b"),
                    english: build(&format!(
                        r"(?i)\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b"
                    )),
                    ordinal: build(&format!(
                        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th),?\s+(?:of\s+)?({months})\.?,?\s+((?:19|20)\d{{2}})\b"
                    )),
                }
            })
        }

        /// [`has_month_word`] as first written, on text lowercased when
        /// it has Latin letters.
        pub fn has_month_word(text: &str) -> bool {
            static MONTH_WORDS: OnceLock<Lexicon<()>> = OnceLock::new();
            let months = MONTH_WORDS.get_or_init(|| {
                let names: Vec<(&str, ())> = MONTHS.iter().map(|(m, _)| (*m, ())).collect();
                Lexicon::new(&names)
            });
            let word_char_at = |c: Option<char>| c.is_some_and(crate::arabic::is_word_char);
            months.find_all(text).iter().any(|h| {
                let before = text[..h.start].chars().next_back();
                let after = text[h.end..].chars().next();
                !word_char_at(before) && !word_char_at(after)
            })
        }

        /// What a window holds that each form needs.
        pub struct FormsPresent {
            numeric: bool,
            pub month_name: bool,
            latin: bool,
        }

        impl FormsPresent {
            pub fn of(window: &str) -> Self {
                let b = window.as_bytes();
                // A digit, a separator and a digit, spaces allowed between.
                let spaced: Vec<u8> = b.iter().copied().filter(|c| *c != b' ').collect();
                let numeric = spaced
                    .windows(3)
                    .any(|w| w[0].is_ascii_digit() && matches!(w[1], b'-' | b'/' | b'.') && w[2].is_ascii_digit());
                let latin = b.iter().any(u8::is_ascii_alphabetic);
                let month_name =
                    if latin { has_month_word(&window.to_ascii_lowercase()) } else { has_month_word(window) };
                FormsPresent { numeric, latin: latin && month_name, month_name }
            }
        }

        /// [`full_dates`] as first written.
        pub fn full_dates(text: &str) -> Vec<(usize, Date)> {
            let p = patterns();
            let mut out = Vec::new();
            for DateWindow { at, text: window } in date_windows(text) {
                let forms = FormsPresent::of(window);
                let mut push = |c: &Captures, date: Option<Date>| {
                    if let Some(d) = date {
                        out.push((at + c.get(0).map_or(0, |m| m.start()), d));
                    }
                };
                for c in forms.numeric.then(|| p.iso.captures_iter(window)).into_iter().flatten() {
                    push(
                        &c,
                        Date::new(num(&c, 1).unwrap_or(0) as i32, num(&c, 2).unwrap_or(0), num(&c, 3).unwrap_or(0)),
                    );
                }
                for c in forms.numeric.then(|| p.dmy.captures_iter(window)).into_iter().flatten() {
                    let (first, second, year) =
                        (num(&c, 1).unwrap_or(0), num(&c, 2).unwrap_or(0), num(&c, 3).unwrap_or(0));
                    push(&c, Date::new(year as i32, second, first).or_else(|| Date::new(year as i32, first, second)));
                }
                for c in forms.month_name.then(|| p.named.captures_iter(window)).into_iter().flatten() {
                    let month = c.get(2).and_then(|m| month_number(m.as_str()));
                    if let (Some(y), Some(m), Some(d)) = (num(&c, 3), month, num(&c, 1)) {
                        push(&c, Date::new(y as i32, m, d));
                    }
                }
                for c in forms.latin.then(|| p.english.captures_iter(window)).into_iter().flatten() {
                    let month = c.get(1).and_then(|m| month_number(m.as_str()));
                    if let (Some(m), Some(d), Some(y)) = (month, num(&c, 2), num(&c, 3)) {
                        push(&c, Date::new(y as i32, m, d));
                    }
                }
                for c in forms.latin.then(|| p.ordinal.captures_iter(window)).into_iter().flatten() {
                    let month = c.get(2).and_then(|m| month_number(m.as_str()));
                    if let (Some(m), Some(d), Some(y)) = (month, num(&c, 1), num(&c, 3)) {
                        push(&c, Date::new(y as i32, m, d));
                    }
                }
            }
            out.sort();
            out
        }

        /// [`day_month`] as first written.
        pub fn day_month(text: &str, published: Date) -> Option<Date> {
            let windows = date_windows(text);
            let mut with_month = windows.iter().filter(|w| FormsPresent::of(w.text).month_name);
            let c = with_month.find_map(|w| patterns().named.captures(w.text))?;
            let month = month_number(c.get(2)?.as_str())?;
            let day = num(&c, 1)?;
            let this_year = Date::new(published.year, month, day)?;
            if this_year.to_days() > published.to_days() + 2 {
                Date::new(published.year - 1, month, day)
            } else {
                Some(this_year)
            }
        }
    }

    /// The parts of [`start_of_month`]'s phrase as first found, by regex.
    fn month_part_by_regex(text: &str) -> Option<(String, String, Option<String>)> {
        static RE: OnceLock<Regex> = OnceLock::new();
        let re = RE.get_or_init(|| {
            let months = MONTHS.iter().map(|(m, _)| regex::escape(m)).collect::<Vec<_>>().join("|");
            Regex::new(&format!(r"(مطلع|بدايه|اوائل|مستهل|نهايه|اواخر|منتصف)\s+(الشهر|العام|{months})\b(?:\s*/\s*(?:{months}))?\s*(الجاري|الحالي|الماضي|المنصرم|الفايت)?")).unwrap()
        });
        let c = re.captures(text)?;
        Some((c[1].to_string(), c[2].to_string(), c.get(3).map(|m| m.as_str().to_string())))
    }

    #[test]
    fn month_parts_agree_with_the_regex() {
        let around: &[&str] = &[" ", "", "في ", "x", "ب", "_", "5", "،", "\u{301}", "ال"];
        let opener: &[&str] = &["مطلع", "نهايه", "منتصف", "اواخر", "بدايه", "اوائل", "مستهل", "مطل"];
        let gap: &[&str] = &[" ", "  ", "\u{a0}", "", "\n", "/", "x"];
        let month: &[&str] =
            &["الشهر", "ايلول", "العام", "اب", "ابريل", "تشرين الاول", "may", "May", "sept", "الشهري", "ابx", "_"];
        let second: &[&str] = &["", "/ سبتمبر", "/اغسطس", " / sep", "/ x", "/", "/ ابريلx", "/ ال"];
        let which: &[&str] = &[" الماضي", "", " الجاري", "الفايت", " الماضيه", " المنصرم", "x", " الحالي"];
        let phrase: &[&[&str]] = &[around, opener, gap, month, second, which, around];
        let mut rng = crate::corpus::Rng::new(31);
        let mut found = 0;
        for _ in 0..30_000 {
            let text = fill_slots(&mut rng, &[phrase]);
            let part = forms::month_part(&text, MONTH_OPENERS);
            found += usize::from(part.is_some());
            let part = part.map(|p| (p.opener.to_string(), p.month.to_string(), p.which.map(str::to_string)));
            assert_eq!(part, month_part_by_regex(&text), "{text:?}");
        }
        assert!(found > 3000, "{found}");
    }

    #[test]
    fn month_words_agree_with_the_lexicon() {
        let pieces = [
            "اب",
            "آب",
            "ب",
            " ",
            "  ",
            "كانون",
            "الثاني",
            "كانون الثاني",
            "May",
            "MAY",
            "x",
            "_",
            "،",
            "ſept",
            "sept",
            "ايار",
            "و",
            "\n",
            "5",
            "\u{a0}",
            "december",
            "Dec",
        ];
        let mut rng = crate::corpus::Rng::new(37);
        for _ in 0..20_000 {
            let text = normalize(&random_text(&mut rng, &pieces, 12)).text;
            assert_eq!(has_month_word(&text), by_regex::has_month_word(&text.to_ascii_lowercase()), "{text:?}");
        }
    }

    /// [`day_month`] of a whole text.
    fn day_month_of(text: &str, published: Date) -> Option<Date> {
        let windows = date_windows(text);
        day_month(&windows, &read_windows(&windows).first_named, published)
    }

    /// Random text made of `pieces`.
    fn random_text(rng: &mut crate::corpus::Rng, pieces: &[&str], max: usize) -> String {
        (0..rng.below(max)).map(|_| pieces[rng.below(pieces.len())]).collect()
    }

    /// Pieces of dates and of what stands around them: digits, separators,
    /// month names in every case, ordinals, words and clitics, and the
    /// characters the regex crate reads otherwise than ASCII does (digits
    /// and letters of other scripts, marks, `_`, LONG S, KELVIN SIGN,
    /// superscripts, white space that is not a space).
    const DATE_PIECES: &[&str] = &[
        "قتل",
        " ",
        "  ",
        "ارهابي",
        "اصابه",
        "اب",
        "آب",
        "ب",
        "و",
        "ال",
        "x",
        "في",
        "1",
        "5",
        "15",
        "07",
        "123",
        "19",
        "20",
        "2025",
        "1999",
        "٢",
        "٢٠٢٥",
        "/",
        "-",
        ".",
        ",",
        "،",
        "(",
        ")",
        ":",
        "\n",
        "ايار",
        "يناير",
        "اكتوبر",
        "كانون الثاني",
        "كانون",
        "تشرين الاول",
        "May",
        "may",
        "MAY",
        "june",
        "sept",
        "Sep",
        "september",
        "mar",
        "march",
        "December",
        "ſept",
        "ſt",
        "st",
        "nd",
        "th",
        "TH",
        "4th",
        "of",
        "Of",
        "_",
        "²",
        "५",
        "１",
        "\u{301}",
        "\u{a0}",
        "\u{2003}",
        "–",
        "«",
        "📅",
        "K",
        "\u{200d}",
        "ڤ",
    ];

    #[test]
    fn forms_agree_with_the_regexes() {
        let mut rng = crate::corpus::Rng::new(17);
        for round in 0..30_000 {
            let text = random_text(&mut rng, DATE_PIECES, 40);
            let text = if round % 2 == 0 { normalize(&text).text } else { text };
            assert_eq!(full_dates(&text), by_regex::full_dates(&text), "{text:?}");
            let published = Date::new(2025, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32).unwrap();
            assert_eq!(day_month_of(&text, published), by_regex::day_month(&text, published), "{text:?}");
        }
    }

    /// A text of one to three would-be dates, each a form's slots filled
    /// with right and wrong pieces (right ones first in each list, and
    /// picked half the time), so that many texts hold a date and many
    /// nearly do.
    fn would_be_dates(rng: &mut crate::corpus::Rng) -> String {
        let around: &[&str] = &[" ", "", "\n", "x", "ب", "_", "في ", "1", "،", "\u{a0}", "²", "da", "ſ"];
        let day: &[&str] = &["5", "12", "31", "1", "123", "٣", "0", "07", "", "१", "1٣", "2१"];
        let sep: &[&str] = &[" ", "/", "-", "", ".", " / ", "  ", ",", "،", ", ", ". ", " - ", "\u{2003}"];
        let suffix: &[&str] = &["th", "", "st", "nd", "rd", "TH", "ſt", "th,", "st ", "st of", "nd Of"];
        let month: &[&str] = &[
            "يناير",
            "آب",
            "May",
            "اب",
            "ابريل",
            "كانون الثاني",
            "كانون الاول",
            "may",
            "sept",
            "ſept",
            "september",
            "Sep",
            "mar",
            "march",
            "MARCH",
            "12",
            "1",
            "x",
            "June",
            "jun",
        ];
        let second: &[&str] = &["", "/أغسطس", " (أكتوبر)", " / aug", "( may )", "(sept)", "/ اب", "/ابx", "(x)"];
        let year: &[&str] = &["2024", "1999", "2100", "2025x", "20٢٥", "1899", "19", "202", "20245", "2025ب"];
        let forms: [&[&[&str]]; 4] = [
            &[around, day, sep, month, second, sep, year, around],
            &[around, month, sep, day, suffix, sep, year, around],
            &[around, day, suffix, sep, month, sep, year, around],
            &[around, year, sep, day, sep, day, around],
        ];
        fill_slots(rng, &forms)
    }

    /// One to three of `forms` (lists of slots), each slot filled with one
    /// of its pieces: half the time one of its first three (the right
    /// ones), else any.
    fn fill_slots(rng: &mut crate::corpus::Rng, forms: &[&[&[&str]]]) -> String {
        let mut text = String::new();
        for _ in 0..1 + rng.below(3) {
            for slot in forms[rng.below(forms.len())] {
                let right = rng.below(2) == 0;
                text.push_str(slot[rng.below(if right { 3.min(slot.len()) } else { slot.len() })]);
            }
        }
        text
    }

    #[test]
    fn forms_agree_with_the_regexes_on_would_be_dates() {
        let mut rng = crate::corpus::Rng::new(29);
        let (mut dated, mut day_months) = (0, 0);
        for _ in 0..60_000 {
            let text = would_be_dates(&mut rng);
            let found = full_dates(&text);
            dated += usize::from(!found.is_empty());
            assert_eq!(found, by_regex::full_dates(&text), "{text:?}");
            let published = Date::new(2024, 6, 15).unwrap();
            let day_month = day_month_of(&text, published);
            day_months += usize::from(day_month.is_some());
            assert_eq!(day_month, by_regex::day_month(&text, published), "{text:?}");
        }
        // Most texts are near misses, but many are dates.
        assert!(dated > 2000 && day_months > 2000, "{dated} {day_months}");
    }

    #[test]
    fn no_date_without_publication() {
        assert!(sentence_date("قتل أمس", None).is_none());
    }

    #[test]
    fn the_weekday_a_text_names() {
        assert_eq!(named_weekday("وقع مساء يوم السبت 6 اغسطس"), Some(6));
        assert_eq!(named_weekday("والاحد الماضي"), Some(0));
        assert_eq!(named_weekday("وقع مساء امس"), None);
    }
}
