//! The cleaner on text copied from web pages (one block per line, as a
//! browser's Select All + Copy gives it): invented pages in the layouts news
//! sites use, in; the article's extent, headline block and metadata checked.
//! Every outlet, name and sentence here is made up.

use backstory::clean::{clean, Article, CleanOptions};

fn cleaned(text: &str) -> Article {
    clean(text, &CleanOptions::default())
}

fn body(article: &Article) -> String {
    article
        .blocks
        .iter()
        .map(|block| block.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Three paragraphs of an invented story, one per line.
const STORY: &str = "The harbour authority voted on Tuesday to close the old ferry pier for two years while engineers rebuild its timber deck, ending a crossing that has run since the town was founded.\n\
Commuters who relied on the early boat will be offered a shuttle bus, the authority said, although the ride around the bay takes almost forty minutes longer than the crossing.\n\
Shop owners near the pier said they feared losing customers during the works, and several asked the council to lower their rates until the ferry returns in the spring of next year.\n";

/// A page with menus above, a headline block in the given layout, the
/// story, and page furniture below.
fn page(head: &str, foot: &str) -> String {
    format!(
        "Skip to main content\nHome\nNews\nSport\nWeather\nCulture\nSign in\nSearch\n\n\
         Local\n{head}\n\n{STORY}\nShare this story\nMore from Local\nTown fair returns with a bigger parade\n\
         Library extends its weekend opening hours\nNew cycle lane opens on the coast road\n{foot}\nAbout us\nContact\nPrivacy policy\n"
    )
}

#[test]
fn menus_labels_and_link_lists_around_the_article_go() {
    let article = cleaned(&page(
        "Ferry pier to close for two years of repairs\nBy Mirela Sandoval",
        "",
    ));
    let text = body(&article);
    for line in STORY.lines() {
        assert!(text.contains(line), "lost: {line}");
    }
    for clutter in [
        "Skip to main content",
        "Weather",
        "Town fair returns",
        "Privacy policy",
        "More from Local",
    ] {
        assert!(!text.contains(clutter), "kept {clutter:?}:\n{text}");
    }
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry pier to close for two years of repairs")
    );
    assert_eq!(article.authors, ["Mirela Sandoval"]);
}

#[test]
fn labels_are_not_glued_to_paragraphs() {
    // A label with no final stop just above a paragraph, and one between two
    // paragraphs, stay out: in copied web text each line is its own block.
    let story: Vec<&str> = STORY.lines().collect();
    let text = format!(
        "Ferry pier to close for two years of repairs\n\nMarkets / Deals\n{}\nEnlarge This Image\n{}\n{}\nShare via Email\n",
        story[0], story[1], story[2]
    );
    let article = cleaned(&text);
    assert!(
        article.blocks[0]
            .text
            .starts_with("The harbour authority voted"),
        "{:#?}",
        article.blocks
    );
    let body = body(&article);
    assert!(
        !body.contains("Enlarge This Image") && !body.contains("Markets"),
        "{body}"
    );
    assert!(!body.contains("Share via Email"), "{body}");
}

#[test]
fn guardian_style_head_with_place_and_dotted_time() {
    let article = cleaned(&page(
        "Ferry pier to close for two years of repairs\n\
         Engineers will rebuild the timber deck while commuters take a shuttle bus around the bay\n\
         Tomasz Wielgus in Porto\nSat 15 Sep 2018 07.00 BST\nShare via Email",
        "Support our journalism\nAvailable for everyone, funded by readers",
    ));
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry pier to close for two years of repairs")
    );
    assert_eq!(
        article.dek.as_deref(),
        Some("Engineers will rebuild the timber deck while commuters take a shuttle bus around the bay")
    );
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2018-09-15")
    );
    let text = body(&article);
    assert!(
        !text.contains("Share via Email") && !text.contains("Available for everyone"),
        "{text}"
    );
}

#[test]
fn byline_in_city_and_in_capitals() {
    let article = cleaned(&page(
        "Ferry pier to close for two years of repairs\nBy IMOGEN FAIRWEATHER-LOCKE in Lisbon\nMarch 4, 2019",
        "",
    ));
    assert_eq!(article.authors, ["Imogen Fairweather-Locke"]);
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2019-03-04")
    );
}

#[test]
fn updated_stamp_with_a_numeric_date() {
    let article = cleaned(&page(
        "Ferry pier to close for two years of repairs\nBy Dana Okafor, Coastal Courier\nUpdated 3/17/2008 9:41 AM ET",
        "",
    ));
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2008-03-17")
    );
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry pier to close for two years of repairs")
    );
}

#[test]
fn pipes_give_author_outlet_and_date() {
    let article = cleaned(&page(
        "Ferry pier to close for two years of repairs\nBy Anouk Brandt | Harbour Weekly | 3 October 2008",
        "",
    ));
    assert_eq!(article.authors, ["Anouk Brandt"]);
    assert_eq!(article.publication.as_deref(), Some("Harbour Weekly"));
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2008-10-03")
    );
}

#[test]
fn wire_opening_and_copyright_name_the_outlet() {
    let wire = format!(
        "Markets\nDeals\nFerry pier to close for two years of repairs\n\n\
         PORTO (Gull Wire) - {STORY}\n© Gull Wire 2008. All rights reserved.\n"
    );
    let article = cleaned(&wire);
    assert_eq!(article.publication.as_deref(), Some("Gull Wire"));
    let footer =
        format!("Ferry pier to close for two years of repairs\n\n{STORY}\n© Harbour Weekly 2008\n");
    assert_eq!(
        cleaned(&footer).publication.as_deref(),
        Some("Harbour Weekly")
    );
}

#[test]
fn headline_is_the_line_that_shares_words_with_the_article() {
    // A section label and a promoted link stand nearer the article than the
    // headline does; the headline is the one whose words the story uses.
    let article = cleaned(&page(
        "Harbour authority closes ferry pier for deck repairs\nTop stories in your area\nWatch: the best of the summer carnival",
        "",
    ));
    assert_eq!(
        article.title.as_deref(),
        Some("Harbour authority closes ferry pier for deck repairs")
    );
}

#[test]
fn invisible_characters_are_deleted_not_spaced() {
    let text = format!(
        "Ferry pier to close\n\n{}The new deck uses Werk\u{ad}zeug from a local yard and zero\u{200b}width joints, the engineers said in a statement.\n",
        STORY
    );
    let article = cleaned(&text);
    let text = body(&article);
    assert!(
        text.contains("Werkzeug") && text.contains("zerowidth"),
        "{text}"
    );
}

#[test]
fn date_beside_the_headline_whatever_the_line_around_it() {
    for (line, date) in [
        ("Nov 18, 2019 at 9:24 pm ET • 2 min read", "2019-11-18"),
        ("Posted 2019-11-19T12:48:14Z in Science", "2019-11-19"),
        ("11.14.2019 09:00 AM", "2019-11-14"),
        ("21:17 18.11.2019 Get short link", "2019-11-18"),
    ] {
        let article = cleaned(&page(
            &format!("Ferry pier to close for two years of repairs\n{line}"),
            "Town fair moved to 4 July 2019",
        ));
        assert_eq!(
            article.date.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{line}"
        );
    }
}

#[test]
fn a_date_inside_the_first_sentence_is_not_the_publication_date() {
    let article = cleaned(
        "A letter about the pier\n\nThe ferry pier opened on 1 March 2021 after three years of work, the letter recalls.\n",
    );
    assert_eq!(article.date, None);
}

#[test]
fn the_article_ends_above_the_comments() {
    let article = cleaned(&page(
        "Ferry pier to close for two years of repairs",
        "12 Comments\nharbourwatcher says:\nThis closure will hurt every commuter on the east side of the bay, and the shuttle bus is no answer at all.\n\
         quaysider says:\nI have taken the early boat for twenty years and I will miss it, though the deck really is in a terrible state.\n",
    ));
    let text = body(&article);
    assert!(text.contains("Shop owners near the pier"), "{text}");
    assert!(
        !text.contains("harbourwatcher") && !text.contains("twenty years"),
        "{text}"
    );
}

#[test]
fn an_article_in_a_script_without_spaces_is_found() {
    // Japanese has no spaces between words: its lines are weighed by length.
    let text = "メニュー\nホーム\nニュース\nお問い合わせ\n\n港の古い桟橋が二年間閉鎖へ\n\n\
        港湾局は火曜日、古いフェリー桟橋を二年間閉鎖し、技術者が木製の甲板を作り直すと発表しました。\n\
        早朝の船を利用していた通勤客には、湾を回るシャトルバスが用意されますが、所要時間は四十分ほど長くなります。\n\
        桟橋近くの商店主たちは、工事の間に客が減ることを心配しており、市議会に税の軽減を求めています。\n\
        関連記事\n新しい図書館が週末も開館\n";
    let article = cleaned(text);
    let body = body(&article);
    assert!(
        body.contains("港湾局は火曜日") && body.contains("桟橋近くの商店主たち"),
        "{body}"
    );
    assert!(
        !body.contains("お問い合わせ") && !body.contains("新しい図書館"),
        "{body}"
    );
    assert_eq!(article.title.as_deref(), Some("港の古い桟橋が二年間閉鎖へ"));
}

#[test]
fn copies_of_the_headline_are_named_as_such() {
    let article = cleaned(&page(
        "Ferry pier to close for two years of repairs\nFerry pier to close for two years of repairs",
        "Search Keywords:",
    ));
    assert_eq!(
        article.title.as_deref(),
        Some("Ferry pier to close for two years of repairs")
    );
    assert_eq!(article.dek, None);
    let reason = |text: &str| {
        article
            .removed
            .iter()
            .find(|line| line.text == text)
            .map(|line| line.reason)
    };
    assert_eq!(
        reason("Ferry pier to close for two years of repairs"),
        Some("repeated headline")
    );
    assert_eq!(reason("Search Keywords:"), Some("empty field label"));
}
