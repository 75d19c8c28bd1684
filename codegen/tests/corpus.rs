//! Every document of `tests/corpus/` (real metadata of real services):
//! the generator does what `tests/corpus/EXPECTATIONS` says, and every
//! generated crate passes `cargo check` with warnings denied; the crates
//! of the two largest documents and of Microsoft Graph v1.0 also pass
//! `cargo doc` with warnings denied.
//!
//! All documents are generated and checked before anything is asserted, so
//! one run reports every failing document by name. The generated crates
//! live in `target/corpus-check/` as one workspace checked by one `cargo`
//! run, in the target directory the other nested checks share
//! (`support::nested_target`): their dependencies build once, and a second
//! run only checks what changed.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use odata_codegen::{Config, RuntimeDependency};

/// A document whose crate is documented with `cargo doc` beside the two
/// largest: Graph v1.0, the service this generator is first measured on.
const DOC_CHECKED: &str = "graph/msgraph-v1.0-cleanMetadata.xml";

/// How many of the largest generated documents are documented too.
const LARGEST_DOCUMENTED: usize = 2;

#[derive(Debug, PartialEq, Eq)]
enum Expected {
    Ok,
    Error(String),
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn expectations(corpus: &Path) -> BTreeMap<String, Expected> {
    let text = fs::read_to_string(corpus.join("EXPECTATIONS")).unwrap();
    let mut map = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut parts = line.split_whitespace();
        let (document, result) = (parts.next().unwrap(), parts.next().expect("a result after the document"));
        let expected = if result == "ok" { Expected::Ok } else { Expected::Error(result.to_owned()) };
        assert!(map.insert(document.to_owned(), expected).is_none(), "{document} is listed twice");
    }
    map
}

fn documents(dir: &Path, base: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            documents(&path, base, out);
        } else if !matches!(path.file_name().and_then(|n| n.to_str()), Some("SOURCES.md" | "EXPECTATIONS")) {
            out.push(path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The package name of a document's crate.
fn slug(document: &str) -> String {
    let mut s = String::from("corpus-");
    for c in document.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_owned()
}

#[test]
fn corpus() {
    let root = root();
    let corpus = root.join("tests/corpus");
    let out = root.join("target/corpus-check");
    let crates = out.join("crates");
    fs::create_dir_all(&crates).unwrap();
    let expected = expectations(&corpus);
    let mut found = Vec::new();
    documents(&corpus, &corpus, &mut found);
    found.sort();

    let mut failures: Vec<String> = Vec::new();
    let mut table: Vec<(String, String)> = Vec::new();
    for document in &found {
        if !expected.contains_key(document) {
            failures.push(format!("{document}: not listed in tests/corpus/EXPECTATIONS"));
        }
    }
    for listed in expected.keys() {
        if !found.contains(listed) {
            failures.push(format!("{listed}: listed in EXPECTATIONS but not in tests/corpus"));
        }
    }

    let mut packages: BTreeMap<String, String> = BTreeMap::new();
    for (document, want) in &expected {
        if !found.contains(document) {
            continue;
        }
        let name = slug(document);
        let config = Config {
            crate_name: name.clone(),
            source_name: Path::new(document).file_name().unwrap().to_string_lossy().into_owned(),
            runtime: RuntimeDependency::Path("../../../../runtime".into()),
            standalone: false,
            ..Config::default()
        };
        let result = odata_codegen::generate(&corpus.join(document), &config);
        match (result, want) {
            (Ok(generation), Expected::Ok) => {
                let dir = crates.join(&name);
                fs::create_dir_all(&dir).unwrap();
                odata_codegen::write::write(&dir, &generation.files).unwrap();
                let warnings = generation.diagnostics.warnings().count();
                table.push((
                    document.clone(),
                    format!("generated ({} files, {warnings} warnings)", generation.files.len()),
                ));
                packages.insert(name, document.clone());
            }
            (Ok(_), Expected::Error(code)) => {
                failures.push(format!("{document}: expected {code}, but generation succeeded"));
                table.push((document.clone(), "generated, but should fail".into()));
            }
            (Err(failure), Expected::Ok) => {
                failures.push(format!("{document}: generation failed:\n{}", failure.render()));
                table.push((document.clone(), "FAILED to generate".into()));
            }
            (Err(failure), Expected::Error(code)) => {
                let codes: Vec<&str> = failure.diagnostics.errors().map(|d| d.code).collect();
                if codes.first() != Some(&code.as_str()) {
                    failures.push(format!("{document}: expected {code}, got {codes:?}:\n{}", failure.render()));
                }
                table.push((document.clone(), format!("refused: {}", codes.join(", "))));
            }
        }
    }
    // Crates of documents that are gone or no longer generate.
    for entry in fs::read_dir(&crates).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !packages.contains_key(&name) {
            fs::remove_dir_all(&path).unwrap();
        }
    }
    fs::write(out.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"crates/*\"]\n").unwrap();
    // The same dependency versions as the project's own build.
    fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();

    let check = support::nested_cargo()
        .current_dir(&out)
        .args(["check", "--workspace", "--keep-going", "--message-format=short"])
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&check.stderr);
    let mut failed_packages = Vec::new();
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix("error: could not compile `") {
            let package = rest.split('`').next().unwrap_or_default().to_owned();
            failed_packages.push(package);
        }
    }
    for package in &failed_packages {
        let document = packages.get(package).cloned().unwrap_or_else(|| package.clone());
        let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(&format!("crates/{package}/"))).take(10).collect();
        failures.push(format!("{document}: the generated crate does not pass `cargo check`:\n{}", errors.join("\n")));
    }
    if !check.status.success() && failed_packages.is_empty() {
        failures.push(format!("cargo check failed ({}):\n{}", check.status, cargo_problems(&stderr)));
    }
    for (document, result) in &mut table {
        if let Some(package) = packages.iter().find(|(_, d)| *d == document).map(|(p, _)| p) {
            let ok = !failed_packages.contains(package);
            result.push_str(if ok { ", cargo check ok" } else { ", cargo check FAILED" });
        }
    }

    // The largest documents that generated, and Graph v1.0.
    let mut by_size: Vec<(u64, &String)> =
        packages.values().map(|d| (fs::metadata(corpus.join(d)).map_or(0, |m| m.len()), d)).collect();
    by_size.sort_by(|a, b| b.cmp(a));
    let mut documented: Vec<&String> = by_size.iter().take(LARGEST_DOCUMENTED).map(|(_, d)| *d).collect();
    match packages.values().find(|d| d.as_str() == DOC_CHECKED) {
        Some(graph) if !documented.contains(&graph) => documented.push(graph),
        Some(_) => {}
        None => failures.push(format!("{DOC_CHECKED} is not in the corpus, or did not generate")),
    }
    let mut doc = support::nested_cargo();
    doc.current_dir(&out).args(["doc", "--no-deps"]);
    for document in &documented {
        let package = packages.iter().find(|(_, d)| d == document).map(|(p, _)| p).expect("a package per document");
        doc.args(["--package", package]);
    }
    let doc = doc.output().expect("cargo runs");
    if !doc.status.success() {
        let stderr = String::from_utf8_lossy(&doc.stderr);
        failures.push(format!("`cargo doc` of {documented:?} failed ({}):\n{}", doc.status, cargo_problems(&stderr)));
    } else {
        for (document, result) in &mut table {
            if documented.contains(&&*document) {
                result.push_str(", cargo doc ok");
            }
        }
    }

    // The problems first: a log cut short still shows them.
    if !failures.is_empty() {
        println!("{} corpus problem(s):\n\n{}\n", failures.len(), failures.join("\n\n"));
    }
    println!("{:<75} result", "document");
    for (document, result) in &table {
        println!("{document:<75} {result}");
    }
    assert!(failures.is_empty(), "{} corpus problem(s):\n\n{}", failures.len(), failures.join("\n\n"));
}

/// What cargo printed, without its progress lines (one per crate of the
/// corpus), at most 40 lines of it.
fn cargo_problems(stderr: &str) -> String {
    let progress = ["Checking ", "Compiling ", "Documenting ", "Finished ", "Generated ", "Blocking "];
    let lines: Vec<&str> =
        stderr.lines().filter(|l| !progress.iter().any(|p| l.trim_start().starts_with(p))).take(40).collect();
    lines.join("\n")
}

/// The same input gives the same bytes: Graph v1.0, the largest document,
/// generated twice in one process (its files are formatted on several
/// threads, which finish in a different order each time), and the manifest
/// lists the files by path.
#[test]
fn graph_output_is_deterministic() {
    let input = root().join("tests/corpus").join(DOC_CHECKED);
    let config = Config { crate_name: "graph".into(), ..Default::default() };
    let first = odata_codegen::generate(&input, &config).expect("Graph generates");
    let second = odata_codegen::generate(&input, &config).expect("Graph generates");
    assert_eq!(first.files.len(), second.files.len());
    for (a, b) in first.files.iter().zip(&second.files) {
        assert_eq!(a.path, b.path);
        assert!(a.text == b.text, "{} differs between two generations", a.path);
    }
    let manifest = first.files.iter().find(|f| f.path == ".odata-codegen-files").expect("a manifest");
    let listed: Vec<&str> = manifest.text.lines().skip(1).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(listed, sorted, "the manifest lists files by path");
    assert_eq!(listed.len(), first.files.len() - 1, "the manifest lists every other file");
}
