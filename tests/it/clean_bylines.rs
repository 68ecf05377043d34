//! Bylines and datelines in the layouts outlets print them: pipes between
//! name, outlet and date, a place after the name, names in capitals shown
//! with their capitals fixed, a weekday and time around the date. Every
//! outlet, name and sentence here is made up.

use backstory::clean::{clean, Article, CleanOptions};

fn cleaned(text: &str) -> Article {
    clean(text, &CleanOptions::default())
}

const STORY: &str = "The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck, ending a crossing that has run since the town was founded.\n\
Commuters who relied on the early boat will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n";

fn page(head: &str) -> String {
    format!("Home\nNews\nSport\n\nFerry pier to close for two years of repairs\n{head}\n\n{STORY}\nAbout us\n")
}

fn date(article: &Article) -> Option<String> {
    article.date.map(|d| d.to_string())
}

#[test]
fn a_place_after_the_name_is_not_part_of_it() {
    let article = cleaned(&page("Lena Okafor in Lisbon\nSat 15 Sep 2018 07.00 BST"));
    assert_eq!(article.authors, ["Lena Okafor"]);
    assert_eq!(date(&article).as_deref(), Some("2018-09-15"));
}

#[test]
fn a_lone_name_in_capitals_under_the_headline_is_the_byline() {
    let article = cleaned(&page("LENA OKAFOR\nNov. 19, 2019"));
    assert_eq!(article.authors, ["Lena Okafor"]);
}

#[test]
fn a_handle_copied_onto_the_name_and_a_colon_after_by_are_dropped() {
    let article = cleaned(&page("BY: Lena Okafor@lenaokafor\nNov. 19, 2019"));
    assert_eq!(article.authors, ["Lena Okafor"]);
}
