//! Which names CSDL allows, and the published deviations that are accepted with a warning.

use super::*;

/// Whether `name` is a CSDL simple identifier.
pub fn is_simple_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else { return false };
    (first == '_' || first.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric() || unicode_ident::is_xid_continue(c))
        && name.chars().count() <= 128
}

/// Whether a member name that is not a simple identifier is still usable:
/// letters, digits, `_` and `-`, starting with a letter or `_`. Services
/// publish such names (Microsoft Graph's `request-id`); the JSON name is kept
/// exactly and the Rust name is derived from it.
pub fn is_lenient_member_name(name: &str) -> bool {
    let rest = name.strip_prefix('@').unwrap_or(name);
    let mut chars = rest.chars();
    let Some(first) = chars.next() else { return false };
    (first == '_' || first.is_alphabetic())
        && chars.all(|c| matches!(c, '_' | '-' | '.') || c.is_alphanumeric() || unicode_ident::is_xid_continue(c))
        && name.chars().count() <= 128
}

/// The kinds of members whose names [`Resolver::usable_member_name`]
/// checks; the label is how messages name them.
#[derive(Clone, Copy)]
pub(super) enum Member {
    Property,
    Navigation,
    Enumerator,
    EntitySet,
    Singleton,
}

impl Member {
    pub(super) fn label(self) -> &'static str {
        match self {
            Member::Property => "property",
            Member::Navigation => "navigation property",
            Member::Enumerator => "member",
            Member::EntitySet => "entity set",
            Member::Singleton => "singleton",
        }
    }

    /// Whether JSON payloads carry the name (as a member name or an enum
    /// value), where published documents use names with spaces.
    pub(super) fn in_json(self) -> bool {
        matches!(self, Member::Property | Member::Navigation | Member::Enumerator)
    }
}

/// Whether `name` is a lenient member name once its spaces (U+0020 only)
/// are taken out: `"Open "`, `"Sales Order"`. Spaces can reach nothing but
/// JSON names (string literals) and docs, and the Rust name is made from
/// the words; other whitespace, quotes and punctuation stay refused.
pub fn is_spaced_member_name(name: &str) -> bool {
    name.contains(' ') && is_lenient_member_name(&name.replace(' ', "")) && name.chars().count() <= 128
}

/// Whether `name` is a namespace that published documents use though CSDL
/// does not allow it: dot-separated segments of letters, digits and `_`
/// where a segment after the first starts with a digit (`Loopy.1.VM1`,
/// from a Teiid server). Namespaces reach Rust only through the naming
/// module, which makes identifiers and file stems of them.
pub fn is_lenient_namespace(name: &str) -> bool {
    let mut segments = name.split('.');
    name.len() <= 511
        && segments.next().is_some_and(is_simple_identifier)
        && segments.all(|s| !s.is_empty() && s.chars().all(|c| c == '_' || unicode_ident::is_xid_continue(c)))
}

/// Whether `name` is a CSDL namespace: dot-separated simple identifiers.
pub fn is_namespace(name: &str) -> bool {
    name.len() <= 511 && name.split('.').all(is_simple_identifier)
}

impl<'d> Resolver<'_, 'd> {
    /// Checks a member name (valid, not yet used in `names`).
    pub(super) fn member_name<'n>(
        &mut self,
        name: &'n raw::Spanned<String>,
        what: Member,
        names: &mut HashSet<&'n str>,
    ) -> bool {
        if !self.usable_member_name(name, what) {
            return false;
        }
        if !names.insert(&name.value) {
            self.error(codes::DUPLICATE, format!("`{}` is declared twice in the same type", name.value), name.loc);
            return false;
        }
        true
    }

    /// A member name is usable when it is a simple identifier, or (with a
    /// warning) a name of letters, digits, `_`, `-` and `.` (W0008), or
    /// such a name with spaces (W0012) for the members whose names JSON
    /// carries: properties, navigation properties, enum members. Entity
    /// sets and singletons are named only in URLs, where no published
    /// document is known to use spaces; they stay refused.
    pub(super) fn usable_member_name(&mut self, name: &raw::Spanned<String>, member: Member) -> bool {
        let what = member.label();
        if is_simple_identifier(&name.value) {
            return true;
        }
        if is_lenient_member_name(&name.value) {
            self.warn(
                codes::TOLERATED,
                format!("{what} name `{}` is not a CSDL simple identifier; it is used as written in JSON", name.value),
                name.loc,
            );
            return true;
        }
        if member.in_json() && is_spaced_member_name(&name.value) {
            self.warn(
                codes::SPACED_NAME,
                format!(
                    "{what} name `{}` has spaces, which CSDL does not allow; JSON uses it as written, with the spaces",
                    name.value
                ),
                name.loc,
            );
            return true;
        }
        self.error(codes::NAME, format!("{what} name `{}` is not a simple identifier", name.value), name.loc);
        false
    }
}
