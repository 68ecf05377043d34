//! An editorial event and the dated sentences of the paragraphs it cites
//! make one timeline entry: an extracted entry of the event's date that
//! cites such a paragraph joins the event's entry. Other sentences of that
//! date, and the cited paragraphs' sentences of other dates, keep entries
//! of their own.

use crate::common;
use common::{Built, SiteTest};

use std::path::Path;

/// One source whose paragraphs 1 and 2 tell of two different things on
/// 14 February 2021 and whose paragraph 3 dates something else, and one
/// event of 14 February 2021 citing paragraphs 1 and 3.
fn site(event_date: &str) -> SiteTest {
    SiteTest::new()
        .config("title = \"Harbour\"\n")
        .source(
            "harbour-ledger",
            "Harbour ledger signed\n\nBy Imaginary Clerk\n\nMarch 3, 2021\n\n\
         The ferry ledger for the north pier was signed on 14 February 2021 by the port office.\n\n\
         A storm flooded the fish market on 14 February 2021, closing the stalls for a week.\n\n\
         The ledger had last been audited on 2 June 2019 by the same office.\n",
        )
        .file(
            "content/events/ledger-signed.md",
            format!(
            "+++\ntitle = \"The ferry ledger is signed\"\ndate = \"{event_date}\"\n\
             sources = [\"harbour-ledger\"]\n+++\n\n\
             The port office signs the north pier's ledger ([ledger ¶1](@source/harbour-ledger#p1)), \
             audited before ([ledger ¶3](@source/harbour-ledger#p3)).\n"
        ),
        )
}

/// `(id, page, editorial)` of every record of `data/timeline.json` dated `date`.
fn records(output: &Path, date: &str) -> Vec<(String, String, bool)> {
    let text = std::fs::read_to_string(output.join("data/timeline.json")).unwrap();
    let records: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    records
        .iter()
        .filter(|r| r["date"] == date)
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["page"].as_str().unwrap().to_string(),
                r["editorial"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn build(event_date: &str) -> Built {
    site(event_date).build()
}

#[test]
fn the_cited_paragraphs_sentence_of_the_events_date_joins_the_event() {
    let built = build("2021-02-14");
    let day = records(&built.output, "2021-02-14");
    let id_of = |page: &str| {
        day.iter()
            .find(|r| r.1.ends_with(page))
            .map(|r| r.0.clone())
    };
    let event = day
        .iter()
        .find(|r| r.2)
        .expect("the event has a record")
        .0
        .clone();
    // Paragraph 1, cited and of the event's date: one entry with the event.
    assert_eq!(id_of("/sources/harbour-ledger/#p1"), Some(event.clone()));
    // Paragraph 2, the same date but not cited: an entry of its own.
    let flood = id_of("/sources/harbour-ledger/#p2").expect("the flood is on the timeline");
    assert_ne!(flood, event);
    // Paragraph 3, cited but of another date: stays with its own date.
    assert_eq!(records(&built.output, "2019-06-02").len(), 1);

    // The entry shows the event's words and the source's sentence, and the
    // source is listed once, by paragraph.
    let page = built.read("timeline/index.html");
    let start = page.find(&format!("id=\"{event}\"")).unwrap();
    let entry = &page[start..start + page[start..].find("</li>\n").unwrap()];
    assert!(entry.contains("The ferry ledger is signed"), "{entry}");
    assert!(
        entry.contains("<mark>14 February 2021</mark> by the port office"),
        "{entry}"
    );
    let cited =
        entry.matches("<p class=\"cite\"><a href=").count() + entry.matches("<li><a href=").count();
    assert_eq!(cited, 1, "{entry}");
    assert!(entry.contains("¶1</a></p>"), "{entry}");
    // The source page's date links to that entry.
    let source = built.read("sources/harbour-ledger/index.html");
    assert!(source.contains(&format!(
        "#{event}\">14 February 2021</a> by the port office"
    )));
}

#[test]
fn an_event_of_another_date_takes_in_nothing() {
    let built = build("2021-02-15");
    let day = records(&built.output, "2021-02-14");
    assert_eq!(day.len(), 2, "{day:?}");
    assert!(day.iter().all(|r| !r.2));
    let event = records(&built.output, "2021-02-15");
    assert_eq!(event.len(), 1, "{event:?}");
    assert!(event[0].2);
}
