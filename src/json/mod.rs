//! JSON text, read and written by the playground's own code: scenario files, links, the kept
//! run, traces, and what the JS API returns. It replaced serde_json in the wasm (issue 11: a
//! smaller download; serde_json's generic reader per type, its float parser and writer took
//! ≈ 19 KB more of the gzipped wasm than this: benches/README.md). The file's structs are read
//! from a `Value` by the tables of `scenario::read`, and written by hand into one.
//!
//! - `parse`: text → `Value`, a syntax error with its line, column and path;
//! - `write`: `Value` → compact text, numbers in their shortest exact form;
//! - `number`: decimal text → the nearest f64, correctly rounded.

mod number;
mod parse;
mod write;

pub use number::parse as parse_f64;
pub use parse::{Error, from_str};
pub use write::format_f64;

/// A JSON value. Numbers keep the form they were written in: a whole number without `.` or
/// an exponent is `Uint` (≥ 0) or `Int` (< 0) when it fits one, any other number `Float`.
#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Uint(u64),
    Int(i64),
    Float(f64),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

impl PartialEq for Value {
    /// Numbers compare by value (`1` = `1.0`); objects whatever their keys' order.
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a == b,
            (Value::Uint(a), Value::Uint(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (a, b) => a.is_number() && a.as_f64() == b.as_f64(),
        }
    }
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Value::Uint(_) | Value::Int(_) | Value::Float(_))
    }

    pub fn as_bool(&self) -> Option<bool> {
        if let Value::Bool(b) = self {
            Some(*b)
        } else {
            None
        }
    }

    /// Any number, as the nearest f64.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Uint(n) => Some(n as f64),
            Value::Int(n) => Some(n as f64),
            Value::Float(x) => Some(x),
            _ => None,
        }
    }

    /// A whole number ≥ 0 written without `.` or an exponent.
    pub fn as_u64(&self) -> Option<u64> {
        if let Value::Uint(n) = self {
            Some(*n)
        } else {
            None
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        if let Value::String(s) = self {
            Some(s)
        } else {
            None
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        if let Value::Array(a) = self {
            Some(a)
        } else {
            None
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        if let Value::Object(m) = self {
            Some(m)
        } else {
            None
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
}

impl std::fmt::Display for Value {
    /// Compact JSON text (`write`).
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&to_string(self))
    }
}

impl serde::Serialize for Value {
    /// For serde-wasm-bindgen (the JS API's objects): a number that is not finite as a unit
    /// (`null`), as the JSON text writes it.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Uint(n) => s.serialize_u64(*n),
            Value::Int(n) => s.serialize_i64(*n),
            Value::Float(x) if x.is_finite() => s.serialize_f64(*x),
            Value::Float(_) => s.serialize_unit(),
            Value::String(t) => s.serialize_str(t),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// `value` as compact JSON text.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write::value(&mut out, value);
    out
}

/// An object's members in the order they were put in (a file is written in its fields'
/// order); a key at most once. Equal to another with the same members in any order.
#[derive(Clone, Debug, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    pub fn new() -> Map {
        Map(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == key)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.index(key).map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.index(key).is_some()
    }

    /// Sets `key` to `value` (in its place when it is there, else last); the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        self.set(key.into(), value.into())
    }

    /// `insert` once its arguments are made: one copy of this code, not one per pair of types.
    fn set(&mut self, key: String, value: Value) -> Option<Value> {
        match self.index(&key) {
            Some(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Sets `key` to `value` when there is one.
    pub fn put<T: Into<Value>>(&mut self, key: &str, value: Option<T>) {
        if let Some(v) = value {
            self.set(key.to_string(), v.into());
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.index(key).map(|i| self.0.remove(i).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = Member<'_>> {
        self.into_iter()
    }
}

impl std::ops::Index<&str> for Map {
    type Output = Value;

    /// The member `key`, `null` when there is none (as serde_json's map gives it).
    fn index(&self, key: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(key).unwrap_or(&NULL)
    }
}

impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

/// A member as `iter` gives it.
type Member<'a> = (&'a String, &'a Value);

impl<'a> IntoIterator for &'a Map {
    type Item = Member<'a>;
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> Member<'a>,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Map {
        let mut map = Map::new();
        for (k, v) in items {
            map.insert(k, v);
        }
        map
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Float(x)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Uint(n)
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Uint(n as u64)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Uint(n.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    /// `None` as `null`.
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

#[cfg(test)]
mod tests;

/// serde_json's value as ours (tests build values with `serde_json::json!`, and compare with
/// serde_json as the reference).
#[cfg(test)]
pub fn of(v: serde_json::Value) -> Value {
    from_str(&v.to_string()).expect("serde_json writes JSON")
}
