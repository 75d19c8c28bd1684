//! Request paths: typed references to entities and collections, and the
//! navigation between them.
//!
//! Size grows with the number of entity types and navigation properties,
//! not with the number of URL paths: `EntityRef<T>` has one method per
//! navigation property of `T`, whichever way `T` was reached, so
//! `users().key(id).messages()` and `me().messages()` share one method.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_type::key_param;
use super::{Ctx, ident};
use crate::model::TypeId;

/// `src/paths.rs`: the path types. They live in the generated crate (not
/// the runtime) so that each entity type can add its own inherent methods.
pub fn runtime_types() -> TokenStream {
    quote! {
        //! Typed request paths. Start from the functions of a container
        //! module (one per entity set and singleton), then follow keys and
        //! navigation properties; `create` builds a request for a collection.

        /// Marker: entities can be created in the collection.
        #[derive(Clone, Copy, Debug)]
        pub enum Insertable {}

        /// Marker: the metadata says entities cannot be created in the
        /// collection (`Capabilities.InsertRestrictions`), so it has no
        /// `create`.
        #[derive(Clone, Copy, Debug)]
        pub enum ReadOnly {}

        /// The path of one entity of type `T`: an entity-set member, a
        /// singleton, or a single-valued navigation property.
        pub struct EntityRef<T> {
            path: ::odata_runtime::request::Path,
            _type: ::core::marker::PhantomData<fn() -> T>,
        }

        impl<T> EntityRef<T> {
            pub(crate) fn new(path: ::odata_runtime::request::Path) -> Self {
                EntityRef { path, _type: ::core::marker::PhantomData }
            }

            /// The path, relative to the service root.
            pub fn path(&self) -> &::odata_runtime::request::Path {
                &self.path
            }
        }

        impl<T> ::core::clone::Clone for EntityRef<T> {
            fn clone(&self) -> Self {
                EntityRef::new(self.path.clone())
            }
        }

        impl<T> ::core::fmt::Debug for EntityRef<T> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple("EntityRef").field(&self.path.as_str()).finish()
            }
        }

        /// The path of a collection of entities of type `T`: an entity set or
        /// a collection-valued navigation property. `C` says whether entities
        /// can be created in it.
        pub struct CollectionRef<T, C = Insertable> {
            path: ::odata_runtime::request::Path,
            _type: ::core::marker::PhantomData<fn() -> (T, C)>,
        }

        impl<T, C> CollectionRef<T, C> {
            pub(crate) fn new(path: ::odata_runtime::request::Path) -> Self {
                CollectionRef { path, _type: ::core::marker::PhantomData }
            }

            /// The path, relative to the service root.
            pub fn path(&self) -> &::odata_runtime::request::Path {
                &self.path
            }
        }

        impl<T, C> ::core::clone::Clone for CollectionRef<T, C> {
            fn clone(&self) -> Self {
                CollectionRef::new(self.path.clone())
            }
        }

        impl<T, C> ::core::fmt::Debug for CollectionRef<T, C> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple("CollectionRef").field(&self.path.as_str()).finish()
            }
        }

        impl<T: ::odata_runtime::EntityType> CollectionRef<T, Insertable> {
            /// A request creating `body` in this collection: `POST` to the
            /// collection's URL with `body` as JSON. A value of a type derived
            /// from `T` is sent with its `@odata.type`.
            pub fn create(&self, body: &T::Value) -> ::odata_runtime::request::Create<T::Value> {
                ::odata_runtime::request::Create::new(self.path.clone(), body)
            }
        }
    }
}

/// The key method of `CollectionRef<T>` and the navigation methods of
/// `EntityRef<T>`, for entity type `id`.
pub fn entity_impls(ctx: &Ctx, id: TypeId) -> TokenStream {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    // The full path: a type named like the generic parameter cannot
    // shadow it.
    let name = ctx.type_path(id);
    let rt = &ctx.std.rt;
    let mut out = TokenStream::new();

    let key = model.key(id);
    if !key.is_empty() {
        let params: Vec<_> = key
            .iter()
            .zip(&names.key_params)
            .map(|(part, param)| {
                let p = model.key_property(part);
                let ty = key_param(ctx, p.ty.target);
                let param = ident(param);
                quote!(#param: #ty)
            })
            .collect();
        let args: Vec<_> = names.key_params.iter().map(|p| ident(p)).collect();
        let path = if key.len() == 1 {
            let arg = &args[0];
            quote!(self.path().key(&#arg))
        } else {
            let parts = key.iter().zip(&args).map(|(part, arg)| {
                let json = &part.name;
                quote!((#json, &#arg as &dyn #rt::request::KeyLiteral))
            });
            quote!(self.path().composite_key(&[#(#parts),*]))
        };
        let key_names: Vec<&str> = key.iter().map(|k| k.name.as_str()).collect();
        let doc = format!(" The member of this collection with key `{}`.", key_names.join("`, `"));
        out.extend(quote! {
            impl<C> crate::CollectionRef<#name, C> {
                #[doc = #doc]
                pub fn key(&self, #(#params),*) -> crate::EntityRef<#name> {
                    crate::EntityRef::new(#path)
                }
            }
        });
    }

    let navs = model.all_navigation(id);
    if !navs.is_empty() {
        let methods = navs.iter().zip(&names.navigation_methods).map(|((_, n), method)| {
            let method = ident(method);
            let target = ctx.type_path(n.target);
            let json = &n.name;
            let target_name = &model.ty(n.target).qualified;
            if n.collection {
                let (marker, note) = if n.insertable {
                    (quote!(crate::Insertable), "")
                } else {
                    (quote!(crate::ReadOnly), " The metadata does not allow creating entities in it.")
                };
                let doc = format!(" The `{json}` collection (`Collection({target_name})`).{note}");
                quote! {
                    #[doc = #doc]
                    pub fn #method(&self) -> crate::CollectionRef<#target, #marker> {
                        crate::CollectionRef::new(self.path().join(#json))
                    }
                }
            } else {
                let doc = format!(" The `{json}` entity (`{target_name}`).");
                quote! {
                    #[doc = #doc]
                    pub fn #method(&self) -> crate::EntityRef<#target> {
                        crate::EntityRef::new(self.path().join(#json))
                    }
                }
            }
        });
        out.extend(quote! {
            impl crate::EntityRef<#name> {
                #(#methods)*
            }
        });
    }
    out
}
