//! Placing a written date on the calendar (calendar arithmetic by jiff).
//!
//! In: a [`Form`], its modifier, and what anchors it: the publication date,
//! the date the text mentioned last, and the tense around it. Out: a
//! [`DateValue`], or `None` when the anchor it needs is missing or the date
//! does not exist ("Feb. 30", "Feb. 29" of a common year).
//!
//! Rules for the year of a partial date, all relative to publication:
//! - a day and month without a year ("June 30th", "Oct. 7") is the nearest
//!   such day, unless a future marker picks the first one from a week
//!   before publication on; without one, a day more than three months
//!   ahead gives way to the last one up to publication;
//! - a bare month ("in December") is the most recent such month up to the
//!   publication month, or the next one from it in a future sentence;
//!   "last October" is before the month before publication (that one
//!   is "last month"), "next
//!   October" strictly after, "this October" in the publication year;
//! - a weekday is the most recent such day before publication, the next one
//!   in a future sentence, and publication day itself when it falls on that
//!   weekday (unless "last" or "next" is written).

use super::context::Tense;
use super::holidays::Holiday;
use super::patterns::{Form, Relation, Unit};
use super::{DateOrder, DateValue, Modifier, Precision, Season};
use jiff::civil::{Date, Weekday};
use jiff::{Span, ToSpan};

/// What a candidate is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct Anchors {
    /// The publication date, for "last Friday", "in December", "this week".
    pub published: Option<Date>,
    /// The last date the text mentioned, for "ten days later", "that year".
    pub previous: Option<DateValue>,
    /// How numeric dates read, if the site or source says.
    pub order: Option<DateOrder>,
    pub tense: Tense,
}

/// True when [`resolve`] reads [`Anchors::tense`] for `form`: only partial
/// dates (no year) are placed by the way the sentence points in time.
pub fn uses_tense(form: Form) -> bool {
    matches!(
        form,
        Form::DayMonth { year: None, .. }
            | Form::WeekOf { year: None, .. }
            | Form::Month { .. }
            | Form::Weekday { .. }
            | Form::Season { year: None, .. }
            | Form::Holiday { .. }
    )
}

/// The calendar value of a form, or `None` if it cannot be placed.
pub fn resolve(form: Form, modifier: Option<Modifier>, anchors: &Anchors) -> Option<DateValue> {
    let value = match form {
        Form::DayMonth {
            day,
            month,
            year: Some(year),
        } => DateValue::day(Date::new(year, month, day).ok()?),
        Form::DayMonth {
            day,
            month,
            year: None,
        } => DateValue::day(partial_day(month, day, anchors.published?, anchors.tense)?),
        Form::WeekOf { day, month, year } => {
            let date = match year {
                Some(year) => Date::new(year, month, day).ok()?,
                None => partial_day(month, day, anchors.published?, anchors.tense)?,
            };
            period(start_of(date, Precision::Week)?, Precision::Week)
        }
        Form::MonthYear { month, year } => {
            period(Date::new(year, month, 1).ok()?, Precision::Month)
        }
        Form::MonthOfYear { month, offset } => {
            let year = anchors.published?.year().checked_add(i16::from(offset))?;
            period(Date::new(year, month, 1).ok()?, Precision::Month)
        }
        Form::Month { month, relation } => period(
            partial_month(month, relation, anchors.published?, anchors.tense)?,
            Precision::Month,
        ),
        Form::Year { year } => period(Date::new(year, 1, 1).ok()?, Precision::Year),
        Form::Weekday { weekday, relation } => DateValue::day(weekday_near(
            weekday,
            relation,
            anchors.published?,
            anchors.tense,
        )?),
        Form::Deictic { unit, offset } => {
            shifted(DateValue::day(anchors.published?), unit, offset)?
        }
        Form::Anaphoric { unit, offset } => shifted(anchors.previous?, unit, offset)?,
        Form::Anniversary { unit, offset } => {
            DateValue::day(anchors.published?.checked_add(step(unit, offset)).ok()?)
        }
        Form::Season {
            season,
            year: Some(year),
            ..
        } => period(season.start(year)?, Precision::Season),
        Form::Season {
            season,
            year: None,
            relation,
        } => period(
            partial_season(season, relation, anchors.published?, anchors.tense)?,
            Precision::Season,
        ),
        Form::Decade { first_year } => period(Date::new(first_year, 1, 1).ok()?, Precision::Decade),
        // The first century would start in year 0, which no calendar here has.
        Form::Century { number } if (2..=30).contains(&number) => period(
            Date::new((number - 1) * 100, 1, 1).ok()?,
            Precision::Century,
        ),
        Form::Century { .. } => return None,
        // Published on a Friday, most of the past seven days are this week.
        Form::RecentWeek => period(
            start_of(
                anchors.published?.checked_sub(3.days()).ok()?,
                Precision::Week,
            )?,
            Precision::Week,
        ),
        Form::Holiday { holiday, relation } => DateValue::day(holiday_near(
            holiday,
            relation,
            anchors.published?,
            anchors.tense,
        )?),
        Form::Numeric {
            first,
            second,
            year,
        } => {
            let (day, month) = numeric_day_month(first, second, anchors.order)?;
            DateValue::day(Date::new(year, month, day).ok()?)
        }
    };
    // No calendar before year 1: a source dated 0001-01-01 has no "last year".
    if value.start.year() < 1 {
        return None;
    }
    Some(with_modifier(value, modifier))
}

fn period(start: Date, precision: Precision) -> DateValue {
    DateValue {
        start,
        precision,
        modifier: None,
    }
}

/// Early/mid/late only qualify periods wider than a day.
fn with_modifier(mut value: DateValue, modifier: Option<Modifier>) -> DateValue {
    if value.precision != Precision::Day {
        value.modifier = modifier;
    }
    value
}

fn partial_day(month: i8, day: i8, published: Date, tense: Tense) -> Option<Date> {
    let year = published.year();
    let candidates: Vec<Date> = [year.checked_sub(1), Some(year), year.checked_add(1)]
        .into_iter()
        .flatten()
        .filter_map(|candidate_year| Date::new(candidate_year, month, day).ok())
        .collect();
    // A future sentence points ahead, but a day of the last week is still
    // the one just past: a story reports it a day or two late.
    let week_before = published.checked_sub(7.days()).unwrap_or(published);
    if tense == Tense::Future {
        if let Some(first_ahead) = candidates.iter().find(|date| **date >= week_before) {
            return Some(*first_ahead);
        }
    }
    let nearest = candidates.iter().copied().min_by_key(|date| {
        let days = (*date - published).get_days().unsigned_abs();
        // On a tie the past one wins: news mostly reports what happened.
        (days, *date > published)
    })?;
    // Without a future marker, a day more than three months ahead is the
    // one before: "the year ended March 31" written in November, "the Oct.
    // 23 shooting" written in May. News report what happened; what is
    // planned that far ahead comes with "will", "is due", "plans to".
    let far_ahead = published.checked_add(3.months()).unwrap_or(published);
    if nearest > far_ahead {
        if let Some(last_behind) = candidates.iter().rev().find(|date| **date <= published) {
            return Some(*last_behind);
        }
    }
    Some(nearest)
}

/// A holiday without a year: "last" is the latest one before publication,
/// "next" the first after it, "this" the one of the publication year;
/// otherwise the tense decides as for a day without a year.
fn holiday_near(
    holiday: Holiday,
    relation: Option<Relation>,
    published: Date,
    tense: Tense,
) -> Option<Date> {
    let year = published.year();
    let days: Vec<Date> = [year.checked_sub(1), Some(year), year.checked_add(1)]
        .into_iter()
        .flatten()
        .filter_map(|y| holiday.date_in(y))
        .collect();
    match relation {
        Some(Relation::Last) => days.into_iter().rev().find(|day| *day < published),
        Some(Relation::Next) => days.into_iter().find(|day| *day > published),
        Some(Relation::This) => holiday.date_in(year),
        None => {
            let day = holiday.date_in(year)?;
            partial_day(day.month(), day.day(), published, tense)
                .and_then(|near| holiday.date_in(near.year()))
        }
    }
}

/// True when "first/second" is a valid day and month both ways round and
/// the two readings differ ("04/05": 4 May or 5 April, but "05/05" is one day).
pub fn numeric_order_matters(first: i8, second: i8) -> bool {
    (1..=12).contains(&first) && (1..=12).contains(&second) && first != second
}

/// The (day, month) of a numeric date: a number over 12 can only be the
/// day; otherwise the order decides, and without one there is no reading.
fn numeric_day_month(first: i8, second: i8, order: Option<DateOrder>) -> Option<(i8, i8)> {
    match order {
        _ if first > 12 => Some((first, second)),
        _ if second > 12 || first == second => Some((second, first)),
        Some(DateOrder::DayMonth) => Some((first, second)),
        Some(DateOrder::MonthDay) => Some((second, first)),
        None => None,
    }
}

/// A season without a year: "last" is the most recent one over before
/// publication, "next" the first one to start after it, "this" the one
/// nearest to it (the current one if publication falls in it); otherwise a
/// future sentence picks the current or the next one, and any other the
/// nearest: a season is long, and a past marker before it is as often a
/// participle ("want it scrapped before the summer") as the verb it dates.
fn partial_season(
    season: Season,
    relation: Option<Relation>,
    published: Date,
    tense: Tense,
) -> Option<Date> {
    let year = published.year();
    let seasons: Vec<(Date, Date)> = [
        year.checked_sub(1),
        Some(year),
        year.checked_add(1),
        year.checked_add(2),
    ]
    .into_iter()
    .flatten()
    .filter_map(|y| {
        let start = season.start(y)?;
        Some((start, period(start, Precision::Season).last_day()))
    })
    .collect();
    let distance = |&(start, end): &(Date, Date)| {
        if published < start {
            (start - published).get_days()
        } else if published > end {
            (published - end).get_days()
        } else {
            0
        }
    };
    let nearest = || seasons.iter().min_by_key(|s| distance(s));
    let found = match (relation, tense) {
        (Some(Relation::Last), _) => seasons.iter().rev().find(|(_, end)| *end < published),
        (Some(Relation::Next), _) => seasons.iter().find(|(start, _)| *start > published),
        (Some(Relation::This), _) => nearest(),
        (None, Tense::Future) => seasons.iter().find(|(_, end)| *end >= published),
        (None, Tense::Past | Tense::Unknown) => nearest(),
    };
    found.map(|(start, _)| *start)
}

fn partial_month(
    month: i8,
    relation: Option<Relation>,
    published: Date,
    tense: Tense,
) -> Option<Date> {
    let this_year = Date::new(published.year(), month, 1).ok()?;
    let publication_month = published.first_of_month();
    let year = |offset: i16| Date::new(published.year().checked_add(offset)?, month, 1).ok();
    match relation {
        Some(Relation::This) => Some(this_year),
        // The month just before publication is "last month"; "last
        // February" written in March names the February a year before.
        Some(Relation::Last) if this_year < publication_month.checked_sub(1.month()).ok()? => {
            Some(this_year)
        }
        Some(Relation::Last) => year(-1),
        Some(Relation::Next) if this_year > publication_month => Some(this_year),
        Some(Relation::Next) => year(1),
        None if tense == Tense::Future && this_year < publication_month => year(1),
        None if tense == Tense::Future => Some(this_year),
        None if this_year <= publication_month => Some(this_year),
        None => year(-1),
    }
}

fn weekday_near(
    weekday: Weekday,
    relation: Option<Relation>,
    published: Date,
    tense: Tense,
) -> Option<Date> {
    let same_day = published.weekday() == weekday;
    match relation {
        Some(Relation::Last) => published.nth_weekday(-1, weekday).ok(),
        Some(Relation::Next) => published.nth_weekday(1, weekday).ok(),
        _ if same_day => Some(published),
        Some(Relation::This) => published.nth_weekday(1, weekday).ok(),
        None if tense == Tense::Future => published.nth_weekday(1, weekday).ok(),
        None => published.nth_weekday(-1, weekday).ok(),
    }
}

/// The period `offset` units away from `anchor`, as wide as the unit, but
/// never finer than the anchor: "ten days later" after "in August" is still
/// only known to the month.
fn shifted(anchor: DateValue, unit: Unit, offset: i64) -> Option<DateValue> {
    let unit_precision = match unit {
        Unit::Day => Precision::Day,
        Unit::Week => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Year => Precision::Year,
        Unit::Decade => Precision::Decade,
        Unit::Century => Precision::Century,
    };
    let moved = anchor.start.checked_add(step(unit, offset)).ok()?;
    let precision = unit_precision.max(anchor.precision);
    Some(period(start_of(moved, precision)?, precision))
}

/// `offset` units as a calendar span.
fn step(unit: Unit, offset: i64) -> Span {
    match unit {
        Unit::Day => offset.days(),
        Unit::Week => offset.weeks(),
        Unit::Month => offset.months(),
        Unit::Year => offset.years(),
        Unit::Decade => offset.saturating_mul(10).years(),
        Unit::Century => offset.saturating_mul(100).years(),
    }
}

/// The first day of the period of `precision` that contains `date`.
pub fn start_of(date: Date, precision: Precision) -> Option<Date> {
    let year = date.year();
    match precision {
        Precision::Day => Some(date),
        Precision::Week => date
            .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
            .ok(),
        Precision::Month => Some(date.first_of_month()),
        Precision::Season => {
            let season = Season::of(date.month());
            let season_year = if date.month() == 12 { year + 1 } else { year };
            season.start(season_year)
        }
        Precision::Year => Date::new(year, 1, 1).ok(),
        Precision::Decade => Date::new(year - year.rem_euclid(10), 1, 1).ok(),
        Precision::Century => Date::new(year - year.rem_euclid(100), 1, 1).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn anchors(published: Date, tense: Tense) -> Anchors {
        Anchors {
            published: Some(published),
            previous: None,
            order: None,
            tense,
        }
    }

    #[test]
    fn places_partial_days_nearest_to_publication() {
        let cases = [
            // (published, month, day, tense, expected)
            (
                date(2004, 4, 20),
                6,
                30,
                Tense::Past,
                Some(date(2004, 6, 30)),
            ),
            (
                date(2024, 1, 17),
                10,
                7,
                Tense::Past,
                Some(date(2023, 10, 7)),
            ),
            (
                date(2024, 1, 17),
                10,
                7,
                Tense::Future,
                Some(date(2024, 10, 7)),
            ),
            (
                date(2025, 3, 1),
                2,
                29,
                Tense::Unknown,
                Some(date(2024, 2, 29)),
            ),
            (
                date(2024, 3, 5),
                2,
                29,
                Tense::Past,
                Some(date(2024, 2, 29)),
            ),
            (
                date(2024, 1, 3),
                12,
                28,
                Tense::Unknown,
                Some(date(2023, 12, 28)),
            ),
            (date(2024, 1, 3), 2, 30, Tense::Unknown, None),
            // More than three months ahead: the last one up to publication.
            (
                date(2023, 11, 1),
                3,
                31,
                Tense::Past,
                Some(date(2023, 3, 31)),
            ),
            (
                date(2023, 11, 1),
                3,
                31,
                Tense::Future,
                Some(date(2024, 3, 31)),
            ),
            // Less than three months ahead, the nearest still wins.
            (
                date(2023, 11, 1),
                1,
                14,
                Tense::Past,
                Some(date(2024, 1, 14)),
            ),
        ];
        for (published, month, day, tense, expected) in cases {
            assert_eq!(
                partial_day(month, day, published, tense),
                expected,
                "{month}/{day} from {published}"
            );
        }
    }

    #[test]
    fn places_bare_and_relative_months() {
        use Relation::*;
        let cases = [
            (date(2012, 2, 1), 12, None, Tense::Past, date(2011, 12, 1)),
            (date(2024, 1, 17), 7, None, Tense::Past, date(2023, 7, 1)),
            (date(2024, 1, 17), 1, None, Tense::Unknown, date(2024, 1, 1)),
            (date(2024, 1, 17), 7, None, Tense::Future, date(2024, 7, 1)),
            (date(2024, 11, 17), 2, None, Tense::Future, date(2025, 2, 1)),
            (
                date(2024, 1, 9),
                10,
                Some(Last),
                Tense::Unknown,
                date(2023, 10, 1),
            ),
            (
                date(2024, 10, 9),
                10,
                Some(Last),
                Tense::Unknown,
                date(2023, 10, 1),
            ),
            (
                date(2024, 10, 9),
                10,
                Some(Next),
                Tense::Unknown,
                date(2025, 10, 1),
            ),
            (
                date(2024, 1, 9),
                10,
                Some(This),
                Tense::Unknown,
                date(2024, 10, 1),
            ),
        ];
        for (published, month, relation, tense, expected) in cases {
            assert_eq!(
                partial_month(month, relation, published, tense),
                Some(expected),
                "{month} from {published}"
            );
        }
    }

    #[test]
    fn places_weekdays() {
        use Relation::*;
        use Weekday::*;
        // 2024-01-09 is a Tuesday; 2012-02-01 a Wednesday; 2020-01-05 a Sunday.
        let cases = [
            (
                date(2024, 1, 9),
                Friday,
                Some(Last),
                Tense::Past,
                date(2024, 1, 5),
            ),
            (
                date(2024, 1, 9),
                Thursday,
                Some(Last),
                Tense::Past,
                date(2024, 1, 4),
            ),
            (
                date(2024, 1, 9),
                Monday,
                None,
                Tense::Past,
                date(2024, 1, 8),
            ),
            (
                date(2012, 2, 1),
                Tuesday,
                None,
                Tense::Past,
                date(2012, 1, 31),
            ),
            (
                date(2020, 1, 5),
                Sunday,
                None,
                Tense::Past,
                date(2020, 1, 5),
            ),
            (
                date(2020, 1, 5),
                Sunday,
                Some(Last),
                Tense::Past,
                date(2019, 12, 29),
            ),
            (
                date(2024, 12, 30),
                Tuesday,
                Some(Next),
                Tense::Future,
                date(2024, 12, 31),
            ),
            (
                date(2024, 12, 30),
                Friday,
                None,
                Tense::Future,
                date(2025, 1, 3),
            ),
            (
                date(2024, 3, 1),
                Thursday,
                None,
                Tense::Unknown,
                date(2024, 2, 29),
            ),
        ];
        for (published, weekday, relation, tense, expected) in cases {
            assert_eq!(
                weekday_near(weekday, relation, published, tense),
                Some(expected),
                "{weekday:?} from {published}"
            );
        }
    }

    #[test]
    fn counts_from_publication_and_from_the_previous_date() {
        let published = date(2024, 1, 17);
        let cases = [
            (
                Form::Deictic {
                    unit: Unit::Week,
                    offset: -1,
                },
                None,
                "2024-W02",
            ),
            (
                Form::Deictic {
                    unit: Unit::Week,
                    offset: 0,
                },
                None,
                "2024-W03",
            ),
            (
                Form::Deictic {
                    unit: Unit::Year,
                    offset: -1,
                },
                None,
                "2023",
            ),
            (
                Form::Deictic {
                    unit: Unit::Month,
                    offset: -1,
                },
                None,
                "2023-12",
            ),
            (
                Form::Deictic {
                    unit: Unit::Day,
                    offset: -1,
                },
                None,
                "2024-01-16",
            ),
            (
                Form::Anaphoric {
                    unit: Unit::Day,
                    offset: 10,
                },
                Some(DateValue::day(date(2023, 10, 7))),
                "2023-10-17",
            ),
            (
                Form::Anaphoric {
                    unit: Unit::Year,
                    offset: 0,
                },
                Some(period(date(2014, 1, 1), Precision::Year)),
                "2014",
            ),
            (
                Form::Anaphoric {
                    unit: Unit::Day,
                    offset: 10,
                },
                Some(period(date(2023, 8, 1), Precision::Month)),
                "2023-08",
            ),
            (
                Form::Anaphoric {
                    unit: Unit::Day,
                    offset: 1,
                },
                Some(DateValue::day(date(2024, 2, 28))),
                "2024-02-29",
            ),
        ];
        for (form, previous, expected) in cases {
            let anchors = Anchors {
                published: Some(published),
                previous,
                order: None,
                tense: Tense::Unknown,
            };
            let value = resolve(form, None, &anchors).map(|v| v.iso());
            assert_eq!(value.as_deref(), Some(expected), "{form:?}");
        }
    }

    #[test]
    fn crosses_iso_week_and_year_boundaries() {
        let cases = [
            // 2021-01-06 is in 2021-W01; the week before is 2020-W53.
            (date(2021, 1, 6), -1, "2020-W53"),
            (date(2024, 1, 3), -1, "2023-W52"),
            (date(2020, 1, 5), 0, "2020-W01"),
            (date(2026, 1, 1), 0, "2026-W01"),
        ];
        for (published, offset, expected) in cases {
            let value = resolve(
                Form::Deictic {
                    unit: Unit::Week,
                    offset,
                },
                None,
                &anchors(published, Tense::Unknown),
            );
            assert_eq!(
                value.map(|v| v.iso()).as_deref(),
                Some(expected),
                "{published} {offset}"
            );
        }
    }

    #[test]
    fn skips_what_needs_a_missing_anchor() {
        let no_anchor = Anchors {
            published: None,
            previous: None,
            order: None,
            tense: Tense::Unknown,
        };
        assert_eq!(
            resolve(
                Form::Deictic {
                    unit: Unit::Week,
                    offset: -1
                },
                None,
                &no_anchor
            ),
            None
        );
        assert_eq!(
            resolve(
                Form::Anaphoric {
                    unit: Unit::Day,
                    offset: 10
                },
                None,
                &no_anchor
            ),
            None
        );
        assert_eq!(
            resolve(Form::Year { year: 2014 }, Some(Modifier::Early), &no_anchor)
                .map(|v| v.label()),
            Some("early 2014".to_string())
        );
    }
}
