//! The headline of a copied web page found by the byline or date right
//! under it when it stands far from the article: past a wall of share
//! buttons, or as the first line of the article when it ends in a stop. Every
//! outlet, name and sentence here is made up, in two languages.

use backstory::clean::{clean, Article, CleanOptions};

fn cleaned(text: &str) -> Article {
    clean(text, &CleanOptions::default())
}

const STORY: &str = "The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck, ending a crossing that has run since the town was founded.\n\
Commuters who relied on the early ferry will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n\
Shop owners near the pier said they feared losing customers during the works, and several asked the council to lower their rates until the ferry returns in the spring of next year.\n";

const GESCHICHTE: &str = "Die Hafenbehörde hat am Dienstag beschlossen, den alten Fähranleger für zwei Jahre zu schließen, während Ingenieure das hölzerne Deck erneuern und die Pfähle prüfen.\n\
Pendler, die auf die frühe Fähre angewiesen sind, sollen einen Bus nutzen, teilte die Behörde mit, obwohl die Fahrt um die Bucht fast vierzig Minuten länger dauert.\n\
Ladenbesitzer in der Nähe des Anlegers fürchten, während der Arbeiten Kunden zu verlieren, und haben die Stadt gebeten, die Gebühren bis zum Frühjahr zu senken.\n";

#[test]
fn a_headline_past_a_wall_of_share_buttons_is_found() {
    let mut text = String::from("Home\nNews\nLocal\nLocal\nFerry pier to close while engineers rebuild the deck\n19 November 2019\n");
    for network in [
        "Facebook",
        "Messenger",
        "Twitter",
        "Email",
        "WhatsApp",
        "LinkedIn",
    ] {
        for _ in 0..5 {
            text.push_str(&format!("Send this with {network}\n"));
        }
    }
    text.push_str(STORY);
    let article = cleaned(&text);
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry pier to close while engineers rebuild the deck"),
        "{article:#?}"
    );
}

#[test]
fn a_headline_ending_in_a_stop_over_its_date_is_found() {
    let text = format!(
        "Startseite\nNachrichten\nKultur\nFähranleger schließt für zwei Jahre. Pendler fahren Bus.\nAktualisiert 12. März 2021, 09:41\n{GESCHICHTE}Impressum\n"
    );
    let article = cleaned(&text);
    assert_eq!(
        article.title.as_deref(),
        Some("Fähranleger schließt für zwei Jahre. Pendler fahren Bus."),
        "{article:#?}"
    );
}
