//! The interface language: the `language` of `site.toml` and its `[strings]`
//! in, the theme's fixed words out ([`Strings`]): headings, labels, counts
//! ("3 sources", "1 source"), month names and date formats.
//!
//! The words live in one table per language, `en.toml` and `fr.toml` beside
//! this file, embedded in the program. English is the reference: every
//! other table has exactly its keys (a test checks). A language the program
//! has no table for falls back on its primary subtag (`fr-CA` reads `fr`),
//! then on English with a warning ([`overrides::problems`]). A site replaces
//! single words under `[strings]` in `site.toml`.

pub mod dates;
pub mod overrides;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::sync::{Arc, OnceLock};

pub use dates::date_label;

/// One of the languages the program has a table for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    French,
}

impl Language {
    /// Every language with a table, English first.
    pub const ALL: [Language; 2] = [Language::English, Language::French];

    /// The primary subtag the table is chosen by.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }

    fn table_text(self) -> &'static str {
        match self {
            Language::English => include_str!("en.toml"),
            Language::French => include_str!("fr.toml"),
        }
    }

    /// The language with a table for a BCP 47 tag: its primary subtag, in
    /// any case (`fr-CA`, `FR` read `fr`); `None` when there is none.
    pub fn of_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|language| primary.eq_ignore_ascii_case(language.code()))
    }

    /// True when a count of `n` takes the `one` form: English says "0
    /// sources", French "0 source".
    fn is_one(self, n: u64) -> bool {
        match self {
            Language::English => n == 1,
            Language::French => n <= 1,
        }
    }

    /// The built-in table, read once.
    fn table(self) -> &'static BTreeMap<String, Text> {
        static TABLES: [OnceLock<BTreeMap<String, Text>>; 2] = [OnceLock::new(), OnceLock::new()];
        let index = Language::ALL.iter().position(|l| *l == self).unwrap_or(0);
        TABLES[index].get_or_init(|| {
            let table: toml::Table = self
                .table_text()
                .parse()
                .expect("the built-in translation tables are valid TOML");
            table
                .into_iter()
                .filter_map(|(key, value)| Some((key, Text::from_toml(&value)?)))
                .collect()
        })
    }
}

/// One entry of a table: a text, or a count's forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    /// Chosen by the `n` it is given: `one` for a single thing (in French
    /// also for none), `other` for the rest.
    Counted {
        one: String,
        other: String,
    },
}

impl Text {
    /// A table's value as a text: a string, or a table of exactly `one` and
    /// `other` strings; `None` for anything else.
    pub fn from_toml(value: &toml::Value) -> Option<Text> {
        match value {
            toml::Value::String(text) => Some(Text::Plain(text.clone())),
            toml::Value::Table(forms) if forms.len() == 2 => Some(Text::Counted {
                one: forms.get("one")?.as_str()?.to_string(),
                other: forms.get("other")?.as_str()?.to_string(),
            }),
            _ => None,
        }
    }

    /// Every form's text.
    pub fn forms(&self) -> Vec<&str> {
        match self {
            Text::Plain(text) => vec![text],
            Text::Counted { one, other } => vec![one, other],
        }
    }
}

/// The fixed words of one site: a built-in table with the site's own words
/// put over it. Cheap to share ([`Arc`]).
#[derive(Clone)]
pub struct Strings {
    language: Language,
    /// The site's `[strings]` that replace a word of the table.
    replaced: HashMap<String, Text>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strings({})", self.language.code())
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings {
            language: Language::English,
            replaced: HashMap::new(),
        }
    }
}

impl Strings {
    /// The words for a site in `tag` with its `[strings]`. Entries that
    /// [`overrides::problems`] reports (an unknown key, a wrong shape) are
    /// left out: the table's word stands.
    pub fn new(tag: &str, site_strings: &BTreeMap<String, toml::Value>) -> Strings {
        let language = Language::of_tag(tag).unwrap_or(Language::English);
        let reference = Language::English.table();
        let replaced = site_strings
            .iter()
            .filter_map(|(key, value)| {
                let text = Text::from_toml(value)?;
                let same_shape =
                    std::mem::discriminant(reference.get(key)?) == std::mem::discriminant(&text);
                same_shape.then(|| (key.clone(), text))
            })
            .collect();
        Strings { language, replaced }
    }

    /// The language whose table is used.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The entry for `key`: the site's word, else the table's, else
    /// English's (a table that lacks a key is a bug the tests catch).
    pub fn entry(&self, key: &str) -> Option<&Text> {
        self.replaced
            .get(key)
            .or_else(|| self.language.table().get(key))
            .or_else(|| Language::English.table().get(key))
    }

    /// The text for `key` with `args` filled in, as plain text. A count
    /// takes its form from the `n` among `args`.
    pub fn text(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        let mut out = String::new();
        let form = self.form(key, args.iter().find(|(name, _)| *name == "n").map(|a| a.1));
        fill(
            &mut out,
            form,
            |out, literal| out.push_str(literal),
            |out, name| match args.iter().find(|(arg, _)| *arg == name) {
                Some((_, value)) => {
                    use std::fmt::Write;
                    let _ = write!(out, "{value}");
                    true
                }
                None => false,
            },
        );
        out
    }

    /// The form of `key` for the count `n` (shown as text), or the plain
    /// text; the key itself when no table has it.
    pub fn form<'s>(&'s self, key: &'s str, n: Option<&dyn Display>) -> &'s str {
        match self.entry(key) {
            Some(Text::Plain(text)) => text,
            Some(Text::Counted { one, other }) => {
                let count = n.and_then(|n| n.to_string().parse::<u64>().ok());
                match count {
                    Some(count) if self.language.is_one(count) => one,
                    _ => other,
                }
            }
            None => key,
        }
    }

    /// Whether a count of `n` takes the `one` form in this language.
    pub fn is_one(&self, n: u64) -> bool {
        self.language.is_one(n)
    }

    /// Every key of the reference table.
    pub fn keys() -> impl Iterator<Item = &'static str> {
        Language::English.table().keys().map(String::as_str)
    }

    /// The words the scripts of the theme use, as a JSON object, when they
    /// are not all the English ones; `None` for an English site, whose
    /// pages then carry no table (the scripts' own words are English).
    pub fn script_table(&self) -> Option<String> {
        let english = Strings::default();
        let differs = SCRIPT_KEYS
            .iter()
            .any(|key| self.entry(key) != english.entry(key));
        if !differs {
            return None;
        }
        let mut table = serde_json::Map::new();
        for key in SCRIPT_KEYS {
            let value = match self.entry(key) {
                Some(Text::Plain(text)) => serde_json::Value::from(text.as_str()),
                Some(Text::Counted { one, other }) => {
                    serde_json::json!({ "one": one, "other": other })
                }
                None => continue,
            };
            table.insert(key.to_string(), value);
        }
        // The scripts choose a count's form with the language's rule.
        table.insert("zero_is_one".into(), self.is_one(0).into());
        Some(serde_json::Value::Object(table).to_string())
    }
}

/// The keys `assets/theme.js` and `assets/search.js` read.
pub const SCRIPT_KEYS: &[&str] = &[
    "light_mode",
    "dark_mode",
    "copy",
    "copied",
    "copy_failed",
    "copy_citation_label",
    "people",
    "sources",
    "timeline",
    "pages",
    "search_prompt",
    "searching",
    "search_results",
    "search_nothing",
    "search_needs_server",
    "search_failed",
];

/// Writes `template` into `out`, its literal text through `literal` and
/// each `{name}` through `arg` (which says whether it knew the name; an
/// unknown `{name}` is kept as written).
pub fn fill<O>(
    out: &mut O,
    template: &str,
    mut literal: impl FnMut(&mut O, &str),
    mut arg: impl FnMut(&mut O, &str) -> bool,
) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        let is_name =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        literal(out, &rest[..open]);
        if !(is_name && arg(out, name)) {
            literal(out, &rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    literal(out, rest);
}

/// The cleaning stage's reason for removing a line ("page widget text"),
/// in the site's words: the key is `reason_` and the reason with every run
/// of other characters than letters and digits as `_`. A reason no table
/// has is shown as it is.
pub fn removal_reason(strings: &Strings, reason: &str) -> String {
    let key = reason_key(reason);
    match strings.entry(&key) {
        Some(_) => strings.text(&key, &[]),
        None => reason.to_string(),
    }
}

fn reason_key(reason: &str) -> String {
    let mut key = String::from("reason");
    for word in reason
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        key.push('_');
        key.push_str(&word.to_ascii_lowercase());
    }
    key
}

/// `text` with its first letter a capital: a label standing alone ("Mars
/// 2016" for the month a French sentence writes "mars 2016").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The `{name}`s a text fills in.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            names.push(name);
        }
        rest = &rest[close + 1..];
    }
    names
}

/// The site's words, made once per [`crate::config::Config`] on first use.
/// Its debug form is the same made or not, so that fingerprints of the
/// configuration do not change with it.
#[derive(Clone, Default)]
pub struct Interface(OnceLock<Arc<Strings>>);

impl Interface {
    /// The words for `tag` and `site_strings`, made on the first call.
    pub fn get(&self, tag: &str, site_strings: &BTreeMap<String, toml::Value>) -> &Arc<Strings> {
        self.0
            .get_or_init(|| Arc::new(Strings::new(tag, site_strings)))
    }
}

impl std::fmt::Debug for Interface {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Interface")
    }
}

#[cfg(test)]
mod tests;
