//! Browser test of what the search index holds (issue #30): builds this
//! repository's own site, serves it on a free localhost port and runs
//! `tests/browser/search_kinds.mjs` in headless Chromium. A person is
//! found by their role alone, a timeline entry by the words of its
//! headline, and a source by words deep in its text, each result opening
//! the person's page, the entry's anchor or the paragraph the words are in.
//!
//! Skips (with the reason printed) when Chromium or the test's node modules
//! are missing, unless `CI=true`, where a missing tool is a failure.

use backstory::build::{build_site, BuildOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

fn export(site: &Path, name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(site.join("data").join(name)).expect("the export");
    serde_json::from_str(&text).expect("the export is a JSON list")
}

/// (role, id) of the person with the longest role that no one else has.
fn person_with_a_role(site: &Path) -> (String, String) {
    let people = export(site, "people.json");
    let role = |p: &Value| p["role"].as_str().unwrap_or("").to_string();
    people
        .iter()
        .filter(|p| !role(p).is_empty())
        .filter(|p| people.iter().filter(|q| role(q) == role(p)).count() == 1)
        .max_by_key(|p| (role(p).len(), p["id"].as_str().unwrap_or("").to_string()))
        .map(|p| (role(p), p["id"].as_str().unwrap().to_string()))
        .expect("someone on the site has a role")
}

/// (the first eight words of its headline, id) of the first entry cited by
/// a sentence of eight words or more: its headline is that sentence.
fn entry_with_a_headline(site: &Path) -> (String, String) {
    let records = export(site, "timeline.json");
    let mut seen = std::collections::HashSet::new();
    for record in &records {
        let id = record["id"].as_str().unwrap_or("");
        // An entry's first record is its first citation, which heads it.
        if !seen.insert(id.to_string()) || record["editorial"] == Value::Bool(true) {
            continue;
        }
        let sentence = record["sentence"].as_str().unwrap_or("");
        let words: Vec<String> = sentence
            .split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() >= 8 {
            return (words[..8].join(" "), id.to_string());
        }
    }
    panic!("no timeline entry is cited by a sentence of eight words");
}

/// (eight words, the source's page and the paragraph's anchor) from the
/// middle of a paragraph well down a source: a paragraph past the fourth
/// whose eight middle words are found together in no other paragraph.
fn words_deep_in_a_source() -> (String, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let loaded = backstory::load::load(&root, false).expect("the site loads");
    let (site, _) = backstory::build::link_content(loaded);
    let words = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| w.len() > 3)
            .collect()
    };
    let paragraphs: Vec<(String, String, Vec<String>)> = site
        .sources
        .iter()
        .flat_map(|source| {
            let blocks = &source.article.blocks;
            (0..blocks.len()).map(move |i| {
                let anchor = backstory::anchor::line_anchor(blocks, i);
                (source.id.clone(), anchor, words(&blocks[i].text))
            })
        })
        .collect();
    for (at, (source, anchor, own)) in paragraphs.iter().enumerate() {
        let index: usize = anchor
            .trim_start_matches('L')
            .split('-')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        if own.len() < 16 || index < 12 {
            continue;
        }
        let middle = &own[own.len() / 2 - 4..own.len() / 2 + 4];
        let elsewhere = paragraphs
            .iter()
            .enumerate()
            .any(|(other, (_, _, theirs))| {
                other != at && middle.iter().all(|w| theirs.contains(w))
            });
        if !elsewhere {
            return (
                middle.join(" "),
                format!("sources/{source}/index.html#{anchor}"),
            );
        }
    }
    panic!("no paragraph has eight words of its own");
}

fn search(site_url: &str, query: &str, group: &str, href_part: &str) {
    let output = Command::new("node")
        .arg(common::browser_dir().join("search_kinds.mjs"))
        .arg(site_url)
        .arg(query)
        .arg(group)
        .arg(href_part)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "searching for {query:?} did not list {href_part} under {group}:\n{stdout}\n{stderr}"
    );
}

#[test]
fn a_person_is_found_by_role_an_entry_by_its_headline_and_a_paragraph_by_its_words() {
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
    let port = common::host_folder(&site, "/", false);
    let search_page = format!("http://127.0.0.1:{port}/search/index.html");

    let (role, person) = person_with_a_role(&site);
    search(&search_page, &role, "People", &format!("people/{person}/"));

    let (headline, entry) = entry_with_a_headline(&site);
    search(&search_page, &headline, "Timeline", &format!("#{entry}"));

    let (words, paragraph) = words_deep_in_a_source();
    search(&search_page, &words, "Sources", &paragraph);
}
