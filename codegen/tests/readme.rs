//! The README documents every diagnostic code.

#[test]
fn readme_lists_every_code() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    for (code, _) in odata_codegen::codes::CATALOG {
        assert!(readme.contains(&format!("| `{code}` |")), "README lacks {code}");
    }
    let listed = readme.matches("| `E0").count() + readme.matches("| `W0").count();
    assert_eq!(listed, odata_codegen::codes::CATALOG.len(), "README lists codes that do not exist");
}
