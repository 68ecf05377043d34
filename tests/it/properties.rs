//! Properties that must hold for any input, checked on generated ones:
//! cleaning never invents text, normalising any date expression against any
//! publication date never panics, and a build's output depends only on its
//! input (two builds, and builds on one and two threads, are byte-identical).

use backstory::build::{render_site, BuildOptions};
use backstory::clean::{clean, Article, Block, BlockKind, CleanOptions};
use backstory::extract::dates::find_dates;
use jiff::civil::Date;
use proptest::prelude::*;
use std::path::Path;

/// Lines a pasted article is made of: prose, clutter, bylines, datelines,
/// captions, quotes, hard-wrapped and hyphen-broken words, odd characters.
fn raw_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(word(), 1..14).prop_map(|words| {
            let mut line = words.join(" ");
            line.push('.');
            line
        }),
        1 => Just(String::new()),
        1 => prop::sample::select(vec![
            "Share this article", "Subscribe to our newsletter", "Advertisement",
            "Read more:", "Photo: Ana Lima/Getty Images", "By Carla Mendes and Paulo Reis",
            "Monday 1 March 2021", "Updated Jan. 17, 2024 5:12 pm ET", "\u{e900} \u{e901}",
            "Copyright 2021 Harbour Daily", "[Port-list] Strike ends", "—", "* * *",
            "\"We will build it,\" she said:", "Sign up", "Click here", "Jan. 5",
        ])
        .prop_map(str::to_string),
        1 => "[^\n\r]{0,60}",
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z]{1,9}",
        2 => "[A-Z][a-z]{1,9}",
        1 => "[0-9]{1,4}",
        1 => prop::sample::select(vec![
            "Mr.", "U.S.", "rec-", "José", "Al-Sudani", "“quoted”", "e.g.", "\u{a0}",
            "2019", "March", "last", "Friday", "said", "\0", "\u{feff}", "<b>", "&amp;",
        ])
        .prop_map(str::to_string),
    ]
}

fn raw_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(raw_line(), 0..40),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(lines, end)| lines.join(end))
}

fn without_whitespace(text: &str) -> Vec<char> {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// True when `needle` can be read out of `hay` by only skipping characters.
fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut hay = hay.iter();
    needle.iter().all(|c| hay.any(|h| h == c))
}

/// What the cleaner produced that a reader sees as the article's own words.
fn shown_text(article: &Article) -> Vec<(String, String)> {
    let mut shown = Vec::new();
    for (name, value) in [("title", &article.title), ("dek", &article.dek)] {
        if let Some(value) = value {
            shown.push((name.to_string(), value.clone()));
        }
    }
    for author in &article.authors {
        shown.push(("author".to_string(), author.clone()));
    }
    for (index, block) in article.blocks.iter().enumerate() {
        shown.push((format!("block {index}"), block.text.clone()));
        if let Some(credit) = &block.credit {
            shown.push((format!("credit {index}"), credit.clone()));
        }
    }
    shown
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every title, dek, author, block and credit can be read out of the raw
    /// text by skipping characters: the cleaner removes and rejoins, never adds.
    /// The body blocks together keep the raw text's order.
    #[test]
    fn cleaning_never_invents_text(raw in raw_text(), keep_first in any::<bool>()) {
        let options = CleanOptions {
            keep: if keep_first { raw.lines().take(1).map(str::to_string).collect() } else { Vec::new() },
            drop: Vec::new(),
        };
        let article = clean(&raw, &options);
        let source = without_whitespace(&raw);
        for (what, text) in shown_text(&article) {
            prop_assert!(
                is_subsequence(&without_whitespace(&text), &source),
                "the {} {:?} is not in the raw text {:?}", what, text, raw
            );
        }
        let body: String = article.blocks.iter().map(|b| b.text.as_str()).collect();
        prop_assert!(
            is_subsequence(&without_whitespace(&body), &source),
            "the body is not in the raw text's order: {:?}", raw
        );
    }
}

/// Date expressions from the grammar the finder reads, and some it does not.
fn date_expression() -> impl Strategy<Value = String> {
    let month = prop::sample::select(vec![
        "January",
        "Feb.",
        "March",
        "Sept.",
        "December",
        "mid-December",
        "Jan",
    ]);
    let weekday = prop::sample::select(vec!["Monday", "Friday", "Sunday", "Tues."]);
    let relative = prop::sample::select(vec![
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid-",
        "the end of",
        "later that",
    ]);
    let unit = prop::sample::select(vec!["year", "month", "week", "day", "summer", "decade"]);
    prop_oneof![
        (month.clone(), 0u32..40, -20000i64..20000).prop_map(|(m, d, y)| format!("{m} {d}, {y}")),
        (0u32..40, month.clone(), 0i64..10000).prop_map(|(d, m, y)| format!("{d} {m} {y}")),
        (relative.clone(), weekday).prop_map(|(r, w)| format!("{r} {w}")),
        (relative.clone(), unit.clone()).prop_map(|(r, u)| format!("{r} {u}")),
        (relative, month).prop_map(|(r, m)| format!("{r} {m}")),
        (0i64..100000, unit.clone()).prop_map(|(n, u)| format!("{n} {u}s later")),
        (
            prop::sample::select(vec!["ten", "two", "a hundred", "several"]),
            unit
        )
            .prop_map(|(n, u)| format!("{n} {u}s ago")),
        (-99999i64..99999).prop_map(|y| format!("in {y}")),
        (0i64..99999, 0u32..60).prop_map(|(y, w)| format!("{y}-W{w:02}")),
        (0i64..99999, 0u32..20, 0u32..40).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        "[a-zA-Z0-9 .,-]{0,30}",
    ]
}

fn any_date() -> impl Strategy<Value = Date> {
    (-9999i16..=9999, 1i8..=12, 1i8..=31).prop_map(|(year, month, day)| {
        let first = Date::new(year, month, 1).expect("the first of a month exists");
        Date::new(year, month, day.min(first.days_in_month())).expect("a valid day")
    })
}

fn article_of(text: String, date: Option<Date>) -> Article {
    Article {
        date,
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            text,
            credit: None,
            line: 1,
        }],
        ..Article::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any expression, alone or in a sentence, against any publication date
    /// (and against the date the text states, or none) normalises or is
    /// skipped, never panics, and every span points into its block.
    #[test]
    fn normalising_any_date_expression_never_panics(
        expressions in prop::collection::vec(date_expression(), 1..4),
        published in prop::option::of(any_date()),
        stated in prop::option::of(any_date()),
    ) {
        let text = format!("On {}, the council met. Then {} it voted.", expressions.join(" and "), expressions[0]);
        for text in [text, expressions.join(" ")] {
            let article = article_of(text, stated);
            for mention in find_dates(&article, published) {
                let block = &article.blocks[mention.span.block].text;
                prop_assert!(block.get(mention.span.start..mention.span.end).is_some());
                let _ = (mention.value.iso(), mention.value.label(), mention.value.last_day());
            }
        }
    }
}

/// A generated site: a few sources from the raw-text strategy, some sharing
/// names and dates so that merging has work to do.
fn site_sources() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        (raw_text(), any_date(), 0usize..3).prop_map(|(body, date, who)| {
            let person = ["Ana Lima", "Paulo Reis", "Carla Mendes"][who];
            format!(
                "Council votes on the harbour\n\nBy {person}\n\n{} {} {}\n\n\
                 {person} said on Monday that the vote was close.\n\n{body}\n",
                date.day(),
                backstory::extract::dates::MONTH_NAMES[date.month() as usize - 1],
                date.year().max(1),
            )
        }),
        1..5,
    )
}

fn render_with_threads(root: &Path, threads: usize) -> Vec<(String, Vec<u8>)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let options = BuildOptions {
        root: root.to_path_buf(),
        dry_run: true,
        ..BuildOptions::default()
    };
    let (report, files) = pool.install(|| render_site(&options)).unwrap();
    let files = files.unwrap_or_else(|| panic!("rendering failed: {:?}", report.diagnostics));
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The same input gives the same bytes, build after build, and whether
    /// the work is spread over one thread or two.
    #[test]
    fn builds_are_byte_identical_across_runs_and_thread_counts(sources in site_sources()) {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content/sources");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(site.path().join("site.toml"), "title = \"Generated\"\n").unwrap();
        for (index, text) in sources.iter().enumerate() {
            std::fs::write(dir.join(format!("source-{index}.txt")), text).unwrap();
        }
        let first = render_with_threads(site.path(), 2);
        prop_assert!(!first.is_empty());
        let again = render_with_threads(site.path(), 2);
        let single = render_with_threads(site.path(), 1);
        for (other, what) in [(&again, "a second build"), (&single, "one thread")] {
            prop_assert_eq!(
                first.iter().map(|(p, _)| p).collect::<Vec<_>>(),
                other.iter().map(|(p, _)| p).collect::<Vec<_>>(),
                "{} wrote other files", what
            );
            for ((path, bytes), (_, other_bytes)) in first.iter().zip(other.iter()) {
                prop_assert!(bytes == other_bytes, "{} differs with {}", path, what);
            }
        }
    }
}
