//! Lines a copied web page sets inside or after the article that link
//! elsewhere: a "Continue reading the main story" break in the text, and
//! other stories' summaries ending in "Read More". Every outlet, name and
//! sentence here is made up.

use backstory::clean::{clean, Article, CleanOptions};

fn cleaned(text: &str) -> Article {
    clean(text, &CleanOptions::default())
}

fn body(article: &Article) -> String {
    let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    texts.join("\n")
}

const OPENING: &str = "The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck, ending a crossing that has run since the town was founded.\n";
const REST: &str = "Commuters who relied on the early ferry will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n\
Shop owners near the pier said they feared losing customers during the works, and several asked the council to lower their rates until the ferry returns in the spring of next year.\n";

#[test]
fn a_break_inside_the_article_is_dropped_and_the_text_kept() {
    for break_line in [
        "Continue reading the main story",
        "Story continues below advertisement",
    ] {
        let text = format!(
            "Home\nFerry pier to close for two years\n{OPENING}{break_line}\n{REST}About us\n"
        );
        let article = cleaned(&text);
        let kept = body(&article);
        assert!(!kept.contains(break_line), "{break_line}: {kept}");
        assert!(kept.contains("The harbour authority voted"), "{kept}");
        assert!(kept.contains("Shop owners near the pier"), "{kept}");
    }
}

#[test]
fn summaries_ending_in_read_more_are_teasers() {
    let teasers = "Council delays the library vote\n\
        The council put off its vote on the new library for a third time, saying that the budget for the building was not yet settled. Read More\n\
        Choir wins a national prize\n\
        The singers from the valley school beat forty other choirs in the final round held in the capital on Saturday evening. Read more »\n\
        Storm closes the coast road\n\
        Crews worked through the night to clear fallen trees, and the road reopened to traffic early on Sunday morning. Read More\n";
    // A blurb about the outlet under the teasers, which reads as prose.
    let blurb = "The Harbour Courier has reported on the town, its port and its coast since the first ferry sailed.\n";
    let text = format!(
        "Home\nFerry pier to close for two years\n{OPENING}{REST}{teasers}{blurb}About us\n"
    );
    let kept = body(&cleaned(&text));
    assert!(kept.contains("Shop owners near the pier"), "{kept}");
    assert!(!kept.contains("put off its vote"), "{kept}");
    assert!(!kept.contains("forty other choirs"), "{kept}");
    // A blog's front page: the latest posts' summaries above the post.
    let text = format!(
        "Home\nLatest posts\n{teasers}Ferry pier to close for two years\n{OPENING}{REST}About us\n"
    );
    let kept = body(&cleaned(&text));
    assert!(kept.contains("Shop owners near the pier"), "{kept}");
    assert!(!kept.contains("put off its vote"), "{kept}");
    assert!(!kept.contains("forty other choirs"), "{kept}");
}

#[test]
fn a_lone_summary_ending_in_read_more_inside_the_article_is_dropped() {
    // One teaser set between paragraphs, with no headline or list around it.
    let teaser = "The singers from the valley school beat forty other choirs in the final round held in the capital. Read More\n";
    let text =
        format!("Home\nFerry pier to close for two years\n{OPENING}{teaser}{REST}About us\n");
    let kept = body(&cleaned(&text));
    assert!(kept.contains("Shop owners near the pier"), "{kept}");
    assert!(!kept.contains("forty other choirs"), "{kept}");
}

#[test]
fn a_sentence_about_reading_more_is_prose() {
    let text = format!("Home\nFerry pier to close for two years\n{OPENING}{REST}Residents who want to know more can read more in the council's report at the library.\nAbout us\n");
    let kept = body(&cleaned(&text));
    assert!(kept.contains("can read more in the council"), "{kept}");
}
