//! The publication day of a page: the parsed page and its JSON-LD in, one
//! calendar day out, from the stamps the page declares, the dates it
//! shows, or its address; and the parser of the date formats pages use.

use super::{meta_content, one_line};
use dom_query::Document;
use jiff::civil::Date;

/// Meta names that carry a page's publication time, most common first.
const PUBLISHED_NAMES: &[&str] = &[
    "article:published_time",
    "article:published",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
];

/// The publication day: JSON-LD, then meta tags, then `<time>` and other
/// marked elements, then visible dates, then a date in the address. A
/// stamp in UTC (`…Z`) may fall on the next day of the page's own
/// calendar; a date the page shows, or a stamp with its own offset, one
/// day earlier is then the one its readers saw.
pub(super) fn published(doc: &Document, ld: &super::jsonld::Declared) -> Option<Date> {
    let mut stamps: Vec<String> = Vec::new();
    stamps.extend(ld.published.clone());
    stamps.extend(
        PUBLISHED_NAMES
            .iter()
            .filter_map(|name| meta_content(doc, &[name])),
    );
    stamps.extend(other_meta_dates(doc));
    stamps.extend(marked_elements(doc));
    let primary = stamps
        .iter()
        .find_map(|stamp| parse_date(stamp).map(|d| (d, stamp)));
    let shown = shown_dates(doc);
    match primary {
        Some((date, stamp)) if is_utc(stamp) => {
            let day_before = date.yesterday().ok();
            let local = stamps
                .iter()
                .filter(|s| !is_utc(s))
                .filter_map(|s| parse_date(s))
                .chain(shown.iter().copied())
                .find(|d| Some(*d) == day_before);
            Some(local.unwrap_or(date))
        }
        Some((date, _)) => Some(date),
        None => shown
            .first()
            .copied()
            .or_else(|| address_date(doc))
            .or_else(|| first_short_date(doc)),
    }
}

/// A stamp with a time of day in UTC.
fn is_utc(stamp: &str) -> bool {
    let stamp = stamp.trim();
    stamp.len() > 10
        && (stamp.ends_with('Z') || stamp.ends_with("+00:00") || stamp.ends_with("+0000"))
}

/// Other meta tags whose name says they hold a publication date
/// (`post-date`, `publication_date`), never an update or expiry.
fn other_meta_dates(doc: &Document) -> Vec<String> {
    doc.select("meta[content]")
        .iter()
        .filter(|meta| {
            let key = ["name", "property", "itemprop"]
                .iter()
                .filter_map(|k| meta.attr(k))
                .map(|k| k.to_ascii_lowercase())
                .collect::<String>();
            (key.contains("date") || key.contains("publish"))
                && !["modif", "updat", "expir", "revis"]
                    .iter()
                    .any(|w| key.contains(w))
        })
        .filter_map(|meta| meta.attr("content").map(|c| c.to_string()))
        .collect()
}

/// `<time datetime>` marked as the publication time, elements marked with
/// `itemprop=datePublished`, then any `<time datetime>` (in the article first).
fn marked_elements(doc: &Document) -> Vec<String> {
    let selectors = [
        "time[pubdate][datetime], time[itemprop~='datePublished'][datetime]",
        "[itemprop~='datePublished']",
        "article time[datetime], time[datetime]",
    ];
    selectors
        .iter()
        .flat_map(|selector| doc.select(selector).iter().collect::<Vec<_>>())
        .filter_map(|element| {
            ["datetime", "content", "value"]
                .iter()
                .find_map(|key| element.attr(key).map(|v| v.to_string()))
                .or_else(|| Some(one_line(&element.text())))
        })
        .collect()
}

/// Dates the page shows in short blocks whose class or id says they are
/// a date or a byline (`<span class="post-date">Apr 3, 2024</span>`),
/// in the order of the page.
fn shown_dates(doc: &Document) -> Vec<Date> {
    let marked = |names: &str| {
        let names = names.to_ascii_lowercase();
        ["date", "time", "publish", "posted", "byline", "dateline"]
            .iter()
            .any(|w| names.contains(w))
    };
    doc.select("body [class], body [id]")
        .iter()
        .filter(|element| {
            let names = format!(
                "{} {}",
                element.attr("class").unwrap_or_default(),
                element.attr("id").unwrap_or_default()
            );
            marked(&names)
        })
        .filter_map(|element| {
            let text = element
                .attr("value")
                .map(|v| v.to_string())
                .unwrap_or_else(|| one_line(&element.text()));
            (text.split_whitespace().count() <= 15)
                .then(|| parse_date(&text))
                .flatten()
        })
        .collect()
}

/// The first date written on its own in a short element of the page
/// (`<span>veröffentlicht am 3. April 2024</span>`): a page that marks
/// its date in no other way still shows it near the headline.
fn first_short_date(doc: &Document) -> Option<Date> {
    doc.select("body *:not(script):not(style)")
        .iter()
        .find_map(|element| {
            let text = one_line(&element.immediate_text());
            let words = text.split_whitespace().count();
            ((3..=12).contains(&words) || iso_within(&text).is_some())
                .then(|| parse_date(&text))
                .flatten()
        })
}

/// `…/2024/04/03/…` or `…-2024-04-03-…` in the page's canonical address.
fn address_date(doc: &Document) -> Option<Date> {
    let address = doc
        .select("link[rel~='canonical']")
        .attr("href")
        .map(|h| h.to_string())
        .or_else(|| meta_content(doc, &["og:url"]))?;
    let parts: Vec<&str> = address.split(['/', '-', '_']).collect();
    parts.windows(3).find_map(|w| {
        let year: i16 = w[0].parse().ok().filter(|y| (1990..=2100).contains(y))?;
        let month: i8 = w[1].parse().ok()?;
        let day: i8 = w[2].get(..2.min(w[2].len()))?.parse().ok()?;
        (w[1].len() == 2 && w[2].len() >= 2).then(|| Date::new(year, month, day).ok())?
    })
}

/// A calendar day from the start of an ISO 8601 stamp (`2024-04-03`,
/// `2024-04-03T23:03:00-08:00`: the day as written, in the page's own
/// time zone) or from `Apr 3, 2024` / `3 April 2024`.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    // Year 1 or 1970 is a placeholder or an empty stamp, not a publication.
    iso_day(text)
        .or_else(|| worded_day(text))
        .or_else(|| iso_within(text))
        .filter(|date| date.year() > 1970)
}

/// An ISO day anywhere in a short text (`Posted: [ 2024-04-03 09:10 ]`).
fn iso_within(text: &str) -> Option<Date> {
    static ISO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(\d{4})([-/.])(\d{2})([-/.])(\d{2})\b").expect("a valid pattern")
    });
    let found = ISO.captures(text)?;
    if found[2] != found[4] {
        return None;
    }
    let number = |i: usize| found[i].parse::<i16>().ok();
    Date::new(number(1)?, number(3)? as i8, number(5)? as i8).ok()
}

fn iso_day(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let separator = |b: u8| matches!(b, b'-' | b'/' | b'.');
    if bytes.len() < 10 || !separator(bytes[4]) || bytes[7] != bytes[4] {
        // A compact stamp such as 20240403 or 20240403T120000.
        if bytes.len() >= 8 && bytes[..8].iter().all(u8::is_ascii_digit) {
            let year = digits(0..4)?;
            return Date::new(year as i16, digits(4..6)? as i8, digits(6..8)? as i8).ok();
        }
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Date::new(year as i16, month as i8, day as i8).ok()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn worded_day(text: &str) -> Option<Date> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month_at = words
        .iter()
        .position(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)))?;
    let month = MONTHS.iter().position(|m| words[month_at].starts_with(m))? as i8 + 1;
    // `18th`, `1st`: the ordinal's letters are not part of the number.
    let number = |w: &String| {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<i32>()
            .ok()
    };
    let year = words
        .iter()
        .filter_map(number)
        .find(|n| (1800..=2200).contains(n))?;
    let day = [month_at.wrapping_sub(1), month_at + 1]
        .iter()
        .filter_map(|&i| words.get(i).and_then(number))
        .find(|n| (1..=31).contains(n))?;
    Date::new(year as i16, month, day as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_written() {
        let day = |y, m, d| Date::new(y, m, d).ok();
        assert_eq!(parse_date("2024-04-02T23:03:00-08:00"), day(2024, 4, 2));
        assert_eq!(parse_date("20240403"), day(2024, 4, 3));
        assert_eq!(parse_date("Apr. 3, 2024 10:02 AM"), day(2024, 4, 3));
        assert_eq!(parse_date("3 April 2024"), day(2024, 4, 3));
        assert_eq!(
            parse_date("on Wednesday, April 3rd, 2024 at 9:10 a.m."),
            day(2024, 4, 3)
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("Posted: [ 2024-04-03 09:10 ]"), day(2024, 4, 3));
        assert_eq!(parse_date("2024/04/03"), day(2024, 4, 3));
        assert_eq!(parse_date("0001-01-01T00:00:00"), None);
    }
}
