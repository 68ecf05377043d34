//! What a page declares about itself: a parsed page in, its headline,
//! dates, authors, outlet, canonical address and language out.
//!
//! Sources, most trusted first: JSON-LD (`NewsArticle`, `Article` and their
//! kin, inside `@graph` or arrays), Open Graph and `article:` meta tags,
//! other common meta names, `<time datetime>`, `rel=author` links, and
//! `<link rel=canonical>`. A visible `<h1>` that agrees with the declared
//! headline wins over it, since metadata titles often carry the site's name.

mod jsonld;

use dom_query::Document;
use jiff::civil::Date;

/// The metadata read from a page; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<Date>,
    pub modified: Option<Date>,
    pub authors: Vec<String>,
    pub publication: Option<String>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    /// The article's text as the page declares it in JSON-LD, if it does.
    pub declared_body: Option<String>,
}

/// Reads the metadata of `doc`.
pub fn read_meta(doc: &Document) -> PageMeta {
    let ld = jsonld::read(doc);
    let meta = |names: &[&str]| meta_content(doc, names);
    let declared_title = ld
        .headline
        .clone()
        .or_else(|| meta(&["og:title", "twitter:title", "dc.title", "title"]))
        .or_else(|| non_empty(doc.select("head title").text().to_string()));
    let publication = ld
        .publisher
        .clone()
        .or_else(|| meta(&["og:site_name", "application-name", "dc.publisher"]));
    let title = headline(doc, declared_title, publication.as_deref());
    let published = ld
        .published
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            meta(&[
                "article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
                "og:published_time",
            ])
            .as_deref()
            .and_then(parse_date)
        })
        .or_else(|| time_element(doc));
    let modified = ld.modified.as_deref().and_then(parse_date).or_else(|| {
        meta(&["article:modified_time", "datemodified", "og:updated_time"])
            .as_deref()
            .and_then(parse_date)
    });
    let authors = match ld.authors.is_empty() {
        false => ld.authors.clone(),
        true => other_authors(doc),
    };
    let canonical = doc
        .select("link[rel~='canonical']")
        .attr("href")
        .map(|href| href.trim().to_string())
        .or_else(|| meta(&["og:url"]))
        .filter(|url| crate::load::is_web_address(url));
    let language = doc
        .select("html")
        .attr("lang")
        .and_then(|lang| non_empty(lang.trim().to_string()))
        .or_else(|| meta(&["og:locale", "language", "content-language"]));
    PageMeta {
        title,
        published,
        modified,
        authors: clean_authors(authors),
        publication,
        canonical,
        language,
        declared_body: ld.body,
    }
}

/// The `content` of the first `<meta>` whose `property`, `name` or
/// `itemprop` is one of `names` (in that order of preference), case-blind.
fn meta_content(doc: &Document, names: &[&str]) -> Option<String> {
    let metas = doc.select("meta[content]");
    names.iter().find_map(|name| {
        metas.iter().find_map(|meta| {
            let matches = ["property", "name", "itemprop"].iter().any(|key| {
                meta.attr(key)
                    .is_some_and(|value| value.trim().eq_ignore_ascii_case(name))
            });
            matches
                .then(|| meta.attr("content"))
                .flatten()
                .and_then(|content| non_empty(one_line(&content)))
        })
    })
}

/// The visible headline: an `<h1>` that agrees with the declared title (one
/// contains the other), else the declared title without the site's name.
fn headline(doc: &Document, declared: Option<String>, site: Option<&str>) -> Option<String> {
    let h1s: Vec<String> = doc
        .select("h1")
        .iter()
        .filter_map(|h1| non_empty(one_line(&h1.text())))
        .collect();
    let Some(declared) = declared.map(|title| one_line(&title)) else {
        // Without a declared title, a page's only h1 is its headline.
        return (h1s.len() == 1).then(|| h1s[0].clone());
    };
    let key = |text: &str| crate::slug::slugify(text);
    let declared_key = key(&declared);
    let agrees = |h1: &&String| {
        let h1_key = key(h1);
        h1_key.len() >= 12 && (declared_key.contains(&h1_key) || h1_key.contains(&declared_key))
    };
    if let Some(h1) = h1s.iter().find(agrees) {
        return Some(h1.clone());
    }
    Some(without_site_name(&declared, site))
}

/// `Headline | Outlet` → `Headline`: a last part after a separator is cut
/// when it is the outlet's name or shorter than the rest by far.
fn without_site_name(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site = site.is_some_and(|site| {
                crate::slug::slugify(tail).contains(&crate::slug::slugify(site))
                    || crate::slug::slugify(site).contains(&crate::slug::slugify(tail))
            });
            let short =
                tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 4;
            if is_site || short {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The first `<time datetime>` that is marked as the publication time, or
/// else the first one in the page's article, if any.
fn time_element(doc: &Document) -> Option<Date> {
    let marked = doc.select("time[pubdate][datetime], time[itemprop='datePublished'][datetime]");
    let any = doc.select("article time[datetime], time[datetime]");
    [marked, any].iter().find_map(|times| {
        times
            .iter()
            .find_map(|time| time.attr("datetime").and_then(|value| parse_date(&value)))
    })
}

/// Authors from meta tags and author links, when JSON-LD names none.
fn other_authors(doc: &Document) -> Vec<String> {
    let from_meta = [
        "author",
        "article:author",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
    ]
    .iter()
    .filter_map(|name| meta_content(doc, &[name]))
    .find(|value| !value.contains("://"));
    if let Some(value) = from_meta {
        return vec![value];
    }
    let selectors = "a[rel~='author'], [itemprop='author'] [itemprop='name'], [itemprop='author']";
    let mut names: Vec<String> = Vec::new();
    for link in doc.select(selectors).iter() {
        let name = one_line(&link.text());
        if !name.is_empty() && name.split_whitespace().count() <= 5 && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Splits `A and B`, `A, B`; drops `By`, e-mail addresses and addresses,
/// and names that are organisations' handles rather than people.
fn clean_authors(raw: Vec<String>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for entry in raw {
        let entry = one_line(&entry);
        let entry = strip_by(&entry);
        for part in entry
            .split([',', ';', '&', '|'])
            .flat_map(|p| p.split(" and "))
        {
            let name = strip_by(part.trim()).trim().to_string();
            let looks_like_name = !name.is_empty()
                && !name.contains("://")
                && !name.contains('@')
                && name.chars().any(char::is_alphabetic)
                && name.split_whitespace().count() <= 6;
            if looks_like_name && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

fn strip_by(text: &str) -> &str {
    let lower = text.to_lowercase();
    match lower.starts_with("by ") {
        true => text[3..].trim_start(),
        false => text,
    }
}

/// A calendar day from the start of an ISO 8601 stamp (`2019-11-19`,
/// `2019-11-19T23:03:00-08:00`: the day as written, in the page's own
/// time zone) or from `Nov 19, 2019` / `19 November 2019`.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(date) = iso_day(text) {
        return Some(date);
    }
    worded_day(text)
}

fn iso_day(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        // A compact stamp such as 20191119 or 20191119T120000.
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
    let number = |w: &String| w.parse::<i32>().ok();
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

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(text: String) -> Option<String> {
    let text = one_line(&text);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_written() {
        let day = |y, m, d| Date::new(y, m, d).ok();
        assert_eq!(parse_date("2019-11-18T23:03:00-08:00"), day(2019, 11, 18));
        assert_eq!(parse_date("20191119"), day(2019, 11, 19));
        assert_eq!(parse_date("Nov. 19, 2019 10:02 AM"), day(2019, 11, 19));
        assert_eq!(parse_date("19 November 2019"), day(2019, 11, 19));
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn authors_are_split_and_bylines_dropped() {
        let raw = vec![
            "By Ana Lima and Rui Costa".to_string(),
            "https://x.example/a".to_string(),
        ];
        assert_eq!(clean_authors(raw), ["Ana Lima", "Rui Costa"]);
    }

    #[test]
    fn the_site_name_is_cut_from_a_title() {
        let title = "Fares rise again on the river ferries | The Daily Example";
        assert_eq!(
            without_site_name(title, Some("Daily Example")),
            "Fares rise again on the river ferries"
        );
    }
}
