//! Tag pages: the [`Site`]'s tags in; the page of each tag (its sources and
//! editorial pages, newest first, with their dates and deks), the index of
//! all tags, the tag links shown on sources and pages, and the
//! fingerprints watch mode compares for them, out.
//!
//! Every view here is made of owned, hashable fields, and a page's
//! fingerprint is the hash of its view: what a tag page shows is exactly
//! what decides whether it is rendered again.

use super::deps::{hash_of, Dep};
use super::pages::{PageJob, PageKey};
use crate::extract::dates::DateValue;
use crate::link::tags::{Tag, TagId};
use crate::link::Site;
use crate::slug::slugify;
use serde::Serialize;

/// A tag as a link: on a source, a page or the index.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TagLink {
    pub name: String,
    pub slug: String,
    /// `tags/SLUG/`.
    pub url: String,
}

/// A source or an editorial page as a tag's page lists it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TaggedItem {
    pub title: String,
    pub url: String,
    /// The outlet of a source; `None` for a page.
    pub publication: Option<String>,
    /// ISO date (`2024-01-09`, `2024-01`), if known.
    pub date: Option<String>,
    /// Reader's date ("9 January 2024").
    pub date_label: Option<String>,
    /// A source's dek, a page's description.
    pub dek: Option<String>,
}

/// What a tag's page shows.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TagView {
    #[serde(flatten)]
    pub link: TagLink,
    pub description: Option<String>,
    pub sources: Vec<TaggedItem>,
    pub pages: Vec<TaggedItem>,
}

/// A tag as the index lists it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TagSummary {
    #[serde(flatten)]
    pub link: TagLink,
    pub description: Option<String>,
    pub source_count: usize,
    pub page_count: usize,
}

fn tag_link(tag: &Tag) -> TagLink {
    TagLink {
        name: tag.name.clone(),
        slug: tag.slug.clone(),
        url: format!("tags/{}/", tag.slug),
    }
}

/// The tag whose slug is that of `spelling`, if the site has it.
pub fn tag_of(site: &Site, spelling: &str) -> Option<TagId> {
    let slug = slugify(spelling);
    site.tags
        .binary_search_by(|tag| tag.slug.as_str().cmp(&slug))
        .ok()
        .map(|at| TagId(at as u32))
}

/// The tags of a list of spellings, in the order written, once each.
pub fn tag_ids(site: &Site, spellings: &[String]) -> Vec<TagId> {
    let mut ids: Vec<TagId> = Vec::new();
    for id in spellings.iter().filter_map(|s| tag_of(site, s)) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The links to the tags of a list of spellings.
pub fn tag_links(site: &Site, spellings: &[String]) -> Vec<TagLink> {
    tag_ids(site, spellings)
        .into_iter()
        .map(|id| tag_link(&site.tags[id.index()]))
        .collect()
}

/// The fingerprint of a tag's name and address, as its links show them.
pub fn name_print(site: &Site, id: TagId) -> u64 {
    hash_of(tag_link(&site.tags[id.index()]))
}

fn source_item(site: &Site, index: usize) -> TaggedItem {
    let source = &site.sources[index];
    TaggedItem {
        title: source.title.clone(),
        url: format!("sources/{}/", source.id),
        publication: source.publication.clone(),
        date: source.date.map(|d| d.to_string()),
        date_label: source.date.map(|d| DateValue::day(d).label()),
        // As the source's page shows it: not when it only repeats the title.
        dek: source
            .article
            .dek
            .clone()
            .filter(|dek| slugify(dek) != slugify(&source.title)),
    }
}

fn page_item(site: &Site, index: usize) -> TaggedItem {
    let page = &site.pages[index];
    let meta = &page.file.doc.meta;
    let date = meta
        .date
        .as_ref()
        .and_then(crate::date_value::parse_date_value);
    TaggedItem {
        title: meta.title.clone(),
        url: format!("{}/", page.id),
        publication: None,
        date: date.as_ref().map(DateValue::iso),
        date_label: date.as_ref().map(DateValue::label),
        dek: meta.description.clone(),
    }
}

/// What the page of tag `id` shows.
pub fn tag_view(site: &Site, id: TagId) -> TagView {
    let tag = &site.tags[id.index()];
    TagView {
        link: tag_link(tag),
        description: tag.description.clone(),
        sources: tag.sources.iter().map(|&i| source_item(site, i)).collect(),
        pages: tag.pages.iter().map(|&i| page_item(site, i)).collect(),
    }
}

/// Every tag, by name as a reader looks one up (case and accents aside).
pub fn tag_summaries(site: &Site) -> Vec<TagSummary> {
    let mut summaries: Vec<TagSummary> = site
        .tags
        .iter()
        .map(|tag| TagSummary {
            link: tag_link(tag),
            description: tag.description.clone(),
            source_count: tag.sources.len(),
            page_count: tag.pages.len(),
        })
        .collect();
    summaries.sort_by(|a, b| {
        crate::slug::fold(&a.link.name)
            .cmp(&crate::slug::fold(&b.link.name))
            .then_with(|| a.link.slug.cmp(&b.link.slug))
    });
    summaries
}

/// The keys of the tag pages: the index and one page per tag, when the
/// site has tags at all (a site without them has no such pages).
pub fn tag_pages(site: &Site) -> Vec<PageKey> {
    if site.tags.is_empty() {
        return Vec::new();
    }
    let mut keys = vec![PageKey::Tags];
    keys.extend((0..site.tags.len()).map(|at| PageKey::Tag(TagId(at as u32))));
    keys
}

/// The job of the tags index.
pub fn index_job(site: &Site) -> PageJob<'_> {
    PageJob {
        key: PageKey::Tags,
        url: "tags/".into(),
        template: "tags.html",
        title: site.config.strings().text("topics", &[]),
        description: Some(site.config.strings().text("topics_description", &[])),
        deps: vec![Dep::TagList],
        fill: Box::new(move |context, _, _| {
            context.insert("tags", &tag_summaries(site));
        }),
    }
}

/// The job of the page of tag `id`.
pub fn tag_job(site: &Site, id: TagId) -> PageJob<'_> {
    let tag = &site.tags[id.index()];
    let words = site.config.strings();
    PageJob {
        key: PageKey::Tag(id),
        url: format!("tags/{}/", tag.slug),
        template: "tag.html",
        title: tag.name.clone(),
        description: Some(
            tag.description
                .clone()
                .unwrap_or_else(|| words.text("topic_description", &[("name", &tag.name)])),
        ),
        deps: vec![Dep::Tag(id)],
        fill: Box::new(move |context, _, _| {
            context.insert("tag", &tag_view(site, id));
        }),
    }
}
