//! The `Clone` and `Debug` of generated enums, which `enum_impls!` writes
//! as one call each instead of a `match` arm per member.

use std::fmt;

use crate::EnumMember;

/// A copy of `value`: the same member, or the same unrecognized string.
///
/// A member is found again by its name, so cloning costs a string `match`
/// rather than a copy; in exchange the crate does not compile a `Clone`
/// with a line per member (Graph's enums have 34,000).
pub fn clone<E: EnumMember>(value: &E) -> E {
    match value.position() {
        // `MEMBERS` and `from_member` come from the same table, so the
        // name is always found; were it not, the copy would still
        // serialize the same.
        Ok(at) => {
            let name = E::MEMBERS[at].name;
            E::from_member(name).unwrap_or_else(|| E::unrecognized(name.to_owned()))
        }
        Err(raw) => E::unrecognized(raw.to_owned()),
    }
}

/// What `#[derive(Debug)]` writes: the variant's name, or the unrecognized
/// variant (named `unrecognized`) with its string.
pub fn debug<E: EnumMember>(value: &E, unrecognized: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match value.position() {
        Ok(at) => f.write_str(E::MEMBERS[at].variant),
        Err(raw) => f.debug_tuple(unrecognized).field(&raw).finish(),
    }
}
