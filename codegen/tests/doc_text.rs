//! Metadata text that reaches generated docs cannot make a code block
//! (which `cargo test --doc` of the generated crate would run), raw HTML,
//! a link or an attribute: every string from the metadata in a doc line
//! goes through the sanitizer or `code_span`. Descriptions and long
//! descriptions of every kind of element, default values, max lengths,
//! deprecation notes, enum members, operations and parameters, each with
//! line breaks, indented code, backtick and tilde fences, HTML, links and
//! doc attributes. The generated crate's doctests are run: there must be
//! none.

mod support;

use odata_codegen::{Config, RuntimeDependency, generate_bytes};

/// Texts that would be code, HTML, links or attributes if they reached a
/// doc comment as written (XML-escaped for an attribute value).
const HOSTILE: &[&str] = &[
    "x&#10;    fn main() { panic!() }&#10;```rust&#10;&#13;    evil();&#x2028;    more()",
    "intro&#10;&#10;~~~&#10;fn main() { std::process::exit(3) }&#10;~~~",
    "&#10;&#10;````&#10;assert!(false);&#10;````",
    "a&#9;&#10;&#9;&#9;tabbed_code();",
    "&lt;script&gt;alert(1)&lt;/script&gt; &lt;pre&gt;&lt;code&gt;x()&lt;/code&gt;&lt;/pre&gt;",
    "[click](javascript:alert(1)) [ref]: https://example.com/x ![img](https://example.com/i.png)",
    "*/ #[doc = &quot;injected&quot;] #![doc = include_str!(&quot;/etc/passwd&quot;)] \\ &quot;",
    "```",
];

fn annotations(h: &str) -> String {
    format!(
        r#"<Annotation Term="Org.OData.Core.V1.Description" String="{h}" /><Annotation Term="Org.OData.Core.V1.LongDescription" String="{h}" />"#
    )
}

fn document(h: &str) -> String {
    let a = annotations(h);
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="d" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      {a}
      <EnumType Name="colour">{a}
        <Member Name="red" Value="1">{a}</Member>
        <Member Name="green" Value="2" />
      </EnumType>
      <TypeDefinition Name="code" UnderlyingType="Edm.String">{a}</TypeDefinition>
      <ComplexType Name="address">{a}
        <Property Name="street" Type="Edm.String" DefaultValue="{h}" MaxLength="{h}">{a}</Property>
      </ComplexType>
      <EntityType Name="e">{a}
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" MaxLength="{h}" DefaultValue="{h}">{a}
          <Annotation Term="Org.OData.Core.V1.Revisions">
            <Collection><Record>
              <PropertyValue Property="Kind" EnumMember="Org.OData.Core.V1.RevisionKind/Deprecated" />
              <PropertyValue Property="Description" String="{h}" />
            </Record></Collection>
          </Annotation>
        </Property>
        <Property Name="colour" Type="d.colour" DefaultValue="{h}" />
        <Property Name="code" Type="d.code" />
        <Property Name="home" Type="d.address" />
        <NavigationProperty Name="friends" Type="Collection(d.e)">{a}</NavigationProperty>
        <NavigationProperty Name="best" Type="d.e">{a}</NavigationProperty>
      </EntityType>
      <EntityType Name="f" BaseType="d.e">{a}</EntityType>
      <Action Name="act" IsBound="true">{a}
        <Parameter Name="b" Type="d.e" />
        <Parameter Name="p" Type="Edm.String">{a}</Parameter>
        <ReturnType Type="d.address">{a}</ReturnType>
      </Action>
      <Function Name="fun">{a}
        <Parameter Name="q" Type="Edm.String">{a}</Parameter>
        <ReturnType Type="Edm.Int32" />
      </Function>
      <EntityContainer Name="c">{a}
        <EntitySet Name="es" EntityType="d.e">{a}</EntitySet>
        <Singleton Name="me" Type="d.e">{a}</Singleton>
        <FunctionImport Name="fun" Function="d.fun">{a}</FunctionImport>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#
    )
}

fn config(name: &str) -> Config {
    Config {
        crate_name: name.into(),
        source_name: "docs.xml".into(),
        runtime: RuntimeDependency::Path(support::RUNTIME_FROM_CRATE.into()),
        standalone: false,
        ..Config::default()
    }
}

/// Whether a doc line (the text after `///` or `//!`) could start a code
/// block, raw HTML, a link or a line break in rustdoc's Markdown.
fn unsafe_reason(doc: &str) -> Option<&'static str> {
    let body = doc.strip_prefix(' ').unwrap_or(doc);
    if body.starts_with([' ', '\t']) {
        return Some("indented code");
    }
    if body.starts_with("```") || body.starts_with("~~~") {
        return Some("a fence");
    }
    if doc.contains(['\u{2028}', '\u{2029}', '\r', '\t']) {
        return Some("a line break or tab");
    }
    // Outside code spans (text between backticks is inert): an unescaped
    // `<` that opens a tag (autolinks `<https://…>` are the sanitizer's),
    // an inline link target `](`, a reference definition `[x]: …`.
    for outside in doc.split('`').step_by(2) {
        let chars: Vec<char> = outside.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let escaped = i > 0 && chars[i - 1] == '\\';
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            if c == '<' && !escaped && (next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')) {
                let rest: String = chars[i..].iter().collect();
                if !rest.starts_with("<https://") && !rest.starts_with("<http://") {
                    return Some("raw HTML");
                }
            }
            if c == ']' && !escaped && next == '(' {
                return Some("an inline link");
            }
        }
    }
    if body.starts_with('[') && body.contains("]:") {
        return Some("a link reference definition");
    }
    None
}

#[test]
fn hostile_doc_text_makes_no_code_block() {
    let mut crates = Vec::new();
    for (i, h) in HOSTILE.iter().enumerate() {
        let name = format!("docs-{i}");
        let generation = generate_bytes("docs.xml", document(h).into_bytes(), &config(&name))
            .unwrap_or_else(|f| panic!("{h}: {}", f.render()));
        let mut doc_lines = 0;
        for file in &generation.files {
            let text = &file.text;
            for line in text.lines() {
                let trimmed = line.trim_start();
                let Some(doc) = trimmed.strip_prefix("///").or_else(|| trimmed.strip_prefix("//!")) else {
                    continue;
                };
                doc_lines += 1;
                if let Some(reason) = unsafe_reason(doc) {
                    panic!("{h}: {}: {reason} in `{doc}`", file.path);
                }
            }
            let attribute =
                text.lines().map(str::trim_start).find(|l| l.starts_with("#[doc") || l.starts_with("#![doc"));
            assert!(attribute.is_none(), "{h}: {}: a doc attribute (control characters): {attribute:?}", file.path);
        }
        assert!(doc_lines > 60, "{h}: only {doc_lines} doc lines checked");
        crates.push((name, generation.files));
    }
    // rustdoc itself: no doctest in any of the crates, and docs without
    // warnings.
    let crates: Vec<(String, &[_])> = crates.iter().map(|(n, f)| (n.clone(), f.as_slice())).collect();
    let output = support::run_in_workspace("doc-text", &crates, &["test", "--doc", "--workspace"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo test --doc failed:\n{stdout}\n{stderr}");
    let runs = stdout.matches("running 0 tests").count();
    assert_eq!(runs, HOSTILE.len(), "a doctest from metadata ran:\n{stdout}");
    assert!(!stdout.contains("test src/"), "a doctest from metadata ran:\n{stdout}");
}

/// What a service refuses in queries reaches the property's docs: the
/// `NonFilterableProperties`/`NonSortableProperties` of restrictions on an
/// entity type (annotated from outside, as Microsoft Graph does; a path
/// through a property and an inherited property are passed over) or on an
/// entity set, and SAP's `sap:filterable`/`sap:sortable` in OData v2.
#[test]
fn query_restrictions_reach_property_docs() {
    let v4 = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="d" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="base"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
      <EntityType Name="key" BaseType="d.base">
        <Property Name="secret" Type="Edm.String" />
        <Property Name="made" Type="Edm.DateTimeOffset" />
        <Property Name="free" Type="Edm.String" />
      </EntityType>
      <Annotations Target="d.key">
        <Annotation Term="Org.OData.Capabilities.V1.FilterRestrictions"><Record>
          <PropertyValue Property="NonFilterableProperties"><Collection>
            <PropertyPath>secret</PropertyPath><PropertyPath>made</PropertyPath><PropertyPath>id</PropertyPath><PropertyPath>made/x</PropertyPath>
          </Collection></PropertyValue>
        </Record></Annotation>
        <Annotation Term="Org.OData.Capabilities.V1.SortRestrictions"><Record>
          <PropertyValue Property="NonSortableProperties"><Collection><PropertyPath>secret</PropertyPath></Collection></PropertyValue>
        </Record></Annotation>
      </Annotations>
      <EntityType Name="other"><Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" /><Property Name="made" Type="Edm.String" /><Property Name="free" Type="Edm.String" />
      </EntityType>
      <EntityContainer Name="c">
        <EntitySet Name="keys" EntityType="d.key" />
        <EntitySet Name="others" EntityType="d.other">
          <Annotation Term="Org.OData.Capabilities.V1.FilterRestrictions"><Record>
            <PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>made</PropertyPath></Collection></PropertyValue>
          </Record></Annotation>
        </EntitySet>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;
    let v2 = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"
           xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:sap="http://www.sap.com/Protocols/SAPData">
  <edmx:DataServices m:DataServiceVersion="2.0">
    <Schema Namespace="S" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">
      <EntityType Name="key"><Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <Property Name="secret" Type="Edm.String" sap:filterable="false" sap:sortable="false" />
        <Property Name="made" Type="Edm.DateTime" sap:filterable="false" sap:sortable="maybe" />
        <Property Name="free" Type="Edm.String" sap:filterable="true" />
      </EntityType>
      <EntityContainer Name="c" m:IsDefaultEntityContainer="true"><EntitySet Name="keys" EntityType="S.key" /></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;
    for (name, xml, file) in [("restrictions-v4", v4, "src/d/key.rs"), ("restrictions-v2", v2, "src/s/key.rs")] {
        let generation = generate_bytes("r.xml", xml.as_bytes().to_vec(), &config(name))
            .unwrap_or_else(|f| panic!("{name} does not generate:\n{}", f.render()));
        let text =
            &generation.files.iter().find(|f| f.path == file).unwrap_or_else(|| panic!("{name}: no {file}")).text;
        let doc_of = |field: &str| {
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.trim().starts_with(&format!("pub {field}: ")))
                .unwrap_or_else(|| panic!("{name}: no field {field}"));
            lines[at - 1].to_owned()
        };
        assert!(doc_of("secret").ends_with("; the service refuses it in `$filter` and `$orderby`."), "{name}");
        assert!(doc_of("made").ends_with("; the service refuses it in `$filter`."), "{name}");
        assert!(!doc_of("free").contains("refuses"), "{name}");
        assert!(!text.contains("`id`: `Edm.String`, never null; the service"), "{name}: inherited or allowed");
    }
    // On an entity set: the own properties of its type.
    let generation = generate_bytes("r.xml", v4.as_bytes().to_vec(), &config("restrictions-set")).unwrap();
    let other = &generation.files.iter().find(|f| f.path == "src/d/other.rs").unwrap().text;
    assert!(other.contains("/// `made`: `Edm.String`; the service refuses it in `$filter`.\n"), "{other}");
    assert!(other.contains("/// `free`: `Edm.String`.\n"), "{other}");
}
