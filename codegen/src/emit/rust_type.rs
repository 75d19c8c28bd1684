//! Model types → Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::model::{Primitive, Target, TypeKind, TypeRef};

/// The Rust type of an Edm primitive (the README has the table).
pub fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::String | Primitive::PathType(_) => quote!(::std::string::String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(::odata_runtime::edm::Int64),
        Primitive::Single => quote!(::odata_runtime::edm::Single),
        Primitive::Double => quote!(::odata_runtime::edm::Double),
        Primitive::Decimal => quote!(::odata_runtime::edm::Decimal),
        Primitive::Guid => quote!(::odata_runtime::edm::Guid),
        Primitive::Binary => quote!(::odata_runtime::edm::Binary),
        Primitive::Date => quote!(::odata_runtime::edm::Date),
        Primitive::TimeOfDay => quote!(::odata_runtime::edm::TimeOfDay),
        Primitive::Duration => quote!(::odata_runtime::edm::Duration),
        Primitive::DateTimeOffset => quote!(::odata_runtime::edm::DateTimeOffset),
        Primitive::Spatial(_) => quote!(::odata_runtime::edm::Geo),
        Primitive::Stream | Primitive::Untyped | Primitive::Abstract(_) => quote!(::odata_runtime::serde_json::Value),
    }
}

/// The parameter type of a key method for a key property of this type:
/// `&str` for strings, the value for integers, a reference otherwise.
pub fn key_param(ctx: &Ctx, target: Target) -> TokenStream {
    match target {
        Target::Primitive(p) => match p {
            Primitive::String => quote!(&str),
            Primitive::Boolean | Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 => primitive(p),
            Primitive::Int64 => quote!(i64),
            other => {
                let t = primitive(other);
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
        match target {
            Target::Primitive(p) => primitive(p),
            Target::Named(id) => match &self.model.ty(id).kind {
                TypeKind::Entity(_) | TypeKind::Complex(_) => {
                    if self.model.is_polymorphic(id) {
                        self.poly_path(id)
                    } else {
                        let t = self.type_path(id);
                        if boxed { quote!(::std::boxed::Box<#t>) } else { t }
                    }
                }
                TypeKind::Enum(e) => {
                    let t = self.type_path(id);
                    if e.is_flags { quote!(::odata_runtime::Flags<#t>) } else { t }
                }
                TypeKind::Definition(_) => self.type_path(id),
            },
        }
    }

    /// The Rust type of a struct field: `Option<T>` for a single value
    /// (absent and `null` are both `None`), `Vec<T>` for a collection, and
    /// `Vec<Option<T>>` when the collection's items are nullable.
    pub fn field_type(&self, ty: &TypeRef) -> TokenStream {
        if ty.collection {
            let item = self.item_type(ty.target, false);
            if ty.nullable {
                quote!(::std::vec::Vec<::core::option::Option<#item>>)
            } else {
                quote!(::std::vec::Vec<#item>)
            }
        } else {
            let item = self.item_type(ty.target, true);
            quote!(::core::option::Option<#item>)
        }
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
