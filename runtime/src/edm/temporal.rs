//! `Edm.Date`, `Edm.TimeOfDay`, `Edm.DateTimeOffset` and `Edm.Duration`.

use super::{ParseError, digits, number, text_value};

/// An `Edm.Date`: `2019-03-01`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(Box<str>);

/// An `Edm.TimeOfDay`: `13:20:00` or `13:20:00.1234567`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay(Box<str>);

/// An `Edm.DateTimeOffset`: `2019-03-01T00:00:00.1234567Z`.
///
/// Equality compares the text: the same instant written with another offset
/// or precision is a different value here, because it serializes
/// differently.
///
/// ```
/// use odata_runtime::edm::DateTimeOffset;
///
/// let oslo = DateTimeOffset::parse("2019-03-01T01:00:00.5+01:00")?;
/// assert_eq!(oslo.date(), (2019, 3, 1));
/// assert_eq!(oslo.time(), (1, 0, 0, 500_000_000));
/// assert_eq!(oslo.offset_minutes(), Some(60));
/// assert_eq!(oslo.unix_timestamp(), Some((1_551_398_400, 500_000_000)));
///
/// let utc = DateTimeOffset::parse("2019-03-01T00:00:00.5Z")?;
/// assert_eq!(utc.unix_timestamp(), oslo.unix_timestamp());
/// assert_ne!(utc, oslo);
///
/// // Services send date-times without an offset; they read, with no timestamp.
/// assert_eq!(DateTimeOffset::parse("2019-03-01T00:00:00")?.unix_timestamp(), None);
/// assert!(DateTimeOffset::parse("2019-03-01 00:00:00Z").is_err());
/// # Ok::<(), odata_runtime::edm::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTimeOffset(Box<str>);

/// An `Edm.Duration` in ISO 8601 form: `P1DT2H30M`, `-PT0.5S`.
///
/// ```
/// use odata_runtime::edm::{Date, Duration};
///
/// assert_eq!(Duration::parse("P1DT2H30M")?.as_seconds_f64(), Some(95_400.0));
/// assert_eq!(Duration::parse("-PT0.5S")?.as_seconds_f64(), Some(-0.5));
/// // Months have no fixed length.
/// assert_eq!(Duration::parse("P1M")?.as_seconds_f64(), None);
/// assert!(Duration::parse("P").is_err());
///
/// assert_eq!(Date::parse("2024-02-29")?.parts(), (2024, 2, 29));
/// assert!(Date::parse("2023-02-29").is_err());
/// # Ok::<(), odata_runtime::edm::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration(Box<str>);

text_value!(Date, "Edm.Date");
text_value!(TimeOfDay, "Edm.TimeOfDay");
text_value!(DateTimeOffset, "Edm.DateTimeOffset");
text_value!(Duration, "Edm.Duration");

/// The parts of a date: year (may be negative), month 1-12, day 1-31.
fn parse_date(s: &[u8]) -> Option<(i64, u32, u32)> {
    let (negative, s) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    let dash = s.iter().position(|&b| b == b'-')?;
    let (year, rest) = s.split_at(dash);
    // Four digits at least; more only without a leading zero.
    if year.len() < 4 || !digits(year) || (year.len() > 4 && year[0] == b'0') || year.len() > 12 {
        return None;
    }
    let rest = &rest[1..];
    if rest.len() != 5 || rest[2] != b'-' || !digits(&rest[..2]) || !digits(&rest[3..]) {
        return None;
    }
    let year = i64::try_from(year.iter().fold(0u64, |a, d| a * 10 + u64::from(d - b'0'))).ok()?;
    let year = if negative { -year } else { year };
    let (month, day) = (number(&rest[..2]), number(&rest[3..]));
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, month, day))
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The parts of a time of day: hour, minute, second, nanosecond. Seconds
/// are optional; up to 12 fractional digits are accepted (nanoseconds keep
/// the first nine).
fn parse_time(s: &[u8]) -> Option<(u32, u32, u32, u32)> {
    if s.len() < 5 || s[2] != b':' || !digits(&s[..2]) || !digits(&s[3..5]) {
        return None;
    }
    let (hour, minute) = (number(&s[..2]), number(&s[3..5]));
    if hour > 23 || minute > 59 {
        return None;
    }
    let rest = &s[5..];
    if rest.is_empty() {
        return Some((hour, minute, 0, 0));
    }
    if rest.len() < 3 || rest[0] != b':' || !digits(&rest[1..3]) {
        return None;
    }
    let second = number(&rest[1..3]);
    if second > 59 {
        return None;
    }
    let rest = &rest[3..];
    if rest.is_empty() {
        return Some((hour, minute, second, 0));
    }
    let fraction = rest.strip_prefix(b".")?;
    if !digits(fraction) || fraction.len() > 12 {
        return None;
    }
    let mut nanos = 0u32;
    for i in 0..9 {
        nanos = nanos * 10 + fraction.get(i).map_or(0, |d| u32::from(d - b'0'));
    }
    Some((hour, minute, second, nanos))
}

impl Date {
    /// Parses `YYYY-MM-DD` (the year may have more digits, or a `-`).
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        parse_date(s.as_bytes()).map(|_| Date(s.into())).ok_or_else(|| ParseError::new("Edm.Date", s))
    }

    /// Year, month (1-12) and day (1-31).
    pub fn parts(&self) -> (i64, u32, u32) {
        parse_date(self.0.as_bytes()).expect("validated when constructed")
    }
}

impl TimeOfDay {
    /// Parses `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fffffff`.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        parse_time(s.as_bytes()).map(|_| TimeOfDay(s.into())).ok_or_else(|| ParseError::new("Edm.TimeOfDay", s))
    }

    /// Hour, minute, second and nanosecond.
    pub fn parts(&self) -> (u32, u32, u32, u32) {
        parse_time(self.0.as_bytes()).expect("validated when constructed")
    }
}

/// The parts of a date-time: date, time, and the offset in minutes (`None`
/// when the text has no offset, which some services send although the
/// metadata says `Edm.DateTimeOffset`).
type DateTimeParts = ((i64, u32, u32), (u32, u32, u32, u32), Option<i32>);

fn parse_date_time(s: &[u8]) -> Option<DateTimeParts> {
    let t = s.iter().position(|&b| b == b'T' || b == b't')?;
    let date = parse_date(&s[..t])?;
    let rest = &s[t + 1..];
    let (time, offset) = match rest.iter().position(|&b| matches!(b, b'Z' | b'z' | b'+' | b'-')) {
        None => (rest, None),
        Some(at) => (&rest[..at], Some(&rest[at..])),
    };
    let time = parse_time(time)?;
    let offset = match offset {
        None => None,
        Some(b"Z" | b"z") => Some(0),
        Some(o) => {
            if o.len() != 6 || o[3] != b':' || !digits(&o[1..3]) || !digits(&o[4..6]) {
                return None;
            }
            let (h, m) = (number(&o[1..3]), number(&o[4..6]));
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = i32::try_from(h * 60 + m).ok()?;
            Some(if o[0] == b'-' { -minutes } else { minutes })
        }
    };
    Some((date, time, offset))
}

impl DateTimeOffset {
    /// Parses `YYYY-MM-DDThh:mm[:ss[.fffffff]]` followed by `Z` or `±hh:mm`.
    /// Text without an offset is accepted, because services send it.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        parse_date_time(s.as_bytes())
            .map(|_| DateTimeOffset(s.into()))
            .ok_or_else(|| ParseError::new("Edm.DateTimeOffset", s))
    }

    /// Year, month, day.
    pub fn date(&self) -> (i64, u32, u32) {
        self.all().0
    }

    /// Hour, minute, second, nanosecond.
    pub fn time(&self) -> (u32, u32, u32, u32) {
        self.all().1
    }

    /// The offset from UTC in minutes; `None` when the text has none.
    pub fn offset_minutes(&self) -> Option<i32> {
        self.all().2
    }

    /// Seconds since 1970-01-01T00:00:00Z, and nanoseconds; `None` when the
    /// text has no offset.
    pub fn unix_timestamp(&self) -> Option<(i64, u32)> {
        let ((y, mo, d), (h, mi, s, nanos), offset) = self.all();
        let offset = offset?;
        let days = days_from_civil(y, mo, d);
        let seconds = days * 86_400 + i64::from(h * 3600 + mi * 60 + s) - i64::from(offset) * 60;
        Some((seconds, nanos))
    }

    fn all(&self) -> DateTimeParts {
        parse_date_time(self.0.as_bytes()).expect("validated when constructed")
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Checks ISO 8601 duration syntax: `[-]P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]`
/// with at least one part. OData's own grammar allows only days, hours,
/// minutes and seconds; services send the other parts too.
fn valid_duration(s: &[u8]) -> bool {
    let s = s.strip_prefix(b"-").or_else(|| s.strip_prefix(b"+")).unwrap_or(s);
    let Some(s) = s.strip_prefix(b"P") else { return false };
    let (date, time) = match s.iter().position(|&b| b == b'T') {
        Some(t) => (&s[..t], Some(&s[t + 1..])),
        None => (s, None),
    };
    let Some(date_parts) = designators(date, b"YMWD", false) else { return false };
    let time_parts = match time {
        None => 0,
        Some(time) => match designators(time, b"HMS", true) {
            Some(0) | None => return false,
            Some(n) => n,
        },
    };
    date_parts + time_parts > 0
}

/// Counts `<number><designator>` parts in order; `None` when malformed. Only
/// the seconds part (the last) may have a fraction when `fraction_last`.
fn designators(mut s: &[u8], order: &[u8], fraction_last: bool) -> Option<usize> {
    let mut next = 0;
    let mut parts = 0;
    while !s.is_empty() {
        let end = s.iter().position(|b| !b.is_ascii_digit() && *b != b'.')?;
        let (num, rest) = s.split_at(end);
        let designator = *rest.first()?;
        let at = order[next..].iter().position(|&d| d == designator)? + next;
        let fraction_ok = fraction_last && at == order.len() - 1;
        let valid_number = match num.iter().position(|&b| b == b'.') {
            None => digits(num),
            Some(dot) => fraction_ok && digits(&num[..dot]) && digits(&num[dot + 1..]),
        };
        if !valid_number {
            return None;
        }
        next = at + 1;
        parts += 1;
        s = &rest[1..];
    }
    Some(parts)
}

impl Duration {
    /// Parses an ISO 8601 duration.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        if valid_duration(s.as_bytes()) { Ok(Duration(s.into())) } else { Err(ParseError::new("Edm.Duration", s)) }
    }

    /// The duration as a signed number of seconds; `None` when it has years
    /// or months, which have no fixed length.
    pub fn as_seconds_f64(&self) -> Option<f64> {
        let s = self.0.as_bytes();
        let (negative, s) = match s.first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let mut total = 0f64;
        let mut in_time = false;
        let mut start = 1; // after 'P'
        for (i, &b) in s.iter().enumerate().skip(1) {
            if b == b'T' {
                in_time = true;
                start = i + 1;
                continue;
            }
            if b.is_ascii_digit() || b == b'.' {
                continue;
            }
            let n: f64 = std::str::from_utf8(&s[start..i]).ok()?.parse().ok()?;
            total += n * match (b, in_time) {
                (b'W', false) => 604_800.0,
                (b'D', false) => 86_400.0,
                (b'H', true) => 3_600.0,
                (b'M', true) => 60.0,
                (b'S', true) => 1.0,
                _ => return None,
            };
            start = i + 1;
        }
        Some(if negative { -total } else { total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2019-03-01").unwrap().parts(), (2019, 3, 1));
        assert_eq!(Date::parse("-0044-03-15").unwrap().parts(), (-44, 3, 15));
        assert_eq!(Date::parse("12019-03-01").unwrap().parts(), (12019, 3, 1));
        assert!(Date::parse("2019-02-29").is_err());
        assert!(Date::parse("2020-02-29").is_ok());
        for bad in ["2019-3-01", "019-03-01", "02019-03-01", "2019-13-01", "2019-00-10", "2019-01-32", "", "x"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times() {
        assert_eq!(TimeOfDay::parse("13:20").unwrap().parts(), (13, 20, 0, 0));
        assert_eq!(TimeOfDay::parse("13:20:05.1234567").unwrap().parts(), (13, 20, 5, 123_456_700));
        assert_eq!(TimeOfDay::parse("00:00:00.123456789012").unwrap().parts(), (0, 0, 0, 123_456_789));
        for bad in ["24:00", "13:60", "13:20:60", "13:20:05.", "13:20:05.1234567890123", "1:20"] {
            assert!(TimeOfDay::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn date_times() {
        let t = DateTimeOffset::parse("2019-03-01T00:00:00.1234567Z").unwrap();
        assert_eq!(t.as_str(), "2019-03-01T00:00:00.1234567Z");
        assert_eq!(t.time(), (0, 0, 0, 123_456_700));
        assert_eq!(t.unix_timestamp(), Some((1_551_398_400, 123_456_700)));
        let t = DateTimeOffset::parse("1970-01-01T01:00:00+01:00").unwrap();
        assert_eq!(t.unix_timestamp(), Some((0, 0)));
        assert_eq!(DateTimeOffset::parse("2019-03-01T10:00:00-05:30").unwrap().offset_minutes(), Some(-330));
        assert_eq!(DateTimeOffset::parse("2019-03-01T10:00:00").unwrap().offset_minutes(), None);
        for bad in ["2019-03-01", "2019-03-01T", "2019-03-01T10:00:00+5:00", "2019-03-01T25:00Z", "2019-03-01 10:00Z"] {
            assert!(DateTimeOffset::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        for good in ["P1D", "PT1H30M", "-PT0.5S", "P1Y2M3W4DT5H6M7.25S", "PT0S", "P90D"] {
            assert!(Duration::parse(good).is_ok(), "{good}");
        }
        for bad in ["P", "PT", "1D", "P1H", "PT1D", "P1.5D", "PT1.5H", "P1M1Y", "PT1S2M", "P1DT"] {
            assert!(Duration::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Duration::parse("P1DT2H30M").unwrap().as_seconds_f64(), Some(95_400.0));
        assert_eq!(Duration::parse("-PT0.5S").unwrap().as_seconds_f64(), Some(-0.5));
        assert_eq!(Duration::parse("P1Y").unwrap().as_seconds_f64(), None);
    }
}
