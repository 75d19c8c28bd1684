//! Subsets of real metadata: for a few roots, the types each closure mode
//! brings in, compared with golden lists in `tests/closure/`
//! (`UPDATE_GOLDEN=1` rewrites them). Each list has one line per type:
//! its qualified name, and `stub` for entity types generated as stubs.

use std::fs;
use std::path::{Path, PathBuf};

use odata_codegen::model::select::{Closure, Pattern, Reason, Selection};
use odata_codegen::{Config, RuntimeDependency};

fn corpus(doc: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus").join(doc)
}

const MODES: &[(&str, Closure)] = &[
    ("structural", Closure { navigation: false, derived: false }),
    ("navigation", Closure { navigation: true, derived: false }),
    ("derived", Closure { navigation: false, derived: true }),
    ("full", Closure { navigation: true, derived: true }),
];

const CASES: &[(&str, &str, &str)] = &[
    ("graph-user", "graph/msgraph-v1.0-cleanMetadata.xml", "microsoft.graph.user"),
    ("graph-security-alert", "graph/msgraph-v1.0-cleanMetadata.xml", "microsoft.graph.security.alert"),
    (
        "trippin-people",
        "odata-samples/TripPin.xml",
        "Microsoft.OData.SampleService.Models.TripPin.DefaultContainer/People",
    ),
];

#[test]
fn closure_golden_lists() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    for (name, doc, root) in CASES {
        for (mode, closure) in MODES {
            let selection = Selection { include: vec![Pattern::new(*root)], exclude: Vec::new(), closure: *closure };
            let config = Config {
                crate_name: "closure".into(),
                runtime: RuntimeDependency::Path(".".into()),
                selection: Some(selection),
                ..Config::default()
            };
            let generation = odata_codegen::generate(&corpus(doc), &config).unwrap_or_else(|f| panic!("{f:?}"));
            let provenance = generation.provenance.expect("a subset has provenance");
            let mut lines: Vec<String> = provenance
                .reasons
                .iter()
                .map(
                    |(ty, (reason, _))| {
                        if matches!(reason, Reason::Stub(_)) { format!("{ty} stub") } else { ty.clone() }
                    },
                )
                .collect();
            lines.sort();
            let stubs = lines.iter().filter(|l| l.ends_with(" stub")).count();
            counts.push(format!(
                "{name} {mode}: {} types ({} generated, {stubs} stubs), {} files",
                lines.len(),
                lines.len() - stubs,
                generation.files.len()
            ));
            let text = lines.join("\n") + "\n";
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/closure/{name}-{mode}.txt"));
            let expected = fs::read_to_string(&path).unwrap_or_default();
            if expected != text {
                if update {
                    fs::write(&path, &text).unwrap();
                } else {
                    failures.push(format!(
                        "{}:\n{}",
                        path.display(),
                        odata_codegen::write::short_diff(&expected, &text, 20)
                    ));
                }
            }
        }
    }
    println!("{}", counts.join("\n"));
    // Structural closure of a user is tens of types, not the thousands of
    // the full service.
    let user = counts.iter().find(|c| c.starts_with("graph-user structural")).unwrap();
    let n: usize = user.split(": ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!((20..200).contains(&n), "{user}");
    assert!(failures.is_empty(), "closure lists differ (UPDATE_GOLDEN=1 to accept):\n{}", failures.join("\n"));
}
