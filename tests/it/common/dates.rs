//! Date finding on one invented sentence: the helpers the date tests share.

use backstory::clean::{Article, Block, BlockKind};
use backstory::extract::dates::find_dates;
use jiff::civil::Date;

/// An article of one paragraph holding `text`.
pub fn article(text: &str) -> Article {
    Article {
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            credit: None,
            line: 1,
        }],
        ..Article::default()
    }
}

/// (words, ISO value) of every date found in `text` published on `published`.
pub fn found(text: &str, published: Date) -> Vec<(String, String)> {
    find_dates(&article(text), Some(published))
        .into_iter()
        .map(|mention| (mention.text, mention.value.iso()))
        .collect()
}
