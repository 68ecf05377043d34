//! Citations that stay true: `backstory cite` records the first words of
//! each cited paragraph and points the citation at its stable anchor;
//! `backstory check` then reports a citation whose paragraph changed or
//! vanished, with the recorded and the present words.

use crate::common;

use backstory::diag::Diagnostic;
use common::{write_file, SiteTest};
use std::path::Path;

const SOURCE: &str = "Bank chief steps down\n\nMonday 1 March 2021\n\n\
Photo: the bank's tower at dusk.\n\n\
Bank chief Kenneth Lewis resigned on Monday, the board said in a statement.\n\n\
Lewis led the bank for eight years and oversaw its largest takeover.\n\n\
The board will name a successor within a month, its chair said.\n";

fn site() -> SiteTest {
    SiteTest::new()
        .config("title = \"Banks\"\n")
        .file(
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nSee [notes](@page/notes).\n",
        )
        .source("bank", SOURCE)
        .page(
            "notes",
            "+++\ntitle = \"Notes\"\n+++\nHe [ran it](@source/bank#p3) for years.\n",
        )
}

fn citation_findings(site: &SiteTest) -> Vec<Diagnostic> {
    site.check()
        .into_iter()
        .filter(|d| d.message.contains("cites"))
        .collect()
}

fn notes(root: &Path) -> String {
    std::fs::read_to_string(root.join("content/pages/notes.md")).unwrap()
}

#[test]
fn cite_records_the_first_words_and_the_stable_anchor_once() {
    let site = site();
    let root = site.root();
    let output = site.run(&["cite"]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout)
        .contains("updated content/pages/notes.md (1 citation)"));
    assert!(
        notes(root)
            .contains("[ran it](@source/bank#L9 \"Lewis led the bank for eight years and…\")"),
        "{}",
        notes(root)
    );
    let before = notes(root);
    let again = site.run(&["cite"]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("already"),
        "{again:?}"
    );
    assert_eq!(notes(root), before, "a second run changes nothing");
    assert!(citation_findings(&site).is_empty());
}

#[test]
fn a_numbered_citation_that_a_drop_line_moves_is_reported_with_both_texts() {
    let site = site();
    let root = site.root();
    write_file(
        root,
        "content/pages/notes.md",
        "+++\ntitle = \"Notes\"\n+++\nHe [ran it](@source/bank#p3 \"Lewis led the bank for eight years\") for years.\n",
    );
    assert!(
        citation_findings(&site).is_empty(),
        "the paragraph still reads so"
    );
    write_file(
        root,
        "content/sources/bank.toml",
        "drop = [\"Photo: the bank's tower at dusk.\"]\n",
    );
    let findings = citation_findings(&site);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let finding = &findings[0];
    assert_eq!(finding.file, Path::new("content/pages/notes.md"));
    assert_eq!(finding.line, Some(4));
    assert!(
        finding
            .message
            .contains("it read “Lewis led the bank for eight years”"),
        "{finding:?}"
    );
    assert!(
        finding
            .message
            .contains("it now reads “The board will name a successor"),
        "{finding:?}"
    );
    assert!(
        finding
            .hint
            .as_deref()
            .unwrap()
            .contains("`@source/bank#L9`"),
        "{finding:?}"
    );
}

#[test]
fn a_cited_paragraph_whose_text_changed_is_reported() {
    let site = site();
    let root = site.root();
    assert!(site.run(&["cite"]).status.success());
    write_file(
        root,
        "content/sources/bank.txt",
        SOURCE.replace(
            "Lewis led the bank for eight years",
            "Lewis ran the bank for a decade",
        ),
    );
    let findings = citation_findings(&site);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0]
        .message
        .contains("it now reads “Lewis ran the bank for a decade"));
    assert!(findings[0].message.contains("it read “Lewis led the bank"));
}

#[test]
fn a_cited_paragraph_that_vanished_is_reported_with_its_words() {
    let site = site();
    let root = site.root();
    assert!(site.run(&["cite"]).status.success());
    write_file(
        root,
        "content/sources/bank.toml",
        "drop = [\"Lewis led the bank for eight years and oversaw its largest takeover.\"]\n",
    );
    let findings = citation_findings(&site);
    let gone = findings
        .iter()
        .find(|d| d.message.contains("is gone"))
        .unwrap_or_else(|| panic!("{findings:?}"));
    assert!(
        gone.message.contains("it read “Lewis led the bank"),
        "{gone:?}"
    );
}

#[test]
fn edits_elsewhere_leave_a_recorded_citation_true() {
    let site = site();
    let root = site.root();
    assert!(site.run(&["cite"]).status.success());
    write_file(
        root,
        "content/sources/bank.toml",
        "drop = [\"Photo: the bank's tower at dusk.\"]\n",
    );
    write_file(
        root,
        "content/sources/bank.txt",
        SOURCE.replace(
            "within a month, its chair said.",
            "within a month, its chair said. Shares fell.",
        ),
    );
    assert!(
        citation_findings(&site).is_empty(),
        "{:?}",
        citation_findings(&site)
    );
}
