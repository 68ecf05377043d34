//! Watch mode and tags: adding, removing and renaming a tag on a source
//! (patched in) or on a page (a full rebuild) must leave the output equal
//! to a fresh build, tag pages included. One engine checks every patch
//! against a full link and every page's fingerprint (`verifying`), one
//! writes only what the patch names, as `serve` does.

use crate::common::{self, site::SiteTest};
use backstory::build::{build_site, BuildOptions};
use backstory::incremental::{Engine, Rebuild};
use std::path::{Path, PathBuf};

fn options(root: &Path, output: &str) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(root.join(output)),
        no_search: true,
        ..BuildOptions::default()
    }
}

fn assert_matches_full_build(root: &Path, output: &str, step: &str) {
    let fresh = tempfile::tempdir().unwrap();
    let mut full = options(root, "unused");
    full.output = Some(fresh.path().join("public"));
    let report = build_site(&full).unwrap();
    assert!(!report.has_errors(), "{step}: {:?}", report.diagnostics);
    let expected = common::tree(&fresh.path().join("public"));
    let actual = common::tree(&root.join(output));
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "{step}: the file lists differ"
    );
    for (name, bytes) in &expected {
        assert!(
            actual[name] == *bytes,
            "{step}: {name} differs from a full build"
        );
    }
}

struct Engines {
    root: PathBuf,
    checked: Engine,
    plain: Engine,
}

impl Engines {
    fn new(root: &Path) -> Self {
        let mut engines = Engines {
            root: root.to_path_buf(),
            checked: Engine::new(options(root, "public-checked"), None).verifying(),
            plain: Engine::new(options(root, "public"), None),
        };
        engines.rebuild(&[], "first build");
        engines
    }

    fn rebuild(&mut self, paths: &[PathBuf], name: &str) -> Rebuild {
        let mut reports = [&mut self.checked, &mut self.plain].map(|engine| {
            if !paths.is_empty() {
                engine.changed(paths);
            }
            let report = engine.rebuild().unwrap();
            assert!(!report.has_errors(), "{name}: {:?}", report.diagnostics);
            report
        });
        assert_matches_full_build(&self.root, "public-checked", &format!("{name} (checked)"));
        assert_matches_full_build(&self.root, "public", name);
        std::mem::take(&mut reports[1])
    }

    /// Writes `text` to the site file `rel` and rebuilds for it.
    fn edit(&mut self, rel: &str, text: &str, name: &str) -> Rebuild {
        let path = self.root.join(rel);
        std::fs::write(&path, text).unwrap();
        self.rebuild(&[path], name)
    }
}

const FERRY: &str =
    "Ferry Fares Rise Again\n\nThe council raised the fare to five euros on March 1, 2021.\n";
const BRIDGE: &str = "Bridge Opens to Traffic\n\nThe new bridge opened to cars on May 9, 2022.\n";
const FERRY_SIDECAR: &str = "content/sources/2021-03-01-ferry.toml";
const BRIDGE_SIDECAR: &str = "content/sources/2022-05-10-bridge.toml";

fn site() -> SiteTest {
    SiteTest::new()
        .source("2021-03-01-ferry", FERRY)
        .sidecar(
            "2021-03-01-ferry",
            "date = 2021-03-01\ntags = [\"Fares\"]\n",
        )
        .source("2022-05-10-bridge", BRIDGE)
        .sidecar("2022-05-10-bridge", "date = 2022-05-10\n")
        .page(
            "costs",
            "+++\ntitle = \"What crossing costs\"\ntags = [\"Fares\"]\n+++\n\nA page on fares.\n",
        )
}

#[test]
fn tags_added_renamed_and_removed_on_sources_follow_in_watch_mode() {
    let site = site();
    let mut engines = Engines::new(site.root());

    let report = engines.edit(
        BRIDGE_SIDECAR,
        "date = 2022-05-10\ntags = [\"fares\"]\n",
        "a source joins a tag",
    );
    assert!(report.patched, "a sidecar edit is patched in");
    assert!(
        report
            .changed
            .contains(&"tags/fares/index.html".to_string()),
        "{:?}",
        report.changed
    );

    let report = engines.edit(
        BRIDGE_SIDECAR,
        "date = 2022-05-10\ntags = [\"fares\", \"Bridges\"]\n",
        "a new tag on a source",
    );
    assert!(report
        .changed
        .contains(&"tags/bridges/index.html".to_string()));

    // "Fares" and "fares" once each: a third spelling decides the name.
    engines.edit(
        FERRY_SIDECAR,
        "date = 2021-03-01\ntags = [\"fares\"]\n",
        "a tag's usual spelling changes",
    );

    engines.edit(
        BRIDGE_SIDECAR,
        "date = 2022-05-10\ntitle = \"The Bridge Is Open\"\ntags = [\"fares\", \"Bridges\"]\n",
        "a tagged source's title changes",
    );

    let report = engines.edit(
        BRIDGE_SIDECAR,
        "date = 2022-05-10\ntags = [\"fares\", \"Crossings\"]\n",
        "a tag renamed on its only source",
    );
    assert!(
        report
            .removed
            .contains(&"tags/bridges/index.html".to_string()),
        "{:?}",
        report.removed
    );

    let report = engines.edit(BRIDGE_SIDECAR, "date = 2022-05-10\n", "tags removed");
    assert!(report
        .removed
        .contains(&"tags/crossings/index.html".to_string()));
}

#[test]
fn tags_on_pages_follow_in_watch_mode() {
    let site = site();
    let mut engines = Engines::new(site.root());
    let page = "content/pages/costs.md";
    engines.edit(
        page,
        "+++\ntitle = \"What crossing costs\"\ntags = [\"Fares\", \"Tolls\"]\n+++\n\nA page on fares.\n",
        "a tag added to a page",
    );
    engines.edit(
        page,
        "+++\ntitle = \"What crossing costs\"\ntags = [\"Fares\", \"Tolls\"]\n+++\n\nA page on fares and tolls.\n",
        "a tagged page's text edited",
    );
    engines.edit(
        page,
        "+++\ntitle = \"What it costs\"\ndescription = \"Prices.\"\ntags = [\"Tolls\"]\n+++\n\nA page on fares and tolls.\n",
        "a tagged page retitled, a tag removed",
    );
    let report = engines.edit(
        FERRY_SIDECAR,
        "date = 2021-03-01\n",
        "the last source leaves a tag",
    );
    assert!(
        report
            .removed
            .contains(&"tags/fares/index.html".to_string()),
        "{:?}",
        report.removed
    );
    let report = engines.edit(
        page,
        "+++\ntitle = \"What it costs\"\n+++\n\nA page on fares and tolls.\n",
        "the last tag of the site removed",
    );
    assert!(
        report.removed.contains(&"tags/index.html".to_string()),
        "{:?}",
        report.removed
    );
}
