//! The guide's worked example starts from an address: its command runs
//! against a local server holding the Bay Post page, prints what the guide
//! says, and fills the sidecar the way the guide's text route does by hand.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

/// The guide's fenced block labelled `label` (```` ```sh address ````), unindented.
fn guide_block(label: &str) -> String {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
            .unwrap();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let info = trimmed.strip_prefix("```").unwrap_or("");
        if info.split_whitespace().nth(1) != Some(label) {
            continue;
        }
        let indent = line.len() - trimmed.len();
        return lines
            .take_while(|l| l.trim() != "```")
            .map(|l| format!("{}\n", l.get(indent..).unwrap_or("").trim_end()))
            .collect();
    }
    panic!("the guide has no block labelled {label}")
}

/// Serves the guide's page at any path; returns `http://127.0.0.1:PORT`.
fn serve_page() -> String {
    let page = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/guide-ferry.html"),
    )
    .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                page.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&page);
        }
    });
    base
}

#[test]
fn the_guides_example_imports_the_article_from_its_address() {
    let base = serve_page();
    let on_this_machine = |text: &str| text.replace("https://bay-post.example", &base);
    let temp = tempfile::tempdir().unwrap();
    let run = |dir: &Path, args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_backstory"))
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{args:?}: {err}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    run(temp.path(), &["init", "harbour"]);
    let root = temp.path().join("harbour");

    let command = on_this_machine(&guide_block("address"));
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = run(&root, &args);
    assert_eq!(
        out,
        on_this_machine(&guide_block("output-of-new-source-address"))
    );

    // The page's metadata fills what the text route's sidecar sets by hand.
    let id = "2021-05-14-bay-post-night-ferry-returns-after-two-year-pause";
    let sidecar = std::fs::read_to_string(root.join(format!("content/sources/{id}.toml"))).unwrap();
    for line in guide_block("sidecar")
        .lines()
        .filter(|l| !l.starts_with("url"))
    {
        assert!(
            sidecar.lines().any(|l| l == line),
            "{line:?} not in\n{sidecar}"
        );
    }
    // So the build places "1 June" and "on Thursday" without any editing.
    run(&root, &["build", "--no-search"]);
    let timeline = std::fs::read_to_string(root.join("public/data/timeline.json")).unwrap();
    for date in ["\"2021-05-13\"", "\"2021-06-01\""] {
        assert!(timeline.contains(date), "missing {date} in {timeline}");
    }
}
