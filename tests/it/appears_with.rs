//! The "Appears with" section of a person page: the people named in the same
//! paragraphs, as a ranked list of links, each with the number of paragraphs
//! shared, and never a decorative star graph (it repeated the list with
//! unreadable labels and nodes that were not links).

use crate::common::SiteTest;

/// One source: a paragraph naming two people together, a paragraph naming
/// a third person with two others, and one naming that third person with
/// one of them again.
const TEXT: &str = "Harbour board meets\n\nBy Imaginary Clerk\n\nMarch 3, 2021\n\n\
    Treasurer Orla Quennell said the ferry ledger was complete, and harbour master Bram Tessier agreed with her.\n\n\
    The weather was mild and the ferries ran on time all week.\n\n\
    Councillor Cato Vilmore said the pier repairs would wait, while engineer Dara Wexley and surveyor Ezra Yount disagreed.\n\n\
    Vilmore later thanked Wexley for the survey of the north pier.\n";

/// The "Appears with" section of a person page.
fn appears_with(page: &str) -> &str {
    let start = page
        .find("<h2 id=\"h-with\">")
        .expect("the page has an Appears with section");
    let end = start + page[start..].find("</section>").expect("the section ends");
    &page[start..end]
}

#[test]
fn appears_with_is_a_ranked_list_of_links_with_counts() {
    let built = SiteTest::new().source("board", TEXT).build();

    let orla = built.read("people/orla-quennell/index.html");
    let pair = appears_with(&orla);
    assert!(pair.contains("people/bram-tessier/"), "{pair}");
    assert!(
        pair.contains("Named in the same paragraphs as Orla Quennell"),
        "the list says what it is: {pair}"
    );

    let cato = built.read("people/cato-vilmore/index.html");
    let trio = appears_with(&cato);
    assert!(
        !trio.contains("<svg") && !trio.contains("class=\"graph\""),
        "{trio}"
    );
    let dara = trio
        .find("people/dara-wexley/")
        .expect("Dara Wexley is listed");
    let ezra = trio
        .find("people/ezra-yount/")
        .expect("Ezra Yount is listed");
    assert!(dara < ezra, "two shared paragraphs rank above one: {trio}");
    assert!(
        trio.contains("shared paragraphs: </span>2</span>"),
        "the count is given: {trio}"
    );
}
