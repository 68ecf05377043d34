//! Paragraph anchors: a source's blocks in, the anchors of each block out,
//! and back (the text after `#` in a link to a source's page in, the block
//! it names out).
//!
//! A paragraph has two anchors:
//!
//! - `L12`, the line of the raw text where it starts. The raw text is kept
//!   byte for byte, so this does not move when lines before it are dropped
//!   or kept, when the cleaner splits other paragraphs differently, or when
//!   a sentence is added elsewhere. It is what citations and every link the
//!   site makes use. When two blocks start on one raw line, the second is
//!   `L12-2`, the third `L12-3`.
//! - `p3`, its position from the top of the page (from 1): what readers see
//!   in the margin and what older links use. It moves when the paragraphs
//!   before it change.
//!
//! Both are on the page, so a link of either kind works without JavaScript.
//! Read by the link stage (editorial events citing paragraphs) and the
//! render stage (links, views, exports), so it belongs to neither.

use crate::clean::{Block, RemovedLine};

/// A paragraph anchor as written after `#`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphAnchor {
    /// `L12` (`nth` 1) or `L12-2` (`nth` 2): the block starting on raw line `line`.
    Line { line: usize, nth: usize },
    /// `p3`: the third block of the page.
    Number(usize),
}

impl ParagraphAnchor {
    /// Reads `L12`, `L12-2` or `p3`, in exactly that form (no leading zeros,
    /// no zero); `None` for anything else.
    pub fn parse(anchor: &str) -> Option<Self> {
        if let Some(rest) = anchor.strip_prefix('L') {
            let (line, nth) = match rest.split_once('-') {
                Some((line, nth)) => (positive(line)?, positive(nth).filter(|&n| n >= 2)?),
                None => (positive(rest)?, 1),
            };
            return Some(ParagraphAnchor::Line { line, nth });
        }
        positive(anchor.strip_prefix('p')?).map(ParagraphAnchor::Number)
    }

    /// The block this anchor names among `blocks`, if any. A line anchor
    /// names the block starting there; failing that, the block that line is
    /// part of (the cleaner now joins it to the paragraph before), unless
    /// the line was removed as clutter.
    pub fn resolve(self, blocks: &[Block], removed: &[RemovedLine]) -> Option<usize> {
        match self {
            ParagraphAnchor::Number(number) => (number <= blocks.len()).then(|| number - 1),
            ParagraphAnchor::Line { line, nth } => {
                let first = blocks.iter().position(|block| block.line == line);
                match first {
                    Some(first) => Some(first + nth - 1)
                        .filter(|&at| blocks.get(at).is_some_and(|b| b.line == line)),
                    None if nth > 1 || removed.iter().any(|r| r.line == line) => None,
                    None => blocks.iter().rposition(|block| block.line < line),
                }
            }
        }
    }
}

/// A whole number from 1, written without a sign or leading zeros.
fn positive(text: &str) -> Option<usize> {
    let number: usize = text.parse().ok()?;
    (number >= 1 && text == number.to_string()).then_some(number)
}

/// The stable anchor of block `index` (`L12`, or `L12-2` for the second
/// block starting on line 12).
pub fn line_anchor(blocks: &[Block], index: usize) -> String {
    let Some(block) = blocks.get(index) else {
        return number_anchor(index);
    };
    let before = blocks[..index]
        .iter()
        .rev()
        .take_while(|other| other.line == block.line)
        .count();
    if before == 0 {
        format!("L{}", block.line)
    } else {
        format!("L{}-{}", block.line, before + 1)
    }
}

/// The positional anchor of block `index` (from 0): `p1` for the first.
pub fn number_anchor(index: usize) -> String {
    format!("p{}", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::BlockKind;

    fn blocks(lines: &[usize]) -> Vec<Block> {
        lines
            .iter()
            .map(|&line| Block {
                kind: BlockKind::Paragraph,
                text: format!("line {line}"),
                credit: None,
                line,
            })
            .collect()
    }

    #[test]
    fn anchors_read_only_in_their_exact_form() {
        use ParagraphAnchor::*;
        assert_eq!(
            ParagraphAnchor::parse("L12"),
            Some(Line { line: 12, nth: 1 })
        );
        assert_eq!(
            ParagraphAnchor::parse("L12-2"),
            Some(Line { line: 12, nth: 2 })
        );
        assert_eq!(ParagraphAnchor::parse("p3"), Some(Number(3)));
        for bad in [
            "p0", "p03", "L0", "L12-1", "L-3", "l12", "P3", "p", "L", "x3", "p+3",
        ] {
            assert_eq!(ParagraphAnchor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_line_anchor_names_the_block_starting_there_or_holding_that_line() {
        let blocks = blocks(&[3, 5, 5, 9]);
        let removed = [RemovedLine {
            line: 8,
            text: "Share".into(),
            reason: "share prompt",
        }];
        let at = |anchor: &str| ParagraphAnchor::parse(anchor)?.resolve(&blocks, &removed);
        assert_eq!(at("L5"), Some(1));
        assert_eq!(at("L5-2"), Some(2));
        assert_eq!(at("L5-3"), None);
        assert_eq!(
            at("L6"),
            Some(2),
            "line 6 continues the paragraph of line 5"
        );
        assert_eq!(at("L8"), None, "line 8 was removed");
        assert_eq!(at("L2"), None, "no paragraph before line 3");
        assert_eq!(at("p4"), Some(3));
        assert_eq!(at("p5"), None);
    }

    #[test]
    fn the_second_block_of_a_line_gets_a_count() {
        let blocks = blocks(&[3, 5, 5, 9]);
        let anchors: Vec<String> = (0..4).map(|at| line_anchor(&blocks, at)).collect();
        assert_eq!(anchors, ["L3", "L5", "L5-2", "L9"]);
    }
}
