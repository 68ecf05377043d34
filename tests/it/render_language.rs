//! The interface language: the theme's fixed words follow `language` in
//! site.toml, a region tag reads its language, an unknown one reads English
//! with a warning, and a site replaces single words under `[strings]`.

use crate::common::site::{tree, SiteTest};
use std::path::Path;

/// The test site of tests/sites/basic, with `extra` added to its site.toml.
fn basic_site(extra: &str) -> SiteTest {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic");
    let mut site = SiteTest::new();
    for (rel, bytes) in tree(&root) {
        if rel == "site.toml" {
            let mut text = String::from_utf8(bytes).unwrap();
            text.push_str(extra);
            site = site.config(&text);
        } else if rel.starts_with("content/") {
            site = site.file(&rel, bytes);
        }
    }
    site
}

/// The pieces of every word of a table between its `{name}`s and tags,
/// as they would show on a page.
fn pieces(table: &str) -> Vec<String> {
    let table: toml::Table = table.parse().unwrap();
    let split = regex::Regex::new(r"\{[a-z_]+\}|<[^>]+>").unwrap();
    let mut pieces = Vec::new();
    for value in table.values() {
        let forms: Vec<&str> = match value {
            toml::Value::String(text) => vec![text],
            toml::Value::Table(forms) => forms.values().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        };
        for piece in forms.into_iter().flat_map(|form| split.split(form)) {
            let piece = piece.trim_matches(|c: char| " ,.:;·←→–\u{a0}".contains(c));
            if piece.chars().count() >= 3 {
                pieces.push(piece.to_string());
            }
        }
    }
    pieces.sort();
    pieces.dedup();
    pieces
}

/// What a reader sees or hears of a page: its text between tags and its
/// labels (`aria-label`, `placeholder`, `title`), scripts left out.
fn readable(page: &str) -> String {
    let page = regex::Regex::new(r"(?s)<script.*?</script>")
        .unwrap()
        .replace_all(page, "");
    let labels = regex::Regex::new(r#"(?:aria-label|placeholder|title)="([^"]*)""#).unwrap();
    let mut text: Vec<String> = labels
        .captures_iter(&page)
        .map(|c| c[1].to_string())
        .collect();
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    text.push(tags.replace_all(&page, "\n").into_owned());
    text.join("\n")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

#[test]
fn a_french_site_shows_no_english_fixed_word() {
    let built = basic_site("language = \"fr\"\n").build();
    let content: String = tree(&built.site.root().join("content"))
        .into_values()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    // A word the content itself uses could be the content's, and a word
    // French writes the same way ("Sources", "mention") proves nothing;
    // every other English word of the theme must be gone from every page.
    let french = pieces(include_str!("../../src/i18n/fr.toml"));
    let checked: Vec<String> = pieces(include_str!("../../src/i18n/en.toml"))
        .into_iter()
        .filter(|piece| !content.contains(piece.as_str()) && !french.contains(piece))
        .collect();
    for must in [
        "Who’s who",
        "Every mention",
        "Removed as page clutter",
        "Skip to content",
        "Page not found",
        "Month by month",
    ] {
        assert!(checked.iter().any(|p| p == must), "{must} is not checked");
    }
    let words: Vec<regex::Regex> = checked
        .iter()
        .map(|piece| {
            regex::Regex::new(&format!(r"(?:^|\W){}(?:\W|$)", regex::escape(piece))).unwrap()
        })
        .collect();
    let mut found = Vec::new();
    for (path, bytes) in built.tree() {
        if !path.ends_with(".html") {
            continue;
        }
        let text = readable(&String::from_utf8_lossy(&bytes));
        for (piece, word) in checked.iter().zip(&words) {
            if word.is_match(&text) {
                found.push(format!("{path}: {piece}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English words on French pages:\n{}",
        found.join("\n")
    );
    assert!(checked.len() > 150, "only {} words checked", checked.len());
}

#[test]
fn a_french_site_reads_french_with_french_dates() {
    let built = basic_site("language = \"fr\"\n").build();
    let home = built.read("index.html");
    assert!(home.contains("<html lang=\"fr\">"), "{home}");
    assert!(home.contains(">Qui est qui<"), "{home}");
    assert!(home.contains("Lire toute la chronologie"), "{home}");
    assert!(home.contains(">Chronologie</a>"), "the navigation: {home}");
    assert!(home.contains("2 mars 2021"), "a source card's date: {home}");
    let person = built.read("people/ana-lima/index.html");
    assert!(person.contains("Toutes les mentions"), "{person}");
    assert!(person.contains("3 mentions dans 2 sources"), "{person}");
    let source = built.read("sources/2021-03-02-harbour-daily-bridge-opens/index.html");
    assert!(
        source.contains("Retiré comme superflu de la page"),
        "{source}"
    );
    assert!(source.contains("aria-label=\"Paragraphe 1\""), "{source}");
    let timeline = built.read("timeline/index.html");
    assert!(timeline.contains("<h1>Chronologie</h1>"), "{timeline}");
    assert!(!timeline.contains("precision: "), "{timeline}");
    // The scripts get the words of the search page and the theme toggle.
    let search = built.read("search/index.html");
    assert!(search.contains("id=\"backstory-strings\""), "{search}");
    assert!(search.contains("Recherche en cours…"), "{search}");
    let not_found = built.read("404.html");
    assert!(
        not_found.contains("<h1>Page introuvable</h1>"),
        "{not_found}"
    );
}

#[test]
fn a_region_tag_reads_its_language() {
    let built = basic_site("language = \"fr-CA\"\n").build();
    let home = built.read("index.html");
    assert!(home.contains("<html lang=\"fr-CA\">"), "{home}");
    assert!(home.contains(">Qui est qui<"), "{home}");
    assert!(
        !built
            .report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("language")),
        "{:?}",
        built.report.diagnostics
    );
}

#[test]
fn an_unknown_language_reads_english_and_says_so() {
    let built = basic_site("language = \"tlh\"\n").build();
    let home = built.read("index.html");
    assert!(home.contains(">Who’s who<"), "{home}");
    assert!(
        !home.contains("backstory-strings"),
        "English pages carry no table"
    );
    let warning = built
        .report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("language = \"tlh\""))
        .unwrap_or_else(|| panic!("{:?}", built.report.diagnostics));
    assert!(!warning.is_error());
    assert!(warning.file.ends_with("site.toml"));
    assert_eq!(warning.line, Some(4), "{warning}");
    assert!(
        warning.hint.as_deref().unwrap().contains("\"fr\""),
        "{warning}"
    );
}

#[test]
fn a_site_replaces_single_words() {
    let built = basic_site(
        "language = \"fr\"\n\n[strings]\nwhos_who = \"Les protagonistes\"\n\
         mentions_count = { one = \"{n} citation\", other = \"{n} citations\" }\n",
    )
    .build();
    let home = built.read("index.html");
    assert!(home.contains(">Les protagonistes<"), "{home}");
    assert!(!home.contains("Qui est qui"), "{home}");
    let person = built.read("people/ana-lima/index.html");
    assert!(person.contains("3 citations dans 2 sources"), "{person}");
    // The other words stay French.
    assert!(person.contains("Toutes les mentions"), "{person}");
}

#[test]
fn check_names_an_unknown_word_on_its_line_with_the_nearest_key() {
    let site = basic_site("\n[strings]\nwhos_wh = \"The cast\"\n");
    let problems = site.check();
    let warning = problems
        .iter()
        .find(|d| d.message.contains("whos_wh"))
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert!(!warning.is_error());
    assert!(warning.file.ends_with("site.toml"));
    assert_eq!(warning.line, Some(6), "{warning}");
    assert!(
        warning.hint.as_deref().unwrap().contains("`whos_who`"),
        "{warning}"
    );
    // The word is left out and the build goes on in English.
    let built = site.build();
    assert!(built.read("index.html").contains(">Who’s who<"));
}

#[test]
fn an_overriding_template_can_use_the_words() {
    let built = basic_site("language = \"fr\"\n")
        .file(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ t(key=\"sources_count\", n=2) }} · {{ t(key=\"also_written\", names=\"<A & B>\") }}</p>{% endblock content %}",
        )
        .build();
    let page = built.read("about/index.html");
    assert!(
        page.contains("<p class=\"mine\">2 sources · Autres graphies\u{a0}: &lt;A &amp; B&gt;</p>"),
        "{page}"
    );
}

#[test]
fn cross_references_without_text_read_in_the_sites_language() {
    let built = basic_site("language = \"fr\"\n")
        .page(
            "liens",
            "+++\ntitle = \"Liens\"\n+++\nVoir [@page/timeline] et [@2021-03-02].\n",
        )
        .build();
    let page = built.read("liens/index.html");
    assert!(page.contains(">Chronologie</a>"), "{page}");
    assert!(page.contains(">2 mars 2021</a>"), "{page}");
}
