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
use crate::extract::dates::{Modifier, Precision};
use crate::extract::{sentence_around, ParagraphSentences};
use crate::link::{Person, Site, Source, TimelineEntry};
use crate::render::links::Lookup;
use std::io::{self, Write};

/// `sources.json`.
pub fn sources(out: &mut dyn Write, site: &Site) -> io::Result<()> {
    // A record is a few hundred bytes.
    json_lines(out, site.sources.len(), 256, |index, out| {
        source_record(out, &site.sources[index])
    })
}

/// `people.json`.
pub fn people(out: &mut dyn Write, site: &Site) -> io::Result<()> {
    // A record holds every mention of the person: tens of kilobytes.
    json_lines(out, site.people.len(), 4, |index, out| {
        person_record(out, site, &site.people[index])
    })
}

/// `timeline.json`: a record per citation of each entry, then one for the
/// entry's editorial event, if it has one.
pub fn timeline(out: &mut dyn Write, site: &Site, lookup: &Lookup) -> io::Result<()> {
    // An entry has a few dozen citations, each a record of a few hundred bytes.
    json_lines(out, site.timeline.len(), 16, |index, out| {
        entry_records(out, site, lookup, &site.timeline[index])
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
    out.push(b'}');
}

fn person_record(out: &mut Vec<u8>, site: &Site, person: &Person) {
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
    let mut sentences = ParagraphSentences::default();
    let mut first = true;
    let paragraph = |index: usize| {
        let (s, span) = person.mentions.get(index)?;
        Some((*s, span.block))
    };
    for (index, &(s, span)) in person.mentions.iter().enumerate() {
        // A mention whose span no longer fits its paragraph is left out.
        let source = &site.sources[s];
        let Some(block) = source.article.blocks.get(span.block) else {
            continue;
        };
        // The same range either way; splitting the whole paragraph pays only
        // when another mention of the person is in it too (mentions come in
        // text order), else reading up to the mention's sentence is enough.
        let alone = index.checked_sub(1).and_then(paragraph) != Some((s, span.block))
            && paragraph(index + 1) != Some((s, span.block));
        let range = match alone {
            true => sentence_around(&block.text, span.start),
            false => sentences.around(s, span.block, &block.text, span.start),
        };
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
    for citation in &entry.citations {
        let source = &site.sources[citation.source];
        out.extend_from_slice(&shared);
        out.extend_from_slice(b",\"text\":");
        json_string(out, citation.date_text(site));
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

fn precision_name(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Year => "year",
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
