//! Published addresses: the addresses file of the last build, the [`Site`]
//! and the paths this build rendered in; redirect pages for the addresses
//! that moved, the addresses file's new text and warnings for the addresses
//! nothing answers any more out.
//!
//! An address once published keeps working. When the page that was there
//! has moved (a source renamed, a page's `slug` edited, two people merged,
//! a person's fuller name found), the old address gets a small page that
//! sends readers on ([`redirect::page`]). Where the thing itself is gone, no
//! page is made (a redirect to something else would mislead) and a warning
//! says so until the editor deletes the line. A real page always wins over a
//! redirect, and a redirect is written only at a checked [`Address`].

mod file;
mod redirect;

pub use file::{fingerprint, format, parse, Address, Published, Resident, FILE_NAME};

use crate::diag::Diagnostic;
use crate::link::Site;
use crate::output::OutputFile;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// What the addresses stage gives the build.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The redirect pages to write beside the site's own.
    pub redirects: Vec<OutputFile>,
    /// The addresses file's new text.
    pub file_text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `addresses.txt` from the site folder `root` (none yet: nothing published).
pub fn read_published(root: &Path) -> (Published, Vec<Diagnostic>) {
    match std::fs::read_to_string(root.join(FILE_NAME)) {
        Ok(text) => parse(&text, Path::new(FILE_NAME)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Default::default(),
        Err(error) => (
            Published::new(),
            vec![
                Diagnostic::error(FILE_NAME, None, format!("cannot read this file: {error}"))
                    .hint("make it a readable text file, or delete it to start the list again"),
            ],
        ),
    }
}

/// Compares what was published before with what this build `rendered`
/// (the paths of every file it made) and makes the redirects.
pub fn publish(
    site: &Site,
    rendered: &[String],
    previous: &Published,
    base_url: Option<&str>,
) -> Outcome {
    let current = residents(site, rendered);
    let finder = Finder::new(site, &current, previous);
    let mut outcome = Outcome::default();
    let mut published = current.clone();
    for (address, resident) in previous {
        if current.contains_key(address) {
            continue;
        }
        match finder.locate(address, 0) {
            Some(target) if can_write_at(address, rendered) => {
                let html = redirect::page(address, &target, base_url, &site.config.language);
                outcome
                    .redirects
                    .push(OutputFile::new(address.page_path(), html));
                published.insert(address.clone(), Resident::Moved(target));
            }
            _ => {
                outcome.diagnostics.push(gone(address));
                published.insert(address.clone(), resident.clone());
            }
        }
    }
    outcome.file_text = format(&published);
    outcome
}

/// A warning for an address that was published and now leads nowhere.
fn gone(address: &Address) -> Diagnostic {
    Diagnostic::warning(
        FILE_NAME,
        None,
        format!("the address {} was published before, and no page of the site is there now, nor can Backstory tell where it went", address.as_str()),
    )
    .hint("links to it from elsewhere are broken: restore the page, or delete its line from addresses.txt to accept that")
}

/// A redirect may go where no file of the site is written, nor any file
/// stands where one of its folders would be, nor the search index lives.
fn can_write_at(address: &Address, rendered: &[String]) -> bool {
    let path = address.page_path();
    let first = address.segments().first().copied().unwrap_or_default();
    first != crate::link::SEARCH_INDEX_DIR
        && !rendered
            .iter()
            .any(|file| path == *file || path.starts_with(&format!("{file}/")))
}

/// What lives at each page address this build rendered.
pub fn residents(site: &Site, rendered: &[String]) -> Published {
    let pages: HashMap<&str, String> = site
        .pages
        .iter()
        .map(|page| (page.id.as_str(), slashed(&page.file.path)))
        .collect();
    let sources: HashMap<&str, &crate::link::Source> =
        site.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    rendered
        .par_iter()
        .filter_map(|path| Address::of_page_path(path))
        .map(|address| {
            let resident = match address.segments().as_slice() {
                ["people", _] => Resident::Person,
                ["sources", id] => match sources.get(id) {
                    Some(source) => Resident::Source(source.raw_fingerprint.clone()),
                    None => Resident::Site,
                },
                [id] => pages
                    .get(id)
                    .cloned()
                    .map_or(Resident::Site, Resident::Page),
                _ => Resident::Site,
            };
            (address, resident)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// A path with `/` between its parts, on every system.
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Finds where the resident of an old address lives now.
struct Finder<'a> {
    site: &'a Site,
    current: &'a Published,
    previous: &'a Published,
    /// The address of each current page and source, by what lives there.
    by_resident: HashMap<&'a Resident, &'a Address>,
}

/// The longest chain of redirects followed; a longer one is a loop.
const MAX_HOPS: usize = 16;

impl<'a> Finder<'a> {
    fn new(site: &'a Site, current: &'a Published, previous: &'a Published) -> Self {
        let by_resident = current
            .iter()
            .filter(|(_, resident)| matches!(resident, Resident::Page(_) | Resident::Source(_)))
            .map(|(address, resident)| (resident, address))
            .collect();
        Finder {
            site,
            current,
            previous,
            by_resident,
        }
    }

    /// The current address of what was at `address`, if it still exists.
    fn locate(&self, address: &Address, hops: usize) -> Option<Address> {
        if self.current.contains_key(address) {
            return Some(address.clone());
        }
        if hops > MAX_HOPS {
            return None;
        }
        match self.previous.get(address) {
            Some(Resident::Moved(to)) => self.locate(to, hops + 1),
            Some(resident @ (Resident::Page(_) | Resident::Source(_))) => {
                self.by_resident.get(resident).map(|&found| found.clone())
            }
            Some(Resident::Person) => self.person(address.segments().get(1)?),
            Some(Resident::Site) | None => self.site_page(address, hops),
        }
    }

    /// A person's page (`people/X/`) now at another address: the one person
    /// with a name whose slug is `X`.
    fn person(&self, old_id: &str) -> Option<Address> {
        let mut found = self.site.people.iter().filter(|person| {
            std::iter::once(&person.name)
                .chain(&person.aliases)
                .any(|name| crate::slug::slugify(name) == old_id)
        });
        let person = found.next()?;
        if found.next().is_some() {
            return None;
        }
        Address::parse(&format!("/people/{}/", person.id))
    }

    /// A later page of a person's mentions (`people/X/2/`) follows the
    /// person. The page of a tag no file carries any more (renamed or
    /// retired) sends readers to the list of topics, when the site still
    /// has one: which tag took its place, if any, only the editor knows.
    fn site_page(&self, address: &Address, hops: usize) -> Option<Address> {
        let segments = address.segments();
        if let ["tags", _] = segments.as_slice() {
            let index = Address::parse("/tags/")?;
            return self.current.contains_key(&index).then_some(index);
        }
        let ["people", id, page] = segments.as_slice() else {
            return None;
        };
        let person = self.locate(&Address::parse(&format!("/people/{id}/"))?, hops + 1)?;
        let numbered = Address::parse(&format!("{}{page}/", person.as_str()))?;
        Some(if self.current.contains_key(&numbered) {
            numbered
        } else {
            person
        })
    }
}
