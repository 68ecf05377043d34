//! The article's date in copied web pages when it does not stand beside
//! the headline: glued to a time or a label by the copy, set apart over a
//! photo or in a box of facts, or under the text. Every outlet, name and
//! sentence here is made up, in several languages.

use backstory::clean::{clean, Article, CleanOptions};

fn cleaned(text: &str) -> Article {
    clean(text, &CleanOptions::default())
}

fn date(article: &Article) -> Option<String> {
    article.date.map(|d| d.to_string())
}

const STORY: &str = "The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck, ending a crossing that has run since the town was founded.\n\
Commuters who relied on the early boat will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n\
Shop owners near the pier said they feared losing customers during the works, and several asked the council to lower their rates until the ferry returns in the spring of next year.\n";

const GESCHICHTE: &str = "Die Hafenbehörde hat am Dienstag beschlossen, den alten Fähranleger für zwei Jahre zu schließen, während Ingenieure das hölzerne Deck erneuern und die Pfähle prüfen.\n\
Pendler, die auf das frühe Boot angewiesen sind, sollen einen Bus nutzen, teilte die Behörde mit, obwohl die Fahrt um die Bucht fast vierzig Minuten länger dauert.\n\
Ladenbesitzer in der Nähe des Anlegers fürchten, während der Arbeiten Kunden zu verlieren, und haben die Stadt gebeten, die Gebühren bis zum Frühjahr zu senken.\n";

#[test]
fn a_year_glued_to_the_time_is_read() {
    for stamp in [
        "PUBLISHED TUE, NOV 19 20197:05 AM EST",
        "NOV 19, 201910:45 AM",
        "Nov. 19, 2019Updated: Nov. 19, 2019 1:35 a.m.",
    ] {
        let text = format!("Menu\nSearch\nFerry pier to close for two years\n{stamp}\n{STORY}");
        assert_eq!(
            date(&cleaned(&text)).as_deref(),
            Some("2019-11-19"),
            "{stamp}"
        );
    }
}

#[test]
fn a_date_set_over_the_photo_far_from_the_headline_is_found() {
    let mut text = String::from("Home\nNews\nFerry pier to close for two years\n");
    for index in 0..12 {
        text.push_str(&format!("Gallery label {index}\n"));
    }
    text.push_str("19 November 2019\nShare\n");
    text.push_str(STORY);
    text.push_str("About us\nContact\n");
    assert_eq!(date(&cleaned(&text)).as_deref(), Some("2019-11-19"));
}

#[test]
fn a_date_under_the_text_is_found_when_none_is_above() {
    let text = format!(
        "Startseite\nNachrichten\nFähranleger schließt für zwei Jahre\n{GESCHICHTE}Geschrieben von Lea Brandt am 14. November 2019\nImpressum\nKontakt\n"
    );
    assert_eq!(date(&cleaned(&text)).as_deref(), Some("2019-11-14"));
}

#[test]
fn the_date_nearest_the_headline_wins_over_other_stories_dates() {
    let text = format!(
        "Home\nMore stories\nCouncil delays the library vote\n3 October 2019\nNews\nSport\nWeather\nCulture\nTravel\nOpinion\nFerry pier to close for two years\n{STORY}Published\n19 November 2019\nChoir wins a national prize\n2 December 2019\nAbout us\n"
    );
    assert_eq!(date(&cleaned(&text)).as_deref(), Some("2019-11-19"));
}

#[test]
fn a_quoted_post_or_a_comment_head_does_not_date_the_article() {
    let text = format!(
        "Home\nFerry pier to close for two years\n{STORY}— Ana Ruiz (@anaruiz) November 18, 2019\nMirko on May 2, 2019 at 10:07 am said:\nAbout us\n"
    );
    assert_eq!(date(&cleaned(&text)), None);
}
