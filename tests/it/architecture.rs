//! The module graph: the `crate::…` paths in `src/` in, a failure naming
//! the files of every import cycle between top-level modules out.
//!
//! The build is a one-way pipeline (load → clean → extract → link → render
//! → write), and a module may use those before it, never one after. This
//! reads the source text rather than the compiler's view, so it needs no
//! tool beyond the test itself.
//!
//! `BACKSTORY_DRAW_IMPORTS=1 cargo test --test it architecture::` also writes the
//! graph as a Mermaid drawing between the markers in docs/architecture.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level module -> modules it uses -> the first few `file:line` that do.
type Graph = BTreeMap<String, BTreeMap<String, Vec<String>>>;

const START: &str = "<!-- imports:start -->";
const END: &str = "<!-- imports:end -->";

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The modules `src/lib.rs` declares.
fn top_modules(src: &Path) -> BTreeSet<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    lib.lines()
        .filter_map(|line| line.trim().strip_prefix("pub mod "))
        .filter_map(|rest| rest.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module names a line of code uses through `crate::`:
/// `crate::link::Site` and `crate::{load::Content, link}` alike.
fn used_modules(code: &str) -> Vec<String> {
    let mut used = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let preceded = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !preceded {
            if let Some(group) = after.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or("");
                for item in group.split(',') {
                    used.push(first_name(item.trim()));
                }
            } else {
                used.push(first_name(after));
            }
        }
        rest = after;
    }
    used
}

fn first_name(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn graph_of(src: &Path) -> Graph {
    let modules = top_modules(src);
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut graph = Graph::new();
    for module in &modules {
        graph.entry(module.clone()).or_default();
    }
    for file in files {
        let relative = file.strip_prefix(src).unwrap();
        let first = relative.components().next().unwrap();
        let owner = first.as_os_str().to_string_lossy();
        let owner = owner.strip_suffix(".rs").unwrap_or(&owner).to_string();
        if !modules.contains(&owner) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            // Comments may name later stages (`[`crate::write`]`); only code imports.
            let code = line.split("//").next().unwrap_or("");
            for used in used_modules(code) {
                if used != owner && modules.contains(&used) {
                    let places = graph
                        .entry(owner.clone())
                        .or_default()
                        .entry(used)
                        .or_default();
                    if places.len() < 3 {
                        places.push(format!("src/{}:{}", relative.display(), number + 1));
                    }
                }
            }
        }
    }
    graph
}

/// The strongly connected groups of more than one module (Tarjan's algorithm).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(walk: &mut Walk<'a>, node: &'a str) {
        let number = walk.index.len();
        walk.index.insert(node, number);
        walk.low.insert(node, number);
        walk.stack.push(node);
        for next in walk.graph[node].keys() {
            let next = next.as_str();
            if !walk.index.contains_key(next) {
                visit(walk, next);
                let low = walk.low[node].min(walk.low[next]);
                walk.low.insert(node, low);
            } else if walk.stack.contains(&next) {
                let low = walk.low[node].min(walk.index[next]);
                walk.low.insert(node, low);
            }
        }
        if walk.low[node] == walk.index[node] {
            let at = walk.stack.iter().rposition(|n| *n == node).unwrap();
            let group: Vec<String> = walk.stack.drain(at..).map(str::to_string).collect();
            if group.len() > 1 {
                walk.found.push(group);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            visit(&mut walk, node);
        }
    }
    walk.found
}

/// The graph as a Mermaid flowchart, one arrow per module that uses another.
fn mermaid(graph: &Graph) -> String {
    let mut out = String::from("```mermaid\nflowchart TD\n");
    for (module, uses) in graph {
        for used in uses.keys() {
            out.push_str(&format!("    {module} --> {used}\n"));
        }
    }
    out.push_str("```\n");
    out
}

#[test]
fn no_two_top_level_modules_import_each_other() {
    let src = crate_root().join("src");
    let graph = graph_of(&src);
    let found = cycles(&graph);
    let mut report = String::new();
    for group in &found {
        report.push_str(&format!("cycle among {group:?}:\n"));
        for from in group {
            for (to, places) in &graph[from] {
                if group.contains(to) {
                    report.push_str(&format!("  {from} -> {to} at {}\n", places.join(", ")));
                }
            }
        }
    }
    assert!(found.is_empty(), "{report}");
    if std::env::var_os("BACKSTORY_DRAW_IMPORTS").is_some() {
        let doc = crate_root().join("docs/architecture.md");
        let text = std::fs::read_to_string(&doc).unwrap();
        let (before, rest) = text.split_once(START).expect("the start marker");
        let (_, after) = rest.split_once(END).expect("the end marker");
        let drawn = format!("{before}{START}\n{}{END}{after}", mermaid(&graph));
        std::fs::write(&doc, drawn).unwrap();
    }
}

#[test]
fn a_cycle_of_two_or_more_modules_is_found() {
    fn edge(graph: &mut Graph, from: &str, to: &str) {
        graph
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string(), Vec::new());
        graph.entry(to.to_string()).or_default();
    }
    let mut graph = Graph::new();
    edge(&mut graph, "load", "config");
    edge(&mut graph, "link", "load");
    edge(&mut graph, "render", "link");
    assert!(cycles(&graph).is_empty());
    edge(&mut graph, "load", "render");
    let found = cycles(&graph);
    assert_eq!(found.len(), 1);
    let mut group = found[0].clone();
    group.sort();
    assert_eq!(group, ["link", "load", "render"]);
}

#[test]
fn grouped_and_nested_crate_paths_are_read() {
    assert_eq!(
        used_modules("use crate::{load::Content, link};"),
        ["load", "link"]
    );
    assert_eq!(
        used_modules("let x = crate::render::links::f(crate::slug::slugify(y));"),
        ["render", "slug"]
    );
    assert!(used_modules("use mycrate::load;").is_empty());
}
