//! Pieces in, pieces out with the page around the article marked: the head
//! pass finds the headline (dropping its repeats and a mailing-list subject
//! line) and the dek; the tail pass walks back from the end and removes the
//! furniture that follows the last paragraph (appeals, empty labels,
//! recommendation headings, publisher's notes).
//!
//! Both passes go by position and line shape, so they work for outlets they
//! have never seen; the phrase cues only tip the balance.

use super::classify::{Piece, PieceKind};
use super::clutter::{has_appeal_cue, is_publisher_voice};
use super::lines::{
    ends_sentence, ends_with_function_word, has_inner_sentence_end, starts_mid_sentence,
    starts_with_quote, word_count_up_to, Line,
};
use super::metadata::strip_list_prefix;

/// Reason for a later copy of the headline.
pub(crate) const REPEATED_HEADLINE: &str = "repeated headline";
/// Reason for a headline carrying a mailing-list prefix when a clean copy follows.
pub(crate) const LIST_SUBJECT: &str = "mailing-list subject line";
/// Reason for the headlines of other stories listed under a label.
const RECOMMENDATION_BLOCK: &str = "recommendation block";
/// The reason the clutter rules give a "Related" / "Read more:" line.
const RECOMMENDATION_LINK: &str = "recommendation link";

/// What the head pass found.
#[derive(Debug, Default)]
pub(crate) struct Head {
    pub title: Option<String>,
    pub dek: Option<String>,
    /// The date written beside the headline, when the head pass reads one.
    pub date: Option<jiff::civil::Date>,
    /// Index of the first piece after the title and dek.
    pub end: usize,
}

/// Marks the title, its repeats and the dek among the first pieces.
pub(crate) fn mark_head(pieces: &mut [Piece], lines: &[Line]) -> Head {
    let mut head = Head::default();
    let Some(first_text) = pieces
        .iter()
        .position(|piece| matches!(piece.kind, PieceKind::Text { .. }))
    else {
        return head;
    };
    let candidate = &pieces[first_text];
    if candidate.kind != (PieceKind::Text { forced: false }) || candidate.lines.len() != 1 {
        return head;
    }
    let raw_title = candidate.text(lines);
    let title = strip_list_prefix(&raw_title).to_string();
    if !is_title_like(&title) {
        return head;
    }
    let mut title_index = first_text;
    pieces[title_index].kind = PieceKind::Title;
    head.end = title_index + 1;
    let mut index = title_index + 1;
    while index < pieces.len() {
        match &pieces[index].kind {
            PieceKind::Removed(_) | PieceKind::Dateline(_) | PieceKind::SignOff(_) => {}
            PieceKind::Text { forced: false } => {
                let text = pieces[index].text(lines);
                if pieces[index].lines.len() == 1 && same_headline(&text, &title) {
                    let prefixed = raw_title != title && strip_list_prefix(&text) == text;
                    if prefixed {
                        // Keep the clean copy as the title; the prefixed one was the e-mail subject.
                        pieces[title_index].kind = PieceKind::Removed(LIST_SUBJECT);
                        pieces[index].kind = PieceKind::Title;
                        title_index = index;
                    } else {
                        pieces[index].kind = PieceKind::Removed(REPEATED_HEADLINE);
                    }
                    head.end = index + 1;
                } else {
                    if pieces[index].lines.len() == 1 && is_dek_like(&text) {
                        pieces[index].kind = PieceKind::Dek;
                        head.dek = Some(text);
                        head.end = index + 1;
                    }
                    break;
                }
            }
            _ => break,
        }
        index += 1;
    }
    head.title = Some(title);
    head
}

/// A headline: short, one line, no sentence inside, not cut off.
fn is_title_like(text: &str) -> bool {
    let words = word_count_up_to(text, 26);
    (1..=25).contains(&words)
        && !text.ends_with(['.', ',', ';', ':'])
        && !starts_mid_sentence(text)
        && !ends_with_function_word(text)
        && !has_inner_sentence_end(text)
}

/// A subtitle: one line, either without a full stop (a summary) or a single short sentence.
fn is_dek_like(text: &str) -> bool {
    let words = word_count_up_to(text, 61);
    if starts_with_quote(text) || starts_mid_sentence(text) || text.ends_with([':', ',', ';']) {
        return false;
    }
    if ends_sentence(text) {
        // Longer single sentences are a short first paragraph, not a dek.
        words <= 16 && !has_inner_sentence_end(text)
    } else {
        words <= 60 && !ends_with_function_word(text)
    }
}

pub(crate) fn same_headline(text: &str, title: &str) -> bool {
    same_lowercase(strip_list_prefix(text), title)
}

/// `a.to_lowercase() == b.to_lowercase()`, without lower-casing either
/// whole: the line after the headline is often a long paragraph, and the
/// first few characters tell them apart.
fn same_lowercase(a: &str, b: &str) -> bool {
    // Only a capital sigma lower-cases by its neighbours (to a final sigma
    // at the end of a word); any other character lower-cases on its own.
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Walks back from the end, marking the page furniture after the last paragraph.
/// Never reaches into the head (`head_end`).
pub(crate) fn mark_tail(pieces: &mut [Piece], lines: &[Line], head_end: usize) {
    let authors = known_authors(pieces);
    let mut in_tail = false;
    let mut index = pieces.len();
    while index > head_end {
        index -= 1;
        match &pieces[index].kind {
            PieceKind::Removed(_) => in_tail = true,
            PieceKind::Note(..) | PieceKind::SignOff(_) | PieceKind::Caption(..) => {}
            PieceKind::Dateline(_) => {}
            PieceKind::Text { forced: false } => {
                let text = pieces[index].text(lines);
                let above = previous_text(pieces, lines, index, head_end);
                // Only a run right above (nothing removed between) can be cut off into this one.
                let adjacent_above =
                    index > head_end && matches!(pieces[index - 1].kind, PieceKind::Text { .. });
                let reason = if is_headline_list(&pieces[index], lines) {
                    Some(RECOMMENDATION_BLOCK)
                } else if in_tail && is_author_bio(&text, &authors) {
                    Some("author bio")
                } else {
                    tail_reason(&text, in_tail, above.as_deref(), adjacent_above)
                };
                match reason {
                    Some(reason) => {
                        pieces[index].kind = PieceKind::Removed(reason);
                        in_tail = true;
                    }
                    None => return,
                }
            }
            _ => return,
        }
    }
}

/// Marks the headlines listed under a "Related" / "Most read" label, wherever
/// the block stands: prose runs right after such a label whose lines are all
/// headlines.
pub(crate) fn mark_recommendation_blocks(pieces: &mut [Piece], lines: &[Line]) {
    let mut after_label = false;
    for piece in pieces.iter_mut() {
        match piece.kind {
            PieceKind::Removed(reason) => {
                let is_label = piece.lines.len() == 1
                    && piece
                        .lines
                        .first()
                        .and_then(|index| lines.get(*index))
                        .map(|line| line.words <= 4)
                        .unwrap_or(false);
                after_label = reason == RECOMMENDATION_LINK && is_label
                    || reason == RECOMMENDATION_BLOCK && after_label;
            }
            PieceKind::Text { forced: false } if after_label => {
                let all_headlines = piece.lines.iter().all(|index| {
                    lines
                        .get(*index)
                        .map(|line| is_title_like(&line.text))
                        .unwrap_or(false)
                });
                if all_headlines {
                    piece.kind = PieceKind::Removed(RECOMMENDATION_BLOCK);
                } else {
                    after_label = false;
                }
            }
            _ => after_label = false,
        }
    }
}

/// Several lines in a row, each a headline of its own: a list of other stories.
fn is_headline_list(piece: &Piece, lines: &[Line]) -> bool {
    piece.lines.len() >= 2
        && piece.lines.iter().all(|index| {
            lines
                .get(*index)
                .map(|line| {
                    is_title_like(&line.text)
                        && line
                            .text
                            .starts_with(|c: char| c.is_uppercase() || c.is_numeric())
                })
                .unwrap_or(false)
        })
}

/// Authors named in bylines and sign-offs anywhere in the text.
fn known_authors(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .flat_map(|piece| match &piece.kind {
            PieceKind::Dateline(dateline) => dateline.authors.clone(),
            PieceKind::SignOff(authors) => authors.clone(),
            _ => Vec::new(),
        })
        .collect()
}

/// "Sara Lund is our Nordic correspondent.": the author describing themself at the end.
fn is_author_bio(text: &str, authors: &[String]) -> bool {
    authors.iter().any(|author| {
        let surname = author.split_whitespace().last().unwrap_or(author);
        [author.as_str(), surname].iter().any(|name| {
            text.strip_prefix(name).is_some_and(|rest| {
                [
                    " is ",
                    " was ",
                    " has ",
                    " covers ",
                    " writes ",
                    " reports ",
                ]
                .iter()
                .any(|verb| rest.starts_with(verb))
            })
        })
    })
}

/// The text of the nearest prose piece above `index`, if any.
fn previous_text(
    pieces: &[Piece],
    lines: &[Line],
    index: usize,
    head_end: usize,
) -> Option<String> {
    pieces[head_end.min(index)..index]
        .iter()
        .rev()
        .find(|piece| matches!(piece.kind, PieceKind::Text { .. }))
        .map(|piece| piece.text(lines))
}

/// Why a prose piece at the end of the text is furniture, if it is.
pub(crate) fn tail_reason(
    text: &str,
    in_tail: bool,
    above: Option<&str>,
    adjacent_above: bool,
) -> Option<&'static str> {
    // The rest of a sentence cut off right above is prose, however short.
    let continues_above = adjacent_above
        && starts_mid_sentence(text)
        && above.is_some_and(|above| !ends_sentence(above) && !above.ends_with(':'));
    if continues_above {
        return None;
    }
    if is_furniture_fragment(text) {
        return Some(if text.ends_with(':') {
            "empty field label"
        } else {
            "page furniture"
        });
    }
    if !in_tail {
        return None;
    }
    if !starts_with_quote(text) && (has_appeal_cue(text) || is_publisher_voice(text)) {
        return Some("publisher's appeal");
    }
    // A short line between two bits of furniture ("Save big on a full year.") is a blurb.
    let above_is_furniture = above
        .map(|above| is_furniture_fragment(above) || has_appeal_cue(above))
        .unwrap_or(false);
    if word_count_up_to(text, 13) <= 12 && above_is_furniture {
        return Some("page furniture");
    }
    None
}

/// A short label with no sentence in it: "We Recommend", "payment methods", "Short link:".
fn is_furniture_fragment(text: &str) -> bool {
    word_count_up_to(text, 9) <= 8 && !ends_sentence(text) && !starts_with_quote(text)
}

#[cfg(test)]
mod tests {
    use super::super::classify::into_pieces;
    use super::super::lines::split_lines;
    use super::super::CleanOptions;
    use super::*;

    #[test]
    fn compares_lower_case_as_whole_lower_casing_does() {
        let texts = [
            "Headline Here",
            "headline here",
            "HEADLINE HERE",
            "Headline here, and then a long first paragraph.",
            "ΟΔΟΣ",
            "οδος",
            "οδοσ",
            "İstanbul",
            "i̇stanbul",
            "\u{212A}elvin",
            "kelvin",
            "",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    same_lowercase(a, b),
                    a.to_lowercase() == b.to_lowercase(),
                    "{a:?} / {b:?}"
                );
            }
        }
    }

    fn kinds_after(raw: &str) -> (Head, Vec<PieceKind>) {
        let lines = split_lines(raw);
        let mut pieces = into_pieces(
            &lines,
            &CleanOptions::default(),
            super::super::cues::Language::English.cues(),
        );
        let head = mark_head(&mut pieces, &lines);
        mark_tail(&mut pieces, &lines, head.end);
        (head, pieces.into_iter().map(|piece| piece.kind).collect())
    }

    const BODY: &str = "The council met on Monday and voted to close the old bridge to traffic for a year of repairs.";

    #[test]
    fn heads() {
        let cases: &[(String, Option<&str>, Option<&str>)] = &[
            (format!("Bridge to close\n\nBridge to close\n\n{BODY}\n"), Some("Bridge to close"), None),
            (format!("[list] Bridge to close\n\nBridge to close\n\nRepairs will take a year\n\n{BODY}\n"), Some("Bridge to close"), Some("Repairs will take a year")),
            (format!("Bridge to close\n\nThe town has waited a decade.\n\n{BODY}\n"), Some("Bridge to close"), Some("The town has waited a decade.")),
            (format!("{BODY}\n\n{BODY}\n"), None, None),
            (format!("Bridge to close\n\n{BODY}\n"), Some("Bridge to close"), None),
        ];
        for (raw, title, dek) in cases {
            let (head, _) = kinds_after(raw);
            assert_eq!(head.title.as_deref(), *title, "{raw:?}");
            assert_eq!(head.dek.as_deref(), *dek, "{raw:?}");
        }
    }

    #[test]
    fn tails() {
        let raw = format!(
            "Bridge to close\n\n{BODY}\n\nWe could not do this without you. Our readers fund our work.\n\npayment methods\n\nGet our magazine\n\nSave big on a full year of ideas.\n\nSupport our journalism\n\nSearch Keywords:\n"
        );
        let (_, kinds) = kinds_after(&raw);
        assert_eq!(
            kinds,
            vec![
                PieceKind::Title,
                PieceKind::Text { forced: false },
                PieceKind::Removed("publisher's appeal"),
                PieceKind::Removed("page furniture"),
                PieceKind::Removed("page furniture"),
                PieceKind::Removed("page furniture"),
                PieceKind::Removed("newsletter or donation appeal"),
                PieceKind::Removed("empty field label"),
            ]
        );
    }

    #[test]
    fn a_cut_off_sentence_at_the_end_stays() {
        let raw = format!("Bridge to close\n\n{BODY} The mayor said that the\n\nnew bridge\n\nwould open in May\n");
        let (_, kinds) = kinds_after(&raw);
        assert!(
            !kinds
                .iter()
                .any(|kind| matches!(kind, PieceKind::Removed(_))),
            "{kinds:?}"
        );
    }

    #[test]
    fn a_short_last_sentence_stays() {
        let raw = format!("Bridge to close\n\n{BODY}\n\nNobody objected.\n");
        let (_, kinds) = kinds_after(&raw);
        assert_eq!(kinds.last(), Some(&PieceKind::Text { forced: false }));
    }
}
