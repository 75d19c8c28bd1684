//! What every fuzz target checks: the generator never panics, and when it
//! accepts a document, everything it would write is safe and every Rust
//! file it produces parses.

use odata_codegen::{Config, RuntimeDependency};

pub mod csdl;

/// Runs the generator on `bytes` and checks the invariants. Panics (which
/// the fuzzer reports) when one does not hold.
pub fn check(bytes: &[u8]) {
    let config = Config {
        crate_name: "fuzzed".into(),
        source_name: "fuzz.xml".into(),
        runtime: RuntimeDependency::Version("0.1".into()),
        ..Config::default()
    };
    let Ok(generation) = odata_codegen::generate_bytes("fuzz.xml", bytes.to_vec(), &config) else {
        return;
    };
    for file in &generation.files {
        assert!(odata_codegen::write::is_safe_relative(&file.path), "unsafe output path {:?}", file.path);
        assert!(
            file.path == "Cargo.toml" || file.path == odata_codegen::write::MANIFEST || file.path.starts_with("src/"),
            "output outside the crate layout: {:?}",
            file.path
        );
        if file.path.ends_with(".rs") {
            if let Err(e) = syn::parse_file(&file.text) {
                panic!("{} does not parse: {e}\n{}", file.path, file.text);
            }
        }
    }
}
