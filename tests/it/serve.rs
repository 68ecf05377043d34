//! `backstory serve` end to end: the real binary on a free port, edited on
//! disk, asked over plain HTTP. Polls with a generous deadline instead of
//! timing anything: these tests check what is served, not how fast.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Server;

impl Server {
    fn start() -> Server {
        Server::serve(common::repo_site())
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Sends `request` as is and returns (status, headers, body).
    fn raw(&self, request: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&response[..split]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head, response[split + 4..].to_vec())
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        let (status, head, body) = self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ));
        (status, head, String::from_utf8_lossy(&body).into_owned())
    }

    /// Polls `path` until `ready` holds for (status, body), for at most a minute.
    fn wait_for(&self, path: &str, what: &str, ready: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let (status, _, body) = self.get(path);
            if ready(status, &body) {
                return body;
            }
            assert!(Instant::now() < deadline, "{path} never showed {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn first_source(root: &Path) -> PathBuf {
    let mut sources: Vec<_> = std::fs::read_dir(root.join("content/sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    sources.sort();
    sources.remove(0)
}

const NEW_SOURCE: &str = "Visitors Return\n\nBy Imaginary Writer\n\nMarch 3, 2031\n\n\
    Quintus Marlowe-Ashby, a spokesman, said on March 2, 2031 that the office had reopened. \
    Marlowe-Ashby added that visitors were welcome.\n";

#[test]
fn edits_renames_and_deletes_are_served_with_their_dependent_pages() {
    let server = Server::start();
    let root = server.root().to_path_buf();
    let (status, head, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html; charset=utf-8"));
    assert!(
        home.contains("/__backstory/events"),
        "the reload script is injected"
    );
    let on_disk = std::fs::read_to_string(server.output().join("index.html")).unwrap();
    assert!(
        !on_disk.contains("__backstory"),
        "but never written to disk"
    );

    // An edit to a source shows on its page.
    let source = first_source(&root);
    let id = source.file_stem().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replacen(" the ", " the zqxedited ", 1)).unwrap();
    server.wait_for(&format!("/sources/{id}/"), "the edit", |s, body| {
        s == 200 && body.contains("zqxedited")
    });

    // A new source naming a new person: the people index and the person page follow.
    let added = root.join("content/sources/zz-added-report.txt");
    std::fs::write(&added, NEW_SOURCE).unwrap();
    server.wait_for("/people/", "the new person", |s, body| {
        s == 200 && body.contains("Marlowe-Ashby")
    });
    server.wait_for("/sources/zz-added-report/", "the new source", |s, _| {
        s == 200
    });

    // A rename: the old address goes away, the new one appears.
    std::fs::rename(&added, root.join("content/sources/zz-moved-report.txt")).unwrap();
    server.wait_for("/sources/zz-moved-report/", "the renamed source", |s, _| {
        s == 200
    });
    server.wait_for("/sources/zz-added-report/", "a 404", |s, _| s == 404);

    // A delete: the page and the person only it named are gone.
    std::fs::remove_file(root.join("content/sources/zz-moved-report.txt")).unwrap();
    server.wait_for("/sources/zz-moved-report/", "a 404", |s, _| s == 404);
    server.wait_for("/people/", "the person removed", |s, body| {
        s == 200 && !body.contains("Marlowe-Ashby")
    });

    // Editor scratch files change nothing.
    std::fs::write(root.join("content/sources/.notes.txt.swp"), "junk").unwrap();
    std::fs::write(root.join("content/sources/notes.txt~"), "junk").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.get("/sources/notes/").0, 404);
}

/// Reads server-sent events from the preview until one satisfies `ready`.
fn wait_for_state(server: &Server, what: &str, ready: impl Fn(&serde_json::Value) -> bool) {
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream
        .write_all(b"GET /__backstory/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let reader = BufReader::new(stream);
    // The stream sends keep-alive comments, so a read alone never times out.
    let deadline = Instant::now() + Duration::from_secs(60);
    for line in reader.lines() {
        assert!(Instant::now() < deadline, "no event showed {what}");
        let line = line.unwrap_or_else(|_| panic!("no event showed {what}"));
        if let Some(data) = line.strip_prefix("data: ") {
            let state: serde_json::Value = serde_json::from_str(data).unwrap();
            if ready(&state) {
                return;
            }
        }
    }
    panic!("the event stream ended before {what}");
}

#[test]
fn a_broken_front_matter_is_reported_and_the_last_good_build_stays() {
    let server = Server::start();
    let page = server.root().join("content/pages/methodology.md");
    let good = std::fs::read_to_string(&page).unwrap();
    let before = server.get("/methodology/").2;
    std::fs::write(&page, good.replacen("title", "title = = broken\ntitle", 1)).unwrap();
    // The broken page is named (and so, as `build` reports it, is a link to it).
    wait_for_state(&server, "the error", |state| {
        state["problems"].as_array().is_some_and(|problems| {
            problems.iter().any(|problem| {
                problem["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with("methodology.md"))
                    && problem["message"].is_string()
            })
        })
    });
    let (status, _, during) = server.get("/methodology/");
    assert_eq!(status, 200, "the last good build is still served");
    assert_eq!(during, before);
    std::fs::write(&page, format!("{good}\nFixed zqxfixed.\n")).unwrap();
    server.wait_for("/methodology/", "the fix", |s, body| {
        s == 200 && body.contains("zqxfixed")
    });
    wait_for_state(&server, "the error cleared", |state| {
        state["problems"].is_null()
    });
}

#[test]
fn serves_only_the_output_folder_and_only_reads() {
    let server = Server::start();
    assert!(
        server.address.ip().is_loopback(),
        "binds loopback by default"
    );
    std::fs::write(server.root().join("secret.txt"), "do not serve").unwrap();
    std::fs::create_dir_all(server.output().join("no-index")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        server.root().join("secret.txt"),
        server.output().join("leak.txt"),
    )
    .unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/sources/..%2f..%2fsecret.txt",
        "/sources%2f..%2f..%2fsecret.txt",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
        "/..%5csecret.txt",
        "/leak.txt",
        "/no-index/",
        "/no-index/..%2f..%2fsecret.txt",
        "http://localhost/../secret.txt",
        "/etc/passwd",
    ] {
        let (status, _, body) = server.get(path);
        assert!([400, 404].contains(&status), "{path} gave {status}");
        assert!(!body.contains("do not serve"), "{path} leaked a file");
        assert!(!body.contains("root:"), "{path} leaked a file");
    }
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let (status, head, _) = server.raw(&format!(
            "{method} / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(status, 405, "{method}");
        assert!(head.to_ascii_lowercase().contains("allow: get, head"));
    }
    let (status, head, body) =
        server.raw("HEAD /people/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200);
    assert!(body.is_empty(), "HEAD has no body");
    assert!(head.contains("content-length:"));
    for (path, content_type) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/data/people.json", "application/json"),
        ("/assets/favicon.svg", "image/svg+xml"),
        ("/404.html", "text/html; charset=utf-8"),
    ] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("content-type: {content_type}")),
            "{path}: {head}"
        );
    }
    let (status, head, _) = server.get("/people");
    assert_eq!(status, 301);
    assert!(head.contains("location: /people/"));
    let (status, _, body) = server.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "the site's 404 page is served");
}

#[test]
fn many_connections_and_a_slow_client_do_not_block_others() {
    let server = Server::start();
    // A client that sends half a request and then says nothing.
    let mut slow = TcpStream::connect(server.address).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
    // 500 connections open at once, each with a request sent before any is read.
    let mut streams: Vec<TcpStream> = (0..500)
        .map(|_| {
            let mut stream = TcpStream::connect(server.address).unwrap();
            stream
                .write_all(b"GET /people/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .unwrap();
            stream
        })
        .collect();
    for stream in &mut streams {
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        assert!(
            response.starts_with(b"HTTP/1.1 200"),
            "every request is answered"
        );
    }
    // The slow client is still connected, and others are still served.
    assert_eq!(server.get("/").0, 200);
    drop(slow);
}

/// The real-browser check: headless chromium (driven by tests/browser/reload.mjs)
/// sees a page reload by itself with an edit, keeping its scroll position.
#[test]
fn a_real_browser_reloads_the_page_after_an_edit() {
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = Path::new("/usr/bin/chromium");
    let node_ok = Command::new("node").arg("--version").output().is_ok();
    let missing = if !chromium.exists() {
        Some("/usr/bin/chromium is not installed")
    } else if !harness.join("node_modules/playwright-core").exists() {
        Some("tests/browser/node_modules is missing (npm ci --prefix tests/browser)")
    } else if !node_ok {
        Some("node is not installed")
    } else {
        None
    };
    if let Some(reason) = missing {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the browser test must run in CI: {reason}"
        );
        eprintln!("skipping the browser test: {reason}");
        return;
    }
    let server = Server::start();
    let source = first_source(server.root());
    let id = source.file_stem().unwrap().to_string_lossy().into_owned();
    let output = Command::new("node")
        .arg(harness.join("reload.mjs"))
        .arg(format!("http://{}/sources/{id}/", server.address))
        .arg(&source)
        .args([" the ", " the zqxbrowser ", "zqxbrowser"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the browser did not see the reload:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Sends `GET path` with the given `Host` header and returns the status and body.
fn get_with_host(server: &Server, path: &str, host: &str) -> (u16, String) {
    let (status, _, body) = server.raw(&format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    ));
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Issue #22, item 13: a page on another site that rebinds its name to
/// 127.0.0.1 must not read the preview or its event stream.
#[test]
fn a_request_naming_another_host_is_refused() {
    let server = Server::start();
    let port = server.address.port();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        for path in ["/", "/assets/style.css", "/__backstory/events"] {
            let (status, body) = get_with_host(&server, path, &host);
            assert!([403, 421].contains(&status), "{host} {path} gave {status}");
            assert!(!body.contains("<html"), "{host} {path} was served");
        }
    }
    // An absolute URL names the host too.
    let (status, _, _) = server
        .raw("GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert!(
        [403, 421].contains(&status),
        "an absolute URL gave {status}"
    );
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
    ] {
        let (status, body) = get_with_host(&server, "/", &host);
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("<html"), "{host}");
    }
}

/// Issue #22, item 13: serving to the network is said in the terminal.
#[test]
fn binding_beyond_loopback_warns_in_the_terminal() {
    let site = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&repo.join("content"), &site.path().join("content"), None);
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    // Wait for the server to listen, then read what it said on stderr so far.
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let listening = stdout
        .lines()
        .map_while(Result::ok)
        .any(|line| line.starts_with("serving http://"));
    let _ = child.kill();
    let _ = child.wait();
    assert!(listening, "the server started");
    let said: Vec<String> = stderr.lines().map_while(Result::ok).collect();
    assert!(
        said.iter()
            .any(|line| line.contains("warning") && line.contains("0.0.0.0")),
        "no warning about 0.0.0.0 in {said:?}"
    );
}

/// The resident memory and thread count of a process, from /proc.
fn process_status(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|number| number.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in /proc/{pid}/status"))
    };
    (field("VmRSS:") * 1024, field("Threads:"))
}

/// Connects and sends a request for `path` without reading the answer.
fn request_unread(server: &Server, path: &str) -> TcpStream {
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
        .unwrap();
    stream
}

/// Writes a page of about `megabytes` MB into the output folder.
fn write_large_page(server: &Server, name: &str, megabytes: usize) -> Vec<u8> {
    let line = "<p>A long line of a very large page, to be streamed.</p>\n";
    let mut page = String::from("<!DOCTYPE html><html><body>\n");
    while page.len() < megabytes * 1_000_000 {
        page.push_str(line);
    }
    page.push_str("</body></html>\n");
    std::fs::write(server.output().join(name), &page).unwrap();
    page.into_bytes()
}

/// Issue #22, item 17: pages are streamed from disk, not read whole: four
/// clients that leave a 50 MB page unread do not grow the server by its size,
/// and the page arrives whole, with the reload script before `</body>`.
#[test]
fn a_large_page_is_streamed_from_disk() {
    let server = Server::start();
    let page = write_large_page(&server, "large.html", 50);
    let pid = server.child.id();
    // Settle: the first request, and the search index of the first build.
    server.wait_for("/", "the home page", |s, _| s == 200);
    std::thread::sleep(Duration::from_secs(2));
    let (before, _) = process_status(pid);
    let unread: Vec<TcpStream> = (0..4)
        .map(|_| request_unread(&server, "/large.html"))
        .collect();
    std::thread::sleep(Duration::from_secs(2));
    let (during, _) = process_status(pid);
    let grown = during.saturating_sub(before);
    assert!(
        grown < 50_000_000,
        "four unread 50 MB pages grew the server by {} MB",
        grown / 1_000_000
    );
    drop(unread);
    let (status, head, body) =
        server.raw("GET /large.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200);
    let at = page.len() - "</body></html>\n".len();
    assert!(body.len() > page.len(), "the script is added");
    assert!(
        body[..at] == page[..at],
        "the page arrives as it is on disk"
    );
    assert!(body.ends_with(b"</script>\n</body></html>\n"));
    assert!(String::from_utf8_lossy(&body[at..]).contains(EVENTS));
    assert!(
        head.contains(&format!("content-length: {}", body.len())),
        "{head}"
    );
}

const EVENTS: &str = "/__backstory/events";

/// Issue #22, item 17: a client that asks for a large page and stops reading
/// is dropped after the write timeout, and others are served meanwhile.
#[test]
fn a_client_that_stops_reading_is_dropped() {
    let server = Server::start();
    let page = write_large_page(&server, "large.html", 50);
    let mut unread = request_unread(&server, "/large.html");
    // Served while the slow reader waits.
    let (status, _, _) = server.get("/");
    assert_eq!(status, 200);
    // The server's timeout is 10 seconds; give it time to give up.
    std::thread::sleep(Duration::from_secs(16));
    assert_eq!(server.get("/people/").0, 200);
    unread
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut received = 0;
    let mut buffer = vec![0; 1 << 20];
    loop {
        match unread.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => received += n,
        }
    }
    assert!(
        received < page.len(),
        "the slow reader still got the whole page ({received} bytes)"
    );
}

/// Issue #22, item 17: many clients at once do not make many threads.
#[test]
fn many_concurrent_requests_use_a_bounded_number_of_threads() {
    let server = Server::start();
    write_large_page(&server, "large.html", 2);
    let pid = server.child.id();
    server.wait_for("/", "the home page", |s, _| s == 200);
    let streams: Vec<TcpStream> = (0..200)
        .map(|_| request_unread(&server, "/large.html"))
        .collect();
    // Idle threads linger for seconds, so the count now shows the most used.
    let mut most = 0;
    for _ in 0..20 {
        most = most.max(process_status(pid).1);
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.get("/").0, 200, "still serving");
    drop(streams);
    assert!(most <= 40, "{most} threads for 200 requests");
}

/// Issue #22, item 17: deleting the output folder while serving is repaired
/// by the next rebuild, stylesheet and search index included.
/// Deletes a folder the way an editor would, while the search stage may still
/// be adding files to it: a file written between listing and removing makes
/// one attempt fail with "directory not empty", so try again.
fn remove_while_written(folder: &Path) {
    for _ in 0..50 {
        match std::fs::remove_dir_all(folder) {
            Ok(()) => return,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return,
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    panic!("{} could not be deleted in 5 s", folder.display());
}

#[test]
fn a_deleted_output_folder_is_written_again_by_the_next_rebuild() {
    let server = Server::start();
    assert_eq!(server.get("/assets/style.css").0, 200);
    server.wait_for("/pagefind/pagefind.js", "the search index", |s, _| s == 200);
    remove_while_written(&server.output());
    assert_eq!(server.get("/assets/style.css").0, 404);
    let source = first_source(server.root());
    let id = source.file_stem().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, text.replacen(" the ", " the zqxrestored ", 1)).unwrap();
    server.wait_for(&format!("/sources/{id}/"), "the edit", |s, body| {
        s == 200 && body.contains("zqxrestored")
    });
    for path in ["/assets/style.css", "/", "/people/", "/data/people.json"] {
        server.wait_for(path, "the file written again", |s, _| s == 200);
    }
    server.wait_for("/pagefind/pagefind.js", "the search index", |s, _| s == 200);

    // Part of it deleted: the next rebuild writes it again too.
    remove_while_written(&server.output().join("assets"));
    std::fs::write(&source, text.replacen(" the ", " the zqxagain ", 1)).unwrap();
    server.wait_for(&format!("/sources/{id}/"), "the edit", |s, body| {
        s == 200 && body.contains("zqxagain")
    });
    server.wait_for("/assets/style.css", "the stylesheet", |s, _| s == 200);
}
