//! The binary against hostile input and hostile surroundings: deeply nested
//! YAML, a reader that closes the pipe, endless or oversized input to
//! `new source`, unsafe `site.toml` values and `--url`s, and control
//! characters in file names and values that a terminal would obey.
//!
//! Each test runs the binary as a child process on a site it writes into a
//! fresh temporary folder, and kills a child that outlives a generous
//! safety timeout.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_backstory");

/// A child that outlives this is stuck; the test fails instead of hanging.
const SAFETY_TIMEOUT: Duration = Duration::from_secs(60);

const SOURCE: &str = "Harbour council approves new ferry route\n\n\
By Carla Mendes\n\nMonday 1 March 2021\n\n\
The harbour council approved a new ferry route on Monday, Mayor Ana Lima said.\n";

/// A small valid site in a temporary folder.
fn site() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    write(&root, "site.toml", "title = \"Safety\"\n");
    write(
        &root,
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nWelcome.\n",
    );
    write(&root, "content/sources/2021-03-01-ferry.txt", SOURCE);
    (temp, root)
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// What a finished child did.
struct Finished {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

/// Waits for `child`, reading whichever of its outputs are still piped,
/// and kills it past [`SAFETY_TIMEOUT`].
fn finish(mut child: Child) -> Finished {
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > SAFETY_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the binary was still running after {SAFETY_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Finished {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: String::from_utf8_lossy(&stderr.join().unwrap()).into_owned(),
    }
}

/// Runs the binary with `args` to the end, its outputs piped, no input.
fn run(args: &[&str]) -> Finished {
    run_in(Command::new(BINARY).args(args))
}

fn run_in(command: &mut Command) -> Finished {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    finish(child)
}

fn root_arg(root: &Path) -> &str {
    root.to_str().unwrap()
}

// Item 9: deeply nested YAML front matter.

#[test]
fn deeply_nested_yaml_is_refused_naming_the_file_and_line() {
    let (_temp, root) = site();
    let levels = 30_000;
    // The page, its front matter, and the line where the nesting starts.
    let cases = [
        (
            "flow",
            format!("x: {}1{}", "[".repeat(levels), "]".repeat(levels)),
            3,
        ),
        (
            "maps",
            format!("x: {}1{}", "{a: ".repeat(levels), "}".repeat(levels)),
            3,
        ),
        ("block", format!("x:\n  {}1", "- ".repeat(levels)), 4),
    ];
    for (name, yaml, _) in &cases {
        write(
            &root,
            &format!("content/pages/{name}.md"),
            format!("---\ntitle: Deep\n{yaml}\n---\nBody.\n"),
        );
    }
    let check = run(&["check", "--root", root_arg(&root)]);
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    for (name, _, line) in &cases {
        let file = format!("content/pages/{name}.md");
        let at = format!("line {line}: ");
        assert!(
            check
                .stderr
                .lines()
                .skip_while(|shown| !shown.ends_with(&file))
                .nth(1)
                .is_some_and(|shown| shown.contains(&at) && shown.contains("levels deep")),
            "{file} should be refused at line {line}:\n{}",
            check.stderr
        );
    }
}

// Item 10: a reader that closes the pipe.

/// A site whose check finds about 2,000 problems: more output than a pipe holds.
fn site_with_many_problems() -> (tempfile::TempDir, PathBuf) {
    let (temp, root) = site();
    for n in 0..2_000 {
        write(
            &root,
            &format!("content/pages/page-{n}.md"),
            "+++\ntitle = \"A\"\ncolour = \"red\"\n+++\nBody.\n",
        );
    }
    (temp, root)
}

fn assert_stopped_quietly(run: &Finished, what: &str) {
    assert!(
        !run.stderr.contains("panicked"),
        "{what} panicked:\n{}",
        run.stderr
    );
    assert_eq!(
        run.code,
        Some(141),
        "{what} should stop as a closed pipe stops `cat` (status 141):\n{}",
        run.stderr
    );
}

#[test]
fn a_closed_pipe_after_the_first_line_ends_check_quietly() {
    let (_temp, root) = site_with_many_problems();
    let mut child = Command::new(BINARY)
        .args(["check", "--format", "json", "--root", root_arg(&root)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'), "the JSON report starts the output");
    // The reader is dropped here, as `head -1` exits.
    assert_stopped_quietly(&finish(child), "check --format json | head -1");
}

/// Runs `args` with standard output (or error) closed before the binary writes.
fn run_with_closed(args: &[&str], stream: &str) -> Finished {
    let mut child = Command::new(BINARY)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    match stream {
        "stdout" => drop(child.stdout.take()),
        _ => drop(child.stderr.take()),
    }
    finish(child)
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let (_temp, root) = site_with_many_problems();
    let root = root_arg(&root);
    let check = run_with_closed(&["check", "--root", root], "stderr");
    assert_eq!(
        check.code,
        Some(141),
        "check 2>&1 | head -1 should stop quietly"
    );
    let build = run_with_closed(&["build", "--root", root], "stderr");
    assert_eq!(
        build.code,
        Some(141),
        "build 2>&1 | head -1 should stop quietly"
    );

    let (_temp, root) = site();
    let root = root_arg(&root);
    let build = run_with_closed(&["build", "--root", root, "--no-search"], "stdout");
    assert_stopped_quietly(&build, "build | head -1");
    let new = run_with_closed(&["new", "page", "A page", "--root", root], "stdout");
    assert_stopped_quietly(&new, "new page | head -1");
}

// Item 11: `new source` reads no more than the build would.

#[test]
fn new_source_refuses_an_endless_file_at_once() {
    let (_temp, root) = site();
    let zero = run(&["new", "source", "/dev/zero", "--root", root_arg(&root)]);
    assert_eq!(zero.code, Some(1), "{}", zero.stderr);
    assert!(
        zero.stderr.contains("/dev/zero") && zero.stderr.contains("texts over 16 MiB are not read"),
        "{}",
        zero.stderr
    );
}

#[test]
fn new_source_refuses_standard_input_over_the_build_limit() {
    let (_temp, root) = site();
    let mut child = Command::new(BINARY)
        .args(["new", "source", "-", "--root", root_arg(&root)])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let line = "The council met again on Monday and talked for a long time.\n".repeat(1_000);
        // 17 MB; the binary may stop reading, and close the pipe, at 16 MiB.
        for _ in 0..(17_000_000 / line.len() + 1) {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let new = finish(child);
    feeder.join().unwrap();
    assert_eq!(new.code, Some(1), "{}", new.stderr);
    assert!(
        new.stderr.contains("standard input")
            && new.stderr.contains("texts over 16 MiB are not read"),
        "{}",
        new.stderr
    );
    let sources = std::fs::read_dir(root.join("content/sources"))
        .unwrap()
        .count();
    assert_eq!(sources, 1, "nothing may be added");
}

#[test]
fn new_source_refuses_a_url_that_is_not_a_web_address() {
    let (_temp, root) = site();
    write(&root, "../article.txt", SOURCE.replace("ferry", "bridge"));
    let article = root.join("../article.txt");
    for url in [
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://example.org/a",
    ] {
        let new = run(&[
            "new",
            "source",
            article.to_str().unwrap(),
            "--url",
            url,
            "--root",
            root_arg(&root),
        ]);
        assert_eq!(new.code, Some(1), "--url {url}: {}", new.stderr);
        assert!(
            new.stderr.contains("is not a web address"),
            "{}",
            new.stderr
        );
    }
    let sources = std::fs::read_dir(root.join("content/sources"))
        .unwrap()
        .count();
    assert_eq!(sources, 1, "nothing may be added");
    let good = run(&[
        "new",
        "source",
        article.to_str().unwrap(),
        "--url",
        "https://example.org/a",
        "--root",
        root_arg(&root),
    ]);
    assert_eq!(good.code, Some(0), "{}", good.stderr);
}

// Item 14: site.toml's language and base_url.

#[test]
fn site_toml_language_must_be_a_language_tag() {
    for language in ["a/b", "../../x", "en us"] {
        let (_temp, root) = site();
        write(
            &root,
            "site.toml",
            format!("title = \"Safety\"\nlanguage = \"{language}\"\n"),
        );
        let check = run(&["check", "--root", root_arg(&root)]);
        assert_eq!(check.code, Some(1), "{language}: {}", check.stderr);
        assert!(
            check.stderr.contains("site.toml") && check.stderr.contains("line 2: "),
            "{language}: {}",
            check.stderr
        );
        assert!(
            check.stderr.contains("not a language tag"),
            "{}",
            check.stderr
        );
    }
    let (_temp, root) = site();
    write(
        &root,
        "site.toml",
        "title = \"Safety\"\nlanguage = \"pt-BR\"\n",
    );
    let check = run(&["check", "--root", root_arg(&root)]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
}

#[test]
fn base_url_must_be_a_web_address_or_a_path() {
    for url in ["javascript:alert(1)", "data:text/html,x", "//evil.example/"] {
        let (_temp, root) = site();
        write(
            &root,
            "site.toml",
            format!("title = \"Safety\"\n\nbase_url = \"{url}\"\n"),
        );
        let build = run(&["build", "--root", root_arg(&root), "--no-search"]);
        assert_eq!(build.code, Some(1), "{url}: {}", build.stderr);
        assert!(
            build.stderr.contains("site.toml:3") && build.stderr.contains("not a web address"),
            "{url}: {}",
            build.stderr
        );
        assert!(
            !root.join("public").exists(),
            "{url}: nothing may be written"
        );

        write(&root, "site.toml", "title = \"Safety\"\n");
        let flag = run(&["build", "--root", root_arg(&root), "--base-url", url]);
        assert_eq!(flag.code, Some(2), "--base-url {url}: {}", flag.stderr);
        assert!(
            !root.join("public").exists(),
            "{url}: nothing may be written"
        );
    }
    let (_temp, root) = site();
    for url in ["https://example.org/explainer/", "/explainer/"] {
        let args = [
            "build",
            "--root",
            root_arg(&root),
            "--no-search",
            "--base-url",
            url,
        ];
        let build = run(&args);
        assert_eq!(build.code, Some(0), "{url}: {}", build.stderr);
    }
}

// Item 15: control characters in what the binary prints.

/// A name that sets the window title, then reverses the rest of the line.
const HOSTILE: &str = "evil\u{1b}]0;pwned\u{7}\u{202e}name";
/// Visible as the binary prints it.
const SHOWN: &str = "evil\\x1b]0;pwned\\x07\\u{202e}name";

fn assert_inert(text: &str, what: &str) {
    for raw in ["\u{1b}]", "\u{7}", "\u{202e}", "\u{1b}[2J"] {
        assert!(!text.contains(raw), "{what} printed {raw:?} raw:\n{text:?}");
    }
}

#[test]
fn control_characters_in_names_and_values_are_shown_not_obeyed() {
    let (_temp, root) = site();
    let file = format!("content/sources/{HOSTILE}.txt");
    write(&root, &file, SOURCE);
    write(
        &root,
        &format!("content/sources/{HOSTILE}.toml"),
        "url = \"\\u001b[2Jnot-a-url\"\n",
    );
    let root_str = root_arg(&root);
    // CLICOLOR_FORCE: print as to a terminal, where styles are kept.
    for args in [["check", "--root", root_str], ["build", "--root", root_str]] {
        let run = run_in(Command::new(BINARY).args(args).env("CLICOLOR_FORCE", "1"));
        assert_inert(&run.stderr, args[0]);
        assert!(run.stderr.contains(SHOWN), "{}: {}", args[0], run.stderr);
        assert!(
            run.stderr.contains("\\x1b[2Jnot-a-url"),
            "{}: {}",
            args[0],
            run.stderr
        );
    }

    let json = run(&["check", "--format", "json", "--root", root_str]);
    let text = String::from_utf8(json.stdout).unwrap();
    assert_inert(&text, "check --format json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let files: Vec<&str> = value["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|warning| warning["file"].as_str())
        .collect();
    assert!(
        files.contains(&format!("content/sources/{HOSTILE}.toml").as_str()),
        "the JSON keeps the file name as it is: {files:?}"
    );

    let missing = root.join(format!("{HOSTILE}.txt"));
    let new = run(&[
        "new",
        "source",
        missing.to_str().unwrap(),
        "--root",
        root_str,
    ]);
    assert_eq!(new.code, Some(1), "{}", new.stderr);
    assert_inert(&new.stderr, "new source");
    assert!(new.stderr.contains(SHOWN), "{}", new.stderr);
}
