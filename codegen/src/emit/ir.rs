//! The item IR: plain descriptions of the items a generated file holds —
//! structs with their documented fields, enums with their variants, type
//! aliases, trait impls, the tables from which the runtime's macros write
//! the serde and query impls, modules and imports, and the request entry
//! points.
//!
//! The emitters ([`super::structs`], [`super::enums`], [`super::poly`],
//! [`super::paths`], [`super::operations`], [`super::container`],
//! [`super::crate_files`]) decide everything here — names (from
//! [`crate::names`]), paths (from [`super::Ctx`]), doc text (a
//! [`Doc`], which only [`super::docs`] makes) — and [`super::render`]
//! lays the items out as source in one idiom. The renderer takes no
//! decision of its own, so it cannot spell a name, escape a string or
//! sanitize a doc line differently from one item kind to the next.
//!
//! Request entry points — container functions, and the key, navigation,
//! stream and operation methods of `EntityRef` and `CollectionRef` — are
//! [`Fn`]s whose body is one [`Expr`]: each builds a path or a request
//! through the runtime, so the IR needs calls, method calls, references
//! and literals, and nothing with control flow.

use super::docs::{Deprecation, Doc};

/// An item of a file, or a file's inner doc comment.
pub enum Item {
    /// `//!` lines at the top of the file.
    InnerDoc(Doc),
    Struct(Struct),
    Enum(Enum),
    /// `pub type <name> = <target>;`
    Alias {
        attrs: Attrs,
        name: String,
        target: String,
    },
    Impl(Impl),
    Table(Table),
    /// `#![allow(<lint>)]` at the top of the file.
    InnerAllow(&'static str),
    /// `[pub] mod <name>;`, with `#[path = "…"]` when `path` is set.
    Mod {
        attrs: Attrs,
        public: bool,
        path: Option<String>,
        name: String,
    },
    /// `[pub] use <path>;`
    Use {
        attrs: Attrs,
        public: bool,
        path: String,
    },
    /// `pub const <name>: <ty> = <value>;`
    Const {
        attrs: Attrs,
        name: String,
        ty: String,
        value: Expr,
    },
    /// A free function (a container's entry point).
    Fn(Fn),
    /// `impl<generics> <self_ty> { <fns> }`: inherent methods.
    Methods {
        generics: &'static str,
        self_ty: String,
        fns: Vec<Fn>,
    },
    /// Items laid out without blank lines between them (`mod` and `use`
    /// lists).
    Group(Vec<Item>),
}

/// The attributes of an item, field or variant that come from the model.
#[derive(Default)]
pub struct Attrs {
    pub doc: Doc,
    pub deprecated: Option<Deprecation>,
    /// `#[cfg(feature = "...")]`: the item exists only with this feature.
    pub feature: Option<String>,
    /// `#[allow(<lint>)]`, for lints a name from the metadata can trigger.
    pub allow: Option<&'static str>,
}

impl Attrs {
    /// Attributes holding only a doc comment.
    pub fn doc(doc: Doc) -> Attrs {
        Attrs { doc, ..Attrs::default() }
    }
}

/// `pub struct <name> { pub <field>: <type>, … }` with its derives.
pub struct Struct {
    pub attrs: Attrs,
    /// The traits of `#[derive(…)]`, as written.
    pub derives: &'static str,
    pub name: String,
    pub fields: Vec<Field>,
}

/// A named field; always `pub`.
pub struct Field {
    pub attrs: Attrs,
    pub name: String,
    /// Its type, as source text of a path (see [`super::source_text`]).
    pub ty: String,
}

/// `pub enum <name> { <variant>, <variant>(<payload>), … }`.
pub struct Enum {
    pub attrs: Attrs,
    pub derives: &'static str,
    pub name: String,
    pub variants: Vec<Variant>,
}

pub struct Variant {
    pub attrs: Attrs,
    pub name: String,
    /// The type of its one unnamed field, if it has one.
    pub payload: Option<String>,
}

/// `impl <trait_path> for <for_type> { type <name> = <type>; }`, or with
/// an empty body when `assoc_type` is `None`.
pub struct Impl {
    pub trait_path: String,
    pub for_type: String,
    pub assoc_type: Option<(&'static str, String)>,
}

/// An invocation of one of the runtime's table macros: `<rt>::<macro>! {
/// … }`, one line per field, member or variant, with the JSON name on the
/// line of the field it belongs to.
pub struct Table {
    /// How the file spells the runtime crate (`rt`, `::odata_runtime`).
    pub rt: String,
    pub body: TableBody,
}

pub enum TableBody {
    /// `structured_impls!` of an entity or complex type.
    Structured { ty: String, qualified: String, rows: Vec<StructuredRow> },
    /// `enum_impls!` of an enum type.
    Enum { ty: String, unrecognized: String, qualified: String, rows: Vec<EnumRow> },
    /// `polymorphic_impls!` of a type with derived types.
    Polymorphic { ty: String, rows: Vec<PolymorphicRow> },
    /// `params_impls!` of an action's parameters struct.
    Params { ty: String, rows: Vec<ParamsRow> },
}

/// A field of a structured type: its Rust name, index in the struct,
/// JSON name and kind, and the constant that names it in queries.
pub struct StructuredRow {
    pub index: usize,
    pub field: String,
    /// The runtime's (de)serializer of the field: `single`, `collection`,
    /// or their OData v2 forms.
    pub kind: &'static str,
    pub json: String,
    pub read_only: bool,
    pub constant: String,
    /// The value type of the constant (`query::Prop<Self, value>`).
    pub value: String,
}

/// A member of an enum type: position, variant, name in the metadata,
/// value.
pub struct EnumRow {
    pub index: usize,
    pub variant: String,
    pub json: String,
    pub value: i64,
}

/// A variant of a polymorphic enum: the type it holds and the names of
/// that type in `@odata.type` (namespace-qualified, and alias-qualified
/// when the schema has an alias).
pub struct PolymorphicRow {
    pub feature: Option<String>,
    pub variant: String,
    pub path: String,
    pub names: Vec<String>,
}

/// A parameter of an action: field, whether it is always sent, JSON name.
pub struct ParamsRow {
    pub field: String,
    pub required: bool,
    pub json: String,
}

/// A function or method whose body is one expression, with its parameters
/// and return type as source text.
pub struct Fn {
    pub attrs: Attrs,
    pub name: String,
    /// Takes `&self`.
    pub receiver: bool,
    /// `(name, type)`.
    pub params: Vec<(String, String)>,
    pub ret: String,
    pub body: Expr,
}

/// An expression of an entry point's body.
pub enum Expr {
    /// Source text the emitter composed from names and paths: a variable,
    /// `self`, a constant, a path of the runtime.
    Path(String),
    /// A string literal; the renderer escapes it.
    Str(String),
    /// `&<expr>`
    Ref(Box<Expr>),
    /// `<callee>(<args>)`, the callee a path.
    Call(String, Vec<Expr>),
    /// `<receiver>.<method>(<args>)`, the method one of the runtime's.
    Method(Box<Expr>, &'static str, Vec<Expr>),
    /// `(<a>, <b>, …)`
    Tuple(Vec<Expr>),
    /// `[<a>, <b>, …]`
    Array(Vec<Expr>),
    /// `<expr> as <type>`
    As(Box<Expr>, String),
}

impl Expr {
    pub fn path(text: impl Into<String>) -> Expr {
        Expr::Path(text.into())
    }

    pub fn reference(self) -> Expr {
        Expr::Ref(Box::new(self))
    }

    /// `<self>.<method>(<args>)`.
    pub fn method(self, method: &'static str, args: Vec<Expr>) -> Expr {
        Expr::Method(Box::new(self), method, args)
    }
}
