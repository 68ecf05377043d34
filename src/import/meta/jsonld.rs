//! JSON-LD: the page's `<script type="application/ld+json">` blocks in, the
//! fields of its article object out (headline, dates, authors, publisher,
//! body). Objects are found at the top level, in arrays and in `@graph`; the
//! most specific article type wins (`NewsArticle` before `WebPage`).

use dom_query::Document;
use serde_json::Value;

/// The article fields one JSON-LD object declares, as written.
#[derive(Debug, Default)]
pub(super) struct Declared {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub body: Option<String>,
}

/// Types of an article's object, best first; a page often also declares a
/// `WebPage` or `Organization`, which are not the article.
const ARTICLE_TYPES: [&str; 9] = [
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "Article",
    "BlogPosting",
    "Report",
    "WebPage",
];

pub(super) fn read(doc: &Document) -> Declared {
    let mut objects: Vec<Value> = Vec::new();
    for script in doc.select("script[type='application/ld+json']").iter() {
        if let Some(value) = parse_lenient(&script.text()) {
            flatten(value, &mut objects, 0);
        }
    }
    let rank = |object: &Value| {
        let types = types_of(object);
        ARTICLE_TYPES
            .iter()
            .position(|wanted| types.iter().any(|t| t == wanted))
    };
    let best = objects
        .iter()
        .filter_map(|object| Some((rank(object)?, object)))
        .filter(|(rank, object)| {
            *rank < ARTICLE_TYPES.len() - 1 || object.get("headline").is_some()
        })
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, object)| object);
    // A page about a claim or a recipe declares no article type; its own
    // object still carries the headline and the dates.
    let best = best.or_else(|| objects.iter().find(|o| o.get("datePublished").is_some()));
    let Some(article) = best else {
        return Declared::default();
    };
    Declared {
        headline: string_of(article.get("headline")).or_else(|| string_of(article.get("name"))),
        published: string_of(article.get("datePublished"))
            .or_else(|| string_of(article.get("dateCreated"))),
        modified: string_of(article.get("dateModified")),
        authors: people(article.get("author").or_else(|| article.get("creator"))),
        publisher: article
            .get("publisher")
            .and_then(|p| string_of(p.get("name")).or_else(|| string_of(Some(p))))
            .or_else(|| publisher_elsewhere(&objects)),
        body: string_of(article.get("articleBody")),
    }
}

/// Parses a block, forgiving what careless pages put around the JSON: an
/// HTML comment or CDATA wrapper, and raw line breaks inside strings.
fn parse_lenient(text: &str) -> Option<Value> {
    let trimmed = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    serde_json::from_str(trimmed).ok().or_else(|| {
        let flattened: String = trimmed
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&flattened).ok()
    })
}

/// Collects every object of `value`, descending into arrays and `@graph`
/// (and an article's `mainEntity`), not deeper than a few levels.
fn flatten(value: Value, into: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, into, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, into, depth + 1);
            }
            if let Some(main) = map.get("mainEntity").cloned() {
                flatten(main, into, depth + 1);
            }
            into.push(Value::Object(map));
        }
        _ => {}
    }
}

fn types_of(object: &Value) -> Vec<String> {
    match object.get("@type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// A string field, or the first string of an array of them.
fn string_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            (!s.is_empty()).then_some(s)
        }
        Value::Array(items) => items.iter().find_map(|item| string_of(Some(item))),
        _ => None,
    }
}

/// The names of the people in an `author` field: a string, a `Person`, or
/// an array of them. An `Organization` as author (a wire agency credit) is
/// not a person and is left out.
fn people(value: Option<&Value>) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |item: &Value| match item {
        Value::String(name) => names.push(name.clone()),
        Value::Object(_) => {
            let organisation = types_of(item)
                .iter()
                .any(|t| t == "Organization" || t == "NewsMediaOrganization");
            if let (false, Some(name)) = (organisation, string_of(item.get("name"))) {
                names.push(name);
            }
        }
        _ => {}
    };
    match value {
        Some(Value::Array(items)) => items.iter().for_each(&mut add),
        Some(item) => add(item),
        None => {}
    }
    names
}

/// The outlet's name from a separate `Organization` or `WebSite` object.
fn publisher_elsewhere(objects: &[Value]) -> Option<String> {
    ["NewsMediaOrganization", "Organization", "WebSite"]
        .iter()
        .find_map(|wanted| {
            objects
                .iter()
                .find(|o| types_of(o).iter().any(|t| t == wanted))
                .and_then(|o| string_of(o.get("name")))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_article_in_a_graph_and_skips_organisation_authors() {
        let html = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","name":"Page"},
            {"@type":["NewsArticle"],"headline":"Fares rise","datePublished":"2024-01-05T10:00:00+01:00",
             "author":[{"@type":"Person","name":"Ana Lima"},{"@type":"Organization","name":"Wire"}],
             "publisher":{"@type":"Organization","name":"The Example"}}]}</script>"#;
        let declared = read(&Document::from(html));
        assert_eq!(declared.headline.as_deref(), Some("Fares rise"));
        assert_eq!(declared.authors, ["Ana Lima"]);
        assert_eq!(declared.publisher.as_deref(), Some("The Example"));
        assert_eq!(
            declared.published.as_deref(),
            Some("2024-01-05T10:00:00+01:00")
        );
    }
}
