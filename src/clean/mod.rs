//! Clean stage: raw source text in, an [`Article`] out.
//!
//! A raw source is a news article pasted from the web: hard-wrapped lines,
//! newsletter appeals, share prompts, icon-font debris, repeated headlines.
//! [`clean`] keeps every sentence the author wrote, in order, as blocks
//! (paragraphs, quotes, captions, notes), pulls out the title, dek, byline and
//! date, and records every line it dropped so an editor can check it.

mod body;
pub(crate) mod bytes;
mod classify;
mod clutter;
mod cues;
mod guard;
mod lines;
mod metadata;
mod span;
mod structure;

use jiff::civil::Date;
use serde::Serialize;

/// Editor overrides from the sidecar: lines to keep or drop whatever the rules say.
#[derive(Debug, Clone, Default)]
pub struct CleanOptions {
    /// Lines the cleaner must keep as body text even if its rules call them clutter.
    ///
    /// An entry matches a whole line, compared after trimming and collapsing
    /// whitespace runs; an entry ending in `*` matches every line starting
    /// with the text before the `*`. A kept line is plain body text: it is
    /// never taken as the title, dek or page furniture.
    pub keep: Vec<String>,
    /// Lines the cleaner must drop, listed in `Article.removed` as "dropped by
    /// the sidecar". Matched like `keep`; `drop` wins when both match.
    pub drop: Vec<String>,
}

/// An article as the author wrote it, without the page around it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Article {
    /// The headline, without a mailing-list subject prefix (`[List] `).
    pub title: Option<String>,
    /// The subtitle under the headline.
    pub dek: Option<String>,
    /// Authors named in the byline or the sign-off.
    pub authors: Vec<String>,
    /// The publication date the text states, if any.
    pub date: Option<Date>,
    /// The publication named in the text ("The Wall Street Journal, Jan. 17, 2024").
    pub publication: Option<String>,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// Every non-blank raw line that is not part of the article, in order.
    pub removed: Vec<RemovedLine>,
}

/// One unit of the body: a paragraph, a quoted passage, a caption or a note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// What the block is: paragraph, quote, caption or note.
    pub kind: BlockKind,
    /// The text with hard wraps rejoined: single spaces, no newlines.
    pub text: String,
    /// For captions: the photo credit ("John Moore/Getty Images"), kept apart from the text.
    pub credit: Option<String>,
    /// 1-based line in the raw file where the block starts.
    pub line: usize,
}

/// The kind of a body block, which decides how it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Body text.
    Paragraph,
    /// A quoted passage introduced by "said:" or similar.
    Quote,
    /// A photo caption.
    Caption,
    /// A print-edition note or similar editorial aside.
    Note,
}

/// A raw line the cleaner dropped, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemovedLine {
    /// 1-based line number in the raw file.
    pub line: usize,
    /// The line as it reads, trimmed, whitespace collapsed.
    pub text: String,
    /// Why it was removed, for the editor ("share prompt", "byline", ...).
    pub reason: &'static str,
}

/// Turns raw source text into an [`Article`].
///
/// Works on any input (empty, only clutter, CRLF or lone-CR line ends, a BOM,
/// NUL bytes, one huge line) in time linear in its length. Passes, in order:
/// normalise lines (`lines`), sort them into prose runs and recognised
/// lines (`classify`: clutter, dateline, byline, sign-off, caption, note,
/// sidecar overrides); in text copied from a web page (one block per line)
/// judge each line on its own and find the article's extent and its
/// headline block (`span`), else mark the headline, its repeats and the dek
/// (`structure`); then the furniture after the last paragraph
/// (`structure`), and build the blocks, rejoining sentences broken by
/// removed links (`body`), in web text only where the next line plainly
/// starts mid-sentence.
///
/// `Article.removed` lists every non-blank line that is neither in a block
/// nor the title or dek: clutter with its reason, and also the byline,
/// dateline and sign-off lines whose content went into the metadata fields.
/// The title and dek lines are not listed: they are shown as they are.
pub fn clean(raw: &str, options: &CleanOptions) -> Article {
    clean_in(raw, options, None)
}

/// [`clean`] for a source in a known language (a BCP 47 tag, as a
/// sidecar's `language` gives it), which chooses the phrase cues (widget
/// words, byline openers, comment headings); without one, or for a
/// language without a cue set, the language is read off the text.
pub fn clean_in(raw: &str, options: &CleanOptions, language: Option<&str>) -> Article {
    let lines = lines::split_lines(raw);
    let layout = span::layout(&lines);
    let cues = cues::choose(language, &lines);
    let pieces = classify::into_pieces(&lines, options, cues);
    let (mut pieces, head) = match layout {
        span::Layout::Wrapped => {
            let mut pieces = pieces;
            let head = structure::mark_head(&mut pieces, &lines);
            (pieces, head)
        }
        span::Layout::Blocks => {
            let mut pieces = span::split_runs(pieces, &lines, cues);
            let head = span::mark_article(&mut pieces, &lines);
            (pieces, head)
        }
    };
    structure::mark_recommendation_blocks(&mut pieces, &lines);
    structure::mark_tail(&mut pieces, &lines, head.end);
    let mut article = body::assemble(&pieces, &lines, head, layout);
    if article.publication.is_none() {
        article.publication = outlet_named_in_text(&article);
    }
    article
}

/// The outlet the article names where no dateline did: a wire opening
/// ("LISBON (Harbour Wire) - ...") or, failing that, a copyright line.
fn outlet_named_in_text(article: &Article) -> Option<String> {
    let opening = article
        .blocks
        .iter()
        .find(|block| block.kind == BlockKind::Paragraph)
        .and_then(|block| metadata::wire_outlet(&block.text));
    opening.or_else(|| {
        article
            .removed
            .iter()
            .filter(|line| line.reason == clutter::COPYRIGHT_LINE)
            .find_map(|line| metadata::copyright_outlet(&line.text))
    })
}
