//! OData literals: how a value is written in a key segment, a function
//! parameter or a `$filter` expression (`'O''Neil'`, `42`,
//! `2019-03-01T00:00:00Z`, `Namespace.Color'Red'`, `duration'P1D'`).
//!
//! A literal is written as plain text; the path or query encoder
//! percent-encodes it afterwards, so the same literal is correct in a key
//! and in a query option.
//!
//! ```
//! use odata_runtime::edm::{Binary, Date, DateTimeOffset, Double, Duration, Guid, Int64};
//! use odata_runtime::literal::to_literal;
//!
//! assert_eq!(to_literal(&"O'Neil"), "'O''Neil'");
//! assert_eq!(to_literal(&42i32), "42");
//! assert_eq!(to_literal(&Int64::quoted(9_007_199_254_740_993)), "9007199254740993");
//! assert_eq!(to_literal(&true), "true");
//! assert_eq!(to_literal(&None::<i32>), "null");
//! assert_eq!(to_literal(&Double::new(f64::NEG_INFINITY)), "-INF");
//! let id = Guid::parse("2026c75e-c75e-2026-5ec7-26205ec72620")?;
//! assert_eq!(to_literal(&id), "2026c75e-c75e-2026-5ec7-26205ec72620");
//! assert_eq!(to_literal(&Date::parse("2019-03-01")?), "2019-03-01");
//! let at = DateTimeOffset::parse("2019-03-01T10:00:00.1234567+01:00")?;
//! assert_eq!(to_literal(&at), "2019-03-01T10:00:00.1234567+01:00");
//! assert_eq!(to_literal(&Duration::parse("P1DT2H")?), "duration'P1DT2H'");
//! assert_eq!(to_literal(&Binary::from_bytes(b"hi")), "binary'aGk='");
//! # Ok::<(), odata_runtime::edm::ParseError>(())
//! ```

use crate::edm;
use crate::flags::Flags;
use crate::traits::EnumMember;

/// A value that can be written as an OData literal.
///
/// The runtime implements it for the Rust types of Edm primitives and,
/// through generated code, for enums. A key type of your own can have it
/// too:
///
/// ```
/// use odata_runtime::literal::Literal;
/// use odata_runtime::request::Path;
///
/// struct Sku(u32);
///
/// impl Literal for Sku {
///     fn write_literal(&self, out: &mut String) {
///         out.push_str(&format!("'SKU-{:04}'", self.0));
///     }
/// }
///
/// assert_eq!(Path::root("products").key(&Sku(7)).as_str(), "products('SKU-0007')");
/// // By default a key segment is the literal; a string drops its quotes.
/// assert_eq!(Path::root("products").key_segment(&Sku(7)).as_str(), "products/'SKU-0007'");
/// assert_eq!(Path::root("users").key_segment(&"O'Neil").as_str(), "users/O'Neil");
/// ```
pub trait Literal {
    /// Appends the literal, not percent-encoded.
    fn write_literal(&self, out: &mut String);

    /// Appends the value as a key segment (`users/42`): the literal,
    /// except that a string is written without quotes.
    fn write_segment(&self, out: &mut String) {
        self.write_literal(out);
    }

    /// Appends the literal as OData v2 writes it, where it differs from
    /// v4: `12L` for `Edm.Int64`, `1.5M` for `Edm.Decimal`, `2.5d` and
    /// `2.5f` for `Edm.Double` and `Edm.Single`, `guid'…'`,
    /// `datetime'…'`, `datetimeoffset'…'`, `time'…'`, `binary'<hex>'`.
    ///
    /// ```
    /// use odata_runtime::edm::{DateTime, Decimal, Guid, Int64};
    /// use odata_runtime::literal::to_v2_literal;
    ///
    /// assert_eq!(to_v2_literal(&"O'Neil"), "'O''Neil'");
    /// assert_eq!(to_v2_literal(&Int64::new(42)), "42L");
    /// assert_eq!(to_v2_literal(&Decimal::parse("1.50")?), "1.50M");
    /// let id = Guid::parse("2026c75e-c75e-2026-5ec7-26205ec72620")?;
    /// assert_eq!(to_v2_literal(&id), "guid'2026c75e-c75e-2026-5ec7-26205ec72620'");
    /// assert_eq!(to_v2_literal(&DateTime::from_millis(1356998400000)), "datetime'2013-01-01T00:00:00'");
    /// # Ok::<(), odata_runtime::edm::ParseError>(())
    /// ```
    fn write_v2_literal(&self, out: &mut String) {
        self.write_literal(out);
    }
}

/// Appends `prefix'text'` with `'` doubled, as OData string literals are
/// written.
fn quoted(out: &mut String, prefix: &str, text: &str) {
    out.push_str(prefix);
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

/// The OData v2 literal of `value`, as a string.
pub fn to_v2_literal(value: &dyn Literal) -> String {
    let mut out = String::new();
    value.write_v2_literal(&mut out);
    out
}

impl Literal for str {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "", self);
    }
    fn write_segment(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Literal for String {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "", self);
    }
    fn write_segment(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Literal + ?Sized> Literal for &T {
    fn write_literal(&self, out: &mut String) {
        (**self).write_literal(out);
    }
    fn write_segment(&self, out: &mut String) {
        (**self).write_segment(out);
    }
    fn write_v2_literal(&self, out: &mut String) {
        (**self).write_v2_literal(out);
    }
}

/// `null` for `None`.
impl<T: Literal> Literal for Option<T> {
    fn write_literal(&self, out: &mut String) {
        match self {
            Some(v) => v.write_literal(out),
            None => out.push_str("null"),
        }
    }
    fn write_v2_literal(&self, out: &mut String) {
        match self {
            Some(v) => v.write_v2_literal(out),
            None => out.push_str("null"),
        }
    }
}

/// Literals that OData v2 writes with a suffix (`12L`, `1.5M`).
macro_rules! suffixed_literal {
    ($($ty:ty => $suffix:literal),*) => {$(
        impl Literal for $ty {
            fn write_literal(&self, out: &mut String) {
                use std::fmt::Write as _;
                let _ = write!(out, "{self}");
            }
            fn write_v2_literal(&self, out: &mut String) {
                self.write_literal(out);
                out.push_str($suffix);
            }
        }
    )*};
}

suffixed_literal!(i64 => "L", edm::Int64 => "L", edm::Decimal => "M");

impl Literal for edm::Guid {
    fn write_literal(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
    fn write_v2_literal(&self, out: &mut String) {
        quoted(out, "guid", self.as_str());
    }
}

impl Literal for edm::DateTimeOffset {
    fn write_literal(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
    fn write_v2_literal(&self, out: &mut String) {
        quoted(out, "datetimeoffset", self.as_str());
    }
}

/// `datetime'…'` without an offset, `datetimeoffset'…'` with one: an
/// `edm::DateTime` is a value of OData v2, whose literal is the same in
/// both forms.
impl Literal for edm::DateTime {
    fn write_literal(&self, out: &mut String) {
        self.write_v2_literal(out);
    }
    fn write_v2_literal(&self, out: &mut String) {
        match self.offset_minutes() {
            None => quoted(out, "datetime", &self.to_iso()),
            Some(_) => quoted(out, "datetimeoffset", &self.to_iso()),
        }
    }
}

macro_rules! plain_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn write_literal(&self, out: &mut String) {
                use std::fmt::Write as _;
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

plain_literal!(bool, u8, i8, i16, i32, edm::Date, edm::TimeOfDay);

macro_rules! float_literal {
    ($($ty:ty => $suffix:literal),*) => {$(
        impl Literal for $ty {
            fn write_v2_literal(&self, out: &mut String) {
                self.write_literal(out);
                if self.get().is_finite() {
                    out.push_str($suffix);
                }
            }
            fn write_literal(&self, out: &mut String) {
                let v = self.get();
                if v.is_nan() {
                    out.push_str("NaN");
                } else if v.is_infinite() {
                    out.push_str(if v > 0.0 { "INF" } else { "-INF" });
                } else {
                    use std::fmt::Write as _;
                    let _ = write!(out, "{v}");
                }
            }
        }
    )*};
}

float_literal!(edm::Single => "f", edm::Double => "d");

/// In OData v2 a duration is the value of `Edm.Time`: `time'PT13H20M'`.
impl Literal for edm::Duration {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "duration", self.as_str());
    }
    fn write_v2_literal(&self, out: &mut String) {
        quoted(out, "time", self.as_str());
    }
}

/// In OData v2 binary literals are hexadecimal: `binary'6869'`.
impl Literal for edm::Binary {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "binary", self.as_str());
    }
    fn write_v2_literal(&self, out: &mut String) {
        use std::fmt::Write as _;
        out.push_str("binary'");
        for b in self.to_bytes() {
            let _ = write!(out, "{b:02X}");
        }
        out.push('\'');
    }
}

/// The literal of an enum member: `Namespace.Type'member'`. Generated
/// enums implement [`Literal`] with it.
///
/// ```
/// # #[derive(PartialEq)]
/// # pub enum Color { Red, Blue, Unrecognized(String) }
/// # odata_runtime::enum_impls! {
/// #     Color(Unrecognized) = "Sales.Color" {
/// #         0 Red = "red", 0;
/// #         1 Blue = "blue", 1;
/// #     }
/// # }
/// use odata_runtime::literal::{enum_literal, to_literal};
/// use odata_runtime::request::Path;
///
/// // `Color` is a generated enum: `Sales.Color` with members `red` and `blue`.
/// let mut out = String::new();
/// enum_literal(&Color::Blue, &mut out);
/// assert_eq!(out, "Sales.Color'blue'");
/// assert_eq!(to_literal(&Color::Unrecognized("o'range".into())), "Sales.Color'o''range'");
/// assert_eq!(Path::root("paints").key(&Color::Red).as_str(), "paints(Sales.Color'red')");
/// ```
pub fn enum_literal<E: EnumMember>(value: &E, out: &mut String) {
    quoted(out, E::QUALIFIED_NAME, value.member_name());
}

/// `Namespace.Type'a,b'`.
impl<E: EnumMember + PartialEq> Literal for Flags<E> {
    fn write_literal(&self, out: &mut String) {
        let names: Vec<&str> = self.members().iter().map(EnumMember::member_name).collect();
        quoted(out, E::QUALIFIED_NAME, &names.join(","));
    }
}

/// The literal of `value`, as a string.
pub fn to_literal(value: &dyn Literal) -> String {
    let mut out = String::new();
    value.write_literal(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_plain_text() {
        assert_eq!(to_literal(&"O'Neil"), "'O''Neil'");
        assert_eq!(crate::path::Path::root("users").key_segment(&"a/b c").as_str(), "users/a%2Fb%20c");
        assert_eq!(to_literal(&"a&b"), "'a&b'");
        assert_eq!(to_literal(&Some(3i32)), "3");
        assert_eq!(to_literal(&None::<i32>), "null");
        assert_eq!(to_literal(&edm::Double::new(f64::NAN)), "NaN");
        assert_eq!(to_literal(&edm::Binary::from_bytes(b"hi")), "binary'aGk='");
    }
}
