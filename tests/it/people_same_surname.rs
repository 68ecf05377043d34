//! Bare surnames that several people share go to the right one (issue #25,
//! item 5): texts with two people of one surname, or an honorific that
//! rules a person out, in; each bare mention linked to the person the
//! text's evidence points at, or left unlinked and reported by `check`.

use crate::common;

use common::SiteTest;
use std::path::Path;

const FUNDS: &str = "Two Wolcotts and the housing bet\n\n\
June 2, 2009\n\n\
Gideon Wolcott, a hedge fund manager, made billions betting against housing.\n\n\
Treasury Secretary Henrik Wolcott met the bankers on Monday.\n\n\
Wolcott, the hedge fund manager, declined to comment on the meeting.\n";

const GARDEN: &str = "Garden prize for the old mill\n\n\
July 9, 2015\n\n\
The garden prize went to the old mill, whose beds were planted in 1990, said Anneli Frantz.\n\n\
Mr. Frantz, who sold the mill last year, said the roses were older than the house.\n";

fn site(text: &str, profile: Option<&str>) -> SiteTest {
    let site = SiteTest::new().source("2009-06-02-text", text);
    match profile {
        Some(profile) => site.profile("profile", profile),
        None => site,
    }
}

/// Each person's name with the words of their mentions.
fn people(root: &Path) -> Vec<(String, Vec<String>)> {
    let (site, diagnostics) =
        backstory::build::link_content(backstory::load::load(root, false).unwrap());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    site.people
        .iter()
        .map(|person| {
            let words = person
                .mentions
                .iter()
                .map(|(s, span)| {
                    site.sources[*s].article.blocks[span.block].text[span.start..span.end]
                        .to_string()
                })
                .collect();
            (person.name.clone(), words)
        })
        .collect()
}

fn named(people: &[(String, Vec<String>)], name: &str) -> Vec<String> {
    people
        .iter()
        .filter(|(n, _)| n == name)
        .flat_map(|(_, words)| words.clone())
        .collect()
}

fn check(site: &SiteTest) -> String {
    String::from_utf8_lossy(&site.run(&["check"]).stderr).into_owned()
}

#[test]
fn an_apposition_sends_the_surname_to_the_person_whose_role_agrees() {
    let site = site(FUNDS, None);
    let people = people(site.root());
    assert_eq!(
        named(&people, "Gideon Wolcott"),
        ["Gideon Wolcott", "Wolcott"]
    );
    assert_eq!(named(&people, "Henrik Wolcott"), ["Henrik Wolcott"]);
}

#[test]
fn a_profile_s_role_decides_too() {
    // The text gives Gideon no role; his profile does.
    let text = FUNDS.replace(", a hedge fund manager,", "");
    let site = site(
        &text,
        Some("+++\nname = \"Gideon Wolcott\"\nrole = \"Hedge fund manager\"\n+++\n"),
    );
    let people = people(site.root());
    assert_eq!(
        named(&people, "Gideon Wolcott"),
        ["Gideon Wolcott", "Wolcott"]
    );
}

#[test]
fn mr_never_goes_to_a_woman_a_profile_says_is_one() {
    let plain = site(GARDEN, None);
    // As the text reads, with nothing said of her sex.
    assert_eq!(
        named(&people(plain.root()), "Anneli Frantz"),
        ["Anneli Frantz", "Frantz"]
    );
    let site = site(
        GARDEN,
        Some("+++\nname = \"Anneli Frantz\"\nsex = \"female\"\n+++\n"),
    );
    let root = site.root();
    assert_eq!(named(&people(root), "Anneli Frantz"), ["Anneli Frantz"]);
    let report = check(&site);
    assert!(
        report.contains("`Frantz` in paragraph 2 is linked to no one")
            && report.contains("not Anneli Frantz")
            && report.contains("[[mention]] paragraph = 2"),
        "{report}"
    );
}

#[test]
fn the_text_s_own_honorific_says_the_sex() {
    let text = GARDEN.replace("said Anneli Frantz", "said Mrs. Anneli Frantz");
    let site = site(&text, None);
    let people = people(site.root());
    assert_eq!(named(&people, "Anneli Frantz"), ["Anneli Frantz"]);
    assert!(
        people
            .iter()
            .all(|(_, words)| !words.contains(&"Frantz".to_string())),
        "{people:?}"
    );
}

#[test]
fn mr_and_mrs_beside_one_person_of_unknown_sex_are_left_unlinked() {
    let text = format!("{GARDEN}\nMrs. Frantz still tends the beds every spring.\n");
    let site = site(&text, None);
    let root = site.root();
    assert_eq!(named(&people(root), "Anneli Frantz"), ["Anneli Frantz"]);
    let report = check(&site);
    assert_eq!(report.matches("is linked to no one").count(), 2, "{report}");
}
