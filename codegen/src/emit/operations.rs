//! Actions and functions: methods on the path types they are bound to,
//! functions of the container module for imports, and a parameters struct
//! per action with parameters.
//!
//! Every operation method builds a request through the runtime
//! (`request::action`, `request::action_with`, `request::Call`), so a method
//! is a few lines whatever the operation: the parameters, the URL segment,
//! and the kind of answer (`expect::…`) chosen from the return type.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code_span, deprecation, description};
use super::ir::{Attrs, Expr, Field, Fn, Item, ParamsRow, Struct, Table, TableBody};
use super::rust_type::key_param;
use super::{Ctx, FileContent, OutputFile, ident, source_text};
use crate::model::{OpId, Operation, OperationKind, Parameter, Primitive, Target, TypeKind, TypeRef};

/// The kind of answer of `op` (a `expect::…` type), from its return type.
pub(crate) fn expect_type(ctx: &Ctx, op: &Operation) -> TokenStream {
    let rt = &ctx.std.rt;
    let Some(r) = op.returns else { return quote!(#rt::expect::NoContent) };
    match r.target {
        Target::Primitive(Primitive::Stream) if !r.collection => quote!(#rt::expect::Bytes),
        Target::Named(id) if ctx.model.is_entity(id) => {
            let t = ctx.type_path(id);
            match (r.collection, r.nullable) {
                (true, _) => quote!(#rt::expect::Entities<#t>),
                (false, false) => quote!(#rt::expect::Entity<#t>),
                (false, true) => quote!(#rt::expect::Optional<#rt::expect::Entity<#t>>),
            }
        }
        Target::Named(id) if ctx.model.structured(id).is_some() => {
            let v = ctx.value_path(id);
            match (r.collection, r.nullable) {
                (true, _) => quote!(#rt::expect::Values<#v>),
                (false, false) => quote!(#rt::expect::Complex<#v>),
                (false, true) => quote!(#rt::expect::Optional<#rt::expect::Complex<#v>>),
            }
        }
        target => {
            let v = ctx.item_type(target, false);
            let option = &ctx.std.option;
            match (r.collection, r.nullable) {
                (true, _) => quote!(#rt::expect::Values<#v>),
                (false, false) => quote!(#rt::expect::Primitive<#v>),
                (false, true) => quote!(#rt::expect::Primitive<#option<#v>>),
            }
        }
    }
}

/// Whether a parameter of this type is written as a literal in a function
/// call (else as JSON in an alias).
fn is_literal(ctx: &Ctx, ty: &TypeRef) -> bool {
    if ty.collection {
        return false;
    }
    match ty.target {
        Target::Primitive(p) => literal_primitive(p),
        Target::Named(id) => match &ctx.model.ty(id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Definition(d) => literal_primitive(d.underlying),
            _ => false,
        },
    }
}

fn literal_primitive(p: Primitive) -> bool {
    !matches!(p, Primitive::Stream | Primitive::Untyped | Primitive::Abstract(_) | Primitive::Spatial(_))
}

/// The Rust type of an action parameter's value: the item type, unboxed,
/// in a `Vec` for a collection.
fn value_type(ctx: &Ctx, ty: &TypeRef) -> TokenStream {
    let item = ctx.item_type(ty.target, false);
    if ty.collection {
        let vec = &ctx.std.vec;
        quote!(#vec<#item>)
    } else {
        item
    }
}

/// Whether a parameter is sent as `Option` (nullable or optional).
fn is_optional(p: &Parameter) -> bool {
    p.optional || (p.ty.nullable && !p.ty.collection)
}

/// The argument type of a function parameter: by value for small
/// primitives, by reference otherwise, in an `Option` when it may be left
/// out or be `null`.
fn argument_type(ctx: &Ctx, p: &Parameter) -> TokenStream {
    let base = if is_literal(ctx, &p.ty) {
        match p.ty.target {
            Target::Named(id) if matches!(&ctx.model.ty(id).kind, TypeKind::Enum(e) if e.is_flags) => {
                let t = ctx.item_type(p.ty.target, false);
                quote!(&#t)
            }
            target => key_param(ctx, target),
        }
    } else if p.ty.collection {
        let item = ctx.item_type(p.ty.target, false);
        quote!(&[#item])
    } else {
        let t = ctx.item_type(p.ty.target, false);
        quote!(&#t)
    };
    if is_optional(p) {
        let option = &ctx.std.option;
        quote!(#option<#base>)
    } else {
        base
    }
}

/// What a bound operation is bound to, for docs: `bound to `ns.user``.
fn binding_text(ctx: &Ctx, op: &Operation) -> Option<String> {
    let b = op.binding?;
    let ty = code_span(&ctx.model.ty(b.ty).qualified);
    Some(if b.collection { format!("bound to collections of {ty}") } else { format!("bound to {ty}") })
}

/// The doc lines and deprecation of an operation method or function.
fn op_attrs(ctx: &Ctx, op: &Operation, segment: &str) -> Attrs {
    let mut paragraphs = description(&op.docs);
    let (verb, kind) = match op.kind {
        OperationKind::Action => ("POST", "action"),
        OperationKind::Function => (op.http_method.unwrap_or("GET"), "function"),
    };
    let args = match (op.kind, op.http_method) {
        (OperationKind::Action, _) => "",
        (OperationKind::Function, None) => "(…)",
        (OperationKind::Function, Some(_)) => "?…",
    };
    let bound = binding_text(ctx, op).map(|b| format!(", {b}")).unwrap_or_default();
    let returns = match op.returns {
        Some(r) => format!(" It returns {}.", code_span(&ctx.edm_name(&r))),
        None => " It returns nothing.".to_owned(),
    };
    paragraphs.push(format!(
        "`{verb} …/{}{}`: the {} {kind}{bound}.{returns}",
        segment.replace('`', "'"),
        args,
        code_span(&op.qualified)
    ));
    Attrs { doc: Doc::new(&paragraphs, 1), deprecated: deprecation(&op.docs), ..Attrs::default() }
}

/// One method (or container function) calling `op`: `base` is the
/// expression of the path it is called on, `segment` its URL segment (the
/// qualified name, or an import's name); a method takes `&self`.
fn operation_fn(ctx: &Ctx, id: OpId, method: &str, base: Expr, segment: &str, receiver: bool) -> Fn {
    let op = ctx.model.op(id);
    let names = ctx.names.op(id);
    let root = source_text(&ctx.root());
    let rt = source_text(&ctx.std.rt);
    let attrs = op_attrs(ctx, op, segment);
    let name = ident(method).to_string();
    let request = format!("{rt}::Request<{}>", source_text(&expect_type(ctx, op)));
    let default = || Expr::Call(ctx.std.default_fn.to_owned(), Vec::new());
    let segment = Expr::Str(segment.to_owned());
    match op.kind {
        OperationKind::Action => match &names.params_struct {
            Some(params) => {
                let module = if ctx.here == Some(op.namespace) {
                    "super".to_owned()
                } else {
                    format!("{root}::{}", ident(&ctx.names.namespaces[op.namespace.0 as usize].module))
                };
                let ty = format!("&{module}::{}", ident(params));
                let body = Expr::Call(
                    format!("{rt}::request::action_with"),
                    vec![base, segment, Expr::path("params"), default()],
                );
                Fn { attrs, name, receiver, params: vec![("params".to_owned(), ty)], ret: request, body }
            }
            None => {
                let body = Expr::Call(format!("{rt}::request::action"), vec![base, segment, default()]);
                Fn { attrs, name, receiver, params: Vec::new(), ret: request, body }
            }
        },
        OperationKind::Function => {
            let mut params = Vec::new();
            let mut call = Expr::Call(format!("{rt}::request::Call::new"), vec![base, segment]);
            let mut inline = true;
            for (p, arg) in op.parameters.iter().zip(&names.params) {
                let arg = ident(arg).to_string();
                params.push((arg.clone(), source_text(&argument_type(ctx, p))));
                let json = Expr::Str(p.name.clone());
                let value = Expr::path(arg);
                call = match (is_literal(ctx, &p.ty), p.optional) {
                    (true, false) => call.method("arg", vec![json, value.reference()]),
                    (true, true) => call.method("opt_arg", vec![json, value]),
                    (false, false) if is_optional(p) => {
                        inline = false;
                        call.method("json_arg", vec![json, value.reference()])
                    }
                    (false, false) => {
                        inline = false;
                        call.method("json_arg", vec![json, value])
                    }
                    (false, true) => {
                        inline = false;
                        call.method("opt_json_arg", vec![json, value])
                    }
                };
            }
            // A composable function returning entities is a path that can
            // be followed and queried further.
            let composable = match op.returns {
                Some(TypeRef { target: Target::Named(t), collection, .. })
                    if op.composable && inline && ctx.model.is_entity(t) =>
                {
                    Some((source_text(&ctx.type_path(t)), collection))
                }
                _ => None,
            };
            let (ret, body) = match composable {
                Some((t, collection)) => {
                    let path_type = if collection { "CollectionRef" } else { "EntityRef" };
                    (
                        format!("{root}::{path_type}<{t}, {rt}::Caps<false, false, false>>"),
                        Expr::Call(format!("{root}::{path_type}::new"), vec![call.method("path", Vec::new())]),
                    )
                }
                None => match op.http_method {
                    Some(method) if method != "GET" => {
                        (request, call.method("request_as", vec![Expr::Str(method.to_owned()), default()]))
                    }
                    _ => (request, call.method("request", vec![default()])),
                },
            };
            Fn { attrs, name, receiver, params, ret, body }
        }
    }
}

/// The methods of a path type for its bound operations.
pub fn bound_methods(ctx: &Ctx, methods: &[(OpId, String)]) -> Vec<Fn> {
    methods
        .iter()
        .map(|(id, method)| {
            let segment = ctx.model.op(*id).qualified.clone();
            let base = Expr::path("self").method("path", Vec::new());
            operation_fn(ctx, *id, method, base, &segment, true)
        })
        .collect()
}

/// The functions of a container module for its operation imports.
pub fn import_functions(ctx: &Ctx, container: usize) -> Vec<Fn> {
    let c = &ctx.model.containers[container];
    let names = &ctx.names.containers[container];
    let mut out = Vec::new();
    for (imp, fns) in c.imports.iter().zip(&names.imports) {
        for (op, f) in imp.operations.iter().zip(fns) {
            out.push(operation_fn(ctx, *op, f, super::paths::root_path(ctx, "").reference(), &imp.name, false));
        }
    }
    out
}

/// Whether `Default` can be derived for a parameters struct: every
/// required field's type has a default.
fn defaultable(ctx: &Ctx, p: &Parameter) -> bool {
    if is_optional(p) || p.ty.collection {
        return true;
    }
    match p.ty.target {
        Target::Primitive(prim) => {
            prim.is_plain_rust()
                || matches!(
                    prim,
                    Primitive::Int64
                        | Primitive::Single
                        | Primitive::Double
                        | Primitive::Stream
                        | Primitive::Untyped
                        | Primitive::Abstract(_)
                )
        }
        Target::Named(id) => match &ctx.model.ty(id).kind {
            TypeKind::Entity(_) | TypeKind::Complex(_) => !ctx.model.is_polymorphic(id),
            TypeKind::Enum(e) => e.is_flags,
            TypeKind::Definition(d) => defaultable(
                ctx,
                &Parameter { ty: TypeRef { target: Target::Primitive(d.underlying), ..p.ty }, ..p.clone() },
            ),
        },
    }
}

/// The file of an action's parameters struct: the struct, and the table
/// from which the runtime's `params_impls!` writes its `Serialize` impl.
pub fn params_file(ctx: &Ctx, id: OpId, path: String) -> OutputFile {
    let op = ctx.model.op(id);
    let names = ctx.names.op(id);
    let name = names.params_struct.clone().expect("an action with parameters");
    let rt = source_text(&ctx.std.rt);
    let bound = binding_text(ctx, op).map(|b| format!(" {b}")).unwrap_or_default();
    let mut paragraphs = description(&op.docs);
    paragraphs
        .push(format!("The parameters of the {} action{bound}, sent as its JSON body.", code_span(&op.qualified)));
    let derives = if op.parameters.iter().all(|p| defaultable(ctx, p)) {
        "Clone, Debug, Default, PartialEq"
    } else {
        "Clone, Debug, PartialEq"
    };
    let mut fields = Vec::with_capacity(op.parameters.len());
    let mut rows = Vec::with_capacity(op.parameters.len());
    for (p, field) in op.parameters.iter().zip(&names.params) {
        let mut paragraphs = description(&p.docs);
        // OData reads a parameter missing from an action's body as `null`,
        // so a nullable one is left out when `None`, as an optional one is.
        let how = if p.optional {
            "optional: left out when `None`"
        } else if is_optional(p) {
            "nullable: left out (read as `null`) when `None`"
        } else {
            "required"
        };
        paragraphs.push(format!("{}: {}, {how}.", code_span(&p.name), code_span(&ctx.edm_name(&p.ty))));
        let value = value_type(ctx, &p.ty);
        let ty = if is_optional(p) {
            let option = &ctx.std.option;
            quote!(#option<#value>)
        } else {
            value
        };
        let field = ident(field).to_string();
        fields.push(Field {
            attrs: Attrs { doc: Doc::new(&paragraphs, 1), deprecated: deprecation(&p.docs), ..Attrs::default() },
            name: field.clone(),
            ty: source_text(&ty),
        });
        rows.push(ParamsRow { field, required: !is_optional(p), json: p.name.clone() });
    }
    let items = vec![
        Item::Struct(Struct {
            attrs: Attrs { doc: Doc::new(&paragraphs, 1), deprecated: deprecation(&op.docs), ..Attrs::default() },
            derives,
            name: name.clone(),
            fields,
        }),
        Item::Table(Table { rt, body: TableBody::Params { ty: name, rows } }),
    ];
    OutputFile { path, content: FileContent::Rust(items) }
}
