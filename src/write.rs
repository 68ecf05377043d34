//! Write stage: rendered files in, the output folder on disk out.
//!
//! The whole site is written into a staging folder beside the output, then
//! swapped in with two renames, so a failed build never leaves a half-written
//! site: the previous output stays as it was until the new one is complete.

use crate::render::OutputFile;
use rayon::prelude::*;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Writes `files` to `output` atomically (stage, then swap).
pub fn write_site(files: &[OutputFile], output: &Path) -> io::Result<()> {
    for file in files {
        safe_relative(&file.path)?;
    }
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    std::fs::create_dir_all(&staging)?;
    let result = files.par_iter().try_for_each(|file| {
        let path = staging.join(safe_relative(&file.path)?);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, &file.bytes)
    });
    if let Err(error) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_output = output.exists();
    if had_output {
        std::fs::rename(output, &old)?;
    }
    if let Err(error) = std::fs::rename(&staging, output) {
        if had_output {
            let _ = std::fs::rename(&old, output);
        }
        return Err(error);
    }
    if had_output {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// Checks that `path` stays inside the output folder: relative, no `..`, no root.
pub fn safe_relative(path: &str) -> io::Result<PathBuf> {
    let candidate = Path::new(path);
    let safe = !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && candidate
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(candidate.to_path_buf())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {path:?}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_output() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(safe_relative(bad).is_err(), "{bad:?} should be refused");
        }
        for good in ["index.html", "people/x/index.html", "data/sources.json"] {
            assert!(safe_relative(good).is_ok(), "{good:?} should be accepted");
        }
    }

    #[test]
    fn swaps_in_the_new_site_and_keeps_the_old_one_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        write_site(&[OutputFile::new("a.html", "one")], &output).unwrap();
        write_site(&[OutputFile::new("b.html", "two")], &output).unwrap();
        assert!(!output.join("a.html").exists());
        assert_eq!(
            std::fs::read_to_string(output.join("b.html")).unwrap(),
            "two"
        );
        let failed = write_site(
            &[
                OutputFile::new("c.html", "3"),
                OutputFile::new("../evil", "x"),
            ],
            &output,
        );
        assert!(failed.is_err());
        assert_eq!(
            std::fs::read_to_string(output.join("b.html")).unwrap(),
            "two"
        );
        assert!(!dir.path().join("evil").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }
}
