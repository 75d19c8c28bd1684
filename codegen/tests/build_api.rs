//! The build-script API: the same files as the command-line tool's `src/`
//! tree (all but the root file), paths spelled from the module the files
//! are included in, and clear errors for what a build script gets wrong.

use std::path::{Path, PathBuf};

use odata_codegen::build::Builder;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).join("input.xml")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/build-api-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn read_tree(dir: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((name, std::fs::read_to_string(&path).expect("text")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn same_files_as_the_crate_but_the_root() {
    // `namespaces` has a derived type in another namespace: in a crate,
    // its variant is behind that namespace's feature; included, there are
    // no features. That gate is the only difference.
    let ungated = |text: &str| text.lines().filter(|l| !l.contains("#[cfg(feature = ")).collect::<Vec<_>>().join("\n");
    for fixture_name in ["operations", "inheritance", "namespaces", "references"] {
        let input = fixture(fixture_name);
        assert!(input.is_file(), "{} is missing", input.display());
        let out = scratch(fixture_name);
        let root = Builder::new().input(&input).out_dir(&out).cargo_output(false).generate().expect("generates");
        assert_eq!(root, out.join("odata/lib.rs"));
        let built: Vec<(String, String)> =
            read_tree(&out.join("odata")).into_iter().filter(|(n, _)| n != "lib.rs" && !n.starts_with('.')).collect();
        let config =
            odata_codegen::Config { crate_name: "x".into(), source_name: "input.xml".into(), ..Default::default() };
        let generation = odata_codegen::generate(&input, &config).expect("generates");
        let crate_files: Vec<(String, String)> = generation
            .files
            .iter()
            .filter_map(|f| Some((f.path.strip_prefix("src/")?.to_owned(), f.text.clone())))
            .filter(|(n, _)| n != "lib.rs")
            .collect();
        assert_eq!(built.len(), crate_files.len(), "{fixture_name}: file lists differ");
        for ((a, at), (b, bt)) in built.iter().zip(&crate_files) {
            assert_eq!(a, b);
            assert!(at.as_str() == ungated(bt) + "\n" || at == bt, "{fixture_name}: {a} differs from the crate's");
        }
        let lib = std::fs::read_to_string(&root).unwrap();
        assert!(!lib.contains("#!["), "an included file cannot have inner attributes:\n{lib}");
        assert!(!lib.contains("cfg(feature"), "the including crate has no such features:\n{lib}");
        assert!(lib.contains("#[path = \"paths.rs\"]"), "{lib}");
    }
}

#[test]
fn paths_are_spelled_from_the_module_path() {
    let out = scratch("module-path");
    Builder::new()
        .input(fixture("seed"))
        .module_path("api::graph")
        .out_dir(&out)
        .cargo_output(false)
        .generate()
        .expect("generates");
    let container = std::fs::read_to_string(out.join("odata/microsoft_graph/graph_service.rs")).unwrap();
    assert!(container.contains("crate::api::graph::CollectionRef"), "{container}");
    assert!(!container.contains("crate::CollectionRef"), "{container}");
}

#[test]
fn mistakes_are_errors_not_panics() {
    let out = scratch("mistakes");
    let err = |b: Builder| b.out_dir(&out).cargo_output(false).generate().expect_err("refused").to_string();
    assert!(err(Builder::new()).contains("no input"));
    assert!(err(Builder::new().input(fixture("seed")).module_path("a::fn")).contains("`fn` in the module path"));
    assert!(err(Builder::new().input(fixture("seed")).folder("../up")).contains("not a plain folder name"));
    assert!(err(Builder::new().input(fixture("seed")).service_root("not a url")).contains("service root"));
    let missing = err(Builder::new().input("no/such/file.xml"));
    assert!(missing.contains("no/such/file.xml"), "{missing}");
    assert!(!out.join("odata").exists(), "a failed generation wrote files");
}
