//! Normalised lines and pieces in; for text copied from a web page, the
//! article's extent out: the pieces before and after it marked as page
//! clutter, and the headline block above it (headline, dek, byline, date)
//! recognised.
//!
//! Text copied from a browser has one block per line: each paragraph, menu
//! item, label and headline of another story is a line of its own. The
//! article is the longest stretch dense with sentences; menus, labels and
//! link lists around it are many short lines without a final stop. The
//! stretch is the one that maximises the words of its prose lines minus a
//! fixed cost for every other line, found in one pass, so it works in any
//! language and for any outlet. Hard-wrapped text (an e-mail, a text saved
//! at a width) keeps the older reading: its short lines are wrapped prose.

use super::classify::COMMENTS_HEADING_LINE;
use super::classify::{Piece, PieceKind};
use super::clutter::{is_read_more_teaser, isolated_clutter, TEASER, WIDGET};
use super::cues::Cues;
use super::lines::{
    capitalised_share, ends_sentence, ends_with_colon, ends_with_function_word,
    starts_mid_sentence, word_count_up_to, Line,
};
use super::metadata::strip_list_prefix;
use super::metadata::{find_date, parse_bare_byline, Dateline};
use super::structure::{same_headline, tail_reason, Head, LIST_SUBJECT, REPEATED_HEADLINE};
use jiff::civil::Date;

/// How the text was laid out when it was copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Prose wrapped at a width: a paragraph spans several lines.
    Wrapped,
    /// One block per line, as a browser copies a page.
    Blocks,
}

/// Reason for a line above the article's headline block.
pub(crate) const BEFORE_ARTICLE: &str = "page before the article";
/// Reason for a line after the article's last paragraph.
pub(crate) const AFTER_ARTICLE: &str = "page after the article";

/// What a line that is not prose costs the stretch, in words of prose.
const LINE_COST: i64 = 4;
/// What a comment section's heading costs: more than any article holds
/// after it, so the stretch never runs into the comments.
const COMMENTS_WALL: i64 = 100_000;
/// How many pieces above the headline the article's date may stand.
const DATE_ABOVE_TITLE: usize = 2;
/// How many pieces into the article a date may stand and still be the article's.
const DATE_INTO_ARTICLE: usize = 3;
/// How many pieces above the article the headline block may span.
const HEAD_WINDOW: usize = 25;

/// Reads the layout off the line lengths. Wrapped text has no line much
/// longer than its width (about 60 to 100 characters), and many of its
/// lines end mid-sentence; a browser puts each paragraph on one line, so
/// most lines with a sentence in them are long.
pub(crate) fn layout(lines: &[Line]) -> Layout {
    let mut wide = 0usize;
    let mut wrapped = 0usize;
    for pair in lines.windows(2) {
        let (line, next) = (&pair[0], &pair[1]);
        if line.text.len() > 120 {
            wide += 1;
        } else if line.words >= 5 && !next.text.is_empty() && !ends_sentence(&line.text) {
            wrapped += usize::from(starts_mid_sentence(&next.text));
        }
    }
    if lines.last().is_some_and(|line| line.text.len() > 120) {
        wide += 1;
    }
    // Copied pages hold a few such pairs too (a line break inside a
    // paragraph), but many more lines that are long.
    match wrapped >= 1 && 2 * wrapped >= wide {
        true => Layout::Wrapped,
        false => Layout::Blocks,
    }
}

/// In copied web text every line is its own block: a run of lines is split
/// into one piece per line, each judged on its own. A lone widget word
/// ("Share", "Menu") is clutter here even without blank lines around it,
/// since no line is a wrapped fragment of a sentence. The exception is a
/// paragraph plainly hard-wrapped (an editor's paste, a quoted e-mail): its
/// lines stay one piece, so the paragraph is judged whole.
pub(crate) fn split_runs(pieces: Vec<Piece>, lines: &[Line], cues: &Cues) -> Vec<Piece> {
    let mut split = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece.kind {
            PieceKind::Text { forced } => {
                let widgets: Vec<Option<&'static str>> = piece
                    .lines
                    .iter()
                    .map(|&index| widget_reason(&lines[index].text, cues).filter(|_| !forced))
                    .collect();
                let mut at = 0;
                while at < piece.lines.len() {
                    let end = match widgets[at] {
                        Some(_) => at + 1,
                        None => wrapped_paragraph_end(&piece.lines, &widgets, lines, at),
                    };
                    split.push(Piece {
                        kind: widgets[at].map_or(PieceKind::Text { forced }, PieceKind::Removed),
                        lines: piece.lines[at..end].to_vec(),
                    });
                    at = end;
                }
            }
            _ => split.push(piece),
        }
    }
    split
}

/// Why a line of copied web text is a widget on its own, if it is one.
fn widget_reason(text: &str, cues: &Cues) -> Option<&'static str> {
    isolated_clutter(text)
        .or_else(|| cues.is_widget(text).then_some(WIDGET))
        .or_else(|| is_read_more_teaser(text).then_some(TEASER))
}

/// The widest line of a hard-wrapped paragraph: editors and mail programs
/// wrap at 60 to 80 characters, a browser never wraps at all.
const WRAP_WIDTH: usize = 100;
/// How many words a wrapped line holds at the least: fewer, and the line
/// may be a label or a menu item ending without a stop.
const WRAPPED_LINE_WORDS: usize = 8;

/// The end (exclusive, in `run`) of the hard-wrapped paragraph starting at
/// `at`, or `at + 1` when the line stands alone. A wrapped paragraph is a
/// chain of lines no wider than a wrap, each but the last a long stretch of
/// sentence cut off after a lower-case word or a comma, the last ending the
/// sentence. A headline, a menu in capitals or a dek over a browser's long
/// paragraph line is no such chain.
fn wrapped_paragraph_end(
    run: &[usize],
    widgets: &[Option<&'static str>],
    lines: &[Line],
    at: usize,
) -> usize {
    let mut end = at;
    while end + 1 < run.len() && widgets[end + 1].is_none() {
        let (line, next) = (&lines[run[end]], &lines[run[end + 1]]);
        if !is_cut_by_wrap(line) || next.text.len() > WRAP_WIDTH || !continues_wrap(line, next) {
            break;
        }
        end += 1;
        if ends_sentence(&next.text) {
            return end + 1;
        }
    }
    at + 1
}

/// Does `next` carry on the sentence `line` was cut in? It starts
/// mid-sentence, or `line` ends on a comma or a function word, or `next` is
/// only the short end of a sentence. A headline over a dek or a teaser's
/// summary is neither: the summary is a sentence of its own length.
fn continues_wrap(line: &Line, next: &Line) -> bool {
    starts_mid_sentence(&next.text)
        || line.text.ends_with(',')
        || ends_with_function_word(&line.text)
        || next.words < WRAPPED_LINE_WORDS && ends_sentence(&next.text)
}

/// Is the line a stretch of sentence cut off by a hard wrap: long, as wide
/// as a wrap allows, not ending a sentence, its last word lower-case (or a
/// comma after it), its words mostly lower-case?
fn is_cut_by_wrap(line: &Line) -> bool {
    let text = &line.text;
    let cut_after_word = text.ends_with(',')
        || text
            .split_whitespace()
            .last()
            .and_then(|word| word.chars().next())
            .is_some_and(char::is_lowercase);
    line.words >= WRAPPED_LINE_WORDS
        && text.len() <= WRAP_WIDTH
        && cut_after_word
        && !ends_sentence(text)
        && !ends_with_colon(text)
        && capitalised_share(text) < 0.5
}

/// A line's length in words, or for scripts written without spaces
/// (Chinese, Japanese) its length in characters over six, about what a
/// line of that length holds in words in a spaced script.
fn weight(line: &Line) -> usize {
    match is_unspaced(line) {
        true => line.words.max(line.text.chars().count() / 6),
        false => line.words,
    }
}

/// A line of prose: a sentence, or a line too long to be a headline. A
/// short question or exclamation is more often a headline than prose.
/// `words` is the line's [`weight`].
fn is_prose(text: &str, words: usize) -> bool {
    let bare = text.trim_end_matches(['”', '"', '’', '\'', ')', ']', '»', '」', '』']);
    // Two dots end a teaser cut short, not a sentence.
    let cut_short = bare.ends_with("..") && !bare.ends_with("...");
    let full_stop = bare.ends_with(['.', '…', '。']) && !cut_short;
    // Nearly every word capitalised: a headline in title case, not a sentence.
    let title_case = words <= 20 && capitalised_share(text) >= 0.7;
    words >= 30 && has_clause_punctuation(text)
        || words >= 5 && full_stop && !title_case
        || words >= 12 && ends_sentence(text) && !title_case
}

/// Does the text hold a mark that separates clauses or sentences? A long
/// run of words without any (a tag cloud, a list of links copied as one
/// line) is not prose, however many words it holds.
fn has_clause_punctuation(text: &str) -> bool {
    text.contains([
        '.', ',', ';', ':', '!', '?', '…', '。', '、', '，', '！', '？', '؛', '،', '।',
    ])
}

/// What a piece adds to the stretch that holds it. `walls`: the page holds
/// a comment section, whose markers the stretch must not cross.
fn value(piece: &Piece, lines: &[Line], walls: bool) -> i64 {
    if walls && piece.lines.len() == 1 && is_comment_marker(&lines[piece.lines[0]]) {
        return -COMMENTS_WALL;
    }
    match piece.kind {
        PieceKind::Text { forced: true } => 0,
        PieceKind::Text { forced: false } => {
            let words: usize = piece.lines.iter().map(|&index| weight(&lines[index])).sum();
            let text = piece.text(lines);
            match is_prose(&text, words) {
                true => words as i64,
                _ if is_comments_heading(&text, words) => -COMMENTS_WALL,
                // "The minister said:" belongs to what it introduces.
                false if ends_with_colon(&text) && words >= 2 => 0,
                false => -LINE_COST,
            }
        }
        PieceKind::Removed(COMMENTS_HEADING_LINE) => -COMMENTS_WALL,
        PieceKind::Removed(_) => {
            let text = piece.text(lines);
            match is_comments_heading(&text, word_count_up_to(&text, 9)) {
                true => -COMMENTS_WALL,
                false => -LINE_COST,
            }
        }
        // A date among the paragraphs heads a comment or another story's teaser.
        PieceKind::Dateline(_) => 0,
        _ => 0,
    }
}

/// The heading of a comment section ("34 Comments", "Leave a Reply",
/// "[ 167 comments ]"): the article ends above it.
fn is_comments_heading(text: &str, words: usize) -> bool {
    // "34 responses to “The headline”" quotes the headline, of any length.
    (words <= 8 || text.starts_with(|c: char| c.is_ascii_digit()) && !ends_sentence(text))
        && COMMENTS_HEADING.is_match(text)
}

static COMMENTS_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^\W*(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|top rated comments|leave a (?:reply|comment)|add a comment|post a comment|join the discussion)\b|^\d+\s+(?:comments?|responses?|replies|thoughts?)\s+(?:to|on)\s",
    )
    .expect("valid regex")
});

/// How many comment markers make a comment section: one "X says:" may be
/// an article's own line, a run of them is readers talking.
const COMMENT_MARKERS: usize = 3;

/// A line that heads one reader's comment: "jsmith says:", "Anna wrote:",
/// "2 days ago", "3 hours ago at 07:50 am". Comments repeat it, an article
/// prints it once at most (beside its headline).
fn is_comment_marker(line: &Line) -> bool {
    if line.text.len() > 80 || line.words > 8 {
        return false;
    }
    let text = line.text.to_lowercase();
    let speaks = line.words <= 4
        && [
            " says:",
            " said:",
            " wrote:",
            " replied:",
            " schrieb:",
            " a écrit :",
            " dice:",
            " escribió:",
            " disse:",
        ]
        .iter()
        .any(|verb| text.ends_with(verb));
    speaks || text.contains(" ago") && RELATIVE_TIME.is_match(&text)
}

static RELATIVE_TIME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:\w+\s+)?(?:(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)|\d+\s?[smhdw])\s+ago\b",
    )
    .expect("valid regex")
});

/// How many short date lines make a list of items (other stories'
/// teasers, comments), each headed by its date: an article prints its own
/// date once, beside its headline.
const ITEM_DATES: usize = 3;
/// What a date heading an item costs: the stretch never crosses one, but
/// unlike a comments heading it does not end the article's search.
const ITEM_WALL: i64 = 50_000;

/// A line holding a full date and little else ("Tuesday November 19,
/// 2019", "Nov 18, 2019 at 9:24 pm").
fn is_item_date(piece: &Piece, lines: &[Line]) -> bool {
    piece.lines.len() == 1 && {
        let line = &lines[piece.lines[0]];
        // "— Ana Ruiz (@ana) November 19, 2019" signs a post the article quotes.
        line.words <= 8
            && !line.text.starts_with(['—', '–', '-'])
            && matches!(
                piece.kind,
                PieceKind::Dateline(_) | PieceKind::Removed(_) | PieceKind::Text { forced: false }
            )
            && find_date(&line.text).is_some()
    }
}

/// Words that say the page's rights are reserved, in the languages with
/// cue sets: the notice closes an article or the whole page.
const RIGHTS_RESERVED: &[&str] = &[
    "rights reserved",
    "rechte vorbehalten",
    "droits réservés",
    "derechos reservados",
    "direitos reservados",
    "diritti riservati",
];

/// "© 2019 Harbour Wire. All Rights Reserved.": nothing of the article
/// follows it, so the stretch never crosses it.
fn is_rights_notice(piece: &Piece, lines: &[Line]) -> bool {
    piece.lines.len() == 1 && {
        let line = &lines[piece.lines[0]];
        line.words <= 40 && {
            let lower = line.text.to_lowercase();
            RIGHTS_RESERVED.iter().any(|words| lower.contains(words))
        }
    }
}

/// How many words of prose above the comments make an article: with
/// fewer, the page may be a forum thread whose text is the comments.
const ARTICLE_ABOVE_COMMENTS: i64 = 40;

/// The article's pieces: the stretch with the highest value (Kadane's
/// maximum-sum run) above the comments when one is there (a long comment
/// may outweigh a short article), else anywhere. `None` when no piece is
/// prose.
fn best_stretch(pieces: &[Piece], lines: &[Line]) -> Option<(usize, usize)> {
    let markers = pieces
        .iter()
        .filter(|piece| piece.lines.len() == 1 && is_comment_marker(&lines[piece.lines[0]]))
        .count();
    let walls = markers >= COMMENT_MARKERS;
    let dated = pieces
        .iter()
        .filter(|piece| is_item_date(piece, lines))
        .count();
    let date_walls = dated >= ITEM_DATES;
    let values: Vec<i64> = pieces
        .iter()
        .map(|piece| {
            let item_wall =
                date_walls && is_item_date(piece, lines) || is_rights_notice(piece, lines);
            match item_wall {
                true => -ITEM_WALL,
                false => value(piece, lines, walls),
            }
        })
        .collect();
    // A lone "Comments" may be a button in the share bar above the article.
    let comments = (0..pieces.len())
        .find(|&index| {
            values[index] == -COMMENTS_WALL
                && pieces[index]
                    .lines
                    .iter()
                    .map(|&line| lines[line].words)
                    .sum::<usize>()
                    > 1
        })
        .unwrap_or(values.len());
    match max_run(&values[..comments]) {
        Some((sum, range)) if sum >= ARTICLE_ABOVE_COMMENTS => Some(range),
        _ => max_run(&values).map(|(_, range)| range),
    }
}

/// The run of `values` with the highest sum, and that sum.
fn max_run(values: &[i64]) -> Option<(i64, (usize, usize))> {
    let (mut best, mut best_range) = (0i64, None);
    let (mut sum, mut start) = (0i64, 0usize);
    for (index, &value) in values.iter().enumerate() {
        // A stretch worth nothing yet is kept, so a line introducing the
        // article ("He said:") or a dateline right above it stays with it.
        if sum < 0 {
            sum = 0;
            start = index;
        }
        sum += value;
        if sum > best {
            best = sum;
            best_range = Some((start, index));
        }
    }
    best_range.map(|range| (best, range))
}

/// Marks what lies outside the article and the headline block above it.
/// Returns the head found; its `end` is the first piece of the article.
pub(crate) fn mark_article(pieces: &mut [Piece], lines: &[Line]) -> Head {
    let Some((start, end)) = best_stretch(pieces, lines) else {
        return Head::default();
    };
    for piece in &mut pieces[end + 1..] {
        match piece.kind {
            PieceKind::SignOff(_) | PieceKind::Note(..) | PieceKind::Removed(_) => {}
            PieceKind::Text { forced: true } => {}
            // The tail rules name what they recognise ("empty field label").
            PieceKind::Text { forced: false } => {
                let reason = tail_reason(&piece.text(lines), true, None, false);
                piece.kind = PieceKind::Removed(reason.unwrap_or(AFTER_ARTICLE));
            }
            _ => piece.kind = PieceKind::Removed(AFTER_ARTICLE),
        }
    }
    let window = head_window(pieces, lines, start);
    // Inside the window the headline's score already counts its byline.
    // A line inside the stretch under a headline-like line is its dek.
    let under_headline = |anchor: usize| {
        anchor
            .checked_sub(1)
            .is_some_and(|above| is_web_headline(&pieces[above].text(lines)))
    };
    let opening = OpeningWords::default();
    let anchor = anchored_headline(pieces, lines, start, &opening)
        .filter(|&anchor| anchor < window || anchor >= start && !under_headline(anchor));
    let low = window.min(anchor.unwrap_or(usize::MAX));
    let mut head = mark_head_block(pieces, lines, (low, start), anchor, &opening);
    mark_bare_byline(pieces, lines, head.end);
    drop_labels_above_prose(pieces, lines, head.end, end);
    // Datelines well above the headline belong to the page (today's date,
    // other stories); one just above it is the article's.
    let title = pieces[low..start]
        .iter()
        .position(|piece| piece.kind == PieceKind::Title)
        .map_or(low, |title| (low + title).saturating_sub(DATE_ABOVE_TITLE));
    let anchor = pieces
        .iter()
        .position(|piece| piece.kind == PieceKind::Title)
        .unwrap_or(start);
    head.date = date_near_head(pieces, lines, title, start)
        .or_else(|| nearest_date_line(pieces, lines, anchor, end));
    for (index, piece) in pieces[..start].iter_mut().enumerate() {
        match piece.kind {
            PieceKind::Title | PieceKind::Dek | PieceKind::Removed(_) => {}
            PieceKind::Text { forced: true } => {}
            PieceKind::Dateline(_) if index >= title => {}
            _ => piece.kind = PieceKind::Removed(headline_copy(piece, lines, &head)),
        }
    }
    head
}

/// How many pieces under the headline a byline without "By" may stand.
const BARE_BYLINE_BELOW: usize = 4;

/// Marks a name standing beside the date under the headline ("Lena Okafor
/// in Lisbon" over "Sat 15 Sep 2018 07.00 BST") as the byline, when the
/// head holds no byline yet. Anywhere else a name on its own line is a
/// caption, a label or a list item.
fn mark_bare_byline(pieces: &mut [Piece], lines: &[Line], head_end: usize) {
    let Some(title) = pieces
        .iter()
        .position(|piece| piece.kind == PieceKind::Title)
    else {
        return;
    };
    let until = pieces
        .len()
        .min(head_end.max(title + 1) + BARE_BYLINE_BELOW);
    let has_byline = pieces[title..until].iter().any(|piece| {
        matches!(&piece.kind, PieceKind::Dateline(dateline) if !dateline.authors.is_empty())
    });
    if has_byline {
        return;
    }
    for index in title + 1..until {
        let piece = &pieces[index];
        if piece.kind != (PieceKind::Text { forced: false }) || piece.lines.len() != 1 {
            continue;
        }
        let dated = |other: Option<usize>| {
            other
                .and_then(|other| pieces.get(other))
                .is_some_and(|other| is_head_meta(other, lines))
        };
        if !dated(index.checked_sub(1)) && !dated(Some(index + 1)) {
            continue;
        }
        if let Some(authors) = parse_bare_byline(&lines[piece.lines[0]].text) {
            pieces[index].kind = PieceKind::Dateline(Dateline {
                date: None,
                publication: None,
                authors,
            });
            return;
        }
    }
}

/// Marks the labels between the headline block and the article's first
/// prose line (share buttons left over when the dek was read as the
/// article's start) as page.
fn drop_labels_above_prose(pieces: &mut [Piece], lines: &[Line], from: usize, end: usize) {
    for piece in pieces.iter_mut().take(end + 1).skip(from) {
        if piece.kind != (PieceKind::Text { forced: false }) {
            continue;
        }
        match value(piece, lines, false) {
            value if value < 0 => piece.kind = PieceKind::Removed(BEFORE_ARTICLE),
            _ => return,
        }
    }
}

/// The first date written on a short line from `from` (just above the
/// headline) to a few pieces into the article: the date a page prints
/// beside its headline and byline, however the line around it reads
/// ("Nov 18, 2019 at 9:24 pm ET • 2 min read"). Dates in the story's
/// sentences, and further down, are the story's own.
fn date_near_head(pieces: &[Piece], lines: &[Line], from: usize, start: usize) -> Option<Date> {
    let until = pieces.len().min(start + DATE_INTO_ARTICLE);
    pieces[from.min(until)..until]
        .iter()
        .filter(|piece| !matches!(piece.kind, PieceKind::Title | PieceKind::Dek))
        .flat_map(|piece| piece.lines.iter().map(|&index| &lines[index]))
        .filter(|line| line.words <= 25 && !is_stamp_prose(line))
        .find_map(|line| find_date(&line.text).map(|(date, _)| date))
}

/// Is a short line prose, read without a closing "a.m." or "p.m." (whose
/// stop ends a time, not a sentence: "Nov. 20, 2019 1:35 a.m.")?
fn is_stamp_prose(line: &Line) -> bool {
    let text = line.text.trim_end();
    let lower = text.to_lowercase();
    let bare = match lower.ends_with("a.m.") || lower.ends_with("p.m.") {
        true => &text[..text.len() - 1],
        false => text,
    };
    is_prose(bare, weight(line))
}

/// How far from the headline, in pieces, a date line standing on its own is
/// still taken for the article's date when none stands beside the headline.
const DATE_REACH: usize = 60;
/// How many pieces past the article's last paragraph a date line may stand
/// ("Written by Ana Ruiz on November 14, 2019" under the article).
const DATE_BELOW_ARTICLE: usize = 10;

/// The date line nearest the headline (`anchor`), above it or below it
/// down to a little past the article's `end`, when none stands beside the
/// headline: a page may set its date apart (over a photo, in a box of
/// article facts, under the text). A short line that is a date is a
/// page's date, not a sentence of the story; the nearest one to the
/// headline is the article's, the others belong to other stories or
/// comments.
fn nearest_date_line(pieces: &[Piece], lines: &[Line], anchor: usize, end: usize) -> Option<Date> {
    let below_until = pieces.len().min(end + 1 + DATE_BELOW_ARTICLE);
    let date_at = |index: usize| {
        let piece = &pieces[index];
        if piece.lines.len() != 1 || matches!(piece.kind, PieceKind::Title | PieceKind::Dek) {
            return None;
        }
        let line = &lines[piece.lines[0]];
        // "— Ana Ruiz (@ana) November 18, 2019" signs a quoted post;
        // "Ana on May 2, 2019 at 10:07 am said:" heads a comment.
        let quoted = line.text.starts_with(['—', '–', '-']) || line.text.ends_with(':');
        match line.words <= 25 && !quoted && !is_stamp_prose(line) {
            true => find_date(&line.text).map(|(date, _)| date),
            false => None,
        }
    };
    (0..=DATE_REACH).find_map(|distance| {
        let above = anchor.checked_sub(distance).and_then(date_at);
        let below = Some(anchor + distance)
            .filter(|&index| index < below_until)
            .and_then(date_at);
        above.or(below)
    })
}

/// The reason for a line above the article: another copy of the headline
/// (a mailing-list subject when it carries the list's prefix), or page.
fn headline_copy(piece: &Piece, lines: &[Line], head: &Head) -> &'static str {
    let Some(title) = head.title.as_deref() else {
        return BEFORE_ARTICLE;
    };
    let text = piece.text(lines);
    match same_headline(&text, title) {
        true if strip_list_prefix(&text) != text => LIST_SUBJECT,
        true => REPEATED_HEADLINE,
        false => BEFORE_ARTICLE,
    }
}

/// The first piece the headline block may start at: at most
/// [`HEAD_WINDOW`] pieces above the article, and below any prose.
fn head_window(pieces: &[Piece], lines: &[Line], start: usize) -> usize {
    let mut low = start;
    while low > 0 && start - low < HEAD_WINDOW {
        let piece = &pieces[low - 1];
        let is_prose =
            matches!(piece.kind, PieceKind::Text { .. }) && value(piece, lines, false) > 0;
        // A summary between the headline and the byline is the dek, not
        // another story: the window reaches past it to the headline.
        let is_dek = piece.lines.len() == 1
            && lines[piece.lines[0]].words <= 60
            && has_byline_below(pieces, lines, low - 1);
        if is_prose && !is_dek {
            break;
        }
        low -= 1;
    }
    low
}

/// How many pieces below a headline its byline or date may stand: a dek,
/// a kicker, share buttons and labels may sit between.
const BYLINE_BELOW_HEADLINE: usize = 8;

/// Is there a byline or a date line a little below `index`, with nothing
/// between but widgets, short labels and at most one summary (the dek)? A
/// headline has its byline and date right under it; a menu item, a caption
/// or another story's headline does not.
fn has_byline_below(pieces: &[Piece], lines: &[Line], index: usize) -> bool {
    let until = pieces.len().min(index + 1 + BYLINE_BELOW_HEADLINE);
    let mut summaries = 0;
    for piece in &pieces[(index + 1).min(until)..until] {
        if is_head_meta(piece, lines) {
            return true;
        }
        match piece.kind {
            PieceKind::Removed(_) | PieceKind::Caption(..) => {}
            PieceKind::Text { forced: false } if piece.lines.len() == 1 => {
                let line = &lines[piece.lines[0]];
                let words = line.words;
                if words < 8 && is_credit_line(&line.text) {
                    return true;
                }
                // Labels, names and kickers in capitals; a photo credit.
                if words <= 2 || is_all_caps(&line.text) || is_parenthesised(&line.text) {
                    continue;
                }
                if summaries > 0 || !(8..=60).contains(&words) {
                    return false;
                }
                summaries += 1;
            }
            _ => return false,
        }
    }
    false
}

/// A short line crediting someone ("Analysis by Ana Ruiz, Editor"): a
/// byline in all but its first word.
fn is_credit_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.starts_with("by ") || lower.contains(" by ")
}

/// A byline or a date line: what stands under a headline.
fn is_head_meta(piece: &Piece, lines: &[Line]) -> bool {
    match &piece.kind {
        PieceKind::Dateline(_) => true,
        PieceKind::Removed(_) | PieceKind::Text { forced: false } => {
            piece.lines.len() == 1 && {
                let line = &lines[piece.lines[0]];
                line.words <= 25
                    && !is_prose(&line.text, weight(line))
                    && find_date(&line.text).is_some()
            }
        }
        _ => false,
    }
}

/// A headline in a web page: one line, a few words, not a sentence cut off,
/// no full date (that is the dateline).
/// Unlike a headline atop a plain text, it may hold a full stop inside
/// ("Amnesty. More than 100 killed"), as headlines often do.
fn is_web_headline(text: &str) -> bool {
    let words = word_count_up_to(text, 31);
    // A headline in a script without spaces is one "word" of many letters.
    let words = match text.len() > 12 * words && is_mostly_cjk(text) {
        true => words.max(text.chars().count() / 3),
        false => words,
    };
    // "Stock Falls After Earnings. Why You Shouldn't Worry." is set in title case.
    let title_case_stop = text.ends_with('.') && words <= 20 && capitalised_share(text) >= 0.7;
    (2..=30).contains(&words)
        && (!text.ends_with(['.', ',', ';', ':']) || title_case_stop)
        && !starts_mid_sentence(text)
        && !ends_with_function_word(text)
        && !text.contains(" | ")
        && !is_parenthesised(text)
        && find_date(text).is_none()
}

/// A line wholly in brackets: a photo credit or an aside, never a headline.
fn is_parenthesised(text: &str) -> bool {
    text.starts_with(['(', '[']) && text.ends_with([')', ']'])
}

/// Finds the headline in pieces `low..start`: the headline-like line that
/// best shares its words with the article's opening, is long enough to be a
/// headline and stands near the article. Menus and labels share no words
/// with the article; the headline of the article nearly always does. A
/// longer summary right under a shorter headline is the dek.
fn mark_head_block(
    pieces: &mut [Piece],
    lines: &[Line],
    (low, start): (usize, usize),
    anchor: Option<usize>,
    opening: &OpeningWords,
) -> Head {
    let mut head = Head {
        end: start,
        ..Head::default()
    };
    let candidate = |index: usize| {
        let piece = &pieces[index];
        Some(index) == anchor
            || piece.kind == (PieceKind::Text { forced: false })
                && piece.lines.len() == 1
                && is_web_headline(&piece.text(lines))
    };
    let opening_of = Opening {
        read: opening,
        start,
        anchor,
    };
    let score = |index: usize| headline_score(pieces, lines, index, &opening_of);
    let pick = |range: std::ops::Range<usize>| {
        range
            .filter(|&index| candidate(index))
            .map(|index| (score(index), index))
            .filter(|(score, _)| *score > 2.0)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
    };
    // The headline over its byline in the window wins; the anchored line
    // (further up, or inside the stretch) only stands in for a missing one.
    let in_window = pick(low..start)
        .filter(|&(_, index)| Some(index) != anchor && has_byline_below(pieces, lines, index));
    let best = in_window.or_else(|| pick(low..start.max(anchor.map_or(0, |anchor| anchor + 1))));
    let Some((_, mut title)) = best else {
        return head;
    };
    // Of two copies of the headline one above the other, the first is the headline.
    while let Some(above) = title
        .checked_sub(1)
        .filter(|&index| index >= low && candidate(index))
    {
        let (upper, lower) = (pieces[above].text(lines), pieces[title].text(lines));
        if !same_headline(&upper, &lower) || strip_list_prefix(&upper) != upper {
            break;
        }
        title = above;
    }
    let mut dek = None;
    let above = title
        .checked_sub(1)
        .filter(|&index| index >= low && candidate(index));
    if let Some(above) = above.filter(|&above| {
        score(above) > 2.0
            && is_headline_over_dek(
                pieces,
                lines,
                above,
                title,
                opening.words(pieces, lines, start),
            )
    }) {
        dek = Some(title);
        title = above;
    }
    let below = title + 1;
    let copy = |index: usize| same_headline(&pieces[index].text(lines), &pieces[title].text(lines));
    if dek.is_none()
        && below < start
        && candidate(below)
        && lines[pieces[below].lines[0]].words >= 8
        && !copy(below)
    {
        dek = Some(below);
    }
    // It may have been taken for the article's first paragraph.
    if dek.is_none() && below <= start && is_summary_over_byline(pieces, lines, below) {
        dek = Some(below);
        head.end = head.end.max(below + 1);
    }
    let first_text =
        (start..pieces.len()).find(|&index| matches!(pieces[index].kind, PieceKind::Text { .. }));
    if let Some(first) =
        first_text.filter(|&first| dek.is_none() && opens_with_summary(pieces, lines, first))
    {
        // A summary without a final stop right above the first paragraph.
        dek = Some(first);
        head.end = first + 1;
    }
    mark_title_and_dek(pieces, lines, start, title, dek, &mut head);
    head
}

/// The article's opening, which a headline candidate is scored against.
struct Opening<'a> {
    read: &'a OpeningWords,
    /// Where the article's stretch starts, and the anchored line if any.
    start: usize,
    anchor: Option<usize>,
}

/// How much the one-line piece at `index` looks like the article's headline:
/// words shared with the opening, length, nearness, a byline below it, no
/// section label in capitals, and the anchor's bonus.
fn headline_score(pieces: &[Piece], lines: &[Line], index: usize, opening: &Opening) -> f64 {
    let line = &lines[pieces[index].lines[0]];
    let shared = match is_unspaced(line) {
        true => shared_pairs(&line.text, opening.read.text(pieces, lines, opening.start)),
        false => shared_share(&line.text, opening.read.words(pieces, lines, opening.start)),
    };
    let length = line.words.min(12) as f64 * 0.3;
    let distance = opening.start.saturating_sub(index) as f64 * 0.1;
    let byline = match has_byline_below(pieces, lines, index) {
        true => BYLINE_BONUS,
        false => 0.0,
    };
    // A section label over the headline ("WORLD NEWS") is set in capitals.
    let kicker = match is_all_caps(&line.text) {
        true => KICKER_PENALTY,
        false => 0.0,
    };
    let anchored = match Some(index) == opening.anchor {
        true => ANCHOR_BONUS,
        false => 0.0,
    };
    shared * 10.0 + length - distance + byline - kicker + anchored
}

/// Marks the headline (and the dek, if any) in `pieces` and `head`; a
/// headline found inside the stretch makes what stands above it page.
fn mark_title_and_dek(
    pieces: &mut [Piece],
    lines: &[Line],
    start: usize,
    title: usize,
    dek: Option<usize>,
    head: &mut Head,
) {
    if title >= start {
        for piece in &mut pieces[start..title] {
            if piece.kind == (PieceKind::Text { forced: false }) {
                piece.kind = PieceKind::Removed(BEFORE_ARTICLE);
            }
        }
        head.end = head.end.max(title + 1);
    }
    head.title = Some(pieces[title].text(lines));
    pieces[title].kind = PieceKind::Title;
    if let Some(dek) = dek {
        head.dek = Some(pieces[dek].text(lines));
        pieces[dek].kind = PieceKind::Dek;
    }
}

/// What standing right over the byline or date, and telling the article's
/// story, adds to a line's score as the headline.
const ANCHOR_BONUS: f64 = 10.0;
/// How many pieces above the article the headline over its byline may stand.
const ANCHOR_REACH: usize = 60;
/// How many pieces into the stretch a headline over its byline may stand
/// (a stretch may begin at a headline ending in a full stop).
const ANCHOR_INTO_ARTICLE: usize = 2;

/// The line standing right over a byline or a date line that shares half
/// its words with the article's opening, nearest the article: the
/// headline, wherever the page put it (past a long caption, a wall of
/// share buttons, or as the stretch's first line when it ends in a stop).
fn anchored_headline(
    pieces: &[Piece],
    lines: &[Line],
    start: usize,
    opening: &OpeningWords,
) -> Option<usize> {
    let until = pieces.len().min(start + ANCHOR_INTO_ARTICLE);
    let shaped = |index: usize| {
        let piece = &pieces[index];
        piece.kind == (PieceKind::Text { forced: false })
            && piece.lines.len() == 1
            && is_anchored_headline(&lines[piece.lines[0]])
            && !is_credit_line(&lines[piece.lines[0]].text)
            && parse_bare_byline(&lines[piece.lines[0]].text).is_none()
            && pieces
                .get(index + 1)
                .is_some_and(|next| is_head_meta(next, lines))
    };
    let tells_the_story = |index: usize| {
        let line = &lines[pieces[index].lines[0]];
        match is_unspaced(line) {
            true => shared_pairs(&line.text, opening.text(pieces, lines, start)) >= 0.5,
            false => shared_share(&line.text, opening.words(pieces, lines, start)) >= 0.5,
        }
    };
    let above = (start.saturating_sub(ANCHOR_REACH)..start).rev();
    (start..until)
        .chain(above)
        .find(|&index| shaped(index) && tells_the_story(index))
}

/// A headline over its byline: a headline's shape ([`is_web_headline`]),
/// except that a final stop and a pipe are allowed ("Meth. We're on it.",
/// "Design Week | A light installation").
fn is_anchored_headline(line: &Line) -> bool {
    let text = &line.text;
    (3..=25).contains(&line.words)
        && !text.ends_with([',', ';', ':'])
        && !starts_mid_sentence(text)
        && !ends_with_function_word(text)
        && !is_parenthesised(text)
        && !is_all_caps(text)
        && find_date(text).is_none()
}

/// What a byline or a date right under a line adds to its score as the headline.
const BYLINE_BONUS: f64 = 3.0;
/// What capitals take off a line's score as the headline: kickers and
/// section labels are set in capitals more often than headlines are.
const KICKER_PENALTY: f64 = 1.0;

/// Is every letter of the text a capital (and are there a few)?
fn is_all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && letters.all(char::is_uppercase)
}

/// Is the line above a long headline-like line the headline, and that
/// line its dek? A headline and its dek tell one story: they share a word,
/// or the headline shares half its words with the article. Another
/// story's headline or a label above does neither; a kicker is in capitals.
fn is_headline_over_dek(
    pieces: &[Piece],
    lines: &[Line],
    above: usize,
    title: usize,
    opening: &[String],
) -> bool {
    let words = |index: usize| lines[pieces[index].lines[0]].words;
    let (upper, lower) = (pieces[above].text(lines), pieces[title].text(lines));
    words(title) >= 12
        && words(above) < words(title)
        && words(above) >= 3
        && !is_all_caps(&upper)
        && (shares_a_word(&upper, &lower) || shared_share(&upper, opening) >= 0.5)
}

/// A summary sentence between the headline and the byline: the dek.
fn is_summary_over_byline(pieces: &[Piece], lines: &[Line], index: usize) -> bool {
    pieces.get(index).is_some_and(|piece| {
        piece.kind == (PieceKind::Text { forced: false })
            && piece.lines.len() == 1
            && (8..=60).contains(&lines[piece.lines[0]].words)
            && has_byline_below(pieces, lines, index)
    })
}

/// Is the article's first piece a summary (dek) rather than its first
/// paragraph: one line of up to 60 words with no final stop, followed by prose?
fn opens_with_summary(pieces: &[Piece], lines: &[Line], start: usize) -> bool {
    let Some(piece) = pieces.get(start) else {
        return false;
    };
    let text = piece.text(lines);
    let next_is_prose = pieces.get(start + 1).is_some_and(|next| {
        matches!(next.kind, PieceKind::Text { .. }) && !starts_mid_sentence(&next.text(lines))
    });
    piece.kind == (PieceKind::Text { forced: false })
        && piece.lines.len() == 1
        && next_is_prose
        && lines[piece.lines[0]].words <= 60
        && !ends_sentence(&text)
        && !ends_with_colon(&text)
        && !text.ends_with([',', ';'])
        && !starts_mid_sentence(&text)
}

/// How many of the article's first words are read, to compare headlines with.
const OPENING_WORDS: usize = 400;

/// Is the line in a script written without spaces (Chinese, Japanese)?
/// Most of its letters are then from U+2E80 on (CJK radicals onwards).
fn is_unspaced(line: &Line) -> bool {
    line.words * 12 < line.text.len() && is_mostly_cjk(&line.text)
}

fn is_mostly_cjk(text: &str) -> bool {
    let (mut cjk, mut all) = (0usize, 0usize);
    for character in text.chars().filter(|c| c.is_alphanumeric()) {
        all += 1;
        cjk += usize::from(character >= '\u{2E80}');
    }
    2 * cjk > all
}

/// The article's opening as headline candidates are compared with it: its
/// words and its text, each read once per article and only when a
/// candidate asks (most pages ask for the words, few for the text). It
/// holds no borrow of the pieces, which the head pass marks after reading.
#[derive(Default)]
struct OpeningWords {
    words: std::cell::OnceCell<Vec<String>>,
    text: std::cell::OnceCell<String>,
}

impl OpeningWords {
    /// The opening's words of four letters or more, lower case, sorted.
    fn words(&self, pieces: &[Piece], lines: &[Line], start: usize) -> &[String] {
        self.words
            .get_or_init(|| opening_words(pieces, lines, start))
    }

    /// The opening's text, for lines in scripts without spaces.
    fn text(&self, pieces: &[Piece], lines: &[Line], start: usize) -> &str {
        self.text.get_or_init(|| opening_text(pieces, lines, start))
    }
}

/// Does the word, without the punctuation around it, hold four letters or
/// more? Shorter words ("the", "in") say nothing about the story.
fn is_long_word(word: &str) -> bool {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .nth(3)
        .is_some()
}

/// The first paragraphs' text, for lines in scripts without spaces.
fn opening_text(pieces: &[Piece], lines: &[Line], start: usize) -> String {
    let mut text = String::new();
    let texts = pieces[start..]
        .iter()
        .filter(|piece| matches!(piece.kind, PieceKind::Text { .. }))
        .flat_map(|piece| piece.lines.iter().map(|&index| lines[index].text.as_str()));
    for line in texts {
        if text.len() >= OPENING_WORDS * 6 {
            break;
        }
        text.push_str(line);
    }
    text
}

/// The share of the line's pairs of adjacent letters found in `opening`:
/// the word overlap of [`shared_share`] for scripts without spaces.
fn shared_pairs(text: &str, opening: &str) -> f64 {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let pairs: Vec<String> = letters
        .windows(2)
        .map(|pair| pair.iter().collect())
        .collect();
    if pairs.is_empty() {
        return 0.0;
    }
    let found = pairs
        .iter()
        .filter(|pair| opening.contains(pair.as_str()))
        .count();
    found as f64 / pairs.len() as f64
}

/// The lower-cased words of the article's opening paragraphs.
fn opening_words(pieces: &[Piece], lines: &[Line], start: usize) -> Vec<String> {
    let (mut words, mut read) = (Vec::new(), 0usize);
    for piece in &pieces[start..] {
        if !matches!(piece.kind, PieceKind::Text { .. }) {
            continue;
        }
        for &index in &piece.lines {
            let line = &lines[index];
            read += line.words;
            // Only words of four letters or more are ever looked up.
            words.extend(
                line.text
                    .split_whitespace()
                    .filter(|word| is_long_word(word))
                    .map(bare_lowercase),
            );
        }
        if read >= OPENING_WORDS {
            break;
        }
    }
    words.sort_unstable();
    words.dedup();
    words
}

/// A word without the punctuation around it, lower-cased.
fn bare_lowercase(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Do the two lines share a word of four letters or more?
fn shares_a_word(one: &str, other: &str) -> bool {
    let mut words: Vec<String> = other.split_whitespace().map(bare_lowercase).collect();
    words.sort_unstable();
    one.split_whitespace()
        .map(bare_lowercase)
        .any(|word| word.chars().count() >= 4 && words.binary_search(&word).is_ok())
}

/// The share of the line's words of four letters or more (`opening` is
/// sorted) found in `opening`, counted in full only from two words on: one
/// common word ("more", "news") shared by a label is no evidence.
fn shared_share(text: &str, opening: &[String]) -> f64 {
    let mut total = 0usize;
    let mut found = 0usize;
    for word in text.split_whitespace().map(bare_lowercase) {
        if word.chars().count() < 4 {
            continue;
        }
        total += 1;
        found += usize::from(opening.binary_search(&word).is_ok());
    }
    match total {
        0 => 0.0,
        _ => found.min(2) as f64 / 2.0 * found as f64 / total as f64,
    }
}
