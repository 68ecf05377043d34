//! Plain links in editorial Markdown: the [`Site`] graph and one text in,
//! an error for every link inside the site that reaches no file of it out.
//!
//! The files are listed from the site graph, before anything is rendered,
//! so that `build` and `check` report the same links in the same words
//! whether or not the pages rendered: every page, each source's raw copy,
//! the data files and the theme's assets. Files under `pagefind/` are made
//! after the pages by the search index and are taken on trust.

use super::links::{Lookup, MarkdownText};
use super::pages::{all_pages, page_url, PageKey};
use super::{data, theme, views};
use crate::diag::{nearest, Diagnostic};
use crate::link::Site;
use crate::reference::{is_cross_reference, links_in};
use std::collections::HashSet;

/// Every file a build of the site writes, as far as it can be known before
/// rendering (see the module header).
pub struct SiteFiles {
    paths: HashSet<String>,
    /// The folders of the pages (`people/x/`), for suggestions.
    pages: Vec<String>,
}

impl SiteFiles {
    pub fn new(site: &Site, lookup: &Lookup) -> Self {
        let mut paths = HashSet::new();
        let mut pages = Vec::new();
        for key in all_pages(site, lookup) {
            if key == PageKey::NotFound {
                paths.insert("404.html".to_string());
                continue;
            }
            let url = page_url(site, key);
            paths.insert(format!("{url}index.html"));
            pages.push(url);
        }
        for source in &site.sources {
            let name = source
                .path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy();
            paths.insert(format!(
                "sources/{}/{}",
                source.id,
                views::raw_file_name(&name)
            ));
        }
        let made = |path: &str, _: &data::Produce| path.to_string();
        paths.extend(data::data_files_with(
            site,
            lookup,
            None,
            data::DataFiles::All,
            made,
        ));
        paths.extend(theme_assets(site));
        SiteFiles { paths, pages }
    }

    /// Plain links in `text` (not `@` cross-references, not to other sites)
    /// whose target is no file of the site. A link to a page or source that
    /// is there but could not be loaded is left to that file's own error.
    pub fn broken_links(&self, site: &Site, text: &MarkdownText) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (destination, offset) in links_in(text.body) {
            if is_cross_reference(&destination) || is_external(&destination) {
                continue;
            }
            let target = resolve(&text.url, &destination);
            if target
                .as_deref()
                .is_some_and(|t| self.exists(t) || names_unreadable(site, t))
            {
                continue;
            }
            let line = text.first_line + text.body[..offset].matches('\n').count();
            let back = "../".repeat(text.url.matches('/').count());
            let meant = target
                .as_deref()
                .map(|t| nearest(t, self.pages.iter().map(String::as_str), 1))
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
        problems
    }

    /// True when `target` is a file of the site, or a folder with an `index.html`.
    fn exists(&self, target: &str) -> bool {
        let in_search_index = target
            .strip_prefix(crate::link::SEARCH_INDEX_DIR)
            .is_some_and(|rest| rest.starts_with('/'));
        if in_search_index {
            return true;
        }
        let paths = &self.paths;
        if target.is_empty() {
            return paths.contains("index.html");
        }
        if let Some(folder) = target.strip_suffix('/') {
            return paths.contains(&format!("{folder}/index.html"));
        }
        paths.contains(target) || paths.contains(&format!("{target}/index.html"))
    }
}

/// The theme's files under `assets/`: the default theme's, and the site's
/// own in `templates/assets/`.
fn theme_assets(site: &Site) -> Vec<String> {
    let mut assets: Vec<String> = theme::DEFAULT_ASSETS
        .iter()
        .map(|(name, _)| format!("assets/{name}"))
        .collect();
    let dir = site.root.join("templates");
    let own = walkdir::WalkDir::new(dir.join("assets"))
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file());
    for entry in own {
        if let Ok(rel) = entry.path().strip_prefix(&dir) {
            assets.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    assets
}

/// True when `target` is the page of a source, editorial page or profile
/// that is in `content/` but could not be loaded (its error says why).
fn names_unreadable(site: &Site, target: &str) -> bool {
    let unreadable = &site.unreadable;
    let mut segments = target.split('/');
    match (segments.next(), segments.next()) {
        (Some("sources"), Some(id)) => unreadable.sources.contains_key(id),
        (Some("people"), Some(id)) => unreadable.people.contains_key(id),
        (Some(id), _) => unreadable.pages.contains_key(id),
        _ => false,
    }
}

/// True for a link to another site or another scheme (`https:`, `mailto:`, `//host`).
pub(crate) fn is_external(destination: &str) -> bool {
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
pub(crate) fn resolve(page_url: &str, destination: &str) -> Option<String> {
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
