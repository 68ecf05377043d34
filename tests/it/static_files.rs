//! A site's `static/` folder is published as it is: every file at its own
//! path, byte for byte, in a full build and in watch mode; a static file
//! that would replace a page the build makes is an error, and the previous
//! output stays.

use crate::common;

use backstory::build::{build_site, BuildOptions};
use backstory::incremental::Engine;
use common::{write_file, write_small_site};
use std::path::Path;

const PNG: [u8; 12] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13];

fn build(root: &Path) -> backstory::build::BuildReport {
    let options = BuildOptions {
        root: root.to_path_buf(),
        no_search: true,
        ..BuildOptions::default()
    };
    build_site(&options).expect("the build runs")
}

#[test]
fn static_files_are_published_byte_for_byte_at_their_paths() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write_small_site(root, "Harbour");
    write_file(root, "static/CNAME", "harbour.example\n");
    write_file(root, "static/images/ferry.png", PNG);
    write_file(root, "static/.DS_Store", "finder");
    let report = build(root);
    assert!(report.written, "{:?}", report.diagnostics);
    assert_eq!(
        std::fs::read(root.join("public/CNAME")).unwrap(),
        b"harbour.example\n"
    );
    assert_eq!(
        std::fs::read(root.join("public/images/ferry.png")).unwrap(),
        PNG
    );
    assert!(
        !root.join("public/.DS_Store").exists(),
        "hidden files stay out"
    );
}

#[test]
fn a_static_file_may_not_replace_a_page_of_the_site() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write_small_site(root, "Harbour");
    assert!(build(root).written);
    let home = std::fs::read(root.join("public/index.html")).unwrap();
    write_file(root, "static/index.html", "<p>mine</p>");
    let report = build(root);
    assert!(!report.written);
    let problem = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(problem.file, Path::new("index.html"));
    assert!(
        problem.hint.as_deref().unwrap_or("").contains("static/"),
        "{problem}"
    );
    assert_eq!(
        std::fs::read(root.join("public/index.html")).unwrap(),
        home,
        "the output stays"
    );
}

#[test]
fn watch_mode_publishes_a_static_file_added_later() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write_small_site(root, "Harbour");
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let mut engine = Engine::new(options, None);
    assert!(!engine.rebuild().unwrap().has_errors());
    write_file(root, "static/images/ferry.png", PNG);
    engine.changed(&[root.join("static/images/ferry.png")]);
    let report = engine.rebuild().unwrap();
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    assert_eq!(
        std::fs::read(root.join("public/images/ferry.png")).unwrap(),
        PNG
    );
    assert!(backstory::watch::is_relevant(
        root,
        &root.join("static/images/ferry.png")
    ));
}
