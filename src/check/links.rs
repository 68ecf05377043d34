//! Links in editorial Markdown: the linked [`Site`] in, the editorial pages
//! and profiles nothing reaches out. (Links that reach nothing are checked
//! by every build, in [`crate::render::plain_links`].)

use crate::diag::Diagnostic;
use crate::link::Site;
use crate::reference::{is_cross_reference, links_in};
use crate::render::links::{markdown_texts, LinkContext, Lookup};
use crate::render::plain_links::{is_external, resolve};
use std::collections::HashSet;

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
