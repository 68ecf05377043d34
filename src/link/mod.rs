//! Link stage: loaded [`Content`] in, the [`Site`] graph out.
//!
//! Cleans and extracts every source (in parallel), merges the people found
//! across sources with the editors' profiles, builds the timeline, and records
//! every backlink the pages need: who is mentioned where, which dates point to
//! which timeline entry, who appears with whom. Content problems found on the
//! way are returned as diagnostics beside the graph.

mod addresses;
mod events;
pub mod names;
pub mod patch;
pub mod people;
pub mod prepare;
pub mod tags;
pub mod timeline;

use crate::clean::Article;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::extract::dates::{DateMention, DateValue};
use crate::extract::people::{DocPerson, PersonKind};
use crate::extract::{Extracted, Span};
use crate::load::{Content, MarkdownFile, PageMeta};
use jiff::civil::Date;
use names::NameMatcher;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// The whole site as a graph, ready to render.
#[derive(Debug)]
pub struct Site {
    /// The site folder; source paths are relative to it.
    pub root: PathBuf,
    pub config: Config,
    /// Sources, newest first (undated last), then by id.
    pub sources: Vec<Source>,
    /// People in the order the merge produced; `id`s are unique.
    pub people: Vec<Person>,
    /// Timeline entries in chronological order.
    pub timeline: Vec<TimelineEntry>,
    pub eras: Vec<Era>,
    pub home: Option<Page>,
    /// Editorial pages, by weight then title.
    pub pages: Vec<Page>,
    /// The topics of the sources and pages, sorted by slug ([`tags`]).
    pub tags: Vec<tags::Tag>,
    /// Finds people's names in editorial text.
    pub names: NameMatcher,
    /// Sources, pages and profiles that could not be loaded: references to
    /// them are not reported again.
    pub unreadable: crate::load::Unreadable,
    /// The images the site shows, made just before rendering
    /// ([`crate::images::prepare`]); empty until then.
    pub pictures: Arc<crate::images::Pictures>,
}

/// One source text, cleaned, with its people and dates.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    pub publication: Option<String>,
    pub date: Option<Date>,
    /// How the source's numeric dates read (its sidecar's `date_order`, else the site's).
    pub date_order: Option<crate::extract::dates::DateOrder>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    /// The lead photo from the sidecar, with the sidecar's path.
    pub image: Option<(PathBuf, crate::images::ImageRef)>,
    pub language: Option<String>,
    /// The sidecar's `tags`, as written (those that can have a page).
    pub tags: Vec<String>,
    /// The line of `tags` in the sidecar.
    pub tags_line: Option<usize>,
    /// Shared, so that watch mode's copies of unchanged sources cost little.
    pub article: Arc<Article>,
    /// Person mentions in the body, sorted by span.
    pub people: Vec<PersonSpan>,
    /// Date mentions in the body, in order.
    pub dates: Arc<[DateMention]>,
    /// For each date mention, its sentence as the timeline reads it; emptied
    /// once the timeline is built.
    pub date_contexts: Arc<timeline::DateContexts>,
    /// For each date mention, the timeline entry it belongs to.
    pub date_entries: Vec<Option<usize>>,
    /// For each author, the person id.
    pub author_ids: Vec<Option<usize>>,
    /// Photographers named in captions.
    pub photographers: Vec<usize>,
    /// The sidecar's corrections of single mentions, each with its line.
    pub mention_fixes: Vec<(usize, crate::load::MentionFix)>,
    /// Spans of the mentions the editor corrected: the people passes of
    /// the link stage leave them as the editor said.
    pub corrected: Vec<Span>,
    /// Mentions left unlinked: the text does not say which of several
    /// people with the name they are (`check` reports them).
    pub unlinked: Vec<people::Unlinked>,
    /// The fingerprint of the raw text as `addresses.txt` records it
    /// ([`crate::fingerprint::stable_hex`]), made once while the bytes are
    /// in memory rather than by reading every file again.
    pub raw_fingerprint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PersonSpan {
    pub span: Span,
    pub person: usize,
}

/// One real person across the site.
#[derive(Debug)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub kind: PersonKind,
    pub description: Option<String>,
    /// The editor's profile, for the biography.
    pub profile: Option<MarkdownFile<crate::load::PersonMeta>>,
    /// Every mention in a source body, in source order then text order.
    pub mentions: Vec<(usize, Span)>,
    /// Sources that name the person (body, byline or credit), in site order.
    pub sources: Vec<usize>,
    /// Editorial pages that name the person (`None` is the home page).
    pub pages: Vec<Option<usize>>,
    /// People named in the same paragraphs, with the number of shared paragraphs.
    pub appears_with: Vec<(usize, usize)>,
    /// Timeline entries whose sentences name the person.
    pub events: Vec<usize>,
}

/// A timeline entry: one happening, cited by one or more sentences, or told by the editors.
#[derive(Debug)]
pub struct TimelineEntry {
    /// The anchor on the timeline and year pages.
    pub id: String,
    pub value: DateValue,
    pub citations: Vec<Citation>,
    pub editorial: Option<EditorialEvent>,
    /// Everyone named in the citing sentences.
    pub people: Vec<usize>,
}

/// A sentence of a source that dates a timeline entry.
#[derive(Debug)]
pub struct Citation {
    pub source: usize,
    /// Index into the source's `dates`.
    pub mention: usize,
    pub block: usize,
    /// Byte range of the citing sentence in the block's text.
    pub sentence_range: std::ops::Range<usize>,
    pub people: Vec<usize>,
}

impl Citation {
    /// The words of the date expression, as the source wrote them.
    pub fn date_text<'a>(&self, site: &'a Site) -> &'a str {
        site.sources[self.source]
            .dates
            .get(self.mention)
            .map_or("", |mention| mention.text.as_str())
    }

    /// The sentence that dates the entry.
    pub fn sentence<'a>(&self, site: &'a Site) -> &'a str {
        site.sources[self.source]
            .article
            .blocks
            .get(self.block)
            .and_then(|block| block.text.get(self.sentence_range.clone()))
            .unwrap_or("")
    }
}

/// An event or era written by the editors in `content/events/`.
#[derive(Debug)]
pub struct EditorialEvent {
    pub file: MarkdownFile<crate::load::EventMeta>,
    pub sources: Vec<usize>,
    /// The paragraphs its text cites (`@source/ID#p3`), as (source, block):
    /// an extracted entry of the event's date that cites one of them tells
    /// the same happening, and joins the event's entry ([`join_editorial`]).
    pub paragraphs: Vec<(usize, usize)>,
}

/// A named span of time, shown as a band on the timeline.
#[derive(Debug)]
pub struct Era {
    pub id: String,
    pub title: String,
    pub start: DateValue,
    pub end: DateValue,
    pub event: EditorialEvent,
}

/// An editorial page (or the home page's text).
#[derive(Debug)]
pub struct Page {
    pub id: String,
    pub file: MarkdownFile<PageMeta>,
}

/// A source after cleaning and extraction, before linking (made by
/// [`prepare`]): what watch mode memoizes. The dates found are in the
/// [`Source`]; the [`Extracted`] keeps the people.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub source: Source,
    pub extracted: Extracted,
    /// What cleaning and extracting found wrong in the source or its sidecar.
    pub problems: Vec<Diagnostic>,
}

/// Builds the site graph from the loaded content and its sources, cleaned
/// and extracted ([`prepare`]); `content.sources` are not read again.
/// Diagnostics are warnings and errors about the content.
pub fn link(content: Content, prepared: Vec<Prepared>) -> (Site, Vec<Diagnostic>) {
    link_inner(content, prepared, None, None)
}

/// [`link`], reusing the timeline grouping of the last build where its
/// inputs are unchanged and leaving what later edits need to be patched in
/// ([`patch::patch`]); the site keeps the sentences its dates' contexts
/// read, which a patch compares.
pub fn link_for_watch(
    content: Content,
    prepared: Vec<Prepared>,
    grouping: &timeline::GroupingMemo,
) -> (Site, Vec<Diagnostic>, patch::LinkMemo) {
    let mut memo = patch::LinkMemo::default();
    let (site, diagnostics) = link_inner(content, prepared, Some(grouping), Some(&mut memo));
    (site, diagnostics, memo)
}

fn link_inner(
    content: Content,
    prepared: Vec<Prepared>,
    grouping: Option<&timeline::GroupingMemo>,
    mut keep: Option<&mut patch::LinkMemo>,
) -> (Site, Vec<Diagnostic>) {
    let Content {
        root,
        config,
        sources: _,
        home,
        pages,
        people: profiles,
        events,
        unreadable,
        mut diagnostics,
    } = content;

    let (mut sources, mut extracted) = in_site_order(prepared, &mut diagnostics);
    let profile_index = Arc::new(people::search::ProfileIndex::new(
        profiles.iter().map(people::facts_of).collect(),
    ));
    sources
        .par_iter_mut()
        .zip(extracted.par_iter_mut())
        .for_each(|(source, found)| settle_people(&profile_index, source, found));

    let (mut people, members, pairs) = link_people(
        &mut sources,
        &extracted,
        profiles,
        &config,
        &mut diagnostics,
    );
    if let Some(keep) = keep.as_deref_mut() {
        let people_count = people.len();
        keep_people(
            keep,
            &sources,
            &extracted,
            people_count,
            members,
            profile_index,
            pairs,
        );
    }
    // The per-source people are merged now; free them before the timeline's peak.
    drop(extracted);
    let events = events::read_events(&root, events, &sources, &unreadable, &mut diagnostics);
    let (timeline, eras) = link_timeline(
        &mut sources,
        &mut people,
        events,
        grouping,
        keep.as_deref_mut().map(|keep| &mut keep.timeline),
    );
    if let Some(keep) = keep {
        keep_years(keep, &sources, &timeline);
    }

    let names = NameMatcher::new(&people);
    let (home, pages) = link_pages(home, pages, &names, &mut people, &mut diagnostics);
    let tags = tags::gather(&sources, &pages, &config.tags);
    let site = Site {
        root,
        config,
        sources,
        people,
        timeline,
        eras,
        home,
        pages,
        tags,
        names,
        unreadable,
        pictures: Arc::default(),
    };
    (site, diagnostics)
}

/// The prepared sources in site order (newest first, undated last, ties by
/// id) and their extracted people in the same order; their problems go to
/// `diagnostics`.
fn in_site_order(
    prepared: Vec<Prepared>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Source>, Vec<Extracted>) {
    let mut prepared = prepared;
    prepared.sort_by(|a, b| {
        let (sa, sb) = (&a.source, &b.source);
        sb.date.cmp(&sa.date).then_with(|| sa.id.cmp(&sb.id))
    });
    let mut sources = Vec::with_capacity(prepared.len());
    let mut extracted = Vec::with_capacity(prepared.len());
    for Prepared {
        source,
        extracted: found,
        problems,
    } in prepared
    {
        sources.push(source);
        extracted.push(found);
        diagnostics.extend(problems);
    }
    (sources, extracted)
}

/// What a patch of the people needs from a full link: who each extracted
/// person became, the profiles' index, each source's people key and how
/// many paragraphs each pair of people shares.
fn keep_people(
    keep: &mut patch::LinkMemo,
    sources: &[Source],
    extracted: &[Extracted],
    people: usize,
    members: Members,
    profiles: Arc<people::search::ProfileIndex>,
    pairs: BTreeMap<(usize, usize), usize>,
) {
    keep.members = members;
    keep.profiles = profiles;
    keep.people_keys = sources
        .iter()
        .zip(extracted)
        .map(|(source, found)| patch::people_key(found, &source.authors))
        .collect();
    keep.partners = vec![HashMap::new(); people];
    for ((a, b), count) in pairs {
        keep.partners[a].insert(b, count);
        keep.partners[b].insert(a, count);
    }
}

/// How many dates and entries each year has, which a patch compares to
/// tell whether a year's pages came or went.
fn keep_years(keep: &mut patch::LinkMemo, sources: &[Source], timeline: &[TimelineEntry]) {
    for source in sources {
        for mention in source.dates.iter() {
            *keep.years.entry(mention.value.year()).or_default() += 1;
        }
    }
    for entry in timeline {
        *keep.years.entry(entry.value.year()).or_default() += 1;
    }
}

/// The home page and the editorial pages in navigation order (weighted
/// first, by weight, then by title), each person given the pages that name them.
fn link_pages(
    home: Option<MarkdownFile<PageMeta>>,
    pages: Vec<MarkdownFile<PageMeta>>,
    names: &NameMatcher,
    people: &mut [Person],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Page>, Vec<Page>) {
    let mut pages: Vec<Page> = pages
        .into_iter()
        .map(|file| Page {
            id: file.id.clone(),
            file,
        })
        .collect();
    pages.sort_by(|a, b| {
        // Weighted pages first (they are the navigation), by weight.
        let (wa, wb) = (a.file.doc.meta.weight, b.file.doc.meta.weight);
        (wa.is_none(), wa, &a.file.doc.meta.title, &a.id).cmp(&(
            wb.is_none(),
            wb,
            &b.file.doc.meta.title,
            &b.id,
        ))
    });
    check_page_ids(&pages, diagnostics);
    let home = home.map(|file| Page {
        id: String::new(),
        file,
    });
    for (index, page) in pages.iter().enumerate() {
        for person in names.people_in(&page.file.doc.body) {
            people[person].pages.push(Some(index));
        }
    }
    if let Some(home) = &home {
        for person in names.people_in(&home.file.doc.body) {
            people[person].pages.push(None);
        }
    }
    (home, pages)
}

/// The folder the search index is written to. Named here, beside the other
/// reserved addresses, so that the render stage can know it without
/// importing the search stage (which comes after it).
pub const SEARCH_INDEX_DIR: &str = "pagefind";

/// URL segments that belong to generated pages or to folders the build fills
/// (`assets/`, the search index in [`SEARCH_INDEX_DIR`]); an editorial page may not take them.
pub const RESERVED_IDS: &[&str] = &[
    "sources",
    "people",
    "timeline",
    "data",
    "assets",
    "search",
    "404",
    SEARCH_INDEX_DIR,
];

fn check_page_ids(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &PathBuf> = HashMap::new();
    for page in pages {
        if RESERVED_IDS.contains(&page.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    &page.file.path,
                    None,
                    format!(
                        "the address /{}/ is the site's own (a generated page, its assets or its search index)",
                        page.id
                    ),
                )
                .hint("give the page another file name or set `slug` in its front matter"),
            );
        }
        if let Some(other) = seen.insert(&page.id, &page.file.path) {
            diagnostics.push(
                Diagnostic::error(
                    &page.file.path,
                    None,
                    format!(
                        "this page and {} both map to /{}/",
                        other.display(),
                        page.id
                    ),
                )
                .hint("rename one of them or set a different `slug`"),
            );
        }
    }
}

/// The people passes that read the profiles: their names searched for in
/// the text, bare surnames shared by several people given to the right one
/// (or to none), roles read in full. Run by a full link and by a patch alike.
pub(crate) fn settle_people(
    index: &people::search::ProfileIndex,
    source: &mut Source,
    found: &mut Extracted,
) {
    let blocks: Vec<&str> = source
        .article
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    source.unlinked = people::settle(index, &blocks, &source.corrected, &mut found.people);
}

/// Who each source's people became, per source and extracted person.
type Members = Vec<Vec<Option<usize>>>;

/// The people of the site, who each extracted person became, and how many
/// paragraphs name each pair of people.
fn link_people(
    sources: &mut [Source],
    extracted: &[Extracted],
    profiles: Vec<MarkdownFile<crate::load::PersonMeta>>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Person>, Members, BTreeMap<(usize, usize), usize>) {
    let docs: Vec<&[DocPerson]> = extracted.iter().map(|e| e.people.as_slice()).collect();
    let profile_inputs: Vec<people::Profile> = profiles
        .iter()
        .map(|file| people::Profile {
            id: file.id.clone(),
            name: file.doc.meta.name.clone(),
            aliases: file.doc.meta.aliases.clone(),
            role: file.doc.meta.role.clone(),
            kind: file.doc.meta.kind,
            distinct: file.doc.meta.distinct.clone(),
        })
        .collect();
    let rules = people::MergeRules {
        not_people: config.people.not_people.clone(),
    };
    let merged = people::merge_people(&docs, &profile_inputs, &rules);
    let ids = addresses::person_ids(&merged, extracted, &profiles, diagnostics);
    let mut profiles: Vec<Option<MarkdownFile<crate::load::PersonMeta>>> =
        profiles.into_iter().map(Some).collect();
    let mut result = Vec::with_capacity(merged.len());
    let mut members: Members = extracted
        .iter()
        .map(|e| vec![None; e.people.len()])
        .collect();
    for (person, id) in merged.into_iter().zip(ids) {
        let profile = person
            .profile
            .and_then(|index| profiles.get_mut(index).and_then(Option::take));
        if id.is_empty() {
            continue;
        }
        let index = result.len();
        let mut mentions = Vec::new();
        let mut person_sources = Vec::new();
        for &(doc, local) in &person.members {
            let Some(doc_person) = extracted.get(doc).and_then(|e| e.people.get(local)) else {
                continue;
            };
            members[doc][local] = Some(index);
            person_sources.push(doc);
            for span in &doc_person.mentions {
                mentions.push((doc, *span));
                sources[doc].people.push(PersonSpan {
                    span: *span,
                    person: index,
                });
            }
            if doc_person.kind == PersonKind::Photographer {
                sources[doc].photographers.push(index);
            }
        }
        mentions.sort();
        person_sources.sort_unstable();
        person_sources.dedup();
        result.push(Person {
            id,
            name: person.name,
            aliases: person.aliases,
            role: person.role,
            kind: person.kind,
            description: profile
                .as_ref()
                .and_then(|f| f.doc.meta.description.clone()),
            profile,
            mentions,
            sources: person_sources,
            pages: Vec::new(),
            appears_with: Vec::new(),
            events: Vec::new(),
        });
    }
    settle_sources(sources, &result);
    let pairs = compute_appears_with(sources, &mut result);
    (result, members, pairs)
}

/// Sorts each source's people and photographers now that they are merged,
/// and points each byline at its person.
fn settle_sources(sources: &mut [Source], people: &[Person]) {
    // Who each source names, in person order, so bylines resolve without a site-wide scan.
    let mut named_in: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (index, person) in people.iter().enumerate() {
        for &doc in &person.sources {
            named_in[doc].push(index);
        }
    }
    for (source, named) in sources.iter_mut().zip(&named_in) {
        source.people.sort();
        source
            .people
            .dedup_by(|a, b| a.span.start < b.span.end && a.span.block == b.span.block);
        source.photographers.sort_unstable();
        source.photographers.dedup();
        source.author_ids = source
            .authors
            .iter()
            .map(|author| {
                named.iter().copied().find(|&index| {
                    let person = &people[index];
                    person.name == *author || person.aliases.iter().any(|a| a == author)
                })
            })
            .collect();
    }
}

/// Co-occurrence: two people appear together when one paragraph names both.
/// Returns how many paragraphs name each pair.
fn compute_appears_with(
    sources: &[Source],
    people: &mut [Person],
) -> BTreeMap<(usize, usize), usize> {
    let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for source in sources {
        for (pair, count) in patch::paragraph_pairs(source) {
            *counts.entry(pair).or_default() += count;
        }
    }
    for (&(a, b), &count) in &counts {
        people[a].appears_with.push((b, count));
        people[b].appears_with.push((a, count));
    }
    for person in people.iter_mut() {
        person
            .appears_with
            .sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    }
    counts
}

fn link_timeline(
    sources: &mut [Source],
    people: &mut [Person],
    events: events::Events,
    grouping: Option<&timeline::GroupingMemo>,
    keep: Option<&mut timeline::patch::TimelineMemo>,
) -> (Vec<TimelineEntry>, Vec<Era>) {
    let occurrences = all_occurrences(sources);
    let (editorial_inputs, mut editorial_events) = events;
    let counts = timeline::word_counts(&occurrences);
    let person_keys: Vec<u64> = match grouping {
        Some(_) => people
            .iter()
            .map(|person| crate::fingerprint::hash_of(&person.id))
            .collect(),
        None => Vec::new(),
    };
    let remembered = grouping.map(|memo| timeline::Remembered {
        memo,
        person_keys: &person_keys,
    });
    let entries =
        timeline::build_entries_counted(&occurrences, &editorial_inputs, remembered, &counts);
    let keeping = keep.is_some();
    if let Some(keep) = keep {
        *keep = timeline::patch::TimelineMemo::new(&occurrences, counts);
    }
    // The occurrences borrow the sources' text; what the citations keep is owned.
    let mut cited: Vec<(usize, usize, std::ops::Range<usize>, Vec<usize>)> = occurrences
        .into_iter()
        .map(|o| (o.source, o.mention, o.sentence_range, o.people))
        .collect();
    let eras = take_eras(&editorial_inputs, &mut editorial_events);
    let mut timeline = Vec::with_capacity(entries.len());
    for entry in entries {
        let mut citations = Vec::with_capacity(entry.occurrences.len());
        let mut entry_people = Vec::new();
        // Each occurrence belongs to one entry, so its people move into the citation.
        for &occurrence_index in &entry.occurrences {
            let Some((source_index, mention, sentence_range, cited_people)) =
                cited.get_mut(occurrence_index)
            else {
                continue;
            };
            entry_people.extend(cited_people.iter().copied());
            citations.push(Citation {
                source: *source_index,
                mention: *mention,
                block: sources[*source_index].dates[*mention].span.block,
                sentence_range: sentence_range.clone(),
                people: std::mem::take(cited_people),
            });
        }
        entry_people.sort_unstable();
        entry_people.dedup();
        let editorial = entry
            .editorial
            .and_then(|i| editorial_events.get_mut(i).and_then(Option::take));
        timeline.push(TimelineEntry {
            id: String::new(),
            value: entry.value,
            citations,
            editorial,
            people: entry_people,
        });
    }
    let (mut timeline, _) = join_editorial(timeline);
    index_timeline(&mut timeline, sources, people);
    if !keeping {
        // Only the grouping reads the contexts: free their words for
        // rendering, unless a patch will compare them.
        for source in sources.iter_mut() {
            source.date_contexts = Arc::default();
        }
    }
    (timeline, eras)
}

/// Every date mention of the sources that may date an event (not a
/// dateline), with its sentence and people, in site order.
fn all_occurrences(sources: &[Source]) -> Vec<timeline::Occurrence<'_>> {
    // The date mentions that may be occurrences (not datelines) are listed
    // first, then each occurrence is made in parallel straight into its
    // place in one vector: an archive has millions, and a vector per source
    // joined afterwards would hold them all twice.
    let candidates: Vec<(usize, usize)> = sources
        .par_iter()
        .enumerate()
        .flat_map_iter(|(source_index, source)| {
            let dates = source.dates.iter().enumerate();
            dates
                .filter(|(_, mention)| !mention.reference)
                .map(move |(mention, _)| (source_index, mention))
        })
        .collect();
    // `filter_map` rather than `flatten`: only the former reuses the vector.
    #[allow(clippy::filter_map_identity)]
    let occurrences: Vec<timeline::Occurrence> = candidates
        .par_iter()
        .map(|&(source_index, mention)| {
            occurrence_at(source_index, &sources[source_index], mention)
        })
        .collect::<Vec<Option<timeline::Occurrence>>>()
        .into_iter()
        // Collected in place: the vector of options becomes the vector.
        .filter_map(|occurrence| occurrence)
        .collect();
    drop(candidates);
    occurrences
}

/// The editorial events with an end date, taken out of `events` as eras,
/// by start then id.
fn take_eras(
    inputs: &[timeline::EditorialEvent],
    events: &mut [Option<EditorialEvent>],
) -> Vec<Era> {
    let mut eras = Vec::new();
    for (input, event) in inputs.iter().zip(events.iter_mut()) {
        if let Some(end) = input.end {
            if let Some(event) = event.take() {
                eras.push(Era {
                    id: format!("era-{}", input.id),
                    title: input.title.clone(),
                    start: input.value,
                    end,
                    event,
                });
            }
        }
    }
    eras.sort_by(|a, b| (a.start.start, &a.id).cmp(&(b.start.start, &b.id)));

    eras
}

/// Joins to each editorial entry the extracted entries of the same value
/// that cite a paragraph its text cites: the editor wrote up the happening
/// that sentence dates, and the timeline should show it once, with the
/// editor's words and the sources' sentences together. Returns the timeline
/// in the same order without the joined entries, and the years of those.
pub(crate) fn join_editorial(mut timeline: Vec<TimelineEntry>) -> (Vec<TimelineEntry>, Vec<i16>) {
    let mut hosts: HashMap<crate::extract::dates::IsoKey, Vec<usize>> = HashMap::new();
    for (index, entry) in timeline.iter().enumerate() {
        if entry
            .editorial
            .as_ref()
            .is_some_and(|e| !e.paragraphs.is_empty())
        {
            hosts.entry(entry.value.iso_key()).or_default().push(index);
        }
    }
    if hosts.is_empty() {
        return (timeline, Vec::new());
    }
    let host_of = |entry: &TimelineEntry| -> Option<usize> {
        if entry.editorial.is_some() {
            return None;
        }
        hosts
            .get(&entry.value.iso_key())?
            .iter()
            .copied()
            .find(|&host| {
                let event = timeline[host]
                    .editorial
                    .as_ref()
                    .expect("hosts are editorial");
                timeline[host].value == entry.value
                    && entry
                        .citations
                        .iter()
                        .any(|c| event.paragraphs.contains(&(c.source, c.block)))
            })
    };
    let joins: Vec<Option<usize>> = timeline.iter().map(host_of).collect();
    let mut years = Vec::new();
    let mut grown = Vec::new();
    for (guest, host) in joins.iter().enumerate() {
        let Some(host) = *host else { continue };
        years.push(timeline[guest].value.year());
        let citations = std::mem::take(&mut timeline[guest].citations);
        let people = std::mem::take(&mut timeline[guest].people);
        timeline[host].citations.extend(citations);
        timeline[host].people.extend(people);
        grown.push(host);
    }
    grown.sort_unstable();
    grown.dedup();
    for host in grown {
        let entry = &mut timeline[host];
        entry.citations.sort_by_key(|c| (c.source, c.mention));
        entry.people.sort_unstable();
        entry.people.dedup();
    }
    let mut joined = joins.iter().map(Option::is_some);
    timeline.retain(|_| !joined.next().unwrap_or(false));
    (timeline, years)
}

/// Numbers the entries ([`number_entries`]) and points each cited date and
/// each person named at their entries.
pub(crate) fn index_timeline(
    timeline: &mut [TimelineEntry],
    sources: &mut [Source],
    people: &mut [Person],
) {
    number_entries(timeline);
    for source in sources.iter_mut() {
        source.date_entries.clear();
        source.date_entries.resize(source.dates.len(), None);
    }
    for person in people.iter_mut() {
        person.events.clear();
    }
    for (index, entry) in timeline.iter().enumerate() {
        for citation in &entry.citations {
            if let Some(slot) = sources[citation.source]
                .date_entries
                .get_mut(citation.mention)
            {
                *slot = Some(index);
            }
        }
        for &person in &entry.people {
            people[person].events.push(index);
        }
    }
}

/// The paragraphs `markdown` cites by cross-reference (`@source/ID#p3`), as
/// (source index, block index); references that point nowhere are left out
/// (the build reports them).
pub(super) fn cited_paragraphs(
    markdown: &str,
    sources: &[Source],
    source_index: &HashMap<&str, usize>,
) -> Vec<(usize, usize)> {
    let mut cited: Vec<(usize, usize)> = crate::reference::links_in(markdown)
        .iter()
        .filter_map(|(destination, _)| {
            let (id, anchor) = crate::reference::cited_paragraph(destination)?;
            let at = *source_index.get(id)?;
            let article = &sources.get(at)?.article;
            Some((at, anchor.resolve(&article.blocks, &article.removed)?))
        })
        .collect();
    cited.sort_unstable();
    cited.dedup();
    cited
}

/// Gives every entry its anchor, in timeline order: an editorial event's
/// `slug` when it has one (the slugs are checked to be unique and unlike
/// these), else `t-` and the ISO value (`t-2024-01-05`, `t-2024-w02`), and
/// for the second and later such entries of one value a count after a double
/// hyphen (`t-2024-01-05--2`), which no ISO value has, so that the tenth
/// entry of 2019 is never October 2019's.
pub(crate) fn number_entries(timeline: &mut [TimelineEntry]) {
    let mut used: HashMap<crate::extract::dates::IsoKey, usize> = HashMap::new();
    for entry in timeline {
        let slug = entry
            .editorial
            .as_ref()
            .filter(|event| event.file.doc.meta.slug.is_some())
            .map(|event| event.file.id.clone());
        if let Some(slug) = slug {
            entry.id = slug;
            continue;
        }
        let count = used.entry(entry.value.iso_key()).or_default();
        *count += 1;
        let base = format!("t-{}", entry.value.iso().to_lowercase());
        entry.id = if *count == 1 {
            base
        } else {
            format!("{base}--{count}")
        };
    }
}

/// The dated mentions of one source that may date an event, each with its
/// sentence and the people named in that sentence.
pub(crate) fn occurrences_in(
    source_index: usize,
    source: &Source,
) -> Vec<timeline::Occurrence<'_>> {
    (0..source.dates.len())
        .filter_map(|mention| occurrence_at(source_index, source, mention))
        .collect()
}

/// The occurrence of date mention `mention_index` of a source, unless it
/// dates the text itself (a dateline or edition note) or has no sentence.
pub(crate) fn occurrence_at(
    source_index: usize,
    source: &Source,
    mention_index: usize,
) -> Option<timeline::Occurrence<'_>> {
    let mention = source.dates.get(mention_index)?;
    let (context, words) = source.date_contexts.get(mention_index)?;
    // A dateline or edition note dates the text, not an event in it.
    if mention.reference {
        return None;
    }
    let block = source.article.blocks.get(mention.span.block)?;
    let range = context.sentence.clone();
    let sentence = block.text.get(range.clone())?;
    let mut in_sentence = people_within(&source.people, mention.span.block, &range);
    in_sentence.sort_unstable();
    in_sentence.dedup();
    Some(timeline::Occurrence {
        source: source_index,
        mention: mention_index,
        value: mention.value,
        block_kind: block.kind,
        text: &mention.text,
        sentence,
        sentence_range: range,
        people: in_sentence,
        words: std::borrow::Cow::Borrowed(words),
        event: context.event,
    })
}

/// The people named wholly inside `range` of `block`, from a source's sorted mentions.
fn people_within(
    mentions: &[PersonSpan],
    block: usize,
    range: &std::ops::Range<usize>,
) -> Vec<usize> {
    let first = mentions.partition_point(|p| (p.span.block, p.span.start) < (block, range.start));
    mentions[first..]
        .iter()
        .take_while(|p| p.span.block == block && p.span.start <= range.end)
        .filter(|p| p.span.end <= range.end)
        .map(|p| p.person)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date_value::parse_date_value;
    use crate::frontmatter::DateText;

    /// Regression: the tenth entry dated "2019" was `t-2019-10`, the id of
    /// October 2019's entry, and a year page had two elements with one id.
    #[test]
    fn entries_of_one_value_never_take_another_value_s_anchor() {
        let value = |text: &str| parse_date_value(&DateText(text.to_string())).unwrap();
        let entry = |text: &str| TimelineEntry {
            id: String::new(),
            value: value(text),
            citations: Vec::new(),
            editorial: None,
            people: Vec::new(),
        };
        let mut timeline: Vec<TimelineEntry> = (0..12).map(|_| entry("2019")).collect();
        timeline.extend(["2019-10", "2019-10", "2019-10-02", "2019-W10"].map(entry));
        number_entries(&mut timeline);
        let ids: Vec<&str> = timeline.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(&ids[..3], ["t-2019", "t-2019--2", "t-2019--3"]);
        assert_eq!(ids[9], "t-2019--10");
        assert_eq!(
            &ids[12..],
            ["t-2019-10", "t-2019-10--2", "t-2019-10-02", "t-2019-w10"]
        );
        let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "every anchor is unique: {ids:?}");
    }
}
