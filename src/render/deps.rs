//! What each page is made of: the [`Site`] graph in, one fingerprint per
//! entity out, so watch mode can re-render exactly the pages whose inputs
//! changed.
//!
//! A page job lists its inputs as [`Dep`]s (its source, the people it names,
//! the timeline entries it shows ...). Each input has a fingerprint computed
//! here from exactly the fields the page views read, by id rather than by
//! position, so an edit elsewhere does not disturb it. A page's fingerprint
//! is the hash of its template, the site-wide settings and its inputs'
//! fingerprints; an unchanged fingerprint means unchanged HTML.

use super::links::{LinkContext, Lookup};
use super::views;
pub use crate::fingerprint::hash_of;
use crate::fingerprint::Fingerprinter;
use crate::link::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;

/// One input of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    /// A source's text, metadata and links (by index into `site.sources`).
    Source(usize),
    /// What a source's card shows in lists.
    SourceCard(usize),
    /// What a person's card shows in lists.
    PersonCard(usize),
    /// Everything a person's own page shows about them.
    Person(usize),
    /// A timeline entry with its citations.
    Entry(usize),
    /// Every source card (the home page and the sources index).
    AllSourceCards,
    /// Every person card (the home page and the people index).
    AllPersonCards,
    /// Every timeline entry and era (the timeline page).
    AllEntries,
    /// The years and the number of entries in each.
    Years,
    /// The dates of a year in the sources that no entry of that year quotes.
    YearMentions(i16),
    /// What editorial Markdown links to: people's names and the dated pages.
    Markdown,
    /// An editorial page's file (`None` is the home page's text).
    Page(Option<usize>),
}

/// Fingerprints of every entity, computed once per render.
pub struct Fingerprints {
    sources: Vec<u64>,
    source_cards: Vec<u64>,
    person_cards: Vec<u64>,
    people: Vec<u64>,
    entries: Vec<u64>,
    all_source_cards: u64,
    all_person_cards: u64,
    all_entries: u64,
    years: u64,
    year_mentions: HashMap<i16, u64>,
    markdown: u64,
    pages: Vec<u64>,
    home: u64,
}

fn debug_hash(value: &impl std::fmt::Debug) -> u64 {
    hash_of(format!("{value:?}"))
}

impl Fingerprints {
    /// `source_keys` maps a source id to a hash of its raw file and sidecar
    /// (the inputs of cleaning); sources missing from it hash their cleaned text.
    pub fn new(site: &Site, lookup: &Lookup, source_keys: &HashMap<String, u64>) -> Self {
        let person_id = |p: usize| site.people[p].id.as_str();
        let entry_id = |e: usize| site.timeline[e].id.as_str();
        let plain = LinkContext::new(site, lookup, "");
        // What a quote of one paragraph shows: the source and the paragraph's
        // text. Pages that quote sentences depend on these, not on the whole
        // source, so an edit re-renders only the pages quoting what changed.
        let blocks: Vec<Vec<u64>> = site
            .sources
            .par_iter()
            .map(|source| {
                let blocks = source.article.blocks.iter();
                (blocks.map(|block| hash_of((&source.id, &source.title, &block.text)))).collect()
            })
            .collect();
        let paragraph = |source: usize, block: usize| {
            (
                &site.sources[source].publication,
                block,
                blocks[source].get(block).copied(),
            )
        };
        let quote =
            |source: usize, span: crate::extract::Span| (span, paragraph(source, span.block));
        let sources: Vec<u64> = site
            .sources
            .par_iter()
            .map(|source| {
                let mut h = Fingerprinter::new();
                match source_keys.get(&source.id) {
                    Some(key) => key.hash(&mut h),
                    None => format!("{:?}", source.article).hash(&mut h),
                }
                (&source.id, &source.path, &source.title, &source.publication).hash(&mut h);
                (&source.date, &source.authors, &source.url, &source.language).hash(&mut h);
                for mention in &source.people {
                    (mention.span, person_id(mention.person)).hash(&mut h);
                }
                for (index, mention) in source.dates.iter().enumerate() {
                    match source.date_entries.get(index).copied().flatten() {
                        Some(entry) => entry_id(entry).hash(&mut h),
                        None => plain.date_url(&mention.value).hash(&mut h),
                    }
                }
                for author in &source.author_ids {
                    author.map(person_id).hash(&mut h);
                }
                for &photographer in &source.photographers {
                    person_id(photographer).hash(&mut h);
                }
                h.finish()
            })
            .collect();
        let source_cards: Vec<u64> = (0..site.sources.len())
            .into_par_iter()
            .map(|index| hash_of(views::source_card(site, index)))
            .collect();
        let person_cards: Vec<u64> = site
            .people
            .par_iter()
            .map(|person| debug_hash(&views::person_card(person)))
            .collect();
        let entries: Vec<u64> = site
            .timeline
            .par_iter()
            .map(|entry| {
                let mut h = Fingerprinter::new();
                (&entry.id, entry.value).hash(&mut h);
                for citation in &entry.citations {
                    // The paragraph's print covers the source and the sentence's text.
                    paragraph(citation.source, citation.block).hash(&mut h);
                    (&citation.sentence_range, citation.date_text(site)).hash(&mut h);
                }
                if let Some(event) = &entry.editorial {
                    format!("{:?}", event.file).hash(&mut h);
                    for &source in &event.sources {
                        source_cards[source].hash(&mut h);
                    }
                }
                for &person in &entry.people {
                    (person_id(person), &site.people[person].name).hash(&mut h);
                }
                h.finish()
            })
            .collect();
        let people = site
            .people
            .par_iter()
            .enumerate()
            .map(|(index, person)| {
                let mut h = Fingerprinter::new();
                person_cards[index].hash(&mut h);
                (&person.aliases, &person.description).hash(&mut h);
                format!("{:?}", person.profile).hash(&mut h);
                for &(source, span) in &person.mentions {
                    quote(source, span).hash(&mut h);
                }
                for &(other, count) in &person.appears_with {
                    (person_id(other), &site.people[other].name, count).hash(&mut h);
                }
                // A person page lists its events as summaries (no citations):
                // what the quotes of an entry say does not change it.
                lookup.timeline_on_index.hash(&mut h);
                for &entry in &person.events {
                    let entry = &site.timeline[entry];
                    let title = entry.editorial.as_ref().map(|e| &e.file.doc.meta.title);
                    (&entry.id, entry.value, title).hash(&mut h);
                }
                for page in &person.pages {
                    page.map(|p| &site.pages[p].id).hash(&mut h);
                }
                h.finish()
            })
            .collect();
        let mut years: BTreeMap<i16, usize> = BTreeMap::new();
        for entry in &site.timeline {
            *years.entry(entry.value.year()).or_default() += 1;
        }
        // As `views::year_mentions` picks them: a year's dates that no entry of the year cites.
        let mut cited: Vec<(usize, usize, i16)> = site
            .timeline
            .iter()
            .flat_map(|entry| {
                let year = entry.value.year();
                entry
                    .citations
                    .iter()
                    .map(move |c| (c.source, c.mention, year))
            })
            .collect();
        cited.par_sort_unstable();
        let mut year_mentions: HashMap<i16, Fingerprinter> = HashMap::new();
        for (source, found) in site.sources.iter().enumerate() {
            for (index, mention) in found.dates.iter().enumerate() {
                let year = mention.value.year();
                if cited.binary_search(&(source, index, year)).is_err() {
                    quote(source, mention.span).hash(year_mentions.entry(year).or_default());
                }
            }
        }
        let mut by_iso: Vec<(&String, &usize)> = lookup.entry_by_iso.iter().collect();
        by_iso.sort();
        let names: Vec<_> = site
            .people
            .iter()
            .map(|p| (&p.id, &p.name, &p.aliases, format!("{:?}", p.kind)))
            .collect();
        let markdown = hash_of((
            names,
            by_iso
                .iter()
                .map(|(iso, &e)| (iso, entry_id(e)))
                .collect::<Vec<_>>(),
            &lookup.years,
        ));
        let eras: Vec<String> = site.eras.iter().map(|era| format!("{era:?}")).collect();
        Fingerprints {
            all_source_cards: hash_of(&source_cards),
            all_person_cards: hash_of(&person_cards),
            all_entries: hash_of((&entries, eras)),
            years: hash_of((years, &lookup.years)),
            year_mentions: year_mentions
                .into_iter()
                .map(|(year, hasher)| (year, hasher.finish()))
                .collect(),
            markdown,
            pages: site
                .pages
                .iter()
                .map(|page| debug_hash(&page.file))
                .collect(),
            home: debug_hash(&site.home.as_ref().map(|h| &h.file)),
            sources,
            source_cards,
            person_cards,
            people,
            entries,
        }
    }

    /// The fingerprint of everything the timeline entry `index` shows: an
    /// editorial entry's text also links people and dates ([`Dep::Markdown`]).
    pub fn entry(&self, site: &Site, index: usize) -> u64 {
        match site.timeline[index].editorial {
            Some(_) => hash_of((self.entries[index], self.markdown)),
            None => self.entries[index],
        }
    }

    fn of(&self, dep: Dep) -> u64 {
        match dep {
            Dep::Source(i) => self.sources[i],
            Dep::SourceCard(i) => self.source_cards[i],
            Dep::PersonCard(i) => self.person_cards[i],
            Dep::Person(i) => self.people[i],
            Dep::Entry(i) => self.entries[i],
            Dep::AllSourceCards => self.all_source_cards,
            Dep::AllPersonCards => self.all_person_cards,
            Dep::AllEntries => self.all_entries,
            Dep::Years => self.years,
            Dep::YearMentions(year) => self.year_mentions.get(&year).copied().unwrap_or(0),
            Dep::Markdown => self.markdown,
            Dep::Page(Some(i)) => self.pages[i],
            Dep::Page(None) => self.home,
        }
    }

    /// The fingerprint of a page: its template, the site-wide settings and its inputs.
    pub fn page(&self, template: u64, global: u64, url: &str, deps: &[Dep]) -> u64 {
        let mut h = Fingerprinter::new();
        (template, global, url).hash(&mut h);
        for &dep in deps {
            (dep, self.of(dep)).hash(&mut h);
        }
        h.finish()
    }
}

/// Fingerprints of the templates, from their text: the built-in ones
/// overridden by the site's `templates/` folder. Each page template is
/// combined with every template that is not a page template (base layouts,
/// macros, partials), since any page may extend, include or import those.
pub fn template_fingerprints(root: &Path, page_templates: &[&str]) -> HashMap<String, u64> {
    let mut texts: BTreeMap<String, Vec<u8>> = super::theme::DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    let dir = root.join("templates");
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        // Unreadable files are reported by the theme loader; here they just count as changed.
        texts.insert(name, std::fs::read(entry.path()).unwrap_or_default());
    }
    let shared = hash_of(
        texts
            .iter()
            .filter(|(name, _)| !page_templates.contains(&name.as_str()))
            .collect::<Vec<_>>(),
    );
    texts
        .iter()
        .map(|(name, text)| (name.clone(), hash_of((text, shared))))
        .collect()
}

/// Hash of anything that every page reads (settings, navigation, injected script).
pub fn global_fingerprint(parts: impl std::fmt::Debug) -> u64 {
    debug_hash(&parts)
}
