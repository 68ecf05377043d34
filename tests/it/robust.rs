//! Bad input, one test each: the binary must not panic, must name the file
//! (and line) and say what to do, must exit non-zero only when the build
//! cannot be trusted, must leave the previous output alone after a failed
//! build, must write nothing outside the output folder, and must never let
//! markup from a source reach a page unescaped.
//!
//! Every fixture is written by the test into a fresh temporary site.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A small valid site in a temporary folder, nested two levels deep so that
/// an escape such as `../../x` from the output folder would land inside the
/// temporary folder, where [`Site::outside_output`] sees it.
struct Site {
    temp: tempfile::TempDir,
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
        let root = temp.path().join("a/b/site");
        let site = Site { temp, root };
        common::write_small_site(&site.root, "Robust");
        site.write(
            "site.toml",
            "title = \"Robust\"\nbase_url = \"https://example.org/\"\n",
        );
        site
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        common::write_file(&self.root, rel, bytes);
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(Command::new(env!("CARGO_BIN_EXE_backstory")), args)
    }

    /// Runs the binary through `command` (the binary itself, or a wrapper such as setpriv).
    fn run_with(&self, mut command: Command, args: &[&str]) -> Run {
        let before = self.outside_output();
        let output: Output = command
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            !stderr.contains("panicked"),
            "the binary panicked:\n{stderr}"
        );
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "exit status {:?}:\n{stderr}",
            output.status
        );
        assert_eq!(
            before,
            self.outside_output(),
            "a run changed files outside the output folder:\n{stderr}"
        );
        Run {
            code: output.status.code(),
            stderr,
        }
    }

    fn build(&self) -> Run {
        self.run(&["build"])
    }

    fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// Builds, which must succeed, then checks every page for unescaped markup.
    fn build_ok(&self) -> Run {
        let run = self.build();
        assert_eq!(
            run.code,
            Some(0),
            "the build should succeed:\n{}",
            run.stderr
        );
        assert_pages_are_safe(&self.path("public"));
        run
    }

    /// A build that must fail and leave the previous output as it was.
    fn build_fails(&self) -> Run {
        let before = tree(&self.path("public"));
        let run = self.build();
        assert_eq!(run.code, Some(1), "the build should fail:\n{}", run.stderr);
        assert_eq!(
            before,
            tree(&self.path("public")),
            "a failed build changed the previous output"
        );
        run
    }

    /// Every file under the temporary folder but the output and its staging folders.
    fn outside_output(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let public = self.path("public");
        tree(self.temp.path())
            .into_iter()
            .filter(|(path, _)| !self.temp.path().join(path).starts_with(&public))
            .collect()
    }

    fn page(&self, rel: &str) -> String {
        let path = self.path("public").join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Every regular file under `dir` with its bytes (empty when `dir` is missing).
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(entry.path()).unwrap_or_default())
        })
        .collect()
}

/// No page carries a script other than the theme's, an event-handler
/// attribute, a script URL, an embedded frame or a NUL byte.
fn assert_pages_are_safe(public: &Path) {
    let tag = regex::Regex::new(r"<[A-Za-z][^<>]*>").unwrap();
    let quoted = regex::Regex::new(r#""[^"]*"|'[^']*'"#).unwrap();
    let handler = regex::Regex::new(r"(?i)[\s/]on[a-z]+\s*=").unwrap();
    let script_url = regex::Regex::new(
        r#"(?i)\s(href|src|action|formaction)\s*=\s*["']?\s*(javascript|vbscript|data):"#,
    )
    .unwrap();
    for (rel, bytes) in tree(public) {
        let name = rel.to_string_lossy();
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
        assert!(!text.contains('\0'), "{name} contains a NUL byte");
        for found in tag.find_iter(&text) {
            let tag = found.as_str();
            let lower = tag.to_ascii_lowercase();
            // The theme's own scripts: its files, its colour-scheme snippet, JSON-LD.
            if lower.starts_with("<script") {
                let theme_script = ["assets/theme.js", "assets/search.js"]
                    .iter()
                    .any(|file| lower.contains(file))
                    || lower == "<script data-backstory-theme>"
                    || lower == "<script type=\"application/ld+json\">";
                assert!(
                    theme_script,
                    "{name} has a script that is not the theme's: {tag}"
                );
            }
            // The theme's search forms are the only forms.
            if lower.starts_with("<form") {
                assert!(
                    lower.contains("role=\"search\"") && lower.contains("search/index.html"),
                    "{name} has {tag}"
                );
            }
            for embed in ["<iframe", "<object", "<embed", "<base"] {
                assert!(!lower.starts_with(embed), "{name} has {tag}");
            }
            let attributes_only = quoted.replace_all(tag, "\"\"");
            assert!(
                !handler.is_match(&attributes_only),
                "{name} has an event handler: {tag}"
            );
            assert!(!script_url.is_match(tag), "{name} has a script URL: {tag}");
        }
    }
}

fn assert_mentions(run: &Run, expected: &[&str]) {
    for needle in expected {
        assert!(
            run.stderr.contains(needle),
            "missing {needle:?} in:\n{}",
            run.stderr
        );
    }
}

/// A diagnostic line for `file` at the given severity, with a hint after it.
fn assert_diagnostic(run: &Run, severity: &str, file: &str) {
    let start = format!("{severity}: {file}");
    let at = run
        .stderr
        .find(&start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{}", run.stderr));
    let rest = &run.stderr[at..];
    let next = rest[1..].find("\nwarning: ").map_or(rest.len(), |i| i + 1);
    let next = next.min(rest[1..].find("\nerror: ").map_or(rest.len(), |i| i + 1));
    assert!(
        rest[..next].contains("hint: "),
        "the message for {file} says nothing about what to do:\n{}",
        run.stderr
    );
}

#[test]
fn the_fixture_site_builds_cleanly() {
    let site = Site::new();
    let run = site.build_ok();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    assert!(site
        .page("sources/2021-03-01-ferry/index.html")
        .contains("ferry route"));
}

#[test]
fn invalid_utf8_in_a_source_is_a_warning_naming_the_line() {
    let site = Site::new();
    let mut bytes = common::FERRY_SOURCE.as_bytes().to_vec();
    bytes.extend_from_slice(b"\nThe mayor said the fare is \xff\xfe five euros.\n");
    site.write("content/sources/2021-03-02-bad-bytes.txt", &bytes);
    let run = site.build_ok();
    assert_diagnostic(
        &run,
        "warning",
        "content/sources/2021-03-02-bad-bytes.txt:11",
    );
    assert!(site
        .page("sources/2021-03-02-bad-bytes/index.html")
        .contains("fare is \u{fffd}\u{fffd} five euros"));
}

#[test]
fn invalid_utf8_in_markdown_is_an_error_naming_the_line() {
    let site = Site::new();
    site.build_ok();
    site.write(
        "content/pages/about.md",
        b"+++\ntitle = \"About\"\n+++\nCaf\xe9\n",
    );
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/pages/about.md:4");
}

#[test]
fn a_byte_order_mark_is_ignored_everywhere() {
    let site = Site::new();
    site.write("site.toml", "\u{feff}title = \"Robust\"\n");
    site.write(
        "content/sources/2021-03-01-ferry.txt",
        format!("\u{feff}{}", common::FERRY_SOURCE),
    );
    site.write(
        "content/sources/2021-03-01-ferry.toml",
        "\u{feff}publication = \"Harbour Daily\"\n",
    );
    site.write(
        "content/pages/about.md",
        "\u{feff}---\ntitle: About\n---\nText.\n",
    );
    let run = site.build_ok();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    for (rel, _) in tree(&site.path("public")) {
        let name = rel.to_string_lossy();
        if name.ends_with(".html") || name.ends_with(".json") || name.ends_with(".xml") {
            assert!(
                !site.page(&name).contains('\u{feff}'),
                "{name} carries the byte order mark"
            );
        }
    }
    assert!(site
        .page("sources/2021-03-01-ferry/index.html")
        .contains("<h1>Harbour council approves new ferry route</h1>"));
}

#[test]
fn crlf_and_lone_cr_line_ends_read_like_lf() {
    let lf = Site::new();
    lf.build_ok();
    let expected = lf.page("sources/2021-03-01-ferry/index.html");
    for line_end in ["\r\n", "\r"] {
        let site = Site::new();
        site.write(
            "content/sources/2021-03-01-ferry.txt",
            common::FERRY_SOURCE.replace('\n', line_end),
        );
        site.write(
            "content/pages/about.md",
            "---\ntitle: About\n---\nHow this site was made.\n".replace('\n', line_end),
        );
        site.build_ok();
        assert_eq!(
            site.page("sources/2021-03-01-ferry/index.html"),
            expected,
            "{line_end:?} line ends change the page"
        );
        assert!(site
            .page("about/index.html")
            .contains("How this site was made."));
    }
}

#[test]
fn nul_bytes_never_reach_a_page() {
    let site = Site::new();
    site.write(
        "content/sources/2021-03-01-ferry.txt",
        common::FERRY_SOURCE.replace("new ferry", "new\0 ferry"),
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nHow this\0 site was made.\n",
    );
    site.build_ok(); // assert_pages_are_safe refuses NUL bytes
    assert!(site
        .page("sources/2021-03-01-ferry/index.html")
        .contains("ferry"));
}

#[test]
fn an_empty_source_is_a_warning() {
    let site = Site::new();
    site.write("content/sources/2021-03-05-empty.txt", "");
    let run = site.build_ok();
    assert_diagnostic(&run, "warning", "content/sources/2021-03-05-empty.txt");
    assert_mentions(&run, &["empty"]);
}

#[test]
fn an_empty_markdown_file_is_an_error() {
    let site = Site::new();
    site.build_ok();
    site.write("content/pages/blank.md", "");
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/pages/blank.md:1");
    assert_mentions(&run, &["no front matter"]);
}

#[test]
fn a_binary_file_saved_as_a_source_is_an_error() {
    let site = Site::new();
    site.build_ok();
    // A PNG header and pseudo-random bytes, as when an image is renamed to .txt.
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut state = 0x2545_f491_u32;
    for _ in 0..4096 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        bytes.push((state >> 24) as u8);
    }
    site.write("content/sources/2021-03-03-photo.txt", &bytes);
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/sources/2021-03-03-photo.txt");
    assert_mentions(&run, &["binary"]);
    // An image dropped beside the sources is not content: a warning only.
    site.write("content/sources/photo.png", &bytes);
    std::fs::remove_file(site.path("content/sources/2021-03-03-photo.txt")).unwrap();
    let run = site.build_ok();
    assert_diagnostic(&run, "warning", "content/sources/photo.png");
}

/// Deterministic prose of about `bytes` bytes in one line: sentences of
/// common words, with a sentence naming a person and a date every few
/// kilobytes, so the finders and the pages that quote them have work to do.
fn generated_line(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "the",
        "council",
        "said",
        "on",
        "a",
        "new",
        "route",
        "would",
        "open",
        "after",
        "years",
        "of",
        "work",
        "and",
        "residents",
        "asked",
        "for",
        "more",
        "ferries",
        "in",
    ];
    let mut text = String::with_capacity(bytes + 200);
    let mut state = 0x9e37_79b9_u32;
    let mut sentences = 0;
    while text.len() < bytes {
        sentences += 1;
        if sentences % 40 == 0 {
            text.push_str("Mayor Ana Lima said on 3 March 2021 that the ferry would run. ");
            continue;
        }
        text.push_str("The");
        for _ in 0..8 + sentences % 12 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            text.push(' ');
            text.push_str(WORDS[state as usize % WORDS.len()]);
        }
        text.push_str(". ");
    }
    text
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read() {
    let site = Site::new();
    site.build_ok();
    let file = std::fs::File::create(site.path("content/sources/2021-03-01-dump.txt")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/sources/2021-03-01-dump.txt");
    assert_mentions(&run, &["50.0 MiB", "16 MiB"]);
    std::fs::rename(
        site.path("content/sources/2021-03-01-dump.txt"),
        site.path("content/pages/dump.md"),
    )
    .unwrap();
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/pages/dump.md");
}

#[test]
fn a_single_10_mb_line_builds() {
    let site = Site::new();
    let mut text = String::from("A very long report\n\n");
    text.push_str(&generated_line(10 * 1024 * 1024));
    site.write("content/sources/2021-03-01-one-line.txt", text);
    site.build_ok();
    let page = site.page("sources/2021-03-01-one-line/index.html");
    assert!(page.contains("A very long report"));
    let person = site.page("people/ana-lima/index.html");
    assert!(person.contains("2021-03-01-one-line"));
}

#[test]
fn malformed_toml_and_yaml_front_matter_name_file_and_line() {
    let site = Site::new();
    site.build_ok();
    site.write(
        "content/pages/toml.md",
        "+++\ntitle = \"A\"\nweight = [1,,]\n+++\nText\n",
    );
    site.write(
        "content/pages/yaml.md",
        "---\ntitle: A\n  bad: indentation: here\n---\nText\n",
    );
    site.write(
        "content/sources/2021-03-01-ferry.toml",
        "title = \"unterminated\n",
    );
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/pages/toml.md:3");
    assert_diagnostic(&run, "error", "content/pages/yaml.md:3");
    assert_diagnostic(&run, "error", "content/sources/2021-03-01-ferry.toml:1");
}

#[test]
fn a_malformed_site_toml_names_the_line() {
    let site = Site::new();
    site.build_ok();
    site.write(
        "site.toml",
        "title = \"Robust\"\n[markdown\nallow_html = true\n",
    );
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "site.toml:2");
}

#[test]
fn unknown_and_mistyped_keys_name_the_key_and_line() {
    let site = Site::new();
    site.build_ok();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\ntittle: typo\n---\nText\n",
    );
    site.write(
        "content/people/ana.md",
        "+++\nname = \"Ana Lima\"\naliases = \"Lima\"\n+++\n",
    );
    site.write(
        "content/sources/2021-03-01-ferry.toml",
        "title = \"T\"\nauthor = \"Carla\"\n",
    );
    site.write(
        "site.toml",
        "title = \"Robust\"\n[markdown]\nallow-html = true\n",
    );
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/pages/about.md:3");
    assert_diagnostic(&run, "error", "content/people/ana.md:3");
    assert_diagnostic(&run, "error", "content/sources/2021-03-01-ferry.toml:2");
    assert_diagnostic(&run, "error", "site.toml:3");
    assert_mentions(&run, &["tittle", "author", "allow-html"]);
}

#[test]
fn a_wrong_date_names_the_file_and_line() {
    let site = Site::new();
    site.build_ok();
    site.write(
        "content/sources/2021-03-01-ferry.toml",
        "title = \"T\"\ndate = \"2021-02-30\"\n",
    );
    site.write(
        "content/events/launch.md",
        "+++\ntitle = \"Launch\"\ndate = \"2021-13\"\n+++\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\ndate: next week\n---\nText\n",
    );
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/sources/2021-03-01-ferry.toml:2");
    assert_diagnostic(&run, "error", "content/events/launch.md:3");
    assert_diagnostic(&run, "error", "content/pages/about.md:3");
}

#[test]
fn two_files_with_the_same_address_are_an_error() {
    let site = Site::new();
    site.build_ok();
    site.write("content/sources/2021 03 01 Ferry.txt", common::FERRY_SOURCE);
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/sources/2021");
    assert_mentions(
        &run,
        &[
            "content/sources/2021 03 01 Ferry.txt",
            "content/sources/2021-03-01-ferry.txt",
            "both map to /sources/2021-03-01-ferry/",
        ],
    );
    std::fs::remove_file(site.path("content/sources/2021 03 01 Ferry.txt")).unwrap();

    site.write(
        "content/pages/timeline.md",
        "+++\ntitle = \"Our timeline\"\n+++\n",
    );
    site.write(
        "content/pages/about-us.md",
        "+++\ntitle = \"Us\"\nslug = \"About\"\n+++\n",
    );
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "content/pages/timeline.md");
    assert_mentions(&run, &["content/pages/about", "both map to /about/"]);
}

#[test]
fn file_names_with_spaces_unicode_and_leading_dots() {
    let site = Site::new();
    site.write(
        "content/sources/Harbour report 2021.txt",
        common::FERRY_SOURCE,
    );
    site.write(
        "content/sources/José Ñandú — São Paulo.txt",
        common::FERRY_SOURCE,
    );
    site.write(
        "content/pages/Über uns.md",
        "+++\ntitle = \"Über uns\"\n+++\nText\n",
    );
    site.write("content/sources/.hidden-draft.txt", common::FERRY_SOURCE);
    site.write("content/sources/.2021-03-01-ferry.txt.swp", "swap");
    let run = site.build_ok();
    assert!(site
        .path("public/sources/harbour-report-2021/index.html")
        .is_file());
    assert!(site
        .path("public/sources/jose-nandu-sao-paulo/index.html")
        .is_file());
    assert!(site.path("public/uber-uns/index.html").is_file());
    assert!(!site.path("public/sources/hidden-draft").exists());
    assert_diagnostic(&run, "warning", "content/sources/.hidden-draft.txt");
    assert!(
        !run.stderr.contains(".swp"),
        "editor swap files are skipped silently:\n{}",
        run.stderr
    );
    let none = Site::new();
    none.write("content/sources/«».txt", common::FERRY_SOURCE);
    let run = none.build();
    assert_eq!(run.code, Some(1));
    assert_diagnostic(&run, "error", "content/sources/«».txt");
}

#[test]
fn a_slug_that_climbs_out_stays_inside_the_output() {
    let site = Site::new();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\nslug: ../../x\n---\nText\n",
    );
    site.write(
        "content/people/ana.md",
        "+++\nname = \"Ana Lima\"\nslug = \"/../../../etc\"\n+++\n",
    );
    site.write(
        "content/events/e.md",
        "+++\ntitle = \"E\"\ndate = 2021\nslug = \"..\"\n+++\n",
    );
    let run = site.build();
    // `outside_output` in `run` already checked that nothing escaped.
    assert!(matches!(run.code, Some(0 | 1)));
    if run.code == Some(0) {
        assert!(site.path("public/x/index.html").is_file());
        assert!(site.path("public/people/etc/index.html").is_file());
        assert_pages_are_safe(&site.path("public"));
    } else {
        assert_diagnostic(&run, "error", "content/events/e.md");
    }
    assert!(!site.temp.path().join("a/x").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_content_is_reported_not_followed() {
    let site = Site::new();
    std::os::unix::fs::symlink("..", site.path("content/sources/loop")).unwrap();
    std::os::unix::fs::symlink("self.txt", site.path("content/sources/self.txt")).unwrap();
    let run = site.build_ok();
    assert_diagnostic(&run, "warning", "content/sources/loop");
    assert_diagnostic(&run, "warning", "content/sources/self.txt");
    assert_mentions(&run, &["symbolic link"]);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    site.build_ok();
    let before = tree(&site.path("public"));
    let path = site.path("content/sources/2021-03-01-ferry.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = if std::fs::read(&path).is_err() {
        site.build()
    } else {
        // Running as root: permissions do not stop root's reads, so the build
        // runs as the unprivileged user `nobody` instead, which needs to read
        // (not write) the rest of the site.
        let setpriv = Path::new("/usr/bin/setpriv");
        if !setpriv.exists() {
            eprintln!("note: running as root without setpriv; the unreadable case cannot be made");
            return;
        }
        for entry in walkdir::WalkDir::new(site.temp.path())
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.path() != path {
                let mode = if entry.file_type().is_dir() {
                    0o755
                } else {
                    0o644
                };
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
                    .unwrap();
            }
        }
        let mut command = Command::new(setpriv);
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_backstory"));
        site.run_with(command, &["build"])
    };
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_diagnostic(&run, "error", "content/sources/2021-03-01-ferry.txt");
    assert_mentions(&run, &["ermission denied"]);
    assert_eq!(before, tree(&site.path("public")), "the old output changed");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn a_template_with_a_syntax_error_names_the_template() {
    let site = Site::new();
    site.build_ok();
    site.write(
        "templates/page.html",
        "<main>\n{% if page %}\n{{ page.title }\n</main>\n",
    );
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "templates/page.html");
    assert!(site.check().code == Some(1));
}

#[test]
fn a_template_using_a_missing_variable_names_the_template_and_page() {
    let site = Site::new();
    site.build_ok();
    site.write(
        "templates/page.html",
        "<main>{{ no_such_variable }}</main>\n",
    );
    let run = site.build_fails();
    assert_diagnostic(&run, "error", "templates/page.html");
    assert_mentions(&run, &["no_such_variable", "/about/"]);
}

#[test]
fn markup_in_a_source_is_shown_as_text() {
    let site = Site::new();
    let hostile = "</title></script><script>alert(1)</script> <img src=x onerror=alert(2)>";
    site.write(
        "content/sources/2021-03-04-hostile.txt",
        format!(
            "Council {hostile} meets\n\nBy Ana <b onmouseover=alert(3)>Lima</b>\n\nMonday 1 March 2021\n\n\
             The council met on Monday. {hostile} Mayor Ana Lima said the vote was close.\n\n\
             \"It was close,\" Lima said <a href=\"javascript:alert(4)\">here</a> in March 2021.\n"
        ),
    );
    site.write(
        "content/sources/2021-03-04-hostile.toml",
        format!("publication = \"Daily {hostile}\"\nurl = \"javascript:alert(5)\"\n"),
    );
    site.write(
        "content/pages/hostile.md",
        format!("+++\ntitle = '{hostile}'\ndescription = '{hostile}'\n+++\nText.\n"),
    );
    site.write(
        "content/people/hostile.md",
        format!(
            "+++\nname = 'Ana {hostile} Lima'\naliases = ['{hostile}']\nrole = '{hostile}'\n\
             description = '{hostile}'\nslug = 'hostile'\n+++\nBio {hostile}\n"
        ),
    );
    site.write(
        "content/events/hostile.md",
        format!("+++\ntitle = '{hostile}'\ndate = 2021-03-01\n+++\n{hostile}\n"),
    );
    site.write(
        "site.toml",
        format!("title = '{hostile}'\ndescription = '{hostile}'\n"),
    );
    site.build_ok();
    let page = site.page("sources/2021-03-04-hostile/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
}

#[test]
fn raw_html_in_markdown_is_escaped_unless_allowed() {
    let site = Site::new();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nText <script>alert(1)</script> and <img src=x onerror=alert(2)>.\n\n\
         <div onclick=\"x()\">block</div>\n\n[link](javascript:alert(3))\n",
    );
    site.build_ok();
    let page = site.page("about/index.html");
    assert!(page.contains("&lt;script&gt;"), "{page}");

    site.write(
        "site.toml",
        "title = \"Robust\"\n[markdown]\nallow_html = true\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nText with <abbr title=\"x\">HTML</abbr>.\n",
    );
    site.build_ok();
    assert!(site
        .page("about/index.html")
        .contains("<abbr title=\"x\">HTML</abbr>"));
}

#[test]
fn the_output_may_not_be_or_sit_inside_the_site_sources() {
    let site = Site::new();
    for output in ["content", "content/public", "templates/out", "."] {
        let target = site.path(output);
        let run = site.run(&["build", "--output", target.to_str().unwrap()]);
        assert_eq!(run.code, Some(1), "--output {output}:\n{}", run.stderr);
        assert_mentions(&run, &["output folder", "hint: "]);
    }
    assert!(site.path("content/_index.md").is_file());
    assert!(!site.path("content/public").exists());
}

#[test]
fn check_reports_every_problem_in_one_run_and_writes_nothing() {
    let site = Site::new();
    site.write("content/pages/toml.md", "+++\ntitle = \n+++\n");
    site.write("content/pages/yaml.md", "---\ntitle: [\n---\n");
    site.write("content/people/ana.md", "+++\nnaem = \"Ana\"\n+++\n");
    site.write(
        "content/events/e.md",
        "+++\ntitle = \"E\"\ndate = \"soon\"\n+++\n",
    );
    site.write(
        "content/sources/2021-03-01-ferry.toml",
        "date = \"2021-02-30\"\n",
    );
    site.write("content/sources/2021-03-05-empty.txt", "");
    site.write("templates/home.html", "{% for %}");
    let output = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["check", "--format", "json", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed = |kind: &str| -> Vec<(String, Option<u64>)> {
        report[kind]
            .as_array()
            .unwrap()
            .iter()
            .inspect(|d| assert!(d["hint"].as_str().is_some_and(|h| !h.is_empty()), "{d}"))
            .map(|d| (d["file"].as_str().unwrap().to_string(), d["line"].as_u64()))
            .collect()
    };
    let errors = listed("errors");
    for (file, line) in [
        ("content/pages/toml.md", Some(2)),
        ("content/pages/yaml.md", Some(2)),
        ("content/people/ana.md", Some(2)),
        ("content/events/e.md", Some(3)),
        ("content/sources/2021-03-01-ferry.toml", Some(1)),
        ("templates/home.html", None),
    ] {
        assert!(
            errors.contains(&(file.to_string(), line)),
            "{file}:{line:?} missing from {errors:?}"
        );
    }
    let warnings = listed("warnings");
    assert!(
        warnings
            .iter()
            .any(|(f, _)| f == "content/sources/2021-03-05-empty.txt"),
        "{warnings:?}"
    );
    assert!(!site.path("public").exists(), "check wrote the output");
}
