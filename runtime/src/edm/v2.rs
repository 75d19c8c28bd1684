//! `Edm.DateTime` (and `Edm.DateTimeOffset`) as OData v2 writes them in
//! JSON: `"\/Date(1356998400000)\/"`, milliseconds since 1970 (negative
//! before), with an offset in minutes for a `DateTimeOffset`
//! (`"\/Date(1356998400000+0060)\/"`).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use super::ParseError;

/// An OData v2 date and time: `/Date(<ms>)/` or `/Date(<ms>±<minutes>)/`.
///
/// The text is kept as it was read and written back the same way, so a
/// round trip is exact. ISO 8601 text (`2013-01-01T00:00:00`), which some
/// v2 services send for `Edm.DateTimeOffset`, is read and kept too.
///
/// ```
/// use odata_runtime::edm::DateTime;
/// use odata_runtime::serde_json;
///
/// let t: DateTime = serde_json::from_str(r#""\/Date(1356998400000)\/""#)?;
/// assert_eq!(t.millis(), Some(1_356_998_400_000));
/// assert_eq!(t.offset_minutes(), None);
/// assert_eq!(t.to_iso(), "2013-01-01T00:00:00");
/// assert_eq!(serde_json::to_string(&t)?, r#""\/Date(1356998400000)\/""#);
///
/// // Before 1970, and with an offset (one hour east of UTC).
/// let old = DateTime::parse("/Date(-86400000)/")?;
/// assert_eq!(old.to_iso(), "1969-12-31T00:00:00");
/// let local = DateTime::parse("/Date(1356998400000+0060)/")?;
/// assert_eq!(local.offset_minutes(), Some(60));
/// assert_eq!(local.to_iso(), "2013-01-01T01:00:00+01:00");
/// assert!(DateTime::parse("/Date(12x)/").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime(Box<str>);

/// The parts of `/Date(ms±mmmm)/`.
fn parts(s: &str) -> Option<(i64, Option<i32>)> {
    let inner = s.strip_prefix("/Date(")?.strip_suffix(")/")?;
    // The offset's sign is the first `+` or `-` after the first digit.
    let split = inner.char_indices().skip(1).find(|(_, c)| *c == '+' || *c == '-').map(|(i, _)| i);
    let (ms, offset) = match split {
        Some(at) => (&inner[..at], Some(&inner[at..])),
        None => (inner, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let unsigned = ms.strip_prefix('-').unwrap_or(ms);
    if !digits(unsigned) {
        return None;
    }
    let ms: i64 = ms.parse().ok()?;
    let offset = match offset {
        None => None,
        Some(o) => {
            let (sign, value) = o.split_at(1);
            if !digits(value) || value.len() > 4 {
                return None;
            }
            let minutes: i32 = value.parse().ok()?;
            Some(if sign == "-" { -minutes } else { minutes })
        }
    };
    Some((ms, offset))
}

/// Whether `s` looks like ISO 8601 date-time text (`YYYY-MM-DDThh:mm`…).
fn is_iso(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 16
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && s.is_char_boundary(16)
}

/// Year, month, day of a day count since 1970-01-01 (the proleptic
/// Gregorian calendar, negative counts before 1970).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl DateTime {
    /// Reads `/Date(ms)/`, `/Date(ms±mmmm)/` or ISO 8601 date-time text.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        if parts(s).is_some() || is_iso(s) { Ok(DateTime(s.into())) } else { Err(ParseError::new("Edm.DateTime", s)) }
    }

    /// The instant `ms` milliseconds after 1970-01-01T00:00:00 (before, when
    /// negative), written `/Date(ms)/`.
    pub fn from_millis(ms: i64) -> Self {
        DateTime(format!("/Date({ms})/").into())
    }

    /// The instant `ms` (in UTC) at an offset of `minutes` east of UTC,
    /// written `/Date(ms±mmmm)/`, as OData v2 writes `Edm.DateTimeOffset`.
    pub fn with_offset(ms: i64, minutes: i32) -> Self {
        let sign = if minutes < 0 { '-' } else { '+' };
        DateTime(format!("/Date({ms}{sign}{:04})/", minutes.unsigned_abs()).into())
    }

    /// The text, exactly as it was read or made.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The milliseconds since 1970 of the `/Date(…)/` form; `None` for
    /// ISO text.
    pub fn millis(&self) -> Option<i64> {
        parts(&self.0).map(|(ms, _)| ms)
    }

    /// The offset in minutes east of UTC, when one was given.
    pub fn offset_minutes(&self) -> Option<i32> {
        parts(&self.0).and_then(|(_, offset)| offset)
    }

    /// The value as ISO 8601 text, as the v2 literals `datetime'…'` and
    /// `datetimeoffset'…'` write it: the local time, then the offset when
    /// there is one; milliseconds only when not zero. ISO text as read.
    pub fn to_iso(&self) -> String {
        let Some((ms, offset)) = parts(&self.0) else { return self.0.to_string() };
        let local = ms + i64::from(offset.unwrap_or(0)) * 60_000;
        let (days, rest) = (local.div_euclid(86_400_000), local.rem_euclid(86_400_000));
        let (year, month, day) = civil(days);
        let (h, m, s, frac) = (rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000);
        let mut out = format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}");
        if frac != 0 {
            out.push_str(&format!(".{frac:03}"));
        }
        if let Some(minutes) = offset {
            let sign = if minutes < 0 { '-' } else { '+' };
            let a = minutes.unsigned_abs();
            out.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
        }
        out
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for DateTime {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        DateTime::parse(s)
    }
}

/// `"\/Date(…)\/"`, with the slashes escaped as OData v2 services write
/// them (some read a date only in that form); ISO text as a plain string.
impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.strip_prefix('/').and_then(|s| s.strip_suffix('/')) {
            Some(inner) if parts(&self.0).is_some() => {
                let text = format!("\"\\/{inner}\\/\"");
                match serde_json::value::RawValue::from_string(text) {
                    Ok(raw) => raw.serialize(serializer),
                    Err(_) => serializer.serialize_str(&self.0),
                }
            }
            _ => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an OData v2 date and time (`/Date(ms)/`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
                DateTime::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(-1), (1969, 12, 31));
        assert_eq!(civil(11_016), (2000, 2, 29));
        assert_eq!(civil(-719_468), (0, 3, 1));
        assert_eq!(DateTime::from_millis(-62_135_596_800_000).to_iso(), "0001-01-01T00:00:00");
        assert_eq!(DateTime::from_millis(1_500).to_iso(), "1970-01-01T00:00:01.500");
        assert_eq!(DateTime::with_offset(0, -90).as_str(), "/Date(0-0090)/");
        assert_eq!(DateTime::with_offset(0, -90).to_iso(), "1969-12-31T22:30:00-01:30");
    }

    #[test]
    fn malformed() {
        for bad in ["", "/Date()/", "/Date(-)/", "/Date(1+)/", "/Date(1+00600)/", "Date(1)", "/Date(1)", "2013-01-01"] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
        assert!(DateTime::parse("2013-01-01T00:00:00Z").is_ok());
        // Out of range of i64: an error, not a panic.
        assert!(DateTime::parse("/Date(99999999999999999999)/").is_err());
    }
}
