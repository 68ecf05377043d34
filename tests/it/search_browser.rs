//! Browser test of search: builds this repository's own site, serves it on a
//! free localhost port, and runs `tests/browser/search.mjs` in headless
//! Chromium to search for the most-mentioned person and open their page.
//!
//! Skips (with the reason printed) when Chromium or the test's node modules
//! are missing, unless `CI=true`, where a missing tool is a failure.

use backstory::build::{build_site, BuildOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

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
    if !common::browser_ready() {
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

    let port = common::host_folder(&site, "/", false);

    let output = Command::new("node")
        .arg(common::browser_dir().join("search.mjs"))
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
