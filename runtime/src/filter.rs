//! `$filter` expressions, typed.
//!
//! A filter on entities of type `T` is a [`Filter<T>`]. It is built from
//! the property constants of `T` (see [`crate::query`]):
//!
//! ```
//! # use odata_runtime::query::{Prop, Many};
//! # use odata_runtime::filter::Filter;
//! # struct User;
//! # let display_name: Prop<User, String> = Prop::new("displayName", 0);
//! # let mail: Prop<User, String> = Prop::new("mail", 1);
//! # let proxy_addresses: Prop<User, Many<String>> = Prop::new("proxyAddresses", 2);
//! let f: Filter<User> = display_name.starts_with("A")
//!     & !mail.is_null()
//!     & proxy_addresses.any(|x| x.starts_with("smtp:"));
//! assert_eq!(
//!     f.as_str(),
//!     "startswith(displayName,'A') and not (mail eq null) and proxyAddresses/any(x:startswith(x,'smtp:'))"
//! );
//! ```
//!
//! Comparisons take values of the property's own Rust type (or what
//! converts into it), written as OData literals: strings quoted with `'`
//! doubled, GUIDs and dates bare, enum members as `Namespace.Type'member'`.
//! The text is percent-encoded when the request is built, so any value
//! arrives intact. [`Filter::raw`] is the escape hatch for what the
//! builder does not cover.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{BitAnd, BitOr, Not};

use crate::flags::Flags;
use crate::literal::Literal;
use crate::query::{Many, Nested, Prop};
use crate::traits::EnumMember;

/// How tightly an expression binds, to know where parentheses are needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    /// `a or b`, and raw text (whose shape is unknown).
    Or,
    /// `a and b`.
    And,
    /// A comparison, function call or lambda.
    Atom,
}

/// A boolean `$filter` expression over entities (or values) of type `T`.
pub struct Filter<T> {
    text: String,
    prec: Prec,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Filter<T> {
    fn clone(&self) -> Self {
        Filter { text: self.text.clone(), prec: self.prec, _type: PhantomData }
    }
}

impl<T> fmt::Debug for Filter<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Filter({})", self.text)
    }
}

impl<T> Filter<T> {
    fn new(text: String, prec: Prec) -> Self {
        Filter { text, prec, _type: PhantomData }
    }

    /// An expression written by hand, for what the builder does not cover
    /// (arithmetic, `geo.distance`, casts, ...). It is put in parentheses
    /// when combined with others, and percent-encoded like the rest.
    ///
    /// ```
    /// # use odata_runtime::query::Prop;
    /// # struct Airport;
    /// # let code: Prop<Airport, String> = Prop::new("code", 0);
    /// use odata_runtime::expect::Count;
    /// use odata_runtime::filter::Filter;
    /// use odata_runtime::http::Method;
    /// use odata_runtime::request::{Path, Request, ServiceRoot};
    ///
    /// let near: Filter<Airport> =
    ///     Filter::raw("geo.distance(location,geography'SRID=0;POINT(0 0)') lt 900 or code eq 'ZZZ'");
    /// let f = near & !code.eq("O'Hare");
    /// assert_eq!(
    ///     f.as_str(),
    ///     "(geo.distance(location,geography'SRID=0;POINT(0 0)') lt 900 or code eq 'ZZZ') and not (code eq 'O''Hare')"
    /// );
    ///
    /// let root = ServiceRoot::new("https://host/odata")?;
    /// let count = Request::new(Method::GET, Path::root("airports").join("$count"), Count::<Airport>::default())
    ///     .filter(Filter::raw("length(code) eq 3"));
    /// assert_eq!(count.url(&root), "https://host/odata/airports/$count?$filter=length(code)%20eq%203");
    /// # Ok::<(), odata_runtime::request::InvalidServiceRoot>(())
    /// ```
    pub fn raw(text: impl Into<String>) -> Self {
        Filter::new(text.into(), Prec::Or)
    }

    /// The expression as OData text, not percent-encoded.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The expression as OData text.
    pub fn into_text(self) -> String {
        self.text
    }

    fn wrapped(self, at_least: Prec) -> String {
        if self.prec < at_least { format!("({})", self.text) } else { self.text }
    }

    /// Both hold: `a and b`.
    pub fn and(self, other: Filter<T>) -> Filter<T> {
        let text = format!("{} and {}", self.wrapped(Prec::And), other.wrapped(Prec::And));
        Filter::new(text, Prec::And)
    }

    /// Either holds: `a or b`.
    pub fn or(self, other: Filter<T>) -> Filter<T> {
        let text = format!("{} or {}", self.wrapped(Prec::Or), other.wrapped(Prec::Or));
        Filter::new(text, Prec::Or)
    }

    /// It does not hold: `not (a)`.
    pub fn negate(self) -> Filter<T> {
        Filter::new(format!("not ({})", self.text), Prec::Atom)
    }
}

impl<T> BitAnd for Filter<T> {
    type Output = Filter<T>;
    fn bitand(self, rhs: Filter<T>) -> Filter<T> {
        self.and(rhs)
    }
}

impl<T> BitOr for Filter<T> {
    type Output = Filter<T>;
    fn bitor(self, rhs: Filter<T>) -> Filter<T> {
        self.or(rhs)
    }
}

impl<T> Not for Filter<T> {
    type Output = Filter<T>;
    fn not(self) -> Filter<T> {
        self.negate()
    }
}

/// A value inside a filter on `T`: a property path (`address/city`) or a
/// lambda variable (`x`, `x/skuId`), whose values are `V`.
///
/// Nested lambdas get their own variables (`x`, `y`, ...):
///
/// ```
/// # use odata_runtime as rt;
/// # #[derive(Clone, Default, PartialEq)]
/// # pub struct Line { pub quantity: Option<i32>, pub skus: Vec<String>, pub extra: rt::Extra }
/// # rt::structured_impls! {
/// #     Line = "Sales.line" {
/// #         0 quantity: single "quantity" => QUANTITY: i32;
/// #         1 skus: collection "skus" => SKUS: rt::query::Many<String>;
/// #     }
/// # }
/// # #[derive(Clone, Default, PartialEq)]
/// # pub struct Order { pub lines: Vec<Line>, pub extra: rt::Extra }
/// # rt::structured_impls! {
/// #     Order = "Sales.order" {
/// #         0 lines: collection "lines" => LINES: rt::query::Many<Line>;
/// #     }
/// # }
/// use odata_runtime::filter::Filter;
///
/// // `Order::LINES` is a collection of complex `Line` values.
/// let big: Filter<Order> = Order::LINES.any(|line| {
///     line.clone().then(Line::QUANTITY).gt(10) & line.then(Line::SKUS).any(|sku| sku.eq("X-1"))
/// });
/// assert_eq!(big.as_str(), "lines/any(x:x/quantity gt 10 and x/skus/any(y:y eq 'X-1'))");
///
/// let all_small: Filter<Order> = Order::LINES.all(|line| line.then(Line::QUANTITY).is_in([1, 2, 3]));
/// assert_eq!(all_small.as_str(), "lines/all(x:x/quantity in (1,2,3))");
/// ```
pub struct Operand<T, V> {
    text: String,
    /// How many lambdas enclose it, so nested lambdas get distinct
    /// variable names.
    depth: u8,
    _type: PhantomData<fn() -> (T, V)>,
}

impl<T, V> Clone for Operand<T, V> {
    fn clone(&self) -> Self {
        Operand { text: self.text.clone(), depth: self.depth, _type: PhantomData }
    }
}

impl<T, V> fmt::Debug for Operand<T, V> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Operand({})", self.text)
    }
}

impl<T, V> From<Prop<T, V>> for Operand<T, V> {
    fn from(p: Prop<T, V>) -> Self {
        Operand { text: p.name().to_owned(), depth: 0, _type: PhantomData }
    }
}

impl<T, V> From<Operand<T, V>> for crate::query::OrderItem<T> {
    fn from(o: Operand<T, V>) -> Self {
        crate::query::OrderItem::new(o.text)
    }
}

fn literal(value: &dyn Literal) -> String {
    crate::literal::to_literal(value)
}

/// The name of the lambda variable at `depth`: `x`, `y`, `z`, `x3`, ...
fn variable(depth: u8) -> String {
    match depth {
        0 => "x".to_owned(),
        1 => "y".to_owned(),
        2 => "z".to_owned(),
        n => format!("x{n}"),
    }
}

impl<T, V> Operand<T, V> {
    /// The operand as OData text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn compare(self, op: &str, value: &dyn Literal) -> Filter<T> {
        Filter::new(format!("{} {op} {}", self.text, literal(value)), Prec::Atom)
    }

    fn call(self, function: &str, value: &dyn Literal) -> Filter<T> {
        Filter::new(format!("{function}({},{})", self.text, literal(value)), Prec::Atom)
    }

    /// `null`: `p eq null`.
    pub fn is_null(self) -> Filter<T> {
        Filter::new(format!("{} eq null", self.text), Prec::Atom)
    }

    /// Not `null`: `p ne null`.
    pub fn is_not_null(self) -> Filter<T> {
        Filter::new(format!("{} ne null", self.text), Prec::Atom)
    }

    /// Ascending order by this path.
    pub fn asc(self) -> crate::query::OrderItem<T> {
        crate::query::OrderItem::new(self.text)
    }

    /// Descending order by this path.
    pub fn desc(self) -> crate::query::OrderItem<T> {
        crate::query::OrderItem::new(format!("{} desc", self.text))
    }
}

impl<T, V: Literal> Operand<T, V> {
    /// `p eq value`.
    pub fn eq(self, value: impl Into<V>) -> Filter<T> {
        self.compare("eq", &value.into())
    }

    /// `p ne value`.
    pub fn ne(self, value: impl Into<V>) -> Filter<T> {
        self.compare("ne", &value.into())
    }

    /// `p gt value`.
    pub fn gt(self, value: impl Into<V>) -> Filter<T> {
        self.compare("gt", &value.into())
    }

    /// `p ge value`.
    pub fn ge(self, value: impl Into<V>) -> Filter<T> {
        self.compare("ge", &value.into())
    }

    /// `p lt value`.
    pub fn lt(self, value: impl Into<V>) -> Filter<T> {
        self.compare("lt", &value.into())
    }

    /// `p le value`.
    pub fn le(self, value: impl Into<V>) -> Filter<T> {
        self.compare("le", &value.into())
    }

    /// `p in (a,b,c)`.
    pub fn is_in<I: IntoIterator<Item = A>, A: Into<V>>(self, values: I) -> Filter<T> {
        let items: Vec<String> = values.into_iter().map(|v| literal(&v.into())).collect();
        Filter::new(format!("{} in ({})", self.text, items.join(",")), Prec::Atom)
    }
}

impl<T> Operand<T, String> {
    /// `contains(p,'text')`.
    pub fn contains(self, text: &str) -> Filter<T> {
        self.call("contains", &text)
    }

    /// `startswith(p,'text')`.
    pub fn starts_with(self, text: &str) -> Filter<T> {
        self.call("startswith", &text)
    }

    /// `endswith(p,'text')`.
    pub fn ends_with(self, text: &str) -> Filter<T> {
        self.call("endswith", &text)
    }
}

impl<T, E: EnumMember + PartialEq + Literal> Operand<T, Flags<E>> {
    /// The flag is set: `p has Namespace.Type'member'`.
    pub fn has(self, member: E) -> Filter<T> {
        self.compare("has", &member)
    }
}

impl<T, V: Nested> Operand<T, V> {
    /// A property of this value: `address/city`, `manager/displayName`.
    pub fn then<W>(self, property: Prop<V::Struct, W>) -> Operand<T, W> {
        Operand { text: format!("{}/{}", self.text, property.name()), depth: self.depth, _type: PhantomData }
    }
}

impl<T, V> Operand<T, Many<V>> {
    fn lambda(self, op: &str, f: impl FnOnce(Operand<T, V>) -> Filter<T>) -> Filter<T> {
        let var = variable(self.depth);
        let item = Operand { text: var.clone(), depth: self.depth.saturating_add(1), _type: PhantomData };
        let body = f(item);
        Filter::new(format!("{}/{op}({var}:{})", self.text, body.text), Prec::Atom)
    }

    /// Some item satisfies `f`: `p/any(x:...)`.
    pub fn any(self, f: impl FnOnce(Operand<T, V>) -> Filter<T>) -> Filter<T> {
        self.lambda("any", f)
    }

    /// Every item satisfies `f`: `p/all(x:...)`.
    pub fn all(self, f: impl FnOnce(Operand<T, V>) -> Filter<T>) -> Filter<T> {
        self.lambda("all", f)
    }

    /// The collection is not empty: `p/any()`.
    pub fn is_not_empty(self) -> Filter<T> {
        Filter::new(format!("{}/any()", self.text), Prec::Atom)
    }
}

/// The operand methods, on the property constants themselves, so that
/// `User::DISPLAY_NAME.eq("x")` reads without a conversion.
impl<T, V> Prop<T, V> {
    fn operand(self) -> Operand<T, V> {
        self.into()
    }

    /// `null`: `p eq null`.
    pub fn is_null(self) -> Filter<T> {
        self.operand().is_null()
    }

    /// Not `null`: `p ne null`.
    pub fn is_not_null(self) -> Filter<T> {
        self.operand().is_not_null()
    }
}

impl<T, V: Literal> Prop<T, V> {
    /// `p eq value`.
    pub fn eq(self, value: impl Into<V>) -> Filter<T> {
        self.operand().eq(value)
    }

    /// `p ne value`.
    pub fn ne(self, value: impl Into<V>) -> Filter<T> {
        self.operand().ne(value)
    }

    /// `p gt value`.
    pub fn gt(self, value: impl Into<V>) -> Filter<T> {
        self.operand().gt(value)
    }

    /// `p ge value`.
    pub fn ge(self, value: impl Into<V>) -> Filter<T> {
        self.operand().ge(value)
    }

    /// `p lt value`.
    pub fn lt(self, value: impl Into<V>) -> Filter<T> {
        self.operand().lt(value)
    }

    /// `p le value`.
    pub fn le(self, value: impl Into<V>) -> Filter<T> {
        self.operand().le(value)
    }

    /// `p in (a,b,c)`.
    pub fn is_in<I: IntoIterator<Item = A>, A: Into<V>>(self, values: I) -> Filter<T> {
        self.operand().is_in(values)
    }
}

impl<T> Prop<T, String> {
    /// `contains(p,'text')`.
    pub fn contains(self, text: &str) -> Filter<T> {
        self.operand().contains(text)
    }

    /// `startswith(p,'text')`.
    pub fn starts_with(self, text: &str) -> Filter<T> {
        self.operand().starts_with(text)
    }

    /// `endswith(p,'text')`.
    pub fn ends_with(self, text: &str) -> Filter<T> {
        self.operand().ends_with(text)
    }
}

impl<T, E: EnumMember + PartialEq + Literal> Prop<T, Flags<E>> {
    /// The flag is set: `p has Namespace.Type'member'`.
    pub fn has(self, member: E) -> Filter<T> {
        self.operand().has(member)
    }
}

impl<T, V: Nested> Prop<T, V> {
    /// A property of this value: `address/city`, `manager/displayName`.
    pub fn then<W>(self, property: Prop<V::Struct, W>) -> Operand<T, W> {
        self.operand().then(property)
    }
}

impl<T, V> Prop<T, Many<V>> {
    /// Some item satisfies `f`: `p/any(x:...)`.
    pub fn any(self, f: impl FnOnce(Operand<T, V>) -> Filter<T>) -> Filter<T> {
        self.operand().any(f)
    }

    /// Every item satisfies `f`: `p/all(x:...)`.
    pub fn all(self, f: impl FnOnce(Operand<T, V>) -> Filter<T>) -> Filter<T> {
        self.operand().all(f)
    }

    /// The collection is not empty: `p/any()`.
    pub fn is_not_empty(self) -> Filter<T> {
        self.operand().is_not_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edm;

    struct User;
    struct Address;
    impl crate::Structured for Address {
        const QUALIFIED_NAME: &'static str = "ns.address";
        fn field_index(_: &str) -> Option<u16> {
            None
        }
        fn read_field<'de, A: serde::de::MapAccess<'de>>(
            &mut self,
            _: u16,
            _: &mut A,
        ) -> Result<crate::de::Presence, A::Error> {
            unreachable!()
        }
        fn write_fields<M: serde::ser::SerializeMap>(&self, _: &mut M, _: crate::WriteMode) -> Result<(), M::Error> {
            Ok(())
        }
        fn extra(&self) -> &crate::Extra {
            unreachable!()
        }
        fn extra_mut(&mut self) -> &mut crate::Extra {
            unreachable!()
        }
    }
    impl Default for Address {
        fn default() -> Self {
            Address
        }
    }
    const NAME: Prop<User, String> = Prop::new("displayName", 0);
    const AGE: Prop<User, i32> = Prop::new("age", 1);
    const ADDRESSES: Prop<User, Many<Address>> = Prop::new("addresses", 2);
    const TAGS: Prop<User, Many<String>> = Prop::new("tags", 3);
    const ADDRESS: Prop<User, Address> = Prop::new("address", 4);
    const CITY: Prop<Address, String> = Prop::new("city", 0);
    const STREETS: Prop<Address, Many<String>> = Prop::new("streets", 1);
    const SKU: Prop<User, edm::Guid> = Prop::new("skuId", 5);

    #[test]
    fn precedence_and_parentheses() {
        let f = NAME.eq("a").or(AGE.gt(3)).and(AGE.lt(9));
        assert_eq!(f.as_str(), "(displayName eq 'a' or age gt 3) and age lt 9");
        let f = NAME.eq("a") | (AGE.gt(3) & AGE.lt(9));
        assert_eq!(f.as_str(), "displayName eq 'a' or age gt 3 and age lt 9");
        let f = !(NAME.eq("a") | AGE.gt(3));
        assert_eq!(f.as_str(), "not (displayName eq 'a' or age gt 3)");
        let f = Filter::<User>::raw("a or b") & AGE.eq(1);
        assert_eq!(f.as_str(), "(a or b) and age eq 1");
    }

    #[test]
    fn literals_functions_and_lambdas() {
        assert_eq!(NAME.eq("O'Neil").as_str(), "displayName eq 'O''Neil'");
        assert_eq!(NAME.is_in(["a", "b"]).as_str(), "displayName in ('a','b')");
        assert_eq!(NAME.ends_with("x").as_str(), "endswith(displayName,'x')");
        assert_eq!(ADDRESS.then(CITY).eq("Oslo").as_str(), "address/city eq 'Oslo'");
        assert_eq!(ADDRESSES.any(|a| a.then(CITY).eq("Oslo")).as_str(), "addresses/any(x:x/city eq 'Oslo')");
        assert_eq!(
            ADDRESSES.all(|a| a.then(STREETS).any(|s| s.starts_with("A"))).as_str(),
            "addresses/all(x:x/streets/any(y:startswith(y,'A')))"
        );
        assert_eq!(TAGS.is_not_empty().as_str(), "tags/any()");
        let guid = edm::Guid::parse("8a2b1f7c-0a4e-4c2c-9d5e-1f0f0f0f0f0f").unwrap();
        assert_eq!(SKU.eq(guid).as_str(), "skuId eq 8a2b1f7c-0a4e-4c2c-9d5e-1f0f0f0f0f0f");
        assert_eq!(NAME.is_null().as_str(), "displayName eq null");
    }
}
