//! The `backstory` command: arguments in, validated settings, a call into the
//! library, diagnostics printed, an exit status out (0 ok, 1 content errors, 2 usage).

use backstory::build::{build_site, BuildOptions, BuildReport};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "backstory", version, about = "Build explainer sites from raw source texts", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    Build {
        /// The site folder (holds content/ and site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// The URL the site will be published at (overrides site.toml)
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked draft
        #[arg(long)]
        drafts: bool,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
        /// Skip building the search index
        #[arg(long)]
        no_search: bool,
    },
    /// Validate everything and report every problem; write nothing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
    },
    /// Create a new explainer skeleton in DIR
    Init { dir: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            strict,
            no_search,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                dry_run: false,
                no_search,
            };
            finish(build_site(&options), strict, "built", &options)
        }
        Command::Check { root, strict } => {
            let options = BuildOptions {
                root,
                dry_run: true,
                ..BuildOptions::default()
            };
            finish(build_site(&options), strict, "checked", &options)
        }
        Command::Init { dir } => match backstory::init::init_site(&dir) {
            Ok(()) => {
                println!("created a new explainer in {}", dir.display());
                println!("next: cd {} && backstory build", dir.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(1)
            }
        },
    }
}

fn finish(
    result: std::io::Result<BuildReport>,
    strict: bool,
    verb: &str,
    options: &BuildOptions,
) -> ExitCode {
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(1);
        }
    };
    for diagnostic in &report.diagnostics {
        eprintln!("{diagnostic}");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 || (strict && warnings > 0) {
        eprintln!("{errors} error(s), {warnings} warning(s); nothing was written");
        return ExitCode::from(1);
    }
    let total: std::time::Duration = report.timings.iter().map(|(_, d)| *d).sum();
    let place = if report.written {
        format!(" into {}", options.output_dir().display())
    } else {
        String::new()
    };
    println!(
        "{verb} {} sources, {} people, {} timeline entries: {} files{place} in {} ms ({warnings} warning(s))",
        report.sources,
        report.people,
        report.timeline,
        report.files,
        total.as_millis()
    );
    ExitCode::SUCCESS
}
