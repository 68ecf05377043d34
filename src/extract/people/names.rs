//! Comparison keys for personal names: a name as written in, its folded
//! surname and given-name keys out, and whether two names can be one person.
//!
//! Shared by the per-article finder and the cross-article merge so both agree
//! that "Mohammed Shiaa Al-Sudani", "Mohammed al-Sudani" and "Sudani" share a
//! surname, and that "Pat Ryder" and "Patrick Ryder" share a given name.

use super::lexicon::{
    given_names_match, is_family_name_first, is_glued_particle, is_name_suffix, is_particle,
    word_key,
};

/// The folded words of a name, particles and initials included ("al", "l").
fn words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(word_key)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Strips a glued particle ("al-sudani" -> "sudani") and any hyphen left.
fn strip_particle(word: &str) -> String {
    let mut rest = word;
    while let Some((prefix, tail)) = rest.split_once('-') {
        if is_glued_particle(prefix) && !tail.is_empty() {
            rest = tail;
        } else {
            break;
        }
    }
    rest.replace(['-', '\'', '’'], "")
}

/// True when `name` is written family name first ("Park Ji-hoon").
fn family_first(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    is_family_name_first(&words)
}

/// The folded surname: the last word, particles removed ("Al-Sudani" ->
/// "sudani"); the first word of a name written family name first.
pub fn surname_key(name: &str) -> String {
    if family_first(name) {
        return words(name)
            .first()
            .map(|w| strip_particle(w))
            .unwrap_or_default();
    }
    words(name)
        .iter()
        .rev()
        .find(|w| !is_particle(w) && !is_name_suffix(w))
        .map(|w| strip_particle(w))
        .unwrap_or_default()
}

/// The folded given name ("Pat Ryder" -> "pat"); `None` for a lone surname.
/// An initial gives a one-letter key ("L. Paul Bremer" -> "l").
pub fn given_key(name: &str) -> Option<String> {
    let words = words(name);
    if words.len() < 2 {
        return None;
    }
    if family_first(name) {
        return Some(words[1..].iter().map(|w| strip_particle(w)).collect());
    }
    let first = words.first()?;
    Some(strip_particle(first))
}

/// True when two given-name keys can name the same person: equal, short
/// forms of one name, or one is the other's initial.
pub fn given_names_agree(a: &str, b: &str) -> bool {
    if given_names_match(a, b) {
        return true;
    }
    let initial = |short: &str, long: &str| short.len() == 1 && long.starts_with(short);
    initial(a, b) || initial(b, a)
}

/// True when two full names (each with a given name) can be one person.
pub fn full_names_agree(a: &str, b: &str) -> bool {
    NameKeys::of(a).agree(&NameKeys::of(b))
}

/// The keys [`full_names_agree`] compares, worked out once for a name that
/// is compared with many others.
#[derive(Debug, Clone, PartialEq)]
pub struct NameKeys {
    surname: String,
    given: Option<String>,
    middle: Option<String>,
}

impl NameKeys {
    pub fn of(name: &str) -> Self {
        NameKeys {
            surname: surname_key(name),
            given: given_key(name),
            middle: middle_key(name),
        }
    }

    /// The folded surname, as [`surname_key`] gives it.
    pub fn surname(&self) -> &str {
        &self.surname
    }

    /// [`full_names_agree`] for the names these keys (first) and `other` (second) came from.
    pub fn agree(&self, other: &NameKeys) -> bool {
        if self.surname.is_empty() || self.surname != other.surname {
            return false;
        }
        let given_agree = match (&self.given, &other.given) {
            (Some(x), Some(y)) => given_names_agree(x, y),
            _ => true,
        };
        // "John A. Smith" and "John B. Smith" are two people; a middle name
        // present on one side only says nothing.
        let middles_agree = match (&self.middle, &other.middle) {
            (Some(x), Some(y)) => given_names_agree(x, y),
            _ => true,
        };
        given_agree && middles_agree
    }
}

/// The first middle word ("Nicolas J.S. Davies" -> "js"), particles skipped.
fn middle_key(name: &str) -> Option<String> {
    if family_first(name) {
        return None;
    }
    let mut words = words(name);
    while words.last().is_some_and(|w| is_name_suffix(w)) {
        words.pop();
    }
    if words.len() < 3 {
        return None;
    }
    words[1..words.len() - 1]
        .iter()
        .find(|w| !is_particle(w))
        .map(|w| strip_particle(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let cases = [
            ("Mohammed Shiaa Al-Sudani", "sudani", Some("mohammed")),
            ("Sudani", "sudani", None),
            ("Bashar al Assad", "assad", Some("bashar")),
            ("Pat Ryder", "ryder", Some("pat")),
            ("José María Aznar", "aznar", Some("jose")),
            ("Abdel-Ameer Al-Majar", "majar", Some("abdelameer")),
            ("L. Paul Bremer", "bremer", Some("l")),
            ("Martin Luther King Jr", "king", Some("martin")),
            ("Park Ji-hoon", "park", Some("jihoon")),
            ("Chen Zhiwei", "chen", Some("zhiwei")),
            ("Chen Smith", "smith", Some("chen")),
            ("Nguyen Thi Hoa", "nguyen", Some("thihoa")),
        ];
        for (name, surname, given) in cases {
            assert_eq!(surname_key(name), surname, "surname of {name}");
            assert_eq!(given_key(name).as_deref(), given, "given name of {name}");
        }
    }

    #[test]
    fn agreement() {
        let cases = [
            ("Patrick Ryder", "Pat Ryder", true),
            ("Mohammed Shiaa Al-Sudani", "Mohammed al-Sudani", true),
            ("thaier al-sudani", "Mohammed al-Sudani", false),
            ("Saddam Hussein", "Mazen Hassan", false),
            ("Jose Maria Aznar", "José María Aznar", true),
            ("Michael R. Gordon", "M. Gordon", true),
            ("Mary Smith", "John Smith", false),
            ("John A. Smith", "John B. Smith", false),
            ("John A. Smith", "John Smith", true),
            ("Park Ji-hoon", "Park Soo-yeon", false),
            ("Kim Jong-un", "Kim Jong Un", true),
        ];
        for (a, b, expected) in cases {
            assert_eq!(full_names_agree(a, b), expected, "{a} / {b}");
        }
    }
}
