//! One normalised line in, the metadata it carries out: a dateline (date,
//! maybe the outlet or the author before it), a byline, a sign-off naming
//! the authors, a photo caption with its credit, a print-edition note.
//!
//! Each parser answers `None` unless the whole line has that shape, so a
//! date or a name that merely appears in a story sentence is never taken.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::guard::{Cue, Guarded, Scanned};
use super::lines::{ends_sentence, word_count};

/// What a dateline or byline line says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dateline {
    pub date: Option<Date>,
    pub publication: Option<String>,
    pub authors: Vec<String>,
}

const MONTH: &str = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|OTHER_MONTHS)\.?";

/// Month names of other languages written in European scripts, as dates
/// in text spell them (German, French, Spanish, Portuguese, Italian,
/// Dutch, and Russian in the genitive, "24 сентября 2018"), with the
/// common short forms. Date vocabulary, not any page's wording.
const OTHER_MONTHS: &[(&str, i8)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("ene", 1),
    ("janeiro", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("января", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("февраля", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("maart", 3),
    ("марта", 3),
    ("avril", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("апреля", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("mei", 5),
    ("мая", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("junho", 6),
    ("giugno", 6),
    ("июня", 6),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("julho", 7),
    ("luglio", 7),
    ("июля", 7),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("августа", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("set", 9),
    ("сентября", 9),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("out", 10),
    ("ottobre", 10),
    ("октября", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("ноября", 11),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dezembro", 12),
    ("dez", 12),
    ("dicembre", 12),
    ("декабря", 12),
];

/// [`MONTH`] with the month names of [`OTHER_MONTHS`], longest first.
fn month_pattern() -> String {
    let mut names: Vec<&str> = OTHER_MONTHS.iter().map(|(name, _)| *name).collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
    MONTH.replace("OTHER_MONTHS", &names.join("|"))
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = month_pattern();
    // A page's markup may set the year and the time, or the year and the
    // next label, in separate boxes that a copy glues together:
    // "NOV 19 20197:05 AM", "Nov. 20, 2019Updated: ...".
    let glued = r"(?:\b|\d{1,2}:\d{2}|(?-i:\p{Lu}))";
    // "5 March 2023", "25. September 2018", "22 de outubro de 2010", "1er mars 2019".
    let day_first = format!(
        r"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?{month},?\s+(?:de\s+)?(?P<year>\d{{4}}){glued}"
    );
    let month_first = format!(
        r"\b{}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>\d{{4}}){glued}",
        month.replace("month", "month2")
    );
    // An ISO date may run on into its time ("2019-11-19T12:48:14Z").
    let iso = r"\b(?P<year3>\d{4})-(?P<month3>\d{2})-(?P<day3>\d{2})(?:\b|T)";
    // "3/17/2008", "11/19/19" (month first, as in American pages, unless the
    // first number cannot be a month) and "18.11.2019" (day first).
    let slashed = r"\b(?P<first4>\d{1,2})/(?P<second4>\d{1,2})/(?P<year4>\d{4}|\d{2})\b";
    let dotted = r"\b(?P<first5>\d{1,2})\.(?P<second5>\d{1,2})\.(?P<year5>\d{4})\b";
    Regex::new(&format!(
        "(?i){day_first}|{month_first}|{iso}|{slashed}|{dotted}"
    ))
    .expect("valid regex")
});
/// Everything a dateline may hold besides the date and a name.
static DATELINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*(?:[a-z]{2,4}|[+-]\d{2}:?\d{2}))?|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?|updated|published|posted|last updated|first published|on|at)\b",
    )
    .expect("valid regex")
});
static SIGN_OFF_NAME: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::SignOffName,
        r"(?P<name>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})\s+(?:at|on|via)\s+\S+@\S+",
    )
});
static REPORTING_BY: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::ReportingBy,
        r"(?i)^(?:additional )?(?:reporting|writing|written) by (?P<names>[^;.]+)",
    )
});
static CAPTION: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::Caption,
        r#"^(?P<text>(?:.*?[.!?)”"’|—–-])?)\s*[(\[]?(?i:photo(?:graph)?s?|image|picture|illustration|credit|photo credit|foto)\s*(?::|\bby\b)\s*(?P<credit>[^()\[\]]{2,120}?)[)\]]?\s*$"#,
    )
});
static PRINT_NOTE: LazyLock<Guarded> = LazyLock::new(|| {
    Guarded::new(
        Cue::PrintNote,
        r"(?i)\b(?:a version of this (?:article|story|report)|appear(?:s|ed)? in (?:the )?(?:\S+\s+){0,8}?print\b|print edition)",
    )
});
static EDITION_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bedition of (?:the )?(?P<publication>\p{Lu}[\p{L}\p{N}&'’ .-]*?)\s*[.]?$")
        .expect("valid regex")
});
static WIRE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\p{M} ,.'’/-]{1,40}\((?P<outlet>\p{Lu}[^()]{1,40})\)\s*[-–—]")
        .expect("valid regex")
});
static COPYRIGHT_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:©|\([cC]\)|(?i:copyright)\s*©?)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<owner>[^.,|]{2,60})")
        .expect("valid regex")
});
static LIST_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:re|fwd?|aw)\s*:\s*)*\[[^\]]{1,40}\]\s*(?:(?i:re|fwd?)\s*:\s*)*")
        .expect("valid regex")
});

/// Words that mark a name as an outlet rather than a person.
const MEDIA_WORDS: &[&str] = &[
    "journal",
    "times",
    "post",
    "news",
    "weekly",
    "daily",
    "herald",
    "tribune",
    "gazette",
    "monitor",
    "guardian",
    "telegraph",
    "observer",
    "press",
    "agency",
    "review",
    "magazine",
    "chronicle",
    "independent",
    "standard",
    "express",
    "mail",
    "globe",
    "report",
    "online",
    "network",
    "tv",
    "radio",
    "broadcasting",
    "media",
    "wire",
    "reuters",
    "afp",
    "ap",
    "bbc",
    "cnn",
    "bulletin",
    "courier",
    "dispatch",
    "insider",
    "today",
    "world",
];

/// Lower-case name particles that may sit inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "de", "da", "di", "du", "del", "der", "van", "von", "bin", "ibn", "la", "le",
    "dos", "y",
];

/// The first full calendar date in the text, with its byte range.
pub(crate) fn find_date(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
    // Every date form holds a digit (`\d` is a Unicode decimal digit, and
    // `char::is_numeric` takes in all of those); most lines of prose have none.
    if !text.contains(char::is_numeric) {
        return None;
    }
    for captures in DATE.captures_iter(text) {
        let whole = captures.get(0)?;
        let pick = |names: [&str; 3]| {
            names
                .iter()
                .map(|name| captures.name(name).map(|m| m.as_str()))
                .collect::<Option<Vec<&str>>>()
        };
        let parts = pick(["year", "month", "day"])
            .or_else(|| pick(["year2", "month2", "day2"]))
            .or_else(|| pick(["year3", "month3", "day3"]))
            .or_else(|| numeric_parts(&captures, "4", false))
            .or_else(|| numeric_parts(&captures, "5", true))?;
        let year: i16 = full_year(parts[0])?;
        let month = month_number(parts[1])?;
        let day: i8 = parts[2].parse().ok()?;
        if let Ok(date) = Date::new(year, month, day) {
            return Some((date, whole.range()));
        }
    }
    None
}

/// Year, month and day of an all-numeric date (capture group suffix
/// `group`): day first if `day_first`, else month first, unless that
/// reading's month is over 12 and the other's is not.
fn numeric_parts<'t>(
    captures: &regex::Captures<'t>,
    group: &str,
    day_first: bool,
) -> Option<Vec<&'t str>> {
    let first = captures.name(&format!("first{group}"))?.as_str();
    let second = captures.name(&format!("second{group}"))?.as_str();
    let year = captures.name(&format!("year{group}"))?.as_str();
    let (day, month) = match day_first {
        true => (first, second),
        false => (second, first),
    };
    match month.parse::<u8>().ok()? > 12 {
        true => Some(vec![year, day, month]),
        false => Some(vec![year, month, day]),
    }
}

/// A four-digit year, or a two-digit one read as 19xx from 70 on, else 20xx.
fn full_year(text: &str) -> Option<i16> {
    let year: i16 = text.parse().ok()?;
    match text.len() {
        2 if year >= 70 => Some(1900 + year),
        2 => Some(2000 + year),
        _ => Some(year),
    }
}

fn month_number(text: &str) -> Option<i8> {
    if let Ok(number) = text.parse::<i8>() {
        return Some(number);
    }
    let lower = text.trim_end_matches('.').to_lowercase();
    if let Some((_, number)) = OTHER_MONTHS.iter().find(|(name, _)| *name == lower) {
        return Some(*number);
    }
    let prefix = lower.get(..3)?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|month| *month == prefix)
        .and_then(|index| i8::try_from(index + 1).ok())
}

/// A line that is a date, maybe with a time, an outlet or an author:
/// "5 Jan, 2020 22:28", "The Wall Street Journal, Jan. 17, 2024",
/// "Nermeen Al-Mufti , Tuesday 9 Jan 2024", "By Jane Doe | 3 March 2023".
pub(crate) fn parse_dateline(line: Scanned) -> Option<Dateline> {
    let text = line.text;
    if line.words > 16 || text.len() > 200 {
        return None;
    }
    let (date, range) = find_date(text)?;
    let mut rest = String::with_capacity(text.len());
    rest.push_str(&text[..range.start]);
    rest.push(' ');
    rest.push_str(&text[range.end..]);
    let rest = DATELINE_NOISE.replace_all(&rest, " ");
    let rest = trim_separators(&rest);
    let mut dateline = Dateline {
        date: Some(date),
        publication: None,
        authors: Vec::new(),
    };
    if rest.is_empty() {
        return Some(dateline);
    }
    if let Some(authors) = parse_byline(rest) {
        dateline.authors = authors;
        // "By Jane Doe | The Harbour Weekly | 3 March 2023": the outlet beside the name.
        dateline.publication = rest
            .split('|')
            .skip(1)
            .map(trim_separators)
            .find(|part| is_name_like(part) && is_outlet_name(part))
            .map(str::to_string);
        return Some(dateline);
    }
    if !is_name_like(rest) {
        return None;
    }
    if is_outlet_name(rest) {
        dateline.publication = Some(rest.to_string());
    } else if word_count(rest) >= 2 {
        dateline.authors = vec![rest.to_string()];
    }
    // A single word ("Cairo, 5 Jan 2024") is more likely a place than a person.
    Some(dateline)
}

/// "By Jane Doe and John Roe, Middle East correspondent": the authors named.
pub(crate) fn parse_byline(text: &str) -> Option<Vec<String>> {
    let rest = ["By ", "BY ", "By: ", "BY: ", "by "]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))?;
    if word_count(text) > 16
        || ends_sentence(rest)
            && !rest.ends_with(|c: char| c.is_uppercase())
            && word_count(rest) > 6
    {
        return None;
    }
    let names = rest.split(['|', '—', '–']).next().unwrap_or(rest);
    let authors = split_names(without_place(names));
    (!authors.is_empty()).then_some(authors)
}

/// "Write to A at a@x.com, B at b@x.com and C at c@x.com", "Reporting by A; Editing by B".
pub(crate) fn parse_sign_off(line: Scanned) -> Option<Vec<String>> {
    if line.words > 60 {
        return None;
    }
    let mut authors: Vec<String> = SIGN_OFF_NAME
        .captures_iter(line)
        .filter_map(|captures| captures.name("name"))
        .map(|name| without_leading_verb(name.as_str()).to_string())
        .filter(|name| is_name_like(name) && !is_outlet_name(name))
        .collect();
    if authors.is_empty() {
        if let Some(captures) = REPORTING_BY.captures(line) {
            authors = captures
                .name("names")
                .map(|names| split_names(names.as_str()))
                .unwrap_or_default();
        }
    }
    (!authors.is_empty()).then_some(authors)
}

/// "The command centre in 2021. Photo: John Moore/Getty Images": (text, credit).
pub(crate) fn parse_caption(line: Scanned) -> Option<(String, String)> {
    if line.words > 60 {
        return None;
    }
    let captures = CAPTION.captures(line)?;
    let caption = captures.name("text")?.as_str().trim().to_string();
    let credit = captures.name("credit")?.as_str().trim();
    // A credit is a name or an agency, never a sentence.
    if word_count(credit) > 8 || ends_sentence(credit) && word_count(credit) > 4 {
        return None;
    }
    if !caption.is_empty()
        && !caption.ends_with(['.', '!', '?', ')', '”', '"'])
        && word_count(&caption) > 3
    {
        // "... in Baghdad Photo: X" without a stop is still a caption; a
        // sentence running into "photo by" ("a photo by him shows") is not.
        if caption
            .split_whitespace()
            .last()
            .map(|w| w.chars().all(char::is_lowercase))
            == Some(true)
            && !caption.contains('.')
        {
            return None;
        }
    }
    Some((caption, credit.trim_end_matches('.').to_string()))
}

/// "* A version of this article appears in print in the 11 January, 2024 edition
/// of Al-Ahram Weekly": (note text, the outlet it names).
pub(crate) fn parse_print_note(line: Scanned) -> Option<(String, Option<String>)> {
    let text = line.text;
    if line.words > 50 || !PRINT_NOTE.is_match(line) {
        return None;
    }
    let note = text
        .trim_start_matches(['*', '•', '-', '–', '—', '†', ' '])
        .to_string();
    let publication = EDITION_OF
        .captures(&note)
        .and_then(|captures| captures.name("publication"))
        .map(|found| found.as_str().trim().to_string())
        .filter(|name| is_name_like(name));
    Some((note, publication))
}

/// The line without a mailing-list subject prefix ("[Salon] ", "Re: [list] ").
pub(crate) fn strip_list_prefix(text: &str) -> &str {
    match LIST_PREFIX.find(text) {
        Some(found) => &text[found.end()..],
        None => text,
    }
}

/// "Jane Doe in Lisbon" -> "Jane Doe": the place a byline gives after the name.
fn without_place(names: &str) -> &str {
    match names.find(" in ") {
        Some(at) if names[at + 4..].starts_with(char::is_uppercase) => &names[..at],
        _ => names,
    }
}

/// "JANE O'DOYLE-RIVERA" -> "Jane O'Doyle-Rivera": a name printed in capitals,
/// with capitals kept only where a name part starts. Mixed-case names are
/// left as they are.
fn fix_capitals(name: &str) -> String {
    if name.chars().any(char::is_lowercase)
        || name.chars().filter(|c| c.is_alphabetic()).count() < 3
    {
        return name.to_string();
    }
    let mut fixed = String::with_capacity(name.len());
    let mut part_start = true;
    for character in name.chars() {
        match part_start {
            true => fixed.push(character),
            false => fixed.extend(character.to_lowercase()),
        }
        part_start = !character.is_alphabetic();
    }
    fixed
}

/// A byline without "By": "Lena Okafor in Lisbon", "LENA OKAFOR", "Ana
/// Ruiz and Tom Berg": two to four capitalised words a name (or two), an
/// optional place after "in". Only the caller knows it stands where a
/// byline does (beside the date under the headline).
pub(crate) fn parse_bare_byline(text: &str) -> Option<Vec<String>> {
    if text.len() > 80 || text.contains(char::is_numeric) || ends_sentence(text) {
        return None;
    }
    let names = without_place(trim_separators(text));
    let words = word_count(names);
    let joined = names.replace(" and ", " & ");
    if !(2..=8).contains(&words) || !is_name_like(&joined) || is_outlet_name(names) {
        return None;
    }
    let authors = split_names(names);
    let short = authors
        .iter()
        .all(|name| (2..=4).contains(&word_count(name)));
    (!authors.is_empty() && short).then_some(authors)
}

/// The outlet a wire story names before its first sentence:
/// "LISBON (Harbour Wire) - The ..." -> "Harbour Wire".
pub(crate) fn wire_outlet(paragraph: &str) -> Option<String> {
    let captures = WIRE_OPENING.captures(paragraph)?;
    let outlet = captures.name("outlet")?.as_str().trim();
    is_name_like(outlet).then(|| outlet.to_string())
}

/// The outlet of a copyright line: "© Harbour Weekly 2008", "Copyright 2008 Harbour Weekly".
pub(crate) fn copyright_outlet(line: &str) -> Option<String> {
    let captures = COPYRIGHT_OWNER.captures(line)?;
    let owner = captures.name("owner")?.as_str();
    let owner = trim_separators(owner.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' '));
    (is_name_like(owner) && word_count(owner) <= 5).then(|| owner.to_string())
}

/// "Contact Jane Doe" -> "Jane Doe": the imperative that opens a sign-off is not part of the name.
fn without_leading_verb(name: &str) -> &str {
    const VERBS: &[&str] = &["Write", "Contact", "Email", "E-mail", "Reach", "Message"];
    match name.split_once(' ') {
        Some((first, rest)) if VERBS.contains(&first) => rest,
        _ => name,
    }
}

/// Splits "A, B and C" into names, keeping only the parts shaped like names.
fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        // "Jane Doe@janedoe": a social handle copied onto the name.
        .map(|part| part.split('@').next().unwrap_or(part))
        .map(|part| trim_separators(part).to_string())
        .filter(|part| is_name_like(part) && !is_outlet_name(part))
        .map(|part| fix_capitals(&part))
        .collect()
}

/// One to six words, each capitalised or a name particle ("Nermeen Al-Mufti", "Michael R. Gordon").
fn is_name_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|word| {
            let first = word.chars().next();
            first.map(char::is_uppercase).unwrap_or(false)
                || NAME_PARTICLES.contains(&word.to_lowercase().as_str())
                || (*word == "&")
        })
        && words
            .iter()
            .any(|word| word.chars().any(char::is_alphabetic))
}

/// "The Wall Street Journal", "Al-Ahram Weekly": a name that reads like an outlet.
fn is_outlet_name(text: &str) -> bool {
    text.starts_with("The ")
        || text.split_whitespace().any(|word| {
            let bare = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            MEDIA_WORDS.contains(&bare.as_str())
        })
}

fn trim_separators(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '-' | '–' | '—' | '·' | '•' | '/' | ':' | ';')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<Date> {
        text.parse().ok()
    }

    #[test]
    fn datelines() {
        let cases: &[(&str, Option<Dateline>)] = &[
            (
                "5 Jan, 2020 22:28",
                Some(Dateline {
                    date: date("2020-01-05"),
                    publication: None,
                    authors: vec![],
                }),
            ),
            (
                "The Wall Street Journal, Jan. 17, 2024",
                Some(Dateline {
                    date: date("2024-01-17"),
                    publication: Some("The Wall Street Journal".into()),
                    authors: vec![],
                }),
            ),
            (
                "Nermeen Al-Mufti , Tuesday 9 Jan 2024",
                Some(Dateline {
                    date: date("2024-01-09"),
                    publication: None,
                    authors: vec!["Nermeen Al-Mufti".into()],
                }),
            ),
            (
                "By Jane Doe and John Roe | Published 3 March 2023, 14:02 GMT",
                Some(Dateline {
                    date: date("2023-03-03"),
                    publication: None,
                    authors: vec!["Jane Doe".into(), "John Roe".into()],
                }),
            ),
            (
                "Updated: 2022-11-30",
                Some(Dateline {
                    date: date("2022-11-30"),
                    publication: None,
                    authors: vec![],
                }),
            ),
            (
                "Jan. 5, 2024 at 3:45 p.m. ET",
                Some(Dateline {
                    date: date("2024-01-05"),
                    publication: None,
                    authors: vec![],
                }),
            ),
            (
                "Cairo, 5 January 2024",
                Some(Dateline {
                    date: date("2024-01-05"),
                    publication: None,
                    authors: vec![],
                }),
            ),
            // A story sentence with a date is not a dateline.
            (
                "The talks began on 9 Jan 2024 in Baghdad and ended in failure.",
                None,
            ),
            ("Appeared in the January 18, 2024, print edition", None),
            ("31 Feb 2024", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_dateline(Scanned::new(text)), *expected, "{text:?}");
        }
    }

    #[test]
    fn sign_offs_and_bylines() {
        let cases: &[(&str, Option<Vec<&str>>)] = &[
            (
                "Write to Michael R. Gordon at michael.gordon@example.com, David S. Cloud at d.cloud@example.com and Elena Cherney at e@example.com",
                Some(vec!["Michael R. Gordon", "David S. Cloud", "Elena Cherney"]),
            ),
            ("Reporting by Ali Hassan; Editing by Mark Smith", Some(vec!["Ali Hassan"])),
            ("Contact the newsroom at tips@example.com", None),
            ("Contact Jane Doe at jane@example.com", Some(vec!["Jane Doe"])),
        ];
        for (text, expected) in cases {
            let expected = expected
                .as_ref()
                .map(|names| names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
            assert_eq!(parse_sign_off(Scanned::new(text)), expected, "{text:?}");
        }
        assert_eq!(
            parse_byline("By Sara Lund, Middle East correspondent"),
            Some(vec!["Sara Lund".to_string()])
        );
        assert_eq!(
            parse_byline("By 2030 the city will have doubled in size."),
            None
        );
    }

    #[test]
    fn captions() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "The Joint Operational Command Center in Baghdad in 2021. Photo: John Moore/Getty Images",
                Some(("The Joint Operational Command Center in Baghdad in 2021.", "John Moore/Getty Images")),
            ),
            ("U.S. soldiers at an air base in July. Photo: U.S. Army", Some(("U.S. soldiers at an air base in July.", "U.S. Army"))),
            ("Flood water in the old town. (Photo by Ana Ruiz/AFP)", Some(("Flood water in the old town.", "Ana Ruiz/AFP"))),
            ("He said the image: was not what it seemed to be at all, and the whole town knew it.", None),
            ("The bigger picture: inflation is falling.", None),
            ("Photo: Reuters", Some(("", "Reuters"))),
        ];
        for (text, expected) in cases {
            let expected = expected.map(|(t, c)| (t.to_string(), c.to_string()));
            assert_eq!(parse_caption(Scanned::new(text)), expected, "{text:?}");
        }
    }

    #[test]
    fn print_notes() {
        let (note, publication) = parse_print_note(Scanned::new(
            "* A version of this article appears in print in the 11 January, 2024 edition of Al-Ahram Weekly",
        ))
        .expect("a note");
        assert!(note.starts_with("A version"));
        assert_eq!(publication.as_deref(), Some("Al-Ahram Weekly"));
        let (_, publication) = parse_print_note(Scanned::new(
            "Appeared in the January 18, 2024, print edition as 'Iraq Seeks Exit of U.S.-Led Coalition'.",
        ))
        .expect("a note");
        assert_eq!(publication, None);
        assert_eq!(
            parse_print_note(Scanned::new("The print shop closed its doors.")),
            None
        );
    }

    #[test]
    fn list_prefixes() {
        assert_eq!(strip_list_prefix("[Salon] Iraq says no"), "Iraq says no");
        assert_eq!(strip_list_prefix("Re: [news] Fwd: Title"), "Title");
        assert_eq!(strip_list_prefix("[1] A footnote"), "A footnote");
        assert_eq!(strip_list_prefix("Plain title"), "Plain title");
    }
}
