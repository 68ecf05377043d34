//! The JSON exports under `data/`: the [`Site`] graph in; `sources.json`,
//! `people.json` and `timeline.json` out, written in parallel chunks.
//!
//! Each is a JSON array with one compact record per line: a third of the
//! size of pretty-printed JSON, and still readable and diffable line by line.
//! The records are written by hand, field by field, in the order and form
//! `serde_json` gave them before (the golden tests hold the bytes): a field
//! written here is the contract, so its name and place stay as they are.

use super::chunks::write_elements;
use super::escape::{decimal, json_escaped, json_string};
use crate::extract::dates::{DateValue, Modifier};
use crate::extract::{sentence_around, ParagraphSentences, Span};
use crate::link::{Person, PersonSpan, Site, Source, TimelineEntry};
use crate::render::links::Lookup;
use crate::render::views::precision_name;
use rayon::prelude::*;
use std::io::{self, Write};
use std::ops::Range;

/// `sources.json`.
pub fn sources(out: &mut dyn Write, site: &Site) -> io::Result<()> {
    // A record is a few hundred bytes.
    json_lines(out, site.sources.len(), 256, |index, out| {
        source_record(out, &site.sources[index])
    })
}

/// `people.json`, or a part of it: the people `people` (indexes), with
/// the sentences of their mentions, found once for every part and kept in
/// `sentences`.
pub fn people(
    out: &mut dyn Write,
    site: &Site,
    people: &[usize],
    sentences: &std::sync::OnceLock<MentionSentences>,
) -> io::Result<()> {
    let sentences = sentences.get_or_init(|| MentionSentences::new(site));
    // A record holds every mention of the person: tens of kilobytes.
    json_lines(out, people.len(), 4, |at, out| {
        person_record(out, site, sentences, &site.people[people[at]])
    })
}

/// The sentence around each person mention of each source, in
/// `source.people` order. Found source by source, each paragraph is split
/// once, however many people it names; person by person, it would be split
/// again for each of them.
pub struct MentionSentences(Vec<Vec<Range<usize>>>);

impl MentionSentences {
    fn new(site: &Site) -> Self {
        let by_source = site.sources.par_iter().enumerate().map(|(s, source)| {
            let mut sentences = ParagraphSentences::default();
            let blocks = &source.article.blocks;
            let around = |mention: &PersonSpan| match blocks.get(mention.span.block) {
                Some(block) => {
                    sentences.around(s, mention.span.block, &block.text, mention.span.start)
                }
                None => 0..0,
            };
            source.people.iter().map(around).collect()
        });
        MentionSentences(by_source.collect())
    }

    /// The sentence of `text`, paragraph `span.block` of source `s`, around `span`.
    fn around(&self, site: &Site, s: usize, span: Span, text: &str) -> Range<usize> {
        match site.sources[s]
            .people
            .binary_search_by(|mention| mention.span.cmp(&span))
        {
            Ok(index) => self.0[s][index].clone(),
            // Left out of `source.people` for overlapping another mention.
            Err(_) => sentence_around(text, span.start),
        }
    }
}

/// `"mention_date"` and `"mention_precision"`: the value a citation's own
/// words have, when it is not the entry's (a month grouped into a day's
/// entry keeps its month here).
fn mention_value(out: &mut Vec<u8>, source: &Source, mention: usize, entry_value: &DateValue) {
    let Some(own) = source.dates.get(mention).map(|m| m.value) else {
        return;
    };
    if own.iso_key() == entry_value.iso_key() {
        return;
    }
    // An ISO or TIMEX3 value's digits, dashes and letters need no escaping.
    write!(out, ",\"mention_date\":\"{}\"", own.iso()).expect("writing into memory");
    out.extend_from_slice(b",\"mention_precision\":\"");
    out.extend_from_slice(precision_name(own.precision).as_bytes());
    out.push(b'"');
}

/// `timeline.json`: a record per citation of each entry, then one for the
/// entry's editorial event, if it has one.
/// The entries `entries` (a range of indexes) make `timeline.json` or a part of it.
pub fn timeline(
    out: &mut dyn Write,
    site: &Site,
    lookup: &Lookup,
    entries: Range<usize>,
) -> io::Result<()> {
    // An entry has a few dozen citations, each a record of a few hundred bytes.
    json_lines(out, entries.len(), 16, |at, out| {
        entry_records(out, site, lookup, &site.timeline[entries.start + at])
    })
}

/// A JSON array of the records `record` writes for items `0..count`, each
/// on its own line (`record` starts each with `,\n`).
pub(super) fn json_lines(
    out: &mut dyn Write,
    count: usize,
    items_per_chunk: usize,
    record: impl Fn(usize, &mut Vec<u8>) + Sync,
) -> io::Result<()> {
    out.write_all(b"[")?;
    // The first record's comma is left out, leaving its line break after `[`.
    write_elements(out, count, items_per_chunk, record)?;
    out.write_all(b"\n]\n")
}

fn source_record(out: &mut Vec<u8>, source: &Source) {
    out.extend_from_slice(b",\n{\"id\":");
    json_string(out, &source.id);
    out.extend_from_slice(b",\"title\":");
    json_string(out, &source.title);
    out.extend_from_slice(b",\"publication\":");
    optional_string(out, source.publication.as_deref());
    out.extend_from_slice(b",\"date\":");
    match source.date {
        // A date's digits and dashes need no escaping.
        Some(date) => write!(out, "\"{date}\"").expect("writing into memory"),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"authors\":");
    string_array(out, source.authors.iter().map(String::as_str));
    out.extend_from_slice(b",\"url\":");
    optional_string(out, source.url.as_deref());
    out.extend_from_slice(b",\"file\":");
    json_string(out, &source.path.to_string_lossy().replace('\\', "/"));
    out.extend_from_slice(b",\"page\":\"/sources/");
    json_escaped(out, &source.id);
    out.extend_from_slice(b"/\",\"language\":");
    optional_string(out, source.language.as_deref());
    // Only sources with tags have the field, so the records of a site
    // without tags read as they always did.
    if !source.tags.is_empty() {
        out.extend_from_slice(b",\"tags\":");
        let mut slugs: Vec<String> = Vec::new();
        for slug in source.tags.iter().map(|tag| crate::slug::slugify(tag)) {
            if !slugs.contains(&slug) {
                slugs.push(slug);
            }
        }
        string_array(out, slugs.iter().map(String::as_str));
    }
    out.push(b'}');
}

/// `tags.json`: every tag, with the ids of its sources and pages.
pub fn tags(out: &mut dyn Write, site: &Site) -> io::Result<()> {
    json_lines(out, site.tags.len(), 64, |index, out| {
        let tag = &site.tags[index];
        out.extend_from_slice(b",\n{\"slug\":");
        json_string(out, &tag.slug);
        out.extend_from_slice(b",\"name\":");
        json_string(out, &tag.name);
        out.extend_from_slice(b",\"description\":");
        optional_string(out, tag.description.as_deref());
        out.extend_from_slice(b",\"page\":\"/tags/");
        json_escaped(out, &tag.slug);
        out.extend_from_slice(b"/\",\"sources\":");
        string_array(
            out,
            tag.sources.iter().map(|&i| site.sources[i].id.as_str()),
        );
        out.extend_from_slice(b",\"pages\":");
        string_array(out, tag.pages.iter().map(|&i| site.pages[i].id.as_str()));
        out.push(b'}');
    })
}

fn person_record(out: &mut Vec<u8>, site: &Site, sentences: &MentionSentences, person: &Person) {
    out.extend_from_slice(b",\n{\"id\":");
    json_string(out, &person.id);
    out.extend_from_slice(b",\"name\":");
    json_string(out, &person.name);
    out.extend_from_slice(b",\"aliases\":");
    string_array(out, person.aliases.iter().map(String::as_str));
    out.extend_from_slice(b",\"role\":");
    optional_string(out, person.role.as_deref());
    out.extend_from_slice(b",\"kind\":");
    // Serialised as serde names the variants: lower case.
    serde_json::to_writer(&mut *out, &person.kind).expect("writing into memory");
    out.extend_from_slice(b",\"page\":\"/people/");
    json_escaped(out, &person.id);
    out.extend_from_slice(b"/\",\"sources\":");
    let sources = person.sources.iter().map(|&s| site.sources[s].id.as_str());
    string_array(out, sources);
    out.extend_from_slice(b",\"mentions\":[");
    let mut first = true;
    for &(s, span) in &person.mentions {
        // A mention whose span no longer fits its paragraph is left out.
        let source = &site.sources[s];
        let Some(block) = source.article.blocks.get(span.block) else {
            continue;
        };
        let range = sentences.around(site, s, span, &block.text);
        let (Some(text), Some(sentence)) =
            (block.text.get(span.start..span.end), block.text.get(range))
        else {
            continue;
        };
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(b"{\"source\":");
        json_string(out, &source.id);
        out.extend_from_slice(b",\"text\":");
        json_string(out, text);
        out.extend_from_slice(b",\"sentence\":");
        json_string(out, sentence);
        out.extend_from_slice(b",\"anchor\":\"p");
        decimal(out, span.block + 1);
        out.extend_from_slice(b"\"}");
    }
    out.extend_from_slice(b"]}");
}

fn entry_records(out: &mut Vec<u8>, site: &Site, lookup: &Lookup, entry: &TimelineEntry) {
    // What every record of the entry shares, escaped once.
    let mut shared = Vec::with_capacity(64);
    shared.extend_from_slice(b",\n{\"id\":");
    json_string(&mut shared, &entry.id);
    shared.extend_from_slice(b",\"date\":");
    // An ISO date's digits, dashes and `W` need no escaping.
    write!(shared, "\"{}\"", entry.value.iso()).expect("writing into memory");
    shared.extend_from_slice(b",\"precision\":\"");
    shared.extend_from_slice(precision_name(entry.value.precision).as_bytes());
    shared.push(b'"');
    if let Some(modifier) = entry.value.modifier {
        shared.extend_from_slice(b",\"modifier\":\"");
        shared.extend_from_slice(modifier_name(modifier).as_bytes());
        shared.push(b'"');
    }
    // The citations' texts lie all over the site's memory. Touching each
    // first, in a loop with nothing else to do, lets the processor fetch
    // them side by side instead of waiting for one after another below.
    let mut touched = 0;
    for citation in &entry.citations {
        let first = |text: &str| text.as_bytes().first().copied().unwrap_or(0);
        touched ^= first(citation.date_text(site)) ^ first(citation.sentence(site));
    }
    std::hint::black_box(touched);
    for citation in &entry.citations {
        let source = &site.sources[citation.source];
        out.extend_from_slice(&shared);
        out.extend_from_slice(b",\"text\":");
        json_string(out, citation.date_text(site));
        mention_value(out, source, citation.mention, &entry.value);
        out.extend_from_slice(b",\"sentence\":");
        json_string(out, citation.sentence(site));
        out.extend_from_slice(b",\"source\":");
        json_string(out, &source.id);
        out.extend_from_slice(b",\"people\":");
        string_array(
            out,
            citation.people.iter().map(|&p| site.people[p].id.as_str()),
        );
        out.extend_from_slice(b",\"page\":\"/sources/");
        json_escaped(out, &source.id);
        out.extend_from_slice(b"/#p");
        decimal(out, citation.block + 1);
        out.extend_from_slice(b"\",\"editorial\":false}");
    }
    if let Some(event) = &entry.editorial {
        let title = &event.file.doc.meta.title;
        out.extend_from_slice(&shared);
        out.extend_from_slice(b",\"text\":");
        json_string(out, title);
        out.extend_from_slice(b",\"sentence\":");
        json_string(out, event.file.doc.body.trim());
        out.extend_from_slice(b",\"people\":");
        string_array(
            out,
            entry.people.iter().map(|&p| site.people[p].id.as_str()),
        );
        out.extend_from_slice(b",\"page\":\"/");
        json_escaped(out, &lookup.entry_path(entry));
        out.extend_from_slice(b"\",\"editorial\":true,\"title\":");
        json_string(out, title);
        out.push(b'}');
    }
}

fn modifier_name(modifier: Modifier) -> &'static str {
    match modifier {
        Modifier::Early => "early",
        Modifier::Mid => "mid",
        Modifier::Late => "late",
    }
}

fn optional_string(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => json_string(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

fn string_array<'a>(out: &mut Vec<u8>, items: impl Iterator<Item = &'a str>) {
    out.push(b'[');
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.push(b',');
        }
        json_string(out, item);
    }
    out.push(b']');
}
