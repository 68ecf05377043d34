//! Helpers shared by the integration tests.

// Each test crate compiles these helpers and uses only some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Copies the tree at `from` to `to`, leaving out paths that start with `skip`.
pub fn copy_tree(from: &Path, to: &Path, skip: Option<&str>) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).unwrap();
        if skip.is_some_and(|skip| rel.starts_with(skip)) {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds the site at `root` into `root/public`, search off, and returns
/// that folder; the build must write its output and report no error.
pub fn build_public(root: &Path) -> PathBuf {
    let output = root.join("public");
    let report = backstory::build::build_site(&backstory::build::BuildOptions {
        root: root.to_path_buf(),
        output: Some(output.clone()),
        no_search: true,
        ..backstory::build::BuildOptions::default()
    })
    .unwrap();
    assert!(
        report.written && !report.has_errors(),
        "{:?}",
        report.diagnostics
    );
    output
}

/// A copy of the repository's own site (`site.toml` and `content/`) in a new
/// temporary folder.
pub fn repo_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&repo.join("content"), &site.path().join("content"), None);
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).unwrap();
    site
}

/// `backstory serve --port 0` running on a site in a temporary folder; the
/// server is stopped when this is dropped. Test files add their own
/// request helpers in `impl Server` blocks.
pub struct Server {
    pub child: std::process::Child,
    pub address: std::net::SocketAddr,
    pub site: tempfile::TempDir,
}

impl Server {
    /// Starts the server on `site` and waits for the address it prints. Its
    /// output is drained in the background, so it never blocks on a full pipe.
    pub fn serve(site: tempfile::TempDir) -> Server {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_backstory"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let address = loop {
            let line = lines
                .next()
                .expect("the server printed its address")
                .unwrap();
            if let Some(rest) = line.strip_prefix("serving http://") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        std::thread::spawn(move || lines.for_each(drop));
        Server {
            child,
            address,
            site,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A short news text with a headline, byline, date, two people and a quote.
pub const FERRY_SOURCE: &str = "Harbour council approves new ferry route\n\n\
By Carla Mendes\n\nMonday 1 March 2021\n\n\
The harbour council approved a new ferry route on Monday, Mayor Ana Lima said.\n\n\
\"The route links the two halves of the city,\" Lima told reporters in March.\n";

/// Writes `bytes` to `root/rel`, making its folders.
pub fn write_file(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Writes a small valid site at `root`: `site.toml` with `title`, a home
/// page, one source ([`FERRY_SOURCE`]) and an About page.
pub fn write_small_site(root: &Path, title: &str) {
    write_file(root, "site.toml", format!("title = \"{title}\"\n"));
    write_file(
        root,
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
    );
    write_file(root, "content/sources/2021-03-01-ferry.txt", FERRY_SOURCE);
    write_file(
        root,
        "content/pages/about.md",
        "---\ntitle: About\n---\nHow this site was made.\n",
    );
}
