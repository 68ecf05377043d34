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
    let published = published(doc, &ld);
    let modified = ld.modified.as_deref().and_then(parse_date).or_else(|| {
        meta(&["article:modified_time", "datemodified", "og:updated_time"])
            .as_deref()
            .and_then(parse_date)
    });
    let authors = authors(doc, &ld, publication.as_deref());
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
        title: title.map(unescape),
        published,
        modified,
        authors: authors.into_iter().map(unescape).collect(),
        publication: publication.map(unescape),
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
                meta.attr(key).is_some_and(|value| {
                    value
                        .split_whitespace()
                        .any(|value| value.eq_ignore_ascii_case(name))
                })
            });
            matches
                .then(|| meta.attr("content"))
                .flatten()
                .and_then(|content| non_empty(one_line(&content)))
        })
    })
}

/// The visible headline. Declared titles are often rewritten for search
/// engines and link previews, and readers see the `<h1>`: the one that
/// agrees with the declared title (one contains the other), else the one
/// that shares most words with it (two at least: the same story told
/// twice), else the declared title without the outlet's name. A page that
/// declares no title gets its first `<h1>` of two words or more.
fn headline(doc: &Document, declared: Option<String>, site: Option<&str>) -> Option<String> {
    let key = |text: &str| crate::slug::slugify(text);
    let site_key = site.map(key).unwrap_or_default();
    let h1s: Vec<String> = doc
        .select("h1")
        .iter()
        // A logo in the page's header or navigation is not the headline;
        // an article's own header is where the headline is.
        .filter(|h1| {
            !h1.is("nav h1, footer h1") && (!h1.is("header h1") || h1.is("article h1, main h1"))
        })
        .filter_map(|h1| non_empty(one_line(&h1.text())))
        .filter(|h1| site_key.is_empty() || key(h1) != site_key)
        .collect();
    let Some(declared) = declared.map(|title| one_line(&title)) else {
        return h1s.into_iter().find(|h1| super::body::word_count(h1) >= 2);
    };
    let declared_key = key(&declared);
    let agrees = |h1: &&String| {
        let h1_key = key(h1);
        h1_key.len() >= 12 && (declared_key.contains(&h1_key) || h1_key.contains(&declared_key))
    };
    let declared_words = content_words(&declared);
    let shared = |h1: &String| content_words(h1).intersection(&declared_words).count();
    h1s.iter()
        .find(agrees)
        .or_else(|| {
            h1s.iter()
                .filter(|h1| shared(h1) >= 2)
                .max_by_key(|h1| (shared(h1), std::cmp::Reverse(h1.len())))
        })
        .cloned()
        .or_else(|| Some(without_site_name(&declared, site)))
}

/// The lower-cased words of four letters or more: what two phrasings of
/// one headline share.
fn content_words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
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
fn published(doc: &Document, ld: &jsonld::Declared) -> Option<Date> {
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
/// (`sn-post-date`, `publication_date`), never an update or expiry.
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
/// a date or a byline (`<span class="post-date">Nov 19, 2019</span>`),
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
/// (`<span>publiziert am 25. September 2018</span>`): a page that marks
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

/// `…/2019/11/19/…` or `…-2019-11-19-…` in the page's canonical address.
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

/// The authors: the first of JSON-LD, meta tags, `rel=author` links and
/// byline blocks that names a person (an agency, the outlet or a user
/// handle is not one).
fn authors(doc: &Document, ld: &jsonld::Declared, publication: Option<&str>) -> Vec<String> {
    let from_meta = [
        "author",
        "article:author",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
    ]
    .iter()
    .filter_map(|name| meta_content(doc, &[name]))
    .collect::<Vec<_>>();
    let linked = texts(
        doc,
        "a[rel~='author'], [itemprop~='author'] [itemprop~='name'], [itemprop~='author']",
    );
    let bylines = texts(doc, "[class*='byline'], [class*='author'], [id*='byline']")
        .into_iter()
        .collect::<Vec<_>>();
    [ld.authors.clone(), from_meta, linked, bylines]
        .into_iter()
        .map(|names| people(names, publication))
        .find(|names| !names.is_empty())
        .unwrap_or_default()
}

/// The short texts (a byline is at most a dozen words) of the elements
/// `selector` finds.
fn texts(doc: &Document, selector: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    // A comment's author or a comment form's "Name *" field is not a byline.
    let elsewhere =
        "form *, [class*='comment'] *, [id*='comment'] *, [class*='comment'], [id*='comment']";
    for element in doc.select(selector).iter().filter(|e| !e.is(elsewhere)) {
        let text = one_line(&element.text());
        if !text.is_empty() && text.split_whitespace().count() <= 12 && !found.contains(&text) {
            found.push(text);
        }
    }
    found
}

/// Words that make a credit an organisation's or a role, not a person's.
const NOT_A_PERSON: &[&str] = &[
    "admin",
    "agency",
    "bureau",
    "correspondent",
    "desk",
    "editor",
    "editorial",
    "editors",
    "magazine",
    "media",
    "news",
    "newsroom",
    "online",
    "press",
    "reporter",
    "reports",
    "service",
    "sport",
    "sports",
    "staff",
    "team",
    "wire",
    "writer",
    "writers",
    "contributor",
];

/// The people among `raw` credits: `A and B` and `A, B` split, `By`
/// dropped, a role or outlet after the name cut, capitals made a name's
/// case; an address, the outlet's own name, an organisation's credit or a
/// one-word handle left out.
fn people(raw: Vec<String>, publication: Option<&str>) -> Vec<String> {
    let outlet = publication
        .map(crate::slug::slugify)
        .filter(|s| !s.is_empty());
    let mut names: Vec<String> = Vec::new();
    for entry in raw {
        let entry = one_line(&entry);
        for part in after_credit_label(&entry)
            .split([',', ';', '&', '|', '/', '\n'])
            .flat_map(|p| p.split(" and "))
        {
            let name = name_case(cut_after_name(strip_by(part.trim()).trim()));
            let slug = crate::slug::slugify(&name);
            let words: Vec<&str> = name.split_whitespace().collect();
            let latin = name
                .chars()
                .all(|c| c.is_ascii() || !c.is_alphabetic() || (c as u32) < 0x0250);
            let is_person = !name.is_empty()
                && !name.contains("://")
                && !name.contains('@')
                && !words.iter().any(|w| {
                    w.contains('.')
                        && w.len() > 3
                        && w.ends_with(|c: char| c.is_alphabetic())
                        && !w.ends_with('.')
                })
                && name.chars().any(char::is_alphabetic)
                && !name
                    .chars()
                    .any(|c| c.is_ascii_digit() || matches!(c, '*' | '(' | ')' | ':'))
                && words.len() <= 5
                && !(latin && words.len() < 2)
                && !words
                    .iter()
                    .any(|w| NOT_A_PERSON.contains(&w.to_lowercase().as_str()))
                && !outlet
                    .as_ref()
                    .is_some_and(|o| slug.contains(o.as_str()) || o.contains(slug.as_str()));
            if is_person && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// `Written by Ana Lima`, `Analysis by Ana Lima`, `Text: Ana Lima` →
/// `Ana Lima`: a label of at most two words before `by` or a colon.
fn after_credit_label(entry: &str) -> &str {
    // ASCII case folding keeps byte offsets the same in both strings.
    let lower = entry.to_ascii_lowercase();
    let label_end = lower
        .find(" by ")
        .map(|at| (at, at + 4))
        .filter(|(at, _)| lower[..*at].split_whitespace().count() <= 2)
        .or_else(|| {
            let at = entry.find(':')?;
            (entry[..at].split_whitespace().count() <= 2).then_some((at, at + 1))
        });
    match label_end {
        Some((_, end)) => strip_by(entry[end..].trim()),
        _ => strip_by(entry),
    }
}

/// `Finian Cunningham. Sputnik International` → `Finian Cunningham`; an
/// initial's full stop (`John M. Ford`) is not a cut.
fn cut_after_name(name: &str) -> &str {
    let mut from = 0;
    while let Some(at) = name[from..].find(". ") {
        let end = from + at;
        let last = name[..end].split_whitespace().last().unwrap_or("");
        if last.chars().count() > 1 && name[..end].split_whitespace().count() >= 2 {
            return &name[..end];
        }
        from = end + 2;
    }
    name
}

/// `TOM KRISHER` → `Tom Krisher`; a name in mixed case stays as written.
fn name_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let first = chars
                .next()
                .map(|c| c.to_uppercase().to_string())
                .unwrap_or_default();
            first + &chars.as_str().to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_by(text: &str) -> &str {
    match text.to_ascii_lowercase().starts_with("by ") {
        true => text[3..].trim_start(),
        false => text,
    }
}

/// A calendar day from the start of an ISO 8601 stamp (`2019-11-19`,
/// `2019-11-19T23:03:00-08:00`: the day as written, in the page's own
/// time zone) or from `Nov 19, 2019` / `19 November 2019`.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    // Year 1 or 1970 is a placeholder or an empty stamp, not a publication.
    iso_day(text)
        .or_else(|| worded_day(text))
        .or_else(|| iso_within(text))
        .filter(|date| date.year() > 1970)
}

/// An ISO day anywhere in a short text (`Posted: [ 2018-08-25 15:24 ]`).
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

/// Decodes character references left in a value that was escaped twice
/// (`&amp;#8217;` in the source, so `&#8217;` once parsed), as many
/// pages' meta tags are.
fn unescape(text: String) -> String {
    let escaped = text.contains('&') && text.contains(';') && !text.contains('<');
    match escaped {
        true => one_line(&Document::from(format!("<p>{text}</p>")).select("p").text()),
        false => text,
    }
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
        assert_eq!(
            parse_date("on Monday, November 18th, 2019 at 11:08 a.m."),
            day(2019, 11, 18)
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("Posted: [ 2018-08-25 15:24 ]"), day(2018, 8, 25));
        assert_eq!(parse_date("2019/11/19"), day(2019, 11, 19));
        assert_eq!(parse_date("0001-01-01T00:00:00"), None);
    }

    #[test]
    fn authors_are_people_not_outlets_roles_or_handles() {
        let people = |names: &[&str]| {
            let raw = names.iter().map(|n| n.to_string()).collect();
            people(raw, Some("The Example"))
        };
        let both = ["Ana Lima", "Rui Costa"];
        assert_eq!(
            people(&["By Ana Lima and Rui Costa", "https://x.example/a"]),
            both
        );
        assert_eq!(people(&["RUI COSTA, Example Staff Writer"]), ["Rui Costa"]);
        assert_eq!(
            people(&["Ana Lima. Example Weekly", "Rui M. Costa"]),
            ["Ana Lima", "Rui M. Costa"]
        );
        assert!(people(&[
            "admin",
            "Example News Service",
            "The Example",
            "Wire Reports"
        ])
        .is_empty());
        assert_eq!(people(&["정덕현"]), ["정덕현"]);
        assert_eq!(people(&["Written by Ana Lima", "Texto: Rui Costa"]), both);
        assert_eq!(people(&["Ana Lima, November 18", "Name *"]), ["Ana Lima"]);
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
