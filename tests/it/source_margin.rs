//! Visible evidence on a source's page: each paragraph's number in the
//! margin, a link to itself that screen readers hear once, carrying the
//! citation to copy; both anchors (`#L12`, `#p3`) on the page; the original
//! article linked; no repository path shown to readers.

use crate::common;

use common::{write_file, write_small_site};

fn built_source_page(sidecar: &str) -> String {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write_small_site(root, "Ferries");
    write_file(root, "content/sources/2021-03-01-ferry.toml", sidecar);
    let output = common::build_public(root);
    std::fs::read_to_string(output.join("sources/2021-03-01-ferry/index.html")).unwrap()
}

#[test]
fn each_paragraph_has_a_margin_number_that_links_to_itself() {
    let html = built_source_page("");
    // The first paragraph of FERRY_SOURCE starts on line 7 of the text.
    let expected = "<div class=\"para\" id=\"L7\"><a class=\"para-link\" id=\"p1\" href=\"#L7\" \
                    data-cite=\"@source/2021-03-01-ferry#L7\" aria-label=\"Paragraph 1\" \
                    data-pagefind-ignore><span aria-hidden=\"true\">1</span></a>";
    assert!(html.contains(expected), "{html}");
    assert!(
        html.contains("id=\"L9\"") && html.contains("id=\"p2\""),
        "{html}"
    );
    // The number is outside the paragraph's text.
    let paragraph = html.split(expected).nth(1).unwrap();
    assert!(
        paragraph.trim_start().starts_with("<p>The harbour council"),
        "{paragraph}"
    );
}

#[test]
fn the_original_article_is_linked_and_no_repository_path_is_shown() {
    let html = built_source_page("url = \"https://news.example.org/2021/ferry\"\n");
    assert!(
        html.contains("<a href=\"https://news.example.org/2021/ferry\" rel=\"nofollow\">The original article</a> <span class=\"meta\">(news.example.org)</span>"),
        "{html}"
    );
    assert!(
        !html.contains("content/sources"),
        "a repository path is shown:\n{html}"
    );
}

#[test]
fn the_copy_citation_control_is_added_by_the_theme_script() {
    let script = include_str!("../../templates/assets/theme.js");
    assert!(script.contains(".para-link[data-cite]"));
    assert!(script.contains("navigator.clipboard.writeText"));
    assert!(script.contains("getAttribute(\"data-cite\") + \" \" + link.href"));
}
