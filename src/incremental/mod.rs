//! Incremental rebuilds for `watch` and `serve`: the site on disk (and, from
//! the watcher, the paths an edit named) in, the output folder brought up to
//! date out, redoing only what an edit affects.
//!
//! Two ways through a rebuild:
//! - **Edits to sources** ([`edits`]): when every path named is a source
//!   text or sidecar already in the site, only those are read, cleaned and
//!   extracted again and patched into the last site graph
//!   ([`link::patch::patch`]); the patch says which people, entries and
//!   years changed, and from that the pages to look at are named
//!   ([`render::Candidates`]). Nothing else is read, walked or hashed.
//! - **Edits to editorial pages** ([`pages`]): when every path named is a
//!   page already in the site and only its body changed, the pages are read
//!   again and put into the last site graph; only they, the home and search
//!   pages and the people whose names came or went are looked at.
//! - **Anything else** (a page's front matter, a profile, a template, `site.toml`, a new
//!   or deleted source, an edit that renames people or moves a source in
//!   the site's order): the whole content is loaded and linked again, with
//!   memories that still save most of the work:
//!   - clean+extract results per source, keyed by a hash of the raw file
//!     and its sidecar, so only edited sources are cleaned again;
//!   - the timeline's independent groups of dated mentions
//!     ([`link::timeline::GroupingMemo`]);
//!   - every page's fingerprint ([`crate::render::deps`]), so only pages
//!     whose inputs changed are rendered again.
//!
//! Either way, partial HTML of timeline entries is kept by fingerprint, only
//! files whose bytes changed are written, files no longer produced are
//! removed, and errors are found before anything is written, so a failed
//! rebuild leaves the last good output as it was. An output folder deleted
//! or cut short meanwhile is noticed ([`output`]) and written whole again.

mod edits;
mod output;
mod pages;

use crate::build::{check_locations, check_output_location, BuildOptions};
use crate::diag::{sorted, Diagnostic};
use crate::link::{self, Prepared};
use crate::load::{SourceCache, SourceFile};
use crate::measure::Step;
use crate::render::data::is_export;
use crate::render::{self, Incremental, RenderOptions, Theme};
use crate::write::{self, Manifest};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The state kept between rebuilds of one site.
pub struct Engine {
    options: BuildOptions,
    render_options: RenderOptions,
    /// Source key -> clean+extract result.
    processed: Mutex<HashMap<u64, Prepared>>,
    /// Output path -> page fingerprint, for what is on disk now.
    pages: HashMap<String, u64>,
    /// Output path -> hash of the bytes on disk now (`None` before the first good build).
    manifest: Option<Manifest>,
    /// The output folder as the last write left it.
    written: Option<output::Written>,
    /// The last good site graph, and what patching it needs.
    linked: Option<Linked>,
    /// Whether the JSON exports of `linked` are still to be written.
    exports_owed: bool,
    /// Whether `linked` is the site on disk, so that an edit can be patched
    /// into it (not after a failed rebuild).
    patchable: bool,
    /// The source texts as last read.
    sources: SourceCache,
    /// Partial HTML from the last rebuild.
    fragments: render::Fragments,
    /// The timeline's groups from the last rebuild.
    grouping: link::timeline::GroupingMemo,
    /// Fingerprints of unchanged sources from the last rebuild.
    prints: render::deps::PrintMemo,
    /// The theme of the last rebuild, with the fingerprints of its templates.
    theme: Option<(Theme, HashMap<String, u64>)>,
    /// The paths watcher events named since the last rebuild; `None` when
    /// the caller did not say (the next rebuild then looks at everything).
    named: Option<BTreeSet<PathBuf>>,
    /// Checks every patch against a full link and every render of
    /// candidates against all pages (tests: see [`Engine::verifying`]).
    verify: bool,
    /// The output folder, locked for this engine from its first rebuild on.
    claim: Option<write::OutputClaim>,
    /// Resized images, so that an edit re-encodes only the image it changed.
    images: Option<crate::images::Cache>,
}

/// A linked site as the last good rebuild left it.
struct Linked {
    site: link::Site,
    memo: link::patch::LinkMemo,
    /// Every diagnostic of that rebuild.
    diagnostics: Vec<Diagnostic>,
    /// Source id -> hash of its raw file and sidecar.
    keys: HashMap<String, u64>,
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
    /// Whether only the edited sources were read and patched in (see [`edits`]).
    pub patched: bool,
    pub timings: Vec<(Step, Duration)>,
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
            written: None,
            linked: None,
            exports_owed: false,
            patchable: false,
            sources: SourceCache::default(),
            fragments: render::Fragments::default(),
            grouping: link::timeline::GroupingMemo::default(),
            prints: render::deps::PrintMemo::default(),
            theme: None,
            named: None,
            verify: false,
            claim: None,
            images: None,
        }
    }

    /// Makes every patched rebuild also link the whole site and fingerprint
    /// every page, and fail (with an error naming the first difference) if
    /// the patch or the pages it named missed anything. For tests: it costs
    /// what a full rebuild costs.
    pub fn verifying(mut self) -> Self {
        self.verify = true;
        self
    }

    /// The memo key of a source (see [`SourceFile::key`]).
    fn source_key(&self, file: &SourceFile) -> u64 {
        self.sources.key(&file.path).unwrap_or_else(|| file.key())
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Tells the engine which files an event named, so the next rebuild
    /// reads them again even if their size and time look unchanged, and,
    /// when they are all source texts already in the site, reads only them.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        self.sources.forget(&self.options.root, paths);
        self.named
            .get_or_insert_with(BTreeSet::new)
            .extend(paths.iter().cloned());
    }

    /// Loads, links and renders what changed, then updates the output folder,
    /// JSON exports included. `Err` only for I/O failures; content problems
    /// are in the report.
    pub fn rebuild(&mut self) -> std::io::Result<Rebuild> {
        let mut report = self.rebuild_pages()?;
        let started = Instant::now();
        report.changed.extend(self.write_exports()?);
        report.changed.sort();
        report.timings.push((Step::Exports, started.elapsed()));
        Ok(report)
    }

    /// [`Engine::rebuild`] but for the JSON exports under `data/`, which
    /// only other programs read: once the output exists, they are left to
    /// [`Engine::write_exports`], so a preview can reload before they are made.
    pub fn rebuild_pages(&mut self) -> std::io::Result<Rebuild> {
        if let Err(problem) = self.claim_output() {
            self.named = None;
            return Ok(Rebuild {
                diagnostics: vec![problem],
                ..Rebuild::default()
            });
        }
        let output = self.output_dir();
        let lost = self.manifest.is_some()
            && !self
                .written
                .as_ref()
                .is_some_and(|written| written.still_there(&output));
        if lost {
            // The files the manifest lists may be gone: write the site whole.
            self.manifest = None;
            self.pages.clear();
            self.patchable = false;
        }
        let named = self.named.take();
        if let Some(report) = self.rebuild_edited_sources(named.as_ref())? {
            return Ok(report);
        }
        if let Some(report) = self.rebuild_edited_pages(named.as_ref())? {
            return Ok(report);
        }
        self.rebuild_everything()
    }

    /// Claims the output folder on the first rebuild (see [`write::claim_output`]);
    /// the claim, and its lock, last as long as the engine. The site folder is
    /// checked on every rebuild: an edit can take `site.toml` away.
    fn claim_output(&mut self) -> Result<(), Diagnostic> {
        if let Some(problem) = check_locations(&self.options) {
            return Err(problem);
        }
        if self.claim.is_none() {
            let output = self.options.output_dir();
            let claim = write::claim_output(&output, self.options.force, "serve or watch")?;
            if let Some(problem) = check_output_location(&self.options.root, claim.dir()) {
                return Err(problem);
            }
            self.claim = Some(claim);
        }
        Ok(())
    }

    /// The folder the site is written to: the claimed output folder (a
    /// symbolic link's target, where the output is a link).
    fn output_dir(&self) -> PathBuf {
        self.claim.as_ref().map_or_else(
            || self.options.output_dir(),
            |claim| claim.dir().to_path_buf(),
        )
    }

    /// The rebuild that loads and links the whole site.
    fn rebuild_everything(&mut self) -> std::io::Result<Rebuild> {
        let mut report = Rebuild::default();
        let started = Instant::now();
        let (root, drafts) = (&self.options.root, self.options.drafts);
        let content = crate::load::load_cached(root, drafts, Some(&mut self.sources))?;
        report.timings.push((Step::Load, started.elapsed()));

        let started = Instant::now();
        let keys: HashMap<String, u64> = content
            .sources
            .iter()
            .map(|file| (file.id.clone(), self.source_key(file)))
            .collect();
        let previous = std::mem::take(&mut *self.processed.lock().expect("not poisoned"));
        let previous = Mutex::new(previous);
        let fresh: Mutex<HashMap<u64, Prepared>> = Mutex::new(HashMap::new());
        let cleaned = std::sync::atomic::AtomicUsize::new(0);
        let prepare = |file: SourceFile| -> Prepared {
            let key = self.source_key(&file);
            let remembered = previous.lock().expect("not poisoned").remove(&key);
            let prepared = remembered.unwrap_or_else(|| {
                cleaned.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                link::prepare::prepare(file)
            });
            fresh
                .lock()
                .expect("not poisoned")
                .insert(key, prepared.clone());
            prepared
        };
        let mut content = content;
        let prepared: Vec<Prepared> = std::mem::take(&mut content.sources)
            .into_par_iter()
            .map(prepare)
            .collect();
        let (site, diagnostics, memo) = link::link_for_watch(content, prepared, &self.grouping);
        // Only sources that still exist are remembered.
        *self.processed.lock().expect("not poisoned") = fresh.into_inner().expect("not poisoned");
        report.cleaned = cleaned.into_inner();
        report
            .timings
            .push((Step::CleanExtractLink, started.elapsed()));
        // Every source was linked again: who a source names, and any
        // entry, may have changed.
        self.prints.forget_linked();
        self.theme = None;
        let linked = Linked {
            site,
            memo,
            diagnostics,
            keys,
        };
        self.render_and_write(linked, None, report)
    }

    /// Renders the pages of `linked` whose fingerprint changed (only among
    /// `candidates` when given), writes them and keeps `linked` for the next
    /// rebuild, unless there are errors.
    fn render_and_write(
        &mut self,
        mut linked: Linked,
        candidates: Option<render::Candidates>,
        mut report: Rebuild,
    ) -> std::io::Result<Rebuild> {
        let started = Instant::now();
        let output = self.output_dir();
        let images = self
            .images
            .get_or_insert_with(|| crate::images::Cache::new(Some(output.clone())));
        let (pictures, image_problems) = crate::render::pictures::prepare(&linked.site, images);
        images.keep_only(pictures.files.iter().map(|file| file.path.as_str()));
        linked.site.pictures = std::sync::Arc::new(pictures);
        let defer_exports = self.manifest.is_some();
        // A whole site is written into a staging folder as it is rendered,
        // as a build does, instead of being held in memory.
        let staging = match self.manifest {
            None => Some(write::Staging::new(&output)?),
            Some(_) => None,
        };
        let staged = staging.as_ref().map(|staging| output::Staged {
            staging,
            manifest: Mutex::default(),
        });
        let mut diagnostics = linked.diagnostics.clone();
        diagnostics.extend(image_problems);
        // Cross-references in editorial text, as `build` checks them.
        diagnostics.extend(render::links::reference_problems(&linked.site));
        diagnostics.extend(link::tags::tag_problems(&linked.site));
        let theme = self.take_theme();
        if let Ok((theme, _)) = &theme {
            diagnostics.extend(theme.warnings.iter().cloned());
        }
        let rendered = match &theme {
            Err(problems) => Err(problems.clone()),
            Ok((theme, templates)) => {
                let incremental = Incremental {
                    source_keys: &linked.keys,
                    previous: &self.pages,
                    templates,
                    defer_exports,
                    fragments: &self.fragments,
                    prints: &self.prints,
                    candidates: candidates.as_ref(),
                    verify: self.verify,
                };
                render::render_changed(
                    &linked.site,
                    theme,
                    &self.render_options,
                    Some(incremental),
                    staged.as_ref().map(|staged| staged as &dyn render::Sink),
                )
            }
        };
        self.prints.keep_only(&linked.keys);
        report.timings.push((Step::Render, started.elapsed()));
        let rendered = match rendered {
            Ok(rendered) => rendered,
            Err(problems) => {
                diagnostics.extend(problems);
                report.diagnostics = sorted(diagnostics);
                self.patchable = false;
                return Ok(report);
            }
        };
        report.diagnostics = sorted(diagnostics);
        if report.has_errors() {
            self.patchable = false;
            return Ok(report);
        }
        self.theme = theme.ok();
        report.rendered = rendered.paths.len();
        report.timings.extend(rendered.timings.iter().copied());

        let started = Instant::now();
        let by_candidates = candidates.is_some() && !self.verify;
        let manifest = staged.map(|staged| staged.manifest);
        let staged = staging.zip(manifest);
        self.write_rendered(rendered, staged, by_candidates, &output, &mut report)?;
        self.written = self
            .manifest
            .as_ref()
            .and_then(|manifest| output::Written::note(&output, manifest));
        report.written = true;
        report.timings.push((Step::Write, started.elapsed()));
        self.exports_owed = defer_exports;
        self.linked = Some(linked);
        self.patchable = true;
        Ok(report)
    }

    /// The theme of the last rebuild, or the site's theme loaded afresh with
    /// the fingerprints of its templates.
    fn take_theme(&mut self) -> Result<(Theme, HashMap<String, u64>), Vec<Diagnostic>> {
        match self.theme.take() {
            Some(theme) => Ok(theme),
            None => render::load_theme(&self.options.root).map(|theme| {
                let templates =
                    render::deps::template_fingerprints(&self.options.root, render::PAGE_TEMPLATES);
                (theme, templates)
            }),
        }
    }

    /// Brings `output` up to date with what a render made: the pages it
    /// names as changed, every page it made, or (with no manifest yet) the
    /// whole site staged as it rendered, with the manifest of its files.
    fn write_rendered(
        &mut self,
        rendered: render::Rendered,
        staged: Option<(write::Staging, Mutex<Manifest>)>,
        by_candidates: bool,
        output: &std::path::Path,
        report: &mut Rebuild,
    ) -> std::io::Result<()> {
        match &mut self.manifest {
            Some(manifest) if by_candidates => {
                let written = write::write_changed(&rendered.files, output, manifest)?;
                report.removed = write::remove_files(&rendered.gone, output, manifest)?;
                report.changed = written;
                for path in &rendered.gone {
                    self.pages.remove(path);
                }
                self.pages.extend(rendered.fingerprints);
            }
            Some(manifest) => {
                // The search index is not in the manifest: `search::Refresher`
                // keeps it up to date, apart, so it is never removed here; nor
                // are the exports, which `write_exports` brings up to date.
                let mut keep = rendered.unchanged;
                keep.extend(manifest.keys().filter(|p| is_export(p)).cloned());
                let changes = write::update_site(&rendered.files, &keep, output, manifest)?;
                report.changed = changes.written;
                report.removed = changes.removed;
                self.pages = rendered.fingerprints;
            }
            None => {
                // The render staged the whole site, as there was no manifest.
                let mut manifest = Manifest::default();
                if let Some((staging, written)) = staged {
                    manifest = written.into_inner().expect("not poisoned");
                    staging.commit()?;
                }
                self.manifest = Some(manifest);
                report.changed = rendered.paths;
                self.pages = rendered.fingerprints;
            }
        }
        Ok(())
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
        let output = self.output_dir();
        let (true, Some(linked), Some(manifest)) =
            (self.exports_owed, &self.linked, &mut self.manifest)
        else {
            return Ok(Vec::new());
        };
        let Some(exports) = render::render_exports(&linked.site, &self.render_options, stop) else {
            return Ok(Vec::new());
        };
        self.exports_owed = false;
        // The tags export comes and goes with the site's tags: once the
        // last tag is gone, a full build would not have it.
        let tags = render::data::TAGS_EXPORT;
        let stale: Vec<String> = match exports.iter().any(|file| file.path == tags) {
            false if manifest.contains_key(tags) => vec![tags.to_string()],
            _ => Vec::new(),
        };
        let mut changed = write::write_changed(&exports, &output, manifest)?;
        changed.extend(write::remove_files(&stale, &output, manifest)?);
        Ok(changed)
    }

    /// The site's language as of the last good rebuild (the search index needs it).
    /// The last good site graph, once a build succeeded.
    pub fn site(&self) -> Option<&link::Site> {
        self.linked.as_ref().map(|linked| &linked.site)
    }

    pub fn language(&self) -> &str {
        self.linked
            .as_ref()
            .map_or("", |linked| linked.site.config.language.as_str())
    }
}
