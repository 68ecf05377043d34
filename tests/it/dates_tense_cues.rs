//! Issue #26 on invented sentences: the words that tell which way a date
//! without a year points. A preposition right before it ("since", "by",
//! "until"), an intention before "to" ("agreed to"), an "-ed" adjective
//! that is not the verb ("an unspecified date"), a participle after "be"
//! ("will be paid"), irregular past forms ("bought"); and the forms that
//! are not dates ("to fall", "each Thursday") or are counted from the
//! text ("the next morning", "the week of March 6").

use crate::common::dates::found;
use jiff::civil::{date, Date};

fn check(cases: &[(&str, &[(&str, &str)])]) {
    for (text, expected) in cases {
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(words, value)| (words.to_string(), value.to_string()))
            .collect();
        assert_eq!(found(text, WEDNESDAY), expected, "{text}");
    }
}

// 28 October 2009 is a Wednesday.
const WEDNESDAY: Date = date(2009, 10, 28);

#[test]
fn the_preposition_before_a_date_says_its_direction() {
    check(&[
        // "since" looks back even in a sentence about what will be.
        (
            "Prices will stay where they have been since November.",
            &[("November", "2008-11")],
        ),
        // A deadline is still to come though the sentence tells the past.
        (
            "The agency gave the bank until mid-November to reply.",
            &[("mid-November", "2009-11")],
        ),
        (
            "The board said the loan must be repaid by February.",
            &[("February", "2010-02")],
        ),
        // In the past perfect the deadline is behind the story.
        (
            "Thirty members had filed their reports by Monday.",
            &[("Monday", "2009-10-26")],
        ),
    ]);
}

#[test]
fn intentions_before_to_point_forward() {
    check(&[
        (
            "The council agreed to sell the old depot in February.",
            &[("February", "2010-02")],
        ),
        (
            "The union voted to strike in January.",
            &[("January", "2010-01")],
        ),
    ]);
}

#[test]
fn adjectives_and_participles_are_not_the_verb() {
    check(&[
        // "unspecified" after "a still" is an adjective, "made" after
        // "be" a participle: "would" governs the month.
        (
            "The payment would be made on a still unspecified date in January.",
            &[("January", "2010-01")],
        ),
        // "planned" after a determiner describes the trip.
        (
            "She set aside the hastily planned trip on Friday.",
            &[("Friday", "2009-10-23")],
        ),
        // A plan's date.
        (
            "A second hearing is planned for Friday.",
            &[("Friday", "2009-10-30")],
        ),
    ]);
}

#[test]
fn irregular_past_forms_look_back() {
    check(&[
        (
            "The group bought the plant in February, and it plans to grow.",
            &[("February", "2009-02")],
        ),
        // Passive after "will be": not a past form.
        (
            "The plant will be sold in February.",
            &[("February", "2010-02")],
        ),
    ]);
}

#[test]
fn verbs_and_repeated_days_are_not_dates() {
    check(&[
        ("Prices began to fall again.", &[]),
        ("The ferry sails each Thursday and every Sunday.", &[]),
        // A season after "the" is still one.
        ("The ferry stopped in the fall.", &[("fall", "2009-FA")]),
    ]);
}

#[test]
fn days_counted_from_the_text() {
    check(&[
        (
            "The mayor arrived on Monday. The next morning she left.",
            &[("Monday", "2009-10-26"), ("The next morning", "2009-10-27")],
        ),
        // 6 March 2010 is a Saturday, in ISO week 9.
        (
            "Talks are planned for the week of March 6.",
            &[("the week of March 6", "2010-W09")],
        ),
        (
            "The fair opened in the week of 12 May 2008.",
            &[("the week of 12 May 2008", "2008-W20")],
        ),
    ]);
}
