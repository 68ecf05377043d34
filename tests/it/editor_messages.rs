//! Messages an editor meets, in an editor's words: front matter and sidecar
//! values of the wrong kind, dates the calendar does not have, links to
//! drafts and to dates the timeline does not reach; and `new event`.

use crate::common;

use common::{write_file, write_small_site};
use std::path::Path;
use std::process::Command;

/// Runs the binary in `root`; its exit code and standard error.
fn run(root: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(args)
        .current_dir(root)
        .output()
        .expect("the binary runs");
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), err)
}

fn site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    write_small_site(temp.path(), "Harbour");
    write_file(
        temp.path(),
        "site.toml",
        "title = \"Harbour\"\nbase_url = \"https://harbour.example/\"\n",
    );
    temp
}

/// `check`'s output for a site with one page file of `front matter + body`.
fn check_page(page: &str) -> String {
    let site = site();
    write_file(site.path(), "content/pages/glossary.md", page);
    let (code, err) = run(site.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    err
}

#[test]
fn values_of_the_wrong_kind_are_named_with_the_fix() {
    let err = check_page("+++\ntitle = \"Glossary\"\nweight = \"10\"\n+++\nTerms.\n");
    assert!(
        err.contains(
            "line 3: invalid front matter: `weight` must be a whole number, not the text \"10\""
        ),
        "{err}"
    );
    assert!(err.contains("write `weight = 10`, without quotes"), "{err}");
    assert!(!err.contains("i64"), "{err}");

    let err = check_page("---\ntitle: Glossary\ndraft: maybe\n---\nTerms.\n");
    assert!(err.contains("`draft` must be true or false"), "{err}");
    assert!(
        err.contains("write `draft: true` or `draft: false`"),
        "{err}"
    );
    assert!(!err.contains("boolean"), "{err}");

    let err = check_page("+++\ntitle = \"Glossary\"\nweight = ten\n+++\nTerms.\n");
    assert!(
        err.contains("`weight = ten` is neither a number nor text in quotes"),
        "{err}"
    );
    assert!(err.contains("write it in digits"), "{err}");
}

#[test]
fn a_colon_in_a_yaml_title_is_told_to_be_quoted() {
    let err = check_page("---\ntitle: Glossary: terms\n---\nTerms.\n");
    assert!(err.contains("line 2:"), "{err}");
    assert!(
        err.contains("put the value in quotes: `title: \"Glossary: terms\"`"),
        "{err}"
    );
    assert!(!err.contains("mapping values"), "{err}");
}

#[test]
fn dates_the_calendar_lacks_say_why() {
    let err = check_page("+++\ntitle = \"Glossary\"\ndate = 2018-9-15\n+++\nTerms.\n");
    assert!(
        err.contains("`2018-9-15` is not written as YYYY-MM-DD"),
        "{err}"
    );
    assert!(err.contains("`date = 2018-09-15`"), "{err}");

    let site = site();
    write_file(
        site.path(),
        "content/sources/2021-03-01-ferry.toml",
        "date = 2018-02-30\n",
    );
    let (code, err) = run(site.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("`2018-02-30` is not a date: February 2018 has 28 days"),
        "{err}"
    );
    assert!(!err.contains("date-time"), "{err}");

    write_file(
        site.path(),
        "content/sources/2021-03-01-ferry.toml",
        "date = \"2018-9-15\"\n",
    );
    let (_, err) = run(site.path(), &["check"]);
    assert!(
        err.contains("write the publication date as YYYY-MM-DD: date = 2018-09-15"),
        "{err}"
    );

    write_file(site.path(), "content/sources/2021-03-01-ferry.toml", "");
    write_file(
        site.path(),
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nOn [@2021-09-31].\n",
    );
    let (_, err) = run(site.path(), &["check"]);
    assert!(
        err.contains("`2021-09-31` is not a date: September has 30 days"),
        "{err}"
    );
}

#[test]
fn a_wrong_sidecar_date_is_not_echoed_as_a_missing_one() {
    let site = site();
    write_file(
        site.path(),
        "content/sources/ferry.txt",
        "Ferry returns\n\nThe ferry came back on Monday.\n",
    );
    let (_, before) = run(site.path(), &["check"]);
    assert!(before.contains("no publication date found"), "{before}");
    for sidecar in ["date = \"2018-9-15\"\n", "date = 2018-02-30\n"] {
        write_file(site.path(), "content/sources/ferry.toml", sidecar);
        let (code, err) = run(site.path(), &["check"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("content/sources/ferry.toml"), "{err}");
        assert!(
            !err.contains("no publication date found"),
            "{sidecar}: {err}"
        );
    }
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    let site = site();
    write_file(
        site.path(),
        "content/pages/plans.md",
        "+++\ntitle = \"Plans\"\ndraft = true\n+++\nLater.\n",
    );
    write_file(
        site.path(),
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nSee [the plans](@page/plans).\n",
    );
    let (code, err) = run(site.path(), &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("`plans` is a draft (content/pages/plans.md says draft = true)"),
        "{err}"
    );
    assert!(err.contains("backstory build --drafts"), "{err}");
    let (code, err) = run(site.path(), &["build", "--drafts"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_historical_date_link_explains_what_it_needs_and_new_event_supplies_it() {
    let site = site();
    write_file(
        site.path(),
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nUnlike [@1929-10-29].\n",
    );
    let (code, err) = run(site.path(), &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("nothing on it is in 1929"), "{err}");
    assert!(err.contains("backstory new event"), "{err}");
    assert!(!err.contains("nearest dates"), "{err}");
    // A date a few years off is more likely a slip: the nearest are offered.
    write_file(
        site.path(),
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nOn [@2019-05-01].\n",
    );
    let (code, err) = run(site.path(), &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the nearest dates on the timeline: `2021-03-01`"),
        "{err}"
    );
    write_file(
        site.path(),
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nUnlike [@1929-10-29].\n",
    );

    let (code, err) = run(
        site.path(),
        &[
            "new",
            "event",
            "Wall Street crash",
            "--date",
            "1929-10-29",
            "--source",
            "2021-03-01-ferry",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text =
        std::fs::read_to_string(site.path().join("content/events/wall-street-crash.md")).unwrap();
    assert!(text.contains("date = \"1929-10-29\""), "{text}");
    assert!(text.contains("sources = [\"2021-03-01-ferry\"]"), "{text}");
    let (code, err) = run(site.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    let year =
        std::fs::read_to_string(site.path().join("public/timeline/1929/index.html")).unwrap();
    assert!(
        year.contains("Wall Street crash"),
        "the event is on its year page"
    );
}

#[test]
fn new_event_refuses_what_the_build_would_refuse() {
    let site = site();
    let root = site.path();
    let (code, err) = run(root, &["new", "event", "Crash", "--date", "1929-10-32"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`1929-10-32` is not a date: October has 31 days"),
        "{err}"
    );
    let (code, err) = run(
        root,
        &["new", "event", "Era", "--date", "2019-03", "--end", "2018"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("would end (2018) before it starts (2019-03)"),
        "{err}"
    );
    let (code, err) = run(
        root,
        &[
            "new",
            "event",
            "Ferry",
            "--date",
            "2021",
            "--source",
            "2021-03-01-fery",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `2021-03-01-ferry`?"), "{err}");
    assert!(
        !root.join("content/events").exists()
            || std::fs::read_dir(root.join("content/events"))
                .unwrap()
                .count()
                == 0
    );

    let (code, err) = run(
        root,
        &[
            "new",
            "event",
            "Ferry years",
            "--date",
            "2019",
            "--end",
            "2021",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(root.join("content/events/ferry-years.md")).unwrap();
    assert!(text.contains("end = \"2021\""), "{text}");
    let (code, err) = run(root, &["new", "event", "Ferry years", "--date", "2019"]);
    assert_eq!(code, 1);
    assert!(err.contains("--slug ferry-years-2"), "{err}");
}

#[test]
fn init_says_what_it_made_and_empty_leaves_out_the_examples() {
    let temp = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["init", "harbour", "--empty"])
        .current_dir(temp.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("site.toml"), "{out}");
    assert!(out.contains("content/_index.md"), "{out}");
    assert!(!out.contains("example"), "{out}");
    let root = temp.path().join("harbour");
    assert_eq!(
        std::fs::read_dir(root.join("content/sources"))
            .unwrap()
            .count(),
        0
    );
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 0, "an empty site builds: {err}");
    let (code, err) = run(temp.path(), &["init", "full"]);
    assert_eq!(code, 0, "{err}");
    assert!(temp.path().join("full/content/pages/about.md").is_file());
}
