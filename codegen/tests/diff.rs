//! The metadata diff: a pair of documents made to cover each kind of
//! change (compared with `tests/diff/<case>/expected.txt`), and the two real
//! Graph v1.0 documents of the corpus (compared with counts).
//! `UPDATE_GOLDEN=1` rewrites the expectations.

use std::fs;
use std::path::{Path, PathBuf};

use odata_codegen::Input;
use odata_codegen::diff::{self, Impact};

fn resolve(path: &Path) -> odata_codegen::Resolved {
    odata_codegen::resolve_inputs(&[Input::File(path.to_path_buf())]).unwrap_or_else(|f| panic!("{f:?}"))
}

fn compare(path: &Path, actual: &str) {
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            fs::write(path, actual).unwrap();
        } else {
            panic!(
                "{} differs (UPDATE_GOLDEN=1 to accept):\n{}",
                path.display(),
                odata_codegen::write::short_diff(&expected, actual, 40)
            );
        }
    }
}

#[test]
fn every_kind_of_change_is_classified() {
    let dir = PathBuf::from("tests/diff/classified");
    let (old, new) = (resolve(&dir.join("old.xml")), resolve(&dir.join("new.xml")));
    let changes = diff::diff(&old.model, &new.model);
    compare(&dir.join("expected.txt"), &diff::render(&changes, &old.sources, &new.sources));
    let breaking: Vec<&str> =
        changes.iter().filter(|c| c.impact == Impact::Breaking).map(|c| c.name.as_str()).collect();
    for name in [
        "Diff.item/gone",
        "Diff.item/retyped",
        "Diff.item/tags",
        "Diff.item/removedNav",
        "Diff.item/parts",
        "Diff.keyed",
        "Diff.leaf",
        "Diff.removedType",
        "Diff.color/green",
        "Diff.color/blue",
        "Diff.part",
        "Diff.Service/oldSet",
    ] {
        assert!(breaking.contains(&name), "{name} should be breaking: {breaking:?}");
    }
    // Single values are `Option<T>` either way: not breaking.
    assert!(!changes.iter().any(|c| c.name == "Diff.item/nullableNow"), "{changes:?}");
    let added: Vec<&str> = changes.iter().filter(|c| c.impact == Impact::Addition).map(|c| c.name.as_str()).collect();
    for name in ["Diff.item/fresh", "Diff.item/newNav", "Diff.specialPart", "Diff.color/purple", "Diff.Service/newSet"]
    {
        assert!(added.contains(&name), "{name} should be an addition: {added:?}");
    }
    // The same document: no change.
    assert!(diff::diff(&old.model, &resolve(&dir.join("old.xml")).model).is_empty());
}

#[test]
fn graph_2023_to_current() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/graph");
    let old = resolve(&corpus.join("msgraph-v1.0-cleanMetadataWithDescriptionsAndAnnotations-2023-05-09.xml"));
    let new = resolve(&corpus.join("msgraph-v1.0-cleanMetadata.xml"));
    let changes = diff::diff(&old.model, &new.model);
    let mut counts = std::collections::BTreeMap::new();
    for c in &changes {
        let label = match c.impact {
            Impact::Breaking => "breaking",
            Impact::Addition => "added",
        };
        *counts.entry(format!("{label}: {}", c.what.split(" from ").next().unwrap_or(&c.what))).or_insert(0usize) += 1;
    }
    let breaking = changes.iter().filter(|c| c.impact == Impact::Breaking).count();
    let mut text = format!("{} changes: {breaking} breaking, {} additions\n", changes.len(), changes.len() - breaking);
    for (kind, n) in &counts {
        text.push_str(&format!("{n:>6}  {kind}\n"));
    }
    println!("{text}");
    assert!(breaking > 0 && changes.len() > breaking);
    compare(Path::new("tests/diff/graph-2023-to-current.txt"), &text);
}
