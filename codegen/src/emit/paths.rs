//! Request paths: typed references to entities and collections, the
//! navigation between them, and the requests each offers.
//!
//! Size grows with the number of entity types and navigation properties,
//! not with the number of URL paths: `EntityRef<T>` has one method per
//! navigation property of `T`, whichever way `T` was reached, so
//! `users().key(id).messages()` and `me().messages()` share one method.
//! What a path can do (get, list, update, delete, references, casts) is
//! written once, generically, in `src/paths.rs`; behaviour lives in the
//! runtime. A type's file adds only its key, navigation, stream and
//! operation methods.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Doc;
use super::ir::{Impl, Item};
use super::rust_type::key_param;
use super::{Ctx, ident, source_text};
use crate::model::{Capabilities, TypeId};

/// The inherent methods (and associated functions) of `EntityRef<T>` in
/// `src/paths.rs`, for every `T`. Names of navigation properties,
/// streams and operations avoid them ([`crate::names`] reads this list);
/// a test checks that it is exactly what [`runtime_types`] defines.
pub const ENTITY_REF_METHODS: &[&str] = &[
    "new",
    "restricted",
    "path",
    "rules",
    "nav",
    "nav_many",
    "stream",
    "get",
    "cast",
    "set_ref",
    "delete_ref",
    "update",
    "update_from",
    "replace",
    "delete",
];

/// The inherent methods of `CollectionRef<T>` in `src/paths.rs`; `key`
/// and collection-bound operations avoid them.
pub const COLLECTION_REF_METHODS: &[&str] =
    &["new", "restricted", "path", "rules", "member", "list", "count", "cast", "add_ref", "remove_ref", "create"];

/// `src/paths.rs`: the path types. They live in the generated crate (not
/// the runtime) so that each entity type can add its own inherent methods.
pub(crate) fn runtime_types() -> TokenStream {
    quote! {
        //! Typed request paths. Start from the functions of a container
        //! module (one per entity set, singleton and operation import), then
        //! follow keys and navigation properties. Each path offers the
        //! requests the metadata allows: `get`, `list`, `count`, `create`,
        //! `update`, `replace`, `delete`, references, casts, and the
        //! operations bound to its type. Requests are built, not sent: see
        //! `odata_runtime::request`.

        // The crate-private constructors are what the type files and
        // container modules call; a crate without navigation, streams or
        // keys does not call all of them.
        #![allow(dead_code)]

        use ::odata_runtime::expect;
        use ::odata_runtime::request::{Changes, Path, Request, StreamRef};
        use ::odata_runtime::{Caps, DerivedFrom, EntityType, Rules, WriteMode};
        use ::odata_runtime::http::Method;

        /// The path of one entity of type `T`: an entity-set member, a
        /// singleton, or a single-valued navigation property. `C` says what
        /// the metadata allows on it (`Caps<INSERT, UPDATE, DELETE>`):
        /// `update` and `delete` exist only where it allows them.
        pub struct EntityRef<T, C = Caps<true, true, true>> {
            path: Path,
            rules: Rules,
            _type: ::core::marker::PhantomData<fn() -> (T, C)>,
        }

        impl<T, C> EntityRef<T, C> {
            pub(crate) fn new(path: Path) -> Self {
                EntityRef { path, rules: Rules::NONE, _type: ::core::marker::PhantomData }
            }

            pub(crate) fn restricted(path: Path, rules: Rules) -> Self {
                EntityRef { path, rules, _type: ::core::marker::PhantomData }
            }

            /// The path, relative to the service root.
            pub fn path(&self) -> &Path {
                &self.path
            }

            /// What the metadata forbids on this path (query options, changes
            /// without an ETag).
            pub fn rules(&self) -> Rules {
                self.rules
            }

            pub(crate) fn nav<U, D>(&self, segment: &str, rules: Rules) -> EntityRef<U, D> {
                EntityRef::restricted(self.path.join(segment), rules)
            }

            pub(crate) fn nav_many<U, D>(&self, segment: &str, rules: Rules) -> CollectionRef<U, D> {
                CollectionRef::restricted(self.path.join(segment), rules)
            }

            pub(crate) fn stream(&self, segment: &str) -> StreamRef {
                StreamRef::new(self.path.join(segment))
            }
        }

        impl<T, C> ::core::clone::Clone for EntityRef<T, C> {
            fn clone(&self) -> Self {
                EntityRef::restricted(self.path.clone(), self.rules)
            }
        }

        impl<T, C> ::core::fmt::Debug for EntityRef<T, C> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple("EntityRef").field(&self.path.as_str()).finish()
            }
        }

        impl<T: EntityType, C> EntityRef<T, C> {
            /// `GET` of the entity. The answer is `T`, or its polymorphic
            /// enum when `T` has derived types; `$select` and `$expand` apply.
            pub fn get(&self) -> Request<expect::Entity<T>> {
                Request::new(Method::GET, self.path.clone(), expect::Entity::default()).with_rules(self.rules)
            }

            /// The entity as `U`, a type derived from `T`: the path with a
            /// type-cast segment (`…/microsoft.graph.user`).
            pub fn cast<U: EntityType + DerivedFrom<T>>(&self) -> EntityRef<U, C> {
                EntityRef::restricted(self.path.join(U::QUALIFIED_NAME), self.rules)
            }

            /// `PUT …/$ref` with `{"@odata.id": <target>}`: this single-valued
            /// navigation property now refers to `target`.
            pub fn set_ref<U: EntityType + DerivedFrom<T>, D>(&self, target: &EntityRef<U, D>) -> Request<expect::NoContent> {
                Request::new(Method::PUT, self.path.join("$ref"), expect::NoContent).with_reference(target.path.clone())
            }

            /// `DELETE …/$ref`: this navigation property (or, for a member of
            /// a collection-valued one, `…/members('id')/$ref`, the collection)
            /// no longer refers to the entity. The entity itself stays.
            pub fn delete_ref(&self) -> Request<expect::NoContent> {
                Request::new(Method::DELETE, self.path.join("$ref"), expect::NoContent)
            }
        }

        impl<T: EntityType, const I: bool, const D: bool> EntityRef<T, Caps<I, true, D>> {
            /// `PATCH` of the properties in `changes`: each is set to a value
            /// or to `null`; the others are left as they are.
            pub fn update(&self, changes: &Changes<T>) -> Request<expect::Updated<T::Value>> {
                Request::new(Method::PATCH, self.path.clone(), expect::Updated::default())
                    .with_rules(self.rules)
                    .with_changes(changes)
            }

            /// `PATCH` of the properties `value` holds (and of those it marks
            /// as explicit `null`s); read-only properties and control
            /// information are not sent.
            pub fn update_from(&self, value: &T::Value) -> Request<expect::Updated<T::Value>> {
                Request::new(Method::PATCH, self.path.clone(), expect::Updated::default())
                    .with_rules(self.rules)
                    .with_payload(value, WriteMode::Update)
            }

            /// `PUT` of `value`: the entity is replaced, properties `value`
            /// does not hold get their defaults.
            pub fn replace(&self, value: &T::Value) -> Request<expect::Updated<T::Value>> {
                Request::new(Method::PUT, self.path.clone(), expect::Updated::default())
                    .with_rules(self.rules)
                    .with_payload(value, WriteMode::Update)
            }
        }

        impl<T: EntityType, const I: bool, const U: bool> EntityRef<T, Caps<I, U, true>> {
            /// `DELETE` of the entity.
            pub fn delete(&self) -> Request<expect::NoContent> {
                Request::new(Method::DELETE, self.path.clone(), expect::NoContent).with_rules(self.rules)
            }
        }

        /// The path of a collection of entities of type `T`: an entity set or
        /// a collection-valued navigation property. `C` says what the
        /// metadata allows (`Caps<INSERT, UPDATE, DELETE>`): `create` exists
        /// only where it allows inserts, and members have `update` and
        /// `delete` only where it allows them.
        pub struct CollectionRef<T, C = Caps<true, true, true>> {
            path: Path,
            rules: Rules,
            _type: ::core::marker::PhantomData<fn() -> (T, C)>,
        }

        impl<T, C> CollectionRef<T, C> {
            pub(crate) fn new(path: Path) -> Self {
                CollectionRef { path, rules: Rules::NONE, _type: ::core::marker::PhantomData }
            }

            pub(crate) fn restricted(path: Path, rules: Rules) -> Self {
                CollectionRef { path, rules, _type: ::core::marker::PhantomData }
            }

            /// The path, relative to the service root.
            pub fn path(&self) -> &Path {
                &self.path
            }

            /// What the metadata forbids on this collection.
            pub fn rules(&self) -> Rules {
                self.rules
            }

            pub(crate) fn member(&self, path: Path) -> EntityRef<T, C> {
                EntityRef::restricted(path, self.rules)
            }
        }

        impl<T, C> ::core::clone::Clone for CollectionRef<T, C> {
            fn clone(&self) -> Self {
                CollectionRef::restricted(self.path.clone(), self.rules)
            }
        }

        impl<T, C> ::core::fmt::Debug for CollectionRef<T, C> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple("CollectionRef").field(&self.path.as_str()).finish()
            }
        }

        impl<T: EntityType, C> CollectionRef<T, C> {
            /// `GET` of the collection: a page of entities; `$filter`,
            /// `$select`, `$expand`, `$orderby`, `$top`, `$skip`, `$search`
            /// and `$count` apply. The client follows the next pages.
            pub fn list(&self) -> Request<expect::Entities<T>> {
                Request::new(Method::GET, self.path.clone(), expect::Entities::default()).with_rules(self.rules)
            }

            /// `GET …/$count`: how many entities the collection holds
            /// (`$filter` and `$search` apply).
            pub fn count(&self) -> Request<expect::Count<T>> {
                Request::new(Method::GET, self.path.join("$count"), expect::Count::default()).with_rules(self.rules)
            }

            /// The members of type `U`, derived from `T`: the path with a
            /// type-cast segment (`…/members/microsoft.graph.user`).
            pub fn cast<U: EntityType + DerivedFrom<T>>(&self) -> CollectionRef<U, C> {
                CollectionRef::restricted(self.path.join(U::QUALIFIED_NAME), self.rules)
            }

            /// `POST …/$ref` with `{"@odata.id": <target>}`: adds a reference
            /// to an existing entity to this collection-valued navigation
            /// property.
            pub fn add_ref<U: EntityType + DerivedFrom<T>, D>(&self, target: &EntityRef<U, D>) -> Request<expect::NoContent> {
                Request::new(Method::POST, self.path.join("$ref"), expect::NoContent).with_reference(target.path.clone())
            }

            /// `DELETE …/$ref?$id=<target>`: removes the reference to `target`
            /// from this collection-valued navigation property.
            pub fn remove_ref<U: EntityType + DerivedFrom<T>, D>(&self, target: &EntityRef<U, D>) -> Request<expect::NoContent> {
                Request::new(Method::DELETE, self.path.join("$ref"), expect::NoContent).with_id_option(target.path.clone())
            }
        }

        impl<T: EntityType, const U: bool, const D: bool> CollectionRef<T, Caps<true, U, D>> {
            /// A request creating `body` in this collection: `POST` to the
            /// collection's URL with `body` as JSON. A value of a type derived
            /// from `T` is sent with its `@odata.type`; read-only properties
            /// are not sent.
            pub fn create(&self, body: &T::Value) -> Request<expect::Created<T::Value>> {
                Request::new(Method::POST, self.path.clone(), expect::Created::default())
                    .with_rules(self.rules)
                    .with_payload(body, WriteMode::Create)
            }
        }
    }
}

/// The `Caps` type of a path with these capabilities: empty when it
/// allows everything (the default parameter), else `, rt::Caps<…>`.
pub(crate) fn caps_param(ctx: &Ctx, caps: &Capabilities, insertable: bool) -> TokenStream {
    let update = caps.updatable.unwrap_or(true);
    let delete = caps.deletable.unwrap_or(true);
    if insertable && update && delete {
        return quote!();
    }
    let rt = &ctx.std.rt;
    quote!(, #rt::Caps<#insertable, #update, #delete>)
}

/// The query options Capabilities annotations can forbid: the fact, the
/// `Rules` method that forbids it, and the option as docs name it.
fn query_restrictions(caps: &Capabilities) -> [(Option<bool>, &'static str, &'static str); 8] {
    [
        (caps.filterable, "no_filter", "`$filter`"),
        (caps.sortable, "no_orderby", "`$orderby`"),
        (caps.selectable, "no_select", "`$select`"),
        (caps.expandable, "no_expand", "`$expand`"),
        (caps.countable, "no_count", "`$count`"),
        (caps.top, "no_top", "`$top`"),
        (caps.skip, "no_skip", "`$skip`"),
        (caps.searchable, "no_search", "`$search`"),
    ]
}

/// The `Rules` value of a path with these capabilities.
pub(crate) fn rules_value(ctx: &Ctx, caps: &Capabilities) -> TokenStream {
    let rt = &ctx.std.rt;
    let mut out = quote!(#rt::Rules::NONE);
    for (allowed, method, _) in query_restrictions(caps) {
        if allowed == Some(false) {
            let m = ident(method);
            out.extend(quote!(.#m()));
        }
    }
    if caps.etag_required == Some(true) {
        out.extend(quote!(.etag_required()));
    }
    out
}

/// What a doc comment says about a path's capabilities: what the metadata
/// forbids.
pub(crate) fn caps_note(caps: &Capabilities, insertable: bool, collection: bool) -> String {
    let mut no = Vec::new();
    if collection && !insertable {
        no.push("creating entities");
    }
    if caps.updatable == Some(false) {
        no.push("updates");
    }
    if caps.deletable == Some(false) {
        no.push("deletes");
    }
    no.extend(query_restrictions(caps).iter().filter(|(a, _, _)| *a == Some(false)).map(|(_, _, n)| *n));
    let mut note = String::new();
    if !no.is_empty() {
        note = format!(" The metadata does not allow {} here.", no.join(", "));
    }
    if caps.etag_required == Some(true) {
        note.push_str(" Changes need an ETag (`if_match`).");
    }
    note
}

/// The key method of `CollectionRef<T>` with the collection-bound
/// operations, the navigation, stream and operation methods of
/// `EntityRef<T>`, for entity type `id`.
pub(crate) fn entity_impls(ctx: &Ctx, id: TypeId) -> TokenStream {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    // The full path: a type named like the generic parameter cannot
    // shadow it.
    let name = ctx.type_path(id);
    let rt = &ctx.std.rt;
    let root = ctx.root();
    let mut out = TokenStream::new();

    let mut collection_methods = TokenStream::new();
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
        let path = if key.len() == 1 && ctx.config.key_as_segment {
            let arg = &args[0];
            quote!(self.path().key_segment(&#arg))
        } else if key.len() == 1 {
            let arg = &args[0];
            quote!(self.path().key(&#arg))
        } else {
            let parts = key.iter().zip(&args).map(|(part, arg)| {
                let json = &part.name;
                quote!((#json, &#arg as &dyn #rt::literal::Literal))
            });
            quote!(self.path().composite_key(&[#(#parts),*]))
        };
        let key_names: Vec<&str> = key.iter().map(|k| k.name.as_str()).collect();
        let doc =
            Doc::generated(&format!("The member of this collection with key `{}`.", key_names.join("`, `"))).tokens();
        collection_methods.extend(quote! {
            #doc
            pub fn key(&self, #(#params),*) -> #root::EntityRef<#name, C> {
                self.member(#path)
            }
        });
    }
    collection_methods.extend(super::operations::bound_methods(ctx, &names.collection_op_methods));
    if !collection_methods.is_empty() {
        out.extend(quote! {
            impl<C> #root::CollectionRef<#name, C> {
                #collection_methods
            }
        });
    }

    let mut methods = TokenStream::new();
    for ((_, n), method) in model.all_navigation(id).iter().zip(&names.navigation_methods) {
        let method = ident(method);
        let target = ctx.type_path(n.target);
        let json = &n.name;
        let target_name = &model.ty(n.target).qualified;
        let caps = model.path_caps(n.caps, n.target);
        let rules = rules_value(ctx, &caps);
        let note = caps_note(&caps, n.insertable, n.collection);
        if n.collection {
            let caps = caps_param(ctx, &caps, n.insertable);
            let doc = Doc::generated(&format!("The `{json}` collection (`Collection({target_name})`).{note}")).tokens();
            methods.extend(quote! {
                #doc
                pub fn #method(&self) -> #root::CollectionRef<#target #caps> {
                    self.nav_many(#json, #rules)
                }
            });
        } else {
            let caps = caps_param(ctx, &caps, true);
            let doc = Doc::generated(&format!("The `{json}` entity (`{target_name}`).{note}")).tokens();
            methods.extend(quote! {
                #doc
                pub fn #method(&self) -> #root::EntityRef<#target #caps> {
                    self.nav(#json, #rules)
                }
            });
        }
    }
    if let Some(media) = &names.media_method {
        let media = ident(media);
        methods.extend(quote! {
            /// The entity's media stream (`…/$value`): its content as bytes.
            pub fn #media(&self) -> #rt::request::StreamRef {
                self.stream("$value")
            }
        });
    }
    for (p, method) in model.stream_properties(id).iter().zip(&names.stream_methods) {
        let method = ident(method);
        let json = &p.name;
        let doc = Doc::generated(&format!("The `{json}` stream property: its content as bytes.")).tokens();
        methods.extend(quote! {
            #doc
            pub fn #method(&self) -> #rt::request::StreamRef {
                self.stream(#json)
            }
        });
    }
    methods.extend(super::operations::bound_methods(ctx, &names.entity_op_methods));
    if !methods.is_empty() {
        out.extend(quote! {
            impl<C> #root::EntityRef<#name, C> {
                #methods
            }
        });
    }
    out
}

/// The `DerivedFrom` impls of entity type `id`: one for itself and one per
/// base type, which let a typed reference or a `cast` stand for its bases.
pub(crate) fn derived_from_impls(ctx: &Ctx, id: TypeId) -> Vec<Item> {
    let rt = source_text(&ctx.std.rt);
    let name = source_text(&ctx.type_path(id));
    ctx.model
        .self_and_ancestors(id)
        .map(|ancestor| {
            Item::Impl(Impl {
                trait_path: format!("{rt}::DerivedFrom<{}>", source_text(&ctx.type_path(ancestor))),
                for_type: name.clone(),
                assoc_type: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reserved method lists are exactly the methods the template
    /// defines, so a name in the metadata can never collide with one.
    #[test]
    fn reserved_names_are_the_templates_methods() {
        let file = syn::parse2::<syn::File>(runtime_types()).expect("the template parses");
        let mut entity = Vec::new();
        let mut collection = Vec::new();
        for item in &file.items {
            let syn::Item::Impl(imp) = item else { continue };
            if imp.trait_.is_some() {
                continue;
            }
            let syn::Type::Path(p) = &*imp.self_ty else { continue };
            let ty = p.path.segments.last().unwrap().ident.to_string();
            for item in &imp.items {
                if let syn::ImplItem::Fn(f) = item {
                    let name = f.sig.ident.to_string();
                    match ty.as_str() {
                        "EntityRef" => entity.push(name),
                        "CollectionRef" => collection.push(name),
                        other => panic!("unexpected impl of {other}"),
                    }
                }
            }
        }
        entity.sort();
        collection.sort();
        let mut want_entity: Vec<String> = ENTITY_REF_METHODS.iter().map(|s| s.to_string()).collect();
        let mut want_collection: Vec<String> = COLLECTION_REF_METHODS.iter().map(|s| s.to_string()).collect();
        want_entity.sort();
        want_collection.sort();
        assert_eq!(entity, want_entity);
        assert_eq!(collection, want_collection);
    }
}
