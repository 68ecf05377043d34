use super::*;
use crate::extract::dates::{DateValue, Modifier, Precision};
use jiff::civil::date;

fn strings(tag: &str, site_toml: &str) -> Strings {
    let table: toml::Table = site_toml.parse().unwrap();
    let site: BTreeMap<String, toml::Value> = table.into_iter().collect();
    Strings::new(tag, &site)
}

#[test]
fn every_language_has_every_key_in_the_same_shape_and_no_other() {
    let english = Language::English.table();
    for language in Language::ALL {
        let table = language.table();
        let text: toml::Table = language.table_text().parse().unwrap();
        assert_eq!(
            text.len(),
            table.len(),
            "{language:?}: a value that is not a text or count"
        );
        let missing: Vec<_> = english.keys().filter(|k| !table.contains_key(*k)).collect();
        let extra: Vec<_> = table.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{language:?} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{language:?} has keys English lacks: {extra:?}"
        );
        for (key, text) in table {
            let reference = &english[key];
            assert_eq!(
                std::mem::discriminant(reference),
                std::mem::discriminant(text),
                "{language:?} {key}: a count in one table and a text in the other"
            );
            let mut wanted: Vec<&str> = reference
                .forms()
                .into_iter()
                .flat_map(placeholders)
                .collect();
            wanted.sort();
            wanted.dedup();
            let mut given: Vec<&str> = text.forms().into_iter().flat_map(placeholders).collect();
            given.sort();
            given.dedup();
            // A language may leave out a placeholder ("hiver 2008-2009" needs
            // no two-digit year) but not add one nobody fills in.
            assert!(
                given
                    .iter()
                    .all(|name| wanted.contains(name) || key == "date_winter"),
                "{language:?} {key}: {given:?} not among {wanted:?}"
            );
            if key.ends_with("_html") || key.starts_with("not_found") {
                assert_eq!(given, wanted, "{language:?} {key}");
            }
        }
    }
}

#[test]
fn a_region_reads_its_language_and_an_unknown_tag_reads_english() {
    assert_eq!(strings("fr-CA", "").language(), Language::French);
    assert_eq!(strings("FR", "").language(), Language::French);
    assert_eq!(strings("en-GB", "").language(), Language::English);
    assert_eq!(strings("tlh", "").language(), Language::English);
    let warned = overrides::problems(
        "tlh",
        &BTreeMap::new(),
        "title = \"t\"\nlanguage = \"tlh\"\n",
    );
    assert_eq!(warned.len(), 1);
    assert_eq!(warned[0].line, Some(2));
    assert!(
        warned[0].message.contains("language = \"tlh\""),
        "{}",
        warned[0]
    );
    assert!(overrides::problems("fr-CA", &BTreeMap::new(), "").is_empty());
}

#[test]
fn counts_choose_their_form_by_the_languages_rule() {
    let en = strings("en", "");
    let fr = strings("fr", "");
    assert_eq!(en.text("sources_count", &[("n", &1)]), "1 source");
    assert_eq!(en.text("sources_count", &[("n", &0)]), "0 sources");
    assert_eq!(en.text("sources_count", &[("n", &3)]), "3 sources");
    assert_eq!(fr.text("people_named", &[("n", &0)]), "0 personne citée");
    assert_eq!(fr.text("people_named", &[("n", &2)]), "2 personnes citées");
}

#[test]
fn month_names_and_date_order_follow_the_language() {
    let fr = strings("fr", "");
    let day = DateValue::day(date(2026, 12, 8));
    assert_eq!(date_label(&fr, &day), "8 décembre 2026");
    assert_eq!(
        date_label(&fr, &DateValue::day(date(2026, 5, 1))),
        "1er mai 2026"
    );
    let month = DateValue {
        start: date(2008, 9, 1),
        precision: Precision::Month,
        modifier: Some(Modifier::Late),
    };
    assert_eq!(date_label(&fr, &month), "fin septembre 2008");
    let decade = DateValue {
        start: date(1930, 1, 1),
        precision: Precision::Decade,
        modifier: Some(Modifier::Early),
    };
    assert_eq!(date_label(&fr, &decade), "le début des années 1930");
    let winter = DateValue {
        start: date(2008, 12, 1),
        precision: Precision::Season,
        modifier: None,
    };
    assert_eq!(date_label(&fr, &winter), "hiver 2008-2009");
    let century = DateValue {
        start: date(1900, 1, 1),
        precision: Precision::Century,
        modifier: None,
    };
    assert_eq!(date_label(&fr, &century), "20e siècle");
}

#[test]
fn english_dates_read_as_they_always_did() {
    let en = Strings::default();
    let precisions = [
        Precision::Day,
        Precision::Week,
        Precision::Month,
        Precision::Season,
        Precision::Year,
        Precision::Decade,
        Precision::Century,
    ];
    let modifiers = [
        None,
        Some(Modifier::Early),
        Some(Modifier::Mid),
        Some(Modifier::Late),
    ];
    for start in [
        date(2024, 1, 1),
        date(2008, 12, 1),
        date(1930, 7, 21),
        date(1911, 3, 3),
    ] {
        for precision in precisions {
            for modifier in modifiers {
                let value = DateValue {
                    start,
                    precision,
                    modifier,
                };
                assert_eq!(date_label(&en, &value), value.label(), "{value:?}");
            }
        }
    }
}

#[test]
fn a_site_replaces_single_words_and_a_bad_entry_is_left_out() {
    let site = "whos_who = \"Les protagonistes\"\nsources_count = { one = \"{n} article\", other = \"{n} articles\" }\npeople = { one = \"x\", other = \"y\" }\n";
    let fr = strings("fr", site);
    assert_eq!(fr.text("whos_who", &[]), "Les protagonistes");
    assert_eq!(fr.text("sources_count", &[("n", &4)]), "4 articles");
    assert_eq!(
        fr.text("people", &[]),
        "Personnes",
        "a count where a text belongs is left out"
    );
}

#[test]
fn an_unknown_key_is_reported_on_its_line_with_the_nearest_key() {
    let site_toml = "title = \"t\"\nlanguage = \"fr\"\n\n[strings]\nwhos_wo = \"Qui\"\npeople_named = \"{n} personnes\"\nappears_with_note = \"Avec {nom}\"\n";
    let table: toml::Table = site_toml.parse().unwrap();
    let site: BTreeMap<String, toml::Value> = table["strings"]
        .as_table()
        .unwrap()
        .clone()
        .into_iter()
        .collect();
    let found = overrides::problems("fr", &site, site_toml);
    let messages: Vec<String> = found.iter().map(|d| format!("{d}")).collect();
    assert_eq!(found.len(), 3, "{messages:#?}");
    let unknown = found
        .iter()
        .find(|d| d.message.contains("whos_wo"))
        .unwrap();
    assert_eq!(unknown.line, Some(5));
    assert!(
        unknown.hint.as_deref().unwrap().contains("`whos_who`"),
        "{unknown}"
    );
    let count = found
        .iter()
        .find(|d| d.message.contains("people_named"))
        .unwrap();
    assert_eq!(count.line, Some(6));
    assert!(count.hint.as_deref().unwrap().contains("one = "), "{count}");
    let placeholder = found.iter().find(|d| d.message.contains("{nom}")).unwrap();
    assert_eq!(placeholder.line, Some(7));
    assert!(
        placeholder.hint.as_deref().unwrap().contains("{name}"),
        "{placeholder}"
    );
}

#[test]
fn scripts_get_a_table_only_when_a_word_is_not_english() {
    assert_eq!(strings("en", "").script_table(), None);
    let fr = strings("fr", "").script_table().unwrap();
    assert!(fr.contains("\"searching\":\"Recherche en cours…\""), "{fr}");
    assert!(fr.contains("\"zero_is_one\":true"), "{fr}");
    let replaced = strings("en", "copy = \"Copy this\"")
        .script_table()
        .unwrap();
    assert!(replaced.contains("Copy this"), "{replaced}");
}

#[test]
fn every_reason_the_cleaner_gives_has_a_word() {
    // The reasons are string literals in src/clean: every one that is
    // returned, passed to `Removed(...)` or named by a constant.
    let pattern =
        regex::Regex::new(r#"(?:Removed\(|Some\(|const [A-Z_]+: &str = )"([a-z][a-z' -]+)""#)
            .unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/clean");
    let mut reasons = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        // Only the code above the file's tests.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        reasons.extend(pattern.captures_iter(code).map(|c| c[1].to_string()));
    }
    assert!(reasons.len() > 20, "{reasons:?}");
    let english = Strings::default();
    for reason in &reasons {
        let key = reason_key(reason);
        assert!(
            english.entry(&key).is_some(),
            "no word for the reason `{reason}` ({key})"
        );
        assert_eq!(&removal_reason(&english, reason), reason);
    }
    assert_eq!(
        removal_reason(&strings("fr", ""), "page widget text"),
        "texte de module de page"
    );
}

#[test]
fn the_list_of_words_for_editors_has_every_key() {
    let list = include_str!("../../docs/translations.md");
    let missing: Vec<&str> = Strings::keys()
        .filter(|key| !list.contains(&format!("| `{key}` |")))
        .collect();
    assert!(missing.is_empty(), "docs/translations.md lacks {missing:?}");
}
