//! A person's name as an index lists it: a full name in, the name shown
//! family name first ("al-Sudani, Mohammed Shiaa") and the key it sorts by
//! out.
//!
//! Readers look people up by family name, so an index sorted that way must
//! also show it that way, or it looks unsorted. Name particles ("de", "van",
//! "al-") stay with the family name they belong to but do not decide where
//! it sorts ("de Mello" under M, "al-Sudani" under S), as English-language
//! indexes usually do. Names written family name first (East Asian names
//! such as a given name with a hyphen, "Kim Jong-un") are shown as written
//! and sorted by their first word. Generational suffixes ("Jr.") follow
//! the given names.

use crate::slug::fold;

/// How the index shows a name and the key it sorts by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexName {
    pub shown: String,
    pub key: String,
}

/// Lower-case words that belong to the family name that follows them.
const PARTICLES: &[&str] = &[
    "al", "bin", "binti", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "ten", "ter", "van", "von", "zu",
];

/// Prefixes joined to a family name by a hyphen ("al-Sadr").
const HYPHEN_PARTICLES: &[&str] = &["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-"];

/// Suffixes that follow a family name and belong after the given names.
const SUFFIXES: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];

/// Common family names of naming cultures that write the family name
/// first, limited to those that are rarely a Western given name.
const FAMILY_FIRST: &[&str] = &[
    "xi", "hu", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "xu", "sun", "ma",
    "zhu", "guo", "luo", "gao", "zheng", "liang", "xie", "tang", "deng", "feng", "cao", "peng",
    "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "ye", "cheng", "wei", "ding",
    "ren", "shen", "yao", "wen", "nguyen", "tran", "pham", "vu", "bui", "ngo", "duong",
];

pub fn index_name(name: &str) -> IndexName {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 || family_name_first(&words) {
        return IndexName {
            shown: words.join(" "),
            key: fold(name),
        };
    }
    let (words, suffix) = match words.split_last() {
        Some((last, rest)) if rest.len() >= 2 && SUFFIXES.contains(&fold(last).as_str()) => {
            (rest.to_vec(), Some(*last))
        }
        _ => (words, None),
    };
    let start = family_start(&words);
    let (given, family) = words.split_at(start);
    let family = family.join(" ");
    let given = given.join(" ");
    let shown = match suffix {
        Some(suffix) => format!("{family}, {given}, {suffix}"),
        None => format!("{family}, {given}"),
    };
    let key = format!("{} {}", fold(&sort_form(&family)), fold(&given));
    IndexName { shown, key }
}

/// Where the family name starts: the last word, with the particles before
/// it, always leaving at least one given name.
fn family_start(words: &[&str]) -> usize {
    let mut start = words.len() - 1;
    while start > 1 && PARTICLES.contains(&words[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    start
}

/// A family name as it sorts: without lower-case particles ("de Mello"
/// under M) or a hyphenated article ("al-Sudani" under S); a capitalised
/// particle is part of the name ("De Niro" under D).
fn sort_form(family: &str) -> String {
    let words: Vec<&str> = family.split_whitespace().collect();
    let first = words
        .iter()
        .position(|word| !PARTICLES.contains(word))
        .unwrap_or(words.len().saturating_sub(1));
    let rest = words[first..].join(" ");
    let lower = rest.to_lowercase();
    HYPHEN_PARTICLES
        .iter()
        .find(|prefix| lower.starts_with(*prefix) && lower.len() > prefix.len())
        .map_or(rest.clone(), |prefix| rest[prefix.len()..].to_string())
}

/// Whether a name is written family name first: a known family name of
/// such a culture followed by one given name, or a given name whose parts
/// are joined by a hyphen with a lower-case second part ("Jong-un").
fn family_name_first(words: &[&str]) -> bool {
    let hyphenated_given = |word: &str| {
        word.split_once('-').is_some_and(|(a, b)| {
            a.chars().next().is_some_and(char::is_uppercase)
                && b.chars().next().is_some_and(char::is_lowercase)
                && !HYPHEN_PARTICLES.contains(&format!("{}-", a.to_lowercase()).as_str())
        })
    };
    match words {
        [_, given] if hyphenated_given(given) => true,
        // Vietnamese names have up to two given names after the family name.
        [family, rest @ ..] if rest.len() <= 2 => FAMILY_FIRST.contains(&fold(family).as_str()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(name: &str) -> String {
        index_name(name).shown
    }

    #[test]
    fn shows_the_family_name_first_with_its_particles() {
        assert_eq!(
            shown("Mohammed Shiaa al-Sudani"),
            "al-Sudani, Mohammed Shiaa"
        );
        assert_eq!(shown("Sergio de Mello"), "de Mello, Sergio");
        assert_eq!(shown("Ursula von der Leyen"), "von der Leyen, Ursula");
        assert_eq!(shown("L. Paul Bremer"), "Bremer, L. Paul");
        assert_eq!(shown("Martin Luther King Jr."), "King, Martin Luther, Jr.");
        assert_eq!(shown("Robert De Niro"), "De Niro, Robert");
        assert_eq!(shown("Cher"), "Cher");
    }

    #[test]
    fn sorts_by_the_family_name_without_particles() {
        let key = |name| index_name(name).key;
        assert!(key("Sergio de Mello") > key("Nouri al-Maliki"));
        assert!(key("Mohammed Shiaa al-Sudani") > key("Moqtada al-Sadr"));
        assert!(key("Ali Sistani") < key("Mohammed Shiaa al-Sudani"));
        assert!(key("Tony Blair") < key("Ali Sistani"));
        assert!(key("Robert De Niro") < key("Tony Duke"));
    }

    #[test]
    fn keeps_names_written_family_name_first() {
        assert_eq!(shown("Kim Jong-un"), "Kim Jong-un");
        assert_eq!(shown("Xi Jinping"), "Xi Jinping");
        assert_eq!(index_name("Xi Jinping").key, "xi jinping");
        assert_eq!(shown("Nguyen Phu Trong"), "Nguyen Phu Trong");
        assert_eq!(shown("Kim Darroch"), "Darroch, Kim");
        assert_eq!(shown("Jean-Paul Sartre"), "Sartre, Jean-Paul");
    }
}
