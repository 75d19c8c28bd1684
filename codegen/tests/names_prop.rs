//! Properties of the naming module, on arbitrary strings: every name gives
//! a valid identifier (never a panic), and names that share a scope never
//! get the same identifier or file.

use std::collections::HashSet;

use odata_codegen::names::{is_valid_ident, scope_file_stems, scope_idents, type_ident, value_ident};
use odata_codegen::write::is_safe_relative;
use proptest::prelude::*;

fn parses_as_ident(s: &str) -> bool {
    syn::parse_str::<syn::Ident>(s).is_ok()
}

/// rustc's `non_camel_case_types` rule: after leading and trailing `_`,
/// no lowercase first letter, no `__`, no `_` next to a letter.
fn is_camel(ident: &str) -> bool {
    let name = ident.trim_start_matches("r#").trim_matches('_');
    let chars: Vec<char> = name.chars().collect();
    name.is_empty()
        || (!chars[0].is_lowercase()
            && !name.contains("__")
            && !chars
                .windows(2)
                .any(|w| (w[0].is_alphabetic() && w[1] == '_') || (w[1].is_alphabetic() && w[0] == '_')))
}

/// rustc's `non_snake_case` rule: no uppercase letter, no `__` inside.
fn is_snake(ident: &str) -> bool {
    let name = ident.trim_start_matches("r#").trim_matches('_');
    !name.chars().any(char::is_uppercase) && !name.contains("__")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn any_string_gives_a_valid_identifier(name in ".{0,40}") {
        for ident in [type_ident(&name), value_ident(&name)] {
            prop_assert!(is_valid_ident(&ident), "{name:?} -> {ident:?}");
            prop_assert!(parses_as_ident(&ident), "{name:?} -> {ident:?} does not parse as an identifier");
            prop_assert!(ident.is_ascii());
        }
    }

    /// Generated crates do not allow the naming lints: type names are
    /// UpperCamelCase and value names snake_case, whatever the metadata
    /// says, also after a collision suffix.
    #[test]
    fn names_pass_the_naming_lints(name in ".{0,20}") {
        let types = scope_idents([name.as_str(), name.as_str(), "Self", "self"], type_ident);
        let values = scope_idents([name.as_str(), name.as_str(), "self", "Self"], value_ident);
        for t in &types {
            prop_assert!(is_camel(t), "{name:?} -> {t:?} is not UpperCamelCase");
            prop_assert!(is_camel(&format!("{t}DeleteParams")), "{name:?} -> {t:?} does not take a suffix");
        }
        for v in &values {
            prop_assert!(is_snake(v), "{name:?} -> {v:?} is not snake_case");
        }
    }

    #[test]
    fn identifier_like_strings_too(name in "[_a-zA-Z\\-@.][_a-zA-Z0-9\\-.]{0,20}") {
        let ident = value_ident(&name);
        prop_assert!(is_valid_ident(&ident) && parses_as_ident(&ident), "{name:?} -> {ident:?}");
    }

    #[test]
    fn names_in_one_scope_stay_distinct(names in proptest::collection::hash_set(".{0,12}", 0..40)) {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for convert in [type_ident as fn(&str) -> String, value_ident] {
            let idents = scope_idents(names.iter().copied(), convert);
            let distinct: HashSet<&String> = idents.iter().collect();
            prop_assert_eq!(distinct.len(), idents.len(), "{:?} -> {:?}", names, idents);
            for ident in &idents {
                prop_assert!(parses_as_ident(ident), "{ident:?}");
            }
            // Files of the types of a namespace: distinct, lowercase, safe,
            // and never a name the crate layout or Windows reserves.
            let stems = scope_file_stems(idents.iter().map(String::as_str));
            let distinct: HashSet<String> = stems.iter().map(|s| s.to_ascii_lowercase()).collect();
            prop_assert_eq!(distinct.len(), stems.len());
            for stem in &stems {
                // A stem is also the name of the file's module.
                prop_assert!(parses_as_ident(stem), "file stem {stem:?} is not an identifier");
                prop_assert!(is_safe_relative(&format!("src/{stem}.rs")), "{stem:?}");
                prop_assert!(!["mod", "lib", "main", "con", "nul", "aux", "prn", "any", "paths"].contains(&stem.as_str()));
            }
        }
    }
}
