//! A paragraph hard-wrapped once in text that is otherwise one block per
//! line: the wrapped lines are one paragraph of the article, not page text
//! above it, while a menu or a dek on the line above the article stays
//! apart. Every name and sentence here is made up.

use backstory::clean::{clean, Article, CleanOptions};

fn cleaned(text: &str) -> Article {
    clean(text, &CleanOptions::default())
}

fn paragraphs(article: &Article) -> Vec<&str> {
    article
        .blocks
        .iter()
        .map(|block| block.text.as_str())
        .collect()
}

#[test]
fn a_first_paragraph_wrapped_once_is_kept_whole() {
    let text = "An example source\n\nJane Doe, Monday 6 Jan 2025\n\n\
        The city council met on Friday to discuss the new bridge, council member\n\
        John Smith said.\n\n\
        \"We will decide in March,\" Smith told reporters.\n";
    let article = cleaned(text);
    assert_eq!(
        paragraphs(&article),
        [
            "The city council met on Friday to discuss the new bridge, council member John Smith said.",
            "\"We will decide in March,\" Smith told reporters.",
        ],
        "removed: {:?}",
        article.removed
    );
    assert_eq!(article.title.as_deref(), Some("An example source"));
}

#[test]
fn a_paragraph_wrapped_once_among_long_lines_is_one_paragraph() {
    let text = "Menu\nSearch\nFerry pier to close for two years\n\n\
        The harbour authority voted on Tuesday to close the old ferry pier for\n\
        two years while engineers rebuild its deck.\n\n\
        Commuters who relied on the early boat will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n\n\
        Shop owners near the pier said they feared losing customers during the works, and several asked the council to lower their rates until the ferry returns in the spring.\n\n\
        Engineers expect the new deck to last fifty years, the authority added, and the pier will reopen with a wider landing for bicycles and a shelter for passengers.\n";
    let article = cleaned(text);
    let kept = paragraphs(&article);
    assert_eq!(
        kept.first().copied(),
        Some("The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its deck."),
        "removed: {:?}",
        article.removed
    );
    assert_eq!(kept.len(), 4);
}

#[test]
fn a_menu_above_the_article_is_not_joined_to_it() {
    let text = "Home News Sport Business Culture Travel Weather Video Opinion\n\
        The harbour authority voted on Tuesday to close the old ferry pier for two years.\n\n\
        Commuters who relied on the early boat will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n";
    let article = cleaned(text);
    assert!(
        !paragraphs(&article)
            .iter()
            .any(|text| text.contains("Weather")),
        "{:?}",
        paragraphs(&article)
    );
}
