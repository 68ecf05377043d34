//! The watcher on a real folder: a burst of changes (as from `git checkout`)
//! is handed on as one batch, editor scratch files are ignored.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// An empty site in a new temporary folder, and its root.
fn empty_site() -> (tempfile::TempDir, PathBuf) {
    let site = tempfile::tempdir().unwrap();
    let root = site.path().to_path_buf();
    std::fs::create_dir_all(root.join("content/sources")).unwrap();
    std::fs::write(root.join("site.toml"), "title = \"t\"\n").unwrap();
    (site, root)
}

#[test]
fn a_burst_of_a_hundred_files_is_one_batch() {
    let (_site, root) = empty_site();
    // Prepared beside the site, then moved in quickly, the way a checkout lands files.
    let staging = tempfile::tempdir().unwrap();
    for n in 0..100 {
        std::fs::write(staging.path().join(format!("s{n:03}.txt")), "text\n").unwrap();
    }
    let (sender, batches) = mpsc::channel::<Vec<PathBuf>>();
    // Watching from the moment `new` returns: no sleep needed before the burst.
    let watcher = backstory::watch::Watcher::new(&root).unwrap();
    std::thread::spawn(move || {
        watcher.run(|paths| sender.send(paths).is_ok()).unwrap();
    });
    for n in 0..100 {
        let name = format!("s{n:03}.txt");
        let target = root.join("content/sources").join(&name);
        std::fs::rename(staging.path().join(&name), target).unwrap();
    }
    std::fs::write(root.join("content/sources/.s000.txt.swp"), "x").unwrap();
    std::fs::write(root.join("content/sources/s000.txt~"), "x").unwrap();
    let batch = batches.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(batch.len(), 100, "one batch holds the whole burst");
    assert!(batch
        .iter()
        .all(|p| p.extension().is_some_and(|e| e == "txt")));
    assert!(
        batches.recv_timeout(Duration::from_millis(500)).is_err(),
        "and no second rebuild follows"
    );
}

/// Work in progress when an edit lands (the JSON exports) can see the news
/// at once through `Watcher::news`; scratch files are no news, and handing
/// the change over to `run` clears it.
#[test]
fn a_relevant_change_is_news_until_it_is_handed_over() {
    let (_site, root) = empty_site();
    let watcher = backstory::watch::Watcher::new(&root).unwrap();
    let news = watcher.news();
    let (proceed, go) = mpsc::channel::<()>();
    let (sender, batches) = mpsc::channel::<Vec<PathBuf>>();
    std::thread::spawn(move || {
        watcher
            .run(|paths| {
                let more = sender.send(paths).is_ok();
                // Hold the handler until the test has looked at the flag.
                more && go.recv().is_ok()
            })
            .unwrap();
    });
    std::fs::write(root.join("content/sources/.a.txt.swp"), "x").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !news.load(std::sync::atomic::Ordering::Relaxed),
        "a swap file is no news"
    );

    std::fs::write(root.join("content/sources/a.txt"), "text\n").unwrap();
    let batch = batches.recv_timeout(Duration::from_secs(60)).unwrap();
    assert!(batch.iter().any(|p| p.ends_with("a.txt")), "{batch:?}");
    assert!(
        !news.load(std::sync::atomic::Ordering::Relaxed),
        "handed over, the change is no longer news"
    );
    // A second edit while the first is being handled is news straight away.
    std::fs::write(root.join("content/sources/b.txt"), "text\n").unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !news.load(std::sync::atomic::Ordering::Relaxed) {
        assert!(
            std::time::Instant::now() < deadline,
            "the edit never became news"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    proceed.send(()).unwrap();
    let batch = batches.recv_timeout(Duration::from_secs(60)).unwrap();
    assert!(batch.iter().any(|p| p.ends_with("b.txt")), "{batch:?}");
    proceed.send(()).unwrap();
}
