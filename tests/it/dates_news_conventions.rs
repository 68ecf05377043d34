//! Issue #26, second round on invented news sentences: the readings TimeML
//! annotators give that a timeline shares. A month with "this/next/last
//! year" is one date; a year that only qualifies a reporting period is a
//! figure's, not an event's; "today's world" and programme titles are not
//! days; counted decades land on a year.

use crate::common::dates::found;
use jiff::civil::{date, Date};

// 3 March 2009 is a Tuesday.
const TUESDAY: Date = date(2009, 3, 3);

fn check(cases: &[(&str, &[(&str, &str)])]) {
    for (text, expected) in cases {
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(words, value)| (words.to_string(), value.to_string()))
            .collect();
        assert_eq!(found(text, TUESDAY), expected, "{text}");
    }
}

#[test]
fn a_month_with_a_relative_year_is_one_date() {
    check(&[
        (
            "The members join in April next year, after the vote in early October this year.",
            &[
                ("April next year", "2010-04"),
                ("early October this year", "2009-10"),
            ],
        ),
        (
            "The coup came in July of last year.",
            &[("July of last year", "2008-07")],
        ),
    ]);
}

#[test]
fn a_year_that_only_names_a_reporting_period_is_no_date() {
    check(&[
        (
            "In the 1988 third quarter, the company lost $876,706.",
            &[],
        ),
        (
            "In the 1988 period, it earned $20.6 million.",
            &[],
        ),
        (
            "Net sales for this year's third quarter fell, a 13% increase over last year's $1.55 billion.",
            &[],
        ),
        // The quarter before the year still dates an event.
        (
            "It stopped paying a dividend in the third quarter of 1984.",
            &[("1984", "1984")],
        ),
        ("The plant closed in 1988 after a strike.", &[("1988", "1988")]),
    ]);
}

#[test]
fn today_as_an_age_and_titles_are_not_days() {
    check(&[
        ("He said the case is for today's youth a lesson.", &[]),
        ("I would have chosen the people of tomorrow, he said.", &[]),
        (
            "Mr. Baker, speaking on ABC News' \"This Week,\" said the request was legal.",
            &[],
        ),
        ("Today's meeting was cancelled.", &[("Today", "2009-03-03")]),
        ("The board met this week.", &[("this week", "2009-W10")]),
    ]);
}

#[test]
fn counted_decades_land_on_a_year() {
    check(&[
        (
            "A decade ago, the town had no bridge.",
            &[("A decade ago", "1999")],
        ),
        (
            "The mill closed two decades ago.",
            &[("two decades ago", "1989")],
        ),
        ("The last decade was hard.", &[]),
    ]);
}

#[test]
fn a_month_or_season_takes_a_spelled_year() {
    check(&[
        (
            "Prices fell in January nineteen ninety-seven.",
            &[("January nineteen ninety-seven", "1997-01")],
        ),
        (
            "It snowed all through the winter of nineteen ninety-four.",
            &[("winter of nineteen ninety-four", "1994-WI")],
        ),
    ]);
}

#[test]
fn effective_points_forward_and_a_march_is_no_month() {
    check(&[
        (
            "The company created a new office, effective Feb. 1.",
            &[("Feb. 1", "2010-02-01")],
        ),
        ("Police watched the annual March for Life closely.", &[]),
        ("She walked at the head of the March of the Mothers.", &[]),
        (
            "The talks stalled in March for lack of funds.",
            &[("March", "2009-03")],
        ),
    ]);
}

#[test]
fn a_schedule_in_the_present_points_forward() {
    check(&[
        (
            "The minister said the law takes effect in June.",
            &[("June", "2009-06")],
        ),
        (
            "Officials said the new terminal opens on Friday.",
            &[("Friday", "2009-03-06")],
        ),
        (
            "The terminal opened on Friday.",
            &[("Friday", "2009-02-27")],
        ),
        // "nearly" holds no "early".
        (
            "The bid came nearly two weeks ago.",
            &[("two weeks ago", "2009-W08")],
        ),
    ]);
}

#[test]
fn last_with_the_month_before_publication_is_a_year_back() {
    check(&[
        (
            "Two helicopters crashed last February.",
            &[("last February", "2008-02")],
        ),
        (
            "The plant closed last January.",
            &[("last January", "2009-01")],
        ),
        (
            "The two leaders meet separately Monday.",
            &[("Monday", "2009-03-09")],
        ),
    ]);
}

#[test]
fn an_infinitive_takes_the_time_of_its_verb() {
    check(&[(
        "It was hard for the firm to meet demand on Friday.",
        &[("Friday", "2009-02-27")],
    )]);
}

#[test]
fn a_year_after_post_or_pre_is_a_date() {
    check(&[
        (
            "The post-1959 government seized the farms.",
            &[("1959", "1959")],
        ),
        ("Part a-2014 was replaced.", &[]),
    ]);
}

#[test]
fn a_planned_event_is_still_to_come() {
    check(&[
        (
            "They talked about the slated visit of the minister in September.",
            &[("September", "2009-09")],
        ),
        (
            "The unplanned stop came in September.",
            &[("September", "2008-09")],
        ),
    ]);
}
