//! `backstory new source https://…`: fetching a page, against a small HTTP
//! server inside the test (a std `TcpListener` on a thread), offline.

use backstory::import::fetch::Limits;
use backstory::new::{new_source_from_page, NewError, PageSource};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::Duration;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read(path).unwrap()
}

/// (status line, headers, body) for a request path.
fn respond(path: &str) -> (String, Vec<String>, Vec<u8>) {
    let html = "Content-Type: text/html".to_string();
    match path {
        "/article" => ("200 OK".into(), vec![html], fixture("article.html")),
        "/moved" => (
            "301 Moved Permanently".into(),
            vec!["Location: /article".into()],
            Vec::new(),
        ),
        "/gzip" => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(&fixture("article.html")).unwrap();
            let headers = vec![html, "Content-Encoding: gzip".into()];
            ("200 OK".into(), headers, encoder.finish().unwrap())
        }
        // Made with Python's brotli.compress(article.html).
        "/brotli" => (
            "200 OK".into(),
            vec![html, "Content-Encoding: br".into()],
            fixture("article.html.br"),
        ),
        "/cyrillic" => {
            let page = "<html><head><title>Паром</title></head><body><article><h1>Паром дорожает</h1>"
                .to_string()
                + &(1..=8)
                    .map(|n| format!("<p>Цена билета на паром вырастет в следующем месяце на {n} процента, решил совет порта во вторник вечером.</p>"))
                    .collect::<String>()
                + "</article></body></html>";
            let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
            let headers = vec!["Content-Type: text/html; charset=windows-1251".into()];
            ("200 OK".into(), headers, bytes.into_owned())
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            ("200 OK".into(), vec![html], fixture("article.html"))
        }
        "/large" => ("200 OK".into(), vec![html], vec![b' '; 200_000]),
        "/pdf" => (
            "200 OK".into(),
            vec!["Content-Type: application/pdf".into()],
            b"%PDF-1.4".to_vec(),
        ),
        "/private" => (
            "403 Forbidden".into(),
            vec![html],
            b"<p>Subscribers only</p>".to_vec(),
        ),
        _ => (
            "404 Not Found".into(),
            vec![html],
            b"<h1>Not found</h1>".to_vec(),
        ),
    }
}

fn handle(mut stream: TcpStream) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
    let request = String::from_utf8_lossy(&request);
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (status, headers, body) = respond(&path);
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for header in headers {
        head.push_str(&header);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// Starts the server; returns its base address (`http://127.0.0.1:PORT`).
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || handle(stream));
        }
    });
    address
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 2)
}

fn import(site: &Path, url: &str, limits: Limits) -> Result<backstory::new::Page, NewError> {
    let from = PageSource::Address(url.to_string());
    new_source_from_page(site, &from, Some("page"), None, today(), limits)
}

fn refusal(result: Result<backstory::new::Page, NewError>) -> String {
    match result {
        Err(NewError::Refused(diagnostic)) => diagnostic.to_string(),
        Err(other) => panic!("not a refusal: {other}"),
        Ok(page) => panic!("imported: {:?}", page.created.files),
    }
}

#[test]
fn a_redirected_page_is_fetched_with_its_final_address_and_date() {
    let base = server();
    let site = tempfile::tempdir().unwrap();
    let page = import(site.path(), &format!("{base}/moved"), Limits::default()).unwrap();
    let sidecar = std::fs::read_to_string(site.path().join("content/sources/page.toml")).unwrap();
    assert!(
        sidecar.contains(&format!("url = \"{base}/article\"\n")),
        "{sidecar}"
    );
    assert!(sidecar.contains("fetched = 2026-01-02\n"), "{sidecar}");
    assert!(
        sidecar.contains("title = \"Ferry fares rise again on the estuary\"\n"),
        "{sidecar}"
    );
    let kept = std::fs::read(site.path().join("content/sources/page.html")).unwrap();
    assert_eq!(kept, fixture("article.html"));
    assert!(page
        .read
        .contains(&("address".to_string(), format!("{base}/article"))));
    // The build reads the new `fetched` key and nothing else of the page.
    std::fs::write(site.path().join("site.toml"), "title = \"T\"\n").unwrap();
    let content = backstory::load::load(site.path(), false).unwrap();
    assert!(content.diagnostics.is_empty(), "{:?}", content.diagnostics);
    let fetched = content.sources[0]
        .sidecar
        .fetched
        .as_ref()
        .map(|d| d.0.as_str());
    assert_eq!((content.sources.len(), fetched), (1, Some("2026-01-02")));
}

#[test]
fn compressed_pages_are_decoded() {
    let base = server();
    for path in ["/gzip", "/brotli"] {
        let site = tempfile::tempdir().unwrap();
        import(site.path(), &format!("{base}{path}"), Limits::default()).unwrap();
        let text = std::fs::read_to_string(site.path().join("content/sources/page.txt")).unwrap();
        assert!(
            text.contains("the harbour board decided on Tuesday evening"),
            "{path}: {text}"
        );
        // The provenance is the page itself, not its compressed transfer.
        let kept = std::fs::read(site.path().join("content/sources/page.html")).unwrap();
        assert_eq!(kept, fixture("article.html"), "{path}");
    }
}

#[test]
fn the_charset_in_the_http_header_is_honoured() {
    let base = server();
    let site = tempfile::tempdir().unwrap();
    let page = import(site.path(), &format!("{base}/cyrillic"), Limits::default()).unwrap();
    let text = std::fs::read_to_string(site.path().join("content/sources/page.txt")).unwrap();
    assert!(text.starts_with("Паром дорожает\n\nЦена билета"), "{text}");
    assert!(page
        .read
        .iter()
        .any(|(what, value)| what == "text" && value.contains("windows-1251")));
}

#[test]
fn failed_fetches_say_why_and_write_nothing() {
    let base = server();
    let short = Limits {
        timeout: Duration::from_secs(1),
        max_bytes: 100_000,
    };
    for (path, message) in [
        ("/missing", "the page was not found (HTTP 404)"),
        ("/private", "the site refused the page (HTTP 403)"),
        ("/slow", "the site did not answer within 1 seconds"),
        ("/large", "the page is larger than"),
        ("/pdf", "this is not a web page but `application/pdf`"),
    ] {
        let site = tempfile::tempdir().unwrap();
        let message_seen = refusal(import(site.path(), &format!("{base}{path}"), short));
        assert!(message_seen.contains(message), "{path}: {message_seen}");
        assert!(message_seen.contains("hint:"), "{path}: {message_seen}");
        assert!(!site.path().join("content").exists(), "{path} wrote files");
    }
}
