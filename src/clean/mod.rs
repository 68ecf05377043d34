//! Clean stage: raw source text in, an [`Article`] out.
//!
//! A raw source is a news article pasted from the web: hard-wrapped lines,
//! newsletter appeals, share prompts, icon-font debris, repeated headlines.
//! [`clean`] keeps every sentence the author wrote, in order, as blocks
//! (paragraphs, quotes, captions, notes), pulls out the title, dek, byline and
//! date, and records every line it dropped so an editor can check it.

use jiff::civil::Date;
use serde::Serialize;

/// Editor overrides from the sidecar: lines to keep or drop whatever the rules say.
#[derive(Debug, Clone, Default)]
pub struct CleanOptions {
    /// Lines (compared after trimming) the cleaner must keep as body text.
    pub keep: Vec<String>,
    /// Lines (compared after trimming) the cleaner must drop as clutter.
    pub drop: Vec<String>,
}

/// An article as the author wrote it, without the page around it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Article {
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
    pub kind: BlockKind,
    /// The text with hard wraps rejoined: single spaces, no newlines.
    pub text: String,
    /// For captions: the photo credit ("John Moore/Getty Images"), kept apart from the text.
    pub credit: Option<String>,
    /// 1-based line in the raw file where the block starts.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
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
    pub text: String,
    pub reason: &'static str,
}

/// Turns raw source text into an [`Article`].
pub fn clean(raw: &str, options: &CleanOptions) -> Article {
    let mut article = Article::default();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut start_line = 0;
    let lines: Vec<&str> = raw.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let forced_drop = options.drop.iter().any(|d| d.trim() == trimmed);
        if trimmed.is_empty() || forced_drop {
            if forced_drop {
                article.removed.push(RemovedLine {
                    line: index + 1,
                    text: trimmed.to_string(),
                    reason: "dropped by the sidecar",
                });
            }
            flush(&mut article, &mut paragraph, start_line);
            continue;
        }
        if paragraph.is_empty() {
            start_line = index + 1;
        }
        paragraph.push(trimmed);
    }
    flush(&mut article, &mut paragraph, start_line);
    if !article.blocks.is_empty() {
        article.title = Some(article.blocks.remove(0).text);
    }
    article
}

fn flush(article: &mut Article, paragraph: &mut Vec<&str>, line: usize) {
    if paragraph.is_empty() {
        return;
    }
    article.blocks.push(Block {
        kind: BlockKind::Paragraph,
        text: paragraph.join(" "),
        credit: None,
        line,
    });
    paragraph.clear();
}
