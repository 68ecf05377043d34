//! Tags (topics): the linked sources and editorial pages in, one [`Tag`]
//! per topic out, each with the sources and pages that carry it, and the
//! problems an editor should hear of (two spellings of one tag, unless
//! `site.toml` names it; a `[tags.SLUG]` that no file uses).
//!
//! A tag's address is the slug of its name, so spellings that differ only
//! in case, spaces, accents or punctuation ("Troop withdrawal",
//! "troop-withdrawal") are one tag with one page. The name shown is the
//! `name` of its `[tags.SLUG]` table, else the spelling most files use
//! (ties: the first in site order, sources before pages), so the same
//! files always give the same name.

use super::{Page, Site, Source};
use crate::config::TagConfig;
use crate::diag::Diagnostic;
use crate::slug::slugify;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The key of a tag's page: its position in [`Site::tags`], which are
/// sorted by slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TagId(pub u32);

impl TagId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One topic of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tag {
    /// The address segment: `tags/SLUG/`.
    pub slug: String,
    /// The name as every page shows it.
    pub name: String,
    /// The introduction from `site.toml`, if any.
    pub description: Option<String>,
    /// The sources that carry the tag, in site order (newest first).
    pub sources: Vec<usize>,
    /// The editorial pages that carry it, newest first, undated last.
    pub pages: Vec<usize>,
}

/// Where one spelling of a tag is written.
struct Use<'a> {
    spelling: &'a str,
    file: PathBuf,
    line: Option<usize>,
}

/// Every use of every tag, by slug, in site order: sources, then pages.
#[derive(Default)]
struct Uses<'a> {
    uses: Vec<Use<'a>>,
    sources: Vec<usize>,
    pages: Vec<usize>,
}

fn uses_by_slug<'a>(sources: &'a [Source], pages: &'a [Page]) -> BTreeMap<String, Uses<'a>> {
    let mut by_slug: BTreeMap<String, Uses> = BTreeMap::new();
    for (index, source) in sources.iter().enumerate() {
        for spelling in &source.tags {
            let slug = slugify(spelling);
            if slug.is_empty() {
                continue;
            }
            let entry = by_slug.entry(slug).or_default();
            entry.uses.push(Use {
                spelling: spelling.trim(),
                file: source.path.with_extension("toml"),
                line: source.tags_line,
            });
            if entry.sources.last() != Some(&index) {
                entry.sources.push(index);
            }
        }
    }
    for (index, page) in pages.iter().enumerate() {
        let meta = &page.file.doc.meta;
        for spelling in &meta.tags {
            let slug = slugify(spelling);
            if slug.is_empty() {
                continue;
            }
            let entry = by_slug.entry(slug).or_default();
            entry.uses.push(Use {
                spelling: spelling.trim(),
                file: page.file.path.clone(),
                line: meta.tags_line,
            });
            if entry.pages.last() != Some(&index) {
                entry.pages.push(index);
            }
        }
    }
    by_slug
}

/// The spelling most uses have; ties go to the one met first.
fn usual_spelling<'a>(uses: &[Use<'a>]) -> &'a str {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for one in uses {
        match counts
            .iter_mut()
            .find(|(spelling, _)| *spelling == one.spelling)
        {
            Some((_, count)) => *count += 1,
            None => counts.push((one.spelling, 1)),
        }
    }
    // `max_by_key` keeps the last of equals: look from the end.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map_or("", |(spelling, _)| spelling)
}

/// The date a page is listed by: its `date`'s first day, if it has one.
fn page_date(page: &Page) -> Option<jiff::civil::Date> {
    let date = page.file.doc.meta.date.as_ref()?;
    crate::date_value::parse_date_value(date).map(|value| value.start)
}

/// The tags of `sources` and `pages`, sorted by slug.
pub fn gather(
    sources: &[Source],
    pages: &[Page],
    config: &BTreeMap<String, TagConfig>,
) -> Vec<Tag> {
    uses_by_slug(sources, pages)
        .into_iter()
        .map(|(slug, uses)| {
            let settings = config.get(&slug);
            let name = settings
                .and_then(|s| s.name.clone())
                .unwrap_or_else(|| usual_spelling(&uses.uses).to_string());
            let mut tagged_pages = uses.pages;
            // Newest first, undated last; the sort is stable, so pages of
            // one date keep the site's order.
            tagged_pages.sort_by_key(|&index| {
                let date = page_date(&pages[index]);
                (date.is_none(), std::cmp::Reverse(date))
            });
            Tag {
                description: settings.and_then(|s| s.description.clone()),
                slug,
                name,
                sources: uses.sources,
                pages: tagged_pages,
            }
        })
        .collect()
}

/// What an editor should hear of the site's tags: each spelling of a tag
/// that differs from the name shown (once per spelling, where it is first
/// written), and each `[tags.SLUG]` in `site.toml` that no file uses.
pub fn tag_problems(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (slug, uses) in uses_by_slug(&site.sources, &site.pages) {
        let Some(tag) = site.tags.iter().find(|tag| tag.slug == slug) else {
            continue;
        };
        // A name given in site.toml settles how the tag reads everywhere.
        let named = site
            .config
            .tags
            .get(&slug)
            .is_some_and(|t| t.name.is_some());
        if named {
            continue;
        }
        let usual = usual_spelling(&uses.uses);
        let mut told: Vec<&str> = vec![usual];
        for one in &uses.uses {
            if told.contains(&one.spelling) {
                continue;
            }
            told.push(one.spelling);
            let elsewhere = uses
                .uses
                .iter()
                .find(|other| other.spelling == usual)
                .map(|other| other.file.display().to_string())
                .unwrap_or_default();
            problems.push(
                Diagnostic::warning(
                    &one.file,
                    one.line,
                    format!(
                        "the tag \"{}\" is written \"{usual}\" in {elsewhere}; both are the one tag \"{}\" (tags/{slug}/)",
                        one.spelling, tag.name
                    ),
                )
                .hint(format!(
                    "write it the same way everywhere, such as \"{usual}\", or name it once in site.toml: [tags.{slug}] name = \"...\""
                )),
            );
        }
    }
    for (slug, settings) in &site.config.tags {
        if !site.tags.iter().any(|tag| &tag.slug == slug) {
            problems.push(
                Diagnostic::warning(
                    "site.toml",
                    settings.line,
                    format!("no source or page has the tag `{slug}` that [tags.{slug}] describes"),
                )
                .hint(format!(
                    "add `tags = [\"{slug}\"]` to a sidecar or a page, or write the tag's address as its page has it (tags/SLUG/), or remove the table"
                )),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uses<'a>(spellings: &[&'a str]) -> Vec<Use<'a>> {
        spellings
            .iter()
            .map(|spelling| Use {
                spelling,
                file: PathBuf::new(),
                line: None,
            })
            .collect()
    }

    #[test]
    fn the_name_is_the_usual_spelling_and_ties_go_to_the_first() {
        let cases: &[(&[&str], &str)] = &[
            (&["Withdrawal"], "Withdrawal"),
            (&["withdrawal", "Withdrawal", "Withdrawal"], "Withdrawal"),
            (&["withdrawal", "Withdrawal"], "withdrawal"),
            (&["Withdrawal", "withdrawal"], "Withdrawal"),
        ];
        for (spellings, expected) in cases {
            assert_eq!(usual_spelling(&uses(spellings)), *expected, "{spellings:?}");
        }
    }
}
