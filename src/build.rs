//! The build: settings in, a built site (or the reasons it was not built) out.
//!
//! Chains the stages — load, link (which cleans and extracts), render, write —
//! and collects every diagnostic. Content errors stop the build before
//! anything is written, so the previous output stays intact.

use crate::diag::{sorted, Diagnostic};
use crate::link::prepare;
use crate::measure::{Meter, Stage};
use crate::render::{self, OutputFile, RenderOptions};
use std::path::{Path, PathBuf};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holds `content/`, `site.toml`, optionally `templates/`).
    pub root: PathBuf,
    /// Where to write; defaults to `root/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Render everything but write nothing (`backstory check`).
    pub dry_run: bool,
    /// Skip the search index (`build --no-search`).
    pub no_search: bool,
    /// Take over an output folder that has files Backstory did not write
    /// (`--force`); without it such a folder is refused.
    pub force: bool,
    /// Bring `addresses.txt` in the site folder up to date once the output
    /// is in place (`backstory build` does; previews and tests leave the
    /// site folder alone). Every build reads it and writes the redirects.
    pub keep_addresses: bool,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// Writes `text` as the site's `addresses.txt` unless it already says that.
fn keep_addresses(root: &Path, text: Option<&str>) -> std::io::Result<()> {
    let Some(text) = text else {
        return Ok(());
    };
    let path = root.join(crate::addresses::FILE_NAME);
    if std::fs::read_to_string(&path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    std::fs::write(&path, text).map_err(|error| {
        std::io::Error::new(
            error.kind(),
            format!("cannot write {}: {error}", path.display()),
        )
    })
}

/// The outcome of a build that ran to the end.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Every warning and error, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Files produced (written unless `dry_run` or errors).
    pub files: usize,
    /// The bytes of the files written, when the site was written.
    pub bytes: Option<u64>,
    pub sources: usize,
    pub people: usize,
    pub timeline: usize,
    /// Whether the output folder was replaced.
    pub written: bool,
    /// Wall time, CPU time and peak memory of each stage, in order.
    pub timings: Vec<Stage>,
    /// The new text of `addresses.txt` (see [`crate::addresses`]), when the
    /// site was rendered.
    pub addresses: Option<String>,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Told as a build advances, so the binary can show progress; the library never prints.
pub trait Progress {
    /// Loading is done; the build goes on with `sources` source texts.
    fn loaded(&self, _sources: usize) {}
    /// Stage `name` ("clean", "extract", "link", "render", "write") has ended.
    fn stage_done(&self, _name: &'static str) {}
}

/// No progress to show.
impl Progress for () {}

/// Builds the site. `Err` only for I/O failures; content problems are in the report.
pub fn build_site(options: &BuildOptions) -> std::io::Result<BuildReport> {
    build_site_with(options, &())
}

/// [`build_site`], telling `progress` as each stage ends.
///
/// Pages are written into a staging folder as they are rendered and then
/// dropped, so memory stays bounded by the site graph, not the site's size;
/// the staging folder replaces the output only when the build has no errors.
pub fn build_site_with(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> std::io::Result<BuildReport> {
    if options.dry_run {
        return run(options, Mode::Discard, progress).map(|(report, _)| report);
    }
    if let Some(problem) = check_locations(options) {
        return Ok(refused(problem));
    }
    // Held until the new site is in place, so no other build writes here meanwhile.
    let claim = match crate::write::claim_output(&options.output_dir(), options.force, "build") {
        Ok(claim) => claim,
        Err(problem) => return Ok(refused(problem)),
    };
    if let Some(problem) = check_output_location(&options.root, claim.dir()) {
        return Ok(refused(problem));
    }
    let staging = std::cell::OnceCell::new();
    let (mut report, _) = run(options, Mode::Staged(claim.dir(), &staging), progress)?;
    // Dropped without a commit, the staging folder goes and the output stays.
    let Some(staging) = staging.into_inner() else {
        return Ok(report);
    };
    if report.has_errors() {
        return Ok(report);
    }
    // Measured in the staging folder: the files are all there, and a
    // warning about them is part of the build's report.
    let sizes = crate::hosting::file_sizes(staging.dir());
    report
        .diagnostics
        .extend(crate::hosting::over_limits(&sizes));
    report.bytes = Some(sizes.iter().map(|(_, size)| size).sum());
    let mut meter = Meter::start();
    staging.commit()?;
    if options.keep_addresses {
        keep_addresses(&options.root, report.addresses.as_deref())?;
    }
    report.timings.push(meter.lap("write"));
    progress.stage_done("write");
    report.written = true;
    Ok(report)
}

/// The report of a build refused before it began.
fn refused(problem: Diagnostic) -> BuildReport {
    BuildReport {
        diagnostics: vec![problem],
        ..BuildReport::default()
    }
}

/// Runs every stage but the write; returns the files when rendering succeeded.
pub fn render_site(
    options: &BuildOptions,
) -> std::io::Result<(BuildReport, Option<Vec<OutputFile>>)> {
    run(options, Mode::Memory, &())
}

/// `backstory check`: everything a build finds, plus the editorial review
/// ([`crate::check::review`]: ambiguous names, conflicting dates, broken
/// and missing links, ...). Writes nothing.
pub fn check_site(options: &BuildOptions) -> std::io::Result<BuildReport> {
    run(options, Mode::Review, &()).map(|(report, _)| report)
}

/// Where the rendered files go.
enum Mode<'a> {
    /// Kept in memory and returned.
    Memory,
    /// Kept in memory for the editorial review, then dropped.
    Review,
    /// Written into a staging folder beside the claimed output folder (the
    /// path) as they are made; the staging folder is made once the content
    /// has loaded, and left in the cell for the caller.
    Staged(&'a Path, &'a std::cell::OnceCell<crate::write::Staging>),
    /// Made and dropped (a dry run).
    Discard,
}

/// The site graph of loaded `content`: its sources cleaned, extracted and
/// linked, the stages a build runs before rendering. For commands and tests
/// that read the graph without rendering it.
pub fn link_content(mut content: crate::load::Content) -> (crate::link::Site, Vec<Diagnostic>) {
    let cleaned = prepare::clean_all(std::mem::take(&mut content.sources));
    crate::link::link(content, prepare::extract_all(cleaned))
}

fn run(
    options: &BuildOptions,
    mode: Mode,
    progress: &dyn Progress,
) -> std::io::Result<(BuildReport, Option<Vec<OutputFile>>)> {
    let mut report = BuildReport::default();
    let mut diagnostics = Vec::new();
    if let Some(problem) = check_locations(options) {
        return Ok((refused(problem), None));
    }
    let mut meter = Meter::start();
    let mut content = load_content(options)?;
    report.timings.push(meter.lap("load"));
    progress.loaded(content.sources.len());

    let cleaned = prepare::clean_all(std::mem::take(&mut content.sources));
    report.timings.push(meter.lap("clean"));
    progress.stage_done("clean");
    let prepared = prepare::extract_all(cleaned);
    report.timings.push(meter.lap("extract"));
    progress.stage_done("extract");
    let (mut site, link_problems) = crate::link::link(content, prepared);
    diagnostics.extend(link_problems);
    if !matches!(mode, Mode::Memory) {
        diagnostics.extend(crate::hosting::missing_address(
            &site.config,
            options.base_url.as_deref(),
        ));
    }
    report.timings.push(meter.lap("link"));
    progress.stage_done("link");
    // Copies the last build wrote are taken rather than made again.
    let cache = crate::images::Cache::new(Some(options.output_dir()));
    let (pictures, image_problems) = crate::render::pictures::prepare(&site, &cache);
    site.pictures = std::sync::Arc::new(pictures);
    diagnostics.extend(image_problems);
    report.timings.push(meter.lap("images"));
    report.sources = site.sources.len();
    report.people = site.people.len();
    report.timeline = site.timeline.len();

    let theme = theme_of(&options.root, &mut diagnostics);
    let render_options = RenderOptions {
        base_url: options.base_url.clone(),
        inject: None,
    };
    // Content that already failed is still rendered, for its template
    // errors, but written nowhere.
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let staging = match mode {
        Mode::Staged(output, cell) if !failed => Some(stage(output, cell)?),
        _ => None,
    };
    let sink: Option<&dyn render::Sink> = match (&mode, staging) {
        (Mode::Memory | Mode::Review, _) => None,
        (Mode::Staged(..), Some(staging)) => Some(staging),
        (Mode::Staged(..) | Mode::Discard, _) => Some(&render::Discard),
    };
    // The paths of every file, and the files themselves unless they went to the sink.
    let rendered = theme.and_then(|theme| {
        match render::render_changed(&site, &theme, &render_options, None, sink) {
            Ok(rendered) => Some(rendered),
            Err(problems) => {
                diagnostics.extend(problems);
                None
            }
        }
    });
    diagnostics.extend(render::links::reference_problems(&site));
    diagnostics.extend(crate::link::tags::tag_problems(&site));
    report.timings.push(meter.lap("render"));
    progress.stage_done("render");
    let Some(rendered) = rendered else {
        report.diagnostics = sorted(diagnostics);
        return Ok((report, None));
    };
    diagnostics.extend(clashing_paths(&rendered.paths));
    let mut paths = rendered.paths;
    let mut files = rendered.files;
    let addresses = publish_addresses(options, &site, &paths, &mut diagnostics);
    add_files(addresses.redirects, staging, &mut files, &mut paths)?;
    report.addresses = Some(addresses.file_text);
    report.timings.push(meter.lap("addresses"));
    if let Mode::Review = mode {
        diagnostics.extend(crate::check::review(&site));
        report.timings.push(meter.lap("review"));
    }
    let searched = !options.no_search && !matches!(mode, Mode::Discard | Mode::Review);
    if searched && !diagnostics.iter().any(Diagnostic::is_error) {
        if let Err(problem) = add_search_index(&site, staging, &mut files, &mut paths)? {
            diagnostics.push(problem);
        }
        report.timings.push(meter.lap("search"));
    }
    report.files = paths.len();
    report.diagnostics = sorted(diagnostics);
    let files = matches!(mode, Mode::Memory).then_some(files);
    Ok((report, files))
}

/// The redirects for addresses published before that moved, and the new
/// addresses file ([`crate::addresses`]).
fn publish_addresses(
    options: &BuildOptions,
    site: &crate::link::Site,
    paths: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> crate::addresses::Outcome {
    let (previous, problems) = crate::addresses::read_published(&options.root);
    diagnostics.extend(problems);
    let base_url = options
        .base_url
        .as_deref()
        .or(site.config.base_url.as_deref());
    let outcome = crate::addresses::publish(site, paths, &previous, base_url);
    diagnostics.extend(outcome.diagnostics.iter().cloned());
    outcome
}

/// The site's content; an I/O failure names the content folder.
fn load_content(options: &BuildOptions) -> std::io::Result<crate::load::Content> {
    crate::load::load(&options.root, options.drafts).map_err(|error| {
        let folder = options.root.join("content");
        std::io::Error::new(
            error.kind(),
            format!("cannot read {}: {error}", folder.display()),
        )
    })
}

/// The site's theme, its warnings added to `diagnostics`; `None` (with
/// its errors added) when a template cannot be used.
fn theme_of(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<render::Theme> {
    match render::load_theme(root) {
        Ok(theme) => {
            diagnostics.extend(theme.warnings.iter().cloned());
            Some(theme)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    }
}

/// The staging folder beside `output`, made once and kept in `cell`.
fn stage<'a>(
    output: &Path,
    cell: &'a std::cell::OnceCell<crate::write::Staging>,
) -> std::io::Result<&'a crate::write::Staging> {
    let staging = crate::write::Staging::new(output).map_err(|error| {
        std::io::Error::new(
            error.kind(),
            format!("cannot write beside {}: {error}", output.display()),
        )
    })?;
    Ok(cell.get_or_init(|| staging))
}

/// Indexes the site for search ([`crate::search`]) and adds the index's
/// files: to the staging folder when there is one, else to `files`. `Err`
/// for I/O failures; `Ok(Err)` for a problem the indexer reports.
/// Adds `made` to the build's files: written to `staging` when there is
/// one, else kept in `files`; their paths in `paths` either way.
fn add_files(
    made: Vec<OutputFile>,
    staging: Option<&crate::write::Staging>,
    files: &mut Vec<OutputFile>,
    paths: &mut Vec<String>,
) -> std::io::Result<()> {
    for file in made {
        paths.push(file.path.clone());
        match staging {
            Some(staging) => staging.write(&file)?,
            None => files.push(file),
        }
    }
    Ok(())
}

fn add_search_index(
    site: &crate::link::Site,
    staging: Option<&crate::write::Staging>,
    files: &mut Vec<OutputFile>,
    paths: &mut Vec<String>,
) -> std::io::Result<Result<(), Diagnostic>> {
    let kept = std::sync::Mutex::new(Vec::new());
    let put = |file: OutputFile| match staging {
        Some(staging) => staging.write(&file),
        None => {
            kept.lock().unwrap_or_else(|e| e.into_inner()).push(file);
            Ok(())
        }
    };
    let made = match crate::search::index_site_records(site, &put)? {
        Ok(made) => made,
        Err(problem) => return Ok(Err(problem)),
    };
    paths.extend(made);
    let mut kept = kept.into_inner().unwrap_or_else(|e| e.into_inner());
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    files.extend(kept);
    Ok(Ok(()))
}

/// Two rendered files with one path would overwrite each other in an order
/// that depends on thread timing; the checks on sources and pages should make
/// this impossible, and this is the last guard.
fn clashing_paths(paths: &[String]) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    paths
        .iter()
        .filter(|path| !seen.insert(path.as_str()))
        .map(|path| {
            Diagnostic::error(
                path,
                None,
                "two pages of the site would be written to this path",
            )
            .hint(
                "give the sources, pages or profiles behind this address different names or slugs, \
                 or move the file in static/ that has this path",
            )
        })
        .collect()
}

/// What keeps a build from starting (not a site folder, an output folder
/// that is not ours or is in use), checked without building: `serve` and
/// `watch` refuse at once rather than serve a folder they may not write.
pub fn preflight(options: &BuildOptions) -> Option<Diagnostic> {
    check_locations(options)
        .or_else(|| crate::write::claim_output(&options.output_dir(), options.force, "build").err())
}

/// The site and output folders checked before a build reads anything.
pub(crate) fn check_locations(options: &BuildOptions) -> Option<Diagnostic> {
    check_site_root(&options.root)
        .or_else(|| check_output_location(&options.root, &options.output_dir()))
}

/// A site is a folder with `site.toml` and a `content/` folder. Building
/// anything else would replace a good site with an empty one.
pub(crate) fn check_site_root(root: &Path) -> Option<Diagnostic> {
    let config = root.join("site.toml");
    let content = root.join("content");
    if !root.is_dir() {
        return Some(
            Diagnostic::error(root, None, "there is no site folder here")
                .hint("give the folder that holds site.toml and content/ with --root"),
        );
    }
    if !config.is_file() {
        return Some(
            Diagnostic::error(&config, None, "this folder has no site.toml, so it is not a Backstory site")
                .hint("run the command in the site's folder or name it with --root; `backstory init DIR` makes a new site"),
        );
    }
    if !content.is_dir() {
        let what = if content.exists() {
            "content is not a folder"
        } else {
            "this site has no content/ folder"
        };
        return Some(Diagnostic::error(&content, None, what).hint(
            "the site's sources and pages live in a folder named content/ beside site.toml",
        ));
    }
    None
}

/// The output may not be the site root, `content/` or `templates/`, or inside them:
/// the swap would delete what the editors wrote.
pub(crate) fn check_output_location(root: &Path, output: &Path) -> Option<Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, output) = (absolute(root), absolute(output));
    let protected = [root.clone(), root.join("content"), root.join("templates")];
    let clash = protected
        .iter()
        .any(|dir| output == *dir || output.starts_with(dir) && dir != &root)
        || root.starts_with(&output);
    clash.then(|| {
        Diagnostic::error(
            &output,
            None,
            "the output folder would replace the site's own files",
        )
        .hint("choose an output folder outside content/ and templates/, such as public/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_files_with_one_path_are_an_error() {
        let files = ["a/index.html", "b/index.html", "a/index.html"].map(String::from);
        let problems = clashing_paths(&files);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, Path::new("a/index.html"));
        assert!(clashing_paths(&files[..2]).is_empty());
    }
}
