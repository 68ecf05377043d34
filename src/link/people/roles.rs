//! Roles read in full: a mention in its paragraph in, the role the text
//! gives beside it out, as a whole phrase in the case a title takes.
//!
//! Two places give a role: the title phrase right before the name
//! ("chief executive Ana Lima", "Italy's Prime Minister Ana Lima") and an
//! apposition right after it ("Ana Lima, the prime minister of Italy,").
//! A phrase is kept only when it ends in a title or role noun of the
//! lexicon. A title is shown in title case with its abbreviations written
//! out ("Sen." -> "Senator", "chief executive" -> "Chief Executive"); a
//! plain descriptor stays as the text writes it ("hedge fund manager"). The
//! country or organisation the text gives goes with it: "of Italy" after
//! the title, or a nationality before it ("Italian Prime Minister").

use super::{role_key, written_out};
use crate::extract::people::lexicon::{
    is_demonym, is_honorific, is_role_noun, is_title_word, word_key,
};

/// Words that make a title longer without being one on their own.
const TITLE_MODIFIERS: &[&str] = &[
    "chief",
    "vice",
    "deputy",
    "prime",
    "foreign",
    "finance",
    "treasury",
    "defense",
    "defence",
    "interior",
    "executive",
    "operating",
    "financial",
    "managing",
    "senior",
    "acting",
    "interim",
    "assistant",
    "associate",
    "attorney",
    "general",
    "health",
    "education",
    "justice",
    "trade",
    "labour",
    "labor",
    "economy",
    "energy",
    "culture",
    "transport",
    "home",
    "majority",
    "minority",
    "opposition",
    "party",
    "national",
    "security",
    "press",
    "communications",
    "hedge",
    "fund",
    "investment",
];

/// Words that stand between a title and what it is a title of.
const LINKS: &[&str] = &["of", "at", "for"];

/// The role the text gives beside the mention `start..end` of `text`.
pub fn role_near(text: &str, start: usize, end: usize) -> Option<String> {
    title_before(&text[..start]).or_else(|| apposition_after(&text[end..]))
}

/// A role as shown: its title words in title case and written out; a
/// descriptor with no title word as written.
pub fn canonical(role: &str) -> String {
    let role = role.trim();
    let words: Vec<&str> = role.split_whitespace().collect();
    let titled = words.iter().any(|w| {
        let key = word_key(w);
        is_title_word(&key) && !is_honorific(&key)
    });
    if !titled {
        return role.to_string();
    }
    words
        .iter()
        .map(|word| {
            let long = written_out(word);
            let as_written = LINKS.contains(&long.as_str())
                || matches!(long.as_str(), "the" | "and")
                || long.chars().any(char::is_uppercase);
            if as_written {
                long
            } else {
                title_case(&long)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two roles say the same thing: the words of the shorter (articles
/// and "former" aside) are all in the longer ("Treasury Secretary" and
/// "the former Treasury secretary").
pub fn roles_agree(a: &str, b: &str) -> bool {
    let words = |role: &str| -> Vec<String> {
        role_key(role)
            .split_whitespace()
            .filter(|w| !matches!(*w, "the" | "a" | "an" | "former" | "then" | "of" | "at"))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn is_head(word: &str) -> bool {
    let key = word_key(word);
    (is_title_word(&key) || is_role_noun(&key)) && !is_honorific(&key)
}

fn is_part(word: &str) -> bool {
    let key = word_key(word);
    is_head(word) || TITLE_MODIFIERS.contains(&key.as_str())
}

/// "… chief executive " before a name: the title words right before it,
/// with the country or nationality before them.
fn title_before(before: &str) -> Option<String> {
    // A title is a few words: read only the end of the text before the
    // name (a whole paragraph per mention would cost a long text dearly).
    let words: Vec<&str> = before.split_whitespace().rev().take(8).collect();
    let words: Vec<&str> = words.into_iter().rev().collect();
    // The name follows the title directly ("chief executive Ana"), not after a comma.
    if !before.ends_with(' ') {
        return None;
    }
    let mut first = words.len();
    while first > 0 {
        let word = words[first - 1];
        let stops = word.ends_with([',', ';', ':', ')', '"', '”'])
            || (word.ends_with('.') && !is_title_abbreviation(word));
        if stops || !is_part(word) || is_honorific(&word_key(word)) {
            // "Secretary of State", "Chief of Staff": a title over "of"
            // and a capitalised word is one title, not the last word alone.
            let over_link = first >= 2
                && first < words.len()
                && LINKS.contains(&word_key(word).as_str())
                && capitalised(words[first])
                && is_part(words[first - 2]);
            if over_link {
                first -= 1;
                continue;
            }
            break;
        }
        first -= 1;
    }
    let title = &words[first..];
    if !is_head(title.last()?) {
        return None;
    }
    let phrase = canonical(&title.join(" "));
    let before = first.checked_sub(1).map(|i| words[i]);
    let owner = before.and_then(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")));
    Some(match (owner, before) {
        (Some(place), _) if capitalised(place) => format!("{phrase} of {place}"),
        (_, Some(word)) if is_demonym(&word_key(word)) && capitalised(word) => {
            format!("{word} {phrase}")
        }
        _ => phrase,
    })
}

fn is_title_abbreviation(word: &str) -> bool {
    written_out(word) != word
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// ", the prime minister of Italy," after a name: the role noun phrase,
/// with what it is a role of when that is named with capitals.
pub(super) fn apposition_after(after: &str) -> Option<String> {
    let rest = after.strip_prefix(", ")?;
    let mut words = rest.split_whitespace().peekable();
    if let Some(&first) = words.peek() {
        if matches!(first, "the" | "a" | "an" | "its" | "his" | "her" | "their") {
            words.next();
        }
    }
    let mut phrase: Vec<&str> = Vec::new();
    let mut ended = false;
    for word in words.by_ref().take(6) {
        let bare = word.trim_end_matches([',', '.', ';', ':', ')', '"', '”']);
        if bare.is_empty() || capitalised(bare) && !is_part(bare) {
            return None;
        }
        phrase.push(bare);
        if bare.len() != word.len() {
            ended = true;
            break;
        }
        if LINKS.contains(&bare) {
            break;
        }
    }
    let linked = phrase.last().is_some_and(|w| LINKS.contains(w));
    let title = if linked {
        &phrase[..phrase.len() - 1]
    } else {
        &phrase[..]
    };
    if !(ended || linked) || !title.last().is_some_and(|w| is_head(w)) {
        return None;
    }
    let mut role = canonical(&title.join(" "));
    if linked {
        let owner: Vec<&str> = words
            .take(4)
            .map(|w| w.trim_end_matches([',', '.', ';', ':', ')', '"', '”']))
            .take_while(|w| capitalised(w) || *w == "the")
            .collect();
        let owner: Vec<&str> = owner.into_iter().skip_while(|w| *w == "the").collect();
        if !owner.is_empty() {
            role = format!("{role} {} {}", phrase[phrase.len() - 1], owner.join(" "));
        }
    }
    Some(role)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(text: &str, name: &str) -> Option<String> {
        let start = text.find(name).unwrap();
        role_near(text, start, start + name.len())
    }

    #[test]
    fn a_title_of_a_department_is_read_whole() {
        let text = "US Secretary of State Ana Lima spoke.";
        let start = text.find("Ana").unwrap();
        assert_eq!(
            role_near(text, start, start + 8).as_deref(),
            Some("US Secretary of State")
        );
        let text = "the Minister of Defence Ana Lima said";
        let start = text.find("Ana").unwrap();
        assert_eq!(
            role_near(text, start, start + 8).as_deref(),
            Some("Minister of Defence")
        );
    }

    #[test]
    fn reads_whole_titles_in_canonical_case() {
        let cases = [
            ("said chief executive Ana Lima.", Some("Chief Executive")),
            ("Sen. Ana Lima voted.", Some("Senator")),
            ("said senator Ana Lima.", Some("Senator")),
            (
                "Italy's Prime Minister Ana Lima spoke.",
                Some("Prime Minister of Italy"),
            ),
            (
                "the Italian prime minister Ana Lima spoke.",
                Some("Italian Prime Minister"),
            ),
            (
                "Ana Lima, the prime minister of Italy, spoke.",
                Some("Prime Minister of Italy"),
            ),
            (
                "Ana Lima, a hedge fund manager, spoke.",
                Some("hedge fund manager"),
            ),
            ("Ana Lima, Paris and Rome.", None),
            ("Yesterday Ana Lima spoke.", None),
        ];
        for (text, role) in cases {
            assert_eq!(near(text, "Ana Lima").as_deref(), role, "{text}");
        }
    }

    #[test]
    fn roles_agree_across_articles_and_former() {
        assert!(roles_agree("hedge fund manager", "a hedge fund manager"));
        assert!(roles_agree(
            "Treasury Secretary",
            "the former Treasury secretary"
        ));
        assert!(!roles_agree("hedge fund manager", "Treasury Secretary"));
    }
}
