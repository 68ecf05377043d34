//! The files for readers and crawlers: the [`Site`] graph in; `sitemap.xml`
//! and the Atom feed `atom.xml` out, escaped straight into the output.

use super::chunks::write_in_chunks;
use super::escape::html_escaped;
use super::page_urls;
use crate::link::{Page, Site, Source};
use crate::render::links::Lookup;
use std::io::{self, Write};

/// The start of every absolute URL, escaped: the base URL, or `/` without one.
fn url_prefix(base_url: Option<&str>) -> Vec<u8> {
    let mut prefix = Vec::new();
    html_escaped(&mut prefix, base_url.unwrap_or("/"));
    prefix
}

pub fn sitemap(
    out: &mut dyn Write,
    site: &Site,
    lookup: &Lookup,
    base_url: Option<&str>,
) -> io::Result<()> {
    let prefix = url_prefix(base_url);
    let mut xml = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".to_vec();
    for url in page_urls(site, lookup) {
        xml.extend_from_slice(b"  <url><loc>");
        xml.extend_from_slice(&prefix);
        html_escaped(&mut xml, &url);
        xml.extend_from_slice(b"</loc></url>\n");
    }
    xml.extend_from_slice(b"</urlset>\n");
    out.write_all(&xml)
}

/// The Atom feed: the newest sources (the site lists them newest first) and
/// editorial pages, `[feed] limit` of each. Its `updated` is the newest
/// content date, never the build time, so output stays deterministic.
pub fn atom(out: &mut dyn Write, site: &Site, base_url: Option<&str>) -> io::Result<()> {
    let prefix = url_prefix(base_url);
    let newest = site.sources.iter().filter_map(|s| s.date).max();
    let updated = newest
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let title = &site.config.title;
    let mut xml = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n".to_vec();
    element(&mut xml, "  ", "title", title);
    if !site.config.description.is_empty() {
        element(&mut xml, "  ", "subtitle", &site.config.description);
    }
    xml.extend_from_slice(b"  <id>");
    xml.extend_from_slice(&prefix);
    xml.extend_from_slice(b"</id>\n  <link href=\"");
    xml.extend_from_slice(&prefix);
    xml.extend_from_slice(b"\"/>\n  <link rel=\"self\" href=\"");
    xml.extend_from_slice(&prefix);
    xml.extend_from_slice(b"atom.xml\"/>\n");
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    xml.extend_from_slice(b"  <author><name>");
    html_escaped(&mut xml, title);
    xml.extend_from_slice(b"</name></author>\n");
    out.write_all(&xml)?;
    // An entry is about a kilobyte, mostly its summary.
    let limit = site.config.feed.limit.0;
    write_in_chunks(
        &mut |bytes| out.write_all(bytes),
        site.sources.len().min(limit),
        128,
        |index, xml| source_entry(xml, &prefix, &updated, &site.sources[index]),
    )?;
    xml.clear();
    for page in site.pages.iter().take(limit) {
        page_entry(&mut xml, &prefix, &updated, page);
    }
    xml.extend_from_slice(b"</feed>\n");
    out.write_all(&xml)
}

fn source_entry(xml: &mut Vec<u8>, prefix: &[u8], updated: &str, source: &Source) {
    let summary = (source.article.dek.as_deref())
        .or_else(|| source.article.blocks.first().map(|b| b.text.as_str()))
        .unwrap_or_default();
    xml.extend_from_slice(b"  <entry>\n");
    element(xml, "    ", "title", &source.title);
    let url = |xml: &mut Vec<u8>| {
        xml.extend_from_slice(prefix);
        xml.extend_from_slice(b"sources/");
        html_escaped(xml, &source.id);
        xml.push(b'/');
    };
    link(xml, url);
    match source.date {
        Some(date) => {
            let _ = writeln!(xml, "    <updated>{date}T00:00:00Z</updated>");
        }
        None => {
            let _ = writeln!(xml, "    <updated>{updated}</updated>");
        }
    }
    for author in &source.authors {
        xml.extend_from_slice(b"    <author><name>");
        html_escaped(xml, author);
        xml.extend_from_slice(b"</name></author>\n");
    }
    element(xml, "    ", "summary", summary);
    xml.extend_from_slice(b"  </entry>\n");
}

fn page_entry(xml: &mut Vec<u8>, prefix: &[u8], updated: &str, page: &Page) {
    let meta = &page.file.doc.meta;
    xml.extend_from_slice(b"  <entry>\n");
    element(xml, "    ", "title", &meta.title);
    link(xml, |xml| {
        xml.extend_from_slice(prefix);
        html_escaped(xml, &page.id);
        xml.push(b'/');
    });
    match meta.date.as_ref().and_then(|d| d.as_day()) {
        Some(date) => {
            let _ = writeln!(xml, "    <updated>{date}T00:00:00Z</updated>");
        }
        None => {
            let _ = writeln!(xml, "    <updated>{updated}</updated>");
        }
    }
    if let Some(description) = &meta.description {
        element(xml, "    ", "summary", description);
    }
    xml.extend_from_slice(b"  </entry>\n");
}

/// `<name>text</name>` on its own line, indented.
fn element(xml: &mut Vec<u8>, indent: &str, name: &str, text: &str) {
    for part in [indent, "<", name, ">"] {
        xml.extend_from_slice(part.as_bytes());
    }
    html_escaped(xml, text);
    for part in ["</", name, ">\n"] {
        xml.extend_from_slice(part.as_bytes());
    }
}

/// An entry's `<id>` and `<link>`, both its URL, which `url` writes escaped.
fn link(xml: &mut Vec<u8>, url: impl Fn(&mut Vec<u8>)) {
    xml.extend_from_slice(b"    <id>");
    url(xml);
    xml.extend_from_slice(b"</id>\n    <link href=\"");
    url(xml);
    xml.extend_from_slice(b"\"/>\n");
}
