//! Finding people in one article: candidate names, evidence, and the
//! surname-only mentions that refer back to a full name.
//!
//! Input: an [`Article`]. Output: one [`DocPerson`] per distinct person the
//! article names, with every mention's span. Merging across articles happens
//! in `link::people`.

use crate::clean::Article;
use crate::extract::Span;
use serde::Serialize;

/// How a person relates to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonKind {
    /// Someone the story is about or quotes.
    Subject,
    /// A byline or sign-off author.
    Author,
    /// Named in a photo credit.
    Photographer,
}

/// A person as one article names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocPerson {
    /// The fullest form of the name in the article ("Mohammed Shiaa Al-Sudani").
    pub name: String,
    /// Other forms used in the article ("Al-Sudani", "Sudani", "Abu Taqwa").
    pub aliases: Vec<String>,
    /// A title or role the article gives ("Prime Minister", "a teacher").
    pub role: Option<String>,
    pub kind: PersonKind,
    /// Every mention in the body, in order. Empty for a byline-only author.
    pub mentions: Vec<Span>,
}

/// Finds the people an article names.
pub fn find_people(article: &Article) -> Vec<DocPerson> {
    article
        .authors
        .iter()
        .map(|name| DocPerson {
            name: name.clone(),
            aliases: Vec::new(),
            role: None,
            kind: PersonKind::Author,
            mentions: Vec::new(),
        })
        .collect()
}
