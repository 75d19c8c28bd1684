//! `cargo xtask generate` killed at random points: the output folder is
//! always the complete old crate or the complete new one, and the user's
//! files survive.
//!
//! Two different crates (A and B, from two subsets of Microsoft Graph v1.0)
//! replace each other in one folder. Most runs are killed while the new
//! crate is being written (the test waits for the temporary folder to
//! appear, then waits a random few milliseconds); the others at a random
//! time anywhere in the run.

mod common;

use common::{root, snapshot};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 200;

/// The arguments that generate crate A or B into `out`.
fn command(which: usize, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.arg("generate")
        .arg(root().join("tests/corpus/graph/msgraph-v1.0-cleanMetadata.xml"))
        .arg("--out")
        .arg(out)
        .args(["--runtime-version", "0.1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if which == 0 {
        cmd.args(["--include", "microsoft.graph.user", "--closure", "navigation"]);
    } else {
        cmd.args(["--include", "microsoft.graph.security.alert", "--closure", "full"]);
    }
    cmd
}

/// A small deterministic generator (the seed is printed, so a failure can
/// be replayed).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

fn writing(parent: &Path) -> bool {
    fs::read_dir(parent)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().contains(".odata-codegen-")))
        .unwrap_or(false)
}

#[test]
fn killed_generations_leave_a_complete_crate() {
    let dir = root().join("target/kill-test");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    // What A and B are, generated without interruption.
    let mut expected = Vec::new();
    let mut durations = Vec::new();
    for which in 0..2 {
        let out = dir.join(format!("expected-{which}"));
        let started = Instant::now();
        assert!(command(which, &out).status().unwrap().success());
        durations.push(started.elapsed());
        expected.push(snapshot(&out));
    }
    assert_ne!(expected[0].keys().collect::<Vec<_>>(), expected[1].keys().collect::<Vec<_>>());

    let work = dir.join("work");
    fs::create_dir_all(&work).unwrap();
    let out = work.join("crate");
    assert!(command(0, &out).status().unwrap().success());
    let user_file = PathBuf::from("NOTES.md");
    fs::write(out.join(&user_file), "the user's file\n").unwrap();

    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    println!("seed {seed}");
    let mut rng = Lcg(seed);
    let mut current = 0;
    let (mut while_writing, mut before_writing, mut completed) = (0, 0, 0);
    for run in 0..RUNS {
        let next = 1 - current;
        let mut child = command(next, &out).spawn().unwrap();
        let started = Instant::now();
        let mut saw_writing = false;
        if run % 4 == 3 {
            // Anywhere in the run.
            let limit = durations[next].as_micros() as u64 + 20_000;
            std::thread::sleep(Duration::from_micros(rng.below(limit)));
        } else {
            // While writing: once the temporary folder exists.
            while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(60) {
                if writing(&work) {
                    saw_writing = true;
                    break;
                }
                std::thread::sleep(Duration::from_micros(50));
            }
            std::thread::sleep(Duration::from_micros(rng.below(8_000)));
        }
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let status = child.wait().unwrap();
        let mut found = snapshot(&out);
        assert_eq!(
            found.remove(&user_file).as_deref(),
            Some(&b"the user's file\n"[..]),
            "run {run}: the user's file is gone (seed {seed})"
        );
        let is = expected.iter().position(|e| *e == found);
        let Some(is) = is else {
            let missing: Vec<_> = expected[next].keys().filter(|k| !found.contains_key(*k)).take(5).collect();
            panic!("run {run}: the folder is neither crate (seed {seed}); missing from the new one: {missing:?}");
        };
        if finished || status.success() {
            completed += 1;
            assert_eq!(is, next, "run {run}: finished, so the new crate must be there");
        } else if saw_writing {
            while_writing += 1;
        } else {
            before_writing += 1;
        }
        current = is;
    }
    println!(
        "{RUNS} runs: {while_writing} killed while writing, {before_writing} killed earlier, {completed} finished; \
         every time the folder held a complete crate"
    );
    assert!(while_writing >= RUNS / 3, "too few kills landed while writing: {while_writing}");
    // The next run cleans up what the killed ones left beside the folder.
    assert!(command(1 - current, &out).status().unwrap().success());
    assert!(!writing(&work), "temporary folders were left behind");
}
