//! The editor's workflow: cross-references written by hand in Markdown,
//! the `new` commands, `check` and its findings, and the guide's worked example.

mod common;

use backstory::build::{build_site, BuildOptions};
use common::copy_tree;
use std::path::Path;

fn fixture_site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic"),
        temp.path(),
        None,
    );
    temp
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build(root: &Path) -> backstory::build::BuildReport {
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    build_site(&options).unwrap()
}

const SOURCE: &str = "2021-03-02-harbour-daily-bridge-opens";

#[test]
fn cross_references_resolve_to_relative_urls() {
    let site = fixture_site();
    let root = site.path();
    write(
        root,
        "content/pages/refs.md",
        &format!(
            "+++\ntitle = \"References\"\n+++\n\n\
             [The mayor](@person/ana-lima) opened it, as [the report](@source/{SOURCE}#p2) says.\n\
             On [@2021-03-01], in [@2018], [@person/paulo-reis], [about](@page/about \"About us\"), \
             [@date/2021-03], [@page/timeline], [all of it](@source/{SOURCE}).\n\
             Ana Lima is linked once.\n"
        ),
    );
    let report = build(root);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let html = std::fs::read_to_string(root.join("public/refs/index.html")).unwrap();
    let expected = [
        "<a class=\"person\" href=\"../people/ana-lima/\">The mayor</a>",
        &format!("<a class=\"source\" href=\"../sources/{SOURCE}/#p2\">the report</a>"),
        "<a class=\"date\" href=\"../timeline/#t-2021-03-01\">1 March 2021</a>",
        "<a class=\"date\" href=\"../timeline/2018/\">2018</a>",
        "<a class=\"person\" href=\"../people/paulo-reis/\">Paulo Reis</a>",
        "<a class=\"page\" href=\"../about/\" title=\"About us\">about</a>",
        "<a class=\"date\" href=\"../timeline/2021/\">March 2021</a>",
        "<a class=\"page\" href=\"../timeline/\">Timeline</a>",
        &format!("<a class=\"source\" href=\"../sources/{SOURCE}/\">all of it</a>"),
        "Ana Lima is linked once.",
    ];
    for needle in expected {
        assert!(html.contains(needle), "missing {needle}\nin {html}");
    }
}

#[test]
fn cross_references_to_nothing_fail_the_build_with_file_line_and_hint() {
    let site = fixture_site();
    let root = site.path();
    std::fs::remove_dir_all(root.join("public")).ok();
    write(
        root,
        "content/pages/broken.md",
        &format!(
            "+++\ntitle = \"Broken\"\n+++\n\n\
             Text [x](@person/lima) here.\n\
             [y](@source/{SOURCE}#p99)\n\
             [@2030-01-01]\n\
             [z](@page/abut)\n\
             [w](@thing/x)\n\
             [@2021-02-30]\n\
             [v](@source/harbour-daily)\n"
        ),
    );
    let report = build(root);
    let shown: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    let file = "content/pages/broken.md";
    let expected = vec![
        format!("error: {file}:5: no person has the id `lima`\n  hint: did you mean `ana-lima`?"),
        format!(
            "error: {file}:6: source `{SOURCE}` has no paragraph `#p99`\n  \
             hint: its paragraphs are `#p1` to `#p2`, counted from the top of its page"
        ),
        format!(
            "error: {file}:7: no timeline entry or year page for 2030-01-01\n  \
             hint: the nearest dates on the timeline: `2021-04-09`, `2021-03-01`, `2018`; \
             or add an event in content/events/ for this date"
        ),
        format!("error: {file}:8: no page has the id `abut`\n  hint: did you mean `about`?"),
        format!(
            "error: {file}:9: `@thing/x` is not a cross-reference Backstory knows\n  \
             hint: write `@person/ID`, `@source/ID` (optionally `#p3`), `@page/ID`, \
             `@date/2020-01-05` or just `@2020-01-05`"
        ),
        format!(
            "error: {file}:10: `2021-02-30` is not a date\n  \
             hint: write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example `@2020-01-05`"
        ),
        format!(
            "error: {file}:11: no source has the id `harbour-daily`\n  \
             hint: did you mean `{SOURCE}`?"
        ),
    ];
    assert_eq!(shown, expected);
    assert!(!report.written);
    assert!(
        !root.join("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn cross_references_in_profiles_and_events_are_checked_too() {
    let site = fixture_site();
    let root = site.path();
    write(
        root,
        "content/people/rui-costa.md",
        "+++\nname = \"Rui Costa\"\n+++\n\nOpposes [the toll](@source/nope).\n",
    );
    write(
        root,
        "content/events/toll-vote.md",
        "+++\ntitle = \"Toll vote\"\ndate = 2021-05-01\n+++\n\nSee [@person/rui-costa] and [@person/ruy-costa].\n",
    );
    let report = build(root);
    let shown: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}: {}",
                d.file.display(),
                d.line.unwrap_or(0),
                d.message
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            "content/events/toll-vote.md:6: no person has the id `ruy-costa`",
            "content/people/rui-costa.md:5: no source has the id `nope`",
        ]
    );
}
