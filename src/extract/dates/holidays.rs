//! Named days of the calendar ("Christmas Day", "Thanksgiving", "Easter
//! Sunday") and the day each falls on in a given year.
//!
//! In: a holiday's name as written. Out: a [`Holiday`], and for a year its
//! [`Date`]. The list is general calendar knowledge: fixed days (Christmas,
//! New Year's Day, Independence Day as the United States keep it, since
//! news in English mostly mean that one), days counted in a month
//! (Thanksgiving, Labor Day, Memorial Day, Election Day) and Easter, whose
//! date follows the Gregorian computus.

use jiff::civil::{Date, Weekday};

/// A named day of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    NewYearsEve,
    ValentinesDay,
    Easter,
    MemorialDay,
    IndependenceDay,
    LaborDay,
    Halloween,
    ElectionDay,
    VeteransDay,
    Thanksgiving,
    ChristmasEve,
    Christmas,
    BoxingDay,
}

impl Holiday {
    /// The holiday a name stands for, in any case and with straight or
    /// curly apostrophes ("new year's day", "Christmas", "Thanksgiving Day").
    pub fn named(words: &str) -> Option<Holiday> {
        let lower = words.to_lowercase().replace(['’', '\''], "");
        let name: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        let holiday = match name.as_str() {
            "new years day" => Holiday::NewYearsDay,
            "new years eve" => Holiday::NewYearsEve,
            "valentines day" => Holiday::ValentinesDay,
            "easter" | "easter sunday" | "easter day" => Holiday::Easter,
            "memorial day" => Holiday::MemorialDay,
            "independence day" | "the fourth of july" | "fourth of july" => {
                Holiday::IndependenceDay
            }
            "labor day" | "labour day" => Holiday::LaborDay,
            "halloween" => Holiday::Halloween,
            "election day" => Holiday::ElectionDay,
            "veterans day" => Holiday::VeteransDay,
            "thanksgiving" | "thanksgiving day" => Holiday::Thanksgiving,
            "christmas eve" => Holiday::ChristmasEve,
            "christmas" | "christmas day" => Holiday::Christmas,
            "boxing day" => Holiday::BoxingDay,
            _ => return None,
        };
        Some(holiday)
    }

    /// The day it falls on in `year`, or `None` outside the calendar.
    pub fn date_in(self, year: i16) -> Option<Date> {
        let fixed = |month: i8, day: i8| Date::new(year, month, day).ok();
        match self {
            Holiday::NewYearsDay => fixed(1, 1),
            Holiday::NewYearsEve => fixed(12, 31),
            Holiday::ValentinesDay => fixed(2, 14),
            Holiday::Easter => easter(year),
            // The last Monday of May.
            Holiday::MemorialDay => fixed(5, 31)?.nth_weekday_of_month(-1, Weekday::Monday).ok(),
            Holiday::IndependenceDay => fixed(7, 4),
            // The first Monday of September.
            Holiday::LaborDay => fixed(9, 1)?.nth_weekday_of_month(1, Weekday::Monday).ok(),
            Holiday::Halloween => fixed(10, 31),
            // The Tuesday after the first Monday of November.
            Holiday::ElectionDay => fixed(11, 1)?
                .nth_weekday_of_month(1, Weekday::Monday)
                .ok()?
                .tomorrow()
                .ok(),
            Holiday::VeteransDay => fixed(11, 11),
            // The fourth Thursday of November.
            Holiday::Thanksgiving => fixed(11, 1)?
                .nth_weekday_of_month(4, Weekday::Thursday)
                .ok(),
            Holiday::ChristmasEve => fixed(12, 24),
            Holiday::Christmas => fixed(12, 25),
            Holiday::BoxingDay => fixed(12, 26),
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous computus, 1583 on).
fn easter(year: i16) -> Option<Date> {
    if year < 1583 {
        return None;
    }
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn places_holidays_in_their_years() {
        let cases = [
            ("Thanksgiving Day", 1999, date(1999, 11, 25)),
            ("thanksgiving", 2024, date(2024, 11, 28)),
            ("Easter", 2000, date(2000, 4, 23)),
            ("Easter Sunday", 2024, date(2024, 3, 31)),
            ("Election Day", 1998, date(1998, 11, 3)),
            ("Election Day", 2020, date(2020, 11, 3)),
            ("Labor Day", 2023, date(2023, 9, 4)),
            ("Memorial Day", 2024, date(2024, 5, 27)),
            ("New Year’s Day", 2010, date(2010, 1, 1)),
            ("Christmas Eve", 2010, date(2010, 12, 24)),
            ("Independence Day", 1776, date(1776, 7, 4)),
        ];
        for (name, year, expected) in cases {
            let holiday = Holiday::named(name).expect(name);
            assert_eq!(holiday.date_in(year), Some(expected), "{name} {year}");
        }
        assert_eq!(Holiday::named("Good Friday"), None);
    }
}
