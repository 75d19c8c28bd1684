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

use super::docs::{Doc, code_span};
use super::ir::{Attrs, Expr, Fn, Impl, Item};
use super::rust_type::key_param;
use super::{Ctx, ident, source_text};
use crate::model::{Capabilities, Protocol, TypeId};

/// The inherent methods (and associated functions) of `EntityRef<T>` in
/// `src/paths.rs`, for every `T`. Names of navigation properties,
/// streams and operations avoid them ([`crate::names`] reads this list);
/// a test checks that it is exactly what `RUNTIME_TYPES` defines.
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
/// The file is the same for every service, so it is kept as the source
/// it is (`template/paths.rs`), written as is.
pub(crate) const RUNTIME_TYPES: &str = include_str!("template/paths.rs");

/// `Path::root("<segment>")`: the path of an entry point, relative to the
/// service root (an operation import's `Call` adds its own segment to `""`).
/// The runtime path of a container child: the one place the crate says
/// which protocol it speaks, as every other path and request starts from
/// one of these (an OData v2 path writes v2 literals, `$links`, MERGE, and
/// reads verbose JSON).
pub(crate) fn root_path(ctx: &Ctx, segment: &str) -> Expr {
    let constructor = match ctx.model.protocol {
        Protocol::V4 => "::odata_runtime::request::Path::root",
        Protocol::V2 => "::odata_runtime::request::Path::root_v2",
    };
    Expr::Call(constructor.to_owned(), vec![Expr::Str(segment.to_owned())])
}

/// The `Caps` type of a path with these capabilities: empty when it
/// allows everything (the default parameter), else `, rt::Caps<…>`.
pub(crate) fn caps_param(ctx: &Ctx, caps: &Capabilities, insertable: bool) -> String {
    let update = caps.updatable.unwrap_or(true);
    let delete = caps.deletable.unwrap_or(true);
    if insertable && update && delete {
        return String::new();
    }
    format!(", {}::Caps<{insertable}, {update}, {delete}>", source_text(&ctx.std.rt))
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
pub(crate) fn rules_value(ctx: &Ctx, caps: &Capabilities) -> Expr {
    let mut out = Expr::path(format!("{}::Rules::NONE", source_text(&ctx.std.rt)));
    for (allowed, method, _) in query_restrictions(caps) {
        if allowed == Some(false) {
            out = out.method(method, vec![]);
        }
    }
    if caps.etag_required == Some(true) {
        out = out.method("etag_required", vec![]);
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
/// `EntityRef<T>`, for entity type `id`: an `impl` of each, when it has
/// any method.
pub(crate) fn entity_impls(ctx: &Ctx, id: TypeId) -> Vec<Item> {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    // The full path: a type named like the generic parameter cannot
    // shadow it.
    let name = source_text(&ctx.type_path(id));
    let rt = source_text(&ctx.std.rt);
    let root = source_text(&ctx.root());
    let this = || Expr::path("self");
    let mut out = Vec::with_capacity(2);

    let mut collection_methods = Vec::new();
    let key = model.key(id);
    if !key.is_empty() {
        let params: Vec<(String, String)> = key
            .iter()
            .zip(&names.key_params)
            .map(|(part, param)| {
                let p = model.key_property(part);
                (ident(param).to_string(), source_text(&key_param(ctx, p.ty.target)))
            })
            .collect();
        let arg = |i: usize| Expr::path(params[i].0.clone()).reference();
        let base = this().method("path", vec![]);
        let path = if key.len() == 1 && ctx.config.key_as_segment {
            base.method("key_segment", vec![arg(0)])
        } else if key.len() == 1 {
            base.method("key", vec![arg(0)])
        } else {
            let parts = key
                .iter()
                .enumerate()
                .map(|(i, part)| {
                    Expr::Tuple(vec![
                        Expr::Str(part.name.clone()),
                        Expr::As(Box::new(arg(i)), format!("&dyn {rt}::literal::Literal")),
                    ])
                })
                .collect();
            base.method("composite_key", vec![Expr::Array(parts).reference()])
        };
        let key_names: Vec<String> = key.iter().map(|k| code_span(&k.name)).collect();
        collection_methods.push(Fn {
            attrs: Attrs::doc(Doc::generated(&format!(
                "The member of this collection with key {}.",
                key_names.join(", ")
            ))),
            name: "key".to_owned(),
            receiver: true,
            params,
            ret: format!("{root}::EntityRef<{name}, C>"),
            body: this().method("member", vec![path]),
        });
    }
    collection_methods.extend(super::operations::bound_methods(ctx, &names.collection_op_methods));
    if !collection_methods.is_empty() {
        out.push(Item::Methods {
            generics: "<C>",
            self_ty: format!("{root}::CollectionRef<{name}, C>"),
            fns: collection_methods,
        });
    }

    let mut methods = Vec::new();
    for ((_, n), method) in model.all_navigation(id).iter().zip(&names.navigation_methods) {
        let target = source_text(&ctx.type_path(n.target));
        let json = &n.name;
        let target_name = &model.ty(n.target).qualified;
        let caps = model.path_caps(n.caps, n.target);
        let rules = rules_value(ctx, &caps);
        let note = caps_note(&caps, n.insertable, n.collection);
        let (doc, ret, via) = if n.collection {
            let caps = caps_param(ctx, &caps, n.insertable);
            let doc = format!(
                "The {} collection ({}).{note}",
                code_span(json),
                code_span(&format!("Collection({target_name})"))
            );
            (doc, format!("{root}::CollectionRef<{target}{caps}>"), "nav_many")
        } else {
            let caps = caps_param(ctx, &caps, true);
            let doc = format!("The {} entity ({}).{note}", code_span(json), code_span(target_name));
            (doc, format!("{root}::EntityRef<{target}{caps}>"), "nav")
        };
        methods.push(Fn {
            attrs: Attrs::doc(Doc::generated(&doc)),
            name: ident(method).to_string(),
            receiver: true,
            params: Vec::new(),
            ret,
            body: this().method(via, vec![Expr::Str(json.clone()), rules]),
        });
    }
    let stream = |name: &str, doc: Doc, segment: &str| Fn {
        attrs: Attrs::doc(doc),
        name: ident(name).to_string(),
        receiver: true,
        params: Vec::new(),
        ret: format!("{rt}::request::StreamRef"),
        body: this().method("stream", vec![Expr::Str(segment.to_owned())]),
    };
    if let Some(media) = &names.media_method {
        let doc = Doc::generated("The entity's media stream (`…/$value`): its content as bytes.");
        methods.push(stream(media, doc, "$value"));
    }
    for (p, method) in model.stream_properties(id).iter().zip(&names.stream_methods) {
        let doc = Doc::generated(&format!("The {} stream property: its content as bytes.", code_span(&p.name)));
        methods.push(stream(method, doc, &p.name));
    }
    methods.extend(super::operations::bound_methods(ctx, &names.entity_op_methods));
    if !methods.is_empty() {
        out.push(Item::Methods { generics: "<C>", self_ty: format!("{root}::EntityRef<{name}, C>"), fns: methods });
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
        let file = syn::parse_file(RUNTIME_TYPES).expect("the template parses");
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
