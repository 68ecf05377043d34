//! Browser test of search: builds this repository's own site, serves it on a
//! free localhost port, and runs `tests/browser/search.mjs` in headless
//! Chromium to search for the most-mentioned person and open their page.
//!
//! Skips (with the reason printed) when Chromium or the test's node modules
//! are missing, unless `CI=true`, where a missing tool is a failure.

use backstory::build::{build_site, BuildOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// The reason the browser test cannot run here, if any.
fn missing_tool() -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is not installed"));
    }
    if !browser_dir().join("node_modules/playwright-core").is_dir() {
        return Some(
            "tests/browser/node_modules is missing (run `npm ci --prefix tests/browser`)".into(),
        );
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    None
}

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

/// Answers one GET request with a file under `root` (a folder means its index.html).
fn serve_one(mut stream: TcpStream, root: &Path) {
    let mut request_line = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("the stream clones"));
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let relative = Path::new(path.trim_start_matches('/'));
    let safe = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let response = match std::fs::read(&file) {
        Ok(body) if safe => (200, content_type(&file), body),
        _ => (404, "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        response.0,
        if response.0 == 200 { "OK" } else { "Not Found" },
        response.1,
        response.2.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&response.2);
}

/// The name of the person with the most mentions, from the site's own export.
fn most_mentioned(site: &Path) -> String {
    let text = std::fs::read_to_string(site.join("data/people.json")).expect("people.json");
    let people: serde_json::Value = serde_json::from_str(&text).expect("people.json is JSON");
    people
        .as_array()
        .expect("a list of people")
        .iter()
        .max_by_key(|p| p["mentions"].as_array().map_or(0, Vec::len))
        .and_then(|p| p["name"].as_str())
        .expect("the site names someone")
        .to_string()
}

#[test]
fn searching_a_name_finds_the_persons_page() {
    if let Some(reason) = missing_tool() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("the browser test cannot run on CI: {reason}");
        }
        println!("skipped: {reason}");
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("public");
    let options = BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output: Some(site.clone()),
        ..BuildOptions::default()
    };
    let report = build_site(&options).expect("the build runs");
    assert!(report.written, "{:?}", report.diagnostics);
    assert!(site.join("pagefind/pagefind.js").is_file());
    let name = most_mentioned(&site);

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let root = site.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || serve_one(stream, &root));
        }
    });

    let output = Command::new("node")
        .arg(browser_dir().join("search.mjs"))
        .arg(format!("http://127.0.0.1:{port}/index.html"))
        .arg(&name)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "searching for {name:?} did not lead to their page:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(&format!("heading \"{name}\"")));
}
