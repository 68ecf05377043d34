//! Render stage: the [`Site`] graph and a [`Theme`] in, every output file out.
//!
//! HTML pages go through tera with small per-page contexts built from
//! [`views`]; feeds, the sitemap and the JSON export are produced in
//! [`data`]. Pages are rendered in parallel; a template error names the
//! template and the page.

pub mod data;
pub mod deps;
pub mod hrefs;
pub mod links;
pub mod markdown;
pub mod svg;
pub mod theme;
pub mod views;

use crate::diag::Diagnostic;
use crate::link::Site;
use deps::{Dep, Fingerprints};
use links::{LinkContext, Lookup};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tera::Context;
pub use theme::{load_theme, Theme};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated, never absolute, never `..`.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// The message for a file that could not be written.
fn write_problem(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, None, format!("cannot write this file: {error}"))
        .hint("check that the output folder's disk has space and is writable")
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Copy the runs between special characters whole; all of them are ASCII.
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\0' => "\u{fffd}",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
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

/// Adds a page's own variables to its template context.
type FillContext<'a> = dyn Fn(&mut Context, &LinkContext, &Partials) + Send + Sync + 'a;

/// A page to render: its output path, template and the page-specific context.
struct PageJob<'a> {
    /// Site-relative URL (`people/x/`, or `` for the home page).
    url: String,
    template: &'static str,
    title: String,
    description: Option<String>,
    /// Everything the page shows besides the template and site-wide settings.
    deps: Vec<Dep>,
    fill: Box<FillContext<'a>>,
}

impl PageJob<'_> {
    /// The file the page is written to.
    fn path(&self) -> String {
        if self.template == "404.html" {
            "404.html".to_string()
        } else {
            format!("{}index.html", self.url)
        }
    }
}

/// The templates that render whole pages; every other template is shared by all.
pub const PAGE_TEMPLATES: &[&str] = &[
    "home.html",
    "sources.html",
    "source.html",
    "people.html",
    "person.html",
    "timeline.html",
    "year.html",
    "page.html",
    "404.html",
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

/// The roots (`../` repeated) of the pages that list timeline entries.
const ENTRY_ROOTS: [&str; 2] = ["../", "../../"];

/// Renders the partials that list pages repeat: `entry.html`, once per
/// timeline entry and page depth. In watch mode an entry whose fingerprint
/// did not change is taken from [`Fragments`] instead, so a year page with
/// thousands of entries costs little to render again after an edit.
pub struct Partials<'a> {
    theme: &'a Theme,
    memory: Option<(&'a Fragments, &'a Fingerprints, u64)>,
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
            match self.theme.tera.render("entry.html", &context) {
                Ok(html) => html,
                Err(error) => {
                    let problem = theme::template_diagnostic(&error, Some(&entry.id));
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
}

/// The result of [`render_changed`].
#[derive(Debug, Default)]
pub struct Rendered {
    /// Files rendered this time (every page in a full render), sorted by
    /// path; empty when they went to a [`Sink`].
    pub files: Vec<OutputFile>,
    /// The paths of the files rendered this time, sorted, wherever they went.
    pub paths: Vec<String>,
    /// Pages skipped because their fingerprint did not change: they are on disk as they should be.
    pub unchanged: Vec<String>,
    /// Output path -> fingerprint, for every page (empty in a full render).
    pub fingerprints: HashMap<String, u64>,
    /// Wall time of each part: fingerprints, pages, data files.
    pub timings: Vec<(&'static str, std::time::Duration)>,
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
    // A file either goes to the sink (and is dropped) or is kept.
    let deliver = |file: OutputFile| -> Result<(String, Option<OutputFile>), Diagnostic> {
        match sink {
            Some(sink) => match sink.put(&file) {
                Ok(()) => Ok((file.path, None)),
                Err(error) => Err(write_problem(&file.path, &error)),
            },
            None => Ok((file.path.clone(), Some(file))),
        }
    };
    // A data file is streamed to the sink, or made in memory and delivered.
    let deliver_data = |path: &str, produce: &data::Produce| match sink {
        Some(sink) => match sink.stream(path, produce) {
            Ok(()) => Ok((path.to_string(), None)),
            Err(error) => Err(write_problem(path, &error)),
        },
        None => deliver(data::produced(path, produce)),
    };
    let lookup = Lookup::new(site);
    let base_url = base_url(site, options);
    let site_view = SiteView {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        base_url: base_url.clone(),
    };
    let mut nav = vec![
        NavItem {
            title: "Sources".into(),
            url: "sources/".into(),
        },
        NavItem {
            title: "People".into(),
            url: "people/".into(),
        },
        NavItem {
            title: "Timeline".into(),
            url: "timeline/".into(),
        },
    ];
    nav.extend(site.pages.iter().filter(|p| in_nav(p)).map(|p| NavItem {
        title: p.file.doc.meta.title.clone(),
        url: format!("{}/", p.id),
    }));

    let all_jobs = page_jobs(site, &lookup);
    let mut result = Rendered::default();
    let started = std::time::Instant::now();
    let global = deps::global_fingerprint((
        &site.config,
        &base_url,
        &options.inject,
        nav.iter().map(|n| (&n.title, &n.url)).collect::<Vec<_>>(),
    ));
    let fingerprints = incremental
        .as_ref()
        .map(|incremental| Fingerprints::new(site, &lookup, incremental.source_keys));
    let partials = Partials {
        theme,
        memory: incremental
            .as_ref()
            .zip(fingerprints.as_ref())
            .map(|(incremental, prints)| {
                let template = incremental.templates.get("entry.html").copied();
                (
                    incremental.fragments,
                    prints,
                    deps::hash_of((global, template)),
                )
            }),
        problem: Mutex::new(None),
    };
    let jobs: Vec<&PageJob> = match (&incremental, &fingerprints) {
        (Some(incremental), Some(fingerprints)) => {
            let mut changed = Vec::new();
            for job in &all_jobs {
                let template = incremental
                    .templates
                    .get(job.template)
                    .copied()
                    .unwrap_or_default();
                let print = fingerprints.page(template, global, &job.url, &job.deps);
                let path = job.path();
                if incremental.previous.get(&path) == Some(&print) {
                    result.unchanged.push(path.clone());
                } else {
                    changed.push(job);
                }
                result.fingerprints.insert(path, print);
            }
            changed
        }
        _ => all_jobs.iter().collect(),
    };
    result
        .timings
        .push(("render:fingerprints", started.elapsed()));
    // The longest pages first, one job at a time, so that no long page is
    // left for the end while the other threads have nothing to do. A page's
    // dependencies are about as many as the things it lists.
    let mut jobs = jobs;
    jobs.sort_by_key(|job| std::cmp::Reverse(job.deps.len()));
    let pages = || {
        let started = std::time::Instant::now();
        let rendered: Vec<Result<(String, Option<OutputFile>), Diagnostic>> = jobs
            .par_iter()
            .with_max_len(1)
            .map(|job| {
                let depth = job.url.matches('/').count();
                let root = "../".repeat(depth);
                let links = LinkContext::new(site, &lookup, &root);
                let mut context = Context::new();
                context.insert("site", &site_view);
                context.insert("nav", &nav);
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
                (job.fill)(&mut context, &links, &partials);
                if let Some(problem) = partials.problem.lock().expect("not poisoned").take() {
                    return Err(problem);
                }
                let html = theme
                    .tera
                    .render(job.template, &context)
                    .map_err(|e| theme::template_diagnostic(&e, Some(&job.url)))?;
                // A long page's context is as large as the page: free it first.
                drop(context);
                deliver(OutputFile::new(job.path(), hrefs::link_index_files(&html)))
            })
            .collect();
        if let Some((fragments, _, _)) = partials.memory {
            fragments.keep_only(&partials.live_keys(site));
        }
        (rendered, started.elapsed())
    };
    let data_outputs = || {
        let started = std::time::Instant::now();
        let which = match &incremental {
            Some(incremental) if incremental.defer_exports => data::DataFiles::Site,
            _ => data::DataFiles::All,
        };
        let files = data::data_files_with(site, &lookup, base_url.as_deref(), which, deliver_data);
        (files, started.elapsed())
    };
    // The raw copy of each source changes only with the file itself.
    let raw_copies = || {
        let started = std::time::Instant::now();
        let copies: Vec<_> = site
            .sources
            .par_iter()
            .map(|source| {
                let file_name = source
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let path = format!("sources/{}/{}", source.id, views::raw_file_name(&file_name));
                let known = incremental.as_ref().and_then(|incremental| {
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
            .collect();
        (copies, started.elapsed())
    };
    // The data files are made one after another, each in parallel chunks
    // written in order and streamed to the sink when there is one, while the
    // pages and the raw copies share the threads.
    let ((rendered, pages_time), ((data_outputs, data_time), (raw_copies, copies_time))) =
        rayon::join(pages, || rayon::join(data_outputs, raw_copies));
    result.timings.push(("render:pages", pages_time));
    let mut outputs = rendered;
    for (path, known, output) in raw_copies {
        if let Some((key, _)) = known {
            result.fingerprints.insert(path.clone(), key);
        }
        match output {
            Some(output) => outputs.push(output),
            None => result.unchanged.push(path),
        }
    }
    for (name, bytes) in &theme.assets {
        outputs.push(deliver(OutputFile::new(
            format!("assets/{name}"),
            bytes.clone(),
        )));
    }
    if !theme.assets.iter().any(|(name, _)| name == "syntax.css") {
        outputs.push(deliver(OutputFile::new(
            "assets/syntax.css",
            markdown::syntax_css(),
        )));
    }
    result.timings.push(("render:copies", copies_time));
    outputs.extend(data_outputs);
    result.timings.push(("render:data", data_time));
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

/// The site's address with one trailing slash, if it has one.
fn base_url(site: &Site, options: &RenderOptions) -> Option<String> {
    let base_url = options.base_url.clone().or_else(|| site.config.base_url());
    base_url.map(|url| format!("{}/", url.trim_end_matches('/')))
}

fn page_jobs<'a>(site: &'a Site, lookup: &Lookup) -> Vec<PageJob<'a>> {
    let mut jobs: Vec<PageJob> = Vec::new();
    let home_title = site
        .home
        .as_ref()
        .map(|h| h.file.doc.meta.title.clone())
        .unwrap_or_else(|| site.config.title.clone());
    // The home page lists the editorial pages the navigation leaves out.
    let mut home_deps = vec![
        Dep::Page(None),
        Dep::Markdown,
        Dep::AllSourceCards,
        Dep::AllPersonCards,
        Dep::Years,
    ];
    home_deps.extend(
        (0..site.pages.len())
            .filter(|&i| !in_nav(&site.pages[i]))
            .map(|i| Dep::Page(Some(i))),
    );
    jobs.push(PageJob {
        url: String::new(),
        template: "home.html",
        title: home_title,
        description: site
            .home
            .as_ref()
            .and_then(|h| h.file.doc.meta.description.clone()),
        deps: home_deps,
        fill: Box::new(move |context, links, _| {
            let intro = site
                .home
                .as_ref()
                .map(|h| {
                    markdown::render_markdown(
                        &h.file.doc.body,
                        site.config.markdown.allow_html,
                        links,
                    )
                })
                .unwrap_or_default();
            context.insert("content", &intro);
            let more_pages: Vec<NavItem> = site
                .pages
                .iter()
                .filter(|page| !in_nav(page))
                .map(|page| NavItem {
                    title: page.file.doc.meta.title.clone(),
                    url: format!("{}/", page.id),
                })
                .collect();
            context.insert("more_pages", &more_pages);
            let sources: Vec<_> = (0..site.sources.len())
                .map(|i| views::source_card(site, i))
                .collect();
            context.insert("sources", &sources);
            let mut people: Vec<_> = site
                .people
                .iter()
                .filter(|p| is_cast(p))
                .map(views::person_card)
                .collect();
            people.sort_by(|a, b| {
                b.mention_count
                    .cmp(&a.mention_count)
                    .then_with(|| a.sort_key.cmp(&b.sort_key))
            });
            people.truncate(12);
            context.insert("people", &people);
            context.insert("timeline_count", &site.timeline.len());
            context.insert("years", &year_counts(site));
        }),
    });
    jobs.push(PageJob {
        url: "sources/".into(),
        template: "sources.html",
        title: "Sources".into(),
        description: Some("Every source text the explainer draws on.".into()),
        deps: vec![Dep::AllSourceCards],
        fill: Box::new(move |context, _, _| {
            let sources: Vec<_> = (0..site.sources.len())
                .map(|i| views::source_card(site, i))
                .collect();
            context.insert("sources", &sources);
        }),
    });
    for (index, source) in site.sources.iter().enumerate() {
        let mut deps = vec![Dep::Source(index), Dep::SourceCard(index)];
        let mut cards: Vec<usize> = source.people.iter().map(|p| p.person).collect();
        cards.extend(&source.photographers);
        cards.sort_unstable();
        cards.dedup();
        deps.extend(cards.into_iter().map(Dep::PersonCard));
        jobs.push(PageJob {
            url: format!("sources/{}/", source.id),
            template: "source.html",
            title: source.title.clone(),
            description: source.article.dek.clone(),
            deps,
            fill: Box::new(move |context, links, _| {
                context.insert("source", &views::source_view(site, index, links))
            }),
        });
    }
    jobs.push(PageJob {
        url: "people/".into(),
        template: "people.html",
        title: "People".into(),
        description: Some("Everyone the sources name, with every mention.".into()),
        deps: vec![Dep::AllPersonCards],
        fill: Box::new(move |context, _, _| {
            let mut cards: Vec<_> = site.people.iter().map(views::person_card).collect();
            cards.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.id.cmp(&b.id)));
            let (cast, rest): (Vec<_>, Vec<_>) = cards
                .into_iter()
                .partition(|c| c.kind == crate::extract::people::PersonKind::Subject);
            let (authors, photographers): (Vec<_>, Vec<_>) = rest
                .into_iter()
                .partition(|c| c.kind == crate::extract::people::PersonKind::Author);
            context.insert("people", &cast);
            context.insert("authors", &authors);
            context.insert("photographers", &photographers);
        }),
    });
    for (index, person) in site.people.iter().enumerate() {
        let mut sources: Vec<usize> = person.mentions.iter().map(|&(s, _)| s).collect();
        sources.extend(&person.sources);
        sources.sort_unstable();
        sources.dedup();
        // The quotes of the mentions are in `Dep::Person`.
        let mut deps = vec![Dep::Person(index), Dep::Markdown];
        deps.extend(sources.into_iter().map(Dep::SourceCard));
        jobs.push(PageJob {
            url: format!("people/{}/", person.id),
            template: "person.html",
            title: person.name.clone(),
            description: person.description.clone().or_else(|| person.role.clone()),
            deps,
            fill: Box::new(move |context, links, _| {
                context.insert("person", &views::person_view(site, index, links))
            }),
        });
    }
    let on_index = lookup.timeline_on_index;
    jobs.push(PageJob {
        url: "timeline/".into(),
        template: "timeline.html",
        title: "Timeline".into(),
        description: Some("Every dated event in the sources, in order.".into()),
        deps: vec![Dep::AllEntries, Dep::Markdown, Dep::Years],
        fill: Box::new(move |context, links, partials| {
            // Every entry when the timeline is short enough; else each year's
            // editorial entries, a count, and the year page for the rest.
            let mut years: BTreeMap<i16, YearGroup> = BTreeMap::new();
            for (index, entry) in site.timeline.iter().enumerate() {
                let year = entry.value.year();
                let group = years.entry(year).or_insert_with(|| YearGroup {
                    year,
                    url: format!("timeline/{year}/"),
                    count: 0,
                    entries: Vec::new(),
                });
                group.count += 1;
                if on_index || entry.editorial.is_some() {
                    group.entries.push(partials.entry(site, index, links));
                }
            }
            let years: Vec<YearGroup> = years.into_values().collect();
            context.insert("summarised", &!on_index);
            context.insert("years", &years);
            context.insert("eras", &views::era_views(site, links));
            context.insert("year_counts", &year_counts(site));
        }),
    });
    let years: Vec<i16> = lookup.years.iter().copied().collect();
    let mut year_deps: BTreeMap<i16, Vec<Dep>> = BTreeMap::new();
    for (index, entry) in site.timeline.iter().enumerate() {
        year_deps
            .entry(entry.value.year())
            .or_default()
            .push(Dep::Entry(index));
    }
    for &year in &lookup.years {
        let mut deps = vec![Dep::Years, Dep::Markdown, Dep::YearMentions(year)];
        deps.extend(year_deps.remove(&year).unwrap_or_default());
        let years = years.clone();
        jobs.push(PageJob {
            url: format!("timeline/{year}/"),
            template: "year.html",
            title: format!("{year}"),
            description: Some(format!("What the sources say happened in {year}.")),
            deps,
            fill: Box::new(move |context, links, partials| {
                let in_year: Vec<usize> = (0..site.timeline.len())
                    .filter(|&index| site.timeline[index].value.year() == year)
                    .collect();
                // A busy year has thousands of entries: they are made in parallel.
                let (entries, mentions) = rayon::join(
                    || {
                        in_year
                            .par_iter()
                            .map(|&index| partials.entry(site, index, links))
                            .collect::<Vec<_>>()
                    },
                    || {
                        let in_year: Vec<_> = in_year.iter().map(|&i| &site.timeline[i]).collect();
                        views::year_mentions(site, year, &in_year)
                    },
                );
                context.insert("year", &year);
                context.insert("entries", &entries);
                context.insert("mentions", &mentions);
                let at = years.iter().position(|&y| y == year);
                context.insert(
                    "previous",
                    &at.and_then(|i| i.checked_sub(1)).and_then(|i| years.get(i)),
                );
                context.insert("next", &at.and_then(|i| years.get(i + 1)));
            }),
        });
    }
    for (index, page) in site.pages.iter().enumerate() {
        jobs.push(PageJob {
            url: format!("{}/", page.id),
            template: "page.html",
            title: page.file.doc.meta.title.clone(),
            description: page.file.doc.meta.description.clone(),
            deps: vec![Dep::Page(Some(index)), Dep::Markdown],
            fill: Box::new(move |context, links, _| {
                let page = &site.pages[index];
                context.insert(
                    "content",
                    &markdown::render_markdown(
                        &page.file.doc.body,
                        site.config.markdown.allow_html,
                        links,
                    ),
                );
            }),
        });
    }
    jobs.push(PageJob {
        url: "search/".into(),
        template: "search.html",
        title: "Search".into(),
        description: Some("Search the people, sources and pages of the explainer.".into()),
        deps: vec![Dep::AllSourceCards, Dep::AllPersonCards],
        fill: Box::new(move |context, _, _| {
            let sources: Vec<_> = (0..site.sources.len())
                .map(|i| views::source_card(site, i))
                .collect();
            let mut people: Vec<_> = site.people.iter().map(views::person_card).collect();
            people.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.id.cmp(&b.id)));
            context.insert("sources", &sources);
            context.insert("people", &people);
        }),
    });
    jobs.push(PageJob {
        url: String::new(),
        template: "404.html",
        title: "Page not found".into(),
        description: None,
        deps: Vec::new(),
        fill: Box::new(|_, _, _| {}),
    });
    jobs
}

/// Whether an editorial page is in the site navigation (it sets `weight`).
fn in_nav(page: &crate::link::Page) -> bool {
    page.file.doc.meta.weight.is_some()
}

fn is_cast(person: &crate::link::Person) -> bool {
    person.kind == crate::extract::people::PersonKind::Subject
}

#[derive(Serialize)]
struct YearGroup {
    year: i16,
    url: String,
    /// Entries in the year, whether listed or not.
    count: usize,
    entries: Vec<EntryHtml>,
}

#[derive(Serialize)]
struct YearCount {
    year: i16,
    count: usize,
}

fn year_counts(site: &Site) -> Vec<YearCount> {
    let mut counts: BTreeMap<i16, usize> = BTreeMap::new();
    for entry in &site.timeline {
        *counts.entry(entry.value.year()).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(year, count)| YearCount { year, count })
        .collect()
}
