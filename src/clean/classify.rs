//! Normalised lines and the editor's overrides in, a list of pieces out: runs
//! of prose lines (a paragraph-to-be) and single lines already recognised as
//! clutter, dateline, byline, sign-off, caption or print note.
//!
//! A line that is not prose breaks a run, so clutter pasted into the middle of
//! a paragraph splits it; the body pass glues the halves back together.

use super::clutter::{isolated_clutter, line_clutter, BREADCRUMB, TIMESTAMP, WIDGET};
use super::cues::Cues;
use super::guard::Scanned;
use super::lines::{normalise, Line};
use super::metadata::{
    parse_byline, parse_caption, parse_dateline, parse_print_note, parse_sign_off, Dateline,
};
use super::CleanOptions;

/// Reason for the heading of a comment section in the source's language.
pub(crate) const COMMENTS_HEADING_LINE: &str = "comments heading";
/// Reason given for a line the sidecar asked to drop.
pub(crate) const DROPPED_BY_SIDECAR: &str = "dropped by the sidecar";

/// What a piece of the raw text is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PieceKind {
    /// Prose lines; `forced` when the sidecar asked to keep one of them.
    Text { forced: bool },
    /// Not part of the article, with the reason shown to the editor.
    Removed(&'static str),
    /// A date line, maybe naming the outlet or the authors.
    Dateline(Dateline),
    /// Authors named at the end ("Write to ... at ...").
    SignOff(Vec<String>),
    /// A photo caption: text and credit.
    Caption(String, String),
    /// A print-edition note, and the outlet it names.
    Note(String, Option<String>),
    /// The headline (kept out of the body).
    Title,
    /// The subtitle (kept out of the body).
    Dek,
}

/// Consecutive raw lines that play one role.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub kind: PieceKind,
    /// Indices into the line list, in order; never empty.
    pub lines: Vec<usize>,
}

impl Piece {
    /// The piece's lines joined with single spaces.
    pub(crate) fn text(&self, lines: &[Line]) -> String {
        let mut text = String::new();
        for index in &self.lines {
            if let Some(line) = lines.get(*index) {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&line.text);
            }
        }
        text
    }
}

/// The sidecar's keep and drop lists, normalised once.
///
/// An entry matches a whole line, compared after trimming and collapsing
/// whitespace runs; an entry ending in `*` matches every line that starts
/// with the text before the `*`.
struct Overrides {
    keep: Vec<String>,
    drop: Vec<String>,
}

impl Overrides {
    fn new(options: &CleanOptions) -> Self {
        let prepare = |entries: &[String]| -> Vec<String> {
            entries
                .iter()
                .map(|entry| normalise(entry))
                .filter(|entry| !entry.trim_end_matches('*').trim().is_empty())
                .collect()
        };
        Overrides {
            keep: prepare(&options.keep),
            drop: prepare(&options.drop),
        }
    }

    fn keeps(&self, line: &str) -> bool {
        self.keep.iter().any(|entry| matches_override(entry, line))
    }

    fn drops(&self, line: &str) -> bool {
        self.drop.iter().any(|entry| matches_override(entry, line))
    }
}

/// Does a normalised, non-empty sidecar entry name this line?
fn matches_override(entry: &str, line: &str) -> bool {
    match entry.strip_suffix('*') {
        Some(prefix) => line.starts_with(prefix.trim_end()),
        None => entry == line,
    }
}

/// Sorts the lines into pieces.
pub(crate) fn into_pieces(lines: &[Line], options: &CleanOptions, cues: &Cues) -> Vec<Piece> {
    let overrides = Overrides::new(options);
    let roles: Vec<Option<PieceKind>> = lines
        .iter()
        .enumerate()
        .map(|(index, line)| classify_line(lines, index, &line.text, &overrides, cues))
        .collect();
    let mut pieces: Vec<Piece> = Vec::new();
    for (index, role) in roles.into_iter().enumerate() {
        let Some(kind) = role else {
            // A blank line ends the current run of prose.
            pieces.push(Piece {
                kind: PieceKind::Removed(""),
                lines: Vec::new(),
            });
            continue;
        };
        if let PieceKind::Text { forced } = kind {
            if let Some(Piece {
                kind: PieceKind::Text { forced: run_forced },
                lines: run,
            }) = pieces.last_mut()
            {
                *run_forced |= forced;
                run.push(index);
                continue;
            }
        }
        pieces.push(Piece {
            kind,
            lines: vec![index],
        });
    }
    // Blank-line markers only served to end runs.
    pieces.retain(|piece| !piece.lines.is_empty());
    pieces
}

/// The role of one line, or `None` for a blank line.
fn classify_line(
    lines: &[Line],
    index: usize,
    text: &str,
    overrides: &Overrides,
    cues: &Cues,
) -> Option<PieceKind> {
    if text.is_empty() {
        return None;
    }
    if overrides.drops(text) {
        return Some(PieceKind::Removed(DROPPED_BY_SIDECAR));
    }
    if overrides.keeps(text) {
        return Some(PieceKind::Text { forced: true });
    }
    let scanned = Scanned::line(&lines[index]);
    if let Some((note, publication)) = parse_print_note(scanned) {
        return Some(PieceKind::Note(note, publication));
    }
    if let Some(authors) = parse_sign_off(scanned) {
        return Some(PieceKind::SignOff(authors));
    }
    let clutter = line_clutter(scanned);
    // A "Published ..." line with a full date is the dateline, not a bare
    // timestamp; "Updated 3/17/2008 9:41 AM ET" is one, not a breadcrumb.
    if clutter.is_none() || clutter == Some(TIMESTAMP) || clutter == Some(BREADCRUMB) {
        if let Some(dateline) = parse_dateline(scanned) {
            return Some(PieceKind::Dateline(dateline));
        }
    }
    if let Some(reason) = clutter {
        return Some(PieceKind::Removed(reason));
    }
    if cues.is_comments_heading(text) {
        return Some(PieceKind::Removed(COMMENTS_HEADING_LINE));
    }
    // "Von Lena Okafor": a byline opened in the source's language.
    let byline = parse_byline(text).or_else(|| {
        cues.byline_names(text)
            .and_then(|names| parse_byline(&format!("By {names}")))
    });
    if let Some(authors) = byline {
        return Some(PieceKind::Dateline(Dateline {
            date: None,
            publication: None,
            authors,
        }));
    }
    if let Some((caption, credit)) = parse_caption(scanned) {
        if caption.is_empty() {
            return Some(PieceKind::Removed("photo credit"));
        }
        return Some(PieceKind::Caption(caption, credit));
    }
    let blank_at = |position: Option<usize>| {
        position
            .and_then(|position| lines.get(position))
            .map(|line| line.text.is_empty())
            .unwrap_or(true)
    };
    if blank_at(index.checked_sub(1)) && blank_at(index.checked_add(1)) {
        if let Some(reason) =
            isolated_clutter(text).or_else(|| cues.is_widget(text).then_some(WIDGET))
        {
            return Some(PieceKind::Removed(reason));
        }
    }
    Some(PieceKind::Text { forced: false })
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    #[test]
    fn overrides() {
        let cases = [
            ("Sign up today", "Sign up today", true),
            ("  Sign   up today ", "Sign up today", true),
            ("Sign up", "Sign up today", false),
            ("Sign up*", "Sign up today", true),
            ("*", "anything", false),
            ("", "", false),
        ];
        for (entry, line, expected) in cases {
            let options = CleanOptions {
                keep: vec![entry.to_string()],
                drop: Vec::new(),
            };
            assert_eq!(
                Overrides::new(&options).keeps(line),
                expected,
                "{entry:?} vs {line:?}"
            );
        }
    }

    #[test]
    fn runs_of_prose_become_one_piece() {
        let lines =
            split_lines("Title\n\nfirst line\nsecond line\nAdvertisement\nthird line\n\nEnglish\n");
        let pieces = into_pieces(
            &lines,
            &CleanOptions::default(),
            super::super::cues::Language::English.cues(),
        );
        let kinds: Vec<(PieceKind, Vec<usize>)> = pieces
            .into_iter()
            .map(|piece| (piece.kind, piece.lines))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (PieceKind::Text { forced: false }, vec![0]),
                (PieceKind::Text { forced: false }, vec![2, 3]),
                (PieceKind::Removed("page widget text"), vec![4]),
                (PieceKind::Text { forced: false }, vec![5]),
                (PieceKind::Removed("language selector"), vec![7]),
            ]
        );
    }

    #[test]
    fn sidecar_wins_over_rules() {
        let lines = split_lines("Advertisement\n\nA plain sentence here.\n");
        let options = CleanOptions {
            keep: vec!["Advertisement".into()],
            drop: vec!["A plain sentence here.".into()],
        };
        let kinds: Vec<PieceKind> = into_pieces(
            &lines,
            &options,
            super::super::cues::Language::English.cues(),
        )
        .into_iter()
        .map(|piece| piece.kind)
        .collect();
        assert_eq!(
            kinds,
            vec![
                PieceKind::Text { forced: true },
                PieceKind::Removed(DROPPED_BY_SIDECAR)
            ]
        );
    }
}
