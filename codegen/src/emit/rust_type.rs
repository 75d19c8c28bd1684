//! Model types → Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, Std};
use crate::model::{Primitive, Protocol, Target, TypeKind, TypeRef};

impl Ctx<'_> {
    /// The Rust type of an Edm primitive (the README has the table).
    pub fn primitive(&self, p: Primitive) -> TokenStream {
        let Std { string, rt, .. } = &self.std;
        match p {
            Primitive::String | Primitive::PathType(_) => quote!(#string),
            Primitive::Boolean => quote!(bool),
            Primitive::Byte => quote!(u8),
            Primitive::SByte => quote!(i8),
            Primitive::Int16 => quote!(i16),
            Primitive::Int32 => quote!(i32),
            Primitive::Int64 => quote!(#rt::edm::Int64),
            Primitive::Single => quote!(#rt::edm::Single),
            Primitive::Double => quote!(#rt::edm::Double),
            Primitive::Decimal => quote!(#rt::edm::Decimal),
            Primitive::Guid => quote!(#rt::edm::Guid),
            Primitive::Binary => quote!(#rt::edm::Binary),
            Primitive::Date => quote!(#rt::edm::Date),
            Primitive::TimeOfDay => quote!(#rt::edm::TimeOfDay),
            Primitive::Duration => quote!(#rt::edm::Duration),
            // OData v2 writes both as `/Date(…)/`.
            Primitive::DateTimeOffset if self.model.protocol == Protocol::V2 => quote!(#rt::edm::DateTime),
            Primitive::DateTimeOffset => quote!(#rt::edm::DateTimeOffset),
            Primitive::DateTime => quote!(#rt::edm::DateTime),
            // A time of day that OData v2 writes as a duration (`PT13H20M`).
            Primitive::Time => quote!(#rt::edm::Duration),
            Primitive::Spatial(_) => quote!(#rt::edm::Geo),
            Primitive::Stream | Primitive::Untyped | Primitive::Abstract(_) => quote!(#rt::serde_json::Value),
        }
    }
}

/// The parameter type of a key method for a key property of this type:
/// `&str` for strings, the value for integers, a reference otherwise.
pub fn key_param(ctx: &Ctx, target: Target) -> TokenStream {
    match target {
        Target::Primitive(p) => match p {
            Primitive::String => quote!(&str),
            Primitive::Boolean | Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 => {
                ctx.primitive(p)
            }
            Primitive::Int64 => quote!(i64),
            other => {
                let t = ctx.primitive(other);
                quote!(&#t)
            }
        },
        Target::Named(id) => match &ctx.model.ty(id).kind {
            TypeKind::Definition(d) => key_param(ctx, Target::Primitive(d.underlying)),
            _ => {
                let t = ctx.type_path(id);
                quote!(&#t)
            }
        },
    }
}

impl Ctx<'_> {
    /// The Rust type of one value of `target`; structured single values are
    /// boxed when `boxed` (struct fields are), so structs stay small and
    /// recursive types have a size.
    pub fn item_type(&self, target: Target, boxed: bool) -> TokenStream {
        let Std { boxed: box_, rt, .. } = &self.std;
        match target {
            Target::Primitive(p) => self.primitive(p),
            Target::Named(id) => match &self.model.ty(id).kind {
                TypeKind::Entity(_) | TypeKind::Complex(_) => {
                    if self.model.is_polymorphic(id) {
                        self.poly_path(id)
                    } else {
                        let t = self.type_path(id);
                        if boxed { quote!(#box_<#t>) } else { t }
                    }
                }
                TypeKind::Enum(e) => {
                    let t = self.type_path(id);
                    if e.is_flags { quote!(#rt::Flags<#t>) } else { t }
                }
                TypeKind::Definition(_) => self.type_path(id),
            },
        }
    }

    /// The Rust type of a struct field: `Option<T>` for a single value
    /// (absent and `null` are both `None`), `Vec<T>` for a collection, and
    /// `Vec<Option<T>>` when the collection's items are nullable.
    pub fn field_type(&self, ty: &TypeRef) -> TokenStream {
        let Std { option, vec, .. } = &self.std;
        if ty.collection {
            let item = self.item_type(ty.target, false);
            if ty.nullable { quote!(#vec<#option<#item>>) } else { quote!(#vec<#item>) }
        } else {
            let item = self.item_type(ty.target, true);
            quote!(#option<#item>)
        }
    }

    /// The value type of a property constant (`query::Prop<T, V>`): the
    /// item's Rust type, unboxed, in `query::Many` for a collection; for a
    /// navigation property, the target's struct.
    pub fn prop_value_type(&self, ty: &TypeRef, navigation: bool) -> TokenStream {
        let rt = &self.std.rt;
        let item = match (navigation, ty.target) {
            (true, Target::Named(id)) => self.type_path(id),
            _ => self.item_type(ty.target, false),
        };
        if ty.collection { quote!(#rt::query::Many<#item>) } else { item }
    }

    /// The Edm type expression, for doc comments: `Collection(Edm.String)`.
    pub fn edm_name(&self, ty: &TypeRef) -> String {
        let item = match ty.target {
            Target::Primitive(p) => format!("Edm.{}", p.name()),
            Target::Named(id) => self.model.ty(id).qualified.clone(),
        };
        if ty.collection { format!("Collection({item})") } else { item }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::names::Names;
    use crate::{Config, RuntimeDependency};

    /// The Edm → Rust table, as the README documents it.
    pub const TABLE: &[(&str, &str)] = &[
        ("String", "String"),
        ("Boolean", "bool"),
        ("Byte", "u8"),
        ("SByte", "i8"),
        ("Int16", "i16"),
        ("Int32", "i32"),
        ("Int64", "edm::Int64"),
        ("Single", "edm::Single"),
        ("Double", "edm::Double"),
        ("Decimal", "edm::Decimal"),
        ("Guid", "edm::Guid"),
        ("Binary", "edm::Binary"),
        ("Date", "edm::Date"),
        ("TimeOfDay", "edm::TimeOfDay"),
        ("Duration", "edm::Duration"),
        ("DateTimeOffset", "edm::DateTimeOffset"),
        ("DateTime", "edm::DateTime"),
        ("Time", "edm::Duration"),
        ("Stream", "serde_json::Value"),
        ("Untyped", "serde_json::Value"),
        ("PrimitiveType", "serde_json::Value"),
        ("GeographyPoint", "edm::Geo"),
        ("GeometryPolygon", "edm::Geo"),
        ("AnnotationPath", "String"),
    ];

    fn with_ctx(f: impl FnOnce(&Ctx)) {
        let model = Model::default();
        let names = Names { namespaces: Vec::new(), types: Vec::new(), containers: Vec::new(), operations: Vec::new() };
        let config = Config {
            crate_name: "t".into(),
            source_name: "t.xml".into(),
            runtime: RuntimeDependency::Path(".".into()),
            ..Config::default()
        };
        let ctx = Ctx {
            model: &model,
            names: &names,
            config: &config,
            std: Std::for_file([], true),
            here: None,
            imports: None,
        };
        f(&ctx);
    }

    #[test]
    fn edm_mapping() {
        with_ctx(|ctx| {
            for (edm, rust) in TABLE {
                let p = Primitive::from_name(edm).unwrap_or_else(|| panic!("Edm.{edm} is known"));
                let got = ctx.primitive(p).to_string().replace(' ', "").replace("rt::", "");
                assert_eq!(&got, rust, "Edm.{edm}");
            }
            // Every Edm type has a mapping, and the README table lists it.
            let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
            for name in Primitive::all_names() {
                let row = format!("| `Edm.{name}`");
                let spatial = name.starts_with("Geo");
                assert!(readme.contains(&row) || spatial, "README lacks a row for Edm.{name}");
            }
            for (edm, rust) in TABLE.iter().filter(|(e, _)| !e.starts_with("Geo")) {
                let row = format!("| `Edm.{edm}` | `{rust}`");
                assert!(readme.contains(&row), "README row for Edm.{edm} should say `{rust}`");
            }
        });
    }

    #[test]
    fn field_types() {
        with_ctx(|ctx| {
            let t = |target, collection, nullable| {
                ctx.field_type(&TypeRef { target, collection, nullable }).to_string().replace(' ', "")
            };
            let s = Target::Primitive(Primitive::String);
            assert_eq!(t(s, false, true), "Option<String>");
            assert_eq!(t(s, false, false), "Option<String>");
            assert_eq!(t(s, true, false), "Vec<String>");
            assert_eq!(t(s, true, true), "Vec<Option<String>>");
        });
    }
}
