//! `Edm.Int64`, `Edm.Decimal`, `Edm.Double` and `Edm.Single`.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::ParseError;

/// An `Edm.Int64`.
///
/// JSON numbers lose precision above 2^53 in many clients, so OData lets a
/// service send `Edm.Int64` values as strings (`IEEE754Compatible=true`). The
/// value remembers which form it was read in and is written back the same
/// way; a value made in code is written as a number. Equality compares the
/// number only.
///
/// ```
/// use odata_runtime::edm::Int64;
/// use odata_runtime::serde_json;
///
/// let read: Int64 = serde_json::from_str(r#""-42""#)?;
/// assert!(read.is_quoted());
/// assert_eq!(read, Int64::new(-42));
/// assert_eq!(serde_json::to_string(&Int64::quoted(7))?, r#""7""#);
/// assert_eq!(i64::from(Int64::from(7)), 7);
/// assert!(serde_json::from_str::<Int64>(r#""4x""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Int64 {
    value: i64,
    quoted: bool,
}

impl Int64 {
    /// A value written as a JSON number.
    pub const fn new(value: i64) -> Self {
        Int64 { value, quoted: false }
    }

    /// A value written as a JSON string, for `IEEE754Compatible=true`.
    pub const fn quoted(value: i64) -> Self {
        Int64 { value, quoted: true }
    }

    /// The number.
    pub const fn get(self) -> i64 {
        self.value
    }

    /// Whether the value is written as a string.
    pub const fn is_quoted(self) -> bool {
        self.quoted
    }
}

impl PartialEq for Int64 {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl Eq for Int64 {}
impl std::hash::Hash for Int64 {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}
impl PartialOrd for Int64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Int64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Int64::new(value)
    }
}

impl From<Int64> for i64 {
    fn from(value: Int64) -> Self {
        value.value
    }
}

impl fmt::Display for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted { serializer.collect_str(&self.value) } else { serializer.serialize_i64(self.value) }
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Int64;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an Edm.Int64 as a JSON number or string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int64, E> {
                Ok(Int64::new(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int64, E> {
                i64::try_from(v).map(Int64::new).map_err(|_| E::custom(format!("{v} is out of range for Edm.Int64")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int64, E> {
                let digits = v.strip_prefix('-').unwrap_or(v);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::custom(ParseError::new("Edm.Int64", v)));
                }
                v.parse().map(Int64::quoted).map_err(|_| E::custom(ParseError::new("Edm.Int64", v)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An `Edm.Decimal`, kept as its exact decimal text.
///
/// A JSON number is read without going through `f64`, so `1.10` and
/// `79228162514264337593543950335` survive. As with [`Int64`], a value read
/// from a JSON string (`IEEE754Compatible=true`) is written back as one.
/// Equality compares the text.
///
/// ```
/// use odata_runtime::edm::Decimal;
/// use odata_runtime::serde_json;
///
/// let d = Decimal::parse("1.10")?;
/// assert_eq!(d.as_str(), "1.10");
/// assert_ne!(d, Decimal::parse("1.1")?);
/// assert_eq!(d.to_f64(), 1.1);
/// assert_eq!(serde_json::to_string(&d)?, "1.10");
/// assert_eq!(serde_json::to_string(&d.into_quoted())?, r#""1.10""#);
/// // `INF` is a decimal literal, but not a JSON number: it is written as a string.
/// assert!(Decimal::parse("INF")?.is_quoted());
/// assert!(Decimal::parse("1,5").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Decimal {
    text: Box<str>,
    quoted: bool,
}

/// Whether `s` is an OData decimal literal: `[+-]digits[.digits][e[+-]digits]`,
/// or `INF`, `-INF`, `NaN`.
fn valid_decimal(s: &str) -> bool {
    if matches!(s, "INF" | "-INF" | "NaN") {
        return true;
    }
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let run = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if !run(&mut i) {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !run(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !run(&mut i) {
            return false;
        }
    }
    i == b.len()
}

impl Decimal {
    /// Parses a decimal literal, written as a JSON number.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        // A JSON number may not start with `+`, have leading zeros, or be a
        // special value; those are written as strings.
        let json_number = valid_decimal(s)
            && !s.starts_with('+')
            && !matches!(s, "INF" | "-INF" | "NaN")
            && serde_json::from_str::<&RawValue>(s).is_ok();
        if valid_decimal(s) {
            Ok(Decimal { text: s.into(), quoted: !json_number })
        } else {
            Err(ParseError::new("Edm.Decimal", s))
        }
    }

    /// The same value, written as a JSON string.
    pub fn into_quoted(self) -> Self {
        Decimal { quoted: true, ..self }
    }

    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the value is written as a string.
    pub fn is_quoted(&self) -> bool {
        self.quoted
    }

    /// The nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        match &*self.text {
            "INF" => f64::INFINITY,
            "-INF" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            text => text.parse().unwrap_or(f64::NAN),
        }
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal { text: value.to_string().into(), quoted: false }
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}
impl Eq for Decimal {}
impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for Decimal {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        Decimal::parse(s)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            return serializer.serialize_str(&self.text);
        }
        match RawValue::from_string(self.text.to_string()) {
            Ok(raw) => raw.serialize(serializer),
            Err(_) => serializer.serialize_str(&self.text),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        if text.starts_with('"') {
            let s: String = serde_json::from_str(text).map_err(de::Error::custom)?;
            if !valid_decimal(&s) {
                return Err(de::Error::custom(ParseError::new("Edm.Decimal", &s)));
            }
            return Ok(Decimal { text: s.into(), quoted: true });
        }
        if !valid_decimal(text) {
            return Err(de::Error::custom(ParseError::new("Edm.Decimal", text)));
        }
        Ok(Decimal { text: text.into(), quoted: false })
    }
}

macro_rules! float_value {
    ($ty:ident, $float:ty, $edm:literal, $serialize:ident) => {
        #[doc = concat!("An `", $edm, "`.")]
        ///
        /// OData writes the special values as the strings `"INF"`, `"-INF"`
        /// and `"NaN"`; they are read and written that way. A value read from
        /// a JSON integer (`47`) is written back as an integer, not `47.0`.
        /// Equality compares the number.
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $ty {
            value: $float,
            integer: bool,
        }

        impl $ty {
            /// The value.
            pub const fn new(value: $float) -> Self {
                $ty { value, integer: false }
            }

            /// The number.
            pub const fn get(self) -> $float {
                self.value
            }
        }

        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.value == other.value
            }
        }

        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                self.value.partial_cmp(&other.value)
            }
        }

        impl From<$float> for $ty {
            fn from(value: $float) -> Self {
                $ty::new(value)
            }
        }

        impl From<$ty> for $float {
            fn from(value: $ty) -> Self {
                value.value
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                self.value.fmt(f)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let v = self.value;
                if v.is_nan() {
                    serializer.serialize_str("NaN")
                } else if v.is_infinite() {
                    serializer.serialize_str(if v > 0.0 { "INF" } else { "-INF" })
                } else if self.integer && v.fract() == 0.0 && (v as f64).abs() <= 9_007_199_254_740_992.0 {
                    serializer.serialize_i64(v as i64)
                } else {
                    serializer.$serialize(v)
                }
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str(concat!("an ", $edm, ": a JSON number, or \"INF\", \"-INF\" or \"NaN\""))
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$ty, E> {
                        Ok($ty { value: v as $float, integer: false })
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$ty, E> {
                        Ok($ty { value: v as $float, integer: true })
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$ty, E> {
                        Ok($ty { value: v as $float, integer: true })
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        let value = match v {
                            "INF" => <$float>::INFINITY,
                            "-INF" => <$float>::NEG_INFINITY,
                            "NaN" => <$float>::NAN,
                            _ => return Err(E::custom(ParseError::new($edm, v))),
                        };
                        Ok($ty { value, integer: false })
                    }
                }
                deserializer.deserialize_any(V)
            }
        }
    };
}

float_value!(Double, f64, "Edm.Double", serialize_f64);
float_value!(Single, f32, "Edm.Single", serialize_f32);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(json: &str) -> String {
        let value: T = serde_json::from_str(json).unwrap();
        serde_json::to_string(&value).unwrap()
    }

    #[test]
    fn int64_keeps_its_form() {
        assert_eq!(round_trip::<Int64>("9007199254740993"), "9007199254740993");
        assert_eq!(round_trip::<Int64>("\"9223372036854775807\""), "\"9223372036854775807\"");
        assert_eq!(round_trip::<Int64>("-5"), "-5");
        assert!(serde_json::from_str::<Int64>("\"12a\"").is_err());
        assert!(serde_json::from_str::<Int64>("1.5").is_err());
        assert!(serde_json::from_str::<Int64>("9223372036854775808").is_err());
        assert_eq!(Int64::quoted(3), Int64::new(3));
    }

    #[test]
    fn decimal_keeps_its_digits() {
        for text in ["1.10", "79228162514264337593543950335", "-0.000000000000000000001", "1e5", "\"1.10\"", "\"INF\""]
        {
            assert_eq!(round_trip::<Decimal>(text), text);
        }
        let from_value: Decimal = serde_json::from_value(json!(2.5)).unwrap();
        assert_eq!(from_value.as_str(), "2.5");
        assert!(serde_json::from_str::<Decimal>("\"1.2.3\"").is_err());
        assert!(serde_json::from_str::<Decimal>("true").is_err());
        assert!(Decimal::parse("+1").unwrap().is_quoted());
        assert!(!Decimal::parse("1.5").unwrap().is_quoted());
    }

    #[test]
    fn doubles() {
        assert_eq!(round_trip::<Double>("\"INF\""), "\"INF\"");
        assert_eq!(round_trip::<Double>("\"-INF\""), "\"-INF\"");
        assert_eq!(round_trip::<Double>("\"NaN\""), "\"NaN\"");
        assert_eq!(round_trip::<Double>("47"), "47");
        assert_eq!(round_trip::<Double>("47.5"), "47.5");
        let minus_zero = round_trip::<Double>("-0");
        let parsed: Value = serde_json::from_str(&minus_zero).unwrap();
        assert!(parsed.as_f64().unwrap().is_sign_negative(), "{minus_zero}");
        assert_eq!(round_trip::<Single>("0.1"), "0.1");
        assert!(serde_json::from_str::<Double>("\"1.5\"").is_err());
    }
}
