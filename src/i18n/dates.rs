//! Dates in the site's language: a [`DateValue`] and the site's
//! [`Strings`] in, a reader's label out ("5 January 2024", "8 décembre
//! 2026", "the early 1930s", "1er mai 2026", "20th century").
//!
//! The order of day, month and year, the month and season names and the
//! wording of weeks, decades and centuries come from the table; only the
//! numbers that words cannot say (English "1st", French "1er") are made here.

use super::{Language, Strings};
use crate::extract::dates::{DateValue, Modifier, Precision, Season};

/// The label of `value` in the words of `strings`.
pub fn date_label(strings: &Strings, value: &DateValue) -> String {
    let d = value.start;
    let year = d.year();
    let base = match value.precision {
        Precision::Day => day_label(strings, d),
        Precision::Month => month_label(strings, year, d.month()),
        Precision::Year => year.to_string(),
        Precision::Week => strings.text("date_week", &[("date", &day_label(strings, d))]),
        Precision::Season if d.month() == 12 => {
            let next_year = value.year();
            strings.text(
                "date_winter",
                &[
                    ("year", &year),
                    ("next", &format!("{:02}", next_year.rem_euclid(100))),
                    ("next_year", &next_year),
                ],
            )
        }
        Precision::Season => strings.text(
            "date_season",
            &[
                (
                    "season",
                    &strings.text(season_key(Season::of(d.month())), &[]),
                ),
                ("year", &value.year()),
            ],
        ),
        Precision::Decade => {
            let key = match value.modifier {
                Some(Modifier::Early) => "date_decade_early",
                Some(Modifier::Mid) => "date_decade_mid",
                Some(Modifier::Late) => "date_decade_late",
                None => "date_decade",
            };
            return strings.text(key, &[("decade", &year)]);
        }
        Precision::Century => {
            let ordinal = ordinal(strings.language(), i32::from(year) / 100 + 1);
            strings.text("date_century", &[("ordinal", &ordinal)])
        }
    };
    let key = match value.modifier {
        Some(Modifier::Early) => "date_early",
        Some(Modifier::Mid) => "date_mid",
        Some(Modifier::Late) => "date_late",
        None => return base,
    };
    strings.text(key, &[("date", &base)])
}

/// "March 2016", "mars 2016": a month as a month page names it.
pub fn month_label(strings: &Strings, year: i16, month: i8) -> String {
    strings.text(
        "date_month",
        &[("month", &month_name(strings, month)), ("year", &year)],
    )
}

/// The month's name (1 is January); empty outside 1 to 12.
pub fn month_name(strings: &Strings, month: i8) -> String {
    match month {
        1..=12 => strings.text(&format!("month_{month}"), &[]),
        _ => String::new(),
    }
}

fn day_label(strings: &Strings, d: jiff::civil::Date) -> String {
    let day = match (strings.language(), d.day()) {
        // French writes the first of the month as an ordinal: "1er mai".
        (Language::French, 1) => "1er".to_string(),
        (_, day) => day.to_string(),
    };
    strings.text(
        "date_day",
        &[
            ("day", &day),
            ("month", &month_name(strings, d.month())),
            ("year", &d.year()),
        ],
    )
}

fn season_key(season: Season) -> &'static str {
    match season {
        Season::Spring => "season_spring",
        Season::Summer => "season_summer",
        Season::Autumn => "season_autumn",
        Season::Winter => "season_winter",
    }
}

/// "21st", "1er", "20e": a number as the language writes a rank.
fn ordinal(language: Language, number: i32) -> String {
    match language {
        Language::English => {
            let suffix = match (number % 10, number % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{number}{suffix}")
        }
        Language::French if number == 1 => "1er".to_string(),
        Language::French => format!("{number}e"),
    }
}
