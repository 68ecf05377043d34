//! Template-facing views: the [`Site`] graph in, small serialisable structs out.
//!
//! These structs are the contract with theme authors (see `templates/README.md`):
//! field names are chosen with care and are not renamed casually. URLs in
//! views are relative to the site root (`people/nouri-al-maliki/`); templates
//! prefix them with `root`, the page's way back to the root (`../../`).

use super::links::{link_spans, LinkContext};
use super::{escape_html, markdown::render_markdown};
use crate::clean::BlockKind;
use crate::extract::dates::DateValue;
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
        url: format!("sources/{}/", source.id),
        title: source.title.clone(),
        publication: source.publication.clone(),
        date: source.date.map(|d| d.to_string()),
        date_label: source.date.map(|d| DateValue::day(d).label()),
        authors: source.authors.clone(),
        people_count: people.len(),
    }
}

#[derive(Debug, Serialize)]
pub struct PersonCard {
    pub id: String,
    pub url: String,
    pub name: String,
    /// The surname-first sort key ("al-maliki nouri").
    pub sort_key: String,
    pub role: Option<String>,
    pub kind: PersonKind,
    pub mention_count: usize,
    pub source_count: usize,
}

pub fn person_card(person: &Person) -> PersonCard {
    PersonCard {
        id: person.id.clone(),
        url: format!("people/{}/", person.id),
        name: person.name.clone(),
        sort_key: surname_key(&person.name),
        role: person.role.clone(),
        kind: person.kind,
        mention_count: person.mentions.len(),
        source_count: person.sources.len(),
    }
}

/// "Nouri al-Maliki" -> "al-maliki nouri": the last word first, for sorting by surname.
pub fn surname_key(name: &str) -> String {
    let folded = crate::slug::fold(name);
    match folded.rsplit_once(' ') {
        Some((given, surname)) => format!("{surname} {given}"),
        None => folded,
    }
}

#[derive(Debug, Serialize)]
pub struct BlockView {
    /// The paragraph anchor (`p3`): stable for a given text.
    pub anchor: String,
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

#[derive(Debug, Serialize)]
pub struct SourceView {
    #[serde(flatten)]
    pub card: SourceCard,
    pub dek: Option<String>,
    pub original_url: Option<String>,
    pub raw_url: String,
    pub file: String,
    pub authors_linked: Vec<AuthorView>,
    pub photographers: Vec<PersonCard>,
    pub blocks: Vec<BlockView>,
    pub people: Vec<PersonCard>,
    pub removed: Vec<RemovedView>,
}

/// The paragraph anchor of block `index`.
pub fn anchor(index: usize) -> String {
    format!("p{}", index + 1)
}

pub fn source_view(site: &Site, index: usize, links: &LinkContext) -> SourceView {
    let source: &Source = &site.sources[index];
    let blocks = source
        .article
        .blocks
        .iter()
        .enumerate()
        .map(|(block_index, block)| {
            let mut spans = Vec::new();
            for mention in source.people.iter().filter(|p| p.span.block == block_index) {
                spans.push((
                    mention.span.start,
                    mention.span.end,
                    links.person_url(mention.person),
                    "person",
                ));
            }
            for (mention_index, mention) in source
                .dates
                .iter()
                .enumerate()
                .filter(|(_, d)| d.span.block == block_index)
            {
                let url = match source.date_entries.get(mention_index).copied().flatten() {
                    Some(entry) => Some(links.entry_url(entry)),
                    None => links.date_url(&mention.value),
                };
                if let Some(url) = url {
                    spans.push((mention.span.start, mention.span.end, url, "date"));
                }
            }
            BlockView {
                anchor: anchor(block_index),
                kind: block.kind,
                html: link_spans(&block.text, spans),
                credit: block.credit.clone(),
            }
        })
        .collect();
    let mut people: Vec<usize> = source.people.iter().map(|p| p.person).collect();
    people.sort_unstable();
    people.dedup();
    let mut people: Vec<PersonCard> = people
        .into_iter()
        .map(|p| person_card(&site.people[p]))
        .collect();
    people.sort_by(|a, b| {
        b.mention_count
            .cmp(&a.mention_count)
            .then_with(|| a.sort_key.cmp(&b.sort_key))
    });
    let file_name = source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    SourceView {
        card: source_card(site, index),
        dek: source.article.dek.clone(),
        original_url: source.url.clone(),
        raw_url: format!("sources/{}/{}", source.id, raw_file_name(&file_name)),
        file: source.path.to_string_lossy().replace('\\', "/"),
        authors_linked: source
            .authors
            .iter()
            .zip(source.author_ids.iter().chain(std::iter::repeat(&None)))
            .map(|(name, id)| AuthorView {
                name: name.clone(),
                url: id.map(|p| format!("people/{}/", site.people[p].id)),
            })
            .collect(),
        photographers: source
            .photographers
            .iter()
            .map(|&p| person_card(&site.people[p]))
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
                reason: r.reason.to_string(),
            })
            .collect(),
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
    pub source_title: String,
    pub source_url: String,
    /// Link to the paragraph (`sources/x/#p3`).
    pub url: String,
    pub anchor: String,
    /// The paragraph's number, counted from 1 (the `3` of `p3`).
    pub paragraph: usize,
    /// The sentence, escaped, with the mention in `<mark>`.
    pub sentence_html: String,
}

#[derive(Debug, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct PersonView {
    #[serde(flatten)]
    pub card: PersonCard,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub bio_html: Option<String>,
    pub mentions: Vec<MentionView>,
    pub appears_with: Vec<LinkView>,
    pub events: Vec<EntryView>,
    pub sources: Vec<SourceCard>,
    pub pages: Vec<LinkView>,
}

pub fn person_view(site: &Site, index: usize, links: &LinkContext) -> PersonView {
    let person = &site.people[index];
    let mut sentences = ParagraphSentences::default();
    let mentions = person
        .mentions
        .iter()
        .filter_map(|&(source_index, span)| {
            let source = site.sources.get(source_index)?;
            let block = source.article.blocks.get(span.block)?;
            let range = sentences.around(source_index, span.block, &block.text, span.start);
            let sentence_html = marked_in(&block.text, range, span.start, span.end);
            Some(MentionView {
                source_title: source.title.clone(),
                source_url: format!("sources/{}/", source.id),
                url: format!("sources/{}/#{}", source.id, anchor(span.block)),
                anchor: anchor(span.block),
                paragraph: span.block + 1,
                sentence_html,
            })
        })
        .collect();
    let bio_html = person
        .profile
        .as_ref()
        .map(|file| render_markdown(&file.doc.body, site.config.markdown.allow_html, links))
        .filter(|html| !html.trim().is_empty());
    PersonView {
        card: person_card(person),
        aliases: person.aliases.clone(),
        description: person.description.clone(),
        bio_html,
        mentions,
        appears_with: person
            .appears_with
            .iter()
            .map(|&(other, count)| LinkView {
                title: site.people[other].name.clone(),
                url: format!("people/{}/", site.people[other].id),
                count,
            })
            .collect(),
        events: person
            .events
            .iter()
            .filter_map(|&e| site.timeline.get(e))
            .map(|entry| entry_summary(entry, links))
            .collect(),
        sources: person
            .sources
            .iter()
            .map(|&s| source_card(site, s))
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
    /// ISO value (`2020-01`).
    pub date: String,
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

/// A sentence as HTML with the first occurrence of the date's words in `<mark>`.
fn marked_date(sentence: &str, text: &str) -> String {
    match sentence.find(text) {
        Some(at) => format!(
            "{}<mark>{}</mark>{}",
            escape_html(&sentence[..at]),
            escape_html(text),
            escape_html(&sentence[at + text.len()..])
        ),
        None => escape_html(sentence),
    }
}

/// An entry without its citations, for lists of links to the timeline.
fn entry_summary(entry: &TimelineEntry, links: &LinkContext) -> EntryView {
    EntryView {
        id: entry.id.clone(),
        url: links.entry_path(entry),
        date: entry.value.iso(),
        label: entry.value.label(),
        precision: format!("{:?}", entry.value.precision).to_lowercase(),
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
                url: format!("sources/{}/#{}", source.id, anchor(citation.block)),
                paragraph: Some(citation.block + 1),
                sentence_html,
            }
        })
        .collect();
    if let Some(event) = &entry.editorial {
        for &source in &event.sources {
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
        label: entry.value.label(),
        precision: format!("{:?}", entry.value.precision).to_lowercase(),
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
                url: format!("people/{}/", site.people[p].id),
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
            label: format!("{} – {}", era.start.label(), era.end.label()),
            body_html: Some(render_markdown(
                &era.event.file.doc.body,
                site.config.markdown.allow_html,
                links,
            ))
            .filter(|html| !html.trim().is_empty()),
        })
        .collect()
}

/// The date mentions of `year` in the sources that `entries` (the year's
/// timeline entries) do not already quote: datelines, notes, and dates the
/// timeline leaves out. With the entries, every mention of the year.
pub fn year_mentions(site: &Site, year: i16, entries: &[&TimelineEntry]) -> Vec<CitationView> {
    // What the entries already quote is not repeated.
    let cited: HashSet<(usize, usize)> = entries
        .iter()
        .flat_map(|entry| entry.citations.iter())
        .map(|citation| (citation.source, citation.mention))
        .collect();
    let mut seen = HashSet::new();
    let mut mentions = Vec::new();
    let mut sentences = ParagraphSentences::default();
    for (source_index, source) in site.sources.iter().enumerate() {
        for (index, mention) in source.dates.iter().enumerate() {
            if mention.value.year() != year || cited.contains(&(source_index, index)) {
                continue;
            }
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
                url: format!("sources/{}/#{}", source.id, anchor(mention.span.block)),
                paragraph: Some(mention.span.block + 1),
                sentence_html,
            });
        }
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
        (Some(a), Some(b), Some(c)) => format!(
            "{}<mark>{}</mark>{}",
            escape_html(a),
            escape_html(b),
            escape_html(c)
        ),
        _ => escape_html(sentence),
    }
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
