//! A source's language in (the sidecar's `language` tag, or read off the
//! text), the phrase cues for that language out: widget words, byline
//! openers and comment-section headings.
//!
//! Structure (line length, stops, position, repeats) finds the article in
//! any language; these phrases only tip the balance, and a page in one
//! language should not be judged by another's words ("Par" opens a French
//! byline, "Mehr" is a German "More" button). English cues always apply:
//! pages in every language carry English widgets.

use super::lines::Line;

/// The languages with a cue set of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    English,
    German,
    French,
    Spanish,
}

/// The phrase cues of one language, lower case.
#[derive(Debug)]
pub(crate) struct Cues {
    /// Widget words that are clutter when they stand alone on a line.
    pub widgets: &'static [&'static str],
    /// The word that opens a byline ("By", "Von"), with its space.
    pub byline: &'static [&'static str],
    /// Headings of a comment section, without a count.
    pub comments: &'static [&'static str],
}

const ENGLISH: Cues = Cues {
    widgets: &[],
    byline: &[],
    comments: &[],
};
const GERMAN: Cues = Cues {
    widgets: &[
        "teilen",
        "drucken",
        "suche",
        "suchen",
        "menü",
        "anmelden",
        "abmelden",
        "mehr",
        "weiterlesen",
        "mehr lesen",
        "schließen",
        "startseite",
        "werbung",
        "anzeige",
        "nach oben",
        "kommentieren",
        "zurück",
        "weiter",
    ],
    byline: &["Von ", "VON "],
    comments: &[
        "kommentare",
        "leserkommentare",
        "kommentar schreiben",
        "diskussion",
    ],
};
const FRENCH: Cues = Cues {
    widgets: &[
        "partager",
        "imprimer",
        "rechercher",
        "recherche",
        "connexion",
        "se connecter",
        "fermer",
        "accueil",
        "lire la suite",
        "lire plus",
        "publicité",
        "haut de page",
        "suivant",
        "précédent",
    ],
    byline: &["Par ", "PAR "],
    comments: &[
        "commentaires",
        "réactions",
        "laisser un commentaire",
        "ajouter un commentaire",
    ],
};
const SPANISH: Cues = Cues {
    widgets: &[
        "compartir",
        "imprimir",
        "buscar",
        "menú",
        "iniciar sesión",
        "cerrar",
        "inicio",
        "leer más",
        "ver más",
        "publicidad",
        "siguiente",
        "anterior",
        "volver arriba",
    ],
    byline: &["Por ", "POR "],
    comments: &[
        "comentarios",
        "deja un comentario",
        "dejar un comentario",
        "añadir comentario",
    ],
};

impl Language {
    /// The language a BCP 47 tag names ("de", "fr-CA", "es-419"), if it
    /// has a cue set.
    pub(crate) fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::English),
            "de" => Some(Language::German),
            "fr" => Some(Language::French),
            "es" => Some(Language::Spanish),
            _ => None,
        }
    }

    /// The language most of the text's long lines are written in, told by
    /// their most common short words; English when none stands out.
    pub(crate) fn detect(lines: &[Line]) -> Language {
        let mut counts = [0usize; 4];
        let words = lines
            .iter()
            .filter(|line| line.words >= 12)
            .flat_map(|line| line.text.split_whitespace())
            .take(DETECTION_WORDS);
        for word in words {
            // Every function word is ASCII and at most five letters: a
            // longer ASCII word cannot be one, and is not lower-cased.
            if word.len() > 5 && word.is_ascii() {
                continue;
            }
            let word = word.to_lowercase();
            for (count, list) in counts.iter_mut().zip(FUNCTION_WORDS) {
                *count += usize::from(list.contains(&word.as_str()));
            }
        }
        let languages = [
            Language::English,
            Language::German,
            Language::French,
            Language::Spanish,
        ];
        let (best, &most) = counts
            .iter()
            .enumerate()
            .max_by_key(|(index, count)| (**count, std::cmp::Reverse(*index)))
            .unwrap_or((0, &0));
        match most > counts[0] {
            true => languages[best],
            false => Language::English,
        }
    }

    /// The cue set of the language.
    pub(crate) fn cues(self) -> &'static Cues {
        match self {
            Language::English => &ENGLISH,
            Language::German => &GERMAN,
            Language::French => &FRENCH,
            Language::Spanish => &SPANISH,
        }
    }
}

/// How many words of the long lines are read to tell the language.
const DETECTION_WORDS: usize = 2000;

/// Short words frequent in each language and rare in the others, in the
/// order of [`Language`].
const FUNCTION_WORDS: [&[&str]; 4] = [
    &[
        "the", "and", "of", "to", "is", "that", "with", "for", "was", "this",
    ],
    &[
        "der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "ein",
    ],
    &[
        "le", "les", "et", "des", "est", "une", "dans", "pour", "pas", "qui",
    ],
    &[
        "el", "los", "y", "las", "del", "una", "con", "para", "por", "que",
    ],
];

impl Cues {
    /// Is the line, without the punctuation around it, one of the widget words?
    pub(crate) fn is_widget(&self, text: &str) -> bool {
        text.len() <= 40 && self.widgets.contains(&bare(text).as_str())
    }

    /// Is the line a comment section's heading ("Kommentare", "12 commentaires")?
    pub(crate) fn is_comments_heading(&self, text: &str) -> bool {
        // Checked first: lower-casing every paragraph was a tenth of the stage.
        if text.len() > 60 {
            return false;
        }
        let without_count = bare(text)
            .trim_start_matches(|c: char| c.is_numeric() || c.is_whitespace())
            .trim_end_matches(|c: char| !c.is_alphabetic())
            .to_string();
        self.comments.contains(&without_count.as_str())
    }

    /// What follows the byline opener ("Von Lena Okafor" -> "Lena Okafor").
    pub(crate) fn byline_names<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.byline
            .iter()
            .find_map(|opener| text.strip_prefix(opener))
    }
}

/// The text lower-cased, without the punctuation around it.
fn bare(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The cues for a source: its sidecar's language when it has a cue set,
/// else the language read off the text.
pub(crate) fn choose(tag: Option<&str>, lines: &[Line]) -> &'static Cues {
    tag.and_then(Language::from_tag)
        .unwrap_or_else(|| Language::detect(lines))
        .cues()
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    #[test]
    fn detects_the_language_of_the_prose() {
        let cases = [
            ("Die Stadt hat den alten Anleger geschlossen, und die Fähre fährt nicht mehr, weil das Holz auf der Brücke morsch ist.", Language::German),
            ("La ville a fermé le vieux quai et le bac ne circule plus, parce que les planches du ponton sont pourries depuis des années.", Language::French),
            ("La ciudad cerró el viejo muelle y el transbordador ya no circula, porque las tablas del embarcadero están podridas desde hace años.", Language::Spanish),
            ("The town has closed the old pier and the ferry no longer runs, because the planks of the jetty have been rotten for years.", Language::English),
        ];
        for (text, language) in cases {
            assert_eq!(Language::detect(&split_lines(text)), language, "{text}");
        }
    }

    #[test]
    fn function_words_are_short_ascii() {
        // `detect` skips longer ASCII words without reading them.
        for word in FUNCTION_WORDS.iter().flat_map(|list| list.iter()) {
            assert!(word.is_ascii() && word.len() <= 5, "{word}");
        }
    }

    #[test]
    fn a_tag_chooses_the_cues() {
        assert_eq!(Language::from_tag("de-AT"), Some(Language::German));
        assert_eq!(Language::from_tag("fr"), Some(Language::French));
        assert_eq!(Language::from_tag("es-419"), Some(Language::Spanish));
        assert_eq!(Language::from_tag("ja"), None);
    }

    #[test]
    fn cue_phrases_are_lower_case_and_bylines_end_in_a_space() {
        for language in [Language::German, Language::French, Language::Spanish] {
            let cues = language.cues();
            for phrase in cues.widgets.iter().chain(cues.comments) {
                assert_eq!(*phrase, phrase.to_lowercase(), "{phrase:?}");
            }
            assert!(cues.byline.iter().all(|opener| opener.ends_with(' ')));
        }
    }
}
