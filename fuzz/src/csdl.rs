//! A structure-aware input: an arbitrary but well-formed CSDL document,
//! whose names are drawn from a pool of troublesome ones (keywords, prelude
//! names, case collisions, reserved file names, names that are not
//! identifiers) or arbitrary strings, and whose references may point
//! anywhere (missing types, cycles, wrong kinds).

use std::fmt::Write as _;

use arbitrary::Arbitrary;

const NAMES: &[&str] = &[
    "type", "self", "Self", "super", "crate", "_", "__", "ref", "enum", "move", "box", "gen", "Option", "Result",
    "String", "Vec", "Box", "Default", "extra", "any", "con", "mod", "lib", "main", "paths", "runtime", "id", "Id",
    "ID", "user", "User", "USER", "a_b", "aB", "a-b", "@a.b", "a.b", "1x", "x}fn y(){", "a b", "", "é", "Größe",
    "\u{202e}rtl", "unknownFutureValue", "Unrecognized", "path", "key", "create", "value", "map", "index", "C",
    "S", "D", "A", "M", "T", "rt",
];

const PRIMITIVES: &[&str] = &[
    "Edm.String", "Edm.Boolean", "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Single",
    "Edm.Double", "Edm.Decimal", "Edm.Guid", "Edm.Binary", "Edm.Date", "Edm.TimeOfDay", "Edm.Duration",
    "Edm.DateTimeOffset", "Edm.Stream", "Edm.Untyped", "Edm.GeographyPoint", "Edm.PrimitiveType", "Edm.EntityType",
    "Edm.Strin", "Collection(Edm.String)", "Collection(Collection(Edm.Int32))",
];

#[derive(Arbitrary, Debug)]
pub enum Name {
    Pool(u8),
    Raw(String),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Pool(i) => NAMES[*i as usize % NAMES.len()].to_owned(),
            Name::Raw(s) => s.chars().take(40).collect(),
        }
    }
}

#[derive(Arbitrary, Debug)]
pub enum TypeChoice {
    Primitive(u8),
    /// A type declared in the document, by position.
    Declared(u8),
    Name(Name),
}

#[derive(Arbitrary, Debug)]
pub struct Property {
    name: Name,
    ty: TypeChoice,
    collection: bool,
    nullable: Option<bool>,
    description: Option<String>,
    computed: bool,
}

#[derive(Arbitrary, Debug)]
pub struct Navigation {
    name: Name,
    target: u8,
    collection: bool,
    contains_target: bool,
    insertable: Option<bool>,
}

#[derive(Arbitrary, Debug)]
pub enum Type {
    Entity { name: Name, base: Option<u8>, is_abstract: bool, open: bool, key: Vec<u8>, properties: Vec<Property>, navigation: Vec<Navigation> },
    Complex { name: Name, base: Option<u8>, properties: Vec<Property> },
    Enum { name: Name, flags: bool, underlying: u8, members: Vec<(Name, Option<i64>)> },
    Definition { name: Name, underlying: u8 },
}

#[derive(Arbitrary, Debug)]
pub struct Schema {
    namespace: Name,
    second_segment: Option<Name>,
    alias: Option<Name>,
    types: Vec<Type>,
}

#[derive(Arbitrary, Debug)]
pub struct Document {
    schemas: Vec<Schema>,
    container: Vec<(Name, u8, bool)>,
}

fn attr(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

impl Document {
    /// The document as CSDL XML.
    pub fn to_xml(&self) -> String {
        let schemas: Vec<&Schema> = self.schemas.iter().take(3).collect();
        let ns_of = |s: &Schema| match &s.second_segment {
            Some(second) => format!("{}.{}", s.namespace.text(), second.text()),
            None => s.namespace.text(),
        };
        // Every declared type, qualified, for `Declared` references.
        let mut declared: Vec<String> = Vec::new();
        for s in &schemas {
            for t in s.types.iter().take(12) {
                let name = match t {
                    Type::Entity { name, .. } | Type::Complex { name, .. } | Type::Enum { name, .. } | Type::Definition { name, .. } => name,
                };
                declared.push(format!("{}.{}", ns_of(s), name.text()));
            }
        }
        let pick = |i: u8| declared.get(i as usize % declared.len().max(1)).cloned().unwrap_or_else(|| "X.y".into());
        let type_of = |t: &TypeChoice, collection: bool| {
            let inner = match t {
                TypeChoice::Primitive(i) => PRIMITIVES[*i as usize % PRIMITIVES.len()].to_owned(),
                TypeChoice::Declared(i) => pick(*i),
                TypeChoice::Name(n) => n.text(),
            };
            if collection { format!("Collection({inner})") } else { inner }
        };
        let mut x = String::from(
            "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n<edmx:DataServices>\n",
        );
        for (si, s) in schemas.iter().enumerate() {
            let alias = s.alias.as_ref().map(|a| format!(" Alias=\"{}\"", attr(&a.text()))).unwrap_or_default();
            let _ = writeln!(x, "<Schema Namespace=\"{}\"{alias} xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">", attr(&ns_of(s)));
            for t in s.types.iter().take(12) {
                match t {
                    Type::Entity { name, base, is_abstract, open, key, properties, navigation } => {
                        let base = base.map(|b| format!(" BaseType=\"{}\"", attr(&pick(b)))).unwrap_or_default();
                        let _ = writeln!(x, "<EntityType Name=\"{}\"{base} Abstract=\"{is_abstract}\" OpenType=\"{open}\">", attr(&name.text()));
                        if !key.is_empty() {
                            x.push_str("<Key>");
                            for k in key.iter().take(3) {
                                let p = properties.get(*k as usize % properties.len().max(1)).map(|p| p.name.text()).unwrap_or_default();
                                let _ = write!(x, "<PropertyRef Name=\"{}\"/>", attr(&p));
                            }
                            x.push_str("</Key>\n");
                        }
                        for p in properties.iter().take(10) {
                            write_property(&mut x, p, &type_of(&p.ty, p.collection));
                        }
                        for n in navigation.iter().take(5) {
                            let target = if n.collection { format!("Collection({})", pick(n.target)) } else { pick(n.target) };
                            let _ = write!(x, "<NavigationProperty Name=\"{}\" Type=\"{}\" ContainsTarget=\"{}\">", attr(&n.name.text()), attr(&target), n.contains_target);
                            if let Some(ins) = n.insertable {
                                let _ = write!(x, "<Annotation Term=\"Org.OData.Capabilities.V1.InsertRestrictions\"><Record><PropertyValue Property=\"Insertable\" Bool=\"{ins}\"/></Record></Annotation>");
                            }
                            x.push_str("</NavigationProperty>\n");
                        }
                        x.push_str("</EntityType>\n");
                    }
                    Type::Complex { name, base, properties } => {
                        let base = base.map(|b| format!(" BaseType=\"{}\"", attr(&pick(b)))).unwrap_or_default();
                        let _ = writeln!(x, "<ComplexType Name=\"{}\"{base}>", attr(&name.text()));
                        for p in properties.iter().take(10) {
                            write_property(&mut x, p, &type_of(&p.ty, p.collection));
                        }
                        x.push_str("</ComplexType>\n");
                    }
                    Type::Enum { name, flags, underlying, members } => {
                        let u = ["Edm.Int32", "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int64", "Edm.String"][*underlying as usize % 6];
                        let _ = writeln!(x, "<EnumType Name=\"{}\" IsFlags=\"{flags}\" UnderlyingType=\"{u}\">", attr(&name.text()));
                        for (m, v) in members.iter().take(10) {
                            let v = v.map(|v| format!(" Value=\"{v}\"")).unwrap_or_default();
                            let _ = writeln!(x, "<Member Name=\"{}\"{v}/>", attr(&m.text()));
                        }
                        x.push_str("</EnumType>\n");
                    }
                    Type::Definition { name, underlying } => {
                        let u = PRIMITIVES[*underlying as usize % PRIMITIVES.len()];
                        let _ = writeln!(x, "<TypeDefinition Name=\"{}\" UnderlyingType=\"{}\"/>", attr(&name.text()), attr(u));
                    }
                }
            }
            if si == 0 && !self.container.is_empty() {
                x.push_str("<EntityContainer Name=\"Container\">\n");
                for (name, ty, singleton) in self.container.iter().take(6) {
                    if *singleton {
                        let _ = writeln!(x, "<Singleton Name=\"{}\" Type=\"{}\"/>", attr(&name.text()), attr(&pick(*ty)));
                    } else {
                        let _ = writeln!(x, "<EntitySet Name=\"{}\" EntityType=\"{}\"/>", attr(&name.text()), attr(&pick(*ty)));
                    }
                }
                x.push_str("</EntityContainer>\n");
            }
            x.push_str("</Schema>\n");
        }
        x.push_str("</edmx:DataServices>\n</edmx:Edmx>\n");
        x
    }
}

fn write_property(x: &mut String, p: &Property, ty: &str) {
    let nullable = p.nullable.map(|n| format!(" Nullable=\"{n}\"")).unwrap_or_default();
    let _ = write!(x, "<Property Name=\"{}\" Type=\"{}\"{nullable}>", attr(&p.name.text()), attr(ty));
    if let Some(d) = &p.description {
        let _ = write!(x, "<Annotation Term=\"Org.OData.Core.V1.Description\" String=\"{}\"/>", attr(d));
    }
    if p.computed {
        x.push_str("<Annotation Term=\"Org.OData.Core.V1.Computed\"/>");
    }
    x.push_str("</Property>\n");
}
