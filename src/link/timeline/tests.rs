//! Table-driven tests of the timeline policy, grouping and order.

use super::*;
use crate::extract::dates::Modifier;
use jiff::civil::date;

fn value(iso: &str) -> DateValue {
    let parts: Vec<i32> = iso
        .split(['-', 'W'])
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let (precision, start) = if iso.contains('W') {
        let week = jiff::civil::ISOWeekDate::new(
            parts[0] as i16,
            parts[1] as i8,
            jiff::civil::Weekday::Monday,
        )
        .unwrap();
        (Precision::Week, week.date())
    } else {
        match parts.as_slice() {
            [y] => (Precision::Year, date(*y as i16, 1, 1)),
            [y, m] => (Precision::Month, date(*y as i16, *m as i8, 1)),
            [y, m, d] => (Precision::Day, date(*y as i16, *m as i8, *d as i8)),
            _ => panic!("bad value {iso}"),
        }
    };
    DateValue {
        start,
        precision,
        modifier: None,
    }
}

fn occurrence<'a>(
    source: usize,
    mention: usize,
    iso: &str,
    text: &'a str,
    sentence: &'a str,
    people: &[usize],
) -> Occurrence<'a> {
    Occurrence {
        source,
        mention,
        value: value(iso),
        block_kind: BlockKind::Paragraph,
        text,
        sentence,
        sentence_range: 0..sentence.len(),
        people: people.to_vec(),
        words: grouping::sentence_words(sentence).into(),
        event: is_event_in(BlockKind::Paragraph, sentence, text),
    }
}

#[test]
fn policy_keeps_story_dates_only() {
    let cases = [
        (BlockKind::Paragraph, "Oct. 7", "U.S. and Iraqi officials were days away from talks when Hamas attacked Israel on Oct. 7.", true),
        (BlockKind::Quote, "Monday", "“We met on Monday,” he said.", true),
        (BlockKind::Caption, "2021", "The Joint Operational Command Center in Baghdad in 2021.", false),
        (BlockKind::Caption, "May 2016", "Divers inspected the sunken ferry in May 2016.", true),
        (BlockKind::Note, "11 January, 2024", "A version of this article appears in the 11 January, 2024 issue.", false),
        (BlockKind::Paragraph, "Jan. 17, 2024", "The Wall Street Journal, Jan. 17, 2024", false),
        (BlockKind::Paragraph, "5 Jan, 2020", "5 Jan, 2020 22:28", false),
        (BlockKind::Paragraph, "Tuesday 9 Jan 2024", "Nermeen Al-Mufti , Tuesday 9 Jan 2024", false),
        (BlockKind::Paragraph, "January 18, 2024", "Appeared in the January 18, 2024, print edition as 'Iraq Seeks Exit'.", false),
        (BlockKind::Paragraph, "2014", "Islamic State took Mosul in 2014.", true),
    ];
    for (kind, text, sentence, expected) in cases {
        let mut candidate = occurrence(0, 0, "2024-01-01", text, sentence, &[]);
        candidate.block_kind = kind;
        assert_eq!(is_event(&candidate), expected, "{sentence}");
    }
}

fn grouped(occurrences: &[Occurrence]) -> Vec<(String, Vec<usize>)> {
    build_entries(occurrences, &[])
        .into_iter()
        .map(|entry| (entry.value.iso(), entry.occurrences))
        .collect()
}

#[test]
fn groups_the_same_happening_across_sources_and_precisions() {
    let occurrences = [
        occurrence(3, 2, "2020-W01", "earlier this week", "The high-profile officials were killed in a US airstrike on the outskirts of Baghdad earlier this week.", &[]),
        occurrence(4, 20, "2020-01", "January 2020", "Then-President Donald Trump ordered a drone strike in January 2020 that killed Maj. Gen. Qassem Soleimani as he was leaving the Baghdad airport.", &[7, 8]),
        occurrence(3, 1, "2020-01-05", "Sunday", "A resolution calling for the withdrawal of foreign troops was adopted by the Iraqi parliament on Sunday.", &[]),
        occurrence(5, 0, "2020-01", "January 2020", "Oil prices rose in January 2020 as markets watched the Gulf.", &[]),
    ];
    assert_eq!(
        grouped(&occurrences),
        // The week starts on Monday 30 December 2019, before the month.
        vec![
            ("2020-W01".to_string(), vec![0, 1]),
            ("2020-01".to_string(), vec![3]),
            ("2020-01-05".to_string(), vec![2]),
        ]
    );
}

#[test]
fn groups_repeated_mentions_and_shared_people() {
    let occurrences = [
        occurrence(
            4,
            3,
            "2023-10-07",
            "Oct. 7",
            "The West had turned a blind eye before Hamas's Oct. 7 attack on Israel, he said.",
            &[],
        ),
        occurrence(
            4,
            13,
            "2023-10-07",
            "Oct. 7",
            "Officials were days away from talks when Hamas attacked Israel on Oct. 7.",
            &[],
        ),
        occurrence(
            1,
            5,
            "2024-01-08",
            "Monday",
            "The Pentagon said on Monday it had no plans to withdraw.",
            &[2],
        ),
        occurrence(
            4,
            16,
            "2024-01-08",
            "Monday",
            "Ryder spoke to reporters on Monday.",
            &[2],
        ),
        occurrence(2, 1, "2024-01-08", "Monday", "Markets fell on Monday.", &[]),
    ];
    assert_eq!(
        grouped(&occurrences),
        vec![
            ("2023-10-07".to_string(), vec![0, 1]),
            ("2024-01-08".to_string(), vec![2, 3]),
            ("2024-01-08".to_string(), vec![4]),
        ]
    );
}

#[test]
fn years_are_grouped_only_on_strong_agreement() {
    let occurrences = [
        occurrence(
            0,
            0,
            "2014",
            "2014",
            "The coalition was formed in 2014 to mentor Iraqi forces.",
            &[],
        ),
        occurrence(
            1,
            0,
            "2014",
            "2014",
            "Islamic State captured Mosul in 2014.",
            &[],
        ),
        occurrence(
            2,
            0,
            "2014",
            "2014",
            "Militants captured Mosul, Iraq's second city, in 2014.",
            &[9],
        ),
        occurrence(
            3,
            0,
            "2014-06",
            "June 2014",
            "Militants captured Mosul in June 2014.",
            &[9],
        ),
    ];
    assert_eq!(
        grouped(&occurrences),
        vec![
            ("2014".to_string(), vec![0]),
            ("2014".to_string(), vec![1]),
            ("2014".to_string(), vec![2]),
            ("2014-06".to_string(), vec![3]),
        ]
    );
    let mut agreeing = occurrences[2].clone();
    agreeing.source = 5;
    agreeing.sentence = "In 2014 militants captured Mosul, the second city.";
    let with_person = [occurrences[2].clone(), agreeing];
    assert_eq!(
        grouped(&with_person),
        vec![("2014".to_string(), vec![0, 1])]
    );
}

#[test]
fn editorial_events_stand_beside_extracted_ones_and_eras_are_bands() {
    let occurrences = [
        occurrence(
            0,
            0,
            "2003",
            "2003",
            "U.S. forces invaded Iraq in 2003.",
            &[],
        ),
        occurrence(
            0,
            1,
            "2011-12",
            "December 2011",
            "The last troops left in December 2011.",
            &[],
        ),
        occurrence(
            0,
            2,
            "2011-12-18",
            "Dec. 18",
            "The last convoy crossed into Kuwait on Dec. 18.",
            &[],
        ),
    ];
    let editorial = [
        EditorialEvent {
            id: "occupation".into(),
            title: "The occupation".into(),
            value: value("2003-03"),
            end: Some(value("2011-12")),
        },
        EditorialEvent {
            id: "invasion".into(),
            title: "The invasion begins".into(),
            value: value("2003-03-20"),
            end: None,
        },
        EditorialEvent {
            id: "year".into(),
            title: "A year of war".into(),
            value: DateValue {
                modifier: Some(Modifier::Early),
                ..value("2003")
            },
            end: None,
        },
    ];
    let entries: Vec<(String, Option<usize>, Vec<usize>)> = build_entries(&occurrences, &editorial)
        .into_iter()
        .map(|entry| (entry.value.iso(), entry.editorial, entry.occurrences))
        .collect();
    assert_eq!(
        entries,
        vec![
            ("2003".to_string(), Some(2), vec![]),
            ("2003".to_string(), None, vec![0]),
            ("2003-03-20".to_string(), Some(1), vec![]),
            ("2011-12".to_string(), None, vec![1]),
            ("2011-12-18".to_string(), None, vec![2]),
        ]
    );
    assert_eq!(eras(&editorial), vec![0]);
}

#[test]
fn order_does_not_depend_on_input_order() {
    let occurrences = vec![
        occurrence(
            1,
            0,
            "2019",
            "2019",
            "Militias began to attack U.S. troops in 2019.",
            &[],
        ),
        occurrence(
            0,
            0,
            "2019-03-01",
            "March 1",
            "A rally filled the square on March 1.",
            &[],
        ),
        occurrence(2, 0, "2019-03", "March", "Talks stalled in March.", &[]),
    ];
    let forward: Vec<String> = build_entries(&occurrences, &[])
        .iter()
        .map(|entry| {
            let first = &occurrences[entry.occurrences[0]];
            format!("{} {}", entry.value.iso(), first.sentence)
        })
        .collect();
    let reversed: Vec<Occurrence> = occurrences.iter().rev().cloned().collect();
    let backward: Vec<String> = build_entries(&reversed, &[])
        .iter()
        .map(|entry| {
            let first = &reversed[entry.occurrences[0]];
            format!("{} {}", entry.value.iso(), first.sentence)
        })
        .collect();
    assert_eq!(forward, backward);
    assert_eq!(
        forward
            .iter()
            .map(|line| line.split(' ').next().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["2019", "2019-03", "2019-03-01"]
    );
}

#[test]
fn edition_notes_are_found_as_lower_casing_would_find_them() {
    let sentences = [
        "Appeared in the January 18, 2024, print edition.",
        "A VERSION OF THIS ARTICLE APPEARS IN PRINT ON PAGE A1 AND IN THE EDITION OF MONDAY.",
        "The EdItIoN sold out.",
        "ED\u{130}T\u{130}ON in \u{212A}yiv",
        "Published In Print",
        "published in printing",
        "editio",
        "",
        "José said the edit ion was late; printed in Paris.",
    ];
    for sentence in sentences {
        let lower = sentence.to_lowercase();
        let expected = lower.contains("edition") || lower.contains(" in print");
        assert_eq!(is_edition_note(sentence), expected, "{sentence:?}");
    }
}

#[test]
fn grouping_splits_only_where_buckets_never_meet() {
    let s = "The council met about the budget.";
    let occurrences = [
        occurrence(0, 0, "2020", "2020", s, &[]),
        occurrence(0, 1, "2020-01-15", "Jan. 15", s, &[]),
        occurrence(0, 2, "2020-02-03", "Feb. 3", s, &[]),
        // ISO week 5 of 2020 runs from 27 January to 2 February.
        occurrence(0, 3, "2020-W05", "that week", s, &[]),
        occurrence(0, 4, "2020-03-09", "March 9", s, &[]),
        occurrence(0, 5, "2021", "2021", s, &[]),
    ];
    let order: Vec<usize> = (0..occurrences.len()).collect();
    let groups = independent_groups(&order, &occurrences);
    let mut groups: Vec<Vec<usize>> = groups;
    groups.sort();
    // The week ties January to February; March and each year stand alone.
    assert_eq!(groups, vec![vec![0], vec![1, 2, 3], vec![4], vec![5]]);
}

/// Entries as comparable values: value and occurrences.
fn entry_list(entries: &[Entry]) -> Vec<(String, Vec<usize>)> {
    entries
        .iter()
        .map(|e| (e.value.iso(), e.occurrences.clone()))
        .collect()
}

/// Person keys that differ from the people's numbers.
const PERSON_KEYS: [u64; 6] = [71, 72, 73, 74, 75, 76];

fn with_memo(memo: &GroupingMemo) -> Remembered<'_> {
    Remembered {
        memo,
        person_keys: &PERSON_KEYS,
    }
}

#[test]
fn remembered_groups_give_the_entries_a_fresh_grouping_gives() {
    let strike = "Dockworkers began a strike at the harbour over pay.";
    let vote = "The council voted on the harbour budget after a long debate.";
    let storm = "A storm closed the ferry terminal for the afternoon.";
    let mut occurrences = vec![
        occurrence(0, 0, "2020-01-15", "Jan. 15", strike, &[1]),
        occurrence(1, 0, "2020-01", "January", strike, &[]),
        occurrence(1, 1, "2020-03-09", "March 9", vote, &[2]),
        occurrence(2, 0, "2020-03-09", "March 9", vote, &[]),
        occurrence(2, 1, "2021", "2021", storm, &[]),
        occurrence(3, 0, "2021", "2021", storm, &[3]),
    ];
    let memo = GroupingMemo::default();
    let fresh = entry_list(&build_entries(&occurrences, &[]));
    assert_eq!(
        entry_list(&build_entries_with(
            &occurrences,
            &[],
            Some(with_memo(&memo))
        )),
        fresh
    );
    // The second time every group comes from the memo.
    assert_eq!(
        entry_list(&build_entries_with(
            &occurrences,
            &[],
            Some(with_memo(&memo))
        )),
        fresh
    );
    assert_eq!(memo.groups.lock().unwrap().len(), 3);

    // An edit that changes what March's sentences say splits that entry;
    // the other groups are remembered, and the result is still a fresh one's.
    occurrences[3] = occurrence(2, 0, "2020-03-09", "March 9", storm, &[]);
    let fresh = entry_list(&build_entries(&occurrences, &[]));
    let remembered = entry_list(&build_entries_with(
        &occurrences,
        &[],
        Some(with_memo(&memo)),
    ));
    assert_eq!(remembered, fresh);
    assert_eq!(
        fresh.iter().filter(|(iso, _)| iso == "2020-03-09").count(),
        2,
        "{fresh:?}"
    );
    // A source added before the others moves every index; positions still map back.
    occurrences.insert(0, occurrence(9, 0, "2019-05-01", "May 1", vote, &[]));
    let fresh = entry_list(&build_entries(&occurrences, &[]));
    assert_eq!(
        entry_list(&build_entries_with(
            &occurrences,
            &[],
            Some(with_memo(&memo))
        )),
        fresh
    );
}

#[test]
fn renumbered_people_keep_their_groups_remembered() {
    let strike = "Dockworkers began a strike at the harbour over pay.";
    let vote = "The council voted on the harbour budget after a long debate.";
    let occurrences = |people: [usize; 2]| {
        vec![
            occurrence(0, 0, "2020-01-15", "Jan. 15", strike, &[people[0]]),
            occurrence(1, 0, "2020-01-15", "Jan. 15", strike, &[people[0]]),
            occurrence(1, 1, "2020-03-09", "March 9", vote, &[people[1]]),
            occurrence(2, 0, "2020-03-09", "March 9", vote, &[people[0]]),
        ]
    };
    let memo = GroupingMemo::default();
    let before = occurrences([1, 2]);
    build_entries_with(&before, &[], Some(with_memo(&memo)));
    let keys = |memo: &GroupingMemo| {
        let mut keys: Vec<u64> = memo.groups.lock().unwrap().keys().copied().collect();
        keys.sort_unstable();
        keys
    };
    let remembered_keys = keys(&memo);
    // A person added before them: the same two people are now 2 and 3.
    let after = occurrences([2, 3]);
    let shifted = [0, 0, PERSON_KEYS[1], PERSON_KEYS[2]];
    let entries = build_entries_with(
        &after,
        &[],
        Some(Remembered {
            memo: &memo,
            person_keys: &shifted,
        }),
    );
    assert_eq!(keys(&memo), remembered_keys, "every group was found again");
    assert_eq!(
        entry_list(&entries),
        entry_list(&build_entries(&after, &[]))
    );
    // Two sentences that named different people now name one: not the same group.
    let merged = [0, 0, PERSON_KEYS[1], PERSON_KEYS[1]];
    build_entries_with(
        &after,
        &[],
        Some(Remembered {
            memo: &memo,
            person_keys: &merged,
        }),
    );
    assert_ne!(keys(&memo), remembered_keys);
}
