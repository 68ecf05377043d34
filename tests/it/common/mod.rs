//! Helpers shared by the integration tests.

// Not every helper is used by every test module.
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

/// The content type a static host gives a file, by its extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves the folder `root` at `prefix` (such as `/` or `/sub/`) on a free
/// localhost port, as a static host does, until the test ends; returns the
/// port. A folder answers with its index.html. With `not_found_page`, a
/// missing address answers 404 with the site's own 404.html, as GitHub
/// Pages, Netlify and Cloudflare Pages do at any depth.
pub fn host_folder(root: &Path, prefix: &str, not_found_page: bool) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let root = root.to_path_buf();
    let prefix = prefix.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, prefix) = (root.clone(), prefix.clone());
            std::thread::spawn(move || answer(stream, &root, &prefix, not_found_page));
        }
    });
    port
}

/// The path a GET request asks for, read from its first line; the headers are skipped.
fn requested_path(stream: &std::net::TcpStream) -> Option<String> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1)?;
    Some(target.split(['?', '#']).next().unwrap_or("/").to_string())
}

/// The file under `root` that `path` names below `prefix`, if it exists and
/// stays inside `root`.
fn hosted_file(root: &Path, prefix: &str, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.strip_prefix(prefix)?);
    let safe = relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    (safe && file.is_file()).then_some(file)
}

/// Answers one request (see [`host_folder`]).
fn answer(mut stream: std::net::TcpStream, root: &Path, prefix: &str, not_found_page: bool) {
    use std::io::Write;
    let Some(path) = requested_path(&stream) else {
        return;
    };
    let found = hosted_file(root, prefix, &path);
    let page = root.join("404.html");
    let (status, file) = match found {
        Some(file) => (200, Some(file)),
        None if not_found_page => (404, Some(page)),
        None => (404, None),
    };
    let (kind, body) =
        match file.and_then(|file| Some((content_type(&file), std::fs::read(&file).ok()?))) {
            Some(found) => found,
            None => ("text/plain", b"not found".to_vec()),
        };
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        if status == 200 { "OK" } else { "Not Found" },
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The folder of the browser tests' scripts and node modules.
pub fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Whether headless Chromium, node and the browser tests' node modules are
/// here. When not, a browser test skips (printing why), except with
/// `CI=true`, where a missing tool is a failure.
pub fn browser_ready() -> bool {
    const CHROMIUM: &str = "/usr/bin/chromium";
    let missing = if !Path::new(CHROMIUM).exists() {
        Some(format!("{CHROMIUM} is not installed"))
    } else if !browser_dir().join("node_modules/playwright-core").is_dir() {
        Some("tests/browser/node_modules is missing (run `npm ci --prefix tests/browser`)".into())
    } else if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        Some("node is not installed".into())
    } else {
        None
    };
    let Some(reason) = missing else {
        return true;
    };
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("the browser test cannot run on CI: {reason}");
    }
    println!("skipped: {reason}");
    false
}

pub mod dates;
pub mod site;
pub use site::{tree, Built, SiteTest};
