//! Issue #26, second pass, on sentences written for these tests: which way a
//! day without a year points when the sentence is in the past, words that
//! mark the future only before "to", the verb nearest to a date, figures
//! compared "a year earlier", named holidays, years and decades in words,
//! and "Sept." inside a sentence.

use crate::common::dates::{article, found};
use backstory::extract::dates::find_dates_with_sentences;
use jiff::civil::{date, Date};

fn check(published: Date, cases: &[(&str, &[(&str, &str)])]) {
    for (text, expected) in cases {
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(words, value)| (words.to_string(), value.to_string()))
            .collect();
        assert_eq!(found(text, published), expected, "{text}");
    }
}

// 3 March 2009 is a Tuesday.
const TUESDAY: Date = date(2009, 3, 3);

#[test]
fn a_day_without_a_year_in_a_past_sentence_is_the_one_before() {
    // The next 31 March is nearer to 1 November, but the year has ended.
    check(
        date(2023, 11, 1),
        &[(
            "The ferry company lost money in the year ended March 31.",
            &[("March 31", "2023-03-31")],
        )],
    );
}

#[test]
fn plan_and_next_mark_the_future_only_before_to() {
    check(
        TUESDAY,
        &[
            // "next to" is a place, not a time.
            (
                "On Friday, a blast next to the station hurt two people.",
                &[("Friday", "2009-02-27")],
            ),
            // "plans" without "to" is a noun.
            (
                "On Friday, the minister cut short her holiday plans.",
                &[("Friday", "2009-02-27")],
            ),
            // "set to", "to be": what is scheduled lies ahead.
            (
                "Talks between the two unions are set to resume on Monday.",
                &[("Monday", "2009-03-09")],
            ),
            (
                "The union said the rules, to be published in November, settle it.",
                &[("November", "2009-11")],
            ),
        ],
    );
}

#[test]
fn a_verb_right_after_the_date_outweighs_a_far_one_before() {
    check(
        date(2009, 3, 10),
        &[(
            "Officials hoped the visit would bring aid to the towns where the March 1 floods destroyed homes.",
            &[("March 1", "2009-03-01")],
        )],
    );
}

#[test]
fn figures_compared_a_year_earlier_name_no_year() {
    check(
        TUESDAY,
        &[
            (
                "Sales rose to $4.2 million from $3.1 million a year earlier.",
                &[],
            ),
            ("The port handled 40 ships, up from seven a year ago.", &[]),
            // Not a comparison: the year before publication.
            ("A year ago the mill closed.", &[("A year ago", "2008")]),
        ],
    );
}

#[test]
fn reads_named_holidays() {
    check(
        TUESDAY,
        &[
            (
                "The ferry stopped running after Thanksgiving.",
                &[("Thanksgiving", "2008-11-27")],
            ),
            (
                "Shops will close on Christmas Day.",
                &[("Christmas Day", "2009-12-25")],
            ),
            (
                "The mill has not reopened since last Easter.",
                &[("last Easter", "2008-03-23")],
            ),
            ("Christmas shopping fell sharply.", &[]),
        ],
    );
}

#[test]
fn reads_years_and_decades_in_words() {
    check(
        TUESDAY,
        &[
            (
                "The quay was rebuilt in nineteen ninety-six.",
                &[("nineteen ninety-six", "1996")],
            ),
            (
                "By the year two thousand the port had closed.",
                &[("the year two thousand", "2000")],
            ),
            ("Trade boomed in the nineties.", &[("the nineties", "199")]),
        ],
    );
}

#[test]
fn sept_with_a_day_does_not_end_the_sentence() {
    let text = "As of Sept. 30, the port had 40 ferries. It grew.";
    check(date(2009, 10, 27), &[(text, &[("Sept. 30", "2009-09-30")])]);
    // The timeline quotes the sentence around a date: all of it, not "As of Sept.".
    let (_, sentences) = find_dates_with_sentences(&article(text), Some(date(2009, 10, 27)));
    let quoted: Vec<&str> = sentences.into_iter().map(|range| &text[range]).collect();
    assert_eq!(quoted, ["As of Sept. 30, the port had 40 ferries."]);
}

#[test]
fn the_past_week_is_the_iso_week_holding_most_of_its_days() {
    // Published on Friday 6 March 2009: five of the past seven days are in
    // that week, so "the past week" is it; on Tuesday, the week before.
    check(
        date(2009, 3, 6),
        &[(
            "Storms closed the port over the past week.",
            &[("past week", "2009-W10")],
        )],
    );
    check(
        TUESDAY,
        &[(
            "Storms closed the port over the past week.",
            &[("past week", "2009-W09")],
        )],
    );
}

/// Coverage of a form the issue names ("the following decade"), which
/// main already read: counted from the date given before.
#[test]
fn the_following_decade_counts_from_the_date_before() {
    check(
        TUESDAY,
        &[(
            "The port opened in 1950. The following decade it doubled its trade.",
            &[("1950", "1950"), ("following decade", "196")],
        )],
    );
}
