//! Turning names and dates in text into links: plain text in, escaped HTML out.
//!
//! Used for the source bodies (spans known from the extract stage) and for
//! editorial Markdown (names found by the site's [`NameMatcher`], dates by the
//! date finder).
//!
//! Also resolves the cross-references editors write by hand in Markdown
//! (`@person/ID`, `@source/ID#p3`, `@page/ID`, `@date/2020-01-05` or just
//! `@2020-01-05`): a reference in, the target's URL and label out, or a
//! message and hint saying why it points nowhere.

use super::{escape_html, push_escaped_html};
use crate::anchor::{line_anchor, ParagraphAnchor};
use crate::clean::{Article, Block, BlockKind};
use crate::date_value::parse_date_value;
use crate::diag::{nearest, one_of, Diagnostic};
use crate::extract::dates::{find_dates, DateValue, IsoKey};
use crate::frontmatter::DateText;
pub use crate::layout::TIMELINE_INDEX_LIMIT;
use crate::link::Site;
use crate::load::MarkdownFile;
use crate::reference::{Reference, REFERENCE_FORMS};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// Where each linkable thing lives, computed once per build.
#[derive(Debug, Default)]
pub struct Lookup<'a> {
    /// Timeline entry index by ISO value (the first entry with that value).
    pub entry_by_iso: HashMap<IsoKey, usize>,
    /// Years that have a year page.
    pub years: BTreeSet<i16>,
    /// Person, source and editorial page index by id, for cross-references.
    pub person_by_id: HashMap<&'a str, usize>,
    pub source_by_id: HashMap<&'a str, usize>,
    pub page_by_id: HashMap<&'a str, usize>,
    /// Whether the timeline page lists every entry ([`TIMELINE_INDEX_LIMIT`]);
    /// when it does not, entries are linked on their year pages.
    pub timeline_on_index: bool,
    /// Years with more entries than `[timeline] year_page_limit`, and for
    /// each the months that have a page: such a year's page lists its
    /// months and its year-wide entries, and each month page the rest.
    pub months: std::collections::BTreeMap<i16, BTreeSet<i8>>,
    /// The date mentions no timeline entry of their year cites, by year and
    /// [`month_of`], as (source, mention) indexes in the sources' order:
    /// made on first use, so that each year and month page reads its own
    /// instead of every date in the site.
    uncited: std::sync::OnceLock<UncitedDates>,
}

/// (year, [`month_of`]) -> (source, mention) indexes; see [`Lookup::uncited_dates`].
type UncitedDates = std::collections::BTreeMap<(i16, i8), Vec<(u32, u32)>>;

/// The month page a dated value belongs on in a year split by month (see
/// [`Lookup::months`]): its first month, or 0 (the year page itself) for a
/// value that spans the year.
pub fn month_of(value: &DateValue) -> i8 {
    if value.is_wide() {
        0
    } else {
        value.start.month()
    }
}

/// The site-relative URL of the page of `month` (0: the year page) of `year`.
pub fn period_url(year: i16, month: i8) -> String {
    let mut url = String::with_capacity(20);
    push_period_url(&mut url, year, month);
    url
}

/// The timeline page an entry is listed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimelinePage {
    /// The timeline itself, on a site small enough to list every entry there.
    All,
    Year(i16),
    /// A month page of a year split by month.
    Month(i16, i8),
}

impl TimelinePage {
    /// The page's site-relative URL (`timeline/`, `timeline/2012/`, …).
    pub fn path(self) -> String {
        match self {
            TimelinePage::All => "timeline/".to_string(),
            TimelinePage::Year(year) => period_url(year, 0),
            TimelinePage::Month(year, month) => period_url(year, month),
        }
    }
}

/// Appends [`period_url`] to `out`.
fn push_period_url(out: &mut String, year: i16, month: i8) {
    use std::fmt::Write;
    // Writing into a string cannot fail.
    let _ = if month == 0 {
        write!(out, "timeline/{year}/")
    } else {
        write!(out, "timeline/{year}/{month:02}/")
    };
}

impl<'a> Lookup<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut lookup = Lookup::default();
        // Years are marked rather than inserted one by one: a large site
        // has hundreds of thousands of dates in a few dozen years.
        let mut years = vec![false; 1 << 16];
        let mut mark = |year: i16| years[year as u16 as usize] = true;
        for (index, entry) in site.timeline.iter().enumerate() {
            lookup
                .entry_by_iso
                .entry(entry.value.iso_key())
                .or_insert(index);
            mark(entry.value.year());
        }
        for source in &site.sources {
            for mention in source.dates.iter() {
                mark(mention.value.year());
            }
        }
        lookup.years = (0..years.len())
            .filter(|&at| years[at])
            .map(|at| at as u16 as i16)
            .collect();
        let by_id = |ids: Vec<&'a String>| -> HashMap<&'a str, usize> {
            let mut map = HashMap::with_capacity(ids.len());
            for (index, id) in ids.into_iter().enumerate() {
                map.entry(id.as_str()).or_insert(index);
            }
            map
        };
        lookup.person_by_id = by_id(site.people.iter().map(|p| &p.id).collect());
        lookup.source_by_id = by_id(site.sources.iter().map(|s| &s.id).collect());
        lookup.page_by_id = by_id(site.pages.iter().map(|p| &p.id).collect());
        lookup.timeline_on_index = site.timeline.len() <= TIMELINE_INDEX_LIMIT;
        lookup.months = split_years(site);
        lookup
    }

    /// The date mentions of `year` that no entry of that year cites, as
    /// (source, mention) indexes in the sources' order; `month` narrows them
    /// to one [`month_of`] (0: the dates that span the year).
    pub fn uncited_dates(&self, site: &Site, year: i16, month: Option<i8>) -> Vec<(usize, usize)> {
        let by_period = self.uncited.get_or_init(|| {
            let mut by_period = UncitedDates::new();
            for (source_index, source) in site.sources.iter().enumerate() {
                for (index, mention) in source.dates.iter().enumerate() {
                    let year = mention.value.year();
                    let entry = source.date_entries.get(index).copied().flatten();
                    if entry.is_some_and(|e| site.timeline[e].value.year() == year) {
                        continue;
                    }
                    by_period
                        .entry((year, month_of(&mention.value)))
                        .or_default()
                        .push((source_index as u32, index as u32));
                }
            }
            by_period
        });
        let mut found: Vec<(usize, usize)> = match month {
            Some(month) => by_period
                .get(&(year, month))
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|&(source, index)| (source as usize, index as usize))
                .collect(),
            None => by_period
                .range((year, i8::MIN)..=(year, i8::MAX))
                .flat_map(|(_, found)| found.iter())
                .map(|&(source, index)| (source as usize, index as usize))
                .collect(),
        };
        // Months are kept apart; the sources' order is what a page shows.
        if month.is_none() {
            found.sort_unstable();
        }
        found
    }

    /// The site-relative URL of a timeline entry: its anchor on the timeline
    /// page, or on its year (or month) page when the timeline page summarises years.
    pub fn entry_path(&self, entry: &crate::link::TimelineEntry) -> String {
        let mut path = String::with_capacity(entry.id.len() + 24);
        self.push_entry_path(&mut path, entry);
        path
    }

    /// Appends [`Lookup::entry_path`] to `out`: written in place, as source
    /// and person pages link hundreds of thousands of dates and events.
    fn push_entry_path(&self, out: &mut String, entry: &crate::link::TimelineEntry) {
        match self.entry_page(entry) {
            TimelinePage::All => out.push_str("timeline/"),
            TimelinePage::Year(year) => push_period_url(out, year, 0),
            TimelinePage::Month(year, month) => push_period_url(out, year, month),
        }
        out.push('#');
        out.push_str(&entry.id);
    }

    /// The page that lists `entry`: the timeline itself on a small site,
    /// else its year's page, or its month's in a year split by month.
    pub fn entry_page(&self, entry: &crate::link::TimelineEntry) -> TimelinePage {
        if self.timeline_on_index {
            return TimelinePage::All;
        }
        let year = entry.value.year();
        match self.months.contains_key(&year) {
            true => match month_of(&entry.value) {
                0 => TimelinePage::Year(year),
                month => TimelinePage::Month(year, month),
            },
            false => TimelinePage::Year(year),
        }
    }
}

/// The years too busy for one page, each with the months that get a page:
/// those of its entries and of its other dates (see [`Lookup::months`]).
pub fn split_years(site: &Site) -> std::collections::BTreeMap<i16, BTreeSet<i8>> {
    let limit = site.config.timeline.year_page_limit.0;
    let mut counts: HashMap<i16, usize> = HashMap::new();
    for entry in &site.timeline {
        *counts.entry(entry.value.year()).or_default() += 1;
    }
    let mut months: std::collections::BTreeMap<i16, BTreeSet<i8>> = counts
        .into_iter()
        .filter(|&(_, count)| count > limit)
        .map(|(year, _)| (year, BTreeSet::new()))
        .collect();
    if months.is_empty() {
        return months;
    }
    let values = site.timeline.iter().map(|entry| &entry.value).chain(
        site.sources
            .iter()
            .flat_map(|s| s.dates.iter().map(|d| &d.value)),
    );
    for value in values {
        if let Some(pages) = months.get_mut(&value.year()) {
            let month = month_of(value);
            if month != 0 {
                pages.insert(month);
            }
        }
    }
    months
}

/// Everything needed to link text on one page: the site and the page's path back to the root.
#[derive(Clone, Copy)]
pub struct LinkContext<'a> {
    pub root: &'a str,
    site: Option<(&'a Site, &'a Lookup<'a>)>,
    /// The person whose own page this is: their name is not linked to it.
    pub(super) subject: Option<usize>,
}

impl<'a> LinkContext<'a> {
    pub fn new(site: &'a Site, lookup: &'a Lookup<'a>, root: &'a str) -> Self {
        LinkContext {
            root,
            site: Some((site, lookup)),
            subject: None,
        }
    }

    /// See [`Lookup::uncited_dates`]; none without a site.
    pub fn uncited_dates(&self, year: i16, month: Option<i8>) -> Vec<(usize, usize)> {
        self.site.map_or_else(Vec::new, |(site, lookup)| {
            lookup.uncited_dates(site, year, month)
        })
    }

    /// The same context for the own page of person `index`, whose name
    /// is then not linked (a page never links to itself).
    pub fn about(&self, index: usize) -> Self {
        LinkContext {
            subject: Some(index),
            ..*self
        }
    }

    /// A context that links nothing (for tests and text outside a site).
    pub fn plain() -> LinkContext<'static> {
        LinkContext {
            root: "",
            site: None,
            subject: None,
        }
    }

    pub fn person_url(&self, person: usize) -> String {
        match self.site {
            Some((site, _)) => [self.root, "people/", &site.people[person].id, "/"].concat(),
            None => String::new(),
        }
    }

    /// The timeline entry with this exact value, else the year page, if either exists.
    pub fn date_url(&self, value: &DateValue) -> Option<String> {
        let (_, lookup) = self.site?;
        if let Some(&entry) = lookup.entry_by_iso.get(&value.iso_key()) {
            return Some(self.entry_url(entry));
        }
        lookup
            .years
            .contains(&value.year())
            .then(|| format!("{}timeline/{}/", self.root, value.year()))
    }

    /// The site-relative URL of a timeline entry (see [`Lookup::entry_path`]).
    pub fn entry_path(&self, entry: &crate::link::TimelineEntry) -> String {
        match self.site {
            Some((_, lookup)) => lookup.entry_path(entry),
            None => format!("timeline/#{}", entry.id),
        }
    }

    /// The URL of timeline entry `entry` (an index into the site's timeline).
    pub fn entry_url(&self, entry: usize) -> String {
        match self.site {
            Some((site, lookup)) => {
                let entry = &site.timeline[entry];
                let mut url = String::with_capacity(self.root.len() + entry.id.len() + 24);
                url.push_str(self.root);
                lookup.push_entry_path(&mut url, entry);
                url
            }
            None => String::new(),
        }
    }

    /// Escapes `text`, linking the first mention of each person (tracked in
    /// `linked`) and every date that has a timeline entry or year page.
    pub fn link_text(&self, text: &str, linked: &mut HashSet<usize>) -> String {
        let Some((site, _)) = self.site else {
            return escape_html(text);
        };
        let mut spans: Vec<LinkSpan> = Vec::new();
        for found in site.names.find(text) {
            if linked.insert(found.person) {
                spans.push(LinkSpan {
                    start: found.start,
                    end: found.end,
                    url: self.person_url(found.person),
                    class: LinkClass::Person,
                });
            }
        }
        let article = Article {
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: text.to_string(),
                credit: None,
                line: 1,
            }],
            ..Article::default()
        };
        for mention in find_dates(&article, None) {
            if let Some(url) = self.date_url(&mention.value) {
                spans.push(LinkSpan {
                    start: mention.span.start,
                    end: mention.span.end,
                    url,
                    class: LinkClass::Date,
                });
            }
        }
        link_spans(text, spans)
    }
}

/// What a link in text leads to; its name is the link's `class` in the HTML,
/// which themes style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkClass {
    Person,
    Source,
    Page,
    Date,
}

impl LinkClass {
    pub fn name(self) -> &'static str {
        match self {
            LinkClass::Person => "person",
            LinkClass::Source => "source",
            LinkClass::Page => "page",
            LinkClass::Date => "date",
        }
    }
}

/// A stretch of text to link: bytes `start..end` of the text, to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpan {
    pub start: usize,
    pub end: usize,
    pub url: String,
    pub class: LinkClass,
}

/// Where a cross-reference points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// URL relative to the site root (`people/nouri-al-maliki/`, `sources/x/#p3`).
    pub url: String,
    /// What to call the target when the editor wrote only the reference.
    pub label: String,
    /// The link's class, as for links found in text.
    pub class: LinkClass,
    /// The person linked, so the page does not link their name a second time.
    pub person: Option<usize>,
}

/// Why a cross-reference points nowhere, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub message: String,
    pub hint: String,
}

fn unresolved(message: impl Into<String>, hint: impl Into<String>) -> Unresolved {
    Unresolved {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Generated pages an `@page/` reference may name besides the editorial
/// pages; each id is also the key of the page's title in the theme's words.
const SECTION_PAGES: [&str; 3] = ["sources", "people", "timeline"];

impl LinkContext<'_> {
    /// Resolves a cross-reference written as a Markdown link destination
    /// (`@person/nouri-al-maliki`, `@source/x#p12`, `@2020-01-05`, ...).
    pub fn resolve_reference(&self, reference: &str) -> Result<Target, Unresolved> {
        let Some((site, lookup)) = self.site else {
            return Err(unresolved(
                format!("`{reference}` cannot be resolved outside a site"),
                "build the site to resolve cross-references",
            ));
        };
        match Reference::parse(reference) {
            Reference::Person(id) => resolve_person(site, lookup, id),
            Reference::Source { id, anchor } => resolve_source(site, lookup, id, anchor),
            Reference::Page(id) => resolve_page(site, lookup, id),
            Reference::Date(text) => resolve_date(site, lookup, text),
            Reference::Unknown => Err(unresolved(
                format!("`{reference}` is not a cross-reference Backstory knows"),
                REFERENCE_FORMS,
            )),
        }
    }
}

impl LinkContext<'_> {
    /// True when `reference` names a source, page or profile that does not
    /// resolve because its file is in `content/` but could not be loaded:
    /// that file's own error says why, and the reference adds none.
    pub fn names_unreadable(&self, reference: &str) -> bool {
        let Some((site, lookup)) = self.site else {
            return false;
        };
        let unreadable = &site.unreadable;
        match Reference::parse(reference) {
            Reference::Person(id) => {
                let id = id.split('#').next().unwrap_or_default();
                !lookup.person_by_id.contains_key(id) && unreadable.people.contains_key(id)
            }
            Reference::Source { id, .. } => {
                !lookup.source_by_id.contains_key(id) && unreadable.sources.contains_key(id)
            }
            Reference::Page(id) => {
                let id = id.split('#').next().unwrap_or_default();
                !lookup.page_by_id.contains_key(id) && unreadable.pages.contains_key(id)
            }
            Reference::Date(_) | Reference::Unknown => false,
        }
    }
}

fn resolve_person(site: &Site, lookup: &Lookup, id: &str) -> Result<Target, Unresolved> {
    if let Some(&index) = lookup.person_by_id.get(id) {
        let person = &site.people[index];
        return Ok(Target {
            url: format!("people/{}/", person.id),
            label: person.name.clone(),
            class: LinkClass::Person,
            person: Some(index),
        });
    }
    // A full name or alias written as a slug instead of the id
    // ("ali-al-sistani" for the page at people/ali-sistani/), when only one person has it.
    let wanted = crate::slug::slugify(id);
    let named: Vec<usize> = site
        .people
        .iter()
        .enumerate()
        .filter(|(_, person)| {
            std::iter::once(&person.name)
                .chain(&person.aliases)
                .any(|form| crate::slug::slugify(form) == wanted)
        })
        .map(|(index, _)| index)
        .collect();
    if let ([index], true) = (named.as_slice(), wanted.contains('-')) {
        let person = &site.people[*index];
        return Ok(Target {
            url: format!("people/{}/", person.id),
            label: person.name.clone(),
            class: LinkClass::Person,
            person: Some(*index),
        });
    }
    let by_name = named.first().map(|&index| &site.people[index]);
    let mut candidates: Vec<&str> = by_name.map(|p| p.id.as_str()).into_iter().collect();
    for candidate in nearest(&wanted, site.people.iter().map(|p| p.id.as_str()), 3) {
        if !candidates.contains(&candidate) {
            candidates.push(candidate);
        }
    }
    candidates.truncate(3);
    let hint = if candidates.is_empty() {
        "use the id from the person's address (people/ID/ on the people page), \
         or add a profile in content/people/ (`backstory new person \"Full Name\"`)"
            .to_string()
    } else {
        format!("did you mean {}?", one_of(&candidates))
    };
    Err(unresolved(format!("no person has the id `{id}`"), hint))
}

fn resolve_source(
    site: &Site,
    lookup: &Lookup,
    id: &str,
    anchor: Option<&str>,
) -> Result<Target, Unresolved> {
    let Some(&index) = lookup.source_by_id.get(id) else {
        let candidates = nearest(id, site.sources.iter().map(|s| s.id.as_str()), 3);
        let hint = if candidates.is_empty() {
            "a source's id is its file name in content/sources/ without `.txt`".to_string()
        } else {
            format!("did you mean {}?", one_of(&candidates))
        };
        return Err(unresolved(format!("no source has the id `{id}`"), hint));
    };
    let source = &site.sources[index];
    let mut url = format!("sources/{}/", source.id);
    if let Some(anchor) = anchor {
        let blocks = &source.article.blocks;
        let parsed = ParagraphAnchor::parse(anchor);
        let found = parsed.and_then(|parsed| parsed.resolve(blocks, &source.article.removed));
        let Some(block) = found else {
            return Err(unresolved(
                format!("source `{id}` has no paragraph `#{anchor}`"),
                paragraph_hint(blocks, anchor.starts_with('p')),
            ));
        };
        url.push('#');
        match parsed {
            // A number is kept as written: the page has that id too.
            Some(ParagraphAnchor::Number(_)) => url.push_str(anchor),
            _ => url.push_str(&line_anchor(blocks, block)),
        }
    }
    Ok(Target {
        url,
        label: source.title.clone(),
        class: LinkClass::Source,
        person: None,
    })
}

/// What to write instead of a paragraph anchor that names no paragraph, in
/// the form the editor used (`numbered`: `#p3`).
fn paragraph_hint(blocks: &[Block], numbered: bool) -> String {
    match (blocks, numbered) {
        ([], _) => "the source has no paragraphs; link the whole source".to_string(),
        ([_], true) => "the source has one paragraph, `#p1`".to_string(),
        (_, true) => format!(
            "its paragraphs are `#p1` to `#p{}`, counted from the top of its page",
            blocks.len()
        ),
        ([first, ..], false) => format!(
            "write `#L` and the line of the original text where the paragraph starts \
             (`#L{}` to `#L{}`); the source's page shows each paragraph's reference",
            first.line,
            blocks.last().map_or(first.line, |last| last.line)
        ),
    }
}

fn resolve_page(site: &Site, lookup: &Lookup, id: &str) -> Result<Target, Unresolved> {
    if let Some(&index) = lookup.page_by_id.get(id) {
        let page = &site.pages[index];
        return Ok(Target {
            url: format!("{}/", page.id),
            label: page.file.doc.meta.title.clone(),
            class: LinkClass::Page,
            person: None,
        });
    }
    if let Some(section) = SECTION_PAGES.iter().find(|section| **section == id) {
        return Ok(Target {
            url: format!("{section}/"),
            label: site.config.strings().text(section, &[]),
            class: LinkClass::Page,
            person: None,
        });
    }
    if let Some(path) = site.unreadable.draft_pages.get(id) {
        return Err(unresolved(
            format!("`{id}` is a draft ({} says draft = true), so it is left out of the site", path.display()),
            "preview drafts with `backstory serve` or `backstory build --drafts`; to publish the page, remove `draft = true`",
        ));
    }
    let ids = site
        .pages
        .iter()
        .map(|p| p.id.as_str())
        .chain(SECTION_PAGES);
    let candidates = nearest(id, ids, 3);
    let hint = if candidates.is_empty() {
        "a page's id is its file name in content/pages/ without `.md`, or its `slug`".to_string()
    } else {
        format!("did you mean {}?", one_of(&candidates))
    };
    Err(unresolved(format!("no page has the id `{id}`"), hint))
}

/// How many years from the nearest timeline date a date link may be and
/// still be offered that date as a likely fix.
const NEAR_YEARS: i16 = 5;

fn resolve_date(site: &Site, lookup: &Lookup, text: &str) -> Result<Target, Unresolved> {
    let Some(value) = parse_date_value(&DateText(text.to_string())).filter(|v| v.iso() == text)
    else {
        return Err(unresolved(
            crate::explain::not_a_date(text),
            "write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example `@2020-01-05`",
        ));
    };
    let year_page = lookup
        .years
        .contains(&value.year())
        .then(|| format!("timeline/{}/", value.year()));
    let entry = lookup
        .entry_by_iso
        .get(&value.iso_key())
        .map(|&entry| lookup.entry_path(&site.timeline[entry]));
    // A year is best shown by its own page; a day or month by its entry.
    let url = if value.is_wide() {
        year_page.or(entry)
    } else {
        entry.or(year_page)
    };
    match url {
        Some(url) => Ok(Target {
            url,
            label: crate::i18n::date_label(site.config.strings(), &value),
            class: LinkClass::Date,
            person: None,
        }),
        None => {
            // Only values a cross-reference can name (`@2021`, `@2021-03`,
            // `@2021-03-01`): a season, decade or century has no such form.
            let mut near: Vec<&DateValue> = site
                .timeline
                .iter()
                .map(|e| &e.value)
                .filter(|v| !v.is_wide() || v.precision == crate::extract::dates::Precision::Year)
                .collect();
            near.sort_by_key(|other| {
                value
                    .start
                    .until(other.start)
                    .map_or(u32::MAX, |span| span.get_days().unsigned_abs())
            });
            let mut isos: Vec<String> = Vec::new();
            for other in near {
                let iso = other.iso();
                if !isos.contains(&iso) {
                    isos.push(iso);
                }
                if isos.len() == 3 {
                    break;
                }
            }
            let near = isos;
            let near: Vec<&str> = near.iter().map(String::as_str).collect();
            // A date far from every entry (a historical date in an
            // explainer about today) is not a typo: say what a date link
            // needs rather than offer dates decades away.
            let close = near
                .first()
                .and_then(|iso| iso.get(..4)?.parse::<i16>().ok())
                .is_some_and(|year| (year - value.year()).abs() <= NEAR_YEARS);
            let add = format!("add an event for it (`backstory new event \"What happened\" --date {text}`), or write the date as plain text");
            let hint = if close {
                let near: Vec<String> = near.iter().map(|d| format!("`{d}`")).collect();
                format!(
                    "the nearest dates on the timeline: {}; or {add}",
                    near.join(", ")
                )
            } else {
                format!(
                    "a date link leads to the timeline, and nothing on it is in {}: {add}",
                    value.year()
                )
            };
            Err(unresolved(
                format!("no timeline entry or year page for {text}"),
                hint,
            ))
        }
    }
}

/// One editorial Markdown text of the site and the page that shows it.
#[derive(Debug, Clone)]
pub struct MarkdownText<'a> {
    /// The file, relative to the site root.
    pub file: &'a Path,
    pub body: &'a str,
    /// The file line the body starts on.
    pub first_line: usize,
    /// The page it is shown on, relative to the site root (`` for the home page).
    pub url: String,
}

/// Every editorial Markdown text: the home page, pages, people's profiles,
/// timeline events and eras.
pub fn markdown_texts(site: &Site) -> Vec<MarkdownText<'_>> {
    fn text<T>(file: &MarkdownFile<T>, url: String) -> MarkdownText<'_> {
        MarkdownText {
            file: &file.path,
            body: &file.doc.body,
            first_line: file.doc.body_line,
            url,
        }
    }
    let mut texts = Vec::new();
    texts.extend(site.home.iter().map(|home| text(&home.file, String::new())));
    texts.extend(
        site.pages
            .iter()
            .map(|page| text(&page.file, format!("{}/", page.id))),
    );
    for person in &site.people {
        if let Some(profile) = &person.profile {
            texts.push(text(profile, format!("people/{}/", person.id)));
        }
    }
    for entry in &site.timeline {
        if let Some(event) = &entry.editorial {
            texts.push(text(&event.file, "timeline/".to_string()));
        }
    }
    for era in &site.eras {
        texts.push(text(&era.event.file, "timeline/".to_string()));
    }
    texts
}

/// Every cross-reference and every plain link inside the site in the site's
/// Markdown that points nowhere. `build` and `check` both report these, so
/// they agree on what is broken.
pub fn reference_problems(site: &Site) -> Vec<Diagnostic> {
    let lookup = Lookup::new(site);
    let links = LinkContext::new(site, &lookup, "");
    let files = super::plain_links::SiteFiles::new(site, &lookup);
    markdown_texts(site)
        .iter()
        .flat_map(|text| {
            let mut problems =
                super::markdown::reference_problems(text.file, text.body, text.first_line, &links);
            problems.extend(files.broken_links(site, text));
            problems
        })
        .collect()
}

/// Escapes `text` and wraps each span in a link. Overlapping spans after
/// the first are dropped; spans off char boundaries are ignored.
pub fn link_spans(text: &str, mut spans: Vec<LinkSpan>) -> String {
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut html = String::with_capacity(text.len() + spans.len() * 48);
    let mut at = 0;
    for LinkSpan {
        start,
        end,
        url,
        class,
    } in spans
    {
        if start < at
            || end <= start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        push_escaped_html(&mut html, &text[at..start]);
        html.push_str("<a class=\"");
        html.push_str(class.name());
        html.push_str("\" href=\"");
        push_escaped_html(&mut html, &url);
        html.push_str("\">");
        push_escaped_html(&mut html, &text[start..end]);
        html.push_str("</a>");
        at = end;
    }
    push_escaped_html(&mut html, &text[at..]);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_spans_and_escapes_everything_else() {
        let text = "<b>Ana</b> met Bo & Cy";
        let span = |start, end, url: &str| LinkSpan {
            start,
            end,
            url: url.to_string(),
            class: LinkClass::Person,
        };
        let spans = vec![
            span(3, 6, "people/ana/"),
            span(15, 17, "people/bo/"),
            span(16, 19, "overlap"),
        ];
        assert_eq!(
            link_spans(text, spans),
            "&lt;b&gt;<a class=\"person\" href=\"people/ana/\">Ana</a>&lt;/b&gt; met \
             <a class=\"person\" href=\"people/bo/\">Bo</a> &amp; Cy"
        );
    }

    #[test]
    fn ignores_spans_off_char_boundaries() {
        let span = LinkSpan {
            start: 1,
            end: 2,
            url: "x".to_string(),
            class: LinkClass::Date,
        };
        assert_eq!(link_spans("é", vec![span]), "é");
    }
}
