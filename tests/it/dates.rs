//! Date finding on whole texts: the five seeds against a hand annotation
//! (precision, recall and F1 of (source, value) pairs, printed with
//! `--nocapture`), and invented texts with tricky dates, mention by mention.
//!
//! Articles are built here by splitting raw text into blank-line separated
//! paragraphs (lines joined by a space), so these tests do not depend on the
//! cleaner.

use backstory::clean::{Article, Block, BlockKind};
use backstory::extract::dates::{find_dates, DateMention};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

#[derive(Deserialize)]
struct SeedFixture {
    seed: Vec<Seed>,
}

#[derive(Deserialize)]
struct Seed {
    file: String,
    published: String,
    drop: Vec<String>,
    dates: Vec<Annotation>,
}

#[derive(Deserialize)]
struct InventedFixture {
    article: Vec<Invented>,
}

#[derive(Deserialize)]
struct Invented {
    name: String,
    published: String,
    text: String,
    dates: Vec<Annotation>,
}

#[derive(Deserialize)]
struct Annotation {
    text: String,
    value: String,
    precision: Option<String>,
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dates")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn date(text: &str) -> Date {
    text.parse()
        .unwrap_or_else(|error| panic!("bad date {text}: {error}"))
}

/// Blank-line separated paragraphs, lines joined by a space, without the
/// lines starting with one of `drop` (page clutter a cleaner removes).
fn article_from(raw: &str, drop: &[String]) -> Article {
    let mut blocks = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut flush = |lines: &mut Vec<&str>, start: usize| {
        let text = lines.join(" ");
        lines.clear();
        if text.is_empty() {
            return;
        }
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text,
            credit: None,
            line: start,
        });
    };
    for (index, line) in raw.lines().enumerate() {
        let line = line.trim();
        if drop.iter().any(|prefix| line.starts_with(prefix.as_str())) {
            continue;
        }
        if line.is_empty() {
            flush(&mut lines, start);
        } else {
            if lines.is_empty() {
                start = index + 1;
            }
            lines.push(line);
        }
    }
    flush(&mut lines, start);
    Article {
        blocks,
        ..Article::default()
    }
}

fn described(mentions: &[DateMention]) -> Vec<(String, String)> {
    mentions
        .iter()
        .map(|mention| (mention.text.clone(), mention.value.iso()))
        .collect()
}

#[test]
fn seeds_match_the_hand_annotation() {
    let fixture: SeedFixture = toml::from_str(&fixture("seeds.toml")).expect("seeds.toml parses");
    let mut expected_pairs = BTreeSet::new();
    let mut found_pairs = BTreeSet::new();
    let mut expected_mentions = 0;
    let mut matched_mentions = 0;
    let mut elapsed = std::time::Duration::ZERO;
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/sources");
    for seed in &fixture.seed {
        let raw = std::fs::read_to_string(sources.join(&seed.file)).expect("seed text");
        let article = article_from(&raw, &seed.drop);
        let started = Instant::now();
        let mentions = find_dates(&article, Some(date(&seed.published)));
        elapsed += started.elapsed();
        for annotation in &seed.dates {
            expected_pairs.insert((seed.file.clone(), annotation.value.clone()));
            if let Some(precision) = &annotation.precision {
                let shape = match annotation.value.len() {
                    4 => "year",
                    7 => "month",
                    8 => "week",
                    _ => "day",
                };
                assert_eq!(
                    shape,
                    precision,
                    "annotation {annotation:?}",
                    annotation = annotation.text
                );
            }
        }
        for mention in &mentions {
            found_pairs.insert((seed.file.clone(), mention.value.iso()));
        }
        // Mention level: each annotated expression found with its value, in order.
        let mut remaining = mentions.iter();
        for annotation in &seed.dates {
            expected_mentions += 1;
            if remaining
                .by_ref()
                .any(|m| m.text.contains(&annotation.text) && m.value.iso() == annotation.value)
            {
                matched_mentions += 1;
            } else {
                println!(
                    "missed in {}: {:?} = {}",
                    seed.file, annotation.text, annotation.value
                );
                remaining = mentions.iter();
            }
        }
        for (text, value) in described(&mentions) {
            if !seed
                .dates
                .iter()
                .any(|a| text.contains(&a.text) && a.value == value)
            {
                println!("extra in {}: {text:?} = {value}", seed.file);
            }
        }
    }
    let true_positives = found_pairs.intersection(&expected_pairs).count() as f64;
    let precision = true_positives / found_pairs.len().max(1) as f64;
    let recall = true_positives / expected_pairs.len().max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    println!(
        "(source, value) pairs: expected {}, found {}, P = {precision:.3}, R = {recall:.3}, F1 = {f1:.3}",
        expected_pairs.len(),
        found_pairs.len()
    );
    println!("mentions: {matched_mentions}/{expected_mentions} annotated expressions found with their value");
    println!(
        "find_dates over the five seeds, first run (includes compiling the pattern): {elapsed:?}"
    );
    let articles: Vec<(Article, Date)> = fixture
        .seed
        .iter()
        .map(|seed| {
            let raw = std::fs::read_to_string(sources.join(&seed.file)).unwrap_or_default();
            (article_from(&raw, &seed.drop), date(&seed.published))
        })
        .collect();
    let rounds = 20;
    let started = Instant::now();
    for _ in 0..rounds {
        for (article, published) in &articles {
            std::hint::black_box(find_dates(article, Some(*published)));
        }
    }
    println!(
        "find_dates over the five seeds, warm: {:?} per round (this build profile)",
        started.elapsed() / rounds
    );
    for missing in expected_pairs.difference(&found_pairs) {
        println!("missing pair: {missing:?}");
    }
    for extra in found_pairs.difference(&expected_pairs) {
        println!("extra pair: {extra:?}");
    }
    assert!(f1 >= 0.96, "F1 {f1:.3} below 0.96");
}

#[test]
fn invented_articles_give_exactly_their_dates() {
    let fixture: InventedFixture =
        toml::from_str(&fixture("invented.toml")).expect("invented.toml parses");
    for article in &fixture.article {
        let mentions = find_dates(
            &article_from(&article.text, &[]),
            Some(date(&article.published)),
        );
        let expected: Vec<(String, String)> = article
            .dates
            .iter()
            .map(|a| (a.text.clone(), a.value.clone()))
            .collect();
        assert_eq!(described(&mentions), expected, "article {:?}", article.name);
    }
}

#[test]
fn modifiers_survive_to_the_value() {
    let article = article_from(
        "Late last year the plan stalled; in mid-December it died. Early 2014 saw the war.",
        &[],
    );
    let labels: Vec<String> = find_dates(&article, Some(date("2024-01-03")))
        .iter()
        .map(|m| m.value.label())
        .collect();
    assert_eq!(labels, ["late 2023", "mid-December 2023", "early 2014"]);
}

#[test]
fn without_a_publication_date_only_self_anchored_dates_are_found() {
    let article = article_from(
        "Last Friday the strike came, on Oct. 7, 2023. Ten days later the militias fired. In December the talks began.",
        &[],
    );
    let found = described(&find_dates(&article, None));
    let expected = [
        ("Oct. 7, 2023", "2023-10-07"),
        ("Ten days later", "2023-10-17"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(t, v)| (t.to_string(), v.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn datelines_and_edition_notes_are_reference_dates() {
    let article = article_from(
        "The Daily Example, Jan. 17, 2024\n\nThe strike on Jan. 3, 2024 killed four.\n\nAppeared in the January 18, 2024, print edition.",
        &[],
    );
    let flags: Vec<(String, bool)> = find_dates(&article, Some(date("2024-01-17")))
        .into_iter()
        .map(|m| (m.text, m.reference))
        .collect();
    let expected = [
        ("Jan. 17, 2024", true),
        ("Jan. 3, 2024", false),
        ("January 18, 2024", true),
    ];
    let expected: Vec<(String, bool)> = expected.iter().map(|(t, r)| (t.to_string(), *r)).collect();
    assert_eq!(flags, expected);
}

#[test]
fn hostile_input_does_not_panic() {
    let long_line = "in 2014 ".repeat(20_000);
    let inputs = [
        "\0\0 Jan. \0 17, 2024 \u{1F600} last Friday\r\n in 2014\r\n".to_string(),
        "é2014é Oct.7 mid- -2014 99 January 2024-13-45 Feb. 30 the 0000 elections".to_string(),
        long_line,
        "Monday".repeat(1000),
        "🙂".repeat(5000),
    ];
    for input in &inputs {
        let article = article_from(input, &[]);
        let mentions = find_dates(&article, Some(date("2024-01-17")));
        for mention in &mentions {
            let block = &article.blocks[mention.span.block].text;
            assert_eq!(
                block.get(mention.span.start..mention.span.end),
                Some(mention.text.as_str())
            );
        }
    }
}

#[test]
fn seed_timeline_groups_the_january_2020_strike_and_skips_datelines() {
    use backstory::extract::sentence_around;
    use backstory::link::timeline::{build_entries, is_event, DateContexts, Occurrence};
    let fixture: SeedFixture = toml::from_str(&fixture("seeds.toml")).expect("seeds.toml parses");
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/sources");
    // The occurrences borrow the articles' text and the mentions' words.
    let found: Vec<_> = fixture
        .seed
        .iter()
        .map(|seed| {
            let raw = std::fs::read_to_string(sources.join(&seed.file)).expect("seed text");
            let article = article_from(&raw, &seed.drop);
            let mentions = find_dates(&article, Some(date(&seed.published)));
            (article, mentions)
        })
        .collect();
    let mut occurrences = Vec::new();
    for (source, (article, mentions)) in found.iter().enumerate() {
        for (index, mention) in mentions.iter().enumerate() {
            let block = &article.blocks[mention.span.block];
            let sentence_range = sentence_around(&block.text, mention.span.start);
            let sentence = &block.text[sentence_range.clone()];
            let mut contexts = DateContexts::default();
            contexts.push(block.kind, sentence, sentence_range.clone(), &mention.text);
            let (context, words) = contexts.get(0).expect("the context just made");
            occurrences.push(Occurrence {
                source,
                mention: index,
                value: mention.value,
                block_kind: block.kind,
                text: &mention.text,
                sentence,
                sentence_range,
                people: Vec::new(),
                words: words.to_vec().into(),
                event: context.event,
            });
        }
    }
    let file_of = |occurrence: &Occurrence| fixture.seed[occurrence.source].file.as_str();
    // Datelines and edition notes are found but are not events.
    for text in [
        "Tuesday 9 Jan 2024",
        "11 January, 2024",
        "5 Jan, 2020",
        "Jan. 17, 2024",
        "January 18, 2024",
    ] {
        let occurrence = occurrences.iter().find(|o| o.text == text).expect(text);
        assert!(!is_event(occurrence), "{text} should not be an event");
    }
    let entries = build_entries(&occurrences, &[]);
    let strike = entries
        .iter()
        .find(|entry| {
            entry
                .occurrences
                .iter()
                .any(|&i| occurrences[i].text == "January 2020")
        })
        .expect("an entry for January 2020");
    let files: BTreeSet<&str> = strike
        .occurrences
        .iter()
        .map(|&i| file_of(&occurrences[i]))
        .collect();
    assert!(
        files.iter().any(|f| f.starts_with("2020-01-05")),
        "{files:?}"
    );
    assert!(
        files.iter().any(|f| f.starts_with("2024-01-17")),
        "{files:?}"
    );
    // Chronological, and every extracted entry cites at least one mention.
    assert!(entries
        .windows(2)
        .all(|pair| pair[0].value.start <= pair[1].value.start));
    assert!(entries.iter().all(|entry| !entry.occurrences.is_empty()));
    println!(
        "seed timeline: {} occurrences, {} entries",
        occurrences.len(),
        entries.len()
    );
    for entry in &entries {
        let cited: Vec<String> = entry
            .occurrences
            .iter()
            .map(|&i| {
                format!(
                    "{}:{:?}",
                    &file_of(&occurrences[i])[..10],
                    occurrences[i].text
                )
            })
            .collect();
        println!("  {:<12} {}", entry.value.iso(), cited.join(", "));
    }
}
