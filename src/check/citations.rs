//! Citations that stay true: the site's Markdown and its sources in; a
//! warning out for every citation of a paragraph whose paragraph no longer
//! reads as the citation recorded.
//!
//! A citation records what it pointed at in its link title, the first
//! words of the paragraph (`[WSJ](@source/wsj#L12 "Iraq's prime minister
//! said…")`); `backstory cite` writes them. When the words and the
//! paragraph part (the text was edited, the anchor was a position that
//! moved, the cleaner now cuts the text elsewhere), `check` shows both, and
//! where the recorded words now start another paragraph, its anchor.

use crate::anchor::line_anchor;
use crate::diag::Diagnostic;
use crate::link::{Site, Source};
use crate::reference::cited_paragraph;
use crate::reference::titled_links_in;
use crate::render::links::{markdown_texts, MarkdownText};
use crate::slug::fold;

/// How many words of a paragraph a citation records.
pub const QUOTE_WORDS: usize = 8;

/// The words a citation records for a paragraph: its first [`QUOTE_WORDS`]
/// words, and `…` when there are more. Double quotes and backslashes are
/// left out, so the words can stand in a Markdown link title as they are.
pub fn quote_of(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut quote = words[..words.len().min(QUOTE_WORDS)].join(" ");
    quote.retain(|c| c != '"' && c != '\\');
    if words.len() > QUOTE_WORDS {
        quote.push('…');
    }
    quote
}

/// Whether `paragraph` still starts with the recorded `quote`: compared as
/// folded words (case, accents, punctuation and spacing do not matter).
pub fn still_reads(paragraph: &str, quote: &str) -> bool {
    let wanted = fold(quote.trim_end_matches('…'));
    let words = fold(paragraph);
    !wanted.is_empty() && (words == wanted || words.starts_with(&format!("{wanted} ")))
}

/// Every citation in the site's Markdown whose paragraph changed or vanished.
pub fn stale(site: &Site) -> Vec<Diagnostic> {
    markdown_texts(site)
        .iter()
        .flat_map(|text| stale_in(site, text))
        .collect()
}

fn stale_in(site: &Site, text: &MarkdownText) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for link in titled_links_in(text.body) {
        let Some((id, anchor)) = cited_paragraph(&link.destination) else {
            continue;
        };
        let quote = link.title.trim();
        let Some(source) = site.sources.iter().find(|s| s.id == id) else {
            continue;
        };
        if quote.is_empty() {
            continue;
        }
        let article = &source.article;
        let now = anchor
            .resolve(&article.blocks, &article.removed)
            .and_then(|at| article.blocks.get(at));
        if now.is_some_and(|block| still_reads(&block.text, quote)) {
            continue;
        }
        let line = text.first_line + text.body[..link.range.start].matches('\n').count();
        findings.push(finding(
            text,
            line,
            &link.destination,
            quote,
            now.map(|b| b.text.as_str()),
            source,
        ));
    }
    findings
}

/// The warning for one citation whose paragraph reads otherwise (`now`) or is gone.
fn finding(
    text: &MarkdownText,
    line: usize,
    destination: &str,
    quote: &str,
    now: Option<&str>,
    source: &Source,
) -> Diagnostic {
    let message = match now {
        Some(now) => format!(
            "the paragraph `{destination}` cites has changed: it read “{quote}”, it now reads “{}”",
            quote_of(now)
        ),
        None => format!("the paragraph `{destination}` cites is gone: it read “{quote}”"),
    };
    let blocks = &source.article.blocks;
    let moved = blocks
        .iter()
        .position(|block| still_reads(&block.text, quote));
    let hint = match moved {
        Some(at) => format!(
            "the paragraph that reads so is now `@source/{}#{}`: point the citation there",
            source.id,
            line_anchor(blocks, at)
        ),
        None => "check that the citation still says what you meant, then correct its anchor \
                      or its recorded words (or delete the words in quotes and run `backstory cite`)"
            .to_string(),
    };
    Diagnostic::warning(text.file, Some(line), message).hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_the_first_words_without_double_quotes() {
        assert_eq!(quote_of("He said \"no\" today."), "He said no today.");
        let long = "one two three four five six seven eight nine ten";
        assert_eq!(quote_of(long), "one two three four five six seven eight…");
    }

    #[test]
    fn a_paragraph_still_reads_as_recorded_whatever_the_case_and_spacing() {
        let paragraph = "Iraq's prime minister said on Tuesday that the coalition must go.";
        assert!(still_reads(paragraph, &quote_of(paragraph)));
        assert!(still_reads(paragraph, "IRAQ’S  prime minister said…"));
        assert!(!still_reads(paragraph, "Iraq's prime minister denied…"));
        assert!(
            !still_reads(paragraph, "Iraq's prime min…"),
            "whole words only"
        );
        assert!(!still_reads(paragraph, ""));
    }
}
