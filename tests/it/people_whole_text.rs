//! The people finder reads the whole text and more name shapes (issue #25,
//! item 1): a full name with nothing around it is a person when the text
//! later uses its surname alone as a person's; a lone surname with a verb
//! of saying is a person when the tagger reads it as a name; a name with a
//! regnal number ("Aldric IV") is a person, a numbered thing ("Phase II")
//! is not. Paragraphs in, the names of the people found out. Every name is
//! invented.

use backstory::clean::{Article, Block, BlockKind};
use backstory::extract::people::find_people;

fn people_in(paragraphs: &[&str]) -> Vec<String> {
    let article = Article {
        blocks: paragraphs
            .iter()
            .enumerate()
            .map(|(line, text)| Block {
                kind: BlockKind::Paragraph,
                text: text.to_string(),
                credit: None,
                line: line * 2 + 1,
            })
            .collect(),
        ..Article::default()
    };
    find_people(&article).into_iter().map(|p| p.name).collect()
}

#[test]
fn a_surname_said_alone_later_proves_the_full_name() {
    let found = people_in(&[
        "The ministry hired Tavish Oyelaran last spring to run the port.",
        "Oyelaran said the job was harder than he expected.",
    ]);
    assert_eq!(found, ["Tavish Oyelaran"]);
}

#[test]
fn a_full_name_with_nothing_around_it_stays_out_without_such_a_mention() {
    let found = people_in(&[
        "The ministry hired Tavish Oyelaran last spring to run the port.",
        "The job was harder than expected.",
    ]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_lone_surname_with_a_verb_of_saying_is_a_person() {
    assert_eq!(
        people_in(&["The port was busy, Quillfeather told reporters."]),
        ["Quillfeather"]
    );
}

#[test]
fn names_with_regnal_numbers_are_people() {
    let found = people_in(&[
        "Chronicles say Aldric IV and his cousin Bertrand VI rode north to the river.",
    ]);
    assert_eq!(found, ["Aldric IV", "Bertrand VI"]);
}

#[test]
fn numbered_things_are_not_people() {
    let found = people_in(&[
        "Phase II of the plan began after World War II, and Parts V and Chapter XI followed.",
    ]);
    assert!(found.is_empty(), "{found:?}");
}
