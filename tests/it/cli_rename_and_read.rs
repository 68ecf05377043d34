//! `backstory new source` says what it read, and `backstory rename source`
//! moves a source and rewrites the references to it: a temporary site in,
//! the command's output and the files after it checked.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn backstory(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn new_source_prints_what_it_read_and_its_doubts() {
    let site = tempfile::tempdir().unwrap();
    common::write_small_site(site.path(), "Read");
    let text = site.path().join("pasted.txt");
    std::fs::write(
        &text,
        "Home\nNews\nSearch\nLocal\nFerry pier to close for two years of repairs\n\
         By Mirela Sandoval | Harbour Weekly | 3 October 2008\n\n\
         The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck.\n\
         Commuters who relied on the early boat will be offered a shuttle bus, the authority said on Tuesday evening.\n\
         Shop owners near the pier said they feared losing customers during the works, and several asked the council to lower their rates until the ferry returns.\n\
         Contact us\nPrivacy policy\n",
    )
    .unwrap();
    let output = backstory(site.path(), &["new", "source", text.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let out = stdout(&output);
    for expected in [
        "title: \"Ferry pier to close for two years of repairs\"",
        "publication: \"Harbour Weekly\"",
        "date: 2008-10-03",
        "authors: \"Mirela Sandoval\"",
        "removed 7 of 11 lines",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!out.contains("unsure"), "{out}");

    // A page whose only headline-like line is a label: said to be unsure.
    let label = site.path().join("label.txt");
    std::fs::write(
        &label,
        "Search\n\nThe harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck.\n",
    )
    .unwrap();
    let out = stdout(&backstory(
        site.path(),
        &["new", "source", label.to_str().unwrap()],
    ));
    assert!(
        out.contains("title: none found") || out.contains("unsure"),
        "{out}"
    );
}

#[test]
fn rename_moves_the_files_and_rewrites_references() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    common::write_small_site(root, "Rename");
    common::write_file(
        root,
        "content/sources/2021-03-01-ferry.toml",
        "title = \"Ferry\"\n",
    );
    common::write_file(
        root,
        "content/pages/notes.md",
        "+++\ntitle = \"Notes\"\n+++\nSee [the story](@source/2021-03-01-ferry#p1) and @source/2021-03-01-ferry-2.\n",
    );
    common::write_file(
        root,
        "content/events/route.md",
        "+++\ntitle = \"Route approved\"\ndate = \"2021-03-01\"\nsources = [\"2021-03-01-ferry\"]\n+++\nApproved.\n",
    );
    let output = backstory(
        root,
        &[
            "rename",
            "source",
            "2021-03-01-ferry",
            "Ferry route approved",
        ],
    );
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout(&output).contains("/sources/ferry-route-approved/"),
        "{}",
        stdout(&output)
    );
    assert!(!root.join("content/sources/2021-03-01-ferry.txt").exists());
    assert!(root
        .join("content/sources/ferry-route-approved.txt")
        .exists());
    assert!(root
        .join("content/sources/ferry-route-approved.toml")
        .exists());
    let notes = std::fs::read_to_string(root.join("content/pages/notes.md")).unwrap();
    assert!(notes.contains("@source/ferry-route-approved#p1"), "{notes}");
    assert!(
        notes.contains("@source/2021-03-01-ferry-2."),
        "another source's link changed: {notes}"
    );
    let event = std::fs::read_to_string(root.join("content/events/route.md")).unwrap();
    assert!(
        event.contains("sources = [\"ferry-route-approved\"]"),
        "{event}"
    );
    let build = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["build", "--quiet", "--no-search", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(build.status.success(), "{build:?}");

    // A taken name changes nothing.
    common::write_file(root, "content/sources/taken.txt", "Taken\n\nA text.\n");
    let refused = backstory(root, &["rename", "source", "ferry-route-approved", "taken"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(root
        .join("content/sources/ferry-route-approved.txt")
        .exists());
}
