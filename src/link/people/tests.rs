//! Unit tests of the cross-article merge: hand-made article people in, pages out.

use super::*;

fn person(name: &str, aliases: &[&str], kind: PersonKind) -> DocPerson {
    DocPerson {
        name: name.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        role: None,
        kind,
        mentions: Vec::new(),
    }
}

fn subject(name: &str, aliases: &[&str]) -> DocPerson {
    person(name, aliases, PersonKind::Subject)
}

fn pages(merged: &[MergedPerson]) -> Vec<(&str, Vec<(usize, usize)>)> {
    merged
        .iter()
        .map(|m| (m.name.as_str(), m.members.clone()))
        .collect()
}

#[test]
fn merges_spellings_short_forms_and_middle_names() {
    let first = [
        subject("Mohammed Shiaa Al-Sudani", &["Al-Sudani"]),
        subject("Patrick Ryder", &["Ryder"]),
        subject("José María Aznar", &[]),
    ];
    let second = [
        subject("Mohammed al-Sudani", &["Sudani"]),
        person("thaier al-sudani", &[], PersonKind::Photographer),
        subject("Pat Ryder", &[]),
        subject("Jose Maria Aznar", &[]),
    ];
    let third = [subject("Sudani", &[]), subject("Saddam Hussein", &[])];
    let fourth = [subject("Mazen Hassan", &[])];
    let docs: [&[DocPerson]; 4] = [&first, &second, &third, &fourth];
    let merged = merge_people(&docs, &[], &MergeRules::default());
    assert_eq!(
        pages(&merged),
        vec![
            ("Mohammed Shiaa Al-Sudani", vec![(0, 0), (1, 0), (2, 0)]),
            ("Patrick Ryder", vec![(0, 1), (1, 2)]),
            ("José María Aznar", vec![(0, 2), (1, 3)]),
            ("Thaier al-Sudani", vec![(1, 1)]),
            ("Saddam Hussein", vec![(2, 1)]),
            ("Mazen Hassan", vec![(3, 0)]),
        ]
    );
    assert_eq!(merged[3].kind, PersonKind::Photographer);
    assert!(merged[0].aliases.contains(&"Sudani".to_string()));
}

#[test]
fn lone_surnames_stay_apart_when_ambiguous() {
    let first = [subject("John Smith", &[]), subject("Mary Smith", &[])];
    let second = [subject("Smith", &[])];
    let docs: [&[DocPerson]; 2] = [&first, &second];
    let merged = merge_people(&docs, &[], &MergeRules::default());
    assert_eq!(merged.len(), 3);
    assert_eq!(merged[2].members, vec![(1, 0)]);
}

#[test]
fn profiles_force_merges_prevent_them_and_remove_non_people() {
    let first = [
        subject("Abu Taqwa", &[]),
        subject("Mother Jones", &[]),
        subject("Jane Doe", &[]),
    ];
    let second = [
        subject("Mushtaq Talib Al-Saidi", &[]),
        subject("Jane M. Doe", &[]),
    ];
    let docs: [&[DocPerson]; 2] = [&first, &second];
    let profiles = [
        Profile {
            id: "saidi".into(),
            name: "Mushtaq Al-Saidi".into(),
            aliases: vec!["Abu Taqwa".into()],
            role: Some("commander".into()),
            ..Profile::default()
        },
        Profile {
            id: "jane".into(),
            name: "Jane Doe".into(),
            distinct: vec!["Jane M. Doe".into()],
            ..Profile::default()
        },
    ];
    let rules = MergeRules {
        not_people: vec!["mother jones".into()],
    };
    let merged = merge_people(&docs, &profiles, &rules);
    assert_eq!(
        pages(&merged),
        vec![
            ("Mushtaq Al-Saidi", vec![(0, 0), (1, 0)]),
            ("Jane Doe", vec![(0, 2)]),
            ("Jane M. Doe", vec![(1, 1)]),
        ]
    );
    assert_eq!(merged[0].role.as_deref(), Some("commander"));
    assert_eq!(merged[0].profile, Some(0));
}

#[test]
fn kind_is_subject_unless_only_credited() {
    let first = [person("Jane Doe", &[], PersonKind::Author)];
    let second = [
        subject("Jane Doe", &[]),
        person("Ann Lee", &[], PersonKind::Photographer),
    ];
    let docs: [&[DocPerson]; 2] = [&first, &second];
    let merged = merge_people(&docs, &[], &MergeRules::default());
    let kinds: Vec<PersonKind> = merged.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, vec![PersonKind::Subject, PersonKind::Photographer]);
}

#[test]
fn output_is_deterministic() {
    let first = [subject("B Person", &[]), subject("Anna Person", &[])];
    let docs: [&[DocPerson]; 1] = [&first];
    let once = merge_people(&docs, &[], &MergeRules::default());
    let again = merge_people(&docs, &[], &MergeRules::default());
    assert_eq!(once, again);
}

#[test]
fn a_name_written_in_one_case_is_shown_with_capitals() {
    let cases = [
        ("thaier al-sudani", "Thaier al-Sudani"),
        ("JOHN MOORE", "John Moore"),
        ("ana de la cruz", "Ana de la Cruz"),
        ("al-sadr", "Al-Sadr"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("jean-paul sartre", "Jean-Paul Sartre"),
        ("ÉLODIE DURAND", "Élodie Durand"),
        // Both cases: the writer's own form.
        ("Ayad allawi", "Ayad allawi"),
        ("Mohammed Shiaa al-Sudani", "Mohammed Shiaa al-Sudani"),
    ];
    for (written, shown) in cases {
        assert_eq!(cased(written), shown, "{written:?}");
    }
    // A photographer credited only in lower case gets a page under the cased name.
    let credited = [person("thaier al-sudani", &[], PersonKind::Photographer)];
    let docs: Vec<&[DocPerson]> = vec![&credited];
    let merged = merge_people(&docs, &[], &MergeRules::default());
    assert_eq!(merged[0].name, "Thaier al-Sudani");
    assert!(merged[0].aliases.contains(&"thaier al-sudani".to_string()));
}

#[test]
fn spellings_of_one_title_count_together_and_read_written_out() {
    let roles = |list: &[&str]| best_role(&list.iter().map(|r| r.to_string()).collect::<Vec<_>>());
    assert_eq!(
        roles(&["senator", "Sen.", "Senator", "lawyer", "lawyer"]).as_deref(),
        Some("Senator")
    );
    assert_eq!(
        roles(&["Sen.", "Sen.", "teacher"]).as_deref(),
        Some("Senator")
    );
    assert_eq!(roles(&["Maj. Gen."]).as_deref(), Some("Major General"));
    assert_eq!(roles(&["commander"]).as_deref(), Some("commander"));
}
