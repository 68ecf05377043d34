//! Roles that read well (issue #25, item 4): texts that give titles in
//! pieces, abbreviated or lower case in; each person's role as the whole
//! title phrase in canonical case, with the country or organisation the
//! text names, and a profile's role above all, out.

use crate::common;

use common::write_file;
use std::path::Path;

fn roles(texts: &[&str], profile: Option<&str>) -> Vec<(String, Option<String>)> {
    let site = tempfile::tempdir().unwrap();
    let root: &Path = site.path();
    write_file(root, "site.toml", "title = \"Roles\"\n");
    for (index, text) in texts.iter().enumerate() {
        write_file(
            root,
            &format!("content/sources/2020-01-0{}-text.txt", index + 1),
            format!(
                "A headline for the story\n\nJanuary {}, 2020\n\n{text}\n",
                index + 1
            ),
        );
    }
    if let Some(profile) = profile {
        write_file(root, "content/people/profile.md", profile);
    }
    let (site, _) = backstory::build::link_content(backstory::load::load(root, false).unwrap());
    site.people
        .iter()
        .map(|p| (p.name.clone(), p.role.clone()))
        .collect()
}

fn role_of(roles: &[(String, Option<String>)], name: &str) -> Option<String> {
    roles
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} in {roles:?}"))
        .1
        .clone()
}

#[test]
fn spellings_of_a_title_become_one() {
    let found = roles(
        &[
            "Aides said senator Halvard Quist voted against the bill.",
            "The bill was opposed by senator Halvard Quist, who said it was rushed.",
        ],
        None,
    );
    assert_eq!(role_of(&found, "Halvard Quist").as_deref(), Some("Senator"));
}

#[test]
fn the_country_goes_with_the_title() {
    let found = roles(
        &["Italy's prime minister Dario Venturelli said the talks had failed."],
        None,
    );
    assert_eq!(
        role_of(&found, "Dario Venturelli").as_deref(),
        Some("Prime Minister of Italy")
    );
    let found = roles(
        &["Dario Venturelli, the prime minister of Italy, said the talks had failed."],
        None,
    );
    assert_eq!(
        role_of(&found, "Dario Venturelli").as_deref(),
        Some("Prime Minister of Italy")
    );
}

/// A profile's role wins over the title the text gives.
#[test]
fn a_title_is_read_whole_and_a_profile_s_role_wins() {
    let found = roles(
        &["The bank's chief executive Marlon Ostrova said profits would fall."],
        None,
    );
    assert_eq!(
        role_of(&found, "Marlon Ostrova").as_deref(),
        Some("Chief Executive")
    );
    let found = roles(
        &["The bank's chief executive Marlon Ostrova said profits would fall."],
        Some("+++\nname = \"Marlon Ostrova\"\nrole = \"Founder of the bank\"\n+++\n"),
    );
    assert_eq!(
        role_of(&found, "Marlon Ostrova").as_deref(),
        Some("Founder of the bank")
    );
}
