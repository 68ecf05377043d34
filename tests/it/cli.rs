//! The `backstory` binary as an editor uses it: exit codes, messages that name
//! the file and line, and a failed build that leaves the previous output alone.

use crate::common;

use common::copy_tree;
use std::path::Path;
use std::process::{Command, Output};

fn backstory(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture_site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic"),
        temp.path(),
        None,
    );
    temp
}

#[test]
fn init_creates_a_site_that_builds_and_checks_clean() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("new-site");
    let dir_arg = dir.to_str().unwrap();
    let output = backstory(&["init", dir_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let check = backstory(&["check", "--root", dir_arg]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        !dir.join("public").exists(),
        "check must not write anything"
    );
    let build = backstory(&["build", "--root", dir_arg]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(dir.join("public/index.html").is_file());
    let again = backstory(&["init", dir_arg]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "init refuses a folder that is not empty"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(
        backstory(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(backstory(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_front_matter_error_names_file_line_and_key_and_keeps_the_old_output() {
    let site = fixture_site();
    let root = site.path().to_str().unwrap();
    assert!(backstory(&["build", "--root", root]).status.success());
    let before = std::fs::read(site.path().join("public/index.html")).unwrap();

    std::fs::write(
        site.path().join("content/pages/about.md"),
        "---\ntitle: About\ntitel: typo\n---\nText\n",
    )
    .unwrap();
    let output = backstory(&["build", "--root", root]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("content/pages/about.md:3"), "{message}");
    assert!(message.contains("titel"), "{message}");
    assert!(message.contains("hint:"), "{message}");
    assert_eq!(
        std::fs::read(site.path().join("public/index.html")).unwrap(),
        before,
        "the old output is untouched"
    );
    assert!(site.path().join("public/about/index.html").exists());

    let check = backstory(&["check", "--root", root]);
    assert_eq!(check.status.code(), Some(1));
    // `check` groups findings by file, each with its line.
    assert!(stderr(&check).contains("content/pages/about.md\n    line 3: "));
}

#[test]
fn check_reports_every_problem_in_one_run() {
    let site = fixture_site();
    let root = site.path().to_str().unwrap();
    std::fs::write(
        site.path().join("content/pages/about.md"),
        "+++\ntitle = 3\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/people/ana-lima.md"),
        "+++\nrole = \"x\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/events/bridge-opens.md"),
        "+++\ntitle = \"x\"\ndate = \"someday\"\n+++\n",
    )
    .unwrap();
    let output = backstory(&["check", "--root", root]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    for expected in [
        "content/pages/about.md\n    line 2: ",
        "content/people/ana-lima.md",
        "`name` is required but not given",
        "content/events/bridge-opens.md\n    line 3: ",
        "`someday` is not a date",
    ] {
        assert!(
            message.contains(expected),
            "missing {expected:?} in:\n{message}"
        );
    }
}

#[test]
fn warnings_fail_only_with_strict() {
    let site = fixture_site();
    let root = site.path().to_str().unwrap();
    std::fs::write(
        site.path().join("content/stray.txt"),
        "not part of the model",
    )
    .unwrap();
    let relaxed = backstory(&["check", "--root", root]);
    assert!(relaxed.status.success(), "{}", stderr(&relaxed));
    assert!(stderr(&relaxed).contains("\n  content/stray.txt\n"));
    let strict = backstory(&["check", "--root", root, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn the_output_may_not_replace_the_content() {
    let site = fixture_site();
    let root = site.path().to_str().unwrap();
    let content = site.path().join("content");
    let output = backstory(&[
        "build",
        "--root",
        root,
        "--output",
        content.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("output folder"),
        "{}",
        stderr(&output)
    );
    assert!(
        content.join("_index.md").is_file(),
        "the content is untouched"
    );
}
