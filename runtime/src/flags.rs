use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::EnumMember;

/// The value of an `IsFlags="true"` enum type: a set of members, written in
/// JSON as `"a,b"`.
///
/// The members are kept in the order they were read, unrecognized ones as
/// their raw text, so a value serializes back to the string it came from.
///
/// ```
/// # #[derive(PartialEq)]
/// # pub enum Permission { Read, Write, Unrecognized(String) }
/// # odata_runtime::enum_impls! {
/// #     Permission(Unrecognized) = "Sales.Permission" {
/// #         0 Read = "read", 1;
/// #         1 Write = "write", 2;
/// #     }
/// # }
/// use odata_runtime::Flags;
/// use odata_runtime::literal::to_literal;
/// use odata_runtime::serde_json;
///
/// // `Permission` is a generated `IsFlags` enum: `read` = 1, `write` = 2.
/// let granted: Flags<Permission> = serde_json::from_str(r#""read,write""#)?;
/// assert!(granted.contains(&Permission::Write));
/// assert_eq!(granted.bits(), Some(3));
/// assert_eq!(to_literal(&granted), "Sales.Permission'read,write'");
///
/// let mut less = granted.clone();
/// less.remove(&Permission::Read);
/// assert_eq!(serde_json::to_string(&less)?, r#""write""#);
///
/// // A member this crate does not know is kept.
/// let newer: Flags<Permission> = serde_json::from_str(r#""read,admin""#)?;
/// assert_eq!(newer.members()[1], Permission::Unrecognized("admin".into()));
/// assert_eq!(newer.bits(), None);
/// assert_eq!(serde_json::to_string(&newer)?, r#""read,admin""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Flags<E> {
    members: Vec<E>,
}

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags { members: Vec::new() }
    }
}

impl<E: EnumMember + PartialEq> Flags<E> {
    /// A value with these members.
    pub fn new(members: Vec<E>) -> Self {
        Flags { members }
    }

    /// The members, in order.
    pub fn members(&self) -> &[E] {
        &self.members
    }

    /// Whether `member` is set.
    pub fn contains(&self, member: &E) -> bool {
        self.members.contains(member)
    }

    /// Sets `member` (at the end) unless it is set already.
    pub fn insert(&mut self, member: E) {
        if !self.contains(&member) {
            self.members.push(member);
        }
    }

    /// Clears `member`.
    pub fn remove(&mut self, member: &E) {
        self.members.retain(|m| m != member);
    }

    /// The combined numeric value (bitwise or of the members' values); `None`
    /// when a member is unrecognized.
    pub fn bits(&self) -> Option<i64> {
        self.members.iter().try_fold(0i64, |acc, m| Some(acc | m.value()?))
    }
}

impl<E> From<Vec<E>> for Flags<E> {
    fn from(members: Vec<E>) -> Self {
        Flags { members }
    }
}

impl<E: EnumMember> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, member) in self.members.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.member_name())?;
        }
        Ok(())
    }
}

impl<E: EnumMember> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: EnumMember> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FlagsVisitor(PhantomData))
    }
}

struct FlagsVisitor<E>(PhantomData<fn() -> E>);

impl<'de, E: EnumMember> Visitor<'de> for FlagsVisitor<E> {
    type Value = Flags<E>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "comma-separated member names of {}", E::QUALIFIED_NAME)
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<Flags<E>, Er> {
        if v.is_empty() {
            return Ok(Flags::default());
        }
        let members =
            v.split(',').map(|name| E::from_member(name).unwrap_or_else(|| E::unrecognized(name.to_owned()))).collect();
        Ok(Flags { members })
    }
}
