//! Bad and hostile metadata: every document of `tests/hostile/` (written
//! for this suite, and the shared corpus's `edge/` documents) runs through
//! `cargo xtask generate`; the exit status and every error code and
//! location must be what its `.expect` file says, the run must end quickly,
//! and an existing output folder must keep every byte.
//!
//! An `.expect` file has a `# why` line, an optional `args ...` line (extra
//! flags, such as `--strict`), `exit N`, and one `CODE line:col` line per
//! error, in the order the generator reports them.

mod common;

use common::{root, snapshot};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The longest a refusal may take (debug build, loaded machine).
const TIME_LIMIT: Duration = Duration::from_secs(30);

struct Expect {
    args: Vec<String>,
    exit: i32,
    errors: Vec<String>,
}

fn expectation(path: &Path) -> Expect {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut expect = Expect { args: Vec::new(), exit: -1, errors: Vec::new() };
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        if let Some(args) = line.strip_prefix("args ") {
            expect.args = args.split_whitespace().map(str::to_owned).collect();
        } else if let Some(code) = line.strip_prefix("exit ") {
            expect.exit = code.trim().parse().unwrap();
        } else {
            expect.errors.push(line.trim().to_owned());
        }
    }
    expect
}

/// Runs `xtask generate`, killing it after `TIME_LIMIT`. Returns exit
/// status, stderr, and how long it took.
fn generate(input: &Path, out: &Path, args: &[String]) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("generate")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(["--message-format", "short"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read stderr on a thread, so a long report cannot block the child.
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut pipe, &mut text).unwrap();
        text
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = reader.join().unwrap();
    (status.and_then(|s| s.code()), stderr, started.elapsed())
}

/// `CODE line:col` of every located error in short-format output, and
/// `CODE -` for errors without a location.
fn errors_of(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|line| {
            if let Some(rest) = line.strip_prefix("error[") {
                return Some(format!("{} -", rest.split(']').next()?));
            }
            let (head, rest) = line.split_once(": error[")?;
            let code = rest.split(']').next()?;
            let mut parts = head.rsplitn(3, ':');
            let col = parts.next()?;
            let line_no = parts.next()?;
            Some(format!("{code} {line_no}:{col}"))
        })
        .collect()
}

fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            documents(&path, out);
        } else if !path.to_string_lossy().ends_with(".expect") && path.extension().is_none_or(|e| e != "md") {
            out.push(path);
        }
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("hostile-test").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// An existing crate with a file of the user's, which a failed generation
/// must leave exactly as it is.
fn existing_crate(dir: &Path) -> PathBuf {
    let out = dir.join("crate");
    let (status, stderr, _) = generate(&root().join("schemas/seed.xml"), &out, &[]);
    assert_eq!(status, Some(0), "{stderr}");
    fs::write(out.join("NOTES.md"), "the user's file\n").unwrap();
    out
}

#[test]
fn bad_documents_are_refused_with_located_errors() {
    let dir = scratch("documents");
    let out = existing_crate(&dir);
    let before = snapshot(&out);
    let mut docs = Vec::new();
    documents(&root().join("tests/hostile"), &mut docs);
    docs.sort();
    let mut failures = Vec::new();
    let mut refused = 0;
    let mut slowest = Duration::ZERO;
    for doc in &docs {
        let name = doc.strip_prefix(root()).unwrap().display().to_string();
        let expect_path = PathBuf::from(format!("{}.expect", doc.display()));
        if !expect_path.exists() {
            failures.push(format!("{name}: no .expect file"));
            continue;
        }
        let expect = expectation(&expect_path);
        // A document that is accepted writes a crate of its own.
        let target = if expect.exit == 0 { dir.join("accepted") } else { out.clone() };
        let (status, stderr, took) = generate(doc, &target, &expect.args);
        slowest = slowest.max(took);
        let Some(status) = status else {
            failures.push(format!("{name}: not done after {TIME_LIMIT:?}"));
            continue;
        };
        if status != expect.exit {
            failures.push(format!("{name}: exit {status}, expected {}:\n{stderr}", expect.exit));
        }
        let errors = errors_of(&stderr);
        if errors != expect.errors {
            failures.push(format!("{name}: errors {errors:?}, expected {:?}:\n{stderr}", expect.errors));
        }
        if expect.exit != 0 {
            refused += 1;
            if snapshot(&out) != before {
                failures.push(format!("{name}: the output folder changed"));
            }
        }
    }
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("odata-codegen"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left beside the output: {leftovers:?}");
    println!("{} documents, {refused} refused, slowest {slowest:?}", docs.len());
    assert!(refused >= 40, "the suite should have at least 40 bad documents, has {refused}");
    assert!(failures.is_empty(), "{} problem(s):\n\n{}", failures.len(), failures.join("\n\n"));
}

/// Peak resident memory of all waited-for children, in kilobytes.
#[cfg(target_os = "linux")]
fn children_peak_kb() -> i64 {
    // SAFETY: getrusage only fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}

/// Resource limits on documents too big to commit: a 100 MB attribute,
/// and elements nested a million deep. Both are refused quickly, with
/// memory bounded by the size of the document.
#[test]
fn oversized_documents_are_refused_quickly() {
    let dir = scratch("oversized");
    let out = existing_crate(&dir);
    let before = snapshot(&out);
    let open = "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema Namespace=\"Big\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">";
    let close = "</Schema></edmx:DataServices></edmx:Edmx>";
    let mut big = String::with_capacity(101 << 20);
    big.push_str(open);
    big.push_str("<ComplexType Name=\"a\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"");
    big.extend(std::iter::repeat_n('x', 100 << 20));
    big.push_str("\"/></ComplexType>");
    big.push_str(close);
    let big_path = dir.join("big-attribute.xml");
    fs::write(&big_path, &big).unwrap();
    drop(big);
    let (status, stderr, took) = generate(&big_path, &out, &[]);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(errors_of(&stderr).first().is_some_and(|e| e.starts_with("E0007 1:")), "{stderr}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    #[cfg(target_os = "linux")]
    {
        let peak_mb = children_peak_kb() / 1024;
        assert!(peak_mb < 400, "peak memory {peak_mb} MB for a 100 MB document");
        println!("100 MB attribute: refused in {took:?}, peak memory {peak_mb} MB");
    }
    let mut deep = String::from(open);
    deep.push_str("<ComplexType Name=\"a\">");
    deep.push_str(&"<Annotation Term=\"a.b\">".repeat(1_000_000));
    let deep_path = dir.join("million-deep.xml");
    fs::write(&deep_path, &deep).unwrap();
    let (status, stderr, took) = generate(&deep_path, &out, &[]);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(errors_of(&stderr).first().is_some_and(|e| e.starts_with("E0007 1:")), "{stderr}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    println!("a million levels: refused in {took:?}");
    assert!(snapshot(&out) == before, "the output folder changed");
}
