//! Replacing a crate folder as a whole.
//!
//! The new crate is built in a folder beside the old one: files that do
//! not change (and every file the generator does not own) are hard links
//! to the old ones, so their timestamps stay and cargo does not rebuild
//! them; changed files are written fresh. Then the two folders are
//! exchanged in one `renameat2(RENAME_EXCHANGE)`, so a process killed at
//! any moment leaves either the complete old crate or the complete new one
//! at the output path. The old crate is removed last.
//!
//! `target/` at the top of the output folder (a build cache, when someone
//! builds the crate in place) is not copied: it is moved into the new
//! folder after the exchange. Leftovers of an interrupted run are cleaned
//! up (and a moved-away `target/` put back) by the next run.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The marker in the names of the temporary folders beside the output.
const TAG: &str = ".odata-codegen-";

/// `<parent>/.<name>.odata-codegen-<role>-<pid>`.
fn sibling(out_dir: &Path, role: &str) -> io::Result<PathBuf> {
    let name = out_dir.file_name().ok_or_else(|| io::Error::other("the output folder has no name"))?;
    let parent = out_dir.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{}{TAG}{role}-{}", name.to_string_lossy(), std::process::id())))
}

/// Folders an interrupted run left beside `out_dir`, with their role.
fn leftovers(out_dir: &Path) -> Vec<(PathBuf, String)> {
    let (Some(name), Some(parent)) = (out_dir.file_name(), out_dir.parent()) else { return Vec::new() };
    let prefix = format!(".{}{TAG}", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else { continue };
        let Some((role, pid)) = rest.rsplit_once('-') else { continue };
        // A run that is still going owns its folders.
        if pid.parse::<u32>().is_ok_and(|pid| pid != std::process::id() && process_alive(pid)) {
            continue;
        }
        found.push((entry.path(), role.to_owned()));
    }
    found.sort();
    found
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    false
}

/// Puts back what an interrupted run left: the old crate if it was moved
/// away and not replaced, the build cache if it was not moved back; then
/// removes the rest.
pub fn recover(out_dir: &Path) -> io::Result<()> {
    for (path, role) in leftovers(out_dir) {
        if !out_dir.exists() && role == "old" {
            fs::rename(&path, out_dir)?;
            continue;
        }
        let cache = path.join("target");
        if out_dir.exists() && cache.is_dir() && !out_dir.join("target").exists() {
            fs::rename(&cache, out_dir.join("target"))?;
        }
        fs::remove_dir_all(&path)?;
    }
    Ok(())
}

/// Exchanges two paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both are valid NUL-terminated paths; renameat2 reads them.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// Replaces `out_dir` by `new_dir`: atomically where the system can
/// exchange two folders, else with two renames (a killed run is repaired
/// by [`recover`]). Returns the path the old crate is at now.
fn swap(new_dir: &Path, out_dir: &Path) -> io::Result<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        match exchange(new_dir, out_dir) {
            Ok(()) => return Ok(new_dir.to_path_buf()),
            // Some file systems cannot exchange; fall back.
            Err(e) if e.raw_os_error() == Some(libc::EINVAL) || e.raw_os_error() == Some(libc::ENOSYS) => {}
            Err(e) => return Err(e),
        }
    }
    let old = sibling(out_dir, "old")?;
    fs::rename(out_dir, &old)?;
    fs::rename(new_dir, out_dir)?;
    Ok(old)
}

/// What to put in the new crate.
pub struct Plan<'a> {
    /// Files to write, relative path and content.
    pub write: Vec<(&'a str, &'a [u8])>,
    /// Relative paths of old files to leave out.
    pub drop: BTreeSet<String>,
}

/// Builds the new crate beside `out_dir` and swaps it in.
pub fn replace(out_dir: &Path, plan: &Plan) -> io::Result<()> {
    let new_dir = sibling(out_dir, "new")?;
    if new_dir.exists() {
        fs::remove_dir_all(&new_dir)?;
    }
    fs::create_dir_all(&new_dir)?;
    let written: BTreeSet<&str> = plan.write.iter().map(|(p, _)| *p).collect();
    if out_dir.exists() {
        mirror(out_dir, &new_dir, Path::new(""), &written, &plan.drop)?;
    }
    for (path, text) in &plan.write {
        let target = new_dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, text)?;
    }
    if !out_dir.exists() {
        if let Some(parent) = out_dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        return fs::rename(&new_dir, out_dir);
    }
    prune_empty(&new_dir, &plan.drop);
    let old = swap(&new_dir, out_dir)?;
    if old.join("target").is_dir() && !out_dir.join("target").exists() {
        fs::rename(old.join("target"), out_dir.join("target"))?;
    }
    fs::remove_dir_all(&old)
}

/// Links (or copies) the files of `from/rel` into `to/rel`, leaving out
/// the ones that will be written and the dropped ones, and the top-level
/// `target/`.
fn mirror(from: &Path, to: &Path, rel: &Path, written: &BTreeSet<&str>, drop: &BTreeSet<String>) -> io::Result<()> {
    let mut stack = vec![rel.to_path_buf()];
    while let Some(rel) = stack.pop() {
        for entry in fs::read_dir(from.join(&rel))? {
            let entry = entry?;
            let child = rel.join(entry.file_name());
            let key = child.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if key == "target" || written.contains(key.as_str()) || drop.contains(&key) {
                continue;
            }
            let kind = entry.file_type()?;
            let (source, dest) = (from.join(&child), to.join(&child));
            if kind.is_dir() {
                fs::create_dir_all(&dest)?;
                stack.push(child);
            } else if kind.is_symlink() {
                #[cfg(unix)]
                std::os::unix::fs::symlink(fs::read_link(&source)?, &dest)?;
                #[cfg(not(unix))]
                fs::copy(&source, &dest).map(|_| ())?;
            } else if fs::hard_link(&source, &dest).is_err() {
                fs::copy(&source, &dest)?;
            }
        }
    }
    Ok(())
}

/// Removes folders under `dir` that hold nothing (after files were
/// dropped), deepest first, except `dir` itself.
fn prune_empty(dir: &Path, candidates: &BTreeSet<String>) {
    let mut folders: Vec<PathBuf> = candidates
        .iter()
        .filter_map(|p| Path::new(p).parent().map(Path::to_path_buf))
        .flat_map(|p| p.ancestors().map(Path::to_path_buf).collect::<Vec<_>>())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    folders.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    folders.dedup();
    for folder in folders {
        let _ = fs::remove_dir(dir.join(folder));
    }
}
