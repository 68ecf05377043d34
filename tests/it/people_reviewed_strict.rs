//! `check --strict` passes on a reviewed site (issue #25, item 3): a text
//! with two people of one surname and a "Mr." the text cannot place in;
//! after the editor's review (profiles with `distinct` and `sex`, one
//! sidecar correction) no warning is left and the exit status is 0.

use crate::common;

use common::write_file;
use std::path::Path;

const TEXT: &str = "Mill sold after thirty years\n\n\
July 9, 2015\n\n\
The old mill was sold on Tuesday by Anneli Frantz, a retired teacher.\n\n\
Her cousin Oskar Frantz, an architect, will restore the wheel.\n\n\
Mr. Frantz said the work would take two summers.\n";

fn strict(root: &Path) -> (i32, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["check", "--strict", "--root"])
        .arg(root)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_reviewed_site_passes_check_strict() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write_file(
        root,
        "site.toml",
        "title = \"Mill\"\nbase_url = \"https://mill.example/\"\n",
    );
    write_file(root, "content/sources/2015-07-09-mill.txt", TEXT);
    let (code, before) = strict(root);
    assert_eq!(code, 1, "{before}");
    assert!(before.contains("share the surname `Frantz`"), "{before}");

    // The review: the two are different people, and she is a woman.
    write_file(
        root,
        "content/people/anneli-frantz.md",
        "+++\nname = \"Anneli Frantz\"\nsex = \"female\"\ndistinct = [\"Oskar Frantz\"]\n+++\n",
    );
    write_file(
        root,
        "content/people/oskar-frantz.md",
        "+++\nname = \"Oskar Frantz\"\nsex = \"male\"\ndistinct = [\"Anneli Frantz\"]\n+++\n",
    );
    let (code, after) = strict(root);
    assert!(
        code == 0 && after.contains("0 errors, 0 warnings"),
        "{after}"
    );
    let (site, _) = backstory::build::link_content(backstory::load::load(root, false).unwrap());
    let oskar = site
        .people
        .iter()
        .find(|p| p.name == "Oskar Frantz")
        .unwrap();
    assert_eq!(oskar.mentions.len(), 2, "Mr. Frantz is Oskar");
}

#[test]
fn an_unlinked_mention_corrected_in_the_sidecar_passes_check_strict() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write_file(
        root,
        "site.toml",
        "title = \"Mill\"\nbase_url = \"https://mill.example/\"\n",
    );
    let text = TEXT.replace("Her cousin Oskar Frantz, an architect,", "An architect");
    write_file(root, "content/sources/2015-07-09-mill.txt", &text);
    write_file(
        root,
        "content/people/anneli-frantz.md",
        "+++\nname = \"Anneli Frantz\"\nsex = \"female\"\n+++\n",
    );
    let (code, before) = strict(root);
    assert_eq!(code, 1, "{before}");
    assert!(before.contains("is linked to no one"), "{before}");
    write_file(
        root,
        "content/sources/2015-07-09-mill.toml",
        "[[mention]]\nparagraph = 3\ntext = \"Frantz\"\nperson = \"nobody\"\n",
    );
    let (code, after) = strict(root);
    assert!(
        code == 0 && after.contains("0 errors, 0 warnings"),
        "{after}"
    );
}
