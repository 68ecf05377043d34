//! Per-mention corrections in a source's sidecar (issue #25, item 3): a
//! `[[mention]]` table naming a paragraph, the words and the person (or
//! "nobody") in; that mention given to that person, or to no one, out; a
//! correction that points at nothing is an error naming the sidecar's line.

use crate::common;

use common::{write_file, SiteTest};
use std::path::Path;

const TEXT: &str = "Tide tables move to the web\n\n\
May 4, 2022\n\n\
The port authority will publish its tide tables online, said Dara Okonjo, who runs the chart office.\n\n\
Her brother Femi Okonjo, a harbour pilot, welcomed the change.\n\n\
Okonjo said the printed tables would still be sold at the kiosk on the quay.\n";

const PATH: &str = "content/sources/2022-05-04-tides";

fn site(sidecar: &str) -> SiteTest {
    SiteTest::new()
        .config("title = \"Tides\"\n")
        .file(&format!("{PATH}.txt"), TEXT)
        .file(&format!("{PATH}.toml"), sidecar)
}

/// Paragraph number (as the source's page shows it) of the paragraph holding `words`.
fn paragraph(root: &Path, words: &str) -> usize {
    let (site, _) = backstory::build::link_content(backstory::load::load(root, false).unwrap());
    let blocks = &site.sources[0].article.blocks;
    blocks.iter().position(|b| b.text.contains(words)).unwrap() + 1
}

/// Each person's name with the words of their mentions, and the diagnostics.
fn people(root: &Path) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let content = backstory::load::load(root, false).unwrap();
    let (site, diagnostics) = backstory::build::link_content(content);
    let people = site
        .people
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
        .collect();
    let diagnostics = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{:?}: {} ({:?})",
                d.file.display(),
                d.line,
                d.message,
                d.hint
            )
        })
        .collect();
    (people, diagnostics)
}

fn named(people: &[(String, Vec<String>)], name: &str) -> Vec<String> {
    people
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, words)| words.clone())
        .unwrap_or_default()
}

#[test]
fn a_mention_goes_to_the_person_the_editor_names_or_to_no_one() {
    let plain = site("");
    let root = plain.root();
    let (before, _) = people(root);
    // As the text reads, the bare surname goes to the nearest full name.
    assert_eq!(named(&before, "Femi Okonjo"), ["Femi Okonjo", "Okonjo"]);
    let bare = paragraph(root, "Okonjo said");
    let brother = paragraph(root, "Her brother");
    let corrected = site(&format!(
        "[[mention]]\nparagraph = {bare}\ntext = \"Okonjo\"\nperson = \"Dara Okonjo\"\n\n\
         [[mention]]\nparagraph = {brother}\ntext = \"Femi Okonjo\"\nperson = \"nobody\"\n"
    ));
    let (after, diagnostics) = people(corrected.root());
    assert!(
        diagnostics.iter().all(|d| !d.contains("tides.toml")),
        "{diagnostics:?}"
    );
    assert_eq!(named(&after, "Dara Okonjo"), ["Dara Okonjo", "Okonjo"]);
    assert!(
        after.iter().all(|(name, _)| name != "Femi Okonjo"),
        "the editor said that mention is no one: {after:?}"
    );
}

#[test]
fn a_mention_can_go_to_a_profile_by_its_alias() {
    let plain = site("");
    let bare = paragraph(plain.root(), "Okonjo said");
    let site = site(&format!(
        "title = \"Tides\"\n\n[[mention]]\nparagraph = {bare}\ntext = \"Okonjo\"\nperson = \"Dee Okonjo\"\n"
    ));
    write_file(
        site.root(),
        "content/people/dara.md",
        "+++\nname = \"Dara Okonjo\"\naliases = [\"Dee Okonjo\"]\n+++\n",
    );
    let (after, _) = people(site.root());
    assert_eq!(named(&after, "Dara Okonjo"), ["Dara Okonjo", "Okonjo"]);
    assert_eq!(named(&after, "Femi Okonjo"), ["Femi Okonjo"]);
}

#[test]
fn a_correction_that_points_at_nothing_names_the_sidecar_line() {
    let site = site(
        "title = \"Tides\"\n\n[[mention]]\nparagraph = 40\ntext = \"Okonjo\"\nperson = \"nobody\"\n\n\
         [[mention]]\nparagraph = 1\ntext = \"Adaeze Okonjo\"\nperson = \"nobody\"\n",
    );
    let (_, diagnostics) = people(site.root());
    let sidecar = format!("{PATH}.toml");
    let missing_paragraph = diagnostics
        .iter()
        .find(|d| d.contains("paragraph 40 does not exist"))
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert!(
        missing_paragraph.starts_with(&format!("{sidecar}:Some(3)")),
        "{missing_paragraph}"
    );
    let missing_words = diagnostics
        .iter()
        .find(|d| d.contains("paragraph 1 does not contain `Adaeze Okonjo`"))
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert!(
        missing_words.starts_with(&format!("{sidecar}:Some(8)")),
        "{missing_words}"
    );
    assert!(
        missing_words.contains("copy the name exactly"),
        "{missing_words}"
    );
}
