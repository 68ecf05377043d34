//! `backstory new person` warns when the name is already a profile's name
//! or alias (issue #25, item 3): a site with profiles in, the warning out.

use crate::common;

use common::write_file;
use std::process::Command;

fn new_person(root: &std::path::Path, name: &str) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["new", "person", name, "--root"])
        .arg(root)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn new_person_warns_about_a_name_or_alias_a_profile_has() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write_file(
        root,
        "content/people/quill.md",
        "+++\nname = \"Orsolya Quill\"\naliases = [\"Orsi Quill\"]\n+++\n",
    );
    write_file(root, "content/people/broken.md", "no front matter");
    let (code, _, err) = new_person(root, "Orsi  Quill");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "warning: content/people/quill.md already has \"Orsi Quill\" as its alias, so the \
         sources' mentions of it go to that profile; edit that one instead and delete \
         content/people/orsi-quill.md\n"
    );
    let (code, _, err) = new_person(root, "orsolya quill");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("content/people/quill.md already has \"orsolya quill\" as its name"),
        "{err}"
    );
    let (code, _, err) = new_person(root, "Tamsin Quill");
    assert_eq!(code, 0);
    assert_eq!(err, "");
}
