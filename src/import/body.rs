//! The article's main text: a page's HTML in, its paragraphs, headings,
//! quotes, list items and captions as plain text out (one block a
//! paragraph, blank lines between), with navigation, asides, comments,
//! share bars, related stories and banners left out.

use dom_smoothie::{Config, Readability, TextMode};

/// The extracted article: its text and how much of that text is link text
/// (a front page's "article" is mostly links to other articles).
#[derive(Debug, Clone)]
pub struct Body {
    pub text: String,
    pub link_share: f64,
}

/// The main text of `html`, or `None` when no block of the page reads as
/// an article.
pub fn extract(html: &str) -> Option<Body> {
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 0,
        ..Default::default()
    };
    let mut readability = Readability::new(html, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let content = dom_query::Document::from(article.content.to_string());
    let all: usize = word_count(&content.select("body").text());
    let linked: usize = content
        .select("a")
        .iter()
        .map(|a| word_count(&a.text()))
        .sum();
    let text = tidy(&article.text_content);
    Some(Body {
        link_share: linked as f64 / all.max(1) as f64,
        text,
    })
}

pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// One paragraph a block: lines trimmed and set apart by one blank line,
/// which is how the cleaner and the later stages read paragraphs.
pub(crate) fn tidy(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    match lines.is_empty() {
        true => String::new(),
        false => lines.join("\n\n") + "\n",
    }
}
