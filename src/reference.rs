//! Cross-references and links in editorial Markdown: Markdown text in, its
//! link destinations out; a destination in, a parsed [`Reference`] out.
//!
//! Editors link to the site's own things by hand: `@person/ID`,
//! `@source/ID` (optionally `#L12`, `#L12-2` or `#p3` for one paragraph),
//! `@page/ID`, `@date/2020-01-05` or just `@2020-01-05`. The grammar is
//! read here and nowhere else: the link stage reads which paragraphs an
//! editorial event cites, the render stage resolves every reference to a
//! URL, and `check` and `cite` read the citations. None of those stages
//! imports another for it, so this module sits below all of them.

use crate::anchor::ParagraphAnchor;
use pulldown_cmark::{BrokenLink, BrokenLinkCallback, CowStr, Event, Options, Parser, Tag};

/// A cross-reference as written, parsed once. The ids are as written;
/// whether they name anything is for the caller to find out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference<'a> {
    /// `@person/ID` (or `@people/ID`).
    Person(&'a str),
    /// `@source/ID` (or `@sources/ID`), with the text after `#` if any.
    Source {
        id: &'a str,
        anchor: Option<&'a str>,
    },
    /// `@page/ID`.
    Page(&'a str),
    /// `@date/2020-01-05` or `@2020-01-05`: the date as written.
    Date(&'a str),
    /// A cross-reference of a kind Backstory does not know (`@film/x`).
    Unknown,
}

/// What to write instead of a reference of an unknown kind.
pub const REFERENCE_FORMS: &str =
    "write `@person/ID`, `@source/ID` (optionally `#L12` or `#p3`), `@page/ID`, \
                               `@date/2020-01-05` or just `@2020-01-05`";

impl<'a> Reference<'a> {
    /// Reads a cross-reference, with or without its leading `@`.
    pub fn parse(reference: &'a str) -> Self {
        let body = reference.strip_prefix('@').unwrap_or(reference).trim();
        if body.starts_with(|c: char| c.is_ascii_digit()) {
            return Reference::Date(body);
        }
        let (kind, id) = body.split_once('/').unwrap_or((body, ""));
        match kind {
            "person" | "people" => Reference::Person(id),
            "source" | "sources" => match id.split_once('#') {
                Some((id, anchor)) => Reference::Source {
                    id,
                    anchor: Some(anchor),
                },
                None => Reference::Source { id, anchor: None },
            },
            "page" => Reference::Page(id),
            "date" => Reference::Date(id),
            _ => Reference::Unknown,
        }
    }

    /// The reference a link destination makes, or `None` for an ordinary link.
    pub fn in_link(destination: &'a str) -> Option<Self> {
        is_cross_reference(destination).then(|| Reference::parse(destination))
    }

    /// The source id and paragraph of a reference to one paragraph
    /// (`@source/x#L12` -> `("x", Line 12)`); `None` for any other.
    pub fn cited_paragraph(self) -> Option<(&'a str, ParagraphAnchor)> {
        match self {
            Reference::Source {
                id,
                anchor: Some(anchor),
            } => Some((id, ParagraphAnchor::parse(anchor)?)),
            _ => None,
        }
    }
}

/// The source id and paragraph anchor a link destination cites, if it is a
/// cross-reference to one paragraph of a source.
pub fn cited_paragraph(destination: &str) -> Option<(&str, ParagraphAnchor)> {
    Reference::in_link(destination)?.cited_paragraph()
}

/// True for a link destination that is a cross-reference (`@person/x`, `@2020`).
pub fn is_cross_reference(destination: &str) -> bool {
    destination.starts_with('@')
}

/// The parser every reading of editorial Markdown shares, so that each finds
/// the same links. A reference link with no definition whose label starts
/// with `@` (`[@2020-01-05]`) becomes a link to that cross-reference.
pub fn parser<'a>(markdown: &'a str) -> Parser<'a, impl BrokenLinkCallback<'a>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let callback = |link: BrokenLink<'a>| -> Option<(CowStr<'a>, CowStr<'a>)> {
        link.reference
            .starts_with('@')
            .then(|| (link.reference.clone(), CowStr::Borrowed("")))
    };
    Parser::new_with_broken_link_callback(markdown, options, Some(callback))
}

/// Every link destination in `markdown` with the byte offset of its link,
/// cross-references included, in order.
pub fn links_in(markdown: &str) -> Vec<(String, usize)> {
    parser(markdown)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url.to_string(), range.start)),
            _ => None,
        })
        .collect()
}

/// A link of some Markdown: where it points, its title (`[a](b "title")`)
/// and the bytes of the whole link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAt {
    pub destination: String,
    pub title: String,
    pub range: std::ops::Range<usize>,
}

/// Every link in `markdown`, cross-references included, with its title, in order.
pub fn titled_links_in(markdown: &str) -> Vec<LinkAt> {
    parser(markdown)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => Some(LinkAt {
                destination: dest_url.to_string(),
                title: title.to_string(),
                range,
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_of_cross_reference() {
        let cases = [
            ("@person/ana-ruiz", Reference::Person("ana-ruiz")),
            ("@people/ana-ruiz", Reference::Person("ana-ruiz")),
            (
                "@source/report",
                Reference::Source {
                    id: "report",
                    anchor: None,
                },
            ),
            (
                "@sources/report#L12-2",
                Reference::Source {
                    id: "report",
                    anchor: Some("L12-2"),
                },
            ),
            ("@page/about", Reference::Page("about")),
            ("@date/2020-01-05", Reference::Date("2020-01-05")),
            ("@2020-01", Reference::Date("2020-01")),
            ("@ 2020 ", Reference::Date("2020")),
            ("@film/x", Reference::Unknown),
            ("@", Reference::Unknown),
        ];
        for (written, expected) in cases {
            assert_eq!(Reference::parse(written), expected, "{written}");
        }
    }

    #[test]
    fn only_a_source_reference_with_a_valid_anchor_cites_a_paragraph() {
        assert_eq!(
            cited_paragraph("@source/x#p3"),
            Some(("x", ParagraphAnchor::Number(3)))
        );
        assert_eq!(
            cited_paragraph("@source/x#L12"),
            Some(("x", ParagraphAnchor::Line { line: 12, nth: 1 }))
        );
        for other in [
            "@source/x",
            "@source/x#q3",
            "@person/x#p3",
            "source/x#p3",
            "@2020#p3",
        ] {
            assert_eq!(cited_paragraph(other), None, "{other}");
        }
    }
}
