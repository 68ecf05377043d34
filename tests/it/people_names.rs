//! The people finder on name shapes and contexts the first-name table does
//! not cover (issue #25, item 1): paragraphs in, the names of the people
//! found out. Every name is invented.

use backstory::clean::{Article, Block, BlockKind};
use backstory::extract::people::find_people;

fn article(paragraphs: &[&str]) -> Article {
    Article {
        blocks: paragraphs
            .iter()
            .enumerate()
            .map(|(line, text)| Block {
                kind: BlockKind::Paragraph,
                text: text.to_string(),
                credit: None,
                line: line + 1,
            })
            .collect(),
        ..Article::default()
    }
}

fn people_in(paragraphs: &[&str]) -> Vec<String> {
    find_people(&article(paragraphs))
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn assert_people(paragraphs: &[&str], expected: &[&str]) {
    assert_eq!(people_in(paragraphs), expected, "people in {paragraphs:?}");
}

#[test]
fn every_name_of_a_list_with_one_person_is_a_person() {
    assert_people(
        &["Rovers started Tobiah Mwangangi, Anselm Rautio, Luka Brekalović and Idris Fofanah."],
        &[
            "Tobiah Mwangangi",
            "Anselm Rautio",
            "Luka Brekalović",
            "Idris Fofanah",
        ],
    );
    // A list vouched for by nothing but a common given name stays out.
    assert_people(
        &["The fund was run by Celia Brandt and Crestline Halvard."],
        &["Celia Brandt"],
    );
}

#[test]
fn family_name_first_and_hyphenated_given_names() {
    assert_people(
        &[
            "Members Tsang Wing-kei and Chow Ka-lok walked out.",
            "Envoy Park Ji-hoon met Chen Zhiwei and Nguyen Thi Hoa.",
            "Later Tsang said the vote was lost. Park agreed.",
        ],
        &[
            "Tsang Wing-kei",
            "Chow Ka-lok",
            "Park Ji-hoon",
            "Chen Zhiwei",
            "Nguyen Thi Hoa",
        ],
    );
}

#[test]
fn surname_endings_and_initials_mark_names() {
    assert_people(
        &["Delegates met Ruslan Abdurakhmanov, then K.L. Ostrander and Marisol T. Ruelas."],
        &[
            "Ruslan Abdurakhmanov",
            "K.L. Ostrander",
            "Marisol T. Ruelas",
        ],
    );
}

#[test]
fn descriptors_places_and_caption_words_stay_out_of_names() {
    assert_people(
        &[
            "Nonpartisan Ivor Plaskett said no. Washington Fenella Crabtree said yes.",
            "Scientologist Tom Cruise arrived. Enlarge This Image Doug Mills",
        ],
        &[
            "Ivor Plaskett",
            "Fenella Crabtree",
            "Tom Cruise",
            "Doug Mills",
        ],
    );
}

#[test]
fn an_employer_after_a_role_is_not_a_person() {
    assert_people(
        &["Ignatius Farrow-Pike, chief executive of Harrow Stanley, said it failed."],
        &["Ignatius Farrow-Pike"],
    );
}

#[test]
fn a_name_proven_once_is_a_person_before_that_too() {
    let people = find_people(&article(&[
        "The report was written by Oriel Quant.",
        "Oriel Quant, a lawyer, said the numbers held.",
    ]));
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Oriel Quant");
    assert_eq!(people[0].mentions.len(), 2, "both mentions: {people:?}");
}

#[test]
fn ages_credits_and_given_names_with_a_verb_of_saying() {
    assert_people(
        &[
            "Arrested: Tayvon Reddick, 24, Eastfield.",
            "The film, directed by Oksana Vireo and starring Dag Fenwright, opened.",
            "Later that day Tanya said the form was ready.",
        ],
        &["Tayvon Reddick", "Oksana Vireo", "Dag Fenwright", "Tanya"],
    );
}

#[test]
fn the_see_of_a_title_and_a_people_are_not_persons() {
    assert_people(
        &["He assisted the Archbishop of Quellburg. Two Norvanians, who played golf, met Casa Santa Lucerna staff."],
        &[],
    );
}

#[test]
fn a_lone_given_name_joins_the_one_person_of_the_text_with_it() {
    let people = find_people(&article(&[
        "Minister Winston Pellegrew spoke first.",
        "Then Winston said the vote would wait.",
    ]));
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].name, "Winston Pellegrew");
    assert_eq!(people[0].mentions.len(), 2, "{people:?}");
}

#[test]
fn a_verb_opening_a_sentence_is_not_part_of_a_name() {
    let people = find_people(&article(&[
        "Using Pellegrew's antenna, the team showed that engineer Ola Pellegrew was right.",
    ]));
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].name, "Ola Pellegrew");
    assert_eq!(people[0].mentions.len(), 2, "{people:?}");
}
