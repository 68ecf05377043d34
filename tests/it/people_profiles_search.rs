//! A profile's `name` and `aliases` are searched for literally in every
//! text (issue #25, item 3): a site whose text names a person the detector
//! misses in, that person linked to the profile out, in a full build and in
//! watch mode's rebuilds alike.

use crate::common;

use backstory::build::BuildOptions;
use backstory::incremental::Engine;
use common::SiteTest;
use std::path::Path;

const TEXT: &str = "Harbour board approves the night ferry\n\n\
March 3, 2021\n\n\
The harbour board approved the night ferry on Tuesday after a long session.\n\n\
The plan, drafted with Quenby Iraola in July, puts two boats on the route.\n\n\
Crews from the rice barges watched. Iraola left early; the Iraolaville crews stayed.\n\n\
Nobody on the quay expected the vote to pass so quickly.\n";

fn site(profile: &str) -> SiteTest {
    SiteTest::new()
        .config("title = \"Harbour\"\n")
        .source("2021-03-03-board", TEXT)
        .profile("iraola", profile)
}

/// The words of every mention of the person with id `id` (a profile's
/// file name).
fn mentions(root: &Path, id: &str) -> Vec<String> {
    let content = backstory::load::load(root, false).unwrap();
    let (site, _) = backstory::build::link_content(content);
    let person = site
        .people
        .iter()
        .find(|p| p.id == id)
        .expect("the profile's person");
    person
        .mentions
        .iter()
        .map(|(source, span)| {
            site.sources[*source].article.blocks[span.block].text[span.start..span.end].to_string()
        })
        .collect()
}

#[test]
fn check_no_longer_says_no_source_names_the_profile() {
    let site = site("+++\nname = \"Quenby Iraola\"\n+++\n");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("no source names this person"), "{err}");
}

#[test]
fn a_profile_finds_the_person_but_a_lone_alias_needs_the_full_name() {
    let full = site("+++\nname = \"Quenby Iraola\"\naliases = [\"Iraola\"]\n+++\n");
    assert_eq!(mentions(full.root(), "iraola"), ["Quenby Iraola", "Iraola"]);
    // The profile's full name is not in the text: the bare "Iraola" alone
    // (and never "rice" for an alias "Rice") is not enough.
    let site = site("+++\nname = \"Marta Iraola\"\naliases = [\"Iraola\", \"Rice\"]\n+++\n");
    assert!(mentions(site.root(), "iraola").is_empty());
}

#[test]
fn watch_mode_sees_a_profile_gain_an_alias_and_a_text_gain_the_name() {
    let site = site("+++\nname = \"Quenby Iraola\"\n+++\n");
    let root = site.root();
    let mut engine = Engine::new(
        BuildOptions {
            root: root.to_path_buf(),
            no_search: true,
            ..BuildOptions::default()
        },
        None,
    )
    .verifying();
    // A profile's page is named by its file name (content/people/iraola.md).
    let page = root.join("public/people/iraola/index.html");
    let first = engine.rebuild().unwrap();
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    let before = std::fs::read_to_string(&page).unwrap();
    assert!(before.contains("2021-03-03-board"), "the source is listed");

    // A profile edit: the alias now counts too.
    let profile = root.join("content/people/iraola.md");
    std::fs::write(
        &profile,
        "+++\nname = \"Quenby Iraola\"\naliases = [\"Iraola\"]\n+++\n",
    )
    .unwrap();
    engine.changed(&[profile]);
    let second = engine.rebuild().unwrap();
    assert!(!second.has_errors(), "{:?}", second.diagnostics);
    assert_eq!(mentions(root, "iraola").len(), 2);

    // A source edit patched in: a new paragraph names her again.
    let source = root.join("content/sources/2021-03-03-board.txt");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        format!("{text}\nThe timetable was printed by Quenby Iraola on Friday.\n"),
    )
    .unwrap();
    engine.changed(&[source]);
    let third = engine.rebuild().unwrap();
    assert!(!third.has_errors(), "{:?}", third.diagnostics);
    assert!(
        third.patched,
        "a text edit is patched in, read against the profiles"
    );
    let after = std::fs::read_to_string(&page).unwrap();
    assert!(
        after.contains("printed by"),
        "the new mention is on her page"
    );
}
