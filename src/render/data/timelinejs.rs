//! The timeline in TimelineJS's JSON format, so newsrooms can reuse it: the
//! [`Site`] graph in; `data/timelinejs.json` out, its slides written in
//! parallel chunks, never all at once.
//!
//! Written by hand in the order and form `serde_json` gave it before (the
//! golden tests hold the bytes). TimelineJS puts every headline and text
//! into the page as HTML, so each is HTML inside a JSON string: content is
//! escaped for both in one pass, the markup around it only for JSON, and
//! editorial Markdown is rendered as on the site's pages, its
//! cross-references resolved to links from the site root.

use super::chunks::write_elements;
use super::escape::{decimal, html_json_escaped, json_escaped, json_string};
use crate::extract::dates::{DateValue, Precision};
use crate::link::{Site, TimelineEntry};
use crate::render::links::{LinkContext, Lookup};
use crate::render::markdown::render_markdown;
use std::io::{self, Write};

pub fn timelinejs(out: &mut dyn Write, site: &Site, lookup: &Lookup) -> io::Result<()> {
    let mut head = b"{\"title\":{\"headline\":\"".to_vec();
    html_json_escaped(&mut head, &site.config.title);
    head.extend_from_slice(b"\",\"text\":\"");
    html_json_escaped(&mut head, &site.config.description);
    head.extend_from_slice(b"\"},\"events\":[");
    out.write_all(&head)?;
    // A slide is about a kilobyte.
    write_elements(out, site.timeline.len(), 128, |index, out| {
        out.push(b',');
        slide(out, site, lookup, &site.timeline[index]);
    })?;
    let mut eras = b"],\"eras\":[".to_vec();
    for (index, era) in site.eras.iter().enumerate() {
        if index > 0 {
            eras.push(b',');
        }
        eras.extend_from_slice(b"{\"start_date\":");
        date(&mut eras, &era.start);
        eras.extend_from_slice(b",\"end_date\":");
        date(&mut eras, &era.end);
        eras.extend_from_slice(b",\"text\":{\"headline\":\"");
        html_json_escaped(&mut eras, &era.title);
        eras.extend_from_slice(b"\",\"text\":\"");
        json_escaped(
            &mut eras,
            &markdown_html(site, lookup, &era.event.file.doc.body),
        );
        eras.extend_from_slice(b"\"},\"unique_id\":");
        json_string(&mut eras, &era.id);
        eras.push(b'}');
    }
    eras.extend_from_slice(b"]}\n");
    out.write_all(&eras)
}

/// One timeline entry as a slide: its first citations (`[timeline] quotes`)
/// as paragraphs, then a link to the entry for the rest.
fn slide(out: &mut Vec<u8>, site: &Site, lookup: &Lookup, entry: &TimelineEntry) {
    out.extend_from_slice(b"{\"start_date\":");
    date(out, &entry.value);
    out.extend_from_slice(b",\"text\":{\"headline\":\"");
    match &entry.editorial {
        Some(event) => html_json_escaped(out, &event.file.doc.meta.title),
        None => html_json_escaped(
            out,
            &crate::i18n::date_label(site.config.strings(), &entry.value),
        ),
    }
    out.extend_from_slice(b"\",\"text\":\"");
    if let Some(event) = &entry.editorial {
        json_escaped(out, &markdown_html(site, lookup, &event.file.doc.body));
    }
    let quotes = site.config.timeline.quotes;
    for citation in entry.citations.iter().take(quotes) {
        let source = &site.sources[citation.source];
        out.extend_from_slice(b"<p>");
        html_json_escaped(out, citation.sentence(site));
        // The quotes of the markup, escaped for JSON.
        out.extend_from_slice(br#" <a href=\"/sources/"#);
        html_json_escaped(out, &source.id);
        out.extend_from_slice(b"/#p");
        decimal(out, citation.block + 1);
        out.extend_from_slice(br#"\">"#);
        html_json_escaped(out, &source.title);
        out.extend_from_slice(b"</a></p>");
    }
    let more = entry.citations.len().saturating_sub(quotes);
    if more > 0 {
        out.extend_from_slice(br#"<p><a href=\"/"#);
        html_json_escaped(out, &lookup.entry_path(entry));
        out.extend_from_slice(br#"\">"#);
        decimal(out, more);
        out.extend_from_slice(if more == 1 {
            b" more citation"
        } else {
            b" more citations"
        });
        out.extend_from_slice(b"</a></p>");
    }
    out.extend_from_slice(b"\"},\"unique_id\":");
    json_string(out, &entry.id);
    if entry.editorial.is_some() {
        out.extend_from_slice(b",\"group\":\"editorial\"");
    }
    out.push(b'}');
}

/// Editorial Markdown as HTML, as the site's pages show it, its links from
/// the site root (the slides' other links are too).
fn markdown_html(site: &Site, lookup: &Lookup, markdown: &str) -> String {
    let links = LinkContext::new(site, lookup, "/");
    render_markdown(markdown, site.config.markdown.allow_html, &links)
        .trim_end()
        .to_string()
}

/// A TimelineJS date: the parts the value's precision defines, as strings.
fn date(out: &mut Vec<u8>, value: &DateValue) {
    let day = value.start;
    // Digits and a minus sign need no escaping.
    let number = |out: &mut Vec<u8>, number: i64| {
        if number < 0 {
            out.push(b'-');
        }
        decimal(out, number.unsigned_abs() as usize);
    };
    out.extend_from_slice(b"{\"year\":\"");
    number(out, day.year().into());
    if let Precision::Day | Precision::Week | Precision::Month | Precision::Season = value.precision
    {
        out.extend_from_slice(b"\",\"month\":\"");
        number(out, day.month().into());
    }
    if let Precision::Day | Precision::Week = value.precision {
        out.extend_from_slice(b"\",\"day\":\"");
        number(out, day.day().into());
    }
    out.extend_from_slice(b"\"}");
}
