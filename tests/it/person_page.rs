//! A person's own page never links to itself: the biography in their
//! profile names them as plain text, and other people it names are linked.

use crate::common::SiteTest;

const TEXT: &str = "Pier reopens\n\nBy Imaginary Writer\n\nMarch 3, 2031\n\n\
    Harbour warden Quenby Iraola said on March 2, 2031 that the pier had reopened, \
    and councillor Bram Tessier agreed.\n";

#[test]
fn the_biography_does_not_link_the_person_to_their_own_page() {
    let built = SiteTest::new()
        .source("2031-03-03-pier", TEXT)
        .profile(
            "quenby-iraola",
            "+++\nname = \"Quenby Iraola\"\n+++\nQuenby Iraola has kept the harbour since 2020, \
             working beside Bram Tessier.\n",
        )
        .build();
    let page = built.read("people/quenby-iraola/index.html");
    let bio = &page[page.find("id=\"h-bio\"").expect("a biography")..];
    let bio = &bio[..bio.find("</section>").unwrap()];
    assert!(bio.contains("Quenby Iraola has kept"), "{bio}");
    assert!(
        !bio.contains("people/quenby-iraola/"),
        "no self-link: {bio}"
    );
    assert!(
        bio.contains("people/bram-tessier/"),
        "others are linked: {bio}"
    );
}

#[test]
fn a_sentence_naming_the_person_twice_is_quoted_once() {
    let text = "Pier reopens\n\nBy Imaginary Writer\n\nMarch 3, 2031\n\n\
        Harbour warden Quenby Iraola said the pier had reopened, and Iraola thanked the divers.\n\n\
        Iraola said the repairs had ended.\n";
    let built = SiteTest::new().source("2031-03-03-pier", text).build();
    let page = built.read("people/quenby-iraola/index.html");
    assert_eq!(
        page.matches("thanked the divers").count(),
        1,
        "the sentence is quoted once: {page}"
    );
    assert!(
        page.contains("3 mentions"),
        "both mentions still count: {page}"
    );
    assert!(page.contains("repairs had ended"), "{page}");
}
