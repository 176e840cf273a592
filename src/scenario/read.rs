//! Reading the file's structs (`file.rs`, the kept run) from a JSON `Value` with one reader
//! driven by a table of each struct's fields, instead of a derived deserializer per struct.
//!
//! It reads what serde's derive with `deny_unknown_fields` read (tested against it), and says
//! what is wrong in serde's words — unknown and missing fields, a value of the wrong type, an
//! invalid length — with the path of the value at fault.

use crate::json::{Map, Value};

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
    /// a JSON object, read as a `Json` item
    Object,
    /// an array of exactly this many values of one shape
    Exactly(usize, &'static Shape),
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

/// A problem found while reading a value into its shape: the path of the value (keys joined
/// by `.`, indices as `[i]`) and serde's words for what is wrong.
#[derive(Debug)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

/// The path of a value inside its parent's, as `ReadError` writes it.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// How serde names a value of the wrong type (`string "x"`, `integer `5``, `map`, …).
fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Uint(n) => format!("integer `{n}`"),
        Value::Int(n) => format!("integer `{n}`"),
        Value::Float(x) => format!("floating point `{}`", crate::json::format_f64(*x)),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// What a shape expects, in the messages.
fn expected(shape: Shape) -> String {
    match shape {
        Shape::Number => "a number".into(),
        Shape::Uint | Shape::Size => "a whole number ≥ 0".into(),
        Shape::Flag => "a boolean".into(),
        Shape::Text => "a string".into(),
        Shape::Json => "a value".into(),
        Shape::Object => "a map".into(),
        Shape::List(_) => "a sequence".into(),
        Shape::Exactly(n, _) => format!("an array of length {n}"),
        Shape::Maybe(inner) => expected(*inner),
        Shape::Record(r) => format!("struct {}", r.name()),
    }
}

impl Shape {
    /// `v` read as this shape; `path` is where it is in the text.
    pub fn read(self, v: Value, path: &str) -> Result<Item, ReadError> {
        let wrong = |v: &Value, what: &str| ReadError {
            path: path.to_string(),
            message: format!(
                "invalid {what}: {}, expected {}",
                unexpected(v),
                expected(self)
            ),
        };
        Ok(match (self, v) {
            (Shape::Maybe(_), Value::Null) => Item::Absent,
            (Shape::Maybe(inner), v) => return inner.read(v, path),
            (Shape::Json, v) | (Shape::Object, v @ Value::Object(_)) => Item::Json(v),
            (Shape::Number, v) if v.is_number() => Item::Number(v.as_f64().unwrap_or(0.0)),
            (Shape::Uint, Value::Uint(n)) => Item::Uint(n),
            (Shape::Size, Value::Uint(n)) if usize::try_from(n).is_ok() => Item::Uint(n),
            (Shape::Uint | Shape::Size, v @ (Value::Uint(_) | Value::Int(_))) => {
                return Err(wrong(&v, "value"));
            }
            (Shape::Flag, Value::Bool(b)) => Item::Flag(b),
            (Shape::Text, Value::String(s)) => Item::Text(s),
            (Shape::List(inner), Value::Array(items)) => Item::List(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| inner.read(item, &format!("{path}[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            (Shape::Exactly(n, inner), Value::Array(items)) if items.len() == n => {
                return Shape::List(inner).read(Value::Array(items), path);
            }
            (Shape::Exactly(n, _), Value::Array(items)) => {
                return Err(ReadError {
                    path: path.to_string(),
                    message: format!(
                        "invalid length {}, expected an array of length {n}",
                        items.len()
                    ),
                });
            }
            (Shape::Record(r), Value::Object(map)) => return read_record(r, map, path),
            (_, v) => return Err(wrong(&v, "type")),
        })
    }
}

/// An object as the record `r`: each key one of its fields, the required ones there.
fn read_record(r: &'static (dyn Fields + Sync), map: Map, path: &str) -> Result<Item, ReadError> {
    let mut items: Vec<Item> = (0..r.count()).map(|_| Item::Absent).collect();
    let mut given = vec![false; r.count()];
    for (key, value) in map {
        let Some(i) = (0..r.count()).find(|&i| r.field(i).0 == key) else {
            return Err(ReadError {
                path: join(path, &key),
                message: unknown_field(r, &key),
            });
        };
        items[i] = r.field(i).1.read(value, &join(path, &key))?;
        given[i] = true;
    }
    if let Some(i) = (0..r.count()).find(|&i| r.field(i).2 && !given[i]) {
        return Err(ReadError {
            path: path.to_string(),
            message: format!("missing field `{}`", r.field(i).0),
        });
    }
    Ok(Item::Record(items))
}

/// serde's "unknown field `k`, expected one of `a`, `b`, …".
fn unknown_field(r: &(dyn Fields + Sync), key: &str) -> String {
    let names: Vec<String> = (0..r.count())
        .map(|i| format!("`{}`", r.field(i).0))
        .collect();
    let expected = match names.len() {
        1 => names[0].clone(),
        2 => format!("{} or {}", names[0], names[1]),
        _ => format!("one of {}", names.join(", ")),
    };
    format!("unknown field `{key}`, expected {expected}")
}

#[cfg(test)]
mod tests;
