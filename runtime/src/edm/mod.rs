//! Rust types for the Edm primitive types whose JSON form a plain Rust type
//! cannot carry through a round trip.
//!
//! Each keeps exactly what it was read from: `2019-03-01T00:00:00.1234567Z`
//! stays seven fractional digits, an `Edm.Int64` sent as a string (services
//! do this for `IEEE754Compatible=true`) is written back as a string, a
//! `Decimal` keeps its digits. Values are validated when they are read or
//! parsed, so holding one means the text is well-formed.
//!
//! The full Edm → Rust table is in the project README.
//!
//! ```
//! use odata_runtime::edm::{DateTimeOffset, Decimal, Double, Int64};
//! use odata_runtime::serde_json;
//!
//! // An Int64 sent as a string is written back as one.
//! let big: Int64 = serde_json::from_str(r#""9007199254740993""#)?;
//! assert_eq!(big.get(), 9_007_199_254_740_993);
//! assert_eq!(serde_json::to_string(&big)?, r#""9007199254740993""#);
//! assert_eq!(serde_json::to_string(&Int64::new(5))?, "5");
//!
//! // A Decimal keeps every digit, and its trailing zero.
//! let price: Decimal = serde_json::from_str("79228162514264337593543950335.10")?;
//! assert_eq!(serde_json::to_string(&price)?, "79228162514264337593543950335.10");
//!
//! // Seven fractional digits stay seven.
//! let at: DateTimeOffset = serde_json::from_str(r#""2019-03-01T00:00:00.1234567Z""#)?;
//! assert_eq!(at.time(), (0, 0, 0, 123_456_700));
//! assert_eq!(serde_json::to_string(&at)?, r#""2019-03-01T00:00:00.1234567Z""#);
//!
//! // Special doubles are strings; an integer stays an integer.
//! let inf: Double = serde_json::from_str(r#""-INF""#)?;
//! assert_eq!(inf.get(), f64::NEG_INFINITY);
//! assert_eq!(serde_json::to_string(&inf)?, r#""-INF""#);
//! assert_eq!(serde_json::to_string(&serde_json::from_str::<Double>("47")?)?, "47");
//!
//! // Text that is not a valid value does not read.
//! assert!(serde_json::from_str::<DateTimeOffset>(r#""2019-02-30T00:00:00Z""#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

mod geo;
mod number;
mod temporal;
mod text;
mod v2;

pub use geo::Geo;
pub use number::{Decimal, Double, Int64, Single};
pub use temporal::{Date, DateTimeOffset, Duration, TimeOfDay};
pub use text::{Binary, Guid};
pub use v2::DateTime;

use std::fmt;

/// A text that is not a valid literal of the Edm type it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    edm_type: &'static str,
    input: String,
}

impl ParseError {
    pub(crate) fn new(edm_type: &'static str, input: &str) -> Self {
        const SHOWN: usize = 64;
        let input = match input.char_indices().nth(SHOWN) {
            Some((at, _)) => format!("{}...", &input[..at]),
            None => input.to_owned(),
        };
        ParseError { edm_type, input }
    }

    /// The Edm type, such as `Edm.Date`.
    pub fn edm_type(&self) -> &'static str {
        self.edm_type
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "`{}` is not a valid {} value", self.input, self.edm_type)
    }
}

impl std::error::Error for ParseError {}

/// Implements `Display`, `FromStr`, `Serialize` and `Deserialize` for a
/// newtype over validated text, given its `parse` function.
macro_rules! text_value {
    ($ty:ident, $edm:literal) => {
        impl $ty {
            /// The text, exactly as it was read or parsed.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::edm::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::parse(s)
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> ::serde::de::Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter) -> ::std::fmt::Result {
                        f.write_str(concat!("a string holding an ", $edm, " value"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        $ty::parse(v).map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}
pub(crate) use text_value;

/// Whether `s` is `n` ASCII digits.
pub(crate) fn digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

/// The value of ASCII digits (caller checked them).
pub(crate) fn number(s: &[u8]) -> u32 {
    s.iter().fold(0u32, |acc, d| acc.saturating_mul(10).saturating_add(u32::from(d - b'0')))
}
