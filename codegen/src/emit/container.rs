//! Container modules: the entry points, one function per entity set,
//! singleton and operation import.

use super::docs::{Doc, code_span, description};
use super::ir::{Attrs, Expr, Fn, Item};
use super::paths::{caps_note, caps_param, root_path, rules_value};
use super::{Ctx, ident, source_text};
use crate::model::Capabilities;

/// The items of container `index`'s module.
pub fn items(ctx: &Ctx, index: usize) -> Vec<Item> {
    let container = &ctx.model.containers[index];
    let names = &ctx.names.containers[index];
    let ns = &ctx.model.namespaces[container.namespace.0 as usize];
    let root = source_text(&ctx.root());
    let mut items = vec![Item::InnerDoc(Doc::generated(&format!(
        "Entry points of the {} entity container: one function per entity set, singleton and operation import.",
        code_span(&format!("{}.{}", ns.name, container.name))
    )))];
    // `path_type::restricted(Path::root("<name>"), <rules>)`.
    let entry = |path_type: &str, name: &str, rules: Expr| {
        Expr::Call(format!("{root}::{path_type}::restricted"), vec![root_path(ctx, name), rules])
    };
    let (set_fns, singleton_fns) = names.functions.split_at(container.entity_sets.len());
    for (set, f) in container.entity_sets.iter().zip(set_fns) {
        let ty = source_text(&ctx.type_path(set.entity_type));
        let type_name = &ctx.model.ty(set.entity_type).qualified;
        let caps = ctx.model.path_caps(set.caps, set.entity_type);
        let note = caps_note(&caps, set.insertable, true);
        let mut paragraphs = description(&set.docs);
        paragraphs.push(format!(
            "The {} entity set ({}).{note}",
            code_span(&set.name),
            code_span(&format!("Collection({type_name})"))
        ));
        items.push(Item::Fn(Fn {
            attrs: Attrs::doc(Doc::new(&paragraphs, 1)),
            name: ident(f).to_string(),
            receiver: false,
            params: Vec::new(),
            ret: format!("{root}::CollectionRef<{ty}{}>", caps_param(ctx, &caps, set.insertable)),
            body: entry("CollectionRef", &set.name, rules_value(ctx, &caps)),
        }));
    }
    for (single, f) in container.singletons.iter().zip(singleton_fns) {
        let ty = source_text(&ctx.type_path(single.entity_type));
        let type_name = &ctx.model.ty(single.entity_type).qualified;
        // A singleton cannot be deleted.
        let caps = Capabilities { deletable: Some(false), ..ctx.model.path_caps(single.caps, single.entity_type) };
        let note = caps_note(&Capabilities { deletable: None, ..caps }, true, false);
        let mut paragraphs = description(&single.docs);
        paragraphs.push(format!("The {} singleton ({}).{note}", code_span(&single.name), code_span(type_name)));
        items.push(Item::Fn(Fn {
            attrs: Attrs::doc(Doc::new(&paragraphs, 1)),
            name: ident(f).to_string(),
            receiver: false,
            params: Vec::new(),
            ret: format!("{root}::EntityRef<{ty}{}>", caps_param(ctx, &caps, true)),
            body: entry("EntityRef", &single.name, rules_value(ctx, &caps)),
        }));
    }
    items.extend(super::operations::import_functions(ctx, index).into_iter().map(Item::Fn));
    items
}
