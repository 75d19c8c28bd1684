//! `use` items for the types of other namespaces a file names, so that
//! its fields and signatures say `IdentitySet` rather than
//! `crate::microsoft_graph::IdentitySet`.
//!
//! A name is imported only when nothing else in the file could mean it:
//! not the file's own item, not a standard name the file writes short
//! (see [`super::Std`]), not the generic parameter of the path impls, and
//! not a type of the same name from a third namespace the file already
//! imported (the first one named keeps the short name, the others stay
//! in full). Types of the file's own namespace are `super::Name` and need
//! no import.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::PRELUDE_TYPES;
use super::ir::{Attrs, Item};

/// The generic parameter of `impl<C> crate::EntityRef<…, C>` blocks.
const GENERIC_PARAMS: &[&str] = &["C"];

/// The imports of the file being emitted: filled as the emitter asks for
/// paths, written once the file's items are built.
pub(crate) struct Imports {
    taken: BTreeSet<String>,
    /// Short name → the module it is imported from.
    used: RefCell<BTreeMap<String, String>>,
}

impl Imports {
    /// Imports for a file whose own items are `own`.
    pub fn new<'a>(own: impl IntoIterator<Item = &'a str>) -> Imports {
        let taken = own
            .into_iter()
            .chain(PRELUDE_TYPES.iter().copied())
            .chain(GENERIC_PARAMS.iter().copied())
            .map(str::to_owned);
        Imports { taken: taken.collect(), used: RefCell::default() }
    }

    /// Whether `name` of `module` can be written short; if so, it is
    /// imported.
    pub fn short(&self, module: &str, name: &str) -> bool {
        if self.taken.contains(name) {
            return false;
        }
        let mut used = self.used.borrow_mut();
        match used.get(name) {
            Some(from) => from == module,
            None => {
                used.insert(name.to_owned(), module.to_owned());
                true
            }
        }
    }

    /// The `use` items, one per type, sorted by path.
    pub fn items(&self) -> Vec<Item> {
        let mut paths: Vec<String> =
            self.used.borrow().iter().map(|(name, module)| format!("{module}::{name}")).collect();
        paths.sort();
        paths.into_iter().map(|path| Item::Use { attrs: Attrs::default(), public: false, path }).collect()
    }
}

/// Puts `uses` at the top of `items`, after the inner docs, as one group.
pub(crate) fn insert(items: &mut Vec<Item>, uses: Vec<Item>) {
    if uses.is_empty() {
        return;
    }
    let at = items.iter().take_while(|i| matches!(i, Item::InnerDoc(_))).count();
    items.insert(at, Item::Group(uses));
}
