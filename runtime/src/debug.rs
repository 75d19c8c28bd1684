//! `Debug` of generated structs: the members the value serializes to.
//!
//! A generated struct can declare hundreds of properties (Graph's `user`
//! has 196) of which a response carries a few; a derived `Debug` prints
//! every one, most as `None`. This module prints what the value would
//! write as JSON, the members it has (an explicit `null` that was read
//! among them), through the struct's own `write_fields`: a
//! [`serde::Serializer`] that formats with the standard library's
//! builders, so `{:#?}` indents as usual. The crate thus compiles no
//! `Debug` code per field, and one small function per type.

use std::fmt::{self, Debug, Formatter};

use serde::Serialize;
use serde::ser::{self, Impossible};

/// Writes `value` as `Name {"member": value, ...}`.
pub fn structured<T: Serialize>(value: &T, name: &str, f: &mut Formatter<'_>) -> fmt::Result {
    f.write_str(name)?;
    f.write_str(" ")?;
    value.serialize(Out(f)).map_err(|_| fmt::Error)
}

/// A value shown through its `Serialize` impl.
struct Shown<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Debug for Shown<'_, T> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.0.serialize(Out(f)).map_err(|_| fmt::Error)
    }
}

/// A text written as it is.
struct Raw<'a>(&'a str);

impl Debug for Raw<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The formatter failed; `Debug` reports it as [`fmt::Error`].
#[derive(Debug)]
struct Failed;

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("formatting failed")
    }
}

impl std::error::Error for Failed {}

impl ser::Error for Failed {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Failed
    }
}

fn done(r: fmt::Result) -> Result<(), Failed> {
    r.map_err(|_| Failed)
}

/// The serializer: each value is formatted into the formatter it holds.
struct Out<'a, 'b>(&'a mut Formatter<'b>);

macro_rules! shown_with_debug {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, v: $ty) -> Result<(), Failed> {
            done(Debug::fmt(&v, self.0))
        })*
    };
}

impl<'a, 'b> ser::Serializer for Out<'a, 'b> {
    type Ok = ();
    type Error = Failed;
    type SerializeSeq = List<'a, 'b>;
    type SerializeTuple = List<'a, 'b>;
    type SerializeTupleStruct = List<'a, 'b>;
    type SerializeTupleVariant = Impossible<(), Failed>;
    type SerializeMap = Map<'a, 'b>;
    type SerializeStruct = Map<'a, 'b>;
    type SerializeStructVariant = Impossible<(), Failed>;

    shown_with_debug! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
    }

    fn serialize_none(self) -> Result<(), Failed> {
        done(self.0.write_str("null"))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Failed> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Failed> {
        done(self.0.write_str("null"))
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Failed> {
        done(self.0.write_str(name))
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Failed> {
        done(Debug::fmt(variant, self.0))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Failed> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Failed> {
        done(self.0.debug_map().entry(&variant, &Shown(value)).finish())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<List<'a, 'b>, Failed> {
        Ok(List(self.0.debug_list()))
    }

    fn serialize_tuple(self, len: usize) -> Result<List<'a, 'b>, Failed> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<List<'a, 'b>, Failed> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Failed>, Failed> {
        Err(Failed)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Map<'a, 'b>, Failed> {
        Ok(Map(self.0.debug_map()))
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Map<'a, 'b>, Failed> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Failed>, Failed> {
        Err(Failed)
    }
}

/// A sequence, as a list.
struct List<'a, 'b>(fmt::DebugList<'a, 'b>);

impl ser::SerializeSeq for List<'_, '_> {
    type Ok = ();
    type Error = Failed;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failed> {
        self.0.entry(&Shown(value));
        Ok(())
    }

    fn end(mut self) -> Result<(), Failed> {
        done(self.0.finish())
    }
}

impl ser::SerializeTuple for List<'_, '_> {
    type Ok = ();
    type Error = Failed;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failed> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Failed> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for List<'_, '_> {
    type Ok = ();
    type Error = Failed;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failed> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Failed> {
        ser::SerializeSeq::end(self)
    }
}

/// An object, as a map of its member names.
struct Map<'a, 'b>(fmt::DebugMap<'a, 'b>);

impl ser::SerializeMap for Map<'_, '_> {
    type Ok = ();
    type Error = Failed;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Failed> {
        self.0.key(&Shown(key));
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failed> {
        self.0.value(&Shown(value));
        Ok(())
    }

    fn end(mut self) -> Result<(), Failed> {
        done(self.0.finish())
    }
}

impl ser::SerializeStruct for Map<'_, '_> {
    type Ok = ();
    type Error = Failed;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Failed> {
        self.0.entry(&Raw(key), &Shown(value));
        Ok(())
    }

    fn end(mut self) -> Result<(), Failed> {
        done(self.0.finish())
    }
}
