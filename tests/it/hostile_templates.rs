//! Templates that would crash or exhaust the program, and a timeline export
//! that must stay inert: each test builds a small site (tests/sites/basic)
//! in a temporary folder with one hostile change. A stack overflow aborts
//! the whole process, so the crash cases run the `backstory` binary as a
//! child, with a deadline and a memory cap, and look at its exit and stderr.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The basic test site, copied into a fresh temporary folder.
fn new_site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    let basic = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic");
    common::copy_tree(&basic, temp.path(), None);
    temp
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// What a run of the binary did: its exit code (`None` when it was killed
/// or died of a signal) and its stderr.
struct Run {
    code: Option<i32>,
    stderr: String,
}

/// Runs `backstory ARGS --root ROOT` with at most 4 GB of memory, killed
/// after two minutes.
fn run(root: &Path, args: &[&str]) -> Run {
    let binary = env!("CARGO_BIN_EXE_backstory");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4000000; exec \"$0\" \"$@\"")
        .arg(binary)
        .args(args)
        .arg("--root")
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stderr: reader.join().unwrap(),
    }
}

/// Asserts that `args` fail as a template error should: exit 1, not a
/// crash, with `expected` in the message.
fn fails_with(root: &Path, args: &[&str], expected: &str) {
    let run = run(root, args);
    assert_eq!(
        run.code,
        Some(1),
        "`{}` should fail with a message, not crash:\n{}",
        args.join(" "),
        run.stderr
    );
    assert!(
        run.stderr.contains(expected),
        "`{}` should say {expected:?}:\n{}",
        args.join(" "),
        run.stderr
    );
}

#[test]
fn a_template_that_includes_itself_is_an_error_in_build_and_check() {
    let site = new_site();
    write(
        site.path(),
        "templates/page.html",
        "{% include \"page.html\" %}\n",
    );
    let expected = "templates/page.html: page.html includes itself: page.html -> page.html";
    fails_with(site.path(), &["build"], expected);
    fails_with(site.path(), &["check"], "page.html includes itself");
    assert!(
        !site.path().join("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn cycles_through_several_templates_and_recursive_macros_are_errors() {
    let site = new_site();
    let root = site.path();
    write(root, "templates/page.html", "{% include \"x.html\" %}");
    write(root, "templates/x.html", "{% include \"y.html\" %}");
    write(root, "templates/y.html", "{% include \"page.html\" %}");
    fails_with(
        root,
        &["build"],
        "page.html includes itself: page.html -> x.html -> y.html -> page.html",
    );

    let site = new_site();
    let root = site.path();
    write(
        root,
        "templates/tree.html",
        "{% macro walk(n) %}{% if n > 0 %}{{ self::walk(n=n - 1) }}{% endif %}{% endmacro %}",
    );
    write(
        root,
        "templates/page.html",
        "{% import \"tree.html\" as tree %}{{ tree::walk(n=1000000) }}",
    );
    fails_with(
        root,
        &["build"],
        "the macro tree.html::walk calls itself: tree.html::walk -> tree.html::walk",
    );

    let site = new_site();
    let root = site.path();
    write(
        root,
        "templates/a.html",
        "{% import \"b.html\" as b %}{% macro x() %}a{% endmacro %}",
    );
    write(
        root,
        "templates/b.html",
        "{% import \"a.html\" as a %}{% macro y() %}b{% endmacro %}",
    );
    write(
        root,
        "templates/page.html",
        "{% import \"a.html\" as a %}{{ a::x() }}",
    );
    fails_with(
        root,
        &["build"],
        "a.html imports itself: a.html -> b.html -> a.html",
    );
}

#[test]
fn templates_nested_deeper_than_tera_can_parse_are_errors() {
    let site = new_site();
    let ifs = format!(
        "{}x{}",
        "{% if true %}".repeat(500),
        "{% endif %}".repeat(500)
    );
    write(site.path(), "templates/page.html", &ifs);
    fails_with(site.path(), &["build"], "nested more than 32 deep");
    let sums = format!("{{{{ 1{} }}}}", " + 1".repeat(1000));
    write(site.path(), "templates/page.html", &sums);
    fails_with(site.path(), &["build"], "operators");
}

#[test]
fn a_long_range_is_refused_naming_the_template_and_the_page() {
    let site = new_site();
    write(
        site.path(),
        "templates/page.html",
        "{% for i in range(end=100000000) %}{{ i }}{% endfor %}",
    );
    fails_with(
        site.path(),
        &["build"],
        "templates/page.html: while rendering /about/: range(start=0, end=100000000, step_by=1) \
         would make 100000000 numbers",
    );
}

#[test]
fn loops_nested_past_the_work_limit_are_stopped() {
    let site = new_site();
    // A billion turns, each writing nothing: no limit on memory or output stops it.
    write(
        site.path(),
        "templates/page.html",
        "{% for a in range(end=1000) %}{% for b in range(end=1000) %}\
         {% for c in range(end=1000) %}{% endfor %}{% endfor %}{% endfor %}",
    );
    fails_with(site.path(), &["build"], "loop turns");
}

#[test]
fn a_page_past_the_output_limit_is_stopped() {
    let site = new_site();
    let text = format!(
        "{{% for i in range(end=100000) %}}{}{{% endfor %}}",
        "x".repeat(4096)
    );
    write(site.path(), "templates/page.html", &text);
    fails_with(
        site.path(),
        &["build"],
        "while rendering /about/: the page would be larger than 256 MiB",
    );
}

#[test]
fn a_template_that_is_a_folder_or_a_link_is_named_in_a_warning() {
    let site = new_site();
    std::fs::create_dir_all(site.path().join("templates/page.html")).unwrap();
    write(
        site.path(),
        "templates/real/home.html",
        "{% extends \"base.html\" %}",
    );
    std::os::unix::fs::symlink("/etc/hostname", site.path().join("templates/source.html")).unwrap();
    let run = run(site.path(), &["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: templates/page.html: is a folder, not a template"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: templates/source.html: is a symbolic link"),
        "{}",
        run.stderr
    );
    // A folder of templates with another name is not a mistake.
    assert!(!run.stderr.contains("templates/real"), "{}", run.stderr);
}

#[test]
fn timelinejs_escapes_headlines_and_renders_cross_references() {
    let site = new_site();
    let root = site.path();
    let event = root.join("content/events/bridge-opens.md");
    let text = std::fs::read_to_string(&event).unwrap();
    let text = text
        .replace(
            "title = \"The harbour bridge opens\"",
            "title = \"<img src=x onerror=alert(1)>\"",
        )
        .replace(
            "The new bridge opens to traffic.",
            "As [the daily](@source/2021-03-02-harbour-daily-bridge-opens) and \
             [the mayor](@person/ana-lima) said on [@2021-03-01].",
        );
    std::fs::write(&event, text).unwrap();
    let output = common::build_public(root);
    let export: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("data/timelinejs.json")).unwrap())
            .unwrap();
    let slide = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|slide| slide["text"]["headline"].as_str().unwrap().contains("img"))
        .expect("the event's slide");
    assert_eq!(
        slide["text"]["headline"],
        "&lt;img src=x onerror=alert(1)&gt;"
    );
    let html = slide["text"]["text"].as_str().unwrap();
    assert!(!html.contains('@'), "{html}");
    for link in [
        "href=\"/sources/2021-03-02-harbour-daily-bridge-opens/\">the daily</a>",
        "href=\"/people/ana-lima/\">the mayor</a>",
        "class=\"date\" href=\"/timeline/",
    ] {
        assert!(html.contains(link), "{link} missing in {html}");
    }
}

use common::Server;

/// (status, body) of GET `path`; `None` when the server does not answer.
fn get(server: &Server, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(server.address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, body.to_string()))
}

#[test]
fn serve_reports_a_recursive_template_and_keeps_serving_the_last_good_build() {
    let mut server = Server::serve(new_site());
    let (status, before) = get(&server, "/about/").expect("the server answers");
    assert_eq!(status, 200);
    write(
        server.site.path(),
        "templates/page.html",
        "{% include \"page.html\" %}",
    );
    // The rebuild fails; the live-reload stream carries the problem.
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream
        .write_all(b"GET /__backstory/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut reported = false;
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        if line.contains("includes itself") {
            reported = true;
            break;
        }
        if Instant::now() > deadline {
            break;
        }
    }
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server died"
    );
    assert!(reported, "the problem never reached the live-reload stream");
    let (status, during) = get(&server, "/about/").expect("the server still answers");
    assert_eq!(status, 200, "the last good build is still served");
    assert_eq!(during, before);
}
