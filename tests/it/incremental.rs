//! Watch mode's incremental rebuilds against full clean builds: after every
//! edit in a sequence, the output the engine keeps up to date must equal a
//! fresh `build` of the same content, byte for byte, file for file.

use crate::common;

use backstory::build::{build_site, BuildOptions};
use backstory::incremental::Engine;
use backstory::search::Refresher;
use std::path::Path;

fn assert_matches_full_build(site: &Path, output: &Path, step: &str) {
    let fresh = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: site.to_path_buf(),
        output: Some(fresh.path().join("public")),
        ..BuildOptions::default()
    };
    let report = build_site(&options).unwrap();
    assert!(!report.has_errors(), "{step}: {:?}", report.diagnostics);
    let (expected, actual) = (
        common::tree(&fresh.path().join("public")),
        common::tree(output),
    );
    let expected_names: Vec<_> = expected.keys().collect();
    let actual_names: Vec<_> = actual.keys().collect();
    assert_eq!(
        actual_names, expected_names,
        "{step}: the file lists differ"
    );
    for (name, bytes) in &expected {
        assert!(
            actual[name] == *bytes,
            "{step}: {name} differs from a full build"
        );
    }
}

fn first_source(site: &Path) -> std::path::PathBuf {
    let mut sources: Vec<_> = std::fs::read_dir(site.join("content/sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    sources.sort();
    sources.remove(0)
}

/// Replaces the first occurrence of `from` in the file (the test's own edit, not a seed phrase).
fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, change(text)).unwrap();
}

/// A watch-mode engine for the site at `root`, writing to `root/public`.
fn engine_for(root: &Path) -> Engine {
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    Engine::new(options, None)
}

/// A copy of the seed site, built once by a watch-mode engine.
fn built_seed_site() -> (tempfile::TempDir, Engine) {
    let site = common::repo_site();
    let mut engine = engine_for(site.path());
    let first = engine.rebuild().unwrap();
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    (site, engine)
}

#[test]
fn every_incremental_rebuild_equals_a_full_build() {
    let site = common::repo_site();
    let root = site.path();
    let output = root.join("public");
    let mut engine = engine_for(root);
    let mut search = Refresher::new(&output);
    let mut step = |name: &str, engine: &mut Engine| {
        let report = engine.rebuild().unwrap();
        assert!(!report.has_errors(), "{name}: {:?}", report.diagnostics);
        search.refresh(engine.site().unwrap()).unwrap().unwrap();
        assert_matches_full_build(root, &output, name);
        report
    };
    let first = step("first build", &mut engine);
    assert!(first.cleaned > 0);

    let nothing = step("no change", &mut engine);
    assert_eq!(
        nothing.cleaned, 0,
        "unchanged sources are not cleaned again"
    );
    assert!(
        nothing.changed.is_empty(),
        "nothing is rewritten: {:?}",
        nothing.changed
    );

    let source = first_source(root);
    edit(&source, |text| text.replacen(" the ", " the very ", 1));
    let edited = step("edit a word", &mut engine);
    assert_eq!(edited.cleaned, 1, "only the edited source is cleaned again");
    assert!(
        edited.rendered * 2 < first.rendered,
        "a one-word edit re-renders only its dependents ({} of {})",
        edited.rendered,
        first.rendered
    );
    assert!(edited.changed.iter().any(|p| p.starts_with("sources/")));

    // A new person in a new source: the people index and the new person's page must follow.
    let added = root.join("content/sources/zz-added-report.txt");
    std::fs::write(
        &added,
        "Visitors Return\n\nBy Imaginary Writer\n\nMarch 3, 2031\n\n\
         Quintus Marlowe-Ashby, a spokesman, said on March 2, 2031 that the office had reopened. \
         Marlowe-Ashby added that visitors were welcome.\n",
    )
    .unwrap();
    let report = step("add a source", &mut engine);
    assert!(report.changed.contains(&"people/index.html".to_string()));

    edit(&added, |text| {
        text.replace("Quintus Marlowe-Ashby", "Octavia Marlowe-Ashby")
    });
    step("rename a person inside a source", &mut engine);

    // Person and year pages quote paragraphs: an edit to one must reach them.
    edit(&added, |text| text.replace("visitors were", "guests were"));
    let report = step("edit a quoted sentence", &mut engine);
    assert!(report.changed.iter().any(|p| p.starts_with("people/")));
    // The year pages keep each entry's HTML between rebuilds: a changed
    // sentence and a date moved to another year must both show.
    edit(&added, |text| {
        text.replace("a spokesman,", "the spokesman,")
    });
    let report = step("edit a dated sentence", &mut engine);
    assert!(report
        .changed
        .contains(&"timeline/2031/index.html".to_string()));
    edit(&added, |text| {
        text.replace("March 2, 2031", "March 2, 2032")
    });
    step("move a date to another year", &mut engine);

    let renamed = root.join("content/sources/zz-renamed-report.txt");
    std::fs::rename(&added, &renamed).unwrap();
    let report = step("rename a source file", &mut engine);
    assert!(report.removed.iter().any(|p| p.contains("zz-added-report")));

    std::fs::remove_file(&renamed).unwrap();
    step("delete a source", &mut engine);

    edit(&root.join("content/pages/methodology.md"), |text| {
        format!("{text}\n\nOne more closing paragraph.\n")
    });
    step("edit a page", &mut engine);

    std::fs::create_dir_all(root.join("templates")).unwrap();
    let base = backstory::render::theme::DEFAULT_TEMPLATES
        .iter()
        .find(|(name, _)| *name == "person.html")
        .unwrap()
        .1;
    std::fs::write(
        root.join("templates/person.html"),
        format!("{base}\n<!-- a local override -->\n"),
    )
    .unwrap();
    let report = step("override a template", &mut engine);
    assert!(report.changed.iter().all(|p| p.starts_with("people/")));

    edit(&root.join("site.toml"), |text| {
        text.replacen("title = \"", "title = \"Edited: ", 1)
    });
    let report = step("edit site.toml", &mut engine);
    assert!(report.changed.contains(&"sources/index.html".to_string()));
}

#[test]
fn a_broken_front_matter_keeps_the_last_good_output() {
    let (site, mut engine) = built_seed_site();
    let root = site.path();
    let output = root.join("public");
    let mut search = Refresher::new(&output);
    search.refresh(engine.site().unwrap()).unwrap().unwrap();
    let before = common::tree(&output);
    let page = root.join("content/pages/methodology.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, good.replacen("title", "title = = broken\ntitle", 1)).unwrap();
    let broken = engine.rebuild().unwrap();
    assert!(broken.has_errors());
    assert!(!broken.written);
    // The broken page is named (and so, as `build` reports it, is a link to it).
    assert!(
        broken
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.file.ends_with("methodology.md")),
        "{:?}",
        broken.diagnostics
    );
    assert_eq!(
        common::tree(&output),
        before,
        "a failed rebuild changes nothing"
    );
    std::fs::write(&page, format!("{good}\nFixed.\n")).unwrap();
    let fixed = engine.rebuild().unwrap();
    assert!(!fixed.has_errors());
    search.refresh(engine.site().unwrap()).unwrap().unwrap();
    assert_matches_full_build(root, &output, "after the fix");
}

#[test]
fn the_preview_reloads_before_the_exports_and_they_follow() {
    let (site, mut engine) = built_seed_site();
    let root = site.path();
    let output = root.join("public");
    let mut search = Refresher::new(&output);
    let exports_before = std::fs::read(output.join("data/people.json")).unwrap();

    let source = first_source(root);
    edit(&source, |text| {
        format!("{text}\n\nQuintus Marlowe-Ashby, a spokesman, said on March 2, 2031 that it reopened.\n")
    });
    let pages = engine.rebuild_pages().unwrap();
    assert!(pages.written && !pages.has_errors());
    assert!(
        pages.changed.iter().all(|p| !p.starts_with("data/")),
        "the exports wait: {:?}",
        pages.changed
    );
    let id = source.file_stem().unwrap().to_string_lossy();
    let page = std::fs::read_to_string(output.join(format!("sources/{id}/index.html"))).unwrap();
    assert!(
        page.contains("Marlowe-Ashby"),
        "the page is current already"
    );
    assert_eq!(
        std::fs::read(output.join("data/people.json")).unwrap(),
        exports_before,
        "the exports are still the last ones, not removed"
    );

    let exports = engine.write_exports().unwrap();
    assert!(
        exports.iter().any(|p| p == "data/people.json"),
        "{exports:?}"
    );
    assert!(
        engine.write_exports().unwrap().is_empty(),
        "they are owed once"
    );
    search.refresh(engine.site().unwrap()).unwrap().unwrap();
    assert_matches_full_build(root, &output, "after the exports");
}

#[test]
fn a_named_file_is_read_again_even_when_size_and_time_match() {
    let (site, mut engine) = built_seed_site();
    let root = site.path();
    let output = root.join("public");

    // A same-length edit that keeps the file's time, as two saves within
    // one tick of the file-system clock do.
    let source = first_source(root);
    let modified = std::fs::metadata(&source).unwrap().modified().unwrap();
    edit(&source, |text| text.replacen(" the ", " thx ", 1));
    std::fs::File::options()
        .write(true)
        .open(&source)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    engine.changed(std::slice::from_ref(&source));
    let report = engine.rebuild().unwrap();
    assert_eq!(
        report.cleaned, 1,
        "the named source is read and cleaned again"
    );
    let mut search = Refresher::new(&output);
    search.refresh(engine.site().unwrap()).unwrap().unwrap();
    assert_matches_full_build(root, &output, "after a same-size edit");
}
