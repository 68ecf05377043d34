//! Machine-readable output: the [`Site`] graph in; the JSON export, the
//! sitemap, the Atom feed and robots.txt out.
//!
//! The JSON field names are a public contract (see DESIGN.md): fields may be
//! added, never renamed.

use super::links::Lookup;
use super::views::anchor;
use super::{escape_html, OutputFile};
use crate::extract::people::PersonKind;
use crate::extract::ParagraphSentences;
use crate::link::Site;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct SourceRecord<'a> {
    id: &'a str,
    title: &'a str,
    publication: Option<&'a str>,
    date: Option<String>,
    authors: &'a [String],
    url: Option<&'a str>,
    file: String,
    page: String,
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct MentionRecord<'a> {
    source: &'a str,
    text: &'a str,
    sentence: &'a str,
    anchor: String,
}

#[derive(Serialize)]
struct PersonRecord<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [String],
    role: Option<&'a str>,
    kind: PersonKind,
    page: String,
    sources: Vec<&'a str>,
    mentions: Vec<MentionRecord<'a>>,
}

#[derive(Serialize)]
struct TimelineRecord<'a> {
    id: &'a str,
    date: String,
    precision: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    modifier: Option<&'static str>,
    text: &'a str,
    sentence: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    people: Vec<&'a str>,
    page: String,
    editorial: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
}

fn precision_name(precision: crate::extract::dates::Precision) -> &'static str {
    use crate::extract::dates::Precision::*;
    match precision {
        Day => "day",
        Week => "week",
        Month => "month",
        Year => "year",
    }
}

fn modifier_name(modifier: Option<crate::extract::dates::Modifier>) -> Option<&'static str> {
    use crate::extract::dates::Modifier::*;
    modifier.map(|m| match m {
        Early => "early",
        Mid => "mid",
        Late => "late",
    })
}

/// URL of a site-relative path: absolute under `base_url` when there is one, else root-relative.
fn absolute(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) => format!("{base}{path}"),
        None => format!("/{path}"),
    }
}

/// Which of the data files to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFiles {
    /// All of them.
    All,
    /// The sitemap, the feed and robots.txt, which readers and the preview use.
    Site,
    /// The JSON exports under `data/`, which only other programs read: the
    /// preview writes them after the pages, off the path of a reload.
    Exports,
}

impl DataFiles {
    fn includes(self, path: &str) -> bool {
        match self {
            DataFiles::All => true,
            DataFiles::Site => !is_export(path),
            DataFiles::Exports => is_export(path),
        }
    }
}

/// Whether `path` is one of the JSON exports.
pub fn is_export(path: &str) -> bool {
    path.starts_with("data/")
}

/// Every data file: JSON export, sitemap, feed, robots.txt.
///
/// The list keeps a fixed order.
pub fn data_files(site: &Site, lookup: &Lookup, base_url: Option<&str>) -> Vec<OutputFile> {
    data_files_with(site, lookup, base_url, DataFiles::All, produced)
}

/// Writes one data file into the writer it is given.
pub type Produce<'a> = dyn Fn(&mut dyn Write) -> io::Result<()> + Sync + 'a;

/// [`data_files`], made one after another, each as a path and a function
/// that writes it, handed to `each` (the results in the fixed order): a
/// writer can stream each file to disk, so none is ever in memory whole.
pub fn data_files_with<R: Send>(
    site: &Site,
    lookup: &Lookup,
    base_url: Option<&str>,
    which: DataFiles,
    each: impl Fn(&str, &Produce) -> R + Sync,
) -> Vec<R> {
    let makers: Vec<(&str, Box<Produce>)> = vec![
        (
            "data/sources.json",
            Box::new(|out: &mut dyn Write| write_json_lines(out, source_records(site))),
        ),
        (
            "data/people.json",
            Box::new(|out: &mut dyn Write| write_json_lines(out, person_records(site))),
        ),
        (
            "data/timeline.json",
            Box::new(|out: &mut dyn Write| write_json_lines(out, timeline_records(site, lookup))),
        ),
        (
            "data/timelinejs.json",
            Box::new(|out: &mut dyn Write| timelinejs(out, site, lookup)),
        ),
        (
            "sitemap.xml",
            Box::new(move |out: &mut dyn Write| {
                out.write_all(sitemap(site, lookup, base_url).as_bytes())
            }),
        ),
        (
            "atom.xml",
            Box::new(move |out: &mut dyn Write| out.write_all(atom(site, base_url).as_bytes())),
        ),
        (
            "robots.txt",
            Box::new(move |out: &mut dyn Write| {
                // A Sitemap line must be an absolute URL: without a base URL there is none.
                let sitemap = base_url
                    .map(|_| format!("Sitemap: {}\n", absolute(base_url, "sitemap.xml")))
                    .unwrap_or_default();
                write!(out, "User-agent: *\nAllow: /\n{sitemap}")
            }),
        ),
    ];
    makers
        .iter()
        .filter(|(path, _)| which.includes(path))
        .map(|(path, produce)| each(path, produce.as_ref()))
        .collect()
}

/// A writer into memory that fails once `stop` is true, so that a file
/// being made can be given up midway (see [`super::render_exports`]).
pub struct Unless<'a> {
    bytes: Vec<u8>,
    stop: &'a std::sync::atomic::AtomicBool,
}

impl<'a> Unless<'a> {
    pub fn new(stop: &'a std::sync::atomic::AtomicBool) -> Self {
        Unless {
            bytes: Vec::new(),
            stop,
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl Write for Unless<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.stop.load(std::sync::atomic::Ordering::Relaxed) {
            // Not `Interrupted`: `write_all` would try again.
            return Err(io::Error::other("given up: a newer edit came in"));
        }
        self.bytes.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Runs `produce` into memory.
pub fn produced(path: &str, produce: &Produce) -> OutputFile {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = produce(&mut bytes);
    OutputFile::new(path, bytes)
}

fn source_records(site: &Site) -> impl Iterator<Item = SourceRecord<'_>> {
    site.sources.iter().map(|s| SourceRecord {
        id: &s.id,
        title: &s.title,
        publication: s.publication.as_deref(),
        date: s.date.map(|d| d.to_string()),
        authors: &s.authors,
        url: s.url.as_deref(),
        file: s.path.to_string_lossy().replace('\\', "/"),
        page: format!("/sources/{}/", s.id),
        language: s.language.as_deref(),
    })
}

fn person_records(site: &Site) -> impl Iterator<Item = PersonRecord<'_>> {
    site.people.iter().map(|p| PersonRecord {
        id: &p.id,
        name: &p.name,
        aliases: &p.aliases,
        role: p.role.as_deref(),
        kind: p.kind,
        page: format!("/people/{}/", p.id),
        sources: p
            .sources
            .iter()
            .map(|&s| site.sources[s].id.as_str())
            .collect(),
        mentions: {
            let mut sentences = ParagraphSentences::default();
            p.mentions
                .iter()
                .filter_map(|&(s, span)| {
                    let source = &site.sources[s];
                    let block = source.article.blocks.get(span.block)?;
                    let range = sentences.around(s, span.block, &block.text, span.start);
                    Some(MentionRecord {
                        source: &source.id,
                        text: block.text.get(span.start..span.end)?,
                        sentence: block.text.get(range)?,
                        anchor: anchor(span.block),
                    })
                })
                .collect()
        },
    })
}

fn timeline_records<'a>(
    site: &'a Site,
    lookup: &'a Lookup,
) -> impl Iterator<Item = TimelineRecord<'a>> + 'a {
    site.timeline.iter().flat_map(move |entry| {
        let mut timeline = Vec::with_capacity(entry.citations.len() + 1);
        let people: Vec<&str> = entry
            .people
            .iter()
            .map(|&p| site.people[p].id.as_str())
            .collect();
        for citation in &entry.citations {
            let source = &site.sources[citation.source];
            timeline.push(TimelineRecord {
                id: &entry.id,
                date: entry.value.iso(),
                precision: precision_name(entry.value.precision),
                modifier: modifier_name(entry.value.modifier),
                text: citation.date_text(site),
                sentence: citation.sentence(site),
                source: Some(&source.id),
                people: citation
                    .people
                    .iter()
                    .map(|&p| site.people[p].id.as_str())
                    .collect(),
                page: format!("/sources/{}/#{}", source.id, anchor(citation.block)),
                editorial: false,
                title: None,
            });
        }
        if let Some(event) = &entry.editorial {
            timeline.push(TimelineRecord {
                id: &entry.id,
                date: entry.value.iso(),
                precision: precision_name(entry.value.precision),
                modifier: modifier_name(entry.value.modifier),
                text: &event.file.doc.meta.title,
                sentence: event.file.doc.body.trim(),
                source: None,
                people: people.clone(),
                page: format!("/{}", lookup.entry_path(entry)),
                editorial: true,
                title: Some(&event.file.doc.meta.title),
            });
        }
        timeline
    })
}

/// A JSON array with one compact record per line: a third of the size of
/// pretty-printed JSON, and still readable and diffable line by line.
fn write_json_lines<T: Serialize>(
    out: &mut dyn Write,
    records: impl IntoIterator<Item = T>,
) -> io::Result<()> {
    // Each record is serialised into memory first and handed over in one
    // write: a writer behind `dyn Write` is slow to call once per token.
    let mut buffer = Vec::with_capacity(1 << 16);
    buffer.push(b'[');
    for (index, record) in records.into_iter().enumerate() {
        buffer.extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut buffer, &record)?;
        if buffer.len() >= 1 << 16 {
            out.write_all(&buffer)?;
            buffer.clear();
        }
    }
    buffer.extend_from_slice(b"\n]\n");
    out.write_all(&buffer)
}

/// Every page URL of the site, sorted.
pub fn page_urls(site: &Site, lookup: &Lookup) -> Vec<String> {
    let mut urls = vec![
        String::new(),
        "sources/".into(),
        "people/".into(),
        "timeline/".into(),
    ];
    urls.extend(site.sources.iter().map(|s| format!("sources/{}/", s.id)));
    urls.extend(site.people.iter().map(|p| format!("people/{}/", p.id)));
    urls.extend(lookup.years.iter().map(|y| format!("timeline/{y}/")));
    urls.extend(site.pages.iter().map(|p| format!("{}/", p.id)));
    urls.sort();
    urls
}

fn sitemap(site: &Site, lookup: &Lookup, base_url: Option<&str>) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for url in page_urls(site, lookup) {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_html(&absolute(base_url, &url))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The Atom feed: sources (by publication date) and editorial pages. Its
/// `updated` is the newest content date, never the build time, so output stays deterministic.
fn atom(site: &Site, base_url: Option<&str>) -> String {
    let newest = site.sources.iter().filter_map(|s| s.date).max();
    let updated = newest
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        escape_html(&site.config.title)
    ));
    if !site.config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_html(&site.config.description)
        ));
    }
    xml.push_str(&format!(
        "  <id>{}</id>\n",
        escape_html(&absolute(base_url, ""))
    ));
    xml.push_str(&format!(
        "  <link href=\"{}\"/>\n",
        escape_html(&absolute(base_url, ""))
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        escape_html(&absolute(base_url, "atom.xml"))
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape_html(&site.config.title)
    ));
    for source in &site.sources {
        let url = absolute(base_url, &format!("sources/{}/", source.id));
        let date = source
            .date
            .map(|d| format!("{d}T00:00:00Z"))
            .unwrap_or_else(|| updated.clone());
        let summary = source
            .article
            .dek
            .clone()
            .or_else(|| source.article.blocks.first().map(|b| b.text.clone()))
            .unwrap_or_default();
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            escape_html(&source.title)
        ));
        xml.push_str(&format!(
            "    <id>{}</id>\n    <link href=\"{}\"/>\n",
            escape_html(&url),
            escape_html(&url)
        ));
        xml.push_str(&format!("    <updated>{date}</updated>\n"));
        for author in &source.authors {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape_html(author)
            ));
        }
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape_html(&summary)
        ));
        xml.push_str("  </entry>\n");
    }
    for page in &site.pages {
        let url = absolute(base_url, &format!("{}/", page.id));
        let date = page
            .file
            .doc
            .meta
            .date
            .as_ref()
            .and_then(|d| d.as_day())
            .map(|d| format!("{d}T00:00:00Z"))
            .unwrap_or_else(|| updated.clone());
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            escape_html(&page.file.doc.meta.title)
        ));
        xml.push_str(&format!(
            "    <id>{}</id>\n    <link href=\"{}\"/>\n",
            escape_html(&url),
            escape_html(&url)
        ));
        xml.push_str(&format!("    <updated>{date}</updated>\n"));
        if let Some(description) = &page.file.doc.meta.description {
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                escape_html(description)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// A TimelineJS date: the parts the value's precision defines.
#[derive(Serialize)]
struct TimelineJsDate {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
}

#[derive(Serialize)]
struct TimelineJsText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TimelineJsSlide {
    start_date: TimelineJsDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineJsDate>,
    text: TimelineJsText,
    unique_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'static str>,
}

fn timelinejs_date(value: &crate::extract::dates::DateValue) -> TimelineJsDate {
    use crate::extract::dates::Precision;
    let d = value.start;
    let (month, day) = match value.precision {
        Precision::Day | Precision::Week => {
            (Some(d.month().to_string()), Some(d.day().to_string()))
        }
        Precision::Month => (Some(d.month().to_string()), None),
        Precision::Year => (None, None),
    };
    TimelineJsDate {
        year: d.year().to_string(),
        month,
        day,
    }
}

/// The timeline in TimelineJS's JSON format, so newsrooms can reuse it.
/// Written slide by slide, never holding every slide at once.
fn timelinejs(bytes: &mut dyn Write, site: &Site, lookup: &Lookup) -> io::Result<()> {
    bytes.write_all(b"{\"title\":")?;
    let title = TimelineJsText {
        headline: site.config.title.clone(),
        text: escape_html(&site.config.description),
    };
    serde_json::to_writer(&mut *bytes, &title)?;
    bytes.write_all(b",\"events\":[")?;
    for (index, entry) in site.timeline.iter().enumerate() {
        if index > 0 {
            bytes.write_all(b",")?;
        }
        serde_json::to_writer(&mut *bytes, &timelinejs_slide(site, lookup, entry))?;
    }
    bytes.write_all(b"],\"eras\":[")?;
    for (index, era) in site.eras.iter().enumerate() {
        if index > 0 {
            bytes.write_all(b",")?;
        }
        let slide = TimelineJsSlide {
            start_date: timelinejs_date(&era.start),
            end_date: Some(timelinejs_date(&era.end)),
            text: TimelineJsText {
                headline: era.title.clone(),
                text: escape_html(era.event.file.doc.body.trim()),
            },
            unique_id: era.id.clone(),
            group: None,
        };
        serde_json::to_writer(&mut *bytes, &slide)?;
    }
    bytes.write_all(b"]}\n")
}

/// One timeline entry as a TimelineJS slide: its first citations (`[timeline]
/// quotes`) as paragraphs, then a link to the entry for the rest.
fn timelinejs_slide(
    site: &Site,
    lookup: &Lookup,
    entry: &crate::link::TimelineEntry,
) -> TimelineJsSlide {
    let headline = match &entry.editorial {
        Some(event) => event.file.doc.meta.title.clone(),
        None => entry.value.label(),
    };
    let mut text = String::new();
    if let Some(event) = &entry.editorial {
        text.push_str(&format!(
            "<p>{}</p>",
            escape_html(event.file.doc.body.trim())
        ));
    }
    let quotes = site.config.timeline.quotes;
    for citation in entry.citations.iter().take(quotes) {
        let source = &site.sources[citation.source];
        text.push_str(&format!(
            "<p>{} <a href=\"/sources/{}/#{}\">{}</a></p>",
            escape_html(citation.sentence(site)),
            escape_html(&source.id),
            anchor(citation.block),
            escape_html(&source.title)
        ));
    }
    let more = entry.citations.len().saturating_sub(quotes);
    if more > 0 {
        text.push_str(&format!(
            "<p><a href=\"/{}\">{more} more citation{}</a></p>",
            escape_html(&lookup.entry_path(entry)),
            if more == 1 { "" } else { "s" }
        ));
    }
    TimelineJsSlide {
        start_date: timelinejs_date(&entry.value),
        end_date: None,
        text: TimelineJsText { headline, text },
        unique_id: entry.id.clone(),
        group: entry.editorial.as_ref().map(|_| "editorial"),
    }
}

#[cfg(test)]
mod unless_tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_writer_gives_up_once_told_to_stop() {
        let stop = AtomicBool::new(false);
        let mut out = Unless::new(&stop);
        write_json_lines(&mut out, ["a", "b"]).unwrap();
        assert_eq!(out.into_bytes(), b"[\n\"a\",\n\"b\"\n]\n");

        let mut out = Unless::new(&stop);
        out.write_all(b"first").unwrap();
        stop.store(true, Ordering::Relaxed);
        // An error `write_all` does not retry, so it returns at once.
        assert!(out.write_all(b"second").is_err());
        assert!(write_json_lines(&mut out, ["c"]).is_err());
    }
}
