//! A date that many sources share makes one timeline entry with many
//! citations. The entry quotes the first `[timeline] quotes` of them in full
//! and lists every one as a link; the TimelineJS slide does the same.

use backstory::build::{build_site, BuildOptions};
use std::path::Path;

/// A site of `sources` texts that all tell of one happening on the same
/// day (one person, one date: one entry), with `config` appended to `site.toml`.
fn shared_date_site(root: &Path, sources: usize, config: &str) {
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("title = \"Shared date\"\n{config}"),
    )
    .unwrap();
    for n in 0..sources {
        let text = format!(
            "Harbour note {n}\n\nBy Imaginary Clerk\n\nMarch 3, 2021\n\n\
             The port office keeps a ledger of ferries for every pier in the harbour.\n\n\
             Treasurer Orla Quennell said the ferry count for pier {n} was signed on 14 February 2021.\n\n\
             Nothing else about pier {n} changed that week.\n"
        );
        std::fs::write(root.join(format!("content/sources/note-{n:02}.txt")), text).unwrap();
    }
}

/// Options that build the site at `root` into `root/public`, search off.
fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(root.join("public")),
        no_search: true,
        ..BuildOptions::default()
    }
}

fn build(root: &Path) -> std::path::PathBuf {
    let report = build_site(&options(root)).unwrap();
    assert!(report.written, "{:?}", report.diagnostics);
    root.join("public")
}

/// The HTML of the timeline entry for 14 February 2021.
fn entry_html(output: &Path) -> String {
    let timeline = std::fs::read_to_string(output.join("timeline/index.html")).unwrap();
    let start = timeline
        .find("id=\"t-2021-02-14\"")
        .expect("the shared day has an entry");
    let end = start + timeline[start..].find("</li>\n").expect("the entry ends");
    timeline[start..end].to_string()
}

/// Builds a site of `sources` texts sharing one day (see [`shared_date_site`])
/// and returns the output folder, the folder holding both, and the entry's HTML.
fn built_entry(sources: usize, config: &str) -> (std::path::PathBuf, tempfile::TempDir, String) {
    let temp = tempfile::tempdir().unwrap();
    shared_date_site(temp.path(), sources, config);
    let output = build(temp.path());
    let entry = entry_html(&output);
    (output, temp, entry)
}

#[test]
fn an_entry_quotes_a_few_citations_and_links_them_all() {
    let (output, _temp, entry) = built_entry(7, "[timeline]\nquotes = 3\n");

    assert_eq!(
        entry.matches("<blockquote class=\"citation\">").count(),
        3,
        "{entry}"
    );
    assert!(
        entry.contains("<summary>4 more citations</summary>"),
        "the rest are announced: {entry}"
    );
    let (quotes, notes) =
        entry.split_at(entry.find("<ol class=\"notes\">").expect("a list of notes"));
    assert_eq!(
        quotes.matches("<p class=\"cite\"><a href=").count(),
        3,
        "each quote links its own source: {quotes}"
    );
    assert_eq!(
        notes.matches("<li>").count(),
        4,
        "the list holds only the citations not quoted: {notes}"
    );
    for n in 0..7 {
        assert!(
            entry.contains(&format!("sources/note-{n:02}/index.html#p")),
            "note-{n:02} is linked to its paragraph: {entry}"
        );
    }

    let slides: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("data/timelinejs.json")).unwrap())
            .unwrap();
    let slide = slides["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|slide| slide["unique_id"] == "t-2021-02-14")
        .expect("the entry has a slide");
    let text = slide["text"]["text"].as_str().unwrap();
    assert_eq!(text.matches("ferry count").count(), 3, "{text}");
    assert!(
        text.ends_with("<p><a href=\"/timeline/#t-2021-02-14\">4 more citations</a></p>"),
        "{text}"
    );
}

#[test]
fn an_entry_within_the_default_limit_quotes_every_citation() {
    let (_, _temp, entry) = built_entry(4, "");
    assert_eq!(
        entry.matches("<blockquote class=\"citation\">").count(),
        4,
        "{entry}"
    );
    assert!(!entry.contains("<details"), "{entry}");
}

#[test]
fn a_negative_quote_limit_is_an_error_naming_the_line() {
    let temp = tempfile::tempdir().unwrap();
    shared_date_site(temp.path(), 1, "\n[timeline]\nquotes = -1\n");
    let report = build_site(&options(temp.path())).unwrap();
    assert!(!report.written);
    let problem = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    let shown = problem.to_string();
    assert!(shown.contains("site.toml:4"), "{shown}");
}
