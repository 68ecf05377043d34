//! The built site works opened from disk (`file://`), where a link to a
//! folder shows a listing instead of its `index.html`: every relative `href`
//! and `src` in every page must name a file that exists in the output.

use backstory::build::{build_site, BuildOptions};
use std::path::{Path, PathBuf};

/// The relative link targets in `html` (attribute values of `href` and `src`).
fn relative_targets(html: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let Some(end) = rest.find('"') else { break };
            let value = &rest[..end];
            let absolute = value.starts_with('/')
                || value.starts_with('#')
                || value.split('/').next().is_some_and(|s| s.contains(':'));
            if !absolute {
                targets.push(value.to_string());
            }
            rest = &rest[end..];
        }
    }
    targets
}

#[test]
fn every_relative_link_names_an_existing_file() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("public");
    let options = BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output: Some(site.clone()),
        no_search: true,
        ..BuildOptions::default()
    };
    assert!(build_site(&options).unwrap().written);
    let mut checked = 0;
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(&site).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let dir = entry.path().parent().unwrap_or(Path::new("."));
        for target in relative_targets(&html) {
            let path = target.split(['#', '?']).next().unwrap_or("");
            let resolved = dir.join(path);
            checked += 1;
            if !resolved.is_file() {
                broken.push(format!("{} -> {target}", entry.path().display()));
            }
        }
    }
    assert!(checked > 100, "only {checked} links found");
    assert!(
        broken.is_empty(),
        "links that do not name a file:\n{}",
        broken.join("\n")
    );
}
