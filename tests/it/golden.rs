//! Whole-site golden test: each folder under `tests/sites/` is built into a
//! temporary folder and compared, file by file, with the checked-in tree in
//! `tests/sites/NAME.expected/`. Set `BACKSTORY_BLESS=1` to regenerate the
//! expected trees after an intended change, then review the diff.

use crate::common;

use backstory::build::{build_site, BuildOptions};
use std::path::{Path, PathBuf};

fn build_into(site: &Path, output: &Path) {
    let options = BuildOptions {
        root: site.to_path_buf(),
        output: Some(output.to_path_buf()),
        ..BuildOptions::default()
    };
    let report = build_site(&options).expect("the build runs");
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "the fixture site has errors:\n{}",
        errors.join("\n")
    );
    assert!(report.written);
}

#[test]
fn sites_match_their_expected_trees() {
    let sites = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites");
    let bless = std::env::var_os("BACKSTORY_BLESS").is_some();
    let mut checked = 0;
    for entry in std::fs::read_dir(&sites).unwrap() {
        let site = entry.unwrap().path();
        if !site.join("content").is_dir() {
            continue;
        }
        let expected_dir = PathBuf::from(format!("{}.expected", site.display()));
        let temp = tempfile::tempdir().unwrap();
        let output = temp.path().join("public");
        build_into(&site, &output);
        let actual = common::tree(&output);
        if bless {
            let _ = std::fs::remove_dir_all(&expected_dir);
            for (path, bytes) in &actual {
                let target = expected_dir.join(path);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::write(target, bytes).unwrap();
            }
        }
        let expected = common::tree(&expected_dir);
        let missing: Vec<_> = expected
            .keys()
            .filter(|k| !actual.contains_key(*k))
            .collect();
        let extra: Vec<_> = actual
            .keys()
            .filter(|k| !expected.contains_key(*k))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, unexpected {extra:?}",
            site.display()
        );
        for (path, bytes) in &expected {
            assert!(
                actual[path] == *bytes,
                "{}: {path} differs from the expected file; run with BACKSTORY_BLESS=1 if the change is intended",
                site.display()
            );
        }
        checked += 1;
    }
    assert!(
        checked > 0,
        "no fixture sites found under {}",
        sites.display()
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic");
    let temp = tempfile::tempdir().unwrap();
    build_into(&site, &temp.path().join("a"));
    build_into(&site, &temp.path().join("b"));
    assert_eq!(
        common::tree(&temp.path().join("a")),
        common::tree(&temp.path().join("b"))
    );
}

#[test]
fn every_page_kind_is_built() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic");
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("public");
    build_into(&site, &output);
    let files = common::tree(&output);
    for path in [
        "index.html",
        "404.html",
        "sources/index.html",
        "sources/2021-03-02-harbour-daily-bridge-opens/index.html",
        "sources/2021-03-02-harbour-daily-bridge-opens/2021-03-02-harbour-daily-bridge-opens.txt",
        "people/index.html",
        "people/ana-lima/index.html",
        "timeline/index.html",
        "timeline/2021/index.html",
        "about/index.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "data/sources.json",
        "data/people.json",
        "data/timeline.json",
        "data/timelinejs.json",
        "assets/style.css",
        "assets/syntax.css",
    ] {
        assert!(
            files.contains_key(path),
            "{path} was not built; got {:?}",
            files.keys().collect::<Vec<_>>()
        );
    }
    let raw = &files
        ["sources/2021-03-02-harbour-daily-bridge-opens/2021-03-02-harbour-daily-bridge-opens.txt"];
    assert_eq!(
        raw,
        &std::fs::read(site.join("content/sources/2021-03-02-harbour-daily-bridge-opens.txt"))
            .unwrap()
    );
    let page =
        String::from_utf8(files["sources/2021-04-10-coast-weekly-toll-debate/index.html"].clone())
            .unwrap();
    assert!(
        page.contains("&lt;b&gt;before&lt;/b&gt;"),
        "source markup must be escaped"
    );
    let about = String::from_utf8(files["about/index.html"].clone()).unwrap();
    assert!(
        !about.contains("<script>alert"),
        "raw HTML in Markdown must be escaped by default"
    );
    assert!(
        about.contains("class=\"hl-"),
        "code blocks are highlighted with classes"
    );
    let timelinejs: serde_json::Value =
        serde_json::from_slice(&files["data/timelinejs.json"]).unwrap();
    assert_eq!(
        timelinejs["eras"][0]["end_date"]["month"], "2",
        "{timelinejs}"
    );
    assert!(timelinejs["events"]
        .as_array()
        .is_some_and(|events| events.iter().any(|e| e["group"] == "editorial")));
    let sitemap = String::from_utf8(files["sitemap.xml"].clone()).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/harbour/people/ana-lima/</loc>"),
        "{sitemap}"
    );
}
