//! The article's main text: a parsed page in, its paragraphs, headings,
//! quotes and list items as plain text out (one block a paragraph, blank
//! lines between), with navigation, asides, comments, share bars, related
//! stories, photo galleries and banners left out.
//!
//! Three passes: blocks whose class or id names them as page furniture
//! (`related`, `share`, `caption`…) and that hold little of the page's
//! paragraph text are removed, together with hidden ones; Readability's
//! scoring (`dom_smoothie`) then picks the block that is the article; last,
//! lines that are a byline, a dateline or a gallery's controls are dropped,
//! as are repeats.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};

/// The extracted article: its text and how much of that text is link text
/// (a front page's "article" is mostly links to other articles).
#[derive(Debug, Clone)]
pub struct Body {
    pub text: String,
    pub link_share: f64,
}

/// Words in a class or id that name page furniture rather than the article.
const FURNITURE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "carousel",
    "comment",
    "comments",
    "consent",
    "cookie",
    "credit",
    "credits",
    "dateline",
    "disqus",
    "footer",
    "gallery",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "newsletter",
    "outbrain",
    "popup",
    "promo",
    "recirc",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "slideshow",
    "social",
    "sponsored",
    "subscribe",
    "taboola",
    "tags",
    "timestamp",
    "toolbar",
];

/// A furniture block is removed only while it holds less than this share of
/// the page's paragraph words: a wrapper named `article-with-gallery` holds
/// the article itself.
const FURNITURE_SHARE: f64 = 0.3;

/// The main text of `doc`, or `None` when no
/// block of the page reads as an article. `authors` are the names the
/// metadata gave, whose byline line is dropped.
pub fn extract(doc: Document, authors: &[String]) -> Option<Body> {
    remove_furniture(&doc);
    // Readability's own choice of the top candidate: on the benchmark of
    // bench/import_eval.py it scores F1 0.970 against 0.966 for the
    // crate's alternative (`CandidateSelectMode::DomSmoothie`).
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut readability = Readability::with_document(doc, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let content = Document::from(article.content.to_string());
    let all: usize = word_count(&content.select("body").text());
    let linked: usize = content
        .select("a")
        .iter()
        .map(|a| word_count(&a.text()))
        .sum();
    let text = tidy(&article.text_content, authors);
    Some(Body {
        link_share: linked as f64 / all.max(1) as f64,
        text,
    })
}

/// Removes hidden blocks, figures and the blocks named as furniture that
/// hold little of the page's paragraph text.
fn remove_furniture(doc: &Document) {
    doc.select(
        "[hidden], [aria-hidden='true'], figure, figcaption, script, style, noscript, template",
    )
    .remove();
    let paragraph_words = |node: &NodeRef| -> usize {
        node.descendants_it()
            .filter(|n| n.node_name().is_some_and(|name| &*name == "p"))
            .map(|p| word_count(&p.text()))
            .sum()
    };
    let root = doc.select("body");
    let Some(body) = root.nodes().first() else {
        return;
    };
    let total = paragraph_words(body).max(1) as f64;
    let named: Vec<NodeRef> = root
        .select("[class], [id]")
        .nodes()
        .iter()
        .filter(|node| is_furniture(node))
        .cloned()
        .collect();
    for node in named {
        if (paragraph_words(&node) as f64) < FURNITURE_SHARE * total {
            node.remove_from_parent();
        }
    }
}

fn is_furniture(node: &NodeRef) -> bool {
    if node
        .node_name()
        .is_some_and(|name| matches!(&*name, "body" | "html" | "main" | "article"))
    {
        return false;
    }
    let names = format!(
        "{} {}",
        node.attr("class").unwrap_or_default(),
        node.attr("id").unwrap_or_default()
    );
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| FURNITURE.contains(&word.to_ascii_lowercase().as_str()))
}

/// Words, counting each Chinese or Japanese character as one: those
/// scripts put no spaces between words.
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|&c| is_unspaced_script(c))
                .count()
                .max(1)
        })
        .sum()
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// One paragraph a block, set apart by one blank line (how the cleaner and
/// the later stages read paragraphs), without repeats and without the
/// lines that are page furniture.
pub(crate) fn tidy(text: &str, authors: &[String]) -> String {
    let mut seen = std::collections::HashSet::new();
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty() && !is_furniture_line(line, authors))
        .filter(|line| seen.insert(line.to_lowercase()))
        .collect();
    match lines.is_empty() {
        true => String::new(),
        false => lines.join("\n\n") + "\n",
    }
}

/// A byline (`By Ana Lima`, or only the author's name), a dateline
/// (`Updated 9:10 am, 3 April 2024`) or a gallery's controls.
fn is_furniture_line(line: &str, authors: &[String]) -> bool {
    let words = line.split_whitespace().count();
    let lower = line.to_lowercase();
    let byline = words <= 8
        && (lower.starts_with("by ")
            || authors.iter().any(|a| {
                lower
                    .trim_start_matches("by ")
                    .starts_with(&a.to_lowercase())
            }));
    let dateline = words <= 12 && super::meta::parse_date(line).is_some() && !line.ends_with('.');
    let gallery = words <= 6
        && (lower.starts_with("photo:")
            || lower.starts_with("image ") && lower.split_whitespace().nth(2) == Some("of")
            || matches!(
                lower.as_str(),
                "caption" | "close" | "advertisement" | "expand"
            ));
    byline || dateline || gallery
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_and_repeats_are_dropped() {
        let text = "By Ana Lima\nUpdated 9:10 am CET, Wednesday, 3 April 2024\n\
            The fare rose on Monday.\nImage 1 of 8\nCaption\nThe fare rose on Monday.\nAna Lima\n";
        assert_eq!(
            tidy(text, &["Ana Lima".to_string()]),
            "The fare rose on Monday.\n"
        );
    }

    #[test]
    fn unspaced_scripts_count_characters() {
        assert_eq!(word_count("商品の改造"), 5);
        assert_eq!(word_count("two words"), 2);
    }
}
