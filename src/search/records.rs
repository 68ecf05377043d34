//! What a reader searches: the linked [`Site`] in, one [`Record`] per thing
//! worth finding out (plain text, a URL and the facts the results show).
//!
//! Records are made from the text the build already holds, not from the
//! rendered pages: each sentence is indexed once, where it belongs (a
//! source's text on its source, a person's name and role on their profile,
//! an entry's headline on the timeline), instead of again on every person,
//! year and month page that quotes it.

use crate::extract::dates::DateValue;
use crate::link::{Person, Site, Source, TimelineEntry};
use crate::render::links::Lookup;
use std::collections::BTreeMap;

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Site-relative URL of the page (and anchor) a result opens, with the
    /// page's file name written out, as the site's own links are (so that
    /// results open from any path and from disk).
    pub url: String,
    /// The words the index takes (plain text).
    pub content: String,
    /// What a result shows: `title`, `kind` (source, person, page, entry)
    /// and the details of each kind (`outlet`, `date`, `role`, `mentions`).
    pub meta: BTreeMap<String, String>,
}

/// The kinds of record, in the order [`records`] lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Source,
    Person,
    Page,
    Entry,
    /// A tag's page, found by the tag's name and introduction.
    Tag,
}

/// How many records of each kind `site` has, in [`Kind`] order: records
/// are made shard by shard ([`record`]) rather than all held at once.
pub fn counts(site: &Site) -> [(Kind, usize); 5] {
    [
        (Kind::Source, site.sources.len()),
        (Kind::Person, site.people.len()),
        (Kind::Page, site.pages.len()),
        (Kind::Entry, site.timeline.len()),
        (Kind::Tag, site.tags.len()),
    ]
}

/// The record of the `index`th thing of `kind`.
pub fn record(site: &Site, lookup: &Lookup, kind: Kind, index: usize) -> Record {
    match kind {
        Kind::Source => source_record(&site.sources[index]),
        Kind::Person => person_record(&site.people[index]),
        Kind::Page => page_record(&site.pages[index]),
        Kind::Entry => entry_record(site, lookup, &site.timeline[index]),
        Kind::Tag => tag_record(&site.tags[index]),
    }
}

/// About how many bytes of text the record of the `index`th thing of
/// `kind` has, without making it: what shards are cut by.
pub fn text_size(site: &Site, kind: Kind, index: usize) -> usize {
    match kind {
        Kind::Source => {
            let source = &site.sources[index];
            let blocks: usize = source.article.blocks.iter().map(|b| b.text.len() + 1).sum();
            source.title.len() + blocks
        }
        Kind::Person => {
            let person = &site.people[index];
            let aliases: usize = person.aliases.iter().map(String::len).sum();
            person.name.len() + aliases + person.role.as_ref().map_or(0, String::len)
        }
        Kind::Page => site.pages[index].file.doc.body.len(),
        Kind::Entry => site.timeline[index]
            .citations
            .first()
            .map_or(0, |citation| citation.sentence_range.len()),
        Kind::Tag => {
            let tag = &site.tags[index];
            tag.name.len() + tag.description.as_ref().map_or(0, String::len)
        }
    }
}

/// The meta map with a title and a kind.
fn meta(title: &str, kind: &str) -> BTreeMap<String, String> {
    let mut meta = BTreeMap::new();
    meta.insert("title".to_string(), title.to_string());
    meta.insert("kind".to_string(), kind.to_string());
    meta
}

/// Joins the non-empty parts into sentences: a part that ends without a
/// stop gets one, so that words of two parts are not read as one phrase.
fn sentences<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(part);
        if !part.ends_with(['.', '!', '?', ':', ';']) {
            text.push('.');
        }
    }
    text
}

fn source_record(source: &Source) -> Record {
    let article = &source.article;
    let parts = [source.title.as_str(), article.dek.as_deref().unwrap_or("")]
        .into_iter()
        .chain(article.blocks.iter().map(|block| block.text.as_str()));
    let mut meta = meta(&source.title, "source");
    let outlet = source.publication.as_deref().unwrap_or("Source");
    meta.insert("outlet".to_string(), outlet.to_string());
    if let Some(date) = source.date {
        meta.insert("date".to_string(), DateValue::day(date).label());
    }
    Record {
        url: page_file(&format!("sources/{}/", source.id)),
        content: sentences(parts),
        meta,
    }
}

/// A person is found by name, by any other spelling, by role and by the
/// editors' description and biography; not by the sentences that name
/// them, which are found on their sources.
fn person_record(person: &Person) -> Record {
    let biography = person
        .profile
        .as_ref()
        .map(|profile| markdown_text(&profile.doc.body));
    let parts = [person.name.as_str()]
        .into_iter()
        .chain(person.aliases.iter().map(String::as_str))
        .chain(person.role.as_deref())
        .chain(person.description.as_deref())
        .chain(biography.as_deref());
    let mut meta = meta(&person.name, "person");
    if let Some(role) = &person.role {
        meta.insert("role".to_string(), role.clone());
    }
    let mentions = person.mentions.len();
    let sources = person.sources.len();
    let plural = |n: usize, word: &str| match n {
        1 => format!("{n} {word}"),
        _ => format!("{n} {word}s"),
    };
    meta.insert(
        "mentions".to_string(),
        format!(
            "{} in {}",
            plural(mentions, "mention"),
            plural(sources, "source")
        ),
    );
    Record {
        url: page_file(&format!("people/{}/", person.id)),
        content: sentences(parts),
        meta,
    }
}

fn page_record(page: &crate::link::Page) -> Record {
    let doc = &page.file.doc;
    let body = markdown_text(&doc.body);
    let parts = [
        doc.meta.title.as_str(),
        doc.meta.description.as_deref().unwrap_or(""),
        body.as_str(),
    ];
    Record {
        url: page_file(&format!("{}/", page.id)),
        content: sentences(parts),
        meta: meta(&doc.meta.title, "page"),
    }
}

/// A tag is found by its name and the editors' introduction; the search
/// page shows it among the pages ("Topic: …"), as the theme groups results
/// by the kinds it knows.
fn tag_record(tag: &crate::link::tags::Tag) -> Record {
    let parts = [tag.name.as_str(), tag.description.as_deref().unwrap_or("")];
    Record {
        url: page_file(&format!("tags/{}/", tag.slug)),
        content: sentences(parts),
        meta: meta(&format!("Topic: {}", tag.name), "page"),
    }
}

/// An entry is found by its headline: the editors' title, else the
/// sentence of its first citation, with the date as the timeline writes it.
fn entry_record(site: &Site, lookup: &Lookup, entry: &TimelineEntry) -> Record {
    let label = entry.value.label();
    let editorial = entry.editorial.as_ref().map(|event| &event.file.doc);
    let headline = match editorial {
        Some(doc) => doc.meta.title.clone(),
        None => entry
            .citations
            .first()
            .map(|citation| citation.sentence(site).to_string())
            .unwrap_or_default(),
    };
    let body = editorial
        .map(|doc| markdown_text(&doc.body))
        .unwrap_or_default();
    let title = match headline.is_empty() {
        true => label.clone(),
        false => headline.clone(),
    };
    let mut meta = meta(&title, "entry");
    meta.insert("date".to_string(), label.clone());
    Record {
        url: page_file(&lookup.entry_path(entry)),
        content: sentences([label.as_str(), headline.as_str(), body.as_str()]),
        meta,
    }
}

/// `folder/` (or `folder/#anchor`) as `folder/index.html` (`…#anchor`).
fn page_file(url: &str) -> String {
    let (path, anchor) = url.split_at(url.find('#').unwrap_or(url.len()));
    format!("{path}index.html{anchor}")
}

/// The words of a Markdown text, without its markup: one line per block.
fn markdown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(&words),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push('\n'),
            _ => {}
        }
    }
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_become_sentences() {
        assert_eq!(
            sentences(["Ana Lima", "", "harbour pilot"]),
            "Ana Lima. harbour pilot."
        );
        assert_eq!(sentences(["Done!", "Next?"]), "Done! Next?");
    }

    #[test]
    fn a_tag_is_found_by_its_name_and_introduction_on_its_page() {
        let tag = crate::link::tags::Tag {
            slug: "fares".into(),
            name: "Fares".into(),
            description: Some("What a crossing costs".into()),
            sources: vec![0],
            pages: Vec::new(),
        };
        let record = tag_record(&tag);
        assert_eq!(record.url, "tags/fares/index.html");
        assert_eq!(record.content, "Fares. What a crossing costs.");
        assert_eq!(record.meta["title"], "Topic: Fares");
    }

    #[test]
    fn urls_name_the_page_file() {
        assert_eq!(page_file("people/ana/"), "people/ana/index.html");
        assert_eq!(
            page_file("timeline/2020/#e-1"),
            "timeline/2020/index.html#e-1"
        );
    }

    #[test]
    fn markdown_loses_its_markup() {
        let text = markdown_text("# Title\n\nSome *words* and a [link](x/).\n\n- one\n- `two`\n");
        assert_eq!(text, "Title Some words and a link. one two");
    }
}
