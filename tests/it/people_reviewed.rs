//! Same-surname warnings an editor has reviewed (issue #25, item 3): a site
//! whose profiles keep same-surname people apart with `distinct` in, a
//! `check --strict` without that warning out.

use crate::common;

use common::{copy_tree, write_file};
use std::path::Path;
use std::process::Command;

fn check(root: &Path) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["check", "--strict", "--root"])
        .arg(root)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const SHARED: &str = "share the surname `Costa` in this text";

#[test]
fn distinct_profiles_mark_a_shared_surname_reviewed() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic"),
        root,
        None,
    );
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check-overlay/content/sources"),
        &root.join("content/sources"),
        None,
    );
    let (_, before) = check(root);
    assert!(before.contains(SHARED), "{before}");
    // Two of the three told apart: still to review.
    write_file(
        root,
        "content/people/ana-costa.md",
        "+++\nname = \"Ana Costa\"\ndistinct = [\"Rui Costa\"]\n+++\n",
    );
    let (_, partly) = check(root);
    assert!(partly.contains(SHARED), "{partly}");
    write_file(
        root,
        "content/people/ruy-costa.md",
        "+++\nname = \"Ruy Costa\"\ndistinct = [\"Rui Costa\", \"Ana Costa\"]\n+++\n",
    );
    let (_, after) = check(root);
    assert!(!after.contains(SHARED), "{after}");
}
