//! Unit tests of the whole finder: hand-built articles in, people out.

use super::*;
use crate::clean::Block;

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

fn names(people: &[DocPerson]) -> Vec<&str> {
    people.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn finds_people_and_only_people() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["Prime Minister Jane Roe met analyst Omar Haddad in Lincoln. Roe said so."],
            &["Jane Roe", "Omar Haddad"],
        ),
        (
            &[
                "Sign up for the free Mother Jones Daily newsletter.",
                "Mother Jones was founded in 1976.",
            ],
            &[],
        ),
        (
            &["The Carter Center and the Bush administration said nothing."],
            &[],
        ),
        (&["Easier said than done: Making troops leave."], &[]),
        (
            &["“Go,” Gen. Ryder told reporters. Ryder added more."],
            &["Ryder"],
        ),
        (&["Washington said it would act."], &[]),
    ];
    for (paragraphs, expected) in cases {
        let people = find_people(&article(paragraphs));
        assert_eq!(&names(&people), expected, "people in {paragraphs:?}");
    }
}

#[test]
fn later_surnames_join_the_full_name_and_spans_skip_possessives() {
    let text = "Prime Minister Jose Luis Zapatero spoke. Zapatero’s plan pleased Mr. Zapatero.";
    let people = find_people(&article(&[text]));
    assert_eq!(people.len(), 1);
    let person = &people[0];
    assert_eq!(person.name, "Jose Luis Zapatero");
    assert_eq!(person.aliases, vec!["Zapatero"]);
    assert_eq!(person.role.as_deref(), Some("Prime Minister"));
    let spans: Vec<&str> = person
        .mentions
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    assert_eq!(spans, vec!["Jose Luis Zapatero", "Zapatero", "Zapatero"]);
}

#[test]
fn shared_surnames_stay_apart_and_follow_the_latest_full_name() {
    let text = "John Smith, a farmer, met Mary Smith, a lawyer. Mary Smith said no. Smith left.";
    let people = find_people(&article(&[text]));
    assert_eq!(names(&people), vec!["John Smith", "Mary Smith"]);
    assert_eq!(people[0].mentions.len(), 1);
    assert_eq!(people[1].mentions.len(), 3);
    assert_eq!(people[0].role.as_deref(), Some("farmer"));
}

#[test]
fn bracketed_nicknames_are_aliases_across_blocks() {
    let people = find_people(&article(&[
        "Early text. Then Mushtaq Talib Al-Saidi (Abu Taqwa) was killed.",
        "Abu Taqwa had led raids.",
    ]));
    assert_eq!(names(&people), vec!["Mushtaq Talib Al-Saidi"]);
    assert_eq!(people[0].mentions.len(), 3);
}

#[test]
fn bracketed_nicknames_are_aliases() {
    let text = "Commander Mushtaq Talib Al-Saidi (Abu Taqwa) was killed. Abu Taqwa had led raids.";
    let people = find_people(&article(&[text]));
    assert_eq!(names(&people), vec!["Mushtaq Talib Al-Saidi"]);
    assert_eq!(people[0].aliases, vec!["Abu Taqwa"]);
    assert_eq!(people[0].mentions.len(), 3);
}

#[test]
fn credits_authors_and_photographers() {
    let mut input = article(&[
        "Write to Jane Q. Public at jane@example.com",
        "Troops drill.",
    ]);
    input.authors = vec!["Jane Q. Public".to_string()];
    input.blocks[1].kind = BlockKind::Caption;
    input.blocks[1].credit = Some("thaier al-sudani/Reuters".to_string());
    input.blocks.push(Block {
        kind: BlockKind::Caption,
        text: "A base.".to_string(),
        credit: Some("U.S. Army".to_string()),
        line: 9,
    });
    let people = find_people(&input);
    let summary: Vec<(&str, PersonKind, usize)> = people
        .iter()
        .map(|p| (p.name.as_str(), p.kind, p.mentions.len()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Jane Q. Public", PersonKind::Author, 1),
            ("thaier al-sudani", PersonKind::Photographer, 0),
        ]
    );
}

#[test]
fn bylines_left_in_the_text_are_authors() {
    let people = find_people(&article(&[
        "By Jane Roe and John Poe",
        "Minister Ann Lee spoke.",
        "Write to Jane Roe at jane@example.com",
        "Reporting by Sam Iyer in Delhi; Editing by Sam Iyer",
    ]));
    let summary: Vec<(&str, PersonKind, usize)> = people
        .iter()
        .map(|p| (p.name.as_str(), p.kind, p.mentions.len()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Jane Roe", PersonKind::Author, 2),
            ("John Poe", PersonKind::Author, 1),
            ("Ann Lee", PersonKind::Subject, 1),
            ("Sam Iyer", PersonKind::Author, 2),
        ]
    );
}

#[test]
fn credits_left_in_the_text_are_photographers() {
    let people = find_people(&article(&[
        "A rally in May. Photo: Ameer Haddad/Zuma Press",
    ]));
    assert_eq!(names(&people), vec!["Ameer Haddad"]);
    assert_eq!(people[0].kind, PersonKind::Photographer);
}

#[test]
fn never_panics_and_spans_are_char_boundaries() {
    let texts = [
        "",
        "\0",
        "😀 Mr. 😀’s José María 😀 said",
        "Dr.",
        "(",
        "Al-",
        "A\r\nB. C. D said",
        &"Ab Cd ".repeat(2000),
    ];
    for text in texts {
        let people = find_people(&article(&[text]));
        for person in people {
            for span in person.mentions {
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                assert!(span.start <= span.end);
            }
        }
    }
}
