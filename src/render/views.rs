//! Template-facing views: the [`Site`] graph in, small serialisable structs out.
//!
//! These structs are the contract with theme authors (see `templates/README.md`):
//! field names are chosen with care and are not renamed casually. URLs in
//! views are relative to the site root (`people/nouri-al-maliki/`); templates
//! prefix them with `root`, the page's way back to the root (`../../`).

use super::links::{link_spans, LinkClass, LinkContext, LinkSpan};
use super::{escape_html, markdown::render_markdown, push_escaped_html};
use crate::anchor::{line_anchor, number_anchor};
use crate::clean::BlockKind;
use crate::extract::dates::{DateValue, Precision};
use crate::extract::people::PersonKind;
use crate::extract::ParagraphSentences;
use crate::link::{Person, Site, Source, TimelineEntry};
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Hash, Serialize)]
pub struct SourceCard {
    pub id: String,
    pub url: String,
    pub title: String,
    pub publication: Option<String>,
    /// ISO date (`2024-01-09`), if known.
    pub date: Option<String>,
    /// Reader's date ("9 January 2024").
    pub date_label: Option<String>,
    pub authors: Vec<String>,
    pub people_count: usize,
}

pub fn source_card(site: &Site, index: usize) -> SourceCard {
    let source = &site.sources[index];
    let mut people: Vec<usize> = source.people.iter().map(|p| p.person).collect();
    people.sort_unstable();
    people.dedup();
    SourceCard {
        id: source.id.clone(),
        url: source_path(&source.id),
        title: source.title.clone(),
        publication: source.publication.clone(),
        date: source.date.map(|d| d.to_string()),
        date_label: source
            .date
            .map(|d| crate::i18n::date_label(site.config.strings(), &DateValue::day(d))),
        authors: source.authors.clone(),
        people_count: people.len(),
    }
}

#[derive(Debug, Serialize)]
pub struct PersonCard {
    pub id: String,
    pub url: String,
    pub name: String,
    /// The family-name-first sort key ("maliki nouri").
    pub sort_key: String,
    /// The name as the people index shows it ("al-Maliki, Nouri").
    pub index_name: String,
    pub role: Option<String>,
    pub kind: PersonKind,
    pub mention_count: usize,
    pub source_count: usize,
}

pub fn person_card(person: &Person) -> PersonCard {
    let index = super::family_name::index_name(&person.name);
    PersonCard {
        id: person.id.clone(),
        url: person_path(&person.id),
        name: person.name.clone(),
        sort_key: index.key,
        index_name: index.shown,
        role: person.role.clone(),
        kind: person.kind,
        mention_count: person.mentions.len(),
        source_count: person.sources.len(),
    }
}

/// "Nouri al-Maliki" -> "maliki nouri": the key that sorts by family name.
pub fn surname_key(name: &str) -> String {
    super::family_name::index_name(name).key
}

#[derive(Debug, Serialize)]
pub struct BlockView {
    /// The paragraph's stable anchor (`L12`: the line of the original text
    /// where it starts), which links and citations use.
    pub anchor: String,
    /// The paragraph's number from the top of the page, from 1 (shown in the margin).
    pub number: usize,
    /// The anchor of that number (`p3`), kept for links made before `L12` existed.
    pub number_anchor: String,
    /// The cross-reference that cites the paragraph (`@source/ID#L12`).
    pub citation: String,
    pub kind: BlockKind,
    /// The text as HTML, people and dates linked.
    pub html: String,
    pub credit: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AuthorView {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RemovedView {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// A person as one source names them: their name, and how often this source does.
#[derive(Debug, Serialize)]
pub struct NamedPerson {
    pub id: String,
    pub url: String,
    pub name: String,
    pub role: Option<String>,
    pub kind: PersonKind,
    /// Mentions in this source (0 for a photographer credited in a caption).
    pub mentions: usize,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    #[serde(flatten)]
    pub card: SourceCard,
    pub dek: Option<String>,
    pub original_url: Option<String>,
    /// The host of `original_url` (`www.example.org`), to say where a link leads.
    pub original_host: Option<String>,
    pub raw_url: String,
    pub file: String,
    pub authors_linked: Vec<AuthorView>,
    pub photographers: Vec<NamedPerson>,
    pub blocks: Vec<BlockView>,
    pub people: Vec<NamedPerson>,
    pub removed: Vec<RemovedView>,
    /// The source's topics, as links to their pages.
    pub tags: Vec<super::tags::TagLink>,
}

/// `person` as a source names them `mentions` times.
fn named_person(person: &Person, mentions: usize) -> NamedPerson {
    NamedPerson {
        id: person.id.clone(),
        url: person_path(&person.id),
        name: person.name.clone(),
        role: person.role.clone(),
        kind: person.kind,
        mentions,
    }
}

// The URLs below are made for every citation, mention and name listed, so
// each is written into one string of the right size rather than through
// `format!`, which grows its string piece by piece.

/// `sources/ID/`: a source's page.
fn source_path(id: &str) -> String {
    ["sources/", id, "/"].concat()
}

/// `people/ID/`: a person's page.
fn person_path(id: &str) -> String {
    ["people/", id, "/"].concat()
}

/// `sources/ID/#p3`: block `block` of `source`'s page, by its number. The
/// page also has the block's stable anchor (`#L12`), which citations use;
/// links the site makes are rebuilt with every build, so they may use either.
fn paragraph_url(source: &Source, block: usize) -> String {
    ["sources/", &source.id, "/#", &number_anchor(block)].concat()
}

/// The host of an `http(s)` address (`https://www.example.org/a` ->
/// `www.example.org`), without a user or a port.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_string())
}

/// The lower-case name of a precision (`day`, `week`, `month`, `season`,
/// `year`, `decade`, `century`), as
/// views and the JSON exports give it.
pub fn precision_name(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Season => "season",
        Precision::Year => "year",
        Precision::Decade => "decade",
        Precision::Century => "century",
    }
}

/// Each paragraph of `source` with its people and dates linked, its
/// stable anchor and the citation that names it.
///
/// A page of links is hard to read, so only what helps a reader is linked:
/// a person on their first mention in the text (later mentions stay plain,
/// and still count), and a date only where it is written out with a
/// number ("17 January 2024", "2003", "the 1930s"), not a bare weekday,
/// month or "last year", whose place the timeline shows anyway.
fn block_views(source: &Source, links: &LinkContext) -> Vec<BlockView> {
    let mut linked_people = std::collections::HashSet::new();
    source
        .article
        .blocks
        .iter()
        .enumerate()
        .map(|(block_index, block)| {
            let mut spans = Vec::new();
            for mention in source.people.iter().filter(|p| p.span.block == block_index) {
                if !linked_people.insert(mention.person) {
                    continue;
                }
                spans.push(LinkSpan {
                    start: mention.span.start,
                    end: mention.span.end,
                    url: links.person_url(mention.person),
                    class: LinkClass::Person,
                });
            }
            for (mention_index, mention) in source
                .dates
                .iter()
                .enumerate()
                .filter(|(_, d)| d.span.block == block_index)
                .filter(|(_, d)| written_out(&block.text, &d.span))
            {
                let url = match source.date_entries.get(mention_index).copied().flatten() {
                    Some(entry) => Some(links.entry_url(entry)),
                    None => links.date_url(&mention.value),
                };
                if let Some(url) = url {
                    spans.push(LinkSpan {
                        start: mention.span.start,
                        end: mention.span.end,
                        url,
                        class: LinkClass::Date,
                    });
                }
            }
            let anchor = line_anchor(&source.article.blocks, block_index);
            BlockView {
                citation: format!("@source/{}#{anchor}", source.id),
                anchor,
                number: block_index + 1,
                number_anchor: number_anchor(block_index),
                kind: block.kind,
                html: link_spans(&block.text, spans),
                credit: block.credit.clone(),
            }
        })
        .collect()
}

/// Whether the words of a date mention hold a number, so they say which
/// date they mean without the text around them.
fn written_out(text: &str, span: &crate::extract::Span) -> bool {
    text.get(span.start..span.end)
        .is_some_and(|words| words.chars().any(|c| c.is_ascii_digit()))
}

/// Everyone `source` names, the most named first; the counts are this
/// source's, so the page does not change when another source names them.
fn people_named(site: &Site, source: &Source) -> Vec<NamedPerson> {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for mention in &source.people {
        *counts.entry(mention.person).or_default() += 1;
    }
    let mut people: Vec<(String, NamedPerson)> = counts
        .into_iter()
        .map(|(p, count)| {
            let person = &site.people[p];
            (surname_key(&person.name), named_person(person, count))
        })
        .collect();
    people.sort_by(|(a_key, a), (b_key, b)| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a_key.cmp(b_key))
            .then_with(|| a.id.cmp(&b.id))
    });
    people.into_iter().map(|(_, person)| person).collect()
}

pub fn source_view(site: &Site, index: usize, links: &LinkContext) -> SourceView {
    let source: &Source = &site.sources[index];
    let blocks = block_views(source, links);
    let people = people_named(site, source);
    let file_name = source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    SourceView {
        card: source_card(site, index),
        // When the sidecar names the headline the cleaner took for the dek
        // (it read a menu line as the title), the page shows it once.
        dek: source
            .article
            .dek
            .clone()
            .filter(|dek| crate::slug::fold(dek) != crate::slug::fold(&source.title)),
        original_host: source.url.as_deref().and_then(url_host),
        original_url: source.url.clone(),
        // Empty when the site leaves the raw texts out (`[output] raw_texts`).
        raw_url: match site.config.output.raw_texts {
            true => format!("sources/{}/{}", source.id, raw_file_name(&file_name)),
            false => String::new(),
        },
        file: source.path.to_string_lossy().replace('\\', "/"),
        authors_linked: source
            .authors
            .iter()
            .zip(source.author_ids.iter().chain(std::iter::repeat(&None)))
            .map(|(name, id)| AuthorView {
                name: name.clone(),
                url: id.map(|p| person_path(&site.people[p].id)),
            })
            .collect(),
        photographers: source
            .photographers
            .iter()
            .map(|&p| named_person(&site.people[p], 0))
            .collect(),
        blocks,
        people,
        removed: source
            .article
            .removed
            .iter()
            .map(|r| RemovedView {
                line: r.line,
                text: r.text.clone(),
                reason: crate::i18n::removal_reason(site.config.strings(), r.reason),
            })
            .collect(),
        tags: super::tags::tag_links(site, &source.tags),
    }
}

/// The published name of a source's raw text: always `.txt`, always a safe name.
pub fn raw_file_name(file_name: &str) -> String {
    let stem = file_name.strip_suffix(".txt").unwrap_or(file_name);
    let slug = crate::slug::slugify(stem);
    format!("{}.txt", if slug.is_empty() { "source" } else { &slug })
}

#[derive(Debug, Serialize)]
pub struct MentionView {
    /// Link to the paragraph (`sources/x/#p3`).
    pub url: String,
    /// The paragraph's stable anchor (`L12`).
    pub anchor: String,
    /// The paragraph's number, counted from 1 (the `3` of `p3`).
    pub paragraph: usize,
    /// The sentence, escaped, with the mention in `<mark>`.
    pub sentence_html: String,
}

/// One source that names a person, with every mention of them in it (none
/// for a byline or a photo credit).
#[derive(Debug, Serialize)]
pub struct MentionGroup {
    pub source: SourceCard,
    pub mentions: Vec<MentionView>,
}

#[derive(Debug, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
    pub count: usize,
}

/// Where one page of a long list is among the others.
#[derive(Debug, Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages there are.
    pub pages: usize,
    /// The first and last item on this page, counted from 1, and how many in all.
    pub first: usize,
    pub last: usize,
    pub total: usize,
    /// Site-relative URLs of the page before and after, if any.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Every page: `{title: its number, url, count: 1 for this page, else 0}`.
    pub links: Vec<LinkView>,
}

/// The site-relative URL of page `page` (from 1) of a list whose first page is `first`.
pub fn numbered_page_url(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}{page}/")
    }
}

/// The pager of page `page` of `total` items shown `per_page` at a time,
/// or `None` when they all fit on one page.
pub fn pager(first_url: &str, page: usize, per_page: usize, total: usize) -> Option<Pager> {
    let pages = total.div_ceil(per_page.max(1));
    (pages > 1).then(|| Pager {
        page,
        pages,
        first: (page - 1) * per_page + 1,
        last: (page * per_page).min(total),
        total,
        previous: (page > 1).then(|| numbered_page_url(first_url, page - 1)),
        next: (page < pages).then(|| numbered_page_url(first_url, page + 1)),
        links: (1..=pages)
            .map(|number| LinkView {
                title: number.to_string(),
                url: numbered_page_url(first_url, number),
                count: usize::from(number == page),
            })
            .collect(),
    })
}

#[derive(Debug, Serialize)]
pub struct PersonView {
    #[serde(flatten)]
    pub card: PersonCard,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub bio_html: Option<String>,
    /// The sources of this page, each with the person's mentions in it.
    pub groups: Vec<MentionGroup>,
    /// Present when the sources take more than one page.
    pub pager: Option<Pager>,
    pub appears_with: Vec<LinkView>,
    pub events: Vec<EntryView>,
    pub pages: Vec<LinkView>,
}

/// A further page of a person's mentions: who, and which sources.
#[derive(Debug, Serialize)]
pub struct MentionsView {
    pub id: String,
    pub url: String,
    pub name: String,
    pub groups: Vec<MentionGroup>,
    pub pager: Option<Pager>,
}

/// How many pages a person's sources take.
pub fn mention_pages(site: &Site, person: &Person) -> usize {
    person
        .sources
        .len()
        .div_ceil(site.config.people.sources_per_page.0)
        .max(1)
}

/// The sources (indexes into `site.sources`) on page `page` (from 1) of a person's mentions.
pub fn sources_on_page<'a>(site: &Site, person: &'a Person, page: usize) -> &'a [usize] {
    let per_page = site.config.people.sources_per_page.0;
    let from = ((page - 1) * per_page).min(person.sources.len());
    let to = (page * per_page).min(person.sources.len());
    &person.sources[from..to]
}

/// The mentions of a person in one source: a run of their sorted mentions.
pub fn mentions_in(person: &Person, source: usize) -> &[(usize, crate::extract::Span)] {
    let from = person.mentions.partition_point(|&(s, _)| s < source);
    let to = person.mentions.partition_point(|&(s, _)| s <= source);
    &person.mentions[from..to]
}

/// The groups of page `page` of a person's mentions: each source of the
/// page with the person's mentions in it, in source order.
fn mention_groups(site: &Site, person: &Person, page: usize) -> Vec<MentionGroup> {
    let mut sentences = ParagraphSentences::default();
    sources_on_page(site, person, page)
        .iter()
        .map(|&source_index| {
            let source = &site.sources[source_index];
            // Two mentions in one sentence ("Mohammed al-Sudani … Sudani")
            // show that sentence once.
            let mut shown = std::collections::HashSet::new();
            let mentions = mentions_in(person, source_index)
                .iter()
                .filter_map(|&(_, span)| {
                    let block = source.article.blocks.get(span.block)?;
                    let range = sentences.around(source_index, span.block, &block.text, span.start);
                    if !shown.insert((span.block, range.start)) {
                        return None;
                    }
                    Some(MentionView {
                        url: paragraph_url(source, span.block),
                        anchor: line_anchor(&source.article.blocks, span.block),
                        paragraph: span.block + 1,
                        sentence_html: marked_in(&block.text, range, span.start, span.end),
                    })
                })
                .collect();
            MentionGroup {
                source: source_card(site, source_index),
                mentions,
            }
        })
        .collect()
}

/// Page `page` (2 or more) of a person's mentions.
pub fn mentions_view(site: &Site, index: usize, page: usize) -> MentionsView {
    let person = &site.people[index];
    let url = person_path(&person.id);
    MentionsView {
        groups: mention_groups(site, person, page),
        pager: pager(
            &url,
            page,
            site.config.people.sources_per_page.0,
            person.sources.len(),
        ),
        id: person.id.clone(),
        name: person.name.clone(),
        url,
    }
}

/// A person's own page: who they are, and the first page of their mentions.
pub fn person_view(site: &Site, index: usize, links: &LinkContext) -> PersonView {
    let person = &site.people[index];
    let bio_html = person
        .profile
        .as_ref()
        .map(|file| {
            let about = links.about(index);
            render_markdown(&file.doc.body, site.config.markdown.allow_html, &about)
        })
        .filter(|html| !html.trim().is_empty());
    let url = person_path(&person.id);
    PersonView {
        card: person_card(person),
        aliases: person.aliases.clone(),
        description: person.description.clone(),
        bio_html,
        groups: mention_groups(site, person, 1),
        pager: pager(
            &url,
            1,
            site.config.people.sources_per_page.0,
            person.sources.len(),
        ),
        appears_with: person
            .appears_with
            .iter()
            .map(|&(other, count)| LinkView {
                title: site.people[other].name.clone(),
                url: person_path(&site.people[other].id),
                count,
            })
            .collect(),
        events: person
            .events
            .iter()
            .filter_map(|&e| site.timeline.get(e))
            .map(|entry| entry_summary(site, entry, links))
            .collect(),
        pages: person
            .pages
            .iter()
            .map(|page| match page {
                Some(p) => LinkView {
                    title: site.pages[*p].file.doc.meta.title.clone(),
                    url: format!("{}/", site.pages[*p].id),
                    count: 1,
                },
                None => LinkView {
                    title: "Home".to_string(),
                    url: String::new(),
                    count: 1,
                },
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct CitationView {
    pub source_title: String,
    pub publication: Option<String>,
    pub url: String,
    /// The paragraph number the link points at (`3` for `#p3`), if any.
    pub paragraph: Option<usize>,
    pub sentence_html: String,
}

#[derive(Debug, Serialize)]
pub struct EntryView {
    pub id: String,
    /// Site-relative URL of the entry's anchor (on the timeline or its year page).
    pub url: String,
    /// ISO value (`2020-01`), or TIMEX3's for the wider precisions
    /// (`2012-SU`, `193` for the 1930s, `19` for the 20th century).
    pub date: String,
    /// The value as HTML's `<time datetime>` accepts it: the ISO value, or
    /// for a season, decade or century its first month or year (`2012-06`, `1930`).
    pub datetime: String,
    pub label: String,
    pub precision: String,
    pub year: i16,
    pub editorial: bool,
    pub title: Option<String>,
    pub body_html: Option<String>,
    /// Every citation; only the first `quoted` carry their sentence.
    pub citations: Vec<CitationView>,
    /// How many citations, from the first, are quoted (`[timeline] quotes` at most).
    pub quoted: usize,
    /// How many citations with a sentence are listed without it.
    pub unquoted: usize,
    pub people: Vec<LinkView>,
}

/// See [`EntryView::datetime`].
fn html_datetime(value: &DateValue) -> String {
    let start = value.start;
    match value.precision {
        Precision::Season => format!("{:04}-{:02}", start.year(), start.month()),
        Precision::Decade | Precision::Century => format!("{:04}", start.year()),
        _ => value.iso(),
    }
}

/// A sentence as HTML with the first occurrence of the date's words in `<mark>`.
fn marked_date(sentence: &str, text: &str) -> String {
    match sentence.find(text) {
        Some(at) => marked(&sentence[..at], text, &sentence[at + text.len()..]),
        None => escape_html(sentence),
    }
}

/// An entry without its citations, for lists of links to the timeline.
fn entry_summary(site: &Site, entry: &TimelineEntry, links: &LinkContext) -> EntryView {
    EntryView {
        id: entry.id.clone(),
        url: links.entry_path(entry),
        date: entry.value.iso(),
        datetime: html_datetime(&entry.value),
        label: crate::i18n::date_label(site.config.strings(), &entry.value),
        precision: precision_name(entry.value.precision).to_string(),
        year: entry.value.year(),
        editorial: entry.editorial.is_some(),
        title: entry
            .editorial
            .as_ref()
            .map(|e| e.file.doc.meta.title.clone()),
        body_html: None,
        citations: Vec::new(),
        quoted: 0,
        unquoted: 0,
        people: Vec::new(),
    }
}

/// Views of all timeline entries; `root` is the prefix for links inside the rendered text.
pub fn entry_views(site: &Site, links: &LinkContext) -> Vec<EntryView> {
    site.timeline
        .iter()
        .map(|entry| entry_view(site, entry, links))
        .collect()
}

/// The view of one timeline entry.
pub fn entry_view(site: &Site, entry: &TimelineEntry, links: &LinkContext) -> EntryView {
    let quoted = entry.citations.len().min(site.config.timeline.quotes);
    let mut citations: Vec<CitationView> = entry
        .citations
        .iter()
        .enumerate()
        .map(|(number, citation)| {
            let source = &site.sources[citation.source];
            let sentence_html = if number < quoted {
                marked_date(citation.sentence(site), citation.date_text(site))
            } else {
                String::new()
            };
            CitationView {
                source_title: source.title.clone(),
                publication: source.publication.clone(),
                url: paragraph_url(source, citation.block),
                paragraph: Some(citation.block + 1),
                sentence_html,
            }
        })
        .collect();
    if let Some(event) = &entry.editorial {
        // A source already cited by paragraph (an entry the event joined) is
        // not listed again as a whole.
        for &source in event
            .sources
            .iter()
            .filter(|&&source| !entry.citations.iter().any(|c| c.source == source))
        {
            let card = source_card(site, source);
            citations.push(CitationView {
                source_title: card.title,
                publication: card.publication,
                url: card.url,
                paragraph: None,
                sentence_html: String::new(),
            });
        }
    }
    EntryView {
        id: entry.id.clone(),
        url: links.entry_path(entry),
        date: entry.value.iso(),
        datetime: html_datetime(&entry.value),
        label: crate::i18n::date_label(site.config.strings(), &entry.value),
        precision: precision_name(entry.value.precision).to_string(),
        year: entry.value.year(),
        editorial: entry.editorial.is_some(),
        title: entry
            .editorial
            .as_ref()
            .map(|e| e.file.doc.meta.title.clone()),
        body_html: entry
            .editorial
            .as_ref()
            .map(|e| render_markdown(&e.file.doc.body, site.config.markdown.allow_html, links))
            .filter(|html| !html.trim().is_empty()),
        unquoted: entry.citations.len() - quoted,
        quoted,
        citations,
        people: entry
            .people
            .iter()
            .map(|&p| LinkView {
                title: site.people[p].name.clone(),
                url: person_path(&site.people[p].id),
                count: 1,
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct EraView {
    pub id: String,
    pub title: String,
    pub start: String,
    pub end: String,
    pub label: String,
    pub body_html: Option<String>,
}

pub fn era_views(site: &Site, links: &LinkContext) -> Vec<EraView> {
    site.eras
        .iter()
        .map(|era| EraView {
            id: era.id.clone(),
            title: era.title.clone(),
            start: era.start.iso(),
            end: era.end.iso(),
            label: site.config.strings().text(
                "date_range",
                &[
                    (
                        "start",
                        &crate::i18n::date_label(site.config.strings(), &era.start),
                    ),
                    (
                        "end",
                        &crate::i18n::date_label(site.config.strings(), &era.end),
                    ),
                ],
            ),
            body_html: Some(render_markdown(
                &era.event.file.doc.body,
                site.config.markdown.allow_html,
                links,
            ))
            .filter(|html| !html.trim().is_empty()),
        })
        .collect()
}

/// The date mentions of `year` in the sources that no timeline entry of
/// that year cites: datelines, notes, and dates the timeline leaves out.
/// With the year's entries, every mention of the year. `month` narrows them
/// to one month page of a year split by month (0: the dates that span the
/// year, shown on the year page; see `links::month_of`).
pub fn year_mentions(
    site: &Site,
    links: &LinkContext,
    year: i16,
    month: Option<i8>,
) -> Vec<CitationView> {
    let mut seen = HashSet::new();
    let mut mentions = Vec::new();
    let mut sentences = ParagraphSentences::default();
    // What the year's entries already quote is not repeated.
    for (source_index, index) in links.uncited_dates(year, month) {
        let source = &site.sources[source_index];
        let mention = &source.dates[index];
        if !seen.insert((source.id.as_str(), mention.span)) {
            continue;
        }
        let Some(block) = source.article.blocks.get(mention.span.block) else {
            continue;
        };
        let span = mention.span;
        let range = sentences.around(source_index, span.block, &block.text, span.start);
        let sentence_html = marked_in(&block.text, range, span.start, span.end);
        mentions.push(CitationView {
            source_title: source.title.clone(),
            publication: source.publication.clone(),
            url: paragraph_url(source, mention.span.block),
            paragraph: Some(mention.span.block + 1),
            sentence_html,
        });
    }
    mentions
}

/// The sentence `range` of `text`, escaped, with bytes `start..end` in `<mark>`.
fn marked_in(text: &str, range: std::ops::Range<usize>, start: usize, end: usize) -> String {
    let Some(sentence) = text.get(range.clone()) else {
        return String::new();
    };
    let (start, end) = (
        start.saturating_sub(range.start),
        end.saturating_sub(range.start),
    );
    match (
        sentence.get(..start),
        sentence.get(start..end),
        sentence.get(end..),
    ) {
        (Some(before), Some(mark), Some(after)) => marked(before, mark, after),
        _ => escape_html(sentence),
    }
}

/// `before`, `mark` and `after` escaped, `mark` in `<mark>`.
fn marked(before: &str, mark: &str, after: &str) -> String {
    let mut html = String::with_capacity(before.len() + mark.len() + after.len() + 16);
    push_escaped_html(&mut html, before);
    html.push_str("<mark>");
    push_escaped_html(&mut html, mark);
    html.push_str("</mark>");
    push_escaped_html(&mut html, after);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_is_marked_inside_its_sentence() {
        let text = "Ana Lima spoke first. Then Ben Ode answered her. Ana Lima left.";
        let range = ParagraphSentences::default().around(0, 0, text, 27);
        assert_eq!(&text[range.clone()], "Then Ben Ode answered her.");
        assert_eq!(
            marked_in(text, range, 27, 34),
            "Then <mark>Ben Ode</mark> answered her."
        );
        assert_eq!(marked_in("a < b.", 0..6, 2, 3), "a <mark>&lt;</mark> b.");
    }
}
