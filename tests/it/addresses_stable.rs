//! Addresses and anchors that edits must not move: a small site is linked,
//! edited in ways that have nothing to do with a person or a paragraph
//! (a source's date, its sidecar, another source, a `drop` or `keep` line,
//! a sentence added elsewhere), and linked again; the person's page id and
//! the paragraph's anchor must stay what they were.

use crate::common;

use backstory::link::Site;
use common::write_file;
use std::path::Path;

fn link(root: &Path) -> Site {
    let content = backstory::load::load(root, false).unwrap();
    backstory::build::link_content(content).0
}

/// The page id of the person the sources call `name` (in any spelling).
fn person_id(root: &Path, name: &str) -> String {
    let site = link(root);
    let person = site
        .people
        .iter()
        .find(|p| p.name == name || p.aliases.iter().any(|a| a == name))
        .unwrap_or_else(|| {
            let names: Vec<_> = site.people.iter().map(|p| &p.name).collect();
            panic!("no {name} among {names:?}")
        });
    person.id.clone()
}

fn source(title: &str, date: &str, paragraphs: &[&str]) -> String {
    format!("{title}\n\n{date}\n\n{}\n", paragraphs.join("\n\n"))
}

/// Two sources give one banker two spellings, one each: which is "most
/// used" or "seen first" depends on the sources' order, that is their dates.
fn banker_site(root: &Path) {
    write_file(root, "site.toml", "title = \"Banks\"\n");
    write_file(
        root,
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nBanks.\n",
    );
    write_file(
        root,
        "content/sources/a.txt",
        source(
            "Bank chief steps down",
            "Monday 1 March 2021",
            &[
                "Bank chief Kenneth Lewis resigned on Monday, the board said.",
                "Kenneth Lewis led the bank for eight years.",
            ],
        ),
    );
    write_file(
        root,
        "content/sources/b.txt",
        source(
            "Board names a new chief",
            "Tuesday 2 March 2021",
            &[
                "Photo: the bank's tower at dusk.",
                "The board thanked Ken Lewis on Tuesday and named his successor.",
                "Ken Lewis said he would stay on as an adviser.",
            ],
        ),
    );
}

#[test]
fn a_person_s_address_survives_dates_sidecars_other_sources_and_drop_lines() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    banker_site(root);
    let id = person_id(root, "Kenneth Lewis");
    assert_eq!(id, "kenneth-lewis", "the fullest spelling names the page");
    let edits: [(&str, &str); 4] = [
        // The older source becomes the newer one.
        ("content/sources/a.toml", "date = 2021-03-05\n"),
        // A sidecar that says nothing about him.
        (
            "content/sources/b.toml",
            "title = \"A new chief\"\npublication = \"Bank News\"\n",
        ),
        // A line dropped before his paragraphs.
        (
            "content/sources/b.toml",
            "drop = [\"Photo: the bank's tower at dusk.\"]\n",
        ),
        // Another source, naming him in the short form only, and someone else.
        (
            "content/sources/c.txt",
            &source(
                "Adviser joins panel",
                "Friday 5 March 2021",
                &["Ken Lewis and Maria Okafor joined the panel on Friday."],
            ),
        ),
    ];
    for (file, text) in edits {
        write_file(root, file, text);
        assert_eq!(person_id(root, "Ken Lewis"), id, "after writing {file}");
    }
}

#[test]
fn a_profile_names_the_page_whatever_the_sources_call_the_person() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    banker_site(root);
    write_file(
        root,
        "content/people/lewis.md",
        "+++\nname = \"Ken Lewis\"\naliases = [\"Kenneth Lewis\"]\n+++\nA banker.\n",
    );
    assert_eq!(person_id(root, "Kenneth Lewis"), "lewis");
    write_file(root, "content/sources/a.toml", "date = 2021-03-05\n");
    assert_eq!(person_id(root, "Kenneth Lewis"), "lewis");
}

/// The anchor of the block whose text starts with `start` in source `id`.
fn anchor_of(root: &Path, id: &str, start: &str) -> String {
    let site = link(root);
    let source = site.sources.iter().find(|s| s.id == id).unwrap();
    let blocks = &source.article.blocks;
    let at = blocks
        .iter()
        .position(|b| b.text.starts_with(start))
        .unwrap_or_else(|| panic!("no block starts with {start:?}"));
    backstory::anchor::line_anchor(blocks, at)
}

#[test]
fn a_paragraph_keeps_its_anchor_when_lines_before_it_are_dropped_or_kept() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    banker_site(root);
    let wanted = "Ken Lewis said he would stay";
    let anchor = anchor_of(root, "b", wanted);
    assert!(anchor.starts_with('L'), "{anchor}");
    let positional = {
        let site = link(root);
        let source = site.sources.iter().find(|s| s.id == "b").unwrap();
        source
            .article
            .blocks
            .iter()
            .position(|b| b.text.starts_with(wanted))
    };
    write_file(
        root,
        "content/sources/b.toml",
        "drop = [\"Photo: the bank's tower at dusk.\"]\n",
    );
    assert_eq!(anchor_of(root, "b", wanted), anchor, "after a drop line");
    let moved = {
        let site = link(root);
        let source = site.sources.iter().find(|s| s.id == "b").unwrap();
        source
            .article
            .blocks
            .iter()
            .position(|b| b.text.starts_with(wanted))
    };
    assert_ne!(positional, moved, "the drop line did move its position");
    write_file(
        root,
        "content/sources/b.toml",
        "keep = [\"Tuesday 2 March 2021\"]\n",
    );
    assert_eq!(anchor_of(root, "b", wanted), anchor, "after a keep line");
    // A sentence added to the paragraph before, on its own line of the text.
    let text = std::fs::read_to_string(root.join("content/sources/b.txt")).unwrap();
    let text = text.replace("named his successor.", "named his successor. Shares rose.");
    write_file(root, "content/sources/b.txt", text);
    assert_eq!(
        anchor_of(root, "b", wanted),
        anchor,
        "after a sentence added elsewhere"
    );
}

#[test]
fn a_citation_by_line_links_the_same_paragraph_after_a_drop_line() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    banker_site(root);
    let anchor = anchor_of(root, "b", "Ken Lewis said he would stay");
    write_file(
        root,
        "content/pages/notes.md",
        format!("+++\ntitle = \"Notes\"\n+++\nHe [stayed on](@source/b#{anchor}).\n"),
    );
    let built = |root: &Path| {
        let output = common::build_public(root);
        let page = std::fs::read_to_string(output.join("notes/index.html")).unwrap();
        let source = std::fs::read_to_string(output.join("sources/b/index.html")).unwrap();
        (page, source)
    };
    let (page, source) = built(root);
    let href = format!("sources/b/index.html#{anchor}\"");
    assert!(page.contains(&href), "{page}");
    let paragraph = |html: &str| {
        let start = html
            .find(&format!("id=\"{anchor}\""))
            .expect("the anchor is on the page");
        html[start..].split("</div>").next().unwrap().to_string()
    };
    let before = paragraph(&source);
    assert!(before.contains("stay on as an adviser"), "{before}");
    write_file(
        root,
        "content/sources/b.toml",
        "drop = [\"Photo: the bank's tower at dusk.\"]\n",
    );
    let (page, source) = built(root);
    assert!(page.contains(&href), "{page}");
    assert!(paragraph(&source).contains("stay on as an adviser"));
}
