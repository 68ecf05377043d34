//! Watch mode's patched rebuilds (edits to sources already in the site)
//! against full clean builds. Two engines follow each edit: one runs
//! `verifying()` (each patch is also compared with a full link of the same
//! content, and each render of the pages a patch names with a fingerprint
//! of every page, so a missed dependency fails the rebuild), the other
//! writes only what the patch names, as `serve` does. Both outputs must
//! equal a fresh `build`, file for file.

use crate::common;

use backstory::build::{build_site, BuildOptions};
use backstory::incremental::{Engine, Rebuild};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn options(root: &Path, output: PathBuf) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(output),
        no_search: true,
        ..BuildOptions::default()
    }
}

fn assert_matches_full_build(root: &Path, output: &Path, step: &str) {
    let fresh = tempfile::tempdir().unwrap();
    let report = build_site(&options(root, fresh.path().join("public"))).unwrap();
    assert!(!report.has_errors(), "{step}: {:?}", report.diagnostics);
    let (expected, actual) = (
        common::tree(&fresh.path().join("public")),
        common::tree(output),
    );
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&actual),
        names(&expected),
        "{step}: the file lists differ"
    );
    for (name, bytes) in &expected {
        assert!(
            actual[name] == *bytes,
            "{step}: {name} differs from a full build"
        );
    }
}

/// Two engines on one site: one that checks every patch (it writes as a
/// full rebuild does, to `public-checked/`) and one that writes only what
/// the patch names, as `serve` does (to `public/`).
struct Engines {
    checked: Engine,
    plain: Engine,
}

impl Engines {
    fn new(root: &Path) -> Self {
        Engines {
            checked: Engine::new(options(root, root.join("public-checked")), None).verifying(),
            plain: Engine::new(options(root, root.join("public")), None),
        }
    }

    /// Rebuilds both after an edit to `paths` (none: a first build); returns the plain one's report.
    fn rebuild(&mut self, paths: &[PathBuf], name: &str) -> Rebuild {
        let mut reports = [&mut self.checked, &mut self.plain].map(|engine| {
            if !paths.is_empty() {
                engine.changed(paths);
            }
            let report = engine.rebuild().unwrap();
            assert!(!report.has_errors(), "{name}: {:?}", report.diagnostics);
            report
        });
        assert_eq!(reports[0].patched, reports[1].patched, "{name}");
        std::mem::take(&mut reports[1])
    }

    /// Both outputs against a full build.
    fn check(&self, root: &Path, name: &str) {
        assert_matches_full_build(
            root,
            &root.join("public-checked"),
            &format!("{name} (checked)"),
        );
        assert_matches_full_build(root, &root.join("public"), name);
    }
}

/// Edits a file, rebuilds (exports included) and checks the output against a full build.
fn step(
    engines: &mut Engines,
    root: &Path,
    path: &Path,
    change: impl FnOnce(String) -> String,
    name: &str,
) -> Rebuild {
    let text = std::fs::read_to_string(path).unwrap();
    let changed = change(text.clone());
    assert_ne!(changed, text, "{name}: the test's edit changes the file");
    std::fs::write(path, changed).unwrap();
    let report = engines.rebuild(&[path.to_path_buf()], name);
    engines.check(root, name);
    report
}

fn sources(root: &Path) -> Vec<PathBuf> {
    let mut sources: Vec<_> = std::fs::read_dir(root.join("content/sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    sources.sort();
    sources
}

/// The `n`th paragraph (blank-line separated) of `text` with `change` applied.
fn in_paragraph(text: &str, n: usize, change: impl FnOnce(&str) -> String) -> String {
    let mut parts: Vec<String> = text.split("\n\n").map(String::from).collect();
    let n = n.min(parts.len() - 1);
    parts[n] = change(&parts[n]);
    parts.join("\n\n")
}

#[test]
fn edits_to_seed_sources_are_patched_as_a_full_build_would_link_them() {
    let site = common::repo_site();
    let root = site.path();
    let mut engine = Engines::new(root);
    engine.rebuild(&[], "first build");
    let texts = sources(root);

    let report = step(
        &mut engine,
        root,
        &texts[0],
        |t| t.replacen(" the ", " the plainly ", 1),
        "a word",
    );
    assert!(report.patched, "a word edit is patched in");
    assert_eq!(report.cleaned, 1);
    let report = step(
        &mut engine,
        root,
        &texts[0],
        |t| t.replacen(" the ", " thx ", 1),
        "a word of the same length",
    );
    assert!(report.patched);

    // A sentence with a date in it: its words take part in the timeline's grouping.
    let report = step(
        &mut engine,
        root,
        &texts[1],
        |t| t.replacen("2011", "2011 (as reported)", 1),
        "a dated sentence",
    );
    assert!(report.patched);

    let report = step(
        &mut engine,
        root,
        &texts[2],
        |t| {
            in_paragraph(&t, 6, |p| {
                format!("{p}\n\nOn 3 March 2017 the talks resumed in earnest.")
            })
        },
        "a new dated paragraph",
    );
    assert!(report.patched);

    // The last paragraphs: the editorial pages cite paragraphs by number.
    let report = step(
        &mut engine,
        root,
        &texts[3],
        |t| {
            // The longest of the last few paragraphs, cut after its first sentence.
            let paragraphs: Vec<&str> = t.split("\n\n").collect();
            let from = paragraphs.len().saturating_sub(6);
            let longest = (from..paragraphs.len())
                .max_by_key(|&i| paragraphs[i].len())
                .unwrap();
            in_paragraph(&t, longest, |p| {
                format!("{}.", p.split(". ").next().unwrap_or(p))
            })
        },
        "a shortened paragraph",
    );
    assert!(report.patched);

    // A date moved to a year no source had: a new year page, and every year
    // page's links to the years around it.
    let report = step(
        &mut engine,
        root,
        &texts[4],
        |t| in_paragraph(&t, 12, |p| format!("{p} A first survey dates from 1961.")),
        "a new year",
    );
    assert!(report.patched);
    let report = step(
        &mut engine,
        root,
        &texts[4],
        |t| t.replace(" A first survey dates from 1961.", ""),
        "the new year gone again",
    );
    assert!(report.patched);

    // A name the source did not have before: the people merge runs again.
    let report = step(
        &mut engine,
        root,
        &texts[0],
        |t| {
            in_paragraph(&t, 6, |p| {
                format!("{p} Ottoline Verbruggen, an analyst, disagreed.")
            })
        },
        "a new person",
    );
    assert!(!report.patched, "a new name needs a full link");
    let report = step(
        &mut engine,
        root,
        &texts[0],
        |t| t.replace("an analyst, disagreed", "an analyst, objected"),
        "next to the new person",
    );
    assert!(report.patched, "after a full link, edits are patched again");
}

/// A tiny deterministic generator (xorshift), so the test needs no crate.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const GIVEN: &[&str] = &["Ilse", "Tomasz", "Renata", "Osric", "Veda", "Lucan"];
const FAMILY: &[&str] = &[
    "Marchetti",
    "Okonkwo",
    "Lindahl",
    "Ferreira",
    "Abernathy",
    "Szabo",
];
const MONTHS: &[&str] = &["March", "April", "May", "June", "October"];
const TOPICS: &[&str] = &[
    "ferry contract",
    "bridge repairs",
    "water tariff",
    "tram depot",
];

fn sentence(random: &mut Random) -> String {
    let topic = random.pick(TOPICS);
    match random.below(6) {
        0 => format!(
            "{} {} said on {} {} {} that the {topic} would be reviewed.",
            random.pick(GIVEN),
            random.pick(FAMILY),
            1 + random.below(27),
            random.pick(MONTHS),
            2018 + random.below(4)
        ),
        1 => format!(
            "The {topic} was first proposed in {} {}.",
            random.pick(MONTHS),
            2017 + random.below(5)
        ),
        2 => format!("Critics of the {topic} met again last week."),
        3 => format!("{} described the {topic} as overdue.", random.pick(FAMILY)),
        4 => format!(
            "By {} the {topic} had cost twice its budget.",
            2019 + random.below(3)
        ),
        _ => format!("Residents were divided over the {topic}."),
    }
}

fn article(random: &mut Random, index: usize) -> String {
    let mut text = format!(
        "Council weighs {} plan {index}\n\nBy Staff Writer\n\n{} {}, 2021\n\n",
        random.pick(TOPICS),
        random.pick(MONTHS),
        1 + random.below(27)
    );
    for _ in 0..4 + random.below(4) {
        let sentences: Vec<String> = (0..1 + random.below(3)).map(|_| sentence(random)).collect();
        text.push_str(&sentences.join(" "));
        text.push_str("\n\n");
    }
    text
}

/// One random edit of `text` that keeps its names (so most are patched):
/// words added or dropped, dates moved, sentences repeated or removed.
fn mutate(random: &mut Random, text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    // The first four lines are the headline, byline and dateline.
    let body = 4 + random.below(lines.len().saturating_sub(4).max(1));
    let mut lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let Some(line) = lines.get_mut(body) else {
        return format!("{text}\nCritics of the tram depot met again last week.\n");
    };
    // A surname the text already gives, for a mention in another paragraph.
    let named = FAMILY
        .iter()
        .find(|family| text.contains(**family))
        .copied();
    match random.below(9) {
        0 => *line = line.replacen(" the ", " the much debated ", 1),
        1 => {
            for month in MONTHS {
                if line.contains(month) {
                    *line = line.replacen(month, random.pick(MONTHS), 1);
                    break;
                }
            }
        }
        2 => {
            for year in ["2018", "2019", "2020", "2021"] {
                if line.contains(year) {
                    *line = line.replacen(year, ["2017", "2020", "2022"][random.below(3)], 1);
                    break;
                }
            }
        }
        3 => line.push_str(" Residents were divided over the water tariff."),
        4 => {
            if let Some(at) = line.find(". ") {
                line.truncate(at + 1);
            }
        }
        5 => *line = format!("{line} {line}"),
        6 => line.push_str(" In April 2020 the ferry contract was signed."),
        // A date before the line's others: the source's later dates are renumbered.
        7 => *line = format!("On 2 June 2019 the harbour board met. {line}"),
        _ => match named {
            Some(family) => line.push_str(&format!(" {family} called the water tariff fair.")),
            None => line.push_str(" The ferry contract was renewed."),
        },
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

#[test]
fn random_edits_to_a_generated_site_are_patched_as_a_full_build_would_link_them() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(root.join("site.toml"), "title = \"Generated\"\n").unwrap();
    let mut random = Random(0x5eed_1234_abcd_0042);
    let mut paths = Vec::new();
    for index in 0..30 {
        let path = root.join(format!("content/sources/article-{index:02}.txt"));
        std::fs::write(&path, article(&mut random, index)).unwrap();
        paths.push(path);
    }
    let mut engine = Engines::new(root);
    engine.rebuild(&[], "first build");
    let mut patched = 0;
    for round in 0..80 {
        let path = paths[random.below(paths.len())].clone();
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = mutate(&mut random, &text);
        if edited == text {
            continue;
        }
        std::fs::write(&path, edited).unwrap();
        let report = engine.rebuild(std::slice::from_ref(&path), &format!("round {round}"));
        patched += usize::from(report.patched);
        if round % 4 == 3 {
            engine.check(root, &format!("round {round}"));
        }
    }
    engine.check(root, "the end");
    assert!(
        patched >= 35,
        "most edits keep the names and are patched ({patched})"
    );
}

/// The name in a profile's front matter (`name = "..."`).
fn profile_name(profile: &Path) -> String {
    let text = std::fs::read_to_string(profile).unwrap();
    let line = text
        .lines()
        .find(|line| line.starts_with("name = "))
        .expect("a profile has a name");
    line.trim_start_matches("name = ")
        .trim_matches('"')
        .to_string()
}

#[test]
fn edits_to_editorial_pages_are_patched_as_a_full_build_would_show_them() {
    let site = common::repo_site();
    let root = site.path();
    let mut engine = Engines::new(root);
    engine.rebuild(&[], "first build");
    let pages = root.join("content/pages");
    let page = pages.join("methodology.md");

    let report = step(
        &mut engine,
        root,
        &page,
        |t| format!("{t}\nOne more closing paragraph, naming nobody.\n"),
        "a new paragraph",
    );
    assert!(report.patched, "a body edit is patched in");
    assert!(
        report.changed.iter().all(|p| p.starts_with("methodology/")),
        "only the page itself is written: {:?}",
        report.changed
    );

    // A person the page did not name: their page now lists it.
    let mut profiles: Vec<PathBuf> = std::fs::read_dir(root.join("content/people"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    profiles.sort();
    let text = std::fs::read_to_string(&page).unwrap();
    let name = profiles
        .iter()
        .map(|p| profile_name(p))
        .find(|name| !text.contains(name.as_str()))
        .expect("some profiled person is not named on the page");
    let report = step(
        &mut engine,
        root,
        &page,
        |t| format!("{t}\nThe sources quote {name} at length.\n"),
        "a newly named person",
    );
    assert!(report.patched);
    assert!(
        report.changed.iter().any(|p| p.starts_with("people/")),
        "the person's page lists the page: {:?}",
        report.changed
    );
    let report = step(
        &mut engine,
        root,
        &page,
        |t| t.replace(&format!("\nThe sources quote {name} at length.\n"), ""),
        "the person no longer named",
    );
    assert!(report.patched);

    let report = step(
        &mut engine,
        root,
        &root.join("content/_index.md"),
        |t| format!("{t}\nA closing word on the home page.\n"),
        "the home page's text",
    );
    assert!(report.patched);

    // A new title changes the navigation of every page: a full rebuild.
    let report = step(
        &mut engine,
        root,
        &page,
        |t| t.replacen("title = \"", "title = \"About our ", 1),
        "a new title",
    );
    assert!(!report.patched, "front matter needs a full rebuild");
    let report = step(
        &mut engine,
        root,
        &page,
        |t| t.replace("naming nobody", "naming no one"),
        "after the new title",
    );
    assert!(
        report.patched,
        "after a full rebuild, body edits are patched again"
    );
}

/// An editorial event takes in the extracted entries of its date that cite a
/// paragraph it cites; an edit there is taken out of the event's entry and
/// joined again, as a full build would.
#[test]
fn edits_to_a_paragraph_an_event_cites_are_joined_as_a_full_build_would() {
    let site = common::repo_site();
    let root = site.path();
    let mut engine = Engines::new(root);
    engine.rebuild(&[], "first build");
    let source = root.join(
        "content/sources/2024-01-09-al-ahram-weekly-the-end-of-the-us-led-coalition-in-iraq.txt",
    );
    let cited = "/sources/2024-01-09-al-ahram-weekly-the-end-of-the-us-led-coalition-in-iraq/#p8";
    // The ids of the extracted records of `date` that cite paragraph 8.
    let citing = |date: &str| -> Vec<String> {
        let timeline = std::fs::read_to_string(root.join("public/data/timeline.json")).unwrap();
        let records: Vec<serde_json::Value> = serde_json::from_str(&timeline).unwrap();
        records
            .iter()
            .filter(|r| r["date"] == date && r["editorial"] == false && r["page"] == cited)
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let joined = || citing("2024-01-05").iter().any(|id| id == "t-2024-01-05");
    // The event of 5 January 2024 cites paragraph 8, whose "Last Friday" is that day.
    assert!(joined());

    let report = step(
        &mut engine,
        root,
        &source,
        |t| {
            t.replacen(
                "Office announced the beginning",
                "Office formally announced the beginning",
                1,
            )
        },
        "a word in the cited sentence",
    );
    assert!(report.patched);
    assert!(joined());

    let report = step(
        &mut engine,
        root,
        &source,
        |t| t.replacen("Last Friday, Al-Sudani", "Last Thursday, Al-Sudani", 1),
        "the cited sentence's date",
    );
    assert!(report.patched);
    assert!(citing("2024-01-05").is_empty());
    assert!(!citing("2024-01-04").is_empty());

    let report = step(
        &mut engine,
        root,
        &source,
        |t| t.replacen("Last Thursday, Al-Sudani", "Last Friday, Al-Sudani", 1),
        "the date put back",
    );
    assert!(report.patched);
    assert!(joined());
}
