//! Issue #26 on invented sentences: which way a partial date points (tense,
//! "last", "this", anniversaries), the forms news use beyond days, months
//! and years (seasons, decades, centuries, year ranges, fiscal years,
//! numeric dates read by `date_order`), and no value before year 1.

use crate::common::dates::{article, found};
use backstory::extract::dates::{find_dates, find_dates_ordered, DateOrder};
use jiff::civil::{date, Date};

fn found_ordered(text: &str, order: Option<DateOrder>) -> Vec<String> {
    find_dates_ordered(&article(text), Some(date(2009, 3, 3)), order)
        .0
        .into_iter()
        .map(|mention| mention.value.iso())
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(words, value)| (words.to_string(), value.to_string()))
        .collect()
}

// 3 March 2009 is a Tuesday.
const TUESDAY: Date = date(2009, 3, 3);

#[test]
fn future_markers_point_forward_and_the_past_back() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        // "would" in reported speech looks ahead from the report.
        (
            "The mayor said the council would vote on Thursday.",
            &[("Thursday", "2009-03-05")],
        ),
        // A participle after "be" is not a past marker.
        (
            "The new ferry will be launched in October.",
            &[("October", "2009-10")],
        ),
        // The verb before the date governs it, not an "-ed" word after it.
        (
            "Ferries will run to the island by August in waters untouched by ice.",
            &[("August", "2009-08")],
        ),
        (
            "The engineers planned to inspect the bridge on Friday.",
            &[("Friday", "2009-03-06")],
        ),
        (
            "The bridge reopened on Friday after repairs.",
            &[("Friday", "2009-02-27")],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(found(text, TUESDAY), pairs(expected), "{text}");
    }
}

#[test]
fn a_weekday_after_a_name_is_a_date_unless_it_names_a_day() {
    assert_eq!(
        found("The Harbour Board Friday approved the plan.", TUESDAY),
        pairs(&[("Friday", "2009-02-27")])
    );
    assert_eq!(found("Crowds gathered on Good Friday.", TUESDAY), vec![]);
}

#[test]
fn an_anniversary_gives_the_earlier_day_only() {
    assert_eq!(
        found(
            "Ten years ago today the first ferry left the quay.",
            TUESDAY
        ),
        pairs(&[("Ten years ago today", "1999-03-03")])
    );
    // Without "today" the distance is counted at its own precision.
    assert_eq!(
        found("The first ferry left two weeks ago.", TUESDAY),
        pairs(&[("two weeks ago", "2009-W08")])
    );
}

#[test]
fn reads_seasons() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "The quay was rebuilt in the summer of 2006.",
            &[("summer of 2006", "2006-SU")],
        ),
        ("Work stopped last autumn.", &[("last autumn", "2008-FA")]),
        (
            "The board meets again this summer.",
            &[("this summer", "2009-SU")],
        ),
        // Winter 2009 runs from December 2008.
        (
            "The board cut staff in winter 2009.",
            &[("winter 2009", "2009-WI")],
        ),
        (
            "Repairs will resume in the spring.",
            &[("spring", "2009-SP")],
        ),
        ("The fall of the old regime changed the port.", &[]),
        ("Prices fall when the ferries stop.", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(found(text, TUESDAY), pairs(expected), "{text}");
    }
}

#[test]
fn reads_decades_centuries_and_year_ranges() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "The quay stood idle through the 1930s.",
            &[("1930s", "193")],
        ),
        ("Trade grew in the mid-2000s.", &[("mid-2000s", "200")]),
        ("It was a hit in the '80s.", &[("'80s", "198")]),
        (
            "The pier dates from the 20th century.",
            &[("20th century", "19")],
        ),
        (
            "The nineteenth century saw the first harbour.",
            &[("nineteenth century", "18")],
        ),
        (
            "Ferries ran in 1957-58 only.",
            &[("1957", "1957"), ("58", "1958")],
        ),
        (
            "The port was closed from 2003–2011.",
            &[("2003", "2003"), ("2011", "2011")],
        ),
        ("Tolls rose in fiscal 2008.", &[("2008", "2008")]),
        (
            "Tolls rise this fiscal year.",
            &[("this fiscal year", "2009")],
        ),
        (
            "The quay will be finished by the end of the year.",
            &[("end of the year", "2009")],
        ),
        (
            "Ferries return early next month.",
            &[("early next month", "2009-04")],
        ),
        (
            "Storms closed the port over the past week.",
            &[("past week", "2009-W09")],
        ),
        ("The board meets this week.", &[("this week", "2009-W10")]),
        (
            "The pier is older than this decade.",
            &[("this decade", "200")],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(found(text, TUESDAY), pairs(expected), "{text}");
    }
}

#[test]
fn wider_values_are_labelled_as_such() {
    let label = |text: &str| {
        find_dates(&article(text), Some(TUESDAY))
            .first()
            .map(|mention| mention.value.label())
    };
    assert_eq!(
        label("in the summer of 2012").as_deref(),
        Some("Summer 2012")
    );
    assert_eq!(label("in winter 2009").as_deref(), Some("Winter 2008–09"));
    assert_eq!(label("through the 1930s").as_deref(), Some("the 1930s"));
    assert_eq!(
        label("in the late 1960s").as_deref(),
        Some("the late 1960s")
    );
    assert_eq!(
        label("in the 20th century").as_deref(),
        Some("20th century")
    );
    assert_eq!(
        label("in the 21st century").as_deref(),
        Some("21st century")
    );
}

#[test]
fn numeric_dates_follow_the_date_order() {
    let text = "The board met on 04/05/2008.";
    assert_eq!(found_ordered(text, None), Vec::<String>::new());
    assert_eq!(
        found_ordered(text, Some(DateOrder::DayMonth)),
        ["2008-05-04"]
    );
    assert_eq!(
        found_ordered(text, Some(DateOrder::MonthDay)),
        ["2008-04-05"]
    );
    // A number over 12 can only be the day; the same number twice is one day.
    assert_eq!(
        found_ordered("It closed on 25/06/2008.", None),
        ["2008-06-25"]
    );
    assert_eq!(
        found_ordered("It closed on 06/25/2008.", None),
        ["2008-06-25"]
    );
    assert_eq!(
        found_ordered("It closed on 07.07.2008.", None),
        ["2008-07-07"]
    );
    assert_eq!(
        found_ordered("It opened on 2.10.2008.", Some(DateOrder::DayMonth)),
        ["2008-10-02"]
    );
}

#[test]
fn nothing_is_placed_before_year_one() {
    let text = "Last year the mill closed. Two years ago it flooded. \
                Yesterday it reopened, last month it sold, and it will sell again next year.";
    let mentions = find_dates(&article(text), Some(date(1, 1, 1)));
    assert!(
        mentions.iter().all(|mention| mention.value.year() >= 1),
        "{:?}",
        mentions
            .iter()
            .map(|mention| (&mention.text, mention.value.iso()))
            .collect::<Vec<_>>()
    );
    // What can be placed still is.
    assert!(mentions.iter().any(|mention| mention.value.iso() == "0002"));
}
