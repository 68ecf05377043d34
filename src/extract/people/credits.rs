//! Photo credits: a caption's credit ("John Moore/Getty Images") or a credit
//! left in the body text ("Photo: John Moore/Getty Images") in, the
//! photographer's name out. Agencies alone ("Reuters", "U.S. Army") are not people.

use super::lexicon::{is_first_name, is_organisation_word, is_stop_word, word_key};
use super::tokens::Token;

/// The photographer named in a credit string, if any part of it is a person's name.
pub fn photographer_in_credit(credit: &str) -> Option<String> {
    credit
        .split('/')
        .map(str::trim)
        .find(|part| looks_like_person(part))
        .map(str::to_string)
}

/// True for two to four plain words, any case, none an organisation word.
/// A credit set in capitals ("JOHN MOORE/GETTY IMAGES") names a person
/// only when its first word is a given name: in capitals an agency's
/// initials look like any other word.
fn looks_like_person(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    let capitals = !part.chars().any(char::is_lowercase);
    if capitals
        && !words
            .first()
            .is_some_and(|first| is_first_name(&word_key(first)))
    {
        return false;
    }
    (2..=4).contains(&words.len())
        && words.iter().all(|word| {
            let key = word_key(word);
            let plain = word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
            let acronym = !capitals
                && word.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !word.chars().any(char::is_lowercase);
            plain
                && !acronym
                && !key.is_empty()
                && !is_organisation_word(&key)
                && !is_stop_word(&key)
        })
}

/// A credit written in the body: "Photo: Name Name/Agency". Returns the byte
/// span of the name and the token range it covers.
pub fn credits_in_text(
    text: &str,
    tokens: &[Token],
) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        // The colon first: it rules out nearly every token at once.
        let is_label = token.trail.starts_with(':')
            && matches!(
                &*token.key,
                "photo" | "photograph" | "photos" | "credit" | "image" | "picture"
            );
        if !is_label {
            continue;
        }
        let rest = &tokens[index + 1..];
        let Some(slash) = rest.iter().take(4).position(|t| t.trail.starts_with('/')) else {
            continue;
        };
        let name_tokens: &[Token] = &rest[..=slash];
        let (Some(first), Some(last)) = (name_tokens.first(), name_tokens.last()) else {
            continue;
        };
        let Some(name) = text.get(first.start..last.end) else {
            continue;
        };
        let joined_cleanly = name_tokens[..name_tokens.len() - 1]
            .iter()
            .all(|t| t.trail.is_empty());
        if joined_cleanly && looks_like_person(name) {
            found.push((first.start..last.end, index + 1..index + 2 + slash));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn credits() {
        let cases = [
            ("thaier al-sudani/Reuters", Some("thaier al-sudani")),
            ("John Moore/Getty Images", Some("John Moore")),
            ("U.S. Army", None),
            ("Reuters", None),
            ("Associated Press", None),
            ("AP Photo/Jane Q. Public", Some("Jane Q. Public")),
            ("JOHN MOORE/GETTY IMAGES", Some("JOHN MOORE")),
            (
                "AHMAD AL-RUBAYE/AFP VIA GETTY IMAGES",
                Some("AHMAD AL-RUBAYE"),
            ),
            ("GETTY IMAGES", None),
            ("U.S. ARMY", None),
            ("ASSOCIATED PRESS", None),
            ("AP PHOTO", None),
            ("", None),
        ];
        for (credit, expected) in cases {
            assert_eq!(
                photographer_in_credit(credit).as_deref(),
                expected,
                "credit {credit:?}"
            );
        }
    }

    #[test]
    fn credits_left_in_text() {
        let text = "Soldiers in Iraq. Photo: John Moore/Getty Images";
        let found = credits_in_text(text, &tokenize(text));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0.clone()], "John Moore");
        let army = "Photo: U.S. Army";
        assert!(credits_in_text(army, &tokenize(army)).is_empty());
    }
}
