//! Integration tests of the clean stage: the five seed texts and the invented
//! fixtures in `tests/fixtures/articles/` in, expectations about the
//! resulting articles out.

use backstory::clean::{clean, Article, CleanOptions};

fn seed(name: &str) -> String {
    let path = format!("{}/content/sources/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn dump(article: &Article) {
    println!("TITLE {:?}\nDEK {:?}\nAUTHORS {:?}\nDATE {:?}\nPUB {:?}", article.title, article.dek, article.authors, article.date, article.publication);
    for block in &article.blocks {
        println!("[{:?} L{} credit={:?}] {}", block.kind, block.line, block.credit, block.text);
    }
    for removed in &article.removed {
        println!("  - L{} {} :: {}", removed.line, removed.reason, removed.text);
    }
}

#[test]
#[ignore = "prints the cleaned seeds for eyeballing"]
fn dump_seeds() {
    for entry in std::fs::read_dir(format!("{}/content/sources", env!("CARGO_MANIFEST_DIR"))).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            println!("\n===== {}", path.display());
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            dump(&clean(&seed(&name), &CleanOptions::default()));
        }
    }
}
