//! The pages of a site: the [`Site`] graph in, one [`PageKey`] per page and,
//! for each key, a [`PageJob`] out (its address, template, inputs and the
//! variables it adds to the template context).
//!
//! Keys are small and cheap to list, so watch mode can name the few pages an
//! edit may touch without building a job for every page of the site.

use super::deps::Dep;
use super::links::{LinkContext, Lookup};
use super::{markdown, views, NavItem, Partials};
use crate::link::Site;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKey {
    Home,
    /// The sources index.
    Sources,
    /// A source's page, by index into `site.sources`.
    Source(usize),
    /// The people index.
    People,
    /// A person's page, by index into `site.people`.
    Person(usize),
    Timeline,
    Year(i16),
    /// An editorial page, by index into `site.pages`.
    Page(usize),
    Search,
    NotFound,
}

/// Every page of `site`.
pub fn all_pages(site: &Site, lookup: &Lookup) -> Vec<PageKey> {
    let mut keys = vec![PageKey::Home, PageKey::Sources];
    keys.extend((0..site.sources.len()).map(PageKey::Source));
    keys.push(PageKey::People);
    keys.extend((0..site.people.len()).map(PageKey::Person));
    keys.push(PageKey::Timeline);
    keys.extend(lookup.years.iter().map(|&year| PageKey::Year(year)));
    keys.extend((0..site.pages.len()).map(PageKey::Page));
    keys.push(PageKey::Search);
    keys.push(PageKey::NotFound);
    keys
}

/// Adds a page's own variables to its template context.
pub(super) type FillContext<'a> = dyn Fn(&mut Context, &LinkContext, &Partials) + Send + Sync + 'a;

/// A page to render: its output path, template and the page-specific context.
pub struct PageJob<'a> {
    pub key: PageKey,
    /// Site-relative URL (`people/x/`, or `` for the home page).
    pub url: String,
    pub template: &'static str,
    pub title: String,
    pub description: Option<String>,
    /// Everything the page shows besides the template and site-wide settings.
    pub deps: Vec<Dep>,
    pub(super) fill: Box<FillContext<'a>>,
}

impl PageJob<'_> {
    /// The file the page is written to.
    pub fn path(&self) -> String {
        if self.template == "404.html" {
            "404.html".to_string()
        } else {
            format!("{}index.html", self.url)
        }
    }
}

/// The job of the page `key`.
pub fn page_job<'a>(site: &'a Site, lookup: &Lookup, key: PageKey) -> PageJob<'a> {
    match key {
        PageKey::Home => home(site),
        PageKey::Sources => PageJob {
            key,
            url: "sources/".into(),
            template: "sources.html",
            title: "Sources".into(),
            description: Some("Every source text the explainer draws on.".into()),
            deps: vec![Dep::AllSourceCards],
            fill: Box::new(move |context, _, _| {
                let sources: Vec<_> = (0..site.sources.len())
                    .map(|i| views::source_card(site, i))
                    .collect();
                context.insert("sources", &sources);
            }),
        },
        PageKey::Source(index) => source(site, index),
        PageKey::People => PageJob {
            key,
            url: "people/".into(),
            template: "people.html",
            title: "People".into(),
            description: Some("Everyone the sources name, with every mention.".into()),
            deps: vec![Dep::AllPersonCards],
            fill: Box::new(move |context, _, _| {
                let mut cards: Vec<_> = site.people.iter().map(views::person_card).collect();
                cards.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.id.cmp(&b.id)));
                let (cast, rest): (Vec<_>, Vec<_>) = cards
                    .into_iter()
                    .partition(|c| c.kind == crate::extract::people::PersonKind::Subject);
                let (authors, photographers): (Vec<_>, Vec<_>) = rest
                    .into_iter()
                    .partition(|c| c.kind == crate::extract::people::PersonKind::Author);
                context.insert("people", &cast);
                context.insert("authors", &authors);
                context.insert("photographers", &photographers);
            }),
        },
        PageKey::Person(index) => person(site, index),
        PageKey::Timeline => timeline(site, lookup),
        PageKey::Year(year) => year_page(site, lookup, year),
        PageKey::Page(index) => {
            let page = &site.pages[index];
            PageJob {
                key,
                url: format!("{}/", page.id),
                template: "page.html",
                title: page.file.doc.meta.title.clone(),
                description: page.file.doc.meta.description.clone(),
                deps: vec![Dep::Page(Some(index)), Dep::Markdown],
                fill: Box::new(move |context, links, _| {
                    let page = &site.pages[index];
                    context.insert(
                        "content",
                        &markdown::render_markdown(
                            &page.file.doc.body,
                            site.config.markdown.allow_html,
                            links,
                        ),
                    );
                }),
            }
        }
        PageKey::Search => PageJob {
            key,
            url: "search/".into(),
            template: "search.html",
            title: "Search".into(),
            description: Some("Search the people, sources and pages of the explainer.".into()),
            deps: vec![Dep::AllSourceCards, Dep::AllPersonCards],
            fill: Box::new(move |context, _, _| {
                let sources: Vec<_> = (0..site.sources.len())
                    .map(|i| views::source_card(site, i))
                    .collect();
                let mut people: Vec<_> = site.people.iter().map(views::person_card).collect();
                people.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.id.cmp(&b.id)));
                context.insert("sources", &sources);
                context.insert("people", &people);
            }),
        },
        PageKey::NotFound => PageJob {
            key,
            url: String::new(),
            template: "404.html",
            title: "Page not found".into(),
            description: None,
            deps: Vec::new(),
            fill: Box::new(|_, _, _| {}),
        },
    }
}

fn home(site: &Site) -> PageJob<'_> {
    let home_title = site
        .home
        .as_ref()
        .map(|h| h.file.doc.meta.title.clone())
        .unwrap_or_else(|| site.config.title.clone());
    // The home page lists the editorial pages the navigation leaves out.
    let mut deps = vec![
        Dep::Page(None),
        Dep::Markdown,
        Dep::AllSourceCards,
        Dep::AllPersonCards,
        Dep::YearCounts,
    ];
    deps.extend(
        (0..site.pages.len())
            .filter(|&i| !in_nav(&site.pages[i]))
            .map(|i| Dep::Page(Some(i))),
    );
    PageJob {
        key: PageKey::Home,
        url: String::new(),
        template: "home.html",
        title: home_title,
        description: site
            .home
            .as_ref()
            .and_then(|h| h.file.doc.meta.description.clone()),
        deps,
        fill: Box::new(move |context, links, _| {
            let intro = site
                .home
                .as_ref()
                .map(|h| {
                    markdown::render_markdown(
                        &h.file.doc.body,
                        site.config.markdown.allow_html,
                        links,
                    )
                })
                .unwrap_or_default();
            context.insert("content", &intro);
            let more_pages: Vec<NavItem> = site
                .pages
                .iter()
                .filter(|page| !in_nav(page))
                .map(|page| NavItem {
                    title: page.file.doc.meta.title.clone(),
                    url: format!("{}/", page.id),
                })
                .collect();
            context.insert("more_pages", &more_pages);
            let sources: Vec<_> = (0..site.sources.len())
                .map(|i| views::source_card(site, i))
                .collect();
            context.insert("sources", &sources);
            let mut people: Vec<_> = site
                .people
                .iter()
                .filter(|p| is_cast(p))
                .map(views::person_card)
                .collect();
            people.sort_by(|a, b| {
                b.mention_count
                    .cmp(&a.mention_count)
                    .then_with(|| a.sort_key.cmp(&b.sort_key))
            });
            people.truncate(12);
            context.insert("people", &people);
            context.insert("timeline_count", &site.timeline.len());
            context.insert("years", &year_counts(site));
        }),
    }
}

fn source(site: &Site, index: usize) -> PageJob<'_> {
    let source = &site.sources[index];
    let mut deps = vec![Dep::Source(index), Dep::SourceCard(index)];
    let mut cards: Vec<usize> = source.people.iter().map(|p| p.person).collect();
    cards.extend(&source.photographers);
    cards.sort_unstable();
    cards.dedup();
    deps.extend(cards.into_iter().map(Dep::PersonCard));
    PageJob {
        key: PageKey::Source(index),
        url: format!("sources/{}/", source.id),
        template: "source.html",
        title: source.title.clone(),
        description: source.article.dek.clone(),
        deps,
        fill: Box::new(move |context, links, _| {
            context.insert("source", &views::source_view(site, index, links))
        }),
    }
}

fn person(site: &Site, index: usize) -> PageJob<'_> {
    let person = &site.people[index];
    let mut sources: Vec<usize> = person.mentions.iter().map(|&(s, _)| s).collect();
    sources.extend(&person.sources);
    sources.sort_unstable();
    sources.dedup();
    // The quotes of the mentions are in `Dep::Person`; only a biography
    // (the editor's profile) links names and dates.
    let mut deps = vec![Dep::Person(index)];
    if person.profile.is_some() {
        deps.push(Dep::Markdown);
    }
    deps.extend(sources.into_iter().map(Dep::SourceCard));
    PageJob {
        key: PageKey::Person(index),
        url: format!("people/{}/", person.id),
        template: "person.html",
        title: person.name.clone(),
        description: person.description.clone().or_else(|| person.role.clone()),
        deps,
        fill: Box::new(move |context, links, _| {
            context.insert("person", &views::person_view(site, index, links))
        }),
    }
}

fn timeline<'a>(site: &'a Site, lookup: &Lookup) -> PageJob<'a> {
    let on_index = lookup.timeline_on_index;
    // A summarised timeline lists only the editorial entries one by one.
    let mut deps = vec![Dep::Markdown, Dep::YearCounts, Dep::Eras];
    deps.extend(
        (0..site.timeline.len())
            .filter(|&index| on_index || site.timeline[index].editorial.is_some())
            .map(Dep::Entry),
    );
    PageJob {
        key: PageKey::Timeline,
        url: "timeline/".into(),
        template: "timeline.html",
        title: "Timeline".into(),
        description: Some("Every dated event in the sources, in order.".into()),
        deps,
        fill: Box::new(move |context, links, partials| {
            // Every entry when the timeline is short enough; else each year's
            // editorial entries, a count, and the year page for the rest.
            let mut years: BTreeMap<i16, YearGroup> = BTreeMap::new();
            for (index, entry) in site.timeline.iter().enumerate() {
                let year = entry.value.year();
                let group = years.entry(year).or_insert_with(|| YearGroup {
                    year,
                    url: format!("timeline/{year}/"),
                    count: 0,
                    entries: Vec::new(),
                });
                group.count += 1;
                if on_index || entry.editorial.is_some() {
                    group.entries.push(partials.entry(site, index, links));
                }
            }
            let years: Vec<YearGroup> = years.into_values().collect();
            context.insert("summarised", &!on_index);
            context.insert("years", &years);
            context.insert("eras", &views::era_views(site, links));
            context.insert("year_counts", &year_counts(site));
        }),
    }
}

fn year_page<'a>(site: &'a Site, lookup: &Lookup, year: i16) -> PageJob<'a> {
    let years: Vec<i16> = lookup.years.iter().copied().collect();
    let in_year: Vec<usize> = (0..site.timeline.len())
        .filter(|&index| site.timeline[index].value.year() == year)
        .collect();
    let mut deps = vec![Dep::YearList, Dep::YearMentions(year)];
    // Only an editorial entry's text links names and dates.
    if in_year.iter().any(|&i| site.timeline[i].editorial.is_some()) {
        deps.push(Dep::Markdown);
    }
    deps.extend(in_year.iter().copied().map(Dep::Entry));
    PageJob {
        key: PageKey::Year(year),
        url: format!("timeline/{year}/"),
        template: "year.html",
        title: format!("{year}"),
        description: Some(format!("What the sources say happened in {year}.")),
        deps,
        fill: Box::new(move |context, links, partials| {
            // A busy year has thousands of entries: they are made in parallel.
            let (entries, mentions) = rayon::join(
                || {
                    in_year
                        .par_iter()
                        .map(|&index| partials.entry(site, index, links))
                        .collect::<Vec<_>>()
                },
                || {
                    let in_year: Vec<_> = in_year.iter().map(|&i| &site.timeline[i]).collect();
                    views::year_mentions(site, year, &in_year)
                },
            );
            context.insert("year", &year);
            context.insert("entries", &entries);
            context.insert("mentions", &mentions);
            let at = years.iter().position(|&y| y == year);
            context.insert(
                "previous",
                &at.and_then(|i| i.checked_sub(1)).and_then(|i| years.get(i)),
            );
            context.insert("next", &at.and_then(|i| years.get(i + 1)));
        }),
    }
}

/// Whether an editorial page is in the site navigation (it sets `weight`).
pub(super) fn in_nav(page: &crate::link::Page) -> bool {
    page.file.doc.meta.weight.is_some()
}

fn is_cast(person: &crate::link::Person) -> bool {
    person.kind == crate::extract::people::PersonKind::Subject
}

#[derive(Serialize)]
struct YearGroup {
    year: i16,
    url: String,
    /// Entries in the year, whether listed or not.
    count: usize,
    entries: Vec<super::EntryHtml>,
}

#[derive(Serialize)]
pub(super) struct YearCount {
    pub year: i16,
    pub count: usize,
}

/// How many timeline entries each year has, for the years that have any.
pub(super) fn year_counts(site: &Site) -> Vec<YearCount> {
    let mut counts: BTreeMap<i16, usize> = BTreeMap::new();
    for entry in &site.timeline {
        *counts.entry(entry.value.year()).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(year, count)| YearCount { year, count })
        .collect()
}
