//! The headline block of copied web pages in common layouts: the headline
//! found beside its byline and date past menus, teasers and share buttons;
//! bylines with pipes, a place or capitals; datelines as outlets print
//! them. Every outlet, name and sentence here is made up.

use backstory::clean::{clean, Article, CleanOptions};

fn cleaned(text: &str) -> Article {
    clean(text, &CleanOptions::default())
}

fn body(article: &Article) -> String {
    let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    texts.join("\n")
}

const STORY: &str = "The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck, ending a crossing that has run since the town was founded.\n\
Commuters who relied on the early boat will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n\
Shop owners near the pier said they feared losing customers during the works, and several asked the council to lower their rates until the ferry returns in the spring of next year.\n";

/// Menus, then a list of other stories' headlines, then the head block.
fn page(head: &str) -> String {
    format!(
        "Home\nNews\nSport\nWeather\nLatest stories\n\
         Council delays vote on the new library budget\n\
         Storm warning issued for the northern coast tonight\n\
         Local choir wins national prize in the capital\n\
         \n{head}\n\n{STORY}\nAbout us\nContact\n"
    )
}

#[test]
fn a_dek_between_headline_and_byline_does_not_hide_the_headline() {
    let head = "Ferry pier to close for two years of repairs\n\
                The crossing that has run since the town was founded will stop in March while the deck is rebuilt.\n\
                By Mirela Sandoval Updated Nov 13, 2019, 10:28am EST\n\
                Share this story\n\
                Reddit\n\
                Pocket";
    let article = cleaned(&page(head));
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry pier to close for two years of repairs")
    );
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2019-11-13")
    );
    assert!(
        body(&article).starts_with("The harbour authority voted"),
        "{article:#?}"
    );
}

#[test]
fn a_kicker_in_capitals_is_not_the_headline() {
    let head = "LOCAL TRANSPORT: HARBOUR\n\
                Ferry pier to close for two years while engineers rebuild the old timber deck\n\
                By Mirela Sandoval\n\
                Nov. 19, 2019";
    let article = cleaned(&page(head));
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry pier to close for two years while engineers rebuild the old timber deck")
    );
}

#[test]
fn a_comment_section_after_the_article_is_walled_off() {
    let comments = "12 responses to “Ferry pier to close for two years of repairs”\n\
        harbourfan says:\n\
        About time they fixed that deck, it has been rotten for as long as anyone can remember in this town.\n\
        oldsailor says:\n\
        The shuttle bus will never work, the coast road is jammed every single morning of the week.\n\
        mira_k says:\n\
        I will miss the early boat, it was the best part of my commute and the views were lovely.\n";
    let text = format!(
        "Ferry pier to close for two years of repairs\nBy Mirela Sandoval\n\n{STORY}\n{comments}"
    );
    let kept = body(&cleaned(&text));
    assert!(kept.contains("Shop owners near the pier"), "{kept}");
    for comment in ["rotten", "coast road is jammed", "best part of my commute"] {
        assert!(
            !kept.contains(comment),
            "kept a comment {comment:?}:\n{kept}"
        );
    }
}

#[test]
fn a_tag_cloud_is_not_the_article() {
    let tags = "harbour ferry pier deck timber council budget library choir storm coast road bus shuttle commute fares fuel traders closure spring works rates shops boats tides weather sport news events culture music theatre parks schools health";
    let text = format!(
        "Ferry pier to close\nBy Mirela Sandoval\n\n{}\n\nMenu\nArchive\n{tags}\nContact\n",
        STORY.lines().next().unwrap_or_default()
    );
    let article = cleaned(&text);
    let kept = body(&article);
    assert!(kept.contains("The harbour authority voted"), "{kept}");
    assert!(!kept.contains("tides weather sport"), "{kept}");
}

#[test]
fn a_long_comment_under_a_comments_heading_does_not_outweigh_the_article() {
    let rant = "I have followed this pier for years and I think the authority has made one mistake after another, first with the fares, then with the timetable, then with the boats themselves, and now with this closure, which nobody asked for and nobody will thank them for once the summer crowds arrive and find the shuttle bus full every single morning of the week.";
    let text = format!(
        "Ferry pier to close for two years of repairs\nBy Mirela Sandoval\n\n{STORY}\n[ 87 comments ]\nTop Rated Comments\nharbourfan\n2 days ago at 07:52 am\n{rant} {rant}\nRating: 12 Votes\noldsailor\n2 days ago at 08:10 am\nAgreed.\n"
    );
    let kept = body(&cleaned(&text));
    assert!(kept.contains("Shop owners near the pier"), "{kept}");
    assert!(
        !kept.contains("nobody asked for"),
        "kept the comment:\n{kept}"
    );
}

#[test]
fn teasers_each_headed_by_a_date_are_not_the_article() {
    let mut teasers = String::new();
    for (title, name, day) in [
        (
            "Council delays vote on the new library budget",
            "Ana Ruiz",
            19,
        ),
        (
            "Storm warning issued for the northern coast",
            "Tom Berg",
            18,
        ),
        (
            "Local choir wins national prize in the capital",
            "Ana Ruiz",
            18,
        ),
        ("Cycle lane opens on the coast road at last", "Eli Park", 17),
    ] {
        teasers.push_str(&format!(
            "{title}\n{name}\nTuesday November {day}, 2019\nThe story behind the headline runs to a sentence or two here, long enough to read like the first paragraph of an article, which is what a teaser is.\n"
        ));
    }
    // The article quotes a post signed with its date: not an item's date.
    let post = "Nobody told us the pier would close for two whole years, what are we supposed to do now?\n\
                — Harbour Commuters (@harbourcommuters) November 19, 2019\n";
    let text = format!(
        "Ferry pier to close for two years of repairs\nBy Mirela Sandoval\nWednesday November 20, 2019\n\n{STORY}{post}{STORY}{post}{STORY}{post}The authority said it would answer every letter it received before the works begin.\nMore from the Harbour Gazette\n{teasers}"
    );
    let article = cleaned(&text);
    let kept = body(&article);
    assert!(kept.contains("answer every letter"), "{kept}");
    assert!(!kept.contains("what a teaser is"), "kept a teaser:\n{kept}");
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2019-11-20")
    );
}

#[test]
fn a_label_over_a_long_headline_does_not_take_its_place() {
    let head = "The Harbour Blog\n\
                Ferry pier to close for two years while engineers rebuild the old timber deck\n\
                By Mirela Sandoval\n\
                Nov. 19, 2019";
    let article = cleaned(&page(head));
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry pier to close for two years while engineers rebuild the old timber deck")
    );
}

#[test]
fn a_headline_in_title_case_may_end_with_a_stop() {
    let head = "HARBOUR REPORT\n\
                Ferry Pier Will Close For Two Years. Why Commuters Should Not Worry.\n\
                By Mirela Sandoval Updated Nov. 19, 2019 8:21 am ET";
    let article = cleaned(&page(head));
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry Pier Will Close For Two Years. Why Commuters Should Not Worry.")
    );
}
