//! What a reader searches: the linked [`Site`] in, one [`Record`] per thing
//! worth finding out (plain text, a URL and the facts the results show).
//!
//! Records are made from the text the build already holds, not from the
//! rendered pages: each sentence is indexed once, where it belongs (a
//! source's text on its source, a person's name and role on their profile,
//! an entry's headline on the timeline), instead of again on every person,
//! year and month page that quotes it.
//!
//! Timeline entries are indexed as [`Section`]s of one record per timeline
//! page (a year, a busy month, or the whole timeline on a small site):
//! each is found as a sub-result that opens its own anchor, while the index
//! stores one fragment per page rather than one per entry (tens of
//! thousands of files on a large site).

use crate::anchor::line_anchor;
use crate::extract::dates::DateValue;
use crate::extract::dates::Precision;
use crate::i18n::Strings;
use crate::link::{Person, Site, Source, TimelineEntry};
use crate::render::links::{Lookup, TimelinePage};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};

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
    /// Parts with an anchor of their own after `content`: the entries of
    /// a timeline page (found as sub-results), a source's paragraphs.
    pub sections: Vec<Section>,
}

/// A part of a record that opens at its own anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The `id` of the part on its page.
    pub anchor: String,
    /// What a result shows for it (an entry's date and headline); a part
    /// without one (a source's paragraph) is not a result of its own, but
    /// where a result on its page opens.
    pub title: Option<String>,
    /// The words the index takes besides the title.
    pub text: String,
}

/// The kinds of record, in the order [`Catalog::counts`] lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Source,
    Person,
    Page,
    /// The entries of one timeline page.
    Timeline,
    /// A tag's page, found by the tag's name and introduction.
    Tag,
}

/// What `site` has to index, record by record: records are made shard by
/// shard ([`Catalog::record`]) rather than all held at once.
pub struct Catalog<'a> {
    site: &'a Site,
    /// The timeline pages, each with its entries (indices into the
    /// timeline), in the order of their first entry.
    timeline_pages: Vec<(TimelinePage, Vec<usize>)>,
}

impl<'a> Catalog<'a> {
    pub fn new(site: &'a Site) -> Self {
        let timeline_pages = timeline_pages(site, &Lookup::new(site));
        Catalog {
            site,
            timeline_pages,
        }
    }

    /// How many records of each kind there are, in [`Kind`] order.
    pub fn counts(&self) -> [(Kind, usize); 5] {
        [
            (Kind::Source, self.site.sources.len()),
            (Kind::Person, self.site.people.len()),
            (Kind::Page, self.site.pages.len()),
            (Kind::Timeline, self.timeline_pages.len()),
            (Kind::Tag, self.site.tags.len()),
        ]
    }

    /// The record of the `index`th thing of `kind`.
    pub fn record(&self, kind: Kind, index: usize) -> Record {
        let site = self.site;
        match kind {
            Kind::Source => source_record(site, &site.sources[index]),
            Kind::Person => person_record(site, &site.people[index]),
            Kind::Page => page_record(&site.pages[index]),
            Kind::Timeline => {
                let (page, entries) = &self.timeline_pages[index];
                timeline_record(site, *page, entries)
            }
            Kind::Tag => tag_record(site.config.strings(), &site.tags[index]),
        }
    }

    /// About how many bytes of text the record of the `index`th thing of
    /// `kind` has, without making it: what shards are cut by.
    pub fn text_size(&self, kind: Kind, index: usize) -> usize {
        let site = self.site;
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
            Kind::Timeline => self.timeline_pages[index]
                .1
                .iter()
                .map(|&entry| entry_size(&site.timeline[entry]))
                .sum(),
            Kind::Tag => {
                let tag = &site.tags[index];
                tag.name.len() + tag.description.as_ref().map_or(0, String::len)
            }
        }
    }
}

/// The timeline pages of `site` with their entries, in the order of
/// their first entry.
fn timeline_pages(site: &Site, lookup: &Lookup) -> Vec<(TimelinePage, Vec<usize>)> {
    let mut pages: Vec<(TimelinePage, Vec<usize>)> = Vec::new();
    let mut by_page: HashMap<TimelinePage, usize> = HashMap::new();
    for (index, entry) in site.timeline.iter().enumerate() {
        let page = lookup.entry_page(entry);
        let at = *by_page.entry(page).or_insert_with(|| {
            pages.push((page, Vec::new()));
            pages.len() - 1
        });
        pages[at].1.push(index);
    }
    pages
}

fn entry_size(entry: &TimelineEntry) -> usize {
    let editorial = entry
        .editorial
        .as_ref()
        .map_or(0, |e| e.file.doc.body.len());
    let quoted = entry
        .citations
        .first()
        .map_or(0, |c| c.sentence_range.len());
    editorial + quoted + 32
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

/// A source is found by its title, dek and text; each paragraph keeps
/// its stable anchor, so that a result opens where the words are.
fn source_record(site: &Site, source: &Source) -> Record {
    let article = &source.article;
    let parts = [source.title.as_str(), article.dek.as_deref().unwrap_or("")];
    let sections = (0..article.blocks.len())
        .map(|index| Section {
            anchor: line_anchor(&article.blocks, index),
            title: None,
            text: article.blocks[index].text.clone(),
        })
        .collect();
    let mut meta = meta(&source.title, "source");
    let words = site.config.strings();
    let outlet = match &source.publication {
        Some(outlet) => outlet.clone(),
        None => words.text("source", &[]),
    };
    meta.insert("outlet".to_string(), outlet);
    if let Some(date) = source.date {
        let label = crate::i18n::date_label(words, &DateValue::day(date));
        meta.insert("date".to_string(), label);
    }
    Record {
        url: page_file(&format!("sources/{}/", source.id)),
        content: sentences(parts),
        meta,
        sections,
    }
}

/// A person is found by name, by any other spelling, by role and by the
/// editors' description and biography; not by the sentences that name
/// them, which are found on their sources.
fn person_record(site: &Site, person: &Person) -> Record {
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
    let words = site.config.strings();
    let mentions = words.text("mentions_count", &[("n", &mentions)]);
    let sources = words.text("sources_count", &[("n", &sources)]);
    meta.insert(
        "mentions".to_string(),
        words.text(
            "mentions_in_sources",
            &[("mentions", &mentions), ("sources", &sources)],
        ),
    );
    Record {
        url: page_file(&format!("people/{}/", person.id)),
        content: sentences(parts),
        meta,
        sections: Vec::new(),
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
        sections: Vec::new(),
    }
}

/// A tag is found by its name and the editors' introduction; the search
/// page shows it among the pages ("Topic: …"), as the theme groups results
/// by the kinds it knows.
fn tag_record(words: &Strings, tag: &crate::link::tags::Tag) -> Record {
    let parts = [tag.name.as_str(), tag.description.as_deref().unwrap_or("")];
    let title = words.text("topic_title", &[("name", &tag.name)]);
    Record {
        url: page_file(&format!("tags/{}/", tag.slug)),
        content: sentences(parts),
        meta: meta(&title, "page"),
        sections: Vec::new(),
    }
}

/// A timeline page's record: its title, and a section per entry, found by
/// its date and headline (the editors' title, else the sentence of its
/// first citation) and any editorial text.
fn timeline_record(site: &Site, page: TimelinePage, entries: &[usize]) -> Record {
    let title = timeline_page_title(site, page);
    let sections = entries
        .iter()
        .map(|&index| entry_section(site, &site.timeline[index]))
        .collect();
    Record {
        url: page_file(&page.path()),
        content: sentences([title.as_str()]),
        meta: meta(&title, "entry"),
        sections,
    }
}

/// "Timeline, 2012" for a year page, "Timeline, March 2012" for a month
/// page, "Timeline" for the whole timeline on one page.
fn timeline_page_title(site: &Site, page: TimelinePage) -> String {
    let words = site.config.strings();
    let timeline = words.text("timeline", &[]);
    let period = match page {
        TimelinePage::All => None,
        TimelinePage::Year(year) => Date::new(year, 1, 1)
            .ok()
            .map(|start| (start, Precision::Year)),
        TimelinePage::Month(year, month) => Date::new(year, month, 1)
            .ok()
            .map(|start| (start, Precision::Month)),
    };
    match period {
        Some((start, precision)) => {
            let value = DateValue {
                start,
                precision,
                modifier: None,
            };
            format!("{timeline}, {}", crate::i18n::date_label(words, &value))
        }
        None => timeline,
    }
}

fn entry_section(site: &Site, entry: &TimelineEntry) -> Section {
    let label = crate::i18n::date_label(site.config.strings(), &entry.value);
    let editorial = entry.editorial.as_ref().map(|event| &event.file.doc);
    let headline = match editorial {
        Some(doc) => doc.meta.title.clone(),
        None => entry
            .citations
            .first()
            .map(|citation| citation.sentence(site).to_string())
            .unwrap_or_default(),
    };
    let title = match headline.is_empty() {
        true => label,
        false => format!("{label}: {headline}"),
    };
    Section {
        anchor: entry.id.clone(),
        title: Some(title),
        text: editorial
            .map(|doc| markdown_text(&doc.body))
            .unwrap_or_default(),
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
        let record = tag_record(&Strings::default(), &tag);
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
