//! Incremental rebuilds for `watch` and `serve`: the site on disk in, the
//! output folder brought up to date out, redoing only what an edit affects.
//!
//! Between rebuilds the [`Engine`] keeps these memories:
//! - clean+extract results per source, keyed by a hash of the raw file and its
//!   sidecar, so an edit re-cleans only the edited source (with it, what the
//!   timeline reads from each date's sentence);
//! - the timeline's independent groups of dated mentions, keyed by all that
//!   grouping reads from them, so only the groups an edit touches are grouped
//!   again (see [`link::timeline::GroupingMemo`]);
//! - partial HTML of timeline entries, by fingerprint;
//! - each page's fingerprint (see [`crate::render::deps`]), so only pages whose
//!   inputs changed are rendered again;
//! - a hash of every file in the output folder, so only files whose bytes
//!   changed are written and files no longer produced are removed.
//!
//! Loading and the rest of linking run over the whole site: they are what
//! tells which people, dates and pages an edit touches. Errors are found before
//! anything is written, so a failed rebuild leaves the last good output as it was.

use crate::build::{check_output_location, BuildOptions};
use crate::diag::{sorted, Diagnostic};
use crate::link::{self, Processed};
use crate::load::{SourceCache, SourceFile};
use crate::render::data::is_export;
use crate::render::{self, Incremental, RenderOptions};
use crate::write::{self, Manifest};
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The state kept between rebuilds of one site.
pub struct Engine {
    options: BuildOptions,
    render_options: RenderOptions,
    /// Source key -> clean+extract result.
    processed: Mutex<HashMap<u64, Processed>>,
    /// Output path -> page fingerprint, for what is on disk now.
    pages: HashMap<String, u64>,
    /// Output path -> hash of the bytes on disk now (`None` before the first good build).
    manifest: Option<Manifest>,
    /// The site's language, from the last good rebuild (picks the search stemmer).
    language: String,
    /// The last good rebuild's site while its JSON exports are still to be written.
    pending_exports: Option<link::Site>,
    /// The source texts as last read.
    sources: SourceCache,
    /// Partial HTML from the last rebuild.
    fragments: render::Fragments,
    /// The timeline's groups from the last rebuild.
    grouping: link::timeline::GroupingMemo,
    /// Fingerprints of unchanged sources from the last rebuild.
    prints: render::deps::PrintMemo,
}

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuild {
    /// Every warning and error, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the output folder was updated (false when there were errors).
    pub written: bool,
    /// Pages and data files rendered this time.
    pub rendered: usize,
    /// Files written because their bytes changed.
    pub changed: Vec<String>,
    /// Files removed because the site no longer has them.
    pub removed: Vec<String>,
    /// Sources cleaned and extracted this time (not taken from memory).
    pub cleaned: usize,
    pub timings: Vec<(&'static str, Duration)>,
}

impl Rebuild {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Engine {
    /// `inject` is HTML added before `</body>` of every page (the live-reload script).
    pub fn new(options: BuildOptions, inject: Option<String>) -> Self {
        Engine {
            render_options: RenderOptions {
                base_url: options.base_url.clone(),
                inject,
            },
            options,
            processed: Mutex::new(HashMap::new()),
            pages: HashMap::new(),
            manifest: None,
            language: String::new(),
            pending_exports: None,
            sources: SourceCache::default(),
            fragments: render::Fragments::default(),
            grouping: link::timeline::GroupingMemo::default(),
            prints: render::deps::PrintMemo::default(),
        }
    }

    /// The memo key of a source (see [`SourceFile::key`]).
    fn source_key(&self, file: &SourceFile) -> u64 {
        self.sources.key(&file.path).unwrap_or_else(|| file.key())
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Tells the engine which files an event named, so the next rebuild
    /// reads them again even if their size and time look unchanged.
    pub fn changed(&mut self, paths: &[std::path::PathBuf]) {
        self.sources.forget(&self.options.root, paths);
    }

    /// Loads, links and renders what changed, then updates the output folder,
    /// JSON exports included. `Err` only for I/O failures; content problems
    /// are in the report.
    pub fn rebuild(&mut self) -> std::io::Result<Rebuild> {
        let mut report = self.rebuild_pages()?;
        let started = Instant::now();
        report.changed.extend(self.write_exports()?);
        report.changed.sort();
        report.timings.push(("exports", started.elapsed()));
        Ok(report)
    }

    /// [`Engine::rebuild`] but for the JSON exports under `data/`, which
    /// only other programs read: once the output exists, they are left to
    /// [`Engine::write_exports`], so a preview can reload before they are made.
    pub fn rebuild_pages(&mut self) -> std::io::Result<Rebuild> {
        let mut report = Rebuild::default();
        // Exports still owed by the last rebuild are for a site that is about to change.
        self.pending_exports = None;
        let output = self.options.output_dir();
        if let Some(problem) = check_output_location(&self.options.root, &output) {
            report.diagnostics = vec![problem];
            return Ok(report);
        }
        let started = Instant::now();
        let (root, drafts) = (&self.options.root, self.options.drafts);
        let content = crate::load::load_cached(root, drafts, Some(&mut self.sources))?;
        report.timings.push(("load", started.elapsed()));

        let started = Instant::now();
        let keys: HashMap<String, u64> = content
            .sources
            .iter()
            .map(|file| (file.id.clone(), self.source_key(file)))
            .collect();
        let previous = std::mem::take(&mut *self.processed.lock().expect("not poisoned"));
        let previous = Mutex::new(previous);
        let fresh: Mutex<HashMap<u64, Processed>> = Mutex::new(HashMap::new());
        let cleaned = std::sync::atomic::AtomicUsize::new(0);
        let process = |file: SourceFile| -> Processed {
            let key = self.source_key(&file);
            let remembered = previous.lock().expect("not poisoned").remove(&key);
            let processed = remembered.unwrap_or_else(|| {
                cleaned.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                link::process_source(file)
            });
            fresh
                .lock()
                .expect("not poisoned")
                .insert(key, processed.clone());
            processed
        };
        let (site, mut diagnostics) = link::link_with(content, &process, &self.grouping);
        // Only sources that still exist are remembered.
        *self.processed.lock().expect("not poisoned") = fresh.into_inner().expect("not poisoned");
        report.cleaned = cleaned.into_inner();
        report
            .timings
            .push(("clean+extract+link", started.elapsed()));

        let started = Instant::now();
        // Every source was linked again: who a source names may have changed.
        self.prints.forget_cards();
        let defer_exports = self.manifest.is_some();
        let rendered = match render::load_theme(&self.options.root) {
            Err(problems) => Err(problems),
            Ok(theme) => {
                let templates =
                    render::deps::template_fingerprints(&self.options.root, render::PAGE_TEMPLATES);
                let incremental = Incremental {
                    source_keys: &keys,
                    previous: &self.pages,
                    templates: &templates,
                    defer_exports,
                    fragments: &self.fragments,
                    prints: &self.prints,
                    candidates: None,
                    verify: false,
                };
                render::render_changed(&site, &theme, &self.render_options, Some(incremental), None)
            }
        };
        self.prints.keep_only(&keys);
        report.timings.push(("render", started.elapsed()));
        let rendered = match rendered {
            Ok(rendered) => rendered,
            Err(problems) => {
                diagnostics.extend(problems);
                report.diagnostics = sorted(diagnostics);
                return Ok(report);
            }
        };
        report.diagnostics = sorted(diagnostics);
        if report.has_errors() {
            return Ok(report);
        }
        report.rendered = rendered.files.len();
        report.timings.extend(rendered.timings.iter().copied());

        let started = Instant::now();
        match &mut self.manifest {
            Some(manifest) => {
                // The search index is not in the manifest: `search::Refresher`
                // keeps it up to date, apart, so it is never removed here; nor
                // are the exports, which `write_exports` brings up to date.
                let mut keep = rendered.unchanged;
                keep.extend(manifest.keys().filter(|p| is_export(p)).cloned());
                let changes = write::update_site(&rendered.files, &keep, &output, manifest)?;
                report.changed = changes.written;
                report.removed = changes.removed;
            }
            None => {
                write::write_site(&rendered.files, &output)?;
                self.manifest = Some(write::manifest_of(&rendered.files));
                report.changed = rendered.files.iter().map(|f| f.path.clone()).collect();
            }
        }
        self.pages = rendered.fingerprints;
        self.language.clone_from(&site.config.language);
        report.written = true;
        report.timings.push(("write", started.elapsed()));
        if defer_exports {
            self.pending_exports = Some(site);
        }
        Ok(report)
    }

    /// Writes the JSON exports the last [`Engine::rebuild_pages`] left out, if
    /// any; returns the paths whose bytes changed.
    pub fn write_exports(&mut self) -> std::io::Result<Vec<String>> {
        self.write_exports_unless(&AtomicBool::new(false))
    }

    /// [`Engine::write_exports`], given up as soon as `stop` turns true (a
    /// newer edit has come in: the rebuild for it makes its own exports).
    /// Nothing is written then, and the exports stay owed.
    pub fn write_exports_unless(&mut self, stop: &AtomicBool) -> std::io::Result<Vec<String>> {
        let (Some(site), Some(manifest)) = (&self.pending_exports, &mut self.manifest) else {
            return Ok(Vec::new());
        };
        let Some(exports) = render::render_exports(site, &self.render_options, stop) else {
            return Ok(Vec::new());
        };
        self.pending_exports = None;
        write::write_changed(&exports, &self.options.output_dir(), manifest)
    }

    /// The site's language as of the last good rebuild (the search index needs it).
    pub fn language(&self) -> &str {
        &self.language
    }
}
