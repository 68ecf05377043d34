//! Links in editorial Markdown: every plain link that points inside the site
//! must reach a built file; every editorial page and profile should be
//! reached by something.

use crate::diag::{nearest, Diagnostic};
use crate::link::Site;
use crate::render::links::{markdown_texts, LinkContext, Lookup};
use crate::render::markdown::{is_cross_reference, links_in};
use crate::render::OutputFile;
use std::collections::HashSet;

/// Plain links (not `@` cross-references, not to other sites) whose target
/// is not a file of the built site.
pub fn broken_links(site: &Site, files: &[OutputFile]) -> Vec<Diagnostic> {
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages: Vec<&str> = files
        .iter()
        .filter_map(|f| f.path.strip_suffix("index.html"))
        .collect();
    let mut problems = Vec::new();
    for text in markdown_texts(site) {
        for (destination, offset) in links_in(text.body) {
            if is_cross_reference(&destination) || is_external(&destination) {
                continue;
            }
            let target = resolve(&text.url, &destination);
            if target.as_deref().is_some_and(|t| exists(&paths, t)) {
                continue;
            }
            let line = text.first_line + text.body[..offset].matches('\n').count();
            let back = "../".repeat(text.url.matches('/').count());
            let meant = target
                .as_deref()
                .map(|t| nearest(t, pages.iter().copied(), 1))
                .unwrap_or_default();
            let hint = match meant.first() {
                Some(page) => format!("did you mean `{back}{page}`?"),
                None => format!(
                    "links are relative to this page's address, /{}; for a person, source, \
                     page or date write a checked cross-reference such as [text](@person/ID)",
                    text.url
                ),
            };
            problems.push(
                Diagnostic::error(
                    text.file,
                    Some(line),
                    format!("the link `{destination}` points to no page of the site"),
                )
                .hint(hint),
            );
        }
    }
    problems
}

/// Editorial pages no other text links to, and profiles of people no source
/// names and no text links to.
pub fn orphans(site: &Site) -> Vec<Diagnostic> {
    let lookup = Lookup::new(site);
    let links = LinkContext::new(site, &lookup, "");
    let mut reached: HashSet<String> = HashSet::new();
    for text in markdown_texts(site) {
        for (destination, _) in links_in(text.body) {
            let target = if is_cross_reference(&destination) {
                links.resolve_reference(&destination).ok().map(|t| t.url)
            } else if is_external(&destination) {
                None
            } else {
                resolve(&text.url, &destination)
            };
            let Some(target) = target else { continue };
            let page = target.split('#').next().unwrap_or("");
            let page = match page.is_empty() || page.ends_with('/') {
                true => page.to_string(),
                false => format!("{page}/"),
            };
            if page != text.url {
                reached.insert(page);
            }
        }
    }
    let mut findings = Vec::new();
    for page in &site.pages {
        if !reached.contains(&format!("{}/", page.id)) {
            findings.push(
                Diagnostic::warning(&page.file.path, None, "no other page links to this page")
                    .hint(format!(
                        "link to it where readers need it, for example [text](@page/{}) on the home page",
                        page.id
                    )),
            );
        }
    }
    for person in &site.people {
        let Some(profile) = &person.profile else {
            continue;
        };
        if person.sources.is_empty() && !reached.contains(&format!("people/{}/", person.id)) {
            findings.push(
                Diagnostic::warning(
                    &profile.path,
                    None,
                    "no source names this person and no page links to the profile",
                )
                .hint(format!(
                    "check that `name` or `aliases` spell the name as the sources do, \
                     or link the profile with [text](@person/{})",
                    person.id
                )),
            );
        }
    }
    findings
}

/// True for a link to another site or another scheme (`https:`, `mailto:`, `//host`).
fn is_external(destination: &str) -> bool {
    if destination.starts_with("//") {
        return true;
    }
    match destination.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// The site-relative path a link on the page at `page_url` points to, without
/// query or fragment; `None` when it climbs above the site root.
fn resolve(page_url: &str, destination: &str) -> Option<String> {
    let path = destination
        .split(['#', '?'])
        .next()
        .unwrap_or("")
        .to_string();
    if path.is_empty() {
        return Some(page_url.to_string());
    }
    let (base, path) = match path.strip_prefix('/') {
        Some(rest) => ("", rest.to_string()),
        None => (page_url, path),
    };
    let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            segment => segments.push(segment),
        }
    }
    let mut target = segments.join("/");
    let directory = path.ends_with('/') || path.ends_with("/.") || path.ends_with("..");
    if directory && !target.is_empty() {
        target.push('/');
    }
    Some(target)
}

/// True when `target` is a built file, or a folder with an `index.html`.
fn exists(paths: &HashSet<&str>, target: &str) -> bool {
    if target.is_empty() {
        return paths.contains("index.html");
    }
    if let Some(folder) = target.strip_suffix('/') {
        return paths.contains(format!("{folder}/index.html").as_str());
    }
    paths.contains(target) || paths.contains(format!("{target}/index.html").as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_links_relative_to_the_page() {
        let cases = [
            ("about/", "../people/x/", Some("people/x/")),
            ("about/", "/people/x/", Some("people/x/")),
            ("", "people/x/#p2", Some("people/x/")),
            ("people/x/", "../../", Some("")),
            ("people/x/", "../y", Some("people/y")),
            ("about/", "#section", Some("about/")),
            ("", "../x/", None),
        ];
        for (page, destination, expected) in cases {
            assert_eq!(
                resolve(page, destination).as_deref(),
                expected,
                "{destination} on {page}"
            );
        }
    }

    #[test]
    fn tells_external_links_apart() {
        for external in ["https://example.org", "mailto:a@b.c", "//cdn.example/x"] {
            assert!(is_external(external), "{external}");
        }
        for internal in ["../people/x/", "timeline/", "./a:b", "#top"] {
            assert!(!is_external(internal), "{internal}");
        }
    }
}
