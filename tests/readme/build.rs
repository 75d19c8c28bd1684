//! Wraps each ```rust block of the README in an async function of a module
//! of its own, against the generated crate the block uses, so that an
//! example that no longer compiles fails the build of this crate. The
//! blocks are statements with some variables assumed (a token, an id, a
//! response): those are declared before the block with their types.
//! Blocks that show generated code (a `structured_impls!` table) are not
//! compiled here; the tests check that the generated crate holds them.

use std::fmt::Write;

fn main() {
    let readme_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
    println!("cargo::rerun-if-changed={readme_path}");
    let readme = std::fs::read_to_string(readme_path).expect("README.md");
    let mut out = String::new();
    let mut excerpts = Vec::new();
    let mut compiled = 0;
    for (i, block) in rust_blocks(&readme).into_iter().enumerate() {
        if block.trim_start().starts_with("rt::structured_impls!") {
            excerpts.push(block);
            continue;
        }
        compiled += 1;
        let prelude = if block.contains("graph_seed::") {
            "seed"
        } else if block.contains("entity_container::") {
            "cap"
        } else {
            "graph"
        };
        let (uses, body): (Vec<&str>, Vec<&str>) = block.lines().partition(|l| l.starts_with("use "));
        let uses: Vec<String> = uses.iter().map(|u| u.replacen("use graph::", "use ::graph::", 1)).collect();
        writeln!(out, "#[allow(unused, unused_mut, clippy::all)]\nmod block_{i} {{").unwrap();
        writeln!(out, "    use super::prelude::{prelude}::*;").unwrap();
        for u in &uses {
            writeln!(out, "    {u}").unwrap();
        }
        writeln!(out, "    pub async fn run() -> Result<(), Box<dyn std::error::Error>> {{").unwrap();
        for (name, ty) in GIVEN {
            writeln!(out, "        let {name}: {ty} = crate::given();").unwrap();
        }
        for line in body {
            writeln!(out, "        {line}").unwrap();
        }
        writeln!(out, "        Ok(())\n    }}\n}}").unwrap();
    }
    writeln!(out, "/// How many blocks were compiled.\npub const COMPILED: usize = {compiled};").unwrap();
    writeln!(out, "/// The blocks that show generated code.\npub const EXCERPTS: &[&str] = &{excerpts:?};").unwrap();
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("readme_blocks.rs");
    std::fs::write(dest, out).unwrap();
}

/// The variables the examples assume, with the types a user would have
/// (each prelude says what `Body`, `Client`, ... are).
const GIVEN: &[(&str, &str)] = &[
    ("token", "String"),
    ("id", "&str"),
    ("group", "&str"),
    ("user", "&str"),
    ("boss", "&str"),
    ("etag", "&str"),
    ("bytes", "Vec<u8>"),
    ("response", "http::Response<Vec<u8>>"),
    ("root", "ServiceRoot"),
    ("client", "Client"),
    ("changes", "Changes<User>"),
    ("message", "Message"),
    ("body", "Body"),
];

/// The contents of the fenced blocks whose info string is exactly `rust`.
fn rust_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_end() == "```rust" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.push(current.take().unwrap()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}
