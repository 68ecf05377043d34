//! What each fuzz target checks, shared by the fuzzers (`fuzz_targets/*.rs`)
//! and by the corpus replay in `tests/it/fuzz_corpora.rs`, so every saved input
//! is also an ordinary `cargo test` case.
//!
//! Each function takes arbitrary bytes and panics only when the code under
//! test breaks a promise: a panic inside the library, or a result that points
//! outside the text it came from.

use backstory::clean::{clean, Article, CleanOptions};
use backstory::extract::dates::find_dates;
use backstory::extract::people::{find_people, PersonKind};
use backstory::frontmatter::{self, DateText};
use backstory::link::names::NameMatcher;
use backstory::link::Person;
use backstory::load::{EventMeta, PageMeta, PersonMeta};
use jiff::civil::Date;
use std::path::Path;

/// Lossy decoding, as the load stage does for a source that is not UTF-8.
fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Every block has text, and every removed line is a line of the input.
fn check_article(raw: &str, article: &Article) {
    for block in &article.blocks {
        assert!(!block.text.trim().is_empty(), "empty block in {article:?}");
        assert!(block.line >= 1, "block line numbers are 1-based");
    }
    let line_count = raw.split(['\n', '\r']).count();
    for removed in &article.removed {
        assert!(
            (1..=line_count).contains(&removed.line),
            "removed line {} outside 1..={line_count}",
            removed.line
        );
    }
}

/// The cleaner on any text, with and without sidecar overrides taken from the text itself.
pub fn clean_target(data: &[u8]) {
    let raw = text_of(data);
    let article = clean(&raw, &CleanOptions::default());
    check_article(&raw, &article);
    let lines: Vec<String> = raw.lines().take(4).map(str::to_string).collect();
    let options = CleanOptions {
        keep: lines.iter().step_by(2).cloned().collect(),
        drop: lines
            .iter()
            .skip(1)
            .step_by(2)
            .map(|line| format!("{}*", line.get(..line.len() / 2).unwrap_or("")))
            .collect(),
    };
    let article = clean(&raw, &options);
    check_article(&raw, &article);
}

/// A publication date anywhere in jiff's range from the first three bytes, then the text.
fn split_date(data: &[u8]) -> (Option<Date>, &[u8]) {
    match data {
        [a, b, c, rest @ ..] => {
            let year = (u16::from_le_bytes([*a, *b]) % 9999) as i16 + 1;
            let month = (c % 12) as i8 + 1;
            let day = (c / 12 % 28) as i8 + 1;
            (Date::new(year, month, day).ok(), rest)
        }
        _ => (None, data),
    }
}

/// The date finder on any text against any publication date (or none).
pub fn dates_target(data: &[u8]) {
    let (published, rest) = split_date(data);
    let raw = text_of(rest);
    let article = clean(&raw, &CleanOptions::default());
    for anchor in [published, None] {
        for mention in find_dates(&article, anchor) {
            let block = &article.blocks[mention.span.block];
            assert!(
                block
                    .text
                    .get(mention.span.start..mention.span.end)
                    .is_some(),
                "date span {:?} is not inside its block",
                mention.span
            );
            let value = mention.value;
            assert!(!value.iso().is_empty());
            assert!(!value.label().is_empty());
            assert!(value.last_day() >= value.start);
        }
    }
}

/// The people finder on any text, then the name matcher built from what it found.
pub fn names_target(data: &[u8]) {
    let raw = text_of(data);
    let article = clean(&raw, &CleanOptions::default());
    let found = find_people(&article);
    for person in &found {
        for span in &person.mentions {
            let block = &article.blocks[span.block];
            assert!(
                block.text.get(span.start..span.end).is_some(),
                "name span {span:?} is not inside its block"
            );
        }
    }
    let people: Vec<Person> = found
        .iter()
        .enumerate()
        .map(|(index, found)| Person {
            id: format!("p{index}"),
            name: found.name.clone(),
            aliases: found.aliases.clone(),
            role: found.role.clone(),
            kind: PersonKind::Subject,
            description: None,
            profile: None,
            mentions: Vec::new(),
            sources: Vec::new(),
            pages: Vec::new(),
            appears_with: Vec::new(),
            events: Vec::new(),
        })
        .collect();
    let matcher = NameMatcher::new(&people);
    for text in std::iter::once(raw.as_str()).chain(article.blocks.iter().map(|b| b.text.as_str()))
    {
        let mut last_end = 0;
        for found in matcher.find(text) {
            assert!(found.start >= last_end, "matches overlap or go backwards");
            assert!(text.get(found.start..found.end).is_some());
            assert!(found.person < people.len());
            last_end = found.end;
        }
    }
}

/// The front matter parser with every schema, as the load stage calls it.
pub fn frontmatter_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return; // the load stage refuses Markdown that is not UTF-8 before parsing
    };
    let file = Path::new("content/pages/fuzz.md");
    let check = |result: Result<(), backstory::diag::Diagnostic>| {
        if let Err(diagnostic) = result {
            assert_eq!(diagnostic.file, file);
            assert!(!diagnostic.message.is_empty());
            if let Some(line) = diagnostic.line {
                // YAML counts a lone CR as a line break too; the load stage
                // turns those into LF before parsing, but the parser alone
                // must still name a line that exists under some convention.
                let lone_crs = text.replace("\r\n", "\n").matches('\r').count();
                let breaks = text.matches('\n').count() + lone_crs;
                assert!(
                    line >= 1 && line <= breaks + 1,
                    "line {line} outside the file"
                );
            }
        }
    };
    check(frontmatter::parse::<PageMeta>(file, text).map(|doc| {
        assert!(doc.body_line >= 2);
        if let Some(date) = doc.meta.date {
            let _ = date.as_day();
        }
    }));
    check(frontmatter::parse::<PersonMeta>(file, text).map(|_| ()));
    check(frontmatter::parse::<EventMeta>(file, text).map(|doc| {
        let _ = doc.meta.date.as_day();
    }));
    let _ = frontmatter::key_line(text, "slug");
    let _ = DateText(text.to_string()).as_day();
}
