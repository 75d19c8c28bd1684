//! Property tests of literal and query encoding: any value survives a
//! `$filter` and a key segment (the URL, parsed back, gives the value),
//! and no value can add or end a query option.

use odata_runtime::edm::{Date, DateTimeOffset, Guid};
use odata_runtime::expect::NoContent;
use odata_runtime::filter::Filter;
use odata_runtime::http::Method;
use odata_runtime::query::Prop;
use odata_runtime::request::{Path, Request, ServiceRoot, percent_decode};
use proptest::prelude::*;

struct Item;
const NAME: Prop<Item, String> = Prop::new("name", 0);
const ID: Prop<Item, Guid> = Prop::new("id", 1);
const DAY: Prop<Item, Date> = Prop::new("day", 2);
const AT: Prop<Item, DateTimeOffset> = Prop::new("at", 3);

fn root() -> ServiceRoot {
    ServiceRoot::new("https://example.com/odata").unwrap()
}

/// The query options of `url`, split and decoded as a server does.
fn options(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// The value of an OData string literal `'...'`, with `''` undoubled.
fn unquote(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('\'')?.strip_suffix('\'')?;
    Some(inner.replace("''", "'"))
}

fn request(filter: Filter<Item>) -> String {
    Request::new(Method::GET, Path::root("items"), NoContent)
        .query("$filter", filter.into_text())
        .query("$top", "3")
        .url(&root())
}

proptest! {
    #[test]
    fn strings_survive_filters(s in any::<String>()) {
        let url = request(NAME.eq(s.clone()));
        // The URL is valid for `http`, and has exactly the two options.
        prop_assert!(url.parse::<odata_runtime::http::Uri>().is_ok(), "{}", url);
        let opts = options(&url);
        prop_assert_eq!(opts.len(), 2, "{}", url);
        prop_assert_eq!(&opts[0].0, "$filter");
        prop_assert_eq!(&opts[1], &("$top".to_owned(), "3".to_owned()));
        let literal = opts[0].1.strip_prefix("name eq ").unwrap();
        prop_assert_eq!(unquote(literal), Some(s));
    }

    #[test]
    fn strings_survive_functions_and_keys(s in any::<String>()) {
        let url = request(NAME.contains(&s));
        let opts = options(&url);
        prop_assert_eq!(opts.len(), 2, "{}", url);
        let inner = opts[0].1.strip_prefix("contains(name,").and_then(|r| r.strip_suffix(')')).unwrap();
        prop_assert_eq!(unquote(inner), Some(s.clone()));
        // A key in parentheses and as a segment: one path segment each,
        // decoding to the literal / the value.
        let key = Path::root("items").key(&s);
        let segment = key.as_str().strip_prefix("items(").and_then(|r| r.strip_suffix(')')).unwrap();
        prop_assert!(!segment.contains(['/', '?', '#']));
        prop_assert_eq!(unquote(&percent_decode(segment)), Some(s.clone()));
        let seg = Path::root("items").key_segment(&s);
        let tail = seg.as_str().strip_prefix("items/").unwrap();
        prop_assert!(!tail.contains(['/', '?', '#']));
        prop_assert_eq!(percent_decode(tail), s);
    }

    #[test]
    fn guids_dates_and_times_survive(bytes in any::<[u8; 16]>(), y in 1i32..9999, m in 1u32..=12, d in 1u32..=28,
                                     h in 0u32..24, min in 0u32..60, off in -14i32..=14) {
        let guid = Guid::from_bytes(bytes);
        let url = request(ID.eq(guid.clone()));
        prop_assert_eq!(options(&url)[0].1.clone(), format!("id eq {guid}"));
        let date = Date::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap();
        let url = request(DAY.ge(date.clone()));
        prop_assert_eq!(options(&url)[0].1.clone(), format!("day ge {date}"));
        let sign = if off < 0 { '-' } else { '+' };
        let at = DateTimeOffset::parse(&format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00{sign}{:02}:00", off.abs())).unwrap();
        let url = request(AT.lt(at.clone()));
        // `+` is encoded: a server would read a bare `+` as a space.
        prop_assert!(!url.contains('+'));
        prop_assert_eq!(options(&url)[0].1.clone(), format!("at lt {at}"));
    }

    #[test]
    fn option_values_cannot_inject_options(name in "[a-z$]{1,8}", value in any::<String>()) {
        let url = Request::new(Method::GET, Path::root("items"), NoContent).query(name.clone(), value.clone()).url(&root());
        let opts = options(&url);
        prop_assert_eq!(opts, vec![(name, value)]);
    }
}
