//! The editor's workflow: cross-references written by hand in Markdown,
//! the `new` commands, `check` and its findings, and the guide's worked example.

use crate::common;

use backstory::build::{build_site, BuildOptions};
use common::copy_tree;
use std::path::Path;

fn fixture_site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic"),
        temp.path(),
        None,
    );
    temp
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build(root: &Path) -> backstory::build::BuildReport {
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    build_site(&options).unwrap()
}

const SOURCE: &str = "2021-03-02-harbour-daily-bridge-opens";

#[test]
fn cross_references_resolve_to_relative_urls() {
    let site = fixture_site();
    let root = site.path();
    write(
        root,
        "content/pages/refs.md",
        &format!(
            "+++\ntitle = \"References\"\n+++\n\n\
             [The mayor](@person/ana-lima) opened it, as [the report](@source/{SOURCE}#p2) says.\n\
             On [@2021-03-01], in [@2018], [@person/paulo-reis], [about](@page/about \"About us\"), \
             [@date/2021-03], [@page/timeline], [all of it](@source/{SOURCE}).\n\
             Ana Lima is linked once. [An alias](@person/mayor-lima) works too.\n"
        ),
    );
    let report = build(root);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let html = std::fs::read_to_string(root.join("public/refs/index.html")).unwrap();
    // Pages name each folder's index.html (see render::hrefs), so links work from disk too.
    let expected = [
        "<a class=\"person\" href=\"../people/ana-lima/index.html\">The mayor</a>",
        &format!("<a class=\"source\" href=\"../sources/{SOURCE}/index.html#p2\">the report</a>"),
        "<a class=\"date\" href=\"../timeline/index.html#t-2021-03-01\">1 March 2021</a>",
        "<a class=\"date\" href=\"../timeline/2018/index.html\">2018</a>",
        "<a class=\"person\" href=\"../people/paulo-reis/index.html\">Paulo Reis</a>",
        "<a class=\"page\" href=\"../about/index.html\" title=\"About us\">about</a>",
        "<a class=\"date\" href=\"../timeline/2021/index.html\">March 2021</a>",
        "<a class=\"page\" href=\"../timeline/index.html\">Timeline</a>",
        &format!("<a class=\"source\" href=\"../sources/{SOURCE}/index.html\">all of it</a>"),
        "Ana Lima is linked once.",
        "<a class=\"person\" href=\"../people/ana-lima/index.html\">An alias</a> works too.",
    ];
    for needle in expected {
        assert!(html.contains(needle), "missing {needle}\nin {html}");
    }
}

#[test]
fn cross_references_to_nothing_fail_the_build_with_file_line_and_hint() {
    let site = fixture_site();
    let root = site.path();
    std::fs::remove_dir_all(root.join("public")).ok();
    write(
        root,
        "content/pages/broken.md",
        &format!(
            "+++\ntitle = \"Broken\"\n+++\n\n\
             Text [x](@person/lima) here.\n\
             [y](@source/{SOURCE}#p99)\n\
             [@2030-01-01]\n\
             [z](@page/abut)\n\
             [w](@thing/x)\n\
             [@2021-02-30]\n\
             [v](@source/harbour-daily)\n"
        ),
    );
    let report = build(root);
    let shown: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    let file = "content/pages/broken.md";
    let expected = vec![
        format!("error: {file}:5: no person has the id `lima`\n  hint: did you mean `ana-lima`?"),
        format!(
            "error: {file}:6: source `{SOURCE}` has no paragraph `#p99`\n  \
             hint: its paragraphs are `#p1` to `#p2`, counted from the top of its page"
        ),
        format!(
            "error: {file}:7: no timeline entry or year page for 2030-01-01\n  \
             hint: a date link leads to the timeline, and nothing on it is in 2030: \
             add an event for it (`backstory new event \"What happened\" --date 2030-01-01`), \
             or write the date as plain text"
        ),
        format!("error: {file}:8: no page has the id `abut`\n  hint: did you mean `about`?"),
        format!(
            "error: {file}:9: `@thing/x` is not a cross-reference Backstory knows\n  \
             hint: write `@person/ID`, `@source/ID` (optionally `#L12` or `#p3`), `@page/ID`, \
             `@date/2020-01-05` or just `@2020-01-05`"
        ),
        format!(
            "error: {file}:10: `2021-02-30` is not a date: February 2021 has 28 days\n  \
             hint: write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example `@2020-01-05`"
        ),
        format!(
            "error: {file}:11: no source has the id `harbour-daily`\n  \
             hint: did you mean `{SOURCE}`?"
        ),
    ];
    assert_eq!(shown, expected);
    assert!(!report.written);
    assert!(
        !root.join("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn cross_references_in_profiles_and_events_are_checked_too() {
    let site = fixture_site();
    let root = site.path();
    write(
        root,
        "content/people/rui-costa.md",
        "+++\nname = \"Rui Costa\"\n+++\n\nOpposes [the toll](@source/nope).\n",
    );
    write(
        root,
        "content/events/toll-vote.md",
        "+++\ntitle = \"Toll vote\"\ndate = 2021-05-01\n+++\n\nSee [@person/rui-costa] and [@person/ruy-costa].\n",
    );
    let report = build(root);
    let shown: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}: {}",
                d.file.display(),
                d.line.unwrap_or(0),
                d.message
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            "content/events/toll-vote.md:6: no person has the id `ruy-costa`",
            "content/people/rui-costa.md:5: no source has the id `nope`",
        ]
    );
}

fn backstory_in(root: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    drop(child.stdin.take());
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

#[test]
fn new_page_creates_front_matter_and_refuses_to_overwrite() {
    let site = fixture_site();
    let root = site.path();
    let (code, out, err) = backstory_in(root, &["new", "page", "Background: the bridge"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "created content/pages/background-the-bridge.md\n\
         next: edit content/pages/background-the-bridge.md, then preview with `backstory serve` \
         (the page will be at /background-the-bridge/)\n"
    );
    let text =
        std::fs::read_to_string(root.join("content/pages/background-the-bridge.md")).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"Background: the bridge\"\n"),
        "{text}"
    );
    assert!(text.contains(&format!("\ndate = {}\n", today())), "{text}");
    let (code, out, err) = backstory_in(root, &["new", "page", "Background: the bridge"], None);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: content/pages/background-the-bridge.md: already exists; nothing was changed\n  \
         hint: edit the existing file, or pass --slug background-the-bridge-2 to create \
         content/pages/background-the-bridge-2.md\n"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("content/pages/background-the-bridge.md")).unwrap(),
        text,
        "the first file is untouched"
    );
    let (code, _, err) = backstory_in(root, &["new", "page", "People"], None);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: content/pages/people.md: the address /people/ belongs to a generated page\n  \
         hint: choose another title, or pass --slug people-page\n"
    );
    let report = build(root);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    assert!(root
        .join("public/background-the-bridge/index.html")
        .is_file());
}

#[test]
fn new_person_creates_a_profile_that_merges_with_the_sources() {
    let site = fixture_site();
    let root = site.path();
    let (code, out, err) = backstory_in(root, &["new", "person", "Rui  Costa"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "created content/people/rui-costa.md\n\
         next: edit content/people/rui-costa.md, then preview with `backstory serve` \
         (the page will be at /people/rui-costa/)\n"
    );
    let text = std::fs::read_to_string(root.join("content/people/rui-costa.md")).unwrap();
    assert!(text.starts_with("+++\nname = \"Rui Costa\"\n"), "{text}");
    let (code, _, err) = backstory_in(root, &["new", "person", "Ana Lima"], None);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: content/people/ana-lima.md: already exists; nothing was changed\n  \
         hint: edit the existing file, or pass --slug ana-lima-2 to create content/people/ana-lima-2.md\n"
    );
    let (code, _, err) = backstory_in(root, &["new", "person", "“ ”"], None);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: content: `“ ”` has no letters or digits to make a file name from\n  \
         hint: give a person's name with letters or digits\n"
    );
    let report = build(root);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let people = std::fs::read_to_string(root.join("public/data/people.json")).unwrap();
    assert_eq!(
        people.matches("\"id\":\"rui-costa\"").count(),
        1,
        "{people}"
    );
}

const TEXT: &str = "Ferry service resumes after storm\n\nJoana Prado, Friday 14 May 2021\n\n\
The ferry between the two harbours resumed on Thursday, operator Luis Vaz said.\n";

#[test]
fn new_source_copies_the_text_byte_for_byte_with_a_sidecar() {
    let site = fixture_site();
    let root = site.path();
    let input = root.join("Ferry (final).txt");
    let bytes = format!("{TEXT}\r\nTrailing line with CRLF\r\n").into_bytes();
    std::fs::write(&input, &bytes).unwrap();
    let args = [
        "new",
        "source",
        "Ferry (final).txt",
        "--url",
        "https://example.org/ferry",
    ];
    let (code, out, err) = backstory_in(root, &args, None);
    assert_eq!(code, 0, "{err}");
    let name = "2021-05-14-ferry-service-resumes-after-storm";
    assert_eq!(
        out,
        format!(
            "created content/sources/{name}.txt\ncreated content/sources/{name}.toml\n\
             read from the text:\n  title: \"Ferry service resumes after storm\"\n\
             \x20 publication: none found\n  date: 2021-05-14\n  authors: \"Joana Prado\"\n\
             \x20 removed 2 of 4 lines (byline 1, page furniture 1) (unsure: little text \
             is left; check the removed lines on the source's page)\n\
             note: no publication found: set `publication` in the sidecar\n\
             next: edit content/sources/{name}.toml, then preview with `backstory serve` \
             (the page will be at /sources/{name}/)\n"
        )
    );
    assert_eq!(
        std::fs::read(root.join(format!("content/sources/{name}.txt"))).unwrap(),
        bytes
    );
    let sidecar =
        std::fs::read_to_string(root.join(format!("content/sources/{name}.toml"))).unwrap();
    let expected_lines = [
        format!("# Sidecar of {name}.txt, added on {}.", today()),
        "title = \"Ferry service resumes after storm\"".to_string(),
        "# publication = \"The outlet's name\"".to_string(),
        "date = 2021-05-14".to_string(),
        "authors = [\"Joana Prado\"]".to_string(),
        "url = \"https://example.org/ferry\"".to_string(),
    ];
    for line in expected_lines {
        assert!(
            sidecar.lines().any(|l| l == line),
            "missing {line}\n{sidecar}"
        );
    }
    let (code, _, err) = backstory_in(root, &args, None);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "error: Ferry (final).txt: this text is already in content/sources/{name}.txt\n  \
             hint: edit that source's sidecar instead of adding the text twice\n"
        )
    );
    let report = build(root);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    assert!(root
        .join(format!("public/sources/{name}/index.html"))
        .is_file());
}

#[test]
fn new_source_reads_standard_input_and_suggests_a_free_name() {
    let site = fixture_site();
    let root = site.path();
    let text = "No headline here, just a line of text on 3 June 2021.\n";
    let (code, _, err) = backstory_in(root, &["new", "source", "-"], Some(text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: content/sources: the text has no headline to name the file after\n  \
         hint: pass --slug NAME, for example --slug 2024-01-05-outlet-headline\n"
    );
    let args = [
        "new",
        "source",
        "-",
        "--slug",
        "2021-03-02-harbour-daily-bridge-opens",
    ];
    let (code, _, err) = backstory_in(root, &args, Some(text.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: content/sources/2021-03-02-harbour-daily-bridge-opens.txt: already exists; nothing was changed\n  \
         hint: edit the existing file, or pass --slug 2021-03-02-harbour-daily-bridge-opens-2 to create \
         content/sources/2021-03-02-harbour-daily-bridge-opens-2.txt\n"
    );
    let (code, out, err) = backstory_in(
        root,
        &["new", "source", "-", "--slug", "June note"],
        Some(text.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("created content/sources/june-note.txt\n"),
        "{out}"
    );
    assert!(
        out.contains("note: no publication date found: set `date = YYYY-MM-DD` in the sidecar"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("content/sources/june-note.txt")).unwrap(),
        text
    );
    let (code, _, err) = backstory_in(root, &["new", "source", "-"], Some(b"  \n"));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: standard input: the source text is empty\n  \
         hint: save the article as plain text first, then add that file\n"
    );
}

/// The overlay in tests/fixtures/check-overlay holds one deliberate instance of every finding.
fn site_with_every_finding() -> tempfile::TempDir {
    let site = fixture_site();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check-overlay/content"),
        &site.path().join("content"),
        None,
    );
    site
}

#[test]
fn check_reports_every_finding_grouped_by_file_with_lines_and_hints() {
    let site = site_with_every_finding();
    let (code, out, err) = backstory_in(site.path(), &["check"], None);
    assert_eq!((code, out.as_str()), (1, ""));
    let expected = concat!(
    "3 errors\n",
    "  content/pages/links.md\n",
    "    line 5: the link `../people/ana-lma/` points to no page of the site\n",
    "            hint: did you mean `../people/ana-lima/`?\n",
    "    line 6: no person has the id `ana-costta`\n",
    "            hint: did you mean `ana-costa`?\n",
    "  content/pages/typo.md\n",
    "    line 2: invalid front matter: unknown key `titel`\n",
    "            hint: did you mean `title`? (page keys: title (required), description, slug, draft, weight, date)\n",
    "\n",
    "9 warnings\n",
    "  content/events/ferry-deal.md\n",
    "    none of the sources it cites mentions 1 May 2021\n",
    "    hint: check the event's `date`, or cite the source that gives it\n",
    "  content/pages/links.md\n",
    "    no other page links to this page\n",
    "    hint: link to it where readers need it, for example [text](@page/links) on the home page\n",
    "  content/people/nobody-here.md\n",
    "    no source names this person and no page links to the profile\n",
    "    hint: check that `name` or `aliases` spell the name as the sources do, or link the profile with [text](@person/nobody-here)\n",
    "  content/sources/2021-05-03-bay-post-ferry.txt\n",
    "    line 5: Rui Costa, Ana Costa and Ruy Costa share the surname `Costa` in this text\n",
    "            hint: check on the source's page that each bare `Costa` links to the right person; if they are one person, merge them with `aliases` in a profile; if not, list the others in `distinct` of a profile of each to mark this reviewed\n",
    "    line 5: `Rui Costa` may be the same person as `Ruy Costa`\n",
    "            hint: if they are one person, list \"Rui Costa\" in `aliases` of a profile of Ruy Costa (`backstory new person \"Ruy Costa\"`); if not, list it in `distinct`\n",
    "    line 9: `Marta Reis` is named only once, with no role\n",
    "            hint: if it is not a person, add \"Marta Reis\" to `not_people` under [people] in site.toml; otherwise give a role in a profile (`backstory new person \"Marta Reis\"`)\n",
    "  content/sources/2021-05-04-bay-post-costa.txt\n",
    "    line 5: this text names only `Costa`, taken for Ana Costa, but Rui Costa and Ruy Costa share the surname\n",
    "            hint: if the text means someone else, add \"Costa\" to `distinct` in a profile of Ana Costa and to `aliases` in a profile of the right person\n",
    "  content/sources/undated-letter.txt\n",
    "    no publication date found in the text\n",
    "    hint: add `date = YYYY-MM-DD` to content/sources/undated-letter.toml\n",
    "    line 3: \"1 March 2021\" here, but \"8 March 2021\" in content/sources/2021-05-03-bay-post-ferry.txt:9, for what reads as the same event\n",
    "            hint: if one is wrong, correct that source's `date` in its sidecar (relative dates count from it), or state the right date in an event in content/events/ citing both\n",
    "\n",
    // 11 since issue #26: "before the summer" in the toll-debate source is Summer 2021.
    "checked 5 sources, 8 people, 11 timeline entries: 3 errors, 9 warnings; failed\n",
    );
    assert_eq!(err, expected);
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

#[test]
fn check_json_lists_errors_and_warnings_apart() {
    let site = site_with_every_finding();
    let (code, out, _) = backstory_in(site.path(), &["check", "--format", "json"], None);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(report["ok"], false);
    let errors = report["errors"].as_array().unwrap();
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!((errors.len(), warnings.len()), (3, 9));
    assert_eq!(
        errors[2],
        serde_json::json!({
            "file": "content/pages/typo.md",
            "line": 2,
            "severity": "error",
            "message": "invalid front matter: unknown key `titel`",
            "hint": "did you mean `title`? (page keys: title (required), description, slug, draft, weight, date)"
        })
    );
    assert!(warnings.iter().all(|w| w["severity"] == "warning"));
}

#[test]
fn strict_check_fails_on_warnings_alone() {
    let site = fixture_site();
    let root = site.path();
    write(
        root,
        "content/sources/undated-letter.txt",
        "A letter about the toll\n\nThe toll is too high, the letter says.\n",
    );
    let (code, _, err) = backstory_in(root, &["check"], None);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "  content/sources/undated-letter.txt\n    no publication date found in the text\n    \
             hint: add `date = YYYY-MM-DD` to content/sources/undated-letter.toml\n"
        ),
        "{err}"
    );
    assert!(err.ends_with("0 errors, 2 warnings; ok\n"), "{err}");
    let (code, _, err) = backstory_in(root, &["check", "--strict"], None);
    assert_eq!(code, 1);
    assert!(
        err.ends_with("0 errors, 2 warnings; failed (--strict: warnings count)\n"),
        "{err}"
    );
    let (code, out, _) = backstory_in(root, &["check", "--strict", "--format", "json"], None);
    assert_eq!(code, 1);
    assert!(out.starts_with("{\n  \"ok\": false,"), "{out}");
}

/// The fenced blocks of `docs/guide.md` by their label: the word after the
/// language in the info string (```` ```toml sidecar ````), indentation removed.
fn guide_blocks() -> std::collections::HashMap<String, String> {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
            .unwrap();
    let mut blocks = std::collections::HashMap::new();
    let mut open: Option<(String, usize, String)> = None;
    for line in guide.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match open.take() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    let label = info.split_whitespace().nth(1).unwrap_or("").to_string();
                    open = Some((label, indent, String::new()));
                }
            }
            Some((label, _, text)) if trimmed == "```" => {
                if !label.is_empty() {
                    blocks.insert(label, text);
                }
            }
            Some((label, fence_indent, mut text)) => {
                text.push_str(line.get(fence_indent..).unwrap_or("").trim_end());
                text.push('\n');
                open = Some((label, fence_indent, text));
            }
        }
    }
    blocks
}

#[test]
fn the_guides_worked_example_runs_end_to_end() {
    let blocks = guide_blocks();
    let block = |label: &str| {
        blocks
            .get(label)
            .unwrap_or_else(|| panic!("the guide has no block labelled {label}"))
            .clone()
    };
    let temp = tempfile::tempdir().unwrap();
    let (code, _, err) = backstory_in(temp.path(), &["init", "harbour"], None);
    assert_eq!(code, 0, "{err}");
    let root = temp.path().join("harbour");
    let root = root.as_path();
    write(root, "site.toml", &block("site.toml"));
    let article = temp.path().join("ferry.txt");
    std::fs::write(&article, block("ferry.txt")).unwrap();

    let args = [
        "new",
        "source",
        article.to_str().unwrap(),
        "--url",
        "https://example.org/ferry",
    ];
    let (code, out, err) = backstory_in(root, &args, None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, block("output-of-new-source"));
    let id = "2021-05-14-bay-post-night-ferry-returns-after-two-year-pause";
    write(
        root,
        &format!("content/sources/{id}.toml"),
        &block("sidecar"),
    );

    let (code, _, err) = backstory_in(root, &["new", "person", "Luis Vaz"], None);
    assert_eq!(code, 0, "{err}");
    let profile = "content/people/luis-vaz.md";
    write(root, profile, &block(profile));
    let (code, _, err) = backstory_in(root, &["new", "page", "The night ferry"], None);
    assert_eq!(code, 0, "{err}");
    let page = "content/pages/the-night-ferry.md";
    write(root, page, &block(page));

    let (code, _, err) = backstory_in(root, &["check"], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with(&block("output-of-check")), "{err}");
    write(root, "content/_index.md", &block("content/_index.md"));
    let (code, _, err) = backstory_in(root, &["check"], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.ends_with("0 errors, 0 warnings; ok\n"), "{err}");

    let (code, _, err) = backstory_in(root, &["build"], None);
    assert_eq!(code, 0, "{err}");
    let read = |path: &str| std::fs::read_to_string(root.join("public").join(path)).unwrap();
    let story = read("the-night-ferry/index.html");
    for expected in [
        "<a class=\"person\" href=\"../people/luis-vaz/index.html\">Luis Vaz</a>",
        &format!(
            "<a class=\"source\" href=\"../sources/{id}/index.html#p1\">the Bay Post reported</a>"
        ),
        "<a class=\"date\" href=\"../timeline/index.html#t-2019-03\">March 2019</a>",
    ] {
        assert!(story.contains(expected), "missing {expected} in\n{story}");
    }
    let source = read(&format!("sources/{id}/index.html"));
    assert!(source.contains("Bay Post"), "{source}");
    let timeline = read("data/timeline.json");
    for date in ["\"2019-03\"", "\"2021-05-13\"", "\"2021-06-01\""] {
        assert!(timeline.contains(date), "missing {date} in {timeline}");
    }
    assert!(read("people/luis-vaz/index.html").contains("Harbour director"));

    let text = std::fs::read_to_string(root.join(page)).unwrap();
    write(root, page, &text.replace("@person/luis-vaz", "@person/vaz"));
    let (code, _, err) = backstory_in(root, &["check"], None);
    assert_eq!(code, 1);
    assert!(err.starts_with(&block("output-of-mistake")), "{err}");
}

#[test]
fn a_build_tells_its_progress_stage_by_stage() {
    use backstory::build::{build_site_with, Progress};
    use std::sync::Mutex;
    #[derive(Default)]
    struct Record(Mutex<Vec<String>>);
    impl Progress for Record {
        fn loaded(&self, sources: usize) {
            self.0.lock().unwrap().push(format!("loaded {sources}"));
        }
        fn stage_done(&self, name: &'static str) {
            self.0.lock().unwrap().push(name.to_string());
        }
    }
    let site = fixture_site();
    let record = Record::default();
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        ..BuildOptions::default()
    };
    let report = build_site_with(&options, &record).unwrap();
    assert!(report.written);
    assert_eq!(
        record.0.into_inner().unwrap(),
        ["loaded 2", "clean", "extract", "link", "render", "write"]
    );
}

#[test]
fn a_misspelt_sidecar_key_gets_the_key_meant() {
    let site = fixture_site();
    let root = site.path();
    let sidecar = format!("content/sources/{SOURCE}.toml");
    write(
        root,
        &sidecar,
        "publication = \"Harbour Daily\"\npublishr = \"x\"\n",
    );
    let (code, _, err) = backstory_in(root, &["check"], None);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "1 error\n  {sidecar}\n    line 2: invalid sidecar: unknown key `publishr`\n            \
             hint: did you mean `publication`? (sidecar keys: title, publication, date, authors, \
             url, fetched, language, keep, drop)\n"
        )),
        "{err}"
    );
}
