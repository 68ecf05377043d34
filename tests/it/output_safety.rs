//! The output folder is Backstory's alone: a build never deletes a folder or a
//! file it did not make, builds through a symbolic link, keeps the old or the
//! new site whole whenever it is killed, cleans up after killed builds, and
//! never runs twice into one folder (issue 22, items 1 to 6).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const MARKER: &str = ".backstory-output";

/// A copy of the repository's own site in a temporary folder.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        Site {
            dir: common::repo_site(),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_backstory"));
        command
            .arg(args[0])
            .arg("--root")
            .arg(self.root())
            .args(&args[1..]);
        command.stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Sets the home page's text to one of two versions, so two builds differ.
    fn home_version(&self, version: usize) {
        let home = self.path("content/_index.md");
        let text = std::fs::read_to_string(&home).unwrap();
        let base = text.split("\n\nVersion ").next().unwrap().to_string();
        std::fs::write(home, format!("{base}\n\nVersion {version} of this page.\n")).unwrap();
    }
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_ok(output: &Output) {
    assert!(output.status.success(), "{}", stderr(output));
}

fn assert_refused(output: &Output, words: &[&str]) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    let text = stderr(output);
    for word in words {
        assert!(text.contains(word), "{word:?} not in:\n{text}");
    }
}

#[test]
fn an_existing_folder_backstory_did_not_make_is_refused_until_forced() {
    let site = Site::new();
    let important = site.path("important");
    std::fs::create_dir(&important).unwrap();
    std::fs::write(important.join("notes.txt"), "my notes").unwrap();

    let refused = site.run(&[
        "build",
        "--output",
        important.to_str().unwrap(),
        "--no-search",
    ]);
    assert_refused(&refused, &["important", "--force"]);
    assert_eq!(names(&important), ["notes.txt"]);
    assert_eq!(
        names(site.root()),
        ["content", "important", "site.toml"],
        "nothing made beside it"
    );

    let forced = site.run(&[
        "build",
        "--output",
        important.to_str().unwrap(),
        "--no-search",
        "--force",
    ]);
    assert_ok(&forced);
    assert!(!important.join("notes.txt").exists());
    assert!(important.join(MARKER).is_file());
    // Taken over, the folder is ours: the next build needs no --force.
    assert_ok(&site.run(&[
        "build",
        "--output",
        important.to_str().unwrap(),
        "--no-search",
    ]));
}

#[test]
fn an_empty_existing_folder_is_built_into() {
    let site = Site::new();
    let empty = site.path("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_ok(&site.run(&["build", "--output", empty.to_str().unwrap(), "--no-search"]));
    assert!(empty.join("index.html").is_file());
}

#[test]
fn an_output_path_that_is_a_file_is_refused_before_anything_is_touched() {
    let site = Site::new();
    let before = common::tree(site.root());
    let config = site.path("site.toml");
    let refused = site.run(&["build", "--output", config.to_str().unwrap(), "--no-search"]);
    assert_refused(&refused, &["site.toml", "is a file"]);
    assert_eq!(common::tree(site.root()), before);
    assert_eq!(names(site.root()), ["content", "site.toml"]);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_output_is_built_through_to_its_target() {
    let site = Site::new();
    let deploy = tempfile::tempdir().unwrap();
    let target = deploy.path().join("www");
    std::fs::create_dir(&target).unwrap();
    let link = site.path("public");
    std::os::unix::fs::symlink(&target, &link).unwrap();

    site.home_version(1);
    assert_ok(&site.run(&["build", "--no-search"]));
    site.home_version(2);
    assert_ok(&site.run(&["build", "--no-search"]));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let home = std::fs::read_to_string(target.join("index.html")).unwrap();
    assert!(
        home.contains("Version 2 of this page"),
        "the link's target has the new site"
    );
    assert_eq!(
        names(deploy.path()),
        ["www"],
        "no staging left beside the target"
    );

    // A link to nowhere is refused, and left as it is.
    std::fs::remove_dir_all(&target).unwrap();
    let refused = site.run(&["build", "--no-search"]);
    assert_refused(&refused, &["public", "symbolic link", "does not exist"]);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn a_folder_that_is_not_a_site_builds_nothing_over_a_good_site() {
    let site = Site::new();
    assert_ok(&site.run(&["build", "--no-search"]));
    let built = common::tree(&site.path("public"));

    std::fs::rename(site.path("site.toml"), site.path("site.toml.bak")).unwrap();
    assert_refused(&site.run(&["build", "--no-search"]), &["site.toml"]);
    assert_refused(&site.run(&["check"]), &["site.toml"]);
    assert_eq!(common::tree(&site.path("public")), built);
    std::fs::rename(site.path("site.toml.bak"), site.path("site.toml")).unwrap();

    std::fs::rename(site.path("content"), site.path("content.bak")).unwrap();
    std::fs::write(site.path("content"), "not a folder").unwrap();
    assert_refused(
        &site.run(&["build", "--no-search"]),
        &["content", "not a folder"],
    );
    std::fs::remove_file(site.path("content")).unwrap();
    assert_refused(&site.run(&["build", "--no-search"]), &["content/"]);
    assert_eq!(common::tree(&site.path("public")), built);
}

#[test]
fn a_second_build_into_a_folder_in_use_is_refused_naming_the_other() {
    let site = Site::new();
    let mut watch = site
        .command(&["watch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_line(&mut watch, "watching");
    let refused = site.run(&["build", "--no-search"]);
    let _ = watch.kill();
    let _ = watch.wait();
    assert_refused(&refused, &["public", "process", &watch.id().to_string()]);
    // With the other gone, its lock went with it.
    assert_ok(&site.run(&["build", "--no-search"]));
}

/// Reads `child`'s standard output until a line containing `wanted`.
fn wait_for_line(child: &mut Child, wanted: &str) {
    use std::io::BufRead;
    let stdout = child.stdout.take().unwrap();
    for line in std::io::BufReader::new(stdout).lines() {
        if line.unwrap().contains(wanted) {
            return;
        }
    }
    panic!("the process ended without printing {wanted:?}");
}

#[test]
fn leftovers_of_killed_builds_are_removed_but_not_look_alikes() {
    let site = Site::new();
    let ours = site.path(".public.staging-999999");
    std::fs::create_dir(&ours).unwrap();
    std::fs::write(ours.join(MARKER), "").unwrap();
    std::fs::write(ours.join("index.html"), "half a site").unwrap();
    let theirs = site.path(".public.old-999998");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("keep.txt"), "not Backstory's").unwrap();
    assert_ok(&site.run(&["build", "--no-search"]));
    assert!(!ours.exists());
    assert_eq!(names(&theirs), ["keep.txt"]);
}

/// Kills builds at random moments, alternating two versions of the site, and
/// checks after each kill that the output is one whole site, the old or the
/// new, and that the next build leaves nothing else beside it.
#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_site_whole() {
    let site = Site::new();
    let mut whole = Vec::new();
    let mut took = Duration::ZERO;
    for version in [0, 1] {
        site.home_version(version);
        let started = Instant::now();
        assert_ok(&site.run(&["build", "-q"]));
        took = took.max(started.elapsed());
        whole.push(common::tree(&site.path("public")));
    }
    assert_ne!(whole[0], whole[1]);
    let mut random = Lcg(std::process::id() as u64);
    // Kills are counted only when they land inside a build; each delay is a
    // share of the last whole build's time, which follows the machine's load.
    let (wanted, most_rounds) = (12, 60);
    let (mut killed_mid_build, mut round) = (0, 0);
    while killed_mid_build < wanted && round < most_rounds {
        let version = round % 2;
        site.home_version(version);
        let delay = took.mul_f64(random.fraction());
        let mut build = site
            .command(&["build", "-q"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = build.kill();
        let status = build.wait().unwrap();
        killed_mid_build += usize::from(!status.success());
        let output = common::tree(&site.path("public"));
        assert!(
            output == whole[0] || output == whole[1],
            "round {round}, killed after {delay:?}: the output is neither site whole"
        );
        let started = Instant::now();
        assert_ok(&site.run(&["build", "-q"]));
        took = started.elapsed();
        assert!(
            common::tree(&site.path("public")) == whole[version],
            "round {round}"
        );
        assert_eq!(names(site.root()), ["content", "public", "site.toml"]);
        round += 1;
    }
    eprintln!("{round} rounds, {killed_mid_build} builds killed before they finished");
    assert_eq!(
        killed_mid_build, wanted,
        "too few kills landed inside a build"
    );
}

/// A small linear congruential generator: the test needs varied kill
/// moments, not good randomness, and no new dependency.
struct Lcg(u64);

impl Lcg {
    fn fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}
