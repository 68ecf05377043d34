//! The pages of a site: the [`Site`] graph in, one [`PageKey`] per page and,
//! for each key, a [`PageJob`] out (its address, template, inputs and the
//! variables it adds to the template context).
//!
//! Keys are small and cheap to list, so watch mode can name the few pages an
//! edit may touch without building a job for every page of the site.

use super::deps::Dep;
use super::links::{self, LinkContext, Lookup};
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
    /// A further page (2 or more) of a person's mentions.
    PersonPage(usize, usize),
    Timeline,
    Year(i16),
    /// A month's page (1 to 12) of a year split by month.
    Month(i16, i8),
    /// An editorial page, by index into `site.pages`.
    Page(usize),
    Search,
    NotFound,
    /// The index of tags (only when the site has tags).
    Tags,
    /// A tag's page.
    Tag(crate::link::tags::TagId),
}

/// Every page of `site`.
pub fn all_pages(site: &Site, lookup: &Lookup) -> Vec<PageKey> {
    let mut keys = vec![PageKey::Home, PageKey::Sources];
    keys.extend((0..site.sources.len()).map(PageKey::Source));
    keys.push(PageKey::People);
    for (index, person) in site.people.iter().enumerate() {
        keys.push(PageKey::Person(index));
        let pages = views::mention_pages(site, person);
        keys.extend((2..=pages).map(|page| PageKey::PersonPage(index, page)));
    }
    keys.push(PageKey::Timeline);
    for &year in &lookup.years {
        keys.push(PageKey::Year(year));
        for &month in lookup.months.get(&year).into_iter().flatten() {
            keys.push(PageKey::Month(year, month));
        }
    }
    keys.extend((0..site.pages.len()).map(PageKey::Page));
    keys.extend(super::tags::tag_pages(site));
    keys.push(PageKey::Search);
    keys.push(PageKey::NotFound);
    keys
}

/// The site-relative URL of the page `key` (`people/x/`, `` for the home page).
pub fn page_url(site: &Site, key: PageKey) -> String {
    match key {
        PageKey::Home | PageKey::NotFound => String::new(),
        PageKey::Sources => "sources/".into(),
        PageKey::Source(index) => format!("sources/{}/", site.sources[index].id),
        PageKey::People => "people/".into(),
        PageKey::Person(index) => format!("people/{}/", site.people[index].id),
        PageKey::PersonPage(index, page) => {
            views::numbered_page_url(&format!("people/{}/", site.people[index].id), page)
        }
        PageKey::Timeline => "timeline/".into(),
        PageKey::Year(year) => links::period_url(year, 0),
        PageKey::Month(year, month) => links::period_url(year, month),
        PageKey::Page(index) => format!("{}/", site.pages[index].id),
        PageKey::Search => "search/".into(),
        PageKey::Tags => "tags/".into(),
        PageKey::Tag(id) => format!("tags/{}/", site.tags[id.index()].slug),
    }
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
        if self.key == PageKey::NotFound {
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
            title: words(site, "sources"),
            description: Some(words(site, "sources_description")),
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
            title: words(site, "people"),
            description: Some(words(site, "people_description")),
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
        PageKey::PersonPage(index, page) => person_page(site, index, page),
        PageKey::Timeline => timeline(site, lookup),
        PageKey::Year(year) => year_page(site, lookup, year),
        PageKey::Month(year, month) => month_page(site, lookup, year, month),
        PageKey::Page(index) => editorial_page(site, index),
        PageKey::Search => PageJob {
            key,
            url: "search/".into(),
            template: "search.html",
            title: words(site, "search"),
            description: Some(words(site, "search_description")),
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
        PageKey::Tags => super::tags::index_job(site),
        PageKey::Tag(id) => super::tags::tag_job(site, id),
        PageKey::NotFound => PageJob {
            key,
            url: String::new(),
            template: "404.html",
            title: words(site, "not_found"),
            description: None,
            deps: Vec::new(),
            fill: Box::new(|_, _, _| {}),
        },
    }
}

/// The job of editorial page `index`: its Markdown, with its tags.
fn editorial_page(site: &Site, index: usize) -> PageJob<'_> {
    let page = &site.pages[index];
    let tags = &page.file.doc.meta.tags;
    let mut deps = vec![Dep::Page(Some(index)), Dep::Markdown];
    deps.extend(
        super::tags::tag_ids(site, tags)
            .into_iter()
            .map(Dep::TagName),
    );
    PageJob {
        key: PageKey::Page(index),
        url: format!("{}/", page.id),
        template: "page.html",
        title: page.file.doc.meta.title.clone(),
        description: page.file.doc.meta.description.clone(),
        deps,
        fill: Box::new(move |context, links, _| {
            let page = &site.pages[index];
            context.insert(
                "tags",
                &super::tags::tag_links(site, &page.file.doc.meta.tags),
            );
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

/// How many of the newest sources the home page shows.
const HOME_SOURCES: usize = 20;

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
        Dep::TagList,
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
            // The newest sources; the sources index lists them all.
            let sources: Vec<_> = (0..site.sources.len().min(HOME_SOURCES))
                .map(|i| views::source_card(site, i))
                .collect();
            context.insert("sources", &sources);
            context.insert("source_count", &site.sources.len());
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
            context.insert("tags", &super::tags::tag_summaries(site));
        }),
    }
}

fn source(site: &Site, index: usize) -> PageJob<'_> {
    let source = &site.sources[index];
    let mut deps = vec![Dep::Source(index), Dep::SourceCard(index)];
    let mut named: Vec<usize> = source.people.iter().map(|p| p.person).collect();
    named.extend(&source.photographers);
    named.sort_unstable();
    named.dedup();
    deps.extend(named.into_iter().map(Dep::PersonName));
    deps.extend(
        super::tags::tag_ids(site, &source.tags)
            .into_iter()
            .map(Dep::TagName),
    );
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
    // Only a biography (the editor's profile) links names and dates.
    let mut deps = vec![Dep::Person(index), Dep::MentionPage(index, 1)];
    if person.profile.is_some() {
        deps.push(Dep::Markdown);
    }
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

fn person_page(site: &Site, index: usize, page: usize) -> PageJob<'_> {
    let person = &site.people[index];
    PageJob {
        key: PageKey::PersonPage(index, page),
        url: views::numbered_page_url(&format!("people/{}/", person.id), page),
        template: "mentions.html",
        title: site.config.strings().text(
            "mentions_page_title",
            &[("name", &person.name), ("page", &page)],
        ),
        description: Some(
            site.config
                .strings()
                .text("mentions_description", &[("name", &person.name)]),
        ),
        deps: vec![Dep::PersonName(index), Dep::MentionPage(index, page)],
        fill: Box::new(move |context, _, _| {
            context.insert("person", &views::mentions_view(site, index, page))
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
        title: words(site, "timeline"),
        description: Some(words(site, "timeline_description")),
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

/// The entries on the page of `month` of `year` (0: the year page of a
/// year split by month; `None`: the whole year).
fn entries_on(site: &Site, year: i16, month: Option<i8>) -> Vec<usize> {
    (0..site.timeline.len())
        .filter(|&index| {
            let value = &site.timeline[index].value;
            value.year() == year && month.is_none_or(|month| links::month_of(value) == month)
        })
        .collect()
}

/// The inputs of a page that lists `entries`: theirs, and the links in the
/// editorial ones.
fn entry_deps(site: &Site, entries: &[usize]) -> Vec<Dep> {
    let mut deps: Vec<Dep> = entries.iter().copied().map(Dep::Entry).collect();
    if entries
        .iter()
        .any(|&i| site.timeline[i].editorial.is_some())
    {
        deps.push(Dep::Markdown);
    }
    deps
}

fn year_page<'a>(site: &'a Site, lookup: &Lookup, year: i16) -> PageJob<'a> {
    let years: Vec<i16> = lookup.years.iter().copied().collect();
    // A busy year lists its months, each with a page, and only the entries
    // that span the whole year.
    let months: Option<Vec<i8>> = lookup
        .months
        .get(&year)
        .map(|months| months.iter().copied().collect());
    let split = months.is_some();
    let in_page = entries_on(site, year, split.then_some(0));
    let mut deps = vec![Dep::YearList, Dep::YearMentions(year, split.then_some(0))];
    if split {
        deps.push(Dep::MonthCounts(year));
    }
    deps.extend(entry_deps(site, &in_page));
    PageJob {
        key: PageKey::Year(year),
        url: format!("timeline/{year}/"),
        template: "year.html",
        title: format!("{year}"),
        description: Some(happened_in(site, &year)),
        deps,
        fill: Box::new(move |context, links, partials| {
            let (entries, mentions) = entries_and_mentions(site, partials, links, &in_page, || {
                views::year_mentions(site, links, year, split.then_some(0))
            });
            context.insert("year", &year);
            context.insert("entries", &entries);
            context.insert("mentions", &mentions);
            context.insert("by_month", &split);
            let month_list: Vec<MonthLink> = months
                .iter()
                .flatten()
                .map(|&month| MonthLink::new(site, year, month))
                .collect();
            context.insert("months", &month_list);
            let at = years.iter().position(|&y| y == year);
            context.insert(
                "previous",
                &at.and_then(|i| i.checked_sub(1)).and_then(|i| years.get(i)),
            );
            context.insert("next", &at.and_then(|i| years.get(i + 1)));
        }),
    }
}

fn month_page<'a>(site: &'a Site, lookup: &Lookup, year: i16, month: i8) -> PageJob<'a> {
    let months: Vec<i8> = lookup
        .months
        .get(&year)
        .map(|months| months.iter().copied().collect())
        .unwrap_or_default();
    let in_page = entries_on(site, year, Some(month));
    let mut deps = vec![Dep::Months(year), Dep::YearMentions(year, Some(month))];
    deps.extend(entry_deps(site, &in_page));
    let label = month_label(site, year, month);
    PageJob {
        key: PageKey::Month(year, month),
        url: links::period_url(year, month),
        template: "month.html",
        title: label.clone(),
        description: Some(happened_in(site, &label)),
        deps,
        fill: Box::new(move |context, links, partials| {
            let (entries, mentions) = entries_and_mentions(site, partials, links, &in_page, || {
                views::year_mentions(site, links, year, Some(month))
            });
            context.insert("year", &year);
            context.insert("month", &month);
            context.insert("label", &label);
            context.insert("entries", &entries);
            context.insert("mentions", &mentions);
            let at = months.iter().position(|&m| m == month);
            let neighbour = |at: Option<usize>| {
                at.and_then(|i| months.get(i)).map(|&m| views::LinkView {
                    title: month_label(site, year, m),
                    url: links::period_url(year, m),
                    count: 0,
                })
            };
            context.insert("previous", &neighbour(at.and_then(|i| i.checked_sub(1))));
            context.insert("next", &neighbour(at.map(|i| i + 1)));
        }),
    }
}

/// The entries of a year or month page, rendered in parallel (a busy year
/// has thousands), beside its other mentions.
fn entries_and_mentions(
    site: &Site,
    partials: &Partials,
    links: &LinkContext,
    in_page: &[usize],
    mentions: impl FnOnce() -> Vec<views::CitationView> + Send,
) -> (Vec<super::EntryHtml>, Vec<views::CitationView>) {
    rayon::join(
        || {
            in_page
                .par_iter()
                .map(|&index| partials.entry(site, index, links))
                .collect::<Vec<_>>()
        },
        mentions,
    )
}

/// "March 2016", "Mars 2016": a month standing alone, as a heading or a
/// link, so with a capital in every language.
fn month_label(site: &Site, year: i16, month: i8) -> String {
    let label = crate::i18n::dates::month_label(site.config.strings(), year, month);
    crate::i18n::capitalised(&label)
}

/// The site's word for `key`, without anything to fill in.
fn words(site: &Site, key: &str) -> String {
    site.config.strings().text(key, &[])
}

/// "What the sources say happened in 2008."
fn happened_in(site: &Site, period: &dyn std::fmt::Display) -> String {
    site.config
        .strings()
        .text("happened_in", &[("period", period)])
}

/// A month page as the year page lists it.
#[derive(Serialize)]
struct MonthLink {
    month: i8,
    label: String,
    url: String,
    /// Entries in the month.
    count: usize,
}

impl MonthLink {
    fn new(site: &Site, year: i16, month: i8) -> Self {
        MonthLink {
            month,
            label: month_label(site, year, month),
            url: links::period_url(year, month),
            count: site
                .timeline
                .iter()
                .filter(|e| e.value.year() == year && links::month_of(&e.value) == month)
                .count(),
        }
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
