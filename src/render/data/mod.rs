//! Machine-readable output: the [`Site`] graph in; the JSON exports, the
//! sitemap, the Atom feed and robots.txt out, each handed over as a function
//! that writes it, so a writer can stream it to disk.
//!
//! The JSON field names are a public contract (see DESIGN.md): fields may be
//! added, never renamed.
//!
//! The large files are written record by record straight into buffers
//! ([`escape`]), the records made in parallel in ordered chunks ([`chunks`]),
//! so none of them is ever in memory whole and the bytes do not depend on the
//! number of threads.

mod chunks;
pub(crate) mod escape;
mod exports;
mod feeds;
pub mod parts;
mod timelinejs;

use super::links::Lookup;
use super::OutputFile;
use crate::link::Site;
use std::io::{self, Write};

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

/// The export of the tags, made only when the site has tags.
pub const TAGS_EXPORT: &str = "data/tags.json";

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
    let sentences = std::sync::OnceLock::new();
    let sentences = &sentences;
    let outputs = &site.config.output;
    let people = match outputs.exports {
        true => parts::people_parts(site, outputs.part_budget()),
        false => Vec::new(),
    };
    let timeline = match outputs.exports {
        true => parts::timeline_parts(site, outputs.part_budget()),
        false => Vec::new(),
    };
    let listing = parts::index_json(
        &people.iter().map(|p| p.path.clone()).collect::<Vec<_>>(),
        &timeline.iter().map(|p| p.path.clone()).collect::<Vec<_>>(),
        outputs.timelinejs,
    );
    let mut makers: Vec<(String, Box<Produce>)> = Vec::new();
    if outputs.exports {
        makers.push((
            "data/index.json".into(),
            Box::new(move |out: &mut dyn Write| out.write_all(listing.as_bytes())),
        ));
        makers.push((
            "data/sources.json".into(),
            Box::new(|out: &mut dyn Write| exports::sources(out, site)),
        ));
        if !site.tags.is_empty() {
            makers.push((
                TAGS_EXPORT.into(),
                Box::new(|out: &mut dyn Write| exports::tags(out, site)),
            ));
        }
    }
    for part in people {
        let people = part.items;
        makers.push((
            part.path,
            Box::new(move |out: &mut dyn Write| exports::people(out, site, &people, sentences)),
        ));
    }
    for part in timeline {
        let entries = part.items;
        makers.push((
            part.path,
            Box::new(move |out: &mut dyn Write| {
                exports::timeline(out, site, lookup, entries.clone())
            }),
        ));
    }
    if outputs.timelinejs {
        makers.push((
            "data/timelinejs.json".into(),
            Box::new(|out: &mut dyn Write| timelinejs::timelinejs(out, site, lookup)),
        ));
    }
    let fixed: Vec<(&str, Box<Produce>)> = vec![
        (
            "sitemap.xml",
            Box::new(move |out: &mut dyn Write| feeds::sitemap(out, site, lookup, base_url)),
        ),
        (
            "atom.xml",
            Box::new(move |out: &mut dyn Write| feeds::atom(out, site, base_url)),
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
    makers.extend(
        fixed
            .into_iter()
            .map(|(path, produce)| (path.to_string(), produce)),
    );
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

/// Every page URL of the site, sorted.
pub fn page_urls(site: &Site, lookup: &Lookup) -> Vec<String> {
    use crate::render::pages::{all_pages, page_url, PageKey};
    let mut urls: Vec<String> = all_pages(site, lookup)
        .into_iter()
        // The search page needs a script, and 404 is no page to visit.
        .filter(|key| !matches!(key, PageKey::Search | PageKey::NotFound))
        .map(|key| page_url(site, key))
        .collect();
    urls.sort();
    urls
}

#[cfg(test)]
mod unless_tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// A JSON-lines array of the strings, as the exports write their records.
    fn write_json_lines(out: &mut dyn Write, items: &[&str]) -> io::Result<()> {
        exports::json_lines(out, items.len(), 1, |index, out| {
            out.extend_from_slice(b",\n");
            escape::json_string(out, items[index]);
        })
    }

    #[test]
    fn a_writer_gives_up_once_told_to_stop() {
        let stop = AtomicBool::new(false);
        let mut out = Unless::new(&stop);
        write_json_lines(&mut out, &["a", "b"]).unwrap();
        assert_eq!(out.into_bytes(), b"[\n\"a\",\n\"b\"\n]\n");

        let mut out = Unless::new(&stop);
        out.write_all(b"first").unwrap();
        stop.store(true, Ordering::Relaxed);
        // An error `write_all` does not retry, so it returns at once.
        assert!(out.write_all(b"second").is_err());
        assert!(write_json_lines(&mut out, &["c"]).is_err());
    }
}
