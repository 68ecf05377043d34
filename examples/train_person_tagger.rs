//! Trains the person-name tagger's weights from annotated corpora.
//!
//!     cargo run --release --example train_person_tagger -- \
//!         --out src/extract/people/data/person_tagger.bin FILE...
//!
//! Each FILE is CoNLL-style: one token a line with its tag in the last
//! column (UniversalNER's .iob2 with the word in the second column), a blank
//! line between sentences. Tags ending in PER/person mark person names, in
//! IOB1 or IOB2. A file name of the form `git:REPO:PATH` is read with
//! `git show` from a bare clone. The tokens are joined back into running
//! text (no space before punctuation) so the tagger learns from text as
//! Backstory sees it.

use backstory::extract::people::tagger::train::{train, Example};
use std::ops::Range;
use std::process::Command;

fn read(source: &str) -> Result<String, String> {
    if let Some(rest) = source.strip_prefix("git:") {
        let (repo, path) = rest
            .split_once(':')
            .ok_or_else(|| format!("{source}: write git:REPO:PATH"))?;
        let out = Command::new("git")
            .args(["-C", repo, "show", &format!("HEAD:{path}")])
            .output()
            .map_err(|e| format!("{source}: {e}"))?;
        if !out.status.success() {
            return Err(format!("{source}: git show failed"));
        }
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    std::fs::read_to_string(source).map_err(|e| format!("{source}: {e}"))
}

/// (word, tag) pairs of one token line, or None for a comment or a marker.
fn token_line(line: &str) -> Option<(&str, &str)> {
    if line.starts_with("# ") || line.starts_with("-DOCSTART-") {
        return None;
    }
    let columns: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
    match columns.as_slice() {
        [index, word, tag, ..] if index.bytes().all(|b| b.is_ascii_digit()) => Some((word, tag)),
        [word, .., tag] => Some((word, tag)),
        _ => None,
    }
}

fn glued_left(word: &str) -> bool {
    matches!(
        word,
        "," | "."
            | ";"
            | ":"
            | "!"
            | "?"
            | ")"
            | "]"
            | "%"
            | "'s"
            | "’s"
            | "n't"
            | "'"
            | "'re"
            | "'ve"
            | "'ll"
            | "'d"
            | "'m"
    )
}

/// Joins a sentence's tokens into text and finds the byte spans of its person names.
fn example_of(tokens: &[(&str, &str)]) -> Example {
    let mut text = String::new();
    let mut names: Vec<Range<usize>> = Vec::new();
    let mut open: Option<Range<usize>> = None;
    let mut quote_open = false;
    let mut glue_next = false;
    for &(word, tag) in tokens {
        let quote = word == "\"";
        let glue = glued_left(word) || (quote && quote_open);
        if !text.is_empty() && !glue && !glue_next {
            text.push(' ');
        }
        glue_next = matches!(word, "(" | "[" | "$") || (quote && !quote_open);
        if quote {
            quote_open = !quote_open;
        }
        let start = text.len();
        text.push_str(word);
        let kind = tag.get(2..).unwrap_or("").to_ascii_lowercase();
        let person = kind.starts_with("per");
        match (person, tag.as_bytes().first(), open.as_mut()) {
            (true, Some(b'I'), Some(span)) => span.end = text.len(),
            (true, _, _) => {
                names.extend(open.take());
                open = Some(start..text.len());
            }
            (false, _, _) => names.extend(open.take()),
        }
    }
    names.extend(open);
    Example { text, names }
}

fn examples_of(text: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut sentence = Vec::new();
    for line in text.lines().chain([""]) {
        if line.trim().is_empty() {
            if !sentence.is_empty() {
                examples.push(example_of(&sentence));
                sentence.clear();
            }
        } else if let Some(token) = token_line(line) {
            sentence.push(token);
        }
    }
    examples
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut out, mut epochs, mut bits) = (None, 8, 18);
    let mut examples = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next(),
            "--epochs" => epochs = args.next().and_then(|a| a.parse().ok()).unwrap_or(epochs),
            "--bits" => bits = args.next().and_then(|a| a.parse().ok()).unwrap_or(bits),
            source => {
                let found = examples_of(&read(source)?);
                let names: usize = found.iter().map(|e| e.names.len()).sum();
                eprintln!("{source}: {} sentences, {names} names", found.len());
                examples.extend(found);
            }
        }
    }
    let out = out.ok_or("say where the weights go: --out FILE")?;
    let model = train(&examples, epochs, bits, 0x5eed);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("{out}: {} bytes", bytes.len());
    Ok(())
}
