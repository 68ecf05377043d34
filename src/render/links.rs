//! Turning names and dates in text into links: plain text in, escaped HTML out.
//!
//! Used for the source bodies (spans known from the extract stage) and for
//! editorial Markdown (names found by the site's [`NameMatcher`], dates by the
//! date finder).

use super::escape_html;
use crate::clean::{Article, Block, BlockKind};
use crate::extract::dates::{find_dates, DateValue};
use crate::link::Site;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Where each linkable thing lives, computed once per build.
#[derive(Debug, Default)]
pub struct Lookup {
    /// Timeline entry index by ISO value (the first entry with that value).
    pub entry_by_iso: HashMap<String, usize>,
    /// Years that have a year page.
    pub years: BTreeSet<i16>,
}

impl Lookup {
    pub fn new(site: &Site) -> Self {
        let mut lookup = Lookup::default();
        for (index, entry) in site.timeline.iter().enumerate() {
            lookup
                .entry_by_iso
                .entry(entry.value.iso())
                .or_insert(index);
            lookup.years.insert(entry.value.year());
        }
        for source in &site.sources {
            lookup
                .years
                .extend(source.dates.iter().map(|d| d.value.year()));
        }
        lookup
    }
}

/// Everything needed to link text on one page: the site and the page's path back to the root.
pub struct LinkContext<'a> {
    pub root: &'a str,
    site: Option<(&'a Site, &'a Lookup)>,
}

impl<'a> LinkContext<'a> {
    pub fn new(site: &'a Site, lookup: &'a Lookup, root: &'a str) -> Self {
        LinkContext {
            root,
            site: Some((site, lookup)),
        }
    }

    /// A context that links nothing (for tests and text outside a site).
    pub fn plain() -> LinkContext<'static> {
        LinkContext {
            root: "",
            site: None,
        }
    }

    pub fn person_url(&self, person: usize) -> String {
        match self.site {
            Some((site, _)) => format!("{}people/{}/", self.root, site.people[person].id),
            None => String::new(),
        }
    }

    /// The timeline entry with this exact value, else the year page, if either exists.
    pub fn date_url(&self, value: &DateValue) -> Option<String> {
        let (site, lookup) = self.site?;
        if let Some(&entry) = lookup.entry_by_iso.get(&value.iso()) {
            return Some(format!(
                "{}timeline/#{}",
                self.root, site.timeline[entry].id
            ));
        }
        lookup
            .years
            .contains(&value.year())
            .then(|| format!("{}timeline/{}/", self.root, value.year()))
    }

    /// Escapes `text`, linking the first mention of each person (tracked in
    /// `linked`) and every date that has a timeline entry or year page.
    pub fn link_text(&self, text: &str, linked: &mut HashSet<usize>) -> String {
        let Some((site, _)) = self.site else {
            return escape_html(text);
        };
        let mut spans: Vec<(usize, usize, String, &'static str)> = Vec::new();
        for found in site.names.find(text) {
            if linked.insert(found.person) {
                spans.push((
                    found.start,
                    found.end,
                    self.person_url(found.person),
                    "person",
                ));
            }
        }
        let article = Article {
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: text.to_string(),
                credit: None,
                line: 1,
            }],
            ..Article::default()
        };
        for mention in find_dates(&article, None) {
            if let Some(url) = self.date_url(&mention.value) {
                spans.push((mention.span.start, mention.span.end, url, "date"));
            }
        }
        link_spans(text, spans)
    }
}

/// Escapes `text` and wraps each `(start, end, url, class)` span in a link.
/// Overlapping spans after the first are dropped; spans off char boundaries are ignored.
pub fn link_spans(text: &str, mut spans: Vec<(usize, usize, String, &'static str)>) -> String {
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut html = String::with_capacity(text.len() + spans.len() * 48);
    let mut at = 0;
    for (start, end, url, class) in spans {
        if start < at
            || end <= start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        html.push_str(&escape_html(&text[at..start]));
        html.push_str(&format!(
            "<a class=\"{class}\" href=\"{}\">{}</a>",
            escape_html(&url),
            escape_html(&text[start..end])
        ));
        at = end;
    }
    html.push_str(&escape_html(&text[at..]));
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_spans_and_escapes_everything_else() {
        let text = "<b>Ana</b> met Bo & Cy";
        let spans = vec![
            (3, 6, "people/ana/".to_string(), "person"),
            (15, 17, "people/bo/".to_string(), "person"),
            (16, 19, "overlap".to_string(), "person"),
        ];
        assert_eq!(
            link_spans(text, spans),
            "&lt;b&gt;<a class=\"person\" href=\"people/ana/\">Ana</a>&lt;/b&gt; met \
             <a class=\"person\" href=\"people/bo/\">Bo</a> &amp; Cy"
        );
    }

    #[test]
    fn ignores_spans_off_char_boundaries() {
        assert_eq!(link_spans("é", vec![(1, 2, "x".to_string(), "date")]), "é");
    }
}
