//! OData literals: how a value is written in a key segment, a function
//! parameter or a `$filter` expression (`'O''Neil'`, `42`,
//! `2019-03-01T00:00:00Z`, `Namespace.Color'Red'`, `duration'P1D'`).
//!
//! A literal is written as plain text; the path or query encoder
//! percent-encodes it afterwards, so the same literal is correct in a key
//! and in a query option.

use crate::edm;
use crate::flags::Flags;
use crate::traits::EnumMember;

/// A value that can be written as an OData literal.
pub trait Literal {
    /// Appends the literal, not percent-encoded.
    fn write_literal(&self, out: &mut String);

    /// Appends the value as a key segment (`users/42`): the literal,
    /// except that a string is written without quotes.
    fn write_segment(&self, out: &mut String) {
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
}

/// `null` for `None`.
impl<T: Literal> Literal for Option<T> {
    fn write_literal(&self, out: &mut String) {
        match self {
            Some(v) => v.write_literal(out),
            None => out.push_str("null"),
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

plain_literal!(
    bool,
    u8,
    i8,
    i16,
    i32,
    i64,
    edm::Int64,
    edm::Decimal,
    edm::Guid,
    edm::Date,
    edm::DateTimeOffset,
    edm::TimeOfDay
);

macro_rules! float_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
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

float_literal!(edm::Single, edm::Double);

impl Literal for edm::Duration {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "duration", self.as_str());
    }
}

impl Literal for edm::Binary {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "binary", self.as_str());
    }
}

/// The literal of an enum member: `Namespace.Type'member'`.
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
