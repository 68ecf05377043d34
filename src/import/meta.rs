//! What a page declares about itself: a parsed page in, its headline,
//! dates, authors, outlet, canonical address and language out.
//!
//! Sources, most trusted first: JSON-LD (`NewsArticle`, `Article` and their
//! kin, inside `@graph` or arrays), Open Graph and `article:` meta tags,
//! other common meta names, `<time datetime>`, `rel=author` links, and
//! `<link rel=canonical>`. A visible `<h1>` that agrees with the declared
//! headline wins over it, since metadata titles often carry the site's name.

mod dates;
mod jsonld;

pub(crate) use dates::parse_date;

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
    let published = dates::published(doc, &ld);
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

/// `Ana Lima. Example Weekly` → `Ana Lima`; an initial's full stop
/// (`Rui M. Costa`) is not a cut.
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

/// `RUI COSTA` → `Rui Costa`; a name in mixed case stays as written.
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
