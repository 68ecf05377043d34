//! An editorial event and the dated sentences of the paragraphs it cites
//! make one timeline entry: an extracted entry of the event's date that
//! cites such a paragraph joins the event's entry. Other sentences of that
//! date, and the cited paragraphs' sentences of other dates, keep entries
//! of their own.

mod common;

use std::path::Path;

/// One source whose paragraphs 1 and 2 tell of two different things on
/// 14 February 2021 and whose paragraph 3 dates something else, and one
/// event of 14 February 2021 citing paragraphs 1 and 3.
fn site(root: &Path, event_date: &str) {
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::create_dir_all(root.join("content/events")).unwrap();
    std::fs::write(root.join("site.toml"), "title = \"Harbour\"\n").unwrap();
    std::fs::write(
        root.join("content/sources/harbour-ledger.txt"),
        "Harbour ledger signed\n\nBy Imaginary Clerk\n\nMarch 3, 2021\n\n\
         The ferry ledger for the north pier was signed on 14 February 2021 by the port office.\n\n\
         A storm flooded the fish market on 14 February 2021, closing the stalls for a week.\n\n\
         The ledger had last been audited on 2 June 2019 by the same office.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/events/ledger-signed.md"),
        format!(
            "+++\ntitle = \"The ferry ledger is signed\"\ndate = \"{event_date}\"\n\
             sources = [\"harbour-ledger\"]\n+++\n\n\
             The port office signs the north pier's ledger ([ledger ¶1](@source/harbour-ledger#p1)), \
             audited before ([ledger ¶3](@source/harbour-ledger#p3)).\n"
        ),
    )
    .unwrap();
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

fn build(event_date: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    site(temp.path(), event_date);
    let output = common::build_public(temp.path());
    (temp, output)
}

#[test]
fn the_cited_paragraphs_sentence_of_the_events_date_joins_the_event() {
    let (_temp, output) = build("2021-02-14");
    let day = records(&output, "2021-02-14");
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
    assert_eq!(records(&output, "2019-06-02").len(), 1);

    // The entry shows the event's words and the source's sentence, and the
    // source is listed once, by paragraph.
    let page = std::fs::read_to_string(output.join("timeline/index.html")).unwrap();
    let start = page.find(&format!("id=\"{event}\"")).unwrap();
    let entry = &page[start..start + page[start..].find("</li>\n").unwrap()];
    assert!(entry.contains("The ferry ledger is signed"), "{entry}");
    assert!(
        entry.contains("<mark>14 February 2021</mark> by the port office"),
        "{entry}"
    );
    assert_eq!(entry.matches("<li><a href=").count(), 1, "{entry}");
    assert!(entry.contains("¶1</li>"), "{entry}");
    // The source page's date links to that entry.
    let source = std::fs::read_to_string(output.join("sources/harbour-ledger/index.html")).unwrap();
    assert!(source.contains(&format!(
        "#{event}\">14 February 2021</a> by the port office"
    )));
}

#[test]
fn an_event_of_another_date_takes_in_nothing() {
    let (_temp, output) = build("2021-02-15");
    let day = records(&output, "2021-02-14");
    assert_eq!(day.len(), 2, "{day:?}");
    assert!(day.iter().all(|r| !r.2));
    let event = records(&output, "2021-02-15");
    assert_eq!(event.len(), 1, "{event:?}");
    assert!(event[0].2);
}
