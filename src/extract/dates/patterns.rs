//! The one regular expression that finds date expressions, and the reading of
//! its matches into [`Form`]s (what was written, not yet what it means).
//!
//! In: a block's text. Out: [`Candidate`]s in text order, each with its byte
//! range and form. Whether a candidate really is a date (a year needs a cue,
//! a weekday can be part of a name) is decided in `context`; what it denotes
//! is decided in `resolve`.
//!
//! Span policy: the span covers the words that carry the value, including
//! words that change it ("last Friday", "mid-December", "ten days later",
//! "late last year", "Tuesday 9 Jan 2024") but not the preposition in front
//! ("in", "on", "since"). A year used as the determiner of an event noun
//! ("the 2023 fiscal year", "the 2006 elections") is spanned on the year
//! alone: the noun names the event, the year dates it.

use super::holidays::Holiday;
use super::lexicon;
use super::{Modifier, Season};
use jiff::civil::Weekday;
use regex::{CaptureLocations, Regex};
use std::sync::LazyLock;

/// A calendar unit named by a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

/// The relative word in front of a weekday or month name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// "last", "past": the most recent one before publication.
    Last,
    /// "next", "coming": the first one after publication.
    Next,
    /// "this": the one of the current week or year.
    This,
}

/// What a date expression says, before it is placed on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "Jan. 17, 2024", "9 Jan 2024", "June 30th", "Oct. 7".
    DayMonth {
        day: i8,
        month: i8,
        year: Option<i16>,
    },
    /// "December 2011".
    MonthYear { month: i8, year: i16 },
    /// "April next year", "October of last year": a month of the year
    /// `offset` years from publication.
    MonthOfYear { month: i8, offset: i8 },
    /// "December", "last October".
    Month {
        month: i8,
        relation: Option<Relation>,
    },
    /// "2014".
    Year { year: i16 },
    /// "Friday", "last Thursday".
    Weekday {
        weekday: Weekday,
        relation: Option<Relation>,
    },
    /// Counted from the publication date: "last week" (-1 week), "this year"
    /// (0 years), "yesterday" (-1 day), "two years ago" (-2 years).
    Deictic { unit: Unit, offset: i64 },
    /// Counted from the date the text mentioned last: "ten days later"
    /// (+10 days), "later that year" (0 years), "the following year" (+1).
    Anaphoric { unit: Unit, offset: i64 },
    /// The same day `offset` units before publication: "ten years ago
    /// today" is the day, not the year, and not the publication day.
    Anniversary { unit: Unit, offset: i64 },
    /// "summer 2012", "last winter", "the spring".
    Season {
        season: Season,
        year: Option<i16>,
        relation: Option<Relation>,
    },
    /// "the 1930s", "the mid-2000s": the first year of the decade.
    Decade { first_year: i16 },
    /// "the 20th century": its number (20).
    Century { number: i16 },
    /// "10/02/2008", "2.10.2008": two numbers whose order the site or
    /// source says (see [`super::DateOrder`]).
    Numeric { first: i8, second: i8, year: i16 },
    /// "the past week", "the last week": the seven days up to publication,
    /// filed under the ISO week that holds most of them.
    RecentWeek,
    /// "the week of March 6": the ISO week that holds the day.
    WeekOf {
        day: i8,
        month: i8,
        year: Option<i16>,
    },
    /// "Thanksgiving Day", "last Christmas", "Easter Sunday".
    Holiday {
        holiday: Holiday,
        relation: Option<Relation>,
    },
}

/// One match of the date expression, read into a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Byte range of the whole expression in the block text.
    pub start: usize,
    pub end: usize,
    pub form: Form,
    pub modifier: Option<Modifier>,
    /// True when a relative word or a modifier was written with it, so that
    /// a bare year, month or weekday needs no other cue around it.
    pub qualified: bool,
    /// For "the last week", "the last year": a duration more than a date.
    pub after_the: bool,
}

const B: &str = r"(?-u:\b)";
const MONTH_FULL: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)";
const MONTH_ABBR: &str = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?-u:\b))";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const ORDINAL_WORDS: &str = "eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty first";
const SPELLED_YEAR: &str = r"(?:nineteen|twenty)[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?";
const COUNT: &str = r"\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty";

static DATE_EXPRESSION: LazyLock<Regex> = LazyLock::new(|| {
    let month = format!("(?:{MONTH_FULL}|{MONTH_ABBR})");
    let ordinal = r"(?:st|nd|rd|th)?";
    let alternatives = [
        // 2024-01-17
        format!(r"{B}(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}}){B}"),
        // 10/02/2008, 2.10.2008
        format!(
            r"{B}(?P<nu_a>\d{{1,2}})(?P<nu_sep>[/.])(?P<nu_b>\d{{1,2}})[/.](?P<nu_y>(?:1\d|20)\d\d){B}"
        ),
        // (Wednesday,) Jan. 17(,) (2024)
        format!(
            r"(?:{WEEKDAY},?\s+)?(?P<mdy_m>{month})\s*(?P<mdy_d>\d{{1,2}}){ordinal}{B}(?:,?\s*(?P<mdy_y>\d{{4}}){B})?"
        ),
        // (Tuesday) 9 Jan(,) (2024)
        format!(
            r"(?:{WEEKDAY},?\s+)?{B}(?P<dmy_d>\d{{1,2}}){ordinal}\s+(?:of\s+)?(?P<dmy_m>{month})(?:,?\s*(?P<dmy_y>\d{{4}}){B})?"
        ),
        // December 2011
        format!(r"(?P<my_m>{month}),?\s+(?P<my_y>\d{{4}}){B}"),
        // January nineteen ninety-seven
        format!(r"(?P<msy_m>{MONTH_FULL})\s+(?P<msy_y>(?i:{SPELLED_YEAR})){B}"),
        // April next year, October of last year
        format!(
            r"(?P<mo_m>{MONTH_FULL})(?:\s+of)?\s+(?P<mo_rel>(?i:this|next|last))\s+(?i:year){B}"
        ),
        // last October
        format!(r"(?P<rm_rel>(?i:last|next|this|coming))\s+(?P<rm_m>{MONTH_FULL})"),
        // the 20th century, the nineteenth century
        format!(r"(?i:{B}(?P<ce>\d{{1,2}}|{ORDINAL_WORDS})(?:st|nd|rd|th)?[\s-]+century){B}"),
        // the 1930s, the '90s, mid-2000s
        format!(r"(?P<de>{B}(?:1\d|20)\d0|['’]\d0)['’]?s{B}"),
        // the nineties
        format!(
            r"(?i:the\s+(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){B}"
        ),
        // nineteen ninety-six, the year two thousand
        format!(
            r"(?i:{B}(?P<sy>{SPELLED_YEAR}|the\s+year\s+two\s+thousand(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine))?)){B}"
        ),
        // summer 2012, last winter, the spring of 2004
        format!(
            r"(?i:(?:(?P<se_rel>last|next|this|past|coming)\s+)?{B}(?P<se>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?:(?P<se_y>(?:1\d|20)\d\d)|(?P<se_sy>{SPELLED_YEAR})){B})?){B}"
        ),
        // the end of the year
        format!(r"(?i:(?P<eoy>end|beginning|start|middle)\s+of\s+(?:the\s+)?year){B}"),
        // last week, this year, earlier this week, the following year, this fiscal year
        format!(
            r"(?i:(?:(?P<du_rel>last|next|this|past|previous|following|coming)|(?P<du_dir>earlier|later)\s+this)\s+(?:(?:fiscal|financial|school|academic|calendar)\s+)?(?P<du_unit>week|month|year|decade|century)){B}"
        ),
        // that year, later that year, the same day
        format!(
            r"(?i:(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?P<ta_unit>day|week|month|year)){B}"
        ),
        // the next day
        format!(
            r"(?i:the\s+(?P<nd_rel>next|following|previous)\s+(?:day|morning|afternoon|evening|night)){B}"
        ),
        // ten days later, two years ago, ten years ago today
        format!(
            r"(?i:{B}(?P<n_count>{COUNT})\s+(?P<n_unit>day|week|month|year|decade)s?\s+(?P<n_dir>ago|later|earlier|afterwards?|before|after)(?P<n_today>\s+today)?){B}"
        ),
        // today, yesterday
        format!(
            r"(?i:{B}(?P<today>today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|last\s+night)){B}"
        ),
        // Thanksgiving Day, last Christmas, Easter Sunday
        format!(
            r"(?:(?P<ho_rel>(?i:last|next|this|coming))\s+)?(?P<ho>New\s+Year['’]s\s+(?:Day|Eve)|Valentine['’]s\s+Day|Easter(?:\s+(?:Sunday|Day))?|(?:Memorial|Independence|Labou?r|Election|Veterans['’]?|Boxing)\s+Day|Halloween|Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?){B}"
        ),
        // (last) Friday
        format!(r"(?:(?P<wd_rel>(?i:last|next|this|coming|past))\s+)?(?P<wd>{WEEKDAY}){B}"),
        // December
        format!(r"(?P<bm>{MONTH_FULL})"),
        // 2014
        format!(r"{B}(?P<year>(?:1\d|20)\d\d){B}"),
    ];
    let modifier = r"(?:(?-u:\b)(?P<mod>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))(?:\s*-\s*|\s+))?";
    let pattern = format!("{modifier}(?:{})", alternatives.join("|"));
    Regex::new(&pattern).unwrap_or_else(|error| panic!("date pattern does not compile: {error}"))
});

/// Where each named group of [`DATE_EXPRESSION`] sits, looked up once
/// rather than by name for every match.
struct Groups {
    modifier: usize,
    iso_y: usize,
    iso_m: usize,
    iso_d: usize,
    nu_a: usize,
    nu_b: usize,
    nu_y: usize,
    mdy_m: usize,
    mdy_d: usize,
    mdy_y: usize,
    dmy_d: usize,
    dmy_m: usize,
    dmy_y: usize,
    my_m: usize,
    my_y: usize,
    msy_m: usize,
    msy_y: usize,
    mo_m: usize,
    mo_rel: usize,
    rm_rel: usize,
    rm_m: usize,
    ce: usize,
    de: usize,
    dw: usize,
    sy: usize,
    se_rel: usize,
    se: usize,
    se_y: usize,
    se_sy: usize,
    eoy: usize,
    n_today: usize,
    du_rel: usize,
    du_dir: usize,
    du_unit: usize,
    ta_unit: usize,
    nd_rel: usize,
    n_count: usize,
    n_unit: usize,
    n_dir: usize,
    today: usize,
    ho_rel: usize,
    ho: usize,
    wd_rel: usize,
    wd: usize,
    bm: usize,
    year: usize,
}

static GROUPS: LazyLock<Groups> = LazyLock::new(|| {
    let index = |name: &str| {
        DATE_EXPRESSION
            .capture_names()
            .position(|group| group == Some(name))
            .unwrap_or_else(|| panic!("date pattern has no group {name}"))
    };
    Groups {
        modifier: index("mod"),
        iso_y: index("iso_y"),
        iso_m: index("iso_m"),
        iso_d: index("iso_d"),
        nu_a: index("nu_a"),
        nu_b: index("nu_b"),
        nu_y: index("nu_y"),
        mdy_m: index("mdy_m"),
        mdy_d: index("mdy_d"),
        mdy_y: index("mdy_y"),
        dmy_d: index("dmy_d"),
        dmy_m: index("dmy_m"),
        dmy_y: index("dmy_y"),
        my_m: index("my_m"),
        my_y: index("my_y"),
        msy_m: index("msy_m"),
        msy_y: index("msy_y"),
        mo_m: index("mo_m"),
        mo_rel: index("mo_rel"),
        rm_rel: index("rm_rel"),
        rm_m: index("rm_m"),
        ce: index("ce"),
        de: index("de"),
        dw: index("dw"),
        sy: index("sy"),
        se_rel: index("se_rel"),
        se: index("se"),
        se_y: index("se_y"),
        se_sy: index("se_sy"),
        eoy: index("eoy"),
        n_today: index("n_today"),
        du_rel: index("du_rel"),
        du_dir: index("du_dir"),
        du_unit: index("du_unit"),
        ta_unit: index("ta_unit"),
        nd_rel: index("nd_rel"),
        n_count: index("n_count"),
        n_unit: index("n_unit"),
        n_dir: index("n_dir"),
        today: index("today"),
        ho_rel: index("ho_rel"),
        ho: index("ho"),
        wd_rel: index("wd_rel"),
        wd: index("wd"),
        bm: index("bm"),
        year: index("year"),
    }
});

/// Every candidate date expression of `text`, in order, non-overlapping.
///
/// The pattern finds each match without capture groups first (a fast DFA
/// scan); only a match that [`plain_form`] cannot read is searched again
/// from its start for its groups, which finds the same match.
pub fn candidates(text: &str) -> impl Iterator<Item = Candidate> + '_ {
    let mut locations = DATE_EXPRESSION.capture_locations();
    let mut at = 0;
    // The second year of a short range ("58" of "1957-58"), given next.
    let mut range_end: Option<Candidate> = None;
    std::iter::from_fn(move || loop {
        if let Some(second) = range_end.take() {
            return Some(second);
        }
        let whole = DATE_EXPRESSION.find_at(text, at)?;
        if whole.is_empty() {
            // No alternative of the pattern matches the empty string.
            return None;
        }
        at = whole.end();
        let found = match plain_form(whole.as_str()) {
            Some((form, qualified)) => Some(candidate(
                text,
                whole.start(),
                whole.end(),
                form,
                None,
                qualified,
            )),
            None => DATE_EXPRESSION
                .captures_read_at(&mut locations, text, whole.start())
                .and_then(|_| read(&locations, text)),
        };
        if let Some(mut first) = found {
            week_of(text, &mut first);
            range_end = short_range_end(text, &first);
            if let Some(second) = range_end {
                at = second.end;
            }
            return Some(first);
        }
    })
}

/// "the week of March 6": a day written after "the week of" names its
/// week; the span takes the words in.
fn week_of(text: &str, candidate: &mut Candidate) {
    let Form::DayMonth { day, month, year } = candidate.form else {
        return;
    };
    let before = text[..candidate.start].trim_end();
    let Some(prefix_len) = before
        .len()
        .checked_sub("the week of".len())
        .filter(|at| before.is_char_boundary(*at))
    else {
        return;
    };
    let words = &before[prefix_len..];
    let starts_word = before[..prefix_len]
        .chars()
        .last()
        .is_none_or(|c| !c.is_alphanumeric());
    if starts_word && words.eq_ignore_ascii_case("the week of") {
        candidate.start = prefix_len;
        candidate.form = Form::WeekOf { day, month, year };
        candidate.qualified = true;
    }
}

/// For a year followed by a dash and two digits ("1957-58", "2003–04"),
/// the second year as a candidate of its own: the same century, or the
/// next when the digits are lower ("1999-00").
fn short_range_end(text: &str, first: &Candidate) -> Option<Candidate> {
    let Form::Year { year } = first.form else {
        return None;
    };
    let rest = text.get(first.end..)?;
    let dash = rest.chars().next().filter(|c| matches!(c, '-' | '–'))?;
    let digits = rest.get(dash.len_utf8()..)?;
    let bytes = digits.as_bytes();
    let two_digits = bytes.len() >= 2 && bytes[..2].iter().all(u8::is_ascii_digit);
    if !two_digits || bytes.get(2).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let short: i16 = digits[..2].parse().ok()?;
    let century = year - year % 100;
    let second = if short > year % 100 {
        century + short
    } else {
        century + 100 + short
    };
    if second != year + 1 && second - year > 10 {
        return None;
    }
    let start = first.end + dash.len_utf8();
    Some(candidate(
        text,
        start,
        start + 2,
        Form::Year { year: second },
        None,
        false,
    ))
}

/// The form of the commonest whole matches read from their text alone, and
/// whether it counts as qualified: a year ("2014"), a month name
/// ("December"), a month name and year ("December 2011"), a day, month name
/// and year ("9 January 2024") and a count, unit and direction in lower case
/// ("a year earlier", "ten days later"), all with single spaces. Each of
/// these shapes can only be the match of one alternative of the pattern
/// (the year, the bare month, month-year, day-month-year, the counted
/// offset: no other alternative starts with a count word, and the others
/// that start with a month need a day number that ends at a word boundary)
/// with only that alternative's groups set, so reading it here gives what
/// [`read`] gives from the captures. Anything else is `None`.
fn plain_form(matched: &str) -> Option<(Form, bool)> {
    let digits = |word: &str| word.bytes().all(|b| b.is_ascii_digit());
    if matched.len() == 4 && digits(matched) {
        let year = matched.parse().ok()?;
        return Some((Form::Year { year }, false));
    }
    if let Some(month) = full_month(matched) {
        let relation = None;
        return Some((Form::Month { month, relation }, false));
    }
    let mut words = matched.split(' ');
    let (first, second) = (words.next()?, words.next()?);
    let third = words.next();
    if words.next().is_some() {
        return None;
    }
    let year_like = |word: &str| word.len() == 4 && digits(word);
    let Some(third) = third else {
        let year = if year_like(second) {
            second.parse().ok()?
        } else {
            return None;
        };
        let month = full_month(first)?;
        return Some((Form::MonthYear { month, year }, false));
    };
    let day_like = (1..=2).contains(&first.len()) && digits(first);
    if day_like && year_like(third) {
        let form = Form::DayMonth {
            day: first.parse().ok()?,
            month: full_month(second)?,
            year: Some(third.parse().ok()?),
        };
        return Some((form, false));
    }
    // The counted offset, without "before" and "after" (whose reading looks
    // past the match) and without capitals (which `read` folds).
    let count_like = (1..=3).contains(&first.len()) && digits(first)
        || first.bytes().all(|b| b.is_ascii_lowercase());
    let unit = match second {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        _ => return None,
    };
    if !count_like {
        return None;
    }
    let count = lexicon::count(first)?;
    let form = match third {
        "ago" => Form::Deictic {
            unit,
            offset: -count,
        },
        "earlier" => Form::Anaphoric {
            unit,
            offset: -count,
        },
        "later" | "afterward" | "afterwards" => Form::Anaphoric {
            unit,
            offset: count,
        },
        _ => return None,
    };
    Some((form, true))
}

/// The number of a month written in full ("January" -> 1), as the pattern spells it.
fn full_month(word: &str) -> Option<i8> {
    let index = super::MONTH_NAMES.iter().position(|name| *name == word)?;
    i8::try_from(index + 1).ok()
}

/// A candidate at `start..end` of `text`.
fn candidate(
    text: &str,
    start: usize,
    end: usize,
    form: Form,
    modifier: Option<Modifier>,
    qualified: bool,
) -> Candidate {
    let after_the = text[..start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|word| word.eq_ignore_ascii_case("the"));
    let form = match form {
        Form::Deictic {
            unit: Unit::Week,
            offset: -1,
        } if after_the => Form::RecentWeek,
        other => other,
    };
    Candidate {
        start,
        end,
        form,
        modifier,
        qualified,
        after_the,
    }
}

fn read(locations: &CaptureLocations, text: &str) -> Option<Candidate> {
    let (start, end) = locations.get(0)?;
    let g = &*GROUPS;
    let c = Captured { locations, text };
    if let Some(part) = c.group(g.eoy) {
        let form = Form::Deictic {
            unit: Unit::Year,
            offset: 0,
        };
        return Some(candidate(
            text,
            start,
            end,
            form,
            Some(modifier_of(part)),
            true,
        ));
    }
    let modifier = c.group(g.modifier).map(modifier_of);
    // Each alternative of the pattern has its own groups, so at most one
    // of the readers finds its group set.
    let (form, qualified) = calendar_form(&c, g)
        .or_else(|| word_form(&c, g))
        .or_else(|| relative_form(&c, g, end))?;
    let qualified = qualified || modifier.is_some();
    Some(candidate(text, start, end, form, modifier, qualified))
}

/// The text of one match's capture groups.
struct Captured<'a> {
    locations: &'a CaptureLocations,
    text: &'a str,
}

impl<'a> Captured<'a> {
    fn group(&self, index: usize) -> Option<&'a str> {
        self.locations
            .get(index)
            .and_then(|(from, to)| self.text.get(from..to))
    }

    fn number(&self, index: usize) -> Option<i64> {
        self.group(index).and_then(|s| s.parse::<i64>().ok())
    }
}

/// A date named on the calendar: a day, a month, a season, a year, a
/// decade or a century, with or without a year; `true` when qualified.
fn calendar_form(c: &Captured, g: &Groups) -> Option<(Form, bool)> {
    if let Some(year) = c.number(g.iso_y) {
        let form = Form::DayMonth {
            day: small(c.number(g.iso_d)?)?,
            month: small(c.number(g.iso_m)?)?,
            year: Some(i16::try_from(year).ok()?),
        };
        return Some((form, false));
    }
    if let Some(year) = c.number(g.nu_y) {
        let form = Form::Numeric {
            first: small(c.number(g.nu_a)?)?,
            second: small(c.number(g.nu_b)?)?,
            year: i16::try_from(year).ok()?,
        };
        return Some((form, false));
    }
    if let Some(month) = c.group(g.mdy_m) {
        let form = Form::DayMonth {
            day: small(c.number(g.mdy_d)?)?,
            month: lexicon::month_number(month)?,
            year: c.number(g.mdy_y).and_then(|y| i16::try_from(y).ok()),
        };
        return Some((form, false));
    }
    if let Some(month) = c.group(g.dmy_m) {
        let form = Form::DayMonth {
            day: small(c.number(g.dmy_d)?)?,
            month: lexicon::month_number(month)?,
            year: c.number(g.dmy_y).and_then(|y| i16::try_from(y).ok()),
        };
        return Some((form, false));
    }
    if let Some(month) = c.group(g.my_m) {
        let form = Form::MonthYear {
            month: lexicon::month_number(month)?,
            year: i16::try_from(c.number(g.my_y)?).ok()?,
        };
        return Some((form, false));
    }
    if let Some(month) = c.group(g.msy_m) {
        let form = Form::MonthYear {
            month: lexicon::month_number(month)?,
            year: lexicon::spelled_year(c.group(g.msy_y)?)?,
        };
        return Some((form, false));
    }
    if let Some(month) = c.group(g.mo_m) {
        let offset = match c.group(g.mo_rel)?.to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        let form = Form::MonthOfYear {
            month: lexicon::month_number(month)?,
            offset,
        };
        return Some((form, true));
    }
    if let Some(month) = c.group(g.rm_m) {
        let form = Form::Month {
            month: lexicon::month_number(month)?,
            relation: c.group(g.rm_rel).map(relation_of),
        };
        return Some((form, true));
    }
    if let Some(number) = c.group(g.ce) {
        let form = Form::Century {
            number: lexicon::ordinal(number)?,
        };
        return Some((form, true));
    }
    if let Some(digits) = c.group(g.de) {
        let form = Form::Decade {
            first_year: decade_year(digits)?,
        };
        return Some((form, true));
    }
    if let Some(season) = c.group(g.se) {
        return season_form(c, g, season);
    }
    if let Some(day) = c.group(g.wd) {
        return weekday_form(c, g, day);
    }
    if let Some(month) = c.group(g.bm) {
        let form = Form::Month {
            month: lexicon::month_number(month)?,
            relation: None,
        };
        return Some((form, false));
    }
    if let Some(year) = c.number(g.year) {
        let form = Form::Year {
            year: i16::try_from(year).ok()?,
        };
        return Some((form, false));
    }
    None
}

/// A season ("summer", "last winter", "spring 2012"); qualified when a
/// relation or a year comes with it.
fn season_form(c: &Captured, g: &Groups, season: &str) -> Option<(Form, bool)> {
    let relation = c.group(g.se_rel).map(relation_of);
    let year = c
        .number(g.se_y)
        .and_then(|y| i16::try_from(y).ok())
        .or_else(|| c.group(g.se_sy).and_then(lexicon::spelled_year));
    let qualified = relation.is_some() || year.is_some();
    let season = lexicon::season(season)?;
    Some((
        Form::Season {
            season,
            year,
            relation,
        },
        qualified,
    ))
}

/// A weekday ("Friday", "last Friday"); qualified when a relation comes with it.
fn weekday_form(c: &Captured, g: &Groups, day: &str) -> Option<(Form, bool)> {
    let relation = c.group(g.wd_rel).map(relation_of);
    let qualified = relation.is_some();
    let weekday = lexicon::weekday(day)?;
    Some((Form::Weekday { weekday, relation }, qualified))
}

/// A date named in words rather than numbers: a holiday ("Thanksgiving
/// Day", "last Christmas"), a decade ("the nineties") or a year ("nineteen
/// ninety-six"); `true` when qualified.
fn word_form(c: &Captured, g: &Groups) -> Option<(Form, bool)> {
    if let Some(name) = c.group(g.ho) {
        let relation = c.group(g.ho_rel).map(relation_of);
        // "Christmas Day" names the day; "Christmas" alone may be a season
        // of shopping or a name, unless a relative word comes with it.
        let qualified = relation.is_some() || name.split_whitespace().nth(1).is_some();
        let form = Form::Holiday {
            holiday: Holiday::named(name)?,
            relation,
        };
        return Some((form, qualified));
    }
    if let Some(words) = c.group(g.dw) {
        let form = Form::Decade {
            first_year: lexicon::decade_word(words)?,
        };
        return Some((form, true));
    }
    if let Some(words) = c.group(g.sy) {
        let form = Form::Year {
            year: lexicon::spelled_year(words)?,
        };
        return Some((form, true));
    }
    None
}

/// A date counted from another ("last week", "two years ago", "the next
/// day", "yesterday"); `true` when qualified. `end` is where the match ends.
fn relative_form(c: &Captured, g: &Groups, end: usize) -> Option<(Form, bool)> {
    if let Some(unit) = c.group(g.du_unit) {
        let form = {
            let unit = unit_of(unit);
            match (
                c.group(g.du_rel).map(str::to_lowercase).as_deref(),
                c.group(g.du_dir),
            ) {
                (Some("last" | "past"), _) => Form::Deictic { unit, offset: -1 },
                (Some("next" | "coming"), _) => Form::Deictic { unit, offset: 1 },
                (Some("previous"), _) => Form::Anaphoric { unit, offset: -1 },
                (Some("following"), _) => Form::Anaphoric { unit, offset: 1 },
                _ => Form::Deictic { unit, offset: 0 },
            }
        };
        return Some((form, true));
    }
    if let Some(unit) = c.group(g.ta_unit) {
        let form = Form::Anaphoric {
            unit: unit_of(unit),
            offset: 0,
        };
        return Some((form, true));
    }
    if let Some(relation) = c.group(g.nd_rel) {
        let form = {
            let offset = if relation.eq_ignore_ascii_case("previous") {
                -1
            } else {
                1
            };
            Form::Anaphoric {
                unit: Unit::Day,
                offset,
            }
        };
        return Some((form, true));
    }
    if let Some(count) = c.group(g.n_count) {
        let form = {
            let count = lexicon::count(count)?;
            let unit = unit_of(c.group(g.n_unit)?);
            let direction = c.group(g.n_dir)?.to_lowercase();
            // "two years before the war" counts from the war, not from a date
            // the text gave: only a clause-final "before"/"after" counts back.
            if matches!(direction.as_str(), "before" | "after") && !ends_clause(c.text, end) {
                return None;
            }
            match direction.as_str() {
                "ago" if c.group(g.n_today).is_some() => Form::Anniversary {
                    unit,
                    offset: -count,
                },
                // "a decade ago" is the year ten years back (1989 in 1999),
                // as TIMEX3 has it, not the decade that holds it.
                "ago" if unit == Unit::Decade => Form::Deictic {
                    unit: Unit::Year,
                    offset: count.saturating_mul(-10),
                },
                "ago" => Form::Deictic {
                    unit,
                    offset: -count,
                },
                "earlier" | "before" => Form::Anaphoric {
                    unit,
                    offset: -count,
                },
                _ => Form::Anaphoric {
                    unit,
                    offset: count,
                },
            }
        };
        return Some((form, true));
    }
    if let Some(word) = c.group(g.today) {
        let form = {
            let lower = word.to_lowercase();
            let offset = match lower.as_str() {
                "yesterday" => -1,
                _ if lower.starts_with("last") => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            Form::Deictic {
                unit: Unit::Day,
                offset,
            }
        };
        return Some((form, true));
    }
    None
}

fn small(value: i64) -> Option<i8> {
    i8::try_from(value).ok()
}

fn modifier_of(words: &str) -> Modifier {
    let lower = words.to_lowercase();
    if lower.starts_with("early") || lower.contains("beginning") || lower.contains("start") {
        Modifier::Early
    } else if lower.starts_with("mid") || lower.contains("middle") {
        Modifier::Mid
    } else {
        Modifier::Late
    }
}

fn relation_of(word: &str) -> Relation {
    match word.to_lowercase().as_str() {
        "last" | "past" => Relation::Last,
        "next" | "coming" => Relation::Next,
        _ => Relation::This,
    }
}

fn unit_of(word: &str) -> Unit {
    match word.to_lowercase().as_str() {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "decade" | "decades" => Unit::Decade,
        "century" => Unit::Century,
        _ => Unit::Year,
    }
}

/// The first year of a decade written "1930" (of "1930s") or "'90": a
/// two-digit decade is of the 1900s, except "'00" and "'10", which news
/// write for the 2000s and 2010s.
fn decade_year(digits: &str) -> Option<i16> {
    let number: i16 = digits.trim_start_matches(['\'', '’']).parse().ok()?;
    match number {
        0 | 10 => Some(2000 + number),
        20..=99 => Some(1900 + number),
        _ => Some(number),
    }
}

/// True when nothing but punctuation or the end of the text follows `at`.
fn ends_clause(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '—' | '–'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<(&str, Form)> {
        candidates(text)
            .map(|c| (&text[c.start..c.end], c.form))
            .collect()
    }

    /// [`candidates`] without the shortcut of [`plain_form`]: every match read from its captures.
    fn candidates_from_captures(text: &str) -> Vec<Candidate> {
        let mut locations = DATE_EXPRESSION.capture_locations();
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(whole) = DATE_EXPRESSION.find_at(text, at) {
            at = whole.end();
            let read_candidate = DATE_EXPRESSION
                .captures_read_at(&mut locations, text, whole.start())
                .and_then(|_| read(&locations, text));
            found.extend(read_candidate);
        }
        found
    }

    #[test]
    fn candidates_are_those_the_captures_give() {
        let texts = [
            "In 2014, in December, in December 2011 and on 9 January 2024.",
            "A year earlier, a year earlier, ten days later, two weeks ago, 3 months afterwards.",
            "one year afterward; 12 days before the vote, 12 days before. fifty years later",
            "May 2019 and May 5, 2019; March 20, 2019; March 2019s; Sept 2019; June  2020",
            "an hour later, a day ago, a Year Earlier, 1000 days later, 100 days later, 07 days ago",
            "early December 2011, late 2014, mid-March 2019, the end of March 2019",
            "last year, earlier this week, later that year, the same day, the next day",
        ];
        for text in texts {
            assert_eq!(
                candidates(text).collect::<Vec<_>>(),
                candidates_from_captures(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn reads_the_written_forms() {
        use Form::*;
        let cases: &[(&str, &str, Form)] = &[
            (
                "on Jan. 17, 2024 it",
                "Jan. 17, 2024",
                DayMonth {
                    day: 17,
                    month: 1,
                    year: Some(2024),
                },
            ),
            (
                "Tuesday 9 Jan 2024",
                "Tuesday 9 Jan 2024",
                DayMonth {
                    day: 9,
                    month: 1,
                    year: Some(2024),
                },
            ),
            (
                "5 Jan, 2020 22:28",
                "5 Jan, 2020",
                DayMonth {
                    day: 5,
                    month: 1,
                    year: Some(2020),
                },
            ),
            (
                "before June 30th —",
                "June 30th",
                DayMonth {
                    day: 30,
                    month: 6,
                    year: None,
                },
            ),
            (
                "the 11 January, 2024 edition",
                "11 January, 2024",
                DayMonth {
                    day: 11,
                    month: 1,
                    year: Some(2024),
                },
            ),
            (
                "in December 2011.",
                "December 2011",
                MonthYear {
                    month: 12,
                    year: 2011,
                },
            ),
            (
                "in mid-December.",
                "mid-December",
                Month {
                    month: 12,
                    relation: None,
                },
            ),
            (
                "last October that",
                "last October",
                Month {
                    month: 10,
                    relation: Some(Relation::Last),
                },
            ),
            (
                "earlier this week.",
                "earlier this week",
                Deictic {
                    unit: Unit::Week,
                    offset: 0,
                },
            ),
            (
                "last year",
                "last year",
                Deictic {
                    unit: Unit::Year,
                    offset: -1,
                },
            ),
            (
                "Ten days later, x",
                "Ten days later",
                Anaphoric {
                    unit: Unit::Day,
                    offset: 10,
                },
            ),
            (
                "later that year to",
                "later that year",
                Anaphoric {
                    unit: Unit::Year,
                    offset: 0,
                },
            ),
            (
                "two years ago",
                "two years ago",
                Deictic {
                    unit: Unit::Year,
                    offset: -2,
                },
            ),
            (
                "said last Friday",
                "last Friday",
                Weekday {
                    weekday: jiff::civil::Weekday::Friday,
                    relation: Some(Relation::Last),
                },
            ),
            ("the 2006 elections", "2006", Year { year: 2006 }),
            (
                "2024-02-29",
                "2024-02-29",
                DayMonth {
                    day: 29,
                    month: 2,
                    year: Some(2024),
                },
            ),
        ];
        for (text, span, form) in cases {
            assert_eq!(forms(text), vec![(*span, *form)], "reading {text:?}");
        }
    }

    #[test]
    fn plain_forms_read_as_the_captures_do() {
        let texts = [
            "in 2014 and 1999, on 9 January 2024 and 31 December 1999,",
            "in December, May 2024, April, last May, the 2006 vote",
            "on 10 May 2024. Then 5 May, 2024 and 7 Sept 2024 or 07 March 2020",
            "mid-2014, early 9 January 2024, 1st of May 2024, Friday 9 January 2024",
            "December 5, January 2020 and 3 January 20245 and 4 January 2024x",
            "a year earlier, ten days later, 3 weeks ago, one month afterwards, 2 years before.",
        ];
        for text in texts {
            let mut locations = DATE_EXPRESSION.capture_locations();
            let mut at = 0;
            while let Some(whole) = DATE_EXPRESSION.captures_read_at(&mut locations, text, at) {
                at = whole.end();
                let from_captures = read(&locations, text);
                let plain = plain_form(whole.as_str()).map(|(form, qualified)| {
                    candidate(text, whole.start(), whole.end(), form, None, qualified)
                });
                if plain.is_some() {
                    assert_eq!(plain, from_captures, "{:?} in {text:?}", whole.as_str());
                }
            }
        }
        assert_eq!(plain_form("2014"), Some((Form::Year { year: 2014 }, false)));
        assert_eq!(plain_form("last May"), None);
    }

    #[test]
    fn reads_holidays_spelled_years_and_decade_words() {
        use Form::*;
        let thanksgiving = Form::Holiday {
            holiday: super::Holiday::Thanksgiving,
            relation: Some(Relation::Last),
        };
        let cases: &[(&str, &str, Form)] = &[
            (
                "since last Thanksgiving.",
                "last Thanksgiving",
                thanksgiving,
            ),
            (
                "on New Year’s Day",
                "New Year’s Day",
                Form::Holiday {
                    holiday: super::Holiday::NewYearsDay,
                    relation: None,
                },
            ),
            (
                "in nineteen ninety-six the",
                "nineteen ninety-six",
                Year { year: 1996 },
            ),
            (
                "by the year two thousand,",
                "the year two thousand",
                Year { year: 2000 },
            ),
            (
                "in the nineties.",
                "the nineties",
                Decade { first_year: 1990 },
            ),
        ];
        for (text, span, form) in cases {
            assert_eq!(forms(text), vec![(*span, *form)], "reading {text:?}");
        }
    }

    #[test]
    fn reads_modifiers() {
        let cases = [
            ("mid-December", Some(Modifier::Mid)),
            ("early 2014", Some(Modifier::Early)),
            ("late last year", Some(Modifier::Late)),
            ("the end of 2011", Some(Modifier::Late)),
            ("December", None),
        ];
        for (text, modifier) in cases {
            let found: Vec<_> = candidates(text)
                .map(|c| (c.start, c.end, c.modifier))
                .collect();
            assert_eq!(found, vec![(0, text.len(), modifier)], "{text}");
        }
    }

    #[test]
    fn ignores_what_is_not_written_like_a_date() {
        for text in [
            "F-16 fighters",
            "$300 million",
            "2,500 troops",
            "170,000",
            "22:28",
            "87990cbe856818d5eddac44c7b1cdeb8",
            "a six-month truce",
            "At the end of the day",
            "two years before the war",
            "Mayor Smith",
        ] {
            assert_eq!(forms(text), vec![], "{text}");
        }
    }
}
