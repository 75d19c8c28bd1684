//! Names in the metadata that are the names of generated methods and
//! associated functions (every inherent method of the path types, which
//! navigation properties and bound operations join), Rust keywords and the
//! prelude's types: used as property, navigation property, entity set,
//! singleton (in a second container, as entity set names must differ from
//! singleton names in one), operation, parameter and enum member names, the generated
//! crate still compiles with warnings denied. One document with all of them,
//! and a bounded property test of random mixes.

mod support;

use odata_codegen::emit::paths::{COLLECTION_REF_METHODS, ENTITY_REF_METHODS};
use odata_codegen::{Config, RuntimeDependency, generate_bytes};
use proptest::prelude::*;

/// Names generated code uses beside the path types' methods.
const OTHER_NAMES: &[&str] = &[
    "type",
    "fn",
    "self",
    "Self",
    "super",
    "crate",
    "async",
    "try",
    "gen",
    "union",
    "_",
    "Option",
    "Vec",
    "Box",
    "String",
    "Result",
    "Default",
    "Extra",
    "extra",
    "any",
    "paths",
    "rt",
    "key",
    "Params",
    "Unrecognized",
    "unknownFutureValue",
    "serialize",
    "deserialize",
    "clone",
    "fmt",
    "eq",
    "default",
    "into",
    "from",
];

fn pool() -> Vec<&'static str> {
    let mut names: Vec<&str> =
        ENTITY_REF_METHODS.iter().chain(COLLECTION_REF_METHODS).chain(OTHER_NAMES).copied().collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn document(names: &[&str]) -> String {
    let props: String = names.iter().map(|n| format!(r#"<Property Name="{n}" Type="Edm.String" />"#)).collect();
    let navs_many: String = names
        .iter()
        .map(|n| format!(r#"<NavigationProperty Name="{n}" Type="Collection(d.thing)" ContainsTarget="true" />"#))
        .collect();
    let navs_one: String =
        names.iter().map(|n| format!(r#"<NavigationProperty Name="{n}" Type="d.thing" />"#)).collect();
    let members: String =
        names.iter().enumerate().map(|(i, n)| format!(r#"<Member Name="{n}" Value="{i}" />"#)).collect();
    let params: String = names.iter().map(|n| format!(r#"<Parameter Name="{n}" Type="Edm.Int32" />"#)).collect();
    let entity_ops: String = names
        .iter()
        .map(|n| {
            format!(
                r#"<Action Name="{n}" IsBound="true"><Parameter Name="bindingParameter" Type="d.thing" /></Action>"#
            )
        })
        .collect();
    let collection_ops: String = names
        .iter()
        .map(|n| {
            format!(
                r#"<Function Name="{n}" IsBound="true"><Parameter Name="bindingParameter" Type="Collection(d.thing)" /><ReturnType Type="Edm.Int32" /></Function>"#
            )
        })
        .collect();
    let sets: String = names.iter().map(|n| format!(r#"<EntitySet Name="{n}" EntityType="d.thing" />"#)).collect();
    let singletons: String = names.iter().map(|n| format!(r#"<Singleton Name="{n}" Type="d.other" />"#)).collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="d" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="choice">{members}</EnumType>
      <EntityType Name="thing">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <Property Name="pick" Type="d.choice" />
        {navs_many}
      </EntityType>
      <EntityType Name="other">
        <Key><PropertyRef Name="oid" /></Key>
        <Property Name="oid" Type="Edm.Int32" Nullable="false" />
        {props}
      </EntityType>
      <EntityType Name="third">
        <Key><PropertyRef Name="tid" /></Key>
        <Property Name="tid" Type="Edm.Int32" Nullable="false" />
        {navs_one}
      </EntityType>
      <Action Name="withParameters" IsBound="true"><Parameter Name="bindingParameter" Type="d.thing" />{params}</Action>
      {entity_ops}
      {collection_ops}
      <EntityContainer Name="c">{sets}</EntityContainer>
    </Schema>
    <Schema Namespace="e" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityContainer Name="c">{singletons}<Singleton Name="third" Type="d.third" /></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#
    )
}

/// Generates the document of each name list and runs `cargo check` on the
/// crates; the error of the first that fails.
fn check(workspace: &str, cases: &[Vec<&str>]) -> Result<(), String> {
    let mut crates = Vec::new();
    for (i, names) in cases.iter().enumerate() {
        let name = format!("names-{i}");
        let config = Config {
            crate_name: name.clone(),
            source_name: "names.xml".into(),
            runtime: RuntimeDependency::Path(support::RUNTIME_FROM_CRATE.into()),
            standalone: false,
            ..Config::default()
        };
        let generation = generate_bytes("names.xml", document(names).into_bytes(), &config)
            .map_err(|f| format!("{names:?}: generation failed:\n{}", f.render()))?;
        crates.push((name, generation.files));
    }
    let crates: Vec<(String, &[_])> = crates.iter().map(|(n, f)| (n.clone(), f.as_slice())).collect();
    let output = support::run_in_workspace(workspace, &crates, &["check", "--workspace", "--quiet"]);
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{cases:?}: cargo check failed:\n{}", String::from_utf8_lossy(&output.stderr)))
    }
}

#[test]
fn every_generated_method_name_is_usable_in_metadata() {
    let names = pool();
    assert!(names.len() > 40, "the pool lost its method names: {names:?}");
    check("reserved-names", &[names]).unwrap();
}

proptest! {
    // Each case is a cargo check; a few per run, and all of a run's cases
    // are checked in one workspace.
    #![proptest_config(ProptestConfig { cases: 1, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_mixes_of_reserved_names_compile(
        picks in proptest::collection::vec(proptest::collection::btree_set(0..pool().len(), 1..12), 4)
    ) {
        let pool = pool();
        let cases: Vec<Vec<&str>> = picks.iter().map(|set| set.iter().map(|&i| pool[i]).collect()).collect();
        let result = check("reserved-names-random", &cases);
        prop_assert!(result.is_ok(), "{}", result.unwrap_err());
    }
}
