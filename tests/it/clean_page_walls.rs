//! Where the article of a copied web page ends: a notice that the page's
//! rights are reserved closes it, and a list of other stories stamped with
//! short relative times ("32M ago", "2H ago") is not read as its
//! continuation. Every outlet, name and sentence here is made up.

use backstory::clean::{clean, Article, CleanOptions};

fn body(text: &str) -> String {
    let article: Article = clean(text, &CleanOptions::default());
    let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    texts.join("\n")
}

const STORY: &str = "The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck, ending a crossing that has run since the town was founded.\n\
Commuters who relied on the early boat will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n\
Shop owners near the pier said they feared losing customers during the works, and several asked the council to lower their rates until the ferry returns in the spring of next year.\n";

/// Teasers of other stories: a headline and a one-sentence summary each.
const TEASERS: &str = "Choir from the valley wins the national prize\n\
The singers, most of them pupils at the village school, beat forty other choirs in the final round held in the capital.\n\
Library opens its doors on Sundays from next month\n\
Readers asked for longer hours in a survey last spring, and the council found the money by closing an unused archive.\n\
Storm brings down trees across the northern coast\n\
Crews worked through the night to clear the roads, and the power came back to most homes by the morning.\n";

#[test]
fn a_rights_notice_closes_the_article() {
    for notice in [
        "© 2019 Harbour Wire. All Rights Reserved.",
        "© 2019 Hafenblatt. Alle Rechte vorbehalten.",
        "© 2019 Le Quai. Tous droits réservés.",
    ] {
        let text = format!(
            "Home\nFerry pier to close for two years\n{STORY}{notice}\nNews\n{TEASERS}About us\n"
        );
        let kept = body(&text);
        assert!(
            kept.contains("Shop owners near the pier"),
            "{notice}: {kept}"
        );
        assert!(!kept.contains("Choir from the valley"), "{notice}: {kept}");
        assert!(
            !kept.contains("Crews worked through the night"),
            "{notice}: {kept}"
        );
    }
}

#[test]
fn teasers_stamped_with_short_relative_times_are_not_the_article() {
    let mut teasers = String::new();
    for (index, line) in TEASERS.lines().enumerate() {
        teasers.push_str(line);
        teasers.push('\n');
        if index % 2 == 1 {
            teasers.push_str(&format!("{}H ago\n", index + 1));
        }
    }
    let text = format!(
        "Home\nFerry pier to close for two years\n{STORY}World\nMore World\n{teasers}About us\n"
    );
    let kept = body(&text);
    assert!(kept.contains("The harbour authority voted"), "{kept}");
    // The first teaser stands above the first stamp; the rest are walled off.
    assert!(!kept.contains("Library opens its doors"), "{kept}");
    assert!(!kept.contains("Readers asked for longer hours"), "{kept}");
    assert!(!kept.contains("Crews worked through the night"), "{kept}");
}
