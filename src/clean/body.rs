//! Marked pieces in, the finished [`Article`] out: prose runs become
//! paragraphs and quoted passages, broken sentences are glued back together,
//! captions and notes become their own blocks, and every line left out is
//! listed with its reason.
//!
//! A run of prose is glued onto the paragraph before it when that paragraph
//! was visibly cut off (a removed hyperlink leaves "that they" / blank /
//! "leave Iraq"): the run starts lower-case or with a comma, or the paragraph
//! before has no final stop and ends with a function word, or is too long or
//! too clause-like to be a heading.

use super::classify::{Piece, PieceKind};
use super::lines::{
    ends_sentence, ends_with_colon, ends_with_function_word, ends_with_quote, is_heading_like,
    starts_mid_sentence, starts_with_quote, Line,
};
use super::metadata::Dateline;
use super::span::Layout;
use super::structure::Head;
use super::{Article, Block, BlockKind, RemovedLine};

/// Reason shown for a dateline line.
const DATELINE: &str = "dateline";
/// Reason shown for a byline line.
const BYLINE: &str = "byline";
/// Reason shown for a sign-off naming the authors.
const SIGN_OFF: &str = "sign-off";

/// Builds the article from marked pieces.
pub(crate) fn assemble(pieces: &[Piece], lines: &[Line], head: Head, layout: Layout) -> Article {
    let mut article = Article {
        title: head.title,
        dek: head.dek,
        date: head.date,
        ..Article::default()
    };
    let mut sign_off_authors: Vec<String> = Vec::new();
    let mut note_publication: Option<String> = None;
    // The paragraph or quote a cut-off sentence may continue into.
    let mut open_block: Option<usize> = None;
    // The raw line number the open block ends on.
    let mut open_last_line = 0;
    for piece in pieces {
        let first_line = piece
            .lines
            .first()
            .and_then(|index| lines.get(*index))
            .map(|line| line.number)
            .unwrap_or(0);
        match &piece.kind {
            PieceKind::Title | PieceKind::Dek => {}
            PieceKind::Removed(reason) => record_removed(&mut article, piece, lines, reason),
            PieceKind::Dateline(dateline) => record_dateline(&mut article, piece, lines, dateline),
            PieceKind::SignOff(authors) => {
                record_removed(&mut article, piece, lines, SIGN_OFF);
                add_names(&mut sign_off_authors, authors);
            }
            PieceKind::Caption(text, credit) => article.blocks.push(Block {
                kind: BlockKind::Caption,
                text: text.clone(),
                credit: Some(credit.clone()),
                line: first_line,
            }),
            PieceKind::Note(text, publication) => {
                if note_publication.is_none() {
                    note_publication.clone_from(publication);
                }
                article.blocks.push(Block {
                    kind: BlockKind::Note,
                    text: text.clone(),
                    credit: None,
                    line: first_line,
                });
                open_block = None;
            }
            PieceKind::Text { .. } => {
                let text = piece.text(lines);
                let last_line = piece
                    .lines
                    .last()
                    .and_then(|index| lines.get(*index))
                    .map_or(first_line, |line| line.number);
                let previous_end = std::mem::replace(&mut open_last_line, last_line);
                let previous = open_block.and_then(|index| article.blocks.get(index));
                let previous_text = previous.map(|block| block.text.as_str());
                // A quotation running over several paragraphs reopens its quote
                // mark on each and closes it only on the last.
                let quote_goes_on = previous.is_some_and(|block| {
                    block.kind == BlockKind::Quote && !ends_with_quote(&block.text)
                });
                if starts_with_quote(&text)
                    && (quote_goes_on
                        || previous_text.is_some_and(|prev| introduces_quote(prev, &text)))
                {
                    open_block = Some(article.blocks.len());
                    article.blocks.push(Block {
                        kind: BlockKind::Quote,
                        text,
                        credit: None,
                        line: first_line,
                    });
                } else if let Some(block) = open_block
                    .and_then(|index| article.blocks.get_mut(index))
                    .filter(|block| {
                        let adjacent = first_line == previous_end + 1;
                        joins(layout, block, &text, adjacent)
                    })
                {
                    block.text.push(' ');
                    block.text.push_str(&text);
                } else {
                    open_block = Some(article.blocks.len());
                    article.blocks.push(Block {
                        kind: BlockKind::Paragraph,
                        text,
                        credit: None,
                        line: first_line,
                    });
                }
            }
        }
    }
    if article.publication.is_none() {
        article.publication = note_publication;
    }
    add_names(&mut article.authors, &sign_off_authors);
    article
}

/// A dateline or byline: removed from the body, its date, outlet and
/// authors kept where the head did not already give them.
fn record_dateline(article: &mut Article, piece: &Piece, lines: &[Line], dateline: &Dateline) {
    let reason = if dateline.date.is_none() || !dateline.authors.is_empty() {
        BYLINE
    } else {
        DATELINE
    };
    record_removed(article, piece, lines, reason);
    if article.date.is_none() {
        article.date = dateline.date;
    }
    if article.publication.is_none() {
        article.publication.clone_from(&dateline.publication);
    }
    add_names(&mut article.authors, &dateline.authors);
}

/// Does `text` continue `block` rather than start a paragraph? `adjacent`:
/// no blank line between them.
fn joins(layout: Layout, block: &Block, text: &str, adjacent: bool) -> bool {
    match layout {
        Layout::Wrapped => continues(&block.text, text),
        // Each line was a block of the page: only a line that plainly
        // starts mid-sentence continues the one before.
        // Sentences on consecutive lines with no blank line between are
        // one paragraph.
        // So are the lines of a quotation not yet closed. A block
        // ending in "the" or "of" was cut off by a removed link.
        Layout::Blocks => {
            let open_quote = block.kind == BlockKind::Quote && !ends_with_quote(&block.text);
            starts_mid_sentence(text)
                || ends_with_function_word(&block.text)
                || adjacent && open_quote
                || adjacent && ends_sentence(&block.text) && ends_sentence(text)
        }
    }
}

/// Does the paragraph before introduce the quoted passage that follows?
/// ("... said:", or a sentence cut off before its verb, when the run is a
/// complete quotation.)
fn introduces_quote(previous: &str, quoted: &str) -> bool {
    ends_with_colon(previous) || (!ends_sentence(previous) && ends_with_quote(quoted))
}

/// Is `next` the rest of the sentence `previous` was cut off in?
fn continues(previous: &str, next: &str) -> bool {
    if starts_mid_sentence(next) {
        return true;
    }
    if ends_sentence(previous) || ends_with_colon(previous) || ends_with_quote(previous) {
        return false;
    }
    ends_with_function_word(previous) || !is_heading_like(previous)
}

fn record_removed(article: &mut Article, piece: &Piece, lines: &[Line], reason: &'static str) {
    for index in &piece.lines {
        if let Some(line) = lines.get(*index) {
            article.removed.push(RemovedLine {
                line: line.number,
                text: line.text.clone(),
                reason,
            });
        }
    }
}

/// Appends names not already listed (compared case-insensitively).
fn add_names(names: &mut Vec<String>, more: &[String]) {
    for name in more {
        if !names
            .iter()
            .any(|known| known.to_lowercase() == name.to_lowercase())
        {
            names.push(name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_rules() {
        let cases = [
            ("Zapatero that they", "leave Iraq", true),
            ("suggest otherwise.", ", which has 1,650 troops in Iraq", true),
            ("the post-June 30th Iraqi government. As the", "Christian Science Monitor", true),
            ("But the Spanish", "El Pais argued that:", true),
            ("and who now want the U.N. to have a central role in Iraq. As European Commission President", "Romano Prodi said:", true),
            ("The talks ended.", "New talks begin in May.", false),
            ("What happens next", "The council will vote again in May.", false),
            ("He said:", "Nothing more will be done.", false),
            ("“It is over,”", "He left.", false),
        ];
        for (previous, next, expected) in cases {
            assert_eq!(
                continues(previous, next),
                expected,
                "{previous:?} + {next:?}"
            );
        }
    }

    #[test]
    fn quote_introductions() {
        let cases = [
            (
                "Romano Prodi said:",
                "“With this decision, Spain has returned to our position.”",
                true,
            ),
            (
                "As the Christian Science Monitor",
                "“Brahimi’s plan seeks to appoint a caretaker.”",
                true,
            ),
            ("He spoke at length.", "“It is over,” he said.", false),
            ("Critics called it", "“a disaster,” and left", false),
        ];
        for (previous, quoted, expected) in cases {
            assert_eq!(
                introduces_quote(previous, quoted),
                expected,
                "{previous:?} + {quoted:?}"
            );
        }
    }
}
