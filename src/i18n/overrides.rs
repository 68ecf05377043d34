//! What is wrong with a site's interface settings: the `language` and the
//! `[strings]` of `site.toml` (and its text, for line numbers) in, warnings
//! in an editor's words out. A warned entry is not used; the page keeps the
//! table's word, so a typo never stops a build.

use super::{placeholders, Language, Strings, Text};
use crate::diag::{nearest, Diagnostic};
use std::collections::BTreeMap;

const GUIDE: &str = "see \"Translations\" in docs/guide.md for every key";

/// Warnings for `language` and `site_strings`, `site_toml` being the text
/// of `site.toml`.
pub fn problems(
    language: &str,
    site_strings: &BTreeMap<String, toml::Value>,
    site_toml: &str,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if Language::of_tag(language).is_none() {
        found.push(
            Diagnostic::warning(
                "site.toml",
                setting_line(site_toml, None, "language"),
                format!(
                    "language = \"{language}\": Backstory has no translation of its own words \
                     (headings, labels, month names) in this language, so pages show them in English"
                ),
            )
            .hint(format!(
                "set language to one of {}, or translate the words one by one under [strings] ({GUIDE})",
                Language::ALL.map(|l| format!("\"{}\"", l.code())).join(", ")
            )),
        );
    }
    for (key, value) in site_strings {
        let line = setting_line(site_toml, Some("strings"), key);
        if let Some(message) = problem(key, value) {
            found.push(Diagnostic::warning("site.toml", line, message.0).hint(message.1));
        }
    }
    found
}

/// What is wrong with one entry of `[strings]`, and how to fix it.
fn problem(key: &str, value: &toml::Value) -> Option<(String, String)> {
    let english = Strings::default();
    let Some(reference) = english.entry(key) else {
        let near = nearest(key, Strings::keys(), 1);
        let hint = match near.first() {
            Some(near) => format!("did you mean `{near}`? ({GUIDE})"),
            None => format!("check the spelling: {GUIDE}"),
        };
        return Some((
            format!("[strings] has `{key}`, which is not one of the theme's words; it is left out"),
            hint,
        ));
    };
    let Some(text) = Text::from_toml(value) else {
        return Some(shape_problem(key, reference));
    };
    if std::mem::discriminant(reference) != std::mem::discriminant(&text) {
        return Some(shape_problem(key, reference));
    }
    let allowed: Vec<&str> = reference
        .forms()
        .into_iter()
        .flat_map(placeholders)
        .collect();
    let unknown = text
        .forms()
        .into_iter()
        .flat_map(placeholders)
        .find(|name| !allowed.contains(name))?;
    let takes = match allowed.is_empty() {
        true => "it takes none".to_string(),
        false => {
            let mut names: Vec<String> = allowed.iter().map(|n| format!("{{{n}}}")).collect();
            names.dedup();
            format!("it takes {}", names.join(", "))
        }
    };
    Some((
        format!("[strings] {key}: `{{{unknown}}}` is not filled in for this word, so it would show as written"),
        format!("{takes}; the English is {}", english_form(reference)),
    ))
}

fn shape_problem(key: &str, reference: &Text) -> (String, String) {
    match reference {
        Text::Plain(_) => (
            format!("[strings] {key} must be a text in quotes; it is left out"),
            format!("write it as {key} = \"…\"; the English is {}", english_form(reference)),
        ),
        Text::Counted { .. } => (
            format!(
                "[strings] {key} is a count, with one form for a single thing and one for several; it is left out"
            ),
            format!(
                "write it as {key} = {{ one = \"…\", other = \"…\" }}, each with {{n}} where the number goes; the English is {}",
                english_form(reference)
            ),
        ),
    }
}

fn english_form(text: &Text) -> String {
    match text {
        Text::Plain(text) => format!("\"{text}\""),
        Text::Counted { one, other } => format!("{{ one = \"{one}\", other = \"{other}\" }}"),
    }
}

/// The line of `key = ...` in `site.toml`: under the `[table]` header when
/// one is given, else before any header. `None` when it cannot be found
/// (a key written in another form, such as `strings.key = ...`).
pub fn setting_line(text: &str, table: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<&str> = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            current = header.split(']').next().map(str::trim);
            continue;
        }
        let Some((name, _)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim().trim_matches('"');
        if current == table && name == key {
            return Some(index + 1);
        }
    }
    None
}
