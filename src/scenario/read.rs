//! Reading the scenario file's structs (`file.rs`) with one serde visitor driven by a table of
//! each struct's fields, instead of a derived deserializer per struct: the derives, their
//! `Option` wrappers and their sequence forms were ≈ 25 copies of the same code in the wasm.
//!
//! The visitor asks the deserializer for the same things in the same order as serde's derive
//! did (`deserialize_struct`, `deserialize_option`, `deserialize_seq`, one `f64`, `u64`,
//! `usize`, `bool` or `String` per leaf), and fails with the same serde errors (unknown,
//! duplicate and missing fields, invalid lengths), so that serde_json's messages, their line
//! and column, and the paths `path.rs` reads from those are the derive's.

use crate::math::surface::SurfaceSpec;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde_json::Value;
use std::fmt;

/// How one value of the file is read.
#[derive(Clone, Copy)]
pub enum Shape {
    /// an `f64` (`null` refused)
    Number,
    /// a `u64`
    Uint,
    /// a `usize`
    Size,
    Flag,
    Text,
    /// any JSON value
    Json,
    /// a test surface, read by its own derive
    Surface,
    /// an array of values of one shape
    List(&'static Shape),
    /// a value, or `null` for none
    Maybe(&'static Shape),
    /// an object with the fields of a `Record`
    Record(&'static (dyn Fields + Sync)),
}

/// A value as read, before it is put into its struct: of the shape it was read as.
pub enum Item {
    /// a field not given, or `null` where that means none
    Absent,
    Number(f64),
    Uint(u64),
    Flag(bool),
    Text(String),
    Json(Value),
    Surface(SurfaceSpec),
    List(Vec<Item>),
    /// one item per field of the record, in its order
    Record(Vec<Item>),
}

impl Item {
    pub fn number(self) -> f64 {
        if let Item::Number(x) = self { x } else { 0.0 }
    }

    pub fn uint(self) -> u64 {
        if let Item::Uint(n) = self { n } else { 0 }
    }

    /// read as a `usize`, so it fits one
    pub fn size(self) -> usize {
        self.uint() as usize
    }

    pub fn flag(self) -> bool {
        matches!(self, Item::Flag(true))
    }

    pub fn text(self) -> String {
        if let Item::Text(s) = self {
            s
        } else {
            String::new()
        }
    }

    pub fn json(self) -> Value {
        if let Item::Json(v) = self {
            v
        } else {
            Value::Null
        }
    }

    pub fn surface(self) -> SurfaceSpec {
        if let Item::Surface(s) = self {
            s
        } else {
            SurfaceSpec::default()
        }
    }

    /// A list's items, each made into a `T`.
    pub fn list<T>(self, each: impl Fn(Item) -> T) -> Vec<T> {
        match self {
            Item::List(items) => items.into_iter().map(each).collect(),
            _ => Vec::new(),
        }
    }

    /// A list of lists of numbers.
    pub fn matrix(self) -> Vec<Vec<f64>> {
        self.list(|row| row.list(Item::number))
    }
}

/// One field of a struct `T` of the file: its name, its shape, whether the file must give it,
/// and how its item is put into `T` (called only for an item that is not `Absent`).
pub struct Field<T> {
    name: &'static str,
    shape: Shape,
    required: bool,
    set: fn(&mut T, Item),
}

/// A field the file may leave out.
pub const fn optional<T>(name: &'static str, shape: Shape, set: fn(&mut T, Item)) -> Field<T> {
    Field {
        name,
        shape,
        required: false,
        set,
    }
}

/// A field the file must give.
pub const fn required<T>(name: &'static str, shape: Shape, set: fn(&mut T, Item)) -> Field<T> {
    Field {
        name,
        shape,
        required: true,
        set,
    }
}

/// A struct of the file: its name (in serde's messages) and its fields.
pub struct Record<T: 'static> {
    pub name: &'static str,
    pub fields: &'static [Field<T>],
}

impl<T: Default> Record<T> {
    /// The struct from the items read by `Shape::Record(self)`.
    pub fn build(&self, item: Item) -> T {
        let mut value = T::default();
        if let Item::Record(items) = item {
            for (field, item) in self.fields.iter().zip(items) {
                if !matches!(item, Item::Absent) {
                    (field.set)(&mut value, item);
                }
            }
        }
        value
    }
}

/// A record's fields without their struct's type, for the one visitor.
pub trait Fields {
    fn name(&self) -> &'static str;
    fn count(&self) -> usize;
    /// name, shape and whether it is required
    fn field(&self, i: usize) -> (&'static str, Shape, bool);
}

impl<T> Fields for Record<T> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn count(&self) -> usize {
        self.fields.len()
    }

    fn field(&self, i: usize) -> (&'static str, Shape, bool) {
        let f = &self.fields[i];
        (f.name, f.shape, f.required)
    }
}

impl<'de> DeserializeSeed<'de> for Shape {
    type Value = Item;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Item, D::Error> {
        Ok(match self {
            Shape::Number => Item::Number(f64::deserialize(d)?),
            Shape::Uint => Item::Uint(u64::deserialize(d)?),
            Shape::Size => Item::Uint(usize::deserialize(d)? as u64),
            Shape::Flag => Item::Flag(bool::deserialize(d)?),
            Shape::Text => Item::Text(String::deserialize(d)?),
            Shape::Json => Item::Json(Value::deserialize(d)?),
            Shape::Surface => Item::Surface(SurfaceSpec::deserialize(d)?),
            Shape::List(_) => d.deserialize_seq(self)?,
            Shape::Maybe(_) => d.deserialize_option(self)?,
            Shape::Record(r) => d.deserialize_struct(r.name(), &[], self)?,
        })
    }
}

impl<'de> Visitor<'de> for Shape {
    type Value = Item;

    /// serde's words for what its derives and `Vec` expect
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Shape::Record(r) => write!(f, "struct {}", r.name()),
            Shape::Maybe(_) => f.write_str("option"),
            _ => f.write_str("a sequence"),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Item, E> {
        Ok(Item::Absent)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Item, D::Error> {
        match self {
            Shape::Maybe(inner) => inner.deserialize(d),
            _ => Err(de::Error::invalid_type(Unexpected::Option, &self)),
        }
    }

    /// An array, or a struct written as an array of its fields in order (as serde's derive
    /// reads one): a field left out at the end is absent, or an error if it is required.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
        let mut items = Vec::new();
        match self {
            Shape::List(inner) => {
                while let Some(item) = seq.next_element_seed(*inner)? {
                    items.push(item);
                }
                Ok(Item::List(items))
            }
            Shape::Record(r) => {
                for i in 0..r.count() {
                    let (_, shape, required) = r.field(i);
                    match seq.next_element_seed(shape)? {
                        Some(item) => items.push(item),
                        None if required => {
                            let n = r.count();
                            let expected = format!("struct {} with {n} elements", r.name());
                            return Err(de::Error::invalid_length(i, &expected.as_str()));
                        }
                        None => items.push(Item::Absent),
                    }
                }
                Ok(Item::Record(items))
            }
            _ => Err(de::Error::invalid_type(Unexpected::Seq, &self)),
        }
    }

    /// An object: each key one of the record's fields, at most once; the required ones there.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
        let Shape::Record(r) = self else {
            return Err(de::Error::invalid_type(Unexpected::Map, &self));
        };
        let mut items: Vec<Option<Item>> = (0..r.count()).map(|_| None).collect();
        while let Some(i) = map.next_key_seed(Key(r))? {
            let (name, shape, _) = r.field(i);
            if items[i].is_some() {
                return Err(de::Error::duplicate_field(name));
            }
            items[i] = Some(map.next_value_seed(shape)?);
        }
        let mut read = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let (name, _, required) = r.field(i);
            match item {
                Some(item) => read.push(item),
                None if required => return Err(de::Error::missing_field(name)),
                None => read.push(Item::Absent),
            }
        }
        Ok(Item::Record(read))
    }
}

/// A key of an object read as a record: the index of its field.
struct Key(&'static (dyn Fields + Sync));

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }

    /// The field's index, or serde's "unknown field `k`, expected one of `a`, `b`, …".
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        let r = self.0;
        if let Some(i) = (0..r.count()).find(|&i| r.field(i).0 == key) {
            return Ok(i);
        }
        let names: Vec<String> = (0..r.count())
            .map(|i| format!("`{}`", r.field(i).0))
            .collect();
        let expected = match names.len() {
            1 => names[0].clone(),
            2 => format!("{} or {}", names[0], names[1]),
            _ => format!("one of {}", names.join(", ")),
        };
        Err(E::custom(format!(
            "unknown field `{key}`, expected {expected}"
        )))
    }
}

#[cfg(test)]
mod tests;
