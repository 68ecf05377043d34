//! Resized images are the same bytes every build, are not made again when
//! the last build made them, and watch mode picks up a changed image file
//! exactly as a full build would.

use crate::common::{self, site::SiteTest};
use crate::images_pages::{jpeg, png};
use backstory::build::{build_site, BuildOptions};
use backstory::incremental::Engine;
use std::path::Path;

const PAGE: &str =
    "+++\ntitle = \"Background\"\n\n[image]\nfile = \"map.png\"\nalt = \"A map\"\n+++\n\nText.\n";
const PROFILE: &str = "+++\nname = \"Ana Lima\"\n\n[image]\nfile = \"ana.jpg\"\nalt = \"Ana Lima\"\n+++\n\nA reporter.\n";

fn site() -> SiteTest {
    SiteTest::new()
        .page("background", PAGE)
        .profile("ana-lima", PROFILE)
        .file("content/images/map.png", png(1000, 600))
        .file("content/images/ana.jpg", jpeg(500, 600))
}

fn build_into(root: &Path, output: &Path) {
    let report = build_site(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        no_search: true,
        ..BuildOptions::default()
    })
    .unwrap();
    assert!(report.written, "{:?}", report.diagnostics);
}

#[test]
fn two_builds_give_the_same_bytes() {
    let site = site();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_into(site.root(), &a.path().join("public"));
    build_into(site.root(), &b.path().join("public"));
    let (a, b) = (
        common::tree(&a.path().join("public")),
        common::tree(&b.path().join("public")),
    );
    assert!(a.keys().filter(|p| p.starts_with("images/")).count() >= 4);
    assert!(a == b, "the two outputs differ");
}

#[test]
fn a_rebuild_takes_the_copies_the_last_build_made() {
    let site = site();
    let output = site.root().join("public");
    build_into(site.root(), &output);
    let copy = common::tree(&output)
        .into_keys()
        .find(|p| p.starts_with("images/map-") && p.ends_with("-800.png"))
        .unwrap();
    // Were the copy made again, these bytes would be replaced.
    std::fs::write(output.join(&copy), b"kept from the last build").unwrap();
    build_into(site.root(), &output);
    assert_eq!(
        std::fs::read(output.join(&copy)).unwrap(),
        b"kept from the last build"
    );
    // A changed image gets new names, so nothing stale is taken.
    std::fs::write(site.root().join("content/images/map.png"), png(1000, 500)).unwrap();
    build_into(site.root(), &output);
    let tree = common::tree(&output);
    assert!(!tree.contains_key(&copy));
    let html = std::fs::read_to_string(output.join("background/index.html")).unwrap();
    assert!(html.contains(" width=\"1000\" height=\"500\""));
}

#[test]
fn watch_mode_picks_up_a_changed_image_as_a_full_build_does() {
    let site = site();
    let output = site.root().join("public");
    let mut engine = Engine::new(
        BuildOptions {
            root: site.root().to_path_buf(),
            no_search: true,
            ..BuildOptions::default()
        },
        None,
    )
    .verifying();
    let first = engine.rebuild().unwrap();
    assert!(first.written, "{:?}", first.diagnostics);
    let before = common::tree(&output);

    let changed = site.root().join("content/images/ana.jpg");
    std::fs::write(&changed, jpeg(300, 300)).unwrap();
    engine.changed(std::slice::from_ref(&changed));
    let report = engine.rebuild().unwrap();
    assert!(report.written, "{:?}", report.diagnostics);
    assert!(report
        .changed
        .iter()
        .any(|p| p == "people/ana-lima/index.html"));
    assert!(!report.changed.iter().any(|p| p.starts_with("images/map-")));
    let after = common::tree(&output);
    assert_ne!(before, after);
    let person = String::from_utf8_lossy(&after["people/ana-lima/index.html"]).to_string();
    assert!(person.contains(" width=\"300\" height=\"300\""));

    // The same as a fresh build of the same files.
    let fresh = tempfile::tempdir().unwrap();
    build_into(site.root(), &fresh.path().join("public"));
    let expected = common::tree(&fresh.path().join("public"));
    let images = |tree: &std::collections::BTreeMap<String, Vec<u8>>| {
        tree.iter()
            .filter(|(p, _)| p.starts_with("images/") || p.ends_with("index.html"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert!(
        images(&after) == images(&expected),
        "watch output differs from a full build"
    );
}
