//! Search stage: the linked site in, a static Pagefind index out.
//!
//! The build indexes [`records`] made from the text it already holds (see
//! that module for what is indexed), not its rendered HTML. The records are
//! cut into shards of bounded text ([`SHARD_TEXT`]), indexed a few at a
//! time in parallel, each into a Pagefind bundle of its own: the first in
//! `pagefind/`, the others in `pagefind/shard-N/`, listed in
//! `pagefind/shards.json` for the search page to merge (Pagefind's
//! `mergeIndex`). Memory so stays bounded by a few shards, whatever the
//! size of the site. The browser side is the theme's own
//! `assets/search.js`; Pagefind's bundled UI scripts are not published.
//!
//! Watch mode keeps the index in step with the site ([`Refresher::refresh`],
//! the same records as a build); `serve` indexes on a thread of its own from
//! the pages on disk ([`Refresher::in_background`]), reading each page
//! marked `data-pagefind-body`.

mod records;
mod shards;

pub use records::Record;
pub use shards::{index_records, Put, SHARDS_FILE, SHARD_TEXT};

use crate::diag::Diagnostic;
use crate::render::OutputFile;
use crate::write::{self, Changes, Manifest};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Where the index is published, under the output folder.
pub const BUNDLE_DIR: &str = crate::link::SEARCH_INDEX_DIR;

/// The attribute a page carries when it should be searchable.
const BODY_MARKER: &str = "data-pagefind-body";

/// Files of Pagefind's bundle that the theme does not use (its ready-made UIs).
const UNUSED_PREFIXES: &[&str] = &[
    "pagefind-ui.",
    "pagefind-modular-ui.",
    "pagefind-component-ui.",
    "pagefind-highlight.",
    "playground/",
];

/// Indexes what a reader searches in `site` (see [`records`]) in shards,
/// handing each file of the index to `put` as it is made; returns the
/// paths made, sorted. `Err` for I/O failures from `put`; `Ok(Err)` for a
/// problem the indexer reports.
pub fn index_site_records(
    site: &crate::link::Site,
    put: &Put,
) -> std::io::Result<Result<Vec<String>, Diagnostic>> {
    index_in_shards(site, SHARD_TEXT, put)
}

/// [`index_site_records`] with shards of at most `shard_text` bytes of
/// text (one record may be longer): smaller shards take less memory, and
/// a search loads a little of every shard.
pub fn index_in_shards(
    site: &crate::link::Site,
    shard_text: usize,
    put: &Put,
) -> std::io::Result<Result<Vec<String>, Diagnostic>> {
    shards::index(site, &site.config.language, shard_text, put)
}

/// The primary subtag of a BCP 47 tag (`en` of `en-GB`), which picks
/// Pagefind's stemmer; `en` when there is none.
fn primary_language(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .filter(|tag| !tag.is_empty())
        .unwrap_or("en")
        .to_ascii_lowercase()
}

/// Indexes the searchable pages among `files` in `language` (a BCP 47 tag;
/// its primary subtag picks Pagefind's stemmer) and returns the index files.
pub fn index_site(files: &[OutputFile], language: &str) -> Result<Vec<OutputFile>, Diagnostic> {
    let pages = files.iter().filter(|file| is_page(&file.path)).cloned();
    index_with(pages, language, || {})
}

/// [`index_site`], calling `on_thread_start` in every thread the indexer starts.
fn index_with(
    files: impl Iterator<Item = OutputFile>,
    language: &str,
    on_thread_start: impl Fn() + Send + Sync + 'static,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .on_thread_start(on_thread_start)
        .build()
        .map_err(|error| problem(format!("cannot start the search indexer: {error}")))?;
    runtime.block_on(build_index(files, language))
}

/// Gives the calling thread the lowest CPU priority (nice 19), so that the
/// search index, rebuilt in the background while an editor works, yields
/// the processors to the rebuild the editor is waiting for. Only on Linux,
/// where priority is per thread; elsewhere it would slow the whole program.
fn yield_to_rebuilds() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority and gettid only read their integer arguments; a
    // failure (not permitted, say) leaves the priority as it was, which is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 19);
    }
}

/// Indexes `files` (HTML pages, each dropped once it is indexed).
async fn build_index(
    files: impl Iterator<Item = OutputFile>,
    language: &str,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let primary = primary_language(language);
    let config = PagefindServiceConfig::builder()
        .keep_index_url(true)
        .force_language(primary)
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|error| problem(error.to_string()))?;
    let mut pages = 0;
    for file in files {
        if !is_page(&file.path) {
            continue;
        }
        let Ok(html) = String::from_utf8(file.bytes) else {
            continue;
        };
        if !html.contains(BODY_MARKER) {
            continue;
        }
        index
            .add_html_file(Some(file.path.clone()), None, html)
            .await
            .map_err(|error| problem(format!("cannot index {}: {error}", file.path)))?;
        pages += 1;
    }
    if pages == 0 {
        return Ok(Vec::new());
    }
    let built = index
        .get_files()
        .await
        .map_err(|error| problem(format!("cannot build the search index: {error}")))?;
    let mut out: Vec<OutputFile> = built
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let name = name.trim_start_matches('/').to_string();
            let unused = UNUSED_PREFIXES.iter().any(|p| name.starts_with(p));
            (!unused).then(|| OutputFile::new(format!("{BUNDLE_DIR}/{name}"), file.contents))
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Keeps the search index of an output folder in step with the pages on disk,
/// for `watch` and `serve`, whose rebuilds write only what changed.
pub struct Refresher {
    output: PathBuf,
    /// The index files this refresher wrote, with their hashes.
    written: Manifest,
}

impl Refresher {
    pub fn new(output: &Path) -> Self {
        Refresher {
            output: output.to_path_buf(),
            written: Manifest::new(),
        }
    }

    /// Indexes `site` exactly as a full build does (the same records, the
    /// same shards) and writes the index files that changed. `Err` for I/O
    /// failures; a problem indexing is the inner `Err`.
    pub fn refresh(
        &mut self,
        site: &crate::link::Site,
    ) -> std::io::Result<Result<Changes, Diagnostic>> {
        let output = &self.output;
        self.written.retain(|path, _| output.join(path).is_file());
        let made = std::sync::Mutex::new(Vec::new());
        let put = |file: OutputFile| {
            made.lock().unwrap_or_else(|e| e.into_inner()).push(file);
            Ok(())
        };
        if let Err(problem) = index_site_records(site, &put)? {
            return Ok(Err(problem));
        }
        let mut index = made.into_inner().unwrap_or_else(|e| e.into_inner());
        index.sort_by(|a, b| a.path.cmp(&b.path));
        write::update_site(&index, &[], &self.output, &mut self.written).map(Ok)
    }

    /// Indexes every HTML page now in the output folder and writes the
    /// index files that changed: `serve`'s indexer, which works on its own
    /// thread from what is on disk while the site graph stays with the rebuilds.
    fn refresh_with(
        &mut self,
        language: &str,
        on_thread_start: impl Fn() + Send + Sync + 'static,
    ) -> std::io::Result<Result<Changes, Diagnostic>> {
        // Index files deleted meanwhile (with the whole output folder, say)
        // are written again.
        let output = &self.output;
        self.written.retain(|path, _| output.join(path).is_file());
        let index = match index_pages_in(&self.output, language, on_thread_start)? {
            Ok(index) => index,
            Err(problem) => return Ok(Err(problem)),
        };
        write::update_site(&index, &[], &self.output, &mut self.written).map(Ok)
    }

    /// Moves the refresher to a thread of its own: each request indexes the
    /// site once, and requests that arrive while it works are merged into one.
    /// That thread and the threads it works with run at the lowest priority
    /// (see [`yield_to_rebuilds`]), with a thread pool of their own for each
    /// index.
    pub fn in_background(mut self) -> Background {
        let (sender, receiver) = mpsc::channel::<String>();
        std::thread::spawn(move || {
            yield_to_rebuilds();
            while let Ok(mut language) = receiver.recv() {
                while let Ok(newer) = receiver.try_recv() {
                    language = newer;
                }
                // Pagefind works in parallel with rayon: in a pool of its own,
                // so that the rebuilds' pool is not shared with it. The pool
                // ends with each index: the memory the indexer used (GBs on a
                // large site) goes back with its threads instead of staying
                // with idle ones while the preview waits for the next edit.
                let pool = rayon::ThreadPoolBuilder::new()
                    .start_handler(|_| yield_to_rebuilds())
                    .build();
                let refreshed = match &pool {
                    Ok(pool) => pool.install(|| self.refresh_with(&language, yield_to_rebuilds)),
                    Err(_) => self.refresh_with(&language, yield_to_rebuilds),
                };
                drop(pool);
                match refreshed {
                    Ok(Ok(_)) => {}
                    Ok(Err(problem)) => crate::terminal::err(&problem.to_string()),
                    Err(error) => crate::terminal::err(&format!(
                        "error: cannot update the search index: {error}"
                    )),
                }
            }
        });
        Background { sender }
    }
}

/// A [`Refresher`] working on its own thread; dropping this ends the thread.
pub struct Background {
    sender: mpsc::Sender<String>,
}

impl Background {
    /// Asks for the index to be rebuilt for a site in `language`; returns at once.
    pub fn request(&self, language: &str) {
        // The thread only ends when this sender is dropped, so sending cannot fail.
        let _ = self.sender.send(language.to_string());
    }
}

/// Whether a file of the site is a page the index may take.
fn is_page(path: &str) -> bool {
    path.ends_with(".html")
}

/// Indexes the HTML pages under `folder`, read one at a time as the
/// indexer takes them (a large site's pages together are hundreds of MB).
fn index_pages_in(
    folder: &Path,
    language: &str,
    on_thread_start: impl Fn() + Send + Sync + 'static,
) -> std::io::Result<Result<Vec<OutputFile>, Diagnostic>> {
    let mut failed = None;
    let pages =
        html_pages(folder)?
            .into_iter()
            .map_while(|(path, file)| match std::fs::read(&file) {
                Ok(bytes) => Some(OutputFile::new(path, bytes)),
                Err(error) => {
                    failed = Some(error);
                    None
                }
            });
    let index = index_with(pages, language, on_thread_start);
    match failed {
        Some(error) => Err(error),
        None => Ok(index),
    }
}

/// Every `.html` file under `output`: its path in the site and on disk,
/// sorted by the former, as the build would hand them over.
fn html_pages(output: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() || entry.path().extension() != Some("html".as_ref()) {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(output) else {
            continue;
        };
        let path = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        pages.push((path, entry.path().to_path_buf()));
    }
    pages.sort();
    Ok(pages)
}

fn problem(message: String) -> Diagnostic {
    Diagnostic::error("pagefind", None, message)
        .hint("build with --no-search to skip the search index, and report the problem")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, body: &str) -> OutputFile {
        OutputFile::new(
            path,
            format!("<!DOCTYPE html><html lang=\"en\"><head><title>{path}</title></head><body>{body}</body></html>"),
        )
    }

    #[test]
    fn indexes_marked_pages_only_and_is_deterministic() {
        let files = vec![
            page(
                "people/ana-lima/index.html",
                "<main data-pagefind-body><h1>Ana Lima</h1><p>A harbour pilot.</p></main>",
            ),
            page("timeline/index.html", "<main><h1>Timeline</h1></main>"),
            OutputFile::new("data/people.json", "{}"),
        ];
        let first = index_site(&files, "en-GB").unwrap();
        let second = index_site(&files, "en-GB").unwrap();
        assert_eq!(first, second);
        let names: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("pagefind/fragment/")));
        assert!(!names.iter().any(|n| n.contains("pagefind-ui")));
        let fragments = first
            .iter()
            .filter(|f| f.path.starts_with("pagefind/fragment/"))
            .count();
        assert_eq!(fragments, 1, "only the marked page is indexed");
    }

    #[test]
    fn a_site_without_searchable_pages_gets_no_index() {
        let files = vec![page("index.html", "<main><h1>Home</h1></main>")];
        assert!(index_site(&files, "en").unwrap().is_empty());
    }
}
