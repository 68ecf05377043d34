//! Render stage: the [`Site`] graph and a [`Theme`] in, every output file out.
//!
//! HTML pages go through tera with small per-page contexts built from
//! [`views`]; feeds, the sitemap and the JSON export are produced in
//! [`data`]. Pages are rendered in parallel; a template error names the
//! template and the page.

pub mod data;
pub mod deps;
pub mod family_name;
pub mod hrefs;
pub mod links;
pub mod markdown;
pub mod pages;
pub mod pictures;
pub mod plain_links;
pub mod svg;
pub mod tags;
pub mod theme;
pub mod views;

use crate::diag::Diagnostic;
use crate::link::Site;
use crate::measure::Step;
pub use crate::output::OutputFile;
use deps::{Fingerprints, PrintMemo};
use links::{LinkContext, Lookup};
use pages::PageJob;
pub use pages::PageKey;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tera::Context;
pub use theme::{load_theme, Theme};

/// The message for a file that could not be written.
fn write_problem(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, None, format!("cannot write this file: {error}"))
        .hint("check that the output folder's disk has space and is writable")
}

/// Escapes text for HTML element content and attribute values. Tera calls
/// it for every `{{ }}` of every page.
pub fn escape_html(text: &str) -> String {
    // Room for a few replacements, so that text with an apostrophe or an
    // ampersand is not copied again into a larger string.
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped_html(&mut out, text);
    out
}

/// Appends `text` escaped as [`escape_html`] escapes it, without a string
/// of its own: for HTML written in parts.
pub fn push_escaped_html(out: &mut String, text: &str) {
    data::escape::html_escaped_string(out, text);
}

/// Settings of one render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// A snippet of HTML added before `</body>` (the live-reload script in `serve`).
    pub inject: Option<String>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    url: String,
}

/// The templates that render whole pages; every other template is shared by all.
pub const PAGE_TEMPLATES: &[&str] = &[
    "home.html",
    "sources.html",
    "source.html",
    "people.html",
    "person.html",
    "mentions.html",
    "timeline.html",
    "year.html",
    "month.html",
    "page.html",
    "404.html",
    "tags.html",
    "tag.html",
];

/// A timeline entry as list pages get it: already rendered by `entry.html`.
#[derive(Serialize)]
struct EntryHtml {
    id: String,
    date: String,
    year: i16,
    html: String,
}

/// Partial HTML that watch mode keeps between rebuilds, by fingerprint.
#[derive(Default)]
pub struct Fragments {
    kept: Mutex<HashMap<u64, Arc<str>>>,
}

impl Fragments {
    fn get(&self, key: u64) -> Option<Arc<str>> {
        self.kept.lock().expect("not poisoned").get(&key).cloned()
    }

    fn len(&self) -> usize {
        self.kept.lock().expect("not poisoned").len()
    }

    fn put(&self, key: u64, html: Arc<str>) {
        self.kept.lock().expect("not poisoned").insert(key, html);
    }

    /// Forgets every fragment whose key is not in `live`.
    fn keep_only(&self, live: &HashSet<u64>) {
        self.kept
            .lock()
            .expect("not poisoned")
            .retain(|key, _| live.contains(key));
    }
}

/// The bytes a page is first rendered into: more than most pages take.
const PAGE_BUFFER: usize = 64 * 1024;

/// The roots (`../` repeated) of the pages that list timeline entries.
const ENTRY_ROOTS: [&str; 2] = ["../", "../../"];

/// Renders the partials that list pages repeat: `entry.html`, once per
/// timeline entry and page depth. In watch mode an entry whose fingerprint
/// did not change is taken from [`Fragments`] instead, so a year page with
/// thousands of entries costs little to render again after an edit.
pub struct Partials<'a> {
    theme: &'a Theme,
    memory: Option<(&'a Fragments, &'a Fingerprints<'a>, u64)>,
    /// The first template error; the page that met it fails.
    problem: Mutex<Option<Diagnostic>>,
}

impl Partials<'_> {
    fn entry(&self, site: &Site, index: usize, links: &LinkContext) -> EntryHtml {
        let entry = &site.timeline[index];
        let render = || {
            let mut context = Context::new();
            context.insert("entry", &views::entry_view(site, entry, links));
            context.insert("root", links.root);
            let mut html = Vec::new();
            match self
                .theme
                .render_to("entry.html", &context, &entry.id, &mut html)
            {
                // Tera writes only whole strings.
                Ok(()) => String::from_utf8(html).unwrap_or_default(),
                Err(problem) => {
                    self.problem
                        .lock()
                        .expect("not poisoned")
                        .get_or_insert(problem);
                    String::new()
                }
            }
        };
        let html = match self.memory {
            None => render(),
            Some((fragments, prints, salt)) => {
                let key = deps::hash_of((salt, prints.entry(site, index), links.root));
                match fragments.get(key) {
                    Some(html) => html.to_string(),
                    None => {
                        let html = render();
                        fragments.put(key, Arc::from(html.as_str()));
                        html
                    }
                }
            }
        };
        EntryHtml {
            id: entry.id.clone(),
            date: entry.value.iso(),
            year: entry.value.year(),
            html,
        }
    }

    /// The keys of every fragment the site has now, at every depth.
    fn live_keys(&self, site: &Site) -> HashSet<u64> {
        let Some((_, prints, salt)) = self.memory else {
            return HashSet::new();
        };
        (0..site.timeline.len())
            .flat_map(|index| {
                ENTRY_ROOTS.map(|root| deps::hash_of((salt, prints.entry(site, index), root)))
            })
            .collect()
    }
}

/// What watch mode knows from the previous render.
pub struct Incremental<'a> {
    /// Source id -> hash of its raw file and sidecar.
    pub source_keys: &'a HashMap<String, u64>,
    /// Output path -> fingerprint of the page as it is on disk now.
    pub previous: &'a HashMap<String, u64>,
    /// Template name -> fingerprint (see [`deps::template_fingerprints`]).
    pub templates: &'a HashMap<String, u64>,
    /// Leaves out the JSON exports, for [`render_exports`] to make later.
    pub defer_exports: bool,
    /// Partial HTML from the previous render.
    pub fragments: &'a Fragments,
    /// Fingerprints of unchanged sources from the previous render.
    pub prints: &'a PrintMemo,
    /// The pages an edit can have changed; `None` when it can be any page.
    pub candidates: Option<&'a Candidates>,
    /// Fingerprints every page, not only the candidates, and reports (as an
    /// error) any page outside them whose fingerprint changed: a test that
    /// the candidates miss no dependency.
    pub verify: bool,
}

/// The pages and files an edit can have changed, from the link stage's
/// account of what it changed (see `incremental`). Every other page is
/// known to be as it is on disk.
#[derive(Debug, Default, Clone)]
pub struct Candidates {
    pub pages: std::collections::BTreeSet<PageKey>,
    /// Sources whose raw file changed (their published copy).
    pub raw: std::collections::BTreeSet<usize>,
}

/// The result of [`render_changed`].
#[derive(Debug, Default)]
pub struct Rendered {
    /// Files rendered this time (every page in a full render), sorted by
    /// path; empty when they went to a [`Sink`].
    pub files: Vec<OutputFile>,
    /// The paths of the files rendered this time, sorted, wherever they went.
    pub paths: Vec<String>,
    /// Pages skipped because their fingerprint did not change: they are on
    /// disk as they should be. Only listed when every page was fingerprinted.
    pub unchanged: Vec<String>,
    /// Pages of the previous render that the site no longer has (only in
    /// a render of candidates, which knows every other page is still there).
    pub gone: Vec<String>,
    /// Output path -> fingerprint, for every page (empty in a full render).
    pub fingerprints: HashMap<String, u64>,
    /// Wall time of each part: fingerprints, pages, data files.
    pub timings: Vec<(Step, std::time::Duration)>,
}

/// Where a render puts its files: each is handed over as soon as it is made
/// and then dropped, so a full build never holds the whole site in memory.
/// An `Err` stops nothing already running but fails the render.
pub trait Sink: Sync {
    /// Takes a whole file.
    fn put(&self, file: &OutputFile) -> std::io::Result<()>;
    /// Takes a file written piece by piece by `produce` (the large data files).
    fn stream(&self, path: &str, produce: &data::Produce) -> std::io::Result<()>;
}

/// A sink that keeps nothing (a dry run).
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &OutputFile) -> std::io::Result<()> {
        Ok(())
    }

    fn stream(&self, _: &str, produce: &data::Produce) -> std::io::Result<()> {
        produce(&mut std::io::sink())
    }
}

/// Renders every page and data file of `site`.
pub fn render(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_changed(site, theme, options, None, None).map(|rendered| rendered.files)
}

/// Renders the data files and the pages whose fingerprint differs from
/// `incremental.previous` (all pages when `incremental` is `None`). The files
/// go to `sink` when there is one, else into [`Rendered::files`].
pub fn render_changed(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    incremental: Option<Incremental>,
    sink: Option<&dyn Sink>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let deliver = |file: OutputFile| deliver_to(sink, file);
    let deliver_data = |path: &str, produce: &data::Produce| deliver_data_to(sink, path, produce);
    let started = std::time::Instant::now();
    let lookup = Lookup::new(site);
    let lookup_time = started.elapsed();
    let base_url = base_url(site, options);
    let site_view = SiteView {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        base_url: base_url.clone(),
    };
    let nav = nav_items(site);
    theme.words.set(site.config.strings().clone());

    let mut result = Rendered::default();
    result.timings.push((Step::RenderLookup, lookup_time));
    let started = std::time::Instant::now();
    let global = deps::global_fingerprint((
        &site.config,
        &base_url,
        &options.inject,
        nav.iter().map(|n| (&n.title, &n.url)).collect::<Vec<_>>(),
    ));
    let fingerprints = incremental.as_ref().map(|incremental| {
        Fingerprints::new(site, &lookup, incremental.source_keys, incremental.prints)
    });
    let partials = partials_of(theme, incremental.as_ref(), fingerprints.as_ref(), global);
    let existing = pages::all_pages(site, &lookup);
    // The pages to look at: every page, or the candidates of an edit that
    // still exist (a candidate that is gone is a page to remove).
    let keys = keys_to_render(existing, incremental.as_ref(), &mut result.gone);
    let all_jobs: Vec<PageJob> = keys
        .par_iter()
        .map(|&key| pages::page_job(site, &lookup, key))
        .collect();
    let jobs: Vec<&PageJob> = match (&incremental, &fingerprints) {
        (Some(incremental), Some(fingerprints)) => {
            let prints = Prints {
                incremental,
                fingerprints,
                global,
            };
            changed_jobs(&all_jobs, &prints, &mut result)?
        }
        _ => all_jobs.iter().collect(),
    };
    result
        .timings
        .push((Step::RenderFingerprints, started.elapsed()));
    // The longest pages first, one job at a time, so that no long page is
    // left for the end while the other threads have nothing to do. A page's
    // dependencies are about as many as the things it lists.
    let mut jobs = jobs;
    jobs.sort_by_key(|job| std::cmp::Reverse(job.deps.len()));
    let frame = PageFrame {
        site,
        lookup: &lookup,
        base_url: base_url.as_deref(),
        site_view: &site_view,
        nav: &nav,
        options,
        partials: &partials,
        theme,
    };
    let pages = || {
        let started = std::time::Instant::now();
        let rendered: Vec<Result<(String, Option<OutputFile>), Diagnostic>> = jobs
            .par_iter()
            .with_max_len(1)
            .map(|job| deliver(render_page(&frame, job)?))
            .collect();
        // Fragments of entries that changed are left behind; once they
        // outnumber the live ones, keep only the live ones.
        if let Some((fragments, _, _)) = partials.memory {
            if fragments.len() > 2 * ENTRY_ROOTS.len() * site.timeline.len() + 64 {
                fragments.keep_only(&partials.live_keys(site));
            }
        }
        (rendered, started.elapsed())
    };
    // In watch mode the sitemap and the feed are made again only when what
    // they list changed.
    let started = std::time::Instant::now();
    let data_prints: HashMap<&str, u64> = match &incremental {
        Some(incremental) => data_fingerprints(site, &lookup, incremental, global),
        None => HashMap::new(),
    };
    result
        .timings
        .push((Step::RenderDataPrints, started.elapsed()));
    let unchanged_data = |path: &str| {
        let previous = incremental.as_ref().and_then(|i| i.previous.get(path));
        previous.is_some() && previous == data_prints.get(path)
    };
    let data_outputs = || {
        let started = std::time::Instant::now();
        let which = match &incremental {
            Some(incremental) if incremental.defer_exports => data::DataFiles::Site,
            _ => data::DataFiles::All,
        };
        let made = |path: &str, produce: &data::Produce| {
            let made = (!unchanged_data(path)).then(|| deliver_data(path, produce));
            (path.to_string(), made)
        };
        let files = data::data_files_with(site, &lookup, base_url.as_deref(), which, made);
        (files, started.elapsed())
    };
    // The raw copy of each source changes only with the file itself.
    let raw_copies = || {
        let started = std::time::Instant::now();
        (
            raw_copies(site, incremental.as_ref(), &deliver),
            started.elapsed(),
        )
    };
    // The data files are made one after another, each in parallel chunks
    // written in order and streamed to the sink when there is one, while the
    // pages and the raw copies share the threads.
    let ((rendered, pages_time), ((data_outputs, data_time), (raw_copies, copies_time))) =
        rayon::join(pages, || rayon::join(data_outputs, raw_copies));
    result.timings.push((Step::RenderPages, pages_time));
    let mut outputs = rendered;
    let copies = raw_copies.into_iter().map(|(path, known, output)| {
        if let Some((key, _)) = known {
            result.fingerprints.insert(path.clone(), key);
        }
        (path, output)
    });
    keep_made(copies, &mut outputs, &mut result.unchanged);
    outputs.extend(theme_files(theme).into_iter().map(&deliver));
    outputs.extend(site.pictures.files.iter().cloned().map(&deliver));
    result.timings.push((Step::RenderCopies, copies_time));
    for (path, print) in data_prints {
        result.fingerprints.insert(path.to_string(), print);
    }
    keep_made(data_outputs, &mut outputs, &mut result.unchanged);
    result.timings.push((Step::RenderData, data_time));
    finish(outputs, result)
}

/// Hands a file to `sink` (and drops it) when there is one, else keeps it.
fn deliver_to(sink: Option<&dyn Sink>, file: OutputFile) -> Delivered {
    match sink {
        Some(sink) => match sink.put(&file) {
            Ok(()) => Ok((file.path, None)),
            Err(error) => Err(write_problem(&file.path, &error)),
        },
        None => Ok((file.path.clone(), Some(file))),
    }
}

/// Streams a data file to `sink`, or makes it in memory and keeps it.
fn deliver_data_to(sink: Option<&dyn Sink>, path: &str, produce: &data::Produce) -> Delivered {
    match sink {
        Some(sink) => match sink.stream(path, produce) {
            Ok(()) => Ok((path.to_string(), None)),
            Err(error) => Err(write_problem(path, &error)),
        },
        None => deliver_to(None, data::produced(path, produce)),
    }
}

/// The files that were made go to `outputs`; the paths of those that were
/// not (unchanged on disk) to `unchanged`.
fn keep_made(
    files: impl IntoIterator<Item = (String, Option<Delivered>)>,
    outputs: &mut Vec<Delivered>,
    unchanged: &mut Vec<String>,
) {
    for (path, output) in files {
        match output {
            Some(output) => outputs.push(output),
            None => unchanged.push(path),
        }
    }
}

/// The shared partials of a render, remembering rendered entries between
/// watch-mode renders.
fn partials_of<'a>(
    theme: &'a Theme,
    incremental: Option<&Incremental<'a>>,
    fingerprints: Option<&'a Fingerprints<'a>>,
    global: u64,
) -> Partials<'a> {
    Partials {
        theme,
        memory: incremental.zip(fingerprints).map(|(incremental, prints)| {
            let template = incremental.templates.get("entry.html").copied();
            (
                incremental.fragments,
                prints,
                deps::hash_of((global, template)),
            )
        }),
        problem: Mutex::new(None),
    }
}

/// What every page's render shares.
struct PageFrame<'a> {
    site: &'a Site,
    lookup: &'a Lookup<'a>,
    base_url: Option<&'a str>,
    site_view: &'a SiteView<'a>,
    nav: &'a [NavItem],
    options: &'a RenderOptions,
    partials: &'a Partials<'a>,
    theme: &'a Theme,
}

/// One page, rendered by its template with the shared variables and its own.
fn render_page(frame: &PageFrame, job: &PageJob) -> Result<OutputFile, Diagnostic> {
    let PageFrame {
        site,
        lookup,
        base_url,
        site_view,
        nav,
        options,
        partials,
        theme,
    } = *frame;
    let base_url = base_url.map(str::to_string);
    let root = page_root(job, base_url.as_deref());
    let links = LinkContext::new(site, lookup, &root);
    let mut context = Context::new();
    context.insert("site", site_view);
    context.insert("nav", nav);
    context.insert("root", &root);
    context.insert("page_url", &job.url);
    context.insert(
        "canonical",
        &base_url.as_ref().map(|b| format!("{b}{}", job.url)),
    );
    context.insert("title", &job.title);
    context.insert(
        "description",
        &job.description
            .clone()
            .unwrap_or_else(|| site.config.description.clone()),
    );
    context.insert("inject", &options.inject);
    pictures::insert(&mut context, site, job.key, &root, base_url.as_deref());
    (job.fill)(&mut context, &links, partials);
    if let Some(problem) = partials.problem.lock().expect("not poisoned").take() {
        return Err(problem);
    }
    // Rendered as bytes, which the links pass and the file take:
    // tera's own `render` would check the whole page is UTF-8.
    // Most pages fit the first buffer without growing it.
    let mut html = Vec::with_capacity(PAGE_BUFFER);
    theme.render_to(job.template, &context, &job.url, &mut html)?;
    // A long page's context is as large as the page: free it first.
    drop(context);
    Ok(OutputFile::new(job.path(), hrefs::link_index_files(&html)))
}

/// What a render hands on for one file: its path and the file itself
/// unless it went to the sink, or why it could not be written.
type Delivered = Result<(String, Option<OutputFile>), Diagnostic>;

/// A raw copy's path, its source's key and whether the copy on disk has
/// it, and the copy when one was made.
type RawCopy = (String, Option<(u64, bool)>, Option<Delivered>);

/// The raw copy of each source whose file changed (of each source in a
/// full render): a copy changes only with the file itself.
fn raw_copies(
    site: &Site,
    incremental: Option<&Incremental>,
    deliver: &(dyn Fn(OutputFile) -> Delivered + Sync),
) -> Vec<RawCopy> {
    let wanted: Vec<&crate::link::Source> =
        match incremental.filter(|i| !i.verify).and_then(|i| i.candidates) {
            Some(candidates) => candidates
                .raw
                .iter()
                .filter_map(|&index| site.sources.get(index))
                .collect(),
            None => site.sources.iter().collect(),
        };
    // A site may leave the raw texts out (`[output] raw_texts`).
    let wanted = match site.config.output.raw_texts {
        true => wanted,
        false => Vec::new(),
    };
    wanted
        .par_iter()
        .map(|source| {
            let file_name = source
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let path = format!("sources/{}/{}", source.id, views::raw_file_name(&file_name));
            let known = incremental.and_then(|incremental| {
                let key = incremental.source_keys.get(&source.id).copied()?;
                Some((key, incremental.previous.get(&path) == Some(&key)))
            });
            match known {
                Some((_, true)) => (path, known, None),
                _ => {
                    // Read again rather than held in memory for the whole build.
                    let output = match std::fs::read(site.root.join(&source.path)) {
                        Ok(bytes) => deliver(OutputFile::new(path.clone(), bytes)),
                        Err(error) => Err(Diagnostic::error(
                            &source.path,
                            None,
                            format!("cannot read this file again to publish it: {error}"),
                        )
                        .hint("keep the file in place while the site builds")),
                    };
                    (path, known, Some(output))
                }
            }
        })
        .collect()
}

/// The navigation every page shows: the generated sections, then the
/// editorial pages that have a `weight`.
fn nav_items(site: &Site) -> Vec<NavItem> {
    let words = site.config.strings();
    let mut nav: Vec<NavItem> = [
        ("sources", "sources/"),
        ("people", "people/"),
        ("timeline", "timeline/"),
    ]
    .into_iter()
    .map(|(key, url)| NavItem {
        title: words.text(key, &[]),
        url: url.into(),
    })
    .collect();
    // A site without tags has no topics page to list.
    if !site.tags.is_empty() {
        nav.push(NavItem {
            title: words.text("topics", &[]),
            url: "tags/".into(),
        });
    }
    nav.extend(
        site.pages
            .iter()
            .filter(|p| pages::in_nav(p))
            .map(|p| NavItem {
                title: p.file.doc.meta.title.clone(),
                url: format!("{}/", p.id),
            }),
    );
    nav
}

/// The pages to look at: every page in `existing`, or the candidates of an
/// edit that still exist; the files of candidates that are gone go to `gone`.
fn keys_to_render(
    existing: Vec<PageKey>,
    incremental: Option<&Incremental>,
    gone: &mut Vec<String>,
) -> Vec<PageKey> {
    match incremental.and_then(|i| i.candidates) {
        Some(candidates) if !incremental.is_some_and(|i| i.verify) => {
            let live: HashSet<PageKey> = existing.iter().copied().collect();
            for key in &candidates.pages {
                if live.contains(key) {
                    continue;
                }
                let previous = incremental.map(|i| i.previous);
                if let Some(path) =
                    gone_path(*key).filter(|p| previous.is_some_and(|m| m.contains_key(p)))
                {
                    gone.push(path);
                }
            }
            candidates
                .pages
                .iter()
                .copied()
                .filter(|key| live.contains(key))
                .collect()
        }
        _ => existing,
    }
}

/// What a page's fingerprint is made of in watch mode.
struct Prints<'a> {
    incremental: &'a Incremental<'a>,
    fingerprints: &'a Fingerprints<'a>,
    global: u64,
}

/// The jobs whose page's fingerprint differs from the one on disk; each
/// page's fingerprint goes to `result`, and an unchanged page to its
/// `unchanged`. In verify mode, a changed page outside the candidates is
/// an error: the dependency map missed it.
fn changed_jobs<'j, 'a>(
    all_jobs: &'j [PageJob<'a>],
    prints: &Prints,
    result: &mut Rendered,
) -> Result<Vec<&'j PageJob<'a>>, Vec<Diagnostic>> {
    let Prints {
        incremental,
        fingerprints,
        global,
    } = *prints;
    let prints: Vec<(String, u64)> = all_jobs
        .par_iter()
        .map(|job| {
            let template = incremental
                .templates
                .get(job.template)
                .copied()
                .unwrap_or_default();
            let print = fingerprints.page(template, global, &job.url, &job.deps);
            (job.path(), print)
        })
        .collect();
    let mut changed = Vec::new();
    let mut missed = Vec::new();
    for (job, (path, print)) in all_jobs.iter().zip(prints) {
        if incremental.previous.get(&path) == Some(&print) {
            result.unchanged.push(path.clone());
        } else {
            let candidate = incremental
                .candidates
                .is_none_or(|c| c.pages.contains(&job.key));
            if !candidate {
                missed.push(path.clone());
            }
            changed.push(job);
        }
        result.fingerprints.insert(path, print);
    }
    if !missed.is_empty() {
        return Err(vec![Diagnostic::error(
            &missed[0],
            None,
            format!(
                "watch mode missed a dependency: {} page(s) changed outside the edit's candidates, first {}",
                missed.len(),
                missed[0]
            ),
        )
        .hint("this is a bug in Backstory's dependency map; please report it")]);
    }
    Ok(changed)
}

/// The theme's assets and static files, and the highlighting stylesheet
/// unless the theme brings its own.
fn theme_files(theme: &Theme) -> Vec<OutputFile> {
    let mut outputs = Vec::new();
    for (name, bytes) in &theme.assets {
        outputs.push(OutputFile::new(format!("assets/{name}"), bytes.clone()));
    }
    for (path, bytes) in &theme.statics {
        outputs.push(OutputFile::new(path.clone(), bytes.clone()));
    }
    if !theme.assets.iter().any(|(name, _)| name == "syntax.css") {
        outputs.push(OutputFile::new("assets/syntax.css", markdown::syntax_css()));
    }
    outputs
}

/// The rendered paths and files in order, or every problem met on the way.
fn finish(
    outputs: Vec<Result<(String, Option<OutputFile>), Diagnostic>>,
    mut result: Rendered,
) -> Result<Rendered, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for output in outputs {
        match output {
            Ok((path, file)) => {
                result.paths.push(path);
                result.files.extend(file);
            }
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    result.paths.sort();
    result.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(result)
}

/// The JSON exports alone (see [`Incremental::defer_exports`]), or `None`
/// when `stop` turns true before they are all made.
pub fn render_exports(
    site: &Site,
    options: &RenderOptions,
    stop: &std::sync::atomic::AtomicBool,
) -> Option<Vec<OutputFile>> {
    let lookup = Lookup::new(site);
    let base_url = base_url(site, options);
    let exports = data::DataFiles::Exports;
    let made = |path: &str, produce: &data::Produce| {
        let mut out = data::Unless::new(stop);
        produce(&mut out).ok()?;
        Some(OutputFile::new(path, out.into_bytes()))
    };
    data::data_files_with(site, &lookup, base_url.as_deref(), exports, made)
        .into_iter()
        .collect()
}

/// Fingerprints of what the sitemap and the feed list, for watch mode.
fn data_fingerprints(
    site: &Site,
    lookup: &Lookup,
    incremental: &Incremental,
    global: u64,
) -> HashMap<&'static str, u64> {
    let key_of = |source: &crate::link::Source| {
        incremental
            .source_keys
            .get(&source.id)
            .copied()
            .unwrap_or_else(|| debug_hash_article(source))
    };
    let sitemap = deps::hash_of((global, data::page_urls(site, lookup)));
    // The feed lists the newest sources and the first pages, and its date is the newest source's.
    let limit = site.config.feed.limit.0;
    let feed = deps::hash_of((
        global,
        site.sources
            .iter()
            .take(limit)
            .map(key_of)
            .collect::<Vec<_>>(),
        site.sources.iter().filter_map(|s| s.date).max(),
        site.pages
            .iter()
            .take(limit)
            .map(|p| deps::hash_of(&p.file.doc.meta))
            .collect::<Vec<_>>(),
    ));
    HashMap::from([("sitemap.xml", sitemap), ("atom.xml", feed)])
}

fn debug_hash_article(source: &crate::link::Source) -> u64 {
    deps::hash_of(format!("{:?}", source.article))
}

/// The file of a page that is gone: its path from its key, if the key can
/// name a page (only timeline pages come and go without a full render).
fn gone_path(key: PageKey) -> Option<String> {
    match key {
        PageKey::Year(year) => Some(links::period_url(year, 0)),
        PageKey::Month(year, month @ 1..=12) => Some(links::period_url(year, month)),
        _ => None,
    }
    .map(|url| format!("{url}index.html"))
}

/// What the page's links start with to reach the site's root: `../` once per
/// folder, so the site works from disk and under any sub-path. The 404 page
/// is the exception: hosts serve it at whatever address was missing, at any
/// depth, so its links start from the server's root, under the path of
/// `base_url` when there is one.
fn page_root(job: &PageJob, base_url: Option<&str>) -> String {
    if job.key != PageKey::NotFound {
        return "../".repeat(job.url.matches('/').count());
    }
    let path = base_url.map_or("/", |url| match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None => url,
    });
    format!("{}/", path.trim_end_matches('/'))
}

/// The site's address with one trailing slash, if it has one.
fn base_url(site: &Site, options: &RenderOptions) -> Option<String> {
    let base_url = options.base_url.clone().or_else(|| site.config.base_url());
    base_url.map(|url| format!("{}/", url.trim_end_matches('/')))
}
