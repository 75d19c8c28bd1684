//! Enums for enum types.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{deprecated, description, doc_attrs_keep_code};
use super::{Ctx, Std, ident};
use crate::model::{TypeId, TypeKind};

/// The enum of enum type `id`: one variant per member and one that keeps
/// values the crate does not know, so a service adding members (Graph
/// adds them after `unknownFutureValue`) never breaks deserialization.
pub fn emit(ctx: &Ctx, id: TypeId) -> TokenStream {
    let t = ctx.model.ty(id);
    let TypeKind::Enum(e) = &t.kind else { unreachable!("enums::emit is called for enum types") };
    let names = ctx.names.ty(id);
    let name = ident(&names.ident);
    let unrecognized = ident(&names.unrecognized);
    let docs = super::docs::type_docs(ctx, id);
    let qualified = &t.qualified;
    let Std { option, some, none, string, rt, rt_import, .. } = &ctx.std;

    let variants = e.members.iter().zip(&names.variants).map(|(m, v)| {
        let v = ident(v);
        let mut paragraphs = description(&m.docs);
        paragraphs.push(format!("`{}` = {}.", m.name, m.value));
        let docs = doc_attrs_keep_code(&paragraphs, 1);
        let deprecated = deprecated(&m.docs);
        quote!(#docs #deprecated #v,)
    });
    let from_arms = e.members.iter().zip(&names.variants).map(|(m, v)| {
        let v = ident(v);
        let json = &m.name;
        quote!(#json => #some(Self::#v),)
    });
    let name_arms = e.members.iter().zip(&names.variants).map(|(m, v)| {
        let v = ident(v);
        let json = &m.name;
        quote!(Self::#v => #json,)
    });
    let value_arms = e.members.iter().zip(&names.variants).map(|(m, v)| {
        let v = ident(v);
        let value = Literal::i64_unsuffixed(m.value);
        quote!(Self::#v => #some(#value),)
    });
    let flags_note = if e.is_flags {
        " Values of this flags type are `odata_runtime::Flags` of these members, written `\"a,b\"` in JSON."
    } else {
        " A value this crate does not know deserializes into the last variant and serializes back unchanged."
    };

    quote! {
        #rt_import

        #docs
        #[doc = ""]
        #[doc = #flags_note]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this crate does not know, kept as the service sent it.
            #unrecognized(#string),
        }

        impl #rt::EnumMember for #name {
            const QUALIFIED_NAME: &'static str = #qualified;

            fn from_member(name: &str) -> #option<Self> {
                match name {
                    #(#from_arms)*
                    _ => #none,
                }
            }

            fn unrecognized(raw: #string) -> Self {
                Self::#unrecognized(raw)
            }

            fn member_name(&self) -> &str {
                match self {
                    #(#name_arms)*
                    Self::#unrecognized(raw) => raw,
                }
            }

            fn value(&self) -> #option<i64> {
                match self {
                    #(#value_arms)*
                    Self::#unrecognized(_) => #none,
                }
            }
        }

        #rt::enum_impls!(#name);
    }
}
