//! Word lists for the date finder: month and weekday names, number words,
//! and the words around a bare year or a weekday that tell whether it is a date.
//!
//! In: single words (already lower-cased by the caller where noted). Out:
//! their meaning (a month number, a count) or a yes/no about their role.
//! Nothing here knows about any particular text.

use super::context::Tense;
use super::Season;
use crate::extract::people::lexicon::WordHasher;
use jiff::civil::Weekday;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// Month number (1-12) of an English month name or abbreviation ("Jan.", "Sept", "June").
pub fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    let prefix: String = word.chars().take(3).flat_map(char::to_lowercase).collect();
    let number = match prefix.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(number)
}

/// The weekday an English weekday name stands for ("Friday", "friday").
pub fn weekday(word: &str) -> Option<Weekday> {
    let prefix: String = word.chars().take(3).flat_map(char::to_lowercase).collect();
    let day = match prefix.as_str() {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    };
    Some(day)
}

/// The season a season word names ("summer", "Fall").
pub fn season(word: &str) -> Option<Season> {
    let season = match word.to_lowercase().as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    };
    Some(season)
}

/// The number of an ordinal written in digits or words from the eleventh
/// to the twenty-first ("20", "twentieth", "twenty-first"), as centuries
/// are named.
pub fn ordinal(word: &str) -> Option<i16> {
    if let Ok(number) = word.parse::<i16>() {
        return Some(number);
    }
    const WORDS: [&str; 10] = [
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let lower = word.to_lowercase().replace(' ', "-");
    if lower == "twenty-first" {
        return Some(21);
    }
    let index = WORDS.iter().position(|name| *name == lower)?;
    i16::try_from(index + 11).ok()
}

/// The value of a count written in digits or words ("10", "ten", "a", "a few" is not a count).
pub fn count(word: &str) -> Option<i64> {
    if let Ok(number) = word.parse::<i64>() {
        return Some(number);
    }
    let lower = word.to_lowercase();
    let number = match lower.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "hundred" => 100,
        _ => return None,
    };
    Some(number)
}

/// The tens of a number word ("ninety" -> 90), twenty to ninety.
fn tens(word: &str) -> Option<i16> {
    let value = match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(value)
}

/// The first year of a decade named in words, of the 1900s as news mean
/// them ("nineties" -> 1990).
pub fn decade_word(word: &str) -> Option<i16> {
    let lower = word.to_lowercase();
    let stem = lower.strip_suffix("ies")?;
    Some(1900 + tens(&format!("{stem}y"))?)
}

/// A year written in words: "nineteen ninety-six" (1996), "twenty twenty"
/// (2020), "the year two thousand and one" (2001).
pub fn spelled_year(words: &str) -> Option<i16> {
    let lower = words.to_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|part| !part.is_empty())
        .collect();
    if let Some(at) = parts.iter().position(|part| *part == "thousand") {
        let units = match parts.get(at + 2) {
            Some(word) => i16::try_from(count(word)?).ok()?,
            None => 0,
        };
        return Some(2000 + units);
    }
    let century = match *parts.first()? {
        "nineteen" => 1900,
        "twenty" => 2000,
        _ => return None,
    };
    let units = match parts.get(2) {
        Some(word) => i16::try_from(count(word)?).ok()?,
        None => 0,
    };
    Some(century + tens(parts.get(1)?)? + units)
}

/// Words that, right before a bare four-digit number, make it a year:
/// prepositions of time and the words of a period ("in 2014", "since 2003",
/// "summer 2019", "mid-2014"). Lower-case input.
pub fn is_year_cue_before(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "of"
            | "before"
            | "after"
            | "from"
            | "during"
            | "through"
            | "throughout"
            | "around"
            | "circa"
            | "beyond"
            | "between"
            | "both"
            | "due"
            | "than"
            | "for"
            | "early"
            | "mid"
            | "late"
            | "year"
            | "fiscal"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "fall"
            | "end"
            | "start"
            | "beginning"
            | "middle"
    )
}

/// Nouns that, right after a four-digit number, mark it as the year of an
/// event or period ("the 2006 elections", "its 2010 election campaign",
/// "the 2003 invasion", "the 2023 fiscal year"). Lower-case input.
pub fn is_event_noun(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    matches!(
        singular,
        "election"
            | "vote"
            | "poll"
            | "campaign"
            | "invasion"
            | "war"
            | "budget"
            | "fiscal"
            | "financial"
            | "season"
            | "census"
            | "agreement"
            | "accord"
            | "deal"
            | "treaty"
            | "pact"
            | "uprising"
            | "revolution"
            | "crisis"
            | "attack"
            | "strike"
            | "bombing"
            | "summit"
            | "conference"
            | "olympic"
            | "game"
            | "referendum"
            | "coup"
            | "protest"
            | "withdrawal"
            | "surge"
            | "offensive"
            | "occupation"
            | "ceasefire"
            | "truce"
            | "talk"
            | "riot"
            | "massacre"
            | "earthquake"
            | "flood"
            | "law"
            | "constitution"
            | "report"
            | "survey"
            | "midterm"
            | "primarie"
            | "primary"
            | "race"
            | "championship"
            | "world"
            | "level"
            | "plan"
            | "resolution"
            | "operation"
            | "mission"
            | "incursion"
            | "election-year"
    )
}

/// Nouns a count is usually followed by: a number before one of them is a
/// quantity, not a year ("in 2000 troops", "the 1650 soldiers"). Lower-case input.
pub fn is_unit_noun(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    matches!(
        singular,
        "troop"
            | "soldier"
            | "people"
            | "person"
            | "men"
            | "man"
            | "women"
            | "woman"
            | "children"
            | "child"
            | "civilian"
            | "member"
            | "personnel"
            | "contractor"
            | "worker"
            | "employee"
            | "job"
            | "share"
            | "dollar"
            | "euro"
            | "pound"
            | "dinar"
            | "mile"
            | "km"
            | "kilometre"
            | "kilometer"
            | "meter"
            | "metre"
            | "ton"
            | "tonne"
            | "barrel"
            | "vote"
            | "seat"
            | "case"
            | "death"
            | "casualtie"
            | "refugee"
            | "unit"
            | "vehicle"
            | "percent"
            | "per"
            | "hour"
            | "minute"
            | "day"
            | "week"
            | "month"
            | "year"
            | "time"
    )
}

/// Verbs that, right after a sentence-initial four-digit number, make it a
/// year as the subject ("2014 was", "2019 saw"). Lower-case input.
pub fn is_year_subject_verb(word: &str) -> bool {
    matches!(
        word,
        "was" | "is" | "will" | "saw" | "brought" | "marked" | "began" | "ended" | "has" | "had"
    )
}

/// Words that make a weekday or a bare month name a date even when it could
/// be something else ("on Monday", "by May"). Lower-case input.
pub fn is_day_cue_before(word: &str) -> bool {
    matches!(
        word,
        "on" | "in"
            | "since"
            | "by"
            | "until"
            | "till"
            | "before"
            | "after"
            | "from"
            | "during"
            | "through"
            | "of"
            | "early"
            | "mid"
            | "late"
            | "last"
            | "next"
            | "this"
            | "and"
            | "or"
            | "to"
            | "that"
    )
}

/// Words that, right before a weekday, make it part of a name rather than a
/// date ("Good Friday", "Black Monday", "Fox News Sunday"). Lower-case input.
pub fn names_a_day(word: &str) -> bool {
    matches!(
        word,
        "good"
            | "black"
            | "bloody"
            | "super"
            | "ash"
            | "holy"
            | "palm"
            | "easter"
            | "maundy"
            | "cyber"
            | "fat"
            | "great"
            | "news"
    )
}

/// Words that put a sentence's date in the future ("will", "is due to").
/// Lower-case input; phrases are matched word by word by the caller.
pub const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "won't",
    "won’t",
    "due",
    "supposed",
    "expected",
    "scheduled",
    "upcoming",
    "deadline",
    "plans",
    "plan",
    "planned",
    "planning",
    "intends",
    "intend",
    "expects",
    "expect",
    "would",
    "next",
    "tomorrow",
    // The present of a schedule: "the law takes effect in June", "the
    // show opens Friday", "the offer expires in May".
    "takes",
    "begins",
    "starts",
    "opens",
    "reopens",
    "resumes",
    "expires",
    "convenes",
    "meets",
    "meet",
    "arrives",
];

/// Words that mark the future only when "to" follows: an intention or a
/// schedule ("plans to", "set to", "is likely to"); without
/// it they are nouns or adjectives ("vacation plans", "a set price").
pub fn needs_to_for_future(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "plans"
            | "plan"
            | "planned"
            | "set"
            | "going"
            | "poised"
            | "slated"
            | "likely"
            | "hopes"
            | "aims"
            | "agreed"
            | "agrees"
            | "agreement"
            | "decided"
            | "decision"
            | "voted"
            | "promised"
            | "pledged"
            | "vowed"
            | "offered"
            | "proposed"
            | "proposal"
            | "intention"
            | "ready"
    )
}

/// Words that date a plan when "for" follows: "planned for Friday",
/// "scheduled for March", "set for June". Lower-case input.
pub fn plans_with_for(word: &str) -> bool {
    matches!(word, "planned" | "scheduled" | "set" | "slated")
}

/// The tense a preposition right before a partial date gives it: "since
/// March" is past; "by March", "until Friday" and "till June" name a
/// deadline or an end still to come, and so does "effective Feb. 1" (a
/// change announced before it takes effect). Lower-case input.
pub fn preposition_tense(word: &str) -> Option<Tense> {
    match word {
        "since" => Some(Tense::Past),
        "by" | "until" | "till" | "til" | "effective" => Some(Tense::Future),
        _ => None,
    }
}

/// Words before a weekday or month that make it repeat ("each Thursday",
/// "every March"). Lower-case input.
pub fn repeats(word: &str) -> bool {
    matches!(word, "each" | "every")
}

/// Nouns after "today's" that mean the present age, not the day ("today's
/// youth", "today's world"). Lower-case input.
pub fn is_age_noun(word: &str) -> bool {
    matches!(
        word,
        "world"
            | "youth"
            | "young"
            | "society"
            | "generation"
            | "generations"
            | "children"
            | "kids"
            | "culture"
            | "standards"
            | "terms"
            | "dollars"
            | "economy"
            | "technology"
            | "climate"
            | "age"
            | "era"
            | "america"
            | "europe"
    )
}

/// Words between a year and a reporting period ("the 1988 third quarter",
/// "this year's fiscal first half"). Lower-case input.
pub fn is_period_qualifier(word: &str) -> bool {
    matches!(
        word,
        "first" | "second" | "third" | "fourth" | "fiscal" | "final" | "latest" | "calendar"
    )
}

/// Reporting periods a year can qualify ("the 1989 period", "this year's
/// second quarter"). Lower-case input.
pub fn is_reporting_period(word: &str) -> bool {
    matches!(
        word,
        "quarter" | "quarters" | "period" | "periods" | "half" | "halves"
    ) || word.ends_with("-quarter")
        || word.ends_with("-half")
}

/// Determiners: an "-ed" word right after one is an adjective ("the
/// planned vote", "an unspecified date"). Lower-case input.
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "your"
            | "my"
            | "this"
            | "these"
            | "those"
    )
}

/// Words that put a sentence's date in the past. Regular past forms ending
/// in "-ed" count too (the caller checks that).
pub const PAST_CUES: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "took",
    "made",
    "came",
    "went",
    "met",
    "began",
    "left",
    "sent",
    "held",
    "gave",
    "saw",
    "led",
    "fled",
    "won",
    "lost",
    "spoke",
    "ago",
    "last",
    "wrote",
    "broke",
    "fought",
    "struck",
    "hit",
    "paid",
    "kept",
    "brought",
    "ran",
    "got",
    "rose",
    "fell",
    "became",
    "chose",
    "drew",
    "flew",
    "grew",
    "knew",
    "shot",
    "stood",
    "thought",
    "wasn't",
    "wasn’t",
    "weren't",
    "weren’t",
    "didn't",
    "didn’t",
];

/// Irregular past forms that are also past participles ("bought", "sold"):
/// past markers like [`PAST_CUES`], except after a form of "be" ("will be
/// sold"), as every participle.
const IRREGULAR_PAST: &[&str] = &[
    "bought",
    "sold",
    "found",
    "built",
    "caught",
    "spent",
    "lent",
    "meant",
    "felt",
    "heard",
    "threw",
    "drove",
    "sought",
    "taught",
    "withdrew",
    "overtook",
    "undertook",
    "shook",
    "froze",
    "stole",
    "swore",
    "wore",
    "forgot",
    "arose",
    "sank",
    "sang",
    "swam",
    "hung",
    "dug",
    "slid",
    "sat",
    "laid",
    "bore",
    "tore",
    "blew",
    "understood",
    "forbade",
    "forgave",
    "foresaw",
    "oversaw",
    "overcame",
];

/// Every cue word with the tense it marks; a word on both lists is a future cue.
static CUES: LazyLock<CueMap> = LazyLock::new(|| {
    let past = PAST_CUES
        .iter()
        .chain(IRREGULAR_PAST)
        .map(|word| (*word, Tense::Past));
    let future = FUTURE_CUES.iter().map(|word| (*word, Tense::Future));
    // Later entries win: future over past.
    past.chain(future).collect()
});

type CueMap = HashMap<&'static str, Tense, BuildHasherDefault<WordHasher>>;

/// The tense a word of [`FUTURE_CUES`] or [`PAST_CUES`] marks. Lower-case input.
pub fn cue_tense(word: &str) -> Option<Tense> {
    CUES.get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_month_and_weekday_names() {
        let months = [
            ("Jan.", Some(1)),
            ("January", Some(1)),
            ("Sept", Some(9)),
            ("Dec", Some(12)),
            ("June", Some(6)),
            ("Monday", None),
        ];
        for (word, expected) in months {
            assert_eq!(month_number(word), expected, "{word}");
        }
        assert_eq!(weekday("Friday"), Some(Weekday::Friday));
        assert_eq!(weekday("sunday"), Some(Weekday::Sunday));
        assert_eq!(weekday("Jan"), None);
    }

    #[test]
    fn reads_years_and_decades_in_words() {
        assert_eq!(spelled_year("nineteen ninety-six"), Some(1996));
        assert_eq!(spelled_year("Nineteen seventy"), Some(1970));
        assert_eq!(spelled_year("twenty twenty-one"), Some(2021));
        assert_eq!(spelled_year("the year two thousand"), Some(2000));
        assert_eq!(spelled_year("the year two thousand and one"), Some(2001));
        assert_eq!(spelled_year("nineteen people"), None);
        assert_eq!(decade_word("nineties"), Some(1990));
        assert_eq!(decade_word("Twenties"), Some(1920));
        assert_eq!(decade_word("tens"), None);
    }

    #[test]
    fn reads_counts() {
        let cases = [
            ("ten", Some(10)),
            ("Ten", Some(10)),
            ("3", Some(3)),
            ("a", Some(1)),
            ("few", None),
        ];
        for (word, expected) in cases {
            assert_eq!(count(word), expected, "{word}");
        }
    }

    #[test]
    fn tells_event_nouns_from_units() {
        assert!(is_event_noun("elections"));
        assert!(is_event_noun("invasion"));
        assert!(!is_event_noun("demands"));
        assert!(is_unit_noun("troops"));
        assert!(!is_unit_noun("elections"));
    }
}
