//! People pages measured against hand annotations: the seed texts and our own
//! trap articles in (as `Article`s built without the cleaner), find_people per
//! text and merge_people with no profiles, then page precision and recall out.
//!
//! A page is right when its members are all one annotated person and it is
//! that person's only page. A wrong merge is a page holding two real people.
//! Run with `cargo test --test people -- --nocapture` to see the numbers.

use backstory::clean::{Article, Block, BlockKind};
use backstory::extract::people::{find_people, DocPerson, PersonKind};
use backstory::link::people::{merge_people, MergeRules};
use backstory::slug::fold;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Deserialize)]
struct Fixture {
    source: Vec<Source>,
}

#[derive(Deserialize)]
struct Source {
    /// Path of the raw text, relative to the crate root.
    file: String,
    authors: Vec<String>,
    person: Vec<Annotated>,
}

#[derive(Deserialize)]
struct Annotated {
    name: String,
    forms: Vec<String>,
    kind: String,
}

/// The cleaner's stand-in: blank-line paragraphs, lines joined with a space,
/// "... Photo: Credit" paragraphs turned into captions. Clutter is kept on purpose.
fn article_from_raw(raw: &str, authors: &[String]) -> Article {
    let mut blocks = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut start = 1;
    for (index, line) in raw.lines().chain(std::iter::once("")).enumerate() {
        let line = line.trim();
        if line.is_empty() {
            if !lines.is_empty() {
                blocks.push(block(&lines.join(" "), start));
                lines.clear();
            }
            continue;
        }
        if lines.is_empty() {
            start = index + 1;
        }
        lines.push(line);
    }
    Article {
        authors: authors.to_vec(),
        blocks,
        ..Article::default()
    }
}

fn block(text: &str, line: usize) -> Block {
    match text.rsplit_once(" Photo: ") {
        Some((caption, credit)) => Block {
            kind: BlockKind::Caption,
            text: caption.to_string(),
            credit: Some(credit.to_string()),
            line,
        },
        None => Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            credit: None,
            line,
        },
    }
}

fn kind_name(kind: PersonKind) -> &'static str {
    match kind {
        PersonKind::Subject => "subject",
        PersonKind::Author => "author",
        PersonKind::Photographer => "photographer",
    }
}

/// The annotated person a found person is, by its name, else by an alias.
fn identify<'a>(found: &DocPerson, annotated: &'a [Annotated]) -> Option<&'a Annotated> {
    let matches = |form: &str| {
        let folded = fold(form);
        annotated
            .iter()
            .find(|a| fold(&a.name) == folded || a.forms.iter().any(|f| fold(f) == folded))
    };
    matches(&found.name).or_else(|| found.aliases.iter().find_map(|alias| matches(alias)))
}

struct Score {
    pages: usize,
    right_pages: usize,
    people: usize,
    found_people: usize,
    wrong_merges: usize,
    wrong_kinds: usize,
    wrong_aliases: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.right_pages as f64 / self.pages.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.found_people as f64 / self.people.max(1) as f64
    }
}

fn score(fixture_path: &str) -> Score {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(fixture_path)).expect("fixture readable");
    let fixture: Fixture = toml::from_str(&text).expect("fixture parses");
    let found: Vec<Vec<DocPerson>> = fixture
        .source
        .iter()
        .map(|source| {
            let raw = std::fs::read_to_string(root.join(&source.file)).expect("source readable");
            find_people(&article_from_raw(&raw, &source.authors))
        })
        .collect();
    let docs: Vec<&[DocPerson]> = found.iter().map(Vec::as_slice).collect();
    let merged = merge_people(&docs, &[], &MergeRules::default());

    let real_people: BTreeSet<&str> = fixture
        .source
        .iter()
        .flat_map(|s| s.person.iter().map(|p| p.name.as_str()))
        .collect();
    let mut pages_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut page_people: Vec<Option<&str>> = Vec::new();
    let mut wrong_merges = 0;
    let mut wrong_kinds = 0;
    let mut wrong_aliases = 0;
    for page in &merged {
        let mut who: BTreeSet<Option<&str>> = BTreeSet::new();
        for &(doc, index) in &page.members {
            let annotated = identify(&found[doc][index], &fixture.source[doc].person);
            if let Some(a) = annotated {
                if a.kind != kind_name(found[doc][index].kind) {
                    wrong_kinds += 1;
                    println!("  wrong kind: {} in {}", a.name, fixture.source[doc].file);
                }
                // Every form the finder gave this person must be one the annotation lists.
                let allowed: Vec<String> = std::iter::once(&a.name)
                    .chain(&a.forms)
                    .map(|f| fold(f))
                    .collect();
                for alias in &found[doc][index].aliases {
                    if !allowed.contains(&fold(alias)) {
                        wrong_aliases += 1;
                        println!("  wrong alias: {alias:?} for {}", a.name);
                    }
                }
            }
            who.insert(annotated.map(|a| a.name.as_str()));
        }
        let real: Vec<&str> = who.iter().flatten().copied().collect();
        if real.len() > 1 {
            wrong_merges += 1;
            println!("  WRONG MERGE: page {:?} holds {:?}", page.name, real);
        }
        let single = (who.len() == 1).then(|| real.first().copied()).flatten();
        if single.is_none() {
            println!("  not a person page: {:?} {:?}", page.name, page.aliases);
        }
        if let Some(name) = single {
            *pages_of.entry(name).or_default() += 1;
        }
        page_people.push(single);
    }
    let right_pages = page_people
        .iter()
        .flatten()
        .filter(|name| pages_of.get(*name) == Some(&1))
        .count();
    for name in &real_people {
        match pages_of.get(name) {
            None => println!("  missed: {name}"),
            Some(n) if *n > 1 => println!("  split over {n} pages: {name}"),
            _ => {}
        }
    }
    let found_people = real_people
        .iter()
        .filter(|name| pages_of.get(*name) == Some(&1))
        .count();
    Score {
        pages: merged.len(),
        right_pages,
        people: real_people.len(),
        found_people,
        wrong_merges,
        wrong_kinds,
        wrong_aliases,
    }
}

fn check(label: &str, fixture: &str) {
    println!("{label}:");
    let score = score(fixture);
    println!(
        "{label}: {} pages, {} real people; page precision {:.3}, recall {:.3}, \
         wrong merges {}, wrong kinds {}, wrong aliases {}",
        score.pages,
        score.people,
        score.precision(),
        score.recall(),
        score.wrong_merges,
        score.wrong_kinds,
        score.wrong_aliases
    );
    assert_eq!(score.wrong_merges, 0, "{label}: no wrong merges");
    assert_eq!(
        score.wrong_kinds, 0,
        "{label}: authors and photographers marked"
    );
    assert_eq!(
        score.wrong_aliases, 0,
        "{label}: no mention given to the wrong person"
    );
    assert!(score.precision() >= 0.95, "{label}: page precision");
    assert!(score.recall() >= 0.95, "{label}: page recall");
}

#[test]
fn seeds_with_no_profiles_find_the_people() {
    check("seeds", "tests/fixtures/people/seeds.toml");
}

#[test]
fn own_trap_articles_find_the_people() {
    check("own articles", "tests/fixtures/people/own.toml");
}

#[test]
fn clutter_is_never_a_person() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let clutter = [
        "mother jones",
        "john moore getty images",
        "editicon",
        "fox news sunday",
        "associated press",
        "reuters",
        "u s army",
        "al sudani s office",
    ];
    for entry in std::fs::read_dir(root.join("content/sources")).expect("sources") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let raw = std::fs::read_to_string(&path).expect("readable");
        for person in find_people(&article_from_raw(&raw, &[])) {
            let name = fold(&person.name);
            assert!(
                !clutter.contains(&name.as_str()),
                "{} found in {}",
                person.name,
                path.display()
            );
        }
    }
}

/// Prints what the finder sees in each fixture text (for annotating): set
/// `PEOPLE_DUMP=1` and run with `--nocapture`.
#[test]
fn dump_when_asked() {
    if std::env::var_os("PEOPLE_DUMP").is_none() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for fixture_path in [
        "tests/fixtures/people/seeds.toml",
        "tests/fixtures/people/own.toml",
    ] {
        let text = std::fs::read_to_string(root.join(fixture_path)).expect("fixture");
        let fixture: Fixture = toml::from_str(&text).expect("fixture parses");
        for source in &fixture.source {
            let raw = std::fs::read_to_string(root.join(&source.file)).expect("source");
            println!("== {}", source.file);
            for person in find_people(&article_from_raw(&raw, &source.authors)) {
                println!(
                    "  {:?} {:?} role={:?} {:?} mentions={}",
                    person.name,
                    person.aliases,
                    person.role,
                    person.kind,
                    person.mentions.len()
                );
            }
        }
    }
}
