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
//!
//! Fingerprints are worked out lazily, the first time a page asks for one,
//! so a rebuild that fingerprints the few pages an edit may touch does not
//! pay for the whole site; a [`PrintMemo`] keeps what belongs to unchanged
//! sources from one rebuild to the next.

use super::links::{LinkContext, Lookup};
use super::views;
pub use crate::fingerprint::hash_of;
use crate::fingerprint::Fingerprinter;
use crate::link::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// One input of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    /// A source's text, metadata and links (by index into `site.sources`).
    Source(usize),
    /// What a source's card shows in lists.
    SourceCard(usize),
    /// What a person's card shows in lists.
    PersonCard(usize),
    /// Everything a person's own page shows about them but their mentions.
    Person(usize),
    /// A person's name and address, as chips and further pages show them.
    PersonName(usize),
    /// One page (from 1) of a person's sources and their mentions in them.
    MentionPage(usize, usize),
    /// A timeline entry with its citations.
    Entry(usize),
    /// Every source card (the home page and the sources index).
    AllSourceCards,
    /// Every person card (the home page and the people index).
    AllPersonCards,
    /// The years that have a year page (their previous/next links).
    YearList,
    /// The number of timeline entries in each year.
    YearCounts,
    /// The eras drawn on the timeline.
    Eras,
    /// The dates of a year in the sources that no entry of that year quotes:
    /// all of them, or those of one month page (0: the year page's).
    YearMentions(i16, Option<i8>),
    /// The number of entries in each month of a year split by month.
    MonthCounts(i16),
    /// The months of a year split by month that have a page.
    Months(i16),
    /// What editorial Markdown links to: people's names and the dated pages.
    Markdown,
    /// An editorial page's file (`None` is the home page's text).
    Page(Option<usize>),
    /// What a tag's page shows: its name, introduction, sources and pages.
    Tag(crate::link::tags::TagId),
    /// A tag's name and address, as a link to it shows them.
    TagName(crate::link::tags::TagId),
    /// Every tag with its counts (the tags index and the home page).
    TagList,
}

impl Dep {
    /// The kind of input, without the index: a page's fingerprint hashes this
    /// beside the input's own fingerprint, which names the entity by id, so
    /// an entity that only moved in the site's lists does not change it.
    fn kind(self) -> u8 {
        match self {
            Dep::Source(_) => 0,
            Dep::SourceCard(_) => 1,
            Dep::PersonCard(_) => 2,
            Dep::Person(_) => 3,
            Dep::Entry(_) => 4,
            Dep::AllSourceCards => 5,
            Dep::AllPersonCards => 6,
            Dep::YearList => 7,
            Dep::YearCounts => 8,
            Dep::Eras => 9,
            Dep::YearMentions(_, _) => 10,
            Dep::Markdown => 11,
            Dep::Page(_) => 12,
            Dep::PersonName(_) => 13,
            Dep::MentionPage(_, _) => 14,
            Dep::MonthCounts(_) => 15,
            Dep::Months(_) => 16,
            Dep::Tag(_) => 17,
            Dep::TagName(_) => 18,
            Dep::TagList => 19,
        }
    }
}

/// What watch mode keeps between renders so that fingerprints of unchanged
/// sources are not worked out again.
#[derive(Default)]
pub struct PrintMemo {
    /// Source key -> the fingerprint of each of its paragraphs.
    paragraphs: Mutex<HashMap<u64, Arc<[u64]>>>,
    /// Source id -> (source key, fingerprint of its card). Only valid while
    /// the people it names are the same: cleared after a full link.
    cards: Mutex<HashMap<String, (u64, u64)>>,
    /// Timeline entry id -> fingerprint. Only valid for entries a patch kept
    /// as they were: cleared after a full link.
    entries: Mutex<HashMap<String, u64>>,
}

impl PrintMemo {
    /// Forgets every card and entry: after a full link, the people merge may
    /// have changed who a source names, and any entry may have changed.
    pub fn forget_linked(&self) {
        self.cards.lock().expect("not poisoned").clear();
        self.entries.lock().expect("not poisoned").clear();
    }

    /// Forgets the entries a patch made or changed (by id).
    pub fn forget_entries<'a>(&self, ids: impl IntoIterator<Item = &'a str>) {
        let mut entries = self.entries.lock().expect("not poisoned");
        for id in ids {
            entries.remove(id);
        }
    }

    /// Forgets what belongs to sources that are gone or changed.
    pub fn keep_only(&self, source_keys: &HashMap<String, u64>) {
        let live: HashSet<u64> = source_keys.values().copied().collect();
        self.paragraphs
            .lock()
            .expect("not poisoned")
            .retain(|key, _| live.contains(key));
        self.cards
            .lock()
            .expect("not poisoned")
            .retain(|id, (key, _)| source_keys.get(id) == Some(key));
    }
}

/// The fingerprints of a site's entities, each worked out the first time a
/// page asks for it (pages are fingerprinted in parallel), so a rebuild that
/// looks at a few pages costs only what those pages read.
pub struct Fingerprints<'a> {
    site: &'a Site,
    lookup: &'a Lookup<'a>,
    /// Source id -> hash of its raw file and sidecar (the inputs of cleaning).
    source_keys: &'a HashMap<String, u64>,
    memo: &'a PrintMemo,
    plain: LinkContext<'a>,
    paragraphs: Vec<OnceLock<Arc<[u64]>>>,
    sources: Vec<OnceLock<u64>>,
    source_cards: Vec<OnceLock<u64>>,
    person_cards: Vec<OnceLock<u64>>,
    people: Vec<OnceLock<u64>>,
    entries: Vec<OnceLock<u64>>,
    all_source_cards: OnceLock<u64>,
    all_person_cards: OnceLock<u64>,
    year_list: OnceLock<u64>,
    year_counts: OnceLock<u64>,
    eras: OnceLock<u64>,
    /// (year, month page) -> fingerprint of its uncited dates.
    year_mentions: OnceLock<BTreeMap<(i16, i8), u64>>,
    markdown: OnceLock<u64>,
    pages: Vec<OnceLock<u64>>,
    home: OnceLock<u64>,
}

fn debug_hash(value: &impl std::fmt::Debug) -> u64 {
    hash_of(format!("{value:?}"))
}

fn slots<T>(count: usize) -> Vec<OnceLock<T>> {
    (0..count).map(|_| OnceLock::new()).collect()
}

impl<'a> Fingerprints<'a> {
    /// `source_keys` maps a source id to a hash of its raw file and sidecar;
    /// sources missing from it hash their cleaned text.
    pub fn new(
        site: &'a Site,
        lookup: &'a Lookup<'a>,
        source_keys: &'a HashMap<String, u64>,
        memo: &'a PrintMemo,
    ) -> Self {
        Fingerprints {
            site,
            lookup,
            source_keys,
            memo,
            plain: LinkContext::new(site, lookup, ""),
            paragraphs: slots(site.sources.len()),
            sources: slots(site.sources.len()),
            source_cards: slots(site.sources.len()),
            person_cards: slots(site.people.len()),
            people: slots(site.people.len()),
            entries: slots(site.timeline.len()),
            all_source_cards: OnceLock::new(),
            all_person_cards: OnceLock::new(),
            year_list: OnceLock::new(),
            year_counts: OnceLock::new(),
            eras: OnceLock::new(),
            year_mentions: OnceLock::new(),
            markdown: OnceLock::new(),
            pages: slots(site.pages.len()),
            home: OnceLock::new(),
        }
    }

    fn person_id(&self, person: usize) -> &'a str {
        self.site.people[person].id.as_str()
    }

    /// What a quote of one paragraph shows: the source and the paragraph's
    /// text. Pages that quote sentences depend on these, not on the whole
    /// source, so an edit re-renders only the pages quoting what changed.
    fn paragraph(&self, source: usize, block: usize) -> (&'a Option<String>, usize, Option<u64>) {
        let prints = self.paragraphs[source].get_or_init(|| {
            let source = &self.site.sources[source];
            let key = self.source_keys.get(&source.id).copied();
            let remembered = key.and_then(|key| {
                let kept = self.memo.paragraphs.lock().expect("not poisoned");
                kept.get(&key).cloned()
            });
            remembered.unwrap_or_else(|| {
                let blocks = source.article.blocks.iter();
                let prints: Arc<[u64]> = blocks
                    .map(|block| hash_of((&source.id, &source.title, &block.text)))
                    .collect();
                if let Some(key) = key {
                    let mut kept = self.memo.paragraphs.lock().expect("not poisoned");
                    kept.insert(key, Arc::clone(&prints));
                }
                prints
            })
        });
        (
            &self.site.sources[source].publication,
            block,
            prints.get(block).copied(),
        )
    }

    fn quote(&self, source: usize, span: crate::extract::Span) -> impl Hash + 'a {
        (span, self.paragraph(source, span.block))
    }

    fn source(&self, index: usize) -> u64 {
        *self.sources[index].get_or_init(|| {
            let site = self.site;
            let source = &site.sources[index];
            let mut h = Fingerprinter::new();
            match self.source_keys.get(&source.id) {
                Some(key) => key.hash(&mut h),
                None => format!("{:?}", source.article).hash(&mut h),
            }
            (&source.id, &source.path, &source.title, &source.publication).hash(&mut h);
            (&source.date, &source.authors, &source.url, &source.language).hash(&mut h);
            let lead = source.image.as_ref().map(|(_, image)| image);
            (lead, self.picture(lead)).hash(&mut h);
            for mention in &source.people {
                (mention.span, self.person_id(mention.person)).hash(&mut h);
            }
            for (index, mention) in source.dates.iter().enumerate() {
                match source.date_entries.get(index).copied().flatten() {
                    Some(entry) => site.timeline[entry].id.hash(&mut h),
                    None => self.plain.date_url(&mention.value).hash(&mut h),
                }
            }
            for author in &source.author_ids {
                author.map(|p| self.person_id(p)).hash(&mut h);
            }
            for &photographer in &source.photographers {
                self.person_id(photographer).hash(&mut h);
            }
            h.finish()
        })
    }

    fn source_card(&self, index: usize) -> u64 {
        *self.source_cards[index].get_or_init(|| {
            let source = &self.site.sources[index];
            let key = self.source_keys.get(&source.id).copied();
            if let Some(key) = key {
                let kept = self.memo.cards.lock().expect("not poisoned");
                if let Some(&(known, print)) = kept.get(&source.id) {
                    if known == key {
                        return print;
                    }
                }
            }
            let print = hash_of(views::source_card(self.site, index));
            if let Some(key) = key {
                let mut kept = self.memo.cards.lock().expect("not poisoned");
                kept.insert(source.id.clone(), (key, print));
            }
            print
        })
    }

    fn person_card(&self, index: usize) -> u64 {
        *self.person_cards[index]
            .get_or_init(|| debug_hash(&views::person_card(&self.site.people[index])))
    }

    fn entry_print(&self, index: usize) -> u64 {
        *self.entries[index].get_or_init(|| {
            let entry = &self.site.timeline[index];
            let kept = self
                .memo
                .entries
                .lock()
                .expect("not poisoned")
                .get(&entry.id)
                .copied();
            kept.unwrap_or_else(|| {
                let print = self.entry_print_of(index);
                let mut kept = self.memo.entries.lock().expect("not poisoned");
                kept.insert(entry.id.clone(), print);
                print
            })
        })
    }

    fn entry_print_of(&self, index: usize) -> u64 {
        {
            let site = self.site;
            let entry = &site.timeline[index];
            let mut h = Fingerprinter::new();
            (&entry.id, entry.value).hash(&mut h);
            for citation in &entry.citations {
                // What a citation shows: the source, the paragraph's number
                // and the sentence (not the rest of the paragraph).
                let source = &site.sources[citation.source];
                (
                    &source.id,
                    &source.title,
                    &source.publication,
                    citation.block,
                )
                    .hash(&mut h);
                (citation.sentence(site), citation.date_text(site)).hash(&mut h);
            }
            if let Some(event) = &entry.editorial {
                format!("{:?}", event.file).hash(&mut h);
                for &source in &event.sources {
                    self.source_card(source).hash(&mut h);
                }
            }
            for &person in &entry.people {
                (self.person_id(person), &site.people[person].name).hash(&mut h);
            }
            h.finish()
        }
    }

    fn person(&self, index: usize) -> u64 {
        *self.people[index].get_or_init(|| {
            let site = self.site;
            let person = &site.people[index];
            let mut h = Fingerprinter::new();
            self.person_card(index).hash(&mut h);
            (&person.aliases, &person.description).hash(&mut h);
            format!("{:?}", person.profile).hash(&mut h);
            let portrait = person
                .profile
                .as_ref()
                .and_then(|p| p.doc.meta.image.as_ref());
            self.picture(portrait).hash(&mut h);
            // How the mentions are paged (the first page is `MentionPage`).
            (
                person.sources.len(),
                self.site.config.people.sources_per_page.0,
            )
                .hash(&mut h);
            for &(other, count) in &person.appears_with {
                (self.person_id(other), &site.people[other].name, count).hash(&mut h);
            }
            // A person page lists its events as summaries (no citations):
            // what the quotes of an entry say does not change it.
            self.lookup.timeline_on_index.hash(&mut h);
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
    }

    fn person_name(&self, index: usize) -> u64 {
        let person = &self.site.people[index];
        hash_of((&person.id, &person.name, &person.role, person.kind))
    }

    /// What page `page` of a person's mentions shows: its sources' cards,
    /// the paragraphs it quotes, and where the page is among the others.
    fn mention_page(&self, index: usize, page: usize) -> u64 {
        let site = self.site;
        let person = &site.people[index];
        let mut h = Fingerprinter::new();
        (
            &person.id,
            person.sources.len(),
            site.config.people.sources_per_page.0,
            page,
        )
            .hash(&mut h);
        for &source in views::sources_on_page(site, person, page) {
            self.source_card(source).hash(&mut h);
            for &(_, span) in views::mentions_in(person, source) {
                self.quote(source, span).hash(&mut h);
            }
        }
        h.finish()
    }

    /// As `views::year_mentions` picks them: a year's dates that no entry of
    /// that year cites, by month page, each in source and mention order.
    fn year_mentions(&self, year: i16, month: Option<i8>) -> u64 {
        let by_period = self.year_mentions.get_or_init(|| {
            let site = self.site;
            let mut hashers: BTreeMap<(i16, i8), Fingerprinter> = BTreeMap::new();
            for (source, found) in site.sources.iter().enumerate() {
                for (index, mention) in found.dates.iter().enumerate() {
                    let year = mention.value.year();
                    let entry = found.date_entries.get(index).copied().flatten();
                    let cited = entry.is_some_and(|e| site.timeline[e].value.year() == year);
                    if !cited {
                        let period = (year, super::links::month_of(&mention.value));
                        self.quote(source, mention.span)
                            .hash(hashers.entry(period).or_default());
                    }
                }
            }
            hashers
                .into_iter()
                .map(|(period, hasher)| (period, hasher.finish()))
                .collect()
        });
        match month {
            Some(month) => by_period.get(&(year, month)).copied().unwrap_or(0),
            None => hash_of(
                by_period
                    .range((year, i8::MIN)..=(year, i8::MAX))
                    .collect::<Vec<_>>(),
            ),
        }
    }

    fn markdown(&self) -> u64 {
        *self.markdown.get_or_init(|| {
            let site = self.site;
            let mut by_iso: Vec<(&crate::extract::dates::IsoKey, &usize)> =
                self.lookup.entry_by_iso.iter().collect();
            by_iso.sort();
            let names: Vec<_> = site
                .people
                .iter()
                .map(|p| (&p.id, &p.name, &p.aliases, format!("{:?}", p.kind)))
                .collect();
            hash_of((
                names,
                by_iso
                    .iter()
                    .map(|(iso, &e)| (iso, &site.timeline[e].id))
                    .collect::<Vec<_>>(),
                &self.lookup.years,
            ))
        })
    }

    /// The fingerprint of everything the timeline entry `index` shows: an
    /// editorial entry's text also links people and dates ([`Dep::Markdown`]).
    pub fn entry(&self, site: &Site, index: usize) -> u64 {
        match site.timeline[index].editorial {
            Some(_) => hash_of((self.entry_print(index), self.markdown())),
            None => self.entry_print(index),
        }
    }

    fn of(&self, dep: Dep) -> u64 {
        let site = self.site;
        match dep {
            Dep::Source(i) => self.source(i),
            Dep::SourceCard(i) => self.source_card(i),
            Dep::PersonCard(i) => self.person_card(i),
            Dep::Person(i) => self.person(i),
            Dep::Entry(i) => self.entry_print(i),
            Dep::AllSourceCards => *self.all_source_cards.get_or_init(|| {
                let cards: Vec<u64> = (0..site.sources.len())
                    .into_par_iter()
                    .map(|i| self.source_card(i))
                    .collect();
                hash_of(cards)
            }),
            Dep::AllPersonCards => *self.all_person_cards.get_or_init(|| {
                let cards: Vec<u64> = (0..site.people.len())
                    .into_par_iter()
                    .map(|i| self.person_card(i))
                    .collect();
                hash_of(cards)
            }),
            Dep::YearList => *self.year_list.get_or_init(|| hash_of(&self.lookup.years)),
            Dep::YearCounts => *self.year_counts.get_or_init(|| {
                let mut years: BTreeMap<i16, usize> = BTreeMap::new();
                for entry in &site.timeline {
                    *years.entry(entry.value.year()).or_default() += 1;
                }
                hash_of(years)
            }),
            Dep::Eras => *self.eras.get_or_init(|| {
                let eras: Vec<String> = site.eras.iter().map(|era| format!("{era:?}")).collect();
                hash_of(eras)
            }),
            Dep::YearMentions(year, month) => self.year_mentions(year, month),
            Dep::PersonName(i) => self.person_name(i),
            Dep::MentionPage(i, page) => self.mention_page(i, page),
            Dep::MonthCounts(year) => {
                let mut counts: BTreeMap<i8, usize> = BTreeMap::new();
                for entry in site.timeline.iter().filter(|e| e.value.year() == year) {
                    *counts
                        .entry(super::links::month_of(&entry.value))
                        .or_default() += 1;
                }
                hash_of(counts)
            }
            Dep::Months(year) => hash_of(self.lookup.months.get(&year)),
            Dep::Markdown => self.markdown(),
            Dep::Page(Some(i)) => *self.pages[i].get_or_init(|| {
                let file = &site.pages[i].file;
                debug_hash(&(file, self.picture(file.doc.meta.image.as_ref())))
            }),
            Dep::Page(None) => *self.home.get_or_init(|| {
                let file = site.home.as_ref().map(|h| &h.file);
                let image = file.and_then(|f| f.doc.meta.image.as_ref());
                debug_hash(&(file, self.picture(image)))
            }),
            // Tags are few and their views small: hashed as they are shown.
            Dep::Tag(id) => hash_of(super::tags::tag_view(site, id)),
            Dep::TagName(id) => super::tags::name_print(site, id),
            Dep::TagList => hash_of(super::tags::tag_summaries(site)),
        }
    }

    /// The copies of the picture `image` names: their paths say which
    /// bytes they were made from, so a changed image file changes them.
    fn picture(
        &self,
        image: Option<&crate::images::ImageRef>,
    ) -> Option<&'a crate::images::Picture> {
        self.site.pictures.get(image?)
    }

    /// The fingerprint of a page: its template, the site-wide settings and its inputs.
    pub fn page(&self, template: u64, global: u64, url: &str, deps: &[Dep]) -> u64 {
        let mut h = Fingerprinter::new();
        (template, global, url).hash(&mut h);
        for &dep in deps {
            (dep.kind(), self.of(dep)).hash(&mut h);
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
