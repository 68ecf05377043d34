//! A source's page links a person on their first mention only, and a date
//! only where it is written out with a number; the rest stays plain text,
//! and every mention still counts.

use crate::common::SiteTest;

const TEXT: &str = "Pier reopens\n\nBy Imaginary Writer\n\nMarch 3, 2031\n\n\
    Harbour warden Quenby Iraola said on Tuesday that the pier had reopened.\n\n\
    Iraola said the repairs began on 2 February 2031 and ended in March.\n\n\
    Quenby Iraola thanked the divers.\n";

#[test]
fn a_person_is_linked_once_and_only_written_out_dates_are_linked() {
    let built = SiteTest::new().source("2031-03-03-pier", TEXT).build();
    let page = built.read("sources/2031-03-03-pier/index.html");
    let body = &page[page.find("class=\"prose body\"").unwrap()..page.find("</article>").unwrap()];
    assert_eq!(
        body.matches("people/quenby-iraola/").count(),
        1,
        "the first mention only: {body}"
    );
    assert!(body.contains(">2 February 2031</a>"), "{body}");
    assert!(!body.contains(">Tuesday</a>"), "{body}");
    assert!(!body.contains(">March</a>"), "{body}");
    let person = built.read("people/quenby-iraola/index.html");
    assert!(
        person.contains("3 mentions"),
        "every mention still counts: {person}"
    );
}
