//! The repository's own explainer, built as a whole: the five seed sources
//! with `content/people/` emptied, so everything on the people pages comes from
//! detection alone.

use crate::common;
use backstory::build::{render_site, BuildOptions};

use common::copy_tree;
use std::path::Path;

#[test]
fn seeds_build_cleanly_and_people_are_found_without_profiles() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().unwrap();
    copy_tree(
        &repo.join("content"),
        &temp.path().join("content"),
        Some("people"),
    );
    std::fs::copy(repo.join("site.toml"), temp.path().join("site.toml")).unwrap();
    std::fs::create_dir_all(temp.path().join("content/people")).unwrap();
    // Editorial pages cross-reference people by the addresses detection gives
    // them (profiles pin those with `slug`), so they resolve without profiles.
    let options = BuildOptions {
        root: temp.path().to_path_buf(),
        ..BuildOptions::default()
    };
    let (report, files) = render_site(&options).unwrap();
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let files = files.expect("the site renders");
    assert_eq!(report.sources, 5);
    let person_pages: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| {
            p.starts_with("people/") && p.ends_with("/index.html") && *p != "people/index.html"
        })
        .collect();
    assert!(
        person_pages.len() >= 30,
        "only {} person pages: {person_pages:?}",
        person_pages.len()
    );
    // People named in more than one source get one page, not one per source.
    let shared = ["sudani", "maliki", "soleimani", "ryder"];
    for surname in shared {
        let pages: Vec<_> = person_pages
            .iter()
            .filter(|p| p.contains(surname) && !p.contains("thaier"))
            .collect();
        assert_eq!(pages.len(), 1, "{surname}: {pages:?}");
    }
    assert!(
        report.timeline > 20,
        "only {} timeline entries",
        report.timeline
    );
    for kind in [
        "index.html",
        "sources/index.html",
        "people/index.html",
        "timeline/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
    ] {
        assert!(files.iter().any(|f| f.path == kind), "{kind} missing");
    }
}
