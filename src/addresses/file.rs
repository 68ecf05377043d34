//! The addresses file (`addresses.txt` beside `site.toml`): its text in,
//! the [`Published`] addresses out, and back.
//!
//! One address a line, sorted, then what lives there:
//!
//! ```text
//! /background/ page content/pages/background.md
//! /people/ site
//! /people/richard-fuld/ person
//! /people/dick-fuld/ -> /people/richard-fuld/
//! /sources/2024-01-17-wsj-iraq/ source 5d0b4c1f2a9e7730
//! ```
//!
//! `page` names the file the page comes from, `source` a fingerprint of the
//! source's raw text, `person` and `site` need nothing (a person is found
//! again by their names, a page of the site's own is just there or not), and
//! `->` is a redirect. Lines starting with `#` and blank lines are comments.

use crate::diag::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;

/// The file's name, in the site folder.
pub const FILE_NAME: &str = "addresses.txt";

/// What lives at a published address, so that a later build can tell where
/// it went.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Resident {
    /// An editorial page, by the file it comes from (`content/pages/x.md`).
    Page(String),
    /// A source, by the fingerprint of its raw text ([`fingerprint`]).
    Source(String),
    /// A person's page, found again by the person's names.
    Person,
    /// A page of the site's own: the home page, a section, a year, a
    /// person's second page of mentions.
    Site,
    /// A redirect to another address.
    Moved(Address),
}

/// A site address: `/`, or `/` and `/`-terminated segments of letters,
/// digits, `-`, `_`, `.` and `~`, none of them `.` or `..`. Nothing else is
/// read from the file, so a redirect is never written outside the output folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Address(String);

impl Address {
    pub fn parse(text: &str) -> Option<Address> {
        let inner = text.strip_prefix('/')?;
        if inner.is_empty() {
            return Some(Address(text.to_string()));
        }
        let segments = inner.strip_suffix('/')?;
        let valid = segments.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
        });
        valid.then(|| Address(text.to_string()))
    }

    /// The address of a page written at `path` (`people/x/index.html` ->
    /// `/people/x/`), if it is a page's `index.html`.
    pub fn of_page_path(path: &str) -> Option<Address> {
        let folder = path.strip_suffix("index.html")?;
        if !(folder.is_empty() || folder.ends_with('/')) {
            return None;
        }
        Address::parse(&format!("/{folder}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The segments between the slashes (`/people/x/` -> `["people", "x"]`).
    pub fn segments(&self) -> Vec<&str> {
        self.0.split('/').filter(|s| !s.is_empty()).collect()
    }

    /// Where the page at this address is written under the output folder.
    pub fn page_path(&self) -> String {
        format!("{}index.html", &self.0[1..])
    }
}

/// Every address a site has published, with what lives there.
pub type Published = BTreeMap<Address, Resident>;

/// Reads the file's `text` (from `path`, for messages); a line that cannot
/// be read is left out with an error naming it.
pub fn parse(text: &str, path: &Path) -> (Published, Vec<Diagnostic>) {
    let mut published = Published::new();
    let mut problems = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_line(line) {
            Some((address, resident)) => {
                published.insert(address, resident);
            }
            None => problems.push(
                Diagnostic::error(path, Some(number + 1), format!("Backstory cannot read the line `{line}`"))
                    .hint("each line is an address such as /people/x/ and what is there (`page FILE`, `source KEY`, `person`, `site` or `-> /new/address/`); delete the line, and the next build writes it again if the page exists"),
            ),
        }
    }
    (published, problems)
}

fn parse_line(line: &str) -> Option<(Address, Resident)> {
    let mut words = line.split_whitespace();
    let address = Address::parse(words.next()?)?;
    let resident = match (words.next()?, words.next()) {
        ("page", Some(file)) => Resident::Page(file.to_string()),
        ("source", Some(key)) => Resident::Source(key.to_string()),
        ("person", None) => Resident::Person,
        ("site", None) => Resident::Site,
        ("->", Some(to)) => Resident::Moved(Address::parse(to)?),
        _ => return None,
    };
    words.next().is_none().then_some((address, resident))
}

/// The file's text: a header saying what it is, then one line per address,
/// sorted.
pub fn format(published: &Published) -> String {
    let mut text = String::from(
        "# Every address this site has published. `backstory build` keeps this file\n\
         # up to date; commit it with your content. When a page moves, its old\n\
         # address gets a page that sends readers on (docs/guide.md, \"Addresses\").\n\
         # Delete a line to stop answering that address.\n",
    );
    for (address, resident) in published {
        text.push_str(address.as_str());
        match resident {
            Resident::Page(file) => text.push_str(&format!(" page {file}")),
            Resident::Source(key) => text.push_str(&format!(" source {key}")),
            Resident::Person => text.push_str(" person"),
            Resident::Site => text.push_str(" site"),
            Resident::Moved(to) => text.push_str(&format!(" -> {}", to.as_str())),
        }
        text.push('\n');
    }
    text
}

/// The fingerprint of a source's raw text, as the file records it. Made in
/// [`crate::fingerprint`] so that the link stage, which fingerprints each
/// source while its bytes are in memory, does not import this later stage.
pub use crate::fingerprint::stable_hex as fingerprint;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_addresses_are_read() {
        for good in ["/", "/a/", "/people/x-y/", "/timeline/2024/03/"] {
            assert!(Address::parse(good).is_some(), "{good}");
        }
        for bad in [
            "", "a/", "/a", "//", "/../", "/a/../b/", "/a b/", "/a//b/", "/%2e%2e/", "/./",
        ] {
            assert!(Address::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_file_reads_back_what_it_wrote() {
        let mut published = Published::new();
        let at = |text: &str| Address::parse(text).unwrap();
        published.insert(at("/b/"), Resident::Page("content/pages/b.md".into()));
        published.insert(at("/"), Resident::Site);
        published.insert(at("/people/x/"), Resident::Person);
        published.insert(at("/people/y/"), Resident::Moved(at("/people/x/")));
        published.insert(at("/sources/s/"), Resident::Source(fingerprint(b"text")));
        let text = format(&published);
        let (read, problems) = parse(&text, Path::new("addresses.txt"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(read, published);
        assert_eq!(format(&read), text);
    }

    #[test]
    fn a_line_it_cannot_read_is_named() {
        let (read, problems) = parse("/a/ site\n/../ site\n/b/ -> ../x\n", Path::new("f"));
        assert_eq!(read.len(), 1);
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(3)]);
    }

    #[test]
    fn the_fingerprint_is_fixed() {
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
    }
}
