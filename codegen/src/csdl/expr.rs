//! Constant and dynamic expressions, in the one place that maps them.
//!
//! CSDL writes a constant two ways: as an attribute (`<Annotation
//! Term="…" Bool="true"/>`) and as an element (`<Bool>true</Bool>`);
//! boolean attributes of the grammar itself (`Nullable="false"`) are a
//! third spelling of the same value. All three go through [`boolean`] and
//! [`constant`], so they accept the same text and say the same thing about
//! text they refuse.

use super::raw::{Expr, Spanned};
use crate::codes;
use crate::diag::{Diagnostic, Location};

/// Constant expressions, by element or attribute name. `String` keeps its
/// text as written; the others are trimmed (XML Schema collapses their
/// whitespace).
const CONSTANTS: &[&str] = &[
    "String",
    "Bool",
    "Int",
    "Float",
    "Decimal",
    "EnumMember",
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
    "ModelElementPath",
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "TimeOfDay",
    "Binary",
];

/// Dynamic expressions (and `Null`): known, not interpreted here; their
/// content is skipped.
const DYNAMIC: &[&str] = &[
    "Null",
    "Apply",
    "Cast",
    "If",
    "IsOf",
    "LabeledElement",
    "LabeledElementReference",
    "UrlRef",
    "Not",
    "And",
    "Or",
    "Eq",
    "Ne",
    "Gt",
    "Ge",
    "Lt",
    "Le",
    "Has",
    "In",
    "Add",
    "Sub",
    "Neg",
    "Mul",
    "Div",
    "DivBy",
    "Mod",
];

/// What an element inside an annotation value is.
pub enum ElementKind {
    Record,
    Collection,
    /// A constant written as element text; the name is one of [`CONSTANTS`].
    Constant(&'static str),
    /// A dynamic expression or `Null`.
    Dynamic,
    /// Not an expression CSDL defines.
    Unknown,
}

/// Classifies an expression element by its local name.
pub fn element_kind(local: &str) -> ElementKind {
    match local {
        "Record" => ElementKind::Record,
        "Collection" => ElementKind::Collection,
        _ => match CONSTANTS.iter().find(|c| **c == local) {
            Some(name) => ElementKind::Constant(name),
            None if DYNAMIC.contains(&local) => ElementKind::Dynamic,
            None => ElementKind::Unknown,
        },
    }
}

/// A boolean written `true` or `false`. `True`, `TRUE`, `1`, `False`,
/// `FALSE` and `0` (some tools write them; XML Schema allows the digits)
/// are read with a warning; anything else is an error and `None`. Both go
/// to `diags`, whose reader sorts them by severity.
/// `what` names the value in messages (`` `Nullable` ``, `` `<Bool>` ``).
pub fn boolean(text: &str, what: &str, loc: Location, diags: &mut Vec<Diagnostic>) -> Option<bool> {
    match text.trim() {
        "true" => Some(true),
        "false" => Some(false),
        other @ ("True" | "TRUE" | "1" | "False" | "FALSE" | "0") => {
            diags.push(
                Diagnostic::warning(codes::TOLERATED, format!("{what} is `{other}`; CSDL writes `true` or `false`"))
                    .at(loc),
            );
            Some(matches!(other, "True" | "TRUE" | "1"))
        }
        other => {
            diags.push(
                Diagnostic::error(codes::BAD_ATTRIBUTE, format!("{what} is `{other}`; expected `true` or `false`"))
                    .at(loc),
            );
            None
        }
    }
}

/// The constant expression `name` (one of [`CONSTANTS`], or `UrlRef` in
/// attribute form) with its text; `None` when `name` is not a constant.
/// `what` names the value in messages.
pub fn constant(name: &str, text: Spanned<String>, what: &str, diags: &mut Vec<Diagnostic>) -> Option<Expr> {
    let trimmed = || text.value.trim().to_owned();
    Some(match name {
        "String" => Expr::String(text.value),
        "Bool" => match boolean(&text.value, what, text.loc, diags) {
            Some(b) => Expr::Bool(b),
            None => Expr::Absent,
        },
        "Int" => Expr::Int(trimmed()),
        "Float" | "Decimal" => Expr::Number(trimmed()),
        "EnumMember" => Expr::EnumMember(trimmed()),
        "Path" | "PropertyPath" | "NavigationPropertyPath" | "AnnotationPath" | "ModelElementPath" => {
            Expr::Path(trimmed())
        }
        "Date" | "DateTimeOffset" | "Duration" | "Guid" | "TimeOfDay" | "Binary" | "UrlRef" => {
            Expr::Other(name.to_owned())
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Severity};

    fn loc() -> Location {
        Location { file: FileId(0), pos: 0, len: 0 }
    }

    fn count<T>(value: T, diags: &[Diagnostic]) -> (T, usize, usize) {
        let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
        (value, errors, diags.len() - errors)
    }

    fn read(name: &str, text: &str) -> (Option<Expr>, usize, usize) {
        let mut diags = Vec::new();
        let expr = constant(name, Spanned { value: text.into(), loc: loc() }, "`x`", &mut diags);
        count(expr, &diags)
    }

    /// The attribute form, the element form and grammar booleans agree:
    /// the same texts are accepted, tolerated or refused.
    #[test]
    fn booleans_agree_in_every_form() {
        for (text, want, errors, warnings) in [
            ("true", Some(true), 0, 0),
            (" false\n", Some(false), 0, 0),
            ("True", Some(true), 0, 1),
            ("0", Some(false), 0, 1),
            ("yes", None, 1, 0),
            ("", None, 1, 0),
        ] {
            let mut diags = Vec::new();
            let b = boolean(text, "`x`", loc(), &mut diags);
            assert_eq!(count(b, &diags), (want, errors, warnings), "{text:?}");
            let expected = match want {
                Some(b) => Expr::Bool(b),
                None => Expr::Absent,
            };
            assert_eq!(read("Bool", text), (Some(expected), errors, warnings), "{text:?}");
        }
    }

    #[test]
    fn strings_keep_their_spaces_and_the_rest_are_trimmed() {
        assert_eq!(read("String", " a ").0, Some(Expr::String(" a ".into())));
        assert_eq!(read("Int", " 7 ").0, Some(Expr::Int("7".into())));
        assert_eq!(read("PropertyPath", "\n a/b ").0, Some(Expr::Path("a/b".into())));
        assert_eq!(read("Term", "x").0, None);
        assert!(matches!(element_kind("If"), ElementKind::Dynamic));
        assert!(matches!(element_kind("Bool"), ElementKind::Constant("Bool")));
        assert!(matches!(element_kind("Bogus"), ElementKind::Unknown));
    }
}
