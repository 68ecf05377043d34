//! The `backstory` command: arguments in, validated settings, a call into the
//! library, diagnostics printed, an exit status out (0 ok, 1 content errors, 2 usage).

use backstory::build::{build_site_with, BuildOptions, BuildReport, Progress};
use backstory::terminal;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` through [`terminal::out`]: names from files have their control
/// characters shown, and a closed pipe ends the program quietly, not in a panic.
macro_rules! out {
    ($($arg:tt)*) => {
        terminal::out(&format!($($arg)*))
    };
}

/// `eprintln!` through [`terminal::err`], likewise.
macro_rules! err {
    () => {
        terminal::err("")
    };
    ($($arg:tt)*) => {
        terminal::err(&format!($($arg)*))
    };
}

/// A build allocates and frees many small strings from two threads at once
/// (template contexts, views); mimalloc does that with far less work than
/// the system allocator (see bench/README.md for the measurement).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "backstory",
    version,
    about = "Build explainer sites from raw source texts",
    long_about = None,
    after_help = "Start with `backstory init DIR`, add texts with `backstory new source FILE`, \
                  and run `backstory check` after every change.\n\
                  The editor's guide (every field, cross-references, corrections, a worked \
                  example) is docs/guide.md in Backstory's repository."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
        /// Skip building the search index
        #[arg(long)]
        no_search: bool,
        /// Print each stage's wall time, CPU time and peak memory (to stderr)
        #[arg(long)]
        timings: bool,
        /// No progress bar and no summary; only problems are printed
        #[arg(long, short)]
        quiet: bool,
    },
    /// Validate everything and report every problem; write nothing
    Check {
        /// The site folder (holds content/ and site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
        /// `text` for people, `json` for scripts and CI
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Create a new explainer skeleton in DIR (with an example source and page unless --empty)
    Init {
        dir: PathBuf,
        /// Leave out the example source and About page
        #[arg(long)]
        empty: bool,
    },
    /// Add a source text, an editorial page or a person's profile
    #[command(subcommand)]
    New(NewCommand),
    /// Rename a source, page or person profile: its files, its address and every reference to it
    #[command(subcommand)]
    Rename(RenameCommand),
    /// Point every citation of a source's paragraph at its stable anchor (#L12)
    /// and record the paragraph's first words in it, for `check` to compare
    Cite {
        /// The site folder (holds content/ and site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, serve the site locally and rebuild and reload on every edit
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback exposes your drafts to the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Print each rebuild's stage timings
        #[arg(long)]
        verbose: bool,
    },
    /// Build, then rebuild the output folder on every edit (no server)
    Watch {
        #[command(flatten)]
        site: SiteArgs,
        /// Print each rebuild's stage timings
        #[arg(long)]
        verbose: bool,
    },
}

#[derive(clap::Args)]
struct SiteArgs {
    /// The site folder (holds content/ and site.toml)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: ROOT/public]
    #[arg(long)]
    output: Option<PathBuf>,
    /// The URL the site will be published at (overrides site.toml)
    #[arg(long, value_parser = base_url_arg)]
    base_url: Option<String>,
    /// Include pages marked draft
    #[arg(long)]
    drafts: bool,
    /// Take over an output folder that has files Backstory did not write (they are deleted)
    #[arg(long)]
    force: bool,
}

impl SiteArgs {
    fn options(self) -> BuildOptions {
        BuildOptions {
            root: self.root,
            output: self.output,
            base_url: self.base_url,
            drafts: self.drafts,
            dry_run: false,
            no_search: false,
            force: self.force,
            keep_addresses: false,
        }
    }
}

/// `--base-url` is held to the rule for `base_url` in site.toml; clap makes
/// a refusal a usage error (exit status 2).
fn base_url_arg(url: &str) -> Result<String, String> {
    backstory::config::check_base_url(url).map(|()| url.to_string())
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// `backstory rename ...`.
#[derive(Subcommand)]
enum RenameCommand {
    /// Rename content/sources/OLD.txt (and its sidecar) to NEW, updating `@source/OLD` links
    Source(RenameArgs),
    /// Rename content/pages/OLD.md to NEW, updating `@page/OLD` links
    Page(RenameArgs),
    /// Rename content/people/OLD.md to NEW, updating `@person/OLD` links
    Person(RenameArgs),
}

/// What every `rename` takes.
#[derive(clap::Args)]
struct RenameArgs {
    /// The current name (the file name without its extension)
    old: String,
    /// The new name; its slug becomes the file name and, unless the front matter sets `slug`, the address
    new: String,
    /// The site folder (holds content/ and site.toml)
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// `backstory new ...`: each creates one file (two for a source) and never overwrites.
#[derive(Subcommand)]
enum NewCommand {
    /// Copy a text file (or `-` for standard input) into content/sources/, with a sidecar;
    /// or import a web page from its address or a saved .html file
    Source {
        /// The text file to add, `-` to read standard input, a web address
        /// (https://...) or a page saved from a browser (FILE.html)
        file: PathBuf,
        /// The file name to use, without `.txt` [default: date-publication-headline]
        #[arg(long)]
        slug: Option<String>,
        /// Where the text was published
        #[arg(long)]
        url: Option<String>,
        /// The site folder (holds content/ and site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create content/pages/SLUG.md for an editorial page
    Page {
        /// The page title, in quotes
        title: String,
        /// The file name and address to use [default: from the title]
        #[arg(long)]
        slug: Option<String>,
        /// The site folder (holds content/ and site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create content/events/SLUG.md, an editorial event (or, with --end, an era) on the timeline
    Event {
        /// What happened, in quotes
        title: String,
        /// When: YYYY-MM-DD, YYYY-MM or YYYY
        #[arg(long)]
        date: String,
        /// Makes the event an era that lasts until this date
        #[arg(long)]
        end: Option<String>,
        /// A source the event rests on, by file name without .txt (repeat for more)
        #[arg(long = "source", value_name = "ID")]
        sources: Vec<String>,
        /// The file name to use [default: from the title]
        #[arg(long)]
        slug: Option<String>,
        /// The site folder (holds content/ and site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create content/people/SLUG.md, a profile of a person
    Person {
        /// The person's full name, in quotes
        name: String,
        /// The file name and address to use [default: from the name]
        #[arg(long)]
        slug: Option<String>,
        /// The site folder (holds content/ and site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Turns transparent huge pages off for this process. The allocator takes
/// fresh memory from the system in 2 MiB steps, and with huge pages each
/// step is cleared whole at first touch, again after every purge: a build
/// that allocates and frees gigabytes (the search indexer above all) spent
/// most of its time clearing pages. Measured on 10,000 articles: the search
/// stage 39 -> 19 s, the build without search 3.78 -> 3.27 s. Only Linux has the
/// switch; a failure leaves the setting as it was, which is harmless.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE reads only its integer arguments.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            site,
            strict,
            no_search,
            timings,
            quiet,
        } => {
            // A build with drafts publishes nothing for good, so it leaves
            // the list of published addresses alone; a site keeps the list
            // once it has the file (an empty one starts it).
            let options = BuildOptions {
                no_search,
                keep_addresses: !site.drafts && site.root.join(ADDRESSES).is_file(),
                ..site.options()
            };
            let bar = ProgressBar::new(quiet);
            let result = build_site_with(&options, &bar);
            bar.finish();
            if let (true, Ok(report)) = (timings, &result) {
                print_timings(report);
            }
            finish(result, strict, quiet, &options)
        }
        Command::Serve {
            site,
            port,
            bind,
            open,
            verbose,
        } => serve(site, std::net::SocketAddr::new(bind, port), open, verbose),
        Command::Watch { site, verbose } => watch(site, verbose),
        Command::Check {
            root,
            strict,
            format,
        } => check(root, strict, format),
        Command::Init { dir, empty } => match backstory::init::init_site(&dir, empty) {
            Ok(made) => {
                out!("created a new explainer in {}:", dir.display());
                let width = made.iter().map(|file| file.path.len()).max().unwrap_or(0);
                for file in &made {
                    out!("  {:width$}  {}", file.path, file.what);
                }
                out!(
                    "next: cd {} && backstory new source FILE|ADDRESS, then backstory serve",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                err!("error: {error}");
                ExitCode::from(1)
            }
        },
        Command::New(what) => new_content(what),
        Command::Rename(what) => rename(what),
        Command::Cite { root } => cite(&root),
    }
}

/// `backstory serve`: builds, serves the output on `address` and rebuilds on every edit.
fn serve(site: SiteArgs, address: std::net::SocketAddr, open: bool, verbose: bool) -> ExitCode {
    let build = site.options();
    if let Err(code) = preflight(&build) {
        return code;
    }
    if !address.ip().is_loopback() {
        err!(
            "warning: --bind {} lets other machines on the network see this \
             preview, drafts included; use --bind 127.0.0.1 to keep it to this machine",
            address.ip()
        );
    }
    let options = backstory::serve::ServeOptions {
        build,
        address,
        verbose,
    };
    let served = backstory::serve::serve(options, |address| {
        let url = format!("http://{address}/");
        out!("serving {url} (Ctrl-C to stop)");
        if open {
            open_browser(&url);
        }
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            err!("error: {error}");
            ExitCode::from(1)
        }
    }
}

/// `backstory watch`: builds, then rebuilds the output on every edit.
fn watch(site: SiteArgs, verbose: bool) -> ExitCode {
    let options = site.options();
    if let Err(code) = preflight(&options) {
        return code;
    }
    let mut engine = backstory::incremental::Engine::new(options, None);
    let mut printer = backstory::serve::Printer::new(verbose);
    let root = engine.options().root.clone();
    // Watch before the first build, so no edit made from here on is missed.
    let watcher = match backstory::watch::Watcher::new(&root) {
        Ok(watcher) => watcher,
        Err(error) => {
            err!("error: cannot watch {}: {error}", root.display());
            return ExitCode::from(1);
        }
    };
    let search = backstory::serve::search_in_background(&engine);
    let mut rebuild = move |paths: &[std::path::PathBuf]| {
        engine.changed(paths);
        match engine.rebuild() {
            Ok(report) => {
                printer.report(&report);
                backstory::serve::request_search(search.as_ref(), &engine, &report);
            }
            Err(error) => err!("error: {error}"),
        }
    };
    rebuild(&[]);
    out!("watching {} (Ctrl-C to stop)", root.display());
    match watcher.run(|paths| {
        rebuild(&paths);
        true
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            err!("error: {error}");
            ExitCode::from(1)
        }
    }
}

/// Refuses `serve` and `watch` at once when a build could not write its output.
fn preflight(options: &BuildOptions) -> Result<(), ExitCode> {
    match backstory::build::preflight(options) {
        None => Ok(()),
        Some(problem) => {
            let line = backstory::check::report::line(&problem, true);
            terminal::err_styled(&format!("{line}\n"));
            Err(ExitCode::from(1))
        }
    }
}

/// `backstory check`: every finding, grouped by file, errors apart from warnings.
fn check(root: PathBuf, strict: bool, format: Format) -> ExitCode {
    use backstory::check::report;
    let options = BuildOptions {
        root,
        dry_run: true,
        ..BuildOptions::default()
    };
    let report = match backstory::build::check_site(&options) {
        Ok(report) => report,
        Err(error) => {
            err!("error: {error}");
            return ExitCode::from(1);
        }
    };
    let findings = &report.diagnostics;
    let errors = findings.iter().filter(|d| d.is_error()).count();
    let ok = errors == 0 && !(strict && findings.len() > errors);
    if format == Format::Json {
        terminal::out_raw(&report::json(findings, ok));
    } else {
        terminal::err_styled(&report::text(findings, true));
        if !findings.is_empty() {
            err!();
        }
        let verdict = match (ok, errors) {
            (true, _) => "ok",
            (false, 0) => "failed (--strict: warnings count)",
            (false, _) => "failed",
        };
        err!(
            "checked {} sources, {} people, {} timeline entries: {}; {verdict}",
            report.sources,
            report.people,
            report.timeline,
            report::counts(findings)
        );
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn new_content(what: NewCommand) -> ExitCode {
    use backstory::new::{new_page, new_person, new_source, NewSource};
    let today = jiff::Zoned::now().date();
    let (root, result) = match what {
        NewCommand::Source {
            file,
            slug,
            url,
            root,
        } => {
            if let Some(page) = page_source(&file) {
                return new_source_from_page(page, slug, url, root, today);
            }
            let from_stdin = file.as_os_str() == "-";
            let bytes = match backstory::new::read_source_text(&file) {
                Ok(bytes) => bytes,
                Err(error) => {
                    err!("{error}");
                    return ExitCode::from(1);
                }
            };
            let source = NewSource {
                bytes,
                from: (!from_stdin).then_some(file),
                name: slug,
                url,
            };
            let result = new_source(&root, &source, today);
            (root, result)
        }
        NewCommand::Page { title, slug, root } => {
            let result = new_page(&root, &title, slug.as_deref(), today);
            (root, result)
        }
        NewCommand::Event {
            title,
            date,
            end,
            sources,
            slug,
            root,
        } => {
            let event = backstory::new::NewEvent {
                title: &title,
                date: &date,
                end: end.as_deref(),
                sources: &sources,
                name: slug.as_deref(),
            };
            let result = backstory::new::new_event(&root, &event);
            (root, result)
        }
        NewCommand::Person { name, slug, root } => {
            let result = new_person(&root, &name, slug.as_deref());
            (root, result)
        }
    };
    match result {
        Ok(created) => {
            print_created(&root, &created);
            ExitCode::SUCCESS
        }
        Err(error) => {
            err!("{error}");
            ExitCode::from(1)
        }
    }
}

/// Prints the files `new` made, its notes and what to do next.
fn print_created(root: &std::path::Path, created: &backstory::new::Created) {
    let shown = |file: &std::path::Path| match root.as_os_str() == "." {
        true => file.display().to_string(),
        false => root.join(file).display().to_string(),
    };
    for file in &created.files {
        out!("created {}", shown(file));
    }
    if !created.read.is_empty() {
        out!("read from the text:");
    }
    for line in &created.read {
        out!("  {line}");
    }
    for note in &created.notes {
        out!("note: {note}");
    }
    for warning in &created.warnings {
        err!("warning: {warning}");
    }
    out!(
        "next: edit {}, then preview with `backstory serve` (the page will be at /{})",
        shown(&created.edit),
        created.url
    );
}

/// A web address (anything with `://`, so that `ftp://` is refused with a
/// reason) or a saved web page (`.html`, `.htm`, `.xhtml`) for `new source`.
fn page_source(file: &std::path::Path) -> Option<backstory::new::PageSource> {
    use backstory::new::PageSource;
    let text = file.to_string_lossy();
    if text.contains("://") {
        return Some(PageSource::Address(text.into_owned()));
    }
    let extension = file.extension()?.to_string_lossy().to_ascii_lowercase();
    ["html", "htm", "xhtml", "shtml"]
        .contains(&extension.as_str())
        .then(|| PageSource::File(file.to_path_buf()))
}

/// `new source ADDRESS|FILE.html`: imports the page and prints what it read.
fn new_source_from_page(
    page: backstory::new::PageSource,
    slug: Option<String>,
    url: Option<String>,
    root: std::path::PathBuf,
    today: jiff::civil::Date,
) -> ExitCode {
    let limits = backstory::import::fetch::Limits::default();
    let result = backstory::new::new_source_from_page(
        &root,
        &page,
        slug.as_deref(),
        url.as_deref(),
        today,
        limits,
    );
    match result {
        Ok(page) => {
            for (what, value) in &page.read {
                out!("read {what}: {value}");
            }
            print_created(&root, &page.created);
            ExitCode::SUCCESS
        }
        Err(error) => {
            err!("{error}");
            ExitCode::from(1)
        }
    }
}

fn rename(what: RenameCommand) -> ExitCode {
    use backstory::rename::Kind;
    let (kind, args) = match what {
        RenameCommand::Source(args) => (Kind::Source, args),
        RenameCommand::Page(args) => (Kind::Page, args),
        RenameCommand::Person(args) => (Kind::Person, args),
    };
    match backstory::rename::rename(&args.root, kind, &args.old, &args.new) {
        Ok(renamed) => {
            for (from, to) in &renamed.moved {
                out!("renamed {} -> {}", from.display(), to.display());
            }
            for page in &renamed.updated {
                out!("updated {}", page.display());
            }
            for note in &renamed.notes {
                out!("note: {note}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            err!("{error}");
            ExitCode::from(1)
        }
    }
}

/// The list of published addresses, in the site folder.
const ADDRESSES: &str = backstory::addresses::FILE_NAME;

/// `backstory cite`: rewrites the citations and says which files changed.
fn cite(root: &std::path::Path) -> ExitCode {
    match backstory::cite::cite(root) {
        Ok(cited) if cited.updated.is_empty() => {
            out!("every citation already has its stable anchor and its recorded words");
            ExitCode::SUCCESS
        }
        Ok(cited) => {
            for (file, count) in &cited.updated {
                let plural = if *count == 1 { "" } else { "s" };
                out!("updated {} ({count} citation{plural})", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            err!("{error}");
            ExitCode::from(1)
        }
    }
}

/// Opens `url` with the desktop's opener; a failure only costs the convenience.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        err!("could not open a browser; visit {url}");
    }
}

/// Builds of at least this many sources show a progress bar (on a terminal).
const PROGRESS_FROM_SOURCES: usize = 50;

/// The build's progress on stderr: a bar over the stages, hidden unless
/// stderr is a terminal, the build is large and `--quiet` was not given.
struct ProgressBar {
    bar: indicatif::ProgressBar,
    quiet: bool,
}

impl ProgressBar {
    fn new(quiet: bool) -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(STAGES.len() as u64),
            indicatif::ProgressDrawTarget::hidden(),
        );
        let style = indicatif::ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        ProgressBar { bar, quiet }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The stages a build reports, and what comes after each.
const STAGES: [(&str, &str); 5] = [
    ("clean", "finding people and dates"),
    ("extract", "merging people, building the timeline"),
    ("link", "rendering pages"),
    ("render", "writing files"),
    ("write", "done"),
];

impl Progress for ProgressBar {
    fn loaded(&self, sources: usize) {
        if !self.quiet && sources >= PROGRESS_FROM_SOURCES {
            // indicatif draws nothing when stderr is not a terminal.
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.bar.set_message(format!("cleaning {sources} sources"));
        }
    }

    fn stage_done(&self, name: &'static str) {
        if let Some((_, next)) = STAGES.iter().find(|(stage, _)| *stage == name) {
            self.bar.inc(1);
            self.bar.set_message(*next);
        }
    }
}

fn finish(
    result: std::io::Result<BuildReport>,
    strict: bool,
    quiet: bool,
    options: &BuildOptions,
) -> ExitCode {
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            err!("error: {error}");
            return ExitCode::from(1);
        }
    };
    for diagnostic in &report.diagnostics {
        let line = backstory::check::report::line(diagnostic, true);
        terminal::err_styled(&format!("{line}\n"));
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 || (strict && warnings > 0) {
        err!("{errors} error(s), {warnings} warning(s); nothing was written");
        return ExitCode::from(1);
    }
    if quiet {
        return ExitCode::SUCCESS;
    }
    let total: std::time::Duration = report.timings.iter().map(|stage| stage.wall).sum();
    let place = if report.written {
        format!(" into {}", options.output_dir().display())
    } else {
        String::new()
    };
    let size = report
        .bytes
        .map(|bytes| format!(", {}", backstory::hosting::megabytes(bytes)))
        .unwrap_or_default();
    out!(
        "built {} sources, {} people, {} timeline entries: {} files{size}{place} in {} ms ({warnings} warning(s))",
        report.sources,
        report.people,
        report.timeline,
        report.files,
        total.as_millis()
    );
    ExitCode::SUCCESS
}

/// One line per stage: name, wall ms, CPU ms, peak resident MiB (`-` when unknown).
fn print_timings(report: &BuildReport) {
    err!("stage\twall_ms\tcpu_ms\tpeak_rss_mib");
    for stage in &report.timings {
        let cpu = stage
            .cpu
            .map_or("-".to_string(), |cpu| cpu.as_millis().to_string());
        let peak = stage.peak_rss.map_or("-".to_string(), |bytes| {
            format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
        });
        err!("{}\t{}\t{cpu}\t{peak}", stage.name, stage.wall.as_millis());
    }
}
