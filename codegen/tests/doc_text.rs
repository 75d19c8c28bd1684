//! Metadata text that reaches generated docs cannot make a code block
//! (which `cargo test --doc` of the generated crate would run): every
//! string from the metadata in a doc line goes through the sanitizer or
//! `code_span`. Descriptions, default values, max lengths, names, and
//! operation and parameter descriptions, each with line breaks, indented
//! code and fences.

use odata_codegen::{Config, RuntimeDependency, generate_bytes};

const HOSTILE: &str = "x&#10;    fn main() { panic!() }&#10;```rust&#10;&#13;    evil();&#x2028;    more()";

fn document() -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="d" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="e">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" MaxLength="{h}" DefaultValue="{h}">
          <Annotation Term="Org.OData.Core.V1.Description" String="{h}" />
        </Property>
      </EntityType>
      <Action Name="act" IsBound="true">
        <Parameter Name="b" Type="d.e" />
        <Parameter Name="p" Type="Edm.String">
          <Annotation Term="Org.OData.Core.V1.Description" String="{h}" />
        </Parameter>
        <Annotation Term="Org.OData.Core.V1.LongDescription" String="{h}" />
      </Action>
      <EntityContainer Name="c">
        <EntitySet Name="es" EntityType="d.e">
          <Annotation Term="Org.OData.Core.V1.Description" String="{h}" />
        </EntitySet>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#,
        h = HOSTILE
    )
}

#[test]
fn hostile_doc_text_makes_no_code_block() {
    let config = Config {
        crate_name: "docs".into(),
        source_name: "docs.xml".into(),
        runtime: RuntimeDependency::Path("../runtime".into()),
        ..Config::default()
    };
    let generation =
        generate_bytes("docs.xml", document().into_bytes(), &config).unwrap_or_else(|f| panic!("{}", f.render()));
    let mut doc_lines = 0;
    for file in &generation.files {
        let text = &file.text;
        for line in text.lines() {
            let Some(doc) = line.trim_start().strip_prefix("///").or_else(|| line.trim_start().strip_prefix("//!"))
            else {
                continue;
            };
            doc_lines += 1;
            // rustdoc's code blocks: a fence, or text indented four spaces
            // (after the one space that follows `///`).
            assert!(!doc.contains("```"), "{}: fence in `{doc}`", file.path);
            assert!(!doc.starts_with("     "), "{}: indented code in `{doc}`", file.path);
            assert!(!doc.contains(['\u{2028}', '\r']), "{}: line break in `{doc}`", file.path);
        }
        assert!(!text.contains("#[doc = \""), "{}: a doc attribute (control characters) in the output", file.path);
    }
    assert!(doc_lines > 20, "{doc_lines} doc lines checked");
}
