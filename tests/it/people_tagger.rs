//! The people finder with its statistical tagger (issue #25, item 1):
//! names from many naming cultures, listed with no title, speech verb or
//! known given name nearby, are found; organisations listed the same way
//! are not. Paragraphs in, the names of the people found out. Every name is
//! invented.

use backstory::clean::{Article, Block, BlockKind};
use backstory::extract::people::find_people;

fn people_in(paragraph: &str) -> Vec<String> {
    let article = Article {
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            text: paragraph.to_string(),
            credit: None,
            line: 1,
        }],
        ..Article::default()
    };
    find_people(&article).into_iter().map(|p| p.name).collect()
}

#[test]
fn a_caption_list_of_igbo_samoan_and_hawaiian_names_is_found() {
    assert_eq!(
        people_in("Photos: Obinna Chukwu, Tavita Leota, Ikaika Kealoha and Nnamdi Okeke."),
        [
            "Obinna Chukwu",
            "Tavita Leota",
            "Ikaika Kealoha",
            "Nnamdi Okeke"
        ]
    );
}

#[test]
fn a_maori_name_among_unknown_names_is_found() {
    let found = people_in(
        "Next season Emeka Nwosu, Bheki Zungu, Pania Ruatapu and Chiamaka Eze share the stage.",
    );
    assert!(
        found.iter().any(|name| name == "Pania Ruatapu"),
        "{found:?}"
    );
}

#[test]
fn a_list_of_companies_stays_out() {
    assert!(
        people_in("Funding from Harbour Mutual and Eastvale Holdings paid for the wing.")
            .is_empty()
    );
    // One member read as a name does not vouch for the rest of a list.
    assert_eq!(
        people_in("The fund was run by Celia Brandt and Crestline Halvard."),
        ["Celia Brandt"]
    );
}
