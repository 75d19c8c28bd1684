//! The resolution pass.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::codes;
use crate::csdl::raw::{self, Document, Schema, StructuredKind};
use crate::diag::{Diagnostic, Diagnostics, FileId, Location};
use crate::suggest::closest;

use super::annotations::{Facts, Terms};
use super::*;

mod annotation_targets;
mod containers;
mod identifiers;
mod inheritance;
mod keys;
mod kinds;
mod operations;
mod scopes;
mod type_refs;

use identifiers::Member;
pub use identifiers::{
    is_lenient_member_name, is_lenient_namespace, is_namespace, is_simple_identifier, is_spaced_member_name,
};
use scopes::Lookup;
use type_refs::split_type_expression;

/// A document to resolve, and the namespaces its `edmx:Reference`s name
/// that were not loaded (namespace → reference URI).
pub struct Input<'a> {
    pub file: FileId,
    pub document: &'a Document,
}

/// Resolves `documents` (the main document first) into one model. Problems
/// go to `diags`; the model is complete only when no error was added.
pub fn resolve(documents: &[Input<'_>], unloaded: &BTreeMap<String, String>, diags: &mut Diagnostics) -> Model {
    let mut r = Resolver {
        docs: documents,
        unloaded,
        diags,
        aliases: Vec::new(),
        ns_index: HashMap::default(),
        schema_ns: HashMap::default(),
        by_name: HashMap::default(),
        raw: Vec::new(),
        external: HashMap::default(),
        operations: HashSet::default(),
        model: Model::default(),
    };
    if let Some(main) = documents.first() {
        r.model.protocol = main.document.protocol;
    }
    r.namespaces();
    r.register_types();
    r.external_annotations();
    r.fill_types();
    r.inheritance();
    r.keys();
    r.containers();
    r.operations();
    r.imports();
    r.type_capabilities();
    r.unused_annotation_targets();
    r.diags.sort();
    r.model
}

/// Where a type was declared.
#[derive(Clone, Copy)]
enum RawType<'d> {
    Structured(&'d raw::StructuredType),
    Enum(&'d raw::EnumType),
    Definition(&'d raw::TypeDefinition),
}

/// External annotations for one target.
struct External<'d> {
    annotations: Vec<(usize, &'d raw::Annotation)>,
    loc: Location,
    used: bool,
}

struct Resolver<'a, 'd> {
    docs: &'a [Input<'d>],
    unloaded: &'a BTreeMap<String, String>,
    diags: &'a mut Diagnostics,
    /// Per document: alias → namespace.
    aliases: Vec<HashMap<String, String>>,
    ns_index: HashMap<String, NsId>,
    /// (document, schema index) → namespace.
    schema_ns: HashMap<(usize, usize), NsId>,
    by_name: HashMap<String, TypeId>,
    /// Per type: the document it is declared in, and its element.
    raw: Vec<(usize, RawType<'d>)>,
    external: HashMap<String, External<'d>>,
    operations: HashSet<String>,
    model: Model,
}

impl<'a, 'd> Resolver<'a, 'd> {
    fn error(&mut self, code: &'static str, message: String, loc: Location) {
        self.diags.push(Diagnostic::error(code, message).at(loc));
    }

    fn warn(&mut self, code: &'static str, message: String, loc: Location) {
        self.diags.push(Diagnostic::warning(code, message).at(loc));
    }

    fn schemas(&self) -> impl Iterator<Item = (usize, usize, &'d Schema)> + 'd {
        let docs: Vec<&'d Document> = self.docs.iter().map(|d| d.document).collect();
        docs.into_iter()
            .enumerate()
            .flat_map(|(d, doc)| doc.schemas.iter().enumerate().map(move |(s, schema)| (d, s, schema)))
    }
}

fn structured_mut(kind: &mut TypeKind) -> Option<&mut Structured> {
    match kind {
        TypeKind::Entity(s) | TypeKind::Complex(s) => Some(s),
        _ => None,
    }
}
