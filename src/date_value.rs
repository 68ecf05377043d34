//! Editorial dates: the text of a `date` (or `end`) key in front matter in,
//! the [`DateValue`] it names out, or `None` when it is not a date.
//!
//! Read when content is loaded (to report a wrong date with its file and
//! line), when the timeline is linked, when a `@2020-01-05` reference is
//! resolved and when `backstory new event` checks its argument; none of
//! those stages should import another for it.

use crate::extract::dates::{DateValue, Precision};
use crate::frontmatter::DateText;
use jiff::civil::Date;

/// Parses an editorial date: `2003-03-20`, `2003-03`, `2003` or `2003-W12`.
pub fn parse_date_value(text: &DateText) -> Option<DateValue> {
    let text = text.0.trim();
    if let Some(day) = text
        .get(..10)
        .filter(|_| text.len() >= 10)
        .and_then(|t| t.parse::<Date>().ok())
    {
        return Some(DateValue::day(day));
    }
    let parts: Vec<&str> = text.split('-').collect();
    let year: i16 = parts
        .first()?
        .parse()
        .ok()
        .filter(|y| (1..=9999).contains(y))?;
    match parts.as_slice() {
        [_] => Some(DateValue {
            start: Date::new(year, 1, 1).ok()?,
            precision: Precision::Year,
            modifier: None,
        }),
        [_, week] if week.starts_with('W') => {
            let week: i8 = week[1..].parse().ok()?;
            let start = jiff::civil::ISOWeekDate::new(year, week, jiff::civil::Weekday::Monday)
                .ok()?
                .date();
            Some(DateValue {
                start,
                precision: Precision::Week,
                modifier: None,
            })
        }
        [_, month] => {
            let month: i8 = month.parse().ok()?;
            Some(DateValue {
                start: Date::new(year, month, 1).ok()?,
                precision: Precision::Month,
                modifier: None,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_editorial_dates() {
        let cases = [
            ("2003-03-20", Some("2003-03-20")),
            ("2003-03", Some("2003-03")),
            ("2003", Some("2003")),
            ("2020-W01", Some("2020-W01")),
            ("2003-13", None),
            ("2003-02-30", None),
            ("soon", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let value = parse_date_value(&DateText(text.to_string())).map(|v| v.iso());
            assert_eq!(value.as_deref(), expected, "{text:?}");
        }
    }
}
