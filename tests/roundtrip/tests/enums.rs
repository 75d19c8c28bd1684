//! Enum types: values, unknown members, flags.

use golden_enums::enums::{Days, Holder, Implicit, Keywords, OutOfOrder};
use odata_runtime::{EnumMember, Flags};
use serde_json::{Value, json};

#[test]
fn values_explicit_and_implicit() {
    assert_eq!(Implicit::Zero.value(), Some(0));
    assert_eq!(Implicit::Two.value(), Some(2));
    assert_eq!(OutOfOrder::High.value(), Some(9_000_000_000));
    assert_eq!(OutOfOrder::Low.value(), Some(-3));
    assert_eq!(OutOfOrder::Next.value(), Some(-2));
    assert_eq!(OutOfOrder::AddedLater.value(), Some(100));
    assert_eq!(OutOfOrder::Unrecognized("x".into()).value(), None);
}

#[test]
fn keyword_members_keep_their_json_names() {
    for (variant, name) in [
        (Keywords::Override, "override"),
        (Keywords::Loop, "loop"),
        (Keywords::Box, "box"),
        (Keywords::Enum, "enum"),
        (Keywords::SelfTy, "self"),
    ] {
        assert_eq!(serde_json::to_value(&variant).unwrap(), json!(name));
        assert_eq!(serde_json::from_value::<Keywords>(json!(name)).unwrap(), variant);
    }
}

#[test]
fn unknown_members_are_kept() {
    let v: OutOfOrder = serde_json::from_value(json!("brandNewMember")).unwrap();
    assert_eq!(v, OutOfOrder::Unrecognized("brandNewMember".into()));
    assert_eq!(serde_json::to_value(&v).unwrap(), json!("brandNewMember"));
    // Numbers are not member names: they are kept too.
    let v: Implicit = serde_json::from_value(json!("1")).unwrap();
    assert_eq!(v, Implicit::Unrecognized("1".into()));
    // An enum without members still reads any value.
    let v: golden_enums::enums::Empty = serde_json::from_value(json!("x")).unwrap();
    assert_eq!(serde_json::to_value(&v).unwrap(), json!("x"));
    assert!(serde_json::from_value::<Implicit>(json!(1)).is_err(), "enum values are strings in OData JSON");
}

#[test]
fn flags() {
    let f: Flags<Days> = serde_json::from_value(json!("monday,wednesday")).unwrap();
    assert!(f.contains(&Days::Monday) && f.contains(&Days::Wednesday) && !f.contains(&Days::Tuesday));
    assert_eq!(f.bits(), Some(5));
    assert_eq!(serde_json::to_value(&f).unwrap(), json!("monday,wednesday"));
    // Order and unknown members survive.
    let f: Flags<Days> = serde_json::from_value(json!("wednesday,someday,monday")).unwrap();
    assert_eq!(f.members()[1], Days::Unrecognized("someday".into()));
    assert_eq!(f.bits(), None);
    assert_eq!(serde_json::to_value(&f).unwrap(), json!("wednesday,someday,monday"));
    let empty: Flags<Days> = serde_json::from_value(json!("")).unwrap();
    assert!(empty.members().is_empty());
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!(""));
    let mut built = Flags::new(vec![Days::Tuesday]);
    built.insert(Days::Monday);
    built.insert(Days::Tuesday);
    assert_eq!(built.to_string(), "tuesday,monday");
}

#[test]
fn holder_round_trip() {
    let input = json!({
        "single": "two",
        "many": ["low", "addedLater", "brandNew"],
        "flags": "monday,wednesday",
        "manyFlags": ["none", null, "tuesday,unknownThing"],
        "nothing": "whatever"
    });
    let holder: Holder = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(holder.single, Some(Implicit::Two));
    assert_eq!(holder.many[2], OutOfOrder::Unrecognized("brandNew".into()));
    assert_eq!(holder.many_flags[1], None);
    assert_eq!(serde_json::to_value(&holder).unwrap(), input);
    // A null in a collection whose items may not be null is an error.
    let bad = json!({"many": ["low", null]});
    assert!(serde_json::from_value::<Holder>(bad).is_err());
    let _: Value = serde_json::to_value(Holder::default()).unwrap();
}

/// `Clone` and `Debug` come from the member table (`enum_impls!`), not from
/// derives: they must still behave as derived ones do.
#[test]
fn clone_and_debug_from_the_table() {
    for v in [OutOfOrder::High, OutOfOrder::Low, OutOfOrder::Next, OutOfOrder::AddedLater] {
        assert_eq!(v.clone(), v);
    }
    let raw = OutOfOrder::Unrecognized("brand-new".into());
    assert_eq!(raw.clone(), raw);
    assert_eq!(format!("{:?}", OutOfOrder::AddedLater), "AddedLater");
    assert_eq!(format!("{raw:?}"), r#"Unrecognized("brand-new")"#);
    assert_eq!(format!("{:?}", Keywords::SelfTy), "SelfTy");
    assert_eq!(format!("{:?}", Some(Implicit::Two)), "Some(Two)");
    // The table lists the members in declaration order, with their names
    // in JSON and in Rust and their values.
    let members: Vec<(&str, &str, i64)> = OutOfOrder::MEMBERS.iter().map(|m| (m.name, m.variant, m.value)).collect();
    assert_eq!(members[0], ("high", "High", 9_000_000_000));
    assert_eq!(members.len(), 5);
    assert_eq!(members[4], ("addedLater", "AddedLater", 100));
    assert_eq!(OutOfOrder::Next.position(), Ok(2));
    assert_eq!(raw.position(), Err("brand-new"));
    assert_eq!(raw.member_name(), "brand-new");
}
