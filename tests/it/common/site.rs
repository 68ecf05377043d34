//! A small site builder for tests: a temporary folder filled file by file,
//! then built, checked or handed to the command line. It replaces the
//! `site()` / `build()` / `read()` trio each test file used to write for itself.
//!
//! ```ignore
//! let built = SiteTest::new().source("2021-03-01-ferry", FERRY_SOURCE).build();
//! assert!(built.read("index.html").contains("Ferry"));
//! ```

use backstory::build::{build_site, check_site, BuildOptions, BuildReport};
use backstory::diag::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A site being written in a temporary folder (removed when dropped).
pub struct SiteTest {
    dir: tempfile::TempDir,
}

/// A site after a successful build: the folder and what the build reported.
pub struct Built {
    pub site: SiteTest,
    pub output: PathBuf,
    pub report: BuildReport,
}

impl Default for SiteTest {
    fn default() -> Self {
        Self::new()
    }
}

impl SiteTest {
    /// An empty site whose `site.toml` has a title and a `base_url`, so a
    /// build reports only what the test itself provokes.
    pub fn new() -> SiteTest {
        let site = SiteTest {
            dir: tempfile::tempdir().unwrap(),
        };
        site.config("title = \"Test\"\nbase_url = \"https://test.example/\"\n")
    }

    /// Replaces `site.toml`.
    pub fn config(self, toml: &str) -> SiteTest {
        self.file("site.toml", toml)
    }

    /// Adds `content/sources/NAME.txt`.
    pub fn source(self, name: &str, text: &str) -> SiteTest {
        self.file(&format!("content/sources/{name}.txt"), text)
    }

    /// Adds the sidecar `content/sources/NAME.toml` of a source.
    pub fn sidecar(self, name: &str, toml: &str) -> SiteTest {
        self.file(&format!("content/sources/{name}.toml"), toml)
    }

    /// Adds the editorial page `content/pages/NAME.md`.
    pub fn page(self, name: &str, markdown: &str) -> SiteTest {
        self.file(&format!("content/pages/{name}.md"), markdown)
    }

    /// Adds the person profile `content/people/NAME.md`.
    pub fn profile(self, name: &str, markdown: &str) -> SiteTest {
        self.file(&format!("content/people/{name}.md"), markdown)
    }

    /// Writes any file, making its folders.
    pub fn file(self, rel: &str, bytes: impl AsRef<[u8]>) -> SiteTest {
        super::write_file(self.root(), rel, bytes);
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Builds into `public/` with search off; the build must write its
    /// output and report no error.
    pub fn build(self) -> Built {
        let output = self.root().join("public");
        let report = build_site(&BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(output.clone()),
            no_search: true,
            ..BuildOptions::default()
        })
        .unwrap();
        assert!(
            report.written && !report.has_errors(),
            "{:?}",
            report.diagnostics
        );
        Built {
            site: self,
            output,
            report,
        }
    }

    /// What `backstory check` reports, without writing anything.
    pub fn check(&self) -> Vec<Diagnostic> {
        check_site(&BuildOptions {
            root: self.root().to_path_buf(),
            dry_run: true,
            ..BuildOptions::default()
        })
        .unwrap()
        .diagnostics
    }

    /// Runs the `backstory` binary with `args` and `--root` this site.
    pub fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_backstory"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("the binary runs")
    }
}

impl Built {
    /// The text of an output file; fails the test, naming it, when missing.
    pub fn read(&self, rel: &str) -> String {
        let path = self.output.join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{rel}: {error}"))
    }

    /// Every output file by its path relative to the output folder.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.output)
    }
}

/// Every file under `dir`, by its `/`-separated path relative to `dir`.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(entry.path()).unwrap())
        })
        .collect()
}
