//! Finding dates in one article and normalising them against its publication date.
//!
//! Input: an [`Article`] and its publication date. Output: every date
//! expression with its span and its calendar value ([`DateValue`]), in
//! document order.
//!
//! One pass per block: a single precompiled pattern proposes candidates
//! (`patterns`), the words around each decide whether it is a date
//! (`context`), and the calendar value is computed against the publication
//! date or the date mentioned just before (`resolve`). See `patterns` for
//! what a span covers and `resolve` for how a partial date gets its year.

mod context;
mod holidays;
mod lexicon;
mod patterns;
mod resolve;

use crate::clean::Article;
use crate::extract::{sentence_around_in, Sentences, Span};
use jiff::civil::Date;
use serde::Serialize;

/// How wide a [`DateValue`] is. The order runs from the finest to the widest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// One calendar day.
    Day,
    /// One ISO week, Monday to Sunday.
    Week,
    /// One calendar month.
    Month,
    /// One season of three months: spring from March, summer from June,
    /// autumn from September, winter from the December before its year.
    Season,
    /// One calendar year.
    Year,
    /// Ten years from a year ending in 0 ("the 1930s").
    Decade,
    /// A hundred years from a year ending in 00 ("the 20th century" starts
    /// in 1900, as TIMEX3's `19` does).
    Century,
}

/// Which part of a period the text points at ("early 2014", "mid-December").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modifier {
    /// "early 2014", "the beginning of 2011".
    Early,
    /// "mid-December", "the middle of 2019".
    Mid,
    /// "late last year", "the end of 2011".
    Late,
}

/// How a numeric date such as "10/02/2008" is read: day first ("day-month",
/// 10 February) or month first ("month-day", 2 October). Set per site
/// (`date_order` in site.toml) or per source (in its sidecar); unset, a
/// numeric date is read only when one of its numbers is over 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    DayMonth,
    MonthDay,
}

/// See [`DateValue::iso_key`].
pub type IsoKey = (Precision, i16, i8, i8);

/// A calendar value: the first day of the period and how wide the period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateValue {
    /// First day of the period (the Monday for a week).
    pub start: Date,
    /// How wide the period is.
    pub precision: Precision,
    /// The part of the period the text points at, if it says.
    pub modifier: Option<Modifier>,
}

impl DateValue {
    /// A single day, without modifier.
    pub fn day(date: Date) -> Self {
        DateValue {
            start: date,
            precision: Precision::Day,
            modifier: None,
        }
    }

    /// ISO 8601 form as TIMEX3 extends it: `2024-01-05`, `2024-01`,
    /// `2024`, `2024-W01`, a season `2024-SU`, a decade `193`, a century `19`.
    pub fn iso(&self) -> String {
        let d = self.start;
        match self.precision {
            Precision::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Precision::Year => format!("{:04}", d.year()),
            Precision::Week => {
                let week = d.iso_week_date();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Precision::Season => format!("{:04}-{}", self.year(), Season::of(d.month()).code()),
            Precision::Decade => format!("{:03}", d.year() / 10),
            Precision::Century => format!("{:02}", d.year() / 100),
        }
    }

    /// What [`DateValue::iso`] tells apart, without formatting it: two
    /// values have the same key exactly when they have the same ISO form.
    pub fn iso_key(&self) -> IsoKey {
        let d = self.start;
        match self.precision {
            Precision::Day => (Precision::Day, d.year(), d.month(), d.day()),
            Precision::Month => (Precision::Month, d.year(), d.month(), 0),
            Precision::Year => (Precision::Year, d.year(), 0, 0),
            Precision::Week => {
                let week = d.iso_week_date();
                (Precision::Week, week.year(), week.week(), 0)
            }
            Precision::Season => (Precision::Season, self.year(), d.month(), 0),
            Precision::Decade => (Precision::Decade, d.year() / 10, 0, 0),
            Precision::Century => (Precision::Century, d.year() / 100, 0, 0),
        }
    }

    /// True for values wider than a month (a season, year, decade or
    /// century): the timeline files them under their year, not a month, and
    /// groups them only with the very same value.
    pub fn is_wide(&self) -> bool {
        self.precision >= Precision::Season
    }

    /// A reader's form: "5 January 2024", "January 2020", "2014", "week of
    /// 1 January 2024", "Summer 2012", "the 1930s", "20th century".
    pub fn label(&self) -> String {
        let d = self.start;
        let month = MONTH_NAMES[d.month() as usize - 1];
        let base = match self.precision {
            Precision::Day => format!("{} {} {}", d.day(), month, d.year()),
            Precision::Month => format!("{} {}", month, d.year()),
            Precision::Year => format!("{}", d.year()),
            Precision::Week => format!("week of {} {} {}", d.day(), month, d.year()),
            // A winter runs over the new year: "Winter 2008–09".
            Precision::Season if d.month() == 12 => {
                format!("Winter {}–{:02}", d.year(), self.year().rem_euclid(100))
            }
            Precision::Season => format!("{} {}", Season::of(d.month()).name(), self.year()),
            Precision::Decade => return self.decade_label(),
            Precision::Century => format!("{} century", ordinal(i32::from(d.year()) / 100 + 1)),
        };
        match self.modifier {
            Some(Modifier::Early) => format!("early {base}"),
            Some(Modifier::Mid) => format!("mid-{base}"),
            Some(Modifier::Late) => format!("late {base}"),
            None => base,
        }
    }

    /// "the 1930s", "the early 1930s": the modifier goes inside the article.
    fn decade_label(&self) -> String {
        let modifier = match self.modifier {
            Some(Modifier::Early) => "early ",
            Some(Modifier::Mid) => "mid-",
            Some(Modifier::Late) => "late ",
            None => "",
        };
        format!("the {modifier}{}s", self.start.year())
    }

    /// The last day of the period (the Sunday for a week).
    pub fn last_day(&self) -> Date {
        use jiff::ToSpan;
        let next_start = match self.precision {
            Precision::Day => return self.start,
            Precision::Week => self.start.checked_add(1.week()),
            Precision::Month => self.start.first_of_month().checked_add(1.month()),
            Precision::Season => self.start.first_of_month().checked_add(3.months()),
            Precision::Year => {
                Date::new(self.start.year(), 1, 1).and_then(|first| first.checked_add(1.year()))
            }
            Precision::Decade => self.start.checked_add(10.years()),
            Precision::Century => self.start.checked_add(100.years()),
        };
        next_start
            .and_then(|next| next.yesterday())
            .unwrap_or(Date::MAX)
    }

    /// True when the two periods share at least one day.
    pub fn overlaps(&self, other: &DateValue) -> bool {
        self.start <= other.last_day() && other.start <= self.last_day()
    }

    /// The calendar year the period is filed under: the year it starts in,
    /// except a winter, which starts in the December before its year.
    pub fn year(&self) -> i16 {
        let d = self.start;
        if self.precision == Precision::Season && d.month() == 12 {
            d.year().saturating_add(1)
        } else {
            d.year()
        }
    }
}

/// The four seasons of the northern year, as news and TIMEX3 name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    /// The season a month falls in.
    pub fn of(month: i8) -> Season {
        match month {
            3..=5 => Season::Spring,
            6..=8 => Season::Summer,
            9..=11 => Season::Autumn,
            _ => Season::Winter,
        }
    }

    /// Its first month (winter's is the December before its year).
    pub fn first_month(self) -> i8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }

    /// TIMEX3's code: `SP`, `SU`, `FA`, `WI`.
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }

    /// The capitalised name a label shows.
    pub fn name(self) -> &'static str {
        match self {
            Season::Spring => "Spring",
            Season::Summer => "Summer",
            Season::Autumn => "Autumn",
            Season::Winter => "Winter",
        }
    }

    /// The first day of the season of `year` (winter 2012 starts on 1
    /// December 2011), or `None` outside the calendar.
    pub fn start(self, year: i16) -> Option<Date> {
        let start_year = if self == Season::Winter {
            year.checked_sub(1)?
        } else {
            year
        };
        Date::new(start_year, self.first_month(), 1).ok()
    }
}

/// "1st", "2nd", "3rd", "11th", "20th", "21st".
fn ordinal(number: i32) -> String {
    let suffix = match (number % 10, number % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{number}{suffix}")
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date expression found in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Where the words are.
    pub span: Span,
    /// The words as the source wrote them ("last Friday").
    pub text: String,
    /// The calendar value.
    pub value: DateValue,
    /// True when the mention dates the document rather than something that
    /// happened: the publication date written out in full (a dateline) or a
    /// date in a sentence about an edition ("appears in print in the 11
    /// January edition"). The timeline leaves these out.
    pub reference: bool,
}

/// Finds and normalises the date expressions of an article.
///
/// `published` anchors relative expressions ("last Friday", "in December");
/// when it is `None` the date the text states ([`Article::date`]) is used,
/// and when neither is known those expressions are skipped while absolute
/// ones are still found. Expressions counted from the text's own previous
/// date ("ten days later", "later that year") need no publication date.
/// Sentences that are page furniture (copyright notices) yield nothing.
pub fn find_dates(article: &Article, published: Option<Date>) -> Vec<DateMention> {
    find_dates_with_sentences(article, published).0
}

/// [`find_dates`], and for each mention the range of the sentence around it
/// in its block's text, as [`crate::extract::sentence_around`] finds it.
pub fn find_dates_with_sentences(
    article: &Article,
    published: Option<Date>,
) -> (Vec<DateMention>, Vec<std::ops::Range<usize>>) {
    find_dates_ordered(article, published, None)
}

/// [`find_dates_with_sentences`], reading numeric dates ("10/02/2008") in
/// `order`; without an order, those whose day and month could be swapped
/// are left out ([`ambiguous_numeric_dates`] lists them).
pub fn find_dates_ordered(
    article: &Article,
    published: Option<Date>,
    order: Option<DateOrder>,
) -> (Vec<DateMention>, Vec<std::ops::Range<usize>>) {
    let published = published.or(article.date);
    let mut mentions = Vec::new();
    let mut mention_sentences = Vec::new();
    let mut previous: Option<DateValue> = None;
    for (block_index, block) in article.blocks.iter().enumerate() {
        let text = block.text.as_str();
        // Sentences are split lazily: only as far as the last candidate.
        let mut sentences = Sentences::new(text).peekable();
        // The facts of the sentence being read, with the range they belong to.
        let mut facts: Option<(std::ops::Range<usize>, context::SentenceFacts)> = None;
        // The block in ASCII lower case, made once for the sentence checks.
        let mut lowered: Option<String> = None;
        let mut previous_year_end = None;
        for candidate in patterns::candidates(text) {
            while sentences
                .peek()
                .is_some_and(|range| range.end <= candidate.start)
            {
                sentences.next();
            }
            let sentence_range = sentences
                .peek()
                .filter(|range| range.start <= candidate.start)
                .cloned()
                .unwrap_or(0..text.len());
            if facts
                .as_ref()
                .is_none_or(|(range, _)| *range != sentence_range)
            {
                let sentence = text.get(sentence_range.clone()).unwrap_or(text);
                // ASCII lower-casing keeps every byte offset, so the range fits both.
                let lowered = lowered.get_or_insert_with(|| text.to_ascii_lowercase());
                let lowered = lowered.get(sentence_range.clone()).unwrap_or(lowered);
                facts = Some((
                    sentence_range.clone(),
                    context::SentenceFacts::of(sentence, lowered),
                ));
            }
            let Some((_, sentence_facts)) = facts.as_ref() else {
                continue;
            };
            if sentence_facts.clutter
                || !context::is_date_in_context(text, &candidate, previous_year_end)
            {
                continue;
            }
            let anchors = resolve::Anchors {
                published,
                previous,
                order,
                // Reading the tense costs a look at every word: only when it counts.
                tense: if resolve::uses_tense(candidate.form) {
                    sentence_facts.tense_near(candidate.start.saturating_sub(sentence_range.start))
                } else {
                    context::Tense::Unknown
                },
            };
            let Some(value) = resolve::resolve(candidate.form, candidate.modifier, &anchors) else {
                continue;
            };
            if matches!(candidate.form, patterns::Form::Year { .. }) {
                previous_year_end = Some(candidate.end);
            }
            let written_in_full = matches!(
                candidate.form,
                patterns::Form::DayMonth { year: Some(_), .. }
            );
            let reference =
                sentence_facts.edition || (written_in_full && published == Some(value.start));
            if !reference {
                previous = Some(value);
            }
            mentions.push(DateMention {
                span: Span {
                    block: block_index,
                    start: candidate.start,
                    end: candidate.end,
                },
                text: text[candidate.start..candidate.end].to_string(),
                value,
                reference,
            });
            mention_sentences.push(sentence_around_in(
                text,
                candidate.start,
                sentence_range.clone(),
            ));
        }
    }
    (mentions, mention_sentences)
}

/// True when `sentence` has a past-tense verb ("visited", "took"): it tells
/// something that happened rather than naming a picture.
pub fn tells_past_event(sentence: &str) -> bool {
    let lowered = sentence.to_ascii_lowercase();
    context::SentenceFacts::of(sentence, &lowered).has_past_marker()
}

/// The numeric dates of `article` that read as two different days ("04/05/2010":
/// 4 May or 5 April), as (span, words), for `check` to report when no
/// `date_order` is set.
pub fn ambiguous_numeric_dates(article: &Article) -> Vec<(Span, String)> {
    let mut found = Vec::new();
    for (block_index, block) in article.blocks.iter().enumerate() {
        let text = block.text.as_str();
        for candidate in patterns::candidates(text) {
            if let patterns::Form::Numeric { first, second, .. } = candidate.form {
                if resolve::numeric_order_matters(first, second) {
                    let span = Span {
                        block: block_index,
                        start: candidate.start,
                        end: candidate.end,
                    };
                    found.push((span, text[candidate.start..candidate.end].to_string()));
                }
            }
        }
    }
    found
}
