//! Tests of the naming module.

use super::*;

/// `is_valid_ident` looks keywords up only for names of eight bytes
/// or fewer.
#[test]
fn keywords_are_short() {
    assert!(KEYWORDS.iter().chain(NOT_RAW).all(|k| k.len() <= 8));
}

#[test]
fn identifier_table() {
    let cases = [
        // (CSDL name, type ident, value ident)
        ("securityProviderStatus", "SecurityProviderStatus", "security_provider_status"),
        ("type", "Type", "r#type"),
        ("self", "SelfTy", "self_"),
        ("Self", "SelfTy", "self_"),
        ("ref", "Ref", "r#ref"),
        ("enum", "Enum", "r#enum"),
        ("move", "Move", "r#move"),
        ("final", "Final", "r#final"),
        ("override", "Override", "r#override"),
        ("loop", "Loop", "r#loop"),
        ("box", "Box", "r#box"),
        ("super", "Super", "super_"),
        ("crate", "Crate", "crate_"),
        ("gen", "Gen", "r#gen"),
        ("_2fa", "_2fa", "_2fa"),
        ("_", "__", "__"),
        ("alerts_v2", "AlertsV2", "alerts_v2"),
        ("ID", "Id", "id"),
        ("Größe", "GrU00f6U00dfe", "gr_u00f6_u00dfe"),
        ("Option", "Option", "option"),
        ("String", "String", "string"),
    ];
    for (name, ty, value) in cases {
        assert_eq!(type_ident(name), ty, "type_ident({name})");
        assert_eq!(value_ident(name), value, "value_ident({name})");
        assert!(is_valid_ident(ty) && is_valid_ident(value), "{name}");
    }
}

/// The plain-`lowerCamelCase` shortcut converts as heck does, on the
/// names of the Graph v1.0 document and on generated ones.
#[test]
fn simple_camel_converts_as_heck() {
    let graph = include_str!("../../../tests/corpus/graph/msgraph-v1.0-cleanMetadata.xml");
    let mut names: Vec<&str> = graph.split("Name=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    let words = ["a", "id", "user", "x", "display", "name", "v", "abc", "ok", "I", "A"];
    let mut generated = Vec::new();
    for a in words {
        for b in words {
            for c in words {
                let cap = |w: &str| format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
                generated.push(format!("{a}{}", cap(b)));
                generated.push(format!("{a}{}{}", cap(b), cap(c)));
                generated.push(format!("{a}{b}{}", cap(c)));
            }
        }
    }
    names.extend(generated.iter().map(String::as_str));
    let mut simple = 0;
    for name in names {
        if simple_camel(name) {
            simple += 1;
            assert_eq!(type_ident(name), finish(name.to_upper_camel_case(), name, true), "{name}");
            assert_eq!(value_ident(name), finish(name.to_snake_case(), name, false), "{name}");
            assert_eq!(snake(&type_ident(name)), type_ident(name).to_snake_case(), "{name}");
        }
    }
    assert!(simple > 20_000, "only {simple} simple names");
    for name in ["User", "UserSettings", "Ab", "iPhone"] {
        assert!(simple_camel(name), "{name}");
        assert_eq!(type_ident(name), finish(name.to_upper_camel_case(), name, true), "{name}");
        assert_eq!(value_ident(name), finish(name.to_snake_case(), name, false), "{name}");
    }
    for not_simple in ["ABC", "aBC", "a1", "a_b", "aB", "A", "", "é", "aBc2", "IPhone"] {
        assert!(!simple_camel(not_simple), "{not_simple}");
    }
}

#[test]
fn collisions_get_suffixes_in_order() {
    let mut used = HashSet::default();
    let got: Vec<String> =
        ["displayName", "display_name", "DisplayName"].iter().map(|n| unique(value_ident(n), &mut used)).collect();
    assert_eq!(got, ["display_name", "display_name_2", "display_name_3"]);
    let mut used = HashSet::default();
    let got: Vec<String> = ["Alert", "alert"].iter().map(|n| unique(type_ident(n), &mut used)).collect();
    assert_eq!(got, ["Alert", "Alert2"]);
    let mut used = HashSet::default();
    let got: Vec<String> = ["type", "Type"].iter().map(|n| unique(value_ident(n), &mut used)).collect();
    assert_eq!(got, ["r#type", "type_2"]);
}

#[test]
fn file_stems_avoid_reserved_names() {
    let mut used = HashSet::default();
    assert_eq!(file_stem("Con", &mut used), "con_ty");
    assert_eq!(file_stem("Mod", &mut used), "mod_ty");
    assert_eq!(file_stem("r#Type", &mut used), "type_ty");
    assert_eq!(file_stem("User", &mut used), "user");
    // Found by the structure-aware fuzzer: a namespace `_3.enum`.
    assert_eq!(file_stem("_3", &mut used), "_3");
    assert!(is_valid_ident(&module_ident("_3.enum", &mut used)));
    assert_eq!(file_stem("USER", &mut used), "user_2");
    let long = "A".repeat(300);
    assert!(file_stem(&long, &mut used).len() < 110);
}

#[test]
fn validity() {
    for good in ["a", "_a", "r#type", "A_2", "__"] {
        assert!(is_valid_ident(good), "{good}");
    }
    for bad in ["", "_", "1a", "a b", "type", "r#self", "r#a", "é", "x}fn"] {
        assert!(!is_valid_ident(bad), "{bad}");
    }
}
