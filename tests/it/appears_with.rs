//! The "Appears with" section of a person page: the people named in the same
//! paragraphs, as links with the number of shared paragraphs, and as a
//! graph once there are at least two of them (a graph of one line tells the
//! reader nothing the single link does not).

use backstory::build::{build_site, BuildOptions};
use std::path::Path;

/// One source: a paragraph naming two people together, and a paragraph
/// naming a third person with two others.
fn write_site(root: &Path) {
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(root.join("site.toml"), "title = \"Pairs\"\n").unwrap();
    let text = "Harbour board meets\n\nBy Imaginary Clerk\n\nMarch 3, 2021\n\n\
        Treasurer Orla Quennell said the ferry ledger was complete, and harbour master Bram Tessier agreed with her.\n\n\
        The weather was mild and the ferries ran on time all week.\n\n\
        Councillor Cato Vilmore said the pier repairs would wait, while engineer Dara Wexley and surveyor Ezra Yount disagreed.\n";
    std::fs::write(root.join("content/sources/board.txt"), text).unwrap();
}

fn person_page(output: &Path, id: &str) -> String {
    std::fs::read_to_string(output.join(format!("people/{id}/index.html")))
        .unwrap_or_else(|error| panic!("people/{id}/index.html: {error}"))
}

/// The "Appears with" section of a person page.
fn appears_with(page: &str) -> &str {
    let start = page
        .find("<h2 id=\"h-with\">")
        .expect("the page has an Appears with section");
    let end = start + page[start..].find("</section>").expect("the section ends");
    &page[start..end]
}

#[test]
fn a_graph_is_drawn_only_for_two_or_more_people() {
    let temp = tempfile::tempdir().unwrap();
    write_site(temp.path());
    let output = temp.path().join("public");
    let report = build_site(&BuildOptions {
        root: temp.path().to_path_buf(),
        output: Some(output.clone()),
        no_search: true,
        ..BuildOptions::default()
    })
    .unwrap();
    assert!(report.written, "{:?}", report.diagnostics);

    let orla = person_page(&output, "orla-quennell");
    let pair = appears_with(&orla);
    assert!(pair.contains("people/bram-tessier/"), "{pair}");
    assert!(
        !pair.contains("<svg") && !pair.contains("class=\"graph\""),
        "one person is a link, not a graph: {pair}"
    );
    assert!(
        pair.contains("Named in the same paragraphs as Orla Quennell"),
        "the list says what it is without the graph's caption: {pair}"
    );

    let cato = person_page(&output, "cato-vilmore");
    let trio = appears_with(&cato);
    assert!(trio.contains("<figure class=\"graph\"><svg"), "{trio}");
    assert!(
        trio.contains("people/dara-wexley/") && trio.contains("people/ezra-yount/"),
        "{trio}"
    );
    assert!(!trio.contains("Named in the same paragraphs as"), "{trio}");
}
