//! Inputs that used to be ignored, misread or echoed without a word, one
//! test each (issue #22, item 16): folders named like files and named pipes
//! in `content/`, event front matter (an end before the date, a slug two
//! events share, the slug as the anchor), the reserved `pagefind` address,
//! `build` and `check` agreeing on plain links to missing pages, UTF-16
//! sources, the size limit's unit, and one broken file reported once
//! instead of once per text that cites it.
//!
//! Every fixture is written by the test into a fresh temporary site.

use crate::common;

use backstory::build::{build_site, check_site, BuildOptions};
use backstory::diag::Diagnostic;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small valid site in a temporary folder.
struct Site {
    _temp: tempfile::TempDir,
    root: PathBuf,
}

/// What one run of the binary did.
struct Run {
    code: Option<i32>,
    stderr: String,
}

impl Site {
    fn new() -> Site {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        let site = Site { _temp: temp, root };
        common::write_small_site(&site.root, "Ignored inputs");
        site.write(
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nWelcome. See [about](@page/about).\n",
        );
        site
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        common::write_file(&self.root, rel, bytes);
    }

    /// Runs the binary; a run that takes over a minute (a read that waits
    /// forever) is stopped and fails the test.
    fn run(&self, args: &[&str]) -> Run {
        let mut child = Command::new(env!("CARGO_BIN_EXE_backstory"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(60) {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!(
                    "`backstory {}` was still running after a minute",
                    args.join(" ")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            !stderr.contains("panicked"),
            "the binary panicked:\n{stderr}"
        );
        Run {
            code: output.status.code(),
            stderr,
        }
    }

    fn build(&self) -> Run {
        self.run(&["build"])
    }

    fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            no_search: true,
            ..BuildOptions::default()
        }
    }
}

/// The lines of `stderr` that report `file` (as `error: FILE...` or `warning: FILE...`).
fn reports<'a>(stderr: &'a str, file: &str) -> Vec<&'a str> {
    stderr
        .lines()
        .filter(|line| {
            ["error: ", "warning: "].iter().any(|label| {
                line.strip_prefix(label)
                    .is_some_and(|rest| rest.starts_with(file))
            })
        })
        .collect()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_folder_named_like_a_file_is_a_warning_naming_it() {
    let site = Site::new();
    std::fs::create_dir_all(site.path("content/sources/x.txt")).unwrap();
    std::fs::create_dir_all(site.path("content/pages/y.md")).unwrap();
    site.write("content/events/z.md/inside.md", "not read");
    let run = site.build();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for folder in [
        "content/sources/x.txt",
        "content/pages/y.md",
        "content/events/z.md",
    ] {
        let found = reports(&run.stderr, folder);
        assert_eq!(found.len(), 1, "one warning for {folder}:\n{}", run.stderr);
        assert!(
            found[0].starts_with(&format!(
                "warning: {folder}: this is a folder named like a file"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(run
        .stderr
        .contains("hint: a source, page, profile or event is one file"));
}

#[test]
fn a_named_pipe_is_a_warning_and_never_opened() {
    let site = Site::new();
    mkfifo(&site.path("content/sources/pipe.txt"));
    mkfifo(&site.path("content/pages/pipe.md"));
    // The sidecar of a real text: reading it would wait for a writer forever.
    mkfifo(&site.path("content/sources/2021-03-01-ferry.toml"));
    let run = site.build();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for pipe in [
        "content/sources/pipe.txt",
        "content/pages/pipe.md",
        "content/sources/2021-03-01-ferry.toml",
    ] {
        let found = reports(&run.stderr, pipe);
        assert_eq!(found.len(), 1, "one warning for {pipe}:\n{}", run.stderr);
        assert!(found[0].contains("this is a named pipe"), "{}", run.stderr);
    }
    assert!(site
        .path("public/sources/2021-03-01-ferry/index.html")
        .is_file());
}

#[test]
fn an_event_that_ends_before_it_begins_is_an_error_at_the_line_of_end() {
    let site = Site::new();
    site.write(
        "content/events/vote.md",
        "---\ntitle: The vote\ndate: 2021-03-05\nend: 2021-03-01\n---\nThe council voted.\n",
    );
    // Ending within its own month is no contradiction.
    site.write(
        "content/events/spring.md",
        "---\ntitle: Spring works\ndate: \"2021-03\"\nend: 2021-03-20\n---\nWorks.\n",
    );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        reports(&run.stderr, "content/events/vote.md"),
        ["error: content/events/vote.md:4: the event ends (2021-03-01) before it begins (2021-03-05)"],
        "{}",
        run.stderr
    );
    assert!(
        reports(&run.stderr, "content/events/spring.md").is_empty(),
        "{}",
        run.stderr
    );
}

#[test]
fn two_events_with_one_slug_are_an_error_naming_both_files() {
    let site = Site::new();
    site.write(
        "content/events/first.md",
        "---\ntitle: First\ndate: 2021-03-05\nslug: vote\n---\nx\n",
    );
    site.write(
        "content/events/second.md",
        "+++\ntitle = \"Second\"\ndate = 2021-03-06\nslug = \"vote\"\n+++\nx\n",
    );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let found = reports(&run.stderr, "content/events/second.md");
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert!(
        found[0].starts_with("error: content/events/second.md:4: ")
            && found[0].contains("content/events/first.md")
            && found[0].contains("`vote`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_event_slug_is_its_anchor_on_the_timeline() {
    let site = Site::new();
    site.write(
        "content/events/council-vote.md",
        "---\ntitle: The council votes\ndate: 2021-03-05\nslug: the-vote\n---\nx\n",
    );
    site.write(
        "content/events/opening.md",
        "---\ntitle: The route opens\ndate: 2021-03-09\n---\nx\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [the vote](@2021-03-05).\n",
    );
    let run = site.build();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let timeline = std::fs::read_to_string(site.path("public/timeline/index.html")).unwrap();
    assert!(
        timeline.contains("id=\"the-vote\""),
        "the slug is the anchor"
    );
    // Without a slug the anchor is still made from the date.
    assert!(timeline.contains("id=\"t-2021-03-09\""));
    let about = std::fs::read_to_string(site.path("public/about/index.html")).unwrap();
    assert!(
        about.contains("timeline/index.html#the-vote\""),
        "a date links to the anchor"
    );
}

#[test]
fn pagefind_is_a_reserved_address_like_assets() {
    for (file, text) in [
        (
            "content/pages/pagefind.md",
            "---\ntitle: Search help\n---\nx\n",
        ),
        (
            "content/pages/search-help.md",
            "---\ntitle: Search help\nslug: pagefind\n---\nx\n",
        ),
    ] {
        let site = Site::new();
        site.write(file, text);
        let run = site.build();
        assert_eq!(run.code, Some(1), "{file}:\n{}", run.stderr);
        let found = reports(&run.stderr, file);
        assert_eq!(found.len(), 1, "{}", run.stderr);
        assert!(found[0].contains("/pagefind/"), "{}", run.stderr);
        assert!(!site.path("public").exists(), "nothing was written");
    }
}

#[test]
fn build_and_check_report_the_same_links_to_missing_pages() {
    let site = Site::new();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [x](../missing/), [y](/no-such-page/), \
         [home](../), [ferry](/sources/2021-03-01-ferry/), [raw](../sources/2021-03-01-ferry/2021-03-01-ferry.txt), \
         [data](/data/sources.json), [style](/assets/style.css) and [web](https://example.org/).\n",
    );
    let links = |diagnostics: Vec<Diagnostic>| -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| d.message.contains("points to no page"))
            .collect()
    };
    let built = build_site(&site.options()).unwrap();
    let checked = check_site(&site.options()).unwrap();
    let (built, checked) = (links(built.diagnostics), links(checked.diagnostics));
    assert_eq!(built, checked, "build and check agree");
    let reported: Vec<(&Path, Option<usize>, bool, &str)> = built
        .iter()
        .map(|d| (d.file.as_path(), d.line, d.is_error(), d.message.as_str()))
        .collect();
    let about = Path::new("content/pages/about.md");
    assert_eq!(
        reported,
        [
            (
                about,
                Some(4),
                true,
                "the link `../missing/` points to no page of the site"
            ),
            (
                about,
                Some(4),
                true,
                "the link `/no-such-page/` points to no page of the site"
            ),
        ]
    );
    assert!(
        !site.path("public").exists(),
        "a build with broken links writes nothing"
    );
}

/// `text` in UTF-16, with a byte order mark if `mark`.
fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let units = mark
        .then_some(0xFEFF)
        .into_iter()
        .chain(text.encode_utf16());
    units
        .flat_map(|unit| match big_endian {
            true => unit.to_be_bytes(),
            false => unit.to_le_bytes(),
        })
        .collect()
}

#[test]
fn a_utf16_source_is_read_and_published_as_collected() {
    let site = Site::new();
    let text = common::FERRY_SOURCE.replace("Carla Mendes", "Carla Mendes Gonçalves");
    let files = [
        ("le", utf16(&text, false, true), "little-endian"),
        ("be", utf16(&text, true, true), "big-endian"),
        ("plain", utf16(&text, false, false), "little-endian"),
    ];
    for (name, bytes, _) in &files {
        site.write(&format!("content/sources/2021-03-02-{name}.txt"), bytes);
    }
    let run = site.build();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for (name, bytes, order) in &files {
        let file = format!("content/sources/2021-03-02-{name}.txt");
        assert_eq!(
            reports(&run.stderr, &file),
            [format!("warning: {file}: the text is saved as UTF-16 ({order}); it was converted to read it")],
            "{}",
            run.stderr
        );
        let dir = site.path(&format!("public/sources/2021-03-02-{name}"));
        let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(
            page.contains("Harbour council approves new ferry route"),
            "{name}"
        );
        assert!(page.contains("Gonçalves"), "{name}: decoded without loss");
        let raw = std::fs::read(dir.join(format!("2021-03-02-{name}.txt"))).unwrap();
        assert_eq!(
            &raw, bytes,
            "{name}: the raw copy keeps the bytes as collected"
        );
    }
}

#[test]
fn the_size_limit_says_mib_as_it_counts() {
    let site = Site::new();
    let path = site.path("content/sources/huge.txt");
    // 17,000,000 bytes: over 16 MiB (16,777,216 bytes); sparse, never read.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(17_000_000)
        .unwrap();
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        reports(&run.stderr, "content/sources/huge.txt"),
        ["error: content/sources/huge.txt: the file is 16.2 MiB; texts over 16 MiB are not read"],
        "{}",
        run.stderr
    );
}

#[test]
fn one_broken_source_or_page_is_reported_once_not_by_every_citation() {
    let site = Site::new();
    // A picture saved as a source, and a page whose front matter is broken.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".repeat(40);
    site.write("content/sources/2021-03-03-photo.txt", png);
    site.write(
        "content/pages/method.md",
        "---\ntitle: [Method\n---\nHow.\n",
    );
    for page in ["one", "two", "three"] {
        site.write(
            &format!("content/pages/{page}.md"),
            format!(
                "---\ntitle: Page {page}\n---\nSee [the photo](@source/2021-03-03-photo), \
                 [its second paragraph](@source/2021-03-03-photo#p2), \
                 [its page](../sources/2021-03-03-photo/), [the method](@page/method) \
                 and [again](/method/).\n"
            ),
        );
    }
    site.write(
        "content/events/photo.md",
        "---\ntitle: The photo\ndate: 2021-03-03\nsources: [2021-03-03-photo]\n---\nx\n",
    );
    // A reference to nothing at all is still an error.
    site.write(
        "content/pages/four.md",
        "---\ntitle: Four\n---\nSee [gone](@source/never-was).\n",
    );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    assert!(errors.iter().any(|e| e.starts_with(
        "error: content/sources/2021-03-03-photo.txt: this looks like a binary file"
    )));
    assert!(errors
        .iter()
        .any(|e| e.starts_with("error: content/pages/method.md:")));
    assert!(errors
        .iter()
        .any(|e| e.starts_with("error: content/pages/four.md:4:")));
}
